/* libFuzzer target: one content file (front matter and Markdown) through the content loader,
 * the cross-file checks, the plain-language check (sentences, officialese, abbreviations) and
 * the model's destructor. Any crash, sanitizer report or leak is a
 * finding. make fuzz-lib FUZZ_SECONDS=600 runs it. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/diag.h"
#include "load/content.h"
#include "model/b1.h"
#include "model/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static FILE *null;
	if (!null)
		null = fopen("/dev/null", "w");
	diag_t d;
	diag_init(&d, null);
	model_t *m = model_new();
	content_load_text(m, "10-proef.md", "content/10-proef.md", (const char *)data, len, &d);
	content_finish(m, "content", &d);
	b1_check(m, "content", &d);
	model_free(m);
	return 0;
}
