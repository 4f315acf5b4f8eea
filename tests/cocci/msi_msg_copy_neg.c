// SPDX-License-Identifier: GPL-2.0-only
/* Fixture: the message stored only when the MSI domain hands it over */
#include <linux/io.h>
#include <linux/msi.h>

#define FOOBAR_MSI_ADDR_LO	0x20
#define FOOBAR_MSI_ADDR_HI	0x24
#define FOOBAR_MSI_DATA		0x28

struct foobar_dev {
	void __iomem *regs;
	u32 msi_data;		/* not an MSI word: a counter of the same name */
};

/* The platform MSI write callback: the place where storage is written */
static void foobar_write_msi_msg(struct msi_desc *desc, struct msi_msg *msg)
{
	struct foobar_dev *f = dev_get_drvdata(msi_desc_to_dev(desc));

	writel(msg->address_lo, f->regs + FOOBAR_MSI_ADDR_LO);
	writel(msg->address_hi, f->regs + FOOBAR_MSI_ADDR_HI);
	writel(msg->data, f->regs + FOOBAR_MSI_DATA);
}

/* A DMA descriptor's own address_lo field is not an MSI message */
struct foobar_dma_desc {
	u32 address_lo;
	u32 address_hi;
};

static void foobar_queue(struct foobar_dev *f, struct foobar_dma_desc *d)
{
	writel(d->address_lo, f->regs + 0x100);
	f->msi_data++;
}
