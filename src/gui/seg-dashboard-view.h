/* seg-dashboard-view.h — the dashboard charts in a responsive grid
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "seg-store.h"

G_BEGIN_DECLS

#define SEG_TYPE_DASHBOARD_VIEW (seg_dashboard_view_get_type ())

G_DECLARE_FINAL_TYPE (SegDashboardView, seg_dashboard_view, SEG, DASHBOARD_VIEW, GtkWidget)

GtkWidget *seg_dashboard_view_new         (SegStore         *store,
                                           gint32            day);
SegStore  *seg_dashboard_view_get_store   (SegDashboardView *self);
void       seg_dashboard_view_set_store   (SegDashboardView *self,
                                           SegStore         *store);
gint32     seg_dashboard_view_get_day     (SegDashboardView *self);
void       seg_dashboard_view_set_day     (SegDashboardView *self,
                                           gint32            day);
void       seg_dashboard_view_reload      (SegDashboardView *self);
gboolean   seg_dashboard_view_get_loading (SegDashboardView *self);
GtkWidget *seg_dashboard_view_get_chart_view (SegDashboardView *self,
                                              const char       *chart_id);

G_END_DECLS
