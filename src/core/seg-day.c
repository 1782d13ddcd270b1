/* seg-day.c — calendar days as plain integers
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "seg-day.h"

#include <stdio.h>
#include <string.h>

/* Howard Hinnant's days_from_civil / civil_from_days: exact for every
 * Gregorian date and free of time zones. */
gint32
seg_day_from_ymd (int year,
                  int month,
                  int day)
{
  int era, yoe, doy, doe;

  year -= month <= 2;
  era = (year >= 0 ? year : year - 399) / 400;
  yoe = year - era * 400;
  doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 719468;
}

void
seg_day_to_ymd (gint32  day,
                 int   *year,
                 int   *month,
                 int   *mday)
{
  gint64 z = (gint64) day + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 y = yoe + era * 400;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;
  gint64 d = doy - (153 * mp + 2) / 5 + 1;
  gint64 m = mp + (mp < 10 ? 3 : -9);

  if (year)
    *year = (int) (y + (m <= 2));
  if (month)
    *month = (int) m;
  if (mday)
    *mday = (int) d;
}

gint32
seg_day_from_date_time (GDateTime *date_time)
{
  g_return_val_if_fail (date_time != NULL, SEG_DAY_INVALID);

  return seg_day_from_ymd (g_date_time_get_year (date_time),
                           g_date_time_get_month (date_time),
                           g_date_time_get_day_of_month (date_time));
}

/* Today in the user's local time zone: a store owner's "today". */
gint32
seg_day_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return seg_day_from_date_time (now);
}

static gboolean
is_valid_ymd (int year,
              int month,
              int day)
{
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1)
    return FALSE;
  return day <= g_date_get_days_in_month (month, year);
}

/* Parses "YYYY-MM-DD", optionally followed by a time part. */
gboolean
seg_day_parse_iso (const char *text,
                   gint32     *day)
{
  int y, m, d, n = 0;

  g_return_val_if_fail (day != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  if (sscanf (text, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10)
    return FALSE;
  if (text[10] != '\0' && text[10] != 'T' && text[10] != ' ')
    return FALSE;
  if (!is_valid_ymd (y, m, d))
    return FALSE;

  *day = seg_day_from_ymd (y, m, d);
  return TRUE;
}

char *
seg_day_to_iso (gint32 day)
{
  int y, m, d;

  seg_day_to_ymd (day, &y, &m, &d);
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

/* 1 = Monday ... 7 = Sunday, as GDateTime counts. 1970-01-01 was a Thursday. */
int
seg_day_weekday (gint32 day)
{
  int w = (int) (((gint64) day + 3) % 7);

  if (w < 0)
    w += 7;
  return w + 1;
}
