/* seg-rule-condition.h — one condition of a rule: field, operator, values
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "seg-field.h"

G_BEGIN_DECLS

#define SEG_TYPE_RULE_CONDITION (seg_rule_condition_get_type ())

G_DECLARE_FINAL_TYPE (SegRuleCondition, seg_rule_condition, SEG, RULE_CONDITION, GObject)

SegRuleCondition   *seg_rule_condition_new            (const char         *field,
                                                       SegRuleOperator     op,
                                                       const char * const *values);
SegRuleCondition   *seg_rule_condition_copy           (SegRuleCondition   *self);
gboolean            seg_rule_condition_equal          (SegRuleCondition   *self,
                                                       SegRuleCondition   *other);

const char         *seg_rule_condition_get_field      (SegRuleCondition   *self);
void                seg_rule_condition_set_field      (SegRuleCondition   *self,
                                                       const char         *field);
const SegField     *seg_rule_condition_lookup_field   (SegRuleCondition   *self);
const char         *seg_rule_condition_get_attribute  (SegRuleCondition   *self);
void                seg_rule_condition_set_attribute  (SegRuleCondition   *self,
                                                       const char         *attribute);
SegRuleOperator     seg_rule_condition_get_operator   (SegRuleCondition   *self);
void                seg_rule_condition_set_operator   (SegRuleCondition   *self,
                                                       SegRuleOperator     op);
const char * const *seg_rule_condition_get_values     (SegRuleCondition   *self);
void                seg_rule_condition_set_values     (SegRuleCondition   *self,
                                                       const char * const *values);
guint               seg_rule_condition_get_n_values   (SegRuleCondition   *self);
const char         *seg_rule_condition_get_value      (SegRuleCondition   *self,
                                                       guint               index);
guint               seg_rule_condition_get_period_days (SegRuleCondition  *self);
void                seg_rule_condition_set_period_days (SegRuleCondition  *self,
                                                       guint               period_days);
gboolean            seg_rule_condition_get_negated    (SegRuleCondition   *self);
void                seg_rule_condition_set_negated    (SegRuleCondition   *self,
                                                       gboolean            negated);

G_END_DECLS
