/* test-chart.c — the chart model and renderer, headless
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Set SEG_CHART_SHOTS=1 to also save a PNG of every chart, size and theme
 * in /tmp/chart-shots/ for looking at.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "seg-chart.h"
#include "seg-chart-private.h"
#include "seg-chart-renderer.h"
#include "seg-day.h"

typedef enum
{
  DATA_REALISTIC,
  DATA_EMPTY,
  DATA_LONG_LABELS,
  N_DATA
} DataKind;

static const char *data_names[] = { "realistic", "empty", "long" };

static const char *groups[] = {
  "Champions", "Loyal", "Potential Loyalist", "New Customers", "Promising",
  "Need Attention", "About To Sleep", "At Risk", "Can't Lose Them", "Hibernating", "Lost",
  NULL
};

static const char *long_names[] = {
  "Customers who bought eco-friendly products in the last ninety days",
  "Subscribers who opened every single newsletter since the spring sale",
  "Extraordinarily valuable wholesale and repeat buyers from Scandinavia",
  "Cart abandoners",
  "First-time buyers from the Instagram giveaway campaign in November",
  "Lapsed",
  NULL
};

static const struct { int w, h; } sizes[] = {
  { 300, 200 },
  { 520, 320 },
  { 1200, 700 },
};

static void
fill_bars (SegChart *chart,
           DataKind  data)
{
  SegChartKind kind = seg_chart_get_kind (chart);
  const char * const *names = data == DATA_LONG_LABELS ? long_names : groups;
  guint n = g_strv_length ((char **) names);

  if (kind == SEG_CHART_BAR_HORIZONTAL || kind == SEG_CHART_DONUT)
    {
      const double revenue[] = { 48210, 22950.5, 17880, 6120, 4890, 9310, 3120, 12800, 8150, 2410, 760 };
      const double customers[] = { 312, 388, 540, 296, 210, 205, 240, 350, 64, 468, 620 };

      seg_chart_set_categories (chart, names, n);
      if (kind == SEG_CHART_DONUT)
        {
          seg_chart_set_title (chart, data == DATA_LONG_LABELS
                               ? "Share of customers in every segment of the store, primary segments only, as of today"
                               : "Customers by segment");
          seg_chart_add_series (chart, "Customers", customers, n);
        }
      else
        {
          seg_chart_set_title (chart, data == DATA_LONG_LABELS
                               ? "Revenue by segment over the last twelve months, net of refunds and cancellations"
                               : "Revenue by segment");
          seg_chart_set_subtitle (chart, "Last 12 months, net of refunds");
          seg_chart_set_value_format (chart, SEG_CHART_FORMAT_MONEY);
          seg_chart_set_currency (chart, "USD");
          seg_chart_add_series (chart, "Revenue", revenue, n);
        }
    }
  else if (kind == SEG_CHART_BAR_VERTICAL)
    {
      const double open[] = { 0.52, 0.47, 0.41, 0.38, 0.33, 0.29 };
      const double click[] = { 0.081, 0.064, 0.052, 0.047, 0.031, 0.022 };
      const double conversion[] = { 0.034, 0.027, 0.019, 0.012, 0.009, 0.004 };

      seg_chart_set_title (chart, "Campaign performance by segment");
      seg_chart_set_value_format (chart, SEG_CHART_FORMAT_PERCENT);
      seg_chart_set_categories (chart, names, 6);
      seg_chart_add_series (chart, data == DATA_LONG_LABELS ? "Unique opens as a share of delivered emails" : "Open rate", open, 6);
      seg_chart_add_series (chart, "Click rate", click, 6);
      seg_chart_add_series (chart, "Conversion rate", conversion, 6);
    }
  else if (kind == SEG_CHART_BAR_STACKED_HORIZONTAL)
    {
      const double first[] = { 12, 40, 210, 296, 150, 60 };
      const double returning[] = { 300, 348, 330, 0, 60, 145 };

      seg_chart_set_title (chart, "New and returning customers");
      seg_chart_set_categories (chart, names, 6);
      seg_chart_add_series (chart, "First order", first, 6);
      seg_chart_add_series (chart, data == DATA_LONG_LABELS ? "Returning customers with two or more orders" : "Returning", returning, 6);
    }
  else if (kind == SEG_CHART_BAR_STACKED_VERTICAL)
    {
      const char *months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", NULL };
      double values[4][12];

      for (guint s = 0; s < 4; s++)
        for (guint m = 0; m < 12; m++)
          values [s][m] = 1200 + 900 * s + 400 * sin (m * 0.7 + s) + 150 * m;

      seg_chart_set_title (chart, "Monthly revenue by segment");
      seg_chart_set_value_format (chart, SEG_CHART_FORMAT_MONEY);
      seg_chart_set_currency (chart, "EUR");
      if (data == DATA_LONG_LABELS)
        seg_chart_set_categories (chart, long_names, 6);
      else
        seg_chart_set_categories (chart, months, 12);
      for (guint s = 0; s < 4; s++)
        seg_chart_add_series (chart, names [s], values [s], 12);
    }
}

static void
fill_lines (SegChart *chart,
            DataKind  data)
{
  const char * const *names = data == DATA_LONG_LABELS ? long_names : groups;
  gint32 start = seg_day_from_ymd (2025, 9, 1);
  gint32 days[30];
  double values[3][30];

  for (guint i = 0; i < 30; i++)
    {
      days [i] = start + 7 * i;
      values [0][i] = 310 + 4 * i + 20 * sin (i * 0.5);
      values [1][i] = 520 - 3 * i + 15 * cos (i * 0.3);
      values [2][i] = 180 + 9 * i;
    }

  seg_chart_set_title (chart, seg_chart_get_kind (chart) == SEG_CHART_AREA
                       ? "Segment size over time" : "Customers per segment, weekly");
  seg_chart_set_days (chart, days, 30);
  for (guint s = 0; s < 3; s++)
    seg_chart_add_series (chart, names [s], values [s], 30);
}

static void
fill_heatmap (SegChart *chart,
              DataKind  data)
{
  const char * const *names = data == DATA_LONG_LABELS ? long_names : groups;
  double values[36];

  for (guint r = 0; r < 6; r++)
    for (guint c = 0; c < 6; c++)
      values [r * 6 + c] = r == c ? 400 + 50 * r : (double) ((r * 37 + c * 53) % 180);

  seg_chart_set_title (chart, "Segment overlap");
  seg_chart_set_subtitle (chart, "Customers in both segments");
  seg_chart_set_matrix (chart, 6, 6, values);
  seg_chart_set_row_labels (chart, names);
  seg_chart_set_column_labels (chart, names);
}

static const char *
rfm_group (guint r,
           guint f)
{
  if (r >= 4 && f >= 4)
    return "Champions";
  if (r >= 3 && f >= 4)
    return "Loyal";
  if (r >= 4 && f >= 2)
    return "Potential Loyalist";
  if (r == 5 && f == 1)
    return "New Customers";
  if (r == 4 && f == 1)
    return "Promising";
  if (r == 3 && f == 3)
    return "Need Attention";
  if (r == 3)
    return "About To Sleep";
  if (r <= 2 && f >= 4)
    return "Can't Lose Them";
  if (r == 2 && f >= 2)
    return "At Risk";
  if (r == 1 && f == 1)
    return "Lost";
  return "Hibernating";
}

static void
fill_rfm (SegChart *chart,
          DataKind  data)
{
  seg_chart_set_title (chart, data == DATA_LONG_LABELS
                       ? "Customers by recency and frequency score, all customers with at least one counted order"
                       : "RFM grid");
  for (guint r = 1; r <= 5; r++)
    for (guint f = 1; f <= 5; f++)
      seg_chart_set_rfm_cell (chart, r, f, (double) ((r * 31 + f * 17) % 90 + 5 * r * f),
                              data == DATA_LONG_LABELS ? long_names [(r + f) % 6] : rfm_group (r, f));
}

static SegChart *
make_chart (SegChartKind kind,
            DataKind     data)
{
  SegChart *chart = seg_chart_new (kind);

  if (data == DATA_EMPTY)
    {
      seg_chart_set_title (chart, "Revenue by segment");
      return chart;
    }

  switch (kind)
    {
    case SEG_CHART_LINE:
    case SEG_CHART_AREA:
      fill_lines (chart, data);
      break;
    case SEG_CHART_HEATMAP:
      fill_heatmap (chart, data);
      break;
    case SEG_CHART_RFM_GRID:
      fill_rfm (chart, data);
      break;
    default:
      fill_bars (chart, data);
      break;
    }

  return chart;
}

static cairo_surface_t *
render (SegChart            *chart,
        int                  width,
        int                  height,
        const SegChartStyle *style)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  seg_chart_draw (chart, cr, width, height, style);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

/* Pixels unlike the background in the lower part of the canvas, below the
 * title: the plot, or the empty state's message. */
static guint
count_content_pixels (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *data = cairo_image_surface_get_data (surface);
  guint32 background = *(const guint32 *) data;
  guint count = 0;

  for (int y = height * 3 / 10; y < height; y++)
    for (int x = 0; x < width; x++)
      if (*(const guint32 *) (data + y * stride + x * 4) != background)
        count++;

  return count;
}

/* Separating axis test on two convex quadrilaterals, shrunk by a hair so
 * that boxes that only touch do not count. */
static void
project (const SegChartTextBox *box,
         double                 ax,
         double                 ay,
         double                *lo,
         double                *hi)
{
  *lo = G_MAXDOUBLE;
  *hi = -G_MAXDOUBLE;
  for (guint i = 0; i < 4; i++)
    {
      double p = box->corners [i][0] * ax + box->corners [i][1] * ay;

      *lo = MIN (*lo, p);
      *hi = MAX (*hi, p);
    }
}

static gboolean
boxes_overlap (const SegChartTextBox *a,
               const SegChartTextBox *b)
{
  const SegChartTextBox *boxes[2] = { a, b };

  for (guint k = 0; k < 2; k++)
    for (guint i = 0; i < 2; i++)
      {
        const SegChartTextBox *box = boxes [k];
        double ex = box->corners [i + 1][0] - box->corners [i][0];
        double ey = box->corners [i + 1][1] - box->corners [i][1];
        double len = hypot (ex, ey);
        double alo, ahi, blo, bhi;

        if (len == 0)
          return FALSE;
        project (a, -ey / len, ex / len, &alo, &ahi);
        project (b, -ey / len, ex / len, &blo, &bhi);
        if (ahi - 0.5 <= blo || bhi - 0.5 <= alo)
          return FALSE;
      }

  return TRUE;
}

static void
check_layout (SegChart            *chart,
              int                  width,
              int                  height,
              const SegChartStyle *style,
              const char          *what)
{
  g_autoptr(GArray) boxes = seg_chart_dup_text_boxes (chart, width, height, style);
  guint n_marks = seg_chart_get_n_marks (chart);

  for (guint i = 0; i < boxes->len; i++)
    {
      const SegChartTextBox *box = &g_array_index (boxes, SegChartTextBox, i);

      if (box->extents.x < -0.01 || box->extents.y < -0.01 ||
          box->extents.x + box->extents.width > width + 0.01 ||
          box->extents.y + box->extents.height > height + 0.01)
        g_error ("%s: text %u (role %d) at %.1f,%.1f %.1f×%.1f is off the %d×%d canvas",
                 what, i, box->role, box->extents.x, box->extents.y,
                 box->extents.width, box->extents.height, width, height);

      for (guint j = i + 1; j < boxes->len; j++)
        {
          const SegChartTextBox *other = &g_array_index (boxes, SegChartTextBox, j);

          if (boxes_overlap (box, other))
            g_error ("%s: text %u (role %d, %.1f,%.1f %.1f×%.1f) overlaps text %u "
                     "(role %d, %.1f,%.1f %.1f×%.1f)",
                     what, i, box->role, box->extents.x, box->extents.y,
                     box->extents.width, box->extents.height,
                     j, other->role, other->extents.x, other->extents.y,
                     other->extents.width, other->extents.height);
        }
    }

  for (guint m = 0; m < n_marks; m++)
    {
      cairo_rectangle_t bounds;

      if (!seg_chart_get_mark_bounds (chart, width, height, style, m, &bounds))
        continue;
      g_assert_cmpfloat (bounds.x, >=, -0.01);
      g_assert_cmpfloat (bounds.y, >=, -0.01);
      g_assert_cmpfloat (bounds.x + bounds.width, <=, width + 0.01);
      g_assert_cmpfloat (bounds.y + bounds.height, <=, height + 0.01);
    }
}

static void
save_shot (SegChart            *chart,
           const char          *name,
           int                  width,
           int                  height,
           const SegChartStyle *style)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  SegChartStyle shot = *style;

  if (g_getenv ("SEG_CHART_SHOTS") == NULL)
    return;

  g_mkdir_with_parents ("/tmp/chart-shots", 0755);
  file = g_strdup_printf ("%s-%dx%d-%s.png", name, width, height, style->dark ? "dark" : "light");
  path = g_build_filename ("/tmp/chart-shots", file, NULL);
  shot.scale = 1;
  seg_chart_write_png (chart, path, width, height, &shot, &error);
  g_assert_no_error (error);
}

static void
test_render_kind (gconstpointer user_data)
{
  SegChartKind kind = GPOINTER_TO_INT (user_data);

  for (guint d = 0; d < N_DATA; d++)
    for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
      for (guint dark = 0; dark < 2; dark++)
        {
          g_autoptr(SegChart) chart = make_chart (kind, d);
          g_autofree char *name = g_strdup_printf ("%s-%s", seg_chart_kind_to_string (kind),
                                                   data_names [d]);
          g_autofree char *what = g_strdup_printf ("%s %dx%d %s", name, sizes [z].w, sizes [z].h,
                                                   dark ? "dark" : "light");
          SegChartStyle style;
          cairo_surface_t *surface;

          seg_chart_style_init (&style);
          style.dark = dark;

          save_shot (chart, name, sizes [z].w, sizes [z].h, &style);
          surface = render (chart, sizes [z].w, sizes [z].h, &style);
          g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
          if (count_content_pixels (surface) < (d == DATA_EMPTY ? 50u : 500u))
            g_error ("%s: nothing drawn", what);
          cairo_surface_destroy (surface);

          check_layout (chart, sizes [z].w, sizes [z].h, &style, what);
          g_assert_cmpint (seg_chart_is_empty (chart), ==, d == DATA_EMPTY);
          if (d == DATA_EMPTY)
            g_assert_cmpuint (seg_chart_get_n_marks (chart), ==, 0);
          else
            g_assert_cmpuint (seg_chart_get_n_marks (chart), >, 0);
        }
}

static void
test_render_stable (void)
{
  for (guint kind = 0; kind < SEG_CHART_N_KINDS; kind++)
    {
      g_autoptr(SegChart) chart = make_chart (kind, DATA_REALISTIC);
      SegChartStyle style;
      cairo_surface_t *a, *b;
      int stride, height;

      seg_chart_style_init (&style);
      style.scale = 2;
      a = render (chart, 640, 400, &style);
      b = render (chart, 640, 400, &style);
      stride = cairo_image_surface_get_stride (a);
      height = cairo_image_surface_get_height (a);
      g_assert_cmpmem (cairo_image_surface_get_data (a), stride * height,
                       cairo_image_surface_get_data (b), stride * height);
      cairo_surface_destroy (a);
      cairo_surface_destroy (b);
    }
}

static void
test_render_scaled (void)
{
  g_autoptr(SegChart) chart = make_chart (SEG_CHART_BAR_HORIZONTAL, DATA_REALISTIC);
  SegChartStyle style;
  cairo_surface_t *surface;
  cairo_t *cr;

  /* HiDPI: twice the pixels, the same layout. */
  seg_chart_style_init (&style);
  style.scale = 2;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1040, 640);
  cairo_surface_set_device_scale (surface, 2, 2);
  cr = cairo_create (surface);
  seg_chart_draw (chart, cr, 520, 320, &style);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  g_assert_cmpuint (count_content_pixels (surface), >, 2000);
  cairo_surface_destroy (surface);
  check_layout (chart, 520, 320, &style, "scaled");
}

static void
test_render_tiny (void)
{
  /* Absurd sizes draw what fits and nothing off the canvas. */
  const struct { int w, h; } tiny[] = { { 1, 1 }, { 40, 30 }, { 120, 60 }, { 200, 800 } };

  for (guint kind = 0; kind < SEG_CHART_N_KINDS; kind++)
    for (guint i = 0; i < G_N_ELEMENTS (tiny); i++)
      {
        g_autoptr(SegChart) chart = make_chart (kind, DATA_REALISTIC);
        cairo_surface_t *surface = render (chart, tiny [i].w, tiny [i].h, NULL);
        g_autofree char *what = g_strdup_printf ("%s %dx%d", seg_chart_kind_to_string (kind),
                                                 tiny [i].w, tiny [i].h);

        cairo_surface_destroy (surface);
        check_layout (chart, tiny [i].w, tiny [i].h, NULL, what);
      }
}

static void
test_render_negative_and_missing (void)
{
  g_autoptr(SegChart) chart = seg_chart_new (SEG_CHART_BAR_VERTICAL);
  const char *names[] = { "A", "B", "C", "D", NULL };
  const double values[] = { 120, -80, NAN, 40 };
  SegChartHit hit;

  seg_chart_set_categories (chart, names, -1);
  seg_chart_add_series (chart, "Change", values, 4);
  check_layout (chart, 400, 260, NULL, "negative");

  for (guint kind = 0; kind < SEG_CHART_N_KINDS; kind++)
    {
      seg_chart_set_kind (chart, kind);
      if (kind == SEG_CHART_HEATMAP || kind == SEG_CHART_RFM_GRID)
        continue;
      cairo_surface_destroy (render (chart, 400, 260, NULL));
      check_layout (chart, 400, 260, NULL, "negative");
    }

  seg_chart_set_kind (chart, SEG_CHART_BAR_HORIZONTAL);
  g_assert_true (seg_chart_hit_test (chart, 400, 260, NULL, 200, 100, &hit));
}

/* Shapes the realistic data above does not take. */
static void
test_render_variants (void)
{
  const char *segments[] = { "Champions", "Loyal", "Lapsed", "Cart abandoners", NULL };
  const double variant_a[] = { 0.42, 0.35, 0.18, 0.27 };
  const double variant_b[] = { 0.47, 0.33, 0.22, 0.31 };
  const double change[] = { 120, -80, NAN, 40 };
  const double sizes_[] = { 312, 0, 120, 48 };
  gint32 one_day = seg_day_from_ymd (2026, 3, 1);
  const double one_value[] = { 0.41 };
  gint32 long_days[2] = { seg_day_from_ymd (2019, 1, 1), seg_day_from_ymd (2026, 6, 30) };
  const double long_values[] = { 10, 2500000 };
  SegChart *charts[6];
  const char *names[6] = { "grouped", "negative", "colours", "one-day", "years", "millions" };
  SegChartStyle style;

  charts [0] = seg_chart_new (SEG_CHART_BAR_HORIZONTAL);
  seg_chart_set_title (charts [0], "Subject line test: open rate");
  seg_chart_set_value_format (charts [0], SEG_CHART_FORMAT_PERCENT);
  seg_chart_set_categories (charts [0], segments, -1);
  seg_chart_add_series (charts [0], "Variant A", variant_a, 4);
  seg_chart_add_series (charts [0], "Variant B", variant_b, 4);

  charts [1] = seg_chart_new (SEG_CHART_BAR_VERTICAL);
  seg_chart_set_title (charts [1], "Change since last month");
  seg_chart_set_categories (charts [1], segments, -1);
  seg_chart_add_series (charts [1], "Change", change, 4);

  charts [2] = seg_chart_new (SEG_CHART_DONUT);
  seg_chart_set_title (charts [2], "Segment sizes");
  seg_chart_set_categories (charts [2], segments, -1);
  seg_chart_add_series (charts [2], "Customers", sizes_, 4);
  g_assert_true (seg_chart_set_category_color (charts [2], 0, "#3584e4"));
  g_assert_true (seg_chart_set_category_color (charts [2], 2, "#e66100"));

  charts [3] = seg_chart_new (SEG_CHART_LINE);
  seg_chart_set_title (charts [3], "Returning revenue share");
  seg_chart_set_value_format (charts [3], SEG_CHART_FORMAT_PERCENT);
  seg_chart_set_days (charts [3], &one_day, 1);
  seg_chart_add_series (charts [3], "Share", one_value, 1);

  charts [4] = seg_chart_new (SEG_CHART_AREA);
  seg_chart_set_title (charts [4], "Revenue since opening");
  seg_chart_set_value_format (charts [4], SEG_CHART_FORMAT_MONEY);
  seg_chart_set_currency (charts [4], "GBP");
  seg_chart_set_days (charts [4], long_days, 2);
  seg_chart_add_series (charts [4], "Revenue", long_values, 2);

  charts [5] = seg_chart_new (SEG_CHART_BAR_STACKED_VERTICAL);
  seg_chart_set_title (charts [5], "Revenue");
  seg_chart_set_value_format (charts [5], SEG_CHART_FORMAT_MONEY);
  seg_chart_set_currency (charts [5], "SEK");
  seg_chart_set_categories (charts [5], segments, 2);
  seg_chart_add_series (charts [5], "Revenue", long_values, 2);

  seg_chart_style_init (&style);
  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    {
      for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
        {
          g_autofree char *what = g_strdup_printf ("%s %dx%d", names [i], sizes [z].w, sizes [z].h);
          cairo_surface_t *surface;

          save_shot (charts [i], names [i], sizes [z].w, sizes [z].h, &style);
          surface = render (charts [i], sizes [z].w, sizes [z].h, &style);

          g_assert_cmpuint (count_content_pixels (surface), >, 200);
          cairo_surface_destroy (surface);
          check_layout (charts [i], sizes [z].w, sizes [z].h, &style, what);
        }
      g_object_unref (charts [i]);
    }
}

static void
test_hit_test (void)
{
  for (guint kind = 0; kind < SEG_CHART_N_KINDS; kind++)
    {
      g_autoptr(SegChart) chart = make_chart (kind, DATA_REALISTIC);
      guint n = seg_chart_get_n_marks (chart);
      guint hits = 0;

      g_assert_cmpuint (n, >, 0);
      for (guint m = 0; m < n; m++)
        {
          cairo_rectangle_t bounds;
          SegChartHit hit;
          g_autofree char *description = seg_chart_describe_mark (chart, m);

          g_assert_nonnull (description);
          g_assert_cmpstr (description, !=, "");

          if (!seg_chart_get_mark_bounds (chart, 800, 500, NULL, m, &bounds))
            continue;
          /* Skip marks too thin to aim at: zero bars, empty slices. */
          if (bounds.width < 3 || bounds.height < 3)
            continue;
          if (kind == SEG_CHART_DONUT)
            continue;

          g_assert_true (seg_chart_hit_test (chart, 800, 500, NULL,
                                             bounds.x + bounds.width / 2,
                                             bounds.y + bounds.height / 2, &hit));
          /* Points of two lines may sit on each other. */
          if (hit.mark != m)
            {
              cairo_rectangle_t other;

              g_assert_true (seg_chart_get_mark_bounds (chart, 800, 500, NULL, hit.mark, &other));
              g_assert_cmpfloat (fabs (other.x - bounds.x), <, bounds.width);
              g_assert_cmpfloat (fabs (other.y - bounds.y), <, bounds.height);
            }
          hits++;
        }
      if (kind != SEG_CHART_DONUT)
        g_assert_cmpuint (hits, >, 0);

      g_assert_false (seg_chart_hit_test (chart, 800, 500, NULL, 2, 2, NULL));
    }
}

static void
test_hit_test_values (void)
{
  g_autoptr(SegChart) chart = make_chart (SEG_CHART_BAR_HORIZONTAL, DATA_REALISTIC);
  g_autoptr(SegChart) donut = make_chart (SEG_CHART_DONUT, DATA_REALISTIC);
  g_autoptr(SegChart) rfm = make_chart (SEG_CHART_RFM_GRID, DATA_REALISTIC);
  cairo_rectangle_t bounds;
  SegChartHit hit;
  guint found = 0;

  g_assert_true (seg_chart_get_mark_bounds (chart, 600, 400, NULL, 2, &bounds));
  g_assert_true (seg_chart_hit_test (chart, 600, 400, NULL, bounds.x + 1, bounds.y + bounds.height / 2, &hit));
  g_assert_cmpint (hit.series, ==, 0);
  g_assert_cmpint (hit.category, ==, 2);
  g_assert_cmpint (hit.row, ==, -1);
  g_assert_cmpfloat (hit.value, ==, 17880);

  /* Every slice is found somewhere within its bounds. */
  for (guint m = 0; m < seg_chart_get_n_marks (donut); m++)
    {
      seg_chart_get_mark_bounds (donut, 600, 400, NULL, m, &bounds);
      for (double fx = 0.1; fx < 1; fx += 0.1)
        for (double fy = 0.1; fy < 1; fy += 0.1)
          if (seg_chart_hit_test (donut, 600, 400, NULL,
                                  bounds.x + bounds.width * fx, bounds.y + bounds.height * fy, &hit) &&
              hit.mark == m)
            {
              g_assert_cmpint (hit.category, ==, (int) m);
              g_assert_cmpfloat (hit.value, ==, seg_chart_get_value (donut, 0, m));
              found++;
              goto next_slice;
            }
    next_slice:
      ;
    }
  g_assert_cmpuint (found, ==, seg_chart_get_n_marks (donut));

  /* RFM: recency 5, frequency 5 is the top right cell. */
  g_assert_true (seg_chart_get_mark_bounds (rfm, 600, 400, NULL, 24, &bounds));
  g_assert_true (seg_chart_hit_test (rfm, 600, 400, NULL, bounds.x + 2, bounds.y + 2, &hit));
  g_assert_cmpint (hit.category, ==, 4);
  g_assert_cmpint (hit.row, ==, 4);
  g_assert_cmpint (hit.series, ==, -1);
  g_assert_cmpfloat (hit.value, ==, seg_chart_get_cell_value (rfm, 4, 4));
  {
    cairo_rectangle_t other;

    g_assert_true (seg_chart_get_mark_bounds (rfm, 600, 400, NULL, 0, &other));
    g_assert_cmpfloat (other.x, <, bounds.x);
    g_assert_cmpfloat (other.y, >, bounds.y);
  }
}

static void
test_format (void)
{
  g_autoptr(SegChart) chart = seg_chart_new (SEG_CHART_BAR_HORIZONTAL);
  char *text;

#define CHECK(expr, expected) \
  text = (expr); g_assert_cmpstr (text, ==, expected); g_free (text)

  CHECK (seg_chart_format_value (chart, 1234), "1,234");
  CHECK (seg_chart_format_value (chart, 1234567), "1,234,567");
  CHECK (seg_chart_format_value (chart, 999), "999");
  CHECK (seg_chart_format_value (chart, -1234), "−1,234");
  CHECK (seg_chart_format_value (chart, NAN), "no value");

  seg_chart_set_value_format (chart, SEG_CHART_FORMAT_MONEY);
  seg_chart_set_currency (chart, "USD");
  CHECK (seg_chart_format_value (chart, 1234), "$1,234");
  CHECK (seg_chart_format_value (chart, 45.3), "$45.30");
  CHECK (seg_chart_format_value (chart, -12), "−$12");
  seg_chart_set_currency (chart, "EUR");
  CHECK (seg_chart_format_value (chart, 1234), "1,234\u00a0€");
  seg_chart_set_currency (chart, "GBP");
  CHECK (seg_chart_format_value (chart, 1234.5), "£1,234.50");
  seg_chart_set_currency (chart, "SEK");
  CHECK (seg_chart_format_value (chart, 1234), "1,234\u00a0kr");
  seg_chart_set_currency (chart, "CAD");
  CHECK (seg_chart_format_value (chart, 10), "CA$10");
  seg_chart_set_currency (chart, "XYZ");
  CHECK (seg_chart_format_value (chart, 10), "10\u00a0XYZ");

  seg_chart_set_value_format (chart, SEG_CHART_FORMAT_PERCENT);
  CHECK (seg_chart_format_value (chart, 0.31), "31%");
  CHECK (seg_chart_format_value (chart, 0.314), "31.4%");

  seg_chart_set_value_format (chart, SEG_CHART_FORMAT_DECIMAL);
  CHECK (seg_chart_format_value (chart, 2.5), "2.50");

  CHECK (seg_chart_format_day (seg_day_from_ymd (2026, 3, 4)), "Mar 4, 2026");

  /* Axis ticks are short. */
  seg_chart_set_value_format (chart, SEG_CHART_FORMAT_COUNT);
  CHECK (seg_chart_format_tick (chart, 15000, 5000), "15k");
  CHECK (seg_chart_format_tick (chart, 0, 5000), "0");
  CHECK (seg_chart_format_tick (chart, 250, 50), "250");
  seg_chart_set_value_format (chart, SEG_CHART_FORMAT_MONEY);
  seg_chart_set_currency (chart, "USD");
  CHECK (seg_chart_format_tick (chart, 1500000, 500000), "$1.5M");
  CHECK (seg_chart_format_tick (chart, 2000000, 500000), "$2M");
  seg_chart_set_value_format (chart, SEG_CHART_FORMAT_PERCENT);
  CHECK (seg_chart_format_tick (chart, 0.25, 0.05), "25%");
  CHECK (seg_chart_format_tick (chart, 0.025, 0.005), "2.5%");
#undef CHECK

  {
    SegChartKind kind;

    g_assert_cmpstr (seg_chart_kind_to_string (SEG_CHART_RFM_GRID), ==, "rfm-grid");
    g_assert_true (seg_chart_kind_from_string ("bar-stacked-vertical", &kind));
    g_assert_cmpint (kind, ==, SEG_CHART_BAR_STACKED_VERTICAL);
    g_assert_false (seg_chart_kind_from_string ("pie", &kind));
  }
}

static void
test_summary (void)
{
  g_autoptr(SegChart) chart = seg_chart_new (SEG_CHART_DONUT);
  const char *names[] = { "Champions", "Loyal", "Lost", NULL };
  const double revenue[] = { 12340, 20000, 7460 };
  g_autofree char *summary = NULL;
  g_autofree char *mark = NULL;
  g_autofree char *empty = NULL;
  g_autoptr(SegChart) line = make_chart (SEG_CHART_LINE, DATA_REALISTIC);
  g_autoptr(SegChart) rfm = make_chart (SEG_CHART_RFM_GRID, DATA_REALISTIC);
  g_autofree char *line_summary = NULL;
  g_autofree char *rfm_summary = NULL;
  g_autofree char *rfm_mark = NULL;

  seg_chart_set_title (chart, "Revenue by segment");
  empty = seg_chart_dup_summary (chart);
  g_assert_cmpstr (empty, ==, "Revenue by segment: No data yet");

  seg_chart_set_value_format (chart, SEG_CHART_FORMAT_MONEY);
  seg_chart_set_currency (chart, "USD");
  seg_chart_set_categories (chart, names, -1);
  seg_chart_add_series (chart, "Revenue", revenue, 3);

  summary = seg_chart_dup_summary (chart);
  g_assert_cmpstr (summary, ==,
                   "Revenue by segment: Champions $12,340 (31%), Loyal $20,000 (50.3%), "
                   "Lost $7,460 (18.7%).");
  mark = seg_chart_describe_mark (chart, 0);
  g_assert_cmpstr (mark, ==, "Champions: $12,340 (31%)");

  line_summary = seg_chart_dup_summary (line);
  g_assert_true (g_str_has_prefix (line_summary, "Customers per segment, weekly: Sep 1, 2025 to "));
  g_assert_nonnull (strstr (line_summary, "Champions from 310 to "));

  rfm_summary = seg_chart_dup_summary (rfm);
  g_assert_true (g_str_has_prefix (rfm_summary, "RFM grid: 5 by 5 grid. Highest: Recency "));
  rfm_mark = seg_chart_describe_mark (rfm, 24);
  g_assert_true (g_str_has_prefix (rfm_mark, "Recency 5, frequency 5 (Champions): "));
}

static void
test_changed_signal (void)
{
  g_autoptr(SegChart) chart = seg_chart_new (SEG_CHART_LINE);
  guint changed = 0;
  const double v[] = { 1 };

  g_signal_connect_swapped (chart, "changed", G_CALLBACK (g_nullify_pointer), NULL);
  g_signal_handlers_disconnect_matched (chart, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, NULL);
  g_signal_connect_swapped (chart, "changed", G_CALLBACK (g_atomic_int_inc), &changed);

  seg_chart_set_title (chart, "A");
  seg_chart_set_title (chart, "A");
  g_assert_cmpuint (changed, ==, 1);
  seg_chart_add_series (chart, "S", v, 1);
  g_assert_cmpuint (changed, ==, 2);
  g_assert_false (seg_chart_set_series_color (chart, 0, "blue"));
  g_assert_true (seg_chart_set_series_color (chart, 0, "#3584e4"));
  g_assert_cmpuint (changed, ==, 3);
}

/* Grouping and punctuation follow LC_NUMERIC; the C locale (what CI runs
 * in) keeps "1,234".  Only the locales installed here are tried. */
static void
test_format_locale (void)
{
  static const struct { const char *locale; double value; int decimals; const char *expected; } cases[] = {
    { "en_US.UTF-8", 1234567.25, 2, "1,234,567.25" },
    { "en_US.UTF-8", -1234, 0, "−1,234" },
    { "en_US.UTF-8", 999, 0, "999" },
    { "de_DE.UTF-8", 1234567.25, 2, "1.234.567,25" },
    { "de_DE.UTF-8", 999.5, 1, "999,5" },
    { "en_IN.UTF-8", 1234567.25, 2, "12,34,567.25" },
    { "fr_FR.UTF-8", 1234567.25, 2, "1\u202f234\u202f567,25" },
    /* Latin-1's no-break space, written in UTF-8 for Pango. */
    { "fr_FR.ISO-8859-1", 1234567, 0, "1\u00a0234\u00a0567" },
  };
  g_autofree char *numeric = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_autofree char *ctype = g_strdup (setlocale (LC_CTYPE, NULL));
  g_autoptr(SegChart) chart = seg_chart_new (SEG_CHART_BAR_HORIZONTAL);
  guint tried = 0;
  char *text;

  g_assert_nonnull (setlocale (LC_NUMERIC, "C"));
  text = seg_chart_format_number (1234567.25, 2);
  g_assert_cmpstr (text, ==, "1,234,567.25");
  g_free (text);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      if (setlocale (LC_NUMERIC, cases [i].locale) == NULL ||
          setlocale (LC_CTYPE, cases [i].locale) == NULL)
        {
          g_test_message ("%s is not installed", cases [i].locale);
          continue;
        }
      text = seg_chart_format_number (cases [i].value, cases [i].decimals);
      g_assert_cmpstr (text, ==, cases [i].expected);
      g_free (text);
      tried++;
    }

  /* Values, ticks and money go through the same code. */
  if (setlocale (LC_NUMERIC, "en_US.UTF-8") != NULL)
    {
      seg_chart_set_value_format (chart, SEG_CHART_FORMAT_MONEY);
      seg_chart_set_currency (chart, "USD");
      text = seg_chart_format_value (chart, 1234567);
      g_assert_cmpstr (text, ==, "$1,234,567");
      g_free (text);
    }

  setlocale (LC_NUMERIC, numeric);
  setlocale (LC_CTYPE, ctype);

  if (tried == 0)
    g_test_skip ("No locale with thousands grouping is installed");
}

static void
test_show_share (void)
{
  g_autoptr(SegChart) chart = seg_chart_new (SEG_CHART_BAR_HORIZONTAL);
  const char *names[] = { "Champions", "Loyal", NULL };
  const double aov[] = { 137, 543 };
  g_autofree char *with_share = NULL;
  g_autofree char *summary_with_share = NULL;
  g_autofree char *mark = NULL;
  g_autofree char *summary = NULL;
  guint changed = 0;

  seg_chart_set_title (chart, "Average order value");
  seg_chart_set_value_format (chart, SEG_CHART_FORMAT_MONEY);
  seg_chart_set_currency (chart, "USD");
  seg_chart_set_categories (chart, names, -1);
  seg_chart_add_series (chart, "", aov, 2);

  g_assert_true (seg_chart_get_show_share (chart));
  with_share = seg_chart_describe_mark (chart, 0);
  g_assert_cmpstr (with_share, ==, "Champions: $137 (20.1%)");
  summary_with_share = seg_chart_dup_summary (chart);
  g_assert_cmpstr (summary_with_share, ==,
                   "Average order value: Champions $137 (20.1%), Loyal $543 (79.9%).");

  /* An average's share of the sum of averages means nothing. */
  g_signal_connect_swapped (chart, "changed", G_CALLBACK (g_atomic_int_inc), &changed);
  seg_chart_set_show_share (chart, FALSE);
  seg_chart_set_show_share (chart, FALSE);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_false (seg_chart_get_show_share (chart));
  mark = seg_chart_describe_mark (chart, 0);
  g_assert_cmpstr (mark, ==, "Champions: $137");
  summary = seg_chart_dup_summary (chart);
  g_assert_cmpstr (summary, ==, "Average order value: Champions $137, Loyal $543.");
}

static gboolean
boxes_equal (GArray *a,
             GArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      const SegChartTextBox *x = &g_array_index (a, SegChartTextBox, i);
      const SegChartTextBox *y = &g_array_index (b, SegChartTextBox, i);

      if (x->role != y->role || memcmp (x->corners, y->corners, sizeof x->corners) != 0)
        return FALSE;
    }

  return TRUE;
}

static double
widest_box (GArray           *boxes,
            SegChartTextRole  role)
{
  double widest = 0;

  for (guint i = 0; i < boxes->len; i++)
    {
      const SegChartTextBox *box = &g_array_index (boxes, SegChartTextBox, i);

      if (box->role == role)
        widest = MAX (widest, box->extents.width);
    }

  return widest;
}

static void
assert_same_pixels (cairo_surface_t *a,
                    cairo_surface_t *b)
{
  int stride = cairo_image_surface_get_stride (a);
  int height = cairo_image_surface_get_height (a);

  g_assert_cmpint (stride, ==, cairo_image_surface_get_stride (b));
  g_assert_cmpint (height, ==, cairo_image_surface_get_height (b));
  g_assert_cmpmem (cairo_image_surface_get_data (a), stride * height,
                   cairo_image_surface_get_data (b), stride * height);
}

/* The renderer keeps text layouts on the chart between draws: a chart
 * that was drawn before, at other sizes and with other labels, must draw
 * exactly as a fresh one does. */
static void
test_render_cache (void)
{
  const char *short_names[] = { "A", "B", "C", "D", "E", "F", NULL };
  const double values[] = { 120, 80, 60, 40, 30, 10 };

  for (guint kind = 0; kind < SEG_CHART_N_KINDS; kind++)
    {
      g_autoptr(SegChart) chart = make_chart (kind, DATA_REALISTIC);
      g_autoptr(SegChart) fresh = make_chart (kind, DATA_REALISTIC);
      cairo_surface_t *a, *b;

      cairo_surface_destroy (render (chart, 520, 320, NULL));
      cairo_surface_destroy (render (chart, 300, 200, NULL));
      cairo_surface_destroy (render (chart, 1200, 700, NULL));
      a = render (chart, 520, 320, NULL);
      b = render (fresh, 520, 320, NULL);
      assert_same_pixels (a, b);
      cairo_surface_destroy (a);
      cairo_surface_destroy (b);
    }

  /* Change a category's label between draws. */
  {
    g_autoptr(SegChart) chart = seg_chart_new (SEG_CHART_BAR_HORIZONTAL);
    g_autoptr(SegChart) fresh = seg_chart_new (SEG_CHART_BAR_HORIZONTAL);
    g_autoptr(GArray) before = NULL;
    g_autoptr(GArray) after = NULL;
    g_autoptr(GArray) expected = NULL;
    const char *long_names[] = { "A", "B", "Customers who came back after a year away", "D", "E",
                                 "F", NULL };
    cairo_surface_t *a, *b;

    seg_chart_set_title (chart, "Customers");
    seg_chart_set_categories (chart, short_names, -1);
    seg_chart_add_series (chart, "Customers", values, 6);
    seg_chart_set_title (fresh, "Customers");
    seg_chart_set_categories (fresh, long_names, -1);
    seg_chart_add_series (fresh, "Customers", values, 6);

    cairo_surface_destroy (render (chart, 520, 320, NULL));
    before = seg_chart_dup_text_boxes (chart, 520, 320, NULL);

    seg_chart_set_categories (chart, long_names, -1);
    cairo_surface_destroy (render (chart, 520, 320, NULL));
    after = seg_chart_dup_text_boxes (chart, 520, 320, NULL);
    expected = seg_chart_dup_text_boxes (fresh, 520, 320, NULL);

    g_assert_false (boxes_equal (before, after));
    g_assert_true (boxes_equal (after, expected));
    g_assert_cmpfloat (widest_box (after, SEG_CHART_TEXT_CATEGORY), >,
                       widest_box (before, SEG_CHART_TEXT_CATEGORY) + 20);

    a = render (chart, 520, 320, NULL);
    b = render (fresh, 520, 320, NULL);
    assert_same_pixels (a, b);
    cairo_surface_destroy (a);
    cairo_surface_destroy (b);
  }

  /* And a different font family: the cache is per family. */
  {
    g_autoptr(SegChart) chart = make_chart (SEG_CHART_BAR_VERTICAL, DATA_REALISTIC);
    g_autoptr(SegChart) fresh = make_chart (SEG_CHART_BAR_VERTICAL, DATA_REALISTIC);
    SegChartStyle style;
    cairo_surface_t *a, *b;

    seg_chart_style_init (&style);
    cairo_surface_destroy (render (chart, 520, 320, &style));
    style.font_family = "Monospace";
    style.font_size = 11;
    a = render (chart, 520, 320, &style);
    b = render (fresh, 520, 320, &style);
    assert_same_pixels (a, b);
    cairo_surface_destroy (a);
    cairo_surface_destroy (b);
  }
}

static gboolean
file_starts_with (const char *path,
                  const char *prefix,
                  gsize       prefix_len)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  return length > prefix_len && memcmp (contents, prefix, prefix_len) == 0;
}

static void
test_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-chart-XXXXXX", &error);
  g_autoptr(SegChart) chart = make_chart (SEG_CHART_BAR_VERTICAL, DATA_REALISTIC);
  g_autofree char *png = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *by_extension = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *missing = NULL;
  SegChartStyle style;

  g_assert_no_error (error);
  png = g_build_filename (dir, "chart.png", NULL);
  svg = g_build_filename (dir, "chart.svg", NULL);
  pdf = g_build_filename (dir, "chart.pdf", NULL);
  by_extension = g_build_filename (dir, "Chart.PDF", NULL);
  bad = g_build_filename (dir, "chart.txt", NULL);
  missing = g_build_filename (dir, "no-such-dir", "chart.png", NULL);

  seg_chart_style_init (&style);
  style.scale = 2;
  g_assert_true (seg_chart_write_png (chart, png, 400, 250, &style, &error));
  g_assert_no_error (error);
  g_assert_true (file_starts_with (png, "\x89PNG", 4));
  {
    cairo_surface_t *image = cairo_image_surface_create_from_png (png);

    g_assert_cmpint (cairo_image_surface_get_width (image), ==, 800);
    g_assert_cmpint (cairo_image_surface_get_height (image), ==, 500);
    cairo_surface_destroy (image);
  }

  g_assert_true (seg_chart_write_svg (chart, svg, 400, 250, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (file_starts_with (svg, "<?xml", 5));

  g_assert_true (seg_chart_write_pdf (chart, pdf, 800, 500, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (file_starts_with (pdf, "%PDF", 4));

  g_assert_true (seg_chart_write_file (chart, by_extension, 800, 500, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (file_starts_with (by_extension, "%PDF", 4));

  g_assert_false (seg_chart_write_file (chart, bad, 800, 500, NULL, &error));
  g_assert_error (error, SEG_CHART_ERROR, SEG_CHART_ERROR_UNSUPPORTED_FORMAT);
  g_clear_error (&error);

  g_assert_false (seg_chart_write_png (chart, missing, 800, 500, NULL, &error));
  g_assert_error (error, SEG_CHART_ERROR, SEG_CHART_ERROR_FAILED);
  g_clear_error (&error);

  g_unlink (png);
  g_unlink (svg);
  g_unlink (pdf);
  g_unlink (by_extension);
  g_rmdir (dir);
}

static void
test_recording_ink (void)
{
  /* Whatever is drawn stays on the canvas, even unclipped by the caller. */
  for (guint kind = 0; kind < SEG_CHART_N_KINDS; kind++)
    {
      g_autoptr(SegChart) chart = make_chart (kind, DATA_LONG_LABELS);
      cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      cairo_t *cr = cairo_create (surface);
      SegChartStyle style;
      double x, y, w, h;

      seg_chart_style_init (&style);
      style.transparent = TRUE;
      seg_chart_draw (chart, cr, 300, 200, &style);
      cairo_destroy (cr);
      cairo_recording_surface_ink_extents (surface, &x, &y, &w, &h);
      g_assert_cmpfloat (x, >=, 0);
      g_assert_cmpfloat (y, >=, 0);
      g_assert_cmpfloat (x + w, <=, 300);
      g_assert_cmpfloat (y + h, <=, 200);
      g_assert_cmpfloat (w * h, >, 0);
      cairo_surface_destroy (surface);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  /* The expected numbers and dates are written as in the C locale, whatever
   * the developer's; /chart/format/locale tries the others. */
  setlocale (LC_NUMERIC, "C");
  setlocale (LC_TIME, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/format", test_format);
  g_test_add_func ("/chart/format/locale", test_format_locale);
  g_test_add_func ("/chart/show-share", test_show_share);
  g_test_add_func ("/chart/summary", test_summary);
  g_test_add_func ("/chart/changed-signal", test_changed_signal);
  for (guint kind = 0; kind < SEG_CHART_N_KINDS; kind++)
    {
      g_autofree char *path = g_strdup_printf ("/chart/render/%s", seg_chart_kind_to_string (kind));

      g_test_add_data_func (path, GINT_TO_POINTER (kind), test_render_kind);
    }
  g_test_add_func ("/chart/render/stable", test_render_stable);
  g_test_add_func ("/chart/render/cache", test_render_cache);
  g_test_add_func ("/chart/render/scaled", test_render_scaled);
  g_test_add_func ("/chart/render/tiny", test_render_tiny);
  g_test_add_func ("/chart/render/negative-and-missing", test_render_negative_and_missing);
  g_test_add_func ("/chart/render/recording-ink", test_recording_ink);
  g_test_add_func ("/chart/render/variants", test_render_variants);
  g_test_add_func ("/chart/hit-test/marks", test_hit_test);
  g_test_add_func ("/chart/hit-test/values", test_hit_test_values);
  g_test_add_func ("/chart/export", test_export);

  return g_test_run ();
}
