/* seg-cli-segments.c — segments-cli commands for segments, counts, RFM and export
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "segments-cli"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "seg-cli-commands.h"
#include "seg-cli-segments.h"
#include "seg-day.h"
#include "seg-export.h"
#include "seg-rfm.h"
#include "seg-rule-compiler.h"
#include "seg-segment-list.h"
#include "seg-template.h"

int
seg_cli_command_segments (int    argc,
                          char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("STORE — the store’s segments with their figures"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SegStore) store = NULL;
  g_autoptr(SegEvaluation) evaluation = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GError) snapshot_error = NULL;
  g_autofree char *as_of = NULL;
  gboolean json = FALSE;
  int min_size = 0;
  SegSegmentsOptions options;
  gint32 day;
  guint n;
  const GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of,
      N_("Evaluate as of this day (default: the store’s reference date)"), N_("YYYY-MM-DD") },
    { "min-size", 0, 0, G_OPTION_ARG_INT, &min_size,
      N_("Warn about segments smaller than this (default: 100)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!seg_cli_parse_options (context, entries, &argc, &argv, 2, _("Name the store file.")))
    return 2;

  store = seg_cli_open_store (argv[1], as_of, &day, &error);
  if (store == NULL)
    return seg_cli_fail (error);

  seg_segments_options_init (&options);
  if (min_size > 0)
    options.min_customers = min_size;

  evaluation = seg_segments_evaluate_all (store, day, &options, NULL, &error);
  if (evaluation == NULL)
    return seg_cli_fail (error);

  /* Opening a store records the day's segment sizes for the trend charts. */
  if (!seg_segments_record_snapshot (store, evaluation, day, &snapshot_error))
    g_debug ("Could not record segment sizes: %s", snapshot_error->message);

  n = seg_evaluation_get_n_segments (evaluation);

  if (!json)
    {
      g_autofree char *day_text = seg_day_to_iso (day);

      g_print (_("As of %s: %" PRId64 " customers\n"), day_text,
               seg_evaluation_get_total_customers (evaluation));
      for (guint i = 0; i < n; i++)
        {
          SegSegment *segment = seg_evaluation_get_segment (evaluation, i);
          const SegSegmentFigures *figures = seg_evaluation_get_figures (evaluation, i);

          g_print ("%2u. %-28s %8" PRId64 " %6.1f%% %12.2f  %s\n", i + 1,
                   seg_segment_get_name (segment), figures->customers, figures->share * 100,
                   figures->revenue_cents / 100.0, seg_segment_get_rule (segment));
          for (guint bit = 1; bit <= SEG_SEGMENT_WARNING_INVALID_RULE; bit <<= 1)
            if (figures->warnings & bit)
              {
                g_autofree char *message = seg_segments_warning_dup_message (bit, evaluation, i);
                g_print ("    ! %s\n", message);
              }
        }
      g_print ("%s\n", seg_store_stage_get_hint (seg_evaluation_get_stage (evaluation)));
      return 0;
    }

  builder = json_builder_new ();
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      SegSegment *segment = seg_evaluation_get_segment (evaluation, i);
      const SegSegmentFigures *figures = seg_evaluation_get_figures (evaluation, i);

      json_builder_begin_object (builder);
      seg_cli_json_add_int (builder, "id", seg_segment_get_id (segment));
      seg_cli_json_add_string (builder, "name", seg_segment_get_name (segment));
      seg_cli_json_add_string (builder, "rule", seg_segment_get_rule (segment));
      seg_cli_json_add_string (builder, "color", seg_segment_get_color (segment));
      seg_cli_json_add_string (builder, "template", seg_segment_get_template_id (segment));
      seg_cli_json_add_int (builder, "priority", seg_segment_get_priority (segment));
      seg_cli_json_add_int (builder, "customers", figures->customers);
      seg_cli_json_add_double (builder, "revenue", figures->revenue_cents / 100.0);
      seg_cli_json_add_double (builder, "share", figures->share);
      seg_cli_json_add_double (builder, "revenue_share", figures->revenue_share);
      seg_cli_json_add_double (builder, "aov", figures->aov_cents / 100.0);
      seg_cli_json_add_double (builder, "repeat_rate", figures->repeat_rate);
      seg_cli_json_add_int (builder, "primary_customers", figures->primary_customers);
      json_builder_set_member_name (builder, "warnings");
      json_builder_begin_array (builder);
      for (guint bit = 1; bit <= SEG_SEGMENT_WARNING_INVALID_RULE; bit <<= 1)
        if (figures->warnings & bit)
          json_builder_add_string_value (builder, seg_segments_warning_to_string (bit));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  seg_cli_print_builder (builder);

  return 0;
}

int
seg_cli_command_count (int    argc,
                       char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("STORE RULE — count the customers a rule matches"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SegStore) store = NULL;
  g_autoptr(SegRule) rule = NULL;
  g_autofree char *as_of = NULL;
  gboolean json = FALSE;
  gint64 customers = 0;
  gint64 revenue = 0;
  gint32 day;
  const GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of,
      N_("Count as of this day (default: the store’s reference date)"), N_("YYYY-MM-DD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!seg_cli_parse_options (context, entries, &argc, &argv, 3,
                              _("Name the store file and the rule.")))
    return 2;

  /* A bad rule is reported before the store is touched. */
  rule = seg_rule_new_from_text (argv[2], &error);
  if (rule == NULL || !seg_rule_validate (rule, &error))
    return seg_cli_fail (error);

  store = seg_cli_open_store (argv[1], as_of, &day, &error);
  if (store == NULL)
    return seg_cli_fail (error);

  if (!seg_rule_count (seg_store_get_db (store), rule, day, &customers, &revenue, &error))
    return seg_cli_fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      seg_cli_json_add_int (builder, "customers", customers);
      seg_cli_json_add_double (builder, "revenue", revenue / 100.0);
      json_builder_end_object (builder);
      seg_cli_print_builder (builder);
    }
  else
    g_print ("%" PRId64 "\n", customers);

  return 0;
}

static void
add_cuts (JsonBuilder  *builder,
          const char   *name,
          const double  cuts[4],
          double        scale)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < 4; i++)
    json_builder_add_double_value (builder, cuts[i] / scale);
  json_builder_end_array (builder);
}

int
seg_cli_command_rfm (int    argc,
                     char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("STORE — RFM cut points and group sizes"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SegStore) store = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *as_of = NULL;
  gboolean json = FALSE;
  SegRfmResult result;
  gint32 day;
  const GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of,
      N_("Score as of this day (default: the store’s reference date)"), N_("YYYY-MM-DD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!seg_cli_parse_options (context, entries, &argc, &argv, 2, _("Name the store file.")))
    return 2;

  store = seg_cli_open_store (argv[1], as_of, &day, &error);
  if (store == NULL)
    return seg_cli_fail (error);

  if (!seg_rfm_load (seg_store_get_db (store), &result, &error))
    return seg_cli_fail (error);

  if (!json)
    {
      g_print (_("Recency cut points (days): %g %g %g %g\n"), result.recency[0],
               result.recency[1], result.recency[2], result.recency[3]);
      g_print (_("Frequency cut points (orders): %g %g %g %g\n"), result.frequency[0],
               result.frequency[1], result.frequency[2], result.frequency[3]);
      g_print (_("Monetary cut points: %.2f %.2f %.2f %.2f\n"), result.monetary[0] / 100,
               result.monetary[1] / 100, result.monetary[2] / 100, result.monetary[3] / 100);
      for (guint g = 0; g < SEG_RFM_N_GROUPS; g++)
        g_print ("  %-20s %8" PRId64 " %12.2f\n", seg_rfm_group_get_title (g),
                 result.customers[g], result.revenue_cents[g] / 100.0);
      return 0;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "cuts");
  json_builder_begin_object (builder);
  add_cuts (builder, "recency", result.recency, 1);
  add_cuts (builder, "frequency", result.frequency, 1);
  add_cuts (builder, "monetary", result.monetary, 100);
  json_builder_end_object (builder);
  seg_cli_json_add_int (builder, "buyers", result.buyers);
  json_builder_set_member_name (builder, "groups");
  json_builder_begin_array (builder);
  for (guint g = 0; g < SEG_RFM_N_GROUPS; g++)
    {
      json_builder_begin_object (builder);
      seg_cli_json_add_string (builder, "name", seg_rfm_group_to_string (g));
      seg_cli_json_add_int (builder, "customers", result.customers[g]);
      seg_cli_json_add_double (builder, "revenue", result.revenue_cents[g] / 100.0);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  seg_cli_print_builder (builder);

  return 0;
}

int
seg_cli_command_add (int    argc,
                     char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("STORE NAME RULE — add a segment"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SegStore) store = NULL;
  g_autoptr(SegSegment) segment = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *template_id = NULL;
  g_autofree char *color = NULL;
  const GOptionEntry entries[] = {
    { "notes", 0, 0, G_OPTION_ARG_STRING, &notes,
      N_("The segment’s message and offer"), N_("TEXT") },
    { "template", 0, 0, G_OPTION_ARG_STRING, &template_id,
      N_("The template it comes from (see “templates”)"), N_("ID") },
    { "color", 0, 0, G_OPTION_ARG_STRING, &color, N_("Its colour, as #rrggbb"), N_("COLOR") },
    { NULL }
  };

  if (!seg_cli_parse_options (context, entries, &argc, &argv, 4,
                              _("Name the store file, the segment and its rule.")))
    return 2;

  segment = seg_segment_new (argv[2], argv[3]);

  if (template_id != NULL)
    {
      const SegTemplate *template = seg_template_lookup (template_id);

      if (template == NULL)
        {
          g_printerr (_("segments-cli: there is no template “%s”. Run “segments-cli "
                        "templates” to list them.\n"), template_id);
          return 2;
        }
      seg_segment_set_template_id (segment, template_id);
      seg_segment_set_notes (segment, seg_template_get_notes (template));
      seg_segment_set_color (segment, seg_template_get_color (template));
    }
  if (notes != NULL)
    seg_segment_set_notes (segment, notes);
  if (color != NULL)
    seg_segment_set_color (segment, color);

  store = seg_store_open (argv[1], &error);
  if (store == NULL)
    return seg_cli_fail (error);

  if (!seg_segments_add (store, segment, &error))
    return seg_cli_fail (error);

  g_print (_("Added segment “%s”: %s\n"), seg_segment_get_name (segment),
           seg_segment_get_rule (segment));
  return 0;
}

int
seg_cli_command_templates (int    argc,
                           char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("— list the segment templates"));
  g_autoptr(JsonBuilder) builder = NULL;
  gboolean json = FALSE;
  guint n = seg_template_get_n_templates ();
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  static const char * const kinds[] = { "core", "more", "rfm" };

  if (!seg_cli_parse_options (context, entries, &argc, &argv, 1,
                              _("The templates command takes no store.")))
    return 2;

  if (!json)
    {
      for (guint i = 0; i < n; i++)
        {
          const SegTemplate *template = seg_template_get_nth (i);

          g_print ("%-24s %-28s %s\n", seg_template_get_id (template),
                   seg_template_get_name (template), seg_template_get_rule (template));
        }
      return 0;
    }

  builder = json_builder_new ();
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      const SegTemplate *template = seg_template_get_nth (i);

      json_builder_begin_object (builder);
      seg_cli_json_add_string (builder, "id", seg_template_get_id (template));
      seg_cli_json_add_string (builder, "kind", kinds[seg_template_get_kind (template)]);
      seg_cli_json_add_string (builder, "name", seg_template_get_name (template));
      seg_cli_json_add_string (builder, "description", seg_template_get_description (template));
      seg_cli_json_add_string (builder, "rule", seg_template_get_rule (template));
      seg_cli_json_add_string (builder, "color", seg_template_get_color (template));
      seg_cli_json_add_string (builder, "notes", seg_template_get_notes (template));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  seg_cli_print_builder (builder);

  return 0;
}

int
seg_cli_command_export (int    argc,
                        char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("STORE SEGMENT — export a segment’s members as CSV"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SegStore) store = NULL;
  g_autoptr(SegSegment) segment = NULL;
  g_autofree char *as_of = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *output = NULL;
  gboolean primary_only = FALSE;
  SegExportFormat format = SEG_EXPORT_FORMAT_CSV;
  gint64 n_exported = 0;
  gint32 day;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text,
      N_("klaviyo, mailchimp, meta, meta-lookalike, google or csv (default)"), N_("FORMAT") },
    { "primary-only", 0, 0, G_OPTION_ARG_NONE, &primary_only,
      N_("Only customers whose primary segment this is"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write"), N_("FILE") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of,
      N_("Evaluate as of this day (default: the store’s reference date)"), N_("YYYY-MM-DD") },
    { NULL }
  };

  if (!seg_cli_parse_options (context, entries, &argc, &argv, 3,
                              _("Name the store file and the segment.")))
    return 2;
  if (output == NULL)
    return seg_cli_usage_error (context, _("Name the file to write with -o FILE."));
  if (format_text != NULL && !seg_export_format_from_string (format_text, &format))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not an export format. Use klaviyo, mailchimp, meta, "
                           "meta-lookalike, google or csv."), format_text);
      return seg_cli_usage_error (context, message);
    }

  store = seg_cli_open_store (argv[1], as_of, &day, &error);
  if (store == NULL)
    return seg_cli_fail (error);

  segment = seg_segments_lookup (store, argv[2], &error);
  if (segment == NULL)
    return seg_cli_fail (error);

  if (!seg_export_segment (store, segment, day, format,
                           primary_only ? SEG_EXPORT_FLAGS_PRIMARY_ONLY : SEG_EXPORT_FLAGS_NONE,
                           output, NULL, &n_exported, &error))
    return seg_cli_fail (error);

  g_print (g_dngettext (GETTEXT_PACKAGE, "Exported %" PRId64 " customer to %s\n",
                        "Exported %" PRId64 " customers to %s\n", n_exported),
           n_exported, output);
  return 0;
}

int
seg_cli_command_overlap (int    argc,
                         char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("STORE — how many customers each pair of segments shares"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SegStore) store = NULL;
  g_autoptr(SegEvaluation) evaluation = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *as_of = NULL;
  gboolean json = FALSE;
  gint32 day;
  guint n;
  const GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of,
      N_("Evaluate as of this day (default: the store’s reference date)"), N_("YYYY-MM-DD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!seg_cli_parse_options (context, entries, &argc, &argv, 2, _("Name the store file.")))
    return 2;

  store = seg_cli_open_store (argv[1], as_of, &day, &error);
  if (store == NULL)
    return seg_cli_fail (error);

  evaluation = seg_segments_evaluate_all (store, day, NULL, NULL, &error);
  if (evaluation == NULL)
    return seg_cli_fail (error);
  n = seg_evaluation_get_n_segments (evaluation);

  if (!json)
    {
      for (guint a = 0; a < n; a++)
        {
          g_print ("%-28s", seg_segment_get_name (seg_evaluation_get_segment (evaluation, a)));
          for (guint b = 0; b < n; b++)
            g_print (" %7" PRId64, seg_evaluation_get_overlap (evaluation, a, b));
          g_print ("\n");
        }
      return 0;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "segments");
  json_builder_begin_array (builder);
  for (guint a = 0; a < n; a++)
    json_builder_add_string_value (builder,
                                   seg_segment_get_name (seg_evaluation_get_segment (evaluation, a)));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "matrix");
  json_builder_begin_array (builder);
  for (guint a = 0; a < n; a++)
    {
      json_builder_begin_array (builder);
      for (guint b = 0; b < n; b++)
        json_builder_add_int_value (builder, seg_evaluation_get_overlap (evaluation, a, b));
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "primary");
  json_builder_begin_array (builder);
  for (guint a = 0; a < n; a++)
    json_builder_add_int_value (builder,
                                seg_evaluation_get_figures (evaluation, a)->primary_customers);
  json_builder_end_array (builder);
  seg_cli_json_add_int (builder, "customers", seg_evaluation_get_total_customers (evaluation));
  seg_cli_json_add_int (builder, "unsegmented", seg_evaluation_get_unsegmented (evaluation));
  json_builder_end_object (builder);
  seg_cli_print_builder (builder);

  return 0;
}
