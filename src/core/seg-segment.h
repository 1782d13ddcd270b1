/* seg-segment.h — a named group of customers defined by a rule
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SEG_TYPE_SEGMENT (seg_segment_get_type ())

G_DECLARE_FINAL_TYPE (SegSegment, seg_segment, SEG, SEGMENT, GObject)

SegSegment *seg_segment_new              (const char *name,
                                          const char *rule);
SegSegment *seg_segment_copy             (SegSegment *self);

gint64      seg_segment_get_id           (SegSegment *self);
void        seg_segment_set_id           (SegSegment *self,
                                          gint64      id);
const char *seg_segment_get_name         (SegSegment *self);
void        seg_segment_set_name         (SegSegment *self,
                                          const char *name);
const char *seg_segment_get_rule         (SegSegment *self);
void        seg_segment_set_rule         (SegSegment *self,
                                          const char *rule);
const char *seg_segment_get_color        (SegSegment *self);
void        seg_segment_set_color        (SegSegment *self,
                                          const char *color);
int         seg_segment_get_priority     (SegSegment *self);
void        seg_segment_set_priority     (SegSegment *self,
                                          int         priority);
const char *seg_segment_get_notes        (SegSegment *self);
void        seg_segment_set_notes        (SegSegment *self,
                                          const char *notes);
const char *seg_segment_get_template_id  (SegSegment *self);
void        seg_segment_set_template_id  (SegSegment *self,
                                          const char *template_id);
const char *seg_segment_get_created_at   (SegSegment *self);
void        seg_segment_set_created_at   (SegSegment *self,
                                          const char *created_at);
const char *seg_segment_get_reviewed_at  (SegSegment *self);
void        seg_segment_set_reviewed_at  (SegSegment *self,
                                          const char *reviewed_at);

gint32      seg_segment_get_created_day  (SegSegment *self);
gint32      seg_segment_get_reviewed_day (SegSegment *self);

G_END_DECLS
