/* libFuzzer target: one file of toelichtingen/ (front matter with the explanations, Markdown
 * with the management summary) through the explanations' loader, for a model whose reference
 * date it names (so its KPIs and pages are looked up), then the check's notices and the
 * model's destructor. Any crash, sanitizer report or leak is a finding. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/diag.h"
#include "load/content.h"
#include "load/explain.h"
#include "model/model.h"

static const char programme[] = "---\ntitel: Proef\nsoort: actie\neigenaar: Team\nkpi:\n  - id: terugbelverzoeken\n"
                                "    naam: Terug\n    maat: termijn\n    bron: t.csv\n    start: a\n    einde: b\n"
                                "    termijn: 2 werkdagen\n---\n## Specifiek\n\nMinder.\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static FILE *null;
	if (!null)
		null = fopen("/dev/null", "w");
	diag_t d;
	diag_init(&d, null);
	model_t *m = model_new();
	content_load_text(m, "12-terugbelverzoeken.md", "content/12-terugbelverzoeken.md", programme, sizeof programme - 1,
	                  &d);
	m->peildatum = day_from_ymd(2025, 12, 31);
	explain_load_text(m, "toelichtingen/2025-12-31.md", (const char *)data, len, &d);
	explain_notices(m, "toelichtingen", &d);
	model_free(m);
	return 0;
}
