/* seg-reports-page.c — choosing what goes in the segment report
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which segments get a section (a check row each, all on at first), the
 * paper and orientation, the dates the report shows, and how many pages it
 * will have.  The page count comes from building and laying out the report
 * off-screen in a worker thread on a store connection of its own; it is
 * counted again a moment after the choice changes, and only while the page
 * is on screen.
 *
 * The page follows the store of the window it is in (its "store"
 * property); its Print… and Export PDF… buttons activate win.print-report
 * and win.export-report, which SegReportController implements.
 */

#define G_LOG_DOMAIN "seg-reports-page"

#include "config.h"

#include <glib/gi18n.h>

#include "seg-day.h"
#include "seg-format.h"
#include "seg-print-operation.h"
#include "seg-report.h"
#include "seg-reports-page.h"
#include "seg-segment-list.h"
#include "seg-window.h"

#define COUNT_DELAY_MS 400

struct _SegReportsPage
{
  AdwBin         parent_instance;

  GtkListBox    *segments_list;
  GtkButton     *select_all_button;
  GtkButton     *select_none_button;
  AdwComboRow   *paper_row;
  AdwComboRow   *orientation_row;
  GtkLabel      *length_label;
  GtkSpinner    *length_spinner;
  GtkLabel      *as_of_label;
  GtkLabel      *printed_label;
  GtkLabel      *explanation_label;
  GtkButton     *print_button;
  GtkButton     *export_button;

  SegStore      *store;
  gulong         store_changed_id;
  GBinding      *store_binding;

  GPtrArray     *checks;      /* GtkCheckButton, one per segment, in order */
  GHashTable    *left_out;    /* names the owner unticked, kept across reloads */

  GCancellable  *count_cancellable;
  guint          count_source;
  guint          n_pages;
  guint          busy : 1;
  guint          counting : 1;
  guint          count_dirty : 1;
};

G_DEFINE_FINAL_TYPE (SegReportsPage, seg_reports_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_BUSY,
  PROP_CAN_REPORT,
  PROP_N_PAGES,
  PROP_COUNTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  char                *path;
  char               **segments;
  SegReportPaperSize   paper;
  gboolean             landscape;
} CountRequest;

static void
count_request_free (gpointer data)
{
  CountRequest *request = data;

  g_free (request->path);
  g_strfreev (request->segments);
  g_free (request);
}

static void schedule_count (SegReportsPage *self);

static const char *
get_check_name (GtkCheckButton *check)
{
  return g_object_get_data (G_OBJECT (check), "seg-segment-name");
}

static void
set_counting (SegReportsPage *self,
              gboolean        counting)
{
  if (self->counting == !!counting)
    return;

  self->counting = !!counting;
  gtk_widget_set_visible (GTK_WIDGET (self->length_spinner), counting);
  gtk_spinner_set_spinning (self->length_spinner, counting);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTING]);
}

static void
update_length_label (SegReportsPage *self)
{
  g_autofree char *text = NULL;

  if (self->checks->len > 0 && seg_reports_page_get_n_chosen (self) == 0)
    text = g_strdup (_("No segments chosen"));
  else if (self->counting && self->n_pages == 0)
    text = g_strdup (_("Counting the pages…"));
  else if (self->n_pages == 0)
    text = g_strdup (_("Not known yet"));
  else
    /* TRANSLATORS: how long the report will be */
    text = g_strdup_printf (ngettext ("About %u page", "About %u pages", self->n_pages),
                            self->n_pages);

  gtk_label_set_label (self->length_label, text);
}

static void
update_state (SegReportsPage *self)
{
  guint n_segments = self->checks->len;
  guint n_chosen = seg_reports_page_get_n_chosen (self);
  gboolean none_chosen = n_segments > 0 && n_chosen == 0;
  gboolean can_report = seg_reports_page_get_can_report (self);

  gtk_widget_set_visible (GTK_WIDGET (self->explanation_label), none_chosen);
  gtk_widget_set_sensitive (GTK_WIDGET (self->print_button), can_report);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), can_report);
  gtk_widget_set_sensitive (GTK_WIDGET (self->select_all_button), n_chosen < n_segments);
  gtk_widget_set_sensitive (GTK_WIDGET (self->select_none_button), n_chosen > 0);

  /* A screen reader hears why the buttons do nothing. */
  if (none_chosen)
    {
      gtk_accessible_update_relation (GTK_ACCESSIBLE (self->print_button),
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                      self->explanation_label, NULL, -1);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (self->export_button),
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                      self->explanation_label, NULL, -1);
    }
  else
    {
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->print_button),
                                     GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->export_button),
                                     GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REPORT]);
}

static void
update_dates (SegReportsPage *self)
{
  g_autofree char *as_of = NULL;
  g_autofree char *today = seg_format_day_long (seg_day_today ());

  if (self->store != NULL)
    as_of = seg_format_day_long (seg_store_get_reference_day (self->store));

  gtk_label_set_label (self->as_of_label, as_of != NULL && *as_of ? as_of : _("No orders yet"));
  gtk_label_set_label (self->printed_label, today);
}

static void
draw_color_dot (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  GdkRGBA *color = user_data;
  double radius = MIN (width, height) / 2.0;

  gdk_cairo_set_source_rgba (cr, color);
  cairo_arc (cr, width / 2.0, height / 2.0, radius, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
check_toggled_cb (GtkCheckButton *check,
                  SegReportsPage *self)
{
  const char *name = get_check_name (check);

  if (gtk_check_button_get_active (check))
    g_hash_table_remove (self->left_out, name);
  else
    g_hash_table_add (self->left_out, g_strdup (name));

  update_state (self);
  schedule_count (self);
}

static GtkWidget *
create_segment_row (SegReportsPage *self,
                    SegSegment     *segment)
{
  const char *name = seg_segment_get_name (segment);
  const char *color_text = seg_segment_get_color (segment);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GdkRGBA color;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               !g_hash_table_contains (self->left_out, name));
  g_object_set_data_full (G_OBJECT (check), "seg-segment-name", g_strdup (name), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), self);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

  if (color_text != NULL && gdk_rgba_parse (&color, color_text))
    {
      /* Decoration: the row's title already names the segment. */
      GtkWidget *dot = g_object_new (GTK_TYPE_DRAWING_AREA,
                                     "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                     NULL);

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (dot), 12);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (dot), 12);
      gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (dot), draw_color_dot,
                                      gdk_rgba_copy (&color), (GDestroyNotify) gdk_rgba_free);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), dot);
    }

  g_ptr_array_add (self->checks, check);
  return row;
}

static void
reload_segments (SegReportsPage *self)
{
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->segments_list))) != NULL)
    gtk_list_box_remove (self->segments_list, child);
  g_ptr_array_set_size (self->checks, 0);

  if (self->store != NULL)
    {
      segments = seg_segments_load (self->store, &error);
      if (segments == NULL)
        g_warning ("Could not list the segments for the report: %s", error->message);
    }

  for (guint i = 0; segments != NULL && i < segments->len; i++)
    gtk_list_box_append (self->segments_list,
                         create_segment_row (self, g_ptr_array_index (segments, i)));

  update_dates (self);
  update_state (self);
  schedule_count (self);
}

static void
count_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CountRequest *request = task_data;
  g_autoptr(SegStore) store = NULL;
  g_autoptr(SegReportDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  SegReportOptions options;
  SegReportPaper paper;
  guint n_pages;

  /* A connection of its own: the report brings measures up to date. */
  store = seg_store_open (request->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  seg_report_options_init (&options);
  options.segments = (const char * const *) request->segments;
  options.paper = request->paper;
  options.landscape = request->landscape;

  document = seg_report_build (store, &options, cancellable, &error);
  if (document == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Layout measures with the thread's own font map; nothing is drawn. */
  seg_report_paper_init (&paper, request->paper, request->landscape);
  n_pages = seg_report_document_layout (document, paper.width, paper.height, &paper.margins);
  g_task_return_int (task, n_pages);
}

static void
count_done_cb (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  SegReportsPage *self = SEG_REPORTS_PAGE (source_object);
  g_autoptr(GError) error = NULL;
  gssize n_pages;

  n_pages = g_task_propagate_int (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    {
      g_debug ("Could not count the report's pages: %s", error->message);
      n_pages = 0;
    }

  g_clear_object (&self->count_cancellable);
  self->n_pages = n_pages;
  set_counting (self, FALSE);
  update_length_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
}

static void
start_count (SegReportsPage *self)
{
  g_autoptr(GTask) task = NULL;
  CountRequest *request;

  if (self->count_cancellable != NULL)
    g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);
  self->count_dirty = FALSE;

  if (self->store == NULL ||
      (self->checks->len > 0 && seg_reports_page_get_n_chosen (self) == 0))
    {
      self->n_pages = 0;
      set_counting (self, FALSE);
      update_length_label (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
      return;
    }

  request = g_new0 (CountRequest, 1);
  request->path = g_strdup (seg_store_get_path (self->store));
  request->segments = seg_reports_page_dup_chosen_segments (self);
  request->paper = seg_reports_page_get_paper (self);
  request->landscape = seg_reports_page_get_landscape (self);

  self->count_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->count_cancellable, count_done_cb, NULL);
  g_task_set_source_tag (task, start_count);
  g_task_set_task_data (task, request, count_request_free);
  g_task_run_in_thread (task, count_thread);

  set_counting (self, TRUE);
  update_length_label (self);
}

static gboolean
count_timeout_cb (gpointer user_data)
{
  SegReportsPage *self = user_data;

  self->count_source = 0;
  start_count (self);
  return G_SOURCE_REMOVE;
}

/* Counts the pages again a moment after the last change, once the page
 * is on screen. */
static void
schedule_count (SegReportsPage *self)
{
  self->count_dirty = TRUE;
  g_clear_handle_id (&self->count_source, g_source_remove);

  if (self->count_cancellable != NULL)
    g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      set_counting (self, FALSE);
      return;
    }

  set_counting (self, TRUE);
  update_length_label (self);
  self->count_source = g_timeout_add (COUNT_DELAY_MS, count_timeout_cb, self);
}

static gboolean
reload_in_main_cb (gpointer user_data)
{
  SegReportsPage *self = user_data;

  if (self->store != NULL)
    reload_segments (self);
  return G_SOURCE_REMOVE;
}

/* Emitted on the thread that changed the store. */
static void
store_changed_cb (SegStore       *store,
                  SegReportsPage *self)
{
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT_IDLE, reload_in_main_cb,
                              g_object_ref (self), g_object_unref);
}

static void
paper_changed_cb (SegReportsPage *self)
{
  schedule_count (self);
}

static void
select_all_clicked_cb (SegReportsPage *self)
{
  seg_reports_page_select_all (self);
}

static void
select_none_clicked_cb (SegReportsPage *self)
{
  seg_reports_page_select_none (self);
}

/* Letter where the locale prints on Letter (en_US, en_CA, …), A4
 * elsewhere; the page setup of the last print wins over both. */
static void
choose_default_paper (SegReportsPage *self)
{
  g_autoptr(GtkPageSetup) setup = NULL;
  SegReportPaperSize paper = SEG_REPORT_PAPER_A4;
  gboolean landscape = FALSE;

  if (seg_print_operation_load_saved (NULL, &setup) && setup != NULL)
    {
      GtkPaperSize *size = gtk_page_setup_get_paper_size (setup);
      GtkPageOrientation orientation = gtk_page_setup_get_orientation (setup);

      if (ABS (gtk_paper_size_get_width (size, GTK_UNIT_POINTS) - 612) < 8)
        paper = SEG_REPORT_PAPER_LETTER;
      landscape = orientation == GTK_PAGE_ORIENTATION_LANDSCAPE ||
                  orientation == GTK_PAGE_ORIENTATION_REVERSE_LANDSCAPE;
    }
  else if (g_strcmp0 (gtk_paper_size_get_default (), GTK_PAPER_NAME_LETTER) == 0)
    {
      paper = SEG_REPORT_PAPER_LETTER;
    }

  seg_reports_page_set_paper (self, paper);
  seg_reports_page_set_landscape (self, landscape);
}

static void
seg_reports_page_map (GtkWidget *widget)
{
  SegReportsPage *self = SEG_REPORTS_PAGE (widget);

  GTK_WIDGET_CLASS (seg_reports_page_parent_class)->map (widget);

  update_dates (self);
  if (self->count_dirty)
    schedule_count (self);
}

static void
seg_reports_page_root (GtkWidget *widget)
{
  SegReportsPage *self = SEG_REPORTS_PAGE (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (seg_reports_page_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (SEG_IS_WINDOW (root))
    self->store_binding = g_object_bind_property (root, "store", self, "store",
                                                  G_BINDING_SYNC_CREATE);
}

static void
seg_reports_page_unroot (GtkWidget *widget)
{
  SegReportsPage *self = SEG_REPORTS_PAGE (widget);

  if (self->store_binding != NULL)
    {
      g_binding_unbind (self->store_binding);
      self->store_binding = NULL;
    }

  GTK_WIDGET_CLASS (seg_reports_page_parent_class)->unroot (widget);
}

static void
seg_reports_page_dispose (GObject *object)
{
  SegReportsPage *self = (SegReportsPage *) object;

  g_clear_handle_id (&self->count_source, g_source_remove);
  if (self->count_cancellable != NULL)
    g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);
  g_clear_signal_handler (&self->store_changed_id, self->store);
  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), SEG_TYPE_REPORTS_PAGE);

  G_OBJECT_CLASS (seg_reports_page_parent_class)->dispose (object);
}

static void
seg_reports_page_finalize (GObject *object)
{
  SegReportsPage *self = (SegReportsPage *) object;

  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->left_out, g_hash_table_unref);

  G_OBJECT_CLASS (seg_reports_page_parent_class)->finalize (object);
}

static void
seg_reports_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SegReportsPage *self = SEG_REPORTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_CAN_REPORT:
      g_value_set_boolean (value, seg_reports_page_get_can_report (self));
      break;

    case PROP_N_PAGES:
      g_value_set_uint (value, self->n_pages);
      break;

    case PROP_COUNTING:
      g_value_set_boolean (value, self->counting);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_reports_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SegReportsPage *self = SEG_REPORTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      seg_reports_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_BUSY:
      seg_reports_page_set_busy (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_reports_page_class_init (SegReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seg_reports_page_dispose;
  object_class->finalize = seg_reports_page_finalize;
  object_class->get_property = seg_reports_page_get_property;
  object_class->set_property = seg_reports_page_set_property;

  widget_class->map = seg_reports_page_map;
  widget_class->root = seg_reports_page_root;
  widget_class->unroot = seg_reports_page_unroot;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SEG_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REPORT] =
    g_param_spec_boolean ("can-report", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PAGES] =
    g_param_spec_uint ("n-pages", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUNTING] =
    g_param_spec_boolean ("counting", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/segmentsapp/Segments/seg-reports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SegReportsPage, segments_list);
  gtk_widget_class_bind_template_child (widget_class, SegReportsPage, select_all_button);
  gtk_widget_class_bind_template_child (widget_class, SegReportsPage, select_none_button);
  gtk_widget_class_bind_template_child (widget_class, SegReportsPage, paper_row);
  gtk_widget_class_bind_template_child (widget_class, SegReportsPage, orientation_row);
  gtk_widget_class_bind_template_child (widget_class, SegReportsPage, length_label);
  gtk_widget_class_bind_template_child (widget_class, SegReportsPage, length_spinner);
  gtk_widget_class_bind_template_child (widget_class, SegReportsPage, as_of_label);
  gtk_widget_class_bind_template_child (widget_class, SegReportsPage, printed_label);
  gtk_widget_class_bind_template_child (widget_class, SegReportsPage, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, SegReportsPage, print_button);
  gtk_widget_class_bind_template_child (widget_class, SegReportsPage, export_button);
  gtk_widget_class_bind_template_callback (widget_class, select_all_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, select_none_clicked_cb);
}

static void
seg_reports_page_init (SegReportsPage *self)
{
  GtkWidget *placeholder;

  self->checks = g_ptr_array_new ();
  self->left_out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  placeholder = gtk_label_new (_("No segments yet: the report covers the store as a whole."));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_list_box_set_placeholder (self->segments_list, placeholder);

  choose_default_paper (self);
  g_signal_connect_swapped (self->paper_row, "notify::selected",
                            G_CALLBACK (paper_changed_cb), self);
  g_signal_connect_swapped (self->orientation_row, "notify::selected",
                            G_CALLBACK (paper_changed_cb), self);

  update_dates (self);
  update_length_label (self);
  update_state (self);
}

GtkWidget *
seg_reports_page_new (void)
{
  return g_object_new (SEG_TYPE_REPORTS_PAGE, NULL);
}

SegStore *
seg_reports_page_get_store (SegReportsPage *self)
{
  g_return_val_if_fail (SEG_IS_REPORTS_PAGE (self), NULL);
  return self->store;
}

/**
 * seg_reports_page_set_store:
 * @store: (nullable): the store the report is about
 *
 * A page in a #SegWindow follows the window's store by itself.
 */
void
seg_reports_page_set_store (SegReportsPage *self,
                            SegStore       *store)
{
  g_return_if_fail (SEG_IS_REPORTS_PAGE (self));
  g_return_if_fail (store == NULL || SEG_IS_STORE (store));

  if (self->store == store)
    return;

  g_clear_signal_handler (&self->store_changed_id, self->store);
  g_set_object (&self->store, store);
  g_hash_table_remove_all (self->left_out);
  self->n_pages = 0;

  if (store != NULL)
    self->store_changed_id = g_signal_connect (store, "changed",
                                               G_CALLBACK (store_changed_cb), self);

  reload_segments (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

guint
seg_reports_page_get_n_segments (SegReportsPage *self)
{
  g_return_val_if_fail (SEG_IS_REPORTS_PAGE (self), 0);
  return self->checks->len;
}

guint
seg_reports_page_get_n_chosen (SegReportsPage *self)
{
  guint n = 0;

  g_return_val_if_fail (SEG_IS_REPORTS_PAGE (self), 0);

  for (guint i = 0; i < self->checks->len; i++)
    n += gtk_check_button_get_active (g_ptr_array_index (self->checks, i));
  return n;
}

/**
 * seg_reports_page_dup_chosen_segments:
 *
 * Returns: (transfer full) (nullable): the names of the segments ticked,
 *   in priority order, or %NULL when every segment is (as
 *   #SegReportOptions wants it for "all")
 */
char **
seg_reports_page_dup_chosen_segments (SegReportsPage *self)
{
  g_autoptr(GStrvBuilder) builder = NULL;

  g_return_val_if_fail (SEG_IS_REPORTS_PAGE (self), NULL);

  if (seg_reports_page_get_n_chosen (self) == self->checks->len)
    return NULL;

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->checks, i);

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (builder, get_check_name (check));
    }
  return g_strv_builder_end (builder);
}

void
seg_reports_page_set_segment_chosen (SegReportsPage *self,
                                     const char     *name,
                                     gboolean        chosen)
{
  g_return_if_fail (SEG_IS_REPORTS_PAGE (self));
  g_return_if_fail (name != NULL);

  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->checks, i);

      if (g_strcmp0 (get_check_name (check), name) == 0)
        gtk_check_button_set_active (check, chosen);
    }
}

void
seg_reports_page_select_all (SegReportsPage *self)
{
  g_return_if_fail (SEG_IS_REPORTS_PAGE (self));

  for (guint i = 0; i < self->checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->checks, i), TRUE);
}

void
seg_reports_page_select_none (SegReportsPage *self)
{
  g_return_if_fail (SEG_IS_REPORTS_PAGE (self));

  for (guint i = 0; i < self->checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->checks, i), FALSE);
}

/**
 * seg_reports_page_get_can_report:
 *
 * Returns: whether a report can be made now: a store, nothing else under
 *   way, and at least one segment ticked (unless the store has none)
 */
gboolean
seg_reports_page_get_can_report (SegReportsPage *self)
{
  g_return_val_if_fail (SEG_IS_REPORTS_PAGE (self), FALSE);

  return self->store != NULL && !self->busy &&
         (self->checks->len == 0 || seg_reports_page_get_n_chosen (self) > 0);
}

SegReportPaperSize
seg_reports_page_get_paper (SegReportsPage *self)
{
  g_return_val_if_fail (SEG_IS_REPORTS_PAGE (self), SEG_REPORT_PAPER_A4);

  return adw_combo_row_get_selected (self->paper_row) == 1 ? SEG_REPORT_PAPER_LETTER
                                                           : SEG_REPORT_PAPER_A4;
}

void
seg_reports_page_set_paper (SegReportsPage     *self,
                            SegReportPaperSize  paper)
{
  g_return_if_fail (SEG_IS_REPORTS_PAGE (self));
  adw_combo_row_set_selected (self->paper_row, paper == SEG_REPORT_PAPER_LETTER ? 1 : 0);
}

gboolean
seg_reports_page_get_landscape (SegReportsPage *self)
{
  g_return_val_if_fail (SEG_IS_REPORTS_PAGE (self), FALSE);
  return adw_combo_row_get_selected (self->orientation_row) == 1;
}

void
seg_reports_page_set_landscape (SegReportsPage *self,
                                gboolean        landscape)
{
  g_return_if_fail (SEG_IS_REPORTS_PAGE (self));
  adw_combo_row_set_selected (self->orientation_row, landscape ? 1 : 0);
}

gboolean
seg_reports_page_get_busy (SegReportsPage *self)
{
  g_return_val_if_fail (SEG_IS_REPORTS_PAGE (self), FALSE);
  return self->busy;
}

/**
 * seg_reports_page_set_busy:
 *
 * While a report is being printed or saved, its buttons wait.
 */
void
seg_reports_page_set_busy (SegReportsPage *self,
                           gboolean        busy)
{
  g_return_if_fail (SEG_IS_REPORTS_PAGE (self));

  if (self->busy == !!busy)
    return;

  self->busy = !!busy;
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/**
 * seg_reports_page_get_n_pages:
 *
 * Returns: how many pages the report would have, or 0 while not known
 */
guint
seg_reports_page_get_n_pages (SegReportsPage *self)
{
  g_return_val_if_fail (SEG_IS_REPORTS_PAGE (self), 0);
  return self->n_pages;
}

gboolean
seg_reports_page_get_counting (SegReportsPage *self)
{
  g_return_val_if_fail (SEG_IS_REPORTS_PAGE (self), FALSE);
  return self->counting;
}

/**
 * seg_reports_page_find:
 * @window: a window, or any widget
 *
 * Returns: (transfer none) (nullable): the reports page inside @window
 */
SegReportsPage *
seg_reports_page_find (GtkWidget *window)
{
  g_return_val_if_fail (GTK_IS_WIDGET (window), NULL);

  if (SEG_IS_REPORTS_PAGE (window))
    return SEG_REPORTS_PAGE (window);

  for (GtkWidget *child = gtk_widget_get_first_child (window);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      SegReportsPage *page = seg_reports_page_find (child);

      if (page != NULL)
        return page;
    }

  return NULL;
}
