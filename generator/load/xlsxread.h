/* xlsxread.h - streaming reader for Excel workbooks (.xlsx) as municipal systems export them
 * (README.md, "data/ - the input contract"). The only module that includes minizip and expat.
 *
 * Rows are handed over through the CSV reader's interface (csvread.h: csv_row, csv_row_fn,
 * csv_row_error), so the data loader validates a workbook exactly like a CSV file: every value
 * is text. Numbers come as plain decimals with a '.' (the digits Excel stored, never rounded
 * again; dot_is_thousands is 0), dates and times from serial numbers with a date format as
 * "2024-10-01" or "2024-10-01 09:15", booleans as WAAR or ONWAAR, the cached value of a formula
 * as its value. Text stays text, also when it looks like a number ("0123").
 *
 * Only the requested columns are kept: a cell of any other column is skipped inside the XML
 * parser's callback, and of the shared strings (xl/sharedStrings.xml) only those that a
 * requested column uses are kept, so names, phone numbers and free text are never stored.
 * Memory does not grow with the number of rows. Hostile workbooks (zip bombs, huge or deeply
 * nested XML, too many parts, strings, rows or columns, passwords, the old .xls format) are
 * refused with a message. */
#ifndef MEETLAT_XLSXREAD_H
#define MEETLAT_XLSXREAD_H

#include "base/diag.h"
#include "load/csvread.h"

/* Limits; each refuses the workbook with a message when passed. */
#define XLSX_MAX_ENTRIES 10000L           /* parts in the zip */
#define XLSX_MAX_SHEET_XML (2048LL << 20) /* a worksheet, uncompressed (long long: Windows has a 32-bit long) */
#define XLSX_MAX_SST_XML (512LL << 20)    /* the shared strings, uncompressed */
#define XLSX_MAX_SMALL_XML (64LL << 20)   /* workbook, relationships, styles */
#define XLSX_MAX_RATIO 250                /* uncompressed / compressed, for parts over 1 MiB */
#define XLSX_MAX_STRINGS 10000000L        /* shared strings */
#define XLSX_MAX_CELL_CHARS 32767         /* Excel's own limit on the text of a cell */
#define XLSX_MAX_KEPT (64L << 20)         /* bytes of shared strings the requested columns use */
#define XLSX_MAX_ROWS 1048576L            /* Excel's last row */
#define XLSX_MAX_COLS 16384               /* Excel's last column, XFD */
#define XLSX_HEADER_ROWS 20               /* the header row is looked for in the first rows */
#define XLSX_MAX_DEPTH 64                 /* XML nesting */
#define XLSX_MAX_PARSER ((size_t)32 << 20) /* memory of the XML parser: a huge tag, comment,
                                            attribute or many attribute names stop there */

/* Read the sheet named `sheet` (NULL: the first) of the workbook at `path` (named `shown` in
 * messages). The header row is `header_row` (1-based), or when 0 the first of the first
 * XLSX_HEADER_ROWS rows that has every column of `cols`. Otherwise as csv_read: `used_by` says
 * who asks for a missing column; `fn` gets every row below the header that has a value in any
 * cell; messages go through `d` with the row as line and the column number as column, and name
 * the cell (Blad1!C118). info->rows counts the rows handed over; delim and cp1252 are 0.
 * Returns 0 if the workbook was read without errors, -1 otherwise. */
int xlsx_read(const char *path, const char *shown, const char *sheet, int header_row, const char *const *cols,
              const char *const *used_by, int ncols, csv_row_fn fn, void *ctx, diag_t *d, csv_info *info);

/* Internals, exposed for the unit tests. */

/* A number as Excel writes it in a cell ("45321.5", "-1E-3", "1.5E+20") as plain decimal text
 * with the same digits ("45321.5", "-0.001", "150000000000000000000"). 0 or -1. */
int xlsx_plain_number(const char *s, size_t len, char *out, size_t outsz);

/* What a number format shows: a number, a date, a time of day, or both. */
typedef enum { XLSX_NUMBER, XLSX_DATE, XLSX_TIME, XLSX_DATETIME } xlsx_kind;
xlsx_kind xlsx_format_kind(int id, const char *code);

/* A serial date-time (days since the epoch of the 1900 or 1904 date system) as the text the
 * data loader reads: "2024-10-01", "2024-10-01 09:15" or "09:15" (a time of day alone). 0 or
 * -1 when it is no date Excel can show. */
int xlsx_serial_text(double serial, int date1904, xlsx_kind kind, char *out, size_t outsz);

#endif
