/* seg-rule-parser.h — a rule's text form, both ways
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "seg-rule-group.h"

G_BEGIN_DECLS

SegRuleGroup *seg_rule_parse            (const char        *text,
                                         GError           **error);
char         *seg_rule_print            (SegRuleGroup      *root);
char         *seg_rule_print_condition  (SegRuleCondition  *condition);

G_END_DECLS
