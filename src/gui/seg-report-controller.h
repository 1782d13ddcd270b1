/* seg-report-controller.h — Print and Export PDF in store windows
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seg-window.h"

G_BEGIN_DECLS

void     seg_report_controller_install          (void);

void     seg_report_controller_print            (SegWindow            *window);
void     seg_report_controller_export           (SegWindow            *window);
void     seg_report_controller_save_pdf_async   (SegWindow            *window,
                                                 GFile                *file,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean seg_report_controller_save_pdf_finish  (SegWindow            *window,
                                                 GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS
