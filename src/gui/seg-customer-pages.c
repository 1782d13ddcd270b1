/* seg-customer-pages.c — customers listed by id, read a page at a time
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seg-customer-pages"

#include "config.h"

#include "seg-customer-pages.h"

struct _SegCustomerPages
{
  SegStore              *store;
  sqlite3_stmt          *page_stmt;  /* with SEG_CUSTOMER_PAGES_KEEP_STATEMENT */
  GArray                *ids;        /* gint64, in display order */
  GHashTable            *pages;      /* page number → GPtrArray of SegCustomer */
  guint                  page_size;
  guint                  max_cached_pages;
  SegCustomerPagesFlags  flags;
};

static gboolean
prepare_page_stmt (SegCustomerPages *self)
{
  g_autofree char *sql = NULL;

  if (self->page_stmt != NULL)
    return TRUE;

  sql = seg_customer_dup_page_sql (self->page_size);
  self->page_stmt = seg_store_prepare (self->store, sql, NULL);

  return self->page_stmt != NULL;
}

static GPtrArray *
load_page (SegCustomerPages *self,
           guint             page)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  guint first = page * self->page_size;
  guint n = MIN (self->page_size, self->ids->len - first);
  const gint64 *ids = &g_array_index (self->ids, gint64, first);

  if (self->flags & SEG_CUSTOMER_PAGES_KEEP_STATEMENT)
    return seg_customer_fetch_page (prepare_page_stmt (self) ? self->page_stmt : NULL, ids, n);

  sql = seg_customer_dup_page_sql (n);
  stmt = seg_store_prepare (self->store, sql, NULL);

  return seg_customer_fetch_page (stmt, ids, n);
}

/**
 * seg_customer_pages_new:
 * @page_size: how many customers one query reads
 * @max_cached_pages: how many pages are kept before the cache is dropped
 *
 * Makes an empty cache reading the customers of @store.
 */
SegCustomerPages *
seg_customer_pages_new (SegStore              *store,
                        guint                  page_size,
                        guint                  max_cached_pages,
                        SegCustomerPagesFlags  flags)
{
  SegCustomerPages *self;

  g_return_val_if_fail (SEG_IS_STORE (store), NULL);
  g_return_val_if_fail (page_size > 0, NULL);
  g_return_val_if_fail (max_cached_pages > 0, NULL);

  self = g_new0 (SegCustomerPages, 1);
  self->store = g_object_ref (store);
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->page_size = page_size;
  self->max_cached_pages = max_cached_pages;
  self->flags = flags;

  return self;
}

void
seg_customer_pages_free (SegCustomerPages *self)
{
  if (self == NULL)
    return;

  seg_customer_pages_close (self);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_free (self);
}

/**
 * seg_customer_pages_close:
 *
 * Lets go of the store, as a model's dispose does; the ids and the pages
 * already read stay until seg_customer_pages_free ().
 */
void
seg_customer_pages_close (SegCustomerPages *self)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->page_stmt, sqlite3_finalize);
  g_clear_object (&self->store);
}

guint
seg_customer_pages_get_n_customers (SegCustomerPages *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->ids->len;
}

/**
 * seg_customer_pages_replace_ids:
 * @ids: (transfer full): the customer ids (gint64) of the new list, in order
 *
 * Swaps in a new list and drops the pages read for the old one.
 *
 * Returns: how many customers the old list had
 */
guint
seg_customer_pages_replace_ids (SegCustomerPages *self,
                                GArray           *ids)
{
  guint removed;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (ids != NULL, 0);

  removed = self->ids->len;
  g_array_unref (self->ids);
  self->ids = ids;
  g_hash_table_remove_all (self->pages);

  return removed;
}

/**
 * seg_customer_pages_dup_customer:
 *
 * Reads the page holding @position if it is not cached.
 *
 * Returns: (transfer full) (nullable): the customer at @position, or %NULL
 *   past the end
 */
SegCustomer *
seg_customer_pages_dup_customer (SegCustomerPages *self,
                                 guint             position)
{
  guint page;
  GPtrArray *customers;

  g_return_val_if_fail (self != NULL, NULL);

  if (position >= self->ids->len)
    return NULL;

  page = position / self->page_size;
  customers = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (customers == NULL)
    {
      /* The view holds the items it shows; dropping the cache is cheap. */
      if (g_hash_table_size (self->pages) >= self->max_cached_pages)
        g_hash_table_remove_all (self->pages);

      customers = load_page (self, page);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), customers);
    }

  return g_object_ref (g_ptr_array_index (customers, position % self->page_size));
}
