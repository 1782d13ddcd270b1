/* seg-rule-describe.h — a rule in plain words
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "seg-rule.h"

G_BEGIN_DECLS

char *seg_rule_describe            (SegRule          *rule);
char *seg_rule_describe_condition  (SegRuleCondition *condition);

G_END_DECLS
