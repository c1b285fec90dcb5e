/* table.c - see table.h. */
#include "model/table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "base/fmt.h"
#include "base/util.h"
#include "model/present.h"

/* A column; `unit` names what its numbers are (NULL for text), and the header a spreadsheet
 * shows carries it where the label does not already say it: "Gemiddelde (cijfer)". */
static void add_col(kt_table *t, const char *key, const char *label, kt_kind kind, const char *unit, const char *desc)
{
	if (t->ncols >= (int)(sizeof t->cols / sizeof *t->cols))
		abort(); /* a measure with more columns than the table holds: a programming error */
	kt_col *c = &t->cols[t->ncols++];
	c->key = xstrdup(key);
	c->label = xstrdup(label);
	c->kind = kind;
	c->unit = unit ? xstrdup(unit) : NULL;
	c->desc = xstrdup(desc);
	if (!unit || kind == KT_COUNT || strchr(label, '('))
		c->head = xstrdup(label);
	else
		c->head = xasprintf("%s (%s)", label, kind == KT_PCT ? "%" : unit);
}

static kt_cell *new_row(kt_table *t, size_t *cap, size_t *rcap, const series_t *s, int key)
{
	t->cells = xgrow(t->cells, cap, (t->nrows + 1) * (size_t)t->ncols, sizeof *t->cells);
	t->rows = xgrow(t->rows, rcap, t->nrows, sizeof *t->rows);
	memset(&t->rows[t->nrows], 0, sizeof t->rows[t->nrows]);
	t->rows[t->nrows].series = s;
	t->rows[t->nrows].key = key;
	return &t->cells[t->nrows++ * (size_t)t->ncols];
}

static void set_text(kt_cell *c, const char *s)
{
	c->text = xstrdup(s);
}

static void set_num(kt_cell *c, kt_kind kind, double v)
{
	char out[64];
	switch (kind) {
	case KT_COUNT:
		c->num = num_round(v, 0);
		present_number(c->num, 0, out);
		break;
	case KT_PCT:
		c->num = num_round(v, 1);
		present_number(c->num, 1, out);
		break;
	case KT_MARK:
		c->num = num_round(v, 1);
		present_number(c->num, 1, out);
		break;
	case KT_TEXT:
	case KT_PERIOD:
		c->num = v;
		present_number(v, 1, out);
		break;
	}
	c->text = xstrdup(out);
}

static void set_empty(kt_cell *c)
{
	c->empty = 1;
	c->text = xstrdup("");
}

/* A value the engine may not have (too few answers, nothing due yet): the number, or empty. */
static void set_maybe(kt_cell *c, int has, kt_kind kind, double v)
{
	if (has)
		set_num(c, kind, v);
	else
		set_empty(c);
}

/* A value of `is` as part of a column key: "KCC" -> "kcc". */
static char *key_part(const char *s)
{
	buf_t b = {0};
	esc_slug(&b, s);
	for (size_t i = 0; i < b.len; i++)
		if (b.s[i] == '-')
			b.s[i] = '_';
	return b.len ? buf_take(&b) : xstrdup("waarde");
}

/* The counts a share divides, on the row just added. */
static void set_ratio(kt_table *t, const cell_t *c)
{
	kt_row *row = &t->rows[t->nrows - 1];
	row->has_ratio = 1;
	row->teller = c->hits;
	row->noemer = c->n;
}

static void add_series_rows(const kpi_t *k, kt_table *t, const series_t *s, size_t *cap, size_t *rcap)
{
	for (size_t i = 0; i < s->ncells; i++) {
		const cell_t *c = &s->cells[i];
		int key = s->first_key + (int)i;
		/* a period without rows is left out, unless its export does not cover it: that is
		 * said ("geen gegevens"), never shown as nothing or as a 0 */
		if (!c->total && !c->n && !c->open && !c->has_value && !c->suppressed && c->cover != COV_NONE)
			continue;
		kt_cell *r = new_row(t, cap, rcap, s, key);
		memset(r, 0, (size_t)t->ncols * sizeof *r);
		int col = 0;
		char p[40];
		if (t->group_col >= 0)
			set_text(&r[col++], s->name);
		period_code(k->def.per, key, p);
		set_text(&r[col++], p);
		if (c->cover == COV_NONE) {
			/* no counts either: empty cells up to the stand column */
			while (col < t->stand_col)
				set_empty(&r[col++]);
		} else switch (k->def.maat) {
		case MAAT_TERMIJN:
			/* the share is hits / (total - open): n is exactly that */
			set_ratio(t, c);
			set_num(&r[col++], KT_COUNT, (double)c->total);
			set_num(&r[col++], KT_COUNT, (double)c->hits);
			set_num(&r[col++], KT_COUNT, (double)c->open);
			set_maybe(&r[col++], c->has_value, KT_PCT, c->value);
			break;
		case MAAT_GEMIDDELDE:
			set_maybe(&r[col++], !c->suppressed, KT_COUNT, (double)c->n);
			if (k->def.einde)
				set_num(&r[col++], KT_COUNT, (double)c->open);
			if (c->has_value) {
				set_num(&r[col++], KT_MARK, c->value);
				set_num(&r[col++], KT_MARK, c->lo);
				set_num(&r[col++], KT_MARK, c->hi);
			} else {
				for (int q = 0; q < 3; q++)
					set_empty(&r[col++]);
			}
			if (k->def.has_norm)
				set_maybe(&r[col++], c->has_value, KT_PCT, c->norm_pct);
			if (c->suppressed) {
				char note[96];
				snprintf(note, sizeof note, "niet getoond: minder dan %ld %s", k->def.minimum,
				         k->def.einde ? "afgehandeld" : "antwoorden");
				set_text(&r[col++], note);
			} else {
				set_text(&r[col++], "");
			}
			break;
		case MAAT_AANDEEL:
			set_ratio(t, c);
			set_num(&r[col++], KT_COUNT, (double)c->n);
			set_num(&r[col++], KT_COUNT, (double)c->hits);
			set_maybe(&r[col++], c->has_value, KT_PCT, c->value);
			break;
		case MAAT_AANTAL:
			set_num(&r[col++], KT_COUNT, (double)c->n);
			break;
		case MAAT_WAARDE:
			set_maybe(&r[col++], c->has_value,
			          k->def.eenheid == EENHEID_PROCENT  ? KT_PCT
			          : k->def.eenheid == EENHEID_CIJFER ? KT_MARK
			                                             : KT_COUNT,
			          c->value);
			break;
		case MAAT_OPENSTAAND:
			set_ratio(t, c);
			set_num(&r[col++], KT_COUNT, (double)c->total);
			set_num(&r[col++], KT_COUNT, (double)c->n);
			set_num(&r[col++], KT_COUNT, (double)c->hits);
			set_maybe(&r[col++], c->has_value, KT_PCT, c->value);
			break;
		}
		set_text(&r[col++], present_stand(c));
		if (t->revised_col >= 0) {
			set_maybe(&r[col++], c->revised, t->cols[t->revised_col].kind, c->was);
			t->any_revised |= c->revised;
		}
	}
}

void kt_build(const kpi_t *k, kt_table *t)
{
	memset(t, 0, sizeof *t);
	t->per = k->def.per;
	t->group_col = t->period_col = t->value_col = t->revised_col = -1;
	t->part_col = t->whole_col = t->minus_col = -1;
	size_t cap = 0, rcap = 0;
	char key[96], label[96], desc[320], unit[128], days[48];
	present_unit(&k->def, unit);
	/* marks and durations in their unit; a 'waarde' in its own */
	const char *mark = k->def.eenheid == EENHEID_WERKDAGEN ? "werkdagen" : unit;
	snprintf(days, sizeof days, "%d %s", k->def.termijn, k->def.werkdagen ? "werkdagen" : "dagen");
	if (k->def.groep) {
		t->group_col = t->ncols;
		char *glabel = xstrdup(k->def.groep);
		if (glabel[0] >= 'a' && glabel[0] <= 'z')
			glabel[0] = (char)(glabel[0] - 'a' + 'A');
		snprintf(desc, sizeof desc, "De groep (%s) waar de cijfers van de rij over gaan. ‘Totaal’ is de hele organisatie.",
		         k->def.groep);
		add_col(t, k->def.groep, glabel, KT_TEXT, NULL, desc);
		free(glabel);
	}
	t->period_col = t->ncols;
	snprintf(desc, sizeof desc, "De periode: %s.",
	         k->def.per == PER_MAAND      ? "een maand, als JJJJ-MM"
	         : k->def.per == PER_KWARTAAL ? "een kwartaal, als JJJJ-KN (K1 is januari tot en met maart)"
	                                      : "een jaar, als JJJJ");
	add_col(t, present_per_word(k->def.per), present_per_label(k->def.per), KT_PERIOD, NULL, desc);
	const char *w = k->def.lager ? "buiten" : "binnen";
	switch (k->def.maat) {
	case MAAT_TERMIJN:
		t->whole_col = t->ncols;
		add_col(t, "totaal", "Totaal", KT_COUNT, "aantal", "Hoeveel er in de periode binnenkwamen.");
		snprintf(key, sizeof key, "%s_termijn", w);
		snprintf(label, sizeof label, "%s termijn", k->def.lager ? "Buiten" : "Binnen");
		snprintf(desc, sizeof desc,
		         k->def.lager ? "Hoeveel er niet binnen %s klaar waren. Ook wat nog open is en al over de tijd is."
		                      : "Hoeveel er binnen %s klaar waren.",
		         days);
		t->part_col = t->ncols;
		add_col(t, key, label, KT_COUNT, "aantal", desc);
		t->minus_col = t->ncols;
		add_col(t, "lopend", "Lopend", KT_COUNT, "aantal",
		        "Hoeveel er nog open zijn en nog op tijd klaar kunnen zijn. Die tellen nog niet mee in het percentage.");
		snprintf(key, sizeof key, "percentage_%s_termijn", w);
		snprintf(label, sizeof label, "%s termijn (%%)", k->def.lager ? "Buiten" : "Binnen");
		snprintf(desc, sizeof desc, "%s termijn gedeeld door (totaal min lopend), in procent met één decimaal.",
		         k->def.lager ? "Buiten" : "Binnen");
		t->value_col = t->ncols;
		add_col(t, key, label, KT_PCT, "procent", desc);
		break;
	case MAAT_GEMIDDELDE:
		add_col(t, k->def.einde ? "aantal" : "aantal_antwoorden", k->def.einde ? "Afgehandeld" : "Antwoorden", KT_COUNT,
		        "aantal", k->def.einde ? "Hoeveel er in de periode klaar waren." : "Hoeveel antwoorden er in de periode waren.");
		if (k->def.einde)
			add_col(t, "nog_open", "Nog open", KT_COUNT, "aantal", "Hoeveel er nog niet klaar waren.");
		t->value_col = t->ncols;
		add_col(t, k->def.einde ? "gemiddelde_werkdagen" : "gemiddelde", k->def.einde ? "Gemiddeld (werkdagen)" : "Gemiddelde",
		        KT_MARK, mark,
		        k->def.einde ? "Het gemiddelde aantal werkdagen tot het klaar was." : "Het gemiddelde van de antwoorden.");
		add_col(t, "ondergrens_95", "Ondergrens 95%", KT_MARK, mark,
		        "De echte waarde ligt met 95% zekerheid tussen de ondergrens en de bovengrens.");
		add_col(t, "bovengrens_95", "Bovengrens 95%", KT_MARK, mark,
		        "De echte waarde ligt met 95% zekerheid tussen de ondergrens en de bovengrens.");
		/* the share that meets the norm, when the KPI has one (a column with nothing in it
		 * would only puzzle) */
		if (k->def.has_norm) {
			char nv[48];
			present_number(k->def.norm, 0, nv);
			snprintf(label, sizeof label, "%s of %s (%%)", nv, k->def.lager ? "minder" : "hoger");
			snprintf(desc, sizeof desc, "Het deel met %s of %s, in procent met één decimaal.", nv,
			         k->def.lager ? "minder" : "hoger");
			add_col(t, "percentage_norm", label, KT_PCT, "procent", desc);
		}
		snprintf(desc, sizeof desc, "Waarom een cijfer ontbreekt: bij minder dan %ld %s tonen we het niet.", k->def.minimum,
		         k->def.einde ? "afgehandelde zaken" : "antwoorden");
		add_col(t, "opmerking", "Opmerking", KT_TEXT, NULL, desc);
		break;
	case MAAT_AANDEEL: {
		char *part = key_part(k->def.is);
		t->whole_col = t->ncols;
		add_col(t, "totaal", "Totaal", KT_COUNT, "aantal", "Hoeveel er in de periode waren.");
		snprintf(key, sizeof key, "%s", part);
		snprintf(label, sizeof label, "Waarvan %s", k->def.is);
		snprintf(desc, sizeof desc, "Hoeveel daarvan ‘%s’ waren.", k->def.is);
		t->part_col = t->ncols;
		add_col(t, key, label, KT_COUNT, "aantal", desc);
		snprintf(key, sizeof key, "percentage_%s", part);
		snprintf(label, sizeof label, "%s (%%)", k->def.is);
		snprintf(desc, sizeof desc, "Waarvan %s gedeeld door totaal, in procent met één decimaal.", k->def.is);
		t->value_col = t->ncols;
		add_col(t, key, label, KT_PCT, "procent", desc);
		free(part);
		break;
	}
	case MAAT_AANTAL:
		t->value_col = t->ncols;
		add_col(t, "aantal", "Aantal", KT_COUNT, "aantal", "Hoeveel er in de periode waren.");
		break;
	case MAAT_WAARDE: {
		kt_kind kind = k->def.eenheid == EENHEID_PROCENT ? KT_PCT : k->def.eenheid == EENHEID_CIJFER ? KT_MARK : KT_COUNT;
		t->value_col = t->ncols;
		add_col(t, "waarde", k->def.eenheid == EENHEID_PROCENT ? "Waarde (%)" : "Waarde", kind,
		        k->def.eenheid == EENHEID_PROCENT ? "procent" : mark, "De waarde die het team zelf meldt.");
		break;
	}
	case MAAT_OPENSTAAND:
		add_col(t, "binnengekomen", "Binnengekomen", KT_COUNT, "aantal", "Hoeveel er in de periode binnenkwamen.");
		t->whole_col = t->ncols;
		add_col(t, "open", "Open aan het eind", KT_COUNT, "aantal",
		        "Hoeveel er aan het eind van de periode nog niet klaar waren (ook van eerdere periodes).");
		t->part_col = t->ncols;
		snprintf(desc, sizeof desc, "Hoeveel daarvan al langer dan %s wachtten.", days);
		add_col(t, "open_buiten_termijn", "Waarvan buiten termijn", KT_COUNT, "aantal", desc);
		t->value_col = t->ncols;
		add_col(t, "percentage_open_buiten_termijn", "Open buiten termijn (%)", KT_PCT, "procent",
		        "Waarvan buiten termijn gedeeld door open aan het eind, in procent met één decimaal.");
		break;
	}
	/* whether a figure can still change: definitief, voorlopig, deels or geen gegevens
	 * (docs/definities.md) */
	t->stand_col = t->ncols;
	add_col(t, "stand", "Stand", KT_TEXT, NULL,
	        "Hoe zeker het cijfer is: definitief, voorlopig (de periode loopt nog of er staat nog iets open), deels (de "
	        "export dekt een deel van de periode) of geen gegevens.");
	/* what the previous edition published, where it was different (model/edition.h) */
	t->revised_col = -1;
	if (t->value_col >= 0) {
		t->revised_col = t->ncols;
		const kt_col *v = &t->cols[t->value_col];
		add_col(t, "eerder_gepubliceerd", "Eerder gepubliceerd", v->kind, v->unit,
		        "Wat de vorige editie voor deze periode publiceerde, als dat anders was.");
	}
	if (k->def.groep)
		for (size_t g = 0; g < k->res.ngroups; g++)
			add_series_rows(k, t, &k->res.groups[g], &cap, &rcap);
	add_series_rows(k, t, &k->res.total, &cap, &rcap);
}

static void table_of(kpi_t *k)
{
	if (k->table)
		return;
	k->table = xmalloc(sizeof *k->table);
	kt_build(k, k->table);
}

void kt_tables(model_t *m)
{
	for (size_t i = 0; i < m->nkpis; i++)
		table_of(m->kpis[i]);
}

const kt_table *kt_of(const kpi_t *k)
{
	if (!k->table)
		table_of((kpi_t *)k); /* a renderer called on its own (the tests): one thread */
	return k->table;
}

const kt_cell *kt_at(const kt_table *t, size_t row, int col)
{
	return &t->cells[row * (size_t)t->ncols + (size_t)col];
}

void kt_free(kt_table *t)
{
	for (size_t i = 0; i < t->nrows * (size_t)t->ncols; i++)
		free(t->cells[i].text);
	free(t->cells);
	free(t->rows);
	for (int i = 0; i < t->ncols; i++) {
		free(t->cols[i].key);
		free(t->cols[i].label);
		free(t->cols[i].head);
		free(t->cols[i].unit);
		free(t->cols[i].desc);
	}
	memset(t, 0, sizeof *t);
}
