/* seg-import-preset.c — the store exports Segments recognises
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seg-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "seg-import-preset.h"

/* A header name and the field it gets.  @occurrence (1-based, 0 = any)
 * picks one of several columns with the same name; @unless names a column
 * whose presence makes this entry void (order_id is the order key only
 * when there is no order_number). */
typedef struct
{
  const char *name;
  const char *field;
  guint       occurrence;
  const char *unless;
} ColumnRule;

typedef struct
{
  const char        *id;
  const char        *label;   /* N_() */
  const char        *source;
  SegImportTarget    target;
  const ColumnRule  *rules;
  const char        *unknown; /* what unknown columns become: "ignore" or "attribute" */
} PresetInfo;

static const ColumnRule shopify_customers_rules[] = {
  { "customer id", "customer_id" },
  { "first name", "first_name" },
  { "last name", "last_name" },
  { "email", "email" },
  { "accepts email marketing", "accepts_marketing" },
  { "city", "city" },
  { "default address city", "city" },
  { "province", "region" },
  { "province code", "region" },
  { "default address province code", "region" },
  { "country", "country" },
  { "country code", "country" },
  { "default address country code", "country" },
  { "zip", "postal_code" },
  { "default address zip", "postal_code" },
  { "phone", "phone" },
  { "default address phone", "phone" },
  { "tags", "tags" },
  { NULL, NULL }
};

static const ColumnRule shopify_orders_rules[] = {
  { "name", "order_key" },
  { "email", "email" },
  { "financial status", "financial_status" },
  { "fulfillment status", "fulfillment_status" },
  { "accepts marketing", "accepts_marketing" },
  { "currency", "currency" },
  { "subtotal", "subtotal" },
  { "shipping", "shipping" },
  { "taxes", "taxes" },
  { "total", "total" },
  { "discount code", "discount_code" },
  { "discount amount", "discount_amount" },
  { "created at", "order_date" },
  { "lineitem quantity", "line_quantity" },
  { "lineitem name", "line_product" },
  { "lineitem price", "line_price" },
  { "lineitem sku", "line_sku" },
  { "billing name", "full_name" },
  { "billing city", "city" },
  { "billing zip", "postal_code" },
  { "billing province", "region" },
  { "billing country", "country" },
  { "billing phone", "phone" },
  { "shipping city", "shipping_city" },
  { "shipping province", "shipping_region" },
  { "shipping country", "shipping_country" },
  { "cancelled at", "cancelled_at" },
  { "refunded amount", "refunded_amount" },
  { "vendor", "line_vendor" },
  { "source", "order_channel" },
  /* The order's own tags, not the customer's: left out on purpose. */
  { "tags", "ignore" },
  { "phone", "phone" },
  { "abandoned checkout url", "checkout_url" },
  { NULL, NULL }
};

static const ColumnRule woocommerce_customers_rules[] = {
  { "name", "full_name" },
  { "nom", "full_name" },
  { "date registered", "customer_created" },
  { "date d'inscription", "customer_created" },
  { "email", "email" },
  { "e-mail", "email" },
  { "country / region", "country" },
  { "pays / region", "country" },
  { "pays / région", "country" },
  { "country", "country" },
  { "city", "city" },
  { "ville", "city" },
  { "region", "region" },
  { "région", "region" },
  { "postal code", "postal_code" },
  { "code postal", "postal_code" },
  { NULL, NULL }
};

static const ColumnRule woocommerce_orders_rules[] = {
  { "date", "order_date" },
  { "order #", "order_key" },
  { "commande n°", "order_key" },
  { "n° de commande", "order_key" },
  { "status", "order_status" },
  { "état", "order_status" },
  { "statut", "order_status" },
  { "product(s)", "line_products_list" },
  { "produit(s)", "line_products_list" },
  { "coupon(s)", "discount_code" },
  { "code(s) promo", "discount_code" },
  { "net sales", "total" },
  { "ventes nettes", "total" },
  { "attribution", "order_channel" },
  { NULL, NULL }
};

static const ColumnRule woocommerce_plugin_rules[] = {
  { "order_number", "order_key" },
  { "order_id", "order_key", 0, "order_number" },
  { "order_date", "order_date" },
  { "date", "order_date" },
  { "status", "order_status" },
  { "shipping_total", "shipping" },
  { "order_shipping", "shipping" },
  { "tax_total", "taxes" },
  { "order_tax", "taxes" },
  { "discount_total", "discount_amount" },
  { "order_discount", "discount_amount", 0, "discount_total" },
  { "order_total", "total" },
  { "order_subtotal", "subtotal" },
  { "order_currency", "currency" },
  { "customer_id", "customer_id" },
  { "customer_user", "customer_id", 0, "customer_id" },
  { "customer_email", "email" },
  { "billing_email", "email" },
  { "billing_first_name", "first_name" },
  { "billing_last_name", "last_name" },
  { "billing_phone", "phone" },
  { "billing_postcode", "postal_code" },
  { "billing_city", "city" },
  { "billing_state", "region" },
  { "billing_country", "country" },
  { "shipping_city", "shipping_city" },
  { "shipping_state", "shipping_region" },
  { "shipping_country", "shipping_country" },
  { "coupon_items", "coupon_items" },
  { "refund_items", "refund_items" },
  { NULL, NULL }
};

static const ColumnRule klaviyo_rules[] = {
  { "email", "email" },
  { "klaviyo id", "customer_id" },
  { "first name", "first_name" },
  { "last name", "last_name" },
  { "phone number", "phone" },
  { "city", "city" },
  { "state / region", "region" },
  { "country", "country" },
  { "zip code", "postal_code" },
  { "source", "acquisition_source" },
  { "email marketing consent", "email_status" },
  { "profile created on", "customer_created" },
  { "last open", "last_open" },
  { "last click", "last_click" },
  /* Known Klaviyo columns that Segments derives itself or has no use for. */
  { "organization", "ignore" }, { "title", "ignore" }, { "address", "ignore" },
  { "address 2", "ignore" }, { "latitude", "ignore" }, { "longitude", "ignore" },
  { "ip address", "ignore" }, { "email marketing consent timestamp", "ignore" },
  { "historic customer lifetime value", "ignore" },
  { "total customer lifetime value", "ignore" },
  { "predicted customer lifetime value", "ignore" },
  { "average order value", "ignore" }, { "historic number of orders", "ignore" },
  { "first active", "ignore" }, { "last active", "ignore" }, { "date added", "ignore" },
  { "average days between orders", "ignore" }, { "email suppressions", "ignore" },
  { NULL, NULL }
};

static const ColumnRule mailchimp_rules[] = {
  { "email address", "email" },
  { "first name", "first_name" },
  { "last name", "last_name" },
  { "phone number", "phone" },
  { "phone", "phone" },
  { "member_rating", "member_rating" },
  { "optin_time", "customer_created" },
  { "cc", "country" },
  { "region", "region" },
  { "tags", "tags" },
  { "address", "ignore" }, { "birthday", "ignore" }, { "optin_ip", "ignore" },
  { "confirm_time", "ignore" }, { "confirm_ip", "ignore" }, { "latitude", "ignore" },
  { "longitude", "ignore" }, { "gmtoff", "ignore" }, { "dstoff", "ignore" },
  { "timezone", "ignore" }, { "last_changed", "ignore" }, { "leid", "ignore" },
  { "euid", "ignore" }, { "notes", "ignore" }, { "unsub_time", "ignore" },
  { "unsub_campaign_title", "ignore" }, { "unsub_campaign_id", "ignore" },
  { "unsub_reason", "ignore" }, { "unsub_reason_other", "ignore" },
  { "clean_time", "ignore" }, { "clean_campaign_title", "ignore" },
  { "clean_campaign_id", "ignore" },
  { NULL, NULL }
};

static const ColumnRule transactions_rules[] = {
  { "invoiceno", "order_key" },
  { "invoice", "order_key" },
  { "stockcode", "line_sku" },
  { "description", "line_product" },
  { "quantity", "line_quantity" },
  { "invoicedate", "order_date" },
  { "unitprice", "line_price" },
  { "price", "line_price" },
  { "customerid", "customer_id" },
  { "customer id", "customer_id" },
  { "country", "country" },
  { NULL, NULL }
};

static const ColumnRule campaign_rules[] = {
  { "campaign", "campaign_name" },
  { "campaign name", "campaign_name" },
  { "date", "campaign_date" },
  { "sent date", "campaign_date" },
  { "segment", "segment_name" },
  { "variant", "variant" },
  { "subject", "campaign_subject" },
  { "kind", "campaign_kind" },
  { "type", "campaign_kind" },
  { "sent", "sent" },
  { "opens", "opens" },
  { "clicks", "clicks" },
  { "orders", "campaign_orders" },
  { "revenue", "campaign_revenue" },
  { NULL, NULL }
};

/* Names people give columns in hand-made files. */
static const ColumnRule custom_rules[] = {
  { "email", "email" }, { "e-mail", "email" }, { "email address", "email" },
  { "e-mail address", "email" }, { "mail", "email" }, { "courriel", "email" },
  { "customer id", "customer_id" }, { "customer_id", "customer_id" },
  { "customerid", "customer_id" }, { "id", "customer_id" },
  { "first name", "first_name" }, { "firstname", "first_name" },
  { "first_name", "first_name" }, { "given name", "first_name" },
  { "prénom", "first_name" },
  { "last name", "last_name" }, { "lastname", "last_name" }, { "last_name", "last_name" },
  { "surname", "last_name" }, { "family name", "last_name" },
  { "name", "full_name" }, { "full name", "full_name" }, { "customer name", "full_name" },
  { "customer", "full_name" },
  { "phone", "phone" }, { "phone number", "phone" }, { "telephone", "phone" },
  { "mobile", "phone" },
  { "birthday", "birth_date" }, { "birth date", "birth_date" },
  { "birth_date", "birth_date" }, { "date of birth", "birth_date" }, { "dob", "birth_date" },
  { "age", "age_band" }, { "age band", "age_band" }, { "age group", "age_band" },
  { "age_band", "age_band" },
  { "gender", "gender" }, { "sex", "gender" },
  { "income", "income_band" }, { "income band", "income_band" },
  { "income_band", "income_band" },
  { "language", "language" }, { "locale", "language" },
  { "country", "country" }, { "country code", "country" },
  { "state", "region" }, { "region", "region" }, { "province", "region" },
  { "city", "city" }, { "town", "city" },
  { "zip", "postal_code" }, { "zip code", "postal_code" }, { "postal code", "postal_code" },
  { "postcode", "postal_code" },
  { "tags", "tags" },
  { "accepts marketing", "accepts_marketing" },
  { "email status", "email_status" }, { "subscription status", "email_status" },
  { "source", "acquisition_source" }, { "acquisition source", "acquisition_source" },
  { "utm_source", "acquisition_source" },
  { "utm_campaign", "acquisition_campaign" },
  { "acquisition campaign", "acquisition_campaign" },
  { "order", "order_key" }, { "order id", "order_key" }, { "order number", "order_key" },
  { "order #", "order_key" }, { "invoice", "order_key" },
  { "order date", "order_date" }, { "date", "order_date" },
  { "total", "total" }, { "order total", "total" }, { "amount", "total" },
  { "currency", "currency" },
  { "sku", "line_sku" }, { "product", "line_product" }, { "quantity", "line_quantity" },
  { "qty", "line_quantity" }, { "price", "line_price" }, { "unit price", "line_price" },
  { "category", "line_category" },
  { NULL, NULL }
};

static const PresetInfo presets[SEG_IMPORT_N_PRESETS] = {
  [SEG_IMPORT_PRESET_CUSTOM] =
    { "custom", N_("Custom CSV"), "csv", SEG_IMPORT_TARGET_CUSTOMERS,
      custom_rules, "attribute" },
  [SEG_IMPORT_PRESET_SHOPIFY_CUSTOMERS] =
    { "shopify-customers", N_("Shopify customers"), "shopify",
      SEG_IMPORT_TARGET_CUSTOMERS, shopify_customers_rules, "ignore" },
  [SEG_IMPORT_PRESET_SHOPIFY_ORDERS] =
    { "shopify-orders", N_("Shopify orders"), "shopify",
      SEG_IMPORT_TARGET_ORDERS, shopify_orders_rules, "ignore" },
  [SEG_IMPORT_PRESET_SHOPIFY_CHECKOUTS] =
    { "shopify-checkouts", N_("Shopify abandoned checkouts"), "shopify",
      SEG_IMPORT_TARGET_CHECKOUTS, shopify_orders_rules, "ignore" },
  [SEG_IMPORT_PRESET_WOOCOMMERCE_CUSTOMERS] =
    { "woocommerce-customers", N_("WooCommerce customers"), "woocommerce",
      SEG_IMPORT_TARGET_CUSTOMERS, woocommerce_customers_rules, "ignore" },
  [SEG_IMPORT_PRESET_WOOCOMMERCE_ORDERS] =
    { "woocommerce-orders", N_("WooCommerce orders"), "woocommerce",
      SEG_IMPORT_TARGET_ORDERS, woocommerce_orders_rules, "ignore" },
  [SEG_IMPORT_PRESET_WOOCOMMERCE_PLUGIN_ORDERS] =
    { "woocommerce-plugin-orders", N_("WooCommerce orders (export plugin)"), "woocommerce",
      SEG_IMPORT_TARGET_ORDERS, woocommerce_plugin_rules, "ignore" },
  [SEG_IMPORT_PRESET_KLAVIYO_PROFILES] =
    { "klaviyo-profiles", N_("Klaviyo profiles"), "klaviyo",
      SEG_IMPORT_TARGET_CUSTOMERS, klaviyo_rules, "attribute" },
  [SEG_IMPORT_PRESET_MAILCHIMP_AUDIENCE] =
    { "mailchimp-audience", N_("Mailchimp audience"), "mailchimp",
      SEG_IMPORT_TARGET_CUSTOMERS, mailchimp_rules, "attribute" },
  [SEG_IMPORT_PRESET_TRANSACTIONS] =
    { "transactions", N_("Line-item transactions"), "csv",
      SEG_IMPORT_TARGET_ORDERS, transactions_rules, "ignore" },
  [SEG_IMPORT_PRESET_CAMPAIGN_RESULTS] =
    { "campaign-results", N_("Campaign results"), "csv",
      SEG_IMPORT_TARGET_CAMPAIGN_RESULTS, campaign_rules, "ignore" },
};

const char *
seg_import_preset_get_id (SegImportPreset preset)
{
  g_return_val_if_fail (preset < SEG_IMPORT_N_PRESETS, NULL);

  return presets[preset].id;
}

const char *
seg_import_preset_get_label (SegImportPreset preset)
{
  g_return_val_if_fail (preset < SEG_IMPORT_N_PRESETS, NULL);

  return _(presets[preset].label);
}

const char *
seg_import_preset_get_source (SegImportPreset preset)
{
  g_return_val_if_fail (preset < SEG_IMPORT_N_PRESETS, NULL);

  return presets[preset].source;
}

SegImportTarget
seg_import_preset_get_target (SegImportPreset preset)
{
  g_return_val_if_fail (preset < SEG_IMPORT_N_PRESETS, SEG_IMPORT_TARGET_CUSTOMERS);

  return presets[preset].target;
}

gboolean
seg_import_preset_from_id (const char      *id,
                           SegImportPreset *preset)
{
  g_return_val_if_fail (id != NULL, FALSE);

  for (guint i = 0; i < SEG_IMPORT_N_PRESETS; i++)
    if (g_ascii_strcasecmp (id, presets[i].id) == 0)
      {
        if (preset != NULL)
          *preset = i;
        return TRUE;
      }
  return FALSE;
}

char *
seg_import_preset_normalize_name (const char *name)
{
  g_autofree char *lower = NULL;
  GString *out;
  gboolean space = FALSE;

  if (name == NULL)
    return g_strdup ("");

  lower = g_utf8_strdown (name, -1);
  out = g_string_sized_new (strlen (lower));
  for (const char *p = lower; *p; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

typedef struct
{
  GHashTable *names;  /* normalised name → first column index + 1 */
} HeaderSet;

static void
header_set_init (HeaderSet          *set,
                 const char * const *header,
                 guint               n_columns)
{
  set->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < n_columns; i++)
    {
      char *name = seg_import_preset_normalize_name (header[i]);

      if (g_hash_table_contains (set->names, name))
        g_free (name);
      else
        g_hash_table_insert (set->names, name, GUINT_TO_POINTER (i + 1));
    }
}

static gboolean
has (HeaderSet  *set,
     const char *name)
{
  return g_hash_table_contains (set->names, name);
}

static int
column_of (HeaderSet  *set,
           const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (set->names, name)) - 1;
}

/* "#12345678901234": Shopify names abandoned checkouts by their long id. */
static gboolean
is_checkout_name (const char *text)
{
  gsize n = 0;

  if (text == NULL)
    return FALSE;
  if (*text == '#')
    text++;
  for (; g_ascii_isdigit (*text); text++)
    n++;
  return *text == '\0' && n >= 12;
}

SegImportPreset
seg_import_preset_detect (const char * const *header,
                          guint               n_columns,
                          const char * const *first_row,
                          guint               first_row_len)
{
  HeaderSet set;
  SegImportPreset preset = SEG_IMPORT_PRESET_CUSTOM;

  g_return_val_if_fail (header != NULL || n_columns == 0, SEG_IMPORT_PRESET_CUSTOM);

  header_set_init (&set, header, n_columns);

  if (has (&set, "name") && has (&set, "email") && has (&set, "financial status")
      && has (&set, "lineitem name") && has (&set, "created at"))
    {
      int name_col = column_of (&set, "name");
      int status_col = column_of (&set, "financial status");
      gboolean checkout = has (&set, "abandoned checkout url");

      if (!checkout && first_row != NULL && (guint) name_col < first_row_len
          && is_checkout_name (first_row[name_col])
          && ((guint) status_col >= first_row_len || first_row[status_col] == NULL
              || first_row[status_col][0] == '\0'))
        checkout = TRUE;
      preset = checkout ? SEG_IMPORT_PRESET_SHOPIFY_CHECKOUTS : SEG_IMPORT_PRESET_SHOPIFY_ORDERS;
    }
  else if (has (&set, "first name") && has (&set, "last name") && has (&set, "email")
           && has (&set, "accepts email marketing")
           && (has (&set, "total spent") || has (&set, "total orders")))
    preset = SEG_IMPORT_PRESET_SHOPIFY_CUSTOMERS;
  else if (has (&set, "email") && (has (&set, "klaviyo id")
                                   || has (&set, "email marketing consent")))
    preset = SEG_IMPORT_PRESET_KLAVIYO_PROFILES;
  else if (has (&set, "email address")
           && (has (&set, "member_rating") || has (&set, "leid") || has (&set, "euid")
               || has (&set, "optin_time")))
    preset = SEG_IMPORT_PRESET_MAILCHIMP_AUDIENCE;
  else if (has (&set, "order_id") && has (&set, "order_total")
           && (has (&set, "order_date") || has (&set, "date")))
    preset = SEG_IMPORT_PRESET_WOOCOMMERCE_PLUGIN_ORDERS;
  else if ((has (&set, "username") || has (&set, "nom d'utilisateur"))
           && (has (&set, "email") || has (&set, "e-mail"))
           && (has (&set, "total spend") || has (&set, "date registered")
               || has (&set, "orders") || has (&set, "dépense totale")))
    preset = SEG_IMPORT_PRESET_WOOCOMMERCE_CUSTOMERS;
  else if ((has (&set, "order #") || has (&set, "commande n°") || has (&set, "n° de commande"))
           && (has (&set, "status") || has (&set, "état") || has (&set, "statut"))
           && has (&set, "date"))
    preset = SEG_IMPORT_PRESET_WOOCOMMERCE_ORDERS;
  else if ((has (&set, "invoiceno") || has (&set, "invoice")) && has (&set, "stockcode")
           && has (&set, "quantity") && (has (&set, "unitprice") || has (&set, "price")))
    preset = SEG_IMPORT_PRESET_TRANSACTIONS;
  else if ((has (&set, "campaign") || has (&set, "campaign name")) && has (&set, "sent")
           && has (&set, "opens"))
    preset = SEG_IMPORT_PRESET_CAMPAIGN_RESULTS;

  g_hash_table_unref (set.names);
  return preset;
}

static gboolean
has_numbered_prefix (const char *name,
                     const char *prefix)
{
  gsize len = strlen (prefix);

  if (strncmp (name, prefix, len) != 0 || name[len] == '\0')
    return FALSE;
  for (const char *p = name + len; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* "Birth date (customer.metafields.facts.birth_date)" → "birth date". */
static char *
strip_metafield (const char *name)
{
  const char *paren = strstr (name, " (customer.metafields.");

  if (paren == NULL)
    return NULL;
  return g_strndup (name, paren - name);
}

static const char *
lookup_rule (const ColumnRule *rules,
             HeaderSet        *set,
             const char       *name,
             guint             occurrence)
{
  for (const ColumnRule *r = rules; r->name != NULL; r++)
    {
      if (strcmp (r->name, name) != 0)
        continue;
      if (r->occurrence != 0 && r->occurrence != occurrence)
        continue;
      if (r->unless != NULL && has (set, r->unless))
        return "ignore";
      return r->field;
    }
  return NULL;
}

char **
seg_import_preset_map_columns (SegImportPreset     preset,
                               const char * const *header,
                               guint               n_columns)
{
  const PresetInfo *info;
  g_autoptr(GHashTable) seen = NULL;
  HeaderSet set;
  char **fields;

  g_return_val_if_fail (preset < SEG_IMPORT_N_PRESETS, NULL);

  info = &presets[preset];
  header_set_init (&set, header, n_columns);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fields = g_new0 (char *, n_columns + 1);

  for (guint i = 0; i < n_columns; i++)
    {
      g_autofree char *name = seg_import_preset_normalize_name (header[i]);
      g_autofree char *meta = strip_metafield (name);
      const char *key = meta != NULL ? meta : name;
      const char *field = NULL;
      guint occurrence;

      occurrence = GPOINTER_TO_UINT (g_hash_table_lookup (seen, name)) + 1;
      g_hash_table_insert (seen, g_strdup (name), GUINT_TO_POINTER (occurrence));

      if (name[0] == '\0')
        field = "ignore";
      if (field == NULL)
        field = lookup_rule (info->rules, &set, key, occurrence);
      if (field == NULL && preset == SEG_IMPORT_PRESET_WOOCOMMERCE_PLUGIN_ORDERS
          && (has_numbered_prefix (name, "line_item_")
              || has_numbered_prefix (name, "order_item_")))
        field = "line_item_packed";
      /* Demographic columns that a platform's export leaves to the user
       * (Klaviyo custom properties, Mailchimp merge fields) still land in
       * their field when their name says what they are. */
      if (field == NULL && preset != SEG_IMPORT_PRESET_CUSTOM
          && g_strcmp0 (info->unknown, "attribute") == 0)
        {
          const char *guess = lookup_rule (custom_rules, &set, key, 0);

          if (guess != NULL && (g_str_equal (guess, "gender") || g_str_equal (guess, "birth_date")
                                || g_str_equal (guess, "language")
                                || g_str_equal (guess, "income_band")
                                || g_str_equal (guess, "age_band")))
            field = guess;
        }
      if (field == NULL && g_str_equal (key, "birth date"))
        field = "birth_date";

      if (field != NULL)
        fields[i] = g_strdup (field);
      else if (g_strcmp0 (info->unknown, "attribute") == 0)
        fields[i] = g_strconcat ("attribute:", key, NULL);
      else
        fields[i] = g_strdup ("ignore");
    }

  g_hash_table_unref (set.names);
  return fields;
}

const char *
seg_import_preset_get_implied_email_status (SegImportPreset     preset,
                                            const char * const *header,
                                            guint               n_columns)
{
  const char *status = "subscribed";

  if (preset != SEG_IMPORT_PRESET_MAILCHIMP_AUDIENCE)
    return NULL;

  for (guint i = 0; i < n_columns; i++)
    {
      if (header[i] == NULL)
        continue;
      if (g_ascii_strcasecmp (header[i], "UNSUB_TIME") == 0)
        status = "unsubscribed";
      else if (g_ascii_strcasecmp (header[i], "CLEAN_TIME") == 0)
        status = "cleaned";
    }
  return status;
}
