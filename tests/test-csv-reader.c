/* test-csv-reader.c — SegCsvReader on every quirk real exports have
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <string.h>

#include "seg-csv-reader.h"

/* Reads everything in @data; each row becomes "[f1][f2]...\n" so that a test
 * states the exact fields, empty ones included. */
static char *
read_all_full (const char    *data,
               gssize         len,
               SegCsvReader **out_reader,
               GError       **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(SegCsvReader) reader = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (len < 0)
    len = strlen (data);
  stream = g_memory_input_stream_new_from_data (g_memdup2 (data, len), len, g_free);
  reader = seg_csv_reader_new_for_stream (stream, "test.csv", error);
  if (reader == NULL)
    return NULL;

  while (seg_csv_reader_read_row (reader, NULL, error))
    {
      for (guint i = 0; i < seg_csv_reader_get_n_fields (reader); i++)
        {
          g_assert_cmpuint (strlen (seg_csv_reader_get_field (reader, i)), ==,
                            seg_csv_reader_get_field_len (reader, i));
          g_string_append_printf (out, "[%s]", seg_csv_reader_get_field (reader, i));
        }
      g_string_append_c (out, '\n');
    }
  if (error != NULL && *error != NULL)
    return NULL;

  if (out_reader != NULL)
    *out_reader = g_steal_pointer (&reader);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
read_all (const char *data,
          gssize      len)
{
  g_autoptr(GError) error = NULL;
  char *result = read_all_full (data, len, NULL, &error);

  g_assert_no_error (error);
  return result;
}

static SegCsvReader *
reader_for (const char *data,
            gssize      len)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  SegCsvReader *reader;

  if (len < 0)
    len = strlen (data);
  stream = g_memory_input_stream_new_from_data (g_memdup2 (data, len), len, g_free);
  reader = seg_csv_reader_new_for_stream (stream, "test.csv", &error);
  g_assert_no_error (error);
  g_assert_nonnull (reader);
  return reader;
}

static void
assert_csv (const char *data,
            const char *expected)
{
  g_autofree char *got = read_all (data, -1);

  g_assert_cmpstr (got, ==, expected);
}

static void
test_basic (void)
{
  assert_csv ("a,b,c\n1,2,3\n", "[a][b][c]\n[1][2][3]\n");
  assert_csv ("a,b,c\n1,2,3", "[a][b][c]\n[1][2][3]\n");
  assert_csv ("single\n", "[single]\n");
  assert_csv ("", "");
  assert_csv ("\n\n", "");
}

static void
test_empty_fields (void)
{
  assert_csv ("a,b,c\n,,\n1,,3\n,2,\n", "[a][b][c]\n[][][]\n[1][][3]\n[][2][]\n");
  assert_csv ("a,b\n\"\",x\n", "[a][b]\n[][x]\n");
  /* A line that is only an empty quoted value is a row, not a blank line. */
  assert_csv ("a\n\"\"\n", "[a]\n[]\n");
}

static void
test_quotes (void)
{
  assert_csv ("name,note\n\"Doe, Jane\",\"said \"\"hi\"\"\"\n",
              "[name][note]\n[Doe, Jane][said \"hi\"]\n");
  assert_csv ("a,b\n\"line 1\nline 2\",x\n", "[a][b]\n[line 1\nline 2][x]\n");
  assert_csv ("a,b\n\"line 1\r\nline 2\",x\r\n", "[a][b]\n[line 1\r\nline 2][x]\n");
  /* A quote inside an unquoted value is kept as is. */
  assert_csv ("size\n5\" screen\n", "[size]\n[5\" screen]\n");
  assert_csv ("a\n\"\"\"\"\n", "[a]\n[\"]\n");
  assert_csv ("a,b\n\"x\",\"y\"", "[a][b]\n[x][y]\n");
}

static void
test_stray_quote (void)
{
  g_autoptr(SegCsvReader) reader = reader_for ("a,b\n\"x\"y,z\n", -1);
  g_autoptr(GError) error = NULL;

  g_assert_true (seg_csv_reader_read_row (reader, NULL, &error));
  g_assert_cmpint (seg_csv_reader_get_row_flags (reader), ==, SEG_CSV_ROW_OK);
  g_assert_true (seg_csv_reader_read_row (reader, NULL, &error));
  g_assert_cmpstr (seg_csv_reader_get_field (reader, 0), ==, "xy");
  g_assert_cmpstr (seg_csv_reader_get_field (reader, 1), ==, "z");
  g_assert_cmpint (seg_csv_reader_get_row_flags (reader), ==, SEG_CSV_ROW_STRAY_QUOTE);
  g_assert_false (seg_csv_reader_read_row (reader, NULL, &error));
  g_assert_no_error (error);
}

static void
test_line_endings (void)
{
  assert_csv ("a,b\r\n1,2\r\n3,4\r\n", "[a][b]\n[1][2]\n[3][4]\n");
  assert_csv ("a,b\r1,2\r3,4\r", "[a][b]\n[1][2]\n[3][4]\n");
  assert_csv ("a,b\r1,2\r3,4", "[a][b]\n[1][2]\n[3][4]\n");
  assert_csv ("a,b\n1,2\r\n3,4\r5,6", "[a][b]\n[1][2]\n[3][4]\n[5][6]\n");
  /* Blank lines in between are skipped, whatever their ending. */
  assert_csv ("a,b\r\n\r\n1,2\r\r3,4\n\n", "[a][b]\n[1][2]\n[3][4]\n");
}

static void
test_line_numbers (void)
{
  g_autoptr(SegCsvReader) reader =
    reader_for ("a,b\r\n\"multi\r\nline\",x\r\n\r\n\"lone\rcr\",y\rlast,z", -1);
  g_autoptr(GError) error = NULL;
  gsize expected_lines[] = { 1, 2, 5, 7 };

  for (guint i = 0; i < G_N_ELEMENTS (expected_lines); i++)
    {
      g_assert_true (seg_csv_reader_read_row (reader, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (seg_csv_reader_get_line (reader), ==, expected_lines[i]);
    }
  g_assert_cmpstr (seg_csv_reader_get_field (reader, 0), ==, "last");
  g_assert_false (seg_csv_reader_read_row (reader, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seg_csv_reader_get_n_rows (reader), ==, 4);
}

static void
test_ragged (void)
{
  g_autoptr(SegCsvReader) reader = reader_for ("a,b,c\n1,2\n1,2,3\n1,2,3,4\n", -1);
  g_autoptr(GError) error = NULL;

  g_assert_true (seg_csv_reader_read_row (reader, NULL, &error));
  g_assert_cmpuint (seg_csv_reader_get_n_header_fields (reader), ==, 3);
  g_assert_true (seg_csv_reader_read_row (reader, NULL, &error));
  g_assert_cmpuint (seg_csv_reader_get_n_fields (reader), ==, 2);
  g_assert_cmpint (seg_csv_reader_get_row_flags (reader), ==, SEG_CSV_ROW_RAGGED);
  g_assert_null (seg_csv_reader_get_field (reader, 2));
  g_assert_cmpuint (seg_csv_reader_get_field_len (reader, 2), ==, 0);
  g_assert_true (seg_csv_reader_read_row (reader, NULL, &error));
  g_assert_cmpint (seg_csv_reader_get_row_flags (reader), ==, SEG_CSV_ROW_OK);
  g_assert_true (seg_csv_reader_read_row (reader, NULL, &error));
  g_assert_cmpint (seg_csv_reader_get_row_flags (reader), ==, SEG_CSV_ROW_RAGGED);
  g_assert_cmpstr (seg_csv_reader_get_field (reader, 3), ==, "4");
  g_assert_false (seg_csv_reader_read_row (reader, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seg_csv_reader_get_n_warnings (reader), ==, 2);
}

static void
test_bom_utf8 (void)
{
  g_autoptr(SegCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *got = read_all_full ("\xEF\xBB\xBF" "Email,Name\nj@x.se,Jörg\n", -1,
                                        &reader, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (got, ==, "[Email][Name]\n[j@x.se][Jörg]\n");
  g_assert_cmpstr (seg_csv_reader_get_encoding (reader), ==, "UTF-8 (BOM)");
}

static void
test_plain_utf8 (void)
{
  g_autoptr(SegCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *got = read_all_full ("city\nMünchen\n東京\n", -1, &reader, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (got, ==, "[city]\n[München]\n[東京]\n");
  g_assert_cmpstr (seg_csv_reader_get_encoding (reader), ==, "UTF-8");
  g_assert_cmpuint (seg_csv_reader_get_n_warnings (reader), ==, 0);
}

static GBytes *
to_utf16 (const char *utf8,
          gboolean    big_endian,
          gboolean    bom)
{
  g_autoptr(GError) error = NULL;
  gsize len;
  g_autofree char *body = g_convert (utf8, -1, big_endian ? "UTF-16BE" : "UTF-16LE", "UTF-8",
                                     NULL, &len, &error);
  GByteArray *bytes = g_byte_array_new ();

  g_assert_no_error (error);
  if (bom)
    g_byte_array_append (bytes, (const guint8 *) (big_endian ? "\xFE\xFF" : "\xFF\xFE"), 2);
  g_byte_array_append (bytes, (const guint8 *) body, len);
  return g_byte_array_free_to_bytes (bytes);
}

static void
check_utf16 (gboolean    big_endian,
             gboolean    bom,
             const char *expected_encoding)
{
  const char *text = "Name\tCity\r\n\"Zoë\"\tKöln 😀\r\nÅsa\t\"a\tb\"\r\n";
  g_autoptr(GBytes) bytes = to_utf16 (text, big_endian, bom);
  g_autoptr(SegCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *got = read_all_full (g_bytes_get_data (bytes, NULL),
                                        g_bytes_get_size (bytes), &reader, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (got, ==, "[Name][City]\n[Zoë][Köln 😀]\n[Åsa][a\tb]\n");
  g_assert_cmpstr (seg_csv_reader_get_encoding (reader), ==, expected_encoding);
  g_assert_cmpint (seg_csv_reader_get_delimiter (reader), ==, '\t');
}

static void
test_utf16 (void)
{
  check_utf16 (FALSE, TRUE, "UTF-16LE");
  check_utf16 (TRUE, TRUE, "UTF-16BE");
  check_utf16 (FALSE, FALSE, "UTF-16LE");
  check_utf16 (TRUE, FALSE, "UTF-16BE");
}

/* A UTF-16 file far larger than one read, so that characters and surrogate
 * pairs are cut at buffer boundaries. */
static void
test_utf16_large (void)
{
  g_autoptr(GString) text = g_string_new ("id,word\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SegCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (text, "%u,é😀ß%u\n", i, i);
  bytes = to_utf16 (text->str, FALSE, TRUE);
  reader = reader_for (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  g_assert_true (seg_csv_reader_read_row (reader, NULL, &error));
  while (seg_csv_reader_read_row (reader, NULL, &error))
    {
      g_autofree char *expected_id = g_strdup_printf ("%u", n);
      g_autofree char *expected_word = g_strdup_printf ("é😀ß%u", n);

      g_assert_cmpstr (seg_csv_reader_get_field (reader, 0), ==, expected_id);
      g_assert_cmpstr (seg_csv_reader_get_field (reader, 1), ==, expected_word);
      n++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 20000);
}

static void
test_windows_1252 (void)
{
  /* "Café;€ 5;“quoted”" in Windows-1252. */
  const char *data = "Name;Price;Note\r\nCaf\xE9;\x80 5;\x93quoted\x94\r\n";
  g_autoptr(SegCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *got = read_all_full (data, -1, &reader, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (got, ==, "[Name][Price][Note]\n[Café][€ 5][“quoted”]\n");
  g_assert_cmpstr (seg_csv_reader_get_encoding (reader), ==, "Windows-1252");
  g_assert_cmpint (seg_csv_reader_get_delimiter (reader), ==, ';');
  g_assert_cmpuint (seg_csv_reader_get_n_warnings (reader), ==, 0);
}

/* Valid UTF-8 for the sniffed first 64 KiB, then one Windows-1252 value. */
static void
test_late_invalid_utf8 (void)
{
  g_autoptr(GString) text = g_string_new ("id,city\n");
  g_autoptr(SegCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;
  gboolean seen = FALSE;

  for (n = 0; text->len < 200 * 1024; n++)
    g_string_append_printf (text, "%u,Zürich\n", n);
  g_string_append (text, "late,M\xFCnchen\nafter,Zürich\n");

  reader = reader_for (text->str, text->len);
  g_assert_cmpstr (seg_csv_reader_get_encoding (reader), ==, "UTF-8");
  while (seg_csv_reader_read_row (reader, NULL, &error))
    {
      const char *id = seg_csv_reader_get_field (reader, 0);

      g_assert_true (g_utf8_validate (seg_csv_reader_get_field (reader, 1), -1, NULL));
      if (g_str_equal (id, "late"))
        {
          g_assert_cmpstr (seg_csv_reader_get_field (reader, 1), ==, "München");
          g_assert_cmpint (seg_csv_reader_get_row_flags (reader), ==, SEG_CSV_ROW_REENCODED);
          g_assert_cmpuint (seg_csv_reader_get_line (reader), ==, n + 2);
          seen = TRUE;
        }
      else
        g_assert_cmpint (seg_csv_reader_get_row_flags (reader), ==, SEG_CSV_ROW_OK);
    }
  g_assert_no_error (error);
  g_assert_true (seen);
  g_assert_cmpuint (seg_csv_reader_get_n_warnings (reader), ==, 1);
  g_assert_cmpstr (seg_csv_reader_get_field (reader, 1), ==, NULL);
}

/* One Windows-1252 row among UTF-8 ones, inside the sniffed prefix: still a
 * UTF-8 file, and only that row is read as Windows-1252. */
static void
test_mixed_prefix (void)
{
  const char *data = "name,city\nJörg,Köln\nRené,Z\xFCrich\nÅsa,Malmö\n";
  g_autoptr(SegCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *got = read_all_full (data, -1, &reader, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (got, ==, "[name][city]\n[Jörg][Köln]\n[René][Zürich]\n[Åsa][Malmö]\n");
  g_assert_cmpstr (seg_csv_reader_get_encoding (reader), ==, "UTF-8");
  g_assert_cmpuint (seg_csv_reader_get_n_warnings (reader), ==, 1);
}

static void
check_delimiter (const char *data,
                 char        expected)
{
  g_autoptr(SegCsvReader) reader = reader_for (data, -1);

  g_assert_cmpint (seg_csv_reader_get_delimiter (reader), ==, expected);
}

static void
test_delimiter (void)
{
  check_delimiter ("a,b,c\n1,2,3\n", ',');
  check_delimiter ("a;b;c\n1;2;3\n", ';');
  check_delimiter ("a\tb\tc\n1\t2\t3\n", '\t');
  check_delimiter ("a|b|c\n1|2|3\n", '|');
  /* Decimal commas do not fool it. */
  check_delimiter ("Name;Total;Tax\nAnna;1,5;0,25\nBo;12,50;2,5\nCy;3;0\n", ';');
  /* Delimiters inside quotes do not count. */
  check_delimiter ("\"a;x\",\"b;y\"\n\"1;2;3\",\"4\"\n\"5\",\"6;7\"\n", ',');
  check_delimiter ("\"Email Address\",\"First Name\",\"TAGS\"\n\"a@b.c\",\"A\",\"x|y|z\"\n", ',');
  /* One column: nothing to detect, comma by default. */
  check_delimiter ("email\na@b.c\n", ',');
}

static void
test_semicolon_decimal_comma (void)
{
  g_autoptr(SegCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *got = read_all_full ("Kunde;Betrag;Datum\r\n"
                                        "Müller;1.234,56;31.05.2016\r\n"
                                        "\"Schmidt; GmbH\";12,5;01.06.2016\r\n",
                                        -1, &reader, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (got, ==,
                   "[Kunde][Betrag][Datum]\n"
                   "[Müller][1.234,56][31.05.2016]\n"
                   "[Schmidt; GmbH][12,5][01.06.2016]\n");
  g_assert_cmpint (seg_csv_reader_get_delimiter (reader), ==, ';');
}

static void
test_set_delimiter (void)
{
  g_autoptr(SegCsvReader) reader = reader_for ("a;b,c\n1;2,3\n", -1);
  g_autoptr(GError) error = NULL;

  seg_csv_reader_set_delimiter (reader, ';');
  g_assert_true (seg_csv_reader_read_row (reader, NULL, &error));
  g_assert_cmpuint (seg_csv_reader_get_n_fields (reader), ==, 2);
  g_assert_cmpstr (seg_csv_reader_get_field (reader, 1), ==, "b,c");
}

/* The encoding can be overridden before the first row: the sniffed bytes
 * are decoded again, a matching byte-order mark is still skipped, and the
 * delimiter is sniffed again from the new text unless it was set. */
static void
test_set_encoding (void)
{
  g_autoptr(GError) error = NULL;

  /* "Ã©" is valid UTF-8 (é) but was written by a Latin-1 program. */
  {
    g_autoptr(SegCsvReader) reader = reader_for ("name;x\nJos\xc3\xa9;1\n", -1);

    g_assert_cmpstr (seg_csv_reader_get_encoding (reader), ==, "UTF-8");
    g_assert_true (seg_csv_reader_set_encoding (reader, "iso-8859-1", &error));
    g_assert_no_error (error);
    g_assert_cmpstr (seg_csv_reader_get_encoding (reader), ==, "ISO-8859-1");
    g_assert_cmpint (seg_csv_reader_get_delimiter (reader), ==, ';');
    g_assert_true (seg_csv_reader_read_row (reader, NULL, &error));
    g_assert_true (seg_csv_reader_read_row (reader, NULL, &error));
    g_assert_cmpstr (seg_csv_reader_get_field (reader, 0), ==, "Jos\xc3\x83\xc2\xa9");
  }

  /* Windows-1252 where ISO-8859-1 has C1 controls: 0x80 is the euro sign. */
  {
    g_autoptr(SegCsvReader) reader = reader_for ("a\n\x80 5\n", -1);

    g_assert_true (seg_csv_reader_set_encoding (reader, "Windows-1252", &error));
    g_assert_true (seg_csv_reader_read_row (reader, NULL, &error));
    g_assert_true (seg_csv_reader_read_row (reader, NULL, &error));
    g_assert_cmpstr (seg_csv_reader_get_field (reader, 0), ==, "\xe2\x82\xac 5");
  }

  /* UTF-16LE without a byte-order mark and mostly non-ASCII: no sniffer
   * would guess it; with the override it reads, and the tab delimiter is
   * found in the decoded text. */
  {
    static const char le[] = "\x16\x04\x09\x00\x17\x04\x0a\x00\x18\x04\x09\x00"
                             "\x19\x04\x0a\x00";
    g_autoptr(SegCsvReader) reader = reader_for (le, sizeof le - 1);

    g_assert_true (seg_csv_reader_set_encoding (reader, "UTF-16LE", &error));
    g_assert_cmpint (seg_csv_reader_get_delimiter (reader), ==, '\t');
    g_assert_true (seg_csv_reader_read_row (reader, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (seg_csv_reader_get_n_fields (reader), ==, 2);
    g_assert_cmpstr (seg_csv_reader_get_field (reader, 0), ==, "\xd0\x96");
    g_assert_cmpstr (seg_csv_reader_get_field (reader, 1), ==, "\xd0\x97");
  }

  /* A set delimiter survives; a BOM of the chosen encoding is skipped. */
  {
    g_autoptr(SegCsvReader) reader = reader_for ("\xef\xbb\xbf" "a;b,c\n", -1);

    seg_csv_reader_set_delimiter (reader, ',');
    g_assert_true (seg_csv_reader_set_encoding (reader, "utf-8", &error));
    g_assert_cmpstr (seg_csv_reader_get_encoding (reader), ==, "UTF-8 (BOM)");
    g_assert_cmpint (seg_csv_reader_get_delimiter (reader), ==, ',');
    g_assert_true (seg_csv_reader_read_row (reader, NULL, &error));
    g_assert_cmpstr (seg_csv_reader_get_field (reader, 0), ==, "a;b");
  }

  /* Unknown names are refused and change nothing. */
  {
    g_autoptr(SegCsvReader) reader = reader_for ("a\n", -1);

    g_assert_false (seg_csv_reader_set_encoding (reader, "EBCDIC", &error));
    g_assert_error (error, SEG_CSV_ERROR, SEG_CSV_ERROR_ENCODING);
    g_clear_error (&error);
    g_assert_cmpstr (seg_csv_reader_get_encoding (reader), ==, "UTF-8");
  }

  g_assert_cmpstr (seg_csv_reader_lookup_encoding ("latin1"), ==, "ISO-8859-1");
  g_assert_cmpstr (seg_csv_reader_lookup_encoding ("WINDOWS-1252"), ==, "Windows-1252");
  g_assert_null (seg_csv_reader_lookup_encoding ("UTF-32"));
}

static void
test_apostrophes_kept (void)
{
  /* The reader keeps cells exactly as written; seg-normalize strips. */
  assert_csv ("Zip,Phone\n'4001,'+46 70 123\n", "[Zip][Phone]\n['4001]['+46 70 123]\n");
}

static void
assert_error (const char *data,
              gssize      len,
              int         code,
              const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *got = read_all_full (data, len, NULL, &error);

  g_assert_null (got);
  g_assert_error (error, SEG_CSV_ERROR, code);
  if (message != NULL && !g_str_has_prefix (error->message, message))
    g_error ("expected message starting with “%s”, got “%s”", message, error->message);
}

static void
test_unterminated_quote (void)
{
  assert_error ("a,b\n1,2\n3,\"open\n4,5\n6,7\n", -1, SEG_CSV_ERROR_UNTERMINATED_QUOTE,
                "test.csv, line 3, column 2: ");
  assert_error ("\"a", -1, SEG_CSV_ERROR_UNTERMINATED_QUOTE, "test.csv, line 1, column 1: ");
  assert_error ("a\r\n\"x\r", -1, SEG_CSV_ERROR_UNTERMINATED_QUOTE,
                "test.csv, line 2, column 1: ");
}

static void
test_error_is_sticky (void)
{
  g_autoptr(SegCsvReader) reader = reader_for ("a\n\"open\n", -1);
  g_autoptr(GError) error = NULL;

  g_assert_true (seg_csv_reader_read_row (reader, NULL, &error));
  g_assert_false (seg_csv_reader_read_row (reader, NULL, &error));
  g_assert_error (error, SEG_CSV_ERROR, SEG_CSV_ERROR_UNTERMINATED_QUOTE);
  g_clear_error (&error);
  g_assert_false (seg_csv_reader_read_row (reader, NULL, &error));
  g_assert_error (error, SEG_CSV_ERROR, SEG_CSV_ERROR_UNTERMINATED_QUOTE);
}

static void
test_binary (void)
{
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06";
  static const char nul_late[] = "a,b\n1,2\n3,x\0y\n";
  g_autoptr(GString) zip = g_string_new_len ("PK\x03\x04\x14\0\x06\0", 8);

  for (guint i = 0; i < 4096; i++)
    g_string_append_c (zip, (char) (i * 7919 % 251));

  assert_error (png, sizeof png - 1, SEG_CSV_ERROR_BINARY, "test.csv, line ");
  assert_error (zip->str, zip->len, SEG_CSV_ERROR_BINARY, "test.csv, line 1, column 1: ");
  assert_error (nul_late, sizeof nul_late - 1, SEG_CSV_ERROR_BINARY,
                "test.csv, line 3, column 2: ");
}

static void
test_a_few_controls_allowed (void)
{
  /* A form feed, a vertical tab and one stray control character are kept. */
  assert_csv ("a,b\nx\x0By,\x01z\x0C\n", "[a][b]\n[x\x0By][\x01z\x0C]\n");
}

static void
test_huge_field (void)
{
  g_autoptr(GString) text = g_string_new ("a,b\n1,");
  g_autoptr(GString) quoted = g_string_new ("a,b\n1,\"");

  for (guint i = 0; i < 2 * SEG_CSV_DEFAULT_MAX_FIELD_SIZE / 16; i++)
    {
      g_string_append (text, "0123456789abcdef");
      g_string_append (quoted, "0123456789abcde\n");
    }
  g_string_append (text, "\n");
  assert_error (text->str, text->len, SEG_CSV_ERROR_FIELD_TOO_LONG,
                "test.csv, line 2, column 2: ");
  /* A runaway quote is reported at the line where it opened. */
  assert_error (quoted->str, quoted->len, SEG_CSV_ERROR_FIELD_TOO_LONG,
                "test.csv, line 2, column 2: ");
}

static void
test_field_at_limit (void)
{
  g_autoptr(GString) text = g_string_new ("a\n");
  g_autoptr(SegCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  g_string_append_len (text, "", 0);
  for (guint i = 0; i < SEG_CSV_DEFAULT_MAX_FIELD_SIZE; i++)
    g_string_append_c (text, 'x');
  g_string_append (text, "\nend\n");

  reader = reader_for (text->str, text->len);
  g_assert_true (seg_csv_reader_read_row (reader, NULL, &error));
  g_assert_true (seg_csv_reader_read_row (reader, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seg_csv_reader_get_field_len (reader, 0), ==,
                    SEG_CSV_DEFAULT_MAX_FIELD_SIZE);
  g_assert_true (seg_csv_reader_read_row (reader, NULL, &error));
  g_assert_cmpstr (seg_csv_reader_get_field (reader, 0), ==, "end");
}

static void
test_too_many_fields (void)
{
  g_autoptr(GString) text = g_string_new ("a\n");

  for (guint i = 0; i < SEG_CSV_DEFAULT_MAX_FIELDS + 5; i++)
    g_string_append (text, "x,");
  g_string_append (text, "\n");
  assert_error (text->str, text->len, SEG_CSV_ERROR_TOO_MANY_FIELDS, "test.csv, line 2, ");
}

static void
test_set_limits (void)
{
  g_autoptr(SegCsvReader) reader = reader_for ("a,b,c\n1,2,3\n12345,2\n", -1);
  g_autoptr(GError) error = NULL;

  seg_csv_reader_set_limits (reader, 4, 3);
  g_assert_true (seg_csv_reader_read_row (reader, NULL, &error));
  g_assert_true (seg_csv_reader_read_row (reader, NULL, &error));
  g_assert_false (seg_csv_reader_read_row (reader, NULL, &error));
  g_assert_error (error, SEG_CSV_ERROR, SEG_CSV_ERROR_FIELD_TOO_LONG);
}

static void
test_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("seg-csv-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(SegCsvReader) reader = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "Orders Export.csv", NULL);
  g_assert_true (g_file_set_contents (path, "Name,Email\n#1001,a@b.c\n", -1, &error));

  reader = seg_csv_reader_new_for_path (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (seg_csv_reader_get_size (reader), ==, 23);
  g_assert_cmpstr (seg_csv_reader_get_display_name (reader), ==, "Orders Export.csv");
  g_assert_true (seg_csv_reader_read_row (reader, NULL, &error));
  g_assert_true (seg_csv_reader_read_row (reader, NULL, &error));
  g_assert_cmpstr (seg_csv_reader_get_field (reader, 0), ==, "#1001");
  g_assert_cmpint (seg_csv_reader_get_bytes_read (reader), ==, 23);
  g_clear_object (&reader);

  g_unlink (path);
  g_rmdir (dir);

  reader = seg_csv_reader_new_for_path (path, &error);
  g_assert_null (reader);
  g_assert_error (error, SEG_CSV_ERROR, SEG_CSV_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "Orders Export.csv"));
}

static void
test_cancel (void)
{
  g_autoptr(SegCsvReader) reader = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new ("a\n");

  while (text->len < 300 * 1024)
    g_string_append (text, "row\n");
  reader = reader_for (text->str, text->len);
  g_cancellable_cancel (cancellable);
  while (seg_csv_reader_read_row (reader, cancellable, &error))
    ;
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* A generated file of several megabytes with every quirk, read through a
 * file stream: every row checked, and the reader's buffers stay small. */
static void
test_large_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("seg-csv-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "big.csv", NULL);
  g_autoptr(GString) text = g_string_new ("id,name,note,amount\r\n");
  g_autoptr(SegCsvReader) reader = NULL;
  const guint n_rows = 100000;
  guint n = 0;

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (text,
                            "%u,\"Doe, J%u\",\"multi\r\nline \"\"%u\"\"\",%u.%02u\r\n",
                            i, i, i, i, i % 100);
  g_assert_cmpuint (text->len, >, 4 * 1024 * 1024);
  g_assert_true (g_file_set_contents (path, text->str, text->len, &error));

  reader = seg_csv_reader_new_for_path (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (seg_csv_reader_get_size (reader), ==, text->len);
  /* Only the sniffed chunk is read up front: previewing is instant. */
  g_assert_cmpint (seg_csv_reader_get_bytes_read (reader), <=, 64 * 1024);

  g_assert_true (seg_csv_reader_read_row (reader, NULL, &error));
  while (seg_csv_reader_read_row (reader, NULL, &error))
    {
      char expected[64];

      g_snprintf (expected, sizeof expected, "%u", n);
      g_assert_cmpstr (seg_csv_reader_get_field (reader, 0), ==, expected);
      g_snprintf (expected, sizeof expected, "Doe, J%u", n);
      g_assert_cmpstr (seg_csv_reader_get_field (reader, 1), ==, expected);
      g_snprintf (expected, sizeof expected, "multi\r\nline \"%u\"", n);
      g_assert_cmpstr (seg_csv_reader_get_field (reader, 2), ==, expected);
      g_assert_cmpuint (seg_csv_reader_get_line (reader), ==, 2 + 2 * n);
      g_assert_cmpint (seg_csv_reader_get_row_flags (reader), ==, SEG_CSV_ROW_OK);
      /* Reads stay one chunk ahead of the parser at most. */
      g_assert_cmpint (seg_csv_reader_get_bytes_read (reader), <=,
                       (goffset) (text->len / n_rows) * (n + 2) + 2 * 64 * 1024);
      n++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, n_rows);
  g_assert_cmpint (seg_csv_reader_get_bytes_read (reader), ==, text->len);

  g_unlink (path);
  g_rmdir (dir);
}

/* Every way of cutting the input into reads must give the same rows. */
typedef struct
{
  GInputStream parent_instance;
  const guint8 *data;
  gsize len;
  gsize pos;
  gsize step;
} TrickleStream;

typedef GInputStreamClass TrickleStreamClass;

static GType trickle_stream_get_type (void);
G_DEFINE_TYPE (TrickleStream, trickle_stream, G_TYPE_INPUT_STREAM)

static gssize
trickle_stream_read (GInputStream  *stream,
                     void          *buffer,
                     gsize          count,
                     GCancellable  *cancellable,
                     GError       **error)
{
  TrickleStream *self = (TrickleStream *) stream;
  gsize n = MIN (MIN (count, self->step), self->len - self->pos);

  memcpy (buffer, self->data + self->pos, n);
  self->pos += n;
  return n;
}

static void
trickle_stream_class_init (TrickleStreamClass *klass)
{
  klass->read_fn = trickle_stream_read;
}

static void
trickle_stream_init (TrickleStream *self)
{
}

static void
test_short_reads (void)
{
  /* Past the sniffed 64 KiB every read returns 1 to 8 bytes, so that CRLF
   * pairs, doubled quotes and UTF-8 sequences are cut everywhere. */
  const char *block = "\"x;\r\n\"\"y\"\"\";2\r\r\n3;\"\"\r4;Zoë\n";
  const char *block_rows = "[x;\r\n\"y\"][2]\n[3][]\n[4][Zoë]\n";
  g_autoptr(GString) data = g_string_new ("\xEF\xBB\xBF" "a;b\r\n");
  g_autoptr(GString) expected = g_string_new ("[a][b]\n");

  while (data->len < 80 * 1024)
    {
      g_string_append (data, block);
      g_string_append (expected, block_rows);
    }

  for (gsize step = 1; step <= 8; step++)
    {
      TrickleStream *stream = g_object_new (trickle_stream_get_type (), NULL);
      g_autoptr(SegCsvReader) reader = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) out = g_string_new (NULL);

      stream->data = (const guint8 *) data->str;
      stream->len = data->len;
      stream->step = step;
      reader = seg_csv_reader_new_for_stream (G_INPUT_STREAM (stream), "t.csv", &error);
      g_object_unref (stream);
      g_assert_no_error (error);
      g_assert_cmpint (seg_csv_reader_get_size (reader), ==, -1);
      g_assert_cmpint (seg_csv_reader_get_delimiter (reader), ==, ';');
      g_assert_cmpstr (seg_csv_reader_get_encoding (reader), ==, "UTF-8 (BOM)");
      while (seg_csv_reader_read_row (reader, NULL, &error))
        {
          for (guint i = 0; i < seg_csv_reader_get_n_fields (reader); i++)
            g_string_append_printf (out, "[%s]", seg_csv_reader_get_field (reader, i));
          g_string_append_c (out, '\n');
        }
      g_assert_no_error (error);
      g_assert_cmpstr (out->str, ==, expected->str);
    }
}

/* The digest taken while reading matches GChecksum's for every length
 * around the 64-byte block and 64 KiB read boundaries, with the SHA
 * extensions and without them (SEG_NO_SHA_NI). */
static void
check_sha256_lengths (void)
{
  static const gsize lengths[] = { 0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 1000,
                                   65535, 65536, 65537, 65536 + 55, 65536 + 56,
                                   200000, 300007 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      gsize len = lengths[i];
      g_autofree char *data = g_malloc (len + 1);
      g_autoptr(GInputStream) stream = NULL;
      g_autoptr(SegCsvReader) reader = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *digest = NULL;

      /* Rows of printable text, so that the reader reads it all. */
      for (gsize j = 0; j < len; j++)
        data[j] = (j % 50 == 49) ? '\n' : 'a' + g_rand_int_range (rand, 0, 26);
      expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
      stream = g_memory_input_stream_new_from_data (g_memdup2 (data, len), len, g_free);
      reader = seg_csv_reader_new_for_stream (stream, "t.csv", &error);
      g_assert_no_error (error);
      while (seg_csv_reader_read_row (reader, NULL, &error))
        ;
      g_assert_no_error (error);
      digest = seg_csv_reader_dup_sha256 (reader);
      g_assert_cmpstr (digest, ==, expected);
    }
}

static void
test_sha256 (void)
{
  check_sha256_lengths ();
  /* The portable path too (read when each reader is made). */
  g_setenv ("SEG_NO_SHA_NI", "1", TRUE);
  check_sha256_lengths ();
  g_unsetenv ("SEG_NO_SHA_NI");
}

static void
test_sha256_unfinished (void)
{
  g_autoptr(GString) data = g_string_new ("a,b\n");
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(SegCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 20000; i++)
    g_string_append (data, "1,2\n");
  stream = g_memory_input_stream_new_from_data (g_memdup2 (data->str, data->len), data->len,
                                                g_free);
  reader = seg_csv_reader_new_for_stream (stream, "t.csv", &error);
  g_assert_no_error (error);
  g_assert_true (seg_csv_reader_read_row (reader, NULL, &error));
  g_assert_null (seg_csv_reader_dup_sha256 (reader));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv-reader/basic", test_basic);
  g_test_add_func ("/csv-reader/empty-fields", test_empty_fields);
  g_test_add_func ("/csv-reader/quotes", test_quotes);
  g_test_add_func ("/csv-reader/stray-quote", test_stray_quote);
  g_test_add_func ("/csv-reader/line-endings", test_line_endings);
  g_test_add_func ("/csv-reader/line-numbers", test_line_numbers);
  g_test_add_func ("/csv-reader/ragged", test_ragged);
  g_test_add_func ("/csv-reader/encoding/utf8", test_plain_utf8);
  g_test_add_func ("/csv-reader/encoding/utf8-bom", test_bom_utf8);
  g_test_add_func ("/csv-reader/encoding/utf16", test_utf16);
  g_test_add_func ("/csv-reader/encoding/utf16-large", test_utf16_large);
  g_test_add_func ("/csv-reader/encoding/windows-1252", test_windows_1252);
  g_test_add_func ("/csv-reader/encoding/late-invalid-utf8", test_late_invalid_utf8);
  g_test_add_func ("/csv-reader/encoding/mixed-prefix", test_mixed_prefix);
  g_test_add_func ("/csv-reader/delimiter/sniff", test_delimiter);
  g_test_add_func ("/csv-reader/delimiter/semicolon-decimal-comma",
                   test_semicolon_decimal_comma);
  g_test_add_func ("/csv-reader/delimiter/set", test_set_delimiter);
  g_test_add_func ("/csv-reader/encoding/set", test_set_encoding);
  g_test_add_func ("/csv-reader/apostrophes-kept", test_apostrophes_kept);
  g_test_add_func ("/csv-reader/error/unterminated-quote", test_unterminated_quote);
  g_test_add_func ("/csv-reader/error/sticky", test_error_is_sticky);
  g_test_add_func ("/csv-reader/error/binary", test_binary);
  g_test_add_func ("/csv-reader/error/huge-field", test_huge_field);
  g_test_add_func ("/csv-reader/error/too-many-fields", test_too_many_fields);
  g_test_add_func ("/csv-reader/error/limits", test_set_limits);
  g_test_add_func ("/csv-reader/controls-allowed", test_a_few_controls_allowed);
  g_test_add_func ("/csv-reader/field-at-limit", test_field_at_limit);
  g_test_add_func ("/csv-reader/path", test_path);
  g_test_add_func ("/csv-reader/cancel", test_cancel);
  g_test_add_func ("/csv-reader/large-file", test_large_file);
  g_test_add_func ("/csv-reader/short-reads", test_short_reads);
  g_test_add_func ("/csv-reader/sha256", test_sha256);
  g_test_add_func ("/csv-reader/sha256-unfinished", test_sha256_unfinished);

  return g_test_run ();
}
