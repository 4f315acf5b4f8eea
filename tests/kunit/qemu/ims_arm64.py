# SPDX-License-Identifier: GPL-2.0-only
# QEMU arm64 for the IMS end-to-end suite: virt with a GICv3 and its ITS,
# the kernel booted at EL2 as on a machine of its own (the ITS refuses
# PCI/IMS to a kernel booted at EL1, which may be a guest's), edu with a
# 64-bit DMA mask (RAM starts at 1 GiB), an xHCI with MSI of 16 vectors and
# no MSI-X (no driver binds it: the ITS sizing case uses it), TCG.  The harness boots
# the DTB that harness/arm64-dtb.sh makes from QEMU's own for exactly these
# options, with one node added (a platform device whose msi-parent is the
# ITS with DeviceID 0, whose IMS messages edu writes by DMA), passing
# --qemu_args='-dtb build/TREE/kunit-arm64/ims-virt-el2.dtb' to kunit.py.
from ..qemu_config import QemuArchParams

QEMU_ARCH = QemuArchParams(linux_arch='arm64',
			   kconfig='''
CONFIG_SERIAL_AMBA_PL011=y
CONFIG_SERIAL_AMBA_PL011_CONSOLE=y''',
			   qemu_arch='aarch64',
			   kernel_path='arch/arm64/boot/Image.gz',
			   kernel_command_line='console=ttyAMA0',
			   extra_qemu_params=['-machine', 'virt,gic-version=3,virtualization=on',
					      '-cpu', 'max,pauth-impdef=on', '-smp', '2', '-m', '512',
					      '-device', 'edu,dma_mask=0xffffffffffffffff',
					      '-device', 'nec-usb-xhci,msix=off'])
