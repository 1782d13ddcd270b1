/* seg-segment-page.c — one segment: its rule, members, performance and message
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page edits its segment in place and saves it a moment after the
 * last change: the rule once it is valid, the notes as they are typed, the
 * name when renaming ends.  Figures come from the controller's evaluation.
 *
 * The member list is a lazy list model (SegMemberList): a worker thread
 * lists the ids of the members in the chosen order, then rows are read a
 * page at a time by primary key as the view scrolls.
 *
 * The Performance tab's charts are built like the Overview's: in a worker
 * thread on a store opened there, when the tab is shown and again after
 * the store changes (a saved rule, an import) while it is on screen.  The
 * chart views are made once and only handed new charts.
 */

#define G_LOG_DOMAIN "seg-segment-page"

#include "config.h"

#include <glib/gi18n.h>

#include "seg-application.h"
#include "seg-chart-view.h"
#include "seg-customer.h"
#include "seg-customer-dialog.h"
#include "seg-dashboard.h"
#include "seg-day.h"
#include "seg-export.h"
#include "seg-format.h"
#include "seg-member-list.h"
#include "seg-rule-builder.h"
#include "seg-segment-page.h"

#define SAVE_DELAY_MS 700
#define NOTES_DELAY_MS 1000

/* As on the Overview: cards about 420 px wide side by side, one to a row
 * below that, shrinking to this on phone-narrow windows. */
#define CHART_CARD_MIN_WIDTH 300
#define CHART_HEIGHT 300

struct _SegSegmentPage
{
  GtkWidget              parent_instance;

  /* template */
  GtkDrawingArea        *color_dot;
  GtkEditableLabel      *name_label;
  GtkButton             *export_button;
  GtkButton             *delete_button;
  GtkFlowBox            *figures_box;
  GtkWidget             *banners_box;
  AdwViewStack          *view_stack;
  SegRuleBuilder        *builder;
  GtkStack              *members_stack;
  GtkSpinner            *members_spinner;
  AdwStatusPage         *members_empty;
  GtkColumnView         *members_view;
  GtkFlowBox            *performance_figures;
  GtkLabel              *performance_note;
  GtkWidget             *charts_box;
  GtkTextView           *notes_view;
  GtkLabel              *notes_status;

  /* the Performance tab's charts, made in init */
  GtkWidget             *charts_status;
  GtkWidget             *charts_spinner;
  GtkWidget             *charts_error;
  GtkWidget             *chart_views[SEG_SEGMENT_N_CHARTS];
  GtkWidget             *ab_statements;
  GCancellable          *charts_cancellable;

  SegSegmentsController *controller;   /* owns the page */
  SegSegment            *segment;
  char                  *currency;
  SegMemberList         *members;
  GtkSorter             *sorter;
  GObject               *probe_a;
  GObject               *probe_b;
  int                    probed_column;

  guint                  save_source;
  guint                  notes_source;
  guint                  members_stale : 1;
  guint                  loading_notes : 1;
  guint                  charts_stale : 1;
  guint                  charts_loading : 1;
};

G_DEFINE_FINAL_TYPE (SegSegmentPage, seg_segment_page, GTK_TYPE_WIDGET)

typedef enum
{
  COLUMN_NAME,
  COLUMN_EMAIL,
  COLUMN_COUNTRY,
  COLUMN_ORDERS,
  COLUMN_REVENUE,
  COLUMN_LAST_ORDER,
  N_COLUMNS
} Column;

static const struct
{
  const char *title;
  const char *sort;      /* a column of seg_segments_get_sort_columns () */
  gboolean    numeric;
  gboolean    expand;
  int         width;
} columns[N_COLUMNS] = {
  [COLUMN_NAME] = { N_("Name"), "name", FALSE, TRUE, -1 },
  [COLUMN_EMAIL] = { N_("Email"), "email", FALSE, TRUE, -1 },
  [COLUMN_COUNTRY] = { N_("Country"), "country", FALSE, FALSE, 90 },
  [COLUMN_ORDERS] = { N_("Orders"), "orders", TRUE, FALSE, 80 },
  [COLUMN_REVENUE] = { N_("Revenue"), "revenue", TRUE, FALSE, 120 },
  [COLUMN_LAST_ORDER] = { N_("Last Order"), "last_order", TRUE, FALSE, 130 },
};

typedef struct
{
  char           *path;
  SegSegment     *segment;
  gint32          day;
  SegExportFormat format;
  SegExportFlags  flags;
  char           *file;
} ExportRequest;

typedef struct
{
  char   *path;
  gint64  segment_id;
  gint32  day;
} ChartsRequest;

typedef struct
{
  GPtrArray *charts;      /* SegChart, in SegSegmentChart order */
  GPtrArray *statements;  /* char *, one per A/B test of the segment */
} ChartsResult;

static void
charts_request_free (gpointer data)
{
  ChartsRequest *request = data;

  g_free (request->path);
  g_free (request);
}

static void
charts_result_free (gpointer data)
{
  ChartsResult *result = data;

  g_clear_pointer (&result->charts, g_ptr_array_unref);
  g_clear_pointer (&result->statements, g_ptr_array_unref);
  g_free (result);
}

/* Helpers */

static void
draw_color_dot (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  SegSegmentPage *self = user_data;
  GdkRGBA rgba;

  if (self->segment == NULL || !gdk_rgba_parse (&rgba, seg_segment_get_color (self->segment)))
    gdk_rgba_parse (&rgba, "#3584e4");

  gdk_cairo_set_source_rgba (cr, &rgba);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

static SegStore *
get_store (SegSegmentPage *self)
{
  return seg_segments_controller_get_store (self->controller);
}

static GtkWidget *
make_figure (const char *value,
             const char *caption)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *value_label = gtk_label_new (value);
  GtkWidget *caption_label = gtk_label_new (caption);
  g_autofree char *accessible = g_strdup_printf ("%s: %s", caption, value);

  gtk_widget_add_css_class (box, "card");
  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_label_set_xalign (GTK_LABEL (caption_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (caption_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_ellipsize (GTK_LABEL (value_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (value_label, "title-3");
  gtk_widget_add_css_class (value_label, "numeric");
  gtk_widget_add_css_class (caption_label, "dim-label");
  gtk_widget_add_css_class (caption_label, "caption");
  gtk_widget_set_margin_top (value_label, 9);
  gtk_widget_set_margin_start (value_label, 12);
  gtk_widget_set_margin_end (value_label, 12);
  gtk_widget_set_margin_bottom (caption_label, 9);
  gtk_widget_set_margin_start (caption_label, 12);
  gtk_widget_set_margin_end (caption_label, 12);
  gtk_box_append (GTK_BOX (box), value_label);
  gtk_box_append (GTK_BOX (box), caption_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);

  return box;
}

static void
clear_flow_box (GtkFlowBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_flow_box_remove (box, child);
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

static void banner_action_clicked_cb (GtkButton *button, SegSegmentPage *self);

static void
add_banner (SegSegmentPage *self,
            const char     *icon_name,
            const char     *text,
            const char     *action_label,
            const char     *action)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (icon, "warning");
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (icon, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Warning"), -1);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_margin_top (label, 9);
  gtk_widget_set_margin_bottom (label, 9);
  gtk_box_append (GTK_BOX (card), icon);
  gtk_box_append (GTK_BOX (card), label);

  if (action_label != NULL)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (action_label);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_margin_end (button, 12);
      g_object_set_data (G_OBJECT (button), "seg-action", (gpointer) action);
      g_signal_connect (button, "clicked", G_CALLBACK (banner_action_clicked_cb), self);
      gtk_box_append (GTK_BOX (card), button);
    }
  else
    gtk_widget_set_margin_end (label, 12);

  gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text, -1);
  gtk_box_append (GTK_BOX (self->banners_box), card);
}

static void
load_members (SegSegmentPage *self)
{
  g_autoptr(SegRule) rule = NULL;
  const char *order_by = "name";
  gboolean descending = FALSE;
  GtkOrdering order;

  self->members_stale = FALSE;
  rule = seg_rule_copy (seg_rule_builder_get_rule (self->builder));
  if (!seg_rule_validate (rule, NULL))
    return;

  if (self->sorter != NULL)
    {
      self->probed_column = -1;
      order = gtk_sorter_compare (self->sorter, self->probe_a, self->probe_b);
      if (self->probed_column >= 0)
        {
          order_by = columns[self->probed_column].sort;
          descending = order == GTK_ORDERING_LARGER;
        }
    }

  seg_member_list_query (self->members, rule, order_by, descending);
  gtk_spinner_set_spinning (self->members_spinner, TRUE);
  gtk_stack_set_visible_child_name (self->members_stack, "loading");
}

static gboolean
members_visible (SegSegmentPage *self)
{
  return g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "members") == 0;
}

static void
save_rule (SegSegmentPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  SegRule *rule = seg_rule_builder_get_rule (self->builder);

  g_clear_handle_id (&self->save_source, g_source_remove);

  if (self->segment == NULL || get_store (self) == NULL || !seg_rule_validate (rule, NULL))
    return;

  text = seg_rule_to_text (rule);
  if (g_strcmp0 (text, seg_segment_get_rule (self->segment)) == 0)
    return;

  seg_segment_set_rule (self->segment, text);
  if (!seg_segments_update (get_store (self), self->segment, &error))
    {
      seg_segments_controller_add_toast (self->controller, error->message);
      return;
    }

  if (members_visible (self))
    load_members (self);
  else
    self->members_stale = TRUE;

  seg_segments_controller_store_changed (self->controller);
}

static void
save_notes (SegSegmentPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;

  g_clear_handle_id (&self->notes_source, g_source_remove);

  if (self->segment == NULL || get_store (self) == NULL)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (text, seg_segment_get_notes (self->segment)) == 0 ||
      (*text == '\0' && seg_segment_get_notes (self->segment) == NULL))
    return;

  seg_segment_set_notes (self->segment, text);
  if (!seg_segments_update (get_store (self), self->segment, &error))
    {
      gtk_label_set_label (self->notes_status, error->message);
      return;
    }

  gtk_label_set_label (self->notes_status, _("Saved"));
}

static void
load_notes (SegSegmentPage *self)
{
  const char *notes = self->segment ? seg_segment_get_notes (self->segment) : NULL;

  self->loading_notes = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), notes ? notes : "", -1);
  self->loading_notes = FALSE;
}

/* The Performance tab's charts */

static void
charts_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ChartsRequest *request = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SegStore) store = NULL;
  g_autoptr(SegDashboard) dashboard = NULL;
  g_autoptr(GPtrArray) tests = NULL;
  ChartsResult *result;

  /* A store of its own: a connection never shared with the main thread. */
  store = seg_store_open (request->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  dashboard = seg_dashboard_new (store, request->day);
  result = g_new0 (ChartsResult, 1);
  result->charts = seg_dashboard_build_segment_all (dashboard, request->segment_id,
                                                    cancellable, &error);
  if (result->charts != NULL)
    tests = seg_dashboard_dup_segment_ab_tests (dashboard, request->segment_id, &error);
  if (tests == NULL)
    {
      charts_result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result->statements = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < tests->len; i++)
    {
      SegAbTest *test = g_ptr_array_index (tests, i);
      g_autofree char *statement = seg_ab_test_dup_statement (test);

      /* Translators: an A/B test's campaign and its result in words */
      g_ptr_array_add (result->statements,
                       g_strdup_printf (_("%s: %s"), test->campaign, statement));
    }

  g_task_return_pointer (task, result, charts_result_free);
}

static void
set_charts_loading (SegSegmentPage *self,
                    gboolean        loading)
{
  self->charts_loading = loading;
  gtk_spinner_set_spinning (GTK_SPINNER (self->charts_spinner), loading);
  gtk_widget_set_visible (self->charts_spinner, loading);
}

static void
update_ab_statements (SegSegmentPage *self,
                      GPtrArray      *statements)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->ab_statements)) != NULL)
    gtk_box_remove (GTK_BOX (self->ab_statements), child);

  for (guint i = 0; statements != NULL && i < statements->len; i++)
    {
      GtkWidget *label = gtk_label_new (g_ptr_array_index (statements, i));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      /* A wrapping label would otherwise ask for its whole text on one
       * line and widen the card. */
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (self->ab_statements), label);
    }

  gtk_widget_set_visible (self->ab_statements, statements != NULL && statements->len > 0);
}

static void
charts_ready_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SegSegmentPage *self = SEG_SEGMENT_PAGE (object);
  g_autoptr(GError) error = NULL;
  ChartsResult *loaded;

  loaded = g_task_propagate_pointer (G_TASK (result), &error);

  /* A newer load replaced this one: it reports for itself. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_task_get_cancellable (G_TASK (result)) != self->charts_cancellable)
    {
      g_clear_pointer (&loaded, charts_result_free);
      return;
    }

  set_charts_loading (self, FALSE);

  if (loaded == NULL)
    {
      gtk_label_set_label (GTK_LABEL (self->charts_error), error->message);
      gtk_widget_set_visible (self->charts_error, TRUE);
      return;
    }

  gtk_widget_set_visible (self->charts_error, FALSE);
  for (guint i = 0; i < SEG_SEGMENT_N_CHARTS && i < loaded->charts->len; i++)
    seg_chart_view_set_chart (SEG_CHART_VIEW (self->chart_views[i]),
                              g_ptr_array_index (loaded->charts, i));
  update_ab_statements (self, loaded->statements);
  charts_result_free (loaded);
}

static void
load_charts (SegSegmentPage *self)
{
  g_autoptr(GTask) task = NULL;
  ChartsRequest *request;
  SegStore *store = get_store (self);

  g_cancellable_cancel (self->charts_cancellable);
  g_clear_object (&self->charts_cancellable);
  self->charts_stale = FALSE;

  if (store == NULL || self->segment == NULL)
    {
      set_charts_loading (self, FALSE);
      return;
    }

  request = g_new0 (ChartsRequest, 1);
  request->path = g_strdup (seg_store_get_path (store));
  request->segment_id = seg_segment_get_id (self->segment);
  request->day = seg_store_get_reference_day (store);

  self->charts_cancellable = g_cancellable_new ();
  set_charts_loading (self, TRUE);
  task = g_task_new (self, self->charts_cancellable, charts_ready_cb, NULL);
  g_task_set_source_tag (task, load_charts);
  g_task_set_task_data (task, request, charts_request_free);
  g_task_run_in_thread (task, charts_thread);
}

static gboolean
performance_visible (SegSegmentPage *self)
{
  return g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack),
                    "performance") == 0;
}

/* Charts are built when the tab is on screen, or marked for later. */
static void
invalidate_charts (SegSegmentPage *self)
{
  if (performance_visible (self) && gtk_widget_get_mapped (GTK_WIDGET (self)))
    load_charts (self);
  else
    self->charts_stale = TRUE;
}

static void
add_chart_cards (SegSegmentPage *self)
{
  GtkWidget *flow = gtk_flow_box_new ();

  self->charts_status = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->charts_spinner = gtk_spinner_new ();
  gtk_widget_set_visible (self->charts_spinner, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->charts_spinner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Loading the charts"), -1);
  self->charts_error = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->charts_error), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->charts_error), 0);
  gtk_widget_add_css_class (self->charts_error, "error");
  gtk_widget_set_visible (self->charts_error, FALSE);
  gtk_box_append (GTK_BOX (self->charts_status), self->charts_spinner);
  gtk_box_append (GTK_BOX (self->charts_status), self->charts_error);
  gtk_box_append (GTK_BOX (self->charts_box), self->charts_status);

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), FALSE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 2);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_widget_set_valign (flow, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (flow), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Performance charts"), -1);
  gtk_box_append (GTK_BOX (self->charts_box), flow);

  for (guint i = 0; i < SEG_SEGMENT_N_CHARTS; i++)
    {
      GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *view = seg_chart_view_new (NULL);

      gtk_widget_add_css_class (card, "card");
      gtk_widget_set_size_request (card, CHART_CARD_MIN_WIDTH, -1);
      gtk_widget_set_size_request (view, -1, i == SEG_SEGMENT_CHART_CAMPAIGNS ? 340
                                                                             : CHART_HEIGHT);
      /* Narrower side margins than the Overview's (the chart pads itself):
       * two cards fit side by side next to the sidebar in a 1280 px
       * window. */
      gtk_widget_set_margin_start (view, 4);
      gtk_widget_set_margin_end (view, 4);
      gtk_widget_set_margin_top (view, 12);
      gtk_widget_set_margin_bottom (view, 12);
      gtk_widget_set_vexpand (view, TRUE);
      gtk_widget_set_name (view, seg_segment_chart_get_id (i));
      gtk_box_append (GTK_BOX (card), view);
      self->chart_views[i] = view;

      if (i == SEG_SEGMENT_CHART_CAMPAIGNS)
        {
          self->ab_statements = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
          gtk_widget_set_margin_start (self->ab_statements, 12);
          gtk_widget_set_margin_end (self->ab_statements, 12);
          gtk_widget_set_margin_bottom (self->ab_statements, 12);
          gtk_widget_set_visible (self->ab_statements, FALSE);
          gtk_box_append (GTK_BOX (card), self->ab_statements);
        }

      gtk_flow_box_append (GTK_FLOW_BOX (flow), card);
      /* Focus goes straight to the chart, not to a wrapper around it. */
      gtk_widget_set_focusable (gtk_widget_get_parent (card), FALSE);
    }
}

/* Callbacks */

static void
store_changed_cb (SegSegmentPage *self)
{
  invalidate_charts (self);
}

static void
page_mapped_cb (SegSegmentPage *self)
{
  if (performance_visible (self) && self->charts_stale)
    load_charts (self);
}

static gboolean
save_timeout_cb (gpointer data)
{
  SegSegmentPage *self = data;

  self->save_source = 0;
  save_rule (self);

  return G_SOURCE_REMOVE;
}

static void
builder_changed_cb (SegSegmentPage *self)
{
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

static gboolean
notes_timeout_cb (gpointer data)
{
  SegSegmentPage *self = data;

  self->notes_source = 0;
  save_notes (self);

  return G_SOURCE_REMOVE;
}

static void
notes_changed_cb (SegSegmentPage *self)
{
  if (self->loading_notes)
    return;

  gtk_label_set_label (self->notes_status, "");
  g_clear_handle_id (&self->notes_source, g_source_remove);
  self->notes_source = g_timeout_add (NOTES_DELAY_MS, notes_timeout_cb, self);
}

static void
notes_focus_left_cb (SegSegmentPage *self)
{
  if (self->notes_source != 0)
    save_notes (self);
}

static void
name_editing_cb (GtkEditableLabel *label,
                 GParamSpec       *pspec,
                 SegSegmentPage   *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegSegment) renamed = NULL;
  g_autofree char *name = NULL;

  if (gtk_editable_label_get_editing (label) || self->segment == NULL)
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (label))));
  if (g_strcmp0 (name, seg_segment_get_name (self->segment)) == 0)
    return;

  renamed = seg_segment_copy (self->segment);
  seg_segment_set_name (renamed, name);
  if (!seg_segments_update (get_store (self), renamed, &error))
    {
      gtk_editable_set_text (GTK_EDITABLE (label), seg_segment_get_name (self->segment));
      seg_segments_controller_add_toast (self->controller, error->message);
      return;
    }

  seg_segment_set_name (self->segment, name);
  {
    GtkWidget *stack = gtk_widget_get_parent (GTK_WIDGET (self));

    if (GTK_IS_STACK (stack))
      g_object_set (gtk_stack_get_page (GTK_STACK (stack), GTK_WIDGET (self)),
                    "title", name, NULL);
  }
  seg_segments_controller_store_changed (self->controller);
}

static void
banner_action_clicked_cb (GtkButton      *button,
                          SegSegmentPage *self)
{
  const char *action = g_object_get_data (G_OBJECT (button), "seg-action");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;

  if (g_strcmp0 (action, "review") == 0)
    {
      now = g_date_time_new_now_utc ();
      if (!seg_segments_mark_reviewed (get_store (self), seg_segment_get_id (self->segment), now,
                                       &error))
        {
          seg_segments_controller_add_toast (self->controller, error->message);
          return;
        }
      seg_segments_controller_store_changed (self->controller);
      seg_segments_controller_add_toast (self->controller, _("Marked as reviewed"));
    }
  else if (g_strcmp0 (action, "rule") == 0)
    seg_segment_page_show_tab (self, "rule");
  else if (g_strcmp0 (action, "overview") == 0)
    seg_segments_controller_show_overview (self->controller);
}

static void
visible_tab_changed_cb (SegSegmentPage *self)
{
  if (members_visible (self) && self->members_stale)
    load_members (self);
  if (performance_visible (self) && self->charts_stale)
    load_charts (self);
}

static void
members_changed_cb (SegSegmentPage *self)
{
  guint n_members;

  if (seg_member_list_get_loading (self->members))
    return;

  n_members = g_list_model_get_n_items (G_LIST_MODEL (self->members));
  gtk_spinner_set_spinning (self->members_spinner, FALSE);
  gtk_stack_set_visible_child_name (self->members_stack, n_members > 0 ? "list" : "empty");
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), columns[column].numeric ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (columns[column].numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  SegSegmentPage *self = g_object_get_data (G_OBJECT (factory), "seg-page");
  SegCustomer *customer = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  g_autofree char *text = NULL;
  const SegCountryInfo *country;

  switch (column)
    {
    case COLUMN_NAME:
      gtk_label_set_label (label, seg_customer_get_name (customer));
      break;
    case COLUMN_EMAIL:
      gtk_label_set_label (label, seg_customer_get_email (customer));
      break;
    case COLUMN_COUNTRY:
      country = seg_country_info_lookup (seg_customer_get_country (customer));
      gtk_label_set_label (label, seg_customer_get_country (customer));
      gtk_widget_set_tooltip_text (GTK_WIDGET (label),
                                   country ? seg_country_info_get_name (country) : NULL);
      break;
    case COLUMN_ORDERS:
      text = seg_format_count (seg_customer_get_orders (customer));
      gtk_label_set_label (label, text);
      break;
    case COLUMN_REVENUE:
      text = seg_format_money (seg_customer_get_revenue_cents (customer), self->currency);
      gtk_label_set_label (label, text);
      break;
    case COLUMN_LAST_ORDER:
      if (seg_customer_get_last_order_day (customer) == SEG_DAY_INVALID)
        gtk_label_set_label (label, "—");
      else
        {
          text = seg_format_day (seg_customer_get_last_order_day (customer));
          gtk_label_set_label (label, text);
        }
      break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

/* The column sorters never sort: the view's sorter, asked to compare two
 * probes, calls the primary column's sorter first, which says which column
 * it is; the sign of the answer gives the direction.  (GTK 4.8 has no
 * gtk_column_view_sorter_get_primary_sort_column ().) */
static int
probe_sort_cb (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  SegSegmentPage *self = g_object_get_data (G_OBJECT (a), "seg-page");

  if (self != NULL && self->probed_column < 0)
    self->probed_column = GPOINTER_TO_INT (user_data);

  return GTK_ORDERING_SMALLER;
}

static void
sorter_changed_cb (SegSegmentPage *self)
{
  if (members_visible (self))
    load_members (self);
  else
    self->members_stale = TRUE;
}

static void
member_activated_cb (GtkColumnView  *view,
                     guint           position,
                     SegSegmentPage *self)
{
  g_autoptr(SegCustomer) customer = g_list_model_get_item (G_LIST_MODEL (self->members), position);
  GtkWidget *dialog;

  if (customer == NULL)
    return;

  dialog = seg_customer_dialog_new (get_store (self), seg_customer_get_id (customer));
  gtk_window_set_transient_for (GTK_WINDOW (dialog),
                                GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_columns (SegSegmentPage *self)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;
      GtkSorter *sorter;

      g_object_set_data (G_OBJECT (factory), "seg-page", self);
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (i));

      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      if (columns[i].width > 0)
        gtk_column_view_column_set_fixed_width (column, columns[i].width);

      sorter = GTK_SORTER (gtk_custom_sorter_new (probe_sort_cb, GINT_TO_POINTER (i), NULL));
      gtk_column_view_column_set_sorter (column, sorter);
      g_object_unref (sorter);

      gtk_column_view_append_column (self->members_view, column);
      if (i == COLUMN_NAME)
        gtk_column_view_sort_by_column (self->members_view, column, GTK_SORT_ASCENDING);
      g_object_unref (column);
    }

  self->sorter = g_object_ref (gtk_column_view_get_sorter (self->members_view));
  g_signal_connect_swapped (self->sorter, "changed", G_CALLBACK (sorter_changed_cb), self);
}

/* Export */

static void
export_request_free (gpointer data)
{
  ExportRequest *request = data;

  g_free (request->path);
  g_clear_object (&request->segment);
  g_free (request->file);
  g_free (request);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportRequest *request = task_data;
  g_autoptr(SegStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n = 0;

  store = seg_store_open (request->path, &error);
  if (store == NULL ||
      !seg_export_segment (store, request->segment, request->day, request->format,
                           request->flags, request->file, cancellable, &n, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_int (task, n);
}

static void
open_folder_clicked_cb (AdwToast       *toast,
                        SegSegmentPage *self)
{
  const char *file = g_object_get_data (G_OBJECT (toast), "seg-file");
  g_autoptr(GFile) gfile = g_file_new_for_path (file);
  g_autoptr(GFile) folder = g_file_get_parent (gfile);
  g_autofree char *uri = g_file_get_uri (folder);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static void
export_ready_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SegSegmentPage *self = SEG_SEGMENT_PAGE (object);
  ExportRequest *request = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;
  gint64 n;

  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), TRUE);

  n = g_task_propagate_int (G_TASK (result), &error);
  if (error != NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                  _("Export Failed"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  count = seg_format_count (n);
  basename = g_path_get_basename (request->file);
  /* Translators: "Exported 1,204 customers to Repeat buyers.csv" */
  title = g_strdup_printf (ngettext ("Exported %s customer to %s", "Exported %s customers to %s",
                                     (gulong) n),
                           count, basename);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("Open _Folder"));
  g_object_set_data_full (G_OBJECT (toast), "seg-file", g_strdup (request->file), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (open_folder_clicked_cb), self, 0);
  seg_window_add_toast (seg_segments_controller_get_window (self->controller), toast);
}

static const SegExportFormat export_formats[] = {
  SEG_EXPORT_FORMAT_KLAVIYO, SEG_EXPORT_FORMAT_MAILCHIMP, SEG_EXPORT_FORMAT_META,
  SEG_EXPORT_FORMAT_META_LOOKALIKE, SEG_EXPORT_FORMAT_GOOGLE, SEG_EXPORT_FORMAT_CSV,
};

static void
export_file_chosen_cb (GtkNativeDialog *chooser,
                       int              response,
                       SegSegmentPage  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GTask) task = NULL;
  ExportRequest *request;
  GApplication *app = g_application_get_default ();

  if (response != GTK_RESPONSE_ACCEPT)
    {
      g_object_unref (chooser);
      return;
    }

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  request = g_new0 (ExportRequest, 1);
  request->path = g_strdup (seg_store_get_path (get_store (self)));
  request->segment = seg_segment_copy (self->segment);
  request->day = seg_store_get_reference_day (get_store (self));
  request->format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "seg-format"));
  request->flags = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "seg-flags"));
  request->file = g_file_get_path (file);
  g_object_unref (chooser);

  folder = g_file_get_parent (file);
  if (SEG_IS_APPLICATION (app) && folder != NULL &&
      seg_application_get_settings (SEG_APPLICATION (app)) != NULL)
    {
      g_autofree char *folder_path = g_file_get_path (folder);

      g_settings_set_string (seg_application_get_settings (SEG_APPLICATION (app)),
                             "last-export-folder", folder_path ? folder_path : "");
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);
  task = g_task_new (self, NULL, export_ready_cb, NULL);
  g_task_set_source_tag (task, export_file_chosen_cb);
  g_task_set_task_data (task, request, export_request_free);
  g_task_run_in_thread (task, export_thread);
}

static void
export_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    SegSegmentPage   *self)
{
  AdwComboRow *format_row = g_object_get_data (G_OBJECT (dialog), "seg-format-row");
  GtkSwitch *primary = g_object_get_data (G_OBJECT (dialog), "seg-primary-switch");
  GtkFileChooserNative *chooser;
  SegExportFormat format;
  g_autofree char *name = NULL;
  GApplication *app = g_application_get_default ();

  if (g_strcmp0 (response, "export") != 0 || self->segment == NULL)
    return;

  format = export_formats[MIN (adw_combo_row_get_selected (format_row),
                               G_N_ELEMENTS (export_formats) - 1)];
  chooser = gtk_file_chooser_native_new (_("Export Members"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* Translators: the suggested file name: segment name and format id. */
  name = g_strdup_printf ("%s - %s.csv", seg_segment_get_name (self->segment),
                          seg_export_format_get_label (format));
  g_strdelimit (name, "/\\:", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  if (SEG_IS_APPLICATION (app) && seg_application_get_settings (SEG_APPLICATION (app)) != NULL)
    {
      g_autofree char *folder = g_settings_get_string (seg_application_get_settings (SEG_APPLICATION (app)),
                                                       "last-export-folder");

      if (folder != NULL && *folder != '\0' && g_file_test (folder, G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GFile) gfolder = g_file_new_for_path (folder);

          gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), gfolder, NULL);
        }
    }

  g_object_set_data (G_OBJECT (chooser), "seg-format", GINT_TO_POINTER (format));
  g_object_set_data (G_OBJECT (chooser), "seg-flags",
                     GINT_TO_POINTER (gtk_switch_get_active (primary)
                                      ? SEG_EXPORT_FLAGS_PRIMARY_ONLY : SEG_EXPORT_FLAGS_NONE));
  g_signal_connect (chooser, "response", G_CALLBACK (export_file_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_clicked_cb (SegSegmentPage *self)
{
  GtkWidget *dialog;
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *format_row = adw_combo_row_new ();
  GtkWidget *primary_row = adw_action_row_new ();
  GtkWidget *primary = gtk_switch_new ();
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *heading = NULL;

  if (self->segment == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
    gtk_string_list_append (labels, seg_export_format_get_label (export_formats[i]));

  /* Translators: %s is a segment's name. */
  heading = g_strdup_printf (_("Export “%s”"), seg_segment_get_name (self->segment));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading,
                                   _("Save the members as a CSV file that the chosen platform "
                                     "imports as it is. Meta and Google files hold hashed "
                                     "identifiers only."));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (format_row), _("_Format"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (format_row), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (format_row), G_LIST_MODEL (labels));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (primary_row),
                                 _("_Primary segment members only"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (primary_row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (primary_row),
                               _("Leave out customers who belong to a segment higher in the "
                                 "priority order"));
  gtk_widget_set_valign (primary, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (primary), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Primary segment members only"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (primary_row), primary);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (primary_row), primary);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), format_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), primary_row);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), group);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "export", _("_Choose File…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "seg-format-row", format_row);
  g_object_set_data (G_OBJECT (dialog), "seg-primary-switch", primary);
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_clicked_cb (SegSegmentPage *self)
{
  if (self->segment != NULL)
    seg_segments_controller_delete (self->controller, seg_segment_get_id (self->segment));
}

/* Overrides */

static void
seg_segment_page_dispose (GObject *object)
{
  GtkWidget *child;
  SegSegmentPage *self = (SegSegmentPage *) object;

  /* Whatever was typed last is kept. */
  if (self->save_source != 0)
    save_rule (self);
  if (self->notes_source != 0)
    save_notes (self);

  if (self->sorter != NULL)
    g_signal_handlers_disconnect_by_data (self->sorter, self);
  g_clear_object (&self->sorter);

  g_cancellable_cancel (self->charts_cancellable);
  g_clear_object (&self->charts_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), SEG_TYPE_SEGMENT_PAGE);
  /* Children without an id are not the template's to dispose. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->members);
  g_clear_object (&self->segment);
  g_clear_object (&self->probe_a);
  g_clear_object (&self->probe_b);

  G_OBJECT_CLASS (seg_segment_page_parent_class)->dispose (object);
}

static void
seg_segment_page_finalize (GObject *object)
{
  SegSegmentPage *self = (SegSegmentPage *) object;

  g_free (self->currency);

  G_OBJECT_CLASS (seg_segment_page_parent_class)->finalize (object);
}

static void
seg_segment_page_class_init (SegSegmentPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seg_segment_page_dispose;
  object_class->finalize = seg_segment_page_finalize;

  g_type_ensure (SEG_TYPE_RULE_BUILDER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/segmentsapp/Segments/seg-segment-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SegSegmentPage, color_dot);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentPage, delete_button);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentPage, figures_box);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentPage, banners_box);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentPage, builder);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentPage, members_stack);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentPage, members_spinner);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentPage, members_empty);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentPage, members_view);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentPage, performance_figures);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentPage, performance_note);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentPage, charts_box);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentPage, notes_view);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentPage, notes_status);
}

static void
seg_segment_page_init (SegSegmentPage *self)
{
  GtkEventController *focus;
  g_autoptr(GtkSelectionModel) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->probe_a = g_object_new (G_TYPE_OBJECT, NULL);
  self->probe_b = g_object_new (G_TYPE_OBJECT, NULL);
  g_object_set_data (self->probe_a, "seg-page", self);
  g_object_set_data (self->probe_b, "seg-page", self);

  gtk_drawing_area_set_draw_func (self->color_dot, draw_color_dot, self, NULL);

  g_signal_connect_swapped (self->builder, "changed", G_CALLBACK (builder_changed_cb), self);
  g_signal_connect (self->name_label, "notify::editing", G_CALLBACK (name_editing_cb), self);
  g_signal_connect_swapped (self->export_button, "clicked", G_CALLBACK (export_clicked_cb), self);
  g_signal_connect_swapped (self->delete_button, "clicked", G_CALLBACK (delete_clicked_cb), self);
  g_signal_connect_swapped (self->view_stack, "notify::visible-child",
                            G_CALLBACK (visible_tab_changed_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->notes_view), "changed",
                            G_CALLBACK (notes_changed_cb), self);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (notes_focus_left_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->notes_view), focus);
  g_signal_connect (self->members_view, "activate", G_CALLBACK (member_activated_cb), self);
  g_signal_connect (self, "map", G_CALLBACK (page_mapped_cb), NULL);

  add_columns (self);
  add_chart_cards (self);
  self->charts_stale = TRUE;
}

/* Public API */

/**
 * seg_segment_page_new:
 * @controller: the window's segments controller, which owns the page
 * @segment: the segment shown
 */
GtkWidget *
seg_segment_page_new (SegSegmentsController *controller,
                      SegSegment            *segment)
{
  SegSegmentPage *self;
  g_autoptr(GtkSelectionModel) selection = NULL;
  SegStore *store;

  g_return_val_if_fail (SEG_IS_SEGMENTS_CONTROLLER (controller), NULL);
  g_return_val_if_fail (SEG_IS_SEGMENT (segment), NULL);

  self = g_object_new (SEG_TYPE_SEGMENT_PAGE, NULL);
  self->controller = controller;
  store = seg_segments_controller_get_store (controller);
  self->currency = seg_store_dup_currency (store);

  self->members = seg_member_list_new (store);
  self->members_stale = TRUE;
  g_signal_connect_swapped (self->members, "items-changed", G_CALLBACK (members_changed_cb), self);
  selection = GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->members))));
  gtk_single_selection_set_autoselect (GTK_SINGLE_SELECTION (selection), FALSE);
  gtk_column_view_set_model (self->members_view, selection);

  seg_rule_builder_set_store (self->builder, store);
  /* Saved rules and imports: the controller emits "changed" for both. */
  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  seg_segment_page_set_segment (self, segment);

  return GTK_WIDGET (self);
}

SegSegment *
seg_segment_page_get_segment (SegSegmentPage *self)
{
  g_return_val_if_fail (SEG_IS_SEGMENT_PAGE (self), NULL);
  return self->segment;
}

/**
 * seg_segment_page_set_segment:
 * @segment: the segment as saved now
 *
 * Shows @segment; a rule or notes being edited are kept when they are what
 * @segment already holds.
 */
void
seg_segment_page_set_segment (SegSegmentPage *self,
                              SegSegment     *segment)
{
  g_autofree char *current = NULL;
  SegRule *rule;

  g_return_if_fail (SEG_IS_SEGMENT_PAGE (self));
  g_return_if_fail (SEG_IS_SEGMENT (segment));

  /* Keep what is being typed: save it first. */
  if (self->notes_source != 0)
    save_notes (self);

  g_set_object (&self->segment, segment);

  if (!gtk_editable_label_get_editing (self->name_label))
    gtk_editable_set_text (GTK_EDITABLE (self->name_label), seg_segment_get_name (segment));
  gtk_widget_queue_draw (GTK_WIDGET (self->color_dot));

  rule = seg_rule_builder_get_rule (self->builder);
  current = rule ? seg_rule_to_text (rule) : NULL;
  if (self->save_source == 0 && g_strcmp0 (current, seg_segment_get_rule (segment)) != 0)
    {
      g_autoptr(SegRule) loaded = seg_rule_new_from_text (seg_segment_get_rule (segment), NULL);

      seg_rule_builder_set_rule (self->builder, loaded);
      self->members_stale = TRUE;
    }

  if (!gtk_widget_has_focus (GTK_WIDGET (self->notes_view)))
    load_notes (self);

  seg_segment_page_update_figures (self);
}

/**
 * seg_segment_page_update_figures:
 *
 * Shows the controller's latest evaluation of the segment: key figures,
 * performance and warnings.
 */
void
seg_segment_page_update_figures (SegSegmentPage *self)
{
  SegEvaluation *evaluation;
  const SegSegmentFigures *figures = NULL;
  g_autofree char *customers = NULL;
  g_autofree char *share = NULL;
  g_autofree char *revenue = NULL;
  g_autofree char *primary = NULL;
  g_autofree char *aov = NULL;
  g_autofree char *repeat = NULL;
  g_autofree char *revenue_share = NULL;
  g_autofree char *orders = NULL;
  int index = -1;

  g_return_if_fail (SEG_IS_SEGMENT_PAGE (self));

  evaluation = seg_segments_controller_get_evaluation (self->controller);
  if (evaluation != NULL && self->segment != NULL)
    index = seg_evaluation_find (evaluation, seg_segment_get_id (self->segment));
  if (index >= 0)
    figures = seg_evaluation_get_figures (evaluation, index);

  clear_flow_box (self->figures_box);
  clear_flow_box (self->performance_figures);
  clear_box (self->banners_box);

  if (figures == NULL)
    {
      gtk_flow_box_append (self->figures_box, make_figure ("…", _("Customers")));
      gtk_flow_box_append (self->figures_box, make_figure ("…", _("Share of customers")));
      gtk_flow_box_append (self->figures_box, make_figure ("…", _("Revenue")));
      gtk_flow_box_append (self->figures_box, make_figure ("…", _("Primary customers")));
      gtk_label_set_label (self->performance_note, _("Counting…"));
      return;
    }

  customers = seg_format_count (figures->customers);
  share = seg_format_percent (figures->share);
  revenue = seg_format_money (figures->revenue_cents, self->currency);
  primary = seg_format_count (figures->primary_customers);
  gtk_flow_box_append (self->figures_box, make_figure (customers, _("Customers")));
  gtk_flow_box_append (self->figures_box, make_figure (share, _("Share of customers")));
  gtk_flow_box_append (self->figures_box, make_figure (revenue, _("Revenue")));
  gtk_flow_box_append (self->figures_box, make_figure (primary, _("Primary customers")));

  aov = figures->orders > 0 ? seg_format_money (figures->aov_cents, self->currency)
                            : g_strdup ("—");
  repeat = seg_format_percent (figures->repeat_rate);
  revenue_share = seg_format_percent (figures->revenue_share);
  orders = seg_format_count (figures->orders);
  gtk_flow_box_append (self->performance_figures, make_figure (aov, _("Average order value")));
  gtk_flow_box_append (self->performance_figures, make_figure (repeat, _("Repeat rate")));
  gtk_flow_box_append (self->performance_figures, make_figure (revenue_share,
                                                               _("Share of all revenue")));
  gtk_flow_box_append (self->performance_figures, make_figure (orders, _("Orders")));
  gtk_flow_box_append (self->performance_figures, make_figure (revenue, _("Revenue")));
  gtk_flow_box_append (self->performance_figures, make_figure (primary,
                                                               _("Primary customers")));

  if (figures->customers == 0)
    gtk_label_set_label (self->performance_note,
                         _("No customer is in this segment yet, so there is nothing to "
                           "measure. Change the rule on the Rule tab."));
  else
    {
      g_autofree char *note = NULL;

      /* Translators: explains the repeat rate and primary customers. */
      note = g_strdup_printf (_("Repeat rate is the share of members with two orders or more. "
                                "%s of the %s members have this segment as their primary "
                                "segment: the others belong to a segment higher in the "
                                "priority order."),
                              primary, customers);
      gtk_label_set_label (self->performance_note, note);
    }

  if (figures->warnings & SEG_SEGMENT_WARNING_INVALID_RULE)
    {
      g_autofree char *text = seg_segments_warning_dup_message (SEG_SEGMENT_WARNING_INVALID_RULE,
                                                                evaluation, index);
      add_banner (self, "dialog-error-symbolic", text, _("_Edit Rule"), "rule");
    }
  if (figures->warnings & SEG_SEGMENT_WARNING_TOO_SMALL)
    {
      g_autofree char *text = seg_segments_warning_dup_message (SEG_SEGMENT_WARNING_TOO_SMALL,
                                                                evaluation, index);
      add_banner (self, "dialog-warning-symbolic", text, _("_Edit Rule"), "rule");
    }
  if (figures->warnings & SEG_SEGMENT_WARNING_NOT_REVIEWED)
    {
      g_autofree char *text = seg_segments_warning_dup_message (SEG_SEGMENT_WARNING_NOT_REVIEWED,
                                                                evaluation, index);
      add_banner (self, "dialog-warning-symbolic", text, _("Mark as _Reviewed"), "review");
    }
  if (figures->warnings & SEG_SEGMENT_WARNING_TOO_MANY)
    {
      g_autofree char *text = seg_segments_warning_dup_message (SEG_SEGMENT_WARNING_TOO_MANY,
                                                                evaluation, index);
      add_banner (self, "dialog-information-symbolic", text, _("_Priorities"), "overview");
    }
}

SegRuleBuilder *
seg_segment_page_get_builder (SegSegmentPage *self)
{
  g_return_val_if_fail (SEG_IS_SEGMENT_PAGE (self), NULL);
  return self->builder;
}

/**
 * seg_segment_page_show_tab:
 * @name: "rule", "members", "performance" or "message"
 */
void
seg_segment_page_show_tab (SegSegmentPage *self,
                           const char     *name)
{
  g_return_if_fail (SEG_IS_SEGMENT_PAGE (self));
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/**
 * seg_segment_page_get_members:
 *
 * Returns: (transfer none): the member list (#SegCustomer items)
 */
GListModel *
seg_segment_page_get_members (SegSegmentPage *self)
{
  g_return_val_if_fail (SEG_IS_SEGMENT_PAGE (self), NULL);
  return G_LIST_MODEL (self->members);
}

gboolean
seg_segment_page_get_loading_members (SegSegmentPage *self)
{
  g_return_val_if_fail (SEG_IS_SEGMENT_PAGE (self), FALSE);
  return seg_member_list_get_loading (self->members) || self->members_stale;
}

/**
 * seg_segment_page_save:
 *
 * Saves a rule or notes still waiting for their pause.
 */
void
seg_segment_page_save (SegSegmentPage *self)
{
  g_return_if_fail (SEG_IS_SEGMENT_PAGE (self));

  if (self->save_source != 0)
    save_rule (self);
  if (self->notes_source != 0)
    save_notes (self);
}

/**
 * seg_segment_page_get_chart_view:
 * @chart: which of the Performance tab's charts
 *
 * Returns: (transfer none): that chart's #SegChartView
 */
GtkWidget *
seg_segment_page_get_chart_view (SegSegmentPage  *self,
                                 SegSegmentChart  chart)
{
  g_return_val_if_fail (SEG_IS_SEGMENT_PAGE (self), NULL);
  g_return_val_if_fail ((guint) chart < SEG_SEGMENT_N_CHARTS, NULL);
  return self->chart_views[chart];
}

/**
 * seg_segment_page_get_loading_charts:
 *
 * Returns: whether the Performance tab's charts are being built, or are
 *   waiting to be because the tab has not been shown since a change
 */
gboolean
seg_segment_page_get_loading_charts (SegSegmentPage *self)
{
  g_return_val_if_fail (SEG_IS_SEGMENT_PAGE (self), FALSE);
  return self->charts_loading || self->charts_stale;
}
