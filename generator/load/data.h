/* kpi.h - the KPI engine: reads every data file a KPI needs once, streaming, and
 * aggregates per period and group (memory grows with groups x periods, never with rows);
 * then derives the reference date if needed, values, statuses and their reasons. */
#ifndef MEETLAT_KPI_H
#define MEETLAT_KPI_H

#include "base/diag.h"
#include "model/model.h"

/* List the CSV files of datadir into m->files and read the ones the KPIs use. `peildatum` is the date
 * given on the command line or DAY_NONE. Returns the number of errors. */
int kpi_load(model_t *m, const char *datadir, const char *shown_dir, int peildatum, diag_t *d);

/* The target that applies on `day`: the first one on or after it, else the last one;
 * NULL when the KPI has no targets. */
const target_t *kpi_target_at(const kpi_t *k, int day);
/* Dutch text of a value in the KPI's unit: "24,3%", "6,7", "1.234". */
void kpi_fmt_value(const kpi_t *k, double v, char *out);
/* "ten hoogste" or "minstens" */
const char *kpi_bound_word(const kpi_t *k);
/* A target date for readers: "eind 2025" or "30 juni 2025". */
void kpi_fmt_target_date(int day, char *out);
/* Two-sided 95% t quantile for df degrees of freedom. */
double t95(long df);

#endif
