/* seg-report.c — the segment report of a store
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seg-report"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "seg-chart-renderer.h"
#include "seg-chart.h"
#include "seg-day.h"
#include "seg-field.h"
#include "seg-measures.h"
#include "seg-product-labels.h"
#include "seg-report.h"
#include "seg-rfm.h"
#include "seg-rule-describe.h"
#include "seg-segment-list.h"
#include "seg-template.h"

#define DEFAULT_MEMBER_SAMPLE 10
#define TOP_N                 5
#define CHART_FONT            "Cantarell, DejaVu Sans, Sans"

typedef struct
{
  SegStore          *store;
  sqlite3           *db;
  SegReportDocument *document;
  SegEvaluation     *evaluation;
  GArray            *chosen;      /* guint: indexes into the evaluation */
  SegStoreStats      stats;
  gint32             day;
  char              *currency;
  SegChart          *money;       /* formatters, never drawn */
  SegChart          *count;
  SegChart          *percent;
  guint              member_sample;
  GPtrArray         *products;    /* ProductTally, one per chosen segment */
  GPtrArray         *product_names;
} Report;

static void
report_clear (Report *report)
{
  g_clear_pointer (&report->evaluation, seg_evaluation_free);
  g_clear_pointer (&report->chosen, g_array_unref);
  g_clear_pointer (&report->products, g_ptr_array_unref);
  g_clear_pointer (&report->product_names, g_ptr_array_unref);
  g_clear_object (&report->document);
  g_clear_object (&report->money);
  g_clear_object (&report->count);
  g_clear_object (&report->percent);
  g_clear_pointer (&report->currency, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Report, report_clear)

/* Formatting, the same way the charts write numbers */

static char *
format_count (Report *report,
              gint64  value)
{
  return seg_chart_format_value (report->count, (double) value);
}

static char *
format_money (Report *report,
              gint64  cents)
{
  return seg_chart_format_value (report->money, cents / 100.0);
}

static char *
format_share (Report *report,
              double  fraction)
{
  return seg_chart_format_value (report->percent, fraction);
}

static char *
format_day (gint32 day)
{
  g_autoptr(GDateTime) date_time = NULL;
  int y, m, d;

  seg_day_to_ymd (day, &y, &m, &d);
  date_time = g_date_time_new_utc (y, m, d, 0, 0, 0);
  if (date_time == NULL)
    return g_strdup ("");
  /* TRANSLATORS: a date in a report, see g_date_time_format () */
  return g_date_time_format (date_time, _("%-d %B %Y"));
}

static char *
country_name (const char *code)
{
  const SegCountryInfo *info;

  if (code == NULL || *code == '\0')
    return g_strdup (_("Unknown"));
  info = seg_country_info_lookup (code);
  if (info == NULL)
    return g_strdup (code);
  return g_strdup (seg_country_info_get_name (info));
}

/* Charts */

static void
draw_chart_cb (cairo_t  *cr,
               double    width,
               double    height,
               gpointer  user_data)
{
  SegChart *chart = user_data;
  SegChartStyle style;

  seg_chart_style_init (&style);
  style.transparent = TRUE;
  style.font_family = CHART_FONT;
  style.font_size = 8;
  seg_chart_draw (chart, cr, width, height, &style);
}

static void
add_chart (Report   *report,
           SegChart *chart,
           double    height)
{
  seg_report_document_add_chart (report->document, height, draw_chart_cb,
                                 g_object_ref (chart), g_object_unref);
}

static SegChart *
new_chart (Report         *report,
           SegChartKind    kind,
           SegChartFormat  format)
{
  SegChart *chart = seg_chart_new (kind);

  seg_chart_set_value_format (chart, format);
  seg_chart_set_currency (chart, report->currency);
  return chart;
}

/* Queries */

static gboolean
step_failed (Report  *report,
             int      rc,
             GError **error)
{
  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return FALSE;
  seg_store_set_error_from_db (report->store, rc, error);
  return TRUE;
}

/* The members of one segment, in a temporary table the other queries join. */
static gboolean
load_members (Report  *report,
              guint    index,
              GError **error)
{
  g_autoptr(GArray) ids = seg_evaluation_dup_members (report->evaluation, index, FALSE);
  g_autoptr(sqlite3_stmt) insert = NULL;

  if (!seg_store_exec (report->store,
                       "CREATE TEMP TABLE IF NOT EXISTS report_members "
                       "(customer_id INTEGER PRIMARY KEY);"
                       "DELETE FROM temp.report_members;", error))
    return FALSE;

  insert = seg_store_prepare (report->store,
                              "INSERT OR IGNORE INTO temp.report_members VALUES (?1)", error);
  if (insert == NULL)
    return FALSE;

  for (guint i = 0; ids && i < ids->len; i++)
    {
      int rc;

      sqlite3_bind_int64 (insert, 1, g_array_index (ids, gint64, i));
      rc = sqlite3_step (insert);
      if (rc != SQLITE_DONE)
        {
          step_failed (report, rc, error);
          return FALSE;
        }
      sqlite3_reset (insert);
    }

  return TRUE;
}

/* Sections */

static void
add_cover (Report *report,
           gint32  printed_day)
{
  g_autofree char *name = seg_store_dup_name (report->store);
  g_autofree char *as_of = format_day (report->day);
  g_autofree char *printed = format_day (printed_day);
  g_autofree char *n_segments = format_count (report, report->chosen->len);
  g_autofree char *customers = format_count (report, report->stats.contacts);
  const char *labels[] = {
    _("Figures as of"),
    _("Printed on"),
    _("Customers"),
    _("Segments in this report"),
    NULL
  };
  const char *values[] = { as_of, printed, customers, n_segments, NULL };

  seg_report_document_add_cover (report->document, name, _("Customer segment report"),
                                 labels, values);
  seg_report_document_add_page_break (report->document);
}

static void
add_summary (Report *report)
{
  SegReportDocument *doc = report->document;
  SegStoreStage stage = seg_evaluation_get_stage (report->evaluation);
  g_autofree char *customers = format_count (report, report->stats.contacts);
  g_autofree char *buyers = format_count (report, report->stats.buyers);
  g_autofree char *orders = format_count (report, report->stats.orders);
  g_autofree char *revenue = format_money (report, report->stats.revenue_cents);
  g_autofree char *returning = format_share (report, report->stats.revenue_cents > 0 ?
                                             (double) report->stats.returning_revenue_cents /
                                             report->stats.revenue_cents : 0);
  g_autofree char *as_of = format_day (report->day);
  g_autofree char *intro = NULL;
  g_autoptr(SegChart) chart = NULL;
  SegReportTable *table;
  const char *labels[] = {
    _("Customers"), _("Buyers"), _("Orders"), _("Net revenue"),
    _("Revenue from returning customers"), NULL
  };
  const char *values[] = { customers, buyers, orders, revenue, returning, NULL };

  seg_report_document_add_heading (doc, 1, _("Summary"));
  /* TRANSLATORS: %s is a date */
  intro = g_strdup_printf (_("Figures as of %s. Orders after that day, cancelled and voided "
                             "orders are not counted; revenue is net of refunds."), as_of);
  seg_report_document_add_paragraph (doc, intro);
  seg_report_document_add_figures (doc, labels, values);

  seg_report_document_add_note (doc, seg_store_stage_get_title (stage),
                                seg_store_stage_get_hint (stage));

  if (report->chosen->len == 0)
    {
      seg_report_document_add_paragraph (doc,
                                         _("This store has no segments yet. Create one from a "
                                           "template on the Segments page, then print the "
                                           "report again."));
      return;
    }

  seg_report_document_add_heading (doc, 2, _("Segments at a glance"));
  seg_report_document_add_paragraph (doc,
                                     _("A customer can belong to several segments; the "
                                       "“primary” column counts each customer once, in the "
                                       "first of their segments by priority."));
  table = seg_report_document_add_table (doc, 7);
  seg_report_table_set_column (table, 0, _("Segment"), SEG_REPORT_ALIGN_START, 3);
  seg_report_table_set_column (table, 1, _("Customers"), SEG_REPORT_ALIGN_END, 1.3);
  seg_report_table_set_column (table, 2, _("Share"), SEG_REPORT_ALIGN_END, 1);
  seg_report_table_set_column (table, 3, _("Primary"), SEG_REPORT_ALIGN_END, 1.2);
  seg_report_table_set_column (table, 4, _("Revenue"), SEG_REPORT_ALIGN_END, 1.6);
  seg_report_table_set_column (table, 5, _("Avg. order"), SEG_REPORT_ALIGN_END, 1.3);
  seg_report_table_set_column (table, 6, _("Repeat rate"), SEG_REPORT_ALIGN_END, 1.2);

  chart = new_chart (report, SEG_CHART_BAR_HORIZONTAL, SEG_CHART_FORMAT_COUNT);
  seg_chart_set_title (chart, _("Segment sizes"));
  seg_chart_set_subtitle (chart, _("Customers in each segment"));
  {
    g_autofree double *sizes = g_new0 (double, report->chosen->len);

    for (guint i = 0; i < report->chosen->len; i++)
      {
        guint index = g_array_index (report->chosen, guint, i);
        SegSegment *segment = seg_evaluation_get_segment (report->evaluation, index);
        const SegSegmentFigures *figures = seg_evaluation_get_figures (report->evaluation, index);
        g_autofree char *size = format_count (report, figures->customers);
        g_autofree char *share = format_share (report, figures->share);
        g_autofree char *primary = format_count (report, figures->primary_customers);
        g_autofree char *money = format_money (report, figures->revenue_cents);
        g_autofree char *aov = figures->orders > 0 ? format_money (report, figures->aov_cents)
                                                   : g_strdup ("–");
        g_autofree char *repeat = format_share (report, figures->repeat_rate);
        const char *cells[] = {
          seg_segment_get_name (segment), size, share, primary, money, aov, repeat
        };
        guint category;

        seg_report_table_add_row (table, cells);
        category = seg_chart_add_category (chart, seg_segment_get_name (segment));
        if (seg_segment_get_color (segment))
          seg_chart_set_category_color (chart, category, seg_segment_get_color (segment));
        sizes[i] = figures->customers;
      }
    seg_chart_add_series (chart, _("Customers"), sizes, report->chosen->len);
  }
  add_chart (report, chart, MIN (320, 70 + 26.0 * report->chosen->len));
}

static gboolean
add_trend (Report      *report,
           SegSegment  *segment,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (gint32));
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(SegChart) chart = NULL;
  int rc;

  stmt = seg_store_prepare (report->store,
                            "SELECT snapshot_day, customers FROM segment_snapshots "
                            "WHERE segment_id = ?1 AND snapshot_day <= ?2 "
                            "ORDER BY snapshot_day", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seg_segment_get_id (segment));
  sqlite3_bind_int (stmt, 2, report->day);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint32 day = sqlite3_column_int (stmt, 0);
      double size = sqlite3_column_double (stmt, 1);

      g_array_append_val (days, day);
      g_array_append_val (sizes, size);
    }
  if (step_failed (report, rc, error))
    return FALSE;

  if (days->len < 2)
    {
      g_autofree char *markup =
        g_markup_printf_escaped ("<b>%s</b> %s", _("Size over time:"),
                                 _("not enough history yet. The segment’s size is recorded "
                                   "over time; the trend shows once two sizes are known."));

      seg_report_document_add_markup (report->document, markup);
      return TRUE;
    }

  seg_report_document_add_heading (report->document, 2, _("Size over time"));

  chart = new_chart (report, SEG_CHART_LINE, SEG_CHART_FORMAT_COUNT);
  seg_chart_set_days (chart, (const gint32 *) days->data, days->len);
  seg_chart_add_series (chart, _("Customers"), (const double *) sizes->data, sizes->len);
  if (seg_segment_get_color (segment))
    seg_chart_set_series_color (chart, 0, seg_segment_get_color (segment));
  add_chart (report, chart, 170);
  return TRUE;
}

static gboolean
add_top_countries (Report             *report,
                   const SegSegmentFigures *figures,
                   GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  SegReportTable *table;
  int rc;

  stmt = seg_store_prepare (report->store,
                            "SELECT c.country, COUNT (*) AS n "
                            "FROM temp.report_members AS r JOIN customers AS c "
                            "ON c.id = r.customer_id "
                            "GROUP BY c.country ORDER BY n DESC, c.country LIMIT ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, TOP_N);

  seg_report_document_add_heading (report->document, 2, _("Top countries"));
  table = seg_report_document_add_table (report->document, 3);
  seg_report_table_set_column (table, 0, _("Country"), SEG_REPORT_ALIGN_START, 3);
  seg_report_table_set_column (table, 1, _("Customers"), SEG_REPORT_ALIGN_END, 1);
  seg_report_table_set_column (table, 2, _("Share of segment"), SEG_REPORT_ALIGN_END, 1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 n = sqlite3_column_int64 (stmt, 1);
      g_autofree char *name = country_name ((const char *) sqlite3_column_text (stmt, 0));
      g_autofree char *count = format_count (report, n);
      g_autofree char *share = format_share (report, figures->customers > 0 ?
                                             (double) n / figures->customers : 0);

      seg_report_table_append_row (table, name, count, share, NULL);
    }
  return !step_failed (report, rc, error);
}

/* Top products, for every chosen segment in one pass */

typedef struct
{
  guint  product;     /* index into the names */
  gint64 buyers;      /* distinct members who bought it */
  gint64 units;
} ProductCount;

typedef struct
{
  GArray *counts;     /* ProductCount, indexed by product until sorted */
} ProductTally;

static void
product_tally_free (ProductTally *tally)
{
  g_array_unref (tally->counts);
  g_free (tally);
}

/* A set of (customer, product) pairs, open addressing: a customer counts
 * once per product however many times they bought it. */
typedef struct
{
  gint64 customer_id;
  guint  product;     /* G_MAXUINT: empty */
} Purchase;

typedef struct
{
  Purchase *slots;
  gsize     mask;
  gsize     used;
} PurchaseSet;

static void
purchase_set_init (PurchaseSet *set,
                   gsize        size)
{
  set->slots = g_new (Purchase, size);
  set->mask = size - 1;
  set->used = 0;
  for (gsize i = 0; i < size; i++)
    set->slots[i].product = G_MAXUINT;
}

static gsize
purchase_hash (gint64 customer_id,
               guint  product)
{
  /* The splitmix64 finalizer: every bit of both moves the low bits. */
  guint64 h = (guint64) customer_id ^ ((guint64) product << 40 | (guint64) product >> 24);

  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  h ^= h >> 33;
  return (gsize) h;
}

/* Returns TRUE when the pair was not in the set yet. */
static gboolean
purchase_set_add (PurchaseSet *set,
                  gint64       customer_id,
                  guint        product)
{
  gsize i;

  if (2 * (set->used + 1) > set->mask + 1)
    {
      Purchase *old = set->slots;
      gsize old_size = set->mask + 1;

      purchase_set_init (set, 2 * old_size);
      for (gsize j = 0; j < old_size; j++)
        if (old[j].product != G_MAXUINT)
          purchase_set_add (set, old[j].customer_id, old[j].product);
      g_free (old);
    }

  for (i = purchase_hash (customer_id, product) & set->mask;
       set->slots[i].product != G_MAXUINT;
       i = (i + 1) & set->mask)
    if (set->slots[i].customer_id == customer_id && set->slots[i].product == product)
      return FALSE;

  set->slots[i].customer_id = customer_id;
  set->slots[i].product = product;
  set->used++;
  return TRUE;
}

static int
compare_product_counts (gconstpointer a,
                        gconstpointer b,
                        gpointer      user_data)
{
  GPtrArray *names = user_data;
  const ProductCount *x = a;
  const ProductCount *y = b;

  /* As ORDER BY buyers DESC, units DESC, product would. */
  if (x->buyers != y->buyers)
    return x->buyers > y->buyers ? -1 : 1;
  if (x->units != y->units)
    return x->units > y->units ? -1 : 1;
  return strcmp (g_ptr_array_index (names, x->product),
                 g_ptr_array_index (names, y->product));
}

/* Walking the order lines of each segment's members through the orders
 * index costs a random lookup per line, and that once per segment: seconds
 * on a million orders.  Instead read the counted orders once, in table
 * order, each with its line items (next to the previous order's), and
 * tally every chosen segment from the evaluation's membership. */
static gboolean
tally_products (Report  *report,
                GError **error)
{
  guint n = report->chosen->len;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  SegProductLabels products = { 0 };
  GPtrArray *names;
  g_autofree guint *member_of = g_new (guint, MAX (n, 1));
  PurchaseSet bought;
  int rc;

  report->products = g_ptr_array_new_with_free_func ((GDestroyNotify) product_tally_free);
  for (guint s = 0; s < n; s++)
    {
      ProductTally *tally = g_new0 (ProductTally, 1);

      tally->counts = g_array_new (FALSE, TRUE, sizeof (ProductCount));
      g_ptr_array_add (report->products, tally);
    }

  rc = seg_product_labels_load (&products, seg_store_get_db (report->store), "name");
  if (rc != SQLITE_OK)
    {
      seg_product_labels_clear (&products);
      seg_store_set_error_from_db (report->store, rc, error);
      return FALSE;
    }
  names = products.labels;

  stmt = seg_store_prepare (report->store,
                            "SELECT o.customer_id, l.product_id, l.quantity "
                            "FROM orders AS o NOT INDEXED "
                            "CROSS JOIN order_lines AS l ON l.order_id = o.id "
                            "WHERE o.cancelled = 0 AND o.order_day <= ?1 "
                            "  AND o.customer_id IS NOT NULL AND l.product_id IS NOT NULL",
                            error);
  if (stmt == NULL)
    {
      seg_product_labels_clear (&products);
      return FALSE;
    }
  sqlite3_bind_int (stmt, 1, report->day);

  purchase_set_init (&bought, 1024);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 customer_id = sqlite3_column_int64 (stmt, 0);
      gint64 quantity;
      guint index, n_member_of = 0;
      gboolean first_time;

      for (guint s = 0; s < n; s++)
        if (seg_evaluation_is_member (report->evaluation,
                                      g_array_index (report->chosen, guint, s), customer_id))
          member_of[n_member_of++] = s;
      if (n_member_of == 0)
        continue;

      /* Lines without a product name, picked here for members' lines only. */
      index = seg_product_labels_lookup (&products, sqlite3_column_int64 (stmt, 1));
      if (index == G_MAXUINT)
        continue;
      quantity = sqlite3_column_int64 (stmt, 2);

      first_time = purchase_set_add (&bought, customer_id, index);
      for (guint m = 0; m < n_member_of; m++)
        {
          ProductTally *tally = g_ptr_array_index (report->products, member_of[m]);
          ProductCount *count;

          if (tally->counts->len <= index)
            g_array_set_size (tally->counts, names->len);
          count = &g_array_index (tally->counts, ProductCount, index);
          count->product = index;
          count->buyers += first_time ? 1 : 0;
          count->units += quantity;
        }
    }
  g_free (bought.slots);
  if (step_failed (report, rc, error))
    {
      seg_product_labels_clear (&products);
      return FALSE;
    }

  for (guint s = 0; s < n; s++)
    {
      ProductTally *tally = g_ptr_array_index (report->products, s);
      guint kept = 0;

      /* Products no member bought are not rows of the query's result. */
      for (guint p = 0; p < tally->counts->len; p++)
        {
          ProductCount *count = &g_array_index (tally->counts, ProductCount, p);

          if (count->buyers > 0)
            g_array_index (tally->counts, ProductCount, kept++) = *count;
        }
      g_array_set_size (tally->counts, kept);
      g_array_sort_with_data (tally->counts, compare_product_counts, names);
    }

  report->product_names = g_steal_pointer (&products.labels);
  seg_product_labels_clear (&products);
  return TRUE;
}

static void
add_top_products (Report *report,
                  guint   chosen)
{
  ProductTally *tally = g_ptr_array_index (report->products, chosen);
  g_autoptr(GPtrArray) rows = NULL;
  SegReportTable *table;

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < MIN (tally->counts->len, TOP_N); i++)
    {
      const ProductCount *count = &g_array_index (tally->counts, ProductCount, i);
      char **row = g_new0 (char *, 4);

      row[0] = g_strdup (g_ptr_array_index (report->product_names, count->product));
      row[1] = format_count (report, count->buyers);
      row[2] = format_count (report, count->units);
      g_ptr_array_add (rows, row);
    }

  seg_report_document_add_heading (report->document, 2, _("Top products"));
  if (rows->len == 0)
    {
      seg_report_document_add_paragraph (report->document,
                                         _("The members of this segment have bought nothing "
                                           "yet, or their orders list no products."));
      return;
    }

  table = seg_report_document_add_table (report->document, 3);
  seg_report_table_set_column (table, 0, _("Product"), SEG_REPORT_ALIGN_START, 3);
  seg_report_table_set_column (table, 1, _("Customers who bought it"), SEG_REPORT_ALIGN_END, 1);
  seg_report_table_set_column (table, 2, _("Units"), SEG_REPORT_ALIGN_END, 1);
  for (guint i = 0; i < rows->len; i++)
    seg_report_table_add_row (table, g_ptr_array_index (rows, i));

}

static char *
customer_name (sqlite3_stmt *stmt)
{
  const char *first = (const char *) sqlite3_column_text (stmt, 0);
  const char *last = (const char *) sqlite3_column_text (stmt, 1);
  const char *email = (const char *) sqlite3_column_text (stmt, 2);
  g_autofree char *name = g_strstrip (g_strdup_printf ("%s %s", first ? first : "",
                                                       last ? last : ""));

  if (*name != '\0')
    return g_steal_pointer (&name);
  if (email != NULL && *email != '\0')
    return g_strdup (email);
  return g_strdup (_("(no name)"));
}

static gboolean
add_member_sample (Report                  *report,
                   const SegSegmentFigures *figures,
                   GError                 **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *heading = NULL;
  const char *sql;
  SegReportTable *table;
  guint n;
  int rc;

  if (report->member_sample == 0 || figures->customers == 0)
    return TRUE;

  n = (guint) MIN ((gint64) report->member_sample, figures->customers);
  /* Who spent the most, or, in a segment that has not bought, the first ones. */
  if (figures->revenue_cents > 0)
    {
      sql = "SELECT c.first_name, c.last_name, c.email, c.country, "
            "       m.orders, m.revenue_cents "
            "FROM temp.report_members AS r "
            "JOIN customers AS c ON c.id = r.customer_id "
            "JOIN customer_measures AS m ON m.customer_id = c.id "
            "ORDER BY m.revenue_cents DESC, m.orders DESC, c.id LIMIT ?1";
      heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "The member who spent the most",
                                              "The %u members who spent the most", n), n);
    }
  else
    {
      sql = "SELECT c.first_name, c.last_name, c.email, c.country, "
            "       m.orders, m.revenue_cents "
            "FROM temp.report_members AS r "
            "JOIN customers AS c ON c.id = r.customer_id "
            "JOIN customer_measures AS m ON m.customer_id = c.id "
            "ORDER BY c.id LIMIT ?1";
      heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member", "%u members", n), n);
    }
  stmt = seg_store_prepare (report->store, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, (int) n);

  seg_report_document_add_heading (report->document, 2, heading);
  table = seg_report_document_add_table (report->document, 4);
  seg_report_table_set_column (table, 0, _("Name"), SEG_REPORT_ALIGN_START, 3);
  seg_report_table_set_column (table, 1, _("Country"), SEG_REPORT_ALIGN_START, 2);
  seg_report_table_set_column (table, 2, _("Orders"), SEG_REPORT_ALIGN_END, 1);
  seg_report_table_set_column (table, 3, _("Revenue"), SEG_REPORT_ALIGN_END, 1.4);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *name = customer_name (stmt);
      g_autofree char *country = country_name ((const char *) sqlite3_column_text (stmt, 3));
      g_autofree char *orders = format_count (report, sqlite3_column_int64 (stmt, 4));
      g_autofree char *revenue = format_money (report, sqlite3_column_int64 (stmt, 5));

      seg_report_table_append_row (table, name, country, orders, revenue, NULL);
    }
  return !step_failed (report, rc, error);
}

static const char *
segment_message (SegSegment *segment)
{
  const char *notes = seg_segment_get_notes (segment);
  const SegTemplate *template;

  if (notes != NULL && *notes != '\0')
    return notes;

  template = seg_segment_get_template_id (segment) ?
             seg_template_lookup (seg_segment_get_template_id (segment)) : NULL;
  if (template != NULL && seg_template_get_notes (template) != NULL)
    return seg_template_get_notes (template);

  return NULL;
}

static gboolean
add_segment_section (Report  *report,
                     guint    chosen,
                     GError **error)
{
  guint index = g_array_index (report->chosen, guint, chosen);
  SegReportDocument *doc = report->document;
  SegSegment *segment = seg_evaluation_get_segment (report->evaluation, index);
  const SegSegmentFigures *figures = seg_evaluation_get_figures (report->evaluation, index);
  g_autoptr(SegRule) rule = NULL;
  g_autoptr(GError) rule_error = NULL;
  g_autofree char *who = NULL;
  g_autofree char *words = NULL;
  g_autofree char *size = format_count (report, figures->customers);
  g_autofree char *share = format_share (report, figures->share);
  g_autofree char *revenue = format_money (report, figures->revenue_cents);
  g_autofree char *revenue_share = format_share (report, figures->revenue_share);
  g_autofree char *aov = figures->orders > 0 ? format_money (report, figures->aov_cents)
                                             : g_strdup ("–");
  g_autofree char *repeat = format_share (report, figures->repeat_rate);
  g_autofree char *sizes = NULL;
  g_autofree char *total = format_count (report,
                                         seg_evaluation_get_total_customers (report->evaluation));
  const char *message;
  /* TRANSLATORS: a key figure's label; %s is a share, "5.4%" */
  g_autofree char *customers_label = g_strdup_printf (_("Customers (%s of all)"), share);
  /* TRANSLATORS: a key figure's label; %s is a share, "1.5%" */
  g_autofree char *revenue_label = g_strdup_printf (_("Net revenue (%s of all)"), revenue_share);
  const char *labels[] = {
    customers_label, revenue_label, _("Average order value"), _("Repeat rate"), NULL
  };
  const char *values[] = { size, revenue, aov, repeat, NULL };

  seg_report_document_add_page_break (doc);
  seg_report_document_add_heading (doc, 1, seg_segment_get_name (segment));

  rule = seg_rule_new_from_text (seg_segment_get_rule (segment), &rule_error);
  if (rule != NULL)
    words = seg_rule_describe (rule);
  else
    /* TRANSLATORS: %s is a rule in its text form, which could not be read */
    words = g_strdup_printf (_("the rule “%s” (it could not be read: fix it on the "
                               "segment’s page)"), seg_segment_get_rule (segment));
  /* TRANSLATORS: the segment's size: "931 of the store’s 2,000 customers (46.6%)" */
  sizes = g_strdup_printf (_("%s of the store’s %s customers (%s)."), size, total, share);
  who = g_markup_printf_escaped ("<b>%s</b> %s. %s", _("Who:"), words, sizes);
  seg_report_document_add_markup (doc, who);
  seg_report_document_add_figures (doc, labels, values);

  for (guint bit = 1; bit <= SEG_SEGMENT_WARNING_TOO_MANY; bit <<= 1)
    if (figures->warnings & bit)
      {
        g_autofree char *text =
          seg_segments_warning_dup_message (bit, report->evaluation, index);

        seg_report_document_add_note (doc, _("Warning"), text);
      }

  message = segment_message (segment);
  seg_report_document_add_note (doc, _("Message and offer"),
                                message ? message
                                        : _("No message or offer written yet. Write one on "
                                            "the segment’s page, under Message & Offer."));

  if (!add_trend (report, segment, error) ||
      !load_members (report, index, error) ||
      !add_top_countries (report, figures, error))
    return FALSE;
  add_top_products (report, chosen);
  if (!add_member_sample (report, figures, error))
    return FALSE;

  return TRUE;
}

static void
add_overlap (Report *report)
{
  SegReportDocument *doc = report->document;
  guint n = report->chosen->len;
  g_autoptr(SegChart) chart = NULL;
  g_autofree double *matrix = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  SegReportTable *table;

  if (n < 2)
    return;

  seg_report_document_add_page_break (doc);
  seg_report_document_add_heading (doc, 1, _("How segments overlap"));
  seg_report_document_add_paragraph (doc,
                                     _("Each cell counts the customers who are in both the "
                                       "row’s and the column’s segment; the diagonal is the "
                                       "segment’s size. Columns are numbered as the rows."));

  table = seg_report_document_add_table (doc, n + 1);
  seg_report_table_set_caption (table, _("Customers in both segments"));
  seg_report_table_set_column (table, 0, _("Segment"), SEG_REPORT_ALIGN_START,
                               MAX (3, n * 0.45));
  matrix = g_new0 (double, n * n);
  for (guint a = 0; a < n; a++)
    {
      guint index = g_array_index (report->chosen, guint, a);
      g_autofree char *number = g_strdup_printf ("%u", a + 1);

      seg_report_table_set_column (table, a + 1, number, SEG_REPORT_ALIGN_END, 1);
      g_ptr_array_add (names, g_strdup (seg_segment_get_name (
                                seg_evaluation_get_segment (report->evaluation, index))));
    }
  g_ptr_array_add (names, NULL);

  for (guint a = 0; a < n; a++)
    {
      guint ia = g_array_index (report->chosen, guint, a);
      g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (cells, g_strdup_printf ("%u. %s", a + 1,
                                               (char *) g_ptr_array_index (names, a)));
      for (guint b = 0; b < n; b++)
        {
          guint ib = g_array_index (report->chosen, guint, b);
          gint64 both = seg_evaluation_get_overlap (report->evaluation, ia, ib);

          matrix[a * n + b] = both;
          g_ptr_array_add (cells, format_count (report, both));
        }
      g_ptr_array_add (cells, NULL);
      seg_report_table_add_row (table, (const char * const *) cells->pdata);
    }

  chart = new_chart (report, SEG_CHART_HEATMAP, SEG_CHART_FORMAT_COUNT);
  seg_chart_set_title (chart, _("Overlap heat map"));
  seg_chart_set_matrix (chart, n, n, matrix);
  seg_chart_set_row_labels (chart, (const char * const *) names->pdata);
  {
    g_autoptr(GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);

    for (guint a = 0; a < n; a++)
      g_ptr_array_add (numbers, g_strdup_printf ("%u", a + 1));
    g_ptr_array_add (numbers, NULL);
    seg_chart_set_column_labels (chart, (const char * const *) numbers->pdata);
  }
  add_chart (report, chart, MIN (380, 90 + 28.0 * n));
}

static gboolean
add_rfm (Report  *report,
         GError **error)
{
  SegReportDocument *doc = report->document;
  SegRfmResult result = { 0 };
  g_autoptr(GError) local_error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(SegChart) chart = NULL;
  SegReportTable *table;
  gint64 total_customers = 0, total_revenue = 0;
  int rc;

  seg_report_document_add_page_break (doc);
  seg_report_document_add_heading (doc, 1, _("RFM groups"));

  if (!seg_rfm_load (report->db, &result, &local_error) || result.buyers == 0)
    {
      seg_report_document_add_paragraph (doc,
                                         _("No RFM scores yet: they need customers with at "
                                           "least one counted order. Import orders, then "
                                           "print the report again."));
      return TRUE;
    }

  seg_report_document_add_paragraph (doc,
                                     _("Every customer who has bought is scored from 1 to 5 on "
                                       "recency (how recently they ordered), frequency (how "
                                       "many orders) and monetary value (how much they "
                                       "spent), against the cut points below; the three "
                                       "scores place them in one of eleven groups."));

  table = seg_report_document_add_table (doc, 5);
  seg_report_table_set_caption (table, _("Cut points (20th, 40th, 60th and 80th percentiles)"));
  seg_report_table_set_column (table, 0, _("Measure"), SEG_REPORT_ALIGN_START, 2.6);
  for (guint i = 0; i < 4; i++)
    {
      /* TRANSLATORS: a percentile, "20th" */
      static const char *titles[] = { N_("20th"), N_("40th"), N_("60th"), N_("80th") };

      seg_report_table_set_column (table, i + 1, _(titles[i]), SEG_REPORT_ALIGN_END, 1);
    }
  {
    char *r[4], *f[4], *m[4];

    for (guint i = 0; i < 4; i++)
      {
        g_autofree char *days = seg_chart_format_value (report->count, result.recency[i]);

        r[i] = g_strdup_printf (_("%s days"), days);
        f[i] = seg_chart_format_value (report->count, result.frequency[i]);
        m[i] = format_money (report, (gint64) round (result.monetary[i]));
      }
    seg_report_table_append_row (table, _("Recency: days since the last order"),
                                 r[0], r[1], r[2], r[3], NULL);
    seg_report_table_append_row (table, _("Frequency: counted orders"),
                                 f[0], f[1], f[2], f[3], NULL);
    seg_report_table_append_row (table, _("Monetary: net revenue"),
                                 m[0], m[1], m[2], m[3], NULL);
    for (guint i = 0; i < 4; i++)
      {
        g_free (r[i]);
        g_free (f[i]);
        g_free (m[i]);
      }
  }

  for (guint g = 0; g < SEG_RFM_N_GROUPS; g++)
    {
      total_customers += result.customers[g];
      total_revenue += result.revenue_cents[g];
    }

  table = seg_report_document_add_table (doc, 4);
  seg_report_table_set_caption (table, _("Customers by RFM group"));
  seg_report_table_set_column (table, 0, _("Group"), SEG_REPORT_ALIGN_START, 2.4);
  seg_report_table_set_column (table, 1, _("Customers"), SEG_REPORT_ALIGN_END, 1);
  seg_report_table_set_column (table, 2, _("Share"), SEG_REPORT_ALIGN_END, 1);
  seg_report_table_set_column (table, 3, _("Net revenue"), SEG_REPORT_ALIGN_END, 1.4);
  for (guint g = 0; g < SEG_RFM_N_GROUPS; g++)
    {
      g_autofree char *customers = format_count (report, result.customers[g]);
      g_autofree char *share = format_share (report, total_customers > 0 ?
                                             (double) result.customers[g] / total_customers : 0);
      g_autofree char *revenue = format_money (report, result.revenue_cents[g]);

      seg_report_table_append_row (table, seg_rfm_group_get_title (g), customers, share,
                                   revenue, NULL);
    }

  /* The grid: customers by recency and frequency score. */
  stmt = seg_store_prepare (report->store,
                            "SELECT r, f, COUNT (*) FROM customer_measures "
                            "WHERE r IS NOT NULL AND f IS NOT NULL GROUP BY r, f", error);
  if (stmt == NULL)
    return FALSE;
  chart = new_chart (report, SEG_CHART_RFM_GRID, SEG_CHART_FORMAT_COUNT);
  seg_chart_set_title (chart, _("RFM grid"));
  seg_chart_set_subtitle (chart, _("Customers by recency and frequency score"));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int r = sqlite3_column_int (stmt, 0);
      int f = sqlite3_column_int (stmt, 1);

      if (r >= 1 && r <= 5 && f >= 1 && f <= 5)
        seg_chart_set_rfm_cell (chart, r, f, sqlite3_column_double (stmt, 2), NULL);
    }
  if (step_failed (report, rc, error))
    return FALSE;
  add_chart (report, chart, 300);

  return TRUE;
}

static void
add_definitions (Report *report)
{
  SegReportDocument *doc = report->document;
  SegReportTable *table;
  static const struct
  {
    const char *term;
    const char *definition;
  } terms[] = {
    { N_("Counted orders"),
      N_("Orders placed on or before the reference date that were not cancelled or voided. "
         "An order is counted once, however many lines it has; guest orders count as orders "
         "but belong to no customer.") },
    { N_("Net revenue"),
      N_("The total of counted orders after refunds, in the store’s currency.") },
    { N_("Buyers"),
      N_("Customers with at least one counted order.") },
    { N_("Average order value"),
      N_("Net revenue divided by the number of counted orders.") },
    { N_("Repeat rate"),
      N_("The share of a segment’s customers with two or more counted orders.") },
    { N_("Revenue from returning customers"),
      N_("The net revenue of customers’ second and later orders, as a share of all net "
         "revenue.") },
    { N_("Primary segment"),
      N_("A customer can match several segments; their primary segment is the first one "
         "in the priority order.") },
    { N_("RFM"),
      N_("Recency, frequency and monetary value. Over customers with at least one counted "
         "order, the cut points are the 20th, 40th, 60th and 80th percentiles of each measure. "
         "Frequency and monetary scores are 1 plus the number of cut points below the value; "
         "the recency score is 5 minus the number of cut points below the days since the "
         "last order, so recent customers score high. Customers without an order are "
         "Prospects.") },
  };

  seg_report_document_add_page_break (doc);
  seg_report_document_add_heading (doc, 1, _("Definitions"));
  for (guint i = 0; i < G_N_ELEMENTS (terms); i++)
    {
      g_autofree char *markup = g_markup_printf_escaped ("<b>%s.</b> %s", _(terms[i].term),
                                                         _(terms[i].definition));

      seg_report_document_add_markup (doc, markup);
    }

  seg_report_document_add_heading (doc, 2, _("The eleven RFM groups"));
  table = seg_report_document_add_table (doc, 3);
  seg_report_table_set_column (table, 0, _("Group"), SEG_REPORT_ALIGN_START, 1.3);
  seg_report_table_set_column (table, 1, _("Who they are"), SEG_REPORT_ALIGN_START, 3);
  seg_report_table_set_column (table, 2, _("What to do"), SEG_REPORT_ALIGN_START, 3);
  for (guint g = 0; g < SEG_RFM_GROUP_PROSPECTS; g++)
    seg_report_table_append_row (table, seg_rfm_group_get_title (g),
                                 seg_rfm_group_get_description (g),
                                 seg_rfm_group_get_action (g), NULL);
}

static char *
list_segment_names (SegEvaluation *evaluation)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < seg_evaluation_get_n_segments (evaluation); i++)
    {
      if (i > 0)
        g_string_append (names, ", ");
      g_string_append_printf (names, "“%s”",
                              seg_segment_get_name (seg_evaluation_get_segment (evaluation, i)));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static gboolean
choose_segments (Report                 *report,
                 const SegReportOptions *options,
                 GError                **error)
{
  guint n = seg_evaluation_get_n_segments (report->evaluation);

  report->chosen = g_array_new (FALSE, FALSE, sizeof (guint));

  if (options->segments == NULL)
    {
      for (guint i = 0; i < n; i++)
        g_array_append_val (report->chosen, i);
      return TRUE;
    }

  for (guint s = 0; options->segments[s] != NULL; s++)
    {
      const char *wanted = options->segments[s];
      int found = -1;

      for (guint i = 0; i < n && found < 0; i++)
        if (g_str_equal (seg_segment_get_name (seg_evaluation_get_segment (report->evaluation, i)),
                         wanted))
          found = (int) i;
      for (guint i = 0; i < n && found < 0; i++)
        {
          g_autofree char *a = g_utf8_casefold (wanted, -1);
          g_autofree char *b = g_utf8_casefold (
            seg_segment_get_name (seg_evaluation_get_segment (report->evaluation, i)), -1);

          if (g_str_equal (a, b))
            found = (int) i;
        }

      if (found < 0)
        {
          g_autofree char *names = list_segment_names (report->evaluation);

          if (n == 0)
            g_set_error (error, SEG_REPORT_ERROR, SEG_REPORT_ERROR_UNKNOWN_SEGMENT,
                         _("There is no segment “%s”: this store has no segments yet."),
                         wanted);
          else
            g_set_error (error, SEG_REPORT_ERROR, SEG_REPORT_ERROR_UNKNOWN_SEGMENT,
                         _("There is no segment “%s”. The store’s segments are: %s."),
                         wanted, names);
          return FALSE;
        }

      /* Priority order, each once, whatever the order asked. */
      {
        guint index = (guint) found;
        guint at = 0;
        gboolean seen = FALSE;

        for (; at < report->chosen->len; at++)
          {
            guint other = g_array_index (report->chosen, guint, at);

            if (other == index)
              seen = TRUE;
            if (other >= index)
              break;
          }
        if (!seen)
          g_array_insert_val (report->chosen, at, index);
      }
    }

  return TRUE;
}

/* Public API */

void
seg_report_options_init (SegReportOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->as_of_day = SEG_DAY_INVALID;
  options->printed_day = SEG_DAY_INVALID;
  options->paper = SEG_REPORT_PAPER_A4;
  options->member_sample = DEFAULT_MEMBER_SAMPLE;
}

/**
 * seg_report_build:
 * @store: a store
 * @options: (nullable): what to put in; %NULL for every segment as of the
 *   store's reference date
 * @cancellable: (nullable): checked between sections
 * @error: return location for a #GError
 *
 * Builds the segment report.  Brings the store's per-customer measures up
 * to date for the report's day first, so run it where the store may be
 * written to.
 *
 * Returns: (transfer full): the document, not yet laid out, or %NULL with
 *   @error set (%SEG_REPORT_ERROR_UNKNOWN_SEGMENT names the segments there are)
 */
SegReportDocument *
seg_report_build (SegStore                *store,
                  const SegReportOptions  *options,
                  GCancellable            *cancellable,
                  GError                 **error)
{
  g_auto(Report) report = { 0 };
  SegReportOptions defaults;
  g_autofree char *name = NULL;
  g_autofree char *as_of = NULL;
  g_autofree char *header_end = NULL;
  gint32 printed_day;

  g_return_val_if_fail (SEG_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      seg_report_options_init (&defaults);
      options = &defaults;
    }

  report.store = store;
  report.db = seg_store_get_db (store);
  report.day = options->as_of_day != SEG_DAY_INVALID ? options->as_of_day
                                                     : seg_store_get_reference_day (store);
  report.member_sample = options->member_sample;
  report.currency = seg_store_dup_currency (store);
  report.money = new_chart (&report, SEG_CHART_BAR_VERTICAL, SEG_CHART_FORMAT_MONEY);
  report.count = new_chart (&report, SEG_CHART_BAR_VERTICAL, SEG_CHART_FORMAT_COUNT);
  report.percent = new_chart (&report, SEG_CHART_BAR_VERTICAL, SEG_CHART_FORMAT_PERCENT);
  printed_day = options->printed_day != SEG_DAY_INVALID ? options->printed_day
                                                        : seg_day_today ();

  if (!seg_measures_ensure (report.db, report.day, error) ||
      !seg_store_get_stats (store, report.day, &report.stats, error))
    return NULL;

  report.evaluation = seg_segments_evaluate_all (store, report.day, NULL, cancellable, error);
  if (report.evaluation == NULL || !choose_segments (&report, options, error))
    return NULL;

  report.document = seg_report_document_new ();
  name = seg_store_dup_name (store);
  as_of = format_day (report.day);
  /* TRANSLATORS: the running header of a report; %s is a date */
  header_end = g_strdup_printf (_("Segment report · as of %s"), as_of);
  seg_report_document_set_header (report.document, name, header_end);

  add_cover (&report, printed_day);
  add_summary (&report);

  if (report.chosen->len > 0 && !tally_products (&report, error))
    return NULL;

  for (guint i = 0; i < report.chosen->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (!add_segment_section (&report, i, error))
        return NULL;
    }
  seg_store_exec (store, "DROP TABLE IF EXISTS temp.report_members", NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  add_overlap (&report);
  if (!add_rfm (&report, error))
    return NULL;
  add_definitions (&report);

  return g_steal_pointer (&report.document);
}

/**
 * seg_report_write_pdf:
 * @path: the PDF file to write
 *
 * Builds the report and writes it as PDF on @options' paper.
 *
 * Returns: %TRUE on success
 */
gboolean
seg_report_write_pdf (SegStore                *store,
                      const SegReportOptions  *options,
                      const char              *path,
                      GCancellable            *cancellable,
                      GError                 **error)
{
  g_autoptr(SegReportDocument) document = NULL;
  SegReportOptions defaults;
  SegReportPaper paper;

  g_return_val_if_fail (SEG_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (options == NULL)
    {
      seg_report_options_init (&defaults);
      options = &defaults;
    }

  document = seg_report_build (store, options, cancellable, error);
  if (document == NULL)
    return FALSE;

  seg_report_paper_init (&paper, options->paper, options->landscape);
  return seg_report_document_write_pdf (document, path, &paper, error);
}
