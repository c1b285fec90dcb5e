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

/* Safe HTML; headings are shifted down by `shift` levels (h1 + 2 = h3, at most h6). */
void md_html(const md_doc *d, int shift, buf_t *out);

/* The document as a flat list of text blocks, for the PDF's own line breaking. */
typedef enum { MDB_PARA, MDB_HEADING, MDB_ITEM, MDB_QUOTE, MDB_CODE } md_block_kind;
typedef void (*md_block_fn)(void *ctx, md_block_kind kind, int level, const char *text);
void md_blocks(const md_doc *d, md_block_fn fn, void *ctx);

#endif
