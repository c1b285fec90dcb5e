/* engine.h - the KPI engine. Rows are added while the loader streams the exports; the engine
 * aggregates them per KPI, group and period (memory grows with groups x periods, never with
 * rows). Once the reference date is known, engine_finish completes every cell and computes
 * what the renderers show: values, statuses, milestone statuses and the model's summaries.
 * The rules are written for readers in docs/definities.md; keep the two in step. */
#ifndef MEETLAT_ENGINE_H
#define MEETLAT_ENGINE_H

#include "model/model.h"

typedef struct engine engine_t;

/* The most groups (teams, channels, products) one KPI may have: memory stays bounded by
 * groups x periods, and a wrong 'groep' column (a name or a free-text column) is caught. */
#define MAX_GROUPS 1000

/* `peil`: the reference date when it is known before reading (command line, content),
 * else DAY_NONE; open items are then kept as a histogram of deadlines until engine_finish. */
engine_t *engine_new(model_t *m, int peil);
void engine_free(engine_t *e);
/* An empty engine like `e`, for the rows of one part of an export that another thread reads
 * (load/data.c); it shares nothing that changes with `e`. engine_merge adds its counts to `e`
 * as if `e` had counted its rows after its own, and returns 0; -1 when the result would not be
 * exactly that (more than MAX_GROUPS groups, a span past MAX_SPAN_YEARS, sums of fractions,
 * whose rounding depends on the order): then `e` is unchanged. `part` is freed either way. */
engine_t *engine_part(const engine_t *e);
int engine_merge(engine_t *e, engine_t *part);

typedef enum { END_NONE, END_EMPTY, END_DAY } end_state;

/* One row of an export, as far as a KPI needs it. */
typedef struct {
	int day;          /* the start date: places the row in a period */
	end_state end;    /* termijn, duration: the end column */
	int end_day;      /* END_DAY: its date */
	double v;         /* gemiddelde of a column: the value */
	int hit;          /* aandeel: the column has the value that counts */
} engine_row;

/* The longest span of periods one KPI may have, in years: memory and pages stay bounded by
 * groups x periods, whatever dates an export holds. */
#define MAX_SPAN_YEARS 25

/* Count a row for KPI number `ki` (index in m->kpis), for the whole organisation and, when
 * the KPI is grouped, for group `group` (len bytes). Returns 0; ENGINE_GROUPS when that would
 * be group number MAX_GROUPS + 1, ENGINE_SPAN when its dates would stretch the KPI's periods
 * over more than MAX_SPAN_YEARS (the row is then not counted). */
enum { ENGINE_GROUPS = -1, ENGINE_SPAN = -2 };
int engine_add(engine_t *e, size_t ki, const char *group, size_t len, const engine_row *r);
/* A value reported by hand (maat waarde). Returns -1 when the period already has one. */
int engine_add_value(engine_t *e, size_t ki, int key, double v);

/* Complete every KPI at reference date `peil` and compute statuses and summaries. */
void engine_finish(engine_t *e, int peil);

/* Two-sided 95% t quantile for df degrees of freedom. */
double t95(long df);

#endif
