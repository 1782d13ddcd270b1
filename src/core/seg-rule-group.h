/* seg-rule-group.h — "all of" / "any of" a list of conditions and groups
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seg-rule-condition.h"

G_BEGIN_DECLS

typedef enum
{
  SEG_RULE_MATCH_ALL,
  SEG_RULE_MATCH_ANY,
} SegRuleMatch;

GType seg_rule_match_get_type (void) G_GNUC_CONST;
#define SEG_TYPE_RULE_MATCH (seg_rule_match_get_type ())

#define SEG_TYPE_RULE_GROUP (seg_rule_group_get_type ())

G_DECLARE_FINAL_TYPE (SegRuleGroup, seg_rule_group, SEG, RULE_GROUP, GObject)

SegRuleGroup   *seg_rule_group_new          (SegRuleMatch   match);
SegRuleGroup   *seg_rule_group_copy         (SegRuleGroup  *self);
gboolean        seg_rule_group_equal        (SegRuleGroup  *self,
                                             SegRuleGroup  *other);

SegRuleMatch    seg_rule_group_get_match    (SegRuleGroup  *self);
void            seg_rule_group_set_match    (SegRuleGroup  *self,
                                             SegRuleMatch   match);
gboolean        seg_rule_group_get_negated  (SegRuleGroup  *self);
void            seg_rule_group_set_negated  (SegRuleGroup  *self,
                                             gboolean       negated);

guint           seg_rule_group_get_n_children (SegRuleGroup *self);
GObject        *seg_rule_group_get_child    (SegRuleGroup  *self,
                                             guint          position);
void            seg_rule_group_append       (SegRuleGroup  *self,
                                             GObject       *child);
void            seg_rule_group_insert       (SegRuleGroup  *self,
                                             guint          position,
                                             GObject       *child);
void            seg_rule_group_remove       (SegRuleGroup  *self,
                                             guint          position);
void            seg_rule_group_remove_all   (SegRuleGroup  *self);

G_END_DECLS
