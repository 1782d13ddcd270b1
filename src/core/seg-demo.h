/* seg-demo.h — the demo store: a realistic, deterministic small shop
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "seg-store.h"

G_BEGIN_DECLS

/* The demo store's size; tests check the generator against these. */
#define SEG_DEMO_CONTACTS 2000

gboolean  seg_demo_populate (SegStore  *store,
                             gint32     last_day,
                             GError   **error);
gboolean  seg_demo_populate_sized (SegStore  *store,
                                   gint32     last_day,
                                   int        contacts,
                                   double     order_scale,
                                   GError   **error);
SegStore *seg_demo_create   (const char *path,
                             gint32      last_day,
                             GError    **error);

G_END_DECLS
