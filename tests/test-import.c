/* test-import.c — presets, mapping and the importer, on fixtures the tests write
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <glib/gstdio.h>

#include "seg-day.h"
#include "seg-import-mapping.h"
#include "seg-import-preset.h"
#include "seg-importer.h"
#include "seg-store.h"

#define SHOPIFY_ORDERS_HEADER \
  "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing," \
  "Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method," \
  "Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price," \
  "Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status," \
  "Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company," \
  "Billing City,Billing Zip,Billing Province,Billing Country,Billing Phone,Shipping Name," \
  "Shipping Street,Shipping Address1,Shipping Address2,Shipping Company,Shipping City," \
  "Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,Notes,Note Attributes," \
  "Cancelled at,Payment Method,Payment Reference,Refunded Amount,Vendor," \
  "Outstanding Balance,Employee,Location,Device ID,Id,Tags,Risk Level,Source," \
  "Lineitem discount,Tax 1 Name,Tax 1 Value,Tax 2 Name,Tax 2 Value,Tax 3 Name," \
  "Tax 3 Value,Tax 4 Name,Tax 4 Value,Tax 5 Name,Tax 5 Value,Phone,Receipt Number," \
  "Duties,Billing Province Name,Shipping Province Name,Payment ID,Payment Terms Name," \
  "Next Payment Due At,Payment References"

typedef struct
{
  char     *dir;
  char     *store_path;
  SegStore *store;
  gint32    ref_day;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("test-import-XXXXXX", &error);
  g_assert_no_error (error);
  f->store_path = g_build_filename (f->dir, "shop.segments", NULL);
  f->store = seg_store_create (f->store_path, "Shop", "USD", &error);
  g_assert_no_error (error);
  f->ref_day = seg_day_from_ymd (2024, 6, 30);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->store);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->store_path);
}

static char *
write_bytes (Fixture    *f,
             const char *name,
             const char *bytes,
             gssize      len)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, bytes, len, &error);
  g_assert_no_error (error);
  return path;
}

static char *
write_text (Fixture    *f,
            const char *name,
            const char *text)
{
  return write_bytes (f, name, text, -1);
}

/* One CSV row under @header (comma separated names) with the named cells
 * set: pairs of column name and value, NULL-terminated.  Values are quoted
 * when they need it. */
static char *
row_for (const char *header,
         ...)
{
  g_auto(GStrv) names = g_strsplit (header, ",", -1);
  guint n = g_strv_length (names);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);
  const char *name;
  va_list args;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (cells, g_strdup (""));

  va_start (args, header);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);
      gboolean found = FALSE;

      for (guint i = 0; i < n && !found; i++)
        if (strcmp (names[i], name) == 0)
          {
            g_free (cells->pdata[i]);
            cells->pdata[i] = g_strdup (value);
            found = TRUE;
          }
      g_assert_true (found);
    }
  va_end (args);

  for (guint i = 0; i < n; i++)
    {
      const char *cell = cells->pdata[i];

      if (i > 0)
        g_string_append_c (out, ',');
      if (strpbrk (cell, ",\"\n\r") != NULL)
        {
          g_string_append_c (out, '"');
          for (const char *p = cell; *p; p++)
            {
              if (*p == '"')
                g_string_append_c (out, '"');
              g_string_append_c (out, *p);
            }
          g_string_append_c (out, '"');
        }
      else
        g_string_append (out, cell);
    }
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

typedef struct
{
  const char   *preset;      /* NULL: detected */
  SegDateOrder  date_order;
  const char   *maps[8];
  SegImportMode mode;
  GCancellable *cancel_after_progress;
} ImportOptions;

static SegImportSummary *
run_import (Fixture             *f,
            const char          *path,
            const ImportOptions *options,
            GError             **error)
{
  g_autoptr(SegImportMapping) mapping = NULL;
  g_autoptr(SegImporter) importer = NULL;
  SegImportPreset preset;

  mapping = seg_import_mapping_new_for_path (path, 20, NULL, error);
  if (mapping == NULL)
    return NULL;
  if (options != NULL)
    {
      if (options->preset != NULL)
        {
          g_assert_true (seg_import_preset_from_id (options->preset, &preset));
          seg_import_mapping_set_preset (mapping, preset);
        }
      for (guint i = 0; i < G_N_ELEMENTS (options->maps) && options->maps[i]; i++)
        if (!seg_import_mapping_apply_assignment (mapping, options->maps[i], error))
          return NULL;
      seg_import_mapping_set_date_order (mapping, options->date_order);
    }

  importer = seg_importer_new (f->store, mapping);
  seg_importer_set_reference_day (importer, f->ref_day);
  if (options != NULL)
    seg_importer_set_mode (importer, options->mode);
  if (!seg_importer_run (importer,
                         options ? options->cancel_after_progress : NULL,
                         options && options->cancel_after_progress
                         ? (SegImportProgressFunc) (void (*) (void)) g_cancellable_cancel
                         : NULL,
                         options ? options->cancel_after_progress : NULL,
                         error))
    return NULL;
  return seg_import_summary_copy (seg_importer_get_summary (importer));
}

static SegImportSummary *
import_ok (Fixture             *f,
           const char          *path,
           const ImportOptions *options)
{
  g_autoptr(GError) error = NULL;
  SegImportSummary *summary = run_import (f, path, options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (summary);
  return summary;
}

static gint64
query_int (Fixture    *f,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (seg_store_get_db (f->store), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static char *
query_text (Fixture    *f,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (seg_store_get_db (f->store), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* Every row of every table holding store data (not the import log). */
static char *
digest (Fixture *f)
{
  static const char * const tables[] = {
    "customers", "customer_attributes", "orders", "order_items", "products", "checkouts", "campaigns",
    "campaign_results", "customer_measures", "saved_mappings", "segments",
  };
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1, 2", tables[t]);
      g_autoptr(sqlite3_stmt) stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (seg_store_get_db (f->store), sql, -1, &stmt, NULL),
                       ==, SQLITE_OK);
      g_checksum_update (sum, (const guchar *) tables[t], -1);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const char *text = (const char *) sqlite3_column_text (stmt, c);

            g_checksum_update (sum, (const guchar *) (text ? text : "\x01NULL"), -1);
            g_checksum_update (sum, (const guchar *) "\x1f", 1);
          }
    }
  return g_strdup (g_checksum_get_string (sum));
}

static const SegImportIssue *
find_issue (GPtrArray *issues,
            gsize      line)
{
  for (guint i = 0; i < issues->len; i++)
    {
      SegImportIssue *issue = g_ptr_array_index (issues, i);

      if (issue->line == line)
        return issue;
    }
  return NULL;
}

/* ---- Presets ---------------------------------------------------------- */

static SegImportPreset
detect (const char *header_line,
        const char *first_row)
{
  g_auto(GStrv) header = g_strsplit (header_line, ",", -1);
  g_auto(GStrv) row = first_row ? g_strsplit (first_row, ",", -1) : NULL;

  return seg_import_preset_detect ((const char * const *) header, g_strv_length (header),
                                   (const char * const *) row, row ? g_strv_length (row) : 0);
}

static void
test_preset_detect (void)
{
  g_assert_cmpint (detect ("First Name,Last Name,Email,Accepts Email Marketing,Company,Address1,"
                           "Address2,City,Province,Province Code,Country,Country Code,Zip,"
                           "Phone,Accepts SMS Marketing,Total Spent,Total Orders,Tags,Note,"
                           "Tax Exempt", NULL), ==, SEG_IMPORT_PRESET_SHOPIFY_CUSTOMERS);
  g_assert_cmpint (detect ("Customer ID,First Name,Last Name,Email,Accepts Email Marketing,"
                           "Company,Address1,Address2,City,Province,Province Code,Country,"
                           "Country Code,Zip,Phone,Accepts SMS Marketing,Total Spent,"
                           "Total Orders,Tags,Note,Tax Exempt", NULL),
                   ==, SEG_IMPORT_PRESET_SHOPIFY_CUSTOMERS);
  g_assert_cmpint (detect ("Customer ID,First Name,Last Name,Email,Accepts Email Marketing,"
                           "Default Address Company,Default Address Address1,"
                           "Default Address Address2,Default Address City,"
                           "Default Address Province Code,Default Address Country Code,"
                           "Default Address Zip,Default Address Phone,Phone,"
                           "Accepts SMS Marketing,Total Spent,Total Orders,Note,Tax Exempt,"
                           "Tags,Accepts WhatsApp Marketing,"
                           "Birth date (customer.metafields.facts.birth_date)", NULL),
                   ==, SEG_IMPORT_PRESET_SHOPIFY_CUSTOMERS);
  g_assert_cmpint (detect (SHOPIFY_ORDERS_HEADER, "#1001,a@b.com,paid"),
                   ==, SEG_IMPORT_PRESET_SHOPIFY_ORDERS);
  /* Older exports end early. */
  g_assert_cmpint (detect ("Name,Email,Financial Status,Paid at,Fulfillment Status,"
                           "Fulfilled at,Accepts Marketing,Currency,Subtotal,Shipping,Taxes,"
                           "Total,Discount Code,Discount Amount,Shipping Method,Created at,"
                           "Lineitem quantity,Lineitem name,Lineitem price", NULL),
                   ==, SEG_IMPORT_PRESET_SHOPIFY_ORDERS);
  g_assert_cmpint (detect (SHOPIFY_ORDERS_HEADER, "#35466921693341,a@b.com,"),
                   ==, SEG_IMPORT_PRESET_SHOPIFY_CHECKOUTS);
  g_assert_cmpint (detect ("Name,Username,Role,Last active,Date registered,Email,Orders,"
                           "Total spend,AOV,Country / Region,City,Region,Postal code", NULL),
                   ==, SEG_IMPORT_PRESET_WOOCOMMERCE_CUSTOMERS);
  g_assert_cmpint (detect ("Date,Order #,Status,Customer,Customer type,Payment method,"
                           "Product(s),Items sold,Coupon(s),Net sales,Attribution", NULL),
                   ==, SEG_IMPORT_PRESET_WOOCOMMERCE_ORDERS);
  g_assert_cmpint (detect ("Date,Commande n°,État,Client,Type de client,Moyen de paiement,"
                           "Produit(s),Articles vendus,Code(s) promo,Ventes nettes,"
                           "Attribution", NULL), ==, SEG_IMPORT_PRESET_WOOCOMMERCE_ORDERS);
  g_assert_cmpint (detect ("order_id,order_number,order_date,paid_date,status,shipping_total,"
                           "shipping_tax_total,fee_total,fee_tax_total,tax_total,cart_discount,"
                           "order_discount,discount_total,order_total,order_subtotal,"
                           "order_currency,customer_email,line_item_1,line_item_2", NULL),
                   ==, SEG_IMPORT_PRESET_WOOCOMMERCE_PLUGIN_ORDERS);
  g_assert_cmpint (detect ("order_id,order_number_formatted,order_number,date,status,"
                           "order_shipping,order_shipping_tax,order_fees,order_fee_tax,"
                           "order_tax,cart_discount,order_discount,order_total,"
                           "payment_method,shipping_method,customer_user,billing_first_name,"
                           "billing_last_name,billing_email,order_item_1", NULL),
                   ==, SEG_IMPORT_PRESET_WOOCOMMERCE_PLUGIN_ORDERS);
  g_assert_cmpint (detect ("Email,Klaviyo ID,First Name,Last Name,Organization,Title,"
                           "Phone Number,Address,City,Country,Email Marketing Consent,"
                           "Last Open,Last Click,Interests", NULL),
                   ==, SEG_IMPORT_PRESET_KLAVIYO_PROFILES);
  g_assert_cmpint (detect ("Email Address,First Name,Last Name,MEMBER_RATING,OPTIN_TIME,"
                           "OPTIN_IP,CONFIRM_TIME,CONFIRM_IP,LATITUDE,LONGITUDE,GMTOFF,DSTOFF,"
                           "TIMEZONE,CC,REGION,LAST_CHANGED,LEID,EUID,NOTES,TAGS", NULL),
                   ==, SEG_IMPORT_PRESET_MAILCHIMP_AUDIENCE);
  g_assert_cmpint (detect ("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,"
                           "CustomerID,Country", NULL), ==, SEG_IMPORT_PRESET_TRANSACTIONS);
  g_assert_cmpint (detect ("campaign,date,segment,variant,sent,opens,clicks,orders,revenue",
                           NULL), ==, SEG_IMPORT_PRESET_CAMPAIGN_RESULTS);
  g_assert_cmpint (detect ("E-mail,Interests,Income", NULL), ==, SEG_IMPORT_PRESET_CUSTOM);
}

static void
test_preset_columns (void)
{
  g_auto(GStrv) header = g_strsplit (SHOPIFY_ORDERS_HEADER, ",", -1);
  g_auto(GStrv) fields = seg_import_preset_map_columns (SEG_IMPORT_PRESET_SHOPIFY_ORDERS,
                                                        (const char * const *) header,
                                                        g_strv_length (header));
  g_auto(GStrv) customers = g_strsplit ("Customer ID,First Name,Email,Accepts Email Marketing,"
                                        "Total Spent,Interests,"
                                        "Birth date (customer.metafields.facts.birth_date)",
                                        ",", -1);
  g_auto(GStrv) customer_fields = NULL;
  const char *mailchimp[] = { "Email Address", "UNSUB_TIME", NULL };
  const char *cleaned[] = { "Email Address", "CLEAN_TIME", NULL };

  for (guint i = 0; header[i] != NULL; i++)
    {
      if (strcmp (header[i], "Tags") == 0)
        g_assert_cmpstr (fields[i], ==, "ignore");
      else if (strcmp (header[i], "Phone") == 0 || strcmp (header[i], "Billing Phone") == 0)
        g_assert_cmpstr (fields[i], ==, "phone");
      else if (strcmp (header[i], "Created at") == 0)
        g_assert_cmpstr (fields[i], ==, "order_date");
      else if (strcmp (header[i], "Cancelled at") == 0)
        g_assert_cmpstr (fields[i], ==, "cancelled_at");
      else if (strcmp (header[i], "Lineitem sku") == 0)
        g_assert_cmpstr (fields[i], ==, "line_sku");
    }

  customer_fields = seg_import_preset_map_columns (SEG_IMPORT_PRESET_SHOPIFY_CUSTOMERS,
                                                   (const char * const *) customers,
                                                   g_strv_length (customers));
  g_assert_cmpstr (customer_fields[0], ==, "customer_id");
  g_assert_cmpstr (customer_fields[2], ==, "email");
  g_assert_cmpstr (customer_fields[3], ==, "accepts_marketing");
  g_assert_cmpstr (customer_fields[4], ==, "ignore");
  g_assert_cmpstr (customer_fields[6], ==, "birth_date");

  g_assert_cmpstr (seg_import_preset_get_implied_email_status (
                     SEG_IMPORT_PRESET_MAILCHIMP_AUDIENCE, mailchimp, 2), ==, "unsubscribed");
  g_assert_cmpstr (seg_import_preset_get_implied_email_status (
                     SEG_IMPORT_PRESET_MAILCHIMP_AUDIENCE, cleaned, 2), ==, "cleaned");
  g_assert_cmpstr (seg_import_preset_get_implied_email_status (
                     SEG_IMPORT_PRESET_MAILCHIMP_AUDIENCE, mailchimp, 1), ==, "subscribed");
}

static void
count_cb (SegImportMapping *mapping,
          guint             column,
          guint            *count)
{
  (*count)++;
}

static void
test_mapping_model (void)
{
  const char *header[] = { "E-mail", "Interests", "Income", "Signed up", "Shoe size" };
  g_autoptr(SegImportMapping) mapping = seg_import_mapping_new (header, 5);
  g_autoptr(SegImportMapping) other = seg_import_mapping_new (header, 5);
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  guint n_fields, changes = 0;
  const SegImportFieldInfo *catalogue = seg_import_field_get_catalogue (&n_fields);
  guint groups[SEG_IMPORT_N_FIELD_GROUPS] = { 0 };

  g_assert_cmpint (seg_import_mapping_get_preset (mapping), ==, SEG_IMPORT_PRESET_CUSTOM);
  g_assert_cmpint (seg_import_mapping_get_target (mapping), ==, SEG_IMPORT_TARGET_CUSTOMERS);
  g_assert_cmpstr (seg_import_mapping_get_column_field (mapping, 0), ==, "email");
  g_assert_cmpstr (seg_import_mapping_get_column_field (mapping, 1), ==, "attribute:interests");
  g_assert_cmpstr (seg_import_mapping_get_column_field (mapping, 2), ==, "income_band");
  g_assert_true (seg_import_mapping_validate (mapping, NULL));
  g_assert_true (seg_import_mapping_is_field_required (mapping, SEG_IMPORT_FIELD_EMAIL));

  g_signal_connect (mapping, "column-changed", G_CALLBACK (count_cb), &changes);

  g_assert_true (seg_import_mapping_apply_assignment (mapping, "Signed up=customer_created",
                                                      &error));
  g_assert_no_error (error);
  g_assert_true (seg_import_mapping_apply_assignment (mapping, "5=attribute:Shoe Size", &error));
  g_assert_cmpstr (seg_import_mapping_get_column_field (mapping, 4), ==, "attribute:shoe size");
  g_assert_cmpuint (changes, ==, 2);
  g_assert_false (seg_import_mapping_apply_assignment (mapping, "Nope=email", &error));
  g_assert_error (error, SEG_IMPORT_ERROR, SEG_IMPORT_ERROR_UNKNOWN_FIELD);
  g_clear_error (&error);
  g_assert_false (seg_import_mapping_apply_assignment (mapping, "Income=salary", &error));
  g_assert_error (error, SEG_IMPORT_ERROR, SEG_IMPORT_ERROR_UNKNOWN_FIELD);
  g_clear_error (&error);

  g_assert_true (seg_import_mapping_set_column_field (mapping, 0, "ignore", NULL));
  g_assert_false (seg_import_mapping_validate (mapping, &error));
  g_assert_error (error, SEG_IMPORT_ERROR, SEG_IMPORT_ERROR_MISSING_FIELD);
  g_clear_error (&error);
  g_assert_true (seg_import_mapping_set_column_field (mapping, 0, "email", NULL));
  seg_import_mapping_set_date_order (mapping, SEG_DATE_ORDER_DAY_FIRST);

  /* A saved mapping applies by column name, with its date order. */
  json = seg_import_mapping_to_json (mapping);
  g_assert_true (seg_import_mapping_apply_json (other, json, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpstr (seg_import_mapping_get_column_field (other, i), ==,
                     seg_import_mapping_get_column_field (mapping, i));
  g_assert_cmpint (seg_import_mapping_get_date_order (other), ==, SEG_DATE_ORDER_DAY_FIRST);

  /* Every field is in one of the groups, each group has fields. */
  for (guint i = 0; i < n_fields; i++)
    {
      g_assert_cmpint (catalogue[i].field, ==, i);
      g_assert_nonnull (seg_import_field_get_label (i));
      groups[catalogue[i].group]++;
    }
  for (guint g = 0; g < SEG_IMPORT_N_FIELD_GROUPS; g++)
    g_assert_cmpuint (groups[g], >, 0);
}

static void
test_mapping_saved (Fixture       *f,
                    gconstpointer  data)
{
  const char *header[] = { "Mail", "Hobby" };
  g_autoptr(SegImportMapping) mapping = seg_import_mapping_new (header, 2);
  g_autoptr(SegImportMapping) loaded = seg_import_mapping_new (header, 2);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;

  g_assert_true (seg_import_mapping_set_column_field (mapping, 1, "attribute:hobbies", NULL));
  g_assert_true (seg_import_mapping_save (mapping, seg_store_get_db (f->store), "My list",
                                          &error));
  g_assert_no_error (error);
  names = seg_import_mapping_list_saved (seg_store_get_db (f->store), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (names), ==, 1);
  g_assert_cmpstr (names[0], ==, "My list");
  g_assert_true (seg_import_mapping_load (loaded, seg_store_get_db (f->store), "My list",
                                          &error));
  g_assert_cmpstr (seg_import_mapping_get_column_field (loaded, 1), ==, "attribute:hobbies");
  g_assert_false (seg_import_mapping_load (loaded, seg_store_get_db (f->store), "Nope",
                                           &error));
  g_assert_error (error, SEG_IMPORT_ERROR, SEG_IMPORT_ERROR_NOT_FOUND);
}

/* ---- Shopify orders --------------------------------------------------- */

#define R(...) row_for (SHOPIFY_ORDERS_HEADER, __VA_ARGS__, NULL)

static void
append_free (GString *out,
             char    *text)
{
  g_string_append (out, text);
  g_free (text);
}

static char *
shopify_orders (gboolean newer)
{
  GString *csv = g_string_new (SHOPIFY_ORDERS_HEADER "\n");
  char *rows[] = {
    /* line 2–3 (multi-line notes), 4 */
    R ("Name", "#1001", "Email", " Alice@Example.COM ", "Financial Status",
       newer ? "refunded" : "paid", "Accepts Marketing", "yes", "Currency", "USD",
       "Subtotal", "50.00", "Shipping", "5.00", "Taxes", "0.00", "Total", "55.00",
       "Discount Code", "WELCOME", "Discount Amount", "5.00",
       "Created at", "2024-01-02 10:00:00 -0500", "Lineitem quantity", "2",
       "Lineitem name", "Organic Tee", "Lineitem price", "20.00", "Lineitem sku", "TEE-1",
       "Billing Name", "Alice Smith", "Billing City", "Boston", "Billing Zip", "'02110",
       "Billing Province", "MA", "Billing Country", "US", "Billing Phone", "'+1 555 0100",
       "Shipping City", "Boston", "Shipping Province", "MA", "Shipping Country", "US",
       "Notes", "Leave at the door,\nthanks", "Refunded Amount", newer ? "55.00" : "0.00",
       "Vendor", "Acme", "Source", "web"),
    R ("Name", "#1001", "Created at", "2024-01-02 10:00:00 -0500", "Lineitem quantity", "1",
       "Lineitem name", "Cap", "Lineitem price", "10.00", "Lineitem sku", "CAP-1"),
    /* line 5: phone eaten by a spreadsheet */
    R ("Name", "#1002", "Email", "bob@example.com", "Financial Status", "refunded",
       "Total", "30.00", "Created at", "2024-02-03 11:00:00 -0500", "Lineitem quantity", "1",
       "Lineitem name", "Mug", "Lineitem price", "30.00", "Billing Name", "Bob Jones",
       "Billing Country", "France", "Billing City", "Paris", "Billing Phone", "7.02255E+12",
       "Refunded Amount", "30.00"),
    /* line 6: voided */
    R ("Name", "#1003", "Email", "carol@example.com", "Financial Status", "voided",
       "Total", "40.00", "Created at", "2024-03-01 09:00:00 +0000", "Lineitem quantity", "1",
       "Lineitem name", "Hat", "Lineitem price", "40.00", "Billing Country", "DE"),
    /* line 7: guest */
    R ("Name", "#1004", "Financial Status", "paid", "Total", "12.00",
       "Created at", "2024-03-05 09:00:00 +0000", "Lineitem quantity", "1",
       "Lineitem name", "Pin", "Lineitem price", "12.00"),
    /* line 8: not a date */
    R ("Name", "#1005", "Email", "dave@example.com", "Financial Status", "paid",
       "Total", "100.00", "Created at", "31/31/2024", "Lineitem quantity", "1",
       "Lineitem name", "Bag", "Lineitem price", "100.00"),
    /* lines 9–10: partially refunded */
    R ("Name", "#1006", "Email", "alice@example.com", "Financial Status", "partially_refunded",
       "Total", "100.00", "Created at", "2024-04-01 08:00:00 +0000", "Lineitem quantity", "1",
       "Lineitem name", "Bag", "Lineitem price", "80.00", "Refunded Amount", "25.00"),
    R ("Name", "#1006", "Created at", "2024-04-01 08:00:00 +0000", "Lineitem quantity", "1",
       "Lineitem name", "Pin", "Lineitem price", "20.00"),
    /* line 11: cancelled */
    R ("Name", "#1007", "Email", "erin@example.com", "Financial Status", "paid",
       "Total", "20.00", "Created at", "2024-04-02 08:00:00 +0000", "Lineitem quantity", "1",
       "Lineitem name", "Pin", "Lineitem price", "20.00",
       "Cancelled at", "2024-04-02 09:00:00 +0000"),
    newer ? R ("Name", "#1008", "Email", "bob@example.com", "Financial Status", "paid",
               "Total", "45.00", "Created at", "2024-05-01 08:00:00 +0000",
               "Lineitem quantity", "3", "Lineitem name", "Socks", "Lineitem price", "15.00")
          : NULL,
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      if (rows[i] != NULL)
        g_string_append (csv, rows[i]);
      g_free (rows[i]);
    }
  return g_string_free (csv, FALSE);
}

static void
test_shopify_orders (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *csv = shopify_orders (FALSE);
  g_autofree char *path = write_text (f, "orders_export.csv", csv);
  g_autoptr(SegImportSummary) s = import_ok (f, path, NULL);
  g_autoptr(SegImportSummary) again = NULL;
  g_autofree char *before = NULL, *after = NULL, *text = NULL;
  const SegImportIssue *issue;

  g_assert_cmpstr (s->preset, ==, "shopify-orders");
  g_assert_cmpuint (s->rows_read, ==, 9);
  g_assert_cmpuint (s->orders_added, ==, 6);
  g_assert_cmpuint (s->orders_updated, ==, 0);
  g_assert_cmpuint (s->line_items, ==, 8);
  g_assert_cmpuint (s->customers_added, ==, 4);
  g_assert_cmpuint (s->rows_skipped, ==, 1);
  issue = find_issue (s->skipped, 8);
  g_assert_nonnull (issue);
  g_assert_cmpstr (issue->column, ==, "Created at");
  g_assert_nonnull (strstr (issue->reason, "“Created at” is not a date: “31/31/2024”"));
  issue = find_issue (s->warnings, 5);
  g_assert_nonnull (issue);
  g_assert_cmpstr (issue->column, ==, "Billing Phone");
  g_assert_nonnull (strstr (issue->reason, "7.02255E+12"));

  /* Counted: #1001, #1002 (refunded in full), #1004 (guest), #1006. */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM orders"), ==, 6);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM orders WHERE cancelled = 0"), ==, 4);
  g_assert_cmpint (query_int (f, "SELECT sum (net_cents) FROM orders WHERE cancelled = 0"),
                   ==, 5500 + 0 + 1200 + 7500);
  g_assert_cmpint (query_int (f, "SELECT cancelled FROM orders WHERE order_key = '#1003'"),
                   ==, 1);
  g_assert_cmpint (query_int (f, "SELECT cancelled FROM orders WHERE order_key = '#1007'"),
                   ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM orders WHERE customer_id IS NULL"),
                   ==, 1);
  g_assert_cmpint (query_int (f, "SELECT discount_cents FROM orders WHERE order_key = '#1001'"),
                   ==, 500);
  text = query_text (f, "SELECT created_at FROM orders WHERE order_key = '#1001'");
  g_assert_cmpstr (text, ==, "2024-01-02T15:00:00Z");
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM order_lines l JOIN orders o "
                                 "ON o.id = l.order_id WHERE o.order_key = '#1001'"), ==, 2);
  text = query_text (f, "SELECT group_concat (product || 'x' || quantity || '@' || price_cents) "
                        "FROM (SELECT * FROM order_items ORDER BY order_id, line_no)");
  g_assert_cmpstr (text, ==, "Organic Teex2@2000,Capx1@1000,Mugx1@3000,Hatx1@4000,"
                             "Pinx1@1200,Bagx1@8000,Pinx1@2000,Pinx1@2000");
  g_clear_pointer (&text, g_free);

  /* The customer, from the order's billing fields; apostrophes dropped. */
  text = query_text (f, "SELECT first_name || ' ' || last_name || '|' || phone || '|' || "
                        "postal_code || '|' || country || '|' || region || '|' || "
                        "accepts_marketing FROM customers WHERE email = 'alice@example.com'");
  g_assert_cmpstr (text, ==, "Alice Smith|+1 555 0100|02110|US|MA|1");
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM customers WHERE phone IS NULL "
                                 "AND email = 'bob@example.com'"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT m.orders FROM customer_measures m JOIN customers c "
                                 "ON c.id = m.customer_id WHERE c.email = 'alice@example.com'"),
                   ==, 2);
  g_assert_cmpint (query_int (f, "SELECT m.revenue_cents FROM customer_measures m "
                                 "JOIN customers c ON c.id = m.customer_id "
                                 "WHERE c.email = 'alice@example.com'"), ==, 13000);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM import_log"), ==, 1);

  /* The same file again changes nothing. */
  before = digest (f);
  again = import_ok (f, path, NULL);
  after = digest (f);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (again->orders_added, ==, 0);
  g_assert_cmpuint (again->orders_updated, ==, 0);
  g_assert_cmpuint (again->orders_unchanged, ==, 6);
  g_assert_cmpuint (again->customers_added, ==, 0);
  g_assert_cmpuint (again->customers_updated, ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM import_log"), ==, 2);
}

static void
test_shopify_newer_export (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *old_csv = shopify_orders (FALSE);
  g_autofree char *new_csv = shopify_orders (TRUE);
  g_autofree char *old_path = write_text (f, "old.csv", old_csv);
  g_autofree char *new_path = write_text (f, "new.csv", new_csv);
  g_autoptr(SegImportSummary) first = import_ok (f, old_path, NULL);
  g_autoptr(SegImportSummary) s = import_ok (f, new_path, NULL);

  g_assert_cmpuint (s->orders_added, ==, 1);
  g_assert_cmpuint (s->orders_updated, ==, 1);
  g_assert_cmpuint (s->orders_unchanged, ==, 5);
  g_assert_cmpuint (s->customers_added, ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM orders"), ==, 7);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM orders WHERE cancelled = 0"), ==, 5);
  g_assert_cmpint (query_int (f, "SELECT sum (net_cents) FROM orders WHERE cancelled = 0"),
                   ==, 0 + 0 + 1200 + 7500 + 4500);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM order_lines"), ==, 9);
  g_assert_cmpint (query_int (f, "SELECT m.orders FROM customer_measures m JOIN customers c "
                                 "ON c.id = m.customer_id WHERE c.email = 'bob@example.com'"),
                   ==, 2);
}

/* ---- Merging customers across files ----------------------------------- */

static void
test_merge_on_email (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *customers = write_text (
    f, "customers_export.csv",
    "Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,"
    "Default Address Address1,Default Address Address2,Default Address City,"
    "Default Address Province Code,Default Address Country Code,Default Address Zip,"
    "Default Address Phone,Phone,Accepts SMS Marketing,Total Spent,Total Orders,Note,"
    "Tax Exempt,Tags,Accepts WhatsApp Marketing,"
    "Birth date (customer.metafields.facts.birth_date)\n"
    "'7012345678901,Alice,Smith,ALICE@example.com,yes,,,,Boston,MA,US,'02110,,,no,55.00,1,,"
    "no,\"vip, newsletter\",no,1990-04-12\n"
    "'7012345678902,Zoe,Quinn,zoe@example.com,no,,,,Toronto,ON,CA,M5H 2N2,,,no,0.00,0,,no,,"
    "no,\n");
  g_autofree char *orders_csv = shopify_orders (FALSE);
  g_autofree char *orders = write_text (f, "orders.csv", orders_csv);
  g_autofree char *mailchimp = write_text (
    f, "unsubscribed_members_export.csv",
    "\"Email Address\",\"First Name\",\"Last Name\",\"MEMBER_RATING\",\"OPTIN_TIME\","
    "\"OPTIN_IP\",\"CONFIRM_TIME\",\"CONFIRM_IP\",\"LATITUDE\",\"LONGITUDE\",\"GMTOFF\","
    "\"DSTOFF\",\"TIMEZONE\",\"CC\",\"REGION\",\"LAST_CHANGED\",\"LEID\",\"EUID\",\"NOTES\","
    "\"TAGS\",\"UNSUB_TIME\",\"UNSUB_CAMPAIGN_TITLE\",\"UNSUB_CAMPAIGN_ID\",\"UNSUB_REASON\","
    "\"UNSUB_REASON_OTHER\"\n"
    "\"alice@example.com\",\"\",\"\",\"4\",\"2023-01-05 10:00:00\",\"\",\"\",\"\","
    "\"'42.36\",\"'-71.05\",\"-5\",\"-4\",\"America/New_York\",\"uS\",\"no region\","
    "\"2024-01-01 00:00:00\",\"1\",\"abc\",\"\",\"\",\"2024-05-01 10:00:00\",\"Spring\","
    "\"x1\",\"NORMAL\",\"\"\n");
  g_autoptr(SegImportSummary) a = import_ok (f, customers, NULL);
  g_autoptr(SegImportSummary) b = import_ok (f, orders, NULL);
  g_autoptr(SegImportSummary) c = import_ok (f, mailchimp, NULL);
  g_autofree char *text = NULL;

  g_assert_cmpstr (a->preset, ==, "shopify-customers");
  g_assert_cmpuint (a->customers_added, ==, 2);
  g_assert_cmpstr (b->preset, ==, "shopify-orders");
  g_assert_cmpuint (b->customers_added, ==, 3);  /* bob, carol, erin */
  g_assert_cmpuint (b->customers_updated, ==, 1);  /* alice's phone */
  g_assert_cmpstr (c->preset, ==, "mailchimp-audience");
  g_assert_cmpuint (c->customers_added, ==, 0);
  g_assert_cmpuint (c->customers_updated, ==, 1);

  g_assert_cmpint (query_int (f, "SELECT count(*) FROM customers"), ==, 5);
  text = query_text (f, "SELECT external_id || '|' || first_name || '|' || birth_date || '|' "
                        "|| tags || '|' || email_status || '|' || member_rating || '|' || "
                        "country || '|' || region || '|' || phone FROM customers "
                        "WHERE email = 'alice@example.com'");
  g_assert_cmpstr (text, ==, "7012345678901|Alice|1990-04-12|vip, newsletter|unsubscribed|4|"
                             "US|MA|+1 555 0100");
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (query_int (f, "SELECT m.orders FROM customer_measures m JOIN customers c "
                                 "ON c.id = m.customer_id WHERE c.email = 'alice@example.com'"),
                   ==, 2);
}

/* ---- Cancelling, failing, checking ------------------------------------ */

static char *
transactions_csv (guint n_invoices)
{
  GString *csv = g_string_new ("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,"
                               "UnitPrice,CustomerID,Country\n");

  for (guint i = 0; i < n_invoices; i++)
    {
      g_string_append_printf (csv, "%u,85123A,WHITE HANGING HEART,6,12/%u/2010 8:26,2.55,"
                              "%u.0,United Kingdom\n", 536365 + i, 1 + i % 28, 17850 + i % 97);
      g_string_append_printf (csv, "%u,71053,WHITE METAL LANTERN,2,12/%u/2010 8:26,3.39,"
                              "%u.0,United Kingdom\n", 536365 + i, 1 + i % 28, 17850 + i % 97);
    }
  return g_string_free (csv, FALSE);
}

static void
test_cancel_leaves_store_unchanged (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *small_csv = shopify_orders (FALSE);
  g_autofree char *small = write_text (f, "small.csv", small_csv);
  g_autofree char *big_csv = transactions_csv (3000);
  g_autofree char *big = write_text (f, "big.csv", big_csv);
  g_autoptr(SegImportSummary) first = import_ok (f, small, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = digest (f);
  g_autofree char *after = NULL;
  gint64 log_rows = query_int (f, "SELECT count(*) FROM import_log");
  ImportOptions options = { .cancel_after_progress = cancellable };
  SegImportSummary *s;

  s = run_import (f, big, &options, &error);
  g_assert_null (s);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  after = digest (f);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM import_log"), ==, log_rows);
}

static void
test_check_mode (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *csv = shopify_orders (FALSE);
  g_autofree char *path = write_text (f, "orders.csv", csv);
  g_autofree char *before = digest (f);
  g_autofree char *after = NULL;
  ImportOptions options = { .mode = SEG_IMPORT_MODE_CHECK };
  g_autoptr(SegImportSummary) checked = import_ok (f, path, &options);
  g_autoptr(SegImportSummary) imported = NULL;

  after = digest (f);
  g_assert_cmpstr (before, ==, after);
  g_assert_true (checked->checked_only);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM import_log"), ==, 0);

  imported = import_ok (f, path, NULL);
  g_assert_cmpuint (checked->orders_added, ==, imported->orders_added);
  g_assert_cmpuint (checked->customers_added, ==, imported->customers_added);
  g_assert_cmpuint (checked->rows_skipped, ==, imported->rows_skipped);
  g_assert_cmpuint (checked->n_warnings, ==, imported->n_warnings);
}

static void
test_missing_field (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = write_text (f, "x.csv", "Nickname,Score\nzed,3\n");
  g_autoptr(GError) error = NULL;
  SegImportSummary *s = run_import (f, path, NULL, &error);

  g_assert_null (s);
  g_assert_error (error, SEG_IMPORT_ERROR, SEG_IMPORT_ERROR_MISSING_FIELD);
  g_assert_nonnull (strstr (error->message, "x.csv"));
}

/* ---- Dates ------------------------------------------------------------ */

static void
test_ambiguous_dates (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = write_text (f, "signups.csv",
                                      "Email,Signed up\n"
                                      "a@example.com,01/02/2024\n"
                                      "b@example.com,03/04/2024\n"
                                      "c@example.com,\n");
  ImportOptions options = { .maps = { "Signed up=customer_created" } };
  g_autoptr(GError) error = NULL;
  g_autoptr(SegImportSummary) s = NULL;
  SegImportSummary *failed;

  failed = run_import (f, path, &options, &error);
  g_assert_null (failed);
  g_assert_error (error, SEG_IMPORT_ERROR, SEG_IMPORT_ERROR_AMBIGUOUS_DATES);
  g_assert_nonnull (strstr (error->message, "“Signed up”"));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM customers"), ==, 0);

  options.date_order = SEG_DATE_ORDER_DAY_FIRST;
  s = import_ok (f, path, &options);
  g_assert_cmpuint (s->customers_added, ==, 3);
  g_assert_cmpint (query_int (f, "SELECT created_day FROM customers "
                                 "WHERE email = 'b@example.com'"),
                   ==, seg_day_from_ymd (2024, 4, 3));
}

/* A line item's product is stored once; a later file without categories
 * keeps those the store has, a changed line item takes its new product,
 * and products no line names any more go. */
static void
test_line_item_products (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *with = write_text (
    f, "with-categories.csv",
    "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country,"
    "Category\n"
    "1001,T1,TEE,2,12/1/2010 8:26,10.00,17850,France,Shirts\n"
    "1001,M1,MUG,1,12/1/2010 8:26,5.00,17850,France,Kitchen\n"
    "1002,T1,TEE,1,12/2/2010 8:26,10.00,12583,France,Shirts\n");
  g_autofree char *without = write_text (
    f, "without-categories.csv",
    "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
    "1001,T1,TEE,2,12/1/2010 8:26,10.00,17850,France\n"
    "1001,C1,CAP,1,12/1/2010 8:26,5.00,17850,France\n"
    "1002,T1,TEE,1,12/2/2010 8:26,10.00,12583,France\n");
  ImportOptions categories = { .date_order = SEG_DATE_ORDER_MONTH_FIRST,
                                .maps = { "Category=line_category" } };
  ImportOptions plain = { .date_order = SEG_DATE_ORDER_MONTH_FIRST };
  g_autoptr(SegImportSummary) a = import_ok (f, with, &categories);
  g_autoptr(SegImportSummary) b = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpuint (a->rows_skipped, ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM products"), ==, 2);
  g_assert_cmpint (query_int (f, "SELECT count(DISTINCT product_id) FROM order_lines"), ==, 2);
  text = query_text (f, "SELECT group_concat (product || '/' || category, ' ') FROM "
                        "(SELECT * FROM order_items ORDER BY order_id, line_no)");
  g_assert_cmpstr (text, ==, "TEE/Shirts MUG/Kitchen TEE/Shirts");
  g_clear_pointer (&text, g_free);

  b = import_ok (f, without, &plain);
  g_assert_cmpuint (b->rows_skipped, ==, 0);
  text = query_text (f, "SELECT group_concat (product || '/' || coalesce (category, '-'), ' ') "
                        "FROM (SELECT * FROM order_items ORDER BY order_id, line_no)");
  /* The mug's line is now a cap: the category the store had for that line
   * stays with it, as for any line item the file says nothing about. */
  g_assert_cmpstr (text, ==, "TEE/Shirts CAP/Kitchen TEE/Shirts");
  g_clear_pointer (&text, g_free);
  /* The mug is named by no line item any more. */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM products WHERE name = 'MUG'"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM products"), ==, 2);
}

static void
test_transactions (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = write_text (
    f, "online_retail.csv",
    "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\r\n"
    "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850.0,"
    "United Kingdom\r\n"
    "536365,71053,WHITE METAL LANTERN,6,12/1/2010 8:26,3.39,17850.0,United Kingdom\r\n"
    "536366,22633,HAND WARMER UNION JACK,6,12/13/2010 8:28,1.85,17850.0,United Kingdom\r\n"
    "C536379,D,Discount,-1,12/14/2010 9:41,27.50,14527.0,United Kingdom\r\n"
    "536380,22961,JAM MAKING SET PRINTED,24,12/15/2010 9:41,1.45,,EIRE\r\n"
    "536381,22139,RETROSPOT TEA SET,2,12/16/2010 9:41,4.95,12583,France\r\n"
    "536365,84406B,CREAM CUPID HEARTS COAT HANGER,8,12/1/2010 8:26,2.75,17850.0,"
    "United Kingdom\r\n");
  g_autoptr(SegImportSummary) s = import_ok (f, path, NULL);
  g_autoptr(SegImportSummary) again = NULL;
  g_autofree char *before = NULL, *after = NULL, *text = NULL;

  g_assert_cmpstr (s->preset, ==, "transactions");
  g_assert_cmpuint (s->rows_read, ==, 7);
  g_assert_cmpuint (s->rows_skipped, ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM orders"), ==, 5);
  /* 536365 = 6 × 2.55 + 6 × 3.39 + 8 × 2.75 (its last row comes later). */
  g_assert_cmpint (query_int (f, "SELECT total_cents FROM orders WHERE order_key = '536365'"),
                   ==, 1530 + 2034 + 2200);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM order_lines l JOIN orders o "
                                 "ON o.id = l.order_id WHERE o.order_key = '536365'"), ==, 3);
  g_assert_cmpint (query_int (f, "SELECT cancelled FROM orders WHERE order_key = 'C536379'"),
                   ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM orders WHERE cancelled = 0"), ==, 4);
  g_assert_cmpint (query_int (f, "SELECT sum (net_cents) FROM orders WHERE cancelled = 0"),
                   ==, 5764 + 1110 + 3480 + 990);
  /* A guest sale, and ids written as decimals. */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM orders WHERE customer_id IS NULL"),
                   ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM customers"), ==, 3);
  text = query_text (f, "SELECT group_concat (external_id || ':' || country) FROM "
                        "(SELECT * FROM customers ORDER BY external_id)");
  g_assert_cmpstr (text, ==, "12583:FR,14527:GB,17850:GB");
  g_assert_cmpint (query_int (f, "SELECT order_day FROM orders WHERE order_key = '536366'"),
                   ==, seg_day_from_ymd (2010, 12, 13));

  before = digest (f);
  again = import_ok (f, path, NULL);
  after = digest (f);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (again->orders_added, ==, 0);
}

/* ---- Quirks ----------------------------------------------------------- */

static void
test_bom_crlf_semicolons (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = write_text (
    f, "excel.csv",
    "\xEF\xBB\xBF" "Order ID;Date;E-mail;Total;Country\r\n"
    "A-1;2024-03-01;ann@example.com;12,50;Deutschland\r\n"
    "A-2;2024-03-02;ann@example.com;1.234,56;Deutschland\r\n"
    "A-3;2024-03-03;;7,00;\r\n");
  g_autoptr(SegImportSummary) s = import_ok (f, path, NULL);
  g_autoptr(SegImportMapping) mapping = seg_import_mapping_new_for_path (path, 5, NULL, NULL);

  g_assert_cmpstr (seg_import_mapping_get_encoding (mapping), ==, "UTF-8 (BOM)");
  g_assert_cmpint (seg_import_mapping_get_delimiter (mapping), ==, ';');
  g_assert_cmpstr (seg_import_mapping_get_column_name (mapping, 0), ==, "Order ID");
  g_assert_cmpint (seg_import_mapping_get_target (mapping), ==, SEG_IMPORT_TARGET_ORDERS);
  g_assert_cmpuint (s->orders_added, ==, 3);
  g_assert_cmpint (query_int (f, "SELECT total_cents FROM orders WHERE order_key = 'A-1'"),
                   ==, 1250);
  g_assert_cmpint (query_int (f, "SELECT total_cents FROM orders WHERE order_key = 'A-2'"),
                   ==, 123456);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM customers WHERE country = 'DE'"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM orders WHERE customer_id IS NULL"),
                   ==, 1);
}

static void
test_klaviyo_windows_1252 (Fixture       *f,
                           gconstpointer  data)
{
  /* "Müller" and "Zoë" in Windows-1252. */
  static const char csv[] =
    "Email,Klaviyo ID,First Name,Last Name,Phone Number,City,State / Region,Country,"
    "Zip Code,Source,Email Marketing Consent,Profile Created On,Last Open,Last Click,"
    "Email Suppressions,Interests,Gender\n"
    "hans@example.de,01H1,Hans,M\xfcller,,Berlin,,Germany,10115,Instagram,SUBSCRIBED,"
    "2023-02-01 10:00:00,2024-06-01 12:00:00,2024-05-30 12:00:00,,\"yoga, hiking\",M\n"
    "zoe@example.com,01H2,Zo\xeb,Li,,,,United States,,,NEVER_SUBSCRIBED,2023-03-01,,,,,f\n"
    "ted@example.com,01H3,Ted,,,,,,,,UNSUBSCRIBED,2023-03-01,,,,,\n";
  g_autofree char *path = write_bytes (f, "klaviyo.csv", csv, sizeof csv - 1);
  g_autoptr(SegImportSummary) s = import_ok (f, path, NULL);
  g_autofree char *text = NULL;

  g_assert_cmpstr (s->preset, ==, "klaviyo-profiles");
  g_assert_cmpuint (s->customers_added, ==, 3);
  text = query_text (f, "SELECT last_name || '|' || country || '|' || email_status || '|' || "
                        "acquisition_source || '|' || gender FROM customers "
                        "WHERE email = 'hans@example.de'");
  g_assert_cmpstr (text, ==, "Müller|DE|subscribed|Instagram|male");
  g_clear_pointer (&text, g_free);
  text = query_text (f, "SELECT first_name || '|' || email_status || '|' || gender "
                        "FROM customers WHERE email = 'zoe@example.com'");
  g_assert_cmpstr (text, ==, "Zoë|never_subscribed|female");
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (query_int (f, "SELECT last_open_day FROM customers "
                                 "WHERE email = 'hans@example.de'"),
                   ==, seg_day_from_ymd (2024, 6, 1));
  g_assert_cmpint (query_int (f, "SELECT last_click_day FROM customers "
                                 "WHERE email = 'hans@example.de'"),
                   ==, seg_day_from_ymd (2024, 5, 30));
  text = query_text (f, "SELECT value FROM customer_attributes a JOIN customers c "
                        "ON c.id = a.customer_id WHERE c.email = 'hans@example.de' "
                        "AND a.name = 'interests'");
  g_assert_cmpstr (text, ==, "yoga, hiking");
  g_clear_pointer (&text, g_free);
  text = query_text (f, "SELECT email_status FROM customers WHERE email = 'ted@example.com'");
  g_assert_cmpstr (text, ==, "unsubscribed");
}

static void
test_custom_attributes (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = write_text (f, "survey.csv",
                                      "E-mail,Interests,Income,Age\n"
                                      "ann@example.com,gardening,50k-75k,29\n"
                                      "not-an-email,cooking,,40\n"
                                      "bea@example.com,,75k-100k,\n");
  g_autoptr(SegImportSummary) s = import_ok (f, path, NULL);
  g_autofree char *text = NULL;
  const SegImportIssue *issue;

  g_assert_cmpstr (s->preset, ==, "custom");
  g_assert_cmpuint (s->customers_added, ==, 2);
  g_assert_cmpuint (s->rows_skipped, ==, 1);
  issue = find_issue (s->skipped, 3);
  g_assert_nonnull (issue);
  g_assert_cmpstr (issue->column, ==, "E-mail");
  g_assert_nonnull (strstr (issue->reason, "not-an-email"));
  text = query_text (f, "SELECT income_band || '|' || age_band FROM customers "
                        "WHERE email = 'ann@example.com'");
  g_assert_cmpstr (text, ==, "50k-75k|25-34");
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM customer_attributes "
                                 "WHERE name = 'interests' AND value = 'gardening'"), ==, 1);
}

/* ---- WooCommerce ------------------------------------------------------ */

static void
test_woocommerce_plugin (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = write_text (
    f, "woo.csv",
    "order_id,order_number,order_date,paid_date,status,shipping_total,shipping_tax_total,"
    "fee_total,fee_tax_total,tax_total,cart_discount,order_discount,discount_total,"
    "order_total,order_subtotal,order_currency,payment_method,payment_method_title,"
    "transaction_id,customer_ip_address,customer_user_agent,shipping_method,customer_id,"
    "customer_user,customer_email,billing_first_name,billing_last_name,billing_company,"
    "billing_email,billing_phone,billing_address_1,billing_address_2,billing_postcode,"
    "billing_city,billing_state,billing_country,coupon_items,refund_items,line_item_1,"
    "line_item_2\n"
    "101,101,2024-01-10 10:00:00,,wc-completed,5.00,0,0,0,2.00,0,0,3.00,50.00,46.00,EUR,"
    "stripe,Card,,,,flat_rate,7,7,li@example.com,Li,Wei,,li@example.com,,,,75001,Paris,,FR,"
    "code:SAVE3|amount:3.00,,"
    "name:Hoodie|product_id:12|sku:HD-1|quantity:1|subtotal:30.00|total:30.00,"
    "name:Cap|product_id:13|sku:CP-1|quantity:2|subtotal:16.00|total:16.00\n"
    "102,102,2024-01-11 10:00:00,,processing,0,0,0,0,0,0,0,0,20.00,20.00,EUR,,,,,,,0,0,"
    "guest@example.com,,,,guest@example.com,,,,,,,,,,"
    "name:Cap|product_id:13|sku:CP-1|quantity:1|subtotal:20.00|total:20.00,\n"
    "103,103,2024-01-12 10:00:00,,cancelled,0,0,0,0,0,0,0,0,40.00,40.00,EUR,,,,,,,7,7,"
    "li@example.com,,,,,,,,,,,,,,name:Hoodie|quantity:1|total:40.00,\n"
    "104,104,2024-01-13 10:00:00,,failed,0,0,0,0,0,0,0,0,15.00,15.00,EUR,,,,,,,7,7,"
    "li@example.com,,,,,,,,,,,,,,name:Cap|quantity:1|total:15.00,\n"
    "105,105,2024-01-14 10:00:00,,refunded,0,0,0,0,0,0,0,0,25.00,25.00,EUR,,,,,,,7,7,"
    "li@example.com,,,,,,,,,,,,,,name:Cap|quantity:1|total:25.00,\n"
    "106,106,2024-01-15 10:00:00,,completed,0,0,0,0,0,0,0,0,60.00,60.00,EUR,,,,,,,7,7,"
    "li@example.com,,,,,,,,,,,,,id:9|amount:-10.00|reason:damaged,"
    "name:Hoodie|quantity:2|total:60.00,\n");
  g_autoptr(SegImportSummary) s = import_ok (f, path, NULL);
  g_autofree char *text = NULL;

  g_assert_cmpstr (s->preset, ==, "woocommerce-plugin-orders");
  g_assert_cmpuint (s->orders_added, ==, 6);
  g_assert_cmpuint (s->line_items, ==, 7);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM orders WHERE cancelled = 0"), ==, 4);
  /* 50 + 20 + (25 refunded: 0) + (60 − 10). */
  g_assert_cmpint (query_int (f, "SELECT sum (net_cents) FROM orders WHERE cancelled = 0"),
                   ==, 5000 + 2000 + 0 + 5000);
  g_assert_cmpint (query_int (f, "SELECT refunded_cents FROM orders WHERE order_key = '105'"),
                   ==, 2500);
  text = query_text (f, "SELECT discount_code || '|' || discount_cents || '|' || currency "
                        "|| '|' || financial_status FROM orders WHERE order_key = '101'");
  g_assert_cmpstr (text, ==, "SAVE3|300|EUR|completed");
  g_clear_pointer (&text, g_free);
  text = query_text (f, "SELECT group_concat (sku || 'x' || quantity || '@' || price_cents) "
                        "FROM order_items WHERE order_id = (SELECT id FROM orders "
                        "WHERE order_key = '101')");
  g_assert_cmpstr (text, ==, "HD-1x1@3000,CP-1x2@800");
  g_clear_pointer (&text, g_free);
  /* customer_id 0 is WooCommerce's guest: the email still names them. */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM customers"), ==, 2);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM customers WHERE external_id = '7'"),
                   ==, 1);
}

static void
test_woocommerce_old_plugin (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *path = write_text (
    f, "old.csv",
    "order_id,order_number_formatted,order_number,date,status,order_shipping,"
    "order_shipping_tax,order_fees,order_fee_tax,order_tax,cart_discount,order_discount,"
    "order_total,payment_method,shipping_method,customer_user,billing_first_name,"
    "billing_last_name,billing_email,billing_phone,billing_country,order_item_1\n"
    "10,#10,10,5/31/2016 0:37,completed,0,0,0,0,0,0,0,19.99,paypal,,3,Ann,Lee,"
    "ann@example.com,'0612345678,US,name:Mug|quantity:1|total:19.99\n"
    "11,#11,11,6/1/2016 13:05,on-hold,0,0,0,0,0,0,0,5.00,paypal,,3,Ann,Lee,"
    "ann@example.com,,US,name:Pin|quantity:1|total:5.00\n");
  g_autoptr(SegImportSummary) s = import_ok (f, path, NULL);

  g_assert_cmpstr (s->preset, ==, "woocommerce-plugin-orders");
  g_assert_cmpuint (s->orders_added, ==, 2);
  g_assert_cmpint (query_int (f, "SELECT order_day FROM orders WHERE order_key = '10'"),
                   ==, seg_day_from_ymd (2016, 5, 31));
  g_assert_cmpint (query_int (f, "SELECT order_day FROM orders WHERE order_key = '11'"),
                   ==, seg_day_from_ymd (2016, 6, 1));
  g_assert_cmpint (query_int (f, "SELECT sum (net_cents) FROM orders WHERE cancelled = 0"),
                   ==, 2499);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM customers WHERE phone = '0612345678'"),
                   ==, 1);
}

static void
test_woocommerce_analytics (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *customers = write_text (
    f, "customers.csv",
    "Name,Username,Role,Last active,Date registered,Email,Orders,Total spend,AOV,"
    "Country / Region,City,Region,Postal code\n"
    "Ann Lee,ann,customer,2024-06-01,2023-01-15,ann@example.com,3,120.00,40.00,"
    "United States,Austin,TX,73301\n");
  g_autofree char *orders = write_text (
    f, "commandes.csv",
    "Date,Commande n°,État,Client,Type de client,Moyen de paiement,Produit(s),"
    "Articles vendus,Code(s) promo,Ventes nettes,Attribution\n"
    "2024-05-01 10:00:00,501,Terminée,Ann Lee,Nouveau,Carte,\"2× Hoodie, Cap\",3,,80,Direct\n"
    "2024-05-02 10:00:00,502,Annulée,Ann Lee,Ancien,Carte,Cap,1,,10,Direct\n");
  g_autoptr(SegImportSummary) a = import_ok (f, customers, NULL);
  g_autoptr(SegImportSummary) b = import_ok (f, orders, NULL);
  g_autofree char *text = NULL;

  g_assert_cmpstr (a->preset, ==, "woocommerce-customers");
  g_assert_cmpstr (b->preset, ==, "woocommerce-orders");
  text = query_text (f, "SELECT first_name || ' ' || last_name || '|' || country || '|' || "
                        "region || '|' || city FROM customers");
  g_assert_cmpstr (text, ==, "Ann Lee|US|TX|Austin");
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM orders WHERE cancelled = 0"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT total_cents FROM orders WHERE order_key = '501'"),
                   ==, 8000);
  text = query_text (f, "SELECT group_concat (product || 'x' || quantity) FROM order_items");
  g_assert_cmpstr (text, ==, "Hoodiex2,Capx1,Capx1");
}

/* ---- Checkouts and campaigns ------------------------------------------ */

static void
test_shopify_checkouts (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *csv = NULL;
  g_autofree char *path = NULL;
  g_autofree char *orders_csv = shopify_orders (FALSE);
  g_autofree char *orders = write_text (f, "orders.csv", orders_csv);
  g_autoptr(SegImportSummary) o = import_ok (f, orders, NULL);
  g_autoptr(SegImportSummary) s = NULL;
  GString *text = g_string_new (SHOPIFY_ORDERS_HEADER "\n");

  append_free (text, R ("Name", "#35466921693341", "Email", "alice@example.com",
                            "Fulfillment Status", "unfulfilled", "Total", "30.00",
                            "Created at", "2023-12-30 10:00:00 -0500",
                            "Lineitem name", "Mug", "Lineitem quantity", "1"));
  append_free (text, R ("Name", "#35466921693341", "Lineitem name", "Pin",
                            "Lineitem quantity", "1"));
  append_free (text, R ("Name", "#35466921693342", "Email", "zed@example.com",
                            "Total", "12.50", "Created at", "2024-06-28 10:00:00 +0000",
                            "Lineitem name", "Cap", "Lineitem quantity", "1"));
  csv = g_string_free (text, FALSE);
  path = write_text (f, "checkouts_export.csv", csv);
  s = import_ok (f, path, NULL);

  g_assert_cmpstr (s->preset, ==, "shopify-checkouts");
  g_assert_cmpuint (s->checkouts_added, ==, 2);
  g_assert_cmpuint (s->customers_added, ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM orders"), ==, 6);
  g_assert_cmpint (query_int (f, "SELECT total_cents FROM checkouts "
                                 "WHERE checkout_key = '#35466921693342'"), ==, 1250);
  /* Alice ordered after abandoning her cart. */
  g_assert_cmpint (query_int (f, "SELECT recovered FROM checkouts "
                                 "WHERE checkout_key = '#35466921693341'"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT recovered FROM checkouts "
                                 "WHERE checkout_key = '#35466921693342'"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT m.checkouts FROM customer_measures m JOIN customers c "
                                 "ON c.id = m.customer_id WHERE c.email = 'zed@example.com'"),
                   ==, 1);
}

static void
test_campaign_results (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = write_text (
    f, "campaigns.csv",
    "campaign,date,segment,variant,subject,sent,opens,clicks,orders,revenue\n"
    "Spring sale,2024-03-01,Loyal,A,Spring is here,1000,420,80,12,\"1,234.50\"\n"
    "Spring sale,2024-03-01,Loyal,B,Fresh for spring,1000,455,95,15,1500.00\n"
    "Win-back,2024-04-01,Lapsed,,Come back,500,90,10,2,99.90\n");
  g_autoptr(SegImportSummary) s = import_ok (f, path, NULL);
  g_autoptr(SegImportSummary) again = NULL;
  g_autofree char *before = digest (f), *after = NULL;

  g_assert_cmpstr (s->preset, ==, "campaign-results");
  g_assert_cmpuint (s->campaign_rows, ==, 3);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM campaigns"), ==, 2);
  g_assert_cmpint (query_int (f, "SELECT sum (revenue_cents) FROM campaign_results"),
                   ==, 123450 + 150000 + 9990);
  g_assert_cmpint (query_int (f, "SELECT sent_day FROM campaigns WHERE name = 'Win-back'"),
                   ==, seg_day_from_ymd (2024, 4, 1));
  again = import_ok (f, path, NULL);
  after = digest (f);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (again->campaign_rows, ==, 0);
}

typedef struct
{
  GArray   *fractions;
  gboolean  done;
  gboolean  ok;
  GError   *error;
} AsyncState;

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  AsyncState *state = user_data;

  g_array_append_val (state->fractions, fraction);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  AsyncState *state = user_data;

  state->ok = seg_importer_run_finish (SEG_IMPORTER (object), result, &state->error);
  state->done = TRUE;
}

static void
test_async_progress (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *csv = transactions_csv (1500);
  g_autofree char *path = write_text (f, "t.csv", csv);
  g_autoptr(SegImportMapping) mapping = seg_import_mapping_new_for_path (path, 5, NULL, NULL);
  g_autoptr(SegImporter) importer = seg_importer_new (f->store, mapping);
  AsyncState state = { g_array_new (FALSE, FALSE, sizeof (double)) };

  seg_importer_set_reference_day (importer, f->ref_day);
  seg_importer_run_async (importer, NULL, progress_cb, &state, NULL, import_done_cb, &state);
  while (!state.done)
    g_main_context_iteration (NULL, TRUE);
  /* Progress arrives on this thread, in order, before the result. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_no_error (state.error);
  g_assert_true (state.ok);
  g_assert_cmpuint (state.fractions->len, >=, 3);
  g_assert_cmpfloat (g_array_index (state.fractions, double, 0), ==, 0.0);
  g_assert_cmpfloat (g_array_index (state.fractions, double, state.fractions->len - 1), ==, 1.0);
  for (guint i = 1; i < state.fractions->len; i++)
    g_assert_cmpfloat (g_array_index (state.fractions, double, i), >=,
                       g_array_index (state.fractions, double, i - 1));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM orders"), ==, 1500);
  g_assert_cmpuint (seg_importer_get_summary (importer)->rows_read, ==, 3000);
  g_array_unref (state.fractions);
}

/* The wizard's and the command line's encoding and delimiter overrides
 * travel on the mapping to the importer's reader. */
static void
test_overrides (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Valid UTF-8 that a Latin-1 program wrote: "Ã©" is two letters. */
  {
    g_autofree char *path = write_text (f, "latin1.csv",
                                        "Email;First Name\r\na@x.com;Jos\xc3\xa9\r\n");
    g_autoptr(SegImportMapping) mapping = seg_import_mapping_new_for_path (path, 20, NULL,
                                                                           &error);
    g_autoptr(SegImporter) importer = NULL;
    g_autofree char *name = NULL;
    g_autofree char *override = NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (seg_import_mapping_get_sample (mapping, 0, 1), ==, "Jos\xc3\xa9");
    g_object_set (mapping, "encoding-override", "iso-8859-1", NULL);
    g_object_get (mapping, "encoding-override", &override, NULL);
    g_assert_cmpstr (override, ==, "ISO-8859-1");
    g_assert_false (seg_import_mapping_set_encoding_override (mapping, "klingon", &error));
    g_assert_error (error, SEG_IMPORT_ERROR, SEG_IMPORT_ERROR_FAILED);
    g_clear_error (&error);
    g_assert_cmpstr (seg_import_mapping_get_encoding_override (mapping), ==, "ISO-8859-1");

    importer = seg_importer_new (f->store, mapping);
    seg_importer_run (importer, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    name = query_text (f, "SELECT first_name FROM customers WHERE email = 'a@x.com'");
    g_assert_cmpstr (name, ==, "Jos\xc3\x83\xc2\xa9");
  }

  /* Commas and semicolons equally steady: the sniffer says comma. */
  {
    g_autofree char *path = write_text (f, "semi.csv",
                                        "Name,Title;Email\nAnn,Dr;b@x.com\nBo,Mr;c@x.com\n");
    g_autoptr(SegImportMapping) sniffed = seg_import_mapping_new_for_path (path, 20, NULL,
                                                                           &error);
    g_autoptr(SegImportMapping) mapping = NULL;
    g_autoptr(SegImporter) importer = NULL;
    guint delimiter = 0;

    g_assert_no_error (error);
    g_assert_cmpint (seg_import_mapping_get_delimiter (sniffed), ==, ',');
    g_assert_cmpstr (seg_import_mapping_get_encoding (sniffed), ==, "UTF-8");

    mapping = seg_import_mapping_new_for_path_full (path, NULL, "Windows-1252", ';', 20, NULL,
                                                    &error);
    g_assert_no_error (error);
    g_assert_cmpint (seg_import_mapping_get_delimiter (mapping), ==, ';');
    g_assert_cmpstr (seg_import_mapping_get_encoding (mapping), ==, "Windows-1252");
    g_object_get (mapping, "delimiter-override", &delimiter, NULL);
    g_assert_cmpuint (delimiter, ==, ';');
    g_assert_cmpuint (seg_import_mapping_get_n_columns (mapping), ==, 2);
    g_assert_cmpstr (seg_import_mapping_get_column_name (mapping, 0), ==, "Name,Title");
    g_assert_cmpstr (seg_import_mapping_get_column_field (mapping, 1), ==, "email");

    importer = seg_importer_new (f->store, mapping);
    seg_importer_run (importer, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (query_int (f, "SELECT count(*) FROM customers WHERE email IN "
                                   "('b@x.com', 'c@x.com')"), ==, 2);
  }
}

/* "Export problems…" writes a header row, and no cell a spreadsheet would
 * run as a formula. */
static void
test_problems_csv (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = write_text (f, "p.csv", "@Mail,Name\nnot-an-email,Bob\n");
  g_autoptr(SegImportMapping) mapping = seg_import_mapping_new_for_path (path, 20, NULL, NULL);
  g_autoptr(SegImporter) importer = NULL;
  g_autoptr(SegImportSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  static const char * const formulas[] = { "=1+2", "+1", "-2", "@SUM(A1)", "\t=1" };

  g_assert_true (seg_import_mapping_set_column_field (mapping, 0, "email", &error));
  importer = seg_importer_new (f->store, mapping);
  seg_importer_set_mode (importer, SEG_IMPORT_MODE_CHECK);
  seg_importer_run (importer, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  summary = seg_import_summary_copy (seg_importer_get_summary (importer));
  g_assert_cmpuint (summary->skipped->len, ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (formulas); i++)
    {
      SegImportIssue *issue = g_new0 (SegImportIssue, 1);

      issue->line = 10 + i;
      issue->column = g_strdup ("Name");
      issue->reason = g_strdup (formulas[i]);
      g_ptr_array_add (summary->warnings, issue);
    }

  csv = seg_import_summary_to_csv (summary);
  lines = g_strsplit (csv, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "line,kind,column,reason");
  g_assert_true (g_str_has_prefix (lines[1], "2,skipped,\"'@Mail\",\""));
  g_assert_cmpstr (lines[2], ==, "10,warning,\"Name\",\"'=1+2\"");
  g_assert_cmpstr (lines[3], ==, "11,warning,\"Name\",\"'+1\"");
  g_assert_cmpstr (lines[4], ==, "12,warning,\"Name\",\"'-2\"");
  g_assert_cmpstr (lines[5], ==, "13,warning,\"Name\",\"'@SUM(A1)\"");
  g_assert_cmpstr (lines[6], ==, "14,warning,\"Name\",\"'\t=1\"");
  g_assert_cmpstr (lines[7], ==, "");
  g_assert_null (lines[8]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/import/preset/detect", test_preset_detect);
  g_test_add_func ("/import/preset/columns", test_preset_columns);
  g_test_add_func ("/import/mapping/model", test_mapping_model);
  ADD ("/import/mapping/saved", test_mapping_saved);
  ADD ("/import/shopify/orders", test_shopify_orders);
  ADD ("/import/shopify/newer-export", test_shopify_newer_export);
  ADD ("/import/shopify/checkouts", test_shopify_checkouts);
  ADD ("/import/merge/email", test_merge_on_email);
  ADD ("/import/transaction/cancel", test_cancel_leaves_store_unchanged);
  ADD ("/import/transaction/check-mode", test_check_mode);
  ADD ("/import/errors/missing-field", test_missing_field);
  ADD ("/import/dates/ambiguous", test_ambiguous_dates);
  ADD ("/import/transactions", test_transactions);
  ADD ("/import/line-item-products", test_line_item_products);
  ADD ("/import/quirks/bom-crlf-semicolons", test_bom_crlf_semicolons);
  ADD ("/import/quirks/klaviyo-windows-1252", test_klaviyo_windows_1252);
  ADD ("/import/custom/attributes", test_custom_attributes);
  ADD ("/import/woocommerce/plugin", test_woocommerce_plugin);
  ADD ("/import/woocommerce/old-plugin", test_woocommerce_old_plugin);
  ADD ("/import/woocommerce/analytics", test_woocommerce_analytics);
  ADD ("/import/campaigns", test_campaign_results);
  ADD ("/import/async", test_async_progress);
  ADD ("/import/overrides", test_overrides);
  ADD ("/import/problems-csv", test_problems_csv);

  return g_test_run ();
}
