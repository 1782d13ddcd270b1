/* seg-store-schema.h — the store file's schema, version by version
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Conventions used by every table:
 *   - money is INTEGER minor units (cents) in the store's currency;
 *   - a "day" column is INTEGER days since 1970-01-01 (UTC calendar date),
 *     so "days since last order" compiles to an indexed comparison;
 *   - timestamps are TEXT ISO 8601 in UTC ("2024-05-01T12:00:00Z");
 *   - emails are trimmed and lower-cased; NULL when unknown.
 */

#pragma once

/* Applied to a new, empty file.  Each later version appends a migration to
 * seg_store_migrations[] in seg-store.c; this text never changes once
 * released. */
#define SEG_STORE_SCHEMA_V1 \
  "CREATE TABLE settings (\n" \
  "  key   TEXT PRIMARY KEY,\n" \
  "  value TEXT\n" \
  ");\n" \
  "CREATE TABLE customers (\n" \
  "  id                 INTEGER PRIMARY KEY,\n" \
  "  email              TEXT UNIQUE,\n" \
  "  external_id        TEXT,\n"          /* platform id when no email */ \
  "  source             TEXT,\n"          /* shopify, woocommerce, klaviyo, mailchimp, demo, csv */ \
  "  first_name         TEXT,\n" \
  "  last_name          TEXT,\n" \
  "  phone              TEXT,\n" \
  "  birth_date         TEXT,\n"          /* YYYY-MM-DD */ \
  "  age_band           TEXT,\n"          /* '18-24', '25-34', ... when no birth date */ \
  "  gender             TEXT,\n"          /* female, male, other, NULL */ \
  "  income_band        TEXT,\n" \
  "  language           TEXT,\n"          /* ISO 639-1 */ \
  "  country            TEXT,\n"          /* ISO 3166-1 alpha-2 */ \
  "  region             TEXT,\n"          /* province / state code or name */ \
  "  city               TEXT,\n" \
  "  postal_code        TEXT,\n" \
  "  tags               TEXT,\n"          /* comma separated, as the platform writes them */ \
  "  accepts_marketing  INTEGER,\n" \
  "  email_status       TEXT,\n"          /* subscribed, unsubscribed, never_subscribed, cleaned */ \
  "  member_rating      INTEGER,\n"       /* Mailchimp 1-5 */ \
  "  last_open_day      INTEGER,\n" \
  "  last_click_day     INTEGER,\n" \
  "  acquisition_source TEXT,\n" \
  "  acquisition_campaign TEXT,\n" \
  "  created_day        INTEGER,\n" \
  "  updated_at         TEXT\n" \
  ");\n" \
  "CREATE UNIQUE INDEX customers_external ON customers (source, external_id)\n" \
  "  WHERE email IS NULL AND external_id IS NOT NULL;\n" \
  "CREATE INDEX customers_country ON customers (country, region);\n" \
  "CREATE TABLE customer_attributes (\n" \
  "  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,\n" \
  "  name        TEXT NOT NULL,\n"        /* lower-case attribute name, e.g. 'interests' */ \
  "  value       TEXT NOT NULL,\n" \
  "  PRIMARY KEY (customer_id, name)\n" \
  ") WITHOUT ROWID;\n" \
  "CREATE INDEX customer_attributes_name ON customer_attributes (name, value);\n" \
  "CREATE TABLE orders (\n" \
  "  id               INTEGER PRIMARY KEY,\n" \
  "  source           TEXT NOT NULL,\n" \
  "  order_key        TEXT NOT NULL,\n"   /* '#1411', WooCommerce order id, invoice no */ \
  "  customer_id      INTEGER REFERENCES customers (id) ON DELETE SET NULL,\n" \
  "  email            TEXT,\n"            /* NULL for guest orders */ \
  "  created_at       TEXT NOT NULL,\n" \
  "  order_day        INTEGER NOT NULL,\n" \
  "  financial_status TEXT,\n" \
  "  fulfillment_status TEXT,\n" \
  "  cancelled        INTEGER NOT NULL DEFAULT 0,\n" /* cancelled or voided: kept, not counted */ \
  "  currency         TEXT,\n" \
  "  subtotal_cents   INTEGER NOT NULL DEFAULT 0,\n" \
  "  shipping_cents   INTEGER NOT NULL DEFAULT 0,\n" \
  "  taxes_cents      INTEGER NOT NULL DEFAULT 0,\n" \
  "  total_cents      INTEGER NOT NULL DEFAULT 0,\n" \
  "  discount_code    TEXT,\n" \
  "  discount_cents   INTEGER NOT NULL DEFAULT 0,\n" \
  "  refunded_cents   INTEGER NOT NULL DEFAULT 0,\n" \
  "  net_cents        INTEGER NOT NULL DEFAULT 0,\n" /* total - refunded */ \
  "  source_channel   TEXT,\n"            /* web, pos, attribution */ \
  "  country          TEXT,\n" \
  "  region           TEXT,\n" \
  "  city             TEXT,\n" \
  "  UNIQUE (source, order_key)\n" \
  ");\n" \
  "CREATE INDEX orders_customer ON orders (customer_id, order_day);\n" \
  "CREATE INDEX orders_day ON orders (order_day);\n" \
  "CREATE TABLE order_lines (\n" \
  "  id           INTEGER PRIMARY KEY,\n" \
  "  order_id     INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,\n" \
  "  line_no      INTEGER NOT NULL,\n" \
  "  product      TEXT,\n" \
  "  sku          TEXT,\n" \
  "  category     TEXT,\n" \
  "  product_tags TEXT,\n"                /* comma separated, e.g. 'eco-friendly, vegan' */ \
  "  vendor       TEXT,\n" \
  "  quantity     INTEGER NOT NULL DEFAULT 1,\n" \
  "  price_cents  INTEGER NOT NULL DEFAULT 0,\n" /* unit price */ \
  "  UNIQUE (order_id, line_no)\n" \
  ");\n" \
  "CREATE INDEX order_lines_product ON order_lines (product);\n" \
  "CREATE INDEX order_lines_sku ON order_lines (sku);\n" \
  "CREATE INDEX order_lines_category ON order_lines (category);\n" \
  "CREATE TABLE checkouts (\n" \
  "  id            INTEGER PRIMARY KEY,\n" \
  "  source        TEXT NOT NULL,\n" \
  "  checkout_key  TEXT NOT NULL,\n" \
  "  customer_id   INTEGER REFERENCES customers (id) ON DELETE SET NULL,\n" \
  "  email         TEXT,\n" \
  "  created_at    TEXT NOT NULL,\n" \
  "  checkout_day  INTEGER NOT NULL,\n" \
  "  total_cents   INTEGER NOT NULL DEFAULT 0,\n" \
  "  recovered     INTEGER NOT NULL DEFAULT 0,\n" \
  "  url           TEXT,\n" \
  "  UNIQUE (source, checkout_key)\n" \
  ");\n" \
  "CREATE INDEX checkouts_customer ON checkouts (customer_id, checkout_day);\n" \
  "CREATE TABLE campaigns (\n" \
  "  id        INTEGER PRIMARY KEY,\n" \
  "  name      TEXT NOT NULL UNIQUE,\n" \
  "  sent_day  INTEGER,\n" \
  "  subject   TEXT,\n" \
  "  kind      TEXT\n"                    /* newsletter, re-engagement, welcome, ... */ \
  ");\n" \
  "CREATE TABLE email_events (\n" \
  "  id          INTEGER PRIMARY KEY,\n" \
  "  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,\n" \
  "  campaign_id INTEGER REFERENCES campaigns (id) ON DELETE SET NULL,\n" \
  "  kind        TEXT NOT NULL,\n"        /* sent, open, click */ \
  "  event_day   INTEGER NOT NULL\n" \
  ");\n" \
  "CREATE INDEX email_events_customer ON email_events (customer_id, kind, event_day);\n" \
  "CREATE INDEX email_events_campaign ON email_events (campaign_id, kind);\n" \
  "CREATE TABLE campaign_results (\n" \
  "  id            INTEGER PRIMARY KEY,\n" \
  "  campaign_id   INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,\n" \
  "  segment_name  TEXT NOT NULL,\n" \
  "  variant       TEXT NOT NULL DEFAULT '',\n" \
  "  subject       TEXT,\n" \
  "  sent          INTEGER NOT NULL DEFAULT 0,\n" \
  "  opens         INTEGER NOT NULL DEFAULT 0,\n" \
  "  clicks        INTEGER NOT NULL DEFAULT 0,\n" \
  "  orders        INTEGER NOT NULL DEFAULT 0,\n" \
  "  revenue_cents INTEGER NOT NULL DEFAULT 0,\n" \
  "  UNIQUE (campaign_id, segment_name, variant)\n" \
  ");\n" \
  "CREATE TABLE segments (\n" \
  "  id          INTEGER PRIMARY KEY,\n" \
  "  name        TEXT NOT NULL UNIQUE,\n" \
  "  rule        TEXT NOT NULL,\n"        /* the rule's text form */ \
  "  color       TEXT,\n"                 /* '#3584e4' */ \
  "  priority    INTEGER NOT NULL,\n"     /* 0 = highest */ \
  "  notes       TEXT,\n"                 /* message and offer */ \
  "  template    TEXT,\n"                 /* template id it came from, or NULL */ \
  "  created_at  TEXT NOT NULL,\n" \
  "  reviewed_at TEXT\n" \
  ");\n" \
  "CREATE TABLE segment_snapshots (\n" \
  "  segment_id    INTEGER NOT NULL REFERENCES segments (id) ON DELETE CASCADE,\n" \
  "  snapshot_day  INTEGER NOT NULL,\n" \
  "  customers     INTEGER NOT NULL,\n" \
  "  revenue_cents INTEGER NOT NULL,\n" \
  "  PRIMARY KEY (segment_id, snapshot_day)\n" \
  ") WITHOUT ROWID;\n" \
  "CREATE TABLE rfm_snapshots (\n" \
  "  snapshot_day INTEGER NOT NULL,\n" \
  "  customer_id  INTEGER NOT NULL,\n" \
  "  rfm_group    TEXT NOT NULL,\n" \
  "  PRIMARY KEY (snapshot_day, customer_id)\n" \
  ") WITHOUT ROWID;\n" \
  "CREATE TABLE import_log (\n" \
  "  id                INTEGER PRIMARY KEY,\n" \
  "  imported_at       TEXT NOT NULL,\n" \
  "  file_name         TEXT NOT NULL,\n" \
  "  file_sha256       TEXT,\n" \
  "  preset            TEXT,\n" \
  "  rows_read         INTEGER NOT NULL DEFAULT 0,\n" \
  "  customers_added   INTEGER NOT NULL DEFAULT 0,\n" \
  "  customers_updated INTEGER NOT NULL DEFAULT 0,\n" \
  "  orders_added      INTEGER NOT NULL DEFAULT 0,\n" \
  "  orders_updated    INTEGER NOT NULL DEFAULT 0,\n" \
  "  rows_skipped      INTEGER NOT NULL DEFAULT 0\n" \
  ");\n" \
  "CREATE TABLE saved_mappings (\n" \
  "  name    TEXT PRIMARY KEY,\n" \
  "  mapping TEXT NOT NULL\n"             /* JSON: {"Column": "field", ...} */ \
  ");\n" \
  /* Derived after every import / reference-date change (seg-measures.c). \
   * One row per customer; the live count reads only this and customers. */ \
  "CREATE TABLE customer_measures (\n" \
  "  customer_id       INTEGER PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,\n" \
  "  orders            INTEGER NOT NULL DEFAULT 0,\n" /* counted orders */ \
  "  revenue_cents     INTEGER NOT NULL DEFAULT 0,\n" /* net of refunds */ \
  "  aov_cents         INTEGER,\n" \
  "  first_order_day   INTEGER,\n" \
  "  first_order_cents INTEGER,\n"       /* net of the first order */ \
  "  last_order_day    INTEGER,\n" \
  "  discount_orders   INTEGER NOT NULL DEFAULT 0,\n" \
  "  refunded_orders   INTEGER NOT NULL DEFAULT 0,\n" \
  "  checkouts         INTEGER NOT NULL DEFAULT 0,\n" \
  "  last_checkout_day INTEGER,\n" \
  "  last_checkout_cents INTEGER,\n" \
  "  r                 INTEGER,\n"        /* RFM scores 1-5, NULL for prospects */ \
  "  f                 INTEGER,\n" \
  "  m                 INTEGER,\n" \
  "  rfm_group         TEXT\n"            /* 'Champions' ... 'Lost', 'Prospects' */ \
  ");\n" \
  "CREATE INDEX customer_measures_orders ON customer_measures (orders, revenue_cents);\n" \
  "CREATE INDEX customer_measures_last ON customer_measures (last_order_day);\n" \
  "CREATE INDEX customer_measures_rfm ON customer_measures (rfm_group);\n"

/* Version 2: a product is stored once, in products, and a line item points
 * at it.  Rules on what was bought look products up (a few hundred rows)
 * and follow one integer index into the line items, and an import writes
 * and indexes a small integer per line item instead of five texts.
 * Line items are keyed by their order and position, with no rowid. */
#define SEG_STORE_MIGRATION_V2 \
  "CREATE TABLE products (\n" \
  "  id        INTEGER PRIMARY KEY,\n" \
  "  name      TEXT,\n" \
  "  sku       TEXT,\n" \
  "  category  TEXT,\n" \
  "  tags      TEXT,\n"                  /* comma separated, e.g. 'eco-friendly, vegan' */ \
  "  vendor    TEXT\n" \
  ");\n" \
  "INSERT INTO products (name, sku, category, tags, vendor)\n" \
  "  SELECT DISTINCT product, sku, category, product_tags, vendor FROM order_lines\n" \
  "  WHERE coalesce (product, sku, category, product_tags, vendor) IS NOT NULL;\n" \
  "CREATE INDEX products_all ON products (name, sku, category, tags, vendor);\n" \
  "CREATE TABLE order_lines_v2 (\n" \
  "  order_id     INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,\n" \
  "  line_no      INTEGER NOT NULL,\n" \
  "  product_id   INTEGER REFERENCES products (id),\n" \
  "  quantity     INTEGER NOT NULL DEFAULT 1,\n" \
  "  price_cents  INTEGER NOT NULL DEFAULT 0,\n" /* unit price */ \
  "  PRIMARY KEY (order_id, line_no)\n" \
  ") WITHOUT ROWID;\n" \
  "INSERT INTO order_lines_v2 (order_id, line_no, product_id, quantity, price_cents)\n" \
  "  SELECT l.order_id, l.line_no,\n" \
  "         (SELECT p.id FROM products AS p WHERE p.name IS l.product AND p.sku IS l.sku\n" \
  "          AND p.category IS l.category AND p.tags IS l.product_tags\n" \
  "          AND p.vendor IS l.vendor),\n" \
  "         l.quantity, l.price_cents\n" \
  "  FROM order_lines AS l;\n" \
  "DROP TABLE order_lines;\n" \
  "ALTER TABLE order_lines_v2 RENAME TO order_lines;\n" \
  "DROP INDEX products_all;\n" \
  "CREATE INDEX order_lines_product ON order_lines (product_id);\n" \
  "CREATE INDEX products_name ON products (name);\n" \
  "CREATE INDEX products_sku ON products (sku);\n" \
  "CREATE INDEX products_category ON products (category);\n" \
  /* The line items with their products' texts, for reading. */ \
  "CREATE VIEW order_items AS\n" \
  "  SELECT l.order_id, l.line_no, p.name AS product, p.sku, p.category,\n" \
  "         p.tags AS product_tags, p.vendor, l.quantity, l.price_cents\n" \
  "  FROM order_lines AS l LEFT JOIN products AS p ON p.id = l.product_id;\n"
