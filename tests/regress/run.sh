#!/bin/sh
# Expected-output tests in the style of lowdown's regress/: the programme in proef/ is built,
# and what each output says is compared with the files in expected/ by diff -u:
#   html/...        a few pages of the site, as written
#   data/*.csv      every open-data file, and their description (datapackage.json)
#   pdf.txt         the council report as text (pdftotext -layout)
#   xlsx.txt        the quarterly workbook's cells, formats, tables and charts (xlsxdump.py)
#   xlsx-maand.txt  the same of the monthly workbook (the reference date ends a month)
# Usage: run.sh MEETLAT [--update]. With --update the expected files are rewritten from this
# build: review them with git diff before committing (make regress-update).
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
update=${2:-}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
T=$(mktemp -d /tmp/meetlat-regress-XXXXXX)
trap 'rm -rf "$T"' EXIT
cp -R "$HERE/proef" "$T/p"
ln -s "$ROOT/themes" "$T/p/themes"
if ! "$BIN" build -q -C "$T/p" -o "$T/out" 2>"$T/build.err"; then
	echo "regress: the build failed"; cat "$T/build.err"; exit 1
fi
G=$T/got
mkdir -p "$G/html" "$G/data"
for page in index.html acties/terugbellen.html teams/kanalen.html themas/klantwaardering.html; do
	mkdir -p "$G/html/$(dirname "$page")"
	cp "$T/out/$page" "$G/html/$page"
done
cp "$T/out"/data/*.csv "$T/out"/data/datapackage.json "$G/data/"
pdftotext -layout -enc UTF-8 "$T/out"/raadsrapportage-*.pdf "$G/pdf.txt" 2>/dev/null
/usr/bin/python3 "$HERE/xlsxdump.py" "$T/out"/mt-rapportage-*.xlsx >"$G/xlsx.txt"
/usr/bin/python3 "$HERE/xlsxdump.py" "$T/out"/terugbelverzoeken-*.xlsx >"$G/xlsx-maand.txt"
if [ "$update" = "--update" ]; then
	rm -rf "$HERE/expected"
	cp -R "$G" "$HERE/expected"
	echo "regress: expected files rewritten; review them with git diff tests/regress/expected"
	exit 0
fi
pass=0 fail=0 seen=""
for f in $(cd "$G" && find . -type f | sort) $(cd "$HERE/expected" && find . -type f | sort); do
	case " $seen " in *" $f "*) continue ;; esac
	seen="$seen $f"
	if diff -u "$HERE/expected/$f" "$G/$f" >"$T/diff" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $f differs from tests/regress/expected/$f"
		head -40 "$T/diff"
	fi
done
echo "regress: $pass passed, $fail failed (make regress-update rewrites the expected files)"
[ $fail -eq 0 ]
