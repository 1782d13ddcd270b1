/* seg-dashboard-view.c — the dashboard charts in a responsive grid
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The charts are built in a worker thread on a store opened there (its own
 * SQLite connection), so the window never waits for the queries; the views
 * are created once and then only handed new chart models, which keeps the
 * keyboard focus and the layout where they were across reloads.
 */

#define G_LOG_DOMAIN "seg-dashboard-view"

#include "config.h"

#include <glib/gi18n.h>

#include "seg-chart-view.h"
#include "seg-dashboard.h"
#include "seg-dashboard-view.h"

/* GtkFlowBox fits as many cards in a row as their natural width allows
 * (about 420 px, from the chart view); below that a card takes the whole
 * row and may shrink to this, for phone-narrow windows. */
#define CARD_MIN_WIDTH 320

struct _SegDashboardView
{
  GtkWidget     parent_instance;

  SegStore     *store;
  gint32        day;
  gulong        store_changed_id;

  GtkWidget    *box;
  GtkWidget    *status;
  GtkWidget    *spinner;
  GtkWidget    *status_label;
  GtkWidget    *flow;
  GtkWidget    *views[SEG_DASHBOARD_N_CHARTS];
  GtkWidget    *ab_statements;

  GCancellable *cancellable;
  gboolean      loading;
};

G_DEFINE_FINAL_TYPE (SegDashboardView, seg_dashboard_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_DAY,
  PROP_LOADING,
  N_PROPS
};

enum {
  SEGMENT_ACTIVATED,
  MARK_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

typedef struct
{
  char   *path;
  gint32  day;
} LoadRequest;

typedef struct
{
  GPtrArray *charts;      /* SegChart, in SegDashboardChart order */
  GPtrArray *statements;  /* char *, one per A/B test */
} LoadResult;

static void
load_request_free (LoadRequest *request)
{
  g_free (request->path);
  g_free (request);
}

static void
load_result_free (LoadResult *result)
{
  g_clear_pointer (&result->charts, g_ptr_array_unref);
  g_clear_pointer (&result->statements, g_ptr_array_unref);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadResult, load_result_free)

/* Helpers */

static void
set_loading (SegDashboardView *self,
             gboolean          loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), loading);
  gtk_widget_set_visible (self->spinner, loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
}

static int
chart_height (SegDashboardChart chart)
{
  switch (chart)
    {
    case SEG_DASHBOARD_RFM_MOVEMENT:
      return 420;
    case SEG_DASHBOARD_RFM_GRID:
    case SEG_DASHBOARD_RFM_GRID_REVENUE:
    case SEG_DASHBOARD_OVERLAP:
    case SEG_DASHBOARD_CAMPAIGNS:
    case SEG_DASHBOARD_AB_TESTS:
      return 380;
    default:
      return 320;
    }
}

static void
update_statements (SegDashboardView *self,
                   GPtrArray        *statements)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->ab_statements)) != NULL)
    gtk_box_remove (GTK_BOX (self->ab_statements), child);

  for (guint i = 0; statements != NULL && i < statements->len; i++)
    {
      GtkWidget *label = gtk_label_new (g_ptr_array_index (statements, i));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      /* Without this a wrapping label asks for its whole text on one line,
       * and the homogeneous flow box would give every card that width. */
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (self->ab_statements), label);
    }

  gtk_widget_set_visible (self->ab_statements, statements != NULL && statements->len > 0);
}

/* Worker thread */

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadRequest *request = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SegStore) store = NULL;
  g_autoptr(SegDashboard) dashboard = NULL;
  g_autoptr(GPtrArray) tests = NULL;
  g_autoptr(LoadResult) result = g_new0 (LoadResult, 1);

  /* A store of its own: a connection never shared with the main thread. */
  store = seg_store_open (request->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  dashboard = seg_dashboard_new (store, request->day);
  result->charts = seg_dashboard_build_all (dashboard, cancellable, &error);
  if (result->charts == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  tests = seg_dashboard_dup_ab_tests (dashboard, &error);
  if (tests == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result->statements = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < tests->len; i++)
    {
      SegAbTest *test = g_ptr_array_index (tests, i);
      g_autofree char *statement = seg_ab_test_dup_statement (test);

      /* Translators: an A/B test's campaign, segment and result */
      g_ptr_array_add (result->statements,
                       g_strdup_printf (_("%s (%s): %s"), test->campaign, test->segment,
                                        statement));
    }

  g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify) load_result_free);
}

/* Callbacks */

static void
chart_view_mark_activated_cb (SegDashboardView *self,
                              int               series,
                              int               category,
                              int               row,
                              SegChartView     *view)
{
  SegDashboardChart which = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (view),
                                                                 "dashboard-chart"));
  SegChart *chart = seg_chart_view_get_chart (view);
  g_autofree char *segment = NULL;

  if (chart == NULL)
    return;

  g_signal_emit (self, signals [MARK_ACTIVATED], 0, seg_dashboard_chart_get_id (which),
                 series, category, row);

  segment = seg_dashboard_dup_segment_at (chart, series, category, row);
  if (segment != NULL)
    g_signal_emit (self, signals [SEGMENT_ACTIVATED], 0, segment);
}

static void
load_finished_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SegDashboardView *self = SEG_DASHBOARD_VIEW (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(LoadResult) loaded = NULL;

  loaded = g_task_propagate_pointer (G_TASK (result), &error);

  /* A newer load replaced this one: it reports for itself. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;

  set_loading (self, FALSE);

  if (loaded == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->status_label), error->message);
      gtk_widget_set_visible (self->status_label, TRUE);
      return;
    }

  gtk_widget_set_visible (self->status_label, FALSE);
  for (guint i = 0; i < SEG_DASHBOARD_N_CHARTS && i < loaded->charts->len; i++)
    seg_chart_view_set_chart (SEG_CHART_VIEW (self->views[i]),
                              g_ptr_array_index (loaded->charts, i));
  update_statements (self, loaded->statements);
}

static void
store_changed_cb (SegDashboardView *self)
{
  seg_dashboard_view_reload (self);
}

/* Overrides */

static void
seg_dashboard_view_dispose (GObject *object)
{
  SegDashboardView *self = SEG_DASHBOARD_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  g_clear_object (&self->store);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (seg_dashboard_view_parent_class)->dispose (object);
}

static void
seg_dashboard_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SegDashboardView *self = SEG_DASHBOARD_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_DAY:
      g_value_set_int (value, self->day);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_dashboard_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SegDashboardView *self = SEG_DASHBOARD_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      seg_dashboard_view_set_store (self, g_value_get_object (value));
      break;
    case PROP_DAY:
      seg_dashboard_view_set_day (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_dashboard_view_class_init (SegDashboardViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seg_dashboard_view_dispose;
  object_class->get_property = seg_dashboard_view_get_property;
  object_class->set_property = seg_dashboard_view_set_property;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SEG_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_DAY] =
    g_param_spec_int ("day", NULL, NULL, G_MININT32, G_MAXINT32, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SegDashboardView::segment-activated:
   * @name: the segment's name
   *
   * A mark that stands for a segment was clicked or activated.
   */
  signals [SEGMENT_ACTIVATED] =
    g_signal_new ("segment-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * SegDashboardView::mark-activated:
   * @chart_id: the chart's id, as "rfm-grid"
   * @series: as #SegChartView::mark-activated
   * @category: as #SegChartView::mark-activated
   * @row: as #SegChartView::mark-activated
   *
   * Any mark was activated: for opening the customers of an RFM cell or a
   * country.
   */
  signals [MARK_ACTIVATED] =
    g_signal_new ("mark-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 4,
                  G_TYPE_STRING, G_TYPE_INT, G_TYPE_INT, G_TYPE_INT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dashboard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
seg_dashboard_view_init (SegDashboardView *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->status = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->spinner = gtk_spinner_new ();
  gtk_widget_set_visible (self->spinner, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spinner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Loading the charts"), -1);
  self->status_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->status_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->status_label), 0);
  gtk_widget_add_css_class (self->status_label, "error");
  gtk_widget_set_visible (self->status_label, FALSE);
  gtk_box_append (GTK_BOX (self->status), self->spinner);
  gtk_box_append (GTK_BOX (self->status), self->status_label);
  gtk_box_append (GTK_BOX (self->box), self->status);

  self->flow = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (self->flow), FALSE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (self->flow), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->flow), 3);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->flow), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->flow), 12);
  gtk_widget_set_valign (self->flow, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (self->box), self->flow);

  for (guint i = 0; i < SEG_DASHBOARD_N_CHARTS; i++)
    {
      GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *view = seg_chart_view_new (NULL);

      gtk_widget_add_css_class (card, "card");
      gtk_widget_set_size_request (card, CARD_MIN_WIDTH, -1);
      gtk_widget_set_size_request (view, -1, chart_height (i));
      gtk_widget_set_margin_start (view, 12);
      gtk_widget_set_margin_end (view, 12);
      gtk_widget_set_margin_top (view, 12);
      gtk_widget_set_margin_bottom (view, 12);
      gtk_widget_set_vexpand (view, TRUE);
      gtk_widget_set_name (view, seg_dashboard_chart_get_id (i));
      g_object_set_data (G_OBJECT (view), "dashboard-chart", GUINT_TO_POINTER (i));
      g_signal_connect_swapped (view, "mark-activated",
                                G_CALLBACK (chart_view_mark_activated_cb), self);
      gtk_box_append (GTK_BOX (card), view);
      self->views[i] = view;

      if (i == SEG_DASHBOARD_AB_TESTS)
        {
          self->ab_statements = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
          gtk_widget_set_margin_start (self->ab_statements, 12);
          gtk_widget_set_margin_end (self->ab_statements, 12);
          gtk_widget_set_margin_bottom (self->ab_statements, 12);
          gtk_widget_set_visible (self->ab_statements, FALSE);
          gtk_box_append (GTK_BOX (card), self->ab_statements);
        }

      gtk_flow_box_append (GTK_FLOW_BOX (self->flow), card);
      /* Focus goes straight to the chart, not to a wrapper around it. */
      gtk_widget_set_focusable (gtk_widget_get_parent (card), FALSE);
    }
}

/* Public API */

/**
 * seg_dashboard_view_new:
 * @store: (nullable): the store
 * @day: the day the charts are as of (the store's reference day)
 *
 * Returns: (transfer floating): a dashboard that starts loading at once
 */
GtkWidget *
seg_dashboard_view_new (SegStore *store,
                        gint32    day)
{
  g_return_val_if_fail (store == NULL || SEG_IS_STORE (store), NULL);

  return g_object_new (SEG_TYPE_DASHBOARD_VIEW, "day", day, "store", store, NULL);
}

SegStore *
seg_dashboard_view_get_store (SegDashboardView *self)
{
  g_return_val_if_fail (SEG_IS_DASHBOARD_VIEW (self), NULL);
  return self->store;
}

/**
 * seg_dashboard_view_set_store:
 * @self: a dashboard view
 * @store: (nullable): the store
 *
 * Shows @store's charts and reloads them whenever it emits "changed".
 */
void
seg_dashboard_view_set_store (SegDashboardView *self,
                              SegStore         *store)
{
  g_return_if_fail (SEG_IS_DASHBOARD_VIEW (self));
  g_return_if_fail (store == NULL || SEG_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->store_changed_id = g_signal_connect_swapped (store, "changed",
                                                       G_CALLBACK (store_changed_cb), self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STORE]);
  seg_dashboard_view_reload (self);
}

gint32
seg_dashboard_view_get_day (SegDashboardView *self)
{
  g_return_val_if_fail (SEG_IS_DASHBOARD_VIEW (self), 0);
  return self->day;
}

void
seg_dashboard_view_set_day (SegDashboardView *self,
                            gint32            day)
{
  g_return_if_fail (SEG_IS_DASHBOARD_VIEW (self));

  if (self->day == day)
    return;

  self->day = day;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DAY]);
  seg_dashboard_view_reload (self);
}

/**
 * seg_dashboard_view_reload:
 *
 * Builds the charts again in a worker thread; the current ones stay on
 * screen until the new ones are ready.
 */
void
seg_dashboard_view_reload (SegDashboardView *self)
{
  g_autoptr(GTask) task = NULL;
  LoadRequest *request;

  g_return_if_fail (SEG_IS_DASHBOARD_VIEW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->store == NULL)
    {
      set_loading (self, FALSE);
      return;
    }

  self->cancellable = g_cancellable_new ();
  request = g_new0 (LoadRequest, 1);
  request->path = g_strdup (seg_store_get_path (self->store));
  request->day = self->day;

  set_loading (self, TRUE);
  task = g_task_new (self, self->cancellable, load_finished_cb, NULL);
  g_task_set_source_tag (task, seg_dashboard_view_reload);
  g_task_set_task_data (task, request, (GDestroyNotify) load_request_free);
  g_task_run_in_thread (task, load_thread);
}

gboolean
seg_dashboard_view_get_loading (SegDashboardView *self)
{
  g_return_val_if_fail (SEG_IS_DASHBOARD_VIEW (self), FALSE);
  return self->loading;
}

/**
 * seg_dashboard_view_get_chart_view:
 * @self: a dashboard view
 * @chart_id: a chart id, as "segment-sizes"
 *
 * Returns: (transfer none) (nullable): that chart's #SegChartView
 */
GtkWidget *
seg_dashboard_view_get_chart_view (SegDashboardView *self,
                                   const char       *chart_id)
{
  SegDashboardChart which;

  g_return_val_if_fail (SEG_IS_DASHBOARD_VIEW (self), NULL);
  g_return_val_if_fail (chart_id != NULL, NULL);

  if (!seg_dashboard_chart_from_id (chart_id, &which))
    return NULL;
  return self->views[which];
}
