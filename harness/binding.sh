#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Binding checks of make check, the steps of the kernel's dt_binding_check
# run with Debian's dt-schema tools (Debian 12 ships dtschema 2022.08,
# older than the 2023.9 that 6.12's Makefile insists on):
#  - yamllint with the kernel's bindings .yamllint;
#  - dt-doc-validate of the schema against the meta-schemas;
#  - the schema's examples extracted, compiled with dtc and validated;
#  - the DT example node gen_ims_chip.py writes for every shipped
#    description, validated;
#  - every tests/binding/bad_*.dts rejected with the error it expects.
# One check each.
. "$(dirname "$0")/lib.sh"

"$REPO/harness/tree.sh"
bindings=$SRC/Documentation/devicetree/bindings
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

check_empty "yamllint ims.yaml" \
	"$(cd "$bindings" && yamllint -f parsable -c .yamllint ims.yaml 2>&1)"
check_empty "dt-doc-validate ims.yaml" \
	"$(cd "$bindings" && dt-doc-validate -u . ims.yaml 2>&1)"

mkdir "$tmp/schema"
cp "$bindings/ims.yaml" "$tmp/schema/"
dt-mk-schema -j -o "$tmp/schema.json" "$tmp/schema" || die "dt-mk-schema failed"

validate()
{
	dtc -q -I dts -O dtb -o "$1.dtb" "$1" 2>&1 && dt-validate -s "$tmp/schema.json" "$1.dtb" 2>&1
}

dt-extract-example "$bindings/ims.yaml" >"$tmp/examples.dts"
check_empty "examples of ims.yaml" "$(validate "$tmp/examples.dts")"

dir=$REPO/drivers/irqchip/ims/descriptors
for y in "$dir"/*.yaml; do
	n=$(basename "$y" .yaml)
	python3 "$REPO/scripts/gen_ims_chip.py" -c "$tmp/$n.c" -d "$tmp/$n.dtsi" "$y" ||
		die "gen_ims_chip.py failed on $y"
	{
		echo '/dts-v1/;'
		echo '/ { compatible = "vendor,board"; model = "board";'
		echo '#address-cells = <2>; #size-cells = <2>;'
		echo 'msi: msi-controller@20000000 { compatible = "arm,gic-v3-its";'
		echo 'reg = <0x0 0x20000000 0x0 0x20000>; msi-controller; #msi-cells = <1>; };'
		cat "$tmp/$n.dtsi"
		echo '};'
	} >"$tmp/$n.dts"
	check_empty "DT example generated from $n.yaml" "$(validate "$tmp/$n.dts")"
done

for d in "$REPO"/tests/binding/bad_*.dts; do
	exp=$(sed -n '2s|^// expect: ||p' "$d")
	out=$(cp "$d" "$tmp/bad.dts" && validate "$tmp/bad.dts" || true)
	ours=$(echo "$out" | grep -B1 "From schema: .*/ims.yaml" | grep -v "From schema" || true)
	others=$(echo "$out" | grep "From schema:" | grep -v "/ims.yaml" || true)
	if [ -z "$ours" ] || [ -n "$others" ] || ! echo "$ours" | grep -qF -- "$exp"; then
		bad "$(basename "$d"): expected '$exp' from ims.yaml, got:"
		echo "$out" >&2
	else
		ok
	fi
done

summary binding
