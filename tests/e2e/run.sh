#!/bin/sh
# End-to-end tests: run a meetlat binary on the shipped programme and on small fixtures,
# and check what the outputs say, not only that they exist. Usage: run.sh path/to/meetlat
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PY=/usr/bin/python3
T=$(mktemp -d /tmp/meetlat-e2e-XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { # check "description" command...
	d=$1; shift
	if "$@" >/dev/null 2>&1; then ok; else bad "$d"; fi
}
contains() { grep -qF -- "$2" "$1"; }

# A copy of a project folder with the repository's themes.
project() { # project NAME SRC...
	p=$T/$1; shift
	rm -rf "$p"; mkdir -p "$p"
	for s in "$@"; do cp -R "$s"/. "$p"/; done
	ln -s "$ROOT/themes" "$p/themes"
	echo "$p"
}

# --- the shipped programme ------------------------------------------------------------
P=$(project main "$ROOT/content/.." )
rm -rf "$P/output" "$P/build" "$P/tests" "$P/.git"
"$BIN" build -C "$P" -o "$T/out1" 2>"$T/main.err"; rc=$?
check "default build succeeds" test $rc -eq 0
check "default build says it used example data" contains "$T/main.err" "voorbeeldgegevens"
O=$T/out1
# the renderers run side by side; one after the other (MEETLAT_SERIEEL) they make the same
# bytes and say the same
MEETLAT_SERIEEL=1 "$BIN" build -C "$P" -o "$T/out1s" 2>"$T/main-serieel.err"
check "renderers side by side: the same files as one after the other" diff -r "$O" "$T/out1s"
check "and the same messages" sh -c "sed 's|out1s|out1|' '$T/main-serieel.err' | cmp -s - '$T/main.err'"
rm -rf "$T/out1s"
# a large export is read on two threads: the same as on one. kpi.csv (values, not counts) is
# read whole on one thread; padded with 1.200.000 empty Excel rows it passes the size at which
# an export is cut, and its values still come through (they once stopped at the cut)
K=$T/kpibig
rm -rf "$K" && mkdir -p "$K" && cp -R "$P/content" "$P/data" "$P/toelichtingen" "$K"/ && ln -s "$ROOT/themes" "$K/themes"
{ head -n 1 "$P/data/kpi.csv"; awk 'BEGIN { for (i = 0; i < 1200000; i++) print ";;;" }'; tail -n +2 "$P/data/kpi.csv"; } >"$K/data/kpi.csv"
"$BIN" check -C "$K" >"$T/kpibig.err" 2>&1
MEETLAT_SERIEEL=1 "$BIN" check -C "$K" >"$T/kpibig-serieel.err" 2>&1
check "a kpi.csv of over 4 MB: every value read" sh -c "grep -q '1200000 regels met alleen scheidingstekens' '$T/kpibig.err' && ! grep -q 'alleen een kopregel' '$T/kpibig.err'"
check "and the messages of one thread" cmp "$T/kpibig.err" "$T/kpibig-serieel.err"
rm -rf "$K"
for f in index.html programma.html bronnen.html downloads.html acties/index.html teams/index.html \
	raadsrapportage-2025.pdf mt-rapportage-2025-K4.xlsx style.css data/terugbelverzoeken.csv; do
	check "output has $f" test -s "$O/$f"
done
for md in "$ROOT"/content/1*.md "$ROOT"/content/2*.md "$ROOT"/content/3*.md; do
	slug=$(basename "$md" .md | sed 's/^[0-9]*-//')
	title=$(sed -n 's/^titel: //p' "$md" | sed 's/&/\&amp;/g')
	case $(sed -n 's/^soort: //p' "$md") in
	actie) page=$O/acties/$slug.html ;;
	teamdoel) page=$O/teams/$slug.html ;;
	*) continue ;;
	esac
	# (an abbreviation in the title is marked: <abbr title="...">Fixi</abbr>)
	check "page for $slug has its title" sh -c "sed 's/<abbr [^>]*>//g; s|</abbr>||g' '$page' | grep -qF -- '<h1>$title</h1>'"
	check "index links to $slug" grep -q "$slug.html" "$O/index.html" "$O/teams/index.html"
done
check "index shows the example-data banner" contains "$O/index.html" "Voorbeelddata"
check "team without goal listed" contains "$O/teams/index.html" "Informatiemanagement en facilitair"
check "callback status sentence" contains "$O/acties/terugbelverzoeken.html" \
	"In december 2025 was het percentage 12,2%. Er staan nog 30 zaken open. Zijn ze allemaal op tijd klaar, dan wordt het percentage 11,3%. Zijn ze allemaal te laat, dan wordt het percentage 18,4%."
check "the 30 open requests can still undo the 15% target: nog onzeker, not behaald" contains "$O/acties/terugbelverzoeken.html" \
	"Of het doel gehaald is, is nog onzeker. In het beste geval is de status behaald, in het slechtste niet behaald."
check "suppressed survey group explained" contains "$O/data/klantwaardering-product.csv" \
	"Huwelijk en partnerschap;2023;;;;;;niet getoond: minder dan 10 antwoorden"
check "0-meting mark is 6,7" contains "$O/data/klantwaardering.csv" "2023;666;6,7;"
check "an average with a norm has the share that meets it" sh -c "head -1 '$O/data/klantwaardering.csv' | grep -q ';percentage_norm;'"
check "an average without a norm has no empty norm column" sh -c "! grep -q percentage_norm '$O/data/triage-tevredenheid.csv'"
check "definitions page shows the formulas" contains "$O/bronnen.html" "Percentage buiten termijn"

# every relative link and asset resolves; nothing points outside the folder
links_ok=1
for page in $(cd "$O" && find . -name '*.html'); do
	dir=$(dirname "$page")
	for href in $(grep -o 'href="[^"]*"' "$O/$page" | sed 's/^href="//; s/"$//; s/#.*//' | sort -u); do
		[ -z "$href" ] && continue
		case $href in
		http:*|https:*|//*|/*) links_ok=0; echo "external or absolute link in $page: $href" ;;
		*) [ -e "$O/$dir/$href" ] || { links_ok=0; echo "broken link in $page: $href"; } ;;
		esac
	done
done
check "all links resolve and stay relative" test $links_ok -eq 1
check "no script in the site" sh -c "! grep -rl '<script' '$O' --include='*.html'"

# open data: exact header, BOM, ';', decimal comma, rows per team and a Totaal
CB=$O/data/terugbelverzoeken.csv
check "callback CSV starts with BOM and the exact header" sh -c \
	"test \"\$(head -n 1 '$CB')\" = \"\$(head -n 1 '$ROOT/tests/e2e/fixture/expected/terugbelverzoeken.csv')\""
check "callback CSV has the organisation's rows, at their level" grep -q '^organisatie;Totaal;2025-12;' "$CB"
check "callback CSV has team rows, at theirs" grep -q '^team;Werk, Inkomen en Leerrecht;2023-10;' "$CB"
check "the open data are described: datapackage.json" $PY -c "
import json, sys
p = json.load(open(sys.argv[1]))
sys.exit(not (p['resources'] and p['licenses'] and all(r['dialect']['delimiter'] == ';' for r in p['resources'])))" \
	"$O/data/datapackage.json"

# PDF: tagged (PDF/UA-1, PDF/A-2a), text extracts cleanly, and says what the site says
R=$O/raadsrapportage-2025.pdf
if command -v pdftotext >/dev/null && $PY -c 'import pikepdf' 2>/dev/null; then
	pdftotext -enc UTF-8 "$R" "$T/r.txt" 2>"$T/r.err"
	check "pdftotext prints no warning" test ! -s "$T/r.err"
	head -3 "$T/r.err"
	for s in "één" "Financiële consequenties" "€ 50.000" "Gemeente Dronten" "Inhoud" "Stand op: 31 december 2025" \
		"Terugdringen van de terugbelverzoeken buiten termijn" "Week van de dienstverlening" \
		"Voorbeelddata" "Pagina 2 van 6" "Tabel 1. Alle KPI" "Figuur 1." "✔ behaald" "Bijlage" \
		"Werkdagen" "Tweede Paasdag" "ten hoogste 15% eind 2025" "‘Wat we afleiden’"; do
		check "PDF text contains '$s'" contains "$T/r.txt" "$s"
	done
	$PY "$ROOT/tests/pdfcheck.py" "$R" --headings "$T/headings-numbered.txt" >"$T/pdfcheck.txt" 2>&1
	# chapters and sections are numbered ("3.2 Terugdringen ..."): compared without the number
	sed -E 's/^(H[0-9])\t[0-9]+(\.[0-9]+)* /\1\t/' "$T/headings-numbered.txt" >"$T/headings.txt"
	check "PDF structure: tagged, every text marked, figures with alt text, tables with TH" \
		sh -c "head -n 1 '$T/pdfcheck.txt' | grep -qx ok"
	grep -v '^ok$' "$T/pdfcheck.txt" | grep -v '^elements:' | head -5
	# the contents follows PDF/UA-1 in two levels (pdfcheck.py checks the rest of its structure)
	check "PDF contents: TOC > TOCI > Reference/Link, two levels" grep -q "TOC levels=2" "$T/pdfcheck.txt"
	# a council report: key messages first, the owners' words, the money; nothing without a word
	sed ':a;N;$!ba;s/-\n//g;s/\n/ /g' "$T/r.txt" >"$T/r-flat.txt"
	# (the contents names the sections first: the summary's are the last four)
	check "PDF summary opens with key messages, before the KPI table" sh -c \
		"grep -o 'Wat gaat goed\|Wat vraagt aandacht\|Wat is er veranderd\|Tabel 1\. Alle KPI' '$T/r-flat.txt' | tail -n 4 | tr '\n' '|' |
		grep -qx 'Wat gaat goed|Wat vraagt aandacht|Wat is er veranderd|Tabel 1. Alle KPI|'"
	check "PDF: milestones without news are counted" contains "$T/r-flat.txt" "Bij 50 van de 59 mijlpalen is de datum voorbij"
	check "PDF: an owner's explanation" contains "$T/r-flat.txt" "Waarom: De paspoortpiek was in het voorjaar groter dan verwacht."
	check "PDF: a KPI that missed its target without one says so" contains "$T/r-flat.txt" \
		"Toelichting: nog geen toelichting van de eigenaar."
	check "PDF: as many of those as KPIs the check names" sh -c \
		"test \$(grep -o 'Toelichting: nog geen toelichting' '$T/r-flat.txt' | wc -l) -eq 2"
	check "PDF: what it cost, per action and in one table (the year closed: spent in it)" sh -c "grep -q 'Budget € 40.000. Besteed in 2025: € 31.250' '$T/r-flat.txt' &&
		grep -q 'Budget, besteed en verwacht in 2025, per onderdeel' '$T/r-flat.txt'"
	check "PDF: the summary names what goes over budget, and by how much" sh -c "grep -q 'hoger dan het budget: .* meer)' '$T/r-flat.txt'"
	check "PDF: KPIs not yet to be judged stand apart from what needs attention" contains "$T/r-flat.txt" "Nog niet te beoordelen"
	check "PDF cover: version, issue date and portefeuillehouder" sh -c "grep -q 'Versie: 1.0' '$T/r.txt' &&
		grep -q 'Uitgegeven: 20 januari 2026' '$T/r.txt' && grep -q 'Portefeuillehouder: wethouder' '$T/r.txt'"
	check "PDF: the P&C questions for every action and team goal" sh -c \
		"test \$(grep -c '^Wat heeft het gekost\$' '$T/r.txt') -eq 23 && test \$(grep -c '^Wat wilden we bereiken\$' '$T/r.txt') -eq 23"
	check "PDF: a chart or table shown before is referred to, not printed again" contains "$T/r-flat.txt" "Dezelfde cijfers staan al in figuur 1"
	check "PDF: Dutch words are hyphenated at line ends" grep -qE '[a-z]{2,}-$' "$T/r.txt"
	"$BIN" check -C "$P" >"$T/explain-check.txt" 2>&1
	check "meetlat check names each KPI without an explanation" sh -c \
		"grep -q \"kpi 'mkb-cijfer' staat op 'niet behaald' en heeft nog geen toelichting\" '$T/explain-check.txt' &&
		grep -q \"kpi 'toezicht' staat op 'niet behaald' en heeft nog geen toelichting\" '$T/explain-check.txt' &&
		test \$(grep -c 'heeft nog geen toelichting voor peildatum' '$T/explain-check.txt') -eq 2"
	check "the site shows an explanation" contains "$O/teams/burgerzaken-paspoortpiek.html" \
		"<strong>Waarom:</strong> De paspoortpiek was in het voorjaar groter dan verwacht."
	check "and says where one is missing" contains "$O/teams/economische-zaken.html" "nog geen toelichting van de eigenaar."
	pdffonts "$R" >"$T/fonts.txt" 2>/dev/null
	check "PDF fonts are embedded" sh -c "awk 'NR>2 && \$(NF-4)!=\"yes\"{e=1} END{exit e}' '$T/fonts.txt'"
	check "PDF fonts have a ToUnicode map" sh -c "awk 'NR>2 && \$(NF-3)!=\"yes\"{e=1} END{exit e}' '$T/fonts.txt'"
	pdfinfo "$R" >"$T/info.txt" 2>/dev/null
	check "PDF has a title" contains "$T/info.txt" "Raadsrapportage Excellente dienstverlening 2025"
	check "PDF is A4" contains "$T/info.txt" "595.276 x 841.89"
	check "PDF is tagged" grep -q "^Tagged: *yes" "$T/info.txt"
	# the structure tree's headings hold every action and team goal title (pdfcheck.py reads
	# them; poppler's pdfinfo -struct-text agrees on the fixture's report below)
	n=0
	for f in $(grep -lE '^soort: *(actie|teamdoel)' "$P"/content/*.md); do
		tt=$(sed -n 's/^titel: *//p' "$f" | head -n 1 | sed 's/^"\(.*\)"$/\1/')
		check "structure tree has the heading '$tt'" grep -qxF "H2	$tt" "$T/headings.txt"
		n=$((n + 1))
	done
	check "all 23 actions and team goals looked for" test $n -eq 23
	# every KPI has a bookmark, under its action or team goal, so a reader can jump to it
	$PY - "$R" >"$T/bookmarks.txt" 2>&1 <<'PYEOF'
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
def walk(o, depth):
    while o is not None:
        print("\t" * depth + str(o.Title))
        if "/First" in o:
            walk(o.First, depth + 1)
        o = o.get("/Next")
walk(pdf.Root.Outlines.First, 0)
PYEOF
	grep -h '^    naam: ' "$P"/content/*.md | sed 's/^    naam: *//; s/^"\(.*\)"$/\1/' >"$T/kpinames.txt"
	n=0
	while IFS= read -r nm; do
		check "bookmark for the KPI '$nm'" grep -qF "$nm" "$T/bookmarks.txt"
		n=$((n + 1))
	done <"$T/kpinames.txt"
	check "all 24 KPIs looked for" test $n -eq 24
	# key figures: every KPI value in the report's summary table equals the site's tile
	$PY - "$T/r.txt" "$O" >"$T/keyfig.txt" 2>&1 <<'PYEOF'
import sys, re, glob, html
txt = open(sys.argv[1], encoding="utf-8").read()
site = ""
for f in glob.glob(sys.argv[2] + "/**/*.html", recursive=True):
    site += open(f, encoding="utf-8").read()
site = html.unescape(site)
vals = re.findall(r"\b(\d{1,3}(?:\.\d{3})*,\d%?)", txt.split("Tabel 2.")[0].split("Tabel 1.")[1])
missing = [v for v in vals if v not in site]
assert len(vals) >= 15, vals
assert not missing, missing
print("ok", len(vals))
PYEOF
	check "the report's key figures are the site's" sh -c "grep -q '^ok' '$T/keyfig.txt'"
	grep -v '^ok' "$T/keyfig.txt" | tail -3
else
	bad "poppler-utils or python3-pikepdf is not installed"
fi

# Workbooks: read back as a manager would (openpyxl), against the open data, and opened by a
# second program: LibreOffice must accept them and print them in a sane number of pages
if $PY -c 'import openpyxl' 2>/dev/null; then
	$PY "$ROOT/tests/xlsxcheck.py" "$O" terugbelverzoeken >"$T/xlsx.txt" 2>&1
	check "workbooks: tables, formats, links, charts and numbers equal to the open data" \
		sh -c "head -n 1 '$T/xlsx.txt' | grep -q '^ok'"
	grep -v '^ok' "$T/xlsx.txt" | head -8
	check "a monthly workbook at a month's end, named after its month" test -s "$O/terugbelverzoeken-2025-12.xlsx"
	check "the downloads page lists it" contains "$O/downloads.html" 'href="terugbelverzoeken-2025-12.xlsx"'
else
	bad "python3-openpyxl is not installed"
fi
if command -v soffice >/dev/null; then
	mkdir -p "$T/lo"
	timeout 300 soffice -env:UserInstallation=file://$T/lo/profile --headless --convert-to pdf --outdir "$T/lo" \
		"$O/mt-rapportage-2025-K4.xlsx" "$O/terugbelverzoeken-2025-12.xlsx" >"$T/lo/log" 2>&1
	qp=$(pdfinfo "$T/lo/mt-rapportage-2025-K4.pdf" 2>/dev/null | awk '/^Pages:/{print $2}')
	mp=$(pdfinfo "$T/lo/terugbelverzoeken-2025-12.pdf" 2>/dev/null | awk '/^Pages:/{print $2}')
	check "LibreOffice prints the quarterly workbook on 25-40 pages (was 96, then 43), got ${qp:-none}" \
		test "${qp:-0}" -ge 25 -a "${qp:-0}" -le 40
	check "LibreOffice prints the monthly workbook on at most 6 pages, got ${mp:-none}" \
		test "${mp:-0}" -ge 3 -a "${mp:-0}" -le 6
	# per sheet, by the title in each page's header: the overview on one or two pages, a KPI's
	# sheet (its chart and last 12 periods) on one
	pdftotext -layout "$T/lo/mt-rapportage-2025-K4.pdf" "$T/lo/mt.txt" 2>/dev/null
	$PY - "$T/lo/mt.txt" >"$T/lo/pages.txt" 2>&1 <<'PYEOF'
import collections, sys
pages = collections.Counter()
for p in open(sys.argv[1], encoding="utf-8").read().split("\f"):
    lines = [l.strip() for l in p.splitlines() if l.strip()]
    if lines:
        pages[lines[0].split("   ")[0]] += 1
ov = sum(n for t, n in pages.items() if t.startswith("MT-rapportage"))
more = {t: n for t, n in pages.items() if n > 1 and not t.startswith("MT-rapportage") and t not in ("Mijlpalen", "Definities")}
print("ok" if 1 <= ov <= 2 and not more else "overview %d pages, more than one page: %s" % (ov, more))
PYEOF
	check "the overview prints on 1-2 pages, every KPI sheet on one: $(cat "$T/lo/pages.txt")" contains "$T/lo/pages.txt" "ok"
	# recalculated by LibreOffice, every share formula gives the value the workbook cached
	mkdir -p "$T/lo/recalc/user" "$T/lo/out"
	cat >"$T/lo/recalc/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
XCU
	timeout 300 soffice -env:UserInstallation=file://$T/lo/recalc --headless --convert-to xlsx --outdir "$T/lo/out" \
		"$O/mt-rapportage-2025-K4.xlsx" >>"$T/lo/log" 2>&1
	$PY - "$O/mt-rapportage-2025-K4.xlsx" "$T/lo/out/mt-rapportage-2025-K4.xlsx" >"$T/lo/recalc.txt" 2>&1 <<'PYEOF'
import sys, openpyxl
ours, cached, theirs = (openpyxl.load_workbook(sys.argv[1]), openpyxl.load_workbook(sys.argv[1], data_only=True),
                        openpyxl.load_workbook(sys.argv[2], data_only=True))
n = 0
for ws in ours.worksheets:
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, str) and c.value.startswith("="):
                a, b = cached[ws.title][c.coordinate].value, theirs[ws.title][c.coordinate].value
                assert (a in (None, "") and b in (None, "")) or abs(a - b) < 1e-12, (ws.title, c.coordinate, a, b)
                n += 1
assert n > 100, n
print("ok", n)
PYEOF
	check "LibreOffice recalculates every share formula to the published value: $(head -c 120 "$T/lo/recalc.txt")" \
		grep -q '^ok' "$T/lo/recalc.txt"
else
	bad "LibreOffice (libreoffice-calc-nogui) is not installed"
fi

# same inputs, same bytes
"$BIN" build -C "$P" -o "$T/out2" 2>/dev/null
check "two builds give identical bytes" diff -r "$T/out1" "$T/out2"
SOURCE_DATE_EPOCH=1700000000 "$BIN" build -C "$P" -o "$T/out3" 2>/dev/null
check "SOURCE_DATE_EPOCH is honoured (PDF date changes)" sh -c "! cmp -s '$T/out1/raadsrapportage-2025.pdf' '$T/out3/raadsrapportage-2025.pdf'"
check "SOURCE_DATE_EPOCH leaves the site alone" cmp "$T/out1/index.html" "$T/out3/index.html"
"$BIN" build -C "$P" -o "$T/out4" --peildatum 2024-12-31 2>/dev/null
check "--peildatum picks the report year" test -s "$T/out4/raadsrapportage-2024.pdf" -a -s "$T/out4/mt-rapportage-2024-K4.xlsx"
check "--peildatum at a year's end: the monthly workbook of December" test -s "$T/out4/terugbelverzoeken-2024-12.xlsx"
"$BIN" build -q -C "$P" -o "$T/out5" --peildatum 2025-11-30 2>/dev/null
check "--peildatum 2025-11-30: the monthly workbook of November" test -s "$T/out5/terugbelverzoeken-2025-11.xlsx"
check "and the quarterly one keeps its quarter's name" test -s "$T/out5/mt-rapportage-2025-K4.xlsx"
"$BIN" build -q -C "$P" -o "$T/out6" --peildatum 2025-11-14 2>/dev/null
check "--peildatum inside a month: no monthly workbook" sh -c "! ls '$T/out6'/terugbelverzoeken-*.xlsx"
check "but the quarterly one" test -s "$T/out6/mt-rapportage-2025-K4.xlsx"
# plain language: no generated sentence over 20 words or with a semicolon, at three reference
# dates (other statuses, other sentences)
$PY "$ROOT/tests/sentences.py" "$O" "$T/out4" "$T/out6" >"$T/sentences.txt" 2>&1
check "every generated sentence has at most 20 words and no semicolon" sh -c "grep -q '^ok' '$T/sentences.txt'"
grep -v '^ok' "$T/sentences.txt" | tail -5
# one status vocabulary: the overview's legend explains exactly the statuses the site shows, at
# three reference dates
for out in "$O" "$T/out4" "$T/out6"; do
	check "the overview's legend explains exactly the statuses shown (${out##*/})" $PY "$ROOT/tests/legend.py" "$out"
done
# everything once: a KPI that splits another's figures (per product, per kind) shows how its
# groups differ, not the same total again; a theme page links to the KPI instead of repeating it
check "a KPI that splits another's total shows its spread" contains "$O/index.html" 'class="spreiding">Best: Milieustraat (9,0).'
check "... and no second chart of the same total" sh -c "! grep -q 'g-klantwaardering-product-trend' '$O'/acties/*.html"
check "theme pages repeat no KPI chart of the action pages" sh -c "! grep -q 'class=\"breed\"' '$O'/themas/terugbelverzoeken.html"
check "theme pages: small multiples on one axis" sh -c "test \$(grep -o '<svg class=\"klein\"' '$O/themas/terugbelverzoeken.html' | wc -l) -ge 8"
# the Teams page: each team goal's KPI with value, target and status, one click from its page
check "the Teams page shows each team goal's KPI status" grep -q 'class="tegel".*status-' "$O/teams/index.html"
check "the Teams page links a KPI to its place on the goal's page" grep -q 'href="../teams/communicatie-persvragen.html#kpi-persvragen"' "$O/teams/index.html"
check "an action page shows how it is going before the SMART text" sh -c "
	awk '{ a = index(\$0, \"Hoe staat het ervoor?\"); b = index(\$0, \"Het doel, \"); if (a && b && a < b) ok = 1 } END { exit !ok }' '$O/acties/terugbelverzoeken.html'"
check "an ambition the programme leaves empty is said to be so" grep -q 'class="leeg"' "$O/teams/wil-integraal-werken.html"
check "--peildatum changes the status" contains "$T/out4/acties/terugbelverzoeken.html" "In december 2024 was het percentage 34,1%."

# --- the programme's own words ---------------------------------------------------------
# abbreviations: the first use on a page is an <abbr> with its meaning, once; the sources page
# lists them all; the report writes each out at its first use in a chapter (a Span with /E)
tr '\n' ' ' <"$T/r.txt" | tr -s ' ' >"$T/r1.txt"
for pair in "teams/vth-apv-vergunningen.html:VTH:Vergunningverlening, Toezicht en Handhaving" \
	"teams/vth-apv-vergunningen.html:APV:Algemene Plaatselijke Verordening" \
	"teams/arca-groentechnisch-beheer.html:ARCA:het team dat samen met Groentechnisch beheer de meldingen in Fixi afhandelt" \
	"acties/duidelijke-communicatie.html:KCC:klantcontactcentrum" \
	"acties/terugbelverzoeken.html:MT:managementteam"; do
	page=${pair%%:*} rest=${pair#*:} ab=${rest%%:*} full=${rest#*:}
	check "$page marks $ab with its meaning" contains "$O/$page" "<abbr title=\"$full\">$ab</abbr>"
	check "$page marks $ab once" test "$(grep -o "<abbr title=\"[^\"]*\">$ab</abbr>" "$O/$page" | wc -l)" -eq 1
	check "the sources page lists $ab" grep -qE "<dt>(<abbr[^>]*>)?$ab(</abbr>)?</dt><dd>$full</dd>" "$O/bronnen.html"
	check "the report writes $ab out" contains "$T/r1.txt" "$ab ($full)"
done
check "no <abbr> inside a chart" $PY -c "
import re, sys
sys.exit(any('<abbr' in g for g in re.findall(r'<svg.*?</svg>', open(sys.argv[1], encoding='utf-8').read(), re.S)))" \
	"$O/acties/terugbelverzoeken.html"
$PY - "$R" >"$T/spans.txt" 2>&1 <<'PYEOF'
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
n = sum(1 for o in pdf.objects if isinstance(o, pikepdf.Dictionary) and o.get("/S") == "/Span" and "/E" in o)
print("ok" if n >= 10 else "only", n)
PYEOF
check "the report's abbreviations are Spans with their expansion (/E)" sh -c "grep -q '^ok' '$T/spans.txt'"
# the check reads the programme's text: every abbreviation in it is explained
"$BIN" check -C "$P" >"$T/check.txt" 2>&1
check "meetlat check reads the programme's text and sums it up" \
	contains "$T/check.txt" "content: let op: duidelijke taal: "
check "meetlat check: no abbreviation left unexplained" sh -c "! grep -q 'wordt nergens uitgelegd' '$T/check.txt'"
"$BIN" check -q -C "$P" >"$T/checkq.txt" 2>&1
check "meetlat check -q: no notices" sh -c "! grep -q 'let op' '$T/checkq.txt'"
# every inference is labelled where it is shown, and listed on the sources page
check "an owner the programme does not name is marked" contains "$O/acties/dashboard-dienstverlening.html" \
	'Subteam Dienstverlening <span class="afgeleid">(afgeleid)</span>'
check "with its reason" contains "$O/acties/dashboard-dienstverlening.html" "<strong>Afgeleid (eigenaar).</strong>"
check "a milestone with a supplied year is marked, its reason said once" \
	contains "$O/teams/vth-apv-vergunningen.html" "<strong>Afgeleid (4 mijlpalen).</strong>"
check "the sources page lists the owners and milestones" contains "$O/bronnen.html" "<h3>Eigenaars en mijlpalen</h3>"
check "the sources page lists how we reckon a path" contains "$O/bronnen.html" "Op koers, risico en achter"
check "the report lists them too" contains "$T/r.txt" "Wat verder is afgeleid, en waar de reden staat"
check "the workbook lists every milestone's reason and the abbreviations" $PY -c "
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
s = z.read('xl/sharedStrings.xml').decode()
sys.exit(not ('Het overzicht is voor 2024' in s and 'Vergunningverlening, Toezicht en Handhaving' in s))" "$O/mt-rapportage-2025-K4.xlsx"
# the programme's text says where it comes from; its B1 measure applied to itself
check "an action page: the programme's words are from 2023" contains "$O/acties/terugbelverzoeken.html" "Uit het programma (2023)."
check "the report says so too" contains "$T/r.txt" "Uit het programma (2023)"
check "the sources page: the share of short sentences per page" contains "$O/bronnen.html" "Zinnen van ten hoogste 20 woorden, per pagina"
check "the report leaves out the technical part" sh -c "! grep -qE 'maat: termijn|± t|data/' '$T/r.txt'"
check "the sources page keeps it" contains "$O/bronnen.html" "gemiddelde ± t × s ÷ √n"

# --- the hand-computed fixture ----------------------------------------------------------
F=$(project fixture "$ROOT/tests/e2e/fixture")
"$BIN" build -C "$F" 2>"$T/fx.err"; rc=$?
check "fixture builds" test $rc -eq 0
check "fixture figures match the hand computation" cmp "$F/output/data/terugbelverzoeken.csv" \
	"$ROOT/tests/e2e/fixture/expected/terugbelverzoeken.csv"
check "fixture reference date: the last complete month in the data" contains "$F/output/bronnen.html" "30 april 2024"
check "the May requests are named as after the reference date" contains "$T/fx.err" \
	"data/terugbelverzoeken.csv:5: let op: 3 regels beginnen na de peildatum (30 april 2024), tot 14 mei 2024; die tellen pas mee in een volgende editie"

# privacy: no personal column reaches any output or message
mkdir -p "$T/unzip" && (cd "$T/unzip" && $PY -c 'import zipfile,sys; zipfile.ZipFile(sys.argv[1]).extractall()' "$F/output/mt-rapportage-2024-K2.xlsx")
pdftotext "$F/output/raadsrapportage-2024.pdf" "$T/fx.txt" 2>"$T/fx.pdferr"
check "fixture PDF: pdftotext prints no warning" test ! -s "$T/fx.pdferr"
check "fixture PDF: quotes and diaeresis come out right" contains "$T/fx.txt" "‘terugbelverzoek’ vraagt. Elke maand wordt dit geëvalueerd."
check "fixture PDF: a milestone done is ● gereed" contains "$T/fx.txt" "● gereed"
$PY "$ROOT/tests/pdfcheck.py" "$F/output/raadsrapportage-2024.pdf" >"$T/fxcheck.txt" 2>&1
check "fixture PDF: structure checks" sh -c "head -n 1 '$T/fxcheck.txt' | grep -qx ok"
$PY "$ROOT/tests/pdfcheck.py" "$F/output/raadsrapportage-2024.pdf" --headings "$T/fxhead-numbered.txt" >/dev/null 2>&1
sed -E 's/^(H[0-9])\t[0-9]+(\.[0-9]+)* /\1\t/' "$T/fxhead-numbered.txt" >"$T/fxhead.txt"
pdfinfo -struct-text "$F/output/raadsrapportage-2024.pdf" >"$T/fxstruct.txt" 2>/dev/null
check "fixture PDF: poppler's structure text has the action's title" contains "$T/fxstruct.txt" "Terugbellen binnen twee werkdagen"
check "fixture PDF: and so does pdfcheck.py's" grep -qxF "H2	Terugbellen binnen twee werkdagen" "$T/fxhead.txt"
check "fixture PDF: poppler finds every heading pdfcheck.py finds" sh -c "
	cut -f2 '$T/fxhead.txt' | tail -n +2 | while IFS= read -r h; do grep -qF -- \"\$h\" '$T/fxstruct.txt' || exit 1; done"
# (the PDF and the workbook are compressed: their text is checked after extraction)
leak=$(grep -rlE 'Geheime|06[0-9]{8}' --exclude='*.pdf' --exclude='*.xlsx' "$F/output" "$T/unzip" "$T/fx.txt" "$T/fx.err" 2>/dev/null)
check "no name or phone number in any output" test -z "$leak"
[ -n "$leak" ] && echo "leaked into: $leak"

# a failed build leaves the previous output exactly as it was
(cd "$F/output" && find . -type f -exec md5sum {} + | sort) >"$T/before.md5"
printf '8;A;"1-6-2024\n' >>"$F/data/terugbelverzoeken.csv"
"$BIN" build -C "$F" 2>"$T/fail.err"; rc=$?
check "broken input exits 1" test $rc -eq 1
(cd "$F/output" && find . -type f -exec md5sum {} + | sort) >"$T/after.md5"
check "previous output untouched" cmp "$T/before.md5" "$T/after.md5"
check "no temporary folder left" sh -c "! ls -d '$F'/output.tmp-* 2>/dev/null"
check "failure message names file, line and column" contains "$T/fail.err" "data/terugbelverzoeken.csv:9:3: fout:"
check "failure message says output is unchanged" contains "$T/fail.err" "de vorige uitvoer is niet veranderd"
grep -qE 'Geheime|06[0-9]{8}' "$T/fail.err" && bad "personal data in an error message"

# every suppressed group is listed on the sources page, however many there are
S=$(project many "$ROOT/tests/e2e/fixture")
cat >"$S/content/20-waardering.md" <<'MD'
---
titel: Waardering
soort: teamdoel
eigenaar: Team X
kpi:
  - {id: w, naam: Waardering per product, maat: gemiddelde, bron: w.csv, datum: datum, kolom: cijfer, groep: product, per: jaar, richting: hoger}
---
## Specifiek

Proef.
MD
{ echo "datum;product;cijfer"; for i in $(seq 1 70); do echo "2024-05-31;Product $i;8"; done; } >"$S/data/w.csv"
"$BIN" build -C "$S" -o "$T/many-out" 2>/dev/null
check "all 70 suppressed groups are listed" test "$(grep -o 'Waardering per product: Product [0-9]*, 2024' "$T/many-out/bronnen.html" | wc -l)" -eq 70

# --- editions: what was published, and what changed since ---------------------------------
E=$(project editions "$ROOT/tests/e2e/fixture")
"$BIN" build -q -C "$E" --peildatum 2024-04-30 --publiceer >"$T/ed1.err" 2>&1; rc=$?
R1=$E/edities/editie-2024-04-30.csv
check "build --publiceer succeeds" test $rc -eq 0
check "and keeps the edition beside content/ and data/" test -s "$R1"
check "the record names its reference date" grep -q '^editie;;;2024-04-30;' "$R1"
check "the record holds the organisation's figures" grep -q '^cijfer;terugbelverzoeken;Totaal;2024-03;33,3;definitief;;3;0;' "$R1"
check "the record ends with its check" sh -c "tail -n 1 '$R1' | grep -qE '^controle;;;;[0-9a-f]{64};'"
cp "$R1" "$T/record1.csv"
"$BIN" build -q -C "$E" --peildatum 2024-04-30 --publiceer >/dev/null 2>&1; rc=$?
check "publishing the same edition again: same record, byte for byte" sh -c "test $rc -eq 0 && cmp '$R1' '$T/record1.csv'"
"$BIN" build -q -C "$E" --peildatum 2024-04-30 >/dev/null 2>&1
check "an ordinary build writes no record" sh -c "ls '$E/edities' | wc -l | grep -qx 1"
# a late export adds a row for March; the next quarter's build shows what changed
echo '8;A;27-3-2024 09:00;Geheime Naam Acht;0688888888;2-4-2024 09:00' >>"$E/data/terugbelverzoeken.csv"
"$BIN" build -q -C "$E" --peildatum 2024-07-15 >/dev/null 2>&1
EO=$E/output
check "overview: what changed since the previous edition" contains "$EO/index.html" "Sinds de vorige editie, met peildatum 30 april 2024."
check "a revised figure with both values and the reason" contains "$EO/index.html" \
	"Herzien: Terugbelverzoeken buiten termijn in maart 2024. Eerder 33,3%, nu 50,0%. Er zijn sindsdien regels bijgekomen voor die periode."
check "a milestone that became overdue" contains "$EO/index.html" "Mijlpaal over datum, geen nieuws: Rapportage live"
check "open data: the earlier published value beside a revised figure" grep -q '^organisatie;Totaal;2024-03;4;2;0;50,0;definitief;33,3' "$EO/data/terugbelverzoeken.csv"
check "site tables: the column of revised figures" contains "$EO/acties/terugbellen.html" '<th scope="col" class="getal">Eerder gepubliceerd</th>'
check "chart: a revised point is an open ring" grep -q 'r="5" fill="#fff"' "$EO/acties/terugbellen.html"
check "chart: its description says so" contains "$EO/acties/terugbellen.html" "Herzien: mrt 2024, eerder 33,3%."
check "the archive: the record as open data" cmp "$EO/edities/editie-2024-04-30.csv" "$T/record1.csv"
check "the archive: a page that lists the editions" contains "$EO/edities.html" '<th scope="row" class="datum">30 april 2024</th>'
check "the archive: what changed from one edition to the next" contains "$EO/edities.html" "De eerste editie."
check "the archive: in the menu once there are editions" contains "$EO/index.html" '<a href="edities.html">Edities</a>'
check "the overview's legend explains exactly the statuses shown, with a previous edition" $PY "$ROOT/tests/legend.py" "$EO"
check "no archive in the menu without editions" sh -c "! grep -q 'edities.html\">Edities' '$O/index.html'"
pdftotext "$EO/raadsrapportage-2024.pdf" "$T/ed.txt" 2>/dev/null
check "PDF summary: what changed" contains "$T/ed.txt" "Wat is er veranderd"
# (the report's lines are about 70 characters: the sentence is looked for with its line breaks
# and the hyphens they add taken out)
sed ':a;N;$!ba;s/-\n//g;s/\n/ /g' "$T/ed.txt" >"$T/ed-flat.txt"
check "PDF: the revised figure" contains "$T/ed-flat.txt" "Herzien: Terugbelverzoeken buiten termijn in maart 2024. Eerder 33,3%, nu 50,0%."
$PY - "$EO/mt-rapportage-2024-K3.xlsx" >"$T/edx.txt" 2>&1 <<'PYEOF'
import re, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
def first_row(ws, name):
    return int(re.match(r"[A-Z]+(\d+)", ws.tables[name].ref).group(1))
ov = wb["Overzicht"]
r0 = first_row(ov, "tabel_overzicht")
head = [c.value for c in ov[r0]]
row = [c.value for c in ov[r0 + 1]]
assert head[14:] == ["Vorige editie", "Periode vorige editie"], head
assert row[14] == 0.333 and row[15] == "mrt 2024", row
sheet = [ws for ws in wb.worksheets if ws.title.startswith("Terugbelverzoeken")][0]
cols = [c.value for c in sheet[first_row(sheet, "tabel_terugbelverzoeken")]]
assert "Eerder gepubliceerd (%)" in cols, cols
print("ok")
PYEOF
check "workbook: the previous edition's value beside this one, and revised figures" contains "$T/edx.txt" "ok"
$PY "$ROOT/tests/xlsxcheck.py" "$EO" >"$T/edxc.txt" 2>&1
check "workbook with revisions: numbers equal to the open data" sh -c "grep -q '^ok' '$T/edxc.txt'"
# publishing another edition for a date that has one: refused, both kept as they were
(cd "$EO" && find . -type f -exec md5sum {} + | sort) >"$T/ed.before"
"$BIN" build -q -C "$E" --peildatum 2024-04-30 --publiceer >"$T/ed3.err" 2>&1; rc=$?
(cd "$EO" && find . -type f -exec md5sum {} + | sort) >"$T/ed.after"
check "a second, different edition for one date is refused" test $rc -eq 1
check "with a message that says what to do" contains "$T/ed3.err" "er is al een editie met peildatum 30 april 2024, met andere cijfers"
check "it offers a correction, not the removal of the record" sh -c "grep -q 'make correctie' '$T/ed3.err' && ! grep -q 'uit de map' '$T/ed3.err'"
check "and lists what differs, at the record's line" contains "$T/ed3.err" \
	"edities/editie-2024-04-30.csv:6: waarschuwing: Terugbelverzoeken buiten termijn, maart 2024: gepubliceerd 33,3%, nu 50,0%"
check "the first record stays as it was" cmp "$R1" "$T/record1.csv"
check "and so does the output" cmp "$T/ed.before" "$T/ed.after"
# publishing it as a correction: a record of its own beside the first, both in the history
"$BIN" build -q -C "$E" --peildatum 2024-04-30 --publiceer --correctie >"$T/ed4.err" 2>&1; rc=$?
RC=$E/edities/editie-2024-04-30-correctie-1.csv
check "a correction is published (exit $rc)" test $rc -eq 0 -a -s "$RC"
check "the record says it is a correction, and of which record" grep -q '^correctie;;;;1;;;;;;;;editie-2024-04-30.csv' "$RC"
check "the edition it corrects stays as it was" cmp "$R1" "$T/record1.csv"
check "the history shows both" sh -c "grep -q '30 april 2024<br>correctie 1</th><td class=\"tekst\">[^<]*</td><td><a href=\"edities/editie-2024-04-30-correctie-1.csv\"' '$EO/edities.html' && grep -q '30 april 2024</th><td class=\"tekst\">[^<]*</td><td><a href=\"edities/editie-2024-04-30.csv\"' '$EO/edities.html'"
check "and keeps both records" sh -c "cmp '$EO/edities/editie-2024-04-30.csv' '$R1' && cmp '$EO/edities/editie-2024-04-30-correctie-1.csv' '$RC'"
"$BIN" build -q -C "$E" --peildatum 2024-04-30 >"$T/ed5.err" 2>&1
check "after the correction the same figures say nothing" sh -c "! grep -q 'waarschuwing' '$T/ed5.err'"
"$BIN" build -q -C "$E" --peildatum 2024-04-30 --publiceer >"$T/ed6.err" 2>&1; rc=$?
check "publishing the corrected figures again: nothing new (exit $rc)" sh -c "test $rc -eq 0 && test \$(ls '$E/edities' | wc -l) -eq 2"
"$BIN" build -q -C "$E" --peildatum 2024-07-15 >/dev/null 2>&1
check "the next edition compares with the correction" sh -c "! grep -q 'Herzien: Terugbelverzoeken buiten termijn in maart 2024' '$EO/index.html'"

# line ends converted (as git or an editor may do): still the same record
L=$(project lf "$ROOT/tests/e2e/fixture")
mkdir -p "$L/edities" && sed 's/\r$//' "$T/record1.csv" >"$L/edities/editie-2024-04-30.csv"
"$BIN" build -q -C "$L" --peildatum 2024-05-14 >/dev/null 2>&1
check "a record with its line ends converted is still read" contains "$L/output/index.html" "Sinds de vorige editie, met peildatum 30 april 2024."
# a published figure that is not shown any more is said, not dropped silently
sed -i '/^3;B;29-3-2024/d' "$L/data/terugbelverzoeken.csv"
"$BIN" build -q -C "$L" --peildatum 2024-05-14 >/dev/null 2>&1
check "a published figure that is gone is said" contains "$L/output/index.html" "Niet meer getoond: 1 eerder gepubliceerd cijfer van Terugbelverzoeken buiten termijn."
# a reported value with a fraction survives the record and the next build; a percentage
# outside 0-100 (a typo) is refused at its line and column
N=$(project fraction "$ROOT/tests/regress/proef")
sed -i 's/^taal;2024;74/taal;2024;3,5/' "$N/data/kpi.csv"
"$BIN" build -q -C "$N" --publiceer >/dev/null 2>&1
"$BIN" build -q -C "$N" --peildatum 2024-09-30 >"$T/neg.err" 2>&1; rc=$?
check "a figure with a fraction in a record is read back (exit $rc)" sh -c "test $rc -eq 0 && grep -q '^cijfer;taal;Totaal;2024;3,5;' '$N/edities/editie-2024-06-30.csv'"
sed -i 's/^taal;2024;3,5/taal;2024;-3,5/' "$N/data/kpi.csv"
"$BIN" check -q -C "$N" >"$T/neg.err" 2>&1; rc=$?
check "a negative percentage is refused (exit $rc)" test $rc -eq 1
check "at its line and column, saying why" grep -q "^data/kpi.csv:[0-9]*:3: fout: '-3,5' ligt niet tussen 0 en 100, en dat kan niet voor een percentage" "$T/neg.err"

# hand-made records: each kind of change is detected and said
H2=$(project handmade "$ROOT/tests/e2e/fixture")
mkdir -p "$H2/edities"
cat >"$T/hand.py" <<'PYEOF'
import hashlib, sys
lines = open(sys.argv[1], encoding="utf-8", newline="").read().split("\r\n")[:-2]  # without the check
out = []
for l in lines:
    f = l.split(";")
    if f[0] == "kpi":
        f[6] = "risico"                          # the status then
        out.append(";".join(f))
        out.append("kpi;oud;;2024-03;;definitief;geen doel;;;nee;0123456789abcdef;0123456789abcdef;Oude KPI")
        continue
    if f[0] == "cijfer" and f[2] == "Totaal" and f[3] == "2024-03":
        f[4], f[5], f[8] = "40,0", "voorlopig", "1"  # provisional, one request still open
    if f[0] == "mijlpaal" and f[12] == "Gestart":
        f[6] = "loopt"
    if f[0] == "bron" and len(sys.argv) < 4:
        f[10] = "0123456789abcdef"               # the export then was another one
    out.append(";".join(f))
body = "\r\n".join(out) + "\r\n"
check = hashlib.sha256(body.replace("\r", "").encode()).hexdigest()
open(sys.argv[2], "w", encoding="utf-8", newline="").write(body + "controle;;;;" + check + ";;;;;;;;\r\n")
PYEOF
$PY "$T/hand.py" "$T/record1.csv" "$H2/edities/editie-2024-04-30.csv"
"$BIN" build -q -C "$H2" --peildatum 2024-05-14 >"$T/h2.err" 2>&1; rc=$?
check "a hand-made record with a valid check is read" test $rc -eq 0
for s in "Terugbelverzoeken buiten termijn: de status was risico, nu nog onzeker." "Niet meer gemeten: Oude KPI." \
	"Mijlpaal gereed: Gestart (Terugbellen binnen twee werkdagen)." \
	"Eerder 40,0%, nu 33,3%. Lopende zaken zijn sindsdien afgehandeld."; do
	check "hand-made record: '$s'" contains "$H2/output/index.html" "$s"
done
# the same record, but with the fingerprint of the export as it is: an export that did not
# change revises nothing, whatever the record says
H3=$(project unchanged "$ROOT/tests/e2e/fixture")
mkdir -p "$H3/edities"
$PY "$T/hand.py" "$T/record1.csv" "$H3/edities/editie-2024-04-30.csv" same
"$BIN" build -q -C "$H3" --peildatum 2024-05-14 >/dev/null 2>&1
check "an unchanged export: no revision" sh -c "! grep -q 'Herzien:' '$H3/output/index.html'"
check "and a changed status says what moved it: a later period, not the data" contains "$H3/output/index.html" "Er is een nieuw cijfer: "
# a definition changed in the content: said, and the reason of the revised figure
sed -i 's/termijn: 2 werkdagen/termijn: 3 werkdagen/' "$H2/content/10-terugbellen.md"
"$BIN" build -q -C "$H2" --peildatum 2024-05-14 >/dev/null 2>&1
check "a changed definition is said" contains "$H2/output/index.html" "De berekening van Terugbelverzoeken buiten termijn is veranderd in het programma."
check "and is the reason of the revised figure" contains "$H2/output/index.html" "De berekening is veranderd."
sed -i 's/{waarde: 30, datum: 2024-12-31}/{waarde: 25, datum: 2024-12-31}/' "$H2/content/10-terugbellen.md"
"$BIN" build -q -C "$H2" --peildatum 2024-05-14 >/dev/null 2>&1
check "a changed target is said" contains "$H2/output/index.html" "Het doel van Terugbelverzoeken buiten termijn is veranderd in het programma."

# Broken inputs: tests/e2e/broken/NAME/ holds files laid over the fixture and expected.err,
# every message of a build in order (and expected.status when the build must still succeed;
# expected.check, when there, every message of 'meetlat check'); make.sh, when there is one,
# makes more inputs in the copy (workbooks: no binary files in git).
# A failed build leaves the previous output exactly as it was.
G=$(project good "$ROOT/tests/e2e/fixture")
"$BIN" build -q -C "$G" -o "$T/prev" >/dev/null 2>&1
check "the fixture's output for the broken cases exists" test -f "$T/prev/index.html"
for case in "$ROOT"/tests/e2e/broken/*/; do
	name=$(basename "$case")
	B=$(project "broken-$name" "$ROOT/tests/e2e/fixture" "$case")
	# a case may make its inputs (a workbook, say) with make.sh, run in the project folder
	[ -f "$B/make.sh" ] && { (cd "$B" && ROOT="$ROOT" sh ./make.sh) || echo "broken: make.sh of $name failed" >&2; rm -f "$B/make.sh"; }
	rm -f "$B/expected.err" "$B/expected.status"
	want=1
	[ -f "$case/expected.status" ] && want=$(cat "$case/expected.status")
	rm -rf "$T/prev-$name" && cp -R "$T/prev" "$T/prev-$name"
	(cd "$T/prev-$name" && find . -type f -exec md5sum {} + | sort) >"$T/$name.before"
	(cd "$B" && timeout 60 "$BIN" build -o "$T/prev-$name") 2>&1 | sed "s|$T/prev-$name|OUTPUT|g" >"$T/$name.out"
	rc=$(cd "$B" && timeout 60 "$BIN" check >"$T/$name.check" 2>&1; echo $?)
	if [ "$rc" -eq "$want" ] && diff -u "$case/expected.err" "$T/$name.out" >"$T/$name.diff"; then ok; else
		bad "diagnostics for $name (exit $rc, want $want)"; cat "$T/$name.diff"; fi
	# expected.check: every message of 'meetlat check', which also reads the text (plain language)
	if [ -f "$case/expected.check" ]; then
		if diff -u "$case/expected.check" "$T/$name.check" >"$T/$name.cdiff"; then ok; else
			bad "meetlat check for $name"; cat "$T/$name.cdiff"; fi
	fi
	if [ "$want" -eq 1 ]; then
		(cd "$T/prev-$name" && find . -type f -exec md5sum {} + | sort) >"$T/$name.after"
		check "$name: previous output untouched" cmp "$T/$name.before" "$T/$name.after"
	fi
	grep -qE 'Geheime|06[0-9]{8}|123456782' "$T/$name.out" && bad "$name: personal data in a message"
done

# --- exports as Excel workbooks (README: data/) ------------------------------------------
# the shipped callback export saved as a workbook by openpyxl (dates as dates, numbers as
# numbers, the phone numbers as text) in place of its CSV file: the same open data, byte for byte
XM=$T/xlsx-main
mkdir -p "$XM" && cp -R "$ROOT/content" "$ROOT/data" "$XM/" && ln -s "$ROOT/themes" "$XM/themes"
$PY "$ROOT/tests/e2e/csv2xlsx.py" "$XM/data/terugbelverzoeken.csv" "$XM/data/terugbelverzoeken.xlsx" &&
	rm "$XM/data/terugbelverzoeken.csv"
"$BIN" build -q -C "$XM" -o "$T/outx" 2>"$T/xlsx-main.err"; rc=$?
check "the shipped programme with its callback export as a workbook builds (exit $rc)" test $rc -eq 0
check "and gives the same open data, byte for byte" diff -r "$O/data" "$T/outx/data"
check "the sources page names the workbook it read" contains "$T/outx/bronnen.html" "terugbelverzoeken.xlsx"
# the fixture as a workbook with an explanation sheet first and a title above the header:
# 'blad' picks the sheet, the header row is found, or stated with 'kopregel'
XF=$(project xlsx-fixture "$ROOT/tests/e2e/fixture")
$PY "$ROOT/tests/e2e/csv2xlsx.py" "$XF/data/terugbelverzoeken.csv" "$XF/data/terugbelverzoeken.xlsx" --sheet Export \
	--title "Terugbelverzoeken" --first-sheet Uitleg && rm "$XF/data/terugbelverzoeken.csv"
sed -i 's/^    bron: terugbelverzoeken.csv$/    bron: terugbelverzoeken\n    blad: Export/' "$XF/content/10-terugbellen.md"
"$BIN" build -C "$XF" 2>"$T/xlsx-fixture.err"; rc=$?
check "fixture as a workbook: builds (exit $rc)" test $rc -eq 0
check "fixture as a workbook: the hand-computed figures" cmp "$XF/output/data/terugbelverzoeken.csv" \
	"$ROOT/tests/e2e/fixture/expected/terugbelverzoeken.csv"
sed -i 's/^    blad: Export$/    blad: Export\n    kopregel: 3/' "$XF/content/10-terugbellen.md"
"$BIN" build -C "$XF" -o "$T/xlsx-fixture-3" 2>>"$T/xlsx-fixture.err"; rc=$?
check "fixture as a workbook with 'kopregel: 3': the same figures (exit $rc)" cmp \
	"$T/xlsx-fixture-3/data/terugbelverzoeken.csv" "$ROOT/tests/e2e/fixture/expected/terugbelverzoeken.csv"
leak=$(grep -rlE 'Geheime|06[0-9]{8}' --exclude='*.pdf' --exclude='*.xlsx' "$XF/output" "$T/xlsx-fixture-3" \
	"$T/xlsx-fixture.err" 2>/dev/null)
check "fixture as a workbook: no name or phone number in any output or message" test -z "$leak"
# 300.000 rows with personal columns in the shared strings (mkxlsx writes them as Excel does):
# read in bounded memory (measured without the sanitizers, which need memory of their own)
XB=$T/xlsx-big
mkdir -p "$XB/content" "$XB/data" && ln -s "$ROOT/themes" "$XB/themes"
cat >"$XB/content/10-terugbellen.md" <<'MD'
---
titel: Terugbelverzoeken
soort: actie
eigenaar: Subteam Dienstverlening
kpi:
  - {id: terugbelverzoeken, naam: Terugbelverzoeken buiten termijn, maat: termijn, bron: terugbelverzoeken,
     start: aangemaakt, einde: teruggebeld, termijn: 2 werkdagen, per: maand, groep: team, richting: lager,
     doelen: [{waarde: 30, datum: 2024-12-31}]}
---
## Specifiek

Groot.
MD
"$ROOT/build/mkdata" bench 300000 "$T/big.csv" && "$ROOT/build/mkxlsx" csv "$T/big.csv" "$XB/data/terugbelverzoeken.xlsx"
rm -f "$T/big.csv"
/usr/bin/time -f %M -o "$T/big.mem" "$BIN" check -q -C "$XB" 2>"$T/big.err"; rc=$?
check "a workbook of 300.000 rows is read (exit $rc)" test $rc -eq 0
case $BIN in
*asan*) ;;
*) check "in less than 96 MB ($(tail -n 1 "$T/big.mem") kB)" test "$(tail -n 1 "$T/big.mem")" -lt 98304 ;;
esac
# a shared-strings bomb (4 GB from 4 MB), honest about its size or not: refused in seconds
for kind in bomb bomb-lie; do
	"$ROOT/build/mkxlsx" $kind "$XB/data/terugbelverzoeken.xlsx"
	start=$(date +%s)
	/usr/bin/time -f %M -o "$T/$kind.mem" "$BIN" check -q -C "$XB" >"$T/$kind.err" 2>&1; rc=$?
	check "a shared-strings bomb ($kind) is refused (exit $rc)" test $rc -eq 1
	check "$kind: with a message about the part" contains "$T/$kind.err" "'xl/sharedStrings.xml'"
	check "$kind: in seconds" test $(($(date +%s) - start)) -le 5
	check "$kind: in little memory ($(tail -n 1 "$T/$kind.mem") kB)" test "$(tail -n 1 "$T/$kind.mem")" -lt 98304
done

# command line
"$BIN" >/dev/null 2>&1; check "no command exits 2" test $? -eq 2
"$BIN" bouw >/dev/null 2>&1; check "unknown command exits 2" test $? -eq 2
"$BIN" build --peildatum 31-02-2024 >/dev/null 2>&1; check "bad --peildatum exits 2" test $? -eq 2
"$BIN" check -o x >/dev/null 2>&1; check "check -o exits 2" test $? -eq 2
"$BIN" --help | grep -q "meetlat build"; check "--help is Dutch usage" test $? -eq 0
"$BIN" --version | grep -q "^meetlat "; check "--version" test $? -eq 0
mkdir -p "$T/notours" && echo keep >"$T/notours/file.txt"
"$BIN" build -C "$F" -o "$T/notours" >/dev/null 2>&1; rc=$?
check "refuses to replace a folder meetlat did not make" test $rc -eq 1 -a -f "$T/notours/file.txt"

"$BIN" build -o '' >/dev/null 2>&1; check "-o '' is wrong usage (exit 2)" test $? -eq 2
"$BIN" build -C '' >/dev/null 2>&1; check "-C '' is wrong usage (exit 2)" test $? -eq 2

# --- make: the secretary's command (README, "Elk kwartaal") -----------------------------------
# The Makefile in a project folder with this binary as ./meetlat, compiled already (the sources
# are older than the objects): `make` always runs the build, so a deleted file or an export
# with an older date is never missed, and input problems end make with meetlat's status and
# messages, without make's own "***" banner.
if command -v make >/dev/null; then
	MKP=$(project makefile "$ROOT/tests/e2e/fixture")
	mkdir -p "$MKP/tools" "$MKP/generator" "$MKP/docs" "$MKP/build/obj"
	cp "$ROOT/Makefile" "$MKP/"
	printf '#!/bin/sh\nexit 0\n' >"$MKP/tools/deps.sh"
	: >"$MKP/generator/main.c" && : >"$MKP/docs/definities.md"
	touch -d '2001-01-01' "$MKP/generator/main.c" "$MKP/docs/definities.md"
	: >"$MKP/build/definities.c" && touch -d '2001-01-02' "$MKP/build/definities.c"
	: >"$MKP/build/obj/main.o" && : >"$MKP/build/obj/definities.o"
	touch -d '2001-01-03' "$MKP/build/obj/main.o" "$MKP/build/obj/definities.o"
	cp "$BIN" "$MKP/meetlat"
	mk() { (cd "$MKP" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make "$@"); }
	mk >"$T/make1.err" 2>&1; rc=$?
	check "make builds (exit $rc)" sh -c "test $rc -eq 0 && grep -q '^meetlat: klaar' '$T/make1.err'"
	: >"$MKP/data/voorbeelddata.txt"
	mk >/dev/null 2>&1
	check "make: example data is said on the site" contains "$MKP/output/index.html" "Voorbeelddata"
	rm "$MKP/data/voorbeelddata.txt"
	mk >"$T/make2.err" 2>&1; rc=$?
	check "make after deleting voorbeelddata.txt builds again (exit $rc)" sh -c "test $rc -eq 0 && ! grep -q Voorbeelddata '$MKP/output/index.html'"
	cp "$MKP/output/data/terugbelverzoeken.csv" "$T/make-od.csv"
	echo '8;A;27-3-2024 09:00;Geheime Naam Acht;0688888888;2-4-2024 09:00' >>"$MKP/data/terugbelverzoeken.csv"
	touch -d '2001-01-01' "$MKP/data/terugbelverzoeken.csv"
	mk >/dev/null 2>&1
	check "make after copying in an export with an older date builds again" sh -c "! cmp -s '$T/make-od.csv' '$MKP/output/data/terugbelverzoeken.csv'"
	cp "$MKP/data/terugbelverzoeken.csv" "$T/make-good.csv"
	printf '9;A;31-4-2024 09:00;Geheime Naam;0611111111;\n' >>"$MKP/data/terugbelverzoeken.csv"
	mk >"$T/make3.err" 2>&1; rc=$?
	check "make with a problem in the inputs ends with meetlat's status 1 (got $rc)" test $rc -eq 1
	check "and meetlat's message" contains "$T/make3.err" "data/terugbelverzoeken.csv:10:3: fout: kolom 'aangemaakt': '31-4-2024 09:00' is geen datum. April 2024 heeft 30 dagen"
	check "and no banner of make's own" sh -c "! grep -q '\\*\\*\\*\\|^make' '$T/make3.err'"
	mk -n >"$T/make4.out" 2>&1; rc=$?
	check "make -n only shows what it would run (exit $rc)" sh -c "test $rc -eq 0 && grep -q '^./meetlat build$' '$T/make4.out' && ! grep -q 'fout' '$T/make4.out'"
	cp "$T/make-good.csv" "$MKP/data/terugbelverzoeken.csv"
	mk publiceer >/dev/null 2>&1; rc=$?
	check "make publiceer keeps the edition (exit $rc)" test $rc -eq 0 -a -s "$MKP/edities/editie-2024-04-30.csv"
	echo '9;B;27-3-2024 09:00;Geheime Naam;0611111111;3-4-2024 09:00' >>"$MKP/data/terugbelverzoeken.csv"
	mk publiceer >"$T/make5.err" 2>&1; rc=$?
	check "make publiceer with other figures for the date: exit 1, what differs, no banner" sh -c "test $rc -eq 1 && grep -q 'maart 2024: gepubliceerd 50,0%, nu 60,0%' '$T/make5.err' && grep -q 'make correctie' '$T/make5.err' && ! grep -q '\\*\\*\\*' '$T/make5.err'"
	mk correctie >"$T/make6.err" 2>&1; rc=$?
	check "make correctie keeps a correction beside the edition (exit $rc)" sh -c "test $rc -eq 0 && test -s '$MKP/edities/editie-2024-04-30-correctie-1.csv' && test -s '$MKP/edities/editie-2024-04-30.csv'"
else
	bad "make is not installed"
fi

# --- output ownership: only what meetlat provably wrote is ever replaced -------------------
sums() { (cd "$1" && find . -type f -exec md5sum {} + | sort); }
# README step 5 gone wrong: the output copied into a share that holds another department's
# pages, then a build aimed at that share
"$BIN" build -q -C "$G" -o "$T/own" >/dev/null 2>&1
mkdir -p "$T/share" && cp -R "$T/own"/. "$T/share"/ && mkdir -p "$T/share/ruimte" && echo keep >"$T/share/ruimte/index.html"
sums "$T/share" >"$T/share.before"
"$BIN" build -C "$G" -o "$T/share" >"$T/share.err" 2>&1; rc=$?
sums "$T/share" >"$T/share.after"
check "a folder with foreign files is refused (exit 1)" test $rc -eq 1
check "nothing in it is deleted or changed" cmp "$T/share.before" "$T/share.after"
check "the refusal names what is foreign" contains "$T/share.err" "ruimte"
# a file of the output changed by hand is not meetlat's any more
sed -i 's/Overzicht/Eigen tekst/' "$T/own/index.html"
"$BIN" build -C "$G" -o "$T/own" >"$T/own.err" 2>&1; rc=$?
check "a changed output file is refused" test $rc -eq 1
check "the changed file survives" grep -q "Eigen tekst" "$T/own/index.html"
check "the refusal names the changed file" contains "$T/own.err" "index.html"
# the stat index beside the output spares the next build reading every file again (as git's
# index does); a file edited in place, same size, with its old modification time put back, is
# still seen (its status-change time and, on Windows, its change time give it away)
rm -rf "$T/own3" && "$BIN" build -q -C "$G" -o "$T/own3" >/dev/null 2>&1
check "the stat index lies beside the output, not in it" sh -c "test -s '$T/.own3.meetlat-index' && ! ls -A '$T/own3' | grep -q meetlat-index"
"$BIN" build -q -C "$G" -o "$T/own3" >/dev/null 2>&1; rc=$?
check "an unchanged output is replaced with the stat index (exit $rc)" test $rc -eq 0
cp "$T/own3/index.html" "$T/own3-index.before"
old=$(stat -c %y "$T/own3/index.html")
byte=$(dd if="$T/own3/index.html" bs=1 skip=300 count=1 2>/dev/null)
if [ "$byte" = X ]; then new=Y; else new=X; fi
printf '%s' "$new" | dd of="$T/own3/index.html" bs=1 seek=300 conv=notrunc 2>/dev/null
touch -d "$old" "$T/own3/index.html"
check "(the edit keeps size and modification time)" sh -c "test \"\$(stat -c '%s %y' '$T/own3/index.html')\" = \"\$(stat -c '%s %y' '$T/own3-index.before' | cut -d' ' -f1) $old\" && ! cmp -s '$T/own3/index.html' '$T/own3-index.before'"
"$BIN" build -C "$G" -o "$T/own3" >"$T/own3.err" 2>&1; rc=$?
check "a same-size edit with its old time put back is refused (exit $rc)" sh -c "test $rc -eq 1 && grep -q 'index.html' '$T/own3.err'"
check "and the edited file survives" sh -c "! cmp -s '$T/own3/index.html' '$T/own3-index.before'"
# an entry named like the stat index that meetlat did not write is left alone
rm -rf "$T/own4" && echo 'mijn eigen bestand' >"$T/.own4.meetlat-index"
"$BIN" build -q -C "$G" -o "$T/own4" >/dev/null 2>&1 && "$BIN" build -q -C "$G" -o "$T/own4" >/dev/null 2>&1; rc=$?
check "a file named like the stat index stays as it is, and builds still replace the output (exit $rc)" \
	sh -c "test $rc -eq 0 && grep -q 'mijn eigen bestand' '$T/.own4.meetlat-index'"
# a rebuild takes over each file it would write with the same bytes as a second name of the
# previous output's file (making a file costs far more than a link on some disks), build after
# build; the manifest still tells the truth about every file
rm -rf "$T/own5" && "$BIN" build -q -C "$G" -o "$T/own5" >/dev/null 2>&1
i1=$(stat -c %i "$T/own5/index.html")
"$BIN" build -q -C "$G" -o "$T/own5" >/dev/null 2>&1
i2=$(stat -c %i "$T/own5/index.html")
"$BIN" build -q -C "$G" -o "$T/own5" >/dev/null 2>&1; rc=$?
i3=$(stat -c %i "$T/own5/index.html")
check "a rebuild takes over an unchanged file, build after build (exit $rc)" sh -c "test $rc -eq 0 && test '$i1' = '$i2' && test '$i2' = '$i3'"
check "and that file has one name again" test "$(stat -c %h "$T/own5/index.html")" = 1
check "every file has the hash its manifest gives" sh -c "cd '$T/own5' && tail -n +2 .meetlat | awk '{print \$1 \"  \" \$3}' | sha256sum -c --quiet -"
# a rebuild reads the hash of an unchanged file from the previous manifest; a page that
# changed at the same size (one letter of the title) is compared byte for byte, written anew
# and hashed again
G5=$(project own5src "$ROOT/tests/e2e/fixture")
sed -i 's/^titel: Terugbellen binnen twee werkdagen/titel: Terugbellen binnen twee werkdagan/' "$G5/content/10-terugbellen.md"
sz=$(stat -c %s "$T/own5/acties/terugbellen.html" 2>/dev/null)
i4=$(stat -c %i "$T/own5/style.css")
"$BIN" build -q -C "$G5" -o "$T/own5" >/dev/null 2>&1; rc=$?
check "(the changed title keeps the page's size)" sh -c "test $rc -eq 0 && test '$sz' = \"\$(stat -c %s '$T/own5/acties/terugbellen.html')\" && grep -q werkdagan '$T/own5/acties/terugbellen.html'"
check "a page changed at the same size has its new hash in the manifest" sh -c "cd '$T/own5' && tail -n +2 .meetlat | awk '{print \$1 \"  \" \$3}' | sha256sum -c --quiet -"
check "and an unchanged file is still taken over" test "$(stat -c %i "$T/own5/style.css")" = "$i4"
# a manifest alone proves nothing: an entry named .meetlat in someone's folder
mkdir -p "$T/fake" && : >"$T/fake/.meetlat" && echo keep >"$T/fake/page.html"
"$BIN" build -C "$G" -o "$T/fake" >/dev/null 2>&1; rc=$?
check "a bare .meetlat proves nothing" test $rc -eq 1 -a -f "$T/fake/page.html"
mkdir -p "$T/fake2/.meetlat" && echo keep >"$T/fake2/page.html"
"$BIN" build -C "$G" -o "$T/fake2" >/dev/null 2>&1; rc=$?
check "a folder named .meetlat proves nothing" test $rc -eq 1 -a -f "$T/fake2/page.html"
# an unchanged output is replaced, and nothing is left beside it
rm -rf "$T/own2" && "$BIN" build -q -C "$G" -o "$T/own2" >/dev/null 2>&1
"$BIN" build -q -C "$G" -o "$T/own2" >/dev/null 2>&1; rc=$?
check "an unchanged output is replaced" test $rc -eq 0
check "no temporary folder beside it" sh -c "! ls -d '$T'/own2.tmp-* 2>/dev/null"
# a killed build's temporary folder is cleaned by the next build, entry by entry as its journal
# lists them; what meetlat cannot prove is its own is left and mentioned
mkdir -p "$T/own2.tmp-AAAAAA/data" && printf 'meetlat-bezig 1\nd data\nf data/x.csv\n' >"$T/own2.tmp-AAAAAA/.meetlat-bezig" && echo x >"$T/own2.tmp-AAAAAA/data/x.csv"
mkdir -p "$T/own2.tmp-CCCCCC/data" && printf 'meetlat-bezig 1\nd data\nf data/x.csv\n' >"$T/own2.tmp-CCCCCC/.meetlat-bezig" && echo x >"$T/own2.tmp-CCCCCC/data/x.csv" && echo keep >"$T/own2.tmp-CCCCCC/data/eigen.txt"
mkdir -p "$T/own2.tmp-BBBBBB" && echo keep >"$T/own2.tmp-BBBBBB/eigen.txt"
mkdir -p "$T/own2.tmp-DDDDDD" && : >"$T/own2.tmp-DDDDDD/.meetlat-bezig" && echo keep >"$T/own2.tmp-DDDDDD/eigen.txt"
cp -R "$T/own2" "$T/own2.tmp-backup2025"
mkdir -p "$T/own2.tmp-EEEEEE"
"$BIN" build -C "$G" -o "$T/own2" >"$T/stale.err" 2>&1
check "an unfinished temporary folder is removed" test ! -e "$T/own2.tmp-AAAAAA"
check "and the removal is named" contains "$T/stale.err" "own2.tmp-AAAAAA: let op: tijdelijke map van een afgebroken build opgeruimd (1 bestand)"
check "a file its journal does not list stays" test -f "$T/own2.tmp-CCCCCC/data/eigen.txt" -a ! -e "$T/own2.tmp-CCCCCC/data/x.csv"
check "a temporary-looking folder meetlat cannot prove stays" test -f "$T/own2.tmp-BBBBBB/eigen.txt"
check "and is mentioned" contains "$T/stale.err" "own2.tmp-BBBBBB"
check "a bare marker proves nothing" test -f "$T/own2.tmp-DDDDDD/eigen.txt"
check "a copy of the output named like a temporary folder stays whole" diff -r "$T/own2" "$T/own2.tmp-backup2025"
check "an empty temporary folder is removed" test ! -e "$T/own2.tmp-EEEEEE"
rm -rf "$T/own2.tmp-CCCCCC" "$T/own2.tmp-DDDDDD" "$T/own2.tmp-backup2025"
# a build killed at any moment leaves the previous output whole
sums "$T/own2" >"$T/kill.before"
for delay in 0.02 0.05 0.1 0.2; do
	"$BIN" build -q -C "$P" -o "$T/own2" >/dev/null 2>&1 &
	pid=$!; sleep $delay; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
	[ -f "$T/own2/.meetlat" ] && [ -f "$T/own2/index.html" ] || bad "killed build after ${delay}s broke the output"
done
"$BIN" build -q -C "$G" -o "$T/own2" >/dev/null 2>&1; rc=$?
check "after killed builds the next one succeeds" test $rc -eq 0
check "and leaves no temporary folder" sh -c "! ls -d '$T'/own2.tmp-* 2>/dev/null | grep -v BBBBBB"

# --- what a secretary can put in data/ and content/ -----------------------------------------
# a FIFO or a device in place of an export: refused at once, never a hang
H=$(project hang "$ROOT/tests/e2e/fixture")
rm "$H/data/terugbelverzoeken.csv" && mkfifo "$H/data/terugbelverzoeken.csv"
timeout 20 "$BIN" check -C "$H" >"$T/fifo.err" 2>&1; rc=$?
check "a FIFO as export is refused, not waited for" test $rc -eq 1
check "with a message naming the file" contains "$T/fifo.err" "data/terugbelverzoeken.csv: fout: is geen gewoon bestand"
# formula injection: group names that a spreadsheet would run
X=$(project inject "$ROOT/tests/e2e/fixture")
printf '8;-1+cmd|%s /C calc%s!A0;2-4-2024 09:00;N;0;3-4-2024\n9;=2+3;2-4-2024 09:00;N;0;3-4-2024\n10; @SUM(A1);2-4-2024 09:00;N;0;3-4-2024\n' "'" "'" >>"$X/data/terugbelverzoeken.csv"
"$BIN" build -q -C "$X" -o "$T/inject-out" >/dev/null 2>&1
check "open data: '-1+cmd' is neutralised" grep -q "^team;\"'-1+cmd" "$T/inject-out/data/terugbelverzoeken.csv"
check "open data: '=2+3' is neutralised" grep -q "^team;\"'=2+3\"" "$T/inject-out/data/terugbelverzoeken.csv"
check "open data: no cell starts with = + - @" sh -c "test -s '$T/inject-out/data/terugbelverzoeken.csv' && ! grep -qE '(^|;)[=+@-]' '$T/inject-out/data/terugbelverzoeken.csv'"
$PY - "$T/inject-out/mt-rapportage-2024-K2.xlsx" >"$T/inject.txt" 2>&1 <<'PYEOF'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
# every cell with a group name is a text cell: the only formulas are the shares of counts,
# made of references to their own row (structured references), nothing from the data
share = re.compile(r'IF\((tabel_\w+\[\[#This Row\],\[[^\]]+\]\][-]?)+&gt;0,ROUND\(tabel_\w+\[\[#This Row\],\[[^\]]+\]\]/'
                   r'\(?(tabel_\w+\[\[#This Row\],\[[^\]]+\]\][-]?)+\)?,3\),""\)')
formulas = [f for n in z.namelist() if n.startswith("xl/worksheets/")
            for f in re.findall(r"<f>(.*?)</f>", z.read(n).decode())]
assert formulas and all(share.fullmatch(f) for f in formulas), [f for f in formulas if not share.fullmatch(f)][:3]
assert not any(w in f for f in formulas for w in ("cmd", "SUM", "HYPERLINK", "2+3"))
print("ok", len(formulas))
PYEOF
check "workbook: group names stay text; the only formulas are shares of their row's counts" contains "$T/inject.txt" "ok"
# one word of 65,535 characters in the content: the report still builds
W=$(project word "$ROOT/tests/e2e/fixture")
python3 -c "print('\n' + 'x' * 65535 + '\n')" >>"$W/content/10-terugbellen.md"
timeout 60 "$BIN" build -q -C "$W" -o "$T/word-out" >"$T/word.err" 2>&1; rc=$?
check "a 65,535-character word builds" test $rc -eq 0
check "and no message names the temporary folder" sh -c "! grep -q 'tmp-' '$T/word.err'"
# SOURCE_DATE_EPOCH out of range: a warning, and the reference date is used
SOURCE_DATE_EPOCH=999999999999999 "$BIN" build -C "$G" -o "$T/sde" >"$T/sde.err" 2>&1; rc=$?
check "a wild SOURCE_DATE_EPOCH warns and builds" test $rc -eq 0
check "with a Dutch warning" contains "$T/sde.err" "waarschuwing: SOURCE_DATE_EPOCH"
# bounded work for a front matter of 80,000 keys and one of 50 MB
K=$(project keys "$ROOT/tests/e2e/fixture")
python3 -c "
import sys
s = open(sys.argv[1]).read()
print(s.replace('gemeente: Proefstad\n', 'gemeente: Proefstad\n' + ''.join('k%d: v\n' % i for i in range(80000)), 1), end='')
" "$ROOT/tests/e2e/fixture/content/01-programma.md" >"$K/content/01-programma.md"
timeout 10 "$BIN" check -C "$K" >"$T/keys.err" 2>&1; rc=$?
check "80,000 keys: refused within seconds" test $rc -eq 1
check "80,000 keys: a handful of lines" test "$(wc -l <"$T/keys.err")" -le 5
python3 -c "
import sys
s = open(sys.argv[1]).read()
print(s.replace('gemeente: Proefstad\n', 'gemeente: Proefstad\nsamenvatting: \'' + 'a' * 50000000 + '\'\n', 1), end='')
" "$ROOT/tests/e2e/fixture/content/01-programma.md" >"$K/content/01-programma.md"
timeout 10 "$BIN" check -C "$K" >"$T/big.err" 2>&1; rc=$?
check "a 50 MB front matter: refused within seconds" test $rc -eq 1
check "with a message about its size" contains "$T/big.err" "groter dan"

# --- never destroy, never mislead (second red-team pass) ----------------------------------
# a failed swap-back: nothing is removed, and the message says where both outputs are. These
# paths need a disk that fails at the right moment: the sanitizer build (make test) fails named
# steps on request (MEETLAT_FOUT); a build without that skips them
MEETLAT_FOUT=plaats "$BIN" build -q -C "$G" -o "$T/fprobe" >"$T/fprobe.err" 2>&1
if grep -q testfout "$T/fprobe.err"; then
	check "a failed first rename leaves nothing behind" sh -c "! ls -d '$T'/fprobe '$T'/fprobe.tmp-* 2>/dev/null"
	rm -rf "$T/fo" && "$BIN" build -q -C "$G" -o "$T/fo" >/dev/null 2>&1 && sums "$T/fo" >"$T/fo.before"
	MEETLAT_FOUT=vreemd "$BIN" build -C "$G" -o "$T/fo" >"$T/fo.err" 2>&1; rc=$?
	check "a file added during the build: exit 1 (got $rc)" test $rc -eq 1
	sums "$T/fo" | grep -v vreemd.html >"$T/fo.after"
	check "and the previous output is back, with the added file" sh -c "test -f '$T/fo/vreemd.html' && cmp -s '$T/fo.after' '$T/fo.before'"
	check "and nothing is left beside it" sh -c "! ls -d '$T'/fo.tmp-* 2>/dev/null"
	rm -f "$T/fo/vreemd.html"
	MEETLAT_FOUT=vreemd,terug "$BIN" build -C "$G" -o "$T/fo" >"$T/fo2.err" 2>&1; rc=$?
	tmpdir=$(ls -d "$T"/fo.tmp-* 2>/dev/null | head -n 1)
	check "the swap back fails too: exit 1 (got $rc)" test $rc -eq 1
	check "the previous output and the added file are kept in the temporary folder" sh -c "test -n '$tmpdir' && test -f '$tmpdir/vreemd.html' && (cd '$tmpdir' && find . -type f ! -name vreemd.html -exec md5sum {} + | sort) | cmp -s - '$T/fo.before'"
	check "the message names both places and says nothing was removed" sh -c "grep -qF 'staat in $tmpdir' '$T/fo2.err' && grep -q 'Er is niets verwijderd' '$T/fo2.err'"
	check "the message does not claim the output is unchanged" sh -c "! grep -q 'niet veranderd' '$T/fo2.err'"
	check "the new output in place carries no journal of unfinished work" test ! -e "$T/fo/.meetlat-bezig"
	# and again: the output that failed to replace it is swapped aside in its turn, whole
	MEETLAT_FOUT=vreemd,terug "$BIN" build -q -C "$G" -o "$T/fo" >/dev/null 2>&1
	tmp2=$(ls -d "$T"/fo.tmp-* 2>/dev/null | grep -vxF "$tmpdir" | head -n 1)
	"$BIN" build -C "$G" -o "$T/fo" >"$T/fo3.err" 2>&1
	check "the next build leaves that folder alone and mentions it" sh -c "test -f '$tmpdir/vreemd.html' && grep -qF '$tmpdir' '$T/fo3.err'"
	check "a second failed swap back in a row: that folder too is left whole" \
		sh -c "test -n '$tmp2' && test -f '$tmp2/vreemd.html' -a -f '$tmp2/index.html' -a -f '$tmp2/.meetlat' && grep -qF '$tmp2' '$T/fo3.err'"
	rm -rf "$T"/fo.tmp-*
	# the renderers run side by side: a file one of them cannot write fails the build with the
	# messages a build one renderer after the other gives, in that order, nothing after them
	for f in raadsrapportage-2024.pdf index.html data/terugbelverzoeken.csv; do
		MEETLAT_FOUT=schrijf:$f "$BIN" build -C "$G" -o "$T/fw" >"$T/fw.err" 2>&1; rc=$?
		MEETLAT_FOUT=schrijf:$f MEETLAT_SERIEEL=1 "$BIN" build -C "$G" -o "$T/fw" >"$T/fw-serieel.err" 2>&1
		check "a file that cannot be written ($f): exit 1 (got $rc)" test $rc -eq 1
		check "and the messages of a build one renderer after the other ($f)" cmp "$T/fw.err" "$T/fw-serieel.err"
		check "and the message names it ($f)" grep -qF "fw/$f: fout: kan het bestand niet schrijven (testfout)" "$T/fw.err"
		check "and nothing is left ($f)" sh -c "! ls -d '$T'/fw '$T'/fw.tmp-* 2>/dev/null"
	done
	# a build that fails after taking over files of the previous output leaves that output as
	# it was: the same bytes, each file with its one name
	"$BIN" build -q -C "$G" -o "$T/fl" >/dev/null 2>&1 && sums "$T/fl" >"$T/fl.before"
	fi1=$(stat -c %i "$T/fl/index.html")
	MEETLAT_FOUT=schrijf:raadsrapportage-2024.pdf MEETLAT_SERIEEL=1 "$BIN" build -q -C "$G" -o "$T/fl" >/dev/null 2>&1; rc=$?
	sums "$T/fl" >"$T/fl.after"
	check "a failed rebuild (exit $rc) leaves the previous output's bytes" sh -c "test $rc -eq 1 && cmp -s '$T/fl.before' '$T/fl.after'"
	check "and its files, each with one name" sh -c "test '$fi1' = \"\$(stat -c %i '$T/fl/index.html')\" && test \"\$(find '$T/fl' -type f -links +1 | wc -l)\" -eq 0 && ! ls -d '$T'/fl.tmp-* 2>/dev/null"
	# a record that cannot be kept: nothing is published, the output stays as it was
	PF=$(project pubfail "$ROOT/tests/e2e/fixture")
	"$BIN" build -q -C "$PF" >/dev/null 2>&1 && sums "$PF/output" >"$T/pf.before"
	MEETLAT_FOUT=editie "$BIN" build -q -C "$PF" --publiceer >"$T/pf.err" 2>&1; rc=$?
	check "an edition that cannot be kept: exit 1 (got $rc)" test $rc -eq 1
	sums "$PF/output" >"$T/pf.after"
	check "and the output is not swapped in" cmp "$T/pf.after" "$T/pf.before"
	check "and no record is left" sh -c "! ls '$PF'/edities/*.csv 2>/dev/null"
else
	echo "(e2e: $(basename "$BIN") has no fault injection; the failed-rename cases run with the sanitizer build)"
fi
# an empty output folder can be built into; "-o output/." builds beside it, not in it
mkdir -p "$T/leeg"
"$BIN" build -q -C "$G" -o "$T/leeg" >"$T/leeg.err" 2>&1; rc=$?
check "an empty existing folder is built into (exit $rc)" sh -c "test $rc -eq 0 && test -f '$T/leeg/index.html'"
"$BIN" build -q -C "$G" -o "$T/leeg/." >"$T/dot.err" 2>&1; rc=$?
check "-o folder/. works (exit $rc)" sh -c "test $rc -eq 0 && ! ls -d '$T'/leeg/.*tmp* 2>/dev/null"
# an output that is a link is refused before anything is made
ln -s "$T/leeg" "$T/link"
"$BIN" build -q -C "$G" -o "$T/link" >"$T/link.err" 2>&1; rc=$?
check "an output that is a link is refused" sh -c "test $rc -eq 1 && grep -q 'een link' '$T/link.err' && ! ls -d '$T'/link.tmp-* 2>/dev/null"
# --peildatum before all data: nothing to show, so an error
"$BIN" check -q -C "$G" --peildatum 2020-01-01 >"$T/early.err" 2>&1; rc=$?
check "--peildatum before all data is refused" sh -c "test $rc -eq 1 && grep -q 'ligt voor de eerste datum in de gegevens' '$T/early.err'"
# two --publiceer at once: one record, the same in edities/ and on the site
PP=$(project pubrace "$ROOT/tests/e2e/fixture")
"$BIN" build -q -C "$PP" --publiceer >"$T/race1.err" 2>&1 &
p1=$!
"$BIN" build -q -C "$PP" --publiceer >"$T/race2.err" 2>&1 &
p2=$!
wait $p1; r1=$?; wait $p2; r2=$?
check "two --publiceer at once both succeed ($r1, $r2)" test $r1 -eq 0 -a $r2 -eq 0
check "and the site's copy of the record is the kept one" cmp "$PP/edities/editie-2024-04-30.csv" "$PP/output/edities/editie-2024-04-30.csv"
# a plain build after publishing, with changed data for the same date, says so
echo '9;A;15-4-2024 09:00;Geheime Naam;0611111111;' >>"$PP/data/terugbelverzoeken.csv"
"$BIN" build -q -C "$PP" >"$T/changed.err" 2>&1
check "a build that differs from the published edition of its date says so" grep -q 'verschilt van de editie die is gepubliceerd' "$T/changed.err"
check "and how: the figure it adds" grep -q 'april 2024: gepubliceerd 0,0%, nu 0,0% uit 2 regels\|april 2024: niet gepubliceerd, nu' "$T/changed.err"
# a record dated after the reference date is not part of this edition
"$BIN" build -q -C "$PP" --peildatum 2024-03-31 >"$T/later.err" 2>&1; rc=$?
check "an edition after the reference date is left out, with a notice (exit $rc)" sh -c "test $rc -eq 0 && ! test -e '$PP/output/edities/editie-2024-04-30.csv'"
# hangs and unbounded reads: a FIFO or a device where a text is expected
HF=$(project fifo "$ROOT/tests/e2e/fixture")
rm "$HF/themes" && cp -R "$ROOT/themes" "$HF/themes"
mkfifo "$HF/content/20-pijp.md" "$HF/themes/default/extra.css"
ln -s /dev/zero "$HF/content/30-nul.md"
mkdir "$HF/content/40-map.md"
timeout 20 "$BIN" check -C "$HF" >"$T/hf.err" 2>&1; rc=$?
check "a FIFO, /dev/zero and a folder as content are refused at once (exit $rc)" test $rc -eq 1
check "each named" sh -c "grep -q '20-pijp.md: fout: kan het bestand niet lezen: het is geen gewoon bestand' '$T/hf.err' && grep -q '30-nul.md: fout' '$T/hf.err' && grep -q '40-map.md: fout: kan het bestand niet lezen: het is een map' '$T/hf.err' && grep -q 'extra.css: fout: is geen gewoon bestand' '$T/hf.err'"
rm -f "$HF/content/20-pijp.md" "$HF/content/30-nul.md" "$HF/themes/default/extra.css" && rmdir "$HF/content/40-map.md"
rm "$HF/themes/default/layout.html" && mkfifo "$HF/themes/default/layout.html"
timeout 20 "$BIN" check -C "$HF" >"$T/hf2.err" 2>&1; rc=$?
check "a FIFO as layout.html is refused at once (exit $rc)" sh -c "test $rc -eq 1 && grep -q 'layout.html: fout' '$T/hf2.err'"
# a font the theme check passes but libharu cannot load (DejaVu Sans cut short): a clear
# message, no crash (the layout wrote past its page table), no endless layout
TF=$(project badfont "$ROOT/tests/e2e/fixture")
rm "$TF/themes" && cp -R "$ROOT/themes" "$TF/themes"
head -c 497687 /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf >"$TF/kort.ttf"
sed -i "s|^pdf_lettertype = .*|pdf_lettertype = $TF/kort.ttf|" "$TF/themes/default/thema.conf"
timeout 60 "$BIN" build -C "$TF" -o "$T/badfont-out" >"$T/badfont.err" 2>&1; rc=$?
check "a font libharu cannot load: exit 1, named, nothing made (exit $rc)" sh -c "test $rc -eq 1 && grep -q 'kan de PDF niet maken: kan het lettertype .*kort.ttf niet laden' '$T/badfont.err' && ! test -e '$T/badfont-out'"
# an export that ends in 2 GB of NUL bytes, or has an unclosed quote near the top of a long
# file: refused at the line where the record starts, in little time and memory
NF=$(project nul "$ROOT/tests/e2e/fixture")
truncate -s +2G "$NF/data/terugbelverzoeken.csv"
timeout 20 "$BIN" check -C "$NF" >"$T/nul.err" 2>&1; rc=$?
check "2 GB of NUL bytes: refused at once (exit $rc)" sh -c "test $rc -eq 1 && grep -q 'terugbelverzoeken.csv:9: fout: hier begint een regel die langer is dan 1 MB' '$T/nul.err'"
rm -f "$NF/data/terugbelverzoeken.csv" && cp "$ROOT/tests/e2e/fixture/data/terugbelverzoeken.csv" "$NF/data/"
$PY -c "
import sys
p = sys.argv[1]
s = open(p, encoding='utf-8').read().replace('2;A;', '2;\"A;', 1)
s += ''.join('%d;A;2-4-2024 09:00;Geheime Naam;0611111111;3-4-2024 10:00\n' % i for i in range(20, 40000))
open(p, 'w', encoding='utf-8').write(s)" "$NF/data/terugbelverzoeken.csv"
timeout 20 "$BIN" check -C "$NF" >"$T/quote.err" 2>&1; rc=$?
check "an unclosed quote near the top of a long export: refused at its line (exit $rc)" sh -c "test $rc -eq 1 && grep -q 'terugbelverzoeken.csv:3: fout: hier begint een regel die langer is dan 1 MB' '$T/quote.err'"
# 1,800 KPIs with one name: sheet names stay unique and the build stays quick
MK=$(project manykpis "$ROOT/tests/e2e/fixture")
$PY - "$MK/content" <<'PYEOF'
import sys
for f in range(6):
    k = ''.join('  - {id: k%d, naam: History, maat: aantal, bron: terugbelverzoeken.csv, datum: aangemaakt, per: jaar, richting: hoger}\n' % (f * 300 + i) for i in range(300))
    open('%s/2%d-veel%d.md' % (sys.argv[1], f, f), 'w').write('---\ntitel: Veel %d\nsoort: teamdoel\neigenaar: Team X\nkpi:\n' % f + k + '---\n## Specifiek\n\nProef.\n')
PYEOF
timeout 120 "$BIN" build -q -C "$MK" -o "$T/mk-out" >"$T/mk.err" 2>&1; rc=$?
check "1,800 KPIs named History build (exit $rc)" test $rc -eq 0
$PY - "$T/mk-out/mt-rapportage-2024-K2.xlsx" >"$T/mk.txt" 2>&1 <<'PYEOF'
import sys, zipfile, re
names = re.findall(r'<sheet name="([^"]*)"', zipfile.ZipFile(sys.argv[1]).read('xl/workbook.xml').decode())
low = [n.lower() for n in names]
assert len(low) == len(set(low)), 'duplicate sheet names'
assert 'history' not in low, 'a sheet named History'
assert all(len(n.encode('utf-16-le')) // 2 <= 31 for n in names)
print('ok', len(names))
PYEOF
check "with unique sheet names, none 'History', none over 31 characters" grep -q '^ok' "$T/mk.txt"
# 985 groups each with a date in 1900 and one in 2199: refused, not 2 GB of memory
SG=$(project span "$ROOT/tests/e2e/fixture")
$PY - "$SG/data/terugbelverzoeken.csv" <<'PYEOF'
import sys
rows = ''.join('%d;G%d;1-1-1900 09:00;N;0;2-1-1900\n%d;G%d;1-1-2199 09:00;N;0;2-1-2199\n' % (2*i+100, i, 2*i+101, i) for i in range(985))
open(sys.argv[1], 'a').write(rows)
PYEOF
timeout 60 "$BIN" check -C "$SG" >"$T/span.err" 2>&1; rc=$?
check "groups over three centuries: refused (exit $rc)" sh -c "test $rc -eq 1 && grep -q 'over meer dan 25 jaar' '$T/span.err'"
# a name with a trailing no-break space is the same team, not a second one
NB=$(project nbsp "$ROOT/tests/e2e/fixture")
printf '9;A\302\240;2-4-2024 09:00;N;0;3-4-2024\n10;A;3-4-2024 09:00;N;0;4-4-2024\n' >>"$NB/data/terugbelverzoeken.csv"
"$BIN" build -q -C "$NB" >/dev/null 2>&1
check "a trailing no-break space does not make a second team" sh -c "test \$(grep -c '^team;A;2024-04;2;' '$NB/output/data/terugbelverzoeken.csv') -eq 1"

echo "e2e: $pass passed, $fail failed"
[ $fail -eq 0 ]
