/* csvread.h - streaming reader for CSV exports as Dutch Excel and municipal systems
 * write them (README.md, "data/ - the input contract"). Only the requested columns are kept;
 * every other field is dropped inside the parser callback and never stored. */
#ifndef MEETLAT_CSVREAD_H
#define MEETLAT_CSVREAD_H

#include <stdarg.h>
#include <stddef.h>

#include "base/diag.h"

typedef struct csv_row csv_row;
struct csv_row {
	const char *const *val; /* per requested column, NUL-terminated, UTF-8 */
	const size_t *len;
	const int *col;         /* 1-based field number of each requested column */
	long line;              /* first line of the record (a quoted field may span lines) */
	int dot_is_thousands;   /* for num_parse: ';' files write "1.234" for a thousand */
	void *reader;
	/* another reader that hands rows over in this shape (xlsxread.h) reports its own way;
	 * NULL for the CSV reader */
	void (*verror)(const csv_row *row, int c, const char *fmt, va_list ap);
};

#define MAX_COLS 32

/* Report a problem with requested column c (-1: the whole row) of this row, at its line
 * and field. Past DIAG_FILE_LIMIT errors in a file only the count is reported. Never put
 * the cell of a column that may hold personal data in the message. */
void csv_row_error(const csv_row *row, int c, const char *fmt, ...)
	PRINTF_LIKE(3, 4);
void csv_row_verror(const csv_row *row, int c, const char *fmt, va_list ap);

/* Return 0 to go on, nonzero to stop reading. */
typedef int (*csv_row_fn)(void *ctx, const csv_row *row);

typedef struct {
	long rows;            /* data records handed to the callback */
	unsigned long long fingerprint; /* csv_fingerprint over those records (0 when not asked for) */
	char delim;           /* detected delimiter */
	int cp1252;           /* converted from Windows-1252 (the caller tells the reader) */
	int dot_is_thousands; /* ';' files: "1.234" is a thousand and more */
} csv_info;

/* The fingerprint of an export: FNV-1a over every requested value, row by row, from
 * CSV_FINGERPRINT_START. Not a secret; only to tell an unchanged export from a refreshed one
 * (model/edition.c). */
#define CSV_FINGERPRINT_START 0xcbf29ce484222325ULL
unsigned long long csv_fingerprint(unsigned long long h, const csv_row *row, int ncols);

/* Reading a large export on two threads. The file is cut at a line between records; the rows
 * after the cut go to a context of their own on another thread: `split` makes it, reporting
 * through `d` (NULL: read on one thread). After the rows before the cut, `join` merges it into
 * `ctx` as if ctx had had its rows after its own and returns 0; or returns -1 when that cannot
 * be done exactly, and the reader hands those rows to ctx again. `drop` discards a part that is
 * not joined. `join` frees the part either way. */
typedef struct {
	void *(*split)(void *ctx, diag_t *d);
	int (*join)(void *ctx, void *part);
	void (*drop)(void *part);
	int fingerprint; /* the caller wants the fingerprint (without parts it always gets it) */
} csv_parts;

/* Normalise a header name for matching: lower case, no blanks, '_' or '-'. */
void csv_norm_name(const char *s, size_t len, char *out, size_t outsz);

/* Read `path` (named `shown` in messages). Every column of `cols` must be present; `used_by`
 * (or NULL; entries may be NULL) is what the message about a missing one adds: who reads it and
 * what to do ("Kpi 'x' leest die kolom (content/a.md:9). ..."). With `parts` (or NULL) a file
 * of CSV_PARTS_MIN bytes or more is read on two threads (not with MEETLAT_SERIEEL set); the
 * rows, messages and fingerprint are those of one thread. Returns 0 if the file was read
 * without errors, -1 otherwise. */
#define CSV_PARTS_MIN (4 << 20)
int csv_read(const char *path, const char *shown, const char *const *cols, const char *const *used_by, int ncols,
             csv_row_fn fn, void *ctx, const csv_parts *parts, diag_t *d, csv_info *info);

/* For the tests: 0 hands every line to libcsv, also the lines without quotes that the reader
 * splits itself (the result is the same; test_csv.c compares both). */
void csv_set_fast(int on);

#endif
