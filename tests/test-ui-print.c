/* test-ui-print.c — printing and exporting the segment report, on a display
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>
#include <adwaita.h>

#include "seg-application.h"
#include "seg-day.h"
#include "seg-print-operation.h"
#include "seg-report.h"
#include "seg-report-controller.h"
#include "seg-reports-page.h"
#include "seg-segment-list.h"
#include "seg-test-ui.h"
#include "seg-window.h"

static SegApplication *app;
static char *tmp_dir;

static gboolean
window_idle (gpointer data)
{
  return !seg_window_get_busy (data);
}

static gboolean
pages_counted (gpointer data)
{
  return !seg_reports_page_get_counting (data) && seg_reports_page_get_n_pages (data) > 0;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static GPtrArray *
load_segments (const char *path)
{
  g_autoptr(SegStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *segments;

  store = seg_store_open (path, &error);
  g_assert_no_error (error);
  segments = seg_segments_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (segments->len, >=, 3);
  return segments;
}

static GtkWidget *
find_visible_label (GtkWidget  *widget,
                    const char *needle)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  seg_test_find_widgets (widget, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (strstr (gtk_label_get_label (labels->pdata[i]), needle) != NULL &&
        gtk_widget_is_visible (labels->pdata[i]))
      return labels->pdata[i];
  return NULL;
}

static void
assert_is_pdf (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
}

static char *
dup_pdf_text (const char *path)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { NULL, "-layout", path, "-", NULL };
  int status = 0;

  if (pdftotext == NULL)
    return NULL;

  argv[0] = pdftotext;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &text, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&text);
}

/* The print operation, without a dialog: two chosen segments to a PDF. */
static void
test_print_export_two_segments (void)
{
  g_autofree char *path = seg_test_ensure_demo (tmp_dir);
  g_autofree char *pdf = g_build_filename (tmp_dir, "printed.pdf", NULL);
  g_autoptr(GPtrArray) segments = load_segments (path);
  g_autoptr(SegStore) store = NULL;
  g_autoptr(SegReportDocument) document = NULL;
  g_autoptr(SegPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *chosen[3];
  SegReportOptions options;
  GtkPrintOperationResult result;

  chosen[0] = seg_segment_get_name (segments->pdata[0]);
  chosen[1] = seg_segment_get_name (segments->pdata[2]);
  chosen[2] = NULL;

  store = seg_store_open (path, &error);
  g_assert_no_error (error);
  seg_report_options_init (&options);
  options.segments = chosen;
  options.printed_day = seg_day_from_ymd (2025, 7, 1);
  document = seg_report_build (store, &options, NULL, &error);
  g_assert_no_error (error);

  operation = seg_print_operation_new (document);
  seg_print_operation_set_paper (operation, SEG_REPORT_PAPER_A4, FALSE);
  gtk_print_operation_set_allow_async (GTK_PRINT_OPERATION (operation), FALSE);
  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (operation), pdf);
  result = gtk_print_operation_run (GTK_PRINT_OPERATION (operation),
                                    GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_cmpuint (seg_report_document_get_n_pages (document), >, 1);

  assert_is_pdf (pdf);

  text = dup_pdf_text (pdf);
  if (text == NULL)
    {
      g_test_message ("pdftotext is not installed; not checking the words");
      return;
    }
  g_assert_nonnull (strstr (text, chosen[0]));
  g_assert_nonnull (strstr (text, chosen[1]));
  g_assert_nonnull (strstr (text, "Page 1 of"));
}

/* What the print dialog ends with is what the next one starts with. */
static void
test_print_settings_remembered (void)
{
  g_autoptr(SegReportDocument) document = seg_report_document_new ();
  g_autoptr(SegPrintOperation) operation = NULL;
  g_autoptr(SegPrintOperation) next = NULL;
  g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
  g_autoptr(GtkPrintSettings) loaded_settings = NULL;
  g_autoptr(GtkPageSetup) loaded_setup = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file = seg_print_operation_dup_settings_path ();
  GtkWidget *page;

  g_unlink (file);
  g_assert_false (seg_print_operation_load_saved (NULL, NULL));

  operation = seg_print_operation_new (document);
  gtk_print_settings_set_n_copies (settings, 3);
  gtk_print_operation_set_print_settings (GTK_PRINT_OPERATION (operation), settings);
  seg_print_operation_set_paper (operation, SEG_REPORT_PAPER_LETTER, TRUE);
  seg_print_operation_save_settings (operation, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));

  g_assert_true (seg_print_operation_load_saved (&loaded_settings, &loaded_setup));
  g_assert_nonnull (loaded_settings);
  g_assert_cmpint (gtk_print_settings_get_n_copies (loaded_settings), ==, 3);
  g_assert_nonnull (loaded_setup);
  g_assert_cmpint (gtk_page_setup_get_orientation (loaded_setup), ==,
                   GTK_PAGE_ORIENTATION_LANDSCAPE);

  next = seg_print_operation_new (document);
  g_assert_cmpint (gtk_print_settings_get_n_copies (
                     gtk_print_operation_get_print_settings (GTK_PRINT_OPERATION (next))), ==, 3);

  /* The Reports page starts from the paper printed on last. */
  page = g_object_ref_sink (seg_reports_page_new ());
  g_assert_cmpint (seg_reports_page_get_paper (SEG_REPORTS_PAGE (page)), ==,
                   SEG_REPORT_PAPER_LETTER);
  g_assert_true (seg_reports_page_get_landscape (SEG_REPORTS_PAGE (page)));
  g_object_unref (page);

  g_unlink (file);
}

static void
test_reports_page (void)
{
  g_autofree char *path = seg_test_ensure_demo (tmp_dir);
  g_autoptr(GPtrArray) segments = load_segments (path);
  g_autoptr(SegStore) store = NULL;
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) chosen = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = seg_reports_page_new ();
  GtkWidget *print_button;
  GtkWidget *export_button;
  SegReportsPage *reports = SEG_REPORTS_PAGE (page);

  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_present (GTK_WINDOW (window));

  store = seg_store_open (path, &error);
  g_assert_no_error (error);
  seg_reports_page_set_store (reports, store);

  /* Every segment has a check row, ticked, named after the segment. */
  g_assert_cmpuint (seg_reports_page_get_n_segments (reports), ==, segments->len);
  g_assert_cmpuint (seg_reports_page_get_n_chosen (reports), ==, segments->len);
  g_assert_null (seg_reports_page_dup_chosen_segments (reports));
  seg_test_find_widgets (page, GTK_TYPE_CHECK_BUTTON, checks);
  g_assert_cmpuint (checks->len, ==, segments->len);
  for (guint i = 0; i < segments->len; i++)
    {
      const char *name = seg_segment_get_name (segments->pdata[i]);

      gtk_test_accessible_assert_property (checks->pdata[i], GTK_ACCESSIBLE_PROPERTY_LABEL,
                                           name);
      g_assert_true (gtk_check_button_get_active (checks->pdata[i]));
    }

  /* The page count comes from laying the report out off-screen. */
  seg_test_wait_until_seconds (pages_counted, reports, 60);
  g_assert_cmpuint (seg_reports_page_get_n_pages (reports), >, 3);

  print_button = seg_test_find_button_with_action (page, "win.print-report");
  export_button = seg_test_find_button_with_action (page, "win.export-report");
  g_assert_nonnull (print_button);
  g_assert_nonnull (export_button);
  g_assert_true (gtk_widget_get_sensitive (print_button));
  g_assert_true (gtk_widget_get_sensitive (export_button));
  g_assert_null (find_visible_label (page, "Choose at least one segment"));

  /* One left out. */
  gtk_check_button_set_active (checks->pdata[1], FALSE);
  chosen = seg_reports_page_dup_chosen_segments (reports);
  g_assert_cmpuint (g_strv_length (chosen), ==, segments->len - 1);
  g_assert_false (g_strv_contains ((const char * const *) chosen,
                                   seg_segment_get_name (segments->pdata[1])));

  /* None: nothing to print, and the page says why. */
  seg_reports_page_select_none (reports);
  g_assert_cmpuint (seg_reports_page_get_n_chosen (reports), ==, 0);
  g_assert_false (seg_reports_page_get_can_report (reports));
  g_assert_false (gtk_widget_get_sensitive (print_button));
  g_assert_false (gtk_widget_get_sensitive (export_button));
  g_assert_nonnull (find_visible_label (page, "Choose at least one segment"));

  seg_reports_page_select_all (reports);
  g_assert_true (seg_reports_page_get_can_report (reports));
  g_assert_true (gtk_widget_get_sensitive (print_button));
  g_assert_null (find_visible_label (page, "Choose at least one segment"));

  /* Letter, landscape: counted again. */
  seg_reports_page_set_paper (reports, SEG_REPORT_PAPER_LETTER);
  seg_reports_page_set_landscape (reports, TRUE);
  g_assert_true (seg_reports_page_get_counting (reports));
  seg_test_wait_until_seconds (pages_counted, reports, 60);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
saved_cb (GObject      *source_object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  seg_report_controller_save_pdf_finish (SEG_WINDOW (source_object), result, &error);
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* The store window has the Reports page, and Export PDF writes what it says. */
static void
test_window_export (void)
{
  g_autofree char *path = seg_test_ensure_demo (tmp_dir);
  g_autofree char *pdf = g_build_filename (tmp_dir, "exported.pdf", NULL);
  g_autoptr(GPtrArray) segments = load_segments (path);
  g_autoptr(GFile) file = g_file_new_for_path (pdf);
  g_autofree char *text = NULL;
  SegWindow *window = seg_window_new (app);
  SegReportsPage *page;
  gboolean saved = FALSE;
  const char *left_out = seg_segment_get_name (segments->pdata[1]);

  gtk_window_present (GTK_WINDOW (window));
  seg_window_open_store (window, path);
  seg_test_wait_until_seconds (window_idle, window, 60);

  page = seg_reports_page_find (GTK_WIDGET (window));
  g_assert_nonnull (page);
  g_assert_true (seg_reports_page_get_store (page) == seg_window_get_store (window));
  seg_window_show_page (window, "reports");
  seg_test_wait_until_seconds ((SegTestCondition) gtk_widget_get_mapped, page, 60);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "print-report"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "export-report"));

  seg_reports_page_set_segment_chosen (page, left_out, FALSE);
  seg_report_controller_save_pdf_async (window, file, NULL, saved_cb, &saved);
  g_assert_true (seg_reports_page_get_busy (page));
  g_assert_false (seg_reports_page_get_can_report (page));
  seg_test_wait_until_seconds (is_true, &saved, 60);
  g_assert_false (seg_reports_page_get_busy (page));

  assert_is_pdf (pdf);
  text = dup_pdf_text (pdf);
  if (text != NULL)
    {
      g_assert_nonnull (strstr (text, seg_segment_get_name (segments->pdata[0])));
      g_assert_nonnull (strstr (text, "Page 1 of"));
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *config_dir = NULL;
  g_autofree char *print_settings = NULL;
  int status;

  setlocale (LC_ALL, "");

  /* The print settings file goes to a temporary config folder, never to
   * the tester's.  (G_TEST_OPTION_ISOLATE_DIRS would also hide the MIME
   * database that loading the SVG app icon needs.) */
  tmp_dir = seg_test_make_tmp_dir ("segments-ui-print-XXXXXX");
  config_dir = g_build_filename (tmp_dir, "config", NULL);
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);

  g_test_init (&argc, &argv, NULL);

  if (!seg_test_init_display ())
    return 0;
  adw_init ();

  app = seg_test_register_application ("io.github.segmentsapp.Segments.UiPrintTest");

  g_test_add_func ("/ui/print/export-two-segments", test_print_export_two_segments);
  g_test_add_func ("/ui/print/settings-remembered", test_print_settings_remembered);
  g_test_add_func ("/ui/print/reports-page", test_reports_page);
  g_test_add_func ("/ui/print/window-export", test_window_export);

  status = g_test_run ();

  g_clear_object (&app);
  print_settings = seg_print_operation_dup_settings_path ();
  g_unlink (print_settings);
  {
    g_autofree char *segments_dir = g_path_get_dirname (print_settings);

    g_rmdir (segments_dir);
    g_rmdir (config_dir);
  }
  seg_test_remove_dir (tmp_dir);
  g_free (tmp_dir);

  return status;
}
