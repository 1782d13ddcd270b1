/* seg-reports-page.h — choosing what goes in the segment report
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seg-report-document.h"
#include "seg-store.h"

G_BEGIN_DECLS

#define SEG_TYPE_REPORTS_PAGE (seg_reports_page_get_type ())

G_DECLARE_FINAL_TYPE (SegReportsPage, seg_reports_page, SEG, REPORTS_PAGE, AdwBin)

GtkWidget          *seg_reports_page_new                  (void);

SegStore           *seg_reports_page_get_store            (SegReportsPage     *self);
void                seg_reports_page_set_store            (SegReportsPage     *self,
                                                           SegStore           *store);

guint               seg_reports_page_get_n_segments       (SegReportsPage     *self);
guint               seg_reports_page_get_n_chosen         (SegReportsPage     *self);
char              **seg_reports_page_dup_chosen_segments  (SegReportsPage     *self);
void                seg_reports_page_set_segment_chosen   (SegReportsPage     *self,
                                                           const char         *name,
                                                           gboolean            chosen);
void                seg_reports_page_select_all           (SegReportsPage     *self);
void                seg_reports_page_select_none          (SegReportsPage     *self);
gboolean            seg_reports_page_get_can_report       (SegReportsPage     *self);

SegReportPaperSize  seg_reports_page_get_paper            (SegReportsPage     *self);
void                seg_reports_page_set_paper            (SegReportsPage     *self,
                                                           SegReportPaperSize  paper);
gboolean            seg_reports_page_get_landscape        (SegReportsPage     *self);
void                seg_reports_page_set_landscape        (SegReportsPage     *self,
                                                           gboolean            landscape);

gboolean            seg_reports_page_get_busy             (SegReportsPage     *self);
void                seg_reports_page_set_busy             (SegReportsPage     *self,
                                                           gboolean            busy);
guint               seg_reports_page_get_n_pages          (SegReportsPage     *self);
gboolean            seg_reports_page_get_counting         (SegReportsPage     *self);

SegReportsPage     *seg_reports_page_find                 (GtkWidget          *window);

G_END_DECLS
