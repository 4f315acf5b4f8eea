#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The Coccinelle gates of make check:
#  - every rule in scripts/coccinelle/api/msi/ on its positive and
#    negative fixtures in tests/cocci/: the lines reported, with their
#    class tags, must be exactly the lines a fixture marks /* [X] */;
#  - every rule over this project's own code at its kernel path (the
#    sample, the header, the drivers the patches convert) in the patched
#    tree: no findings allowed;
#  - the drafts ims_chip_candidate.cocci makes from 6.12's mv_xor_v2.c
#    and bcm-flexrm-mailbox.c are equivalent to the descriptions their
#    conversions use (harness/cocci_draft.py).
. "$(dirname "$0")/lib.sh"

RULES=$REPO/scripts/coccinelle/api/msi

spatch_run()
{
	local mode=$1
	shift
	spatch --very-quiet -D "$mode" --no-includes --include-headers --sp-file "$@" 2>&1
}

# "line [X]" for each finding of a report, sorted
tags()
{
	sed -nE 's/^[^:]+:([0-9]+):[0-9]+-[0-9]+: (\[[A-Z]\]).*/\1 \2/p' | sort -u
}

cd "$REPO/tests/cocci"
for rule in "$RULES"/*.cocci; do
	r=$(basename "$rule" .cocci)
	for kind in pos neg; do
		fx=${r}_$kind.c
		if [ ! -f "$fx" ]; then
			bad "cocci $r: missing fixture $fx"
			continue
		fi
		want=$(grep -n -oE '/\* \[[A-Z]\] \*/' "$fx" | sed -E 's|^([0-9]+):/\* (\[[A-Z]\]) \*/|\1 \2|' | sort -u)
		out=$(spatch_run report "$rule" "$fx")
		got=$(echo "$out" | tags)
		if [ "$kind" = pos ] && [ -z "$want" ]; then
			bad "cocci $r: $fx marks no finding"
		elif [ "$got" = "$want" ] && ! echo "$out" | grep -qE '^(Error|Traceback|EXN)|error:'; then
			ok
		else
			bad "cocci $r on $fx"
			diff <(echo "$want") <(echo "$got") >&2 || true
			echo "$out" | grep -vE '^[^:]+:[0-9]+:' >&2 || true
		fi
	done
done

# Our code at its kernel paths, in the patched tree
"$REPO/harness/tree.sh" >/dev/null
cd "$SRC"
groups=$BUILD/cocci-own.groups
{
	for f in samples/ims/*.c include/linux/ims_desc.h; do
		printf '%s\n\n' "$f"
	done
	cat "$REPO"/patches/*.patch | sed -nE 's|^\+\+\+ b/(.*\.[ch])$|\1|p' | sort -u |
		while read -r f; do printf '%s\n\n' "$f"; done
} >"$groups"
for rule in "$RULES"/*.cocci; do
	r=$(basename "$rule" .cocci)
	# One group per file; coccigrep, as git grep cannot search a group
	out=$(spatch --very-quiet -D report --no-includes --include-headers --use-coccigrep \
		--file-groups "$groups" --sp-file "$rule" 2>&1 | grep -E '^[^ ]+:[0-9]+:|Traceback|EXN' || true)
	if [ -n "$out" ]; then
		bad "cocci $r on our own code"
		echo "$out" >&2
	else
		ok
	fi
done

# Drafts from the drivers as the tree ships them against the conversions'
# descriptions: the drivers taken from the patched tree with the patches
# that convert them reversed
drafts=$BUILD/cocci-drafts
rm -rf "$drafts"
for f in drivers/dma/mv_xor_v2.c drivers/mailbox/bcm-flexrm-mailbox.c; do
	mkdir -p "$drafts/linux-source-$TREE/$(dirname "$f")"
	cp "$SRC/$f" "$drafts/linux-source-$TREE/$f"
	for p in $(grep -l "^+++ b/$f\$" "$REPO"/patches/*.patch | sort -r); do
		(cd "$drafts/linux-source-$TREE" && GIT_CEILING_DIRECTORIES="$drafts" git apply -R --include="$f" "$p") ||
			bad "cocci: $(basename "$p") does not reverse on $f"
	done
done
for pair in mv_xor_v2:drivers/dma/mv_xor_v2.c bcm_flexrm:drivers/mailbox/bcm-flexrm-mailbox.c; do
	desc=${pair%%:*}
	file=${pair#*:}
	(cd "$drafts/linux-source-$TREE" && spatch_run draft "$RULES/ims_chip_candidate.cocci" "$file") \
		>"$drafts/$desc.yaml"
	if python3 "$REPO/harness/cocci_draft.py" "$drafts/$desc.yaml" \
		"$REPO/drivers/irqchip/ims/descriptors/$desc.yaml"; then
		ok
	else
		bad "cocci draft of $file is not ims_desc_$desc"
	fi
done

summary cocci
