/* test-demo.c — the demo store is realistic and the same every time
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "seg-day.h"
#include "seg-demo.h"
#include "seg-store.h"

#define LAST_DAY (seg_day_from_ymd (2026, 6, 30))

static char *
make_demo (const char *dir,
           const char *name,
           gint32      last_day)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegStore) store = NULL;
  char *path = g_build_filename (dir, name, NULL);

  store = seg_demo_create (path, last_day, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  return path;
}

static gint64
query (SegStore   *store,
       const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = seg_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* A digest of every table the generator fills, row by row. */
static char *
digest_store (SegStore *store)
{
  static const char *tables[] = {
    "SELECT * FROM customers ORDER BY id",
    "SELECT * FROM customer_attributes ORDER BY customer_id, name",
    "SELECT * FROM orders ORDER BY id",
    "SELECT * FROM products ORDER BY id",
    "SELECT * FROM order_lines ORDER BY order_id, line_no",
    "SELECT * FROM checkouts ORDER BY id",
    "SELECT * FROM email_events ORDER BY id",
    "SELECT * FROM campaigns ORDER BY id",
    "SELECT * FROM campaign_results ORDER BY id",
    "SELECT * FROM customer_measures ORDER BY customer_id",
  };
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autoptr(sqlite3_stmt) stmt = seg_store_prepare (store, tables[t], NULL);

      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const char *text = (const char *) sqlite3_column_text (stmt, c);
            g_checksum_update (checksum, (const guchar *) (text ? text : "\x01"), -1);
            g_checksum_update (checksum, (const guchar *) "|", 1);
          }
    }

  return g_strdup (g_checksum_get_string (checksum));
}

static void
test_demo_deterministic (void)
{
  g_autofree char *dir = g_dir_make_tmp ("segments-demo-XXXXXX", NULL);
  g_autofree char *a_path = make_demo (dir, "a.segments", LAST_DAY);
  g_autofree char *b_path = make_demo (dir, "b.segments", LAST_DAY);
  g_autofree char *c_path = make_demo (dir, "c.segments", LAST_DAY + 30);
  g_autoptr(SegStore) a = seg_store_open (a_path, NULL);
  g_autoptr(SegStore) b = seg_store_open (b_path, NULL);
  g_autoptr(SegStore) c = seg_store_open (c_path, NULL);
  g_autofree char *digest_a = digest_store (a);
  g_autofree char *digest_b = digest_store (b);
  g_autofree char *digest_c = digest_store (c);

  g_assert_cmpstr (digest_a, ==, digest_b);
  /* Another last day moves the history, so the digest must change. */
  g_assert_cmpstr (digest_a, !=, digest_c);

  g_clear_object (&a);
  g_clear_object (&b);
  g_clear_object (&c);
  g_unlink (a_path);
  g_unlink (b_path);
  g_unlink (c_path);
  g_rmdir (dir);
}

static void
test_demo_realistic (void)
{
  g_autofree char *dir = g_dir_make_tmp ("segments-demo-XXXXXX", NULL);
  g_autofree char *path = make_demo (dir, "demo.segments", LAST_DAY);
  g_autoptr(GError) error = NULL;
  g_autoptr(SegStore) store = seg_store_open (path, &error);
  SegStoreStats stats;

  g_assert_no_error (error);
  g_assert_true (seg_store_get_stats (store, LAST_DAY, &stats, &error));
  g_assert_no_error (error);

  /* Figures read from the per-customer measures equal those counted from
   * every order. */
  {
    SegStoreStats slow;

    g_assert_true (seg_store_set_setting (store, "measures_dirty", "1", &error));
    g_assert_true (seg_store_get_stats (store, LAST_DAY, &slow, &error));
    g_assert_no_error (error);
    g_assert_cmpmem (&slow, sizeof slow, &stats, sizeof stats);
    g_assert_true (seg_store_set_setting (store, "measures_dirty", "0", &error));
  }

  /* The sizes the issue asks for. */
  g_assert_cmpint (stats.contacts, ==, SEG_DEMO_CONTACTS);
  g_assert_cmpint (stats.orders, >=, 7000);
  g_assert_cmpint (stats.orders, <=, 9000);
  g_assert_cmpint (stats.buyers, >, 1200);
  g_assert_cmpint (stats.buyers, <, stats.contacts);   /* some never bought */
  g_assert_cmpint (stats.guest_orders, >, 100);
  g_assert_cmpint (stats.checkouts, >, 100);
  g_assert_cmpint (stats.revenue_cents, >, 0);
  g_assert_cmpint (stats.returning_revenue_cents, >, stats.revenue_cents / 4);
  g_assert_cmpint (stats.returning_revenue_cents, <, stats.revenue_cents);

  /* Two years of history ending on the last day. */
  g_assert_cmpint (query (store, "SELECT MAX(order_day) FROM orders"), ==, LAST_DAY);
  g_assert_cmpint (query (store, "SELECT MIN(order_day) FROM orders"), >=, LAST_DAY - 731);
  g_assert_cmpint (query (store, "SELECT MIN(order_day) FROM orders"), <=, LAST_DAY - 700);

  /* Several countries, both hemispheres. */
  g_assert_cmpint (query (store, "SELECT COUNT(DISTINCT country) FROM customers"), >=, 10);
  g_assert_cmpint (query (store, "SELECT COUNT(*) FROM customers WHERE country IN ('AU','BR','ZA','NZ')"), >, 100);

  /* Line items with categories and tags; discount codes; cancelled, voided and refunded orders. */
  g_assert_cmpint (query (store, "SELECT COUNT(*) FROM order_lines"), >, stats.orders);
  g_assert_cmpint (query (store, "SELECT COUNT(DISTINCT category) FROM order_items"), >=, 6);
  g_assert_cmpint (query (store, "SELECT COUNT(*) FROM order_items WHERE product_tags LIKE '%eco-friendly%'"), >, 500);
  g_assert_cmpint (query (store, "SELECT COUNT(*) FROM orders WHERE discount_code IS NOT NULL"), >, 1000);
  g_assert_cmpint (query (store, "SELECT COUNT(*) FROM orders WHERE cancelled = 1"), >, 100);
  g_assert_cmpint (query (store, "SELECT COUNT(*) FROM orders WHERE financial_status = 'voided'"), >, 50);
  g_assert_cmpint (query (store, "SELECT COUNT(*) FROM orders WHERE financial_status = 'partially_refunded'"), >, 50);
  g_assert_cmpint (query (store, "SELECT COUNT(*) FROM orders WHERE refunded_cents > 0 AND cancelled = 0"), >, 100);

  /* Cart abandoners in the last 72 hours, some recovered checkouts. */
  g_assert_cmpint (query (store, "SELECT COUNT(*) FROM checkouts WHERE checkout_day >= (SELECT MAX(order_day) FROM orders) - 2"), >, 10);
  g_assert_cmpint (query (store, "SELECT COUNT(*) FROM checkouts WHERE recovered = 1"), >, 10);

  /* Email engagement. */
  g_assert_cmpint (query (store, "SELECT COUNT(DISTINCT email_status) FROM customers"), ==, 4);
  g_assert_cmpint (query (store, "SELECT COUNT(*) FROM customers WHERE last_open_day IS NOT NULL"), >, 500);
  g_assert_cmpint (query (store, "SELECT COUNT(*) FROM customers WHERE last_click_day IS NOT NULL"), >, 200);
  g_assert_cmpint (query (store, "SELECT COUNT(*) FROM email_events WHERE kind = 'open'"), >, 300);
  g_assert_cmpint (query (store, "SELECT COUNT(*) FROM campaign_results"), >=, 10);

  /* Ages, genders and interests for part of the customers, not all. */
  g_assert_cmpint (query (store, "SELECT COUNT(*) FROM customers WHERE birth_date IS NOT NULL"), >, 800);
  g_assert_cmpint (query (store, "SELECT COUNT(*) FROM customers WHERE birth_date IS NULL"), >, 400);
  g_assert_cmpint (query (store, "SELECT COUNT(*) FROM customers WHERE gender IS NOT NULL"), >, 1000);
  g_assert_cmpint (query (store, "SELECT COUNT(*) FROM customer_attributes WHERE name = 'interests'"), >, 600);

  /* Half a year of weekly history: segment sizes every week, RFM groups for
   * the last eight weeks only (older ones are pruned). */
  g_assert_cmpint (query (store, "SELECT COUNT(*) FROM segments"), ==, 5);
  g_assert_cmpint (query (store, "SELECT COUNT(DISTINCT snapshot_day) FROM segment_snapshots"), ==, 27);
  g_assert_cmpint (query (store, "SELECT COUNT(*) FROM segment_snapshots"), ==, 5 * 27);
  g_assert_cmpint (query (store, "SELECT COUNT(DISTINCT snapshot_day) FROM rfm_snapshots"), ==, 8);
  g_assert_cmpint (query (store, "SELECT MAX(snapshot_day) FROM rfm_snapshots"), ==, LAST_DAY);

  /* Per-customer measures and RFM are ready for segments. */
  g_assert_cmpint (query (store, "SELECT COUNT(*) FROM customer_measures"), ==, SEG_DEMO_CONTACTS);
  g_assert_cmpint (query (store, "SELECT COUNT(DISTINCT rfm_group) FROM customer_measures"), ==, 12);
  g_assert_cmpint (query (store, "SELECT COUNT(*) FROM customer_measures WHERE orders >= 5"), >, 200);
  g_assert_cmpint (query (store, "SELECT COUNT(*) FROM customer_measures WHERE orders >= 1 AND last_order_day <= " G_STRINGIFY (0) " + (SELECT MAX(order_day) FROM orders) - 90"), >, 200);

  g_clear_object (&store);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_demo_fast (void)
{
  g_autofree char *dir = g_dir_make_tmp ("segments-demo-XXXXXX", NULL);
  gint64 start = g_get_monotonic_time ();
  g_autofree char *path = make_demo (dir, "demo.segments", LAST_DAY);

  /* Reported, not asserted: timings belong to benchmarks. */
  g_test_message ("demo store built in %.0f ms",
                  (g_get_monotonic_time () - start) / 1000.0);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/demo/deterministic", test_demo_deterministic);
  g_test_add_func ("/demo/realistic", test_demo_realistic);
  g_test_add_func ("/demo/build", test_demo_fast);

  return g_test_run ();
}
