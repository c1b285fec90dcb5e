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

/* What libyaml found, told as what is wrong on that line and what to do, for a secretary who is
 * not a programmer: never the words YAML or front matter. Returns the line to name (0-based). */
static size_t explain(const yaml_parser_t *p, const char *text, size_t len, buf_t *msg)
{
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
	if (memchr(l, '\t', n) || strstr(pr, "tab")) {
		buf_puts(msg, "op deze regel staat een tab. Spring in met spaties, niet met de Tab-toets");
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
			size_t line = explain(&p, text, len, &msg);
			diag(d, DIAG_ERROR, file, (long)line + first_line,
			     line == p.problem_mark.line ? (long)p.problem_mark.column + 1 : (long)p.context_mark.column + 1,
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
