#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The DTB the arm64 QEMU runs boot: QEMU's own for the machine options
# below (virt, gic-version=3, 2 CPUs, 512 MiB, the kernel at EL2; with the
# argument el1, at EL1 as a guest's), with one node added: a
# platform device whose msi-parent is the GICv3 ITS with DeviceID 0, the
# IMS device whose messages edu writes by DMA (tests/arm64/ims-edu-dma.dtsi,
# which harness/binding.sh validates).  Prints the DTB's path; rebuilt when
# this script or the node is newer.  Shared by harness/kunit-arm64.sh and
# harness/conformance.sh; tests/kunit/qemu/ims_arm64.py must give QEMU the
# same options.  The two DTBs differ in more than the EL: at EL2 QEMU's
# PSCI is reached with SMC, at EL1 with HVC.
. "$(dirname "$0")/lib.sh"

build=$BUILD/kunit-arm64
case ${1:-el2} in
el2) el=el2 virt=on ;;
el1) el=el1 virt=off ;;
*) die "usage: harness/arm64-dtb.sh [el1|el2]" ;;
esac
dtb=$build/ims-virt-$el.dtb
node=$REPO/tests/arm64/ims-edu-dma.dtsi
mkdir -p "$build"
if [ ! -s "$dtb" ] || [ "$0" -nt "$dtb" ] || [ "$node" -nt "$dtb" ]; then
	rm -f "$build/virt.dtb"
	qemu-system-aarch64 -machine virt,gic-version=3,virtualization=$virt \
		-cpu max,pauth-impdef=on -smp 2 -m 512 \
		-machine dumpdtb="$build/virt.dtb" -nographic -display none >/dev/null 2>&1 || true
	[ -s "$build/virt.dtb" ] || die "QEMU did not dump its arm64 DTB"
	dtc -q -I dtb -O dts -o "$build/virt.dts" "$build/virt.dtb"
	its=$(awk '/its@8080000 \{/ { f = 1 } f && /phandle = </ { gsub(/[<>;]/, ""); print $3; exit }' \
		"$build/virt.dts")
	[ -n "$its" ] || die "no ITS phandle in QEMU's arm64 DTB"
	# The root node closes on the last line
	sed '$d' "$build/virt.dts" >"$build/ims-virt-$el.dts"
	{
		sed "s/&its\b/$its/" "$node"
		echo '};'
	} >>"$build/ims-virt-$el.dts"
	dtc -q -I dts -O dtb -o "$dtb" "$build/ims-virt-$el.dts" ||
		die "the arm64 DTB with the IMS node does not compile"
fi
echo "$dtb"
