#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Binding checks of make check: the steps of the kernel's dt_binding_check,
# run with Debian's dt-schema tools.  Debian 12 ships dtschema 2022.08.2,
# older than the 2023.9 that the 6.12 Documentation/devicetree/bindings/
# Makefile requires (DT_SCHEMA_MIN_VERSION), so make dt_binding_check
# refuses to run; these are its steps by hand:
#  - yamllint, with the kernel's bindings .yamllint, of every schema of ours;
#  - dt-doc-validate of every schema of ours against the meta-schemas;
#  - the processed schema of all the kernel's bindings with ours (the few
#    kernel schemas 2022.08 cannot process are left out, as it says; one
#    compatible pattern that would document every compatible is dropped);
#  - dt-validate -m shown to report an undocumented compatible;
#  - the examples of every schema of ours, the DT node gen_ims_chip.py
#    writes for every shipped description, the KUnit overlay and the node
#    the arm64 runs add to QEMU's DTB, each validated with dt-validate -m:
#    a compatible no binding documents is an error, like a schema error;
#  - every tests/binding/bad_*.dts rejected by one of our schemas with the
#    error its second line expects, and by no other schema.
# One check each.
. "$(dirname "$0")/lib.sh"

"$REPO/harness/tree.sh"
bindings=$SRC/Documentation/devicetree/bindings
ours=interrupt-controller
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
check_empty()
{
	local what=$1 out=$2

	if [ -n "$out" ]; then
		bad "$what"
		echo "$out" >&2
	else
		ok
	fi
}

mapfile -t schemas < <(cd "$REPO/Documentation/devicetree/bindings" && ls "$ours"/*.yaml)
for s in "${schemas[@]}"; do
	check_empty "yamllint $s" \
		"$(cd "$bindings" && yamllint -f parsable -c .yamllint "$s" 2>&1)"
	check_empty "dt-doc-validate $s" \
		"$(cd "$bindings" && dt-doc-validate -u . "$s" 2>&1)"
done

# The processed schema of all bindings, rebuilt when any of them changes
cache=$BUILD/binding
mkdir -p "$cache"
key=$(cd "$bindings" && find . -name '*.yaml' -print0 | sort -z | xargs -0 cat | sha256sum | cut -d' ' -f1)
if [ "$(cat "$cache/schema.key" 2>/dev/null)" != "$key" ] || [ ! -s "$cache/schema.json" ]; then
	dt-mk-schema -j -o "$cache/schema.json.tmp" "$bindings" 2>"$cache/schema.log" ||
		die "dt-mk-schema failed (see $cache/schema.log)"
	# 2022.08 takes a compatible pattern of renesas-soc.yaml's "not this"
	# branch, "^(?!renesas,.+-.+).+$", as documenting every compatible,
	# which leaves -m nothing to report: drop the patterns that match any.
	python3 - "$cache/schema.json.tmp" <<'EOP' || die "cannot fix up the compatibles of the schema"
import json, re, sys
path = sys.argv[1]
with open(path, encoding='utf-8') as f:
    schema = json.load(f)
alts = schema['generated-compatibles']['properties']['compatible']['items']['anyOf']
alts[:] = [a for a in alts if 'pattern' not in a or
           not re.search(a['pattern'], 'undocumented-vendor,undocumented-device')]
with open(path, 'w', encoding='utf-8') as f:
    json.dump(schema, f)
EOP
	mv "$cache/schema.json.tmp" "$cache/schema.json"
	echo "$key" >"$cache/schema.key"
fi
# Our schemas must all have been processed, not left out
for s in "${schemas[@]}"; do
	! grep -qF "/$s: ignoring" "$cache/schema.log" || die "dt-mk-schema left out $s"
done

# dtc, then dt-validate -m; prints every problem, nothing for a good tree
validate()
{
	dtc -q -I dts -O dtb -o "$1.dtb" "$1" 2>&1 &&
		dt-validate -m -s "$cache/schema.json" "$1.dtb" 2>&1
}

# -m must report a compatible no binding documents
cat >"$tmp/undocumented.dts" <<EOD
/dts-v1/;
/ {
	compatible = "linux,dummy-virt";
	model = "ims-desc binding check";
	#address-cells = <1>;
	#size-cells = <1>;

	device@0 {
		compatible = "undocumented-vendor,undocumented-device";
		reg = <0x0 0x4>;
	};
};
EOD
if validate "$tmp/undocumented.dts" | grep -q "failed to match any schema with compatible"; then
	ok
else
	bad "dt-validate -m does not report an undocumented compatible"
fi

for s in "${schemas[@]}"; do
	grep -q '^examples:' "$bindings/$s" || continue
	dt-extract-example "$bindings/$s" >"$tmp/examples.dts"
	check_empty "examples of $s" "$(validate "$tmp/examples.dts")"
done

# A QEMU virt style tree with a GICv3 ITS; the nodes of $2 go in its root
board()
{
	local cells=$1

	cat <<EOD
/dts-v1/;
/ {
	compatible = "linux,dummy-virt";
	model = "ims-desc binding check";
	#address-cells = <$cells>;
	#size-cells = <$cells>;

	interrupt-controller@8000000 {
		compatible = "arm,gic-v3";
		reg = <$( [ "$cells" = 2 ] && echo "0x0 0x8000000 0x0 0x10000>, <0x0 0x80a0000 0x0 0xf60000" ||
			echo "0x8000000 0x10000>, <0x80a0000 0xf60000")>;
		interrupt-controller;
		#interrupt-cells = <3>;
		#address-cells = <$cells>;
		#size-cells = <$cells>;
		ranges;

		its: msi: msi-controller@8080000 {
			compatible = "arm,gic-v3-its";
			reg = <$( [ "$cells" = 2 ] && echo "0x0 0x8080000 0x0 0x20000" || echo "0x8080000 0x20000")>;
			msi-controller;
			#msi-cells = <1>;
		};
	};
EOD
	[ -z "${2:-}" ] || cat "$2"
	echo '};'
}

dir=$REPO/drivers/irqchip/ims/descriptors
for y in "$dir"/*.yaml; do
	n=$(basename "$y" .yaml)
	python3 "$REPO/scripts/gen_ims_chip.py" -c "$tmp/$n.c" -d "$tmp/$n.dtsi" "$y" ||
		die "gen_ims_chip.py failed on $y"
	board 2 "$tmp/$n.dtsi" >"$tmp/$n.dts"
	check_empty "DT node generated from $n.yaml" "$(validate "$tmp/$n.dts")"
done

# The KUnit overlay, applied to a tree with the cells of the tests' root
board 2 >"$tmp/base.dts"
out=$(dtc -q -I dts -O dtb -o "$tmp/base.dtb" "$tmp/base.dts" 2>&1 &&
      dtc -q -@ -I dts -O dtb -o "$tmp/overlay.dtbo" "$REPO/tests/kunit/ims_overlay.dtso" 2>&1 &&
      fdtoverlay -i "$tmp/base.dtb" -o "$tmp/overlaid.dtb" "$tmp/overlay.dtbo" 2>&1 &&
      dt-validate -m -s "$cache/schema.json" "$tmp/overlaid.dtb" 2>&1)
check_empty "tests/kunit/ims_overlay.dtso applied" "$out"

board 2 "$REPO/tests/arm64/ims-edu-dma.dtsi" >"$tmp/edu.dts"
check_empty "tests/arm64/ims-edu-dma.dtsi" "$(validate "$tmp/edu.dts")"

re="$ours/\(interrupt-message-store\|test,ims-[a-z-]*\)\.yaml"
for d in "$REPO"/tests/binding/bad_*.dts; do
	exp=$(sed -n '2s|^// expect: ||p' "$d")
	out=$(cp "$d" "$tmp/bad.dts" && validate "$tmp/bad.dts" || true)
	mine=$(echo "$out" | grep -B1 "From schema: .*/$re" | grep -v "From schema" || true)
	others=$(echo "$out" | grep "From schema:" | grep -v "/$re" || true)
	unmatched=$(echo "$out" | grep "failed to match any schema" || true)
	if [ -z "$exp" ] || [ -z "$mine" ] || [ -n "$others" ] || [ -n "$unmatched" ] ||
	   ! echo "$mine" | grep -qF -- "$exp"; then
		bad "$(basename "$d"): expected '$exp' from our schemas only, got:"
		echo "$out" >&2
	else
		ok
	fi
done

summary binding
