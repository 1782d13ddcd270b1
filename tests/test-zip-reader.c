/* test-zip-reader.c — ZIP archives, and Mailchimp audiences imported from them
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The archives are written byte by byte here (deflate through GZlibCompressor),
 * so that each can be damaged exactly where a test wants.
 */

#include <string.h>

#include <glib/gstdio.h>

#include "seg-day.h"
#include "seg-import-mapping.h"
#include "seg-importer.h"
#include "seg-store.h"
#include "seg-zip-reader.h"

/* ---- Writing archives --------------------------------------------------- */

typedef struct
{
  const char *name;
  const char *data;
  gssize      len;        /* -1: strlen */
  gboolean    deflate;
  guint16     flags;      /* extra general-purpose flags (1: encrypted) */
  guint16     method;     /* 0: from @deflate */
  guint32     crc_xor;    /* damages the recorded CRC */
  gint64      size;       /* > 0: the size the directory claims */
} Entry;

static guint32
crc32_of (const guint8 *p,
          gsize         len)
{
  guint32 crc = 0xFFFFFFFF;

  for (gsize i = 0; i < len; i++)
    {
      crc ^= p[i];
      for (int k = 0; k < 8; k++)
        crc = (crc & 1) ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
    }
  return ~crc;
}

static GBytes *
deflate_raw (const guint8 *data,
             gsize         len)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW, 9);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory,
                                                                G_CONVERTER (compressor));
  g_autoptr(GError) error = NULL;

  g_output_stream_write_all (out, data, len, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

static void
put16 (GByteArray *out,
       guint       v)
{
  guint8 b[2] = { v & 0xFF, (v >> 8) & 0xFF };

  g_byte_array_append (out, b, 2);
}

static void
put32 (GByteArray *out,
       guint32     v)
{
  guint8 b[4] = { v & 0xFF, (v >> 8) & 0xFF, (v >> 16) & 0xFF, v >> 24 };

  g_byte_array_append (out, b, 4);
}

static GBytes *
make_zip (const Entry *entries,
          guint        n)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GByteArray) dir = g_byte_array_new ();
  guint32 dir_offset;

  for (guint i = 0; i < n; i++)
    {
      const Entry *e = &entries[i];
      gsize len = e->len < 0 ? strlen (e->data) : (gsize) e->len;
      g_autoptr(GBytes) packed = NULL;
      guint16 method = e->method ? e->method : e->deflate ? 8 : 0;
      guint32 crc = crc32_of ((const guint8 *) e->data, len) ^ e->crc_xor;
      guint32 size = e->size > 0 ? (gsize) e->size : len;
      guint32 offset = out->len;
      guint16 flags = 0x0800 | e->flags;
      const guint8 *p;
      gsize plen;

      packed = e->deflate ? deflate_raw ((const guint8 *) e->data, len)
                          : g_bytes_new (e->data, len);
      p = g_bytes_get_data (packed, &plen);

      put32 (out, 0x04034b50);
      put16 (out, 20);
      put16 (out, flags);
      put16 (out, method);
      put32 (out, 0);
      put32 (out, crc);
      put32 (out, plen);
      put32 (out, size);
      put16 (out, strlen (e->name));
      put16 (out, 0);
      g_byte_array_append (out, (const guint8 *) e->name, strlen (e->name));
      g_byte_array_append (out, p, plen);

      put32 (dir, 0x02014b50);
      put16 (dir, 20);
      put16 (dir, 20);
      put16 (dir, flags);
      put16 (dir, method);
      put32 (dir, 0);
      put32 (dir, crc);
      put32 (dir, plen);
      put32 (dir, size);
      put16 (dir, strlen (e->name));
      put16 (dir, 0);
      put16 (dir, 0);
      put16 (dir, 0);
      put16 (dir, 0);
      put32 (dir, 0);
      put32 (dir, offset);
      g_byte_array_append (dir, (const guint8 *) e->name, strlen (e->name));
    }

  dir_offset = out->len;
  g_byte_array_append (out, dir->data, dir->len);
  put32 (out, 0x06054b50);
  put16 (out, 0);
  put16 (out, 0);
  put16 (out, n);
  put16 (out, n);
  put32 (out, dir->len);
  put32 (out, dir_offset);
  put16 (out, 0);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static char *
read_member (SegZipReader  *zip,
             guint          index,
             GError       **error)
{
  g_autoptr(GInputStream) stream = seg_zip_reader_open_member (zip, index, error);
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 buf[777];
  gssize n;

  if (stream == NULL)
    return NULL;
  while ((n = g_input_stream_read (stream, buf, sizeof buf, NULL, error)) > 0)
    g_byte_array_append (data, buf, n);
  if (n < 0)
    return NULL;
  g_byte_array_append (data, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (g_steal_pointer (&data), FALSE);
}

static SegZipReader *
open_zip (const Entry *entries,
          guint        n,
          GError     **error)
{
  g_autoptr(GBytes) bytes = make_zip (entries, n);

  return seg_zip_reader_new_for_bytes (bytes, "test.zip", error);
}

/* ---- The reader ---------------------------------------------------------- */

static char *
big_text (guint lines)
{
  GString *text = g_string_new ("Email Address,First Name\n");

  for (guint i = 0; i < lines; i++)
    g_string_append_printf (text, "person%u@example.com,Name %u\n", i, i);
  return g_string_free (text, FALSE);
}

static void
test_read_stored_and_deflated (void)
{
  g_autofree char *big = big_text (5000);
  const Entry entries[] = {
    { "members/", "", 0 },
    { "members/a.csv", "Email\na@x.com\n", -1, FALSE },
    { "members/b.csv", big, -1, TRUE },
    { "__MACOSX/members/._b.csv", "junk", -1, FALSE },
    { "members/._c.csv", "junk", -1, FALSE },
    { "readme.txt", "", -1, TRUE },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SegZipReader) zip = open_zip (entries, G_N_ELEMENTS (entries), &error);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *empty = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (seg_zip_reader_get_n_members (zip), ==, 6);
  g_assert_cmpstr (seg_zip_reader_get_member_name (zip, 2), ==, "members/b.csv");
  g_assert_true (seg_zip_reader_member_is_dir (zip, 0));
  g_assert_false (seg_zip_reader_member_is_csv (zip, 0));
  g_assert_true (seg_zip_reader_member_is_csv (zip, 1));
  g_assert_true (seg_zip_reader_member_is_csv (zip, 2));
  g_assert_false (seg_zip_reader_member_is_csv (zip, 3));
  g_assert_false (seg_zip_reader_member_is_csv (zip, 4));
  g_assert_false (seg_zip_reader_member_is_csv (zip, 5));
  g_assert_cmpint (seg_zip_reader_find_member (zip, "members/b.csv"), ==, 2);
  g_assert_cmpint (seg_zip_reader_find_member (zip, "b.csv"), ==, -1);
  g_assert_cmpuint (seg_zip_reader_get_member_size (zip, 2), ==, strlen (big));

  a = read_member (zip, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a, ==, "Email\na@x.com\n");
  b = read_member (zip, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (b, ==, big);
  empty = read_member (zip, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (empty, ==, "");
}

static void
test_bad_crc (void)
{
  g_autofree char *big = big_text (3000);
  const Entry entries[] = {
    { "s.csv", "Email\na@x.com\n", -1, FALSE, 0, 0, 0x10 },
    { "d.csv", big, -1, TRUE, 0, 0, 0x1 },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SegZipReader) zip = open_zip (entries, G_N_ELEMENTS (entries), &error);
  g_autofree char *s = NULL;
  g_autofree char *d = NULL;

  g_assert_no_error (error);
  s = read_member (zip, 0, &error);
  g_assert_error (error, SEG_ZIP_ERROR, SEG_ZIP_ERROR_CHECKSUM);
  g_assert_nonnull (strstr (error->message, "test.zip"));
  g_assert_nonnull (strstr (error->message, "s.csv"));
  g_clear_error (&error);
  d = read_member (zip, 1, &error);
  g_assert_error (error, SEG_ZIP_ERROR, SEG_ZIP_ERROR_CHECKSUM);
}

static void
test_truncated (void)
{
  g_autofree char *big = big_text (3000);
  const Entry entries[] = { { "d.csv", big, -1, TRUE } };
  g_autoptr(GBytes) whole = make_zip (entries, 1);
  gsize size = g_bytes_get_size (whole);
  const guint8 *p = g_bytes_get_data (whole, NULL);

  /* Cut anywhere: never a crash, always an error. */
  for (gsize cut = 0; cut < size; cut += MAX (1, size / 97))
    {
      g_autoptr(GBytes) part = g_bytes_new_from_bytes (whole, 0, cut);
      g_autoptr(GError) error = NULL;
      g_autoptr(SegZipReader) zip = seg_zip_reader_new_for_bytes (part, "cut.zip", &error);

      g_assert_null (zip);
      g_assert_true (error->domain == SEG_ZIP_ERROR);
      g_assert_nonnull (strstr (error->message, "cut.zip"));
    }

  /* The directory whole, the deflated data cut short: the member fails. */
  {
    g_autoptr(GByteArray) damaged = g_byte_array_new ();
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(SegZipReader) zip = NULL;
    g_autofree char *text = NULL;
    gsize data_start = 30 + strlen ("d.csv");

    g_byte_array_append (damaged, p, size);
    /* Zero the second half of the compressed data. */
    for (gsize i = data_start + (size - data_start) / 2; i < size - 22 - 51; i++)
      damaged->data[i] = 0;
    bytes = g_byte_array_free_to_bytes (g_steal_pointer (&damaged));
    zip = seg_zip_reader_new_for_bytes (bytes, "broken.zip", &error);
    g_assert_no_error (error);
    text = read_member (zip, 0, &error);
    g_assert_nonnull (error);
    g_assert_true (error->domain == SEG_ZIP_ERROR);
    g_assert_nonnull (strstr (error->message, "broken.zip"));
  }
}

static void
test_bombs (void)
{
  g_autoptr(GError) error = NULL;
  gsize len = 8 * 1024 * 1024;
  g_autofree char *zeros = g_malloc0 (len);

  memset (zeros, 'a', len);

  /* 8 MiB of one letter deflates about a thousandfold. */
  {
    const Entry entries[] = { { "bomb.csv", zeros, len, TRUE } };
    g_autoptr(SegZipReader) zip = open_zip (entries, 1, &error);
    g_autoptr(GInputStream) stream = NULL;

    g_assert_no_error (error);
    stream = seg_zip_reader_open_member (zip, 0, &error);
    g_assert_null (stream);
    g_assert_error (error, SEG_ZIP_ERROR, SEG_ZIP_ERROR_TOO_LARGE);
    g_assert_nonnull (strstr (error->message, "bomb.csv"));
    g_assert_nonnull (strstr (error->message, "test.zip"));
    g_clear_error (&error);

    /* A lower cap on the size refuses what the ratio let through. */
    seg_zip_reader_set_limits (zip, 1024, G_MAXUINT);
    stream = seg_zip_reader_open_member (zip, 0, &error);
    g_assert_error (error, SEG_ZIP_ERROR, SEG_ZIP_ERROR_TOO_LARGE);
    g_clear_error (&error);
  }

  /* A directory that lies about the size: the stream stops at the lie. */
  {
    const Entry entries[] = { { "liar.csv", zeros, 100000, TRUE, 0, 0, 0, 5000 } };
    g_autoptr(SegZipReader) zip = open_zip (entries, 1, &error);
    g_autofree char *text = NULL;

    g_assert_no_error (error);
    text = read_member (zip, 0, &error);
    g_assert_null (text);
    g_assert_error (error, SEG_ZIP_ERROR, SEG_ZIP_ERROR_TOO_LARGE);
    g_clear_error (&error);
  }

  /* Two members sharing the same bytes (an overlapping zip bomb). */
  {
    const Entry entries[] = { { "a.csv", "Email\na@x.com\n", -1, FALSE } };
    g_autoptr(GBytes) one = make_zip (entries, 1);
    g_autoptr(GByteArray) two = g_byte_array_new ();
    gsize size;
    const guint8 *p = g_bytes_get_data (one, &size);
    gsize dir_len = 46 + 5, dir_at = size - 22 - dir_len;
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(SegZipReader) zip = NULL;

    g_byte_array_append (two, p, dir_at);
    g_byte_array_append (two, p + dir_at, dir_len);
    g_byte_array_append (two, p + dir_at, dir_len);
    g_byte_array_append (two, p + dir_at + dir_len, 22);
    two->data[two->len - 22 + 8] = 2;
    two->data[two->len - 22 + 10] = 2;
    two->data[two->len - 22 + 12] = 2 * dir_len;
    bytes = g_byte_array_free_to_bytes (g_steal_pointer (&two));
    zip = seg_zip_reader_new_for_bytes (bytes, "overlap.zip", &error);
    g_assert_null (zip);
    g_assert_error (error, SEG_ZIP_ERROR, SEG_ZIP_ERROR_UNSAFE);
    g_clear_error (&error);
  }
}

static void
test_refused (void)
{
  static const char * const unsafe[] = {
    "../x.csv", "a/../../x.csv", "/etc/x.csv", "C:/x.csv", "a\\x.csv", "a\001.csv",
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (unsafe); i++)
    {
      const Entry entries[] = { { unsafe[i], "Email\n", -1, FALSE } };
      g_autoptr(SegZipReader) zip = open_zip (entries, 1, &error);

      g_assert_null (zip);
      g_assert_error (error, SEG_ZIP_ERROR, SEG_ZIP_ERROR_UNSAFE);
      g_clear_error (&error);
    }

  {
    const Entry entries[] = {
      { "locked.csv", "Email\n", -1, FALSE, 1 },
      { "odd.csv", "Email\n", -1, FALSE, 0, 14 },
    };
    g_autoptr(SegZipReader) zip = open_zip (entries, 2, &error);
    g_autoptr(GInputStream) stream = NULL;

    g_assert_no_error (error);
    stream = seg_zip_reader_open_member (zip, 0, &error);
    g_assert_error (error, SEG_ZIP_ERROR, SEG_ZIP_ERROR_ENCRYPTED);
    g_assert_nonnull (strstr (error->message, "locked.csv"));
    g_clear_error (&error);
    stream = seg_zip_reader_open_member (zip, 1, &error);
    g_assert_error (error, SEG_ZIP_ERROR, SEG_ZIP_ERROR_UNSUPPORTED);
    g_clear_error (&error);
  }

  /* ZIP64 end records. */
  {
    const Entry entries[] = { { "a.csv", "Email\n", -1, FALSE } };
    g_autoptr(GBytes) one = make_zip (entries, 1);
    g_autoptr(GByteArray) copy = g_byte_array_new ();
    gsize size;
    const guint8 *p = g_bytes_get_data (one, &size);
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(SegZipReader) zip = NULL;

    g_byte_array_append (copy, p, size);
    memset (copy->data + size - 22 + 16, 0xFF, 4);
    bytes = g_byte_array_free_to_bytes (g_steal_pointer (&copy));
    zip = seg_zip_reader_new_for_bytes (bytes, "big.zip", &error);
    g_assert_null (zip);
    g_assert_error (error, SEG_ZIP_ERROR, SEG_ZIP_ERROR_UNSUPPORTED);
    g_assert_nonnull (strstr (error->message, "ZIP64"));
    g_clear_error (&error);
  }

  /* Not an archive at all. */
  {
    g_autoptr(GBytes) bytes = g_bytes_new_static ("Email\na@x.com\n", 14);
    g_autoptr(SegZipReader) zip = seg_zip_reader_new_for_bytes (bytes, "x.csv", &error);

    g_assert_null (zip);
    g_assert_error (error, SEG_ZIP_ERROR, SEG_ZIP_ERROR_NOT_ZIP);
  }
}

/* ---- Importing a Mailchimp audience ------------------------------------- */

typedef struct
{
  char     *dir;
  char     *store_path;
  SegStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("test-zip-XXXXXX", &error);
  g_assert_no_error (error);
  f->store_path = g_build_filename (f->dir, "shop.segments", NULL);
  f->store = seg_store_create (f->store_path, "Shop", "USD", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->store);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->store_path);
}

#define MC_HEADER \
  "\"Email Address\",\"First Name\",\"Last Name\",\"Birthday\",\"MEMBER_RATING\"," \
  "\"OPTIN_TIME\",\"OPTIN_IP\",\"CONFIRM_TIME\",\"CONFIRM_IP\",\"LATITUDE\",\"LONGITUDE\"," \
  "\"GMTOFF\",\"DSTOFF\",\"TIMEZONE\",\"CC\",\"REGION\",\"LAST_CHANGED\",\"LEID\",\"EUID\"," \
  "\"NOTES\",\"TAGS\""

/* @n rows; @prefix names the emails; @extra are the file's added columns
 * (header and one value each); row @bad (1-based, 0: none) has no email. */
static char *
mailchimp_csv (const char *prefix,
               guint       n,
               const char *extra_header,
               const char *extra_values,
               guint       bad)
{
  GString *out = g_string_new (MC_HEADER);

  g_string_append (out, extra_header);
  g_string_append (out, "\r\n");
  for (guint i = 1; i <= n; i++)
    {
      if (i == bad)
        g_string_append (out, "\"not an email\"");
      else
        g_string_append_printf (out, "\"%s%u@example.com\"", prefix, i);
      g_string_append_printf (out, ",\"Ann\",\"Lee\",\"\",\"%u\",\"2023-01-02 10:00:00\",\"\","
                              "\"\",\"\",\"'40.71\",\"'-74.02\",\"-5\",\"-4\","
                              "\"America/New_York\",\"%s\",\"no region\","
                              "\"2024-01-01 00:00:00\",\"%u\",\"e%u\",\"\",\"\"%s\r\n",
                              1 + i % 5, i % 2 ? "uS" : "Gb", i, i, extra_values);
    }
  return g_string_free (out, FALSE);
}

static char *
write_audience (Fixture    *f,
                const char *name,
                guint       n_cleaned,
                guint32     cleaned_crc_xor,
                gboolean    deflate)
{
  g_autofree char *subscribed = mailchimp_csv ("s", 7, "", "", 0);
  g_autofree char *unsubscribed =
    mailchimp_csv ("u", 4, ",\"UNSUB_TIME\",\"UNSUB_CAMPAIGN_TITLE\",\"UNSUB_CAMPAIGN_ID\","
                   "\"UNSUB_REASON\",\"UNSUB_REASON_OTHER\"",
                   ",\"2024-03-01 00:00:00\",\"Spring\",\"c1\",\"N/A\",\"\"", 3);
  g_autofree char *cleaned =
    mailchimp_csv ("c", n_cleaned, ",\"CLEAN_TIME\",\"CLEAN_CAMPAIGN_TITLE\","
                   "\"CLEAN_CAMPAIGN_ID\"", ",\"2024-04-01 00:00:00\",\"\",\"\"", 0);
  const Entry entries[] = {
    { "members/subscribed_members_export_1a2b.csv", subscribed, -1, deflate },
    { "members/unsubscribed_members_export_1a2b.csv", unsubscribed, -1, deflate },
    { "members/cleaned_members_export_1a2b.csv", cleaned, -1, deflate, 0, 0,
      cleaned_crc_xor },
  };
  g_autoptr(GBytes) zip = make_zip (entries, G_N_ELEMENTS (entries));
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, g_bytes_get_data (zip, NULL), g_bytes_get_size (zip), &error);
  g_assert_no_error (error);
  return path;
}

static gint64
count_status (Fixture    *f,
              const char *status)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (seg_store_get_db (f->store),
                                       "SELECT count(*) FROM customers WHERE "
                                       "coalesce (email_status, '') = ?1 OR ?1 = '*'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, status, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static SegImporter *
zip_importer (Fixture    *f,
              const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) mappings = seg_import_mapping_new_for_zip (path, NULL, 0, 20, NULL,
                                                                   &error);

  g_assert_no_error (error);
  return seg_importer_new_for_mappings (f->store, (SegImportMapping **) mappings->pdata,
                                        mappings->len);
}

static void
test_mailchimp_audience (Fixture       *f,
                         gconstpointer  data)
{
  gboolean deflate = GPOINTER_TO_INT (data);
  g_autofree char *path = write_audience (f, "audience.zip", 5, 0, deflate);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) mappings = seg_import_mapping_new_for_zip (path, NULL, 0, 20, NULL,
                                                                   &error);
  g_autoptr(SegImporter) importer = NULL;
  const SegImportSummary *summary;
  const SegImportIssue *issue;
  g_autofree char *csv = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (mappings->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (seg_import_mapping_get_preset (g_ptr_array_index (mappings, i)), ==,
                     SEG_IMPORT_PRESET_MAILCHIMP_AUDIENCE);
  g_assert_cmpstr (seg_import_mapping_get_member (g_ptr_array_index (mappings, 1)), ==,
                   "members/unsubscribed_members_export_1a2b.csv");
  g_assert_cmpstr (seg_import_mapping_get_sample (g_ptr_array_index (mappings, 0), 0, 10), ==,
                   "'-74.02");

  importer = seg_importer_new_for_mappings (f->store, (SegImportMapping **) mappings->pdata,
                                            mappings->len);
  seg_importer_run (importer, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  summary = seg_importer_get_summary (importer);
  g_assert_cmpstr (summary->file_name, ==, "audience.zip");
  g_assert_cmpstr (summary->preset, ==, "mailchimp-audience");
  g_assert_cmpuint (summary->rows_read, ==, 16);
  g_assert_cmpuint (summary->customers_added, ==, 15);
  g_assert_cmpuint (summary->rows_skipped, ==, 1);
  issue = g_ptr_array_index (summary->skipped, 0);
  g_assert_cmpstr (issue->file, ==, "members/unsubscribed_members_export_1a2b.csv");
  g_assert_cmpuint (issue->line, ==, 4);

  g_assert_cmpint (count_status (f, "subscribed"), ==, 7);
  g_assert_cmpint (count_status (f, "unsubscribed"), ==, 3);
  g_assert_cmpint (count_status (f, "cleaned"), ==, 5);
  g_assert_cmpint (count_status (f, "*"), ==, 15);

  csv = seg_import_summary_to_csv (summary);
  g_assert_true (g_str_has_prefix (csv, "line,kind,column,reason,file\n4,skipped,"));
  g_assert_nonnull (strstr (csv, ",\"members/unsubscribed_members_export_1a2b.csv\"\n"));

  /* Again: nothing changes. */
  {
    g_autoptr(SegImporter) again = zip_importer (f, path);

    seg_importer_run (again, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (seg_importer_get_summary (again)->customers_added, ==, 0);
    g_assert_cmpuint (seg_importer_get_summary (again)->customers_updated, ==, 0);
    g_assert_cmpint (count_status (f, "*"), ==, 15);
  }
}

static void
test_damaged_member_imports_nothing (Fixture       *f,
                                     gconstpointer  data)
{
  /* The cleaned file is large enough that the preview does not reach its
   * end: its damage shows only while importing, after the other files'
   * rows went in — and they must come out again. */
  g_autofree char *path = write_audience (f, "damaged.zip", 3000, 0x4, TRUE);
  g_autoptr(SegImporter) importer = zip_importer (f, path);
  g_autoptr(GError) error = NULL;

  g_assert_false (seg_importer_run (importer, NULL, NULL, NULL, &error));
  g_assert_error (error, SEG_ZIP_ERROR, SEG_ZIP_ERROR_CHECKSUM);
  g_assert_nonnull (strstr (error->message, "damaged.zip"));
  g_assert_nonnull (strstr (error->message, "members/cleaned_members_export_1a2b.csv"));
  g_assert_cmpint (count_status (f, "*"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/zip-reader/read", test_read_stored_and_deflated);
  g_test_add_func ("/zip-reader/bad-crc", test_bad_crc);
  g_test_add_func ("/zip-reader/truncated", test_truncated);
  g_test_add_func ("/zip-reader/bombs", test_bombs);
  g_test_add_func ("/zip-reader/refused", test_refused);
  g_test_add ("/zip-reader/import/mailchimp-deflated", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_mailchimp_audience, fixture_tear_down);
  g_test_add ("/zip-reader/import/mailchimp-stored", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_mailchimp_audience, fixture_tear_down);
  g_test_add ("/zip-reader/import/damaged", Fixture, NULL,
              fixture_set_up, test_damaged_member_imports_nothing, fixture_tear_down);

  return g_test_run ();
}
