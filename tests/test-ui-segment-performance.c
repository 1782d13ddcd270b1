/* test-ui-segment-performance.c — a segment's Performance tab, on a real display
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>
#include <adwaita.h>

#include "seg-application.h"
#include "seg-chart-view.h"
#include "seg-dashboard.h"
#include "seg-day.h"
#include "seg-demo.h"
#include "seg-segment-list.h"
#include "seg-segment-page.h"
#include "seg-segments-controller.h"
#include "seg-window.h"

static SegApplication *app;
static char *tmp_dir;

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until @condition holds; fails after 30 s. */
static void
wait_until (Condition condition,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
controller_idle (gpointer data)
{
  return !seg_segments_controller_get_evaluating (data) &&
         seg_segments_controller_get_evaluation (data) != NULL;
}

static gboolean
charts_loaded (gpointer data)
{
  SegSegmentPage *page = data;

  return !seg_segment_page_get_loading_charts (page) &&
         seg_chart_view_get_chart (SEG_CHART_VIEW (seg_segment_page_get_chart_view (page, 0))) != NULL;
}

static void
test_performance_charts (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "Performance.segments", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SegStore) store = NULL;
  g_autoptr(SegSegment) segment = NULL;
  SegWindow *window;
  SegSegmentsController *controller;
  SegSegmentPage *page;
  guint n_drawn = 0;

  g_unlink (path);
  store = seg_demo_create (path, seg_day_from_ymd (2025, 6, 30), &error);
  g_assert_no_error (error);

  window = seg_window_new (app);
  seg_window_set_store (window, store);
  gtk_window_present (GTK_WINDOW (window));
  controller = seg_segments_controller_get_for_window (window);
  g_assert_nonnull (controller);
  wait_until (controller_idle, controller);

  segment = seg_segments_lookup (store, "Repeat buyers", &error);
  g_assert_no_error (error);
  seg_segments_controller_open_segment (controller, seg_segment_get_id (segment));
  page = SEG_SEGMENT_PAGE (seg_segments_controller_get_page (controller,
                                                             seg_segment_get_id (segment)));
  g_assert_true (SEG_IS_SEGMENT_PAGE (page));

  /* Nothing is built before the tab is shown. */
  g_assert_null (seg_chart_view_get_chart (SEG_CHART_VIEW (seg_segment_page_get_chart_view (page, 0))));
  seg_segment_page_show_tab (page, "performance");
  wait_until (charts_loaded, page);

  for (guint i = 0; i < SEG_SEGMENT_N_CHARTS; i++)
    {
      GtkWidget *view = seg_segment_page_get_chart_view (page, i);
      SegChart *chart = seg_chart_view_get_chart (SEG_CHART_VIEW (view));
      g_autofree char *summary = NULL;

      g_assert_nonnull (chart);
      g_assert_cmpstr (seg_chart_get_title (chart), ==, seg_segment_chart_get_title (i));
      summary = seg_chart_dup_summary (chart);
      g_assert_cmpuint (strlen (summary), >, 0);

      /* What a screen reader says: the title and the summary. */
      gtk_test_accessible_assert_role (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_ROLE_IMG);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view),
                                           GTK_ACCESSIBLE_PROPERTY_LABEL,
                                           seg_segment_chart_get_title (i));
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view),
                                           GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary);
      g_assert_true (gtk_widget_get_focusable (view));
      if (!seg_chart_is_empty (chart))
        n_drawn++;
    }

  /* The demo has snapshots, orders and A/B campaigns for this segment. */
  g_assert_cmpuint (n_drawn, ==, SEG_SEGMENT_N_CHARTS);

  /* A saved rule that no one matches: the charts follow and say what to do. */
  g_assert_true (seg_rule_builder_set_text (seg_segment_page_get_builder (page),
                                            "orders >= 100000", &error));
  g_assert_no_error (error);
  seg_segment_page_save (page);
  wait_until (charts_loaded, page);
  {
    SegChart *chart = seg_chart_view_get_chart (SEG_CHART_VIEW (seg_segment_page_get_chart_view (page, SEG_SEGMENT_CHART_COUNTRIES)));

    g_assert_true (seg_chart_is_empty (chart));
    g_assert_nonnull (strstr (seg_chart_get_empty_text (chart), "Rule tab"));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_message ("No display: run the UI tests under Xvfb");
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  tmp_dir = g_dir_make_tmp ("segments-ui-performance-XXXXXX", &error);
  g_assert_no_error (error);

  app = seg_application_new ("io.github.segmentsapp.Segments.UiPerformanceTest",
                             G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/ui/segment-performance/charts", test_performance_charts);

  status = g_test_run ();

  g_clear_object (&app);
  {
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *file = g_build_filename (tmp_dir, name, NULL);

        g_unlink (file);
      }
  }
  g_rmdir (tmp_dir);
  g_free (tmp_dir);

  return status;
}
