/* seg-rule-row.h — one condition of the rule builder: field · operator · value
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "seg-rule-condition.h"

G_BEGIN_DECLS

#define SEG_TYPE_RULE_ROW (seg_rule_row_get_type ())

G_DECLARE_FINAL_TYPE (SegRuleRow, seg_rule_row, SEG, RULE_ROW, GtkWidget)

GtkWidget        *seg_rule_row_new                (SegRuleCondition *condition);
SegRuleCondition *seg_rule_row_get_condition      (SegRuleRow       *self);
GtkWidget        *seg_rule_row_get_field_button   (SegRuleRow       *self);
GtkDropDown      *seg_rule_row_get_operator_drop_down (SegRuleRow   *self);
GtkWidget        *seg_rule_row_get_value_editor   (SegRuleRow       *self,
                                                   guint             index);
void              seg_rule_row_set_field          (SegRuleRow       *self,
                                                   const char       *field_id);
void              seg_rule_row_set_operator       (SegRuleRow       *self,
                                                   SegRuleOperator   op);

G_END_DECLS
