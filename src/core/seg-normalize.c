/* seg-normalize.c — turning the cells of store exports into clean values
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seg-normalize"

#include "config.h"

#include "seg-normalize.h"

#include "seg-day.h"

#include <json-glib/json-glib.h>
#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

/* Spaces found in exports: ASCII, no-break (U+00A0), narrow no-break
 * (U+202F, the French thousands separator) and thin (U+2009). */
static inline gsize
space_at (const char *p,
          const char *end)
{
  const guchar *u = (const guchar *) p;

  if (p >= end)
    return 0;
  if (g_ascii_isspace (*u))
    return 1;
  if (end - p >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
    return 2;
  if (end - p >= 3 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0xAF || u[2] == 0x89))
    return 3;
  return 0;
}

static inline gsize
space_before (const char *start,
              const char *end)
{
  const guchar *u = (const guchar *) end;

  if (end <= start)
    return 0;
  if (g_ascii_isspace (u[-1]))
    return 1;
  if (end - start >= 2 && u[-2] == 0xC2 && u[-1] == 0xA0)
    return 2;
  if (end - start >= 3 && u[-3] == 0xE2 && u[-2] == 0x80 && (u[-1] == 0xAF || u[-1] == 0x89))
    return 3;
  return 0;
}

static void
trim (const char  *text,
      const char **start,
      const char **end)
{
  const char *s = text, *e = text + strlen (text);
  gsize n;

  while ((n = space_at (s, e)) > 0)
    s += n;
  while ((n = space_before (s, e)) > 0)
    e -= n;
  *start = s;
  *end = e;
}

/* ---- Text ------------------------------------------------------------- */

/**
 * seg_normalize_strip_apostrophe:
 *
 * Shopify and Mailchimp write `'4001`, `'+46 70…` and `'-74.02` so that
 * spreadsheets keep them as text.  The apostrophe is dropped only when what
 * follows looks numeric, the only reason exporters add it; `'t Hooft` stays.
 *
 * Returns: (transfer none): @text, or @text + 1.
 */
const char *
seg_normalize_strip_apostrophe (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  if (text[0] == '\'' && (g_ascii_isdigit (text[1]) || text[1] == '+' || text[1] == '-'
                          || text[1] == '.' || text[1] == '('))
    return text + 1;
  return text;
}

static gboolean
is_valid_email_domain (const char *domain)
{
  g_auto(GStrv) labels = g_strsplit (domain, ".", -1);
  guint n = g_strv_length (labels);
  const char *tld;
  gboolean all_digits = TRUE;

  if (n < 2)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      gsize len = strlen (labels[i]);

      if (len == 0 || len > 63 || labels[i][0] == '-' || labels[i][len - 1] == '-')
        return FALSE;
    }
  tld = labels[n - 1];
  if (g_utf8_strlen (tld, -1) < 2)
    return FALSE;
  for (const char *p = tld; *p; p++)
    if (!g_ascii_isdigit (*p))
      all_digits = FALSE;
  return !all_digits;
}

/**
 * seg_normalize_email:
 *
 * Trims and lower-cases an address (the customer key, so that the same
 * person meets across files), and refuses anything that is not one.
 *
 * Returns: (transfer full) (nullable): the address, or %NULL.
 */
char *
seg_normalize_email (const char *text)
{
  const char *s, *e, *at;
  g_autofree char *lower = NULL;
  gsize local_len;
  gboolean ascii;

  g_return_val_if_fail (text != NULL, NULL);

  for (s = text; (guchar) *s < 0x80 && *s != '\0'; s++)
    ;
  ascii = *s == '\0';
  if (!ascii && !g_utf8_validate (text, -1, NULL))
    return NULL;
  trim (text, &s, &e);
  if (e - s > 7 && g_ascii_strncasecmp (s, "mailto:", 7) == 0)
    s += 7;
  if (e - s >= 2 && *s == '<' && e[-1] == '>')
    {
      s++;
      e--;
    }
  if (e - s < 3 || e - s > 254)
    return NULL;

  /* Plain ASCII, as nearly every address is, lower-cases byte by byte. */
  lower = ascii ? g_ascii_strdown (s, e - s) : g_utf8_strdown (s, e - s);
  at = strchr (lower, '@');
  if (at == NULL || strchr (at + 1, '@') != NULL)
    return NULL;
  local_len = at - lower;
  if (local_len == 0 || local_len > 64)
    return NULL;

  for (const char *p = lower; *p; p++)
    {
      guchar c = *p;

      if (c <= ' ' || c == 0x7F || strchr ("\"(),:;<>[]\\", c) != NULL)
        return NULL;
    }
  if (lower[0] == '.' || at[-1] == '.' || strstr (lower, "..") != NULL)
    return NULL;
  if (!is_valid_email_domain (at + 1))
    return NULL;

  return g_steal_pointer (&lower);
}

/**
 * seg_normalize_is_mangled_number:
 *
 * Spreadsheets turn long ids, phone numbers and zip codes into scientific
 * notation (`7.02255E+12`), losing digits for good.  Such a cell is flagged
 * so that the import reports it; the number is never guessed back.
 *
 * Returns: %TRUE if @text is a number in scientific notation.
 */
gboolean
seg_normalize_is_mangled_number (const char *text)
{
  const char *p, *e;
  gsize n;

  g_return_val_if_fail (text != NULL, FALSE);

  trim (seg_normalize_strip_apostrophe (text), &p, &e);
  if (p < e && (*p == '-' || *p == '+'))
    p++;
  for (n = 0; p < e && g_ascii_isdigit (*p); p++)
    n++;
  if (n == 0)
    return FALSE;
  if (p < e && (*p == '.' || *p == ','))
    {
      p++;
      while (p < e && g_ascii_isdigit (*p))
        p++;
    }
  if (p >= e || (*p != 'E' && *p != 'e'))
    return FALSE;
  p++;
  if (p < e && (*p == '+' || *p == '-'))
    p++;
  for (n = 0; p < e && g_ascii_isdigit (*p); p++)
    n++;
  return n > 0 && n <= 3 && p == e;
}

/* ---- Numbers ---------------------------------------------------------- */

#define MAX_GROUPS 16

typedef struct
{
  gboolean negative;
  char     int_digits[24];
  char     frac_digits[24];
} Number;

typedef enum
{
  SEP_NONE,
  SEP_POINT,
  SEP_COMMA,
  SEP_SPACE,      /* always a thousands separator */
  SEP_APOSTROPHE, /* Swiss 1'234.50: always a thousands separator */
} SepKind;

static gsize
minus_at (const char *p,
          const char *end)
{
  if (p < end && *p == '-')
    return 1;
  /* U+2212 MINUS SIGN and U+2013 EN DASH. */
  if (end - p >= 3 && (guchar) p[0] == 0xE2
      && (((guchar) p[1] == 0x88 && (guchar) p[2] == 0x92)
          || ((guchar) p[1] == 0x80 && (guchar) p[2] == 0x93)))
    return 3;
  return 0;
}

/* Skips a currency code or symbol, signs, parentheses and spaces around the
 * number.  Returns FALSE on anything else (words, stray digits). */
static gboolean
scan_affix (const char  *p,
            const char  *end,
            gboolean     currency,
            int         *n_minus,
            int         *n_plus,
            int         *n_open,
            int         *n_close)
{
  guint letters = 0;

  while (p < end)
    {
      gsize n;

      if ((n = space_at (p, end)) > 0)
        p += n;
      else if ((n = minus_at (p, end)) > 0)
        {
          (*n_minus)++;
          p += n;
        }
      else if (*p == '+')
        {
          (*n_plus)++;
          p++;
        }
      else if (*p == '(')
        {
          (*n_open)++;
          p++;
        }
      else if (*p == ')')
        {
          (*n_close)++;
          p++;
        }
      else if (currency && (g_ascii_isalpha (*p) || *p == '$' || *p == '.'))
        {
          if (g_ascii_isalpha (*p) && ++letters > 4)
            return FALSE;
          p++;
        }
      else if (currency && ((guchar) *p & 0x80))
        {
          /* €, £, ¥, ₹, zł: any non-ASCII letter or symbol that is not a digit. */
          gunichar c = g_utf8_get_char_validated (p, end - p);

          if (c == (gunichar) -1 || c == (gunichar) -2 || g_unichar_isdigit (c))
            return FALSE;
          if (g_unichar_isalpha (c) && ++letters > 4)
            return FALSE;
          p = g_utf8_next_char (p);
        }
      else
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_number (const char     *text,
              SegDecimalMark  mark,
              gboolean        currency,
              gboolean        single_point_is_decimal,
              Number         *number)
{
  const char *s, *e, *p, *core_start, *core_end = NULL;
  const char *group_start[MAX_GROUPS];
  gsize group_len[MAX_GROUPS];
  SepKind seps[MAX_GROUPS];
  guint n_groups = 0, n_points = 0, n_commas = 0;
  int n_minus = 0, n_plus = 0, n_open = 0, n_close = 0;
  SepKind decimal = SEP_NONE;
  gsize int_len = 0;

  memset (number, 0, sizeof *number);
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  trim (seg_normalize_strip_apostrophe (text), &s, &e);

  /* The core starts at the first digit, or at a separator right before one
   * (".5"). */
  for (p = s; p < e; p++)
    if (g_ascii_isdigit (*p) || ((*p == '.' || *p == ',') && p + 1 < e && g_ascii_isdigit (p[1])))
      break;
  if (p == e)
    return FALSE;
  core_start = p;

  /* Digit groups and the single separators between them. */
  if (!g_ascii_isdigit (*p))
    {
      group_start[0] = p;
      group_len[0] = 0;
      n_groups = 1;
    }
  while (p < e)
    {
      const char *g = p;
      SepKind sep;
      gsize n;

      while (p < e && g_ascii_isdigit (*p))
        p++;
      if (p > g)
        {
          if (n_groups == MAX_GROUPS)
            return FALSE;
          group_start[n_groups] = g;
          group_len[n_groups] = p - g;
          n_groups++;
        }
      core_end = p;
      if (p >= e)
        break;

      n = 1;
      if (*p == '.')
        sep = SEP_POINT;
      else if (*p == ',')
        sep = SEP_COMMA;
      else if (*p == '\'')
        sep = SEP_APOSTROPHE;
      else if (e - p >= 3 && (guchar) p[0] == 0xE2 && (guchar) p[1] == 0x80
               && (guchar) p[2] == 0x99)
        {
          sep = SEP_APOSTROPHE;
          n = 3;
        }
      else if ((n = space_at (p, e)) > 0)
        sep = SEP_SPACE;
      else
        break;

      /* A separator counts only between two digits. */
      if (p + n >= e || !g_ascii_isdigit (p[n]))
        break;
      seps[n_groups - 1] = sep;
      p += n;
    }

  if (!scan_affix (s, core_start, currency, &n_minus, &n_plus, &n_open, &n_close)
      || !scan_affix (core_end, e, currency, &n_minus, &n_plus, &n_open, &n_close))
    return FALSE;
  if (n_minus + n_plus > 1 || n_open != n_close || n_open > 1)
    return FALSE;
  number->negative = n_minus > 0 || n_open > 0;

  for (guint i = 0; i + 1 < n_groups; i++)
    {
      n_points += seps[i] == SEP_POINT;
      n_commas += seps[i] == SEP_COMMA;
    }

  if (mark == SEG_DECIMAL_MARK_POINT)
    decimal = SEP_POINT;
  else if (mark == SEG_DECIMAL_MARK_COMMA)
    decimal = SEP_COMMA;
  else if (n_points > 0 && n_commas > 0)
    decimal = seps[n_groups - 2];
  else if (n_points + n_commas == 1)
    {
      SepKind kind = n_points ? SEP_POINT : SEP_COMMA;
      gboolean last = n_groups >= 2 && seps[n_groups - 2] == kind;
      gboolean three = last && group_len[n_groups - 1] == 3;
      gboolean leading_zero = group_len[0] == 1 && group_start[0][0] == '0';

      /* "1,234" is a thousand; "12,5" and "0.125" are not. */
      if (!last || (three && !leading_zero && !(kind == SEP_POINT && single_point_is_decimal)))
        decimal = kind == SEP_POINT ? SEP_COMMA : SEP_POINT;
      else
        decimal = kind;
    }

  /* Only the last separator may be the decimal mark; every other one
   * separates thousands, in groups of three. */
  {
    guint n_int_groups = n_groups;
    gboolean has_fraction = n_groups >= 2 && seps[n_groups - 2] == decimal;

    if (has_fraction)
      n_int_groups = n_groups - 1;
    for (guint i = 0; i + 1 < n_int_groups; i++)
      {
        if (seps[i] == decimal)
          return FALSE;
        if (group_len[i + 1] != 3 || (i == 0 && group_len[0] > 3))
          return FALSE;
      }

    for (guint i = 0; i < n_int_groups; i++)
      {
        if (int_len + group_len[i] >= sizeof number->int_digits)
          return FALSE;
        memcpy (number->int_digits + int_len, group_start[i], group_len[i]);
        int_len += group_len[i];
      }
    if (has_fraction)
      {
        if (group_len[n_groups - 1] >= sizeof number->frac_digits)
          return FALSE;
        memcpy (number->frac_digits, group_start[n_groups - 1], group_len[n_groups - 1]);
      }
  }
  if (int_len == 0 && number->frac_digits[0] == '\0')
    return FALSE;
  return TRUE;
}

/**
 * seg_normalize_money:
 * @mark: the column's decimal mark when known; %SEG_DECIMAL_MARK_AUTO
 *   decides per cell ("1,234" is then a thousand, "12,5" twelve and a half)
 *
 * Reads `$1,234.56`, `1.234,56 €`, `1 234,56`, `-12.5`, `(12.50)`, `USD 10`,
 * `£3`, `kr 99,00`.  Fractions of a cent are rounded half away from zero.
 *
 * Returns: %FALSE if @text is not an amount.
 */
gboolean
seg_normalize_money (const char     *text,
                     SegDecimalMark  mark,
                     gint64         *cents)
{
  Number number;
  gint64 value = 0;
  const char *f;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (cents != NULL, FALSE);

  /* What exports write nearly always, "-1234.5" or "1234.56", read
   * without the general parser: the same result, a fraction of the cost. */
  if (mark != SEG_DECIMAL_MARK_COMMA)
    {
      const char *p = text + (*text == '-');
      const char *digits = p;

      /* At most 15 digits are summed here; longer runs go to the general
       * parser (and must not overflow on the way). */
      while (*p >= '0' && *p <= '9' && p - digits < 16)
        value = value * 10 + (*p++ - '0');
      if (p > digits && p - digits <= 15)
        {
          if (*p == '\0')
            {
              *cents = (*text == '-' ? -value : value) * 100;
              return TRUE;
            }
          if (p[0] == '.' && p[1] >= '0' && p[1] <= '9')
            {
              gint64 frac = (p[1] - '0') * 10;

              if (p[2] == '\0'
                  || (p[2] >= '0' && p[2] <= '9' && p[3] == '\0' && (frac += p[2] - '0', TRUE)))
                {
                  value = value * 100 + frac;
                  *cents = *text == '-' ? -value : value;
                  return TRUE;
                }
            }
        }
      value = 0;
    }

  if (!parse_number (text, mark, TRUE, FALSE, &number))
    return FALSE;
  if (strlen (number.int_digits) > 15)
    return FALSE;

  for (const char *p = number.int_digits; *p; p++)
    value = value * 10 + (*p - '0');
  f = number.frac_digits;
  value = value * 100 + (f[0] ? f[0] - '0' : 0) * 10 + (f[0] && f[1] ? f[1] - '0' : 0);
  if (f[0] && f[1] && f[2] >= '5')
    value++;

  *cents = number.negative ? -value : value;
  return TRUE;
}

/**
 * seg_normalize_decimal:
 *
 * A plain number with either decimal mark (no currency).  With
 * %SEG_DECIMAL_MARK_AUTO a single point is always the decimal mark
 * (`-74.025` is a longitude), a single comma followed by three digits
 * separates thousands.
 */
gboolean
seg_normalize_decimal (const char     *text,
                       SegDecimalMark  mark,
                       double         *value)
{
  Number number;
  char buf[64];

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (!parse_number (text, mark, FALSE, TRUE, &number))
    return FALSE;
  g_snprintf (buf, sizeof buf, "%s%s.%s", number.negative ? "-" : "",
              number.int_digits[0] ? number.int_digits : "0",
              number.frac_digits[0] ? number.frac_digits : "0");
  *value = g_ascii_strtod (buf, NULL);
  return TRUE;
}

/**
 * seg_normalize_int:
 *
 * An integer, with thousands separators allowed (`1,234`, `1.234`) and a
 * zero fraction (`3.0`, as spreadsheets write counts).
 */
gboolean
seg_normalize_int (const char *text,
                   gint64     *value)
{
  Number number;
  gint64 v = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (!parse_number (text, SEG_DECIMAL_MARK_AUTO, FALSE, FALSE, &number))
    return FALSE;
  for (const char *p = number.frac_digits; *p; p++)
    if (*p != '0')
      return FALSE;
  if (number.int_digits[0] == '\0' || strlen (number.int_digits) > 18)
    return FALSE;
  for (const char *p = number.int_digits; *p; p++)
    v = v * 10 + (*p - '0');
  *value = number.negative ? -v : v;
  return TRUE;
}

/**
 * seg_normalize_boolean:
 *
 * `yes` `no` `y` `n` `true` `false` `t` `f` `1` `0` `on` `off`, any case.
 */
gboolean
seg_normalize_boolean (const char *text,
                       gboolean   *value)
{
  static const char * const yes[] = { "yes", "y", "true", "t", "1", "on" };
  static const char * const no[] = { "no", "n", "false", "f", "0", "off" };
  const char *s, *e;
  char buf[8];

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  trim (text, &s, &e);
  if (e - s == 0 || (gsize) (e - s) >= sizeof buf)
    return FALSE;
  memcpy (buf, s, e - s);
  buf[e - s] = '\0';

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      if (g_ascii_strcasecmp (buf, yes[i]) == 0)
        {
          *value = TRUE;
          return TRUE;
        }
      if (g_ascii_strcasecmp (buf, no[i]) == 0)
        {
          *value = FALSE;
          return TRUE;
        }
    }
  return FALSE;
}

/* ---- Dates ------------------------------------------------------------ */

typedef struct
{
  int      n[3];
  int      digits[3];
  char     sep;
  gboolean has_time;
  int      hour, minute, second;
  int      offset_minutes;  /* east of UTC */
} RawDate;

static const char *
read_number (const char *p,
             const char *e,
             int         max_digits,
             int        *value,
             int        *digits)
{
  int v = 0, n = 0;

  while (p < e && g_ascii_isdigit (*p) && n < max_digits)
    {
      v = v * 10 + (*p - '0');
      p++;
      n++;
    }
  *value = v;
  *digits = n;
  return p;
}

static gboolean
parse_offset (const char *p,
              const char *e,
              int        *minutes)
{
  int sign, h, m = 0, nd;

  if (p < e && (*p == 'Z' || *p == 'z') && p + 1 == e)
    {
      *minutes = 0;
      return TRUE;
    }
  if (e - p >= 3 && (g_ascii_strncasecmp (p, "UTC", 3) == 0
                     || g_ascii_strncasecmp (p, "GMT", 3) == 0))
    {
      p += 3;
      if (p == e)
        {
          *minutes = 0;
          return TRUE;
        }
    }
  if (p >= e || (*p != '+' && *p != '-'))
    return FALSE;
  sign = *p == '-' ? -1 : 1;
  p = read_number (p + 1, e, 2, &h, &nd);
  if (nd != 2 || h > 14)
    return FALSE;
  if (p < e && *p == ':')
    p++;
  if (p < e)
    {
      p = read_number (p, e, 2, &m, &nd);
      if (nd != 2 || m > 59)
        return FALSE;
    }
  if (p != e)
    return FALSE;
  *minutes = sign * (h * 60 + m);
  return TRUE;
}

static gboolean
parse_time (const char *p,
            const char *e,
            RawDate    *raw)
{
  int nd;

  p = read_number (p, e, 2, &raw->hour, &nd);
  if (nd == 0 || p >= e || *p != ':')
    return FALSE;
  p = read_number (p + 1, e, 2, &raw->minute, &nd);
  if (nd != 2)
    return FALSE;
  raw->second = 0;
  if (p < e && *p == ':')
    {
      p = read_number (p + 1, e, 2, &raw->second, &nd);
      if (nd != 2)
        return FALSE;
      if (p < e && (*p == '.' || *p == ','))
        {
          p++;
          while (p < e && g_ascii_isdigit (*p))
            p++;
        }
    }
  while (p < e && *p == ' ')
    p++;
  if (e - p >= 2 && (g_ascii_strncasecmp (p, "AM", 2) == 0 || g_ascii_strncasecmp (p, "PM", 2) == 0))
    {
      gboolean pm = g_ascii_toupper (*p) == 'P';

      if (raw->hour < 1 || raw->hour > 12)
        return FALSE;
      raw->hour = raw->hour % 12 + (pm ? 12 : 0);
      p += 2;
      while (p < e && *p == ' ')
        p++;
    }
  if (raw->hour > 23 || raw->minute > 59 || raw->second > 59)
    return FALSE;

  raw->offset_minutes = 0;
  if (p == e)
    return TRUE;
  return parse_offset (p, e, &raw->offset_minutes);
}

/* The shape of a date, before any order is chosen. */
static gboolean
parse_raw_date (const char *text,
                RawDate    *raw)
{
  const char *p, *e;

  memset (raw, 0, sizeof *raw);
  trim (text, &p, &e);

  p = read_number (p, e, 4, &raw->n[0], &raw->digits[0]);
  if (raw->digits[0] == 0 || p >= e || (*p != '-' && *p != '/' && *p != '.'))
    return FALSE;
  raw->sep = *p++;
  p = read_number (p, e, 2, &raw->n[1], &raw->digits[1]);
  if (raw->digits[1] == 0 || p >= e || *p != raw->sep)
    return FALSE;
  p = read_number (p + 1, e, 4, &raw->n[2], &raw->digits[2]);
  if (raw->digits[2] == 0)
    return FALSE;

  if (raw->digits[0] == 4)
    {
      if (raw->digits[2] > 2)
        return FALSE;
    }
  else if (raw->digits[0] > 2 || (raw->digits[2] != 4 && raw->digits[2] != 2))
    return FALSE;

  /* "31.05.2016." is how some Central European exports end a date. */
  if (p < e && *p == '.' && raw->sep == '.')
    p++;
  if (p == e)
    return TRUE;
  if (*p != 'T' && *p != ' ')
    return FALSE;
  while (p < e && (*p == 'T' || *p == ' '))
    p++;
  raw->has_time = TRUE;
  return parse_time (p, e, raw);
}

static gboolean
valid_ymd (int year,
           int month,
           int day)
{
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1
         && day <= g_date_get_days_in_month (month, year);
}

static int
full_year (const RawDate *raw)
{
  int y = raw->n[2];

  /* Two-digit years: 00–69 are this century, as spreadsheets read them. */
  if (raw->digits[2] == 2)
    y += y < 70 ? 2000 : 1900;
  return y;
}

static gboolean
fits_month_first (const RawDate *raw)
{
  return valid_ymd (full_year (raw), raw->n[0], raw->n[1]);
}

static gboolean
fits_day_first (const RawDate *raw)
{
  return valid_ymd (full_year (raw), raw->n[1], raw->n[0]);
}

/**
 * seg_normalize_date:
 * @order: how to read `A/B/YYYY`; %SEG_DATE_ORDER_AUTO refuses a date that
 *   fits both orders differently (use a #SegDateSniffer on the column)
 * @day: (out) (optional): the calendar date as written (the shop's own
 *   day), in days since 1970-01-01
 * @iso_utc: (out) (optional): `YYYY-MM-DDTHH:MM:SSZ` in UTC when @text has a
 *   time (a time without an offset is taken as UTC), `YYYY-MM-DD` otherwise
 *
 * Reads `2022-01-11 04:32:31 -0500`, `2024-05-01T12:00:00Z`, `2024-05-01`,
 * `2016/05/31`, `5/31/2016 0:37`, `31/05/2016`, `31.05.2016` (dotted dates
 * are always day-first) and 12-hour times with AM/PM.
 */
gboolean
seg_normalize_date (const char    *text,
                    SegDateOrder   order,
                    gint32        *day,
                    char         **iso_utc)
{
  RawDate raw;
  int y, m, d;
  gint32 the_day;

  g_return_val_if_fail (text != NULL, FALSE);

  if (!parse_raw_date (text, &raw))
    return FALSE;

  if (raw.digits[0] == 4)
    {
      y = raw.n[0];
      m = raw.n[1];
      d = raw.n[2];
    }
  else
    {
      gboolean day_first;

      if (raw.sep == '.')
        day_first = TRUE;
      else if (order == SEG_DATE_ORDER_DAY_FIRST)
        day_first = TRUE;
      else if (order == SEG_DATE_ORDER_MONTH_FIRST)
        day_first = FALSE;
      else
        {
          gboolean mf = fits_month_first (&raw), df = fits_day_first (&raw);

          if (mf && df && raw.n[0] != raw.n[1])
            return FALSE;
          day_first = !mf;
        }
      y = full_year (&raw);
      m = day_first ? raw.n[1] : raw.n[0];
      d = day_first ? raw.n[0] : raw.n[1];
    }
  if (!valid_ymd (y, m, d))
    return FALSE;

  the_day = seg_day_from_ymd (y, m, d);
  if (day != NULL)
    *day = the_day;
  if (iso_utc != NULL)
    {
      if (raw.has_time)
        {
          gint64 secs = (gint64) the_day * 86400 + raw.hour * 3600 + raw.minute * 60
                        + raw.second - raw.offset_minutes * 60;
          gint64 utc_day = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
          gint64 rem = secs - utc_day * 86400;
          int uy, um, ud;

          seg_day_to_ymd ((gint32) utc_day, &uy, &um, &ud);
          if (uy >= 0 && uy <= 9999)
            {
              /* printf costs more than the whole parse: one per order. */
              int parts[6] = { uy, um, ud, (int) (rem / 3600), (int) (rem / 60 % 60),
                               (int) (rem % 60) };
              char *out = g_malloc (21);

              memcpy (out, "0000-00-00T00:00:00Z", 21);
              for (int i = 0; i < 4; i++, parts[0] /= 10)
                out[3 - i] = '0' + parts[0] % 10;
              for (int i = 1; i < 6; i++)
                {
                  out[2 + 3 * i] = '0' + parts[i] / 10;
                  out[3 + 3 * i] = '0' + parts[i] % 10;
                }
              *iso_utc = out;
            }
          else
            *iso_utc = g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ", uy, um, ud,
                                        (int) (rem / 3600), (int) (rem / 60 % 60),
                                        (int) (rem % 60));
        }
      else
        *iso_utc = g_strdup_printf ("%04d-%02d-%02d", y, m, d);
    }
  return TRUE;
}

void
seg_date_sniffer_init (SegDateSniffer *sniffer)
{
  g_return_if_fail (sniffer != NULL);

  memset (sniffer, 0, sizeof *sniffer);
}

void
seg_date_sniffer_add (SegDateSniffer *sniffer,
                      const char     *text)
{
  const char *s, *e;
  RawDate raw;

  g_return_if_fail (sniffer != NULL);

  if (text == NULL)
    {
      sniffer->n_empty++;
      return;
    }
  trim (text, &s, &e);
  if (s == e)
    sniffer->n_empty++;
  else if (!parse_raw_date (text, &raw))
    sniffer->n_invalid++;
  else if (raw.digits[0] == 4)
    {
      if (valid_ymd (raw.n[0], raw.n[1], raw.n[2]))
        sniffer->n_year_first++;
      else
        sniffer->n_invalid++;
    }
  else
    {
      gboolean mf = raw.sep != '.' && fits_month_first (&raw);
      gboolean df = fits_day_first (&raw);

      if (mf && df)
        sniffer->n_both++;
      else if (mf)
        sniffer->n_month_first++;
      else if (df)
        sniffer->n_day_first++;
      else
        sniffer->n_invalid++;
    }
}

/**
 * seg_date_sniffer_get_result:
 *
 * Cells that are not dates do not change the answer (the import reports
 * them row by row), unless no cell is a date.
 */
SegDateColumn
seg_date_sniffer_get_result (const SegDateSniffer *sniffer)
{
  g_return_val_if_fail (sniffer != NULL, SEG_DATE_COLUMN_UNPARSEABLE);

  if (sniffer->n_year_first + sniffer->n_both + sniffer->n_month_first
      + sniffer->n_day_first + sniffer->n_invalid == 0)
    return SEG_DATE_COLUMN_EMPTY;
  if (sniffer->n_year_first + sniffer->n_both + sniffer->n_month_first
      + sniffer->n_day_first == 0)
    return SEG_DATE_COLUMN_UNPARSEABLE;
  if (sniffer->n_month_first > 0 && sniffer->n_day_first > 0)
    return SEG_DATE_COLUMN_UNPARSEABLE;
  if (sniffer->n_month_first > 0)
    return SEG_DATE_COLUMN_MONTH_FIRST;
  if (sniffer->n_day_first > 0)
    return SEG_DATE_COLUMN_DAY_FIRST;
  if (sniffer->n_both > 0)
    return SEG_DATE_COLUMN_AMBIGUOUS;
  return SEG_DATE_COLUMN_YEAR_FIRST;
}

/* ---- Places ----------------------------------------------------------- */

/* Names people and platforms write that iso-codes does not hold. */
static const struct
{
  const char *name;
  const char *code;
} country_aliases[] = {
  { "uk", "GB" }, { "u k", "GB" }, { "great britain", "GB" }, { "britain", "GB" },
  { "england", "GB" }, { "scotland", "GB" }, { "wales", "GB" },
  { "northern ireland", "GB" },
  { "america", "US" }, { "united states of america", "US" }, { "us of a", "US" },
  { "deutschland", "DE" }, { "allemagne", "DE" }, { "alemania", "DE" },
  { "holland", "NL" }, { "nederland", "NL" }, { "the netherlands", "NL" },
  { "espana", "ES" }, { "italia", "IT" }, { "schweiz", "CH" }, { "suisse", "CH" },
  { "svizzera", "CH" }, { "osterreich", "AT" }, { "sverige", "SE" }, { "norge", "NO" },
  { "danmark", "DK" }, { "suomi", "FI" }, { "polska", "PL" }, { "belgie", "BE" },
  { "belgique", "BE" }, { "brasil", "BR" }, { "turkey", "TR" }, { "turkiye", "TR" },
  { "russia", "RU" }, { "czech republic", "CZ" }, { "korea", "KR" },
  { "republic of korea", "KR" }, { "ivory coast", "CI" }, { "macedonia", "MK" },
  { "uae", "AE" }, { "emirates", "AE" }, { "eire", "IE" }, { "republic of ireland", "IE" },
  { "hong kong sar", "HK" }, { "macau", "MO" }, { "vatican", "VA" },
  { "cape verde", "CV" }, { "swaziland", "SZ" }, { "burma", "MM" }, { "east timor", "TL" },
  { "palestine", "PS" }, { "kosovo", "XK" },
};

typedef struct
{
  GHashTable *by_key;    /* normalised name or code → alpha-2 (interned) */
  GHashTable *names;     /* alpha-2 → English name (interned) */
  GHashTable *regions;   /* "US-CA" → "California"; "US|california", "US|ca" → "CA" */
  GStringChunk *strings; /* the interned codes and names */
} IsoTables;

/* The tables' own string pool rather than g_intern_string (): thousands of
 * ISO names would grow GLib's quark table, which drops its old arrays by
 * design and shows up as leaks under LeakSanitizer and valgrind. */
static const char *
intern (IsoTables  *tables,
        const char *text)
{
  return g_string_chunk_insert_const (tables->strings, text);
}

/* Lower-case ASCII words: accents dropped, punctuation dropped, dashes and
 * spaces collapsed, a leading "the " dropped.  NULL if the text has letters
 * outside Latin script (transliteration would make them collide). */
static char *
make_key (const char *text)
{
  g_autofree char *ascii = NULL;
  GString *key;
  gboolean space = FALSE;
  const char *s, *e;
  g_autofree char *trimmed = NULL;

  if (!g_utf8_validate (text, -1, NULL))
    return NULL;
  trim (text, &s, &e);
  trimmed = g_strndup (s, e - s);
  if (strchr (trimmed, '?') != NULL)
    return NULL;
  ascii = g_str_to_ascii (trimmed, "C");
  if (strchr (ascii, '?') != NULL)
    return NULL;

  key = g_string_sized_new (strlen (ascii));
  for (const char *p = ascii; *p; p++)
    {
      char c = g_ascii_tolower (*p);

      if (g_ascii_isalnum (c))
        {
          if (space && key->len > 0)
            g_string_append_c (key, ' ');
          space = FALSE;
          g_string_append_c (key, c);
        }
      else if (c == '&')
        {
          g_string_append (key, key->len > 0 ? " and" : "and");
          space = TRUE;
        }
      else if (c == ' ' || c == '-' || c == '_' || c == '/' || c == '\t')
        space = TRUE;
    }
  if (g_str_has_prefix (key->str, "the ") && key->len > 4)
    g_string_erase (key, 0, 4);
  return g_string_free (key, FALSE);
}

static JsonArray *
load_iso_array (JsonParser  *parser,
                const char  *file,
                const char  *member)
{
  const char * const *dirs = g_get_system_data_dirs ();

  for (guint i = 0; dirs[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dirs[i], "iso-codes", "json", file, NULL);
      JsonNode *root;

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      if (!json_parser_load_from_file (parser, path, NULL))
        continue;
      root = json_parser_get_root (parser);
      if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        continue;
      if (!json_object_has_member (json_node_get_object (root), member))
        continue;
      return json_object_get_array_member (json_node_get_object (root), member);
    }
  g_warning ("iso-codes %s not found; country and region names will not be recognised",
             file);
  return NULL;
}

static void
add_key (GHashTable *table,
         const char *text,
         const char *value)
{
  char *key;

  if (text == NULL)
    return;
  key = make_key (text);
  if (key == NULL || *key == '\0' || g_hash_table_contains (table, key))
    {
      g_free (key);
      return;
    }
  g_hash_table_insert (table, key, (gpointer) value);
}

static IsoTables *
load_tables (void)
{
  IsoTables *tables = g_new0 (IsoTables, 1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) parser2 = json_parser_new ();
  JsonArray *countries, *subdivisions;

  tables->strings = g_string_chunk_new (4096);
  tables->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  tables->names = g_hash_table_new (g_str_hash, g_str_equal);
  tables->regions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  countries = load_iso_array (parser, "iso_3166-1.json", "3166-1");
  for (guint i = 0; countries != NULL && i < json_array_get_length (countries); i++)
    {
      JsonObject *o = json_array_get_object_element (countries, i);
      const char *alpha2 = json_object_get_string_member_with_default (o, "alpha_2", NULL);
      const char *code, *name;

      if (alpha2 == NULL || strlen (alpha2) != 2)
        continue;
      code = intern (tables, alpha2);
      name = json_object_get_string_member_with_default (o, "name", NULL);
      if (name != NULL)
        g_hash_table_insert (tables->names, (gpointer) code, (gpointer) intern (tables, name));

      add_key (tables->by_key, alpha2, code);
      add_key (tables->by_key,
               json_object_get_string_member_with_default (o, "alpha_3", NULL), code);
      add_key (tables->by_key, name, code);
      add_key (tables->by_key,
               json_object_get_string_member_with_default (o, "common_name", NULL), code);
      add_key (tables->by_key,
               json_object_get_string_member_with_default (o, "official_name", NULL), code);
    }
  /* Kosovo is not in ISO 3166-1 but every platform uses XK. */
  if (!g_hash_table_contains (tables->names, "XK"))
    g_hash_table_insert (tables->names, (gpointer) intern (tables, "XK"),
                         (gpointer) intern (tables, "Kosovo"));
  add_key (tables->by_key, "XK", intern (tables, "XK"));
  for (guint i = 0; i < G_N_ELEMENTS (country_aliases); i++)
    add_key (tables->by_key, country_aliases[i].name,
             intern (tables, country_aliases[i].code));

  subdivisions = load_iso_array (parser2, "iso_3166-2.json", "3166-2");
  for (guint i = 0; subdivisions != NULL && i < json_array_get_length (subdivisions); i++)
    {
      JsonObject *o = json_array_get_object_element (subdivisions, i);
      const char *full = json_object_get_string_member_with_default (o, "code", NULL);
      const char *name = json_object_get_string_member_with_default (o, "name", NULL);
      const char *dash, *code;
      g_autofree char *country = NULL;
      g_autofree char *name_key = NULL;
      g_autofree char *code_key = NULL;

      if (full == NULL || name == NULL || (dash = strchr (full, '-')) == NULL)
        continue;
      country = g_strndup (full, dash - full);
      code = intern (tables, dash + 1);
      if (!g_hash_table_contains (tables->regions, full))
        g_hash_table_insert (tables->regions, g_strdup (full),
                             (gpointer) intern (tables, name));
      name_key = make_key (name);
      code_key = make_key (code);
      if (name_key != NULL)
        {
          char *k = g_strconcat (country, "|", name_key, NULL);

          if (!g_hash_table_contains (tables->regions, k))
            g_hash_table_insert (tables->regions, k, (gpointer) code);
          else
            g_free (k);
        }
      if (code_key != NULL)
        {
          char *k = g_strconcat (country, "|", code_key, NULL);

          if (!g_hash_table_contains (tables->regions, k))
            g_hash_table_insert (tables->regions, k, (gpointer) code);
          else
            g_free (k);
        }
    }

  return tables;
}

static IsoTables *
get_tables (void)
{
  static IsoTables *tables;

  if (g_once_init_enter (&tables))
    g_once_init_leave (&tables, load_tables ());
  return tables;
}

/**
 * seg_normalize_country:
 *
 * Reads alpha-2 and alpha-3 codes, English names (short, official and
 * common), and names people write (`USA`, `U.S.`, `UK`, `Great Britain`,
 * `Deutschland`, …), in any case and with or without accents.
 *
 * Returns: (transfer none) (nullable): the ISO 3166-1 alpha-2 code, or %NULL.
 */
const char *
seg_normalize_country (const char *text)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  key = make_key (text);
  if (key == NULL || *key == '\0')
    return NULL;
  return g_hash_table_lookup (get_tables ()->by_key, key);
}

/**
 * seg_country_get_name:
 *
 * Returns: (transfer none) (nullable): the English name of an alpha-2
 *   @code (any case), or %NULL.
 */
const char *
seg_country_get_name (const char *code)
{
  char upper[3];

  g_return_val_if_fail (code != NULL, NULL);

  if (strlen (code) != 2)
    return NULL;
  upper[0] = g_ascii_toupper (code[0]);
  upper[1] = g_ascii_toupper (code[1]);
  upper[2] = '\0';
  return g_hash_table_lookup (get_tables ()->names, upper);
}

/**
 * seg_country_get_localized_name:
 *
 * Returns: (transfer none) (nullable): the name in the user's language,
 *   through iso-codes' translations.
 */
const char *
seg_country_get_localized_name (const char *code)
{
  const char *name = seg_country_get_name (code);

  if (name == NULL)
    return NULL;
  return dgettext ("iso_3166-1", name);
}

/**
 * seg_normalize_region:
 * @country: an alpha-2 code
 * @text: a subdivision code (`CA`, `US-CA`) or name (`California`)
 *
 * Returns: (transfer none) (nullable): the ISO 3166-2 subdivision code
 *   without the country prefix (`CA`), or %NULL.
 */
const char *
seg_normalize_region (const char *country,
                      const char *text)
{
  g_autofree char *key = NULL;
  g_autofree char *lookup = NULL;
  g_autofree char *upper = NULL;
  const char *t;

  g_return_val_if_fail (country != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  upper = g_ascii_strup (country, -1);
  t = text;
  if (g_ascii_strncasecmp (t, upper, strlen (upper)) == 0 && t[strlen (upper)] == '-')
    t += strlen (upper) + 1;
  key = make_key (t);
  if (key == NULL || *key == '\0')
    return NULL;
  lookup = g_strconcat (upper, "|", key, NULL);
  return g_hash_table_lookup (get_tables ()->regions, lookup);
}

/**
 * seg_region_get_name:
 *
 * Returns: (transfer none) (nullable): the English name of subdivision
 *   @code of @country (`US`, `CA` → `California`), or %NULL.
 */
const char *
seg_region_get_name (const char *country,
                     const char *code)
{
  g_autofree char *full = NULL;

  g_return_val_if_fail (country != NULL, NULL);
  g_return_val_if_fail (code != NULL, NULL);

  full = g_strconcat (country, "-", code, NULL);
  for (char *p = full; *p; p++)
    *p = g_ascii_toupper (*p);
  return g_hash_table_lookup (get_tables ()->regions, full);
}
