/* seg-template-dialog.h — New Segment: the guide's templates or a blank one
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seg-segment.h"
#include "seg-store.h"
#include "seg-template.h"

G_BEGIN_DECLS

#define SEG_TYPE_TEMPLATE_DIALOG (seg_template_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SegTemplateDialog, seg_template_dialog, SEG, TEMPLATE_DIALOG, AdwWindow)

GtkWidget  *seg_template_dialog_new             (SegStore          *store);
SegSegment *seg_template_dialog_use             (SegTemplateDialog *self,
                                                 const char        *template_id,
                                                 GError           **error);

char       *seg_segment_dup_unique_name         (SegStore          *store,
                                                 const char        *name);
SegSegment *seg_segment_create_from_template    (SegStore          *store,
                                                 const SegTemplate *template,
                                                 GError           **error);

G_END_DECLS
