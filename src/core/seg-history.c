/* seg-history.c — what the store looked like, day by day
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Segment sizes are recorded at each import and each day the store is
 * opened, for the trend charts; customers' RFM groups once a week, for the
 * "movement between groups" chart.  RFM snapshots hold a row per customer,
 * so only the last few are kept: a store opened every day for a year would
 * otherwise grow by 36 million rows at 100,000 customers.
 */

#define G_LOG_DOMAIN "seg-history"

#include "config.h"

#include "seg-dashboard.h"
#include "seg-history.h"
#include "seg-segment-list.h"

static gboolean
latest_rfm_day (SegStore  *store,
                gint32    *day,
                GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    seg_store_prepare (store, "SELECT MAX(snapshot_day) FROM rfm_snapshots", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return seg_store_set_error_from_db (store, rc, error);

  *day = sqlite3_column_type (stmt, 0) == SQLITE_NULL ? G_MININT32 : sqlite3_column_int (stmt, 0);
  return TRUE;
}

static gboolean
prune_rfm_snapshots (SegStore  *store,
                     GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = seg_store_prepare (store,
    "DELETE FROM rfm_snapshots WHERE snapshot_day < ("
    "  SELECT MIN(snapshot_day) FROM ("
    "    SELECT DISTINCT snapshot_day FROM rfm_snapshots"
    "    ORDER BY snapshot_day DESC LIMIT ?1))", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, SEG_HISTORY_RFM_SNAPSHOTS);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return seg_store_set_error_from_db (store, rc, error);

  return TRUE;
}

/**
 * seg_history_record:
 * @store: a store, used on this thread only
 * @day: the day to record, usually the store's reference day
 *
 * Records every segment's size on @day (replacing that day's record) and,
 * when the last RFM snapshot is a week old or more, every customer's RFM
 * group.  Leaves the per-customer measures current for @day.
 */
gboolean
seg_history_record (SegStore  *store,
                    gint32     day,
                    GError   **error)
{
  gint32 last_rfm_day = G_MININT32;

  g_return_val_if_fail (SEG_IS_STORE (store), FALSE);

  if (!seg_segments_snapshot (store, day, error) ||
      !latest_rfm_day (store, &last_rfm_day, error))
    return FALSE;

  if (last_rfm_day != G_MININT32 && day - last_rfm_day < 7 && day >= last_rfm_day)
    return TRUE;

  return seg_dashboard_snapshot_rfm (seg_store_get_db (store), day, error) &&
         prune_rfm_snapshots (store, error);
}
