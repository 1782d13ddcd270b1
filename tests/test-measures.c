/* test-measures.c — per-customer measures from orders and checkouts
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "seg-day.h"
#include "seg-measures.h"
#include "seg-rfm.h"
#include "seg-store.h"
#include "seg-store-schema.h"

typedef struct
{
  gint64 orders;
  gint64 revenue_cents;
  gint64 aov_cents;          /* -1: NULL */
  gint64 first_order_day;    /* -1: NULL */
  gint64 last_order_day;     /* -1: NULL */
  gint64 discount_orders;
  gint64 refunded_orders;
  gint64 checkouts;
  gint64 last_checkout_day;  /* -1: NULL */
  gint64 last_checkout_cents; /* -1: NULL */
  const char *rfm_group;
} Measures;

static sqlite3 *
open_db (void)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, SEG_STORE_SCHEMA_V1, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, SEG_STORE_MIGRATION_V2, NULL, NULL, NULL), ==, SQLITE_OK);
  return db;
}

static void
exec (sqlite3    *db,
      const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
add_order (sqlite3    *db,
           const char *key,
           gint64      customer_id,    /* 0: guest */
           gint32      day,
           gboolean    cancelled,
           gint64      total_cents,
           gint64      refunded_cents,
           const char *discount_code,
           gint64      discount_cents)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
    "INSERT INTO orders (source, order_key, customer_id, created_at, order_day, cancelled,"
    " total_cents, refunded_cents, net_cents, discount_code, discount_cents)"
    " VALUES ('shopify', ?1, ?2, '2024-01-01T00:00:00Z', ?3, ?4, ?5, ?6, ?5 - ?6, ?7, ?8)",
    -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (customer_id > 0)
    sqlite3_bind_int64 (stmt, 2, customer_id);
  sqlite3_bind_int (stmt, 3, day);
  sqlite3_bind_int (stmt, 4, cancelled);
  sqlite3_bind_int64 (stmt, 5, total_cents);
  sqlite3_bind_int64 (stmt, 6, refunded_cents);
  sqlite3_bind_text (stmt, 7, discount_code, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, discount_cents);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
}

static void
add_checkout (sqlite3    *db,
              const char *key,
              gint64      customer_id,
              gint32      day,
              gint64      total_cents,
              gboolean    recovered)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
    "INSERT INTO checkouts (source, checkout_key, customer_id, created_at, checkout_day,"
    " total_cents, recovered) VALUES ('shopify', ?1, ?2, '2024-01-01T00:00:00Z', ?3, ?4, ?5)",
    -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (customer_id > 0)
    sqlite3_bind_int64 (stmt, 2, customer_id);
  sqlite3_bind_int (stmt, 3, day);
  sqlite3_bind_int64 (stmt, 4, total_cents);
  sqlite3_bind_int (stmt, 5, recovered);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
}

static gint64
column_or_null (sqlite3_stmt *stmt,
                int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return -1;
  return sqlite3_column_int64 (stmt, column);
}

static void
assert_measures (sqlite3        *db,
                 gint64          customer_id,
                 const Measures *expected)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
    "SELECT orders, revenue_cents, aov_cents, first_order_day, last_order_day,"
    " discount_orders, refunded_orders, checkouts, last_checkout_day,"
    " last_checkout_cents, rfm_group FROM customer_measures WHERE customer_id = ?1",
    -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, customer_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, expected->orders);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, expected->revenue_cents);
  g_assert_cmpint (column_or_null (stmt, 2), ==, expected->aov_cents);
  g_assert_cmpint (column_or_null (stmt, 3), ==, expected->first_order_day);
  g_assert_cmpint (column_or_null (stmt, 4), ==, expected->last_order_day);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 5), ==, expected->discount_orders);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 6), ==, expected->refunded_orders);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 7), ==, expected->checkouts);
  g_assert_cmpint (column_or_null (stmt, 8), ==, expected->last_checkout_day);
  g_assert_cmpint (column_or_null (stmt, 9), ==, expected->last_checkout_cents);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 10), ==, expected->rfm_group);
}

#define D (seg_day_from_ymd (2024, 6, 30))

/* 1 alice, 2 bob: buyers; 3 carol: checkouts only; 4 dave: a cancelled
 * order only; 5 erin: an order after the reference day only. */
static sqlite3 *
create_store (void)
{
  sqlite3 *db = open_db ();

  exec (db, "INSERT INTO customers (id, email) VALUES (1, 'alice@example.com'),"
            " (2, 'bob@example.com'), (3, 'carol@example.com'), (4, 'dave@example.com'),"
            " (5, 'erin@example.com')");

  add_order (db, "#1", 1, D - 100, FALSE, 5001, 0, NULL, 0);
  add_order (db, "#2", 1, D - 10, FALSE, 3000, 1000, "SAVE10", 0);  /* refund */
  add_order (db, "#3", 1, D - 5, TRUE, 9999, 0, NULL, 0);           /* cancelled */
  add_order (db, "#4", 1, D + 3, FALSE, 7777, 0, NULL, 0);          /* after D */
  add_order (db, "#5", 2, D - 200, FALSE, 1002, 0, NULL, 100);      /* discount */
  add_order (db, "#6", 2, D - 50, FALSE, 1000, 0, "", 0);           /* empty code */
  add_order (db, "#7", 2, D - 50, FALSE, 1500, 1500, NULL, 0);      /* full refund */
  add_order (db, "#8", 4, D - 30, TRUE, 2500, 0, NULL, 0);          /* cancelled */
  add_order (db, "#9", 5, D + 1, FALSE, 4000, 0, NULL, 0);          /* after D */
  add_order (db, "#10", 0, D - 1, FALSE, 50000, 0, "VIP", 0);       /* guest */

  add_checkout (db, "k1", 3, D - 3, 4500, FALSE);
  add_checkout (db, "k2", 3, D - 20, 1200, FALSE);
  add_checkout (db, "k3", 3, D - 1, 9900, TRUE);   /* recovered */
  add_checkout (db, "k4", 3, D + 2, 8800, FALSE);  /* after D */
  add_checkout (db, "k5", 0, D - 2, 7700, FALSE);  /* guest */
  add_checkout (db, "k6", 1, D - 40, 3300, FALSE);

  return db;
}

static void
test_measures_recompute (void)
{
  g_autoptr(sqlite3) db = create_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *day = NULL;
  g_autofree char *dirty = NULL;
  SegRfmResult rfm;

  g_assert_true (seg_measures_recompute (db, D, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sqlite3_get_autocommit (db));

  /* Two buyers.  days [10 50] → 18 26 34 42; orders [2 3] → 2.2 2.4 2.6
   * 2.8; revenue [2002 7001] → 2002 + 0.2 × 4999 = 3001.8, 4001.6, 5001.4,
   * 6001.2.
   *   alice: 10 days, 2 orders, 7001 → 5 1 5 Promising
   *   bob:   50 days, 3 orders, 2002 → 1 5 1 Lost */
  {
    /* 5001 + (3000 − 1000) = 7001 over 2 orders: aov 3500.5 → 3501 */
    const Measures alice = { 2, 7001, 3501, D - 100, D - 10, 1, 1, 1, D - 40, 3300,
                             "Promising" };
    /* 1002 + 1000 + 0 = 2002 over 3 orders: aov 667.33 → 667 */
    const Measures bob = { 3, 2002, 667, D - 200, D - 50, 1, 1, 0, -1, -1, "Lost" };
    const Measures carol = { 0, 0, -1, -1, -1, 0, 0, 2, D - 3, 4500, "Prospects" };
    const Measures nothing = { 0, 0, -1, -1, -1, 0, 0, 0, -1, -1, "Prospects" };

    assert_measures (db, 1, &alice);
    assert_measures (db, 2, &bob);
    assert_measures (db, 3, &carol);
    assert_measures (db, 4, &nothing);
    assert_measures (db, 5, &nothing);
  }
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM customer_measures"), ==, 5);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM customer_measures "
                                  "WHERE orders = 0 AND r IS NULL AND f IS NULL "
                                  "AND m IS NULL"), ==, 3);

  g_assert_true (seg_rfm_load (db, &rfm, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rfm.buyers, ==, 2);
  g_assert_cmpint (rfm.ref_day, ==, D);
  g_assert_cmpfloat_with_epsilon (rfm.recency[0], 18, 1e-9);
  g_assert_cmpfloat_with_epsilon (rfm.frequency[3], 2.8, 1e-9);
  g_assert_cmpfloat_with_epsilon (rfm.monetary[1], 4001.6, 1e-9);
  g_assert_cmpint (rfm.customers[SEG_RFM_GROUP_PROSPECTS], ==, 3);
  g_assert_cmpint (rfm.revenue_cents[SEG_RFM_GROUP_PROMISING], ==, 7001);

  day = query_text (db, "SELECT value FROM settings WHERE key = 'measures_day'");
  g_assert_cmpstr (day, ==, "2024-06-30");
  dirty = query_text (db, "SELECT value FROM settings WHERE key = 'measures_dirty'");
  g_assert_cmpstr (dirty, ==, "0");
}

static void
test_measures_as_of (void)
{
  g_autoptr(sqlite3) db = create_store ();
  g_autoptr(GError) error = NULL;

  /* Five days later alice's #4 (D + 3), erin's #9 (D + 1) and carol's k4
   * (D + 2) count.
   *   days    alice 2, erin 4, bob 55: [2 4 55], h = 0.4 0.8 1.2 1.6 →
   *           2.8, 3.6, 4 + 0.2 × 51 = 14.2, 4 + 0.6 × 51 = 34.6
   *           → alice R 5, erin R 5 − 2 = 3, bob R 1
   *   orders  [1 3 3] → 1.8 2.6 3 3 → erin F 1, alice and bob F 3 (3 is
   *           not strictly above the cuts at 3)
   *   revenue [2002 4000 14778] → 2801.2 3600.4 6155.6 10466.8
   *           → bob M 1, erin M 3, alice M 5
   *   alice 535 Need Attention, erin 313 Promising, bob 131 Lost */
  g_assert_true (seg_measures_recompute (db, D + 5, NULL, &error));
  g_assert_no_error (error);
  {
    const Measures alice = { 3, 14778, 4926, D - 100, D + 3, 1, 1, 1, D - 40, 3300,
                             "Need Attention" };
    const Measures bob = { 3, 2002, 667, D - 200, D - 50, 1, 1, 0, -1, -1, "Lost" };
    const Measures carol = { 0, 0, -1, -1, -1, 0, 0, 3, D + 2, 8800, "Prospects" };
    const Measures erin = { 1, 4000, 4000, D + 1, D + 1, 0, 0, 0, -1, -1, "Promising" };

    assert_measures (db, 1, &alice);
    assert_measures (db, 2, &bob);
    assert_measures (db, 3, &carol);
    assert_measures (db, 5, &erin);
  }
  g_assert_cmpint (query_int (db, "SELECT r * 100 + f * 10 + m FROM customer_measures "
                                  "WHERE customer_id = 1"), ==, 535);
  g_assert_cmpint (query_int (db, "SELECT r * 100 + f * 10 + m FROM customer_measures "
                                  "WHERE customer_id = 2"), ==, 131);
  g_assert_cmpint (query_int (db, "SELECT r * 100 + f * 10 + m FROM customer_measures "
                                  "WHERE customer_id = 5"), ==, 313);

  /* and back: the past is the past */
  g_assert_true (seg_measures_recompute (db, D - 60, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT orders FROM customer_measures "
                                  "WHERE customer_id = 1"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM customer_measures "
                                  "WHERE orders > 0"), ==, 2);
}

static void
test_measures_ensure (void)
{
  g_autoptr(sqlite3) db = create_store ();
  g_autoptr(GError) error = NULL;

  g_assert_true (seg_measures_ensure (db, D, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT orders FROM customer_measures "
                                  "WHERE customer_id = 2"), ==, 3);

  /* same day, not dirty: nothing is recomputed */
  add_order (db, "#11", 2, D - 1, FALSE, 100, 0, NULL, 0);
  g_assert_true (seg_measures_ensure (db, D, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT orders FROM customer_measures "
                                  "WHERE customer_id = 2"), ==, 3);

  /* dirty: recomputed, and clean again */
  exec (db, "INSERT INTO settings (key, value) VALUES ('measures_dirty', '1') "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  g_assert_true (seg_measures_ensure (db, D, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT orders FROM customer_measures "
                                  "WHERE customer_id = 2"), ==, 4);
  g_assert_cmpint (query_int (db, "SELECT value = '0' FROM settings "
                                  "WHERE key = 'measures_dirty'"), ==, 1);

  /* another day: recomputed */
  add_order (db, "#12", 2, D - 1, FALSE, 100, 0, NULL, 0);
  g_assert_true (seg_measures_ensure (db, D + 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT orders FROM customer_measures "
                                  "WHERE customer_id = 2"), ==, 5);
  {
    g_autofree char *day = query_text (db, "SELECT value FROM settings "
                                           "WHERE key = 'measures_day'");
    g_assert_cmpstr (day, ==, "2024-07-01");
  }
}

static void
test_measures_transactions (void)
{
  g_autoptr(sqlite3) db = create_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  /* inside the caller's transaction: a savepoint, the caller decides */
  exec (db, "BEGIN");
  g_assert_true (seg_measures_recompute (db, D, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (sqlite3_get_autocommit (db));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM customer_measures"), ==, 5);
  exec (db, "ROLLBACK");
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM customer_measures"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM settings"), ==, 0);

  /* cancelled: nothing changes */
  g_assert_true (seg_measures_recompute (db, D, NULL, &error));
  g_assert_no_error (error);
  add_order (db, "#11", 2, D - 1, FALSE, 100, 0, NULL, 0);
  g_cancellable_cancel (cancellable);
  g_assert_false (seg_measures_recompute (db, D, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_true (sqlite3_get_autocommit (db));
  g_assert_cmpint (query_int (db, "SELECT orders FROM customer_measures "
                                  "WHERE customer_id = 2"), ==, 3);

  /* a failure rolls back too (customer_measures made read-only here by a
   * trigger) */
  exec (db, "CREATE TEMP TRIGGER no_insert BEFORE INSERT ON customer_measures "
            "BEGIN SELECT RAISE (ABORT, 'read only'); END");
  g_assert_false (seg_measures_recompute (db, D, NULL, &error));
  g_assert_error (error, SEG_MEASURES_ERROR, SEG_MEASURES_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_true (sqlite3_get_autocommit (db));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM customer_measures"), ==, 5);
}

static void
test_measures_large (void)
{
  g_autoptr(sqlite3) db = open_db ();
  g_autoptr(GError) error = NULL;
  const gint32 ref = 20000;
  gint64 start, elapsed;
  g_autofree char *sql = NULL;

  /* 100,000 customers and 1,000,000 orders spread over them, 2% guest
   * orders, 1 in 37 cancelled, some after the reference day. */
  exec (db, "BEGIN");
  exec (db, "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) "
            "INSERT INTO customers (id, email) SELECT i, 'c' || i || '@example.com' FROM n");
  sql = g_strdup_printf (
    "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000) "
    "INSERT INTO orders (source, order_key, customer_id, created_at, order_day, cancelled,"
    " total_cents, refunded_cents, net_cents, discount_code, discount_cents) "
    "SELECT 'shopify', '#' || i,"
    " CASE WHEN i %% 50 = 0 THEN NULL ELSE (i * i %% 7919 * 31 + i) %% 70000 + 1 END,"
    " '2024-01-01T00:00:00Z', %d - (i * 7 %% 1000) + 10, i %% 37 = 0,"
    " 1000 + i %% 9000, CASE WHEN i %% 23 = 0 THEN 500 ELSE 0 END,"
    " 1000 + i %% 9000 - CASE WHEN i %% 23 = 0 THEN 500 ELSE 0 END,"
    " CASE WHEN i %% 11 = 0 THEN 'SAVE' END, 0 FROM n", ref);
  exec (db, sql);
  exec (db, "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30000) "
            "INSERT INTO checkouts (source, checkout_key, customer_id, created_at,"
            " checkout_day, total_cents, recovered)"
            " SELECT 'shopify', 'k' || i, i * 3, '2024-01-01T00:00:00Z', 19990 + i % 20,"
            " i, i % 5 = 0 FROM n");
  exec (db, "COMMIT");
  exec (db, "ANALYZE");

  start = g_get_monotonic_time ();
  g_assert_true (seg_measures_recompute (db, ref, NULL, &error));
  elapsed = g_get_monotonic_time () - start;
  g_assert_no_error (error);
  g_test_message ("seg_measures_recompute, 100000 customers / 1000000 orders: %.1f ms",
                  elapsed / 1000.0);

  g_assert_cmpint (query_int (db, "SELECT count(*) FROM customer_measures"), ==, 100000);
  g_assert_cmpint (query_int (db, "SELECT sum (orders) FROM customer_measures"), ==,
                   query_int (db, "SELECT count(*) FROM orders WHERE customer_id IS NOT NULL"
                                  " AND cancelled = 0 AND order_day <= 20000"));
  g_assert_cmpint (query_int (db, "SELECT sum (revenue_cents) FROM customer_measures"), ==,
                   query_int (db, "SELECT sum (net_cents) FROM orders WHERE customer_id"
                                  " IS NOT NULL AND cancelled = 0 AND order_day <= 20000"));
  g_assert_cmpint (query_int (db, "SELECT sum (discount_orders) FROM customer_measures"), ==,
                   query_int (db, "SELECT count(*) FROM orders WHERE customer_id IS NOT NULL"
                                  " AND cancelled = 0 AND order_day <= 20000"
                                  " AND discount_code IS NOT NULL"));
  g_assert_cmpint (query_int (db, "SELECT sum (checkouts) FROM customer_measures"), ==,
                   query_int (db, "SELECT count(*) FROM checkouts WHERE recovered = 0"
                                  " AND checkout_day <= 20000"));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM customer_measures WHERE orders > 0"
                                  " AND (rfm_group IS NULL OR rfm_group = 'Prospects'"
                                  " OR r IS NULL)"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM customer_measures WHERE orders = 0"
                                  " AND rfm_group = 'Prospects'"), ==,
                   query_int (db, "SELECT count(*) FROM customer_measures WHERE orders = 0"));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM customer_measures WHERE orders > 0"
                                  " AND aov_cents != CAST (round (1.0 * revenue_cents / orders)"
                                  " AS INTEGER)"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM customer_measures AS cm WHERE"
                                  " first_order_day IS NOT (SELECT min (order_day) FROM orders"
                                  " WHERE customer_id = cm.customer_id AND cancelled = 0"
                                  " AND order_day <= 20000) OR last_order_day IS NOT"
                                  " (SELECT max (order_day) FROM orders WHERE customer_id ="
                                  " cm.customer_id AND cancelled = 0 AND order_day <= 20000)"),
                   ==, 0);

  /* seg_rfm_apply () on the same measures agrees with the scores the
   * recompute wrote */
  {
    SegRfmResult before, after;
    int changes;

    g_assert_true (seg_rfm_load (db, &before, &error));
    g_assert_no_error (error);
    exec (db, "CREATE TEMP TABLE written AS SELECT customer_id, r, f, m, rfm_group"
              " FROM customer_measures");
    exec (db, "UPDATE customer_measures SET r = NULL, f = NULL, m = NULL, rfm_group = NULL");
    start = g_get_monotonic_time ();
    g_assert_true (seg_rfm_apply (db, ref, &after, &error));
    g_test_message ("seg_rfm_apply, 100000 customers: %.1f ms",
                    (g_get_monotonic_time () - start) / 1000.0);
    g_assert_no_error (error);
    g_assert_cmpint (query_int (db, "SELECT count(*) FROM customer_measures JOIN written"
                                    " USING (customer_id) WHERE customer_measures.r IS NOT"
                                    " written.r OR customer_measures.f IS NOT written.f OR"
                                    " customer_measures.m IS NOT written.m OR"
                                    " customer_measures.rfm_group IS NOT written.rfm_group"),
                     ==, 0);
    g_assert_cmpint (before.buyers, ==, after.buyers);
    for (int i = 0; i < 4; i++)
      {
        g_assert_cmpfloat (before.recency[i], ==, after.recency[i]);
        g_assert_cmpfloat (before.frequency[i], ==, after.frequency[i]);
        g_assert_cmpfloat (before.monetary[i], ==, after.monetary[i]);
      }
    for (int g = 0; g < SEG_RFM_N_GROUPS; g++)
      {
        g_assert_cmpint (before.customers[g], ==, after.customers[g]);
        g_assert_cmpint (before.revenue_cents[g], ==, after.revenue_cents[g]);
      }

    /* again, nothing changed: only the cut points setting is written */
    changes = sqlite3_total_changes (db);
    start = g_get_monotonic_time ();
    g_assert_true (seg_rfm_apply (db, ref, NULL, &error));
    g_test_message ("seg_rfm_apply again, unchanged: %.1f ms",
                    (g_get_monotonic_time () - start) / 1000.0);
    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_total_changes (db) - changes, ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/measures/recompute", test_measures_recompute);
  g_test_add_func ("/measures/as-of", test_measures_as_of);
  g_test_add_func ("/measures/ensure", test_measures_ensure);
  g_test_add_func ("/measures/transactions", test_measures_transactions);
  g_test_add_func ("/measures/large", test_measures_large);

  return g_test_run ();
}
