/* seg-print-operation.c — printing a segment report
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkPrintOperation that lays out a SegReportDocument for whatever sheet
 * the print dialog ends up with and draws its pages.  Layout (begin-print)
 * and drawing (draw-page, also used by the preview) happen on the main
 * thread, as the document requires.  The printer and page setup chosen are
 * kept in a key file so that the next report starts from them.
 */

#define G_LOG_DOMAIN "seg-print-operation"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "seg-print-operation.h"
#include "seg-window.h"

struct _SegPrintOperation
{
  GtkPrintOperation  parent_instance;

  SegReportDocument *document;
  GtkWindow         *parent;     /* weak; set while the dialog runs */
  guint              running : 1;
  guint              previewed : 1;
  guint              handled : 1;
};

G_DEFINE_FINAL_TYPE (SegPrintOperation, seg_print_operation, GTK_TYPE_PRINT_OPERATION)

#define SETTINGS_GROUP "Print Settings"
#define PAGE_SETUP_GROUP "Page Setup"

static gboolean
is_landscape (GtkPageOrientation orientation)
{
  return orientation == GTK_PAGE_ORIENTATION_LANDSCAPE ||
         orientation == GTK_PAGE_ORIENTATION_REVERSE_LANDSCAPE;
}

/* Our own margins for a sheet of any size: Letter's for sheets about as
 * wide as Letter, A4's for everything else. */
static void
get_margins (GtkPageSetup     *setup,
             SegReportMargins *margins)
{
  GtkPaperSize *paper = gtk_page_setup_get_paper_size (setup);
  double portrait_width = gtk_paper_size_get_width (paper, GTK_UNIT_POINTS);
  SegReportPaperSize size = ABS (portrait_width - 612) < 8 ? SEG_REPORT_PAPER_LETTER
                                                           : SEG_REPORT_PAPER_A4;
  SegReportPaper ours;

  seg_report_paper_init (&ours, size, is_landscape (gtk_page_setup_get_orientation (setup)));

  /* The page setup's margins are what the printer cannot reach. */
  margins->top = MAX (ours.margins.top, gtk_page_setup_get_top_margin (setup, GTK_UNIT_POINTS));
  margins->bottom = MAX (ours.margins.bottom,
                         gtk_page_setup_get_bottom_margin (setup, GTK_UNIT_POINTS));
  margins->left = MAX (ours.margins.left,
                       gtk_page_setup_get_left_margin (setup, GTK_UNIT_POINTS));
  margins->right = MAX (ours.margins.right,
                        gtk_page_setup_get_right_margin (setup, GTK_UNIT_POINTS));
}

static void
report_result (SegPrintOperation       *self,
               GtkPrintOperationResult  result,
               const GError            *run_error)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) save_error = NULL;

  if (self->handled || !self->running)
    return;
  self->handled = TRUE;

  switch (result)
    {
    case GTK_PRINT_OPERATION_RESULT_ERROR:
      if (run_error != NULL)
        error = g_error_copy (run_error);
      else
        gtk_print_operation_get_error (GTK_PRINT_OPERATION (self), &error);
      if (error == NULL)
        error = g_error_new_literal (GTK_PRINT_ERROR, GTK_PRINT_ERROR_GENERAL,
                                     _("The printing system reported an error. "
                                       "Check the printer and try again."));
      seg_print_operation_show_error (self->parent, _("Could Not Print the Report"), error);
      break;

    case GTK_PRINT_OPERATION_RESULT_APPLY:
      if (!seg_print_operation_save_settings (self, &save_error))
        g_warning ("Could not keep the print settings: %s", save_error->message);
      if (!self->previewed && SEG_IS_WINDOW (self->parent))
        seg_window_add_toast (SEG_WINDOW (self->parent),
                              adw_toast_new (_("Report sent to the printer")));
      break;

    case GTK_PRINT_OPERATION_RESULT_CANCEL:
    case GTK_PRINT_OPERATION_RESULT_IN_PROGRESS:
    default:
      break;
    }

  g_clear_weak_pointer (&self->parent);
}

static void
seg_print_operation_begin_print (GtkPrintOperation *operation,
                                 GtkPrintContext   *context)
{
  SegPrintOperation *self = SEG_PRINT_OPERATION (operation);
  GtkPageSetup *setup = gtk_print_context_get_page_setup (context);
  SegReportMargins margins;
  guint n_pages;

  get_margins (setup, &margins);
  n_pages = seg_report_document_layout (self->document,
                                        gtk_page_setup_get_paper_width (setup, GTK_UNIT_POINTS),
                                        gtk_page_setup_get_paper_height (setup, GTK_UNIT_POINTS),
                                        &margins);
  gtk_print_operation_set_n_pages (operation, MAX (n_pages, 1));
}

static void
seg_print_operation_draw_page (GtkPrintOperation *operation,
                               GtkPrintContext   *context,
                               int                page_nr)
{
  SegPrintOperation *self = SEG_PRINT_OPERATION (operation);

  if (page_nr >= 0 && (guint) page_nr < seg_report_document_get_n_pages (self->document))
    seg_report_document_draw_page (self->document,
                                   gtk_print_context_get_cairo_context (context),
                                   page_nr);
}

static gboolean
seg_print_operation_preview (GtkPrintOperation        *operation,
                             GtkPrintOperationPreview *preview,
                             GtkPrintContext          *context,
                             GtkWindow                *parent)
{
  SegPrintOperation *self = SEG_PRINT_OPERATION (operation);
  GtkPrintOperationClass *parent_class =
    GTK_PRINT_OPERATION_CLASS (seg_print_operation_parent_class);

  /* GTK's own preview draws with draw-page; we only note that nothing
   * went to a printer this time. */
  self->previewed = TRUE;
  if (parent_class->preview == NULL)
    return FALSE;
  return parent_class->preview (operation, preview, context, parent);
}

static void
seg_print_operation_done (GtkPrintOperation       *operation,
                          GtkPrintOperationResult  result)
{
  SegPrintOperation *self = SEG_PRINT_OPERATION (operation);

  report_result (self, result, NULL);

  if (GTK_PRINT_OPERATION_CLASS (seg_print_operation_parent_class)->done != NULL)
    GTK_PRINT_OPERATION_CLASS (seg_print_operation_parent_class)->done (operation, result);
}

static void
seg_print_operation_finalize (GObject *object)
{
  SegPrintOperation *self = (SegPrintOperation *) object;

  g_clear_weak_pointer (&self->parent);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (seg_print_operation_parent_class)->finalize (object);
}

static void
seg_print_operation_class_init (SegPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->finalize = seg_print_operation_finalize;

  operation_class->begin_print = seg_print_operation_begin_print;
  operation_class->draw_page = seg_print_operation_draw_page;
  operation_class->preview = seg_print_operation_preview;
  operation_class->done = seg_print_operation_done;
}

static void
seg_print_operation_init (SegPrintOperation *self)
{
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);
  g_autoptr(GtkPrintSettings) settings = NULL;
  g_autoptr(GtkPageSetup) page_setup = NULL;

  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);

  seg_print_operation_load_saved (&settings, &page_setup);
  if (settings != NULL)
    gtk_print_operation_set_print_settings (operation, settings);
  if (page_setup != NULL)
    gtk_print_operation_set_default_page_setup (operation, page_setup);
}

/**
 * seg_print_operation_new:
 * @document: the report, built but not necessarily laid out
 *
 * Returns: (transfer full): an operation that prints @document, starting
 *   from the print settings and page setup used last time
 */
SegPrintOperation *
seg_print_operation_new (SegReportDocument *document)
{
  SegPrintOperation *self;

  g_return_val_if_fail (SEG_IS_REPORT_DOCUMENT (document), NULL);

  self = g_object_new (SEG_TYPE_PRINT_OPERATION, NULL);
  self->document = g_object_ref (document);
  return self;
}

SegReportDocument *
seg_print_operation_get_document (SegPrintOperation *self)
{
  g_return_val_if_fail (SEG_IS_PRINT_OPERATION (self), NULL);
  return self->document;
}

/**
 * seg_print_operation_set_paper:
 *
 * Sets the paper size and orientation the print dialog starts with; the
 * printer's margins of the page setup used last time are kept.
 */
void
seg_print_operation_set_paper (SegPrintOperation  *self,
                               SegReportPaperSize  size,
                               gboolean            landscape)
{
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);
  GtkPageSetup *current;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(GtkPaperSize) paper = NULL;
  GtkPrintSettings *settings;

  g_return_if_fail (SEG_IS_PRINT_OPERATION (self));

  current = gtk_print_operation_get_default_page_setup (operation);
  setup = current != NULL ? gtk_page_setup_copy (current) : gtk_page_setup_new ();
  paper = gtk_paper_size_new (size == SEG_REPORT_PAPER_LETTER ? GTK_PAPER_NAME_LETTER
                                                              : GTK_PAPER_NAME_A4);
  if (current == NULL ||
      !gtk_paper_size_is_equal (gtk_page_setup_get_paper_size (setup), paper))
    gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_page_setup_set_orientation (setup, landscape ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                                   : GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (operation, setup);

  /* The dialog takes the paper from the settings when they name one. */
  settings = gtk_print_operation_get_print_settings (operation);
  if (settings != NULL)
    {
      gtk_print_settings_set_paper_size (settings, paper);
      gtk_print_settings_set_orientation (settings, gtk_page_setup_get_orientation (setup));
    }
}

/**
 * seg_print_operation_set_output_name:
 * @basename: the file name "Print to File" suggests, without extension
 *
 * "Print to File" then suggests @basename in the folder it printed to last
 * (Documents, or the home folder, the first time), never the working
 * directory.
 */
void
seg_print_operation_set_output_name (SegPrintOperation *self,
                                     const char        *basename)
{
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);
  g_autoptr(GtkPrintSettings) created = NULL;
  GtkPrintSettings *settings;
  const char *uri;

  g_return_if_fail (SEG_IS_PRINT_OPERATION (self));
  g_return_if_fail (basename != NULL);

  settings = gtk_print_operation_get_print_settings (operation);
  if (settings == NULL)
    {
      created = gtk_print_settings_new ();
      gtk_print_operation_set_print_settings (operation, created);
      settings = created;
    }

  /* A saved output URI names last time's file; keep only its folder. */
  uri = gtk_print_settings_get (settings, GTK_PRINT_SETTINGS_OUTPUT_URI);
  if (uri != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (uri);
      g_autoptr(GFile) parent = g_file_get_parent (file);
      g_autofree char *dir = parent != NULL ? g_file_get_path (parent) : NULL;

      if (dir != NULL)
        gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_DIR, dir);
      gtk_print_settings_unset (settings, GTK_PRINT_SETTINGS_OUTPUT_URI);
    }

  if (!gtk_print_settings_has_key (settings, GTK_PRINT_SETTINGS_OUTPUT_DIR))
    {
      const char *dir = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

      if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
        dir = g_get_home_dir ();
      gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_DIR, dir);
    }

  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_BASENAME, basename);
}

/**
 * seg_print_operation_run_dialog:
 * @parent: (nullable): the window the print dialog belongs to; a
 *   #SegWindow shows "Report sent to the printer" when done
 *
 * Shows the system print dialog and prints, asynchronously.  Errors are
 * shown in a dialog; the settings chosen are saved for next time.
 */
void
seg_print_operation_run_dialog (SegPrintOperation *self,
                                GtkWindow         *parent)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegPrintOperation) hold = NULL;
  GtkPrintOperationResult result;

  g_return_if_fail (SEG_IS_PRINT_OPERATION (self));
  g_return_if_fail (!self->running);

  /* Until it is done, whoever started it may drop their reference. */
  hold = g_object_ref (self);
  g_object_ref (self);
  g_signal_connect (self, "done", G_CALLBACK (g_object_unref), NULL);

  g_set_weak_pointer (&self->parent, parent);
  self->running = TRUE;
  self->previewed = FALSE;
  self->handled = FALSE;

  result = gtk_print_operation_run (GTK_PRINT_OPERATION (self),
                                    GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    parent, &error);
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    report_result (self, result, error);
}

/**
 * seg_print_operation_dup_settings_path:
 *
 * Returns: (transfer full): the key file that keeps the print settings
 */
char *
seg_print_operation_dup_settings_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "segments", "print-settings.ini", NULL);
}

/**
 * seg_print_operation_load_saved:
 * @settings: (out) (optional) (nullable): the print settings used last time
 * @page_setup: (out) (optional) (nullable): the page setup used last time
 *
 * Returns: %TRUE when a saved file was read
 */
gboolean
seg_print_operation_load_saved (GtkPrintSettings **settings,
                                GtkPageSetup     **page_setup)
{
  g_autofree char *path = seg_print_operation_dup_settings_path ();
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  if (settings != NULL)
    *settings = NULL;
  if (page_setup != NULL)
    *page_setup = NULL;

  if (!g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_debug ("Ignoring the saved print settings: %s", error->message);
      return FALSE;
    }

  if (settings != NULL && g_key_file_has_group (key_file, SETTINGS_GROUP))
    *settings = gtk_print_settings_new_from_key_file (key_file, SETTINGS_GROUP, NULL);
  if (page_setup != NULL && g_key_file_has_group (key_file, PAGE_SETUP_GROUP))
    *page_setup = gtk_page_setup_new_from_key_file (key_file, PAGE_SETUP_GROUP, NULL);

  return TRUE;
}

/**
 * seg_print_operation_save_settings:
 *
 * Keeps the operation's print settings and page setup for the next one.
 */
gboolean
seg_print_operation_save_settings (SegPrintOperation  *self,
                                   GError            **error)
{
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);
  g_autofree char *path = seg_print_operation_dup_settings_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  GtkPrintSettings *settings;
  GtkPageSetup *setup;

  g_return_val_if_fail (SEG_IS_PRINT_OPERATION (self), FALSE);

  settings = gtk_print_operation_get_print_settings (operation);
  setup = gtk_print_operation_get_default_page_setup (operation);
  if (settings == NULL && setup == NULL)
    return TRUE;

  if (settings != NULL)
    gtk_print_settings_to_key_file (settings, key_file, SETTINGS_GROUP);
  if (setup != NULL)
    gtk_page_setup_to_key_file (setup, key_file, PAGE_SETUP_GROUP);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "%s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }

  return g_key_file_save_to_file (key_file, path, error);
}

/**
 * seg_print_operation_show_error:
 * @parent: (nullable): the window the dialog belongs to
 * @heading: what failed, in title case
 * @error: why; its message is shown as it is
 */
void
seg_print_operation_show_error (GtkWindow    *parent,
                                const char   *heading,
                                const GError *error)
{
  GtkWidget *dialog;

  g_return_if_fail (heading != NULL);
  g_return_if_fail (error != NULL);

  dialog = adw_message_dialog_new (parent, heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}
