/* test-rule-compiler.c — rules as SQL, counted on a hand-made store
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <string.h>

#include "seg-day.h"
#include "seg-rule.h"
#include "seg-rule-compiler.h"
#include "seg-store-schema.h"

/* The reference day: 2024-06-15, summer in the north, winter in the south. */
static gint32 R;

static void
exec (sqlite3    *db,
      const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static void
execf (sqlite3    *db,
       const char *format,
       ...) G_GNUC_PRINTF (2, 3);

static void
execf (sqlite3    *db,
       const char *format,
       ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  exec (db, sql);
}

static sqlite3 *
open_schema (void)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  exec (db, SEG_STORE_SCHEMA_V1);
  exec (db, SEG_STORE_MIGRATION_V2);
  return db;
}

static void
add_order (sqlite3    *db,
           int         id,
           int         customer,
           int         days_ago,
           int         net_cents,
           gboolean    cancelled,
           const char *discount_code,
           const char *product,
           const char *sku,
           const char *category,
           const char *product_tags)
{
  g_autofree char *customer_sql = customer ? g_strdup_printf ("%d", customer) : g_strdup ("NULL");
  g_autofree char *code = discount_code ? g_strdup_printf ("'%s'", discount_code) : g_strdup ("NULL");
  g_autofree char *tags = product_tags ? g_strdup_printf ("'%s'", product_tags) : g_strdup ("NULL");

  execf (db, "INSERT INTO orders (id, source, order_key, customer_id, created_at, order_day, "
         "cancelled, total_cents, net_cents, discount_code, discount_cents) "
         "VALUES (%d, 'test', '#%d', %s, '', %d, %d, %d, %d, %s, %d)",
         id, id, customer_sql, R - days_ago, cancelled, net_cents, net_cents, code,
         discount_code ? 500 : 0);
  execf (db, "INSERT INTO products (name, sku, category, tags) VALUES ('%s', '%s', '%s', %s)",
         product, sku, category, tags);
  execf (db, "INSERT INTO order_lines (order_id, line_no, product_id) "
         "VALUES (%d, 1, last_insert_rowid ())", id);
}

/* Eight customers:
 *   1 alice  US/CA  34 today (birthday)  3 orders, 300.00, vip
 *   2 bob    CA/ON  band 25-34           1 order, 80.00; abandoned checkout yesterday
 *   3 carol  GB     64                   2 discounted orders, 50.00
 *   4 dan    AU     23 (24 tomorrow)     1 order, 500.00, after an abandoned checkout
 *   5 erin   BR     band 65+             6 orders, 60.00
 *   6 frank  —      nothing at all
 *   7 grace  DE     a city that looks like SQL
 *   8 heidi  IN     prospect with an attribute
 */
static sqlite3 *
open_store (void)
{
  sqlite3 *db = open_schema ();

  execf (db, "INSERT INTO customers (id, email, birth_date, age_band, gender, income_band, "
         "language, country, region, city, postal_code, tags, accepts_marketing, email_status, "
         "member_rating, last_open_day, last_click_day, acquisition_source, created_day) VALUES "
         "(1, 'alice@example.com', '1990-06-15', NULL, 'female', NULL, 'en', 'US', 'CA', "
         "  'San Francisco', '94105', 'vip, wholesale', 1, 'subscribed', 5, %d, %d, "
         "  'instagram', %d),"
         "(2, 'bob@example.com', NULL, '25-34', 'male', NULL, 'EN', 'CA', 'ON', 'Toronto', "
         "  'M5V 2T6', 'newsletter', 0, 'subscribed', NULL, %d, NULL, 'google', %d),"
         "(3, 'carol@example.com', '1960-01-01', NULL, 'female', 'high', 'en', 'GB', 'ENG', "
         "  'London', 'SW1A 1AA', NULL, NULL, 'unsubscribed', NULL, NULL, NULL, 'facebook', NULL),"
         "(4, 'dan@example.com', '2000-06-16', NULL, 'male', NULL, NULL, 'AU', 'NSW', 'Sydney', "
         "  '2000', 'VIP', NULL, 'never_subscribed', NULL, NULL, NULL, NULL, NULL),"
         "(5, 'erin@example.com', NULL, '65+', NULL, NULL, 'pt', 'BR', 'SP', 'São Paulo', "
         "  '01000', 'eco', NULL, 'cleaned', NULL, NULL, NULL, NULL, NULL),"
         "(6, 'frank@example.com', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
         "  NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
         "(7, 'grace@example.com', NULL, NULL, NULL, NULL, NULL, 'DE', NULL, "
         "  'x'') or 1=1 --', NULL, 'x'') or 1=1 --', NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
         "(8, 'heidi@example.com', NULL, '', '', NULL, NULL, 'IN', NULL, NULL, NULL, NULL, "
         "  NULL, NULL, NULL, NULL, NULL, NULL, %d)",
         R - 10, R - 10, R - 400, R - 100, R - 300, R - 5);

  add_order (db, 1, 1, 400, 10000, FALSE, "WELCOME10", "Sock", "SKU-3", "Apparel", NULL);
  add_order (db, 2, 1, 200, 5000, FALSE, NULL, "Yoga Mat", "SKU-2", "Yoga", "eco-friendly");
  add_order (db, 3, 1, 20, 15000, FALSE, NULL, "Trail Shoe", "SKU-1", "Shoes",
             "eco-friendly, vegan");
  add_order (db, 4, 1, -5, 99900, FALSE, NULL, "Hover Board", "SKU-9", "Future", NULL);
  add_order (db, 5, 2, 100, 8000, FALSE, NULL, "Trail Shoe", "SKU-1", "Shoes", NULL);
  add_order (db, 6, 2, 5, 99900, TRUE, NULL, "Hat", "SKU-4", "Hats", NULL);
  add_order (db, 7, 3, 150, 2000, FALSE, "SPRING", "Shirt", "SKU-5", "Apparel", NULL);
  add_order (db, 8, 3, 120, 3000, FALSE, "spring, vip5", "Shirt", "SKU-5", "Apparel", NULL);
  add_order (db, 9, 4, 30, 50000, FALSE, NULL, "Watch", "SKU-6", "Accessories", "luxury");
  for (int i = 0; i < 6; i++)
    add_order (db, 10 + i, 5, 1 + i, 1000, FALSE, NULL, "Bag", "SKU-7", "Bags", "Eco-Friendly");
  add_order (db, 20, 0, 3, 7000, FALSE, "SPRING", "Shoe", "SKU-1", "Shoes", NULL);

  execf (db, "INSERT INTO checkouts (source, checkout_key, customer_id, created_at, "
         "checkout_day, total_cents, recovered) VALUES "
         "('test', 'a', 2, '', %d, 12000, 0), ('test', 'b', 3, '', %d, 5000, 1), "
         "('test', 'c', 4, '', %d, 4000, 0)", R - 1, R - 200, R - 40);

  execf (db, "INSERT INTO email_events (customer_id, kind, event_day) VALUES "
         "(1, 'open', %d), (1, 'open', %d), (2, 'open', %d), (1, 'click', %d)",
         R - 10, R - 50, R - 100, R - 10);

  exec (db, "INSERT INTO customer_attributes (customer_id, name, value) VALUES "
        "(1, 'interests', 'yoga, running'), (2, 'interests', 'cycling'), "
        "(8, 'interests', 'Yoga'), (1, 'shoe_size', '38'), (2, 'shoe_size', '44'), "
        "(3, 'signup', '2023-05-01'), (4, 'interests', '')");

  /* Measures as seg-measures.c defines them: counted orders up to R,
   * abandoned checkouts not recovered. */
  execf (db,
         "INSERT INTO customer_measures (customer_id, orders, revenue_cents, aov_cents, "
         "  first_order_day, last_order_day, discount_orders, checkouts, last_checkout_day, "
         "  last_checkout_cents) "
         "SELECT c.id, coalesce (o.n, 0), coalesce (o.revenue, 0), o.revenue / o.n, "
         "  o.first_day, o.last_day, coalesce (o.discount, 0), coalesce (k.n, 0), k.last_day, "
         "  k.cents "
         "FROM customers c "
         "LEFT JOIN (SELECT customer_id, count(*) AS n, sum (net_cents) AS revenue, "
         "  min (order_day) AS first_day, max (order_day) AS last_day, "
         "  sum (discount_cents > 0) AS discount FROM orders "
         "  WHERE cancelled = 0 AND order_day <= %d GROUP BY customer_id) o "
         "  ON o.customer_id = c.id "
         "LEFT JOIN (SELECT customer_id, count(*) AS n, max (checkout_day) AS last_day, "
         "  total_cents AS cents FROM checkouts WHERE recovered = 0 GROUP BY customer_id) k "
         "  ON k.customer_id = c.id", R);
  exec (db, "UPDATE customer_measures SET rfm_group = 'Prospects' WHERE orders = 0");
  exec (db, "UPDATE customer_measures SET r = 5, f = 5, m = 5, rfm_group = 'Champions' "
        "WHERE customer_id = 1");
  exec (db, "UPDATE customer_measures SET r = 2, f = 1, m = 3, rfm_group = 'At Risk' "
        "WHERE customer_id = 2");
  exec (db, "UPDATE customer_measures SET r = 2, f = 4, m = 1, rfm_group = 'Hibernating' "
        "WHERE customer_id = 3");
  exec (db, "UPDATE customer_measures SET r = 4, f = 1, m = 5, rfm_group = 'Promising' "
        "WHERE customer_id = 4");
  exec (db, "UPDATE customer_measures SET r = 5, f = 5, m = 2, rfm_group = 'Loyal' "
        "WHERE customer_id = 5");

  return db;
}

static gint64
count (sqlite3    *db,
       const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegRule) rule = seg_rule_new_from_text (text, &error);
  gint64 customers = -1;

  if (rule == NULL)
    g_error ("%s: %s", text, error->message);
  if (!seg_rule_count (db, rule, R, &customers, NULL, &error))
    g_error ("%s: %s", text, error->message);
  return customers;
}

static const struct
{
  const char *rule;
  gint64      expected;
} count_cases[] = {
  { "", 8 },
  { "orders >= 2", 3 },
  { "orders = 0", 3 },
  /* Boundaries: two customers have exactly one order, so every strict and
   * non-strict comparison gives a different count. */
  { "orders > 1", 3 },
  { "orders >= 1", 5 },
  { "orders < 1", 3 },
  { "orders <= 1", 5 },
  { "orders = 1", 2 },
  { "orders != 1", 6 },
  { "orders >= 2 and last_order_days >= 90", 1 },
  { "orders >= 2 and last_order_days >= 90 and country in (\"US\", \"CA\")", 0 },
  { "last_order_days >= 90", 2 },
  { "last_order_days < 30", 2 },
  { "last_order_days <= 30", 3 },
  { "last_order_days between 20 and 30", 2 },
  { "last_order_days is empty", 3 },
  { "revenue > 100", 2 },
  { "revenue between 300 and 50", 4 },
  { "revenue between 50 and 300", 4 },
  { "aov >= 100", 2 },
  { "aov is empty", 3 },
  { "first_order_days >= 365", 1 },
  { "returning = true", 3 },
  { "returning = false", 2 },
  /* dates */
  { "last_order before 2024-01-01", 0 },
  { "first_order before 2024-01-01", 1 },
  { "first_order in last 10 days", 1 },
  { "last_order in last 1 days", 0 },
  { "last_order in last 2 days", 1 },
  { "last_order more than 100 days ago", 1 },
  { "last_order between 2024-02-01 and 2024-03-31", 2 },
  { "last_order on 2024-05-26", 1 },
  { "last_order is empty", 3 },
  { "created in last 30 days", 1 },
  { "created before 2024-01-01", 2 },
  /* geography */
  { "country in (\"US\", \"CA\")", 2 },
  { "country = \"us\"", 1 },
  { "country != \"US\"", 7 },
  { "country not in (\"US\", \"CA\")", 6 },
  { "country is empty", 1 },
  { "region = \"ca\"", 1 },
  { "city contains \"paulo\"", 1 },
  { "city starts with \"san\"", 1 },
  { "postal_code starts with \"SW1\"", 1 },
  { "postal_code starts with \"9\"", 1 },
  { "postal_code starts with \"%\"", 0 },
  { "postal_code starts with \"_\"", 0 },
  { "world_region = \"europe\"", 2 },
  { "world_region = \"north_america\"", 2 },
  { "world_region in (\"oceania\", \"south_america\")", 2 },
  { "world_region != \"europe\"", 6 },
  { "hemisphere = \"south\"", 2 },
  { "hemisphere = \"north\"", 5 },
  { "season = \"winter\"", 2 },
  { "season = \"summer\"", 5 },
  { "season in (\"spring\", \"autumn\")", 0 },
  { "ppp_tier = \"high\"", 5 },
  { "ppp_tier = \"upper_middle\"", 1 },
  { "ppp_tier = \"lower_middle\"", 1 },
  { "ppp_tier = \"low\"", 0 },
  /* tags and attributes */
  { "tags contains \"vip\"", 2 },
  { "tags contains \" VIP \"", 2 },
  { "tags contains \"wholesale\"", 1 },
  { "tags contains \"whole\"", 0 },
  { "not tags contains \"vip\"", 6 },
  { "tags not contains \"vip\"", 6 },
  { "tags in (\"eco\", \"newsletter\")", 2 },
  { "tags not in (\"eco\", \"newsletter\")", 6 },
  { "tags is empty", 3 },
  { "(orders = 1 or revenue > 100) and not tags contains \"vip\"", 1 },
  { "attr(\"interests\") contains \"yoga\"", 2 },
  { "attr(\"Interests\") = \"cycling\"", 1 },
  { "attr(\"interests\") in (\"cycling\", \"yoga\")", 2 },
  { "attr(\"interests\") != \"cycling\"", 7 },
  { "attr(\"interests\") is empty", 5 },
  { "attr(\"interests\") is not empty", 3 },
  { "attr(\"interests\") not contains \"yoga\"", 6 },
  { "attr(\"shoe_size\") >= 40", 1 },
  { "attr(\"shoe_size\") between 30 and 40", 1 },
  { "attr(\"signup\") before 2024-01-01", 1 },
  { "attr(\"nothing\") = \"x\"", 0 },
  /* products, bought in a period or ever (up to the reference day) */
  { "bought_category = \"Shoes\"", 2 },
  { "bought_category = \"Shoes\" within 90 days", 1 },
  { "bought_category = \"Hats\"", 0 },
  { "bought_category = \"Future\"", 0 },
  { "bought_category != \"Shoes\"", 6 },
  { "bought_category not in (\"Shoes\", \"Bags\")", 5 },
  { "bought_product_tag = \"eco-friendly\"", 2 },
  { "bought_product_tag = \"vegan\"", 1 },
  { "bought_product_tag = \"eco-friendly\" within 100 days", 2 },
  { "bought_product_tag = \"eco-friendly\" within 10 days", 1 },
  { "bought_product_tag != \"eco-friendly\"", 6 },
  { "bought_sku in (\"SKU-2\", \"SKU-3\")", 1 },
  { "bought_product contains \"shoe\"", 2 },
  { "bought_product starts with \"yoga\"", 1 },
  { "bought_product not contains \"shoe\"", 6 },
  { "bought_product contains \"shoe\" within 30 days", 1 },
  { "bought_product_tag = \"vegan\" within 30 days", 1 },
  { "bought_category in (\"Shoes\", \"Yoga\") within 300 days", 2 },
  /* discounts */
  { "used_discount = true", 2 },
  { "used_discount = false", 6 },
  { "used_discount = true within 100 days", 0 },
  { "used_discount = true within 130 days", 1 },
  { "used_discount = false within 130 days", 7 },
  { "discount_code = \"spring\"", 1 },
  { "discount_code = \"vip5\"", 1 },
  { "discount_code = \"vip\"", 0 },
  { "discount_code contains \"welcome\"", 1 },
  { "discount_code != \"spring\"", 7 },
  { "discount_share >= 50", 1 },
  { "discount_share < 50", 4 },
  { "discount_share between 30 and 40", 1 },
  /* checkouts */
  { "abandoned_checkout = true", 2 },
  { "abandoned_checkout = false", 6 },
  { "abandoned_checkout = true within 3 days", 1 },
  { "checkout_days <= 3", 1 },
  { "checkout_value >= 100", 1 },
  { "checkout_recovered = true", 1 },
  { "checkout_days <= 3 and ordered_since_checkout = false", 1 },
  { "ordered_since_checkout = true", 1 },
  { "checkouts >= 1 within 30 days", 1 },
  { "checkouts = 0 within 30 days", 7 },
  { "checkouts >= 1", 2 },
  /* email */
  { "email_status = \"subscribed\"", 2 },
  { "email_status = \"SUBSCRIBED\"", 2 },
  { "email_status = \"subscribed\" and last_open_days > 90", 1 },
  { "email_status = \"subscribed\" and last_open_days <= 90", 1 },
  { "last_open_days <= 30", 1 },
  { "last_open in last 30 days", 1 },
  { "last_click_days < 11", 1 },
  { "opens_in_period >= 1 within 30 days", 1 },
  { "opens_in_period = 0 within 30 days", 7 },
  { "opens_in_period >= 2", 1 },
  { "clicks_in_period >= 1 within 30 days", 1 },
  { "accepts_marketing = true", 1 },
  { "accepts_marketing = false", 7 },
  { "member_rating >= 4", 1 },
  /* orders and revenue in a period */
  { "orders_in_period >= 2 within 365 days", 3 },
  { "orders_in_period = 0 within 90 days", 5 },
  { "orders_in_period < 1 within 90 days", 5 },
  { "orders_in_period between 0 and 1 within 90 days", 7 },
  { "orders_in_period >= 3", 2 },
  { "revenue_in_period >= 100 within 30 days", 1 },
  { "revenue_in_period >= 100 within 31 days", 2 },
  { "revenue_in_period < 100 within 31 days", 6 },
  /* RFM */
  { "rfm_group in (\"Champions\", \"Loyal\")", 2 },
  { "rfm_group = \"Prospects\"", 3 },
  { "rfm_group != \"Champions\"", 7 },
  { "rfm_group not in (\"Champions\", \"Prospects\")", 4 },
  { "r >= 4", 3 },
  { "r is empty", 3 },
  { "f = 1 and m >= 3", 2 },
  { "revenue_percentile >= 80", 1 },
  { "revenue_percentile >= 50", 3 },
  { "revenue_percentile < 50", 2 },
  { "revenue_percentile between 0 and 100", 5 },
  /* demographics */
  { "age >= 34", 3 },
  { "age > 34", 2 },
  { "age < 24", 1 },
  { "age <= 23", 1 },
  { "age = 23", 1 },
  { "age = 34", 1 },
  { "age != 34", 7 },
  { "age between 25 and 34", 2 },
  { "age is empty", 3 },
  { "age is not empty", 5 },
  { "age_band = \"25-34\"", 2 },
  { "age_band = \"65+\"", 1 },
  { "age_band in (\"18-24\", \"55-64\")", 2 },
  { "age_band != \"25-34\"", 6 },
  { "gender is empty", 4 },
  { "gender = \"female\"", 2 },
  { "not gender = \"female\"", 6 },
  { "gender != \"female\"", 6 },
  { "language = \"EN\"", 3 },
  { "language in (\"pt\", \"de\")", 1 },
  { "income_band is not empty", 1 },
  { "acquisition_source in (\"instagram\", \"google\")", 2 },
  { "acquisition_campaign is empty", 8 },
  /* structure */
  { "(country = \"US\" or country = \"GB\") and (orders >= 2 or tags contains \"vip\")", 2 },
  { "not (country = \"US\" or country = \"GB\")", 6 },
  { "orders = 1 or orders = 2 or orders = 3", 4 },
  { "city = \"x') or 1=1 --\"", 1 },
  { "city = \"x'') or 1=1 --\"", 0 },
  { "tags contains \"x') or 1=1 --\"", 1 },
};

static void
test_compiler_counts (void)
{
  sqlite3 *db = open_store ();

  for (guint i = 0; i < G_N_ELEMENTS (count_cases); i++)
    {
      gint64 got = count (db, count_cases[i].rule);

      if (got != count_cases[i].expected)
        g_error ("%s: %" G_GINT64_FORMAT " customers, expected %" G_GINT64_FORMAT,
                 count_cases[i].rule, got, count_cases[i].expected);
    }

  sqlite3_close (db);
}

static void
test_compiler_revenue (void)
{
  sqlite3 *db = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SegRule) rule = seg_rule_new_from_text ("orders >= 1", &error);
  gint64 customers = 0, revenue = 0;

  g_assert_no_error (error);
  g_assert_true (seg_rule_count (db, rule, R, &customers, &revenue, &error));
  g_assert_no_error (error);
  g_assert_cmpint (customers, ==, 5);
  g_assert_cmpint (revenue, ==, 30000 + 8000 + 5000 + 50000 + 6000);

  sqlite3_close (db);
}

static char *
fill (const char *pattern,
      const char *value)
{
  GString *text = g_string_new (pattern);

  g_string_replace (text, "%s", value, 0);
  return g_string_free (text, FALSE);
}

static void
test_compiler_injection (void)
{
  sqlite3 *db = open_store ();
  static const char * const fields[] = {
    "city = %s", "tags contains %s", "attr(%s) = %s", "bought_category = %s within 9 days",
    "discount_code contains %s", "postal_code starts with %s", "country in (%s, \"US\")",
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *evil_text = fill (fields[i], "\"x') or 1=1 --\"");
      g_autofree char *plain_text = fill (fields[i], "\"plain\"");
      g_autoptr(SegRule) evil = seg_rule_new_from_text (evil_text, &error);
      g_autoptr(SegRule) plain = seg_rule_new_from_text (plain_text, &error);
      g_autoptr(SegCompiledRule) evil_sql = NULL;
      g_autoptr(SegCompiledRule) plain_sql = NULL;

      g_assert_no_error (error);
      evil_sql = seg_rule_compile (db, evil, R, &error);
      g_assert_no_error (error);
      plain_sql = seg_rule_compile (db, plain, R, &error);
      g_assert_no_error (error);

      /* User text never reaches the SQL text. */
      g_assert_cmpstr (seg_compiled_rule_get_where (evil_sql), ==,
                       seg_compiled_rule_get_where (plain_sql));
      g_assert_null (strstr (seg_compiled_rule_get_where (evil_sql), "1=1"));
      g_assert_null (strstr (seg_compiled_rule_get_where (evil_sql), "plain"));
    }

  /* …and is matched literally. */
  g_assert_cmpint (count (db, "city = \"x') or 1=1 --\""), ==, 1);
  g_assert_cmpint (count (db, "city != \"x') or 1=1 --\""), ==, 7);

  sqlite3_close (db);
}

static void
test_compiler_errors (void)
{
  sqlite3 *db = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SegRule) rule = seg_rule_new ();
  g_autoptr(SegRuleCondition) condition = seg_rule_condition_new ("orders",
                                                                  SEG_RULE_OPERATOR_GE,
                                                                  NULL);
  g_autoptr(SegCompiledRule) compiled = NULL;

  /* A half-edited builder row does not compile. */
  seg_rule_group_append (seg_rule_get_root (rule), G_OBJECT (condition));
  compiled = seg_rule_compile (db, rule, R, &error);
  g_assert_null (compiled);
  g_assert_error (error, SEG_RULE_ERROR, SEG_RULE_ERROR_INVALID);
  g_clear_error (&error);

  seg_rule_condition_set_values (condition, (const char *[]) { "lots", NULL });
  g_assert_null (seg_rule_compile (db, rule, R, &error));
  g_assert_error (error, SEG_RULE_ERROR, SEG_RULE_ERROR_INVALID);
  g_clear_error (&error);

  seg_rule_condition_set_values (condition, (const char *[]) { "1", NULL });
  seg_rule_condition_set_field (condition, "nope");
  g_assert_null (seg_rule_compile (db, rule, R, &error));
  g_assert_error (error, SEG_RULE_ERROR, SEG_RULE_ERROR_UNKNOWN_FIELD);
  g_clear_error (&error);

  seg_rule_condition_set_field (condition, "revenue_percentile");
  g_assert_null (seg_rule_compile (NULL, rule, R, &error));
  g_assert_error (error, SEG_RULE_ERROR, SEG_RULE_ERROR_FAILED);
  g_clear_error (&error);

  /* An empty "any of" matches nobody. */
  seg_rule_group_remove_all (seg_rule_get_root (rule));
  seg_rule_group_set_match (seg_rule_get_root (rule), SEG_RULE_MATCH_ANY);
  {
    gint64 customers = -1;

    g_assert_true (seg_rule_count (db, rule, R, &customers, NULL, &error));
    g_assert_cmpint (customers, ==, 0);
  }

  sqlite3_close (db);
}

static void
test_compiler_select_ids (void)
{
  sqlite3 *db = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SegRule) rule = seg_rule_new_from_text ("tags contains \"vip\" or orders >= 6",
                                                    &error);
  g_autoptr(SegCompiledRule) compiled = seg_rule_compile (db, rule, R, &error);
  sqlite3_stmt *stmt;
  GString *ids = g_string_new (NULL);

  g_assert_no_error (error);
  stmt = seg_compiled_rule_prepare (compiled, db, "c.id", "ORDER BY c.id", &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (ids, "%d ", sqlite3_column_int (stmt, 0));
  sqlite3_finalize (stmt);
  g_assert_cmpstr (ids->str, ==, "1 4 5 ");
  g_string_free (ids, TRUE);
  sqlite3_close (db);
}

/* Percentile thresholds are cached per connection; a new connection (even
 * at the same address) must not see the old numbers. */
static void
test_compiler_percentile_cache (void)
{
  for (int round = 0; round < 3; round++)
    {
      sqlite3 *db = open_store ();

      g_assert_cmpint (count (db, "revenue_percentile >= 80"), ==, 1);
      exec (db, "UPDATE customer_measures SET revenue_cents = 100000 WHERE customer_id = 5");
      /* 5000 8000 30000 50000 100000: the 80th percentile is 60000. */
      g_assert_cmpint (count (db, "revenue_percentile >= 80"), ==, 1);
      g_assert_cmpint (count (db, "revenue_percentile >= 60"), ==, 2);
      exec (db, "DELETE FROM customer_measures");
      g_assert_cmpint (count (db, "revenue_percentile >= 80"), ==, 0);
      sqlite3_close (db);
    }
}

/* reengagement_no_response: who received a re-engagement campaign whose
 * 14-day window is over, and opened or clicked nothing in that window. */
static void
test_compiler_reengagement (void)
{
  sqlite3 *db = open_store ();

  /* Per-customer sends.  "Comeback" (R − 30; window R − 30 … R − 17) went
   * to 1, 2, 3 and 4: 1 opened it at R − 25, 3 clicked another email on
   * the sent day, 2 did nothing in the window (its open is at R − 100), 4
   * opened the day after the window.  "Too recent" (R − 10) went to 5 and
   * 6, its window is not over; "News" is no re-engagement campaign. */
  execf (db, "INSERT INTO campaigns (id, name, sent_day, kind) VALUES "
         "(1, 'Comeback', %d, 're-engagement'), (2, 'Too recent', %d, 'Re_Engagement'), "
         "(3, 'News', %d, 'newsletter')", R - 30, R - 10, R - 60);
  execf (db, "INSERT INTO email_events (customer_id, campaign_id, kind, event_day) VALUES "
         "(1, 1, 'sent', %d), (2, 1, 'sent', %d), (3, 1, 'sent', %d), (4, 1, 'sent', %d), "
         "(1, 1, 'open', %d), (3, NULL, 'click', %d), (4, 1, 'open', %d), "
         "(5, 2, 'sent', %d), (6, 2, 'sent', %d), (7, 3, 'sent', %d)",
         R - 30, R - 30, R - 30, R - 30, R - 25, R - 30, R - 16, R - 10, R - 10, R - 60);

  g_assert_cmpint (count (db, "reengagement_no_response = true"), ==, 2);
  g_assert_cmpint (count (db, "reengagement_no_response = false"), ==, 6);
  g_assert_cmpint (count (db, "not (reengagement_no_response = true)"), ==, 6);
  g_assert_cmpint (count (db, "email_status = \"subscribed\" and "
                              "reengagement_no_response = true"), ==, 1);

  /* An open on the window's last day is a response. */
  execf (db, "INSERT INTO email_events (customer_id, campaign_id, kind, event_day) "
         "VALUES (4, NULL, 'open', %d)", R - 17);
  g_assert_cmpint (count (db, "reengagement_no_response = true"), ==, 1);

  /* Exactly 14 days ago: the window is over, and the kind's spelling does
   * not matter. */
  execf (db, "UPDATE campaigns SET sent_day = %d WHERE id = 2", R - 14);
  g_assert_cmpint (count (db, "reengagement_no_response = true"), ==, 3);
  sqlite3_close (db);

  /* Campaign-level results only: the subscribers who were customers on the
   * sent day received it.  Subscribed: 1 (since R − 400), 2 (since R − 300). */
  db = open_store ();
  execf (db, "INSERT INTO campaigns (id, name, sent_day, kind) VALUES "
         "(1, 'Old', %d, 'reengagement')", R - 350);
  g_assert_cmpint (count (db, "reengagement_no_response = true"), ==, 1);
  execf (db, "INSERT INTO email_events (customer_id, kind, event_day) VALUES (1, 'open', %d)",
         R - 345);
  g_assert_cmpint (count (db, "reengagement_no_response = true"), ==, 0);

  execf (db, "INSERT INTO campaigns (id, name, sent_day, kind) VALUES "
         "(2, 'Later', %d, 're-engagement')", R - 200);
  g_assert_cmpint (count (db, "reengagement_no_response = true"), ==, 2);

  /* One per-customer row, and the campaign's recipients are known exactly. */
  execf (db, "INSERT INTO email_events (customer_id, campaign_id, kind, event_day) "
         "VALUES (8, 2, 'sent', %d)", R - 200);
  g_assert_cmpint (count (db, "reengagement_no_response = true"), ==, 1);
  g_assert_cmpint (count (db, "reengagement_no_response = true and country = \"IN\""), ==, 1);

  sqlite3_close (db);
}

/* A 100,000-customer store: the plan of a five-condition rule must stay one
 * pass over customers and measures, with subqueries run once over indexes. */
static void
test_compiler_query_plan (void)
{
  sqlite3 *db = open_schema ();
  g_autoptr(GError) error = NULL;
  static const char * const rules[] = {
    "orders >= 2 and last_order_days >= 90 and country in (\"US\", \"CA\") and "
    "email_status = \"subscribed\" and revenue > 100",
    "rfm_group in (\"Champions\", \"Loyal\") and tags contains \"vip\" and age >= 30 and "
    "world_region = \"europe\" and last_open_days <= 90",
    "bought_category = \"Shoes\" within 90 days and orders >= 2 and "
    "attr(\"interests\") contains \"yoga\" and used_discount = true and "
    "revenue_percentile >= 80",
  };
  g_autoptr(GTimer) timer = g_timer_new ();
  /* The benchmark's million orders with -m slow; the plan is the same. */
  int n_orders = g_test_slow () ? 1000000 : 200000;

  exec (db, "BEGIN");
  execf (db,
         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) "
         "INSERT INTO customers (id, email, country, email_status, tags, birth_date, "
         "  last_open_day) "
         "SELECT i, 'c' || i || '@example.com', "
         "  CASE i %% 5 WHEN 0 THEN 'US' WHEN 1 THEN 'CA' WHEN 2 THEN 'GB' WHEN 3 THEN 'DE' "
         "  ELSE 'BR' END, "
         "  CASE i %% 3 WHEN 0 THEN 'subscribed' ELSE 'unsubscribed' END, "
         "  CASE i %% 7 WHEN 0 THEN 'vip' ELSE NULL END, "
         "  CASE i %% 2 WHEN 0 THEN (1950 + i %% 50) || '-06-01' END, %d - i %% 400 "
         "FROM n", R);
  execf (db,
         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d) "
         "INSERT INTO orders (id, source, order_key, customer_id, created_at, order_day, "
         "  net_cents, discount_code) "
         "SELECT i, 'gen', i, 1 + (i * 7919) %% 100000, '', %d - i %% 700, 1000 + i %% 9000, "
         "  CASE i %% 10 WHEN 0 THEN 'SAVE' END FROM n", n_orders, R);
  execf (db,
         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d) "
         "INSERT INTO order_lines (order_id, line_no, product_id) "
         "SELECT i, 1, 1 + i %% 500 FROM n", n_orders);
  exec (db,
        "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 499) "
        "INSERT INTO products (id, name, category) "
        "SELECT 1 + i, 'P' || i, CASE i % 20 WHEN 0 THEN 'Shoes' ELSE 'Other' END FROM n");
  exec (db,
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) "
        "INSERT INTO customer_attributes (customer_id, name, value) "
        "SELECT i, 'interests', CASE i % 4 WHEN 0 THEN 'yoga' ELSE 'running' END FROM n "
        "WHERE i % 3 = 0");
  exec (db,
        "INSERT INTO customer_measures (customer_id, orders, revenue_cents, first_order_day, "
        "  last_order_day, discount_orders, rfm_group) "
        "SELECT c.id, count (o.id), coalesce (sum (o.net_cents), 0), min (o.order_day), "
        "  max (o.order_day), count (o.discount_code), "
        "  CASE c.id % 11 WHEN 0 THEN 'Champions' WHEN 1 THEN 'Loyal' ELSE 'Lost' END "
        "FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.id");
  exec (db, "COMMIT");
  exec (db, "ANALYZE");
  g_test_message ("generated 100,000 customers / %d orders in %.2f s", n_orders,
                  g_timer_elapsed (timer, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autoptr(SegRule) rule = seg_rule_new_from_text (rules[i], &error);
      g_autoptr(SegCompiledRule) compiled = NULL;
      g_autofree char *sql = NULL;
      sqlite3_stmt *stmt = NULL;
      double times[15];
      gint64 customers = 0;

      g_assert_no_error (error);
      compiled = seg_rule_compile (db, rule, R, &error);
      g_assert_no_error (error);
      sql = g_strdup_printf ("EXPLAIN QUERY PLAN SELECT count(*) FROM " SEG_RULE_SQL_FROM
                             " WHERE %s", seg_compiled_rule_get_where (compiled));
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_true (seg_compiled_rule_bind (compiled, stmt, 1, &error));
      g_test_message ("plan of: %s", rules[i]);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *detail = (const char *) sqlite3_column_text (stmt, 3);

          g_test_message ("  %s", detail);
          /* Only the outer loop may scan; everything else is a search or a
           * list built once. */
          if (g_str_has_prefix (detail, "SCAN") &&
              !g_str_has_prefix (detail, "SCAN c") && !g_str_has_prefix (detail, "SCAN m") &&
              !g_str_has_prefix (detail, "SCAN customer_attributes") &&
              !g_str_has_prefix (detail, "SCAN orders") &&
              !g_str_has_prefix (detail, "SCAN l"))
            g_error ("unexpected scan in the plan: %s", detail);
          g_assert_null (strstr (detail, "CORRELATED"));
        }
      sqlite3_finalize (stmt);

      /* Not an assertion: numbers for the benchmark notes. */
      for (guint run = 0; run < G_N_ELEMENTS (times); run++)
        {
          g_timer_start (timer);
          g_assert_true (seg_rule_count (db, rule, R, &customers, NULL, &error));
          times[run] = g_timer_elapsed (timer, NULL) * 1000;
        }
      for (guint a = 0; a < G_N_ELEMENTS (times); a++)
        for (guint b = a + 1; b < G_N_ELEMENTS (times); b++)
          if (times[b] < times[a])
            {
              double t = times[a];
              times[a] = times[b];
              times[b] = t;
            }
      g_test_message ("  %" G_GINT64_FORMAT " customers, median %.2f ms", customers,
                      times[G_N_ELEMENTS (times) / 2]);
    }

  sqlite3_close (db);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  R = seg_day_from_ymd (2024, 6, 15);

  g_test_add_func ("/rule/compiler/counts", test_compiler_counts);
  g_test_add_func ("/rule/compiler/revenue", test_compiler_revenue);
  g_test_add_func ("/rule/compiler/injection", test_compiler_injection);
  g_test_add_func ("/rule/compiler/errors", test_compiler_errors);
  g_test_add_func ("/rule/compiler/select-ids", test_compiler_select_ids);
  g_test_add_func ("/rule/compiler/percentile-cache", test_compiler_percentile_cache);
  g_test_add_func ("/rule/compiler/reengagement", test_compiler_reengagement);
  g_test_add_func ("/rule/compiler/query-plan", test_compiler_query_plan);

  return g_test_run ();
}
