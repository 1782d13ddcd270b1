/* seg-campaigns-page.h — the results of the store's email campaigns
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seg-store.h"

G_BEGIN_DECLS

#define SEG_TYPE_CAMPAIGNS_PAGE (seg_campaigns_page_get_type ())

G_DECLARE_FINAL_TYPE (SegCampaignsPage, seg_campaigns_page, SEG, CAMPAIGNS_PAGE, GtkWidget)

void  seg_campaigns_page_set_store   (SegCampaignsPage *self,
                                      SegStore         *store);
void  seg_campaigns_page_reload      (SegCampaignsPage *self);
guint seg_campaigns_page_get_n_campaigns (SegCampaignsPage *self);

G_END_DECLS
