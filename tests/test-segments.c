/* test-segments.c — saving, ordering and evaluating segments
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "seg-day.h"
#include "seg-demo.h"
#include "seg-measures.h"
#include "seg-rule.h"
#include "seg-rule-compiler.h"
#include "seg-segment-list.h"
#include "seg-store.h"
#include "seg-template.h"

#define LAST_DAY (seg_day_from_ymd (2024, 6, 30))

static const char * const core_names[] = {
  "First-time visitors", "First-time buyers", "Repeat buyers", "Lapsed customers",
  "High-value customers",
};

typedef struct
{
  char     *dir;
  char     *path;
  SegStore *store;
} Fixture;

static void
fixture_set_up_demo (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("segments-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "demo.segments", NULL);
  fixture->store = seg_demo_create (fixture->path, LAST_DAY, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
}

static void
fixture_set_up_empty (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("segments-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "empty.segments", NULL);
  fixture->store = seg_store_create (fixture->path, "Empty", "EUR", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->store);

  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static gint64
query_int (SegStore   *store,
           const char *sql,
           gint32      ref_day)
{
  g_autoptr(sqlite3_stmt) stmt = seg_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int (stmt, 1, ref_day);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Straight from orders, without customer_measures: what each core segment
 * must hold. */
#define PER_CUSTOMER \
  "(SELECT c.id AS id, count (o.id) AS n, coalesce (sum (o.net_cents), 0) AS revenue," \
  " max (o.order_day) AS last_day" \
  " FROM customers AS c LEFT JOIN orders AS o ON o.customer_id = c.id" \
  "  AND o.cancelled = 0 AND o.order_day <= ?1 GROUP BY c.id)"

static gint64
high_value_threshold (SegStore *store)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  double h, lo;
  gsize n;

  stmt = seg_store_prepare (store, "SELECT revenue FROM " PER_CUSTOMER " WHERE n > 0", NULL);
  sqlite3_bind_int (stmt, 1, LAST_DAY);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      double v = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (values, v);
    }
  n = values->len;
  qsort (values->data, n, sizeof (double), compare_double);

  /* Type 7: h = (n - 1) p, linear between the order statistics around it. */
  h = (n - 1) * 0.8;
  lo = g_array_index (values, double, (gsize) floor (h));
  return (gint64) ceil (lo + (h - floor (h)) *
                        (g_array_index (values, double, MIN ((gsize) floor (h) + 1, n - 1)) - lo));
}

static void
test_starter_set (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) segments = seg_segments_load (fixture->store, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (segments->len, ==, G_N_ELEMENTS (core_names));
  for (guint i = 0; i < segments->len; i++)
    {
      SegSegment *segment = g_ptr_array_index (segments, i);

      g_assert_cmpstr (seg_segment_get_name (segment), ==, core_names[i]);
      g_assert_cmpint (seg_segment_get_priority (segment), ==, i);
      g_assert_nonnull (seg_segment_get_notes (segment));
      g_assert_nonnull (seg_segment_get_template_id (segment));
      g_assert_nonnull (seg_segment_get_color (segment));
      g_assert_cmpint (seg_segment_get_created_day (segment), !=, SEG_DAY_INVALID);
    }

  /* Adding the set again changes nothing. */
  g_assert_true (seg_templates_add_starter_set (fixture->store, &error));
  g_assert_no_error (error);
  g_clear_pointer (&segments, g_ptr_array_unref);
  segments = seg_segments_load (fixture->store, &error);
  g_assert_cmpuint (segments->len, ==, G_N_ELEMENTS (core_names));
}

static void
test_templates (void)
{
  guint n = seg_template_get_n_templates ();
  guint n_core = 0, n_rfm = 0;
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (n, ==, 5 + 6 + 11);
  for (guint i = 0; i < n; i++)
    {
      const SegTemplate *template = seg_template_get_nth (i);
      g_autoptr(GError) error = NULL;
      g_autoptr(SegRule) rule = NULL;
      g_autofree char *text = NULL;

      g_assert_true (seg_template_lookup (seg_template_get_id (template)) == template);
      g_assert_true (g_hash_table_add (names, (gpointer) seg_template_get_name (template)));
      g_assert_nonnull (seg_template_get_description (template));
      g_assert_nonnull (seg_template_get_notes (template));
      g_assert_cmpuint (strlen (seg_template_get_color (template)), ==, 7);

      /* Every rule parses, validates and is already in canonical form. */
      rule = seg_rule_new_from_text (seg_template_get_rule (template), &error);
      g_assert_no_error (error);
      g_assert_true (seg_rule_validate (rule, &error));
      text = seg_rule_to_text (rule);
      g_assert_cmpstr (text, ==, seg_template_get_rule (template));

      if (seg_template_get_kind (template) == SEG_TEMPLATE_KIND_CORE)
        g_assert_cmpstr (seg_template_get_name (template), ==, core_names[n_core++]);
      if (seg_template_get_kind (template) == SEG_TEMPLATE_KIND_RFM)
        n_rfm++;
    }
  g_assert_cmpuint (n_core, ==, 5);
  g_assert_cmpuint (n_rfm, ==, 11);
  g_assert_cmpstr (seg_template_get_rule (seg_template_lookup ("rfm-cant-lose-them")), ==,
                   "rfm_group = \"Can't Lose Them\"");
}

static void
test_counts (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegEvaluation) evaluation = NULL;
  g_autofree char *high_value_sql = NULL;
  const SegSegmentFigures *figures;
  gint64 expected[5];
  gint64 total = query_int (fixture->store, "SELECT count(*) FROM customers", 0);
  gint64 total_revenue = query_int (fixture->store,
                                    "SELECT sum (revenue) FROM " PER_CUSTOMER, LAST_DAY);

  expected[0] = query_int (fixture->store,
                           "SELECT count(*) FROM " PER_CUSTOMER " WHERE n = 0", LAST_DAY);
  expected[1] = query_int (fixture->store,
                           "SELECT count(*) FROM " PER_CUSTOMER
                           " WHERE n = 1 AND last_day > ?1 - 60", LAST_DAY);
  expected[2] = query_int (fixture->store,
                           "SELECT count(*) FROM " PER_CUSTOMER " WHERE n >= 2", LAST_DAY);
  expected[3] = query_int (fixture->store,
                           "SELECT count(*) FROM " PER_CUSTOMER
                           " WHERE n >= 1 AND last_day <= ?1 - 90", LAST_DAY);
  high_value_sql = g_strdup_printf ("SELECT count(*) FROM " PER_CUSTOMER
                                    " WHERE n > 0 AND revenue >= %" G_GINT64_FORMAT,
                                    high_value_threshold (fixture->store));
  expected[4] = query_int (fixture->store, high_value_sql, LAST_DAY);

  evaluation = seg_segments_evaluate_all (fixture->store, LAST_DAY, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (seg_evaluation_get_total_customers (evaluation), ==, total);
  g_assert_cmpint (seg_evaluation_get_total_revenue (evaluation), ==, total_revenue);
  g_assert_cmpuint (seg_evaluation_get_n_segments (evaluation), ==, 5);

  for (guint i = 0; i < 5; i++)
    {
      figures = seg_evaluation_get_figures (evaluation, i);
      g_test_message ("%s: %" G_GINT64_FORMAT, core_names[i], figures->customers);
      g_assert_cmpint (figures->customers, ==, expected[i]);
      g_assert_cmpint (figures->customers, >, 0);
      g_assert_cmpfloat_with_epsilon (figures->share, (double) expected[i] / total, 1e-12);
    }

  /* Repeat buyers: revenue, AOV and repeat rate from orders. */
  figures = seg_evaluation_get_figures (evaluation, 2);
  {
    gint64 revenue = query_int (fixture->store, "SELECT sum (revenue) FROM " PER_CUSTOMER
                                " WHERE n >= 2", LAST_DAY);
    gint64 orders = query_int (fixture->store, "SELECT sum (n) FROM " PER_CUSTOMER
                               " WHERE n >= 2", LAST_DAY);

    g_assert_cmpint (figures->revenue_cents, ==, revenue);
    g_assert_cmpint (figures->orders, ==, orders);
    g_assert_cmpint (figures->aov_cents, ==, (gint64) llround ((double) revenue / orders));
    g_assert_cmpfloat (figures->repeat_rate, ==, 1.0);
    g_assert_cmpfloat_with_epsilon (figures->revenue_share, (double) revenue / total_revenue,
                                    1e-12);
  }
  /* Lapsed: repeat rate = members with 2+ orders / members. */
  figures = seg_evaluation_get_figures (evaluation, 3);
  {
    gint64 repeat = query_int (fixture->store, "SELECT count(*) FROM " PER_CUSTOMER
                               " WHERE n >= 2 AND last_day <= ?1 - 90", LAST_DAY);

    g_assert_cmpint (figures->repeat_customers, ==, repeat);
    g_assert_cmpfloat_with_epsilon (figures->repeat_rate, (double) repeat / expected[3], 1e-12);
  }
  /* Visitors: nothing bought. */
  figures = seg_evaluation_get_figures (evaluation, 0);
  g_assert_cmpint (figures->revenue_cents, ==, 0);
  g_assert_cmpint (figures->aov_cents, ==, 0);

  g_assert_cmpint (seg_evaluation_get_stage (evaluation), ==, SEG_STORE_STAGE_ADVANCED);
}

static void
test_primary (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegEvaluation) before = NULL;
  g_autoptr(SegEvaluation) after = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(GArray) high_value = NULL;
  g_autoptr(GArray) repeat_primary = NULL;
  gint64 sum = 0;
  SegSegment *high;
  SegSegmentFigures figures;
  int repeat_index, high_index;

  before = seg_segments_evaluate_all (fixture->store, LAST_DAY, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Every customer has at most one primary segment. */
  for (guint i = 0; i < 5; i++)
    sum += seg_evaluation_get_figures (before, i)->primary_customers;
  g_assert_cmpint (sum + seg_evaluation_get_unsegmented (before), ==,
                   seg_evaluation_get_total_customers (before));
  /* The first segment in priority keeps all its members. */
  g_assert_cmpint (seg_evaluation_get_figures (before, 0)->primary_customers, ==,
                   seg_evaluation_get_figures (before, 0)->customers);

  /* Independent: primary = members of no higher segment. */
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(GArray) members = seg_evaluation_dup_members (before, i, FALSE);
      g_autoptr(GArray) primary = seg_evaluation_dup_members (before, i, TRUE);
      guint expected = 0;

      for (guint k = 0; k < members->len; k++)
        {
          gint64 id = g_array_index (members, gint64, k);
          gboolean higher = FALSE;

          for (guint j = 0; j < i && !higher; j++)
            {
              g_autoptr(GArray) other = seg_evaluation_dup_members (before, j, FALSE);
              for (guint l = 0; l < other->len && !higher; l++)
                higher = g_array_index (other, gint64, l) == id;
            }
          if (!higher)
            {
              expected++;
              g_assert_cmpint (seg_evaluation_get_primary (before, id), ==,
                               seg_evaluation_get_figures (before, i)->segment_id);
            }
          if (k > 50)
            break;   /* a sample is enough for the quadratic check */
        }
      g_assert_cmpint (primary->len, ==, seg_evaluation_get_figures (before, i)->primary_customers);
      if (members->len <= 52)
        g_assert_cmpuint (primary->len, ==, expected);
    }

  /* Move High-value customers to the top: now it keeps all its members,
   * and Repeat buyers lose those they share with it. */
  segments = seg_segments_load (fixture->store, &error);
  high = g_ptr_array_index (segments, 4);
  g_assert_true (seg_segments_move (fixture->store, seg_segment_get_id (high), 0, &error));
  g_assert_no_error (error);

  after = seg_segments_evaluate_all (fixture->store, LAST_DAY, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (seg_segment_get_name (seg_evaluation_get_segment (after, 0)), ==,
                   "High-value customers");
  g_assert_cmpint (seg_segment_get_priority (seg_evaluation_get_segment (after, 0)), ==, 0);
  g_assert_cmpint (seg_segment_get_priority (seg_evaluation_get_segment (after, 4)), ==, 4);
  high_index = 0;
  repeat_index = seg_evaluation_find (after, seg_evaluation_get_figures (before, 2)->segment_id);
  g_assert_cmpint (repeat_index, ==, 3);
  g_assert_cmpint (seg_evaluation_get_figures (after, high_index)->primary_customers, ==,
                   seg_evaluation_get_figures (after, high_index)->customers);
  g_assert_cmpint (seg_evaluation_get_figures (after, repeat_index)->primary_customers, ==,
                   seg_evaluation_get_figures (before, 2)->primary_customers -
                   seg_evaluation_get_overlap (before, 2, 4));

  high_value = seg_evaluation_dup_members (after, high_index, FALSE);
  for (guint k = 0; k < high_value->len; k++)
    g_assert_cmpint (seg_evaluation_get_primary (after, g_array_index (high_value, gint64, k)),
                     ==, seg_segment_get_id (high));
  repeat_primary = seg_evaluation_dup_members (after, repeat_index, TRUE);
  for (guint k = 0; k < repeat_primary->len; k++)
    for (guint l = 0; l < high_value->len; l++)
      g_assert_cmpint (g_array_index (repeat_primary, gint64, k), !=,
                       g_array_index (high_value, gint64, l));

  /* One segment on its own: the same figures. */
  g_assert_true (seg_segments_evaluate (fixture->store,
                                        seg_evaluation_get_segment (after, repeat_index),
                                        LAST_DAY, NULL, &figures, &error));
  g_assert_no_error (error);
  g_assert_cmpint (figures.customers, ==,
                   seg_evaluation_get_figures (after, repeat_index)->customers);
  g_assert_cmpint (figures.primary_customers, ==,
                   seg_evaluation_get_figures (after, repeat_index)->primary_customers);

  /* Bad orders are refused. */
  {
    gint64 ids[] = { 1, 1 };

    g_assert_false (seg_segments_reorder (fixture->store, ids, 2, &error));
    g_assert_error (error, SEG_SEGMENTS_ERROR, SEG_SEGMENTS_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (seg_segments_reorder (fixture->store, ids, 1, &error));
    g_assert_error (error, SEG_SEGMENTS_ERROR, SEG_SEGMENTS_ERROR_INVALID);
  }
}

static void
test_overlap (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegEvaluation) evaluation = NULL;
  guint n;

  evaluation = seg_segments_evaluate_all (fixture->store, LAST_DAY, NULL, NULL, &error);
  g_assert_no_error (error);
  n = seg_evaluation_get_n_segments (evaluation);

  for (guint a = 0; a < n; a++)
    {
      g_autoptr(SegRule) rule_a =
        seg_rule_new_from_text (seg_segment_get_rule (seg_evaluation_get_segment (evaluation, a)),
                                NULL);
      g_autoptr(GArray) members_a = seg_segments_query_members (fixture->store, rule_a, LAST_DAY,
                                                                NULL, FALSE, -1, 0, &error);
      g_autoptr(GHashTable) set_a = g_hash_table_new (g_int64_hash, g_int64_equal);

      g_assert_no_error (error);
      for (guint k = 0; k < members_a->len; k++)
        g_hash_table_add (set_a, &g_array_index (members_a, gint64, k));

      g_assert_cmpint (seg_evaluation_get_overlap (evaluation, a, a), ==,
                       seg_evaluation_get_figures (evaluation, a)->customers);
      g_assert_cmpint (members_a->len, ==, seg_evaluation_get_figures (evaluation, a)->customers);

      for (guint b = 0; b < n; b++)
        {
          g_autoptr(SegRule) rule_b =
            seg_rule_new_from_text (seg_segment_get_rule (seg_evaluation_get_segment (evaluation,
                                                                                      b)), NULL);
          g_autoptr(GArray) members_b =
            seg_segments_query_members (fixture->store, rule_b, LAST_DAY, NULL, FALSE, -1, 0,
                                        &error);
          gint64 shared = 0;

          for (guint k = 0; k < members_b->len; k++)
            shared += g_hash_table_contains (set_a, &g_array_index (members_b, gint64, k));

          g_assert_cmpint (seg_evaluation_get_overlap (evaluation, a, b), ==,
                           seg_evaluation_get_overlap (evaluation, b, a));
          g_assert_cmpint (seg_evaluation_get_overlap (evaluation, a, b), ==, shared);
        }
    }

  /* First-time visitors share nobody with buyers' segments. */
  g_assert_cmpint (seg_evaluation_get_overlap (evaluation, 0, 2), ==, 0);
  /* Repeat and lapsed buyers do overlap in the demo. */
  g_assert_cmpint (seg_evaluation_get_overlap (evaluation, 2, 3), >, 0);
}

static void
test_members (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegRule) rule = seg_rule_new_from_text ("orders >= 2", NULL);
  g_autoptr(GArray) page = NULL;
  g_autoptr(GArray) next = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 previous = G_MAXINT64;

  page = seg_segments_query_members (fixture->store, rule, LAST_DAY, "revenue", TRUE, 20, 0,
                                     &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 20);
  next = seg_segments_query_members (fixture->store, rule, LAST_DAY, "revenue", TRUE, 20, 20,
                                     &error);
  g_assert_no_error (error);

  stmt = seg_store_prepare (fixture->store,
                            "SELECT revenue_cents FROM customer_measures WHERE customer_id = ?1",
                            NULL);
  for (guint i = 0; i < 40; i++)
    {
      gint64 id = i < 20 ? g_array_index (page, gint64, i) : g_array_index (next, gint64, i - 20);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, id);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 0), <=, previous);
      previous = sqlite3_column_int64 (stmt, 0);
    }

  for (guint i = 0; seg_segments_get_sort_columns ()[i] != NULL; i++)
    {
      g_autoptr(GArray) ids = seg_segments_query_members (fixture->store, rule, LAST_DAY,
                                                          seg_segments_get_sort_columns ()[i],
                                                          i % 2, 5, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (ids->len, ==, 5);
    }

  g_assert_null (seg_segments_query_members (fixture->store, rule, LAST_DAY,
                                             "revenue; DROP TABLE customers", FALSE, 5, 0,
                                             &error));
  g_assert_error (error, SEG_SEGMENTS_ERROR, SEG_SEGMENTS_ERROR_INVALID);
}

static void
test_edit (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegSegment) segment = seg_segment_new ("  Big spenders in the US ",
                                                   "revenue >= 500 and country in (\"US\")");
  g_autoptr(SegSegment) copy = NULL;
  g_autoptr(SegSegment) deleted = NULL;
  g_autoptr(SegSegment) other = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  gint64 id;

  g_assert_true (seg_segments_add (fixture->store, segment, &error));
  g_assert_no_error (error);
  id = seg_segment_get_id (segment);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpstr (seg_segment_get_name (segment), ==, "Big spenders in the US");
  g_assert_cmpint (seg_segment_get_priority (segment), ==, 5);
  g_assert_nonnull (seg_segment_get_color (segment));

  /* Names are unique, whatever the letter case. */
  other = seg_segment_new ("big spenders in the us", "orders >= 1");
  g_assert_false (seg_segments_add (fixture->store, other, &error));
  g_assert_error (error, SEG_SEGMENTS_ERROR, SEG_SEGMENTS_ERROR_NAME_EXISTS);
  g_assert_nonnull (strstr (error->message, "Big spenders in the US"));
  g_clear_error (&error);

  seg_segment_set_name (other, "   ");
  g_assert_false (seg_segments_add (fixture->store, other, &error));
  g_assert_error (error, SEG_SEGMENTS_ERROR, SEG_SEGMENTS_ERROR_INVALID_NAME);
  g_clear_error (&error);

  /* A bad rule gets the parser's message. */
  seg_segment_set_name (other, "Typo");
  seg_segment_set_rule (other, "ordres >= 2");
  g_assert_false (seg_segments_add (fixture->store, other, &error));
  g_assert_error (error, SEG_RULE_ERROR, SEG_RULE_ERROR_UNKNOWN_FIELD);
  g_assert_nonnull (strstr (error->message, "orders"));
  g_assert_cmpint (seg_segment_get_id (other), ==, 0);
  g_clear_error (&error);

  /* Update. */
  copy = seg_segment_copy (segment);
  seg_segment_set_rule (copy, "revenue>=600");
  seg_segment_set_notes (copy, "Free express shipping");
  g_assert_true (seg_segments_update (fixture->store, copy, &error));
  g_assert_no_error (error);
  g_clear_object (&other);
  other = seg_segments_lookup (fixture->store, "BIG SPENDERS IN THE US", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (seg_segment_get_rule (other), ==, "revenue >= 600");
  g_assert_cmpstr (seg_segment_get_notes (other), ==, "Free express shipping");

  /* Delete the second segment and undo. */
  segments = seg_segments_load (fixture->store, &error);
  deleted = seg_segments_delete (fixture->store,
                                 seg_segment_get_id (g_ptr_array_index (segments, 1)), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (seg_segment_get_name (deleted), ==, "First-time buyers");
  g_assert_cmpint (seg_segment_get_priority (deleted), ==, 1);
  g_assert_cmpstr (seg_segment_get_rule (deleted), ==, "orders = 1 and last_order_days < 60");
  g_clear_pointer (&segments, g_ptr_array_unref);
  segments = seg_segments_load (fixture->store, &error);
  g_assert_cmpuint (segments->len, ==, 5);
  for (guint i = 0; i < segments->len; i++)
    g_assert_cmpint (seg_segment_get_priority (g_ptr_array_index (segments, i)), ==, i);

  g_assert_true (seg_segments_restore (fixture->store, deleted, &error));
  g_assert_no_error (error);
  g_clear_pointer (&segments, g_ptr_array_unref);
  segments = seg_segments_load (fixture->store, &error);
  g_assert_cmpuint (segments->len, ==, 6);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpstr (seg_segment_get_name (g_ptr_array_index (segments, i)), ==, core_names[i]);
  g_assert_cmpint (seg_segment_get_id (g_ptr_array_index (segments, 1)), ==,
                   seg_segment_get_id (deleted));

  g_assert_null (seg_segments_delete (fixture->store, 9999, &error));
  g_assert_error (error, SEG_SEGMENTS_ERROR, SEG_SEGMENTS_ERROR_NOT_FOUND);
}

static void
test_snapshots (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegEvaluation) evaluation = NULL;
  gint64 visitors;

  /* The demo comes with half a year of weekly history; start afresh. */
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM segment_snapshots", 0), ==,
                   5 * 27);
  g_assert_true (seg_store_exec (fixture->store, "DELETE FROM segment_snapshots", &error));

  g_assert_true (seg_segments_snapshot (fixture->store, LAST_DAY, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM segment_snapshots", 0), ==, 5);
  g_assert_true (seg_segments_snapshot (fixture->store, LAST_DAY, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM segment_snapshots", 0), ==, 5);

  evaluation = seg_segments_evaluate_all (fixture->store, LAST_DAY, NULL, NULL, &error);
  visitors = seg_evaluation_get_figures (evaluation, 0)->customers;
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT customers FROM segment_snapshots WHERE snapshot_day = ?1"
                              " ORDER BY segment_id LIMIT 1", LAST_DAY), ==, visitors);
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT sum (revenue_cents) FROM segment_snapshots"
                              " WHERE snapshot_day = ?1", LAST_DAY), >, 0);

  /* Another day adds a row per segment. */
  g_assert_true (seg_segments_snapshot (fixture->store, LAST_DAY - 30, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM segment_snapshots", 0), ==,
                   10);
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT count(DISTINCT snapshot_day) FROM segment_snapshots", 0),
                   ==, 2);
  /* Deleting a segment deletes its history. */
  g_clear_pointer (&evaluation, seg_evaluation_free);
  {
    g_autoptr(SegSegment) deleted = seg_segments_delete (fixture->store, 1, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM segment_snapshots", 0), ==, 8);
}

static void
test_warnings (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegEvaluation) evaluation = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  SegSegmentsOptions options;
  gint32 created;
  gint64 buyers;

  segments = seg_segments_load (fixture->store, &error);
  created = seg_segment_get_created_day (g_ptr_array_index (segments, 0));

  /* Defaults: the demo's core segments are all large enough and fresh. */
  seg_segments_options_init (&options);
  options.today = created;
  evaluation = seg_segments_evaluate_all (fixture->store, LAST_DAY, &options, NULL, &error);
  g_assert_no_error (error);
  buyers = seg_evaluation_get_figures (evaluation, 1)->customers;
  for (guint i = 0; i < 5; i++)
    g_assert_cmpint (seg_evaluation_get_figures (evaluation, i)->warnings, ==,
                     SEG_SEGMENT_WARNING_NONE);
  g_clear_pointer (&evaluation, seg_evaluation_free);

  /* A higher threshold makes First-time buyers too small. */
  options.min_customers = buyers + 1;
  evaluation = seg_segments_evaluate_all (fixture->store, LAST_DAY, &options, NULL, &error);
  g_assert_cmpint (seg_evaluation_get_figures (evaluation, 1)->warnings, ==,
                   SEG_SEGMENT_WARNING_TOO_SMALL);
  {
    g_autofree char *message = seg_segments_warning_dup_message (SEG_SEGMENT_WARNING_TOO_SMALL,
                                                                  evaluation, 1);
    g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, buyers);
    g_assert_nonnull (strstr (message, count));
  }
  g_clear_pointer (&evaluation, seg_evaluation_free);

  /* 89 days after creation: fine; 90: not reviewed; marked reviewed: fine. */
  seg_segments_options_init (&options);
  options.today = created + 89;
  evaluation = seg_segments_evaluate_all (fixture->store, LAST_DAY, &options, NULL, &error);
  g_assert_false (seg_evaluation_get_figures (evaluation, 0)->warnings &
                  SEG_SEGMENT_WARNING_NOT_REVIEWED);
  g_clear_pointer (&evaluation, seg_evaluation_free);
  options.today = created + 90;
  evaluation = seg_segments_evaluate_all (fixture->store, LAST_DAY, &options, NULL, &error);
  for (guint i = 0; i < 5; i++)
    g_assert_true (seg_evaluation_get_figures (evaluation, i)->warnings &
                   SEG_SEGMENT_WARNING_NOT_REVIEWED);
  g_clear_pointer (&evaluation, seg_evaluation_free);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autoptr(GDateTime) later = g_date_time_add_days (now, 80);

    g_assert_true (seg_segments_mark_reviewed (fixture->store,
                                               seg_segment_get_id (g_ptr_array_index (segments, 0)),
                                               later, &error));
    g_assert_no_error (error);
  }
  evaluation = seg_segments_evaluate_all (fixture->store, LAST_DAY, &options, NULL, &error);
  g_assert_false (seg_evaluation_get_figures (evaluation, 0)->warnings &
                  SEG_SEGMENT_WARNING_NOT_REVIEWED);
  g_assert_true (seg_evaluation_get_figures (evaluation, 1)->warnings &
                 SEG_SEGMENT_WARNING_NOT_REVIEWED);
  g_clear_pointer (&evaluation, seg_evaluation_free);

  /* 2,000 customers support 20 segments: the 21st is one too many. */
  g_assert_cmpint (seg_segments_get_max_supported (2000, 100), ==, 20);
  g_assert_cmpint (seg_segments_get_max_supported (499, 100), ==, 5);
  g_assert_cmpint (seg_segments_get_max_supported (0, 100), ==, 5);
  for (guint i = 5; i < 21; i++)
    {
      g_autofree char *name = g_strdup_printf ("Spent at least %u", i * 10);
      g_autofree char *rule = g_strdup_printf ("revenue >= %u", i * 10);
      g_autoptr(SegSegment) segment = seg_segment_new (name, rule);

      g_assert_true (seg_segments_add (fixture->store, segment, &error));
      g_assert_no_error (error);
    }
  seg_segments_options_init (&options);
  options.today = created;
  evaluation = seg_segments_evaluate_all (fixture->store, LAST_DAY, &options, NULL, &error);
  g_assert_cmpuint (seg_evaluation_get_n_segments (evaluation), ==, 21);
  g_assert_false (seg_evaluation_get_figures (evaluation, 19)->warnings &
                  SEG_SEGMENT_WARNING_TOO_MANY);
  g_assert_true (seg_evaluation_get_figures (evaluation, 20)->warnings &
                 SEG_SEGMENT_WARNING_TOO_MANY);
  {
    g_autofree char *message = seg_segments_warning_dup_message (SEG_SEGMENT_WARNING_TOO_MANY,
                                                                  evaluation, 20);
    g_assert_nonnull (strstr (message, "500"));
    g_assert_nonnull (strstr (message, "21"));
  }
}

static void
test_empty_store (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegEvaluation) evaluation = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(SegSegment) sixth = seg_segment_new ("Everyone in France", "country = \"FR\"");
  gint32 today = seg_day_today ();

  g_assert_true (seg_templates_add_starter_set (fixture->store, &error));
  g_assert_no_error (error);
  segments = seg_segments_load (fixture->store, &error);
  g_assert_cmpuint (segments->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpstr (seg_segment_get_name (g_ptr_array_index (segments, i)), ==, core_names[i]);

  g_assert_true (seg_segments_add (fixture->store, sixth, &error));
  g_assert_true (seg_measures_ensure (seg_store_get_db (fixture->store), today, &error));
  g_assert_no_error (error);

  evaluation = seg_segments_evaluate_all (fixture->store, today, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (seg_evaluation_get_stage (evaluation), ==, SEG_STORE_STAGE_BEGINNER);
  g_assert_nonnull (strstr (seg_store_stage_get_hint (SEG_STORE_STAGE_BEGINNER),
                            "First-time visitors"));
  g_assert_cmpint (seg_evaluation_get_total_customers (evaluation), ==, 0);
  for (guint i = 0; i < 6; i++)
    {
      const SegSegmentFigures *figures = seg_evaluation_get_figures (evaluation, i);

      g_assert_cmpint (figures->customers, ==, 0);
      g_assert_cmpfloat (figures->share, ==, 0);
      g_assert_true (figures->warnings & SEG_SEGMENT_WARNING_TOO_SMALL);
      g_assert_cmpint (!!(figures->warnings & SEG_SEGMENT_WARNING_TOO_MANY), ==, i == 5);
    }
  g_assert_true (seg_segments_snapshot (fixture->store, today, &error));
  g_assert_no_error (error);
}

/* The suppression candidates are the at-risk subscribers who ignored the
 * demo's "We miss you" re-engagement campaign: some, and never more than
 * the at-risk subscribers. */
static void
test_suppression_candidates (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegRule) rule = NULL;
  g_autoptr(SegRule) at_risk = NULL;
  gint64 candidates = -1, at_risk_count = -1, ignored = -1;
  sqlite3 *db = seg_store_get_db (fixture->store);

  rule = seg_rule_new_from_text (seg_template_get_rule (seg_template_lookup ("suppression-candidates")),
                                 &error);
  g_assert_no_error (error);
  at_risk = seg_rule_new_from_text (seg_template_get_rule (seg_template_lookup ("at-risk-subscribers")),
                                    &error);
  g_assert_no_error (error);

  g_assert_true (seg_rule_count (db, rule, LAST_DAY, &candidates, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (seg_rule_count (db, at_risk, LAST_DAY, &at_risk_count, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (candidates, >, 0);
  g_assert_cmpint (candidates, <, at_risk_count);

  /* By hand: at-risk subscribers with a send of a re-engagement campaign
   * and no open or click in the 14 days from its sent day. */
  {
    g_autoptr(sqlite3_stmt) stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (db,
      "SELECT count(*) FROM customers AS c WHERE c.email_status = 'subscribed'"
      " AND (c.last_open_day IS NULL OR c.last_open_day <= ?1 - 90)"
      " AND EXISTS (SELECT 1 FROM email_events AS e JOIN campaigns AS k ON k.id = e.campaign_id"
      "   WHERE e.customer_id = c.id AND e.kind = 'sent' AND k.kind = 're-engagement'"
      "   AND k.sent_day <= ?1 - 14"
      "   AND NOT EXISTS (SELECT 1 FROM email_events AS r WHERE r.customer_id = c.id"
      "     AND r.kind IN ('open', 'click') AND r.event_day BETWEEN k.sent_day"
      "     AND k.sent_day + 13))", -1, &stmt, NULL), ==, SQLITE_OK);
    sqlite3_bind_int (stmt, 1, LAST_DAY);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    ignored = sqlite3_column_int64 (stmt, 0);
  }
  g_assert_cmpint (candidates, ==, ignored);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD_DEMO(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up_demo, func, fixture_tear_down)

  ADD_DEMO ("/segments/starter-set", test_starter_set);
  g_test_add_func ("/segments/templates", test_templates);
  ADD_DEMO ("/segments/counts", test_counts);
  ADD_DEMO ("/segments/primary", test_primary);
  ADD_DEMO ("/segments/overlap", test_overlap);
  ADD_DEMO ("/segments/members", test_members);
  ADD_DEMO ("/segments/edit", test_edit);
  ADD_DEMO ("/segments/snapshots", test_snapshots);
  ADD_DEMO ("/segments/warnings", test_warnings);
  ADD_DEMO ("/segments/suppression-candidates", test_suppression_candidates);
  g_test_add ("/segments/empty-store", Fixture, NULL, fixture_set_up_empty, test_empty_store,
              fixture_tear_down);

  return g_test_run ();
}
