#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make bench: the benchmarks.  On UML: the hot path of the generic chip
# next to the hand-written reference, and device accesses per operation.
# On QEMU x86_64 (its own kernel, without the lock and memory checkers):
# one device with 65,536 vectors, allocation+free time at 64, 2,048 and
# 65,536 live vectors and memory per vector, next to the reference chip.
# Prints one table and writes it, with the machine it ran on, to
# Documentation/ims-bench.txt.  Numbers only: it never fails on a time.
. "$(dirname "$0")/lib.sh"

"$REPO/harness/deps.sh"
say "running the benchmark suite on UML (a kernel build first if needed)"
rc=0
bench=$(suite_lines ims_desc_bench ims-bench) || rc=$?
access=$(raw_lines "$LOGS/kunit-ims_desc_bench.raw" ims-access)
# The same suite in a UML kernel without tracing (its own build tree):
# UML has no jump labels, so the kernel above pays a load and a branch
# for every disabled tracepoint, which x86_64 and arm64 do not
say "running the benchmark suite on UML without tracing (its own kernel build first if needed)"
notrace_log=$LOGS/kunit-bench-notrace.log
(cd "$SRC" && kunit_py 2400 run --build_dir="$BUILD/kunit-uml-notrace" \
	--kunitconfig="$REPO/tests/kunit/bench-notrace.kunitconfig" --jobs="$JOBS" \
	--timeout=600 ims_desc_bench) >"$notrace_log" 2>&1 || rc=$?
cp "$BUILD/kunit-uml-notrace/test.log" "${notrace_log%.log}.raw" 2>/dev/null ||
	: >"${notrace_log%.log}.raw"
bench_notrace=$(raw_lines "${notrace_log%.log}.raw" ims-bench)
if grep -aq '^CONFIG_TRACEPOINTS=y' "$BUILD/kunit-uml-notrace/.config" 2>/dev/null; then
	rc=1
	say "the kernel without tracing has tracepoints (build/TREE/kunit-uml-notrace/.config)"
fi
say "running the scale benchmark on QEMU x86_64 (a kernel build first if needed)"
"$REPO/harness/kunit-x86.sh" bench >/dev/null || rc=$?
scale=$(raw_lines "$LOGS/kunit-x86-bench.raw" ims-scale)

out=$REPO/Documentation/ims-bench.txt
{
	echo "ims-desc benchmark, $(date -u +%Y-%m-%d)"
	echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'),"
	echo "         $(free -g | awk '/^Mem:/ { print $2 }') GiB; kernels: Linux $TREE, gcc $(gcc -dumpfullversion)"
	echo
	echo "Hot path (UML KUnit kernel, native speed), host-memory storage;"
	echo "the generic chip and a hand-written chip of the same layout (for the"
	echo "converted drivers: their own $TREE write callbacks behind platform MSI),"
	echo "each on its own copy of the storage, timed back to back in each of 101"
	echo "rounds, order alternating; ratio = generic / hand-written, median"
	echo "(min..max) over the rounds.  Storage that sleeps (mlx5) is timed inside"
	echo "irq_bus_lock()/irq_bus_sync_unlock(), doorbell included, for both chips."
	echo "Where the parent masks (no mask bit in storage) both chips mask there."
	echo
	echo "With tracing (the kernel of the other UML suites: FTRACE, and no jump"
	echo "labels on UML, so each disabled trace event costs a load and a branch):"
	echo "$bench"
	echo
	echo "Without tracing (tests/kunit/bench-notrace.kunitconfig: no tracepoints;"
	echo "the configuration closest to x86_64 and arm64, where a disabled trace"
	echo "event is a static branch, a no-op in the instruction stream):"
	echo "${bench_notrace:-  (no result)}"
	echo "Storage that sleeps is committed after the bus lock is dropped, under"
	echo "the domain's commit lock, so that no commit command runs under a lock"
	echo "the irq core holds while it allocates; the hand-written chip commits"
	echo "under the bus lock.  That is one more mutex and two more spinlock"
	echo "sections per bus-locked section, in process context only (request_irq(),"
	echo "disable_irq(), ...): the mlx5 rows measure that, not a hot path."
	echo
	echo "Device accesses per operation on MMIO storage (queue storage: doorbells),"
	echo "counted by the device model, asserted in make check:"
	echo "$access"
	echo
	echo "Scale (QEMU x86_64 TCG, 2 CPUs, kernel without debug options), one device"
	echo "with the MSI core's 65,536 indexes under the test MSI parent; host-memory"
	echo "storage; time of allocating and freeing one more vector with N-1 live"
	echo "(256 pairs); memory = free pages consumed by the fill / 65,536.  Times under"
	echo "TCG vary by up to 2x from run to run; the memory figure does not:"
	echo "${scale:-  (no result)}"
} >"$out.tmp"
mv "$out.tmp" "$out"
cat "$out"
[ "$rc" -eq 0 ] || die "a benchmark suite failed to run (logs: build/TREE/logs/kunit-ims_desc_bench.log, build/TREE/logs/kunit-bench-notrace.log, build/TREE/logs/kunit-x86-bench.log)"
