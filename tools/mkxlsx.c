/* mkxlsx - writes Excel workbooks for the tests of the workbook reader, so that no binary file
 * is kept in git (make bench, tests/e2e/run.sh).
 *
 *   mkxlsx csv IN.csv OUT.xlsx    IN (';', as mkdata writes it) as a workbook the way Excel
 *                                 saves one: dates (d-m-yyyy hh:mm) as serial numbers with a
 *                                 date format, whole numbers as numbers, all other text (phone
 *                                 numbers with their leading 0 too) as shared strings
 *   mkxlsx bomb OUT.xlsx          a "shared-strings bomb": a header that uses the shared
 *                                 strings, and xl/sharedStrings.xml unpacking to 4 GB from a
 *                                 few MB
 *   mkxlsx bomb-lie OUT.xlsx      the same, but its sizes say it unpacks to 100 kB
 *
 * Written with minizip's zip.h; the bomb's compressed data is one deflate block of a MiB of
 * text after a full flush, repeated: each repetition decompresses to the same MiB. */
#include <minizip/zip.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "base/date.h"

static const char CONTENT_TYPES[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	"<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	"<Override PartName=\"/xl/workbook.xml\" "
	"ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
	"<Override PartName=\"/xl/worksheets/sheet1.xml\" "
	"ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
	"<Override PartName=\"/xl/styles.xml\" "
	"ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
	"<Override PartName=\"/xl/sharedStrings.xml\" "
	"ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/></Types>";

static const char ROOT_RELS[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" "
	"Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
	"Target=\"xl/workbook.xml\"/></Relationships>";

static const char WORKBOOK[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
	"<sheets><sheet name=\"Blad1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";

static const char WORKBOOK_RELS[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
	"Target=\"worksheets/sheet1.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
	"Target=\"styles.xml\"/>"
	"<Relationship Id=\"rId3\" "
	"Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" "
	"Target=\"sharedStrings.xml\"/></Relationships>";

static const char STYLES[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
	"<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"dd\\-mm\\-yyyy\\ hh:mm\"/></numFmts>"
	"<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
	"<fills count=\"1\"><fill><patternFill patternType=\"none\"/></fill></fills>"
	"<borders count=\"1\"><border/></borders>"
	"<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
	"<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
	"<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs>"
	"</styleSheet>";

static void die(const char *what)
{
	fprintf(stderr, "mkxlsx: %s\n", what);
	exit(1);
}

static void open_entry(zipFile z, const char *name, int raw)
{
	zip_fileinfo zi;
	memset(&zi, 0, sizeof zi);
	zi.tmz_date.tm_year = 1980;
	zi.tmz_date.tm_mday = 1;
	if (zipOpenNewFileInZip2_64(z, name, &zi, NULL, 0, NULL, 0, NULL, Z_DEFLATED, Z_BEST_SPEED, raw, 1) != ZIP_OK)
		die("cannot add a part");
}

static void put(zipFile z, const void *p, size_t n)
{
	if (n && zipWriteInFileInZip(z, p, (unsigned)n) != ZIP_OK)
		die("cannot write");
}

static void puts_z(zipFile z, const char *s)
{
	put(z, s, strlen(s));
}

static void part(zipFile z, const char *name, const char *text)
{
	open_entry(z, name, 0);
	puts_z(z, text);
	if (zipCloseFileInZip(z) != ZIP_OK)
		die("cannot close a part");
}

static void package(zipFile z)
{
	part(z, "[Content_Types].xml", CONTENT_TYPES);
	part(z, "_rels/.rels", ROOT_RELS);
	part(z, "xl/workbook.xml", WORKBOOK);
	part(z, "xl/_rels/workbook.xml.rels", WORKBOOK_RELS);
	part(z, "xl/styles.xml", STYLES);
}

/* --- csv: shared strings in a hash table, the sheet streamed ------------------------------ */

typedef struct {
	char **s;
	long n, cap;
	long *slot; /* open addressing: index + 1, 0 empty */
	long nslot;
} strtab;

static unsigned long hash(const char *s)
{
	unsigned long h = 5381;
	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

static long intern(strtab *t, const char *s)
{
	if ((t->n + 1) * 2 > t->nslot) {
		long n = t->nslot ? t->nslot * 2 : 1024;
		long *slot = calloc((size_t)n, sizeof *slot);
		if (!slot)
			die("out of memory");
		for (long i = 0; i < t->n; i++) {
			unsigned long h = hash(t->s[i]) % (unsigned long)n;
			while (slot[h])
				h = (h + 1) % (unsigned long)n;
			slot[h] = i + 1;
		}
		free(t->slot);
		t->slot = slot;
		t->nslot = n;
	}
	unsigned long h = hash(s) % (unsigned long)t->nslot;
	while (t->slot[h]) {
		if (!strcmp(t->s[t->slot[h] - 1], s))
			return t->slot[h] - 1;
		h = (h + 1) % (unsigned long)t->nslot;
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 1024;
		t->s = realloc(t->s, (size_t)t->cap * sizeof *t->s);
		if (!t->s)
			die("out of memory");
	}
	t->s[t->n] = strdup(s);
	t->slot[h] = t->n + 1;
	return t->n++;
}

static void xml_text(zipFile z, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			puts_z(z, "&amp;");
			break;
		case '<':
			puts_z(z, "&lt;");
			break;
		case '>':
			puts_z(z, "&gt;");
			break;
		default:
			put(z, s, 1);
		}
	}
}

static void col_name(int c, char *out)
{
	char t[8];
	int n = 0;
	for (; c > 0; c = (c - 1) / 26)
		t[n++] = (char)('A' + (c - 1) % 26);
	for (int i = 0; i < n; i++)
		out[i] = t[n - 1 - i];
	out[n] = '\0';
}

/* d-m-yyyy[ hh:mm] as a serial date-time of the 1900 system; 0 when it is no date */
static double serial(const char *s)
{
	int d, m, y, h = 0, mi = 0, n = 0;
	if (sscanf(s, "%d-%d-%d%n", &d, &m, &y, &n) != 3)
		return 0;
	if (s[n] && sscanf(s + n, " %d:%d", &h, &mi) != 2)
		return 0;
	if (!ymd_valid(y, m, d))
		return 0;
	return (double)(day_from_ymd(y, m, d) - day_from_ymd(1899, 12, 30)) + (h * 60 + mi) / 1440.0;
}

static int whole(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 15 || (s[0] == '0' && n > 1))
		return 0;
	return strspn(s, "0123456789") == n;
}

static void from_csv(const char *in, const char *out)
{
	FILE *f = fopen(in, "rb");
	zipFile z = zipOpen64(out, APPEND_STATUS_CREATE);
	if (!f || !z)
		die("cannot open the files");
	package(z);
	open_entry(z, "xl/worksheets/sheet1.xml", 0);
	puts_z(z, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	          "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
	strtab t = {0};
	char line[65536], cell[256];
	long row = 0;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (row == 0 && !memcmp(line, "\xEF\xBB\xBF", 3))
			memmove(line, line + 3, strlen(line + 3) + 1);
		row++;
		char buf[128];
		snprintf(buf, sizeof buf, "<row r=\"%ld\">", row);
		puts_z(z, buf);
		int col = 0;
		for (char *p = line; p;) {
			char *q = strchr(p, ';');
			if (q)
				*q = '\0';
			col++;
			/* a quoted field (no ';' inside, as mkdata writes them) */
			size_t n = strlen(p);
			if (n >= 2 && p[0] == '"' && p[n - 1] == '"') {
				p[n - 1] = '\0';
				p++;
			}
			char ref[16];
			col_name(col, ref);
			double v;
			if (!*p) {
				/* empty: no cell */
			} else if (row > 1 && (v = serial(p)) > 0) {
				snprintf(cell, sizeof cell, "<c r=\"%s%ld\" s=\"1\"><v>%.17g</v></c>", ref, row, v);
				puts_z(z, cell);
			} else if (row > 1 && whole(p)) {
				snprintf(cell, sizeof cell, "<c r=\"%s%ld\"><v>%s</v></c>", ref, row, p);
				puts_z(z, cell);
			} else {
				snprintf(cell, sizeof cell, "<c r=\"%s%ld\" t=\"s\"><v>%ld</v></c>", ref, row, intern(&t, p));
				puts_z(z, cell);
			}
			p = q ? q + 1 : NULL;
		}
		puts_z(z, "</row>");
	}
	puts_z(z, "</sheetData></worksheet>");
	if (zipCloseFileInZip(z) != ZIP_OK)
		die("cannot close the sheet");
	open_entry(z, "xl/sharedStrings.xml", 0);
	char head[200];
	snprintf(head, sizeof head,
	         "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	         "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" uniqueCount=\"%ld\">",
	         t.n);
	puts_z(z, head);
	for (long i = 0; i < t.n; i++) {
		puts_z(z, "<si><t>");
		xml_text(z, t.s[i]);
		puts_z(z, "</t></si>");
		free(t.s[i]);
	}
	puts_z(z, "</sst>");
	if (zipCloseFileInZip(z) != ZIP_OK || zipClose(z, NULL) != ZIP_OK)
		die("cannot finish the workbook");
	free(t.s);
	free(t.slot);
	fclose(f);
}

/* --- bomb ------------------------------------------------------------------------------------ */

/* Raw deflate of `in` ending in a full flush (or the final block). */
static unsigned char *deflate_part(z_stream *zs, const void *in, size_t n, int flush, size_t *outlen)
{
	size_t cap = n + 1024;
	unsigned char *out = malloc(cap);
	if (!out)
		die("out of memory");
	zs->next_in = (unsigned char *)in;
	zs->avail_in = (unsigned)n;
	zs->next_out = out;
	zs->avail_out = (unsigned)cap;
	int r = deflate(zs, flush);
	if (r != Z_OK && r != Z_STREAM_END)
		die("deflate");
	*outlen = cap - zs->avail_out;
	return out;
}

static void bomb(const char *out, int lie)
{
	zipFile z = zipOpen64(out, APPEND_STATUS_CREATE);
	if (!z)
		die("cannot open the file");
	package(z);
	part(z, "xl/worksheets/sheet1.xml",
	     "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
	     "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData></worksheet>");
	enum { MIB = 1 << 20 };
	static const char head[] = "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>";
	char *chunk = malloc(MIB);
	if (!chunk)
		die("out of memory");
	memset(chunk, 'A', MIB);
	z_stream zs;
	memset(&zs, 0, sizeof zs);
	if (deflateInit2(&zs, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK)
		die("deflateInit2");
	open_entry(z, "xl/sharedStrings.xml", 1);
	size_t n;
	unsigned char *d = deflate_part(&zs, head, sizeof head - 1, Z_FULL_FLUSH, &n);
	put(z, d, n);
	free(d);
	uLong crc = crc32(0, (const unsigned char *)head, sizeof head - 1);
	uLong crc_mib = crc32(0, (const unsigned char *)chunk, MIB);
	unsigned long long total = sizeof head - 1;
	unsigned char *block = deflate_part(&zs, chunk, MIB, Z_FULL_FLUSH, &n);
	long reps = 4095; /* 4 GB less a MiB: the sizes still fit 32 bits */
	for (long i = 0; i < reps; i++) {
		put(z, block, n);
		crc = crc32_combine(crc, crc_mib, MIB);
		total += MIB;
	}
	free(block);
	d = deflate_part(&zs, "", 0, Z_FINISH, &n);
	put(z, d, n);
	free(d);
	deflateEnd(&zs);
	if (zipCloseFileInZipRaw64(z, lie ? 100000 : total, crc) != ZIP_OK || zipClose(z, NULL) != ZIP_OK)
		die("cannot finish the workbook");
	free(chunk);
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "csv"))
		from_csv(argv[2], argv[3]);
	else if (argc == 3 && !strcmp(argv[1], "bomb"))
		bomb(argv[2], 0);
	else if (argc == 3 && !strcmp(argv[1], "bomb-lie"))
		bomb(argv[2], 1);
	else {
		fprintf(stderr, "usage: mkxlsx csv IN.csv OUT.xlsx | mkxlsx bomb OUT.xlsx | mkxlsx bomb-lie OUT.xlsx\n");
		return 2;
	}
	return 0;
}
