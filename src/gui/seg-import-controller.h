/* seg-import-controller.h — how the store window opens the import wizard
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Gives win.import its behaviour and lets every store window take dropped
 * files; call once, at application startup. */
void seg_import_controller_install (GtkApplication *application);

G_END_DECLS
