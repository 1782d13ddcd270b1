/* seg-import-field-choice.h — one entry of the column mapping drop-down
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seg-import-mapping.h"

G_BEGIN_DECLS

#define SEG_TYPE_IMPORT_FIELD_CHOICE (seg_import_field_choice_get_type ())

G_DECLARE_FINAL_TYPE (SegImportFieldChoice, seg_import_field_choice, SEG, IMPORT_FIELD_CHOICE, GObject)

/* A field ("email", "ignore", "attribute"), or a group's heading when
 * is_heading is TRUE. */
SegImportFieldId     seg_import_field_choice_get_field      (SegImportFieldChoice *self);
const char          *seg_import_field_choice_get_label      (SegImportFieldChoice *self);
gboolean             seg_import_field_choice_get_is_heading (SegImportFieldChoice *self);

/* Don't import, Custom attribute, then each group's heading and fields. */
GListModel          *seg_import_field_choice_list_new       (void);
/* The position of @field in such a list. */
guint                seg_import_field_choice_list_find      (GListModel           *list,
                                                             SegImportFieldId      field);

G_END_DECLS
