/* seg-welcome.c — what the window shows when no store is open
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Its buttons and rows only activate application actions (app.new-store,
 * app.open-recent, ...): the application decides which window opens what.
 */

#define G_LOG_DOMAIN "seg-welcome"

#include "config.h"

#include <glib/gi18n.h>

#include "seg-format.h"
#include "seg-welcome.h"

struct _SegWelcome
{
  GtkWidget             parent_instance;

  AdwStatusPage        *status_page;
  AdwPreferencesGroup  *recent_group;
  GtkListBox           *recent_list;

  SegRecentStores      *recent;
  gulong                items_changed_id;
};

G_DEFINE_FINAL_TYPE (SegWelcome, seg_welcome, GTK_TYPE_WIDGET)

/* "~/Documents/My Shop.segments" reads better than the full path. */
static char *
dup_display_path (const char *path)
{
  const char *home = g_get_home_dir ();
  g_autofree char *display = g_filename_display_name (path);

  if (home != NULL && g_str_has_prefix (path, home) && path[strlen (home)] == G_DIR_SEPARATOR)
    {
      g_autofree char *rest = g_filename_display_name (path + strlen (home));
      return g_strconcat ("~", rest, NULL);
    }

  return g_steal_pointer (&display);
}

static char *
dup_last_import_text (SegRecentStore *store)
{
  GDateTime *utc = seg_recent_store_get_last_import (store);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *date = NULL;

  if (utc == NULL)
    return g_strdup (_("never imported"));

  local = g_date_time_to_local (utc);
  /* Translators: a date, see strftime(3). */
  date = g_date_time_format (local, _("%b %-e, %Y"));
  /* Translators: %s is a date. */
  return g_strdup_printf (_("last import %s"), date);
}

static GtkWidget *
create_recent_row (gpointer item,
                   gpointer user_data)
{
  SegRecentStore *store = item;
  const char *path = seg_recent_store_get_path (store);
  g_autofree char *display_path = dup_display_path (path);
  g_autofree char *size = seg_format_size (seg_recent_store_get_size (store));
  g_autofree char *imported = dup_last_import_text (store);
  g_autofree char *details = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *remove_label = NULL;
  GtkWidget *row;
  GtkWidget *remove;
  GtkWidget *icon;

  /* Translators: below a recent store: its file size · when it was last imported. */
  details = g_strdup_printf (_("%s · %s"), size, imported);
  subtitle = g_strdup_printf ("%s\n%s", display_path, details);

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), seg_recent_store_get_name (store));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "app.open-recent");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", path);
  gtk_widget_set_tooltip_text (row, display_path);

  icon = gtk_image_new_from_icon_name ("x-office-spreadsheet-symbolic");
  gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  /* Translators: %s is a store's name. */
  remove_label = g_strdup_printf (_("Remove “%s” From Recent Stores"),
                                  seg_recent_store_get_name (store));
  remove = gtk_button_new_from_icon_name ("window-close-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_add_css_class (remove, "circular");
  gtk_widget_set_tooltip_text (remove, _("Remove From Recent Stores (the file is kept)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "app.remove-recent");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", path);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  return row;
}

static void
recent_items_changed_cb (SegWelcome *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->recent_group),
                          g_list_model_get_n_items (G_LIST_MODEL (self->recent)) > 0);
}

static void
seg_welcome_dispose (GObject *object)
{
  SegWelcome *self = (SegWelcome *) object;
  GtkWidget *child;

  if (self->recent != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->recent);
  g_clear_object (&self->recent);

  gtk_widget_dispose_template (GTK_WIDGET (self), SEG_TYPE_WELCOME);
  /* The template's top widget has no id, so disposing the template
   * leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (seg_welcome_parent_class)->dispose (object);
}

static void
seg_welcome_class_init (SegWelcomeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seg_welcome_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/segmentsapp/Segments/seg-welcome.ui");
  gtk_widget_class_bind_template_child (widget_class, SegWelcome, status_page);
  gtk_widget_class_bind_template_child (widget_class, SegWelcome, recent_group);
  gtk_widget_class_bind_template_child (widget_class, SegWelcome, recent_list);
}

static void
seg_welcome_init (SegWelcome *self)
{
  GtkIconTheme *theme;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Before the app is installed its icon is not in the theme yet. */
  theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  if (gtk_icon_theme_has_icon (theme, APPLICATION_ID))
    adw_status_page_set_icon_name (self->status_page, APPLICATION_ID);
  else if (gtk_icon_theme_has_icon (theme, BASE_APPLICATION_ID))
    adw_status_page_set_icon_name (self->status_page, BASE_APPLICATION_ID);
  else
    adw_status_page_set_icon_name (self->status_page, "x-office-spreadsheet-symbolic");
}

void
seg_welcome_set_recent_stores (SegWelcome      *self,
                               SegRecentStores *recent)
{
  g_return_if_fail (SEG_IS_WELCOME (self));
  g_return_if_fail (recent == NULL || SEG_IS_RECENT_STORES (recent));

  if (self->recent != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->recent);
  g_set_object (&self->recent, recent);

  gtk_list_box_bind_model (self->recent_list, G_LIST_MODEL (recent),
                           create_recent_row, self, NULL);
  if (recent != NULL)
    {
      self->items_changed_id = g_signal_connect_swapped (recent, "items-changed",
                                                         G_CALLBACK (recent_items_changed_cb),
                                                         self);
      recent_items_changed_cb (self);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->recent_group), FALSE);
    }
}
