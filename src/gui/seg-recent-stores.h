/* seg-recent-stores.h — the stores opened lately, newest first
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SEG_RECENT_STORES_MAX 10

#define SEG_TYPE_RECENT_STORE (seg_recent_store_get_type ())

G_DECLARE_FINAL_TYPE (SegRecentStore, seg_recent_store, SEG, RECENT_STORE, GObject)

const char *seg_recent_store_get_path        (SegRecentStore *self);
const char *seg_recent_store_get_name        (SegRecentStore *self);
guint64     seg_recent_store_get_size        (SegRecentStore *self);
/* The last import's UTC timestamp (ISO 8601), or NULL when never imported. */
GDateTime  *seg_recent_store_get_last_import (SegRecentStore *self);

#define SEG_TYPE_RECENT_STORES (seg_recent_stores_get_type ())

G_DECLARE_FINAL_TYPE (SegRecentStores, seg_recent_stores, SEG, RECENT_STORES, GObject)

SegRecentStores *seg_recent_stores_new    (GSettings       *settings);
void             seg_recent_stores_add    (SegRecentStores *self,
                                           const char      *path);
void             seg_recent_stores_remove (SegRecentStores *self,
                                           const char      *path);
void             seg_recent_stores_reload (SegRecentStores *self);

G_END_DECLS
