/* seg-cli-import.c — segments-cli preview and import
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "segments-cli"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "seg-cli-commands.h"
#include "seg-import-mapping.h"
#include "seg-import-preset.h"
#include "seg-importer.h"
#include "seg-zip-reader.h"

int seg_cli_command_preview (int argc, char **argv);
int seg_cli_command_import (int argc, char **argv);

/* How many skipped rows and warnings the text summary lists per file. */
#define MAX_PRINTED_ISSUES 50

static const char *
delimiter_name (char delimiter)
{
  switch (delimiter)
    {
    case ';': return ";";
    case '\t': return "\t";
    case '|': return "|";
    default: return ",";
    }
}

/* --delimiter: the character itself, or its name. */
static gboolean
parse_delimiter (const char *text,
                 char       *delimiter)
{
  static const struct { const char *name; char c; } names[] = {
    { ",", ',' }, { "comma", ',' }, { ";", ';' }, { "semicolon", ';' },
    { "\t", '\t' }, { "\\t", '\t' }, { "tab", '\t' }, { "|", '|' }, { "pipe", '|' },
    { "bar", '|' },
  };

  if (text == NULL)
    {
      *delimiter = 0;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (text, names[i].name) == 0)
      {
        *delimiter = names[i].c;
        return TRUE;
      }
  return FALSE;
}

static const char *
preset_label_for (SegImportMapping *mapping)
{
  return seg_import_preset_get_label (seg_import_mapping_get_preset (mapping));
}

int
seg_cli_command_preview (int    argc,
                         char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE — show how Segments reads an export"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SegImportMapping) mapping = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autofree char *member = NULL;
  g_autofree char *delimiter_name_arg = NULL;
  g_autofree char *encoding = NULL;
  gboolean json = FALSE;
  int rows = 10;
  char delimiter = 0;
  guint n_columns, n_rows;
  const GOptionEntry entries[] = {
    { "rows", 0, 0, G_OPTION_ARG_INT, &rows, N_("How many rows to show (default 10)"), N_("N") },
    { "member", 0, 0, G_OPTION_ARG_STRING, &member,
      N_("In a ZIP archive, the CSV file to preview (default: the first)"), N_("NAME") },
    { "delimiter", 0, 0, G_OPTION_ARG_STRING, &delimiter_name_arg,
      N_("Read the file with this delimiter: , ; tab or |"), N_("CHAR") },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding,
      N_("Read the file in this encoding: utf-8, utf-16le, utf-16be, windows-1252 or "
         "iso-8859-1"), N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return seg_cli_usage_error (context, error->message);
  if (argc != 2)
    return seg_cli_usage_error (context, _("Name the file to preview."));
  if (rows < 0 || rows > 100000)
    return seg_cli_usage_error (context, _("Choose between 0 and 100,000 rows."));
  if (!parse_delimiter (delimiter_name_arg, &delimiter))
    return seg_cli_usage_error (context, _("--delimiter is one of , ; tab or |."));
  if (encoding != NULL && seg_csv_reader_lookup_encoding (encoding) == NULL)
    return seg_cli_usage_error (context, _("--encoding is one of utf-8, utf-16le, utf-16be, "
                                           "windows-1252 or iso-8859-1."));

  if (seg_zip_path_is_zip (argv[1]))
    {
      members = seg_import_mapping_new_for_zip (argv[1], encoding, delimiter, rows, NULL,
                                                &error);
      if (members == NULL)
        return seg_cli_fail (error);
      for (guint i = 0; i < members->len && mapping == NULL; i++)
        {
          SegImportMapping *m = g_ptr_array_index (members, i);

          if (member == NULL || strcmp (seg_import_mapping_get_member (m), member) == 0)
            mapping = g_object_ref (m);
        }
      if (mapping == NULL)
        {
          g_autofree char *base = g_filename_display_basename (argv[1]);

          g_printerr (_("segments-cli: “%s” holds no CSV file named “%s”.\n"), base, member);
          return 1;
        }
    }
  else
    {
      if (member != NULL)
        return seg_cli_usage_error (context, _("--member is for ZIP archives."));
      mapping = seg_import_mapping_new_for_path_full (argv[1], NULL, encoding, delimiter,
                                                      rows, NULL, &error);
      if (mapping == NULL)
        return seg_cli_fail (error);
    }

  n_columns = seg_import_mapping_get_n_columns (mapping);
  n_rows = seg_import_mapping_get_n_sample_rows (mapping);

  if (!json)
    {
      if (members != NULL)
        {
          g_print (_("Files in the archive:\n"));
          for (guint i = 0; i < members->len; i++)
            {
              SegImportMapping *m = g_ptr_array_index (members, i);
              const char *status =
                seg_import_preset_get_implied_email_status (
                  seg_import_mapping_get_preset (m), seg_import_mapping_get_header (m),
                  seg_import_mapping_get_n_columns (m));

              g_print ("  %s %s — %s%s%s%s\n", m == mapping ? "*" : " ",
                       seg_import_mapping_get_member (m), preset_label_for (m),
                       status ? " (" : "", status ? status : "", status ? ")" : "");
            }
          g_print (_("File: %s\n"), seg_import_mapping_get_member (mapping));
        }
      g_print (_("Format: %s\n"),
               seg_import_preset_get_label (seg_import_mapping_get_preset (mapping)));
      g_print (_("Encoding: %s\n"), seg_import_mapping_get_encoding (mapping));
      g_print (_("Delimiter: %s\n"), seg_import_mapping_get_delimiter (mapping) == '\t'
                                     ? _("tab") : delimiter_name (seg_import_mapping_get_delimiter (mapping)));
      g_print ("\n");
      for (guint c = 0; c < n_columns; c++)
        {
          g_print ("%u. %s → %s\n", c + 1, seg_import_mapping_get_column_name (mapping, c),
                   seg_import_mapping_get_column_field (mapping, c));
          for (guint r = 0; r < n_rows && r < 3; r++)
            {
              const char *cell = seg_import_mapping_get_sample (mapping, r, c);

              if (cell != NULL && *cell != '\0')
                g_print ("     %s\n", cell);
            }
        }
      return 0;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  if (members != NULL)
    {
      json_builder_set_member_name (builder, "members");
      json_builder_begin_array (builder);
      for (guint i = 0; i < members->len; i++)
        {
          SegImportMapping *m = g_ptr_array_index (members, i);
          const char *status =
            seg_import_preset_get_implied_email_status (seg_import_mapping_get_preset (m),
                                                        seg_import_mapping_get_header (m),
                                                        seg_import_mapping_get_n_columns (m));

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, seg_import_mapping_get_member (m));
          json_builder_set_member_name (builder, "preset");
          json_builder_add_string_value (builder,
                                         seg_import_preset_get_id (seg_import_mapping_get_preset (m)));
          json_builder_set_member_name (builder, "email_status");
          if (status != NULL)
            json_builder_add_string_value (builder, status);
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "size");
          json_builder_add_int_value (builder, seg_import_mapping_get_size (m));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "member");
      json_builder_add_string_value (builder, seg_import_mapping_get_member (mapping));
    }
  json_builder_set_member_name (builder, "encoding");
  json_builder_add_string_value (builder, seg_import_mapping_get_encoding (mapping));
  json_builder_set_member_name (builder, "delimiter");
  json_builder_add_string_value (builder,
                                 delimiter_name (seg_import_mapping_get_delimiter (mapping)));
  json_builder_set_member_name (builder, "preset");
  json_builder_add_string_value (builder,
                                 seg_import_preset_get_id (seg_import_mapping_get_preset (mapping)));
  json_builder_set_member_name (builder, "header");
  json_builder_begin_array (builder);
  for (guint c = 0; c < n_columns; c++)
    json_builder_add_string_value (builder, seg_import_mapping_get_column_name (mapping, c));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "fields");
  json_builder_begin_array (builder);
  for (guint c = 0; c < n_columns; c++)
    json_builder_add_string_value (builder, seg_import_mapping_get_column_field (mapping, c));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "rows");
  json_builder_begin_array (builder);
  for (guint r = 0; r < n_rows; r++)
    {
      json_builder_begin_array (builder);
      for (guint c = 0; ; c++)
        {
          const char *cell = seg_import_mapping_get_sample (mapping, r, c);

          if (cell == NULL)
            break;
          json_builder_add_string_value (builder, cell);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  seg_cli_print_json (root);
  return 0;
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_issues (JsonBuilder *builder,
            const char  *name,
            GPtrArray   *issues)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < issues->len; i++)
    {
      SegImportIssue *issue = g_ptr_array_index (issues, i);

      json_builder_begin_object (builder);
      if (issue->file != NULL)
        {
          json_builder_set_member_name (builder, "file");
          json_builder_add_string_value (builder, issue->file);
        }
      add_int (builder, "line", issue->line);
      json_builder_set_member_name (builder, "column");
      if (issue->column != NULL)
        json_builder_add_string_value (builder, issue->column);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, issue->reason);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_summary_json (JsonBuilder            *builder,
                  const SegImportSummary *s,
                  const char             *error)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, s ? s->file_name : "");
  if (error != NULL)
    {
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, error);
    }
  if (s != NULL)
    {
      json_builder_set_member_name (builder, "preset");
      json_builder_add_string_value (builder, s->preset);
      json_builder_set_member_name (builder, "checked_only");
      json_builder_add_boolean_value (builder, s->checked_only);
      add_int (builder, "rows_read", s->rows_read);
      add_int (builder, "rows_imported", seg_import_summary_get_n_imported (s));
      add_int (builder, "customers_added", s->customers_added);
      add_int (builder, "customers_updated", s->customers_updated);
      add_int (builder, "orders_added", s->orders_added);
      add_int (builder, "orders_updated", s->orders_updated);
      add_int (builder, "orders_unchanged", s->orders_unchanged);
      add_int (builder, "line_items", s->line_items);
      add_int (builder, "checkouts_added", s->checkouts_added);
      add_int (builder, "checkouts_updated", s->checkouts_updated);
      add_int (builder, "campaign_rows", s->campaign_rows);
      add_int (builder, "rows_skipped", s->rows_skipped);
      add_int (builder, "warnings_count", s->n_warnings);
      add_issues (builder, "skipped", s->skipped);
      add_issues (builder, "warnings", s->warnings);
    }
  json_builder_end_object (builder);
}

static void
print_issues (const char *title,
              guint64     total,
              GPtrArray  *issues)
{
  if (total == 0)
    return;
  g_print ("  %s: %" PRIu64 "\n", title, total);
  for (guint i = 0; i < issues->len && i < MAX_PRINTED_ISSUES; i++)
    {
      SegImportIssue *issue = g_ptr_array_index (issues, i);

      if (issue->file != NULL)
        /* Translators: "members/x.csv, line 14: <reason>" */
        g_print (_("    %s, line %" "zu" ": %s\n"), issue->file, issue->line, issue->reason);
      else
        g_print (_("    line %" "zu" ": %s\n"), issue->line, issue->reason);
    }
  if (total > MAX_PRINTED_ISSUES)
    g_print (_("    … and %" PRIu64 " more (--json lists them all)\n"),
             total - MIN (issues->len, MAX_PRINTED_ISSUES));
}

static void
print_summary (const SegImportSummary *s)
{
  g_autofree char *preset_label = NULL;
  SegImportPreset preset;

  if (seg_import_preset_from_id (s->preset, &preset))
    preset_label = g_strdup (seg_import_preset_get_label (preset));
  g_print ("%s (%s)%s\n", s->file_name, preset_label ? preset_label : s->preset,
           s->checked_only ? _(" — checked, nothing written") : "");
  g_print (_("  Rows read: %" PRIu64 "\n"), s->rows_read);
  if (s->customers_added + s->customers_updated > 0)
    g_print (_("  Customers: %" PRIu64 " added, %" PRIu64 " updated\n"),
             s->customers_added, s->customers_updated);
  if (s->orders_added + s->orders_updated + s->orders_unchanged > 0)
    g_print (_("  Orders: %" PRIu64 " added, %" PRIu64 " updated, %"
               PRIu64 " unchanged (%" PRIu64 " line items)\n"),
             s->orders_added, s->orders_updated, s->orders_unchanged, s->line_items);
  if (s->checkouts_added + s->checkouts_updated > 0)
    g_print (_("  Abandoned checkouts: %" PRIu64 " added, %" PRIu64
               " updated\n"), s->checkouts_added, s->checkouts_updated);
  if (s->campaign_rows > 0)
    g_print (_("  Campaign results: %" PRIu64 " added or updated\n"),
             s->campaign_rows);
  print_issues (_("Rows skipped"), s->rows_skipped, s->skipped);
  print_issues (_("Warnings"), s->n_warnings, s->warnings);
}

int
seg_cli_command_import (int    argc,
                        char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("STORE FILE… — import store exports"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SegStore) store = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *preset_name = NULL;
  g_autofree char *date_order_name = NULL;
  g_autofree char *mapping_name = NULL;
  g_autofree char *save_mapping = NULL;
  g_auto(GStrv) maps = NULL;
  g_autofree char *delimiter_name_arg = NULL;
  g_autofree char *encoding = NULL;
  char delimiter = 0;
  gboolean json = FALSE;
  gboolean check = FALSE;
  SegImportPreset preset = SEG_IMPORT_PRESET_CUSTOM;
  SegDateOrder date_order = SEG_DATE_ORDER_AUTO;
  guint64 imported = 0;
  gboolean failed = FALSE;
  const GOptionEntry entries[] = {
    { "preset", 0, 0, G_OPTION_ARG_STRING, &preset_name,
      N_("The export’s format, when it is not recognised: shopify-customers, shopify-orders, "
         "shopify-checkouts, woocommerce-customers, woocommerce-orders, "
         "woocommerce-plugin-orders, klaviyo-profiles, mailchimp-audience, transactions, "
         "campaign-results or custom"), N_("NAME") },
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &maps,
      N_("Map a column to a field (repeatable), e.g. \"E-mail=email\" or "
         "\"Interests=attribute:interests\""), N_("COLUMN=FIELD") },
    { "mapping", 0, 0, G_OPTION_ARG_STRING, &mapping_name,
      N_("Apply a column mapping saved in the store"), N_("NAME") },
    { "save-mapping", 0, 0, G_OPTION_ARG_STRING, &save_mapping,
      N_("Save the column mapping in the store under this name"), N_("NAME") },
    { "date-order", 0, 0, G_OPTION_ARG_STRING, &date_order_name,
      N_("How the file writes dates like 05/06/2024: dmy or mdy"), N_("ORDER") },
    { "delimiter", 0, 0, G_OPTION_ARG_STRING, &delimiter_name_arg,
      N_("Read the files with this delimiter: , ; tab or |"), N_("CHAR") },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding,
      N_("Read the files in this encoding: utf-8, utf-16le, utf-16be, windows-1252 or "
         "iso-8859-1"), N_("NAME") },
    { "check", 0, 0, G_OPTION_ARG_NONE, &check,
      N_("Check every row and report, without changing the store"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return seg_cli_usage_error (context, error->message);
  if (argc < 3)
    return seg_cli_usage_error (context, _("Name the store and at least one file to import."));
  if (!parse_delimiter (delimiter_name_arg, &delimiter))
    return seg_cli_usage_error (context, _("--delimiter is one of , ; tab or |."));
  if (encoding != NULL && seg_csv_reader_lookup_encoding (encoding) == NULL)
    return seg_cli_usage_error (context, _("--encoding is one of utf-8, utf-16le, utf-16be, "
                                           "windows-1252 or iso-8859-1."));
  if (preset_name != NULL && !seg_import_preset_from_id (preset_name, &preset))
    return seg_cli_usage_error (context, _("Unknown --preset; see the list below."));
  if (date_order_name != NULL)
    {
      if (g_ascii_strcasecmp (date_order_name, "dmy") == 0)
        date_order = SEG_DATE_ORDER_DAY_FIRST;
      else if (g_ascii_strcasecmp (date_order_name, "mdy") == 0)
        date_order = SEG_DATE_ORDER_MONTH_FIRST;
      else
        return seg_cli_usage_error (context, _("--date-order is dmy (31/12/2024) or mdy "
                                               "(12/31/2024)."));
    }

  store = seg_store_open (argv[1], &error);
  if (store == NULL)
    return seg_cli_fail (error);

  if (json)
    {
      builder = json_builder_new ();
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "files");
      json_builder_begin_array (builder);
    }

  for (int i = 2; i < argc; i++)
    {
      g_autoptr(GPtrArray) mappings = NULL;
      g_autoptr(SegImporter) importer = NULL;
      g_autoptr(GError) local_error = NULL;
      const SegImportSummary *summary = NULL;
      gboolean ok = TRUE;

      /* A ZIP archive (a Mailchimp audience) is all its CSV files at once. */
      if (seg_zip_path_is_zip (argv[i]))
        mappings = seg_import_mapping_new_for_zip (argv[i], encoding, delimiter, 20, NULL,
                                                   &local_error);
      else
        {
          SegImportMapping *mapping =
            seg_import_mapping_new_for_path_full (argv[i], NULL, encoding, delimiter, 20,
                                                  NULL, &local_error);

          if (mapping != NULL)
            {
              mappings = g_ptr_array_new_with_free_func (g_object_unref);
              g_ptr_array_add (mappings, mapping);
            }
        }
      if (mappings == NULL)
        ok = FALSE;

      for (guint k = 0; ok && k < mappings->len; k++)
        {
          SegImportMapping *mapping = g_ptr_array_index (mappings, k);

          if (preset_name != NULL)
            seg_import_mapping_set_preset (mapping, preset);
          if (ok && mapping_name != NULL)
            ok = seg_import_mapping_load (mapping, seg_store_get_db (store), mapping_name,
                                          &local_error);
          for (guint m = 0; ok && maps != NULL && maps[m] != NULL; m++)
            ok = seg_import_mapping_apply_assignment (mapping, maps[m], &local_error);
          if (ok && date_order != SEG_DATE_ORDER_AUTO)
            seg_import_mapping_set_date_order (mapping, date_order);
          if (ok && save_mapping != NULL)
            ok = seg_import_mapping_save (mapping, seg_store_get_db (store), save_mapping,
                                          &local_error);
        }

      if (ok)
        {
          importer = seg_importer_new_for_mappings (store,
                                                    (SegImportMapping **) mappings->pdata,
                                                    mappings->len);
          seg_importer_set_mode (importer, check ? SEG_IMPORT_MODE_CHECK
                                                 : SEG_IMPORT_MODE_IMPORT);
          ok = seg_importer_run (importer, NULL, NULL, NULL, &local_error);
          summary = seg_importer_get_summary (importer);
          if (ok)
            imported += seg_import_summary_get_n_imported (summary);
        }

      if (!ok)
        {
          g_autofree char *display = g_filename_display_name (argv[i]);
          const char *message = local_error->message;
          g_autofree char *with_name = NULL;

          /* Errors from the reader and the importer name the file already. */
          if (strstr (message, display) == NULL)
            {
              g_autofree char *base = g_filename_display_basename (argv[i]);

              if (strstr (message, base) == NULL)
                message = with_name = g_strdup_printf ("%s: %s", display, message);
            }
          if (g_error_matches (local_error, SEG_IMPORT_ERROR,
                               SEG_IMPORT_ERROR_AMBIGUOUS_DATES))
            message = with_name = g_strdup_printf (_("%s Use --date-order dmy or "
                                                     "--date-order mdy."), message);
          g_printerr ("segments-cli: %s\n", message);
          failed = TRUE;
          if (json)
            {
              if (summary != NULL)
                add_summary_json (builder, summary, message);
              else
                {
                  json_builder_begin_object (builder);
                  json_builder_set_member_name (builder, "file");
                  json_builder_add_string_value (builder, display);
                  json_builder_set_member_name (builder, "error");
                  json_builder_add_string_value (builder, message);
                  json_builder_end_object (builder);
                }
            }
          continue;
        }

      if (json)
        add_summary_json (builder, summary, NULL);
      else
        print_summary (summary);
    }

  if (json)
    {
      g_autoptr(JsonNode) root = NULL;

      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "rows_imported");
      json_builder_add_int_value (builder, imported);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      seg_cli_print_json (root);
    }

  if (imported == 0)
    {
      if (!failed)
        g_printerr (_("segments-cli: nothing could be imported.\n"));
      return 1;
    }
  return failed ? 1 : 0;
}
