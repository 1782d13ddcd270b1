/* seg-store.h — one store file: customers, orders, segments
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

#define SEG_STORE_ERROR (seg_store_error_quark ())

typedef enum
{
  SEG_STORE_ERROR_NOT_FOUND,
  SEG_STORE_ERROR_EXISTS,
  SEG_STORE_ERROR_NOT_A_STORE,
  SEG_STORE_ERROR_TOO_NEW,
  SEG_STORE_ERROR_CORRUPT,
  SEG_STORE_ERROR_LOCKED,
  SEG_STORE_ERROR_READ_ONLY,
  SEG_STORE_ERROR_DISK_FULL,
  SEG_STORE_ERROR_INVALID,
  SEG_STORE_ERROR_FAILED,
} SegStoreError;

/* The schema version this build writes; PRAGMA user_version holds it. */
#define SEG_STORE_SCHEMA_VERSION 2
/* PRAGMA application_id: "SEGS", so a store is told from any other SQLite file. */
#define SEG_STORE_APPLICATION_ID 0x53454753

typedef struct
{
  gint64 contacts;          /* every customer row */
  gint64 buyers;            /* customers with at least one counted order */
  gint64 orders;            /* counted orders (not cancelled / voided) */
  gint64 guest_orders;      /* counted orders without a customer */
  gint64 revenue_cents;     /* net of refunds, counted orders */
  gint64 returning_revenue_cents; /* from customers' second and later orders */
  gint64 checkouts;         /* abandoned checkouts */
  gint64 segments;
} SegStoreStats;

#define SEG_TYPE_STORE (seg_store_get_type ())

G_DECLARE_FINAL_TYPE (SegStore, seg_store, SEG, STORE, GObject)

GQuark      seg_store_error_quark          (void);

SegStore   *seg_store_create               (const char     *path,
                                            const char     *name,
                                            const char     *currency,
                                            GError        **error);
SegStore   *seg_store_open                 (const char     *path,
                                            GError        **error);
const char *seg_store_get_path             (SegStore       *self);
sqlite3    *seg_store_get_db               (SegStore       *self);
sqlite3    *seg_store_open_connection      (SegStore       *self,
                                            GError        **error);

char       *seg_store_dup_setting          (SegStore       *self,
                                            const char     *key);
gboolean    seg_store_set_setting          (SegStore       *self,
                                            const char     *key,
                                            const char     *value,
                                            GError        **error);
char       *seg_store_dup_name             (SegStore       *self);
char       *seg_store_dup_currency         (SegStore       *self);
gint32      seg_store_get_reference_day    (SegStore       *self);

gboolean    seg_store_begin                (SegStore       *self,
                                            GError        **error);
gboolean    seg_store_commit               (SegStore       *self,
                                            GError        **error);
void        seg_store_rollback             (SegStore       *self);
gboolean    seg_store_exec                 (SegStore       *self,
                                            const char     *sql,
                                            GError        **error);
sqlite3_stmt *seg_store_prepare            (SegStore       *self,
                                            const char     *sql,
                                            GError        **error);
gboolean    seg_store_set_error_from_db    (SegStore       *self,
                                            int             rc,
                                            GError        **error);

gboolean    seg_store_get_stats            (SegStore       *self,
                                            gint32          as_of_day,
                                            SegStoreStats  *stats,
                                            GError        **error);

/* Emitted (on the thread that caused it) after an import or any change that
 * invalidates counts, so that views can refresh. */
void        seg_store_emit_changed         (SegStore       *self);

G_END_DECLS
