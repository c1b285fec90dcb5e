#!/bin/sh
# Rewrites tests/e2e/broken/*/expected.err (and expected.check where a case has one) from what
# MEETLAT says now, each case built the way
# run.sh builds it: the fixture with the case's files laid over it, into a copy of the
# fixture's output. Review the result with git diff tests/e2e/broken before committing.
# Usage: broken-update.sh path/to/meetlat (make broken-update)
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d /tmp/meetlat-broken-XXXXXX)
trap 'rm -rf "$T"' EXIT
project() { # as in run.sh
	p=$T/$1; shift
	rm -rf "$p"; mkdir -p "$p"
	for s in "$@"; do cp -R "$s"/. "$p"/; done
	ln -s "$ROOT/themes" "$p/themes"
	echo "$p"
}
G=$(project good "$ROOT/tests/e2e/fixture")
"$BIN" build -q -C "$G" -o "$T/prev" >/dev/null 2>&1
for case in "$ROOT"/tests/e2e/broken/*/; do
	name=$(basename "$case")
	B=$(project "broken-$name" "$ROOT/tests/e2e/fixture" "$case")
	# a case may make its inputs (a workbook, say) with make.sh, run in the project folder
	[ -f "$B/make.sh" ] && { (cd "$B" && ROOT="$ROOT" sh ./make.sh) || echo "broken: make.sh of $name failed" >&2; rm -f "$B/make.sh"; }
	rm -f "$B/expected.err" "$B/expected.status"
	rm -rf "$T/prev-$name" && cp -R "$T/prev" "$T/prev-$name"
	(cd "$B" && timeout 60 "$BIN" build -o "$T/prev-$name") 2>&1 | sed "s|$T/prev-$name|OUTPUT|g" >"$case/expected.err"
	# a case that has expected.check also keeps what 'meetlat check' says (plain language)
	[ -f "$case/expected.check" ] && (cd "$B" && timeout 60 "$BIN" check) >"$case/expected.check" 2>&1
done
echo "broken: expected.err rewritten; review them with git diff tests/e2e/broken"
