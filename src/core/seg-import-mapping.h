/* seg-import-mapping.h — which column of a file becomes which field
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SegImportMapping is the model behind the import wizard's Preview and
 * Columns steps: the file's encoding and delimiter, its header, the first
 * rows as the file holds them, the detected preset, and for each column
 * the field it feeds — a field id from the catalogue below, "ignore", or
 * "attribute:<name>" (a custom attribute such as interests or an income
 * band).  Mappings can be saved into the store and reused.
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "seg-csv-reader.h"
#include "seg-import-preset.h"
#include "seg-normalize.h"

G_BEGIN_DECLS

#define SEG_IMPORT_ERROR (seg_import_error_quark ())

typedef enum
{
  SEG_IMPORT_ERROR_FAILED,
  SEG_IMPORT_ERROR_EMPTY,            /* no header row */
  SEG_IMPORT_ERROR_MISSING_FIELD,    /* a required field has no column */
  SEG_IMPORT_ERROR_UNKNOWN_FIELD,    /* --map names a field or column that does not exist */
  SEG_IMPORT_ERROR_AMBIGUOUS_DATES,  /* a date column fits day-first and month-first */
  SEG_IMPORT_ERROR_NOT_FOUND,        /* no saved mapping by that name */
} SegImportError;

GQuark seg_import_error_quark (void);

/* The groups of the mapping drop-down. */
typedef enum
{
  SEG_IMPORT_FIELD_GROUP_NONE,          /* "Ignore" and "Custom attribute" */
  SEG_IMPORT_FIELD_GROUP_DEMOGRAPHIC,
  SEG_IMPORT_FIELD_GROUP_BEHAVIORAL,
  SEG_IMPORT_FIELD_GROUP_PSYCHOGRAPHIC,
  SEG_IMPORT_FIELD_GROUP_GEOGRAPHIC,
  SEG_IMPORT_FIELD_GROUP_ORDER,
  SEG_IMPORT_FIELD_GROUP_LINE_ITEM,
  SEG_IMPORT_FIELD_GROUP_CAMPAIGN,
  SEG_IMPORT_N_FIELD_GROUPS
} SegImportFieldGroup;

/* Every field a column can feed, in catalogue order. */
typedef enum
{
  SEG_IMPORT_FIELD_IGNORE,
  SEG_IMPORT_FIELD_ATTRIBUTE,
  /* Demographic */
  SEG_IMPORT_FIELD_EMAIL,
  SEG_IMPORT_FIELD_CUSTOMER_ID,
  SEG_IMPORT_FIELD_FIRST_NAME,
  SEG_IMPORT_FIELD_LAST_NAME,
  SEG_IMPORT_FIELD_FULL_NAME,
  SEG_IMPORT_FIELD_PHONE,
  SEG_IMPORT_FIELD_BIRTH_DATE,
  SEG_IMPORT_FIELD_AGE_BAND,
  SEG_IMPORT_FIELD_GENDER,
  SEG_IMPORT_FIELD_INCOME_BAND,
  SEG_IMPORT_FIELD_LANGUAGE,
  /* Behavioral */
  SEG_IMPORT_FIELD_ACCEPTS_MARKETING,
  SEG_IMPORT_FIELD_EMAIL_STATUS,
  SEG_IMPORT_FIELD_MEMBER_RATING,
  SEG_IMPORT_FIELD_LAST_OPEN,
  SEG_IMPORT_FIELD_LAST_CLICK,
  SEG_IMPORT_FIELD_CUSTOMER_CREATED,
  /* Psychographic */
  SEG_IMPORT_FIELD_TAGS,
  SEG_IMPORT_FIELD_ACQUISITION_SOURCE,
  SEG_IMPORT_FIELD_ACQUISITION_CAMPAIGN,
  /* Geographic */
  SEG_IMPORT_FIELD_COUNTRY,
  SEG_IMPORT_FIELD_REGION,
  SEG_IMPORT_FIELD_CITY,
  SEG_IMPORT_FIELD_POSTAL_CODE,
  /* Order */
  SEG_IMPORT_FIELD_ORDER_KEY,
  SEG_IMPORT_FIELD_ORDER_DATE,
  SEG_IMPORT_FIELD_FINANCIAL_STATUS,
  SEG_IMPORT_FIELD_FULFILLMENT_STATUS,
  SEG_IMPORT_FIELD_ORDER_STATUS,
  SEG_IMPORT_FIELD_CANCELLED_AT,
  SEG_IMPORT_FIELD_CURRENCY,
  SEG_IMPORT_FIELD_SUBTOTAL,
  SEG_IMPORT_FIELD_SHIPPING,
  SEG_IMPORT_FIELD_TAXES,
  SEG_IMPORT_FIELD_TOTAL,
  SEG_IMPORT_FIELD_DISCOUNT_CODE,
  SEG_IMPORT_FIELD_DISCOUNT_AMOUNT,
  SEG_IMPORT_FIELD_REFUNDED_AMOUNT,
  SEG_IMPORT_FIELD_ORDER_CHANNEL,
  SEG_IMPORT_FIELD_SHIPPING_COUNTRY,
  SEG_IMPORT_FIELD_SHIPPING_REGION,
  SEG_IMPORT_FIELD_SHIPPING_CITY,
  SEG_IMPORT_FIELD_CHECKOUT_URL,
  SEG_IMPORT_FIELD_COUPON_ITEMS,
  SEG_IMPORT_FIELD_REFUND_ITEMS,
  /* Line item */
  SEG_IMPORT_FIELD_LINE_PRODUCT,
  SEG_IMPORT_FIELD_LINE_SKU,
  SEG_IMPORT_FIELD_LINE_QUANTITY,
  SEG_IMPORT_FIELD_LINE_PRICE,
  SEG_IMPORT_FIELD_LINE_VENDOR,
  SEG_IMPORT_FIELD_LINE_CATEGORY,
  SEG_IMPORT_FIELD_LINE_TAGS,
  SEG_IMPORT_FIELD_LINE_ITEM_PACKED,
  SEG_IMPORT_FIELD_LINE_PRODUCTS_LIST,
  /* Campaign */
  SEG_IMPORT_FIELD_CAMPAIGN_NAME,
  SEG_IMPORT_FIELD_CAMPAIGN_DATE,
  SEG_IMPORT_FIELD_CAMPAIGN_SUBJECT,
  SEG_IMPORT_FIELD_CAMPAIGN_KIND,
  SEG_IMPORT_FIELD_SEGMENT_NAME,
  SEG_IMPORT_FIELD_VARIANT,
  SEG_IMPORT_FIELD_SENT,
  SEG_IMPORT_FIELD_OPENS,
  SEG_IMPORT_FIELD_CLICKS,
  SEG_IMPORT_FIELD_CAMPAIGN_ORDERS,
  SEG_IMPORT_FIELD_CAMPAIGN_REVENUE,
  SEG_IMPORT_N_FIELDS
} SegImportFieldId;

typedef struct
{
  SegImportFieldId     field;
  const char          *id;     /* "email", the word used in saved mappings and --map */
  SegImportFieldGroup  group;
  const char          *label;  /* N_(): use seg_import_field_get_label() */
  gboolean             is_date;
} SegImportFieldInfo;

const SegImportFieldInfo *seg_import_field_get_catalogue (guint               *n_fields);
const SegImportFieldInfo *seg_import_field_lookup        (const char          *id);
const SegImportFieldInfo *seg_import_field_get_info      (SegImportFieldId     field);
/* Translated. */
const char               *seg_import_field_get_label     (SegImportFieldId     field);
const char               *seg_import_field_group_get_label (SegImportFieldGroup group);
/* Parses "email", "ignore" or "attribute:<name>"; @attribute receives the
 * lower-cased attribute name. */
gboolean                  seg_import_field_parse         (const char          *text,
                                                          SegImportFieldId    *field,
                                                          char               **attribute);

#define SEG_TYPE_IMPORT_MAPPING (seg_import_mapping_get_type ())

G_DECLARE_FINAL_TYPE (SegImportMapping, seg_import_mapping, SEG, IMPORT_MAPPING, GObject)

/* Reads the header and the first @n_sample_rows rows of @path (never more),
 * detects the preset and applies its default mapping. */
SegImportMapping *seg_import_mapping_new_for_path   (const char         *path,
                                                     guint               n_sample_rows,
                                                     GCancellable       *cancellable,
                                                     GError            **error);
/* As new_for_path(), for @path or the CSV file @member inside the ZIP
 * archive @path, read in @encoding (NULL: sniffed) with @delimiter (0:
 * sniffed); the overrides stay on the mapping for the importer. */
SegImportMapping *seg_import_mapping_new_for_path_full (const char     *path,
                                                        const char     *member,
                                                        const char     *encoding,
                                                        char            delimiter,
                                                        guint           n_sample_rows,
                                                        GCancellable   *cancellable,
                                                        GError        **error);
/* One mapping per CSV file of the ZIP archive @path (a Mailchimp audience
 * export), each with its preset; an error if the archive holds none. */
GPtrArray        *seg_import_mapping_new_for_zip    (const char         *path,
                                                     const char         *encoding,
                                                     char                delimiter,
                                                     guint               n_sample_rows,
                                                     GCancellable       *cancellable,
                                                     GError            **error);
/* A reader at the start of the file (or member), overrides applied. */
SegCsvReader     *seg_import_mapping_open_reader    (SegImportMapping   *self,
                                                     GError            **error);
/* A mapping for a known header, without a file (samples empty). */
SegImportMapping *seg_import_mapping_new            (const char * const *header,
                                                     guint               n_columns);

const char       *seg_import_mapping_get_path       (SegImportMapping   *self);
/* The CSV file inside the ZIP archive get_path() names, or NULL. */
const char       *seg_import_mapping_get_member     (SegImportMapping   *self);
/* The size of the file (or member, once inflated); -1 when unknown. */
goffset           seg_import_mapping_get_size       (SegImportMapping   *self);
/* The "encoding-override" and "delimiter-override" properties: how the
 * importer reads the file instead of sniffing (NULL / 0: sniff). */
const char       *seg_import_mapping_get_encoding_override (SegImportMapping *self);
gboolean          seg_import_mapping_set_encoding_override (SegImportMapping *self,
                                                            const char       *encoding,
                                                            GError          **error);
char              seg_import_mapping_get_delimiter_override (SegImportMapping *self);
void              seg_import_mapping_set_delimiter_override (SegImportMapping *self,
                                                             char              delimiter);
/* As seg_csv_reader_get_encoding(); NULL without a file. */
const char       *seg_import_mapping_get_encoding   (SegImportMapping   *self);
char              seg_import_mapping_get_delimiter  (SegImportMapping   *self);

guint             seg_import_mapping_get_n_columns  (SegImportMapping   *self);
const char       *seg_import_mapping_get_column_name (SegImportMapping  *self,
                                                     guint               column);
const char * const *seg_import_mapping_get_header   (SegImportMapping   *self);
guint             seg_import_mapping_get_n_sample_rows (SegImportMapping *self);
/* The sample cell, as the file holds it; NULL past a short row's end. */
const char       *seg_import_mapping_get_sample     (SegImportMapping   *self,
                                                     guint               row,
                                                     guint               column);
/* Physical line of sample row @row. */
gsize             seg_import_mapping_get_sample_line (SegImportMapping  *self,
                                                     guint               row);

SegImportPreset   seg_import_mapping_get_preset     (SegImportMapping   *self);
/* Sets the preset and replaces every column's field by its default. */
void              seg_import_mapping_set_preset     (SegImportMapping   *self,
                                                     SegImportPreset     preset);
/* What the rows become: fixed by the preset, or for Custom CSV by the
 * mapped fields (a campaign name → campaign results, an order key → orders,
 * else customers). */
SegImportTarget   seg_import_mapping_get_target     (SegImportMapping   *self);

/* "email", "ignore" or "attribute:interests". */
const char       *seg_import_mapping_get_column_field (SegImportMapping *self,
                                                       guint             column);
SegImportFieldId  seg_import_mapping_get_column_field_id (SegImportMapping *self,
                                                          guint             column,
                                                          const char      **attribute);
gboolean          seg_import_mapping_set_column_field (SegImportMapping *self,
                                                       guint             column,
                                                       const char       *field,
                                                       GError          **error);
/* "Column=field" as the command line writes it (the column by name, or by
 * its 1-based number). */
gboolean          seg_import_mapping_apply_assignment (SegImportMapping *self,
                                                       const char       *assignment,
                                                       GError          **error);
/* The first column mapped to @field, or -1. */
int               seg_import_mapping_find_field     (SegImportMapping   *self,
                                                     SegImportFieldId    field);

SegDateOrder      seg_import_mapping_get_date_order (SegImportMapping   *self);
void              seg_import_mapping_set_date_order (SegImportMapping   *self,
                                                     SegDateOrder        order);

/* Fields the target needs.  Each entry is a '|'-separated list of field ids
 * any one of which will do ("email|customer_id"); static strings. */
const char * const *seg_import_mapping_get_required_fields (SegImportMapping *self);
/* Is @field (an id) required by the target (alone or as an alternative)? */
gboolean          seg_import_mapping_is_field_required (SegImportMapping *self,
                                                        SegImportFieldId  field);
/* FALSE, with a message naming the missing fields, when a required field
 * has no column. */
gboolean          seg_import_mapping_validate       (SegImportMapping   *self,
                                                     GError            **error);

/* {"Column": "field", ..., "$preset": "…", "$date_order": "dmy"} */
char             *seg_import_mapping_to_json        (SegImportMapping   *self);
/* Applies a saved mapping: columns are matched by name; columns it does not
 * name keep their field. */
gboolean          seg_import_mapping_apply_json     (SegImportMapping   *self,
                                                     const char         *json,
                                                     GError            **error);
gboolean          seg_import_mapping_save           (SegImportMapping   *self,
                                                     sqlite3            *db,
                                                     const char         *name,
                                                     GError            **error);
gboolean          seg_import_mapping_load           (SegImportMapping   *self,
                                                     sqlite3            *db,
                                                     const char         *name,
                                                     GError            **error);
/* The names of the saved mappings, sorted. */
GStrv             seg_import_mapping_list_saved     (sqlite3            *db,
                                                     GError            **error);

G_END_DECLS
