/* edition.h - reads the records of published editions from edities/ (model/edition.h says
 * what a record holds). A record changed by hand (its check no longer fits), damaged, from a
 * newer meetlat, or a second record for the same reference date is refused with a message;
 * the files themselves are never changed. */
#ifndef MEETLAT_LOAD_EDITION_H
#define MEETLAT_LOAD_EDITION_H

#include "base/diag.h"
#include "model/model.h"

/* Read every *.csv in `dir` (shown as `shown_dir` in messages) into m->editions, sorted by
 * reference date. A missing folder is no error. Returns 0, or -1 after reporting problems. */
int edition_load(model_t *m, const char *dir, const char *shown_dir, diag_t *d);
/* Whether `dir` holds any *.csv that edition_load would read (or cannot be listed, other than
 * missing): then the exports' fingerprints are needed (model.h, fingerprints). */
int edition_any(const char *dir);

#endif
