#!/bin/sh
# The folders of generator/ are the architecture; this keeps them honest. A file may include
# only its own layer and the layers below it:
#   base/   -> base/
#   model/  -> base/ model/
#   load/   -> base/ model/ load/      (loaders never include a renderer)
#   render/ -> base/ model/ render/    (renderers never include a loader)
# and each external library is included by one module only (the Windows API too: every
# difference between Linux and Windows lives in base/platform.c).
set -u
cd "$(dirname "$0")/../generator" || exit 2
bad=0
check() { # check LAYER ALLOWED-REGEX
	for f in "$1"/*.[ch]; do
		grep -n '^#include "' "$f" | grep -vE "#include \"($2)/" | while IFS= read -r l; do
			echo "layers: $f includes across layers: ${l#*:}"
		done
	done
}
out=$( {
	check base 'base'
	check model 'base|model'
	check load 'base|model|load'
	check render 'base|model|render'
} )
[ -n "$out" ] && { echo "$out"; bad=1; }
for lib in cmark.h:model/markdown.c yaml.h:load/yamltree.c csv.h:load/csvread.c \
	hpdf.h:render/pdf.c xlsxwriter.h:render/xlsx.c nettle:base/digest.c minizip:load/xlsxread.c \
	expat.h:load/xlsxread.c windows.h:base/platform.c pthread.h:base/platform.c \
	zlib.h:render/pdf.c; do
	h=${lib%%:*} want=${lib#*:}
	got=$(grep -rl "#include <${h%.h}[._/]" --include='*.[ch]' . | sed 's|^\./||' | sort | tr '\n' ' ')
	[ "$got" = "$want " ] || { echo "layers: <$h> is included by: $got(only $want may)"; bad=1; }
done
[ $bad -eq 0 ] && echo "layers: base <- model <- load, render; each library, and the Windows API, behind one module"
exit $bad
