/* test-chart-view.c — the chart widget and the dashboard, on a display (Xvfb)
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <adwaita.h>

#include "seg-chart-view.h"
#include "seg-dashboard-view.h"
#include "seg-test-ui.h"

static char *tmp_dir;

static gboolean
allocated (gpointer data)
{
  return gtk_widget_get_width (data) > 100 && gtk_widget_get_height (data) > 100;
}

static gboolean
dashboard_loaded (gpointer data)
{
  return !seg_dashboard_view_get_loading (data);
}

static SegChart *
make_chart (void)
{
  static const char * const categories[] = { "Champions", "Loyal", "At Risk" };
  static const double values[] = { 1234, 560, 89 };
  SegChart *chart = seg_chart_new (SEG_CHART_BAR_VERTICAL);

  seg_chart_set_title (chart, "Customers by group");
  seg_chart_set_value_format (chart, SEG_CHART_FORMAT_COUNT);
  seg_chart_set_categories (chart, categories, G_N_ELEMENTS (categories));
  seg_chart_add_series (chart, "Customers", values, G_N_ELEMENTS (values));

  return chart;
}

static GtkWidget *
show_in_window (GtkWidget *child)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 640, 420);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));

  return window;
}

static gboolean
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  /* GTK 4 has no public way to synthesize a key event; the key controller
   * is what a real key press reaches. */
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0,
                               &handled);
    }

  return handled;
}

typedef struct
{
  int series;
  int category;
  int row;
  int count;
} Activation;

static void
mark_activated_cb (SegChartView *view,
                   int           series,
                   int           category,
                   int           row,
                   Activation   *activation)
{
  activation->series = series;
  activation->category = category;
  activation->row = row;
  activation->count++;
}

static void
test_accessible (void)
{
  g_autoptr(SegChart) chart = make_chart ();
  GtkWidget *view = seg_chart_view_new (chart);
  GtkWidget *window = show_in_window (view);
  g_autofree char *summary = seg_chart_dup_summary (chart);
  g_autofree char *new_summary = NULL;

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Customers by group");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary);
  g_assert_true (strstr (summary, "1,234") != NULL);

  /* A change to the chart reaches the accessible at once. */
  seg_chart_set_title (chart, "Customers by RFM group");
  new_summary = seg_chart_dup_summary (chart);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Customers by RFM group");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, new_summary);
  g_assert_true (gtk_widget_get_focusable (view));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_hover (void)
{
  g_autoptr(SegChart) chart = make_chart ();
  GtkWidget *view = seg_chart_view_new (chart);
  GtkWidget *window = show_in_window (view);
  g_autofree char *first = NULL;
  g_autofree char *third = NULL;
  g_autofree char *outside = NULL;
  double x, y;

  seg_test_wait_until (allocated, view);
  g_assert_true (gtk_widget_get_has_tooltip (view));

  g_assert_true (seg_chart_view_get_mark_center (SEG_CHART_VIEW (view), 0, &x, &y));
  first = seg_chart_view_dup_text_at (SEG_CHART_VIEW (view), x, y);
  g_assert_nonnull (first);
  g_assert_true (g_str_has_prefix (first, "Champions"));
  g_assert_true (strstr (first, "1,234") != NULL);

  g_assert_true (seg_chart_view_get_mark_center (SEG_CHART_VIEW (view), 2, &x, &y));
  third = seg_chart_view_dup_text_at (SEG_CHART_VIEW (view), x, y);
  g_assert_true (g_str_has_prefix (third, "At Risk"));
  g_assert_true (strstr (third, "89") != NULL);

  /* The title is no bar. */
  outside = seg_chart_view_dup_text_at (SEG_CHART_VIEW (view), 4, 4);
  g_assert_null (outside);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_keyboard_and_click (void)
{
  g_autoptr(SegChart) chart = make_chart ();
  GtkWidget *view = seg_chart_view_new (chart);
  GtkWidget *window = show_in_window (view);
  SegChartView *chart_view = SEG_CHART_VIEW (view);
  Activation activation = { 0 };
  double x, y;

  seg_test_wait_until (allocated, view);
  g_signal_connect (view, "mark-activated", G_CALLBACK (mark_activated_cb), &activation);
  gtk_widget_grab_focus (view);

  seg_chart_view_set_focused_mark (chart_view, -1);
  g_assert_true (press_key (view, GDK_KEY_Right));
  g_assert_cmpint (seg_chart_view_get_focused_mark (chart_view), ==, 0);
  g_assert_true (press_key (view, GDK_KEY_Right));
  g_assert_cmpint (seg_chart_view_get_focused_mark (chart_view), ==, 1);
  g_assert_true (press_key (view, GDK_KEY_Down));
  g_assert_cmpint (seg_chart_view_get_focused_mark (chart_view), ==, 2);
  g_assert_true (press_key (view, GDK_KEY_Right));   /* stays on the last */
  g_assert_cmpint (seg_chart_view_get_focused_mark (chart_view), ==, 2);
  g_assert_true (press_key (view, GDK_KEY_Left));
  g_assert_cmpint (seg_chart_view_get_focused_mark (chart_view), ==, 1);
  g_assert_true (press_key (view, GDK_KEY_Home));
  g_assert_cmpint (seg_chart_view_get_focused_mark (chart_view), ==, 0);
  g_assert_true (press_key (view, GDK_KEY_End));
  g_assert_cmpint (seg_chart_view_get_focused_mark (chart_view), ==, 2);
  g_assert_false (press_key (view, GDK_KEY_a));

  /* Enter activates the focused mark. */
  g_assert_true (press_key (view, GDK_KEY_Return));
  g_assert_cmpint (activation.count, ==, 1);
  g_assert_cmpint (activation.series, ==, 0);
  g_assert_cmpint (activation.category, ==, 2);
  g_assert_cmpint (activation.row, ==, -1);

  /* A click on a bar focuses and activates it. */
  g_assert_true (seg_chart_view_get_mark_center (chart_view, 1, &x, &y));
  g_assert_true (seg_chart_view_activate_at (chart_view, x, y));
  g_assert_cmpint (activation.count, ==, 2);
  g_assert_cmpint (activation.category, ==, 1);
  g_assert_cmpint (seg_chart_view_get_focused_mark (chart_view), ==, 1);
  g_assert_false (seg_chart_view_activate_at (chart_view, 2, 2));
  g_assert_cmpint (activation.count, ==, 2);

  /* Fewer marks after a change: the focus stays on one that exists. */
  seg_chart_view_set_focused_mark (chart_view, 2);
  {
    static const char * const two[] = { "Champions", "Loyal" };
    static const double values[] = { 10, 20 };

    seg_chart_clear (chart);
    seg_chart_set_categories (chart, two, 2);
    seg_chart_add_series (chart, "Customers", values, 2);
  }
  g_assert_cmpint (seg_chart_view_get_focused_mark (chart_view), <=, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_dark (void)
{
  g_autoptr(SegChart) chart = make_chart ();
  GtkWidget *view = seg_chart_view_new (chart);
  GtkWidget *window = show_in_window (view);
  AdwStyleManager *manager = adw_style_manager_get_default ();

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (seg_chart_view_get_dark (SEG_CHART_VIEW (view)));
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_false (seg_chart_view_get_dark (SEG_CHART_VIEW (view)));
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
segment_activated_cb (SegDashboardView  *view,
                      const char        *name,
                      char             **out)
{
  g_free (*out);
  *out = g_strdup (name);
}

static void
test_dashboard (void)
{
  g_autoptr(SegStore) store = seg_test_create_demo (tmp_dir, "demo.segments");
  g_autofree char *activated = NULL;
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *dashboard;
  GtkWidget *window;
  GtkWidget *sizes;
  SegChart *chart;
  double x, y;

  dashboard = seg_dashboard_view_new (store, SEG_TEST_DEMO_DAY);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), dashboard);
  window = show_in_window (scrolled);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  g_signal_connect (dashboard, "segment-activated", G_CALLBACK (segment_activated_cb),
                    &activated);

  /* Loading happens off the main thread: the loop keeps turning. */
  g_assert_true (seg_dashboard_view_get_loading (SEG_DASHBOARD_VIEW (dashboard)));
  seg_test_wait_until (dashboard_loaded, dashboard);

  sizes = seg_dashboard_view_get_chart_view (SEG_DASHBOARD_VIEW (dashboard), "segment-sizes");
  g_assert_true (SEG_IS_CHART_VIEW (sizes));
  chart = seg_chart_view_get_chart (SEG_CHART_VIEW (sizes));
  g_assert_nonnull (chart);
  g_assert_false (seg_chart_is_empty (chart));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (sizes), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Customers by segment");

  seg_test_wait_until (allocated, sizes);
  g_assert_true (seg_chart_view_get_mark_center (SEG_CHART_VIEW (sizes), 2, &x, &y));
  g_assert_true (seg_chart_view_activate_at (SEG_CHART_VIEW (sizes), x, y));
  g_assert_cmpstr (activated, ==, "Repeat buyers");

  /* A reload keeps the views and hands them new charts. */
  seg_store_emit_changed (store);
  g_assert_true (seg_dashboard_view_get_loading (SEG_DASHBOARD_VIEW (dashboard)));
  seg_test_wait_until (dashboard_loaded, dashboard);
  g_assert_true (seg_dashboard_view_get_chart_view (SEG_DASHBOARD_VIEW (dashboard),
                                                    "segment-sizes") == sizes);
  g_assert_false (seg_chart_view_get_chart (SEG_CHART_VIEW (sizes)) == chart);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  if (!seg_test_init_display ())
    return 0;
  adw_init ();

  tmp_dir = seg_test_make_tmp_dir ("segments-chart-view-XXXXXX");

  g_test_add_func ("/ui/chart-view/accessible", test_accessible);
  g_test_add_func ("/ui/chart-view/hover", test_hover);
  g_test_add_func ("/ui/chart-view/keyboard-and-click", test_keyboard_and_click);
  g_test_add_func ("/ui/chart-view/dark", test_dark);
  g_test_add_func ("/ui/dashboard-view/load-and-activate", test_dashboard);

  status = g_test_run ();

  seg_test_remove_dir (tmp_dir);
  g_free (tmp_dir);

  return status;
}
