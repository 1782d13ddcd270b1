/* seg-chart-view.c — one chart as a widget: hover, click, keyboard, a11y
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chart is drawn once per (size, scale, palette) into a cairo render
 * node that is kept and re-appended on every snapshot; only the focus ring
 * is drawn fresh.  The chart's "changed" signal, a new size or a switch
 * between light and dark throws the node away.
 */

#define G_LOG_DOMAIN "seg-chart-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "seg-chart-renderer.h"
#include "seg-chart-view.h"

struct _SegChartView
{
  GtkWidget      parent_instance;

  SegChart      *chart;
  gulong         changed_id;

  GskRenderNode *cache;
  int            cache_width;
  int            cache_height;
  int            cache_scale;
  gboolean       cache_dark;

  gboolean       dark;
  int            focused_mark;   /* -1: none */
  char          *font_family;
};

G_DEFINE_FINAL_TYPE (SegChartView, seg_chart_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHART,
  PROP_DARK,
  PROP_FOCUSED_MARK,
  N_PROPS
};

enum {
  MARK_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

/* Helpers */

static void
get_style (SegChartView  *self,
           SegChartStyle *style)
{
  seg_chart_style_init (style);
  style->dark = self->dark;
  style->transparent = TRUE;  /* the card behind it shows through */
  style->scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  if (self->font_family != NULL)
    style->font_family = self->font_family;
}

static void
invalidate (SegChartView *self)
{
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static guint
get_n_marks (SegChartView *self)
{
  if (self->chart == NULL || seg_chart_is_empty (self->chart))
    return 0;
  return seg_chart_get_n_marks (self->chart);
}

static void
update_accessible (SegChartView *self)
{
  g_autofree char *summary = NULL;
  const char *title = "";

  if (self->chart != NULL)
    {
      summary = seg_chart_dup_summary (self->chart);
      title = seg_chart_get_title (self->chart) ? seg_chart_get_title (self->chart) : "";
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary ? summary : "",
                                  -1);
}

static void
update_dark (SegChartView *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  if (dark == self->dark)
    return;

  self->dark = dark;
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DARK]);
}

static void
update_font (SegChartView *self)
{
  g_autofree char *font_name = NULL;
  g_autoptr(PangoFontDescription) description = NULL;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-font-name", &font_name, NULL);
  g_clear_pointer (&self->font_family, g_free);
  if (font_name != NULL)
    {
      description = pango_font_description_from_string (font_name);
      if (pango_font_description_get_family (description) != NULL)
        self->font_family = g_strdup (pango_font_description_get_family (description));
    }
  invalidate (self);
}

static gboolean
hit_test (SegChartView *self,
          double        x,
          double        y,
          SegChartHit  *hit)
{
  SegChartStyle style;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (get_n_marks (self) == 0 || width <= 0 || height <= 0)
    return FALSE;

  get_style (self, &style);
  return seg_chart_hit_test (self->chart, width, height, &style, x, y, hit);
}

static gboolean
get_mark_bounds (SegChartView      *self,
                 guint              mark,
                 cairo_rectangle_t *bounds)
{
  SegChartStyle style;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (mark >= get_n_marks (self) || width <= 0 || height <= 0)
    return FALSE;

  get_style (self, &style);
  return seg_chart_get_mark_bounds (self->chart, width, height, &style, mark, bounds);
}

/* Heat map and RFM marks carry a row; bars, slices and points a series. */
static void
emit_mark_activated (SegChartView *self,
                     guint         mark)
{
  cairo_rectangle_t bounds;
  SegChartHit hit;

  if (!get_mark_bounds (self, mark, &bounds) ||
      !hit_test (self, bounds.x + bounds.width / 2, bounds.y + bounds.height / 2, &hit) ||
      hit.mark != mark)
    {
      SegChartKind kind = seg_chart_get_kind (self->chart);

      /* A sliver too thin to hit at its centre: derive the indices. */
      if (kind == SEG_CHART_HEATMAP || kind == SEG_CHART_RFM_GRID)
        {
          guint columns = MAX (seg_chart_get_n_columns (self->chart), 1);

          hit.series = -1;
          hit.category = mark % columns;
          hit.row = mark / columns;
        }
      else
        {
          guint series = kind == SEG_CHART_DONUT ? 1
                                                 : MAX (seg_chart_get_n_series (self->chart), 1);

          hit.series = mark % series;
          hit.category = mark / series;
          hit.row = -1;
        }
    }

  g_signal_emit (self, signals [MARK_ACTIVATED], 0, hit.series, hit.category, hit.row);
}

/* Callbacks */

static void
chart_changed_cb (SegChartView *self,
                  SegChart     *chart)
{
  int n = get_n_marks (self);

  if (self->focused_mark >= n)
    seg_chart_view_set_focused_mark (self, n - 1);
  update_accessible (self);
  invalidate (self);
}

static void
style_manager_dark_changed_cb (SegChartView *self)
{
  update_dark (self);
}

static void
scale_factor_changed_cb (SegChartView *self)
{
  invalidate (self);
}

static gboolean
query_tooltip_cb (SegChartView *self,
                  int           x,
                  int           y,
                  gboolean      keyboard_mode,
                  GtkTooltip   *tooltip)
{
  cairo_rectangle_t bounds;
  g_autofree char *text = NULL;
  guint mark;

  if (keyboard_mode)
    {
      if (self->focused_mark < 0 || (guint) self->focused_mark >= get_n_marks (self))
        return FALSE;
      mark = self->focused_mark;
    }
  else
    {
      SegChartHit hit;

      if (!hit_test (self, x, y, &hit))
        return FALSE;
      mark = hit.mark;
    }

  text = seg_chart_describe_mark (self->chart, mark);
  gtk_tooltip_set_text (tooltip, text);
  if (get_mark_bounds (self, mark, &bounds))
    gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) {
                                (int) floor (bounds.x), (int) floor (bounds.y),
                                MAX (1, (int) ceil (bounds.width)),
                                MAX (1, (int) ceil (bounds.height)) });

  return TRUE;
}

static void
click_released_cb (SegChartView    *self,
                   int              n_press,
                   double           x,
                   double           y,
                   GtkGestureClick *gesture)
{
  if (n_press != 1)
    return;

  if (seg_chart_view_activate_at (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
motion_cb (SegChartView             *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  SegChartHit hit;
  gboolean over_mark = hit_test (self, x, y, &hit);

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), over_mark ? "pointer" : NULL);
}

static gboolean
key_pressed_cb (SegChartView          *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  int n = get_n_marks (self);
  int mark = self->focused_mark;

  if (n == 0 || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      mark = mark < 0 ? 0 : MAX (mark - 1, 0);
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      mark = mark < 0 ? 0 : MIN (mark + 1, n - 1);
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      mark = 0;
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      mark = n - 1;
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      if (mark < 0)
        return FALSE;
      emit_mark_activated (self, mark);
      return TRUE;
    default:
      return FALSE;
    }

  seg_chart_view_set_focused_mark (self, mark);
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
  return TRUE;
}

static void
focus_enter_cb (SegChartView *self)
{
  if (self->focused_mark < 0 && get_n_marks (self) > 0)
    seg_chart_view_set_focused_mark (self, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
focus_leave_cb (SegChartView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Overrides */

static void
seg_chart_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* GtkFlowBox packs by natural width: keep it modest so that cards
       * share a row, and let hexpand grow them. */
      *minimum = 260;
      *natural = 396;
    }
  else
    {
      *minimum = 240;
      *natural = 320;
    }
}

static void
seg_chart_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  SegChartView *self = SEG_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  cairo_rectangle_t bounds;

  if (self->chart == NULL || width <= 0 || height <= 0)
    return;

  if (self->cache == NULL || self->cache_width != width || self->cache_height != height ||
      self->cache_scale != scale || self->cache_dark != self->dark)
    {
      SegChartStyle style;
      cairo_t *cr;

      g_clear_pointer (&self->cache, gsk_render_node_unref);
      self->cache = gsk_cairo_node_new (&GRAPHENE_RECT_INIT (0, 0, width, height));
      cr = gsk_cairo_node_get_draw_context (self->cache);
      get_style (self, &style);
      seg_chart_draw (self->chart, cr, width, height, &style);
      cairo_destroy (cr);

      self->cache_width = width;
      self->cache_height = height;
      self->cache_scale = scale;
      self->cache_dark = self->dark;
    }

  gtk_snapshot_append_node (snapshot, self->cache);

  if (gtk_widget_has_focus (widget) && self->focused_mark >= 0 &&
      get_mark_bounds (self, self->focused_mark, &bounds))
    {
      GdkRGBA color;
      GskRoundedRect ring;
      float inset = 3;

      gdk_rgba_parse (&color, self->dark ? "#78aeed" : "#1c71d8");
      gsk_rounded_rect_init_from_rect (&ring,
                                       &GRAPHENE_RECT_INIT (bounds.x - inset, bounds.y - inset,
                                                            bounds.width + 2 * inset,
                                                            bounds.height + 2 * inset),
                                       4);
      gtk_snapshot_append_border (snapshot, &ring,
                                  (float[4]) { 2, 2, 2, 2 },
                                  (GdkRGBA[4]) { color, color, color, color });
    }
}

static void
seg_chart_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  SegChartView *self = SEG_CHART_VIEW (widget);

  /* The old size's drawing is of no further use. */
  if (self->cache != NULL && (self->cache_width != width || self->cache_height != height))
    g_clear_pointer (&self->cache, gsk_render_node_unref);
}

static void
seg_chart_view_dispose (GObject *object)
{
  SegChartView *self = SEG_CHART_VIEW (object);

  if (self->chart != NULL)
    g_clear_signal_handler (&self->changed_id, self->chart);
  g_clear_object (&self->chart);
  g_clear_pointer (&self->cache, gsk_render_node_unref);

  G_OBJECT_CLASS (seg_chart_view_parent_class)->dispose (object);
}

static void
seg_chart_view_finalize (GObject *object)
{
  SegChartView *self = SEG_CHART_VIEW (object);

  g_free (self->font_family);

  G_OBJECT_CLASS (seg_chart_view_parent_class)->finalize (object);
}

static void
seg_chart_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SegChartView *self = SEG_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      g_value_set_object (value, self->chart);
      break;
    case PROP_DARK:
      g_value_set_boolean (value, self->dark);
      break;
    case PROP_FOCUSED_MARK:
      g_value_set_int (value, self->focused_mark);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_chart_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SegChartView *self = SEG_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      seg_chart_view_set_chart (self, g_value_get_object (value));
      break;
    case PROP_FOCUSED_MARK:
      seg_chart_view_set_focused_mark (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_chart_view_class_init (SegChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seg_chart_view_dispose;
  object_class->finalize = seg_chart_view_finalize;
  object_class->get_property = seg_chart_view_get_property;
  object_class->set_property = seg_chart_view_set_property;

  widget_class->measure = seg_chart_view_measure;
  widget_class->snapshot = seg_chart_view_snapshot;
  widget_class->size_allocate = seg_chart_view_size_allocate;

  properties [PROP_CHART] =
    g_param_spec_object ("chart", NULL, NULL, SEG_TYPE_CHART,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_DARK] =
    g_param_spec_boolean ("dark", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_FOCUSED_MARK] =
    g_param_spec_int ("focused-mark", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SegChartView::mark-activated:
   * @series: the mark's series, or -1 (heat map, RFM grid)
   * @category: its category; heat map column; RFM recency score − 1
   * @row: heat map row; RFM frequency score − 1; else -1
   *
   * A mark was clicked, or Enter was pressed on the focused one.
   */
  signals [MARK_ACTIVATED] =
    g_signal_new ("mark-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT, G_TYPE_INT, G_TYPE_INT);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
seg_chart_view_init (SegChartView *self)
{
  GtkEventController *controller;
  GtkGesture *click;

  self->focused_mark = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);

  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (scale_factor_changed_cb), NULL);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (focus_enter_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_manager_dark_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_widget_get_settings (GTK_WIDGET (self)), "notify::gtk-font-name",
                           G_CALLBACK (update_font), self, G_CONNECT_SWAPPED);
  self->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  update_font (self);
  update_accessible (self);
}

/* Public API */

/**
 * seg_chart_view_new:
 * @chart: (nullable): the chart to show
 *
 * Returns: (transfer floating): a new chart view
 */
GtkWidget *
seg_chart_view_new (SegChart *chart)
{
  g_return_val_if_fail (chart == NULL || SEG_IS_CHART (chart), NULL);

  return g_object_new (SEG_TYPE_CHART_VIEW, "chart", chart, NULL);
}

SegChart *
seg_chart_view_get_chart (SegChartView *self)
{
  g_return_val_if_fail (SEG_IS_CHART_VIEW (self), NULL);
  return self->chart;
}

/**
 * seg_chart_view_set_chart:
 * @self: a chart view
 * @chart: (nullable): the chart to show
 *
 * Shows @chart and follows its changes.
 */
void
seg_chart_view_set_chart (SegChartView *self,
                          SegChart     *chart)
{
  g_return_if_fail (SEG_IS_CHART_VIEW (self));
  g_return_if_fail (chart == NULL || SEG_IS_CHART (chart));

  if (self->chart == chart)
    return;

  if (self->chart != NULL)
    g_clear_signal_handler (&self->changed_id, self->chart);
  g_set_object (&self->chart, chart);
  if (chart != NULL)
    self->changed_id = g_signal_connect_swapped (chart, "changed",
                                                 G_CALLBACK (chart_changed_cb), self);

  if (self->focused_mark >= (int) get_n_marks (self))
    seg_chart_view_set_focused_mark (self, -1);
  update_accessible (self);
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CHART]);
}

gboolean
seg_chart_view_get_dark (SegChartView *self)
{
  g_return_val_if_fail (SEG_IS_CHART_VIEW (self), FALSE);
  return self->dark;
}

/**
 * seg_chart_view_get_focused_mark:
 *
 * Returns: the mark the keyboard is on, or -1
 */
int
seg_chart_view_get_focused_mark (SegChartView *self)
{
  g_return_val_if_fail (SEG_IS_CHART_VIEW (self), -1);
  return self->focused_mark;
}

void
seg_chart_view_set_focused_mark (SegChartView *self,
                                 int           mark)
{
  g_return_if_fail (SEG_IS_CHART_VIEW (self));

  if (mark >= (int) get_n_marks (self))
    mark = (int) get_n_marks (self) - 1;
  mark = MAX (mark, -1);

  if (mark == self->focused_mark)
    return;

  self->focused_mark = mark;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FOCUSED_MARK]);
}

/**
 * seg_chart_view_dup_text_at:
 * @self: a chart view
 * @x: widget coordinate
 * @y: widget coordinate
 *
 * What hovering at (@x, @y) shows in the tooltip.
 *
 * Returns: (transfer full) (nullable): the mark's exact value in words, or
 *   %NULL when no mark is there
 */
char *
seg_chart_view_dup_text_at (SegChartView *self,
                            double        x,
                            double        y)
{
  SegChartHit hit;

  g_return_val_if_fail (SEG_IS_CHART_VIEW (self), NULL);

  if (!hit_test (self, x, y, &hit))
    return NULL;
  return seg_chart_describe_mark (self->chart, hit.mark);
}

/**
 * seg_chart_view_activate_at:
 * @self: a chart view
 * @x: widget coordinate
 * @y: widget coordinate
 *
 * What a click at (@x, @y) does: focus the mark there and emit
 * #SegChartView::mark-activated.
 *
 * Returns: whether there was a mark
 */
gboolean
seg_chart_view_activate_at (SegChartView *self,
                            double        x,
                            double        y)
{
  SegChartHit hit;

  g_return_val_if_fail (SEG_IS_CHART_VIEW (self), FALSE);

  if (!hit_test (self, x, y, &hit))
    return FALSE;

  seg_chart_view_set_focused_mark (self, hit.mark);
  g_signal_emit (self, signals [MARK_ACTIVATED], 0, hit.series, hit.category, hit.row);
  return TRUE;
}

/**
 * seg_chart_view_get_mark_center:
 *
 * Returns: whether @mark is drawn; its centre in widget coordinates
 */
gboolean
seg_chart_view_get_mark_center (SegChartView *self,
                                guint         mark,
                                double       *x,
                                double       *y)
{
  cairo_rectangle_t bounds;

  g_return_val_if_fail (SEG_IS_CHART_VIEW (self), FALSE);

  if (!get_mark_bounds (self, mark, &bounds))
    return FALSE;

  if (x != NULL)
    *x = bounds.x + bounds.width / 2;
  if (y != NULL)
    *y = bounds.y + bounds.height / 2;
  return TRUE;
}
