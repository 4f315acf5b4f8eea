/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * An SSDT for the QEMU x86_64 machine with interrupt remapping, loaded
 * with -acpitable: what an x86 SoC vendor's firmware would say about IMS.
 *
 * \_SB.PCI0.IMSE is edu's PCI function (the QEMU command line places edu
 * at 00:04.0): a _DSD with the IMS properties of the idxd description
 * (drivers/irqchip/ims/descriptors/idxd.yaml; the same as its DT node).
 * Its _STA makes Linux prefer it to any object QEMU generates for the
 * same _ADR.
 *
 * \_SB.IMSP is a platform device, no PCI function, with the same _DSD
 * (PRP0001 with the compatible of the DT property path's test binding):
 * on x86 it has no MSI parent, so its domain must be refused.
 *
 * \_SB.IMSB is a platform device whose _DSD has a mask bit out of range:
 * it must be rejected with an error that names ims-mask-bit.
 *
 * Compiled by harness/kunit-x86.sh with iasl (acpica-tools).
 */
DefinitionBlock ("", "SSDT", 2, "IMSDSC", "IMSEDU", 0x00000001)
{
	External (\_SB.PCI0, DeviceObj)

	Scope (\_SB.PCI0)
	{
		Device (IMSE)
		{
			Name (_ADR, 0x00040000)
			Method (_STA, 0, NotSerialized)
			{
				Return (0x0F)
			}
			Name (_DSD, Package ()
			{
				ToUUID ("daffd814-6eba-4d8c-8a91-bc9bbf4aa301"),
				Package ()
				{
					Package () { "ims-storage", "array" },
					Package () { "ims-slots", 2048 },
					Package () { "ims-dynamic-slots", One },
					Package () { "ims-stride", 16 },
					Package () { "ims-entry-size", 16 },
					Package () { "ims-address", Package () { 0, 4 } },
					Package () { "ims-data", 8 },
					Package () { "ims-control", 12 },
					Package () { "ims-mask-bit", 0 },
					Package () { "ims-posted-writes", One },
					Package () { "ims-cookie", Package () { 12, 20 } },
					Package () { "ims-cookie-enable-bit", 3 },
				}
			})
		}
	}

	Scope (\_SB)
	{
		Device (IMSP)
		{
			Name (_HID, "PRP0001")
			Name (_UID, 1)
			Name (_DSD, Package ()
			{
				ToUUID ("daffd814-6eba-4d8c-8a91-bc9bbf4aa301"),
				Package ()
				{
					Package () { "compatible", "test,ims-device" },
					Package () { "ims-storage", "array" },
					Package () { "ims-slots", 2048 },
					Package () { "ims-dynamic-slots", One },
					Package () { "ims-stride", 16 },
					Package () { "ims-entry-size", 16 },
					Package () { "ims-address", Package () { 0, 4 } },
					Package () { "ims-data", 8 },
					Package () { "ims-control", 12 },
					Package () { "ims-mask-bit", 0 },
					Package () { "ims-posted-writes", One },
					Package () { "ims-cookie", Package () { 12, 20 } },
					Package () { "ims-cookie-enable-bit", 3 },
				}
			})
		}

		Device (IMSB)
		{
			Name (_HID, "PRP0001")
			Name (_UID, 2)
			Name (_DSD, Package ()
			{
				ToUUID ("daffd814-6eba-4d8c-8a91-bc9bbf4aa301"),
				Package ()
				{
					Package () { "compatible", "test,ims-device" },
					Package () { "ims-storage", "array" },
					Package () { "ims-slots", 4 },
					Package () { "ims-stride", 16 },
					Package () { "ims-entry-size", 16 },
					Package () { "ims-address", Package () { 0, 4 } },
					Package () { "ims-data", 8 },
					Package () { "ims-control", 12 },
					Package () { "ims-mask-bit", 40 },
				}
			})
		}
	}
}
