/* seg-product-labels.h — line items' products as labels, looked up by id
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Charts and the report count what members bought by a product's label (its
 * name, or its category).  Joining every line item to its product costs a
 * lookup in SQLite per line; this reads the products once instead, gives
 * every distinct label an index, and maps a line's product_id to it.
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef struct
{
  GPtrArray *labels;    /* distinct labels, by index (owned) */
  GArray    *ids;       /* product ids, ascending */
  GArray    *indexes;   /* the label index of each of ids */
} SegProductLabels;

/* @label_sql is an SQL expression over the products table, such as "name"
 * or "coalesce (nullif (category, ''), name)"; a product whose label is
 * NULL or empty has none.  Returns SQLITE_OK, or SQLite's error code (the
 * caller reports it as its own error, and clears @self either way). */
int        seg_product_labels_load   (SegProductLabels  *self,
                                      sqlite3           *db,
                                      const char        *label_sql);

/* The label index of @product_id, or G_MAXUINT when it has no label. */
guint      seg_product_labels_lookup (const SegProductLabels *self,
                                      gint64                  product_id);

void       seg_product_labels_clear  (SegProductLabels  *self);

G_END_DECLS
