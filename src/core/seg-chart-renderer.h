/* seg-chart-renderer.h — draw a SegChart to any cairo_t
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One renderer for the screen, the printer, PNG, SVG and PDF.  Sizes are in
 * cairo user units: logical pixels on screen, points on paper.  Layout is a
 * pure function of (chart, width, height, style), so hit testing and mark
 * bounds agree with what was drawn without keeping any state.
 */

#pragma once

#include <cairo.h>

#include "seg-chart.h"

G_BEGIN_DECLS

#define SEG_CHART_ERROR (seg_chart_error_quark ())

typedef enum
{
  SEG_CHART_ERROR_FAILED,
  SEG_CHART_ERROR_UNSUPPORTED_FORMAT,
} SegChartError;

/* All three are safe for the common kinds of colour blindness. */
typedef enum
{
  SEG_CHART_PALETTE_OKABE_ITO,
  SEG_CHART_PALETTE_TOL_BRIGHT,
  SEG_CHART_PALETTE_TOL_MUTED,
} SegChartPalette;

typedef struct
{
  gboolean         dark;
  gboolean         transparent;  /* leave the background unpainted */
  double           scale;        /* device pixels per user unit (HiDPI, PNG) */
  const char      *font_family;  /* a Pango family list, "Cantarell, Sans" */
  double           font_size;    /* body text, in user units */
  SegChartPalette  palette;
} SegChartStyle;

typedef struct
{
  guint  mark;      /* for seg_chart_get_mark_bounds () and _describe_mark () */
  int    series;    /* -1 when the kind has none (heat map, RFM grid) */
  int    category;  /* category; heat map column; RFM recency score − 1 */
  int    row;       /* heat map row; RFM frequency score − 1; else -1 */
  double value;
} SegChartHit;

typedef enum
{
  SEG_CHART_TEXT_TITLE,
  SEG_CHART_TEXT_SUBTITLE,
  SEG_CHART_TEXT_LEGEND,
  SEG_CHART_TEXT_AXIS,       /* tick labels of a value or time axis */
  SEG_CHART_TEXT_CATEGORY,   /* category, row and column labels */
  SEG_CHART_TEXT_AXIS_TITLE,
  SEG_CHART_TEXT_VALUE,      /* values written on or next to marks */
  SEG_CHART_TEXT_MESSAGE,    /* the empty state */
} SegChartTextRole;

/* Where one piece of text went: its four corners (it may be rotated) and
 * their bounding box.  For tests and debugging. */
typedef struct
{
  SegChartTextRole   role;
  double             corners[4][2];
  cairo_rectangle_t  extents;
} SegChartTextBox;

GQuark    seg_chart_error_quark       (void);

void      seg_chart_style_init        (SegChartStyle      *style);
void      seg_chart_palette_get_color (SegChartPalette     palette,
                                       gboolean            dark,
                                       guint               index,
                                       double              rgb[3]);

void      seg_chart_draw              (SegChart           *chart,
                                       cairo_t            *cr,
                                       double              width,
                                       double              height,
                                       const SegChartStyle *style);

gboolean  seg_chart_hit_test          (SegChart           *chart,
                                       double              width,
                                       double              height,
                                       const SegChartStyle *style,
                                       double              x,
                                       double              y,
                                       SegChartHit        *hit);
gboolean  seg_chart_get_mark_bounds   (SegChart           *chart,
                                       double              width,
                                       double              height,
                                       const SegChartStyle *style,
                                       guint               mark,
                                       cairo_rectangle_t  *bounds);

GArray   *seg_chart_dup_text_boxes    (SegChart           *chart,
                                       double              width,
                                       double              height,
                                       const SegChartStyle *style);

gboolean  seg_chart_write_png         (SegChart           *chart,
                                       const char         *path,
                                       double              width,
                                       double              height,
                                       const SegChartStyle *style,
                                       GError            **error);
gboolean  seg_chart_write_svg         (SegChart           *chart,
                                       const char         *path,
                                       double              width,
                                       double              height,
                                       const SegChartStyle *style,
                                       GError            **error);
gboolean  seg_chart_write_pdf         (SegChart           *chart,
                                       const char         *path,
                                       double              width,
                                       double              height,
                                       const SegChartStyle *style,
                                       GError            **error);
gboolean  seg_chart_write_file        (SegChart           *chart,
                                       const char         *path,
                                       double              width,
                                       double              height,
                                       const SegChartStyle *style,
                                       GError            **error);

G_END_DECLS
