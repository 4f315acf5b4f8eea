/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Trace events of the descriptor-driven IMS chip: per slot allocation and
 * free, mask state changes, message writes, commits (doorbell or queue
 * command) and restores.  Disabled, each costs a patched-out branch.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM ims_desc

#if !defined(_TRACE_IMS_DESC_H) || defined(TRACE_HEADER_MULTI_READ)
#define _TRACE_IMS_DESC_H

#include <linux/device.h>
#include <linux/msi.h>
#include <linux/tracepoint.h>

DECLARE_EVENT_CLASS(ims_desc_slot,
		    TP_PROTO(struct device *dev, const struct msi_desc *desc, bool queue),
		    TP_ARGS(dev, desc, queue),
		    TP_STRUCT__entry(__string(dev, dev_name(dev))
				     __field(unsigned int, slot)
				     __field(unsigned int, irq)
				     __field(u64, cookie)
				     __field(const void *, queue)),
		    /* A queue's cookie is a pointer: printed hashed, never raw */
		    TP_fast_assign(__assign_str(dev);
				   __entry->slot = desc->msi_index;
				   __entry->irq = desc->irq;
				   __entry->cookie = queue ? 0 : desc->data.icookie.value;
				   __entry->queue = queue ? desc->data.icookie.ptr : NULL;),
		    TP_printk("%s slot=%u irq=%u cookie=%#llx queue=%p", __get_str(dev),
			      __entry->slot, __entry->irq, __entry->cookie, __entry->queue)
);

/* A vector was allocated: its slot is programmed, masked, with its cookie */
DEFINE_EVENT(ims_desc_slot, ims_desc_alloc,
	     TP_PROTO(struct device *dev, const struct msi_desc *desc, bool queue),
	     TP_ARGS(dev, desc, queue)
);

/* A vector is being freed: its slot is left masked */
DEFINE_EVENT(ims_desc_slot, ims_desc_free,
	     TP_PROTO(struct device *dev, const struct msi_desc *desc, bool queue),
	     TP_ARGS(dev, desc, queue)
);

/* A slot's mask state was set (storage that sleeps: recorded, to be committed) */
TRACE_EVENT(ims_desc_mask,
	    TP_PROTO(struct device *dev, const struct msi_desc *desc, bool masked),
	    TP_ARGS(dev, desc, masked),
	    TP_STRUCT__entry(__string(dev, dev_name(dev))
			     __field(unsigned int, slot)
			     __field(unsigned int, irq)
			     __field(bool, masked)),
	    TP_fast_assign(__assign_str(dev);
			   __entry->slot = desc->msi_index;
			   __entry->irq = desc->irq;
			   __entry->masked = masked;),
	    TP_printk("%s slot=%u irq=%u %s", __get_str(dev), __entry->slot, __entry->irq,
		      __entry->masked ? "masked" : "unmasked")
);

/* A slot's message was written (storage that sleeps: recorded) */
TRACE_EVENT(ims_desc_write_msg,
	    TP_PROTO(struct device *dev, const struct msi_desc *desc, const struct msi_msg *msg),
	    TP_ARGS(dev, desc, msg),
	    TP_STRUCT__entry(__string(dev, dev_name(dev))
			     __field(unsigned int, slot)
			     __field(unsigned int, irq)
			     __field(u64, address)
			     __field(u32, data)),
	    TP_fast_assign(__assign_str(dev);
			   __entry->slot = desc->msi_index;
			   __entry->irq = desc->irq;
			   __entry->address = (u64)msg->address_hi << 32 | msg->address_lo;
			   __entry->data = msg->data;),
	    TP_printk("%s slot=%u irq=%u address=%#llx data=%#x", __get_str(dev),
		      __entry->slot, __entry->irq, __entry->address, __entry->data)
);

/* Written entries were committed: a doorbell write, or the queue's command */
TRACE_EVENT(ims_desc_commit,
	    TP_PROTO(struct device *dev, u32 doorbell, bool command, int ret),
	    TP_ARGS(dev, doorbell, command, ret),
	    TP_STRUCT__entry(__string(dev, dev_name(dev))
			     __field(u32, doorbell)
			     __field(bool, command)
			     __field(int, ret)),
	    TP_fast_assign(__assign_str(dev);
			   __entry->doorbell = doorbell;
			   __entry->command = command;
			   __entry->ret = ret;),
	    TP_printk("%s %s=%u ret=%d", __get_str(dev),
		      __entry->command ? "command" : "doorbell", __entry->doorbell,
		      __entry->ret)
);

/* ims_desc_restore() wrote the slots of a device again */
TRACE_EVENT(ims_desc_restore,
	    TP_PROTO(struct device *dev, unsigned int vectors, int ret),
	    TP_ARGS(dev, vectors, ret),
	    TP_STRUCT__entry(__string(dev, dev_name(dev))
			     __field(unsigned int, vectors)
			     __field(int, ret)),
	    TP_fast_assign(__assign_str(dev);
			   __entry->vectors = vectors;
			   __entry->ret = ret;),
	    TP_printk("%s vectors=%u ret=%d", __get_str(dev), __entry->vectors,
		      __entry->ret)
);

#endif /* _TRACE_IMS_DESC_H */

/* This part must be outside protection */
#include <trace/define_trace.h>
