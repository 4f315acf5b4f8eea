#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Documentation check of make check: Documentation/driver-api/ims.rst is
# built by Sphinx with the kernel's own kernel-doc extension, pulling in
# the kernel-doc of our header and sources, with warnings as errors.
. "$(dirname "$0")/lib.sh"

"$REPO/harness/tree.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cp "$REPO/Documentation/driver-api/ims.rst" "$tmp/ims.rst"
cat >"$tmp/conf.py" <<PY
import os, sys
sys.path.insert(0, os.path.join('$SRC', 'Documentation', 'sphinx'))
project = 'ims-desc'
master_doc = 'ims'
extensions = ['kerneldoc']
kerneldoc_bin = os.path.join('$SRC', 'scripts', 'kernel-doc')
kerneldoc_srctree = '$SRC'
PY

if out=$(cd "$SRC" && /usr/bin/sphinx-build -W -q -b html "$tmp" "$tmp/html" 2>&1) &&
   [ -z "$out" ] && grep -q "ims_desc_alloc_irq" "$tmp/html/ims.html"; then
	echo "docs: 1 passed, 0 failed"
else
	echo "$out" >&2
	say "FAIL Documentation/driver-api/ims.rst"
	echo "docs: 0 passed, 1 failed"
	exit 1
fi
