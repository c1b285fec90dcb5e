/* render.h - the three renderers (plus open data) and what they share. Renderers read
 * only the model; they never read data/. Each returns 0, or -1 after a message. */
#ifndef MEETLAT_RENDER_H
#define MEETLAT_RENDER_H

#include <time.h>

#include "base/diag.h"
#include "model/model.h"

typedef struct {
	const char *themedir;    /* themes/<name> */
	char *font, *font_bold;  /* TrueType files for the PDF */
	time_t stamp;            /* document dates: SOURCE_DATE_EPOCH or the reference date */
	char *pdf_name;          /* raadsrapportage-2025.pdf */
	char *xlsx_name;         /* mt-rapportage-2025-K4.xlsx */
} render_ctx;

int pdf_render(const model_t *m, const render_ctx *rc, const char *path, diag_t *d);
int xlsx_render(const model_t *m, const render_ctx *rc, const char *path, diag_t *d);
/* output/data/<kpi>.csv for every KPI; file names listed for the site */
int opendata_render(const model_t *m, const char *outdir, diag_t *d);
int site_render(const model_t *m, const render_ctx *rc, const char *outdir, diag_t *d);

/* Open-data file name of a KPI, relative to the output folder ("data/<id>.csv"). */
char *opendata_href(const kpi_t *k);

#endif
