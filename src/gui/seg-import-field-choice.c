/* seg-import-field-choice.c — one entry of the column mapping drop-down
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GtkDropDown has no section headers before GTK 4.12, so the group names
 * (Demographic, Behavioral, …) are entries of their own that the drop-down's
 * list shows as headings and does not let anyone pick.
 */

#define G_LOG_DOMAIN "seg-import-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "seg-import-field-choice.h"

struct _SegImportFieldChoice
{
  GObject           parent_instance;

  SegImportFieldId  field;
  char             *label;
  gboolean          is_heading;
};

G_DEFINE_FINAL_TYPE (SegImportFieldChoice, seg_import_field_choice, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static SegImportFieldChoice *
choice_new (SegImportFieldId  field,
            const char       *label,
            gboolean          is_heading)
{
  SegImportFieldChoice *self = g_object_new (SEG_TYPE_IMPORT_FIELD_CHOICE, NULL);

  self->field = field;
  self->label = g_strdup (label);
  self->is_heading = is_heading;
  return self;
}

static void
seg_import_field_choice_finalize (GObject *object)
{
  SegImportFieldChoice *self = (SegImportFieldChoice *) object;

  g_free (self->label);

  G_OBJECT_CLASS (seg_import_field_choice_parent_class)->finalize (object);
}

static void
seg_import_field_choice_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  SegImportFieldChoice *self = SEG_IMPORT_FIELD_CHOICE (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_import_field_choice_class_init (SegImportFieldChoiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = seg_import_field_choice_finalize;
  object_class->get_property = seg_import_field_choice_get_property;

  /* For the drop-down's search. */
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
seg_import_field_choice_init (SegImportFieldChoice *self)
{
}

SegImportFieldId
seg_import_field_choice_get_field (SegImportFieldChoice *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_FIELD_CHOICE (self), SEG_IMPORT_FIELD_IGNORE);
  return self->field;
}

const char *
seg_import_field_choice_get_label (SegImportFieldChoice *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_FIELD_CHOICE (self), NULL);
  return self->label;
}

gboolean
seg_import_field_choice_get_is_heading (SegImportFieldChoice *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_FIELD_CHOICE (self), FALSE);
  return self->is_heading;
}

/**
 * seg_import_field_choice_list_new:
 *
 * Returns: (transfer full): a list of #SegImportFieldChoice
 */
GListModel *
seg_import_field_choice_list_new (void)
{
  GListStore *store = g_list_store_new (SEG_TYPE_IMPORT_FIELD_CHOICE);
  const SegImportFieldInfo *catalogue;
  guint n_fields;

  catalogue = seg_import_field_get_catalogue (&n_fields);

  {
    g_autoptr(SegImportFieldChoice) ignore =
      choice_new (SEG_IMPORT_FIELD_IGNORE, _("Don’t import"), FALSE);
    g_autoptr(SegImportFieldChoice) attribute =
      choice_new (SEG_IMPORT_FIELD_ATTRIBUTE, _("Custom attribute"), FALSE);

    g_list_store_append (store, ignore);
    g_list_store_append (store, attribute);
  }

  for (guint group = SEG_IMPORT_FIELD_GROUP_DEMOGRAPHIC; group < SEG_IMPORT_N_FIELD_GROUPS; group++)
    {
      g_autoptr(SegImportFieldChoice) heading =
        choice_new (SEG_IMPORT_FIELD_IGNORE, seg_import_field_group_get_label (group), TRUE);

      g_list_store_append (store, heading);
      for (guint i = 0; i < n_fields; i++)
        {
          g_autoptr(SegImportFieldChoice) choice = NULL;

          if (catalogue[i].group != group)
            continue;
          choice = choice_new (catalogue[i].field, seg_import_field_get_label (catalogue[i].field),
                               FALSE);
          g_list_store_append (store, choice);
        }
    }

  return G_LIST_MODEL (store);
}

guint
seg_import_field_choice_list_find (GListModel       *list,
                                   SegImportFieldId  field)
{
  guint n = g_list_model_get_n_items (list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SegImportFieldChoice) choice = g_list_model_get_item (list, i);

      if (!choice->is_heading && choice->field == field)
        return i;
    }

  return 0;
}
