#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The Coccinelle gates of make check:
#  - every rule on its positive and negative fixtures in cocci/tests/,
#    compared with the expected report (one check per rule and fixture);
#  - every rule over this repository's own C files outside the exceptions
#    in cocci/exceptions (one check per rule): no findings allowed.
. "$(dirname "$0")/lib.sh"

pass=0
fail=0

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
			say "FAIL cocci $r: missing fixture $fx or $exp"
			fail=$((fail + 1))
			continue
		fi
		got=$(spatch_report "$rule" "$fx" | normalise)
		if [ "$got" = "$(normalise <"$exp")" ]; then
			pass=$((pass + 1))
		else
			say "FAIL cocci $r on $fx"
			diff <(normalise <"$exp") <(echo "$got") >&2 || true
			fail=$((fail + 1))
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
		say "FAIL cocci $r on our own tree"
		echo "$out" >&2
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done

echo "cocci: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
