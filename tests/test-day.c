/* test-day.c — day numbers
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "seg-day.h"

static void
test_day_known_dates (void)
{
  g_assert_cmpint (seg_day_from_ymd (1970, 1, 1), ==, 0);
  g_assert_cmpint (seg_day_from_ymd (2000, 3, 1), ==, 11017);
  g_assert_cmpint (seg_day_from_ymd (1969, 12, 31), ==, -1);
  g_assert_cmpint (seg_day_from_ymd (2024, 2, 29), ==, 19782);
  g_assert_cmpint (seg_day_weekday (0), ==, 4);
  g_assert_cmpint (seg_day_weekday (seg_day_from_ymd (2026, 11, 24)), ==, 2);
}

static void
test_day_round_trip (void)
{
  for (gint32 day = -800000; day < 800000; day += 17)
    {
      int y, m, d;

      seg_day_to_ymd (day, &y, &m, &d);
      g_assert_cmpint (seg_day_from_ymd (y, m, d), ==, day);
      g_assert_true (g_date_valid_dmy (d, m, y) || y < 1);
    }
}

static void
test_day_iso (void)
{
  gint32 day = 0;
  g_autofree char *text = NULL;

  g_assert_true (seg_day_parse_iso ("2024-02-29", &day));
  g_assert_cmpint (day, ==, 19782);
  g_assert_true (seg_day_parse_iso ("2024-02-29T10:00:00Z", &day));
  g_assert_false (seg_day_parse_iso ("2023-02-29", &day));
  g_assert_false (seg_day_parse_iso ("2023-13-01", &day));
  g_assert_false (seg_day_parse_iso ("2023-1-01", &day));
  g_assert_false (seg_day_parse_iso ("", &day));
  g_assert_false (seg_day_parse_iso (NULL, &day));
  text = seg_day_to_iso (19782);
  g_assert_cmpstr (text, ==, "2024-02-29");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/day/known-dates", test_day_known_dates);
  g_test_add_func ("/day/round-trip", test_day_round_trip);
  g_test_add_func ("/day/iso", test_day_iso);

  return g_test_run ();
}
