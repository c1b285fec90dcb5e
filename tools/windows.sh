#!/bin/sh
# Cross-compiles the libraries meetlat links for Windows (x86_64-w64-mingw32) from Debian's own
# source packages, at the versions the Linux build uses, and packs the Windows zip.
#
#   sh tools/windows.sh libs            build/windows/sysroot: static libraries and headers
#   sh tools/windows.sh zip VERSION     dist/meetlat-VERSION-windows.zip from build/windows/
#                                       meetlat.exe, the example project, the theme with the
#                                       report's fonts, LEESMIJ.txt and "Bouw de site.cmd"
#
# `make windows` runs both, with the compile of meetlat.exe in between (Makefile).
#
# Sources come only from Debian's archive, through apt: `apt-get source` checks every file
# against the Sources index, whose Release file apt has verified with Debian's archive key.
# Versions are those of the Linux packages installed by tools/deps.sh, so Linux and Windows
# builds run the same library code (the source version is read from dpkg, never guessed). When
# a security update has replaced the installed version in the archive, the script says which
# Linux packages to upgrade first; it never builds another version than Linux runs.
# zlib is Debian's libz-mingw-w64-dev (built from the same zlib source as zlib1g).
#
# The Dutch hyphenation patterns the report reads (hyphen-nl's hyph_nl_NL.dic) go into the zip
# beside the fonts.
# Differences from Debian's Linux builds, none of which changes a byte meetlat writes:
# - static libraries, -O2, no hardening flags (mingw's stack protector needs libssp);
# - libharu without PNG support (meetlat embeds no images; Linux links libpng);
# - libxlsxwriter with its bundled MD5 instead of OpenSSL's (MD5 only names embedded images,
#   which meetlat has none of); minizip is Debian's, as on Linux (USE_SYSTEM_MINIZIP);
# - nettle without its public-key half (hogweed, which needs GMP; meetlat uses SHA-256 only);
# - expat built with its CMake files rather than configure, with the same XML_ settings as the
#   Linux build's expat_config.h (checked), its hash salt from rand_s instead of /dev/urandom;
# - every library is compiled with __USE_MINGW_ANSI_STDIO=1, so printf-style number
#   formatting (libxlsxwriter writes cell values with "%.16G") is C99 as in glibc, not the
#   Microsoft C runtime's (three-digit exponents).
#
# Each library is built once per source version: a stamp in the sysroot names what was built
# with which recipe, so a second `make windows` only compiles meetlat.
set -eu

HOST=x86_64-w64-mingw32
TOP=$(pwd)
W=$TOP/build/windows
SRC=$W/src
SYSROOT=$W/sysroot
# the recipe's own version: raise it when a build recipe below changes, so caches rebuild
RECIPE=2
JOBS=$(nproc 2>/dev/null || echo 2)
# -ffile-prefix-map: the libraries' assert() messages name their source files; without it they
# would name build/windows/ of this clone, and meetlat.exe would differ from clone to clone
LIB_CFLAGS="-O2 -D__USE_MINGW_ANSI_STDIO=1 -ffile-prefix-map=$W/="

say() { echo "windows: $*"; }
die() { echo "windows: $*" >&2; exit 1; }
# exit status 3: the archive cannot serve a source (the machine is fine, the mirror is not);
# `make test` then reports meetlat.exe as not tested instead of failing
nosource() { echo "windows: $*" >&2; exit 3; }

# The Debian source package and version of an installed (Linux) binary package.
srcof() {
	v=$(dpkg-query -W -f='${source:Package} ${source:Version}' "$1" 2>/dev/null) ||
		die "$1 is not installed; run 'sh tools/deps.sh windows' (as root)"
	echo "$v"
}

# apt needs deb-src entries to fetch sources: the machine's own Debian entries (those signed
# with Debian's archive key, in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list)
# again as deb-src, so the sources come from the same archive and suites as its packages.
ensure_deb_src() {
	apt-cache showsrc zlib 2>/dev/null | grep -q '^Package:' && return 0
	[ "$(id -u)" = 0 ] || die "apt has no deb-src entries; as root, run: sh tools/windows.sh libs"
	new=/etc/apt/sources.list.d/meetlat-deb-src
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] && awk 'BEGIN { RS = ""; ORS = "\n\n" }
			/(^|\n)Types:[ a-z-]*deb([ \n]|$)/ && /debian-archive-keyring/ {
				sub(/Types:[^\n]*/, "Types: deb-src"); print }' "$f"
	done >"$new.sources"
	[ -s "$new.sources" ] || rm -f "$new.sources"
	{ grep -s '^deb ' /etc/apt/sources.list || true; } | sed 's/^deb /deb-src /' >"$new.list"
	[ -s "$new.list" ] || rm -f "$new.list"
	ls "$new".* >/dev/null 2>&1 || die "no Debian entry in /etc/apt to add deb-src entries for"
	say "apt: added deb-src entries ($(ls "$new".*))"
	apt-get update -qq
}

# The SHA-256 a .dsc lists for one of its files (the .dsc itself came through apt, verified).
dsc_sha256() {
	awk -v f="$2" '/^Checksums-Sha256:/ {on = 1; next} /^[^ ]/ {on = 0} on && $3 == f {print $1}' "$1"
}

# Fetch (once) and unpack the source package $1 at version $2 into $SRC/$1-$2; prints the path.
# When the archive does not serve a package's Debian tarball, the upstream tarball is used, still
# checked against the .dsc, and fetch_fix_<package> applies what Debian's patches change.
fetch() {
	pkg=$1 ver=$2 dir=$SRC/$1-$2
	if [ ! -f "$dir/.unpacked" ]; then
		mkdir -p "$SRC/dl"
		dsc=$SRC/dl/${pkg}_$(echo "$ver" | sed 's/^[0-9]*://').dsc
		if [ ! -f "$dsc.ok" ]; then
			say "apt-get source $pkg=$ver" >&2
			if (cd "$SRC/dl" && apt-get source --download-only -qq "$pkg=$ver" >"$SRC/dl/$pkg.log" 2>&1); then
				: > "$dsc.ok"
			elif [ -f "$dsc" ] && grep -q 'debian.tar.*404' "$SRC/dl/$pkg.log"; then
				say "$pkg: the archive does not serve Debian's patch tarball; using the checked upstream tarball" >&2
				: > "$dsc.partial"
				: > "$dsc.ok"
			else
				cat "$SRC/dl/$pkg.log" >&2
				known=$(apt-cache showsrc --only-source "$pkg" 2>/dev/null | sed -n 's/^Version: //p' | tr '\n' ' ' | sed 's/ $//')
				case " $known " in
				*" $ver "*)
					# listed in the archive's index, but its files are missing (a mirror that
					# lags behind its own index): nothing this machine can change
					grep -q ' 404 ' "$SRC/dl/$pkg.log" &&
						nosource "Debian's archive lists the source of $pkg $ver but does not serve it (404, above)"
					die "apt-get source $pkg=$ver failed (above)" ;;
				esac
				# a security or point release replaced the version installed here: the Linux
				# build should have it too, and then both builds run the same code again
				nosource "Debian's archive no longer has the source of $pkg $ver, the version the Linux build uses here
  (it has: ${known:-none}). Update the Linux library first, as root:
  apt-get update && apt-get install --only-upgrade$(dpkg-query -W -f='${db:Status-Abbrev} ${source:Package} ${Package}\n' 2>/dev/null |
					awk -v p="$pkg" '$1 == "ii" && $2 == p {printf " %s", $3}')"
			fi
		fi
		rm -rf "$dir"
		if [ ! -f "$dsc.partial" ]; then
			(cd "$SRC/dl" && dpkg-source -q -x "$(basename "$dsc")" "$dir" >/dev/null 2>&1) ||
				die "dpkg-source -x $dsc failed"
		else
			orig=$(awk '/^Checksums-Sha256:/ {on = 1; next} /^[^ ]/ {on = 0} on && $3 ~ /orig\.tar/ {print $3}' "$dsc")
			[ -n "$orig" ] && [ -f "$SRC/dl/$orig" ] || die "$pkg: no upstream tarball beside $dsc"
			echo "$(dsc_sha256 "$dsc" "$orig")  $SRC/dl/$orig" | sha256sum -c --quiet - ||
				die "$pkg: $orig does not match its .dsc"
			mkdir -p "$dir.tmp" && tar -C "$dir.tmp" -xf "$SRC/dl/$orig"
			mv "$dir.tmp"/* "$dir" && rmdir "$dir.tmp"
			"fetch_fix_$pkg" "$dir"
		fi
		: > "$dir/.unpacked"
	fi
	echo "$dir"
}

# libharu 2.3.0+dfsg-1: Debian's one change to the code is fix-version.diff (the release
# tarball still calls itself 2.3.0RC2; the version reaches the PDF's Producer). The result
# must equal the header the Linux build was compiled with.
fetch_fix_libharu() {
	sed -i -e 's/#define HPDF_EXTRA_VERSION "RC2"/#define HPDF_EXTRA_VERSION ""/' \
		-e 's/#define HPDF_VERSION_TEXT "2.3.0RC2"/#define HPDF_VERSION_TEXT "2.3.0"/' "$1/include/hpdf_version.h"
	cmp -s "$1/include/hpdf_version.h" /usr/include/hpdf_version.h ||
		die "libharu: include/hpdf_version.h differs from the Linux build's /usr/include/hpdf_version.h"
}

# Has library $1 been built from version $2 with this recipe?
built() { [ -f "$SYSROOT/.built-$1-$2-r$RECIPE" ]; }
mark() { rm -f "$SYSROOT/.built-$1-"*; : > "$SYSROOT/.built-$1-$2-r$RECIPE"; }

CMAKE_CROSS="-DCMAKE_SYSTEM_NAME=Windows -DCMAKE_SYSTEM_PROCESSOR=x86_64
	-DCMAKE_C_COMPILER=$HOST-gcc -DCMAKE_CXX_COMPILER=$HOST-g++ -DCMAKE_RC_COMPILER=$HOST-windres
	-DCMAKE_FIND_ROOT_PATH=$SYSROOT;/usr/$HOST -DCMAKE_FIND_ROOT_PATH_MODE_PROGRAM=NEVER
	-DCMAKE_FIND_ROOT_PATH_MODE_LIBRARY=ONLY -DCMAKE_FIND_ROOT_PATH_MODE_INCLUDE=ONLY
	-DCMAKE_INSTALL_PREFIX=$SYSROOT -DCMAKE_BUILD_TYPE=None -DBUILD_SHARED_LIBS=OFF
	-DZLIB_INCLUDE_DIR=/usr/$HOST/include -DZLIB_LIBRARY=/usr/$HOST/lib/libz.a"

cmake_build() { # source dir, build dir, extra options...
	s=$1 b=$2
	shift 2
	rm -rf "$b" && mkdir -p "$b"
	# shellcheck disable=SC2086
	(cd "$b" && CFLAGS="$LIB_CFLAGS" cmake -Wno-dev $CMAKE_CROSS "$@" "$s" >cmake.log 2>&1 &&
		make -j"$JOBS" >make.log 2>&1 && make install >install.log 2>&1) ||
		{ tail -n 30 "$b"/*.log >&2; die "building $(basename "$s") failed (logs in $b)"; }
}

build_libs() {
	command -v $HOST-gcc >/dev/null || die "$HOST-gcc is missing; run 'sh tools/deps.sh windows' (as root)"
	[ -f /usr/$HOST/lib/libz.a ] || die "libz-mingw-w64-dev is missing; run 'sh tools/deps.sh windows' (as root)"
	# the mingw zlib must be the zlib the Linux build uses (deflate output depends on it)
	zl=$(dpkg-query -W -f='${Version}' zlib1g | sed 's/^[0-9]*://; s/[.+]dfsg.*//; s/-.*//')
	zw=$(dpkg-query -W -f='${Version}' libz-mingw-w64-dev | sed 's/^[0-9]*://; s/[.+]dfsg.*//; s/-.*//')
	[ "$zl" = "$zw" ] || die "zlib differs: Linux $zl, libz-mingw-w64-dev $zw"
	mkdir -p "$SRC" "$SYSROOT/lib" "$SYSROOT/include"
	# zlib beside the others: libxlsxwriter's CMake reads zlib.h where it finds minizip
	# (-p: their own times, so that meetlat is not compiled again on every run)
	cp -p /usr/$HOST/include/zlib.h /usr/$HOST/include/zconf.h "$SYSROOT/include/"
	cp -p /usr/$HOST/lib/libz.a "$SYSROOT/lib/"

	set -- $(srcof libcsv-dev); v=$2
	if ! built libcsv "$v"; then
		d=$(fetch libcsv "$v"); say "libcsv $v"
		b=$W/b-libcsv && rm -rf "$b" && mkdir -p "$b"
		$HOST-gcc $LIB_CFLAGS -c -o "$b/libcsv.o" "$d/libcsv.c" && $HOST-ar rcs "$SYSROOT/lib/libcsv.a" "$b/libcsv.o"
		cp "$d/csv.h" "$SYSROOT/include/"
		mark libcsv "$v"
	fi

	set -- $(srcof libyaml-dev); v=$2
	if ! built libyaml "$v"; then
		d=$(fetch libyaml "$v"); say "libyaml $v"
		cmake_build "$d" "$W/b-libyaml" -DBUILD_TESTING=OFF -DINSTALL_CMAKE_DIR=lib/cmake/yaml
		mark libyaml "$v"
	fi

	set -- $(srcof libcmark-dev); v=$2
	if ! built cmark "$v"; then
		d=$(fetch cmark "$v"); say "cmark $v"
		cmake_build "$d" "$W/b-cmark" -DCMARK_TESTS=OFF -DCMARK_SHARED=OFF -DCMARK_STATIC=ON
		mark cmark "$v"
	fi

	set -- $(srcof libhpdf-dev); v=$2
	if ! built libharu "$v"; then
		d=$(fetch libharu "$v"); say "libharu $v"
		cmake_build "$d" "$W/b-libharu" -DLIBHPDF_SHARED=OFF -DLIBHPDF_STATIC=ON -DLIBHPDF_EXAMPLES=OFF \
			-DCMAKE_DISABLE_FIND_PACKAGE_PNG=ON
		mark libharu "$v"
	fi

	# libxlsxwriter on Debian uses the system minizip (Debian's minizip source package)
	set -- $(srcof libminizip1); v=$2
	if ! built minizip "$v"; then
		d=$(fetch minizip "$v"); say "minizip $v"
		b=$W/b-minizip && rm -rf "$b" && mkdir -p "$b"
		# the library's sources as Debian's Makefile.am lists them for a Windows host
		for f in ioapi mztools unzip zip iowin32; do
			# (zip.c's CRC table pointer type only matters for encrypted entries, unused)
			$HOST-gcc $LIB_CFLAGS -Wno-incompatible-pointer-types -c -o "$b/$f.o" "$d/$f.c"
		done
		$HOST-ar rcs "$SYSROOT/lib/libminizip.a" "$b"/*.o
		mkdir -p "$SYSROOT/include/minizip"
		cp "$d"/crypt.h "$d"/ioapi.h "$d"/mztools.h "$d"/unzip.h "$d"/zip.h "$d"/iowin32.h "$SYSROOT/include/minizip/"
		mark minizip "$v"
	fi

	set -- $(srcof libxlsxwriter-dev); v=$2
	if ! built libxlsxwriter "$v" || [ "$SYSROOT/.built-minizip-$(srcof libminizip1 | cut -d' ' -f2)-r$RECIPE" -nt "$SYSROOT/.built-libxlsxwriter-$v-r$RECIPE" ]; then
		d=$(fetch libxlsxwriter "$v"); say "libxlsxwriter $v"
		cmake_build "$d" "$W/b-libxlsxwriter" -DUSE_SYSTEM_MINIZIP=ON -DBUILD_TESTS=OFF -DBUILD_EXAMPLES=OFF
		mark libxlsxwriter "$v"
	fi

	# the workbook reader's XML parser. Debian builds it with configure's defaults, which are
	# CMake's too (XML_DTD, XML_NS, 1024 bytes of context, char as its character type), except
	# that configure writes "#define XML_DTD 1" where CMake's template writes an empty
	# "#define XML_DTD", and Debian's CVE-2024-8176 patch tests "#if XML_DTD == 1". So the
	# template says 1 as configure does, and the XML_ settings must equal the Linux build's
	# (but XML_DEV_URANDOM: on Windows the hash salt's entropy comes from rand_s).
	set -- $(srcof libexpat1-dev); v=$2
	if ! built expat "$v"; then
		d=$(fetch expat "$v"); say "expat $v"
		sed -i -e 's/^#cmakedefine XML_DTD$/#cmakedefine XML_DTD 1/' \
			-e 's/^#cmakedefine XML_NS$/#cmakedefine XML_NS 1/' "$d/expat/expat_config.h.cmake"
		cmake_build "$d/expat" "$W/b-expat" -DEXPAT_SHARED_LIBS=OFF -DEXPAT_BUILD_TOOLS=OFF \
			-DEXPAT_BUILD_EXAMPLES=OFF -DEXPAT_BUILD_TESTS=OFF -DEXPAT_BUILD_DOCS=OFF -DEXPAT_BUILD_PKGCONFIG=OFF
		linux_conf=/usr/include/$(gcc -dumpmachine)/expat_config.h
		grep '^#define XML_' "$linux_conf" | grep -v '^#define XML_DEV_URANDOM ' >"$W/b-expat/xml-linux.h"
		grep '^#define XML_' "$W/b-expat/expat_config.h" >"$W/b-expat/xml-windows.h"
		diff "$W/b-expat/xml-linux.h" "$W/b-expat/xml-windows.h" >&2 ||
			die "expat: the XML_ settings differ from the Linux build's ($linux_conf; above)"
		[ -f "$SYSROOT/lib/libexpat.a" ] || die "expat: build/windows/sysroot/lib/libexpat.a was not made"
		mark expat "$v"
	fi

	set -- $(srcof nettle-dev); v=$2
	if ! built nettle "$v"; then
		d=$(fetch nettle "$v"); say "nettle $v"
		b=$W/b-nettle && rm -rf "$b" && mkdir -p "$b"
		(cd "$b" && CFLAGS="$LIB_CFLAGS" "$d/configure" --host=$HOST --prefix="$SYSROOT" --disable-shared \
			--disable-public-key --disable-documentation --disable-openssl >configure.log 2>&1 &&
			make -j"$JOBS" libnettle.a >make.log 2>&1 &&
			make install-headers >install.log 2>&1 && cp libnettle.a "$SYSROOT/lib/") ||
			{ tail -n 30 "$b"/*.log >&2; die "building nettle failed (logs in $b)"; }
		mark nettle "$v"
	fi
	say "libraries ready in build/windows/sysroot"
}

# Windows text files: CRLF line ends (Notepad and cmd.exe), UTF-8 with BOM for LEESMIJ.txt.
crlf() { sed 's/\r*$/\r/' "$1"; }

# The theme's settings with the fonts and the colour profile beside the program: paths relative
# to themes/<name>/, so the unpacked folder can live anywhere.
win_theme_conf() {
	sed -e 's|^# Theme settings for meetlat.*|# Theme settings for meetlat (Windows). Paths are relative to this folder.|' \
		-e 's|^\(# Paths are relative\).*||' \
		-e 's|^\(pdf_lettertype[a-z_]* = \).*/\([^/]*\.ttf\)$|\1../../lettertypen/\2|' \
		-e 's|^\(pdf_kleurprofiel = \).*/\([^/]*\)$|\1../../kleurprofiel/\2|' \
		-e 's|^\(pdf_afbreekpatronen = \).*/\([^/]*\)$|\1../../afbreken/\2|' "$1" | sed '/^$/d'
}

make_zip() {
	version=$1
	name=meetlat-$version
	stage=$W/zip/$name
	exe=$W/meetlat.exe
	[ -f "$exe" ] || die "build/windows/meetlat.exe is missing; run make windows"
	rm -rf "$W/zip" && mkdir -p "$stage/themes" "$stage/lettertypen" "$stage/kleurprofiel" "$stage/afbreken" "$stage/licenties"
	cp "$exe" "$stage/"
	cp -R "$TOP/content" "$TOP/data" "$TOP/toelichtingen" "$stage/"
	for t in "$TOP"/themes/*/; do
		tn=$(basename "$t")
		mkdir -p "$stage/themes/$tn"
		for f in "$t"*; do
			case $(basename "$f") in
			thema.conf) win_theme_conf "$f" | crlf /dev/stdin >"$stage/themes/$tn/thema.conf" ;;
			*) cp "$f" "$stage/themes/$tn/" ;;
			esac
		done
	done
	# the files the themes name (Debian's fonts-dejavu and colord-data, as on Linux)
	for conf in "$TOP"/themes/*/thema.conf; do
		sed -n 's/^pdf_lettertype[a-z_]* = //p' "$conf" | while read -r f; do cp "$f" "$stage/lettertypen/"; done
		sed -n 's/^pdf_kleurprofiel = //p' "$conf" | while read -r f; do cp "$f" "$stage/kleurprofiel/"; done
		# (hyph_nl_NL.dic is a file; its other names are links to it)
		sed -n 's/^pdf_afbreekpatronen = //p' "$conf" | while read -r f; do cp "$(readlink -e "$f")" "$stage/afbreken/$(basename "$f")"; done
	done
	{ printf '\357\273\277'; sed "s/@VERSIE@/$version/g" "$TOP/tools/windows/LEESMIJ.txt" | crlf /dev/stdin; } >"$stage/LEESMIJ.txt"
	crlf "$TOP/tools/windows/Bouw de site.cmd" >"$stage/Bouw de site.cmd"
	# licences: of every library inside meetlat.exe (from the sources it was built from), of
	# the compiler's runtime, and of the fonts and the profile
	for b in libcsv-dev libyaml-dev libcmark-dev libhpdf-dev libminizip1 libxlsxwriter-dev nettle-dev libexpat1-dev; do
		set -- $(srcof "$b")
		cp "/usr/share/doc/$b/copyright" "$stage/licenties/$1.txt"
	done
	cp /usr/share/doc/libz-mingw-w64-dev/copyright "$stage/licenties/zlib.txt"
	cp /usr/share/doc/mingw-w64-common/copyright "$stage/licenties/mingw-w64.txt"
	cp /usr/share/doc/gcc-mingw-w64-base/copyright "$stage/licenties/gcc-runtime.txt"
	cp /usr/share/doc/fonts-dejavu-core/copyright "$stage/licenties/lettertypen-dejavu.txt"
	cp /usr/share/doc/colord-data/copyright "$stage/licenties/kleurprofiel-colord.txt"
	cp /usr/share/doc/hyphen-nl/copyright "$stage/licenties/afbreekpatronen-nl.txt"
	# Debian's copyright files name the full licence texts by their place on a Debian system
	# (/usr/share/common-licenses/LGPL-2.1, ...), which a Windows PC does not have: every text
	# they name goes along in licenties/teksten/ (LGPL and GPL require their text to go with
	# the program)
	mkdir -p "$stage/licenties/teksten"
	# (GPL and LGPL are links to the newest version, GPL-3 and LGPL-3)
	for l in $(grep -oh '/usr/share/common-licenses/[A-Za-z0-9.+-]*[A-Za-z0-9]' "$stage"/licenties/*.txt | LC_ALL=C sort -u); do
		r=$(readlink -e "$l") || die "$l, named in a licence, is missing"
		cp "$r" "$stage/licenties/teksten/$(basename "$r").txt"
	done
	for f in "$stage"/licenties/*.txt "$stage"/licenties/teksten/*.txt; do crlf "$f" >"$f.crlf" && mv "$f.crlf" "$f"; done
	# the same bytes for the same inputs: fixed times, sorted entries, no extra fields
	stamp=${SOURCE_DATE_EPOCH:-$(git -C "$TOP" log -1 --format=%ct 2>/dev/null || echo 946684800)}
	find "$stage" -exec touch -h -d "@$stamp" {} +
	mkdir -p "$TOP/dist"
	zipfile=$TOP/dist/$name-windows.zip
	rm -f "$zipfile"
	(cd "$W/zip" && find "$name" | LC_ALL=C sort | TZ=UTC zip -q -X -D -9 "$zipfile" -@) || die "zip failed"
	say "dist/$name-windows.zip ($(du -k "$zipfile" | cut -f1) kB)"
}

case "${1:-}" in
libs) ensure_deb_src; build_libs ;;
zip) make_zip "${2:?usage: $0 zip VERSION}" ;;
*) echo "usage: $0 libs | zip VERSION" >&2; exit 2 ;;
esac
