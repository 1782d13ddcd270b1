/* seg-application.h — the Segments application
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seg-recent-stores.h"

G_BEGIN_DECLS

#define SEG_TYPE_APPLICATION (seg_application_get_type ())

G_DECLARE_FINAL_TYPE (SegApplication, seg_application, SEG, APPLICATION, AdwApplication)

SegApplication  *seg_application_new               (const char        *application_id,
                                                    GApplicationFlags  flags);
GSettings       *seg_application_get_settings      (SegApplication    *self);
SegRecentStores *seg_application_get_recent_stores (SegApplication    *self);
char            *seg_application_dup_demo_path     (SegApplication    *self);
void             seg_application_open_path         (SegApplication    *self,
                                                    const char        *path);

G_END_DECLS
