/* test-ui-segments.c — the segment builder, templates and deletion, on a real display
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <adwaita.h>

#include "seg-application.h"
#include "seg-format.h"
#include "seg-rule-builder.h"
#include "seg-rule-compiler.h"
#include "seg-rule-row.h"
#include "seg-segment-list.h"
#include "seg-segment-page.h"
#include "seg-segments-controller.h"
#include "seg-template-dialog.h"
#include "seg-test-ui.h"
#include "seg-window.h"

static SegApplication *app;
static char *tmp_dir;

typedef struct
{
  SegRuleBuilder *builder;
  gint64          expected;
  const char     *expected_label;
} CountWait;

static gboolean
count_settled (gpointer data)
{
  CountWait *wait = data;

  return !seg_rule_builder_get_counting (wait->builder) &&
         seg_rule_builder_get_count (wait->builder) == wait->expected &&
         strstr (gtk_label_get_label (seg_rule_builder_get_count_label (wait->builder)),
                 wait->expected_label) != NULL;
}

static gint64
count_rule (SegStore   *store,
            const char *text)
{
  g_autoptr(SegRule) rule = NULL;
  g_autoptr(GError) error = NULL;
  gint64 customers = -1, revenue = 0;

  rule = seg_rule_new_from_text (text, &error);
  g_assert_no_error (error);
  seg_rule_count (seg_store_get_db (store), rule, seg_store_get_reference_day (store),
                  &customers, &revenue, &error);
  g_assert_no_error (error);

  return customers;
}

static gboolean
has_visible_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_label_get_label (GTK_LABEL (widget))[0] != '\0')
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_visible_text (child))
      return TRUE;

  return FALSE;
}

/* Every control the store owner can reach has a name a screen reader can say. */
static void
check_accessible_names (GtkWidget *widget,
                        guint     *n_checked)
{
  gboolean control = GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) ||
                     GTK_IS_DROP_DOWN (widget) || GTK_IS_SPIN_BUTTON (widget) ||
                     (GTK_IS_ENTRY (widget) && !GTK_IS_SPIN_BUTTON (gtk_widget_get_parent (widget)));

  if (control && gtk_widget_get_visible (widget))
    {
      gboolean named = gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                                         GTK_ACCESSIBLE_PROPERTY_LABEL) ||
                       gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                                         GTK_ACCESSIBLE_RELATION_LABELLED_BY) ||
                       ((GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget)) &&
                        has_visible_text (widget));

      if (!named)
        g_error ("A %s in the builder has no accessible name", G_OBJECT_TYPE_NAME (widget));
      (*n_checked)++;

      /* A drop-down's or menu button's insides are the control itself. */
      if (GTK_IS_DROP_DOWN (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_SPIN_BUTTON (widget))
        return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_accessible_names (child, n_checked);
}

static void
test_builder_text_and_count (void)
{
  g_autoptr(SegStore) store = seg_test_create_demo (tmp_dir, "Builder.segments");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected_label = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *builder = seg_rule_builder_new ();
  SegRuleRow *orders_row;
  SegRuleRow *country_row;
  SegRuleCondition *condition;
  GtkWidget *editor;
  CountWait wait;
  guint n_checked = 0;

  gtk_window_set_child (GTK_WINDOW (window), builder);
  gtk_window_present (GTK_WINDOW (window));
  seg_rule_builder_set_store (SEG_RULE_BUILDER (builder), store);

  g_assert_true (seg_rule_builder_set_text (SEG_RULE_BUILDER (builder),
                                            "orders >= 2 and country in (\"US\", \"CA\")",
                                            &error));
  g_assert_no_error (error);

  /* The rows show the rule. */
  rows = seg_rule_builder_dup_rows (SEG_RULE_BUILDER (builder));
  g_assert_cmpuint (rows->len, ==, 2);
  orders_row = g_ptr_array_index (rows, 0);
  country_row = g_ptr_array_index (rows, 1);

  condition = seg_rule_row_get_condition (orders_row);
  g_assert_cmpstr (seg_rule_condition_get_field (condition), ==, "orders");
  g_assert_cmpint (seg_rule_condition_get_operator (condition), ==, SEG_RULE_OPERATOR_GE);
  editor = seg_rule_row_get_value_editor (orders_row, 0);
  g_assert_true (GTK_IS_SPIN_BUTTON (editor));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (editor)), ==, 2);
  g_assert_cmpstr (gtk_drop_down_get_selected_item (seg_rule_row_get_operator_drop_down (orders_row))
                   ? gtk_string_object_get_string (gtk_drop_down_get_selected_item (seg_rule_row_get_operator_drop_down (orders_row)))
                   : NULL,
                   ==, seg_rule_operator_get_label (SEG_RULE_OPERATOR_GE));

  condition = seg_rule_row_get_condition (country_row);
  g_assert_cmpstr (seg_rule_condition_get_field (condition), ==, "country");
  g_assert_cmpint (seg_rule_condition_get_operator (condition), ==, SEG_RULE_OPERATOR_IN);
  g_assert_cmpuint (seg_rule_condition_get_n_values (condition), ==, 2);
  g_assert_true (GTK_IS_MENU_BUTTON (seg_rule_row_get_value_editor (country_row, 0)));

  /* The first count. */
  wait.builder = SEG_RULE_BUILDER (builder);
  wait.expected = count_rule (store, "orders >= 2 and country in (\"US\", \"CA\")");
  expected_label = seg_format_count (wait.expected);
  wait.expected_label = expected_label;
  seg_test_wait_until (count_settled, &wait);

  /* Editing a value through the row updates the text form and the count. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (seg_rule_row_get_value_editor (orders_row, 0)), 3);
  text = seg_rule_builder_dup_text (SEG_RULE_BUILDER (builder));
  g_assert_cmpstr (text, ==, "orders >= 3 and country in (\"US\", \"CA\")");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (seg_rule_builder_get_text_entry (SEG_RULE_BUILDER (builder)))),
                   ==, text);

  wait.expected = count_rule (store, text);
  g_free (expected_label);
  expected_label = seg_format_count (wait.expected);
  wait.expected_label = expected_label;
  g_assert_cmpint (wait.expected, >, 0);
  seg_test_wait_until (count_settled, &wait);

  /* Changing the field keeps the row valid. */
  seg_rule_row_set_field (orders_row, "last_order");
  g_assert_true (seg_rule_condition_validate (seg_rule_row_get_condition (orders_row), NULL));

  /* A text form that is not a rule says where. */
  gtk_editable_set_text (GTK_EDITABLE (seg_rule_builder_get_text_entry (SEG_RULE_BUILDER (builder))),
                         "orders >=");
  g_signal_emit_by_name (seg_rule_builder_get_text_entry (SEG_RULE_BUILDER (builder)), "activate");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (seg_rule_builder_get_text_error_label (SEG_RULE_BUILDER (builder)))));
  g_assert_nonnull (strstr (gtk_label_get_label (seg_rule_builder_get_text_error_label (SEG_RULE_BUILDER (builder))),
                            "Column"));

  /* Every kind of value editor, then every control has a name. */
  g_assert_true (seg_rule_builder_set_text (SEG_RULE_BUILDER (builder),
                                            "revenue between 10 and 500 and last_order after 2025-01-01 "
                                            "and (email_status = \"subscribed\" or tags contains \"vip\") "
                                            "and orders_in_period >= 1 within 90 days and attr(\"interest\") = \"yoga\"",
                                            &error));
  g_assert_no_error (error);
  check_accessible_names (builder, &n_checked);
  g_assert_cmpuint (n_checked, >, 20);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_template_unique_name (void)
{
  g_autoptr(SegStore) store = seg_test_create_demo (tmp_dir, "Templates.segments");
  g_autoptr(GError) error = NULL;
  g_autoptr(SegSegment) existing = NULL;
  g_autoptr(SegSegment) created = NULL;
  g_autoptr(SegSegment) blank = NULL;
  GtkWidget *dialog;

  existing = seg_segments_lookup (store, "Repeat buyers", &error);
  g_assert_no_error (error);
  g_assert_nonnull (existing);

  dialog = seg_template_dialog_new (store);
  gtk_window_present (GTK_WINDOW (dialog));
  created = seg_template_dialog_use (SEG_TEMPLATE_DIALOG (dialog), "repeat-buyers", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (seg_segment_get_name (created), ==, "Repeat buyers 2");
  g_assert_cmpstr (seg_segment_get_rule (created), ==, seg_segment_get_rule (existing));
  g_clear_object (&existing);
  existing = seg_segments_lookup (store, "Repeat buyers 2", &error);
  g_assert_no_error (error);
  g_assert_nonnull (existing);

  blank = seg_template_dialog_use (SEG_TEMPLATE_DIALOG (dialog), "blank", &error);
  g_assert_no_error (error);
  g_assert_nonnull (blank);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
controller_idle (gpointer data)
{
  return !seg_segments_controller_get_evaluating (data) &&
         seg_segments_controller_get_evaluation (data) != NULL;
}

static void
test_delete_and_undo (void)
{
  g_autoptr(SegStore) store = seg_test_create_demo (tmp_dir, "Delete.segments");
  g_autoptr(GError) error = NULL;
  g_autoptr(SegSegment) segment = NULL;
  g_autoptr(SegSegment) restored = NULL;
  g_autoptr(SegSegment) gone = NULL;
  SegWindow *window = seg_window_new (app);
  SegSegmentsController *controller;
  GtkWidget *page;
  guint n_before;
  AdwToast *toast;

  seg_window_set_store (window, store);
  gtk_window_present (GTK_WINDOW (window));
  controller = seg_segments_controller_get_for_window (window);
  g_assert_nonnull (controller);
  seg_test_wait_until (controller_idle, controller);

  n_before = g_list_model_get_n_items (seg_segments_controller_get_segments (controller));
  g_assert_cmpuint (n_before, ==, 5);

  segment = seg_segments_lookup (store, "Lapsed customers", &error);
  g_assert_no_error (error);
  page = seg_segments_controller_get_page (controller, seg_segment_get_id (segment));
  g_assert_true (SEG_IS_SEGMENT_PAGE (page));
  seg_segments_controller_open_segment (controller, seg_segment_get_id (segment));

  toast = seg_segments_controller_delete (controller, seg_segment_get_id (segment));
  g_assert_nonnull (toast);
  gone = seg_segments_lookup (store, "Lapsed customers", NULL);
  g_assert_null (gone);
  g_assert_cmpuint (g_list_model_get_n_items (seg_segments_controller_get_segments (controller)),
                    ==, n_before - 1);

  g_signal_emit_by_name (toast, "button-clicked");
  restored = seg_segments_lookup (store, "Lapsed customers", &error);
  g_assert_no_error (error);
  g_assert_nonnull (restored);
  g_assert_cmpint (seg_segment_get_priority (restored), ==, seg_segment_get_priority (segment));
  seg_test_wait_until (controller_idle, controller);
  g_assert_cmpuint (g_list_model_get_n_items (seg_segments_controller_get_segments (controller)),
                    ==, n_before);

  /* Moving down and back up keeps the order a store owner chose. */
  g_assert_true (seg_segments_controller_move (controller, seg_segment_get_id (restored), -1));
  g_assert_true (seg_segments_controller_move (controller, seg_segment_get_id (restored), 1));
  seg_test_wait_until (controller_idle, controller);

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

  tmp_dir = seg_test_make_tmp_dir ("segments-ui-segments-XXXXXX");

  app = seg_test_register_application ("io.github.segmentsapp.Segments.UiSegmentsTest");

  g_test_add_func ("/ui/segments/builder", test_builder_text_and_count);
  g_test_add_func ("/ui/segments/template-unique-name", test_template_unique_name);
  g_test_add_func ("/ui/segments/delete-undo", test_delete_and_undo);

  status = g_test_run ();

  g_clear_object (&app);
  seg_test_remove_dir (tmp_dir);
  g_free (tmp_dir);

  return status;
}
