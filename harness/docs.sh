#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Documentation check: the kernel's own documentation build, make htmldocs,
# on the tree the series ends with (harness/patches.sh --build, which make
# check runs first), into build/htmldocs-ims or build/htmldocs.
#   harness/docs.sh          make check: SPHINXDIRS=driver-api/ims, the
#                            guide alone, with the kernel's conf.py and
#                            kernel-doc extension (seconds)
#   harness/docs.sh --full   make htmldocs: SPHINXDIRS=driver-api, the whole
#                            driver API book (about 3 minutes cold on 2
#                            cores, too long for the cold budget of make
#                            check)
# Checks: the build succeeds; no warning names a file of ours (6.12's own
# warnings elsewhere in driver-api are counted, not failed); the kernel-doc
# of the API (a function, the flags enum) renders; the driver-api index
# lists the guide (--full: and its HTML links it).  Sphinx keeps its
# doctrees, so a rebuild rereads only what changed; the guide is always
# reread, so its kernel-doc runs again on our sources.
. "$(dirname "$0")/lib.sh"

dirs=driver-api/ims
out=$BUILD/htmldocs-ims
if [ "${1:-}" = --full ]; then
	dirs=driver-api
	out=$BUILD/htmldocs
fi

"$REPO/harness/tree.sh"
series_current Documentation/driver-api drivers/irqchip/ims include/linux
html=$out/Documentation/output
log=$LOGS/htmldocs.log

say "make htmldocs SPHINXDIRS=$dirs (log: ${log#"$REPO"/})"
touch "$SERIES/Documentation/driver-api/ims/index.rst"
if (cd "$SERIES" && make O="$out" -j"$JOBS" SPHINXDIRS="$dirs" htmldocs) >"$log" 2>&1; then
	ok
else
	tail -n 20 "$log" >&2
	bad "make htmldocs SPHINXDIRS=$dirs"
fi

ours='(Documentation/driver-api/ims/|drivers/irqchip/ims/|include/(linux|kunit|trace/events)/ims_desc\.h)'
warn=$(grep -aE 'WARNING|warning:' "$log" || true)
if echo "$warn" | grep -E "$ours" >&2; then
	bad "htmldocs warns about our files"
else
	ok
fi
others=$(echo "$warn" | grep -vEc "$ours|^$" || true)
[ "$others" -gt 0 ] && say "htmldocs: $others warnings of 6.12's own pages or tools (not ours)"

for sym in devm_ims_desc_alloc_irq IMS_DESC_COOKIE IMS_DESC_DYNAMIC_SLOTS; do
	if grep -q "$sym" "$html/driver-api/ims/index.html" 2>/dev/null; then
		ok
	else
		bad "the guide's HTML lacks the kernel-doc of $sym"
	fi
done

# The driver API book lists the guide
if ! grep -qx '   ims/index' "$SERIES/Documentation/driver-api/index.rst"; then
	bad "Documentation/driver-api/index.rst does not list ims/index"
elif [ "$dirs" = driver-api ] && ! grep -q 'href="ims/index.html"' "$html/driver-api/index.html"; then
	bad "driver-api/index.html does not link ims/index.html"
else
	ok
fi
summary docs
