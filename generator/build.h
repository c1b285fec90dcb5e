/* build.h - one run: load and check the inputs, compute, render into a temporary
 * folder beside the target and swap it in only when everything succeeded. */
#ifndef MEETLAT_BUILD_H
#define MEETLAT_BUILD_H

#include "base/diag.h"

typedef struct {
	const char *dir;      /* project folder with content/, data/, themes/ */
	const char *out;      /* output folder; NULL: <dir>/output */
	int peildatum;        /* DAY_NONE: from the content or the data */
	int check_only;
	int publish;          /* build --publiceer: keep this edition in edities/ */
	int correct;          /* with publish: a correction of the edition of the same reference date */
} build_opts;

/* Returns the exit status: 0 success, 1 problems in the inputs (output untouched). */
int build_run(const build_opts *o, diag_t *d);

#endif
