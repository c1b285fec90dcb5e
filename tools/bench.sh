#!/bin/sh
# make bench: first meetlat beside its peers, on the same generated inputs, measured in the
# same run: instructions (callgrind, when valgrind is installed; noise does not change them)
# and wall time and peak memory of alternated runs (BENCH_RUNS each, default 5; the median and
# the range) for
#   - the shipped programme, every output, built over its previous output;
#   - a callback export of 1.000.000 rows (personal-data columns that must be skipped), every
#     output, beside DuckDB (npm's @duckdb/node-api, installed in a temporary folder) doing
#     only the one aggregation on the same CSV file;
#   - 1.000 team pages, every output, beside Hugo (Debian's hugo) making 1.000 pages of the
#     same text.
# Then reading and aggregating callback exports of 100.000 and 1.000.000 rows (and 10.000.000
# with BENCH_ROWS=10000000) with `meetlat check` (load, parse, aggregate, status; no
# rendering), as CSV files and as Excel workbooks, and the steps of the shipped build.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
B=$ROOT/build/bench
mkdir -p "$B"
cc -O2 -o "$B/runstat" "$ROOT/tools/runstat.c"
RUNS=${BENCH_RUNS:-5}
sizes="100000 1000000 ${1:-}"
# measure DIR ROWS BYTES: the best time of three `meetlat check` runs, the highest memory
measure() {
	m_dir=$1 m_rows=$2 m_bytes=$3 best="" peak=0
	for i in 1 2 3; do
		set -- $("$B/runstat" "$ROOT/meetlat" check -q -C "$m_dir" 2>"$B/check.err")
		[ "$3" = 0 ] || { echo "meetlat check failed on $m_rows rows:" >&2; cat "$B/check.err" >&2; exit 1; }
		if [ -z "$best" ] || awk "BEGIN{exit !($1 < $best)}"; then best=$1; fi
		[ "$2" -gt "$peak" ] && peak=$2
	done
	awk -v n="$m_rows" -v b="$m_bytes" -v s="$best" -v p="$peak" 'BEGIN{
		printf "%12d %10.1f %9.3f %12.0f %9.1f %10.1f\n", n, b/1e6, s, n/s, b/1e6/s, p/1024 }'
}
# callbacks N: the project $B/pN with a callback export of N rows and the KPI that reads it
callbacks() {
	n=$1 P=$B/p$1
	if [ ! -s "$P/data/terugbelverzoeken.csv" ]; then
		rm -rf "$P"; mkdir -p "$P/content" "$P/data"
		"$ROOT/build/mkdata" bench "$n" "$P/data/terugbelverzoeken.csv"
		ln -s "$ROOT/themes" "$P/themes"
		cat >"$P/content/10-terugbellen.md" <<'MD'
---
titel: Terugbelverzoeken
soort: actie
eigenaar: Subteam Dienstverlening
kpi:
  - id: terugbelverzoeken
    naam: Terugbelverzoeken buiten termijn
    maat: termijn
    bron: terugbelverzoeken.csv
    start: aangemaakt
    einde: teruggebeld
    termijn: 2 werkdagen
    per: maand
    groep: team
    richting: lager
    nulmeting: {waarde: 60, datum: 2023-09-30}
    doelen:
      - {waarde: 30, datum: 2024-12-31}
      - {waarde: 15, datum: 2025-12-31}
---
## Specifiek

Benchmark.
MD
	fi
}

# --- meetlat beside DuckDB and Hugo ---------------------------------------------------------
echo "meetlat beside DuckDB and Hugo: instructions (callgrind) and wall time of $RUNS alternated runs"
sh "$ROOT/tools/deps.sh" bench || echo "(the peers that are missing are not measured)"
callbacks 1000000
# 1.000 team pages: each a team goal with milestones and SMART text, beside the callback KPI on
# every 1.000th row of the large export
TP=$B/teams
if [ ! -s "$TP/content/t1000.md" ]; then
	rm -rf "$TP" && mkdir -p "$TP/content" "$TP/data"
	ln -s "$ROOT/themes" "$TP/themes"
	cp "$B/p1000000/content/10-terugbellen.md" "$TP/content/"
	awk 'NR == 1 || NR % 1000 == 2' "$B/p1000000/data/terugbelverzoeken.csv" >"$TP/data/terugbelverzoeken.csv"
	i=1
	while [ $i -le 1000 ]; do
		f=$(printf 't%04d' $i)
		cat >"$TP/content/$f.md" <<MD
---
titel: Team $i beantwoordt vragen binnen vijf werkdagen
soort: teamdoel
eigenaar: Team $i
samenvatting: Team $i beantwoordt iedere vraag binnen vijf werkdagen.
mijlpalen:
  - {datum: 2024-06-30, wat: Werkwijze afgesproken, gereed: true}
  - {datum: 2025-12-31, wat: Evaluatie van de reactietijd}
---
## Specifiek

Team $i beantwoordt iedere vraag van inwoners en ondernemers binnen vijf werkdagen. Bij een
grotere vraag krijgt de vrager binnen die tijd een ontvangstbevestiging met de naam van een
contactpersoon en de datum waarop het antwoord komt.

## Meetbaar

Het team houdt in het zaaksysteem bij hoeveel vragen binnen de termijn een antwoord kregen,
en bespreekt elk kwartaal de vragen die te laat waren.

## Tijdgebonden

Eind 2025 kijkt het team of het doel is gehaald, en wat er nodig is om het vast te houden.
MD
		i=$((i + 1))
	done
fi
# the same 1.000 pages for Hugo: the text under the same title, a plain page layout
HS=$B/hugo-site
if command -v hugo >/dev/null 2>&1 && [ ! -s "$HS/content/teams/t1000.md" ]; then
	rm -rf "$HS" && mkdir -p "$HS/content/teams" "$HS/layouts/_default"
	printf 'baseURL = "/"\nlanguageCode = "nl"\ntitle = "Teams"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n' >"$HS/config.toml"
	cat >"$HS/layouts/_default/baseof.html" <<'HTML'
<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>{{ .Title }}</title><link rel="stylesheet" href="/style.css"></head>
<body><nav><a href="/">Overzicht</a> <a href="/teams/">Teams</a></nav><main>{{ block "main" . }}{{ end }}</main></body></html>
HTML
	cat >"$HS/layouts/_default/single.html" <<'HTML'
{{ define "main" }}<h1>{{ .Title }}</h1><p>{{ .Params.samenvatting }}</p>
<table><tr><th scope="col">Datum</th><th scope="col">Mijlpaal</th></tr>{{ range .Params.mijlpalen }}<tr><td>{{ .datum }}</td><td>{{ .wat }}</td></tr>{{ end }}</table>
{{ .Content }}{{ end }}
HTML
	cat >"$HS/layouts/_default/list.html" <<'HTML'
{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
HTML
	for f in "$TP"/content/t*.md; do
		sed 's/^titel:/title:/' "$f" >"$HS/content/teams/${f##*/}"
	done
fi
# DuckDB, in a temporary folder: the aggregation of the callback KPI (per team and month of
# creation: requests, called back, called back within 2 working days counting weekends only)
DUCK=""
DD=$(mktemp -d /tmp/meetlat-bench-duckdb-XXXXXX)
trap 'rm -rf "$DD"' EXIT
if command -v npm >/dev/null 2>&1 && (cd "$DD" && npm init -y >/dev/null 2>&1 &&
	npm install --no-audit --no-fund --silent @duckdb/node-api >"$DD/npm.log" 2>&1); then
	cat >"$DD/agg.js" <<'JS'
const { DuckDBInstance } = require('@duckdb/node-api');
(async () => {
	const file = process.argv[2].replace(/'/g, "''");
	const con = await (await DuckDBInstance.create(':memory:')).connect();
	const r = await con.runAndReadAll(`
		SELECT team, date_trunc('month', a) AS maand, count(*) AS n, count(t) AS teruggebeld,
		       count(*) FILTER (WHERE CAST(t AS DATE) <= CAST(a AS DATE) + CAST(CASE dayofweek(a)
		           WHEN 4 THEN 4 WHEN 5 THEN 4 WHEN 6 THEN 3 ELSE 2 END AS INTEGER)) AS binnen_termijn
		FROM (SELECT "Team" AS team, strptime("Aangemaakt", '%-d-%-m-%Y %H:%M') AS a,
		             strptime(NULLIF("Teruggebeld", ''), '%-d-%-m-%Y %H:%M') AS t
		      FROM read_csv('${file}', delim = ';', header = true, all_varchar = true))
		GROUP BY ALL ORDER BY ALL`);
	if (r.getRows().length === 0) process.exit(1);
})();
JS
	DUCK=$(node -e "console.log(require('$DD/node_modules/@duckdb/node-api/package.json').version)" 2>/dev/null || echo "?")
else
	echo "(DuckDB not measured: npm could not install @duckdb/node-api; see $DD/npm.log)"
fi
HUGO=$(command -v hugo >/dev/null 2>&1 && hugo version 2>/dev/null | sed -n 's/^hugo v\([0-9.]*\).*/\1/p' || true)
# the outputs exist before the runs, so each build replaces its previous output, as `make` does
# (and takes over the files it would write unchanged: render/output.h)
"$ROOT/meetlat" build -q -C "$ROOT" -o "$B/ship-out" >/dev/null 2>&1
"$ROOT/meetlat" build -q -C "$B/p1000000" -o "$B/p1m-out" >/dev/null 2>&1
"$ROOT/meetlat" build -q -C "$TP" -o "$B/teams-out" >/dev/null 2>&1
: >"$B/runs.txt"
run() { # run NAME CMD...: one timed run
	r_name=$1; shift
	set -- $("$B/runstat" "$@" 2>/dev/null)
	[ "$3" = 0 ] || { echo "bench: $r_name failed" >&2; exit 1; }
	echo "$r_name $1 $2" >>"$B/runs.txt"
}
i=0
while [ $i -lt "$RUNS" ]; do
	run ship "$ROOT/meetlat" build -q -C "$ROOT" -o "$B/ship-out"
	run m1m "$ROOT/meetlat" build -q -C "$B/p1000000" -o "$B/p1m-out"
	[ -z "$DUCK" ] || run duck node "$DD/agg.js" "$B/p1000000/data/terugbelverzoeken.csv"
	run teams "$ROOT/meetlat" build -q -C "$TP" -o "$B/teams-out"
	# a first build has no previous output to take unchanged files over from: every file is new
	rm -rf "$B/teams-first"
	run first "$ROOT/meetlat" build -q -C "$TP" -o "$B/teams-first"
	[ -z "$HUGO" ] || run hugo hugo --quiet -s "$HS" -d "$B/hugo-out"
	i=$((i + 1))
done
instr() { # instr CMD...: instructions of one run, or "-" without valgrind
	if command -v valgrind >/dev/null 2>&1; then
		valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
			sed -n 's/.*Collected : *\([0-9]*\).*/\1/p'
	else
		echo -
	fi
}
I_SHIP=$(instr "$ROOT/meetlat" build -q -C "$ROOT" -o "$B/ship-out")
I_1M=$(instr "$ROOT/meetlat" build -q -C "$B/p1000000" -o "$B/p1m-out")
I_TEAMS=$(instr "$ROOT/meetlat" build -q -C "$TP" -o "$B/teams-out")
awk -v ish="$I_SHIP" -v i1m="$I_1M" -v iteams="$I_TEAMS" -v duck="$DUCK" -v hugo="$HUGO" '
function med(name,   n, i, j, t, a) {
	n = cnt[name]
	for (i = 1; i <= n; i++) a[i] = t_[name, i]
	for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
	lo[name] = a[1]; hi[name] = a[n]
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
function g(x) { return x == "-" || x == "" ? "-" : dec(x / 1e9, 2) " G" }
function dec(x, p) { s = sprintf("%." p "f", x); sub(/\./, ",", s); return s }
function wall(name) { return dec(m[name], 2) " s (" dec(lo[name], 2) "–" dec(hi[name], 2) ")" }
function mem(name) { return dec(mem_[name] / 1024, 0) " MiB" }
{ cnt[$1]++; t_[$1, cnt[$1]] = $2; if ($3 > mem_[$1]) mem_[$1] = $3 }
END {
	for (k in cnt) m[k] = med(k)
	printf "| work | meetlat: instructions | meetlat: wall, median (range) | meetlat: peak memory | peer | peer: wall, median (range) | peer: peak memory | meetlat faster by |\n"
	printf "|---|---:|---:|---:|---|---:|---:|---:|\n"
	printf "| shipped programme, every output | %s | %s | %s | — | — | — | — |\n", g(ish), wall("ship"), mem("ship")
	if (duck != "")
		printf "| 1.000.000 callbacks, every output | %s | %s | %s | DuckDB %s, the aggregation only | %s | %s | %s× |\n", g(i1m), wall("m1m"), mem("m1m"), duck, wall("duck"), mem("duck"), dec(m["duck"] / m["m1m"], 1)
	else
		printf "| 1.000.000 callbacks, every output | %s | %s | %s | DuckDB not measured | — | — | — |\n", g(i1m), wall("m1m"), mem("m1m")
	if (hugo != "")
		printf "| 1.000 team pages, every output | %s | %s | %s | Hugo %s, the pages only | %s | %s | %s× |\n", g(iteams), wall("teams"), mem("teams"), hugo, wall("hugo"), mem("hugo"), dec(m["hugo"] / m["teams"], 1)
	else
		printf "| 1.000 team pages, every output | %s | %s | %s | Hugo not measured | — | — | — |\n", g(iteams), wall("teams"), mem("teams")
	printf "| 1.000 team pages, every output, first build into an empty folder | — | %s | %s | — | — | — | — |\n", wall("first"), mem("first")
	print ""
	print "goals (issue 25):"
	if (ish != "-" && ish != "") printf "  shipped programme at most 1,0 G instructions: %s (%s)\n", ((ish + 0) <= 1e9 ? "met" : "NOT met"), g(ish)
	if (duck != "") printf "  1M rows at least 3x faster than DuckDB in at most a tenth of its memory: %s (%s×, %s of its memory)\n", ((m["duck"] >= 3 * m["m1m"] && mem_["m1m"] * 10 <= mem_["duck"]) ? "met" : "NOT met"), dec(m["duck"] / m["m1m"], 1), dec(mem_["m1m"] / mem_["duck"], 2)
	if (hugo != "") printf "  1.000 team pages at least 2x faster than Hugo: %s (%s×)\n", ((m["hugo"] >= 2 * m["teams"]) ? "met" : "NOT met"), dec(m["hugo"] / m["teams"], 1)
}' "$B/runs.txt"
echo

printf '%12s %10s %9s %12s %9s %10s\n' rows MB seconds rows/s MB/s "peak MiB"
for n in $sizes; do
	callbacks "$n"
	P=$B/p$n
	measure "$P" "$n" "$(wc -c <"$P/data/terugbelverzoeken.csv")"
done

# The same exports as Excel workbooks (tools/mkxlsx.c writes them as Excel does: dates as
# serial numbers with a date format, every text in the shared strings, phone numbers too).
echo
echo "the same exports as Excel workbooks (.xlsx; MB is the size of the file)"
printf '%12s %10s %9s %12s %9s %10s\n' rows MB seconds rows/s MB/s "peak MiB"
for n in $sizes; do
	P=$B/p$n X=$B/x$n
	if [ ! -s "$X/data/terugbelverzoeken.xlsx" ]; then
		rm -rf "$X"; mkdir -p "$X/content" "$X/data"
		cp "$P/content/10-terugbellen.md" "$X/content/"
		ln -s "$ROOT/themes" "$X/themes"
		"$ROOT/build/mkxlsx" csv "$P/data/terugbelverzoeken.csv" "$X/data/terugbelverzoeken.xlsx"
	fi
	measure "$X" "$n" "$(wc -c <"$X/data/terugbelverzoeken.xlsx")"
done

# The shipped programme, every output: the best of five builds per step (MEETLAT_TIJDEN makes
# the build print how long each step took). For comparison: WeasyPrint needs about 1,5 s for a
# report of this size on these machines.
echo
echo "shipped programme ($(ls "$ROOT"/content/*.md | wc -l) content files, $(cat "$ROOT"/data/*.csv | wc -l) lines of data): best of 5 builds, seconds"
rm -rf "$B/out"
for i in 1 2 3 4 5; do
	MEETLAT_TIJDEN=1 "$ROOT/meetlat" build -q -C "$ROOT" -o "$B/out" 2>&1 | grep '^meetlat: tijden:' >>"$B/steps.txt" ||
		{ echo "the build of the shipped programme failed" >&2; exit 1; }
done
awk -F'; ' '{
	for (i = 1; i <= NF; i++) {
		f = $i; sub(/^meetlat: tijden: /, "", f)
		n = split(f, w, " "); v = w[n - 1]; name = f; sub(/ [0-9.]+ s$/, "", name)
		if (!(name in best) || v < best[name]) best[name] = v
		if (!(name in order)) { order[name] = ++k; names[k] = name }
	}
} END { for (j = 1; j <= k; j++) printf "  %-28s %6.3f\n", names[j], best[names[j]] }' "$B/steps.txt"
rm -f "$B/steps.txt"
pdfinfo "$B/out"/raadsrapportage-*.pdf 2>/dev/null | awk '/^Pages:/{p=$2} /^File size:/{s=$3} END{if (p) printf "  report: %d pages, %.0f kB\n", p, s/1024}'
rm -rf "$B/out"
