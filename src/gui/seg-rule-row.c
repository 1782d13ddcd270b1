/* seg-rule-row.c — one condition of the rule builder: field · operator · value
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The row edits its SegRuleCondition in place.  The value editors are
 * rebuilt whenever the field or the operator asks for another kind of
 * value; everything else writes straight through to the condition, whose
 * "changed" signal the builder listens to.
 */

#define G_LOG_DOMAIN "seg-rule-row"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "seg-rule-row.h"

/* g_strv_builder_take () is GLib 2.80. */
static void
strv_builder_take (GStrvBuilder *builder,
                   char         *value)
{
  g_strv_builder_add (builder, value);
  g_free (value);
}

typedef enum
{
  EDITOR_NONE,
  EDITOR_SPIN,        /* a number, money, percent or days */
  EDITOR_DAYS,        /* "in the last N days" on a date field */
  EDITOR_DATE,
  EDITOR_TEXT,
  EDITOR_TEXT_LIST,   /* comma separated, for "is one of" on free text */
  EDITOR_CHOICE,
  EDITOR_CHOICES,     /* several choices: a popover of check buttons */
  EDITOR_BOOLEAN,
} EditorKind;

/* The values a field can take, ids and translated labels, in display order. */
typedef struct
{
  guint        n;
  const char **ids;
  const char **labels;
} ChoiceList;

struct _SegRuleRow
{
  GtkWidget         parent_instance;

  SegRuleCondition *condition;

  GtkWidget        *field_button;
  GtkWidget        *field_label;
  GtkWidget        *field_search;
  GtkWidget        *field_list;
  GtkWidget        *attribute_entry;
  GtkWidget        *operator_drop_down;
  GtkWidget        *value_box;
  GtkWidget        *period_box;
  GtkWidget        *period_check;
  GtkWidget        *period_spin;
  GtkWidget        *remove_button;

  GPtrArray        *editors;       /* the value editors, in value order */
  GArray           *operators;     /* SegRuleOperator per drop-down position */
  EditorKind        editor_kind;
  GHashTable       *chosen;        /* ids ticked in the EDITOR_CHOICES popover */
  GtkWidget        *choices_label;

  guint             updating : 1;
};

G_DEFINE_FINAL_TYPE (SegRuleRow, seg_rule_row, GTK_TYPE_WIDGET)

enum {
  REMOVE_REQUESTED,
  ADD_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rebuild_value_editors (SegRuleRow *self);

/* Helpers */

static void
set_accessible_label (GtkWidget  *widget,
                      const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);

  /* In GTK 4.8 the keyboard focus of a drop-down lands on its inner toggle
   * button, which has no name: a screen reader would say only "button". */
  if (GTK_IS_DROP_DOWN (widget))
    for (GtkWidget *child = gtk_widget_get_first_child (widget);
         child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_TOGGLE_BUTTON (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                        -1);
}

static int
compare_country_names (gconstpointer a,
                       gconstpointer b)
{
  const SegCountryInfo *ca = *(const SegCountryInfo * const *) a;
  const SegCountryInfo *cb = *(const SegCountryInfo * const *) b;

  return g_utf8_collate (seg_country_info_get_name (ca), seg_country_info_get_name (cb));
}

static const ChoiceList *
get_country_choices (void)
{
  static ChoiceList list;

  /* The widgets live on the main thread only. */
  if (list.ids == NULL)
    {
      guint n;
      const SegCountryInfo *all = seg_country_info_get_all (&n);
      g_autoptr(GPtrArray) sorted = g_ptr_array_sized_new (n);
      const char **ids = g_new0 (const char *, n + 1);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (sorted, (gpointer) &all[i]);
      g_ptr_array_sort (sorted, compare_country_names);

      list.labels = g_new0 (const char *, n + 1);
      for (guint i = 0; i < n; i++)
        {
          const SegCountryInfo *country = g_ptr_array_index (sorted, i);

          ids[i] = country->code;
          list.labels[i] = seg_country_info_get_name (country);
        }
      list.n = n;
      list.ids = ids;
    }

  return &list;
}

/* Fields whose values come from a list: enums and countries.  The lists
 * live as long as the program. */
static const ChoiceList *
get_choices (const SegField *field)
{
  static GHashTable *lists;
  ChoiceList *list;

  if (field == NULL)
    return NULL;

  if (g_str_equal (field->id, "country"))
    return get_country_choices ();

  if (field->choices == NULL)
    return NULL;

  if (lists == NULL)
    lists = g_hash_table_new (g_str_hash, g_str_equal);

  list = g_hash_table_lookup (lists, field->id);
  if (list == NULL)
    {
      list = g_new0 (ChoiceList, 1);
      list->n = g_strv_length ((char **) field->choices);
      list->ids = (const char **) field->choices;
      list->labels = g_new0 (const char *, list->n + 1);
      for (guint i = 0; i < list->n; i++)
        list->labels[i] = seg_field_get_choice_label (field, field->choices[i]);
      g_hash_table_insert (lists, (gpointer) field->id, list);
    }

  return list;
}

static int
choice_index (const ChoiceList *list,
              const char       *id)
{
  if (id == NULL)
    return -1;

  for (guint i = 0; i < list->n; i++)
    if (g_ascii_strcasecmp (list->ids[i], id) == 0)
      return i;

  return -1;
}

static EditorKind
editor_kind_for (const SegField  *field,
                 SegRuleOperator  op)
{
  guint n_values = seg_rule_operator_get_n_values (op);

  if (field == NULL || n_values == 0)
    return EDITOR_NONE;

  if (op == SEG_RULE_OPERATOR_IN_LAST_DAYS || op == SEG_RULE_OPERATOR_MORE_THAN_DAYS_AGO)
    return EDITOR_DAYS;

  if (get_choices (field) != NULL)
    return n_values == G_MAXUINT ? EDITOR_CHOICES : EDITOR_CHOICE;

  switch (field->value_type)
    {
    case SEG_VALUE_TYPE_NUMBER:
    case SEG_VALUE_TYPE_MONEY:
    case SEG_VALUE_TYPE_DAYS:
    case SEG_VALUE_TYPE_PERCENT:
      return field->attribute ? EDITOR_TEXT : EDITOR_SPIN;

    case SEG_VALUE_TYPE_DATE:
      return EDITOR_DATE;

    case SEG_VALUE_TYPE_BOOLEAN:
      return EDITOR_BOOLEAN;

    case SEG_VALUE_TYPE_TEXT:
    case SEG_VALUE_TYPE_TAGS:
    case SEG_VALUE_TYPE_ENUM:
    default:
      return n_values == G_MAXUINT ? EDITOR_TEXT_LIST : EDITOR_TEXT;
    }
}

static SegRuleOperator
default_operator (const SegField *field)
{
  static const SegRuleOperator preferred[] = {
    SEG_RULE_OPERATOR_GE, SEG_RULE_OPERATOR_IN_LAST_DAYS, SEG_RULE_OPERATOR_IS,
    SEG_RULE_OPERATOR_CONTAINS, SEG_RULE_OPERATOR_IN,
  };

  for (guint i = 0; i < G_N_ELEMENTS (preferred); i++)
    if (seg_field_allows_operator (field, preferred[i]))
      return preferred[i];

  for (guint op = 0; op < SEG_RULE_N_OPERATORS; op++)
    if (seg_field_allows_operator (field, op))
      return op;

  return SEG_RULE_OPERATOR_IS;
}

static char *
dup_date_string (int days_back)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -days_back);

  return g_date_time_format (then, "%Y-%m-%d");
}

static char *
dup_default_value (const SegField  *field,
                   SegRuleOperator  op,
                   guint            index)
{
  EditorKind kind = editor_kind_for (field, op);
  const ChoiceList *choices;

  switch (kind)
    {
    case EDITOR_DAYS:
      return g_strdup (index == 0 ? "30" : "90");

    case EDITOR_CHOICE:
    case EDITOR_CHOICES:
      choices = get_choices (field);
      if (g_str_equal (field->id, "country"))
        return g_strdup ("US");
      return g_strdup (choices->n > 0 ? choices->ids[0] : "");

    case EDITOR_BOOLEAN:
      return g_strdup ("true");

    case EDITOR_DATE:
      return dup_date_string (index == 0 ? 30 : 0);

    case EDITOR_SPIN:
      switch (field->value_type)
        {
        case SEG_VALUE_TYPE_MONEY:
          return g_strdup (index == 0 ? "50" : "200");
        case SEG_VALUE_TYPE_PERCENT:
          return g_strdup (index == 0 ? "25" : "75");
        case SEG_VALUE_TYPE_DAYS:
          return g_strdup (index == 0 ? "30" : "90");
        default:
          return g_strdup (index == 0 ? "1" : "5");
        }

    case EDITOR_TEXT:
    case EDITOR_TEXT_LIST:
    case EDITOR_NONE:
    default:
      return g_strdup ("");
    }
}

/* Gives the condition values that fit its operator, keeping what it has
 * when the kind of value stays the same. */
static void
fit_values (SegRuleRow *self,
            EditorKind  old_kind)
{
  const SegField *field = seg_rule_condition_lookup_field (self->condition);
  SegRuleOperator op = seg_rule_condition_get_operator (self->condition);
  EditorKind kind = editor_kind_for (field, op);
  guint n_values = seg_rule_operator_get_n_values (op);
  guint n_old = seg_rule_condition_get_n_values (self->condition);
  gboolean keep = kind == old_kind ||
                  (kind == EDITOR_CHOICE && old_kind == EDITOR_CHOICES) ||
                  (kind == EDITOR_CHOICES && old_kind == EDITOR_CHOICE) ||
                  (kind == EDITOR_TEXT && old_kind == EDITOR_TEXT_LIST) ||
                  (kind == EDITOR_TEXT_LIST && old_kind == EDITOR_TEXT);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) values = NULL;
  guint wanted;

  if (n_values == 0)
    wanted = 0;
  else if (n_values == G_MAXUINT)
    wanted = keep && n_old > 0 ? n_old : 1;
  else
    wanted = n_values;

  for (guint i = 0; i < wanted; i++)
    {
      if (keep && i < n_old)
        g_strv_builder_add (builder, seg_rule_condition_get_value (self->condition, i));
      else
        strv_builder_take (builder, dup_default_value (field, op, i));
    }

  values = g_strv_builder_end (builder);
  seg_rule_condition_set_values (self->condition, (const char * const *) values);
}

static char *
format_number (double value,
               guint  digits)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (digits == 0 || value == floor (value))
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) llround (value));

  g_ascii_formatd (buffer, sizeof buffer, "%.2f", value);
  return g_strdup (buffer);
}

static void
update_choices_label (SegRuleRow *self)
{
  const ChoiceList *choices = get_choices (seg_rule_condition_lookup_field (self->condition));
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = 0;

  if (self->choices_label == NULL || choices == NULL)
    return;

  for (guint i = 0; i < choices->n; i++)
    if (g_hash_table_contains (self->chosen, choices->ids[i]))
      {
        if (n++ > 0)
          g_string_append (text, _(", "));
        g_string_append (text, choices->labels[i]);
      }

  if (n == 0)
    g_string_assign (text, _("Choose…"));
  else if (n > 3)
    {
      g_string_truncate (text, 0);
      g_string_append_printf (text, ngettext ("%u chosen", "%u chosen", n), n);
    }

  gtk_label_set_label (GTK_LABEL (self->choices_label), text->str);
  gtk_widget_set_tooltip_text (gtk_widget_get_parent (gtk_widget_get_parent (self->choices_label)),
                               n > 0 ? text->str : NULL);
}

/* Reads the editors into the condition. */
static void
store_values (SegRuleRow *self)
{
  const SegField *field = seg_rule_condition_lookup_field (self->condition);
  const ChoiceList *choices = get_choices (field);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) values = NULL;

  if (self->updating)
    return;

  for (guint i = 0; i < self->editors->len; i++)
    {
      GtkWidget *editor = g_ptr_array_index (self->editors, i);

      switch (self->editor_kind)
        {
        case EDITOR_SPIN:
        case EDITOR_DAYS:
          strv_builder_take (builder,
                               format_number (gtk_spin_button_get_value (GTK_SPIN_BUTTON (editor)),
                                              gtk_spin_button_get_digits (GTK_SPIN_BUTTON (editor))));
          break;

        case EDITOR_DATE:
        case EDITOR_TEXT:
          g_strv_builder_add (builder, gtk_editable_get_text (GTK_EDITABLE (editor)));
          break;

        case EDITOR_TEXT_LIST:
          {
            g_auto(GStrv) parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (editor)), ",", -1);

            for (guint j = 0; parts[j] != NULL; j++)
              {
                g_strstrip (parts[j]);
                if (*parts[j] != '\0')
                  g_strv_builder_add (builder, parts[j]);
              }
          }
          break;

        case EDITOR_CHOICE:
          {
            guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (editor));

            if (choices != NULL && selected < choices->n)
              g_strv_builder_add (builder, choices->ids[selected]);
          }
          break;

        case EDITOR_BOOLEAN:
          g_strv_builder_add (builder,
                              gtk_drop_down_get_selected (GTK_DROP_DOWN (editor)) == 0
                              ? "true" : "false");
          break;

        case EDITOR_CHOICES:
          for (guint j = 0; choices != NULL && j < choices->n; j++)
            if (g_hash_table_contains (self->chosen, choices->ids[j]))
              g_strv_builder_add (builder, choices->ids[j]);
          update_choices_label (self);
          break;

        case EDITOR_NONE:
        default:
          break;
        }
    }

  values = g_strv_builder_end (builder);
  seg_rule_condition_set_values (self->condition, (const char * const *) values);
}

static gboolean
date_is_valid (const char *text)
{
  int y, m, d;
  char tail;

  if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
    return FALSE;

  return g_date_valid_dmy (d, m, y);
}

/* Callbacks */

static void
editor_changed_cb (SegRuleRow *self)
{
  store_values (self);
}

static void
editor_activated_cb (SegRuleRow *self)
{
  g_signal_emit (self, signals[ADD_REQUESTED], 0);
}

static void
date_entry_changed_cb (GtkEditable *entry,
                       SegRuleRow  *self)
{
  const char *text = gtk_editable_get_text (entry);

  if (date_is_valid (text))
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");

  store_values (self);
}

static void
calendar_day_selected_cb (GtkCalendar *calendar,
                          GtkEditable *entry)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);

  gtk_editable_set_text (entry, text);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

static void
calendar_popover_shown_cb (GtkPopover  *popover,
                           GtkEditable *entry)
{
  GtkCalendar *calendar = GTK_CALENDAR (gtk_popover_get_child (popover));
  int y, m, d;

  if (sscanf (gtk_editable_get_text (entry), "%4d-%2d-%2d", &y, &m, &d) == 3 &&
      g_date_valid_dmy (d, m, y))
    {
      g_autoptr(GDateTime) date = g_date_time_new_local (y, m, d, 0, 0, 0);

      if (date != NULL)
        gtk_calendar_select_day (calendar, date);
    }
}

static void
choice_toggled_cb (GtkCheckButton *check,
                   SegRuleRow     *self)
{
  const char *id = g_object_get_data (G_OBJECT (check), "choice-id");

  if (gtk_check_button_get_active (check))
    g_hash_table_add (self->chosen, g_strdup (id));
  else
    g_hash_table_remove (self->chosen, id);

  store_values (self);
}

static gboolean
filter_choice_row (GtkListBoxRow *row,
                   gpointer       user_data)
{
  GtkEditable *search = user_data;
  const char *text = gtk_editable_get_text (search);
  const char *key = g_object_get_data (G_OBJECT (row), "search-key");
  g_autofree char *needle = NULL;

  if (text == NULL || *text == '\0' || key == NULL)
    return TRUE;

  needle = g_utf8_casefold (text, -1);
  return strstr (key, needle) != NULL;
}

static void
choice_search_changed_cb (GtkSearchEntry *entry,
                          GtkListBox     *list)
{
  gtk_list_box_invalidate_filter (list);
}

static void
operator_selected_cb (GtkDropDown *drop_down,
                      GParamSpec  *pspec,
                      SegRuleRow  *self)
{
  guint selected = gtk_drop_down_get_selected (drop_down);
  const SegField *field = seg_rule_condition_lookup_field (self->condition);
  SegRuleOperator op;
  EditorKind old_kind;

  if (self->updating || selected >= self->operators->len)
    return;

  op = g_array_index (self->operators, SegRuleOperator, selected);
  if (op == seg_rule_condition_get_operator (self->condition))
    return;

  old_kind = editor_kind_for (field, seg_rule_condition_get_operator (self->condition));
  seg_rule_condition_set_operator (self->condition, op);
  fit_values (self, old_kind);
  rebuild_value_editors (self);
}

static void
attribute_changed_cb (GtkEditable *entry,
                      SegRuleRow  *self)
{
  if (!self->updating)
    seg_rule_condition_set_attribute (self->condition, gtk_editable_get_text (entry));
}

static void
period_changed_cb (SegRuleRow *self)
{
  gboolean on = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->period_check));

  gtk_widget_set_sensitive (self->period_spin, on);
  if (self->updating)
    return;

  seg_rule_condition_set_period_days (self->condition,
                                      on ? gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->period_spin))
                                         : 0);
}

static void
remove_clicked_cb (SegRuleRow *self)
{
  g_signal_emit (self, signals[REMOVE_REQUESTED], 0);
}

static void
field_row_activated_cb (GtkListBox    *list,
                        GtkListBoxRow *row,
                        SegRuleRow    *self)
{
  const char *id = g_object_get_data (G_OBJECT (row), "field-id");

  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->field_button));
  seg_rule_row_set_field (self, id);
  gtk_widget_grab_focus (self->operator_drop_down);
}

static gboolean
filter_field_row (GtkListBoxRow *row,
                  gpointer       user_data)
{
  SegRuleRow *self = user_data;

  return filter_choice_row (row, self->field_search);
}

static void
field_header_func (GtkListBoxRow *row,
                   GtkListBoxRow *before,
                   gpointer       user_data)
{
  int kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "field-kind"));
  GtkWidget *header;

  if (before != NULL &&
      GPOINTER_TO_INT (g_object_get_data (G_OBJECT (before), "field-kind")) == kind)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  if (gtk_list_box_row_get_header (row) != NULL)
    return;

  header = gtk_label_new (seg_field_kind_get_label (kind));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "dim-label");
  gtk_widget_set_margin_top (header, 9);
  gtk_widget_set_margin_bottom (header, 3);
  gtk_widget_set_margin_start (header, 9);
  gtk_list_box_row_set_header (row, header);
}

static void
field_search_changed_cb (SegRuleRow *self)
{
  gtk_list_box_invalidate_filter (GTK_LIST_BOX (self->field_list));
  gtk_list_box_invalidate_headers (GTK_LIST_BOX (self->field_list));
}

static void
field_search_activated_cb (SegRuleRow *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (self->field_list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && gtk_widget_get_child_visible (child) &&
        filter_field_row (GTK_LIST_BOX_ROW (child), self))
      {
        field_row_activated_cb (GTK_LIST_BOX (self->field_list), GTK_LIST_BOX_ROW (child), self);
        return;
      }
}

static void
field_popover_shown_cb (SegRuleRow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->field_search), "");
  gtk_widget_grab_focus (self->field_search);
}

static void
field_search_stopped_cb (SegRuleRow *self)
{
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->field_button));
}

/* Building the widgets */

static GtkWidget *
make_spin (const SegField *field,
           EditorKind      kind,
           const char     *value)
{
  GtkWidget *spin;
  double upper = 1e9, step = 1;
  guint digits = 0;

  if (kind == EDITOR_DAYS)
    upper = 36500;
  else
    switch (field->value_type)
      {
      case SEG_VALUE_TYPE_MONEY:
        digits = 2;
        step = 10;
        break;
      case SEG_VALUE_TYPE_PERCENT:
        upper = 100;
        step = 5;
        break;
      case SEG_VALUE_TYPE_DAYS:
        upper = 36500;
        break;
      default:
        break;
      }

  spin = gtk_spin_button_new_with_range (0, upper, step);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), digits > 0 ? 6 : 4);
  if (value != NULL)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), g_ascii_strtod (value, NULL));

  return spin;
}

static GtkWidget *
make_date_editor (SegRuleRow  *self,
                  const char  *value,
                  GtkWidget  **out_entry)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *calendar = gtk_calendar_new ();

  gtk_widget_add_css_class (box, "linked");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("YYYY-MM-DD"));
  gtk_entry_set_max_length (GTK_ENTRY (entry), 10);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 10);
  gtk_editable_set_text (GTK_EDITABLE (entry), value ? value : "");
  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_widget_set_tooltip_text (button, _("Choose a Date"));
  set_accessible_label (button, _("Choose a date"));
  set_accessible_label (entry, _("Date"));

  g_signal_connect (entry, "changed", G_CALLBACK (date_entry_changed_cb), self);
  g_signal_connect_swapped (entry, "activate", G_CALLBACK (editor_activated_cb), self);
  g_signal_connect (calendar, "day-selected", G_CALLBACK (calendar_day_selected_cb), entry);
  g_signal_connect (popover, "show", G_CALLBACK (calendar_popover_shown_cb), entry);

  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), button);
  *out_entry = entry;

  return box;
}

static GtkWidget *
make_choices_button (SegRuleRow       *self,
                     const ChoiceList *choices)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *arrow = gtk_image_new_from_icon_name ("pan-down-symbolic");

  self->choices_label = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (self->choices_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (self->choices_label), 22);
  gtk_label_set_xalign (GTK_LABEL (self->choices_label), 0);
  gtk_widget_set_hexpand (self->choices_label, TRUE);
  gtk_box_append (GTK_BOX (inner), self->choices_label);
  gtk_box_append (GTK_BOX (inner), arrow);
  gtk_menu_button_set_child (GTK_MENU_BUTTON (button), inner);
  set_accessible_label (button, _("Values"));

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "navigation-sidebar");
  if (choices->n > 12)
    {
      GtkWidget *search = gtk_search_entry_new ();

      g_object_set (search, "placeholder-text", _("Search"), NULL);
      set_accessible_label (search, _("Search values"));
      g_signal_connect (search, "search-changed", G_CALLBACK (choice_search_changed_cb), list);
      g_signal_connect_swapped (search, "stop-search", G_CALLBACK (gtk_popover_popdown), popover);
      gtk_list_box_set_filter_func (GTK_LIST_BOX (list), filter_choice_row, search, NULL);
      gtk_box_append (GTK_BOX (box), search);
    }

  /* Chosen values first, so that they are seen at once. */
  for (guint k = 0; k < 2 * choices->n; k++)
    {
      guint i = k % choices->n;
      gboolean chosen = g_hash_table_contains (self->chosen, choices->ids[i]);
      GtkWidget *check;

      if (chosen != (k < choices->n))
        continue;

      check = gtk_check_button_new_with_label (choices->labels[i]);
      GtkWidget *row = gtk_list_box_row_new ();

      g_object_set_data (G_OBJECT (check), "choice-id", (gpointer) choices->ids[i]);
      g_object_set_data_full (G_OBJECT (row), "search-key",
                              g_utf8_casefold (choices->labels[i], -1), g_free);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   g_hash_table_contains (self->chosen, choices->ids[i]));
      g_signal_connect (check, "toggled", G_CALLBACK (choice_toggled_cb), self);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), check);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);

  return button;
}

static GtkWidget *
make_drop_down (const char * const *labels,
                guint               n,
                guint               selected)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  GtkWidget *drop_down;

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (strings, labels[i]);

  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&strings)), NULL);
  if (n > 12)
    {
      gtk_drop_down_set_expression (GTK_DROP_DOWN (drop_down),
                                    gtk_property_expression_new (GTK_TYPE_STRING_OBJECT,
                                                                 NULL, "string"));
      gtk_drop_down_set_enable_search (GTK_DROP_DOWN (drop_down), TRUE);
    }
  if (selected < n)
    gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), selected);

  return drop_down;
}

static void
add_editor (SegRuleRow *self,
            GtkWidget  *editor,
            GtkWidget  *shown)
{
  g_ptr_array_add (self->editors, editor);
  gtk_box_append (GTK_BOX (self->value_box), shown ? shown : editor);
}

static void
rebuild_value_editors (SegRuleRow *self)
{
  const SegField *field = seg_rule_condition_lookup_field (self->condition);
  SegRuleOperator op = seg_rule_condition_get_operator (self->condition);
  guint n_values = seg_rule_condition_get_n_values (self->condition);
  const ChoiceList *choices = get_choices (field);
  GtkWidget *child;

  self->updating = TRUE;

  while ((child = gtk_widget_get_first_child (self->value_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->value_box), child);
  g_ptr_array_set_size (self->editors, 0);
  self->choices_label = NULL;
  self->editor_kind = editor_kind_for (field, op);

  switch (self->editor_kind)
    {
    case EDITOR_SPIN:
    case EDITOR_DAYS:
      for (guint i = 0; i < MAX (1, MIN (n_values, 2)); i++)
        {
          GtkWidget *spin = make_spin (field, self->editor_kind,
                                       seg_rule_condition_get_value (self->condition, i));

          if (i > 0)
            {
              /* Translators: between one value "and" another */
              GtkWidget *and = gtk_label_new (C_("between", "and"));
              gtk_box_append (GTK_BOX (self->value_box), and);
            }
          set_accessible_label (spin, op == SEG_RULE_OPERATOR_BETWEEN
                                      ? (i == 0 ? _("From") : _("To"))
                                      : (self->editor_kind == EDITOR_DAYS
                                         ? _("Number of days") : _("Value")));
          g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (editor_changed_cb), self);
          /* GtkSpinButton has no "activate" before GTK 4.14: its text has. */
          g_signal_connect_swapped (gtk_editable_get_delegate (GTK_EDITABLE (spin)), "activate",
                                    G_CALLBACK (editor_activated_cb), self);
          add_editor (self, spin, NULL);
        }
      if (self->editor_kind == EDITOR_DAYS)
        gtk_box_append (GTK_BOX (self->value_box), gtk_label_new (_("days")));
      break;

    case EDITOR_DATE:
      for (guint i = 0; i < MAX (1, MIN (n_values, 2)); i++)
        {
          GtkWidget *entry = NULL;
          GtkWidget *box = make_date_editor (self, seg_rule_condition_get_value (self->condition, i),
                                             &entry);

          if (i > 0)
            gtk_box_append (GTK_BOX (self->value_box), gtk_label_new (C_("between", "and")));
          if (op == SEG_RULE_OPERATOR_BETWEEN)
            set_accessible_label (entry, i == 0 ? _("From date") : _("To date"));
          add_editor (self, entry, box);
        }
      break;

    case EDITOR_TEXT:
    case EDITOR_TEXT_LIST:
      {
        GtkWidget *entry = gtk_entry_new ();
        g_autofree char *joined = NULL;

        if (self->editor_kind == EDITOR_TEXT_LIST)
          {
            joined = g_strjoinv (", ", (char **) seg_rule_condition_get_values (self->condition));
            gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Values, separated by commas"));
            set_accessible_label (entry, _("Values, separated by commas"));
          }
        else
          {
            joined = g_strdup (seg_rule_condition_get_value (self->condition, 0));
            gtk_entry_set_placeholder_text (GTK_ENTRY (entry),
                                            field->value_type == SEG_VALUE_TYPE_TAGS
                                            ? _("Tag") : _("Value"));
            set_accessible_label (entry, _("Value"));
          }
        gtk_editable_set_text (GTK_EDITABLE (entry), joined ? joined : "");
        gtk_editable_set_width_chars (GTK_EDITABLE (entry), 12);
        gtk_widget_set_hexpand (entry, TRUE);
        g_signal_connect_swapped (entry, "changed", G_CALLBACK (editor_changed_cb), self);
        g_signal_connect_swapped (entry, "activate", G_CALLBACK (editor_activated_cb), self);
        add_editor (self, entry, NULL);
      }
      break;

    case EDITOR_CHOICE:
      {
        int selected = choice_index (choices, seg_rule_condition_get_value (self->condition, 0));
        GtkWidget *drop_down = make_drop_down (choices->labels, choices->n,
                                               selected < 0 ? 0 : selected);

        set_accessible_label (drop_down, _("Value"));
        g_signal_connect_swapped (drop_down, "notify::selected", G_CALLBACK (editor_changed_cb),
                                  self);
        add_editor (self, drop_down, NULL);
        if (selected < 0)
          {
            self->updating = FALSE;
            store_values (self);
            self->updating = TRUE;
          }
      }
      break;

    case EDITOR_CHOICES:
      {
        GtkWidget *button;

        g_hash_table_remove_all (self->chosen);
        for (guint i = 0; i < n_values; i++)
          {
            int index = choice_index (choices, seg_rule_condition_get_value (self->condition, i));

            if (index >= 0)
              g_hash_table_add (self->chosen, g_strdup (choices->ids[index]));
          }
        button = make_choices_button (self, choices);
        add_editor (self, button, NULL);
        update_choices_label (self);
      }
      break;

    case EDITOR_BOOLEAN:
      {
        const char *labels[] = { _("Yes"), _("No") };
        const char *value = seg_rule_condition_get_value (self->condition, 0);
        gboolean no = value != NULL && (g_ascii_strcasecmp (value, "false") == 0 ||
                                        g_ascii_strcasecmp (value, "no") == 0 ||
                                        g_str_equal (value, "0"));
        GtkWidget *drop_down = make_drop_down (labels, 2, no ? 1 : 0);

        set_accessible_label (drop_down, _("Value"));
        g_signal_connect_swapped (drop_down, "notify::selected", G_CALLBACK (editor_changed_cb),
                                  self);
        add_editor (self, drop_down, NULL);
      }
      break;

    case EDITOR_NONE:
    default:
      break;
    }

  self->updating = FALSE;
}

static void
rebuild_operators (SegRuleRow *self)
{
  const SegField *field = seg_rule_condition_lookup_field (self->condition);
  SegRuleOperator current = seg_rule_condition_get_operator (self->condition);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint selected = 0;

  g_array_set_size (self->operators, 0);
  for (guint op = 0; op < SEG_RULE_N_OPERATORS; op++)
    {
      if (field != NULL && !seg_field_allows_operator (field, op))
        continue;
      if (op == current)
        selected = self->operators->len;
      g_array_append_val (self->operators, op);
      gtk_string_list_append (labels, seg_rule_operator_get_label (op));
    }

  self->updating = TRUE;
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->operator_drop_down), G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->operator_drop_down), selected);
  self->updating = FALSE;
}

static void
update_field_widgets (SegRuleRow *self)
{
  const SegField *field = seg_rule_condition_lookup_field (self->condition);
  const char *label = field ? seg_field_get_label (field) : seg_rule_condition_get_field (self->condition);
  g_autofree char *accessible = g_strdup_printf (_("Field: %s"), label);
  guint period = seg_rule_condition_get_period_days (self->condition);

  gtk_label_set_label (GTK_LABEL (self->field_label), label);
  set_accessible_label (self->field_button, accessible);
  gtk_widget_set_tooltip_text (self->field_button, label);

  self->updating = TRUE;
  gtk_widget_set_visible (self->attribute_entry, field != NULL && field->attribute);
  gtk_editable_set_text (GTK_EDITABLE (self->attribute_entry),
                         seg_rule_condition_get_attribute (self->condition)
                         ? seg_rule_condition_get_attribute (self->condition) : "");
  gtk_widget_set_visible (self->period_box, field != NULL && field->period);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->period_check), period > 0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->period_spin), period > 0 ? period : 30);
  gtk_widget_set_sensitive (self->period_spin, period > 0);
  self->updating = FALSE;

  rebuild_operators (self);
  rebuild_value_editors (self);
}

static GtkWidget *
build_field_button (SegRuleRow *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  guint n_fields;
  const SegField *fields = seg_field_get_all (&n_fields);

  self->field_button = gtk_menu_button_new ();
  self->field_label = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (self->field_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (self->field_label), 12);
  gtk_label_set_max_width_chars (GTK_LABEL (self->field_label), 20);
  gtk_label_set_xalign (GTK_LABEL (self->field_label), 0);
  gtk_widget_set_hexpand (self->field_label, TRUE);
  gtk_box_append (GTK_BOX (inner), self->field_label);
  gtk_box_append (GTK_BOX (inner), gtk_image_new_from_icon_name ("pan-down-symbolic"));
  gtk_menu_button_set_child (GTK_MENU_BUTTON (self->field_button), inner);

  self->field_search = gtk_search_entry_new ();
  g_object_set (self->field_search, "placeholder-text",
                                         _("Search fields"), NULL);
  set_accessible_label (self->field_search, _("Search fields"));
  g_signal_connect_swapped (self->field_search, "search-changed",
                            G_CALLBACK (field_search_changed_cb), self);
  g_signal_connect_swapped (self->field_search, "activate",
                            G_CALLBACK (field_search_activated_cb), self);
  g_signal_connect_swapped (self->field_search, "stop-search",
                            G_CALLBACK (field_search_stopped_cb), self);

  self->field_list = gtk_list_box_new ();
  gtk_widget_add_css_class (self->field_list, "navigation-sidebar");
  set_accessible_label (self->field_list, _("Fields"));
  for (guint i = 0; i < n_fields; i++)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *label = gtk_label_new (seg_field_get_label (&fields[i]));
      g_autofree char *key = g_strconcat (seg_field_get_label (&fields[i]), " ", fields[i].id,
                                          " ", seg_field_kind_get_label (fields[i].kind), NULL);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data (G_OBJECT (row), "field-id", (gpointer) fields[i].id);
      g_object_set_data (G_OBJECT (row), "field-kind", GINT_TO_POINTER (fields[i].kind));
      g_object_set_data_full (G_OBJECT (row), "search-key", g_utf8_casefold (key, -1), g_free);
      gtk_list_box_append (GTK_LIST_BOX (self->field_list), row);
    }
  gtk_list_box_set_filter_func (GTK_LIST_BOX (self->field_list), filter_field_row, self, NULL);
  gtk_list_box_set_header_func (GTK_LIST_BOX (self->field_list), field_header_func, NULL, NULL);
  g_signal_connect (self->field_list, "row-activated", G_CALLBACK (field_row_activated_cb), self);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->field_list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 200);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 380);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_widget_set_size_request (scrolled, 260, -1);

  gtk_box_append (GTK_BOX (box), self->field_search);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_signal_connect_swapped (popover, "show", G_CALLBACK (field_popover_shown_cb), self);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->field_button), popover);

  return self->field_button;
}

/* Overrides */

static void
seg_rule_row_dispose (GObject *object)
{
  SegRuleRow *self = (SegRuleRow *) object;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->condition);

  G_OBJECT_CLASS (seg_rule_row_parent_class)->dispose (object);
}

static void
seg_rule_row_finalize (GObject *object)
{
  SegRuleRow *self = (SegRuleRow *) object;

  g_clear_pointer (&self->editors, g_ptr_array_unref);
  g_clear_pointer (&self->operators, g_array_unref);
  g_clear_pointer (&self->chosen, g_hash_table_unref);

  G_OBJECT_CLASS (seg_rule_row_parent_class)->finalize (object);
}

static void
seg_rule_row_class_init (SegRuleRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seg_rule_row_dispose;
  object_class->finalize = seg_rule_row_finalize;

  /**
   * SegRuleRow::remove-requested:
   *
   * The remove button was pressed: the builder takes the condition out.
   */
  signals[REMOVE_REQUESTED] =
    g_signal_new ("remove-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * SegRuleRow::add-requested:
   *
   * Enter was pressed in a value: the builder adds a condition after it.
   */
  signals[ADD_REQUESTED] =
    g_signal_new ("add-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "segrulerow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
seg_rule_row_init (SegRuleRow *self)
{
  GtkWidget *days_label;

  self->editors = g_ptr_array_new ();
  self->operators = g_array_new (FALSE, FALSE, sizeof (SegRuleOperator));
  self->chosen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                              6);

  gtk_widget_set_parent (build_field_button (self), GTK_WIDGET (self));

  self->attribute_entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->attribute_entry), _("Attribute name"));
  gtk_editable_set_width_chars (GTK_EDITABLE (self->attribute_entry), 10);
  set_accessible_label (self->attribute_entry, _("Attribute name"));
  g_signal_connect (self->attribute_entry, "changed", G_CALLBACK (attribute_changed_cb), self);
  gtk_widget_set_parent (self->attribute_entry, GTK_WIDGET (self));

  self->operator_drop_down = gtk_drop_down_new (NULL, NULL);
  set_accessible_label (self->operator_drop_down, _("Operator"));
  g_signal_connect (self->operator_drop_down, "notify::selected",
                    G_CALLBACK (operator_selected_cb), self);
  gtk_widget_set_parent (self->operator_drop_down, GTK_WIDGET (self));

  self->value_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_hexpand (self->value_box, TRUE);
  gtk_widget_set_parent (self->value_box, GTK_WIDGET (self));

  self->period_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->period_check = gtk_check_button_new_with_mnemonic (_("_within"));
  self->period_spin = gtk_spin_button_new_with_range (1, 3650, 1);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->period_spin), 4);
  set_accessible_label (self->period_spin, _("Period in days"));
  days_label = gtk_label_new (_("days"));
  gtk_box_append (GTK_BOX (self->period_box), self->period_check);
  gtk_box_append (GTK_BOX (self->period_box), self->period_spin);
  gtk_box_append (GTK_BOX (self->period_box), days_label);
  g_signal_connect_swapped (self->period_check, "toggled", G_CALLBACK (period_changed_cb), self);
  g_signal_connect_swapped (self->period_spin, "value-changed", G_CALLBACK (period_changed_cb),
                            self);
  gtk_widget_set_parent (self->period_box, GTK_WIDGET (self));

  self->remove_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_add_css_class (self->remove_button, "flat");
  gtk_widget_set_valign (self->remove_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->remove_button, _("Remove Condition"));
  set_accessible_label (self->remove_button, _("Remove condition"));
  g_signal_connect_swapped (self->remove_button, "clicked", G_CALLBACK (remove_clicked_cb), self);
  gtk_widget_set_parent (self->remove_button, GTK_WIDGET (self));
}

/* Public API */

/**
 * seg_rule_row_new:
 * @condition: the condition the row edits in place
 */
GtkWidget *
seg_rule_row_new (SegRuleCondition *condition)
{
  SegRuleRow *self;

  g_return_val_if_fail (SEG_IS_RULE_CONDITION (condition), NULL);

  self = g_object_new (SEG_TYPE_RULE_ROW, NULL);
  self->condition = g_object_ref (condition);
  update_field_widgets (self);

  return GTK_WIDGET (self);
}

SegRuleCondition *
seg_rule_row_get_condition (SegRuleRow *self)
{
  g_return_val_if_fail (SEG_IS_RULE_ROW (self), NULL);
  return self->condition;
}

GtkWidget *
seg_rule_row_get_field_button (SegRuleRow *self)
{
  g_return_val_if_fail (SEG_IS_RULE_ROW (self), NULL);
  return self->field_button;
}

GtkDropDown *
seg_rule_row_get_operator_drop_down (SegRuleRow *self)
{
  g_return_val_if_fail (SEG_IS_RULE_ROW (self), NULL);
  return GTK_DROP_DOWN (self->operator_drop_down);
}

/**
 * seg_rule_row_get_value_editor:
 * @index: which value: 0, or 1 for the second value of "between"
 *
 * Returns: (transfer none) (nullable): the spin button, entry, drop-down
 *   or menu button that edits that value
 */
GtkWidget *
seg_rule_row_get_value_editor (SegRuleRow *self,
                               guint       index)
{
  g_return_val_if_fail (SEG_IS_RULE_ROW (self), NULL);

  if (index >= self->editors->len)
    return NULL;

  return g_ptr_array_index (self->editors, index);
}

/**
 * seg_rule_row_set_field:
 * @field_id: a field id of seg-field.h
 *
 * What picking a field in the field chooser does: keeps the operator if
 * the field allows it, and gives the condition values that fit.
 */
void
seg_rule_row_set_field (SegRuleRow *self,
                        const char *field_id)
{
  const SegField *field;
  const SegField *old_field;
  SegRuleOperator op;
  EditorKind old_kind;

  g_return_if_fail (SEG_IS_RULE_ROW (self));

  field = seg_field_lookup (field_id);
  g_return_if_fail (field != NULL);

  old_field = seg_rule_condition_lookup_field (self->condition);
  if (old_field == field)
    return;

  op = seg_rule_condition_get_operator (self->condition);
  old_kind = editor_kind_for (old_field, op);

  seg_rule_condition_set_field (self->condition, field->id);
  if (!field->attribute)
    seg_rule_condition_set_attribute (self->condition, NULL);
  if (!field->period)
    seg_rule_condition_set_period_days (self->condition, 0);
  if (!seg_field_allows_operator (field, op) ||
      (old_field != NULL && old_field->value_type != field->value_type))
    seg_rule_condition_set_operator (self->condition, default_operator (field));
  if (old_field == NULL || old_field->value_type != field->value_type ||
      get_choices (old_field) != get_choices (field))
    old_kind = EDITOR_NONE;
  fit_values (self, old_kind);

  update_field_widgets (self);
}

void
seg_rule_row_set_operator (SegRuleRow      *self,
                           SegRuleOperator  op)
{
  g_return_if_fail (SEG_IS_RULE_ROW (self));

  for (guint i = 0; i < self->operators->len; i++)
    if (g_array_index (self->operators, SegRuleOperator, i) == op)
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->operator_drop_down), i);
}
