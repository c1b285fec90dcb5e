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

void md_texts(const md_doc *d, md_text_fn fn, void *ctx)
{
	if (!d)
		return;
	buf_t t = {0};
	cmark_iter *it = cmark_iter_new(d->root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cmark_node *c = cmark_iter_get_node(it);
		cmark_node_type type = cmark_node_get_type(c);
		if (type != CMARK_NODE_PARAGRAPH && type != CMARK_NODE_HEADING && type != CMARK_NODE_CODE_BLOCK)
			continue;
		buf_reset(&t);
		if (type == CMARK_NODE_CODE_BLOCK) {
			buf_puts(&t, cmark_node_get_literal(c));
			while (t.len && t.s[t.len - 1] == '\n')
				t.s[--t.len] = '\0';
		} else {
			/* soft breaks as line breaks here: the caller counts lines */
			cmark_iter *in = cmark_iter_new(c);
			cmark_event_type e2;
			while ((e2 = cmark_iter_next(in)) != CMARK_EVENT_DONE) {
				cmark_node *x = cmark_iter_get_node(in);
				if (e2 != CMARK_EVENT_ENTER)
					continue;
				switch (cmark_node_get_type(x)) {
				case CMARK_NODE_TEXT:
				case CMARK_NODE_CODE:
					buf_puts(&t, cmark_node_get_literal(x));
					break;
				case CMARK_NODE_SOFTBREAK:
				case CMARK_NODE_LINEBREAK:
					buf_putc(&t, '\n');
					break;
				default:
					break;
				}
			}
			cmark_iter_free(in);
		}
		fn(ctx, t.s ? t.s : "", t.len, cmark_node_get_start_line(c),
		   type == CMARK_NODE_HEADING ? cmark_node_get_heading_level(c) : 0);
	}
	cmark_iter_free(it);
	buf_free(&t);
}

void md_html(const md_doc *d, int shift, const char *root, buf_t *out)
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
		} else if (!close && !strncmp(h, "img src=\"", 9)) {
			/* an image the loader checked: its address is relative to the site's root */
			buf_printf(out, "<img src=\"%s", root);
			s = h + 9;
		} else {
			buf_putc(out, '<');
			s = t + 1;
		}
	}
	free(html);
}

void md_images(md_doc *d, md_image_fn fn, void *ctx)
{
	if (!d)
		return;
	cmark_iter *it = cmark_iter_new(d->root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(c) != CMARK_NODE_IMAGE)
			continue;
		char *url = fn(ctx, cmark_node_get_url(c), cmark_node_get_start_line(c), cmark_node_get_start_column(c));
		if (url) {
			cmark_node_set_url(c, url);
			free(url);
		} else {
			/* an emphasis in place of the image keeps its text; the image goes */
			cmark_node *e = cmark_node_new(CMARK_NODE_EMPH);
			cmark_node *k;
			while ((k = cmark_node_first_child(c)))
				cmark_node_append_child(e, k);
			cmark_node_insert_before(c, e);
			cmark_node_unlink(c);
			cmark_iter_reset(it, e, CMARK_EVENT_EXIT);
			cmark_node_free(c);
		}
	}
	cmark_iter_free(it);
}

int md_depth(const md_doc *d, int limit, int *line)
{
	*line = 0;
	if (!d)
		return 0;
	int depth = 0, most = 0;
	cmark_iter *it = cmark_iter_new(d->root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(c);
		if (t != CMARK_NODE_LIST && t != CMARK_NODE_BLOCK_QUOTE && t != CMARK_NODE_ITEM)
			continue;
		if (ev == CMARK_EVENT_ENTER && ++depth > most) {
			most = depth;
			if (depth == limit + 1)
				*line = cmark_node_get_start_line(c);
		} else if (ev == CMARK_EVENT_EXIT)
			depth--;
	}
	cmark_iter_free(it);
	return most;
}

/* A link address a reader may follow: web, mail, or a relative link. */
static int safe_url(const char *u)
{
	if (!u || !*u)
		return 0;
	if (!strncasecmp(u, "http://", 7) || !strncasecmp(u, "https://", 8) || !strncasecmp(u, "mailto:", 7))
		return 1;
	/* no scheme: nothing before a ':' that comes ahead of any '/', '?' or '#' */
	for (const char *p = u; *p; p++) {
		if (*p == ':')
			return 0;
		if (*p == '/' || *p == '?' || *p == '#')
			return 1;
	}
	return 1;
}

void md_walk(const md_doc *d, md_walk_fn fn, void *ctx)
{
	if (!d)
		return;
	cmark_iter *it = cmark_iter_new(d->root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		md_event e = ev == CMARK_EVENT_ENTER ? MD_ENTER : MD_LEAVE;
		md_node n = {0};
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_PARAGRAPH:
			n.kind = MDN_PARA;
			break;
		case CMARK_NODE_HEADING:
			n.kind = MDN_HEADING;
			n.level = cmark_node_get_heading_level(c);
			break;
		case CMARK_NODE_LIST:
			n.kind = MDN_LIST;
			n.ordered = cmark_node_get_list_type(c) == CMARK_ORDERED_LIST;
			n.start = cmark_node_get_list_start(c);
			break;
		case CMARK_NODE_ITEM:
			n.kind = MDN_ITEM;
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			n.kind = MDN_QUOTE;
			break;
		case CMARK_NODE_CODE_BLOCK:
			n.kind = MDN_CODE_BLOCK;
			n.text = cmark_node_get_literal(c);
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			n.kind = MDN_RULE;
			break;
		case CMARK_NODE_TEXT:
			n.kind = MDN_TEXT;
			n.text = cmark_node_get_literal(c);
			break;
		case CMARK_NODE_CODE:
			n.kind = MDN_CODE;
			n.text = cmark_node_get_literal(c);
			break;
		case CMARK_NODE_SOFTBREAK:
			n.kind = MDN_SOFTBREAK;
			break;
		case CMARK_NODE_LINEBREAK:
			n.kind = MDN_BREAK;
			break;
		case CMARK_NODE_EMPH:
			n.kind = MDN_EMPH;
			break;
		case CMARK_NODE_STRONG:
			n.kind = MDN_STRONG;
			break;
		case CMARK_NODE_LINK:
			if (!safe_url(cmark_node_get_url(c)))
				continue; /* its text stays, without the link */
			n.kind = MDN_LINK;
			n.url = cmark_node_get_url(c);
			break;
		/* not shown: an image shows its text; raw HTML is dropped */
		case CMARK_NODE_IMAGE:
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_HTML_INLINE:
		case CMARK_NODE_CUSTOM_BLOCK:
		case CMARK_NODE_CUSTOM_INLINE:
		case CMARK_NODE_DOCUMENT:
		case CMARK_NODE_NONE:
			continue;
		}
		/* leaves arrive once */
		if (e == MD_LEAVE && (n.kind == MDN_CODE_BLOCK || n.kind == MDN_RULE || n.kind == MDN_TEXT ||
		                      n.kind == MDN_CODE || n.kind == MDN_SOFTBREAK || n.kind == MDN_BREAK))
			continue;
		fn(ctx, e, &n);
	}
	cmark_iter_free(it);
}
