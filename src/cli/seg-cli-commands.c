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

/**
 * seg_cli_parse_options:
 * @context: the command's option context
 * @entries: its options
 * @argc: (inout): the command's argument count
 * @argv: (inout): its arguments, the command's name first
 * @n_args: how many arguments, the command's name included, it takes
 * @n_args_message: what to say when there are more or fewer
 *
 * Parses a command's options and checks how many arguments are left.
 *
 * Returns: %TRUE if the command may run; %FALSE after printing the usage,
 *   when the command exits with 2
 */
gboolean
seg_cli_parse_options (GOptionContext     *context,
                       const GOptionEntry *entries,
                       int                *argc,
                       char             ***argv,
                       int                 n_args,
                       const char         *n_args_message)
{
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      seg_cli_usage_error (context, error->message);
      return FALSE;
    }
  if (*argc != n_args)
    {
      seg_cli_usage_error (context, n_args_message);
      return FALSE;
    }

  return TRUE;
}

/* Members of the objects the --json options print. */
void
seg_cli_json_add_int (JsonBuilder *builder,
                      const char  *name,
                      gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

void
seg_cli_json_add_double (JsonBuilder *builder,
                         const char  *name,
                         double       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, value);
}

/* A NULL @value is printed as null. */
void
seg_cli_json_add_string (JsonBuilder *builder,
                         const char  *name,
                         const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
seg_cli_print_builder (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  seg_cli_print_json (root);
}
