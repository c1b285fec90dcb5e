/* pdf.c - the council report; the only module that includes hpdf.h.
 * libharu cannot tag a PDF, so the site is the accessible version and the PDF says so;
 * the PDF has a title, embedded Unicode fonts, bookmarks and a logical reading order. */
#include <hpdf.h>
#include <hpdf_doc.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/date.h"
#include "model/present.h"
#include "render/render.h"
#include "base/util.h"

#define PAGE_W 595.276f
#define PAGE_H 841.89f
#define MARGIN_L 62.0f
#define MARGIN_R 62.0f
#define MARGIN_T 70.0f
#define MARGIN_B 70.0f
#define TEXT_W (PAGE_W - MARGIN_L - MARGIN_R)

typedef struct {
	char *title;
	int level;
	int page;          /* 1-based page number */
} toc_entry;

typedef struct {
	HPDF_Doc pdf;
	HPDF_Font font, bold;
	HPDF_Encoder enc;
	HPDF_Page page;
	HPDF_Page *pages;
	size_t npages, cappages;
	float y;
	toc_entry *toc;
	size_t ntoc, captoc;
	HPDF_Outline outline[3];
	const model_t *m;
	char *running;     /* running header text */
	/* Scratch text owned by the context: libharu reports errors by longjmp (on_error), which
	 * would lose any string a function holds in a local, so none does. */
	buf_t measure, line, say, say2, file;
	jmp_buf fail;
	HPDF_STATUS err, detail;
} pctx;

static void on_error(HPDF_STATUS e, HPDF_STATUS detail, void *user)
{
	pctx *p = user;
	p->err = e;
	p->detail = detail;
	longjmp(p->fail, 1);
}

static void new_page(pctx *p)
{
	p->page = HPDF_AddPage(p->pdf);
	HPDF_Page_SetSize(p->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
	p->pages = xgrow(p->pages, &p->cappages, p->npages, sizeof *p->pages);
	p->pages[p->npages++] = p->page;
	p->y = PAGE_H - MARGIN_T;
}

static float text_width(pctx *p, HPDF_Font f, float size, const char *s, size_t len)
{
	buf_reset(&p->measure);
	buf_add(&p->measure, s, len);
	HPDF_TextWidth tw = HPDF_Font_TextWidth(f, (const HPDF_BYTE *)p->measure.s, (HPDF_UINT)len);
	return (float)tw.width * size / 1000.0f;
}

static void draw_text(pctx *p, HPDF_Font f, float size, float x, float y, const char *s)
{
	HPDF_Page_BeginText(p->page);
	HPDF_Page_SetFontAndSize(p->page, f, size);
	HPDF_Page_TextOut(p->page, x, y, s);
	HPDF_Page_EndText(p->page);
}

static void need_space(pctx *p, float h)
{
	if (p->y - h < MARGIN_B)
		new_page(p);
}

/* Word-wrapped paragraph at x = MARGIN_L + indent; `bullet` is drawn before line one. */
static void para(pctx *p, const char *text, HPDF_Font f, float size, float indent, const char *bullet)
{
	float lead = size * 1.4f, width = TEXT_W - indent;
	const char *s = text;
	int first = 1;
	while (*s) {
		while (*s == ' ' || *s == '\n')
			s++;
		if (!*s)
			break;
		/* take words while they fit */
		const char *end = s, *fit = NULL;
		while (*end) {
			const char *w = end;
			while (*w == ' ')
				w++;
			const char *we = w;
			while (*we && *we != ' ' && *we != '\n')
				we++;
			if (text_width(p, f, size, s, (size_t)(we - s)) > width && fit)
				break;
			fit = we;
			end = we;
			if (*end == '\n')
				break;
		}
		if (!fit)
			fit = end;
		/* one word wider than the line: cut it at a character boundary */
		if (text_width(p, f, size, s, (size_t)(fit - s)) > width) {
			const char *c = s + 1;
			while (c < fit) {
				const char *n = c + 1;
				while (n < fit && ((unsigned char)*n & 0xC0) == 0x80)
					n++;
				if (text_width(p, f, size, s, (size_t)(n - s)) > width)
					break;
				c = n;
			}
			fit = c;
		}
		need_space(p, lead);
		p->y -= lead;
		buf_reset(&p->line);
		buf_add(&p->line, s, (size_t)(fit - s));
		if (first && bullet)
			draw_text(p, p->font, size, MARGIN_L + indent - 11, p->y, bullet);
		draw_text(p, f, size, MARGIN_L + indent, p->y, p->line.s);
		first = 0;
		s = fit;
	}
}

static void gap(pctx *p, float h)
{
	p->y -= h;
}

static void add_toc(pctx *p, const char *title, int level)
{
	p->toc = xgrow(p->toc, &p->captoc, p->ntoc, sizeof *p->toc);
	p->toc[p->ntoc].title = xstrdup(title);
	p->toc[p->ntoc].level = level;
	p->toc[p->ntoc].page = (int)p->npages;
	p->ntoc++;
	HPDF_Outline parent = level == 0 ? NULL : p->outline[level - 1];
	HPDF_Outline o = HPDF_CreateOutline(p->pdf, parent, title, p->enc);
	HPDF_Destination dst = HPDF_Page_CreateDestination(p->page);
	HPDF_Destination_SetFitH(dst, p->y + 30);
	HPDF_Outline_SetDestination(o, dst);
	HPDF_Outline_SetOpened(o, HPDF_FALSE);
	p->outline[level] = o;
}

/* Chapter: a new page, a bookmark and a TOC line. Section: a heading on the page. */
static void chapter(pctx *p, const char *title)
{
	new_page(p);
	add_toc(p, title, 0);
	para(p, title, p->bold, 20, 0, NULL);
	gap(p, 10);
}

static void section(pctx *p, const char *title, int level, int toc)
{
	need_space(p, 60);
	gap(p, 8);
	if (toc)
		add_toc(p, title, level);
	para(p, title, p->bold, level == 1 ? 14 : 11.5f, 0, NULL);
	gap(p, 3);
}

static void md_block(void *ctx, md_block_kind kind, int level, const char *text)
{
	pctx *p = ctx;
	switch (kind) {
	case MDB_HEADING:
		need_space(p, 40);
		gap(p, 4);
		para(p, text, p->bold, 11, 0, NULL);
		break;
	case MDB_ITEM:
		para(p, text, p->font, 10.5f, 14.0f * (float)level, "•");
		gap(p, 1);
		break;
	case MDB_PARA:
	case MDB_QUOTE:
	case MDB_CODE:
		para(p, text, p->font, 10.5f, 14.0f * (float)level, NULL);
		gap(p, 5);
		break;
	}
}

static void md(pctx *p, const md_doc *d)
{
	md_blocks(d, md_block, p);
}

static void kpi_lines(pctx *p, const kpi_t *k)
{
	char line[512];
	char label[64];
	present_status_label(k, label);
	snprintf(line, sizeof line, "%s %s", present_status_icon(k->res.status), label);
	need_space(p, 40);
	para(p, k->def.naam, p->bold, 10.5f, 0, NULL);
	para(p, line, p->bold, 10.5f, 14, NULL);
	char *why = present_reason(k);
	buf_reset(&p->say);
	buf_puts(&p->say, why);
	free(why);
	para(p, p->say.s, p->font, 10.5f, 14, NULL);
	gap(p, 5);
}

static void page_body(pctx *p, const page_t *pg)
{
	if (pg->eigenaar) {
		buf_reset(&p->say);
		buf_printf(&p->say, "Eigenaar: %s", pg->eigenaar);
		para(p, p->say.s, p->font, 10.5f, 0, NULL);
		gap(p, 4);
	}
	if (!md_is_empty(pg->body))
		md(p, pg->body);
	for (int i = 0; i < SMART_N; i++) {
		if (!pg->smart[i])
			continue;
		section(p, smart_names[i], 2, 0);
		md(p, pg->smart[i]);
	}
	int any = 0;
	for (int i = 0; i < AMB_N; i++)
		any |= pg->amb[i] != NULL;
	if (any) {
		section(p, "Bijdrage aan de ambities", 2, 0);
		for (int i = 0; i < AMB_N; i++) {
			if (!pg->amb[i])
				continue;
			para(p, present_ambition(i), p->bold, 10.5f, 0, NULL);
			md(p, pg->amb[i]);
		}
	}
	if (pg->nms) {
		section(p, "Mijlpalen", 2, 0);
		for (size_t i = 0; i < pg->nms; i++) {
			const milestone_t *ms = &pg->ms[i];
			char when[40];
			present_when(ms, when);
			buf_reset(&p->say);
			buf_printf(&p->say, "%s: %s (%s)", when, ms->wat, present_ms(ms->status));
			para(p, p->say.s, p->font, 10.5f, 14, "•");
		}
	}
	if (pg->nkpis) {
		section(p, "Meting", 2, 0);
		for (size_t i = 0; i < pg->nkpis; i++)
			kpi_lines(p, pg->kpis[i]);
	}
}

static void cover(pctx *p)
{
	const model_t *m = p->m;
	new_page(p);
	char day[40];
	present_date(m->peildatum, day);
	p->y = PAGE_H - 220;
	para(p, "Raadsrapportage", p->font, 16, 0, NULL);
	gap(p, 6);
	para(p, "Excellente dienstverlening", p->bold, 28, 0, NULL);
	buf_reset(&p->say);
	buf_printf(&p->say, "Gemeente %s – %d", m->gemeente, m->report_year);
	gap(p, 6);
	para(p, p->say.s, p->font, 16, 0, NULL);
	gap(p, 30);
	buf_reset(&p->say);
	buf_printf(&p->say, "Stand op %s.", day);
	para(p, p->say.s, p->font, 11, 0, NULL);
	gap(p, 8);
	para(p, "Dit rapport is ook te lezen als website (index.html in de map van het dashboard). "
	        "Die versie is toegankelijk voor schermlezers en heeft bij elke grafiek een tabel.",
	     p->font, 11, 0, NULL);
	if (m->voorbeelddata) {
		gap(p, 16);
		para(p, "Let op: dit rapport is gemaakt met voorbeeldgegevens (voorbeelddata). "
		        "De cijfers zijn niet echt.", p->bold, 11, 0, NULL);
	}
}

static void summary(pctx *p)
{
	const model_t *m = p->m;
	chapter(p, "Stand van zaken in het kort");
	char day[40];
	present_date(m->peildatum, day);
	const int *count = m->kpi_count;
	buf_reset(&p->say);
	buf_printf(&p->say, "Op %s meten we %zu KPI's.", day, m->nkpis);
	for (int st = 0; st < ST_N; st++)
		if (count[st])
			buf_printf(&p->say, " %s: %d.", present_status((kpi_status)st), count[st]);
	para(p, p->say.s, p->font, 10.5f, 0, NULL);
	gap(p, 6);
	const int *ms = m->ms_count;
	buf_reset(&p->say);
	buf_printf(&p->say, "Van de %zu mijlpalen zijn er %d gereed, %d lopen nog, %d zijn gepland, van %d is niets gemeld en %d zijn te laat.",
	           m->nms, ms[MS_GEREED], ms[MS_LOOPT], ms[MS_GEPLAND], ms[MS_NIET_GEMELD], ms[MS_TE_LAAT]);
	para(p, p->say.s, p->font, 10.5f, 0, NULL);
	section(p, "Alle KPI's", 1, 0);
	for (size_t i = 0; i < m->nkpis; i++)
		kpi_lines(p, m->kpis[i]);
}

static void toc_pages(pctx *p, size_t first, size_t count)
{
	/* the TOC was given `count` empty pages starting at index `first` */
	size_t pi = first;
	p->page = p->pages[pi];
	float y = PAGE_H - MARGIN_T;
	draw_text(p, p->bold, 20, MARGIN_L, y - 20, "Inhoud");
	y -= 46;
	for (size_t i = 0; i < p->ntoc; i++) {
		const toc_entry *e = &p->toc[i];
		float size = e->level == 0 ? 11 : 10;
		if (y - 16 < MARGIN_B && pi + 1 < first + count) {
			p->page = p->pages[++pi];
			y = PAGE_H - MARGIN_T;
		}
		y -= e->level == 0 ? 18 : 15;
		float x = MARGIN_L + 16.0f * (float)e->level;
		char num[16];
		snprintf(num, sizeof num, "%d", e->page);
		float nw = text_width(p, p->font, size, num, strlen(num));
		/* shorten titles that would run into the page number */
		buf_reset(&p->say2);
		buf_puts(&p->say2, e->title);
		char *t = p->say2.s;
		while (strlen(t) > 4 && text_width(p, e->level ? p->font : p->bold, size, t, strlen(t)) > TEXT_W - (x - MARGIN_L) - nw - 20) {
			size_t l = strlen(t) - 1;
			while (l > 0 && ((unsigned char)t[l] & 0xC0) == 0x80)
				l--;
			t[l] = '\0';
			strcpy(t + (l > 3 ? l - 3 : l), "...");
		}
		draw_text(p, e->level ? p->font : p->bold, size, x, y, t);
		draw_text(p, p->font, size, PAGE_W - MARGIN_R - nw, y, num);
		/* a link from the line to its page */
		HPDF_Rect r = {x, y - 3, PAGE_W - MARGIN_R, y + size};
		HPDF_Destination dst = HPDF_Page_CreateDestination(p->pages[e->page - 1]);
		HPDF_Annotation a = HPDF_Page_CreateLinkAnnot(p->page, r, dst);
		HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
	}
}

static void running(pctx *p)
{
	size_t n = p->npages;
	for (size_t i = 1; i < n; i++) { /* not on the cover */
		p->page = p->pages[i];
		char num[64];
		snprintf(num, sizeof num, "Pagina %zu van %zu", i + 1, n);
		HPDF_Page_SetRGBFill(p->page, 0.3f, 0.3f, 0.3f);
		draw_text(p, p->font, 8.5f, MARGIN_L, PAGE_H - 40, p->running);
		float w = text_width(p, p->font, 8.5f, num, strlen(num));
		draw_text(p, p->font, 8.5f, PAGE_W - MARGIN_R - w, 38, num);
		if (p->m->voorbeelddata)
			draw_text(p, p->font, 8.5f, MARGIN_L, 38, "Voorbeelddata: geen echte cijfers");
		HPDF_Page_SetRGBFill(p->page, 0, 0, 0);
	}
}

static size_t toc_count(const model_t *m)
{
	size_t n = 3; /* summary, programme, teams without goals */
	for (size_t i = 0; i < m->npages; i++)
		n += m->pages[i]->soort != SOORT_TEAM;
	return n + 4;
}

/* Everything between the first and the last libharu call; errors arrive by longjmp. */
static void write_report(pctx *p, const render_ctx *rc)
{
	const model_t *m = p->m;
	HPDF_SetCompressionMode(p->pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(p->pdf);
	HPDF_SetCurrentEncoder(p->pdf, "UTF-8");
	p->enc = HPDF_GetEncoder(p->pdf, "UTF-8");
	const char *fn = HPDF_LoadTTFontFromFile(p->pdf, rc->font, HPDF_TRUE);
	const char *fb = HPDF_LoadTTFontFromFile(p->pdf, rc->font_bold, HPDF_TRUE);
	p->font = HPDF_GetFont(p->pdf, fn, "UTF-8");
	p->bold = HPDF_GetFont(p->pdf, fb, "UTF-8");

	/* document information; dates from the reference date, never the clock */
	buf_reset(&p->say);
	buf_printf(&p->say, "Raadsrapportage Excellente dienstverlening %d", m->report_year);
	HPDF_SetInfoAttr(p->pdf, HPDF_INFO_TITLE, p->say.s);
	HPDF_SetInfoAttr(p->pdf, HPDF_INFO_AUTHOR, m->gemeente);
	HPDF_SetInfoAttr(p->pdf, HPDF_INFO_SUBJECT, "Uitvoeringsprogramma Excellente dienstverlening");
	HPDF_SetInfoAttr(p->pdf, HPDF_INFO_CREATOR, "meetlat");
	if (m->voorbeelddata)
		HPDF_SetInfoAttr(p->pdf, HPDF_INFO_KEYWORDS, "voorbeelddata");
	struct tm tm;
	time_t st = rc->stamp;
	gmtime_r(&st, &tm);
	HPDF_Date dt = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
		'Z', 0, 0};
	HPDF_SetInfoDateAttr(p->pdf, HPDF_INFO_CREATION_DATE, dt);
	HPDF_SetInfoDateAttr(p->pdf, HPDF_INFO_MOD_DATE, dt);
	HPDF_SetPageMode(p->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
	/* libharu has no call for the document language or for showing the title instead of
	 * the file name; both are entries of the catalog (PDF 1.7, 7.7.2 and 12.2) */
	HPDF_Dict_Add(p->pdf->catalog, "Lang", HPDF_String_New(p->pdf->mmgr, "nl-NL", NULL));
	HPDF_Dict vp = HPDF_Dict_New(p->pdf->mmgr);
	HPDF_Dict_AddBoolean(vp, "DisplayDocTitle", HPDF_TRUE);
	HPDF_Dict_Add(p->pdf->catalog, "ViewerPreferences", vp);

	cover(p);
	/* reserve the table of contents: about 38 lines a page */
	size_t toc_first = p->npages, ntocp = (toc_count(m) + 37) / 38;
	for (size_t i = 0; i < ntocp; i++)
		new_page(p);
	summary(p);
	chapter(p, "Het uitvoeringsprogramma");
	int first = 1;
	for (size_t i = 0; i < m->npages; i++) {
		const page_t *pg = m->pages[i];
		if (pg->soort != SOORT_PROGRAMMA)
			continue;
		if (!first)
			gap(p, 10);
		first = 0;
		section(p, pg->titel, 1, 1);
		md(p, pg->body);
	}
	static const soort_t order[2] = {SOORT_ACTIE, SOORT_TEAMDOEL};
	static const char *const part[2] = {"Acties voor de hele organisatie",
		"Dienstverlening is van ons allemaal – doelen per team"};
	for (int o = 0; o < 2; o++) {
		chapter(p, part[o]);
		for (size_t i = 0; i < m->npages; i++) {
			const page_t *pg = m->pages[i];
			if (pg->soort != order[o])
				continue;
			need_space(p, 200);
			gap(p, 14);
			section(p, pg->titel, 1, 1);
			page_body(p, pg);
		}
	}
	int teams = 0;
	for (size_t i = 0; i < m->npages; i++)
		if (m->pages[i]->soort == SOORT_TEAM) {
			if (!teams++)
				section(p, "Teams zonder doel", 1, 1);
			buf_reset(&p->say);
			buf_printf(&p->say, "%s: %s", m->pages[i]->titel,
			           m->pages[i]->samenvatting ? m->pages[i]->samenvatting : "nog geen doel");
			para(p, p->say.s, p->font, 10.5f, 14, "•");
		}
	toc_pages(p, toc_first, ntocp);
	running(p);
	HPDF_SaveToStream(p->pdf);
}

int pdf_render(const model_t *m, const render_ctx *rc)
{
	/* on the heap, so that nothing the error path needs lives in a register a longjmp
	 * may restore */
	pctx *p = xcalloc(1, sizeof *p);
	p->m = m;
	int rv = -1;
	p->pdf = HPDF_New(on_error, p);
	if (!p->pdf) {
		out_error(rc->out, rc->pdf_name, "kan de PDF niet maken", 0);
	} else if (setjmp(p->fail)) {
		char *why = xasprintf("kan de PDF niet maken (libharu-fout 0x%04X, %u)", (unsigned)p->err,
		                      (unsigned)p->detail);
		out_error(rc->out, rc->pdf_name, why, 0);
		free(why);
	} else {
		p->running = xasprintf("Raadsrapportage Excellente dienstverlening %s %d", m->gemeente,
		                       m->report_year);
		write_report(p, rc);
		/* the document was saved to libharu's memory stream; write it through the output */
		HPDF_UINT32 size = HPDF_GetStreamSize(p->pdf), got = size;
		buf_reset(&p->file);
		buf_add(&p->file, "", 0);
		p->file.s = xrealloc(p->file.s, (size_t)size + 1);
		p->file.cap = (size_t)size + 1;
		HPDF_ReadFromStream(p->pdf, (HPDF_BYTE *)p->file.s, &got);
		if (got != size)
			out_error(rc->out, rc->pdf_name, "kan de PDF niet schrijven", 0);
		else
			rv = out_write(rc->out, rc->pdf_name, p->file.s, (size_t)size);
	}
	HPDF_Free(p->pdf);
	for (size_t i = 0; i < p->ntoc; i++)
		free(p->toc[i].title);
	free(p->toc);
	free(p->pages);
	free(p->running);
	buf_free(&p->measure);
	buf_free(&p->line);
	buf_free(&p->say);
	buf_free(&p->say2);
	buf_free(&p->file);
	free(p);
	return rv;
}
