#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make check: every test suite and static gate, then one summary line
# "N passed, N failed".  Exits non-zero if anything failed.  The time of
# each step goes to stderr, for the cold budget.
. "$(dirname "$0")/lib.sh"

start=$SECONDS
"$REPO/harness/deps.sh"
"$REPO/harness/tree.sh"
say "deps and tree: $((SECONDS - start)) s"

total_pass=0
total_fail=0
rc=0
run()
{
	local out line p f start=$SECONDS

	out=$("$@") || rc=1
	say "$(basename "$1") ${2:-}: $((SECONDS - start)) s"
	line=$(echo "$out" | tail -n 1)
	echo "$line"
	read -r p f <<<"$(counts "$line")" || true
	if [ -z "$p" ]; then
		p=0
		f=1
	fi
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
}

run "$REPO/harness/patches.sh" --build
run "$REPO/harness/kunit.sh"
run "$REPO/harness/kunit-x86.sh" ir
run "$REPO/harness/kunit-x86.sh" no_ir
run "$REPO/harness/kunit-x86.sh" vir
run "$REPO/harness/kunit-arm64.sh"
run "$REPO/harness/static.sh"
run "$REPO/harness/arm64.sh"
run "$REPO/harness/cocci.sh"
run "$REPO/harness/gen.sh"
run "$REPO/harness/binding.sh"
run "$REPO/harness/docs.sh"

echo "$total_pass passed, $total_fail failed"
[ "$rc" -eq 0 ] && [ "$total_fail" -eq 0 ]
