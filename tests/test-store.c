/* test-store.c — creating, opening, migrating and refusing store files
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "seg-day.h"
#include "seg-store.h"
#include "seg-store-private.h"
#include "seg-store-schema.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = g_dir_make_tmp ("segments-test-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
  fixture->path = g_build_filename (fixture->dir, "My Shop.segments", NULL);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);
      g_unlink (child);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static gint64
count_rows (SegStore   *store,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = seg_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
test_store_create (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegStore) store = NULL;
  g_autofree char *name = NULL;
  g_autofree char *currency = NULL;
  GStatBuf st;

  store = seg_store_create (fixture->path, NULL, "EUR", &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  name = seg_store_dup_name (store);
  g_assert_cmpstr (name, ==, "My Shop");
  currency = seg_store_dup_currency (store);
  g_assert_cmpstr (currency, ==, "EUR");
  g_assert_cmpint (count_rows (store, "PRAGMA user_version"), ==, SEG_STORE_SCHEMA_VERSION);
  g_assert_cmpint (count_rows (store, "PRAGMA application_id"), ==, SEG_STORE_APPLICATION_ID);

  /* Personal data: only the owner may read the file. */
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* The reference day follows today until the owner sets one. */
  g_assert_cmpint (seg_store_get_reference_day (store), ==, seg_day_today ());
  g_assert_true (seg_store_set_setting (store, "reference_date", "2024-06-30", &error));
  g_assert_no_error (error);
  g_assert_cmpint (seg_store_get_reference_day (store), ==, seg_day_from_ymd (2024, 6, 30));
}

static void
test_store_create_refuses_existing (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegStore) store = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (fixture->path, "precious", -1, NULL));
  store = seg_store_create (fixture->path, "Shop", NULL, &error);
  g_assert_null (store);
  g_assert_error (error, SEG_STORE_ERROR, SEG_STORE_ERROR_EXISTS);

  /* Nothing changed. */
  g_assert_true (g_file_get_contents (fixture->path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "precious");
}

static void
test_store_reopen_keeps_data (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegStore) store = NULL;
  g_autofree char *name = NULL;

  store = seg_store_create (fixture->path, "Corner Shop", "GBP", &error);
  g_assert_no_error (error);
  g_assert_true (seg_store_exec (store,
                                 "INSERT INTO customers (email, country) "
                                 "VALUES ('ann@example.com', 'GB')", &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = seg_store_open (fixture->path, &error);
  g_assert_no_error (error);
  name = seg_store_dup_name (store);
  g_assert_cmpstr (name, ==, "Corner Shop");
  g_assert_cmpint (count_rows (store, "SELECT COUNT(*) FROM customers"), ==, 1);
}

static void
test_store_refuses_not_a_store (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegStore) store = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(sqlite3) other = NULL;
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.sqlite", NULL);

  /* A text file. */
  g_assert_true (g_file_set_contents (fixture->path, "Name,Email\nAnn,a@b.c\n", -1, NULL));
  store = seg_store_open (fixture->path, &error);
  g_assert_null (store);
  g_assert_error (error, SEG_STORE_ERROR, SEG_STORE_ERROR_NOT_A_STORE);
  g_assert_nonnull (strstr (error->message, "My Shop.segments"));
  g_assert_true (g_file_get_contents (fixture->path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "Name,Email\nAnn,a@b.c\n");
  g_clear_error (&error);

  /* An SQLite database of some other program. */
  g_assert_cmpint (sqlite3_open (other_path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "CREATE TABLE t (x); INSERT INTO t VALUES (1);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_pointer (&other, sqlite3_close);
  store = seg_store_open (other_path, &error);
  g_assert_null (store);
  g_assert_error (error, SEG_STORE_ERROR, SEG_STORE_ERROR_NOT_A_STORE);
  g_clear_error (&error);

  /* An empty file. */
  g_assert_true (g_file_set_contents (fixture->path, "", 0, NULL));
  store = seg_store_open (fixture->path, &error);
  g_assert_error (error, SEG_STORE_ERROR, SEG_STORE_ERROR_NOT_A_STORE);
  g_clear_error (&error);

  /* No file at all. */
  g_unlink (fixture->path);
  store = seg_store_open (fixture->path, &error);
  g_assert_error (error, SEG_STORE_ERROR, SEG_STORE_ERROR_NOT_FOUND);
}

static void
test_store_refuses_newer (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegStore) store = NULL;
  g_autoptr(sqlite3) db = NULL;

  store = seg_store_create (fixture->path, "Shop", NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_clear_pointer (&db, sqlite3_close);

  store = seg_store_open (fixture->path, &error);
  g_assert_null (store);
  g_assert_error (error, SEG_STORE_ERROR, SEG_STORE_ERROR_TOO_NEW);

  /* Still version 99: nothing was "migrated" downwards. */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  {
    g_autoptr(sqlite3_stmt) stmt = NULL;
    sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 99);
  }
}

static void
test_store_refuses_read_only (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegStore) store = NULL;

  if (geteuid () == 0)
    {
      /* root ignores file modes; check the message path through a
       * read-only directory instead is not possible either. */
      g_test_skip ("file modes do not apply to root");
      return;
    }

  store = seg_store_create (fixture->path, "Shop", NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  g_chmod (fixture->path, 0400);

  store = seg_store_open (fixture->path, &error);
  g_assert_null (store);
  g_assert_error (error, SEG_STORE_ERROR, SEG_STORE_ERROR_READ_ONLY);
  g_chmod (fixture->path, 0600);
}

static void
test_store_refuses_locked (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegStore) store = NULL;
  g_autoptr(SegStore) second = NULL;
  g_autoptr(sqlite3) locker = NULL;

  store = seg_store_create (fixture->path, "Shop", NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  /* Another program holds an exclusive lock on the file. */
  g_assert_cmpint (sqlite3_open (fixture->path, &locker), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (locker, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  second = seg_store_open (fixture->path, &error);
  g_assert_null (second);
  g_assert_error (error, SEG_STORE_ERROR, SEG_STORE_ERROR_LOCKED);

  sqlite3_exec (locker, "ROLLBACK", NULL, NULL, NULL);
}

static void
test_store_refuses_corrupt (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegStore) store = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  store = seg_store_create (fixture->path, "Shop", NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  /* Keep the header, wipe the schema page: a damaged file. */
  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 200);
  memset (contents + 100, 0xAB, MIN (length - 100, 3000));
  g_assert_true (g_file_set_contents (fixture->path, contents, length, NULL));

  store = seg_store_open (fixture->path, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_true (error->domain == SEG_STORE_ERROR);
  g_assert_true (error->code == SEG_STORE_ERROR_CORRUPT ||
                 error->code == SEG_STORE_ERROR_NOT_A_STORE);
}

/* A later version's migration, run on today's store. */
static void
test_store_migrates_to_later_version (Fixture       *fixture,
                                      gconstpointer  data)
{
  static const SegStoreMigration migrations[] = {
    { SEG_STORE_SCHEMA_VERSION + 1,
      "ALTER TABLE customers ADD COLUMN loyalty_tier TEXT;"
      "UPDATE customers SET loyalty_tier = 'gold' WHERE email = 'vip@example.com';" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SegStore) store = NULL;
  g_autofree char *backup = g_strdup_printf ("%s.v%d.bak", fixture->path,
                                             SEG_STORE_SCHEMA_VERSION);

  store = seg_store_create (fixture->path, "Shop", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (seg_store_exec (store,
                                 "INSERT INTO customers (email) VALUES ('vip@example.com')",
                                 &error));
  g_clear_object (&store);

  store = seg_store_open_with_migrations (fixture->path, migrations,
                                          G_N_ELEMENTS (migrations),
                                          SEG_STORE_SCHEMA_VERSION + 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (count_rows (store, "PRAGMA user_version"), ==, SEG_STORE_SCHEMA_VERSION + 1);
  g_assert_cmpint (count_rows (store, "SELECT COUNT(*) FROM customers "
                                      "WHERE loyalty_tier = 'gold'"), ==, 1);
  g_clear_object (&store);

  /* The earlier file was kept, and still opens as it was. */
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
  store = seg_store_open (backup, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (store, "PRAGMA user_version"), ==, SEG_STORE_SCHEMA_VERSION);
  g_clear_object (&store);

  /* The later file is "too new" for this build. */
  store = seg_store_open (fixture->path, &error);
  g_assert_error (error, SEG_STORE_ERROR, SEG_STORE_ERROR_TOO_NEW);
}

static void
exec_raw (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* A store written by the first release: its line items carry their
 * products' texts, which version 2 moves to products. */
static void
test_store_migrates_version_1_products (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegStore) store = NULL;
  g_autofree char *backup = g_strdup_printf ("%s.v1.bak", fixture->path);
  g_autofree char *header = g_strdup_printf ("PRAGMA application_id = %d; "
                                             "PRAGMA user_version = 1;",
                                             SEG_STORE_APPLICATION_ID);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  exec_raw (db, SEG_STORE_SCHEMA_V1);
  exec_raw (db, header);
  exec_raw (db, "INSERT INTO settings (key, value) VALUES ('name', 'Old shop');"
                "INSERT INTO orders (id, source, order_key, created_at, order_day) VALUES"
                "  (1, 'shopify', '#1', '', 19000), (2, 'shopify', '#2', '', 19001);"
                "INSERT INTO order_lines (order_id, line_no, product, sku, category,"
                "  product_tags, vendor, quantity, price_cents) VALUES"
                "  (1, 1, 'Tee', 'T-1', 'Shirts', 'cotton, vegan', 'Acme', 2, 1500),"
                "  (1, 2, 'Tee', 'T-2', 'Shirts', NULL, 'Acme', 1, 1500),"
                "  (2, 1, 'Tee', 'T-1', 'Shirts', 'cotton, vegan', 'Acme', 1, 1400),"
                "  (2, 2, NULL, NULL, NULL, NULL, NULL, 3, 100);");
  sqlite3_close (db);

  store = seg_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (store, "PRAGMA user_version"), ==, 2);
  g_assert_cmpint (count_rows (store, "SELECT COUNT(*) FROM products"), ==, 2);
  g_assert_cmpint (count_rows (store, "SELECT COUNT(*) FROM order_lines"), ==, 4);
  g_assert_cmpint (count_rows (store, "SELECT COUNT(*) FROM order_lines "
                                      "WHERE product_id IS NULL"), ==, 1);
  g_assert_cmpint (count_rows (store, "SELECT COUNT(DISTINCT product_id) FROM order_items "
                                      "JOIN order_lines USING (order_id, line_no) "
                                      "WHERE sku = 'T-1' AND product_tags = 'cotton, vegan' "
                                      "AND vendor = 'Acme' AND category = 'Shirts' "
                                      "AND product = 'Tee'"), ==, 1);
  g_assert_cmpint (count_rows (store, "SELECT SUM (quantity * price_cents) FROM order_items"),
                   ==, 3000 + 1500 + 1400 + 300);
  g_assert_cmpint (count_rows (store, "SELECT COUNT(*) FROM order_items WHERE sku = 'T-2' "
                                      "AND product_tags IS NULL"), ==, 1);
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
}

static void
test_store_failed_migration_changes_nothing (Fixture       *fixture,
                                             gconstpointer  data)
{
  static const SegStoreMigration migrations[] = {
    { SEG_STORE_SCHEMA_VERSION + 1,
      "ALTER TABLE customers ADD COLUMN x TEXT; SELECT * FROM no_such_table;" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SegStore) store = NULL;

  store = seg_store_create (fixture->path, "Shop", NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  store = seg_store_open_with_migrations (fixture->path, migrations,
                                          G_N_ELEMENTS (migrations),
                                          SEG_STORE_SCHEMA_VERSION + 1, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_clear_error (&error);

  store = seg_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (store, "PRAGMA user_version"), ==, SEG_STORE_SCHEMA_VERSION);
  g_assert_cmpint (count_rows (store, "SELECT COUNT(*) FROM pragma_table_info('customers') "
                                      "WHERE name = 'x'"), ==, 0);
}

static void
test_store_stats (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegStore) store = NULL;
  SegStoreStats stats;

  store = seg_store_create (fixture->path, "Shop", NULL, &error);
  g_assert_no_error (error);

  g_assert_true (seg_store_exec (store,
    "INSERT INTO customers (id, email) VALUES (1, 'a@x.com'), (2, 'b@x.com'), (3, 'c@x.com');"
    /* a: two counted orders, one refunded partly; one cancelled */
    "INSERT INTO orders (source, order_key, customer_id, created_at, order_day, cancelled,"
    "                    total_cents, refunded_cents, net_cents) VALUES"
    " ('t', '1', 1, '', 100, 0, 5000, 0, 5000),"
    " ('t', '2', 1, '', 200, 0, 3000, 1000, 2000),"
    " ('t', '3', 1, '', 210, 1, 9900, 0, 9900),"
    /* b: one order after the as-of day */
    " ('t', '4', 2, '', 400, 0, 7000, 0, 7000),"
    /* a guest order */
    " ('t', '5', NULL, '', 150, 0, 1500, 0, 1500);",
    &error));
  g_assert_no_error (error);

  g_assert_true (seg_store_get_stats (store, 300, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stats.contacts, ==, 3);
  g_assert_cmpint (stats.buyers, ==, 1);
  g_assert_cmpint (stats.orders, ==, 3);
  g_assert_cmpint (stats.guest_orders, ==, 1);
  g_assert_cmpint (stats.revenue_cents, ==, 8500);
  g_assert_cmpint (stats.returning_revenue_cents, ==, 2000);

  g_assert_true (seg_store_get_stats (store, 400, &stats, &error));
  g_assert_cmpint (stats.buyers, ==, 2);
  g_assert_cmpint (stats.orders, ==, 4);
  g_assert_cmpint (stats.revenue_cents, ==, 15500);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/create", test_store_create);
  ADD ("/store/create-refuses-existing", test_store_create_refuses_existing);
  ADD ("/store/reopen-keeps-data", test_store_reopen_keeps_data);
  ADD ("/store/refuses/not-a-store", test_store_refuses_not_a_store);
  ADD ("/store/refuses/newer", test_store_refuses_newer);
  ADD ("/store/refuses/read-only", test_store_refuses_read_only);
  ADD ("/store/refuses/locked", test_store_refuses_locked);
  ADD ("/store/refuses/corrupt", test_store_refuses_corrupt);
  ADD ("/store/migrate/later-version", test_store_migrates_to_later_version);
  ADD ("/store/migrate/version-1-products", test_store_migrates_version_1_products);
  ADD ("/store/migrate/failure-changes-nothing", test_store_failed_migration_changes_nothing);
  ADD ("/store/stats", test_store_stats);

#undef ADD

  return g_test_run ();
}
