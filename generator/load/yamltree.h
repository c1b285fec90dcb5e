/* yamltree.h - YAML front matter as a small tree whose every node knows its
 * line and column in the Markdown file, so schema errors can point at it. */
#ifndef MEETLAT_YAMLTREE_H
#define MEETLAT_YAMLTREE_H

#include <stddef.h>

#include "base/diag.h"

typedef enum { Y_SCALAR, Y_MAP, Y_SEQ } ykind;

typedef struct ynode {
	ykind kind;
	int line, col;        /* 1-based, in the whole file */
	char *str;            /* Y_SCALAR: the value */
	int plain;            /* Y_SCALAR: unquoted */
	size_t n;             /* Y_MAP: pairs; Y_SEQ: items */
	struct ynode **keys;  /* Y_MAP */
	struct ynode **vals;  /* Y_MAP values, Y_SEQ items */
} ynode;

/* Parse `len` bytes of YAML that start at line `first_line` of `file`.
 * Returns the root (a map, or NULL for empty input) or NULL with errors reported. */
ynode *ytree_parse(const char *text, size_t len, const char *file, int first_line,
                   diag_t *d, int *failed);
void ytree_free(ynode *n);
const char *ykind_name(ykind k);

#endif
