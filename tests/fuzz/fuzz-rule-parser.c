/* fuzz-rule-parser.c — libFuzzer entry point for the rule text form
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built by tests/fuzz/meson.build (see docs/FUZZING.md), or by hand:
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -I src/core -I _build-rule \
 *     tests/fuzz/fuzz-rule-parser.c src/core/seg-{day,field,rule*}.c \
 *     $(pkg-config --cflags --libs gio-2.0 sqlite3) -lm -o fuzz-rule-parser
 *
 * Any text either parses or fails with a SEG_RULE_ERROR; what parses prints back to a text
 * that parses to a tree printing the same (the parser's documented
 * round-trip), and printing never returns NULL.
 */

#include <stdint.h>
#include <string.h>

#include "seg-day.h"
#include "seg-rule.h"
#include "seg-rule-compiler.h"
#include "seg-rule-describe.h"
#include "seg-rule-parser.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(SegRuleGroup) rule = NULL;
  g_autoptr(SegRuleGroup) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *printed = NULL;
  g_autofree char *reprinted = NULL;

  rule = seg_rule_parse (text, &error);
  if (rule == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == SEG_RULE_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert_no_error (error);

  printed = seg_rule_print (rule);
  g_assert_nonnull (printed);
  g_assert_true (g_utf8_validate (printed, -1, NULL));

  again = seg_rule_parse (printed, &error);
  if (again == NULL)
    g_error ("“%s” printed as “%s”, which does not parse: %s",
             text, printed, error->message);

  reprinted = seg_rule_print (again);
  if (g_strcmp0 (printed, reprinted) != 0)
    g_error ("“%s” printed as “%s”, which prints back as “%s”",
             text, printed, reprinted);
  if (!seg_rule_group_equal (rule, again))
    g_error ("“%s” printed as “%s”, which parses to another tree", text, printed);

  /* Whatever parses also describes and compiles (without a database only
   * revenue_percentile may fail, with an error). */
  {
    g_autoptr(SegRule) whole = seg_rule_new_for_root (rule);
    g_autoptr(SegCompiledRule) compiled = NULL;
    g_autofree char *words = seg_rule_describe (whole);

    g_assert_true (g_utf8_validate (words, -1, NULL));
    compiled = seg_rule_compile (NULL, whole, seg_day_from_ymd (2024, 2, 29), &error);
    if (compiled == NULL)
      {
        g_assert_nonnull (error);
        g_autofree char *lower = g_ascii_strdown (text, -1);

        g_assert_nonnull (strstr (lower, "revenue_percentile"));
        g_clear_error (&error);
      }
    else
      g_assert_null (strchr (seg_compiled_rule_get_where (compiled), '"'));
  }

  return 0;
}
