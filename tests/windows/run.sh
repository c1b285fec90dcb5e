#!/bin/sh
# meetlat.exe under Wine: the same bytes and the same messages as the Linux build.
#   1. the expected outputs (tests/regress) through meetlat.exe;
#   2. every broken input (tests/e2e/broken): the same messages, exit status and untouched
#      previous output as expected.err says, as tests/e2e/run.sh checks them on Linux;
#   3. the zip as the secretary unpacks it: meetlat.exe build there gives output byte for byte
#      the same as ./meetlat build of the repository (every file, the manifest included), also
#      with the callback export as an Excel workbook;
#   4. the Windows side of the output rules: a second build replaces the first, a foreign
#      file is refused, an output left aside by a build that died halfway through the swap is
#      put back, no temporary folder or lock file stays behind; UTF-8 folder names;
#   5. output ownership as tests/e2e/run.sh checks it (journal, stale folders, killed builds),
#      devices and folders where a file is expected, and with the test build MEETLAT-FOUT.EXE
#      every failure meetlat injects (MEETLAT_FOUT), the two moves of the swap included.
# Usage: run.sh LINUX-MEETLAT MEETLAT.EXE ZIP [MEETLAT-FOUT.EXE]. Wine's messages are silenced
# (WINEDEBUG) and its prefix lives in build/windows/wineprefix, made on first use.
set -u
LIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
EXE=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
ZIP=$(cd "$(dirname "$3")" && pwd)/$(basename "$3")
FEXE=
[ -n "${4:-}" ] && FEXE=$(cd "$(dirname "$4")" && pwd)/$(basename "$4")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WINE=$(command -v wine64 || command -v wine || { [ -x /usr/lib/wine/wine64 ] && echo /usr/lib/wine/wine64; }) || {
	echo "windows: Wine is not installed (Debian: apt-get install wine64)"; exit 1; }
export WINEDEBUG=-all WINEPREFIX="${WINEPREFIX:-$ROOT/build/windows/wineprefix}"
T=$(mktemp -d /tmp/meetlat-windows-XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { # check "description" command...
	d=$1; shift
	if "$@" >/dev/null 2>&1; then ok; else bad "$d"; fi
}
sums() { (cd "$1" && find . -type f -exec sha256sum {} + | LC_ALL=C sort -k2); }

# meetlat.exe as a command: Windows ends message lines with CRLF, the expected files with LF
wrap() { # wrap SCRIPT EXE
	cat >"$1" <<EOF
#!/bin/sh
"$WINE" "$2" "\$@" >"$T/w.\$\$.out" 2>"$T/w.\$\$.err"; rc=\$?
tr -d '\r' <"$T/w.\$\$.out"; tr -d '\r' <"$T/w.\$\$.err" >&2
rm -f "$T/w.\$\$.out" "$T/w.\$\$.err"
exit \$rc
EOF
	chmod +x "$1"
}
W=$T/meetlat-wine
wrap "$W" "$EXE"
t0=$(date +%s)
"$W" --version >/dev/null 2>&1 # makes the Wine prefix on first use (some seconds)
check "meetlat.exe --version runs under Wine" sh -c "'$W' --version | grep -q '^meetlat '"

# 1. expected outputs
if sh "$ROOT/tests/regress/run.sh" "$W" >"$T/regress.log" 2>&1; then ok; else bad "tests/regress through meetlat.exe"; cat "$T/regress.log"; fi
echo "windows: $(tail -1 "$T/regress.log" | sed 's/^regress: //') (tests/regress through meetlat.exe)"

# 2. broken inputs, as tests/e2e/run.sh runs them
project() { # project NAME SRC...
	p=$T/$1; shift
	rm -rf "$p"; mkdir -p "$p"
	for s in "$@"; do cp -R "$s"/. "$p"/; done
	ln -s "$ROOT/themes" "$p/themes"
	echo "$p"
}
G=$(project good "$ROOT/tests/e2e/fixture")
"$W" build -q -C "$G" -o "$T/prev" >/dev/null 2>&1
check "the fixture's output for the broken cases exists" test -f "$T/prev/index.html"
nb=0
for case in "$ROOT"/tests/e2e/broken/*/; do
	name=$(basename "$case")
	nb=$((nb + 1))
	B=$(project "broken-$name" "$ROOT/tests/e2e/fixture" "$case")
	# a case may make its inputs (a workbook, say) with make.sh, run in the project folder
	[ -f "$B/make.sh" ] && { (cd "$B" && ROOT="$ROOT" sh ./make.sh) || bad "make.sh of $name failed"; rm -f "$B/make.sh"; }
	rm -f "$B/expected.err" "$B/expected.status" "$B/expected.check"
	want=1
	[ -f "$case/expected.status" ] && want=$(cat "$case/expected.status")
	rm -rf "$T/prev-$name" && cp -R "$T/prev" "$T/prev-$name"
	sums "$T/prev-$name" >"$T/$name.before"
	(cd "$B" && timeout 120 "$W" build -o "$T/prev-$name") 2>&1 | sed "s|$T/prev-$name|OUTPUT|g" >"$T/$name.out"
	rc=$(cd "$B" && timeout 120 "$W" check >"$T/$name.check" 2>&1; echo $?)
	if [ "$rc" -eq "$want" ] && diff -u "$case/expected.err" "$T/$name.out" >"$T/$name.diff"; then ok; else
		bad "meetlat.exe: diagnostics for $name (exit $rc, want $want)"; cat "$T/$name.diff"; fi
	# expected.check: every message of 'meetlat check', which also reads the text (plain language)
	if [ -f "$case/expected.check" ]; then
		if diff -u "$case/expected.check" "$T/$name.check" >"$T/$name.cdiff"; then ok; else
			bad "meetlat.exe check for $name"; cat "$T/$name.cdiff"; fi
	fi
	if [ "$want" -eq 1 ]; then
		sums "$T/prev-$name" >"$T/$name.after"
		check "meetlat.exe: $name: previous output untouched" cmp "$T/$name.before" "$T/$name.after"
	fi
done
echo "windows: $nb broken inputs through meetlat.exe"

# 3. the zip, unpacked, against the Linux build of the repository
mkdir -p "$T/zip" && (cd "$T/zip" && unzip -q "$ZIP")
Z=$(echo "$T"/zip/meetlat-*)
check "the zip has meetlat.exe, LEESMIJ.txt and 'Bouw de site.cmd'" \
	test -f "$Z/meetlat.exe" -a -f "$Z/LEESMIJ.txt" -a -f "$Z/Bouw de site.cmd"
check "the zip's meetlat.exe is the one tested" cmp "$Z/meetlat.exe" "$EXE"
# the repository's programme as the zip holds it: content/, data/ and toelichtingen/ (build/ is
# large)
L=$T/linux
mkdir -p "$L" && cp -R "$ROOT/content" "$ROOT/data" "$ROOT/toelichtingen" "$L/" && ln -s "$ROOT/themes" "$L/themes"
(cd "$L" && "$LIN" build >"$T/linux.err" 2>&1)
check "Linux build of the shipped programme" test -f "$L/output/.meetlat"
# as "Bouw de site.cmd" runs it: in the unpacked folder, no options
(cd "$Z" && "$W" build >"$T/zip.err" 2>&1)
check "meetlat.exe build in the unpacked zip" test -f "$Z/output/.meetlat"
sums "$L/output" >"$T/linux.sums"
sums "$Z/output" >"$T/windows.sums"
nfiles=$(wc -l <"$T/linux.sums")
if cmp -s "$T/linux.sums" "$T/windows.sums"; then
	ok
	echo "windows: the shipped programme from the zip: $nfiles files, byte for byte the same as the Linux build"
else
	bad "meetlat.exe's output differs from Linux's"
	diff "$T/linux.sums" "$T/windows.sums" | head -20
fi
check "the same messages as on Linux" diff "$T/linux.err" "$T/zip.err"
# the same with the callback export as an Excel workbook (saved by openpyxl, as in
# tests/e2e/run.sh): meetlat.exe reads it with minizip and expat as Linux does
XL=$T/xlsx-linux XW=$T/xlsx-windows
mkdir -p "$XL" && cp -R "$L/content" "$L/data" "$L/toelichtingen" "$XL/" && ln -s "$ROOT/themes" "$XL/themes"
/usr/bin/python3 "$ROOT/tests/e2e/csv2xlsx.py" "$XL/data/terugbelverzoeken.csv" "$XL/data/terugbelverzoeken.xlsx" &&
	rm "$XL/data/terugbelverzoeken.csv"
mkdir -p "$XW" && cp -R "$Z/content" "$Z/toelichtingen" "$Z/themes" "$Z/lettertypen" "$Z/kleurprofiel" "$Z/afbreken" "$XW/" &&
	cp -R "$XL/data" "$XW/"
(cd "$XL" && "$LIN" build >"$T/xlsx-linux.err" 2>&1)
(cd "$XW" && "$W" build >"$T/xlsx-windows.err" 2>&1)
check "the shipped programme with a workbook: Linux builds it" test -f "$XL/output/.meetlat"
sums "$XL/output" >"$T/xlsx-linux.sums"
sums "$XW/output" >"$T/xlsx-windows.sums" 2>/dev/null
if test -f "$XW/output/.meetlat" && cmp -s "$T/xlsx-linux.sums" "$T/xlsx-windows.sums"; then
	ok
	echo "windows: the shipped programme with its callbacks as a workbook: $(wc -l <"$T/xlsx-linux.sums") files, byte for byte the same"
else
	bad "meetlat.exe's output from a workbook differs from Linux's"
	diff "$T/xlsx-linux.sums" "$T/xlsx-windows.sums" | head -20
fi
check "and the same messages" diff "$T/xlsx-linux.err" "$T/xlsx-windows.err"

# 4. the output rules with Windows means
ino=$(stat -c %i "$Z/output/index.html")
(cd "$Z" && "$W" build -q >/dev/null 2>&1); rc=$?
check "a second build replaces the first" test $rc -eq 0
check "and takes over its unchanged files as hard links (CreateHardLinkW)" test "$ino" = "$(stat -c %i "$Z/output/index.html")"
sums "$Z/output" | cmp -s - "$T/windows.sums"; check "and gives the same bytes" test $? -eq 0
check "no temporary folder or lock file left" sh -c "! ls -A '$Z' | grep -qE '^output\.tmp-|^\.meetlat-slot\$'"
echo keep >"$Z/output/van-een-collega.html"
(cd "$Z" && "$W" build >"$T/foreign.err" 2>&1); rc=$?
check "a foreign file is refused (exit 1)" test $rc -eq 1
check "and kept" test -f "$Z/output/van-een-collega.html"
check "and named" grep -q "van-een-collega.html" "$T/foreign.err"
rm "$Z/output/van-een-collega.html"
# a build that died after moving the old output aside, before moving the new one in
mv "$Z/output" "$Z/output.tmp-AbC123.oud"
(cd "$Z" && "$W" build >"$T/recover.err" 2>&1); rc=$?
check "an output left aside by a dead build is put back, then replaced" test $rc -eq 0 -a -f "$Z/output/.meetlat"
check "and said" grep -q "teruggezet" "$T/recover.err"
check "nothing left aside" sh -c "! ls -A '$Z' | grep -q '^output\.tmp-'"
# builds into one folder take turns (LockFileEx): two at once both succeed
(cd "$Z" && "$W" build -q >"$T/turn1.err" 2>&1; echo $? >"$T/turn1.rc") &
(cd "$Z" && "$W" build -q >"$T/turn2.err" 2>&1; echo $? >"$T/turn2.rc") &
wait
check "two builds at once into one folder both succeed" test "$(cat "$T/turn1.rc")$(cat "$T/turn2.rc")" = 00
sums "$Z/output" | cmp -s - "$T/windows.sums"; check "and leave the same bytes" test $? -eq 0
check "and no lock file" test ! -e "$Z/.meetlat-slot"
# publishing an edition: the same record as on Linux, never written twice
(cd "$L" && "$LIN" build -q --publiceer >/dev/null 2>&1)
(cd "$Z" && "$W" build -q --publiceer >/dev/null 2>&1); rc=$?
check "build --publiceer" test $rc -eq 0
check "keeps the same edition record as Linux" cmp "$L/edities/editie-2025-12-31.csv" "$Z/edities/editie-2025-12-31.csv"
(cd "$Z" && "$W" build --publiceer >"$T/publish2.err" 2>&1); rc=$?
check "a second --publiceer leaves the record as it is" test $rc -eq 0
check "and says so" grep -q "al gepubliceerd" "$T/publish2.err"
# a folder with accents, given with a drive letter and backslashes
U=$T/proj-é && mkdir -p "$U" && cp -R "$Z"/content "$Z"/data "$Z"/toelichtingen "$Z"/themes "$Z"/lettertypen "$Z"/kleurprofiel \
	"$Z"/afbreken "$U"/
wu="Z:$(echo "$U" | tr / '\\')"
"$W" build -q -C "$wu" -o "$wu\\uitvoer-ë\\" >"$T/utf8.err" 2>&1; rc=$?
check "a UTF-8 folder name with drive letter and backslashes" test $rc -eq 0
sums "$U/uitvoer-ë" | cmp -s - "$T/windows.sums"; check "gives the same bytes" test $? -eq 0

# 5. output ownership (as tests/e2e/run.sh): only what meetlat provably wrote is replaced or
# removed. Not here: the FIFO cases (Windows has no FIFOs in a folder; its devices are checked
# below instead) and an output that is a link (Wine 8 shows a Unix link as a plain folder; on
# Windows a junction or symbolic link is a name-surrogate reparse point, which plat_lkind calls
# a link, as lstat does on Linux)
"$W" build -q -C "$G" -o "$T/own" >/dev/null 2>&1
mkdir -p "$T/share" && cp -R "$T/own"/. "$T/share"/ && mkdir -p "$T/share/ruimte" && echo keep >"$T/share/ruimte/index.html"
sums "$T/share" >"$T/share.before"
"$W" build -C "$G" -o "$T/share" >"$T/share.err" 2>&1; rc=$?
check "a folder with foreign files is refused (exit $rc)" test $rc -eq 1
sums "$T/share" >"$T/share.after"
check "nothing in it is deleted or changed" cmp "$T/share.before" "$T/share.after"
check "the refusal names what is foreign" grep -q ruimte "$T/share.err"
sed -i 's/Overzicht/Eigen tekst/' "$T/own/index.html"
"$W" build -C "$G" -o "$T/own" >"$T/own.err" 2>&1; rc=$?
check "a changed output file is refused (exit $rc), and survives" \
	sh -c "test $rc -eq 1 && grep -q 'Eigen tekst' '$T/own/index.html' && grep -q index.html '$T/own.err'"
mkdir -p "$T/fake" && : >"$T/fake/.meetlat" && echo keep >"$T/fake/page.html"
"$W" build -C "$G" -o "$T/fake" >/dev/null 2>&1; rc=$?
check "a bare .meetlat proves nothing" test $rc -eq 1 -a -f "$T/fake/page.html"
mkdir -p "$T/fake2/.meetlat" && echo keep >"$T/fake2/page.html"
"$W" build -C "$G" -o "$T/fake2" >/dev/null 2>&1; rc=$?
check "a folder named .meetlat proves nothing" test $rc -eq 1 -a -f "$T/fake2/page.html"
# a killed build's temporary folder is cleaned entry by entry as its journal lists them; what
# meetlat cannot prove is its own is left and mentioned
"$W" build -q -C "$G" -o "$T/own2" >/dev/null 2>&1
mkdir -p "$T/own2.tmp-AAAAAA/data" && printf 'meetlat-bezig 1\nd data\nf data/x.csv\n' >"$T/own2.tmp-AAAAAA/.meetlat-bezig" &&
	echo x >"$T/own2.tmp-AAAAAA/data/x.csv"
mkdir -p "$T/own2.tmp-CCCCCC/data" && printf 'meetlat-bezig 1\nd data\nf data/x.csv\n' >"$T/own2.tmp-CCCCCC/.meetlat-bezig" &&
	echo x >"$T/own2.tmp-CCCCCC/data/x.csv" && echo keep >"$T/own2.tmp-CCCCCC/data/eigen.txt"
mkdir -p "$T/own2.tmp-BBBBBB" && echo keep >"$T/own2.tmp-BBBBBB/eigen.txt"
mkdir -p "$T/own2.tmp-DDDDDD" && : >"$T/own2.tmp-DDDDDD/.meetlat-bezig" && echo keep >"$T/own2.tmp-DDDDDD/eigen.txt"
cp -R "$T/own2" "$T/own2.tmp-backup2025"
mkdir -p "$T/own2.tmp-EEEEEE"
# an old output whose removal by its manifest was cut short (.meetlat-weg)
cp -R "$T/own2" "$T/own2.tmp-FFFFFF" && rm "$T/own2.tmp-FFFFFF/index.html" && printf 'meetlat-weg 1\n' >"$T/own2.tmp-FFFFFF/.meetlat-weg"
# an output moved aside (.oud) is moved back only when it is one, never someone's folder
mkdir -p "$T/own2.tmp-kopie.oud" && echo keep >"$T/own2.tmp-kopie.oud/eigen.txt"
"$W" build -C "$G" -o "$T/own2" >"$T/stale.err" 2>&1; rc=$?
check "with stale folders beside it, the build succeeds (exit $rc)" test $rc -eq 0
check "an unfinished temporary folder is removed, and named" sh -c "test ! -e '$T/own2.tmp-AAAAAA' &&
	grep -qF 'own2.tmp-AAAAAA: let op: tijdelijke map van een afgebroken build opgeruimd (1 bestand)' '$T/stale.err'"
check "a file its journal does not list stays" test -f "$T/own2.tmp-CCCCCC/data/eigen.txt" -a ! -e "$T/own2.tmp-CCCCCC/data/x.csv"
check "a temporary-looking folder meetlat cannot prove stays, and is mentioned" \
	sh -c "test -f '$T/own2.tmp-BBBBBB/eigen.txt' && grep -qF own2.tmp-BBBBBB '$T/stale.err'"
check "a bare marker proves nothing" test -f "$T/own2.tmp-DDDDDD/eigen.txt"
check "a copy of the output named like a temporary folder stays whole" diff -r "$T/own2" "$T/own2.tmp-backup2025"
check "an empty temporary folder is removed" test ! -e "$T/own2.tmp-EEEEEE"
check "an interrupted removal of an old output is finished, and said" \
	sh -c "test ! -e '$T/own2.tmp-FFFFFF' && grep -q 'aan het opruimen was, is nu opgeruimd' '$T/stale.err'"
check "someone's folder named like a moved-aside output stays where it is" test -f "$T/own2.tmp-kopie.oud/eigen.txt"
rm -rf "$T/own2.tmp-CCCCCC" "$T/own2.tmp-DDDDDD" "$T/own2.tmp-backup2025" "$T/own2.tmp-BBBBBB" "$T/own2.tmp-kopie.oud"
# a build killed at any moment leaves the previous output whole; killed between the two moves
# of the swap, the output is aside (<output>.tmp-*.oud) and the next build moves it back
"$W" build -q -C "$L" -o "$T/own2" >/dev/null 2>&1
between=0
for delay in 0.3 0.6 1 1.5 2 2.5 3; do
	"$WINE" "$EXE" build -q -C "$L" -o "$T/own2" >/dev/null 2>&1 &
	pid=$!; sleep $delay; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
	if [ -f "$T/own2/.meetlat" ] && [ -f "$T/own2/index.html" ]; then
		ok
	elif [ ! -e "$T/own2" ] && [ -f "$(ls -d "$T"/own2.tmp-*.oud 2>/dev/null | head -n 1)/.meetlat" ]; then
		between=$((between + 1))
		"$W" build -q -C "$G" -o "$T/own2" >"$T/kill.err" 2>&1
		check "after a kill between the moves, the next build puts the output back" grep -q teruggezet "$T/kill.err"
	else
		bad "killed build after ${delay}s broke the output"; ls -A "$T" | grep own2
	fi
done
"$W" build -q -C "$G" -o "$T/own2" >/dev/null 2>&1; rc=$?
check "after killed builds the next one succeeds (exit $rc)" test $rc -eq 0
check "and leaves no temporary folder and no lock file" sh -c "! ls -Ad '$T'/own2.tmp-* '$T/.meetlat-slot' 2>/dev/null"
echo "windows: 7 builds killed at 0,3 to 3 s ($between between the two moves of the swap)"
# an empty output folder can be built into; "-o folder\." builds beside it, not in it; the root
# of a disk is no output folder
mkdir -p "$T/leeg"
"$W" build -q -C "$G" -o "$T/leeg" >/dev/null 2>&1; rc=$?
check "an empty existing folder is built into (exit $rc)" sh -c "test $rc -eq 0 && test -f '$T/leeg/index.html'"
"$W" build -q -C "$G" -o "Z:$(echo "$T/leeg" | tr / '\\')\\." >"$T/dot.err" 2>&1; rc=$?
check "-o folder\\. works (exit $rc)" sh -c "test $rc -eq 0 && ! ls -Ad '$T'/leeg/*tmp* '$T'/leeg.tmp-* 2>/dev/null"
"$W" build -q -C "$G" -o 'Z:\' >"$T/root.err" 2>&1; rc=$?
check "the root of a disk is refused as output (exit $rc)" sh -c "test $rc -eq 1 && grep -q 'hoofdmap van de schijf' '$T/root.err'"
# devices and folders where a file is expected: refused at once, never opened as a file
D=$(project devices "$ROOT/tests/e2e/fixture")
echo x >"$D/content/con.md" && echo x >"$D/content/com1.md" && mkdir "$D/content/40-map.md"
timeout 60 "$W" check -C "$D" >"$T/dev.err" 2>&1; rc=$?
check "CON, COM1 and a folder as content are refused (exit $rc)" sh -c "test $rc -eq 1 &&
	grep -q 'con.md: fout: kan het bestand niet lezen: het is geen gewoon bestand' '$T/dev.err' &&
	grep -q 'com1.md: fout: kan het bestand niet lezen: het is geen gewoon bestand' '$T/dev.err' &&
	grep -q '40-map.md: fout: kan het bestand niet lezen: het is een map' '$T/dev.err'"
rm -f "$D/content/con.md" "$D/content/com1.md" && rmdir "$D/content/40-map.md"
rm "$D/data/terugbelverzoeken.csv" && mkdir "$D/data/terugbelverzoeken.csv"
timeout 60 "$W" check -C "$D" >"$T/dev2.err" 2>&1; rc=$?
check "a folder as export is refused (exit $rc)" \
	sh -c "test $rc -eq 1 && grep -q 'data/terugbelverzoeken.csv: fout: is geen gewoon bestand' '$T/dev2.err'"
rmdir "$D/data/terugbelverzoeken.csv" && mkdir "$D/data/terugbelverzoeken.xlsx"
timeout 60 "$W" check -C "$D" >"$T/dev3.err" 2>&1; rc=$?
check "a folder as workbook is refused (exit $rc)" \
	sh -c "test $rc -eq 1 && grep -q 'data/terugbelverzoeken.xlsx: fout: is geen gewoon bestand' '$T/dev3.err'"
# two --publiceer at once: one record, the same in edities/ and on the site; the lock on the
# project folder is the output's when the output is in it, and its own when it is elsewhere
PP=$(project pubrace "$ROOT/tests/e2e/fixture")
"$W" build -q -C "$PP" --publiceer >/dev/null 2>&1 &
p1=$!
"$W" build -q -C "$PP" --publiceer >/dev/null 2>&1 &
p2=$!
wait $p1; r1=$?; wait $p2; r2=$?
check "two --publiceer at once both succeed ($r1, $r2)" test $r1 -eq 0 -a $r2 -eq 0
check "and the site's copy of the record is the kept one" cmp "$PP/edities/editie-2024-04-30.csv" "$PP/output/edities/editie-2024-04-30.csv"
check "and no lock file is left in the project" test ! -e "$PP/.meetlat-slot"
PO=$(project pubother "$ROOT/tests/e2e/fixture")
mkdir -p "$T/elders"
"$W" build -q -C "$PO" -o "$T/elders/out" --publiceer >/dev/null 2>&1; rc=$?
check "--publiceer into an output elsewhere (exit $rc): the record kept, no lock file left in either folder" \
	sh -c "test $rc -eq 0 && test -s '$PO/edities/editie-2024-04-30.csv' && test ! -e '$PO/.meetlat-slot' && test ! -e '$T/elders/.meetlat-slot'"

# failures meetlat makes on request (MEETLAT_FOUT, the test build): the same outcomes as on
# Linux, and the two moves of the swap on Windows
if [ -n "$FEXE" ]; then
	WF=$T/meetlat-fout-wine
	wrap "$WF" "$FEXE"
	MEETLAT_FOUT=plaats "$WF" build -q -C "$G" -o "$T/fprobe" >"$T/fprobe.err" 2>&1
	check "the test build fails on request" grep -q testfout "$T/fprobe.err"
	check "a failed first rename leaves nothing behind" sh -c "! ls -d '$T'/fprobe '$T'/fprobe.tmp-* 2>/dev/null"
	rm -rf "$T/fo" && "$W" build -q -C "$G" -o "$T/fo" >/dev/null 2>&1 && sums "$T/fo" >"$T/fo.before"
	# the first move fails (wissel), or the second and the first is undone (halverwege)
	for step in wissel halverwege; do
		MEETLAT_FOUT=$step "$WF" build -C "$G" -o "$T/fo" >"$T/fo-$step.err" 2>&1; rc=$?
		sums "$T/fo" >"$T/fo-$step.after"
		check "$step: exit 1 (got $rc), the previous output in place and unchanged" \
			sh -c "test $rc -eq 1 && cmp -s '$T/fo.before' '$T/fo-$step.after'"
		check "$step: nothing left beside it, and the message says so" sh -c "! ls -d '$T'/fo.tmp-* 2>/dev/null &&
			grep -q 'kan de nieuwe uitvoer niet op zijn plaats zetten' '$T/fo-$step.err' && grep -q 'niet veranderd' '$T/fo-$step.err'"
	done
	MEETLAT_FOUT=vreemd "$WF" build -C "$G" -o "$T/fo" >"$T/fo.err" 2>&1; rc=$?
	check "a file added during the build: exit 1 (got $rc)" test $rc -eq 1
	sums "$T/fo" | grep -v vreemd.html >"$T/fo.after"
	check "and the previous output is back, with the added file" sh -c "test -f '$T/fo/vreemd.html' && cmp -s '$T/fo.after' '$T/fo.before'"
	check "and nothing is left beside it" sh -c "! ls -d '$T'/fo.tmp-* 2>/dev/null"
	check "and the message says nothing was replaced" grep -q 'er is niets vervangen' "$T/fo.err"
	rm -f "$T/fo/vreemd.html"
	# putting it back fails: before the first move back (terug, as on Linux), or at the second
	# (ongedaan: the new output is moved back into place, so that the message is true)
	for step in terug ongedaan; do
		MEETLAT_FOUT=vreemd,$step "$WF" build -C "$G" -o "$T/fo" >"$T/fo2-$step.err" 2>&1; rc=$?
		aside=$(ls -d "$T"/fo.tmp-* 2>/dev/null | head -n 1)
		check "vreemd,$step: exit 1 (got $rc)" test $rc -eq 1
		check "vreemd,$step: the previous output and the added file are kept aside" sh -c "test -n '$aside' &&
			test -f '$aside/vreemd.html' && (cd '$aside' && find . -type f ! -name vreemd.html -exec sha256sum {} + | LC_ALL=C sort -k2) | cmp -s - '$T/fo.before'"
		check "vreemd,$step: the new output is in place" sh -c "test -f '$T/fo/.meetlat' -a -f '$T/fo/index.html' -a ! -e '$T/fo/vreemd.html'"
		check "vreemd,$step: the message names both places and says nothing was removed" sh -c "
			grep -qF 'staat nu in $T/fo;' '$T/fo2-$step.err' && grep -qF 'staat in $aside.' '$T/fo2-$step.err' &&
			grep -q 'Er is niets verwijderd' '$T/fo2-$step.err'"
		check "vreemd,$step: the message does not claim the output is unchanged" sh -c "! grep -q 'niet veranderd' '$T/fo2-$step.err'"
		"$W" build -C "$G" -o "$T/fo" >"$T/fo3.err" 2>&1
		check "vreemd,$step: the next build leaves that folder alone and mentions it" \
			sh -c "test -f '$aside/vreemd.html' && grep -qF '$aside' '$T/fo3.err'"
		rm -rf "$T"/fo.tmp-*
	done
	# twice in a row: the output that failed to replace it is swapped aside in its turn, whole
	MEETLAT_FOUT=vreemd,terug "$WF" build -q -C "$G" -o "$T/fo" >/dev/null 2>&1
	MEETLAT_FOUT=vreemd,ongedaan "$WF" build -q -C "$G" -o "$T/fo" >/dev/null 2>&1
	"$W" build -C "$G" -o "$T/fo" >"$T/fo4.err" 2>&1; rc=$?
	n=0
	for a in "$T"/fo.tmp-*; do
		[ -f "$a/vreemd.html" ] && [ -f "$a/index.html" ] && [ -f "$a/.meetlat" ] && grep -qF "$a" "$T/fo4.err" && n=$((n + 1))
	done
	check "two failed swaps back in a row: both folders left whole and mentioned, the build succeeds (exit $rc, $n of 2)" \
		test $rc -eq 0 -a $n -eq 2
	rm -rf "$T"/fo.tmp-*
	# a record that cannot be kept: nothing is published, the output stays as it was
	PF=$(project pubfail "$ROOT/tests/e2e/fixture")
	"$W" build -q -C "$PF" >/dev/null 2>&1 && sums "$PF/output" >"$T/pf.before"
	MEETLAT_FOUT=editie "$WF" build -q -C "$PF" --publiceer >"$T/pf.err" 2>&1; rc=$?
	check "an edition that cannot be kept: exit 1 (got $rc)" test $rc -eq 1
	sums "$PF/output" >"$T/pf.after"
	check "and the output is not swapped in" cmp "$T/pf.before" "$T/pf.after"
	check "and no record is left" sh -c "! ls '$PF'/edities/*.csv 2>/dev/null"
else
	echo "windows: no test build (MEETLAT-FOUT.EXE) given; the failures meetlat makes on request are not run"
fi

echo "windows: $pass passed, $fail failed ($(($(date +%s) - t0)) s under Wine)"
[ "$fail" -eq 0 ]
