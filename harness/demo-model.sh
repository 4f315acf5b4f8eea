#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make demo-model: the generic chip against the UML software device model:
# per shipped descriptor, vectors allocated, fired, delivered, suppressed.
. "$(dirname "$0")/lib.sh"

"$REPO/harness/deps.sh"
say "the first run builds a UML kernel (a few minutes on 2 cores)"
set +e
"$REPO/harness/kunit.sh" 'ims_desc_demo' >/dev/null
rc=$?
set -e
log=$LOGS/kunit-ims_desc_demo.raw
table=$(grep -aoE "ims-demo: .*" "$log" | sed -E 's/^ims-demo: //')
[ -n "$table" ] || { tail -n 40 "$log" >&2; die "the demo produced no table"; }
echo "$table"
if echo "$table" | grep -q FAIL || [ "$rc" -ne 0 ]; then
	die "demo failed (log: ${log#"$REPO"/})"
fi
