/* export.h - an export in data/ as the systems give it: a CSV file (csvread.h) or an Excel
 * workbook (xlsxread.h), read through one interface. */
#ifndef MEETLAT_EXPORT_H
#define MEETLAT_EXPORT_H

#include "base/diag.h"
#include "load/csvread.h"

/* 1 when `name` is an Excel workbook by its extension (.xlsx, or the old .xls, which the
 * workbook reader refuses with a message), 0 for a CSV file. */
int export_is_workbook(const char *name);

/* Read the export at `path` (named `shown` in messages) with csv_read or xlsx_read, by its
 * extension. `sheet` (or NULL: the first) and `header_row` (or 0: found) apply to a workbook
 * only (which is read on one thread). Otherwise as csv_read. */
int export_read(const char *path, const char *shown, const char *sheet, int header_row, const char *const *cols,
                const char *const *used_by, int ncols, csv_row_fn fn, void *ctx, const csv_parts *parts, diag_t *d,
                csv_info *info);

#endif
