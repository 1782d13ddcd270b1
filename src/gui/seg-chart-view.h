/* seg-chart-view.h — one chart as a widget: hover, click, keyboard, a11y
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "seg-chart.h"

G_BEGIN_DECLS

#define SEG_TYPE_CHART_VIEW (seg_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (SegChartView, seg_chart_view, SEG, CHART_VIEW, GtkWidget)

GtkWidget *seg_chart_view_new              (SegChart     *chart);
SegChart  *seg_chart_view_get_chart        (SegChartView *self);
void       seg_chart_view_set_chart        (SegChartView *self,
                                            SegChart     *chart);
gboolean   seg_chart_view_get_dark         (SegChartView *self);
int        seg_chart_view_get_focused_mark (SegChartView *self);
void       seg_chart_view_set_focused_mark (SegChartView *self,
                                            int           mark);
char      *seg_chart_view_dup_text_at      (SegChartView *self,
                                            double        x,
                                            double        y);
gboolean   seg_chart_view_activate_at      (SegChartView *self,
                                            double        x,
                                            double        y);
gboolean   seg_chart_view_get_mark_center  (SegChartView *self,
                                            guint         mark,
                                            double       *x,
                                            double       *y);

G_END_DECLS
