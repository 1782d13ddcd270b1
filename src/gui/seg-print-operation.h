/* seg-print-operation.h — printing a segment report
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "seg-report-document.h"

G_BEGIN_DECLS

#define SEG_TYPE_PRINT_OPERATION (seg_print_operation_get_type ())

G_DECLARE_FINAL_TYPE (SegPrintOperation, seg_print_operation, SEG, PRINT_OPERATION,
                      GtkPrintOperation)

SegPrintOperation *seg_print_operation_new              (SegReportDocument  *document);
SegReportDocument *seg_print_operation_get_document     (SegPrintOperation  *self);
void               seg_print_operation_set_paper        (SegPrintOperation  *self,
                                                         SegReportPaperSize  size,
                                                         gboolean            landscape);
void               seg_print_operation_set_output_name  (SegPrintOperation  *self,
                                                         const char         *basename);
void               seg_print_operation_run_dialog       (SegPrintOperation  *self,
                                                         GtkWindow          *parent);
gboolean           seg_print_operation_save_settings    (SegPrintOperation  *self,
                                                         GError            **error);

char              *seg_print_operation_dup_settings_path (void);
gboolean           seg_print_operation_load_saved       (GtkPrintSettings  **settings,
                                                         GtkPageSetup      **page_setup);
void               seg_print_operation_show_error       (GtkWindow          *parent,
                                                         const char         *heading,
                                                         const GError       *error);

G_END_DECLS
