/* seg-chart-private.h — what the chart renderer sees of a chart
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "seg-chart.h"

G_BEGIN_DECLS

typedef struct
{
  char    *name;
  GArray  *values;     /* double, one per category; NAN when missing */
  gboolean has_color;
  double   rgb[3];
} SegChartSeries;

struct _SegChart
{
  GObject         parent_instance;

  SegChartKind    kind;
  SegChartFormat  format;
  char           *title;
  char           *subtitle;
  char           *currency;
  char           *empty_text;

  GPtrArray      *categories;        /* char * */
  GArray         *category_colors;   /* SegChartColor, parallel to categories */
  GPtrArray      *series;            /* SegChartSeries * */
  GArray         *days;              /* gint32, parallel to categories */

  guint           n_rows;
  guint           n_columns;
  double         *matrix;            /* n_rows × n_columns, row-major */
  GPtrArray      *row_labels;        /* char * */
  GPtrArray      *column_labels;     /* char * */
  char          **cell_labels;       /* n_rows × n_columns, may hold NULL */

  gboolean        show_share;

  /* The renderer's text layouts, kept between draws: laying text out is
   * most of what drawing a chart costs, and the chart only changes when it
   * says so.  @serial grows on every "changed"; the renderer drops what it
   * kept for an older serial.  @render_lock keeps two threads drawing the
   * same chart from sharing the cache (the second draws without it). */
  guint           serial;
  GMutex          render_lock;
  gpointer        render_cache;
  GDestroyNotify  render_cache_free;
};

typedef struct
{
  gboolean set;
  double   rgb[3];
} SegChartColor;

gboolean  seg_chart_parse_color   (const char *text,
                                   double      rgb[3]);
double    seg_chart_series_value  (SegChart   *chart,
                                   guint       series,
                                   guint       category);
char     *seg_chart_format_tick   (SegChart   *chart,
                                   double      value,
                                   double      step);
char     *seg_chart_format_number (double      value,
                                   int         decimals);
char     *seg_chart_format_share  (double      fraction);
char     *seg_chart_format_label  (SegChart   *chart,
                                   double      value);
double    seg_chart_series_total  (SegChart   *chart,
                                   guint       series);
gboolean  seg_chart_shares_make_sense (SegChart *chart);

G_END_DECLS
