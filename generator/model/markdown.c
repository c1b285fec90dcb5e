/* markdown.c - see markdown.h; the only module that includes cmark.h. */
#include "model/markdown.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct md_doc {
	cmark_node *root;
};

md_doc *md_parse(const char *text, size_t len)
{
	md_doc *d = xcalloc(1, sizeof *d);
	d->root = cmark_parse_document(text, len, CMARK_OPT_SOURCEPOS);
	if (!d->root)
		abort();
	return d;
}

void md_free(md_doc *d)
{
	if (!d)
		return;
	cmark_node_free(d->root);
	free(d);
}

int md_is_empty(const md_doc *d)
{
	return !d || cmark_node_first_child(d->root) == NULL;
}

/* Plain text of inline content, soft breaks as spaces. */
static void inline_text(cmark_node *n, buf_t *out)
{
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cmark_node *c = cmark_iter_get_node(it);
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			buf_puts(out, cmark_node_get_literal(c));
			break;
		case CMARK_NODE_SOFTBREAK:
			buf_putc(out, ' ');
			break;
		case CMARK_NODE_LINEBREAK:
			buf_putc(out, '\n');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

void md_take_sections(md_doc *doc, const char *const *names, int n, md_doc **out, int *line)
{
	buf_t t = {0};
	cmark_node *c = cmark_node_first_child(doc->root);
	while (c) {
		cmark_node *next = cmark_node_next(c);
		if (cmark_node_get_type(c) != CMARK_NODE_HEADING || cmark_node_get_heading_level(c) != 2) {
			c = next;
			continue;
		}
		buf_reset(&t);
		inline_text(c, &t);
		int hit = -1;
		for (int i = 0; i < n; i++)
			if (t.s && strcasecmp(t.s, names[i]) == 0)
				hit = i;
		if (hit < 0 || out[hit]) {
			c = next;
			continue;
		}
		md_doc *sec = xcalloc(1, sizeof *sec);
		sec->root = cmark_node_new(CMARK_NODE_DOCUMENT);
		line[hit] = cmark_node_get_start_line(c);
		cmark_node *b = next;
		while (b && !(cmark_node_get_type(b) == CMARK_NODE_HEADING &&
		              cmark_node_get_heading_level(b) <= 2)) {
			cmark_node *bn = cmark_node_next(b);
			cmark_node_unlink(b);
			cmark_node_append_child(sec->root, b);
			b = bn;
		}
		cmark_node_free(c);
		out[hit] = sec;
		c = b;
	}
	buf_free(&t);
}

void md_headings(const md_doc *d, md_heading_fn fn, void *ctx)
{
	buf_t t = {0};
	for (cmark_node *c = cmark_node_first_child(d->root); c; c = cmark_node_next(c)) {
		if (cmark_node_get_type(c) != CMARK_NODE_HEADING)
			continue;
		buf_reset(&t);
		inline_text(c, &t);
		fn(ctx, cmark_node_get_heading_level(c), t.s ? t.s : "", cmark_node_get_start_line(c));
	}
	buf_free(&t);
}

void md_html(const md_doc *d, int shift, buf_t *out)
{
	if (!d)
		return;
	/* cmark writes headings as bare <hN> and </hN> and escapes every '<' of the text (raw HTML
	 * is omitted in safe mode), so shifting the levels in its output is exact and leaves the
	 * model's tree alone */
	char *html = cmark_render_html(d->root, CMARK_OPT_DEFAULT);
	const char *s = html;
	while (*s) {
		const char *t = strchr(s, '<');
		if (!t) {
			buf_puts(out, s);
			break;
		}
		buf_add(out, s, (size_t)(t - s));
		int close = t[1] == '/';
		const char *h = t + 1 + close;
		if (h[0] == 'h' && h[1] >= '1' && h[1] <= '6' && h[2] == '>') {
			int lvl = h[1] - '0' + shift;
			buf_printf(out, "<%sh%d>", close ? "/" : "", lvl > 6 ? 6 : lvl);
			s = h + 3;
		} else {
			buf_putc(out, '<');
			s = t + 1;
		}
	}
	free(html);
}

struct blocks_ctx {
	md_block_fn fn;
	void *ctx;
	buf_t t;
};

static void emit_children(cmark_node *parent, int depth, struct blocks_ctx *bc);

static void emit_text(struct blocks_ctx *bc, md_block_kind kind, int level, cmark_node *c)
{
	buf_reset(&bc->t);
	inline_text(c, &bc->t);
	bc->fn(bc->ctx, kind, level, bc->t.s ? bc->t.s : "");
}

/* A list item: its first paragraph carries the bullet, what follows is nested. */
static void emit_item(cmark_node *item, int depth, struct blocks_ctx *bc)
{
	cmark_node *c = cmark_node_first_child(item);
	if (c && cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH) {
		emit_text(bc, MDB_ITEM, depth + 1, c);
		c = cmark_node_next(c);
	}
	for (; c; c = cmark_node_next(c)) {
		if (cmark_node_get_type(c) == CMARK_NODE_LIST) {
			for (cmark_node *i = cmark_node_first_child(c); i; i = cmark_node_next(i))
				emit_item(i, depth + 1, bc);
		} else {
			emit_text(bc, MDB_PARA, depth + 1, c);
		}
	}
}

static void emit_children(cmark_node *parent, int depth, struct blocks_ctx *bc)
{
	for (cmark_node *c = cmark_node_first_child(parent); c; c = cmark_node_next(c)) {
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_PARAGRAPH:
			emit_text(bc, MDB_PARA, depth, c);
			break;
		case CMARK_NODE_HEADING:
			emit_text(bc, MDB_HEADING, cmark_node_get_heading_level(c), c);
			break;
		case CMARK_NODE_CODE_BLOCK:
			bc->fn(bc->ctx, MDB_CODE, depth, cmark_node_get_literal(c));
			break;
		case CMARK_NODE_LIST:
			for (cmark_node *i = cmark_node_first_child(c); i; i = cmark_node_next(i))
				emit_item(i, depth, bc);
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			emit_text(bc, MDB_QUOTE, depth, c);
			break;
		case CMARK_NODE_ITEM:
			emit_item(c, depth, bc);
			break;
		/* not shown in text output */
		case CMARK_NODE_THEMATIC_BREAK:
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_CUSTOM_BLOCK:
		/* inline nodes never occur at block level */
		case CMARK_NODE_NONE:
		case CMARK_NODE_DOCUMENT:
		case CMARK_NODE_TEXT:
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
		case CMARK_NODE_CODE:
		case CMARK_NODE_HTML_INLINE:
		case CMARK_NODE_CUSTOM_INLINE:
		case CMARK_NODE_EMPH:
		case CMARK_NODE_STRONG:
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
			break;
		}
	}
}

void md_blocks(const md_doc *d, md_block_fn fn, void *ctx)
{
	if (!d)
		return;
	struct blocks_ctx bc = {fn, ctx, {0}};
	emit_children(d->root, 0, &bc);
	buf_free(&bc.t);
}
