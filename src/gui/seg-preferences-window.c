/* seg-preferences-window.c — the store's and the app's settings
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store's own settings (name, currency, reference date) live in the
 * store file, so that they travel with it; the rest is in GSettings.
 */

#define G_LOG_DOMAIN "seg-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "seg-day.h"
#include "seg-preferences-window.h"
#include "seg-window.h"

struct _SegPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  SegWindow            *window;   /* weak */
  SegStore             *store;
  GSettings            *settings;
  AdwEntryRow          *name_row;
  AdwEntryRow          *currency_row;
  AdwEntryRow          *reference_row;
};

G_DEFINE_FINAL_TYPE (SegPreferencesWindow, seg_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char * const week_starts[] = { "locale", "monday", "sunday" };

static void
toast (SegPreferencesWindow *self,
       const char           *message)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

static void
save_setting (SegPreferencesWindow *self,
              const char           *key,
              const char           *value,
              gboolean              recompute)
{
  g_autoptr(GError) error = NULL;

  if (!seg_store_set_setting (self->store, key, value, &error))
    {
      toast (self, error->message);
      return;
    }

  if (recompute && self->window != NULL)
    seg_window_refresh (self->window);
  else
    seg_store_emit_changed (self->store);
}

static void
name_applied_cb (AdwEntryRow          *row,
                 SegPreferencesWindow *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (*name == '\0')
    {
      toast (self, _("A store needs a name."));
      return;
    }

  save_setting (self, "name", name, FALSE);
}

static void
currency_applied_cb (AdwEntryRow          *row,
                     SegPreferencesWindow *self)
{
  g_autofree char *code = g_ascii_strup (gtk_editable_get_text (GTK_EDITABLE (row)), -1);

  g_strstrip (code);
  if (strlen (code) != 3 || !g_ascii_isalpha (code[0]) || !g_ascii_isalpha (code[1]) ||
      !g_ascii_isalpha (code[2]))
    {
      toast (self, _("Write the currency as its three-letter code, such as USD, EUR or GBP."));
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (row), code);
  save_setting (self, "currency", code, FALSE);
}

static void
reference_applied_cb (AdwEntryRow          *row,
                      SegPreferencesWindow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  gint32 day;

  if (*text != '\0' && !seg_day_parse_iso (text, &day))
    {
      toast (self, _("Write the reference date as YYYY-MM-DD, for example 2024-06-30, "
                     "or leave it empty to count as of today."));
      return;
    }

  save_setting (self, "reference_date", text, TRUE);
}

static gboolean
week_start_get_mapping (GValue   *value,
                        GVariant *variant,
                        gpointer  user_data)
{
  const char *start = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (week_starts); i++)
    if (g_str_equal (start, week_starts[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
week_start_set_mapping (const GValue       *value,
                        const GVariantType *expected_type,
                        gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  return g_variant_new_string (week_starts[i < G_N_ELEMENTS (week_starts) ? i : 0]);
}

static AdwEntryRow *
add_entry_row (AdwPreferencesGroup *group,
               const char          *title,
               const char          *text,
               GCallback            applied,
               gpointer             data)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  g_signal_connect (row, "apply", applied, data);
  adw_preferences_group_add (group, row);

  return ADW_ENTRY_ROW (row);
}

static void
build_store_group (SegPreferencesWindow *self,
                   AdwPreferencesPage   *page)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autofree char *name = seg_store_dup_name (self->store);
  g_autofree char *currency = seg_store_dup_currency (self->store);
  g_autofree char *reference = seg_store_dup_setting (self->store, "reference_date");

  adw_preferences_group_set_title (group, _("This Store"));
  adw_preferences_group_set_description (group,
                                         _("Kept in the store file. Press Enter or the check "
                                           "mark to apply a change."));

  self->name_row = add_entry_row (group, _("_Name"), name, G_CALLBACK (name_applied_cb), self);
  self->currency_row = add_entry_row (group, _("_Currency (USD, EUR, GBP…)"), currency,
                                      G_CALLBACK (currency_applied_cb), self);
  self->reference_row = add_entry_row (group, _("_Reference date (YYYY-MM-DD, empty for today)"),
                                       reference, G_CALLBACK (reference_applied_cb), self);

  adw_preferences_page_add (page, group);
}

static void
build_app_group (SegPreferencesWindow *self,
                 AdwPreferencesPage   *page)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *row;
  GtkWidget *spin;
  GtkStringList *starts;

  adw_preferences_group_set_title (group, _("Segments"));

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("_Small-segment threshold"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("A segment with fewer people is flagged as too small to act on"));
  spin = gtk_spin_button_new_with_range (1, 100000, 10);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (spin),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (group, row);
  if (self->settings != NULL)
    g_settings_bind (self->settings, "small-segment-threshold", spin, "value",
                     G_SETTINGS_BIND_DEFAULT);
  else
    gtk_widget_set_sensitive (row, FALSE);

  starts = gtk_string_list_new (NULL);
  gtk_string_list_append (starts, _("As in my language settings"));
  gtk_string_list_append (starts, _("Monday"));
  gtk_string_list_append (starts, _("Sunday"));
  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("_Week starts on"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (starts));
  g_object_unref (starts);
  adw_preferences_group_add (group, row);
  if (self->settings != NULL)
    g_settings_bind_with_mapping (self->settings, "week-start", row, "selected",
                                  G_SETTINGS_BIND_DEFAULT,
                                  week_start_get_mapping, week_start_set_mapping, NULL, NULL);
  else
    gtk_widget_set_sensitive (row, FALSE);

  adw_preferences_page_add (page, group);
}

static void
seg_preferences_window_dispose (GObject *object)
{
  SegPreferencesWindow *self = (SegPreferencesWindow *) object;

  g_clear_weak_pointer (&self->window);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (seg_preferences_window_parent_class)->dispose (object);
}

static void
seg_preferences_window_class_init (SegPreferencesWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = seg_preferences_window_dispose;
}

static void
seg_preferences_window_init (SegPreferencesWindow *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

/**
 * seg_preferences_window_new:
 * @window: (nullable): the window whose store's settings are shown
 */
SegPreferencesWindow *
seg_preferences_window_new (SegApplication *application,
                            SegWindow      *window)
{
  SegPreferencesWindow *self;
  AdwPreferencesPage *page;

  g_return_val_if_fail (SEG_IS_APPLICATION (application), NULL);

  self = g_object_new (SEG_TYPE_PREFERENCES_WINDOW,
                       "modal", TRUE,
                       "transient-for", window,
                       "search-enabled", FALSE,
                       "default-width", 560,
                       "default-height", 560,
                       NULL);
  if (window != NULL)
    {
      g_set_weak_pointer (&self->window, window);
      if (seg_window_get_store (window) != NULL)
        self->store = g_object_ref (seg_window_get_store (window));
    }
  if (seg_application_get_settings (application) != NULL)
    self->settings = g_object_ref (seg_application_get_settings (application));

  page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  adw_preferences_page_set_title (page, _("General"));
  adw_preferences_page_set_icon_name (page, "emblem-system-symbolic");
  if (self->store != NULL)
    build_store_group (self, page);
  build_app_group (self, page);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);

  return self;
}
