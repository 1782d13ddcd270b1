/* seg-cli-report.c — segments-cli report: the segment report as PDF
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "segments-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "seg-cli-commands.h"
#include "seg-report.h"

int seg_cli_command_report (int    argc,
                            char **argv);

int
seg_cli_command_report (int    argc,
                        char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("STORE — write the segment report as PDF"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SegStore) store = NULL;
  g_autofree char *output = NULL;
  g_autofree char *as_of = NULL;
  g_autofree char *paper = NULL;
  g_auto(GStrv) segments = NULL;
  gboolean landscape = FALSE;
  SegReportOptions options;
  gint32 day;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The PDF file to write"), N_("FILE.pdf") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of,
      N_("Report as of this day (default: the store’s reference date)"), N_("YYYY-MM-DD") },
    { "segment", 0, 0, G_OPTION_ARG_STRING_ARRAY, &segments,
      N_("Include this segment (repeat for more; default: all)"), N_("NAME") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper,
      N_("Paper size: a4 or letter (default: a4)"), N_("SIZE") },
    { "landscape", 0, 0, G_OPTION_ARG_NONE, &landscape,
      N_("Turn the pages sideways"), NULL },
    { NULL }
  };

  if (!seg_cli_parse_options (context, entries, &argc, &argv, 2, _("Name the store file.")))
    return 2;
  if (output == NULL)
    return seg_cli_usage_error (context, _("Name the PDF file to write with -o FILE.pdf."));

  seg_report_options_init (&options);
  if (paper != NULL && !seg_report_paper_size_from_string (paper, &options.paper))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not a paper size. Use a4 or letter."), paper);

      return seg_cli_usage_error (context, message);
    }
  options.landscape = landscape;
  options.segments = (const char * const *) segments;

  store = seg_cli_open_store (argv[1], as_of, &day, &error);
  if (store == NULL)
    return seg_cli_fail (error);
  options.as_of_day = day;

  if (!seg_report_write_pdf (store, &options, output, NULL, &error))
    return seg_cli_fail (error);

  return 0;
}
