/* seg-customers-page.h — the customer list
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seg-customer-model.h"
#include "seg-store.h"

G_BEGIN_DECLS

#define SEG_TYPE_CUSTOMERS_PAGE (seg_customers_page_get_type ())

G_DECLARE_FINAL_TYPE (SegCustomersPage, seg_customers_page, SEG, CUSTOMERS_PAGE, GtkWidget)

void              seg_customers_page_set_store (SegCustomersPage *self,
                                                SegStore         *store);
void              seg_customers_page_reload    (SegCustomersPage *self);
SegCustomerModel *seg_customers_page_get_model (SegCustomersPage *self);

G_END_DECLS
