/* seg-rule-builder.h — a rule point and click, with its live count
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "seg-rule.h"
#include "seg-store.h"

G_BEGIN_DECLS

#define SEG_TYPE_RULE_BUILDER (seg_rule_builder_get_type ())

G_DECLARE_FINAL_TYPE (SegRuleBuilder, seg_rule_builder, SEG, RULE_BUILDER, GtkWidget)

GtkWidget *seg_rule_builder_new             (void);
SegStore  *seg_rule_builder_get_store       (SegRuleBuilder  *self);
void       seg_rule_builder_set_store       (SegRuleBuilder  *self,
                                             SegStore        *store);
SegRule   *seg_rule_builder_get_rule        (SegRuleBuilder  *self);
void       seg_rule_builder_set_rule        (SegRuleBuilder  *self,
                                             SegRule         *rule);
gboolean   seg_rule_builder_set_text        (SegRuleBuilder  *self,
                                             const char      *text,
                                             GError         **error);
char      *seg_rule_builder_dup_text        (SegRuleBuilder  *self);
void       seg_rule_builder_recount         (SegRuleBuilder  *self);

gboolean   seg_rule_builder_get_counting    (SegRuleBuilder  *self);
gint64     seg_rule_builder_get_count       (SegRuleBuilder  *self);
GtkLabel  *seg_rule_builder_get_count_label (SegRuleBuilder  *self);
GtkEntry  *seg_rule_builder_get_text_entry  (SegRuleBuilder  *self);
GtkLabel  *seg_rule_builder_get_text_error_label (SegRuleBuilder *self);
GPtrArray *seg_rule_builder_dup_rows        (SegRuleBuilder  *self);

G_END_DECLS
