/* The CSV reader and every quirk of the input contract. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <sys/stat.h>

#include "load/csvread.h"
#include "helpers.h"
#include "base/util.h"

typedef struct {
	buf_t out;   /* "line|v1|v2\n" per row */
} rows;

static int collect(void *ctx, const csv_row *r)
{
	rows *rs = ctx;
	buf_printf(&rs->out, "%ld", r->line);
	for (int i = 0; i < 3 && r->val[i]; i++)
		buf_printf(&rs->out, "|%s", r->val[i]);
	buf_putc(&rs->out, '\n');
	return 0;
}

static const char *const COLS[] = {"team", "aangemaakt", "teruggebeld"};

static int read_str(const char *data, size_t len, rows *rs, captured *c, csv_info *info)
{
	char *p = tmpfile_with(data, len);
	memset(rs, 0, sizeof *rs);
	int rv = csv_read(p, "t.csv", COLS, NULL, 3, collect, rs, NULL, &c->d, info);
	unlink(p);
	free(p);
	return rv;
}

static void test_semicolon_bom_crlf(void **st)
{
	(void)st;
	const char d[] = "\xEF\xBB\xBFTeam;Naam;Aangemaakt;Teruggebeld\r\nWIL;Jan de Vries;1-10-2024 09:15;\r\n"
	                 "VTH;Piet;2024-10-02;2024-10-03\r\n";
	rows rs;
	captured c;
	cap_open(&c);
	csv_info info;
	assert_int_equal(read_str(d, sizeof d - 1, &rs, &c, &info), 0);
	assert_string_equal(rs.out.s, "2|WIL|1-10-2024 09:15|\n3|VTH|2024-10-02|2024-10-03\n");
	assert_int_equal(info.delim, ';');
	assert_int_equal(info.rows, 2);
	assert_false(info.cp1252);
	/* the unused column never reaches the caller */
	assert_null(strstr(rs.out.s, "Vries"));
	assert_string_equal(cap_text(&c), "");
	buf_free(&rs.out);
	cap_close(&c);
}

static void test_comma_quotes_newlines(void **st)
{
	(void)st;
	/* quoted field with a newline and "" inside: the next record is on line 4 */
	const char d[] = "team,notitie,aangemaakt,teruggebeld\n"
	                 "\"KCC, balie\",\"regel een\nregel \"\"twee\"\"\",2024-01-02,\n"
	                 "WIL,x,2024-01-03,2024-01-04\n";
	rows rs;
	captured c;
	cap_open(&c);
	csv_info info;
	assert_int_equal(read_str(d, sizeof d - 1, &rs, &c, &info), 0);
	assert_int_equal(info.delim, ',');
	assert_false(info.dot_is_thousands);
	assert_string_equal(rs.out.s, "2|KCC, balie|2024-01-02|\n4|WIL|2024-01-03|2024-01-04\n");
	buf_free(&rs.out);
	cap_close(&c);
}

static void test_cp1252(void **st)
{
	(void)st;
	const char d[] = "Team;Aangemaakt;Teruggebeld\r\nFinanci\xEBn \x80;2024-01-02;\r\n";
	rows rs;
	captured c;
	cap_open(&c);
	csv_info info;
	assert_int_equal(read_str(d, sizeof d - 1, &rs, &c, &info), 0);
	assert_true(info.cp1252);
	assert_string_equal(rs.out.s, "2|Financiën €|2024-01-02|\n");
	/* the reader says nothing: the data loader tells it when the export is news (data_notes) */
	assert_string_equal(cap_text(&c), "");
	buf_free(&rs.out);
	cap_close(&c);
}

static void test_header_matching_and_blank_lines(void **st)
{
	(void)st;
	const char d[] = "  TEAM ;Aan gemaakt;TERUG-GEBELD\n\n   \nWIL;2024-01-02;\n\n";
	rows rs;
	captured c;
	cap_open(&c);
	csv_info info;
	assert_int_equal(read_str(d, sizeof d - 1, &rs, &c, &info), 0);
	assert_string_equal(rs.out.s, "4|WIL|2024-01-02|\n");
	buf_free(&rs.out);
	cap_close(&c);
}

static void test_missing_column(void **st)
{
	(void)st;
	const char d[] = "team;aangemaakt;naam\nWIL;2024-01-02;Jan\n";
	rows rs;
	captured c;
	cap_open(&c);
	csv_info info;
	assert_int_equal(read_str(d, sizeof d - 1, &rs, &c, &info), -1);
	/* the names found, so a renamed column is easy to spot */
	assert_string_equal(cap_text(&c), "t.csv:1: fout: kolom 'teruggebeld' ontbreekt in de kopregel. "
	                                  "De kopregel heeft 'team', 'aangemaakt', 'naam'\n");
	assert_null(rs.out.s);
	buf_free(&rs.out);
	cap_close(&c);
	/* a first line that holds data (a phone number) is never shown */
	const char e[] = "WIL;2024-01-02;0612345678\nWIL;2024-01-02;0612345678\n";
	cap_open(&c);
	assert_int_equal(read_str(e, sizeof e - 1, &rs, &c, &info), -1);
	assert_null(strstr(cap_text(&c), "0612345678"));
	assert_non_null(strstr(cap_text(&c), "De eerste regel van het bestand moet de namen van de kolommen bevatten"));
	buf_free(&rs.out);
	cap_close(&c);
}

static void test_short_row_and_bad_quote(void **st)
{
	(void)st;
	const char d[] = "team;aangemaakt;teruggebeld\nWIL;2024-01-02\nVTH;\"2024-01-03\"x;\n";
	rows rs;
	captured c;
	cap_open(&c);
	csv_info info;
	assert_int_equal(read_str(d, sizeof d - 1, &rs, &c, &info), -1);
	assert_string_equal(cap_text(&c),
	                    "t.csv:2: fout: de regel heeft 2 velden en de kopregel 3; de regel is niet gebruikt (staat er een ; of \" te veel of te weinig?)\n"
	                    "t.csv:3:2: fout: fout in de aanhalingstekens: een veld tussen \"...\" is niet goed afgesloten, of er staat tekst direct na het sluitende \"\n");
	buf_free(&rs.out);
	cap_close(&c);
}

/* A ';' too many in a name column shifts the fields: the row is refused without quoting the
 * value that landed in a used column (here a BSN-like number). */
static void test_long_row_quotes_nothing(void **st)
{
	(void)st;
	const char d[] = "team;naam;aangemaakt;teruggebeld\nWIL;de Vries; Jan;123456782;2024-01-02\n";
	rows rs;
	captured c;
	cap_open(&c);
	csv_info info;
	assert_int_equal(read_str(d, sizeof d - 1, &rs, &c, &info), -1);
	assert_null(strstr(cap_text(&c), "123456782"));
	assert_null(strstr(cap_text(&c), "Jan"));
	assert_string_equal(cap_text(&c), "t.csv:2: fout: de regel heeft 5 velden en de kopregel 4; de regel is niet gebruikt (staat er een ; of \" te veel of te weinig?)\n");
	assert_null(rs.out.s);
	buf_free(&rs.out);
	cap_close(&c);
}

/* Dutch Excel saves an empty line as ";;;": skipped, counted in a notice. A header alone is
 * worth a warning; a NUL byte or UTF-16 is refused. */
static void test_excel_quirks(void **st)
{
	(void)st;
	rows rs;
	captured c;
	csv_info info;
	const char e[] = "team;aangemaakt;teruggebeld\r\n;;\r\nA;2024-01-02;\r\n ; ;\r\n";
	cap_open(&c);
	assert_int_equal(read_str(e, sizeof e - 1, &rs, &c, &info), 0);
	assert_string_equal(rs.out.s, "3|A|2024-01-02|\n");
	assert_string_equal(cap_text(&c), "t.csv: let op: 2 regels met alleen scheidingstekens overgeslagen (lege regels uit Excel)\n");
	buf_free(&rs.out);
	cap_close(&c);
	const char h[] = "team;aangemaakt;teruggebeld\r\n";
	cap_open(&c);
	assert_int_equal(read_str(h, sizeof h - 1, &rs, &c, &info), 0);
	assert_string_equal(cap_text(&c), "t.csv: waarschuwing: het bestand heeft alleen een kopregel en geen gegevens\n");
	cap_close(&c);
	const char z[] = "team;aangemaakt;teruggebeld\nA\0B;2024-01-02;\n";
	cap_open(&c);
	assert_int_equal(read_str(z, sizeof z - 1, &rs, &c, &info), -1);
	assert_string_equal(cap_text(&c), "t.csv:2: fout: de regel bevat een NUL-teken; sla het bestand opnieuw op als CSV\n");
	cap_close(&c);
	const char u[] = "\xFF\xFEt\0e\0a\0m\0\n\0";
	cap_open(&c);
	assert_int_equal(read_str(u, sizeof u - 1, &rs, &c, &info), -1);
	assert_string_equal(cap_text(&c), "t.csv: fout: het bestand is opgeslagen als UTF-16 ('Unicode-tekst'); sla het in Excel opnieuw op als 'CSV UTF-8'\n");
	cap_close(&c);
	const char u2[] = "t\0e\0a\0m\0;\0\n\0";
	cap_open(&c);
	assert_int_equal(read_str(u2, sizeof u2 - 1, &rs, &c, &info), -1);
	assert_non_null(strstr(cap_text(&c), "UTF-16"));
	cap_close(&c);
}

/* A FIFO would block the build for ever, a device never ends: only regular files are read. */
static void test_not_a_file(void **st)
{
	(void)st;
	char dir[] = "/tmp/meetlat-fifo-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char fifo[64];
	snprintf(fifo, sizeof fifo, "%s/x.csv", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	captured c;
	cap_open(&c);
	csv_info info;
	rows rs = {0};
	assert_int_equal(csv_read(fifo, "t.csv", COLS, NULL, 3, collect, &rs, NULL, &c.d, &info), -1);
	assert_int_equal(csv_read("/dev/zero", "z.csv", COLS, NULL, 3, collect, &rs, NULL, &c.d, &info), -1);
	assert_string_equal(cap_text(&c),
	                    "t.csv: fout: is geen gewoon bestand (maar bijvoorbeeld een map of apparaat); zet hier de CSV-export neer\n"
	                    "z.csv: fout: is geen gewoon bestand (maar bijvoorbeeld een map of apparaat); zet hier de CSV-export neer\n");
	cap_close(&c);
	unlink(fifo);
	rmdir(dir);
}

static void test_unterminated_quote_at_end(void **st)
{
	(void)st;
	const char d[] = "team;aangemaakt;teruggebeld\nWIL;2024-01-02;\nVTH;\"2024-01-03;\n\n";
	rows rs;
	captured c;
	cap_open(&c);
	csv_info info;
	assert_int_equal(read_str(d, sizeof d - 1, &rs, &c, &info), -1);
	assert_non_null(strstr(cap_text(&c), "t.csv:3:2: fout: fout in de aanhalingstekens"));
	buf_free(&rs.out);
	cap_close(&c);
}

static void test_invalid_utf8_after_bom(void **st)
{
	(void)st;
	const char d[] = "\xEF\xBB\xBFteam;aangemaakt;teruggebeld\nFinanci\xEBn;2024-01-02;\n";
	rows rs;
	captured c;
	cap_open(&c);
	csv_info info;
	assert_int_equal(read_str(d, sizeof d - 1, &rs, &c, &info), -1);
	assert_non_null(strstr(cap_text(&c), "Sla het bestand opnieuw op als 'CSV UTF-8'"));
	buf_free(&rs.out);
	cap_close(&c);
}

static void test_empty_file(void **st)
{
	(void)st;
	rows rs;
	captured c;
	cap_open(&c);
	csv_info info;
	assert_int_equal(read_str("", 0, &rs, &c, &info), -1);
	assert_string_equal(cap_text(&c), "t.csv: fout: het bestand is leeg; er is geen kopregel\n");
	cap_close(&c);
}

static void test_long_line_and_chunks(void **st)
{
	(void)st;
	/* a 900 kB free-text field of many lines crosses a read chunk; line numbers stay right */
	buf_t b = {0};
	buf_puts(&b, "team;notitie;aangemaakt;teruggebeld\n");
	for (int i = 0; i < 5; i++)
		buf_printf(&b, "T%d;kort;2024-01-0%d;\n", i, i + 1);
	buf_puts(&b, "LANG;\"");
	for (int i = 0; i < 900 * 1024; i++)
		buf_putc(&b, i % 1000 == 999 ? '\n' : 'x');
	buf_puts(&b, "\";2024-02-01;\nNA;y;2024-02-02;2024-02-03\n");
	for (int i = 0; i < 200 * 1024; i++)
		buf_puts(&b, "N;y;2024-02-02;\n"); /* the next chunks */
	rows rs;
	captured c;
	cap_open(&c);
	csv_info info;
	assert_int_equal(read_str(b.s, b.len, &rs, &c, &info), 0);
	const char *last = strrchr(rs.out.s, '\n');
	while (last > rs.out.s && last[-1] != '\n')
		last--;
	char want[64];
	snprintf(want, sizeof want, "%d|N|2024-02-02|\n", 7 + 900 * 1024 / 1000 + 1 + 200 * 1024);
	assert_string_equal(last, want);
	assert_int_equal(info.rows, 7 + 200 * 1024);
	buf_free(&b);
	buf_free(&rs.out);
	cap_close(&c);
}

/* A record longer than 1 MB (an unclosed quote, a file that is no text) is refused at the
 * line where it starts: memory never follows the longest record. */
static void test_record_limit(void **st)
{
	(void)st;
	buf_t b = {0};
	buf_puts(&b, "team;notitie;aangemaakt;teruggebeld\nA;x;2024-01-01;\nB;\"open;2024-01-02;\n");
	for (int i = 0; i < 50000; i++)
		buf_puts(&b, "C;x;2024-01-03;2024-01-04\n");
	rows rs;
	captured c;
	cap_open(&c);
	csv_info info;
	assert_int_equal(read_str(b.s, b.len, &rs, &c, &info), -1);
	assert_string_equal(cap_text(&c), "t.csv:3: fout: hier begint een regel die langer is dan 1 MB (samen met de regels "
	                                  "die een veld tussen \"...\" erbij neemt). Zo lang is geen regel van een export: "
	                                  "staat er een \" te veel, of is dit geen CSV-bestand?\n");
	assert_int_equal(info.rows, 1);
	buf_free(&b);
	buf_free(&rs.out);
	cap_close(&c);
}

/* After DIAG_FILE_LIMIT errors in one file only their number is reported; diag counts them all. */
static int reject(void *ctx, const csv_row *r)
{
	(void)ctx;
	csv_row_error(r, 1, "fout in rij");
	return 0;
}

static void test_error_limit(void **st)
{
	(void)st;
	buf_t b = {0};
	buf_puts(&b, "team;aangemaakt;teruggebeld\n");
	for (int i = 0; i < DIAG_FILE_LIMIT + 5; i++)
		buf_puts(&b, "A;x;\n");
	char *p = tmpfile_with(b.s, b.len);
	captured c;
	cap_open(&c);
	csv_info info;
	assert_int_equal(csv_read(p, "t.csv", COLS, NULL, 3, reject, NULL, NULL, &c.d, &info), -1);
	assert_int_equal(diag_errors(&c.d), DIAG_FILE_LIMIT + 5);
	const char *text = cap_text(&c);
	int lines = 0;
	for (const char *q = text; *q; q++)
		lines += *q == '\n';
	assert_int_equal(lines, DIAG_FILE_LIMIT + 1);
	assert_non_null(strstr(text, "t.csv:101:2: fout: fout in rij\n"));
	assert_null(strstr(text, "t.csv:102:2:"));
	assert_non_null(strstr(text, "t.csv: fout: en nog 5 fouten in dit bestand (niet getoond)\n"));
	/* the next file starts with a clean slate */
	assert_int_equal(csv_read(p, "u.csv", COLS, NULL, 3, reject, NULL, NULL, &c.d, &info), -1);
	assert_non_null(strstr(cap_text(&c), "u.csv:2:2: fout"));
	unlink(p);
	free(p);
	buf_free(&b);
	cap_close(&c);
}

/* A cell with a newline or a terminal escape code cannot forge a second message line. */
static int reject_value(void *ctx, const csv_row *r)
{
	(void)ctx;
	csv_row_error(r, 1, "'%s' is geen datum", r->val[1]);
	return 0;
}

static void test_message_one_line(void **st)
{
	(void)st;
	const char d[] = "team;aangemaakt;teruggebeld\nA;\"x\x1b[31m\nt.csv:9:9: fout: nep\";\n";
	char *p = tmpfile_with(d, sizeof d - 1);
	captured c;
	cap_open(&c);
	csv_info info;
	csv_read(p, "t.csv", COLS, NULL, 3, reject_value, NULL, NULL, &c.d, &info);
	assert_string_equal(cap_text(&c), "t.csv:2:2: fout: 'x\\x1B[31m\\nt.csv:9:9: fout: nep' is geen datum\n");
	unlink(p);
	free(p);
	cap_close(&c);
}

/* A workbook, a spreadsheet of another program, an archive or a PDF under the export's .csv name
 * is recognised by its first bytes and named, with what to do: never "saved as UTF-16". */
static void test_not_text(void **st)
{
	(void)st;
	static const struct { const char *bytes; size_t len; const char *want; } cases[] = {
		{"PK\x03\x04\x14\0\0\0\0\0\0\0[Content_Types].xml\0\0xl/workbook.xml", 48,
		 "t.csv: fout: dit is geen CSV-bestand maar een Excel-werkmap (.xlsx) met de naam .csv. Hernoem het naar t.xlsx: "
		 "meetlat leest Excel-werkmappen ook\n"},
		{"PK\x03\x04\x14\0\0\0\0\0mimetypeapplication/vnd.oasis.opendocument.spreadsheet", 64,
		 "t.csv: fout: dit is geen CSV-bestand maar een rekenblad van LibreOffice of OpenOffice (.ods). Sla het daar op als "
		 "'Excel 2007-365 (.xlsx)' of als 'Tekst CSV (.csv)'\n"},
		{"PK\x03\x04\x14\0\0\0\0\0rapport.txt", 21,
		 "t.csv: fout: dit is geen CSV-bestand maar een zip-bestand. Pak het uit en zet de export zelf hier neer\n"},
		{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0", 12,
		 "t.csv: fout: dit is geen CSV-bestand maar een Excel-bestand in het oude formaat (.xls), of een werkmap met een "
		 "wachtwoord. Open het in Excel en sla het op als 'Excel-werkmap (.xlsx)' zonder wachtwoord, of als 'CSV UTF-8'\n"},
		{"%PDF-1.7\n%\xE2\xE3\n", 13,
		 "t.csv: fout: dit is geen CSV-bestand maar een PDF. Zet hier de export uit het systeem neer, als CSV-bestand of "
		 "Excel-werkmap\n"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		rows rs;
		captured c;
		cap_open(&c);
		csv_info info;
		assert_int_equal(read_str(cases[i].bytes, cases[i].len, &rs, &c, &info), -1);
		assert_string_equal(cap_text(&c), cases[i].want);
		assert_null(rs.out.s);
		cap_close(&c);
	}
}

/* The reader splits lines without quotes itself and hands the rest to libcsv: on random
 * exports (blanks, tabs, empty fields, CR in odd places, quotes spanning lines, a short or a
 * long row, a missing last line end) both ways give the same rows and the same messages. */
static unsigned long long rnd_state = 42;

static unsigned rnd(unsigned n)
{
	rnd_state = rnd_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((rnd_state >> 33) % n);
}

static void test_fast_path_same_as_libcsv(void **st)
{
	(void)st;
	static const char *const bits[] = {"WIL", "VTH", " ", "\t", "", "1-10-2024 09:15", "2024-10-03", "a b",
		"\"q;\"", "\"x\ny\"", "\"\"", "\r", "é", "  7  ", "\"a\"\"b\"", "\" a\t\"", " \"8.232,50\" ", "\"x\"y",
		"\"", "\"\t;\" \t", "x\"y"};
	for (int round = 0; round < 400; round++) {
		buf_t f = {0};
		char delim = rnd(4) ? ';' : (rnd(2) ? ',' : '\t');
		buf_printf(&f, "Team%cNaam%cAangemaakt%cTeruggebeld%s", delim, delim, delim, rnd(2) ? "\r\n" : "\n");
		int lines = 1 + (int)rnd(12);
		for (int l = 0; l < lines; l++) {
			int fields = rnd(8) ? 4 : 1 + (int)rnd(6);
			for (int k = 0; k < fields; k++) {
				if (k)
					buf_putc(&f, delim);
				for (int b = (int)rnd(3); b > 0; b--)
					buf_puts(&f, bits[rnd(sizeof bits / sizeof *bits)]);
			}
			if (l + 1 < lines || rnd(2))
				buf_puts(&f, rnd(2) ? "\r\n" : "\n");
		}
		const char *data = f.s ? f.s : "";
		rows a, b;
		captured ca, cb;
		csv_info ia, ib;
		cap_open(&ca);
		cap_open(&cb);
		csv_set_fast(1);
		int ra = read_str(data, f.len, &a, &ca, &ia);
		csv_set_fast(0);
		int rb = read_str(data, f.len, &b, &cb, &ib);
		csv_set_fast(1);
		assert_int_equal(ra, rb);
		assert_string_equal(a.out.s ? a.out.s : "", b.out.s ? b.out.s : "");
		assert_string_equal(cap_text(&ca), cap_text(&cb));
		assert_int_equal(ia.rows, ib.rows);
		buf_free(&a.out);
		buf_free(&b.out);
		buf_free(&f);
		cap_close(&ca);
		cap_close(&cb);
	}
}

/* --- a large export on two threads ------------------------------------------------------------ */

typedef struct {
	rows rs;
	int refuse; /* 1: join refuses (the reader reads the part again); 2: split makes no part (the
	             * reader reads on alone, as when no thread can be started) */
} split_ctx;

static int collect_checked(void *ctx, const csv_row *r)
{
	split_ctx *x = ctx;
	if (r->len[0] == 3 && !memcmp(r->val[0], "BAD", 3))
		csv_row_error(r, 0, "team BAD");
	return collect(&x->rs, r);
}

static void *t_split(void *ctx, diag_t *d)
{
	(void)d;
	if (((split_ctx *)ctx)->refuse == 2)
		return NULL;
	split_ctx *x = calloc(1, sizeof *x);
	x->refuse = ((split_ctx *)ctx)->refuse;
	return x;
}

static int t_join(void *ctx, void *part)
{
	split_ctx *x = ctx, *y = part;
	int ok = !x->refuse;
	if (ok && y->rs.out.len)
		buf_add(&x->rs.out, y->rs.out.s, y->rs.out.len);
	buf_free(&y->rs.out);
	free(y);
	return ok ? 0 : -1;
}

static void t_drop(void *part)
{
	split_ctx *y = part;
	buf_free(&y->rs.out);
	free(y);
}

/* without and with the fingerprint: the file is cut at a half or a quarter */
static const csv_parts T_PARTS[2] = {{t_split, t_join, t_drop, 0}, {t_split, t_join, t_drop, 1}};

/* Read `p` serially and on two threads: the rows, messages, counts and fingerprint agree (a
 * reading that did not ask for the fingerprint has 0). */
static void same_both_ways(const char *p, int refuse, int fingerprint)
{
	captured c1, c2;
	csv_info i1, i2;
	split_ctx a = {0}, b = {0};
	b.refuse = refuse;
	cap_open(&c1);
	int rv1 = csv_read(p, "t.csv", COLS, NULL, 3, collect_checked, &a, NULL, &c1.d, &i1);
	cap_open(&c2);
	int rv2 = csv_read(p, "t.csv", COLS, NULL, 3, collect_checked, &b, &T_PARTS[fingerprint], &c2.d, &i2);
	assert_int_equal(rv1, rv2);
	assert_string_equal(a.rs.out.s, b.rs.out.s);
	assert_string_equal(cap_text(&c1), cap_text(&c2));
	assert_int_equal(i1.rows, i2.rows);
	assert_true(fingerprint ? i1.fingerprint == i2.fingerprint : i2.fingerprint == 0);
	assert_int_equal(diag_errors(&c1.d), diag_errors(&c2.d));
	buf_free(&a.rs.out);
	buf_free(&b.rs.out);
	cap_close(&c1);
	cap_close(&c2);
}

static void test_two_threads_same_as_one(void **st)
{
	(void)st;
	/* `quoted_at`: the row before which a field in quotes runs over three lines; the file is cut
	 * near row 30000 (with the fingerprint) or 60000 */
	static const int quoted_at[] = {30000, 29990, 30010, 29950, 29970, 59990, 60010, 59970, 80000};
	for (size_t t = 0; t < sizeof quoted_at / sizeof *quoted_at; t++) {
		buf_t b = {0};
		buf_puts(&b, "Team;Naam;Aangemaakt;Teruggebeld\r\n");
		int nrows = 120000;
		for (int i = 0; i < nrows; i++) {
			if (i == 100 || i == 100000)
				buf_puts(&b, "BAD;x;1-1-2024;2-1-2024\r\n"); /* an error in each half */
			if (i == 7000 || i == 90000)
				buf_puts(&b, "A;B;C\r\n"); /* a row of too few fields */
			if (i == quoted_at[t])
				buf_puts(&b, "WIL;\"een naam\nover\r\nregels; \"\"ja\"\"\";3-1-2024;\r\n");
			if (i % 97 == 0)
				buf_printf(&b, "\"VTH %d\";\"Jan; de Vries\";1-10-2024 09:15;\r\n", i % 13);
			else
				buf_printf(&b, "Team %d;Naam %d;%d-1-2024;%d-2-2024\r\n", i % 17, i, 1 + i % 28, 1 + i % 27);
			if (i == 60000)
				buf_puts(&b, ";;;\r\n\r\n");
			if (t == 8 && i == 45000)
				buf_puts(&b, "WIL;Na\"am;1-1-2024;\r\n"); /* a stray quote: the count of quotes is odd after it */
		}
		buf_puts(&b, "WIL;laatste;4-1-2024;5-1-2024"); /* no line end */
		assert_true(b.len >= CSV_PARTS_MIN);
		char *p = tmpfile_with(b.s, b.len);
		for (int fingerprint = 0; fingerprint < 2; fingerprint++) {
			for (int refuse = 0; refuse < 3; refuse++)
				same_both_ways(p, refuse, fingerprint);
		}
		unlink(p);
		free(p);
		buf_free(&b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_semicolon_bom_crlf), cmocka_unit_test(test_comma_quotes_newlines),
		cmocka_unit_test(test_cp1252), cmocka_unit_test(test_header_matching_and_blank_lines),
		cmocka_unit_test(test_missing_column), cmocka_unit_test(test_short_row_and_bad_quote),
		cmocka_unit_test(test_unterminated_quote_at_end), cmocka_unit_test(test_invalid_utf8_after_bom),
		cmocka_unit_test(test_empty_file), cmocka_unit_test(test_long_line_and_chunks), cmocka_unit_test(test_record_limit),
		cmocka_unit_test(test_error_limit), cmocka_unit_test(test_message_one_line),
		cmocka_unit_test(test_long_row_quotes_nothing), cmocka_unit_test(test_excel_quirks),
		cmocka_unit_test(test_not_a_file), cmocka_unit_test(test_not_text),
		cmocka_unit_test(test_fast_path_same_as_libcsv), cmocka_unit_test(test_two_threads_same_as_one),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
