#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make cocci-tree [DIR=...]: run every rule over a kernel tree (default:
# the extracted 6.12 tree) outside cocci/exceptions.  Prints one finding
# per line (file:line: message) and a count per rule.
. "$(dirname "$0")/lib.sh"

dir=${1:-}
if [ -z "$dir" ]; then
	"$REPO/harness/deps.sh"
	"$REPO/harness/tree.sh"
	dir=$SRC
fi
[ -d "$dir" ] || die "$dir: no such directory"
cd "$dir"

start=$(date +%s)
total=0
counts=
for rule in "$REPO"/cocci/*.cocci; do
	r=$(basename "$rule" .cocci)
	# Only files that mention what the rule looks for are parsed
	case $r in
	msi_desc_internals) pat='msi_desc|get_cached_msi_msg' ;;
	msi_domain_pointer) pat='msi_domain|msi_create|dev_[gs]et_msi_domain|msi_lock_descs|struct irq_domain' ;;
	ims_slot_allocator) pat='ims_desc_alloc_irq|msi_domain_alloc|msi_alloc_irqs|pci_msix_alloc_irq_at|platform_device_msi_init_and_alloc_irqs' ;;
	ims_chip_candidate) pat='struct msi_msg' ;;
	*) pat='msi' ;;
	esac
	mapfile -t files < <(grep -rlE --include='*.c' "$pat" . | sort |
		"$REPO/harness/cocci-filter.sh" "$REPO/cocci/exceptions")
	out=
	if [ ${#files[@]} -gt 0 ]; then
		out=$(spatch --very-quiet -D report --no-includes --include-headers -j "$JOBS" \
			--sp-file "$rule" "${files[@]}" 2>/dev/null |
			grep -E '^[^ ]+:[0-9]+:' |
			sed -E 's/^([^:]+):([0-9]+):[0-9]+-[0-9]+: /\1:\2: /' | sort -t: -k1,1 -k2,2n -u || true)
	fi
	n=0
	[ -n "$out" ] && n=$(echo "$out" | wc -l) && echo "$out"
	total=$((total + n))
	counts="$counts$(printf '%-22s %5d findings in %5d files scanned' "$r" "$n" "${#files[@]}")\n"
done
printf '\n%b' "$counts"
echo "total: $total findings in $(($(date +%s) - start)) s"
