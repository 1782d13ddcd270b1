/* seg-cli-chart.c — segments-cli chart: one dashboard chart to PNG, SVG or PDF
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "segments-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "seg-chart-renderer.h"
#include "seg-cli-commands.h"
#include "seg-dashboard.h"
#include "seg-segment-list.h"

int seg_cli_command_chart (int argc, char **argv);

static void
print_chart_list (void)
{
  for (guint i = 0; i < SEG_DASHBOARD_N_CHARTS; i++)
    g_print ("%s\t%s\n", seg_dashboard_chart_get_id (i), seg_dashboard_chart_get_title (i));
}

/* Opening a store in the app records the day's segment sizes and RFM
 * groups for the trend and movement charts; rendering them here does the
 * same, so that the CLI and the window show the same charts. */
static void
record_snapshots (SegStore *store,
                  gint32    day)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegEvaluation) evaluation = NULL;

  evaluation = seg_segments_evaluate_all (store, day, NULL, NULL, &error);
  if (evaluation == NULL ||
      !seg_segments_record_snapshot (store, evaluation, day, &error) ||
      !seg_dashboard_snapshot_rfm (seg_store_get_db (store), day, &error))
    g_debug ("Could not record the day’s snapshots: %s", error->message);
}

int
seg_cli_command_chart (int    argc,
                       char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("STORE CHART -o FILE — draw a dashboard chart to PNG, SVG or PDF"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SegStore) store = NULL;
  g_autoptr(SegDashboard) dashboard = NULL;
  g_autoptr(SegChart) chart = NULL;
  g_autofree char *as_of = NULL;
  g_autofree char *output = NULL;
  gboolean list = FALSE;
  gboolean dark = FALSE;
  int width = 800, height = 500;
  SegDashboardChart which;
  SegChartStyle style;
  gint32 day;
  const GOptionEntry entries[] = {
    { "list", 0, 0, G_OPTION_ARG_NONE, &list, N_("List the charts: id, a tab, the title"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to FILE; .png, .svg or .pdf chooses the format"), N_("FILE") },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, N_("Width in pixels or points (default: 800)"),
      N_("W") },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, N_("Height in pixels or points (default: 500)"),
      N_("H") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of,
      N_("Draw as of this day (default: the store’s reference date)"), N_("YYYY-MM-DD") },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, N_("Use the dark palette"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  {
    g_autoptr(GString) kinds = g_string_new (_("Charts:"));

    for (guint i = 0; i < SEG_DASHBOARD_N_CHARTS; i++)
      g_string_append_printf (kinds, "\n  %-20s %s", seg_dashboard_chart_get_id (i),
                              seg_dashboard_chart_get_title (i));
    g_option_context_set_description (context, kinds->str);
  }
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return seg_cli_usage_error (context, error->message);

  if (list)
    {
      if (argc != 1)
        return seg_cli_usage_error (context, _("--list takes no store or chart."));
      print_chart_list ();
      return 0;
    }

  if (argc != 3)
    return seg_cli_usage_error (context, _("Name the store file and the chart."));
  if (!seg_dashboard_chart_from_id (argv[2], &which))
    {
      g_autofree char *message =
        g_strdup_printf (_("There is no chart “%s”. See segments-cli chart --list."), argv[2]);

      return seg_cli_usage_error (context, message);
    }
  if (output == NULL)
    return seg_cli_usage_error (context, _("Say where to write the chart with -o FILE."));
  if (width < 50 || height < 50 || width > 20000 || height > 20000)
    return seg_cli_usage_error (context, _("The width and height must be between 50 and 20000."));

  store = seg_cli_open_store (argv[1], as_of, &day, &error);
  if (store == NULL)
    return seg_cli_fail (error);

  record_snapshots (store, day);

  dashboard = seg_dashboard_new (store, day);
  chart = seg_dashboard_build (dashboard, which, &error);
  if (chart == NULL)
    return seg_cli_fail (error);

  seg_chart_style_init (&style);
  style.dark = dark;
  if (!seg_chart_write_file (chart, output, width, height, &style, &error))
    return seg_cli_fail (error);

  /* The A/B chart's statements do not fit on it: say them here. */
  if (which == SEG_DASHBOARD_AB_TESTS)
    {
      g_autoptr(GPtrArray) tests = seg_dashboard_dup_ab_tests (dashboard, &error);

      if (tests == NULL)
        return seg_cli_fail (error);
      for (guint i = 0; i < tests->len; i++)
        {
          SegAbTest *test = g_ptr_array_index (tests, i);
          g_autofree char *statement = seg_ab_test_dup_statement (test);

          g_print ("%s (%s): %s\n", test->campaign, test->segment, statement);
        }
    }

  return 0;
}
