/* seg-dashboard.h — the Overview's charts, built from a store as of a day
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each dashboard chart is a SegChart model built from the store; drawing is
 * seg-chart-renderer.h's job.  A SegDashboard holds what several charts
 * share (the segments' evaluation) so that building all of them evaluates
 * the segments once.  Nothing here touches GTK; the builders are safe in a
 * worker thread on a store opened there.
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "seg-chart.h"
#include "seg-stats.h"
#include "seg-store.h"

G_BEGIN_DECLS

#define SEG_DASHBOARD_ERROR (seg_dashboard_error_quark ())

typedef enum
{
  SEG_DASHBOARD_ERROR_UNKNOWN_CHART,
  SEG_DASHBOARD_ERROR_FAILED,
} SegDashboardError;

/* In the order the Overview shows them. */
typedef enum
{
  SEG_DASHBOARD_SEGMENT_SIZES,
  SEG_DASHBOARD_SEGMENT_REVENUE,
  SEG_DASHBOARD_SEGMENT_AOV,
  SEG_DASHBOARD_SEGMENT_REPEAT_RATE,
  SEG_DASHBOARD_RETURNING_REVENUE,
  SEG_DASHBOARD_SEGMENT_TREND,
  SEG_DASHBOARD_RFM_GRID,
  SEG_DASHBOARD_RFM_GRID_REVENUE,
  SEG_DASHBOARD_RFM_MOVEMENT,
  SEG_DASHBOARD_OVERLAP,
  SEG_DASHBOARD_CAMPAIGNS,
  SEG_DASHBOARD_CAMPAIGN_REVENUE,
  SEG_DASHBOARD_AB_TESTS,
  SEG_DASHBOARD_GEOGRAPHY,
  SEG_DASHBOARD_GEOGRAPHY_REVENUE,
} SegDashboardChart;

#define SEG_DASHBOARD_N_CHARTS (SEG_DASHBOARD_GEOGRAPHY_REVENUE + 1)

/* One segment's charts, in the order its Performance tab shows them. */
typedef enum
{
  SEG_SEGMENT_CHART_SIZE_TREND,
  SEG_SEGMENT_CHART_REVENUE_TREND,
  SEG_SEGMENT_CHART_ORDERS_BY_MONTH,
  SEG_SEGMENT_CHART_REVENUE_BY_MONTH,
  SEG_SEGMENT_CHART_COUNTRIES,
  SEG_SEGMENT_CHART_PRODUCTS,
  SEG_SEGMENT_CHART_RFM,
  SEG_SEGMENT_CHART_CAMPAIGNS,
} SegSegmentChart;

#define SEG_SEGMENT_N_CHARTS (SEG_SEGMENT_CHART_CAMPAIGNS + 1)

/* How many months the per-segment monthly charts cover, up to the day. */
#define SEG_DASHBOARD_SEGMENT_MONTHS 12

/* How many countries and categories a segment's charts name. */
#define SEG_DASHBOARD_SEGMENT_TOP 8

/* The share of revenue from returning customers the guide expects once
 * post-purchase flows work. */
#define SEG_DASHBOARD_RETURNING_LOW  0.30
#define SEG_DASHBOARD_RETURNING_HIGH 0.60

/* How many countries the geography charts name before "Other". */
#define SEG_DASHBOARD_TOP_COUNTRIES 10

/* One A/B subject-line test: a campaign sent to a segment in two variants. */
typedef struct
{
  char              *campaign;
  char              *segment;
  char              *subject_a;
  char              *subject_b;
  gint64             sent[2];
  gint64             opens[2];
  gint64             clicks[2];
  gint64             orders[2];
  SegProportionTest  open_test;        /* B against A on open rate */
  SegProportionTest  conversion_test;  /* B against A on orders per recipient */
} SegAbTest;

typedef struct _SegDashboard SegDashboard;

GQuark             seg_dashboard_error_quark      (void);

const char        *seg_dashboard_chart_get_id     (SegDashboardChart  chart);
const char        *seg_dashboard_chart_get_title  (SegDashboardChart  chart);
gboolean           seg_dashboard_chart_from_id    (const char        *id,
                                                   SegDashboardChart *chart);
gboolean           seg_dashboard_chart_is_segment (SegDashboardChart  chart);

SegDashboard      *seg_dashboard_new              (SegStore          *store,
                                                   gint32             day);
void               seg_dashboard_free             (SegDashboard      *self);
SegStore          *seg_dashboard_get_store        (SegDashboard      *self);
gint32             seg_dashboard_get_day          (SegDashboard      *self);

SegChart          *seg_dashboard_build            (SegDashboard      *self,
                                                   SegDashboardChart  chart,
                                                   GError           **error);
GPtrArray         *seg_dashboard_build_all        (SegDashboard      *self,
                                                   GCancellable      *cancellable,
                                                   GError           **error);

SegChart          *seg_dashboard_build_segment_sizes       (SegDashboard  *self,
                                                            GError       **error);
SegChart          *seg_dashboard_build_segment_revenue     (SegDashboard  *self,
                                                            GError       **error);
SegChart          *seg_dashboard_build_segment_aov         (SegDashboard  *self,
                                                            GError       **error);
SegChart          *seg_dashboard_build_segment_repeat_rate (SegDashboard  *self,
                                                            GError       **error);
SegChart          *seg_dashboard_build_returning_revenue   (SegDashboard  *self,
                                                            GError       **error);
SegChart          *seg_dashboard_build_segment_trend       (SegDashboard  *self,
                                                            GError       **error);
SegChart          *seg_dashboard_build_rfm_grid            (SegDashboard  *self,
                                                            gboolean       revenue,
                                                            GError       **error);
SegChart          *seg_dashboard_build_rfm_movement        (SegDashboard  *self,
                                                            GError       **error);
SegChart          *seg_dashboard_build_overlap             (SegDashboard  *self,
                                                            GError       **error);
SegChart          *seg_dashboard_build_campaigns           (SegDashboard  *self,
                                                            GError       **error);
SegChart          *seg_dashboard_build_campaign_revenue    (SegDashboard  *self,
                                                            GError       **error);
SegChart          *seg_dashboard_build_ab_tests            (SegDashboard  *self,
                                                            GError       **error);
SegChart          *seg_dashboard_build_geography           (SegDashboard  *self,
                                                            gboolean       revenue,
                                                            GError       **error);

GPtrArray         *seg_dashboard_dup_ab_tests     (SegDashboard      *self,
                                                   GError           **error);

/* One segment's charts: its members as its rule has them on the day. */
const char        *seg_segment_chart_get_id       (SegSegmentChart    chart);
const char        *seg_segment_chart_get_title    (SegSegmentChart    chart);

SegChart          *seg_dashboard_build_segment_chart (SegDashboard    *self,
                                                      SegSegmentChart  chart,
                                                      gint64           segment_id,
                                                      GError         **error);
GPtrArray         *seg_dashboard_build_segment_all   (SegDashboard    *self,
                                                      gint64           segment_id,
                                                      GCancellable    *cancellable,
                                                      GError         **error);
SegChart          *seg_dashboard_build_segment_trend_for      (SegDashboard  *self,
                                                               gint64         segment_id,
                                                               gboolean       revenue,
                                                               GError       **error);
SegChart          *seg_dashboard_build_segment_orders_by_month (SegDashboard *self,
                                                               gint64         segment_id,
                                                               gboolean       revenue,
                                                               GError       **error);
SegChart          *seg_dashboard_build_segment_countries      (SegDashboard  *self,
                                                               gint64         segment_id,
                                                               GError       **error);
SegChart          *seg_dashboard_build_segment_products       (SegDashboard  *self,
                                                               gint64         segment_id,
                                                               GError       **error);
SegChart          *seg_dashboard_build_segment_rfm            (SegDashboard  *self,
                                                               gint64         segment_id,
                                                               GError       **error);
SegChart          *seg_dashboard_build_segment_campaigns      (SegDashboard  *self,
                                                               gint64         segment_id,
                                                               GError       **error);
GPtrArray         *seg_dashboard_dup_segment_ab_tests         (SegDashboard  *self,
                                                               gint64         segment_id,
                                                               GError       **error);
void               seg_ab_test_free               (SegAbTest         *test);
char              *seg_ab_test_dup_statement      (const SegAbTest   *test);
char              *seg_proportion_test_dup_statement (const SegProportionTest *test,
                                                   const char        *measure);

char              *seg_dashboard_dup_segment_at  (SegChart          *chart,
                                                   int                series,
                                                   int                category,
                                                   int                row);

gboolean           seg_dashboard_snapshot_rfm     (sqlite3           *db,
                                                   gint32             day,
                                                   GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegDashboard, seg_dashboard_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegAbTest, seg_ab_test_free)

G_END_DECLS
