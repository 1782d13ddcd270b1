/* seg-demo.c — the demo store: a realistic, deterministic small shop
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Northwind Threads", an apparel and home-goods dropshipper with two years of
 * history up to a given day.  Everything comes from one seeded generator, so
 * the same day always gives the same store: tests can count on it and a
 * newcomer sees every feature populated (lapsed customers, champions, cart
 * abandoners, campaign A/B tests, customers on both hemispheres...).
 */

#define G_LOG_DOMAIN "seg-demo"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "seg-day.h"
#include "seg-demo.h"
#include "seg-measures.h"
#include "seg-history.h"
#include "seg-template.h"

#define HISTORY_DAYS 730

typedef struct
{
  guint64 state;
} Rng;

/* splitmix64: tiny, fast and identical on every platform. */
static guint64
rng_next (Rng *rng)
{
  guint64 z = (rng->state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static double
rng_double (Rng *rng)
{
  return (rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

static int
rng_int (Rng *rng,
         int  lo,
         int  hi)
{
  return lo + (int) (rng_double (rng) * (hi - lo + 1));
}

static gboolean
rng_chance (Rng    *rng,
            double  p)
{
  return rng_double (rng) < p;
}

typedef struct
{
  const char *value;
  double      weight;
} Weighted;

static const char *
rng_pick_weighted (Rng            *rng,
                   const Weighted *items,
                   gsize           n_items)
{
  double total = 0, x;

  for (gsize i = 0; i < n_items; i++)
    total += items[i].weight;

  x = rng_double (rng) * total;
  for (gsize i = 0; i < n_items; i++)
    {
      if (x < items[i].weight)
        return items[i].value;
      x -= items[i].weight;
    }

  return items[n_items - 1].value;
}

#define PICK(rng, array) (array[rng_int (rng, 0, G_N_ELEMENTS (array) - 1)])

static const char *first_names[] = {
  "Olivia", "Liam", "Emma", "Noah", "Ava", "Elijah", "Sophia", "James", "Isabella", "Lucas",
  "Mia", "Mateo", "Amelia", "Oliver", "Harper", "Ethan", "Evelyn", "Aiden", "Ella", "Leo",
  "Chloe", "Hugo", "Freya", "Louis", "Léa", "Jonas", "Lena", "Felix", "Astrid", "Erik",
  "Saanvi", "Arjun", "Yuki", "Hana", "Mei", "Chen", "Zara", "Omar", "Aisha", "Thabo",
  "Lerato", "Camila", "Valentina", "Santiago", "Gabriel", "Beatriz", "Chloé", "Mathis",
  "Ruby", "Jack", "Matilda", "Cooper", "Isla", "Archie", "Grace", "Finn", "Nora", "Theo",
};

static const char *last_names[] = {
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Martinez",
  "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Martin", "Lee", "Clark", "Lewis",
  "Walker", "Young", "King", "Wright", "Scott", "Green", "Baker", "Müller", "Schmidt",
  "Schneider", "Fischer", "Weber", "Dubois", "Lefèvre", "Moreau", "Laurent", "Andersson",
  "Johansson", "Karlsson", "Nilsson", "de Vries", "Jansen", "Bakker", "Silva", "Santos",
  "Oliveira", "Nkosi", "Dlamini", "Mokoena", "Kelly", "Murphy", "O'Brien", "Nguyen", "Tanaka",
  "Patel", "Singh", "Thompson", "White", "Harris", "Robinson", "Campbell", "Stewart",
};

typedef struct
{
  const char  *code;
  double       weight;
  const char  *language;
  const char  *currency;
  const char **regions;
  const char **cities;
} Country;

static const char *us_regions[] = { "CA", "NY", "TX", "FL", "WA", "IL", "CO", "MA", "OR", "GA", NULL };
static const char *us_cities[] = { "Los Angeles", "New York", "Austin", "Miami", "Seattle",
                                   "Chicago", "Denver", "Boston", "Portland", "Atlanta", NULL };
static const char *ca_regions[] = { "ON", "BC", "QC", "AB", NULL };
static const char *ca_cities[] = { "Toronto", "Vancouver", "Montréal", "Calgary", NULL };
static const char *gb_regions[] = { "ENG", "SCT", "WLS", "NIR", NULL };
static const char *gb_cities[] = { "London", "Edinburgh", "Cardiff", "Belfast", NULL };
static const char *au_regions[] = { "NSW", "VIC", "QLD", "WA", NULL };
static const char *au_cities[] = { "Sydney", "Melbourne", "Brisbane", "Perth", NULL };
static const char *de_regions[] = { "BE", "BY", "HH", "NW", NULL };
static const char *de_cities[] = { "Berlin", "München", "Hamburg", "Köln", NULL };
static const char *fr_regions[] = { "IDF", "ARA", "PAC", "NAQ", NULL };
static const char *fr_cities[] = { "Paris", "Lyon", "Marseille", "Bordeaux", NULL };
static const char *se_regions[] = { "AB", "O", "M", NULL };
static const char *se_cities[] = { "Stockholm", "Göteborg", "Malmö", NULL };
static const char *nl_regions[] = { "NH", "ZH", "UT", NULL };
static const char *nl_cities[] = { "Amsterdam", "Rotterdam", "Utrecht", NULL };
static const char *br_regions[] = { "SP", "RJ", "MG", NULL };
static const char *br_cities[] = { "São Paulo", "Rio de Janeiro", "Belo Horizonte", NULL };
static const char *za_regions[] = { "GP", "WC", "KZN", NULL };
static const char *za_cities[] = { "Johannesburg", "Cape Town", "Durban", NULL };
static const char *nz_regions[] = { "AUK", "WGN", "CAN", NULL };
static const char *nz_cities[] = { "Auckland", "Wellington", "Christchurch", NULL };
static const char *in_regions[] = { "MH", "KA", "DL", NULL };
static const char *in_cities[] = { "Mumbai", "Bengaluru", "New Delhi", NULL };
static const char *jp_regions[] = { "13", "27", NULL };
static const char *jp_cities[] = { "Tokyo", "Osaka", NULL };
static const char *mx_regions[] = { "CMX", "JAL", NULL };
static const char *mx_cities[] = { "Ciudad de México", "Guadalajara", NULL };

static const Country countries[] = {
  { "US", 38, "en", "USD", us_regions, us_cities },
  { "GB", 11, "en", "GBP", gb_regions, gb_cities },
  { "CA", 9, "en", "CAD", ca_regions, ca_cities },
  { "AU", 8, "en", "AUD", au_regions, au_cities },
  { "DE", 8, "de", "EUR", de_regions, de_cities },
  { "FR", 5, "fr", "EUR", fr_regions, fr_cities },
  { "SE", 4, "sv", "SEK", se_regions, se_cities },
  { "NL", 4, "nl", "EUR", nl_regions, nl_cities },
  { "BR", 4, "pt", "BRL", br_regions, br_cities },
  { "ZA", 3, "en", "ZAR", za_regions, za_cities },
  { "NZ", 2, "en", "NZD", nz_regions, nz_cities },
  { "IN", 2, "en", "INR", in_regions, in_cities },
  { "JP", 1, "ja", "JPY", jp_regions, jp_cities },
  { "MX", 1, "es", "MXN", mx_regions, mx_cities },
};

typedef struct
{
  const char *name;
  const char *sku;
  const char *category;
  const char *tags;
  int         price_cents;
} Product;

static const Product products[] = {
  { "Organic Cotton Tee", "NT-TEE-ORG", "Apparel", "eco-friendly, organic, bestseller", 2900 },
  { "Recycled Denim Jacket", "NT-JKT-DEN", "Apparel", "eco-friendly, recycled", 8900 },
  { "Merino Wool Beanie", "NT-BEA-MER", "Accessories", "winter, gift", 2400 },
  { "Linen Summer Dress", "NT-DRS-LIN", "Apparel", "summer, eco-friendly", 6400 },
  { "Trail Running Shoes", "NT-SHO-TRL", "Footwear", "running, outdoors", 11900 },
  { "Everyday Sneakers", "NT-SHO-EVD", "Footwear", "bestseller", 7900 },
  { "Yoga Leggings", "NT-LEG-YOG", "Activewear", "yoga, bestseller", 5400 },
  { "Sports Bra", "NT-BRA-SPT", "Activewear", "yoga, running", 3400 },
  { "Bamboo Socks (3 pack)", "NT-SOC-BAM", "Accessories", "eco-friendly, gift", 1600 },
  { "Canvas Tote Bag", "NT-BAG-TOT", "Accessories", "eco-friendly, gift", 1900 },
  { "Leather Weekender", "NT-BAG-WKD", "Bags", "premium, travel", 18900 },
  { "Packable Rain Shell", "NT-JKT-RAI", "Apparel", "outdoors, travel", 9900 },
  { "Fleece Hoodie", "NT-HOO-FLC", "Apparel", "winter, bestseller", 5900 },
  { "Soy Wax Candle", "NT-HOM-CAN", "Home", "eco-friendly, gift, vegan", 2200 },
  { "Ceramic Pour-Over Set", "NT-HOM-POR", "Home", "coffee, gift", 4600 },
  { "Stainless Water Bottle", "NT-HOM-BTL", "Home", "eco-friendly, outdoors", 2800 },
  { "Cork Yoga Mat", "NT-YOG-MAT", "Activewear", "yoga, eco-friendly, vegan", 7400 },
  { "Silk Scarf", "NT-ACC-SLK", "Accessories", "premium, gift", 6900 },
  { "Kids Rain Boots", "NT-KID-BOT", "Kids", "kids, outdoors", 3400 },
  { "Baby Organic Onesie", "NT-KID-ONE", "Kids", "kids, organic, eco-friendly", 1900 },
  { "Vegan Leather Wallet", "NT-ACC-WAL", "Accessories", "vegan, gift", 3900 },
  { "Wool Throw Blanket", "NT-HOM-THR", "Home", "winter, premium, gift", 9400 },
  { "Sun Hat", "NT-ACC-HAT", "Accessories", "summer, outdoors", 2900 },
  { "Swim Shorts", "NT-SWM-SHT", "Apparel", "summer, travel", 3900 },
};

static const Weighted discount_codes[] = {
  { "WELCOME10", 4 }, { "SUMMER20", 2 }, { "VIP15", 1.5 }, { "BFCM30", 2 }, { "COMEBACK15", 1 },
};

static const Weighted sources[] = {
  { "instagram", 5 }, { "facebook", 4 }, { "google", 4 }, { "tiktok", 3 },
  { "referral", 1.5 }, { "organic", 3 }, { "pinterest", 1 },
};

static const Weighted campaign_names[] = {
  { "spring-launch", 1 }, { "summer-sale", 1 }, { "back-to-school", 1 },
  { "black-friday", 1 }, { "holiday-gifts", 1 }, { "new-year", 1 },
};

static const char *interests[] = {
  "yoga", "running", "hiking", "cooking", "travel", "sustainability", "fashion", "home decor",
  "coffee", "parenting", "gaming", "photography",
};

static const char *customer_tags[] = {
  "newsletter", "instagram-giveaway", "wholesale", "vip", "influencer", "retail-popup",
};

static const char *income_bands[] = {
  "under 25k", "25k-50k", "50k-75k", "75k-100k", "100k-150k", "over 150k",
};

static const char *age_bands[] = { "18-24", "25-34", "35-44", "45-54", "55-64", "65+" };

typedef struct
{
  SegStore     *store;
  sqlite3      *db;
  Rng           rng;
  gint32        last_day;
  gint32        first_day;
  sqlite3_stmt *insert_customer;
  sqlite3_stmt *insert_attribute;
  sqlite3_stmt *insert_order;
  sqlite3_stmt *insert_line;
  sqlite3_stmt *insert_checkout;
  sqlite3_stmt *insert_event;
  gint64        product_ids[G_N_ELEMENTS (products)];
  gint64        order_number;
  int           contacts;
  double        order_scale;
} Demo;

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
step_reset (Demo          *demo,
            sqlite3_stmt  *stmt,
            GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return seg_store_set_error_from_db (demo->store, rc, error);

  return TRUE;
}

static char *
timestamp_for_day (Demo   *demo,
                   gint32  day)
{
  int y, m, d;

  seg_day_to_ymd (day, &y, &m, &d);
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d,
                          rng_int (&demo->rng, 7, 22), rng_int (&demo->rng, 0, 59),
                          rng_int (&demo->rng, 0, 59));
}

/* Orders follow the seasons of a real shop: busy in late November and
 * December, quiet in February. */
static gint32
pick_order_day (Demo   *demo,
                gint32  from,
                gint32  to)
{
  for (int attempt = 0; attempt < 8; attempt++)
    {
      gint32 day = from + rng_int (&demo->rng, 0, MAX (0, to - from));
      int month, mday;
      double keep;

      seg_day_to_ymd (day, NULL, &month, &mday);
      keep = (month == 11 && mday >= 20) || month == 12 ? 1.0 :
             month == 2 ? 0.55 : 0.75;
      if (rng_chance (&demo->rng, keep))
        return day;
    }

  return from + rng_int (&demo->rng, 0, MAX (0, to - from));
}

static gboolean
add_order (Demo           *demo,
           gint64          customer_id,
           const char     *email,
           const Country  *country,
           int             city_index,
           gint32          day,
           gboolean        likes_discounts,
           gint64         *out_order_id,
           GError        **error)
{
  sqlite3_stmt *stmt = demo->insert_order;
  g_autofree char *key = g_strdup_printf ("#%" G_GINT64_FORMAT, ++demo->order_number);
  g_autofree char *created = timestamp_for_day (demo, day);
  const char *status = "paid";
  const char *code = NULL;
  gint64 order_id;
  int n_lines = 1 + (rng_chance (&demo->rng, 0.45) ? rng_int (&demo->rng, 1, 3) : 0);
  gint64 subtotal = 0, discount = 0, shipping, taxes, total, refunded = 0;
  gboolean cancelled = FALSE;
  int line_products[4];
  int line_quantities[4];
  double roll;

  for (int i = 0; i < n_lines; i++)
    {
      line_products[i] = rng_int (&demo->rng, 0, G_N_ELEMENTS (products) - 1);
      line_quantities[i] = rng_chance (&demo->rng, 0.85) ? 1 : rng_int (&demo->rng, 2, 3);
      subtotal += (gint64) products[line_products[i]].price_cents * line_quantities[i];
    }

  if (rng_chance (&demo->rng, likes_discounts ? 0.7 : 0.12))
    {
      code = rng_pick_weighted (&demo->rng, discount_codes, G_N_ELEMENTS (discount_codes));
      discount = subtotal * (g_str_has_suffix (code, "30") ? 30 :
                             g_str_has_suffix (code, "20") ? 20 :
                             g_str_has_suffix (code, "15") ? 15 : 10) / 100;
    }

  shipping = subtotal - discount >= 7500 ? 0 : 595;
  taxes = (subtotal - discount) * 8 / 100;
  total = subtotal - discount + shipping + taxes;

  roll = rng_double (&demo->rng);
  if (roll < 0.025)
    {
      status = "voided";
      cancelled = TRUE;
    }
  else if (roll < 0.05)
    {
      status = "refunded";
      cancelled = rng_chance (&demo->rng, 0.3);
      refunded = total;
    }
  else if (roll < 0.075)
    {
      status = "partially_refunded";
      refunded = total / 3;
    }
  else if (roll < 0.09)
    {
      status = "paid";
      cancelled = TRUE;   /* cancelled after payment, then refunded */
      refunded = total;
    }
  else if (day > demo->last_day - 3 && rng_chance (&demo->rng, 0.5))
    {
      status = "pending";
    }

  if (customer_id > 0)
    sqlite3_bind_int64 (stmt, 1, customer_id);
  else
    sqlite3_bind_null (stmt, 1);
  bind_text_or_null (stmt, 2, email);
  sqlite3_bind_text (stmt, 3, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, created, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, day);
  sqlite3_bind_text (stmt, 6, status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, day > demo->last_day - 2 ? "unfulfilled" : "fulfilled", -1,
                     SQLITE_STATIC);
  sqlite3_bind_int (stmt, 8, cancelled);
  sqlite3_bind_int64 (stmt, 9, subtotal);
  sqlite3_bind_int64 (stmt, 10, shipping);
  sqlite3_bind_int64 (stmt, 11, taxes);
  sqlite3_bind_int64 (stmt, 12, total);
  bind_text_or_null (stmt, 13, code);
  sqlite3_bind_int64 (stmt, 14, discount);
  sqlite3_bind_int64 (stmt, 15, refunded);
  sqlite3_bind_int64 (stmt, 16, total - refunded);
  sqlite3_bind_text (stmt, 17, country->code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 18, country->regions[city_index], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 19, country->cities[city_index], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 20, rng_chance (&demo->rng, 0.9) ? "web" : "pos", -1, SQLITE_STATIC);

  if (!step_reset (demo, stmt, error))
    return FALSE;

  order_id = sqlite3_last_insert_rowid (demo->db);

  for (int i = 0; i < n_lines; i++)
    {
      const Product *product = &products[line_products[i]];

      stmt = demo->insert_line;
      sqlite3_bind_int64 (stmt, 1, order_id);
      sqlite3_bind_int (stmt, 2, i + 1);
      sqlite3_bind_int64 (stmt, 3, demo->product_ids[line_products[i]]);
      sqlite3_bind_int (stmt, 4, line_quantities[i]);
      sqlite3_bind_int (stmt, 5, product->price_cents);
      if (!step_reset (demo, stmt, error))
        return FALSE;
    }

  if (out_order_id)
    *out_order_id = order_id;

  return TRUE;
}

static gboolean
add_attribute (Demo        *demo,
               gint64       customer_id,
               const char  *name,
               const char  *value,
               GError     **error)
{
  sqlite3_bind_int64 (demo->insert_attribute, 1, customer_id);
  sqlite3_bind_text (demo->insert_attribute, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (demo->insert_attribute, 3, value, -1, SQLITE_TRANSIENT);
  return step_reset (demo, demo->insert_attribute, error);
}

static gboolean
add_event (Demo        *demo,
           gint64       customer_id,
           gint64       campaign_id,
           const char  *kind,
           gint32       day,
           GError     **error)
{
  sqlite3_bind_int64 (demo->insert_event, 1, customer_id);
  sqlite3_bind_int64 (demo->insert_event, 2, campaign_id);
  sqlite3_bind_text (demo->insert_event, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int (demo->insert_event, 4, day);
  return step_reset (demo, demo->insert_event, error);
}

typedef struct
{
  const char *name;
  const char *subject_a;
  const char *subject_b;
  const char *segment;
  const char *kind;
  int         days_ago;
  double      open_a, open_b;
  double      click_rate;
  double      conversion;
} Campaign;

/* Campaigns sent to the starter segments; the A/B subject lines differ by
 * enough in some and by nothing real in others, as real tests do. */
static const Campaign campaigns[] = {
  { "Welcome series", "Welcome to Northwind Threads", "Here's 10% off your first order",
    "First-time buyers", "welcome", 20, 0.52, 0.58, 0.12, 0.045 },
  { "VIP early access", "You're first in line", "Early access: the winter edit",
    "High-value customers", "newsletter", 45, 0.41, 0.47, 0.09, 0.061 },
  { "We miss you", "It's been a while", "A little something to come back to",
    "Lapsed customers", "re-engagement", 30, 0.18, 0.26, 0.04, 0.012 },
  { "New arrivals", "Fresh drops this week", "New: organic cotton essentials",
    "Repeat buyers", "newsletter", 60, 0.33, 0.34, 0.07, 0.028 },
  { "Black Friday", "Black Friday: 30% off everything", "Our biggest sale starts now",
    "Repeat buyers", "sale", 365, 0.37, 0.43, 0.11, 0.052 },
  { "Still thinking it over?", "You left something behind", "Your cart is waiting",
    "Cart abandoners", "reminder", 5, 0.44, 0.49, 0.15, 0.09 },
};

static gboolean
add_campaigns (Demo    *demo,
               GArray  *subscribers,
               GError **error)
{
  g_autoptr(sqlite3_stmt) insert_campaign = NULL;
  g_autoptr(sqlite3_stmt) insert_result = NULL;

  insert_campaign = seg_store_prepare (demo->store,
    "INSERT INTO campaigns (name, sent_day, subject, kind) VALUES (?1, ?2, ?3, ?4)", error);
  insert_result = seg_store_prepare (demo->store,
    "INSERT INTO campaign_results (campaign_id, segment_name, variant, subject, sent, opens, "
    "clicks, orders, revenue_cents) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  if (insert_campaign == NULL || insert_result == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (campaigns); i++)
    {
      const Campaign *c = &campaigns[i];
      gint32 sent_day = demo->last_day - c->days_ago;
      gint64 campaign_id;

      sqlite3_bind_text (insert_campaign, 1, c->name, -1, SQLITE_STATIC);
      sqlite3_bind_int (insert_campaign, 2, sent_day);
      sqlite3_bind_text (insert_campaign, 3, c->subject_a, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert_campaign, 4, c->kind, -1, SQLITE_STATIC);
      if (!step_reset (demo, insert_campaign, error))
        return FALSE;
      campaign_id = sqlite3_last_insert_rowid (demo->db);

      for (int v = 0; v < 2; v++)
        {
          int sent = rng_int (&demo->rng, 180, 420);
          double open_rate = (v == 0 ? c->open_a : c->open_b) * (0.95 + 0.1 * rng_double (&demo->rng));
          int opens = (int) lround (sent * open_rate);
          int clicks = (int) lround (opens * c->click_rate / MAX (open_rate, 0.01) * 1.0);
          int orders = (int) lround (sent * c->conversion * (0.9 + 0.2 * rng_double (&demo->rng)));

          clicks = MIN (clicks, opens);
          orders = MIN (orders, clicks);
          sqlite3_bind_int64 (insert_result, 1, campaign_id);
          sqlite3_bind_text (insert_result, 2, c->segment, -1, SQLITE_STATIC);
          sqlite3_bind_text (insert_result, 3, v == 0 ? "A" : "B", -1, SQLITE_STATIC);
          sqlite3_bind_text (insert_result, 4, v == 0 ? c->subject_a : c->subject_b, -1,
                             SQLITE_STATIC);
          sqlite3_bind_int (insert_result, 5, sent);
          sqlite3_bind_int (insert_result, 6, opens);
          sqlite3_bind_int (insert_result, 7, clicks);
          sqlite3_bind_int (insert_result, 8, orders);
          sqlite3_bind_int64 (insert_result, 9, (gint64) orders * rng_int (&demo->rng, 4500, 9500));
          if (!step_reset (demo, insert_result, error))
            return FALSE;
        }

      /* Per-customer opens and clicks for the subscribers who got it; for
       * the re-engagement campaign the sends too, so that "ignored a
       * re-engagement email" (the suppression candidates) has people to
       * find.  Recording a send draws no random number: the rest of the
       * store stays as it was. */
      for (guint s = 0; s < subscribers->len; s++)
        {
          gint64 customer_id = g_array_index (subscribers, gint64, s);

          if (!rng_chance (&demo->rng, 0.25))
            continue;
          if (g_strcmp0 (c->kind, "re-engagement") == 0 &&
              !add_event (demo, customer_id, campaign_id, "sent", sent_day, error))
            return FALSE;
          if (rng_chance (&demo->rng, c->open_a))
            {
              if (!add_event (demo, customer_id, campaign_id, "open",
                              sent_day + rng_int (&demo->rng, 0, 2), error))
                return FALSE;
              if (rng_chance (&demo->rng, 0.25) &&
                  !add_event (demo, customer_id, campaign_id, "click",
                              sent_day + rng_int (&demo->rng, 0, 3), error))
                return FALSE;
            }
        }
    }

  return TRUE;
}

/* The catalogue, once: line items name a product by its id. */
static gboolean
add_products (Demo    *demo,
              GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = seg_store_prepare (demo->store,
    "INSERT INTO products (name, sku, category, tags, vendor)"
    " VALUES (?1, ?2, ?3, ?4, 'Northwind')", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (products); i++)
    {
      sqlite3_bind_text (stmt, 1, products[i].name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, products[i].sku, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, products[i].category, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, products[i].tags, -1, SQLITE_STATIC);
      if (!step_reset (demo, stmt, error))
        return FALSE;
      demo->product_ids[i] = sqlite3_last_insert_rowid (demo->db);
    }
  return TRUE;
}

static gboolean
add_customers (Demo    *demo,
               GError **error)
{
  g_autoptr(GArray) subscribers = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (int i = 0; i < demo->contacts; i++)
    {
      sqlite3_stmt *stmt = demo->insert_customer;
      const char *first = PICK (&demo->rng, first_names);
      const char *last = PICK (&demo->rng, last_names);
      g_autofree char *local = NULL;
      g_autofree char *email = NULL;
      g_autofree char *phone = NULL;
      g_autofree char *birth = NULL;
      g_autofree char *postal = NULL;
      g_autoptr(GString) tags = g_string_new (NULL);
      const Country *country = NULL;
      double weight_total = 0, x;
      int city_index, n_cities = 0;
      gint32 joined, active_until, last_open = SEG_DAY_INVALID, last_click = SEG_DAY_INVALID;
      const char *email_status;
      const char *gender = NULL;
      const char *source;
      double kind = rng_double (&demo->rng);
      int n_orders;
      gboolean likes_discounts = rng_chance (&demo->rng, 0.22);
      gint64 customer_id;

      for (guint c = 0; c < G_N_ELEMENTS (countries); c++)
        weight_total += countries[c].weight;
      x = rng_double (&demo->rng) * weight_total;
      for (guint c = 0; c < G_N_ELEMENTS (countries); c++)
        {
          country = &countries[c];
          if (x < countries[c].weight)
            break;
          x -= countries[c].weight;
        }
      while (country->cities[n_cities])
        n_cities++;
      city_index = rng_int (&demo->rng, 0, n_cities - 1);

      local = g_utf8_strdown (first, -1);
      email = g_strdup_printf ("%s.%c%d@example.%s",
                               g_str_is_ascii (local) ? local : "customer",
                               g_ascii_tolower (last[0]), i + 1,
                               rng_chance (&demo->rng, 0.5) ? "com" : "org");

      /* How this person shops: a quarter never buy (subscribers, visitors),
       * many buy once, some become loyal regulars. */
      if (kind < 0.24)
        n_orders = 0;
      else if (kind < 0.54)
        n_orders = 1;
      else if (kind < 0.76)
        n_orders = rng_int (&demo->rng, 2, 4);
      else if (kind < 0.91)
        n_orders = rng_int (&demo->rng, 5, 10);
      else
        n_orders = rng_int (&demo->rng, 11, 22);

      joined = demo->first_day + (gint32) (HISTORY_DAYS * pow (rng_double (&demo->rng), 0.8));
      if (rng_chance (&demo->rng, 0.08))
        joined = demo->last_day - rng_int (&demo->rng, 0, 50);   /* recent sign-ups */
      joined = CLAMP (joined, demo->first_day, demo->last_day);
      /* A third drift away: their orders stop well before the last day. */
      active_until = rng_chance (&demo->rng, 0.35) ?
        joined + rng_int (&demo->rng, 0, MAX (0, demo->last_day - 100 - joined)) :
        demo->last_day;
      active_until = CLAMP (active_until, joined, demo->last_day);

      email_status = rng_pick_weighted (&demo->rng, (const Weighted[]) {
          { "subscribed", 60 }, { "unsubscribed", 10 }, { "never_subscribed", 25 },
          { "cleaned", 5 } }, 4);
      if (g_str_equal (email_status, "subscribed"))
        {
          if (rng_chance (&demo->rng, 0.7))
            last_open = demo->last_day - (gint32) (400 * pow (rng_double (&demo->rng), 2.2));
          if (last_open != SEG_DAY_INVALID && rng_chance (&demo->rng, 0.45))
            last_click = last_open - rng_int (&demo->rng, 0, 30);
        }

      if (rng_chance (&demo->rng, 0.72))
        gender = rng_pick_weighted (&demo->rng, (const Weighted[]) {
            { "female", 58 }, { "male", 38 }, { "other", 4 } }, 3);

      if (rng_chance (&demo->rng, 0.6))
        {
          int age = 18 + (int) (55 * pow (rng_double (&demo->rng), 1.4));
          int by, bm, bd;

          seg_day_to_ymd (demo->last_day - age * 365 - rng_int (&demo->rng, 0, 364),
                          &by, &bm, &bd);
          birth = g_strdup_printf ("%04d-%02d-%02d", by, bm, bd);
        }

      if (rng_chance (&demo->rng, 0.55))
        phone = g_strdup_printf ("+%d %03d %03d %04d", rng_int (&demo->rng, 1, 61),
                                 rng_int (&demo->rng, 200, 999), rng_int (&demo->rng, 100, 999),
                                 rng_int (&demo->rng, 0, 9999));
      postal = g_strdup_printf ("%05d", rng_int (&demo->rng, 1000, 99999));

      if (rng_chance (&demo->rng, 0.3))
        g_string_append (tags, PICK (&demo->rng, customer_tags));
      if (n_orders >= 8 && rng_chance (&demo->rng, 0.6))
        g_string_append_printf (tags, "%svip", tags->len ? ", " : "");

      source = rng_pick_weighted (&demo->rng, sources, G_N_ELEMENTS (sources));

      sqlite3_bind_text (stmt, 1, email, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, first, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, last, -1, SQLITE_STATIC);
      bind_text_or_null (stmt, 4, phone);
      bind_text_or_null (stmt, 5, birth);
      bind_text_or_null (stmt, 6, birth == NULL && rng_chance (&demo->rng, 0.35) ?
                                  PICK (&demo->rng, age_bands) : NULL);
      bind_text_or_null (stmt, 7, gender);
      bind_text_or_null (stmt, 8, rng_chance (&demo->rng, 0.4) ?
                                  PICK (&demo->rng, income_bands) : NULL);
      sqlite3_bind_text (stmt, 9, country->language, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 10, country->code, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 11, country->regions[city_index], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 12, country->cities[city_index], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 13, postal, -1, SQLITE_TRANSIENT);
      bind_text_or_null (stmt, 14, tags->len ? tags->str : NULL);
      sqlite3_bind_int (stmt, 15, g_str_equal (email_status, "subscribed"));
      sqlite3_bind_text (stmt, 16, email_status, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 17, rng_int (&demo->rng, 1, 5));
      if (last_open != SEG_DAY_INVALID)
        sqlite3_bind_int (stmt, 18, last_open);
      if (last_click != SEG_DAY_INVALID)
        sqlite3_bind_int (stmt, 19, last_click);
      sqlite3_bind_text (stmt, 20, source, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 21, rng_chance (&demo->rng, 0.5) ?
                         rng_pick_weighted (&demo->rng, campaign_names,
                                            G_N_ELEMENTS (campaign_names)) : NULL,
                         -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 22, joined);

      if (!step_reset (demo, stmt, error))
        return FALSE;
      customer_id = sqlite3_last_insert_rowid (demo->db);

      if (g_str_equal (email_status, "subscribed"))
        g_array_append_val (subscribers, customer_id);

      if (rng_chance (&demo->rng, 0.45))
        {
          const char *a = PICK (&demo->rng, interests);
          const char *b = PICK (&demo->rng, interests);
          g_autofree char *value = g_str_equal (a, b) ? g_strdup (a) :
                                   g_strdup_printf ("%s, %s", a, b);

          if (!add_attribute (demo, customer_id, "interests", value, error))
            return FALSE;
        }
      if (rng_chance (&demo->rng, 0.15) &&
          !add_attribute (demo, customer_id, "values",
                          rng_chance (&demo->rng, 0.6) ? "sustainability" : "local makers",
                          error))
        return FALSE;
      if (rng_chance (&demo->rng, 0.2) &&
          !add_attribute (demo, customer_id, "preferred channel",
                          rng_chance (&demo->rng, 0.5) ? "email" : "sms", error))
        return FALSE;

      if (demo->order_scale != 1.0 && n_orders > 1)
        n_orders = MAX (2, (int) lround (n_orders * demo->order_scale));

      for (int o = 0; o < n_orders; o++)
        {
          gint32 day = o == 0 ? joined + rng_int (&demo->rng, 0, 20)
                              : pick_order_day (demo, joined, active_until);

          day = MIN (day, demo->last_day);
          if (!add_order (demo, customer_id, email, country, city_index, day,
                          likes_discounts, NULL, error))
            return FALSE;
        }

      /* Abandoned checkouts: some never came back, some did (recovered). */
      if (rng_chance (&demo->rng, n_orders == 0 ? 0.12 : 0.2))
        {
          sqlite3_stmt *co = demo->insert_checkout;
          g_autofree char *key = g_strdup_printf ("#%014" G_GINT64_FORMAT,
                                                  G_GINT64_CONSTANT (31000000000000) + i);
          g_autofree char *url = g_strdup_printf ("https://northwind.example/checkouts/%d", i);
          gint32 day = rng_chance (&demo->rng, 0.15) ?
                       demo->last_day - rng_int (&demo->rng, 0, 2) :
                       pick_order_day (demo, joined, demo->last_day);
          g_autofree char *created = timestamp_for_day (demo, day);

          sqlite3_bind_text (co, 1, key, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (co, 2, customer_id);
          sqlite3_bind_text (co, 3, email, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (co, 4, created, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int (co, 5, day);
          sqlite3_bind_int (co, 6, products[rng_int (&demo->rng, 0, G_N_ELEMENTS (products) - 1)].price_cents
                                   * rng_int (&demo->rng, 1, 3));
          sqlite3_bind_int (co, 7, rng_chance (&demo->rng, 0.2));
          sqlite3_bind_text (co, 8, url, -1, SQLITE_TRANSIENT);
          if (!step_reset (demo, co, error))
            return FALSE;
        }
    }

  /* Guest orders: no customer record, still part of the shop's revenue. */
  for (int g = 0; g < demo->contacts * 8 / 25; g++)
    {
      const Country *country = &countries[rng_int (&demo->rng, 0, 3)];

      if (!add_order (demo, 0, NULL, country, 0,
                      pick_order_day (demo, demo->first_day, demo->last_day),
                      FALSE, NULL, error))
        return FALSE;
    }

  return add_campaigns (demo, subscribers, error);
}

/* Half a year of weekly segment sizes and RFM groups,
 * as if the owner had opened the store every week: the trend and movement
 * charts have something to show from the first look. */
static gboolean
add_history (Demo    *demo,
             GError **error)
{
  for (int week = 26; week >= 0; week--)
    {
      gint32 day = demo->last_day - 7 * week;

      if (!seg_history_record (demo->store, day, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * seg_demo_populate:
 * @store: an empty store
 * @last_day: the day the demo history ends (usually today)
 *
 * Fills @store with the demo shop, in one transaction, and derives the
 * per-customer measures.  The same @last_day always gives the same store.
 */
gboolean
seg_demo_populate (SegStore  *store,
                   gint32     last_day,
                   GError   **error)
{
  return seg_demo_populate_sized (store, last_day, SEG_DEMO_CONTACTS, 1.0, error);
}

/**
 * seg_demo_populate_sized:
 * @contacts: how many customers
 * @order_scale: multiplies the orders of repeat customers (1.0 for the demo)
 *
 * The demo shop at another size, for benchmarks: 100,000 contacts with an
 * @order_scale of 2.9 give about a million orders.
 */
gboolean
seg_demo_populate_sized (SegStore  *store,
                         gint32     last_day,
                         int        contacts,
                         double     order_scale,
                         GError   **error)
{
  Demo demo = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (SEG_IS_STORE (store), FALSE);

  demo.store = store;
  demo.db = seg_store_get_db (store);
  demo.rng.state = G_GUINT64_CONSTANT (0x5E6E7E57);
  demo.last_day = last_day;
  demo.first_day = last_day - HISTORY_DAYS;
  demo.order_number = 1000;
  demo.contacts = contacts;
  demo.order_scale = order_scale;

  if (!seg_store_begin (store, error))
    return FALSE;

  demo.insert_customer = seg_store_prepare (store,
    "INSERT INTO customers (email, first_name, last_name, phone, birth_date, age_band, gender,"
    " income_band, language, country, region, city, postal_code, tags, accepts_marketing,"
    " email_status, member_rating, last_open_day, last_click_day, acquisition_source,"
    " acquisition_campaign, created_day, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
    " ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, 'demo')", error);
  demo.insert_attribute = demo.insert_customer ? seg_store_prepare (store,
    "INSERT INTO customer_attributes (customer_id, name, value) VALUES (?1, ?2, ?3)",
    error) : NULL;
  demo.insert_order = demo.insert_attribute ? seg_store_prepare (store,
    "INSERT INTO orders (source, customer_id, email, order_key, created_at, order_day,"
    " financial_status, fulfillment_status, cancelled, subtotal_cents, shipping_cents,"
    " taxes_cents, total_cents, discount_code, discount_cents, refunded_cents, net_cents,"
    " country, region, city, source_channel, currency) VALUES ('demo', ?1, ?2, ?3, ?4, ?5,"
    " ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, 'USD')",
    error) : NULL;
  demo.insert_line = demo.insert_order ? seg_store_prepare (store,
    "INSERT INTO order_lines (order_id, line_no, product_id, quantity, price_cents)"
    " VALUES (?1, ?2, ?3, ?4, ?5)", error) : NULL;
  demo.insert_checkout = demo.insert_line ? seg_store_prepare (store,
    "INSERT INTO checkouts (source, checkout_key, customer_id, email, created_at,"
    " checkout_day, total_cents, recovered, url) VALUES ('demo', ?1, ?2, ?3, ?4, ?5, ?6,"
    " ?7, ?8)", error) : NULL;
  demo.insert_event = demo.insert_checkout ? seg_store_prepare (store,
    "INSERT INTO email_events (customer_id, campaign_id, kind, event_day)"
    " VALUES (?1, ?2, ?3, ?4)", error) : NULL;

  if (demo.insert_event == NULL)
    goto out;

  if (!add_products (&demo, error) || !add_customers (&demo, error))
    goto out;

  if (!seg_store_set_setting (store, "name", _("Northwind Threads (demo)"), error) ||
      !seg_store_set_setting (store, "currency", "USD", error) ||
      !seg_store_set_setting (store, "demo", "1", error))
    goto out;

  /* A demo that ends on another day than today is seen as of that day. */
  if (last_day != seg_day_today ())
    {
      g_autofree char *iso = seg_day_to_iso (last_day);

      if (!seg_store_set_setting (store, "reference_date", iso, error))
        goto out;
    }

  if (!seg_templates_add_starter_set (store, error) ||
      !add_history (&demo, error) ||
      !seg_measures_recompute (demo.db, seg_store_get_reference_day (store), NULL, error))
    goto out;

  ok = seg_store_commit (store, error);

out:
  g_clear_pointer (&demo.insert_customer, sqlite3_finalize);
  g_clear_pointer (&demo.insert_attribute, sqlite3_finalize);
  g_clear_pointer (&demo.insert_order, sqlite3_finalize);
  g_clear_pointer (&demo.insert_line, sqlite3_finalize);
  g_clear_pointer (&demo.insert_checkout, sqlite3_finalize);
  g_clear_pointer (&demo.insert_event, sqlite3_finalize);

  if (!ok)
    seg_store_rollback (store);

  return ok;
}

/**
 * seg_demo_create:
 * @path: where to create the demo store; must not exist
 *
 * Returns: (transfer full): the new demo store, or %NULL with @error set
 */
SegStore *
seg_demo_create (const char  *path,
                 gint32       last_day,
                 GError     **error)
{
  g_autoptr(SegStore) store = seg_store_create (path, _("Northwind Threads (demo)"), "USD", error);

  if (store == NULL)
    return NULL;

  if (!seg_demo_populate (store, last_day, error))
    {
      g_clear_object (&store);
      g_unlink (path);
      return NULL;
    }

  return g_steal_pointer (&store);
}
