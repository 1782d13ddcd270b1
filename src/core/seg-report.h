/* seg-report.h — the segment report of a store
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a store owner hands to a partner: a cover, a summary of the store,
 * one section per segment, the overlap matrix, the RFM grid and the
 * definitions, as a SegReportDocument ready to print or to write as PDF.
 */

#pragma once

#include "seg-report-document.h"
#include "seg-store.h"

G_BEGIN_DECLS

typedef struct
{
  const char * const *segments;    /* names to include, in priority order; NULL: all */
  gint32              as_of_day;   /* SEG_DAY_INVALID: the store's reference day */
  gint32              printed_day; /* SEG_DAY_INVALID: today */
  SegReportPaperSize  paper;       /* for seg_report_write_pdf () */
  gboolean            landscape;
  guint               member_sample; /* members listed per segment */
} SegReportOptions;

void               seg_report_options_init (SegReportOptions        *options);

SegReportDocument *seg_report_build        (SegStore                *store,
                                            const SegReportOptions  *options,
                                            GCancellable            *cancellable,
                                            GError                 **error);
gboolean           seg_report_write_pdf    (SegStore                *store,
                                            const SegReportOptions  *options,
                                            const char              *path,
                                            GCancellable            *cancellable,
                                            GError                 **error);

G_END_DECLS
