/* markdown.h - the Markdown documents the model holds (CommonMark via cmark; raw HTML is
 * dropped). The loader parses them; renderers get HTML, plain text or a block stream, and
 * never see cmark, which only markdown.c includes. */
#ifndef MEETLAT_MARKDOWN_H
#define MEETLAT_MARKDOWN_H

#include "base/util.h"

typedef struct md_doc md_doc;

md_doc *md_parse(const char *text, size_t len);
void md_free(md_doc *d);
int md_is_empty(const md_doc *d);

/* Move every "## <name>" section (heading text compared case-insensitively) out of doc
 * into its own document: out[i] gets names[i]'s section or stays NULL; line[i] gets the
 * heading's line (relative to the parsed text). Sections with other names stay in doc. */
void md_take_sections(md_doc *doc, const char *const *names, int n, md_doc **out, int *line);

/* Headings of the remaining document in order: level and text, for checking structure. */
typedef void (*md_heading_fn)(void *ctx, int level, const char *text, int line);
void md_headings(const md_doc *d, md_heading_fn fn, void *ctx);

/* Each block of running text in reading order (a paragraph, also inside a list item or a
 * quote, a heading, a code block) as plain text: soft and hard line breaks become '\n', so the
 * line of a place in it is `line` plus the line breaks before it; `line` is the block's first
 * line in the parsed text. `heading` is the heading's level, 0 for other blocks. */
typedef void (*md_text_fn)(void *ctx, const char *text, size_t len, int line, int heading);
void md_texts(const md_doc *d, md_text_fn fn, void *ctx);

/* Safe HTML; headings are shifted down by `shift` levels (h1 + 2 = h3, at most h6); the
 * address of every image (checked by the loader, relative to the site's root) gets `root`
 * ("../") in front. */
void md_html(const md_doc *d, int shift, const char *root, buf_t *out);

/* Every image in the document, in order: `fn` gets its address and place (line and column in
 * the parsed text) and returns the address to use instead (malloc'ed), or NULL to show only
 * the image's text. For the loader, which checks them. */
typedef char *(*md_image_fn)(void *ctx, const char *url, int line, int col);
void md_images(md_doc *d, md_image_fn fn, void *ctx);

/* The deepest nesting of blocks (lists, quotes) in the document, for a limit; *line is where the
 * nesting first goes past `limit` (a line of the document), or 0. */
int md_depth(const md_doc *d, int limit, int *line);

/* The document as a stream of nodes in reading order, for renderers that lay out text
 * themselves (the PDF): containers arrive as MD_ENTER and MD_LEAVE, leaves once, as
 * MD_ENTER. Links only with a safe address (http, https, mailto or relative); raw HTML never. */
typedef enum { MD_ENTER, MD_LEAVE } md_event;
typedef enum {
	MDN_PARA, MDN_HEADING, MDN_LIST, MDN_ITEM, MDN_QUOTE, MDN_CODE_BLOCK, MDN_RULE, /* blocks */
	MDN_TEXT, MDN_CODE, MDN_SOFTBREAK, MDN_BREAK, MDN_EMPH, MDN_STRONG, MDN_LINK   /* inline */
} md_kind;
typedef struct {
	md_kind kind;
	int level;          /* MDN_HEADING */
	int ordered, start; /* MDN_LIST */
	const char *text;   /* MDN_TEXT, MDN_CODE, MDN_CODE_BLOCK */
	const char *url;    /* MDN_LINK */
} md_node;
typedef void (*md_walk_fn)(void *ctx, md_event ev, const md_node *n);
void md_walk(const md_doc *d, md_walk_fn fn, void *ctx);

#endif
