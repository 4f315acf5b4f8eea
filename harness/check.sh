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
# Add the counts of a step's "LABEL: P passed, F failed" line (a step
# without one counts as one failure)
tally()
{
	local line p f

	line=$(echo "$1" | tail -n 1)
	echo "$line"
	read -r p f <<<"$(counts "$line")" || true
	if [ -z "$p" ]; then
		p=0
		f=1
	fi
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
}

run()
{
	local out start=$SECONDS

	out=$("$@") || rc=1
	say "$(basename "$1") ${2:-}: $((SECONDS - start)) s"
	tally "$out"
}

# The series gate (harness/patches.sh --build) needs about 6 minutes of
# both cores cold, most of it compiling.  It runs beside the KUnit steps
# at the lowest priority, on the CPU their QEMU runs and single-threaded
# stretches leave idle; the steps that use its builds (static.sh, arm64.sh,
# docs.sh) run after it has finished.
gate_start=$SECONDS
nice -n 19 "$REPO/harness/patches.sh" --build >"$LOGS/series-gate.out" 2>"$LOGS/series-gate.err" &
gate=$!

run "$REPO/harness/kunit.sh"
run "$REPO/harness/kunit-x86.sh" ir
run "$REPO/harness/kunit-x86.sh" no_ir
run "$REPO/harness/kunit-x86.sh" vir
run "$REPO/harness/kunit-arm64.sh"

wait_start=$SECONDS
wait "$gate" || rc=1
cat "$LOGS/series-gate.err" >&2
say "patches.sh --build: $((SECONDS - gate_start)) s beside the KUnit steps, $((SECONDS - wait_start)) s waited for"
tally "$(cat "$LOGS/series-gate.out")"

run "$REPO/harness/static.sh"
run "$REPO/harness/arm64.sh"
run "$REPO/harness/cocci.sh"
run "$REPO/harness/gen.sh"
run "$REPO/harness/binding.sh"
run "$REPO/harness/docs.sh"

echo "$total_pass passed, $total_fail failed"
[ "$rc" -eq 0 ] && [ "$total_fail" -eq 0 ]
