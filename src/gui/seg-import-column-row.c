/* seg-import-column-row.c — one column of the file and the field it feeds
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The column's header as the title, a few of its values as the subtitle, a
 * "Required" tag when the field it feeds is one the import cannot do
 * without, and a drop-down of every field, grouped under headings.
 */

#define G_LOG_DOMAIN "seg-import-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "seg-import-column-row.h"
#include "seg-import-field-choice.h"

struct _SegImportColumnRow
{
  AdwActionRow          parent_instance;

  SegImportWizardModel *model;
  SegImportMapping     *mapping;
  GListModel           *choices;
  guint                 column;

  GtkDropDown          *drop_down;
  GtkWidget            *required_tag;
  char                 *samples;

  guint                 updating : 1;
};

G_DEFINE_FINAL_TYPE (SegImportColumnRow, seg_import_column_row, ADW_TYPE_ACTION_ROW)

static void
update_subtitle (SegImportColumnRow *self)
{
  SegImportFieldId field;
  const char *attribute = NULL;

  field = seg_import_mapping_get_column_field_id (self->mapping, self->column, &attribute);
  if (field == SEG_IMPORT_FIELD_ATTRIBUTE && attribute != NULL)
    {
      /* Translators: the first %s is a few values of the column, the second
       * the custom attribute's name. */
      g_autofree char *text = g_strdup_printf (_("%s — kept as the attribute “%s”"),
                                               self->samples, attribute);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (self), text);
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self), self->samples);
}

static void
sync_from_mapping (SegImportColumnRow *self)
{
  SegImportFieldId field;
  gboolean required;

  field = seg_import_mapping_get_column_field_id (self->mapping, self->column, NULL);
  required = field != SEG_IMPORT_FIELD_IGNORE && field != SEG_IMPORT_FIELD_ATTRIBUTE
             && seg_import_mapping_is_field_required (self->mapping, field);

  self->updating = TRUE;
  gtk_drop_down_set_selected (self->drop_down,
                              seg_import_field_choice_list_find (self->choices, field));
  self->updating = FALSE;

  gtk_widget_set_visible (self->required_tag, required);
  update_subtitle (self);
}

static void
column_changed_cb (SegImportMapping   *mapping,
                   guint               column,
                   SegImportColumnRow *self)
{
  /* Any column can change what the import needs (an order number makes a
   * custom file one of orders), so every row looks again. */
  sync_from_mapping (self);
}

static void
selected_changed_cb (GtkDropDown        *drop_down,
                     GParamSpec         *pspec,
                     SegImportColumnRow *self)
{
  SegImportFieldChoice *choice = gtk_drop_down_get_selected_item (drop_down);
  g_autoptr(GError) error = NULL;
  g_autofree char *field = NULL;
  SegImportFieldId id;

  if (self->updating || choice == NULL)
    return;

  if (seg_import_field_choice_get_is_heading (choice))
    {
      /* A heading is not a field: keep what was chosen. */
      sync_from_mapping (self);
      return;
    }

  id = seg_import_field_choice_get_field (choice);
  if (id == SEG_IMPORT_FIELD_ATTRIBUTE)
    field = g_strdup_printf ("attribute:%s",
                             seg_import_mapping_get_column_name (self->mapping, self->column));
  else
    field = g_strdup (seg_import_field_get_info (id)->id);

  if (!seg_import_mapping_set_column_field (self->mapping, self->column, field, &error))
    {
      g_warning ("Could not map column %u to %s: %s", self->column, field, error->message);
      sync_from_mapping (self);
    }
}

/* The drop-down's button: just the field. */
static void
button_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
button_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  SegImportFieldChoice *choice = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       seg_import_field_choice_get_label (choice));
}

/* The drop-down's list: headings, and fields with their "Required" tag. */
static void
list_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *tag = gtk_label_new (_("Required"));

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (tag, "seg-required-tag");
  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), tag);
  gtk_list_item_set_child (item, box);
}

static void
list_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              SegImportColumnRow       *self)
{
  SegImportFieldChoice *choice = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *label = gtk_widget_get_first_child (box);
  GtkWidget *tag = gtk_widget_get_last_child (box);
  gboolean heading = seg_import_field_choice_get_is_heading (choice);
  SegImportFieldId field = seg_import_field_choice_get_field (choice);

  gtk_label_set_label (GTK_LABEL (label), seg_import_field_choice_get_label (choice));
  gtk_list_item_set_activatable (item, !heading);
  gtk_list_item_set_selectable (item, !heading);
  if (heading)
    {
      gtk_widget_add_css_class (label, "heading");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_top (box, 6);
    }
  else
    {
      gtk_widget_remove_css_class (label, "heading");
      gtk_widget_remove_css_class (label, "dim-label");
      gtk_widget_set_margin_top (box, 0);
    }
  gtk_widget_set_visible (tag, !heading && field != SEG_IMPORT_FIELD_IGNORE
                               && field != SEG_IMPORT_FIELD_ATTRIBUTE
                               && seg_import_mapping_is_field_required (self->mapping, field));
}

static void
seg_import_column_row_dispose (GObject *object)
{
  SegImportColumnRow *self = (SegImportColumnRow *) object;

  if (self->mapping != NULL)
    g_signal_handlers_disconnect_by_data (self->mapping, self);
  g_clear_object (&self->mapping);
  g_clear_object (&self->model);
  g_clear_object (&self->choices);

  G_OBJECT_CLASS (seg_import_column_row_parent_class)->dispose (object);
}

static void
seg_import_column_row_finalize (GObject *object)
{
  SegImportColumnRow *self = (SegImportColumnRow *) object;

  g_free (self->samples);

  G_OBJECT_CLASS (seg_import_column_row_parent_class)->finalize (object);
}

static void
seg_import_column_row_class_init (SegImportColumnRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = seg_import_column_row_dispose;
  object_class->finalize = seg_import_column_row_finalize;
}

static void
seg_import_column_row_init (SegImportColumnRow *self)
{
}

/**
 * seg_import_column_row_new:
 *
 * Returns: (transfer floating): the row for @column of @model's mapping
 */
GtkWidget *
seg_import_column_row_new (SegImportWizardModel *model,
                           guint                 column,
                           GListModel           *choices)
{
  SegImportColumnRow *self;
  g_autoptr(GtkListItemFactory) button_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) list_factory = gtk_signal_list_item_factory_new ();
  g_autofree char *accessible = NULL;
  const char *name;

  g_return_val_if_fail (SEG_IS_IMPORT_WIZARD_MODEL (model), NULL);
  g_return_val_if_fail (seg_import_wizard_model_get_mapping (model) != NULL, NULL);

  self = g_object_new (SEG_TYPE_IMPORT_COLUMN_ROW, NULL);
  self->model = g_object_ref (model);
  self->mapping = g_object_ref (seg_import_wizard_model_get_mapping (model));
  self->choices = g_object_ref (choices);
  self->column = column;
  self->samples = seg_import_wizard_model_dup_samples (model, column, 3);

  /* Header names are the file's text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  name = seg_import_mapping_get_column_name (self->mapping, column);
  if (name == NULL || *name == '\0')
    {
      g_autofree char *untitled = g_strdup_printf (_("Column %u (no name)"), column + 1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), untitled);
    }
  else
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), name);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self), 2);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (self), 2);

  self->required_tag = gtk_label_new (_("Required"));
  gtk_widget_add_css_class (self->required_tag, "seg-required-tag");
  gtk_widget_set_valign (self->required_tag, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->required_tag);

  g_signal_connect (button_factory, "setup", G_CALLBACK (button_setup_cb), NULL);
  g_signal_connect (button_factory, "bind", G_CALLBACK (button_bind_cb), NULL);
  g_signal_connect (list_factory, "setup", G_CALLBACK (list_setup_cb), NULL);
  g_signal_connect (list_factory, "bind", G_CALLBACK (list_bind_cb), self);

  self->drop_down = GTK_DROP_DOWN (gtk_drop_down_new (g_object_ref (choices), NULL));
  gtk_drop_down_set_factory (self->drop_down, button_factory);
  gtk_drop_down_set_list_factory (self->drop_down, list_factory);
  gtk_drop_down_set_expression (self->drop_down,
                                gtk_property_expression_new (SEG_TYPE_IMPORT_FIELD_CHOICE,
                                                             NULL, "label"));
  gtk_drop_down_set_enable_search (self->drop_down, TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->drop_down), GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (GTK_WIDGET (self->drop_down), 180, -1);
  /* Translators: %s is a column's name in the file. */
  accessible = g_strdup_printf (_("Field for the column “%s”"), name ? name : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), GTK_WIDGET (self->drop_down));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), GTK_WIDGET (self->drop_down));

  sync_from_mapping (self);
  g_signal_connect (self->drop_down, "notify::selected", G_CALLBACK (selected_changed_cb), self);
  g_signal_connect (self->mapping, "column-changed", G_CALLBACK (column_changed_cb), self);

  return GTK_WIDGET (self);
}

guint
seg_import_column_row_get_column (SegImportColumnRow *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_COLUMN_ROW (self), 0);
  return self->column;
}

GtkDropDown *
seg_import_column_row_get_drop_down (SegImportColumnRow *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_COLUMN_ROW (self), NULL);
  return self->drop_down;
}
