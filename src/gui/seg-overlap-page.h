/* seg-overlap-page.h — the Segments overview: priority, overlap and RFM
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seg-segments-controller.h"

G_BEGIN_DECLS

#define SEG_TYPE_OVERLAP_PAGE (seg_overlap_page_get_type ())

G_DECLARE_FINAL_TYPE (SegOverlapPage, seg_overlap_page, SEG, OVERLAP_PAGE, GtkWidget)

GtkWidget *seg_overlap_page_new    (SegSegmentsController *controller);
void       seg_overlap_page_update (SegOverlapPage        *self);

G_END_DECLS
