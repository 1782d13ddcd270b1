/* main.c — the Segments application
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "seg-application.h"

/* SEGMENTS_BENCH_FIRST_FRAME=1: print the time from launch to the first frame
 * a window paints, then quit.  build-aux/bench uses it; nothing else does. */
static gint64 launch_time;

static void
first_frame_painted_cb (GdkFrameClock *frame_clock,
                        GApplication  *app)
{
  g_print ("{\"first_frame_ms\": %.1f}\n", (g_get_monotonic_time () - launch_time) / 1000.0);
  g_signal_handlers_disconnect_by_func (frame_clock, first_frame_painted_cb, app);
  g_application_quit (app);
}

static void
window_realized_cb (GtkWidget    *window,
                    GApplication *app)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (frame_clock, "after-paint", G_CALLBACK (first_frame_painted_cb), app);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window)
{
  g_signal_connect_after (window, "realize", G_CALLBACK (window_realized_cb), app);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SegApplication) app = NULL;

  launch_time = g_get_monotonic_time ();

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Segments"));

  app = seg_application_new (APPLICATION_ID, G_APPLICATION_HANDLES_OPEN);

  if (g_getenv ("SEGMENTS_BENCH_FIRST_FRAME") != NULL)
    g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
