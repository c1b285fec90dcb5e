#!/bin/sh
# Installs the Debian packages meetlat needs when they are missing (as root), or prints the
# one command that installs them. Usage: deps.sh build|test|windows|bench
#
# Every package the build links against or the tests call is named here; nothing may rely on
# what a development machine happens to have (libxlsxwriter links -lz, yet libxlsxwriter-dev
# does not pull in zlib1g-dev).
set -e
# build: compiler, pkg-config, the libraries with their link dependencies, the PDF fonts, the
# sRGB profile of the PDF/A output intent, and the Dutch hyphenation patterns (the report's
# hyphenation; base/hyphen.c reads them)
build="gcc libc6-dev make pkg-config zlib1g-dev libcmark-dev libcsv-dev libhpdf-dev
	libxlsxwriter-dev libyaml-dev nettle-dev libminizip-dev libexpat1-dev fonts-dejavu-core fonts-dejavu-extra
	colord-data hyphen-nl"
# test: cmocka (unit), poppler (PDF text, fonts, structure), Python with openpyxl (workbook
# read back, fuzzing) and pikepdf (PDF/UA structure checks), LibreOffice (a second reader of the
# workbooks), clang's libFuzzer, Chromium and a JRE (axe-core and the Nu HTML Checker),
# ca-certificates (npm), GNU time (peak memory of the large-workbook cases), libhyphen (the
# reference base/hyphen.c is compared with, tests/unit/test_hyphen.c)
test="libcmocka-dev libhyphen-dev poppler-utils python3 python3-openpyxl python3-pikepdf libreoffice-calc-nogui
	chromium default-jre-headless
	clang libclang-rt-14-dev
	ca-certificates time"
# windows: Debian's mingw-w64 cross compiler (C, and C++ because libxlsxwriter's CMake asks for
# it) and zlib for it; cmake, m4 (nettle's assembly) and dpkg-dev (dpkg-source) to build the
# libraries from Debian's source packages (tools/windows.sh); zip for the package; the build list
# too, since its packages give the library versions and the fonts that go into the zip
windows="gcc-mingw-w64-x86-64-win32 g++-mingw-w64-x86-64-win32 libz-mingw-w64-dev cmake m4 dpkg-dev
	xz-utils zip"
# test: also meetlat.exe under Wine (make windows-test), and unzip to unpack the package there
test="$test $windows wine64 unzip"
# bench: the peers of make bench (DuckDB comes from npm, in a temporary folder) and callgrind
bench="hugo valgrind"
# Node.js for the browser checks: the machine's own if it has one, else Debian's
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || test="$test nodejs npm"
case "$1" in
build) want="$build" ;;
test) want="$build $test" ;;
windows) want="$build $windows" ;;
bench) want="$build $bench" ;;
*) echo "usage: $0 build|test|windows|bench" >&2; exit 2 ;;
esac
missing=""
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	echo "meetlat: pakketten installeren:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
	echo "meetlat: deze pakketten ontbreken. Installeer ze met:" >&2
	echo "  sudo apt-get install$missing" >&2
	exit 1
fi
