/* seg-rule-describe.c — a rule in plain words
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Customers with 2 or more orders, whose last order was 90 or more days
 * ago and who live in United States or Canada": shown under the builder
 * and in reports.  Each condition is a clause that follows "Customers";
 * the fields a store owner uses most get their own wording, the others a
 * generic "whose <field> is …".
 */

#define G_LOG_DOMAIN "seg-rule-describe"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "seg-day.h"
#include "seg-rule-describe.h"

static char *
format_value (const SegField   *field,
              SegRuleOperator   op,
              const char       *value)
{
  gint32 day;

  if (op == SEG_RULE_OPERATOR_IN_LAST_DAYS || op == SEG_RULE_OPERATOR_MORE_THAN_DAYS_AGO)
    return g_strdup (value);

  if (field->attribute)
    return g_strdup_printf ("“%s”", value);

  switch (field->value_type)
    {
    case SEG_VALUE_TYPE_MONEY:
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        /* Store currency is not known here; two decimals read as money. */
        return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.2f",
                                          g_ascii_strtod (value, NULL)));
      }
    case SEG_VALUE_TYPE_PERCENT:
      return g_strdup_printf ("%s%%", value);
    case SEG_VALUE_TYPE_DATE:
      if (seg_day_parse_iso (value, &day))
        {
          int y, m, d;
          g_autoptr(GDateTime) date_time = NULL;

          seg_day_to_ymd (day, &y, &m, &d);
          date_time = g_date_time_new_utc (y, m, d, 0, 0, 0);
          if (date_time != NULL)
            /* Translators: a date in a rule's description; see strftime (3) */
            return g_date_time_format (date_time, _("%-d %B %Y"));
        }
      return g_strdup (value);
    case SEG_VALUE_TYPE_ENUM:
      return g_strdup (seg_field_get_choice_label (field, value));
    case SEG_VALUE_TYPE_TEXT:
    case SEG_VALUE_TYPE_TAGS:
      if (strcmp (field->id, "country") == 0)
        {
          const SegCountryInfo *country = seg_country_info_lookup (value);

          if (country != NULL)
            return g_strdup (seg_country_info_get_name (country));
        }
      return g_strdup_printf ("“%s”", value);
    case SEG_VALUE_TYPE_NUMBER:
    case SEG_VALUE_TYPE_DAYS:
    case SEG_VALUE_TYPE_BOOLEAN:
    default:
      return g_strdup (value);
    }
}

/* "A, B or C" / "A, B and C". */
static char *
join_words (GPtrArray *words,
            gboolean   any)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < words->len; i++)
    {
      if (i > 0 && i + 1 == words->len)
        g_string_append (out, any ? _(" or ") : _(" and "));
      else if (i > 0)
        g_string_append (out, _(", "));
      g_string_append (out, g_ptr_array_index (words, i));
    }

  return g_string_free (out, FALSE);
}

static char *
format_values (const SegField     *field,
               SegRuleOperator     op,
               const char * const *values)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; values[i] != NULL; i++)
    g_ptr_array_add (words, format_value (field, op, values[i]));

  return join_words (words, TRUE);
}

static gulong
plural_of (const char *value)
{
  double number = value ? g_ascii_strtod (value, NULL) : 0;

  return number >= 0 && number < 1e9 ? (gulong) number : 0;
}

static char *
describe_boolean (const char *id,
                  gboolean    yes)
{
  if (strcmp (id, "returning") == 0)
    return g_strdup (yes ? _("who are returning customers")
                         : _("who are new customers with one order"));
  if (strcmp (id, "used_discount") == 0)
    return g_strdup (yes ? _("who used a discount") : _("who did not use a discount"));
  if (strcmp (id, "abandoned_checkout") == 0)
    return g_strdup (yes ? _("who abandoned a checkout")
                         : _("who did not abandon a checkout"));
  if (strcmp (id, "checkout_recovered") == 0)
    return g_strdup (yes ? _("who completed a checkout they had abandoned")
                         : _("who did not complete a checkout they had abandoned"));
  if (strcmp (id, "ordered_since_checkout") == 0)
    return g_strdup (yes ? _("who ordered after abandoning a checkout")
                         : _("who have not ordered since abandoning a checkout"));
  if (strcmp (id, "accepts_marketing") == 0)
    return g_strdup (yes ? _("who accept marketing") : _("who do not accept marketing"));
  if (strcmp (id, "reengagement_no_response") == 0)
    return g_strdup (yes ? _("who did not open a re-engagement email within 14 days")
                         : _("who have not ignored a re-engagement email"));
  return NULL;
}

static char *
describe_special (const SegField     *field,
                  SegRuleOperator     op,
                  const char * const *values)
{
  const char *id = field->id;
  g_autofree char *v = values[0] ? format_value (field, op, values[0]) : NULL;
  g_autofree char *w = values[0] && values[1] ? format_value (field, op, values[1]) : NULL;
  g_autofree char *list = format_values (field, op, values);
  gulong n = plural_of (values[0]);

  if (strcmp (id, "orders") == 0)
    {
      switch (op)
        {
        case SEG_RULE_OPERATOR_IS:
          if (n == 0)
            return g_strdup (_("with no order"));
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "with exactly %s order",
                                               "with exactly %s orders", n), v);
        case SEG_RULE_OPERATOR_GE:
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "with %s or more order",
                                               "with %s or more orders", n), v);
        case SEG_RULE_OPERATOR_GT:
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "with more than %s order",
                                               "with more than %s orders", n), v);
        case SEG_RULE_OPERATOR_LE:
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "with %s or fewer order",
                                               "with %s or fewer orders", n), v);
        case SEG_RULE_OPERATOR_LT:
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "with fewer than %s order",
                                               "with fewer than %s orders", n), v);
        case SEG_RULE_OPERATOR_BETWEEN:
          return g_strdup_printf (_("with %s to %s orders"), v, w);
        default:
          return NULL;
        }
    }

  if (strcmp (id, "last_order_days") == 0)
    {
      switch (op)
        {
        case SEG_RULE_OPERATOR_GE:
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "whose last order was %s or more day ago",
                                               "whose last order was %s or more days ago", n),
                                  v);
        case SEG_RULE_OPERATOR_GT:
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "whose last order was more than %s day ago",
                                               "whose last order was more than %s days ago",
                                               n), v);
        case SEG_RULE_OPERATOR_LE:
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "whose last order was at most %s day ago",
                                               "whose last order was at most %s days ago", n),
                                  v);
        case SEG_RULE_OPERATOR_LT:
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "whose last order was less than %s day ago",
                                               "whose last order was less than %s days ago",
                                               n), v);
        case SEG_RULE_OPERATOR_BETWEEN:
          return g_strdup_printf (_("whose last order was %s to %s days ago"), v, w);
        case SEG_RULE_OPERATOR_IS_EMPTY:
          return g_strdup (_("who never ordered"));
        case SEG_RULE_OPERATOR_IS_NOT_EMPTY:
          return g_strdup (_("who ordered at least once"));
        default:
          return NULL;
        }
    }

  if (strcmp (id, "country") == 0)
    {
      switch (op)
        {
        case SEG_RULE_OPERATOR_IS:
        case SEG_RULE_OPERATOR_IN:
          return g_strdup_printf (_("who live in %s"), list);
        case SEG_RULE_OPERATOR_IS_NOT:
        case SEG_RULE_OPERATOR_NOT_IN:
          return g_strdup_printf (_("who do not live in %s"), list);
        default:
          return NULL;
        }
    }

  if (strcmp (id, "tags") == 0)
    {
      switch (op)
        {
        case SEG_RULE_OPERATOR_CONTAINS:
        case SEG_RULE_OPERATOR_IN:
          return g_strdup_printf (_("tagged %s"), list);
        case SEG_RULE_OPERATOR_NOT_CONTAINS:
        case SEG_RULE_OPERATOR_NOT_IN:
          return g_strdup_printf (_("not tagged %s"), list);
        default:
          return NULL;
        }
    }

  if (strcmp (id, "rfm_group") == 0 &&
      (op == SEG_RULE_OPERATOR_IS || op == SEG_RULE_OPERATOR_IN))
    return g_strdup_printf (_("in the RFM group %s"), list);

  if (strcmp (id, "revenue_percentile") == 0 && op == SEG_RULE_OPERATOR_GE)
    {
      g_autofree char *top = g_strdup_printf ("%g", 100.0 - g_ascii_strtod (values[0], NULL));

      return g_strdup_printf (_("in the top %s%% of buyers by spend"), top);
    }

  if (g_str_has_prefix (id, "bought_") &&
      (op == SEG_RULE_OPERATOR_IS || op == SEG_RULE_OPERATOR_IN ||
       op == SEG_RULE_OPERATOR_IS_NOT || op == SEG_RULE_OPERATOR_NOT_IN))
    {
      gboolean yes = op == SEG_RULE_OPERATOR_IS || op == SEG_RULE_OPERATOR_IN;

      if (strcmp (id, "bought_product") == 0)
        return g_strdup_printf (yes ? _("who bought %s") : _("who did not buy %s"), list);
      if (strcmp (id, "bought_category") == 0)
        return g_strdup_printf (yes ? _("who bought from the category %s")
                                    : _("who did not buy from the category %s"), list);
      if (strcmp (id, "bought_sku") == 0)
        return g_strdup_printf (yes ? _("who bought the SKU %s")
                                    : _("who did not buy the SKU %s"), list);
      if (strcmp (id, "bought_product_tag") == 0)
        return g_strdup_printf (yes ? _("who bought a product tagged %s")
                                    : _("who did not buy a product tagged %s"), list);
    }

  if (field->value_type == SEG_VALUE_TYPE_BOOLEAN && values[0] != NULL)
    return describe_boolean (id, strcmp (values[0], "true") == 0);

  return NULL;
}

static char *
describe_generic (const char         *noun,
                  const SegField     *field,
                  SegRuleOperator     op,
                  const char * const *values)
{
  g_autofree char *v = values[0] ? format_value (field, op, values[0]) : g_strdup ("");
  g_autofree char *w = values[0] && values[1] ? format_value (field, op, values[1])
                                              : g_strdup ("");
  g_autofree char *list = format_values (field, op, values);
  gulong n = plural_of (values[0]);

  switch (op)
    {
    case SEG_RULE_OPERATOR_IS:
    case SEG_RULE_OPERATOR_IN:
      return g_strdup_printf (_("whose %s is %s"), noun, list);
    case SEG_RULE_OPERATOR_IS_NOT:
    case SEG_RULE_OPERATOR_NOT_IN:
      return g_strdup_printf (_("whose %s is not %s"), noun, list);
    case SEG_RULE_OPERATOR_GT:
      return g_strdup_printf (_("whose %s is more than %s"), noun, v);
    case SEG_RULE_OPERATOR_GE:
      return g_strdup_printf (_("whose %s is %s or more"), noun, v);
    case SEG_RULE_OPERATOR_LT:
      return g_strdup_printf (_("whose %s is less than %s"), noun, v);
    case SEG_RULE_OPERATOR_LE:
      return g_strdup_printf (_("whose %s is %s or less"), noun, v);
    case SEG_RULE_OPERATOR_BETWEEN:
      return g_strdup_printf (_("whose %s is between %s and %s"), noun, v, w);
    case SEG_RULE_OPERATOR_BEFORE:
      return g_strdup_printf (_("whose %s is before %s"), noun, v);
    case SEG_RULE_OPERATOR_AFTER:
      return g_strdup_printf (_("whose %s is after %s"), noun, v);
    case SEG_RULE_OPERATOR_ON:
      return g_strdup_printf (_("whose %s is on %s"), noun, v);
    case SEG_RULE_OPERATOR_IN_LAST_DAYS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "whose %s is in the last %s day",
                                           "whose %s is in the last %s days", n), noun, v);
    case SEG_RULE_OPERATOR_MORE_THAN_DAYS_AGO:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "whose %s is more than %s day ago",
                                           "whose %s is more than %s days ago", n), noun, v);
    case SEG_RULE_OPERATOR_CONTAINS:
      return g_strdup_printf (_("whose %s contains %s"), noun, v);
    case SEG_RULE_OPERATOR_NOT_CONTAINS:
      return g_strdup_printf (_("whose %s does not contain %s"), noun, v);
    case SEG_RULE_OPERATOR_IS_EMPTY:
      return g_strdup_printf (_("whose %s is not known"), noun);
    case SEG_RULE_OPERATOR_IS_NOT_EMPTY:
      return g_strdup_printf (_("whose %s is known"), noun);
    case SEG_RULE_OPERATOR_STARTS_WITH:
      return g_strdup_printf (_("whose %s starts with %s"), noun, v);
    case SEG_RULE_N_OPERATORS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * seg_rule_describe_condition:
 * @condition: a condition
 *
 * Returns: (transfer full): the condition as a clause that follows
 *   "Customers", e.g. "who live in Canada"
 */
char *
seg_rule_describe_condition (SegRuleCondition *condition)
{
  const SegField *field;
  SegRuleOperator op;
  const char * const *values;
  guint period_days;
  g_autofree char *clause = NULL;
  g_autofree char *noun = NULL;

  g_return_val_if_fail (SEG_IS_RULE_CONDITION (condition), NULL);

  field = seg_rule_condition_lookup_field (condition);
  if (field == NULL)
    return g_strdup (_("with an unknown condition"));

  op = seg_rule_condition_get_operator (condition);
  values = seg_rule_condition_get_values (condition);
  period_days = seg_rule_condition_get_period_days (condition);

  if (field->attribute)
    noun = g_strdup_printf ("“%s”", seg_rule_condition_get_attribute (condition)
                                    ? seg_rule_condition_get_attribute (condition) : "");
  else
    noun = g_strdup (seg_field_get_noun (field));

  clause = describe_special (field, op, values);
  if (clause == NULL)
    clause = describe_generic (noun, field, op, values);

  if (period_days > 0)
    {
      char *with_period;

      with_period = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s in the last %u day",
                                                  "%s in the last %u days", period_days),
                                     clause, period_days);
      g_free (clause);
      clause = with_period;
    }

  if (seg_rule_condition_get_negated (condition))
    {
      /* Translators: a negated clause, e.g. "not tagged “vip”" */
      char *negated = g_strdup_printf (_("not %s"), clause);

      g_free (clause);
      clause = negated;
    }

  return g_steal_pointer (&clause);
}

static char *
describe_group (SegRuleGroup *group,
                gboolean      nested)
{
  g_autoptr(GPtrArray) clauses = g_ptr_array_new_with_free_func (g_free);
  guint n = seg_rule_group_get_n_children (group);
  g_autofree char *joined = NULL;

  for (guint i = 0; i < n; i++)
    {
      GObject *child = seg_rule_group_get_child (group, i);
      char *clause;

      if (SEG_IS_RULE_GROUP (child))
        clause = describe_group (SEG_RULE_GROUP (child), TRUE);
      else
        clause = seg_rule_describe_condition (SEG_RULE_CONDITION (child));

      if (clause != NULL)
        g_ptr_array_add (clauses, clause);
    }

  if (clauses->len == 0)
    return NULL;

  joined = join_words (clauses, seg_rule_group_get_match (group) == SEG_RULE_MATCH_ANY);

  if (seg_rule_group_get_negated (group))
    return g_strdup_printf (_("not (%s)"), joined);
  if (nested && clauses->len > 1)
    return g_strdup_printf ("(%s)", joined);

  return g_steal_pointer (&joined);
}

/**
 * seg_rule_describe:
 * @rule: a rule
 *
 * Returns: (transfer full): the rule in plain words, as a sentence
 *   without a final period
 */
char *
seg_rule_describe (SegRule *rule)
{
  g_autofree char *clauses = NULL;

  g_return_val_if_fail (SEG_IS_RULE (rule), NULL);

  clauses = describe_group (seg_rule_get_root (rule), FALSE);
  if (clauses == NULL)
    return g_strdup (seg_rule_group_get_match (seg_rule_get_root (rule)) == SEG_RULE_MATCH_ALL
                     ? _("All customers") : _("No customers"));

  /* Translators: %s is a list of clauses, e.g. "with 2 or more orders and
   * who live in Canada" */
  return g_strdup_printf (_("Customers %s"), clauses);
}
