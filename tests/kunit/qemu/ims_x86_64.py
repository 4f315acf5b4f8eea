# SPDX-License-Identifier: GPL-2.0-only
# QEMU x86_64 for the scale benchmark (make bench): the machine of the
# end-to-end suites with the 1 GiB kunit.py gives by default, room for
# 65,536 vectors twice over.  Its kernel has no debug options and is
# built in a directory of its own.
from ..qemu_config import QemuArchParams

QEMU_ARCH = QemuArchParams(linux_arch='x86_64',
			   kconfig='''
CONFIG_SERIAL_8250=y
CONFIG_SERIAL_8250_CONSOLE=y''',
			   qemu_arch='x86_64',
			   kernel_path='arch/x86/boot/bzImage',
			   kernel_command_line='console=ttyS0',
			   extra_qemu_params=['-bios', 'qboot.rom',
					      '-machine', 'q35,kernel-irqchip=split,accel=tcg',
					      '-smp', '2'])
