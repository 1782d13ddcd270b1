/* seg-rule-compiler.c — a rule as SQL with bound parameters
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A rule compiles to one boolean SQL expression over SEG_RULE_SQL_FROM
 * ("c" is the customer, "m" its measures row).  Every value the store
 * owner typed, and every number computed from one (a day, a date, a
 * percentile threshold, the countries of a world region), is a bound "?"
 * parameter: the SQL text depends only on the rule's shape, never on its
 * values.
 *
 * Speed: a live count is one pass.  Relative days compile to comparisons
 * of the stored day columns with a bound day (last_order_days >= 90 →
 * m.last_order_day <= ?), so indexes apply.  Conditions on orders, order
 * lines, checkouts, email events and attributes compile to uncorrelated
 * "c.id IN (SELECT customer_id …)" subqueries that SQLite runs once and
 * probes per customer, never to a subquery per customer.  Inside an "all
 * of" group cheap conditions come first so that SQLite rarely probes.
 *
 * Semantics worth knowing:
 *  - "in the last N days" is the N days ending on the reference day
 *    (ref − N < day <= ref); "more than N days ago" is day < ref − N;
 *    "within N days" on a period field is the same window as in_last_days.
 *  - Negative text operators (is_not, not_in, not_contains) include
 *    customers with no value; "not <condition>" is true wherever the
 *    condition is not (NULL counts as not matching).
 *  - bought_* is_not / not_in mean "did not buy"; product, category and
 *    SKU equality is exact (indexed); contains / starts_with ignore ASCII
 *    case.  Other text comparisons ignore ASCII case.
 *  - age uses birth_date as of the reference day; without a birth date it
 *    falls back to age_band and matches only when the whole band does
 *    ("25-34" matches age >= 25 but not age >= 30).
 *  - returning = true: 2 or more counted orders; false: exactly one.
 *  - revenue_percentile compares revenue with the type-7 quantile (R's
 *    default, as in RFM) of buyers' revenue_cents, computed from the
 *    database when the rule is compiled: revenue_percentile >= 80 is the
 *    top 20% of buyers by spend.  Prospects never match.
 *  - season is the meteorological season of the customer's hemisphere in
 *    the reference day's month.
 *  - reengagement_no_response = true: the customer received a
 *    re-engagement campaign sent at least 14 days before the reference day
 *    and has no open or click (of any email) in the 14 days from its sent
 *    day; see compile_reengagement_no_response ().
 */

#define G_LOG_DOMAIN "seg-rule-compiler"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "seg-day.h"
#include "seg-rule-compiler.h"

struct _SegCompiledRule
{
  char   *where;
  GArray *params;
};

typedef struct
{
  sqlite3 *db;
  gint32   ref_day;
  int      ref_year;
  int      ref_month;
  int      ref_mday;
} Compiler;

typedef struct
{
  GString *sql;
  GArray  *params;
  guint    cost;
} Fragment;

enum {
  COST_COLUMN = 0,
  COST_EXPRESSION = 1,
  COST_SUBQUERY = 2,
};

static void
clear_param (gpointer data)
{
  SegSqlParam *param = data;

  g_free (param->text_value);
}

static void
fragment_init (Fragment *fragment)
{
  fragment->sql = g_string_new (NULL);
  fragment->params = g_array_new (FALSE, TRUE, sizeof (SegSqlParam));
  g_array_set_clear_func (fragment->params, clear_param);
  fragment->cost = COST_COLUMN;
}

static void
fragment_clear (Fragment *fragment)
{
  if (fragment->sql != NULL)
    g_string_free (fragment->sql, TRUE);
  g_clear_pointer (&fragment->params, g_array_unref);
  fragment->sql = NULL;
}

static void
sql (Fragment   *fragment,
     const char *text)
{
  g_string_append (fragment->sql, text);
}

static void
bind_int (Fragment *fragment,
          gint64    value)
{
  SegSqlParam param = { SEG_SQL_PARAM_INT, value, 0, NULL };

  g_string_append_c (fragment->sql, '?');
  g_array_append_val (fragment->params, param);
}

/* Integral values bind as integers so that SQLite compares them with
 * integer columns through their indexes without conversion. */
static void
bind_number (Fragment *fragment,
             double    value)
{
  SegSqlParam param = { SEG_SQL_PARAM_REAL, 0, value, NULL };

  if (value == floor (value) && fabs (value) < 1e15)
    {
      bind_int (fragment, (gint64) value);
      return;
    }

  g_string_append_c (fragment->sql, '?');
  g_array_append_val (fragment->params, param);
}

static void
bind_text (Fragment   *fragment,
           const char *value)
{
  SegSqlParam param = { SEG_SQL_PARAM_TEXT, 0, 0, g_strdup (value) };

  g_string_append_c (fragment->sql, '?');
  g_array_append_val (fragment->params, param);
}

static void
bind_date (Compiler *compiler,
           Fragment *fragment,
           int       years_back)
{
  int year = compiler->ref_year - years_back;
  int mday = MIN (compiler->ref_mday, g_date_get_days_in_month (compiler->ref_month, year));
  g_autofree char *iso = seg_day_to_iso (seg_day_from_ymd (year, compiler->ref_month, mday));

  bind_text (fragment, iso);
}

static void
fragment_append (Fragment *fragment,
                 Fragment *other)
{
  g_string_append_len (fragment->sql, other->sql->str, other->sql->len);
  for (guint i = 0; i < other->params->len; i++)
    {
      SegSqlParam param = g_array_index (other->params, SegSqlParam, i);

      param.text_value = g_strdup (param.text_value);
      g_array_append_val (fragment->params, param);
    }
  fragment->cost = MAX (fragment->cost, other->cost);
}

static double
number_value (const char *value)
{
  return g_ascii_strtod (value, NULL);
}

static gint32
date_value (const char *value)
{
  gint32 day = 0;

  if (!seg_day_parse_iso (value, &day))
    g_assert_not_reached ();
  return day;
}

static gboolean
is_negative_operator (SegRuleOperator op)
{
  return op == SEG_RULE_OPERATOR_IS_NOT || op == SEG_RULE_OPERATOR_NOT_IN ||
         op == SEG_RULE_OPERATOR_NOT_CONTAINS;
}

static SegRuleOperator
positive_operator (SegRuleOperator op)
{
  switch (op)
    {
    case SEG_RULE_OPERATOR_IS_NOT:
      return SEG_RULE_OPERATOR_IS;
    case SEG_RULE_OPERATOR_NOT_IN:
      return SEG_RULE_OPERATOR_IN;
    case SEG_RULE_OPERATOR_NOT_CONTAINS:
      return SEG_RULE_OPERATOR_CONTAINS;
    default:
      return op;
    }
}

/* col <op> value(s), numerically; @scale turns major units into cents. */
/* "(col <op> ?)", "(col BETWEEN ? AND ?)" or "(col IS [NOT] NULL)", with
 * @symbols giving the SQL for each comparison operator. */
static void
compile_comparison (Fragment           *f,
                    const char         *col,
                    SegRuleOperator     op,
                    double              a,
                    double              b,
                    const char * const *symbols)
{
  sql (f, "(");
  sql (f, col);
  switch (op)
    {
    case SEG_RULE_OPERATOR_IS:
    case SEG_RULE_OPERATOR_IS_NOT:
    case SEG_RULE_OPERATOR_GT:
    case SEG_RULE_OPERATOR_GE:
    case SEG_RULE_OPERATOR_LT:
    case SEG_RULE_OPERATOR_LE:
      sql (f, symbols[op]);
      bind_number (f, a);
      break;
    case SEG_RULE_OPERATOR_BETWEEN:
      sql (f, " BETWEEN ");
      bind_number (f, MIN (a, b));
      sql (f, " AND ");
      bind_number (f, MAX (a, b));
      break;
    case SEG_RULE_OPERATOR_IS_EMPTY:
      sql (f, " IS NULL");
      break;
    case SEG_RULE_OPERATOR_IS_NOT_EMPTY:
      sql (f, " IS NOT NULL");
      break;
    default:
      g_assert_not_reached ();
    }
  sql (f, ")");
}

static void
compile_number (Fragment            *f,
                const char          *col,
                SegRuleOperator      op,
                const char * const  *values,
                double               scale)
{
  double a = values[0] ? round (number_value (values[0]) * scale * 1e6) / 1e6 : 0;
  double b = values[0] && values[1] ? round (number_value (values[1]) * scale * 1e6) / 1e6 : 0;
  static const char * const symbols[] = {
    [SEG_RULE_OPERATOR_IS] = " = ",
    [SEG_RULE_OPERATOR_IS_NOT] = " IS NOT ",
    [SEG_RULE_OPERATOR_GT] = " > ",
    [SEG_RULE_OPERATOR_GE] = " >= ",
    [SEG_RULE_OPERATOR_LT] = " < ",
    [SEG_RULE_OPERATOR_LE] = " <= ",
  };

  compile_comparison (f, col, op, a, b, symbols);
}

/* A day column against "N days before the reference day": the number of
 * days since grows as the day shrinks, so the comparison turns around. */
static void
compile_days_since (Compiler           *compiler,
                    Fragment           *f,
                    const char         *col,
                    SegRuleOperator     op,
                    const char * const *values)
{
  double a = values[0] ? compiler->ref_day - number_value (values[0]) : 0;
  double b = values[0] && values[1] ? compiler->ref_day - number_value (values[1]) : 0;
  static const char * const symbols[] = {
    [SEG_RULE_OPERATOR_IS] = " = ",
    [SEG_RULE_OPERATOR_IS_NOT] = " IS NOT ",
    [SEG_RULE_OPERATOR_GT] = " < ",
    [SEG_RULE_OPERATOR_GE] = " <= ",
    [SEG_RULE_OPERATOR_LT] = " > ",
    [SEG_RULE_OPERATOR_LE] = " >= ",
  };

  compile_comparison (f, col, op, a, b, symbols);
}

/* Appends "col BETWEEN ? AND ?" for the period of a condition, or
 * "col <= ?" (up to the reference day) when it has none. */
static void
compile_period (Compiler   *compiler,
                Fragment   *f,
                const char *col,
                guint       period_days)
{
  sql (f, col);
  if (period_days > 0)
    {
      sql (f, " BETWEEN ");
      bind_int (f, (gint64) compiler->ref_day - period_days + 1);
      sql (f, " AND ");
    }
  else
    sql (f, " <= ");
  bind_int (f, compiler->ref_day);
}

static void
compile_date (Compiler           *compiler,
              Fragment           *f,
              const char         *col,
              SegRuleOperator     op,
              const char * const *values)
{
  sql (f, "(");
  sql (f, col);
  switch (op)
    {
    case SEG_RULE_OPERATOR_ON:
      sql (f, " = ");
      bind_int (f, date_value (values[0]));
      break;
    case SEG_RULE_OPERATOR_BEFORE:
      sql (f, " < ");
      bind_int (f, date_value (values[0]));
      break;
    case SEG_RULE_OPERATOR_AFTER:
      sql (f, " > ");
      bind_int (f, date_value (values[0]));
      break;
    case SEG_RULE_OPERATOR_BETWEEN:
      {
        gint32 a = date_value (values[0]);
        gint32 b = date_value (values[1]);

        sql (f, " BETWEEN ");
        bind_int (f, MIN (a, b));
        sql (f, " AND ");
        bind_int (f, MAX (a, b));
      }
      break;
    case SEG_RULE_OPERATOR_IN_LAST_DAYS:
      sql (f, " BETWEEN ");
      bind_int (f, (gint64) compiler->ref_day - (gint64) number_value (values[0]) + 1);
      sql (f, " AND ");
      bind_int (f, compiler->ref_day);
      break;
    case SEG_RULE_OPERATOR_MORE_THAN_DAYS_AGO:
      sql (f, " < ");
      bind_int (f, (gint64) compiler->ref_day - (gint64) number_value (values[0]));
      break;
    case SEG_RULE_OPERATOR_IS_EMPTY:
      sql (f, " IS NULL");
      break;
    case SEG_RULE_OPERATOR_IS_NOT_EMPTY:
      sql (f, " IS NOT NULL");
      break;
    default:
      g_assert_not_reached ();
    }
  sql (f, ")");
}

static char *
like_prefix (const char *value)
{
  GString *pattern = g_string_new (NULL);

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

/* A positive text test on @col (no NULL handling); @exact compares
 * byte for byte so that an index on @col applies. */
static void
compile_text_test (Fragment           *f,
                   const char         *col,
                   SegRuleOperator     op,
                   const char * const *values,
                   gboolean            exact)
{
  switch (op)
    {
    case SEG_RULE_OPERATOR_IS:
      sql (f, col);
      sql (f, " = ");
      bind_text (f, values[0]);
      if (!exact)
        sql (f, " COLLATE NOCASE");
      break;
    case SEG_RULE_OPERATOR_IN:
      sql (f, col);
      sql (f, exact ? " IN (" : " COLLATE NOCASE IN (");
      for (guint i = 0; values[i] != NULL; i++)
        {
          if (i > 0)
            sql (f, ", ");
          bind_text (f, values[i]);
        }
      sql (f, ")");
      break;
    case SEG_RULE_OPERATOR_CONTAINS:
      sql (f, "instr (lower (");
      sql (f, col);
      sql (f, "), lower (");
      bind_text (f, values[0]);
      sql (f, ")) > 0");
      break;
    case SEG_RULE_OPERATOR_STARTS_WITH:
      {
        g_autofree char *pattern = like_prefix (values[0]);

        sql (f, col);
        sql (f, " LIKE ");
        bind_text (f, pattern);
        sql (f, " ESCAPE '\\'");
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

/* A text column of the customer; negative operators include customers
 * without a value. */
static void
compile_text (Fragment           *f,
              const char         *col,
              SegRuleOperator     op,
              const char * const *values,
              gboolean            exact)
{
  sql (f, "(");
  if (op == SEG_RULE_OPERATOR_IS_EMPTY)
    {
      sql (f, col);
      sql (f, " IS NULL OR ");
      sql (f, col);
      sql (f, " = ''");
    }
  else if (op == SEG_RULE_OPERATOR_IS_NOT_EMPTY)
    {
      sql (f, col);
      sql (f, " <> ''");
    }
  else if (is_negative_operator (op))
    {
      sql (f, col);
      sql (f, " IS NULL OR NOT (");
      compile_text_test (f, col, positive_operator (op), values, exact);
      sql (f, ")");
    }
  else
    compile_text_test (f, col, op, values, exact);
  sql (f, ")");

  if (!exact || op == SEG_RULE_OPERATOR_CONTAINS || op == SEG_RULE_OPERATOR_NOT_CONTAINS)
    f->cost = MAX (f->cost, COST_EXPRESSION);
}

static void
compile_has_tag (Fragment   *f,
                 const char *col,
                 const char *tag)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (tag));

  /* A lower-cased comma list with single commas as separators, framed by
   * commas, so that ",vip," finds the tag "vip" and not "vip-gold". */
  sql (f, "instr (',' || replace (replace (lower (");
  sql (f, col);
  sql (f, "), ', ', ','), ' ,', ',') || ',', ',' || lower (");
  bind_text (f, trimmed);
  sql (f, ") || ',') > 0");
}

/* Any of the tags: the test used by tags and product tags. */
static void
compile_has_any_tag (Fragment           *f,
                     const char         *col,
                     const char * const *tags)
{
  sql (f, "(");
  for (guint i = 0; tags[i] != NULL; i++)
    {
      if (i > 0)
        sql (f, " OR ");
      compile_has_tag (f, col, tags[i]);
    }
  sql (f, ")");
}

static void
compile_tags (Fragment           *f,
              const char         *col,
              SegRuleOperator     op,
              const char * const *values)
{
  f->cost = MAX (f->cost, COST_EXPRESSION);

  switch (op)
    {
    case SEG_RULE_OPERATOR_CONTAINS:
    case SEG_RULE_OPERATOR_IN:
      compile_has_any_tag (f, col, values);
      break;
    case SEG_RULE_OPERATOR_NOT_CONTAINS:
    case SEG_RULE_OPERATOR_NOT_IN:
      sql (f, "(");
      sql (f, col);
      sql (f, " IS NULL OR NOT ");
      compile_has_any_tag (f, col, values);
      sql (f, ")");
      break;
    case SEG_RULE_OPERATOR_IS_EMPTY:
    case SEG_RULE_OPERATOR_IS_NOT_EMPTY:
      compile_text (f, col, op, values, TRUE);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The countries of a geographic choice, as "c.country IN (?, …)". */
typedef gboolean (*CountryFilter) (Compiler         *compiler,
                                   const SegCountryInfo *country,
                                   const char       *choice);

static gboolean
country_in_world_region (Compiler         *compiler,
                         const SegCountryInfo *country,
                         const char       *choice)
{
  const char *region = seg_world_region_to_string (country->world_region);

  return region != NULL && strcmp (region, choice) == 0;
}

static gboolean
country_in_hemisphere (Compiler         *compiler,
                       const SegCountryInfo *country,
                       const char       *choice)
{
  return strcmp (seg_hemisphere_to_string (country->hemisphere), choice) == 0;
}

static gboolean
country_in_season (Compiler         *compiler,
                   const SegCountryInfo *country,
                   const char       *choice)
{
  SegSeason season = seg_season_for_month (country->hemisphere, compiler->ref_month);

  return strcmp (seg_season_to_string (season), choice) == 0;
}

static gboolean
country_in_ppp_tier (Compiler         *compiler,
                     const SegCountryInfo *country,
                     const char       *choice)
{
  const char *tier = seg_ppp_tier_to_string (country->ppp_tier);

  return tier != NULL && strcmp (tier, choice) == 0;
}

static void
compile_countries (Compiler           *compiler,
                   Fragment           *f,
                   SegRuleOperator     op,
                   const char * const *values,
                   CountryFilter       filter)
{
  const SegCountryInfo *countries;
  guint n_countries;
  guint n_matched = 0;
  gboolean negative = is_negative_operator (op);

  countries = seg_country_info_get_all (&n_countries);

  sql (f, negative ? "(c.country IS NULL OR c.country NOT IN (" : "(c.country IN (");
  for (guint i = 0; i < n_countries; i++)
    {
      for (guint j = 0; values[j] != NULL; j++)
        {
          if (filter (compiler, &countries[i], values[j]))
            {
              if (n_matched++ > 0)
                sql (f, ", ");
              bind_text (f, countries[i].code);
              break;
            }
        }
    }
  /* No country fits (cannot happen with the static table, but an empty
   * IN list is the honest answer). */
  sql (f, "))");
}

/* Whether "0 <op> values" holds: a customer with no rows in a period has a
 * count (or sum) of zero and must match "orders_in_period < 2". */
static gboolean
zero_matches (SegRuleOperator     op,
              const double       *values)
{
  switch (op)
    {
    case SEG_RULE_OPERATOR_IS:
      return values[0] == 0;
    case SEG_RULE_OPERATOR_IS_NOT:
      return values[0] != 0;
    case SEG_RULE_OPERATOR_GT:
      return 0 > values[0];
    case SEG_RULE_OPERATOR_GE:
      return 0 >= values[0];
    case SEG_RULE_OPERATOR_LT:
      return 0 < values[0];
    case SEG_RULE_OPERATOR_LE:
      return 0 <= values[0];
    case SEG_RULE_OPERATOR_BETWEEN:
      return MIN (values[0], values[1]) <= 0 && 0 <= MAX (values[0], values[1]);
    default:
      g_assert_not_reached ();
    }
}

/* An aggregate per customer over a table, compared with the values:
 * "c.id [NOT] IN (SELECT customer_id FROM … GROUP BY customer_id HAVING …)".
 * When zero satisfies the comparison the set is of the customers who do
 * not, so that customers without rows are counted. */
static void
compile_aggregate (Compiler           *compiler,
                   Fragment           *f,
                   const char         *aggregate,
                   const char         *from_where,
                   const char         *day_col,
                   guint               period_days,
                   SegRuleOperator     op,
                   const char * const *values,
                   double              scale)
{
  double numbers[2] = { 0, 0 };
  gboolean complement;

  for (guint i = 0; i < 2 && values[i] != NULL; i++)
    numbers[i] = round (number_value (values[i]) * scale * 1e6) / 1e6;
  complement = zero_matches (op, numbers);

  sql (f, complement ? "(c.id NOT IN (SELECT customer_id FROM "
                     : "(c.id IN (SELECT customer_id FROM ");
  sql (f, from_where);
  sql (f, " AND ");
  compile_period (compiler, f, day_col, period_days);
  sql (f, " GROUP BY customer_id HAVING ");
  if (complement)
    sql (f, "NOT ");
  compile_number (f, aggregate, op, values, scale);
  sql (f, "))");

  f->cost = MAX (f->cost, COST_SUBQUERY);
}

/* "c.id [NOT] IN (SELECT customer_id FROM … AND <test>)". */
static void
begin_set (Fragment   *f,
           gboolean    negative,
           const char *select)
{
  sql (f, negative ? "(c.id NOT IN (" : "(c.id IN (");
  sql (f, select);
  f->cost = MAX (f->cost, COST_SUBQUERY);
}

static void
end_set (Fragment *f)
{
  sql (f, "))");
}

/* bought_product, bought_category, bought_sku, bought_product_tag. */
static void
compile_bought (Compiler           *compiler,
                Fragment           *f,
                const char         *col,
                SegRuleCondition   *condition,
                SegRuleOperator     op,
                const char * const *values)
{
  gboolean tags = strcmp (col, "p.tags") == 0;
  SegRuleOperator positive = positive_operator (op);
  gboolean exact = !tags && (positive == SEG_RULE_OPERATOR_IS ||
                             positive == SEG_RULE_OPERATOR_IN);
  guint period_days = seg_rule_condition_get_period_days (condition);

  /* The products that match are looked up once (a few hundred rows).
   * CROSS JOIN fixes the loop order: an exact product, category or SKU
   * starts from the line items' index on product_id; anything else starts
   * from the period's orders (orders_day), or reads the lines once. */
  if (exact || period_days == 0)
    begin_set (f, is_negative_operator (op),
               "SELECT o.customer_id FROM order_lines AS l "
               "CROSS JOIN orders AS o ON o.id = l.order_id "
               "WHERE o.customer_id IS NOT NULL AND o.cancelled = 0 AND ");
  else
    begin_set (f, is_negative_operator (op),
               "SELECT o.customer_id FROM orders AS o "
               "CROSS JOIN order_lines AS l ON l.order_id = o.id "
               "WHERE o.customer_id IS NOT NULL AND o.cancelled = 0 AND ");
  compile_period (compiler, f, "o.order_day", period_days);
  sql (f, " AND l.product_id IN (SELECT p.id FROM products AS p WHERE ");
  if (tags)
    compile_has_any_tag (f, col, values);
  else
    compile_text_test (f, col, positive, values, exact);
  sql (f, ")");
  end_set (f);
}

static void
compile_discount_code (Compiler           *compiler,
                       Fragment           *f,
                       SegRuleCondition   *condition,
                       SegRuleOperator     op,
                       const char * const *values)
{
  SegRuleOperator positive = positive_operator (op);

  begin_set (f, is_negative_operator (op),
             "SELECT customer_id FROM orders "
             "WHERE customer_id IS NOT NULL AND cancelled = 0 AND ");
  compile_period (compiler, f, "order_day", seg_rule_condition_get_period_days (condition));
  sql (f, " AND ");
  /* An order may carry several codes, comma separated. */
  if (positive == SEG_RULE_OPERATOR_IS || positive == SEG_RULE_OPERATOR_IN)
    compile_has_any_tag (f, "discount_code", values);
  else
    compile_text_test (f, "discount_code", positive, values, FALSE);
  end_set (f);
}

static void
compile_attribute (Fragment           *f,
                   SegRuleCondition   *condition,
                   SegRuleOperator     op,
                   const char * const *values)
{
  const char *name = seg_rule_condition_get_attribute (condition);
  g_autofree char *lower_name = g_utf8_strdown (name, -1);
  gboolean negative = is_negative_operator (op) || op == SEG_RULE_OPERATOR_IS_EMPTY;

  begin_set (f, negative, "SELECT customer_id FROM customer_attributes WHERE name = ");
  bind_text (f, lower_name);
  sql (f, " AND ");

  switch (op)
    {
    case SEG_RULE_OPERATOR_IS_EMPTY:
    case SEG_RULE_OPERATOR_IS_NOT_EMPTY:
      sql (f, "value <> ''");
      break;
    case SEG_RULE_OPERATOR_GT:
    case SEG_RULE_OPERATOR_GE:
    case SEG_RULE_OPERATOR_LT:
    case SEG_RULE_OPERATOR_LE:
    case SEG_RULE_OPERATOR_BETWEEN:
      {
        gboolean numeric = TRUE;

        for (guint i = 0; values[i] != NULL; i++)
          {
            char *end = NULL;

            g_ascii_strtod (values[i], &end);
            numeric = numeric && end != values[i] && end != NULL && *end == '\0';
          }

        if (numeric)
          {
            sql (f, "trim (value) GLOB '*[0-9]*' AND ");
            compile_number (f, "CAST (value AS REAL)", op, values, 1.0);
          }
        else
          {
            /* Text order, e.g. for ISO dates kept as text. */
            static const char * const symbols[] = {
              [SEG_RULE_OPERATOR_GT] = "value > ",
              [SEG_RULE_OPERATOR_GE] = "value >= ",
              [SEG_RULE_OPERATOR_LT] = "value < ",
              [SEG_RULE_OPERATOR_LE] = "value <= ",
            };

            if (op == SEG_RULE_OPERATOR_BETWEEN)
              {
                sql (f, "value BETWEEN ");
                bind_text (f, values[0]);
                sql (f, " AND ");
                bind_text (f, values[1]);
              }
            else
              {
                sql (f, symbols[op]);
                bind_text (f, values[0]);
              }
          }
      }
      break;
    case SEG_RULE_OPERATOR_BEFORE:
      sql (f, "substr (value, 1, 10) < ");
      bind_text (f, values[0]);
      break;
    case SEG_RULE_OPERATOR_AFTER:
      sql (f, "substr (value, 1, 10) > ");
      bind_text (f, values[0]);
      break;
    case SEG_RULE_OPERATOR_ON:
      sql (f, "substr (value, 1, 10) = ");
      bind_text (f, values[0]);
      break;
    default:
      compile_text_test (f, "value", positive_operator (op), values, FALSE);
      break;
    }

  end_set (f);
}

/* age >= years, on birth date or, lacking one, the band's lower bound. */
static void
compile_age_at_least (Compiler *compiler,
                      Fragment *f,
                      gint64    years)
{
  sql (f, "(CASE WHEN NULLIF (c.birth_date, '') IS NOT NULL THEN c.birth_date <= ");
  bind_date (compiler, f, (int) CLAMP (years, -1000, 1000));
  sql (f, " ELSE CAST (c.age_band AS INTEGER) >= ");
  bind_int (f, years);
  sql (f, " END)");
}

#define AGE_BAND_HIGH \
  "(CASE WHEN instr (c.age_band, '-') > 0 " \
  "THEN CAST (substr (c.age_band, instr (c.age_band, '-') + 1) AS INTEGER) END)"

/* age < years, on birth date or, lacking one, the band's upper bound. */
static void
compile_age_below (Compiler *compiler,
                   Fragment *f,
                   gint64    years)
{
  sql (f, "(CASE WHEN NULLIF (c.birth_date, '') IS NOT NULL THEN c.birth_date > ");
  bind_date (compiler, f, (int) CLAMP (years, -1000, 1000));
  sql (f, " ELSE " AGE_BAND_HIGH " < ");
  bind_int (f, years);
  sql (f, " END)");
}

static void
compile_age (Compiler           *compiler,
             Fragment           *f,
             SegRuleOperator     op,
             const char * const *values)
{
  double a = values[0] ? number_value (values[0]) : 0;
  double b = values[0] && values[1] ? number_value (values[1]) : 0;

  f->cost = MAX (f->cost, COST_EXPRESSION);

  switch (op)
    {
    case SEG_RULE_OPERATOR_GE:
      compile_age_at_least (compiler, f, (gint64) ceil (a));
      break;
    case SEG_RULE_OPERATOR_GT:
      compile_age_at_least (compiler, f, (gint64) floor (a) + 1);
      break;
    case SEG_RULE_OPERATOR_LT:
      compile_age_below (compiler, f, (gint64) ceil (a));
      break;
    case SEG_RULE_OPERATOR_LE:
      compile_age_below (compiler, f, (gint64) floor (a) + 1);
      break;
    case SEG_RULE_OPERATOR_BETWEEN:
      sql (f, "(");
      compile_age_at_least (compiler, f, (gint64) ceil (MIN (a, b)));
      sql (f, " AND ");
      compile_age_below (compiler, f, (gint64) floor (MAX (a, b)) + 1);
      sql (f, ")");
      break;
    case SEG_RULE_OPERATOR_IS:
    case SEG_RULE_OPERATOR_IS_NOT:
      sql (f, op == SEG_RULE_OPERATOR_IS ? "(" : "((");
      compile_age_at_least (compiler, f, (gint64) ceil (a));
      sql (f, " AND ");
      compile_age_below (compiler, f, (gint64) floor (a) + 1);
      sql (f, op == SEG_RULE_OPERATOR_IS ? ")" : ") IS NOT 1)");
      break;
    case SEG_RULE_OPERATOR_IS_EMPTY:
      sql (f, "(NULLIF (c.birth_date, '') IS NULL AND NULLIF (c.age_band, '') IS NULL)");
      break;
    case SEG_RULE_OPERATOR_IS_NOT_EMPTY:
      sql (f, "(NULLIF (c.birth_date, '') IS NOT NULL OR NULLIF (c.age_band, '') IS NOT NULL)");
      break;
    default:
      g_assert_not_reached ();
    }
}

/* One band, "25-34" or "65+": from the birth date when there is one,
 * else the stored band. */
static void
compile_age_band_is (Compiler   *compiler,
                     Fragment   *f,
                     const char *band)
{
  guint64 low = 0, high = 0;
  g_auto(GStrv) parts = NULL;
  gboolean open = g_str_has_suffix (band, "+");
  gboolean parsed;

  if (open)
    {
      g_autofree char *number = g_strndup (band, strlen (band) - 1);

      parsed = g_ascii_string_to_unsigned (number, 10, 0, 200, &low, NULL);
    }
  else
    {
      parts = g_strsplit (band, "-", 2);
      parsed = g_strv_length (parts) == 2 &&
               g_ascii_string_to_unsigned (parts[0], 10, 0, 200, &low, NULL) &&
               g_ascii_string_to_unsigned (parts[1], 10, 0, 200, &high, NULL) &&
               low <= high;
    }

  if (!parsed)
    {
      sql (f, "(c.age_band = ");
      bind_text (f, band);
      sql (f, " COLLATE NOCASE)");
      return;
    }

  sql (f, "(CASE WHEN NULLIF (c.birth_date, '') IS NOT NULL THEN (c.birth_date <= ");
  bind_date (compiler, f, (int) low);
  if (!open)
    {
      sql (f, " AND c.birth_date > ");
      bind_date (compiler, f, (int) high + 1);
    }
  sql (f, ") ELSE c.age_band = ");
  bind_text (f, band);
  sql (f, " COLLATE NOCASE END)");
}

static void
compile_age_band (Compiler           *compiler,
                  Fragment           *f,
                  SegRuleOperator     op,
                  const char * const *values)
{
  f->cost = MAX (f->cost, COST_EXPRESSION);

  if (op == SEG_RULE_OPERATOR_IS_EMPTY || op == SEG_RULE_OPERATOR_IS_NOT_EMPTY)
    {
      compile_age (compiler, f, op, values);
      return;
    }

  sql (f, is_negative_operator (op) ? "((" : "(");
  for (guint i = 0; values[i] != NULL; i++)
    {
      if (i > 0)
        sql (f, " OR ");
      compile_age_band_is (compiler, f, values[i]);
    }
  sql (f, is_negative_operator (op) ? ") IS NOT 1)" : ")");
}

static void
compile_rfm_group (Fragment           *f,
                   SegRuleOperator     op,
                   const char * const *values)
{
  switch (op)
    {
    case SEG_RULE_OPERATOR_IS:
      sql (f, "(m.rfm_group = ");
      bind_text (f, values[0]);
      sql (f, ")");
      break;
    case SEG_RULE_OPERATOR_IS_NOT:
      sql (f, "(m.rfm_group IS NOT ");
      bind_text (f, values[0]);
      sql (f, ")");
      break;
    case SEG_RULE_OPERATOR_IN:
    case SEG_RULE_OPERATOR_NOT_IN:
      compile_text (f, "m.rfm_group", op, values, TRUE);
      break;
    default:
      g_assert_not_reached ();
    }
}

typedef struct
{
  sqlite3 *db;
  gint64   changes;
  gint64   data_version;
  GArray  *revenues;   /* sorted gint64 revenue_cents of buyers */
} PercentileCache;

static GMutex percentile_lock;
static PercentileCache percentile_cache;

static void
percentile_sentinel_destroy (void *data)
{
  g_mutex_lock (&percentile_lock);
  if (percentile_cache.db == data)
    {
      percentile_cache.db = NULL;
      g_clear_pointer (&percentile_cache.revenues, g_array_unref);
    }
  g_mutex_unlock (&percentile_lock);
}

static void
percentile_sentinel (sqlite3_context  *context,
                     int               argc,
                     sqlite3_value   **argv)
{
  sqlite3_result_null (context);
}

static gint64
query_data_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gint64 version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA data_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

/* The sorted revenue of every buyer.  Kept for the last database while it
 * is unchanged (the live count of "High-value customers" runs on every
 * edit); a function registered on the connection drops it when the
 * connection closes, so a new connection at the same address never sees
 * stale numbers. */
static GArray *
load_buyer_revenues (sqlite3  *db,
                     GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 changes = sqlite3_total_changes64 (db);
  gint64 data_version = query_data_version (db);
  GArray *revenues;
  int rc;

  g_mutex_lock (&percentile_lock);
  if (percentile_cache.db == db && percentile_cache.changes == changes &&
      percentile_cache.data_version == data_version && percentile_cache.revenues != NULL)
    {
      revenues = g_array_ref (percentile_cache.revenues);
      g_mutex_unlock (&percentile_lock);
      return revenues;
    }
  g_mutex_unlock (&percentile_lock);

  rc = sqlite3_prepare_v2 (db,
                           "SELECT revenue_cents FROM customer_measures "
                           "WHERE orders > 0 ORDER BY revenue_cents",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, SEG_RULE_ERROR, SEG_RULE_ERROR_FAILED,
                   _("Could not compute the spend percentiles: %s"), sqlite3_errmsg (db));
      return NULL;
    }

  revenues = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 value = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (revenues, value);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, SEG_RULE_ERROR, SEG_RULE_ERROR_FAILED,
                   _("Could not compute the spend percentiles: %s"), sqlite3_errmsg (db));
      g_array_unref (revenues);
      return NULL;
    }

  /* Replacing the function on a connection that has one runs the old
   * destructor, which drops this connection's entry: do it unlocked. */
  sqlite3_create_function_v2 (db, "seg_rule_percentile_sentinel", 0, SQLITE_UTF8, db,
                              percentile_sentinel, NULL, NULL,
                              percentile_sentinel_destroy);

  g_mutex_lock (&percentile_lock);
  g_clear_pointer (&percentile_cache.revenues, g_array_unref);
  percentile_cache.db = db;
  percentile_cache.changes = sqlite3_total_changes64 (db);
  percentile_cache.data_version = data_version;
  percentile_cache.revenues = g_array_ref (revenues);
  g_mutex_unlock (&percentile_lock);

  return revenues;
}

/* R's type 7: linear interpolation between order statistics. */
static double
quantile_type7 (GArray *sorted,
                double  p)
{
  double h = (sorted->len - 1) * CLAMP (p, 0.0, 1.0);
  guint low = (guint) floor (h);
  gint64 x_low = g_array_index (sorted, gint64, low);
  gint64 x_high = g_array_index (sorted, gint64, MIN (low + 1, sorted->len - 1));

  return x_low + (h - low) * (double) (x_high - x_low);
}

static gboolean
compile_revenue_percentile (Compiler           *compiler,
                            Fragment           *f,
                            SegRuleOperator     op,
                            const char * const *values,
                            GError            **error)
{
  g_autoptr(GArray) revenues = NULL;
  double thresholds[2] = { 0, 0 };
  static const char * const symbols[] = {
    [SEG_RULE_OPERATOR_GT] = " > ",
    [SEG_RULE_OPERATOR_GE] = " >= ",
    [SEG_RULE_OPERATOR_LT] = " < ",
    [SEG_RULE_OPERATOR_LE] = " <= ",
  };

  for (guint i = 0; values[i] != NULL; i++)
    {
      double p = number_value (values[i]);

      if (p < 0 || p > 100)
        {
          g_set_error (error, SEG_RULE_ERROR, SEG_RULE_ERROR_INVALID,
                       _("A percentile is between 0 and 100, not %s"), values[i]);
          return FALSE;
        }
    }

  if (compiler->db == NULL)
    {
      g_set_error (error, SEG_RULE_ERROR, SEG_RULE_ERROR_FAILED,
                   _("Spend percentiles need the store’s data"));
      return FALSE;
    }

  revenues = load_buyer_revenues (compiler->db, error);
  if (revenues == NULL)
    return FALSE;

  f->cost = MAX (f->cost, COST_EXPRESSION);

  if (revenues->len == 0)
    {
      sql (f, "(0)");
      return TRUE;
    }

  for (guint i = 0; i < 2 && values[i] != NULL; i++)
    thresholds[i] = quantile_type7 (revenues, number_value (values[i]) / 100.0);

  sql (f, "(m.orders > 0 AND m.revenue_cents");
  if (op == SEG_RULE_OPERATOR_BETWEEN)
    {
      sql (f, " BETWEEN ");
      bind_number (f, MIN (thresholds[0], thresholds[1]));
      sql (f, " AND ");
      bind_number (f, MAX (thresholds[0], thresholds[1]));
    }
  else
    {
      sql (f, symbols[op]);
      bind_number (f, thresholds[0]);
    }
  sql (f, ")");
  return TRUE;
}

/* How long a re-engagement campaign has to get a response. */
#define REENGAGEMENT_WINDOW_DAYS 14

/* The customers who ignored a re-engagement campaign.
 *
 * A campaign is a re-engagement one when its kind says so (campaigns.kind
 * "re-engagement", also written "reengagement" or "re_engagement"), and
 * counts once its window is over: sent at least 14 days before the
 * reference day.  Who received it:
 *  - when the store has per-customer email events for the campaign (a
 *    "sent", "open" or "click" row), exactly the customers with one;
 *  - when it has none, as after an import of campaign-level results, every
 *    customer who is subscribed and was already a customer on its sent
 *    day: the only list a campaign can have gone to that the store knows.
 * Ignored: no "open" or "click" event, of any email, on the sent day or
 * the 13 days after it.  Opens known only as a last-open date (profile
 * imports) are not events; "no open in 90 days" covers them in the
 * suppression template.
 *
 * Both halves are uncorrelated sets, so SQLite builds each once. */
static void
compile_reengagement_no_response (Compiler *compiler,
                                  Fragment *f,
                                  gboolean  yes)
{
  static const char * const is_reengagement =
    "replace (replace (lower (k.kind), '-', ''), '_', '') = 'reengagement' "
    "AND k.sent_day IS NOT NULL AND k.sent_day <= ";
  static const char * const no_response =
    " AND NOT EXISTS (SELECT 1 FROM email_events AS r "
    "WHERE r.customer_id = %s AND r.kind IN ('open', 'click') "
    "AND r.event_day >= k.sent_day AND r.event_day < k.sent_day + ";
  g_autofree char *no_response_e = g_strdup_printf (no_response, "e.customer_id");
  g_autofree char *no_response_s = g_strdup_printf (no_response, "s.id");
  gint64 last_sent_day = (gint64) compiler->ref_day - REENGAGEMENT_WINDOW_DAYS;

  begin_set (f, !yes,
             "SELECT e.customer_id FROM campaigns AS k "
             "JOIN email_events AS e ON e.campaign_id = k.id WHERE ");
  sql (f, is_reengagement);
  bind_int (f, last_sent_day);
  sql (f, no_response_e);
  bind_int (f, REENGAGEMENT_WINDOW_DAYS);
  sql (f, ") UNION "
          "SELECT s.id FROM campaigns AS k "
          "JOIN customers AS s ON s.email_status = 'subscribed' "
          "AND (s.created_day IS NULL OR s.created_day <= k.sent_day) WHERE ");
  sql (f, is_reengagement);
  bind_int (f, last_sent_day);
  sql (f, " AND NOT EXISTS (SELECT 1 FROM email_events AS x WHERE x.campaign_id = k.id)");
  sql (f, no_response_s);
  bind_int (f, REENGAGEMENT_WINDOW_DAYS);
  sql (f, ")");
  end_set (f);
}

static void
compile_boolean (Compiler           *compiler,
                 Fragment           *f,
                 const char         *id,
                 SegRuleCondition   *condition,
                 gboolean            yes)
{
  guint period_days = seg_rule_condition_get_period_days (condition);

  if (strcmp (id, "returning") == 0)
    sql (f, yes ? "(m.orders >= 2)" : "(m.orders = 1)");
  else if (strcmp (id, "accepts_marketing") == 0)
    sql (f, yes ? "(c.accepts_marketing <> 0)"
                : "(c.accepts_marketing IS NULL OR c.accepts_marketing = 0)");
  else if (strcmp (id, "ordered_since_checkout") == 0)
    sql (f, yes ? "(m.last_checkout_day IS NOT NULL AND m.last_order_day >= m.last_checkout_day)"
                : "(m.last_checkout_day IS NOT NULL AND "
                  "(m.last_order_day IS NULL OR m.last_order_day < m.last_checkout_day))");
  else if (strcmp (id, "used_discount") == 0 && period_days == 0)
    sql (f, yes ? "(m.discount_orders > 0)" : "(m.discount_orders = 0)");
  else if (strcmp (id, "used_discount") == 0)
    {
      begin_set (f, !yes, "SELECT customer_id FROM orders WHERE customer_id IS NOT NULL "
                 "AND cancelled = 0 AND (discount_cents > 0 OR "
                 "coalesce (discount_code, '') <> '') AND ");
      compile_period (compiler, f, "order_day", period_days);
      end_set (f);
    }
  else if (strcmp (id, "reengagement_no_response") == 0)
    compile_reengagement_no_response (compiler, f, yes);
  else if (strcmp (id, "abandoned_checkout") == 0 && period_days == 0)
    sql (f, yes ? "(m.checkouts > 0)" : "(m.checkouts = 0)");
  else if (strcmp (id, "abandoned_checkout") == 0 || strcmp (id, "checkout_recovered") == 0)
    {
      gboolean recovered = strcmp (id, "checkout_recovered") == 0;

      begin_set (f, !yes, recovered
                 ? "SELECT customer_id FROM checkouts WHERE customer_id IS NOT NULL "
                   "AND recovered <> 0 AND "
                 : "SELECT customer_id FROM checkouts WHERE customer_id IS NOT NULL "
                   "AND recovered = 0 AND ");
      compile_period (compiler, f, "checkout_day", period_days);
      end_set (f);
    }
  else
    g_assert_not_reached ();
}

/* Fields that read one column of the customer or its measures. */
static const struct
{
  const char *id;
  const char *column;
} columns[] = {
  { "orders", "m.orders" },
  { "revenue", "m.revenue_cents" },
  { "aov", "m.aov_cents" },
  { "first_order", "m.first_order_day" },
  { "last_order", "m.last_order_day" },
  { "first_order_days", "m.first_order_day" },
  { "last_order_days", "m.last_order_day" },
  { "checkouts", "m.checkouts" },
  { "checkout_days", "m.last_checkout_day" },
  { "checkout_value", "m.last_checkout_cents" },
  { "member_rating", "c.member_rating" },
  { "last_open", "c.last_open_day" },
  { "last_open_days", "c.last_open_day" },
  { "last_click", "c.last_click_day" },
  { "last_click_days", "c.last_click_day" },
  { "created", "c.created_day" },
  { "r", "m.r" },
  { "f", "m.f" },
  { "m", "m.m" },
  { "gender", "c.gender" },
  { "income_band", "c.income_band" },
  { "language", "c.language" },
  { "email_status", "c.email_status" },
  { "tags", "c.tags" },
  { "acquisition_source", "c.acquisition_source" },
  { "acquisition_campaign", "c.acquisition_campaign" },
  { "region", "c.region" },
  { "city", "c.city" },
  { "postal_code", "c.postal_code" },
  { "bought_product", "p.name" },
  { "bought_category", "p.category" },
  { "bought_sku", "p.sku" },
  { "bought_product_tag", "p.tags" },
};

static const char *
lookup_column (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (strcmp (columns[i].id, id) == 0)
      return columns[i].column;
  return NULL;
}

static gboolean
compile_condition (Compiler          *compiler,
                   SegRuleCondition  *condition,
                   Fragment          *f,
                   GError           **error)
{
  const SegField *field = seg_rule_condition_lookup_field (condition);
  SegRuleOperator op = seg_rule_condition_get_operator (condition);
  const char * const *raw = seg_rule_condition_get_values (condition);
  guint period_days = seg_rule_condition_get_period_days (condition);
  g_autoptr(GPtrArray) normal = g_ptr_array_new_with_free_func (g_free);
  const char * const *values;
  const char *id;
  const char *col;
  gboolean negated = seg_rule_condition_get_negated (condition);
  Fragment inner;

  if (!seg_rule_condition_validate (condition, error))
    return FALSE;

  for (guint i = 0; raw[i] != NULL; i++)
    g_ptr_array_add (normal, seg_rule_normalize_value (field, op, raw[i], NULL));
  g_ptr_array_add (normal, NULL);
  values = (const char * const *) normal->pdata;

  id = field->id;
  col = lookup_column (id);

  fragment_init (&inner);

  if (field->attribute)
    compile_attribute (&inner, condition, op, values);
  else if (strcmp (id, "age") == 0)
    compile_age (compiler, &inner, op, values);
  else if (strcmp (id, "age_band") == 0)
    compile_age_band (compiler, &inner, op, values);
  else if (strcmp (id, "revenue_percentile") == 0)
    {
      if (!compile_revenue_percentile (compiler, &inner, op, values, error))
        {
          fragment_clear (&inner);
          return FALSE;
        }
    }
  else if (strcmp (id, "discount_share") == 0)
    {
      static const char * const symbols[] = {
        [SEG_RULE_OPERATOR_GT] = " > ",
        [SEG_RULE_OPERATOR_GE] = " >= ",
        [SEG_RULE_OPERATOR_LT] = " < ",
        [SEG_RULE_OPERATOR_LE] = " <= ",
      };

      /* discount_orders / orders compared with a percentage, without a
       * division. */
      sql (&inner, "(m.orders > 0 AND m.discount_orders * 100.0");
      if (op == SEG_RULE_OPERATOR_BETWEEN)
        {
          double a = number_value (values[0]), b = number_value (values[1]);

          sql (&inner, " BETWEEN ");
          bind_number (&inner, MIN (a, b));
          sql (&inner, " * m.orders AND ");
          bind_number (&inner, MAX (a, b));
          sql (&inner, " * m.orders)");
        }
      else
        {
          sql (&inner, symbols[op]);
          bind_number (&inner, number_value (values[0]));
          sql (&inner, " * m.orders)");
        }
    }
  else if (strcmp (id, "orders_in_period") == 0)
    compile_aggregate (compiler, &inner, "count(*)",
                       "orders WHERE customer_id IS NOT NULL AND cancelled = 0",
                       "order_day", period_days, op, values, 1.0);
  else if (strcmp (id, "revenue_in_period") == 0)
    compile_aggregate (compiler, &inner, "sum (net_cents)",
                       "orders WHERE customer_id IS NOT NULL AND cancelled = 0",
                       "order_day", period_days, op, values, 100.0);
  else if (strcmp (id, "opens_in_period") == 0 || strcmp (id, "clicks_in_period") == 0)
    compile_aggregate (compiler, &inner, "count(*)",
                       strcmp (id, "opens_in_period") == 0
                       ? "email_events WHERE kind = 'open'"
                       : "email_events WHERE kind = 'click'",
                       "event_day", period_days, op, values, 1.0);
  else if (strcmp (id, "checkouts") == 0 && period_days > 0)
    compile_aggregate (compiler, &inner, "count(*)",
                       "checkouts WHERE customer_id IS NOT NULL AND recovered = 0",
                       "checkout_day", period_days, op, values, 1.0);
  else if (strcmp (id, "discount_code") == 0)
    compile_discount_code (compiler, &inner, condition, op, values);
  else if (g_str_has_prefix (id, "bought_"))
    compile_bought (compiler, &inner, col, condition, op, values);
  else if (strcmp (id, "country") == 0)
    compile_text (&inner, "c.country", op, values, TRUE);
  else if (strcmp (id, "world_region") == 0)
    compile_countries (compiler, &inner, op, values, country_in_world_region);
  else if (strcmp (id, "hemisphere") == 0)
    compile_countries (compiler, &inner, op, values, country_in_hemisphere);
  else if (strcmp (id, "season") == 0)
    compile_countries (compiler, &inner, op, values, country_in_season);
  else if (strcmp (id, "ppp_tier") == 0)
    compile_countries (compiler, &inner, op, values, country_in_ppp_tier);
  else if (strcmp (id, "rfm_group") == 0)
    compile_rfm_group (&inner, op, values);
  else if (field->value_type == SEG_VALUE_TYPE_BOOLEAN)
    compile_boolean (compiler, &inner, id, condition, strcmp (values[0], "true") == 0);
  else if (field->value_type == SEG_VALUE_TYPE_TAGS)
    compile_tags (&inner, col, op, values);
  else if (field->value_type == SEG_VALUE_TYPE_DAYS)
    compile_days_since (compiler, &inner, col, op, values);
  else if (field->value_type == SEG_VALUE_TYPE_DATE)
    compile_date (compiler, &inner, col, op, values);
  else if (field->value_type == SEG_VALUE_TYPE_MONEY)
    compile_number (&inner, col, op, values, 100.0);
  else if (field->value_type == SEG_VALUE_TYPE_NUMBER)
    compile_number (&inner, col, op, values, 1.0);
  else if (field->value_type == SEG_VALUE_TYPE_TEXT || field->value_type == SEG_VALUE_TYPE_ENUM)
    compile_text (&inner, col, op, values, FALSE);
  else
    g_assert_not_reached ();

  g_assert (col != NULL || inner.sql->len > 0);

  if (negated)
    {
      /* NULL (unknown) is "not matching", so "not" must take it in. */
      sql (f, "(");
      fragment_append (f, &inner);
      sql (f, " IS NOT 1)");
    }
  else
    fragment_append (f, &inner);

  fragment_clear (&inner);
  return TRUE;
}

typedef struct
{
  Fragment fragment;
  guint    position;
} Part;

static int
compare_parts (gconstpointer a,
               gconstpointer b)
{
  const Part *pa = a, *pb = b;

  if (pa->fragment.cost != pb->fragment.cost)
    return pa->fragment.cost < pb->fragment.cost ? -1 : 1;
  return pa->position < pb->position ? -1 : pa->position > pb->position;
}

static gboolean
compile_group (Compiler      *compiler,
               SegRuleGroup  *group,
               Fragment      *f,
               GError       **error)
{
  SegRuleMatch match = seg_rule_group_get_match (group);
  guint n = seg_rule_group_get_n_children (group);
  gboolean negated = seg_rule_group_get_negated (group);
  g_autofree Part *parts = g_new0 (Part, MAX (n, 1));
  gboolean ok = TRUE;

  for (guint i = 0; i < n && ok; i++)
    {
      GObject *child = seg_rule_group_get_child (group, i);

      fragment_init (&parts[i].fragment);
      parts[i].position = i;
      if (SEG_IS_RULE_GROUP (child))
        ok = compile_group (compiler, SEG_RULE_GROUP (child), &parts[i].fragment, error);
      else
        ok = compile_condition (compiler, SEG_RULE_CONDITION (child), &parts[i].fragment, error);
    }

  if (ok)
    {
      /* AND and OR are commutative: cheap tests first. */
      qsort (parts, n, sizeof (Part), compare_parts);

      if (negated)
        sql (f, "(");
      if (n == 0)
        sql (f, match == SEG_RULE_MATCH_ALL ? "1" : "0");
      else if (n > 1)
        sql (f, "(");

      for (guint i = 0; i < n; i++)
        {
          if (i > 0)
            sql (f, match == SEG_RULE_MATCH_ALL ? " AND " : " OR ");
          fragment_append (f, &parts[i].fragment);
        }

      if (n > 1)
        sql (f, ")");
      if (negated)
        sql (f, " IS NOT 1)");
    }

  for (guint i = 0; i < n; i++)
    fragment_clear (&parts[i].fragment);

  return ok;
}

/**
 * seg_rule_compile:
 * @db: (nullable): the store's database; needed only by revenue_percentile,
 *   whose threshold is computed from the buyers' revenue at compile time
 * @rule: a valid rule
 * @ref_day: the reference day ("as of")
 * @error: return location for a #SEG_RULE_ERROR
 *
 * Compiles @rule into a WHERE fragment over %SEG_RULE_SQL_FROM and the
 * parameters to bind to its "?" placeholders, in order.
 *
 * Returns: (transfer full): the compiled rule, or %NULL with @error set
 */
SegCompiledRule *
seg_rule_compile (sqlite3  *db,
                  SegRule  *rule,
                  gint32    ref_day,
                  GError  **error)
{
  Compiler compiler = { db, ref_day, 0, 0, 0 };
  SegCompiledRule *self;
  Fragment f;

  g_return_val_if_fail (SEG_IS_RULE (rule), NULL);
  g_return_val_if_fail (ref_day != SEG_DAY_INVALID, NULL);

  seg_day_to_ymd (ref_day, &compiler.ref_year, &compiler.ref_month, &compiler.ref_mday);

  fragment_init (&f);
  if (!compile_group (&compiler, seg_rule_get_root (rule), &f, error))
    {
      fragment_clear (&f);
      return NULL;
    }

  self = g_new0 (SegCompiledRule, 1);
  self->where = g_string_free (f.sql, FALSE);
  self->params = f.params;
  return self;
}

void
seg_compiled_rule_free (SegCompiledRule *self)
{
  if (self == NULL)
    return;

  g_free (self->where);
  g_array_unref (self->params);
  g_free (self);
}

/**
 * seg_compiled_rule_get_where:
 * @self: a compiled rule
 *
 * Returns: a boolean SQL expression over "c" and "m" (see
 *   %SEG_RULE_SQL_FROM), with "?" placeholders only
 */
const char *
seg_compiled_rule_get_where (SegCompiledRule *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->where;
}

guint
seg_compiled_rule_get_n_params (SegCompiledRule *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->params->len;
}

const SegSqlParam *
seg_compiled_rule_get_param (SegCompiledRule *self,
                             guint            index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->params->len, NULL);

  return &g_array_index (self->params, SegSqlParam, index);
}

/**
 * seg_compiled_rule_bind:
 * @self: a compiled rule
 * @stmt: a statement holding the WHERE fragment
 * @first_index: the index (from 1) of the fragment's first placeholder in @stmt
 * @error: return location for a #SEG_RULE_ERROR
 *
 * Binds the parameters.  Text is copied (SQLITE_TRANSIENT), so @self may
 * be freed before @stmt runs.
 *
 * Returns: %TRUE on success
 */
gboolean
seg_compiled_rule_bind (SegCompiledRule  *self,
                        sqlite3_stmt     *stmt,
                        int               first_index,
                        GError          **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (stmt != NULL, FALSE);
  g_return_val_if_fail (first_index >= 1, FALSE);

  for (guint i = 0; i < self->params->len; i++)
    {
      const SegSqlParam *param = &g_array_index (self->params, SegSqlParam, i);
      int index = first_index + (int) i;
      int rc;

      switch (param->type)
        {
        case SEG_SQL_PARAM_INT:
          rc = sqlite3_bind_int64 (stmt, index, param->int_value);
          break;
        case SEG_SQL_PARAM_REAL:
          rc = sqlite3_bind_double (stmt, index, param->real_value);
          break;
        case SEG_SQL_PARAM_TEXT:
          rc = sqlite3_bind_text (stmt, index, param->text_value, -1, SQLITE_TRANSIENT);
          break;
        default:
          g_assert_not_reached ();
        }

      if (rc != SQLITE_OK)
        {
          g_set_error (error, SEG_RULE_ERROR, SEG_RULE_ERROR_FAILED,
                       _("Could not run the rule: %s"), sqlite3_errstr (rc));
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * seg_compiled_rule_prepare:
 * @self: a compiled rule
 * @db: the store's database
 * @columns: what to select, e.g. "c.id"
 * @tail: (nullable): SQL after the WHERE clause, e.g. "ORDER BY c.id"; no
 *   placeholders
 * @error: return location for a #SEG_RULE_ERROR
 *
 * Prepares "SELECT @columns FROM SEG_RULE_SQL_FROM WHERE <rule> @tail"
 * with the rule's parameters bound.
 *
 * Returns: (transfer full): the statement, or %NULL with @error set
 */
sqlite3_stmt *
seg_compiled_rule_prepare (SegCompiledRule  *self,
                           sqlite3          *db,
                           const char       *columns,
                           const char       *tail,
                           GError          **error)
{
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (columns != NULL, NULL);

  text = g_strdup_printf ("SELECT %s FROM " SEG_RULE_SQL_FROM " WHERE %s %s",
                          columns, self->where, tail ? tail : "");
  g_debug ("%s", text);

  if (sqlite3_prepare_v2 (db, text, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, SEG_RULE_ERROR, SEG_RULE_ERROR_FAILED,
                   _("Could not run the rule: %s"), sqlite3_errmsg (db));
      return NULL;
    }

  if (!seg_compiled_rule_bind (self, stmt, 1, error))
    {
      sqlite3_finalize (stmt);
      return NULL;
    }

  return stmt;
}

/**
 * seg_rule_count:
 * @db: the store's database
 * @rule: a valid rule
 * @ref_day: the reference day
 * @customers: (out) (optional): the number of matching customers
 * @revenue_cents: (out) (optional): their net revenue
 * @error: return location for a #SEG_RULE_ERROR
 *
 * Counts the customers that match @rule in one query.
 *
 * Returns: %TRUE on success
 */
gboolean
seg_rule_count (sqlite3  *db,
                SegRule  *rule,
                gint32    ref_day,
                gint64   *customers,
                gint64   *revenue_cents,
                GError  **error)
{
  g_autoptr(SegCompiledRule) compiled = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (SEG_IS_RULE (rule), FALSE);

  compiled = seg_rule_compile (db, rule, ref_day, error);
  if (compiled == NULL)
    return FALSE;

  stmt = seg_compiled_rule_prepare (compiled, db,
                                    "count(*), coalesce (sum (m.revenue_cents), 0)",
                                    NULL, error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      g_set_error (error, SEG_RULE_ERROR, SEG_RULE_ERROR_FAILED,
                   _("Could not run the rule: %s"), sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
      return FALSE;
    }

  if (customers != NULL)
    *customers = sqlite3_column_int64 (stmt, 0);
  if (revenue_cents != NULL)
    *revenue_cents = sqlite3_column_int64 (stmt, 1);

  sqlite3_finalize (stmt);
  return TRUE;
}
