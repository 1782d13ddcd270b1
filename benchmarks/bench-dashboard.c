/* bench-dashboard.c — how long redrawing the whole dashboard takes
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-dashboard [STORE] [REDRAWS]
 *
 * Builds every dashboard chart of a store with 12 segments once (the
 * demo store plus templates when no STORE is given), then draws all of them
 * REDRAWS times (default 100) onto one image surface laid out as the
 * Overview lays them out in a 1280 × 800 window: two columns of cards.
 * Only drawing is timed, not the queries: the widget keeps the drawing until
 * the data or its size changes, so this is the cost of a resize.  Prints
 * one JSON object with the median and 95th percentile in milliseconds.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "seg-chart-renderer.h"
#include "seg-dashboard.h"
#include "seg-day.h"
#include "seg-demo.h"
#include "seg-measures.h"
#include "seg-segment-list.h"
#include "seg-template.h"

#define N_SEGMENTS   12
#define WINDOW_WIDTH 1280
#define COLUMNS      2
#define CARD_WIDTH   ((WINDOW_WIDTH - 260 - 3 * 12) / COLUMNS)  /* beside the sidebar */
#define CARD_HEIGHT  360

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
percentile (double *sorted,
            guint   n,
            double  p)
{
  return sorted[MIN (n - 1, (guint) (p * (n - 1) + 0.5))];
}

static void
die (GError *error)
{
  g_printerr ("bench-dashboard: %s\n", error->message);
  exit (1);
}

/* The demo's five starter segments, then templates until there are 12. */
static SegStore *
create_store (const char *path,
              gint32      day)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegStore) store = seg_demo_create (path, day, &error);
  g_autoptr(GPtrArray) segments = NULL;
  guint n;

  if (store == NULL)
    die (error);

  segments = seg_segments_load (store, &error);
  if (segments == NULL)
    die (error);
  n = segments->len;

  for (guint i = 0; i < seg_template_get_n_templates () && n < N_SEGMENTS; i++)
    {
      const SegTemplate *template = seg_template_get_nth (i);
      g_autoptr(SegSegment) segment = NULL;
      g_autoptr(GError) add_error = NULL;

      segment = seg_template_add_to_store (template, store, &add_error);
      if (segment != NULL)
        n++;
    }

  /* Sizes on a few days for the trend; RFM groups on two for movement. */
  for (int days_ago = 90; days_ago >= 0; days_ago -= 30)
    if (!seg_segments_snapshot (store, day - days_ago, &error) ||
        !seg_dashboard_snapshot_rfm (seg_store_get_db (store), day - days_ago, &error))
      die (error);
  if (!seg_measures_ensure (seg_store_get_db (store), day, &error))
    die (error);

  return g_steal_pointer (&store);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegStore) store = NULL;
  g_autoptr(SegDashboard) dashboard = NULL;
  g_autoptr(GPtrArray) charts = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autofree char *path = NULL;
  g_autofree double *times = NULL;
  cairo_surface_t *surface;
  SegChartStyle style;
  gint32 day;
  guint redraws = 100, rows;
  double build_ms, start;

  if (argc > 2)
    redraws = MAX (1, atoi (argv[2]));

  if (argc > 1 && g_strcmp0 (argv[1], "-") != 0)
    {
      store = seg_store_open (argv[1], &error);
      if (store == NULL)
        die (error);
      day = seg_store_get_reference_day (store);
      if (!seg_measures_ensure (seg_store_get_db (store), day, &error))
        die (error);
    }
  else
    {
      day = seg_day_from_ymd (2025, 6, 30);
      tmp_dir = g_dir_make_tmp ("segments-bench-XXXXXX", &error);
      if (tmp_dir == NULL)
        die (error);
      path = g_build_filename (tmp_dir, "bench.segments", NULL);
      store = create_store (path, day);
    }

  segments = seg_segments_load (store, &error);
  if (segments == NULL)
    die (error);

  start = g_get_monotonic_time () / 1000.0;
  dashboard = seg_dashboard_new (store, day);
  charts = seg_dashboard_build_all (dashboard, NULL, &error);
  if (charts == NULL)
    die (error);
  build_ms = g_get_monotonic_time () / 1000.0 - start;

  rows = (charts->len + COLUMNS - 1) / COLUMNS;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WINDOW_WIDTH,
                                        rows * (CARD_HEIGHT + 12));
  seg_chart_style_init (&style);
  times = g_new (double, redraws);

  for (guint r = 0; r < redraws; r++)
    {
      cairo_t *cr = cairo_create (surface);

      start = g_get_monotonic_time () / 1000.0;
      for (guint i = 0; i < charts->len; i++)
        {
          cairo_save (cr);
          cairo_translate (cr, 12 + (i % COLUMNS) * (CARD_WIDTH + 12),
                           (i / COLUMNS) * (CARD_HEIGHT + 12));
          seg_chart_draw (g_ptr_array_index (charts, i), cr, CARD_WIDTH, CARD_HEIGHT, &style);
          cairo_restore (cr);
        }
      cairo_surface_flush (surface);
      times[r] = g_get_monotonic_time () / 1000.0 - start;
      cairo_destroy (cr);
    }

  /* Which charts cost the most, on request. */
  if (g_getenv ("BENCH_DASHBOARD_VERBOSE") != NULL)
    for (guint i = 0; i < charts->len; i++)
      {
        cairo_t *cr = cairo_create (surface);
        double t0 = g_get_monotonic_time () / 1000.0;

        for (guint r = 0; r < 20; r++)
          seg_chart_draw (g_ptr_array_index (charts, i), cr, CARD_WIDTH, CARD_HEIGHT, &style);
        g_printerr ("%-20s %.2f ms\n", seg_dashboard_chart_get_id (i),
                    (g_get_monotonic_time () / 1000.0 - t0) / 20);
        cairo_destroy (cr);
      }

  if (g_getenv ("BENCH_DASHBOARD_PNG") != NULL)
    cairo_surface_write_to_png (surface, g_getenv ("BENCH_DASHBOARD_PNG"));
  cairo_surface_destroy (surface);

  qsort (times, redraws, sizeof *times, compare_doubles);
  printf ("{\"dashboard_redraw_median_ms\": %.3f, \"dashboard_redraw_p95_ms\": %.3f, "
          "\"dashboard_redraw_min_ms\": %.3f, \"dashboard_build_ms\": %.1f, "
          "\"charts\": %u, \"segments\": %u, \"redraws\": %u, "
          "\"card_width\": %d, \"card_height\": %d}\n",
          percentile (times, redraws, 0.5), percentile (times, redraws, 0.95), times[0],
          build_ms, charts->len, segments->len, redraws, CARD_WIDTH, CARD_HEIGHT);

  g_clear_object (&store);
  if (path != NULL)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_unlink (path);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (tmp_dir);
    }

  return 0;
}
