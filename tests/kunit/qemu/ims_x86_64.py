# SPDX-License-Identifier: GPL-2.0-only
# QEMU x86_64 for the IMS suites: q35, 2 CPUs, TCG (KVM is not assumed, and
# on some hosts it hangs silently: kunit.py asks for it first, so the
# harness runs QEMU through wrappers that take TCG only, harness/lib.sh's
# qemu_tcg_only).  What differs between the machines the
# harness runs (harness/lib.sh, x86_machine) comes in kunit.py's
# --qemu_args and --kernel_args, so that they share one kernel:
#   ir:     --kernel_args=intel_iommu=on --kernel_args=kmemleak.verbose=1
#           --qemu_args='-m 512 -device intel-iommu,intremap=on
#             -device edu,addr=04.0,dma_mask=0xffffffffffffffff
#             -acpitable file=build/TREE/acpi/ims_x86_64_ssdt.aml'
#   no_ir:  as ir without the IOMMU, the address and the SSDT
#   vir:    as ir with intel-iommu,intremap=on,caching-mode=on, no SSDT
#   bench:  nothing added (kunit.py's 1 GiB: room for 65,536 vectors)
# The IOMMU must come before edu: QEMU gives a PCI device its DMA and MSI
# address space when the device is created.
from ..qemu_config import QemuArchParams

QEMU_ARCH = QemuArchParams(linux_arch='x86_64',
			   kconfig='''
CONFIG_SERIAL_8250=y
CONFIG_SERIAL_8250_CONSOLE=y''',
			   qemu_arch='x86_64',
			   kernel_path='arch/x86/boot/bzImage',
			   kernel_command_line='console=ttyS0',
			   extra_qemu_params=['-bios', 'qboot.rom',
					      '-machine', 'q35,kernel-irqchip=split',
					      '-smp', '2'])
