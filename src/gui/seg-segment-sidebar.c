/* seg-segment-sidebar.c — the segments in the window's sidebar
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each segment is a row with its colour, name, size and a warning sign
 * when the guide says to look at it.  The rows are in priority order: drag
 * one to reorder, or use Alt+Up / Alt+Down or the context menu's Move Up /
 * Move Down.  The sizes come from the controller's evaluation, which runs
 * in a worker thread.
 */

#define G_LOG_DOMAIN "seg-segment-sidebar"

#include "config.h"

#include <glib/gi18n.h>

#include "seg-format.h"
#include "seg-segment-sidebar.h"

struct _SegSegmentSidebar
{
  GObject                parent_instance;

  SegSegmentsController *controller;   /* owns us */
  GtkWidget             *header;
  GtkWidget             *new_button;
};

G_DEFINE_FINAL_TYPE (SegSegmentSidebar, seg_segment_sidebar, G_TYPE_OBJECT)

/* Helpers */

static void
draw_dot (GtkDrawingArea *area,
          cairo_t        *cr,
          int             width,
          int             height,
          gpointer        user_data)
{
  const char *color = g_object_get_data (G_OBJECT (area), "color");
  GdkRGBA rgba;

  if (color == NULL || !gdk_rgba_parse (&rgba, color))
    gdk_rgba_parse (&rgba, "#3584e4");

  gdk_cairo_set_source_rgba (cr, &rgba);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

static GtkListBox *
get_list (SegSegmentSidebar *self)
{
  return seg_window_get_segment_list (seg_segments_controller_get_window (self->controller));
}

static void
update_row (SegSegmentSidebar *self,
            GtkWidget         *row)
{
  SegEvaluation *evaluation = seg_segments_controller_get_evaluation (self->controller);
  SegSegment *segment = g_object_get_data (G_OBJECT (row), "seg-segment");
  GtkWidget *count_label = g_object_get_data (G_OBJECT (row), "seg-count-label");
  GtkWidget *warning = g_object_get_data (G_OBJECT (row), "seg-warning");
  g_autoptr(GString) tooltip = g_string_new (NULL);
  g_autofree char *accessible = NULL;
  g_autofree char *count = NULL;
  const SegSegmentFigures *figures = NULL;
  int index = -1;

  if (evaluation != NULL)
    index = seg_evaluation_find (evaluation, seg_segment_get_id (segment));
  if (index >= 0)
    figures = seg_evaluation_get_figures (evaluation, index);

  if (figures == NULL)
    {
      gtk_label_set_label (GTK_LABEL (count_label), "…");
      gtk_widget_set_visible (warning, FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      seg_segment_get_name (segment), -1);
      return;
    }

  count = seg_format_count (figures->customers);
  gtk_label_set_label (GTK_LABEL (count_label), count);

  if (figures->warnings & SEG_SEGMENT_WARNING_INVALID_RULE)
    g_string_append (tooltip, _("The rule can no longer be read"));
  if (figures->warnings & SEG_SEGMENT_WARNING_TOO_SMALL)
    g_string_append_printf (tooltip, "%s%s", tooltip->len ? "\n" : "",
                            _("Too small to act on"));
  if (figures->warnings & SEG_SEGMENT_WARNING_NOT_REVIEWED)
    g_string_append_printf (tooltip, "%s%s", tooltip->len ? "\n" : "",
                            _("Not reviewed for three months"));

  gtk_widget_set_visible (warning, tooltip->len > 0);
  gtk_widget_set_tooltip_text (warning, tooltip->len > 0 ? tooltip->str : NULL);

  /* Translators: a segment in the sidebar as a screen reader says it:
   * name, number of customers, and any warnings. */
  accessible = g_strdup_printf (ngettext ("%s, %s customer%s%s", "%s, %s customers%s%s",
                                          (gulong) figures->customers),
                                seg_segment_get_name (segment), count,
                                tooltip->len > 0 ? ", " : "", tooltip->str);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
}

static gint64
row_segment_id (GtkWidget *row)
{
  SegSegment *segment = g_object_get_data (G_OBJECT (row), "seg-segment");

  return segment ? seg_segment_get_id (segment) : 0;
}

/* Callbacks */

static void
move_up_activated_cb (GtkWidget  *row,
                      const char *action_name,
                      GVariant   *parameter)
{
  SegSegmentSidebar *self = g_object_get_data (G_OBJECT (row), "seg-sidebar");

  seg_segments_controller_move (self->controller, row_segment_id (row), -1);
}

static gboolean
move_up_shortcut_cb (GtkWidget *row,
                     GVariant  *args,
                     gpointer   user_data)
{
  move_up_activated_cb (row, NULL, NULL);
  return TRUE;
}

static gboolean
move_down_shortcut_cb (GtkWidget *row,
                       GVariant  *args,
                       gpointer   user_data)
{
  SegSegmentSidebar *self = g_object_get_data (G_OBJECT (row), "seg-sidebar");

  seg_segments_controller_move (self->controller, row_segment_id (row), 1);
  return TRUE;
}

static void
row_action_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  GtkWidget *row = user_data;
  SegSegmentSidebar *self = g_object_get_data (G_OBJECT (row), "seg-sidebar");
  const char *name = g_action_get_name (G_ACTION (action));
  gint64 id = row_segment_id (row);

  if (g_str_equal (name, "move-up"))
    seg_segments_controller_move (self->controller, id, -1);
  else if (g_str_equal (name, "move-down"))
    seg_segments_controller_move (self->controller, id, 1);
  else if (g_str_equal (name, "open"))
    seg_segments_controller_open_segment (self->controller, id);
  else if (g_str_equal (name, "delete"))
    seg_segments_controller_delete (self->controller, id);
}

static void
popup_menu (GtkWidget *row,
            double     x,
            double     y)
{
  GtkWidget *popover = g_object_get_data (G_OBJECT (row), "seg-menu");

  if (x >= 0)
    gtk_popover_set_pointing_to (GTK_POPOVER (popover),
                                 &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  else
    gtk_popover_set_pointing_to (GTK_POPOVER (popover), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
}

static void
row_pressed_cb (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                GtkWidget       *row)
{
  popup_menu (row, x, y);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static gboolean
menu_shortcut_cb (GtkWidget *row,
                  GVariant  *args,
                  gpointer   user_data)
{
  popup_menu (row, -1, -1);
  return TRUE;
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkWidget     *row)
{
  return gdk_content_provider_new_typed (G_TYPE_INT64, row_segment_id (row));
}

static void
drag_begin_cb (GtkDragSource *source,
               GdkDrag       *drag,
               GtkWidget     *row)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, paintable, 0, 0);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         GtkWidget     *row)
{
  SegSegmentSidebar *self = g_object_get_data (G_OBJECT (row), "seg-sidebar");
  gint64 id = g_value_get_int64 (value);
  int position = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));

  if (id == row_segment_id (row) || position < 0)
    return FALSE;

  return seg_segments_controller_move_to (self->controller, id, position);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  SegSegmentSidebar *self = user_data;
  SegSegment *segment = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *dot = gtk_drawing_area_new ();
  GtkWidget *name = gtk_label_new (seg_segment_get_name (segment));
  GtkWidget *warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *count = gtk_label_new ("…");
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  static const char * const actions[] = { "open", "move-up", "move-down", "delete" };
  GtkWidget *popover;
  GtkEventController *controller;
  GtkGesture *gesture;
  GtkDragSource *source;
  GtkDropTarget *target;
  guint position = 0;

  g_object_set_data_full (G_OBJECT (row), "seg-segment", g_object_ref (segment), g_object_unref);
  g_object_set_data_full (G_OBJECT (row), "seg-page",
                          seg_segments_controller_dup_page_name (seg_segment_get_id (segment)),
                          g_free);
  g_object_set_data (G_OBJECT (row), "seg-sidebar", self);
  g_object_set_data (G_OBJECT (row), "seg-count-label", count);
  g_object_set_data (G_OBJECT (row), "seg-warning", warning);

  /* The window shows the page of an activated row: it must exist. */
  seg_segments_controller_get_page (self->controller, seg_segment_get_id (segment));

  g_object_set_data_full (G_OBJECT (dot), "color",
                          g_strdup (seg_segment_get_color (segment)), g_free);
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (dot), 12);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (dot), 12);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (dot), draw_dot, NULL, NULL);
  gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (dot, 2);
  gtk_widget_set_margin_end (dot, 2);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (warning, "warning");
  gtk_widget_set_visible (warning, FALSE);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");

  gtk_box_append (GTK_BOX (box), dot);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), warning);
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  /* Move Up / Move Down, for those who do not drag. */
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_autoptr(GSimpleAction) action = g_simple_action_new (actions[i], NULL);

      g_signal_connect_object (action, "activate", G_CALLBACK (row_action_cb), row, 0);
      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
    }
  gtk_widget_insert_action_group (row, "row", G_ACTION_GROUP (group));

  for (guint i = 0; i < g_list_model_get_n_items (seg_segments_controller_get_segments (self->controller)); i++)
    {
      g_autoptr(SegSegment) other = g_list_model_get_item (seg_segments_controller_get_segments (self->controller), i);

      if (other == segment)
        position = i;
    }
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (group), "move-up")),
                               position > 0);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (group), "move-down")),
                               position + 1 < g_list_model_get_n_items (seg_segments_controller_get_segments (self->controller)));

  g_menu_append (menu, _("_Open"), "row.open");
  g_menu_append (menu, _("Move _Up"), "row.move-up");
  g_menu_append (menu, _("Move _Down"), "row.move-down");
  g_menu_append (menu, _("_Delete"), "row.delete");
  popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_widget_set_halign (popover, GTK_ALIGN_START);
  gtk_widget_set_parent (popover, box);
  g_object_set_data (G_OBJECT (row), "seg-menu", popover);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (row_pressed_cb), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Up, GDK_ALT_MASK),
                      gtk_callback_action_new (move_up_shortcut_cb, NULL, NULL)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Down, GDK_ALT_MASK),
                      gtk_callback_action_new (move_down_shortcut_cb, NULL, NULL)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
    gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_F10, GDK_SHIFT_MASK),
                                                   gtk_keyval_trigger_new (GDK_KEY_Menu, 0)),
                      gtk_callback_action_new (menu_shortcut_cb, NULL, NULL)));
  gtk_widget_add_controller (row, controller);

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), row);
  g_signal_connect (source, "drag-begin", G_CALLBACK (drag_begin_cb), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));

  target = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));

  gtk_widget_set_tooltip_text (row, _("Drag to change the priority, or press Alt+Up / Alt+Down"));
  update_row (self, row);

  return row;
}

static void
new_clicked_cb (SegSegmentSidebar *self)
{
  seg_segments_controller_new_segment (self->controller);
}

static void
overview_clicked_cb (SegSegmentSidebar *self)
{
  seg_segments_controller_show_overview (self->controller);
}

/* Overrides */

static void
seg_segment_sidebar_class_init (SegSegmentSidebarClass *klass)
{
}

static void
seg_segment_sidebar_init (SegSegmentSidebar *self)
{
}

/* Public API */

/**
 * seg_segment_sidebar_new:
 * @controller: the window's segments controller, which owns the sidebar
 *
 * Binds the controller's segments to the window's sidebar and adds the
 * Segments heading's buttons: the overview and New Segment….
 */
SegSegmentSidebar *
seg_segment_sidebar_new (SegSegmentsController *controller)
{
  SegSegmentSidebar *self;
  GtkListBox *list;
  GtkWidget *heading;
  GtkWidget *parent;
  GtkWidget *label;
  GtkWidget *overview;
  GtkWidget *content;

  g_return_val_if_fail (SEG_IS_SEGMENTS_CONTROLLER (controller), NULL);

  self = g_object_new (SEG_TYPE_SEGMENT_SIDEBAR, NULL);
  self->controller = controller;
  list = get_list (self);

  seg_window_bind_segments (seg_segments_controller_get_window (controller),
                            seg_segments_controller_get_segments (controller),
                            create_row_cb, self, NULL);

  /* The window's own "Segments" heading is a plain label just above the
   * list; a heading with buttons takes its place. */
  parent = gtk_widget_get_parent (GTK_WIDGET (list));
  heading = gtk_widget_get_prev_sibling (GTK_WIDGET (list));
  if (GTK_IS_BOX (parent))
    {
      self->header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_widget_set_margin_start (self->header, 18);
      gtk_widget_set_margin_end (self->header, 12);
      gtk_widget_set_margin_top (self->header, 6);

      label = gtk_label_new (_("Segments"));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_add_css_class (label, "heading");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (self->header), label);

      overview = gtk_button_new_from_icon_name ("view-grid-symbolic");
      gtk_widget_add_css_class (overview, "flat");
      gtk_widget_set_tooltip_text (overview, _("Priority, Overlap and RFM"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (overview), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Segments overview: priority, overlap and RFM"), -1);
      g_signal_connect_swapped (overview, "clicked", G_CALLBACK (overview_clicked_cb), self);
      gtk_box_append (GTK_BOX (self->header), overview);

      if (GTK_IS_LABEL (heading))
        gtk_widget_set_visible (heading, FALSE);
      gtk_box_insert_child_after (GTK_BOX (parent), self->header,
                                  gtk_widget_get_prev_sibling (GTK_WIDGET (list)));

      self->new_button = gtk_button_new ();
      content = adw_button_content_new ();
      adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
      adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("_New Segment…"));
      adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
      gtk_button_set_child (GTK_BUTTON (self->new_button), content);
      gtk_widget_add_css_class (self->new_button, "flat");
      gtk_widget_set_halign (self->new_button, GTK_ALIGN_START);
      gtk_widget_set_margin_start (self->new_button, 12);
      gtk_widget_set_margin_bottom (self->new_button, 6);
      gtk_widget_set_tooltip_text (self->new_button, _("Start a segment from a template"));
      g_signal_connect_swapped (self->new_button, "clicked", G_CALLBACK (new_clicked_cb), self);
      gtk_box_insert_child_after (GTK_BOX (parent), self->new_button, GTK_WIDGET (list));
    }

  return self;
}

/**
 * seg_segment_sidebar_update:
 *
 * Shows the controller's latest evaluation: sizes and warnings.
 */
void
seg_segment_sidebar_update (SegSegmentSidebar *self)
{
  g_return_if_fail (SEG_IS_SEGMENT_SIDEBAR (self));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (get_list (self)));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && g_object_get_data (G_OBJECT (child), "seg-segment"))
      update_row (self, child);
}
