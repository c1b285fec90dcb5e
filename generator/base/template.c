/* template.c - see template.h. */
#include "base/template.h"

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

int tpl_uses(const char *tpl, const char *name)
{
	int use = 0;
	size_t nl = strlen(name);
	for (const char *o = strstr(tpl, "{{"); o; o = strstr(o + 2, "{{")) {
		int raw = o[2] == '{';
		const char *p = o + (raw ? 3 : 2);
		while (*p == ' ')
			p++;
		if (strncmp(p, name, nl) != 0)
			continue;
		p += nl;
		while (*p == ' ')
			p++;
		if (strncmp(p, raw ? "}}}" : "}}", raw ? 3 : 2) == 0 && use < (raw ? 2 : 1))
			use = raw ? 2 : 1;
		if (raw)
			o++;
	}
	return use;
}
