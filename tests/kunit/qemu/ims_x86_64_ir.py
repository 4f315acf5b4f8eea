# SPDX-License-Identifier: GPL-2.0-only
# QEMU x86_64 for the IMS end-to-end suites, with interrupt remapping: q35, a VT-d IOMMU with
# intremap=on, edu with a 64-bit DMA mask.  TCG: KVM is not assumed (and on
# some hosts it hangs silently).
# The kconfig is the same in both configurations so they share one build.
# 512 MiB is plenty for the suites and halves what a kmemleak scan walks.
# edu sits at 00:04.0, where the SSDT that harness/kunit-x86.sh compiles
# from ims_x86_64_ssdt.asl (given in IMS_X86_SSDT) gives it a _DSD.
import os

from ..qemu_config import QemuArchParams

SSDT = os.environ.get('IMS_X86_SSDT')

QEMU_ARCH = QemuArchParams(linux_arch='x86_64',
			   kconfig='''
CONFIG_SERIAL_8250=y
CONFIG_SERIAL_8250_CONSOLE=y''',
			   qemu_arch='x86_64',
			   kernel_path='arch/x86/boot/bzImage',
			   kernel_command_line='console=ttyS0 intel_iommu=on kmemleak.verbose=1',
			   extra_qemu_params=['-bios', 'qboot.rom', '-m', '512',
					      '-machine', 'q35,kernel-irqchip=split,accel=tcg',
					      '-smp', '2', '-device', 'intel-iommu,intremap=on',
					      '-device', 'edu,addr=04.0,dma_mask=0xffffffffffffffff'] +
			   (['-acpitable', 'file=' + SSDT] if SSDT else []))
