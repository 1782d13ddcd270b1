/* seg-customer-model.h — every customer of a store, fetched as scrolled to
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seg-customer.h"
#include "seg-store.h"

G_BEGIN_DECLS

typedef enum
{
  SEG_CUSTOMER_SORT_NAME,
  SEG_CUSTOMER_SORT_EMAIL,
  SEG_CUSTOMER_SORT_COUNTRY,
  SEG_CUSTOMER_SORT_ORDERS,
  SEG_CUSTOMER_SORT_REVENUE,
  SEG_CUSTOMER_SORT_LAST_ORDER,
  SEG_N_CUSTOMER_SORTS
} SegCustomerSort;

#define SEG_CUSTOMER_MODEL_PAGE_SIZE 200

#define SEG_TYPE_CUSTOMER_MODEL (seg_customer_model_get_type ())

G_DECLARE_FINAL_TYPE (SegCustomerModel, seg_customer_model, SEG, CUSTOMER_MODEL, GObject)

SegCustomerModel *seg_customer_model_new         (SegStore         *store);
void              seg_customer_model_set_query   (SegCustomerModel *self,
                                                  const char       *search,
                                                  SegCustomerSort   sort,
                                                  gboolean          descending);
void              seg_customer_model_reload      (SegCustomerModel *self);
gboolean          seg_customer_model_get_loading (SegCustomerModel *self);
const char       *seg_customer_model_get_search  (SegCustomerModel *self);

G_END_DECLS
