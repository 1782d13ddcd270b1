/* seg-cli-segments.h — segments-cli commands for segments, counts, RFM and export
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int seg_cli_command_segments  (int argc, char **argv);
int seg_cli_command_count     (int argc, char **argv);
int seg_cli_command_rfm       (int argc, char **argv);
int seg_cli_command_add       (int argc, char **argv);
int seg_cli_command_templates (int argc, char **argv);
int seg_cli_command_export    (int argc, char **argv);
int seg_cli_command_overlap   (int argc, char **argv);

G_END_DECLS
