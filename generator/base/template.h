/* template.h - theme layouts: {{name}} is replaced by the HTML-escaped value,
 * {{{name}}} by the value as is (only for HTML the generator built itself). */
#ifndef MEETLAT_TEMPLATE_H
#define MEETLAT_TEMPLATE_H

#include "base/util.h"

typedef struct {
	const char *name;
	const char *value;
} tpl_var;

/* Returns 0, or -1 and sets *bad to the first unknown or unclosed name's offset. */
int tpl_render(const char *tpl, const tpl_var *vars, size_t nvars, buf_t *out, size_t *bad);
/* How a layout uses `name`: 0 not at all, 1 only escaped ({{name}}), 2 as is ({{{name}}}). */
int tpl_uses(const char *tpl, const char *name);

#endif
