/* template.c - see template.h. */
#include "render/template.h"

#include <string.h>

#include "base/escape.h"

int tpl_render(const char *tpl, const tpl_var *vars, size_t nvars, buf_t *out, size_t *bad)
{
	const char *s = tpl;
	for (;;) {
		const char *o = strstr(s, "{{");
		if (!o) {
			buf_puts(out, s);
			return 0;
		}
		buf_add(out, s, (size_t)(o - s));
		int raw = o[2] == '{';
		const char *name = o + (raw ? 3 : 2);
		const char *close = strstr(name, raw ? "}}}" : "}}");
		if (!close) {
			*bad = (size_t)(o - tpl);
			return -1;
		}
		size_t len = (size_t)(close - name);
		while (len && name[0] == ' ')
			name++, len--;
		while (len && name[len - 1] == ' ')
			len--;
		const tpl_var *v = NULL;
		for (size_t i = 0; i < nvars; i++)
			if (strlen(vars[i].name) == len && !strncmp(vars[i].name, name, len))
				v = &vars[i];
		if (!v) {
			*bad = (size_t)(o - tpl);
			return -1;
		}
		if (raw)
			buf_puts(out, v->value);
		else
			esc_html(out, v->value);
		s = close + (raw ? 3 : 2);
	}
}
