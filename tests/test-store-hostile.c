/* test-store-hostile.c — damaged, foreign and full store files
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A store owner may open any file, and disks fill up.  Each case ends in a
 * clear SEG_STORE_ERROR (or a store that still works), never a crash, and a
 * file that was only read is left exactly as it was.  The backup before a
 * migration is tested in test-store.c.
 */

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "seg-day.h"
#include "seg-store.h"
#include "seg-store-private.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = g_dir_make_tmp ("segments-hostile-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
  fixture->path = g_build_filename (fixture->dir, "Hostile Shop.segments", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (fixture->dir, name, NULL);

      g_chmod (child, 0600);
      g_unlink (child);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static void
remove_side_files (const char *path)
{
  static const char * const suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);

      g_unlink (side);
    }
}

/* A closed store with @n_customers customers and one order each: enough
 * pages that damage in the middle lands in customers' data. */
static void
make_store (const char *path,
            guint       n_customers)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegStore) store = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  store = seg_store_create (path, "Hostile Shop", "EUR", &error);
  g_assert_no_error (error);
  g_assert_true (seg_store_begin (store, &error));
  g_assert_no_error (error);

  stmt = seg_store_prepare (store,
                            "INSERT INTO customers (email, first_name, country) "
                            "VALUES (printf ('customer%05d@example.com', ?1), "
                            "        'Customer with a long enough name', 'DE')",
                            &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n_customers; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int (stmt, 1, (int) i);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    }
  g_assert_true (seg_store_exec (store,
                                 "INSERT INTO orders (source, order_key, customer_id, email,"
                                 "  created_at, order_day, total_cents, net_cents) "
                                 "SELECT 'shopify', '#' || id, id, email,"
                                 "  '2024-01-01T00:00:00Z', 19723, 1250, 1250 FROM customers",
                                 &error));
  g_assert_no_error (error);
  g_assert_true (seg_store_commit (store, &error));
  g_assert_no_error (error);
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
write_file (const char   *path,
            const guint8 *data,
            gsize         length)
{
  g_autoptr(GError) error = NULL;

  /* GLib 2.74 leaves an existing file alone when asked to write nothing. */
  g_unlink (path);
  g_assert_true (g_file_set_contents_full (path, (const char *) data, length,
                                           G_FILE_SET_CONTENTS_NONE, 0600, &error));
  g_assert_no_error (error);
}

static void
assert_file_unchanged (const char *path,
                       GBytes     *before)
{
  g_autoptr(GBytes) after = read_file (path);

  g_assert_true (g_bytes_equal (before, after));
}

/* Opens @path expecting a refusal with one of @codes (-1 ends the list);
 * the file must not change. */
static void
assert_refused (const char *path,
                const int  *codes)
{
  g_autoptr(GBytes) before = read_file (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SegStore) store = NULL;
  gboolean expected = FALSE;

  store = seg_store_open (path, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_true (error->domain == SEG_STORE_ERROR);
  for (guint i = 0; codes[i] >= 0; i++)
    expected |= error->code == codes[i];
  if (!expected)
    g_error ("unexpected error %d: %s", error->code, error->message);

  /* The message names the file, so the owner knows which one. */
  g_assert_nonnull (strstr (error->message, "Hostile Shop.segments"));
  g_test_message ("%s", error->message);

  assert_file_unchanged (path, before);
}

/* Opens @path when it can and reads every customer and order; whatever the
 * damage, the result is a store that works or a SEG_STORE_ERROR. */
static void
open_and_read_all (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegStore) store = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  SegStoreStats stats;
  int rc;

  store = seg_store_open (path, &error);
  if (store == NULL)
    {
      g_assert_true (error->domain == SEG_STORE_ERROR);
      g_test_message ("refused: %s", error->message);
      return;
    }

  if (!seg_store_get_stats (store, seg_day_from_ymd (2024, 6, 30), &stats, &error))
    {
      g_assert_true (error->domain == SEG_STORE_ERROR);
      g_test_message ("stats failed: %s", error->message);
      g_clear_error (&error);
    }

  stmt = seg_store_prepare (store,
                            "SELECT SUM(LENGTH(email) + LENGTH(first_name)) FROM customers",
                            &error);
  if (stmt == NULL)
    {
      g_assert_true (error->domain == SEG_STORE_ERROR);
      return;
    }
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      seg_store_set_error_from_db (store, rc, &error);
      g_assert_true (error->domain == SEG_STORE_ERROR);
      g_assert_cmpint (error->code, ==, SEG_STORE_ERROR_CORRUPT);
      g_test_message ("scan failed: %s", error->message);
    }
}

static void
test_truncated (Fixture       *fixture,
                gconstpointer  data)
{
  static const int codes[] = {
    SEG_STORE_ERROR_NOT_A_STORE, SEG_STORE_ERROR_CORRUPT, -1
  };
  g_autoptr(GBytes) whole = NULL;
  const guint8 *bytes;
  gsize length;

  make_store (fixture->path, 2000);
  whole = read_file (fixture->path);
  bytes = g_bytes_get_data (whole, &length);
  g_assert_cmpuint (length, >, 40000);

  /* Cut in the header, in the schema page, and part way through the data:
   * the first three leave no readable schema and are refused. */
  {
    const gsize cuts[] = { 0, 10, 99, 100, 1000, 4096, 4097 };

    for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
      {
        g_test_message ("cut at %" G_GSIZE_FORMAT " bytes", cuts[i]);
        write_file (fixture->path, bytes, cuts[i]);
        assert_refused (fixture->path, codes);
      }
  }
  {
    const gsize cuts[] = { length / 4, length / 2, length - 4096, length - 1 };

    for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
      {
        write_file (fixture->path, bytes, cuts[i]);
        remove_side_files (fixture->path);
        open_and_read_all (fixture->path);
      }
  }
}

static void
test_random_after_header (Fixture       *fixture,
                          gconstpointer  data)
{
  static const int codes[] = {
    SEG_STORE_ERROR_NOT_A_STORE, SEG_STORE_ERROR_CORRUPT, -1
  };
  g_autoptr(GBytes) whole = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260101);
  g_autofree guint8 *bytes = NULL;
  gsize length;

  make_store (fixture->path, 100);
  whole = read_file (fixture->path);
  g_bytes_get_data (whole, &length);
  bytes = g_memdup2 (g_bytes_get_data (whole, NULL), length);

  for (guint round = 0; round < 5; round++)
    {
      /* Keep the 100-byte database header (the application id and version
       * say "store"); everything after it is noise. */
      for (gsize i = 100; i < length; i++)
        bytes[i] = (guint8) g_rand_int_range (rand, 0, 256);
      write_file (fixture->path, bytes, length);
      assert_refused (fixture->path, codes);
    }
}

static void
test_zero_page (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GBytes) whole = NULL;
  g_autofree guint8 *bytes = NULL;
  gsize length;
  guint page_size = 4096;
  guint n_pages;

  make_store (fixture->path, 3000);
  whole = read_file (fixture->path);
  g_bytes_get_data (whole, &length);
  bytes = g_memdup2 (g_bytes_get_data (whole, NULL), length);
  n_pages = length / page_size;
  g_assert_cmpuint (n_pages, >, 20);

  /* Zero a page at a quarter, half and three quarters of the file, one at a
   * time: open either refuses or the damage is reported when it is read. */
  for (guint q = 1; q <= 3; q++)
    {
      g_autofree guint8 *damaged = g_memdup2 (bytes, length);
      guint page = n_pages * q / 4;

      memset (damaged + (gsize) page * page_size, 0, page_size);
      write_file (fixture->path, damaged, length);
      remove_side_files (fixture->path);
      open_and_read_all (fixture->path);
    }
}

static void
set_pragma (const char *path,
            const char *sql)
{
  g_autoptr(sqlite3) db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
test_bad_user_version (Fixture       *fixture,
                       gconstpointer  data)
{
  static const int codes[] = { SEG_STORE_ERROR_NOT_A_STORE, -1 };
  static const char * const pragmas[] = {
    "PRAGMA user_version = 0", "PRAGMA user_version = -1",
    "PRAGMA user_version = -2147483648",
  };

  make_store (fixture->path, 10);
  /* The checks read the file as it is: no WAL to fold in. */
  set_pragma (fixture->path, "PRAGMA journal_mode = DELETE");

  for (guint i = 0; i < G_N_ELEMENTS (pragmas); i++)
    {
      set_pragma (fixture->path, pragmas[i]);
      assert_refused (fixture->path, codes);
    }
}

static void
test_missing_tables (Fixture       *fixture,
                     gconstpointer  data)
{
  static const int codes[] = { SEG_STORE_ERROR_CORRUPT, -1 };
  g_autofree char *sql = NULL;

  /* An SQLite file that claims to be a store (application id and version)
   * but holds none of its tables, then one that lacks only some. */
  {
    g_autoptr(sqlite3) db = NULL;

    g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
    sql = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;"
                           "CREATE TABLE notes (text TEXT);",
                           SEG_STORE_APPLICATION_ID, SEG_STORE_SCHEMA_VERSION);
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  g_chmod (fixture->path, 0600);
  assert_refused (fixture->path, codes);
  g_unlink (fixture->path);

  make_store (fixture->path, 10);
  set_pragma (fixture->path, "PRAGMA journal_mode = DELETE; DROP TABLE customer_measures");
  assert_refused (fixture->path, codes);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GBytes) bytes = read_file (from);
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  write_file (to, data, length);
}

static void
test_wal_left_behind (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegStore) store = NULL;
  g_autoptr(SegStore) copy = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *copy_path = g_build_filename (fixture->dir, "Copy.segments", NULL);
  g_autofree char *copy_wal = g_strconcat (copy_path, "-wal", NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  make_store (fixture->path, 10);
  store = seg_store_open (fixture->path, &error);
  g_assert_no_error (error);

  /* A commit that is still only in the WAL, as after a crash or a kill:
   * copy the file and its WAL while the store is open, never checkpointed. */
  g_assert_true (seg_store_exec (store, "PRAGMA wal_autocheckpoint = 0", &error));
  g_assert_true (seg_store_exec (store,
                                 "INSERT INTO customers (email) VALUES ('late@example.com')",
                                 &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  copy_file (fixture->path, copy_path);
  copy_file (wal, copy_wal);
  g_clear_object (&store);

  copy = seg_store_open (copy_path, &error);
  g_assert_no_error (error);
  stmt = seg_store_prepare (copy,
                            "SELECT COUNT(*) FROM customers WHERE email = 'late@example.com'",
                            &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_clear_object (&copy);

  /* A WAL that belongs to another file (its salt does not match) is not
   * applied: the store opens with what it holds itself. */
  g_unlink (copy_path);
  g_unlink (copy_wal);
  make_store (copy_path, 3);
  {
    g_autoptr(GRand) rand = g_rand_new_with_seed (7);
    guint8 noise[8192];

    for (guint i = 0; i < sizeof noise; i++)
      noise[i] = (guint8) g_rand_int_range (rand, 0, 256);
    write_file (copy_wal, noise, sizeof noise);
  }
  copy = seg_store_open (copy_path, &error);
  g_assert_no_error (error);
  stmt = seg_store_prepare (copy, "SELECT COUNT(*) FROM customers", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 3);
}

static void
test_disk_full (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegStore) store = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *name = NULL;
  gboolean full = FALSE;

  make_store (fixture->path, 200);
  store = seg_store_open (fixture->path, &error);
  g_assert_no_error (error);

  /* The disk fills up: no page beyond a few more may be added. */
  {
    g_autoptr(sqlite3_stmt) count = seg_store_prepare (store, "PRAGMA page_count", &error);
    g_autofree char *limit = NULL;

    g_assert_cmpint (sqlite3_step (count), ==, SQLITE_ROW);
    limit = g_strdup_printf ("PRAGMA max_page_count = %d",
                             sqlite3_column_int (count, 0) + 4);
    g_assert_true (seg_store_exec (store, limit, &error));
  }

  for (guint i = 0; i < 1000 && !full; i++)
    {
      if (!seg_store_exec (store,
                           "INSERT INTO customers (email, first_name) "
                           "SELECT 'more' || hex (randomblob (16)) || '@example.com',"
                           "  hex (randomblob (200)) FROM (SELECT 1 UNION ALL SELECT 2)",
                           &error))
        {
          g_assert_error (error, SEG_STORE_ERROR, SEG_STORE_ERROR_DISK_FULL);
          g_assert_nonnull (strstr (error->message, "Hostile Shop.segments"));
          g_assert_nonnull (strstr (error->message, "full"));
          g_test_message ("%s", error->message);
          full = TRUE;
        }
    }
  g_assert_true (full);
  g_clear_error (&error);

  /* A transaction that fills the disk is rolled back as a whole. */
  g_assert_true (seg_store_begin (store, &error));
  g_assert_no_error (error);
  g_assert_false (seg_store_exec (store,
                                  "INSERT INTO customers (email, first_name) "
                                  "WITH RECURSIVE n (value) AS ("
                                  "  SELECT 1 UNION ALL SELECT value + 1 FROM n WHERE value < 1000) "
                                  "SELECT 'big' || value || '@example.com', hex (randomblob (500)) "
                                  "FROM n", &error) &&
                  seg_store_commit (store, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  seg_store_rollback (store);
  g_clear_object (&store);

  /* Space again (a new connection has no limit): everything written before
   * the disk filled is there, nothing of the failed transaction. */
  store = seg_store_open (fixture->path, &error);
  g_assert_no_error (error);
  name = seg_store_dup_name (store);
  g_assert_cmpstr (name, ==, "Hostile Shop");
  stmt = seg_store_prepare (store,
                            "SELECT (SELECT COUNT(*) FROM customers WHERE email LIKE 'customer%'),"
                            "  (SELECT COUNT(*) FROM customers WHERE email LIKE 'big%'),"
                            "  (SELECT COUNT(*) FROM orders)", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 200);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 0);
  g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 200);
  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = seg_store_prepare (store, "PRAGMA integrity_check", &error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
}

static void
assert_private (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return;
  if ((st.st_mode & 0777) != 0600)
    g_error ("%s has mode %o, not 0600", path, st.st_mode & 0777);
}

static void
test_files_are_private (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegStore) store = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);
  mode_t old_umask = umask (022);

  /* Whatever the umask, the store and the files SQLite keeps beside it
   * hold customers' data and are the owner's alone. */
  store = seg_store_create (fixture->path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (seg_store_exec (store, "INSERT INTO customers (email) VALUES ('a@b.c')",
                                 &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  assert_private (fixture->path);
  assert_private (wal);
  assert_private (shm);
  g_clear_object (&store);

  store = seg_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (seg_store_exec (store, "INSERT INTO customers (email) VALUES ('d@e.f')",
                                 &error));
  assert_private (fixture->path);
  assert_private (wal);
  assert_private (shm);
  g_clear_object (&store);

  /* The copy taken before a schema migration, too. */
  {
    static const SegStoreMigration migrations[] = {
      { SEG_STORE_SCHEMA_VERSION + 1, "CREATE TABLE later (x);" },
    };
    g_autofree char *backup = g_strdup_printf ("%s.v%d.bak", fixture->path,
                                               SEG_STORE_SCHEMA_VERSION);

    store = seg_store_open_with_migrations (fixture->path, migrations,
                                            G_N_ELEMENTS (migrations),
                                            SEG_STORE_SCHEMA_VERSION + 1, &error);
    g_assert_no_error (error);
    g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
    assert_private (backup);
    assert_private (fixture->path);
    assert_private (wal);
    assert_private (shm);
  }

  umask (old_umask);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/hostile/truncated", test_truncated);
  ADD ("/store/hostile/random-after-header", test_random_after_header);
  ADD ("/store/hostile/zero-page", test_zero_page);
  ADD ("/store/hostile/bad-user-version", test_bad_user_version);
  ADD ("/store/hostile/missing-tables", test_missing_tables);
  ADD ("/store/hostile/wal-left-behind", test_wal_left_behind);
  ADD ("/store/hostile/disk-full", test_disk_full);
  ADD ("/store/hostile/files-are-private", test_files_are_private);

#undef ADD

  return g_test_run ();
}
