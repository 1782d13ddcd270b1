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
