/* chart.h - a chart described once, from the model, with everything any output needs to
 * draw it: kind, categories (periods with their keys, or groups), series, reference lines
 * (baseline, intermediate step, targets with their dates, norm), events, the axis range and
 * unit, the title and the finding in one sentence. The site draws it as SVG, the PDF as
 * vector graphics and the workbook as a native chart; none of them decides anything. */
#ifndef MEETLAT_CHART_H
#define MEETLAT_CHART_H

#include "model/model.h"

typedef enum { CHART_LINE, CHART_BARS } chart_kind; /* BARS: horizontal, one per category */

typedef struct {
	char *label;      /* direct label: "Totaal", a team */
	double *y;        /* per category */
	int *has;         /* per category: a value exists */
	int *revised;     /* per category: the previous edition published another value */
} chart_series;

typedef enum { REF_BASE, REF_STEP, REF_TARGET, REF_NORM } chart_ref_kind;

typedef struct {
	chart_ref_kind kind;
	double value;
	int datum;        /* REF_BASE, REF_TARGET: the day it applies to; else DAY_NONE */
	char *label;      /* "doel eind 2025: ten hoogste 15%" */
	int dashed;       /* targets and the step dashed; baseline and norm dotted */
} chart_ref;

typedef struct {
	int cat;          /* category index where it happens */
	int datum;
	char *label;      /* "Pilot gestart (1 januari 2024)" */
} chart_event;

typedef struct {
	chart_kind kind;
	char *id;         /* unique within a page, for aria references */
	char *title;
	char *desc;       /* the finding in words */
	per_t per;        /* LINE: the categories are consecutive periods of this kind */
	int first_key;    /* LINE: the key of category 0 */
	char **cats;      /* category labels: "okt 2024", a team */
	char **ticks;     /* line charts: axis label per category, NULL for none */
	int ncats;
	chart_series *series;
	int nseries;
	chart_ref *refs;
	int nrefs;
	chart_event *events;
	int nevents;
	eenheid_t unit;
	double ymin, ymax;
} chart_t;

/* The whole organisation over time, with baseline, targets and intermediate step;
 * `group` selects one group's series instead (NULL: Totaal). NULL if nothing to draw. */
chart_t *chart_trend(const kpi_t *k, const series_t *group, const char *id);
/* One bar per group for period `key`, with the norm or the target as a reference line. */
chart_t *chart_groups(const kpi_t *k, int key, const char *id);
void chart_free(chart_t *c);
/* The direct label at the end of series `s` of a line chart, "Totaal: 7,2" (out: 200), and the
 * category it stands at; -1 (and no label) when the series has no value. */
int chart_end_label(const chart_t *c, int s, char *out);

#endif
