/* explain.h - reads toelichtingen/: the words people write beside the figures, one Markdown
 * file per edition (reference date). Its front matter holds the report's version and issue
 * date and an explanation per KPI (kpi: <id>) and per action or team goal (onderdelen: <the
 * page's file name without its number>): why it stands where it stands, and what happens next;
 * its text is the management summary. README.md ("toelichtingen/") has the schema. */
#ifndef MEETLAT_EXPLAIN_H
#define MEETLAT_EXPLAIN_H

#include "base/diag.h"
#include "model/model.h"

/* Read every .md file in `dir` (a missing folder is no problem: nothing was written yet).
 * Each is checked; the one for m->peildatum fills the model (its KPIs and pages must exist).
 * Call after the data are read (the reference date is known). 0, or -1 after messages. */
int explain_load(model_t *m, const char *dir, const char *shown_dir, diag_t *d);

/* One file's text, as explain_load reads each (for tests and the fuzzer). */
int explain_load_text(model_t *m, const char *shown, const char *text, size_t len, diag_t *d);

/* Notices for `meetlat check`: every KPI whose status asks for an explanation
 * (kpi_needs_explanation) without one for this reference date, and a missing management
 * summary. */
void explain_notices(const model_t *m, const char *shown_dir, diag_t *d);

#endif
