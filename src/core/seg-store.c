/* seg-store.c — one store file: customers, orders, segments
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seg-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "seg-day.h"
#include "seg-store.h"
#include "seg-store-private.h"
#include "seg-store-schema.h"

struct _SegStore
{
  GObject  parent_instance;

  char    *path;
  sqlite3 *db;
};

G_DEFINE_FINAL_TYPE (SegStore, seg_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (seg-store-error-quark, seg_store_error)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Migrations from version N-1 to N, in order, from the version-1 schema in
 * seg-store-schema.h.  A new store is made by running all of them. */
static const SegStoreMigration seg_store_migrations[] = {
  { 2, SEG_STORE_MIGRATION_V2 },
};

static char *
dup_display_name (const char *path)
{
  return g_filename_display_basename (path);
}

/* Maps an SQLite result to a message the store owner can act on. */
static void
set_error_for_rc (GError     **error,
                  const char  *path,
                  int          rc,
                  const char  *detail)
{
  g_autofree char *name = dup_display_name (path);

  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      g_set_error (error, SEG_STORE_ERROR, SEG_STORE_ERROR_NOT_A_STORE,
                   _("“%s” is not a Segments store. Choose a file that ends in .segments, "
                     "or create a new store and import your exports into it."), name);
      break;

    case SQLITE_CORRUPT:
      g_set_error (error, SEG_STORE_ERROR, SEG_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged and cannot be read safely. Nothing was changed. "
                     "Open a backup copy, or create a new store and import your exports again."),
                   name);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, SEG_STORE_ERROR, SEG_STORE_ERROR_LOCKED,
                   _("“%s” is in use by another program. Close the other window or program "
                     "that has it open, then try again."), name);
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      g_set_error (error, SEG_STORE_ERROR, SEG_STORE_ERROR_READ_ONLY,
                   _("“%s” cannot be written to. Check that the disk is not read-only and "
                     "that you may change the file, or copy it to your home folder."), name);
      break;

    case SQLITE_FULL:
      g_set_error (error, SEG_STORE_ERROR, SEG_STORE_ERROR_DISK_FULL,
                   _("The disk holding “%s” is full. Nothing was changed. "
                     "Free some space, then try again."), name);
      break;

    default:
      g_set_error (error, SEG_STORE_ERROR, SEG_STORE_ERROR_FAILED,
                   _("Could not use the store “%s”: %s"), name,
                   detail ? detail : sqlite3_errstr (rc));
      break;
    }
}

gboolean
seg_store_set_error_from_db (SegStore  *self,
                             int        rc,
                             GError   **error)
{
  g_return_val_if_fail (SEG_IS_STORE (self), FALSE);

  set_error_for_rc (error, self->path, rc, sqlite3_errmsg (self->db));
  return FALSE;
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *path,
          const char  *sql,
          GError     **error)
{
  char *msg = NULL;
  int rc;

  rc = sqlite3_exec (db, sql, NULL, NULL, &msg);
  if (rc != SQLITE_OK)
    {
      set_error_for_rc (error, path, rc, msg);
      sqlite3_free (msg);
      return FALSE;
    }

  return TRUE;
}

static gboolean
query_int (sqlite3     *db,
           const char  *path,
           const char  *sql,
           gint64      *value,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_error_for_rc (error, path, rc, sqlite3_errmsg (db));
      return FALSE;
    }

  *value = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* Every connection to a store, the window's and a worker thread's alike, is
 * configured the same way. */
static gboolean
configure_connection (sqlite3     *db,
                      const char  *path,
                      GError     **error)
{
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, 3000);
  /* A store is a file anyone may send the owner: its schema must not be able
   * to run functions, and SQL must not be able to write the schema pages. */
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);

  return exec_sql (db, path,
                   "PRAGMA trusted_schema = OFF;"
                   "PRAGMA foreign_keys = ON;"
                   "PRAGMA synchronous = NORMAL;"
                   "PRAGMA temp_store = MEMORY;"
                   "PRAGMA cache_size = -65536;"
                   "PRAGMA mmap_size = 268435456;",
                   error);
}

static gboolean
check_sqlite_header (const char  *path,
                     GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  g_autofree char *name = dup_display_name (path);
  char header[16] = { 0 };
  ssize_t n;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        g_set_error (error, SEG_STORE_ERROR, SEG_STORE_ERROR_NOT_FOUND,
                     _("There is no store called “%s” any more. It may have been moved "
                       "or deleted."), name);
      else
        g_set_error (error, SEG_STORE_ERROR, SEG_STORE_ERROR_READ_ONLY,
                     _("“%s” cannot be opened: %s"), name, g_strerror (saved_errno));
      return FALSE;
    }

  n = read (fd, header, sizeof header);
  close (fd);

  if (n != sizeof header || memcmp (header, magic, sizeof magic) != 0)
    {
      set_error_for_rc (error, path, SQLITE_NOTADB, NULL);
      return FALSE;
    }

  return TRUE;
}

/* The tables of schema version 1, which every later version keeps: a file
 * that claims to be a store but lacks one was damaged or made by hand. */
static const char * const required_tables[] = {
  "settings", "customers", "customer_attributes", "orders", "order_lines",
  "checkouts", "campaigns", "email_events", "campaign_results", "segments",
  "segment_snapshots", "rfm_snapshots", "import_log", "saved_mappings",
  "customer_measures",
};

static gboolean
check_tables (sqlite3     *db,
              const char  *path,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                           -1, &stmt, NULL);
  for (guint i = 0; rc == SQLITE_OK && i < G_N_ELEMENTS (required_tables); i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, required_tables[i], -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        {
          g_debug ("%s has no table %s", path, required_tables[i]);
          rc = SQLITE_CORRUPT;
        }
      else if (rc == SQLITE_ROW)
        rc = SQLITE_OK;
    }

  if (rc != SQLITE_OK)
    {
      set_error_for_rc (error, path, rc, sqlite3_errmsg (db));
      return FALSE;
    }

  return TRUE;
}

static gboolean
back_up_before_migration (sqlite3     *db,
                          const char  *path,
                          int          from_version,
                          GError     **error)
{
  g_autofree char *backup_path = g_strdup_printf ("%s.v%d.bak", path, from_version);
  g_autoptr(sqlite3) backup_db = NULL;
  sqlite3_backup *backup;
  int fd;
  int rc;

  /* Create the copy ourselves so that it is private from its first byte,
   * like the store it copies. */
  g_unlink (backup_path);
  fd = g_open (backup_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_error_for_rc (error, backup_path, SQLITE_CANTOPEN, NULL);
      return FALSE;
    }
  close (fd);

  rc = sqlite3_open_v2 (backup_path, &backup_db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_for_rc (error, backup_path, rc, NULL);
      return FALSE;
    }

  backup = sqlite3_backup_init (backup_db, "main", db, "main");
  if (backup == NULL)
    {
      set_error_for_rc (error, backup_path, sqlite3_errcode (backup_db),
                        sqlite3_errmsg (backup_db));
      return FALSE;
    }

  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  g_chmod (backup_path, 0600);

  if (rc != SQLITE_DONE)
    {
      set_error_for_rc (error, backup_path, rc, NULL);
      return FALSE;
    }

  return TRUE;
}

/* Runs the migrations after @version up to @target_version inside the
 * caller's transaction. */
static gboolean
apply_migrations (sqlite3                 *db,
                  const char              *path,
                  gint64                   version,
                  const SegStoreMigration *migrations,
                  guint                    n_migrations,
                  int                      target_version,
                  GError                 **error)
{
  for (guint i = 0; i < n_migrations; i++)
    {
      g_autofree char *pragma = NULL;

      if (migrations[i].sql == NULL || migrations[i].version <= version)
        continue;
      if (migrations[i].version > target_version)
        break;

      pragma = g_strdup_printf ("PRAGMA user_version = %d", migrations[i].version);
      if (!exec_sql (db, path, migrations[i].sql, error) ||
          !exec_sql (db, path, pragma, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
migrate (sqlite3                 *db,
         const char              *path,
         gint64                   version,
         const SegStoreMigration *migrations,
         guint                    n_migrations,
         int                      target_version,
         GError                 **error)
{
  if (version >= target_version)
    return TRUE;

  if (!back_up_before_migration (db, path, (int) version, error))
    return FALSE;

  if (!exec_sql (db, path, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!apply_migrations (db, path, version, migrations, n_migrations, target_version, error))
    {
      exec_sql (db, path, "ROLLBACK", NULL);
      return FALSE;
    }
  return exec_sql (db, path, "COMMIT", error);
}

static SegStore *
store_new (const char *path,
           sqlite3    *db)
{
  SegStore *self = g_object_new (SEG_TYPE_STORE, "path", path, NULL);

  self->db = db;
  return self;
}

SegStore *
seg_store_open_with_migrations (const char              *path,
                                const SegStoreMigration *migrations,
                                guint                    n_migrations,
                                int                      target_version,
                                GError                 **error)
{
  g_autoptr(sqlite3) db = NULL;
  g_autofree char *name = NULL;
  gint64 app_id = 0;
  gint64 version = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = dup_display_name (path);

  if (!check_sqlite_header (path, error))
    return NULL;

  if (g_access (path, W_OK) != 0)
    {
      g_set_error (error, SEG_STORE_ERROR, SEG_STORE_ERROR_READ_ONLY,
                   _("“%s” is read-only. Segments needs to write to the store to keep it "
                     "up to date: copy it to a folder you can write to, or change its "
                     "permissions, then open it again."), name);
      return NULL;
    }

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_for_rc (error, path, rc, db ? sqlite3_errmsg (db) : NULL);
      return NULL;
    }

  if (!configure_connection (db, path, error) ||
      !query_int (db, path, "PRAGMA application_id", &app_id, error))
    return NULL;

  if (app_id != SEG_STORE_APPLICATION_ID)
    {
      set_error_for_rc (error, path, SQLITE_NOTADB, NULL);
      return NULL;
    }

  if (!query_int (db, path, "PRAGMA user_version", &version, error))
    return NULL;

  if (version > target_version)
    {
      g_set_error (error, SEG_STORE_ERROR, SEG_STORE_ERROR_TOO_NEW,
                   _("“%s” was saved by a newer version of Segments. Update Segments to "
                     "open it; the file was not changed."), name);
      return NULL;
    }

  if (version < 1)
    {
      set_error_for_rc (error, path, SQLITE_NOTADB, NULL);
      return NULL;
    }

  if (!check_tables (db, path, error))
    return NULL;

  /* Take the write lock once: a store held by another writer is reported now,
   * not in the middle of the owner's first import. */
  rc = sqlite3_exec (db, "BEGIN IMMEDIATE; ROLLBACK;", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_for_rc (error, path, rc, sqlite3_errmsg (db));
      return NULL;
    }

  if (!migrate (db, path, version, migrations, n_migrations, target_version, error))
    return NULL;

  if (!exec_sql (db, path, "PRAGMA journal_mode = WAL", error))
    return NULL;

  return store_new (path, g_steal_pointer (&db));
}

/**
 * seg_store_open:
 * @path: a `.segments` file
 * @error: return location for a #GError
 *
 * Opens an existing store, upgrading its schema (after a backup copy) when it
 * was written by an older version.  Nothing is changed when it fails.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
SegStore *
seg_store_open (const char  *path,
                GError     **error)
{
  return seg_store_open_with_migrations (path, seg_store_migrations,
                                         G_N_ELEMENTS (seg_store_migrations),
                                         SEG_STORE_SCHEMA_VERSION, error);
}

static gboolean
insert_setting (sqlite3     *db,
                const char  *path,
                const char  *key,
                const char  *value,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "INSERT INTO settings (key, value) VALUES (?1, ?2) "
                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }

  if (rc != SQLITE_DONE)
    {
      set_error_for_rc (error, path, rc, sqlite3_errmsg (db));
      return FALSE;
    }

  return TRUE;
}

/**
 * seg_store_create:
 * @path: where to create the `.segments` file; must not exist
 * @name: (nullable): the store's name, or %NULL to use the file name
 * @currency: (nullable): an ISO 4217 code, or %NULL for USD
 * @error: return location for a #GError
 *
 * Creates a new, empty store readable only by its owner.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
SegStore *
seg_store_create (const char  *path,
                  const char  *name,
                  const char  *currency,
                  GError     **error)
{
  g_autoptr(sqlite3) db = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autofree char *display = NULL;
  g_autofree char *default_name = NULL;
  g_autofree char *created = NULL;
  g_autofree char *pragma = NULL;
  int fd;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = dup_display_name (path);

  /* Create the file ourselves so that it is private from its first byte:
   * it holds customers' personal data. */
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == EEXIST)
        g_set_error (error, SEG_STORE_ERROR, SEG_STORE_ERROR_EXISTS,
                     _("“%s” already exists. Open it, or choose another name for the "
                       "new store."), display);
      else
        g_set_error (error, SEG_STORE_ERROR, SEG_STORE_ERROR_READ_ONLY,
                     _("Could not create “%s”: %s"), display, g_strerror (saved_errno));
      return NULL;
    }
  close (fd);

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_for_rc (error, path, rc, NULL);
      g_unlink (path);
      return NULL;
    }

  if (name == NULL || *name == '\0')
    {
      default_name = g_strdup (display);
      if (g_str_has_suffix (default_name, ".segments"))
        default_name[strlen (default_name) - strlen (".segments")] = '\0';
      name = default_name;
    }

  now = g_date_time_new_now_utc ();
  created = g_date_time_format_iso8601 (now);
  tz = g_time_zone_new_local ();
  pragma = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                            SEG_STORE_APPLICATION_ID, SEG_STORE_SCHEMA_VERSION);

  /* Large pages: a store is read in long scans (every order of every
   * customer) and written in bulk by imports, where 64 KiB pages take a
   * sixteenth of the system calls of the default 4 KiB ones through the
   * write-ahead log and its checkpoint.  Stores made before keep theirs. */
  if (!exec_sql (db, path, "PRAGMA page_size = 65536", error) ||
      !configure_connection (db, path, error) ||
      !exec_sql (db, path, "BEGIN IMMEDIATE", error))
    goto failed;

  if (!exec_sql (db, path, SEG_STORE_SCHEMA_V1, error) ||
      !apply_migrations (db, path, 1, seg_store_migrations,
                         G_N_ELEMENTS (seg_store_migrations), SEG_STORE_SCHEMA_VERSION, error) ||
      !exec_sql (db, path, pragma, error) ||
      !insert_setting (db, path, "name", name, error) ||
      !insert_setting (db, path, "currency", currency ? currency : "USD", error) ||
      !insert_setting (db, path, "reference_date", "", error) ||
      !insert_setting (db, path, "time_zone", g_time_zone_get_identifier (tz), error) ||
      !insert_setting (db, path, "created_at", created, error) ||
      !exec_sql (db, path, "COMMIT", error) ||
      !exec_sql (db, path, "PRAGMA journal_mode = WAL", error))
    {
      exec_sql (db, path, "ROLLBACK", NULL);
      goto failed;
    }

  return store_new (path, g_steal_pointer (&db));

failed:
  g_clear_pointer (&db, sqlite3_close);
  g_unlink (path);
  return NULL;
}

const char *
seg_store_get_path (SegStore *self)
{
  g_return_val_if_fail (SEG_IS_STORE (self), NULL);

  return self->path;
}

/**
 * seg_store_get_db:
 *
 * Returns: (transfer none): the store's connection, for use on the thread
 *   that owns the store.  Worker threads open their own with
 *   seg_store_open_connection().
 */
sqlite3 *
seg_store_get_db (SegStore *self)
{
  g_return_val_if_fail (SEG_IS_STORE (self), NULL);

  return self->db;
}

/**
 * seg_store_open_connection:
 *
 * Opens a second connection to the same file, configured like the first, for
 * a worker thread (an import, a recompute).  Close it with sqlite3_close().
 */
sqlite3 *
seg_store_open_connection (SegStore  *self,
                           GError   **error)
{
  g_autoptr(sqlite3) db = NULL;
  int rc;

  g_return_val_if_fail (SEG_IS_STORE (self), NULL);

  rc = sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_for_rc (error, self->path, rc, NULL);
      return NULL;
    }

  if (!configure_connection (db, self->path, error))
    return NULL;

  return g_steal_pointer (&db);
}

char *
seg_store_dup_setting (SegStore   *self,
                       const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (SEG_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (sqlite3_prepare_v2 (self->db, "SELECT value FROM settings WHERE key = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));

  return NULL;
}

gboolean
seg_store_set_setting (SegStore    *self,
                       const char  *key,
                       const char  *value,
                       GError     **error)
{
  g_return_val_if_fail (SEG_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  return insert_setting (self->db, self->path, key, value, error);
}

char *
seg_store_dup_name (SegStore *self)
{
  char *name = seg_store_dup_setting (self, "name");

  if (name == NULL || *name == '\0')
    {
      g_free (name);
      name = dup_display_name (self->path);
    }

  return name;
}

char *
seg_store_dup_currency (SegStore *self)
{
  char *currency = seg_store_dup_setting (self, "currency");

  if (currency == NULL || strlen (currency) != 3)
    {
      g_free (currency);
      currency = g_strdup ("USD");
    }

  return currency;
}

/**
 * seg_store_get_reference_day:
 *
 * The day every "days since" and RFM measure is counted from: the store's
 * `reference_date` setting when set, today otherwise.
 */
gint32
seg_store_get_reference_day (SegStore *self)
{
  g_autofree char *text = seg_store_dup_setting (self, "reference_date");
  gint32 day;

  if (text != NULL && seg_day_parse_iso (text, &day))
    return day;

  return seg_day_today ();
}

gboolean
seg_store_exec (SegStore    *self,
                const char  *sql,
                GError     **error)
{
  g_return_val_if_fail (SEG_IS_STORE (self), FALSE);

  return exec_sql (self->db, self->path, sql, error);
}

sqlite3_stmt *
seg_store_prepare (SegStore    *self,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (SEG_IS_STORE (self), NULL);

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      seg_store_set_error_from_db (self, rc, error);
      return NULL;
    }

  return stmt;
}

gboolean
seg_store_begin (SegStore  *self,
                 GError   **error)
{
  return seg_store_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
seg_store_commit (SegStore  *self,
                  GError   **error)
{
  return seg_store_exec (self, "COMMIT", error);
}

void
seg_store_rollback (SegStore *self)
{
  g_return_if_fail (SEG_IS_STORE (self));

  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
stats_row (SegStore    *self,
           const char  *sql,
           gint32       as_of_day,
           gint64     **values,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = seg_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int (stmt, 1, as_of_day);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return seg_store_set_error_from_db (self, rc, error);

  for (int i = 0; values[i] != NULL; i++)
    *values[i] += sqlite3_column_int64 (stmt, i);

  return TRUE;
}

static gboolean
measures_are_current (SegStore *self,
                      gint32    as_of_day)
{
  g_autofree char *day_text = seg_store_dup_setting (self, "measures_day");
  g_autofree char *dirty = seg_store_dup_setting (self, "measures_dirty");
  gint32 day;

  return seg_day_parse_iso (day_text, &day) && day == as_of_day &&
         g_strcmp0 (dirty, "1") != 0;
}

/**
 * seg_store_get_stats:
 * @as_of_day: count orders placed on or before this day
 *
 * The store's headline figures, counted as DESIGN.md defines: cancelled and
 * voided orders are not counted, revenue is net of refunds, guest orders
 * count as orders but not as buyers, returning revenue is what customers
 * spent beyond their first order.
 *
 * When the per-customer measures are current for @as_of_day this reads
 * them (a 100,000-row table) instead of every order.
 */
gboolean
seg_store_get_stats (SegStore       *self,
                     gint32          as_of_day,
                     SegStoreStats  *stats,
                     GError        **error)
{
  gint64 *counts[] = { &stats->contacts, NULL };
  gint64 *guests[] = { &stats->guest_orders, &stats->orders, &stats->revenue_cents, NULL };
  gint64 *checkouts[] = { &stats->checkouts, NULL };
  gint64 *segments[] = { &stats->segments, NULL };

  g_return_val_if_fail (SEG_IS_STORE (self), FALSE);
  g_return_val_if_fail (stats != NULL, FALSE);

  memset (stats, 0, sizeof *stats);

  if (!stats_row (self, "SELECT COUNT(*) FROM customers", 0, counts, error) ||
      !stats_row (self,
                  "SELECT COUNT(*), COUNT(*), COALESCE(SUM(net_cents), 0) FROM orders "
                  "WHERE customer_id IS NULL AND cancelled = 0 AND order_day <= ?1",
                  as_of_day, guests, error) ||
      !stats_row (self,
                  "SELECT COUNT(*) FROM checkouts WHERE recovered = 0 AND checkout_day <= ?1",
                  as_of_day, checkouts, error) ||
      !stats_row (self, "SELECT COUNT(*) FROM segments", 0, segments, error))
    return FALSE;

  if (measures_are_current (self, as_of_day))
    {
      gint64 *buyers[] = { &stats->buyers, &stats->orders, &stats->revenue_cents,
                           &stats->returning_revenue_cents, NULL };

      return stats_row (self,
                        "SELECT COUNT(*), COALESCE(SUM(orders), 0),"
                        "  COALESCE(SUM(revenue_cents), 0),"
                        "  COALESCE(SUM(revenue_cents - first_order_cents), 0) "
                        "FROM customer_measures WHERE orders > 0",
                        0, buyers, error);
    }
  else
    {
      gint64 *buyers[] = { &stats->buyers, &stats->orders, &stats->revenue_cents, NULL };
      gint64 *returning[] = { &stats->returning_revenue_cents, NULL };

      return stats_row (self,
                        "SELECT COUNT(DISTINCT customer_id), COUNT(*),"
                        "  COALESCE(SUM(net_cents), 0) "
                        "FROM orders "
                        "WHERE customer_id IS NOT NULL AND cancelled = 0 AND order_day <= ?1",
                        as_of_day, buyers, error) &&
             stats_row (self,
                        "SELECT COALESCE(SUM(net_cents), 0) FROM ("
                        "  SELECT net_cents, ROW_NUMBER () OVER ("
                        "    PARTITION BY customer_id ORDER BY order_day, id) AS n "
                        "  FROM orders "
                        "  WHERE cancelled = 0 AND order_day <= ?1 AND customer_id IS NOT NULL"
                        ") WHERE n > 1",
                        as_of_day, returning, error);
    }
}

void
seg_store_emit_changed (SegStore *self)
{
  g_return_if_fail (SEG_IS_STORE (self));

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
seg_store_finalize (GObject *object)
{
  SegStore *self = (SegStore *) object;

  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (seg_store_parent_class)->finalize (object);
}

static void
seg_store_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SegStore *self = SEG_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_store_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SegStore *self = SEG_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_store_class_init (SegStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = seg_store_finalize;
  object_class->get_property = seg_store_get_property;
  object_class->set_property = seg_store_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SegStore::changed:
   *
   * Customers, orders or segments changed (an import landed, a segment was
   * edited); views should count again.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
seg_store_init (SegStore *self)
{
}
