/* seg-importer.h — bringing one export file into a store
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SegImporter reads a file row by row through its SegImportMapping and
 * merges it into the store in ONE transaction, together with the measures
 * recompute and an import_log row: a failed, cancelled or killed import
 * leaves the store exactly as it was.  Customers meet on their email (the
 * platform id otherwise); orders are upserted on (source, order number);
 * only non-empty incoming values overwrite; importing a file twice changes
 * nothing.  Rows that cannot be imported are listed in the summary with
 * their line and the reason; none is dropped silently.
 *
 * seg_importer_run() blocks and opens its own connection to the store, so
 * it can run in a GTask thread; seg_importer_run_async() does just that.
 */

#pragma once

#include <gio/gio.h>

#include "seg-import-mapping.h"
#include "seg-store.h"

G_BEGIN_DECLS

typedef enum
{
  SEG_IMPORT_MODE_IMPORT,
  /* Validate every row and count what would be added and updated, then
   * roll back: the wizard's Check step. */
  SEG_IMPORT_MODE_CHECK,
} SegImportMode;

typedef struct
{
  gsize  line;    /* physical line in the file (1-based) */
  char  *file;    /* the file inside a ZIP archive, or NULL */
  char  *column;  /* the column's header name, or NULL for the whole row */
  char  *reason;  /* translated, complete sentence naming the column */
} SegImportIssue;

#define SEG_TYPE_IMPORT_SUMMARY (seg_import_summary_get_type ())

typedef struct
{
  char      *file_name;         /* display name */
  char      *preset;            /* preset id */
  gboolean   checked_only;      /* SEG_IMPORT_MODE_CHECK: nothing was written */
  guint64    rows_read;         /* data rows, the header excluded */
  guint64    customers_added;
  guint64    customers_updated;
  guint64    orders_added;
  guint64    orders_updated;
  guint64    orders_unchanged;
  guint64    line_items;        /* line items of the imported orders */
  guint64    checkouts_added;
  guint64    checkouts_updated;
  guint64    campaign_rows;     /* campaign_results rows added or updated */
  guint64    rows_skipped;      /* every skipped row, even past the list's cap */
  guint64    n_warnings;        /* every warning, even past the list's cap */
  GPtrArray *skipped;           /* SegImportIssue *, in line order */
  GPtrArray *warnings;          /* SegImportIssue *, in line order */
} SegImportSummary;

GType             seg_import_summary_get_type  (void) G_GNUC_CONST;
SegImportSummary *seg_import_summary_copy      (const SegImportSummary *summary);
void              seg_import_summary_free      (SegImportSummary       *summary);
/* Rows that went into the store (read and not skipped), changed or not. */
guint64           seg_import_summary_get_n_imported (const SegImportSummary *summary);
/* "line,kind,column,reason" CSV (with a header row) of the skipped rows
 * and warnings, for the wizard's "Export problems…"; cells that would run
 * as spreadsheet formulas get a leading apostrophe. */
char             *seg_import_summary_to_csv    (const SegImportSummary *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegImportSummary, seg_import_summary_free)

/* Called on the importing thread with 0.0 … 1.0. */
typedef void (*SegImportProgressFunc) (double   fraction,
                                       gpointer user_data);

#define SEG_TYPE_IMPORTER (seg_importer_get_type ())

G_DECLARE_FINAL_TYPE (SegImporter, seg_importer, SEG, IMPORTER, GObject)

/* @mapping must have been made for a file (seg_import_mapping_new_for_path());
 * the importer keeps a reference and reads it, so do not change it while
 * the import runs. */
SegImporter      *seg_importer_new             (SegStore              *store,
                                                SegImportMapping      *mapping);
/* Imports several files (a ZIP archive's) in one transaction. */
SegImporter      *seg_importer_new_for_mappings (SegStore             *store,
                                                 SegImportMapping    **mappings,
                                                 guint                 n_mappings);
/* The first mapping. */
SegImportMapping *seg_importer_get_mapping     (SegImporter           *self);
void              seg_importer_set_mode        (SegImporter           *self,
                                                SegImportMode          mode);
SegImportMode     seg_importer_get_mode        (SegImporter           *self);
/* The reference day for the measures recompute (default: the store's). */
void              seg_importer_set_reference_day (SegImporter         *self,
                                                  gint32               day);

gboolean          seg_importer_run             (SegImporter           *self,
                                                GCancellable          *cancellable,
                                                SegImportProgressFunc  progress,
                                                gpointer               user_data,
                                                GError               **error);
/* After run(): the summary (also after a failure: what was seen until
 * then).  Transfer none. */
const SegImportSummary *seg_importer_get_summary (SegImporter         *self);
/* After SEG_IMPORT_ERROR_AMBIGUOUS_DATES: the column's name. */
const char       *seg_importer_get_ambiguous_column (SegImporter      *self);

/* Runs in a thread; @progress is called in the thread-default main context
 * of the caller. */
void              seg_importer_run_async       (SegImporter           *self,
                                                GCancellable          *cancellable,
                                                SegImportProgressFunc  progress,
                                                gpointer               progress_data,
                                                GDestroyNotify         progress_notify,
                                                GAsyncReadyCallback    callback,
                                                gpointer               user_data);
gboolean          seg_importer_run_finish      (SegImporter           *self,
                                                GAsyncResult          *result,
                                                GError               **error);

G_END_DECLS
