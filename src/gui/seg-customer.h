/* seg-customer.h — one customer as the customer list shows it
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define SEG_TYPE_CUSTOMER (seg_customer_get_type ())

G_DECLARE_FINAL_TYPE (SegCustomer, seg_customer, SEG, CUSTOMER, GObject)

SegCustomer *seg_customer_new               (gint64       id,
                                             const char  *first_name,
                                             const char  *last_name,
                                             const char  *email,
                                             const char  *country,
                                             gint64       orders,
                                             gint64       revenue_cents,
                                             gint32       last_order_day);
gint64       seg_customer_get_id            (SegCustomer *self);
const char  *seg_customer_get_name          (SegCustomer *self);
const char  *seg_customer_get_email         (SegCustomer *self);
const char  *seg_customer_get_country       (SegCustomer *self);
gint64       seg_customer_get_orders        (SegCustomer *self);
gint64       seg_customer_get_revenue_cents (SegCustomer *self);
gint32       seg_customer_get_last_order_day (SegCustomer *self);

char        *seg_customer_dup_page_sql      (guint          n_ids);
GPtrArray   *seg_customer_fetch_page        (sqlite3_stmt  *stmt,
                                             const gint64  *ids,
                                             guint          n_ids);

G_END_DECLS
