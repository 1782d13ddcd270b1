/* seg-import-column-row.h — one column of the file and the field it feeds
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seg-import-wizard-model.h"

G_BEGIN_DECLS

#define SEG_TYPE_IMPORT_COLUMN_ROW (seg_import_column_row_get_type ())

G_DECLARE_FINAL_TYPE (SegImportColumnRow, seg_import_column_row, SEG, IMPORT_COLUMN_ROW, AdwActionRow)

/* @choices: a seg_import_field_choice_list_new() list, shared by the rows. */
GtkWidget   *seg_import_column_row_new          (SegImportWizardModel *model,
                                                 guint                 column,
                                                 GListModel           *choices);
guint        seg_import_column_row_get_column   (SegImportColumnRow   *self);
GtkDropDown *seg_import_column_row_get_drop_down (SegImportColumnRow  *self);

G_END_DECLS
