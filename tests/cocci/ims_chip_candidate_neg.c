// SPDX-License-Identifier: GPL-2.0-only
/* Fixture: composing a message is the parent's job, not device storage */
#include <linux/irq.h>
#include <linux/msi.h>

static void garply_compose_msi_msg(struct irq_data *d, struct msi_msg *msg)
{
	msg->address_hi = 0;
	msg->address_lo = 0xfee00000;
	msg->data = d->hwirq;
}

static struct irq_chip garply_chip = {
	.name			= "garply",
	.irq_compose_msi_msg	= garply_compose_msi_msg,
};
