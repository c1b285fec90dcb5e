/* The workbook reader: cell types, date systems, shared and inline strings, formulas, the
 * header row, sheets, messages, and hostile workbooks. The workbooks are made here, part by
 * part, with a small zip writer, so each case shows the XML it is about. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <zlib.h>

#include "base/util.h"
#include "helpers.h"
#include "load/xlsxread.h"

/* --- a zip writer ---------------------------------------------------------------------------- */

typedef struct {
	const char *name;
	const char *data;
	size_t len;         /* 0: strlen(data) */
	int deflate;
	unsigned flag;      /* general purpose flag (1: encrypted) */
	long long usize;    /* the uncompressed size to declare; 0: the real one */
} zpart;

static void le16(buf_t *b, unsigned v)
{
	unsigned char c[2] = {(unsigned char)v, (unsigned char)(v >> 8)};
	buf_add(b, c, 2);
}

static void le32(buf_t *b, unsigned long v)
{
	unsigned char c[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16), (unsigned char)(v >> 24)};
	buf_add(b, c, 4);
}

static void raw_deflate(const char *in, size_t n, buf_t *out)
{
	z_stream z = {0};
	if (deflateInit2(&z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK)
		abort();
	size_t cap = deflateBound(&z, n) + 16;
	unsigned char *o = xmalloc(cap);
	z.next_in = (unsigned char *)in;
	z.avail_in = (unsigned)n;
	z.next_out = o;
	z.avail_out = (unsigned)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		abort();
	buf_add(out, o, z.total_out);
	deflateEnd(&z);
	free(o);
}

static char *make_zip(const zpart *p, int n, size_t *len)
{
	buf_t z = {0}, cd = {0};
	for (int i = 0; i < n; i++) {
		size_t ul = p[i].len ? p[i].len : strlen(p[i].data);
		buf_t data = {0};
		if (p[i].deflate)
			raw_deflate(p[i].data, ul, &data);
		else
			buf_add(&data, p[i].data, ul);
		unsigned long crc = crc32(0, (const unsigned char *)p[i].data, (unsigned)ul);
		unsigned long declared = p[i].usize ? (unsigned long)p[i].usize : (unsigned long)ul;
		size_t off = z.len;
		size_t nl = strlen(p[i].name);
		le32(&z, 0x04034b50);
		le16(&z, 20);
		le16(&z, p[i].flag);
		le16(&z, p[i].deflate ? 8 : 0);
		le16(&z, 0);
		le16(&z, 0x21);
		le32(&z, crc);
		le32(&z, data.len);
		le32(&z, declared);
		le16(&z, (unsigned)nl);
		le16(&z, 0);
		buf_add(&z, p[i].name, nl);
		buf_add(&z, data.s ? data.s : "", data.len);
		le32(&cd, 0x02014b50);
		le16(&cd, 20);
		le16(&cd, 20);
		le16(&cd, p[i].flag);
		le16(&cd, p[i].deflate ? 8 : 0);
		le16(&cd, 0);
		le16(&cd, 0x21);
		le32(&cd, crc);
		le32(&cd, data.len);
		le32(&cd, declared);
		le16(&cd, (unsigned)nl);
		le16(&cd, 0);
		le16(&cd, 0);
		le16(&cd, 0);
		le16(&cd, 0);
		le32(&cd, 0);
		le32(&cd, off);
		buf_add(&cd, p[i].name, nl);
		buf_free(&data);
	}
	size_t cdoff = z.len;
	buf_add(&z, cd.s, cd.len);
	le32(&z, 0x06054b50);
	le16(&z, 0);
	le16(&z, 0);
	le16(&z, (unsigned)n);
	le16(&z, (unsigned)n);
	le32(&z, cd.len);
	le32(&z, cdoff);
	le16(&z, 0);
	buf_free(&cd);
	*len = z.len;
	return buf_take(&z);
}

/* --- a workbook ------------------------------------------------------------------------------ */

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define RNS "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define RT "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

static const char ROOT_RELS[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"" RT "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";

static const char WB_RELS[] =
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"" RT "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"" RT "worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"" RT "sharedStrings\" Target=\"sharedStrings.xml\"/>"
	"<Relationship Id=\"rId4\" Type=\"" RT "styles\" Target=\"styles.xml\"/></Relationships>";

/* styles: 0 general, 1 built-in date (14), 2 custom date and time, 3 custom time, 4 a number
 * with a literal "d" in quotes (no date), 5 [h]:mm (a duration), 6 a date in red */
static const char STYLES[] =
	"<styleSheet " NS "><numFmts count=\"5\">"
	"<numFmt numFmtId=\"164\" formatCode=\"dd\\-mm\\-yyyy\\ hh:mm\"/>"
	"<numFmt numFmtId=\"165\" formatCode=\"h:mm\"/>"
	"<numFmt numFmtId=\"166\" formatCode=\"0.0&quot; d&quot;\"/>"
	"<numFmt numFmtId=\"167\" formatCode=\"[h]:mm\"/>"
	"<numFmt numFmtId=\"168\" formatCode=\"[Red][$-413]d\\ mmmm\\ yyyy;@\"/></numFmts>"
	"<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
	"<cellXfs count=\"7\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/>"
	"<xf numFmtId=\"166\"/><xf numFmtId=\"167\"/><xf numFmtId=\"168\"/></cellXfs></styleSheet>";

typedef struct {
	const char *sheet1, *sheet2;  /* the <sheetData> content */
	const char *sst;              /* the <sst> content, or NULL: no part */
	const char *sheets;           /* the <sheets> content; NULL: Blad1 and Blad2 */
	const char *workbook_pr;      /* e.g. <workbookPr date1904="1"/> */
	int deflate;
} book;

static char *make_book(const book *b, size_t *len)
{
	char *wb = xasprintf("<workbook " NS " " RNS ">%s<sheets>%s</sheets></workbook>",
	                     b->workbook_pr ? b->workbook_pr : "",
	                     b->sheets ? b->sheets
	                               : "<sheet name=\"Blad1\" sheetId=\"1\" r:id=\"rId1\"/>"
	                                 "<sheet name=\"Blad2\" sheetId=\"2\" r:id=\"rId2\"/>");
	char *s1 = xasprintf("<worksheet " NS "><dimension ref=\"A1\"/><sheetData>%s</sheetData><pageMargins/></worksheet>",
	                     b->sheet1 ? b->sheet1 : "");
	char *s2 = xasprintf("<worksheet " NS "><sheetData>%s</sheetData></worksheet>", b->sheet2 ? b->sheet2 : "");
	char *sst = b->sst ? xasprintf("<sst " NS ">%s</sst>", b->sst) : NULL;
	zpart p[] = {
		{"[Content_Types].xml", "<Types/>", 0, b->deflate, 0, 0},
		{"_rels/.rels", ROOT_RELS, 0, b->deflate, 0, 0},
		{"xl/workbook.xml", wb, 0, b->deflate, 0, 0},
		{"xl/_rels/workbook.xml.rels", WB_RELS, 0, b->deflate, 0, 0},
		{"xl/styles.xml", STYLES, 0, b->deflate, 0, 0},
		{"xl/worksheets/sheet1.xml", s1, 0, b->deflate, 0, 0},
		{"xl/worksheets/sheet2.xml", s2, 0, b->deflate, 0, 0},
		{"xl/sharedStrings.xml", sst, 0, b->deflate, 0, 0},
	};
	char *z = make_zip(p, sst ? 8 : 7, len);
	free(wb);
	free(s1);
	free(s2);
	free(sst);
	return z;
}

/* --- reading --------------------------------------------------------------------------------- */

typedef struct {
	buf_t out;     /* "line|v1|v2|v3\n" per row */
	int reject;    /* report column 1 of every row as no date */
} rows;

static int collect(void *ctx, const csv_row *r)
{
	rows *rs = ctx;
	buf_printf(&rs->out, "%ld", r->line);
	for (int i = 0; i < 3; i++)
		buf_printf(&rs->out, "|%s", r->val[i]);
	buf_putc(&rs->out, '\n');
	assert_int_equal(r->dot_is_thousands, 0);
	if (rs->reject)
		csv_row_error(r, 1, "kolom 'aangemaakt': '%s' is geen datum", r->val[1]);
	return 0;
}

static const char *const COLS[] = {"team", "aangemaakt", "teruggebeld"};
/* what the data loader says about a missing column: who reads it and the ways out */
static const char *const USED[] = {NULL, NULL, "Kpi 'x' leest die kolom (content/a.md:3)"};

static int read_bytes(const char *data, size_t len, const char *sheet, int header, rows *rs, captured *c,
                      csv_info *info)
{
	char *p = tmpfile_with(data, len);
	int rv = xlsx_read(p, "data/t.xlsx", sheet, header, COLS, USED, 3, collect, rs, &c->d, info);
	unlink(p);
	free(p);
	return rv;
}

static int read_book(const book *b, const char *sheet, int header, rows *rs, captured *c)
{
	size_t len;
	char *z = make_book(b, &len);
	csv_info info;
	int rv = read_bytes(z, len, sheet, header, rs, c, &info);
	free(z);
	return rv;
}

#define HEADER_SST "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>" \
	"<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c></row>"
#define SST_HEAD "<si><t>Team</t></si><si><t>Naam klant</t></si><si><t>Aangemaakt</t></si><si><t>Terug gebeld</t></si>"

/* --- tests ----------------------------------------------------------------------------------- */

static void test_plain_number(void **st)
{
	(void)st;
	static const char *const cases[][2] = {
		{"45321.5", "45321.5"}, {"-1E-3", "-0.001"}, {"1.5E+20", "150000000000000000000"}, {"7", "7"},
		{"0.30000000000000004", "0.30000000000000004"}, {"1e2", "100"}, {"000120.500", "120.5"}, {"-0", "0"},
		{"2.5E-1", "0.25"}, {"+3", "3"}, {"6.7", "6.7"}, {"1234567.0", "1234567"}};
	char out[1100];
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		assert_int_equal(xlsx_plain_number(cases[i][0], strlen(cases[i][0]), out, sizeof out), 0);
		assert_string_equal(out, cases[i][1]);
	}
	static const char *const bad[] = {"", "abc", "1e", "1e999", "1.2.3", "--1", "1,5", "e5", "."};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (xlsx_plain_number(bad[i], strlen(bad[i]), out, sizeof out) == 0)
			fail_msg("'%s' should not be a number", bad[i]);
}

static void test_format_kind(void **st)
{
	(void)st;
	assert_int_equal(xlsx_format_kind(0, NULL), XLSX_NUMBER);
	assert_int_equal(xlsx_format_kind(14, NULL), XLSX_DATE);
	assert_int_equal(xlsx_format_kind(20, NULL), XLSX_TIME);
	assert_int_equal(xlsx_format_kind(22, NULL), XLSX_DATETIME);
	assert_int_equal(xlsx_format_kind(46, NULL), XLSX_NUMBER); /* [h]:mm:ss, a duration */
	assert_int_equal(xlsx_format_kind(164, "dd\\-mm\\-yyyy\\ hh:mm"), XLSX_DATETIME);
	assert_int_equal(xlsx_format_kind(164, "d-m-yyyy"), XLSX_DATE);
	assert_int_equal(xlsx_format_kind(164, "mmm"), XLSX_DATE);
	assert_int_equal(xlsx_format_kind(164, "h:mm"), XLSX_TIME);
	assert_int_equal(xlsx_format_kind(164, "[h]:mm"), XLSX_NUMBER);
	assert_int_equal(xlsx_format_kind(164, "0.0\" dagen\""), XLSX_NUMBER);
	assert_int_equal(xlsx_format_kind(164, "General"), XLSX_NUMBER);
	assert_int_equal(xlsx_format_kind(164, "0.00E+00"), XLSX_NUMBER);
	assert_int_equal(xlsx_format_kind(164, "[Red][$-413]d mmmm yyyy;@"), XLSX_DATE);
	assert_int_equal(xlsx_format_kind(164, "#,##0;[Red]-#,##0"), XLSX_NUMBER);
	assert_int_equal(xlsx_format_kind(164, "_-* #,##0.00_-"), XLSX_NUMBER);
}

static void test_serial(void **st)
{
	(void)st;
	char s[64];
	/* the 1900 system, with Lotus's 29 February 1900 */
	assert_int_equal(xlsx_serial_text(1, 0, XLSX_DATE, s, sizeof s), 0);
	assert_string_equal(s, "1900-01-01");
	assert_int_equal(xlsx_serial_text(59, 0, XLSX_DATE, s, sizeof s), 0);
	assert_string_equal(s, "1900-02-28");
	assert_int_equal(xlsx_serial_text(60, 0, XLSX_DATE, s, sizeof s), 0);
	assert_string_equal(s, "1900-02-29"); /* no such day: the loader says so */
	assert_int_equal(xlsx_serial_text(61, 0, XLSX_DATE, s, sizeof s), 0);
	assert_string_equal(s, "1900-03-01");
	assert_int_equal(xlsx_serial_text(45566, 0, XLSX_DATE, s, sizeof s), 0);
	assert_string_equal(s, "2024-10-01");
	/* 09:15 is stored as a binary fraction: rounded to the second */
	assert_int_equal(xlsx_serial_text(45566.385416666664, 0, XLSX_DATETIME, s, sizeof s), 0);
	assert_string_equal(s, "2024-10-01 09:15");
	assert_int_equal(xlsx_serial_text(45566.385416666664, 0, XLSX_DATE, s, sizeof s), 0);
	assert_string_equal(s, "2024-10-01");
	assert_int_equal(xlsx_serial_text(45566.99999999, 0, XLSX_DATETIME, s, sizeof s), 0);
	assert_string_equal(s, "2024-10-02 00:00");
	assert_int_equal(xlsx_serial_text(45566.99999999, 0, XLSX_DATE, s, sizeof s), 0);
	assert_string_equal(s, "2024-10-01");
	assert_int_equal(xlsx_serial_text(45566.5 + 7.0 / 86400, 0, XLSX_DATETIME, s, sizeof s), 0);
	assert_string_equal(s, "2024-10-01 12:00:07");
	assert_int_equal(xlsx_serial_text(0.75, 0, XLSX_TIME, s, sizeof s), 0);
	assert_string_equal(s, "18:00");
	assert_int_equal(xlsx_serial_text(0, 0, XLSX_DATE, s, sizeof s), 0);
	assert_string_equal(s, "1900-01-00"); /* Excel's day 0 */
	/* the 1904 system (Excel for Mac before 2011) */
	assert_int_equal(xlsx_serial_text(0, 1, XLSX_DATE, s, sizeof s), 0);
	assert_string_equal(s, "1904-01-01");
	assert_int_equal(xlsx_serial_text(44104, 1, XLSX_DATE, s, sizeof s), 0);
	assert_string_equal(s, "2024-10-01");
	assert_int_equal(xlsx_serial_text(2958465, 0, XLSX_DATE, s, sizeof s), 0);
	assert_string_equal(s, "9999-12-31");
	assert_int_equal(xlsx_serial_text(2958466, 0, XLSX_DATE, s, sizeof s), -1);
	assert_int_equal(xlsx_serial_text(-1, 0, XLSX_DATE, s, sizeof s), -1);
}

static void test_cell_types(void **st)
{
	(void)st;
	/* shared strings (one in runs, with a phonetic reading that is not text), inline strings,
	 * numbers, booleans, errors, formulas with their cached values, text that looks like a
	 * number; the name column (B) is never handed over */
	book b = {0};
	b.sst = SST_HEAD "<si><r><t>W</t></r><r><rPr/><t xml:space=\"preserve\">IL </t></r><rPh><t>x</t></rPh></si>"
	        "<si><t>Geheime Naam</t></si><si><t>0123</t></si><si><t>A_x000D_B</t></si>";
	b.sheet1 = HEADER_SST
	    "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>4</v></c><c r=\"B2\" t=\"s\"><v>5</v></c>"
	    "<c r=\"C2\" s=\"1\"><v>45566</v></c><c r=\"D2\" s=\"2\"><v>45567.385416666664</v></c></row>"
	    "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>VTH</t></is></c><c r=\"B3\" t=\"inlineStr\"><is><t>Geheim</t></is></c>"
	    "<c r=\"C3\" t=\"str\"><f>B3</f><v>2024-10-02</v></c><c r=\"D3\" s=\"2\"><f>C3+1</f><v>45568</v></c></row>"
	    "<row r=\"4\"><c r=\"A4\" t=\"s\"><v>6</v></c><c r=\"C4\"><v>1.5E+1</v></c><c r=\"D4\" t=\"b\"><v>1</v></c></row>"
	    "<row r=\"5\"><c r=\"A5\"><v>42</v></c><c r=\"C5\" t=\"e\"><v>#N/A</v></c><c r=\"D5\" t=\"d\"><v>2024-10-03T08:30:00Z</v></c></row>"
	    "<row r=\"6\"><c r=\"A6\" t=\"s\"><v>7</v></c><c r=\"C6\" s=\"4\"><v>2.5</v></c><c r=\"D6\" s=\"5\"><v>1.25</v></c></row>"
	    "<row r=\"7\"><c r=\"C7\" s=\"6\"><v>45566</v></c><c r=\"D7\" s=\"3\"><v>0.5</v></c></row>"
	    "<row r=\"8\"><c r=\"A8\" s=\"1\"/><c r=\"B8\" t=\"s\"><v>5</v></c></row>" /* only a name */
	    "<row r=\"9\" spans=\"1:4\" ht=\"15\"/>" /* formatting only: skipped */
	    "<row r=\"10\"><c r=\"A10\" s=\"1\"/></row>";
	rows rs = {0};
	captured c;
	cap_open(&c);
	assert_int_equal(read_book(&b, NULL, 0, &rs, &c), 0);
	assert_string_equal(rs.out.s, "2|WIL |2024-10-01|2024-10-02 09:15\n"
	                              "3|VTH|2024-10-02|2024-10-03 00:00\n"
	                              "4|0123|15|WAAR\n"
	                              "5|42|#N/A|2024-10-03 08:30\n"
	                              "6|A\rB|2.5|1.25\n"
	                              "7||2024-10-01|12:00\n"
	                              "8|||\n");
	assert_string_equal(cap_text(&c), "");
	assert_null(strstr(rs.out.s, "Geheim"));
	buf_free(&rs.out);
	cap_close(&c);
}

static void test_date1904_and_header_below_title(void **st)
{
	(void)st;
	/* a title above the header, an empty row, column names in inline strings and in a
	 * different case and spelling; the 1904 date system */
	book b = {0};
	b.workbook_pr = "<workbookPr date1904=\"true\"/>";
	b.sheet1 = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Export terugbelverzoeken 2024</t></is></c></row>"
	           "<row r=\"3\"><c r=\"B3\" t=\"inlineStr\"><is><t>TEAM</t></is></c>"
	           "<c r=\"C3\" t=\"inlineStr\"><is><t>Aan gemaakt</t></is></c>"
	           "<c r=\"D3\" t=\"inlineStr\"><is><t>terug_gebeld</t></is></c></row>"
	           "<row r=\"4\"><c r=\"B4\" t=\"inlineStr\"><is><t>WIL</t></is></c><c r=\"C4\" s=\"1\"><v>44104</v></c></row>";
	rows rs = {0};
	captured c;
	cap_open(&c);
	assert_int_equal(read_book(&b, NULL, 0, &rs, &c), 0);
	assert_string_equal(rs.out.s, "4|WIL|2024-10-01|\n");
	assert_string_equal(cap_text(&c), "");
	buf_free(&rs.out);
	cap_close(&c);
	/* the same with the header row stated */
	memset(&rs, 0, sizeof rs);
	cap_open(&c);
	assert_int_equal(read_book(&b, NULL, 3, &rs, &c), 0);
	assert_string_equal(rs.out.s, "4|WIL|2024-10-01|\n");
	buf_free(&rs.out);
	cap_close(&c);
	/* a wrong row stated: the names it has are shown */
	memset(&rs, 0, sizeof rs);
	cap_open(&c);
	assert_int_equal(read_book(&b, NULL, 1, &rs, &c), -1);
	/* (a row with a long number, such as a year, may be data: its cells are not shown) */
	assert_string_equal(cap_text(&c),
	                    "data/t.xlsx:1: fout: kolom 'team' ontbreekt in de kopregel (rij 1 van blad Blad1)\n"
	                    "data/t.xlsx:1: fout: kolom 'aangemaakt' ontbreekt in de kopregel (rij 1 van blad Blad1)\n"
	                    "data/t.xlsx:1: fout: kolom 'teruggebeld' ontbreekt in de kopregel (rij 1 van blad Blad1). Kpi "
	                    "'x' leest die kolom (content/a.md:3)\n");
	buf_free(&rs.out);
	cap_close(&c);
	/* an empty row stated */
	memset(&rs, 0, sizeof rs);
	cap_open(&c);
	assert_int_equal(read_book(&b, NULL, 2, &rs, &c), -1);
	assert_string_equal(cap_text(&c), "data/t.xlsx:2: fout: rij 2 van blad Blad1 is leeg, maar 'kopregel' zegt dat daar "
	                                  "de namen van de kolommen staan\n");
	buf_free(&rs.out);
	cap_close(&c);
}

static void test_missing_column(void **st)
{
	(void)st;
	book b = {0};
	b.sst = "<si><t>Team</t></si><si><t>Aangemaakt</t></si><si><t>Terug gebeld op</t></si><si><t>Naam klant</t></si>"
	        "<si><t>Geheime Naam</t></si>";
	b.sheet1 = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c>"
	           "<c r=\"D1\" t=\"s\"><v>3</v></c></row><row r=\"2\"><c r=\"D2\" t=\"s\"><v>4</v></c></row>";
	rows rs = {0};
	captured c;
	cap_open(&c);
	assert_int_equal(read_book(&b, NULL, 0, &rs, &c), -1);
	assert_string_equal(cap_text(&c),
	                    "data/t.xlsx:1: fout: kolom 'teruggebeld' ontbreekt in de kopregel (rij 1 van blad Blad1). De "
	                    "kopregel heeft 'Team', 'Aangemaakt', 'Terug gebeld op', 'Naam klant'. Kpi 'x' leest die kolom "
	                    "(content/a.md:3)\n");
	assert_null(rs.out.s);
	buf_free(&rs.out);
	cap_close(&c);
	/* no header at all in the first rows: a row of data is never shown */
	b.sst = "<si><t>jan@example.nl</t></si>";
	b.sheet1 = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\"><v>612345678</v></c></row>";
	cap_open(&c);
	assert_int_equal(read_book(&b, NULL, 0, &rs, &c), -1);
	assert_null(strstr(cap_text(&c), "example"));
	assert_null(strstr(cap_text(&c), "612345678"));
	assert_non_null(strstr(cap_text(&c), "data/t.xlsx: fout: kolom 'team' staat niet in de eerste 20 rijen van blad "
	                                     "Blad1. Staan de namen van de kolommen lager, zet dan bij de kpi 'kopregel'"));
	buf_free(&rs.out);
	cap_close(&c);
	/* an empty sheet, and one whose header lies below row 20 */
	b.sheet1 = "";
	cap_open(&c);
	assert_int_equal(read_book(&b, NULL, 0, &rs, &c), -1);
	assert_string_equal(cap_text(&c), "data/t.xlsx: fout: blad Blad1 is leeg; er is geen kopregel\n");
	cap_close(&c);
	b.sheet1 = "<row r=\"25\"><c r=\"A25\" t=\"s\"><v>0</v></c></row>";
	cap_open(&c);
	assert_int_equal(read_book(&b, NULL, 0, &rs, &c), -1);
	assert_string_equal(cap_text(&c), "data/t.xlsx: fout: de eerste 20 rijen van blad Blad1 zijn leeg. Staan de namen van "
	                                  "de kolommen lager, zet dan bij de kpi 'kopregel' met het nummer van die rij\n");
	cap_close(&c);
	/* only a header */
	b.sst = SST_HEAD;
	b.sheet1 = HEADER_SST;
	cap_open(&c);
	assert_int_equal(read_book(&b, NULL, 0, &rs, &c), 0);
	assert_string_equal(cap_text(&c), "data/t.xlsx: waarschuwing: blad Blad1 heeft alleen een kopregel en geen gegevens\n");
	cap_close(&c);
	buf_free(&rs.out);
}

static void test_sheets(void **st)
{
	(void)st;
	book b = {0};
	b.sst = SST_HEAD "<si><t>WIL</t></si>";
	b.sheet1 = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Toelichting</t></is></c></row>";
	b.sheet2 = HEADER_SST "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>4</v></c><c r=\"C2\" s=\"1\"><v>45566</v></c></row>";
	b.sheets = "<sheet name=\"Uitleg\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"Mijn blad\" sheetId=\"2\" r:id=\"rId2\"/>";
	rows rs = {0};
	captured c;
	cap_open(&c);
	assert_int_equal(read_book(&b, "mijn BLAD", 0, &rs, &c), 0);
	assert_string_equal(rs.out.s, "2|WIL|2024-10-01|\n");
	buf_free(&rs.out);
	cap_close(&c);
	/* the cell in a message: 'Mijn blad'!B2, with row and column as line and column */
	memset(&rs, 0, sizeof rs);
	rs.reject = 1;
	cap_open(&c);
	assert_int_equal(read_book(&b, "Mijn blad", 0, &rs, &c), -1);
	assert_string_equal(cap_text(&c), "data/t.xlsx:2:3: fout: cel 'Mijn blad'!C2: kolom 'aangemaakt': '2024-10-01' is "
	                                  "geen datum\n");
	buf_free(&rs.out);
	cap_close(&c);
	/* a sheet that is not there: the sheets that are */
	memset(&rs, 0, sizeof rs);
	cap_open(&c);
	assert_int_equal(read_book(&b, "Blad3", 0, &rs, &c), -1);
	assert_string_equal(cap_text(&c), "data/t.xlsx: fout: blad 'Blad3' staat niet in de werkmap (zie 'blad' bij de kpi); "
	                                  "de werkmap heeft de bladen 'Uitleg', 'Mijn blad'\n");
	cap_close(&c);
	/* without 'blad': the first sheet that is not hidden */
	b.sheets = "<sheet name=\"Uitleg\" sheetId=\"1\" state=\"hidden\" r:id=\"rId1\"/>"
	           "<sheet name=\"Gegevens\" sheetId=\"2\" r:id=\"rId2\"/>";
	cap_open(&c);
	assert_int_equal(read_book(&b, NULL, 0, &rs, &c), 0);
	assert_string_equal(rs.out.s, "2|WIL|2024-10-01|\n");
	cap_close(&c);
	buf_free(&rs.out);
}

static void test_cell_problems(void **st)
{
	(void)st;
	/* a formula that was never calculated, a shared string that is not there, a number in
	 * a date column without a date format: each row is refused with the cell named, and no
	 * value of another column is quoted */
	book b = {0};
	b.sst = SST_HEAD "<si><t>WIL</t></si><si><t>Geheime Naam</t></si>";
	b.sheet1 = HEADER_SST
	    "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>4</v></c><c r=\"B2\" t=\"s\"><v>5</v></c><c r=\"C2\" s=\"1\"><f>TODAY()</f></c></row>"
	    "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>99</v></c><c r=\"C3\" s=\"1\"><v>45566</v></c></row>"
	    "<row r=\"4\"><c r=\"A4\" t=\"b\"><v>7</v></c><c r=\"C4\" s=\"1\"><v>45566</v></c></row>"
	    "<row r=\"5\"><c r=\"A5\" t=\"s\"><v>4</v></c><c r=\"C5\"><v>45566</v></c></row>"
	    "<row r=\"6\"><c r=\"A6\" t=\"s\"><v>4</v></c><c r=\"C6\"><v>45566</v></c><c r=\"D6\"><f>C6+1</f><v></v></c></row>";
	rows rs = {0};
	rs.reject = 1;
	captured c;
	cap_open(&c);
	assert_int_equal(read_book(&b, NULL, 0, &rs, &c), -1);
	assert_string_equal(cap_text(&c),
	                    "data/t.xlsx:2:3: fout: cel Blad1!C2: kolom 'aangemaakt': de formule in deze cel heeft geen "
	                    "berekende uitkomst; open de werkmap in Excel, laat hem rekenen en sla hem op\n"
	                    "data/t.xlsx:3:1: fout: cel Blad1!A3: kolom 'team': de cel verwijst naar een tekst die niet in de "
	                    "werkmap staat; de werkmap is beschadigd\n"
	                    "data/t.xlsx:4:1: fout: cel Blad1!A4: kolom 'team': de waarde in deze cel klopt niet met haar "
	                    "celtype; de werkmap is beschadigd\n"
	                    "data/t.xlsx:5:3: fout: cel Blad1!C5: kolom 'aangemaakt': '45566' is geen datum. In de werkmap is "
	                    "dit een getal zonder datumopmaak: geef de kolom in Excel de opmaak Datum\n"
	                    "data/t.xlsx:6:4: fout: cel Blad1!D6: kolom 'teruggebeld': de formule in deze cel heeft geen "
	                    "berekende uitkomst; open de werkmap in Excel, laat hem rekenen en sla hem op\n");
	assert_string_equal(rs.out.s, "5|WIL|45566|\n");
	buf_free(&rs.out);
	cap_close(&c);
}

static void test_not_a_workbook(void **st)
{
	(void)st;
	rows rs = {0};
	captured c;
	csv_info info;
	/* a workbook with a password, and the old .xls format: both OLE compound files */
	char ole[4096] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
	memcpy(ole + 3000, "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0", 32);
	cap_open(&c);
	assert_int_equal(read_bytes(ole, sizeof ole, NULL, 0, &rs, &c, &info), -1);
	assert_string_equal(cap_text(&c), "data/t.xlsx: fout: de werkmap is beveiligd met een wachtwoord; meetlat kan hem "
	                                  "niet openen. Sla in Excel een kopie op zonder wachtwoord en zet die hier neer\n");
	cap_close(&c);
	memset(ole + 3000, 0, 32);
	cap_open(&c);
	assert_int_equal(read_bytes(ole, sizeof ole, NULL, 0, &rs, &c, &info), -1);
	assert_string_equal(cap_text(&c), "data/t.xlsx: fout: dit is een Excel-bestand in het oude formaat (.xls). Open het in "
	                                  "Excel en sla het op als 'Excel-werkmap (.xlsx)'\n");
	cap_close(&c);
	/* a CSV file with the wrong name, something else, nothing */
	static const char text[] = "team;aangemaakt\nWIL;1-1-2024\n";
	cap_open(&c);
	assert_int_equal(read_bytes(text, sizeof text - 1, NULL, 0, &rs, &c, &info), -1);
	assert_string_equal(cap_text(&c), "data/t.xlsx: fout: dit is geen Excel-werkmap maar lijkt een tekstbestand (CSV); "
	                                  "geef het bestand de naam met .csv\n");
	cap_close(&c);
	cap_open(&c);
	assert_int_equal(read_bytes("\x89PNG\r\n\x1a\n", 8, NULL, 0, &rs, &c, &info), -1);
	assert_non_null(strstr(cap_text(&c), "dit is geen Excel-werkmap (.xlsx)"));
	cap_close(&c);
	cap_open(&c);
	assert_int_equal(read_bytes("", 0, NULL, 0, &rs, &c, &info), -1);
	assert_string_equal(cap_text(&c), "data/t.xlsx: fout: het bestand is leeg\n");
	cap_close(&c);
	/* a folder */
	char dir[] = "/tmp/meetlat-test-XXXXXX";
	assert_non_null(mkdtemp(dir));
	cap_open(&c);
	assert_int_equal(xlsx_read(dir, "data/t.xlsx", NULL, 0, COLS, NULL, 3, collect, &rs, &c.d, &info), -1);
	assert_non_null(strstr(cap_text(&c), "is geen gewoon bestand"));
	cap_close(&c);
	rmdir(dir);
	buf_free(&rs.out);
}

static void expect_refused(const zpart *p, int n, const char *want)
{
	size_t len;
	char *z = make_zip(p, n, &len);
	rows rs = {0};
	captured c;
	csv_info info;
	cap_open(&c);
	assert_int_equal(read_bytes(z, len, NULL, 0, &rs, &c, &info), -1);
	if (!strstr(cap_text(&c), want))
		fail_msg("expected '%s' in: %s", want, cap_text(&c));
	assert_null(rs.out.s);
	cap_close(&c);
	free(z);
}

static void test_hostile(void **st)
{
	(void)st;
	static const char wb[] = "<workbook " NS " " RNS "><sheets><sheet name=\"Blad1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
	static const char ok_sheet[] = "<worksheet " NS "><sheetData/></worksheet>";
	/* a part that unpacks 1.000 times larger: a zip bomb */
	size_t big = 8u << 20;
	char *zeros = xcalloc(1, big);
	memset(zeros, ' ', big);
	zpart bomb[] = {{"_rels/.rels", ROOT_RELS, 0, 0, 0, 0}, {"xl/workbook.xml", wb, 0, 0, 0, 0},
	                {"xl/_rels/workbook.xml.rels", WB_RELS, 0, 0, 0, 0},
	                {"xl/worksheets/sheet1.xml", ok_sheet, 0, 0, 0, 0},
	                {"xl/sharedStrings.xml", zeros, big, 1, 0, 0}};
	bomb[3].data = "<worksheet " NS "><sheetData><row r=\"1\"><c t=\"s\"><v>0</v></c></row></sheetData></worksheet>";
	expect_refused(bomb, 5, "wordt bij uitpakken meer dan 250 keer zo groot");
	free(zeros);
	/* a declared size past the limit */
	bomb[4] = (zpart){"xl/sharedStrings.xml", "<sst/>", 0, 0, 0, 3LL << 30};
	expect_refused(bomb, 5, "is uitgepakt groter dan 512 MB");
	/* a size that lies the other way: the data stops where the size says */
	bomb[4] = (zpart){"xl/sharedStrings.xml", "<sst><si><t>Team</t></si></sst>", 0, 0, 0, 10};
	expect_refused(bomb, 5, "is geen goede XML");
	/* an encrypted part (ZIP's own password) */
	bomb[4] = (zpart){"xl/sharedStrings.xml", "<sst/>", 0, 0, 1, 0};
	expect_refused(bomb, 5, "de werkmap is versleuteld met een wachtwoord");
	/* a DTD (entities: a billion laughs) */
	bomb[4] = (zpart){"xl/sharedStrings.xml",
	                  "<!DOCTYPE sst [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
	                  "<sst><si><t>&b;</t></si></sst>",
	                  0, 0, 0, 0};
	expect_refused(bomb, 5, "bevat een DTD");
	/* nesting, a tag of 40 MB */
	buf_t deep = {0};
	for (int i = 0; i < 100; i++)
		buf_puts(&deep, "<a>");
	bomb[4] = (zpart){"xl/sharedStrings.xml", deep.s, 0, 0, 0, 0};
	expect_refused(bomb, 5, "is dieper genest dan 64 niveaus");
	buf_reset(&deep);
	buf_puts(&deep, "<sst x=\"");
	for (int i = 0; i < (40 << 20) / 8; i++)
		buf_puts(&deep, "xxxxxxxx");
	bomb[4] = (zpart){"xl/sharedStrings.xml", deep.s, 0, 0, 0, 0};
	expect_refused(bomb, 5, "bevat een te groot XML-element");
	buf_free(&deep);
	/* missing parts */
	expect_refused(bomb, 1, "het onderdeel 'xl/workbook.xml' ontbreekt");
	expect_refused(bomb, 2, "het onderdeel 'xl/_rels/workbook.xml.rels' ontbreekt");
	expect_refused(bomb, 3, "het onderdeel 'xl/worksheets/sheet1.xml' ontbreekt");
	expect_refused(bomb, 4, "het onderdeel 'xl/sharedStrings.xml' ontbreekt");
	/* rows and cells out of place, past Excel's last row and column */
	const char *sheets[][2] = {
		{"<row r=\"2\"/><row r=\"1\"/>", "rij 1 van blad Blad1 staat na rij 2"},
		{"<row r=\"1048577\"/>", "blad Blad1 heeft rijen na rij 1.048.576"},
		{"<row r=\"1\"><c r=\"XFE1\"/></row>", "cellen na kolom XFD"},
		{"<row r=\"1\"><c r=\"B1\"/><c r=\"A1\"/></row>", "cel A1 van blad Blad1 staat niet op zijn plaats"},
		{"<row r=\"x\"/>", "heeft geen goed rijnummer"},
		{"<row r=\"1\"><c r=\"1A\"/></row>", "heeft geen goede celnaam"},
		{"<row r=\"1\"><c r=\"A1\" t=\"q\"><v>1</v></c></row>", "heeft een onbekend celtype"},
		{"<c r=\"A1\"/>", "heeft een cel buiten een rij"},
		{"<row r=\"1\"><c r=\"A1\"><v>1</v></c>", "is geen goede XML"},
	};
	for (size_t i = 0; i < sizeof sheets / sizeof *sheets; i++) {
		char *s = xasprintf("<worksheet " NS "><sheetData>%s</sheetData></worksheet>", sheets[i][0]);
		bomb[3].data = s;
		expect_refused(bomb, 4, sheets[i][1]);
		free(s);
	}
	/* a damaged zip: cut short */
	size_t len;
	bomb[3].data = ok_sheet;
	char *z = make_zip(bomb, 4, &len);
	rows rs = {0};
	captured c;
	csv_info info;
	cap_open(&c);
	assert_int_equal(read_bytes(z, len - 30, NULL, 0, &rs, &c, &info), -1);
	assert_non_null(strstr(cap_text(&c), "de werkmap is beschadigd"));
	cap_close(&c);
	free(z);
}

static void test_deflated_and_many_rows(void **st)
{
	(void)st;
	/* 20.000 rows, compressed, with a name column in the shared strings: every row comes
	 * through, and the names are not kept */
	buf_t sheet = {0}, sst = {0};
	buf_puts(&sst, SST_HEAD "<si><t>WIL</t></si><si><t>VTH</t></si>");
	buf_puts(&sheet, HEADER_SST);
	for (int i = 2; i <= 20001; i++) {
		buf_printf(&sst, "<si><t>Geheime Naam %d</t></si>", i);
		buf_printf(&sheet,
		           "<row r=\"%d\"><c r=\"A%d\" t=\"s\"><v>%d</v></c><c r=\"B%d\" t=\"s\"><v>%d</v></c>"
		           "<c r=\"C%d\" s=\"2\"><v>%d.5</v></c></row>",
		           i, i, 4 + i % 2, i, 4 + i, i, 45000 + i % 300);
	}
	book b = {0};
	b.sst = sst.s;
	b.sheet1 = sheet.s;
	b.deflate = 1;
	rows rs = {0};
	captured c;
	cap_open(&c);
	assert_int_equal(read_book(&b, NULL, 0, &rs, &c), 0);
	assert_string_equal(cap_text(&c), "");
	size_t lines = 0;
	for (size_t i = 0; i < rs.out.len; i++)
		lines += rs.out.s[i] == '\n';
	assert_int_equal(lines, 20000);
	assert_non_null(strstr(rs.out.s, "\n20001|VTH|2023-10-02 12:00|\n"));
	assert_null(strstr(rs.out.s, "Geheim"));
	buf_free(&rs.out);
	buf_free(&sheet);
	buf_free(&sst);
	cap_close(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_number),     cmocka_unit_test(test_format_kind),
		cmocka_unit_test(test_serial),           cmocka_unit_test(test_cell_types),
		cmocka_unit_test(test_date1904_and_header_below_title), cmocka_unit_test(test_missing_column),
		cmocka_unit_test(test_sheets),           cmocka_unit_test(test_cell_problems),
		cmocka_unit_test(test_not_a_workbook),   cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_deflated_and_many_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
