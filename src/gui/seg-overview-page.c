/* seg-overview-page.c — the store at a glance
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Key figures, the store's stage with one piece of advice, and below them
 * the dashboard charts (seg_overview_page_get_charts_box()).  The figures are
 * counted in a worker thread on a connection of its own, so that a big
 * store never freezes the window.
 */

#define G_LOG_DOMAIN "seg-overview-page"

#include "config.h"

#include <glib/gi18n.h>

#include "seg-dashboard-view.h"
#include "seg-format.h"
#include "seg-overview-page.h"
#include "seg-segment-list.h"

typedef enum
{
  FIGURE_CUSTOMERS,
  FIGURE_BUYERS,
  FIGURE_ORDERS,
  FIGURE_REVENUE,
  FIGURE_RETURNING,
  N_FIGURES
} Figure;

struct _SegOverviewPage
{
  GtkWidget      parent_instance;

  GtkFlowBox    *counts_box;
  GtkFlowBox    *money_box;
  GtkBox        *stage_box;
  GtkImage      *stage_icon;
  GtkLabel      *stage_title;
  GtkLabel      *stage_advice;
  GtkButton     *stage_import_button;
  GtkBox        *charts_box;

  GtkLabel      *values[N_FIGURES];
  GtkLabel      *details[N_FIGURES];

  SegStore      *store;
  GtkWidget     *dashboard;
  GCancellable  *cancellable;
  SegStoreStats  stats;
  guint          loading : 1;
  guint          have_stats : 1;
};

G_DEFINE_FINAL_TYPE (SegOverviewPage, seg_overview_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SEGMENT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
dashboard_segment_activated_cb (SegOverviewPage *self,
                                const char      *name)
{
  g_signal_emit (self, signals[SEGMENT_ACTIVATED], 0, name);
}

typedef struct
{
  char   *path;
  gint32  ref_day;
} StatsRequest;

static void
stats_request_free (gpointer data)
{
  StatsRequest *request = data;

  g_free (request->path);
  g_free (request);
}

static void
set_loading (SegOverviewPage *self,
             gboolean         loading)
{
  if (self->loading == !!loading)
    return;

  self->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
add_figure (SegOverviewPage *self,
            Figure           figure,
            const char      *caption)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *caption_label = gtk_label_new (caption);
  GtkWidget *value = gtk_label_new ("—");
  GtkWidget *detail = gtk_label_new ("");
  GtkWidget *labels[] = { caption_label, value, detail };
  GtkWidget *child;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "figure-card");
  gtk_widget_add_css_class (caption_label, "caption-heading");
  gtk_widget_add_css_class (caption_label, "dim-label");
  gtk_widget_add_css_class (value, "figure-value");
  gtk_widget_add_css_class (value, "numeric");
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_add_css_class (detail, "dim-label");

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      gtk_label_set_xalign (GTK_LABEL (labels[i]), 0);
      gtk_label_set_ellipsize (GTK_LABEL (labels[i]), PANGO_ELLIPSIZE_END);
    }
  gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_NONE);
  gtk_label_set_lines (GTK_LABEL (detail), 2);
  /* Keeps the cards' natural width small, so that three fit on a line. */
  gtk_label_set_max_width_chars (GTK_LABEL (detail), 18);
  gtk_label_set_max_width_chars (GTK_LABEL (caption_label), 18);

  gtk_box_append (GTK_BOX (card), caption_label);
  gtk_box_append (GTK_BOX (card), value);
  gtk_box_append (GTK_BOX (card), detail);

  /* The caption names the value for a screen reader. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (value),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, caption_label, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, detail, NULL,
                                  -1);

  gtk_flow_box_append (figure < FIGURE_REVENUE ? self->counts_box : self->money_box, card);
  child = gtk_widget_get_parent (card);
  gtk_widget_set_focusable (child, FALSE);

  self->values[figure] = GTK_LABEL (value);
  self->details[figure] = GTK_LABEL (detail);
}

static void
set_figure (SegOverviewPage *self,
            Figure           figure,
            const char      *value,
            const char      *detail)
{
  gtk_label_set_label (self->values[figure], value);
  gtk_label_set_label (self->details[figure], detail ? detail : "");
}

static void
update_stage (SegOverviewPage *self)
{
  const SegStoreStats *s = &self->stats;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gboolean can_import = FALSE;

  if (G_IS_ACTION_GROUP (root))
    can_import = g_action_group_get_action_enabled (G_ACTION_GROUP (root), "import");

  SegStoreStage stage = seg_store_stage_for_buyers (s->buyers);
  static const char * const icons[] = {
    [SEG_STORE_STAGE_BEGINNER] = "folder-download-symbolic",
    [SEG_STORE_STAGE_INTERMEDIATE] = "view-list-bullet-symbolic",
    [SEG_STORE_STAGE_ADVANCED] = "starred-symbolic",
  };

  gtk_image_set_from_icon_name (self->stage_icon, icons[stage]);
  gtk_label_set_label (self->stage_title, seg_store_stage_get_title (stage));

  if (s->contacts == 0)
    gtk_label_set_label (self->stage_advice,
                         _("This store is empty. Import the customers and orders exports of "
                           "your shop — Shopify, WooCommerce or any CSV — to see who your "
                           "customers are."));
  else if (s->orders == 0)
    gtk_label_set_label (self->stage_advice,
                         _("There are no orders in this store yet. Import your orders export "
                           "so that Segments can tell buyers from people who have not bought "
                           "yet."));
  else
    gtk_label_set_label (self->stage_advice, seg_store_stage_get_hint (stage));

  gtk_widget_set_visible (GTK_WIDGET (self->stage_import_button),
                          can_import && s->orders == 0);
}

static void
update_figures (SegOverviewPage *self)
{
  const SegStoreStats *s = &self->stats;
  g_autofree char *currency = seg_store_dup_currency (self->store);
  g_autofree char *contacts = seg_format_count (s->contacts);
  g_autofree char *buyers = seg_format_count (s->buyers);
  g_autofree char *orders = seg_format_count (s->orders);
  g_autofree char *revenue = seg_format_money (s->revenue_cents, currency);
  g_autofree char *returning_money = seg_format_money (s->returning_revenue_cents, currency);
  g_autofree char *buyer_share = NULL;
  g_autofree char *returning_share = NULL;
  g_autofree char *aov = NULL;
  g_autofree char *buyers_detail = NULL;
  g_autofree char *orders_detail = NULL;
  g_autofree char *revenue_detail = NULL;
  g_autofree char *returning_detail = NULL;
  g_autofree char *customers_detail = NULL;
  g_autofree char *checkouts = seg_format_count (s->checkouts);

  /* Translators: below the number of customers; %s is a number. */
  customers_detail = g_strdup_printf (ngettext ("%s abandoned checkout",
                                                "%s abandoned checkouts",
                                                (gulong) s->checkouts), checkouts);

  buyer_share = seg_format_percent (s->contacts > 0 ? (double) s->buyers / s->contacts : 0);
  /* Translators: below the number of buyers; %s is a percentage. */
  buyers_detail = g_strdup_printf (_("%s of customers have ordered"), buyer_share);

  if (s->buyers > 0)
    /* Translators: below the number of orders; average orders per buyer. */
    orders_detail = g_strdup_printf (_("%.1f per buyer"),
                                     (double) (s->orders - s->guest_orders) / s->buyers);
  else
    orders_detail = g_strdup (_("no buyers yet"));

  aov = seg_format_money (s->orders > 0 ? s->revenue_cents / s->orders : 0, currency);
  /* Translators: below the revenue; %s is the average order value. */
  revenue_detail = g_strdup_printf (_("net of refunds · %s per order"), aov);

  returning_share = seg_format_percent (s->revenue_cents > 0
                                        ? (double) s->returning_revenue_cents / s->revenue_cents
                                        : 0);
  /* Translators: below the returning-customer revenue share; %s is money. */
  returning_detail = g_strdup_printf (_("%s from repeat orders"), returning_money);

  set_figure (self, FIGURE_CUSTOMERS, contacts, customers_detail);
  set_figure (self, FIGURE_BUYERS, buyers, buyers_detail);
  set_figure (self, FIGURE_ORDERS, orders, orders_detail);
  set_figure (self, FIGURE_REVENUE, revenue, revenue_detail);
  set_figure (self, FIGURE_RETURNING, returning_share, returning_detail);

  update_stage (self);
}

static void
stats_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  StatsRequest *request = task_data;
  g_autoptr(SegStore) store = NULL;
  g_autoptr(GError) error = NULL;
  SegStoreStats *stats = g_new0 (SegStoreStats, 1);

  /* A second store object is a second connection, owned by this thread. */
  store = seg_store_open (request->path, &error);
  if (store == NULL || !seg_store_get_stats (store, request->ref_day, stats, &error))
    {
      g_free (stats);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, stats, g_free);
}

static void
stats_ready_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SegOverviewPage *self = SEG_OVERVIEW_PAGE (object);
  g_autofree SegStoreStats *stats = NULL;
  g_autoptr(GError) error = NULL;

  stats = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;

  if (stats == NULL)
    {
      g_warning ("Could not count the store's figures: %s", error->message);
      for (guint i = 0; i < N_FIGURES; i++)
        set_figure (self, i, "—", error->message);
      set_loading (self, FALSE);
      return;
    }

  self->stats = *stats;
  self->have_stats = TRUE;
  update_figures (self);
  set_loading (self, FALSE);
}

static void
seg_overview_page_dispose (GObject *object)
{
  SegOverviewPage *self = (SegOverviewPage *) object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), SEG_TYPE_OVERVIEW_PAGE);
  /* The template's top widget has no id, so disposing the template
   * leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (seg_overview_page_parent_class)->dispose (object);
}

static void
seg_overview_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SegOverviewPage *self = SEG_OVERVIEW_PAGE (object);

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
seg_overview_page_class_init (SegOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seg_overview_page_dispose;
  object_class->get_property = seg_overview_page_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SegOverviewPage::segment-activated:
   * @name: the segment's name
   *
   * A chart mark standing for a segment was clicked or activated.
   */
  signals[SEGMENT_ACTIVATED] =
    g_signal_new ("segment-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/segmentsapp/Segments/seg-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SegOverviewPage, counts_box);
  gtk_widget_class_bind_template_child (widget_class, SegOverviewPage, money_box);
  gtk_widget_class_bind_template_child (widget_class, SegOverviewPage, stage_box);
  gtk_widget_class_bind_template_child (widget_class, SegOverviewPage, stage_icon);
  gtk_widget_class_bind_template_child (widget_class, SegOverviewPage, stage_title);
  gtk_widget_class_bind_template_child (widget_class, SegOverviewPage, stage_advice);
  gtk_widget_class_bind_template_child (widget_class, SegOverviewPage, stage_import_button);
  gtk_widget_class_bind_template_child (widget_class, SegOverviewPage, charts_box);
}

static void
seg_overview_page_init (SegOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  add_figure (self, FIGURE_CUSTOMERS, _("Customers"));
  add_figure (self, FIGURE_BUYERS, _("Buyers"));
  add_figure (self, FIGURE_ORDERS, _("Orders"));
  add_figure (self, FIGURE_REVENUE, _("Revenue"));
  add_figure (self, FIGURE_RETURNING, _("Returning-Customer Revenue"));
}

void
seg_overview_page_set_store (SegOverviewPage *self,
                             SegStore        *store)
{
  g_return_if_fail (SEG_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (store == NULL || SEG_IS_STORE (store));

  if (g_set_object (&self->store, store))
    {
      self->have_stats = FALSE;

      if (self->dashboard != NULL)
        gtk_box_remove (self->charts_box, g_steal_pointer (&self->dashboard));
      if (store != NULL)
        {
          self->dashboard = seg_dashboard_view_new (store, seg_store_get_reference_day (store));
          gtk_box_append (self->charts_box, self->dashboard);
          g_signal_connect_object (self->dashboard, "segment-activated",
                                   G_CALLBACK (dashboard_segment_activated_cb), self,
                                   G_CONNECT_SWAPPED);
        }

      seg_overview_page_reload (self);
    }
}

/**
 * seg_overview_page_reload:
 *
 * Counts the figures again, in a worker thread; "loading" is %TRUE until
 * they are shown.
 */
void
seg_overview_page_reload (SegOverviewPage *self)
{
  g_autoptr(GTask) task = NULL;
  StatsRequest *request;

  g_return_if_fail (SEG_IS_OVERVIEW_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->store == NULL)
    {
      set_loading (self, FALSE);
      return;
    }

  if (self->dashboard != NULL)
    seg_dashboard_view_set_day (SEG_DASHBOARD_VIEW (self->dashboard),
                                seg_store_get_reference_day (self->store));

  self->cancellable = g_cancellable_new ();
  request = g_new0 (StatsRequest, 1);
  request->path = g_strdup (seg_store_get_path (self->store));
  request->ref_day = seg_store_get_reference_day (self->store);

  set_loading (self, TRUE);
  task = g_task_new (self, self->cancellable, stats_ready_cb, NULL);
  g_task_set_source_tag (task, seg_overview_page_reload);
  g_task_set_task_data (task, request, stats_request_free);
  g_task_run_in_thread (task, stats_thread);
}

gboolean
seg_overview_page_get_loading (SegOverviewPage *self)
{
  g_return_val_if_fail (SEG_IS_OVERVIEW_PAGE (self), FALSE);
  return self->loading;
}

/**
 * seg_overview_page_get_stats:
 *
 * Returns: (nullable): the figures shown, or %NULL before they are counted
 */
const SegStoreStats *
seg_overview_page_get_stats (SegOverviewPage *self)
{
  g_return_val_if_fail (SEG_IS_OVERVIEW_PAGE (self), NULL);
  return self->have_stats ? &self->stats : NULL;
}

/**
 * seg_overview_page_get_charts_box:
 *
 * Returns: (transfer none): a vertical box below the figures, where the
 *   dashboard charts go
 */
GtkBox *
seg_overview_page_get_charts_box (SegOverviewPage *self)
{
  g_return_val_if_fail (SEG_IS_OVERVIEW_PAGE (self), NULL);
  return self->charts_box;
}
