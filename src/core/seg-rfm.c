/* seg-rfm.c — recency, frequency and monetary scores and the eleven groups
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seg-rfm"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "seg-rfm.h"
#include "seg-store.h"

typedef struct
{
  const char *name;          /* canonical, stored in customer_measures */
  const char *title;         /* translatable */
  const char *description;   /* translatable */
  const char *action;        /* translatable */
  const char *combinations;  /* R F M digits, as in DESIGN.md */
} GroupInfo;

/* The table in DESIGN.md, "RFM, exactly", verbatim: tests check that every
 * one of the 125 combinations appears exactly once. */
static const GroupInfo groups[SEG_RFM_N_GROUPS] = {
  [SEG_RFM_GROUP_CHAMPIONS] = {
    "Champions", N_("Champions"),
    N_("Bought recently, buy often and spend the most."),
    N_("Reward them. Offer early access and new products; ask for reviews and referrals."),
    "555 554 544 545 454 455 445",
  },
  [SEG_RFM_GROUP_LOYAL] = {
    "Loyal", N_("Loyal"),
    N_("Spend good money and buy often; they respond to promotions."),
    N_("Upsell higher-value products, invite them to a loyalty programme, ask for reviews."),
    "543 444 435 355 354 345 344 335",
  },
  [SEG_RFM_GROUP_POTENTIAL_LOYALIST] = {
    "Potential Loyalist", N_("Potential Loyalist"),
    N_("Recent customers who spent a good amount and bought more than once."),
    N_("Offer membership or a loyalty programme and recommend related products."),
    "553 551 552 541 542 533 532 531 452 451 442 441 431 453 433 432 423 353 352 351 "
    "342 341 333 323",
  },
  [SEG_RFM_GROUP_NEW_CUSTOMERS] = {
    "New Customers", N_("New Customers"),
    N_("Bought very recently, but not often."),
    N_("Welcome them, help them get started and give a reason to come back."),
    "512 511 422 421 412 411 311",
  },
  [SEG_RFM_GROUP_PROMISING] = {
    "Promising", N_("Promising"),
    N_("Recent shoppers who have not spent much yet."),
    N_("Build brand awareness and offer a free trial or a small incentive."),
    "525 524 523 522 521 515 514 513 425 424 413 414 415 315 314 313",
  },
  [SEG_RFM_GROUP_NEED_ATTENTION] = {
    "Need Attention", N_("Need Attention"),
    N_("Above-average recency, frequency and spend, but they may not have bought lately."),
    N_("Send a limited-time offer and recommendations based on what they bought."),
    "535 534 443 434 343 334 325 324",
  },
  [SEG_RFM_GROUP_ABOUT_TO_SLEEP] = {
    "About To Sleep", N_("About To Sleep"),
    N_("Below-average recency and frequency: you will lose them if nothing happens."),
    N_("Share useful content, recommend popular products and offer a discount to reconnect."),
    "331 321 312 221 213 231 241 251",
  },
  [SEG_RFM_GROUP_AT_RISK] = {
    "At Risk", N_("At Risk"),
    N_("Spent a lot and bought often, but a long time ago."),
    N_("Send personal emails to reconnect, offer a renewal and point to helpful resources."),
    "255 254 245 244 253 252 243 242 235 234 225 224 153 152 145 143 142 135 134 133 "
    "125 124",
  },
  [SEG_RFM_GROUP_CANT_LOSE_THEM] = {
    "Can't Lose Them", N_("Can't Lose Them"),
    N_("Made the biggest and most frequent purchases, but have not returned for a long time."),
    N_("Win them back with a new product or a special offer; talk to them, do not lose them."),
    "155 154 144 214 215 115 114 113",
  },
  [SEG_RFM_GROUP_HIBERNATING] = {
    "Hibernating", N_("Hibernating"),
    N_("Last bought long ago, bought little and spent little."),
    N_("Offer other relevant products and special discounts; recreate the brand's value."),
    "332 322 233 232 223 222 132 123 122 212 211",
  },
  [SEG_RFM_GROUP_LOST] = {
    "Lost", N_("Lost"),
    N_("Lowest recency, frequency and spend."),
    N_("Try a last re-engagement campaign; otherwise leave them out of regular mailings."),
    "111 112 121 131 141 151",
  },
  [SEG_RFM_GROUP_PROSPECTS] = {
    "Prospects", N_("Prospects"),
    N_("Known contacts who have not bought anything yet."),
    N_("Use social proof and a low-risk first offer to win the first order."),
    NULL,
  },
};

G_DEFINE_QUARK (seg-rfm-error-quark, seg_rfm_error)

G_DEFINE_BOXED_TYPE (SegRfmResult, seg_rfm_result,
                     seg_rfm_result_copy, seg_rfm_result_free)

SegRfmResult *
seg_rfm_result_copy (const SegRfmResult *result)
{
  return g_memdup2 (result, sizeof *result);
}

void
seg_rfm_result_free (SegRfmResult *result)
{
  g_free (result);
}

static const SegRfmGroup *
get_group_table (void)
{
  /* Indexed by (r-1)*25 + (f-1)*5 + (m-1). */
  static SegRfmGroup table[125];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < G_N_ELEMENTS (table); i++)
        table[i] = SEG_RFM_GROUP_INVALID;

      for (guint g = 0; g < SEG_RFM_N_GROUPS; g++)
        {
          const char *p = groups[g].combinations;

          for (; p != NULL && *p != '\0'; p++)
            {
              if (*p == ' ')
                continue;
              g_assert (p[0] >= '1' && p[0] <= '5' &&
                        p[1] >= '1' && p[1] <= '5' &&
                        p[2] >= '1' && p[2] <= '5');
              table[(p[0] - '1') * 25 + (p[1] - '1') * 5 + (p[2] - '1')] = g;
              p += 2;
            }
        }

      g_once_init_leave (&initialized, 1);
    }

  return table;
}

static void
set_error_from_db (sqlite3  *db,
                   GError  **error)
{
  g_set_error (error, SEG_RFM_ERROR, SEG_RFM_ERROR_FAILED,
               _("Could not compute RFM scores: %s"), sqlite3_errmsg (db));
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      set_error_from_db (db, error);
      return FALSE;
    }
  return TRUE;
}

static guint32
pack_score (int         r,
            int         f,
            int         m,
            SegRfmGroup group)
{
  return 1u << 31 | (guint32) group << 12 | (guint32) r << 8 | (guint32) f << 4 | (guint32) m;
}

static char *
build_cuts_json (const SegRfmResult *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  const struct { const char *name; const double *cuts; } measures[] = {
    { "recency", result->recency },
    { "frequency", result->frequency },
    { "monetary", result->monetary },
  };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ref_day");
  json_builder_add_int_value (builder, result->ref_day);
  json_builder_set_member_name (builder, "buyers");
  json_builder_add_int_value (builder, result->buyers);
  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    {
      json_builder_set_member_name (builder, measures[i].name);
      json_builder_begin_array (builder);
      for (guint j = 0; j < 4; j++)
        json_builder_add_double_value (builder, measures[i].cuts[j]);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static gboolean
parse_cuts_json (const char    *text,
                 SegRfmResult  *result)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  const char *names[] = { "recency", "frequency", "monetary" };
  double *cuts[] = { result->recency, result->frequency, result->monetary };

  if (!json_parser_load_from_data (parser, text, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;

  object = json_node_get_object (json_parser_get_root (parser));
  result->ref_day = json_object_get_int_member_with_default (object, "ref_day", 0);
  result->buyers = json_object_get_int_member_with_default (object, "buyers", 0);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      JsonArray *array;

      if (!json_object_has_member (object, names[i]) ||
          !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, names[i])))
        return FALSE;
      array = json_object_get_array_member (object, names[i]);
      if (json_array_get_length (array) != 4)
        return FALSE;
      for (guint j = 0; j < 4; j++)
        cuts[i][j] = json_array_get_double_element (array, j);
    }

  return TRUE;
}

/* Reads every buyer's measures, scores them and writes the scores back,
 * leaving alone the rows whose scores did not change.  Runs inside the
 * caller's transaction or savepoint. */
static gboolean
score_buyers (sqlite3       *db,
              gint32         ref_day,
              SegRfmResult  *result,
              GError       **error)
{
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autofree gint64 *ids = NULL;
  g_autofree guint32 *old_scores = NULL;
  g_autofree double *days = NULL;
  g_autofree double *orders = NULL;
  g_autofree double *revenue = NULL;
  g_autofree SegRfmScore *scores = NULL;
  gsize n = 0;
  gsize allocated = 0;
  int rc;

  if (sqlite3_prepare_v2 (db,
                          "SELECT customer_id, orders, revenue_cents, last_order_day, "
                          "r, f, m, rfm_group FROM customer_measures WHERE orders > 0",
                          -1, &select, NULL) != SQLITE_OK)
    {
      set_error_from_db (db, error);
      return FALSE;
    }

  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      const char *name;
      SegRfmGroup old_group;

      if (n == allocated)
        {
          allocated = MAX (1024, allocated * 2);
          ids = g_renew (gint64, ids, allocated);
          old_scores = g_renew (guint32, old_scores, allocated);
          days = g_renew (double, days, allocated);
          orders = g_renew (double, orders, allocated);
          revenue = g_renew (double, revenue, allocated);
        }
      ids[n] = sqlite3_column_int64 (select, 0);
      orders[n] = sqlite3_column_int64 (select, 1);
      revenue[n] = sqlite3_column_int64 (select, 2);
      days[n] = (double) ref_day - sqlite3_column_int64 (select, 3);

      /* r, f, m and group packed, 0 when anything is unset */
      name = (const char *) sqlite3_column_text (select, 7);
      old_group = name != NULL ? seg_rfm_group_from_string (name) : SEG_RFM_GROUP_INVALID;
      if (old_group != SEG_RFM_GROUP_INVALID &&
          sqlite3_column_type (select, 4) == SQLITE_INTEGER &&
          sqlite3_column_type (select, 5) == SQLITE_INTEGER &&
          sqlite3_column_type (select, 6) == SQLITE_INTEGER)
        old_scores[n] = pack_score (sqlite3_column_int (select, 4),
                                    sqlite3_column_int (select, 5),
                                    sqlite3_column_int (select, 6),
                                    old_group);
      else
        old_scores[n] = 0;
      n++;
    }
  if (rc != SQLITE_DONE)
    {
      set_error_from_db (db, error);
      return FALSE;
    }

  scores = g_new (SegRfmScore, MAX (n, 1));
  seg_rfm_score (days, orders, revenue, n, result, scores);

  if (sqlite3_prepare_v2 (db,
                          "UPDATE customer_measures SET r = ?1, f = ?2, m = ?3, "
                          "rfm_group = ?4 WHERE customer_id = ?5",
                          -1, &update, NULL) != SQLITE_OK)
    {
      set_error_from_db (db, error);
      return FALSE;
    }

  for (gsize i = 0; i < n; i++)
    {
      const SegRfmScore *score = &scores[i];

      if (old_scores[i] == pack_score (score->r, score->f, score->m, score->group))
        continue;

      sqlite3_bind_int (update, 1, score->r);
      sqlite3_bind_int (update, 2, score->f);
      sqlite3_bind_int (update, 3, score->m);
      sqlite3_bind_text (update, 4, groups[score->group].name, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (update, 5, ids[i]);
      if (sqlite3_step (update) != SQLITE_DONE)
        {
          set_error_from_db (db, error);
          return FALSE;
        }
      sqlite3_reset (update);
    }

  return TRUE;
}

/**
 * seg_quantile_type7:
 * @sorted: (array length=n): values in ascending order
 * @n: number of values, at least 1
 * @p: probability in [0, 1]
 *
 * The @p quantile by linear interpolation between order statistics: R's
 * default (type 7) and numpy's.  With h = (n − 1) p, the result is
 * sorted[⌊h⌋] + (h − ⌊h⌋) (sorted[⌊h⌋ + 1] − sorted[⌊h⌋]).
 *
 * Returns: the quantile, or NAN when @n is 0
 */
double
seg_quantile_type7 (const double *sorted,
                    gsize         n,
                    double        p)
{
  double h, nearest, t, a, b;
  gsize lo;

  g_return_val_if_fail (n == 0 || sorted != NULL, NAN);

  if (n == 0)
    return NAN;

  p = CLAMP (p, 0.0, 1.0);
  h = p * (double) (n - 1);
  /* (n − 1) p is often a whole number in exact arithmetic (n = 6, p = 0.6)
   * but not in binary; snap so that the cut is exactly an order statistic
   * and "strictly below" compares against the value itself. */
  nearest = nearbyint (h);
  if (fabs (h - nearest) <= 1e-9 * MAX (1.0, h))
    h = nearest;

  lo = (gsize) floor (h);
  if (lo >= n - 1)
    return sorted[n - 1];

  t = h - (double) lo;
  a = sorted[lo];
  b = sorted[lo + 1];
  if (t == 0.0 || a == b)
    return a;

  /* numpy's lerp, so that results match it to the last bit */
  if (t >= 0.5)
    return b - (b - a) * (1.0 - t);
  return a + (b - a) * t;
}

/**
 * seg_rfm_cut_points:
 * @values: (array length=n): the measure for every buyer; sorted in place
 * @n: number of values
 * @cuts: (out): the 20th, 40th, 60th and 80th percentiles
 *
 * With no values, every cut is 0.
 */
void
seg_rfm_cut_points (double *values,
                    gsize   n,
                    double  cuts[4])
{
  g_return_if_fail (n == 0 || values != NULL);

  if (n == 0)
    {
      for (guint i = 0; i < 4; i++)
        cuts[i] = 0.0;
      return;
    }

  qsort (values, n, sizeof (double), compare_doubles);
  for (guint i = 0; i < 4; i++)
    cuts[i] = seg_quantile_type7 (values, n, (i + 1) / 5.0);
}

/**
 * seg_rfm_score_ascending:
 *
 * The frequency or monetary score: 1 + the number of cut points strictly
 * below @value.
 */
int
seg_rfm_score_ascending (double       value,
                         const double cuts[4])
{
  int score = 1;

  for (guint i = 0; i < 4; i++)
    if (cuts[i] < value)
      score++;
  return score;
}

/**
 * seg_rfm_score_recency:
 *
 * The recency score: 5 − the number of cut points strictly below @days.
 */
int
seg_rfm_score_recency (double       days,
                       const double cuts[4])
{
  return 6 - seg_rfm_score_ascending (days, cuts);
}

/**
 * seg_rfm_group_for_scores:
 *
 * Returns: the group of an R-F-M combination, each score 1 to 5, or
 *   %SEG_RFM_GROUP_INVALID for a score out of range
 */
SegRfmGroup
seg_rfm_group_for_scores (int r,
                          int f,
                          int m)
{
  if (r < 1 || r > 5 || f < 1 || f > 5 || m < 1 || m > 5)
    return SEG_RFM_GROUP_INVALID;
  return get_group_table ()[(r - 1) * 25 + (f - 1) * 5 + (m - 1)];
}

/**
 * seg_rfm_group_to_string:
 *
 * Returns: the canonical English name stored in the store file and used in
 *   rules ("Champions", …, "Prospects"); not translated
 */
const char *
seg_rfm_group_to_string (SegRfmGroup group)
{
  g_return_val_if_fail ((guint) group < SEG_RFM_N_GROUPS, NULL);
  return groups[group].name;
}

SegRfmGroup
seg_rfm_group_from_string (const char *name)
{
  g_return_val_if_fail (name != NULL, SEG_RFM_GROUP_INVALID);

  for (guint g = 0; g < SEG_RFM_N_GROUPS; g++)
    if (g_ascii_strcasecmp (name, groups[g].name) == 0)
      return g;
  return SEG_RFM_GROUP_INVALID;
}

/**
 * seg_rfm_group_get_title:
 *
 * Returns: the group's name for display, translated
 */
const char *
seg_rfm_group_get_title (SegRfmGroup group)
{
  g_return_val_if_fail ((guint) group < SEG_RFM_N_GROUPS, NULL);
  return _(groups[group].title);
}

const char *
seg_rfm_group_get_description (SegRfmGroup group)
{
  g_return_val_if_fail ((guint) group < SEG_RFM_N_GROUPS, NULL);
  return _(groups[group].description);
}

const char *
seg_rfm_group_get_action (SegRfmGroup group)
{
  g_return_val_if_fail ((guint) group < SEG_RFM_N_GROUPS, NULL);
  return _(groups[group].action);
}

/**
 * seg_rfm_group_get_combinations:
 *
 * Returns: (nullable): the group's R-F-M combinations as DESIGN.md lists
 *   them, space separated ("555 554 …"); %NULL for Prospects
 */
const char *
seg_rfm_group_get_combinations (SegRfmGroup group)
{
  g_return_val_if_fail ((guint) group < SEG_RFM_N_GROUPS, NULL);
  return groups[group].combinations;
}

/**
 * seg_rfm_score:
 * @days: (array length=n): days between each buyer's last counted order and
 *   the reference day
 * @orders: (array length=n): each buyer's counted orders
 * @revenue_cents: (array length=n): each buyer's net revenue
 * @n: number of buyers
 * @result: (inout): receives the cut points, the number of buyers and each
 *   group's buyers and revenue (Prospects is left alone)
 * @out_scores: (array length=n) (out caller-allocates): each buyer's scores
 *
 * Scores buyers held in memory; seg_rfm_apply() and seg_measures_recompute()
 * both come here.
 */
void
seg_rfm_score (const double *days,
               const double *orders,
               const double *revenue_cents,
               gsize         n,
               SegRfmResult *result,
               SegRfmScore  *out_scores)
{
  g_autofree double *sorted = NULL;

  g_return_if_fail (result != NULL);
  g_return_if_fail (n == 0 || (days != NULL && orders != NULL &&
                               revenue_cents != NULL && out_scores != NULL));

  result->buyers = n;
  for (guint g = 0; g < SEG_RFM_GROUP_PROSPECTS; g++)
    {
      result->customers[g] = 0;
      result->revenue_cents[g] = 0;
    }

  /* With no buyers the arrays may be NULL, and memcpy () from NULL is
   * undefined even for zero bytes. */
  sorted = g_new0 (double, MAX (n, 1));
  if (n > 0)
    memcpy (sorted, days, n * sizeof (double));
  seg_rfm_cut_points (sorted, n, result->recency);
  if (n > 0)
    memcpy (sorted, orders, n * sizeof (double));
  seg_rfm_cut_points (sorted, n, result->frequency);
  if (n > 0)
    memcpy (sorted, revenue_cents, n * sizeof (double));
  seg_rfm_cut_points (sorted, n, result->monetary);

  for (gsize i = 0; i < n; i++)
    {
      SegRfmScore *score = &out_scores[i];

      score->r = seg_rfm_score_recency (days[i], result->recency);
      score->f = seg_rfm_score_ascending (orders[i], result->frequency);
      score->m = seg_rfm_score_ascending (revenue_cents[i], result->monetary);
      score->group = seg_rfm_group_for_scores (score->r, score->f, score->m);
      result->customers[score->group]++;
      result->revenue_cents[score->group] += (gint64) revenue_cents[i];
    }
}

/**
 * seg_rfm_save_cuts:
 * @db: a store database
 * @result: the cut points and buyers to keep
 * @error: return location for a #GError
 *
 * Keeps the cut points as JSON in the 'rfm_cuts' setting, where
 * seg_rfm_load() finds them.
 */
gboolean
seg_rfm_save_cuts (sqlite3             *db,
                   const SegRfmResult  *result,
                   GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  json = build_cuts_json (result);

  if (sqlite3_prepare_v2 (db,
                          "INSERT INTO settings (key, value) VALUES ('rfm_cuts', ?1) "
                          "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      set_error_from_db (db, error);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      set_error_from_db (db, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * seg_rfm_apply:
 * @db: a store database with customer_measures filled in
 * @ref_day: the reference day recency is counted to
 * @out_result: (out caller-allocates) (optional): the cut points, buyers and
 *   per-group customers and revenue
 * @error: return location for a #GError
 *
 * Scores every customer with at least one counted order, writes r, f, m
 * and rfm_group into customer_measures (NULL scores and "Prospects" for
 * customers without an order) and keeps the cut points as JSON in the
 * 'rfm_cuts' setting.  Runs in a transaction, or in a savepoint when the
 * caller already holds one.
 */
gboolean
seg_rfm_apply (sqlite3       *db,
               gint32         ref_day,
               SegRfmResult  *out_result,
               GError       **error)
{
  SegRfmResult result = { 0, };
  gboolean nested;
  g_autoptr(sqlite3_stmt) prospects = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  result.ref_day = ref_day;
  nested = !sqlite3_get_autocommit (db);
  if (!exec_sql (db, nested ? "SAVEPOINT seg_rfm" : "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!score_buyers (db, ref_day, &result, error))
    goto failed;

  if (sqlite3_prepare_v2 (db,
                          "UPDATE customer_measures SET r = NULL, f = NULL, m = NULL, "
                          "rfm_group = 'Prospects' WHERE orders <= 0 AND "
                          "(rfm_group IS NOT 'Prospects' OR r IS NOT NULL OR "
                          "f IS NOT NULL OR m IS NOT NULL)",
                          -1, &prospects, NULL) != SQLITE_OK ||
      sqlite3_step (prospects) != SQLITE_DONE)
    {
      set_error_from_db (db, error);
      goto failed;
    }
  g_clear_pointer (&prospects, sqlite3_finalize);
  if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM customer_measures WHERE orders <= 0",
                          -1, &prospects, NULL) != SQLITE_OK ||
      sqlite3_step (prospects) != SQLITE_ROW)
    {
      set_error_from_db (db, error);
      goto failed;
    }
  result.customers[SEG_RFM_GROUP_PROSPECTS] = sqlite3_column_int64 (prospects, 0);

  if (!seg_rfm_save_cuts (db, &result, error))
    goto failed;

  if (!exec_sql (db, nested ? "RELEASE seg_rfm" : "COMMIT", error))
    goto failed;

  if (out_result != NULL)
    *out_result = result;
  return TRUE;

failed:
  if (nested)
    sqlite3_exec (db, "ROLLBACK TO seg_rfm; RELEASE seg_rfm", NULL, NULL, NULL);
  else
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/**
 * seg_rfm_load:
 * @db: a store database
 * @out_result: (out caller-allocates): the result of the last seg_rfm_apply()
 * @error: return location for a #GError
 *
 * Reads back the cut points kept by seg_rfm_apply() and counts each group's
 * customers and revenue from customer_measures, without scoring again.
 * When RFM was never computed, the cut points are 0 and there are no buyers.
 */
gboolean
seg_rfm_load (sqlite3       *db,
              SegRfmResult  *out_result,
              GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  SegRfmResult result = { 0, };
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (out_result != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (sqlite3_prepare_v2 (db, "SELECT value FROM settings WHERE key = 'rfm_cuts'",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      set_error_from_db (db, error);
      return FALSE;
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    {
      if (!parse_cuts_json ((const char *) sqlite3_column_text (stmt, 0), &result))
        memset (&result, 0, sizeof result);
    }
  else if (rc != SQLITE_DONE)
    {
      set_error_from_db (db, error);
      return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (sqlite3_prepare_v2 (db,
                          "SELECT rfm_group, count(*), total(revenue_cents) "
                          "FROM customer_measures GROUP BY rfm_group",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      set_error_from_db (db, error);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      SegRfmGroup group;

      if (name == NULL)
        continue;
      group = seg_rfm_group_from_string (name);
      if (group == SEG_RFM_GROUP_INVALID)
        continue;
      result.customers[group] = sqlite3_column_int64 (stmt, 1);
      result.revenue_cents[group] = (gint64) sqlite3_column_double (stmt, 2);
    }
  if (rc != SQLITE_DONE)
    {
      set_error_from_db (db, error);
      return FALSE;
    }

  *out_result = result;
  return TRUE;
}
