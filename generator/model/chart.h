/* chart.h - a chart described once, from the model: kind, categories, series, reference
 * lines (baseline, targets, norm, intermediate step) and events. The site draws it as SVG;
 * the same description is meant for the PDF and the workbook. */
#ifndef MEETLAT_CHART_H
#define MEETLAT_CHART_H

#include "model/model.h"

typedef enum { CHART_LINE, CHART_BARS } chart_kind; /* BARS: horizontal, one per category */

typedef struct {
	char *label;      /* direct label: "Totaal", a team */
	double *y;        /* per category */
	int *has;         /* per category: a value exists */
} chart_series;

typedef struct {
	double value;
	char *label;      /* "doel eind 2025: ten hoogste 15%" */
	int dashed;       /* targets dashed; baseline and norm dotted */
} chart_ref;

typedef struct {
	int cat;          /* category index where it happens */
	char *label;      /* "Pilot gestart" */
} chart_event;

typedef struct {
	chart_kind kind;
	char *id;         /* unique within a page, for aria references */
	char *title;
	char *desc;       /* the finding in words */
	char **cats;      /* category labels */
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

#endif
