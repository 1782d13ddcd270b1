/* seg-cli-commands.c — the list of segments-cli commands beyond new/demo/stats
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "seg-cli-commands.h"

/* Each seg-cli-*.c file defines its commands' run functions. */

const SegCliCommand seg_cli_extra_commands[] = {
  { NULL, NULL, NULL }
};
