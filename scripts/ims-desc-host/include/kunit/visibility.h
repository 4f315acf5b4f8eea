/* SPDX-License-Identifier: GPL-2.0-only */
/* Host build of the IMS validator: see linux/ims-host.h */
#ifndef _IMS_HOST_KUNIT_VISIBILITY_H
#define _IMS_HOST_KUNIT_VISIBILITY_H

#define EXPORT_SYMBOL_IF_KUNIT(symbol)

#endif
