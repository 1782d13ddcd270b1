/* seg-campaigns-page.c — the results of the store's email campaigns
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One line per campaign, its results summed over the segments it was sent
 * to.  A store has tens of campaigns, not thousands: a plain grid will do.
 */

#define G_LOG_DOMAIN "seg-campaigns-page"

#include "config.h"

#include <glib/gi18n.h>

#include "seg-campaigns-page.h"
#include "seg-format.h"

struct _SegCampaignsPage
{
  GtkWidget  parent_instance;

  GtkStack  *stack;
  GtkGrid   *grid;
  SegStore  *store;
  guint      n_campaigns;
};

G_DEFINE_FINAL_TYPE (SegCampaignsPage, seg_campaigns_page, GTK_TYPE_WIDGET)

enum { COL_NAME, COL_SENT_ON, COL_SENT, COL_OPENS, COL_CLICKS, COL_ORDERS, COL_REVENUE, N_COLS };

static GtkWidget *
attach_label (SegCampaignsPage *self,
              const char       *text,
              int               column,
              int               row,
              gboolean          numeric)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  if (column == COL_NAME)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 16);
      gtk_widget_set_hexpand (label, TRUE);
    }
  gtk_grid_attach (self->grid, label, column, row, 1, 1);
  return label;
}

static char *
dup_count_and_rate (gint64 count,
                    gint64 sent)
{
  g_autofree char *number = seg_format_count (count);
  g_autofree char *rate = NULL;

  if (sent <= 0)
    return g_steal_pointer (&number);

  rate = seg_format_percent ((double) count / sent);
  /* Translators: a count and its rate, e.g. "412 (34%)". */
  return g_strdup_printf (_("%s (%s)"), number, rate);
}

static void
clear_grid (SegCampaignsPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
}

static void
seg_campaigns_page_dispose (GObject *object)
{
  SegCampaignsPage *self = (SegCampaignsPage *) object;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (seg_campaigns_page_parent_class)->dispose (object);
}

static void
seg_campaigns_page_class_init (SegCampaignsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seg_campaigns_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
seg_campaigns_page_init (SegCampaignsPage *self)
{
  GtkWidget *empty;
  GtkWidget *button;
  GtkWidget *scrolled;
  GtkWidget *clamp;
  GtkWidget *card;

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));

  empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "mail-send-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Campaign Results Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Import the campaign reports of Klaviyo or Mailchimp to "
                                     "see which segments open, click and buy."));
  button = gtk_button_new_with_mnemonic (_("_Import Campaign Results…"));
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.import");
  adw_status_page_set_child (ADW_STATUS_PAGE (empty), button);
  gtk_stack_add_named (self->stack, empty, "empty");

  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->grid, 24);
  gtk_grid_set_row_spacing (self->grid, 12);
  gtk_widget_add_css_class (GTK_WIDGET (self->grid), "campaign-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->grid),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Campaign results"), -1);

  card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (card, "card");
  gtk_box_append (GTK_BOX (card), GTK_WIDGET (self->grid));

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1000);
  adw_clamp_set_child (ADW_CLAMP (clamp), card);
  gtk_widget_set_margin_top (clamp, 24);
  gtk_widget_set_margin_bottom (clamp, 24);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  gtk_widget_set_valign (clamp, GTK_ALIGN_START);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_stack_add_named (self->stack, scrolled, "list");
}

void
seg_campaigns_page_set_store (SegCampaignsPage *self,
                              SegStore         *store)
{
  g_return_if_fail (SEG_IS_CAMPAIGNS_PAGE (self));

  if (g_set_object (&self->store, store))
    seg_campaigns_page_reload (self);
}

/**
 * seg_campaigns_page_reload:
 *
 * Reads the campaigns again.
 */
void
seg_campaigns_page_reload (SegCampaignsPage *self)
{
  static const char *headings[N_COLS] = {
    N_("Campaign"), N_("Sent On"), N_("Sent"), N_("Opens"), N_("Clicks"), N_("Orders"),
    N_("Revenue"),
  };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *currency = NULL;
  int row = 1;

  g_return_if_fail (SEG_IS_CAMPAIGNS_PAGE (self));

  clear_grid (self);
  self->n_campaigns = 0;

  if (self->store != NULL)
    stmt = seg_store_prepare (self->store,
                              "SELECT c.name, c.sent_day, SUM(r.sent), SUM(r.opens), "
                              "  SUM(r.clicks), SUM(r.orders), SUM(r.revenue_cents) "
                              "FROM campaigns c JOIN campaign_results r ON r.campaign_id = c.id "
                              "GROUP BY c.id ORDER BY c.sent_day DESC, c.name",
                              NULL);

  if (stmt != NULL)
    {
      currency = seg_store_dup_currency (self->store);

      for (int i = 0; i < N_COLS; i++)
        {
          GtkWidget *label = attach_label (self, _(headings[i]), i, 0, i >= COL_SENT);
          gtk_widget_add_css_class (label, "heading");
          gtk_widget_add_css_class (label, "dim-label");
        }

      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 sent = sqlite3_column_int64 (stmt, 2);
          g_autofree char *day = sqlite3_column_type (stmt, 1) == SQLITE_NULL
                                 ? g_strdup ("—") : seg_format_day (sqlite3_column_int (stmt, 1));
          g_autofree char *sent_text = seg_format_count (sent);
          g_autofree char *opens = dup_count_and_rate (sqlite3_column_int64 (stmt, 3), sent);
          g_autofree char *clicks = dup_count_and_rate (sqlite3_column_int64 (stmt, 4), sent);
          g_autofree char *orders = seg_format_count (sqlite3_column_int64 (stmt, 5));
          g_autofree char *revenue = seg_format_money (sqlite3_column_int64 (stmt, 6), currency);
          GtkWidget *name;

          name = attach_label (self, (const char *) sqlite3_column_text (stmt, 0),
                               COL_NAME, row, FALSE);
          gtk_widget_set_tooltip_text (name, (const char *) sqlite3_column_text (stmt, 0));
          attach_label (self, day, COL_SENT_ON, row, FALSE);
          attach_label (self, sent_text, COL_SENT, row, TRUE);
          attach_label (self, opens, COL_OPENS, row, TRUE);
          attach_label (self, clicks, COL_CLICKS, row, TRUE);
          attach_label (self, orders, COL_ORDERS, row, TRUE);
          attach_label (self, revenue, COL_REVENUE, row, TRUE);
          row++;
          self->n_campaigns++;
        }
    }

  gtk_stack_set_visible_child_name (self->stack, self->n_campaigns > 0 ? "list" : "empty");
}

guint
seg_campaigns_page_get_n_campaigns (SegCampaignsPage *self)
{
  g_return_val_if_fail (SEG_IS_CAMPAIGNS_PAGE (self), 0);
  return self->n_campaigns;
}
