/* segments-cli.c — the store's work without a window
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "segments-cli"

#include "config.h"

#include <inttypes.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "seg-cli-commands.h"
#include "seg-day.h"
#include "seg-demo.h"
#include "seg-measures.h"
#include "seg-store.h"
#include "seg-template.h"

/* Shared by every command: how to say what went wrong. */
int
seg_cli_fail (GError *error)
{
  g_printerr ("segments-cli: %s\n", error->message);
  return 1;
}

int
seg_cli_usage_error (GOptionContext *context,
                     const char     *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  g_printerr ("segments-cli: %s\n\n%s", message, help);
  return 2;
}

gboolean
seg_cli_parse_as_of (const char  *text,
                     gint32      *day,
                     GError     **error)
{
  if (text == NULL)
    return TRUE;

  if (!seg_day_parse_iso (text, day))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” is not a date. Write the reference date as YYYY-MM-DD, "
                     "for example 2024-06-30."), text);
      return FALSE;
    }

  return TRUE;
}

/* Opens the store and makes its per-customer measures current as of @day
 * (the store's reference day when @as_of is NULL). */
SegStore *
seg_cli_open_store (const char  *path,
                    const char  *as_of,
                    gint32      *day,
                    GError     **error)
{
  g_autoptr(SegStore) store = seg_store_open (path, error);

  if (store == NULL)
    return NULL;

  *day = seg_store_get_reference_day (store);
  if (!seg_cli_parse_as_of (as_of, day, error))
    return NULL;

  if (!seg_measures_ensure (seg_store_get_db (store), *day, error))
    return NULL;

  return g_steal_pointer (&store);
}

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

static void
append_indent (GString *out,
               int      depth)
{
  g_string_append_c (out, '\n');
  for (int i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

/* json-glib prints doubles with 17 digits (1082272.5900000001); money reads
 * better, and compares exactly, with the 15 significant digits a double
 * holds. */
static void
append_json (GString  *out,
             JsonNode *node,
             int       depth)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);

        g_string_append_c (out, '{');
        for (GList *l = members; l; l = l->next)
          {
            append_indent (out, depth + 1);
            append_json_string (out, l->data);
            g_string_append (out, ": ");
            append_json (out, json_object_get_member (object, l->data), depth + 1);
            if (l->next)
              g_string_append_c (out, ',');
          }
        if (members)
          append_indent (out, depth);
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            append_indent (out, depth + 1);
            append_json (out, json_array_get_element (array, i), depth + 1);
            if (i + 1 < n)
              g_string_append_c (out, ',');
          }
        if (n)
          append_indent (out, depth);
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" PRId64, json_node_get_int (node));
          break;

        case G_TYPE_DOUBLE:
          {
            char buf[G_ASCII_DTOSTR_BUF_SIZE];
            double value = json_node_get_double (node);

            if (!isfinite (value))
              g_string_append (out, "null");
            else
              g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.15g", value));
          }
          break;

        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;

        default:
          append_json_string (out, json_node_get_string (node));
          break;
        }
      break;
    }
}

void
seg_cli_print_json (JsonNode *node)
{
  g_autoptr(GString) out = g_string_new (NULL);

  append_json (out, node, 0);
  g_print ("%s\n", out->str);
}

static int
command_new (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("STORE — create an empty store"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SegStore) store = NULL;
  g_autofree char *name = NULL;
  g_autofree char *currency = NULL;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The store’s name"), N_("NAME") },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency, N_("ISO 4217 currency code"), N_("CODE") },
    { NULL }
  };

  if (!seg_cli_parse_options (context, entries, &argc, &argv, 2,
                              _("Name the store file to create.")))
    return 2;

  if (currency != NULL)
    {
      g_autofree char *upper = g_ascii_strup (currency, -1);

      if (strlen (upper) != 3 || !g_ascii_isalpha (upper[0]) || !g_ascii_isalpha (upper[1]) ||
          !g_ascii_isalpha (upper[2]))
        {
          g_printerr (_("segments-cli: “%s” is not a currency code. Use three letters, such as "
                        "USD or EUR.\n"), currency);
          return 2;
        }
      g_free (currency);
      currency = g_steal_pointer (&upper);
    }

  store = seg_store_create (argv[1], name, currency, &error);
  if (store == NULL)
    return seg_cli_fail (error);
  if (!seg_templates_add_starter_set (store, &error))
    return seg_cli_fail (error);

  return 0;
}

static int
command_demo (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("STORE — create the demo store"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SegStore) store = NULL;
  g_autofree char *as_of = NULL;
  gint32 day = seg_day_today ();
  int contacts = SEG_DEMO_CONTACTS;
  double order_scale = 1.0;
  const GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of,
      N_("The day the demo history ends (default: today)"), N_("YYYY-MM-DD") },
    { "contacts", 0, 0, G_OPTION_ARG_INT, &contacts,
      N_("How many customers (for benchmarks)"), N_("N") },
    { "order-scale", 0, 0, G_OPTION_ARG_DOUBLE, &order_scale,
      N_("Multiply repeat customers’ orders (for benchmarks)"), N_("FACTOR") },
    { NULL }
  };

  if (!seg_cli_parse_options (context, entries, &argc, &argv, 2,
                              _("Name the store file to create.")))
    return 2;
  if (!seg_cli_parse_as_of (as_of, &day, &error))
    return seg_cli_fail (error);

  if (contacts < 1 || contacts > 10000000 || order_scale <= 0 || order_scale > 100)
    return seg_cli_usage_error (context, _("Choose between 1 and 10,000,000 contacts and an "
                                           "order scale above 0."));

  if (contacts == SEG_DEMO_CONTACTS && order_scale == 1.0)
    {
      store = seg_demo_create (argv[1], day, &error);
      if (store == NULL)
        return seg_cli_fail (error);
      return 0;
    }

  store = seg_store_create (argv[1], NULL, "USD", &error);
  if (store == NULL)
    return seg_cli_fail (error);
  if (!seg_demo_populate_sized (store, day, contacts, order_scale, &error))
    {
      g_clear_object (&store);
      g_unlink (argv[1]);
      return seg_cli_fail (error);
    }

  return 0;
}

static int
command_stats (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("STORE — headline figures of a store"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SegStore) store = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *as_of = NULL;
  g_autofree char *name = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *day_text = NULL;
  gboolean json = FALSE;
  SegStoreStats stats;
  gint32 day;
  const GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of,
      N_("Count orders up to this day (default: the store’s reference date)"), N_("YYYY-MM-DD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!seg_cli_parse_options (context, entries, &argc, &argv, 2, _("Name the store file.")))
    return 2;

  store = seg_store_open (argv[1], &error);
  if (store == NULL)
    return seg_cli_fail (error);
  day = seg_store_get_reference_day (store);
  if (!seg_cli_parse_as_of (as_of, &day, &error) ||
      !seg_store_get_stats (store, day, &stats, &error))
    return seg_cli_fail (error);

  name = seg_store_dup_name (store);
  currency = seg_store_dup_currency (store);
  day_text = seg_day_to_iso (day);

  if (!json)
    {
      g_print (_("Store: %s\n"), name);
      g_print (_("As of: %s\n"), day_text);
      g_print (_("Contacts: %" PRId64 "\n"), stats.contacts);
      g_print (_("Buyers: %" PRId64 "\n"), stats.buyers);
      g_print (_("Orders: %" PRId64 "\n"), stats.orders);
      g_print (_("Revenue: %.2f %s\n"), stats.revenue_cents / 100.0, currency);
      return 0;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  seg_cli_json_add_string (builder, "store", name);
  seg_cli_json_add_string (builder, "as_of", day_text);
  seg_cli_json_add_string (builder, "currency", currency);
  seg_cli_json_add_int (builder, "contacts", stats.contacts);
  seg_cli_json_add_int (builder, "buyers", stats.buyers);
  seg_cli_json_add_int (builder, "orders", stats.orders);
  seg_cli_json_add_int (builder, "guest_orders", stats.guest_orders);
  seg_cli_json_add_double (builder, "revenue", stats.revenue_cents / 100.0);
  seg_cli_json_add_double (builder, "returning_revenue", stats.returning_revenue_cents / 100.0);
  seg_cli_json_add_double (builder, "returning_revenue_share",
                           stats.revenue_cents > 0 ?
                           (double) stats.returning_revenue_cents / stats.revenue_cents : 0);
  seg_cli_json_add_int (builder, "abandoned_checkouts", stats.checkouts);
  seg_cli_json_add_int (builder, "segments", stats.segments);
  json_builder_end_object (builder);
  seg_cli_print_builder (builder);

  return 0;
}

static const SegCliCommand commands[] = {
  { "new", N_("Create an empty store"), command_new },
  { "demo", N_("Create the demo store"), command_demo },
  { "stats", N_("Print a store’s headline figures"), command_stats },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n%s\n", _("Usage: segments-cli COMMAND [OPTION…] STORE …"),
           _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  for (guint i = 0; seg_cli_extra_commands[i].name != NULL; i++)
    fprintf (out, "  %-10s %s\n", seg_cli_extra_commands[i].name,
             _(seg_cli_extra_commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “segments-cli COMMAND --help” for a command’s options."));
}

int
main (int   argc,
      char *argv[])
{
  const char *name;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("segments-cli");

  if (argc < 2)
    {
      print_usage (stderr);
      return 2;
    }

  name = argv[1];
  if (g_str_equal (name, "--help") || g_str_equal (name, "-h") || g_str_equal (name, "help"))
    {
      print_usage (stdout);
      return 0;
    }
  if (g_str_equal (name, "--version"))
    {
      g_print ("segments-cli %s\n", PACKAGE_VERSION);
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, name))
      return commands[i].run (argc - 1, argv + 1);

  for (guint i = 0; seg_cli_extra_commands[i].name != NULL; i++)
    if (g_str_equal (seg_cli_extra_commands[i].name, name))
      return seg_cli_extra_commands[i].run (argc - 1, argv + 1);

  g_printerr (_("segments-cli: unknown command “%s”.\n"), name);
  print_usage (stderr);
  return 2;
}
