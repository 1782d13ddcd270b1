/* fuzz-csv-reader.c — libFuzzer entry point for SegCsvReader
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built by tests/fuzz/meson.build: always as a corpus replay test, and as a
 * libFuzzer binary with -Dfuzzing=true and clang (see docs/FUZZING.md):
 *   _build-fuzz/tests/fuzz/fuzz-csv-reader -max_total_time=60 -max_len=200000 \
 *     CORPUS-DIR tests/fuzz/corpus/csv-reader
 *
 * The first byte picks small limits sometimes, so that the too-long and
 * too-many paths are reached without megabytes of input.
 */

#include <stdint.h>
#include <string.h>

#include "seg-csv-reader.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(SegCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  guint8 mode = size > 0 ? data[0] : 0;

  stream = g_memory_input_stream_new_from_data (data, size, NULL);
  reader = seg_csv_reader_new_for_stream (stream, "fuzz.csv", &error);
  if (reader == NULL)
    return 0;

  if (mode & 1)
    seg_csv_reader_set_limits (reader, 1 + (mode >> 1), 1 + (mode >> 4));
  if (mode & 2)
    seg_csv_reader_set_delimiter (reader, (mode & 4) ? ';' : '\t');

  while (seg_csv_reader_read_row (reader, NULL, &error))
    {
      guint n = seg_csv_reader_get_n_fields (reader);

      g_assert (n >= 1);
      for (guint i = 0; i < n; i++)
        {
          const char *field = seg_csv_reader_get_field (reader, i);
          gsize len = seg_csv_reader_get_field_len (reader, i);

          g_assert (strlen (field) == len);
          g_assert (g_utf8_validate (field, len, NULL));
        }
      g_assert (seg_csv_reader_get_field (reader, n) == NULL);
    }
  if (error != NULL)
    g_assert (error->domain == SEG_CSV_ERROR);
  return 0;
}
