/* seg-window.h — a window on one store (or the welcome screen)
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seg-application.h"
#include "seg-customers-page.h"
#include "seg-overview-page.h"
#include "seg-store.h"
#include "seg-welcome.h"

G_BEGIN_DECLS

#define SEG_TYPE_WINDOW (seg_window_get_type ())

G_DECLARE_FINAL_TYPE (SegWindow, seg_window, SEG, WINDOW, AdwApplicationWindow)

/* What another part of the app does when one of the window's actions that it
 * owns ("import", "print-report", "export-report") is activated. */
typedef void (*SegWindowActionHook) (SegWindow *window,
                                     GVariant  *parameter);

SegWindow        *seg_window_new                  (SegApplication  *application);

SegStore         *seg_window_get_store            (SegWindow       *self);
void              seg_window_set_store            (SegWindow       *self,
                                                   SegStore        *store);
gboolean          seg_window_is_empty             (SegWindow       *self);
gboolean          seg_window_get_busy             (SegWindow       *self);

void              seg_window_open_store           (SegWindow       *self,
                                                   const char      *path);
void              seg_window_create_store         (SegWindow       *self,
                                                   const char      *path);
void              seg_window_create_demo          (SegWindow       *self,
                                                   const char      *path);
void              seg_window_refresh              (SegWindow       *self);

void              seg_window_add_toast            (SegWindow       *self,
                                                   AdwToast        *toast);
void              seg_window_add_page             (SegWindow       *self,
                                                   const char      *name,
                                                   const char      *title,
                                                   GtkWidget       *page);
void              seg_window_show_page            (SegWindow       *self,
                                                   const char      *name);
const char       *seg_window_get_page             (SegWindow       *self);

GtkListBox       *seg_window_get_segment_list     (SegWindow       *self);
void              seg_window_bind_segments        (SegWindow       *self,
                                                   GListModel      *segments,
                                                   GtkListBoxCreateWidgetFunc create_row,
                                                   gpointer         user_data,
                                                   GDestroyNotify   user_data_free);

SegWelcome       *seg_window_get_welcome          (SegWindow       *self);
SegOverviewPage  *seg_window_get_overview_page    (SegWindow       *self);
SegCustomersPage *seg_window_get_customers_page   (SegWindow       *self);

void              seg_window_install_action_hook  (const char          *action_name,
                                                   SegWindowActionHook  hook);

G_END_DECLS
