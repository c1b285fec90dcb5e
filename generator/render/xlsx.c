/* xlsx.c - the MT workbook; the only module that includes xlsxwriter.h.
 * Title in A1, real header rows, no merged cells, frozen headers, filters, number
 * formats, a native chart per KPI, and a definitions sheet. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <xlsxwriter.h>

#include "base/date.h"
#include "model/present.h"
#include "model/table.h"
#include "render/render.h"
#include "base/util.h"

typedef struct {
	lxw_workbook *wb;
	lxw_format *title, *note, *head, *text, *wrap, *count, *pct, *mark, *date;
	lxw_format *st_good, *st_bad, *st_risk;
	char **names;
	size_t nnames;
} xctx;

/* Sheet names: at most 31 characters, none of []:*?/\\', cut at a word, unique. */
static char *sheet_name(xctx *x, const char *want)
{
	buf_t b = {0};
	int chars = 0;
	size_t last_space = 0;
	const unsigned char *s = (const unsigned char *)want;
	while (*s) {
		size_t len = *s < 0x80 ? 1 : *s < 0xE0 ? 2 : *s < 0xF0 ? 3 : 4;
		if (chars == 31) {
			if (last_space)
				b.len = last_space, b.s[b.len] = '\0';
			break;
		}
		if (len == 1 && strchr("[]:*?/\\'", *s)) {
			buf_putc(&b, ' ');
		} else {
			if (*s == ' ')
				last_space = b.len;
			for (size_t i = 0; i < len && s[i]; i++)
				buf_putc(&b, (char)s[i]);
		}
		s += len;
		chars++;
	}
	/* a name cut short should not end in "van de" or "binnen" */
	static const char *const weak[] = {"van", "de", "het", "een", "en", "met", "op", "in", "binnen",
		"voor", "per", "door", "boven", "onder", "bij", "naar", NULL};
	for (int again = 1; again && s && *s;) {
		again = 0;
		while (b.len && b.s[b.len - 1] == ' ')
			b.s[--b.len] = '\0';
		char *sp = strrchr(b.s, ' ');
		for (const char *const *w = weak; sp && *w; w++)
			if (!strcasecmp(sp + 1, *w)) {
				b.len = (size_t)(sp - b.s);
				b.s[b.len] = '\0';
				again = 1;
				break;
			}
	}
	while (b.len && b.s[b.len - 1] == ' ')
		b.s[--b.len] = '\0';
	char *name = buf_take(&b);
	char *orig = xstrdup(name);
	/* unique, case-insensitively; make room for " (2)" */
	for (int n = 2;; n++) {
		int clash = 0;
		for (size_t i = 0; i < x->nnames; i++)
			if (!strcasecmp(x->names[i], name))
				clash = 1;
		if (!clash)
			break;
		const char *base = orig;
		char suffix[16];
		snprintf(suffix, sizeof suffix, " (%d)", n);
		size_t keep = strlen(base);
		while (keep + strlen(suffix) > 31)
			keep--;
		while (keep && ((unsigned char)base[keep] & 0xC0) == 0x80)
			keep--;
		char *nn = xasprintf("%.*s%s", (int)keep, base, suffix);
		free(name);
		name = nn;
	}
	free(orig);
	x->names = xrealloc(x->names, (x->nnames + 1) * sizeof *x->names);
	x->names[x->nnames++] = name;
	return name;
}

static void header_row(xctx *x, lxw_worksheet *ws, int row, const char *const *heads, int n)
{
	for (int c = 0; c < n; c++)
		worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)c, heads[c], x->head);
}

static lxw_format *fmt_for(xctx *x, kt_kind k)
{
	switch (k) {
	case KT_COUNT:
		return x->count;
	case KT_PCT:
		return x->pct;
	case KT_MARK:
		return x->mark;
	case KT_TEXT:
	case KT_PERIOD:
		return x->text;
	}
	return x->text;
}

static void status_formats(xctx *x, lxw_worksheet *ws, int row0, int row1, int col)
{
	if (row1 < row0)
		return;
	static const struct { const char *word; int which; } rules[] = {
		{"behaald", 0}, {"op koers", 0}, {"gereed", 0}, {"risico", 2}, {"loopt", 2},
		{"teruggevallen", 2}, {"achter", 1}, {"te laat", 1}, {"niet behaald", 1}};
	for (size_t i = 0; i < sizeof rules / sizeof *rules; i++) {
		lxw_conditional_format cf = {0};
		cf.type = LXW_CONDITIONAL_TYPE_TEXT;
		cf.criteria = LXW_CONDITIONAL_CRITERIA_TEXT_CONTAINING;
		cf.value_string = (char *)rules[i].word;
		cf.format = rules[i].which == 0 ? x->st_good : rules[i].which == 1 ? x->st_bad : x->st_risk;
		worksheet_conditional_format_range(ws, (lxw_row_t)row0, (lxw_col_t)col, (lxw_row_t)row1,
		                                   (lxw_col_t)col, &cf);
	}
}

static void overview(xctx *x, const model_t *m, const render_ctx *rc)
{
	(void)rc;
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, sheet_name(x, "Overzicht"));
	char per[40], day[40];
	present_period(PER_KWARTAAL, m->mt_quarter, per);
	present_date(m->peildatum, day);
	char *title = xasprintf("MT-rapportage dienstverlening %s, %s", m->gemeente, per);
	worksheet_write_string(ws, 0, 0, title, x->title);
	free(title);
	char *sub = xasprintf("Stand op %s. Elke KPI heeft een eigen blad met alle cijfers; "
	                      "definities staan op het blad Definities.", day);
	worksheet_write_string(ws, 1, 0, sub, x->note);
	free(sub);
	if (m->voorbeelddata)
		worksheet_write_string(ws, 2, 0,
		                       "Let op: dit zijn voorbeeldgegevens (voorbeelddata), geen echte metingen.", x->note);
	static const char *const head[] = {"KPI", "Soort", "Actie of teamdoel", "Eigenaar", "Waarde",
		"Periode", "Doel", "Doeldatum", "Status", "Toelichting"};
	const int hr = 4;
	header_row(x, ws, hr, head, 10);
	int r = hr + 1;
	for (size_t i = 0; i < m->nkpis; i++, r++) {
		const kpi_t *k = m->kpis[i];
		worksheet_write_string(ws, (lxw_row_t)r, 0, k->def.naam, x->text);
		worksheet_write_string(ws, (lxw_row_t)r, 1, present_soort(k->page->soort), x->text);
		worksheet_write_string(ws, (lxw_row_t)r, 2, k->page->titel, x->text);
		worksheet_write_string(ws, (lxw_row_t)r, 3, k->page->eigenaar ? k->page->eigenaar : "", x->text);
		lxw_format *vf = k->def.eenheid == EENHEID_PROCENT ? x->pct
		                 : k->def.eenheid == EENHEID_AANTAL ? x->count
		                                                : x->mark;
		if (k->res.has_cur) {
			double v = k->def.eenheid == EENHEID_AANTAL ? k->res.cur : present_round(k->def.eenheid, k->res.cur);
			worksheet_write_number(ws, (lxw_row_t)r, 4, v, vf);
			present_period_short(k->def.per, k->res.cur_key, per);
			worksheet_write_string(ws, (lxw_row_t)r, 5, per, x->text);
		}
		const target_t *t = kpi_goal(k);
		if (t) {
			worksheet_write_number(ws, (lxw_row_t)r, 6, t->waarde, vf);
			int y, mo, d;
			day_to_ymd(t->datum, &y, &mo, &d);
			lxw_datetime dt = {y, mo, d, 0, 0, 0};
			worksheet_write_datetime(ws, (lxw_row_t)r, 7, &dt, x->date);
		}
		char label[64];
		present_status_label(k, label);
		worksheet_write_string(ws, (lxw_row_t)r, 8, label, x->text);
		char *why = present_reason(k);
		worksheet_write_string(ws, (lxw_row_t)r, 9, why, x->wrap);
		free(why);
	}
	status_formats(x, ws, hr + 1, r - 1, 8);
	worksheet_freeze_panes(ws, hr + 1, 1);
	worksheet_autofilter(ws, hr, 0, (lxw_row_t)(r > hr + 1 ? r - 1 : hr), 9);
	worksheet_set_column(ws, 0, 0, 42, NULL);
	worksheet_set_column(ws, 1, 1, 11, NULL);
	worksheet_set_column(ws, 2, 2, 40, NULL);
	worksheet_set_column(ws, 3, 3, 26, NULL);
	worksheet_set_column(ws, 4, 8, 12, NULL);
	worksheet_set_column(ws, 9, 9, 90, NULL);
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_repeat_rows(ws, hr, hr);
}

static void kpi_sheet(xctx *x, const model_t *m, const kpi_t *k)
{
	(void)m;
	char *name = sheet_name(x, k->def.naam);
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
	char *why = present_reason(k);
	worksheet_write_string(ws, 0, 0, k->def.naam, x->title);
	worksheet_write_string(ws, 1, 0, why, x->note);
	kt_table t;
	kt_build(k, &t);
	const int hr = 3;
	for (int c = 0; c < t.ncols; c++) {
		worksheet_write_string(ws, hr, (lxw_col_t)c, t.cols[c].label, x->head);
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
		                     t.cols[c].kind == KT_TEXT ? 24 : c == t.value_col ? 18 : 14, NULL);
	}
	for (size_t r = 0; r < t.nrows; r++)
		for (int c = 0; c < t.ncols; c++) {
			const kt_cell *cell = kt_at(&t, r, c);
			lxw_row_t row = (lxw_row_t)(hr + 1 + (int)r);
			if (t.cols[c].kind == KT_TEXT || t.cols[c].kind == KT_PERIOD) {
				if (cell->text[0])
					worksheet_write_string(ws, row, (lxw_col_t)c, cell->text, x->text);
			} else if (!cell->empty) {
				worksheet_write_number(ws, row, (lxw_col_t)c, cell->num, fmt_for(x, t.cols[c].kind));
			}
		}
	int last = hr + (int)t.nrows;
	worksheet_freeze_panes(ws, hr + 1, 0);
	worksheet_autofilter(ws, hr, 0, (lxw_row_t)(last > hr ? last : hr), (lxw_col_t)(t.ncols - 1));

	/* a native line chart of the whole organisation ("Totaal" rows come last) */
	size_t first_total = t.nrows;
	for (size_t r = 0; r < t.nrows && first_total == t.nrows; r++)
		if (t.rows[r].series->is_total)
			first_total = r;
	if (t.value_col >= 0 && first_total < t.nrows) {
		lxw_chart *ch = workbook_add_chart(x->wb, k->def.maat == MAAT_AANTAL ? LXW_CHART_COLUMN : LXW_CHART_LINE);
		lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
		lxw_row_t r0 = (lxw_row_t)(hr + 1 + (int)first_total), r1 = (lxw_row_t)last;
		chart_series_set_categories(s, name, r0, (lxw_col_t)t.period_col, r1, (lxw_col_t)t.period_col);
		chart_series_set_values(s, name, r0, (lxw_col_t)t.value_col, r1, (lxw_col_t)t.value_col);
		chart_series_set_name(s, t.group_col >= 0 ? "Totaal" : k->def.naam);
		if (k->def.maat != MAAT_AANTAL) {
			lxw_chart_line line = {0};
			line.color = 0x1F4E79;
			line.width = 2.25;
			chart_series_set_line(s, &line);
			chart_series_set_marker_type(s, LXW_CHART_MARKER_CIRCLE);
		}
		chart_title_set_name(ch, k->def.naam);
		chart_axis_set_name(ch->y_axis, t.cols[t.value_col].label);
		chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
		lxw_chart_options opt = {0};
		opt.x_scale = 1.6;
		opt.y_scale = 1.3;
		opt.description = why;
		worksheet_insert_chart_opt(ws, (lxw_row_t)hr, (lxw_col_t)(t.ncols + 1), ch, &opt);
	}
	kt_free(&t);
	free(why);
}

static void milestones(xctx *x, const model_t *m)
{
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, sheet_name(x, "Mijlpalen"));
	worksheet_write_string(ws, 0, 0, "Mijlpalen van de acties en teamdoelen", x->title);
	static const char *const head[] = {"Soort", "Actie of teamdoel", "Eigenaar", "Wanneer",
		"Uiterlijk", "Mijlpaal", "Status"};
	const int hr = 2;
	header_row(x, ws, hr, head, 7);
	int r = hr + 1;
	for (size_t i = 0; i < m->npages; i++) {
		const page_t *p = m->pages[i];
		for (size_t j = 0; j < p->nms; j++, r++) {
			const milestone_t *ms = &p->ms[j];
			worksheet_write_string(ws, (lxw_row_t)r, 0, present_soort(p->soort), x->text);
			worksheet_write_string(ws, (lxw_row_t)r, 1, p->titel, x->text);
			worksheet_write_string(ws, (lxw_row_t)r, 2, p->eigenaar ? p->eigenaar : "", x->text);
			char when[40];
			present_when(ms, when);
			worksheet_write_string(ws, (lxw_row_t)r, 3, when, x->text);
			int y, mo, d;
			day_to_ymd(ms->last, &y, &mo, &d);
			lxw_datetime dt = {y, mo, d, 0, 0, 0};
			worksheet_write_datetime(ws, (lxw_row_t)r, 4, &dt, x->date);
			worksheet_write_string(ws, (lxw_row_t)r, 5, ms->wat, x->wrap);
			worksheet_write_string(ws, (lxw_row_t)r, 6, present_ms(ms->status), x->text);
		}
	}
	status_formats(x, ws, hr + 1, r - 1, 6);
	worksheet_freeze_panes(ws, hr + 1, 0);
	worksheet_autofilter(ws, hr, 0, (lxw_row_t)(r > hr + 1 ? r - 1 : hr), 6);
	worksheet_set_column(ws, 0, 0, 11, NULL);
	worksheet_set_column(ws, 1, 1, 44, NULL);
	worksheet_set_column(ws, 2, 2, 26, NULL);
	worksheet_set_column(ws, 3, 4, 16, NULL);
	worksheet_set_column(ws, 5, 5, 60, NULL);
	worksheet_set_column(ws, 6, 6, 10, NULL);
}

static void definitions(xctx *x, const model_t *m)
{
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, sheet_name(x, "Definities"));
	worksheet_write_string(ws, 0, 0, "Definities van de KPI's", x->title);
	static const char *const head[] = {"KPI", "Id", "Maat", "Bron", "Per", "Groep", "Richting",
		"Nulmeting", "Doelen", "Omschrijving"};
	const int hr = 2;
	header_row(x, ws, hr, head, 10);
	for (size_t i = 0; i < m->nkpis; i++) {
		const kpi_t *k = m->kpis[i];
		lxw_row_t r = (lxw_row_t)(hr + 1 + (int)i);
		worksheet_write_string(ws, r, 0, k->def.naam, x->text);
		worksheet_write_string(ws, r, 1, k->def.id, x->text);
		char *maat;
		if (k->def.maat == MAAT_TERMIJN)
			maat = xasprintf("termijn: %d %s", k->def.termijn, k->def.werkdagen ? "werkdagen" : "dagen");
		else
			maat = xstrdup(maat_names[k->def.maat]);
		worksheet_write_string(ws, r, 2, maat, x->text);
		free(maat);
		worksheet_write_string(ws, r, 3, k->def.bron, x->text);
		worksheet_write_string(ws, r, 4, present_per_word(k->def.per), x->text);
		worksheet_write_string(ws, r, 5, k->def.groep ? k->def.groep : "", x->text);
		worksheet_write_string(ws, r, 6, k->def.lager ? "lager is beter" : "hoger is beter", x->text);
		char v[64], dd[40];
		if (k->def.has_base) {
			present_goal_value(&k->def, k->def.base.waarde, v);
			date_short(k->def.base.datum, dd);
			char *s = xasprintf("%s (%s)", v, dd);
			worksheet_write_string(ws, r, 7, s, x->text);
			free(s);
		}
		buf_t b = {0};
		for (size_t t = 0; t < k->def.ndoelen; t++) {
			present_goal_value(&k->def, k->def.doelen[t].waarde, v);
			present_target_date(k->def.doelen[t].datum, dd);
			buf_printf(&b, "%s%s %s %s", t ? "; " : "", dd, present_bound(&k->def), v);
		}
		worksheet_write_string(ws, r, 8, b.s ? b.s : "", x->wrap);
		buf_free(&b);
		worksheet_write_string(ws, r, 9, k->def.omschrijving ? k->def.omschrijving : "", x->wrap);
	}
	worksheet_freeze_panes(ws, hr + 1, 1);
	worksheet_autofilter(ws, hr, 0, (lxw_row_t)(hr + (int)(m->nkpis ? m->nkpis : 1)), 9);
	worksheet_set_column(ws, 0, 0, 42, NULL);
	worksheet_set_column(ws, 1, 1, 22, NULL);
	worksheet_set_column(ws, 2, 2, 22, NULL);
	worksheet_set_column(ws, 3, 3, 24, NULL);
	worksheet_set_column(ws, 4, 7, 14, NULL);
	worksheet_set_column(ws, 8, 8, 40, NULL);
	worksheet_set_column(ws, 9, 9, 70, NULL);
}

int xlsx_render(const model_t *m, const render_ctx *rc)
{
	xctx x = {0};
	/* libxlsxwriter writes the file itself */
	char *path = out_path(rc->out, rc->xlsx_name);
	x.wb = workbook_new(path);
	free(path);
	if (!x.wb) {
		out_error(rc->out, rc->xlsx_name, "kan de werkmap niet maken", 0);
		return -1;
	}
	char per[40];
	present_period(PER_KWARTAAL, m->mt_quarter, per);
	char *title = xasprintf("MT-rapportage dienstverlening %s, %s", m->gemeente, per);
	lxw_doc_properties props = {0};
	props.title = title;
	props.subject = "Uitvoeringsprogramma Excellente dienstverlening";
	props.author = m->gemeente;
	props.company = m->gemeente;
	props.keywords = m->voorbeelddata ? "dienstverlening, KPI, voorbeelddata" : "dienstverlening, KPI";
	props.created = rc->stamp > 0 ? rc->stamp : 1;
	workbook_set_properties(x.wb, &props);

	x.title = workbook_add_format(x.wb);
	format_set_bold(x.title);
	format_set_font_size(x.title, 14);
	x.note = workbook_add_format(x.wb);
	format_set_italic(x.note);
	x.head = workbook_add_format(x.wb);
	format_set_bold(x.head);
	format_set_bg_color(x.head, 0xDDE7F0);
	format_set_bottom(x.head, LXW_BORDER_THIN);
	format_set_text_wrap(x.head);
	format_set_align(x.head, LXW_ALIGN_VERTICAL_TOP);
	x.text = workbook_add_format(x.wb);
	format_set_align(x.text, LXW_ALIGN_VERTICAL_TOP);
	x.wrap = workbook_add_format(x.wb);
	format_set_text_wrap(x.wrap);
	format_set_align(x.wrap, LXW_ALIGN_VERTICAL_TOP);
	x.count = workbook_add_format(x.wb);
	format_set_num_format(x.count, "#,##0");
	format_set_align(x.count, LXW_ALIGN_VERTICAL_TOP);
	x.pct = workbook_add_format(x.wb);
	format_set_num_format(x.pct, "0.0");
	format_set_align(x.pct, LXW_ALIGN_VERTICAL_TOP);
	x.mark = workbook_add_format(x.wb);
	format_set_num_format(x.mark, "0.0");
	format_set_align(x.mark, LXW_ALIGN_VERTICAL_TOP);
	x.date = workbook_add_format(x.wb);
	format_set_num_format(x.date, "dd-mm-yyyy");
	format_set_align(x.date, LXW_ALIGN_LEFT);
	format_set_align(x.date, LXW_ALIGN_VERTICAL_TOP);
	/* status colours only support the words, which are always there */
	x.st_good = workbook_add_format(x.wb);
	format_set_bg_color(x.st_good, 0xD8EFD8);
	x.st_bad = workbook_add_format(x.wb);
	format_set_bg_color(x.st_bad, 0xF8D7D7);
	x.st_risk = workbook_add_format(x.wb);
	format_set_bg_color(x.st_risk, 0xFCEBC4);

	overview(&x, m, rc);
	for (size_t i = 0; i < m->nkpis; i++)
		kpi_sheet(&x, m, m->kpis[i]);
	milestones(&x, m);
	definitions(&x, m);

	lxw_error e = workbook_close(x.wb);
	free(title);
	for (size_t i = 0; i < x.nnames; i++)
		free(x.names[i]);
	free(x.names);
	if (e != LXW_NO_ERROR) {
		char *why = xasprintf("kan de werkmap niet schrijven (%s)", lxw_strerror(e));
		out_error(rc->out, rc->xlsx_name, why, 0);
		free(why);
		return -1;
	}
	return out_adopt(rc->out, rc->xlsx_name);
}
