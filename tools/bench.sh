#!/bin/sh
# make bench: reading and aggregating callback exports of 100.000 and 1.000.000 rows (and
# 10.000.000 with BENCH_ROWS=10000000), with personal-data columns that must be skipped; as CSV
# files, then as Excel workbooks.
# Reports rows/s, MB/s and peak memory of `meetlat check` (load, parse, aggregate, status;
# no rendering). Each size runs three times; the best time and the highest memory count.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
B=$ROOT/build/bench
mkdir -p "$B"
cc -O2 -o "$B/runstat" "$ROOT/tools/runstat.c"
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
printf '%12s %10s %9s %12s %9s %10s\n' rows MB seconds rows/s MB/s "peak MiB"
for n in $sizes; do
	P=$B/p$n
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
