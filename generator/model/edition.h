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

/* 2: with a row "bron" per export (what it covered, a fingerprint of the values read); records
 * of version 1 are read too. */
enum { EDITION_VERSION = 2 };

/* The columns of a record, in order. */
#define EDITION_COLUMNS "soort;kpi;groep;periode;waarde;stand;status;aantal;open;doel_gehaald;definitie;doelen;naam"

/* The check of a record's lines: SHA-256 of `text` without its carriage returns. */
void edition_check(const char *text, size_t len, char out[65]);

/* Whether two records publish the same: the same lines, apart from line ends, the exports'
 * fingerprints ('bron': an export refreshed with rows after the reference date publishes
 * nothing new) and the check. */
int edition_same(const char *a, size_t alen, const char *b, size_t blen);

/* This build's record: same model, same bytes. */
void edition_record(const model_t *m, buf_t *out);

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
