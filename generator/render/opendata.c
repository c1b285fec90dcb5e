/* opendata.c - every KPI series as CSV under output/data/: UTF-8 with BOM, ';',
 * decimal comma, one header row: what Dutch Excel opens correctly. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/escape.h"
#include "base/fmt.h"
#include "model/table.h"
#include "render/render.h"
#include "base/util.h"

char *opendata_href(const kpi_t *k)
{
	return xasprintf("data/%s.csv", k->id);
}

int opendata_render(const model_t *m, const char *outdir, diag_t *d)
{
	char *dir = path_join(outdir, "data");
	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		diag(d, DIAG_ERROR, dir, 0, 0, "kan de map niet maken (%s)", strerror(errno));
		free(dir);
		return -1;
	}
	free(dir);
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
		char *path = path_join(outdir, href);
		if (write_file(path, b.s, b.len) != 0) {
			diag(d, DIAG_ERROR, path, 0, 0, "kan het bestand niet schrijven (%s)", strerror(errno));
			rv = -1;
		}
		free(href);
		free(path);
		buf_free(&b);
		kt_free(&t);
	}
	return rv;
}
