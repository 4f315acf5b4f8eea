#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make bench: the benchmark suite on UML (hot path of the generic chip
# next to the hand-written reference, device accesses per operation).
# Prints one table and writes it, with the machine it ran on, to
# Documentation/ims-bench.txt.  Numbers only: it never fails on a time.
. "$(dirname "$0")/lib.sh"

"$REPO/harness/deps.sh"
say "running the benchmark suite on UML (a kernel build first if needed)"
rc=0
bench=$(suite_lines ims_desc_bench ims-bench) || rc=$?
raw=$LOGS/kunit-ims_desc_bench.raw
access=$(raw_lines "$raw" ims-access)
out=$REPO/Documentation/ims-bench.txt
{
	echo "ims-desc benchmark, $(date -u +%Y-%m-%d)"
	echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'),"
	echo "         UML KUnit kernel (Linux 6.12, gcc $(gcc -dumpfullversion))"
	echo
	echo "Hot path, host-memory storage, interleaved batches;"
	echo "ratio = generic / hand-written IDXD reference chip, median (min..max) of 101 rounds."
	echo "Storage that sleeps (mlx5) is timed inside irq_bus_lock()/irq_bus_sync_unlock()"
	echo "with its doorbell, so its ratio is not a like-for-like comparison."
	echo "$bench"
	echo
	echo "Device accesses per operation on MMIO storage (queue storage: doorbells):"
	echo "$access"
} >"$out.tmp"
mv "$out.tmp" "$out"
cat "$out"
[ "$rc" -eq 0 ] || die "the benchmark suite failed to run (log: ${raw#"$REPO"/})"
