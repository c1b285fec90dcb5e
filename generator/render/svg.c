/* svg.c - see svg.h. Colours meet WCAG 2.1: text 4.5:1, lines and bars 3:1 on white. */
#include "render/svg.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "model/present.h"

#define C_TEXT "#1b1b1b"
#define C_SERIES "#1f4e79"   /* 8.9:1 */
#define C_TARGET "#8a4b00"   /* 6.5:1 */
#define C_BASE "#4a5563"     /* 7.6:1 */
#define C_GRID "#d5dbe1"     /* decorative */

static double nice_step(double span, int want)
{
	double raw = span / want, mag = pow(10, floor(log10(raw)));
	double f = raw / mag;
	return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

static void text(buf_t *b, double x, double y, const char *anchor, const char *extra, const char *s)
{
	buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>", x, y, anchor, extra ? extra : "");
	esc_html(b, s);
	buf_puts(b, "</text>");
}

/* Spread label positions so no two are closer than `gap` (they are sorted by y first). */
static void spread(double *y, int *order, int n, double gap, double lo, double hi)
{
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && y[order[j]] < y[order[j - 1]]; j--) {
			int t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	for (int i = 1; i < n; i++)
		if (y[order[i]] - y[order[i - 1]] < gap)
			y[order[i]] = y[order[i - 1]] + gap;
	if (n && y[order[n - 1]] > hi) {
		double shift = y[order[n - 1]] - hi;
		for (int i = 0; i < n; i++)
			y[order[i]] -= shift;
	}
	(void)lo;
}

/* Every chart is drawn twice: wide (labels beside the plot) and narrow, for phones (labels
 * under the plot, fewer ticks, the last value at its point). The stylesheet shows one; the other
 * is display:none, so assistive technology meets one image with one description. */
static void svg_open(buf_t *b, const chart_t *c, double w, double h, int narrow)
{
	const char *v = narrow ? "n" : "";
	buf_printf(b, "<svg class=\"%s\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-labelledby=\"%s-%st %s-%sd\" "
	              "focusable=\"false\" font-size=\"13\" fill=\"" C_TEXT "\">",
	           narrow ? "smal" : "breed", w, h, c->id, v, c->id, v);
	buf_printf(b, "<title id=\"%s-%st\">", c->id, v);
	esc_html(b, c->title);
	buf_printf(b, "</title><desc id=\"%s-%sd\">", c->id, v);
	esc_html(b, c->desc);
	buf_puts(b, "</desc>");
}

/* The plot area of a line chart, and what both drawings (wide and narrow) put in it. */
typedef struct {
	const chart_t *c;
	double L, T, pw, ph;
} plot;

static double px(const plot *p, int i)
{
	return p->L + (p->c->ncats == 1 ? p->pw / 2 : (double)i * p->pw / (double)(p->c->ncats - 1));
}

static double py(const plot *p, double v)
{
	return p->T + p->ph * (1 - (v - p->c->ymin) / (p->c->ymax - p->c->ymin));
}

static void hline(buf_t *b, const plot *p, double y, const char *colour, const char *extra)
{
	buf_printf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>", p->L, p->L + p->pw, y, y,
	           colour, extra ? extra : "");
}

/* Grid lines with their labels `gap` left of the plot (about `ticks` of them), and the x axis. */
static void grid(buf_t *b, const plot *p, int ticks, double gap)
{
	const chart_t *c = p->c;
	double step = nice_step(c->ymax - c->ymin, ticks);
	for (double v = ceil(c->ymin / step) * step; v <= c->ymax + 1e-9; v += step) {
		char l[56];
		present_tick(c->unit, v, l);
		hline(b, p, py(p, v), C_GRID, NULL);
		text(b, p->L - gap, py(p, v) + 4, "end", NULL, l);
	}
	hline(b, p, p->T + p->ph, C_TEXT, NULL);
}

/* Event lines, reference lines and the series, with a point at every value (`points`) or only
 * at the last one. */
static void lines(buf_t *b, const plot *p, int points)
{
	const chart_t *c = p->c;
	for (int e = 0; e < c->nevents; e++) {
		double x = px(p, c->events[e].cat);
		buf_printf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"" C_BASE "\" "
		              "stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>",
		           x, x, p->T + 4, p->T + p->ph);
	}
	for (int r = 0; r < c->nrefs; r++)
		hline(b, p, py(p, c->refs[r].value), c->refs[r].dashed ? C_TARGET : C_BASE,
		      c->refs[r].dashed ? " stroke-width=\"2\" stroke-dasharray=\"7 4\"" : " stroke-width=\"2\" stroke-dasharray=\"2 3\"");
	for (int s = 0; s < c->nseries; s++) {
		const chart_series *se = &c->series[s];
		buf_puts(b, "<path fill=\"none\" stroke=\"" C_SERIES "\" stroke-width=\"2.5\" d=\"");
		int pen = 0, last = -1;
		for (int i = 0; i < c->ncats; i++) {
			if (!se->has[i]) {
				pen = 0;
				continue;
			}
			buf_printf(b, "%c%.1f %.1f", pen ? 'L' : 'M', px(p, i), py(p, se->y[i]));
			pen = 1;
			last = i;
		}
		buf_puts(b, "\"/>");
		for (int i = 0; i < c->ncats; i++) {
			if (!se->has[i])
				continue;
			if (se->revised[i]) /* revised since the previous edition: an open ring */
				buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"#fff\" stroke=\"" C_SERIES "\" "
				              "stroke-width=\"2\"/>",
				           px(p, i), py(p, se->y[i]));
			else if (points || i == last)
				buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"" C_SERIES "\"/>", px(p, i),
				           py(p, se->y[i]), points ? 3 : 4);
		}
	}
}

static void line_chart(const chart_t *c, buf_t *b)
{
	const double W = 720, H = 300, L = 56, R = 250, T = 14, B = 40;
	const plot p = {c, L, T, W - L - R, H - T - B};
	svg_open(b, c, W, H, 0);
	grid(b, &p, 5, 8);
	for (int i = 0; i < c->ncats; i++)
		if (c->ticks[i]) {
			buf_printf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"" C_TEXT "\"/>",
			           px(&p, i), px(&p, i), T + p.ph, T + p.ph + 5);
			text(b, px(&p, i), H - B + 20, "middle", NULL, c->ticks[i]);
		}
	lines(b, &p, 1);
	/* events labelled above the plot; reference lines and the series' last value at the right */
	for (int e = 0; e < c->nevents; e++)
		text(b, px(&p, c->events[e].cat) + 4, T + 12 + 15 * e, "start", " fill=\"" C_BASE "\"", c->events[e].label);
	int nl = c->nrefs + c->nseries;
	double *ly = xcalloc((size_t)nl + 1, sizeof *ly);
	int *order = xcalloc((size_t)nl + 1, sizeof *order);
	for (int r = 0; r < c->nrefs; r++) {
		ly[r] = py(&p, c->refs[r].value) + 4;
		order[r] = r;
	}
	for (int s = 0; s < c->nseries; s++) {
		char l[200];
		int last = chart_end_label(c, s, l);
		ly[c->nrefs + s] = last >= 0 ? py(&p, c->series[s].y[last]) + 4 : T;
		order[c->nrefs + s] = c->nrefs + s;
	}
	spread(ly, order, nl, 15, T, T + p.ph + 4);
	for (int r = 0; r < c->nrefs; r++)
		text(b, L + p.pw + 8, ly[r], "start", c->refs[r].dashed ? " fill=\"" C_TARGET "\"" : " fill=\"" C_BASE "\"",
		     c->refs[r].label);
	for (int s = 0; s < c->nseries; s++) {
		char l[200];
		if (chart_end_label(c, s, l) >= 0)
			text(b, L + p.pw + 8, ly[c->nrefs + s], "start", " font-weight=\"bold\" fill=\"" C_SERIES "\"", l);
	}
	free(ly);
	free(order);
	buf_puts(b, "</svg>");
}

/* A short stroke in a legend line: how a line in the plot looks. */
static void legend_line(buf_t *b, double x, double y, const char *colour, const char *dash, double width)
{
	buf_printf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"%s%s%s/>",
	           x, x + 22, y - 4, y - 4, colour, width, dash ? " stroke-dasharray=\"" : "", dash ? dash : "",
	           dash ? "\"" : "");
}

/* The narrow line chart: 360 wide, the plot across the width, the first and last period under
 * it, the last value printed at its point, and a legend of the lines below. */
static void line_chart_narrow(const chart_t *c, buf_t *b)
{
	const double W = 360, L = 40, R = 12, T = 22, ph = 170, axis = 26, row = 19;
	const plot p = {c, L, T, W - L - R, ph};
	int nlegend = c->nseries + c->nrefs + c->nevents;
	const double H = T + ph + axis + row * nlegend + 6;
	svg_open(b, c, W, H, 1);
	grid(b, &p, 4, 6);
	/* the first and the last period only */
	if (c->ncats > 0) {
		text(b, px(&p, 0), T + ph + 18, c->ncats == 1 ? "middle" : "start", NULL, c->cats[0]);
		if (c->ncats > 1)
			text(b, px(&p, c->ncats - 1), T + ph + 18, "end", NULL, c->cats[c->ncats - 1]);
	}
	lines(b, &p, 0);
	double ly = T + ph + axis + 14;
	for (int s = 0; s < c->nseries; s++) {
		char l[200], v[56];
		int last = chart_end_label(c, s, l);
		if (last < 0)
			continue;
		/* the last value at its point, above it (below when the point is near the top) */
		double x = px(&p, last), y = py(&p, c->series[s].y[last]);
		present_value_short(c->unit, c->series[s].y[last], v);
		text(b, x - 6, y < T + 20 ? y + 18 : y - 9, c->ncats == 1 ? "middle" : "end",
		     " font-weight=\"bold\" fill=\"" C_SERIES "\"", v);
		legend_line(b, 4, ly, C_SERIES, NULL, 2.5);
		text(b, 32, ly, "start", " font-weight=\"bold\" fill=\"" C_SERIES "\"", l);
		ly += row;
	}
	for (int r = 0; r < c->nrefs; r++) {
		const chart_ref *ref = &c->refs[r];
		legend_line(b, 4, ly, ref->dashed ? C_TARGET : C_BASE, ref->dashed ? "7 4" : "2 3", 2);
		text(b, 32, ly, "start", ref->dashed ? " fill=\"" C_TARGET "\"" : " fill=\"" C_BASE "\"", ref->label);
		ly += row;
	}
	for (int e = 0; e < c->nevents; e++) {
		legend_line(b, 4, ly, C_BASE, "4 3", 1.5);
		text(b, 32, ly, "start", " fill=\"" C_BASE "\"", c->events[e].label);
		ly += row;
	}
	buf_puts(b, "</svg>");
}

static void bar_chart(const chart_t *c, buf_t *b)
{
	const double W = 720, L = 250, R = 80, T = 30, row = 26, B = 12;
	const double H = T + row * c->ncats + B, pw = W - L - R;
	svg_open(b, c, W, H, 0);
	double lo = c->ymin, hi = c->ymax;
#define X(v) (L + pw * (((v) - lo) / (hi - lo)))
	const chart_series *se = &c->series[0];
	for (int i = 0; i < c->ncats; i++) {
		double y = T + row * i;
		text(b, L - 8, y + 17, "end", NULL, c->cats[i]);
		if (se->has[i]) {
			char v[56];
			present_value_short(c->unit, se->y[i], v);
			buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"18\" fill=\"" C_SERIES "\"/>", L,
			           y + 4, fmax(X(se->y[i]) - L, 1));
			text(b, X(se->y[i]) + 6, y + 17, "start", NULL, v);
		} else {
			text(b, L + 4, y + 17, "start", " font-style=\"italic\"", "geen waarde (zie de tabel)");
		}
	}
	for (int r = 0; r < c->nrefs; r++) {
		double x = X(c->refs[r].value);
		buf_printf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\" "
		              "stroke-dasharray=\"%s\"/>",
		           x, x, T - 4, H - B, c->refs[r].dashed ? C_TARGET : C_BASE, c->refs[r].dashed ? "7 4" : "2 3");
		text(b, x, T - 10, x > W - 160 ? "end" : "middle",
		     c->refs[r].dashed ? " fill=\"" C_TARGET "\"" : " fill=\"" C_BASE "\"", c->refs[r].label);
	}
#undef X
	buf_puts(b, "</svg>");
}

/* The narrow bar chart: each group's name on a line of its own above its bar, the value after
 * the bar, reference lines through all bars with their labels in a legend below. */
static void bar_chart_narrow(const chart_t *c, buf_t *b)
{
	const double W = 360, L = 4, R = 56, T = 6, row = 40, legend = 19;
	const double H = T + row * c->ncats + 6 + legend * c->nrefs + 4, pw = W - L - R;
	svg_open(b, c, W, H, 1);
	double lo = c->ymin, hi = c->ymax;
#define X(v) (L + pw * (((v) - lo) / (hi - lo)))
	const chart_series *se = &c->series[0];
	for (int i = 0; i < c->ncats; i++) {
		double y = T + row * i;
		text(b, L, y + 13, "start", NULL, c->cats[i]);
		if (se->has[i]) {
			char v[56];
			present_value_short(c->unit, se->y[i], v);
			buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"16\" fill=\"" C_SERIES "\"/>", L,
			           y + 18, fmax(X(se->y[i]) - L, 1));
			text(b, X(se->y[i]) + 5, y + 31, "start", NULL, v);
		} else {
			text(b, L, y + 31, "start", " font-style=\"italic\"", "geen waarde (zie de tabel)");
		}
	}
	double ly = T + row * c->ncats + 6 + 13;
	for (int r = 0; r < c->nrefs; r++) {
		double x = X(c->refs[r].value);
		const char *col = c->refs[r].dashed ? C_TARGET : C_BASE, *dash = c->refs[r].dashed ? "7 4" : "2 3";
		buf_printf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\" "
		              "stroke-dasharray=\"%s\"/>",
		           x, x, T + 16, T + row * c->ncats, col, dash);
		buf_printf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\" "
		              "stroke-dasharray=\"%s\"/>",
		           L + 10, L + 10, ly - 14, ly + 2, col, dash);
		text(b, L + 24, ly, "start", c->refs[r].dashed ? " fill=\"" C_TARGET "\"" : " fill=\"" C_BASE "\"",
		     c->refs[r].label);
		ly += legend;
	}
#undef X
	buf_puts(b, "</svg>");
}

void svg_chart(const chart_t *c, const char *table_id, buf_t *out)
{
	if (!c)
		return;
	buf_printf(out, "<figure class=\"grafiek\" aria-labelledby=\"%s-c\"", c->id);
	if (table_id)
		buf_printf(out, " data-tabel=\"%s\"", table_id);
	buf_puts(out, ">");
	switch (c->kind) {
	case CHART_LINE:
		line_chart(c, out);
		line_chart_narrow(c, out);
		break;
	case CHART_BARS:
		bar_chart(c, out);
		bar_chart_narrow(c, out);
		break;
	}
	buf_printf(out, "<figcaption id=\"%s-c\">", c->id);
	esc_html(out, c->desc);
	buf_puts(out, "</figcaption></figure>");
}
