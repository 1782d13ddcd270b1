/* seg-measures.h — per-customer measures derived from orders and checkouts
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define SEG_MEASURES_ERROR (seg_measures_error_quark ())

typedef enum
{
  SEG_MEASURES_ERROR_FAILED,
} SegMeasuresError;

GQuark    seg_measures_error_quark (void);

gboolean  seg_measures_recompute   (sqlite3       *db,
                                    gint32         ref_day,
                                    GCancellable  *cancellable,
                                    GError       **error);
gboolean  seg_measures_ensure      (sqlite3       *db,
                                    gint32         ref_day,
                                    GError       **error);

G_END_DECLS
