/* fuzz-import-header.c — libFuzzer entry point for preset detection
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built by tests/fuzz/meson.build (see docs/FUZZING.md).  Bytes are read as
 * a CSV file, as the import does; its header row (and first data row) go
 * through preset detection and the default column mapping of the detected
 * preset and of Custom CSV.  Every input must give a preset, a mapping of
 * exactly one field per column, and no crash.
 */

#include <stdint.h>
#include <string.h>

#include "seg-csv-reader.h"
#include "seg-import-preset.h"

static char **
read_row (SegCsvReader *reader,
          guint        *n_fields)
{
  GPtrArray *row;

  if (!seg_csv_reader_read_row (reader, NULL, NULL))
    return NULL;

  row = g_ptr_array_new ();
  *n_fields = seg_csv_reader_get_n_fields (reader);
  for (guint i = 0; i < *n_fields; i++)
    g_ptr_array_add (row, g_strdup (seg_csv_reader_get_field (reader, i)));
  g_ptr_array_add (row, NULL);
  return (char **) g_ptr_array_free (row, FALSE);
}

static void
check_mapping (SegImportPreset     preset,
               const char * const *header,
               guint               n_columns)
{
  g_auto(GStrv) fields = seg_import_preset_map_columns (preset, header, n_columns);

  g_assert_nonnull (fields);
  g_assert_cmpuint (g_strv_length (fields), ==, n_columns);
  for (guint i = 0; i < n_columns; i++)
    g_assert_true (g_utf8_validate (fields[i], -1, NULL));

  (void) seg_import_preset_get_implied_email_status (preset, header, n_columns);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(SegCsvReader) reader = NULL;
  g_auto(GStrv) header = NULL;
  g_auto(GStrv) first_row = NULL;
  guint n_columns = 0;
  guint first_row_len = 0;
  SegImportPreset preset;

  stream = g_memory_input_stream_new_from_data (data, size, NULL);
  reader = seg_csv_reader_new_for_stream (stream, "fuzz.csv", NULL);
  if (reader == NULL)
    return 0;

  header = read_row (reader, &n_columns);
  if (header == NULL)
    return 0;
  first_row = read_row (reader, &first_row_len);

  preset = seg_import_preset_detect ((const char * const *) header, n_columns,
                                     (const char * const *) first_row, first_row_len);
  g_assert_cmpint (preset, >=, 0);
  g_assert_cmpint (preset, <, SEG_IMPORT_N_PRESETS);
  g_assert_nonnull (seg_import_preset_get_id (preset));
  g_assert_nonnull (seg_import_preset_get_label (preset));

  check_mapping (preset, (const char * const *) header, n_columns);
  if (preset != SEG_IMPORT_PRESET_CUSTOM)
    check_mapping (SEG_IMPORT_PRESET_CUSTOM, (const char * const *) header, n_columns);

  for (guint i = 0; i < n_columns; i++)
    {
      g_autofree char *name = seg_import_preset_normalize_name (header[i]);

      g_assert_nonnull (name);
      g_assert_true (g_utf8_validate (name, -1, NULL));
    }

  return 0;
}
