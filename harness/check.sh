#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make check: every test suite and static gate on both trees, then one
# summary line "N passed, N failed".  Exits non-zero if anything failed.
# The wall and CPU time of each step go to stderr, for the cold budget.
#
#   7.3 (mainline, the primary tree): the KUnit suites on UML, on x86_64
#   with interrupt remapping, without it and below a virtual unit, on
#   arm64 through the GICv3 ITS; the series built patch by patch; the
#   static gates, the arm64 compile test, Coccinelle (on its fixtures and
#   our code, and over the whole of 7.3 as shipped), the generator, the DT
#   binding and the documentation.
#   6.12 (the LTS backport): the backport series (patches/6.12/series)
#   applied patch by patch and the tree it ends with built in the gate's
#   configurations (make patches builds it patch by patch), the UML
#   suites, the end-to-end suite
#   on x86_64 with interrupt remapping (a kernel without the checkers) and
#   the arm64 suites through the ITS on the tree it gives.
#
# make check TREE=7.3 (or TREE=6.12) runs one tree's steps.
#
# The steps run in two lanes at once, since a QEMU run under TCG or a
# single-threaded stretch of a build leaves a core idle: one lane runs the
# x86_64 suites of 7.3 (their three runs share one kernel), the other
# everything else; the series gates run beside both at the lowest
# priority, and the steps that use the gates' trees (static.sh, arm64.sh,
# docs.sh) wait for them.  A step's output is printed whole when it ends;
# the results are counted in a fixed order.
requested=${TREE:-}
unset TREE
. "$(dirname "$0")/lib.sh"

trees=${requested:-7.3 6.12}
for t in $trees; do
	case $t in 7.3 | 6.12) ;; *) die "TREE=$t: the trees are 7.3 and 6.12" ;; esac
done
has()
{
	[[ " $trees " == *" $1 "* ]]
}

start=$SECONDS
"$REPO/harness/deps.sh"
say "deps: $((SECONDS - start)) s"

steps=$BUILD_ROOT/check-steps
rm -rf "$steps"
mkdir -p "$steps"
total_pass=0
total_fail=0
rc=0
# The failures each step named on stderr, repeated above the summary line:
# a log that keeps only its end still says what failed
recap=$steps/failures.txt
: >"$recap"

# step ID TREE SCRIPT [ARG]: run one step into $steps/ID.*, then print its
# stderr whole (under a lock: the other lane prints too)
step()
{
	local id=$1 tree=$2 script=$3 arg=${4:-} begin=$SECONDS r=0 TIMEFORMAT='%0U %0S' cpu

	# The CPU time beside the wall time: the lanes and the gates share
	# two cores, so the wall time of a step says little of its cost.
	# Each lane and the gates run in a subshell of their own: the CPU
	# time of a child that another lane reaps is not counted here.
	{ time { TREE=$tree "$script" ${arg:+"$arg"} >"$steps/$id.out" \
		2>"$steps/$id.err" || r=$?; }; } 2>"$steps/$id.cpu"
	read -r cpu < <(awk '{ print $1 + $2 }' "$steps/$id.cpu")
	echo "$r" >"$steps/$id.rc"
	echo "$tree $(basename "$script" .sh)${arg:+ $arg}" >"$steps/$id.what"
	{
		flock 9
		cat "$steps/$id.err" >&2
		say "[$tree] $(basename "$script" .sh)${arg:+ $arg}: $((SECONDS - begin)) s, CPU ${cpu:-?} s"
	} 9>"$steps/lock"
}

# Add the counts of a step's "LABEL: P passed, F failed" line, printed
# with its tree (a step without one counts as one failure), and keep the
# lines of its stderr that name a failure for the recap
collect()
{
	local id=$1 tree name line p f

	if [ ! -f "$steps/$id.what" ]; then
		return
	fi
	read -r tree name <"$steps/$id.what"
	[ "$(cat "$steps/$id.rc")" -eq 0 ] || rc=1
	grep -aE '^ims: (FAIL|error|.*produced no result|.*ran no test)' "$steps/$id.err" |
		sed "s/^ims: /[$tree] $name: /" >>"$recap" || true
	line=$(tail -n 1 "$steps/$id.out")
	read -r p f <<<"$(counts "$line")" || true
	if [ -z "$p" ]; then
		line="$name: no result line (counted as one failure)"
		p=0
		f=1
	fi
	echo "[$tree] $line"
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
}

# A tree whose patches do not apply fails its steps at once
for t in $trees; do
	start=$SECONDS
	if TREE=$t "$REPO/harness/tree.sh"; then
		echo "[$t] tree: 1 passed, 0 failed"
		total_pass=$((total_pass + 1))
	else
		echo "[$t] tree: 0 passed, 1 failed"
		echo "[$t] tree: the tree could not be set up (see the errors above)" >>"$recap"
		total_fail=$((total_fail + 1))
		rc=1
	fi
	say "[$t] tree: $((SECONDS - start)) s"
done

# The series gates: each needs minutes of both cores cold, most of it
# compiling, and about a minute warm (harness/patches.sh keeps the result
# of a patch whose inputs did not change).  The two run side by side, so
# that the second does not wait for the first with the lanes done.
gates=()
for t in $trees; do
	(
		renice -n 19 "$BASHPID" >/dev/null
		step "g${t/./}" "$t" "$REPO/harness/patches.sh" \
			"$([ "$t" = 7.3 ] && echo --build || echo --build-end)"
	) &
	gates+=($!)
done

# Lane 1: the x86_64 suites of 7.3
(
	if has 7.3; then
		step x1 7.3 "$REPO/harness/kunit-x86.sh" ir
		step x2 7.3 "$REPO/harness/kunit-x86.sh" no_ir
		step x3 7.3 "$REPO/harness/kunit-x86.sh" vir
	fi
) &
lane1=$!

# Lane 2: the other suites, and the steps that need no gate
(
	if has 7.3; then
		step u73 7.3 "$REPO/harness/kunit.sh"
		step a73 7.3 "$REPO/harness/kunit-arm64.sh"
	fi
	if has 6.12; then
		step u612 6.12 "$REPO/harness/kunit.sh"
		step x612 6.12 "$REPO/harness/kunit-x86.sh" ir
		step a612 6.12 "$REPO/harness/kunit-arm64.sh"
	fi
	if has 7.3; then
		step c73 7.3 "$REPO/harness/cocci.sh"
		step gen73 7.3 "$REPO/harness/gen.sh"
		step b73 7.3 "$REPO/harness/binding.sh"
		step ct73 7.3 "$REPO/harness/cocci-tree.sh" --check
	fi
) &
lane2=$!
wait "$lane2" || true
wait_start=$SECONDS
wait "${gates[@]}" || true
say "waited $((SECONDS - wait_start)) s for the series gates"
(
	if has 7.3; then
		step s73 7.3 "$REPO/harness/static.sh"
		step m73 7.3 "$REPO/harness/arm64.sh"
		step d73 7.3 "$REPO/harness/docs.sh"
	fi
) || true
wait "$lane1" || true

for id in u73 x1 x2 x3 a73 g73 s73 m73 c73 ct73 gen73 b73 d73 u612 x612 a612 g612; do
	collect "$id"
done

if [ -s "$recap" ]; then
	echo "what failed:"
	cat "$recap"
fi
echo "$total_pass passed, $total_fail failed"
[ "$rc" -eq 0 ] && [ "$total_fail" -eq 0 ]
