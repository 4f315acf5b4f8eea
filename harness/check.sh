#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make check: every test suite and static gate on both trees, then one
# summary line "N passed, N failed".  Exits non-zero if anything failed.
# The time of each step goes to stderr, for the cold budget.
#
#   7.3 (mainline, the primary tree): the KUnit suites on UML, on x86_64
#   with interrupt remapping, without it and below a virtual unit, on
#   arm64 through the GICv3 ITS; the series built patch by patch; the
#   static gates, the arm64 compile test, Coccinelle, the generator, the
#   DT binding and the documentation.
#   6.12 (the LTS backport): the backport series applied (every patch of
#   patches/6.12/series), the UML suites, the end-to-end suite on x86_64
#   with interrupt remapping (a kernel without the checkers) and the arm64
#   suites through the ITS on the tree it gives.
#
# make check TREE=7.3 (or TREE=6.12) runs one tree's steps.
requested=${TREE:-}
unset TREE
. "$(dirname "$0")/lib.sh"

trees=${requested:-7.3 6.12}
for t in $trees; do
	case $t in 7.3 | 6.12) ;; *) die "TREE=$t: the trees are 7.3 and 6.12" ;; esac
done

start=$SECONDS
"$REPO/harness/deps.sh"
say "deps: $((SECONDS - start)) s"

total_pass=0
total_fail=0
rc=0
# The failures each step named on stderr, repeated above the summary line:
# a log that keeps only its end still says what failed
recap=$BUILD_ROOT/check-failures.txt
: >"$recap"
# note TREE STEP ERRFILE: keep ERRFILE's failure lines for the recap
note()
{
	grep -aE '^ims: (FAIL|error|.*produced no result|.*ran no test)' "$3" |
		sed "s/^ims: /[$1] $2: /" >>"$recap" || true
}

# Add the counts of a step's "LABEL: P passed, F failed" line, printed
# with its tree (a step without one counts as one failure)
tally()
{
	local tree=$1 line p f

	line=$(echo "$2" | tail -n 1)
	read -r p f <<<"$(counts "$line")" || true
	if [ -z "$p" ]; then
		line="${3:-step}: no result line (counted as one failure)"
		p=0
		f=1
	fi
	echo "[$tree] $line"
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
}

# run TREE SCRIPT [ARGS]: one step on one tree
run()
{
	local tree=$1 out start=$SECONDS err=$BUILD_ROOT/check-step.err
	shift

	# stdout is captured; stderr goes on to the terminal and to $err
	out=$({ { TREE=$tree "$@" 2>&1 1>&3 3>&-; } | tee "$err" >&2 3>&-
		exit "${PIPESTATUS[0]}"; } 3>&1) || rc=1
	say "[$tree] $(basename "$1") ${2:-}: $((SECONDS - start)) s"
	note "$tree" "$(basename "$1" .sh)${2:+ $2}" "$err"
	tally "$tree" "$out" "$(basename "$1" .sh)${2:+ $2}"
}

# A tree whose patches do not apply fails its steps at once
for t in $trees; do
	start=$SECONDS
	if TREE=$t "$REPO/harness/tree.sh"; then
		tally "$t" "tree: 1 passed, 0 failed"
	else
		tally "$t" "tree: 0 passed, 1 failed"
		echo "[$t] tree: the tree could not be set up (see the errors above)" >>"$recap"
		rc=1
	fi
	say "[$t] tree: $((SECONDS - start)) s"
done

# The series gate (harness/patches.sh --build) needs about 6 minutes of
# both cores cold, most of it compiling.  It runs beside the KUnit steps
# at the lowest priority, on the CPU their QEMU runs and single-threaded
# stretches leave idle; the steps that use its builds (static.sh, arm64.sh,
# docs.sh) run after it has finished.
gate=
if [[ " $trees " == *" 7.3 "* ]]; then
	gate_start=$SECONDS
	TREE=7.3 nice -n 19 "$REPO/harness/patches.sh" --build \
		>"$BUILD_ROOT/7.3/logs/series-gate.out" 2>"$BUILD_ROOT/7.3/logs/series-gate.err" &
	gate=$!

	run 7.3 "$REPO/harness/kunit.sh"
	run 7.3 "$REPO/harness/kunit-x86.sh" ir
	run 7.3 "$REPO/harness/kunit-x86.sh" no_ir
	run 7.3 "$REPO/harness/kunit-x86.sh" vir
	run 7.3 "$REPO/harness/kunit-arm64.sh"
fi

if [[ " $trees " == *" 6.12 "* ]]; then
	run 6.12 "$REPO/harness/kunit.sh"
	run 6.12 "$REPO/harness/kunit-x86.sh" ir
	run 6.12 "$REPO/harness/kunit-arm64.sh"
fi

if [ -n "$gate" ]; then
	wait_start=$SECONDS
	wait "$gate" || rc=1
	cat "$BUILD_ROOT/7.3/logs/series-gate.err" >&2
	note 7.3 patches "$BUILD_ROOT/7.3/logs/series-gate.err"
	say "[7.3] patches.sh --build: $((SECONDS - gate_start)) s beside the KUnit steps, $((SECONDS - wait_start)) s waited for"
	tally 7.3 "$(cat "$BUILD_ROOT/7.3/logs/series-gate.out")" patches

	run 7.3 "$REPO/harness/static.sh"
	run 7.3 "$REPO/harness/arm64.sh"
	run 7.3 "$REPO/harness/cocci.sh"
	run 7.3 "$REPO/harness/gen.sh"
	run 7.3 "$REPO/harness/binding.sh"
	run 7.3 "$REPO/harness/docs.sh"
fi

if [ -s "$recap" ]; then
	echo "what failed:"
	cat "$recap"
fi
echo "$total_pass passed, $total_fail failed"
[ "$rc" -eq 0 ] && [ "$total_fail" -eq 0 ]
