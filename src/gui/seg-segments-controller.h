/* seg-segments-controller.h — the segment screens of one store window
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seg-rfm.h"
#include "seg-segment-list.h"
#include "seg-window.h"

G_BEGIN_DECLS

#define SEG_TYPE_SEGMENTS_CONTROLLER (seg_segments_controller_get_type ())

G_DECLARE_FINAL_TYPE (SegSegmentsController, seg_segments_controller, SEG, SEGMENTS_CONTROLLER, GObject)

/* The name of the Segments overview page (priority, overlap, RFM). */
#define SEG_SEGMENTS_OVERVIEW_PAGE "segments-overview"

void                   seg_segments_controller_install        (SegWindow             *window);
SegSegmentsController *seg_segments_controller_get_for_window (SegWindow             *window);

SegWindow             *seg_segments_controller_get_window     (SegSegmentsController *self);
SegStore              *seg_segments_controller_get_store      (SegSegmentsController *self);
GListModel            *seg_segments_controller_get_segments   (SegSegmentsController *self);
SegEvaluation         *seg_segments_controller_get_evaluation (SegSegmentsController *self);
const SegRfmResult    *seg_segments_controller_get_rfm        (SegSegmentsController *self);
gboolean               seg_segments_controller_get_evaluating (SegSegmentsController *self);
GtkWidget             *seg_segments_controller_get_page       (SegSegmentsController *self,
                                                               gint64                 segment_id);

void                   seg_segments_controller_reload         (SegSegmentsController *self);
void                   seg_segments_controller_store_changed  (SegSegmentsController *self);
char                  *seg_segments_controller_dup_page_name  (gint64                 segment_id);
void                   seg_segments_controller_open_segment   (SegSegmentsController *self,
                                                               gint64                 segment_id);
void                   seg_segments_controller_show_overview  (SegSegmentsController *self);
void                   seg_segments_controller_new_segment    (SegSegmentsController *self);
gboolean               seg_segments_controller_move           (SegSegmentsController *self,
                                                               gint64                 segment_id,
                                                               int                    delta);
gboolean               seg_segments_controller_move_to        (SegSegmentsController *self,
                                                               gint64                 segment_id,
                                                               guint                  position);
AdwToast              *seg_segments_controller_delete         (SegSegmentsController *self,
                                                               gint64                 segment_id);
void                   seg_segments_controller_add_toast      (SegSegmentsController *self,
                                                               const char            *message);

G_END_DECLS
