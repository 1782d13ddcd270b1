/* seg-measures.c — per-customer measures derived from orders and checkouts
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * customer_measures is rebuilt as a whole, set-based: one grouped pass over
 * orders (in orders_customer order) and one over checkouts, joined to every
 * customer.  Live counts then read one row per customer instead of scanning
 * orders.
 */

#define G_LOG_DOMAIN "seg-measures"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "seg-day.h"
#include "seg-measures.h"
#include "seg-rfm.h"
#include "seg-store.h"

/* Counted orders: not cancelled or voided, placed on or before the
 * reference day (an as-of view of the past); guest orders have no
 * customer and are left out.  Checkouts: abandoned and not recovered.
 * For last_checkout_cents, SQLite takes the bare column from the row that
 * holds max(checkout_day). */
static const char recompute_sql[] =
  "INSERT INTO customer_measures (customer_id, orders, revenue_cents, aov_cents,\n"
  "    first_order_day, last_order_day, discount_orders, refunded_orders,\n"
  "    checkouts, last_checkout_day, last_checkout_cents)\n"
  "SELECT c.id, coalesce (o.orders, 0), coalesce (o.revenue, 0),\n"
  "    CAST (round (1.0 * o.revenue / o.orders) AS INTEGER),\n"
  "    o.first_day, o.last_day, coalesce (o.discount, 0), coalesce (o.refunded, 0),\n"
  "    coalesce (k.checkouts, 0), k.last_day, k.last_cents\n"
  "FROM customers AS c\n"
  "LEFT JOIN (SELECT customer_id, count(*) AS orders, sum (net_cents) AS revenue,\n"
  "      min (order_day) AS first_day, max (order_day) AS last_day,\n"
  "      sum (discount_cents > 0 OR coalesce (discount_code, '') <> '') AS discount,\n"
  "      sum (refunded_cents > 0) AS refunded\n"
  "    FROM orders\n"
  "    WHERE customer_id IS NOT NULL AND cancelled = 0 AND order_day <= ?1\n"
  "    GROUP BY customer_id) AS o ON o.customer_id = c.id\n"
  "LEFT JOIN (SELECT customer_id, count(*) AS checkouts,\n"
  "      max (checkout_day) AS last_day, total_cents AS last_cents\n"
  "    FROM checkouts\n"
  "    WHERE customer_id IS NOT NULL AND recovered = 0 AND checkout_day <= ?1\n"
  "    GROUP BY customer_id) AS k ON k.customer_id = c.id\n"
  "ORDER BY c.id";

G_DEFINE_QUARK (seg-measures-error-quark, seg_measures_error)

static void
set_error_from_db (sqlite3  *db,
                   GError  **error)
{
  g_set_error (error, SEG_MEASURES_ERROR, SEG_MEASURES_ERROR_FAILED,
               _("Could not compute customer measures: %s"), sqlite3_errmsg (db));
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      set_error_from_db (db, error);
      return FALSE;
    }
  return TRUE;
}

static int
check_cancelled (void *data)
{
  return g_cancellable_is_cancelled (G_CANCELLABLE (data));
}

static gboolean
set_setting (sqlite3     *db,
             const char  *key,
             const char  *value,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db,
                          "INSERT INTO settings (key, value) VALUES (?1, ?2) "
                          "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      set_error_from_db (db, error);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      set_error_from_db (db, error);
      return FALSE;
    }
  return TRUE;
}

static char *
dup_setting (sqlite3    *db,
             const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT value FROM settings WHERE key = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static gboolean
rebuild (sqlite3       *db,
         gint32         ref_day,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *iso = NULL;
  int rc;

  if (!exec_sql (db, "DELETE FROM customer_measures", error))
    return FALSE;

  if (sqlite3_prepare_v2 (db, recompute_sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_error_from_db (db, error);
      return FALSE;
    }
  sqlite3_bind_int (stmt, 1, ref_day);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      set_error_from_db (db, error);
      return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (!seg_rfm_apply (db, ref_day, NULL, error))
    return FALSE;

  iso = seg_day_to_iso (ref_day);
  return set_setting (db, "measures_day", iso, error) &&
         set_setting (db, "measures_dirty", "0", error);
}

/**
 * seg_measures_recompute:
 * @db: a store database
 * @ref_day: the reference day: orders and checkouts after it are not counted
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Rebuilds customer_measures for every customer (customers without an order
 * get a row with 0 orders), then the RFM scores (seg_rfm_apply()), and sets
 * the 'measures_day' setting to @ref_day.  Runs in one transaction, or in a
 * savepoint when the caller already holds one; on failure or cancellation
 * nothing changes.
 */
gboolean
seg_measures_recompute (sqlite3       *db,
                        gint32         ref_day,
                        GCancellable  *cancellable,
                        GError       **error)
{
  gboolean nested;
  gboolean ok;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  nested = !sqlite3_get_autocommit (db);
  if (!exec_sql (db, nested ? "SAVEPOINT seg_measures" : "BEGIN IMMEDIATE", error))
    return FALSE;

  if (cancellable != NULL)
    sqlite3_progress_handler (db, 10000, check_cancelled, cancellable);
  ok = rebuild (db, ref_day, cancellable, error);
  if (cancellable != NULL)
    sqlite3_progress_handler (db, 0, NULL, NULL);

  if (ok)
    ok = exec_sql (db, nested ? "RELEASE seg_measures" : "COMMIT", error);

  if (!ok)
    {
      if (nested)
        sqlite3_exec (db, "ROLLBACK TO seg_measures; RELEASE seg_measures",
                      NULL, NULL, NULL);
      else
        sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
    }

  return ok;
}

/**
 * seg_measures_ensure:
 * @db: a store database
 * @ref_day: the reference day
 * @error: return location for a #GError
 *
 * Recomputes the measures only when they were computed for another day or
 * an import marked them out of date (setting 'measures_dirty' = '1').
 */
gboolean
seg_measures_ensure (sqlite3  *db,
                     gint32    ref_day,
                     GError  **error)
{
  g_autofree char *day_text = NULL;
  g_autofree char *dirty = NULL;
  gint32 day;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  day_text = dup_setting (db, "measures_day");
  dirty = dup_setting (db, "measures_dirty");

  if (day_text != NULL &&
      seg_day_parse_iso (day_text, &day) &&
      day == ref_day &&
      g_strcmp0 (dirty, "1") != 0)
    return TRUE;

  return seg_measures_recompute (db, ref_day, NULL, error);
}
