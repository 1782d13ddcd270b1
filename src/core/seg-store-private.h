/* seg-store-private.h — store internals shared with tests
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "seg-store.h"

G_BEGIN_DECLS

typedef struct
{
  int         version;   /* the user_version after this step */
  const char *sql;
} SegStoreMigration;

/* Opens with an explicit migration list, so that a test can add a version 2
 * and check that a version-1 file is upgraded (and backed up first). */
SegStore *seg_store_open_with_migrations (const char              *path,
                                          const SegStoreMigration *migrations,
                                          guint                    n_migrations,
                                          int                      target_version,
                                          GError                 **error);

G_END_DECLS
