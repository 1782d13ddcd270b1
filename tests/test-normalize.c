/* test-normalize.c — cell values as real exports write them
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <string.h>

#include "seg-day.h"
#include "seg-normalize.h"

static void
test_apostrophe (void)
{
  g_assert_cmpstr (seg_normalize_strip_apostrophe ("'4001"), ==, "4001");
  g_assert_cmpstr (seg_normalize_strip_apostrophe ("'+46 70 123 45 67"), ==,
                   "+46 70 123 45 67");
  g_assert_cmpstr (seg_normalize_strip_apostrophe ("'-74.02"), ==, "-74.02");
  g_assert_cmpstr (seg_normalize_strip_apostrophe ("'(555) 123"), ==, "(555) 123");
  g_assert_cmpstr (seg_normalize_strip_apostrophe ("4001"), ==, "4001");
  g_assert_cmpstr (seg_normalize_strip_apostrophe ("'t Hooft"), ==, "'t Hooft");
  g_assert_cmpstr (seg_normalize_strip_apostrophe ("O'Brien"), ==, "O'Brien");
  g_assert_cmpstr (seg_normalize_strip_apostrophe ("'"), ==, "'");
  g_assert_cmpstr (seg_normalize_strip_apostrophe (""), ==, "");
}

static void
check_email (const char *text,
             const char *expected)
{
  g_autofree char *got = seg_normalize_email (text);

  g_assert_cmpstr (got, ==, expected);
}

static void
test_email (void)
{
  check_email ("Jane.Doe@Example.COM", "jane.doe@example.com");
  check_email ("  jane@example.com \t", "jane@example.com");
  check_email ("\xC2\xA0jane+shop@example.co.uk\xC2\xA0", "jane+shop@example.co.uk");
  check_email ("<Jane@Example.com>", "jane@example.com");
  check_email ("mailto:jane@example.com", "jane@example.com");
  check_email ("ÅSA@Exempel.SE", "åsa@exempel.se");
  check_email ("o'brien@example.ie", "o'brien@example.ie");

  check_email ("", NULL);
  check_email ("   ", NULL);
  check_email ("jane", NULL);
  check_email ("jane@", NULL);
  check_email ("@example.com", NULL);
  check_email ("jane@example", NULL);
  check_email ("jane@@example.com", NULL);
  check_email ("jane@a@example.com", NULL);
  check_email ("jane doe@example.com", NULL);
  check_email ("jane@example..com", NULL);
  check_email ("jane.@example.com", NULL);
  check_email (".jane@example.com", NULL);
  check_email ("jane@-example.com", NULL);
  check_email ("jane@example.c", NULL);
  check_email ("jane@1.2.3.4", NULL);
  check_email ("jane,doe@example.com", NULL);
  check_email ("n/a", NULL);
  check_email ("jane@example.com\xFF", NULL);
}

static void
test_mangled_number (void)
{
  g_assert_true (seg_normalize_is_mangled_number ("7.02255E+12"));
  g_assert_true (seg_normalize_is_mangled_number ("1.23E+05"));
  g_assert_true (seg_normalize_is_mangled_number ("4,6E+10"));
  g_assert_true (seg_normalize_is_mangled_number ("1e9"));
  g_assert_true (seg_normalize_is_mangled_number (" -3.5E-04 "));
  g_assert_true (seg_normalize_is_mangled_number ("'7.02255E+12"));

  g_assert_false (seg_normalize_is_mangled_number ("7022550000000"));
  g_assert_false (seg_normalize_is_mangled_number ("+46 70 123"));
  g_assert_false (seg_normalize_is_mangled_number ("E+12"));
  g_assert_false (seg_normalize_is_mangled_number ("1.2E"));
  g_assert_false (seg_normalize_is_mangled_number ("1.2E+"));
  g_assert_false (seg_normalize_is_mangled_number ("12E4B"));
  g_assert_false (seg_normalize_is_mangled_number ("SE-123 45"));
  g_assert_false (seg_normalize_is_mangled_number ("1.2.3E+4"));
  g_assert_false (seg_normalize_is_mangled_number (""));
}

static void
check_money (const char     *text,
             SegDecimalMark  mark,
             gint64          expected)
{
  gint64 cents = G_MININT64;

  if (!seg_normalize_money (text, mark, &cents))
    g_error ("“%s” was refused, expected %" G_GINT64_FORMAT, text, expected);
  if (cents != expected)
    g_error ("“%s” read as %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT,
             text, cents, expected);
}

static void
check_not_money (const char     *text,
                 SegDecimalMark  mark)
{
  gint64 cents = 42;

  if (seg_normalize_money (text, mark, &cents))
    g_error ("“%s” read as %" G_GINT64_FORMAT ", expected a refusal", text, cents);
  g_assert_cmpint (cents, ==, 42);
}

static void
test_money (void)
{
  const SegDecimalMark A = SEG_DECIMAL_MARK_AUTO;

  check_money ("$1,234.56", A, 123456);
  check_money ("1.234,56 €", A, 123456);
  check_money ("1 234,56", A, 123456);
  check_money ("1\xC2\xA0" "234,56\xC2\xA0€", A, 123456);
  check_money ("1\xE2\x80\xAF" "234,56", A, 123456);
  check_money ("-12.5", A, -1250);
  check_money ("(12.50)", A, -1250);
  check_money ("USD 10", A, 1000);
  check_money ("£3", A, 300);
  check_money ("kr 99,00", A, 9900);
  check_money ("12,5", A, 1250);
  check_money ("0", A, 0);
  check_money ("0.5", A, 50);
  check_money (".5", A, 50);
  check_money ("19.99", A, 1999);
  check_money ("1,234", A, 123400);
  check_money ("1.234", A, 123400);
  check_money ("1,234,567.89", A, 123456789);
  check_money ("1.234.567", A, 123456700);
  check_money ("1'234.50 CHF", A, 123450);
  check_money ("CHF 1\u2019234.50", A, 123450);
  check_money ("-$5.00", A, -500);
  check_money ("$-5.00", A, -500);
  check_money ("5.00-", A, -500);
  check_money ("\xE2\x88\x92" "7,25 €", A, -725);
  check_money ("+3", A, 300);
  check_money ("R$ 1.000,00", A, 100000);
  check_money ("12.345", SEG_DECIMAL_MARK_POINT, 1235);
  check_money ("12.344", SEG_DECIMAL_MARK_POINT, 1234);
  check_money ("-0.005", SEG_DECIMAL_MARK_POINT, -1);
  check_money ("'10.00", A, 1000);
  check_money ("  42  ", A, 4200);
  check_money ("zł 15,50", A, 1550);
  check_money ("¥1000", A, 100000);

  /* With the column's mark known. */
  check_money ("1,234", SEG_DECIMAL_MARK_COMMA, 123);
  check_money ("1.234", SEG_DECIMAL_MARK_COMMA, 123400);
  check_money ("1.234,5", SEG_DECIMAL_MARK_COMMA, 123450);
  check_money ("12,5", SEG_DECIMAL_MARK_COMMA, 1250);
  check_money ("1,234", SEG_DECIMAL_MARK_POINT, 123400);
  check_money ("0,125", A, 13);

  check_not_money ("", A);
  check_not_money ("abc", A);
  check_not_money ("$", A);
  check_not_money ("12abc34", A);
  check_not_money ("1.2.3", A);
  check_not_money ("1,2,3", A);
  check_not_money ("1..2", A);
  check_not_money ("12,5", SEG_DECIMAL_MARK_POINT);
  check_not_money ("1.234.5", SEG_DECIMAL_MARK_COMMA);
  check_not_money ("free shipping", A);
  check_not_money ("12 apples and 3 pears", A);
  check_not_money ("((12))", A);
  check_not_money ("(12", A);
  check_not_money ("--12", A);
  check_not_money ("1e5", A);
  check_not_money ("7.02255E+12", A);
  check_not_money ("99999999999999999999", A);
  check_not_money ("12 34", A);
}

static void
test_decimal (void)
{
  double v = 0;

  g_assert_true (seg_normalize_decimal ("-74.025", SEG_DECIMAL_MARK_AUTO, &v));
  g_assert_cmpfloat_with_epsilon (v, -74.025, 1e-9);
  g_assert_true (seg_normalize_decimal ("'-74.02", SEG_DECIMAL_MARK_AUTO, &v));
  g_assert_cmpfloat_with_epsilon (v, -74.02, 1e-9);
  g_assert_true (seg_normalize_decimal ("59,3293", SEG_DECIMAL_MARK_AUTO, &v));
  g_assert_cmpfloat_with_epsilon (v, 59.3293, 1e-9);
  g_assert_true (seg_normalize_decimal ("1,5", SEG_DECIMAL_MARK_AUTO, &v));
  g_assert_cmpfloat_with_epsilon (v, 1.5, 1e-9);
  g_assert_true (seg_normalize_decimal ("1.234,5", SEG_DECIMAL_MARK_AUTO, &v));
  g_assert_cmpfloat_with_epsilon (v, 1234.5, 1e-9);
  g_assert_true (seg_normalize_decimal ("12,345", SEG_DECIMAL_MARK_COMMA, &v));
  g_assert_cmpfloat_with_epsilon (v, 12.345, 1e-9);
  g_assert_true (seg_normalize_decimal ("3", SEG_DECIMAL_MARK_AUTO, &v));
  g_assert_cmpfloat_with_epsilon (v, 3.0, 1e-9);
  g_assert_false (seg_normalize_decimal ("$3", SEG_DECIMAL_MARK_AUTO, &v));
  g_assert_false (seg_normalize_decimal ("n/a", SEG_DECIMAL_MARK_AUTO, &v));
  g_assert_false (seg_normalize_decimal ("", SEG_DECIMAL_MARK_AUTO, &v));
}

static void
test_int (void)
{
  gint64 v = 0;

  g_assert_true (seg_normalize_int ("42", &v));
  g_assert_cmpint (v, ==, 42);
  g_assert_true (seg_normalize_int (" -7 ", &v));
  g_assert_cmpint (v, ==, -7);
  g_assert_true (seg_normalize_int ("1,234", &v));
  g_assert_cmpint (v, ==, 1234);
  g_assert_true (seg_normalize_int ("1.234.567", &v));
  g_assert_cmpint (v, ==, 1234567);
  g_assert_true (seg_normalize_int ("3.0", &v));
  g_assert_cmpint (v, ==, 3);
  g_assert_true (seg_normalize_int ("'4001", &v));
  g_assert_cmpint (v, ==, 4001);
  g_assert_false (seg_normalize_int ("3.5", &v));
  g_assert_false (seg_normalize_int ("$3", &v));
  g_assert_false (seg_normalize_int ("three", &v));
  g_assert_false (seg_normalize_int ("", &v));
  g_assert_false (seg_normalize_int ("1234567890123456789012", &v));
}

static void
test_boolean (void)
{
  const char *yes[] = { "yes", "YES", "Yes", "y", "true", "TRUE", "True", "t", "1", "on", " yes " };
  const char *no[] = { "no", "NO", "n", "false", "FALSE", "f", "0", "off" };
  const char *neither[] = { "", "maybe", "2", "yess", "-1", "subscribed", "truefalse" };
  gboolean v;

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      v = FALSE;
      g_assert_true (seg_normalize_boolean (yes[i], &v));
      g_assert_true (v);
    }
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    {
      v = TRUE;
      g_assert_true (seg_normalize_boolean (no[i], &v));
      g_assert_false (v);
    }
  for (guint i = 0; i < G_N_ELEMENTS (neither); i++)
    g_assert_false (seg_normalize_boolean (neither[i], &v));
}

static void
check_date (const char   *text,
            SegDateOrder  order,
            const char   *expected_day,
            const char   *expected_iso)
{
  gint32 day = SEG_DAY_INVALID;
  g_autofree char *iso = NULL;
  g_autofree char *day_text = NULL;

  if (!seg_normalize_date (text, order, &day, &iso))
    g_error ("“%s” was refused", text);
  day_text = seg_day_to_iso (day);
  g_assert_cmpstr (day_text, ==, expected_day);
  g_assert_cmpstr (iso, ==, expected_iso);
}

static void
check_not_date (const char   *text,
                SegDateOrder  order)
{
  gint32 day = 7;
  char *iso = NULL;

  if (seg_normalize_date (text, order, &day, &iso))
    g_error ("“%s” read as %s, expected a refusal", text, iso);
  g_assert_cmpint (day, ==, 7);
  g_assert_null (iso);
}

static void
test_date (void)
{
  const SegDateOrder A = SEG_DATE_ORDER_AUTO;
  const SegDateOrder MF = SEG_DATE_ORDER_MONTH_FIRST;
  const SegDateOrder DF = SEG_DATE_ORDER_DAY_FIRST;

  /* Shopify: local time with its offset; the day stays the shop's day. */
  check_date ("2022-01-11 04:32:31 -0500", A, "2022-01-11", "2022-01-11T09:32:31Z");
  check_date ("2022-01-11 23:32:31 -0500", A, "2022-01-11", "2022-01-12T04:32:31Z");
  check_date ("2022-01-11 01:00:00 +0200", A, "2022-01-11", "2022-01-10T23:00:00Z");
  check_date ("2024-05-01T12:00:00Z", A, "2024-05-01", "2024-05-01T12:00:00Z");
  check_date ("2024-05-01T12:00:00.123+05:30", A, "2024-05-01", "2024-05-01T06:30:00Z");
  check_date ("2024-05-01 12:00 UTC", A, "2024-05-01", "2024-05-01T12:00:00Z");
  check_date ("2024-05-01", A, "2024-05-01", "2024-05-01");
  check_date ("2016/05/31", A, "2016-05-31", "2016-05-31");
  check_date ("  2024-02-29  ", A, "2024-02-29", "2024-02-29");
  /* WooCommerce plugin. */
  check_date ("5/31/2016 0:37", A, "2016-05-31", "2016-05-31T00:37:00Z");
  check_date ("5/31/2016 0:37", MF, "2016-05-31", "2016-05-31T00:37:00Z");
  check_date ("12/25/2023 11:05 PM", A, "2023-12-25", "2023-12-25T23:05:00Z");
  check_date ("1/2/2023 12:00 AM", MF, "2023-01-02", "2023-01-02T00:00:00Z");
  check_date ("31/05/2016", A, "2016-05-31", "2016-05-31");
  check_date ("31/05/2016", DF, "2016-05-31", "2016-05-31");
  check_date ("31.05.2016", A, "2016-05-31", "2016-05-31");
  check_date ("01.06.2016 14:30", A, "2016-06-01", "2016-06-01T14:30:00Z");
  /* Dots are day-first whatever the column is said to be. */
  check_date ("01.06.2016", MF, "2016-06-01", "2016-06-01");
  check_date ("31-05-2016", A, "2016-05-31", "2016-05-31");
  check_date ("05/06/2016", MF, "2016-05-06", "2016-05-06");
  check_date ("05/06/2016", DF, "2016-06-05", "2016-06-05");
  /* Same day either way: no ambiguity. */
  check_date ("07/07/2016", A, "2016-07-07", "2016-07-07");
  check_date ("5/31/16", A, "2016-05-31", "2016-05-31");
  check_date ("5/31/99", A, "1999-05-31", "1999-05-31");

  check_not_date ("05/06/2016", A);
  check_not_date ("31/05/2016", MF);
  check_not_date ("5/31/2016", DF);
  check_not_date ("2023-02-29", A);
  check_not_date ("2024-13-01", A);
  check_not_date ("2024-05-01 25:00", A);
  check_not_date ("2024-05-01 12:60", A);
  check_not_date ("2024-05-01 13:00 PM", A);
  check_not_date ("2024-05-01 12:00 +9999", A);
  check_not_date ("2024-05-01 junk", A);
  check_not_date ("2024-05", A);
  check_not_date ("2024/05-01", A);
  check_not_date ("yesterday", A);
  check_not_date ("", A);
  check_not_date ("123/4/2020", A);
  check_not_date ("1/2/123", A);
  check_not_date ("44927", A);
}

static SegDateColumn
sniff (const char * const *cells)
{
  SegDateSniffer sniffer;

  seg_date_sniffer_init (&sniffer);
  for (guint i = 0; cells[i] != NULL; i++)
    seg_date_sniffer_add (&sniffer, cells[i]);
  return seg_date_sniffer_get_result (&sniffer);
}

static void
test_date_column (void)
{
  const char *month_first[] = { "1/2/2016", "5/31/2016 0:37", "", "3/4/2016", NULL };
  const char *day_first[] = { "1/2/2016", "31/5/2016", "3/4/2016", NULL };
  const char *dotted[] = { "01.02.2016", "03.04.2016", NULL };
  const char *ambiguous[] = { "1/2/2016", "3/4/2016 10:00", "12/11/2016", "", NULL };
  const char *iso[] = { "2016-01-02", "2022-01-11 04:32:31 -0500", NULL };
  const char *mixed[] = { "5/31/2016", "31/5/2016", NULL };
  const char *garbage[] = { "soon", "n/a", NULL };
  const char *empty[] = { "", "  ", NULL };
  const char *some_bad[] = { "1/2/2016", "13/2/2016", "soon", NULL };
  SegDateSniffer sniffer;

  g_assert_cmpint (sniff (month_first), ==, SEG_DATE_COLUMN_MONTH_FIRST);
  g_assert_cmpint (sniff (day_first), ==, SEG_DATE_COLUMN_DAY_FIRST);
  g_assert_cmpint (sniff (dotted), ==, SEG_DATE_COLUMN_DAY_FIRST);
  g_assert_cmpint (sniff (ambiguous), ==, SEG_DATE_COLUMN_AMBIGUOUS);
  g_assert_cmpint (sniff (iso), ==, SEG_DATE_COLUMN_YEAR_FIRST);
  g_assert_cmpint (sniff (mixed), ==, SEG_DATE_COLUMN_UNPARSEABLE);
  g_assert_cmpint (sniff (garbage), ==, SEG_DATE_COLUMN_UNPARSEABLE);
  g_assert_cmpint (sniff (empty), ==, SEG_DATE_COLUMN_EMPTY);
  g_assert_cmpint (sniff (some_bad), ==, SEG_DATE_COLUMN_DAY_FIRST);

  seg_date_sniffer_init (&sniffer);
  for (guint i = 0; some_bad[i] != NULL; i++)
    seg_date_sniffer_add (&sniffer, some_bad[i]);
  seg_date_sniffer_add (&sniffer, NULL);
  g_assert_cmpuint (sniffer.n_both, ==, 1);
  g_assert_cmpuint (sniffer.n_day_first, ==, 1);
  g_assert_cmpuint (sniffer.n_invalid, ==, 1);
  g_assert_cmpuint (sniffer.n_empty, ==, 1);
}

static void
test_country (void)
{
  static const struct { const char *text; const char *code; } cases[] = {
    { "US", "US" }, { "us", "US" }, { "USA", "US" }, { "U.S.", "US" }, { "U.S.A.", "US" },
    { "United States", "US" }, { "united states of america", "US" },
    { "UNITED STATES", "US" }, { " United  States ", "US" },
    { "GB", "GB" }, { "UK", "GB" }, { "U.K.", "GB" }, { "United Kingdom", "GB" },
    { "Great Britain", "GB" }, { "England", "GB" }, { "GBR", "GB" },
    { "Deutschland", "DE" }, { "Germany", "DE" }, { "DEU", "DE" }, { "de", "DE" },
    { "Sweden", "SE" }, { "Sverige", "SE" }, { "SWE", "SE" },
    { "The Netherlands", "NL" }, { "Netherlands", "NL" }, { "Holland", "NL" },
    { "Türkiye", "TR" }, { "Turkey", "TR" }, { "Côte d'Ivoire", "CI" },
    { "Ivory Coast", "CI" }, { "South Korea", "KR" }, { "Korea, Republic of", "KR" },
    { "Russia", "RU" }, { "Russian Federation", "RU" }, { "Czech Republic", "CZ" },
    { "Czechia", "CZ" }, { "Vietnam", "VN" }, { "Viet Nam", "VN" }, { "España", "ES" },
    { "Bolivia", "BO" }, { "Guinea-Bissau", "GW" }, { "New Zealand", "NZ" },
    { "Bosnia and Herzegovina", "BA" }, { "Trinidad & Tobago", "TT" },
  };
  static const char *unknown[] = {
    "", "  ", "Atlantis", "no region", "XX", "ZZZ", "Россия", "?", "123",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *got = seg_normalize_country (cases[i].text);

      if (g_strcmp0 (got, cases[i].code) != 0)
        g_error ("“%s” gave %s, expected %s", cases[i].text, got, cases[i].code);
    }
  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    {
      const char *got = seg_normalize_country (unknown[i]);

      if (got != NULL)
        g_error ("“%s” gave %s, expected nothing", unknown[i], got);
    }

  g_assert_cmpstr (seg_country_get_name ("SE"), ==, "Sweden");
  g_assert_cmpstr (seg_country_get_name ("gb"), ==, "United Kingdom");
  g_assert_null (seg_country_get_name ("XX"));
  g_assert_null (seg_country_get_name ("USA"));
  /* In the C locale the "localized" name is the English one. */
  g_assert_cmpstr (seg_country_get_localized_name ("DE"), ==, "Germany");
  g_assert_null (seg_country_get_localized_name ("XX"));
}

static void
test_country_threads_cb (gpointer data,
                         gpointer user_data)
{
  g_assert_cmpstr (seg_normalize_country ("Deutschland"), ==, "DE");
  g_assert_cmpstr (seg_region_get_name ("US", "CA"), ==, "California");
}

static void
test_country_threads (void)
{
  GThreadPool *pool = g_thread_pool_new (test_country_threads_cb, NULL, 8, TRUE, NULL);

  for (guint i = 0; i < 64; i++)
    g_thread_pool_push (pool, GUINT_TO_POINTER (i + 1), NULL);
  g_thread_pool_free (pool, FALSE, TRUE);
}

static void
test_region (void)
{
  g_assert_cmpstr (seg_region_get_name ("US", "CA"), ==, "California");
  g_assert_cmpstr (seg_region_get_name ("us", "ny"), ==, "New York");
  g_assert_cmpstr (seg_region_get_name ("DE", "BY"), ==, "Bayern");
  g_assert_null (seg_region_get_name ("US", "XX"));
  g_assert_null (seg_region_get_name ("XX", "CA"));

  g_assert_cmpstr (seg_normalize_region ("US", "California"), ==, "CA");
  g_assert_cmpstr (seg_normalize_region ("US", "california"), ==, "CA");
  g_assert_cmpstr (seg_normalize_region ("US", "CA"), ==, "CA");
  g_assert_cmpstr (seg_normalize_region ("US", "ca"), ==, "CA");
  g_assert_cmpstr (seg_normalize_region ("US", "US-CA"), ==, "CA");
  g_assert_cmpstr (seg_normalize_region ("us", "New York"), ==, "NY");
  g_assert_cmpstr (seg_normalize_region ("CA", "Québec"), ==, "QC");
  g_assert_cmpstr (seg_normalize_region ("CA", "Quebec"), ==, "QC");
  g_assert_null (seg_normalize_region ("US", "no region"));
  g_assert_null (seg_normalize_region ("US", ""));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/normalize/apostrophe", test_apostrophe);
  g_test_add_func ("/normalize/email", test_email);
  g_test_add_func ("/normalize/mangled-number", test_mangled_number);
  g_test_add_func ("/normalize/money", test_money);
  g_test_add_func ("/normalize/decimal", test_decimal);
  g_test_add_func ("/normalize/int", test_int);
  g_test_add_func ("/normalize/boolean", test_boolean);
  g_test_add_func ("/normalize/date/cells", test_date);
  g_test_add_func ("/normalize/date/column", test_date_column);
  g_test_add_func ("/normalize/country/names", test_country);
  g_test_add_func ("/normalize/country/threads", test_country_threads);
  g_test_add_func ("/normalize/region", test_region);

  return g_test_run ();
}
