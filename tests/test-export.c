/* test-export.c — segment members as CSV for marketing platforms
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "seg-day.h"
#include "seg-export.h"
#include "seg-measures.h"
#include "seg-segment-list.h"
#include "seg-store.h"

#define REF_DAY (seg_day_from_ymd (2024, 6, 30))

/* sha256 ("test@example.com"), worked out by hand with sha256sum. */
#define TEST_EMAIL_SHA256 "973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b"
/* sha256 ("16505551234") and sha256 ("+16505551234") */
#define TEST_PHONE_SHA256 "6069d14bf122fdfd931dc7beb58e5dfbba395b1faf05bdcd42d12358d63d8599"
#define TEST_E164_SHA256 "a2996076d3ad4af5dc818b908b3d8e354f26ededf7df0e0aa6ac354143805ee0"
#define JOHN_SHA256 "96d9632f363564cc3032521409cf22a852f2032eec099ed5967c0d000cec607a"
#define DOE_SHA256 "799ef92a11af918e3fb741df42934f3b568ed2d93ac1df74f1b8d41a27932a6f"
#define SANFRANCISCO_SHA256 "1a6bd4d9d79dc0a79b53795c70d3349fa9e38968a3fbefbfe8783efb1d2b6aac"
#define CA_SHA256 "6959097001d10501ac7d54c0bdb8db61420f658f2922cc26e46d536119a31126"
#define ZIP_SHA256 "91dc2519ea98c5002cf2091e6a12b772eafdce9dca618e626d7d3b8275361789"
#define US_SHA256 "79adb2a2fce5c6ba215fe5f27f532d4e7edbac4b6a5e09e1ef3a08084a904621"
#define YEAR_SHA256 "a7be8e1fe282a37cd666e0632b17d933fa13f21addf4798fc0455bc166e2488c"
#define M_SHA256 "62c66a7a5dd70c3146618063c344e531e6d4b59e379808443ce962b3abd63c5a"
#define GMAIL_SHA256 "06a240d11cc201676da976f7b49341181fd180da37cbe40a77432c0a366c80c3"

typedef struct
{
  char     *dir;
  char     *path;
  SegStore *store;
} Fixture;

static void
exec_ok (SegStore   *store,
         const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (seg_store_exec (store, sql, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("segments-export-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "shop.segments", NULL);
  fixture->store = seg_store_create (fixture->path, "Shop", "USD", &error);
  g_assert_no_error (error);

  exec_ok (fixture->store,
           "INSERT INTO customers (id, email, first_name, last_name, phone, birth_date, gender,"
           " country, region, city, postal_code, tags) VALUES"
           " (1, 'test@example.com', ' John ', 'Doe', '(650) 555-1234', '1990-04-01', 'male',"
           "  'US', 'CA', 'San Francisco', '94103-1234', 'vip'),"
           " (2, 'evil@example.com', '=HYPERLINK(\"http://x\",\"y\")', '@SUM(A1)',"
           "  '+1 555 0100', NULL, 'female', 'GB', NULL, '-London', 'SW1A 1AA', '+tag'),"
           " (3, 'john.doe@gmail.com', 'Zoë', 'O''Brien, Jr.', '020 7946 0958', NULL, NULL,"
           "  'GB', 'ENG', 'Zürich', NULL, NULL),"
           " (4, 'quiet@example.com', 'Tab', 'Carriage', NULL, NULL, NULL, NULL, NULL,"
           "  '\tcity', NULL, NULL)");
  exec_ok (fixture->store,
           "UPDATE customers SET last_name = char(13) || 'cr' WHERE id = 4");
  exec_ok (fixture->store,
           "INSERT INTO orders (source, order_key, customer_id, email, created_at, order_day,"
           " total_cents, net_cents) VALUES"
           " ('csv', '1', 1, 'test@example.com', '2024-06-01T00:00:00Z', 19875, 12345, 12345),"
           " ('csv', '2', 2, 'evil@example.com', '2024-06-02T00:00:00Z', 19876, 500, 500)");
  g_assert_true (seg_measures_recompute (seg_store_get_db (fixture->store), REF_DAY, NULL,
                                         &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->store);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* A tiny RFC 4180 reader, enough to check the files. */
static GPtrArray *
read_csv (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = NULL;
  GString *cell = g_string_new (NULL);
  gboolean quoted = FALSE;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);

  for (const char *p = contents; *p != '\0'; p++)
    {
      if (row == NULL)
        row = g_ptr_array_new_with_free_func (g_free);

      if (quoted)
        {
          if (*p == '"' && p[1] == '"')
            g_string_append_c (cell, *p++);
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (cell, *p);
        }
      else if (*p == '"')
        quoted = TRUE;
      else if (*p == ',')
        {
          g_ptr_array_add (row, g_strdup (cell->str));
          g_string_truncate (cell, 0);
        }
      else if (*p == '\r' && p[1] == '\n')
        {
          g_ptr_array_add (row, g_strdup (cell->str));
          g_string_truncate (cell, 0);
          g_ptr_array_add (rows, row);
          row = NULL;
          p++;
        }
      else
        g_string_append_c (cell, *p);
    }
  g_assert_null (row);
  g_string_free (cell, TRUE);

  return rows;
}

static const char *
cell (GPtrArray *rows,
      guint      row,
      guint      column)
{
  GPtrArray *r = g_ptr_array_index (rows, row);

  g_assert_cmpuint (column, <, r->len);
  return g_ptr_array_index (r, column);
}

static char *
header_line (GPtrArray *rows)
{
  GPtrArray *header = g_ptr_array_index (rows, 0);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; i < header->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (header, i));
  strv = g_strv_builder_end (builder);
  return g_strjoinv (",", strv);
}

static GPtrArray *
export (Fixture         *fixture,
        const char      *rule,
        SegExportFormat  format,
        const char      *file_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegSegment) segment = seg_segment_new (file_name, rule);
  g_autofree char *path = g_build_filename (fixture->dir, file_name, NULL);
  gint64 n = -1;
  GStatBuf st;

  g_assert_true (seg_segments_add (fixture->store, segment, &error));
  g_assert_no_error (error);
  g_assert_true (seg_export_segment (fixture->store, segment, REF_DAY, format,
                                     SEG_EXPORT_FLAGS_NONE, path, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n, >=, 0);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  return read_csv (path);
}

static void
test_normalizers (void)
{
  g_autofree char *hash = seg_export_sha256 ("test@example.com");
  g_autofree char *empty = seg_export_sha256 ("");
  struct { const char *phone, *country, *expected; } phones[] = {
    { "(650) 555-1234", "US", "16505551234" },
    { "+1 650-555-1234", NULL, "16505551234" },
    { "1-650-555-1234", "US", "16505551234" },
    { "020 7946 0958", "GB", "442079460958" },
    { "0049 30 1234567", "FR", "49301234567" },
    { "06 12 34 56 78", "FR", "33612345678" },
    { "555 0100", NULL, NULL },
    { "", "US", NULL },
    { "+0 123", NULL, NULL },
  };
  struct { const char *in, *out; } cells[] = {
    { "=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")" },
    { "+1 555", "'+1 555" },
    { "-2+3", "'-2+3" },
    { "@SUM(A1)", "'@SUM(A1)" },
    { "\tx", "'\tx" },
    { "\rx", "'\rx" },
    { "John", "John" },
    { "", "" },
    { "a=b", "a=b" },
  };

  g_assert_cmpstr (hash, ==, TEST_EMAIL_SHA256);
  g_assert_cmpstr (empty, ==, "");

  for (guint i = 0; i < G_N_ELEMENTS (phones); i++)
    {
      g_autofree char *phone = seg_export_normalize_phone (phones[i].phone, phones[i].country);
      g_assert_cmpstr (phone, ==, phones[i].expected);
    }
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      g_autofree char *safe = seg_export_neutralize_cell (cells[i].in);
      g_assert_cmpstr (safe, ==, cells[i].out);
    }

  {
    g_autofree char *a = seg_export_normalize_email ("  Test@Example.COM ", FALSE);
    g_autofree char *b = seg_export_normalize_email ("John.Doe@Gmail.com", TRUE);
    g_autofree char *c = seg_export_normalize_email ("John.Doe@Gmail.com", FALSE);
    g_autofree char *d = seg_export_normalize_email ("not an address", FALSE);
    g_autofree char *e = seg_export_normalize_name (" O'Brien-Smith ");
    g_autofree char *f = seg_export_normalize_name ("Zoë");
    g_autofree char *g = seg_export_normalize_place ("San Francisco");
    g_autofree char *h = seg_export_normalize_place ("Zürich");
    g_autofree char *i = seg_export_normalize_place ("US-CA");
    g_autofree char *j = seg_export_normalize_zip ("94103-1234", "US");
    g_autofree char *k = seg_export_normalize_zip ("SW1A 1AA", "GB");

    g_assert_cmpstr (a, ==, "test@example.com");
    g_assert_cmpstr (b, ==, "johndoe@gmail.com");
    g_assert_cmpstr (c, ==, "john.doe@gmail.com");
    g_assert_null (d);
    g_assert_cmpstr (e, ==, "obriensmith");
    g_assert_cmpstr (f, ==, "zoë");
    g_assert_cmpstr (g, ==, "sanfrancisco");
    g_assert_cmpstr (h, ==, "zurich");
    g_assert_cmpstr (i, ==, "ca");
    g_assert_cmpstr (j, ==, "94103");
    g_assert_cmpstr (k, ==, "sw1a1aa");
  }
}

static void
test_meta (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = export (fixture, "orders >= 1", SEG_EXPORT_FORMAT_META, "meta.csv");
  g_autofree char *header = header_line (rows);

  g_assert_cmpstr (header, ==, "email,phone,fn,ln,ct,st,zip,country,doby,gen");
  g_assert_cmpuint (rows->len, ==, 3);
  /* Customer 1, hashed after normalisation. */
  g_assert_cmpstr (cell (rows, 1, 0), ==, TEST_EMAIL_SHA256);
  g_assert_cmpstr (cell (rows, 1, 1), ==, TEST_PHONE_SHA256);
  g_assert_cmpstr (cell (rows, 1, 2), ==, JOHN_SHA256);
  g_assert_cmpstr (cell (rows, 1, 3), ==, DOE_SHA256);
  g_assert_cmpstr (cell (rows, 1, 4), ==, SANFRANCISCO_SHA256);
  g_assert_cmpstr (cell (rows, 1, 5), ==, CA_SHA256);
  g_assert_cmpstr (cell (rows, 1, 6), ==, ZIP_SHA256);
  g_assert_cmpstr (cell (rows, 1, 7), ==, US_SHA256);
  g_assert_cmpstr (cell (rows, 1, 8), ==, YEAR_SHA256);
  g_assert_cmpstr (cell (rows, 1, 9), ==, M_SHA256);
  /* Customer 2: no birth date, no apostrophes in hashes. */
  g_assert_cmpstr (cell (rows, 2, 8), ==, "");
  for (guint c = 0; c < 10; c++)
    g_assert_true (cell (rows, 2, c)[0] != '\'');
}

static void
test_meta_lookalike (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = export (fixture, "orders >= 1", SEG_EXPORT_FORMAT_META_LOOKALIKE,
                                      "lookalike.csv");
  g_autofree char *header = header_line (rows);

  g_assert_cmpstr (header, ==, "email,phone,fn,ln,ct,st,zip,country,doby,gen,value");
  g_assert_cmpstr (cell (rows, 1, 10), ==, "123.45");
  g_assert_cmpstr (cell (rows, 2, 10), ==, "5.00");
}

static void
test_google (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = export (fixture, "orders >= 0", SEG_EXPORT_FORMAT_GOOGLE,
                                      "google.csv");
  g_autofree char *header = header_line (rows);

  g_assert_cmpstr (header, ==, "Email,Phone,First Name,Last Name,Country,Zip");
  g_assert_cmpuint (rows->len, ==, 5);
  g_assert_cmpstr (cell (rows, 1, 0), ==, TEST_EMAIL_SHA256);
  g_assert_cmpstr (cell (rows, 1, 1), ==, TEST_E164_SHA256);
  g_assert_cmpstr (cell (rows, 1, 2), ==, JOHN_SHA256);
  g_assert_cmpstr (cell (rows, 1, 4), ==, "US");
  g_assert_cmpstr (cell (rows, 1, 5), ==, "94103");
  /* Gmail: dots before the @ go. */
  g_assert_cmpstr (cell (rows, 3, 0), ==, GMAIL_SHA256);
}

static void
test_klaviyo (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = export (fixture, "orders >= 0", SEG_EXPORT_FORMAT_KLAVIYO,
                                      "VIP list");
  g_autofree char *header = header_line (rows);

  g_assert_cmpstr (header, ==, "Email,First Name,Last Name,Phone Number,City,Region,Country,"
                               "Zip Code,Segment");
  g_assert_cmpuint (rows->len, ==, 5);
  g_assert_cmpstr (cell (rows, 1, 0), ==, "test@example.com");
  g_assert_cmpstr (cell (rows, 1, 3), ==, "'+16505551234");
  g_assert_cmpstr (cell (rows, 1, 8), ==, "VIP list");
  g_assert_cmpstr (cell (rows, 2, 1), ==, "'=HYPERLINK(\"http://x\",\"y\")");
  g_assert_cmpstr (cell (rows, 2, 2), ==, "'@SUM(A1)");
}

static void
test_mailchimp (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = export (fixture, "orders >= 1", SEG_EXPORT_FORMAT_MAILCHIMP,
                                      "Buyers");
  g_autofree char *header = header_line (rows);

  g_assert_cmpstr (header, ==, "Email Address,First Name,Last Name,Address,Phone Number,TAGS");
  g_assert_cmpstr (cell (rows, 1, 3), ==, "San Francisco  CA  94103-1234  US");
  g_assert_cmpstr (cell (rows, 1, 5), ==, "Buyers");
  g_assert_cmpstr (cell (rows, 2, 3), ==, "'-London  SW1A 1AA  GB");
}

static void
test_plain_csv (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = export (fixture, "orders >= 0", SEG_EXPORT_FORMAT_CSV, "all.csv");
  g_autofree char *header = header_line (rows);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert_true (g_str_has_prefix (header, "id,email,first_name,last_name,phone,"));
  g_assert_cmpuint (rows->len, ==, 5);

  /* Formulas and phone numbers come out as text. */
  g_assert_cmpstr (cell (rows, 2, 2), ==, "'=HYPERLINK(\"http://x\",\"y\")");
  g_assert_cmpstr (cell (rows, 2, 3), ==, "'@SUM(A1)");
  g_assert_cmpstr (cell (rows, 2, 4), ==, "'+1 555 0100");
  g_assert_cmpstr (cell (rows, 2, 9), ==, "'-London");
  g_assert_cmpstr (cell (rows, 2, 15), ==, "'+tag");
  g_assert_cmpstr (cell (rows, 3, 3), ==, "O'Brien, Jr.");
  g_assert_cmpstr (cell (rows, 4, 3), ==, "'\rcr");
  g_assert_cmpstr (cell (rows, 4, 9), ==, "'\tcity");
  g_assert_cmpstr (cell (rows, 1, 11), ==, "123.45");

  /* No temporary file is left beside the export. */
  dir = g_dir_open (fixture->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_prefix (name, "all.csv."));
}

static void
test_primary_only (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegSegment) first = seg_segment_new ("Americans", "country = \"US\"");
  g_autoptr(SegSegment) buyers = seg_segment_new ("Buyers", "orders >= 1");
  g_autofree char *path = g_build_filename (fixture->dir, "primary.csv", NULL);
  g_autoptr(GPtrArray) rows = NULL;
  gint64 n = 0;

  g_assert_true (seg_segments_add (fixture->store, first, &error));
  g_assert_true (seg_segments_add (fixture->store, buyers, &error));
  g_assert_true (seg_export_segment (fixture->store, buyers, REF_DAY, SEG_EXPORT_FORMAT_CSV,
                                     SEG_EXPORT_FLAGS_PRIMARY_ONLY, path, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 1);
  rows = read_csv (path);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (cell (rows, 1, 1), ==, "evil@example.com");

  /* Writing over an existing file keeps it private. */
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_chmod (path, 0644);
  g_assert_true (seg_export_segment (fixture->store, buyers, REF_DAY, SEG_EXPORT_FORMAT_CSV,
                                     SEG_EXPORT_FLAGS_NONE, path, NULL, &n, &error));
  g_assert_cmpint (n, ==, 2);
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }

  /* A folder that does not exist: a clear error, nothing written. */
  {
    g_autofree char *bad = g_build_filename (fixture->dir, "missing", "x.csv", NULL);

    g_assert_false (seg_export_segment (fixture->store, buyers, REF_DAY, SEG_EXPORT_FORMAT_CSV,
                                        SEG_EXPORT_FLAGS_NONE, bad, NULL, &n, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  }
}

static void
test_formats (void)
{
  SegExportFormat format;

  g_assert_true (seg_export_format_from_string ("Meta", &format));
  g_assert_cmpint (format, ==, SEG_EXPORT_FORMAT_META);
  g_assert_true (seg_export_format_from_string ("google", &format));
  g_assert_cmpint (format, ==, SEG_EXPORT_FORMAT_GOOGLE);
  g_assert_false (seg_export_format_from_string ("excel", &format));
  g_assert_cmpstr (seg_export_format_to_string (SEG_EXPORT_FORMAT_KLAVIYO), ==, "klaviyo");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/export/normalizers", test_normalizers);
  g_test_add_func ("/export/formats", test_formats);
  ADD ("/export/meta", test_meta);
  ADD ("/export/meta-lookalike", test_meta_lookalike);
  ADD ("/export/google", test_google);
  ADD ("/export/klaviyo", test_klaviyo);
  ADD ("/export/mailchimp", test_mailchimp);
  ADD ("/export/plain-csv", test_plain_csv);
  ADD ("/export/primary-only", test_primary_only);

  return g_test_run ();
}
