/* seg-rule-condition.c — one condition of a rule: field, operator, values
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A condition only holds what the store owner chose; whether the choice
 * makes sense for the field is checked by the parser and the compiler, so
 * that a builder row can pass through half-edited states.
 */

#define G_LOG_DOMAIN "seg-rule-condition"

#include "config.h"

#include "seg-rule-condition.h"

struct _SegRuleCondition
{
  GObject          parent_instance;

  char            *field;
  char            *attribute;
  SegRuleOperator  op;
  GStrv            values;
  guint            period_days;
  guint            negated : 1;
};

G_DEFINE_FINAL_TYPE (SegRuleCondition, seg_rule_condition, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FIELD,
  PROP_ATTRIBUTE,
  PROP_OPERATOR,
  PROP_VALUES,
  PROP_PERIOD_DAYS,
  PROP_NEGATED,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

/* set_string () is GLib 2.76. */
static gboolean
set_string (char       **target,
            const char  *value)
{
  if (g_strcmp0 (*target, value) == 0)
    return FALSE;

  g_free (*target);
  *target = g_strdup (value);
  return TRUE;
}

static void
emit_changed (SegRuleCondition *self,
              int               prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
seg_rule_condition_finalize (GObject *object)
{
  SegRuleCondition *self = (SegRuleCondition *)object;

  g_clear_pointer (&self->field, g_free);
  g_clear_pointer (&self->attribute, g_free);
  g_clear_pointer (&self->values, g_strfreev);

  G_OBJECT_CLASS (seg_rule_condition_parent_class)->finalize (object);
}

static void
seg_rule_condition_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SegRuleCondition *self = SEG_RULE_CONDITION (object);

  switch (prop_id)
    {
    case PROP_FIELD:
      g_value_set_string (value, self->field);
      break;
    case PROP_ATTRIBUTE:
      g_value_set_string (value, self->attribute);
      break;
    case PROP_OPERATOR:
      g_value_set_enum (value, self->op);
      break;
    case PROP_VALUES:
      g_value_set_boxed (value, self->values);
      break;
    case PROP_PERIOD_DAYS:
      g_value_set_uint (value, self->period_days);
      break;
    case PROP_NEGATED:
      g_value_set_boolean (value, self->negated);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_rule_condition_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SegRuleCondition *self = SEG_RULE_CONDITION (object);

  switch (prop_id)
    {
    case PROP_FIELD:
      seg_rule_condition_set_field (self, g_value_get_string (value));
      break;
    case PROP_ATTRIBUTE:
      seg_rule_condition_set_attribute (self, g_value_get_string (value));
      break;
    case PROP_OPERATOR:
      seg_rule_condition_set_operator (self, g_value_get_enum (value));
      break;
    case PROP_VALUES:
      seg_rule_condition_set_values (self, g_value_get_boxed (value));
      break;
    case PROP_PERIOD_DAYS:
      seg_rule_condition_set_period_days (self, g_value_get_uint (value));
      break;
    case PROP_NEGATED:
      seg_rule_condition_set_negated (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_rule_condition_class_init (SegRuleConditionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = seg_rule_condition_finalize;
  object_class->get_property = seg_rule_condition_get_property;
  object_class->set_property = seg_rule_condition_set_property;

  properties[PROP_FIELD] =
    g_param_spec_string ("field", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ATTRIBUTE] =
    g_param_spec_string ("attribute", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OPERATOR] =
    g_param_spec_enum ("operator", NULL, NULL,
                       SEG_TYPE_RULE_OPERATOR, SEG_RULE_OPERATOR_IS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALUES] =
    g_param_spec_boxed ("values", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PERIOD_DAYS] =
    g_param_spec_uint ("period-days", NULL, NULL, 0, G_MAXINT32, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEGATED] =
    g_param_spec_boolean ("negated", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SegRuleCondition::changed:
   *
   * Emitted after any property changed, so that a group (and the live
   * count above the builder) needs only one handler.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
seg_rule_condition_init (SegRuleCondition *self)
{
  self->values = g_new0 (char *, 1);
}

/**
 * seg_rule_condition_new:
 * @field: a field id ("orders")
 * @op: the operator
 * @values: (nullable) (array zero-terminated=1): the values, as text
 *
 * Values are kept as text in the rule's canonical spelling: numbers in C
 * locale ("100.5"), dates as YYYY-MM-DD, booleans as "true" / "false".
 *
 * Returns: (transfer full): a new condition
 */
SegRuleCondition *
seg_rule_condition_new (const char         *field,
                        SegRuleOperator     op,
                        const char * const *values)
{
  SegRuleCondition *self = g_object_new (SEG_TYPE_RULE_CONDITION, NULL);

  self->field = g_strdup (field);
  self->op = op;
  if (values != NULL)
    {
      g_strfreev (self->values);
      self->values = g_strdupv ((char **) values);
    }

  return self;
}

/**
 * seg_rule_condition_copy:
 * @self: a condition
 *
 * Returns: (transfer full): a deep copy
 */
SegRuleCondition *
seg_rule_condition_copy (SegRuleCondition *self)
{
  SegRuleCondition *copy;

  g_return_val_if_fail (SEG_IS_RULE_CONDITION (self), NULL);

  copy = seg_rule_condition_new (self->field, self->op, (const char * const *) self->values);
  copy->attribute = g_strdup (self->attribute);
  copy->period_days = self->period_days;
  copy->negated = self->negated;

  return copy;
}

/**
 * seg_rule_condition_equal:
 * @self: a condition
 * @other: another condition
 *
 * Returns: %TRUE when both hold the same field, attribute, operator,
 *   values, period and negation
 */
gboolean
seg_rule_condition_equal (SegRuleCondition *self,
                          SegRuleCondition *other)
{
  g_return_val_if_fail (SEG_IS_RULE_CONDITION (self), FALSE);
  g_return_val_if_fail (SEG_IS_RULE_CONDITION (other), FALSE);

  return g_strcmp0 (self->field, other->field) == 0 &&
         g_strcmp0 (self->attribute, other->attribute) == 0 &&
         self->op == other->op &&
         g_strv_equal ((const char * const *) self->values,
                       (const char * const *) other->values) &&
         self->period_days == other->period_days &&
         self->negated == other->negated;
}

const char *
seg_rule_condition_get_field (SegRuleCondition *self)
{
  g_return_val_if_fail (SEG_IS_RULE_CONDITION (self), NULL);

  return self->field;
}

void
seg_rule_condition_set_field (SegRuleCondition *self,
                              const char       *field)
{
  g_return_if_fail (SEG_IS_RULE_CONDITION (self));

  if (set_string (&self->field, field))
    emit_changed (self, PROP_FIELD);
}

/**
 * seg_rule_condition_lookup_field:
 * @self: a condition
 *
 * Returns: (nullable): the catalogue entry of the condition's field
 */
const SegField *
seg_rule_condition_lookup_field (SegRuleCondition *self)
{
  g_return_val_if_fail (SEG_IS_RULE_CONDITION (self), NULL);

  return self->field != NULL ? seg_field_lookup (self->field) : NULL;
}

const char *
seg_rule_condition_get_attribute (SegRuleCondition *self)
{
  g_return_val_if_fail (SEG_IS_RULE_CONDITION (self), NULL);

  return self->attribute;
}

void
seg_rule_condition_set_attribute (SegRuleCondition *self,
                                  const char       *attribute)
{
  g_return_if_fail (SEG_IS_RULE_CONDITION (self));

  if (set_string (&self->attribute, attribute))
    emit_changed (self, PROP_ATTRIBUTE);
}

SegRuleOperator
seg_rule_condition_get_operator (SegRuleCondition *self)
{
  g_return_val_if_fail (SEG_IS_RULE_CONDITION (self), SEG_RULE_OPERATOR_IS);

  return self->op;
}

void
seg_rule_condition_set_operator (SegRuleCondition *self,
                                 SegRuleOperator   op)
{
  g_return_if_fail (SEG_IS_RULE_CONDITION (self));
  g_return_if_fail (op < SEG_RULE_N_OPERATORS);

  if (self->op != op)
    {
      self->op = op;
      emit_changed (self, PROP_OPERATOR);
    }
}

/**
 * seg_rule_condition_get_values:
 * @self: a condition
 *
 * Returns: (array zero-terminated=1) (transfer none): the values, never %NULL
 */
const char * const *
seg_rule_condition_get_values (SegRuleCondition *self)
{
  g_return_val_if_fail (SEG_IS_RULE_CONDITION (self), NULL);

  return (const char * const *) self->values;
}

void
seg_rule_condition_set_values (SegRuleCondition   *self,
                               const char * const *values)
{
  static const char * const none[] = { NULL };

  g_return_if_fail (SEG_IS_RULE_CONDITION (self));

  if (values == NULL)
    values = none;

  if (g_strv_equal ((const char * const *) self->values, values))
    return;

  g_strfreev (self->values);
  self->values = g_strdupv ((char **) values);
  emit_changed (self, PROP_VALUES);
}

guint
seg_rule_condition_get_n_values (SegRuleCondition *self)
{
  g_return_val_if_fail (SEG_IS_RULE_CONDITION (self), 0);

  return g_strv_length (self->values);
}

/**
 * seg_rule_condition_get_value:
 * @self: a condition
 * @index: a value index
 *
 * Returns: (nullable): the value at @index, or %NULL past the end
 */
const char *
seg_rule_condition_get_value (SegRuleCondition *self,
                              guint             index)
{
  g_return_val_if_fail (SEG_IS_RULE_CONDITION (self), NULL);

  for (guint i = 0; self->values[i] != NULL; i++)
    if (i == index)
      return self->values[i];

  return NULL;
}

/**
 * seg_rule_condition_get_period_days:
 * @self: a condition
 *
 * Returns: N for "within N days" (the last N days up to the reference day),
 *   0 when the condition has no period
 */
guint
seg_rule_condition_get_period_days (SegRuleCondition *self)
{
  g_return_val_if_fail (SEG_IS_RULE_CONDITION (self), 0);

  return self->period_days;
}

void
seg_rule_condition_set_period_days (SegRuleCondition *self,
                                    guint             period_days)
{
  g_return_if_fail (SEG_IS_RULE_CONDITION (self));

  if (self->period_days != period_days)
    {
      self->period_days = period_days;
      emit_changed (self, PROP_PERIOD_DAYS);
    }
}

gboolean
seg_rule_condition_get_negated (SegRuleCondition *self)
{
  g_return_val_if_fail (SEG_IS_RULE_CONDITION (self), FALSE);

  return self->negated;
}

void
seg_rule_condition_set_negated (SegRuleCondition *self,
                                gboolean          negated)
{
  g_return_if_fail (SEG_IS_RULE_CONDITION (self));

  negated = !!negated;
  if (self->negated != negated)
    {
      self->negated = negated;
      emit_changed (self, PROP_NEGATED);
    }
}
