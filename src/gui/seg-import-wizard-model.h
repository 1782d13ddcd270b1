/* seg-import-wizard-model.h — the state of the import wizard, without GTK
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seg-import-mapping.h"
#include "seg-importer.h"
#include "seg-store.h"

G_BEGIN_DECLS

typedef enum
{
  SEG_IMPORT_WIZARD_STEP_CHOOSE,
  SEG_IMPORT_WIZARD_STEP_PREVIEW,
  SEG_IMPORT_WIZARD_STEP_MAPPING,
  SEG_IMPORT_WIZARD_STEP_CHECK,
  SEG_IMPORT_WIZARD_STEP_IMPORT,
  SEG_IMPORT_WIZARD_STEP_SUMMARY,
  SEG_IMPORT_WIZARD_N_STEPS
} SegImportWizardStep;

/* How the Import step ended (shown on the Summary step). */
typedef enum
{
  SEG_IMPORT_WIZARD_OUTCOME_NONE,
  SEG_IMPORT_WIZARD_OUTCOME_IMPORTED,
  SEG_IMPORT_WIZARD_OUTCOME_CANCELLED,
  SEG_IMPORT_WIZARD_OUTCOME_FAILED,
} SegImportWizardOutcome;

/* Rows the preview shows. */
#define SEG_IMPORT_WIZARD_PREVIEW_ROWS 20

#define SEG_TYPE_IMPORT_WIZARD_MODEL (seg_import_wizard_model_get_type ())

G_DECLARE_FINAL_TYPE (SegImportWizardModel, seg_import_wizard_model, SEG, IMPORT_WIZARD_MODEL, GObject)

SegImportWizardModel   *seg_import_wizard_model_new              (SegStore             *store);

SegStore               *seg_import_wizard_model_get_store        (SegImportWizardModel *self);
SegImportWizardStep     seg_import_wizard_model_get_step         (SegImportWizardModel *self);
const char             *seg_import_wizard_model_get_step_title   (SegImportWizardModel *self);
gboolean                seg_import_wizard_model_get_busy         (SegImportWizardModel *self);
double                  seg_import_wizard_model_get_progress     (SegImportWizardModel *self);
/* The last failure of the current step, for the store owner; or NULL. */
const char             *seg_import_wizard_model_get_error        (SegImportWizardModel *self);

/* Choose */
void                    seg_import_wizard_model_load_async       (SegImportWizardModel *self,
                                                                  GFile                *file,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
gboolean                seg_import_wizard_model_load_finish      (SegImportWizardModel *self,
                                                                  GAsyncResult         *result,
                                                                  GError              **error);
gboolean                seg_import_wizard_model_load             (SegImportWizardModel *self,
                                                                  GFile                *file,
                                                                  GError              **error);
GFile                  *seg_import_wizard_model_get_file         (SegImportWizardModel *self);
/* "orders_export.csv" */
const char             *seg_import_wizard_model_get_file_name    (SegImportWizardModel *self);

/* Preview and mapping; NULL before a file is loaded. */
SegImportMapping       *seg_import_wizard_model_get_mapping      (SegImportWizardModel *self);
/* "Shopify orders export" or "Not a known export: …" */
char                   *seg_import_wizard_model_dup_format_description (SegImportWizardModel *self);
/* "Comma", "Semicolon", "Tab", "Vertical bar" */
const char             *seg_import_wizard_model_get_delimiter_label (SegImportWizardModel *self);
/* The sample cells as "a · b · c" for a column's subtitle (first @n). */
char                   *seg_import_wizard_model_dup_samples      (SegImportWizardModel *self,
                                                                  guint                 column,
                                                                  guint                 n);
void                    seg_import_wizard_model_set_preset       (SegImportWizardModel *self,
                                                                  SegImportPreset       preset);

/* A ZIP archive (a Mailchimp audience): its CSV files, imported together in
 * one transaction; get_mapping() is the first.  NULL for a CSV file. */
GPtrArray              *seg_import_wizard_model_get_members      (SegImportWizardModel *self);
/* "Mailchimp audience export · unsubscribed members" */
char                   *seg_import_wizard_model_dup_member_description
                                                                 (SegImportWizardModel *self,
                                                                  guint                 index);

/* The preview's encoding and delimiter overrides (NULL / 0: sniffed).
 * Setting them reads the file again in a thread, staying on the step. */
const char             *seg_import_wizard_model_get_encoding_override (SegImportWizardModel *self);
char                    seg_import_wizard_model_get_delimiter_override (SegImportWizardModel *self);
void                    seg_import_wizard_model_set_read_options (SegImportWizardModel *self,
                                                                  const char           *encoding,
                                                                  char                  delimiter,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);

/* A date column fits day-first and month-first: ask. */
gboolean                seg_import_wizard_model_get_needs_date_order (SegImportWizardModel *self);
/* "Dates like 05/06/2024 in “Signed up”: is 05 the day or the month?" */
const char             *seg_import_wizard_model_get_date_question (SegImportWizardModel *self);
const char             *seg_import_wizard_model_get_date_example (SegImportWizardModel *self);
void                    seg_import_wizard_model_set_date_order   (SegImportWizardModel *self,
                                                                  SegDateOrder          order);

/* May the wizard go on?  If not, get_blocker() says why. */
gboolean                seg_import_wizard_model_get_can_continue (SegImportWizardModel *self);
const char             *seg_import_wizard_model_get_blocker      (SegImportWizardModel *self);

gboolean                seg_import_wizard_model_save_mapping     (SegImportWizardModel *self,
                                                                  const char           *name,
                                                                  GError              **error);
gboolean                seg_import_wizard_model_use_mapping      (SegImportWizardModel *self,
                                                                  const char           *name,
                                                                  GError              **error);
GStrv                   seg_import_wizard_model_list_mappings    (SegImportWizardModel *self);

/* Moving between steps.  next() starts the check on entering Check and
 * the import on entering Import; back() is refused while busy. */
gboolean                seg_import_wizard_model_next             (SegImportWizardModel *self);
gboolean                seg_import_wizard_model_back             (SegImportWizardModel *self);
/* Cancels the running load, check or import; FALSE when nothing runs. */
gboolean                seg_import_wizard_model_cancel           (SegImportWizardModel *self);

/* Check and Summary; NULL before they ran. */
const SegImportSummary *seg_import_wizard_model_get_check_summary (SegImportWizardModel *self);
const SegImportSummary *seg_import_wizard_model_get_summary      (SegImportWizardModel *self);
SegImportWizardOutcome  seg_import_wizard_model_get_outcome      (SegImportWizardModel *self);
/* "1,228 rows fine, 3 warnings, 2 errors" */
char                   *seg_import_wizard_model_dup_check_headline (SegImportWizardModel *self);
/* Writes line,column,reason of the check's problems to @file. */
gboolean                seg_import_wizard_model_export_problems  (SegImportWizardModel *self,
                                                                  GFile                *file,
                                                                  GError              **error);
/* "Imported 1,234 orders from orders_export.csv" */
char                   *seg_import_wizard_model_dup_result_message (SegImportWizardModel *self);

/* Imports the loaded file now, on this thread, without steps. */
gboolean                seg_import_wizard_model_apply            (SegImportWizardModel *self,
                                                                  GCancellable         *cancellable,
                                                                  GError              **error);

G_END_DECLS
