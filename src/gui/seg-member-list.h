/* seg-member-list.h — the customers in a segment, fetched as scrolled to
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seg-rule.h"
#include "seg-store.h"

G_BEGIN_DECLS

#define SEG_TYPE_MEMBER_LIST (seg_member_list_get_type ())

G_DECLARE_FINAL_TYPE (SegMemberList, seg_member_list, SEG, MEMBER_LIST, GObject)

SegMemberList *seg_member_list_new         (SegStore      *store);
void           seg_member_list_query       (SegMemberList *self,
                                            SegRule       *rule,
                                            const char    *order_by,
                                            gboolean       descending);
gboolean       seg_member_list_get_loading (SegMemberList *self);

G_END_DECLS
