/* seg-format.h — numbers, money and dates as the store owner reads them
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *seg_format_count   (gint64      value);
char *seg_format_money   (gint64      cents,
                          const char *currency);
char *seg_format_percent (double      fraction);
char *seg_format_day     (gint32      day);
char *seg_format_day_long (gint32     day);
char *seg_format_size    (guint64     bytes);

G_END_DECLS
