#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Documentation check of make check: the kernel's own documentation build,
# make htmldocs SPHINXDIRS=driver-api, on the tree the series ends with
# (harness/patches.sh --build, which make check runs first), into
# build/htmldocs.  Sphinx keeps its doctrees there, so a rebuild rereads
# only what changed; ims.rst is always reread, so its kernel-doc runs
# again on our sources.  Checks: the build succeeds; no warning names a
# file of ours (6.12's own warnings elsewhere in driver-api are counted,
# not failed); ims.html is built, the driver-api index links it, and the
# kernel-doc of the API (a function, the flags enum) renders in it.
. "$(dirname "$0")/lib.sh"

"$REPO/harness/tree.sh"
series_current Documentation/driver-api drivers/irqchip/ims include/linux
out=$BUILD/htmldocs
html=$out/Documentation/output/driver-api
log=$LOGS/htmldocs.log

say "make htmldocs SPHINXDIRS=driver-api (about 3 minutes cold; log: ${log#"$REPO"/})"
touch "$SERIES/Documentation/driver-api/ims.rst"
if (cd "$SERIES" && make O="$out" -j"$JOBS" SPHINXDIRS=driver-api htmldocs) >"$log" 2>&1; then
	ok
else
	tail -n 20 "$log" >&2
	bad "make htmldocs SPHINXDIRS=driver-api"
fi

ours='(Documentation/driver-api/ims\.rst|drivers/irqchip/ims/|include/(linux|kunit|trace/events)/ims_desc\.h)'
warn=$(grep -aE 'WARNING|warning:' "$log" || true)
if echo "$warn" | grep -E "$ours" >&2; then
	bad "htmldocs warns about our files"
else
	ok
fi
others=$(echo "$warn" | grep -vEc "$ours|^$" || true)
[ "$others" -gt 0 ] && say "htmldocs: $others warnings of 6.12's own driver-api pages (not ours)"

if grep -q 'href="ims.html"' "$html/index.html" 2>/dev/null; then
	ok
else
	bad "driver-api/index.html does not link ims.html"
fi
for sym in ims_desc_alloc_irq IMS_DESC_COOKIE IMS_DESC_DYNAMIC_SLOTS; do
	if grep -q "$sym" "$html/ims.html" 2>/dev/null; then
		ok
	else
		bad "ims.html lacks the kernel-doc of $sym"
	fi
done
summary docs
