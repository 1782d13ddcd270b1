/* seg-import-wizard-model.c — the state of the import wizard, without GTK
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The wizard's widgets bind to this model and call its verbs; everything the
 * wizard decides (which step comes next, why Next is disabled, whether the
 * dates need a question) is decided here, so that tests can walk through an
 * import without a display.  Reading a file, checking it and importing it
 * run in threads; the model only changes on the main thread.
 */

#define G_LOG_DOMAIN "seg-import-wizard"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "seg-csv-reader.h"
#include "seg-format.h"
#include "seg-import-wizard-model.h"
#include "seg-zip-reader.h"

/* How far the preview reads to tell day-first from month-first dates; the
 * importer reads further when the answer is still open (see check_done). */
#define DATE_SNIFF_ROWS 10000
/* A column that shows no date in this many rows is not a date column. */
#define DATE_GIVE_UP_ROWS 200

typedef struct
{
  SegImportMapping *mapping;
  GPtrArray        *members;   /* SegImportMapping *: a ZIP archive's files, or NULL */
  GArray           *dates;     /* SegDateColumn per column */
  GPtrArray        *examples;  /* char *: an ambiguous date per column, or NULL */
} LoadResult;

/* What a thread needs to read a file. */
typedef struct
{
  char *path;
  char *encoding;   /* NULL: sniffed */
  char  delimiter;  /* 0: sniffed */
} LoadRequest;

struct _SegImportWizardModel
{
  GObject                 parent_instance;

  SegStore               *store;
  GFile                  *file;
  char                   *file_name;
  SegImportMapping       *mapping;
  GPtrArray              *members;   /* a ZIP archive's files; mapping is the first */
  char                   *encoding_override;
  char                    delimiter_override;
  GArray                 *dates;
  GPtrArray              *examples;

  SegImportWizardStep     step;
  GCancellable           *cancellable;
  SegImporter            *importer;
  double                  progress;
  char                   *error;

  /* The column the date question is about, or -1. */
  int                     date_column;
  char                   *date_question;
  char                   *date_example;
  /* The check found an ambiguous column the preview had not seen. */
  char                   *ambiguous_from_check;

  char                   *blocker;

  SegImportSummary       *check_summary;
  SegImportSummary       *summary;
  SegImportWizardOutcome  outcome;

  guint                   busy : 1;
  guint                   can_continue : 1;
  guint                   needs_date_order : 1;
};

G_DEFINE_FINAL_TYPE (SegImportWizardModel, seg_import_wizard_model, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_STEP,
  PROP_STEP_TITLE,
  PROP_BUSY,
  PROP_PROGRESS,
  PROP_ERROR,
  PROP_FILE_NAME,
  PROP_MAPPING,
  PROP_NEEDS_DATE_ORDER,
  PROP_DATE_QUESTION,
  PROP_CAN_CONTINUE,
  PROP_BLOCKER,
  PROP_OUTCOME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
load_request_free (gpointer data)
{
  LoadRequest *request = data;

  g_free (request->path);
  g_free (request->encoding);
  g_free (request);
}

static void
load_result_free (gpointer data)
{
  LoadResult *result = data;

  g_clear_object (&result->mapping);
  g_clear_pointer (&result->members, g_ptr_array_unref);
  g_clear_pointer (&result->dates, g_array_unref);
  g_clear_pointer (&result->examples, g_ptr_array_unref);
  g_free (result);
}

static void
set_string (SegImportWizardModel  *self,
            char                 **field,
            const char            *value,
            guint                  prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  if (prop != PROP_0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_error (SegImportWizardModel *self,
           const char           *message)
{
  set_string (self, &self->error, message, PROP_ERROR);
}

static void
set_busy (SegImportWizardModel *self,
          gboolean              busy)
{
  if (self->busy == !!busy)
    return;
  self->busy = !!busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
set_progress (SegImportWizardModel *self,
              double                progress)
{
  progress = CLAMP (progress, 0.0, 1.0);
  if (self->progress == progress)
    return;
  self->progress = progress;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

static void
set_outcome (SegImportWizardModel   *self,
             SegImportWizardOutcome  outcome)
{
  if (self->outcome == outcome)
    return;
  self->outcome = outcome;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTCOME]);
}

/* The leading number of a date ("05" of "05/06/2024"). */
static char *
dup_first_number (const char *date)
{
  const char *s = date;
  const char *e;

  while (*s == ' ')
    s++;
  for (e = s; g_ascii_isdigit (*e); e++)
    ;
  return g_strndup (s, e - s);
}

/* Which column, mapped to a date field, fits both orders in what the
 * preview read; -1 when none. */
static int
find_ambiguous_column (SegImportWizardModel *self)
{
  guint n = seg_import_mapping_get_n_columns (self->mapping);

  for (guint c = 0; c < n; c++)
    {
      SegImportFieldId field = seg_import_mapping_get_column_field_id (self->mapping, c, NULL);

      if (!seg_import_field_get_info (field)->is_date)
        continue;
      if (self->ambiguous_from_check != NULL
          && g_strcmp0 (seg_import_mapping_get_column_name (self->mapping, c),
                        self->ambiguous_from_check) == 0)
        return c;
      if (self->dates != NULL && c < self->dates->len
          && g_array_index (self->dates, SegDateColumn, c) == SEG_DATE_COLUMN_AMBIGUOUS)
        return c;
    }

  return -1;
}

static void
update_date_question (SegImportWizardModel *self)
{
  gboolean needs = FALSE;
  g_autofree char *question = NULL;
  const char *example = NULL;
  int column = -1;

  /* The question stays on screen once answered, so the answer can change. */
  if (self->mapping != NULL)
    column = find_ambiguous_column (self);

  if (column >= 0)
    {
      const char *name = seg_import_mapping_get_column_name (self->mapping, column);
      g_autofree char *first = NULL;

      if (self->examples != NULL && (guint) column < self->examples->len)
        example = g_ptr_array_index (self->examples, column);
      if (example == NULL)
        example = "05/06/2024";
      first = dup_first_number (example);
      needs = seg_import_mapping_get_date_order (self->mapping) == SEG_DATE_ORDER_AUTO;
      /* Translators: the first %s is a date as the file writes it
       * ("05/06/2024"), the second the column's name, the third the date's
       * first number ("05"). */
      question = g_strdup_printf (_("Dates like %s in “%s”: is %s the day or the month?"),
                                  example, name, first);
    }

  self->date_column = column;
  set_string (self, &self->date_example, example, PROP_0);
  set_string (self, &self->date_question, question, PROP_DATE_QUESTION);
  if (self->needs_date_order != needs)
    {
      self->needs_date_order = needs;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEEDS_DATE_ORDER]);
    }
}

static void
update_state (SegImportWizardModel *self)
{
  g_autofree char *blocker = NULL;
  gboolean can = FALSE;

  update_date_question (self);

  switch (self->step)
    {
    case SEG_IMPORT_WIZARD_STEP_CHOOSE:
      can = self->mapping != NULL && !self->busy;
      if (!can)
        blocker = g_strdup (_("Choose the file to import."));
      break;

    case SEG_IMPORT_WIZARD_STEP_PREVIEW:
      can = self->mapping != NULL && !self->busy;
      for (guint i = 0; can && self->members != NULL && i < self->members->len; i++)
        {
          SegImportMapping *member = g_ptr_array_index (self->members, i);

          if (seg_import_mapping_get_preset (member) == SEG_IMPORT_PRESET_CUSTOM)
            {
              can = FALSE;
              blocker = g_strdup_printf (_("“%s” in this archive is not a known export, so "
                                           "its columns cannot be matched for you. Extract "
                                           "the archive and import these files one by one."),
                                         seg_import_mapping_get_member (member));
            }
        }
      break;

    case SEG_IMPORT_WIZARD_STEP_MAPPING:
      {
        g_autoptr(GError) error = NULL;

        if (!seg_import_mapping_validate (self->mapping, &error))
          blocker = g_strdup (error->message);
        else if (self->needs_date_order)
          blocker = g_strdup (_("Say whether the dates give the day or the month first."));
        else
          can = TRUE;
      }
      break;

    case SEG_IMPORT_WIZARD_STEP_CHECK:
      if (self->busy)
        blocker = g_strdup (_("Checking the file…"));
      else if (self->check_summary == NULL)
        blocker = g_strdup (_("The file could not be checked."));
      else if (self->check_summary->rows_read > 0
               && seg_import_summary_get_n_imported (self->check_summary) == 0)
        blocker = g_strdup (_("None of the rows can be imported. Go back and change the "
                              "mapping, or fix the file and choose it again."));
      else
        can = TRUE;
      break;

    case SEG_IMPORT_WIZARD_STEP_IMPORT:
      break;

    case SEG_IMPORT_WIZARD_STEP_SUMMARY:
      can = TRUE;
      break;

    case SEG_IMPORT_WIZARD_N_STEPS:
    default:
      g_assert_not_reached ();
    }

  set_string (self, &self->blocker, blocker, PROP_BLOCKER);
  if (self->can_continue != can)
    {
      self->can_continue = can;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_CONTINUE]);
    }
}

static void
set_step (SegImportWizardModel *self,
          SegImportWizardStep   step)
{
  if (self->step != step)
    {
      self->step = step;
      set_error (self, NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP_TITLE]);
    }
  update_state (self);
}

static void
mapping_changed_cb (SegImportWizardModel *self)
{
  update_state (self);
}

/* Runs in a thread: the preview rows, the preset, and how the dates of
 * the first rows read. */
static LoadResult *
load_file (const LoadRequest  *request,
           GCancellable       *cancellable,
           GError            **error)
{
  const char *path = request->path;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(SegImportMapping) mapping = NULL;
  g_autoptr(SegCsvReader) reader = NULL;
  g_autoptr(GArray) dates = NULL;
  g_autoptr(GPtrArray) examples = NULL;
  g_autofree SegDateSniffer *sniffers = NULL;
  g_autoptr(GError) local_error = NULL;
  LoadResult *result;
  guint n;
  guint rows = 0;

  if (seg_zip_path_is_zip (path))
    {
      /* A Mailchimp audience: every CSV file, each under its own preset. */
      members = seg_import_mapping_new_for_zip (path, request->encoding, request->delimiter,
                                                SEG_IMPORT_WIZARD_PREVIEW_ROWS, cancellable,
                                                error);
      if (members == NULL)
        return NULL;
      mapping = g_object_ref (g_ptr_array_index (members, 0));
    }
  else
    mapping = seg_import_mapping_new_for_path_full (path, NULL, request->encoding,
                                                    request->delimiter,
                                                    SEG_IMPORT_WIZARD_PREVIEW_ROWS,
                                                    cancellable, error);
  if (mapping == NULL)
    return NULL;

  n = seg_import_mapping_get_n_columns (mapping);
  dates = g_array_sized_new (FALSE, TRUE, sizeof (SegDateColumn), n);
  g_array_set_size (dates, n);
  examples = g_ptr_array_new_full (n, g_free);
  g_ptr_array_set_size (examples, n);
  sniffers = g_new0 (SegDateSniffer, n);

  /* The dates: a problem here is for the check to report, not the preview.
   * An archive's files are known exports, whose dates need no question. */
  reader = members == NULL ? seg_import_mapping_open_reader (mapping, NULL) : NULL;
  if (reader != NULL)
    {
      seg_csv_reader_set_delimiter (reader, seg_import_mapping_get_delimiter (mapping));
      if (seg_csv_reader_read_row (reader, cancellable, NULL))
        {
          while (rows < DATE_SNIFF_ROWS
                 && seg_csv_reader_read_row (reader, cancellable, &local_error))
            {
              gboolean open = FALSE;

              rows++;
              for (guint c = 0; c < n; c++)
                {
                  SegDateColumn before = seg_date_sniffer_get_result (&sniffers[c]);
                  guint n_both = sniffers[c].n_both;
                  const char *cell;

                  if (before == SEG_DATE_COLUMN_MONTH_FIRST
                      || before == SEG_DATE_COLUMN_DAY_FIRST
                      || (before == SEG_DATE_COLUMN_UNPARSEABLE && rows > DATE_GIVE_UP_ROWS))
                    continue;

                  cell = seg_csv_reader_get_field (reader, c);
                  seg_date_sniffer_add (&sniffers[c], cell);
                  if (sniffers[c].n_both > n_both && g_ptr_array_index (examples, c) == NULL)
                    g_ptr_array_index (examples, c) = g_strstrip (g_strdup (cell));
                  open = TRUE;
                }
              if (!open)
                break;
            }
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
        }
    }

  for (guint c = 0; c < n; c++)
    g_array_index (dates, SegDateColumn, c) = seg_date_sniffer_get_result (&sniffers[c]);

  result = g_new0 (LoadResult, 1);
  result->mapping = g_steal_pointer (&mapping);
  result->members = g_steal_pointer (&members);
  result->dates = g_steal_pointer (&dates);
  result->examples = g_steal_pointer (&examples);
  return result;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  LoadResult *result = load_file (task_data, cancellable, &error);


  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, load_result_free);
}

static void
take_load_result (SegImportWizardModel *self,
                  LoadResult           *result)
{
  if (self->mapping != NULL)
    g_signal_handlers_disconnect_by_data (self->mapping, self);
  g_clear_object (&self->mapping);
  g_clear_pointer (&self->members, g_ptr_array_unref);
  g_clear_pointer (&self->dates, g_array_unref);
  g_clear_pointer (&self->examples, g_ptr_array_unref);
  g_clear_pointer (&self->ambiguous_from_check, g_free);
  g_clear_pointer (&self->check_summary, seg_import_summary_free);
  g_clear_pointer (&self->summary, seg_import_summary_free);
  set_outcome (self, SEG_IMPORT_WIZARD_OUTCOME_NONE);

  self->mapping = g_steal_pointer (&result->mapping);
  self->members = g_steal_pointer (&result->members);
  self->dates = g_steal_pointer (&result->dates);
  self->examples = g_steal_pointer (&result->examples);
  load_result_free (result);

  g_signal_connect_swapped (self->mapping, "column-changed",
                            G_CALLBACK (mapping_changed_cb), self);
  g_signal_connect_swapped (self->mapping, "notify::date-order",
                            G_CALLBACK (mapping_changed_cb), self);
  g_signal_connect_swapped (self->mapping, "notify::preset",
                            G_CALLBACK (mapping_changed_cb), self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAPPING]);
}

static void
set_file (SegImportWizardModel *self,
          GFile                *file)
{
  g_autofree char *name = NULL;

  g_set_object (&self->file, file);
  if (file != NULL)
    {
      g_autofree char *path = g_file_get_path (file);

      name = path != NULL ? g_filename_display_basename (path) : g_file_get_basename (file);
    }
  set_string (self, &self->file_name, name, PROP_FILE_NAME);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SegImportWizardModel *self = SEG_IMPORT_WIZARD_MODEL (object);
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  LoadResult *loaded = g_task_propagate_pointer (G_TASK (result), &error);

  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);

  if (loaded == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_error (self, error->message);
      update_state (self);
      g_task_return_error (task, error);
      return;
    }

  take_load_result (self, loaded);
  set_step (self, SEG_IMPORT_WIZARD_STEP_PREVIEW);
  g_task_return_boolean (task, TRUE);
}

static void
importer_progress_cb (double   fraction,
                      gpointer user_data)
{
  set_progress (SEG_IMPORT_WIZARD_MODEL (user_data), fraction);
}

static void
check_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SegImportWizardModel) self = user_data;
  g_autoptr(GError) error = NULL;
  SegImporter *importer = SEG_IMPORTER (object);
  gboolean ok = seg_importer_run_finish (importer, result, &error);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->check_summary, seg_import_summary_free);
  if (ok)
    self->check_summary = seg_import_summary_copy (seg_importer_get_summary (importer));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
           && !g_error_matches (error, SEG_IMPORT_ERROR, SEG_IMPORT_ERROR_AMBIGUOUS_DATES))
    /* Before busy goes off: the Check step shows the error with it. */
    set_error (self, error->message);
  g_clear_object (&self->importer);
  set_busy (self, FALSE);

  if (ok)
    {
      update_state (self);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      set_step (self, SEG_IMPORT_WIZARD_STEP_MAPPING);
      return;
    }

  if (g_error_matches (error, SEG_IMPORT_ERROR, SEG_IMPORT_ERROR_AMBIGUOUS_DATES))
    {
      /* The rows past the preview left the dates open: ask where the
       * mapping is chosen. */
      g_free (self->ambiguous_from_check);
      self->ambiguous_from_check = g_strdup (seg_importer_get_ambiguous_column (importer));
      set_step (self, SEG_IMPORT_WIZARD_STEP_MAPPING);
      return;
    }

  update_state (self);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SegImportWizardModel) self = user_data;
  g_autoptr(GError) error = NULL;
  SegImporter *importer = SEG_IMPORTER (object);
  gboolean ok = seg_importer_run_finish (importer, result, &error);
  const SegImportSummary *summary = seg_importer_get_summary (importer);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->summary, seg_import_summary_free);
  if (summary != NULL)
    self->summary = seg_import_summary_copy (summary);
  g_clear_object (&self->importer);
  set_busy (self, FALSE);

  if (ok)
    {
      set_outcome (self, SEG_IMPORT_WIZARD_OUTCOME_IMPORTED);
      set_step (self, SEG_IMPORT_WIZARD_STEP_SUMMARY);
      seg_store_emit_changed (self->store);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      set_outcome (self, SEG_IMPORT_WIZARD_OUTCOME_CANCELLED);
      set_step (self, SEG_IMPORT_WIZARD_STEP_SUMMARY);
    }
  else
    {
      set_outcome (self, SEG_IMPORT_WIZARD_OUTCOME_FAILED);
      set_step (self, SEG_IMPORT_WIZARD_STEP_SUMMARY);
      /* After set_step(), which clears the error of the step it leaves. */
      set_error (self, error->message);
    }
}

/* All of an archive's files in one transaction, or the one file. */
static SegImporter *
new_importer (SegImportWizardModel *self)
{
  if (self->members != NULL)
    return seg_importer_new_for_mappings (self->store,
                                          (SegImportMapping **) self->members->pdata,
                                          self->members->len);
  return seg_importer_new (self->store, self->mapping);
}

static void
start_run (SegImportWizardModel *self,
           SegImportMode         mode)
{
  g_assert (self->importer == NULL);

  self->importer = new_importer (self);
  seg_importer_set_mode (self->importer, mode);
  self->cancellable = g_cancellable_new ();
  set_progress (self, 0.0);
  set_error (self, NULL);
  set_busy (self, TRUE);
  update_state (self);

  seg_importer_run_async (self->importer, self->cancellable,
                          importer_progress_cb, g_object_ref (self), g_object_unref,
                          mode == SEG_IMPORT_MODE_CHECK ? check_done_cb : import_done_cb,
                          g_object_ref (self));
}

static void
seg_import_wizard_model_dispose (GObject *object)
{
  SegImportWizardModel *self = (SegImportWizardModel *) object;

  g_cancellable_cancel (self->cancellable);
  if (self->mapping != NULL)
    g_signal_handlers_disconnect_by_data (self->mapping, self);

  G_OBJECT_CLASS (seg_import_wizard_model_parent_class)->dispose (object);
}

static void
seg_import_wizard_model_finalize (GObject *object)
{
  SegImportWizardModel *self = (SegImportWizardModel *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->file);
  g_clear_object (&self->mapping);
  g_clear_pointer (&self->members, g_ptr_array_unref);
  g_free (self->encoding_override);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->importer);
  g_clear_pointer (&self->dates, g_array_unref);
  g_clear_pointer (&self->examples, g_ptr_array_unref);
  g_clear_pointer (&self->check_summary, seg_import_summary_free);
  g_clear_pointer (&self->summary, seg_import_summary_free);
  g_free (self->file_name);
  g_free (self->error);
  g_free (self->date_question);
  g_free (self->date_example);
  g_free (self->ambiguous_from_check);
  g_free (self->blocker);

  G_OBJECT_CLASS (seg_import_wizard_model_parent_class)->finalize (object);
}

static void
seg_import_wizard_model_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  SegImportWizardModel *self = SEG_IMPORT_WIZARD_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_STEP:
      g_value_set_uint (value, self->step);
      break;
    case PROP_STEP_TITLE:
      g_value_set_string (value, seg_import_wizard_model_get_step_title (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    case PROP_FILE_NAME:
      g_value_set_string (value, self->file_name);
      break;
    case PROP_MAPPING:
      g_value_set_object (value, self->mapping);
      break;
    case PROP_NEEDS_DATE_ORDER:
      g_value_set_boolean (value, self->needs_date_order);
      break;
    case PROP_DATE_QUESTION:
      g_value_set_string (value, self->date_question);
      break;
    case PROP_CAN_CONTINUE:
      g_value_set_boolean (value, self->can_continue);
      break;
    case PROP_BLOCKER:
      g_value_set_string (value, self->blocker);
      break;
    case PROP_OUTCOME:
      g_value_set_uint (value, self->outcome);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_import_wizard_model_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  SegImportWizardModel *self = SEG_IMPORT_WIZARD_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_import_wizard_model_class_init (SegImportWizardModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = seg_import_wizard_model_dispose;
  object_class->finalize = seg_import_wizard_model_finalize;
  object_class->get_property = seg_import_wizard_model_get_property;
  object_class->set_property = seg_import_wizard_model_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SEG_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* A SegImportWizardStep. */
  properties[PROP_STEP] =
    g_param_spec_uint ("step", NULL, NULL, 0, SEG_IMPORT_WIZARD_N_STEPS - 1, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STEP_TITLE] =
    g_param_spec_string ("step-title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE_NAME] =
    g_param_spec_string ("file-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAPPING] =
    g_param_spec_object ("mapping", NULL, NULL, SEG_TYPE_IMPORT_MAPPING,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEEDS_DATE_ORDER] =
    g_param_spec_boolean ("needs-date-order", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATE_QUESTION] =
    g_param_spec_string ("date-question", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_CONTINUE] =
    g_param_spec_boolean ("can-continue", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BLOCKER] =
    g_param_spec_string ("blocker", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* A SegImportWizardOutcome. */
  properties[PROP_OUTCOME] =
    g_param_spec_uint ("outcome", NULL, NULL, 0, SEG_IMPORT_WIZARD_OUTCOME_FAILED, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
seg_import_wizard_model_init (SegImportWizardModel *self)
{
  self->date_column = -1;
  update_state (self);
}

/**
 * seg_import_wizard_model_new:
 * @store: the store to import into
 *
 * Returns: (transfer full): a wizard at its first step
 */
SegImportWizardModel *
seg_import_wizard_model_new (SegStore *store)
{
  g_return_val_if_fail (SEG_IS_STORE (store), NULL);

  return g_object_new (SEG_TYPE_IMPORT_WIZARD_MODEL, "store", store, NULL);
}

SegStore *
seg_import_wizard_model_get_store (SegImportWizardModel *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (self), NULL);
  return self->store;
}

SegImportWizardStep
seg_import_wizard_model_get_step (SegImportWizardModel *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (self), 0);
  return self->step;
}

const char *
seg_import_wizard_model_get_step_title (SegImportWizardModel *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (self), NULL);

  switch (self->step)
    {
    case SEG_IMPORT_WIZARD_STEP_CHOOSE:
      return _("Choose a File");
    case SEG_IMPORT_WIZARD_STEP_PREVIEW:
      return _("Preview");
    case SEG_IMPORT_WIZARD_STEP_MAPPING:
      return _("Columns");
    case SEG_IMPORT_WIZARD_STEP_CHECK:
      return _("Check");
    case SEG_IMPORT_WIZARD_STEP_IMPORT:
      return _("Importing");
    case SEG_IMPORT_WIZARD_STEP_SUMMARY:
      return _("Summary");
    case SEG_IMPORT_WIZARD_N_STEPS:
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
seg_import_wizard_model_get_busy (SegImportWizardModel *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (self), FALSE);
  return self->busy;
}

double
seg_import_wizard_model_get_progress (SegImportWizardModel *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (self), 0.0);
  return self->progress;
}

const char *
seg_import_wizard_model_get_error (SegImportWizardModel *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (self), NULL);
  return self->error;
}

static LoadRequest *
new_request (SegImportWizardModel *self,
             const char           *path)
{
  LoadRequest *request = g_new0 (LoadRequest, 1);

  request->path = g_strdup (path);
  request->encoding = g_strdup (self->encoding_override);
  request->delimiter = self->delimiter_override;
  return request;
}

/**
 * seg_import_wizard_model_load_async:
 * @file: the export to import
 *
 * Reads the file's first rows in a thread and moves to the Preview step;
 * on failure the error property holds the reader's message (which names the
 * file, line and column) and the step stays at Choose.
 */
void
seg_import_wizard_model_load_async (SegImportWizardModel *self,
                                    GFile                *file,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (self));
  g_return_if_fail (G_IS_FILE (file));

  outer = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (outer, seg_import_wizard_model_load_async);

  if (self->busy)
    {
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_BUSY,
                               _("The wizard is still busy with the previous file."));
      return;
    }

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not a local file. Copy it to your computer first."), uri);

      set_error (self, message);
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s", message);
      return;
    }

  /* A new file is read as it is; the same file again (the preview's
   * encoding or delimiter changed) keeps the step and the overrides. */
  if (self->file == NULL || !g_file_equal (self->file, file))
    {
      g_clear_pointer (&self->encoding_override, g_free);
      self->delimiter_override = 0;
      set_step (self, SEG_IMPORT_WIZARD_STEP_CHOOSE);
    }
  set_file (self, file);
  set_error (self, NULL);
  set_busy (self, TRUE);
  update_state (self);
  self->cancellable = g_cancellable_new ();

  task = g_task_new (self, self->cancellable, load_done_cb, g_steal_pointer (&outer));
  g_task_set_task_data (task, new_request (self, path), load_request_free);
  g_task_run_in_thread (task, load_thread);
}

gboolean
seg_import_wizard_model_load_finish (SegImportWizardModel *self,
                                     GAsyncResult         *result,
                                     GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * seg_import_wizard_model_load:
 *
 * As seg_import_wizard_model_load_async(), on this thread.
 */
gboolean
seg_import_wizard_model_load (SegImportWizardModel *self,
                              GFile                *file,
                              GError              **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;
  LoadResult *result;

  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (!self->busy, FALSE);

  path = g_file_get_path (file);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->file == NULL || !g_file_equal (self->file, file))
    {
      g_clear_pointer (&self->encoding_override, g_free);
      self->delimiter_override = 0;
      set_step (self, SEG_IMPORT_WIZARD_STEP_CHOOSE);
    }
  set_file (self, file);
  {
    LoadRequest *request = new_request (self, path);

    result = load_file (request, NULL, &local_error);
    load_request_free (request);
  }
  if (result == NULL)
    {
      set_error (self, local_error->message);
      update_state (self);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  take_load_result (self, result);
  set_step (self, SEG_IMPORT_WIZARD_STEP_PREVIEW);
  return TRUE;
}

GFile *
seg_import_wizard_model_get_file (SegImportWizardModel *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (self), NULL);
  return self->file;
}

const char *
seg_import_wizard_model_get_file_name (SegImportWizardModel *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (self), NULL);
  return self->file_name;
}

SegImportMapping *
seg_import_wizard_model_get_mapping (SegImportWizardModel *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (self), NULL);
  return self->mapping;
}

char *
seg_import_wizard_model_dup_format_description (SegImportWizardModel *self)
{
  SegImportPreset preset;

  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (self), NULL);

  if (self->mapping == NULL)
    return NULL;

  preset = seg_import_mapping_get_preset (self->mapping);
  if (preset == SEG_IMPORT_PRESET_CUSTOM)
    return g_strdup (_("Not a known export: you choose what each column holds"));

  /* Translators: %s is the name of a known export, "Shopify orders". */
  return g_strdup_printf (_("%s export"), seg_import_preset_get_label (preset));
}

const char *
seg_import_wizard_model_get_delimiter_label (SegImportWizardModel *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (self), NULL);

  if (self->mapping == NULL)
    return NULL;

  switch (seg_import_mapping_get_delimiter (self->mapping))
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

char *
seg_import_wizard_model_dup_samples (SegImportWizardModel *self,
                                     guint                 column,
                                     guint                 n)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint found = 0;

  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (self), NULL);

  if (self->mapping == NULL)
    return g_strdup ("");

  for (guint row = 0;
       row < seg_import_mapping_get_n_sample_rows (self->mapping) && found < n;
       row++)
    {
      const char *cell = seg_import_mapping_get_sample (self->mapping, row, column);
      g_autofree char *one_line = NULL;

      if (cell == NULL || *cell == '\0')
        continue;
      one_line = g_strdup (cell);
      g_strdelimit (one_line, "\r\n\t", ' ');
      if (g_utf8_strlen (one_line, -1) > 40)
        {
          char *cut = g_utf8_offset_to_pointer (one_line, 39);

          strcpy (cut, "…");
        }
      if (found > 0)
        g_string_append (text, " · ");
      g_string_append (text, one_line);
      found++;
    }

  if (found == 0)
    return g_strdup (_("Empty in the first rows"));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
seg_import_wizard_model_set_preset (SegImportWizardModel *self,
                                    SegImportPreset       preset)
{
  g_return_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (self));
  g_return_if_fail (self->mapping != NULL);
  g_return_if_fail (!self->busy);

  seg_import_mapping_set_preset (self->mapping, preset);
  update_state (self);
}

gboolean
seg_import_wizard_model_get_needs_date_order (SegImportWizardModel *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (self), FALSE);
  return self->needs_date_order;
}

const char *
seg_import_wizard_model_get_date_question (SegImportWizardModel *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (self), NULL);
  return self->date_question;
}

const char *
seg_import_wizard_model_get_date_example (SegImportWizardModel *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (self), NULL);
  return self->date_example;
}

/**
 * seg_import_wizard_model_set_date_order:
 *
 * Answers the date question; %SEG_DATE_ORDER_AUTO asks again.
 */
void
seg_import_wizard_model_set_date_order (SegImportWizardModel *self,
                                        SegDateOrder          order)
{
  g_return_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (self));
  g_return_if_fail (self->mapping != NULL);
  g_return_if_fail (!self->busy);

  seg_import_mapping_set_date_order (self->mapping, order);
  update_state (self);
}

gboolean
seg_import_wizard_model_get_can_continue (SegImportWizardModel *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (self), FALSE);
  return self->can_continue;
}

const char *
seg_import_wizard_model_get_blocker (SegImportWizardModel *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (self), NULL);
  return self->blocker;
}

gboolean
seg_import_wizard_model_save_mapping (SegImportWizardModel  *self,
                                      const char            *name,
                                      GError               **error)
{
  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (self), FALSE);
  g_return_val_if_fail (self->mapping != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return seg_import_mapping_save (self->mapping, seg_store_get_db (self->store), name, error);
}

gboolean
seg_import_wizard_model_use_mapping (SegImportWizardModel  *self,
                                     const char            *name,
                                     GError               **error)
{
  gboolean ok;

  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (self), FALSE);
  g_return_val_if_fail (self->mapping != NULL, FALSE);
  g_return_val_if_fail (!self->busy, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  ok = seg_import_mapping_load (self->mapping, seg_store_get_db (self->store), name, error);
  update_state (self);
  return ok;
}

/**
 * seg_import_wizard_model_list_mappings:
 *
 * Returns: (transfer full): the saved mappings' names, maybe empty
 */
GStrv
seg_import_wizard_model_list_mappings (SegImportWizardModel *self)
{
  g_autoptr(GError) error = NULL;
  GStrv names;

  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (self), NULL);

  names = seg_import_mapping_list_saved (seg_store_get_db (self->store), &error);
  if (names == NULL)
    {
      if (error != NULL)
        g_warning ("Could not list the saved mappings: %s", error->message);
      names = g_new0 (char *, 1);
    }
  return names;
}

/**
 * seg_import_wizard_model_next:
 *
 * Moves on: Preview → Columns → Check (starting the dry run) → Import
 * (starting the import).  The Import step moves to Summary by itself.
 *
 * Returns: whether the step changed
 */
gboolean
seg_import_wizard_model_next (SegImportWizardModel *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (self), FALSE);

  update_state (self);
  if (!self->can_continue || self->busy)
    return FALSE;

  switch (self->step)
    {
    case SEG_IMPORT_WIZARD_STEP_CHOOSE:
      set_step (self, SEG_IMPORT_WIZARD_STEP_PREVIEW);
      return TRUE;

    case SEG_IMPORT_WIZARD_STEP_PREVIEW:
      if (self->members == NULL)
        {
          set_step (self, SEG_IMPORT_WIZARD_STEP_MAPPING);
          return TRUE;
        }
      /* An archive's files are known exports: their columns map themselves. */
      G_GNUC_FALLTHROUGH;

    case SEG_IMPORT_WIZARD_STEP_MAPPING:
      g_clear_pointer (&self->check_summary, seg_import_summary_free);
      set_step (self, SEG_IMPORT_WIZARD_STEP_CHECK);
      start_run (self, SEG_IMPORT_MODE_CHECK);
      return TRUE;

    case SEG_IMPORT_WIZARD_STEP_CHECK:
      g_clear_pointer (&self->summary, seg_import_summary_free);
      set_outcome (self, SEG_IMPORT_WIZARD_OUTCOME_NONE);
      set_step (self, SEG_IMPORT_WIZARD_STEP_IMPORT);
      start_run (self, SEG_IMPORT_MODE_IMPORT);
      return TRUE;

    case SEG_IMPORT_WIZARD_STEP_IMPORT:
    case SEG_IMPORT_WIZARD_STEP_SUMMARY:
      return FALSE;

    case SEG_IMPORT_WIZARD_N_STEPS:
    default:
      g_return_val_if_reached (FALSE);
    }
}

/**
 * seg_import_wizard_model_back:
 *
 * Returns: whether the step changed (never while something runs, nor once
 *   the import went through)
 */
gboolean
seg_import_wizard_model_back (SegImportWizardModel *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (self), FALSE);

  if (self->busy)
    return FALSE;

  switch (self->step)
    {
    case SEG_IMPORT_WIZARD_STEP_PREVIEW:
      set_step (self, SEG_IMPORT_WIZARD_STEP_CHOOSE);
      return TRUE;
    case SEG_IMPORT_WIZARD_STEP_MAPPING:
      set_step (self, SEG_IMPORT_WIZARD_STEP_PREVIEW);
      return TRUE;
    case SEG_IMPORT_WIZARD_STEP_CHECK:
      set_step (self, self->members != NULL ? SEG_IMPORT_WIZARD_STEP_PREVIEW
                                            : SEG_IMPORT_WIZARD_STEP_MAPPING);
      return TRUE;
    case SEG_IMPORT_WIZARD_STEP_SUMMARY:
      if (self->outcome == SEG_IMPORT_WIZARD_OUTCOME_IMPORTED)
        return FALSE;
      set_step (self, SEG_IMPORT_WIZARD_STEP_CHECK);
      return TRUE;
    case SEG_IMPORT_WIZARD_STEP_CHOOSE:
    case SEG_IMPORT_WIZARD_STEP_IMPORT:
      return FALSE;
    case SEG_IMPORT_WIZARD_N_STEPS:
    default:
      g_return_val_if_reached (FALSE);
    }
}

gboolean
seg_import_wizard_model_cancel (SegImportWizardModel *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (self), FALSE);

  if (!self->busy || self->cancellable == NULL)
    return FALSE;

  g_cancellable_cancel (self->cancellable);
  return TRUE;
}

const SegImportSummary *
seg_import_wizard_model_get_check_summary (SegImportWizardModel *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (self), NULL);
  return self->check_summary;
}

const SegImportSummary *
seg_import_wizard_model_get_summary (SegImportWizardModel *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (self), NULL);
  return self->summary;
}

SegImportWizardOutcome
seg_import_wizard_model_get_outcome (SegImportWizardModel *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (self), 0);
  return self->outcome;
}

char *
seg_import_wizard_model_dup_check_headline (SegImportWizardModel *self)
{
  const SegImportSummary *s;
  g_autofree char *fine = NULL;
  g_autofree char *warnings = NULL;
  g_autofree char *errors = NULL;
  g_autofree char *n_fine = NULL;
  g_autofree char *n_warnings = NULL;
  g_autofree char *n_errors = NULL;
  guint64 imported;

  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (self), NULL);

  s = self->check_summary;
  if (s == NULL)
    return NULL;

  imported = seg_import_summary_get_n_imported (s);
  n_fine = seg_format_count (imported);
  n_warnings = seg_format_count (s->n_warnings);
  n_errors = seg_format_count (s->rows_skipped);
  fine = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s row fine", "%s rows fine",
                                       imported), n_fine);
  warnings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s warning", "%s warnings",
                                           s->n_warnings), n_warnings);
  errors = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s error", "%s errors",
                                         s->rows_skipped), n_errors);

  /* Translators: "1,228 rows fine, 3 warnings, 2 errors". */
  return g_strdup_printf (_("%s, %s, %s"), fine, warnings, errors);
}

gboolean
seg_import_wizard_model_export_problems (SegImportWizardModel  *self,
                                         GFile                 *file,
                                         GError               **error)
{
  const SegImportSummary *summary;
  g_autofree char *csv = NULL;

  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  summary = self->check_summary != NULL ? self->check_summary : self->summary;
  if (summary == NULL)
    {
      g_set_error_literal (error, SEG_IMPORT_ERROR, SEG_IMPORT_ERROR_FAILED,
                           _("Check the file first: there are no problems to export yet."));
      return FALSE;
    }

  csv = seg_import_summary_to_csv (summary);
  return g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}

char *
seg_import_wizard_model_dup_result_message (SegImportWizardModel *self)
{
  const SegImportSummary *s;
  g_autofree char *count = NULL;
  guint64 n;

  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (self), NULL);

  s = self->summary;
  if (s == NULL || self->outcome != SEG_IMPORT_WIZARD_OUTCOME_IMPORTED)
    return NULL;

  switch (seg_import_mapping_get_target (self->mapping))
    {
    case SEG_IMPORT_TARGET_ORDERS:
      n = s->orders_added + s->orders_updated + s->orders_unchanged;
      count = seg_format_count (n);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %s order from %s",
                                           "Imported %s orders from %s", n),
                              count, s->file_name);
    case SEG_IMPORT_TARGET_CHECKOUTS:
      n = s->checkouts_added + s->checkouts_updated;
      count = seg_format_count (n);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Imported %s abandoned checkout from %s",
                                           "Imported %s abandoned checkouts from %s", n),
                              count, s->file_name);
    case SEG_IMPORT_TARGET_CAMPAIGN_RESULTS:
      n = s->campaign_rows;
      count = seg_format_count (n);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Imported %s campaign result from %s",
                                           "Imported %s campaign results from %s", n),
                              count, s->file_name);
    case SEG_IMPORT_TARGET_CUSTOMERS:
    default:
      n = seg_import_summary_get_n_imported (s);
      count = seg_format_count (n);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %s customer from %s",
                                           "Imported %s customers from %s", n),
                              count, s->file_name);
    }
}

/**
 * seg_import_wizard_model_apply:
 *
 * Imports the loaded file with the current mapping, blocking; the Summary
 * step's state (summary, outcome) is set as after the Import step.
 */
gboolean
seg_import_wizard_model_apply (SegImportWizardModel  *self,
                               GCancellable          *cancellable,
                               GError               **error)
{
  g_autoptr(SegImporter) importer = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (self), FALSE);
  g_return_val_if_fail (!self->busy, FALSE);

  if (self->mapping == NULL)
    {
      g_set_error_literal (error, SEG_IMPORT_ERROR, SEG_IMPORT_ERROR_FAILED,
                           _("Choose the file to import."));
      return FALSE;
    }

  importer = new_importer (self);
  ok = seg_importer_run (importer, cancellable, NULL, NULL, &local_error);
  g_clear_pointer (&self->summary, seg_import_summary_free);
  if (seg_importer_get_summary (importer) != NULL)
    self->summary = seg_import_summary_copy (seg_importer_get_summary (importer));

  if (ok)
    {
      set_outcome (self, SEG_IMPORT_WIZARD_OUTCOME_IMPORTED);
      seg_store_emit_changed (self->store);
    }
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_outcome (self, SEG_IMPORT_WIZARD_OUTCOME_CANCELLED);
  else
    set_outcome (self, SEG_IMPORT_WIZARD_OUTCOME_FAILED);
  set_step (self, SEG_IMPORT_WIZARD_STEP_SUMMARY);

  if (!ok)
    {
      set_error (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return ok;
}

/**
 * seg_import_wizard_model_get_members:
 *
 * Returns: (transfer none) (nullable) (element-type SegImportMapping): the
 *   CSV files of the chosen ZIP archive, all imported together; %NULL for a
 *   CSV file
 */
GPtrArray *
seg_import_wizard_model_get_members (SegImportWizardModel *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (self), NULL);
  return self->members;
}

/**
 * seg_import_wizard_model_dup_member_description:
 *
 * Returns: (transfer full): "Mailchimp audience export · unsubscribed
 *   members" for an archive's file @index
 */
char *
seg_import_wizard_model_dup_member_description (SegImportWizardModel *self,
                                                guint                 index)
{
  SegImportMapping *member;
  SegImportPreset preset;
  const char *status;

  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (self), NULL);
  g_return_val_if_fail (self->members != NULL && index < self->members->len, NULL);

  member = g_ptr_array_index (self->members, index);
  preset = seg_import_mapping_get_preset (member);
  if (preset == SEG_IMPORT_PRESET_CUSTOM)
    return g_strdup (_("Not a known export"));

  status = seg_import_preset_get_implied_email_status (preset,
                                                       seg_import_mapping_get_header (member),
                                                       seg_import_mapping_get_n_columns (member));
  if (g_strcmp0 (status, "subscribed") == 0)
    /* Translators: %s is the name of a known export, "Mailchimp audience". */
    return g_strdup_printf (_("%s export · subscribed members"),
                            seg_import_preset_get_label (preset));
  if (g_strcmp0 (status, "unsubscribed") == 0)
    return g_strdup_printf (_("%s export · unsubscribed members"),
                            seg_import_preset_get_label (preset));
  if (g_strcmp0 (status, "cleaned") == 0)
    return g_strdup_printf (_("%s export · cleaned addresses"),
                            seg_import_preset_get_label (preset));
  return g_strdup_printf (_("%s export"), seg_import_preset_get_label (preset));
}

const char *
seg_import_wizard_model_get_encoding_override (SegImportWizardModel *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (self), NULL);
  return self->encoding_override;
}

char
seg_import_wizard_model_get_delimiter_override (SegImportWizardModel *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (self), 0);
  return self->delimiter_override;
}

/**
 * seg_import_wizard_model_set_read_options:
 * @encoding: (nullable): the encoding to read the file in
 *   (seg_csv_reader_set_encoding()), or %NULL to sniff it
 * @delimiter: the delimiter, or 0 to sniff it
 * @callback: (nullable): called when the preview was read again
 *
 * Reads the loaded file again with these overrides (in a thread); the
 * preview and the mapping are rebuilt, the step stays.
 */
void
seg_import_wizard_model_set_read_options (SegImportWizardModel *self,
                                          const char           *encoding,
                                          char                  delimiter,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data)
{
  g_return_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (self));
  g_return_if_fail (self->file != NULL);
  g_return_if_fail (encoding == NULL || seg_csv_reader_lookup_encoding (encoding) != NULL);

  g_free (self->encoding_override);
  self->encoding_override = g_strdup (encoding != NULL
                                      ? seg_csv_reader_lookup_encoding (encoding) : NULL);
  self->delimiter_override = delimiter;
  seg_import_wizard_model_load_async (self, self->file, callback, user_data);
}
