/* seg-overlap-page.c — the Segments overview: priority, overlap and RFM
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three answers in one page: which segment a customer in several counts
 * in (the priority order, with Move Up / Move Down), how many customers
 * each pair of segments shares (the overlap matrix; the diagonal is each
 * segment's size), and the RFM cut points and group sizes.  Everything
 * comes from the controller's evaluation; nothing here queries the store.
 */

#define G_LOG_DOMAIN "seg-overlap-page"

#include "config.h"

#include <glib/gi18n.h>

#include "seg-format.h"
#include "seg-overlap-page.h"

struct _SegOverlapPage
{
  GtkWidget              parent_instance;

  SegSegmentsController *controller;   /* owns the page */
  GtkWidget             *scrolled;
  GtkWidget             *priority_list;
  GtkWidget             *overlap_box;
  GtkWidget             *rfm_box;
  GtkWidget             *stage_label;
  char                  *currency;
};

G_DEFINE_FINAL_TYPE (SegOverlapPage, seg_overlap_page, GTK_TYPE_WIDGET)

/* Helpers */

static GtkWidget *
make_heading (const char *title,
              const char *description)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "title-4");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  gtk_box_append (GTK_BOX (box), label);

  if (description != NULL)
    {
      GtkWidget *text = gtk_label_new (description);

      gtk_label_set_xalign (GTK_LABEL (text), 0);
      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      gtk_widget_add_css_class (text, "dim-label");
      gtk_box_append (GTK_BOX (box), text);
    }

  return box;
}

static void
draw_dot (GtkDrawingArea *area,
          cairo_t        *cr,
          int             width,
          int             height,
          gpointer        user_data)
{
  const char *color = user_data;
  GdkRGBA rgba;

  if (color == NULL || !gdk_rgba_parse (&rgba, color))
    gdk_rgba_parse (&rgba, "#3584e4");

  gdk_cairo_set_source_rgba (cr, &rgba);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

static GtkWidget *
make_dot (const char *color)
{
  GtkWidget *dot = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (dot), 12);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (dot), 12);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (dot), draw_dot, g_strdup (color), g_free);
  gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);

  return dot;
}

static GtkWidget *
make_cell (const char *text,
           gboolean    numeric)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_widget_set_margin_top (label, 3);
  gtk_widget_set_margin_bottom (label, 3);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");

  return label;
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_LIST_BOX (box))
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
      else
        gtk_box_remove (GTK_BOX (box), child);
    }
}

static void
move_clicked_cb (GtkButton      *button,
                 SegOverlapPage *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "seg-id");
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "seg-delta"));

  seg_segments_controller_move (self->controller, id, delta);
}

static void
open_clicked_cb (GtkButton      *button,
                 SegOverlapPage *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "seg-id");

  seg_segments_controller_open_segment (self->controller, id);
}

static GtkWidget *
make_move_button (SegOverlapPage *self,
                  SegSegment     *segment,
                  int             delta,
                  gboolean        sensitive)
{
  GtkWidget *button = gtk_button_new_from_icon_name (delta < 0 ? "pan-up-symbolic"
                                                               : "pan-down-symbolic");
  g_autofree char *label = NULL;
  gint64 *id = g_new (gint64, 1);

  *id = seg_segment_get_id (segment);
  /* Translators: %s is a segment's name. */
  label = g_strdup_printf (delta < 0 ? _("Move “%s” up") : _("Move “%s” down"),
                           seg_segment_get_name (segment));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (button, sensitive);
  gtk_widget_set_tooltip_text (button, delta < 0 ? _("Move Up") : _("Move Down"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  g_object_set_data_full (G_OBJECT (button), "seg-id", id, g_free);
  g_object_set_data (G_OBJECT (button), "seg-delta", GINT_TO_POINTER (delta));
  g_signal_connect (button, "clicked", G_CALLBACK (move_clicked_cb), self);

  return button;
}

static void
fill_priority (SegOverlapPage *self,
               SegEvaluation  *evaluation)
{
  GListModel *segments = seg_segments_controller_get_segments (self->controller);
  guint n = g_list_model_get_n_items (segments);

  clear_box (self->priority_list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SegSegment) segment = g_list_model_get_item (segments, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *open = gtk_button_new_from_icon_name ("go-next-symbolic");
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *open_label = NULL;
      gint64 *id = g_new (gint64, 1);
      int index = evaluation ? seg_evaluation_find (evaluation, seg_segment_get_id (segment)) : -1;

      title = g_strdup_printf ("%u. %s", i + 1, seg_segment_get_name (segment));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

      if (index >= 0)
        {
          const SegSegmentFigures *figures = seg_evaluation_get_figures (evaluation, index);
          g_autofree char *customers = seg_format_count (figures->customers);
          g_autofree char *primary = seg_format_count (figures->primary_customers);

          /* Translators: "1,204 customers, 980 of them primary" */
          subtitle = g_strdup_printf (ngettext ("%s customer, %s of them primary",
                                                "%s customers, %s of them primary",
                                                (gulong) figures->customers),
                                      customers, primary);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
        }

      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 make_dot (seg_segment_get_color (segment)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 make_move_button (self, segment, -1, i > 0));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 make_move_button (self, segment, 1, i + 1 < n));

      *id = seg_segment_get_id (segment);
      open_label = g_strdup_printf (_("Open “%s”"), seg_segment_get_name (segment));
      gtk_widget_add_css_class (open, "flat");
      gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (open, _("Open Segment"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (open), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      open_label, -1);
      g_object_set_data_full (G_OBJECT (open), "seg-id", id, g_free);
      g_signal_connect (open, "clicked", G_CALLBACK (open_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);

      gtk_list_box_append (GTK_LIST_BOX (self->priority_list), row);
    }

  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No segments yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Add one with New Segment… in the sidebar"));
      gtk_list_box_append (GTK_LIST_BOX (self->priority_list), row);
    }
}

static void
fill_overlap (SegOverlapPage *self,
              SegEvaluation  *evaluation)
{
  GtkWidget *grid;
  GtkWidget *scrolled;
  GtkWidget *frame;
  guint n;

  clear_box (self->overlap_box);
  gtk_box_append (GTK_BOX (self->overlap_box),
                  make_heading (_("Overlap"),
                                _("How many customers each pair of segments shares. The "
                                  "highlighted diagonal is each segment’s own size.")));

  if (evaluation == NULL)
    {
      gtk_box_append (GTK_BOX (self->overlap_box), make_cell (_("Counting…"), FALSE));
      return;
    }

  n = seg_evaluation_get_n_segments (evaluation);
  if (n < 2)
    {
      GtkWidget *empty = make_cell (_("With two segments or more, this shows how they "
                                      "overlap."), FALSE);

      gtk_label_set_wrap (GTK_LABEL (empty), TRUE);
      gtk_widget_add_css_class (empty, "dim-label");
      gtk_box_append (GTK_BOX (self->overlap_box), empty);
      return;
    }

  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 2);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  gtk_widget_set_margin_top (grid, 12);
  gtk_widget_set_margin_bottom (grid, 12);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Overlap between segments"), -1);

  for (guint i = 0; i < n; i++)
    {
      SegSegment *segment = seg_evaluation_get_segment (evaluation, i);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *row_title = g_strdup_printf ("%u. %s", i + 1, seg_segment_get_name (segment));
      GtkWidget *column_header = make_cell (number, TRUE);
      GtkWidget *row_header = make_cell (row_title, FALSE);

      gtk_widget_add_css_class (column_header, "heading");
      gtk_widget_set_tooltip_text (column_header, seg_segment_get_name (segment));
      gtk_label_set_ellipsize (GTK_LABEL (row_header), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (row_header), 24);
      gtk_widget_set_tooltip_text (row_header, seg_segment_get_name (segment));
      gtk_grid_attach (GTK_GRID (grid), column_header, i + 1, 0, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), row_header, 0, i + 1, 1, 1);

      for (guint j = 0; j < n; j++)
        {
          gint64 shared = seg_evaluation_get_overlap (evaluation, i, j);
          g_autofree char *text = seg_format_count (shared);
          g_autofree char *tooltip = NULL;
          GtkWidget *cell = make_cell (text, TRUE);

          if (i == j)
            {
              gtk_widget_add_css_class (cell, "accent");
              gtk_widget_add_css_class (cell, "heading");
              tooltip = g_strdup_printf (ngettext ("%s customer in “%s”",
                                                   "%s customers in “%s”", (gulong) shared),
                                         text, seg_segment_get_name (segment));
            }
          else
            {
              if (shared == 0)
                gtk_widget_add_css_class (cell, "dim-label");
              tooltip = g_strdup_printf (ngettext ("%s customer in both “%s” and “%s”",
                                                   "%s customers in both “%s” and “%s”",
                                                   (gulong) shared),
                                         text, seg_segment_get_name (segment),
                                         seg_segment_get_name (seg_evaluation_get_segment (evaluation, j)));
            }
          gtk_widget_set_tooltip_text (cell, tooltip);
          gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          tooltip, -1);
          gtk_grid_attach (GTK_GRID (grid), cell, j + 1, i + 1, 1, 1);
        }
    }

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), grid);
  frame = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (frame, "card");
  gtk_box_append (GTK_BOX (frame), scrolled);
  gtk_box_append (GTK_BOX (self->overlap_box), frame);
}

static void
fill_rfm (SegOverlapPage *self)
{
  const SegRfmResult *rfm = seg_segments_controller_get_rfm (self->controller);
  GtkWidget *grid;
  GtkWidget *card;
  GtkWidget *list;
  static const char *percentiles[] = { N_("20th"), N_("40th"), N_("60th"), N_("80th") };

  clear_box (self->rfm_box);
  gtk_box_append (GTK_BOX (self->rfm_box),
                  make_heading (_("RFM"),
                                _("Each buyer gets a score from 1 to 5 for recency, frequency "
                                  "and money spent, cut at these percentiles; the three scores "
                                  "give the group.")));

  if (rfm == NULL || rfm->buyers == 0)
    {
      GtkWidget *empty = make_cell (_("No customer has ordered yet: import orders to see the "
                                      "RFM groups."), FALSE);

      gtk_label_set_wrap (GTK_LABEL (empty), TRUE);
      gtk_widget_add_css_class (empty, "dim-label");
      gtk_box_append (GTK_BOX (self->rfm_box), empty);
      return;
    }

  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_widget_set_margin_top (grid, 12);
  gtk_widget_set_margin_bottom (grid, 12);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("RFM cut points"), -1);
  gtk_grid_attach (GTK_GRID (grid), make_cell (_("Percentile"), FALSE), 0, 0, 1, 1);
  for (guint c = 0; c < 4; c++)
    {
      GtkWidget *header = make_cell (_(percentiles[c]), TRUE);

      gtk_widget_add_css_class (header, "heading");
      gtk_widget_set_hexpand (header, TRUE);
      gtk_grid_attach (GTK_GRID (grid), header, c + 1, 0, 1, 1);
    }

  for (guint r = 0; r < 3; r++)
    {
      const char *titles[] = { _("Recency (days since last order)"), _("Frequency (orders)"),
                               _("Monetary (net revenue)") };
      const double *cuts = r == 0 ? rfm->recency : r == 1 ? rfm->frequency : rfm->monetary;

      gtk_grid_attach (GTK_GRID (grid), make_cell (titles[r], FALSE), 0, r + 1, 1, 1);
      for (guint c = 0; c < 4; c++)
        {
          g_autofree char *text = NULL;

          if (r == 2)
            text = seg_format_money ((gint64) (cuts[c] + 0.5), self->currency);
          else
            text = g_strdup_printf ("%.1f", cuts[c]);
          gtk_grid_attach (GTK_GRID (grid), make_cell (text, TRUE), c + 1, r + 1, 1, 1);
        }
    }

  card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (card, "card");
  gtk_box_append (GTK_BOX (card), grid);
  gtk_box_append (GTK_BOX (self->rfm_box), card);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_margin_top (list, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("RFM groups"), -1);

  for (guint g = 0; g < SEG_RFM_N_GROUPS; g++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *figures = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      g_autofree char *count = seg_format_count (rfm->customers[g]);
      g_autofree char *count_text = g_strdup_printf (ngettext ("%s customer", "%s customers",
                                                               (gulong) rfm->customers[g]),
                                                     count);
      g_autofree char *revenue = seg_format_money (rfm->revenue_cents[g], self->currency);
      g_autofree char *subtitle = NULL;
      GtkWidget *count_label = gtk_label_new (count_text);
      GtkWidget *revenue_label = gtk_label_new (revenue);

      /* Translators: an RFM group's description, then what to do. */
      subtitle = g_strdup_printf (_("%s\nWhat to do: %s"),
                                  seg_rfm_group_get_description (g),
                                  seg_rfm_group_get_action (g));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), seg_rfm_group_get_title (g));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

      gtk_label_set_xalign (GTK_LABEL (count_label), 1);
      gtk_label_set_xalign (GTK_LABEL (revenue_label), 1);
      gtk_widget_add_css_class (count_label, "numeric");
      gtk_widget_add_css_class (revenue_label, "numeric");
      gtk_widget_add_css_class (revenue_label, "dim-label");
      gtk_widget_set_valign (figures, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (figures), count_label);
      gtk_box_append (GTK_BOX (figures), revenue_label);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), figures);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  gtk_box_append (GTK_BOX (self->rfm_box), list);
}

static void
fill_stage (SegOverlapPage *self,
            SegEvaluation  *evaluation)
{
  g_autofree char *text = NULL;
  SegStoreStage stage;

  if (evaluation == NULL)
    {
      gtk_widget_set_visible (self->stage_label, FALSE);
      return;
    }

  stage = seg_evaluation_get_stage (evaluation);
  text = g_strdup_printf ("%s — %s", seg_store_stage_get_title (stage),
                          seg_store_stage_get_hint (stage));
  gtk_label_set_label (GTK_LABEL (self->stage_label), text);
  gtk_widget_set_visible (self->stage_label, TRUE);
}

/* Overrides */

static void
seg_overlap_page_dispose (GObject *object)
{
  SegOverlapPage *self = (SegOverlapPage *) object;

  g_clear_pointer (&self->scrolled, gtk_widget_unparent);

  G_OBJECT_CLASS (seg_overlap_page_parent_class)->dispose (object);
}

static void
seg_overlap_page_finalize (GObject *object)
{
  SegOverlapPage *self = (SegOverlapPage *) object;

  g_free (self->currency);

  G_OBJECT_CLASS (seg_overlap_page_parent_class)->finalize (object);
}

static void
seg_overlap_page_class_init (SegOverlapPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seg_overlap_page_dispose;
  object_class->finalize = seg_overlap_page_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
seg_overlap_page_init (SegOverlapPage *self)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *new_button;

  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  self->stage_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->stage_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->stage_label), TRUE);
  gtk_widget_add_css_class (self->stage_label, "dim-label");
  gtk_widget_set_visible (self->stage_label, FALSE);

  gtk_box_append (GTK_BOX (box),
                  make_heading (_("Priority"),
                                _("A customer who matches several segments belongs first to the "
                                  "highest one: their primary segment. Move segments up or down "
                                  "to change the order.")));
  gtk_box_append (GTK_BOX (box), self->stage_label);

  self->priority_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->priority_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->priority_list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->priority_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Segments by priority"), -1);
  gtk_box_append (GTK_BOX (box), self->priority_list);

  new_button = gtk_button_new_with_mnemonic (_("_New Segment…"));
  gtk_widget_set_halign (new_button, GTK_ALIGN_START);
  g_object_set_data (G_OBJECT (self), "seg-new-button", new_button);
  gtk_box_append (GTK_BOX (box), new_button);

  self->overlap_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (self->overlap_box, 24);
  gtk_box_append (GTK_BOX (box), self->overlap_box);

  self->rfm_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (self->rfm_box, 24);
  gtk_box_append (GTK_BOX (box), self->rfm_box);

  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), clamp);
}

/* Public API */

/**
 * seg_overlap_page_new:
 * @controller: the window's segments controller, which owns the page
 */
GtkWidget *
seg_overlap_page_new (SegSegmentsController *controller)
{
  SegOverlapPage *self;
  GtkWidget *new_button;
  SegStore *store;

  g_return_val_if_fail (SEG_IS_SEGMENTS_CONTROLLER (controller), NULL);

  self = g_object_new (SEG_TYPE_OVERLAP_PAGE, NULL);
  self->controller = controller;
  store = seg_segments_controller_get_store (controller);
  self->currency = store ? seg_store_dup_currency (store) : NULL;

  new_button = g_object_get_data (G_OBJECT (self), "seg-new-button");
  g_signal_connect_swapped (new_button, "clicked",
                            G_CALLBACK (seg_segments_controller_new_segment), controller);

  seg_overlap_page_update (self);

  return GTK_WIDGET (self);
}

/**
 * seg_overlap_page_update:
 *
 * Shows the controller's latest evaluation.
 */
void
seg_overlap_page_update (SegOverlapPage *self)
{
  SegEvaluation *evaluation;

  g_return_if_fail (SEG_IS_OVERLAP_PAGE (self));

  evaluation = seg_segments_controller_get_evaluation (self->controller);
  fill_stage (self, evaluation);
  fill_priority (self, evaluation);
  fill_overlap (self, evaluation);
  fill_rfm (self);
}
