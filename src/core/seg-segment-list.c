/* seg-segment-list.c — a store's segments: saving, ordering, evaluating
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes run in their own transaction, or in a savepoint when the caller
 * already holds one (the demo store and the importer add segments inside
 * theirs).  Evaluation never writes.
 */

#define G_LOG_DOMAIN "seg-segments"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "seg-day.h"
#include "seg-measures.h"
#include "seg-rule-compiler.h"
#include "seg-segment-list.h"

#define MAX_NAME_CHARS 100
#define DEFAULT_MIN_CUSTOMERS 100
#define DEFAULT_REVIEW_DAYS 90
/* The guide: not more than five segments before 500 customers. */
#define SMALL_STORE_CUSTOMERS 500
#define SMALL_STORE_MAX_SEGMENTS 5
#define ADVANCED_BUYERS 500

struct _SegEvaluation
{
  gint32              ref_day;
  GPtrArray          *segments;      /* SegSegment, in priority order */
  SegSegmentFigures  *figures;
  gint64             *overlap;       /* n × n, symmetric */
  gint64              total_customers;
  gint64              total_revenue_cents;
  gint64              buyers;
  gint64              unsegmented;
  gint64              max_supported;
  gint64              min_customers;
  SegStoreStage       stage;

  /* Membership: customer ids in ascending order and, for each, a bitmask
   * of the segments it belongs to (words × 64 bits). */
  gsize               n_customers;
  gint64             *ids;
  guint               words;
  guint64            *masks;
  gint32             *dense;         /* id → position, when ids are dense */
  gint64              max_id;
};

G_DEFINE_QUARK (seg-segments-error-quark, seg_segments_error)

/* The GNOME palette, in the order new segments take it. */
static const char * const palette[] = {
  "#3584e4", "#33d17a", "#f6d32d", "#ff7800", "#e01b24",
  "#9141ac", "#986a44", "#2190a4", "#dc8add", "#77767b",
};

/* What the member list may sort by: a word the UI passes, and the SQL it
 * stands for.  Nothing else ever reaches ORDER BY. */
static const struct
{
  const char *id;
  const char *sql[2];
} sort_columns[] = {
  { "id", { "m.customer_id", NULL } },
  { "name", { "c.last_name COLLATE NOCASE", "c.first_name COLLATE NOCASE" } },
  { "first_name", { "c.first_name COLLATE NOCASE", NULL } },
  { "last_name", { "c.last_name COLLATE NOCASE", NULL } },
  { "email", { "c.email", NULL } },
  { "country", { "c.country", "c.region" } },
  { "city", { "c.city COLLATE NOCASE", NULL } },
  { "orders", { "m.orders", NULL } },
  { "revenue", { "m.revenue_cents", NULL } },
  { "aov", { "m.aov_cents", NULL } },
  { "first_order", { "m.first_order_day", NULL } },
  { "last_order", { "m.last_order_day", NULL } },
  { "created", { "c.created_day", NULL } },
  { "rfm_group", { "m.rfm_group", NULL } },
};

static const char * const sort_column_ids[] = {
  "id", "name", "first_name", "last_name", "email", "country", "city", "orders",
  "revenue", "aov", "first_order", "last_order", "created", "rfm_group", NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (sort_column_ids) == G_N_ELEMENTS (sort_columns) + 1);

static gboolean
exec_sql (SegStore    *store,
          const char  *sql,
          GError     **error)
{
  return seg_store_exec (store, sql, error);
}

static gboolean
begin_write (SegStore  *store,
             gboolean  *nested,
             GError   **error)
{
  *nested = !sqlite3_get_autocommit (seg_store_get_db (store));
  return exec_sql (store, *nested ? "SAVEPOINT seg_segments" : "BEGIN IMMEDIATE", error);
}

static gboolean
end_write (SegStore  *store,
           gboolean   nested,
           gboolean   ok,
           GError   **error)
{
  sqlite3 *db = seg_store_get_db (store);

  if (ok)
    ok = exec_sql (store, nested ? "RELEASE seg_segments" : "COMMIT", error);

  if (!ok)
    {
      if (nested)
        sqlite3_exec (db, "ROLLBACK TO seg_segments; RELEASE seg_segments", NULL, NULL, NULL);
      else if (!sqlite3_get_autocommit (db))
        sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
    }

  return ok;
}

static gboolean
step_done (SegStore      *store,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return seg_store_set_error_from_db (store, rc, error);

  return TRUE;
}

static char *
dup_now_timestamp (GDateTime *when)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) utc = NULL;

  if (when == NULL)
    when = now = g_date_time_new_now_utc ();
  utc = g_date_time_to_utc (when);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text == NULL || *text == '\0')
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

#define SEGMENT_COLUMNS \
  "id, name, rule, color, priority, notes, template, created_at, reviewed_at"

static SegSegment *
segment_from_row (sqlite3_stmt *stmt)
{
  SegSegment *segment;

  segment = seg_segment_new ((const char *) sqlite3_column_text (stmt, 1),
                             (const char *) sqlite3_column_text (stmt, 2));
  seg_segment_set_id (segment, sqlite3_column_int64 (stmt, 0));
  seg_segment_set_color (segment, (const char *) sqlite3_column_text (stmt, 3));
  seg_segment_set_priority (segment, sqlite3_column_int (stmt, 4));
  seg_segment_set_notes (segment, (const char *) sqlite3_column_text (stmt, 5));
  seg_segment_set_template_id (segment, (const char *) sqlite3_column_text (stmt, 6));
  seg_segment_set_created_at (segment, (const char *) sqlite3_column_text (stmt, 7));
  seg_segment_set_reviewed_at (segment, (const char *) sqlite3_column_text (stmt, 8));

  return segment;
}

/* Gives priorities 0, 1, 2… in their current order, closing gaps. */
static gboolean
renumber_priorities (SegStore  *store,
                     GError   **error)
{
  return exec_sql (store,
                   "UPDATE segments SET priority = r.rank FROM"
                   " (SELECT id, row_number () OVER (ORDER BY priority, id) - 1 AS rank"
                   "  FROM segments) AS r"
                   " WHERE segments.id = r.id AND segments.priority <> r.rank",
                   error);
}

static char *
check_name (SegStore    *store,
            const char  *name,
            gint64       own_id,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *clean = g_strstrip (g_strdup (name ? name : ""));

  if (*clean == '\0')
    {
      g_set_error_literal (error, SEG_SEGMENTS_ERROR, SEG_SEGMENTS_ERROR_INVALID_NAME,
                           _("Give the segment a name."));
      return NULL;
    }

  if (!g_utf8_validate (clean, -1, NULL) || g_utf8_strlen (clean, -1) > MAX_NAME_CHARS)
    {
      g_set_error (error, SEG_SEGMENTS_ERROR, SEG_SEGMENTS_ERROR_INVALID_NAME,
                   _("The segment name is too long. Use at most %d characters."),
                   MAX_NAME_CHARS);
      return NULL;
    }

  stmt = seg_store_prepare (store,
                            "SELECT name FROM segments"
                            " WHERE name = ?1 COLLATE NOCASE AND id <> ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, own_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_set_error (error, SEG_SEGMENTS_ERROR, SEG_SEGMENTS_ERROR_NAME_EXISTS,
                   _("There is already a segment named “%s”. Choose another name."),
                   (const char *) sqlite3_column_text (stmt, 0));
      return NULL;
    }

  return g_steal_pointer (&clean);
}

static void
options_or_defaults (const SegSegmentsOptions *options,
                     SegSegmentsOptions       *out)
{
  if (options != NULL)
    *out = *options;
  else
    seg_segments_options_init (out);

  if (out->min_customers <= 0)
    out->min_customers = DEFAULT_MIN_CUSTOMERS;
  if (out->review_days <= 0)
    out->review_days = DEFAULT_REVIEW_DAYS;
  if (out->today == SEG_DAY_INVALID || out->today == 0)
    out->today = seg_day_today ();
}

/**
 * seg_segments_options_init:
 * @options: options to fill
 *
 * Sets the guide's defaults: segments under 100 members are too small,
 * segments not reviewed for 90 days are flagged, review ages count from
 * today.
 */
void
seg_segments_options_init (SegSegmentsOptions *options)
{
  g_return_if_fail (options != NULL);

  options->min_customers = DEFAULT_MIN_CUSTOMERS;
  options->review_days = DEFAULT_REVIEW_DAYS;
  options->today = seg_day_today ();
}

/**
 * seg_segments_load:
 * @store: a store
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type SegSegment): the store's segments
 *   in priority order, highest first
 */
GPtrArray *
seg_segments_load (SegStore  *store,
                   GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  g_return_val_if_fail (SEG_IS_STORE (store), NULL);

  stmt = seg_store_prepare (store,
                            "SELECT " SEGMENT_COLUMNS " FROM segments ORDER BY priority, id",
                            error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (segments, segment_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      seg_store_set_error_from_db (store, rc, error);
      return NULL;
    }

  return g_steal_pointer (&segments);
}

/**
 * seg_segments_load_model:
 * @store: a store
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a #GListStore of #SegSegment in priority order,
 *   for the sidebar and the priority list
 */
GListModel *
seg_segments_load_model (SegStore  *store,
                         GError   **error)
{
  g_autoptr(GPtrArray) segments = seg_segments_load (store, error);
  GListStore *model;

  if (segments == NULL)
    return NULL;

  model = g_list_store_new (SEG_TYPE_SEGMENT);
  g_list_store_splice (model, 0, 0, segments->pdata, segments->len);

  return G_LIST_MODEL (model);
}

static SegSegment *
lookup_where (SegStore    *store,
              const char  *where,
              const char  *text,
              gint64       id,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = g_strconcat ("SELECT " SEGMENT_COLUMNS " FROM segments WHERE ",
                                      where, NULL);
  int rc;

  stmt = seg_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;

  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return segment_from_row (stmt);

  if (rc != SQLITE_DONE)
    seg_store_set_error_from_db (store, rc, error);
  else if (text != NULL)
    g_set_error (error, SEG_SEGMENTS_ERROR, SEG_SEGMENTS_ERROR_NOT_FOUND,
                 _("There is no segment named “%s” in this store."), text);
  else
    g_set_error_literal (error, SEG_SEGMENTS_ERROR, SEG_SEGMENTS_ERROR_NOT_FOUND,
                         _("The segment no longer exists in this store."));

  return NULL;
}

/**
 * seg_segments_lookup:
 * @store: a store
 * @name: a segment's name; letter case does not matter
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the segment, or %NULL with
 *   %SEG_SEGMENTS_ERROR_NOT_FOUND
 */
SegSegment *
seg_segments_lookup (SegStore    *store,
                     const char  *name,
                     GError     **error)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (SEG_IS_STORE (store), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  clean = g_strstrip (g_strdup (name));
  return lookup_where (store, "name = ?1 COLLATE NOCASE ORDER BY name = ?1 DESC LIMIT 1",
                       clean, 0, error);
}

SegSegment *
seg_segments_lookup_by_id (SegStore  *store,
                           gint64     id,
                           GError   **error)
{
  g_return_val_if_fail (SEG_IS_STORE (store), NULL);

  return lookup_where (store, "id = ?1", NULL, id, error);
}

/**
 * seg_segments_check_rule:
 * @rule_text: a rule's text form
 * @error: return location for a #SEG_RULE_ERROR
 *
 * Parses and validates a rule.  The error is the parser's: it says where
 * (column) and what was expected, or which field is unknown.
 *
 * Returns: (transfer full): the rule's canonical text form, or %NULL
 */
char *
seg_segments_check_rule (const char  *rule_text,
                         GError     **error)
{
  g_autoptr(SegRule) rule = NULL;

  g_return_val_if_fail (rule_text != NULL, NULL);

  rule = seg_rule_new_from_text (rule_text, error);
  if (rule == NULL || !seg_rule_validate (rule, error))
    return NULL;

  return seg_rule_to_text (rule);
}

static gboolean
add_in_transaction (SegStore    *store,
                    SegSegment  *segment,
                    const char  *name,
                    const char  *rule,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) count = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *created_at = NULL;
  const char *color = seg_segment_get_color (segment);
  const char *given_created = seg_segment_get_created_at (segment);
  gint64 n_segments;
  int priority;

  count = seg_store_prepare (store, "SELECT count(*), coalesce (max (priority) + 1, 0)"
                                    " FROM segments", error);
  if (count == NULL || !step_done (store, count, error))
    return FALSE;
  n_segments = sqlite3_column_int64 (count, 0);
  priority = sqlite3_column_int (count, 1);

  if (color == NULL || *color == '\0')
    color = palette[n_segments % G_N_ELEMENTS (palette)];
  created_at = given_created ? g_strdup (given_created) : dup_now_timestamp (NULL);

  insert = seg_store_prepare (store,
                              "INSERT INTO segments (name, rule, color, priority, notes,"
                              " template, created_at, reviewed_at)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_text (insert, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 2, rule, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 3, color, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (insert, 4, priority);
  bind_text_or_null (insert, 5, seg_segment_get_notes (segment));
  bind_text_or_null (insert, 6, seg_segment_get_template_id (segment));
  sqlite3_bind_text (insert, 7, created_at, -1, SQLITE_STATIC);
  bind_text_or_null (insert, 8, seg_segment_get_reviewed_at (segment));
  if (!step_done (store, insert, error))
    return FALSE;

  seg_segment_set_id (segment, sqlite3_last_insert_rowid (seg_store_get_db (store)));
  seg_segment_set_name (segment, name);
  seg_segment_set_rule (segment, rule);
  seg_segment_set_color (segment, color);
  seg_segment_set_priority (segment, priority);
  seg_segment_set_created_at (segment, created_at);

  return TRUE;
}

/**
 * seg_segments_add:
 * @store: a store
 * @segment: a new segment (its id is 0)
 * @error: return location for a #GError
 *
 * Saves @segment as the store's lowest-priority segment.  The name is
 * trimmed and must be unique (letter case aside); the rule must parse and
 * is saved in its canonical text form.  Without a colour, the segment takes
 * the next one of the palette.  On success @segment gets its id, priority,
 * colour and creation time.
 *
 * Returns: %TRUE on success; %FALSE with a #SEG_SEGMENTS_ERROR or, for a
 *   bad rule, the parser's #SEG_RULE_ERROR
 */
gboolean
seg_segments_add (SegStore    *store,
                  SegSegment  *segment,
                  GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *rule = NULL;
  gboolean nested;
  gboolean ok;

  g_return_val_if_fail (SEG_IS_STORE (store), FALSE);
  g_return_val_if_fail (SEG_IS_SEGMENT (segment), FALSE);

  rule = seg_segments_check_rule (seg_segment_get_rule (segment) ?
                                  seg_segment_get_rule (segment) : "", error);
  if (rule == NULL)
    return FALSE;

  if (!begin_write (store, &nested, error))
    return FALSE;

  name = check_name (store, seg_segment_get_name (segment), 0, error);
  ok = name != NULL && add_in_transaction (store, segment, name, rule, error);

  if (!end_write (store, nested, ok, error))
    {
      seg_segment_set_id (segment, 0);
      return FALSE;
    }

  return TRUE;
}

/**
 * seg_segments_update:
 * @store: a store
 * @segment: a saved segment, edited
 * @error: return location for a #GError
 *
 * Saves the name, rule, colour, notes and template of @segment.  Priority
 * changes go through seg_segments_reorder () or seg_segments_move ().
 *
 * Returns: %TRUE on success
 */
gboolean
seg_segments_update (SegStore    *store,
                     SegSegment  *segment,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *name = NULL;
  g_autofree char *rule = NULL;
  gboolean nested;
  gboolean ok = FALSE;

  g_return_val_if_fail (SEG_IS_STORE (store), FALSE);
  g_return_val_if_fail (SEG_IS_SEGMENT (segment), FALSE);

  rule = seg_segments_check_rule (seg_segment_get_rule (segment) ?
                                  seg_segment_get_rule (segment) : "", error);
  if (rule == NULL)
    return FALSE;

  if (!begin_write (store, &nested, error))
    return FALSE;

  name = check_name (store, seg_segment_get_name (segment), seg_segment_get_id (segment), error);
  if (name == NULL)
    goto out;

  stmt = seg_store_prepare (store,
                            "UPDATE segments SET name = ?2, rule = ?3, color = ?4, notes = ?5,"
                            " template = ?6 WHERE id = ?1", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, seg_segment_get_id (segment));
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, rule, -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 4, seg_segment_get_color (segment));
  bind_text_or_null (stmt, 5, seg_segment_get_notes (segment));
  bind_text_or_null (stmt, 6, seg_segment_get_template_id (segment));
  if (!step_done (store, stmt, error))
    goto out;

  if (sqlite3_changes (seg_store_get_db (store)) == 0)
    {
      g_set_error_literal (error, SEG_SEGMENTS_ERROR, SEG_SEGMENTS_ERROR_NOT_FOUND,
                           _("The segment no longer exists in this store."));
      goto out;
    }

  seg_segment_set_name (segment, name);
  seg_segment_set_rule (segment, rule);
  ok = TRUE;

out:
  return end_write (store, nested, ok, error);
}

/**
 * seg_segments_delete:
 * @store: a store
 * @id: the segment's id
 * @error: return location for a #GError
 *
 * Deletes a segment (and its size history); the segments after it move up
 * one place.
 *
 * Returns: (transfer full): the deleted segment, every column of its row,
 *   for seg_segments_restore () to undo the deletion; %NULL on error
 */
SegSegment *
seg_segments_delete (SegStore  *store,
                     gint64     id,
                     GError   **error)
{
  g_autoptr(SegSegment) segment = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean nested;
  gboolean ok = FALSE;

  g_return_val_if_fail (SEG_IS_STORE (store), NULL);

  if (!begin_write (store, &nested, error))
    return NULL;

  segment = seg_segments_lookup_by_id (store, id, error);
  if (segment == NULL)
    goto out;

  stmt = seg_store_prepare (store, "DELETE FROM segments WHERE id = ?1", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, id);
  ok = step_done (store, stmt, error) && renumber_priorities (store, error);

out:
  if (!end_write (store, nested, ok, error))
    return NULL;

  return g_steal_pointer (&segment);
}

/**
 * seg_segments_restore:
 * @store: a store
 * @segment: a segment seg_segments_delete () returned
 * @error: return location for a #GError
 *
 * Puts a deleted segment back with its id, priority and every value it
 * had; the segments from its place on move down one.
 *
 * Returns: %TRUE on success
 */
gboolean
seg_segments_restore (SegStore    *store,
                      SegSegment  *segment,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) shift = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *name = NULL;
  gboolean nested;
  gboolean ok = FALSE;

  g_return_val_if_fail (SEG_IS_STORE (store), FALSE);
  g_return_val_if_fail (SEG_IS_SEGMENT (segment), FALSE);

  if (!begin_write (store, &nested, error))
    return FALSE;

  name = check_name (store, seg_segment_get_name (segment), seg_segment_get_id (segment), error);
  if (name == NULL)
    goto out;

  shift = seg_store_prepare (store,
                             "UPDATE segments SET priority = priority + 1 WHERE priority >= ?1",
                             error);
  if (shift == NULL)
    goto out;
  sqlite3_bind_int (shift, 1, seg_segment_get_priority (segment));
  if (!step_done (store, shift, error))
    goto out;

  insert = seg_store_prepare (store,
                              "INSERT INTO segments (id, name, rule, color, priority, notes,"
                              " template, created_at, reviewed_at)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  if (insert == NULL)
    goto out;
  if (seg_segment_get_id (segment) > 0)
    sqlite3_bind_int64 (insert, 1, seg_segment_get_id (segment));
  sqlite3_bind_text (insert, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 3, seg_segment_get_rule (segment), -1, SQLITE_TRANSIENT);
  bind_text_or_null (insert, 4, seg_segment_get_color (segment));
  sqlite3_bind_int (insert, 5, seg_segment_get_priority (segment));
  bind_text_or_null (insert, 6, seg_segment_get_notes (segment));
  bind_text_or_null (insert, 7, seg_segment_get_template_id (segment));
  if (seg_segment_get_created_at (segment) != NULL)
    sqlite3_bind_text (insert, 8, seg_segment_get_created_at (segment), -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_text (insert, 8, dup_now_timestamp (NULL), -1, g_free);
  bind_text_or_null (insert, 9, seg_segment_get_reviewed_at (segment));
  if (!step_done (store, insert, error))
    goto out;

  seg_segment_set_id (segment, sqlite3_last_insert_rowid (seg_store_get_db (store)));
  ok = renumber_priorities (store, error);

out:
  return end_write (store, nested, ok, error);
}

/**
 * seg_segments_reorder:
 * @store: a store
 * @ids: (array length=n_ids): every segment's id, highest priority first
 * @n_ids: the number of ids
 * @error: return location for a #GError
 *
 * Sets the priority order, as after a drag and drop in the segment list.
 * @ids must name every segment of the store exactly once.
 *
 * Returns: %TRUE on success
 */
gboolean
seg_segments_reorder (SegStore      *store,
                      const gint64  *ids,
                      guint          n_ids,
                      GError       **error)
{
  g_autoptr(sqlite3_stmt) count = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  gboolean nested;
  gboolean ok = FALSE;

  g_return_val_if_fail (SEG_IS_STORE (store), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);

  for (guint i = 0; i < n_ids; i++)
    if (!g_hash_table_add (seen, (gpointer) &ids[i]))
      {
        g_set_error_literal (error, SEG_SEGMENTS_ERROR, SEG_SEGMENTS_ERROR_INVALID,
                             _("A segment appears twice in the new order."));
        return FALSE;
      }

  if (!begin_write (store, &nested, error))
    return FALSE;

  count = seg_store_prepare (store, "SELECT count(*) FROM segments", error);
  if (count == NULL || !step_done (store, count, error))
    goto out;
  if (sqlite3_column_int64 (count, 0) != n_ids)
    {
      g_set_error_literal (error, SEG_SEGMENTS_ERROR, SEG_SEGMENTS_ERROR_INVALID,
                           _("The new order must list every segment of the store once."));
      goto out;
    }

  update = seg_store_prepare (store, "UPDATE segments SET priority = ?2 WHERE id = ?1", error);
  if (update == NULL)
    goto out;

  for (guint i = 0; i < n_ids; i++)
    {
      sqlite3_reset (update);
      sqlite3_bind_int64 (update, 1, ids[i]);
      sqlite3_bind_int (update, 2, (int) i);
      if (!step_done (store, update, error))
        goto out;
      if (sqlite3_changes (seg_store_get_db (store)) == 0)
        {
          g_set_error_literal (error, SEG_SEGMENTS_ERROR, SEG_SEGMENTS_ERROR_NOT_FOUND,
                               _("The segment no longer exists in this store."));
          goto out;
        }
    }
  ok = TRUE;

out:
  return end_write (store, nested, ok, error);
}

/**
 * seg_segments_move:
 * @store: a store
 * @id: a segment's id
 * @position: its new place in the priority order, 0 first
 * @error: return location for a #GError
 *
 * Moves one segment up or down the priority order (past the end means
 * last).
 *
 * Returns: %TRUE on success
 */
gboolean
seg_segments_move (SegStore  *store,
                   gint64     id,
                   guint      position,
                   GError   **error)
{
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean found = FALSE;

  g_return_val_if_fail (SEG_IS_STORE (store), FALSE);

  segments = seg_segments_load (store, error);
  if (segments == NULL)
    return FALSE;

  for (guint i = 0; i < segments->len; i++)
    {
      gint64 other = seg_segment_get_id (g_ptr_array_index (segments, i));

      if (other == id)
        found = TRUE;
      else
        g_array_append_val (ids, other);
    }

  if (!found)
    {
      g_set_error_literal (error, SEG_SEGMENTS_ERROR, SEG_SEGMENTS_ERROR_NOT_FOUND,
                           _("The segment no longer exists in this store."));
      return FALSE;
    }

  g_array_insert_val (ids, MIN (position, ids->len), id);
  return seg_segments_reorder (store, (const gint64 *) ids->data, ids->len, error);
}

/**
 * seg_segments_mark_reviewed:
 * @store: a store
 * @id: a segment's id
 * @when: (nullable): when it was reviewed; %NULL for now
 * @error: return location for a #GError
 *
 * Records that the store owner looked at the segment and found it still
 * right, which clears its "not reviewed" warning for another 90 days.
 *
 * Returns: %TRUE on success
 */
gboolean
seg_segments_mark_reviewed (SegStore   *store,
                            gint64      id,
                            GDateTime  *when,
                            GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *timestamp = NULL;

  g_return_val_if_fail (SEG_IS_STORE (store), FALSE);

  stmt = seg_store_prepare (store, "UPDATE segments SET reviewed_at = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  timestamp = dup_now_timestamp (when);
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, timestamp, -1, SQLITE_STATIC);
  if (!step_done (store, stmt, error))
    return FALSE;

  if (sqlite3_changes (seg_store_get_db (store)) == 0)
    {
      g_set_error_literal (error, SEG_SEGMENTS_ERROR, SEG_SEGMENTS_ERROR_NOT_FOUND,
                           _("The segment no longer exists in this store."));
      return FALSE;
    }

  return TRUE;
}

/* Evaluation */

void
seg_evaluation_free (SegEvaluation *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->segments, g_ptr_array_unref);
  g_free (self->figures);
  g_free (self->overlap);
  g_free (self->ids);
  g_free (self->masks);
  g_free (self->dense);
  g_free (self);
}

static gssize
position_of (SegEvaluation *self,
             gint64         id)
{
  gsize lo = 0, hi = self->n_customers;

  if (self->dense != NULL)
    return id >= 0 && id <= self->max_id ? self->dense[id] : -1;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (self->ids[mid] < id)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo < self->n_customers && self->ids[lo] == id ? (gssize) lo : -1;
}

static gboolean
load_customers (SegEvaluation  *self,
                SegStore       *store,
                gint64        **orders_out,
                gint64        **revenue_out,
                GError        **error)
{
  g_autoptr(sqlite3_stmt) count = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree gint64 *orders = NULL;
  g_autofree gint64 *revenue = NULL;
  gsize n, i = 0;
  int rc;

  count = seg_store_prepare (store, "SELECT count(*), coalesce (max (customer_id), 0)"
                                    " FROM customer_measures", error);
  if (count == NULL || !step_done (store, count, error))
    return FALSE;
  n = sqlite3_column_int64 (count, 0);
  self->max_id = sqlite3_column_int64 (count, 1);

  self->ids = g_new (gint64, MAX (n, 1));
  orders = g_new (gint64, MAX (n, 1));
  revenue = g_new (gint64, MAX (n, 1));

  stmt = seg_store_prepare (store, "SELECT customer_id, orders, revenue_cents"
                                   " FROM customer_measures ORDER BY customer_id", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && i < n)
    {
      self->ids[i] = sqlite3_column_int64 (stmt, 0);
      orders[i] = sqlite3_column_int64 (stmt, 1);
      revenue[i] = sqlite3_column_int64 (stmt, 2);
      i++;
    }
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return seg_store_set_error_from_db (store, rc, error);
  self->n_customers = i;

  /* Ids are dense unless many customers were deleted: then a direct map
   * costs a few bytes per id and saves a binary search per member. */
  if (self->max_id <= (gint64) (4 * self->n_customers + 4096))
    {
      self->dense = g_new (gint32, self->max_id + 1);
      memset (self->dense, 0xff, sizeof (gint32) * (self->max_id + 1));
      for (gsize j = 0; j < self->n_customers; j++)
        if (self->ids[j] >= 0)
          self->dense[self->ids[j]] = (gint32) j;
    }

  *orders_out = g_steal_pointer (&orders);
  *revenue_out = g_steal_pointer (&revenue);
  return TRUE;
}

/* The whole membership of a rule, as one sequential pass over the narrow
 * customer_measures table (in customer id order), looking customers up by
 * id only when the rule reads their columns.  SQLite would otherwise start
 * from an index on the first condition and look every match up at random:
 * on 100,000 customers that is 5 to 10 times slower for segments of a few
 * thousand members and more.  The live count, which wants one number, uses
 * the compiler's own query. */
static sqlite3_stmt *
prepare_member_scan (SegStore         *store,
                     SegCompiledRule  *compiled,
                     const char       *columns,
                     const char       *tail,
                     GError          **error)
{
  g_autofree char *sql = NULL;
  const char *where = seg_compiled_rule_get_where (compiled);
  sqlite3_stmt *stmt;
  gboolean reads_customers = strstr (where, "c.") != NULL ||
                             (tail != NULL && strstr (tail, "c.") != NULL) ||
                             strstr (columns, "c.") != NULL;

  sql = g_strdup_printf ("SELECT %s FROM customer_measures AS m NOT INDEXED%s WHERE %s %s",
                         columns,
                         reads_customers ? " CROSS JOIN customers AS c ON c.id = m.customer_id"
                                         : "",
                         where, tail ? tail : "");

  stmt = seg_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;

  if (!seg_compiled_rule_bind (compiled, stmt, 1, error))
    {
      sqlite3_finalize (stmt);
      return NULL;
    }

  return stmt;
}

/* Sets segment @index's bit for every customer its rule matches.  A rule
 * that no longer compiles (a field this version lost) matches nobody and
 * is flagged rather than failing the whole evaluation. */
static gboolean
mark_members (SegEvaluation  *self,
              SegStore       *store,
              guint           index,
              GError        **error)
{
  SegSegment *segment = g_ptr_array_index (self->segments, index);
  sqlite3 *db = seg_store_get_db (store);
  g_autoptr(SegRule) rule = NULL;
  g_autoptr(SegCompiledRule) compiled = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) rule_error = NULL;
  guint word = index / 64;
  guint64 bit = G_GUINT64_CONSTANT (1) << (index % 64);
  int rc;

  rule = seg_rule_new_from_text (seg_segment_get_rule (segment), &rule_error);
  if (rule != NULL)
    compiled = seg_rule_compile (db, rule, self->ref_day, &rule_error);
  if (compiled == NULL)
    {
      g_debug ("Segment “%s” has an unusable rule: %s",
               seg_segment_get_name (segment), rule_error->message);
      self->figures[index].warnings |= SEG_SEGMENT_WARNING_INVALID_RULE;
      return TRUE;
    }

  stmt = prepare_member_scan (store, compiled, "m.customer_id", NULL, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gssize position = position_of (self, sqlite3_column_int64 (stmt, 0));

      if (position >= 0)
        self->masks[position * self->words + word] |= bit;
    }

  if (rc != SQLITE_DONE)
    return seg_store_set_error_from_db (store, rc, error);

  return TRUE;
}

static void
tally (SegEvaluation *self,
       const gint64  *orders,
       const gint64  *revenue)
{
  guint n = self->segments->len;
  g_autofree guint *members = g_new (guint, MAX (n, 1));

  for (gsize i = 0; i < self->n_customers; i++)
    {
      const guint64 *mask = self->masks + i * self->words;
      guint n_members = 0;

      self->total_revenue_cents += revenue[i];
      if (orders[i] > 0)
        self->buyers++;

      for (guint w = 0; w < self->words; w++)
        for (guint64 bits = mask[w]; bits != 0; bits &= bits - 1)
          members[n_members++] = w * 64 + __builtin_ctzll (bits);

      if (n_members == 0)
        {
          self->unsegmented++;
          continue;
        }

      /* Bits come out in priority order: the first is the primary. */
      self->figures[members[0]].primary_customers++;

      for (guint a = 0; a < n_members; a++)
        {
          SegSegmentFigures *figures = &self->figures[members[a]];

          figures->customers++;
          figures->revenue_cents += revenue[i];
          figures->orders += orders[i];
          if (orders[i] >= 2)
            figures->repeat_customers++;

          for (guint b = a; b < n_members; b++)
            self->overlap[members[a] * n + members[b]]++;
        }
    }

  for (guint a = 0; a < n; a++)
    for (guint b = a + 1; b < n; b++)
      self->overlap[b * n + a] = self->overlap[a * n + b];
}

static void
finish_figures (SegEvaluation            *self,
                const SegSegmentsOptions *options)
{
  self->min_customers = options->min_customers;
  self->max_supported = seg_segments_get_max_supported (self->total_customers,
                                                        options->min_customers);
  self->stage = seg_store_stage_for_buyers (self->buyers);

  for (guint i = 0; i < self->segments->len; i++)
    {
      SegSegment *segment = g_ptr_array_index (self->segments, i);
      SegSegmentFigures *figures = &self->figures[i];
      gint32 reviewed = seg_segment_get_reviewed_day (segment);

      figures->segment_id = seg_segment_get_id (segment);
      figures->share = self->total_customers > 0 ?
        (double) figures->customers / self->total_customers : 0;
      figures->revenue_share = self->total_revenue_cents > 0 ?
        (double) figures->revenue_cents / self->total_revenue_cents : 0;
      figures->aov_cents = figures->orders > 0 ?
        (figures->revenue_cents + figures->orders / 2) / figures->orders : 0;
      figures->repeat_rate = figures->customers > 0 ?
        (double) figures->repeat_customers / figures->customers : 0;

      if (figures->customers < options->min_customers)
        figures->warnings |= SEG_SEGMENT_WARNING_TOO_SMALL;
      if ((gint64) i >= self->max_supported)
        figures->warnings |= SEG_SEGMENT_WARNING_TOO_MANY;

      if (reviewed == SEG_DAY_INVALID)
        reviewed = seg_segment_get_created_day (segment);
      if (reviewed != SEG_DAY_INVALID && options->today - reviewed >= options->review_days)
        figures->warnings |= SEG_SEGMENT_WARNING_NOT_REVIEWED;
    }
}

/* Takes @segments (in priority order) and evaluates them as of @ref_day on
 * the store's current measures. */
static SegEvaluation *
evaluate_segments (SegStore                 *store,
                   GPtrArray                *segments,
                   gint32                    ref_day,
                   const SegSegmentsOptions *options,
                   GCancellable             *cancellable,
                   GError                  **error)
{
  g_autoptr(SegEvaluation) self = g_new0 (SegEvaluation, 1);
  g_autofree gint64 *orders = NULL;
  g_autofree gint64 *revenue = NULL;
  SegSegmentsOptions defaults;
  guint n = segments->len;

  options_or_defaults (options, &defaults);

  self->ref_day = ref_day;
  self->segments = g_ptr_array_ref (segments);
  self->figures = g_new0 (SegSegmentFigures, MAX (n, 1));
  self->overlap = g_new0 (gint64, MAX (n * n, 1));
  self->words = MAX ((n + 63) / 64, 1);

  if (!load_customers (self, store, &orders, &revenue, error))
    return NULL;
  self->total_customers = self->n_customers;
  self->masks = g_new0 (guint64, MAX (self->n_customers, 1) * self->words);

  for (guint i = 0; i < n; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (!mark_members (self, store, i, error))
        return NULL;
    }

  tally (self, orders, revenue);
  finish_figures (self, &defaults);

  return g_steal_pointer (&self);
}

/**
 * seg_segments_evaluate_all:
 * @store: a store whose measures are current for @ref_day
 * @ref_day: the reference day that "days since" conditions count from
 * @options: (nullable): warning thresholds; %NULL for the defaults
 * @cancellable: (nullable): a #GCancellable, checked between segments
 * @error: return location for a #GError
 *
 * Evaluates every segment of the store in one pass: figures, warnings,
 * primary segments and the overlap matrix.  Read-only; safe on a
 * connection of its own in a worker thread.
 *
 * Returns: (transfer full): the evaluation, or %NULL with @error set
 */
SegEvaluation *
seg_segments_evaluate_all (SegStore                 *store,
                           gint32                    ref_day,
                           const SegSegmentsOptions *options,
                           GCancellable             *cancellable,
                           GError                  **error)
{
  g_autoptr(GPtrArray) segments = NULL;

  g_return_val_if_fail (SEG_IS_STORE (store), NULL);

  segments = seg_segments_load (store, error);
  if (segments == NULL)
    return NULL;

  return evaluate_segments (store, segments, ref_day, options, cancellable, error);
}

/**
 * seg_segments_evaluate:
 * @store: a store whose measures are current for @ref_day
 * @segment: a segment, saved or not (the builder's edited copy)
 * @ref_day: the reference day
 * @options: (nullable): warning thresholds; %NULL for the defaults
 * @figures: (out caller-allocates): where to put the figures
 * @error: return location for a #GError
 *
 * Evaluates one segment with its current rule.  Its primary customers are
 * those in no segment of higher priority; an unsaved segment is placed
 * last.
 *
 * Returns: %TRUE on success
 */
gboolean
seg_segments_evaluate (SegStore                 *store,
                       SegSegment               *segment,
                       gint32                    ref_day,
                       const SegSegmentsOptions *options,
                       SegSegmentFigures        *figures,
                       GError                  **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SegEvaluation) evaluation = NULL;
  gint64 id;
  gboolean saved = FALSE;

  g_return_val_if_fail (SEG_IS_STORE (store), FALSE);
  g_return_val_if_fail (SEG_IS_SEGMENT (segment), FALSE);
  g_return_val_if_fail (figures != NULL, FALSE);

  all = seg_segments_load (store, error);
  if (all == NULL)
    return FALSE;

  id = seg_segment_get_id (segment);
  for (guint i = 0; i < all->len; i++)
    saved |= id != 0 && seg_segment_get_id (g_ptr_array_index (all, i)) == id;

  for (guint i = 0; i < all->len; i++)
    {
      SegSegment *other = g_ptr_array_index (all, i);

      if (seg_segment_get_id (other) == id)
        break;
      if (!saved || seg_segment_get_priority (other) < seg_segment_get_priority (segment))
        g_ptr_array_add (segments, g_object_ref (other));
    }
  g_ptr_array_add (segments, g_object_ref (segment));

  evaluation = evaluate_segments (store, segments, ref_day, options, NULL, error);
  if (evaluation == NULL)
    return FALSE;

  *figures = evaluation->figures[segments->len - 1];
  return TRUE;
}

/**
 * seg_segments_get_sort_columns:
 *
 * Returns: (transfer none): the columns seg_segments_query_members () can
 *   sort by, %NULL-terminated
 */
const char * const *
seg_segments_get_sort_columns (void)
{
  return sort_column_ids;
}

/**
 * seg_segments_query_members:
 * @store: a store whose measures are current for @ref_day
 * @rule: a rule
 * @ref_day: the reference day
 * @order_by: (nullable): one of seg_segments_get_sort_columns (); %NULL
 *   for "id"
 * @descending: sort from the largest
 * @limit: at most this many ids; -1 for all
 * @offset: skip this many first
 * @error: return location for a #GError
 *
 * The member list and the export read customers through this.  Only the
 * whitelisted sort columns ever reach the SQL text; ties sort by id, so
 * pages never overlap.
 *
 * Returns: (transfer full) (element-type gint64): the matching customers'
 *   ids, or %NULL with @error set
 */
GArray *
seg_segments_query_members (SegStore    *store,
                            SegRule     *rule,
                            gint32       ref_day,
                            const char  *order_by,
                            gboolean     descending,
                            gint64       limit,
                            gint64       offset,
                            GError     **error)
{
  sqlite3 *db;
  g_autoptr(SegCompiledRule) compiled = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) tail = g_string_new ("ORDER BY ");
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *direction = descending ? " DESC" : "";
  guint column = G_N_ELEMENTS (sort_columns);
  int rc;

  g_return_val_if_fail (SEG_IS_STORE (store), NULL);
  g_return_val_if_fail (SEG_IS_RULE (rule), NULL);

  if (order_by == NULL)
    order_by = "id";
  for (guint i = 0; i < G_N_ELEMENTS (sort_columns); i++)
    if (g_str_equal (sort_columns[i].id, order_by))
      column = i;
  if (column == G_N_ELEMENTS (sort_columns))
    {
      g_set_error (error, SEG_SEGMENTS_ERROR, SEG_SEGMENTS_ERROR_INVALID,
                   _("Members cannot be sorted by “%s”."), order_by);
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (sort_columns[column].sql); i++)
    if (sort_columns[column].sql[i] != NULL)
      g_string_append_printf (tail, "%s%s, ", sort_columns[column].sql[i], direction);
  g_string_append_printf (tail, "m.customer_id%s LIMIT %" PRId64 " OFFSET %" PRId64,
                          direction, limit < 0 ? -1 : limit, MAX (offset, 0));

  db = seg_store_get_db (store);
  compiled = seg_rule_compile (db, rule, ref_day, error);
  if (compiled == NULL)
    return NULL;
  stmt = prepare_member_scan (store, compiled, "m.customer_id", tail->str, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }

  if (rc != SQLITE_DONE)
    {
      seg_store_set_error_from_db (store, rc, error);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/**
 * seg_segments_record_snapshot:
 * @store: a store
 * @evaluation: an evaluation of the store's segments
 * @day: the day to record the sizes for
 * @error: return location for a #GError
 *
 * Records each segment's size and revenue for @day, replacing what was
 * recorded for that day before: calling it again the same day (after an
 * import, say) leaves one row per segment and day.
 *
 * Returns: %TRUE on success
 */
gboolean
seg_segments_record_snapshot (SegStore       *store,
                              SegEvaluation  *evaluation,
                              gint32          day,
                              GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean nested;
  gboolean ok = TRUE;

  g_return_val_if_fail (SEG_IS_STORE (store), FALSE);
  g_return_val_if_fail (evaluation != NULL, FALSE);

  if (!begin_write (store, &nested, error))
    return FALSE;

  stmt = seg_store_prepare (store,
                            "INSERT INTO segment_snapshots (segment_id, snapshot_day, customers,"
                            " revenue_cents) SELECT ?1, ?2, ?3, ?4"
                            " WHERE EXISTS (SELECT 1 FROM segments WHERE id = ?1)"
                            " ON CONFLICT (segment_id, snapshot_day) DO UPDATE SET"
                            " customers = excluded.customers,"
                            " revenue_cents = excluded.revenue_cents", error);
  ok = stmt != NULL;

  for (guint i = 0; ok && i < evaluation->segments->len; i++)
    {
      const SegSegmentFigures *figures = &evaluation->figures[i];

      if (figures->segment_id == 0 || (figures->warnings & SEG_SEGMENT_WARNING_INVALID_RULE))
        continue;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, figures->segment_id);
      sqlite3_bind_int (stmt, 2, day);
      sqlite3_bind_int64 (stmt, 3, figures->customers);
      sqlite3_bind_int64 (stmt, 4, figures->revenue_cents);
      ok = step_done (store, stmt, error);
    }

  return end_write (store, nested, ok, error);
}

/**
 * seg_segments_snapshot:
 * @store: a store
 * @day: the day to record, usually today
 * @error: return location for a #GError
 *
 * Records every segment's size as of @day for the trend charts: call it
 * after each import and when the store is opened.  Brings the measures to
 * @day first.  Idempotent per day: a second call the same day replaces the
 * first day's figures instead of adding rows.
 *
 * Returns: %TRUE on success
 */
gboolean
seg_segments_snapshot (SegStore  *store,
                       gint32     day,
                       GError   **error)
{
  g_autoptr(SegEvaluation) evaluation = NULL;

  g_return_val_if_fail (SEG_IS_STORE (store), FALSE);

  if (!seg_measures_ensure (seg_store_get_db (store), day, error))
    return FALSE;

  evaluation = seg_segments_evaluate_all (store, day, NULL, NULL, error);
  if (evaluation == NULL)
    return FALSE;

  return seg_segments_record_snapshot (store, evaluation, day, error);
}

/**
 * seg_segments_get_max_supported:
 * @customers: the number of customers in the store
 * @min_customers: the "too small" threshold (100 by default)
 *
 * The rule of thumb the warnings apply: with fewer than 500 customers, at
 * most five segments; beyond that, about one segment per @min_customers
 * customers, so that each one can be large enough to act on.
 *
 * Returns: how many segments the data supports
 */
gint64
seg_segments_get_max_supported (gint64 customers,
                                gint64 min_customers)
{
  if (min_customers <= 0)
    min_customers = DEFAULT_MIN_CUSTOMERS;

  if (customers < SMALL_STORE_CUSTOMERS)
    return SMALL_STORE_MAX_SEGMENTS;

  return MAX (SMALL_STORE_MAX_SEGMENTS, customers / min_customers);
}

/**
 * seg_segments_warning_to_string:
 * @warning: one warning
 *
 * Returns: a stable id for the warning ("too-small", …), for JSON
 */
const char *
seg_segments_warning_to_string (SegSegmentWarnings warning)
{
  switch (warning)
    {
    case SEG_SEGMENT_WARNING_TOO_SMALL: return "too-small";
    case SEG_SEGMENT_WARNING_NOT_REVIEWED: return "not-reviewed";
    case SEG_SEGMENT_WARNING_TOO_MANY: return "too-many-segments";
    case SEG_SEGMENT_WARNING_INVALID_RULE: return "invalid-rule";
    case SEG_SEGMENT_WARNING_NONE:
    default:
      return NULL;
    }
}

/**
 * seg_segments_warning_dup_message:
 * @warning: one warning
 * @evaluation: the evaluation that raised it
 * @index: the segment's index in @evaluation
 *
 * Returns: (transfer full): what the warning means and what to do, for the
 *   segment page's banner
 */
char *
seg_segments_warning_dup_message (SegSegmentWarnings  warning,
                                  SegEvaluation      *evaluation,
                                  guint               index)
{
  const SegSegmentFigures *figures;
  SegSegment *segment;
  gint64 n_segments;

  g_return_val_if_fail (evaluation != NULL, NULL);
  g_return_val_if_fail (index < evaluation->segments->len, NULL);

  figures = &evaluation->figures[index];
  segment = g_ptr_array_index (evaluation->segments, index);
  n_segments = evaluation->segments->len;

  switch (warning)
    {
    case SEG_SEGMENT_WARNING_TOO_SMALL:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Only %" PRId64 " customer is in this "
                                           "segment: too few to act on or to measure. "
                                           "Widen the rule or merge it with another segment.",
                                           "Only %" PRId64 " customers are in this "
                                           "segment: too few to act on or to measure. "
                                           "Widen the rule or merge it with another segment.",
                                           figures->customers),
                              figures->customers);

    case SEG_SEGMENT_WARNING_NOT_REVIEWED:
      return g_strdup (_("This segment has not been reviewed for three months. Check that its "
                         "rule and its message still fit, then mark it reviewed."));

    case SEG_SEGMENT_WARNING_TOO_MANY:
      {
        gint64 last = CLAMP (evaluation->max_supported, 1, n_segments) - 1;
        SegSegment *last_supported = g_ptr_array_index (evaluation->segments, last);

        /* Translators: the rule of thumb behind the "too many segments"
         * warning: segments, customers, the "too small" size, and the
         * name of the last segment the data supports. */
        return g_strdup_printf (_("There are %" PRId64 " segments for %"
                                  PRId64 " customers: more than the data supports. "
                                  "With fewer than 500 customers keep to 5 segments; after "
                                  "that, about one segment per %" PRId64 " customers. "
                                  "Segments below “%s” in priority add little: consider "
                                  "removing or merging them."),
                                n_segments, evaluation->total_customers,
                                evaluation->min_customers,
                                seg_segment_get_name (last_supported));
      }

    case SEG_SEGMENT_WARNING_INVALID_RULE:
      return g_strdup_printf (_("The rule of “%s” can no longer be read. Open the segment and "
                                "build its rule again."), seg_segment_get_name (segment));

    case SEG_SEGMENT_WARNING_NONE:
    default:
      return NULL;
    }
}

/**
 * seg_store_stage_for_buyers:
 * @buyers: customers with at least one counted order
 *
 * Returns: the store's stage: beginner before the first order,
 *   intermediate up to 500 buyers, advanced from there
 */
SegStoreStage
seg_store_stage_for_buyers (gint64 buyers)
{
  if (buyers <= 0)
    return SEG_STORE_STAGE_BEGINNER;
  if (buyers < ADVANCED_BUYERS)
    return SEG_STORE_STAGE_INTERMEDIATE;
  return SEG_STORE_STAGE_ADVANCED;
}

const char *
seg_store_stage_to_string (SegStoreStage stage)
{
  switch (stage)
    {
    case SEG_STORE_STAGE_BEGINNER: return "beginner";
    case SEG_STORE_STAGE_INTERMEDIATE: return "intermediate";
    case SEG_STORE_STAGE_ADVANCED: return "advanced";
    default: g_return_val_if_reached (NULL);
    }
}

const char *
seg_store_stage_get_title (SegStoreStage stage)
{
  switch (stage)
    {
    case SEG_STORE_STAGE_BEGINNER: return _("Beginner: no orders yet");
    case SEG_STORE_STAGE_INTERMEDIATE: return _("Intermediate: first customers");
    case SEG_STORE_STAGE_ADVANCED: return _("Advanced: an established customer base");
    default: g_return_val_if_reached (NULL);
    }
}

/**
 * seg_store_stage_get_hint:
 * @stage: a stage
 *
 * Returns: (transfer none): a sentence on which segments to use first
 */
const char *
seg_store_stage_get_hint (SegStoreStage stage)
{
  switch (stage)
    {
    case SEG_STORE_STAGE_BEGINNER:
      return _("Start with First-time visitors: win the first order with social proof and a "
               "low-risk offer such as free shipping or easy returns.");
    case SEG_STORE_STAGE_INTERMEDIATE:
      return _("Focus on the five core segments: welcome First-time buyers, reward Repeat "
               "buyers, win back Lapsed customers and look after High-value customers.");
    case SEG_STORE_STAGE_ADVANCED:
      return _("You have enough buyers for RFM groups: add Champions, At Risk and Can’t Lose "
               "Them next to the core segments, and keep each segment large enough to act on.");
    default:
      g_return_val_if_reached (NULL);
    }
}

gint32
seg_evaluation_get_ref_day (SegEvaluation *self)
{
  g_return_val_if_fail (self != NULL, SEG_DAY_INVALID);
  return self->ref_day;
}

guint
seg_evaluation_get_n_segments (SegEvaluation *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->segments->len;
}

/**
 * seg_evaluation_get_segment:
 *
 * Returns: (transfer none): the segment at @index, in priority order
 */
SegSegment *
seg_evaluation_get_segment (SegEvaluation *self,
                            guint          index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->segments->len, NULL);
  return g_ptr_array_index (self->segments, index);
}

const SegSegmentFigures *
seg_evaluation_get_figures (SegEvaluation *self,
                            guint          index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->segments->len, NULL);
  return &self->figures[index];
}

/**
 * seg_evaluation_find:
 *
 * Returns: the index of the segment with @segment_id, or -1
 */
int
seg_evaluation_find (SegEvaluation *self,
                     gint64         segment_id)
{
  g_return_val_if_fail (self != NULL, -1);

  for (guint i = 0; i < self->segments->len; i++)
    if (self->figures[i].segment_id == segment_id)
      return (int) i;

  return -1;
}

/**
 * seg_evaluation_get_overlap:
 *
 * Returns: how many customers segments @a and @b share; the diagonal is
 *   each segment's size
 */
gint64
seg_evaluation_get_overlap (SegEvaluation *self,
                            guint          a,
                            guint          b)
{
  guint n;

  g_return_val_if_fail (self != NULL, 0);
  n = self->segments->len;
  g_return_val_if_fail (a < n && b < n, 0);

  return self->overlap[a * n + b];
}

gint64
seg_evaluation_get_total_customers (SegEvaluation *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->total_customers;
}

/* Net revenue of all customers' counted orders (guest orders excluded):
 * the base of each segment's revenue share. */
gint64
seg_evaluation_get_total_revenue (SegEvaluation *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->total_revenue_cents;
}

gint64
seg_evaluation_get_buyers (SegEvaluation *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->buyers;
}

/* Customers in no segment at all. */
gint64
seg_evaluation_get_unsegmented (SegEvaluation *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->unsegmented;
}

gint64
seg_evaluation_get_max_supported (SegEvaluation *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->max_supported;
}

SegStoreStage
seg_evaluation_get_stage (SegEvaluation *self)
{
  g_return_val_if_fail (self != NULL, SEG_STORE_STAGE_BEGINNER);
  return self->stage;
}

static int
first_member (SegEvaluation *self,
              gsize          position)
{
  const guint64 *mask = self->masks + position * self->words;

  for (guint w = 0; w < self->words; w++)
    if (mask[w] != 0)
      return w * 64 + __builtin_ctzll (mask[w]);

  return -1;
}

/**
 * seg_evaluation_get_primary:
 * @self: an evaluation
 * @customer_id: a customer's id
 *
 * Returns: the id of the customer's primary segment (the first in priority
 *   order that the customer matches), or 0 when the customer is in none
 */
gint64
seg_evaluation_get_primary (SegEvaluation *self,
                            gint64         customer_id)
{
  gssize position;
  int index;

  g_return_val_if_fail (self != NULL, 0);

  position = position_of (self, customer_id);
  if (position < 0)
    return 0;

  index = first_member (self, position);
  return index < 0 ? 0 : self->figures[index].segment_id;
}

/**
 * seg_evaluation_is_member:
 * @self: an evaluation
 * @index: a segment's index
 * @customer_id: a customer's id
 *
 * Looks the customer up in the evaluation's membership, without a query:
 * for passes over orders that tally several segments at once.
 *
 * Returns: whether the customer is in segment @index
 */
gboolean
seg_evaluation_is_member (SegEvaluation *self,
                          guint          index,
                          gint64         customer_id)
{
  gssize position;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (index < self->segments->len, FALSE);

  position = position_of (self, customer_id);
  if (position < 0)
    return FALSE;

  return (self->masks[position * self->words + index / 64] &
          (G_GUINT64_CONSTANT (1) << (index % 64))) != 0;
}

/**
 * seg_evaluation_dup_members:
 * @self: an evaluation
 * @index: a segment's index
 * @primary_only: keep only the customers whose primary segment it is
 *
 * Returns: (transfer full) (element-type gint64): customer ids, ascending
 */
GArray *
seg_evaluation_dup_members (SegEvaluation *self,
                            guint          index,
                            gboolean       primary_only)
{
  GArray *ids;
  guint word;
  guint64 bit;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->segments->len, NULL);

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), self->figures[index].customers);
  word = index / 64;
  bit = G_GUINT64_CONSTANT (1) << (index % 64);

  for (gsize i = 0; i < self->n_customers; i++)
    {
      if ((self->masks[i * self->words + word] & bit) == 0)
        continue;
      if (primary_only && first_member (self, i) != (int) index)
        continue;
      g_array_append_val (ids, self->ids[i]);
    }

  return ids;
}
