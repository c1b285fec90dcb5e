/* render.h - the renderers. Each reads only the model (and the theme's files) and writes
 * through the output folder (output.h); each returns 0, or -1 after reporting the problem.
 * They share nothing they change, so they may run side by side, each on a thread of its own
 * with its own part of the output record and its own messages (build.c). The site's downloads
 * page comes last, after all the others: it lists what they wrote (sizes from the output
 * record, not from the disk). */
#ifndef MEETLAT_RENDER_H
#define MEETLAT_RENDER_H

#include <time.h>

#include "base/hyphen.h"
#include "model/model.h"
#include "render/output.h"

typedef struct {
	void (*fn)(void *);
	void *arg;
} render_later;

typedef struct {
	const char *themedir;    /* themes/<name> */
	const char *layout;      /* its layout.html, checked by the theme loader */
	char *const *assets;     /* its other files, copied into the output */
	size_t nassets;
	const char *fonts[4];    /* TrueType files for the PDF: regular, bold, italic, bold italic */
	const char *icc;         /* sRGB profile for the PDF/A output intent */
	const hyph *hyph;        /* the PDF's hyphenation patterns, loaded, or NULL: no word is broken */
	const char *logo;        /* the cover's logo, a JPEG (checked by the theme loader), or NULL */
	size_t logo_len;
	int logo_w, logo_h;      /* its size in pixels */
	time_t stamp;            /* document dates: SOURCE_DATE_EPOCH or the reference date */
	char *pdf_name;          /* raadsrapportage-2025.pdf */
	char *xlsx_name;         /* mt-rapportage-2025-K4.xlsx */
	out_t *out;
	/* what the report leaves to free (its document and layout, some 10 ms for 1.000 pages),
	 * run by the build beside the swap of the output; NULL: the report frees it itself */
	render_later *later;
} render_ctx;

int opendata_render(const model_t *m, const render_ctx *rc);
int pdf_render(const model_t *m, const render_ctx *rc);
int xlsx_render(const model_t *m, const render_ctx *rc);
int site_render(const model_t *m, const render_ctx *rc);
/* The downloads page, once every other file is written and recorded in rc->out. */
int site_downloads(const model_t *m, const render_ctx *rc);

/* The monthly workbook of a KPI marked `maandrapportage`: "terugbelverzoeken-2025-12.xlsx". */
char *xlsx_month_name(const kpi_t *k, int month);
/* Open-data file name of a KPI, relative to the output folder ("data/<id>.csv"). */
char *opendata_href(const kpi_t *k);

#endif
