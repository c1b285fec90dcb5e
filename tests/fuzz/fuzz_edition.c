/* libFuzzer target: an edition record (edities/editie-JJJJ-MM-DD.csv) through the record
 * reader and the comparison with a small programme's figures. The input is the record's body;
 * unless its first byte is '!', the harness seals it with a valid check line, so mutations
 * reach the parser and the comparison instead of all stopping at the check. Any crash,
 * sanitizer report or leak is a finding. make fuzz-lib FUZZ_SECONDS=600 runs it. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/diag.h"
#include "base/digest.h"
#include "base/util.h"
#include "load/content.h"
#include "load/data.h"
#include "load/edition.h"
#include "model/edition.h"
#include "model/model.h"

static const char KPIS[] =
	"---\ntitel: Proef\nsoort: actie\neigenaar: X\n"
	"mijlpalen:\n  - {datum: 2024-Q1, wat: Gestart, gereed: ja}\n  - {datum: 2024-Q2, wat: Live}\n"
	"kpi:\n"
	"  - {id: t, naam: T, maat: termijn, bron: x.csv, start: aangemaakt, einde: teruggebeld,"
	" termijn: 2 werkdagen, per: maand, groep: team, richting: lager,"
	" doelen: [{waarde: 30, datum: 2024-12-31}]}\n"
	"---\n## Specifiek\n\nS.\n";

static const char DATA[] = "team;aangemaakt;teruggebeld\nA;28-3-2024;2-4-2024\nB;29-3-2024;3-4-2024\n"
                           "A;8-5-2024;13-5-2024\nB;30-4-2024;\n";

static char dir[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static FILE *null;
	if (!null) {
		null = fopen("/dev/null", "w");
		strcpy(dir, "/tmp/meetlat-fuzz-XXXXXX");
		if (!mkdtemp(dir))
			abort();
		char *ed = path_join(dir, "edities"), *x = path_join(dir, "x.csv");
		if (mkdir(ed, 0755) != 0 || write_file(x, DATA, sizeof DATA - 1) != 0)
			abort();
		free(ed);
		free(x);
	}
	buf_t rec = {0};
	if (len && data[0] == '!') {
		buf_add(&rec, (const char *)data + 1, len - 1);
	} else {
		char hex[DIGEST_HEX];
		buf_add(&rec, (const char *)data, len);
		edition_check(rec.s ? rec.s : "", rec.len, hex);
		buf_printf(&rec, "controle;;;;%s;;;;;;;;\r\n", hex);
	}
	char *ed = path_join(dir, "edities"), *path = path_join(ed, "e.csv");
	if (write_file(path, rec.s ? rec.s : "", rec.len) != 0)
		abort();
	diag_t d;
	diag_init(&d, null);
	model_t *m = model_new();
	content_load_text(m, "10-proef.md", "content/10-proef.md", KPIS, sizeof KPIS - 1, &d);
	data_load(m, dir, "data", DAY_NONE, &d);
	if (edition_load(m, ed, "edities", &d) == 0 && m->peildatum != DAY_NONE) {
		edition_compare(m);
		buf_t out = {0};
		edition_record(m, NULL, &out);
		/* the edition of the same reference date: the same, or how it differs */
		const edition_t *pub = edition_of(m, m->peildatum);
		if (pub && !edition_same(pub, out.s, out.len)) {
			ed_diff *v;
			edition_differences(m, pub, &v);
			free(v);
		}
		buf_free(&out);
	}
	model_free(m);
	unlink(path);
	free(path);
	free(ed);
	buf_free(&rec);
	return 0;
}
