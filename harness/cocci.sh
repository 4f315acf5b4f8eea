#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The Coccinelle gates of make check:
#  - every rule on its positive and negative fixtures in cocci/tests/,
#    compared with the expected report (one check per rule and fixture);
#  - every rule over this repository's own C files outside the exceptions
#    in cocci/exceptions (one check per rule): no findings allowed.
. "$(dirname "$0")/lib.sh"

# spatch report lines "file:line:col-col: msg" -> "file:line: msg"
normalise()
{
	sed -E 's/^([^:]+):([0-9]+):[0-9]+-[0-9]+: /\1:\2: /' | sort
}

spatch_report()
{
	spatch --very-quiet -D report --no-includes --include-headers --sp-file "$@" 2>&1
}

cd "$REPO/cocci/tests"
for rule in "$REPO"/cocci/*.cocci; do
	r=$(basename "$rule" .cocci)
	for kind in pos neg; do
		fx=${r}_$kind.c
		exp=${r}_$kind.expected
		if [ ! -f "$fx" ] || [ ! -f "$exp" ]; then
			bad "cocci $r: missing fixture $fx or $exp"
			continue
		fi
		got=$(spatch_report "$rule" "$fx" | normalise)
		if [ "$got" = "$(normalise <"$exp")" ]; then
			ok
		else
			bad "cocci $r on $fx"
			diff <(normalise <"$exp") <(echo "$got") >&2 || true
		fi
	done
done

# Our own tree
cd "$REPO"
mapfile -t files < <(git ls-files -co --exclude-standard -- '*.c' '*.h' |
	grep -v '^cocci/tests/' | "$REPO/harness/cocci-filter.sh" "$REPO/cocci/exceptions")
for rule in "$REPO"/cocci/*.cocci; do
	r=$(basename "$rule" .cocci)
	out=
	[ ${#files[@]} -gt 0 ] && out=$(spatch_report "$rule" "${files[@]}" | grep -E '^[^ ]+:[0-9]+:' || true)
	if [ -n "$out" ]; then
		bad "cocci $r on our own tree"
		echo "$out" >&2
	else
		ok
	fi
done

summary cocci
