/* seg-format.c — numbers, money and dates as the store owner reads them
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Grouping and the place of the currency symbol follow the user's locale
 * (LC_NUMERIC and LC_MONETARY); the symbol itself follows the store's
 * currency, which is not necessarily the user's.
 */

#define G_LOG_DOMAIN "seg-format"

#include "config.h"

#include <limits.h>
#include <locale.h>
#include <string.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "seg-day.h"
#include "seg-format.h"

typedef struct
{
  const char *code;
  const char *symbol;
  int         decimals;
} Currency;

static const Currency currencies[] = {
  { "USD", "$", 2 },
  { "EUR", "€", 2 },
  { "GBP", "£", 2 },
  { "JPY", "¥", 0 },
  { "CNY", "CN¥", 2 },
  { "CAD", "CA$", 2 },
  { "AUD", "A$", 2 },
  { "NZD", "NZ$", 2 },
  { "MXN", "MX$", 2 },
  { "BRL", "R$", 2 },
  { "INR", "₹", 2 },
  { "KRW", "₩", 0 },
  { "CHF", "CHF", 2 },
  { "SEK", "kr", 2 },
  { "NOK", "kr", 2 },
  { "DKK", "kr.", 2 },
  { "PLN", "zł", 2 },
  { "CZK", "Kč", 2 },
  { "HUF", "Ft", 2 },
  { "ZAR", "R", 2 },
};

/* Writes @value with the locale's thousands separator.  The C locale has
 * none; "2000000" is hard to read, so group by threes with a comma there, as
 * the chart renderer does. */
static char *
format_grouped (guint64 value)
{
  struct lconv *lc = localeconv ();
  char buf[64];
  GString *out;
  gsize len;

  if (lc->thousands_sep != NULL && *lc->thousands_sep != '\0')
    {
      g_snprintf (buf, sizeof buf, "%'" G_GUINT64_FORMAT, value);
      return g_strdup (buf);
    }

  g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT, value);
  len = strlen (buf);
  out = g_string_sized_new (len + len / 3);
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, buf[i]);
    }

  return g_string_free (out, FALSE);
}

/**
 * seg_format_count:
 *
 * Returns: (transfer full): @value with the locale's digit grouping
 */
char *
seg_format_count (gint64 value)
{
  g_autofree char *digits = format_grouped (value < 0 ? (guint64) -value : (guint64) value);

  return value < 0 ? g_strconcat ("−", digits, NULL) : g_steal_pointer (&digits);
}

/**
 * seg_format_money:
 * @cents: an amount in minor units
 * @currency: an ISO 4217 code, such as "USD"
 *
 * Returns: (transfer full): "$1,234.56", "1.234,56 €" and the like
 */
char *
seg_format_money (gint64      cents,
                  const char *currency)
{
  const Currency *found = NULL;
  struct lconv *lc = localeconv ();
  g_autofree char *units = NULL;
  g_autofree char *number = NULL;
  const char *symbol;
  gboolean precedes;
  gboolean space;
  guint64 magnitude = cents < 0 ? (guint64) -cents : (guint64) cents;
  int decimals = 2;

  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    if (g_strcmp0 (currencies[i].code, currency) == 0)
      found = &currencies[i];

  symbol = found ? found->symbol : (currency ? currency : "");
  if (found)
    decimals = found->decimals;

  units = format_grouped (magnitude / 100);
  if (decimals > 0)
    {
      const char *point = lc->decimal_point && *lc->decimal_point ? lc->decimal_point : ".";

      number = g_strdup_printf ("%s%s%02u", units, point, (guint) (magnitude % 100));
    }
  else
    {
      number = g_steal_pointer (&units);
    }

  /* CHAR_MAX means the locale does not say (the C locale): put the symbol
   * first, as most English-speaking store owners expect. */
  precedes = lc->p_cs_precedes == CHAR_MAX ? TRUE : lc->p_cs_precedes != 0;
  space = lc->p_sep_by_space == CHAR_MAX ? FALSE : lc->p_sep_by_space != 0;
  /* A multi-letter code reads badly glued to the number. */
  if (found == NULL || (g_ascii_isalpha (symbol[0]) && g_ascii_isalpha (symbol[1])))
    space = TRUE;

  if (precedes)
    return g_strdup_printf ("%s%s%s%s", cents < 0 ? "−" : "", symbol, space ? " " : "", number);

  return g_strdup_printf ("%s%s%s%s", cents < 0 ? "−" : "", number, space ? " " : "", symbol);
}

/**
 * seg_format_percent:
 * @fraction: 0.0 to 1.0
 *
 * Returns: (transfer full): "37 %" or "37%" as the locale writes it
 */
char *
seg_format_percent (double fraction)
{
  /* Translators: a percentage; use "%.0f %%" if your language puts a
   * space before the sign. */
  return g_strdup_printf (_("%.0f%%"), fraction * 100.0);
}

static GDateTime *
date_time_for_day (gint32 day)
{
  int y, m, d;

  seg_day_to_ymd (day, &y, &m, &d);
  return g_date_time_new_local (y, m, d, 12, 0, 0);
}

/* @day written with @format (see g_date_time_format ()); nothing for no
 * day. */
static char *
format_day_as (gint32      day,
               const char *format)
{
  g_autoptr(GDateTime) dt = NULL;

  if (day == SEG_DAY_INVALID)
    return g_strdup ("");

  dt = date_time_for_day (day);
  return g_date_time_format (dt, format);
}

/**
 * seg_format_day:
 *
 * Returns: (transfer full): a short date, such as "May 4, 2026"
 */
char *
seg_format_day (gint32 day)
{
  /* Translators: a short date in a table, see strftime(3); the month is
   * abbreviated. */
  return format_day_as (day, _("%b %-e, %Y"));
}

/**
 * seg_format_day_long:
 *
 * Returns: (transfer full): a date in full, such as "May 4, 2026"
 */
char *
seg_format_day_long (gint32 day)
{
  /* Translators: a date written in full, see strftime(3). */
  return format_day_as (day, _("%B %-e, %Y"));
}

char *
seg_format_size (guint64 bytes)
{
  return g_format_size (bytes);
}
