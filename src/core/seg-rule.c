/* seg-rule.c — a segment's rule: a tree of groups and conditions
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SegRule owns the root group and forwards its "changed" signal; it is what
 * a segment, the builder and the compiler pass around.  Values in a rule
 * are text in a canonical spelling (see seg_rule_normalize_value ()), so
 * that the text form, the builder and the store file agree byte for byte.
 */

#define G_LOG_DOMAIN "seg-rule"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "seg-day.h"
#include "seg-rule.h"
#include "seg-rule-parser.h"

struct _SegRule
{
  GObject       parent_instance;

  SegRuleGroup *root;
  gulong        changed_id;
};

G_DEFINE_FINAL_TYPE (SegRule, seg_rule, G_TYPE_OBJECT)

G_DEFINE_QUARK (seg-rule-error-quark, seg_rule_error)

enum {
  PROP_0,
  PROP_ROOT,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void
root_changed_cb (SegRule      *self,
                 SegRuleGroup *root)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
seg_rule_dispose (GObject *object)
{
  SegRule *self = (SegRule *)object;

  if (self->root != NULL)
    g_clear_signal_handler (&self->changed_id, self->root);
  g_clear_object (&self->root);

  G_OBJECT_CLASS (seg_rule_parent_class)->dispose (object);
}

static void
seg_rule_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  SegRule *self = SEG_RULE (object);

  switch (prop_id)
    {
    case PROP_ROOT:
      g_value_set_object (value, self->root);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_rule_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  SegRule *self = SEG_RULE (object);

  switch (prop_id)
    {
    case PROP_ROOT:
      seg_rule_set_root (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_rule_class_init (SegRuleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = seg_rule_dispose;
  object_class->get_property = seg_rule_get_property;
  object_class->set_property = seg_rule_set_property;

  properties[PROP_ROOT] =
    g_param_spec_object ("root", NULL, NULL, SEG_TYPE_RULE_GROUP,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SegRule::changed:
   *
   * Emitted after anything in the rule changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
seg_rule_init (SegRule *self)
{
}

/**
 * seg_rule_new:
 *
 * Returns: (transfer full): a rule with an empty "all of" root, which
 *   matches every customer
 */
SegRule *
seg_rule_new (void)
{
  g_autoptr(SegRuleGroup) root = seg_rule_group_new (SEG_RULE_MATCH_ALL);

  return seg_rule_new_for_root (root);
}

/**
 * seg_rule_new_for_root:
 * @root: the root group
 *
 * Returns: (transfer full): a rule holding a reference on @root
 */
SegRule *
seg_rule_new_for_root (SegRuleGroup *root)
{
  g_return_val_if_fail (SEG_IS_RULE_GROUP (root), NULL);

  return g_object_new (SEG_TYPE_RULE, "root", root, NULL);
}

/**
 * seg_rule_new_from_text:
 * @text: a rule's text form
 * @error: return location for a #SEG_RULE_ERROR
 *
 * Returns: (transfer full): the rule, or %NULL with @error set
 */
SegRule *
seg_rule_new_from_text (const char  *text,
                        GError     **error)
{
  g_autoptr(SegRuleGroup) root = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  root = seg_rule_parse (text, error);
  if (root == NULL)
    return NULL;

  return seg_rule_new_for_root (root);
}

SegRule *
seg_rule_copy (SegRule *self)
{
  g_autoptr(SegRuleGroup) root = NULL;

  g_return_val_if_fail (SEG_IS_RULE (self), NULL);

  root = seg_rule_group_copy (self->root);
  return seg_rule_new_for_root (root);
}

gboolean
seg_rule_equal (SegRule *self,
                SegRule *other)
{
  g_return_val_if_fail (SEG_IS_RULE (self), FALSE);
  g_return_val_if_fail (SEG_IS_RULE (other), FALSE);

  return seg_rule_group_equal (self->root, other->root);
}

/**
 * seg_rule_get_root:
 * @self: a rule
 *
 * Returns: (transfer none): the root group
 */
SegRuleGroup *
seg_rule_get_root (SegRule *self)
{
  g_return_val_if_fail (SEG_IS_RULE (self), NULL);

  return self->root;
}

void
seg_rule_set_root (SegRule      *self,
                   SegRuleGroup *root)
{
  g_return_if_fail (SEG_IS_RULE (self));
  g_return_if_fail (SEG_IS_RULE_GROUP (root));

  if (self->root == root)
    return;

  if (self->root != NULL)
    g_clear_signal_handler (&self->changed_id, self->root);
  g_set_object (&self->root, root);
  self->changed_id = g_signal_connect_object (root, "changed", G_CALLBACK (root_changed_cb),
                                              self, G_CONNECT_SWAPPED);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROOT]);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * seg_rule_to_text:
 * @self: a rule
 *
 * Returns: (transfer full): the rule's canonical text form
 */
char *
seg_rule_to_text (SegRule *self)
{
  g_return_val_if_fail (SEG_IS_RULE (self), NULL);

  return seg_rule_print (self->root);
}

static char *
normalize_number (const char *value,
                  gboolean    money,
                  GError    **error)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  const char *end = NULL;
  double number;
  char *text;

  while (g_ascii_isspace (*value))
    value++;

  if (*value == '\0' ||
      !(g_ascii_isdigit (*value) || *value == '-' || *value == '+' || *value == '.'))
    goto fail;

  number = g_ascii_strtod (value, (char **) &end);
  while (end != NULL && g_ascii_isspace (*end))
    end++;
  if (end == NULL || end == value || *end != '\0' || !isfinite (number) ||
      fabs (number) >= 1e15)
    goto fail;

  if (money)
    number = round (number * 100.0) / 100.0;

  if (number == floor (number))
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) number);

  g_ascii_formatd (buffer, sizeof buffer, money ? "%.2f" : "%.6f", number);
  text = g_strdup (buffer);
  /* "100.500000" → "100.5" */
  for (char *p = text + strlen (text) - 1; p > text && *p == '0'; p--)
    *p = '\0';
  return text;

fail:
  g_set_error (error, SEG_RULE_ERROR, SEG_RULE_ERROR_INVALID,
               _("“%s” is not a number"), value);
  return NULL;
}

static char *
normalize_days (const char  *value,
                GError     **error)
{
  guint64 days = 0;

  if (!g_ascii_string_to_unsigned (value, 10, 0, 100000, &days, NULL))
    {
      g_set_error (error, SEG_RULE_ERROR, SEG_RULE_ERROR_INVALID,
                   _("“%s” is not a whole number of days"), value);
      return NULL;
    }

  return g_strdup_printf ("%" G_GUINT64_FORMAT, days);
}

static char *
normalize_date (const char  *value,
                GError     **error)
{
  gint32 day;

  if (!seg_day_parse_iso (value, &day) || strlen (value) != 10)
    {
      g_set_error (error, SEG_RULE_ERROR, SEG_RULE_ERROR_INVALID,
                   _("“%s” is not a date; write dates as YYYY-MM-DD"), value);
      return NULL;
    }

  return seg_day_to_iso (day);
}

/**
 * seg_rule_normalize_value:
 * @field: the condition's field
 * @op: the condition's operator
 * @value: a value as typed or stored
 * @error: return location for a %SEG_RULE_ERROR_INVALID error
 *
 * Checks that @value fits @field and @op and spells it the canonical way:
 * numbers in C locale without trailing zeros (money to the cent), dates
 * as YYYY-MM-DD, booleans as "true" / "false", choices as the catalogue
 * spells them, country codes in upper case.
 *
 * Returns: (transfer full): the canonical value, or %NULL with @error set
 */
char *
seg_rule_normalize_value (const SegField   *field,
                          SegRuleOperator   op,
                          const char       *value,
                          GError          **error)
{
  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);

  if (op == SEG_RULE_OPERATOR_IN_LAST_DAYS || op == SEG_RULE_OPERATOR_MORE_THAN_DAYS_AGO)
    return normalize_days (value, error);

  if (field->attribute)
    {
      if (op == SEG_RULE_OPERATOR_BEFORE || op == SEG_RULE_OPERATOR_AFTER ||
          op == SEG_RULE_OPERATOR_ON)
        return normalize_date (value, error);
      return g_strdup (value);
    }

  switch (field->value_type)
    {
    case SEG_VALUE_TYPE_NUMBER:
    case SEG_VALUE_TYPE_DAYS:
    case SEG_VALUE_TYPE_PERCENT:
      return normalize_number (value, FALSE, error);

    case SEG_VALUE_TYPE_MONEY:
      return normalize_number (value, TRUE, error);

    case SEG_VALUE_TYPE_DATE:
      return normalize_date (value, error);

    case SEG_VALUE_TYPE_BOOLEAN:
      if (g_ascii_strcasecmp (value, "true") == 0 || g_ascii_strcasecmp (value, "yes") == 0)
        return g_strdup ("true");
      if (g_ascii_strcasecmp (value, "false") == 0 || g_ascii_strcasecmp (value, "no") == 0)
        return g_strdup ("false");
      g_set_error (error, SEG_RULE_ERROR, SEG_RULE_ERROR_INVALID,
                   _("“%s” is not true or false"), value);
      return NULL;

    case SEG_VALUE_TYPE_ENUM:
      for (guint i = 0; field->choices[i] != NULL; i++)
        if (g_ascii_strcasecmp (field->choices[i], value) == 0)
          return g_strdup (field->choices[i]);
      if (field->strict_choices)
        {
          g_autofree char *choices = g_strjoinv ("”, “", (char **) field->choices);

          g_set_error (error, SEG_RULE_ERROR, SEG_RULE_ERROR_INVALID,
                       _("“%s” is not a value of “%s”; expected one of “%s”"),
                       value, field->id, choices);
          return NULL;
        }
      return g_strdup (value);

    case SEG_VALUE_TYPE_TEXT:
    case SEG_VALUE_TYPE_TAGS:
      if (strcmp (field->id, "country") == 0)
        return g_ascii_strup (value, -1);
      return g_strdup (value);

    default:
      g_assert_not_reached ();
    }
}

/**
 * seg_rule_condition_validate:
 * @condition: a condition
 * @error: return location for a #SEG_RULE_ERROR
 *
 * Checks that the condition's field exists and takes its operator, values
 * and period.  The builder lets a row be half edited; the compiler and the
 * store only take valid rules.
 *
 * Returns: %TRUE when the condition is complete and valid
 */
gboolean
seg_rule_condition_validate (SegRuleCondition  *condition,
                             GError           **error)
{
  const char *field_id = seg_rule_condition_get_field (condition);
  const SegField *field = seg_rule_condition_lookup_field (condition);
  SegRuleOperator op = seg_rule_condition_get_operator (condition);
  guint n_values = seg_rule_condition_get_n_values (condition);
  guint expected = seg_rule_operator_get_n_values (op);
  const char * const *values = seg_rule_condition_get_values (condition);

  if (field == NULL)
    {
      g_set_error (error, SEG_RULE_ERROR, SEG_RULE_ERROR_UNKNOWN_FIELD,
                   _("Unknown field “%s”"), field_id ? field_id : "");
      return FALSE;
    }

  if (field->attribute)
    {
      const char *attribute = seg_rule_condition_get_attribute (condition);

      if (attribute == NULL || *attribute == '\0')
        {
          g_set_error (error, SEG_RULE_ERROR, SEG_RULE_ERROR_INVALID,
                       _("Choose the name of the custom attribute"));
          return FALSE;
        }
    }

  if (!seg_field_allows_operator (field, op))
    {
      g_set_error (error, SEG_RULE_ERROR, SEG_RULE_ERROR_INVALID,
                   _("“%s” cannot be used with “%s”"),
                   seg_rule_operator_get_label (op), seg_field_get_label (field));
      return FALSE;
    }

  if (expected == G_MAXUINT ? n_values == 0 : n_values != expected)
    {
      g_set_error (error, SEG_RULE_ERROR, SEG_RULE_ERROR_INVALID,
                   _("“%s” needs a value"), seg_field_get_label (field));
      return FALSE;
    }

  for (guint i = 0; values[i] != NULL; i++)
    {
      g_autofree char *normal = seg_rule_normalize_value (field, op, values[i], error);

      if (normal == NULL)
        return FALSE;
    }

  if (seg_rule_condition_get_period_days (condition) > 0 && !field->period)
    {
      g_set_error (error, SEG_RULE_ERROR, SEG_RULE_ERROR_INVALID,
                   _("“%s” cannot be limited to a period"), seg_field_get_label (field));
      return FALSE;
    }

  return TRUE;
}

static gboolean
validate_group (SegRuleGroup  *group,
                GError       **error)
{
  guint n = seg_rule_group_get_n_children (group);

  for (guint i = 0; i < n; i++)
    {
      GObject *child = seg_rule_group_get_child (group, i);

      if (SEG_IS_RULE_GROUP (child))
        {
          if (!validate_group (SEG_RULE_GROUP (child), error))
            return FALSE;
        }
      else if (!seg_rule_condition_validate (SEG_RULE_CONDITION (child), error))
        return FALSE;
    }

  return TRUE;
}

/**
 * seg_rule_validate:
 * @self: a rule
 * @error: return location for a #SEG_RULE_ERROR
 *
 * Returns: %TRUE when every condition of the rule is valid
 */
gboolean
seg_rule_validate (SegRule  *self,
                   GError  **error)
{
  g_return_val_if_fail (SEG_IS_RULE (self), FALSE);

  return validate_group (self->root, error);
}
