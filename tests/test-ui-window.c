/* test-ui-window.c — the store window, on a real display (Xvfb)
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>
#include <adwaita.h>

#include "seg-application.h"
#include "seg-customer-model.h"
#include "seg-demo.h"
#include "seg-format.h"
#include "seg-test-ui.h"
#include "seg-window.h"

static SegApplication *app;
static char *tmp_dir;

static gboolean
window_idle (gpointer data)
{
  return !seg_window_get_busy (data);
}

static gboolean
overview_loaded (gpointer data)
{
  return !seg_overview_page_get_loading (data) && seg_overview_page_get_stats (data) != NULL;
}

static gboolean
model_loaded (gpointer data)
{
  return !seg_customer_model_get_loading (data);
}

static gboolean
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (find_label (child, text))
      return TRUE;

  return FALSE;
}

static void
test_window_demo_store (void)
{
  g_autofree char *path = seg_test_ensure_demo (tmp_dir);
  g_autofree char *name = NULL;
  g_autofree char *contacts = NULL;
  SegWindow *window = seg_window_new (app);
  SegOverviewPage *overview;
  SegCustomerModel *model;
  const SegStoreStats *stats;
  g_autoptr(SegCustomer) first = NULL;
  g_autoptr(SegCustomer) second = NULL;
  g_autoptr(SegCustomer) last = NULL;

  gtk_window_present (GTK_WINDOW (window));
  seg_window_open_store (window, path);
  g_assert_true (seg_window_get_busy (window));
  seg_test_wait_until (window_idle, window);

  g_assert_nonnull (seg_window_get_store (window));
  name = seg_store_dup_name (seg_window_get_store (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, name);
  g_assert_cmpstr (seg_window_get_page (window), ==, "overview");

  /* The overview shows the number of contacts. */
  overview = seg_window_get_overview_page (window);
  seg_test_wait_until (overview_loaded, overview);
  stats = seg_overview_page_get_stats (overview);
  g_assert_cmpint (stats->contacts, ==, SEG_DEMO_CONTACTS);
  contacts = seg_format_count (stats->contacts);
  g_assert_true (find_label (GTK_WIDGET (overview), contacts));
  g_assert_nonnull (seg_overview_page_get_charts_box (overview));

  /* Every customer is listed, fetched page by page. */
  seg_window_show_page (window, "customers");
  model = seg_customers_page_get_model (seg_window_get_customers_page (window));
  seg_test_wait_until (model_loaded, model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, SEG_DEMO_CONTACTS);
  last = g_list_model_get_item (G_LIST_MODEL (model), SEG_DEMO_CONTACTS - 1);
  g_assert_nonnull (last);
  g_assert_nonnull (seg_customer_get_name (last));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), SEG_DEMO_CONTACTS));

  /* Sorted by revenue, best first. */
  seg_customer_model_set_query (model, NULL, SEG_CUSTOMER_SORT_REVENUE, TRUE);
  seg_test_wait_until (model_loaded, model);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  second = g_list_model_get_item (G_LIST_MODEL (model), 1);
  g_assert_cmpint (seg_customer_get_revenue_cents (first), >=,
                   seg_customer_get_revenue_cents (second));
  g_assert_cmpint (seg_customer_get_revenue_cents (first), >, 0);

  /* A search is a bound parameter: quotes and wildcards are plain text. */
  seg_customer_model_set_query (model, "%' OR 1=1 --", SEG_CUSTOMER_SORT_NAME, FALSE);
  seg_test_wait_until (model_loaded, model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  seg_customer_model_set_query (model, seg_customer_get_email (first),
                                SEG_CUSTOMER_SORT_NAME, FALSE);
  seg_test_wait_until (model_loaded, model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >=, 1);

  /* Import, print and export exist, disabled until their owners fill them. */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "import"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "print-report"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "export-report"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_welcome_buttons (void)
{
  const char *actions[] = { "app.new-store", "app.open-store", "app.demo-store" };
  SegWindow *window = seg_window_new (app);
  GtkWidget *welcome = GTK_WIDGET (seg_window_get_welcome (window));

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (seg_window_is_empty (window));
  g_assert_true (gtk_widget_get_mapped (welcome));

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      GtkButton *button =
        GTK_BUTTON (seg_test_find_button_with_action (welcome, actions[i]));
      const char *label;

      g_assert_nonnull (button);
      /* A button's accessible name is its label. */
      label = gtk_button_get_label (button);
      g_assert_nonnull (label);
      g_assert_cmpuint (strlen (label), >, 3);
      g_assert_true (gtk_button_get_use_underline (button));
      g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (button)));
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
message_dialog_shown (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel))
        {
          *(AdwMessageDialog **) data = ADW_MESSAGE_DIALOG (toplevel);
          return TRUE;
        }
    }

  return FALSE;
}

static void
test_open_not_a_store (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "notes.segments", NULL);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog = NULL;
  SegWindow *window = seg_window_new (app);

  g_file_set_contents (path, "name,email\nAda,ada@example.com\n", -1, &error);
  g_assert_no_error (error);

  gtk_window_present (GTK_WINDOW (window));
  seg_window_open_store (window, path);
  seg_test_wait_until (window_idle, window);

  g_assert_null (seg_window_get_store (window));
  g_assert_true (seg_window_is_empty (window));
  seg_test_wait_until (message_dialog_shown, &dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "notes.segments"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_empty_store (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "Empty Shop.segments", NULL);
  SegWindow *window = seg_window_new (app);
  SegOverviewPage *overview;
  SegCustomerModel *model;

  g_unlink (path);
  gtk_window_present (GTK_WINDOW (window));
  seg_window_create_store (window, path);
  seg_test_wait_until (window_idle, window);

  g_assert_nonnull (seg_window_get_store (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Empty Shop");

  overview = seg_window_get_overview_page (window);
  seg_test_wait_until (overview_loaded, overview);
  g_assert_cmpint (seg_overview_page_get_stats (overview)->contacts, ==, 0);

  model = seg_customers_page_get_model (seg_window_get_customers_page (window));
  seg_test_wait_until (model_loaded, model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  if (!seg_test_init_display ())
    return 0;

  tmp_dir = seg_test_make_tmp_dir ("segments-ui-XXXXXX");

  app = seg_test_register_application ("io.github.segmentsapp.Segments.UiTest");

  g_test_add_func ("/ui/window/welcome-buttons", test_welcome_buttons);
  g_test_add_func ("/ui/window/demo-store", test_window_demo_store);
  g_test_add_func ("/ui/window/empty-store", test_empty_store);
  g_test_add_func ("/ui/window/not-a-store", test_open_not_a_store);

  status = g_test_run ();

  g_clear_object (&app);
  seg_test_remove_dir (tmp_dir);
  g_free (tmp_dir);

  return status;
}
