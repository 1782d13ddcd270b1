/* seg-rule-compiler.h — a rule as SQL with bound parameters
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "seg-rule.h"

G_BEGIN_DECLS

/* What a compiled rule's WHERE fragment reads: every customer with its
 * measures row.  seg-measures.c keeps exactly one customer_measures row
 * per customer (prospects included), so this is an inner join, which lets
 * SQLite start from whichever side has the better index. */
#define SEG_RULE_SQL_FROM \
  "customers AS c JOIN customer_measures AS m ON m.customer_id = c.id"

typedef enum
{
  SEG_SQL_PARAM_INT,
  SEG_SQL_PARAM_REAL,
  SEG_SQL_PARAM_TEXT,
} SegSqlParamType;

typedef struct
{
  SegSqlParamType  type;
  gint64           int_value;
  double           real_value;
  char            *text_value;
} SegSqlParam;

typedef struct _SegCompiledRule SegCompiledRule;

SegCompiledRule   *seg_rule_compile                 (sqlite3          *db,
                                                     SegRule          *rule,
                                                     gint32            ref_day,
                                                     GError          **error);
void               seg_compiled_rule_free           (SegCompiledRule  *self);
const char        *seg_compiled_rule_get_where      (SegCompiledRule  *self);
guint              seg_compiled_rule_get_n_params   (SegCompiledRule  *self);
const SegSqlParam *seg_compiled_rule_get_param      (SegCompiledRule  *self,
                                                     guint             index);
gboolean           seg_compiled_rule_bind           (SegCompiledRule  *self,
                                                     sqlite3_stmt     *stmt,
                                                     int               first_index,
                                                     GError          **error);
sqlite3_stmt      *seg_compiled_rule_prepare        (SegCompiledRule  *self,
                                                     sqlite3          *db,
                                                     const char       *columns,
                                                     const char       *tail,
                                                     GError          **error);

gboolean           seg_rule_count                   (sqlite3          *db,
                                                     SegRule          *rule,
                                                     gint32            ref_day,
                                                     gint64           *customers,
                                                     gint64           *revenue_cents,
                                                     GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegCompiledRule, seg_compiled_rule_free)

G_END_DECLS
