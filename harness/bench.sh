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
	echo "$bench"
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
[ "$rc" -eq 0 ] || die "a benchmark suite failed to run (logs: build/TREE/logs/kunit-ims_desc_bench.log, build/TREE/logs/kunit-x86-bench.log)"
