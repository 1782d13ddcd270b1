/* test-dashboard.c — the dashboard charts, checked against the store by hand
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "seg-chart-renderer.h"
#include "seg-dashboard.h"
#include "seg-day.h"
#include "seg-demo.h"
#include "seg-measures.h"
#include "seg-normalize.h"
#include "seg-rfm.h"
#include "seg-rule-compiler.h"
#include "seg-segment-list.h"
#include "seg-stats.h"

#define LAST_DAY (seg_day_from_ymd (2025, 6, 30))

/* One demo store for the whole run: building it is the slow part. */
static char *store_dir;
static SegStore *store;

static sqlite3 *
db (void)
{
  return seg_store_get_db (store);
}

static gint64
query_int (const char *sql,
           gint64      param1,
           gint64      param2)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db (), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_bind_parameter_count (stmt) >= 1)
    sqlite3_bind_int64 (stmt, 1, param1);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, param2);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static SegChart *
build (SegDashboardChart which)
{
  g_autoptr(SegDashboard) dashboard = seg_dashboard_new (store, LAST_DAY);
  g_autoptr(GError) error = NULL;
  SegChart *chart = seg_dashboard_build (dashboard, which, &error);

  g_assert_no_error (error);
  g_assert_true (SEG_IS_CHART (chart));
  return chart;
}

static void
snapshot_rfm_on (gint32 day)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (seg_measures_ensure (db (), day, &error));
  g_assert_no_error (error);
  g_assert_true (seg_dashboard_snapshot_rfm (db (), day, &error));
  g_assert_no_error (error);
  g_assert_true (seg_measures_ensure (db (), LAST_DAY, &error));
  g_assert_no_error (error);
}

/* Statistics */

static void
test_normal_cdf (void)
{
  g_assert_cmpfloat_with_epsilon (seg_stats_normal_cdf (0), 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (seg_stats_normal_cdf (1), 0.8413447460685429, 1e-9);
  g_assert_cmpfloat_with_epsilon (seg_stats_normal_cdf (-1), 0.15865525393145707, 1e-9);
  g_assert_cmpfloat_with_epsilon (seg_stats_normal_cdf (1.959963984540054), 0.975, 1e-9);
  g_assert_cmpfloat_with_epsilon (seg_stats_normal_cdf (-3), 0.0013498980316301, 1e-12);
  g_assert_cmpfloat_with_epsilon (seg_stats_normal_cdf (-8), 6.22096057427178e-16, 1e-20);
  g_assert_cmpfloat (seg_stats_normal_cdf (40), ==, 1.0);
}

static void
test_two_proportion (void)
{
  SegProportionTest test;
  g_autofree char *significant = NULL;
  g_autofree char *too_small = NULL;
  g_autofree char *no_data = NULL;

  /* By hand: pooled p = 450 / 2000 = 0.225; se = sqrt (0.225 × 0.775 ×
   * (1/1000 + 1/1000)) = 0.0186748; z = 0.05 / se = 2.6774; two-sided
   * p = 2 × (1 − Φ(2.6774)) = 0.00742. */
  g_assert_true (seg_stats_two_proportion_test (200, 1000, 250, 1000, &test));
  g_assert_true (test.valid);
  g_assert_cmpfloat_with_epsilon (test.rate_a, 0.20, 1e-12);
  g_assert_cmpfloat_with_epsilon (test.rate_b, 0.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (test.z, 2.6774, 1e-4);
  g_assert_cmpfloat_with_epsilon (test.p_value, 0.00742, 1e-4);

  significant = seg_proportion_test_dup_statement (&test, "open rate");
  g_assert_cmpstr (significant, ==, "B’s open rate is higher, and the difference is "
                                    "statistically significant (p = 0.0074).");

  /* Swapped, the sign flips and A is the higher one. */
  g_assert_true (seg_stats_two_proportion_test (250, 1000, 200, 1000, &test));
  g_assert_cmpfloat_with_epsilon (test.z, -2.6774, 1e-4);

  /* 20/100 vs 25/100: same rates, a tenth of the sample: z = 0.8467, p = 0.397. */
  g_assert_true (seg_stats_two_proportion_test (20, 100, 25, 100, &test));
  g_assert_cmpfloat_with_epsilon (test.z, 0.8467, 1e-4);
  g_assert_cmpfloat_with_epsilon (test.p_value, 0.3972, 1e-3);
  too_small = seg_proportion_test_dup_statement (&test, "open rate");
  g_assert_cmpstr (too_small, ==, "B’s open rate is higher, but the difference is not "
                                  "significant — the sample is too small to tell (p = 0.4).");

  g_assert_false (seg_stats_two_proportion_test (0, 0, 5, 10, &test));
  g_assert_false (test.valid);
  g_assert_false (seg_stats_two_proportion_test (0, 10, 0, 10, &test));
  no_data = seg_proportion_test_dup_statement (&test, "open rate");
  g_assert_cmpstr (no_data, ==, "There is not enough data to compare the open rate of A and B.");
}

/* The list of charts */

static void
test_chart_ids (void)
{
  for (guint i = 0; i < SEG_DASHBOARD_N_CHARTS; i++)
    {
      SegDashboardChart which;

      g_assert_true (seg_dashboard_chart_from_id (seg_dashboard_chart_get_id (i), &which));
      g_assert_cmpuint (which, ==, i);
      g_assert_cmpstr (seg_dashboard_chart_get_title (i), !=, "");
    }
  g_assert_false (seg_dashboard_chart_from_id ("pie-in-the-sky", NULL));
  g_assert_true (seg_dashboard_chart_from_id ("ab-tests", NULL));
  g_assert_true (seg_dashboard_chart_from_id ("rfm-movement", NULL));
}

/* Every chart */

static void
check_png (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
}

static void
test_all_charts (void)
{
  g_autoptr(SegDashboard) dashboard = seg_dashboard_new (store, LAST_DAY);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) charts = NULL;
  g_autofree char *out_dir = g_dir_make_tmp ("segments-charts-XXXXXX", &error);

  g_assert_no_error (error);

  charts = seg_dashboard_build_all (dashboard, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (charts->len, ==, SEG_DASHBOARD_N_CHARTS);

  for (guint i = 0; i < charts->len; i++)
    {
      SegChart *chart = g_ptr_array_index (charts, i);
      const char *id = seg_dashboard_chart_get_id (i);
      g_autofree char *name = g_strconcat (id, ".png", NULL);
      g_autofree char *path = g_build_filename (out_dir, name, NULL);
      g_autofree char *summary = seg_chart_dup_summary (chart);
      g_autoptr(GArray) boxes = NULL;
      SegChartStyle style;

      g_test_message ("%s: %s", id, summary);
      g_assert_cmpstr (seg_chart_get_title (chart), ==, seg_dashboard_chart_get_title (i));
      g_assert_nonnull (seg_chart_get_empty_text (chart));

      /* The movement chart needs two RFM snapshots; this store has one. */
      if (i == SEG_DASHBOARD_RFM_MOVEMENT)
        g_assert_true (seg_chart_is_empty (chart));
      else
        {
          g_assert_false (seg_chart_is_empty (chart));
          g_assert_cmpuint (seg_chart_get_n_marks (chart), >, 0);
        }

      seg_chart_style_init (&style);
      g_assert_true (seg_chart_write_png (chart, path, 720, 440, &style, &error));
      g_assert_no_error (error);
      check_png (path);

      /* Nothing written off the canvas. */
      boxes = seg_chart_dup_text_boxes (chart, 720, 440, &style);
      for (guint b = 0; b < boxes->len; b++)
        {
          SegChartTextBox *box = &g_array_index (boxes, SegChartTextBox, b);

          g_assert_cmpfloat (box->extents.x, >=, -0.5);
          g_assert_cmpfloat (box->extents.y, >=, -0.5);
          g_assert_cmpfloat (box->extents.x + box->extents.width, <=, 720.5);
          g_assert_cmpfloat (box->extents.y + box->extents.height, <=, 440.5);
        }

      g_assert_cmpint (g_unlink (path), ==, 0);
    }

  g_assert_cmpint (g_rmdir (out_dir), ==, 0);
}

/* Cross-checks against SQL written here */

static void
test_segment_sizes (void)
{
  g_autoptr(SegChart) chart = build (SEG_DASHBOARD_SEGMENT_SIZES);
  gint64 customers = query_int ("SELECT COUNT(*) FROM customers", 0, 0);
  struct {
    const char *name;
    const char *sql;
  } checks[] = {
    { "First-time visitors", "SELECT COUNT(*) FROM customer_measures WHERE orders = 0" },
    { "First-time buyers", "SELECT COUNT(*) FROM customer_measures WHERE orders = 1"
                           " AND ?1 - last_order_day < 60" },
    { "Repeat buyers", "SELECT COUNT(*) FROM customer_measures WHERE orders >= 2" },
    { "Lapsed customers", "SELECT COUNT(*) FROM customer_measures WHERE orders >= 1"
                          " AND ?1 - last_order_day >= 90" },
  };
  guint n = seg_chart_get_n_categories (chart);

  g_assert_cmpint (seg_chart_get_value_format (chart), ==, SEG_CHART_FORMAT_PERCENT);
  g_assert_cmpuint (n, ==, 6);   /* five starter segments and "not in a segment" */

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      gint64 expected = query_int (checks[i].sql, LAST_DAY, 0);
      g_autofree char *label = g_strdup_printf ("%s · %" G_GINT64_FORMAT, checks[i].name,
                                                expected);
      g_autofree char *segment = seg_dashboard_dup_segment_at (chart, 0, i, -1);

      g_assert_cmpint (expected, >, 0);
      g_assert_cmpstr (segment, ==, checks[i].name);
      /* Labels carry the count with a thousands separator past 999. */
      if (expected < 1000)
        g_assert_cmpstr (seg_chart_get_category (chart, i), ==, label);
      g_assert_cmpfloat_with_epsilon (seg_chart_get_value (chart, 0, i) * customers,
                                      expected, 1e-6);
    }

  /* The last bar is the customers no segment matches. */
  g_assert_null (seg_dashboard_dup_segment_at (chart, 0, n - 1, -1));
  g_assert_true (g_str_has_prefix (seg_chart_get_category (chart, n - 1), "Not in a segment"));
  g_assert_cmpfloat (seg_chart_get_value (chart, 0, n - 1), >=, 0);
}

static void
test_returning_revenue (void)
{
  g_autoptr(SegChart) chart = build (SEG_DASHBOARD_RETURNING_REVENUE);
  gint32 march = seg_day_from_ymd (2025, 3, 1);
  gint32 april = seg_day_from_ymd (2025, 4, 1);
  gint64 total, returning;
  guint index = G_MAXUINT;

  g_assert_cmpuint (seg_chart_get_n_categories (chart), ==, 24);
  g_assert_cmpint (seg_chart_get_day (chart, 23), ==, seg_day_from_ymd (2025, 6, 1));
  g_assert_cmpint (seg_chart_get_day (chart, 0), ==, seg_day_from_ymd (2023, 7, 1));
  g_assert_cmpuint (seg_chart_get_n_series (chart), ==, 3);
  g_assert_cmpfloat (seg_chart_get_value (chart, 1, 5), ==, 0.30);
  g_assert_cmpfloat (seg_chart_get_value (chart, 2, 5), ==, 0.60);

  for (guint i = 0; i < 24; i++)
    if (seg_chart_get_day (chart, i) == march)
      index = i;
  g_assert_cmpuint (index, ==, 20);

  /* A returning order has an earlier counted order of the same customer;
   * guest orders are revenue but never returning. */
  total = query_int ("SELECT SUM(net_cents) FROM orders WHERE cancelled = 0"
                     " AND order_day >= ?1 AND order_day < ?2", march, april);
  returning = query_int ("SELECT COALESCE(SUM(o.net_cents), 0) FROM orders AS o"
                         " WHERE o.cancelled = 0 AND o.customer_id IS NOT NULL"
                         "   AND o.order_day >= ?1 AND o.order_day < ?2"
                         "   AND EXISTS (SELECT 1 FROM orders AS e"
                         "     WHERE e.customer_id = o.customer_id AND e.cancelled = 0"
                         "       AND (e.order_day < o.order_day"
                         "            OR (e.order_day = o.order_day AND e.id < o.id)))",
                         march, april);
  g_assert_cmpint (total, >, 0);
  g_assert_cmpint (returning, >, 0);
  g_assert_cmpfloat_with_epsilon (seg_chart_get_value (chart, 0, index),
                                  (double) returning / total, 1e-12);
}

static void
test_geography (void)
{
  g_autoptr(SegChart) chart = build (SEG_DASHBOARD_GEOGRAPHY);
  g_autoptr(SegChart) revenue_chart = build (SEG_DASHBOARD_GEOGRAPHY_REVENUE);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *top = NULL;
  gint64 top_customers, customers;
  double sum = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (db (), "SELECT country, COUNT(*) FROM customers"
                                              " GROUP BY country ORDER BY 2 DESC LIMIT 1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  top = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  top_customers = sqlite3_column_int64 (stmt, 1);
  customers = query_int ("SELECT COUNT(*) FROM customers", 0, 0);

  g_assert_cmpstr (seg_chart_get_category (chart, 0), ==, seg_country_get_localized_name (top));
  g_assert_cmpfloat (seg_chart_get_value (chart, 0, 0), ==, top_customers);

  /* Ten countries and "Other", which holds the rest: nobody is lost. */
  g_assert_cmpuint (seg_chart_get_n_categories (chart), ==, SEG_DASHBOARD_TOP_COUNTRIES + 1);
  g_assert_cmpstr (seg_chart_get_category (chart, SEG_DASHBOARD_TOP_COUNTRIES), ==, "Other");
  for (guint i = 0; i < seg_chart_get_n_categories (chart); i++)
    sum += seg_chart_get_value (chart, 0, i);
  g_assert_cmpfloat (sum, ==, customers);

  /* Revenue: sorted by revenue, in major units. */
  sum = 0;
  for (guint i = 0; i < seg_chart_get_n_categories (revenue_chart); i++)
    {
      sum += seg_chart_get_value (revenue_chart, 0, i);
      if (i > 0 && i < SEG_DASHBOARD_TOP_COUNTRIES)
        g_assert_cmpfloat (seg_chart_get_value (revenue_chart, 0, i), <=,
                           seg_chart_get_value (revenue_chart, 0, i - 1));
    }
  g_assert_cmpfloat_with_epsilon (sum, query_int ("SELECT SUM(revenue_cents)"
                                                  " FROM customer_measures", 0, 0) / 100.0,
                                  1e-6);
}

static void
test_ab_tests (void)
{
  g_autoptr(SegDashboard) dashboard = seg_dashboard_new (store, LAST_DAY);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tests = seg_dashboard_dup_ab_tests (dashboard, &error);
  g_autoptr(SegChart) chart = build (SEG_DASHBOARD_AB_TESTS);
  gint64 campaigns = query_int ("SELECT COUNT(DISTINCT campaign_id) FROM campaign_results"
                                " WHERE variant = 'B'", 0, 0);

  g_assert_no_error (error);
  g_assert_cmpuint (tests->len, ==, campaigns);
  g_assert_cmpuint (seg_chart_get_n_categories (chart), ==, tests->len);
  g_assert_cmpuint (seg_chart_get_n_series (chart), ==, 2);

  for (guint i = 0; i < tests->len; i++)
    {
      SegAbTest *test = g_ptr_array_index (tests, i);
      g_autoptr(sqlite3_stmt) stmt = NULL;
      g_autofree char *statement = seg_ab_test_dup_statement (test);
      double sent[2], opens[2], pooled, z, p;

      g_assert_cmpint (sqlite3_prepare_v2 (db (),
                                           "SELECT r.sent, r.opens FROM campaign_results AS r"
                                           " JOIN campaigns AS c ON c.id = r.campaign_id"
                                           " WHERE c.name = ?1 AND r.segment_name = ?2"
                                           " ORDER BY r.variant", -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, test->campaign, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, test->segment, -1, SQLITE_STATIC);
      for (int v = 0; v < 2; v++)
        {
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
          sent[v] = sqlite3_column_int64 (stmt, 0);
          opens[v] = sqlite3_column_int64 (stmt, 1);
        }

      /* The textbook formula, written out again. */
      pooled = (opens[0] + opens[1]) / (sent[0] + sent[1]);
      z = (opens[1] / sent[1] - opens[0] / sent[0]) /
          sqrt (pooled * (1 - pooled) * (1 / sent[0] + 1 / sent[1]));
      p = erfc (fabs (z) / sqrt (2));

      g_assert_cmpstr (seg_chart_get_category (chart, i), ==, test->campaign);
      g_assert_cmpfloat_with_epsilon (seg_chart_get_value (chart, 0, i), opens[0] / sent[0], 1e-12);
      g_assert_cmpfloat_with_epsilon (seg_chart_get_value (chart, 1, i), opens[1] / sent[1], 1e-12);
      g_assert_cmpfloat_with_epsilon (test->open_test.z, z, 1e-9);
      g_assert_cmpfloat_with_epsilon (test->open_test.p_value, p, 1e-9);
      g_assert_true (strstr (statement, p < 0.05 ? "is statistically significant" :
                                                   "the sample is too small to tell") != NULL);
    }
}

static void
test_rfm_movement (void)
{
  g_autoptr(SegChart) before = NULL;
  g_autoptr(SegChart) after = NULL;
  gint64 rows, moved;
  double sum = 0;

  /* One snapshot (set up in main): nothing to compare with yet. */
  before = build (SEG_DASHBOARD_RFM_MOVEMENT);
  g_assert_true (seg_chart_is_empty (before));
  g_assert_true (strstr (seg_chart_get_empty_text (before), "after the next import") != NULL);

  /* Idempotent: the same day again replaces, never adds. */
  rows = query_int ("SELECT COUNT(*) FROM rfm_snapshots", 0, 0);
  snapshot_rfm_on (LAST_DAY);
  g_assert_cmpint (query_int ("SELECT COUNT(*) FROM rfm_snapshots", 0, 0), ==, rows);
  g_assert_cmpint (rows, ==, query_int ("SELECT COUNT(*) FROM customer_measures", 0, 0));

  snapshot_rfm_on (LAST_DAY - 30);
  after = build (SEG_DASHBOARD_RFM_MOVEMENT);
  g_assert_false (seg_chart_is_empty (after));

  moved = query_int ("SELECT COUNT(*) FROM rfm_snapshots AS a JOIN rfm_snapshots AS b"
                     " ON b.customer_id = a.customer_id"
                     " WHERE a.snapshot_day = ?1 AND b.snapshot_day = ?2"
                     "   AND a.rfm_group != b.rfm_group", LAST_DAY - 30, LAST_DAY);
  g_assert_cmpint (moved, >, 0);
  for (guint r = 0; r < seg_chart_get_n_rows (after); r++)
    for (guint c = 0; c < seg_chart_get_n_columns (after); c++)
      sum += seg_chart_get_cell_value (after, r, c);
  g_assert_cmpfloat (sum, ==, moved);

  /* As of a day before the second snapshot, there is again only one. */
  {
    g_autoptr(SegDashboard) dashboard = seg_dashboard_new (store, LAST_DAY - 1);
    g_autoptr(GError) error = NULL;
    g_autoptr(SegChart) earlier = seg_dashboard_build_rfm_movement (dashboard, &error);

    g_assert_no_error (error);
    g_assert_true (seg_chart_is_empty (earlier));
  }
}

static void
test_segment_trend (void)
{
  g_autoptr(SegChart) chart = build (SEG_DASHBOARD_SEGMENT_TREND);
  gint64 repeat_then = query_int ("SELECT s.customers FROM segment_snapshots AS s"
                                  " JOIN segments AS g ON g.id = s.segment_id"
                                  " WHERE g.name = 'Repeat buyers' AND s.snapshot_day = ?1",
                                  LAST_DAY - 60, 0);
  g_autofree char *segment = NULL;

  g_assert_cmpuint (seg_chart_get_n_categories (chart), ==, 3);
  g_assert_cmpuint (seg_chart_get_n_series (chart), ==, 5);
  g_assert_cmpint (seg_chart_get_day (chart, 0), ==, LAST_DAY - 60);
  g_assert_cmpstr (seg_chart_get_series_name (chart, 2), ==, "Repeat buyers");
  g_assert_cmpfloat (seg_chart_get_value (chart, 2, 0), ==, repeat_then);
  segment = seg_dashboard_dup_segment_at (chart, 2, 0, -1);
  g_assert_cmpstr (segment, ==, "Repeat buyers");
}

static void
test_overlap (void)
{
  g_autoptr(SegChart) chart = build (SEG_DASHBOARD_OVERLAP);
  gint64 both = query_int ("SELECT COUNT(*) FROM customer_measures WHERE orders >= 2"
                           " AND ?1 - last_order_day >= 90", LAST_DAY, 0);

  g_assert_cmpuint (seg_chart_get_n_rows (chart), ==, 5);
  /* Repeat buyers (2) × lapsed customers (3). */
  g_assert_cmpfloat (seg_chart_get_cell_value (chart, 2, 3), ==, both);
  g_assert_cmpfloat (seg_chart_get_cell_value (chart, 3, 2), ==, both);
  g_assert_cmpfloat (seg_chart_get_cell_value (chart, 0, 2), ==, 0);  /* visitors never repeat */
}

static void
test_empty_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (store_dir, "empty.segments", NULL);
  g_autoptr(SegStore) empty = seg_store_create (path, "Empty", "EUR", &error);
  g_autoptr(SegDashboard) dashboard = NULL;
  g_autoptr(GPtrArray) charts = NULL;

  g_assert_no_error (error);
  dashboard = seg_dashboard_new (empty, LAST_DAY);
  charts = seg_dashboard_build_all (dashboard, NULL, &error);
  g_assert_no_error (error);

  /* Every chart is empty and says what to do. */
  for (guint i = 0; i < charts->len; i++)
    {
      SegChart *chart = g_ptr_array_index (charts, i);

      g_assert_true (seg_chart_is_empty (chart));
      g_assert_cmpuint (strlen (seg_chart_get_empty_text (chart)), >, 20);
    }
}

/* One segment's charts */

static gint64
lookup_segment_id (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegSegment) segment = seg_segments_lookup (store, name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (segment);
  return seg_segment_get_id (segment);
}

static SegChart *
build_for (SegSegmentChart which,
           gint64          segment_id)
{
  g_autoptr(SegDashboard) dashboard = seg_dashboard_new (store, LAST_DAY);
  g_autoptr(GError) error = NULL;
  SegChart *chart = seg_dashboard_build_segment_chart (dashboard, which, segment_id, &error);

  g_assert_no_error (error);
  g_assert_true (SEG_IS_CHART (chart));
  return chart;
}

/* Repeat buyers are "orders >= 2": the SQL below says the same by hand. */
#define REPEAT_MEMBERS "SELECT customer_id FROM customer_measures WHERE orders >= 2"

static void
test_segment_chart_ids (void)
{
  for (guint i = 0; i < SEG_SEGMENT_N_CHARTS; i++)
    {
      g_assert_true (g_str_has_prefix (seg_segment_chart_get_id (i), "segment-"));
      g_assert_cmpuint (strlen (seg_segment_chart_get_title (i)), >, 0);
      for (guint j = 0; j < i; j++)
        g_assert_cmpstr (seg_segment_chart_get_id (i), !=, seg_segment_chart_get_id (j));
    }
}

static void
test_segment_all (void)
{
  g_autoptr(SegDashboard) dashboard = seg_dashboard_new (store, LAST_DAY);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) charts = NULL;
  g_autoptr(SegSegment) segment = seg_segments_lookup (store, "Repeat buyers", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (seg_segment_get_rule (segment), ==, "orders >= 2");

  charts = seg_dashboard_build_segment_all (dashboard, seg_segment_get_id (segment), NULL,
                                            &error);
  g_assert_no_error (error);
  g_assert_cmpuint (charts->len, ==, SEG_SEGMENT_N_CHARTS);

  /* The demo has everything: no chart of a big segment is empty, and each
   * has a summary and a picture. */
  for (guint i = 0; i < charts->len; i++)
    {
      SegChart *chart = g_ptr_array_index (charts, i);
      g_autofree char *summary = seg_chart_dup_summary (chart);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 480, 320);
      cairo_t *cr = cairo_create (surface);
      SegChartStyle style;

      seg_chart_style_init (&style);
      g_assert_false (seg_chart_is_empty (chart));
      g_assert_cmpstr (seg_chart_get_title (chart), ==, seg_segment_chart_get_title (i));
      g_assert_cmpuint (strlen (summary), >, 20);
      g_assert_cmpuint (seg_chart_get_n_marks (chart), >, 0);
      seg_chart_draw (chart, cr, 480, 320, &style);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

static void
test_segment_trend_for (void)
{
  gint64 id = lookup_segment_id ("Repeat buyers");
  g_autoptr(SegChart) size = build_for (SEG_SEGMENT_CHART_SIZE_TREND, id);
  g_autoptr(SegChart) revenue = build_for (SEG_SEGMENT_CHART_REVENUE_TREND, id);
  gint64 n_days = query_int ("SELECT COUNT(*) FROM segment_snapshots WHERE segment_id = ?1"
                             " AND snapshot_day <= ?2", id, LAST_DAY);

  /* Three days recorded in main (). */
  g_assert_cmpint (n_days, ==, 3);
  g_assert_cmpuint (seg_chart_get_n_categories (size), ==, n_days);
  g_assert_cmpuint (seg_chart_get_n_series (size), ==, 1);
  for (guint i = 0; i < n_days; i++)
    {
      gint32 day = seg_chart_get_day (size, i);

      g_assert_cmpint (day, ==, LAST_DAY - 60 + 30 * (int) i);
      g_assert_cmpfloat (seg_chart_get_value (size, 0, i), ==,
                         query_int ("SELECT customers FROM segment_snapshots"
                                    " WHERE segment_id = ?1 AND snapshot_day = ?2", id, day));
      g_assert_cmpfloat_with_epsilon (seg_chart_get_value (revenue, 0, i),
                                      query_int ("SELECT revenue_cents FROM segment_snapshots"
                                                 " WHERE segment_id = ?1 AND snapshot_day = ?2",
                                                 id, day) / 100.0, 1e-9);
    }
  /* Today's snapshot is today's size. */
  g_assert_cmpfloat (seg_chart_get_value (size, 0, n_days - 1), ==,
                     query_int ("SELECT COUNT(*) FROM (" REPEAT_MEMBERS ")", 0, 0));
  g_assert_cmpint (seg_chart_get_kind (revenue), ==, SEG_CHART_AREA);
  g_assert_cmpint (seg_chart_get_value_format (revenue), ==, SEG_CHART_FORMAT_MONEY);

  /* One day recorded: nothing to draw a line through yet, and it says when. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SegDashboard) early = seg_dashboard_new (store, LAST_DAY - 45);
    g_autoptr(SegChart) chart = seg_dashboard_build_segment_trend_for (early, id, FALSE, &error);

    g_assert_no_error (error);
    g_assert_true (seg_chart_is_empty (chart));
    g_assert_nonnull (strstr (seg_chart_get_empty_text (chart), "two days"));
  }
}

static void
test_segment_orders_by_month (void)
{
  gint64 id = lookup_segment_id ("Repeat buyers");
  g_autoptr(SegChart) orders = build_for (SEG_SEGMENT_CHART_ORDERS_BY_MONTH, id);
  g_autoptr(SegChart) revenue = build_for (SEG_SEGMENT_CHART_REVENUE_BY_MONTH, id);
  gint32 first = seg_day_from_ymd (2024, 7, 1);
  gint32 june = seg_day_from_ymd (2025, 6, 1);
  double total_orders = 0, total_revenue = 0;

  g_assert_cmpuint (seg_chart_get_n_categories (orders), ==, SEG_DASHBOARD_SEGMENT_MONTHS);
  g_assert_cmpstr (seg_chart_get_category (orders, 0), ==, "Jul 2024");
  g_assert_cmpstr (seg_chart_get_category (orders, 11), ==, "Jun 2025");

  for (guint i = 0; i < SEG_DASHBOARD_SEGMENT_MONTHS; i++)
    {
      total_orders += seg_chart_get_value (orders, 0, i);
      total_revenue += seg_chart_get_value (revenue, 0, i);
    }

  g_assert_cmpfloat (total_orders, ==,
                     query_int ("SELECT COUNT(*) FROM orders WHERE cancelled = 0"
                                " AND order_day BETWEEN ?1 AND ?2"
                                " AND customer_id IN (" REPEAT_MEMBERS ")", first, LAST_DAY));
  g_assert_cmpfloat_with_epsilon (total_revenue,
                                  query_int ("SELECT SUM(net_cents) FROM orders"
                                             " WHERE cancelled = 0"
                                             " AND order_day BETWEEN ?1 AND ?2"
                                             " AND customer_id IN (" REPEAT_MEMBERS ")",
                                             first, LAST_DAY) / 100.0, 1e-6);
  g_assert_cmpfloat (seg_chart_get_value (orders, 0, 11), ==,
                     query_int ("SELECT COUNT(*) FROM orders WHERE cancelled = 0"
                                " AND order_day BETWEEN ?1 AND ?2"
                                " AND customer_id IN (" REPEAT_MEMBERS ")", june, LAST_DAY));
  g_assert_cmpfloat (total_orders, >, 0);
}

static void
test_segment_countries (void)
{
  gint64 id = lookup_segment_id ("Repeat buyers");
  g_autoptr(SegChart) chart = build_for (SEG_SEGMENT_CHART_COUNTRIES, id);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *top = NULL;
  gint64 top_members;
  guint n = seg_chart_get_n_categories (chart);
  double sum = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (db (), "SELECT country, COUNT(*) FROM customers"
                                              " WHERE id IN (" REPEAT_MEMBERS ")"
                                              " AND country IS NOT NULL AND country != ''"
                                              " GROUP BY country ORDER BY 2 DESC, 1 LIMIT 1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  top = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  top_members = sqlite3_column_int64 (stmt, 1);

  g_assert_cmpstr (seg_chart_get_category (chart, 0), ==, seg_country_get_localized_name (top));
  g_assert_cmpfloat (seg_chart_get_value (chart, 0, 0), ==, top_members);
  g_assert_cmpuint (n, <=, SEG_DASHBOARD_SEGMENT_TOP + 1);

  /* Every member is in a bar, "Other or unknown" included. */
  for (guint i = 0; i < n; i++)
    sum += seg_chart_get_value (chart, 0, i);
  g_assert_cmpfloat (sum, ==, query_int ("SELECT COUNT(*) FROM (" REPEAT_MEMBERS ")", 0, 0));
}

static void
test_segment_products (void)
{
  gint64 id = lookup_segment_id ("Repeat buyers");
  g_autoptr(SegChart) chart = build_for (SEG_SEGMENT_CHART_PRODUCTS, id);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 members = query_int ("SELECT COUNT(*) FROM (" REPEAT_MEMBERS ")", 0, 0);
  guint i = 0;

  g_assert_cmpint (seg_chart_get_value_format (chart), ==, SEG_CHART_FORMAT_PERCENT);
  g_assert_cmpint (sqlite3_prepare_v2 (db (),
                                       "SELECT coalesce (nullif (l.category, ''), l.product),"
                                       "  COUNT(DISTINCT o.customer_id)"
                                       " FROM orders AS o JOIN order_items AS l"
                                       "   ON l.order_id = o.id"
                                       " WHERE o.cancelled = 0 AND o.order_day <= ?1"
                                       "   AND o.customer_id IN (" REPEAT_MEMBERS ")"
                                       " GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 8",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int (stmt, 1, LAST_DAY);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_assert_cmpstr (seg_chart_get_category (chart, i), ==,
                       (const char *) sqlite3_column_text (stmt, 0));
      g_assert_cmpfloat_with_epsilon (seg_chart_get_value (chart, 0, i),
                                      (double) sqlite3_column_int64 (stmt, 1) / members, 1e-12);
      i++;
    }
  g_assert_cmpuint (i, >, 0);
  g_assert_cmpuint (seg_chart_get_n_categories (chart), ==, i);
}

static void
test_segment_rfm (void)
{
  gint64 id = lookup_segment_id ("Repeat buyers");
  g_autoptr(SegChart) chart = build_for (SEG_SEGMENT_CHART_RFM, id);
  double sum = 0;
  gboolean champions = FALSE;

  for (guint i = 0; i < seg_chart_get_n_categories (chart); i++)
    {
      sum += seg_chart_get_value (chart, 0, i);
      if (g_strcmp0 (seg_chart_get_category (chart, i),
                     seg_rfm_group_get_title (SEG_RFM_GROUP_CHAMPIONS)) == 0)
        {
          champions = TRUE;
          g_assert_cmpfloat (seg_chart_get_value (chart, 0, i), ==,
                             query_int ("SELECT COUNT(*) FROM customer_measures"
                                        " WHERE orders >= 2 AND rfm_group = 'Champions'", 0, 0));
        }
      /* Repeat buyers have orders: no prospect among them. */
      g_assert_cmpstr (seg_chart_get_category (chart, i), !=,
                       seg_rfm_group_get_title (SEG_RFM_GROUP_PROSPECTS));
    }
  g_assert_true (champions);
  g_assert_cmpfloat (sum, ==, query_int ("SELECT COUNT(*) FROM (" REPEAT_MEMBERS ")", 0, 0));
}

static void
test_segment_campaigns (void)
{
  gint64 id = lookup_segment_id ("Repeat buyers");
  g_autoptr(SegChart) chart = build_for (SEG_SEGMENT_CHART_CAMPAIGNS, id);
  g_autoptr(SegDashboard) dashboard = seg_dashboard_new (store, LAST_DAY);
  g_autoptr(GPtrArray) tests = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n_campaigns = query_int ("SELECT COUNT(DISTINCT r.campaign_id)"
                                  " FROM campaign_results AS r JOIN campaigns AS c"
                                  "   ON c.id = r.campaign_id"
                                  " WHERE r.segment_name = 'Repeat buyers'"
                                  "   AND c.sent_day <= ?1", LAST_DAY, 0);

  /* "New arrivals" (60 days ago) and "Black Friday" (a year ago). */
  g_assert_cmpint (n_campaigns, ==, 2);
  g_assert_cmpuint (seg_chart_get_n_categories (chart), ==, n_campaigns);
  g_assert_cmpuint (seg_chart_get_n_series (chart), ==, 3);
  g_assert_cmpstr (seg_chart_get_category (chart, 0), ==, "New arrivals");
  g_assert_cmpstr (seg_chart_get_category (chart, 1), ==, "Black Friday");

  for (guint i = 0; i < 2; i++)
    {
      const char *name = seg_chart_get_category (chart, i);
      g_autofree char *sql = NULL;
      g_autoptr(sqlite3_stmt) stmt = NULL;
      double sent;

      g_assert_cmpint (sqlite3_prepare_v2 (db (),
                                           "SELECT SUM(r.sent), SUM(r.opens), SUM(r.clicks),"
                                           "  SUM(r.orders) FROM campaign_results AS r"
                                           " JOIN campaigns AS c ON c.id = r.campaign_id"
                                           " WHERE r.segment_name = 'Repeat buyers'"
                                           "   AND c.name = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      sent = sqlite3_column_int64 (stmt, 0);
      g_assert_cmpfloat (sent, >, 0);
      for (guint s = 0; s < 3; s++)
        g_assert_cmpfloat_with_epsilon (seg_chart_get_value (chart, s, i),
                                        sqlite3_column_int64 (stmt, s + 1) / sent, 1e-12);
    }

  /* Both were A/B tests; the statements are the dashboard's. */
  tests = seg_dashboard_dup_segment_ab_tests (dashboard, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tests->len, ==, 2);
  for (guint i = 0; i < tests->len; i++)
    {
      SegAbTest *test = g_ptr_array_index (tests, i);
      g_autofree char *statement = seg_ab_test_dup_statement (test);

      g_assert_cmpstr (test->segment, ==, "Repeat buyers");
      g_assert_cmpuint (strlen (statement), >, 20);
    }

  /* A segment no campaign went to says what to import. */
  {
    g_autoptr(SegChart) none = build_for (SEG_SEGMENT_CHART_CAMPAIGNS,
                                          lookup_segment_id ("First-time visitors"));

    g_assert_true (seg_chart_is_empty (none));
    g_assert_nonnull (strstr (seg_chart_get_empty_text (none), "Import"));
  }
}

/* An empty segment, a rule with an error and a segment that is gone. */
static void
test_segment_edge_cases (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegDashboard) dashboard = seg_dashboard_new (store, LAST_DAY);
  g_autoptr(SegChart) gone = NULL;
  gint64 empty_id, broken_id;

  g_assert_true (seg_store_exec (store,
                                 "INSERT INTO segments (name, rule, priority, created_at) VALUES"
                                 " ('Nobody', 'orders >= 100000', 90, ''),"
                                 " ('Broken', 'orders >=', 91, '')", &error));
  g_assert_no_error (error);
  empty_id = lookup_segment_id ("Nobody");
  broken_id = lookup_segment_id ("Broken");

  for (guint i = 0; i < SEG_SEGMENT_N_CHARTS; i++)
    {
      g_autoptr(SegChart) empty = build_for (i, empty_id);
      g_autoptr(SegChart) broken = build_for (i, broken_id);

      g_assert_true (seg_chart_is_empty (empty));
      g_assert_true (seg_chart_is_empty (broken));
      g_assert_cmpuint (strlen (seg_chart_get_empty_text (empty)), >, 20);
      g_assert_cmpuint (strlen (seg_chart_get_empty_text (broken)), >, 20);
      if (i == SEG_SEGMENT_CHART_COUNTRIES || i == SEG_SEGMENT_CHART_RFM)
        {
          g_assert_nonnull (strstr (seg_chart_get_empty_text (empty), "Rule tab"));
          g_assert_nonnull (strstr (seg_chart_get_empty_text (broken), "error"));
        }
    }

  g_assert_true (seg_store_exec (store, "DELETE FROM segments WHERE name IN ('Nobody', 'Broken')",
                                 &error));
  g_assert_no_error (error);

  gone = seg_dashboard_build_segment_chart (dashboard, SEG_SEGMENT_CHART_RFM, broken_id, &error);
  g_assert_null (gone);
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  store_dir = g_dir_make_tmp ("segments-dashboard-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (store_dir, "demo.segments", NULL);
  store = seg_demo_create (path, LAST_DAY, &error);
  g_assert_no_error (error);

  /* The demo comes with a history of snapshots; these tests make their own
   * so that they do not depend on its details: segment sizes on three days,
   * and this day's RFM groups only. */
  g_assert_true (seg_store_exec (store, "DELETE FROM segment_snapshots;"
                                        "DELETE FROM rfm_snapshots", &error));
  g_assert_no_error (error);
  for (int days_ago = 60; days_ago >= 0; days_ago -= 30)
    {
      g_assert_true (seg_segments_snapshot (store, LAST_DAY - days_ago, &error));
      g_assert_no_error (error);
    }
  g_assert_true (seg_measures_ensure (db (), LAST_DAY, &error));
  g_assert_true (seg_dashboard_snapshot_rfm (db (), LAST_DAY, &error));
  g_assert_no_error (error);

  g_test_add_func ("/dashboard/stats/normal-cdf", test_normal_cdf);
  g_test_add_func ("/dashboard/stats/two-proportion", test_two_proportion);
  g_test_add_func ("/dashboard/charts/ids", test_chart_ids);
  g_test_add_func ("/dashboard/charts/all", test_all_charts);
  g_test_add_func ("/dashboard/charts/segment-sizes", test_segment_sizes);
  g_test_add_func ("/dashboard/charts/returning-revenue", test_returning_revenue);
  g_test_add_func ("/dashboard/charts/geography", test_geography);
  g_test_add_func ("/dashboard/charts/ab-tests", test_ab_tests);
  g_test_add_func ("/dashboard/charts/segment-trend", test_segment_trend);
  g_test_add_func ("/dashboard/charts/overlap", test_overlap);
  g_test_add_func ("/dashboard/segment/ids", test_segment_chart_ids);
  g_test_add_func ("/dashboard/segment/all", test_segment_all);
  g_test_add_func ("/dashboard/segment/trend", test_segment_trend_for);
  g_test_add_func ("/dashboard/segment/orders-by-month", test_segment_orders_by_month);
  g_test_add_func ("/dashboard/segment/countries", test_segment_countries);
  g_test_add_func ("/dashboard/segment/products", test_segment_products);
  g_test_add_func ("/dashboard/segment/rfm", test_segment_rfm);
  g_test_add_func ("/dashboard/segment/campaigns", test_segment_campaigns);
  g_test_add_func ("/dashboard/segment/edge-cases", test_segment_edge_cases);
  /* Adds a second RFM snapshot: after the tests that expect one. */
  g_test_add_func ("/dashboard/charts/rfm-movement", test_rfm_movement);
  g_test_add_func ("/dashboard/charts/empty-store", test_empty_store);

  status = g_test_run ();

  g_clear_object (&store);
  {
    g_autoptr(GDir) dir = g_dir_open (store_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *file = g_build_filename (store_dir, name, NULL);

        g_unlink (file);
      }
  }
  g_rmdir (store_dir);

  return status;
}
