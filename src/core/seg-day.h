/* seg-day.h — calendar days as plain integers
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A "day" is the number of days since 1970-01-01 in the proleptic Gregorian
 * calendar.  The store keeps every date as a day so that "days since the
 * last order" is a subtraction and a rule compiles to an indexed comparison.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SEG_DAY_INVALID G_MININT32

gint32    seg_day_from_ymd      (int          year,
                                 int          month,
                                 int          day);
void      seg_day_to_ymd        (gint32       day,
                                 int         *year,
                                 int         *month,
                                 int         *mday);
gint32    seg_day_today         (void);
gint32    seg_day_from_date_time (GDateTime  *date_time);
gboolean  seg_day_parse_iso     (const char  *text,
                                 gint32      *day);
char     *seg_day_to_iso        (gint32       day);
int       seg_day_weekday       (gint32       day);

G_END_DECLS
