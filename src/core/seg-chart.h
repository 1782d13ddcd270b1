/* seg-chart.h — a chart as a plain data model
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A SegChart holds what a chart shows — its kind, titles, how values are
 * written and the values themselves — and nothing about how it is drawn.
 * seg-chart-renderer.h draws it to any cairo_t.
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  SEG_CHART_BAR_HORIZONTAL,
  SEG_CHART_BAR_VERTICAL,
  SEG_CHART_BAR_STACKED_HORIZONTAL,
  SEG_CHART_BAR_STACKED_VERTICAL,
  SEG_CHART_DONUT,
  SEG_CHART_LINE,
  SEG_CHART_AREA,
  SEG_CHART_HEATMAP,
  SEG_CHART_RFM_GRID,
} SegChartKind;

#define SEG_CHART_N_KINDS (SEG_CHART_RFM_GRID + 1)

typedef enum
{
  SEG_CHART_FORMAT_COUNT,    /* 1,234 */
  SEG_CHART_FORMAT_MONEY,    /* $1,234 or 1.234 €, from the currency code */
  SEG_CHART_FORMAT_PERCENT,  /* values are fractions: 0.31 is written 31% */
  SEG_CHART_FORMAT_DECIMAL,  /* 12.35 */
} SegChartFormat;

#define SEG_TYPE_CHART_KIND   (seg_chart_kind_get_type ())
#define SEG_TYPE_CHART_FORMAT (seg_chart_format_get_type ())
#define SEG_TYPE_CHART        (seg_chart_get_type ())

GType seg_chart_kind_get_type   (void) G_GNUC_CONST;
GType seg_chart_format_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (SegChart, seg_chart, SEG, CHART, GObject)

const char     *seg_chart_kind_to_string     (SegChartKind    kind);
gboolean        seg_chart_kind_from_string   (const char     *text,
                                              SegChartKind   *kind);

SegChart       *seg_chart_new                (SegChartKind    kind);

SegChartKind    seg_chart_get_kind           (SegChart       *chart);
void            seg_chart_set_kind           (SegChart       *chart,
                                              SegChartKind    kind);
const char     *seg_chart_get_title          (SegChart       *chart);
void            seg_chart_set_title          (SegChart       *chart,
                                              const char     *title);
const char     *seg_chart_get_subtitle       (SegChart       *chart);
void            seg_chart_set_subtitle       (SegChart       *chart,
                                              const char     *subtitle);
SegChartFormat  seg_chart_get_value_format   (SegChart       *chart);
void            seg_chart_set_value_format   (SegChart       *chart,
                                              SegChartFormat  format);
const char     *seg_chart_get_currency       (SegChart       *chart);
void            seg_chart_set_currency       (SegChart       *chart,
                                              const char     *currency);
const char     *seg_chart_get_empty_text     (SegChart       *chart);
void            seg_chart_set_empty_text     (SegChart       *chart,
                                              const char     *empty_text);
gboolean        seg_chart_get_show_share     (SegChart       *chart);
void            seg_chart_set_show_share     (SegChart       *chart,
                                              gboolean        show_share);

void            seg_chart_clear              (SegChart       *chart);
gboolean        seg_chart_is_empty           (SegChart       *chart);

/* Categories and series: bars, donut (first series only), line and area. */
void            seg_chart_set_categories     (SegChart           *chart,
                                              const char * const *labels,
                                              int                 n_labels);
guint           seg_chart_add_category       (SegChart       *chart,
                                              const char     *label);
guint           seg_chart_get_n_categories   (SegChart       *chart);
const char     *seg_chart_get_category       (SegChart       *chart,
                                              guint           category);
gboolean        seg_chart_set_category_color (SegChart       *chart,
                                              guint           category,
                                              const char     *color);
guint           seg_chart_add_series         (SegChart       *chart,
                                              const char     *name,
                                              const double   *values,
                                              guint           n_values);
guint           seg_chart_get_n_series       (SegChart       *chart);
const char     *seg_chart_get_series_name    (SegChart       *chart,
                                              guint           series);
gboolean        seg_chart_set_series_color   (SegChart       *chart,
                                              guint           series,
                                              const char     *color);
double          seg_chart_get_value          (SegChart       *chart,
                                              guint           series,
                                              guint           category);

/* Line and area over time: one day (seg-day.h) per category. */
void            seg_chart_set_days           (SegChart       *chart,
                                              const gint32   *days,
                                              guint           n_days);
gint32          seg_chart_get_day            (SegChart       *chart,
                                              guint           category);

/* Heat map: a row-major matrix of n_rows × n_columns values. */
void            seg_chart_set_matrix         (SegChart           *chart,
                                              guint               n_rows,
                                              guint               n_columns,
                                              const double       *values);
void            seg_chart_set_row_labels     (SegChart           *chart,
                                              const char * const *labels);
void            seg_chart_set_column_labels  (SegChart           *chart,
                                              const char * const *labels);
void            seg_chart_set_cell_label     (SegChart       *chart,
                                              guint           row,
                                              guint           column,
                                              const char     *label);
guint           seg_chart_get_n_rows         (SegChart       *chart);
guint           seg_chart_get_n_columns      (SegChart       *chart);
double          seg_chart_get_cell_value     (SegChart       *chart,
                                              guint           row,
                                              guint           column);
const char     *seg_chart_get_cell_label     (SegChart       *chart,
                                              guint           row,
                                              guint           column);

/* RFM grid: recency and frequency scores 1–5; value = customers or revenue. */
void            seg_chart_set_rfm_cell       (SegChart       *chart,
                                              guint           recency,
                                              guint           frequency,
                                              double          value,
                                              const char     *label);

char           *seg_chart_format_value       (SegChart       *chart,
                                              double          value);
char           *seg_chart_format_day         (gint32          day);

guint           seg_chart_get_n_marks        (SegChart       *chart);
char           *seg_chart_describe_mark      (SegChart       *chart,
                                              guint           mark);
char           *seg_chart_dup_summary        (SegChart       *chart);

G_END_DECLS
