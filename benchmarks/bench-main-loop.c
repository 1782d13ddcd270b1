/* bench-main-loop.c — the longest stall of the main loop while importing
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window stays responsive during long work only if the main loop keeps
 * turning.  This runs an import the way the import wizard does (in a worker
 * thread, progress delivered to the main context) and measures the gaps
 * between ticks of a 2 ms timeout on the main loop: the longest gap is the
 * longest time the window could not have drawn a frame or answered a click.
 *
 *   bench-main-loop STORE FILE
 */

#include "config.h"

#include <stdlib.h>

#include "seg-import-mapping.h"
#include "seg-importer.h"
#include "seg-store.h"

typedef struct
{
  GMainLoop *loop;
  gint64     last_tick;
  gint64     longest_gap;
  GArray    *gaps;
  guint      progress_calls;
  GError    *error;
} Bench;

static gboolean
tick_cb (gpointer data)
{
  Bench *bench = data;
  gint64 now = g_get_monotonic_time ();
  gint64 gap = now - bench->last_tick;

  bench->longest_gap = MAX (bench->longest_gap, gap);
  g_array_append_val (bench->gaps, gap);
  bench->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
progress_cb (double   fraction,
             gpointer data)
{
  Bench *bench = data;

  bench->progress_calls++;
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      data)
{
  Bench *bench = data;

  seg_importer_run_finish (SEG_IMPORTER (object), result, &bench->error);
  g_main_loop_quit (bench->loop);
}

static int
compare_gaps (const void *a,
              const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegStore) store = NULL;
  g_autoptr(SegImportMapping) mapping = NULL;
  g_autoptr(SegImporter) importer = NULL;
  Bench bench = { 0 };
  gint64 start;
  guint tick;

  if (argc != 3)
    {
      g_printerr ("usage: bench-main-loop STORE FILE\n");
      return 2;
    }

  store = seg_store_open (argv[1], &error);
  if (store != NULL)
    mapping = seg_import_mapping_new_for_path (argv[2], 20, NULL, &error);
  if (mapping == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  importer = seg_importer_new (store, mapping);
  bench.loop = g_main_loop_new (NULL, FALSE);
  bench.gaps = g_array_new (FALSE, FALSE, sizeof (gint64));
  bench.last_tick = g_get_monotonic_time ();
  tick = g_timeout_add (2, tick_cb, &bench);

  start = g_get_monotonic_time ();
  seg_importer_run_async (importer, NULL, progress_cb, &bench, NULL, import_done_cb, &bench);
  g_main_loop_run (bench.loop);
  g_source_remove (tick);

  if (bench.error != NULL)
    {
      g_printerr ("%s\n", bench.error->message);
      return 1;
    }

  g_array_sort (bench.gaps, compare_gaps);
  g_print ("{\"import_ms\": %.0f, \"ticks\": %u, \"progress_updates\": %u, "
           "\"median_gap_ms\": %.1f, \"p99_gap_ms\": %.1f, \"longest_stall_ms\": %.1f}\n",
           (g_get_monotonic_time () - start) / 1000.0, bench.gaps->len, bench.progress_calls,
           g_array_index (bench.gaps, gint64, bench.gaps->len / 2) / 1000.0,
           g_array_index (bench.gaps, gint64, bench.gaps->len * 99 / 100) / 1000.0,
           bench.longest_gap / 1000.0);

  g_array_unref (bench.gaps);
  g_main_loop_unref (bench.loop);
  return 0;
}
