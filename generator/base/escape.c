/* escape.c - see escape.h. */
#include "base/escape.h"

#include <string.h>

void esc_html(buf_t *b, const char *s)
{
	const char *run = s;
	for (; *s; s++) {
		const char *rep;
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_add(b, run, (size_t)(s - run));
		buf_puts(b, rep);
		run = s + 1;
	}
	buf_add(b, run, (size_t)(s - run));
}

void esc_csv(buf_t *b, const char *s)
{
	/* a spreadsheet runs a cell that starts with = + - @, a tab or a carriage return (also
	 * after leading spaces) as a formula (OWASP, CSV injection): such a cell gets a ' */
	const char *t = s;
	while (*t == ' ')
		t++;
	int formula = *t && strchr("=+-@\t\r", *t) != NULL;
	int quote = formula || strpbrk(s, ";\"\r\n") != NULL;
	if (!quote) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	if (formula)
		buf_putc(b, '\'');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

void esc_json(buf_t *b, const char *s)
{
	if (!s) {
		buf_puts(b, "null");
		return;
	}
	buf_putc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, (char)c);
		} else if (c == '\n') {
			buf_puts(b, "\\n");
		} else if (c == '\t') {
			buf_puts(b, "\\t");
		} else if (c < 0x20 || c == 0x7f) {
			buf_printf(b, "\\u%04x", c);
		} else {
			buf_putc(b, (char)c);
		}
	}
	buf_putc(b, '"');
}

void esc_slug(buf_t *b, const char *s)
{
	int dash = 0;
	size_t start = b->len;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && b->len > start)
				buf_putc(b, '-');
			dash = 0;
			buf_putc(b, (char)c);
		} else if (c >= 'A' && c <= 'Z') {
			if (dash && b->len > start)
				buf_putc(b, '-');
			dash = 0;
			buf_putc(b, (char)(c - 'A' + 'a'));
		} else {
			dash = 1;
		}
	}
}
