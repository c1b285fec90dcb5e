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

/* Whether a file is text meetlat takes: UTF-8 of a sane size without control characters; 1,
 * or 0 after a message. */
int content_text_ok(const char *shown, const char *text, size_t len, diag_t *d);

/* A file's front matter (from a first line "---" to the next "---" or "...") as a map, and where
 * its Markdown text starts (byte offset and line). `what` says what belongs between the lines
 * ("titel, soort en de andere gegevens van de pagina"), `map_what` the same for a front matter
 * that is no map. 0, or -1 after a message (*fm NULL). The caller frees *fm (ytree_free). */
struct ynode;
int content_front(const char *text, size_t len, const char *shown, diag_t *d, const char *what, const char *map_what,
                  struct ynode **fm, size_t *body, int *body_line);

/* Checks that need every file: unique KPI ids and page names; 0 or -1. */
int content_finish(model_t *m, const char *shown_dir, diag_t *d);

#endif
