/* SPDX-License-Identifier: GPL-2.0-only */
/* Host build of the IMS validator: see ims-host.h */
#include <linux/ims-host.h>
