/* seg-import-mapping.c — which column of a file becomes which field
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seg-import"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "seg-csv-reader.h"
#include "seg-import-mapping.h"
#include "seg-store.h"
#include "seg-zip-reader.h"

typedef struct
{
  char             *name;
  char             *field;      /* "email", "ignore", "attribute:x" */
  SegImportFieldId  field_id;
  char             *attribute;  /* for SEG_IMPORT_FIELD_ATTRIBUTE */
} Column;

struct _SegImportMapping
{
  GObject          parent_instance;

  char            *path;
  char            *member;       /* the CSV file inside a ZIP archive, or NULL */
  goffset          size;         /* of the file or the member, -1 unknown */
  char            *encoding;
  char             delimiter;
  char            *encoding_override;  /* NULL: as sniffed */
  char             delimiter_override; /* 0: as sniffed */

  GPtrArray       *header;       /* char *, NULL-terminated */
  GArray          *columns;      /* Column */
  GPtrArray       *samples;      /* GStrv per row */
  GArray          *sample_lines; /* gsize */

  SegImportPreset  preset;
  SegDateOrder     date_order;
};

G_DEFINE_FINAL_TYPE (SegImportMapping, seg_import_mapping, G_TYPE_OBJECT)

G_DEFINE_QUARK (seg-import-error-quark, seg_import_error)

enum {
  PROP_0,
  PROP_PATH,
  PROP_ENCODING,
  PROP_ENCODING_OVERRIDE,
  PROP_DELIMITER_OVERRIDE,
  PROP_N_COLUMNS,
  PROP_PRESET,
  PROP_TARGET,
  PROP_DATE_ORDER,
  N_PROPS
};

enum {
  COLUMN_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define F(field, id, group, label, is_date) \
  [SEG_IMPORT_FIELD_##field] = { SEG_IMPORT_FIELD_##field, id, SEG_IMPORT_FIELD_GROUP_##group, \
                                 label, is_date }

static const SegImportFieldInfo catalogue[SEG_IMPORT_N_FIELDS] = {
  F (IGNORE, "ignore", NONE, N_("Ignore this column"), FALSE),
  F (ATTRIBUTE, "attribute", NONE, N_("Custom attribute"), FALSE),
  F (EMAIL, "email", DEMOGRAPHIC, N_("Email"), FALSE),
  F (CUSTOMER_ID, "customer_id", DEMOGRAPHIC, N_("Customer ID"), FALSE),
  F (FIRST_NAME, "first_name", DEMOGRAPHIC, N_("First name"), FALSE),
  F (LAST_NAME, "last_name", DEMOGRAPHIC, N_("Last name"), FALSE),
  F (FULL_NAME, "full_name", DEMOGRAPHIC, N_("Full name"), FALSE),
  F (PHONE, "phone", DEMOGRAPHIC, N_("Phone"), FALSE),
  F (BIRTH_DATE, "birth_date", DEMOGRAPHIC, N_("Birth date"), TRUE),
  F (AGE_BAND, "age_band", DEMOGRAPHIC, N_("Age or age band"), FALSE),
  F (GENDER, "gender", DEMOGRAPHIC, N_("Gender"), FALSE),
  F (INCOME_BAND, "income_band", DEMOGRAPHIC, N_("Income band"), FALSE),
  F (LANGUAGE, "language", DEMOGRAPHIC, N_("Language"), FALSE),
  F (ACCEPTS_MARKETING, "accepts_marketing", BEHAVIORAL, N_("Accepts email marketing"), FALSE),
  F (EMAIL_STATUS, "email_status", BEHAVIORAL, N_("Email subscription status"), FALSE),
  F (MEMBER_RATING, "member_rating", BEHAVIORAL, N_("Member rating (1–5)"), FALSE),
  F (LAST_OPEN, "last_open", BEHAVIORAL, N_("Last email open"), TRUE),
  F (LAST_CLICK, "last_click", BEHAVIORAL, N_("Last email click"), TRUE),
  F (CUSTOMER_CREATED, "customer_created", BEHAVIORAL, N_("Customer since"), TRUE),
  F (TAGS, "tags", PSYCHOGRAPHIC, N_("Tags"), FALSE),
  F (ACQUISITION_SOURCE, "acquisition_source", PSYCHOGRAPHIC, N_("Acquisition source"), FALSE),
  F (ACQUISITION_CAMPAIGN, "acquisition_campaign", PSYCHOGRAPHIC,
     N_("Acquisition campaign"), FALSE),
  F (COUNTRY, "country", GEOGRAPHIC, N_("Country"), FALSE),
  F (REGION, "region", GEOGRAPHIC, N_("Region / state"), FALSE),
  F (CITY, "city", GEOGRAPHIC, N_("City"), FALSE),
  F (POSTAL_CODE, "postal_code", GEOGRAPHIC, N_("Postal code"), FALSE),
  F (ORDER_KEY, "order_key", ORDER, N_("Order number"), FALSE),
  F (ORDER_DATE, "order_date", ORDER, N_("Order date"), TRUE),
  F (FINANCIAL_STATUS, "financial_status", ORDER, N_("Payment status"), FALSE),
  F (FULFILLMENT_STATUS, "fulfillment_status", ORDER, N_("Fulfillment status"), FALSE),
  F (ORDER_STATUS, "order_status", ORDER, N_("Order status"), FALSE),
  F (CANCELLED_AT, "cancelled_at", ORDER, N_("Cancelled at"), FALSE),
  F (CURRENCY, "currency", ORDER, N_("Currency"), FALSE),
  F (SUBTOTAL, "subtotal", ORDER, N_("Subtotal"), FALSE),
  F (SHIPPING, "shipping", ORDER, N_("Shipping"), FALSE),
  F (TAXES, "taxes", ORDER, N_("Taxes"), FALSE),
  F (TOTAL, "total", ORDER, N_("Order total"), FALSE),
  F (DISCOUNT_CODE, "discount_code", ORDER, N_("Discount code"), FALSE),
  F (DISCOUNT_AMOUNT, "discount_amount", ORDER, N_("Discount amount"), FALSE),
  F (REFUNDED_AMOUNT, "refunded_amount", ORDER, N_("Refunded amount"), FALSE),
  F (ORDER_CHANNEL, "order_channel", ORDER, N_("Sales channel"), FALSE),
  F (SHIPPING_COUNTRY, "shipping_country", ORDER, N_("Shipping country"), FALSE),
  F (SHIPPING_REGION, "shipping_region", ORDER, N_("Shipping region / state"), FALSE),
  F (SHIPPING_CITY, "shipping_city", ORDER, N_("Shipping city"), FALSE),
  F (CHECKOUT_URL, "checkout_url", ORDER, N_("Checkout link"), FALSE),
  F (COUPON_ITEMS, "coupon_items", ORDER, N_("Coupons (WooCommerce)"), FALSE),
  F (REFUND_ITEMS, "refund_items", ORDER, N_("Refunds (WooCommerce)"), FALSE),
  F (LINE_PRODUCT, "line_product", LINE_ITEM, N_("Product name"), FALSE),
  F (LINE_SKU, "line_sku", LINE_ITEM, N_("SKU"), FALSE),
  F (LINE_QUANTITY, "line_quantity", LINE_ITEM, N_("Quantity"), FALSE),
  F (LINE_PRICE, "line_price", LINE_ITEM, N_("Unit price"), FALSE),
  F (LINE_VENDOR, "line_vendor", LINE_ITEM, N_("Vendor"), FALSE),
  F (LINE_CATEGORY, "line_category", LINE_ITEM, N_("Product category"), FALSE),
  F (LINE_TAGS, "line_tags", LINE_ITEM, N_("Product tags"), FALSE),
  F (LINE_ITEM_PACKED, "line_item_packed", LINE_ITEM, N_("Line item (WooCommerce)"), FALSE),
  F (LINE_PRODUCTS_LIST, "line_products_list", LINE_ITEM, N_("List of products"), FALSE),
  F (CAMPAIGN_NAME, "campaign_name", CAMPAIGN, N_("Campaign"), FALSE),
  F (CAMPAIGN_DATE, "campaign_date", CAMPAIGN, N_("Date sent"), TRUE),
  F (CAMPAIGN_SUBJECT, "campaign_subject", CAMPAIGN, N_("Subject line"), FALSE),
  F (CAMPAIGN_KIND, "campaign_kind", CAMPAIGN, N_("Campaign kind"), FALSE),
  F (SEGMENT_NAME, "segment_name", CAMPAIGN, N_("Segment"), FALSE),
  F (VARIANT, "variant", CAMPAIGN, N_("Variant (A/B)"), FALSE),
  F (SENT, "sent", CAMPAIGN, N_("Emails sent"), FALSE),
  F (OPENS, "opens", CAMPAIGN, N_("Opens"), FALSE),
  F (CLICKS, "clicks", CAMPAIGN, N_("Clicks"), FALSE),
  F (CAMPAIGN_ORDERS, "campaign_orders", CAMPAIGN, N_("Orders from the campaign"), FALSE),
  F (CAMPAIGN_REVENUE, "campaign_revenue", CAMPAIGN, N_("Revenue from the campaign"), FALSE),
};

#undef F

static const char * const group_labels[SEG_IMPORT_N_FIELD_GROUPS] = {
  [SEG_IMPORT_FIELD_GROUP_NONE] = N_("Other"),
  [SEG_IMPORT_FIELD_GROUP_DEMOGRAPHIC] = N_("Demographic"),
  [SEG_IMPORT_FIELD_GROUP_BEHAVIORAL] = N_("Behavioral"),
  [SEG_IMPORT_FIELD_GROUP_PSYCHOGRAPHIC] = N_("Psychographic"),
  [SEG_IMPORT_FIELD_GROUP_GEOGRAPHIC] = N_("Geographic"),
  [SEG_IMPORT_FIELD_GROUP_ORDER] = N_("Order"),
  [SEG_IMPORT_FIELD_GROUP_LINE_ITEM] = N_("Line item"),
  [SEG_IMPORT_FIELD_GROUP_CAMPAIGN] = N_("Campaign"),
};

static const char * const required_customers[] = { "email|customer_id", NULL };
static const char * const required_orders[] = { "order_key", "order_date",
                                                 "total|line_price|line_item_packed", NULL };
static const char * const required_checkouts[] = { "order_key", "order_date", NULL };
static const char * const required_campaigns[] = { "campaign_name", "segment_name|sent", NULL };

const SegImportFieldInfo *
seg_import_field_get_catalogue (guint *n_fields)
{
  if (n_fields != NULL)
    *n_fields = SEG_IMPORT_N_FIELDS;
  return catalogue;
}

const SegImportFieldInfo *
seg_import_field_get_info (SegImportFieldId field)
{
  g_return_val_if_fail (field < SEG_IMPORT_N_FIELDS, NULL);

  return &catalogue[field];
}

const SegImportFieldInfo *
seg_import_field_lookup (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < SEG_IMPORT_N_FIELDS; i++)
    if (strcmp (catalogue[i].id, id) == 0)
      return &catalogue[i];
  return NULL;
}

const char *
seg_import_field_get_label (SegImportFieldId field)
{
  g_return_val_if_fail (field < SEG_IMPORT_N_FIELDS, NULL);

  return _(catalogue[field].label);
}

const char *
seg_import_field_group_get_label (SegImportFieldGroup group)
{
  g_return_val_if_fail (group < SEG_IMPORT_N_FIELD_GROUPS, NULL);

  return _(group_labels[group]);
}

gboolean
seg_import_field_parse (const char        *text,
                        SegImportFieldId  *field,
                        char             **attribute)
{
  const SegImportFieldInfo *info;

  g_return_val_if_fail (text != NULL, FALSE);

  if (g_str_has_prefix (text, "attribute:"))
    {
      g_autofree char *name = g_utf8_strdown (text + strlen ("attribute:"), -1);

      g_strstrip (name);
      if (*name == '\0')
        return FALSE;
      if (field != NULL)
        *field = SEG_IMPORT_FIELD_ATTRIBUTE;
      if (attribute != NULL)
        *attribute = g_steal_pointer (&name);
      return TRUE;
    }

  info = seg_import_field_lookup (text);
  if (info == NULL || info->field == SEG_IMPORT_FIELD_ATTRIBUTE)
    return FALSE;
  if (field != NULL)
    *field = info->field;
  if (attribute != NULL)
    *attribute = NULL;
  return TRUE;
}

static void
column_clear (gpointer data)
{
  Column *column = data;

  g_free (column->name);
  g_free (column->field);
  g_free (column->attribute);
}

static void
seg_import_mapping_finalize (GObject *object)
{
  SegImportMapping *self = (SegImportMapping *) object;

  g_free (self->path);
  g_free (self->member);
  g_free (self->encoding);
  g_free (self->encoding_override);
  g_ptr_array_unref (self->header);
  g_array_unref (self->columns);
  g_ptr_array_unref (self->samples);
  g_array_unref (self->sample_lines);

  G_OBJECT_CLASS (seg_import_mapping_parent_class)->finalize (object);
}

static void
seg_import_mapping_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SegImportMapping *self = SEG_IMPORT_MAPPING (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_ENCODING:
      g_value_set_string (value, self->encoding);
      break;
    case PROP_ENCODING_OVERRIDE:
      g_value_set_string (value, self->encoding_override);
      break;
    case PROP_DELIMITER_OVERRIDE:
      g_value_set_uint (value, (guchar) self->delimiter_override);
      break;
    case PROP_N_COLUMNS:
      g_value_set_uint (value, self->columns->len);
      break;
    case PROP_PRESET:
      g_value_set_uint (value, self->preset);
      break;
    case PROP_TARGET:
      g_value_set_uint (value, seg_import_mapping_get_target (self));
      break;
    case PROP_DATE_ORDER:
      g_value_set_uint (value, self->date_order);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_import_mapping_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SegImportMapping *self = SEG_IMPORT_MAPPING (object);

  switch (prop_id)
    {
    case PROP_PRESET:
      seg_import_mapping_set_preset (self, g_value_get_uint (value));
      break;
    case PROP_DATE_ORDER:
      seg_import_mapping_set_date_order (self, g_value_get_uint (value));
      break;
    case PROP_ENCODING_OVERRIDE:
      {
        g_autoptr(GError) error = NULL;

        if (!seg_import_mapping_set_encoding_override (self, g_value_get_string (value),
                                                       &error))
          g_warning ("%s", error->message);
      }
      break;
    case PROP_DELIMITER_OVERRIDE:
      seg_import_mapping_set_delimiter_override (self, (char) g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_import_mapping_class_init (SegImportMappingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = seg_import_mapping_finalize;
  object_class->get_property = seg_import_mapping_get_property;
  object_class->set_property = seg_import_mapping_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENCODING] =
    g_param_spec_string ("encoding", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* The encoding the file is read in instead of the sniffed one ("UTF-8",
   * "UTF-16LE", "UTF-16BE", "Windows-1252", "ISO-8859-1"), or NULL. */
  properties[PROP_ENCODING_OVERRIDE] =
    g_param_spec_string ("encoding-override", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The delimiter the file is read with instead of the sniffed one (a
   * character: ',' ';' '\t' '|'), or 0. */
  properties[PROP_DELIMITER_OVERRIDE] =
    g_param_spec_uint ("delimiter-override", NULL, NULL, 0, 127, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_COLUMNS] =
    g_param_spec_uint ("n-columns", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* A SegImportPreset. */
  properties[PROP_PRESET] =
    g_param_spec_uint ("preset", NULL, NULL, 0, SEG_IMPORT_N_PRESETS - 1, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* A SegImportTarget; changes with the preset and the mapped fields. */
  properties[PROP_TARGET] =
    g_param_spec_uint ("target", NULL, NULL, 0, SEG_IMPORT_TARGET_CAMPAIGN_RESULTS, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* A SegDateOrder; AUTO makes an ambiguous date column an error. */
  properties[PROP_DATE_ORDER] =
    g_param_spec_uint ("date-order", NULL, NULL, 0, SEG_DATE_ORDER_DAY_FIRST, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SegImportMapping::column-changed:
   * @column: the column whose field changed
   */
  signals[COLUMN_CHANGED] =
    g_signal_new ("column-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
seg_import_mapping_init (SegImportMapping *self)
{
  self->header = g_ptr_array_new_with_free_func (g_free);
  self->columns = g_array_new (FALSE, TRUE, sizeof (Column));
  g_array_set_clear_func (self->columns, column_clear);
  self->samples = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  self->sample_lines = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->delimiter = ',';
  self->size = -1;
}

static void
set_column (SegImportMapping *self,
            guint             i,
            SegImportFieldId  field,
            const char       *attribute)
{
  Column *column = &g_array_index (self->columns, Column, i);

  g_free (column->field);
  g_free (column->attribute);
  column->field_id = field;
  column->attribute = g_strdup (attribute);
  if (field == SEG_IMPORT_FIELD_ATTRIBUTE)
    column->field = g_strconcat ("attribute:", attribute, NULL);
  else
    column->field = g_strdup (catalogue[field].id);
}

static void
apply_preset (SegImportMapping *self)
{
  g_auto(GStrv) fields = NULL;

  fields = seg_import_preset_map_columns (self->preset,
                                          (const char * const *) self->header->pdata,
                                          self->columns->len);
  for (guint i = 0; i < self->columns->len; i++)
    {
      SegImportFieldId field = SEG_IMPORT_FIELD_IGNORE;
      g_autofree char *attribute = NULL;

      if (!seg_import_field_parse (fields[i], &field, &attribute))
        field = SEG_IMPORT_FIELD_IGNORE;
      set_column (self, i, field, attribute);
    }
}

static void
set_header (SegImportMapping   *self,
            const char * const *header,
            guint               n_columns)
{
  for (guint i = 0; i < n_columns; i++)
    {
      Column column = { 0 };

      column.name = g_strdup (header[i] ? header[i] : "");
      g_ptr_array_add (self->header, g_strdup (column.name));
      g_array_append_val (self->columns, column);
      set_column (self, i, SEG_IMPORT_FIELD_IGNORE, NULL);
    }
  g_ptr_array_add (self->header, NULL);
}

/**
 * seg_import_mapping_new:
 *
 * Returns: (transfer full): a mapping for @header under the preset the
 *   header is detected as
 */
SegImportMapping *
seg_import_mapping_new (const char * const *header,
                        guint               n_columns)
{
  SegImportMapping *self = g_object_new (SEG_TYPE_IMPORT_MAPPING, NULL);

  set_header (self, header, n_columns);
  self->preset = seg_import_preset_detect (header, n_columns, NULL, 0);
  apply_preset (self);
  return self;
}

/* Opens the file or the archive's member, with no override applied. */
static SegCsvReader *
open_plain_reader (const char    *path,
                   const char    *member,
                   goffset       *size,
                   GError       **error)
{
  g_autoptr(SegZipReader) zip = NULL;
  g_autoptr(GInputStream) stream = NULL;
  int index;

  if (member == NULL)
    {
      SegCsvReader *reader = seg_csv_reader_new_for_path (path, error);

      if (reader != NULL && size != NULL)
        *size = seg_csv_reader_get_size (reader);
      return reader;
    }

  zip = seg_zip_reader_new_for_path (path, error);
  if (zip == NULL)
    return NULL;
  index = seg_zip_reader_find_member (zip, member);
  if (index < 0)
    {
      g_set_error (error, SEG_ZIP_ERROR, SEG_ZIP_ERROR_NOT_FOUND,
                   /* Translators: the first %s is a ZIP archive, the second a
                    * file name */
                   _("“%s” holds no file named “%s”."),
                   seg_zip_reader_get_display_name (zip), member);
      return NULL;
    }
  stream = seg_zip_reader_open_member (zip, index, error);
  if (stream == NULL)
    return NULL;
  if (size != NULL)
    *size = seg_zip_reader_get_member_size (zip, index);
  return seg_csv_reader_new_for_stream (stream, member, error);
}

/**
 * seg_import_mapping_new_for_path_full:
 * @path: a CSV file, or a ZIP archive when @member is set
 * @member: (nullable): the CSV file inside the archive @path
 * @encoding: (nullable): the encoding to read the file in, or %NULL to
 *   sniff it (see seg_csv_reader_set_encoding())
 * @delimiter: the delimiter, or 0 to sniff it
 * @n_sample_rows: how many rows to keep for the preview
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads only the header and the sample rows, so that even a huge file is
 * previewed at once.  The overrides stay on the mapping: the importer reads
 * the file with them.
 *
 * Returns: (transfer full): the mapping, or %NULL with @error set
 */
SegImportMapping *
seg_import_mapping_new_for_path_full (const char    *path,
                                      const char    *member,
                                      const char    *encoding,
                                      char           delimiter,
                                      guint          n_sample_rows,
                                      GCancellable  *cancellable,
                                      GError       **error)
{
  g_autoptr(SegImportMapping) self = NULL;
  g_autoptr(SegCsvReader) reader = NULL;
  g_autoptr(GPtrArray) header = NULL;
  GError *local_error = NULL;
  guint n;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (SEG_TYPE_IMPORT_MAPPING, NULL);
  self->path = g_strdup (path);
  self->member = g_strdup (member);
  if (encoding != NULL && !seg_import_mapping_set_encoding_override (self, encoding, error))
    return NULL;
  seg_import_mapping_set_delimiter_override (self, delimiter);

  reader = seg_import_mapping_open_reader (self, error);
  if (reader == NULL)
    return NULL;

  if (!seg_csv_reader_read_row (reader, cancellable, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        g_set_error (error, SEG_IMPORT_ERROR, SEG_IMPORT_ERROR_EMPTY,
                     _("“%s” is empty: it has no header row. Export the file again, "
                       "or choose another one."), seg_csv_reader_get_display_name (reader));
      return NULL;
    }

  self->encoding = g_strdup (seg_csv_reader_get_encoding (reader));
  self->delimiter = seg_csv_reader_get_delimiter (reader);

  n = seg_csv_reader_get_n_fields (reader);
  header = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (header, g_strdup (seg_csv_reader_get_field (reader, i)));
  set_header (self, (const char * const *) header->pdata, n);

  while (self->samples->len < n_sample_rows)
    {
      guint m;
      char **row;
      gsize line;

      if (!seg_csv_reader_read_row (reader, cancellable, &local_error))
        {
          /* A broken row further down does not stop the preview: the import
           * reports it with its line. */
          if (local_error != NULL && self->samples->len == 0)
            {
              g_propagate_error (error, local_error);
              return NULL;
            }
          g_clear_error (&local_error);
          break;
        }
      m = seg_csv_reader_get_n_fields (reader);
      row = g_new0 (char *, m + 1);
      for (guint i = 0; i < m; i++)
        row[i] = g_strdup (seg_csv_reader_get_field (reader, i));
      g_ptr_array_add (self->samples, row);
      line = seg_csv_reader_get_line (reader);
      g_array_append_val (self->sample_lines, line);
    }

  if (self->samples->len > 0)
    {
      char **first = g_ptr_array_index (self->samples, 0);

      self->preset = seg_import_preset_detect ((const char * const *) header->pdata, n,
                                               (const char * const *) first,
                                               g_strv_length (first));
    }
  else
    self->preset = seg_import_preset_detect ((const char * const *) header->pdata, n,
                                             NULL, 0);
  apply_preset (self);

  return g_steal_pointer (&self);
}

/**
 * seg_import_mapping_new_for_path:
 *
 * As seg_import_mapping_new_for_path_full() for a CSV file, with the
 * encoding and the delimiter sniffed.
 *
 * Returns: (transfer full): the mapping, or %NULL with @error set
 */
SegImportMapping *
seg_import_mapping_new_for_path (const char    *path,
                                 guint          n_sample_rows,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  return seg_import_mapping_new_for_path_full (path, NULL, NULL, 0, n_sample_rows,
                                               cancellable, error);
}

/**
 * seg_import_mapping_new_for_zip:
 * @path: a ZIP archive (a Mailchimp audience export, say)
 *
 * One mapping per CSV file in the archive, in the archive's order, each
 * with its preset detected.  Folders and macOS metadata are passed over.
 *
 * Returns: (transfer full) (element-type SegImportMapping): the mappings,
 *   or %NULL with @error set (also when the archive holds no CSV file)
 */
GPtrArray *
seg_import_mapping_new_for_zip (const char    *path,
                                const char    *encoding,
                                char           delimiter,
                                guint          n_sample_rows,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autoptr(SegZipReader) zip = NULL;
  g_autoptr(GPtrArray) mappings = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  zip = seg_zip_reader_new_for_path (path, error);
  if (zip == NULL)
    return NULL;

  mappings = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < seg_zip_reader_get_n_members (zip); i++)
    {
      SegImportMapping *mapping;

      if (!seg_zip_reader_member_is_csv (zip, i))
        continue;
      mapping = seg_import_mapping_new_for_path_full (path,
                                                      seg_zip_reader_get_member_name (zip, i),
                                                      encoding, delimiter, n_sample_rows,
                                                      cancellable, error);
      if (mapping == NULL)
        return NULL;
      g_ptr_array_add (mappings, mapping);
    }

  if (mappings->len == 0)
    {
      g_set_error (error, SEG_IMPORT_ERROR, SEG_IMPORT_ERROR_EMPTY,
                   _("“%s” holds no CSV file. Check that you chose the export you "
                     "downloaded."), seg_zip_reader_get_display_name (zip));
      return NULL;
    }
  return g_steal_pointer (&mappings);
}

/**
 * seg_import_mapping_open_reader:
 *
 * Opens the mapping's file (or member) from its start, with the encoding
 * and delimiter overrides applied; the header is not read yet.
 *
 * Returns: (transfer full): a reader, or %NULL with @error set
 */
SegCsvReader *
seg_import_mapping_open_reader (SegImportMapping  *self,
                                GError           **error)
{
  g_autoptr(SegCsvReader) reader = NULL;

  g_return_val_if_fail (SEG_IS_IMPORT_MAPPING (self), NULL);
  g_return_val_if_fail (self->path != NULL, NULL);

  reader = open_plain_reader (self->path, self->member, &self->size, error);
  if (reader == NULL)
    return NULL;
  if (self->encoding_override != NULL
      && !seg_csv_reader_set_encoding (reader, self->encoding_override, error))
    return NULL;
  if (self->delimiter_override != 0)
    seg_csv_reader_set_delimiter (reader, self->delimiter_override);
  return g_steal_pointer (&reader);
}

const char *
seg_import_mapping_get_member (SegImportMapping *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_MAPPING (self), NULL);

  return self->member;
}

goffset
seg_import_mapping_get_size (SegImportMapping *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_MAPPING (self), -1);

  return self->size;
}

const char *
seg_import_mapping_get_encoding_override (SegImportMapping *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_MAPPING (self), NULL);

  return self->encoding_override;
}

/**
 * seg_import_mapping_set_encoding_override:
 * @encoding: (nullable): an encoding seg_csv_reader_set_encoding() takes,
 *   or %NULL to sniff it
 *
 * Returns: %FALSE when @encoding is unknown
 */
gboolean
seg_import_mapping_set_encoding_override (SegImportMapping  *self,
                                          const char        *encoding,
                                          GError           **error)
{
  const char *canonical = NULL;

  g_return_val_if_fail (SEG_IS_IMPORT_MAPPING (self), FALSE);

  if (encoding != NULL)
    {
      canonical = seg_csv_reader_lookup_encoding (encoding);
      if (canonical == NULL)
        {
          g_set_error (error, SEG_IMPORT_ERROR, SEG_IMPORT_ERROR_FAILED,
                       _("Unknown encoding “%s”. Choose UTF-8, UTF-16LE, UTF-16BE, "
                         "Windows-1252 or ISO-8859-1."), encoding);
          return FALSE;
        }
    }
  if (g_strcmp0 (self->encoding_override, canonical) != 0)
    {
      g_free (self->encoding_override);
      self->encoding_override = g_strdup (canonical);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENCODING_OVERRIDE]);
    }
  return TRUE;
}

char
seg_import_mapping_get_delimiter_override (SegImportMapping *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_MAPPING (self), 0);

  return self->delimiter_override;
}

void
seg_import_mapping_set_delimiter_override (SegImportMapping *self,
                                           char              delimiter)
{
  g_return_if_fail (SEG_IS_IMPORT_MAPPING (self));
  g_return_if_fail (delimiter != '"' && delimiter != '\n' && delimiter != '\r');

  if (self->delimiter_override == delimiter)
    return;
  self->delimiter_override = delimiter;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELIMITER_OVERRIDE]);
}

const char *
seg_import_mapping_get_path (SegImportMapping *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_MAPPING (self), NULL);

  return self->path;
}

const char *
seg_import_mapping_get_encoding (SegImportMapping *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_MAPPING (self), NULL);

  return self->encoding;
}

char
seg_import_mapping_get_delimiter (SegImportMapping *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_MAPPING (self), ',');

  return self->delimiter;
}

guint
seg_import_mapping_get_n_columns (SegImportMapping *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_MAPPING (self), 0);

  return self->columns->len;
}

const char *
seg_import_mapping_get_column_name (SegImportMapping *self,
                                    guint             column)
{
  g_return_val_if_fail (SEG_IS_IMPORT_MAPPING (self), NULL);
  g_return_val_if_fail (column < self->columns->len, NULL);

  return g_array_index (self->columns, Column, column).name;
}

const char * const *
seg_import_mapping_get_header (SegImportMapping *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_MAPPING (self), NULL);

  return (const char * const *) self->header->pdata;
}

guint
seg_import_mapping_get_n_sample_rows (SegImportMapping *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_MAPPING (self), 0);

  return self->samples->len;
}

const char *
seg_import_mapping_get_sample (SegImportMapping *self,
                               guint             row,
                               guint             column)
{
  char **cells;

  g_return_val_if_fail (SEG_IS_IMPORT_MAPPING (self), NULL);
  g_return_val_if_fail (row < self->samples->len, NULL);

  cells = g_ptr_array_index (self->samples, row);
  for (guint i = 0; i <= column; i++)
    if (cells[i] == NULL)
      return NULL;
  return cells[column];
}

gsize
seg_import_mapping_get_sample_line (SegImportMapping *self,
                                    guint             row)
{
  g_return_val_if_fail (SEG_IS_IMPORT_MAPPING (self), 0);
  g_return_val_if_fail (row < self->sample_lines->len, 0);

  return g_array_index (self->sample_lines, gsize, row);
}

SegImportPreset
seg_import_mapping_get_preset (SegImportMapping *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_MAPPING (self), SEG_IMPORT_PRESET_CUSTOM);

  return self->preset;
}

void
seg_import_mapping_set_preset (SegImportMapping *self,
                               SegImportPreset   preset)
{
  g_return_if_fail (SEG_IS_IMPORT_MAPPING (self));
  g_return_if_fail (preset < SEG_IMPORT_N_PRESETS);

  if (self->preset == preset)
    return;

  self->preset = preset;
  apply_preset (self);
  for (guint i = 0; i < self->columns->len; i++)
    g_signal_emit (self, signals[COLUMN_CHANGED], 0, i);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESET]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TARGET]);
}

int
seg_import_mapping_find_field (SegImportMapping *self,
                               SegImportFieldId  field)
{
  g_return_val_if_fail (SEG_IS_IMPORT_MAPPING (self), -1);

  for (guint i = 0; i < self->columns->len; i++)
    if (g_array_index (self->columns, Column, i).field_id == field)
      return i;
  return -1;
}

SegImportTarget
seg_import_mapping_get_target (SegImportMapping *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_MAPPING (self), SEG_IMPORT_TARGET_CUSTOMERS);

  if (self->preset != SEG_IMPORT_PRESET_CUSTOM)
    return seg_import_preset_get_target (self->preset);
  if (seg_import_mapping_find_field (self, SEG_IMPORT_FIELD_CAMPAIGN_NAME) >= 0)
    return SEG_IMPORT_TARGET_CAMPAIGN_RESULTS;
  if (seg_import_mapping_find_field (self, SEG_IMPORT_FIELD_ORDER_KEY) >= 0)
    return SEG_IMPORT_TARGET_ORDERS;
  return SEG_IMPORT_TARGET_CUSTOMERS;
}

const char *
seg_import_mapping_get_column_field (SegImportMapping *self,
                                     guint             column)
{
  g_return_val_if_fail (SEG_IS_IMPORT_MAPPING (self), NULL);
  g_return_val_if_fail (column < self->columns->len, NULL);

  return g_array_index (self->columns, Column, column).field;
}

SegImportFieldId
seg_import_mapping_get_column_field_id (SegImportMapping  *self,
                                        guint              column,
                                        const char       **attribute)
{
  Column *c;

  g_return_val_if_fail (SEG_IS_IMPORT_MAPPING (self), SEG_IMPORT_FIELD_IGNORE);
  g_return_val_if_fail (column < self->columns->len, SEG_IMPORT_FIELD_IGNORE);

  c = &g_array_index (self->columns, Column, column);
  if (attribute != NULL)
    *attribute = c->attribute;
  return c->field_id;
}

gboolean
seg_import_mapping_set_column_field (SegImportMapping  *self,
                                     guint              column,
                                     const char        *field,
                                     GError           **error)
{
  SegImportFieldId id;
  g_autofree char *attribute = NULL;
  SegImportTarget old_target;

  g_return_val_if_fail (SEG_IS_IMPORT_MAPPING (self), FALSE);
  g_return_val_if_fail (column < self->columns->len, FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  if (!seg_import_field_parse (field, &id, &attribute))
    {
      g_set_error (error, SEG_IMPORT_ERROR, SEG_IMPORT_ERROR_UNKNOWN_FIELD,
                   _("“%s” is not a field Segments knows. Use a field name such as "
                     "email, first_name, country, order_key or total, “ignore”, or "
                     "“attribute:NAME” for a custom attribute."), field);
      return FALSE;
    }

  if (g_strcmp0 (g_array_index (self->columns, Column, column).field, field) == 0)
    return TRUE;

  old_target = seg_import_mapping_get_target (self);
  set_column (self, column, id, attribute);
  g_signal_emit (self, signals[COLUMN_CHANGED], 0, column);
  if (old_target != seg_import_mapping_get_target (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TARGET]);
  return TRUE;
}

static int
find_column (SegImportMapping *self,
             const char       *name)
{
  g_autofree char *wanted = seg_import_preset_normalize_name (name);
  char *end = NULL;
  guint64 number;

  for (guint i = 0; i < self->columns->len; i++)
    if (strcmp (g_array_index (self->columns, Column, i).name, name) == 0)
      return i;
  for (guint i = 0; i < self->columns->len; i++)
    {
      g_autofree char *have =
        seg_import_preset_normalize_name (g_array_index (self->columns, Column, i).name);

      if (strcmp (have, wanted) == 0)
        return i;
    }
  number = g_ascii_strtoull (name, &end, 10);
  if (end != name && *end == '\0' && number >= 1 && number <= self->columns->len)
    return number - 1;
  return -1;
}

gboolean
seg_import_mapping_apply_assignment (SegImportMapping  *self,
                                     const char        *assignment,
                                     GError           **error)
{
  const char *eq;
  g_autofree char *name = NULL;
  int column;

  g_return_val_if_fail (SEG_IS_IMPORT_MAPPING (self), FALSE);
  g_return_val_if_fail (assignment != NULL, FALSE);

  eq = strrchr (assignment, '=');
  if (eq == NULL || eq == assignment)
    {
      g_set_error (error, SEG_IMPORT_ERROR, SEG_IMPORT_ERROR_UNKNOWN_FIELD,
                   _("“%s” is not a column mapping. Write it as \"Column=field\", "
                     "for example \"E-mail=email\"."), assignment);
      return FALSE;
    }
  name = g_strndup (assignment, eq - assignment);
  column = find_column (self, name);
  if (column < 0)
    {
      g_set_error (error, SEG_IMPORT_ERROR, SEG_IMPORT_ERROR_UNKNOWN_FIELD,
                   _("The file has no column “%s”. Check the spelling against the "
                     "file's header (segments-cli preview shows it)."), name);
      return FALSE;
    }
  return seg_import_mapping_set_column_field (self, column, eq + 1, error);
}

SegDateOrder
seg_import_mapping_get_date_order (SegImportMapping *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_MAPPING (self), SEG_DATE_ORDER_AUTO);

  return self->date_order;
}

void
seg_import_mapping_set_date_order (SegImportMapping *self,
                                   SegDateOrder      order)
{
  g_return_if_fail (SEG_IS_IMPORT_MAPPING (self));

  if (self->date_order == order)
    return;
  self->date_order = order;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE_ORDER]);
}

const char * const *
seg_import_mapping_get_required_fields (SegImportMapping *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_MAPPING (self), NULL);

  switch (seg_import_mapping_get_target (self))
    {
    case SEG_IMPORT_TARGET_ORDERS:
      return required_orders;
    case SEG_IMPORT_TARGET_CHECKOUTS:
      return required_checkouts;
    case SEG_IMPORT_TARGET_CAMPAIGN_RESULTS:
      return required_campaigns;
    case SEG_IMPORT_TARGET_CUSTOMERS:
    default:
      return required_customers;
    }
}

gboolean
seg_import_mapping_is_field_required (SegImportMapping *self,
                                      SegImportFieldId  field)
{
  const char * const *required = seg_import_mapping_get_required_fields (self);

  for (guint i = 0; required[i] != NULL; i++)
    {
      g_auto(GStrv) alternatives = g_strsplit (required[i], "|", -1);

      if (g_strv_contains ((const char * const *) alternatives, catalogue[field].id))
        return TRUE;
    }
  return FALSE;
}

gboolean
seg_import_mapping_validate (SegImportMapping  *self,
                             GError           **error)
{
  const char * const *required = seg_import_mapping_get_required_fields (self);
  g_autoptr(GString) missing = g_string_new (NULL);

  for (guint i = 0; required[i] != NULL; i++)
    {
      g_auto(GStrv) alternatives = g_strsplit (required[i], "|", -1);
      gboolean found = FALSE;
      g_autoptr(GString) labels = g_string_new (NULL);

      for (guint j = 0; alternatives[j] != NULL; j++)
        {
          const SegImportFieldInfo *info = seg_import_field_lookup (alternatives[j]);

          if (seg_import_mapping_find_field (self, info->field) >= 0)
            found = TRUE;
          if (labels->len > 0)
            g_string_append (labels, _(" or "));
          g_string_append_printf (labels, "“%s”", _(info->label));
        }
      if (!found)
        {
          if (missing->len > 0)
            g_string_append (missing, ", ");
          g_string_append (missing, labels->str);
        }
    }

  if (missing->len > 0)
    {
      g_set_error (error, SEG_IMPORT_ERROR, SEG_IMPORT_ERROR_MISSING_FIELD,
                   _("No column is mapped to %s. Choose the column that holds it."),
                   missing->str);
      return FALSE;
    }
  return TRUE;
}

static const char *
date_order_to_string (SegDateOrder order)
{
  switch (order)
    {
    case SEG_DATE_ORDER_DAY_FIRST:
      return "dmy";
    case SEG_DATE_ORDER_MONTH_FIRST:
      return "mdy";
    case SEG_DATE_ORDER_AUTO:
    default:
      return NULL;
    }
}

char *
seg_import_mapping_to_json (SegImportMapping *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *order;

  g_return_val_if_fail (SEG_IS_IMPORT_MAPPING (self), NULL);

  json_builder_begin_object (builder);
  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *c = &g_array_index (self->columns, Column, i);

      json_builder_set_member_name (builder, c->name);
      json_builder_add_string_value (builder, c->field);
    }
  json_builder_set_member_name (builder, "$preset");
  json_builder_add_string_value (builder, seg_import_preset_get_id (self->preset));
  order = date_order_to_string (self->date_order);
  if (order != NULL)
    {
      json_builder_set_member_name (builder, "$date_order");
      json_builder_add_string_value (builder, order);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

gboolean
seg_import_mapping_apply_json (SegImportMapping  *self,
                               const char        *json,
                               GError           **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  const char *text;
  SegImportPreset preset;

  g_return_val_if_fail (SEG_IS_IMPORT_MAPPING (self), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  if (!json_parser_load_from_data (parser, json, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, SEG_IMPORT_ERROR, SEG_IMPORT_ERROR_FAILED,
                   _("The saved column mapping is damaged. Map the columns again and "
                     "save the mapping."));
      return FALSE;
    }
  object = json_node_get_object (json_parser_get_root (parser));

  text = json_object_get_string_member_with_default (object, "$preset", NULL);
  if (text != NULL && seg_import_preset_from_id (text, &preset))
    seg_import_mapping_set_preset (self, preset);
  text = json_object_get_string_member_with_default (object, "$date_order", NULL);
  if (g_strcmp0 (text, "dmy") == 0)
    seg_import_mapping_set_date_order (self, SEG_DATE_ORDER_DAY_FIRST);
  else if (g_strcmp0 (text, "mdy") == 0)
    seg_import_mapping_set_date_order (self, SEG_DATE_ORDER_MONTH_FIRST);

  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *c = &g_array_index (self->columns, Column, i);
      JsonNode *node = json_object_get_member (object, c->name);

      if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
          || json_node_get_value_type (node) != G_TYPE_STRING)
        continue;
      if (!seg_import_mapping_set_column_field (self, i, json_node_get_string (node), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
set_db_error (sqlite3  *db,
              GError  **error)
{
  g_set_error (error, SEG_IMPORT_ERROR, SEG_IMPORT_ERROR_FAILED,
               _("Could not use the saved column mappings: %s"), sqlite3_errmsg (db));
  return FALSE;
}

gboolean
seg_import_mapping_save (SegImportMapping  *self,
                         sqlite3           *db,
                         const char        *name,
                         GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (SEG_IS_IMPORT_MAPPING (self), FALSE);
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  json = seg_import_mapping_to_json (self);
  if (sqlite3_prepare_v2 (db,
                          "INSERT INTO saved_mappings (name, mapping) VALUES (?1, ?2) "
                          "ON CONFLICT (name) DO UPDATE SET mapping = excluded.mapping",
                          -1, &stmt, NULL) != SQLITE_OK)
    return set_db_error (db, error);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, json, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_db_error (db, error);
  return TRUE;
}

gboolean
seg_import_mapping_load (SegImportMapping  *self,
                         sqlite3           *db,
                         const char        *name,
                         GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SEG_IS_IMPORT_MAPPING (self), FALSE);
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (sqlite3_prepare_v2 (db, "SELECT mapping FROM saved_mappings WHERE name = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return set_db_error (db, error);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, SEG_IMPORT_ERROR, SEG_IMPORT_ERROR_NOT_FOUND,
                   _("There is no saved column mapping called “%s”."), name);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return set_db_error (db, error);
  return seg_import_mapping_apply_json (self, (const char *) sqlite3_column_text (stmt, 0),
                                        error);
}

GStrv
seg_import_mapping_list_saved (sqlite3  *db,
                               GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  if (sqlite3_prepare_v2 (db, "SELECT name FROM saved_mappings ORDER BY name",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      set_db_error (db, error);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      set_db_error (db, error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}
