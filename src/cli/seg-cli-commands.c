/* seg-cli-commands.c — the list of segments-cli commands beyond new/demo/stats
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "seg-cli-commands.h"
#include "seg-cli-segments.h"

/* Each seg-cli-*.c file defines its commands' run functions. */

int seg_cli_command_report (int argc, char **argv);  /* seg-cli-report.c */
int seg_cli_command_preview (int argc, char **argv); /* seg-cli-import.c */
int seg_cli_command_import (int argc, char **argv);  /* seg-cli-import.c */
int seg_cli_command_chart (int argc, char **argv);   /* seg-cli-chart.c */
const SegCliCommand seg_cli_extra_commands[] = {
  { "segments", N_("List the segments with their figures and warnings"), seg_cli_command_segments },
  { "count", N_("Count the customers a rule matches"), seg_cli_command_count },
  { "rfm", N_("Print the RFM cut points and group sizes"), seg_cli_command_rfm },
  { "add", N_("Add a segment"), seg_cli_command_add },
  { "templates", N_("List the segment templates"), seg_cli_command_templates },
  { "export", N_("Export a segment’s members as CSV"), seg_cli_command_export },
  { "overlap", N_("Print how many customers segments share"), seg_cli_command_overlap },
  { "report", N_("Write the segment report as PDF"), seg_cli_command_report },
  { "preview", N_("Show how an export file is read and which format it is"),
    seg_cli_command_preview },
  { "import", N_("Import store exports (Shopify, WooCommerce, Klaviyo, Mailchimp, CSV)"),
    seg_cli_command_import },
  { "chart", N_("Draw a dashboard chart to PNG, SVG or PDF"), seg_cli_command_chart },
  { NULL, NULL, NULL }
};
