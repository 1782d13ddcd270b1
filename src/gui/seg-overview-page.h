/* seg-overview-page.h — the store at a glance
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seg-store.h"

G_BEGIN_DECLS

#define SEG_TYPE_OVERVIEW_PAGE (seg_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (SegOverviewPage, seg_overview_page, SEG, OVERVIEW_PAGE, GtkWidget)

void                 seg_overview_page_set_store      (SegOverviewPage *self,
                                                       SegStore        *store);
void                 seg_overview_page_reload         (SegOverviewPage *self);
gboolean             seg_overview_page_get_loading    (SegOverviewPage *self);
const SegStoreStats *seg_overview_page_get_stats      (SegOverviewPage *self);
GtkBox              *seg_overview_page_get_charts_box (SegOverviewPage *self);

G_END_DECLS
