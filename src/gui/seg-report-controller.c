/* seg-report-controller.c — Print and Export PDF in store windows
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Implements win.print-report and win.export-report.  Both take what the
 * window's Reports page says (segments, paper, orientation) and build the
 * report in a worker thread on a store connection of their own, since
 * building brings the store's measures up to date.  Printing then lays the
 * document out and draws it on the main thread (SegPrintOperation); a PDF
 * is laid out, drawn and written in the worker thread.
 */

#define G_LOG_DOMAIN "seg-report-controller"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "seg-day.h"
#include "seg-print-operation.h"
#include "seg-report-controller.h"
#include "seg-report.h"
#include "seg-reports-page.h"

#define JOB_KEY "seg-report-job"

typedef struct
{
  char                *path;
  char               **segments;
  SegReportPaperSize   paper;
  gboolean             landscape;
  char                *output;      /* the PDF to write; NULL to print */
  GFile               *file;
  AdwToast            *progress;
} ReportJob;

static void
report_job_free (gpointer data)
{
  ReportJob *job = data;

  g_free (job->path);
  g_strfreev (job->segments);
  g_free (job->output);
  g_clear_object (&job->file);
  g_clear_object (&job->progress);
  g_free (job);
}

static void
set_window_busy (SegWindow *window,
                 gboolean   busy)
{
  SegReportsPage *page = seg_reports_page_find (GTK_WIDGET (window));

  g_object_set_data (G_OBJECT (window), JOB_KEY, GINT_TO_POINTER (busy));
  if (page != NULL)
    seg_reports_page_set_busy (page, busy);
}

/* What the Reports page says; the defaults when the window has none. */
static ReportJob *
new_job (SegWindow *window)
{
  SegReportsPage *page = seg_reports_page_find (GTK_WIDGET (window));
  ReportJob *job = g_new0 (ReportJob, 1);

  job->path = g_strdup (seg_store_get_path (seg_window_get_store (window)));
  if (page != NULL)
    {
      job->segments = seg_reports_page_dup_chosen_segments (page);
      job->paper = seg_reports_page_get_paper (page);
      job->landscape = seg_reports_page_get_landscape (page);
    }
  else
    {
      job->paper = g_strcmp0 (gtk_paper_size_get_default (), GTK_PAPER_NAME_LETTER) == 0
                   ? SEG_REPORT_PAPER_LETTER : SEG_REPORT_PAPER_A4;
    }

  return job;
}

/* Whether the window may start a report now; says why not when it may not. */
static gboolean
check_can_report (SegWindow *window)
{
  SegReportsPage *page = seg_reports_page_find (GTK_WIDGET (window));

  if (seg_window_get_store (window) == NULL ||
      g_object_get_data (G_OBJECT (window), JOB_KEY) != NULL)
    return FALSE;

  if (page != NULL && !seg_reports_page_get_can_report (page))
    {
      seg_window_show_page (window, "reports");
      seg_window_add_toast (window,
                            adw_toast_new (_("Choose at least one segment for the report")));
      return FALSE;
    }

  return TRUE;
}

static char *dup_suggested_name (SegWindow *window);

static void
report_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ReportJob *job = task_data;
  g_autoptr(SegStore) store = NULL;
  g_autoptr(SegReportDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  SegReportOptions options;
  SegReportPaper paper;

  store = seg_store_open (job->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  seg_report_options_init (&options);
  options.segments = (const char * const *) job->segments;
  options.paper = job->paper;
  options.landscape = job->landscape;

  document = seg_report_build (store, &options, cancellable, &error);
  if (document == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (job->output == NULL)
    {
      /* Printing lays the document out on the main thread. */
      g_task_return_pointer (task, g_steal_pointer (&document), g_object_unref);
      return;
    }

  seg_report_paper_init (&paper, job->paper, job->landscape);
  if (!seg_report_document_write_pdf (document, job->output, &paper, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&document), g_object_unref);
}

static void
print_built_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SegWindow *window = SEG_WINDOW (source_object);
  ReportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(SegReportDocument) document = NULL;
  g_autoptr(SegPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *store_name = NULL;
  g_autofree char *job_name = NULL;

  set_window_busy (window, FALSE);

  document = g_task_propagate_pointer (G_TASK (result), &error);
  if (document == NULL)
    {
      seg_print_operation_show_error (GTK_WINDOW (window), _("Could Not Print the Report"),
                                      error);
      return;
    }

  operation = seg_print_operation_new (document);
  seg_print_operation_set_paper (operation, job->paper, job->landscape);
  if (seg_window_get_store (window) != NULL)
    {
      g_autofree char *file_name = dup_suggested_name (window);

      store_name = seg_store_dup_name (seg_window_get_store (window));
      if (g_str_has_suffix (file_name, ".pdf"))
        file_name[strlen (file_name) - 4] = '\0';
      seg_print_operation_set_output_name (operation, file_name);
    }
  /* TRANSLATORS: the print job's name; %s is the store's name */
  job_name = g_strdup_printf (_("%s segment report"), store_name ? store_name : "");
  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (operation), g_strstrip (job_name));
  seg_print_operation_run_dialog (operation, GTK_WINDOW (window));
}

static void
open_report_clicked_cb (AdwToast *toast,
                        GFile    *file)
{
  GtkApplication *app = GTK_APPLICATION (g_application_get_default ());
  GtkWindow *parent = app != NULL ? gtk_application_get_active_window (app) : NULL;
  g_autofree char *uri = g_file_get_uri (file);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_show_uri (parent, uri, GDK_CURRENT_TIME);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
file_closure_notify (gpointer  data,
                     GClosure *closure)
{
  g_object_unref (data);
}

static void
save_done_cb (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SegWindow *window = SEG_WINDOW (source_object);
  GTask *outer = user_data;
  ReportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(SegReportDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  set_window_busy (window, FALSE);
  if (job->progress != NULL)
    adw_toast_dismiss (job->progress);

  document = g_task_propagate_pointer (G_TASK (result), &error);
  if (document == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        seg_print_operation_show_error (GTK_WINDOW (window), _("Could Not Save the Report"),
                                        error);
      g_task_return_error (outer, g_steal_pointer (&error));
    }
  else
    {
      AdwToast *toast = adw_toast_new (_("Report saved"));

      adw_toast_set_button_label (toast, _("_Open"));
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (open_report_clicked_cb),
                             g_object_ref (job->file), file_closure_notify, 0);
      seg_window_add_toast (window, toast);
      g_task_return_boolean (outer, TRUE);
    }

  g_object_unref (outer);
}

/**
 * seg_report_controller_save_pdf_async:
 * @file: the PDF to write; replaced if it exists
 *
 * Builds the report the window's Reports page describes and writes it to
 * @file in a worker thread, with a toast while it works, "Report saved"
 * with an Open button after, and a dialog when it fails.
 */
void
seg_report_controller_save_pdf_async (SegWindow           *window,
                                      GFile               *file,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  ReportJob *job;

  g_return_if_fail (SEG_IS_WINDOW (window));
  g_return_if_fail (G_IS_FILE (file));

  outer = g_task_new (window, cancellable, callback, user_data);
  g_task_set_source_tag (outer, seg_report_controller_save_pdf_async);

  if (seg_window_get_store (window) == NULL)
    {
      g_task_return_new_error (outer, SEG_REPORT_ERROR, SEG_REPORT_ERROR_FAILED,
                               _("Open a store to make its report."));
      return;
    }

  job = new_job (window);
  job->file = g_object_ref (file);
  job->output = g_file_get_path (file);
  if (job->output == NULL)
    {
      report_job_free (job);
      g_set_error_literal (&error, SEG_REPORT_ERROR, SEG_REPORT_ERROR_WRITE,
                           _("The report can only be saved in a folder on this computer. "
                             "Choose another folder."));
      seg_print_operation_show_error (GTK_WINDOW (window), _("Could Not Save the Report"),
                                      error);
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  job->progress = g_object_ref_sink (adw_toast_new (_("Saving the report…")));
  adw_toast_set_timeout (job->progress, 0);
  seg_window_add_toast (window, g_object_ref (job->progress));
  set_window_busy (window, TRUE);

  task = g_task_new (window, cancellable, save_done_cb, g_steal_pointer (&outer));
  g_task_set_source_tag (task, report_thread);
  g_task_set_task_data (task, job, report_job_free);
  g_task_run_in_thread (task, report_thread);
}

gboolean
seg_report_controller_save_pdf_finish (SegWindow     *window,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, window), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    SegWindow       *window)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);

  if (file != NULL)
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (window));
      GSettings *settings = SEG_IS_APPLICATION (app)
                            ? seg_application_get_settings (SEG_APPLICATION (app)) : NULL;
      g_autoptr(GFile) folder = g_file_get_parent (file);
      g_autofree char *folder_path = folder != NULL ? g_file_get_path (folder) : NULL;

      if (settings != NULL && folder_path != NULL)
        g_settings_set_string (settings, "last-export-folder", folder_path);

      seg_report_controller_save_pdf_async (window, file, NULL, NULL, NULL);
    }

  g_object_unref (window);
}

static char *
dup_suggested_name (SegWindow *window)
{
  SegStore *store = seg_window_get_store (window);
  g_autofree char *store_name = seg_store_dup_name (store);
  g_autofree char *day = seg_day_to_iso (seg_store_get_reference_day (store));
  g_autofree char *name = NULL;

  if (day == NULL || *day == '\0')
    {
      g_free (day);
      day = seg_day_to_iso (seg_day_today ());
    }

  /* TRANSLATORS: the file name a report is saved as; the first %s is the
   * store's name, the second a date such as 2026-05-04 */
  name = g_strdup_printf (_("%s segment report %s.pdf"),
                          store_name != NULL ? store_name : "", day != NULL ? day : "");
  g_strstrip (name);
  return g_strdelimit (g_steal_pointer (&name), "/\\:", '-');
}

static void
set_start_folder (GtkFileChooser *chooser,
                  SegWindow      *window)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (window));
  GSettings *settings = SEG_IS_APPLICATION (app)
                        ? seg_application_get_settings (SEG_APPLICATION (app)) : NULL;
  g_autofree char *last = settings != NULL
                          ? g_settings_get_string (settings, "last-export-folder") : NULL;
  const char *folder = last;
  g_autoptr(GFile) file = NULL;

  if (folder == NULL || *folder == '\0' || !g_file_test (folder, G_FILE_TEST_IS_DIR))
    folder = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  if (folder == NULL || !g_file_test (folder, G_FILE_TEST_IS_DIR))
    folder = g_get_home_dir ();

  file = g_file_new_for_path (folder);
  gtk_file_chooser_set_current_folder (chooser, file, NULL);
}

/**
 * seg_report_controller_export:
 *
 * Asks where to save the report as a PDF, then saves it.
 */
void
seg_report_controller_export (SegWindow *window)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  g_return_if_fail (SEG_IS_WINDOW (window));

  if (!check_can_report (window))
    return;

  chooser = gtk_file_chooser_native_new (_("Export Report"), GTK_WINDOW (window),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  gtk_file_filter_set_name (filter, _("PDF Documents"));
  gtk_file_filter_add_pattern (filter, "*.pdf");
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  set_start_folder (GTK_FILE_CHOOSER (chooser), window);
  name = dup_suggested_name (window);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb),
                    g_object_ref (window));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * seg_report_controller_print:
 *
 * Builds the report and shows the print dialog for it.
 */
void
seg_report_controller_print (SegWindow *window)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SEG_IS_WINDOW (window));

  if (!check_can_report (window))
    return;

  set_window_busy (window, TRUE);
  task = g_task_new (window, NULL, print_built_cb, NULL);
  g_task_set_source_tag (task, seg_report_controller_print);
  g_task_set_task_data (task, new_job (window), report_job_free);
  g_task_run_in_thread (task, report_thread);
}

static void
print_report_hook (SegWindow *window,
                   GVariant  *parameter)
{
  seg_report_controller_print (window);
}

static void
export_report_hook (SegWindow *window,
                    GVariant  *parameter)
{
  seg_report_controller_export (window);
}

/**
 * seg_report_controller_install:
 *
 * Gives every store window its win.print-report (Ctrl+P) and
 * win.export-report actions.  Call once, at application startup.
 */
void
seg_report_controller_install (void)
{
  g_type_ensure (SEG_TYPE_REPORTS_PAGE);
  seg_window_install_action_hook ("print-report", print_report_hook);
  seg_window_install_action_hook ("export-report", export_report_hook);
}
