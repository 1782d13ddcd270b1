/* seg-segments-controller.c — the segment screens of one store window
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One controller per window, installed once (seg_segments_controller_install)
 * and following the window's store.  It keeps the segments in priority
 * order as a list model for the sidebar, one SegSegmentPage per segment,
 * the Segments overview page, and the latest evaluation of all segments
 * (sizes, warnings, overlap, RFM), which a worker thread computes on its
 * own connection whenever the store changes.
 */

#define G_LOG_DOMAIN "seg-segments-controller"

#include "config.h"

#include <glib/gi18n.h>

#include "seg-application.h"
#include "seg-day.h"
#include "seg-overlap-page.h"
#include "seg-segment-page.h"
#include "seg-segment-sidebar.h"
#include "seg-segments-controller.h"
#include "seg-template-dialog.h"

#define CONTROLLER_KEY "seg-segments-controller"

struct _SegSegmentsController
{
  GObject            parent_instance;

  SegWindow         *window;         /* weak: the window owns us */
  SegStore          *store;
  gulong             store_changed_id;
  GListStore        *segments;
  GHashTable        *pages;          /* segment id → SegSegmentPage */
  SegSegmentSidebar *sidebar;
  GtkWidget         *overview_page;

  SegEvaluation     *evaluation;
  SegRfmResult      *rfm;
  GCancellable      *cancellable;
  guint              evaluating : 1;
  guint              reload_queued : 1;
};

G_DEFINE_FINAL_TYPE (SegSegmentsController, seg_segments_controller, G_TYPE_OBJECT)

enum {
  EVALUATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  char               *path;
  gint32              day;
  SegSegmentsOptions  options;
} EvaluateRequest;

typedef struct
{
  SegEvaluation *evaluation;
  SegRfmResult  *rfm;
} EvaluateResult;

/* Helpers */

static void
evaluate_request_free (gpointer data)
{
  EvaluateRequest *request = data;

  g_free (request->path);
  g_free (request);
}

static void
evaluate_result_free (gpointer data)
{
  EvaluateResult *result = data;

  g_clear_pointer (&result->evaluation, seg_evaluation_free);
  g_clear_pointer (&result->rfm, seg_rfm_result_free);
  g_free (result);
}

static void
evaluate_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  EvaluateRequest *request = task_data;
  g_autoptr(SegStore) store = NULL;
  g_autoptr(GError) error = NULL;
  EvaluateResult *result;
  SegRfmResult rfm = { 0 };

  store = seg_store_open (request->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result = g_new0 (EvaluateResult, 1);
  result->evaluation = seg_segments_evaluate_all (store, request->day, &request->options,
                                                  cancellable, &error);
  if (result->evaluation == NULL)
    {
      evaluate_result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (seg_rfm_load (seg_store_get_db (store), &rfm, NULL))
    result->rfm = seg_rfm_result_copy (&rfm);

  g_task_return_pointer (task, result, evaluate_result_free);
}

static void
update_pages (SegSegmentsController *self)
{
  GHashTableIter iter;
  gpointer page;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, &page))
    seg_segment_page_update_figures (page);

  if (self->overview_page != NULL)
    seg_overlap_page_update (SEG_OVERLAP_PAGE (self->overview_page));
}

static void
evaluate_ready_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SegSegmentsController *self = SEG_SEGMENTS_CONTROLLER (object);
  EvaluateResult *evaluated;
  g_autoptr(GError) error = NULL;

  evaluated = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    {
      g_clear_pointer (&evaluated, evaluate_result_free);
      return;
    }

  self->evaluating = FALSE;

  if (evaluated == NULL)
    {
      g_warning ("Could not evaluate the segments: %s", error->message);
      return;
    }

  g_clear_pointer (&self->evaluation, seg_evaluation_free);
  g_clear_pointer (&self->rfm, seg_rfm_result_free);
  self->evaluation = g_steal_pointer (&evaluated->evaluation);
  self->rfm = g_steal_pointer (&evaluated->rfm);
  evaluate_result_free (evaluated);

  if (self->sidebar != NULL)
    seg_segment_sidebar_update (self->sidebar);
  update_pages (self);

  g_signal_emit (self, signals[EVALUATED], 0);
}

static void
start_evaluation (SegSegmentsController *self)
{
  g_autoptr(GTask) task = NULL;
  EvaluateRequest *request;
  GApplication *app = g_application_get_default ();

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->store == NULL)
    return;

  request = g_new0 (EvaluateRequest, 1);
  request->path = g_strdup (seg_store_get_path (self->store));
  request->day = seg_store_get_reference_day (self->store);
  seg_segments_options_init (&request->options);
  if (SEG_IS_APPLICATION (app) && seg_application_get_settings (SEG_APPLICATION (app)) != NULL)
    request->options.min_customers =
      g_settings_get_int (seg_application_get_settings (SEG_APPLICATION (app)),
                          "small-segment-threshold");

  self->cancellable = g_cancellable_new ();
  self->evaluating = TRUE;
  task = g_task_new (self, self->cancellable, evaluate_ready_cb, NULL);
  g_task_set_source_tag (task, start_evaluation);
  g_task_set_task_data (task, request, evaluate_request_free);
  g_task_run_in_thread (task, evaluate_thread);
}

static void
remove_page (SegSegmentsController *self,
             GtkWidget             *page)
{
  GtkWidget *stack = gtk_widget_get_parent (page);

  if (GTK_IS_STACK (stack))
    gtk_stack_remove (GTK_STACK (stack), page);
}

static void
remove_all_pages (SegSegmentsController *self)
{
  GHashTableIter iter;
  gpointer page;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, &page))
    remove_page (self, page);
  g_hash_table_remove_all (self->pages);
}

static gboolean
same_order (GListModel *a,
            GListModel *b)
{
  guint n = g_list_model_get_n_items (a);

  if (n != g_list_model_get_n_items (b))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SegSegment) sa = g_list_model_get_item (a, i);
      g_autoptr(SegSegment) sb = g_list_model_get_item (b, i);

      if (seg_segment_get_id (sa) != seg_segment_get_id (sb) ||
          g_strcmp0 (seg_segment_get_name (sa), seg_segment_get_name (sb)) != 0 ||
          g_strcmp0 (seg_segment_get_color (sa), seg_segment_get_color (sb)) != 0)
        return FALSE;
    }

  return TRUE;
}

static void
load_segments (SegSegmentsController *self)
{
  g_autoptr(GListModel) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) alive = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer key, page;
  guint n;

  if (self->store != NULL)
    loaded = seg_segments_load_model (self->store, &error);
  if (loaded == NULL)
    {
      if (error != NULL)
        g_warning ("Could not load the segments: %s", error->message);
      g_list_store_remove_all (self->segments);
      remove_all_pages (self);
      return;
    }

  n = g_list_model_get_n_items (loaded);
  for (guint i = 0; i < n; i++)
    {
      SegSegment *segment = g_list_model_get_item (loaded, i);
      gint64 *id = g_new (gint64, 1);

      *id = seg_segment_get_id (segment);
      g_hash_table_add (alive, id);
      g_ptr_array_add (items, segment);

      page = g_hash_table_lookup (self->pages, id);
      if (page != NULL)
        seg_segment_page_set_segment (page, segment);
    }

  /* The sidebar's rows are made again only when something they show moved. */
  if (same_order (loaded, G_LIST_MODEL (self->segments)))
    {
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(SegSegment) old = g_list_model_get_item (G_LIST_MODEL (self->segments), i);
          SegSegment *segment = g_ptr_array_index (items, i);

          /* Rows keep their segment; give it the saved fields. */
          seg_segment_set_rule (old, seg_segment_get_rule (segment));
          seg_segment_set_notes (old, seg_segment_get_notes (segment));
          seg_segment_set_reviewed_at (old, seg_segment_get_reviewed_at (segment));
          seg_segment_set_priority (old, seg_segment_get_priority (segment));
        }
    }
  else
    g_list_store_splice (self->segments, 0, g_list_model_get_n_items (G_LIST_MODEL (self->segments)),
                         items->pdata, items->len);

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, &page))
    if (!g_hash_table_contains (alive, key))
      {
        remove_page (self, page);
        g_hash_table_iter_remove (&iter);
      }

}

static gboolean
reload_cb (gpointer data)
{
  SegSegmentsController *self = data;

  self->reload_queued = FALSE;
  seg_segments_controller_reload (self);

  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (SegStore              *store,
                  SegSegmentsController *self)
{
  /* Imports say so from their thread: widgets wait for the main loop. */
  if (self->reload_queued)
    return;
  self->reload_queued = TRUE;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, reload_cb,
                              g_object_ref (self), g_object_unref);
}

static void
set_store (SegSegmentsController *self,
           SegStore              *store)
{
  if (self->store == store)
    return;

  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->store_changed_id = g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb),
                                               self);

  g_clear_pointer (&self->evaluation, seg_evaluation_free);
  g_clear_pointer (&self->rfm, seg_rfm_result_free);
  remove_all_pages (self);
  g_list_store_remove_all (self->segments);

  if (self->overview_page != NULL)
    {
      remove_page (self, self->overview_page);
      g_clear_object (&self->overview_page);
    }

  if (store == NULL)
    return;

  if (self->sidebar == NULL)
    self->sidebar = seg_segment_sidebar_new (self);

  self->overview_page = g_object_ref_sink (seg_overlap_page_new (self));
  seg_window_add_page (self->window, SEG_SEGMENTS_OVERVIEW_PAGE, _("Segments"),
                       self->overview_page);

  seg_segments_controller_reload (self);
}

static void
window_store_changed_cb (SegWindow             *window,
                         GParamSpec            *pspec,
                         SegSegmentsController *self)
{
  set_store (self, seg_window_get_store (window));
}

static void
undo_clicked_cb (AdwToast              *toast,
                 SegSegmentsController *self)
{
  SegSegment *segment = g_object_get_data (G_OBJECT (toast), "seg-segment");
  g_autoptr(GError) error = NULL;

  if (segment == NULL || self->store == NULL)
    return;

  if (!seg_segments_restore (self->store, segment, &error))
    {
      seg_segments_controller_add_toast (self, error->message);
      return;
    }

  g_object_set_data (G_OBJECT (toast), "seg-segment", NULL);
  seg_segments_controller_store_changed (self);
}

/* Overrides */

static void
seg_segments_controller_dispose (GObject *object)
{
  SegSegmentsController *self = (SegSegmentsController *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  g_clear_object (&self->store);
  g_clear_object (&self->sidebar);
  g_clear_object (&self->overview_page);

  G_OBJECT_CLASS (seg_segments_controller_parent_class)->dispose (object);
}

static void
seg_segments_controller_finalize (GObject *object)
{
  SegSegmentsController *self = (SegSegmentsController *) object;

  g_clear_pointer (&self->evaluation, seg_evaluation_free);
  g_clear_pointer (&self->rfm, seg_rfm_result_free);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_object (&self->segments);

  G_OBJECT_CLASS (seg_segments_controller_parent_class)->finalize (object);
}

static void
seg_segments_controller_class_init (SegSegmentsControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = seg_segments_controller_dispose;
  object_class->finalize = seg_segments_controller_finalize;

  /**
   * SegSegmentsController::evaluated:
   *
   * A new evaluation of all segments is in.
   */
  signals[EVALUATED] =
    g_signal_new ("evaluated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
seg_segments_controller_init (SegSegmentsController *self)
{
  self->segments = g_list_store_new (SEG_TYPE_SEGMENT);
  self->pages = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

/* Public API */

/**
 * seg_segments_controller_install:
 * @window: a store window
 *
 * Gives @window its segment screens: the sidebar's segment rows, a page
 * per segment and the Segments overview.  Call once, when the window is
 * made; the controller follows the window's store from then on.
 */
void
seg_segments_controller_install (SegWindow *window)
{
  SegSegmentsController *self;

  g_return_if_fail (SEG_IS_WINDOW (window));

  if (g_object_get_data (G_OBJECT (window), CONTROLLER_KEY) != NULL)
    return;

  self = g_object_new (SEG_TYPE_SEGMENTS_CONTROLLER, NULL);
  self->window = window;
  g_object_set_data_full (G_OBJECT (window), CONTROLLER_KEY, self, g_object_unref);
  g_signal_connect_object (window, "notify::store", G_CALLBACK (window_store_changed_cb),
                           self, 0);
  set_store (self, seg_window_get_store (window));
}

/**
 * seg_segments_controller_get_for_window:
 *
 * Returns: (transfer none) (nullable): the controller installed in @window
 */
SegSegmentsController *
seg_segments_controller_get_for_window (SegWindow *window)
{
  g_return_val_if_fail (SEG_IS_WINDOW (window), NULL);
  return g_object_get_data (G_OBJECT (window), CONTROLLER_KEY);
}

SegWindow *
seg_segments_controller_get_window (SegSegmentsController *self)
{
  g_return_val_if_fail (SEG_IS_SEGMENTS_CONTROLLER (self), NULL);
  return self->window;
}

SegStore *
seg_segments_controller_get_store (SegSegmentsController *self)
{
  g_return_val_if_fail (SEG_IS_SEGMENTS_CONTROLLER (self), NULL);
  return self->store;
}

/**
 * seg_segments_controller_get_segments:
 *
 * Returns: (transfer none): the store's segments (#SegSegment) in priority order
 */
GListModel *
seg_segments_controller_get_segments (SegSegmentsController *self)
{
  g_return_val_if_fail (SEG_IS_SEGMENTS_CONTROLLER (self), NULL);
  return G_LIST_MODEL (self->segments);
}

/**
 * seg_segments_controller_get_evaluation:
 *
 * Returns: (transfer none) (nullable): the latest evaluation, %NULL until
 *   the first is in
 */
SegEvaluation *
seg_segments_controller_get_evaluation (SegSegmentsController *self)
{
  g_return_val_if_fail (SEG_IS_SEGMENTS_CONTROLLER (self), NULL);
  return self->evaluation;
}

const SegRfmResult *
seg_segments_controller_get_rfm (SegSegmentsController *self)
{
  g_return_val_if_fail (SEG_IS_SEGMENTS_CONTROLLER (self), NULL);
  return self->rfm;
}

gboolean
seg_segments_controller_get_evaluating (SegSegmentsController *self)
{
  g_return_val_if_fail (SEG_IS_SEGMENTS_CONTROLLER (self), FALSE);
  return self->evaluating || self->reload_queued;
}

char *
seg_segments_controller_dup_page_name (gint64 segment_id)
{
  return g_strdup_printf ("segment-%" G_GINT64_FORMAT, segment_id);
}

/**
 * seg_segments_controller_get_page:
 *
 * Returns: (transfer none) (nullable): the segment's page, made and added
 *   to the window on first use
 */
GtkWidget *
seg_segments_controller_get_page (SegSegmentsController *self,
                                  gint64                 segment_id)
{
  GtkWidget *page;
  g_autofree char *name = NULL;
  gint64 *key;

  g_return_val_if_fail (SEG_IS_SEGMENTS_CONTROLLER (self), NULL);

  page = g_hash_table_lookup (self->pages, &segment_id);
  if (page != NULL)
    return page;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->segments)); i++)
    {
      g_autoptr(SegSegment) segment = g_list_model_get_item (G_LIST_MODEL (self->segments), i);

      if (seg_segment_get_id (segment) != segment_id)
        continue;

      page = g_object_ref_sink (seg_segment_page_new (self, segment));
      key = g_new (gint64, 1);
      *key = segment_id;
      g_hash_table_insert (self->pages, key, page);
      name = seg_segments_controller_dup_page_name (segment_id);
      seg_window_add_page (self->window, name, seg_segment_get_name (segment), page);
      return page;
    }

  return NULL;
}

/**
 * seg_segments_controller_reload:
 *
 * Reads the segments again and evaluates them in a worker thread.
 */
void
seg_segments_controller_reload (SegSegmentsController *self)
{
  g_return_if_fail (SEG_IS_SEGMENTS_CONTROLLER (self));

  load_segments (self);
  start_evaluation (self);
}

/**
 * seg_segments_controller_store_changed:
 *
 * After a change to the segments: every view of the store counts again,
 * this controller included.
 */
void
seg_segments_controller_store_changed (SegSegmentsController *self)
{
  g_return_if_fail (SEG_IS_SEGMENTS_CONTROLLER (self));

  if (self->store != NULL)
    seg_store_emit_changed (self->store);
}

void
seg_segments_controller_open_segment (SegSegmentsController *self,
                                      gint64                 segment_id)
{
  g_autofree char *name = NULL;

  g_return_if_fail (SEG_IS_SEGMENTS_CONTROLLER (self));

  if (seg_segments_controller_get_page (self, segment_id) == NULL)
    return;

  name = seg_segments_controller_dup_page_name (segment_id);
  seg_window_show_page (self->window, name);
}

void
seg_segments_controller_show_overview (SegSegmentsController *self)
{
  g_return_if_fail (SEG_IS_SEGMENTS_CONTROLLER (self));

  if (self->overview_page != NULL)
    seg_window_show_page (self->window, SEG_SEGMENTS_OVERVIEW_PAGE);
}

static void
segment_created_cb (SegTemplateDialog     *dialog,
                    SegSegment            *segment,
                    SegSegmentsController *self)
{
  gint64 id = seg_segment_get_id (segment);

  /* Load now rather than on the store's "changed", so the page exists. */
  seg_segments_controller_reload (self);
  seg_segments_controller_store_changed (self);
  seg_segments_controller_open_segment (self, id);
}

/**
 * seg_segments_controller_new_segment:
 *
 * Shows the New Segment dialog: the templates and a blank segment.
 */
void
seg_segments_controller_new_segment (SegSegmentsController *self)
{
  GtkWidget *dialog;

  g_return_if_fail (SEG_IS_SEGMENTS_CONTROLLER (self));

  if (self->store == NULL)
    return;

  dialog = seg_template_dialog_new (self->store);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self->window));
  g_signal_connect_object (dialog, "segment-created", G_CALLBACK (segment_created_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * seg_segments_controller_move:
 * @delta: -1 to move up one place in priority, 1 to move down
 */
gboolean
seg_segments_controller_move (SegSegmentsController *self,
                              gint64                 segment_id,
                              int                    delta)
{
  guint n;

  g_return_val_if_fail (SEG_IS_SEGMENTS_CONTROLLER (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->segments));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SegSegment) segment = g_list_model_get_item (G_LIST_MODEL (self->segments), i);
      int target = (int) i + delta;

      if (seg_segment_get_id (segment) != segment_id)
        continue;
      if (target < 0 || target >= (int) n)
        return FALSE;

      return seg_segments_controller_move_to (self, segment_id, target);
    }

  return FALSE;
}

gboolean
seg_segments_controller_move_to (SegSegmentsController *self,
                                 gint64                 segment_id,
                                 guint                  position)
{
  g_autoptr(GError) error = NULL;
  GtkListBox *list;
  GtkListBoxRow *row;

  g_return_val_if_fail (SEG_IS_SEGMENTS_CONTROLLER (self), FALSE);

  if (self->store == NULL)
    return FALSE;

  if (!seg_segments_move (self->store, segment_id, position, &error))
    {
      seg_segments_controller_add_toast (self, error->message);
      return FALSE;
    }

  seg_segments_controller_reload (self);
  seg_segments_controller_store_changed (self);

  /* Keyboard users keep their place on the moved row. */
  list = seg_window_get_segment_list (self->window);
  row = gtk_list_box_get_row_at_index (list, position);
  if (row != NULL && gtk_widget_get_mapped (GTK_WIDGET (list)))
    gtk_widget_grab_focus (GTK_WIDGET (row));

  return TRUE;
}

/**
 * seg_segments_controller_delete:
 *
 * Deletes the segment and shows a toast whose Undo brings it back.
 *
 * Returns: (transfer none) (nullable): the toast, or %NULL on failure
 */
AdwToast *
seg_segments_controller_delete (SegSegmentsController *self,
                                gint64                 segment_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegSegment) deleted = NULL;
  g_autofree char *title = NULL;
  g_autofree char *page_name = NULL;
  AdwToast *toast;

  g_return_val_if_fail (SEG_IS_SEGMENTS_CONTROLLER (self), NULL);

  if (self->store == NULL)
    return NULL;

  deleted = seg_segments_delete (self->store, segment_id, &error);
  if (deleted == NULL)
    {
      seg_segments_controller_add_toast (self, error->message);
      return NULL;
    }

  page_name = seg_segments_controller_dup_page_name (segment_id);
  if (g_strcmp0 (seg_window_get_page (self->window), page_name) == 0)
    seg_window_show_page (self->window, SEG_SEGMENTS_OVERVIEW_PAGE);

  seg_segments_controller_reload (self);
  seg_segments_controller_store_changed (self);

  /* Translators: %s is a segment's name. */
  title = g_strdup_printf (_("“%s” deleted"), seg_segment_get_name (deleted));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "seg-segment", g_steal_pointer (&deleted),
                          g_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), self, 0);
  seg_window_add_toast (self->window, toast);

  return toast;
}

void
seg_segments_controller_add_toast (SegSegmentsController *self,
                                   const char            *message)
{
  g_return_if_fail (SEG_IS_SEGMENTS_CONTROLLER (self));

  seg_window_add_toast (self->window, adw_toast_new (message));
}
