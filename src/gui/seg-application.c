/* seg-application.c — the Segments application
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One window per open store.  A window that shows the welcome screen is
 * reused for the next store opened from it; a store that is already open is
 * brought to the front instead of being opened twice.
 */

#define G_LOG_DOMAIN "seg-application"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "seg-application.h"
#include "seg-import-controller.h"
#include "seg-preferences-window.h"
#include "seg-report-controller.h"
#include "seg-window.h"

struct _SegApplication
{
  AdwApplication   parent_instance;

  GSettings       *settings;
  SegRecentStores *recent;
};

G_DEFINE_FINAL_TYPE (SegApplication, seg_application, ADW_TYPE_APPLICATION)

static SegWindow *
find_window_with_path (SegApplication *self,
                       const char     *path)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      SegStore *store;

      if (!SEG_IS_WINDOW (l->data))
        continue;

      store = seg_window_get_store (l->data);
      if (store != NULL && g_strcmp0 (seg_store_get_path (store), path) == 0)
        return l->data;
    }

  return NULL;
}

/* The window a newly opened store goes to: the active one when it shows the
 * welcome screen, another welcome window, or a new one. */
static SegWindow *
get_free_window (SegApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));
  SegWindow *window;

  if (SEG_IS_WINDOW (active) && seg_window_is_empty (SEG_WINDOW (active)))
    return SEG_WINDOW (active);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (SEG_IS_WINDOW (l->data) && seg_window_is_empty (l->data))
      return l->data;

  window = seg_window_new (self);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static char *
dup_absolute_path (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return g_file_get_path (file);
}

void
seg_application_open_path (SegApplication *self,
                           const char     *path)
{
  g_autofree char *absolute = NULL;
  SegWindow *window;

  g_return_if_fail (SEG_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);

  absolute = dup_absolute_path (path);
  window = find_window_with_path (self, absolute);
  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  window = get_free_window (self);
  gtk_window_present (GTK_WINDOW (window));
  seg_window_open_store (window, absolute);
}

/**
 * seg_application_dup_demo_path:
 *
 * Where "Try the Demo Store" keeps its store; development builds use their
 * own folder so that they never overwrite the installed app's demo.
 */
char *
seg_application_dup_demo_path (SegApplication *self)
{
  const char *folder = g_str_has_suffix (APPLICATION_ID, ".Devel") ? "segments-devel" : "segments";

  return g_build_filename (g_get_user_data_dir (), folder, _("Demo Store.segments"), NULL);
}

static GtkWindow *
get_parent_window (SegApplication *self)
{
  return gtk_application_get_active_window (GTK_APPLICATION (self));
}

static GtkFileFilter *
new_store_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Segments Stores"));
  gtk_file_filter_add_pattern (filter, "*.segments");
  gtk_file_filter_add_mime_type (filter, "application/x-segments-store");
  return filter;
}

static void
new_store_response_cb (GtkNativeDialog *dialog,
                       int              response,
                       SegApplication  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  SegWindow *window;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);

  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;

  if (!g_str_has_suffix (path, ".segments"))
    {
      char *with_suffix = g_strconcat (path, ".segments", NULL);

      g_free (path);
      path = with_suffix;
    }
  else if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      /* The chooser asked before replacing it; keep it recoverable. */
      if (find_window_with_path (self, path) == NULL)
        g_file_trash (file, NULL, NULL);
    }

  window = find_window_with_path (self, path);
  if (window == NULL)
    window = get_free_window (self);
  gtk_window_present (GTK_WINDOW (window));
  seg_window_create_store (window, path);
}

static void
new_store_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  SegApplication *self = user_data;
  g_autoptr(GtkFileFilter) filter = new_store_filter ();
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("New Store"), get_parent_window (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Create"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("My Shop.segments"));
  g_signal_connect (dialog, "response", G_CALLBACK (new_store_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
open_store_response_cb (GtkNativeDialog *dialog,
                        int              response,
                        SegApplication  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);

  if (file != NULL && (path = g_file_get_path (file)) != NULL)
    seg_application_open_path (self, path);
}

static void
open_store_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  SegApplication *self = user_data;
  g_autoptr(GtkFileFilter) filter = new_store_filter ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooserNative *dialog;

  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");

  dialog = gtk_file_chooser_native_new (_("Open Store"), get_parent_window (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);
  g_signal_connect (dialog, "response", G_CALLBACK (open_store_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  seg_application_open_path (user_data, g_variant_get_string (parameter, NULL));
}

static void
remove_recent_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  SegApplication *self = user_data;

  seg_recent_stores_remove (self->recent, g_variant_get_string (parameter, NULL));
}

static void
demo_store_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  SegApplication *self = user_data;
  g_autofree char *path = seg_application_dup_demo_path (self);
  SegWindow *window;

  /* Rebuilding the file under an open window would pull it from under it. */
  window = find_window_with_path (self, path);
  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  window = get_free_window (self);
  gtk_window_present (GTK_WINDOW (window));
  seg_window_create_demo (window, path);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  SegApplication *self = user_data;
  GtkWindow *parent = get_parent_window (self);
  SegPreferencesWindow *prefs;

  prefs = seg_preferences_window_new (self, SEG_IS_WINDOW (parent) ? SEG_WINDOW (parent) : NULL);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  SegApplication *self = user_data;
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *shortcuts;

  builder = gtk_builder_new_from_resource ("/io/github/segmentsapp/Segments/shortcuts.ui");
  shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts"));
  gtk_window_set_transient_for (shortcuts, get_parent_window (self));
  gtk_window_set_modal (shortcuts, TRUE);
  gtk_window_present (shortcuts);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  SegApplication *self = user_data;
  static const char *developers[] = { "The Segments authors", NULL };

  adw_show_about_window (get_parent_window (self),
                         "application-name", _("Segments"),
                         "application-icon", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Segments authors"),
                         "developers", developers,
                         "copyright", "© 2026 The Segments authors",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "comments", _("Split your customers into groups that mean "
                                       "something, and act on them. Everything stays "
                                       "on your computer."),
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
help_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  SegApplication *self = user_data;

  gtk_show_uri (get_parent_window (self), "help:" BASE_APPLICATION_ID, GDK_CURRENT_TIME);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  SegApplication *self = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing each window saves its size; then the application ends. */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

static const GActionEntry app_actions[] = {
  { "new-store", new_store_action },
  { "open-store", open_store_action },
  { "open-recent", open_recent_action, "s" },
  { "remove-recent", remove_recent_action, "s" },
  { "demo-store", demo_store_action },
  { "preferences", preferences_action },
  { "shortcuts", shortcuts_action },
  { "about", about_action },
  { "help", help_action },
  { "quit", quit_action },
};

static void
seg_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    window = GTK_WINDOW (seg_window_new (SEG_APPLICATION (application)));

  gtk_window_present (window);
}

static void
show_open_error (GtkWindow  *parent,
                 const char *message)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Could Not Open the Store"),
                                                       message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
seg_application_open (GApplication  *application,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  SegApplication *self = SEG_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);

      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (files[i]);
          g_autofree char *message =
            g_strdup_printf (_("“%s” is not on this computer. Copy the store to a folder "
                               "on this computer, then open it from there."), uri);
          SegWindow *window = get_free_window (self);

          show_open_error (GTK_WINDOW (window), message);
          continue;
        }

      seg_application_open_path (self, path);
    }
}

static void
seg_application_startup (GApplication *application)
{
  SegApplication *self = SEG_APPLICATION (application);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.new-store", { "<Control>n", NULL } },
    { "app.open-store", { "<Control>o", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.shortcuts", { "<Control>question", NULL } },
    { "app.help", { "F1", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "win.import", { "<Control>i", NULL } },
    { "win.print-report", { "<Control>p", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };

  G_APPLICATION_CLASS (seg_application_parent_class)->startup (application);

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, BASE_APPLICATION_ID, TRUE);
  if (schema != NULL)
    self->settings = g_settings_new (BASE_APPLICATION_ID);
  else
    g_warning ("The settings schema %s is not installed; window size and recent "
               "stores will not be kept", BASE_APPLICATION_ID);

  self->recent = seg_recent_stores_new (self->settings);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);

  gtk_window_set_default_icon_name (APPLICATION_ID);

  seg_report_controller_install (); /* win.print-report and win.export-report */
  seg_import_controller_install (GTK_APPLICATION (self)); /* win.import and file drops */
}

static void
seg_application_dispose (GObject *object)
{
  SegApplication *self = (SegApplication *) object;

  g_clear_object (&self->recent);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (seg_application_parent_class)->dispose (object);
}

static void
seg_application_class_init (SegApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = seg_application_dispose;

  app_class->activate = seg_application_activate;
  app_class->open = seg_application_open;
  app_class->startup = seg_application_startup;
}

static void
seg_application_init (SegApplication *self)
{
}

SegApplication *
seg_application_new (const char        *application_id,
                     GApplicationFlags  flags)
{
  return g_object_new (SEG_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags,
                       /* Devel builds share the resources of the app. */
                       "resource-base-path", "/io/github/segmentsapp/Segments",
                       NULL);
}

GSettings *
seg_application_get_settings (SegApplication *self)
{
  g_return_val_if_fail (SEG_IS_APPLICATION (self), NULL);
  return self->settings;
}

SegRecentStores *
seg_application_get_recent_stores (SegApplication *self)
{
  g_return_val_if_fail (SEG_IS_APPLICATION (self), NULL);
  return self->recent;
}
