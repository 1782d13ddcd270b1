/* seg-template.h — ready-made segments from the guide
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "seg-segment.h"
#include "seg-store.h"

G_BEGIN_DECLS

typedef enum
{
  SEG_TEMPLATE_KIND_CORE,   /* the five segments a new store starts with */
  SEG_TEMPLATE_KIND_MORE,   /* lifecycle and email templates */
  SEG_TEMPLATE_KIND_RFM,    /* one per RFM group */
} SegTemplateKind;

typedef struct _SegTemplate SegTemplate;

guint               seg_template_get_n_templates  (void);
const SegTemplate  *seg_template_get_nth          (guint              index);
const SegTemplate  *seg_template_lookup           (const char        *id);
const char         *seg_template_get_id           (const SegTemplate *self);
SegTemplateKind     seg_template_get_kind         (const SegTemplate *self);
const char         *seg_template_get_name         (const SegTemplate *self);
const char         *seg_template_get_description  (const SegTemplate *self);
const char         *seg_template_get_rule         (const SegTemplate *self);
const char         *seg_template_get_color        (const SegTemplate *self);
const char         *seg_template_get_notes        (const SegTemplate *self);
SegSegment         *seg_template_create_segment   (const SegTemplate *self);
SegSegment         *seg_template_add_to_store     (const SegTemplate *self,
                                                   SegStore          *store,
                                                   GError           **error);

gboolean            seg_templates_add_starter_set (SegStore          *store,
                                                   GError           **error);

G_END_DECLS
