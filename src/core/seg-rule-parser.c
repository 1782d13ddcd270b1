/* seg-rule-parser.c — a rule's text form, both ways
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Grammar (keywords and field ids are case-insensitive):
 *
 *   rule      := [ or ] END
 *   or        := and { "or" and }
 *   and       := unary { "and" unary }
 *   unary     := "not" unary | "(" or ")" | condition
 *   condition := field operation [ "within" INTEGER "days" ]
 *   field     := IDENT | "attr" "(" STRING ")"
 *   operation := ( "=" | "!=" | ">" | ">=" | "<" | "<=" ) value
 *              | "is" [ "not" ] ( "empty" | value )
 *              | [ "not" ] "in" "(" value { "," value } ")"
 *              | "in" "last" INTEGER "days" | "more" "than" INTEGER "days" "ago"
 *              | "between" value "and" value | ( "before" | "after" | "on" ) value
 *              | [ "not" ] "contains" value | "starts" "with" value
 *              | OPERATOR-ID ...              (the ids of seg-field.h, e.g. "is_empty")
 *   value     := STRING | NUMBER | DATE | "true" | "false" | "yes" | "no"
 *
 * Strings are double-quoted with \" \\ \n \t escapes; numbers are C locale
 * with an optional sign and decimals; dates are YYYY-MM-DD.  "and" binds
 * tighter than "or".  The tree is kept canonical: a group never holds an
 * un-negated group with its own match (those are merged), and a group of
 * one is its child.  The printer writes that tree back, so
 * parse (print (tree)) == tree for every tree the parser makes.
 */

#define G_LOG_DOMAIN "seg-rule-parser"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "seg-day.h"
#include "seg-rule.h"
#include "seg-rule-parser.h"

typedef enum
{
  TOKEN_END,
  TOKEN_IDENT,
  TOKEN_STRING,
  TOKEN_NUMBER,
  TOKEN_DATE,
  TOKEN_LPAREN,
  TOKEN_RPAREN,
  TOKEN_COMMA,
  TOKEN_SYMBOL,
} TokenKind;

typedef struct
{
  TokenKind   kind;
  int         column;   /* 1-based, in characters */
  const char *start;    /* in the source text */
  gsize       length;
  char       *text;     /* unescaped for strings, as written otherwise */
} Token;

typedef struct
{
  const char *source;
  GArray     *tokens;
  guint       position;
  char       *described;
  guint       depth;          /* nested "(" and "not" being parsed */
  const char *column_at;      /* where column_value was last counted */
  int         column_value;
} Parser;

/* Rules are typed by people and read from store files that may come from
 * anyone: bound the recursion and the work instead of trusting the input. */
#define MAX_RULE_DEPTH  64
#define MAX_RULE_LENGTH (64 * 1024)

static void
clear_token (gpointer data)
{
  Token *token = data;

  g_free (token->text);
}

static int
column_of (const char *source,
           const char *p)
{
  return (int) g_utf8_pointer_to_offset (source, p) + 1;
}

static gboolean
set_syntax_error (GError     **error,
                  int          column,
                  const char  *format,
                  ...) G_GNUC_PRINTF (3, 4);

static gboolean
set_syntax_error (GError     **error,
                  int          column,
                  const char  *format,
                  ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: the first %d is a column in the rule's text; the %s says
   * what is wrong there. */
  g_set_error (error, SEG_RULE_ERROR, SEG_RULE_ERROR_SYNTAX,
               _("Column %d: %s"), column, message);
  return FALSE;
}

static gboolean
is_ident_start (char c)
{
  return g_ascii_isalpha (c) || c == '_';
}

static gboolean
is_ident_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

static gboolean
lex_string (Parser      *parser,
            const char **p,
            Token       *token,
            GError     **error)
{
  const char *start = *p;
  GString *text = g_string_new (NULL);
  const char *q = start + 1;

  for (;;)
    {
      if (*q == '\0')
        {
          g_string_free (text, TRUE);
          return set_syntax_error (error, column_of (parser->source, start),
                                   _("the text that starts here has no closing quote"));
        }
      if (*q == '"')
        break;
      if (*q == '\\')
        {
          q++;
          switch (*q)
            {
            case '"':
            case '\\':
              g_string_append_c (text, *q);
              break;
            case 'n':
              g_string_append_c (text, '\n');
              break;
            case 't':
              g_string_append_c (text, '\t');
              break;
            default:
              {
                g_autofree char *what = NULL;

                g_string_free (text, TRUE);
                if (*q == '\0')
                  return set_syntax_error (error, column_of (parser->source, start),
                                           _("the text that starts here has no closing quote"));
                what = g_strndup (q, g_utf8_next_char (q) - q);
                return set_syntax_error (error, column_of (parser->source, q - 1),
                                         _("unknown escape “\\%s”; use \\\" for a quote "
                                           "and \\\\ for a backslash"), what);
              }
            }
          q++;
          continue;
        }
      g_string_append_c (text, *q);
      q++;
    }

  token->kind = TOKEN_STRING;
  token->text = g_string_free (text, FALSE);
  *p = q + 1;
  return TRUE;
}

static gboolean
lex_number (const char **p,
            Token       *token)
{
  const char *q = *p;

  if (g_ascii_isdigit (q[0]) && g_ascii_isdigit (q[1]) && g_ascii_isdigit (q[2]) &&
      g_ascii_isdigit (q[3]) && q[4] == '-' && g_ascii_isdigit (q[5]) &&
      g_ascii_isdigit (q[6]) && q[7] == '-' && g_ascii_isdigit (q[8]) &&
      g_ascii_isdigit (q[9]) && !is_ident_char (q[10]))
    {
      token->kind = TOKEN_DATE;
      *p = q + 10;
      return TRUE;
    }

  if (*q == '-' || *q == '+')
    q++;
  if (!g_ascii_isdigit (*q))
    return FALSE;
  while (g_ascii_isdigit (*q))
    q++;
  if (*q == '.' && g_ascii_isdigit (q[1]))
    {
      q++;
      while (g_ascii_isdigit (*q))
        q++;
    }

  token->kind = TOKEN_NUMBER;
  *p = q;
  return TRUE;
}

static gboolean
tokenize (Parser  *parser,
          GError **error)
{
  const char *p = parser->source;

  for (;;)
    {
      Token token = { 0, };

      while (g_ascii_isspace (*p))
        p++;

      token.start = p;
      /* Count columns onwards from the previous token: counting from the
       * start each time made long rules quadratic. */
      parser->column_value += (int) g_utf8_pointer_to_offset (parser->column_at, p);
      parser->column_at = p;
      token.column = parser->column_value;

      if (*p == '\0')
        {
          token.kind = TOKEN_END;
          g_array_append_val (parser->tokens, token);
          return TRUE;
        }
      else if (*p == '"')
        {
          if (!lex_string (parser, &p, &token, error))
            return FALSE;
        }
      else if (is_ident_start (*p))
        {
          while (is_ident_char (*p))
            p++;
          token.kind = TOKEN_IDENT;
        }
      else if (lex_number (&p, &token))
        ;
      else if (*p == '(')
        token.kind = TOKEN_LPAREN, p++;
      else if (*p == ')')
        token.kind = TOKEN_RPAREN, p++;
      else if (*p == ',')
        token.kind = TOKEN_COMMA, p++;
      else if (strncmp (p, ">=", 2) == 0 || strncmp (p, "<=", 2) == 0 ||
               strncmp (p, "!=", 2) == 0 || strncmp (p, "<>", 2) == 0 ||
               strncmp (p, "==", 2) == 0)
        token.kind = TOKEN_SYMBOL, p += 2;
      else if (*p == '=' || *p == '<' || *p == '>')
        token.kind = TOKEN_SYMBOL, p++;
      else
        {
          g_autofree char *what = g_strndup (p, g_utf8_next_char (p) - p);

          return set_syntax_error (error, token.column, _("unexpected character “%s”"), what);
        }

      token.length = p - token.start;
      if (token.text == NULL)
        token.text = g_strndup (token.start, token.length);
      g_array_append_val (parser->tokens, token);
    }
}

static Token *
peek_at (Parser *parser,
         guint   ahead)
{
  guint index = MIN (parser->position + ahead, parser->tokens->len - 1);

  return &g_array_index (parser->tokens, Token, index);
}

static Token *
peek (Parser *parser)
{
  return peek_at (parser, 0);
}

static Token *
advance (Parser *parser)
{
  Token *token = peek (parser);

  if (token->kind != TOKEN_END)
    parser->position++;
  return token;
}

static gboolean
is_keyword (Token      *token,
            const char *keyword)
{
  return token->kind == TOKEN_IDENT && g_ascii_strcasecmp (token->text, keyword) == 0;
}

static gboolean
is_symbol (Token      *token,
           const char *symbol)
{
  return token->kind == TOKEN_SYMBOL && strcmp (token->text, symbol) == 0;
}

/* What the user sees of a token in an error message; owned by @parser. */
static const char *
describe_token (Parser *parser,
                Token  *token)
{
  g_free (parser->described);
  if (token->kind == TOKEN_END)
    parser->described = g_strdup (_("the end of the rule"));
  else
    parser->described = g_strdup_printf ("“%s”", token->text);
  return parser->described;
}

static gboolean
is_value_token (Token *token)
{
  return token->kind == TOKEN_STRING || token->kind == TOKEN_NUMBER ||
         token->kind == TOKEN_DATE ||
         is_keyword (token, "true") || is_keyword (token, "false") ||
         is_keyword (token, "yes") || is_keyword (token, "no");
}

typedef struct
{
  char *text;
  int   column;
} Value;

static void
clear_value (gpointer data)
{
  Value *value = data;

  g_free (value->text);
}

static gboolean
parse_value (Parser     *parser,
             const char *after,
             GArray     *values,
             GError    **error)
{
  Token *token = peek (parser);
  Value value;

  if (!is_value_token (token))
    {
      if (token->kind == TOKEN_IDENT)
        return set_syntax_error (error, token->column,
                                 _("expected a value after “%s”; put text in double "
                                   "quotes: \"%s\""), after, token->text);
      return set_syntax_error (error, token->column,
                               _("expected a value after “%s”"), after);
    }

  advance (parser);
  value.text = g_strdup (token->text);
  value.column = token->column;
  g_array_append_val (values, value);
  return TRUE;
}

static gboolean
parse_value_list (Parser     *parser,
                  const char *after,
                  GArray     *values,
                  GError    **error)
{
  Token *token = peek (parser);

  if (token->kind != TOKEN_LPAREN)
    return set_syntax_error (error, token->column,
                             _("expected “(” and a list of values after “%s”"), after);
  advance (parser);

  if (!parse_value (parser, "(", values, error))
    return FALSE;

  for (;;)
    {
      token = peek (parser);
      if (token->kind == TOKEN_RPAREN)
        {
          advance (parser);
          return TRUE;
        }
      if (token->kind != TOKEN_COMMA)
        return set_syntax_error (error, token->column,
                                 _("expected “,” or “)” in the list of values, not %s"),
                                 describe_token (parser, token));
      advance (parser);
      if (!parse_value (parser, ",", values, error))
        return FALSE;
    }
}

static gboolean
expect_keyword (Parser     *parser,
                const char *keyword,
                const char *after,
                GError    **error)
{
  Token *token = peek (parser);

  if (!is_keyword (token, keyword))
    return set_syntax_error (error, token->column, _("expected “%s” after “%s”"),
                             keyword, after);
  advance (parser);
  return TRUE;
}

/* "N days" after in last / more than / within; "days" is optional after
 * an operator id ("in_last_days 30"). */
static gboolean
parse_days (Parser     *parser,
            const char *after,
            gboolean    days_required,
            GArray     *values,
            GError    **error)
{
  Token *token = peek (parser);
  Value value;

  if (token->kind != TOKEN_NUMBER && token->kind != TOKEN_STRING)
    return set_syntax_error (error, token->column,
                             _("expected a number of days after “%s”"), after);
  advance (parser);
  value.text = g_strdup (token->text);
  value.column = token->column;
  g_array_append_val (values, value);

  token = peek (parser);
  if (is_keyword (token, "days") || is_keyword (token, "day"))
    advance (parser);
  else if (days_required)
    return set_syntax_error (error, token->column, _("expected “days” after “%s”"),
                             g_array_index (values, Value, values->len - 1).text);
  return TRUE;
}

static gboolean
parse_operation (Parser          *parser,
                 const char      *field_text,
                 SegRuleOperator *op,
                 int             *op_column,
                 GArray          *values,
                 GError         **error)
{
  Token *token = peek (parser);
  Token *last;
  g_autofree char *after = NULL;
  gboolean by_id = FALSE;

  *op_column = token->column;

  if (token->kind == TOKEN_SYMBOL)
    {
      if (is_symbol (token, "=") || is_symbol (token, "=="))
        *op = SEG_RULE_OPERATOR_IS;
      else if (is_symbol (token, "!=") || is_symbol (token, "<>"))
        *op = SEG_RULE_OPERATOR_IS_NOT;
      else if (is_symbol (token, ">"))
        *op = SEG_RULE_OPERATOR_GT;
      else if (is_symbol (token, ">="))
        *op = SEG_RULE_OPERATOR_GE;
      else if (is_symbol (token, "<"))
        *op = SEG_RULE_OPERATOR_LT;
      else
        *op = SEG_RULE_OPERATOR_LE;
      advance (parser);
    }
  else if (is_keyword (token, "is"))
    {
      advance (parser);
      *op = SEG_RULE_OPERATOR_IS;
      if (is_keyword (peek (parser), "not"))
        {
          advance (parser);
          *op = SEG_RULE_OPERATOR_IS_NOT;
        }
      if (is_keyword (peek (parser), "empty"))
        {
          advance (parser);
          *op = *op == SEG_RULE_OPERATOR_IS ? SEG_RULE_OPERATOR_IS_EMPTY
                                             : SEG_RULE_OPERATOR_IS_NOT_EMPTY;
        }
    }
  else if (is_keyword (token, "in"))
    {
      advance (parser);
      if (is_keyword (peek (parser), "last"))
        {
          advance (parser);
          *op = SEG_RULE_OPERATOR_IN_LAST_DAYS;
        }
      else
        *op = SEG_RULE_OPERATOR_IN;
    }
  else if (is_keyword (token, "not"))
    {
      Token *next;

      advance (parser);
      next = peek (parser);
      if (is_keyword (next, "in"))
        *op = SEG_RULE_OPERATOR_NOT_IN;
      else if (is_keyword (next, "contains"))
        *op = SEG_RULE_OPERATOR_NOT_CONTAINS;
      else
        return set_syntax_error (error, next->column,
                                 _("expected “in” or “contains” after “not”"));
      advance (parser);
    }
  else if (is_keyword (token, "more"))
    {
      advance (parser);
      if (!expect_keyword (parser, "than", "more", error))
        return FALSE;
      *op = SEG_RULE_OPERATOR_MORE_THAN_DAYS_AGO;
    }
  else if (is_keyword (token, "starts"))
    {
      advance (parser);
      if (!expect_keyword (parser, "with", "starts", error))
        return FALSE;
      *op = SEG_RULE_OPERATOR_STARTS_WITH;
    }
  else if (token->kind == TOKEN_IDENT && seg_rule_operator_from_string (token->text, op))
    {
      advance (parser);
      by_id = TRUE;
    }
  else
    return set_syntax_error (error, token->column,
                             _("expected an operator such as =, >=, in or contains "
                               "after “%s”"), field_text);

  last = peek_at (parser, (guint) -1);
  after = g_strndup (token->start, last->start + last->length - token->start);

  switch (*op)
    {
    case SEG_RULE_OPERATOR_IN:
    case SEG_RULE_OPERATOR_NOT_IN:
      return parse_value_list (parser, after, values, error);

    case SEG_RULE_OPERATOR_BETWEEN:
      if (!parse_value (parser, after, values, error))
        return FALSE;
      if (!is_keyword (peek (parser), "and"))
        return set_syntax_error (error, peek (parser)->column,
                                 _("expected “and” between the two values of “between”"));
      advance (parser);
      return parse_value (parser, "and", values, error);

    case SEG_RULE_OPERATOR_IN_LAST_DAYS:
      return parse_days (parser, after, !by_id, values, error);

    case SEG_RULE_OPERATOR_MORE_THAN_DAYS_AGO:
      if (!parse_days (parser, after, !by_id, values, error))
        return FALSE;
      if (!by_id)
        return expect_keyword (parser, "ago", "days", error);
      return TRUE;

    case SEG_RULE_OPERATOR_IS_EMPTY:
    case SEG_RULE_OPERATOR_IS_NOT_EMPTY:
      return TRUE;

    case SEG_RULE_OPERATOR_IS:
    case SEG_RULE_OPERATOR_IS_NOT:
    case SEG_RULE_OPERATOR_GT:
    case SEG_RULE_OPERATOR_GE:
    case SEG_RULE_OPERATOR_LT:
    case SEG_RULE_OPERATOR_LE:
    case SEG_RULE_OPERATOR_BEFORE:
    case SEG_RULE_OPERATOR_AFTER:
    case SEG_RULE_OPERATOR_ON:
    case SEG_RULE_OPERATOR_CONTAINS:
    case SEG_RULE_OPERATOR_NOT_CONTAINS:
    case SEG_RULE_OPERATOR_STARTS_WITH:
      return parse_value (parser, after, values, error);

    case SEG_RULE_N_OPERATORS:
    default:
      g_assert_not_reached ();
    }
}

static GObject *
parse_condition (Parser  *parser,
                 GError **error)
{
  Token *token = peek (parser);
  g_autoptr(SegRuleCondition) condition = NULL;
  g_autoptr(GArray) values = g_array_new (TRUE, TRUE, sizeof (Value));
  g_autoptr(GPtrArray) normal = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *field_text = NULL;
  g_autofree char *attribute = NULL;
  const SegField *field;
  SegRuleOperator op;
  int op_column;
  guint period_days = 0;
  guint expected;

  g_array_set_clear_func (values, clear_value);

  if (token->kind != TOKEN_IDENT)
    {
      set_syntax_error (error, token->column, _("expected a field name such as orders "
                                                "or country, not %s"),
                        describe_token (parser, token));
      return NULL;
    }

  field = seg_field_lookup (token->text);
  if (field == NULL)
    {
      const char *suggestion = seg_field_suggest (token->text);

      if (suggestion != NULL)
        g_set_error (error, SEG_RULE_ERROR, SEG_RULE_ERROR_UNKNOWN_FIELD,
                     _("Unknown field “%s” at column %d. Did you mean “%s”?"),
                     token->text, token->column, suggestion);
      else
        g_set_error (error, SEG_RULE_ERROR, SEG_RULE_ERROR_UNKNOWN_FIELD,
                     _("Unknown field “%s” at column %d."), token->text, token->column);
      return NULL;
    }
  advance (parser);
  field_text = g_strdup (field->id);

  if (field->attribute)
    {
      Token *name;

      if (peek (parser)->kind != TOKEN_LPAREN)
        {
          set_syntax_error (error, peek (parser)->column,
                            _("expected “(” and the attribute name after “%s”, "
                              "as in attr(\"interests\")"), field->id);
          return NULL;
        }
      advance (parser);
      name = peek (parser);
      if (name->kind != TOKEN_STRING || name->text[0] == '\0')
        {
          set_syntax_error (error, name->column,
                            _("expected the attribute name in double quotes after “(”"));
          return NULL;
        }
      advance (parser);
      if (peek (parser)->kind != TOKEN_RPAREN)
        {
          set_syntax_error (error, peek (parser)->column,
                            _("expected “)” after the attribute name"));
          return NULL;
        }
      advance (parser);
      /* The store keeps attribute names in lower case. */
      attribute = g_utf8_strdown (name->text, -1);
      g_free (field_text);
      field_text = g_strdup_printf ("%s(\"%s\")", field->id, name->text);
    }

  if (!parse_operation (parser, field_text, &op, &op_column, values, error))
    return NULL;

  if (!seg_field_allows_operator (field, op))
    {
      set_syntax_error (error, op_column, _("the operator “%s” cannot be used with “%s”"),
                        seg_rule_operator_get_label (op), field->id);
      return NULL;
    }

  expected = seg_rule_operator_get_n_values (op);
  g_assert (expected == G_MAXUINT ? values->len > 0 : values->len == expected);

  for (guint i = 0; i < values->len; i++)
    {
      Value *value = &g_array_index (values, Value, i);
      g_autoptr(GError) local_error = NULL;
      char *text = seg_rule_normalize_value (field, op, value->text, &local_error);

      if (text == NULL)
        {
          set_syntax_error (error, value->column, "%s", local_error->message);
          return NULL;
        }
      g_ptr_array_add (normal, text);
    }
  g_ptr_array_add (normal, NULL);

  if (is_keyword (peek (parser), "within"))
    {
      Token *within = advance (parser);
      Token *number = peek (parser);
      guint64 days = 0;

      if (!field->period)
        {
          set_syntax_error (error, within->column,
                            _("“within” cannot be used with “%s”"), field->id);
          return NULL;
        }
      if (number->kind != TOKEN_NUMBER ||
          !g_ascii_string_to_unsigned (number->text, 10, 1, 100000, &days, NULL))
        {
          set_syntax_error (error, number->column,
                            _("expected a number of days after “within”"));
          return NULL;
        }
      advance (parser);
      if (!is_keyword (peek (parser), "days") && !is_keyword (peek (parser), "day"))
        {
          set_syntax_error (error, peek (parser)->column,
                            _("expected “days” after “%s”"), number->text);
          return NULL;
        }
      advance (parser);
      period_days = (guint) days;
    }

  condition = seg_rule_condition_new (field->id, op, (const char * const *) normal->pdata);
  seg_rule_condition_set_attribute (condition, attribute);
  seg_rule_condition_set_period_days (condition, period_days);

  return G_OBJECT (g_steal_pointer (&condition));
}

static GObject *parse_or (Parser  *parser,
                          GError **error);

static void
toggle_negated (GObject *node)
{
  if (SEG_IS_RULE_GROUP (node))
    seg_rule_group_set_negated (SEG_RULE_GROUP (node),
                                !seg_rule_group_get_negated (SEG_RULE_GROUP (node)));
  else
    seg_rule_condition_set_negated (SEG_RULE_CONDITION (node),
                                    !seg_rule_condition_get_negated (SEG_RULE_CONDITION (node)));
}

static GObject *
parse_unary (Parser  *parser,
             GError **error)
{
  Token *token = peek (parser);

  if ((is_keyword (token, "not") || token->kind == TOKEN_LPAREN) &&
      parser->depth >= MAX_RULE_DEPTH)
    {
      set_syntax_error (error, token->column,
                        _("the rule nests “(” and “not” more than %d levels deep; "
                          "write it with fewer levels"), MAX_RULE_DEPTH);
      return NULL;
    }

  if (is_keyword (token, "not"))
    {
      GObject *node;

      advance (parser);
      parser->depth++;
      node = parse_unary (parser, error);
      parser->depth--;
      if (node != NULL)
        toggle_negated (node);
      return node;
    }

  if (token->kind == TOKEN_LPAREN)
    {
      g_autoptr(GObject) node = NULL;
      Token *close;

      advance (parser);
      parser->depth++;
      node = parse_or (parser, error);
      parser->depth--;
      if (node == NULL)
        return NULL;
      close = peek (parser);
      if (close->kind != TOKEN_RPAREN)
        {
          set_syntax_error (error, close->column,
                            _("expected “)” to close the “(” at column %d, not %s"),
                            token->column, describe_token (parser, close));
          return NULL;
        }
      advance (parser);
      return g_steal_pointer (&node);
    }

  return parse_condition (parser, error);
}

/* Adds @node to @group, merging an un-negated group of the same match. */
static void
add_flattened (SegRuleGroup *group,
               GObject      *node)
{
  if (SEG_IS_RULE_GROUP (node) &&
      !seg_rule_group_get_negated (SEG_RULE_GROUP (node)) &&
      seg_rule_group_get_match (SEG_RULE_GROUP (node)) == seg_rule_group_get_match (group))
    {
      SegRuleGroup *inner = SEG_RULE_GROUP (node);
      guint n = seg_rule_group_get_n_children (inner);

      for (guint i = 0; i < n; i++)
        seg_rule_group_append (group, seg_rule_group_get_child (inner, i));
    }
  else
    seg_rule_group_append (group, node);
}

static GObject *
parse_list (Parser        *parser,
            SegRuleMatch   match,
            GError       **error)
{
  const char *keyword = match == SEG_RULE_MATCH_ALL ? "and" : "or";
  g_autoptr(GObject) first = NULL;
  g_autoptr(SegRuleGroup) group = NULL;

  first = match == SEG_RULE_MATCH_ALL ? parse_unary (parser, error)
                                      : parse_list (parser, SEG_RULE_MATCH_ALL, error);
  if (first == NULL)
    return NULL;

  if (!is_keyword (peek (parser), keyword))
    return g_steal_pointer (&first);

  group = seg_rule_group_new (match);
  add_flattened (group, first);

  while (is_keyword (peek (parser), keyword))
    {
      g_autoptr(GObject) next = NULL;

      advance (parser);
      next = match == SEG_RULE_MATCH_ALL ? parse_unary (parser, error)
                                         : parse_list (parser, SEG_RULE_MATCH_ALL, error);
      if (next == NULL)
        return NULL;
      add_flattened (group, next);
    }

  return G_OBJECT (g_steal_pointer (&group));
}

static GObject *
parse_or (Parser  *parser,
          GError **error)
{
  return parse_list (parser, SEG_RULE_MATCH_ANY, error);
}

/**
 * seg_rule_parse:
 * @text: a rule's text form, UTF-8
 * @error: return location for a #SEG_RULE_ERROR
 *
 * Parses @text.  Error messages name the column (in characters, from 1)
 * and what was expected there.  An empty text is an empty "all of" group,
 * which matches every customer.
 *
 * Returns: (transfer full): the root group, or %NULL with @error set
 */
SegRuleGroup *
seg_rule_parse (const char  *text,
                GError     **error)
{
  g_autoptr(GArray) tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  g_autoptr(GObject) node = NULL;
  const char *end = NULL;
  Parser parser = { 0, };
  Token *last;

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, &end))
    {
      g_set_error (error, SEG_RULE_ERROR, SEG_RULE_ERROR_SYNTAX,
                   _("Column %d: the rule is not valid UTF-8 text"),
                   (int) g_utf8_pointer_to_offset (text, end) + 1);
      return NULL;
    }

  if (strlen (text) > MAX_RULE_LENGTH)
    {
      g_set_error (error, SEG_RULE_ERROR, SEG_RULE_ERROR_SYNTAX,
                   _("The rule is longer than %d characters. Split it into several "
                     "segments or use “one of” lists."), MAX_RULE_LENGTH);
      return NULL;
    }

  g_array_set_clear_func (tokens, clear_token);
  parser.source = text;
  parser.tokens = tokens;
  parser.column_at = text;
  parser.column_value = 1;

  if (!tokenize (&parser, error))
    return NULL;

  if (peek (&parser)->kind == TOKEN_END)
    return seg_rule_group_new (SEG_RULE_MATCH_ALL);

  node = parse_or (&parser, error);
  if (node == NULL)
    {
      g_free (parser.described);
      return NULL;
    }

  last = peek (&parser);
  if (last->kind != TOKEN_END)
    {
      if (last->kind == TOKEN_RPAREN)
        set_syntax_error (error, last->column, _("this “)” closes no “(”"));
      else
        set_syntax_error (error, last->column,
                          _("expected “and”, “or” or the end of the rule, not %s"),
                          describe_token (&parser, last));
      g_free (parser.described);
      return NULL;
    }

  if (SEG_IS_RULE_GROUP (node) && !seg_rule_group_get_negated (SEG_RULE_GROUP (node)))
    return SEG_RULE_GROUP (g_steal_pointer (&node));
  else
    {
      SegRuleGroup *root = seg_rule_group_new (SEG_RULE_MATCH_ALL);

      seg_rule_group_append (root, node);
      return root;
    }
}

/* Printing */

static gboolean
is_plain_number (const char *value)
{
  const char *p = value;

  if (*p == '-')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  return *p == '\0';
}

static gboolean
is_plain_date (const char *value)
{
  gint32 day;

  return strlen (value) == 10 && g_ascii_isdigit (value[0]) &&
         seg_day_parse_iso (value, &day);
}

static void
append_quoted (GString    *out,
               const char *value)
{
  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      else if (*p == '\n')
        g_string_append (out, "\\n");
      else if (*p == '\t')
        g_string_append (out, "\\t");
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_value (GString         *out,
              const SegField  *field,
              SegRuleOperator  op,
              const char      *value)
{
  gboolean bare = FALSE;

  if (value == NULL)
    value = "";

  if (op == SEG_RULE_OPERATOR_IN_LAST_DAYS || op == SEG_RULE_OPERATOR_MORE_THAN_DAYS_AGO)
    bare = is_plain_number (value);
  else if (field == NULL)
    bare = FALSE;
  else if (field->attribute)
    {
      if (op == SEG_RULE_OPERATOR_BEFORE || op == SEG_RULE_OPERATOR_AFTER ||
          op == SEG_RULE_OPERATOR_ON)
        bare = is_plain_date (value);
    }
  else
    {
      switch (field->value_type)
        {
        case SEG_VALUE_TYPE_NUMBER:
        case SEG_VALUE_TYPE_MONEY:
        case SEG_VALUE_TYPE_DAYS:
        case SEG_VALUE_TYPE_PERCENT:
          bare = is_plain_number (value);
          break;
        case SEG_VALUE_TYPE_DATE:
          bare = is_plain_date (value);
          break;
        case SEG_VALUE_TYPE_BOOLEAN:
          bare = strcmp (value, "true") == 0 || strcmp (value, "false") == 0;
          break;
        case SEG_VALUE_TYPE_TEXT:
        case SEG_VALUE_TYPE_ENUM:
        case SEG_VALUE_TYPE_TAGS:
        default:
          break;
        }
    }

  if (bare)
    g_string_append (out, value);
  else
    append_quoted (out, value);
}

static void
append_condition (GString          *out,
                  SegRuleCondition *condition)
{
  const SegField *field = seg_rule_condition_lookup_field (condition);
  SegRuleOperator op = seg_rule_condition_get_operator (condition);
  const char * const *values = seg_rule_condition_get_values (condition);
  const char *first = values[0];
  const char *second = first != NULL ? values[1] : NULL;
  guint period_days = seg_rule_condition_get_period_days (condition);
  static const char * const symbols[] = {
    [SEG_RULE_OPERATOR_IS] = "=",
    [SEG_RULE_OPERATOR_IS_NOT] = "!=",
    [SEG_RULE_OPERATOR_GT] = ">",
    [SEG_RULE_OPERATOR_GE] = ">=",
    [SEG_RULE_OPERATOR_LT] = "<",
    [SEG_RULE_OPERATOR_LE] = "<=",
    [SEG_RULE_OPERATOR_BEFORE] = "before",
    [SEG_RULE_OPERATOR_AFTER] = "after",
    [SEG_RULE_OPERATOR_ON] = "on",
    [SEG_RULE_OPERATOR_CONTAINS] = "contains",
    [SEG_RULE_OPERATOR_NOT_CONTAINS] = "not contains",
    [SEG_RULE_OPERATOR_STARTS_WITH] = "starts with",
  };

  if (seg_rule_condition_get_negated (condition))
    g_string_append (out, "not ");

  if (field != NULL)
    g_string_append (out, field->id);
  else
    g_string_append (out, seg_rule_condition_get_field (condition));

  if (field != NULL && field->attribute)
    {
      const char *attribute = seg_rule_condition_get_attribute (condition);

      g_string_append_c (out, '(');
      append_quoted (out, attribute ? attribute : "");
      g_string_append_c (out, ')');
    }

  g_string_append_c (out, ' ');

  switch (op)
    {
    case SEG_RULE_OPERATOR_IN:
    case SEG_RULE_OPERATOR_NOT_IN:
      g_string_append (out, op == SEG_RULE_OPERATOR_IN ? "in (" : "not in (");
      for (guint i = 0; values[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          append_value (out, field, op, values[i]);
        }
      g_string_append_c (out, ')');
      break;

    case SEG_RULE_OPERATOR_BETWEEN:
      g_string_append (out, "between ");
      append_value (out, field, op, first);
      g_string_append (out, " and ");
      append_value (out, field, op, second);
      break;

    case SEG_RULE_OPERATOR_IN_LAST_DAYS:
      g_string_append (out, "in last ");
      append_value (out, field, op, first);
      g_string_append (out, " days");
      break;

    case SEG_RULE_OPERATOR_MORE_THAN_DAYS_AGO:
      g_string_append (out, "more than ");
      append_value (out, field, op, first);
      g_string_append (out, " days ago");
      break;

    case SEG_RULE_OPERATOR_IS_EMPTY:
      g_string_append (out, "is empty");
      break;

    case SEG_RULE_OPERATOR_IS_NOT_EMPTY:
      g_string_append (out, "is not empty");
      break;

    case SEG_RULE_OPERATOR_IS:
    case SEG_RULE_OPERATOR_IS_NOT:
    case SEG_RULE_OPERATOR_GT:
    case SEG_RULE_OPERATOR_GE:
    case SEG_RULE_OPERATOR_LT:
    case SEG_RULE_OPERATOR_LE:
    case SEG_RULE_OPERATOR_BEFORE:
    case SEG_RULE_OPERATOR_AFTER:
    case SEG_RULE_OPERATOR_ON:
    case SEG_RULE_OPERATOR_CONTAINS:
    case SEG_RULE_OPERATOR_NOT_CONTAINS:
    case SEG_RULE_OPERATOR_STARTS_WITH:
      g_string_append (out, symbols[op]);
      g_string_append_c (out, ' ');
      append_value (out, field, op, first);
      break;

    case SEG_RULE_N_OPERATORS:
    default:
      g_assert_not_reached ();
    }

  if (period_days > 0)
    g_string_append_printf (out, " within %u days", period_days);
}

static gboolean append_group (GString      *out,
                              SegRuleGroup *group,
                              gboolean      nested);

/* Returns FALSE when the node printed nothing (an empty group). */
static gboolean
append_node (GString  *out,
             GObject  *node,
             gboolean  nested)
{
  if (SEG_IS_RULE_GROUP (node))
    return append_group (out, SEG_RULE_GROUP (node), nested);

  append_condition (out, SEG_RULE_CONDITION (node));
  return TRUE;
}

static guint
count_printed_children (SegRuleGroup *group,
                        GObject     **only)
{
  guint n = seg_rule_group_get_n_children (group);
  guint printed = 0;

  for (guint i = 0; i < n; i++)
    {
      GObject *child = seg_rule_group_get_child (group, i);

      if (SEG_IS_RULE_GROUP (child) &&
          count_printed_children (SEG_RULE_GROUP (child), NULL) == 0)
        continue;
      if (only != NULL)
        *only = child;
      printed++;
    }

  return printed;
}

static gboolean
append_group (GString      *out,
              SegRuleGroup *group,
              gboolean      nested)
{
  const char *separator = seg_rule_group_get_match (group) == SEG_RULE_MATCH_ALL
                          ? " and " : " or ";
  gboolean negated = seg_rule_group_get_negated (group);
  GObject *only = NULL;
  guint n_printed = count_printed_children (group, &only);
  guint n = seg_rule_group_get_n_children (group);
  gboolean first = TRUE;

  if (n_printed == 0)
    return FALSE;

  /* A group of one is its child; "not" goes in front of it. */
  if (n_printed == 1)
    {
      if (negated)
        {
          g_string_append (out, "not ");
          if (SEG_IS_RULE_GROUP (only))
            return append_node (out, only, TRUE);
          g_string_append_c (out, '(');
          append_node (out, only, FALSE);
          g_string_append_c (out, ')');
          return TRUE;
        }
      return append_node (out, only, nested);
    }

  if (negated)
    g_string_append (out, "not ");
  if (nested || negated)
    g_string_append_c (out, '(');

  for (guint i = 0; i < n; i++)
    {
      GObject *child = seg_rule_group_get_child (group, i);
      gsize length = out->len;

      if (!first)
        g_string_append (out, separator);
      if (append_node (out, child, TRUE))
        first = FALSE;
      else
        g_string_truncate (out, length);
    }

  if (nested || negated)
    g_string_append_c (out, ')');

  return TRUE;
}

/**
 * seg_rule_print:
 * @root: a rule's root group
 *
 * Writes the canonical text form: one space around operators, lower-case
 * keywords, quoted text, values in their canonical spelling, nested groups
 * in parentheses.  Empty groups print nothing and a group of one prints as
 * its child, so a tree from the builder may come back from the parser in
 * that simpler (and equivalent) shape.
 *
 * Returns: (transfer full): the text form
 */
char *
seg_rule_print (SegRuleGroup *root)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (SEG_IS_RULE_GROUP (root), NULL);

  append_group (out, root, FALSE);
  return g_string_free (out, FALSE);
}

/**
 * seg_rule_print_condition:
 * @condition: a condition
 *
 * Returns: (transfer full): the condition's text form
 */
char *
seg_rule_print_condition (SegRuleCondition *condition)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (SEG_IS_RULE_CONDITION (condition), NULL);

  append_condition (out, condition);
  return g_string_free (out, FALSE);
}
