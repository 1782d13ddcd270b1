/* seg-customer-pages.h — customers listed by id, read a page at a time
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cache behind the lazy customer lists (the customers page, the members
 * of a segment): it holds the ids of a list in display order and reads the
 * customers themselves by primary key, one page of ids per query, as they
 * are asked for.  At most a given number of pages is kept; past that, the
 * whole cache is dropped.  Main thread only.
 */

#pragma once

#include <gio/gio.h>

#include "seg-customer.h"
#include "seg-store.h"

G_BEGIN_DECLS

typedef enum
{
  SEG_CUSTOMER_PAGES_NONE           = 0,
  /* Prepare the page query once, for a whole page, and keep it until
   * seg_customer_pages_close (); otherwise each page prepares its own. */
  SEG_CUSTOMER_PAGES_KEEP_STATEMENT = 1 << 0,
} SegCustomerPagesFlags;

typedef struct _SegCustomerPages SegCustomerPages;

SegCustomerPages *seg_customer_pages_new             (SegStore              *store,
                                                      guint                  page_size,
                                                      guint                  max_cached_pages,
                                                      SegCustomerPagesFlags  flags);
void              seg_customer_pages_free            (SegCustomerPages      *self);
void              seg_customer_pages_close           (SegCustomerPages      *self);
guint             seg_customer_pages_get_n_customers (SegCustomerPages      *self);
guint             seg_customer_pages_replace_ids     (SegCustomerPages      *self,
                                                      GArray                *ids);
SegCustomer      *seg_customer_pages_dup_customer    (SegCustomerPages      *self,
                                                      guint                  position);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegCustomerPages, seg_customer_pages_free)

G_END_DECLS
