/* test-rule-parser.c — a rule's text form, both ways, and its description
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <string.h>

#include "seg-rule.h"
#include "seg-rule-describe.h"
#include "seg-rule-parser.h"

static char *
canonical (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegRuleGroup) root = seg_rule_parse (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (root);
  return seg_rule_print (root);
}

static void
assert_round_trip (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegRuleGroup) first = seg_rule_parse (text, &error);
  g_autoptr(SegRuleGroup) second = NULL;
  g_autofree char *printed = NULL;
  g_autofree char *reprinted = NULL;

  g_assert_no_error (error);
  printed = seg_rule_print (first);
  second = seg_rule_parse (printed, &error);
  g_assert_no_error (error);
  if (!seg_rule_group_equal (first, second))
    g_error ("round trip changed the tree: %s → %s", text, printed);
  reprinted = seg_rule_print (second);
  g_assert_cmpstr (printed, ==, reprinted);
}

static void
test_parser_examples (void)
{
  static const struct { const char *text; const char *canonical; } cases[] = {
    { "orders >= 2 and last_order_days >= 90 and country in (\"US\", \"CA\")",
      "orders >= 2 and last_order_days >= 90 and country in (\"US\", \"CA\")" },
    { "(orders = 1 or revenue > 100) and not tags contains \"vip\"",
      "(orders = 1 or revenue > 100) and not tags contains \"vip\"" },
    { "attr(\"interests\") contains \"yoga\"", "attr(\"interests\") contains \"yoga\"" },
    { "bought_category = \"Shoes\" within 90 days",
      "bought_category = \"Shoes\" within 90 days" },
    { "last_order before 2024-01-01", "last_order before 2024-01-01" },
    { "rfm_group in (\"Champions\", \"Loyal\")", "rfm_group in (\"Champions\", \"Loyal\")" },
    { "email_status = \"subscribed\" and last_open_days > 90",
      "email_status = \"subscribed\" and last_open_days > 90" },
    { "revenue between 100 and 500", "revenue between 100 and 500" },
    { "gender is empty", "gender is empty" },
    { "region = \"CA\"", "region = \"CA\"" },
    /* Keywords and ids in any case; spacing and spellings made canonical. */
    { "ORDERS>=2 AND Country IN(\"us\")", "orders >= 2 and country in (\"US\")" },
    { "revenue >= 100.50", "revenue >= 100.5" },
    { "revenue >= 100.00", "revenue >= 100" },
    { "orders == 1 OR orders <> 3", "orders = 1 or orders != 3" },
    { "gender is not empty", "gender is not empty" },
    { "gender is \"female\" and gender is not \"male\"",
      "gender = \"female\" and gender != \"male\"" },
    { "tags not contains \"vip\"", "tags not contains \"vip\"" },
    { "country not in (\"US\")", "country not in (\"US\")" },
    { "last_order in last 30 days", "last_order in last 30 days" },
    { "last_order more than 90 days ago", "last_order more than 90 days ago" },
    { "last_order in_last_days 30", "last_order in last 30 days" },
    { "postal_code starts with \"90\"", "postal_code starts with \"90\"" },
    { "postal_code starts_with \"90\"", "postal_code starts with \"90\"" },
    { "gender is_empty", "gender is empty" },
    { "used_discount = yes", "used_discount = true" },
    { "returning = \"false\"", "returning = false" },
    { "orders >= \"2\"", "orders >= 2" },
    { "rfm_group = \"champions\"", "rfm_group = \"Champions\"" },
    { "world_region = \"Europe\"", "world_region = \"europe\"" },
    { "city = \"say \\\"hi\\\" \\\\ there\"", "city = \"say \\\"hi\\\" \\\\ there\"" },
    { "attr(\"Interests\") = 5", "attr(\"interests\") = \"5\"" },
    { "attr(\"size\") >= 40", "attr(\"size\") >= \"40\"" },
    { "a_b_c_never = 1 or orders = 1", NULL },
    /* and binds tighter than or; groups flatten. */
    { "orders = 1 or orders = 2 and revenue > 5",
      "orders = 1 or (orders = 2 and revenue > 5)" },
    { "orders = 1 and (orders = 2 and (revenue > 5))",
      "orders = 1 and orders = 2 and revenue > 5" },
    { "not (orders = 1 or orders = 2)", "not (orders = 1 or orders = 2)" },
    { "not not orders = 1", "orders = 1" },
    { "not (orders = 1)", "not orders = 1" },
    { "   ", "" },
    { "", "" },
    { "bought_product_tag = \"eco-friendly\" within 365 days",
      "bought_product_tag = \"eco-friendly\" within 365 days" },
    { "revenue_percentile >= 80", "revenue_percentile >= 80" },
    { "orders >= -1", "orders >= -1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *printed = NULL;

      if (cases[i].canonical == NULL)
        continue;
      printed = canonical (cases[i].text);
      g_assert_cmpstr (printed, ==, cases[i].canonical);
      assert_round_trip (cases[i].text);
    }
}

static void
test_parser_tree (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegRuleGroup) root = NULL;
  GObject *child;
  SegRuleCondition *condition;

  root = seg_rule_parse ("orders = 1 or orders = 2 and revenue > 5", &error);
  g_assert_no_error (error);
  g_assert_cmpint (seg_rule_group_get_match (root), ==, SEG_RULE_MATCH_ANY);
  g_assert_cmpuint (seg_rule_group_get_n_children (root), ==, 2);
  child = seg_rule_group_get_child (root, 1);
  g_assert_true (SEG_IS_RULE_GROUP (child));
  g_assert_cmpint (seg_rule_group_get_match (SEG_RULE_GROUP (child)), ==, SEG_RULE_MATCH_ALL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (child)), ==, 2);
  g_clear_object (&root);

  root = seg_rule_parse ("attr(\"Interests\") contains \"Yoga\" within 5 days", &error);
  g_assert_null (root);
  g_assert_error (error, SEG_RULE_ERROR, SEG_RULE_ERROR_SYNTAX);
  g_clear_error (&error);

  root = seg_rule_parse ("bought_sku in (\"A\", \"B\") within 7 days", &error);
  g_assert_no_error (error);
  g_assert_cmpint (seg_rule_group_get_match (root), ==, SEG_RULE_MATCH_ALL);
  condition = SEG_RULE_CONDITION (seg_rule_group_get_child (root, 0));
  g_assert_cmpstr (seg_rule_condition_get_field (condition), ==, "bought_sku");
  g_assert_cmpint (seg_rule_condition_get_operator (condition), ==, SEG_RULE_OPERATOR_IN);
  g_assert_cmpuint (seg_rule_condition_get_n_values (condition), ==, 2);
  g_assert_cmpstr (seg_rule_condition_get_value (condition, 1), ==, "B");
  g_assert_cmpuint (seg_rule_condition_get_period_days (condition), ==, 7);
  g_clear_object (&root);

  root = seg_rule_parse ("attr(\"Interests\") contains \"Yoga\"", &error);
  g_assert_no_error (error);
  condition = SEG_RULE_CONDITION (seg_rule_group_get_child (root, 0));
  g_assert_cmpstr (seg_rule_condition_get_attribute (condition), ==, "interests");
  g_assert_cmpstr (seg_rule_condition_get_value (condition, 0), ==, "Yoga");
}

static void
test_parser_errors (void)
{
  static const struct { const char *text; int code; const char *message; } cases[] = {
    { "orders >= ", SEG_RULE_ERROR_SYNTAX,
      "Column 11: expected a value after “>=”" },
    { "orders >= 2 and revenue >=", SEG_RULE_ERROR_SYNTAX,
      "Column 27: expected a value after “>=”" },
    { "oders >= 2", SEG_RULE_ERROR_UNKNOWN_FIELD,
      "Unknown field “oders” at column 1. Did you mean “orders”?" },
    { "orders >= 2 and contry = \"US\"", SEG_RULE_ERROR_UNKNOWN_FIELD,
      "Unknown field “contry” at column 17. Did you mean “country”?" },
    { "zzzzzzzz = 1", SEG_RULE_ERROR_UNKNOWN_FIELD,
      "Unknown field “zzzzzzzz” at column 1." },
    { "orders", SEG_RULE_ERROR_SYNTAX,
      "Column 7: expected an operator such as =, >=, in or contains after “orders”" },
    { "orders 2", SEG_RULE_ERROR_SYNTAX,
      "Column 8: expected an operator such as =, >=, in or contains after “orders”" },
    { "orders contains \"x\"", SEG_RULE_ERROR_SYNTAX,
      "Column 8: the operator “contains” cannot be used with “orders”" },
    { "orders >= \"many\"", SEG_RULE_ERROR_SYNTAX, "Column 11: “many” is not a number" },
    { "last_order before 2024-13-01", SEG_RULE_ERROR_SYNTAX,
      "Column 19: “2024-13-01” is not a date; write dates as YYYY-MM-DD" },
    { "rfm_group = \"Champs\"", SEG_RULE_ERROR_SYNTAX,
      "Column 13: “Champs” is not a value of “rfm_group”; expected one of “Champions”, "
      "“Loyal”, “Potential Loyalist”, “New Customers”, “Promising”, “Need Attention”, "
      "“About To Sleep”, “At Risk”, “Can't Lose Them”, “Hibernating”, “Lost”, "
      "“Prospects”" },
    { "used_discount = maybe", SEG_RULE_ERROR_SYNTAX,
      "Column 17: expected a value after “=”; put text in double quotes: \"maybe\"" },
    { "used_discount = \"maybe\"", SEG_RULE_ERROR_SYNTAX,
      "Column 17: “maybe” is not true or false" },
    { "email_status = subscribed", SEG_RULE_ERROR_SYNTAX,
      "Column 16: expected a value after “=”; put text in double quotes: \"subscribed\"" },
    { "country in \"US\"", SEG_RULE_ERROR_SYNTAX,
      "Column 12: expected “(” and a list of values after “in”" },
    { "country in (\"US\" \"CA\")", SEG_RULE_ERROR_SYNTAX,
      "Column 18: expected “,” or “)” in the list of values, not “CA”" },
    { "country in ()", SEG_RULE_ERROR_SYNTAX, "Column 13: expected a value after “(”" },
    { "revenue between 100 500", SEG_RULE_ERROR_SYNTAX,
      "Column 21: expected “and” between the two values of “between”" },
    { "(orders = 1 or revenue > 100", SEG_RULE_ERROR_SYNTAX,
      "Column 29: expected “)” to close the “(” at column 1, not the end of the rule" },
    { "orders = 1)", SEG_RULE_ERROR_SYNTAX, "Column 11: this “)” closes no “(”" },
    { "orders = 1 revenue > 2", SEG_RULE_ERROR_SYNTAX,
      "Column 12: expected “and”, “or” or the end of the rule, not “revenue”" },
    { "city = \"Paris", SEG_RULE_ERROR_SYNTAX,
      "Column 8: the text that starts here has no closing quote" },
    { "city = \"a\\qb\"", SEG_RULE_ERROR_SYNTAX,
      "Column 10: unknown escape “\\q”; use \\\" for a quote and \\\\ for a backslash" },
    { "orders = 1 & revenue > 2", SEG_RULE_ERROR_SYNTAX,
      "Column 12: unexpected character “&”" },
    { "city = «Paris»", SEG_RULE_ERROR_SYNTAX, "Column 8: unexpected character “«”" },
    { "orders = 1 within 30 days", SEG_RULE_ERROR_SYNTAX,
      "Column 12: “within” cannot be used with “orders”" },
    { "bought_sku = \"A\" within days", SEG_RULE_ERROR_SYNTAX,
      "Column 25: expected a number of days after “within”" },
    { "bought_sku = \"A\" within 0 days", SEG_RULE_ERROR_SYNTAX,
      "Column 25: expected a number of days after “within”" },
    { "bought_sku = \"A\" within 5", SEG_RULE_ERROR_SYNTAX,
      "Column 26: expected “days” after “5”" },
    { "last_order in last 30", SEG_RULE_ERROR_SYNTAX,
      "Column 22: expected “days” after “30”" },
    { "last_order in last x days", SEG_RULE_ERROR_SYNTAX,
      "Column 20: expected a number of days after “in last”" },
    { "last_order more 30 days ago", SEG_RULE_ERROR_SYNTAX,
      "Column 17: expected “than” after “more”" },
    { "last_order more than 30 days", SEG_RULE_ERROR_SYNTAX,
      "Column 29: expected “ago” after “days”" },
    { "postal_code starts \"9\"", SEG_RULE_ERROR_SYNTAX,
      "Column 20: expected “with” after “starts”" },
    { "tags not \"vip\"", SEG_RULE_ERROR_SYNTAX,
      "Column 10: expected “in” or “contains” after “not”" },
    { "attr = \"x\"", SEG_RULE_ERROR_SYNTAX,
      "Column 6: expected “(” and the attribute name after “attr”, as in attr(\"interests\")" },
    { "attr(interests) = \"x\"", SEG_RULE_ERROR_SYNTAX,
      "Column 6: expected the attribute name in double quotes after “(”" },
    { "attr(\"a\" = \"x\"", SEG_RULE_ERROR_SYNTAX,
      "Column 10: expected “)” after the attribute name" },
    { "orders = 1 and", SEG_RULE_ERROR_SYNTAX,
      "Column 15: expected a field name such as orders or country, not the end of the rule" },
    { "and orders = 1", SEG_RULE_ERROR_UNKNOWN_FIELD, "Unknown field “and” at column 1." },
    { "not", SEG_RULE_ERROR_SYNTAX,
      "Column 4: expected a field name such as orders or country, not the end of the rule" },
    { "= 1", SEG_RULE_ERROR_SYNTAX,
      "Column 1: expected a field name such as orders or country, not “=”" },
    { "orders >= 1 and last_order in last 999999 days", SEG_RULE_ERROR_SYNTAX,
      "Column 36: “999999” is not a whole number of days" },
    { "orders >= 1e5", SEG_RULE_ERROR_SYNTAX,
      "Column 12: expected “and”, “or” or the end of the rule, not “e5”" },
    { "city = \"é\" and orders >= x", SEG_RULE_ERROR_SYNTAX,
      "Column 26: expected a value after “>=”; put text in double quotes: \"x\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SegRuleGroup) root = seg_rule_parse (cases[i].text, &error);

      g_assert_null (root);
      g_assert_nonnull (error);
      if (!g_error_matches (error, SEG_RULE_ERROR, cases[i].code) ||
          strcmp (error->message, cases[i].message) != 0)
        g_error ("%s\n  got:      %s\n  expected: %s", cases[i].text, error->message,
                 cases[i].message);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SegRuleGroup) root = seg_rule_parse ("city = \"\xff\"", &error);

    g_assert_null (root);
    g_assert_error (error, SEG_RULE_ERROR, SEG_RULE_ERROR_SYNTAX);
    g_assert_cmpstr (error->message, ==, "Column 9: the rule is not valid UTF-8 text");
  }
}

/* A value of the right kind for a field and operator. */
static const char *
sample_value (const SegField  *field,
              SegRuleOperator  op,
              guint            index)
{
  if (op == SEG_RULE_OPERATOR_IN_LAST_DAYS || op == SEG_RULE_OPERATOR_MORE_THAN_DAYS_AGO)
    return "30";
  if (field->attribute)
    {
      if (op == SEG_RULE_OPERATOR_BEFORE || op == SEG_RULE_OPERATOR_AFTER ||
          op == SEG_RULE_OPERATOR_ON)
        return "2024-02-29";
      if (op == SEG_RULE_OPERATOR_GT || op == SEG_RULE_OPERATOR_BETWEEN)
        return index ? "7.25" : "5";
      return index ? "running" : "yoga \"hot\" \\ \n";
    }
  switch (field->value_type)
    {
    case SEG_VALUE_TYPE_NUMBER:
    case SEG_VALUE_TYPE_DAYS:
      return index ? "10" : "2";
    case SEG_VALUE_TYPE_PERCENT:
      return index ? "90.5" : "20";
    case SEG_VALUE_TYPE_MONEY:
      return index ? "500" : "99.99";
    case SEG_VALUE_TYPE_DATE:
      return index ? "2024-12-31" : "2024-01-01";
    case SEG_VALUE_TYPE_BOOLEAN:
      return "false";
    case SEG_VALUE_TYPE_ENUM:
      return field->choices[index];
    case SEG_VALUE_TYPE_TEXT:
    case SEG_VALUE_TYPE_TAGS:
    default:
      if (strcmp (field->id, "country") == 0)
        return index ? "CA" : "US";
      return index ? "Shoes, Boots" : "eco-friendly \"quoted\" \\ ,";
    }
}

static void
test_parser_round_trip_catalogue (void)
{
  const SegField *fields;
  guint n_fields;
  guint n_checked = 0;

  fields = seg_field_get_all (&n_fields);
  g_assert_cmpuint (n_fields, >=, 50);

  for (guint i = 0; i < n_fields; i++)
    {
      const SegField *field = &fields[i];

      for (SegRuleOperator op = 0; op < SEG_RULE_N_OPERATORS; op++)
        {
          if (!seg_field_allows_operator (field, op))
            continue;

          for (guint variant = 0; variant < 4; variant++)
            {
              g_autoptr(SegRuleCondition) condition = NULL;
              g_autoptr(SegRuleGroup) root = seg_rule_group_new (SEG_RULE_MATCH_ALL);
              g_autoptr(SegRuleGroup) parsed = NULL;
              g_autoptr(GPtrArray) values = g_ptr_array_new ();
              g_autoptr(GError) error = NULL;
              g_autofree char *text = NULL;
              g_autofree char *again = NULL;
              guint n_values = seg_rule_operator_get_n_values (op);
              gboolean with_period = variant & 1;
              gboolean negated = variant & 2;

              if (with_period && !field->period)
                continue;

              if (n_values == G_MAXUINT)
                n_values = 2;
              for (guint v = 0; v < n_values; v++)
                g_ptr_array_add (values, (gpointer) sample_value (field, op, v));
              g_ptr_array_add (values, NULL);

              condition = seg_rule_condition_new (field->id, op,
                                                  (const char * const *) values->pdata);
              if (field->attribute)
                seg_rule_condition_set_attribute (condition, "favourite \"colour\"");
              if (with_period)
                seg_rule_condition_set_period_days (condition, 45);
              seg_rule_condition_set_negated (condition, negated);
              seg_rule_condition_validate (condition, &error);
              g_assert_no_error (error);
              seg_rule_group_append (root, G_OBJECT (condition));

              /* A second condition so that the "and" after "between" and
               * after a period is exercised too. */
              {
                g_autoptr(SegRuleCondition) other = seg_rule_condition_new ("orders",
                                                                           SEG_RULE_OPERATOR_GE,
                                                                           (const char *[]) { "1", NULL });
                seg_rule_group_append (root, G_OBJECT (other));
              }

              text = seg_rule_print (root);
              parsed = seg_rule_parse (text, &error);
              if (error != NULL)
                g_error ("%s: %s", text, error->message);
              if (!seg_rule_group_equal (root, parsed))
                g_error ("round trip changed the rule: %s", text);
              again = seg_rule_print (parsed);
              g_assert_cmpstr (text, ==, again);
              n_checked++;
            }
        }
    }

  g_test_message ("%u field/operator/period/negation combinations round-tripped", n_checked);
  g_assert_cmpuint (n_checked, >, 300);
}

static void
test_parser_builder_trees (void)
{
  g_autoptr(SegRuleGroup) root = seg_rule_group_new (SEG_RULE_MATCH_ANY);
  g_autoptr(SegRuleGroup) empty = seg_rule_group_new (SEG_RULE_MATCH_ALL);
  g_autoptr(SegRuleGroup) single = seg_rule_group_new (SEG_RULE_MATCH_ANY);
  g_autoptr(SegRuleGroup) pair = seg_rule_group_new (SEG_RULE_MATCH_ALL);
  g_autoptr(SegRuleCondition) a = seg_rule_condition_new ("orders", SEG_RULE_OPERATOR_GE,
                                                          (const char *[]) { "2", NULL });
  g_autoptr(SegRuleCondition) b = seg_rule_condition_new ("gender", SEG_RULE_OPERATOR_IS_EMPTY,
                                                          NULL);
  g_autoptr(SegRuleCondition) c = seg_rule_condition_new ("tags", SEG_RULE_OPERATOR_CONTAINS,
                                                          (const char *[]) { "vip", NULL });
  g_autofree char *text = NULL;

  /* Transient builder states print as the simpler equivalent. */
  seg_rule_group_append (root, G_OBJECT (empty));
  seg_rule_group_append (single, G_OBJECT (a));
  seg_rule_group_append (root, G_OBJECT (single));
  seg_rule_group_append (pair, G_OBJECT (b));
  seg_rule_group_append (pair, G_OBJECT (c));
  seg_rule_group_append (root, G_OBJECT (pair));
  text = seg_rule_print (root);
  g_assert_cmpstr (text, ==, "orders >= 2 or (gender is empty and tags contains \"vip\")");
  assert_round_trip (text);
}

static void
count_cb (gpointer user_data)
{
  (*(guint *) user_data)++;
}

static void
test_rule_changed_signal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegRule) rule = seg_rule_new_from_text ("orders >= 2 and (country = \"US\" or "
                                                    "revenue > 5)", &error);
  g_autoptr(SegRule) copy = NULL;
  SegRuleGroup *inner;
  SegRuleCondition *condition;
  guint changes = 0;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_signal_connect_swapped (rule, "changed", G_CALLBACK (count_cb), &changes);
  copy = seg_rule_copy (rule);
  g_assert_true (seg_rule_equal (rule, copy));

  inner = SEG_RULE_GROUP (seg_rule_group_get_child (seg_rule_get_root (rule), 1));
  condition = SEG_RULE_CONDITION (seg_rule_group_get_child (inner, 0));
  seg_rule_condition_set_values (condition, (const char *[]) { "CA", NULL });
  g_assert_cmpuint (changes, ==, 1);
  seg_rule_condition_set_values (condition, (const char *[]) { "CA", NULL });
  g_assert_cmpuint (changes, ==, 1);
  g_object_set (condition, "operator", SEG_RULE_OPERATOR_IS_NOT, NULL);
  g_assert_cmpuint (changes, ==, 2);
  seg_rule_group_set_match (inner, SEG_RULE_MATCH_ALL);
  g_assert_cmpuint (changes, ==, 3);
  g_object_ref (condition);
  seg_rule_group_remove (inner, 0);
  g_assert_cmpuint (changes, ==, 4);
  /* A removed condition no longer reaches the rule. */
  seg_rule_condition_set_negated (condition, TRUE);
  g_assert_cmpuint (changes, ==, 4);
  g_object_unref (condition);

  g_assert_false (seg_rule_equal (rule, copy));
  text = seg_rule_to_text (rule);
  g_assert_cmpstr (text, ==, "orders >= 2 and revenue > 5");
}

static void
test_describe (void)
{
  static const struct { const char *text; const char *words; } cases[] = {
    { "orders >= 2 and last_order_days >= 90 and country in (\"US\", \"CA\")",
      "Customers with 2 or more orders, whose last order was 90 or more days ago and "
      "who live in United States or Canada" },
    { "", "All customers" },
    { "orders = 1 or revenue > 100.5", "Customers with exactly 1 order or whose total spent "
      "is more than 100.50" },
    { "(orders = 0 or tags contains \"vip\") and not email_status = \"unsubscribed\"",
      "Customers (with no order or tagged “vip”) and not whose email subscription is "
      "Unsubscribed" },
    { "bought_category = \"Shoes\" within 90 days",
      "Customers who bought from the category “Shoes” in the last 90 days" },
    { "last_order before 2024-01-01", "Customers whose last order date is before 1 January 2024" },
    { "attr(\"interests\") contains \"yoga\"", "Customers whose “interests” contains “yoga”" },
    { "revenue_percentile >= 80", "Customers in the top 20% of buyers by spend" },
    { "used_discount = false", "Customers who did not use a discount" },
    { "world_region in (\"europe\", \"middle_east\")",
      "Customers whose world region is Europe or Middle East" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SegRule) rule = seg_rule_new_from_text (cases[i].text, &error);
      g_autofree char *words = NULL;

      g_assert_no_error (error);
      words = seg_rule_describe (rule);
      g_assert_cmpstr (words, ==, cases[i].words);
    }
}

static void
test_field_catalogue (void)
{
  const SegCountryInfo *country;
  guint n;
  static const char * const required[] = {
    "orders", "revenue", "aov", "first_order", "last_order", "last_order_days", "country",
    "region", "city", "postal_code", "world_region", "hemisphere", "season", "ppp_tier",
    "tags", "age", "age_band", "gender", "income_band", "language", "email_status",
    "last_open_days", "last_click_days", "opens_in_period", "rfm_group", "r", "f", "m",
    "returning", "discount_share", "used_discount", "discount_code", "abandoned_checkout",
    "checkout_days", "checkouts", "bought_product", "bought_category", "bought_sku",
    "bought_product_tag", "orders_in_period", "revenue_in_period", "acquisition_source",
    "acquisition_campaign", "accepts_marketing", "member_rating", "attr",
    "revenue_percentile",
  };

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    g_assert_nonnull (seg_field_lookup (required[i]));

  g_assert_cmpstr (seg_field_suggest ("oders"), ==, "orders");
  g_assert_cmpstr (seg_field_suggest ("last_ordr_days"), ==, "last_order_days");
  g_assert_null (seg_field_suggest ("xyzzy"));

  seg_country_info_get_all (&n);
  g_assert_cmpuint (n, >=, 240);
  country = seg_country_info_lookup ("br");
  g_assert_nonnull (country);
  g_assert_cmpint (country->hemisphere, ==, SEG_HEMISPHERE_SOUTH);
  g_assert_cmpint (country->world_region, ==, SEG_WORLD_REGION_SOUTH_AMERICA);
  g_assert_cmpint (country->ppp_tier, ==, SEG_PPP_TIER_UPPER_MIDDLE);
  g_assert_cmpstr (seg_country_info_get_name (seg_country_info_lookup ("US")), ==, "United States");
  g_assert_null (seg_country_info_lookup ("ZZ"));
  g_assert_null (seg_country_info_lookup (NULL));
  g_assert_nonnull (seg_country_info_lookup ("XK"));

  /* bsearch needs the table sorted. */
  {
    const SegCountryInfo *all = seg_country_info_get_all (&n);

    for (guint i = 1; i < n; i++)
      g_assert_cmpint (strcmp (all[i - 1].code, all[i].code), <, 0);
  }

  g_assert_cmpint (seg_season_for_month (SEG_HEMISPHERE_NORTH, 7), ==, SEG_SEASON_SUMMER);
  g_assert_cmpint (seg_season_for_month (SEG_HEMISPHERE_SOUTH, 7), ==, SEG_SEASON_WINTER);
  g_assert_cmpint (seg_season_for_month (SEG_HEMISPHERE_SOUTH, 10), ==, SEG_SEASON_SPRING);
  g_assert_cmpint (seg_season_for_month (SEG_HEMISPHERE_NORTH, 12), ==, SEG_SEASON_WINTER);
}

/* Hostile text (from a store file that came from anyone) ends with a
 * message, not a stack overflow, and long rules parse in linear time. */
static void
test_parse_hostile (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) nots = g_string_new (NULL);
  g_autoptr(GString) wide = g_string_new (NULL);
  g_autoptr(GString) huge = g_string_new (NULL);
  g_autoptr(SegRuleGroup) root = NULL;
  gint64 start;

  for (int i = 0; i < 50000; i++)
    g_string_append_c (deep, '(');
  g_string_append (deep, "orders > 1");
  root = seg_rule_parse (deep->str, &error);
  g_assert_null (root);
  g_assert_error (error, SEG_RULE_ERROR, SEG_RULE_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "Column 65"));
  g_clear_error (&error);

  /* Sixty levels are fine. */
  g_string_truncate (deep, 0);
  for (int i = 0; i < 60; i++)
    g_string_append_c (deep, '(');
  g_string_append (deep, "orders > 1");
  for (int i = 0; i < 60; i++)
    g_string_append_c (deep, ')');
  root = seg_rule_parse (deep->str, &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
  g_clear_object (&root);

  for (int i = 0; i < 20000; i++)
    g_string_append (nots, "not ");
  g_string_append (nots, "orders > 1");
  root = seg_rule_parse (nots->str, &error);
  g_assert_error (error, SEG_RULE_ERROR, SEG_RULE_ERROR_SYNTAX);
  g_clear_error (&error);

  /* Thousands of conditions in a row: columns are still right at the end. */
  for (int i = 0; i < 3000; i++)
    g_string_append (wide, "orders > 1 and ");
  g_string_append (wide, "orders >");
  start = g_get_monotonic_time ();
  root = seg_rule_parse (wide->str, &error);
  g_test_message ("parsed %zu characters in %.1f ms", wide->len,
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_null (root);
  g_assert_error (error, SEG_RULE_ERROR, SEG_RULE_ERROR_SYNTAX);
  {
    g_autofree char *expected = g_strdup_printf ("Column %zu", wide->len + 1);
    g_assert_nonnull (strstr (error->message, expected));
  }
  g_clear_error (&error);

  while (huge->len <= 64 * 1024)
    g_string_append (huge, "orders > 1 and ");
  g_string_append (huge, "orders > 1");
  root = seg_rule_parse (huge->str, &error);
  g_assert_null (root);
  g_assert_error (error, SEG_RULE_ERROR, SEG_RULE_ERROR_SYNTAX);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rule/parser/examples", test_parser_examples);
  g_test_add_func ("/rule/parser/tree", test_parser_tree);
  g_test_add_func ("/rule/parser/errors", test_parser_errors);
  g_test_add_func ("/rule/parser/round-trip-catalogue", test_parser_round_trip_catalogue);
  g_test_add_func ("/rule/parser/builder-trees", test_parser_builder_trees);
  g_test_add_func ("/rule/changed-signal", test_rule_changed_signal);
  g_test_add_func ("/rule/describe", test_describe);
  g_test_add_func ("/rule/field/catalogue", test_field_catalogue);
  g_test_add_func ("/rule/parse/hostile", test_parse_hostile);

  return g_test_run ();
}
