/* seg-history.h — what the store looked like, day by day
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "seg-store.h"

G_BEGIN_DECLS

/* How many RFM snapshots are kept, at most one a week. */
#define SEG_HISTORY_RFM_SNAPSHOTS 8

gboolean seg_history_record (SegStore  *store,
                             gint32     day,
                             GError   **error);

G_END_DECLS
