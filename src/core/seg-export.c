/* seg-export.c — a segment's members as CSV for marketing platforms
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Identifiers for Meta custom audiences and Google Customer Match are
 * normalised the way each platform documents and then SHA-256 hashed, so
 * that the platform can match them without the file carrying an address.
 * Every other cell that a spreadsheet would read as a formula (starting
 * with = + - @, a tab or a carriage return) gets a leading apostrophe.
 * Files are written next to the target and renamed into place, mode 0600:
 * they hold personal data.
 */

#define G_LOG_DOMAIN "seg-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "seg-day.h"
#include "seg-export.h"
#include "seg-segment-list.h"

G_DEFINE_QUARK (seg-export-error-quark, seg_export_error)

static const struct
{
  SegExportFormat  format;
  const char      *id;
  const char      *label;   /* N_() */
} formats[] = {
  { SEG_EXPORT_FORMAT_CSV, "csv", N_("All fields (CSV)") },
  { SEG_EXPORT_FORMAT_KLAVIYO, "klaviyo", N_("Klaviyo list") },
  { SEG_EXPORT_FORMAT_MAILCHIMP, "mailchimp", N_("Mailchimp audience") },
  { SEG_EXPORT_FORMAT_META, "meta", N_("Meta custom audience") },
  { SEG_EXPORT_FORMAT_META_LOOKALIKE, "meta-lookalike", N_("Meta lookalike seed (with value)") },
  { SEG_EXPORT_FORMAT_GOOGLE, "google", N_("Google Customer Match") },
};

/* ITU country calling codes of the countries stores sell to most; a
 * number in another country must be written with its +code. */
static const struct
{
  const char *country;
  const char *code;
} calling_codes[] = {
  { "AE", "971" }, { "AR", "54" }, { "AT", "43" }, { "AU", "61" }, { "BE", "32" },
  { "BG", "359" }, { "BR", "55" }, { "CA", "1" }, { "CH", "41" }, { "CL", "56" },
  { "CN", "86" }, { "CO", "57" }, { "CY", "357" }, { "CZ", "420" }, { "DE", "49" },
  { "DK", "45" }, { "EE", "372" }, { "EG", "20" }, { "ES", "34" }, { "FI", "358" },
  { "FR", "33" }, { "GB", "44" }, { "GR", "30" }, { "HK", "852" }, { "HR", "385" },
  { "HU", "36" }, { "ID", "62" }, { "IE", "353" }, { "IL", "972" }, { "IN", "91" },
  { "IS", "354" }, { "IT", "39" }, { "JP", "81" }, { "KE", "254" }, { "KR", "82" },
  { "LT", "370" }, { "LU", "352" }, { "LV", "371" }, { "MA", "212" }, { "MT", "356" },
  { "MX", "52" }, { "MY", "60" }, { "NG", "234" }, { "NL", "31" }, { "NO", "47" },
  { "NZ", "64" }, { "PE", "51" }, { "PH", "63" }, { "PK", "92" }, { "PL", "48" },
  { "PR", "1" }, { "PT", "351" }, { "RO", "40" }, { "RS", "381" }, { "SA", "966" },
  { "SE", "46" }, { "SG", "65" }, { "SI", "386" }, { "SK", "421" }, { "TH", "66" },
  { "TR", "90" }, { "TW", "886" }, { "UA", "380" }, { "US", "1" }, { "VN", "84" },
  { "ZA", "27" },
};

typedef struct
{
  gint64      id;
  const char *email;
  const char *first_name;
  const char *last_name;
  const char *phone;
  const char *birth_date;
  const char *gender;
  const char *country;
  const char *region;
  const char *city;
  const char *postal_code;
  gint64      revenue_cents;
} Customer;

/* The columns of the "all fields" export and where they come from. */
#define CUSTOMER_SQL \
  "SELECT c.id, c.email, c.first_name, c.last_name, c.phone, c.birth_date, c.gender," \
  " c.country, c.region, c.city, c.postal_code, coalesce (m.revenue_cents, 0)," \
  " c.age_band, c.income_band, c.language, c.tags, c.accepts_marketing, c.email_status," \
  " c.member_rating, c.last_open_day, c.last_click_day, c.acquisition_source," \
  " c.acquisition_campaign, c.created_day, m.orders, m.aov_cents, m.first_order_day," \
  " m.last_order_day, m.r, m.f, m.m, m.rfm_group" \
  " FROM customers AS c LEFT JOIN customer_measures AS m ON m.customer_id = c.id" \
  " WHERE c.id = ?1"

static const char * const csv_header[] = {
  "id", "email", "first_name", "last_name", "phone", "birth_date", "gender", "country",
  "region", "city", "postal_code", "revenue", "age_band", "income_band", "language", "tags",
  "accepts_marketing", "email_status", "member_rating", "last_open", "last_click",
  "acquisition_source", "acquisition_campaign", "created", "orders", "aov", "first_order",
  "last_order", "r", "f", "m", "rfm_group", "segment", NULL
};

static const char * const klaviyo_header[] = {
  "Email", "First Name", "Last Name", "Phone Number", "City", "Region", "Country",
  "Zip Code", "Segment", NULL
};

static const char * const mailchimp_header[] = {
  "Email Address", "First Name", "Last Name", "Address", "Phone Number", "TAGS", NULL
};

static const char * const meta_header[] = {
  "email", "phone", "fn", "ln", "ct", "st", "zip", "country", "doby", "gen", NULL
};

static const char * const meta_lookalike_header[] = {
  "email", "phone", "fn", "ln", "ct", "st", "zip", "country", "doby", "gen", "value", NULL
};

static const char * const google_header[] = {
  "Email", "Phone", "First Name", "Last Name", "Country", "Zip", NULL
};

gboolean
seg_export_format_from_string (const char      *text,
                               SegExportFormat *format)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (formats[i].id, text) == 0)
      {
        if (format != NULL)
          *format = formats[i].format;
        return TRUE;
      }

  return FALSE;
}

const char *
seg_export_format_to_string (SegExportFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return formats[i].id;

  g_return_val_if_reached (NULL);
}

const char *
seg_export_format_get_label (SegExportFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return _(formats[i].label);

  g_return_val_if_reached (NULL);
}

static gboolean
is_empty (const char *text)
{
  return text == NULL || *text == '\0';
}

/**
 * seg_export_neutralize_cell:
 * @text: (nullable): a cell's text
 *
 * Spreadsheets run a cell that starts with = + - @ (and, after a tab or a
 * carriage return, what follows) as a formula; an apostrophe in front makes
 * it text.
 *
 * Returns: (transfer full): the cell, safe to open in a spreadsheet
 */
char *
seg_export_neutralize_cell (const char *text)
{
  if (text == NULL)
    return g_strdup ("");

  if (strchr ("=+-@\t\r", text[0]) != NULL && text[0] != '\0')
    return g_strconcat ("'", text, NULL);

  return g_strdup (text);
}

/**
 * seg_export_sha256:
 * @normalized: (nullable): a normalised identifier
 *
 * Returns: (transfer full): its SHA-256 in lower-case hex, or an empty
 *   string for an empty identifier (platforms want the cell left empty)
 */
char *
seg_export_sha256 (const char *normalized)
{
  if (is_empty (normalized))
    return g_strdup ("");

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, normalized, -1);
}

/**
 * seg_export_normalize_email:
 * @email: (nullable): an email address
 * @google: apply Google's extra rule: no dots before @ in gmail.com and
 *   googlemail.com addresses
 *
 * Returns: (transfer full) (nullable): the address trimmed and in lower
 *   case, or %NULL when there is none
 */
char *
seg_export_normalize_email (const char *email,
                            gboolean    google)
{
  g_autofree char *clean = NULL;
  char *at;

  if (email == NULL)
    return NULL;

  clean = g_utf8_strdown (email, -1);
  g_strstrip (clean);
  if (*clean == '\0' || (at = strrchr (clean, '@')) == NULL)
    return NULL;

  if (google && (g_str_equal (at, "@gmail.com") || g_str_equal (at, "@googlemail.com")))
    {
      g_autoptr(GString) out = g_string_new (NULL);

      for (const char *p = clean; p < at; p++)
        if (*p != '.')
          g_string_append_c (out, *p);
      g_string_append (out, at);
      return g_string_free (g_steal_pointer (&out), FALSE);
    }

  return g_steal_pointer (&clean);
}

static const char *
calling_code (const char *country)
{
  if (country == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (calling_codes); i++)
    if (g_ascii_strcasecmp (calling_codes[i].country, country) == 0)
      return calling_codes[i].code;

  return NULL;
}

/**
 * seg_export_normalize_phone:
 * @phone: (nullable): a phone number as the customer wrote it
 * @country: (nullable): the customer's country (ISO 3166-1 alpha-2)
 *
 * Keeps the digits.  A number written with + or 00 already carries its
 * country code; otherwise the trunk 0 is dropped and the country's code
 * put in front (a North American number written with its leading 1 keeps
 * it).
 *
 * Returns: (transfer full) (nullable): the digits with the country code and
 *   no +, as Meta wants them (prefix + for E.164), or %NULL when the number
 *   has no digits or its country code cannot be known
 */
char *
seg_export_normalize_phone (const char *phone,
                            const char *country)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *p;
  const char *code;
  gboolean international = FALSE;

  if (phone == NULL)
    return NULL;

  p = phone;
  while (g_ascii_isspace (*p))
    p++;
  if (*p == '+')
    international = TRUE;
  else if (p[0] == '0' && p[1] == '0')
    {
      international = TRUE;
      p += 2;
    }

  for (; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);

  if (international)
    {
      /* "+0…" is not a country code: the number is unusable. */
      return digits->len > 0 && digits->str[0] != '0' ?
        g_string_free (g_steal_pointer (&digits), FALSE) : NULL;
    }

  while (digits->len > 0 && digits->str[0] == '0')
    g_string_erase (digits, 0, 1);
  if (digits->len == 0)
    return NULL;

  code = calling_code (country);
  if (code == NULL)
    return NULL;

  /* North America: 1 + 10 digits is already international. */
  if (g_str_equal (code, "1") && digits->len == 11 && digits->str[0] == '1')
    return g_string_free (g_steal_pointer (&digits), FALSE);

  g_string_prepend (digits, code);
  return g_string_free (g_steal_pointer (&digits), FALSE);
}

/**
 * seg_export_normalize_name:
 * @name: (nullable): a first or last name
 *
 * Meta's rule for names: lower case, no punctuation or spaces; letters
 * beyond a–z stay, in UTF-8.
 *
 * Returns: (transfer full) (nullable): the name, or %NULL when empty
 */
char *
seg_export_normalize_name (const char *name)
{
  g_autofree char *lower = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return NULL;

  lower = g_utf8_strdown (name, -1);
  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalpha (c))
        g_string_append_unichar (out, c);
    }

  if (out->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * seg_export_normalize_place:
 * @text: (nullable): a city or a region
 *
 * Meta's rule for cities and states: a–z only, lower case, no
 * punctuation, no special characters, no spaces.  Accented letters are
 * transliterated ("Zürich" → "zurich"); a region written "US-CA" becomes
 * "ca".
 *
 * Returns: (transfer full) (nullable): the place, or %NULL when empty
 */
char *
seg_export_normalize_place (const char *text)
{
  g_autofree char *ascii = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  ascii = g_str_to_ascii (text, "C");
  p = ascii;
  /* ISO 3166-2 codes: "US-CA" is the state "CA". */
  if (strlen (p) > 3 && g_ascii_isalpha (p[0]) && g_ascii_isalpha (p[1]) && p[2] == '-')
    p += 3;

  for (; *p != '\0'; p++)
    if (g_ascii_isalpha (*p))
      g_string_append_c (out, g_ascii_tolower (*p));

  if (out->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * seg_export_normalize_zip:
 * @zip: (nullable): a postal code
 * @country: (nullable): the customer's country
 *
 * Lower case without spaces or dashes; for the United States only the
 * first five digits (ZIP+4 dropped), as Meta and Google both ask.
 *
 * Returns: (transfer full) (nullable): the code, or %NULL when empty
 */
char *
seg_export_normalize_zip (const char *zip,
                          const char *country)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (zip == NULL)
    return NULL;

  for (const char *p = zip; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));

  if (country != NULL && g_ascii_strcasecmp (country, "US") == 0 && out->len > 5)
    g_string_truncate (out, 5);

  if (out->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
lower_or_null (const char *text)
{
  if (is_empty (text))
    return NULL;

  return g_ascii_strdown (text, -1);
}

static char *
meta_gender (const char *gender)
{
  if (gender == NULL)
    return NULL;
  if (g_ascii_strcasecmp (gender, "female") == 0 || g_ascii_strcasecmp (gender, "f") == 0)
    return g_strdup ("f");
  if (g_ascii_strcasecmp (gender, "male") == 0 || g_ascii_strcasecmp (gender, "m") == 0)
    return g_strdup ("m");
  return NULL;
}

static char *
birth_year (const char *birth_date)
{
  if (birth_date == NULL || strlen (birth_date) < 4)
    return NULL;
  for (int i = 0; i < 4; i++)
    if (!g_ascii_isdigit (birth_date[i]))
      return NULL;
  return g_strndup (birth_date, 4);
}

static char *
e164 (const char *phone,
      const char *country)
{
  g_autofree char *digits = seg_export_normalize_phone (phone, country);

  return digits ? g_strconcat ("+", digits, NULL) : NULL;
}

static char *
money_text (gint64 cents)
{
  return g_strdup_printf ("%s%" G_GINT64_FORMAT ".%02d", cents < 0 ? "-" : "",
                          ABS (cents) / 100, (int) (ABS (cents) % 100));
}

static char *
day_text (sqlite3_stmt *stmt,
          int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return seg_day_to_iso (sqlite3_column_int (stmt, column));
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* Writing */

typedef struct
{
  FILE      *file;
  GPtrArray *cells;   /* char *, the current row */
} Writer;

/* Takes @text; @hashed cells are lower-case hex and never need the
 * apostrophe. */
static void
add_cell (Writer   *writer,
          char     *text,
          gboolean  hashed)
{
  if (hashed)
    g_ptr_array_add (writer->cells, text ? text : g_strdup (""));
  else
    {
      g_ptr_array_add (writer->cells, seg_export_neutralize_cell (text));
      g_free (text);
    }
}

static void
add_hashed (Writer *writer,
            char   *normalized)
{
  add_cell (writer, seg_export_sha256 (normalized), TRUE);
  g_free (normalized);
}

static gboolean
end_row (Writer  *writer,
         GError **error)
{
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint i = 0; i < writer->cells->len; i++)
    {
      const char *cell = g_ptr_array_index (writer->cells, i);

      if (i > 0)
        g_string_append_c (line, ',');

      if (strpbrk (cell, ",\"\r\n") != NULL)
        {
          g_string_append_c (line, '"');
          for (const char *p = cell; *p; p++)
            {
              if (*p == '"')
                g_string_append_c (line, '"');
              g_string_append_c (line, *p);
            }
          g_string_append_c (line, '"');
        }
      else
        g_string_append (line, cell);
    }
  g_string_append (line, "\r\n");
  g_ptr_array_set_size (writer->cells, 0);

  if (fwrite (line->str, 1, line->len, writer->file) != line->len)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write the export: %s"), g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static gboolean
write_header (Writer              *writer,
              const char * const  *header,
              GError             **error)
{
  for (guint i = 0; header[i] != NULL; i++)
    g_ptr_array_add (writer->cells, g_strdup (header[i]));

  return end_row (writer, error);
}

static void
add_customer_cells (Writer          *writer,
                    SegExportFormat  format,
                    sqlite3_stmt    *stmt,
                    const char      *segment_name)
{
  Customer c = {
    .id = sqlite3_column_int64 (stmt, 0),
    .email = (const char *) sqlite3_column_text (stmt, 1),
    .first_name = (const char *) sqlite3_column_text (stmt, 2),
    .last_name = (const char *) sqlite3_column_text (stmt, 3),
    .phone = (const char *) sqlite3_column_text (stmt, 4),
    .birth_date = (const char *) sqlite3_column_text (stmt, 5),
    .gender = (const char *) sqlite3_column_text (stmt, 6),
    .country = (const char *) sqlite3_column_text (stmt, 7),
    .region = (const char *) sqlite3_column_text (stmt, 8),
    .city = (const char *) sqlite3_column_text (stmt, 9),
    .postal_code = (const char *) sqlite3_column_text (stmt, 10),
    .revenue_cents = sqlite3_column_int64 (stmt, 11),
  };

  switch (format)
    {
    case SEG_EXPORT_FORMAT_CSV:
      add_cell (writer, g_strdup_printf ("%" G_GINT64_FORMAT, c.id), FALSE);
      for (int column = 1; column <= 10; column++)
        add_cell (writer, column_text (stmt, column), FALSE);
      add_cell (writer, money_text (c.revenue_cents), FALSE);
      for (int column = 12; column <= 18; column++)
        add_cell (writer, column_text (stmt, column), FALSE);
      add_cell (writer, day_text (stmt, 19), FALSE);
      add_cell (writer, day_text (stmt, 20), FALSE);
      add_cell (writer, column_text (stmt, 21), FALSE);
      add_cell (writer, column_text (stmt, 22), FALSE);
      add_cell (writer, day_text (stmt, 23), FALSE);
      add_cell (writer, column_text (stmt, 24), FALSE);
      add_cell (writer, sqlite3_column_type (stmt, 25) == SQLITE_NULL ? NULL :
                money_text (sqlite3_column_int64 (stmt, 25)), FALSE);
      add_cell (writer, day_text (stmt, 26), FALSE);
      add_cell (writer, day_text (stmt, 27), FALSE);
      for (int column = 28; column <= 31; column++)
        add_cell (writer, column_text (stmt, column), FALSE);
      add_cell (writer, g_strdup (segment_name), FALSE);
      break;

    case SEG_EXPORT_FORMAT_KLAVIYO:
      {
        char *phone = e164 (c.phone, c.country);

        add_cell (writer, g_strdup (c.email), FALSE);
        add_cell (writer, g_strdup (c.first_name), FALSE);
        add_cell (writer, g_strdup (c.last_name), FALSE);
        add_cell (writer, phone ? phone : g_strdup (c.phone), FALSE);
        add_cell (writer, g_strdup (c.city), FALSE);
        add_cell (writer, g_strdup (c.region), FALSE);
        add_cell (writer, g_strdup (c.country), FALSE);
        add_cell (writer, g_strdup (c.postal_code), FALSE);
        add_cell (writer, g_strdup (segment_name), FALSE);
      }
      break;

    case SEG_EXPORT_FORMAT_MAILCHIMP:
      {
        /* Mailchimp reads an address from one cell, its parts two spaces
         * apart; the store knows no street, only city, state, zip and
         * country. */
        g_autoptr(GPtrArray) parts = g_ptr_array_new ();
        const char *place[] = { c.city, c.region, c.postal_code, c.country };
        char *phone = e164 (c.phone, c.country);

        for (guint i = 0; i < G_N_ELEMENTS (place); i++)
          if (!is_empty (place[i]))
            g_ptr_array_add (parts, (gpointer) place[i]);
        g_ptr_array_add (parts, NULL);

        add_cell (writer, g_strdup (c.email), FALSE);
        add_cell (writer, g_strdup (c.first_name), FALSE);
        add_cell (writer, g_strdup (c.last_name), FALSE);
        add_cell (writer, g_strjoinv ("  ", (char **) parts->pdata), FALSE);
        add_cell (writer, phone ? phone : g_strdup (c.phone), FALSE);
        add_cell (writer, g_strdup (segment_name), FALSE);
      }
      break;

    case SEG_EXPORT_FORMAT_META:
    case SEG_EXPORT_FORMAT_META_LOOKALIKE:
      add_hashed (writer, seg_export_normalize_email (c.email, FALSE));
      add_hashed (writer, seg_export_normalize_phone (c.phone, c.country));
      add_hashed (writer, seg_export_normalize_name (c.first_name));
      add_hashed (writer, seg_export_normalize_name (c.last_name));
      add_hashed (writer, seg_export_normalize_place (c.city));
      add_hashed (writer, seg_export_normalize_place (c.region));
      add_hashed (writer, seg_export_normalize_zip (c.postal_code, c.country));
      add_hashed (writer, lower_or_null (c.country));
      add_hashed (writer, birth_year (c.birth_date));
      add_hashed (writer, meta_gender (c.gender));
      if (format == SEG_EXPORT_FORMAT_META_LOOKALIKE)
        add_cell (writer, money_text (MAX (c.revenue_cents, 0)), FALSE);
      break;

    case SEG_EXPORT_FORMAT_GOOGLE:
      {
        g_autofree char *first = NULL;
        g_autofree char *last = NULL;

        /* Google: names lower case, trimmed, then hashed; country and zip
         * are sent in the clear. */
        if (!is_empty (c.first_name))
          first = g_strstrip (g_utf8_strdown (c.first_name, -1));
        if (!is_empty (c.last_name))
          last = g_strstrip (g_utf8_strdown (c.last_name, -1));

        add_hashed (writer, seg_export_normalize_email (c.email, TRUE));
        add_hashed (writer, e164 (c.phone, c.country));
        add_hashed (writer, g_steal_pointer (&first));
        add_hashed (writer, g_steal_pointer (&last));
        add_cell (writer, is_empty (c.country) ? NULL : g_ascii_strup (c.country, -1), FALSE);
        add_cell (writer, seg_export_normalize_zip (c.postal_code, c.country), FALSE);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static const char * const *
header_for (SegExportFormat format)
{
  switch (format)
    {
    case SEG_EXPORT_FORMAT_CSV: return csv_header;
    case SEG_EXPORT_FORMAT_KLAVIYO: return klaviyo_header;
    case SEG_EXPORT_FORMAT_MAILCHIMP: return mailchimp_header;
    case SEG_EXPORT_FORMAT_META: return meta_header;
    case SEG_EXPORT_FORMAT_META_LOOKALIKE: return meta_lookalike_header;
    case SEG_EXPORT_FORMAT_GOOGLE: return google_header;
    default: g_return_val_if_reached (NULL);
    }
}

static gboolean
write_rows (SegStore         *store,
            Writer           *writer,
            GArray           *customer_ids,
            const char       *segment_name,
            SegExportFormat   format,
            GCancellable     *cancellable,
            GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!write_header (writer, header_for (format), error))
    return FALSE;

  stmt = seg_store_prepare (store, CUSTOMER_SQL, error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < customer_ids->len; i++)
    {
      int rc;

      if (i % 4096 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, g_array_index (customer_ids, gint64, i));
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        continue;   /* deleted meanwhile */
      if (rc != SQLITE_ROW)
        return seg_store_set_error_from_db (store, rc, error);

      add_customer_cells (writer, format, stmt, segment_name);
      if (!end_row (writer, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * seg_export_customers:
 * @store: a store
 * @customer_ids: (element-type gint64): the customers to export, in order
 * @segment_name: (nullable): the segment's name, for the tag columns
 * @format: the platform
 * @path: the file to write; replaced if it exists
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes the customers as CSV for @format to a temporary file beside
 * @path, mode 0600, and renames it over @path once complete: a failed or
 * cancelled export leaves no half file.
 *
 * Returns: %TRUE on success
 */
gboolean
seg_export_customers (SegStore         *store,
                      GArray           *customer_ids,
                      const char       *segment_name,
                      SegExportFormat   format,
                      const char       *path,
                      GCancellable     *cancellable,
                      GError          **error)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *tmp_path = NULL;
  Writer writer = { NULL, cells };
  gboolean ok;
  int fd;

  g_return_val_if_fail (SEG_IS_STORE (store), FALSE);
  g_return_val_if_fail (customer_ids != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  tmp_path = g_strconcat (path, ".XXXXXX", NULL);
  fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  writer.file = fdopen (fd, "w");
  if (writer.file == NULL)
    {
      close (fd);
      g_unlink (tmp_path);
      g_set_error_literal (error, SEG_EXPORT_ERROR, SEG_EXPORT_ERROR_FAILED,
                           _("Could not write the export."));
      return FALSE;
    }

  ok = write_rows (store, &writer, customer_ids, segment_name, format, cancellable, error);

  if (ok && (fflush (writer.file) != 0 || fsync (fileno (writer.file)) != 0))
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write the export: %s"), g_strerror (saved_errno));
      ok = FALSE;
    }
  if (fclose (writer.file) != 0 && ok)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write the export: %s"), g_strerror (saved_errno));
      ok = FALSE;
    }

  if (ok && g_rename (tmp_path, path) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not save “%s”: %s"), display, g_strerror (saved_errno));
      ok = FALSE;
    }

  if (!ok)
    g_unlink (tmp_path);

  return ok;
}

/**
 * seg_export_segment:
 * @store: a store whose measures are current for @ref_day
 * @segment: the segment to export
 * @ref_day: the reference day of the rule's "days since" conditions
 * @format: the platform
 * @flags: %SEG_EXPORT_FLAGS_PRIMARY_ONLY to keep only the customers whose
 *   primary segment it is
 * @path: the file to write
 * @cancellable: (nullable): a #GCancellable
 * @n_exported: (out) (optional): how many customers were written
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
seg_export_segment (SegStore         *store,
                    SegSegment       *segment,
                    gint32            ref_day,
                    SegExportFormat   format,
                    SegExportFlags    flags,
                    const char       *path,
                    GCancellable     *cancellable,
                    gint64           *n_exported,
                    GError          **error)
{
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (SEG_IS_STORE (store), FALSE);
  g_return_val_if_fail (SEG_IS_SEGMENT (segment), FALSE);

  if (flags & SEG_EXPORT_FLAGS_PRIMARY_ONLY)
    {
      g_autoptr(SegEvaluation) evaluation = NULL;
      int index;

      evaluation = seg_segments_evaluate_all (store, ref_day, NULL, cancellable, error);
      if (evaluation == NULL)
        return FALSE;

      index = seg_evaluation_find (evaluation, seg_segment_get_id (segment));
      if (index < 0)
        {
          g_set_error_literal (error, SEG_EXPORT_ERROR, SEG_EXPORT_ERROR_INVALID,
                               _("Save the segment before exporting its primary members."));
          return FALSE;
        }
      ids = seg_evaluation_dup_members (evaluation, index, TRUE);
    }
  else
    {
      g_autoptr(SegRule) rule = seg_rule_new_from_text (seg_segment_get_rule (segment), error);

      if (rule == NULL)
        return FALSE;
      ids = seg_segments_query_members (store, rule, ref_day, "id", FALSE, -1, 0, error);
      if (ids == NULL)
        return FALSE;
    }

  if (!seg_export_customers (store, ids, seg_segment_get_name (segment), format, path,
                             cancellable, error))
    return FALSE;

  if (n_exported != NULL)
    *n_exported = ids->len;

  return TRUE;
}
