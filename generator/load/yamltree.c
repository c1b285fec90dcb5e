/* yamltree.c - the only module that includes yaml.h. */
#include "load/yamltree.h"

#include <stdlib.h>
#include <ctype.h>
#include <string.h>
#include <yaml.h>

#include "base/util.h"

const char *ykind_name(ykind k)
{
	switch (k) {
	case Y_SCALAR:
		return "een waarde";
	case Y_MAP:
		return "een rij regels 'naam: waarde'";
	case Y_SEQ:
		return "een opsomming (- ...)";
	}
	return "?";
}

void ytree_free(ynode *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->n; i++) {
		if (n->keys)
			ytree_free(n->keys[i]);
		ytree_free(n->vals[i]);
	}
	free(n->keys);
	free(n->vals);
	free(n->str);
	free(n);
}

static ynode *node_new(ykind k, const yaml_mark_t *m, int first_line)
{
	ynode *n = xcalloc(1, sizeof *n);
	n->kind = k;
	n->line = (int)m->line + first_line;
	n->col = (int)m->column + 1;
	return n;
}

static void add_child(ynode *parent, ynode *key, ynode *val, size_t *cap)
{
	size_t oldcap = *cap;
	parent->vals = xgrow(parent->vals, cap, parent->n, sizeof *parent->vals);
	if (parent->kind == Y_MAP) {
		size_t kc = oldcap;
		parent->keys = xgrow(parent->keys, &kc, parent->n, sizeof *parent->keys);
		parent->keys[parent->n] = key;
	}
	parent->vals[parent->n++] = val;
}

/* Line `n` (0-based) of the text: its start and length. */
static const char *line_of(const char *text, size_t len, size_t n, size_t *out_len)
{
	const char *p = text, *end = text + len;
	for (size_t i = 0; i < n && p < end; i++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : end;
	}
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	*out_len = (size_t)((nl ? nl : end) - p);
	return p;
}

static size_t indent_of(const char *l, size_t n)
{
	size_t i = 0;
	while (i < n && l[i] == ' ')
		i++;
	return i;
}

/* The name before the first ':' of a "naam: waarde" line, or "" (out: 64 bytes). */
static void key_of(const char *l, size_t n, char *out)
{
	size_t i = indent_of(l, n), k = 0;
	if (i < n && l[i] == '-')
		for (i++; i < n && l[i] == ' '; i++)
			;
	while (i < n && k < 63 && (isalnum((unsigned char)l[i]) || l[i] == '_' || l[i] == '-'))
		out[k++] = l[i++];
	out[k] = '\0';
	if (i >= n || l[i] != ':')
		out[0] = '\0';
}

/* --- slips: the mistake people make, found by trying what they meant ------------------------- */

/* Whether `text` parses; else *line is the (0-based) line of its first error. */
static int parses(const char *text, size_t len, size_t *line)
{
	yaml_parser_t p;
	yaml_event_t ev;
	int ok = 1;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	for (;;) {
		if (!yaml_parser_parse(&p, &ev)) {
			ok = 0;
			*line = p.problem_mark.line;
			break;
		}
		int end = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		if (end)
			break;
	}
	yaml_parser_delete(&p);
	return ok;
}

/* One line of the text, and a way to try it written otherwise. */
typedef struct {
	const char *text;
	size_t len;
	size_t n;          /* the line's number (0-based) */
	const char *l;     /* the line and its length, without its line end */
	size_t ll;
	size_t err;        /* the line of the error libyaml found */
} slipctx;

/* Whether the text with line n replaced by `fixed` gets past the error: it parses, or its first
 * error lies on a later line. */
static int fixes(const slipctx *s, const buf_t *fixed)
{
	buf_t t = {0};
	buf_add(&t, s->text, (size_t)(s->l - s->text));
	buf_add(&t, fixed->s, fixed->len);
	buf_add(&t, s->l + s->ll, s->len - (size_t)(s->l + s->ll - s->text));
	size_t line = 0;
	int ok = parses(t.s, t.len, &line) || line > s->err;
	buf_free(&t);
	return ok;
}

/* The line shown as what to type: without its indentation, at most 70 characters. */
static void show_line(buf_t *msg, const buf_t *fixed)
{
	size_t i = indent_of(fixed->s, fixed->len), n = fixed->len - i;
	if (n > 70) {
		n = 67;
		while (n > 0 && ((unsigned char)fixed->s[i + n] & 0xC0) == 0x80)
			n--;
		buf_printf(msg, "%.*s...", (int)n, fixed->s + i);
	} else {
		buf_printf(msg, "%.*s", (int)n, fixed->s + i);
	}
}

static int word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Where a value may start: the line's start (after '- '), after ': ', '{', '[' or ','. */
static int value_start(const char *l, size_t i)
{
	size_t j = i;
	while (j > 0 && l[j - 1] == ' ')
		j--;
	return j == 0 || strchr(":-{[,", l[j - 1]) != NULL;
}

/* A name at position i of the line, up to a ':' (out: 64 bytes; "" if there is none). */
static void name_at(const char *l, size_t n, size_t i, char *out)
{
	size_t k = 0;
	while (i < n && l[i] == ' ')
		i++;
	while (i < n && k < 63 && (word_char(l[i]) || l[i] == '-' || l[i] == ' ') && l[i] != ':')
		out[k++] = l[i++];
	while (k > 0 && out[k - 1] == ' ')
		k--;
	out[k] = '\0';
	if (i >= n || l[i] != ':')
		out[0] = '\0';
}

/* Where the line's text starts, after its indentation and any '- '. */
static size_t after_dashes(const char *l, size_t n)
{
	size_t i = indent_of(l, n);
	while (i + 1 < n && l[i] == '-' && l[i + 1] == ' ') {
		i += 2;
		while (i < n && l[i] == ' ')
			i++;
	}
	return i;
}

/* A key without its colon: "titel Terugbellen", "mijlpalen". */
static int slip_colon(const slipctx *s, buf_t *msg, size_t *col)
{
	const char *l = s->l;
	size_t n = s->ll, i = after_dashes(l, n), w;
	if (i >= n || !((l[i] >= 'a' && l[i] <= 'z') || l[i] == '_'))
		return 0;
	for (w = i; w < n && word_char(l[w]); w++)
		;
	if (w < n && l[w] != ' ')
		return 0;
	/* the rest is a value: no ': ' in it, unless it is written in { } or [ ] */
	size_t r = w;
	while (r < n && l[r] == ' ')
		r++;
	if (r < n && l[r] != '{' && l[r] != '[' && (memmem(l + r, n - r, ": ", 2) || l[n - 1] == ':'))
		return 0;
	if (r < n && l[r] == '#')
		return 0;
	buf_t fixed = {0};
	buf_add(&fixed, l, w);
	buf_puts(&fixed, ":");
	if (w < n)
		buf_add(&fixed, l + w, n - w);
	int ok = fixes(s, &fixed);
	if (ok) {
		buf_printf(msg, "na '%.*s' hoort een dubbele punt. Schrijf: ", (int)(w - i), l + i);
		show_line(msg, &fixed);
		*col = w + 1;
	}
	buf_free(&fixed);
	return ok;
}

/* Quotes and brackets of the line: an opening quote that is not closed on it, or a { or [ that
 * is not. -1 when there is none. */
static void scan_line(const char *l, size_t n, long *open_quote, long *open_bracket, char *bracket)
{
	char inq = 0;
	int depth = 0;
	*open_quote = *open_bracket = -1;
	for (size_t i = 0; i < n; i++) {
		char c = l[i];
		if (inq == '"') {
			if (c == '\\')
				i++;
			else if (c == '"')
				inq = 0;
		} else if (inq == '\'') {
			if (c == '\'' && i + 1 < n && l[i + 1] == '\'')
				i++;
			else if (c == '\'')
				inq = 0;
		} else if (c == '#' && (i == 0 || l[i - 1] == ' ')) {
			break;
		} else if ((c == '"' || c == '\'') && value_start(l, i)) {
			inq = c;
			*open_quote = (long)i;
		} else if (c == '{' || c == '[') {
			if (depth++ == 0) {
				*open_bracket = (long)i;
				*bracket = c;
			}
		} else if ((c == '}' || c == ']') && depth > 0 && --depth == 0) {
			*open_bracket = -1;
		}
	}
	if (!inq)
		*open_quote = -1;
	if (depth == 0 || inq)
		*open_bracket = -1;
}

/* The name before the value that starts at position i ("wat" in "{..., wat: "Pilot}"). */
static void key_before(const char *l, size_t i, char *out)
{
	size_t e = i;
	while (e > 0 && l[e - 1] == ' ')
		e--;
	out[0] = '\0';
	if (e == 0 || l[e - 1] != ':')
		return;
	size_t b = --e;
	while (b > 0 && (word_char(l[b - 1]) || l[b - 1] == '-'))
		b--;
	snprintf(out, 64, "%.*s", (int)(e - b), l + b);
}

/* A quoted text that is not closed on its line. */
static int slip_quote(const slipctx *s, buf_t *msg, size_t *col)
{
	long q, b;
	char br;
	scan_line(s->l, s->ll, &q, &b, &br);
	if (q < 0)
		return 0;
	buf_t fixed = {0};
	buf_add(&fixed, s->l, (size_t)q);
	buf_add(&fixed, s->l + q + 1, s->ll - (size_t)q - 1);
	int ok = fixes(s, &fixed);
	if (ok) {
		char key[64];
		key_before(s->l, (size_t)q, key);
		buf_printf(msg, "de tekst%s%s%s begint met een aanhalingsteken (%c), maar heeft er op deze regel geen aan het "
		                "eind. Zet er een %c achter, aan het eind van de tekst, of haal het weg",
		           key[0] ? " na '" : "", key, key[0] ? ":'" : "", s->l[q], s->l[q]);
		*col = (size_t)q + 1;
	}
	buf_free(&fixed);
	return ok;
}

/* A { or [ that is not closed on its line. */
static int slip_bracket(const slipctx *s, buf_t *msg, size_t *col)
{
	long q, b;
	char br;
	scan_line(s->l, s->ll, &q, &b, &br);
	if (b < 0)
		return 0;
	size_t end = s->ll;
	while (end > 0 && s->l[end - 1] == ' ')
		end--;
	buf_t fixed = {0};
	buf_add(&fixed, s->l, end);
	buf_putc(&fixed, br == '{' ? '}' : ']');
	int ok = fixes(s, &fixed);
	if (ok) {
		buf_printf(msg, "hier begint een %s met %c, maar die wordt op deze regel niet afgesloten. Zet een %c aan het "
		                "eind van de regel: ",
		           br == '{' ? "rij" : "lijst", br, br == '{' ? '}' : ']');
		show_line(msg, &fixed);
		*col = (size_t)b + 1;
	}
	buf_free(&fixed);
	return ok;
}

/* A ': ' inside a value that is not in quotes: "wat: Datakubus: live". The value is put between
 * quotes; in { } it ends at the next ',' or '}'. */
static int slip_inner_colon(const slipctx *s, buf_t *msg, size_t *col)
{
	const char *l = s->l;
	size_t n = s->ll;
	char inq = 0;
	int depth = 0;
	long entry = -1, first = -1; /* where the entry and its value start */
	size_t start = after_dashes(l, n);
	entry = (long)start;
	for (size_t i = start; i < n; i++) {
		char c = l[i];
		if (inq) {
			if (inq == '"' && c == '\\')
				i++;
			else if (c == inq)
				inq = 0;
			continue;
		}
		if (c == '#' && i > 0 && l[i - 1] == ' ')
			break;
		if ((c == '"' || c == '\'') && value_start(l, i)) {
			inq = c;
		} else if (c == '{' || c == '[') {
			depth++;
			entry = (long)i + 1, first = -1;
		} else if (c == '}' || c == ']') {
			depth--;
			first = -1;
		} else if (c == ',' && depth > 0) {
			entry = (long)i + 1, first = -1;
		} else if (c == ':' && (i + 1 == n || l[i + 1] == ' ')) {
			if (first < 0) {
				first = (long)i + 1;
				continue;
			}
			/* a second ': ' in one entry: its value runs from `first` to the entry's end */
			size_t v = (size_t)first + strspn(l + first, " "), e = i;
			if (v >= n || strchr("\"'{[|>", l[v]))
				return 0;
			while (e < n && !(depth > 0 && (l[e] == ',' || l[e] == '}' || l[e] == ']')) &&
			       !(l[e] == '#' && l[e - 1] == ' '))
				e++;
			while (e > v && l[e - 1] == ' ')
				e--;
			buf_t fixed = {0};
			int dq = memchr(l + v, '"', e - v) == NULL;
			buf_add(&fixed, l, v);
			buf_putc(&fixed, dq ? '"' : '\'');
			for (size_t k = v; k < e; k++) {
				if (dq && l[k] == '\\')
					buf_putc(&fixed, '\\');
				if (!dq && l[k] == '\'')
					buf_putc(&fixed, '\'');
				buf_putc(&fixed, l[k]);
			}
			buf_putc(&fixed, dq ? '"' : '\'');
			buf_add(&fixed, l + e, n - e);
			int ok = fixes(s, &fixed);
			if (ok) {
				char key[64];
				name_at(l, n, (size_t)entry, key);
				buf_printf(msg, "in de tekst%s%s%s staat een dubbele punt met een spatie erachter. Zet de tekst tussen "
				                "aanhalingstekens: ",
				           key[0] ? " na '" : "", key, key[0] ? ":'" : "");
				buf_t part = {0};
				buf_add(&part, fixed.s + entry, fixed.len - (n - e) - (size_t)entry);
				show_line(msg, &part);
				buf_free(&part);
				*col = i + 1;
			}
			buf_free(&fixed);
			return ok;
		}
	}
	return 0;
}

/* An item of a list without its '- ': "  {datum: ..., wat: ...}" among "  - {...}", or the first
 * key of a KPI written "  id: x" under "kpi:". */
static int slip_dash(const slipctx *s, buf_t *msg, size_t *col)
{
	const char *l = s->l;
	size_t n = s->ll, ind = indent_of(l, n);
	if (ind == 0 || ind >= n || l[ind] == '#' || l[ind] == '-')
		return 0;
	/* the nearest line above that is not empty: a sibling with '- ', or the key that opens the list */
	const char *parent = NULL, *sib = NULL;
	size_t pn = 0;
	for (const char *kl = l; kl > s->text && !parent;) {
		/* the line above, found from this one's start */
		const char *end = kl - 1;
		kl = end;
		while (kl > s->text && kl[-1] != '\n')
			kl--;
		size_t kn = (size_t)(end - kl);
		if (kn && kl[kn - 1] == '\r')
			kn--;
		size_t ki = indent_of(kl, kn);
		if (ki >= kn || kl[ki] == '#')
			continue;
		if (ki == ind && !sib && kl[ki] == '-')
			sib = kl;
		if (ki < ind)
			parent = kl, pn = kn;
		else if (ki == ind && !sib)
			return 0; /* a sibling without '- ': not a list */
	}
	const char *next = l + n, *stop = s->text + s->len;
	while (next < stop && *next != '\n')
		next++;
	next += next < stop;
	size_t nn = 0;
	while (next + nn < stop && next[nn] != '\n')
		nn++;
	int opens = parent && pn > 0 && parent[pn - 1] == ':';
	if (!sib && !(opens && nn > indent_of(next, nn) && indent_of(next, nn) == ind + 2))
		return 0;
	buf_t fixed = {0};
	buf_add(&fixed, l, ind);
	buf_puts(&fixed, "- ");
	buf_add(&fixed, l + ind, n - ind);
	int ok = fixes(s, &fixed);
	if (ok) {
		char key[64] = "";
		if (parent)
			key_of(parent, pn, key);
		buf_printf(msg, "hier begint een nieuw onderdeel van de opsomming%s%s%s, maar het streepje ontbreekt. Schrijf: ",
		           key[0] ? " onder '" : "", key, key[0] ? ":'" : "");
		show_line(msg, &fixed);
		*col = ind + 1;
	}
	buf_free(&fixed);
	return ok;
}

/* The slip that explains libyaml's error at line `err`: on that line or a few above it, the first
 * change that lets the text parse past it. Returns 1 with the message, its line and column. */
#define SLIP_LINES 24

static int find_slip(const char *text, size_t len, size_t err, buf_t *msg, size_t *line, size_t *col)
{
	static int (*const rules[])(const slipctx *, buf_t *, size_t *) = {slip_colon, slip_quote, slip_inner_colon,
		slip_bracket, slip_dash};
	for (size_t k = err + 1; k-- > 0 && err - k < SLIP_LINES;) {
		slipctx s = {text, len, k, NULL, 0, err};
		s.l = line_of(text, len, k, &s.ll);
		if (s.ll && s.l[s.ll - 1] == '\r')
			s.ll--;
		if (s.l >= text + len && k > 0)
			continue;
		for (size_t r = 0; r < sizeof rules / sizeof *rules; r++) {
			buf_reset(msg);
			if (rules[r](&s, msg, col)) {
				*line = k;
				return 1;
			}
		}
	}
	buf_reset(msg);
	return 0;
}

/* What libyaml found, told as what is wrong on that line and what to do, for a secretary who is
 * not a programmer: never the words YAML or front matter. Returns the line to name (0-based). */
static size_t explain(const yaml_parser_t *p, const char *text, size_t len, buf_t *msg, size_t *col)
{
	*col = 0;
	const char *pr = p->problem ? p->problem : "";
	size_t line = p->problem_mark.line, n, pn = 0;
	const char *l = line_of(text, len, line, &n), *prev = NULL;
	for (size_t i = line; i-- > 0;) {
		prev = line_of(text, len, i, &pn);
		if (indent_of(prev, pn) < pn && prev[indent_of(prev, pn)] != '#')
			break;
		prev = NULL;
	}
	char key[64], pkey[64];
	key_of(l, n, key);
	if (prev)
		key_of(prev, pn, pkey);
	else
		pkey[0] = '\0';
	size_t slip_line;
	if (memchr(l, '\t', n) || strstr(pr, "tab")) {
		buf_puts(msg, "op deze regel staat een tab. Spring in met spaties, niet met de Tab-toets");
	} else if (find_slip(text, len, line, msg, &slip_line, col)) {
		line = slip_line;
	} else if (!strcmp(pr, "found unexpected end of stream")) {
		/* an opening quote without its closing one: name the line where it starts */
		line = p->context_mark.line;
		l = line_of(text, len, line, &n);
		key_of(l, n, key);
		buf_printf(msg, "de tekst%s%s%s begint met een aanhalingsteken, maar heeft er aan het eind geen. "
		                "Zet er een aanhalingsteken achter, of haal het weg",
		           key[0] ? " na '" : "", key, key[0] ? ":'" : "");
	} else if (strstr(pr, "mapping values are not allowed") && key[0] && prev && indent_of(l, n) > indent_of(prev, pn) &&
	           pkey[0] && prev[pn - 1] != ':') {
		buf_printf(msg, "'%s:' springt verder in dan '%s:' op de regel erboven. Zet '%s:' recht onder '%s:'", key,
		           pkey, key, pkey);
	} else if (strstr(pr, "mapping values are not allowed")) {
		buf_printf(msg, "in de tekst%s%s%s staat een dubbele punt met een spatie erachter. Zet de hele tekst tussen "
		                "aanhalingstekens, zoals: %s%s\"...\"",
		           key[0] ? " na '" : "", key, key[0] ? ":'" : "", key, key[0] ? ": " : "");
	} else if (strstr(pr, "did not find expected") || strstr(pr, "could not find expected ':'")) {
		if (strstr(pr, "',' or ']'") || strstr(pr, "',' or '}'")) {
			/* named where the list starts */
			int square = strstr(pr, "']'") != NULL;
			line = p->context_mark.line;
			buf_printf(msg, "hier begint een %s met %s, maar die wordt niet afgesloten met %s op dezelfde regel",
			           square ? "lijst" : "reeks", square ? "[" : "{", square ? "]" : "}");
		}
		else
			buf_puts(msg, "deze regel springt anders in dan de regels erboven. Wat bij elkaar hoort, begint precies "
			              "even ver naar rechts. Bij een opsomming met '- ' staan de streepjes recht onder elkaar");
	} else if (strstr(pr, "cannot start any token")) {
		buf_puts(msg, "hier staat een teken waarmee een tekst niet mag beginnen (zoals @ of `). Zet de tekst tussen "
		              "aanhalingstekens");
	} else if (strstr(pr, "tag handle")) {
		buf_puts(msg, "een tekst begint met !. Zet de tekst tussen aanhalingstekens");
	} else if (strstr(pr, "escape character")) {
		buf_puts(msg, "een \\ in een tekst tussen dubbele aanhalingstekens. Gebruik enkele aanhalingstekens ('...')");
	} else {
		buf_puts(msg, "deze regel kan meetlat niet lezen. Vergelijk hem met dezelfde regel in een ander bestand in content/");
	}
	return line;
}

/* Bounds on what one file's head may hold: far above any real programme, low enough that
 * checking every key stays instant. */
#define MAX_NODES 20000
#define MAX_KEYS 200
#define MAX_ITEMS 2000

/* Text reaches the site, the report and the workbooks: no control characters (a "\x07" or
 * "\0" written as an escape in quotes), line breaks only where a block of text has them. */
static int clean_scalar(const unsigned char *s, size_t len, const ynode *n, const char *file, diag_t *d)
{
	for (size_t i = 0; i < len;) {
		unsigned cp = 0;
		size_t l = utf8_decode(s + i, len - i, &cp);
		if (l == 0) {
			diag(d, DIAG_ERROR, file, n->line, n->col, "deze tekst bevat een teken dat geen UTF-8 is; haal het weg");
			return 0;
		}
		if (cp_is_control(cp) && cp != '\n') {
			diag(d, DIAG_ERROR, file, n->line, n->col,
			     "deze tekst bevat een onzichtbaar besturingsteken (U+%04X)%s; haal het weg", cp,
			     cp == 0 ? ", dat de tekst zou afbreken" : cp == '\t' ? " (een tab)" : "");
			return 0;
		}
		i += l;
	}
	return 1;
}

struct frame {
	ynode *node;
	ynode *pending_key;
	size_t cap;
};

ynode *ytree_parse(const char *text, size_t len, const char *file, int first_line,
                   diag_t *d, int *failed)
{
	yaml_parser_t p;
	yaml_event_t ev;
	struct frame stack[64];
	int depth = 0;
	long nodes = 0;
	ynode *root = NULL;
	int done = 0;

	*failed = 0;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			buf_t msg = {0};
			size_t col;
			size_t line = explain(&p, text, len, &msg, &col);
			diag(d, DIAG_ERROR, file, (long)line + first_line,
			     col                              ? (long)col
			     : line == p.problem_mark.line ? (long)p.problem_mark.column + 1
			                                   : (long)p.context_mark.column + 1,
			     "%s", msg.s);
			buf_free(&msg);
			*failed = 1;
			break;
		}
		ynode *n = NULL;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_ALIAS_EVENT:
			diag(d, DIAG_ERROR, file, (long)ev.start_mark.line + first_line,
			     (long)ev.start_mark.column + 1,
			     "verwijzingen (*naam) worden niet ondersteund; schrijf de waarde uit");
			*failed = 1;
			done = 1;
			break;
		case YAML_SCALAR_EVENT:
			n = node_new(Y_SCALAR, &ev.start_mark, first_line);
			n->str = xstrndup((const char *)ev.data.scalar.value, ev.data.scalar.length);
			n->plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
			if (!clean_scalar(ev.data.scalar.value, ev.data.scalar.length, n, file, d))
				*failed = 1;
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			n = node_new(ev.type == YAML_SEQUENCE_START_EVENT ? Y_SEQ : Y_MAP,
			             &ev.start_mark, first_line);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			if (depth > 0)
				depth--;
			break;
		case YAML_NO_EVENT:
		case YAML_STREAM_START_EVENT:
		case YAML_DOCUMENT_START_EVENT:
		case YAML_DOCUMENT_END_EVENT:
			break;
		}
		if (n && ++nodes > MAX_NODES) {
			diag(d, DIAG_ERROR, file, n->line, n->col,
			     "de kop van het bestand heeft meer dan %d namen en waarden. Dat kan niet kloppen", MAX_NODES);
			ytree_free(n);
			n = NULL;
			*failed = 1;
			done = 1;
		}
		if (n) {
			int container = n->kind != Y_SCALAR;
			if (depth == 0) {
				if (root) {
					ytree_free(n);
					n = NULL;
				} else {
					root = n;
				}
			} else {
				struct frame *f = &stack[depth - 1];
				if (f->node->kind == Y_MAP && !f->pending_key) {
					if (n->kind != Y_SCALAR) {
						diag(d, DIAG_ERROR, file, n->line, n->col,
						     "vóór de dubbele punt hoort een naam, zoals 'titel'");
						*failed = 1;
						ytree_free(n);
						n = NULL;
						done = 1;
					} else {
						f->pending_key = n;
						container = 0;
					}
				} else if (f->node->n >= (f->node->kind == Y_MAP ? MAX_KEYS : MAX_ITEMS)) {
					diag(d, DIAG_ERROR, file, n->line, n->col, "meer dan %d %s op één plek. Dat kan niet kloppen",
					     f->node->kind == Y_MAP ? MAX_KEYS : MAX_ITEMS,
					     f->node->kind == Y_MAP ? "regels 'naam: waarde'" : "onderdelen in een opsomming");
					ytree_free(n);
					ytree_free(f->pending_key);
					f->pending_key = NULL;
					n = NULL;
					*failed = 1;
					done = 1;
				} else {
					add_child(f->node, f->pending_key, n, &f->cap);
					f->pending_key = NULL;
				}
			}
			if (n && container) {
				if (depth == (int)(sizeof stack / sizeof *stack)) {
					diag(d, DIAG_ERROR, file, n->line, n->col, "de kop van het bestand springt te vaak in");
					*failed = 1;
					done = 1;
				} else {
					stack[depth].node = n;
					stack[depth].pending_key = NULL;
					stack[depth].cap = 0;
					depth++;
				}
			}
		}
		yaml_event_delete(&ev);
	}
	/* A pending key without value cannot survive a well-formed stream, but an early
	 * stop can leave one behind. */
	for (int i = 0; i < depth; i++)
		ytree_free(stack[i].pending_key);
	yaml_parser_delete(&p);
	if (*failed) {
		ytree_free(root);
		return NULL;
	}
	return root;
}
