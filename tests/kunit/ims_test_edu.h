/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * QEMU's "edu" PCI device as an IMS device: the fixture the end-to-end
 * suites use (ims_test_edu.c).
 */
#ifndef _IMS_TEST_EDU_H
#define _IMS_TEST_EDU_H

#include <linux/ims_desc.h>
#include <linux/types.h>

struct ims_edu;

struct ims_edu *ims_edu_get(void);
struct device *ims_edu_dev(struct ims_edu *edu);
int ims_edu_setup(struct ims_edu *edu, struct device *target, const struct ims_desc *desc,
		  unsigned int slots);
void ims_edu_teardown(struct ims_edu *edu);
union msi_instance_cookie ims_edu_cookie(struct ims_edu *edu, unsigned int n, u32 value);
const u8 *ims_edu_entry(struct ims_edu *edu, unsigned int loc);
int ims_edu_send(struct ims_edu *edu, u64 addr, u32 data);
unsigned int ims_edu_own_irqs(struct ims_edu *edu);
unsigned int ims_edu_commits(struct ims_edu *edu);
int ims_edu_own_msi(struct ims_edu *edu, bool on);
void ims_edu_raise(struct ims_edu *edu);
struct device *ims_edu_dma_get(const struct ims_desc **desc);
void ims_edu_wipe(struct ims_edu *edu);
void ims_edu_lose_on_suspend(struct ims_edu *edu, bool lose);
int ims_edu_restored(struct ims_edu *edu);

#endif /* _IMS_TEST_EDU_H */
