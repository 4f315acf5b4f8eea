#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make demo-model: the generic chip against the UML software device model:
# per shipped descriptor, vectors allocated, fired, delivered, suppressed.
. "$(dirname "$0")/lib.sh"

"$REPO/harness/deps.sh"
say "the first run builds a UML kernel (a few minutes on 2 cores)"
rc=0
table=$(suite_lines ims_desc_demo ims-demo) || rc=$?
log=$LOGS/kunit-ims_desc_demo.raw
[ -n "$table" ] || { tail -n 40 "$log" >&2; die "the demo produced no table"; }
echo "$table"
if echo "$table" | grep -q FAIL || [ "$rc" -ne 0 ]; then
	die "demo failed (log: ${log#"$REPO"/})"
fi
