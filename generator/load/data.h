/* data.h - reads data/: lists the exports, reads each file the KPIs need once, streaming,
 * parses dates and numbers, applies the KPIs' filters and hands every row to the engine
 * (model/engine.h); then settles the reference date and lets the engine finish. */
#ifndef MEETLAT_DATA_H
#define MEETLAT_DATA_H

#include "base/diag.h"
#include "model/model.h"

/* List the exports of datadir (CSV files and Excel workbooks) into m->files and read the ones
 * the KPIs use. `peildatum` is
 * the date given on the command line or DAY_NONE. Returns 0, or -1 after reporting problems. */
int data_load(model_t *m, const char *datadir, const char *shown_dir, int peildatum, diag_t *d);

#endif
