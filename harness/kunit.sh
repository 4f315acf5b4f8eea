#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Run the KUnit suites on UML through the kernel's own kunit.py.
# Usage: harness/kunit.sh [FILTER_GLOB]
# The full log is build/TREE/logs/kunit.log; the result line of kunit.py is
# turned into "kunit: P passed, F failed" on stdout.
. "$(dirname "$0")/lib.sh"

"$REPO/harness/tree.sh"

filter=${1:-}
log=$LOGS/kunit${filter:+-$(echo "$filter" | tr -c 'a-zA-Z0-9_\n' _)}.log
json=${log%.log}.json
rm -f "$json" "$KUNIT_UML/test.log"
args=(run --build_dir="$KUNIT_UML" --kunitconfig=drivers/irqchip/ims/tests
      --jobs="$JOBS" --timeout=600 --json="$json")
# Tests only: benchmarks are marked slow and run by harness/bench.sh
if [ -n "$filter" ]; then
	args+=("$filter")
else
	args+=(--filter "speed>slow")
fi

say "building and running KUnit on UML (log: ${log#"$REPO"/})"
set +e
(cd "$SRC" && kunit_py 2400 "${args[@]}") >"$log" 2>&1
rc=$?
set -e
# kunit.py's copy of the raw console: the "ims-demo:" lines live there
cp "$KUNIT_UML/test.log" "${log%.log}.raw" 2>/dev/null || : >"${log%.log}.raw"

kunit_result "$log" "$rc" "kunit" "$json" "${log%.log}.raw"
