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

/* REF_TARGET is the target that applies at the reference date (the next, or the last), drawn
 * strongest; REF_TARGET_OTHER any other target of the KPI (one passed, or one further ahead). */
typedef enum { REF_BASE, REF_STEP, REF_TARGET, REF_NORM, REF_TARGET_OTHER } chart_ref_kind;
enum { REF_N = REF_TARGET_OTHER + 1 };

/* How a line looks in every output, so a legend swatch means one thing: each kind of
 * reference line has its own dash pattern (never colour alone), the baseline and the norm in
 * grey, the step and the targets in the target colour. `pattern` is on and off lengths at a
 * line width of 2 (SVG px, PDF pt): "8 4"; NULL is solid. */
typedef enum { DASH_SOLID, DASH_DOT, DASH_DASH, DASH_DASH_DOT, DASH_DASH_DOT_DOT, DASH_SHORT, DASH_LONG } chart_dash;
typedef struct {
	unsigned rgb;
	chart_dash dash;
	const char *pattern;
} chart_style;
const chart_style *chart_ref_style(chart_ref_kind kind);
extern const chart_style chart_series_style; /* the measured series: solid, the accent colour */
extern const chart_style chart_event_style;  /* an event: a thin short-dashed vertical line */
#define CHART_TEXT_RGB 0x1b1b1bu
#define CHART_GRID_RGB 0xd5dbe1u  /* decorative */

/* Reference lines at the same value (as shown) are one line with one label: "doel eind 2024 en
 * eind 2025: minstens 90%"; the line takes the style of the most telling kind (a target before
 * the step, the norm, the baseline). */
typedef struct {
	chart_ref_kind kind;
	double value;
	int datum;        /* REF_BASE, REF_TARGET: the day it applies to; else DAY_NONE */
	char *label;      /* "doel eind 2025: ten hoogste 15%" */
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
	char *axis_label; /* the unit over the value axis: "procent", "cijfer", "werkdagen" */
	double ymin, ymax;
	/* the value axis does not start at its natural zero (0%, the lowest mark) because the
	 * values lie in a narrow band: outputs mark the axis as cut, and `desc` says so */
	int cut;
	double zero;      /* the natural start of the axis: 0, or the lowest mark */
	size_t note_at;   /* where the sentence about a cut axis starts in desc (its length if none) */
} chart_t;

/* The whole organisation over time, with baseline, targets and intermediate step;
 * `group` selects one group's series instead (NULL: Totaal). NULL if nothing to draw. */
chart_t *chart_trend(const kpi_t *k, const series_t *group, const char *id);
/* One bar per group for period `key`, with the norm or the target as a reference line. */
chart_t *chart_groups(const kpi_t *k, int key, const char *id);
void chart_free(chart_t *c);
/* Small multiples: one value axis for all n charts (the widest range of them), so their lines
 * compare at a glance; each finding says where a cut axis starts. */
void chart_share_axis(chart_t **c, int n);
/* Label placement, shared by the outputs that place labels themselves (SVG and PDF). */
/* The width of `s` at font size `size` in the charts' font (DejaVu Sans, and Verdana, which has
 * nearly the same widths; a narrower fallback font only makes room). */
double chart_text_width(const char *s, double size, int bold);
/* Move n labels apart along one axis: label i wants its centre at pos[i] and is size[i] long;
 * afterwards no two are closer than `gap`, they keep their order, and all lie within [lo, hi]
 * when they fit there at all (else they start at lo). */
void chart_spread(double *pos, const double *size, int n, double gap, double lo, double hi);
/* Break `s` into at most `maxlines` lines no wider than `width` (by `measure`, or by
 * chart_text_width when NULL), at spaces; a word too long for a line, or text left over,
 * ends in "…". Returns the number of lines; each out[i] is malloc'ed. */
typedef double (*chart_measure)(void *ctx, const char *s, double size, int bold);
int chart_wrap(const char *s, double size, int bold, double width, int maxlines, chart_measure measure, void *ctx,
               char **out);

/* The direct label at the end of series `s` of a line chart, "Totaal: 7,2" (out: 200), and the
 * category it stands at; -1 (and no label) when the series has no value. */
int chart_end_label(const chart_t *c, int s, char *out);

#endif
