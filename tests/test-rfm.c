/* test-rfm.c — RFM cut points, scores and groups
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Expected cut points are numpy.percentile (x, [20, 40, 60, 80]) (type 7),
 * worked out by hand in the comments: h = (n − 1) p,
 * q = x[⌊h⌋] + (h − ⌊h⌋) (x[⌊h⌋ + 1] − x[⌊h⌋]).
 */

#include <string.h>

#include "seg-rfm.h"
#include "seg-store.h"
#include "seg-store-schema.h"

static sqlite3 *
open_db (void)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, SEG_STORE_SCHEMA_V1, NULL, NULL, NULL), ==, SQLITE_OK);
  return db;
}

static void
exec (sqlite3    *db,
      const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
add_measures (sqlite3 *db,
              gint64   id,
              gint64   orders,
              gint64   revenue_cents,
              gint32   last_order_day)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO customers (id, email) VALUES (?1, ?2)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, g_strdup_printf ("c%" G_GINT64_FORMAT "@example.com", id),
                     -1, g_free);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_clear_pointer (&stmt, sqlite3_finalize);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO customer_measures (customer_id, orders, "
                                       "revenue_cents, last_order_day) VALUES (?1, ?2, ?3, ?4)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, orders);
  sqlite3_bind_int64 (stmt, 3, revenue_cents);
  if (orders > 0)
    sqlite3_bind_int (stmt, 4, last_order_day);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
}

/* Asserts one customer's scores and group ("Prospects": NULL scores). */
static void
assert_customer (sqlite3    *db,
                 gint64      id,
                 int         r,
                 int         f,
                 int         m,
                 const char *group)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT r, f, m, rfm_group FROM customer_measures "
                                       "WHERE customer_id = ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  if (r == 0)
    {
      g_assert_cmpint (sqlite3_column_type (stmt, 0), ==, SQLITE_NULL);
      g_assert_cmpint (sqlite3_column_type (stmt, 1), ==, SQLITE_NULL);
      g_assert_cmpint (sqlite3_column_type (stmt, 2), ==, SQLITE_NULL);
    }
  else
    {
      g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, r);
      g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, f);
      g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, m);
    }
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, group);
}

static void
assert_cuts (const double cuts[4],
             double       c0,
             double       c1,
             double       c2,
             double       c3)
{
  g_assert_cmpfloat_with_epsilon (cuts[0], c0, 1e-9);
  g_assert_cmpfloat_with_epsilon (cuts[1], c1, 1e-9);
  g_assert_cmpfloat_with_epsilon (cuts[2], c2, 1e-9);
  g_assert_cmpfloat_with_epsilon (cuts[3], c3, 1e-9);
}

static void
test_rfm_quantile (void)
{
  const double one[] = { 7 };
  const double ten[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
  const double six[] = { 10, 20, 30, 40, 50, 60 };

  /* n = 1: every quantile is the value */
  g_assert_cmpfloat (seg_quantile_type7 (one, 1, 0.0), ==, 7);
  g_assert_cmpfloat (seg_quantile_type7 (one, 1, 0.5), ==, 7);
  g_assert_cmpfloat (seg_quantile_type7 (one, 1, 1.0), ==, 7);

  /* numpy.quantile (range (1, 11), 0.2): h = 9 × 0.2 = 1.8 → 2 + 0.8 = 2.8 */
  g_assert_cmpfloat_with_epsilon (seg_quantile_type7 (ten, 10, 0.2), 2.8, 1e-12);
  /* 0.5: h = 4.5 → 5.5; 0.75: h = 6.75 → 7.75 */
  g_assert_cmpfloat_with_epsilon (seg_quantile_type7 (ten, 10, 0.5), 5.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (seg_quantile_type7 (ten, 10, 0.75), 7.75, 1e-12);
  g_assert_cmpfloat (seg_quantile_type7 (ten, 10, 0.0), ==, 1);
  g_assert_cmpfloat (seg_quantile_type7 (ten, 10, 1.0), ==, 10);

  /* n = 6: h = 5p = 1, 2, 3, 4 exactly: the cut is the order statistic
   * itself, bit for bit, even though 5 × 0.6 is not 3 in binary. */
  g_assert_cmpfloat (seg_quantile_type7 (six, 6, 0.2), ==, 20);
  g_assert_cmpfloat (seg_quantile_type7 (six, 6, 0.4), ==, 30);
  g_assert_cmpfloat (seg_quantile_type7 (six, 6, 0.6), ==, 40);
  g_assert_cmpfloat (seg_quantile_type7 (six, 6, 0.8), ==, 50);
  g_assert_cmpfloat (seg_quantile_type7 (six, 6, 3 / 5.0), ==, 40);
}

static void
test_rfm_cut_points (void)
{
  double cuts[4];

  /* n = 1: [7] → 7 7 7 7 */
  {
    double v[] = { 7 };
    seg_rfm_cut_points (v, 1, cuts);
    assert_cuts (cuts, 7, 7, 7, 7);
    /* nothing is strictly below the only buyer's value */
    g_assert_cmpint (seg_rfm_score_ascending (7, cuts), ==, 1);
    g_assert_cmpint (seg_rfm_score_recency (7, cuts), ==, 5);
  }

  /* n = 2: [3, 1] sorted [1, 3]; h = 0.2 0.4 0.6 0.8 → 1.4 1.8 2.2 2.6 */
  {
    double v[] = { 3, 1 };
    seg_rfm_cut_points (v, 2, cuts);
    assert_cuts (cuts, 1.4, 1.8, 2.2, 2.6);
    g_assert_cmpfloat (v[0], ==, 1);   /* sorted in place */
    g_assert_cmpint (seg_rfm_score_ascending (1, cuts), ==, 1);
    g_assert_cmpint (seg_rfm_score_ascending (3, cuts), ==, 5);
    g_assert_cmpint (seg_rfm_score_recency (1, cuts), ==, 5);
    g_assert_cmpint (seg_rfm_score_recency (3, cuts), ==, 1);
    g_assert_cmpint (seg_rfm_score_ascending (2, cuts), ==, 3);
  }

  /* n = 3: [1, 2, 10]; h = 0.4 0.8 1.2 1.6 → 1.4, 1.8, 2 + 0.2 × 8 = 3.6,
   * 2 + 0.6 × 8 = 6.8 */
  {
    double v[] = { 10, 1, 2 };
    seg_rfm_cut_points (v, 3, cuts);
    assert_cuts (cuts, 1.4, 1.8, 3.6, 6.8);
    g_assert_cmpint (seg_rfm_score_ascending (1, cuts), ==, 1);
    g_assert_cmpint (seg_rfm_score_ascending (2, cuts), ==, 3);
    g_assert_cmpint (seg_rfm_score_ascending (10, cuts), ==, 5);
  }

  /* n = 4: [1, 2, 3, 4]; h = 0.6 1.2 1.8 2.4 → 1.6 2.2 2.8 3.4 */
  {
    double v[] = { 4, 3, 2, 1 };
    seg_rfm_cut_points (v, 4, cuts);
    assert_cuts (cuts, 1.6, 2.2, 2.8, 3.4);
  }

  /* ties: [1, 1, 1, 1, 2]; h = 0.8 1.6 2.4 3.2 → 1 1 1 1.2.  A value of 1
   * has no cut strictly below it: F = 1, R = 5; 2 is above all four. */
  {
    double v[] = { 1, 2, 1, 1, 1 };
    seg_rfm_cut_points (v, 5, cuts);
    assert_cuts (cuts, 1, 1, 1, 1.2);
    g_assert_cmpint (seg_rfm_score_ascending (1, cuts), ==, 1);
    g_assert_cmpint (seg_rfm_score_ascending (2, cuts), ==, 5);
    g_assert_cmpint (seg_rfm_score_recency (1, cuts), ==, 5);
    g_assert_cmpint (seg_rfm_score_recency (2, cuts), ==, 1);
  }

  /* all equal: [5, 5, 5] → 5 5 5 5, everybody F = 1 and R = 5 */
  {
    double v[] = { 5, 5, 5 };
    seg_rfm_cut_points (v, 3, cuts);
    assert_cuts (cuts, 5, 5, 5, 5);
    g_assert_cmpint (seg_rfm_score_ascending (5, cuts), ==, 1);
    g_assert_cmpint (seg_rfm_score_recency (5, cuts), ==, 5);
  }

  /* n = 6, exact order statistics: [10 … 60] → 20 30 40 50; a value equal
   * to a cut is not above it. */
  {
    double v[] = { 60, 50, 40, 30, 20, 10 };
    seg_rfm_cut_points (v, 6, cuts);
    g_assert_cmpfloat (cuts[0], ==, 20);
    g_assert_cmpfloat (cuts[1], ==, 30);
    g_assert_cmpfloat (cuts[2], ==, 40);
    g_assert_cmpfloat (cuts[3], ==, 50);
    g_assert_cmpint (seg_rfm_score_ascending (10, cuts), ==, 1);
    g_assert_cmpint (seg_rfm_score_ascending (20, cuts), ==, 1);
    g_assert_cmpint (seg_rfm_score_ascending (30, cuts), ==, 2);
    g_assert_cmpint (seg_rfm_score_ascending (40, cuts), ==, 3);
    g_assert_cmpint (seg_rfm_score_ascending (50, cuts), ==, 4);
    g_assert_cmpint (seg_rfm_score_ascending (60, cuts), ==, 5);
    g_assert_cmpint (seg_rfm_score_recency (20, cuts), ==, 5);
    g_assert_cmpint (seg_rfm_score_recency (21, cuts), ==, 4);
    g_assert_cmpint (seg_rfm_score_recency (60, cuts), ==, 1);
  }

  /* n = 11: 0, 10, …, 100 → h = 2 4 6 8 → 20 40 60 80 */
  {
    double v[11];
    for (int i = 0; i < 11; i++)
      v[i] = 100 - 10 * i;
    seg_rfm_cut_points (v, 11, cuts);
    assert_cuts (cuts, 20, 40, 60, 80);
  }

  /* n = 0: no buyers, cuts 0 */
  seg_rfm_cut_points (NULL, 0, cuts);
  assert_cuts (cuts, 0, 0, 0, 0);
}

static void
test_rfm_group_table (void)
{
  int seen[125] = { 0, };

  /* Every combination listed exactly once across the groups … */
  for (int g = 0; g < SEG_RFM_N_GROUPS; g++)
    {
      const char *combinations = seg_rfm_group_get_combinations (g);
      g_auto(GStrv) words = NULL;

      if (g == SEG_RFM_GROUP_PROSPECTS)
        {
          g_assert_null (combinations);
          continue;
        }
      g_assert_nonnull (combinations);
      words = g_strsplit (combinations, " ", -1);
      for (guint i = 0; words[i] != NULL; i++)
        {
          const char *w = words[i];
          int r, f, m;

          g_assert_cmpuint (strlen (w), ==, 3);
          r = w[0] - '0';
          f = w[1] - '0';
          m = w[2] - '0';
          g_assert_true (r >= 1 && r <= 5 && f >= 1 && f <= 5 && m >= 1 && m <= 5);
          seen[(r - 1) * 25 + (f - 1) * 5 + (m - 1)]++;
          g_assert_cmpint (seg_rfm_group_for_scores (r, f, m), ==, g);
        }
    }
  for (int i = 0; i < 125; i++)
    g_assert_cmpint (seen[i], ==, 1);

  /* … and every combination maps to a real group */
  for (int r = 1; r <= 5; r++)
    for (int f = 1; f <= 5; f++)
      for (int m = 1; m <= 5; m++)
        {
          SegRfmGroup g = seg_rfm_group_for_scores (r, f, m);
          g_assert_cmpint (g, >=, SEG_RFM_GROUP_CHAMPIONS);
          g_assert_cmpint (g, <=, SEG_RFM_GROUP_LOST);
        }

  /* sizes, as counted in DESIGN.md */
  {
    const int sizes[] = { 7, 8, 24, 7, 16, 8, 8, 22, 8, 11, 6 };
    int count[SEG_RFM_N_GROUPS] = { 0, };

    for (int r = 1; r <= 5; r++)
      for (int f = 1; f <= 5; f++)
        for (int m = 1; m <= 5; m++)
          count[seg_rfm_group_for_scores (r, f, m)]++;
    for (int g = 0; g <= SEG_RFM_GROUP_LOST; g++)
      g_assert_cmpint (count[g], ==, sizes[g]);
  }

#define CHECK(rfm, group) \
  g_assert_cmpstr (seg_rfm_group_to_string (seg_rfm_group_for_scores ((rfm) / 100, \
                                                                      (rfm) / 10 % 10, \
                                                                      (rfm) % 10)), ==, group)
  CHECK (555, "Champions");
  CHECK (445, "Champions");
  CHECK (454, "Champions");
  CHECK (543, "Loyal");
  CHECK (335, "Loyal");
  CHECK (444, "Loyal");
  CHECK (553, "Potential Loyalist");
  CHECK (333, "Potential Loyalist");
  CHECK (323, "Potential Loyalist");
  CHECK (423, "Potential Loyalist");
  CHECK (512, "New Customers");
  CHECK (311, "New Customers");
  CHECK (422, "New Customers");
  CHECK (525, "Promising");
  CHECK (315, "Promising");
  CHECK (413, "Promising");
  CHECK (535, "Need Attention");
  CHECK (324, "Need Attention");
  CHECK (443, "Need Attention");
  CHECK (331, "About To Sleep");
  CHECK (251, "About To Sleep");
  CHECK (213, "About To Sleep");
  CHECK (255, "At Risk");
  CHECK (124, "At Risk");
  CHECK (153, "At Risk");
  CHECK (224, "At Risk");
  CHECK (155, "Can't Lose Them");
  CHECK (113, "Can't Lose Them");
  CHECK (214, "Can't Lose Them");
  CHECK (332, "Hibernating");
  CHECK (211, "Hibernating");
  CHECK (122, "Hibernating");
  CHECK (111, "Lost");
  CHECK (151, "Lost");
  CHECK (121, "Lost");
#undef CHECK

  g_assert_cmpint (seg_rfm_group_for_scores (0, 3, 3), ==, SEG_RFM_GROUP_INVALID);
  g_assert_cmpint (seg_rfm_group_for_scores (3, 6, 3), ==, SEG_RFM_GROUP_INVALID);

  for (int g = 0; g < SEG_RFM_N_GROUPS; g++)
    {
      g_assert_cmpint (seg_rfm_group_from_string (seg_rfm_group_to_string (g)), ==, g);
      g_assert_nonnull (seg_rfm_group_get_title (g));
      g_assert_cmpuint (strlen (seg_rfm_group_get_description (g)), >, 0);
      g_assert_cmpuint (strlen (seg_rfm_group_get_action (g)), >, 0);
    }
  g_assert_cmpstr (seg_rfm_group_to_string (SEG_RFM_GROUP_CANT_LOSE_THEM), ==,
                   "Can't Lose Them");
  g_assert_cmpstr (seg_rfm_group_to_string (SEG_RFM_GROUP_PROSPECTS), ==, "Prospects");
  g_assert_cmpint (seg_rfm_group_from_string ("About To Sleep"), ==,
                   SEG_RFM_GROUP_ABOUT_TO_SLEEP);
  g_assert_cmpint (seg_rfm_group_from_string ("Nobody"), ==, SEG_RFM_GROUP_INVALID);
}

static void
test_rfm_apply (void)
{
  g_autoptr(sqlite3) db = open_db ();
  g_autoptr(GError) error = NULL;
  SegRfmResult result;
  SegRfmResult loaded;
  const gint32 ref = 1000;

  /* Five buyers, one prospect.
   *   days    [10 20 30 40 50] → h = 0.8 1.6 2.4 3.2 → 18 26 34 42
   *   orders  [1 2 3 4 5]      → 1.8 2.6 3.4 4.2
   *   revenue [1000 … 5000]    → 1800 2600 3400 4200 */
  add_measures (db, 1, 1, 1000, ref - 10);
  add_measures (db, 2, 2, 2000, ref - 20);
  add_measures (db, 3, 3, 3000, ref - 30);
  add_measures (db, 4, 4, 4000, ref - 40);
  add_measures (db, 5, 5, 5000, ref - 50);
  add_measures (db, 6, 0, 0, 0);

  g_assert_true (seg_rfm_apply (db, ref, &result, &error));
  g_assert_no_error (error);
  g_assert_true (sqlite3_get_autocommit (db));

  g_assert_cmpint (result.ref_day, ==, ref);
  g_assert_cmpint (result.buyers, ==, 5);
  assert_cuts (result.recency, 18, 26, 34, 42);
  assert_cuts (result.frequency, 1.8, 2.6, 3.4, 4.2);
  assert_cuts (result.monetary, 1800, 2600, 3400, 4200);

  assert_customer (db, 1, 5, 1, 1, "New Customers");      /* 511 */
  assert_customer (db, 2, 4, 2, 2, "New Customers");      /* 422 */
  assert_customer (db, 3, 3, 3, 3, "Potential Loyalist"); /* 333 */
  assert_customer (db, 4, 2, 4, 4, "At Risk");            /* 244 */
  assert_customer (db, 5, 1, 5, 5, "Can't Lose Them");    /* 155 */
  assert_customer (db, 6, 0, 0, 0, "Prospects");

  g_assert_cmpint (result.customers[SEG_RFM_GROUP_NEW_CUSTOMERS], ==, 2);
  g_assert_cmpint (result.revenue_cents[SEG_RFM_GROUP_NEW_CUSTOMERS], ==, 3000);
  g_assert_cmpint (result.customers[SEG_RFM_GROUP_POTENTIAL_LOYALIST], ==, 1);
  g_assert_cmpint (result.customers[SEG_RFM_GROUP_AT_RISK], ==, 1);
  g_assert_cmpint (result.revenue_cents[SEG_RFM_GROUP_AT_RISK], ==, 4000);
  g_assert_cmpint (result.customers[SEG_RFM_GROUP_CANT_LOSE_THEM], ==, 1);
  g_assert_cmpint (result.customers[SEG_RFM_GROUP_CHAMPIONS], ==, 0);
  g_assert_cmpint (result.customers[SEG_RFM_GROUP_PROSPECTS], ==, 1);
  g_assert_cmpint (result.revenue_cents[SEG_RFM_GROUP_PROSPECTS], ==, 0);

  /* the cuts are kept and read back with the same counts */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM settings WHERE key = 'rfm_cuts' "
                                  "AND json_valid (value)"), ==, 1);
  g_assert_true (seg_rfm_load (db, &loaded, &error));
  g_assert_no_error (error);
  g_assert_cmpint (loaded.ref_day, ==, result.ref_day);
  g_assert_cmpint (loaded.buyers, ==, result.buyers);
  g_assert_cmpint (memcmp (loaded.recency, result.recency, sizeof result.recency), ==, 0);
  g_assert_cmpint (memcmp (loaded.frequency, result.frequency, sizeof result.frequency), ==, 0);
  g_assert_cmpint (memcmp (loaded.monetary, result.monetary, sizeof result.monetary), ==, 0);
  for (int g = 0; g < SEG_RFM_N_GROUPS; g++)
    {
      g_assert_cmpint (loaded.customers[g], ==, result.customers[g]);
      g_assert_cmpint (loaded.revenue_cents[g], ==, result.revenue_cents[g]);
    }

  /* Applying again as of 100 days later moves only recency:
   * days [110 … 150] → 118 126 134 142, same scores. */
  g_assert_true (seg_rfm_apply (db, ref + 100, &result, &error));
  g_assert_no_error (error);
  assert_cuts (result.recency, 118, 126, 134, 142);
  assert_customer (db, 3, 3, 3, 3, "Potential Loyalist");
}

static void
test_rfm_apply_small (void)
{
  g_autoptr(GError) error = NULL;
  SegRfmResult result;

  /* no buyers at all */
  {
    g_autoptr(sqlite3) db = open_db ();

    add_measures (db, 1, 0, 0, 0);
    g_assert_true (seg_rfm_apply (db, 100, &result, &error));
    g_assert_no_error (error);
    g_assert_cmpint (result.buyers, ==, 0);
    assert_cuts (result.frequency, 0, 0, 0, 0);
    g_assert_cmpint (result.customers[SEG_RFM_GROUP_PROSPECTS], ==, 1);
    assert_customer (db, 1, 0, 0, 0, "Prospects");
  }

  /* n = 1: cuts are the buyer's own values; R = 5, F = M = 1 → 511 */
  {
    g_autoptr(sqlite3) db = open_db ();

    add_measures (db, 1, 3, 4500, 90);
    g_assert_true (seg_rfm_apply (db, 100, &result, &error));
    g_assert_no_error (error);
    g_assert_cmpint (result.buyers, ==, 1);
    assert_cuts (result.recency, 10, 10, 10, 10);
    assert_cuts (result.frequency, 3, 3, 3, 3);
    assert_cuts (result.monetary, 4500, 4500, 4500, 4500);
    assert_customer (db, 1, 5, 1, 1, "New Customers");
  }

  /* n = 2: days [5 60] → 16 27 38 49; orders [1 4] → 1.6 2.2 2.8 3.4;
   * revenue [9000 1000] → 2600 4200 5800 7400.
   *   1: days 5, 1 order, 9000  → 5 1 5 Promising
   *   2: days 60, 4 orders, 1000 → 1 5 1 Lost */
  {
    g_autoptr(sqlite3) db = open_db ();

    add_measures (db, 1, 1, 9000, 95);
    add_measures (db, 2, 4, 1000, 40);
    g_assert_true (seg_rfm_apply (db, 100, &result, &error));
    g_assert_no_error (error);
    assert_cuts (result.recency, 16, 27, 38, 49);
    assert_cuts (result.frequency, 1.6, 2.2, 2.8, 3.4);
    assert_cuts (result.monetary, 2600, 4200, 5800, 7400);
    assert_customer (db, 1, 5, 1, 5, "Promising");
    assert_customer (db, 2, 1, 5, 1, "Lost");
  }

  /* n = 3, all equal: every cut equals the value, nothing strictly below:
   * everybody 511 */
  {
    g_autoptr(sqlite3) db = open_db ();

    for (int i = 1; i <= 3; i++)
      add_measures (db, i, 2, 5000, 80);
    g_assert_true (seg_rfm_apply (db, 100, &result, &error));
    g_assert_no_error (error);
    assert_cuts (result.recency, 20, 20, 20, 20);
    for (int i = 1; i <= 3; i++)
      assert_customer (db, i, 5, 1, 1, "New Customers");
    g_assert_cmpint (result.customers[SEG_RFM_GROUP_NEW_CUSTOMERS], ==, 3);
    g_assert_cmpint (result.revenue_cents[SEG_RFM_GROUP_NEW_CUSTOMERS], ==, 15000);
  }

  /* ties, n = 5: orders [1 1 1 1 2] → 1 1 1 1.2: the 1-order customers
   * F = 1, the 2-order one F = 5.  days [0 0 0 7 7] → h 0.8 1.6 2.4 3.2 →
   * 0, 0, 0 + 0.4 × 7 = 2.8, 7: days 0 → R 5, days 7 → 5 − 3 = 2.
   * revenue [100 200 300 400 500] → 180 260 340 420. */
  {
    g_autoptr(sqlite3) db = open_db ();

    add_measures (db, 1, 1, 100, 100);
    add_measures (db, 2, 1, 200, 100);
    add_measures (db, 3, 1, 300, 100);
    add_measures (db, 4, 1, 400, 93);
    add_measures (db, 5, 2, 500, 93);
    g_assert_true (seg_rfm_apply (db, 100, &result, &error));
    g_assert_no_error (error);
    assert_cuts (result.frequency, 1, 1, 1, 1.2);
    assert_cuts (result.recency, 0, 0, 2.8, 7);
    assert_customer (db, 1, 5, 1, 1, "New Customers");   /* 511 */
    assert_customer (db, 2, 5, 1, 2, "New Customers");   /* 512 */
    assert_customer (db, 3, 5, 1, 3, "Promising");       /* 513 */
    assert_customer (db, 4, 2, 1, 4, "Can't Lose Them"); /* 214 */
    assert_customer (db, 5, 2, 5, 5, "At Risk");         /* 255 */
  }
}

static void
test_rfm_apply_nested (void)
{
  g_autoptr(sqlite3) db = open_db ();
  g_autoptr(GError) error = NULL;

  add_measures (db, 1, 1, 100, 10);
  exec (db, "BEGIN");
  g_assert_true (seg_rfm_apply (db, 20, NULL, &error));
  g_assert_no_error (error);
  /* still inside the caller's transaction */
  g_assert_false (sqlite3_get_autocommit (db));
  assert_customer (db, 1, 5, 1, 1, "New Customers");
  exec (db, "ROLLBACK");
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM customer_measures "
                                  "WHERE rfm_group IS NOT NULL"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM settings"), ==, 0);
}

static void
test_rfm_large (void)
{
  g_autoptr(sqlite3) db = open_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  SegRfmResult result;
  const int n = 100000;
  const gint32 ref = 20000;
  gint64 buyers = 0, total = 0, start;

  exec (db, "BEGIN");
  exec (db, "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) "
            "INSERT INTO customers (id) SELECT i FROM n");
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO customer_measures (customer_id, orders, "
                                       "revenue_cents, last_order_day) VALUES (?1, ?2, ?3, ?4)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  for (int i = 1; i <= n; i++)
    {
      /* a third are prospects; orders skewed towards 1 */
      int orders = g_rand_int_range (rand, 0, 3) == 0 ? 0 : 1 + (int) (g_rand_double (rand) *
                                                                       g_rand_double (rand) * 12);

      sqlite3_bind_int (stmt, 1, i);
      sqlite3_bind_int (stmt, 2, orders);
      sqlite3_bind_int64 (stmt, 3, orders * (gint64) g_rand_int_range (rand, 500, 20000));
      if (orders > 0)
        sqlite3_bind_int (stmt, 4, ref - g_rand_int_range (rand, 0, 730));
      else
        sqlite3_bind_null (stmt, 4);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
      buyers += orders > 0;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  exec (db, "COMMIT");

  start = g_get_monotonic_time ();
  g_assert_true (seg_rfm_apply (db, ref, &result, &error));
  g_test_message ("seg_rfm_apply, %d customers (%" G_GINT64_FORMAT " buyers): %.1f ms",
                  n, buyers, (g_get_monotonic_time () - start) / 1000.0);
  g_assert_no_error (error);

  g_assert_cmpint (result.buyers, ==, buyers);
  for (int g = 0; g < SEG_RFM_N_GROUPS; g++)
    total += result.customers[g];
  g_assert_cmpint (total, ==, n);
  g_assert_cmpint (result.customers[SEG_RFM_GROUP_PROSPECTS], ==, n - buyers);

  /* every stored score agrees with the cuts, recomputed in SQL */
  g_assert_cmpint (sqlite3_prepare_v2 (db,
    "SELECT count(*) FROM customer_measures WHERE orders > 0 AND ("
    " r IS NOT 5 - ((?1 < ?13 - last_order_day) + (?2 < ?13 - last_order_day) +"
    "               (?3 < ?13 - last_order_day) + (?4 < ?13 - last_order_day)) OR"
    " f IS NOT 1 + (?5 < orders) + (?6 < orders) + (?7 < orders) + (?8 < orders) OR"
    " m IS NOT 1 + (?9 < revenue_cents) + (?10 < revenue_cents) +"
    "              (?11 < revenue_cents) + (?12 < revenue_cents))",
    -1, &stmt, NULL), ==, SQLITE_OK);
  for (int i = 0; i < 4; i++)
    {
      sqlite3_bind_double (stmt, 1 + i, result.recency[i]);
      sqlite3_bind_double (stmt, 5 + i, result.frequency[i]);
      sqlite3_bind_double (stmt, 9 + i, result.monetary[i]);
    }
  sqlite3_bind_int (stmt, 13, ref);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* each group's stored count matches the result */
  for (int g = 0; g < SEG_RFM_N_GROUPS; g++)
    {
      g_assert_cmpint (sqlite3_prepare_v2 (db,
                                           "SELECT count(*), total (revenue_cents) "
                                           "FROM customer_measures WHERE rfm_group = ?1",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, seg_rfm_group_to_string (g), -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, result.customers[g]);
      g_assert_cmpint ((gint64) sqlite3_column_double (stmt, 1), ==, result.revenue_cents[g]);
      g_clear_pointer (&stmt, sqlite3_finalize);
    }

  /* quintiles: each F-independent R score holds roughly a fifth of buyers */
  for (int r = 1; r <= 5; r++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM customer_measures "
                                              "WHERE r = %d", r);
      gint64 count = query_int (db, sql);

      g_assert_cmpint (count, >, buyers / 5 - buyers / 50);
      g_assert_cmpint (count, <, buyers / 5 + buyers / 50);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rfm/quantile", test_rfm_quantile);
  g_test_add_func ("/rfm/cut-points", test_rfm_cut_points);
  g_test_add_func ("/rfm/group-table", test_rfm_group_table);
  g_test_add_func ("/rfm/apply", test_rfm_apply);
  g_test_add_func ("/rfm/apply-small", test_rfm_apply_small);
  g_test_add_func ("/rfm/apply-nested", test_rfm_apply_nested);
  g_test_add_func ("/rfm/large", test_rfm_large);

  return g_test_run ();
}
