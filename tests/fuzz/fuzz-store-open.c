/* fuzz-store-open.c — libFuzzer entry point for opening store files
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built by tests/fuzz/meson.build (see docs/FUZZING.md).  The bytes become a
 * `.segments` file in a private temporary folder, which is then opened and,
 * when it opens, read as the window does first (name, currency, headline
 * figures).  A store owner may open any file: it must give a store or a
 * SEG_STORE_ERROR, never a crash.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "seg-day.h"
#include "seg-store.h"

static char *dir;
static char *path;

static void
remove_store_files (void)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

static void
remove_dir (void)
{
  remove_store_files ();
  g_rmdir (dir);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  dir = g_dir_make_tmp ("segments-fuzz-store-XXXXXX", NULL);
  g_assert_nonnull (dir);
  path = g_build_filename (dir, "Fuzz.segments", NULL);
  atexit (remove_dir);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(SegStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) local_error = NULL;

  remove_store_files ();
  g_assert_true (g_file_set_contents_full (path, (const char *) data, size,
                                           G_FILE_SET_CONTENTS_NONE, 0600, NULL));

  store = seg_store_open (path, &error);
  if (store == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == SEG_STORE_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
  else
    {
      g_autofree char *name = seg_store_dup_name (store);
      g_autofree char *currency = seg_store_dup_currency (store);
      SegStoreStats stats;

      g_assert_no_error (error);
      g_assert_nonnull (name);
      g_assert_cmpuint (strlen (currency), ==, 3);
      (void) seg_store_get_reference_day (store);
      if (!seg_store_get_stats (store, seg_day_from_ymd (2024, 6, 30), &stats, &local_error))
        g_assert_true (local_error->domain == SEG_STORE_ERROR);
    }

  g_clear_object (&store);
  remove_store_files ();
  return 0;
}
