/* seg-rule.h — a segment's rule: a tree of groups and conditions
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "seg-field.h"
#include "seg-rule-condition.h"
#include "seg-rule-group.h"

G_BEGIN_DECLS

#define SEG_RULE_ERROR (seg_rule_error_quark ())

typedef enum
{
  SEG_RULE_ERROR_SYNTAX,         /* the text form does not parse */
  SEG_RULE_ERROR_UNKNOWN_FIELD,
  SEG_RULE_ERROR_INVALID,        /* a condition does not fit its field */
  SEG_RULE_ERROR_FAILED,         /* the database could not run the rule */
} SegRuleError;

#define SEG_TYPE_RULE (seg_rule_get_type ())

G_DECLARE_FINAL_TYPE (SegRule, seg_rule, SEG, RULE, GObject)

GQuark        seg_rule_error_quark     (void);

SegRule      *seg_rule_new             (void);
SegRule      *seg_rule_new_for_root    (SegRuleGroup  *root);
SegRule      *seg_rule_new_from_text   (const char    *text,
                                        GError       **error);
SegRule      *seg_rule_copy            (SegRule       *self);
gboolean      seg_rule_equal           (SegRule       *self,
                                        SegRule       *other);
SegRuleGroup *seg_rule_get_root        (SegRule       *self);
void          seg_rule_set_root        (SegRule       *self,
                                        SegRuleGroup  *root);
char         *seg_rule_to_text         (SegRule       *self);
gboolean      seg_rule_validate        (SegRule       *self,
                                        GError       **error);
gboolean      seg_rule_condition_validate (SegRuleCondition *condition,
                                        GError       **error);
char         *seg_rule_normalize_value (const SegField *field,
                                        SegRuleOperator op,
                                        const char    *value,
                                        GError       **error);

G_END_DECLS
