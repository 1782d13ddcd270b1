/* seg-segment-sidebar.h — the segments in the window's sidebar
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seg-segments-controller.h"

G_BEGIN_DECLS

#define SEG_TYPE_SEGMENT_SIDEBAR (seg_segment_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (SegSegmentSidebar, seg_segment_sidebar, SEG, SEGMENT_SIDEBAR, GObject)

SegSegmentSidebar *seg_segment_sidebar_new    (SegSegmentsController *controller);
void               seg_segment_sidebar_update (SegSegmentSidebar     *self);

G_END_DECLS
