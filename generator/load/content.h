/* content.h - reads the Markdown files of content/ (YAML front matter + Markdown) into the model and
 * checks the front matter against the schema documented in README.md ("Inputs"). */
#ifndef MEETLAT_CONTENT_H
#define MEETLAT_CONTENT_H

#include "base/diag.h"
#include "model/model.h"

/* Load every .md file of dir (in name order). `shown_dir` prefixes file names in
 * messages. Returns 0, or -1 after reporting problems. */
int content_load(model_t *m, const char *dir, const char *shown_dir, diag_t *d);

/* Load one file's text (exposed for tests); 0 or -1 as content_load. */
int content_load_text(model_t *m, const char *name, const char *shown, const char *text,
                      size_t len, diag_t *d);

/* Checks that need every file: unique KPI ids and page names; 0 or -1. */
int content_finish(model_t *m, const char *shown_dir, diag_t *d);

#endif
