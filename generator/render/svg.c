/* svg.c - see svg.h. Colours meet WCAG 2.1: text 4.5:1, lines and bars 3:1 on white. Every
 * label is measured (chart_text_width: the widths of DejaVu Sans, the charts' font) and placed
 * inside the drawing: long labels wrap, labels that would touch move apart (chart_spread), and
 * the drawing grows rather than cut a label. */
#include "render/svg.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "base/fmt.h"
#include "model/present.h"

#define FS 13.0     /* font size */
#define LH 15.0     /* line height */
#define MAXLINES 3  /* a label wraps to at most this many lines */

static double nice_step(double span, int want)
{
	double raw = span / want, mag = pow(10, floor(log10(raw)));
	double f = raw / mag;
	return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

static void colour_of(unsigned rgb, char *out)
{
	snprintf(out, 8, "#%06x", rgb & 0xffffffu);
}

static void text(buf_t *b, double x, double y, const char *anchor, const char *extra, const char *s)
{
	buf_puts(b, "<text x=\"");
	fmt_f1(b, x);
	buf_puts(b, "\" y=\"");
	fmt_f1(b, y);
	buf_puts(b, "\" text-anchor=\"");
	buf_puts(b, anchor);
	buf_puts(b, "\"");
	buf_puts(b, extra ? extra : "");
	buf_puts(b, ">");
	esc_html(b, s);
	buf_puts(b, "</text>");
}

/* A label broken into lines that fit `width`. */
typedef struct {
	char *line[MAXLINES];
	int n;
	double w; /* the widest line */
} label_t;

static void label_make(label_t *l, const char *s, double width, int bold)
{
	memset(l, 0, sizeof *l);
	l->n = chart_wrap(s, FS, bold, width, MAXLINES, NULL, NULL, l->line);
	for (int i = 0; i < l->n; i++)
		l->w = fmax(l->w, chart_text_width(l->line[i], FS, bold));
}

static void label_free(label_t *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->line[i]);
}

/* The label's lines, the first with its baseline at y. */
static void label_draw(buf_t *b, const label_t *l, double x, double y, const char *anchor, const char *extra)
{
	for (int i = 0; i < l->n; i++)
		text(b, x, y + LH * i, anchor, extra, l->line[i]);
}

static void fill_attr(char *out, size_t n, unsigned rgb, int bold)
{
	snprintf(out, n, "%s fill=\"#%06x\"", bold ? " font-weight=\"bold\"" : "", rgb);
}

/* Every chart is drawn twice: wide (labels beside the plot) and narrow, for phones (labels
 * under the plot, fewer ticks, the last value at its point); `narrow` 2 is a small multiple,
 * drawn once. The stylesheet shows one; the other is display:none, so assistive technology
 * meets one image. Its name is the title; the finding is the figure's caption, so it is not
 * read twice (the <desc> holds it for tools that read the drawing alone). The font is the one
 * the labels were measured in (Verdana has nearly the same widths). */
static void svg_open(buf_t *b, const chart_t *c, double w, double h, int narrow)
{
	const char *v = narrow == 1 ? "n" : "";
	buf_printf(b,
	           "<svg class=\"%s\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-labelledby=\"%s-%st\" "
	           "focusable=\"false\" font-size=\"13\" font-family=\"'DejaVu Sans', Verdana, sans-serif\" fill=\"#%06x\">",
	           narrow == 1 ? "smal" : narrow == 2 ? "klein" : "breed", w, h, c->id, v, CHART_TEXT_RGB);
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

static void hline(buf_t *b, const plot *p, double y, unsigned rgb, const char *extra)
{
	/* (fmt_f1, not printf: every chart has a few of these) */
	buf_puts(b, "<line x1=\"");
	fmt_f1(b, p->L);
	buf_puts(b, "\" x2=\"");
	fmt_f1(b, p->L + p->pw);
	buf_puts(b, "\" y1=\"");
	fmt_f1(b, y);
	buf_puts(b, "\" y2=\"");
	fmt_f1(b, y);
	buf_printf(b, "\" stroke=\"#%06x\"%s/>", rgb, extra ? extra : "");
}

/* The widest value-axis label, for the room left of the plot. */
static double tick_room(const chart_t *c, int ticks)
{
	double step = nice_step(c->ymax - c->ymin, ticks), w = 0;
	for (double v = ceil(c->ymin / step - 1e-9) * step; v <= c->ymax + 1e-9; v += step) {
		char l[56];
		present_tick(c->unit, v, l);
		w = fmax(w, chart_text_width(l, FS, 0));
	}
	return w;
}

/* Grid lines with their labels `gap` left of the plot (about `ticks` of them), the unit above
 * them, the x axis, and where the axis does not start at its natural zero, a break mark. */
static void grid(buf_t *b, const plot *p, int ticks, double gap)
{
	const chart_t *c = p->c;
	double step = nice_step(c->ymax - c->ymin, ticks);
	double first = ceil(c->ymin / step - 1e-9) * step;
	/* the bottom of the axis is labelled too when no tick falls on it (marks from 1, a cut axis) */
	if (first - c->ymin > step * 0.35) {
		char l[56];
		present_tick(c->unit, c->ymin, l);
		text(b, p->L - gap, py(p, c->ymin) + 4, "end", NULL, l);
	}
	for (double v = first; v <= c->ymax + 1e-9; v += step) {
		char l[56];
		present_tick(c->unit, v, l);
		hline(b, p, py(p, v), CHART_GRID_RGB, NULL);
		text(b, p->L - gap, py(p, v) + 4, "end", NULL, l);
	}
	text(b, 2, p->T - 10, "start", " font-style=\"italic\"", c->axis_label);
	hline(b, p, p->T + p->ph, CHART_TEXT_RGB, NULL);
	if (c->cut) {
		/* the axis does not start at its zero: a break, two short slanted strokes across the
		 * bottom line at the start of the plot, clear of the labels left of it */
		double x = p->L + 3, y = p->T + p->ph;
		buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"7\" height=\"4\" fill=\"#fff\"/>", x, y - 2);
		buf_printf(b, "<path d=\"M%.1f %.1fl4 -8M%.1f %.1fl4 -8\" stroke=\"#%06x\" stroke-width=\"1.5\"/>", x - 1, y + 4,
		           x + 4, y + 4, CHART_TEXT_RGB);
	}
}

/* Event lines, reference lines and the series, with a point at every value (`points`) or only
 * at the last one; each event numbered at its top. */
static void ref_lines(buf_t *b, const plot *p)
{
	const chart_t *c = p->c;
	for (int r = 0; r < c->nrefs; r++) {
		const chart_style *st = chart_ref_style(c->refs[r].kind);
		char extra[64];
		snprintf(extra, sizeof extra, " stroke-width=\"2\" stroke-dasharray=\"%s\"", st->pattern);
		hline(b, p, py(p, c->refs[r].value), st->rgb, extra);
	}
}

/* refs_on_top: the reference lines over the series (small multiples, where a line at the data's
 * level would vanish under it and has no label to find it by). */
static void lines(buf_t *b, const plot *p, int points, int refs_on_top)
{
	const chart_t *c = p->c;
	char ev[8], se_col[8];
	colour_of(chart_event_style.rgb, ev);
	colour_of(chart_series_style.rgb, se_col);
	for (int e = 0; e < c->nevents; e++) {
		double x = px(p, c->events[e].cat);
		buf_printf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1.5\" "
		              "stroke-dasharray=\"%s\"/>",
		           x, x, p->T + 4, p->T + p->ph, ev, chart_event_style.pattern);
		char n[16];
		snprintf(n, sizeof n, "%d", e + 1);
		text(b, x + 3, p->T + 11, "start", " font-weight=\"bold\"", n);
	}
	if (!refs_on_top)
		ref_lines(b, p);
	for (int s = 0; s < c->nseries; s++) {
		const chart_series *se = &c->series[s];
		buf_printf(b, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\" d=\"", se_col);
		int pen = 0, last = -1;
		for (int i = 0; i < c->ncats; i++) {
			if (!se->has[i]) {
				pen = 0;
				continue;
			}
			buf_puts(b, pen ? "L" : "M");
			fmt_f1(b, px(p, i));
			buf_puts(b, " ");
			fmt_f1(b, py(p, se->y[i]));
			pen = 1;
			last = i;
		}
		buf_puts(b, "\"/>");
		for (int i = 0; i < c->ncats; i++) {
			if (!se->has[i])
				continue;
			int revised = se->revised[i]; /* revised since the previous edition: an open ring */
			if (!revised && !points && i != last)
				continue;
			buf_puts(b, "<circle cx=\"");
			fmt_f1(b, px(p, i));
			buf_puts(b, "\" cy=\"");
			fmt_f1(b, py(p, se->y[i]));
			if (revised)
				buf_printf(b, "\" r=\"5\" fill=\"#fff\" stroke=\"%s\" stroke-width=\"2\"/>", se_col);
			else
				buf_printf(b, "\" r=\"%d\" fill=\"%s\"/>", points ? 3 : 4, se_col);
		}
	}
	if (refs_on_top)
		ref_lines(b, p);
}

/* The category labels under the plot, centred on their point but inside [0, W], and leaving
 * out a label that would touch the one before. */
static void x_ticks(buf_t *b, const plot *p, double W, double y)
{
	const chart_t *c = p->c;
	double right = -1e9;
	for (int i = 0; i < c->ncats; i++) {
		if (!c->ticks[i])
			continue;
		double w = chart_text_width(c->ticks[i], FS, 0), x = px(p, i) - w / 2;
		x = fmax(2, fmin(x, W - 2 - w));
		if (x < right + 8)
			continue;
		buf_printf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#%06x\"/>", px(p, i), px(p, i),
		           p->T + p->ph, p->T + p->ph + 5, CHART_TEXT_RGB);
		text(b, x, y, "start", NULL, c->ticks[i]);
		right = x + w;
	}
}

/* A short stroke in a legend line: how a line in the plot looks. */
static void legend_line(buf_t *b, double x, double y, const chart_style *st, double width)
{
	buf_printf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#%06x\" stroke-width=\"%.1f\"", x,
	           x + 22, y - 4, y - 4, st->rgb, width);
	if (st->pattern)
		buf_printf(b, " stroke-dasharray=\"%s\"", st->pattern);
	buf_puts(b, "/>");
}

/* The events under the chart, by number: "1  Pilot gestart (1 januari 2024)". Returns the
 * height used; draws only when b is not NULL. */
static double event_list(buf_t *b, const chart_t *c, double x, double y, double width)
{
	double h = 0;
	for (int e = 0; e < c->nevents; e++) {
		label_t l;
		label_make(&l, c->events[e].label, width - 22, 0);
		if (b) {
			char n[16];
			snprintf(n, sizeof n, "%d", e + 1);
			text(b, x, y + h, "start", " font-weight=\"bold\"", n);
			label_draw(b, &l, x + 22, y + h, "start", NULL);
		}
		h += LH * l.n + 4;
		label_free(&l);
	}
	return h;
}

static void line_chart(const chart_t *c, buf_t *b)
{
	const double W = 720, T = 28, B = 40, ph = 246;
	double L = fmax(40, tick_room(c, 5) + 14);
	/* the labels at the right: reference lines and the last value of each series, in a column
	 * as wide as they need (up to 300), wrapped when longer */
	int nl = c->nrefs + c->nseries;
	label_t *lab = xcalloc((size_t)nl + 1, sizeof *lab);
	double R = 0;
	for (int i = 0; i < nl; i++) {
		char l[200];
		if (i < c->nrefs)
			label_make(&lab[i], c->refs[i].label, 290, 0);
		else if (chart_end_label(c, i - c->nrefs, l) >= 0)
			label_make(&lab[i], l, 290, 1);
		R = fmax(R, lab[i].w);
	}
	R = fmin(300, R + 12);
	const plot p = {c, L, T, W - L - R, ph};
	double *ly = xcalloc((size_t)nl + 1, sizeof *ly), *lh = xcalloc((size_t)nl + 1, sizeof *lh);
	for (int i = 0; i < nl; i++) {
		lh[i] = LH * lab[i].n;
		if (i < c->nrefs) {
			ly[i] = py(&p, c->refs[i].value);
		} else {
			char l[200];
			int last = chart_end_label(c, i - c->nrefs, l);
			ly[i] = last >= 0 ? py(&p, c->series[i - c->nrefs].y[last]) : T;
		}
	}
	/* centres move apart within the plot and its bottom margin; the drawing grows if they
	 * still do not fit */
	chart_spread(ly, lh, nl, 2, 4, T + ph + B - 4);
	double H = T + ph + B;
	for (int i = 0; i < nl; i++)
		H = fmax(H, ly[i] + lh[i] / 2 + 6);
	double ev_y = H + 4;
	H += c->nevents ? event_list(NULL, c, 4, 0, W - 8) + 8 : 0;
	svg_open(b, c, W, H, 0);
	grid(b, &p, 5, 8);
	x_ticks(b, &p, L + p.pw + 30, T + ph + 20);
	lines(b, &p, 1, 0);
	for (int i = 0; i < nl; i++) {
		char extra[64];
		int series = i >= c->nrefs;
		fill_attr(extra, sizeof extra, series ? chart_series_style.rgb : chart_ref_style(c->refs[i].kind)->rgb, series);
		/* the first baseline: the label's centre at ly, 4 px for the x-height */
		label_draw(b, &lab[i], L + p.pw + 8, ly[i] - lh[i] / 2 + LH / 2 + 4, "start", extra);
		label_free(&lab[i]);
	}
	if (c->nevents)
		event_list(b, c, 4, ev_y + 10, W - 8);
	free(lab);
	free(ly);
	free(lh);
	buf_puts(b, "</svg>");
}

/* The narrow line chart: 360 wide, the plot across the width, the first and last period under
 * it, the last value printed right of its point, and a legend of the lines below. */
static void line_chart_narrow(const chart_t *c, buf_t *b)
{
	const double W = 360, T = 26, ph = 170, axis = 26;
	double L = fmax(30, tick_room(c, 4) + 10);
	/* room at the right for the last values, printed beside their points */
	double R = 8;
	for (int s = 0; s < c->nseries; s++) {
		char l[200], v[56];
		int last = chart_end_label(c, s, l);
		if (last < 0)
			continue;
		present_value_short(c->unit, c->series[s].y[last], v);
		R = fmax(R, chart_text_width(v, FS, 1) + 12);
	}
	const plot p = {c, L, T, W - L - R, ph};
	/* the legend: series, reference lines and events, each wrapped to the width */
	int nl = c->nseries + c->nrefs;
	label_t *lab = xcalloc((size_t)nl + 1, sizeof *lab);
	double legend = 0;
	for (int i = 0; i < nl; i++) {
		char l[200] = "";
		if (i < c->nseries)
			chart_end_label(c, i, l);
		label_make(&lab[i], i < c->nseries ? l : c->refs[i - c->nseries].label, W - 36, i < c->nseries);
		legend += lab[i].n ? LH * lab[i].n + 4 : 0;
	}
	double ev = c->nevents ? event_list(NULL, c, 4, 0, W - 8) : 0;
	const double H = T + ph + axis + legend + ev + 8;
	svg_open(b, c, W, H, 1);
	grid(b, &p, 4, 6);
	/* the first and the last period only */
	if (c->ncats > 0) {
		double w0 = chart_text_width(c->cats[0], FS, 0);
		double x0 = c->ncats == 1 ? fmax(2, px(&p, 0) - w0 / 2) : fmax(2, px(&p, 0) - 8);
		text(b, x0, T + ph + 18, "start", NULL, c->cats[0]);
		if (c->ncats > 1) {
			double w1 = chart_text_width(c->cats[c->ncats - 1], FS, 0);
			double x1 = fmin(W - 2 - w1, px(&p, c->ncats - 1) - w1 + 8);
			if (x1 > x0 + w0 + 8)
				text(b, x1, T + ph + 18, "start", NULL, c->cats[c->ncats - 1]);
		}
	}
	lines(b, &p, 0, 0);
	char extra[64];
	fill_attr(extra, sizeof extra, chart_series_style.rgb, 1);
	for (int s = 0; s < c->nseries; s++) {
		char l[200], v[56];
		int last = chart_end_label(c, s, l);
		if (last < 0)
			continue;
		present_value_short(c->unit, c->series[s].y[last], v);
		text(b, px(&p, last) + 7, py(&p, c->series[s].y[last]) + 4, "start", extra, v);
	}
	double ly = T + ph + axis + 14;
	for (int i = 0; i < nl; i++) {
		if (!lab[i].n)
			continue;
		const chart_style *st = i < c->nseries ? &chart_series_style : chart_ref_style(c->refs[i - c->nseries].kind);
		legend_line(b, 4, ly, st, i < c->nseries ? 2.5 : 2);
		fill_attr(extra, sizeof extra, st->rgb, i < c->nseries);
		label_draw(b, &lab[i], 32, ly, "start", extra);
		ly += LH * lab[i].n + 4;
		label_free(&lab[i]);
	}
	free(lab);
	if (c->nevents)
		event_list(b, c, 4, ly, W - 8);
	buf_puts(b, "</svg>");
}

/* A halo: text drawn over a reference line keeps a white edge, so the line stops short of it
 * (the labels stay beside their bars). */
#define HALO " class=\"halo\" stroke=\"#fff\" stroke-width=\"4\" stroke-linejoin=\"round\" style=\"paint-order:stroke\""

static double bar_x(const chart_t *c, double v, double L, double pw)
{
	return L + pw * ((v - c->ymin) / (c->ymax - c->ymin));
}

/* The reference lines' labels over the bars: one row each when they would touch. Returns the
 * height they take; draws when b is not NULL. */
static double bar_ref_labels(buf_t *b, const chart_t *c, double L, double pw, double W, double y)
{
	double right = -1e9, row = 0, h = 0;
	for (int r = 0; r < c->nrefs; r++) {
		double w = chart_text_width(c->refs[r].label, FS, 0);
		double x = fmax(2, fmin(bar_x(c, c->refs[r].value, L, pw) - w / 2, W - 2 - w));
		if (x < right + 10)
			row += LH;
		right = x + w;
		if (b) {
			char extra[64];
			fill_attr(extra, sizeof extra, chart_ref_style(c->refs[r].kind)->rgb, 0);
			text(b, x, y + row, "start", extra, c->refs[r].label);
		}
		h = row + LH;
	}
	return h;
}

static void bar_line(buf_t *b, const chart_t *c, int r, double L, double pw, double y0, double y1)
{
	const chart_style *st = chart_ref_style(c->refs[r].kind);
	double x = bar_x(c, c->refs[r].value, L, pw);
	buf_printf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#%06x\" stroke-width=\"2\" "
	              "stroke-dasharray=\"%s\"/>",
	           x, x, y0, y1, st->rgb, st->pattern);
}

static void bar_chart(const chart_t *c, buf_t *b)
{
	const double W = 720, L = 250, B = 12;
	const chart_series *se = &c->series[0];
	/* room for the values after the bars */
	double vw = 0;
	for (int i = 0; i < c->ncats; i++)
		if (se->has[i]) {
			char v[56];
			present_value_short(c->unit, se->y[i], v);
			vw = fmax(vw, chart_text_width(v, FS, 0));
		}
	const double R = fmax(40, vw + 14), pw = W - L - R;
	/* group names wrap in their column: rows as tall as the longest name needs */
	label_t *names = xcalloc((size_t)c->ncats + 1, sizeof *names);
	int lines_max = 1;
	for (int i = 0; i < c->ncats; i++) {
		label_make(&names[i], c->cats[i], L - 12, 0);
		lines_max = names[i].n > lines_max ? names[i].n : lines_max;
	}
	const double row = lines_max == 1 ? 26 : 12 + LH * lines_max;
	const double T = bar_ref_labels(NULL, c, L, pw, W, 0) + 14;
	const double H = T + row * c->ncats + B;
	svg_open(b, c, W, H, 0);
	bar_ref_labels(b, c, L, pw, W, 14);
	char se_col[8];
	colour_of(chart_series_style.rgb, se_col);
	/* the bars, then the reference lines over them, then the values, which keep the lines off */
	for (int i = 0; i < c->ncats; i++) {
		double y = T + row * i, mid = y + row / 2;
		label_draw(b, &names[i], L - 8, mid - LH * (names[i].n - 1) / 2 + 4.5, "end", NULL);
		label_free(&names[i]);
		if (se->has[i])
			buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"18\" fill=\"%s\"/>", L, mid - 9,
			           fmax(bar_x(c, se->y[i], L, pw) - L, 1), se_col);
	}
	free(names);
	for (int r = 0; r < c->nrefs; r++)
		bar_line(b, c, r, L, pw, T - 4, H - B);
	for (int i = 0; i < c->ncats; i++) {
		double mid = T + row * i + row / 2;
		if (se->has[i]) {
			char v[56];
			present_value_short(c->unit, se->y[i], v);
			double end = bar_x(c, se->y[i], L, pw);
			text(b, fmin(end + 6, W - 2 - chart_text_width(v, FS, 0)), mid + 4.5, "start", HALO, v);
		} else {
			text(b, L + 4, mid + 4.5, "start", " font-style=\"italic\"" HALO, "geen waarde (zie de tabel)");
		}
	}
	buf_puts(b, "</svg>");
}

/* The narrow bar chart: each group's name on a line of its own above its bar, the value after
 * the bar, reference lines through all bars with their labels in a legend below. */
static void bar_chart_narrow(const chart_t *c, buf_t *b)
{
	const double W = 360, L = 4, T = 6;
	const chart_series *se = &c->series[0];
	double vw = 0;
	for (int i = 0; i < c->ncats; i++)
		if (se->has[i]) {
			char v[56];
			present_value_short(c->unit, se->y[i], v);
			vw = fmax(vw, chart_text_width(v, FS, 0));
		}
	const double R = fmax(40, vw + 12), pw = W - L - R;
	label_t *names = xcalloc((size_t)c->ncats + 1, sizeof *names);
	double *top = xcalloc((size_t)c->ncats + 1, sizeof *top), y = T;
	for (int i = 0; i < c->ncats; i++) {
		label_make(&names[i], c->cats[i], W - 8, 0);
		top[i] = y;
		y += LH * names[i].n + 24;
	}
	double bars_end = y;
	label_t *refs = xcalloc((size_t)c->nrefs + 1, sizeof *refs);
	double legend = 0;
	for (int r = 0; r < c->nrefs; r++) {
		label_make(&refs[r], c->refs[r].label, W - 36, 0);
		legend += LH * refs[r].n + 4;
	}
	const double H = bars_end + 6 + legend + 4;
	svg_open(b, c, W, H, 1);
	char se_col[8];
	colour_of(chart_series_style.rgb, se_col);
	/* the bars, one unbroken line per reference through all of them, then the names and values
	 * over it, each with a white edge that keeps the line off the letters */
	for (int i = 0; i < c->ncats; i++) {
		double bt = top[i] + LH * names[i].n + 3;
		if (se->has[i])
			buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"16\" fill=\"%s\"/>", L, bt,
			           fmax(bar_x(c, se->y[i], L, pw) - L, 1), se_col);
	}
	for (int r = 0; r < c->nrefs; r++)
		bar_line(b, c, r, L, pw, T, bars_end - 4);
	for (int i = 0; i < c->ncats; i++) {
		label_draw(b, &names[i], L, top[i] + 13, "start", HALO);
		double bt = top[i] + LH * names[i].n + 3;
		if (se->has[i]) {
			char v[56];
			present_value_short(c->unit, se->y[i], v);
			double end = bar_x(c, se->y[i], L, pw);
			text(b, fmin(end + 5, W - 2 - chart_text_width(v, FS, 0)), bt + 13, "start", HALO, v);
		} else {
			text(b, L, bt + 13, "start", " font-style=\"italic\"" HALO, "geen waarde (zie de tabel)");
		}
		label_free(&names[i]);
	}
	double ly = bars_end + 6 + 13;
	for (int r = 0; r < c->nrefs; r++) {
		legend_line(b, 4, ly, chart_ref_style(c->refs[r].kind), 2);
		char extra[64];
		fill_attr(extra, sizeof extra, chart_ref_style(c->refs[r].kind)->rgb, 0);
		label_draw(b, &refs[r], 32, ly, "start", extra);
		ly += LH * refs[r].n + 4;
		label_free(&refs[r]);
	}
	free(refs);
	free(names);
	free(top);
	buf_puts(b, "</svg>");
}

/* One chart of small multiples: 320 wide, ticks on the shared axis, the first and the last
 * period, the last value beside its point, reference lines without labels (svg_legend says
 * what they are, once for the grid), events numbered and listed. */
static void small_chart(const chart_t *c, buf_t *b)
{
	const double W = 320, T = 28, ph = 120, axis = 24;
	/* the same room in every chart of a grid (they share the axis): the plots line up */
	char top[56];
	present_value_short(c->unit, c->ymax, top);
	double L = fmax(30, tick_room(c, 3) + 10), R = chart_text_width(top, FS, 1) + 12;
	const plot p = {c, L, T, W - L - R, ph};
	double ev = c->nevents ? event_list(NULL, c, 4, 0, W - 8) : 0;
	const double H = T + ph + axis + ev + 4;
	svg_open(b, c, W, H, 2);
	grid(b, &p, 3, 6);
	if (c->ncats > 0) {
		double w0 = chart_text_width(c->cats[0], FS, 0);
		double x0 = c->ncats == 1 ? fmax(2, px(&p, 0) - w0 / 2) : fmax(2, px(&p, 0) - 8);
		text(b, x0, T + ph + 18, "start", NULL, c->cats[0]);
		if (c->ncats > 1) {
			double w1 = chart_text_width(c->cats[c->ncats - 1], FS, 0);
			double x1 = fmin(W - 2 - w1, px(&p, c->ncats - 1) - w1 + 8);
			if (x1 > x0 + w0 + 8)
				text(b, x1, T + ph + 18, "start", NULL, c->cats[c->ncats - 1]);
		}
	}
	lines(b, &p, 0, 1);
	char extra[64];
	fill_attr(extra, sizeof extra, chart_series_style.rgb, 1);
	for (int s = 0; s < c->nseries; s++) {
		char l[200], v[56];
		int last = chart_end_label(c, s, l);
		if (last < 0)
			continue;
		present_value_short(c->unit, c->series[s].y[last], v);
		text(b, px(&p, last) + 7, py(&p, c->series[s].y[last]) + 4, "start", extra, v);
	}
	if (c->nevents)
		event_list(b, c, 4, T + ph + axis + 14, W - 8);
	buf_puts(b, "</svg>");
}

void svg_small(const chart_t *c, const char *heading, int level, const char *table_id, buf_t *out)
{
	if (!c)
		return;
	buf_printf(out, "<figure class=\"grafiek klein\" aria-labelledby=\"%s-c\"", c->id);
	if (table_id)
		buf_printf(out, " data-tabel=\"%s\"", table_id);
	buf_printf(out, "><h%d>", level);
	esc_html(out, heading);
	buf_printf(out, "</h%d>", level);
	small_chart(c, out);
	/* the heading names the group: the caption need not repeat the title */
	const char *d = c->desc;
	size_t tl = strlen(c->title);
	if (!strncmp(d, c->title, tl) && !strncmp(d + tl, ". ", 2))
		d += tl + 2;
	buf_printf(out, "<figcaption id=\"%s-c\">", c->id);
	esc_html(out, d);
	buf_puts(out, "</figcaption></figure>");
}

void svg_legend(const chart_t *c, buf_t *out)
{
	if (!c || !c->nrefs)
		return;
	buf_puts(out, "<ul class=\"legenda\">");
	for (int r = 0; r < c->nrefs; r++) {
		const chart_style *st = chart_ref_style(c->refs[r].kind);
		buf_printf(out, "<li><svg aria-hidden=\"true\" focusable=\"false\" width=\"30\" height=\"10\" "
		                "viewBox=\"0 0 30 10\"><line x1=\"1\" x2=\"29\" y1=\"5\" y2=\"5\" stroke=\"#%06x\" "
		                "stroke-width=\"2\" stroke-dasharray=\"%s\"/></svg> ",
		           st->rgb, st->pattern);
		esc_html(out, c->refs[r].label);
		buf_puts(out, "</li>");
	}
	buf_puts(out, "</ul>");
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
