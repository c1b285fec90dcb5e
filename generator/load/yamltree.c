/* yamltree.c - the only module that includes yaml.h. */
#include "load/yamltree.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "base/util.h"

const char *ykind_name(ykind k)
{
	switch (k) {
	case Y_SCALAR:
		return "een waarde";
	case Y_MAP:
		return "een lijst van sleutels (sleutel: waarde)";
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

/* libyaml's problems in Dutch, for a secretary who is not a programmer. */
static const char *yaml_problem_nl(const char *p)
{
	static const struct { const char *en, *nl; } tr[] = {
		{"did not find expected ',' or ']'", "een lijst tussen [ ] is niet afgesloten met ]"},
		{"did not find expected ',' or '}'", "een reeks tussen { } is niet afgesloten met }"},
		{"mapping values are not allowed in this context",
		 "een dubbele punt waar die niet mag; zet de tekst tussen aanhalingstekens"},
		{"found character that cannot start any token",
		 "een teken dat hier niet mag (zoals een tab, @ of `); zet de tekst tussen aanhalingstekens"},
		{"did not find expected key", "de inspringing klopt niet"},
		{"did not find expected '-' indicator", "de inspringing van de opsomming klopt niet"},
		{"found unexpected end of stream", "een tekst tussen aanhalingstekens is niet afgesloten"},
		{"could not find expected ':'", "hier hoort 'sleutel: waarde'"},
		{"found undefined tag handle", "een ! op een plek waar dat niet mag; zet de tekst tussen aanhalingstekens"},
		{"found unknown escape character", "een \\ in een tekst tussen dubbele aanhalingstekens; gebruik enkele aanhalingstekens"},
	};
	if (!p)
		return "onbekende fout";
	for (size_t i = 0; i < sizeof tr / sizeof *tr; i++)
		if (!strcmp(p, tr[i].en))
			return tr[i].nl;
	return p;
}

/* Bounds on what one file's head may hold: far above any real programme, low enough that
 * checking every key stays instant. */
#define MAX_NODES 20000
#define MAX_KEYS 200
#define MAX_ITEMS 2000

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
			buf_printf(&msg, "de front matter is geen geldige YAML: %s", yaml_problem_nl(p.problem));
			if (p.context)
				buf_printf(&msg, " (begonnen op regel %d, kolom %d)",
				           (int)p.context_mark.line + first_line, (int)p.context_mark.column + 1);
			diag(d, DIAG_ERROR, file, (long)p.problem_mark.line + first_line,
			     (long)p.problem_mark.column + 1, "%s", msg.s);
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
			     "de kop van het bestand heeft meer dan %d sleutels en waarden; dat kan niet kloppen", MAX_NODES);
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
						     "een sleutel moet een eenvoudige naam zijn");
						*failed = 1;
						ytree_free(n);
						n = NULL;
						done = 1;
					} else {
						f->pending_key = n;
						container = 0;
					}
				} else if (f->node->n >= (f->node->kind == Y_MAP ? MAX_KEYS : MAX_ITEMS)) {
					diag(d, DIAG_ERROR, file, n->line, n->col, "meer dan %d %s op één plek; dat kan niet kloppen",
					     f->node->kind == Y_MAP ? MAX_KEYS : MAX_ITEMS,
					     f->node->kind == Y_MAP ? "sleutels" : "onderdelen in een opsomming");
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
					diag(d, DIAG_ERROR, file, n->line, n->col, "de front matter is te diep genest");
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
