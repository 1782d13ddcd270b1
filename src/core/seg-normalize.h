/* seg-normalize.h — turning the cells of store exports into clean values
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions: no store, no state but the iso-codes tables, which are
 * loaded once and are safe to use from any thread.  None of them guesses:
 * a value that could mean two things is refused (FALSE / NULL) so that the
 * import wizard can ask or report it.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SEG_DECIMAL_MARK_AUTO,
  SEG_DECIMAL_MARK_POINT,  /* 1,234.56 */
  SEG_DECIMAL_MARK_COMMA,  /* 1.234,56 */
} SegDecimalMark;

typedef enum
{
  SEG_DATE_ORDER_AUTO,
  SEG_DATE_ORDER_MONTH_FIRST,  /* 5/31/2016 */
  SEG_DATE_ORDER_DAY_FIRST,    /* 31/05/2016 */
} SegDateOrder;

typedef enum
{
  SEG_DATE_COLUMN_EMPTY,        /* no non-empty cell seen */
  SEG_DATE_COLUMN_YEAR_FIRST,   /* only ISO-like dates: no order to choose */
  SEG_DATE_COLUMN_MONTH_FIRST,  /* some cell only fits month-first */
  SEG_DATE_COLUMN_DAY_FIRST,    /* some cell only fits day-first */
  SEG_DATE_COLUMN_AMBIGUOUS,    /* every cell fits both: ask the user */
  SEG_DATE_COLUMN_UNPARSEABLE,  /* no cell is a date, or cells contradict */
} SegDateColumn;

/* Feed it a column's cells; it says which date order the column uses. */
typedef struct
{
  guint n_empty;
  guint n_year_first;
  guint n_both;         /* fits month-first and day-first */
  guint n_month_first;  /* fits month-first only */
  guint n_day_first;    /* fits day-first only */
  guint n_invalid;      /* not a date in any order */
} SegDateSniffer;

/* Text */
const char     *seg_normalize_strip_apostrophe (const char     *text);
char           *seg_normalize_email            (const char     *text);
gboolean        seg_normalize_is_mangled_number (const char    *text);

/* Numbers */
gboolean        seg_normalize_money            (const char     *text,
                                                SegDecimalMark  mark,
                                                gint64         *cents);
gboolean        seg_normalize_decimal          (const char     *text,
                                                SegDecimalMark  mark,
                                                double         *value);
gboolean        seg_normalize_int              (const char     *text,
                                                gint64         *value);
gboolean        seg_normalize_boolean          (const char     *text,
                                                gboolean       *value);

/* Dates */
gboolean        seg_normalize_date             (const char     *text,
                                                SegDateOrder    order,
                                                gint32         *day,
                                                char          **iso_utc);
void            seg_date_sniffer_init          (SegDateSniffer *sniffer);
void            seg_date_sniffer_add           (SegDateSniffer *sniffer,
                                                const char     *text);
SegDateColumn   seg_date_sniffer_get_result    (const SegDateSniffer *sniffer);

/* Places (ISO 3166 through iso-codes) */
const char     *seg_normalize_country          (const char     *text);
const char     *seg_country_get_name           (const char     *code);
const char     *seg_country_get_localized_name (const char     *code);
const char     *seg_normalize_region           (const char     *country,
                                                const char     *text);
const char     *seg_region_get_name            (const char     *country,
                                                const char     *code);

G_END_DECLS
