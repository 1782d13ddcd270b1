/* seg-rule-builder.c — a rule point and click, with its live count
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The builder shows a SegRule as nested groups of SegRuleRow widgets and
 * edits it in place.  Every change restarts a short timer; when it fires
 * the rule is copied and counted in a worker thread on its own SQLite
 * connection, cancelling the count before it, so that typing never waits
 * for the database.
 */

#define G_LOG_DOMAIN "seg-rule-builder"

#include "config.h"

#include <glib/gi18n.h>

#include "seg-format.h"
#include "seg-rule-builder.h"
#include "seg-rule-compiler.h"
#include "seg-rule-describe.h"
#include "seg-rule-parser.h"
#include "seg-rule-row.h"

#define COUNT_DELAY_MS 150

struct _SegRuleBuilder
{
  GtkWidget     parent_instance;

  /* template */
  GtkWidget    *count_banner;
  GtkImage     *count_icon;
  GtkLabel     *count_label;
  GtkSpinner   *count_spinner;
  GtkWidget    *groups_box;
  GtkLabel     *description_label;
  GtkExpander  *text_expander;
  GtkEntry     *text_entry;
  GtkLabel     *text_error_label;

  SegStore     *store;
  char         *currency;
  SegRule      *rule;
  gulong        rule_changed_id;
  GCancellable *count_cancellable;
  guint         count_source;
  gint64        count;
  SegRuleCondition *focus_condition;

  guint         counting : 1;
  guint         updating_text : 1;
  guint         text_edited : 1;
};

G_DEFINE_FINAL_TYPE (SegRuleBuilder, seg_rule_builder, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_RULE,
  PROP_COUNTING,
  PROP_COUNT,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  SegStore *store;
  SegRule  *rule;
  gint32    day;
} CountRequest;

typedef struct
{
  gint64 customers;
  gint64 revenue_cents;
  gint64 total;
} CountResult;

static void rebuild (SegRuleBuilder *self);

/* Helpers */

static void
count_request_free (gpointer data)
{
  CountRequest *request = data;

  g_clear_object (&request->store);
  g_clear_object (&request->rule);
  g_free (request);
}

static int
check_cancelled (void *data)
{
  return g_cancellable_is_cancelled (data);
}

static void
count_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CountRequest *request = task_data;
  g_autoptr(sqlite3) db = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree CountResult *result = g_new0 (CountResult, 1);

  db = seg_store_open_connection (request->store, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  sqlite3_progress_handler (db, 1000, check_cancelled, cancellable);

  if (!seg_rule_count (db, request->rule, request->day, &result->customers,
                       &result->revenue_cents, &error))
    {
      if (!g_task_return_error_if_cancelled (task))
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM customers", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    result->total = sqlite3_column_int64 (stmt, 0);

  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_return_pointer (task, g_steal_pointer (&result), g_free);
}

static void
set_counting (SegRuleBuilder *self,
              gboolean        counting)
{
  counting = !!counting;
  if (self->counting == counting)
    return;

  self->counting = counting;
  gtk_spinner_set_spinning (self->count_spinner, counting);
  gtk_widget_set_visible (GTK_WIDGET (self->count_spinner), counting);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTING]);
}

static void
show_count_problem (SegRuleBuilder *self,
                    const char     *message)
{
  gtk_label_set_label (self->count_label, message);
  gtk_image_set_from_icon_name (self->count_icon, "dialog-warning-symbolic");
  gtk_widget_add_css_class (GTK_WIDGET (self->count_icon), "warning");
  if (self->count != -1)
    {
      self->count = -1;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
    }
}

static void
count_ready_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SegRuleBuilder *self = SEG_RULE_BUILDER (object);
  g_autofree CountResult *count = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *customers = NULL;
  g_autofree char *share = NULL;
  g_autofree char *revenue = NULL;
  g_autofree char *text = NULL;

  count = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_task_get_cancellable (G_TASK (result)) != self->count_cancellable)
    return;

  set_counting (self, FALSE);

  if (count == NULL)
    {
      show_count_problem (self, error->message);
      return;
    }

  customers = seg_format_count (count->customers);
  share = seg_format_percent (count->total > 0 ? (double) count->customers / count->total : 0);
  revenue = seg_format_money (count->revenue_cents, self->currency);
  /* Translators: the live count above the rule builder: customers,
   * their share of all customers and their revenue, e.g.
   * "1,204 customers · 24% of all · $38,120 revenue". */
  text = g_strdup_printf (ngettext ("%s customer · %s of all · %s revenue",
                                    "%s customers · %s of all · %s revenue",
                                    (gulong) count->customers),
                          customers, share, revenue);

  gtk_label_set_label (self->count_label, text);
  gtk_image_set_from_icon_name (self->count_icon, "system-users-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (self->count_icon), "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->count_banner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);

  if (self->count != count->customers)
    {
      self->count = count->customers;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
    }
}

static void
start_count (SegRuleBuilder *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  CountRequest *request;

  g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);

  if (self->store == NULL || self->rule == NULL)
    return;

  if (!seg_rule_validate (self->rule, &error))
    {
      set_counting (self, FALSE);
      show_count_problem (self, error->message);
      return;
    }

  self->count_cancellable = g_cancellable_new ();
  request = g_new0 (CountRequest, 1);
  request->store = g_object_ref (self->store);
  request->rule = seg_rule_copy (self->rule);
  request->day = seg_store_get_reference_day (self->store);

  task = g_task_new (self, self->count_cancellable, count_ready_cb, NULL);
  g_task_set_source_tag (task, start_count);
  g_task_set_task_data (task, request, count_request_free);
  g_task_run_in_thread (task, count_thread);
  set_counting (self, TRUE);
}

static gboolean
count_timeout_cb (gpointer user_data)
{
  SegRuleBuilder *self = user_data;

  self->count_source = 0;
  start_count (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_count (SegRuleBuilder *self)
{
  g_clear_handle_id (&self->count_source, g_source_remove);
  self->count_source = g_timeout_add (COUNT_DELAY_MS, count_timeout_cb, self);
}

static void
update_text (SegRuleBuilder *self)
{
  g_autofree char *text = NULL;
  g_autofree char *description = NULL;
  SegRuleGroup *root;

  if (self->rule == NULL)
    return;

  root = seg_rule_get_root (self->rule);
  if (seg_rule_group_get_n_children (root) == 0)
    description = g_strdup (_("Everyone: add a condition to choose who belongs here."));
  else
    description = seg_rule_describe (self->rule);
  gtk_label_set_label (self->description_label, description);

  if (!self->text_edited)
    {
      text = seg_rule_to_text (self->rule);
      self->updating_text = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->text_entry), text ? text : "");
      self->updating_text = FALSE;
    }
}

static int
find_child (SegRuleGroup *group,
            GObject      *child)
{
  for (guint i = 0; i < seg_rule_group_get_n_children (group); i++)
    if (seg_rule_group_get_child (group, i) == child)
      return i;

  return -1;
}

static SegRuleCondition *
new_default_condition (void)
{
  const char *values[] = { "1", NULL };

  return seg_rule_condition_new ("orders", SEG_RULE_OPERATOR_GE, values);
}

static void
add_condition (SegRuleBuilder *self,
               SegRuleGroup   *group,
               int             position)
{
  g_autoptr(SegRuleCondition) condition = new_default_condition ();

  self->focus_condition = condition;
  if (position < 0)
    seg_rule_group_append (group, G_OBJECT (condition));
  else
    seg_rule_group_insert (group, position, G_OBJECT (condition));
  rebuild (self);
}

/* Callbacks */

static void
rule_changed_cb (SegRuleBuilder *self)
{
  update_text (self);
  schedule_count (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
row_remove_requested_cb (SegRuleRow     *row,
                         SegRuleBuilder *self)
{
  SegRuleGroup *group = g_object_get_data (G_OBJECT (row), "seg-group");
  int position = find_child (group, G_OBJECT (seg_rule_row_get_condition (row)));

  if (position < 0)
    return;

  seg_rule_group_remove (group, position);
  rebuild (self);
}

static void
row_add_requested_cb (SegRuleRow     *row,
                      SegRuleBuilder *self)
{
  SegRuleGroup *group = g_object_get_data (G_OBJECT (row), "seg-group");
  int position = find_child (group, G_OBJECT (seg_rule_row_get_condition (row)));

  add_condition (self, group, position < 0 ? -1 : position + 1);
}

static void
add_condition_clicked_cb (GtkButton      *button,
                          SegRuleBuilder *self)
{
  add_condition (self, g_object_get_data (G_OBJECT (button), "seg-group"), -1);
}

static void
add_group_clicked_cb (GtkButton      *button,
                      SegRuleBuilder *self)
{
  SegRuleGroup *parent = g_object_get_data (G_OBJECT (button), "seg-group");
  g_autoptr(SegRuleGroup) group = NULL;
  g_autoptr(SegRuleCondition) condition = new_default_condition ();

  group = seg_rule_group_new (seg_rule_group_get_match (parent) == SEG_RULE_MATCH_ALL
                              ? SEG_RULE_MATCH_ANY : SEG_RULE_MATCH_ALL);
  seg_rule_group_append (group, G_OBJECT (condition));
  self->focus_condition = condition;
  seg_rule_group_append (parent, G_OBJECT (group));
  rebuild (self);
}

static void
remove_group_clicked_cb (GtkButton      *button,
                         SegRuleBuilder *self)
{
  SegRuleGroup *group = g_object_get_data (G_OBJECT (button), "seg-group");
  SegRuleGroup *parent = g_object_get_data (G_OBJECT (button), "seg-parent");
  int position = find_child (parent, G_OBJECT (group));

  if (position >= 0)
    {
      seg_rule_group_remove (parent, position);
      rebuild (self);
    }
}

static void
match_selected_cb (GtkDropDown    *drop_down,
                   GParamSpec     *pspec,
                   SegRuleBuilder *self)
{
  SegRuleGroup *group = g_object_get_data (G_OBJECT (drop_down), "seg-group");

  seg_rule_group_set_match (group, gtk_drop_down_get_selected (drop_down) == 0
                                   ? SEG_RULE_MATCH_ALL : SEG_RULE_MATCH_ANY);
}

static void
text_changed_cb (SegRuleBuilder *self)
{
  if (self->updating_text)
    return;

  self->text_edited = TRUE;
}

static void
text_activated_cb (SegRuleBuilder *self)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->text_entry));

  if (!seg_rule_builder_set_text (self, text, &error))
    {
      gtk_label_set_label (self->text_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->text_error_label), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->text_entry), "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_entry),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message, -1);
    }
}

static void
text_icon_pressed_cb (SegRuleBuilder *self)
{
  text_activated_cb (self);
}

/* Building the groups */

static GtkWidget *
build_group (SegRuleBuilder *self,
             SegRuleGroup   *group,
             SegRuleGroup   *parent);

static GtkWidget *
build_header (SegRuleBuilder *self,
              SegRuleGroup   *group,
              SegRuleGroup   *parent)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  const char *matches[] = { _("All of these"), _("Any of these"), NULL };
  const char *match_label;
  GtkWidget *lead;
  GtkWidget *drop_down;

  if (parent == NULL)
    lead = gtk_label_new (seg_rule_group_get_negated (group)
                          ? _("Customers who match none of") : _("Customers who match"));
  else
    lead = gtk_label_new (seg_rule_group_get_negated (group) ? _("None of") : _("Match"));
  gtk_label_set_xalign (GTK_LABEL (lead), 0);
  gtk_widget_add_css_class (lead, "heading");
  gtk_box_append (GTK_BOX (header), lead);

  drop_down = gtk_drop_down_new_from_strings (matches);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down),
                              seg_rule_group_get_match (group) == SEG_RULE_MATCH_ALL ? 0 : 1);
  match_label = parent == NULL ? _("Match all or any of the conditions")
                               : _("Match all or any of the group’s conditions");
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, match_label,
                                  -1);
  /* GTK 4.8 focuses the drop-down's inner toggle button: name it as well. */
  for (GtkWidget *child = gtk_widget_get_first_child (drop_down);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, match_label,
                                      -1);
  g_object_set_data (G_OBJECT (drop_down), "seg-group", group);
  g_signal_connect (drop_down, "notify::selected", G_CALLBACK (match_selected_cb), self);
  gtk_box_append (GTK_BOX (header), drop_down);

  if (parent != NULL)
    {
      GtkWidget *spacer = gtk_label_new (NULL);
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      gtk_widget_set_hexpand (spacer, TRUE);
      gtk_box_append (GTK_BOX (header), spacer);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove Group"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove group"), -1);
      g_object_set_data (G_OBJECT (remove), "seg-group", group);
      g_object_set_data (G_OBJECT (remove), "seg-parent", parent);
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_group_clicked_cb), self);
      gtk_box_append (GTK_BOX (header), remove);
    }

  return header;
}

static GtkWidget *
make_button (const char *icon_name,
             const char *label)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *text = gtk_label_new_with_mnemonic (label);

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon_name));
  gtk_box_append (GTK_BOX (box), text);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_label_set_mnemonic_widget (GTK_LABEL (text), button);

  return button;
}

static GtkWidget *
build_group (SegRuleBuilder *self,
             SegRuleGroup   *group,
             SegRuleGroup   *parent)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *footer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *add_condition_button;
  GtkWidget *add_group_button;
  guint n = seg_rule_group_get_n_children (group);

  gtk_box_append (GTK_BOX (box), build_header (self, group, parent));

  if (n == 0)
    {
      GtkWidget *empty = gtk_label_new (parent == NULL
                                        ? _("Add a condition to choose who belongs here.")
                                        : _("Add a condition to this group."));

      gtk_label_set_xalign (GTK_LABEL (empty), 0);
      gtk_label_set_wrap (GTK_LABEL (empty), TRUE);
      gtk_widget_add_css_class (empty, "dim-label");
      gtk_widget_set_margin_top (empty, 6);
      gtk_widget_set_margin_bottom (empty, 6);
      gtk_box_append (GTK_BOX (box), empty);
    }

  for (guint i = 0; i < n; i++)
    {
      GObject *child = seg_rule_group_get_child (group, i);

      if (SEG_IS_RULE_CONDITION (child))
        {
          GtkWidget *row = seg_rule_row_new (SEG_RULE_CONDITION (child));

          g_object_set_data (G_OBJECT (row), "seg-group", group);
          g_signal_connect (row, "remove-requested", G_CALLBACK (row_remove_requested_cb), self);
          g_signal_connect (row, "add-requested", G_CALLBACK (row_add_requested_cb), self);

          if (seg_rule_condition_get_negated (SEG_RULE_CONDITION (child)))
            {
              GtkWidget *wrap = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
              GtkWidget *not = gtk_label_new (C_("condition", "Not:"));

              gtk_widget_add_css_class (not, "dim-label");
              gtk_box_append (GTK_BOX (wrap), not);
              gtk_box_append (GTK_BOX (wrap), row);
              gtk_widget_set_hexpand (row, TRUE);
              gtk_box_append (GTK_BOX (box), wrap);
            }
          else
            gtk_box_append (GTK_BOX (box), row);
        }
      else if (SEG_IS_RULE_GROUP (child))
        {
          GtkWidget *frame = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
          GtkWidget *inner = build_group (self, SEG_RULE_GROUP (child), group);

          gtk_widget_add_css_class (frame, "card");
          gtk_widget_set_margin_start (frame, 24);
          gtk_widget_set_margin_top (inner, 12);
          gtk_widget_set_margin_bottom (inner, 12);
          gtk_widget_set_margin_start (inner, 12);
          gtk_widget_set_margin_end (inner, 12);
          gtk_box_append (GTK_BOX (frame), inner);
          gtk_box_append (GTK_BOX (box), frame);
        }
    }

  add_condition_button = make_button ("list-add-symbolic",
                                      parent == NULL ? _("_Add Condition") : _("Add Co_ndition"));
  g_object_set_data (G_OBJECT (add_condition_button), "seg-group", group);
  g_signal_connect (add_condition_button, "clicked", G_CALLBACK (add_condition_clicked_cb), self);
  gtk_box_append (GTK_BOX (footer), add_condition_button);

  add_group_button = make_button ("view-list-symbolic",
                                  parent == NULL ? _("Add _Group") : _("Add Nested Gro_up"));
  g_object_set_data (G_OBJECT (add_group_button), "seg-group", group);
  g_signal_connect (add_group_button, "clicked", G_CALLBACK (add_group_clicked_cb), self);
  gtk_box_append (GTK_BOX (footer), add_group_button);
  gtk_widget_set_margin_top (footer, 6);
  gtk_box_append (GTK_BOX (box), footer);

  return box;
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (SEG_IS_RULE_ROW (widget))
    {
      g_ptr_array_add (rows, g_object_ref (widget));
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

static void
rebuild (SegRuleBuilder *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->groups_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->groups_box), child);

  if (self->rule != NULL)
    gtk_box_append (GTK_BOX (self->groups_box),
                    build_group (self, seg_rule_get_root (self->rule), NULL));

  if (self->focus_condition != NULL)
    {
      g_autoptr(GPtrArray) rows = seg_rule_builder_dup_rows (self);

      for (guint i = 0; i < rows->len; i++)
        if (seg_rule_row_get_condition (g_ptr_array_index (rows, i)) == self->focus_condition)
          gtk_widget_grab_focus (seg_rule_row_get_field_button (g_ptr_array_index (rows, i)));
      self->focus_condition = NULL;
    }

  update_text (self);
}

/* Overrides */

static void
seg_rule_builder_dispose (GObject *object)
{
  GtkWidget *child;
  SegRuleBuilder *self = (SegRuleBuilder *) object;

  g_clear_handle_id (&self->count_source, g_source_remove);
  g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);
  if (self->rule != NULL)
    g_clear_signal_handler (&self->rule_changed_id, self->rule);
  g_clear_object (&self->rule);
  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), SEG_TYPE_RULE_BUILDER);
  /* Children without an id are not the template's to dispose. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (seg_rule_builder_parent_class)->dispose (object);
}

static void
seg_rule_builder_finalize (GObject *object)
{
  SegRuleBuilder *self = (SegRuleBuilder *) object;

  g_free (self->currency);

  G_OBJECT_CLASS (seg_rule_builder_parent_class)->finalize (object);
}

static void
seg_rule_builder_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SegRuleBuilder *self = SEG_RULE_BUILDER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_RULE:
      g_value_set_object (value, self->rule);
      break;
    case PROP_COUNTING:
      g_value_set_boolean (value, self->counting);
      break;
    case PROP_COUNT:
      g_value_set_int64 (value, self->count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_rule_builder_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SegRuleBuilder *self = SEG_RULE_BUILDER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      seg_rule_builder_set_store (self, g_value_get_object (value));
      break;
    case PROP_RULE:
      seg_rule_builder_set_rule (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_rule_builder_class_init (SegRuleBuilderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seg_rule_builder_dispose;
  object_class->finalize = seg_rule_builder_finalize;
  object_class->get_property = seg_rule_builder_get_property;
  object_class->set_property = seg_rule_builder_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SEG_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RULE] =
    g_param_spec_object ("rule", NULL, NULL, SEG_TYPE_RULE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUNTING] =
    g_param_spec_boolean ("counting", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUNT] =
    g_param_spec_int64 ("count", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SegRuleBuilder::changed:
   *
   * The user changed the rule (not emitted by seg_rule_builder_set_rule()).
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/segmentsapp/Segments/seg-rule-builder.ui");
  gtk_widget_class_bind_template_child (widget_class, SegRuleBuilder, count_banner);
  gtk_widget_class_bind_template_child (widget_class, SegRuleBuilder, count_icon);
  gtk_widget_class_bind_template_child (widget_class, SegRuleBuilder, count_label);
  gtk_widget_class_bind_template_child (widget_class, SegRuleBuilder, count_spinner);
  gtk_widget_class_bind_template_child (widget_class, SegRuleBuilder, groups_box);
  gtk_widget_class_bind_template_child (widget_class, SegRuleBuilder, description_label);
  gtk_widget_class_bind_template_child (widget_class, SegRuleBuilder, text_expander);
  gtk_widget_class_bind_template_child (widget_class, SegRuleBuilder, text_entry);
  gtk_widget_class_bind_template_child (widget_class, SegRuleBuilder, text_error_label);
}

static void
seg_rule_builder_init (SegRuleBuilder *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->count = -1;
  gtk_widget_set_visible (GTK_WIDGET (self->count_spinner), FALSE);

  g_signal_connect_swapped (self->text_entry, "changed", G_CALLBACK (text_changed_cb), self);
  g_signal_connect_swapped (self->text_entry, "activate", G_CALLBACK (text_activated_cb), self);
  g_signal_connect_swapped (self->text_entry, "icon-press", G_CALLBACK (text_icon_pressed_cb),
                            self);

  seg_rule_builder_set_rule (self, NULL);
}

/* Public API */

GtkWidget *
seg_rule_builder_new (void)
{
  return g_object_new (SEG_TYPE_RULE_BUILDER, NULL);
}

SegStore *
seg_rule_builder_get_store (SegRuleBuilder *self)
{
  g_return_val_if_fail (SEG_IS_RULE_BUILDER (self), NULL);
  return self->store;
}

/**
 * seg_rule_builder_set_store:
 * @store: (nullable): the store the live count runs on
 */
void
seg_rule_builder_set_store (SegRuleBuilder *self,
                            SegStore       *store)
{
  g_return_if_fail (SEG_IS_RULE_BUILDER (self));
  g_return_if_fail (store == NULL || SEG_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  g_clear_pointer (&self->currency, g_free);
  if (store != NULL)
    self->currency = seg_store_dup_currency (store);

  schedule_count (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

SegRule *
seg_rule_builder_get_rule (SegRuleBuilder *self)
{
  g_return_val_if_fail (SEG_IS_RULE_BUILDER (self), NULL);
  return self->rule;
}

/**
 * seg_rule_builder_set_rule:
 * @rule: (nullable): the rule to edit in place; %NULL for a new empty one
 */
void
seg_rule_builder_set_rule (SegRuleBuilder *self,
                           SegRule        *rule)
{
  g_autoptr(SegRule) empty = NULL;

  g_return_if_fail (SEG_IS_RULE_BUILDER (self));
  g_return_if_fail (rule == NULL || SEG_IS_RULE (rule));

  if (rule == NULL)
    rule = empty = seg_rule_new ();

  if (self->rule == rule)
    return;

  if (self->rule != NULL)
    g_clear_signal_handler (&self->rule_changed_id, self->rule);
  g_set_object (&self->rule, rule);
  self->rule_changed_id = g_signal_connect_swapped (rule, "changed",
                                                    G_CALLBACK (rule_changed_cb), self);

  self->text_edited = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->text_error_label), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->text_entry), "error");
  rebuild (self);
  schedule_count (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RULE]);
}

/**
 * seg_rule_builder_set_text:
 * @text: a rule in its text form
 *
 * What pressing Enter in the text form does: parses @text and, if it is a
 * rule, makes it the builder's rule (in place, so whoever holds the rule
 * sees the change).
 *
 * Returns: %FALSE with @error set (saying which column) if @text is not a rule
 */
gboolean
seg_rule_builder_set_text (SegRuleBuilder  *self,
                           const char      *text,
                           GError         **error)
{
  g_autoptr(SegRuleGroup) root = NULL;

  g_return_val_if_fail (SEG_IS_RULE_BUILDER (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  root = seg_rule_parse (text, error);
  if (root == NULL)
    return FALSE;

  self->text_edited = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->text_error_label), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->text_entry), "error");
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->text_entry),
                                 GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);

  /* set_root emits "changed" on the rule, which counts and saves. */
  g_signal_handler_block (self->rule, self->rule_changed_id);
  seg_rule_set_root (self->rule, root);
  g_signal_handler_unblock (self->rule, self->rule_changed_id);

  rebuild (self);
  rule_changed_cb (self);

  return TRUE;
}

char *
seg_rule_builder_dup_text (SegRuleBuilder *self)
{
  g_return_val_if_fail (SEG_IS_RULE_BUILDER (self), NULL);
  return seg_rule_to_text (self->rule);
}

/**
 * seg_rule_builder_recount:
 *
 * Counts again, after the store changed underneath.
 */
void
seg_rule_builder_recount (SegRuleBuilder *self)
{
  g_return_if_fail (SEG_IS_RULE_BUILDER (self));
  schedule_count (self);
}

gboolean
seg_rule_builder_get_counting (SegRuleBuilder *self)
{
  g_return_val_if_fail (SEG_IS_RULE_BUILDER (self), FALSE);
  return self->counting || self->count_source != 0;
}

/**
 * seg_rule_builder_get_count:
 *
 * Returns: the customers the last count found, or -1 before the first
 *   count and when the rule cannot be counted
 */
gint64
seg_rule_builder_get_count (SegRuleBuilder *self)
{
  g_return_val_if_fail (SEG_IS_RULE_BUILDER (self), -1);
  return self->count;
}

GtkLabel *
seg_rule_builder_get_count_label (SegRuleBuilder *self)
{
  g_return_val_if_fail (SEG_IS_RULE_BUILDER (self), NULL);
  return self->count_label;
}

GtkEntry *
seg_rule_builder_get_text_entry (SegRuleBuilder *self)
{
  g_return_val_if_fail (SEG_IS_RULE_BUILDER (self), NULL);
  return self->text_entry;
}

GtkLabel *
seg_rule_builder_get_text_error_label (SegRuleBuilder *self)
{
  g_return_val_if_fail (SEG_IS_RULE_BUILDER (self), NULL);
  return self->text_error_label;
}

/**
 * seg_rule_builder_dup_rows:
 *
 * Returns: (transfer container) (element-type SegRuleRow): the condition
 *   rows, in the order of the text form
 */
GPtrArray *
seg_rule_builder_dup_rows (SegRuleBuilder *self)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (SEG_IS_RULE_BUILDER (self), rows);

  collect_rows (self->groups_box, rows);
  return rows;
}
