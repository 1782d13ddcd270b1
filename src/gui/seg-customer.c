/* seg-customer.c — one customer as the customer list shows it
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seg-customer"

#include "config.h"

#include <glib/gi18n.h>

#include "seg-customer.h"
#include "seg-day.h"

struct _SegCustomer
{
  GObject  parent_instance;

  gint64   id;
  char    *name;
  char    *email;
  char    *country;
  gint64   orders;
  gint64   revenue_cents;
  gint32   last_order_day;
};

G_DEFINE_FINAL_TYPE (SegCustomer, seg_customer, G_TYPE_OBJECT)

static void
seg_customer_finalize (GObject *object)
{
  SegCustomer *self = (SegCustomer *) object;

  g_free (self->name);
  g_free (self->email);
  g_free (self->country);

  G_OBJECT_CLASS (seg_customer_parent_class)->finalize (object);
}

static void
seg_customer_class_init (SegCustomerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = seg_customer_finalize;
}

static void
seg_customer_init (SegCustomer *self)
{
}

/**
 * seg_customer_new:
 * @last_order_day: %SEG_DAY_INVALID when the customer never ordered
 */
SegCustomer *
seg_customer_new (gint64      id,
                  const char *first_name,
                  const char *last_name,
                  const char *email,
                  const char *country,
                  gint64      orders,
                  gint64      revenue_cents,
                  gint32      last_order_day)
{
  SegCustomer *self = g_object_new (SEG_TYPE_CUSTOMER, NULL);
  g_autofree char *name = g_strstrip (g_strdup_printf ("%s %s", first_name ? first_name : "",
                                                       last_name ? last_name : ""));

  self->id = id;
  self->name = *name != '\0' ? g_steal_pointer (&name) : NULL;
  self->email = g_strdup (email);
  self->country = g_strdup (country);
  self->orders = orders;
  self->revenue_cents = revenue_cents;
  self->last_order_day = last_order_day;

  return self;
}

gint64
seg_customer_get_id (SegCustomer *self)
{
  g_return_val_if_fail (SEG_IS_CUSTOMER (self), 0);
  return self->id;
}

/**
 * seg_customer_get_name:
 *
 * Returns: the customer's name, or their email address when the store has
 *   no name for them
 */
const char *
seg_customer_get_name (SegCustomer *self)
{
  g_return_val_if_fail (SEG_IS_CUSTOMER (self), NULL);

  if (self->name != NULL)
    return self->name;
  if (self->email != NULL)
    return self->email;
  return _("Unnamed customer");
}

const char *
seg_customer_get_email (SegCustomer *self)
{
  g_return_val_if_fail (SEG_IS_CUSTOMER (self), NULL);
  return self->email;
}

const char *
seg_customer_get_country (SegCustomer *self)
{
  g_return_val_if_fail (SEG_IS_CUSTOMER (self), NULL);
  return self->country;
}

gint64
seg_customer_get_orders (SegCustomer *self)
{
  g_return_val_if_fail (SEG_IS_CUSTOMER (self), 0);
  return self->orders;
}

gint64
seg_customer_get_revenue_cents (SegCustomer *self)
{
  g_return_val_if_fail (SEG_IS_CUSTOMER (self), 0);
  return self->revenue_cents;
}

gint32
seg_customer_get_last_order_day (SegCustomer *self)
{
  g_return_val_if_fail (SEG_IS_CUSTOMER (self), SEG_DAY_INVALID);
  return self->last_order_day;
}

/**
 * seg_customer_dup_page_sql:
 * @n_ids: how many customer ids the query takes
 *
 * The query seg_customer_fetch_page() steps: the customers with the given
 * ids, with the measures a list row shows.
 *
 * Returns: (transfer full): the SQL text, with @n_ids bound parameters
 */
char *
seg_customer_dup_page_sql (guint n_ids)
{
  GString *sql = g_string_new ("SELECT c.id, c.first_name, c.last_name, c.email, c.country, "
                               "COALESCE(m.orders, 0), COALESCE(m.revenue_cents, 0), "
                               "m.last_order_day "
                               "FROM customers c "
                               "LEFT JOIN customer_measures m ON m.customer_id = c.id "
                               "WHERE c.id IN (");

  for (guint i = 0; i < n_ids; i++)
    g_string_append (sql, i == 0 ? "?" : ",?");
  g_string_append (sql, ")");

  return g_string_free (sql, FALSE);
}

/**
 * seg_customer_fetch_page:
 * @stmt: (nullable): a statement prepared from seg_customer_dup_page_sql()
 *   for at least @n_ids ids, or %NULL when it could not be prepared
 * @ids: the customers to fetch, in list order
 *
 * Returns: (transfer full) (element-type SegCustomer): one customer per id,
 *   in the order of @ids; a customer deleted since the ids were listed keeps
 *   its row, empty
 */
GPtrArray *
seg_customer_fetch_page (sqlite3_stmt *stmt,
                         const gint64 *ids,
                         guint         n_ids)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                        g_free, g_object_unref);
  GPtrArray *customers = g_ptr_array_new_full (n_ids, g_object_unref);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      for (guint i = 0; i < n_ids; i++)
        sqlite3_bind_int64 (stmt, i + 1, ids[i]);

      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 *key = g_new (gint64, 1);
          SegCustomer *customer;

          customer = seg_customer_new (sqlite3_column_int64 (stmt, 0),
                                       (const char *) sqlite3_column_text (stmt, 1),
                                       (const char *) sqlite3_column_text (stmt, 2),
                                       (const char *) sqlite3_column_text (stmt, 3),
                                       (const char *) sqlite3_column_text (stmt, 4),
                                       sqlite3_column_int64 (stmt, 5),
                                       sqlite3_column_int64 (stmt, 6),
                                       sqlite3_column_type (stmt, 7) == SQLITE_NULL
                                       ? SEG_DAY_INVALID : sqlite3_column_int (stmt, 7));
          *key = seg_customer_get_id (customer);
          g_hash_table_insert (by_id, key, customer);
        }
      sqlite3_reset (stmt);
    }

  for (guint i = 0; i < n_ids; i++)
    {
      SegCustomer *customer = g_hash_table_lookup (by_id, &ids[i]);

      g_ptr_array_add (customers,
                       customer != NULL ? g_object_ref (customer)
                                        : seg_customer_new (ids[i], NULL, NULL, NULL, NULL,
                                                            0, 0, SEG_DAY_INVALID));
    }

  return customers;
}
