// SPDX-License-Identifier: GPL-2.0-only
/* Fixture: a driver that saves, restores and toggles its MSI capability */
#include <linux/pci.h>

#define PLUGH_CFG_MSIX0		0xb0	/* its MSI-X capability header */
#define PLUGH_MSI_ADDR		0x94	/* a private name for address low */

struct plugh_dev {
	struct pci_dev *pdev;
	u32 msi_lo, msi_hi, msix0;
	u16 msi_data;
};

static void plugh_save(struct plugh_dev *p)
{
	int pos = p->pdev->msi_cap;
	u16 qsize;

	pci_read_config_dword(p->pdev, pos + PCI_MSI_ADDRESS_LO, &p->msi_lo);	/* [A] */
	pci_read_config_dword(p->pdev, pos + PCI_MSI_ADDRESS_HI, &p->msi_hi);	/* [A] */
	pci_read_config_word(p->pdev, pos + PCI_MSI_DATA_64, &p->msi_data);	/* [A] */
	pci_read_config_dword(p->pdev, PLUGH_MSI_ADDR, &p->msi_lo);	/* [A] */
	/* The size of the capability: fine */
	pci_read_config_word(p->pdev, pos + PCI_MSI_FLAGS, &qsize);
}

static void plugh_restore(struct plugh_dev *p)
{
	int pos = p->pdev->msi_cap;

	pci_write_config_dword(p->pdev, pos + PCI_MSI_ADDRESS_LO, p->msi_lo);	/* [A] */
	pci_write_config_word(p->pdev, pos + PCI_MSI_FLAGS, PCI_MSI_FLAGS_ENABLE);	/* [A] */
	pci_write_config_dword(p->pdev, PLUGH_CFG_MSIX0, p->msix0);	/* [A] */
	pci_write_config_dword(p->pdev, p->pdev->msix_cap, 0);	/* [A] */
}
