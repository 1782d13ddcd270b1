/* fuzz-zip-reader.c — libFuzzer entry point for SegZipReader
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built by tests/fuzz/meson.build: always as a corpus replay test, and as a
 * libFuzzer binary with -Dfuzzing=true and clang (see docs/FUZZING.md):
 *   _build-fuzz/tests/fuzz/fuzz-zip-reader -max_total_time=60 -max_len=65536 \
 *     CORPUS-DIR tests/fuzz/corpus/zip-reader
 *
 * Every member is opened and read to its end; a member either fails with a
 * SEG_ZIP_ERROR or gives exactly the size its directory entry promised.
 * CSV members also go through the CSV reader, as the importer reads them.
 */

#include <stdint.h>
#include <string.h>

#include "seg-csv-reader.h"
#include "seg-zip-reader.h"

static void
read_csv (GInputStream *stream,
          const char   *name)
{
  g_autoptr(SegCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  guint rows = 0;

  reader = seg_csv_reader_new_for_stream (stream, name, &error);
  if (reader == NULL)
    return;
  while (rows++ < 1000 && seg_csv_reader_read_row (reader, NULL, &error))
    ;
  if (error != NULL)
    g_assert (error->domain == SEG_CSV_ERROR || error->domain == SEG_ZIP_ERROR);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(SegZipReader) zip = NULL;
  g_autoptr(GError) error = NULL;

  zip = seg_zip_reader_new_for_bytes (bytes, "fuzz.zip", &error);
  if (zip == NULL)
    {
      g_assert (error->domain == SEG_ZIP_ERROR);
      return 0;
    }
  /* Small members only: the fuzzer looks for crashes, not for patience. */
  seg_zip_reader_set_limits (zip, 4 * 1024 * 1024, SEG_ZIP_DEFAULT_MAX_RATIO);

  for (guint i = 0; i < seg_zip_reader_get_n_members (zip); i++)
    {
      g_autoptr(GInputStream) stream = NULL;
      g_autoptr(GError) member_error = NULL;
      guint8 buf[4096];
      guint64 total = 0;
      gssize n;

      g_assert (seg_zip_reader_get_member_name (zip, i) != NULL);
      stream = seg_zip_reader_open_member (zip, i, &member_error);
      if (stream == NULL)
        {
          g_assert (member_error->domain == SEG_ZIP_ERROR);
          continue;
        }
      if (seg_zip_reader_member_is_csv (zip, i) && (i & 1) == 0)
        {
          read_csv (stream, seg_zip_reader_get_member_name (zip, i));
          continue;
        }
      while ((n = g_input_stream_read (stream, buf, sizeof buf, NULL, &member_error)) > 0)
        total += n;
      if (n < 0)
        g_assert (member_error->domain == SEG_ZIP_ERROR);
      else
        g_assert (total == seg_zip_reader_get_member_size (zip, i));
    }
  return 0;
}
