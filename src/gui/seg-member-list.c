/* seg-member-list.c — the customers in a segment, fetched as scrolled to
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A lazy list model of the segment page: a worker thread lists the ids of
 * the members in the chosen order (seg_segments_query_members ()), then
 * rows are read a page at a time by primary key as the view scrolls.
 */

#define G_LOG_DOMAIN "seg-member-list"

#include "config.h"

#include "seg-customer-pages.h"
#include "seg-member-list.h"
#include "seg-segment-list.h"

#define MEMBER_PAGE_SIZE 100
#define MAX_CACHED_PAGES 40

struct _SegMemberList
{
  GObject           parent_instance;

  SegStore         *store;
  SegCustomerPages *members;
  GCancellable     *cancellable;
  guint             loading : 1;
};

static void member_list_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SegMemberList, seg_member_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, member_list_iface_init))

typedef struct
{
  char    *path;
  SegRule *rule;
  gint32   day;
  char    *order_by;
  gboolean descending;
} MembersRequest;

static void
members_request_free (gpointer data)
{
  MembersRequest *request = data;

  g_free (request->path);
  g_clear_object (&request->rule);
  g_free (request->order_by);
  g_free (request);
}

static void
members_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  MembersRequest *request = task_data;
  g_autoptr(SegStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GArray *ids;

  store = seg_store_open (request->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  ids = seg_segments_query_members (store, request->rule, request->day, request->order_by,
                                    request->descending, -1, 0, &error);
  if (ids == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    {
      g_array_unref (ids);
      return;
    }

  g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
}

static void
members_ready_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SegMemberList *self = SEG_MEMBER_LIST (object);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  guint removed;

  ids = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;

  if (ids == NULL)
    {
      g_warning ("Could not list the members: %s", error->message);
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    }

  removed = seg_customer_pages_replace_ids (self->members, g_steal_pointer (&ids));
  self->loading = FALSE;

  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed,
                              seg_customer_pages_get_n_customers (self->members));
  g_object_notify (G_OBJECT (self), "n-items");
}

static GType
member_list_get_item_type (GListModel *model)
{
  return SEG_TYPE_CUSTOMER;
}

static guint
member_list_get_n_items (GListModel *model)
{
  return seg_customer_pages_get_n_customers (SEG_MEMBER_LIST (model)->members);
}

static gpointer
member_list_get_item (GListModel *model,
                      guint       position)
{
  return seg_customer_pages_dup_customer (SEG_MEMBER_LIST (model)->members, position);
}

static void
member_list_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = member_list_get_item_type;
  iface->get_n_items = member_list_get_n_items;
  iface->get_item = member_list_get_item;
}

static void
seg_member_list_dispose (GObject *object)
{
  SegMemberList *self = SEG_MEMBER_LIST (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  seg_customer_pages_close (self->members);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (seg_member_list_parent_class)->dispose (object);
}

static void
seg_member_list_finalize (GObject *object)
{
  SegMemberList *self = SEG_MEMBER_LIST (object);

  g_clear_pointer (&self->members, seg_customer_pages_free);

  G_OBJECT_CLASS (seg_member_list_parent_class)->finalize (object);
}

static void
seg_member_list_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SegMemberList *self = SEG_MEMBER_LIST (object);

  g_value_set_uint (value, seg_customer_pages_get_n_customers (self->members));
}

static void
seg_member_list_class_init (SegMemberListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = seg_member_list_dispose;
  object_class->get_property = seg_member_list_get_property;
  object_class->finalize = seg_member_list_finalize;

  g_object_class_install_property (object_class, 1,
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
}

static void
seg_member_list_init (SegMemberList *self)
{
}

/**
 * seg_member_list_new:
 *
 * Makes an empty member list for the segments of @store; it fills in
 * after seg_member_list_query ().
 */
SegMemberList *
seg_member_list_new (SegStore *store)
{
  SegMemberList *self;

  g_return_val_if_fail (SEG_IS_STORE (store), NULL);

  self = g_object_new (SEG_TYPE_MEMBER_LIST, NULL);
  self->store = g_object_ref (store);
  self->members = seg_customer_pages_new (store, MEMBER_PAGE_SIZE, MAX_CACHED_PAGES,
                                          SEG_CUSTOMER_PAGES_NONE);

  return self;
}

/**
 * seg_member_list_query:
 *
 * Lists the customers matching @rule, sorted by @order_by (a column of
 * seg_segments_get_sort_columns ()), in a worker thread.  A query still
 * running is cancelled; "items-changed" is emitted once the new list is in.
 */
void
seg_member_list_query (SegMemberList *self,
                       SegRule       *rule,
                       const char    *order_by,
                       gboolean       descending)
{
  g_autoptr(GTask) task = NULL;
  MembersRequest *request;

  g_return_if_fail (SEG_IS_MEMBER_LIST (self));
  g_return_if_fail (SEG_IS_RULE (rule));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;

  request = g_new0 (MembersRequest, 1);
  request->path = g_strdup (seg_store_get_path (self->store));
  request->rule = seg_rule_copy (rule);
  request->day = seg_store_get_reference_day (self->store);
  request->order_by = g_strdup (order_by);
  request->descending = descending;

  task = g_task_new (self, self->cancellable, members_ready_cb, NULL);
  g_task_set_source_tag (task, seg_member_list_query);
  g_task_set_task_data (task, request, members_request_free);
  g_task_run_in_thread (task, members_thread);
}

/**
 * seg_member_list_get_loading:
 *
 * Returns: whether a query is still running
 */
gboolean
seg_member_list_get_loading (SegMemberList *self)
{
  g_return_val_if_fail (SEG_IS_MEMBER_LIST (self), FALSE);
  return self->loading;
}
