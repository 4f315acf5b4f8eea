// SPDX-License-Identifier: GPL-2.0-only
/* Fixture: a DMA engine that keeps a message and programs ring registers */
#include <linux/io.h>
#include <linux/msi.h>

#define THUD_RING_MSI1_BASE_LSB	0x48
#define THUD_RING_MSI1_BASE_MSB	0x4c
#define THUD_RING_MSI1_DATA	0x50

struct thud_chan {
	void __iomem *regs;
	struct msi_msg msi;	/* [B] */
};

struct thud_ring {
	u64 msi_addr;
	u32 msi_data;
};

static void thud_chan_config(struct thud_chan *chan)
{
	struct msi_msg *msg = &chan->msi;

	writel(msg->address_lo, chan->regs + 0x10);	/* [B] */
	writel(msg->address_hi, chan->regs + 0x14);	/* [B] */
	writel(msg->data, chan->regs + 0x18);
}

void thud_write32(struct thud_chan *chan, u32 offset, u32 value);

static void thud_ring_setup(struct thud_chan *chan, struct thud_ring *ring)
{
	thud_write32(chan, THUD_RING_MSI1_BASE_LSB, lower_32_bits(ring->msi_addr));	/* [G] */
	thud_write32(chan, THUD_RING_MSI1_BASE_MSB, upper_32_bits(ring->msi_addr));	/* [G] */
	thud_write32(chan, THUD_RING_MSI1_DATA, ring->msi_data);	/* [G] */
}
