/* opendata.c - every KPI series as CSV under output/data/: UTF-8 with BOM, ';',
 * decimal comma, one header row: what Dutch Excel opens correctly. Beside them a Frictionless
 * Data Package (datapackage.json) that describes every file: its KPI, how it is measured and
 * what was assumed (afgeleid), the dialect, every column with its type and unit, the licence,
 * so a portal or a tool reads the files without guessing.
 *
 * Each row says its level first (niveau: "organisatie" for the whole organisation, else the kind
 * of group, "team"), so a sum over a filtered level never counts the organisation twice. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "base/fmt.h"
#include "base/util.h"
#include "model/present.h"
#include "model/table.h"
#include "render/render.h"

char *opendata_href(const kpi_t *k)
{
	return xasprintf("data/%s.csv", k->def.id);
}

static const char level_desc[] = "Waar de rij over gaat: ‘organisatie’ is de hele organisatie, anders het soort groep "
                                 "(team, kanaal, product). Tel alleen rijen van één niveau op, dan telt niets dubbel.";

static void csv_file(const kpi_t *k, const kt_table *t, buf_t *b)
{
	buf_puts(b, "\xEF\xBB\xBF");
	buf_puts(b, "niveau");
	for (int c = 0; c < t->ncols; c++) {
		buf_putc(b, ';');
		esc_csv(b, t->cols[c].key);
	}
	buf_puts(b, "\r\n");
	for (size_t r = 0; r < t->nrows; r++) {
		esc_csv(b, present_level(&k->def, t->rows[r].series));
		for (int c = 0; c < t->ncols; c++) {
			buf_putc(b, ';');
			const kt_cell *cell = kt_at(t, r, c);
			/* no thousands dots in data files: "1234,5" */
			if (!cell->empty && t->cols[c].kind != KT_TEXT && t->cols[c].kind != KT_PERIOD) {
				char num[64];
				fmt_num_plain(cell->num, t->cols[c].kind == KT_COUNT ? 0 : 1, num);
				buf_puts(b, num);
			} else {
				esc_csv(b, cell->text);
			}
		}
		buf_puts(b, "\r\n");
	}
}

/* "key": "text", */
static void json_str(buf_t *b, const char *indent, const char *key, const char *s, int comma)
{
	buf_printf(b, "%s\"%s\": ", indent, key);
	esc_json(b, s);
	buf_puts(b, comma ? ",\n" : "\n");
}

/* A date as JSON text: "2025-12-31". */
static void json_day(buf_t *b, int day)
{
	int y, m, d;
	day_to_ymd(day, &y, &m, &d);
	buf_printf(b, "\"%04d-%02d-%02d\"", y, m, d);
}

/* A baseline or target: its value, date and whether it is assumed; a target (d not NULL) with
 * the direction it must be met in. */
static void json_target(buf_t *b, const kpi_def *d, const target_t *t, const char *indent)
{
	buf_printf(b, "%s{\"waarde\": %.10g, \"datum\": ", indent, t->waarde);
	json_day(b, t->datum);
	if (d) {
		/* the words of present_bound, without the space; a 100% needs none */
		const char *w = present_bound(d, t->waarde);
		char dir[32];
		snprintf(dir, sizeof dir, "%s", *w ? w : "precies ");
		dir[strlen(dir) - 1] = '\0';
		buf_puts(b, ", \"richting\": ");
		esc_json(b, dir);
	}
	buf_printf(b, ", \"afgeleid\": %s}", t->afgeleid ? "true" : "false");
}

/* One column of a CSV file as a Table Schema field. */
static void json_field(buf_t *b, const kt_table *t, int c, int comma)
{
	const kt_col *col = &t->cols[c];
	buf_puts(b, "          {\n");
	json_str(b, "            ", "name", col->key, 1);
	json_str(b, "            ", "title", col->head, 1);
	json_str(b, "            ", "description", col->desc, 1);
	if (col->unit)
		json_str(b, "            ", "unit", col->unit, 1);
	switch (col->kind) {
	case KT_TEXT:
		buf_puts(b, "            \"type\": \"string\"");
		if (c == t->group_col)
			buf_puts(b, ",\n            \"constraints\": {\"required\": true}");
		break;
	case KT_PERIOD:
		if (t->per == PER_MAAND)
			buf_puts(b, "            \"type\": \"yearmonth\",\n            \"constraints\": {\"required\": true}");
		else if (t->per == PER_JAAR)
			buf_puts(b, "            \"type\": \"year\",\n            \"constraints\": {\"required\": true}");
		else
			buf_puts(b, "            \"type\": \"string\",\n"
			            "            \"constraints\": {\"required\": true, \"pattern\": \"[0-9]{4}-K[1-4]\"}");
		break;
	case KT_COUNT:
		buf_puts(b, "            \"type\": \"integer\",\n            \"bareNumber\": true");
		break;
	case KT_PCT:
	case KT_MARK:
		buf_puts(b, "            \"type\": \"number\",\n            \"decimalChar\": \",\",\n"
		            "            \"bareNumber\": true");
		break;
	}
	buf_printf(b, "\n          }%s\n", comma ? "," : "");
}

static void json_resource(const model_t *m, const kpi_t *k, const kt_table *t, buf_t *b, int comma)
{
	const kpi_def *d = &k->def;
	buf_puts(b, "    {\n");
	buf_t name = {0};
	esc_slug(&name, d->id);
	json_str(b, "      ", "name", name.s ? name.s : "kpi", 1);
	buf_free(&name);
	char *path = xasprintf("%s.csv", d->id);
	json_str(b, "      ", "path", path, 1);
	free(path);
	buf_puts(b, "      \"profile\": \"tabular-data-resource\",\n");
	json_str(b, "      ", "title", d->naam, 1);
	/* what a reader needs to use the figures: what they are, how they are measured, what was
	 * assumed where the programme says nothing, the targets */
	buf_t desc = {0}, extra = {0};
	char method[256], unit[128];
	present_method(d, method);
	present_unit(d, unit);
	if (d->omschrijving)
		buf_printf(&desc, "%s ", d->omschrijving);
	buf_printf(&desc, "%s Eenheid: %s. Per %s%s%s.", method, unit, present_per_word(d->per),
	           d->groep ? " en per " : "", d->groep ? d->groep : "");
	if (d->has_base) {
		char base[160];
		present_base_listed(d, base);
		buf_printf(&desc, " Nulmeting: %s.", base);
	}
	for (size_t i = 0; i < d->ndoelen; i++) {
		char g[160];
		present_goal_listed(d, &d->doelen[i], g);
		buf_printf(&desc, "%s%s", i ? ", " : " Doel: ", g);
	}
	if (d->ndoelen)
		buf_putc(&desc, '.');
	if (d->afgeleid)
		buf_printf(&desc, " Afgeleid: %s", d->afgeleid);
	char end[64];
	present_source_end(m, k, end);
	if (end[0])
		buf_printf(&extra, " Let op: %s.", end);
	buf_add(&desc, extra.s ? extra.s : "", extra.len);
	json_str(b, "      ", "description", desc.s, 1);
	buf_free(&desc);
	buf_free(&extra);
	if (d->afgeleid)
		json_str(b, "      ", "afgeleid", d->afgeleid, 1);
	if (d->has_base) {
		buf_puts(b, "      \"nulmeting\": ");
		json_target(b, NULL, &d->base, "");
		buf_puts(b, ",\n");
	}
	buf_puts(b, "      \"doelen\": [");
	for (size_t i = 0; i < d->ndoelen; i++) {
		buf_puts(b, i ? ",\n" : "\n");
		json_target(b, d, &d->doelen[i], "        ");
	}
	buf_puts(b, d->ndoelen ? "\n      ],\n" : "],\n");
	buf_puts(b, "      \"sources\": [{\"title\": ");
	char *src = xasprintf("export %s", d->bron ? d->bron : "kpi.csv");
	esc_json(b, src);
	free(src);
	buf_puts(b, "}],\n");
	buf_puts(b, "      \"format\": \"csv\",\n      \"mediatype\": \"text/csv\",\n      \"encoding\": \"utf-8\",\n");
	buf_puts(b, "      \"dialect\": {\n        \"delimiter\": \";\",\n        \"lineTerminator\": \"\\r\\n\",\n"
	            "        \"quoteChar\": \"\\\"\",\n        \"doubleQuote\": true,\n        \"header\": true,\n"
	            "        \"skipInitialSpace\": false\n      },\n");
	buf_puts(b, "      \"schema\": {\n        \"fields\": [\n");
	/* the level first, as in the file */
	buf_puts(b, "          {\n            \"name\": \"niveau\",\n            \"title\": \"Niveau\",\n");
	json_str(b, "            ", "description", level_desc, 1);
	buf_puts(b, "            \"type\": \"string\",\n            \"constraints\": {\"required\": true, \"enum\": [");
	esc_json(b, "organisatie");
	if (d->groep) {
		buf_puts(b, ", ");
		esc_json(b, d->groep);
	}
	buf_puts(b, "]}\n          },\n");
	for (int c = 0; c < t->ncols; c++)
		json_field(b, t, c, c + 1 < t->ncols);
	buf_puts(b, "        ],\n        \"missingValues\": [\"\"],\n        \"primaryKey\": [\"niveau\", ");
	if (t->group_col >= 0) {
		esc_json(b, t->cols[t->group_col].key);
		buf_puts(b, ", ");
	}
	esc_json(b, t->cols[t->period_col].key);
	buf_printf(b, "]\n      }\n    }%s\n", comma ? "," : "");
}

/* The Data Package of all files, "data/datapackage.json". */
static void datapackage(const model_t *m, buf_t *b)
{
	buf_puts(b, "{\n  \"profile\": \"tabular-data-package\",\n");
	buf_t name = {0};
	buf_puts(&name, "dienstverlening-");
	esc_slug(&name, m->gemeente);
	json_str(b, "  ", "name", name.s, 1);
	buf_free(&name);
	char *title = xasprintf("Cijfers Uitvoeringsprogramma Excellente dienstverlening, %s", m->gemeente);
	json_str(b, "  ", "title", title, 1);
	free(title);
	char day[40];
	present_date(m->peildatum, day);
	buf_t desc = {0};
	buf_printf(&desc, "De cijfers van de KPI's van het programma, een bestand per KPI. Stand op %s. ", day);
	buf_puts(&desc, "De bestanden zijn UTF-8 met BOM, met een puntkomma tussen de kolommen en een komma als decimaalteken. "
	                "Een lege cel heeft geen waarde: nooit een 0. De kolom niveau zegt of een rij over de hele "
	                "organisatie gaat of over een groep.");
	if (m->voorbeelddata)
		buf_puts(&desc, " Let op: dit zijn voorbeeldgegevens, geen echte metingen.");
	buf_t stale = {0};
	present_stale_sources(m, &stale);
	if (stale.len)
		buf_printf(&desc, " Let op: %s", stale.s);
	buf_free(&stale);
	json_str(b, "  ", "description", desc.s, 1);
	buf_free(&desc);
	if (m->website)
		json_str(b, "  ", "homepage", m->website, 1);
	buf_puts(b, "  \"version\": ");
	json_day(b, m->peildatum);
	buf_puts(b, ",\n");
	buf_puts(b, "  \"keywords\": [\"dienstverlening\", \"KPI\"");
	if (m->voorbeelddata)
		buf_puts(b, ", \"voorbeelddata\"");
	buf_puts(b, "],\n");
	buf_puts(b, "  \"contributors\": [{\"title\": ");
	char *who = xasprintf("Gemeente %s", m->gemeente);
	esc_json(b, who);
	free(who);
	buf_puts(b, ", \"role\": \"publisher\"}],\n");
	/* choice: CC0, as the Dutch government's open-data policy prefers for its data */
	buf_puts(b, "  \"licenses\": [\n    {\n      \"name\": \"CC0-1.0\",\n"
	            "      \"title\": \"Creative Commons Zero v1.0 Universal\",\n"
	            "      \"path\": \"https://creativecommons.org/publicdomain/zero/1.0/\"\n    }\n  ],\n");
	buf_puts(b, "  \"resources\": [\n");
	for (size_t i = 0; i < m->nkpis; i++)
		json_resource(m, m->kpis[i], kt_of(m->kpis[i]), b, i + 1 < m->nkpis);
	buf_puts(b, "  ]\n}\n");
}

int opendata_render(const model_t *m, const render_ctx *rc)
{
	if (out_mkdir(rc->out, "data") != 0)
		return -1;
	int rv = 0;
	for (size_t i = 0; i < m->nkpis && rv == 0; i++) {
		const kpi_t *k = m->kpis[i];
		buf_t b = {0};
		csv_file(k, kt_of(k), &b);
		char *href = opendata_href(k);
		rv = out_write(rc->out, href, b.s, b.len);
		free(href);
		buf_free(&b);
	}
	if (rv == 0) {
		buf_t b = {0};
		datapackage(m, &b);
		rv = out_write(rc->out, "data/datapackage.json", b.s, b.len);
		buf_free(&b);
	}
	return rv;
}
