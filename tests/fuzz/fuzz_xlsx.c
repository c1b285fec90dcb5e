/* libFuzzer target: one export as an Excel workbook through the workbook reader, the data
 * loader and the KPI engine, for a grouped 'termijn' KPI and a grouped 'gemiddelde' with a
 * filter on the same sheet, with the reference date derived from the data. The seeds in
 * tests/fuzz/corpus/xlsx keep their parts uncompressed, so mutations reach the XML. Any crash,
 * sanitizer report, leak, time-out or memory past -rss_limit_mb is a finding.
 * make fuzz-lib FUZZ_SECONDS=600 runs it. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/diag.h"
#include "base/util.h"
#include "load/content.h"
#include "load/data.h"
#include "model/model.h"

static const char KPIS[] =
	"---\ntitel: Proef\nsoort: actie\neigenaar: X\nkpi:\n"
	"  - {id: t, naam: T, maat: termijn, bron: x, start: aangemaakt, einde: teruggebeld,"
	" termijn: 2 werkdagen, per: maand, groep: team, richting: lager,"
	" doelen: [{waarde: 30, datum: 2024-12-31}]}\n"
	"  - {id: g, naam: G, maat: gemiddelde, bron: x.xlsx, datum: aangemaakt, kolom: cijfer, groep: team,"
	" per: kwartaal, norm: 8, bereik: [1, 10], minimum: 2, richting: hoger,"
	" filter: [{kolom: kanaal, is_niet: balie}]}\n"
	"---\n## Specifiek\n\nS.\n";

static char dir[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static FILE *null;
	if (!null) {
		null = fopen("/dev/null", "w");
		strcpy(dir, "/tmp/meetlat-fuzz-xlsx-XXXXXX");
		if (!mkdtemp(dir))
			abort();
	}
	char *path = path_join(dir, "x.xlsx");
	if (write_file(path, data, len) != 0)
		abort();
	diag_t d;
	diag_init(&d, null);
	model_t *m = model_new();
	content_load_text(m, "10-proef.md", "content/10-proef.md", KPIS, sizeof KPIS - 1, &d);
	data_load(m, dir, "data", DAY_NONE, &d);
	model_free(m);
	unlink(path);
	free(path);
	return 0;
}
