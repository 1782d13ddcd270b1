/* seg-customer-dialog.h — everything the store knows about one customer
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seg-store.h"

G_BEGIN_DECLS

GtkWidget *seg_customer_dialog_new (SegStore *store,
                                    gint64    customer_id);

G_END_DECLS
