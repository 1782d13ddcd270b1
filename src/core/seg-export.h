/* seg-export.h — a segment's members as CSV for marketing platforms
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seg-segment.h"
#include "seg-store.h"

G_BEGIN_DECLS

#define SEG_EXPORT_ERROR (seg_export_error_quark ())

typedef enum
{
  SEG_EXPORT_ERROR_INVALID,
  SEG_EXPORT_ERROR_FAILED,
} SegExportError;

typedef enum
{
  SEG_EXPORT_FORMAT_CSV,            /* every field, readable */
  SEG_EXPORT_FORMAT_KLAVIYO,        /* list import */
  SEG_EXPORT_FORMAT_MAILCHIMP,      /* audience import */
  SEG_EXPORT_FORMAT_META,           /* custom audience, normalised and SHA-256 hashed */
  SEG_EXPORT_FORMAT_META_LOOKALIKE, /* the same with a value column: net revenue */
  SEG_EXPORT_FORMAT_GOOGLE,         /* Customer Match, normalised and SHA-256 hashed */
} SegExportFormat;

typedef enum
{
  SEG_EXPORT_FLAGS_NONE         = 0,
  SEG_EXPORT_FLAGS_PRIMARY_ONLY = 1 << 0,  /* only customers whose primary segment it is */
} SegExportFlags;

GQuark      seg_export_error_quark         (void);

gboolean    seg_export_format_from_string  (const char       *text,
                                            SegExportFormat  *format);
const char *seg_export_format_to_string    (SegExportFormat   format);
const char *seg_export_format_get_label    (SegExportFormat   format);

gboolean    seg_export_segment             (SegStore         *store,
                                            SegSegment       *segment,
                                            gint32            ref_day,
                                            SegExportFormat   format,
                                            SegExportFlags    flags,
                                            const char       *path,
                                            GCancellable     *cancellable,
                                            gint64           *n_exported,
                                            GError          **error);
gboolean    seg_export_customers           (SegStore         *store,
                                            GArray           *customer_ids,
                                            const char       *segment_name,
                                            SegExportFormat   format,
                                            const char       *path,
                                            GCancellable     *cancellable,
                                            GError          **error);

/* The value rules, public for the tests and the preview. */
char       *seg_export_neutralize_cell     (const char       *text);
char       *seg_export_sha256              (const char       *normalized);
char       *seg_export_normalize_email     (const char       *email,
                                            gboolean          google);
char       *seg_export_normalize_phone     (const char       *phone,
                                            const char       *country);
char       *seg_export_normalize_name      (const char       *name);
char       *seg_export_normalize_place     (const char       *text);
char       *seg_export_normalize_zip       (const char       *zip,
                                            const char       *country);

G_END_DECLS
