/* opendata.c - every KPI series as CSV under output/data/: UTF-8 with BOM, ';',
 * decimal comma, one header row: what Dutch Excel opens correctly. */
#include <stdlib.h>

#include "base/escape.h"
#include "base/fmt.h"
#include "model/table.h"
#include "render/render.h"
#include "base/util.h"

char *opendata_href(const kpi_t *k)
{
	return xasprintf("data/%s.csv", k->def.id);
}

int opendata_render(const model_t *m, const render_ctx *rc)
{
	if (out_mkdir(rc->out, "data") != 0)
		return -1;
	int rv = 0;
	for (size_t i = 0; i < m->nkpis && rv == 0; i++) {
		const kpi_t *k = m->kpis[i];
		kt_table t;
		kt_build(k, &t);
		buf_t b = {0};
		buf_puts(&b, "\xEF\xBB\xBF");
		for (int c = 0; c < t.ncols; c++) {
			if (c)
				buf_putc(&b, ';');
			esc_csv(&b, t.cols[c].key);
		}
		buf_puts(&b, "\r\n");
		for (size_t r = 0; r < t.nrows; r++) {
			for (int c = 0; c < t.ncols; c++) {
				if (c)
					buf_putc(&b, ';');
				const kt_cell *cell = kt_at(&t, r, c);
				/* no thousands dots in data files: "1234,5" */
				if (!cell->empty && t.cols[c].kind != KT_TEXT && t.cols[c].kind != KT_PERIOD) {
					char num[64];
					fmt_num_plain(cell->num, t.cols[c].kind == KT_COUNT ? 0 : 1, num);
					buf_puts(&b, num);
				} else {
					esc_csv(&b, cell->text);
				}
			}
			buf_puts(&b, "\r\n");
		}
		char *href = opendata_href(k);
		rv = out_write(rc->out, href, b.s, b.len);
		free(href);
		buf_free(&b);
		kt_free(&t);
	}
	return rv;
}
