/* seg-rule-group.c — "all of" / "any of" a list of conditions and groups
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A group is a GListModel of its children (SegRuleCondition or
 * SegRuleGroup), so that the builder binds a list box to it directly.  Any
 * change below a group, in a child or in the list, comes up as one
 * "changed" signal.
 */

#define G_LOG_DOMAIN "seg-rule-group"

#include "config.h"

#include "seg-rule-group.h"

struct _SegRuleGroup
{
  GObject       parent_instance;

  GPtrArray    *children;
  SegRuleMatch  match;
  guint         negated : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SegRuleGroup, seg_rule_group, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

G_DEFINE_ENUM_TYPE (SegRuleMatch, seg_rule_match,
                    G_DEFINE_ENUM_VALUE (SEG_RULE_MATCH_ALL, "all"),
                    G_DEFINE_ENUM_VALUE (SEG_RULE_MATCH_ANY, "any"))

enum {
  PROP_0,
  PROP_MATCH,
  PROP_NEGATED,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void
child_changed_cb (SegRuleGroup *self,
                  GObject      *child)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
release_child (gpointer data)
{
  GObject *child = data;

  g_signal_handlers_disconnect_matched (child, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                        child_changed_cb, NULL);
  g_object_unref (child);
}

static GType
list_model_get_item_type (GListModel *model)
{
  return G_TYPE_OBJECT;
}

static guint
list_model_get_n_items (GListModel *model)
{
  return SEG_RULE_GROUP (model)->children->len;
}

static gpointer
list_model_get_item (GListModel *model,
                     guint       position)
{
  SegRuleGroup *self = SEG_RULE_GROUP (model);

  if (position >= self->children->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->children, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_model_get_item_type;
  iface->get_n_items = list_model_get_n_items;
  iface->get_item = list_model_get_item;
}

static void
seg_rule_group_dispose (GObject *object)
{
  SegRuleGroup *self = (SegRuleGroup *)object;

  if (self->children != NULL)
    g_ptr_array_set_size (self->children, 0);

  G_OBJECT_CLASS (seg_rule_group_parent_class)->dispose (object);
}

static void
seg_rule_group_finalize (GObject *object)
{
  SegRuleGroup *self = (SegRuleGroup *)object;

  g_clear_pointer (&self->children, g_ptr_array_unref);

  G_OBJECT_CLASS (seg_rule_group_parent_class)->finalize (object);
}

static void
seg_rule_group_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SegRuleGroup *self = SEG_RULE_GROUP (object);

  switch (prop_id)
    {
    case PROP_MATCH:
      g_value_set_enum (value, self->match);
      break;
    case PROP_NEGATED:
      g_value_set_boolean (value, self->negated);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_rule_group_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SegRuleGroup *self = SEG_RULE_GROUP (object);

  switch (prop_id)
    {
    case PROP_MATCH:
      seg_rule_group_set_match (self, g_value_get_enum (value));
      break;
    case PROP_NEGATED:
      seg_rule_group_set_negated (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_rule_group_class_init (SegRuleGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = seg_rule_group_dispose;
  object_class->finalize = seg_rule_group_finalize;
  object_class->get_property = seg_rule_group_get_property;
  object_class->set_property = seg_rule_group_set_property;

  properties[PROP_MATCH] =
    g_param_spec_enum ("match", NULL, NULL,
                       SEG_TYPE_RULE_MATCH, SEG_RULE_MATCH_ALL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEGATED] =
    g_param_spec_boolean ("negated", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SegRuleGroup::changed:
   *
   * Emitted after the group, its list of children or anything below it
   * changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
seg_rule_group_init (SegRuleGroup *self)
{
  self->children = g_ptr_array_new_with_free_func (release_child);
}

/**
 * seg_rule_group_new:
 * @match: all or any
 *
 * Returns: (transfer full): a new, empty group.  An empty "all of" group
 *   matches every customer; an empty "any of" group matches none.
 */
SegRuleGroup *
seg_rule_group_new (SegRuleMatch match)
{
  return g_object_new (SEG_TYPE_RULE_GROUP, "match", match, NULL);
}

/**
 * seg_rule_group_copy:
 * @self: a group
 *
 * Returns: (transfer full): a deep copy
 */
SegRuleGroup *
seg_rule_group_copy (SegRuleGroup *self)
{
  SegRuleGroup *copy;

  g_return_val_if_fail (SEG_IS_RULE_GROUP (self), NULL);

  copy = seg_rule_group_new (self->match);
  copy->negated = self->negated;

  for (guint i = 0; i < self->children->len; i++)
    {
      GObject *child = g_ptr_array_index (self->children, i);
      g_autoptr(GObject) child_copy = NULL;

      if (SEG_IS_RULE_GROUP (child))
        child_copy = G_OBJECT (seg_rule_group_copy (SEG_RULE_GROUP (child)));
      else
        child_copy = G_OBJECT (seg_rule_condition_copy (SEG_RULE_CONDITION (child)));

      seg_rule_group_append (copy, child_copy);
    }

  return copy;
}

/**
 * seg_rule_group_equal:
 * @self: a group
 * @other: another group
 *
 * Returns: %TRUE when both trees are the same, child by child and in order
 */
gboolean
seg_rule_group_equal (SegRuleGroup *self,
                      SegRuleGroup *other)
{
  g_return_val_if_fail (SEG_IS_RULE_GROUP (self), FALSE);
  g_return_val_if_fail (SEG_IS_RULE_GROUP (other), FALSE);

  if (self->match != other->match ||
      self->negated != other->negated ||
      self->children->len != other->children->len)
    return FALSE;

  for (guint i = 0; i < self->children->len; i++)
    {
      GObject *a = g_ptr_array_index (self->children, i);
      GObject *b = g_ptr_array_index (other->children, i);

      if (SEG_IS_RULE_GROUP (a) && SEG_IS_RULE_GROUP (b))
        {
          if (!seg_rule_group_equal (SEG_RULE_GROUP (a), SEG_RULE_GROUP (b)))
            return FALSE;
        }
      else if (SEG_IS_RULE_CONDITION (a) && SEG_IS_RULE_CONDITION (b))
        {
          if (!seg_rule_condition_equal (SEG_RULE_CONDITION (a), SEG_RULE_CONDITION (b)))
            return FALSE;
        }
      else
        return FALSE;
    }

  return TRUE;
}

SegRuleMatch
seg_rule_group_get_match (SegRuleGroup *self)
{
  g_return_val_if_fail (SEG_IS_RULE_GROUP (self), SEG_RULE_MATCH_ALL);

  return self->match;
}

void
seg_rule_group_set_match (SegRuleGroup *self,
                          SegRuleMatch  match)
{
  g_return_if_fail (SEG_IS_RULE_GROUP (self));
  g_return_if_fail (match == SEG_RULE_MATCH_ALL || match == SEG_RULE_MATCH_ANY);

  if (self->match != match)
    {
      self->match = match;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MATCH]);
      g_signal_emit (self, signals[CHANGED], 0);
    }
}

gboolean
seg_rule_group_get_negated (SegRuleGroup *self)
{
  g_return_val_if_fail (SEG_IS_RULE_GROUP (self), FALSE);

  return self->negated;
}

void
seg_rule_group_set_negated (SegRuleGroup *self,
                            gboolean      negated)
{
  g_return_if_fail (SEG_IS_RULE_GROUP (self));

  negated = !!negated;
  if (self->negated != negated)
    {
      self->negated = negated;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEGATED]);
      g_signal_emit (self, signals[CHANGED], 0);
    }
}

guint
seg_rule_group_get_n_children (SegRuleGroup *self)
{
  g_return_val_if_fail (SEG_IS_RULE_GROUP (self), 0);

  return self->children->len;
}

/**
 * seg_rule_group_get_child:
 * @self: a group
 * @position: a child index
 *
 * Returns: (transfer none) (nullable): a #SegRuleCondition or #SegRuleGroup
 */
GObject *
seg_rule_group_get_child (SegRuleGroup *self,
                          guint         position)
{
  g_return_val_if_fail (SEG_IS_RULE_GROUP (self), NULL);

  if (position >= self->children->len)
    return NULL;

  return g_ptr_array_index (self->children, position);
}

void
seg_rule_group_append (SegRuleGroup *self,
                       GObject      *child)
{
  g_return_if_fail (SEG_IS_RULE_GROUP (self));

  seg_rule_group_insert (self, self->children->len, child);
}

/**
 * seg_rule_group_insert:
 * @self: a group
 * @position: where to insert, clamped to the number of children
 * @child: a #SegRuleCondition or #SegRuleGroup (not @self or an ancestor)
 */
void
seg_rule_group_insert (SegRuleGroup *self,
                       guint         position,
                       GObject      *child)
{
  g_return_if_fail (SEG_IS_RULE_GROUP (self));
  g_return_if_fail (SEG_IS_RULE_GROUP (child) || SEG_IS_RULE_CONDITION (child));
  g_return_if_fail (child != G_OBJECT (self));

  position = MIN (position, self->children->len);
  g_ptr_array_insert (self->children, position, g_object_ref (child));
  g_signal_connect_object (child, "changed", G_CALLBACK (child_changed_cb), self,
                           G_CONNECT_SWAPPED);

  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
seg_rule_group_remove (SegRuleGroup *self,
                       guint         position)
{
  g_return_if_fail (SEG_IS_RULE_GROUP (self));
  g_return_if_fail (position < self->children->len);

  g_ptr_array_remove_index (self->children, position);

  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
seg_rule_group_remove_all (SegRuleGroup *self)
{
  guint n;

  g_return_if_fail (SEG_IS_RULE_GROUP (self));

  n = self->children->len;
  if (n == 0)
    return;

  g_ptr_array_set_size (self->children, 0);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, n, 0);
  g_signal_emit (self, signals[CHANGED], 0);
}
