/* seg-product-labels.c — line items' products as labels, looked up by id
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seg-product-labels"

#include "config.h"

#include "seg-product-labels.h"

int
seg_product_labels_load (SegProductLabels  *self,
                         sqlite3           *db,
                         const char        *label_sql)
{
  g_autoptr(GHashTable) by_label = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, SQLITE_MISUSE);
  g_return_val_if_fail (db != NULL, SQLITE_MISUSE);

  self->labels = g_ptr_array_new_with_free_func (g_free);
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->indexes = g_array_new (FALSE, FALSE, sizeof (guint));

  sql = g_strdup_printf ("SELECT id, %s FROM products ORDER BY id", label_sql);
  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *label = (const char *) sqlite3_column_text (stmt, 1);
      gpointer value;
      guint index;

      if (label == NULL || *label == '\0')
        continue;
      if (g_hash_table_lookup_extended (by_label, label, NULL, &value))
        index = GPOINTER_TO_UINT (value);
      else
        {
          char *copy = g_strdup (label);

          index = self->labels->len;
          g_ptr_array_add (self->labels, copy);
          g_hash_table_insert (by_label, copy, GUINT_TO_POINTER (index));
        }
      g_array_append_val (self->ids, id);
      g_array_append_val (self->indexes, index);
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

guint
seg_product_labels_lookup (const SegProductLabels *self,
                           gint64                  product_id)
{
  const gint64 *ids = (const gint64 *) (gpointer) self->ids->data;
  guint lo = 0, hi = self->ids->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (ids[mid] < product_id)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo < self->ids->len && ids[lo] == product_id)
    return g_array_index (self->indexes, guint, lo);
  return G_MAXUINT;
}

void
seg_product_labels_clear (SegProductLabels *self)
{
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->indexes, g_array_unref);
}
