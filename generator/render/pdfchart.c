/* pdfchart.c - see pdfchart.h. The site's SVG (svg.c) places its labels the same way, from the
 * same description; here every width comes from the report's font through pdf.h. */
#include "render/pdfchart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/present.h"

#define FS 8.0f       /* chart text: never smaller */
#define LH 10.0f      /* a label's line height */
#define LABEL_MAX 150.0f
#define MAXLINES 3

typedef struct {
	lay *l;
	pdfdoc *d;
} mctx;

static double measure(void *ctx, const char *s, double size, int bold)
{
	mctx *m = ctx;
	return pdf_width(m->d, bold ? PF_BOLD : PF_REGULAR, (float)size, s, strlen(s));
}

typedef struct {
	char *line[MAXLINES];
	int n;
	float w, h, d; /* widest line, height, centre (down from the figure's top) */
	int bold;
	pdf_rgb color;
} plabel;

static void label_make(mctx *m, plabel *p, const char *s, float width, int bold, pdf_rgb color)
{
	memset(p, 0, sizeof *p);
	p->bold = bold;
	p->color = color;
	p->n = chart_wrap(s, FS, bold, width, MAXLINES, measure, m, p->line);
	for (int i = 0; i < p->n; i++)
		p->w = fmaxf(p->w, (float)measure(m, p->line[i], FS, bold));
	p->h = LH * (float)p->n;
}

static void label_free(plabel *p)
{
	for (int i = 0; i < p->n; i++)
		free(p->line[i]);
}

/* Its lines from x, the first line's top at `dtop` below the figure's top. */
static void label_draw(mctx *m, const plabel *p, float x, float top, float dtop, int right)
{
	for (int i = 0; i < p->n; i++) {
		float w = (float)measure(m, p->line[i], FS, p->bold);
		pdf_text(m->d, p->bold ? PF_BOLD : PF_REGULAR, FS, right ? x - w : x, top - dtop - LH * (float)i - FS * 0.85f,
		         p->color, p->line[i], strlen(p->line[i]));
	}
}

static void text(mctx *m, pdf_face f, float x, float y, pdf_rgb c, const char *s)
{
	pdf_text(m->d, f, FS, x, y, c, s, strlen(s));
}

static double nice_step(double span, int want)
{
	double raw = span / want, mag = pow(10, floor(log10(raw)));
	double f = raw / mag;
	return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

/* --- line charts ----------------------------------------------------------------------------- */

/* The label at the end of series s: with one series only its value ("7,2"), the line says
 * what it is; else "Totaal: 7,2". -1 when it has no value. */
static int end_label(const chart_t *c, int s, char *out)
{
	int last = chart_end_label(c, s, out);
	if (last >= 0 && c->nseries == 1)
		present_value_short(c->unit, c->series[s].y[last], out);
	return last;
}

/* Draw (or only measure, `draw` 0) a line chart `w` wide from (x, top); returns its height. */
static float line_chart(mctx *m, const chart_t *c, float x, float top, float w, int draw)
{
	const float T = 18, ph = 150, B = 20;
	double step = nice_step(c->ymax - c->ymin, 5);
	float tickw = 0;
	for (double v = ceil(c->ymin / step - 1e-9) * step; v <= c->ymax + 1e-9; v += step) {
		char t[64];
		present_tick(c->unit, v, t);
		tickw = fmaxf(tickw, (float)measure(m, t, FS, 0));
	}
	const float L = tickw + 8;
	int nl = c->nrefs + c->nseries;
	plabel *lab = xcalloc((size_t)nl + 1, sizeof *lab);
	float widest = 0;
	for (int i = 0; i < nl; i++) {
		char s[200] = "";
		if (i < c->nrefs)
			label_make(m, &lab[i], c->refs[i].label, LABEL_MAX, 0, lay_rgb(chart_ref_style(c->refs[i].kind)->rgb));
		else if (end_label(c, i - c->nrefs, s) >= 0)
			label_make(m, &lab[i], s, LABEL_MAX, 1, lay_rgb(chart_series_style.rgb));
		widest = fmaxf(widest, lab[i].w);
	}
	const float R = widest + 10, pw = w - L - R;
#define PX(i) (x + L + (c->ncats == 1 ? pw / 2 : (float)(i) * pw / (float)(c->ncats - 1)))
#define PD(v) (T + ph * (float)(1 - ((v) - c->ymin) / (c->ymax - c->ymin)))
	double *pos = xcalloc((size_t)nl + 1, sizeof *pos), *size = xcalloc((size_t)nl + 1, sizeof *size);
	for (int i = 0; i < nl; i++) {
		size[i] = lab[i].h;
		if (i < c->nrefs) {
			pos[i] = PD(c->refs[i].value);
		} else {
			char s[200];
			int last = end_label(c, i - c->nrefs, s);
			pos[i] = last >= 0 ? PD(c->series[i - c->nrefs].y[last]) : T;
		}
	}
	/* the labels move apart, within the plot and the room under it; the figure grows when they
	 * still do not fit */
	chart_spread(pos, size, nl, 1.5, 2, T + ph + B);
	float H = T + ph + B;
	for (int i = 0; i < nl; i++)
		if (lab[i].n)
			H = fmaxf(H, (float)(pos[i] + size[i] / 2) + 2);
	/* the events, numbered in the plot and listed under it */
	plabel *ev = xcalloc((size_t)c->nevents + 1, sizeof *ev);
	float evh = 0;
	for (int e = 0; e < c->nevents; e++) {
		label_make(m, &ev[e], c->events[e].label, w - 16, 0, LAY_TEXT);
		evh += ev[e].h + 2;
	}
	float ev_top = H + 4;
	H += c->nevents ? evh + 6 : 0;
	if (draw) {
		pdfdoc *d = m->d;
		/* the unit over the axis */
		pdf_text(d, PF_ITALIC, FS, x, top - FS, LAY_MUTED, c->axis_label, strlen(c->axis_label));
		for (double v = ceil(c->ymin / step - 1e-9) * step; v <= c->ymax + 1e-9; v += step) {
			char t[64];
			present_tick(c->unit, v, t);
			float y = top - PD(v);
			pdf_line(d, x + L, y, x + L + pw, y, 0.4f, LAY_GRID, NULL);
			text(m, PF_REGULAR, x + L - 5 - (float)measure(m, t, FS, 0), y - 2.8f, LAY_MUTED, t);
		}
		float y0 = top - T - ph;
		pdf_line(d, x + L, y0, x + L + pw, y0, 0.7f, LAY_TEXT, NULL);
		if (c->cut) {
			/* the axis does not start at its natural zero: two slanted strokes where it begins,
			 * clear of the lowest tick's label */
			pdf_line(d, x + L - 1, y0 + 4, x + L + 7, y0 + 8, 1.0f, LAY_TEXT, NULL);
			pdf_line(d, x + L - 1, y0 + 7.5f, x + L + 7, y0 + 11.5f, 1.0f, LAY_TEXT, NULL);
		}
		float right = -1e9f;
		for (int i = 0; i < c->ncats; i++) {
			if (!c->ticks[i])
				continue;
			float tw = (float)measure(m, c->ticks[i], FS, 0), tx = PX(i) - tw / 2;
			tx = fmaxf(x, fminf(tx, x + w - tw));
			if (tx < right + 6)
				continue;
			pdf_line(d, PX(i), y0, PX(i), y0 - 3, 0.7f, LAY_TEXT, NULL);
			text(m, PF_REGULAR, tx, y0 - 12, LAY_MUTED, c->ticks[i]);
			right = tx + tw;
		}
		for (int e = 0; e < c->nevents; e++) {
			float ex = PX(c->events[e].cat);
			pdf_line(d, ex, y0, ex, top - T + 2, 0.8f, lay_rgb(chart_event_style.rgb), chart_event_style.pattern);
			char n[16];
			snprintf(n, sizeof n, "%d", e + 1);
			float nw = (float)measure(m, n, FS, 1);
			text(m, PF_BOLD, ex + nw + 3 > x + L + pw ? ex - nw - 2 : ex + 2, top - T - FS, LAY_TEXT, n);
		}
		for (int r = 0; r < c->nrefs; r++) {
			const chart_style *st = chart_ref_style(c->refs[r].kind);
			float y = top - PD(c->refs[r].value);
			pdf_line(d, x + L, y, x + L + pw, y, 1.3f, lay_rgb(st->rgb), st->pattern);
		}
		pdf_rgb sc = lay_rgb(chart_series_style.rgb);
		for (int s = 0; s < c->nseries; s++) {
			const chart_series *se = &c->series[s];
			float *xy = xcalloc((size_t)c->ncats * 2 + 2, sizeof *xy);
			int n = 0;
			for (int i = 0; i <= c->ncats; i++) {
				if (i < c->ncats && se->has[i]) {
					xy[2 * n] = PX(i);
					xy[2 * n + 1] = top - PD(se->y[i]);
					n++;
					continue;
				}
				pdf_polyline(d, xy, n, 1.8f, sc);
				n = 0;
			}
			for (int i = 0; i < c->ncats; i++)
				if (se->has[i]) {
					pdf_dot(d, PX(i), top - PD(se->y[i]), se->revised[i] ? 2.8f : 1.6f, sc);
					if (se->revised[i]) /* revised since the previous edition: an open ring */
						pdf_dot(d, PX(i), top - PD(se->y[i]), 1.5f, LAY_WHITE);
				}
			free(xy);
		}
		for (int i = 0; i < nl; i++)
			if (lab[i].n)
				label_draw(m, &lab[i], x + L + pw + 6, top, (float)(pos[i] - size[i] / 2), 0);
		float ey = ev_top;
		for (int e = 0; e < c->nevents; e++) {
			char n[16];
			snprintf(n, sizeof n, "%d", e + 1);
			text(m, PF_BOLD, x, top - ey - FS * 0.85f, LAY_TEXT, n);
			label_draw(m, &ev[e], x + 14, top, ey, 0);
			ey += ev[e].h + 2;
		}
	}
#undef PX
#undef PD
	for (int i = 0; i < nl; i++)
		label_free(&lab[i]);
	for (int e = 0; e < c->nevents; e++)
		label_free(&ev[e]);
	free(lab);
	free(ev);
	free(pos);
	free(size);
	return H;
}

/* --- bars -------------------------------------------------------------------------------------- */

typedef struct {
	int n;
	const char *const *names;
	const double *y;
	const int *has;
	double lo, hi;
} bars;

/* Horizontal bars with their names left of them and their values after them, the reference
 * lines through them with their labels above. */
static float bar_chart(mctx *m, const chart_t *c, const bars *b, float x, float top, float w, int draw)
{
	float namew = 0;
	for (int i = 0; i < b->n; i++)
		namew = fmaxf(namew, (float)measure(m, b->names[i], FS, 0));
	namew = fminf(namew, 170);
	plabel *names = xcalloc((size_t)b->n + 1, sizeof *names);
	int lines = 1;
	for (int i = 0; i < b->n; i++) {
		label_make(m, &names[i], b->names[i], namew, 0, LAY_TEXT);
		lines = names[i].n > lines ? names[i].n : lines;
	}
	float vw = 0;
	for (int i = 0; i < b->n; i++)
		if (b->has[i]) {
			char v[64];
			present_value_short(c->unit, b->y[i], v);
			vw = fmaxf(vw, (float)measure(m, v, FS, 0));
		}
	const float L = namew + 8, R = fmaxf(vw + 10, 30), pw = w - L - R;
	const float row = lines == 1 ? 17 : LH * (float)lines + 7;
#define BX(v) (x + L + pw * (float)(((v) - b->lo) / (b->hi - b->lo)))
	/* the reference lines' labels above the bars, a row each where they would touch */
	float *lx = xcalloc((size_t)c->nrefs + 1, sizeof *lx), *lrow = xcalloc((size_t)c->nrefs + 1, sizeof *lrow);
	float rightmost = -1e9f, rowy = 0, refh = 0;
	for (int r = 0; r < c->nrefs; r++) {
		float tw = (float)measure(m, c->refs[r].label, FS, 0);
		float rx = fmaxf(x, fminf(BX(c->refs[r].value) - tw / 2, x + w - tw));
		if (rx < rightmost + 8)
			rowy += LH + 1;
		lx[r] = rx;
		lrow[r] = rowy;
		rightmost = rx + tw;
		refh = rowy + LH + 1;
	}
	const float T = 12 + refh + 2;
	const float H = T + row * (float)b->n + 3;
	if (draw) {
		pdfdoc *d = m->d;
		pdf_text(d, PF_ITALIC, FS, x, top - FS, LAY_MUTED, c->axis_label, strlen(c->axis_label));
		pdf_rgb sc = lay_rgb(chart_series_style.rgb);
		for (int i = 0; i < b->n; i++) {
			float dt = T + row * (float)i, mid = dt + row / 2;
			label_draw(m, &names[i], x + L - 6, top, mid - names[i].h / 2 + 0.5f, 1);
			if (b->has[i]) {
				char v[64];
				present_value_short(c->unit, b->y[i], v);
				float end = BX(b->y[i]);
				pdf_rect(d, x + L, top - mid - 6, fmaxf(end - x - L, 0.8f), 12, sc);
				float vww = (float)measure(m, v, FS, 0), vx = end + 4;
				/* past a reference line it would cross */
				for (int pass = 0; pass < 2; pass++)
					for (int r = 0; r < c->nrefs; r++) {
						float rx = BX(c->refs[r].value);
						if (rx >= vx - 2 && rx <= vx + vww + 2)
							vx = rx + 4;
					}
				vx = fminf(vx, x + w - vww);
				text(m, PF_REGULAR, vx, top - mid - 2.8f, LAY_TEXT, v);
			} else {
				pdf_text(d, PF_ITALIC, FS, x + L + 3, top - mid - 2.8f, LAY_MUTED, "geen waarde (zie de tabel)", 26);
			}
		}
		for (int r = 0; r < c->nrefs; r++) {
			const chart_style *st = chart_ref_style(c->refs[r].kind);
			float rx = BX(c->refs[r].value);
			pdf_line(d, rx, top - H + 2, rx, top - T + 2, 1.3f, lay_rgb(st->rgb), st->pattern);
			text(m, PF_REGULAR, lx[r], top - 12 - lrow[r] - FS * 0.85f, lay_rgb(st->rgb), c->refs[r].label);
		}
	}
#undef BX
	for (int i = 0; i < b->n; i++)
		label_free(&names[i]);
	free(names);
	free(lx);
	free(lrow);
	return H;
}

/* --- one value ----------------------------------------------------------------------------- */

/* A single period: its value as a point on the value axis, with the reference lines across
 * it; not a line from nowhere to nowhere. */
static float value_chart(mctx *m, const chart_t *c, const char *name, double value, float x, float top, float w,
                         int draw)
{
	char v[64];
	present_value_short(c->unit, value, v);
	float namew = fminf((float)measure(m, name, FS, 0), 120);
	const float L = namew + 10, R = (float)measure(m, v, FS, 1) + 12, pw = w - L - R;
#define VX(val) (x + L + pw * (float)(((val) - c->ymin) / (c->ymax - c->ymin)))
	float *lx = xcalloc((size_t)c->nrefs + 1, sizeof *lx), *lrow = xcalloc((size_t)c->nrefs + 1, sizeof *lrow);
	float rightmost = -1e9f, rowy = 0, refh = 0;
	for (int r = 0; r < c->nrefs; r++) {
		float tw = (float)measure(m, c->refs[r].label, FS, 0);
		float rx = fmaxf(x, fminf(VX(c->refs[r].value) - tw / 2, x + w - tw));
		if (rx < rightmost + 8)
			rowy += LH + 1;
		lx[r] = rx;
		lrow[r] = rowy;
		rightmost = rx + tw;
		refh = rowy + LH + 1;
	}
	const float T = 12 + refh + 4, axis = T + 14, H = axis + 16;
	if (draw) {
		pdfdoc *d = m->d;
		pdf_text(d, PF_ITALIC, FS, x, top - FS, LAY_MUTED, c->axis_label, strlen(c->axis_label));
		float ay = top - axis;
		pdf_line(d, x + L, ay, x + L + pw, ay, 0.7f, LAY_TEXT, NULL);
		double step = nice_step(c->ymax - c->ymin, 5);
		float right = -1e9f;
		for (double t = ceil(c->ymin / step - 1e-9) * step; t <= c->ymax + 1e-9; t += step) {
			char tk[64];
			present_tick(c->unit, t, tk);
			float tw = (float)measure(m, tk, FS, 0), tx = fmaxf(x + L - tw / 2, fminf(VX(t) - tw / 2, x + w - tw));
			pdf_line(d, VX(t), ay, VX(t), ay - 3, 0.7f, LAY_TEXT, NULL);
			if (tx > right + 4) {
				text(m, PF_REGULAR, tx, ay - 12, LAY_MUTED, tk);
				right = tx + tw;
			}
		}
		if (c->cut) {
			pdf_line(d, x + L + 1, ay - 4, x + L + 5, ay + 4, 1.0f, LAY_TEXT, NULL);
			pdf_line(d, x + L + 4.5f, ay - 4, x + L + 8.5f, ay + 4, 1.0f, LAY_TEXT, NULL);
		}
		text(m, PF_REGULAR, x + L - 6 - (float)measure(m, name, FS, 0), ay - 2.8f, LAY_TEXT, name);
		for (int r = 0; r < c->nrefs; r++) {
			const chart_style *st = chart_ref_style(c->refs[r].kind);
			float rx = VX(c->refs[r].value);
			pdf_line(d, rx, ay - 2, rx, top - T + 2, 1.3f, lay_rgb(st->rgb), st->pattern);
			text(m, PF_REGULAR, lx[r], top - 12 - lrow[r] - FS * 0.85f, lay_rgb(st->rgb), c->refs[r].label);
		}
		pdf_rgb sc = lay_rgb(chart_series_style.rgb);
		pdf_dot(d, VX(value), ay, 3.2f, sc);
		text(m, PF_BOLD, fminf(VX(value) + 6, x + w - (float)measure(m, v, FS, 1)), ay + 4, sc, v);
	}
#undef VX
	free(lx);
	free(lrow);
	return H;
}

/* --- the figure ------------------------------------------------------------------------------ */

typedef struct {
	const chart_t *c;
	int single;          /* a line chart with one value: drawn as a bar */
	char *one_name;
	double one_y;
} pfig;

static float draw_or_measure(pfig *f, lay *l, float x, float top, float w, int draw)
{
	mctx m = {l, lay_doc(l)};
	const chart_t *c = f->c;
	if (f->single)
		return value_chart(&m, c, f->one_name, f->one_y, x, top, w, draw);
	if (c->kind == CHART_LINE)
		return line_chart(&m, c, x, top, w, draw);
	bars b = {c->ncats, (const char *const *)c->cats, c->series[0].y, c->series[0].has, c->ymin, c->ymax};
	return bar_chart(&m, c, &b, x, top, w, draw);
}

static void draw(void *ctx, lay *l, pdfdoc *d, float x, float top, float w, float h)
{
	(void)d, (void)h;
	draw_or_measure(ctx, l, x, top, w, 1);
}

/* What kind of chart it is, over what, with which lines; then the finding (the caption, which a
 * screen reader does not read: the figure's alternative text stands for all it holds). */
static char *alt_text(const pfig *f, const char *finding)
{
	const chart_t *c = f->c;
	buf_t b = {0};
	if (c->kind == CHART_LINE && !f->single) {
		int first = 0, last = c->ncats - 1;
		while (first < last && !c->series[0].has[first])
			first++;
		while (last > first && !c->series[0].has[last])
			last--;
		char a[40], z[40];
		const char *het = c->per == PER_KWARTAAL ? "het " : "";
		present_period(c->per, c->first_key + first, a);
		present_period(c->per, c->first_key + last, z);
		buf_printf(&b, "Lijngrafiek: %s, per %s van %s%s tot en met %s%s.", c->title, present_per_word(c->per), het, a,
		           het, z);
	} else if (f->single) {
		buf_printf(&b, "Grafiek met één waarde: %s, %s.", c->title, f->one_name);
	} else {
		buf_printf(&b, "Staafgrafiek: %s, met %d %s.", c->title, c->ncats, c->ncats == 1 ? "staaf" : "staven");
	}
	for (int i = 0; i < c->nrefs; i++)
		buf_printf(&b, "%s%s", i == 0 ? (c->nrefs == 1 ? " Met de lijn " : " Met de lijnen ")
		                               : i == c->nrefs - 1 ? " en " : ", ",
		           c->refs[i].label);
	if (c->nrefs)
		buf_putc(&b, '.');
	buf_printf(&b, " %s", finding);
	return buf_take(&b);
}

static unsigned long long fnv(unsigned long long h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 1099511628211ULL;
	return h;
}

void pchart_figure(lay *l, const chart_t *c, const char *finding, lay_fig *out)
{
	pfig *f = xcalloc(1, sizeof *f);
	f->c = c;
	if (c->kind == CHART_LINE) {
		int n = 0, at = -1;
		for (int i = 0; i < c->ncats; i++)
			if (c->series[0].has[i])
				n++, at = i;
		if (n == 1 && c->nseries == 1) {
			f->single = 1;
			char p[40];
			present_period(c->per, c->first_key + at, p);
			f->one_name = xstrdup(p);
			f->one_y = c->series[0].y[at];
		}
	}
	/* the values drawn, not their lines or captions: the same numbers twice are one figure */
	unsigned long long fp = 1469598103934665603ULL;
	fp = fnv(fp, &c->ncats, sizeof c->ncats);
	for (int i = 0; i < c->ncats; i++)
		fp = fnv(fp, c->cats[i], strlen(c->cats[i]) + 1);
	for (int s = 0; s < c->nseries; s++)
		for (int i = 0; i < c->ncats; i++) {
			long long v = c->series[s].has[i] ? llround(c->series[s].y[i] * 1000) : -1;
			fp = fnv(fp, &v, sizeof v);
		}
	memset(out, 0, sizeof *out);
	out->ctx = f;
	out->draw = draw;
	out->h = draw_or_measure(f, l, LAY_ML, LAY_TOP, LAY_TW, 0);
	out->alt = alt_text(f, finding);
	out->caption = finding;
	out->fingerprint = fp;
}

void pchart_figure_free(lay_fig *f)
{
	pfig *p = f->ctx;
	if (p)
		free(p->one_name);
	free(p);
	free((char *)f->alt);
	memset(f, 0, sizeof *f);
}
