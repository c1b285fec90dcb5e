#!/bin/sh
# A year of use, as the exports really arrive (issue 18): quarterly deliveries made from the
# shipped example data by deliver.py, each export cut at its own date, built and published in
# turn. It asserts what every output may claim: the reference date, the coverage marks, no 0 for
# a gap, no revision from an export that did not change, no 'behaald' that open items can undo.
# Usage: run.sh path/to/meetlat
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PY=/usr/bin/python3
T=$(mktemp -d /tmp/meetlat-lifecycle-XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { d=$1; shift; if "$@" >/dev/null 2>&1; then ok; else bad "$d"; fi; }
contains() { grep -qF -- "$2" "$1"; }
text() { $PY -c 'import html, re, sys; print(html.unescape(re.sub("<[^>]+>", " ", open(sys.argv[1], encoding="utf-8").read())))' "$1"; }
deliver() { $PY "$ROOT/tests/lifecycle/deliver.py" "$ROOT/data" "$P/data" "$@"; }

P=$T/p
mkdir -p "$P"
cp -R "$ROOT/content" "$P/content"
ln -s "$ROOT/themes" "$P/themes"

# --- the third quarter of 2025: every export made on 30 September ----------------------------
# (the content states 31 December for the survey and other sparse exports: not yet true in
# September, so the settings say 30 September then)
sed -i 's/^\(  [a-z_]*\.csv\): 2025-12-31$/\1: 2025-09-30/' "$P/content/01-samenvatting.md"
deliver 2025-09-30
"$BIN" build -C "$P" --publiceer >"$T/q3.err" 2>&1; rc=$?
check "Q3: builds and publishes (exit $rc)" test $rc -eq 0
check "Q3: the reference date is the end of the last complete month" contains "$T/q3.err" "peildatum 30 september 2025, uit gegevens"
check "Q3: the edition is kept" test -s "$P/edities/editie-2025-09-30.csv"
check "Q3: September's callbacks are voorlopig (requests still open at the export)" \
	grep -q '^organisatie;Totaal;2025-09;.*;voorlopig;' "$P/output/data/terugbelverzoeken.csv"
cp -R "$P/output" "$T/q3-out"

# --- the fourth quarter, as it really arrives: a stray January request, the invoices a month
# behind, the sport export not refreshed, a quarter missing from the reports of unmet norms ---
cp "$ROOT/content/01-samenvatting.md" "$P/content/01-samenvatting.md"
deliver 2025-12-31 facturen.csv=2025-11-30 sport.csv=2025-09-30 --gap meldingen.csv:2024-07-01:2024-09-30 \
	--add 'terugbelverzoeken.csv:999999;VTH;2-1-2026 09:00;Jan Jansen;0611111111;Vraag;'
"$BIN" build -C "$P" >"$T/q4.err" 2>&1; rc=$?
O=$P/output
text "$O/index.html" >"$T/q4-index.txt"
check "Q4: builds (exit $rc)" test $rc -eq 0
check "Q4: one stray January date does not move the reference date" contains "$T/q4.err" "peildatum 31 december 2025, uit gegevens"
check "Q4: the January request is named, not counted" contains "$T/q4.err" \
	"1 regel begint na de peildatum (31 december 2025), tot 2 januari 2026; die telt pas mee in een volgende editie"
check "Q4: the reports are still of 2025" test -s "$O/raadsrapportage-2025.pdf" -a -s "$O/mt-rapportage-2025-K4.xlsx"
check "Q4: and the December workbook is there" test -s "$O/terugbelverzoeken-2025-12.xlsx"
check "Q4: every page says the invoices export ends before the reference date, at its last date" contains "$T/q4-index.txt" \
	"Niet alle exports lopen tot de peildatum: facturen.csv loopt tot 30 november 2025"
check "Q4: the invoices' fourth quarter is deels, not definitief" grep -q '^organisatie;2025-K4;.*;deels;' "$O/data/facturen.csv"
check "Q4: the invoices' tile says how far its figures go" sh -c "grep -q 'cijfers tot 30 november 2025' '$O/teams/index.html'"
check "Q4: a quarter missing from an export is geen gegevens, for every team" \
	sh -c "grep '2024-K3' '$O/data/meldingen-team.csv' | grep -v 'geen gegevens' | grep -q . && exit 1; grep -q '2024-K3;;geen gegevens' '$O/data/meldingen-team.csv'"
check "Q4: never a 0 for it" sh -c "! grep -q '2024-K3;0;' '$O/data/meldingen-team.csv'"
check "Q4: the sources page lists each export's coverage" contains "$O/bronnen.html" "loopt tot 30 november 2025, eerder dan de peildatum"
# the callbacks: 30 requests open on 31 December could still push the share past 15%
check "Q4: no 'behaald' that open items can undo" contains "$O/acties/terugbelverzoeken.html" "Of het doel gehaald is, is nog onzeker."
# what changed since the third quarter's edition: revisions only for exports that changed
check "Q4: September's callbacks are revised, with the reason" contains "$T/q4-index.txt" \
	"Herzien: Terugbelverzoeken buiten termijn in september 2025."
check "Q4: the sport export did not change: no revision" sh -c "! grep -q 'Herzien: Sportvragen' '$T/q4-index.txt'"
check "Q4: and no status change for it" sh -c "! grep -q 'Sportvragen binnen 5 werkdagen beantwoord: de status was' '$T/q4-index.txt'"
"$BIN" build -q -C "$P" --publiceer >"$T/q4p.err" 2>&1; rc=$?
check "Q4: published (exit $rc)" sh -c "test $rc -eq 0 && test -s '$P/edities/editie-2025-12-31.csv'"
cp -R "$P/output" "$T/q4-out"

# --- January: only the callbacks export is refreshed, with January rows; the rest stays as it
# was. Nothing may look revised, and the reference date stays 31 December ---------------------
cp "$P/data/terugbelverzoeken.csv" "$T/cb.csv"
$PY - "$P/data/terugbelverzoeken.csv" <<'PYEOF'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s += "".join("99999%d;VTH;%d-1-2026 10:00;Jan Jansen;0611111111;Vraag;%d-1-2026 11:00\n" % (i, 5 + i, 6 + i) for i in range(3))
open(p, "w", encoding="utf-8").write(s)
PYEOF
"$BIN" build -C "$P" >"$T/jan.err" 2>&1; rc=$?
check "January: builds (exit $rc)" test $rc -eq 0
check "January: the reference date stays 31 December" contains "$T/jan.err" "peildatum 31 december 2025, uit gegevens"
check "January: the figures are the published ones" sh -c "! grep -q 'verschillen van de editie' '$T/jan.err'"
# (the sources page lists the refreshed export's rows and end: that is all that may change)
diff -rq -x .meetlat -x edities -x bronnen.html -x "*.pdf" -x "*.xlsx" "$T/q4-out" "$P/output" >"$T/jan.diff"
check "January: every figure, status and page is what the site said" test ! -s "$T/jan.diff"
head -5 "$T/jan.diff"
check "January: the sources page shows the refreshed export" contains "$P/output/bronnen.html" "08-01-2026"

echo "lifecycle: $pass passed, $fail failed"
[ $fail -eq 0 ]
