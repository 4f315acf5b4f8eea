// SPDX-License-Identifier: GPL-2.0-only
/* Fixture: config space accesses that leave the MSI capability alone */
#include <linux/pci.h>

#define XYZZY_PRIV_OFFSET	0x68

static int xyzzy_vectors(struct pci_dev *pdev)
{
	u16 control;
	u32 priv;

	/* Reading the table size is what pci_msix_vec_count() does */
	pci_read_config_word(pdev, pdev->msix_cap + PCI_MSIX_FLAGS, &control);
	pci_read_config_dword(pdev, XYZZY_PRIV_OFFSET, &priv);
	pci_write_config_dword(pdev, XYZZY_PRIV_OFFSET, priv | 1);
	pci_write_config_word(pdev, PCI_COMMAND, PCI_COMMAND_MEMORY);
	return (control & PCI_MSIX_FLAGS_QSIZE) + 1;
}
