/* seg-welcome.h — what the window shows when no store is open
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seg-recent-stores.h"

G_BEGIN_DECLS

#define SEG_TYPE_WELCOME (seg_welcome_get_type ())

G_DECLARE_FINAL_TYPE (SegWelcome, seg_welcome, SEG, WELCOME, GtkWidget)

void seg_welcome_set_recent_stores (SegWelcome      *self,
                                    SegRecentStores *recent);

G_END_DECLS
