/* seg-recent-stores.c — the stores opened lately, newest first
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list of paths lives in GSettings ("recent-stores"); the name and the
 * last import come from each file, read-only, so that the welcome screen
 * describes a store without opening (or migrating, or locking) it.
 */

#define G_LOG_DOMAIN "seg-recent-stores"

#include "config.h"

#include <sqlite3.h>

#include "seg-recent-stores.h"

struct _SegRecentStore
{
  GObject    parent_instance;

  char      *path;
  char      *name;
  guint64    size;
  GDateTime *last_import;
};

G_DEFINE_FINAL_TYPE (SegRecentStore, seg_recent_store, G_TYPE_OBJECT)

struct _SegRecentStores
{
  GObject    parent_instance;

  GSettings *settings;
  GPtrArray *stores;
  gulong     changed_id;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SegRecentStores, seg_recent_stores, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
seg_recent_store_finalize (GObject *object)
{
  SegRecentStore *self = (SegRecentStore *) object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->last_import, g_date_time_unref);

  G_OBJECT_CLASS (seg_recent_store_parent_class)->finalize (object);
}

static void
seg_recent_store_class_init (SegRecentStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = seg_recent_store_finalize;
}

static void
seg_recent_store_init (SegRecentStore *self)
{
}

const char *
seg_recent_store_get_path (SegRecentStore *self)
{
  g_return_val_if_fail (SEG_IS_RECENT_STORE (self), NULL);
  return self->path;
}

const char *
seg_recent_store_get_name (SegRecentStore *self)
{
  g_return_val_if_fail (SEG_IS_RECENT_STORE (self), NULL);
  return self->name;
}

guint64
seg_recent_store_get_size (SegRecentStore *self)
{
  g_return_val_if_fail (SEG_IS_RECENT_STORE (self), 0);
  return self->size;
}

GDateTime *
seg_recent_store_get_last_import (SegRecentStore *self)
{
  g_return_val_if_fail (SEG_IS_RECENT_STORE (self), NULL);
  return self->last_import;
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;

  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

  sqlite3_finalize (stmt);
  return result;
}

/* Returns NULL when the file is gone: the list shows only what can open. */
static SegRecentStore *
describe_store (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *last_import = NULL;
  SegRecentStore *store;
  sqlite3 *db = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info == NULL)
    return NULL;

  store = g_object_new (SEG_TYPE_RECENT_STORE, NULL);
  store->path = g_strdup (path);
  store->size = g_file_info_get_size (info);

  /* immutable=1 would skip the WAL; a plain read-only open reads it. */
  uri = g_filename_to_uri (path, NULL, NULL);
  if (uri != NULL &&
      sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, 200);
      store->name = query_text (db, "SELECT value FROM settings WHERE key = 'name'");
      last_import = query_text (db, "SELECT MAX(imported_at) FROM import_log");
    }
  sqlite3_close (db);

  if (store->name == NULL || *store->name == '\0')
    {
      g_autofree char *base = g_filename_display_basename (path);

      if (g_str_has_suffix (base, ".segments"))
        base[strlen (base) - strlen (".segments")] = '\0';
      g_free (store->name);
      store->name = g_steal_pointer (&base);
    }

  if (last_import != NULL)
    store->last_import = g_date_time_new_from_iso8601 (last_import, NULL);

  return store;
}

static void
settings_changed_cb (SegRecentStores *self)
{
  seg_recent_stores_reload (self);
}

static GType
get_item_type (GListModel *model)
{
  return SEG_TYPE_RECENT_STORE;
}

static guint
get_n_items (GListModel *model)
{
  return SEG_RECENT_STORES (model)->stores->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  SegRecentStores *self = SEG_RECENT_STORES (model);

  if (position >= self->stores->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->stores, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
seg_recent_stores_dispose (GObject *object)
{
  SegRecentStores *self = (SegRecentStores *) object;

  if (self->settings != NULL && self->changed_id != 0)
    g_clear_signal_handler (&self->changed_id, self->settings);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (seg_recent_stores_parent_class)->dispose (object);
}

static void
seg_recent_stores_finalize (GObject *object)
{
  SegRecentStores *self = (SegRecentStores *) object;

  g_clear_pointer (&self->stores, g_ptr_array_unref);

  G_OBJECT_CLASS (seg_recent_stores_parent_class)->finalize (object);
}

static void
seg_recent_stores_class_init (SegRecentStoresClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = seg_recent_stores_dispose;
  object_class->finalize = seg_recent_stores_finalize;
}

static void
seg_recent_stores_init (SegRecentStores *self)
{
  self->stores = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * seg_recent_stores_new:
 * @settings: (nullable): the application's settings; without them the list
 *   stays empty
 */
SegRecentStores *
seg_recent_stores_new (GSettings *settings)
{
  SegRecentStores *self = g_object_new (SEG_TYPE_RECENT_STORES, NULL);

  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      self->changed_id = g_signal_connect_swapped (settings, "changed::recent-stores",
                                                   G_CALLBACK (settings_changed_cb), self);
      seg_recent_stores_reload (self);
    }

  return self;
}

/**
 * seg_recent_stores_reload:
 *
 * Reads the list and every file again (sizes and imports change).
 */
void
seg_recent_stores_reload (SegRecentStores *self)
{
  g_auto(GStrv) paths = NULL;
  guint removed;

  g_return_if_fail (SEG_IS_RECENT_STORES (self));

  removed = self->stores->len;
  g_ptr_array_set_size (self->stores, 0);

  if (self->settings != NULL)
    paths = g_settings_get_strv (self->settings, "recent-stores");

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      SegRecentStore *store = describe_store (paths[i]);

      if (store != NULL)
        g_ptr_array_add (self->stores, store);
    }

  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->stores->len);
}

static void
write_paths (SegRecentStores *self,
             const char      *first,
             const char      *without)
{
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) paths = NULL;
  guint n = 0;

  if (self->settings == NULL)
    return;

  old = g_settings_get_strv (self->settings, "recent-stores");

  if (first != NULL)
    {
      g_strv_builder_add (builder, first);
      n++;
    }

  for (guint i = 0; old[i] != NULL && n < SEG_RECENT_STORES_MAX; i++)
    {
      if (g_strcmp0 (old[i], first) == 0 || g_strcmp0 (old[i], without) == 0)
        continue;
      g_strv_builder_add (builder, old[i]);
      n++;
    }

  paths = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-stores", (const char * const *) paths);
}

/**
 * seg_recent_stores_add:
 * @path: a store file; made absolute
 *
 * Puts @path first.
 */
void
seg_recent_stores_add (SegRecentStores *self,
                       const char      *path)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *absolute = NULL;

  g_return_if_fail (SEG_IS_RECENT_STORES (self));
  g_return_if_fail (path != NULL);

  file = g_file_new_for_path (path);
  absolute = g_file_get_path (file);
  write_paths (self, absolute, NULL);
}

void
seg_recent_stores_remove (SegRecentStores *self,
                          const char      *path)
{
  g_return_if_fail (SEG_IS_RECENT_STORES (self));
  g_return_if_fail (path != NULL);

  write_paths (self, NULL, path);
}
