/* seg-preferences-window.h — the store's and the app's settings
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seg-application.h"

G_BEGIN_DECLS

typedef struct _SegWindow SegWindow;

#define SEG_TYPE_PREFERENCES_WINDOW (seg_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (SegPreferencesWindow, seg_preferences_window, SEG, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

SegPreferencesWindow *seg_preferences_window_new (SegApplication *application,
                                                  SegWindow      *window);

G_END_DECLS
