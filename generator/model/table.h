/* table.h - a KPI's series as one table (rows per group and period), built once
 * from the model and written by the CSV, XLSX and HTML renderers alike, so every output
 * shows the same numbers rounded the same way. */
#ifndef MEETLAT_TABLE_H
#define MEETLAT_TABLE_H

#include "model/model.h"

typedef enum { KT_TEXT, KT_PERIOD, KT_COUNT, KT_PCT, KT_MARK } kt_kind;

typedef struct {
	char *key;    /* open-data header: team, maand, percentage_buiten_termijn */
	char *label;  /* for readers: "Buiten termijn (%)" */
	char *head;   /* the label with its unit, for a spreadsheet's header: "Gemiddelde (cijfer)" */
	char *unit;   /* what a number in it counts or measures: "aantal", "procent", "cijfer",
	                 "werkdagen", "score van 1 tot 5"; NULL for text and periods */
	char *desc;   /* what the column holds, in a sentence or two, for the open data's metadata */
	kt_kind kind;
} kt_col;

typedef struct {
	int empty;    /* no value (suppressed or not applicable) */
	double num;   /* rounded as shown */
	char *text;   /* KT_TEXT, KT_PERIOD: the text; others: Dutch display form */
} kt_cell;

/* What a row is: the series it comes from (is_total tells the organisation's) and its period;
 * for a share of counts, the counts it divides (teller / noemer), as the table shows them. */
typedef struct {
	const series_t *series;
	int key;
	int has_ratio;
	long teller, noemer;
} kt_row;

typedef struct kt_table {
	kt_col cols[16];
	int ncols;
	kt_cell *cells; /* nrows * ncols */
	kt_row *rows;   /* nrows */
	size_t nrows;
	int period_col, group_col, value_col; /* -1 if absent */
	int stand_col;  /* "voorlopig" or "definitief" */
	int revised_col; /* the value the previous edition published, where it differs; -1 */
	int any_revised; /* that column has a value somewhere (the open data has it always) */
	/* A share computed from counts in the same row: value_col = part_col / (whole_col -
	 * minus_col) as a percentage, rounded as shown; -1 when the value is no such share. A row
	 * where the divisor is 0 has no value. */
	int part_col, whole_col, minus_col;
	per_t per;
} kt_table;

void kt_build(const kpi_t *k, kt_table *t);
void kt_free(kt_table *t);
/* Every KPI's table, made once when the model is complete (build.c, before the renderers run
 * side by side); kt_of gives it (the renderers only read it; model_free frees it). A KPI whose
 * table was not made yet gets it made on the spot: on one thread only. */
void kt_tables(model_t *m);
const kt_table *kt_of(const kpi_t *k);
const kt_cell *kt_at(const kt_table *t, size_t row, int col);

#endif
