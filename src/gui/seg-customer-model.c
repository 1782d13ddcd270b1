/* seg-customer-model.c — every customer of a store, fetched as scrolled to
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A query (search text and sort order) is answered in two steps.  A worker
 * thread, on its own connection, lists the ids of the matching customers in
 * order: 100,000 integers, a single pass.  Then the list view asks for the
 * items it shows, and the model reads them a page of 200 at a time by
 * primary key, keeping recent pages, so that scrolling anywhere in a very
 * long list costs one small indexed query per page.
 */

#define G_LOG_DOMAIN "seg-customer-model"

#include "config.h"

#include "seg-customer-model.h"
#include "seg-customer-pages.h"
#include "seg-day.h"

#define MAX_CACHED_PAGES 32

struct _SegCustomerModel
{
  GObject          parent_instance;

  SegStore         *store;
  SegCustomerPages *customers;
  GCancellable     *cancellable;

  char            *search;
  SegCustomerSort  sort;
  gboolean         descending;
  guint            loading : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SegCustomerModel, seg_customer_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define DISPLAY_NAME \
  "COALESCE(NULLIF(TRIM(COALESCE(c.first_name, '') || ' ' || COALESCE(c.last_name, '')), ''), " \
  "c.email) COLLATE NOCASE"

/* The only text that ever becomes part of the ORDER BY clause. */
static const char * const order_by[SEG_N_CUSTOMER_SORTS][2] = {
  [SEG_CUSTOMER_SORT_NAME] = { DISPLAY_NAME " ASC, c.id ASC", DISPLAY_NAME " DESC, c.id DESC" },
  [SEG_CUSTOMER_SORT_EMAIL] = { "c.email COLLATE NOCASE ASC, c.id ASC",
                                "c.email COLLATE NOCASE DESC, c.id DESC" },
  [SEG_CUSTOMER_SORT_COUNTRY] = { "c.country ASC, c.id ASC", "c.country DESC, c.id DESC" },
  [SEG_CUSTOMER_SORT_ORDERS] = { "COALESCE(m.orders, 0) ASC, c.id ASC",
                                 "COALESCE(m.orders, 0) DESC, c.id DESC" },
  [SEG_CUSTOMER_SORT_REVENUE] = { "COALESCE(m.revenue_cents, 0) ASC, c.id ASC",
                                  "COALESCE(m.revenue_cents, 0) DESC, c.id DESC" },
  [SEG_CUSTOMER_SORT_LAST_ORDER] = { "m.last_order_day ASC, c.id ASC",
                                     "m.last_order_day DESC, c.id DESC" },
};

typedef struct
{
  SegStore        *store;
  char            *pattern;   /* LIKE pattern, or NULL for everyone */
  SegCustomerSort  sort;
  gboolean         descending;
} IdsRequest;

static void
ids_request_free (gpointer data)
{
  IdsRequest *request = data;

  g_clear_object (&request->store);
  g_free (request->pattern);
  g_free (request);
}

static char *
dup_like_pattern (const char *search)
{
  GString *pattern;

  if (search == NULL || *search == '\0')
    return NULL;

  pattern = g_string_new ("%");
  for (const char *p = search; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');

  return g_string_free (pattern, FALSE);
}

static int
check_cancelled (void *data)
{
  return g_cancellable_is_cancelled (data);
}

static void
ids_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  IdsRequest *request = task_data;
  g_autoptr(sqlite3) db = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 1024);
  g_autofree char *sql = NULL;
  int rc;

  db = seg_store_open_connection (request->store, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  sql = g_strconcat ("SELECT c.id FROM customers c "
                     "LEFT JOIN customer_measures m ON m.customer_id = c.id ",
                     request->pattern != NULL
                     ? "WHERE c.email LIKE ?1 ESCAPE '\\' OR "
                       "(COALESCE(c.first_name, '') || ' ' || COALESCE(c.last_name, '')) "
                       "LIKE ?1 ESCAPE '\\' "
                     : "",
                     "ORDER BY ", order_by[request->sort][request->descending ? 1 : 0],
                     NULL);

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_task_return_new_error (task, SEG_STORE_ERROR, SEG_STORE_ERROR_FAILED,
                               "%s", sqlite3_errmsg (db));
      return;
    }

  if (request->pattern != NULL)
    sqlite3_bind_text (stmt, 1, request->pattern, -1, SQLITE_STATIC);

  sqlite3_progress_handler (db, 1000, check_cancelled, cancellable);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_progress_handler (db, 0, NULL, NULL);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (rc != SQLITE_DONE)
    {
      g_task_return_new_error (task, SEG_STORE_ERROR, SEG_STORE_ERROR_FAILED,
                               "%s", sqlite3_errmsg (db));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&ids), (GDestroyNotify) g_array_unref);
}

static void
set_loading (SegCustomerModel *self,
             gboolean          loading)
{
  if (self->loading == !!loading)
    return;

  self->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
ids_ready_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SegCustomerModel *self = SEG_CUSTOMER_MODEL (object);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  guint removed;

  ids = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;

  if (ids == NULL)
    {
      g_warning ("Could not list the customers: %s", error->message);
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    }

  removed = seg_customer_pages_replace_ids (self->customers, g_steal_pointer (&ids));

  set_loading (self, FALSE);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed,
                              seg_customer_pages_get_n_customers (self->customers));
}

static GType
get_item_type (GListModel *model)
{
  return SEG_TYPE_CUSTOMER;
}

static guint
get_n_items (GListModel *model)
{
  return seg_customer_pages_get_n_customers (SEG_CUSTOMER_MODEL (model)->customers);
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  return seg_customer_pages_dup_customer (SEG_CUSTOMER_MODEL (model)->customers, position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
seg_customer_model_dispose (GObject *object)
{
  SegCustomerModel *self = (SegCustomerModel *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  seg_customer_pages_close (self->customers);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (seg_customer_model_parent_class)->dispose (object);
}

static void
seg_customer_model_finalize (GObject *object)
{
  SegCustomerModel *self = (SegCustomerModel *) object;

  g_clear_pointer (&self->customers, seg_customer_pages_free);
  g_clear_pointer (&self->search, g_free);

  G_OBJECT_CLASS (seg_customer_model_parent_class)->finalize (object);
}

static void
seg_customer_model_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SegCustomerModel *self = SEG_CUSTOMER_MODEL (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_customer_model_class_init (SegCustomerModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = seg_customer_model_dispose;
  object_class->finalize = seg_customer_model_finalize;
  object_class->get_property = seg_customer_model_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
seg_customer_model_init (SegCustomerModel *self)
{
}

/**
 * seg_customer_model_new:
 *
 * Lists every customer of @store by name; the list fills in when
 * "loading" turns %FALSE.
 */
SegCustomerModel *
seg_customer_model_new (SegStore *store)
{
  SegCustomerModel *self;

  g_return_val_if_fail (SEG_IS_STORE (store), NULL);

  self = g_object_new (SEG_TYPE_CUSTOMER_MODEL, NULL);
  self->store = g_object_ref (store);
  self->customers = seg_customer_pages_new (store, SEG_CUSTOMER_MODEL_PAGE_SIZE, MAX_CACHED_PAGES,
                                            SEG_CUSTOMER_PAGES_KEEP_STATEMENT);
  seg_customer_model_reload (self);

  return self;
}

/**
 * seg_customer_model_set_query:
 * @search: (nullable): text found in the name or email address
 */
void
seg_customer_model_set_query (SegCustomerModel *self,
                              const char       *search,
                              SegCustomerSort   sort,
                              gboolean          descending)
{
  g_return_if_fail (SEG_IS_CUSTOMER_MODEL (self));
  g_return_if_fail (sort < SEG_N_CUSTOMER_SORTS);

  if (search != NULL && *search == '\0')
    search = NULL;

  if (g_strcmp0 (search, self->search) == 0 && sort == self->sort &&
      !!descending == self->descending)
    return;

  g_free (self->search);
  self->search = g_strdup (search);
  self->sort = sort;
  self->descending = !!descending;

  seg_customer_model_reload (self);
}

/**
 * seg_customer_model_reload:
 *
 * Runs the query again (after an import, say).
 */
void
seg_customer_model_reload (SegCustomerModel *self)
{
  g_autoptr(GTask) task = NULL;
  IdsRequest *request;

  g_return_if_fail (SEG_IS_CUSTOMER_MODEL (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  request = g_new0 (IdsRequest, 1);
  request->store = g_object_ref (self->store);
  request->pattern = dup_like_pattern (self->search);
  request->sort = self->sort;
  request->descending = self->descending;

  set_loading (self, TRUE);
  task = g_task_new (self, self->cancellable, ids_ready_cb, NULL);
  g_task_set_source_tag (task, seg_customer_model_reload);
  g_task_set_task_data (task, request, ids_request_free);
  g_task_run_in_thread (task, ids_thread);
}

gboolean
seg_customer_model_get_loading (SegCustomerModel *self)
{
  g_return_val_if_fail (SEG_IS_CUSTOMER_MODEL (self), FALSE);
  return self->loading;
}

const char *
seg_customer_model_get_search (SegCustomerModel *self)
{
  g_return_val_if_fail (SEG_IS_CUSTOMER_MODEL (self), NULL);
  return self->search;
}
