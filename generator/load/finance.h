/* finance.h - reads data/financien.csv (or financien.xlsx): per action or team goal and year
 * the budget, what was spent and what is expected at the year's end, in euros, as the finance
 * system or the secretary writes them. The rows of the report's year go to the pages they
 * name; other years are checked and left. README.md ("data/financien.csv") has the columns. */
#ifndef MEETLAT_FINANCE_H
#define MEETLAT_FINANCE_H

#include "base/diag.h"
#include "model/model.h"

/* Call after the engine has set the report's year. A missing file is no problem (the report
 * then says there are no figures). 0, or -1 after messages. */
int finance_load(model_t *m, const char *datadir, const char *shown_dir, diag_t *d);

#endif
