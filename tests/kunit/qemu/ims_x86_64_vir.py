# SPDX-License-Identifier: GPL-2.0-only
# QEMU x86_64 with a virtual VT-d (caching-mode=on, as a hypervisor gives a
# guest): interrupt remapping is there, but a PCI/IMS domain must be refused,
# because the remapping entries are the guest's.
# The kconfig is the same in all the configurations so they share one build.
# 512 MiB is plenty for the suites and halves what a kmemleak scan walks.
from ..qemu_config import QemuArchParams

QEMU_ARCH = QemuArchParams(linux_arch='x86_64',
			   kconfig='''
CONFIG_SERIAL_8250=y
CONFIG_SERIAL_8250_CONSOLE=y''',
			   qemu_arch='x86_64',
			   kernel_path='arch/x86/boot/bzImage',
			   kernel_command_line='console=ttyS0 intel_iommu=on kmemleak.verbose=1',
			   extra_qemu_params=['-bios', 'qboot.rom', '-m', '512',
					      '-machine', 'q35,kernel-irqchip=split,accel=tcg',
					      '-smp', '2',
					      '-device', 'intel-iommu,intremap=on,caching-mode=on',
					      '-device', 'edu,dma_mask=0xffffffffffffffff'])
