/* seg-import-wizard.c — the window that brings a store export in
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Six steps in a GtkStack: Choose, Preview, Columns, Check, Import and
 * Summary.  The state and every decision live in SegImportWizardModel; this
 * file shows the model and forwards the store owner's clicks to it.  Long
 * work (reading, checking, importing) runs in the model's threads, so the
 * window keeps answering and can always cancel.
 */

#define G_LOG_DOMAIN "seg-import-wizard"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n.h>

#include "seg-format.h"
#include "seg-import-column-row.h"
#include "seg-import-field-choice.h"
#include "seg-import-wizard.h"
#include "seg-window.h"

/* Problems listed in the window; the CSV export holds them all. */
#define MAX_PROBLEM_ROWS 200

struct _SegImportWizard
{
  AdwWindow             parent_instance;

  SegImportWizardModel *model;
  GtkWindow            *parent;       /* weak */
  GListModel           *choices;
  GPtrArray            *column_rows;  /* SegImportColumnRow *, in columns_group */
  SegImportMapping     *shown_mapping; /* the mapping the pages were built for */
  GtkFileChooserNative *chooser;

  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkButton            *cancel_button;
  GtkButton            *back_button;
  GtkButton            *next_button;
  GtkStack             *stack;

  GtkButton            *choose_button;
  GtkSpinner           *load_spinner;
  GtkWidget            *load_error_box;
  GtkLabel             *load_error_label;

  AdwComboRow          *format_row;
  AdwComboRow          *encoding_row;
  AdwComboRow          *delimiter_row;
  AdwPreferencesGroup  *members_group;
  GPtrArray            *member_rows;  /* AdwActionRow *, in members_group */
  GtkColumnView        *preview_view;
  GtkLabel             *preview_label;

  AdwPreferencesGroup  *date_group;
  GtkCheckButton       *day_first_check;
  GtkCheckButton       *month_first_check;
  AdwActionRow         *day_first_row;
  AdwActionRow         *month_first_row;
  GtkLabel             *columns_description;
  AdwPreferencesGroup  *columns_group;
  GtkMenuButton        *use_mapping_button;
  GtkButton            *save_mapping_button;

  GtkStack             *check_stack;
  GtkProgressBar       *check_progress;
  GtkLabel             *check_headline;
  GtkLabel             *check_outlook;
  GtkWidget            *check_error_box;
  GtkLabel             *check_error_label;
  AdwPreferencesGroup  *problems_group;
  GtkListBox           *problems_list;
  GtkButton            *export_problems_button;

  AdwStatusPage        *import_page;
  GtkProgressBar       *import_progress;
  GtkButton            *cancel_import_button;

  AdwStatusPage        *summary_page;
  GtkListBox           *summary_list;

  GtkRevealer          *blocker_revealer;
  GtkLabel             *blocker_label;

  guint                 updating : 1;
};

G_DEFINE_FINAL_TYPE (SegImportWizard, seg_import_wizard, ADW_TYPE_WINDOW)

/* The encoding and delimiter drop-downs: "Automatic", then these. */
static const char * const encoding_choices[] = {
  "UTF-8", "UTF-16LE", "UTF-16BE", "Windows-1252", "ISO-8859-1",
};
static const char delimiter_choices[] = { ',', ';', '\t', '|' };

static const char * const step_names[] = {
  "choose", "preview", "mapping", "check", "import", "summary",
};

static const char css[] =
  ".seg-required-tag {"
  "  font-size: smaller;"
  "  font-weight: bold;"
  "  padding: 1px 8px;"
  "  border-radius: 999px;"
  "  color: @accent_color;"
  "  background-color: alpha(@accent_bg_color, 0.15);"
  "}"
  ".seg-import-error { padding: 12px 18px; }"
  ".seg-import-blocker {"
  "  padding: 10px 18px;"
  "  border-top: 1px solid alpha(currentColor, 0.15);"
  "  background-color: @window_bg_color;"
  "}"
  "columnview.seg-preview-table > listview > row > cell { padding: 4px 10px; }"
  "columnview.seg-preview-table .line-number { font-feature-settings: \"tnum\"; }";

static void
ensure_css (void)
{
  static gboolean loaded;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (loaded || display == NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, css, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  loaded = TRUE;
}

static void
show_toast (SegImportWizard *self,
            const char      *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
clear_list_box (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static char *
dup_percent (double fraction)
{
  return seg_format_percent (fraction);
}

/* ---- Preview ---------------------------------------------------------- */

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_list_item_set_child (item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              SegImportWizard          *self)
{
  SegImportMapping *mapping = seg_import_wizard_model_get_mapping (self->model);
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "seg-column"));
  guint row = gtk_list_item_get_position (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));

  if (mapping == NULL || row >= seg_import_mapping_get_n_sample_rows (mapping))
    {
      gtk_label_set_label (label, "");
      return;
    }

  if (column == 0)
    {
      g_autofree char *line = g_strdup_printf ("%" "zu",
                                               seg_import_mapping_get_sample_line (mapping, row));

      gtk_label_set_label (label, line);
      gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (label), "line-number");
    }
  else
    {
      const char *cell = seg_import_mapping_get_sample (mapping, row, column - 1);

      gtk_label_set_label (label, cell != NULL ? cell : "");
      gtk_widget_set_tooltip_text (GTK_WIDGET (label),
                                   cell != NULL && g_utf8_strlen (cell, -1) > 28 ? cell : NULL);
    }
}

static void
add_preview_column (SegImportWizard *self,
                    const char      *title,
                    guint            column)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;

  g_object_set_data (G_OBJECT (factory), "seg-column", GUINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), self);
  view_column = gtk_column_view_column_new (title, g_object_ref (factory));
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (self->preview_view, view_column);
}

static const char *
delimiter_label (char delimiter)
{
  switch (delimiter)
    {
    case ',':
      return _("Comma");
    case ';':
      return _("Semicolon");
    case '\t':
      return _("Tab");
    case '|':
      return _("Vertical bar");
    default:
      return _("Other");
    }
}

/* The drop-downs show what was sniffed as their first, "Automatic" choice,
 * and the override, if any, selected. */
static void
populate_read_options (SegImportWizard  *self,
                       SegImportMapping *mapping)
{
  GtkStringList *encodings = GTK_STRING_LIST (adw_combo_row_get_model (self->encoding_row));
  GtkStringList *delimiters = GTK_STRING_LIST (adw_combo_row_get_model (self->delimiter_row));
  const char *encoding = seg_import_wizard_model_get_encoding_override (self->model);
  char delimiter = seg_import_wizard_model_get_delimiter_override (self->model);
  g_autofree char *auto_encoding = NULL;
  g_autofree char *auto_delimiter = NULL;
  guint selected = 0;

  /* Translators: the first choice of the Encoding drop-down; %s is the
   * encoding found in the file, "UTF-8". */
  auto_encoding = encoding == NULL
                  ? g_strdup_printf (_("Automatic (%s)"), seg_import_mapping_get_encoding (mapping))
                  : g_strdup (_("Automatic"));
  /* Translators: the first choice of the Delimiter drop-down; %s is the
   * delimiter found in the file, "Comma". */
  auto_delimiter = delimiter == 0
                   ? g_strdup_printf (_("Automatic (%s)"),
                                      delimiter_label (seg_import_mapping_get_delimiter (mapping)))
                   : g_strdup (_("Automatic"));

  self->updating = TRUE;
  gtk_string_list_splice (encodings, 0, 1, (const char * const[]) { auto_encoding, NULL });
  gtk_string_list_splice (delimiters, 0, 1, (const char * const[]) { auto_delimiter, NULL });
  for (guint i = 0; encoding != NULL && i < G_N_ELEMENTS (encoding_choices); i++)
    if (strcmp (encoding, encoding_choices[i]) == 0)
      selected = i + 1;
  adw_combo_row_set_selected (self->encoding_row, selected);
  selected = 0;
  for (guint i = 0; i < G_N_ELEMENTS (delimiter_choices); i++)
    if (delimiter == delimiter_choices[i])
      selected = i + 1;
  adw_combo_row_set_selected (self->delimiter_row, selected);
  self->updating = FALSE;
}

/* A ZIP archive lists its files, each with the export it was taken for;
 * the format is per file then, not one for the whole. */
static void
populate_members (SegImportWizard *self)
{
  GPtrArray *members = seg_import_wizard_model_get_members (self->model);

  for (guint i = 0; i < self->member_rows->len; i++)
    adw_preferences_group_remove (self->members_group,
                                  g_ptr_array_index (self->member_rows, i));
  g_ptr_array_set_size (self->member_rows, 0);

  gtk_widget_set_visible (GTK_WIDGET (self->members_group), members != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->format_row), members == NULL);

  for (guint i = 0; members != NULL && i < members->len; i++)
    {
      SegImportMapping *member = g_ptr_array_index (members, i);
      g_autofree char *description =
        seg_import_wizard_model_dup_member_description (self->model, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     seg_import_mapping_get_member (member));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), description);
      icon = gtk_image_new_from_icon_name (
        seg_import_mapping_get_preset (member) == SEG_IMPORT_PRESET_CUSTOM
        ? "dialog-warning-symbolic" : "x-office-spreadsheet-symbolic");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (self->members_group, row);
      g_ptr_array_add (self->member_rows, row);
    }
}

static void
read_options_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  /* Failures show through the model's error property. */
  seg_import_wizard_model_load_finish (SEG_IMPORT_WIZARD_MODEL (object), result, NULL);
}

static void
read_option_selected_cb (AdwComboRow     *row,
                         GParamSpec      *pspec,
                         SegImportWizard *self)
{
  guint encoding = adw_combo_row_get_selected (self->encoding_row);
  guint delimiter = adw_combo_row_get_selected (self->delimiter_row);

  if (self->updating || seg_import_wizard_model_get_mapping (self->model) == NULL
      || seg_import_wizard_model_get_busy (self->model))
    return;

  seg_import_wizard_model_set_read_options (
    self->model,
    encoding > 0 && encoding <= G_N_ELEMENTS (encoding_choices)
      ? encoding_choices[encoding - 1] : NULL,
    delimiter > 0 && delimiter <= G_N_ELEMENTS (delimiter_choices)
      ? delimiter_choices[delimiter - 1] : 0,
    read_options_done_cb, NULL);
}

static void
populate_preview (SegImportWizard *self)
{
  SegImportMapping *mapping = seg_import_wizard_model_get_mapping (self->model);
  GListModel *columns = gtk_column_view_get_columns (self->preview_view);
  g_autoptr(GtkStringList) rows = gtk_string_list_new (NULL);
  g_autofree char *label = NULL;
  guint n_rows;

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->preview_view, column);
    }

  if (mapping == NULL)
    {
      gtk_column_view_set_model (self->preview_view, NULL);
      return;
    }

  populate_read_options (self, mapping);
  populate_members (self);

  self->updating = TRUE;
  adw_combo_row_set_selected (self->format_row, seg_import_mapping_get_preset (mapping));
  self->updating = FALSE;
  {
    g_autofree char *description = seg_import_wizard_model_dup_format_description (self->model);

    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->format_row), description);
  }

  /* Translators: the column of the preview that gives each row's line in the file. */
  add_preview_column (self, _("Line"), 0);
  for (guint c = 0; c < seg_import_mapping_get_n_columns (mapping); c++)
    add_preview_column (self, seg_import_mapping_get_column_name (mapping, c), c + 1);

  n_rows = seg_import_mapping_get_n_sample_rows (mapping);
  for (guint r = 0; r < n_rows; r++)
    gtk_string_list_append (rows, "");
  gtk_column_view_set_model (self->preview_view,
                             GTK_SELECTION_MODEL (gtk_no_selection_new (
                               G_LIST_MODEL (g_steal_pointer (&rows)))));

  if (seg_import_wizard_model_get_members (self->model) != NULL)
    /* Translators: %s is a file inside the chosen ZIP archive. */
    label = g_strdup_printf (_("The first rows of %s, exactly as it holds them"),
                             seg_import_mapping_get_member (mapping));
  else if (n_rows == 0)
    label = g_strdup (_("The file holds a header row and no data rows"));
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "The first row, exactly as the file holds it",
                                          "The first %u rows, exactly as the file holds them",
                                          n_rows),
                             n_rows);
  gtk_label_set_label (self->preview_label, label);
}

static void
format_selected_cb (AdwComboRow     *row,
                    GParamSpec      *pspec,
                    SegImportWizard *self)
{
  g_autofree char *description = NULL;

  if (self->updating || seg_import_wizard_model_get_mapping (self->model) == NULL)
    return;

  seg_import_wizard_model_set_preset (self->model, adw_combo_row_get_selected (row));
  description = seg_import_wizard_model_dup_format_description (self->model);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->format_row), description);
}

/* ---- Mapping ---------------------------------------------------------- */

static void
populate_mapping (SegImportWizard *self)
{
  SegImportMapping *mapping = seg_import_wizard_model_get_mapping (self->model);

  for (guint i = 0; i < self->column_rows->len; i++)
    adw_preferences_group_remove (self->columns_group, g_ptr_array_index (self->column_rows, i));
  g_ptr_array_set_size (self->column_rows, 0);

  if (mapping == NULL)
    return;

  for (guint c = 0; c < seg_import_mapping_get_n_columns (mapping); c++)
    {
      GtkWidget *row = seg_import_column_row_new (self->model, c, self->choices);

      adw_preferences_group_add (self->columns_group, row);
      g_ptr_array_add (self->column_rows, row);
    }
}

static void
update_columns_description (SegImportWizard *self)
{
  SegImportMapping *mapping = seg_import_wizard_model_get_mapping (self->model);
  const char *text;

  if (mapping == NULL)
    return;

  switch (seg_import_mapping_get_target (mapping))
    {
    case SEG_IMPORT_TARGET_ORDERS:
      text = _("Each row adds or updates an order and its customer. Choose what each "
               "column holds; the ones you don’t need can stay out.");
      break;
    case SEG_IMPORT_TARGET_CHECKOUTS:
      text = _("Each row adds or updates an abandoned checkout. Choose what each "
               "column holds; the ones you don’t need can stay out.");
      break;
    case SEG_IMPORT_TARGET_CAMPAIGN_RESULTS:
      text = _("Each row adds or updates a campaign’s results. Choose what each "
               "column holds; the ones you don’t need can stay out.");
      break;
    case SEG_IMPORT_TARGET_CUSTOMERS:
    default:
      text = _("Each row adds or updates a customer. Choose what each column holds; keep "
               "interests, income bands and the like as custom attributes.");
      break;
    }
  gtk_label_set_label (self->columns_description, text);
}

static void
update_date_question (SegImportWizard *self)
{
  SegImportMapping *mapping = seg_import_wizard_model_get_mapping (self->model);
  const char *question = seg_import_wizard_model_get_date_question (self->model);
  const char *example = seg_import_wizard_model_get_date_example (self->model);
  SegDateOrder order;

  gtk_widget_set_visible (GTK_WIDGET (self->date_group), question != NULL);
  if (question == NULL || mapping == NULL)
    return;

  adw_preferences_group_set_description (self->date_group, question);
  if (example != NULL)
    {
      g_auto(GStrv) parts = g_regex_split_simple ("[^0-9]+", example, 0, 0);

      if (g_strv_length (parts) >= 3)
        {
          g_autofree char *day_first = NULL;
          g_autofree char *month_first = NULL;

          /* Translators: "05 is the day, 06 the month". */
          day_first = g_strdup_printf (_("%s is the day, %s the month (day/month/year)"),
                                       parts[0], parts[1]);
          month_first = g_strdup_printf (_("%s is the month, %s the day (month/day/year)"),
                                         parts[0], parts[1]);
          adw_action_row_set_subtitle (self->day_first_row, day_first);
          adw_action_row_set_subtitle (self->month_first_row, month_first);
        }
    }

  order = seg_import_mapping_get_date_order (mapping);
  self->updating = TRUE;
  gtk_check_button_set_active (self->day_first_check, order == SEG_DATE_ORDER_DAY_FIRST);
  gtk_check_button_set_active (self->month_first_check, order == SEG_DATE_ORDER_MONTH_FIRST);
  self->updating = FALSE;
}

static void
date_order_toggled_cb (GtkCheckButton  *button,
                       SegImportWizard *self)
{
  if (self->updating || !gtk_check_button_get_active (button))
    return;

  seg_import_wizard_model_set_date_order (self->model,
                                          button == self->day_first_check
                                            ? SEG_DATE_ORDER_DAY_FIRST
                                            : SEG_DATE_ORDER_MONTH_FIRST);
}

static void
update_saved_mappings (SegImportWizard *self)
{
  g_auto(GStrv) names = seg_import_wizard_model_list_mappings (self->model);
  g_autoptr(GMenu) menu = g_menu_new ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (names[i], NULL);

      g_menu_item_set_action_and_target_value (item, "wizard.use-mapping",
                                               g_variant_new_string (names[i]));
      g_menu_append_item (menu, item);
    }

  gtk_menu_button_set_menu_model (self->use_mapping_button, G_MENU_MODEL (menu));
  gtk_widget_set_sensitive (GTK_WIDGET (self->use_mapping_button), names[0] != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->use_mapping_button),
                               names[0] != NULL
                                 ? _("Use a mapping saved for an earlier file")
                                 : _("No saved mappings yet"));
}

/* ---- Check ------------------------------------------------------------ */

typedef struct
{
  const SegImportIssue *issue;
  gboolean              skipped;
} Problem;

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const Problem *pa = a;
  const Problem *pb = b;

  if (pa->issue->line != pb->issue->line)
    return pa->issue->line < pb->issue->line ? -1 : 1;
  return pb->skipped - pa->skipped;
}

static GtkWidget *
problem_row_new (const Problem *problem)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;
  g_autofree char *title = NULL;

  if (problem->issue->column != NULL)
    /* Translators: a problem's place, "Line 12 · Email". */
    title = g_strdup_printf (_("Line %" "zu" " · %s"),
                             problem->issue->line, problem->issue->column);
  else
    title = g_strdup_printf (_("Line %" "zu"), problem->issue->line);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), problem->issue->reason);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_set_focusable (row, TRUE);

  icon = gtk_image_new_from_icon_name (problem->skipped ? "dialog-error-symbolic"
                                                        : "dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, problem->skipped ? "error" : "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  problem->skipped ? _("Error: the row is skipped")
                                                   : _("Warning"),
                                  -1);
  gtk_widget_set_tooltip_text (icon, problem->skipped ? _("Error: the row is skipped")
                                                      : _("Warning: the row is imported"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

static void
populate_check (SegImportWizard *self)
{
  const SegImportSummary *s = seg_import_wizard_model_get_check_summary (self->model);
  const char *error = seg_import_wizard_model_get_error (self->model);
  g_autoptr(GArray) problems = g_array_new (FALSE, FALSE, sizeof (Problem));
  g_autofree char *headline = NULL;
  guint64 total;

  clear_list_box (self->problems_list);
  gtk_widget_set_visible (self->check_error_box, error != NULL);
  gtk_label_set_label (self->check_error_label, error != NULL ? error : "");

  if (s == NULL)
    {
      gtk_label_set_label (self->check_headline, _("The File Could Not Be Checked"));
      gtk_widget_set_visible (GTK_WIDGET (self->check_outlook), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->problems_group), FALSE);
      return;
    }

  headline = seg_import_wizard_model_dup_check_headline (self->model);
  gtk_label_set_label (self->check_headline, headline);

  {
    g_autofree char *ca = seg_format_count (s->customers_added);
    g_autofree char *cu = seg_format_count (s->customers_updated);
    g_autofree char *oa = seg_format_count (s->orders_added);
    g_autofree char *ou = seg_format_count (s->orders_updated);
    g_autofree char *outlook = NULL;
    SegImportMapping *mapping = seg_import_wizard_model_get_mapping (self->model);

    if (seg_import_mapping_get_target (mapping) == SEG_IMPORT_TARGET_ORDERS)
      /* Translators: each %s is a number. */
      outlook = g_strdup_printf (_("If you import now — customers: %s new, %s updated; "
                                   "orders: %s new, %s updated. Rows with errors are "
                                   "skipped; rows with warnings are imported."),
                                 ca, cu, oa, ou);
    else
      outlook = g_strdup_printf (_("If you import now — customers: %s new, %s updated. "
                                   "Rows with errors are skipped; rows with warnings are "
                                   "imported."),
                                 ca, cu);
    gtk_label_set_label (self->check_outlook, outlook);
    gtk_widget_set_visible (GTK_WIDGET (self->check_outlook), TRUE);
  }

  for (guint i = 0; s->skipped != NULL && i < s->skipped->len; i++)
    {
      Problem p = { g_ptr_array_index (s->skipped, i), TRUE };
      g_array_append_val (problems, p);
    }
  for (guint i = 0; s->warnings != NULL && i < s->warnings->len; i++)
    {
      Problem p = { g_ptr_array_index (s->warnings, i), FALSE };
      g_array_append_val (problems, p);
    }
  g_array_sort (problems, compare_problems);

  for (guint i = 0; i < problems->len && i < MAX_PROBLEM_ROWS; i++)
    gtk_list_box_append (self->problems_list,
                         problem_row_new (&g_array_index (problems, Problem, i)));

  total = s->rows_skipped + s->n_warnings;
  if (total > MIN (problems->len, MAX_PROBLEM_ROWS))
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *more = seg_format_count (total - MIN (problems->len, MAX_PROBLEM_ROWS));
      g_autofree char *title =
        g_strdup_printf (_("And %s more: export the problems as CSV to see them all"), more);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_list_box_append (self->problems_list, row);
    }
  else if (total == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");

      gtk_widget_add_css_class (icon, "success");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("No problems"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("No problems found: every row can be imported"));
      gtk_list_box_append (self->problems_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_problems_button), total > 0);
}

/* ---- Summary ---------------------------------------------------------- */

static void
add_summary_row (SegImportWizard *self,
                 const char      *title,
                 guint64          value)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *text = seg_format_count (value);
  GtkWidget *label = gtk_label_new (text);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_widget_set_focusable (row, TRUE);
  gtk_list_box_append (self->summary_list, row);
}

static void
populate_summary (SegImportWizard *self)
{
  const SegImportSummary *s = seg_import_wizard_model_get_summary (self->model);
  SegImportMapping *mapping = seg_import_wizard_model_get_mapping (self->model);

  clear_list_box (self->summary_list);

  switch (seg_import_wizard_model_get_outcome (self->model))
    {
    case SEG_IMPORT_WIZARD_OUTCOME_IMPORTED:
      {
        g_autofree char *message = seg_import_wizard_model_dup_result_message (self->model);
        g_autofree char *escaped = g_markup_escape_text (message ? message : "", -1);

        adw_status_page_set_icon_name (self->summary_page, "emblem-ok-symbolic");
        adw_status_page_set_title (self->summary_page, _("Import Complete"));
        adw_status_page_set_description (self->summary_page, escaped);
      }
      break;

    case SEG_IMPORT_WIZARD_OUTCOME_CANCELLED:
      adw_status_page_set_icon_name (self->summary_page, "process-stop-symbolic");
      adw_status_page_set_title (self->summary_page, _("Import Cancelled"));
      adw_status_page_set_description (self->summary_page,
                                       _("Nothing was changed in the store."));
      gtk_widget_set_visible (GTK_WIDGET (self->summary_list), FALSE);
      return;

    case SEG_IMPORT_WIZARD_OUTCOME_FAILED:
    case SEG_IMPORT_WIZARD_OUTCOME_NONE:
    default:
      {
        const char *error = seg_import_wizard_model_get_error (self->model);
        g_autofree char *escaped = g_markup_escape_text (error ? error : "", -1);
        g_autofree char *text =
          g_strdup_printf ("%s\n\n%s", escaped, _("Nothing was changed in the store."));

        adw_status_page_set_icon_name (self->summary_page, "dialog-error-symbolic");
        adw_status_page_set_title (self->summary_page, _("Import Failed"));
        adw_status_page_set_description (self->summary_page, text);
        gtk_widget_set_visible (GTK_WIDGET (self->summary_list), FALSE);
      }
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->summary_list), s != NULL);
  if (s == NULL)
    return;

  add_summary_row (self, _("Customers added"), s->customers_added);
  add_summary_row (self, _("Customers updated"), s->customers_updated);
  switch (seg_import_mapping_get_target (mapping))
    {
    case SEG_IMPORT_TARGET_ORDERS:
      add_summary_row (self, _("Orders added"), s->orders_added);
      add_summary_row (self, _("Orders updated"), s->orders_updated);
      break;
    case SEG_IMPORT_TARGET_CHECKOUTS:
      add_summary_row (self, _("Abandoned checkouts added"), s->checkouts_added);
      add_summary_row (self, _("Abandoned checkouts updated"), s->checkouts_updated);
      break;
    case SEG_IMPORT_TARGET_CAMPAIGN_RESULTS:
      add_summary_row (self, _("Campaign results"), s->campaign_rows);
      break;
    case SEG_IMPORT_TARGET_CUSTOMERS:
    default:
      break;
    }
  add_summary_row (self, _("Rows skipped"), s->rows_skipped);
}

/* ---- Steps ------------------------------------------------------------ */

static void
update_buttons (SegImportWizard *self)
{
  SegImportWizardStep step = seg_import_wizard_model_get_step (self->model);
  SegImportWizardOutcome outcome = seg_import_wizard_model_get_outcome (self->model);
  gboolean busy = seg_import_wizard_model_get_busy (self->model);
  gboolean can = seg_import_wizard_model_get_can_continue (self->model);
  const char *blocker = seg_import_wizard_model_get_blocker (self->model);
  const char *next_label = _("_Next");
  gboolean back;

  switch (step)
    {
    case SEG_IMPORT_WIZARD_STEP_MAPPING:
      next_label = _("C_heck");
      break;
    case SEG_IMPORT_WIZARD_STEP_CHECK:
      next_label = _("_Import");
      break;
    case SEG_IMPORT_WIZARD_STEP_SUMMARY:
      next_label = outcome == SEG_IMPORT_WIZARD_OUTCOME_IMPORTED ? _("_Done") : _("_Close");
      break;
    case SEG_IMPORT_WIZARD_STEP_CHOOSE:
    case SEG_IMPORT_WIZARD_STEP_PREVIEW:
    case SEG_IMPORT_WIZARD_STEP_IMPORT:
    case SEG_IMPORT_WIZARD_N_STEPS:
    default:
      break;
    }
  gtk_button_set_label (self->next_button, next_label);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), step != SEG_IMPORT_WIZARD_STEP_IMPORT);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.next",
                                 step == SEG_IMPORT_WIZARD_STEP_SUMMARY || (can && !busy));

  back = (step == SEG_IMPORT_WIZARD_STEP_PREVIEW || step == SEG_IMPORT_WIZARD_STEP_MAPPING
          || step == SEG_IMPORT_WIZARD_STEP_CHECK
          || (step == SEG_IMPORT_WIZARD_STEP_SUMMARY
              && outcome != SEG_IMPORT_WIZARD_OUTCOME_IMPORTED));
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), back);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.back", back && !busy);

  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button),
                          step != SEG_IMPORT_WIZARD_STEP_SUMMARY);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->cancel_button),
                               busy ? _("Stop and change nothing") : _("Close without importing"));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.choose-file", !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->load_spinner), busy);
  gtk_spinner_set_spinning (self->load_spinner, busy);

  gtk_label_set_label (self->blocker_label, blocker != NULL ? blocker : "");
  gtk_revealer_set_reveal_child (self->blocker_revealer,
                                 blocker != NULL && !busy
                                 && (step == SEG_IMPORT_WIZARD_STEP_PREVIEW
                                     || step == SEG_IMPORT_WIZARD_STEP_MAPPING
                                     || step == SEG_IMPORT_WIZARD_STEP_CHECK));
  /* Say why Next is disabled to screen readers too. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->next_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  can || blocker == NULL ? "" : blocker,
                                  -1);
}

static void
update_step (SegImportWizard *self)
{
  SegImportWizardStep step = seg_import_wizard_model_get_step (self->model);
  SegImportMapping *mapping = seg_import_wizard_model_get_mapping (self->model);
  const char *file_name = seg_import_wizard_model_get_file_name (self->model);
  g_autofree char *subtitle = NULL;

  if (mapping != self->shown_mapping)
    {
      g_set_object (&self->shown_mapping, mapping);
      populate_preview (self);
      populate_mapping (self);
    }

  gtk_stack_set_visible_child_name (self->stack, step_names[step]);

  /* Translators: "Step 3 of 6 · Columns". */
  subtitle = g_strdup_printf (_("Step %u of %u · %s"), step + 1, SEG_IMPORT_WIZARD_N_STEPS,
                              seg_import_wizard_model_get_step_title (self->model));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  if (file_name != NULL && step != SEG_IMPORT_WIZARD_STEP_CHOOSE)
    {
      /* Translators: %s is the imported file's name. */
      g_autofree char *title = g_strdup_printf (_("Import %s"), file_name);

      adw_window_title_set_title (self->window_title, title);
    }
  else
    adw_window_title_set_title (self->window_title, _("Import"));

  switch (step)
    {
    case SEG_IMPORT_WIZARD_STEP_MAPPING:
      update_columns_description (self);
      update_date_question (self);
      update_saved_mappings (self);
      break;

    case SEG_IMPORT_WIZARD_STEP_CHECK:
      if (!seg_import_wizard_model_get_busy (self->model))
        populate_check (self);
      gtk_stack_set_visible_child_name (self->check_stack,
                                        seg_import_wizard_model_get_busy (self->model)
                                          ? "running" : "done");
      break;

    case SEG_IMPORT_WIZARD_STEP_IMPORT:
      {
        g_autofree char *description =
          g_strdup_printf (_("Reading %s into the store. The store changes only once every "
                             "row is in; cancelling leaves it exactly as it was."),
                           file_name ? file_name : "");
        g_autofree char *escaped = g_markup_escape_text (description, -1);

        adw_status_page_set_description (self->import_page, escaped);
      }
      break;

    case SEG_IMPORT_WIZARD_STEP_SUMMARY:
      populate_summary (self);
      break;

    case SEG_IMPORT_WIZARD_STEP_CHOOSE:
    case SEG_IMPORT_WIZARD_STEP_PREVIEW:
    case SEG_IMPORT_WIZARD_N_STEPS:
    default:
      break;
    }

  update_buttons (self);

  /* Keyboard users land on the step's first control. */
  switch (step)
    {
    case SEG_IMPORT_WIZARD_STEP_CHOOSE:
      gtk_widget_grab_focus (GTK_WIDGET (self->choose_button));
      break;
    case SEG_IMPORT_WIZARD_STEP_IMPORT:
      gtk_widget_grab_focus (GTK_WIDGET (self->cancel_import_button));
      break;
    case SEG_IMPORT_WIZARD_STEP_PREVIEW:
    case SEG_IMPORT_WIZARD_STEP_MAPPING:
    case SEG_IMPORT_WIZARD_STEP_CHECK:
    case SEG_IMPORT_WIZARD_STEP_SUMMARY:
    case SEG_IMPORT_WIZARD_N_STEPS:
    default:
      if (gtk_widget_get_sensitive (GTK_WIDGET (self->next_button))
          && gtk_widget_get_visible (GTK_WIDGET (self->next_button)))
        gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
      break;
    }
}

static void
model_step_changed_cb (SegImportWizard *self)
{
  update_step (self);
}

static void
model_busy_changed_cb (SegImportWizard *self)
{
  SegImportWizardStep step = seg_import_wizard_model_get_step (self->model);

  if (step == SEG_IMPORT_WIZARD_STEP_CHECK)
    {
      if (!seg_import_wizard_model_get_busy (self->model))
        populate_check (self);
      gtk_stack_set_visible_child_name (self->check_stack,
                                        seg_import_wizard_model_get_busy (self->model)
                                          ? "running" : "done");
    }
  update_buttons (self);
}

static void
model_progress_changed_cb (SegImportWizard *self)
{
  double fraction = seg_import_wizard_model_get_progress (self->model);
  g_autofree char *text = dup_percent (fraction);

  gtk_progress_bar_set_fraction (self->check_progress, fraction);
  gtk_progress_bar_set_text (self->check_progress, text);
  gtk_progress_bar_set_fraction (self->import_progress, fraction);
  gtk_progress_bar_set_text (self->import_progress, text);
}

static void
model_error_changed_cb (SegImportWizard *self)
{
  const char *error = seg_import_wizard_model_get_error (self->model);
  SegImportWizardStep step = seg_import_wizard_model_get_step (self->model);

  gtk_widget_set_visible (self->load_error_box,
                          error != NULL && step == SEG_IMPORT_WIZARD_STEP_CHOOSE);
  gtk_label_set_label (self->load_error_label, error != NULL ? error : "");
  if (step == SEG_IMPORT_WIZARD_STEP_CHECK && !seg_import_wizard_model_get_busy (self->model))
    populate_check (self);
  if (step == SEG_IMPORT_WIZARD_STEP_SUMMARY)
    populate_summary (self);
}

static void
model_state_changed_cb (SegImportWizard *self)
{
  if (seg_import_wizard_model_get_step (self->model) == SEG_IMPORT_WIZARD_STEP_MAPPING)
    {
      update_columns_description (self);
      update_date_question (self);
    }
  update_buttons (self);
}

/* ---- Actions ---------------------------------------------------------- */

static void
finish (SegImportWizard *self)
{
  if (seg_import_wizard_model_get_outcome (self->model) == SEG_IMPORT_WIZARD_OUTCOME_IMPORTED
      && self->parent != NULL && SEG_IS_WINDOW (self->parent))
    {
      g_autofree char *message = seg_import_wizard_model_dup_result_message (self->model);

      seg_window_refresh (SEG_WINDOW (self->parent));
      if (message != NULL)
        seg_window_add_toast (SEG_WINDOW (self->parent), adw_toast_new (message));
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SegImportWizard *self = SEG_IMPORT_WIZARD (widget);

  if (seg_import_wizard_model_get_step (self->model) == SEG_IMPORT_WIZARD_STEP_SUMMARY)
    finish (self);
  else
    seg_import_wizard_model_next (self->model);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  seg_import_wizard_model_back (SEG_IMPORT_WIZARD (widget)->model);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SegImportWizard *self = SEG_IMPORT_WIZARD (widget);

  if (seg_import_wizard_model_cancel (self->model))
    return;

  if (seg_import_wizard_model_get_step (self->model) == SEG_IMPORT_WIZARD_STEP_SUMMARY)
    finish (self);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The model holds the error and the window shows it. */
  if (!seg_import_wizard_model_load_finish (SEG_IMPORT_WIZARD_MODEL (object), result, &error))
    g_debug ("Could not load the file: %s", error->message);
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     SegImportWizard *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      seg_import_wizard_open_file (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
add_filter (GtkFileChooser     *chooser,
            const char         *name,
            const char * const *suffixes,
            const char * const *mime_types)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; suffixes != NULL && suffixes[i] != NULL; i++)
    gtk_file_filter_add_suffix (filter, suffixes[i]);
  for (guint i = 0; mime_types != NULL && mime_types[i] != NULL; i++)
    gtk_file_filter_add_mime_type (filter, mime_types[i]);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SegImportWizard *self = SEG_IMPORT_WIZARD (widget);
  static const char * const exports[] = { "csv", "txt", "tsv", "zip", NULL };
  static const char * const csv[] = { "csv", "tsv", "txt", NULL };
  static const char * const csv_types[] = { "text/csv", "text/tab-separated-values", NULL };
  static const char * const zip[] = { "zip", NULL };

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Choose an Export to Import"),
                                               GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  add_filter (GTK_FILE_CHOOSER (self->chooser), _("Store exports (CSV, TXT, ZIP)"),
              exports, csv_types);
  add_filter (GTK_FILE_CHOOSER (self->chooser), _("CSV and text files"), csv, csv_types);
  add_filter (GTK_FILE_CHOOSER (self->chooser), _("ZIP archives"), zip, NULL);
  {
    g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

    gtk_file_filter_set_name (filter, _("All files"));
    gtk_file_filter_add_pattern (filter, "*");
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  }

  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
save_mapping_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          SegImportWizard  *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "seg-entry");
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "save") != 0)
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  if (*name == '\0')
    return;

  if (!seg_import_wizard_model_save_mapping (self->model, name, &error))
    {
      show_toast (self, error->message);
      return;
    }

  {
    /* Translators: %s is the name the store owner gave the mapping. */
    g_autofree char *text = g_strdup_printf (_("Mapping “%s” saved"), name);

    show_toast (self, text);
  }
  update_saved_mappings (self);
}

static void
save_entry_changed_cb (GtkEditable      *entry,
                       AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "save", *text != '\0');
}

static void
save_mapping_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SegImportWizard *self = SEG_IMPORT_WIZARD (widget);
  SegImportMapping *mapping = seg_import_wizard_model_get_mapping (self->model);
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  if (mapping == NULL)
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Save Mapping"),
                                                       _("Give these choices a name to use "
                                                         "them again for the next file like "
                                                         "this one.")));
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (entry),
                         seg_import_preset_get_label (seg_import_mapping_get_preset (mapping)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Mapping name"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "seg-entry", entry);
  g_signal_connect (entry, "changed", G_CALLBACK (save_entry_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (save_mapping_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
use_mapping_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SegImportWizard *self = SEG_IMPORT_WIZARD (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;

  if (!seg_import_wizard_model_use_mapping (self->model, name, &error))
    show_toast (self, error->message);
  else
    {
      /* Translators: %s is a saved mapping's name. */
      g_autofree char *text = g_strdup_printf (_("Using the mapping “%s”"), name);

      show_toast (self, text);
    }
}

static void
export_chooser_response_cb (GtkNativeDialog *dialog,
                            int              response,
                            SegImportWizard *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GError) error = NULL;

      if (!seg_import_wizard_model_export_problems (self->model, file, &error))
        show_toast (self, error->message);
      else
        {
          g_autofree char *name = g_file_get_basename (file);
          /* Translators: %s is a file name. */
          g_autofree char *text = g_strdup_printf (_("Problems saved to %s"), name);

          show_toast (self, text);
        }
    }
  g_clear_object (&self->chooser);
}

static void
export_problems_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SegImportWizard *self = SEG_IMPORT_WIZARD (widget);
  const char *file_name = seg_import_wizard_model_get_file_name (self->model);
  g_autofree char *base = NULL;
  g_autofree char *suggested = NULL;
  char *dot;

  if (self->chooser != NULL)
    return;

  base = g_strdup (file_name ? file_name : "import");
  if ((dot = strrchr (base, '.')) != NULL)
    *dot = '\0';
  /* Translators: the suggested name of the problems file; %s is the
   * imported file's name without its extension. */
  suggested = g_strdup_printf (_("%s-problems.csv"), base);

  self->chooser = gtk_file_chooser_native_new (_("Export Problems as CSV"),
                                               GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), suggested);
  g_signal_connect (self->chooser, "response", G_CALLBACK (export_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
drop_cb (GtkDropTarget   *target,
         const GValue    *value,
         double           x,
         double           y,
         SegImportWizard *self)
{
  GFile *file = NULL;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = g_value_get_boxed (value);

      if (files != NULL)
        file = files->data;
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    file = g_value_get_object (value);

  if (file == NULL || seg_import_wizard_model_get_busy (self->model)
      || seg_import_wizard_model_get_step (self->model) > SEG_IMPORT_WIZARD_STEP_MAPPING)
    return FALSE;

  seg_import_wizard_open_file (self, file);
  return TRUE;
}

static gboolean
seg_import_wizard_close_request (GtkWindow *window)
{
  SegImportWizard *self = SEG_IMPORT_WIZARD (window);

  /* Closing while work runs stops it first; the Summary step then says
   * that nothing changed. */
  if (seg_import_wizard_model_cancel (self->model))
    return TRUE;

  return GTK_WINDOW_CLASS (seg_import_wizard_parent_class)->close_request (window);
}

static void
seg_import_wizard_dispose (GObject *object)
{
  SegImportWizard *self = (SegImportWizard *) object;

  if (self->model != NULL)
    {
      seg_import_wizard_model_cancel (self->model);
      g_signal_handlers_disconnect_by_data (self->model, self);
    }
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  g_clear_weak_pointer (&self->parent);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);
  g_clear_pointer (&self->member_rows, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), SEG_TYPE_IMPORT_WIZARD);

  g_clear_object (&self->shown_mapping);
  g_clear_object (&self->choices);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (seg_import_wizard_parent_class)->dispose (object);
}

static void
seg_import_wizard_class_init (SegImportWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = seg_import_wizard_dispose;
  window_class->close_request = seg_import_wizard_close_request;

  /* Screen readers announce it as the dialog it is, not a plain window. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/segmentsapp/Segments/seg-import-wizard.ui");

  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, window_title);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, back_button);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, next_button);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, stack);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, choose_button);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, load_spinner);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, load_error_box);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, load_error_label);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, format_row);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, delimiter_row);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, members_group);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, preview_view);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, preview_label);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, date_group);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, day_first_check);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, month_first_check);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, day_first_row);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, month_first_row);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, columns_description);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, columns_group);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, use_mapping_button);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, save_mapping_button);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, check_stack);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, check_progress);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, check_headline);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, check_outlook);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, check_error_box);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, check_error_label);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, problems_group);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, problems_list);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, export_problems_button);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, import_page);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, import_progress);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, cancel_import_button);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, summary_page);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, summary_list);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, blocker_revealer);
  gtk_widget_class_bind_template_child (widget_class, SegImportWizard, blocker_label);

  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "wizard.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "wizard.choose-file", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "wizard.save-mapping", NULL,
                                   save_mapping_action);
  gtk_widget_class_install_action (widget_class, "wizard.use-mapping", "s", use_mapping_action);
  gtk_widget_class_install_action (widget_class, "wizard.export-problems", NULL,
                                   export_problems_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "wizard.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "wizard.back", NULL);
}

static void
seg_import_wizard_init (SegImportWizard *self)
{
  g_autoptr(GtkStringList) presets = gtk_string_list_new (NULL);
  GtkDropTarget *drop;
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };

  ensure_css ();
  gtk_widget_init_template (GTK_WIDGET (self));

  self->choices = seg_import_field_choice_list_new ();
  self->column_rows = g_ptr_array_new ();
  self->member_rows = g_ptr_array_new ();

  {
    g_autoptr(GtkStringList) encodings = gtk_string_list_new (NULL);
    g_autoptr(GtkStringList) delimiters = gtk_string_list_new (NULL);

    gtk_string_list_append (encodings, _("Automatic"));
    for (guint i = 0; i < G_N_ELEMENTS (encoding_choices); i++)
      gtk_string_list_append (encodings, encoding_choices[i]);
    gtk_string_list_append (delimiters, _("Automatic"));
    for (guint i = 0; i < G_N_ELEMENTS (delimiter_choices); i++)
      gtk_string_list_append (delimiters, delimiter_label (delimiter_choices[i]));
    adw_combo_row_set_model (self->encoding_row, G_LIST_MODEL (encodings));
    adw_combo_row_set_model (self->delimiter_row, G_LIST_MODEL (delimiters));
    g_signal_connect (self->encoding_row, "notify::selected",
                      G_CALLBACK (read_option_selected_cb), self);
    g_signal_connect (self->delimiter_row, "notify::selected",
                      G_CALLBACK (read_option_selected_cb), self);
  }

  for (guint p = 0; p < SEG_IMPORT_N_PRESETS; p++)
    gtk_string_list_append (presets, seg_import_preset_get_label (p));
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (presets));
  g_signal_connect (self->format_row, "notify::selected", G_CALLBACK (format_selected_cb), self);

  g_signal_connect (self->day_first_check, "toggled", G_CALLBACK (date_order_toggled_cb), self);
  g_signal_connect (self->month_first_check, "toggled", G_CALLBACK (date_order_toggled_cb), self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->check_progress),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Checking progress"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->import_progress),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Import progress"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->back_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back"), -1);

  drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop, types, G_N_ELEMENTS (types));
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  /* Enter moves on, as long as the focused control does not want it. */
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->next_button));
}

/**
 * seg_import_wizard_new:
 * @parent: (nullable): the store window
 * @store: the store to import into
 *
 * Returns: (transfer none): a new wizard, not yet shown
 */
SegImportWizard *
seg_import_wizard_new (GtkWindow *parent,
                       SegStore  *store)
{
  SegImportWizard *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SEG_IS_STORE (store), NULL);

  self = g_object_new (SEG_TYPE_IMPORT_WIZARD,
                       "transient-for", parent,
                       NULL);
  if (parent != NULL)
    {
      g_set_weak_pointer (&self->parent, parent);
      gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
    }

  self->model = seg_import_wizard_model_new (store);
  g_signal_connect_swapped (self->model, "notify::step",
                            G_CALLBACK (model_step_changed_cb), self);
  g_signal_connect_swapped (self->model, "notify::mapping",
                            G_CALLBACK (model_step_changed_cb), self);
  g_signal_connect_swapped (self->model, "notify::busy",
                            G_CALLBACK (model_busy_changed_cb), self);
  g_signal_connect_swapped (self->model, "notify::progress",
                            G_CALLBACK (model_progress_changed_cb), self);
  g_signal_connect_swapped (self->model, "notify::error",
                            G_CALLBACK (model_error_changed_cb), self);
  g_signal_connect_swapped (self->model, "notify::can-continue",
                            G_CALLBACK (model_state_changed_cb), self);
  g_signal_connect_swapped (self->model, "notify::blocker",
                            G_CALLBACK (model_state_changed_cb), self);
  g_signal_connect_swapped (self->model, "notify::date-question",
                            G_CALLBACK (model_state_changed_cb), self);
  g_signal_connect_swapped (self->model, "notify::needs-date-order",
                            G_CALLBACK (model_state_changed_cb), self);
  g_signal_connect_swapped (self->model, "notify::outcome",
                            G_CALLBACK (model_state_changed_cb), self);

  update_step (self);
  model_progress_changed_cb (self);
  return self;
}

SegImportWizardModel *
seg_import_wizard_get_model (SegImportWizard *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD (self), NULL);
  return self->model;
}

void
seg_import_wizard_open_file (SegImportWizard *self,
                             GFile           *file)
{
  g_return_if_fail (SEG_IS_IMPORT_WIZARD (self));
  g_return_if_fail (G_IS_FILE (file));

  seg_import_wizard_model_load_async (self->model, file, load_done_cb, NULL);
}
