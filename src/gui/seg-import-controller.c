/* seg-import-controller.c — how the store window opens the import wizard
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * win.import (Ctrl+I, the header bar's Import button) opens the wizard on
 * the window's store, and a file dropped on a store window opens it at the
 * Preview step.  One wizard per window: asking again brings it forward.
 */

#define G_LOG_DOMAIN "seg-import-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "seg-import-controller.h"
#include "seg-import-wizard.h"
#include "seg-window.h"

#define WIZARD_KEY "seg-import-wizard"

static SegImportWizard *
ensure_wizard (SegWindow *window)
{
  SegImportWizard *wizard = g_object_get_data (G_OBJECT (window), WIZARD_KEY);
  SegStore *store = seg_window_get_store (window);

  if (wizard != NULL)
    return wizard;
  if (store == NULL)
    return NULL;

  wizard = seg_import_wizard_new (GTK_WINDOW (window), store);
  g_object_set_data (G_OBJECT (window), WIZARD_KEY, wizard);
  return wizard;
}

static void
wizard_destroyed_cb (GtkWidget *wizard,
                     SegWindow *window)
{
  if (g_object_get_data (G_OBJECT (window), WIZARD_KEY) == wizard)
    g_object_set_data (G_OBJECT (window), WIZARD_KEY, NULL);
}

static SegImportWizard *
open_wizard (SegWindow *window)
{
  SegImportWizard *wizard = g_object_get_data (G_OBJECT (window), WIZARD_KEY);

  if (wizard == NULL)
    {
      wizard = ensure_wizard (window);
      if (wizard == NULL)
        return NULL;
      /* Forgotten when it closes, so the next Import starts afresh. */
      g_signal_connect_object (wizard, "destroy", G_CALLBACK (wizard_destroyed_cb), window, 0);
    }

  gtk_window_present (GTK_WINDOW (wizard));
  return wizard;
}

static void
import_hook (SegWindow *window,
             GVariant  *parameter)
{
  SegImportWizard *wizard = open_wizard (window);

  /* A file may come with the action, as a URI or a path. */
  if (wizard != NULL && parameter != NULL
      && g_variant_is_of_type (parameter, G_VARIANT_TYPE_STRING)
      && *g_variant_get_string (parameter, NULL) != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (g_variant_get_string (parameter,
                                                                                    NULL));

      seg_import_wizard_open_file (wizard, file);
    }
}

static gboolean
drop_accept_cb (GtkDropTarget *target,
                GdkDrop       *drop,
                SegWindow     *window)
{
  return seg_window_get_store (window) != NULL && !seg_window_get_busy (window)
         && (gdk_content_formats_contain_gtype (gdk_drop_get_formats (drop), GDK_TYPE_FILE_LIST)
             || gdk_content_formats_contain_gtype (gdk_drop_get_formats (drop), G_TYPE_FILE));
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         SegWindow     *window)
{
  SegImportWizard *wizard;
  GFile *file = NULL;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = g_value_get_boxed (value);

      if (files != NULL)
        file = files->data;
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    file = g_value_get_object (value);

  if (file == NULL)
    return FALSE;

  wizard = open_wizard (window);
  if (wizard == NULL)
    return FALSE;

  seg_import_wizard_open_file (wizard, file);
  return TRUE;
}

static void
add_drop_target (SegWindow *window)
{
  GtkDropTarget *drop;
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };

  if (g_object_get_data (G_OBJECT (window), "seg-import-drop") != NULL)
    return;

  drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop, types, G_N_ELEMENTS (types));
  g_signal_connect_object (drop, "accept", G_CALLBACK (drop_accept_cb), window, 0);
  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), window, 0);
  gtk_widget_add_controller (GTK_WIDGET (window), GTK_EVENT_CONTROLLER (drop));
  g_object_set_data (G_OBJECT (window), "seg-import-drop", drop);
}

static void
window_added_cb (GtkApplication *application,
                 GtkWindow      *window)
{
  if (SEG_IS_WINDOW (window))
    add_drop_target (SEG_WINDOW (window));
}

/**
 * seg_import_controller_install:
 * @application: the application
 *
 * Gives win.import its behaviour in every store window and adds a drop
 * target for export files to every store window, present and future.
 */
void
seg_import_controller_install (GtkApplication *application)
{
  g_return_if_fail (GTK_IS_APPLICATION (application));

  seg_window_install_action_hook ("import", import_hook);

  g_signal_connect (application, "window-added", G_CALLBACK (window_added_cb), NULL);
  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    window_added_cb (application, l->data);
}
