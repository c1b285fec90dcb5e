/* export.c - see export.h. */
#include "load/export.h"

#include <string.h>
#include <strings.h>

#include "load/xlsxread.h"

static int ends_with(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);
	return ls >= lx && !strcasecmp(s + ls - lx, suffix);
}

int export_is_workbook(const char *name)
{
	return ends_with(name, ".xlsx") || ends_with(name, ".xls");
}

int export_read(const char *path, const char *shown, const char *sheet, int header_row, const char *const *cols,
                const char *const *used_by, int ncols, csv_row_fn fn, void *ctx, const csv_parts *parts, diag_t *d,
                csv_info *info)
{
	if (export_is_workbook(path))
		return xlsx_read(path, shown, sheet, header_row, cols, used_by, ncols, fn, ctx, d, info);
	return csv_read(path, shown, cols, used_by, ncols, fn, ctx, parts, d, info);
}
