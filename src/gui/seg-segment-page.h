/* seg-segment-page.h — one segment: its rule, members, performance and message
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seg-dashboard.h"
#include "seg-rule-builder.h"
#include "seg-segments-controller.h"

G_BEGIN_DECLS

#define SEG_TYPE_SEGMENT_PAGE (seg_segment_page_get_type ())

G_DECLARE_FINAL_TYPE (SegSegmentPage, seg_segment_page, SEG, SEGMENT_PAGE, GtkWidget)

GtkWidget      *seg_segment_page_new            (SegSegmentsController *controller,
                                                 SegSegment            *segment);
SegSegment     *seg_segment_page_get_segment    (SegSegmentPage        *self);
void            seg_segment_page_set_segment    (SegSegmentPage        *self,
                                                 SegSegment            *segment);
void            seg_segment_page_update_figures (SegSegmentPage        *self);
SegRuleBuilder *seg_segment_page_get_builder    (SegSegmentPage        *self);
void            seg_segment_page_show_tab       (SegSegmentPage        *self,
                                                 const char            *name);
GListModel     *seg_segment_page_get_members    (SegSegmentPage        *self);
gboolean        seg_segment_page_get_loading_members (SegSegmentPage   *self);
void            seg_segment_page_save           (SegSegmentPage        *self);
GtkWidget      *seg_segment_page_get_chart_view (SegSegmentPage        *self,
                                                 SegSegmentChart        chart);
gboolean        seg_segment_page_get_loading_charts (SegSegmentPage    *self);

G_END_DECLS
