/* SPDX-License-Identifier: GPL-2.0-only */
/* Host build of the IMS validator: see ims-host.h; errno values are the system's */
#include_next <linux/errno.h>
#include <linux/ims-host.h>
