/* seg-test-ui.h — what the UI tests share: a display, a demo store, waiting
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Header-only, so that each UI test executable takes what it uses without
 * another source file to build.
 */

#pragma once

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "seg-application.h"
#include "seg-day.h"
#include "seg-demo.h"

G_BEGIN_DECLS

/* The day the tests' demo stores end. */
#define SEG_TEST_DEMO_DAY (seg_day_from_ymd (2025, 6, 30))

typedef gboolean (*SegTestCondition) (gpointer data);

/* Runs the main loop until @condition holds; fails after @seconds. */
static inline void
seg_test_wait_until_seconds (SegTestCondition condition,
                             gpointer         data,
                             int              seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Runs the main loop until @condition holds; fails after 30 s. */
static inline void
seg_test_wait_until (SegTestCondition condition,
                     gpointer         data)
{
  seg_test_wait_until_seconds (condition, data, 30);
}

/* Opens the display; without one, says the tests are skipped and returns
 * FALSE, and main () then returns 0. */
static inline gboolean
seg_test_init_display (void)
{
  if (gtk_init_check ())
    return TRUE;

  g_test_message ("No display: run the UI tests under Xvfb");
  g_print ("1..0 # SKIP no display\n");
  return FALSE;
}

/* A registered, non-unique application with the test's own @application_id. */
static inline SegApplication *
seg_test_register_application (const char *application_id)
{
  g_autoptr(GError) error = NULL;
  SegApplication *app = seg_application_new (application_id, G_APPLICATION_NON_UNIQUE);

  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  return app;
}

/* Creates the demo store as @name in @dir, replacing what is there. */
static inline SegStore *
seg_test_create_demo (const char *dir,
                      const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  SegStore *store;

  g_unlink (path);
  store = seg_demo_create (path, SEG_TEST_DEMO_DAY, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  return store;
}

/* The path of "Demo.segments" in @dir, a demo store made on the first call
 * and kept for the next tests. */
static inline char *
seg_test_ensure_demo (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "Demo.segments", NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    g_object_unref (seg_test_create_demo (dir, "Demo.segments"));

  return g_steal_pointer (&path);
}

/* A new folder in the temporary folder, named after @tmpl (see
 * g_dir_make_tmp ()). */
static inline char *
seg_test_make_tmp_dir (const char *tmpl)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);

  return dir;
}

/* Removes the files in @dir, then @dir. */
static inline void
seg_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
}

/* Adds @widget and its descendants of @type to @found, depth first. */
static inline void
seg_test_find_widgets (GtkWidget *widget,
                       GType      type,
                       GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    seg_test_find_widgets (child, type, found);
}

/* The first button under @widget, depth first, that activates @action. */
static inline GtkWidget *
seg_test_find_button_with_action (GtkWidget  *widget,
                                  const char *action)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  seg_test_find_widgets (widget, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (buttons->pdata[i]), action) == 0)
      return buttons->pdata[i];

  return NULL;
}

G_END_DECLS
