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

static void svg_open(buf_t *b, const chart_t *c, double w, double h)
{
	/* on a narrow screen the chart keeps its size and scrolls in its own region (charts are
	 * two-dimensional content, WCAG 1.4.10); the table beside it reflows */
	buf_printf(b, "<figure class=\"grafiek\" tabindex=\"0\" aria-labelledby=\"%s-c\">", c->id);
	buf_printf(b, "<svg viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
	              "aria-labelledby=\"%s-t %s-d\" focusable=\"false\" font-size=\"13\" fill=\"" C_TEXT "\">",
	           w, h, c->id, c->id);
	buf_printf(b, "<title id=\"%s-t\">", c->id);
	esc_html(b, c->title);
	buf_printf(b, "</title><desc id=\"%s-d\">", c->id);
	esc_html(b, c->desc);
	buf_puts(b, "</desc>");
}

static void svg_close(buf_t *b, const chart_t *c)
{
	buf_printf(b, "</svg><figcaption id=\"%s-c\">", c->id);
	esc_html(b, c->desc);
	buf_puts(b, "</figcaption></figure>");
}
static void line_chart(const chart_t *c, buf_t *b)
{
	const double W = 720, H = 300, L = 56, R = 250, T = 14, B = 40;
	const double pw = W - L - R, ph = H - T - B;
	svg_open(b, c, W, H);
#define X(i) (L + (c->ncats == 1 ? pw / 2 : (double)(i) * pw / (double)(c->ncats - 1)))
#define Y(v) (T + ph * (1 - ((v) - c->ymin) / (c->ymax - c->ymin)))
	/* grid and y axis labels */
	double step = nice_step(c->ymax - c->ymin, 5);
	for (double v = ceil(c->ymin / step) * step; v <= c->ymax + 1e-9; v += step) {
		char l[56];
		present_tick(c->unit, v, l);
		buf_printf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"" C_GRID "\"/>", L, L + pw,
		           Y(v), Y(v));
		text(b, L - 8, Y(v) + 4, "end", NULL, l);
	}
	for (int i = 0; i < c->ncats; i++)
		if (c->ticks[i]) {
			buf_printf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"" C_TEXT "\"/>",
			           X(i), X(i), T + ph, T + ph + 5);
			text(b, X(i), H - B + 20, "middle", NULL, c->ticks[i]);
		}
	buf_printf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"" C_TEXT "\"/>", L, L + pw,
	           T + ph, T + ph);
	/* events: a vertical line with its label above the plot */
	for (int e = 0; e < c->nevents; e++) {
		double x = X(c->events[e].cat);
		buf_printf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"" C_BASE "\" "
		              "stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>",
		           x, x, T + 4, T + ph);
		text(b, x + 4, T + 12 + 15 * e, "start", " fill=\"" C_BASE "\"", c->events[e].label);
	}
	/* labels at the right: reference lines and the series' last value */
	int nl = c->nrefs + c->nseries;
	double *ly = xcalloc((size_t)nl + 1, sizeof *ly);
	int *order = xcalloc((size_t)nl + 1, sizeof *order);
	for (int r = 0; r < c->nrefs; r++) {
		const chart_ref *ref = &c->refs[r];
		buf_printf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\" "
		              "stroke-dasharray=\"%s\"/>",
		           L, L + pw, Y(ref->value), Y(ref->value), ref->dashed ? C_TARGET : C_BASE,
		           ref->dashed ? "7 4" : "2 3");
		ly[r] = Y(ref->value) + 4;
		order[r] = r;
	}
	for (int s = 0; s < c->nseries; s++) {
		const chart_series *se = &c->series[s];
		buf_puts(b, "<path fill=\"none\" stroke=\"" C_SERIES "\" stroke-width=\"2.5\" d=\"");
		int pen = 0, last = -1;
		for (int i = 0; i < c->ncats; i++) {
			if (!se->has[i]) {
				pen = 0;
				continue;
			}
			buf_printf(b, "%c%.1f %.1f", pen ? 'L' : 'M', X(i), Y(se->y[i]));
			pen = 1;
			last = i;
		}
		buf_puts(b, "\"/>");
		for (int i = 0; i < c->ncats; i++)
			if (se->has[i])
				buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"" C_SERIES "\"/>", X(i), Y(se->y[i]));
		ly[c->nrefs + s] = last >= 0 ? Y(se->y[last]) + 4 : T;
		order[c->nrefs + s] = c->nrefs + s;
	}
	spread(ly, order, nl, 15, T, T + ph + 4);
	for (int r = 0; r < c->nrefs; r++)
		text(b, L + pw + 8, ly[r], "start", c->refs[r].dashed ? " fill=\"" C_TARGET "\"" : " fill=\"" C_BASE "\"",
		     c->refs[r].label);
	for (int s = 0; s < c->nseries; s++) {
		char l[200];
		if (chart_end_label(c, s, l) < 0)
			continue;
		text(b, L + pw + 8, ly[c->nrefs + s], "start", " font-weight=\"bold\" fill=\"" C_SERIES "\"", l);
	}
	free(ly);
	free(order);
#undef X
#undef Y
	svg_close(b, c);
}

static void bar_chart(const chart_t *c, buf_t *b)
{
	const double W = 720, L = 250, R = 80, T = 30, row = 26, B = 12;
	const double H = T + row * c->ncats + B, pw = W - L - R;
	svg_open(b, c, W, H);
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
	svg_close(b, c);
}

void svg_chart(const chart_t *c, buf_t *out)
{
	if (!c)
		return;
	switch (c->kind) {
	case CHART_LINE:
		line_chart(c, out);
		break;
	case CHART_BARS:
		bar_chart(c, out);
		break;
	}
}
