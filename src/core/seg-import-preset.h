/* seg-import-preset.h — the store exports Segments recognises
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A preset is a known export (Shopify orders, a Mailchimp audience, …): it
 * is detected from the header row (and, for Shopify checkouts, the first
 * data row), and it supplies the default field for every column.  Columns
 * are matched by name and, where a name repeats (Shopify orders' `Phone`
 * and `Tags`), by occurrence, so extra or missing trailing columns do not
 * matter.  Anything unknown is "Custom CSV": the mapping decides.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SEG_IMPORT_PRESET_CUSTOM,
  SEG_IMPORT_PRESET_SHOPIFY_CUSTOMERS,
  SEG_IMPORT_PRESET_SHOPIFY_ORDERS,
  SEG_IMPORT_PRESET_SHOPIFY_CHECKOUTS,
  SEG_IMPORT_PRESET_WOOCOMMERCE_CUSTOMERS,
  SEG_IMPORT_PRESET_WOOCOMMERCE_ORDERS,
  SEG_IMPORT_PRESET_WOOCOMMERCE_PLUGIN_ORDERS,
  SEG_IMPORT_PRESET_KLAVIYO_PROFILES,
  SEG_IMPORT_PRESET_MAILCHIMP_AUDIENCE,
  SEG_IMPORT_PRESET_TRANSACTIONS,
  SEG_IMPORT_PRESET_CAMPAIGN_RESULTS,
  SEG_IMPORT_N_PRESETS
} SegImportPreset;

/* What the rows of a file become. */
typedef enum
{
  SEG_IMPORT_TARGET_CUSTOMERS,
  SEG_IMPORT_TARGET_ORDERS,
  SEG_IMPORT_TARGET_CHECKOUTS,
  SEG_IMPORT_TARGET_CAMPAIGN_RESULTS,
} SegImportTarget;

/* The id used on the command line and in saved mappings: "shopify-orders". */
const char      *seg_import_preset_get_id       (SegImportPreset     preset);
/* The translated name shown in the wizard: "Shopify orders". */
const char      *seg_import_preset_get_label    (SegImportPreset     preset);
/* The store's `source` column for rows from this preset: "shopify", "csv"… */
const char      *seg_import_preset_get_source   (SegImportPreset     preset);
/* What the rows become; for CUSTOM the mapping decides (CUSTOMERS here). */
SegImportTarget  seg_import_preset_get_target   (SegImportPreset     preset);
gboolean         seg_import_preset_from_id      (const char         *id,
                                                 SegImportPreset    *preset);

/* Detects the preset from the header (and optionally the first data row,
 * which tells Shopify abandoned checkouts from orders). */
SegImportPreset  seg_import_preset_detect       (const char * const *header,
                                                 guint               n_columns,
                                                 const char * const *first_row,
                                                 guint               first_row_len);

/* The default field (a field id, "ignore" or "attribute:<name>") of each
 * column under @preset; a newly allocated %NULL-terminated array of
 * @n_columns strings. */
char           **seg_import_preset_map_columns  (SegImportPreset     preset,
                                                 const char * const *header,
                                                 guint               n_columns);

/* Mailchimp writes subscribed, unsubscribed and cleaned members to three
 * files told apart by their UNSUB_* / CLEAN_* columns: the email status
 * every row of such a file implies, or %NULL. */
const char      *seg_import_preset_get_implied_email_status (SegImportPreset     preset,
                                                             const char * const *header,
                                                             guint               n_columns);

/* Lower-cases, trims and collapses spaces: how header names are compared. */
char            *seg_import_preset_normalize_name (const char       *name);

G_END_DECLS
