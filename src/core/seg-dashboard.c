/* seg-dashboard.c — the Overview's charts, built from a store as of a day
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seg-dashboard"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "seg-dashboard.h"
#include "seg-day.h"
#include "seg-normalize.h"
#include "seg-product-labels.h"
#include "seg-rfm.h"
#include "seg-rule-compiler.h"
#include "seg-segment-list.h"

/* A neutral grey for "not in a segment", "all customers" and "other". */
#define NEUTRAL_COLOR "#9a9996"
#define GUIDE_COLOR   "#77767b"

#define SEGMENTS_KEY "seg-dashboard-segments"

struct _SegDashboard
{
  SegStore      *store;
  gint32         day;
  char          *currency;
  SegEvaluation *evaluation;

  /* The segment whose charts were built last, and its member count. */
  SegSegment    *segment;
  gint64         n_members;
};

typedef enum
{
  SEGMENT_AXIS_CATEGORY,
  SEGMENT_AXIS_SERIES,
  SEGMENT_AXIS_ROW,
} SegmentAxis;

/* Which segment each category (or series, or heat map row) stands for, so
 * that a click on a mark can open it; "" where none does. */
typedef struct
{
  SegmentAxis   axis;
  GPtrArray    *names;
} SegmentMap;

static const struct
{
  const char *id;
  const char *title;
} charts[] = {
  [SEG_DASHBOARD_SEGMENT_SIZES] = { "segment-sizes", N_("Customers by segment") },
  [SEG_DASHBOARD_SEGMENT_REVENUE] = { "segment-revenue", N_("Revenue by segment") },
  [SEG_DASHBOARD_SEGMENT_AOV] = { "segment-aov", N_("Average order value by segment") },
  [SEG_DASHBOARD_SEGMENT_REPEAT_RATE] = { "segment-repeat-rate", N_("Repeat rate by segment") },
  [SEG_DASHBOARD_RETURNING_REVENUE] = { "returning-revenue",
                                        N_("Revenue from returning customers") },
  [SEG_DASHBOARD_SEGMENT_TREND] = { "segment-trend", N_("Segment size over time") },
  [SEG_DASHBOARD_RFM_GRID] = { "rfm-grid", N_("RFM grid: customers") },
  [SEG_DASHBOARD_RFM_GRID_REVENUE] = { "rfm-grid-revenue", N_("RFM grid: revenue") },
  [SEG_DASHBOARD_RFM_MOVEMENT] = { "rfm-movement", N_("Movement between RFM groups") },
  [SEG_DASHBOARD_OVERLAP] = { "overlap", N_("Segment overlap") },
  [SEG_DASHBOARD_CAMPAIGNS] = { "campaigns", N_("Campaign results by segment") },
  [SEG_DASHBOARD_CAMPAIGN_REVENUE] = { "campaign-revenue",
                                       N_("Campaign revenue per recipient") },
  [SEG_DASHBOARD_AB_TESTS] = { "ab-tests", N_("A/B subject-line tests") },
  [SEG_DASHBOARD_GEOGRAPHY] = { "geography", N_("Customers by country") },
  [SEG_DASHBOARD_GEOGRAPHY_REVENUE] = { "geography-revenue", N_("Revenue by country") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (charts) == SEG_DASHBOARD_N_CHARTS);

G_DEFINE_QUARK (seg-dashboard-error-quark, seg_dashboard_error)

/* Helpers */

static gboolean
set_db_error (sqlite3  *db,
              GError  **error)
{
  g_set_error (error, SEG_DASHBOARD_ERROR, SEG_DASHBOARD_ERROR_FAILED,
               _("The store could not be read for the charts: %s"), sqlite3_errmsg (db));
  return FALSE;
}

static sqlite3_stmt *
prepare (sqlite3     *db,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_db_error (db, error);
      return NULL;
    }

  return stmt;
}

static gboolean
step_finished (sqlite3  *db,
               int       rc,
               GError  **error)
{
  if (rc == SQLITE_DONE)
    return TRUE;
  return set_db_error (db, error);
}

static sqlite3 *
get_db (SegDashboard *self)
{
  return seg_store_get_db (self->store);
}

/* Minor units per major unit: the store keeps money in cents (or yen). */
static double
minor_units (SegDashboard *self)
{
  static const char * const zero_decimals[] = {
    "JPY", "KRW", "VND", "CLP", "ISK", "PYG", "UGX", "XAF", "XOF", "XPF", NULL,
  };

  if (self->currency != NULL && g_strv_contains (zero_decimals, self->currency))
    return 1;
  return 100;
}

static SegChart *
new_chart (SegDashboard      *self,
           SegDashboardChart  which,
           SegChartKind       kind,
           SegChartFormat     format)
{
  SegChart *chart = seg_chart_new (kind);

  seg_chart_set_title (chart, seg_dashboard_chart_get_title (which));
  seg_chart_set_value_format (chart, format);
  if (self->currency != NULL)
    seg_chart_set_currency (chart, self->currency);

  return chart;
}

static void
segment_map_free (gpointer data)
{
  SegmentMap *map = data;

  g_ptr_array_unref (map->names);
  g_free (map);
}

static GPtrArray *
attach_segment_map (SegChart    *chart,
                    SegmentAxis  axis)
{
  SegmentMap *map = g_new0 (SegmentMap, 1);

  map->axis = axis;
  map->names = g_ptr_array_new_with_free_func (g_free);
  g_object_set_data_full (G_OBJECT (chart), SEGMENTS_KEY, map, segment_map_free);

  return map->names;
}

static SegEvaluation *
get_evaluation (SegDashboard  *self,
                GError       **error)
{
  if (self->evaluation == NULL)
    self->evaluation = seg_segments_evaluate_all (self->store, self->day, NULL, NULL, error);

  return self->evaluation;
}

static const char *
no_segments_text (void)
{
  return _("No segments yet. Add one on the Segments page, or start from a template.");
}

/* Each customer's revenue, by id: for summing the primary members'. */
static GHashTable *
load_revenue (sqlite3  *db,
              GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) revenue = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                          g_free, g_free);
  int rc;

  stmt = prepare (db, "SELECT customer_id, revenue_cents FROM customer_measures"
                      " WHERE revenue_cents != 0", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (revenue,
                         g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)),
                         g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 1) }, sizeof (gint64)));
  if (!step_finished (db, rc, error))
    return NULL;

  return g_steal_pointer (&revenue);
}

static char *
format_p_value (double p)
{
  if (p < 0.001)
    /* Translators: a p-value below the smallest one written out */
    return g_strdup (_("p < 0.001"));
  /* Translators: a p-value, as "p = 0.01" */
  return g_strdup_printf (_("p = %.2g"), p);
}

/* Public: the list of charts */

/**
 * seg_dashboard_chart_get_id:
 *
 * Returns: the chart's stable id, as `segment-sizes`
 */
const char *
seg_dashboard_chart_get_id (SegDashboardChart chart)
{
  g_return_val_if_fail ((guint) chart < SEG_DASHBOARD_N_CHARTS, NULL);
  return charts[chart].id;
}

/**
 * seg_dashboard_chart_get_title:
 *
 * Returns: the chart's translated title
 */
const char *
seg_dashboard_chart_get_title (SegDashboardChart chart)
{
  g_return_val_if_fail ((guint) chart < SEG_DASHBOARD_N_CHARTS, NULL);
  return _(charts[chart].title);
}

gboolean
seg_dashboard_chart_from_id (const char        *id,
                             SegDashboardChart *chart)
{
  g_return_val_if_fail (id != NULL, FALSE);

  for (guint i = 0; i < SEG_DASHBOARD_N_CHARTS; i++)
    if (g_str_equal (id, charts[i].id))
      {
        if (chart != NULL)
          *chart = i;
        return TRUE;
      }

  return FALSE;
}

/**
 * seg_dashboard_chart_is_segment:
 *
 * Returns: whether the chart's marks stand for segments (a click on one
 *   opens it)
 */
gboolean
seg_dashboard_chart_is_segment (SegDashboardChart chart)
{
  switch (chart)
    {
    case SEG_DASHBOARD_SEGMENT_SIZES:
    case SEG_DASHBOARD_SEGMENT_REVENUE:
    case SEG_DASHBOARD_SEGMENT_AOV:
    case SEG_DASHBOARD_SEGMENT_REPEAT_RATE:
    case SEG_DASHBOARD_SEGMENT_TREND:
    case SEG_DASHBOARD_OVERLAP:
    case SEG_DASHBOARD_CAMPAIGNS:
    case SEG_DASHBOARD_CAMPAIGN_REVENUE:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Public: the dashboard */

/**
 * seg_dashboard_new:
 * @store: a store whose measures are current for @day
 * @day: the reference day the charts are as of
 *
 * Returns: (transfer full): a dashboard builder; free with seg_dashboard_free ()
 */
SegDashboard *
seg_dashboard_new (SegStore *store,
                   gint32    day)
{
  SegDashboard *self;

  g_return_val_if_fail (SEG_IS_STORE (store), NULL);

  self = g_new0 (SegDashboard, 1);
  self->store = g_object_ref (store);
  self->day = day;
  self->currency = seg_store_dup_currency (store);

  return self;
}

void
seg_dashboard_free (SegDashboard *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->evaluation, seg_evaluation_free);
  g_clear_object (&self->segment);
  g_clear_object (&self->store);
  g_free (self->currency);
  g_free (self);
}

SegStore *
seg_dashboard_get_store (SegDashboard *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->store;
}

gint32
seg_dashboard_get_day (SegDashboard *self)
{
  g_return_val_if_fail (self != NULL, SEG_DAY_INVALID);
  return self->day;
}

/**
 * seg_dashboard_build:
 * @self: a dashboard
 * @chart: which chart
 * @error: return location for a #GError
 *
 * Builds one chart.  A chart with nothing to show yet is returned empty,
 * with an empty-state text saying what to do; only a store that cannot be
 * read is an error.
 *
 * Returns: (transfer full): the chart, or %NULL with @error set
 */
SegChart *
seg_dashboard_build (SegDashboard       *self,
                     SegDashboardChart   chart,
                     GError            **error)
{
  g_return_val_if_fail (self != NULL, NULL);

  switch (chart)
    {
    case SEG_DASHBOARD_SEGMENT_SIZES:
      return seg_dashboard_build_segment_sizes (self, error);
    case SEG_DASHBOARD_SEGMENT_REVENUE:
      return seg_dashboard_build_segment_revenue (self, error);
    case SEG_DASHBOARD_SEGMENT_AOV:
      return seg_dashboard_build_segment_aov (self, error);
    case SEG_DASHBOARD_SEGMENT_REPEAT_RATE:
      return seg_dashboard_build_segment_repeat_rate (self, error);
    case SEG_DASHBOARD_RETURNING_REVENUE:
      return seg_dashboard_build_returning_revenue (self, error);
    case SEG_DASHBOARD_SEGMENT_TREND:
      return seg_dashboard_build_segment_trend (self, error);
    case SEG_DASHBOARD_RFM_GRID:
      return seg_dashboard_build_rfm_grid (self, FALSE, error);
    case SEG_DASHBOARD_RFM_GRID_REVENUE:
      return seg_dashboard_build_rfm_grid (self, TRUE, error);
    case SEG_DASHBOARD_RFM_MOVEMENT:
      return seg_dashboard_build_rfm_movement (self, error);
    case SEG_DASHBOARD_OVERLAP:
      return seg_dashboard_build_overlap (self, error);
    case SEG_DASHBOARD_CAMPAIGNS:
      return seg_dashboard_build_campaigns (self, error);
    case SEG_DASHBOARD_CAMPAIGN_REVENUE:
      return seg_dashboard_build_campaign_revenue (self, error);
    case SEG_DASHBOARD_AB_TESTS:
      return seg_dashboard_build_ab_tests (self, error);
    case SEG_DASHBOARD_GEOGRAPHY:
      return seg_dashboard_build_geography (self, FALSE, error);
    case SEG_DASHBOARD_GEOGRAPHY_REVENUE:
      return seg_dashboard_build_geography (self, TRUE, error);
    default:
      break;
    }

  g_set_error (error, SEG_DASHBOARD_ERROR, SEG_DASHBOARD_ERROR_UNKNOWN_CHART,
               _("There is no such chart."));
  return NULL;
}

/**
 * seg_dashboard_build_all:
 * @self: a dashboard
 * @cancellable: (nullable): checked between charts
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type SegChart): every chart, in
 *   #SegDashboardChart order, or %NULL with @error set
 */
GPtrArray *
seg_dashboard_build_all (SegDashboard  *self,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < SEG_DASHBOARD_N_CHARTS; i++)
    {
      SegChart *chart;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      chart = seg_dashboard_build (self, i, error);
      if (chart == NULL)
        return NULL;
      g_ptr_array_add (all, chart);
    }

  return g_steal_pointer (&all);
}

/**
 * seg_dashboard_dup_segment_at:
 * @chart: a chart built by a dashboard
 * @series: the mark's series, or -1
 * @category: the mark's category (heat map column), or -1
 * @row: the mark's heat map row, or -1
 *
 * Returns: (transfer full) (nullable): the name of the segment the mark
 *   stands for, or %NULL when it stands for none
 */
char *
seg_dashboard_dup_segment_at (SegChart *chart,
                              int       series,
                              int       category,
                              int       row)
{
  SegmentMap *map;
  int index;
  const char *name;

  g_return_val_if_fail (SEG_IS_CHART (chart), NULL);

  map = g_object_get_data (G_OBJECT (chart), SEGMENTS_KEY);
  if (map == NULL)
    return NULL;

  switch (map->axis)
    {
    case SEGMENT_AXIS_SERIES:
      index = series;
      break;
    case SEGMENT_AXIS_ROW:
      index = row;
      break;
    case SEGMENT_AXIS_CATEGORY:
    default:
      index = category;
      break;
    }

  if (index < 0 || (guint) index >= map->names->len)
    return NULL;

  name = g_ptr_array_index (map->names, index);
  return name[0] != '\0' ? g_strdup (name) : NULL;
}

/* Segment charts */

/* A count or a whole amount of money, written the way the charts write it. */
static char *
format_amount (SegDashboard   *self,
               SegChartFormat  format,
               double          value)
{
  g_autoptr(SegChart) formatter = seg_chart_new (SEG_CHART_BAR_HORIZONTAL);

  seg_chart_set_value_format (formatter, format);
  if (self->currency != NULL)
    seg_chart_set_currency (formatter, self->currency);

  return seg_chart_format_value (formatter, round (value));
}

/* A category label that carries the exact figure, as "Repeat buyers · 932":
 * the bars show shares, the labels what they are shares of. */
static char *
dup_label_with_value (SegDashboard   *self,
                      const char     *name,
                      SegChartFormat  format,
                      double          value)
{
  g_autofree char *text = format_amount (self, format, value);

  /* Translators: a segment and its size or revenue, as "Repeat buyers · 932" */
  return g_strdup_printf (_("%s · %s"), name, text);
}

/* Members' share of all customers (or of all customers' revenue) per
 * segment.  A customer can be in several segments, so the bars are shares
 * of the whole store and do not add up to 100%; the customers in no
 * segment come last. */
static SegChart *
build_segment_shares (SegDashboard       *self,
                      SegDashboardChart   which,
                      GError            **error)
{
  gboolean revenue = which == SEG_DASHBOARD_SEGMENT_REVENUE;
  g_autoptr(SegChart) chart = new_chart (self, which, SEG_CHART_BAR_HORIZONTAL,
                                         SEG_CHART_FORMAT_PERCENT);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GHashTable) revenue_by_customer = NULL;
  g_autoptr(GHashTable) segmented = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *total_text = NULL;
  SegEvaluation *evaluation;
  GPtrArray *names;
  double total, minor = minor_units (self), rest;
  guint n;

  evaluation = get_evaluation (self, error);
  if (evaluation == NULL)
    return NULL;

  seg_chart_set_empty_text (chart, no_segments_text ());
  n = seg_evaluation_get_n_segments (evaluation);
  if (n == 0)
    return g_steal_pointer (&chart);

  total = revenue ? seg_evaluation_get_total_revenue (evaluation) / minor
                  : seg_evaluation_get_total_customers (evaluation);
  if (revenue)
    {
      total_text = format_amount (self, SEG_CHART_FORMAT_MONEY, total);
      /* Translators: %s is the store's revenue, as "$1,012,418" */
      subtitle = g_strdup_printf (_("Share of all net revenue (%s) from each segment’s "
                                    "members"), total_text);
    }
  else
    {
      total_text = format_amount (self, SEG_CHART_FORMAT_COUNT, total);
      /* Translators: %s is a number of customers */
      subtitle = g_strdup_printf (_("Share of all %s customers; one can be in several "
                                    "segments"), total_text);
    }
  seg_chart_set_subtitle (chart, subtitle);
  names = attach_segment_map (chart, SEGMENT_AXIS_CATEGORY);

  for (guint i = 0; i < n; i++)
    {
      SegSegment *segment = seg_evaluation_get_segment (evaluation, i);
      const SegSegmentFigures *figures = seg_evaluation_get_figures (evaluation, i);
      double amount = revenue ? figures->revenue_cents / minor : figures->customers;
      double v = total > 0 ? amount / total : 0;
      g_autofree char *label =
        dup_label_with_value (self, seg_segment_get_name (segment),
                              revenue ? SEG_CHART_FORMAT_MONEY : SEG_CHART_FORMAT_COUNT, amount);
      guint c = seg_chart_add_category (chart, label);

      if (seg_segment_get_color (segment) != NULL)
        seg_chart_set_category_color (chart, c, seg_segment_get_color (segment));
      g_array_append_val (values, v);
      g_ptr_array_add (names, g_strdup (seg_segment_get_name (segment)));
    }

  if (revenue)
    {
      /* Revenue of the customers in no segment: all of it less that of the
       * customers in at least one (each counted once, in their primary). */
      rest = total;
      revenue_by_customer = load_revenue (get_db (self), error);
      if (revenue_by_customer == NULL)
        return NULL;
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GArray) members = seg_evaluation_dup_members (evaluation, i, TRUE);

          for (guint j = 0; members != NULL && j < members->len; j++)
            {
              gint64 *cents = g_hash_table_lookup (revenue_by_customer,
                                                   &g_array_index (members, gint64, j));

              if (cents != NULL)
                rest -= *cents / minor;
            }
        }
      rest = MAX (rest, 0);
    }
  else
    rest = seg_evaluation_get_unsegmented (evaluation);

  {
    double v = total > 0 ? rest / total : 0;
    g_autofree char *label =
      dup_label_with_value (self, _("Not in a segment"),
                            revenue ? SEG_CHART_FORMAT_MONEY : SEG_CHART_FORMAT_COUNT, rest);
    guint c = seg_chart_add_category (chart, label);

    seg_chart_set_category_color (chart, c, NEUTRAL_COLOR);
    g_array_append_val (values, v);
    g_ptr_array_add (names, g_strdup (""));
  }

  seg_chart_add_series (chart, revenue ? _("Share of revenue") : _("Share of customers"),
                        (double *) values->data, values->len);

  return g_steal_pointer (&chart);
}

/**
 * seg_dashboard_build_segment_sizes:
 *
 * Each segment's members as a share of all customers, the count in the
 * label, in the segment's colour; customers in no segment last.
 */
SegChart *
seg_dashboard_build_segment_sizes (SegDashboard  *self,
                                   GError       **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  return build_segment_shares (self, SEG_DASHBOARD_SEGMENT_SIZES, error);
}

/**
 * seg_dashboard_build_segment_revenue:
 *
 * Each segment's members' net revenue as a share of all customers'
 * revenue, the amount in the label; customers in no segment last.
 */
SegChart *
seg_dashboard_build_segment_revenue (SegDashboard  *self,
                                     GError       **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  return build_segment_shares (self, SEG_DASHBOARD_SEGMENT_REVENUE, error);
}

/* Average order value or repeat rate per segment (all members, a segment's
 * own figures), with the whole store last for comparison. */
static SegChart *
build_segment_rate (SegDashboard       *self,
                    SegDashboardChart   which,
                    GError            **error)
{
  gboolean aov = which == SEG_DASHBOARD_SEGMENT_AOV;
  g_autoptr(SegChart) chart = new_chart (self, which, SEG_CHART_BAR_HORIZONTAL,
                                         aov ? SEG_CHART_FORMAT_MONEY : SEG_CHART_FORMAT_PERCENT);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  SegEvaluation *evaluation;
  GPtrArray *names;
  double minor = minor_units (self);
  guint n;
  int rc;

  evaluation = get_evaluation (self, error);
  if (evaluation == NULL)
    return NULL;

  seg_chart_set_empty_text (chart, no_segments_text ());
  seg_chart_set_show_share (chart, FALSE);  /* averages and rates do not add up */
  n = seg_evaluation_get_n_segments (evaluation);
  if (n == 0)
    return g_steal_pointer (&chart);

  if (aov)
    seg_chart_set_subtitle (chart, _("Net revenue per counted order of the segment’s members"));
  else
    seg_chart_set_subtitle (chart, _("Share of the segment’s members with two orders or more"));
  names = attach_segment_map (chart, SEGMENT_AXIS_CATEGORY);

  for (guint i = 0; i < n; i++)
    {
      SegSegment *segment = seg_evaluation_get_segment (evaluation, i);
      const SegSegmentFigures *figures = seg_evaluation_get_figures (evaluation, i);
      double v = aov ? (figures->orders > 0 ? figures->aov_cents / minor : NAN)
                     : figures->repeat_rate;
      guint c = seg_chart_add_category (chart, seg_segment_get_name (segment));

      if (seg_segment_get_color (segment) != NULL)
        seg_chart_set_category_color (chart, c, seg_segment_get_color (segment));
      g_array_append_val (values, v);
      g_ptr_array_add (names, g_strdup (seg_segment_get_name (segment)));
    }

  stmt = prepare (get_db (self),
                  "SELECT COALESCE(SUM(revenue_cents), 0), COALESCE(SUM(orders), 0),"
                  "  COUNT(*), COALESCE(SUM(orders >= 2), 0) FROM customer_measures", error);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      step_finished (get_db (self), rc, error);
      return NULL;
    }
  else
    {
      gint64 revenue = sqlite3_column_int64 (stmt, 0);
      gint64 orders = sqlite3_column_int64 (stmt, 1);
      gint64 customers = sqlite3_column_int64 (stmt, 2);
      gint64 repeat = sqlite3_column_int64 (stmt, 3);
      double v = aov ? (orders > 0 ? (double) revenue / orders / minor : NAN)
                     : (customers > 0 ? (double) repeat / customers : NAN);
      guint c = seg_chart_add_category (chart, _("All customers"));

      seg_chart_set_category_color (chart, c, NEUTRAL_COLOR);
      g_array_append_val (values, v);
      g_ptr_array_add (names, g_strdup (""));
    }

  seg_chart_add_series (chart, aov ? _("Average order value") : _("Repeat rate"),
                        (double *) values->data, values->len);

  return g_steal_pointer (&chart);
}

SegChart *
seg_dashboard_build_segment_aov (SegDashboard  *self,
                                 GError       **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  return build_segment_rate (self, SEG_DASHBOARD_SEGMENT_AOV, error);
}

SegChart *
seg_dashboard_build_segment_repeat_rate (SegDashboard  *self,
                                         GError       **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  return build_segment_rate (self, SEG_DASHBOARD_SEGMENT_REPEAT_RATE, error);
}

/* One customer's first counted order. */
typedef struct
{
  gint64 customer_id;  /* the key */
  gint32 day;
  gint64 id;
} FirstOrder;

typedef struct
{
  gint64 customer_id;
  gint64 id;
  gint64 net_cents;
  gint32 day;
} WindowOrder;

static int
find_month_of (const gint32 *starts,
               int           n_months,
               gint32        day)
{
  int lo = 0, hi = n_months - 1;

  while (lo < hi)
    {
      int mid = (lo + hi + 1) / 2;

      if (starts[mid] <= day)
        lo = mid;
      else
        hi = mid - 1;
    }
  return lo;
}

/* Numbering each customer's orders with a window function walks the orders
 * through the customer index and looks every one of them up at random:
 * about a second on a million orders.  One pass in table order finds each
 * customer's first order and keeps the months' orders aside instead. */
static gboolean
tally_returning_revenue (sqlite3       *db,
                         gint32         day,
                         const gint32  *starts,
                         int            n_months,
                         gint64        *total,
                         gint64        *returning,
                         GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) firsts = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                        NULL, g_free);
  g_autoptr(GArray) window = g_array_new (FALSE, FALSE, sizeof (WindowOrder));
  int rc;

  stmt = prepare (db,
                  "SELECT customer_id, order_day, id, net_cents FROM orders NOT INDEXED"
                  " WHERE cancelled = 0 AND order_day <= ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, day);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint32 order_day = sqlite3_column_int (stmt, 1);
      gint64 net_cents = sqlite3_column_int64 (stmt, 3);
      WindowOrder order;
      FirstOrder *first;

      /* Guest orders count as revenue, never as returning. */
      if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
        {
          if (order_day >= starts[0])
            total[find_month_of (starts, n_months, order_day)] += net_cents;
          continue;
        }

      order.customer_id = sqlite3_column_int64 (stmt, 0);
      order.id = sqlite3_column_int64 (stmt, 2);
      order.net_cents = net_cents;
      order.day = order_day;

      first = g_hash_table_lookup (firsts, &order.customer_id);
      if (first == NULL)
        {
          first = g_new (FirstOrder, 1);
          first->customer_id = order.customer_id;
          first->day = order.day;
          first->id = order.id;
          g_hash_table_add (firsts, first);
        }
      else if (order.day < first->day || (order.day == first->day && order.id < first->id))
        {
          first->day = order.day;
          first->id = order.id;
        }

      if (order_day >= starts[0])
        g_array_append_val (window, order);
    }
  if (!step_finished (db, rc, error))
    return FALSE;

  for (guint i = 0; i < window->len; i++)
    {
      const WindowOrder *order = &g_array_index (window, WindowOrder, i);
      const FirstOrder *first = g_hash_table_lookup (firsts, &order->customer_id);
      int month = find_month_of (starts, n_months, order->day);

      total[month] += order->net_cents;
      if (order->id != first->id)
        returning[month] += order->net_cents;
    }

  return TRUE;
}

/**
 * seg_dashboard_build_returning_revenue:
 *
 * The share of each month's net revenue that came from returning orders (a
 * customer's second or later counted order), over the 24 months up to and
 * including the dashboard's day, with the guide's 30–60% range drawn as two
 * reference lines.  Guest orders count as revenue, never as returning.
 */
SegChart *
seg_dashboard_build_returning_revenue (SegDashboard  *self,
                                       GError       **error)
{
  enum { N_MONTHS = 24 };
  g_autoptr(SegChart) chart = new_chart (self, SEG_DASHBOARD_RETURNING_REVENUE, SEG_CHART_LINE,
                                         SEG_CHART_FORMAT_PERCENT);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = get_db (self);
  gint32 starts[N_MONTHS + 1];
  gint64 total[N_MONTHS] = { 0 }, returning[N_MONTHS] = { 0 };
  double share[N_MONTHS], low[N_MONTHS], high[N_MONTHS];
  gboolean any = FALSE;
  int year, month, mday;
  g_autofree char *low_name = NULL;
  g_autofree char *high_name = NULL;
  g_autofree char *subtitle = NULL;
  int low_percent = (int) lround (SEG_DASHBOARD_RETURNING_LOW * 100);
  int high_percent = (int) lround (SEG_DASHBOARD_RETURNING_HIGH * 100);

  g_return_val_if_fail (self != NULL, NULL);

  seg_chart_set_empty_text (chart, _("No orders in the last two years. Import your orders to "
                                     "see how much revenue comes from returning customers."));

  seg_day_to_ymd (self->day, &year, &month, &mday);
  for (int i = 0; i <= N_MONTHS; i++)
    {
      int index = year * 12 + (month - 1) - (N_MONTHS - 1) + i;

      starts[i] = seg_day_from_ymd (index / 12, index % 12 + 1, 1);
    }

  /* An order is returning unless it is its customer's first counted order
   * (by day, then id) up to the day, however long ago: a first order from
   * three years back makes this month's orders returning. */
  if (!tally_returning_revenue (db, self->day, starts, N_MONTHS, total, returning, error))
    return NULL;

  for (int i = 0; i < N_MONTHS; i++)
    {
      share[i] = total[i] > 0 ? (double) returning[i] / total[i] : NAN;
      any |= total[i] > 0;
      low[i] = SEG_DASHBOARD_RETURNING_LOW;
      high[i] = SEG_DASHBOARD_RETURNING_HIGH;
    }

  if (!any)
    return g_steal_pointer (&chart);

  /* Translators: the reference lines of the returning-revenue chart */
  low_name = g_strdup_printf (_("Guide’s range: %d%%"), low_percent);
  high_name = g_strdup_printf (_("Guide’s range: %d%%"), high_percent);
  /* Translators: the guide's range, as "30–60%" */
  subtitle = g_strdup_printf (_("Share of each month’s revenue from repeat orders; the guide "
                                "expects %d–%d%%"), low_percent, high_percent);
  seg_chart_set_subtitle (chart, subtitle);

  seg_chart_set_days (chart, starts, N_MONTHS);
  seg_chart_add_series (chart, _("Returning customers"), share, N_MONTHS);
  seg_chart_add_series (chart, low_name, low, N_MONTHS);
  seg_chart_add_series (chart, high_name, high, N_MONTHS);
  seg_chart_set_series_color (chart, 1, GUIDE_COLOR);
  seg_chart_set_series_color (chart, 2, GUIDE_COLOR);

  return g_steal_pointer (&chart);
}

/**
 * seg_dashboard_build_segment_trend:
 *
 * Each segment's size on the days it was snapshotted (up to the
 * dashboard's day), one line per segment in its colour.
 */
SegChart *
seg_dashboard_build_segment_trend (SegDashboard  *self,
                                   GError       **error)
{
  g_autoptr(SegChart) chart = new_chart (self, SEG_DASHBOARD_SEGMENT_TREND, SEG_CHART_LINE,
                                         SEG_CHART_FORMAT_COUNT);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (gint32));
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) colors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (double));
  sqlite3 *db = get_db (self);
  GPtrArray *names;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  seg_chart_set_empty_text (chart, _("Segment sizes over time appear here once segments have "
                                     "been counted on more than one day, after each import or "
                                     "when the store is opened."));

  /* The days first, then one value per (segment, day). */
  stmt = prepare (db, "SELECT DISTINCT snapshot_day FROM segment_snapshots"
                      " WHERE snapshot_day <= ?1 ORDER BY snapshot_day", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, self->day);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint32 day = sqlite3_column_int (stmt, 0);

      g_array_append_val (days, day);
    }
  if (!step_finished (db, rc, error))
    return NULL;
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (days->len == 0)
    return g_steal_pointer (&chart);

  stmt = prepare (db, "SELECT id, name, color FROM segments ORDER BY priority, id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      g_ptr_array_add (segments, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      g_ptr_array_add (colors, g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
    }
  if (!step_finished (db, rc, error))
    return NULL;
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (ids->len == 0)
    {
      seg_chart_set_empty_text (chart, no_segments_text ());
      return g_steal_pointer (&chart);
    }

  g_array_set_size (cells, ids->len * days->len);
  for (guint i = 0; i < cells->len; i++)
    g_array_index (cells, double, i) = NAN;

  stmt = prepare (db, "SELECT segment_id, snapshot_day, customers FROM segment_snapshots"
                      " WHERE snapshot_day <= ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, self->day);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint32 day = sqlite3_column_int (stmt, 1);
      guint s, d;

      for (s = 0; s < ids->len && g_array_index (ids, gint64, s) != id; s++)
        ;
      for (d = 0; d < days->len && g_array_index (days, gint32, d) != day; d++)
        ;
      if (s < ids->len && d < days->len)
        g_array_index (cells, double, s * days->len + d) = sqlite3_column_int64 (stmt, 2);
    }
  if (!step_finished (db, rc, error))
    return NULL;

  seg_chart_set_subtitle (chart, _("Customers in each segment on the days it was counted"));
  seg_chart_set_days (chart, (gint32 *) days->data, days->len);
  names = attach_segment_map (chart, SEGMENT_AXIS_SERIES);

  for (guint s = 0; s < ids->len; s++)
    {
      guint series = seg_chart_add_series (chart, g_ptr_array_index (segments, s),
                                           &g_array_index (cells, double, s * days->len),
                                           days->len);

      if (g_ptr_array_index (colors, s) != NULL)
        seg_chart_set_series_color (chart, series, g_ptr_array_index (colors, s));
      g_ptr_array_add (names, g_strdup (g_ptr_array_index (segments, s)));
    }

  return g_steal_pointer (&chart);
}

/* RFM */

/**
 * seg_dashboard_build_rfm_grid:
 * @self: a dashboard
 * @revenue: %TRUE for net revenue per cell, %FALSE for customers
 * @error: return location for a #GError
 *
 * Recency × frequency scores; each cell is labelled with the RFM group most
 * of its customers belong to.
 */
SegChart *
seg_dashboard_build_rfm_grid (SegDashboard  *self,
                              gboolean       revenue,
                              GError       **error)
{
  g_autoptr(SegChart) chart = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = get_db (self);
  double values[5][5] = { { 0 } };
  gint64 best[5][5] = { { 0 } };
  SegRfmGroup groups[5][5];
  gboolean any = FALSE;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  chart = new_chart (self, revenue ? SEG_DASHBOARD_RFM_GRID_REVENUE : SEG_DASHBOARD_RFM_GRID,
                     SEG_CHART_RFM_GRID,
                     revenue ? SEG_CHART_FORMAT_MONEY : SEG_CHART_FORMAT_COUNT);
  seg_chart_set_empty_text (chart, _("The RFM grid appears once customers have orders. "
                                     "Import your orders to see it."));

  for (int r = 0; r < 5; r++)
    for (int f = 0; f < 5; f++)
      groups[r][f] = SEG_RFM_GROUP_INVALID;

  stmt = prepare (db, "SELECT r, f, rfm_group, COUNT(*), COALESCE(SUM(revenue_cents), 0)"
                      " FROM customer_measures"
                      " WHERE r BETWEEN 1 AND 5 AND f BETWEEN 1 AND 5"
                      " GROUP BY r, f, rfm_group", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int r = sqlite3_column_int (stmt, 0) - 1;
      int f = sqlite3_column_int (stmt, 1) - 1;
      SegRfmGroup group = seg_rfm_group_from_string ((const char *) sqlite3_column_text (stmt, 2));
      gint64 customers = sqlite3_column_int64 (stmt, 3);

      values[r][f] += revenue ? sqlite3_column_int64 (stmt, 4) / minor_units (self) : customers;
      if (customers > best[r][f])
        {
          best[r][f] = customers;
          groups[r][f] = group;
        }
      any = TRUE;
    }
  if (!step_finished (db, rc, error))
    return NULL;

  if (!any)
    return g_steal_pointer (&chart);

  seg_chart_set_subtitle (chart, revenue ?
                          _("Net revenue of the customers in each cell, labelled with their "
                            "most common RFM group") :
                          _("Customers in each cell, labelled with their most common RFM group"));
  for (int r = 0; r < 5; r++)
    for (int f = 0; f < 5; f++)
      seg_chart_set_rfm_cell (chart, r + 1, f + 1, values[r][f],
                              groups[r][f] != SEG_RFM_GROUP_INVALID ?
                              seg_rfm_group_get_title (groups[r][f]) : NULL);

  return g_steal_pointer (&chart);
}

/* The latest snapshot day on or before @day, and the one before it. */
static gboolean
find_rfm_snapshot_days (sqlite3  *db,
                        gint32    day,
                        gint32   *current,
                        gint32   *previous,
                        GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  *current = *previous = SEG_DAY_INVALID;

  stmt = prepare (db, "SELECT DISTINCT snapshot_day FROM rfm_snapshots"
                      " WHERE snapshot_day <= ?1 ORDER BY snapshot_day DESC LIMIT 2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, day);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (*current == SEG_DAY_INVALID)
        *current = sqlite3_column_int (stmt, 0);
      else
        *previous = sqlite3_column_int (stmt, 0);
    }

  return step_finished (db, rc, error);
}

/**
 * seg_dashboard_build_rfm_movement:
 *
 * A heat map of customers who moved from one RFM group (row) to another
 * (column) between the two latest RFM snapshots up to the dashboard's day.
 * Staying put is left out of the cells (it would drown every move) and said
 * in the subtitle.  With fewer than two snapshots, the chart is empty and
 * says when movement will appear.
 */
SegChart *
seg_dashboard_build_rfm_movement (SegDashboard  *self,
                                  GError       **error)
{
  g_autoptr(SegChart) chart = new_chart (self, SEG_DASHBOARD_RFM_MOVEMENT, SEG_CHART_HEATMAP,
                                         SEG_CHART_FORMAT_COUNT);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = get_db (self);
  gint64 moves[SEG_RFM_N_GROUPS][SEG_RFM_N_GROUPS] = { { 0 } };
  gboolean from_used[SEG_RFM_N_GROUPS] = { FALSE }, to_used[SEG_RFM_N_GROUPS] = { FALSE };
  int rows[SEG_RFM_N_GROUPS], columns[SEG_RFM_N_GROUPS];
  guint n_rows = 0, n_columns = 0;
  gint64 stayed = 0, moved = 0;
  gint32 current, previous;
  g_autofree double *matrix = NULL;
  g_autofree const char **row_labels = NULL;
  g_autofree const char **column_labels = NULL;
  g_autofree char *since = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *moved_text = NULL;
  g_autofree char *stayed_text = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  seg_chart_set_empty_text (chart, _("Movement between RFM groups appears after the next "
                                     "import, or when the store is opened on another day."));

  if (!find_rfm_snapshot_days (db, self->day, &current, &previous, error))
    return NULL;
  if (previous == SEG_DAY_INVALID)
    return g_steal_pointer (&chart);

  stmt = prepare (db, "SELECT a.rfm_group, b.rfm_group, COUNT(*)"
                      " FROM rfm_snapshots AS a JOIN rfm_snapshots AS b"
                      "   ON b.customer_id = a.customer_id AND b.snapshot_day = ?2"
                      " WHERE a.snapshot_day = ?1"
                      " GROUP BY a.rfm_group, b.rfm_group", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, previous);
  sqlite3_bind_int (stmt, 2, current);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SegRfmGroup from = seg_rfm_group_from_string ((const char *) sqlite3_column_text (stmt, 0));
      SegRfmGroup to = seg_rfm_group_from_string ((const char *) sqlite3_column_text (stmt, 1));
      gint64 count = sqlite3_column_int64 (stmt, 2);

      if (from == SEG_RFM_GROUP_INVALID || to == SEG_RFM_GROUP_INVALID)
        continue;
      if (from == to)
        {
          stayed += count;
          continue;
        }
      moves[from][to] += count;
      moved += count;
      from_used[from] = to_used[to] = TRUE;
    }
  if (!step_finished (db, rc, error))
    return NULL;

  since = seg_chart_format_day (previous);
  if (moved == 0)
    {
      g_autofree char *text =
        g_strdup_printf (_("No customer has changed RFM group since %s."), since);

      seg_chart_set_empty_text (chart, text);
      return g_steal_pointer (&chart);
    }

  for (int g = 0; g < SEG_RFM_N_GROUPS; g++)
    {
      if (from_used[g])
        rows[n_rows++] = g;
      if (to_used[g])
        columns[n_columns++] = g;
    }

  matrix = g_new0 (double, n_rows * n_columns);
  row_labels = g_new0 (const char *, n_rows + 1);
  column_labels = g_new0 (const char *, n_columns + 1);
  for (guint r = 0; r < n_rows; r++)
    {
      row_labels[r] = seg_rfm_group_get_title (rows[r]);
      for (guint c = 0; c < n_columns; c++)
        matrix[r * n_columns + c] = moves[rows[r]][columns[c]];
    }
  for (guint c = 0; c < n_columns; c++)
    column_labels[c] = seg_rfm_group_get_title (columns[c]);

  moved_text = seg_chart_format_value (chart, moved);
  stayed_text = seg_chart_format_value (chart, stayed);
  /* Translators: "since <date>: <n> customers moved (row → column), <n> stayed" */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Since %s: %s customer moved from the row’s group to "
                                           "the column’s; %s stayed in their group",
                                           "Since %s: %s customers moved from the row’s group to "
                                           "the column’s; %s stayed in their group",
                                           moved),
                              since, moved_text, stayed_text);
  seg_chart_set_subtitle (chart, subtitle);
  seg_chart_set_matrix (chart, n_rows, n_columns, matrix);
  seg_chart_set_row_labels (chart, row_labels);
  seg_chart_set_column_labels (chart, column_labels);

  return g_steal_pointer (&chart);
}

/**
 * seg_dashboard_snapshot_rfm:
 * @db: a store's connection, its measures current for @day
 * @day: the day to record
 * @error: return location for a #GError
 *
 * Records every customer's RFM group as of @day in rfm_snapshots, replacing
 * what an earlier call recorded for the same day, so that calling it at
 * every import and open is harmless.
 *
 * Returns: %TRUE on success
 */
gboolean
seg_dashboard_snapshot_rfm (sqlite3  *db,
                            gint32    day,
                            GError  **error)
{
  g_autoptr(sqlite3_stmt) remove = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;

  g_return_val_if_fail (db != NULL, FALSE);

  if (sqlite3_exec (db, "SAVEPOINT seg_rfm_snapshot", NULL, NULL, NULL) != SQLITE_OK)
    return set_db_error (db, error);

  remove = prepare (db, "DELETE FROM rfm_snapshots WHERE snapshot_day = ?1", error);
  insert = remove == NULL ? NULL :
    prepare (db, "INSERT INTO rfm_snapshots (snapshot_day, customer_id, rfm_group)"
                 " SELECT ?1, customer_id, rfm_group FROM customer_measures"
                 " WHERE rfm_group IS NOT NULL", error);
  if (insert != NULL)
    {
      sqlite3_bind_int (remove, 1, day);
      sqlite3_bind_int (insert, 1, day);
      if (step_finished (db, sqlite3_step (remove), error) &&
          step_finished (db, sqlite3_step (insert), error))
        {
          if (sqlite3_exec (db, "RELEASE seg_rfm_snapshot", NULL, NULL, NULL) == SQLITE_OK)
            return TRUE;
          set_db_error (db, error);
        }
    }

  sqlite3_exec (db, "ROLLBACK TO seg_rfm_snapshot; RELEASE seg_rfm_snapshot", NULL, NULL, NULL);
  return FALSE;
}

/* Overlap */

/**
 * seg_dashboard_build_overlap:
 *
 * Segment × segment: customers in both; the diagonal is each segment's size.
 */
SegChart *
seg_dashboard_build_overlap (SegDashboard  *self,
                             GError       **error)
{
  g_autoptr(SegChart) chart = new_chart (self, SEG_DASHBOARD_OVERLAP, SEG_CHART_HEATMAP,
                                         SEG_CHART_FORMAT_COUNT);
  g_autofree double *matrix = NULL;
  g_autofree const char **labels = NULL;
  SegEvaluation *evaluation;
  GPtrArray *names;
  guint n;

  g_return_val_if_fail (self != NULL, NULL);

  evaluation = get_evaluation (self, error);
  if (evaluation == NULL)
    return NULL;

  n = seg_evaluation_get_n_segments (evaluation);
  seg_chart_set_empty_text (chart, n == 0 ? no_segments_text () :
                            _("The overlap appears once the store has two segments or more."));
  if (n < 2)
    return g_steal_pointer (&chart);

  matrix = g_new0 (double, n * n);
  labels = g_new0 (const char *, n + 1);
  names = attach_segment_map (chart, SEGMENT_AXIS_ROW);
  for (guint a = 0; a < n; a++)
    {
      labels[a] = seg_segment_get_name (seg_evaluation_get_segment (evaluation, a));
      g_ptr_array_add (names, g_strdup (labels[a]));
      for (guint b = 0; b < n; b++)
        matrix[a * n + b] = seg_evaluation_get_overlap (evaluation, a, b);
    }

  seg_chart_set_subtitle (chart, _("Customers in both segments; the diagonal is each "
                                   "segment’s size"));
  seg_chart_set_matrix (chart, n, n, matrix);
  seg_chart_set_row_labels (chart, labels);
  seg_chart_set_column_labels (chart, labels);

  return g_steal_pointer (&chart);
}

/* Campaigns */

typedef struct
{
  char   *segment;
  gint64  sent;
  gint64  opens;
  gint64  clicks;
  gint64  orders;
  gint64  revenue_cents;
} CampaignTotals;

static void
campaign_totals_clear (gpointer data)
{
  CampaignTotals *totals = data;

  g_free (totals->segment);
}

static GArray *
load_campaign_totals (SegDashboard  *self,
                      GError       **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (CampaignTotals));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = get_db (self);
  int rc;

  g_array_set_clear_func (rows, campaign_totals_clear);

  stmt = prepare (db,
                  "SELECT r.segment_name, SUM(r.sent), SUM(r.opens), SUM(r.clicks),"
                  "  SUM(r.orders), SUM(r.revenue_cents)"
                  " FROM campaign_results AS r JOIN campaigns AS c ON c.id = r.campaign_id"
                  " WHERE c.sent_day IS NULL OR c.sent_day <= ?1"
                  " GROUP BY r.segment_name HAVING SUM(r.sent) > 0"
                  " ORDER BY SUM(r.sent) DESC, r.segment_name", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, self->day);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CampaignTotals totals = {
        g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
        sqlite3_column_int64 (stmt, 1),
        sqlite3_column_int64 (stmt, 2),
        sqlite3_column_int64 (stmt, 3),
        sqlite3_column_int64 (stmt, 4),
        sqlite3_column_int64 (stmt, 5),
      };

      g_array_append_val (rows, totals);
    }
  if (!step_finished (db, rc, error))
    return NULL;

  return g_steal_pointer (&rows);
}

static const char *
no_campaigns_text (void)
{
  return _("No campaign results yet. Import them from Klaviyo or Mailchimp to compare "
           "how each segment responds.");
}

/**
 * seg_dashboard_build_campaigns:
 *
 * Open, click and conversion rate (orders per recipient) of the campaigns
 * sent to each segment, side by side.
 */
SegChart *
seg_dashboard_build_campaigns (SegDashboard  *self,
                               GError       **error)
{
  g_autoptr(SegChart) chart = new_chart (self, SEG_DASHBOARD_CAMPAIGNS, SEG_CHART_BAR_HORIZONTAL,
                                         SEG_CHART_FORMAT_PERCENT);
  g_autoptr(GArray) rows = NULL;
  g_autofree double *opens = NULL;
  g_autofree double *clicks = NULL;
  g_autofree double *orders = NULL;
  GPtrArray *names;

  g_return_val_if_fail (self != NULL, NULL);

  seg_chart_set_empty_text (chart, no_campaigns_text ());
  rows = load_campaign_totals (self, error);
  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    return g_steal_pointer (&chart);

  opens = g_new (double, rows->len);
  clicks = g_new (double, rows->len);
  orders = g_new (double, rows->len);
  names = attach_segment_map (chart, SEGMENT_AXIS_CATEGORY);
  for (guint i = 0; i < rows->len; i++)
    {
      CampaignTotals *totals = &g_array_index (rows, CampaignTotals, i);

      seg_chart_add_category (chart, totals->segment);
      g_ptr_array_add (names, g_strdup (totals->segment));
      opens[i] = (double) totals->opens / totals->sent;
      clicks[i] = (double) totals->clicks / totals->sent;
      orders[i] = (double) totals->orders / totals->sent;
    }

  seg_chart_set_subtitle (chart, _("Of all recipients of the campaigns sent to each segment"));
  seg_chart_add_series (chart, _("Open rate"), opens, rows->len);
  seg_chart_add_series (chart, _("Click rate"), clicks, rows->len);
  seg_chart_add_series (chart, _("Conversion rate"), orders, rows->len);

  return g_steal_pointer (&chart);
}

/**
 * seg_dashboard_build_campaign_revenue:
 *
 * Revenue per recipient of the campaigns sent to each segment.
 */
SegChart *
seg_dashboard_build_campaign_revenue (SegDashboard  *self,
                                      GError       **error)
{
  g_autoptr(SegChart) chart = new_chart (self, SEG_DASHBOARD_CAMPAIGN_REVENUE,
                                         SEG_CHART_BAR_HORIZONTAL, SEG_CHART_FORMAT_MONEY);
  g_autoptr(GArray) rows = NULL;
  g_autofree double *values = NULL;
  SegEvaluation *evaluation;
  GPtrArray *names;

  g_return_val_if_fail (self != NULL, NULL);

  seg_chart_set_empty_text (chart, no_campaigns_text ());
  seg_chart_set_show_share (chart, FALSE);  /* revenue per recipient is a rate */
  rows = load_campaign_totals (self, error);
  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    return g_steal_pointer (&chart);

  evaluation = get_evaluation (self, error);
  if (evaluation == NULL)
    return NULL;

  values = g_new (double, rows->len);
  names = attach_segment_map (chart, SEGMENT_AXIS_CATEGORY);
  for (guint i = 0; i < rows->len; i++)
    {
      CampaignTotals *totals = &g_array_index (rows, CampaignTotals, i);
      guint c = seg_chart_add_category (chart, totals->segment);

      for (guint s = 0; s < seg_evaluation_get_n_segments (evaluation); s++)
        {
          SegSegment *segment = seg_evaluation_get_segment (evaluation, s);

          if (g_strcmp0 (seg_segment_get_name (segment), totals->segment) == 0 &&
              seg_segment_get_color (segment) != NULL)
            seg_chart_set_category_color (chart, c, seg_segment_get_color (segment));
        }
      g_ptr_array_add (names, g_strdup (totals->segment));
      values[i] = totals->revenue_cents / minor_units (self) / totals->sent;
    }

  seg_chart_set_subtitle (chart, _("Revenue from campaign orders divided by recipients"));
  seg_chart_add_series (chart, _("Revenue per recipient"), values, rows->len);

  return g_steal_pointer (&chart);
}

/* A/B tests */

void
seg_ab_test_free (SegAbTest *test)
{
  if (test == NULL)
    return;

  g_free (test->campaign);
  g_free (test->segment);
  g_free (test->subject_a);
  g_free (test->subject_b);
  g_free (test);
}

/**
 * seg_proportion_test_dup_statement:
 * @test: a two-proportion test of B against A
 * @measure: what was compared, as "open rate" (lower case, translated)
 *
 * Returns: (transfer full): the result in plain words, as "B's open rate is
 *   higher, and the difference is statistically significant (p = 0.01)."
 */
char *
seg_proportion_test_dup_statement (const SegProportionTest *test,
                                   const char              *measure)
{
  g_autofree char *p = NULL;
  const char *higher;

  g_return_val_if_fail (test != NULL, NULL);
  g_return_val_if_fail (measure != NULL, NULL);

  if (!test->valid)
    /* Translators: %s is "open rate" or "conversion rate" */
    return g_strdup_printf (_("There is not enough data to compare the %s of A and B."), measure);

  p = format_p_value (test->p_value);
  if (test->rate_a == test->rate_b)
    /* Translators: %s is "open rate" or "conversion rate" */
    return g_strdup_printf (_("A and B have the same %s (%s)."), measure, p);

  higher = test->rate_b > test->rate_a ? "B" : "A";
  if (test->p_value < 0.05)
    /* Translators: "B's open rate is higher, and the difference is
     * statistically significant (p = 0.01)." */
    return g_strdup_printf (_("%s’s %s is higher, and the difference is statistically "
                              "significant (%s)."), higher, measure, p);

  /* Translators: "B's open rate is higher, but the difference is not
   * significant — the sample is too small to tell (p = 0.21)." */
  return g_strdup_printf (_("%s’s %s is higher, but the difference is not significant — the "
                            "sample is too small to tell (%s)."), higher, measure, p);
}

/**
 * seg_ab_test_dup_statement:
 *
 * Returns: (transfer full): the test's result on open rate in plain words
 */
char *
seg_ab_test_dup_statement (const SegAbTest *test)
{
  g_return_val_if_fail (test != NULL, NULL);
  return seg_proportion_test_dup_statement (&test->open_test, _("open rate"));
}

/**
 * seg_dashboard_dup_ab_tests:
 * @self: a dashboard
 * @error: return location for a #GError
 *
 * Every campaign (per segment) sent in two variants, most recent first,
 * with B tested against A on open rate and on conversion.  Variants are
 * named by the import; the first two in alphabetical order ("A", "B") are
 * compared.
 *
 * Returns: (transfer full) (element-type SegAbTest): the tests, or %NULL
 *   with @error set
 */
GPtrArray *
seg_dashboard_dup_ab_tests (SegDashboard  *self,
                            GError       **error)
{
  g_autoptr(GPtrArray) tests = g_ptr_array_new_with_free_func ((GDestroyNotify) seg_ab_test_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  SegAbTest *test = NULL;
  gint64 test_campaign = -1;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  db = get_db (self);
  stmt = prepare (db,
                  "SELECT c.id, c.name, r.segment_name, r.variant, r.subject,"
                  "  r.sent, r.opens, r.clicks, r.orders"
                  " FROM campaign_results AS r JOIN campaigns AS c ON c.id = r.campaign_id"
                  " WHERE r.variant != '' AND (c.sent_day IS NULL OR c.sent_day <= ?1)"
                  " ORDER BY c.sent_day DESC, c.id, r.segment_name, r.variant", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, self->day);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 campaign = sqlite3_column_int64 (stmt, 0);
      const char *segment = (const char *) sqlite3_column_text (stmt, 2);
      const char *subject = (const char *) sqlite3_column_text (stmt, 4);
      int v;

      if (test == NULL || campaign != test_campaign || g_strcmp0 (segment, test->segment) != 0)
        {
          if (test != NULL && test->subject_b == NULL)
            g_ptr_array_remove (tests, test);
          test = g_new0 (SegAbTest, 1);
          test->campaign = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          test->segment = g_strdup (segment);
          test_campaign = campaign;
          g_ptr_array_add (tests, test);
          v = 0;
        }
      else if (test->subject_b == NULL)
        v = 1;
      else
        continue;   /* a third variant */

      if (v == 0)
        test->subject_a = g_strdup (subject);
      else
        test->subject_b = g_strdup (subject != NULL ? subject : "");
      test->sent[v] = sqlite3_column_int64 (stmt, 5);
      test->opens[v] = sqlite3_column_int64 (stmt, 6);
      test->clicks[v] = sqlite3_column_int64 (stmt, 7);
      test->orders[v] = sqlite3_column_int64 (stmt, 8);
    }
  if (!step_finished (db, rc, error))
    return NULL;
  if (test != NULL && test->subject_b == NULL)
    g_ptr_array_remove (tests, test);

  for (guint i = 0; i < tests->len; i++)
    {
      SegAbTest *t = g_ptr_array_index (tests, i);

      seg_stats_two_proportion_test (t->opens[0], t->sent[0], t->opens[1], t->sent[1],
                                     &t->open_test);
      seg_stats_two_proportion_test (t->orders[0], t->sent[0], t->orders[1], t->sent[1],
                                     &t->conversion_test);
    }

  return g_steal_pointer (&tests);
}

/**
 * seg_dashboard_build_ab_tests:
 *
 * Open rates of variants A and B side by side per campaign; the subtitle
 * names the campaigns where the difference is statistically significant.
 * seg_dashboard_dup_ab_tests () has each test's statement.
 */
SegChart *
seg_dashboard_build_ab_tests (SegDashboard  *self,
                              GError       **error)
{
  g_autoptr(SegChart) chart = new_chart (self, SEG_DASHBOARD_AB_TESTS, SEG_CHART_BAR_HORIZONTAL,
                                         SEG_CHART_FORMAT_PERCENT);
  g_autoptr(GPtrArray) tests = NULL;
  g_autoptr(GPtrArray) significant = g_ptr_array_new ();
  g_autofree double *a = NULL;
  g_autofree double *b = NULL;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  seg_chart_set_empty_text (chart, _("No A/B tests yet. Campaign results with two variants of a "
                                     "subject line show up here."));
  tests = seg_dashboard_dup_ab_tests (self, error);
  if (tests == NULL)
    return NULL;
  if (tests->len == 0)
    return g_steal_pointer (&chart);

  a = g_new (double, tests->len);
  b = g_new (double, tests->len);
  for (guint i = 0; i < tests->len; i++)
    {
      SegAbTest *test = g_ptr_array_index (tests, i);

      seg_chart_add_category (chart, test->campaign);
      a[i] = test->open_test.rate_a;
      b[i] = test->open_test.rate_b;
      if (test->open_test.valid && test->open_test.p_value < 0.05)
        g_ptr_array_add (significant, test->campaign);
    }
  g_ptr_array_add (significant, NULL);

  if (significant->len == 1)
    subtitle = g_strdup (_("Open rate of each subject line; no difference is statistically "
                           "significant"));
  else
    {
      g_autofree char *list = g_strjoinv (_(", "), (char **) significant->pdata);

      /* Translators: %s is a list of campaign names */
      subtitle = g_strdup_printf (_("Open rate of each subject line; significant difference: %s"),
                                  list);
    }
  seg_chart_set_subtitle (chart, subtitle);
  seg_chart_add_series (chart, _("Variant A"), a, tests->len);
  seg_chart_add_series (chart, _("Variant B"), b, tests->len);

  return g_steal_pointer (&chart);
}

/* Geography */

typedef struct
{
  char   *country;
  gint64  customers;
  gint64  revenue_cents;
} CountryTotals;

static int
compare_customers (gconstpointer a,
                   gconstpointer b)
{
  const CountryTotals *x = a, *y = b;

  if (x->customers != y->customers)
    return x->customers > y->customers ? -1 : 1;
  return g_strcmp0 (x->country, y->country);
}

static int
compare_revenue (gconstpointer a,
                 gconstpointer b)
{
  const CountryTotals *x = a, *y = b;

  if (x->revenue_cents != y->revenue_cents)
    return x->revenue_cents > y->revenue_cents ? -1 : 1;
  return g_strcmp0 (x->country, y->country);
}

static void
country_totals_clear (gpointer data)
{
  g_free (((CountryTotals *) data)->country);
}

/**
 * seg_dashboard_build_geography:
 * @self: a dashboard
 * @revenue: %TRUE for customers' net revenue, %FALSE for customers
 * @error: return location for a #GError
 *
 * The ten countries with the most customers (or revenue), by their
 * localized names, and everyone else as "Other".
 */
SegChart *
seg_dashboard_build_geography (SegDashboard  *self,
                               gboolean       revenue,
                               GError       **error)
{
  g_autoptr(SegChart) chart = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (CountryTotals));
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = get_db (self);
  double other = 0;
  guint shown = 0;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  chart = new_chart (self, revenue ? SEG_DASHBOARD_GEOGRAPHY_REVENUE : SEG_DASHBOARD_GEOGRAPHY,
                     SEG_CHART_BAR_HORIZONTAL,
                     revenue ? SEG_CHART_FORMAT_MONEY : SEG_CHART_FORMAT_COUNT);
  seg_chart_set_empty_text (chart, revenue ?
                            _("No revenue yet. Import your orders to see where it comes from.") :
                            _("No customers yet. Import your customers to see where they live."));
  g_array_set_clear_func (rows, country_totals_clear);

  stmt = prepare (db, "SELECT c.country, COUNT(*), COALESCE(SUM(m.revenue_cents), 0)"
                      " FROM customers AS c JOIN customer_measures AS m ON m.customer_id = c.id"
                      " GROUP BY c.country", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CountryTotals totals = {
        g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
        sqlite3_column_int64 (stmt, 1),
        sqlite3_column_int64 (stmt, 2),
      };

      if (revenue ? totals.revenue_cents <= 0 : totals.customers <= 0)
        {
          g_free (totals.country);
          continue;
        }
      g_array_append_val (rows, totals);
    }
  if (!step_finished (db, rc, error))
    return NULL;

  if (rows->len == 0)
    return g_steal_pointer (&chart);

  g_array_sort (rows, revenue ? compare_revenue : compare_customers);

  for (guint i = 0; i < rows->len; i++)
    {
      CountryTotals *totals = &g_array_index (rows, CountryTotals, i);
      double v = revenue ? totals->revenue_cents / minor_units (self) : totals->customers;
      const char *name;

      if (shown == SEG_DASHBOARD_TOP_COUNTRIES)
        {
          other += v;
          continue;
        }

      name = totals->country != NULL ? seg_country_get_localized_name (totals->country) : NULL;
      if (name == NULL)
        name = totals->country != NULL ? totals->country : _("Unknown");
      seg_chart_add_category (chart, name);
      g_array_append_val (values, v);
      shown++;
    }

  if (other > 0)
    {
      guint c = seg_chart_add_category (chart, _("Other"));

      seg_chart_set_category_color (chart, c, NEUTRAL_COLOR);
      g_array_append_val (values, other);
    }

  seg_chart_set_subtitle (chart, revenue ? _("Customers’ net revenue, by the country of their "
                                             "address") :
                                           _("By the country of their address"));
  seg_chart_add_series (chart, revenue ? _("Revenue") : _("Customers"),
                        (double *) values->data, values->len);

  return g_steal_pointer (&chart);
}

/* One segment's charts */

static const struct
{
  const char *id;
  const char *title;
} segment_charts[] = {
  [SEG_SEGMENT_CHART_SIZE_TREND] = { "segment-size-trend", N_("Members over time") },
  [SEG_SEGMENT_CHART_REVENUE_TREND] = { "segment-revenue-trend",
                                        N_("Members’ revenue over time") },
  [SEG_SEGMENT_CHART_ORDERS_BY_MONTH] = { "segment-orders-by-month",
                                          N_("Members’ orders per month") },
  [SEG_SEGMENT_CHART_REVENUE_BY_MONTH] = { "segment-revenue-by-month",
                                           N_("Members’ revenue per month") },
  [SEG_SEGMENT_CHART_COUNTRIES] = { "segment-countries", N_("Where members live") },
  [SEG_SEGMENT_CHART_PRODUCTS] = { "segment-products", N_("What members buy") },
  [SEG_SEGMENT_CHART_RFM] = { "segment-rfm", N_("Members by RFM group") },
  [SEG_SEGMENT_CHART_CAMPAIGNS] = { "segment-campaigns", N_("Campaign results") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (segment_charts) == SEG_SEGMENT_N_CHARTS);

/**
 * seg_segment_chart_get_id:
 *
 * Returns: the segment chart's stable id, as `segment-size-trend`
 */
const char *
seg_segment_chart_get_id (SegSegmentChart chart)
{
  g_return_val_if_fail ((guint) chart < SEG_SEGMENT_N_CHARTS, NULL);
  return segment_charts[chart].id;
}

/**
 * seg_segment_chart_get_title:
 *
 * Returns: the segment chart's translated title
 */
const char *
seg_segment_chart_get_title (SegSegmentChart chart)
{
  g_return_val_if_fail ((guint) chart < SEG_SEGMENT_N_CHARTS, NULL);
  return _(segment_charts[chart].title);
}

static SegChart *
new_segment_chart (SegDashboard    *self,
                   SegSegmentChart  which,
                   SegChartKind     kind,
                   SegChartFormat   format)
{
  SegChart *chart = seg_chart_new (kind);

  seg_chart_set_title (chart, seg_segment_chart_get_title (which));
  seg_chart_set_value_format (chart, format);
  if (self->currency != NULL)
    seg_chart_set_currency (chart, self->currency);

  return chart;
}

static const char *
no_members_text (void)
{
  return _("No customer is in this segment yet. Widen the rule on the Rule tab, or import "
           "more customers.");
}

static const char *
invalid_rule_text (void)
{
  return _("The segment’s rule has an error. Fix it on the Rule tab to see these charts.");
}

/* The segment as saved now; kept for the next chart of the same one. */
static SegSegment *
get_segment (SegDashboard  *self,
             gint64         segment_id,
             GError       **error)
{
  g_autoptr(SegSegment) segment = NULL;

  if (self->segment != NULL && seg_segment_get_id (self->segment) == segment_id)
    return self->segment;

  segment = seg_segments_lookup_by_id (self->store, segment_id, error);
  if (segment == NULL)
    return NULL;

  g_set_object (&self->segment, segment);
  self->n_members = -1;

  return self->segment;
}

/* Prepares "WITH members (id) AS (<the segment's members>) @query": @query
 * reads the member ids as "SELECT id FROM members".  The rule's parameters
 * are bound; @query's own "?" come after them, from *@next_param on.  A
 * rule that does not parse or compile is no error: *@invalid is set and
 * %NULL returned without @error. */
static sqlite3_stmt *
prepare_for_members (SegDashboard  *self,
                     gint64         segment_id,
                     const char    *query,
                     int           *next_param,
                     gboolean      *invalid,
                     GError       **error)
{
  g_autoptr(SegRule) rule = NULL;
  g_autoptr(SegCompiledRule) compiled = NULL;
  g_autoptr(GError) rule_error = NULL;
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt = NULL;
  SegSegment *segment;
  sqlite3 *db = get_db (self);

  *invalid = FALSE;
  segment = get_segment (self, segment_id, error);
  if (segment == NULL)
    return NULL;

  rule = seg_rule_new_from_text (seg_segment_get_rule (segment), &rule_error);
  if (rule != NULL)
    compiled = seg_rule_compile (db, rule, self->day, &rule_error);
  if (compiled == NULL)
    {
      if (!g_error_matches (rule_error, SEG_RULE_ERROR, SEG_RULE_ERROR_FAILED))
        {
          *invalid = TRUE;
          return NULL;
        }
      g_propagate_error (error, g_steal_pointer (&rule_error));
      return NULL;
    }

  text = g_strdup_printf ("WITH members (id) AS (SELECT c.id FROM " SEG_RULE_SQL_FROM
                          " WHERE %s) %s", seg_compiled_rule_get_where (compiled), query);
  stmt = prepare (db, text, error);
  if (stmt == NULL)
    return NULL;
  if (!seg_compiled_rule_bind (compiled, stmt, 1, error))
    {
      sqlite3_finalize (stmt);
      return NULL;
    }

  *next_param = seg_compiled_rule_get_n_params (compiled) + 1;
  return stmt;
}

/* The segment's member count, or -1 with *@invalid set for a rule that
 * cannot be run. */
static gboolean
count_members (SegDashboard  *self,
               gint64         segment_id,
               gint64        *n_members,
               gboolean      *invalid,
               GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int next, rc;

  *invalid = FALSE;
  if (get_segment (self, segment_id, error) == NULL)
    return FALSE;
  if (self->n_members >= 0)
    {
      *n_members = self->n_members;
      return TRUE;
    }

  stmt = prepare_for_members (self, segment_id, "SELECT count(*) FROM members", &next,
                              invalid, error);
  if (stmt == NULL)
    return *invalid;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return step_finished (get_db (self), rc, error);

  *n_members = self->n_members = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* Whether the chart can have anything: a runnable rule and some members.
 * Otherwise the chart gets the empty text that says why. */
static gboolean
check_members (SegDashboard  *self,
               SegChart      *chart,
               gint64         segment_id,
               gboolean      *ok,
               GError       **error)
{
  gboolean invalid = FALSE;
  gint64 n = 0;

  *ok = FALSE;
  if (!count_members (self, segment_id, &n, &invalid, error))
    return FALSE;

  if (invalid)
    seg_chart_set_empty_text (chart, invalid_rule_text ());
  else if (n == 0)
    seg_chart_set_empty_text (chart, no_members_text ());
  else
    *ok = TRUE;

  return TRUE;
}

static void
set_segment_color (SegDashboard *self,
                   SegChart     *chart)
{
  if (self->segment != NULL && seg_segment_get_color (self->segment) != NULL)
    seg_chart_set_series_color (chart, 0, seg_segment_get_color (self->segment));
}

/**
 * seg_dashboard_build_segment_trend_for:
 * @self: a dashboard
 * @segment_id: the segment
 * @revenue: %TRUE for the members' net revenue, %FALSE for their number
 * @error: return location for a #GError
 *
 * The segment's size (or revenue) on each day it was recorded
 * (segment_snapshots) up to the dashboard's day.  With fewer than two
 * days recorded the chart is empty and says when the trend appears.
 *
 * Returns: (transfer full): the chart, or %NULL with @error set
 */
SegChart *
seg_dashboard_build_segment_trend_for (SegDashboard  *self,
                                       gint64         segment_id,
                                       gboolean       revenue,
                                       GError       **error)
{
  g_autoptr(SegChart) chart = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (gint32));
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *since = NULL;
  g_autofree char *subtitle = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  db = get_db (self);
  chart = new_segment_chart (self, revenue ? SEG_SEGMENT_CHART_REVENUE_TREND
                                           : SEG_SEGMENT_CHART_SIZE_TREND,
                             revenue ? SEG_CHART_AREA : SEG_CHART_LINE,
                             revenue ? SEG_CHART_FORMAT_MONEY : SEG_CHART_FORMAT_COUNT);
  seg_chart_set_empty_text (chart, _("Sizes are recorded each day you open the store; the "
                                     "trend shows after two days."));

  if (get_segment (self, segment_id, error) == NULL)
    return NULL;

  stmt = prepare (db, "SELECT snapshot_day, customers, revenue_cents FROM segment_snapshots"
                      " WHERE segment_id = ?1 AND snapshot_day <= ?2 ORDER BY snapshot_day",
                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, segment_id);
  sqlite3_bind_int (stmt, 2, self->day);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint32 day = sqlite3_column_int (stmt, 0);
      double v = revenue ? sqlite3_column_int64 (stmt, 2) / minor_units (self)
                         : sqlite3_column_int64 (stmt, 1);

      g_array_append_val (days, day);
      g_array_append_val (values, v);
    }
  if (!step_finished (db, rc, error))
    return NULL;

  if (days->len < 2)
    return g_steal_pointer (&chart);

  if (revenue)
    {
      gboolean any = FALSE;

      for (guint i = 0; i < values->len; i++)
        any |= g_array_index (values, double, i) != 0;
      if (!any)
        {
          seg_chart_set_empty_text (chart, _("The members had no revenue on any day recorded: "
                                             "they have not ordered yet."));
          return g_steal_pointer (&chart);
        }
    }

  since = seg_chart_format_day (g_array_index (days, gint32, 0));
  /* Translators: %s is the first day a segment's size was recorded */
  subtitle = g_strdup_printf (revenue ? _("Net revenue of the members on each day recorded, "
                                          "since %s") :
                                        _("Customers in the segment on each day recorded, "
                                          "since %s"), since);
  seg_chart_set_subtitle (chart, subtitle);
  seg_chart_set_days (chart, (gint32 *) days->data, days->len);
  seg_chart_add_series (chart, revenue ? _("Revenue") : _("Members"),
                        (double *) values->data, values->len);
  set_segment_color (self, chart);

  return g_steal_pointer (&chart);
}

/* The first day of each of the @n months up to @day's, and of the month
 * after: starts[n + 1]. */
static void
fill_month_starts (gint32  day,
                   int     n,
                   gint32 *starts)
{
  int year, month, mday;

  seg_day_to_ymd (day, &year, &month, &mday);
  for (int i = 0; i <= n; i++)
    {
      int index = year * 12 + (month - 1) - (n - 1) + i;

      starts[i] = seg_day_from_ymd (index / 12, index % 12 + 1, 1);
    }
}

static int
find_month (const gint32 *starts,
            int           n,
            gint32        day)
{
  int lo = 0, hi = n - 1;

  while (lo < hi)
    {
      int mid = (lo + hi + 1) / 2;

      if (starts[mid] <= day)
        lo = mid;
      else
        hi = mid - 1;
    }

  return lo;
}

/* "Jul 2024": a month as a bar's label. */
static char *
format_month (gint32 first_day)
{
  g_autoptr(GDateTime) date_time = NULL;
  int y, m, d;

  seg_day_to_ymd (first_day, &y, &m, &d);
  date_time = g_date_time_new_utc (y, m, 1, 0, 0, 0);
  if (date_time == NULL)
    return g_strdup ("");
  /* Translators: a month as a chart label, in g_date_time_format () syntax */
  return g_date_time_format (date_time, _("%b %Y"));
}

/**
 * seg_dashboard_build_segment_orders_by_month:
 * @self: a dashboard
 * @segment_id: the segment
 * @revenue: %TRUE for net revenue, %FALSE for the number of orders
 * @error: return location for a #GError
 *
 * The counted orders (or their net revenue) of today's members in each of
 * the 12 months up to and including the dashboard's day.
 *
 * Returns: (transfer full): the chart, or %NULL with @error set
 */
SegChart *
seg_dashboard_build_segment_orders_by_month (SegDashboard  *self,
                                             gint64         segment_id,
                                             gboolean       revenue,
                                             GError       **error)
{
  enum { N_MONTHS = SEG_DASHBOARD_SEGMENT_MONTHS };
  g_autoptr(SegChart) chart = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint32 starts[N_MONTHS + 1];
  double values[N_MONTHS] = { 0 };
  gboolean any = FALSE, invalid, ok;
  int next = 1, rc;

  g_return_val_if_fail (self != NULL, NULL);

  chart = new_segment_chart (self, revenue ? SEG_SEGMENT_CHART_REVENUE_BY_MONTH
                                           : SEG_SEGMENT_CHART_ORDERS_BY_MONTH,
                             SEG_CHART_BAR_VERTICAL,
                             revenue ? SEG_CHART_FORMAT_MONEY : SEG_CHART_FORMAT_COUNT);
  if (!check_members (self, chart, segment_id, &ok, error))
    return NULL;
  if (!ok)
    return g_steal_pointer (&chart);
  seg_chart_set_empty_text (chart, _("The members placed no order in the last 12 months."));

  fill_month_starts (self->day, N_MONTHS, starts);
  stmt = prepare_for_members (self, segment_id,
                              "SELECT order_day, net_cents FROM orders"
                              " WHERE cancelled = 0 AND customer_id IN (SELECT id FROM members)"
                              " AND order_day >= ? AND order_day <= ?",
                              &next, &invalid, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, next, starts[0]);
  sqlite3_bind_int (stmt, next + 1, self->day);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int month = find_month (starts, N_MONTHS, sqlite3_column_int (stmt, 0));

      values[month] += revenue ? sqlite3_column_int64 (stmt, 1) / minor_units (self) : 1;
      any = TRUE;
    }
  if (!step_finished (get_db (self), rc, error))
    return NULL;

  if (!any)
    return g_steal_pointer (&chart);

  for (int i = 0; i < N_MONTHS; i++)
    {
      g_autofree char *label = format_month (starts[i]);

      seg_chart_add_category (chart, label);
    }
  seg_chart_set_subtitle (chart, revenue ?
                          _("Net revenue of the counted orders of today’s members") :
                          _("Counted orders of today’s members; cancelled ones are left out"));
  seg_chart_add_series (chart, revenue ? _("Revenue") : _("Orders"), values, N_MONTHS);
  set_segment_color (self, chart);

  return g_steal_pointer (&chart);
}

/**
 * seg_dashboard_build_segment_countries:
 *
 * The countries where most members live, by their localized names, with
 * the other members as "Other".
 *
 * Returns: (transfer full): the chart, or %NULL with @error set
 */
SegChart *
seg_dashboard_build_segment_countries (SegDashboard  *self,
                                       gint64         segment_id,
                                       GError       **error)
{
  g_autoptr(SegChart) chart = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  double other = 0;
  gboolean invalid, ok;
  guint shown = 0;
  int next = 1, rc;

  g_return_val_if_fail (self != NULL, NULL);

  chart = new_segment_chart (self, SEG_SEGMENT_CHART_COUNTRIES, SEG_CHART_BAR_HORIZONTAL,
                             SEG_CHART_FORMAT_COUNT);
  if (!check_members (self, chart, segment_id, &ok, error))
    return NULL;
  if (!ok)
    return g_steal_pointer (&chart);

  stmt = prepare_for_members (self, segment_id,
                              "SELECT country, count(*) FROM customers"
                              " WHERE id IN (SELECT id FROM members)"
                              " GROUP BY country ORDER BY count(*) DESC, country",
                              &next, &invalid, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 0);
      double v = sqlite3_column_int64 (stmt, 1);
      const char *name;

      /* Members without a country are "Other" too: the bars name places. */
      if (code == NULL || *code == '\0' || shown == SEG_DASHBOARD_SEGMENT_TOP)
        {
          other += v;
          continue;
        }

      name = seg_country_get_localized_name (code);
      seg_chart_add_category (chart, name != NULL ? name : code);
      g_array_append_val (values, v);
      shown++;
    }
  if (!step_finished (get_db (self), rc, error))
    return NULL;

  if (shown == 0)
    {
      seg_chart_set_empty_text (chart, _("No member has a known country. Import customers "
                                         "with their addresses to see where they live."));
      return g_steal_pointer (&chart);
    }

  if (other > 0)
    {
      guint c = seg_chart_add_category (chart, _("Other or unknown"));

      seg_chart_set_category_color (chart, c, NEUTRAL_COLOR);
      g_array_append_val (values, other);
    }

  seg_chart_set_subtitle (chart, _("Members by the country of their address"));
  seg_chart_add_series (chart, _("Members"), (double *) values->data, values->len);
  set_segment_color (self, chart);

  return g_steal_pointer (&chart);
}

/* Which category or product each member bought */

typedef struct
{
  char   *name;
  gint64  buyers;      /* distinct members */
} ItemCount;

/* (member, item) pairs, each a member's position << 32 | the item's index,
 * in an open-addressing set: a member counts once per item however often
 * they bought it. */
typedef struct
{
  guint64 *slots;      /* G_MAXUINT64: empty */
  gsize    mask;
  gsize    used;
} PairSet;

static void
pair_set_init (PairSet *set,
               gsize    size)
{
  set->slots = g_new (guint64, size);
  set->mask = size - 1;
  set->used = 0;
  memset (set->slots, 0xff, size * sizeof (guint64));
}

static gsize
hash_pair (guint64 pair)
{
  /* The splitmix64 finalizer: every bit of the pair moves the low bits. */
  pair ^= pair >> 33;
  pair *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  pair ^= pair >> 33;
  pair *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  pair ^= pair >> 33;
  return (gsize) pair;
}

/* Returns TRUE when @pair was not in the set yet. */
static gboolean
pair_set_add (PairSet *set,
              guint64  pair)
{
  gsize i;

  if (2 * (set->used + 1) > set->mask + 1)
    {
      guint64 *old = set->slots;
      gsize old_size = set->mask + 1;

      pair_set_init (set, 2 * old_size);
      for (gsize j = 0; j < old_size; j++)
        if (old[j] != G_MAXUINT64)
          pair_set_add (set, old[j]);
      g_free (old);
    }

  for (i = hash_pair (pair) & set->mask;
       set->slots[i] != G_MAXUINT64;
       i = (i + 1) & set->mask)
    if (set->slots[i] == pair)
      return FALSE;

  set->slots[i] = pair;
  set->used++;
  return TRUE;
}

static gssize
find_member (const GArray *ids,
             gint64        id)
{
  guint lo = 0, hi = ids->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (ids, gint64, mid) < id)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo < ids->len && g_array_index (ids, gint64, lo) == id ? (gssize) lo : -1;
}

static int
compare_item_counts (gconstpointer a,
                     gconstpointer b)
{
  const ItemCount *x = a;
  const ItemCount *y = b;

  /* As ORDER BY buyers DESC, item would. */
  if (x->buyers != y->buyers)
    return x->buyers > y->buyers ? -1 : 1;
  return strcmp (x->name, y->name);
}

static void
item_count_clear (gpointer data)
{
  ItemCount *item = data;

  g_free (item->name);
}

/* The segment's members with the items (category, or product without one)
 * of their counted orders, most bought first.  Joining the members to their
 * orders and lines goes through two indexes and looks up every line at
 * random: seconds for a segment of 40,000 customers on a million orders.
 * This reads the orders once in table order, each with its line items (next
 * to the previous order's), and tests membership in memory; products are
 * read once, not joined to every line. */
static GArray *
tally_member_items (SegDashboard  *self,
                    gint64         segment_id,
                    GError       **error)
{
  sqlite3 *db = get_db (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (ItemCount));
  SegProductLabels products = { 0 };
  PairSet bought;
  gboolean invalid;
  int next, rc;

  g_array_set_clear_func (items, item_count_clear);
  stmt = prepare_for_members (self, segment_id, "SELECT id FROM members ORDER BY id",
                              &next, &invalid, error);
  if (stmt == NULL)
    {
      if (invalid)
        return g_steal_pointer (&items);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (!step_finished (db, rc, error))
    return NULL;
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* The item is the category, or the product's name without one. */
  rc = seg_product_labels_load (&products, db, "coalesce (nullif (category, ''), name)");
  if (rc != SQLITE_OK)
    {
      seg_product_labels_clear (&products);
      set_db_error (db, error);
      return NULL;
    }
  for (guint i = 0; i < products.labels->len; i++)
    {
      ItemCount item = { g_strdup (g_ptr_array_index (products.labels, i)), 0 };

      g_array_append_val (items, item);
    }

  stmt = prepare (db,
                  "SELECT o.customer_id, l.product_id"
                  " FROM orders AS o NOT INDEXED"
                  " CROSS JOIN order_lines AS l ON l.order_id = o.id"
                  " WHERE o.cancelled = 0 AND o.order_day <= ?1 AND o.customer_id IS NOT NULL"
                  "   AND l.product_id IS NOT NULL",
                  error);
  if (stmt == NULL)
    {
      seg_product_labels_clear (&products);
      return NULL;
    }
  sqlite3_bind_int (stmt, 1, self->day);

  pair_set_init (&bought, 1024);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gssize member = find_member (ids, sqlite3_column_int64 (stmt, 0));
      guint index;

      if (member < 0)
        continue;
      index = seg_product_labels_lookup (&products, sqlite3_column_int64 (stmt, 1));
      if (index == G_MAXUINT)
        continue;
      if (pair_set_add (&bought, (guint64) member << 32 | index))
        g_array_index (items, ItemCount, index).buyers++;
    }
  g_free (bought.slots);
  seg_product_labels_clear (&products);
  if (!step_finished (db, rc, error))
    return NULL;

  /* Items no member bought are not counted. */
  for (guint i = items->len; i-- > 0;)
    if (g_array_index (items, ItemCount, i).buyers == 0)
      g_array_remove_index_fast (items, i);
  g_array_sort (items, compare_item_counts);
  return g_steal_pointer (&items);
}

/**
 * seg_dashboard_build_segment_products:
 *
 * The product categories (a product's name where it has no category)
 * bought by the largest share of members, in counted orders up to the day.
 * A member can buy from several, so the shares do not add up to 100%.
 *
 * Returns: (transfer full): the chart, or %NULL with @error set
 */
SegChart *
seg_dashboard_build_segment_products (SegDashboard  *self,
                                      gint64         segment_id,
                                      GError       **error)
{
  g_autoptr(SegChart) chart = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *subtitle = NULL;
  g_autofree char *members_text = NULL;
  g_autoptr(GArray) items = NULL;
  gboolean ok;

  g_return_val_if_fail (self != NULL, NULL);

  chart = new_segment_chart (self, SEG_SEGMENT_CHART_PRODUCTS, SEG_CHART_BAR_HORIZONTAL,
                             SEG_CHART_FORMAT_PERCENT);
  if (!check_members (self, chart, segment_id, &ok, error))
    return NULL;
  if (!ok)
    return g_steal_pointer (&chart);
  seg_chart_set_empty_text (chart, _("The members have bought nothing yet. Import your orders "
                                     "with their line items to see what they buy."));

  items = tally_member_items (self, segment_id, error);
  if (items == NULL)
    return NULL;

  for (guint i = 0; i < MIN (items->len, SEG_DASHBOARD_SEGMENT_TOP); i++)
    {
      const ItemCount *item = &g_array_index (items, ItemCount, i);
      double v = (double) item->buyers / self->n_members;

      seg_chart_add_category (chart, item->name);
      g_array_append_val (values, v);
    }

  if (values->len == 0)
    return g_steal_pointer (&chart);

  members_text = format_amount (self, SEG_CHART_FORMAT_COUNT, self->n_members);
  /* Translators: %s is the number of members of a segment */
  subtitle = g_strdup_printf (_("Share of the %s members who bought from each category"),
                              members_text);
  seg_chart_set_subtitle (chart, subtitle);
  seg_chart_add_series (chart, _("Members who bought"), (double *) values->data, values->len);
  set_segment_color (self, chart);

  return g_steal_pointer (&chart);
}

/**
 * seg_dashboard_build_segment_rfm:
 *
 * How the members spread over the RFM groups (prospects last, in grey).
 *
 * Returns: (transfer full): the chart, or %NULL with @error set
 */
SegChart *
seg_dashboard_build_segment_rfm (SegDashboard  *self,
                                 gint64         segment_id,
                                 GError       **error)
{
  g_autoptr(SegChart) chart = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 counts[SEG_RFM_N_GROUPS] = { 0 };
  gboolean invalid, ok;
  int next = 1, rc;

  g_return_val_if_fail (self != NULL, NULL);

  chart = new_segment_chart (self, SEG_SEGMENT_CHART_RFM, SEG_CHART_BAR_HORIZONTAL,
                             SEG_CHART_FORMAT_COUNT);
  if (!check_members (self, chart, segment_id, &ok, error))
    return NULL;
  if (!ok)
    return g_steal_pointer (&chart);

  stmt = prepare_for_members (self, segment_id,
                              "SELECT rfm_group, count(*) FROM customer_measures"
                              " WHERE customer_id IN (SELECT id FROM members)"
                              " GROUP BY rfm_group",
                              &next, &invalid, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SegRfmGroup group = seg_rfm_group_from_string ((const char *) sqlite3_column_text (stmt, 0));

      /* Measures not yet scored count as prospects: no order to score. */
      if (group == SEG_RFM_GROUP_INVALID)
        group = SEG_RFM_GROUP_PROSPECTS;
      counts[group] += sqlite3_column_int64 (stmt, 1);
    }
  if (!step_finished (get_db (self), rc, error))
    return NULL;

  for (int g = 0; g < SEG_RFM_N_GROUPS; g++)
    {
      double v = counts[g];
      guint c;

      if (counts[g] == 0)
        continue;
      c = seg_chart_add_category (chart, seg_rfm_group_get_title (g));
      if (g == SEG_RFM_GROUP_PROSPECTS)
        seg_chart_set_category_color (chart, c, NEUTRAL_COLOR);
      g_array_append_val (values, v);
    }

  seg_chart_set_subtitle (chart, _("Members in each RFM group; prospects have no order yet"));
  seg_chart_add_series (chart, _("Members"), (double *) values->data, values->len);
  set_segment_color (self, chart);

  return g_steal_pointer (&chart);
}

/**
 * seg_dashboard_build_segment_campaigns:
 *
 * Open, click and conversion rate (orders per recipient) of each campaign
 * whose imported results name this segment, most recent first; A/B
 * variants are added up.
 *
 * Returns: (transfer full): the chart, or %NULL with @error set
 */
SegChart *
seg_dashboard_build_segment_campaigns (SegDashboard  *self,
                                       gint64         segment_id,
                                       GError       **error)
{
  g_autoptr(SegChart) chart = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) opens = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) clicks = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) orders = g_array_new (FALSE, FALSE, sizeof (double));
  SegSegment *segment;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  db = get_db (self);
  chart = new_segment_chart (self, SEG_SEGMENT_CHART_CAMPAIGNS, SEG_CHART_BAR_HORIZONTAL,
                             SEG_CHART_FORMAT_PERCENT);
  seg_chart_set_empty_text (chart, _("No campaign results for this segment yet. Import the "
                                     "results of campaigns sent to it from Klaviyo or Mailchimp "
                                     "to see how it responds."));

  segment = get_segment (self, segment_id, error);
  if (segment == NULL)
    return NULL;

  stmt = prepare (db,
                  "SELECT c.name, SUM(r.sent), SUM(r.opens), SUM(r.clicks), SUM(r.orders)"
                  " FROM campaign_results AS r JOIN campaigns AS c ON c.id = r.campaign_id"
                  " WHERE r.segment_name = ?1 AND (c.sent_day IS NULL OR c.sent_day <= ?2)"
                  " GROUP BY c.id HAVING SUM(r.sent) > 0"
                  " ORDER BY c.sent_day DESC, c.name", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, seg_segment_get_name (segment), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, self->day);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      double sent = sqlite3_column_int64 (stmt, 1);
      double open = sqlite3_column_int64 (stmt, 2) / sent;
      double click = sqlite3_column_int64 (stmt, 3) / sent;
      double order = sqlite3_column_int64 (stmt, 4) / sent;

      seg_chart_add_category (chart, (const char *) sqlite3_column_text (stmt, 0));
      g_array_append_val (opens, open);
      g_array_append_val (clicks, click);
      g_array_append_val (orders, order);
    }
  if (!step_finished (db, rc, error))
    return NULL;

  if (opens->len == 0)
    return g_steal_pointer (&chart);

  seg_chart_set_subtitle (chart, _("Of all recipients of each campaign sent to this segment"));
  seg_chart_add_series (chart, _("Open rate"), (double *) opens->data, opens->len);
  seg_chart_add_series (chart, _("Click rate"), (double *) clicks->data, clicks->len);
  seg_chart_add_series (chart, _("Conversion rate"), (double *) orders->data, orders->len);

  return g_steal_pointer (&chart);
}

/**
 * seg_dashboard_dup_segment_ab_tests:
 * @self: a dashboard
 * @segment_id: the segment
 * @error: return location for a #GError
 *
 * As seg_dashboard_dup_ab_tests (), for the campaigns sent to one segment.
 *
 * Returns: (transfer full) (element-type SegAbTest): the tests, or %NULL
 *   with @error set
 */
GPtrArray *
seg_dashboard_dup_segment_ab_tests (SegDashboard  *self,
                                    gint64         segment_id,
                                    GError       **error)
{
  g_autoptr(GPtrArray) tests = NULL;
  SegSegment *segment;

  g_return_val_if_fail (self != NULL, NULL);

  segment = get_segment (self, segment_id, error);
  if (segment == NULL)
    return NULL;

  tests = seg_dashboard_dup_ab_tests (self, error);
  if (tests == NULL)
    return NULL;

  for (guint i = tests->len; i > 0; i--)
    {
      SegAbTest *test = g_ptr_array_index (tests, i - 1);

      if (g_strcmp0 (test->segment, seg_segment_get_name (segment)) != 0)
        g_ptr_array_remove_index (tests, i - 1);
    }

  return g_steal_pointer (&tests);
}

/**
 * seg_dashboard_build_segment_chart:
 * @self: a dashboard
 * @chart: which of the segment's charts
 * @segment_id: the segment
 * @error: return location for a #GError
 *
 * Builds one of a segment's charts.  As with seg_dashboard_build (), a
 * chart with nothing to show is returned empty with a text that says what
 * to do, also when the segment's rule has an error; a segment that does
 * not exist or a store that cannot be read is an error.
 *
 * Returns: (transfer full): the chart, or %NULL with @error set
 */
SegChart *
seg_dashboard_build_segment_chart (SegDashboard     *self,
                                   SegSegmentChart   chart,
                                   gint64            segment_id,
                                   GError          **error)
{
  g_return_val_if_fail (self != NULL, NULL);

  switch (chart)
    {
    case SEG_SEGMENT_CHART_SIZE_TREND:
      return seg_dashboard_build_segment_trend_for (self, segment_id, FALSE, error);
    case SEG_SEGMENT_CHART_REVENUE_TREND:
      return seg_dashboard_build_segment_trend_for (self, segment_id, TRUE, error);
    case SEG_SEGMENT_CHART_ORDERS_BY_MONTH:
      return seg_dashboard_build_segment_orders_by_month (self, segment_id, FALSE, error);
    case SEG_SEGMENT_CHART_REVENUE_BY_MONTH:
      return seg_dashboard_build_segment_orders_by_month (self, segment_id, TRUE, error);
    case SEG_SEGMENT_CHART_COUNTRIES:
      return seg_dashboard_build_segment_countries (self, segment_id, error);
    case SEG_SEGMENT_CHART_PRODUCTS:
      return seg_dashboard_build_segment_products (self, segment_id, error);
    case SEG_SEGMENT_CHART_RFM:
      return seg_dashboard_build_segment_rfm (self, segment_id, error);
    case SEG_SEGMENT_CHART_CAMPAIGNS:
      return seg_dashboard_build_segment_campaigns (self, segment_id, error);
    default:
      break;
    }

  g_set_error (error, SEG_DASHBOARD_ERROR, SEG_DASHBOARD_ERROR_UNKNOWN_CHART,
               _("There is no such chart."));
  return NULL;
}

/**
 * seg_dashboard_build_segment_all:
 * @self: a dashboard
 * @segment_id: the segment
 * @cancellable: (nullable): checked between charts
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type SegChart): every chart of the
 *   segment, in #SegSegmentChart order, or %NULL with @error set
 */
GPtrArray *
seg_dashboard_build_segment_all (SegDashboard  *self,
                                 gint64         segment_id,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < SEG_SEGMENT_N_CHARTS; i++)
    {
      SegChart *chart;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      chart = seg_dashboard_build_segment_chart (self, i, segment_id, error);
      if (chart == NULL)
        return NULL;
      g_ptr_array_add (all, chart);
    }

  return g_steal_pointer (&all);
}
