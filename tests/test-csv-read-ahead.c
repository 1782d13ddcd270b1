/* test-csv-read-ahead.c — the read-ahead thread gives exactly the reader's rows
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "seg-csv-read-ahead.h"

static SegCsvReader *
reader_for (const char *data,
            gsize       len)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  SegCsvReader *reader;

  stream = g_memory_input_stream_new_from_data (g_memdup2 (data, len), len, g_free);
  reader = seg_csv_reader_new_for_stream (stream, "test.csv", &error);
  g_assert_no_error (error);
  g_assert_nonnull (reader);
  return reader;
}

/* Every row as "line flags n: [f1|len][f2|len]…", then the error if any. */
static char *
describe_plain (const char *data,
                gsize       len)
{
  g_autoptr(SegCsvReader) reader = reader_for (data, len);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = NULL;

  while (seg_csv_reader_read_row (reader, NULL, &error))
    {
      guint n = seg_csv_reader_get_n_fields (reader);

      g_string_append_printf (out, "%zu %d %u:", seg_csv_reader_get_line (reader),
                              seg_csv_reader_get_row_flags (reader), n);
      for (guint i = 0; i <= n; i++)
        g_string_append_printf (out, "[%s|%zu]", seg_csv_reader_get_field (reader, i),
                                seg_csv_reader_get_field_len (reader, i));
      g_string_append_c (out, '\n');
    }
  if (error != NULL)
    g_string_append_printf (out, "error %s %d %s\n", g_quark_to_string (error->domain),
                            error->code, error->message);
  sha256 = seg_csv_reader_dup_sha256 (reader);
  g_string_append_printf (out, "sha256 %s\n", sha256);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
describe_read_ahead (const char *data,
                     gsize       len)
{
  g_autoptr(SegCsvReader) reader = reader_for (data, len);
  g_autoptr(SegCsvReadAhead) rows = seg_csv_read_ahead_new (reader);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = NULL;
  guint64 bytes = 0;

  g_assert_null (seg_csv_read_ahead_get_reader (rows));
  while (seg_csv_read_ahead_read_row (rows, NULL, &error))
    {
      guint n = seg_csv_read_ahead_get_n_fields (rows);

      g_string_append_printf (out, "%zu %d %u:", seg_csv_read_ahead_get_line (rows),
                              seg_csv_read_ahead_get_row_flags (rows), n);
      for (guint i = 0; i <= n; i++)
        {
          gsize field_len;
          const char *field = seg_csv_read_ahead_peek_field (rows, i, &field_len);

          g_assert_true (field == seg_csv_read_ahead_get_field (rows, i));
          g_assert_cmpuint (field_len, ==, seg_csv_read_ahead_get_field_len (rows, i));
          g_string_append_printf (out, "[%s|%zu]", field, field_len);
        }
      g_string_append_c (out, '\n');
      /* Progress never goes backwards. */
      g_assert_cmpuint (seg_csv_read_ahead_get_bytes_read (rows), >=, bytes);
      bytes = seg_csv_read_ahead_get_bytes_read (rows);
    }
  if (error != NULL)
    g_string_append_printf (out, "error %s %d %s\n", g_quark_to_string (error->domain),
                            error->code, error->message);
  g_assert_true (seg_csv_read_ahead_get_reader (rows) == reader);
  sha256 = seg_csv_reader_dup_sha256 (seg_csv_read_ahead_get_reader (rows));
  g_string_append_printf (out, "sha256 %s\n", sha256);
  /* After the end, no row and no second error. */
  g_assert_false (seg_csv_read_ahead_read_row (rows, NULL, NULL));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_same (const char *data,
             gsize       len)
{
  g_autofree char *plain = describe_plain (data, len);
  g_autofree char *ahead = describe_read_ahead (data, len);

  g_assert_cmpstr (ahead, ==, plain);
}

static void
test_quirks (void)
{
  static const char * const inputs[] = {
    "",
    "a,b,c\n",
    "a,b,c\n1,2,3",
    "a,b\r\n\"x, y\",\"multi\r\nline \"\"q\"\"\"\r\n,\r\n\r\nlast,",
    "a;b;c\n1;2\n1;2;3;4\n",                       /* ragged both ways */
    "\xEF\xBB\xBFid,name\n1,Zo\xC3\xAB\n",            /* BOM */
    "id,city\n1,M\xFC" "nchen\n",                   /* Windows-1252 */
    "a,b\n\"x\"y,z\n",                              /* stray quote */
    "a,b\n1,\"never closed\n2,3\n",                 /* error at the end */
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    assert_same (inputs[i], strlen (inputs[i]));
}

/* Many batches: rows of every size, a late Windows-1252 row, and an error
 * far into the file after every earlier row was handed over. */
static void
test_many_batches (void)
{
  g_autoptr(GString) text = g_string_new ("id,name,note\n");

  for (guint i = 0; i < 20000; i++)
    {
      g_string_append_printf (text, "%u,\"Doe, J%u\",", i, i);
      for (guint k = 0; k < i % 97; k++)
        g_string_append_c (text, 'x');
      g_string_append (text, i % 500 == 0 ? "\"two\nlines\"\n" : "\n");
      if (i == 15000)
        g_string_append (text, "late,M\xFC" "nchen,\n");
    }
  /* A 300 KB field fills a batch on its own. */
  g_string_append (text, "big,");
  for (guint k = 0; k < 300 * 1024; k++)
    g_string_append_c (text, 'y');
  g_string_append (text, ",end\nafter,1,2\n");
  assert_same (text->str, text->len);

  g_string_append (text, "bad,\x01\x02\x03\x04\x05\x06\x07\x08\x0B\x0C\x0E\x0F,x\n");
  for (guint i = 0; i < 3000; i++)
    g_string_append (text, "more,1,2\n");
  assert_same (text->str, text->len);
}

static void
test_cancel (void)
{
  g_autoptr(GString) text = g_string_new ("a\n");
  g_autoptr(SegCsvReader) reader = NULL;
  g_autoptr(SegCsvReadAhead) rows = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  while (text->len < 300 * 1024)
    g_string_append (text, "row\n");
  reader = reader_for (text->str, text->len);
  rows = seg_csv_read_ahead_new (reader);
  g_cancellable_cancel (cancellable);
  while (seg_csv_read_ahead_read_row (rows, cancellable, &error))
    ;
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Dropped after a few rows, with the thread still reading: it stops, and
 * nothing waits forever (the test would time out). */
static void
test_dispose_early (void)
{
  g_autoptr(GString) text = g_string_new ("a,b\n");

  for (guint i = 0; i < 50000; i++)
    g_string_append_printf (text, "%u,value %u\n", i, i);
  for (guint stop_after = 0; stop_after < 5000; stop_after += 1237)
    {
      g_autoptr(SegCsvReader) reader = reader_for (text->str, text->len);
      g_autoptr(SegCsvReadAhead) rows = NULL;
      g_autoptr(GError) error = NULL;

      /* The header is read before the thread takes over, as an import does. */
      g_assert_true (seg_csv_reader_read_row (reader, NULL, &error));
      rows = seg_csv_read_ahead_new (reader);
      for (guint i = 0; i < stop_after; i++)
        {
          g_autofree char *expected = g_strdup_printf ("value %u", i);

          g_assert_true (seg_csv_read_ahead_read_row (rows, NULL, &error));
          g_assert_cmpstr (seg_csv_read_ahead_get_field (rows, 1), ==, expected);
        }
      g_assert_no_error (error);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv-read-ahead/quirks", test_quirks);
  g_test_add_func ("/csv-read-ahead/many-batches", test_many_batches);
  g_test_add_func ("/csv-read-ahead/cancel", test_cancel);
  g_test_add_func ("/csv-read-ahead/dispose-early", test_dispose_early);

  return g_test_run ();
}
