/* edition.h - editions: what meetlat published, kept as a record, and what changed since.
 *
 * `meetlat build --publiceer` keeps each published edition as edities/editie-JJJJ-MM-DD.csv
 * beside content/ and data/: every figure (KPI, group, period, value as shown, provisional or
 * final, rows counted and items open), every KPI's status with fingerprints of its definition
 * and targets, every milestone's status, the reference date, and a SHA-256 check over the
 * lines before it. The next build reads the records (load/edition.c) and compares with the
 * latest one before its own reference date. */
#ifndef MEETLAT_EDITION_H
#define MEETLAT_EDITION_H

#include "base/util.h"
#include "model/model.h"

/* 2: with a row "bron" per export (what it covered, a fingerprint of the values read); 3: with a
 * row "correctie" (a correction of an edition published before). A record states the lowest
 * version that reads it, so a record that corrects nothing is still version 2; records of
 * version 1 are read too. */
enum { EDITION_VERSION = 3 };

/* The columns of a record, in order. */
#define EDITION_COLUMNS "soort;kpi;groep;periode;waarde;stand;status;aantal;open;doel_gehaald;definitie;doelen;naam"

/* The check of a record's lines: SHA-256 of `text` without its carriage returns. */
void edition_check(const char *text, size_t len, char out[65]);

/* This build's record: same model, same bytes. With m->correction, it says which record it
 * corrects (`corrects`, the file name). */
void edition_record(const model_t *m, const char *corrects, buf_t *out);

/* The record's file name: editie-JJJJ-MM-DD.csv, or editie-JJJJ-MM-DD-correctie-n.csv for the
 * n-th correction (out: 64 bytes). */
void edition_name(int peildatum, int correction, char *out);

/* The edition published for a reference date: its last correction, or the record itself; NULL
 * if there is none. */
const edition_t *edition_of(const model_t *m, int peildatum);

/* Whether a record says what this build's record says: the same lines, whatever their line ends
 * (a conversion by git or an editor), and apart from its version and whether it is a
 * correction. */
int edition_same(const edition_t *e, const char *record, size_t len);

/* How this build differs from an edition of its own reference date, as far as a reader sees
 * it: figures, statuses, KPIs, milestones, and the exports and definitions behind them. */
typedef enum {
	DIFF_SOURCE,     /* an export is not the one the edition read (file) */
	DIFF_DEFINITION, /* a KPI's definition or targets changed in the content (k, was: what) */
	DIFF_KPI_NEW,    /* a KPI the edition did not have (k) */
	DIFF_KPI_GONE,   /* a KPI the edition had (name) */
	DIFF_STATUS,     /* a KPI's status (k, was, now) */
	DIFF_FIGURE,     /* a figure's value, stand or rows (k, group, period, was/now values) */
	DIFF_FIGURE_NEW, /* a figure the edition did not have */
	DIFF_FIGURE_GONE,/* a figure the edition had */
	DIFF_MILESTONE,  /* a milestone's status (page, wat, was, now); without was: new; without
	                    now or page: gone */
} diff_kind;

typedef struct {
	diff_kind kind;
	const kpi_t *k;
	const char *name;        /* DIFF_KPI_GONE: its name then; DIFF_SOURCE: the file */
	const char *group;       /* figures */
	int key;                 /* figures: the period */
	double was, now;         /* figures: the values as shown */
	int was_prov, now_prov;  /* and whether provisional */
	long was_total, now_total;
	const char *was_word, *now_word; /* statuses */
	const page_t *page;      /* DIFF_MILESTONE */
	const char *wat;
	int line;                /* in the record, or 0 */
} ed_diff;

/* The differences, in the record's order (caller frees *out). */
size_t edition_differences(const model_t *m, const edition_t *e, ed_diff **out);

/* What changed from one edition to the next, counted, for the list of editions: KPIs whose
 * status changed, figures published again with another value, KPIs new and gone, milestones
 * whose status changed. */
typedef struct {
	int statuses, revised, kpis_new, kpis_gone, milestones;
} ed_delta;
void edition_delta(const edition_t *was, const edition_t *now, ed_delta *out);
/* The same for this build against the edition it compares with (its changes). */
void edition_delta_build(const model_t *m, ed_delta *out);

/* Fingerprints of what decides a KPI's figures (its definition, and the extra closing days when
 * it counts working days) and of its targets (16 hex digits each). */
void edition_fingerprints(const kpi_t *k, const calendar_t *cal, char def[17], char targets[17]);

/* Pick the edition to compare with (the latest before the reference date), mark revised
 * figures in the series and list the changes (m->changes). */
void edition_compare(model_t *m);

/* What the previous edition published as this KPI's value (the organisation, in the period it
 * then reported): 1 with *v and *key set, else 0. */
int edition_prev_value(const model_t *m, const kpi_t *k, double *v, int *key);

#endif
