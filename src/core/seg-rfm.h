/* seg-rfm.h — recency, frequency and monetary scores and the eleven groups
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RFM exactly as DESIGN.md defines it: over customers with at least one
 * counted order, cut points at the 20th/40th/60th/80th percentiles (type 7
 * quantiles), F and M score = 1 + cut points strictly below the value,
 * R score = 5 - cut points strictly below the days since the last order.
 */

#pragma once

#include <glib-object.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define SEG_RFM_ERROR (seg_rfm_error_quark ())

typedef enum
{
  SEG_RFM_ERROR_FAILED,
} SegRfmError;

/* The order is the display order of the groups, best first; Prospects
 * (no counted order, no scores) comes last. */
typedef enum
{
  SEG_RFM_GROUP_CHAMPIONS,
  SEG_RFM_GROUP_LOYAL,
  SEG_RFM_GROUP_POTENTIAL_LOYALIST,
  SEG_RFM_GROUP_NEW_CUSTOMERS,
  SEG_RFM_GROUP_PROMISING,
  SEG_RFM_GROUP_NEED_ATTENTION,
  SEG_RFM_GROUP_ABOUT_TO_SLEEP,
  SEG_RFM_GROUP_AT_RISK,
  SEG_RFM_GROUP_CANT_LOSE_THEM,
  SEG_RFM_GROUP_HIBERNATING,
  SEG_RFM_GROUP_LOST,
  SEG_RFM_GROUP_PROSPECTS,
} SegRfmGroup;

#define SEG_RFM_N_GROUPS (SEG_RFM_GROUP_PROSPECTS + 1)
#define SEG_RFM_GROUP_INVALID ((SegRfmGroup) -1)

/* The cut points, as shown to the user, and what applying them gave. */
typedef struct
{
  gint32 ref_day;
  gint64 buyers;                 /* customers with at least one counted order */
  double recency[4];             /* days since the last order */
  double frequency[4];           /* counted orders */
  double monetary[4];            /* net revenue, cents */
  gint64 customers[SEG_RFM_N_GROUPS];
  gint64 revenue_cents[SEG_RFM_N_GROUPS];
} SegRfmResult;

/* One buyer's scores, 1 to 5 each, and group. */
typedef struct
{
  guint8      r;
  guint8      f;
  guint8      m;
  SegRfmGroup group;
} SegRfmScore;

#define SEG_TYPE_RFM_RESULT (seg_rfm_result_get_type ())

GType          seg_rfm_result_get_type        (void) G_GNUC_CONST;
SegRfmResult  *seg_rfm_result_copy            (const SegRfmResult *result);
void           seg_rfm_result_free            (SegRfmResult       *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegRfmResult, seg_rfm_result_free)

GQuark         seg_rfm_error_quark            (void);

double         seg_quantile_type7             (const double       *sorted,
                                               gsize               n,
                                               double              p);
void           seg_rfm_cut_points             (double             *values,
                                               gsize               n,
                                               double              cuts[4]);
int            seg_rfm_score_ascending        (double              value,
                                               const double        cuts[4]);
int            seg_rfm_score_recency          (double              days,
                                               const double        cuts[4]);

SegRfmGroup    seg_rfm_group_for_scores       (int                 r,
                                               int                 f,
                                               int                 m);
const char    *seg_rfm_group_to_string        (SegRfmGroup         group);
SegRfmGroup    seg_rfm_group_from_string      (const char         *name);
const char    *seg_rfm_group_get_title        (SegRfmGroup         group);
const char    *seg_rfm_group_get_description  (SegRfmGroup         group);
const char    *seg_rfm_group_get_action       (SegRfmGroup         group);
const char    *seg_rfm_group_get_combinations (SegRfmGroup         group);

void           seg_rfm_score                  (const double       *days,
                                               const double       *orders,
                                               const double       *revenue_cents,
                                               gsize               n,
                                               SegRfmResult       *result,
                                               SegRfmScore        *out_scores);
gboolean       seg_rfm_save_cuts              (sqlite3            *db,
                                               const SegRfmResult *result,
                                               GError            **error);

gboolean       seg_rfm_apply                  (sqlite3            *db,
                                               gint32              ref_day,
                                               SegRfmResult       *out_result,
                                               GError            **error);
gboolean       seg_rfm_load                   (sqlite3            *db,
                                               SegRfmResult       *out_result,
                                               GError            **error);

G_END_DECLS
