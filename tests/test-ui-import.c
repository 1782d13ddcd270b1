/* test-ui-import.c — the import wizard: its model without a display, its
 * window on one (Xvfb)
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>
#include <adwaita.h>

#include "seg-import-column-row.h"
#include "seg-import-wizard.h"
#include "seg-import-wizard-model.h"

static char *tmp_dir;
static char *shopify_path;
static char *custom_path;
static char *dates_path;
static char *garbage_path;
static char *big_path;
static char *audience_path;
static char *mixed_zip_path;
static char *semicolon_path;

/* Commas and semicolons equally steady: sniffed as commas, really
 * semicolon-separated. */
static const char semicolon_csv[] =
  "Name,Title;Email\n"
  "Ann,Dr;ann@example.com\n"
  "Bo,Mr;bo@example.com\n";

#define MC_HEADER \
  "\"Email Address\",\"First Name\",\"Last Name\",\"MEMBER_RATING\",\"OPTIN_TIME\"," \
  "\"OPTIN_IP\",\"CONFIRM_TIME\",\"CONFIRM_IP\",\"LATITUDE\",\"LONGITUDE\",\"GMTOFF\"," \
  "\"DSTOFF\",\"TIMEZONE\",\"CC\",\"REGION\",\"LAST_CHANGED\",\"LEID\",\"EUID\",\"NOTES\"," \
  "\"TAGS\""
#define MC_ROW(email, cc) \
  "\"" email "\",\"Ann\",\"Lee\",\"4\",\"2023-01-02 10:00:00\",\"\",\"\",\"\",\"'40.71\"," \
  "\"'-74.02\",\"-5\",\"-4\",\"America/New_York\",\"" cc "\",\"no region\"," \
  "\"2024-01-01 00:00:00\",\"1\",\"e1\",\"\",\"\""

static const char mc_subscribed[] =
  MC_HEADER "\r\n" MC_ROW ("s1@example.com", "uS") "\r\n" MC_ROW ("s2@example.com", "Gb") "\r\n";
static const char mc_unsubscribed[] =
  MC_HEADER ",\"UNSUB_TIME\",\"UNSUB_CAMPAIGN_TITLE\",\"UNSUB_CAMPAIGN_ID\","
  "\"UNSUB_REASON\",\"UNSUB_REASON_OTHER\"\r\n"
  MC_ROW ("u1@example.com", "De") ",\"2024-02-02 00:00:00\",\"Spring\",\"c1\",\"N/A\",\"\"\r\n";
static const char mc_cleaned[] =
  MC_HEADER ",\"CLEAN_TIME\",\"CLEAN_CAMPAIGN_TITLE\",\"CLEAN_CAMPAIGN_ID\"\r\n"
  MC_ROW ("c1@example.com", "fR") ",\"2024-03-03 00:00:00\",\"\",\"\"\r\n"
  MC_ROW ("c2@example.com", "fr") ",\"2024-03-03 00:00:00\",\"\",\"\"\r\n"
  MC_ROW ("c3@example.com", "FR") ",\"2024-03-03 00:00:00\",\"\",\"\"\r\n";

#define SHOPIFY_HEADER \
  "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing," \
  "Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method," \
  "Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price," \
  "Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status," \
  "Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company," \
  "Billing City,Billing Zip,Billing Province,Billing Country,Billing Phone,Shipping Name," \
  "Shipping Street,Shipping Address1,Shipping Address2,Shipping Company,Shipping City," \
  "Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,Notes,Note Attributes," \
  "Cancelled at,Payment Method,Payment Reference,Refunded Amount,Vendor,Id,Tags,Risk Level," \
  "Source,Lineitem discount\n"

/* Three orders of two customers; #1001 has two line items. */
static const char shopify_csv[] =
  SHOPIFY_HEADER
  "#1001,ann@example.com,paid,2024-01-11 04:32:31 -0500,fulfilled,,yes,USD,50.00,5.00,0,"
  "55.00,,0,Standard,2024-01-11 04:32:31 -0500,1,Mug,20.00,,MUG-1,true,true,fulfilled,"
  "Ann Lee,1 Main St,1 Main St,,,Boston,'02101,MA,US,,Ann Lee,,,,,Boston,'02101,MA,US,,,,,"
  "Visa,,0,Acme,1,,Low,web,0\n"
  "#1001,ann@example.com,,,,,,,,,,,,,,2024-01-11 04:32:31 -0500,1,Tee,30.00,,TEE-1,true,"
  "true,fulfilled,,,,,,,,,,,,,,,,,,,,,,,,,,,Acme,,,,,0\n"
  "#1002,bob@example.com,paid,2024-02-11 04:32:31 -0500,fulfilled,,no,USD,30.00,5.00,0,"
  "35.00,,0,Standard,2024-02-11 04:32:31 -0500,1,Tee,30.00,,TEE-1,true,true,fulfilled,"
  "Bob Ray,,,,,Paris,75001,,FR,,,,,,,,,,,,,,,Visa,,0,Acme,2,,Low,web,0\n"
  "#1003,ann@example.com,paid,2024-03-01 10:00:00 -0500,fulfilled,,yes,USD,20.00,0,0,"
  "20.00,,0,Standard,2024-03-01 10:00:00 -0500,1,Mug,20.00,,MUG-1,true,true,fulfilled,"
  "Ann Lee,,,,,Boston,'02101,MA,US,,,,,,,,,,,,,,,Visa,,0,Acme,3,,Low,web,0\n";

/* A spreadsheet of the store owner's own; the last row has a broken email. */
static const char custom_csv[] =
  "Email,First Name,Country,Interests\n"
  "ann@example.com,Ann,US,yoga\n"
  "bob@example.com,Bob,France,cooking\n"
  "carol@example.com,Carol,DE,\"gardening, eco\"\n"
  "not-an-email,Dan,XX,books\n";

/* Every date fits day-first and month-first. */
static const char dates_csv[] =
  "Email,Signed up\n"
  "ann@example.com,05/06/2024\n"
  "bob@example.com,03/04/2024\n"
  "carol@example.com,01/02/2023\n";

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until @condition holds; fails after 60 s. */
static void
wait_until (Condition condition,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
model_idle (gpointer data)
{
  return !seg_import_wizard_model_get_busy (data);
}

static gint64
count_rows (SegStore   *store,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = seg_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static SegStore *
new_store (const char *name)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;
  SegStore *store;

  store = seg_store_create (path, "Test Shop", "USD", &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
load (SegImportWizardModel *model,
      const char           *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (seg_import_wizard_model_load (model, file, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seg_import_wizard_model_get_step (model), ==,
                    SEG_IMPORT_WIZARD_STEP_PREVIEW);
}

/* Walks Preview → Columns → Check → Import → Summary. */
static void
check_and_import (SegImportWizardModel *model)
{
  const SegImportSummary *check;

  g_assert_true (seg_import_wizard_model_next (model));
  g_assert_cmpuint (seg_import_wizard_model_get_step (model), ==,
                    SEG_IMPORT_WIZARD_STEP_MAPPING);
  g_assert_true (seg_import_wizard_model_get_can_continue (model));
  g_assert_null (seg_import_wizard_model_get_blocker (model));

  g_assert_true (seg_import_wizard_model_next (model));
  g_assert_cmpuint (seg_import_wizard_model_get_step (model), ==,
                    SEG_IMPORT_WIZARD_STEP_CHECK);
  g_assert_true (seg_import_wizard_model_get_busy (model));
  wait_until (model_idle, model);
  g_assert_null (seg_import_wizard_model_get_error (model));
  check = seg_import_wizard_model_get_check_summary (model);
  g_assert_nonnull (check);
  g_assert_true (check->checked_only);

  /* The check wrote nothing. */
  g_assert_cmpint (count_rows (seg_import_wizard_model_get_store (model),
                               "SELECT count(*) FROM customers"), ==, 0);

  g_assert_true (seg_import_wizard_model_get_can_continue (model));
  g_assert_true (seg_import_wizard_model_next (model));
  g_assert_cmpuint (seg_import_wizard_model_get_step (model), ==,
                    SEG_IMPORT_WIZARD_STEP_IMPORT);
  wait_until (model_idle, model);
  g_assert_cmpuint (seg_import_wizard_model_get_step (model), ==,
                    SEG_IMPORT_WIZARD_STEP_SUMMARY);
  g_assert_cmpuint (seg_import_wizard_model_get_outcome (model), ==,
                    SEG_IMPORT_WIZARD_OUTCOME_IMPORTED);
  g_assert_nonnull (seg_import_wizard_model_get_summary (model));
  g_assert_false (seg_import_wizard_model_back (model));
}

static void
test_model_shopify (void)
{
  g_autoptr(SegStore) store = new_store ("shopify.segments");
  g_autoptr(SegImportWizardModel) model = seg_import_wizard_model_new (store);
  g_autofree char *description = NULL;
  g_autofree char *message = NULL;
  g_autofree char *headline = NULL;
  SegImportMapping *mapping;
  const SegImportSummary *summary;

  g_assert_cmpuint (seg_import_wizard_model_get_step (model), ==,
                    SEG_IMPORT_WIZARD_STEP_CHOOSE);
  g_assert_false (seg_import_wizard_model_get_can_continue (model));

  load (model, shopify_path);
  mapping = seg_import_wizard_model_get_mapping (model);
  g_assert_cmpuint (seg_import_mapping_get_preset (mapping), ==,
                    SEG_IMPORT_PRESET_SHOPIFY_ORDERS);
  description = seg_import_wizard_model_dup_format_description (model);
  g_assert_cmpstr (description, ==, "Shopify orders export");
  g_assert_cmpstr (seg_import_wizard_model_get_delimiter_label (model), ==, "Comma");
  g_assert_cmpstr (seg_import_mapping_get_encoding (mapping), ==, "UTF-8");
  g_assert_cmpstr (seg_import_wizard_model_get_file_name (model), ==, "orders_export.csv");
  /* Fields exactly as the file holds them, apostrophe included. */
  g_assert_cmpuint (seg_import_mapping_get_n_sample_rows (mapping), ==, 4);
  g_assert_cmpstr (seg_import_mapping_get_sample (mapping, 0, 30), ==, "'02101");
  g_assert_false (seg_import_wizard_model_get_needs_date_order (model));

  check_and_import (model);

  headline = seg_import_wizard_model_dup_check_headline (model);
  g_assert_cmpstr (headline, ==, "4 rows fine, 0 warnings, 0 errors");

  summary = seg_import_wizard_model_get_summary (model);
  g_assert_cmpuint (summary->orders_added, ==, 3);
  g_assert_cmpuint (summary->customers_added, ==, 2);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM orders"), ==, 3);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM customers"), ==, 2);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM order_lines"), ==, 4);

  message = seg_import_wizard_model_dup_result_message (model);
  g_assert_cmpstr (message, ==, "Imported 3 orders from orders_export.csv");
}

static void
test_model_custom_attribute (void)
{
  g_autoptr(SegStore) store = new_store ("custom.segments");
  g_autoptr(SegImportWizardModel) model = seg_import_wizard_model_new (store);
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *problems = NULL;
  g_autoptr(GFile) problems_file = NULL;
  SegImportMapping *mapping;
  const SegImportSummary *check;
  int interests;

  load (model, custom_path);
  mapping = seg_import_wizard_model_get_mapping (model);
  g_assert_cmpuint (seg_import_mapping_get_preset (mapping), ==, SEG_IMPORT_PRESET_CUSTOM);

  /* Nothing maps the email: Next waits, and says why. */
  for (guint c = 0; c < seg_import_mapping_get_n_columns (mapping); c++)
    g_assert_true (seg_import_mapping_set_column_field (mapping, c, "ignore", &error));
  g_assert_true (seg_import_wizard_model_next (model));
  g_assert_false (seg_import_wizard_model_get_can_continue (model));
  g_assert_nonnull (seg_import_wizard_model_get_blocker (model));
  g_assert_nonnull (strstr (seg_import_wizard_model_get_blocker (model), "Email"));
  g_assert_false (seg_import_wizard_model_next (model));

  g_assert_true (seg_import_mapping_set_column_field (mapping, 0, "email", &error));
  g_assert_true (seg_import_mapping_set_column_field (mapping, 1, "first_name", &error));
  g_assert_true (seg_import_mapping_set_column_field (mapping, 2, "country", &error));
  interests = 3;
  g_assert_cmpstr (seg_import_mapping_get_column_name (mapping, interests), ==, "Interests");
  g_assert_true (seg_import_mapping_set_column_field (mapping, interests,
                                                      "attribute:Interests", &error));
  g_assert_no_error (error);
  g_assert_true (seg_import_wizard_model_get_can_continue (model));
  g_assert_true (seg_import_wizard_model_back (model));

  check_and_import (model);

  /* The broken email is an error with its line and column. */
  check = seg_import_wizard_model_get_check_summary (model);
  g_assert_cmpuint (check->rows_skipped, ==, 1);
  g_assert_cmpuint (((SegImportIssue *) g_ptr_array_index (check->skipped, 0))->line, ==, 5);

  problems = g_build_filename (tmp_dir, "problems.csv", NULL);
  problems_file = g_file_new_for_path (problems);
  g_assert_true (seg_import_wizard_model_export_problems (model, problems_file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (problems, &csv, NULL, &error));
  g_assert_true (g_str_has_prefix (csv, "line,kind,column,reason\n"));
  g_assert_nonnull (strstr (csv, "\n5,skipped,\"Email\","));

  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM customers"), ==, 3);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM customer_attributes "
                                      "WHERE name = 'interests'"), ==, 3);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM customer_attributes "
                                      "WHERE value = 'gardening, eco'"), ==, 1);
}

static void
test_model_cancel (void)
{
  g_autoptr(SegStore) store = new_store ("cancel.segments");
  g_autoptr(SegImportWizardModel) model = seg_import_wizard_model_new (store);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  /* apply() with the Cancel already pressed. */
  load (model, shopify_path);
  g_cancellable_cancel (cancellable);
  g_assert_false (seg_import_wizard_model_apply (model, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (seg_import_wizard_model_get_outcome (model), ==,
                    SEG_IMPORT_WIZARD_OUTCOME_CANCELLED);
  g_assert_null (seg_import_wizard_model_dup_result_message (model));
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM orders"), ==, 0);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM customers"), ==, 0);

  /* The Import step's Cancel, on a file long enough to be still running. */
  load (model, big_path);
  g_assert_true (seg_import_wizard_model_next (model));
  g_assert_true (seg_import_wizard_model_next (model));
  wait_until (model_idle, model);
  g_assert_true (seg_import_wizard_model_next (model));
  g_assert_cmpuint (seg_import_wizard_model_get_step (model), ==,
                    SEG_IMPORT_WIZARD_STEP_IMPORT);
  g_assert_true (seg_import_wizard_model_cancel (model));
  wait_until (model_idle, model);
  g_assert_cmpuint (seg_import_wizard_model_get_step (model), ==,
                    SEG_IMPORT_WIZARD_STEP_SUMMARY);
  g_assert_cmpuint (seg_import_wizard_model_get_outcome (model), ==,
                    SEG_IMPORT_WIZARD_OUTCOME_CANCELLED);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM orders"), ==, 0);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM customers"), ==, 0);

  /* Back from a cancelled import, and the same file goes in. */
  g_assert_true (seg_import_wizard_model_back (model));
  g_assert_cmpuint (seg_import_wizard_model_get_step (model), ==,
                    SEG_IMPORT_WIZARD_STEP_CHECK);
}

static void
test_model_ambiguous_dates (void)
{
  g_autoptr(SegStore) store = new_store ("dates.segments");
  g_autoptr(SegImportWizardModel) model = seg_import_wizard_model_new (store);
  g_autoptr(GError) error = NULL;
  SegImportMapping *mapping;
  gboolean needs;

  load (model, dates_path);
  mapping = seg_import_wizard_model_get_mapping (model);
  g_assert_true (seg_import_mapping_set_column_field (mapping, 1, "customer_created", &error));
  g_assert_no_error (error);

  g_object_get (model, "needs-date-order", &needs, NULL);
  g_assert_true (needs);
  g_assert_nonnull (strstr (seg_import_wizard_model_get_date_question (model), "05/06/2024"));
  g_assert_nonnull (strstr (seg_import_wizard_model_get_date_question (model), "Signed up"));
  g_assert_cmpstr (seg_import_wizard_model_get_date_example (model), ==, "05/06/2024");

  g_assert_true (seg_import_wizard_model_next (model));
  g_assert_false (seg_import_wizard_model_get_can_continue (model));
  g_assert_nonnull (seg_import_wizard_model_get_blocker (model));

  seg_import_wizard_model_set_date_order (model, SEG_DATE_ORDER_DAY_FIRST);
  g_assert_false (seg_import_wizard_model_get_needs_date_order (model));
  /* The question stays, so the answer can change. */
  g_assert_nonnull (seg_import_wizard_model_get_date_question (model));
  g_assert_true (seg_import_wizard_model_get_can_continue (model));
  g_assert_true (seg_import_wizard_model_back (model));

  check_and_import (model);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM customers "
                                      "WHERE email = 'ann@example.com'"), ==, 1);
}

static void
test_model_bad_file (void)
{
  g_autoptr(SegStore) store = new_store ("bad.segments");
  g_autoptr(SegImportWizardModel) model = seg_import_wizard_model_new (store);
  g_autoptr(GFile) file = g_file_new_for_path (garbage_path);
  g_autoptr(GError) error = NULL;

  g_assert_false (seg_import_wizard_model_load (model, file, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (seg_import_wizard_model_get_step (model), ==,
                    SEG_IMPORT_WIZARD_STEP_CHOOSE);
  /* The core's message, naming the file, is what the wizard shows. */
  g_assert_cmpstr (seg_import_wizard_model_get_error (model), ==, error->message);
  g_assert_nonnull (strstr (error->message, "garbage.csv"));
  g_assert_false (seg_import_wizard_model_get_can_continue (model));
}

/* ---- The window ------------------------------------------------------- */

typedef gboolean (*WidgetMatch) (GtkWidget  *widget,
                                 gconstpointer data);

static GtkWidget *
find_widget (GtkWidget     *root,
             WidgetMatch    match,
             gconstpointer  data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
collect_widgets (GtkWidget *root,
                 GType      type,
                 GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (found, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, found);
}

static gboolean
is_button_with_action (GtkWidget     *widget,
                       gconstpointer  data)
{
  return GTK_IS_BUTTON (widget)
         && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

static gboolean
is_visible_label_with_text (GtkWidget     *widget,
                            gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget)
         && strstr (gtk_label_get_label (GTK_LABEL (widget)), data) != NULL;
}

/* A button the store owner can name: its label, or an accessible label. */
static void
assert_button_named (GtkWidget  *root,
                     const char *action)
{
  GtkWidget *button = find_widget (root, is_button_with_action, action);

  g_assert_nonnull (button);
  g_assert_true (gtk_button_get_label (GTK_BUTTON (button)) != NULL
                 || gtk_test_accessible_has_property (GTK_ACCESSIBLE (button),
                                                      GTK_ACCESSIBLE_PROPERTY_LABEL));
  if (gtk_button_get_label (GTK_BUTTON (button)) != NULL)
    g_assert_true (gtk_button_get_use_underline (GTK_BUTTON (button)));
}

static gboolean
wizard_step_is (gpointer data)
{
  SegImportWizardModel *model = seg_import_wizard_get_model (data);

  return !seg_import_wizard_model_get_busy (model);
}

static void
test_window_steps (void)
{
  g_autoptr(SegStore) store = new_store ("window.segments");
  g_autoptr(GFile) file = g_file_new_for_path (custom_path);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) progress = g_ptr_array_new ();
  SegImportWizard *wizard;
  SegImportWizardModel *model;
  GtkWidget *root;
  GtkWidget *view;
  GtkWidget *stack;

  wizard = seg_import_wizard_new (NULL, store);
  g_object_ref_sink (wizard);
  root = GTK_WIDGET (wizard);
  model = seg_import_wizard_get_model (wizard);
  gtk_window_present (GTK_WINDOW (wizard));

  /* Choose */
  assert_button_named (root, "wizard.choose-file");
  assert_button_named (root, "wizard.cancel");
  assert_button_named (root, "wizard.next");
  g_assert_false (gtk_widget_is_sensitive (find_widget (root, is_button_with_action,
                                                        "wizard.next")));
  stack = find_widget (root, is_of_type, GSIZE_TO_POINTER (GTK_TYPE_STACK));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "choose");

  /* Preview: the file's columns, plus the line numbers. */
  seg_import_wizard_open_file (wizard, file);
  wait_until (wizard_step_is, wizard);
  g_assert_cmpuint (seg_import_wizard_model_get_step (model), ==,
                    SEG_IMPORT_WIZARD_STEP_PREVIEW);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "preview");
  view = find_widget (root, is_of_type, GSIZE_TO_POINTER (GTK_TYPE_COLUMN_VIEW));
  g_assert_nonnull (view);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (GTK_COLUMN_VIEW (view))),
                    ==, 5);
  g_assert_true (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (view),
                                                   GTK_ACCESSIBLE_RELATION_LABELLED_BY));
  assert_button_named (root, "wizard.back");

  /* Columns: one row per column, each drop-down named after its column. */
  gtk_widget_activate_action (root, "wizard.next", NULL);
  g_assert_cmpuint (seg_import_wizard_model_get_step (model), ==,
                    SEG_IMPORT_WIZARD_STEP_MAPPING);
  collect_widgets (root, SEG_TYPE_IMPORT_COLUMN_ROW, rows);
  g_assert_cmpuint (rows->len, ==, 4);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkDropDown *drop_down = seg_import_column_row_get_drop_down (rows->pdata[i]);

      g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (drop_down),
                                                       GTK_ACCESSIBLE_PROPERTY_LABEL));
    }
  assert_button_named (root, "wizard.save-mapping");
  g_assert_nonnull (find_widget (root, is_visible_label_with_text, "Required"));

  /* Choosing "Custom attribute" in the Interests drop-down maps it. */
  {
    GtkDropDown *drop_down = seg_import_column_row_get_drop_down (rows->pdata[3]);
    GListModel *choices = gtk_drop_down_get_model (drop_down);
    const char *attribute = NULL;

    gtk_drop_down_set_selected (drop_down, 1);
    g_assert_cmpuint (g_list_model_get_n_items (choices), >, 50);
    g_assert_cmpint (seg_import_mapping_get_column_field_id (
                       seg_import_wizard_model_get_mapping (model), 3, &attribute),
                     ==, SEG_IMPORT_FIELD_ATTRIBUTE);
    g_assert_cmpstr (attribute, ==, "interests");
  }

  /* Check, then Import: progress bars are named; the problems are listed. */
  collect_widgets (root, GTK_TYPE_PROGRESS_BAR, progress);
  g_assert_cmpuint (progress->len, ==, 2);
  for (guint i = 0; i < progress->len; i++)
    g_assert_true (gtk_test_accessible_has_property (progress->pdata[i],
                                                     GTK_ACCESSIBLE_PROPERTY_LABEL));
  gtk_widget_activate_action (root, "wizard.next", NULL);
  wait_until (wizard_step_is, wizard);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "check");
  g_assert_nonnull (find_widget (root, is_visible_label_with_text, "3 rows fine"));
  g_assert_nonnull (find_widget (root, is_visible_label_with_text, "Line 5 · Email"));
  assert_button_named (root, "wizard.export-problems");

  gtk_widget_activate_action (root, "wizard.next", NULL);
  wait_until (wizard_step_is, wizard);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "summary");
  g_assert_cmpuint (seg_import_wizard_model_get_outcome (model), ==,
                    SEG_IMPORT_WIZARD_OUTCOME_IMPORTED);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM customer_attributes "
                                      "WHERE name = 'interests'"), ==, 3);

  /* Done closes the window. */
  gtk_widget_activate_action (root, "wizard.next", NULL);
  g_assert_false (gtk_widget_get_visible (root));
  g_object_unref (wizard);
}

static void
test_window_error (void)
{
  g_autoptr(SegStore) store = new_store ("window-error.segments");
  g_autoptr(GFile) file = g_file_new_for_path (garbage_path);
  SegImportWizard *wizard;

  wizard = g_object_ref_sink (seg_import_wizard_new (NULL, store));
  gtk_window_present (GTK_WINDOW (wizard));
  seg_import_wizard_open_file (wizard, file);
  wait_until (wizard_step_is, wizard);

  /* The reader's message is on screen, not only in a log. */
  g_assert_nonnull (find_widget (GTK_WIDGET (wizard), is_visible_label_with_text,
                                 "garbage.csv"));

  /* Escape (wizard.cancel) closes the window when nothing runs. */
  gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.cancel", NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (wizard)));
  g_object_unref (wizard);
}

static char *
write_fixture (const char *name,
               const char *contents,
               gssize      length)
{
  char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, contents, length, &error));
  g_assert_no_error (error);
  return path;
}

static char *
write_big_shopify (void)
{
  g_autoptr(GString) csv = g_string_new (SHOPIFY_HEADER);

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (csv,
                            "#%u,c%u@example.com,paid,2024-01-11 04:32:31 -0500,fulfilled,,"
                            "yes,USD,20.00,5.00,0,25.00,,0,Standard,"
                            "2024-01-11 04:32:31 -0500,1,Mug,20.00,,MUG-1,true,true,"
                            "fulfilled,Ann Lee,,,,,Boston,'02101,MA,US,,,,,,,,,,,,,,,Visa,,0,"
                            "Acme,%u,,Low,web,0\n",
                            10000 + i, i % 3000, i);
  return write_fixture ("big_orders.csv", csv->str, csv->len);
}

/* ---- ZIP archives and read options ------------------------------------ */

static void
put_le (GByteArray *out,
        guint32     value,
        guint       n_bytes)
{
  for (guint i = 0; i < n_bytes; i++)
    {
      guint8 b = (value >> (8 * i)) & 0xFF;

      g_byte_array_append (out, &b, 1);
    }
}

/* A stored (uncompressed) ZIP archive of @n files. */
static char *
write_zip (const char         *name,
           const char * const *names,
           const char * const *contents,
           guint               n)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GByteArray) dir = g_byte_array_new ();
  guint32 dir_offset;

  for (guint i = 0; i < n; i++)
    {
      gsize len = strlen (contents[i]), name_len = strlen (names[i]);
      guint32 crc = 0xFFFFFFFF, offset = out->len;

      for (gsize k = 0; k < len; k++)
        {
          crc ^= (guint8) contents[i][k];
          for (int b = 0; b < 8; b++)
            crc = (crc & 1) ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
      crc = ~crc;

      put_le (out, 0x04034b50, 4);
      put_le (out, 20, 2);
      put_le (out, 0, 2);
      put_le (out, 0, 2);
      put_le (out, 0, 4);
      put_le (out, crc, 4);
      put_le (out, len, 4);
      put_le (out, len, 4);
      put_le (out, name_len, 2);
      put_le (out, 0, 2);
      g_byte_array_append (out, (const guint8 *) names[i], name_len);
      g_byte_array_append (out, (const guint8 *) contents[i], len);

      put_le (dir, 0x02014b50, 4);
      put_le (dir, 20, 2);
      put_le (dir, 20, 2);
      put_le (dir, 0, 2);
      put_le (dir, 0, 2);
      put_le (dir, 0, 4);
      put_le (dir, crc, 4);
      put_le (dir, len, 4);
      put_le (dir, len, 4);
      put_le (dir, name_len, 2);
      put_le (dir, 0, 4);
      put_le (dir, 0, 4);
      put_le (dir, 0, 4);
      put_le (dir, offset, 4);
      g_byte_array_append (dir, (const guint8 *) names[i], name_len);
    }
  dir_offset = out->len;
  g_byte_array_append (out, dir->data, dir->len);
  put_le (out, 0x06054b50, 4);
  put_le (out, 0, 4);
  put_le (out, n, 2);
  put_le (out, n, 2);
  put_le (out, dir->len, 4);
  put_le (out, dir_offset, 4);
  put_le (out, 0, 2);
  return write_fixture (name, (const char *) out->data, out->len);
}

/* A Mailchimp audience goes in whole: its files' columns map themselves,
 * so Preview leads straight to Check. */
static void
test_model_zip (void)
{
  g_autoptr(SegStore) store = new_store ("zip.segments");
  g_autoptr(SegImportWizardModel) model = seg_import_wizard_model_new (store);
  GPtrArray *members;
  g_autofree char *description = NULL;
  g_autofree char *message = NULL;
  const SegImportSummary *summary;

  load (model, audience_path);
  members = seg_import_wizard_model_get_members (model);
  g_assert_nonnull (members);
  g_assert_cmpuint (members->len, ==, 3);
  g_assert_true (seg_import_wizard_model_get_mapping (model) == g_ptr_array_index (members, 0));
  description = seg_import_wizard_model_dup_member_description (model, 1);
  g_assert_nonnull (strstr (description, "unsubscribed"));
  g_assert_true (seg_import_wizard_model_get_can_continue (model));

  g_assert_true (seg_import_wizard_model_next (model));
  g_assert_cmpuint (seg_import_wizard_model_get_step (model), ==,
                    SEG_IMPORT_WIZARD_STEP_CHECK);
  wait_until (model_idle, model);
  g_assert_null (seg_import_wizard_model_get_error (model));
  g_assert_cmpuint (seg_import_wizard_model_get_check_summary (model)->rows_read, ==, 6);
  g_assert_true (seg_import_wizard_model_back (model));
  g_assert_cmpuint (seg_import_wizard_model_get_step (model), ==,
                    SEG_IMPORT_WIZARD_STEP_PREVIEW);
  g_assert_true (seg_import_wizard_model_next (model));
  wait_until (model_idle, model);
  g_assert_true (seg_import_wizard_model_next (model));
  wait_until (model_idle, model);
  g_assert_cmpuint (seg_import_wizard_model_get_outcome (model), ==,
                    SEG_IMPORT_WIZARD_OUTCOME_IMPORTED);
  summary = seg_import_wizard_model_get_summary (model);
  g_assert_cmpuint (summary->customers_added, ==, 6);
  message = seg_import_wizard_model_dup_result_message (model);
  g_assert_nonnull (strstr (message, "audience.zip"));

  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM customers "
                                      "WHERE email_status = 'subscribed'"), ==, 2);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM customers "
                                      "WHERE email_status = 'unsubscribed'"), ==, 1);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM customers "
                                      "WHERE email_status = 'cleaned'"), ==, 3);

  /* An archive with a file of the owner's own: one by one, please. */
  {
    g_autoptr(SegImportWizardModel) mixed = seg_import_wizard_model_new (store);

    load (mixed, mixed_zip_path);
    g_assert_false (seg_import_wizard_model_get_can_continue (mixed));
    g_assert_nonnull (strstr (seg_import_wizard_model_get_blocker (mixed), "one by one"));
    g_assert_nonnull (strstr (seg_import_wizard_model_get_blocker (mixed), "mine.csv"));
    g_assert_false (seg_import_wizard_model_next (mixed));
  }
}

/* Changing the encoding or the delimiter reads the preview again. */
static void
test_model_read_options (void)
{
  g_autoptr(SegStore) store = new_store ("options.segments");
  g_autoptr(SegImportWizardModel) model = seg_import_wizard_model_new (store);
  SegImportMapping *mapping;

  load (model, semicolon_path);
  mapping = seg_import_wizard_model_get_mapping (model);
  g_assert_cmpint (seg_import_mapping_get_delimiter (mapping), ==, ',');

  seg_import_wizard_model_set_read_options (model, "windows-1252", ';', NULL, NULL);
  wait_until (model_idle, model);
  g_assert_cmpuint (seg_import_wizard_model_get_step (model), ==,
                    SEG_IMPORT_WIZARD_STEP_PREVIEW);
  mapping = seg_import_wizard_model_get_mapping (model);
  g_assert_cmpint (seg_import_mapping_get_delimiter (mapping), ==, ';');
  g_assert_cmpstr (seg_import_mapping_get_encoding (mapping), ==, "Windows-1252");
  g_assert_cmpstr (seg_import_wizard_model_get_encoding_override (model), ==, "Windows-1252");
  g_assert_cmpuint (seg_import_mapping_get_n_columns (mapping), ==, 2);
  g_assert_cmpstr (seg_import_mapping_get_column_field (mapping, 1), ==, "email");

  check_and_import (model);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM customers"), ==, 2);
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  const char *dir = g_getenv ("SEG_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  graphene_rect_t bounds;

  if (dir == NULL)
    return;
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot),
                          gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  graphene_rect_init (&bounds, 0, 0, gtk_widget_get_width (widget),
                      gtk_widget_get_height (widget));
  texture = gsk_renderer_render_texture (renderer, node, &bounds);
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
}

static void
settle (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
is_combo_row_titled (GtkWidget     *widget,
                     gconstpointer  data)
{
  return ADW_IS_COMBO_ROW (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static void
test_window_zip (void)
{
  g_autoptr(SegStore) store = new_store ("window-zip.segments");
  g_autoptr(GFile) zip = g_file_new_for_path (audience_path);
  g_autoptr(GFile) csv = g_file_new_for_path (semicolon_path);
  SegImportWizard *wizard;
  SegImportWizardModel *model;
  GtkWidget *root;
  GtkWidget *delimiter_row;
  GtkWidget *encoding_row;

  wizard = seg_import_wizard_new (NULL, store);
  g_object_ref_sink (wizard);
  model = seg_import_wizard_get_model (wizard);
  root = GTK_WIDGET (wizard);
  gtk_window_set_default_size (GTK_WINDOW (wizard), 860, 720);
  gtk_window_present (GTK_WINDOW (wizard));

  seg_import_wizard_open_file (wizard, zip);
  wait_until (wizard_step_is, wizard);
  g_assert_cmpuint (seg_import_wizard_model_get_step (model), ==,
                    SEG_IMPORT_WIZARD_STEP_PREVIEW);
  /* Past the stack's crossfade. */
  settle (1000);
  save_screenshot (root, "import-zip-preview.png");

  g_assert_nonnull (find_widget (root, is_visible_label_with_text,
                                 "members/unsubscribed_members_export_1a2b.csv"));
  g_assert_nonnull (find_widget (root, is_visible_label_with_text, "cleaned addresses"));

  /* A file of the owner's own in the archive: Next says why it is off. */
  {
    g_autoptr(GFile) mixed = g_file_new_for_path (mixed_zip_path);

    seg_import_wizard_open_file (wizard, mixed);
    wait_until (wizard_step_is, wizard);
    settle (1000);
    g_assert_nonnull (find_widget (root, is_visible_label_with_text, "one by one"));
    save_screenshot (root, "import-zip-mixed.png");
  }

  /* A CSV file: the drop-downs read it again. */
  seg_import_wizard_open_file (wizard, csv);
  wait_until (wizard_step_is, wizard);
  settle (200);
  g_assert_null (find_widget (root, is_visible_label_with_text,
                              "members/unsubscribed_members_export_1a2b.csv"));
  delimiter_row = find_widget (root, is_combo_row_titled, "_Delimiter");
  encoding_row = find_widget (root, is_combo_row_titled, "_Encoding");
  g_assert_nonnull (delimiter_row);
  g_assert_nonnull (encoding_row);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (delimiter_row)), ==, 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (delimiter_row), 2);  /* Semicolon */
  g_assert_true (seg_import_wizard_model_get_busy (model));
  wait_until (wizard_step_is, wizard);
  settle (200);
  g_assert_cmpint (seg_import_wizard_model_get_delimiter_override (model), ==, ';');
  g_assert_cmpint (seg_import_mapping_get_delimiter (seg_import_wizard_model_get_mapping (model)),
                   ==, ';');
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (delimiter_row)), ==, 2);
  adw_combo_row_set_selected (ADW_COMBO_ROW (encoding_row), 4);  /* Windows-1252 */
  wait_until (wizard_step_is, wizard);
  settle (300);
  g_assert_cmpstr (seg_import_wizard_model_get_encoding_override (model), ==, "Windows-1252");
  g_assert_cmpuint (seg_import_wizard_model_get_step (model), ==,
                    SEG_IMPORT_WIZARD_STEP_PREVIEW);
  save_screenshot (root, "import-read-options.png");

  gtk_window_destroy (GTK_WINDOW (wizard));
  g_object_unref (wizard);
}

int
main (int   argc,
      char *argv[])
{
  static const char garbage[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0\x01\0\0\0"
                                "\x10\x10\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0";
  g_autoptr(GError) error = NULL;
  int ret;

  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  tmp_dir = g_dir_make_tmp ("test-ui-import-XXXXXX", &error);
  g_assert_no_error (error);
  shopify_path = write_fixture ("orders_export.csv", shopify_csv, -1);
  custom_path = write_fixture ("customers.csv", custom_csv, -1);
  dates_path = write_fixture ("signups.csv", dates_csv, -1);
  garbage_path = write_fixture ("garbage.csv", garbage, sizeof garbage);
  big_path = write_big_shopify ();
  semicolon_path = write_fixture ("people.csv", semicolon_csv, -1);
  {
    const char * const names[] = {
      "members/subscribed_members_export_1a2b.csv",
      "members/unsubscribed_members_export_1a2b.csv",
      "members/cleaned_members_export_1a2b.csv",
    };
    const char * const contents[] = { mc_subscribed, mc_unsubscribed, mc_cleaned };
    const char * const mixed_names[] = { "members/subscribed.csv", "mine.csv" };
    const char * const mixed_contents[] = { mc_subscribed, "Nom;Courriel\nAnn;a@x.com\n" };

    audience_path = write_zip ("audience.zip", names, contents, 3);
    mixed_zip_path = write_zip ("mixed.zip", mixed_names, mixed_contents, 2);
  }

  g_test_add_func ("/ui/import/model/shopify", test_model_shopify);
  g_test_add_func ("/ui/import/model/custom-attribute", test_model_custom_attribute);
  g_test_add_func ("/ui/import/model/cancel", test_model_cancel);
  g_test_add_func ("/ui/import/model/ambiguous-dates", test_model_ambiguous_dates);
  g_test_add_func ("/ui/import/model/bad-file", test_model_bad_file);
  g_test_add_func ("/ui/import/window/steps", test_window_steps);
  g_test_add_func ("/ui/import/window/error", test_window_error);
  g_test_add_func ("/ui/import/model/zip", test_model_zip);
  g_test_add_func ("/ui/import/model/read-options", test_model_read_options);
  g_test_add_func ("/ui/import/window/zip-and-read-options", test_window_zip);

  ret = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

        g_unlink (path);
      }
    g_rmdir (tmp_dir);
  }

  return ret;
}
