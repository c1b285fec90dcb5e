/* data.h - reads data/: lists the exports, reads each file the KPIs need once, streaming,
 * parses dates and numbers, applies the KPIs' filters and hands every row to the engine
 * (model/engine.h); then settles the reference date and lets the engine finish. */
#ifndef MEETLAT_DATA_H
#define MEETLAT_DATA_H

#include "base/diag.h"
#include "model/model.h"

/* data/financien.csv or .xlsx: the money per action, read by load/finance.c, not by a KPI. */
#define FINANCE_STEM "financien"

/* List the exports of datadir (CSV files and Excel workbooks) into m->files and read the ones
 * the KPIs use. `peildatum` is
 * the date given on the command line or DAY_NONE. Returns 0, or -1 after reporting problems. */
int data_load(model_t *m, const char *datadir, const char *shown_dir, int peildatum, diag_t *d);

/* Notices that depend on the editions read since (m->editions): an export read as Windows-1252
 * is named when it is new or changed, that is, when no edition read it with the same values; an
 * export that only comes back as it was is not news every build. */
void data_notes(const model_t *m, const char *shown_dir, diag_t *d);

#endif
