/* seg-segment-list.h — a store's segments: saving, ordering, evaluating
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The segments of a store are kept in its segments table in priority order
 * (0 = highest).  A customer may match several segments; the first one in
 * priority order is the customer's *primary* segment.
 *
 * Evaluation runs every segment's compiled rule once, builds a bitmask of
 * segment membership per customer in memory and derives everything from it
 * in one pass: sizes, revenue, repeat rate, primary customers and the
 * overlap matrix.
 */

#pragma once

#include <gio/gio.h>

#include "seg-rule.h"
#include "seg-segment.h"
#include "seg-store.h"

G_BEGIN_DECLS

#define SEG_SEGMENTS_ERROR (seg_segments_error_quark ())

typedef enum
{
  SEG_SEGMENTS_ERROR_INVALID_NAME,   /* empty or too long */
  SEG_SEGMENTS_ERROR_NAME_EXISTS,
  SEG_SEGMENTS_ERROR_NOT_FOUND,
  SEG_SEGMENTS_ERROR_INVALID,        /* a bad argument: sort column, order list */
  SEG_SEGMENTS_ERROR_FAILED,
} SegSegmentsError;

typedef enum
{
  SEG_SEGMENT_WARNING_NONE         = 0,
  SEG_SEGMENT_WARNING_TOO_SMALL    = 1 << 0, /* fewer members than the threshold */
  SEG_SEGMENT_WARNING_NOT_REVIEWED = 1 << 1, /* not reviewed for 90 days */
  SEG_SEGMENT_WARNING_TOO_MANY     = 1 << 2, /* beyond what the data supports */
  SEG_SEGMENT_WARNING_INVALID_RULE = 1 << 3, /* the saved rule no longer parses */
} SegSegmentWarnings;

typedef enum
{
  SEG_STORE_STAGE_BEGINNER,      /* no counted order yet */
  SEG_STORE_STAGE_INTERMEDIATE,  /* orders, but fewer than 500 buyers */
  SEG_STORE_STAGE_ADVANCED,      /* 500 buyers or more: RFM groups pay off */
} SegStoreStage;

/* Guidance thresholds; seg_segments_options_init () sets the defaults. */
typedef struct
{
  gint64  min_customers;     /* "too small" below this; default 100 */
  int     review_days;       /* "not reviewed" after this; default 90 */
  gint32  today;             /* for review ages; default seg_day_today () */
} SegSegmentsOptions;

typedef struct
{
  gint64             segment_id;
  gint64             customers;
  gint64             revenue_cents;      /* net, of members' counted orders */
  gint64             orders;             /* counted orders of members */
  gint64             repeat_customers;   /* members with 2 or more orders */
  gint64             primary_customers;  /* members whose primary segment this is */
  double             share;              /* of all customers, 0 to 1 */
  double             revenue_share;      /* of all customers' revenue, 0 to 1 */
  gint64             aov_cents;          /* revenue / orders; 0 without orders */
  double             repeat_rate;        /* repeat_customers / customers, 0 to 1 */
  SegSegmentWarnings warnings;
} SegSegmentFigures;

typedef struct _SegEvaluation SegEvaluation;

GQuark          seg_segments_error_quark     (void);
void            seg_segments_options_init    (SegSegmentsOptions *options);

/* Loading and editing */
GPtrArray      *seg_segments_load            (SegStore       *store,
                                              GError        **error);
GListModel     *seg_segments_load_model      (SegStore       *store,
                                              GError        **error);
SegSegment     *seg_segments_lookup          (SegStore       *store,
                                              const char     *name,
                                              GError        **error);
SegSegment     *seg_segments_lookup_by_id    (SegStore       *store,
                                              gint64          id,
                                              GError        **error);
char           *seg_segments_check_rule      (const char     *rule_text,
                                              GError        **error);
gboolean        seg_segments_add             (SegStore       *store,
                                              SegSegment     *segment,
                                              GError        **error);
gboolean        seg_segments_update          (SegStore       *store,
                                              SegSegment     *segment,
                                              GError        **error);
SegSegment     *seg_segments_delete          (SegStore       *store,
                                              gint64          id,
                                              GError        **error);
gboolean        seg_segments_restore         (SegStore       *store,
                                              SegSegment     *segment,
                                              GError        **error);
gboolean        seg_segments_reorder         (SegStore       *store,
                                              const gint64   *ids,
                                              guint           n_ids,
                                              GError        **error);
gboolean        seg_segments_move            (SegStore       *store,
                                              gint64          id,
                                              guint           position,
                                              GError        **error);
gboolean        seg_segments_mark_reviewed   (SegStore       *store,
                                              gint64          id,
                                              GDateTime      *when,
                                              GError        **error);

/* Evaluating */
SegEvaluation  *seg_segments_evaluate_all    (SegStore                 *store,
                                              gint32                    ref_day,
                                              const SegSegmentsOptions *options,
                                              GCancellable             *cancellable,
                                              GError                  **error);
gboolean        seg_segments_evaluate        (SegStore                 *store,
                                              SegSegment               *segment,
                                              gint32                    ref_day,
                                              const SegSegmentsOptions *options,
                                              SegSegmentFigures        *figures,
                                              GError                  **error);
GArray         *seg_segments_query_members   (SegStore       *store,
                                              SegRule        *rule,
                                              gint32          ref_day,
                                              const char     *order_by,
                                              gboolean        descending,
                                              gint64          limit,
                                              gint64          offset,
                                              GError        **error);
const char * const *seg_segments_get_sort_columns (void);
gboolean        seg_segments_snapshot        (SegStore       *store,
                                              gint32          day,
                                              GError        **error);
gboolean        seg_segments_record_snapshot (SegStore       *store,
                                              SegEvaluation  *evaluation,
                                              gint32          day,
                                              GError        **error);

gint64          seg_segments_get_max_supported (gint64        customers,
                                                gint64        min_customers);
char           *seg_segments_warning_dup_message (SegSegmentWarnings  warning,
                                                  SegEvaluation      *evaluation,
                                                  guint               index);
const char     *seg_segments_warning_to_string   (SegSegmentWarnings  warning);

SegStoreStage   seg_store_stage_for_buyers   (gint64          buyers);
const char     *seg_store_stage_to_string    (SegStoreStage   stage);
const char     *seg_store_stage_get_title    (SegStoreStage   stage);
const char     *seg_store_stage_get_hint     (SegStoreStage   stage);

/* The result of an evaluation */
void            seg_evaluation_free              (SegEvaluation *self);
gint32          seg_evaluation_get_ref_day       (SegEvaluation *self);
guint           seg_evaluation_get_n_segments    (SegEvaluation *self);
SegSegment     *seg_evaluation_get_segment       (SegEvaluation *self,
                                                  guint          index);
const SegSegmentFigures *seg_evaluation_get_figures (SegEvaluation *self,
                                                  guint          index);
int             seg_evaluation_find              (SegEvaluation *self,
                                                  gint64         segment_id);
gint64          seg_evaluation_get_overlap       (SegEvaluation *self,
                                                  guint          a,
                                                  guint          b);
gint64          seg_evaluation_get_total_customers (SegEvaluation *self);
gint64          seg_evaluation_get_total_revenue (SegEvaluation *self);
gint64          seg_evaluation_get_buyers        (SegEvaluation *self);
gint64          seg_evaluation_get_unsegmented   (SegEvaluation *self);
gint64          seg_evaluation_get_max_supported (SegEvaluation *self);
SegStoreStage   seg_evaluation_get_stage         (SegEvaluation *self);
gint64          seg_evaluation_get_primary       (SegEvaluation *self,
                                                  gint64         customer_id);
gboolean        seg_evaluation_is_member         (SegEvaluation *self,
                                                  guint          index,
                                                  gint64         customer_id);
GArray         *seg_evaluation_dup_members       (SegEvaluation *self,
                                                  guint          index,
                                                  gboolean       primary_only);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegEvaluation, seg_evaluation_free)

G_END_DECLS
