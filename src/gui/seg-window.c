/* seg-window.c — a window on one store (or the welcome screen)
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window has three faces in a stack: the welcome screen, "opening…"
 * while a worker thread opens the store and brings its measures up to date,
 * and the store itself: a sidebar of places in an AdwLeaflet and a stack of
 * pages.  Other parts of the app add pages (seg_window_add_page()), fill the
 * segment list (seg_window_bind_segments()) and give the window's
 * placeholder actions their behaviour (seg_window_install_action_hook()).
 */

#define G_LOG_DOMAIN "seg-window"

#include "config.h"

#include <errno.h>
#include <langinfo.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "seg-campaigns-page.h"
#include "seg-day.h"
#include "seg-demo.h"
#include "seg-format.h"
#include "seg-measures.h"
#include "seg-history.h"
#include "seg-reports-page.h"
#include "seg-template.h"
#include "seg-window.h"
#include "seg-segments-controller.h" /* segment screens: seg_segments_controller_install () */

struct _SegWindow
{
  AdwApplicationWindow  parent_instance;

  /* template */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  SegWelcome           *welcome;
  AdwStatusPage        *loading_page;
  GtkSpinner           *loading_spinner;
  AdwLeaflet           *leaflet;
  GtkWidget            *content_box;
  AdwWindowTitle       *store_title;
  AdwWindowTitle       *page_title;
  GtkButton            *back_button;
  GtkListBox           *places_list;
  GtkListBox           *segments_list;
  GtkListBox           *places_bottom_list;
  GtkListBoxRow        *customers_row;
  GtkLabel             *customers_count_label;
  GtkStack             *content_stack;
  SegOverviewPage      *overview_page;
  SegCustomersPage     *customers_page;
  SegCampaignsPage     *campaigns_page;

  SegStore             *store;
  gulong                store_changed_id;
  GCancellable         *cancellable;
  guint                 busy : 1;
  guint                 segments_bound : 1;
};

G_DEFINE_FINAL_TYPE (SegWindow, seg_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Actions whose behaviour another part of the app provides. */
static const char * const hookable_actions[] = { "import", "print-report", "export-report" };
static GHashTable *action_hooks;

typedef enum
{
  LOAD_OPEN,
  LOAD_CREATE,
  LOAD_DEMO,
  LOAD_REFRESH,
} LoadMode;

typedef struct
{
  LoadMode  mode;
  char     *path;
  char     *currency;
  SegStore *store;      /* LOAD_REFRESH: the open store */
  gint32    ref_day;    /* LOAD_REFRESH */
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_free (load->path);
  g_free (load->currency);
  g_clear_object (&load->store);
  g_free (load);
}

static void
update_hook_actions (SegWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (hookable_actions); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), hookable_actions[i]);
      gboolean hooked = action_hooks != NULL &&
                        g_hash_table_contains (action_hooks, hookable_actions[i]);

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action),
                                   hooked && self->store != NULL && !self->busy);
    }
}

static void
hook_action_activated_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  SegWindow *self = user_data;
  SegWindowActionHook hook = NULL;

  if (action_hooks != NULL)
    hook = g_hash_table_lookup (action_hooks, g_action_get_name (G_ACTION (action)));

  if (hook != NULL)
    hook (self, parameter);
}

static void
set_busy (SegWindow *self,
          gboolean   busy)
{
  if (self->busy == !!busy)
    return;

  self->busy = !!busy;
  gtk_spinner_set_spinning (self->loading_spinner, busy);
  update_hook_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
update_titles (SegWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *date = NULL;
  g_autofree char *subtitle = NULL;

  if (self->store == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Segments"));
      return;
    }

  name = seg_store_dup_name (self->store);
  date = seg_format_day_long (seg_store_get_reference_day (self->store));
  /* Translators: the header bar's subtitle, %s is a date: counts are as of it. */
  subtitle = g_strdup_printf (_("as of %s"), date);

  gtk_window_set_title (GTK_WINDOW (self), name);
  adw_window_title_set_title (self->store_title, name);
  adw_window_title_set_subtitle (self->store_title, subtitle);
}

static void
update_customer_count (SegWindow *self)
{
  const SegStoreStats *stats = seg_overview_page_get_stats (self->overview_page);
  g_autofree char *count = NULL;

  g_autofree char *accessible = NULL;

  if (stats != NULL)
    count = seg_format_count (stats->contacts);
  gtk_label_set_label (self->customers_count_label, count ? count : "");

  /* A list row is not named after its labels in GTK 4.8: say the count too. */
  if (count != NULL)
    /* Translators: the sidebar row read by a screen reader, %s is a count. */
    accessible = g_strdup_printf (_("Customers, %s"), count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->customers_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible ? accessible : _("Customers"),
                                  -1);
}

static void
overview_loading_changed_cb (SegWindow *self)
{
  if (!seg_overview_page_get_loading (self->overview_page))
    update_customer_count (self);
}

static void
draw_color_dot (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  const char *color = g_object_get_data (G_OBJECT (area), "color");
  GdkRGBA rgba;

  if (color == NULL || !gdk_rgba_parse (&rgba, color))
    gdk_rgba_parse (&rgba, "#3584e4");

  gdk_cairo_set_source_rgba (cr, &rgba);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

/* Until the segment list has its own model, the window lists what is in
 * the store, so that the sidebar always tells the truth. */
static void
load_segment_rows (SegWindow *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GtkWidget *child;

  if (self->segments_bound)
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->segments_list))) != NULL &&
         GTK_IS_LIST_BOX_ROW (child))
    gtk_list_box_remove (self->segments_list, child);

  if (self->store == NULL)
    return;

  stmt = seg_store_prepare (self->store,
                            "SELECT name, color FROM segments ORDER BY priority, id", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      const char *color = (const char *) sqlite3_column_text (stmt, 1);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *dot = gtk_drawing_area_new ();
      GtkWidget *label = gtk_label_new (name);

      g_object_set_data_full (G_OBJECT (dot), "color", g_strdup (color), g_free);
      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (dot), 12);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (dot), 12);
      gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
      gtk_widget_set_margin_start (dot, 2);
      gtk_widget_set_margin_end (dot, 2);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (dot),
                                      draw_color_dot, NULL, NULL);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (box), dot);
      gtk_box_append (GTK_BOX (box), label);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->segments_list, row);
    }
}

static void
reload_store_views (SegWindow *self)
{
  update_titles (self);
  load_segment_rows (self);
  seg_overview_page_reload (self->overview_page);
  seg_customers_page_reload (self->customers_page);
  seg_campaigns_page_reload (self->campaigns_page);
}

static gboolean
reload_store_views_cb (gpointer data)
{
  SegWindow *self = data;

  if (self->store != NULL)
    reload_store_views (self);

  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (SegStore  *store,
                  SegWindow *self)
{
  /* The store may say so from an import thread: widgets wait for the main
   * loop. */
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, reload_store_views_cb,
                              g_object_ref (self), g_object_unref);
}

static GtkListBoxRow *
find_place_row (SegWindow  *self,
                const char *name)
{
  GtkListBox *lists[] = { self->places_list, self->segments_list, self->places_bottom_list };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (lists[i]));
         child != NULL;
         child = gtk_widget_get_next_sibling (child))
      {
        const char *page = g_object_get_data (G_OBJECT (child), "seg-page");

        if (!GTK_IS_LIST_BOX_ROW (child))
          continue;
        if (g_strcmp0 (page ? page : gtk_widget_get_name (child), name) == 0)
          return GTK_LIST_BOX_ROW (child);
      }

  return NULL;
}

static void
select_place_row (SegWindow     *self,
                  GtkListBoxRow *row)
{
  GtkListBox *lists[] = { self->places_list, self->segments_list, self->places_bottom_list };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      if (row != NULL && gtk_widget_get_parent (GTK_WIDGET (row)) == GTK_WIDGET (lists[i]))
        gtk_list_box_select_row (lists[i], row);
      else
        gtk_list_box_unselect_all (lists[i]);
    }
}

static void
place_row_activated_cb (GtkListBox    *list,
                        GtkListBoxRow *row,
                        SegWindow     *self)
{
  const char *page = g_object_get_data (G_OBJECT (row), "seg-page");

  if (page == NULL)
    page = gtk_widget_get_name (GTK_WIDGET (row));

  if (gtk_stack_get_child_by_name (self->content_stack, page) != NULL)
    {
      seg_window_show_page (self, page);
      adw_leaflet_set_visible_child (self->leaflet, self->content_box);
    }
}

static void
place_row_open_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  gtk_widget_activate (GTK_WIDGET (user_data));
}

/* Screen readers press rows through AT-SPI actions: give the fixed places the
 * same "row.open" as the segment rows, since GTK 4.8 list rows have none. */
static void
add_row_open_actions (GtkListBox *list)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      g_autoptr(GSimpleActionGroup) group = NULL;
      g_autoptr(GSimpleAction) open = NULL;

      if (!GTK_IS_LIST_BOX_ROW (child))
        continue;

      group = g_simple_action_group_new ();
      open = g_simple_action_new ("open", NULL);
      g_signal_connect_object (open, "activate", G_CALLBACK (place_row_open_cb), child, 0);
      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (open));
      gtk_widget_insert_action_group (child, "row", G_ACTION_GROUP (group));
    }
}

static void
back_clicked_cb (SegWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *load = task_data;
  g_autoptr(SegStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) db = NULL;
  gint32 ref_day;

  switch (load->mode)
    {
    case LOAD_OPEN:
      store = seg_store_open (load->path, &error);
      break;

    case LOAD_CREATE:
      store = seg_store_create (load->path, NULL, load->currency, &error);
      /* A new store starts with the guide's five core segments. */
      if (store != NULL && !seg_templates_add_starter_set (store, &error))
        g_clear_object (&store);
      break;

    case LOAD_DEMO:
      {
        g_autofree char *dir = g_path_get_dirname (load->path);
        const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

        if (g_mkdir_with_parents (dir, 0700) != 0)
          {
            int saved_errno = errno;

            g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                                     _("Could not make the folder “%s”: %s"),
                                     dir, g_strerror (saved_errno));
            return;
          }

        /* The demo is ours to rebuild: always the same, always fresh. */
        for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
          {
            g_autofree char *file = g_strconcat (load->path, suffixes[i], NULL);
            g_unlink (file);
          }

        store = seg_demo_create (load->path, seg_day_today (), &error);
      }
      break;

    case LOAD_REFRESH:
      store = g_object_ref (load->store);
      break;

    default:
      g_assert_not_reached ();
    }

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  ref_day = load->mode == LOAD_REFRESH ? load->ref_day : seg_store_get_reference_day (store);

  /* The measures are computed on a connection of this thread's own. */
  db = seg_store_open_connection (store, &error);
  if (db == NULL || !seg_measures_ensure (db, ref_day, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Each day a store is opened, its segment sizes are recorded for the trend
   * charts.  Only a store this thread opened is used here: a refresh works
   * on the window's store, which belongs to the main thread. */
  if (load->mode != LOAD_REFRESH && !seg_history_record (store, ref_day, &error))
    {
      g_warning ("Could not record today's segment sizes: %s", error->message);
      g_clear_error (&error);
    }

  g_task_return_pointer (task, g_steal_pointer (&store), g_object_unref);
}

/* A dashboard mark standing for a segment opens that segment's page. */
static void
overview_segment_activated_cb (SegWindow  *self,
                               const char *name)
{
  SegSegmentsController *controller = seg_segments_controller_get_for_window (self);
  GListModel *segments;

  if (controller == NULL || name == NULL)
    return;

  segments = seg_segments_controller_get_segments (controller);
  for (guint i = 0; segments && i < g_list_model_get_n_items (segments); i++)
    {
      g_autoptr(SegSegment) segment = g_list_model_get_item (segments, i);

      if (g_strcmp0 (seg_segment_get_name (segment), name) == 0)
        {
          seg_segments_controller_open_segment (controller, seg_segment_get_id (segment));
          return;
        }
    }
}

static void
show_error (SegWindow  *self,
            const char *heading,
            const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
load_finished_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SegWindow *self = SEG_WINDOW (object);
  LoadData *load = g_task_get_task_data (G_TASK (result));
  g_autoptr(SegStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = g_task_propagate_pointer (G_TASK (result), &error);
  set_busy (self, FALSE);

  if (store == NULL)
    {
      const char *heading;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      switch (load->mode)
        {
        case LOAD_CREATE:
          heading = _("Could Not Create the Store");
          break;
        case LOAD_DEMO:
          heading = _("Could Not Create the Demo Store");
          break;
        case LOAD_REFRESH:
          heading = _("Could Not Update the Figures");
          break;
        case LOAD_OPEN:
        default:
          heading = _("Could Not Open the Store");
          break;
        }

      gtk_stack_set_visible_child_name (self->main_stack,
                                        self->store != NULL ? "store" : "welcome");
      show_error (self, heading, error->message);
      return;
    }

  if (load->mode == LOAD_REFRESH)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "store");
      seg_store_emit_changed (self->store);
      return;
    }

  seg_window_set_store (self, store);
  seg_recent_stores_add (seg_application_get_recent_stores (
                           SEG_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)))),
                         seg_store_get_path (store));
}

static void
start_load (SegWindow  *self,
            LoadData   *load,
            const char *title)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  adw_status_page_set_title (self->loading_page, title);
  if (load->path != NULL)
    {
      g_autofree char *name = g_filename_display_basename (load->path);
      adw_status_page_set_description (self->loading_page, name);
    }
  gtk_stack_set_visible_child_name (self->main_stack, "loading");
  set_busy (self, TRUE);

  task = g_task_new (self, self->cancellable, load_finished_cb, NULL);
  g_task_set_source_tag (task, start_load);
  g_task_set_task_data (task, load, load_data_free);
  g_task_run_in_thread (task, load_thread);
}

static gboolean
seg_window_close_request (GtkWindow *window)
{
  SegWindow *self = SEG_WINDOW (window);
  GtkApplication *app = gtk_window_get_application (window);
  GSettings *settings = SEG_IS_APPLICATION (app) ?
                        seg_application_get_settings (SEG_APPLICATION (app)) : NULL;

  if (settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
        {
          g_settings_set_int (settings, "window-width", width);
          g_settings_set_int (settings, "window-height", height);
        }
    }

  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (seg_window_parent_class)->close_request (window);
}

static void
seg_window_dispose (GObject *object)
{
  SegWindow *self = (SegWindow *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), SEG_TYPE_WINDOW);

  G_OBJECT_CLASS (seg_window_parent_class)->dispose (object);
}

static void
seg_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SegWindow *self = SEG_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  SegWindow *self = SEG_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      seg_window_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_window_class_init (SegWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = seg_window_dispose;
  object_class->get_property = seg_window_get_property;
  object_class->set_property = seg_window_set_property;

  window_class->close_request = seg_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SEG_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SEG_TYPE_WELCOME);
  g_type_ensure (SEG_TYPE_OVERVIEW_PAGE);
  g_type_ensure (SEG_TYPE_CUSTOMERS_PAGE);
  g_type_ensure (SEG_TYPE_CAMPAIGNS_PAGE);
  g_type_ensure (SEG_TYPE_REPORTS_PAGE); /* the Reports page, seg-reports-page.c */

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/segmentsapp/Segments/seg-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SegWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, welcome);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, store_title);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, page_title);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, places_list);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, segments_list);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, places_bottom_list);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, customers_row);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, customers_count_label);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, customers_page);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, campaigns_page);
}

static void
seg_window_init (SegWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  if (g_str_has_suffix (APPLICATION_ID, ".Devel"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  for (guint i = 0; i < G_N_ELEMENTS (hookable_actions); i++)
    {
      g_autoptr(GSimpleAction) action = g_simple_action_new (hookable_actions[i], NULL);

      g_signal_connect (action, "activate", G_CALLBACK (hook_action_activated_cb), self);
      g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
    }
  update_hook_actions (self);

  g_signal_connect (self->places_list, "row-activated", G_CALLBACK (place_row_activated_cb), self);
  g_signal_connect (self->segments_list, "row-activated", G_CALLBACK (place_row_activated_cb), self);
  g_signal_connect (self->places_bottom_list, "row-activated",
                    G_CALLBACK (place_row_activated_cb), self);
  add_row_open_actions (self->places_list);
  add_row_open_actions (self->places_bottom_list);
  g_signal_connect_swapped (self->back_button, "clicked", G_CALLBACK (back_clicked_cb), self);
  g_signal_connect_swapped (self->overview_page, "notify::loading",
                            G_CALLBACK (overview_loading_changed_cb), self);
  g_signal_connect_swapped (self->overview_page, "segment-activated",
                            G_CALLBACK (overview_segment_activated_cb), self);

  gtk_window_set_title (GTK_WINDOW (self), _("Segments"));
  gtk_stack_set_visible_child_name (self->main_stack, "welcome");
  seg_segments_controller_install (self); /* sidebar segments, segment pages; follows the store */
}

/**
 * seg_window_new:
 *
 * A window on the welcome screen, sized as the last one was.
 */
SegWindow *
seg_window_new (SegApplication *application)
{
  SegWindow *self;
  GSettings *settings;

  g_return_val_if_fail (SEG_IS_APPLICATION (application), NULL);

  self = g_object_new (SEG_TYPE_WINDOW, "application", application, NULL);
  seg_welcome_set_recent_stores (self->welcome, seg_application_get_recent_stores (application));

  settings = seg_application_get_settings (application);
  if (settings != NULL)
    {
      int width = g_settings_get_int (settings, "window-width");
      int height = g_settings_get_int (settings, "window-height");

      if (width > 0 && height > 0)
        gtk_window_set_default_size (GTK_WINDOW (self), width, height);
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  return self;
}

/**
 * seg_window_get_store:
 *
 * Returns: (transfer none) (nullable): the open store
 */
SegStore *
seg_window_get_store (SegWindow *self)
{
  g_return_val_if_fail (SEG_IS_WINDOW (self), NULL);
  return self->store;
}

/**
 * seg_window_set_store:
 * @store: (nullable): a store whose measures are current
 *   (seg_window_open_store() makes them so)
 *
 * Shows @store, or the welcome screen for %NULL.
 */
void
seg_window_set_store (SegWindow *self,
                      SegStore  *store)
{
  g_return_if_fail (SEG_IS_WINDOW (self));
  g_return_if_fail (store == NULL || SEG_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->store_changed_id = g_signal_connect (store, "changed",
                                               G_CALLBACK (store_changed_cb), self);

  seg_overview_page_set_store (self->overview_page, store);
  seg_customers_page_set_store (self->customers_page, store);
  seg_campaigns_page_set_store (self->campaigns_page, store);
  update_titles (self);
  load_segment_rows (self);
  update_hook_actions (self);

  gtk_stack_set_visible_child_name (self->main_stack, store ? "store" : "welcome");
  if (store != NULL)
    seg_window_show_page (self, "overview");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * seg_window_is_empty:
 *
 * Whether the window shows the welcome screen and does nothing: the place
 * for the next store to open.
 */
gboolean
seg_window_is_empty (SegWindow *self)
{
  g_return_val_if_fail (SEG_IS_WINDOW (self), FALSE);
  return self->store == NULL && !self->busy;
}

gboolean
seg_window_get_busy (SegWindow *self)
{
  g_return_val_if_fail (SEG_IS_WINDOW (self), FALSE);
  return self->busy;
}

/**
 * seg_window_open_store:
 *
 * Opens the store at @path in a worker thread and brings its measures up to
 * date there; shows it, or the reason it could not be opened.
 */
void
seg_window_open_store (SegWindow  *self,
                       const char *path)
{
  LoadData *load;

  g_return_if_fail (SEG_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  load = g_new0 (LoadData, 1);
  load->mode = LOAD_OPEN;
  load->path = g_strdup (path);
  start_load (self, load, _("Opening the Store…"));
}

static char *
dup_locale_currency (void)
{
  g_autofree char *code = g_strstrip (g_strdup (nl_langinfo (__INT_CURR_SYMBOL)));

  if (strlen (code) == 3 && g_ascii_isupper (code[0]))
    return g_steal_pointer (&code);

  return g_strdup ("USD");
}

void
seg_window_create_store (SegWindow  *self,
                         const char *path)
{
  LoadData *load;

  g_return_if_fail (SEG_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  load = g_new0 (LoadData, 1);
  load->mode = LOAD_CREATE;
  load->path = g_strdup (path);
  load->currency = dup_locale_currency ();
  start_load (self, load, _("Creating the Store…"));
}

/**
 * seg_window_create_demo:
 * @path: where the demo store lives; an older demo there is replaced
 */
void
seg_window_create_demo (SegWindow  *self,
                        const char *path)
{
  LoadData *load;

  g_return_if_fail (SEG_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  load = g_new0 (LoadData, 1);
  load->mode = LOAD_DEMO;
  load->path = g_strdup (path);
  start_load (self, load, _("Building the Demo Store…"));
}

/**
 * seg_window_refresh:
 *
 * Brings the measures up to date in a worker thread (after the reference
 * date changed, say), then has every view count again.
 */
void
seg_window_refresh (SegWindow *self)
{
  LoadData *load;

  g_return_if_fail (SEG_IS_WINDOW (self));

  if (self->store == NULL)
    return;

  load = g_new0 (LoadData, 1);
  load->mode = LOAD_REFRESH;
  load->store = g_object_ref (self->store);
  load->ref_day = seg_store_get_reference_day (self->store);
  start_load (self, load, _("Updating the Figures…"));
}

void
seg_window_add_toast (SegWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (SEG_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * seg_window_add_page:
 * @name: the page's name, for seg_window_show_page()
 * @title: shown in the header bar while the page is visible
 * @page: the page's widget
 *
 * Adds a page to the content stack.  To reach it from a sidebar row of
 * the segment list, set the row's "seg-page" data to @name.
 */
void
seg_window_add_page (SegWindow  *self,
                     const char *name,
                     const char *title,
                     GtkWidget  *page)
{
  g_return_if_fail (SEG_IS_WINDOW (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (GTK_IS_WIDGET (page));

  gtk_stack_add_titled (self->content_stack, page, name, title);
}

/**
 * seg_window_show_page:
 * @name: "overview", "customers", "campaigns", "reports" or a page added
 *   with seg_window_add_page()
 */
void
seg_window_show_page (SegWindow  *self,
                      const char *name)
{
  GtkWidget *child;
  GtkStackPage *page;

  g_return_if_fail (SEG_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  child = gtk_stack_get_child_by_name (self->content_stack, name);
  if (child == NULL)
    {
      g_warning ("The window has no page called “%s”", name);
      return;
    }

  gtk_stack_set_visible_child (self->content_stack, child);
  page = gtk_stack_get_page (self->content_stack, child);
  adw_window_title_set_title (self->page_title, gtk_stack_page_get_title (page));
  select_place_row (self, find_place_row (self, name));
}

const char *
seg_window_get_page (SegWindow *self)
{
  g_return_val_if_fail (SEG_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->content_stack);
}

/**
 * seg_window_get_segment_list:
 *
 * Returns: (transfer none): the sidebar's list of segments, between
 *   Customers and Campaigns; its placeholder says "No segments yet"
 */
GtkListBox *
seg_window_get_segment_list (SegWindow *self)
{
  g_return_val_if_fail (SEG_IS_WINDOW (self), NULL);
  return self->segments_list;
}

/**
 * seg_window_bind_segments:
 * @segments: the segments, in priority order
 * @create_row: makes a #GtkListBoxRow for a segment; give it "seg-page"
 *   data naming a page added with seg_window_add_page() to show that page
 *   when the row is activated
 *
 * Replaces the window's own read-only list of segment names.
 */
void
seg_window_bind_segments (SegWindow                  *self,
                          GListModel                 *segments,
                          GtkListBoxCreateWidgetFunc  create_row,
                          gpointer                    user_data,
                          GDestroyNotify              user_data_free)
{
  GtkWidget *child;

  g_return_if_fail (SEG_IS_WINDOW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->segments_list))) != NULL &&
         GTK_IS_LIST_BOX_ROW (child))
    gtk_list_box_remove (self->segments_list, child);

  self->segments_bound = segments != NULL;
  gtk_list_box_bind_model (self->segments_list, segments, create_row, user_data, user_data_free);

  if (segments == NULL)
    load_segment_rows (self);
}

SegWelcome *
seg_window_get_welcome (SegWindow *self)
{
  g_return_val_if_fail (SEG_IS_WINDOW (self), NULL);
  return self->welcome;
}

SegOverviewPage *
seg_window_get_overview_page (SegWindow *self)
{
  g_return_val_if_fail (SEG_IS_WINDOW (self), NULL);
  return self->overview_page;
}

SegCustomersPage *
seg_window_get_customers_page (SegWindow *self)
{
  g_return_val_if_fail (SEG_IS_WINDOW (self), NULL);
  return self->customers_page;
}

/**
 * seg_window_install_action_hook:
 * @action_name: "import", "print-report" or "export-report" (without "win.")
 * @hook: (nullable): what activating it does in a window
 *
 * Gives one of the window's placeholder actions its behaviour, in every
 * window, present and future; the action is enabled while a store is open.
 * Call it once, at application startup.
 */
void
seg_window_install_action_hook (const char          *action_name,
                                SegWindowActionHook  hook)
{
  GApplication *app;
  gboolean known = FALSE;

  g_return_if_fail (action_name != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (hookable_actions); i++)
    known |= g_str_equal (hookable_actions[i], action_name);
  g_return_if_fail (known);

  if (action_hooks == NULL)
    action_hooks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (hook != NULL)
    g_hash_table_insert (action_hooks, g_strdup (action_name), hook);
  else
    g_hash_table_remove (action_hooks, action_name);

  app = g_application_get_default ();
  if (GTK_IS_APPLICATION (app))
    for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
      if (SEG_IS_WINDOW (l->data))
        update_hook_actions (l->data);
}
