/* seg-import-wizard.h — the window that brings a store export in
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seg-import-wizard-model.h"
#include "seg-store.h"

G_BEGIN_DECLS

#define SEG_TYPE_IMPORT_WIZARD (seg_import_wizard_get_type ())

G_DECLARE_FINAL_TYPE (SegImportWizard, seg_import_wizard, SEG, IMPORT_WIZARD, AdwWindow)

/* @parent: the store window (a SegWindow refreshes and shows a toast when
 * the import is done), or NULL. */
SegImportWizard      *seg_import_wizard_new        (GtkWindow       *parent,
                                                    SegStore        *store);
SegImportWizardModel *seg_import_wizard_get_model  (SegImportWizard *self);
/* Starts at the Preview step with @file (a dropped file, say). */
void                  seg_import_wizard_open_file  (SegImportWizard *self,
                                                    GFile           *file);

G_END_DECLS
