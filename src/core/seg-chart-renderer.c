/* seg-chart-renderer.c — draw a SegChart to any cairo_t
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every entry point lays the chart out from scratch into a Scene: text
 * boxes and marks (bars, slices, points, cells) with their geometry.  When
 * the scene has a cairo_t it paints as it goes; without one it only
 * measures, which is how hit testing, mark bounds and the text boxes of the
 * tests agree exactly with what was drawn.
 *
 * Text is laid out with hinting off and unrounded glyph positions, so the
 * same chart measures the same on screen, on paper and in a PNG.  That also
 * makes a layout independent of the cairo_t it is drawn to, so the chart
 * keeps its layouts from one draw to the next (TextCache): a redraw at the
 * same size shapes no text at all.
 */

#define G_LOG_DOMAIN "seg-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

#include "seg-chart-private.h"
#include "seg-chart-renderer.h"
#include "seg-day.h"

#define SIN45 0.70710678118654752

typedef struct
{
  double r, g, b, a;
} Rgba;

typedef enum
{
  FONT_BODY,
  FONT_SMALL,
  FONT_BOLD,
  FONT_SMALL_BOLD,
  FONT_TITLE,
  FONT_LARGE,
  N_FONTS
} FontKind;

typedef enum
{
  SHAPE_RECT,
  SHAPE_SLICE,
  SHAPE_POINT,
} ShapeKind;

typedef struct
{
  guint              index;
  int                series;
  int                category;
  int                row;
  double             value;
  ShapeKind          shape;
  cairo_rectangle_t  bounds;  /* what is drawn */
  cairo_rectangle_t  area;    /* where the pointer finds it */
  double             cx, cy, r0, r1, a0, a1;
} Mark;

/* What a layout depends on besides the cache's context and font family. */
typedef struct
{
  char *text;
  int   size;       /* absolute font size, Pango units */
  int   weight;
  int   width;      /* Pango units; -1 when not ellipsized */
  int   max_lines;
  guint hash;
} TextKey;

typedef struct
{
  TextKey      key;
  PangoLayout *layout;
  guint        generation;  /* of the last scene that used it */
} TextEntry;

/* Layouts kept on a chart between scenes.  Entries a scene did not use are
 * dropped when it ends, so the cache holds one size's text and a resize
 * costs only the labels whose room changed. */
typedef struct
{
  GThread      *thread;     /* Pango's default font map is per thread */
  char         *family;
  guint         serial;     /* the chart's, when the entries were made */
  guint         generation;
  PangoContext *pango;
  GHashTable   *entries;    /* TextEntry, as its own key */
} TextCache;

typedef struct
{
  SegChart              *chart;
  SegChartStyle          style;
  cairo_t               *cr;
  PangoContext          *pango;
  TextCache             *cache;
  gboolean               cache_locked;  /* else the cache is the scene's own */
  PangoFontDescription  *fonts[N_FONTS];
  double                 width;
  double                 height;
  double                 fs;       /* body font size */
  double                 line_h;   /* height of a line of body text */
  double                 small_h;  /* height of a line of small text */
  double                 pad;
  double                 gap;
  Rgba                   bg, fg, dim, grid, axis;
  GArray                *marks;    /* Mark */
  GArray                *texts;    /* SegChartTextBox */
  cairo_rectangle_t      body;
} Scene;

typedef struct
{
  double   lo;
  double   hi;
  double   step;
  guint    n;
  char   **labels;
  double  *widths;
  double   max_w;
} Axis;

typedef enum
{
  CATEGORY_FLAT,
  CATEGORY_WRAPPED,
  CATEGORY_ROTATED,
} CategoryMode;

typedef struct
{
  CategoryMode mode;
  guint        step;
  double       height;
  double       max_w;
} CategoryAxis;

G_DEFINE_QUARK (seg-chart-error-quark, seg_chart_error)

/* Okabe & Ito (2008) and Paul Tol's "bright" and "muted" schemes; the dark
 * variants start with colours that stand out on a dark background. */
static const guint32 okabe_ito_light[] = {
  0x0072B2, 0xE69F00, 0x009E73, 0xD55E00, 0x56B4E9, 0xCC79A7, 0xF0E442, 0x8C8C8C,
};
static const guint32 okabe_ito_dark[] = {
  0x56B4E9, 0xE69F00, 0x009E73, 0xD55E00, 0xCC79A7, 0xF0E442, 0x3D8FD1, 0xBBBBBB,
};
static const guint32 tol_bright_light[] = {
  0x4477AA, 0xEE6677, 0x228833, 0xCCBB44, 0x66CCEE, 0xAA3377, 0xBBBBBB,
};
static const guint32 tol_bright_dark[] = {
  0x66CCEE, 0xEE6677, 0x228833, 0xCCBB44, 0x4477AA, 0xAA3377, 0xBBBBBB,
};
static const guint32 tol_muted_light[] = {
  0x332288, 0x88CCEE, 0x44AA99, 0x117733, 0x999933, 0xDDCC77, 0xCC6677, 0x882255, 0xAA4499,
};
static const guint32 tol_muted_dark[] = {
  0x88CCEE, 0xDDCC77, 0x44AA99, 0xCC6677, 0x999933, 0xAA4499, 0x117733, 0x882255, 0x6655CC,
};

static void
rgb_from_hex (guint32 hex,
              double  rgb[3])
{
  rgb [0] = ((hex >> 16) & 0xff) / 255.0;
  rgb [1] = ((hex >> 8) & 0xff) / 255.0;
  rgb [2] = (hex & 0xff) / 255.0;
}

static Rgba
rgba_from_hex (guint32 hex,
               double  alpha)
{
  double rgb[3];

  rgb_from_hex (hex, rgb);
  return (Rgba) { rgb [0], rgb [1], rgb [2], alpha };
}

static Rgba
mix (Rgba   a,
     Rgba   b,
     double t)
{
  return (Rgba) {
    a.r + (b.r - a.r) * t,
    a.g + (b.g - a.g) * t,
    a.b + (b.b - a.b) * t,
    a.a + (b.a - a.a) * t,
  };
}

static double
luminance (Rgba c)
{
  double v[3] = { c.r, c.g, c.b };

  for (guint i = 0; i < 3; i++)
    v [i] = v [i] <= 0.03928 ? v [i] / 12.92 : pow ((v [i] + 0.055) / 1.055, 2.4);

  return 0.2126 * v [0] + 0.7152 * v [1] + 0.0722 * v [2];
}

/* Whichever of near-black and white reads better on @fill. */
static Rgba
text_on (Rgba fill)
{
  double l = luminance (fill);

  if ((l + 0.05) / 0.05 >= 1.05 / (l + 0.05))
    return rgba_from_hex (0x1c1c1c, 1);
  return rgba_from_hex (0xffffff, 1);
}

/* Helpers */

static guint
text_key_hash (gconstpointer data)
{
  return ((const TextEntry *) data)->key.hash;
}

static gboolean
text_key_equal (gconstpointer a,
                gconstpointer b)
{
  const TextKey *x = &((const TextEntry *) a)->key;
  const TextKey *y = &((const TextEntry *) b)->key;

  return x->hash == y->hash && x->size == y->size && x->weight == y->weight &&
         x->width == y->width && x->max_lines == y->max_lines &&
         strcmp (x->text, y->text) == 0;
}

static void
text_entry_free (gpointer data)
{
  TextEntry *entry = data;

  g_free (entry->key.text);
  g_clear_object (&entry->layout);
  g_free (entry);
}

static TextCache *
text_cache_new (const char *family)
{
  TextCache *cache = g_new0 (TextCache, 1);
  cairo_font_options_t *options;

  cache->thread = g_thread_self ();
  cache->family = g_strdup (family);
  cache->entries = g_hash_table_new_full (text_key_hash, text_key_equal, text_entry_free, NULL);

  cache->pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (cache->pango, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (cache->pango, FALSE);
  pango_context_set_language (cache->pango, pango_language_get_default ());

  return cache;
}

static void
text_cache_free (gpointer data)
{
  TextCache *cache = data;

  g_hash_table_unref (cache->entries);
  g_clear_object (&cache->pango);
  g_free (cache->family);
  g_free (cache);
}

static gboolean
text_entry_unused (gpointer key,
                   gpointer value,
                   gpointer user_data)
{
  return ((TextEntry *) key)->generation != GPOINTER_TO_UINT (user_data);
}

/* The chart's own cache when no other thread is drawing it, made anew when
 * the chart changed, the font family did or another thread drew it last. */
static void
scene_take_cache (Scene *s)
{
  SegChart *chart = s->chart;
  TextCache *cache;

  if (!g_mutex_trylock (&chart->render_lock))
    {
      s->cache = text_cache_new (s->style.font_family);
      s->cache_locked = FALSE;
      return;
    }

  cache = chart->render_cache;
  if (cache != NULL &&
      (cache->thread != g_thread_self () || cache->serial != chart->serial ||
       g_strcmp0 (cache->family, s->style.font_family) != 0))
    {
      chart->render_cache_free (g_steal_pointer (&chart->render_cache));
      cache = NULL;
    }

  if (cache == NULL)
    {
      cache = text_cache_new (s->style.font_family);
      cache->serial = chart->serial;
      chart->render_cache = cache;
      chart->render_cache_free = text_cache_free;
    }

  cache->generation++;
  s->cache = cache;
  s->cache_locked = TRUE;
}

static void
scene_give_back_cache (Scene *s)
{
  if (s->cache == NULL)
    return;

  if (s->cache_locked)
    {
      g_hash_table_foreach_remove (s->cache->entries, text_entry_unused,
                                   GUINT_TO_POINTER (s->cache->generation));
      g_mutex_unlock (&s->chart->render_lock);
    }
  else
    {
      text_cache_free (s->cache);
    }

  s->cache = NULL;
  s->pango = NULL;
}

static PangoFontDescription *
make_font (const SegChartStyle *style,
           double               size,
           PangoWeight          weight)
{
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, style->font_family);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);

  return font;
}

/* The cached layout of @text in @font, made on first use.  Cached layouts
 * are shared: callers must not change them. */
static PangoLayout *
lookup_layout (Scene                      *s,
               const PangoFontDescription *font,
               const char                 *text,
               int                         width,
               int                         max_lines)
{
  TextEntry probe, *entry;
  gpointer found;

  probe.key.text = (char *) (text ? text : "");
  probe.key.size = pango_font_description_get_size (font);
  probe.key.weight = pango_font_description_get_weight (font);
  probe.key.width = width;
  probe.key.max_lines = width > 0 && max_lines > 1 ? max_lines : 1;
  probe.key.hash = g_str_hash (probe.key.text) ^
                   ((guint) probe.key.size * 2654435761u) ^
                   ((guint) probe.key.weight * 40503u) ^
                   ((guint) width * 97u) ^ (guint) probe.key.max_lines;

  if (g_hash_table_lookup_extended (s->cache->entries, &probe, &found, NULL))
    {
      entry = found;
      entry->generation = s->cache->generation;
      return entry->layout;
    }

  entry = g_new0 (TextEntry, 1);
  entry->key = probe.key;
  entry->key.text = g_strdup (probe.key.text);
  entry->generation = s->cache->generation;
  entry->layout = pango_layout_new (s->pango);

  pango_layout_set_font_description (entry->layout, font);
  if (entry->key.max_lines <= 1)
    pango_layout_set_single_paragraph_mode (entry->layout, TRUE);
  pango_layout_set_text (entry->layout, entry->key.text, -1);

  if (width > 0)
    {
      pango_layout_set_width (entry->layout, width);
      pango_layout_set_ellipsize (entry->layout, PANGO_ELLIPSIZE_END);
      if (entry->key.max_lines > 1)
        {
          pango_layout_set_wrap (entry->layout, PANGO_WRAP_WORD);
          pango_layout_set_height (entry->layout, -entry->key.max_lines);
          pango_layout_set_alignment (entry->layout, PANGO_ALIGN_CENTER);
        }
    }

  g_hash_table_add (s->cache->entries, entry);

  return entry->layout;
}

/* A layout of @text, ellipsized at @max_width unless that is negative, on
 * up to @max_lines lines.  Returns a new reference to a shared layout. */
static PangoLayout *
make_layout_in_font (Scene                      *s,
                     const PangoFontDescription *font,
                     const char                 *text,
                     double                      max_width,
                     int                         max_lines)
{
  PangoLayout *natural;
  PangoRectangle logical;
  int width;

  natural = lookup_layout (s, font, text, -1, 1);
  if (max_width <= 0)
    return g_object_ref (natural);

  /* One line that fits is drawn just as it would be without a width, and
   * most labels fit: measure and keep one layout for them, not two. */
  width = (int) floor (max_width * PANGO_SCALE);
  if (max_lines <= 1)
    {
      pango_layout_get_extents (natural, NULL, &logical);
      if (logical.width <= width)
        return g_object_ref (natural);
    }

  return g_object_ref (lookup_layout (s, font, text, width, max_lines));
}

static PangoLayout *
make_layout (Scene      *s,
             FontKind    font,
             const char *text,
             double      max_width,
             int         max_lines)
{
  return make_layout_in_font (s, s->fonts [font], text, max_width, max_lines);
}

static void
text_size (PangoLayout *layout,
           double      *width,
           double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width)
    *width = (double) logical.width / PANGO_SCALE;
  if (height)
    *height = (double) logical.height / PANGO_SCALE;
}

static double
text_width (Scene      *s,
            FontKind    font,
            const char *text)
{
  double width;

  text_size (lookup_layout (s, s->fonts [font], text, -1, 1), &width, NULL);
  return width;
}

/* Puts @layout so that the point (@ax, @ay) of its box — (0, 0) top left,
 * (1, 1) bottom right — lands on (@x, @y), turned by @angle around it. */
static void
place_text (Scene            *s,
            PangoLayout      *layout,
            double            x,
            double            y,
            double            ax,
            double            ay,
            double            angle,
            Rgba              color,
            SegChartTextRole  role)
{
  SegChartTextBox box = { 0 };
  PangoRectangle logical;
  double w, h, c = cos (angle), sn = sin (angle);
  double min_x = G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
  static const double unit[4][2] = { { 0, 0 }, { 1, 0 }, { 1, 1 }, { 0, 1 } };

  pango_layout_get_extents (layout, NULL, &logical);
  w = (double) logical.width / PANGO_SCALE;
  h = (double) logical.height / PANGO_SCALE;

  box.role = role;
  for (guint i = 0; i < 4; i++)
    {
      double lx = (unit [i][0] - ax) * w;
      double ly = (unit [i][1] - ay) * h;

      box.corners [i][0] = x + lx * c - ly * sn;
      box.corners [i][1] = y + lx * sn + ly * c;
      min_x = MIN (min_x, box.corners [i][0]);
      max_x = MAX (max_x, box.corners [i][0]);
      min_y = MIN (min_y, box.corners [i][1]);
      max_y = MAX (max_y, box.corners [i][1]);
    }
  box.extents = (cairo_rectangle_t) { min_x, min_y, max_x - min_x, max_y - min_y };
  g_array_append_val (s->texts, box);

  if (s->cr == NULL)
    return;

  cairo_save (s->cr);
  cairo_translate (s->cr, x, y);
  cairo_rotate (s->cr, angle);
  cairo_move_to (s->cr,
                 -ax * w - (double) logical.x / PANGO_SCALE,
                 -ay * h - (double) logical.y / PANGO_SCALE);
  cairo_set_source_rgba (s->cr, color.r, color.g, color.b, color.a);
  pango_cairo_show_layout (s->cr, layout);
  cairo_restore (s->cr);
}

static void
set_source (Scene *s,
            Rgba   color)
{
  cairo_set_source_rgba (s->cr, color.r, color.g, color.b, color.a);
}

/* Lines land on device pixels, so that a 1 unit grid line is crisp. */
static double
snap (Scene  *s,
      double  v,
      double  line_width)
{
  double device = v * s->style.scale;
  double device_width = round (line_width * s->style.scale);

  if ((int) device_width % 2 == 1)
    return (floor (device) + 0.5) / s->style.scale;
  return round (device) / s->style.scale;
}

/* A line one unit wide; callers snap it to the pixel grid. */
static void
draw_line (Scene  *s,
           double  x0,
           double  y0,
           double  x1,
           double  y1,
           Rgba    color)
{
  if (s->cr == NULL)
    return;

  cairo_move_to (s->cr, x0, y0);
  cairo_line_to (s->cr, x1, y1);
  cairo_set_line_width (s->cr, 1);
  set_source (s, color);
  cairo_stroke (s->cr);
}

static void
draw_hline (Scene  *s,
            double  x0,
            double  x1,
            double  y,
            Rgba    color)
{
  y = snap (s, y, 1);
  draw_line (s, x0, y, x1, y, color);
}

static void
draw_vline (Scene  *s,
            double  x,
            double  y0,
            double  y1,
            Rgba    color)
{
  x = snap (s, x, 1);
  draw_line (s, x, y0, x, y1, color);
}

static void
fill_rect (Scene                   *s,
           const cairo_rectangle_t *rect,
           Rgba                     color)
{
  if (s->cr == NULL || rect->width <= 0 || rect->height <= 0)
    return;

  cairo_rectangle (s->cr, rect->x, rect->y, rect->width, rect->height);
  set_source (s, color);
  cairo_fill (s->cr);
}

static gboolean
rect_contains (const cairo_rectangle_t *rect,
               double                   x,
               double                   y)
{
  return x >= rect->x && x <= rect->x + rect->width &&
         y >= rect->y && y <= rect->y + rect->height;
}

static double
rect_distance (const cairo_rectangle_t *rect,
               double                   x,
               double                   y)
{
  double dx = MAX (MAX (rect->x - x, 0), x - (rect->x + rect->width));
  double dy = MAX (MAX (rect->y - y, 0), y - (rect->y + rect->height));

  return hypot (dx, dy);
}

static Mark *
add_mark (Scene  *s,
          guint   index,
          int     series,
          int     category,
          int     row,
          double  value)
{
  Mark mark = { 0 };

  mark.index = index;
  mark.series = series;
  mark.category = category;
  mark.row = row;
  mark.value = value;
  g_array_append_val (s->marks, mark);

  return &g_array_index (s->marks, Mark, s->marks->len - 1);
}

static Rgba
palette_color (Scene *s,
               guint  index)
{
  double rgb[3];

  seg_chart_palette_get_color (s->style.palette, s->style.dark, index, rgb);
  return (Rgba) { rgb [0], rgb [1], rgb [2], 1 };
}

static Rgba
series_color (Scene *s,
              guint  series)
{
  SegChartSeries *ss = g_ptr_array_index (s->chart->series, series);

  if (ss->has_color)
    return (Rgba) { ss->rgb [0], ss->rgb [1], ss->rgb [2], 1 };
  return palette_color (s, series);
}

/* A single series may take its colours from its categories (segments). */
static Rgba
bar_color (Scene *s,
           guint  series,
           guint  category)
{
  SegChart *chart = s->chart;

  if (chart->series->len == 1 && category < chart->category_colors->len)
    {
      SegChartColor *color = &g_array_index (chart->category_colors, SegChartColor, category);

      if (color->set)
        return (Rgba) { color->rgb [0], color->rgb [1], color->rgb [2], 1 };
    }
  return series_color (s, series);
}

static Rgba
slice_color (Scene *s,
             guint  category)
{
  SegChart *chart = s->chart;

  if (category < chart->category_colors->len)
    {
      SegChartColor *color = &g_array_index (chart->category_colors, SegChartColor, category);

      if (color->set)
        return (Rgba) { color->rgb [0], color->rgb [1], color->rgb [2], 1 };
    }
  return palette_color (s, category);
}

/* A one-hue ramp from near the background to the palette's first colour
 * and beyond: readable in every kind of colour vision. */
static Rgba
ramp_color (Scene  *s,
            double  t)
{
  Rgba low, mid, high;

  t = CLAMP (isnan (t) ? 0 : t, 0, 1);
  mid = palette_color (s, 0);
  if (s->style.dark)
    {
      low = mix (s->bg, mid, 0.12);
      high = mix (mid, rgba_from_hex (0xffffff, 1), 0.55);
    }
  else
    {
      low = mix (s->bg, mid, 0.07);
      high = mix (mid, rgba_from_hex (0x000000, 1), 0.45);
    }

  if (t < 0.6)
    return mix (low, mid, t / 0.6);
  return mix (mid, high, (t - 0.6) / 0.4);
}

static char *
category_label (Scene *s,
                guint  category)
{
  SegChart *chart = s->chart;

  if (chart->days != NULL && category < chart->days->len &&
      (chart->kind == SEG_CHART_LINE || chart->kind == SEG_CHART_AREA))
    return seg_chart_format_day (g_array_index (chart->days, gint32, category));
  if (category < chart->categories->len)
    return g_strdup (g_ptr_array_index (chart->categories, category));
  return g_strdup ("");
}

/* Axes */

static double
nice_step (double range,
           int    target)
{
  double raw = range / MAX (target, 1);
  double magnitude = pow (10, floor (log10 (raw)));
  double f = raw / magnitude;

  if (f <= 1)
    return magnitude;
  if (f <= 2)
    return 2 * magnitude;
  if (f <= 5)
    return 5 * magnitude;
  return 10 * magnitude;
}

static void
axis_clear (Axis *axis)
{
  if (axis->labels)
    g_strfreev (axis->labels);
  g_clear_pointer (&axis->widths, g_free);
  axis->labels = NULL;
}

static void
axis_compute (Scene  *s,
              Axis   *axis,
              double  lo,
              double  hi,
              int     target)
{
  double step;

  axis_clear (axis);

  if (!isfinite (lo) || !isfinite (hi))
    lo = hi = 0;
  if (hi <= lo)
    {
      if (hi == 0)
        hi = 1;
      else if (hi > 0)
        lo = 0;
      else
        hi = 0;
    }

  step = nice_step (hi - lo, target);
  /* Nobody has half a customer. */
  if (s->chart->format == SEG_CHART_FORMAT_COUNT && step < 1)
    step = 1;

  axis->step = step;
  axis->lo = floor (lo / step + 1e-9) * step;
  axis->hi = ceil (hi / step - 1e-9) * step;
  if (axis->hi <= axis->lo)
    axis->hi = axis->lo + step;
  axis->n = (guint) round ((axis->hi - axis->lo) / step) + 1;
  axis->labels = g_new0 (char *, axis->n + 1);
  axis->widths = g_new0 (double, axis->n);
  axis->max_w = 0;

  for (guint i = 0; i < axis->n; i++)
    {
      double v = axis->lo + i * step;

      if (fabs (v) < step * 1e-6)
        v = 0;
      axis->labels [i] = seg_chart_format_tick (s->chart, v, step);
      axis->widths [i] = text_width (s, FONT_SMALL, axis->labels [i]);
      axis->max_w = MAX (axis->max_w, axis->widths [i]);
    }
}

static gboolean
axis_fits (Scene      *s,
           const Axis *axis,
           double      length,
           gboolean    horizontal)
{
  double spacing = length / MAX (axis->n - 1, 1);

  if (!horizontal)
    return spacing >= s->small_h * 1.3;

  for (guint i = 0; i + 1 < axis->n; i++)
    if ((axis->widths [i] + axis->widths [i + 1]) / 2 + s->fs > spacing)
      return FALSE;

  return TRUE;
}

static double
axis_waste (const Axis *axis,
            double      lo,
            double      hi)
{
  return ((axis->hi - hi) + (lo - axis->lo)) / (axis->hi - axis->lo);
}

/* About one tick per 2.4 lines of room (or label widths), fewer if their
 * labels touch; a few more if that spares a mostly empty plot, as when
 * 0–52% would otherwise get an axis up to 100%. */
static void
axis_fit (Scene    *s,
          Axis     *axis,
          double    lo,
          double    hi,
          double    length,
          gboolean  horizontal)
{
  int target, chosen;

  if (horizontal)
    {
      g_autofree char *widest = seg_chart_format_tick (s->chart, hi, MAX (fabs (hi), 1) / 5);
      double estimate = text_width (s, FONT_SMALL, widest) + 2.5 * s->fs;

      target = (int) floor (length / estimate);
    }
  else
    {
      target = (int) floor (length / (2.4 * s->small_h));
    }
  target = CLAMP (target, 1, 10);

  for (; target >= 1; target--)
    {
      axis_compute (s, axis, lo, hi, target);
      if (axis_fits (s, axis, length, horizontal) || target == 1)
        break;
    }
  chosen = MAX (target, 1);

  if (hi > lo && axis_waste (axis, lo, hi) > 0.3)
    {
      for (int more = chosen + 1; more <= chosen + 3 && more <= 10; more++)
        {
          Axis denser = { 0 };

          axis_compute (s, &denser, lo, hi, more);
          if (axis_fits (s, &denser, length, horizontal) &&
              axis_waste (&denser, lo, hi) < axis_waste (axis, lo, hi) - 0.1)
            {
              axis_clear (axis);
              *axis = denser;
              break;
            }
          axis_clear (&denser);
        }
    }
}

static double
axis_position (const Axis *axis,
               double      value,
               double      start,
               double      length)
{
  return start + length * (value - axis->lo) / (axis->hi - axis->lo);
}

/* Tick labels left of a vertical axis, grid lines across the plot. */
static void
draw_value_axis_vertical (Scene                   *s,
                          const Axis              *axis,
                          const cairo_rectangle_t *plot)
{
  for (guint i = 0; i < axis->n; i++)
    {
      double v = axis->lo + i * axis->step;
      double y = plot->y + plot->height - axis_position (axis, v, 0, plot->height);
      g_autoptr(PangoLayout) layout = make_layout (s, FONT_SMALL, axis->labels [i], -1, 1);

      draw_hline (s, plot->x, plot->x + plot->width, y,
                  fabs (v) < axis->step * 1e-6 ? s->axis : s->grid);
      place_text (s, layout, plot->x - s->gap, y, 1, 0.5, 0, s->dim, SEG_CHART_TEXT_AXIS);
    }
}

/* Tick labels under a horizontal axis, grid lines up the plot. */
static void
draw_value_axis_horizontal (Scene                   *s,
                            const Axis              *axis,
                            const cairo_rectangle_t *plot)
{
  double y = plot->y + plot->height + s->gap * 0.75;

  for (guint i = 0; i < axis->n; i++)
    {
      double v = axis->lo + i * axis->step;
      double x = axis_position (axis, v, plot->x, plot->width);
      g_autoptr(PangoLayout) layout = make_layout (s, FONT_SMALL, axis->labels [i], -1, 1);
      double half = axis->widths [i] / 2;
      double cx = CLAMP (x, half + 1, s->width - half - 1);

      draw_vline (s, x, plot->y, plot->y + plot->height,
                  fabs (v) < axis->step * 1e-6 ? s->axis : s->grid);
      place_text (s, layout, cx, y, 0.5, 0, 0, s->dim, SEG_CHART_TEXT_AXIS);
    }
}

/* How to write @n labels under slots of @slot width: flat, on two lines,
 * or turned 45°, showing every @step-th when even that is too tight. */
/* Every how many categories a label fits: at least 1, even on a canvas too
 * small for anything (slot or width can be zero or negative there). */
static guint
steps_for (double ratio)
{
  if (!(ratio > 1.0))
    return 1;
  return ratio > 1e6 ? 1000000 : (guint) ceil (ratio);
}

static void
plan_category_axis (Scene         *s,
                    char         **labels,
                    guint          n,
                    double         slot,
                    double         max_height,
                    CategoryAxis  *plan)
{
  double widest = 0;

  for (guint i = 0; i < n; i++)
    widest = MAX (widest, text_width (s, FONT_SMALL, labels [i]));

  plan->step = 1;

  if (widest <= slot - s->gap)
    {
      plan->mode = CATEGORY_FLAT;
      plan->max_w = slot - s->gap;
      plan->height = s->small_h;
      return;
    }

  if (slot >= 5 * s->fs && max_height >= 2.2 * s->small_h)
    {
      plan->mode = CATEGORY_WRAPPED;
      plan->max_w = slot - s->gap;
      plan->height = 2 * s->small_h;
      return;
    }

  plan->max_w = MIN (widest, max_height / SIN45 - 1.5 * s->small_h);
  plan->max_w = MIN (plan->max_w, 16 * s->fs);
  if (plan->max_w >= 3 * s->fs)
    {
      plan->mode = CATEGORY_ROTATED;
      plan->height = (plan->max_w + s->small_h) * SIN45 + s->small_h * 0.2;
      plan->step = steps_for (s->small_h * 1.15 / (slot * SIN45));
      return;
    }

  /* Too little room to turn them: fewer labels, flat. */
  plan->mode = CATEGORY_FLAT;
  plan->max_w = MIN (widest, 8 * s->fs);
  plan->height = s->small_h;
  plan->step = steps_for ((plan->max_w + s->gap) / slot);
}

/* How tall category labels may get: less on a small panel. */
static double
category_room (const cairo_rectangle_t *area)
{
  return area->height * (area->height < 250 ? 0.32 : 0.4);
}

static void
draw_category_axis (Scene              *s,
                    const CategoryAxis *plan,
                    char              **labels,
                    guint               n,
                    double              x0,
                    double              slot,
                    double              y)
{
  for (guint i = 0; i < n; i += plan->step)
    {
      double cx = x0 + (i + 0.5) * slot;
      g_autoptr(PangoLayout) layout = NULL;

      switch (plan->mode)
        {
        case CATEGORY_WRAPPED:
          layout = make_layout (s, FONT_SMALL, labels [i], plan->max_w, 2);
          place_text (s, layout, cx, y, 0.5, 0, 0, s->dim, SEG_CHART_TEXT_CATEGORY);
          break;

        case CATEGORY_ROTATED:
          {
            /* The far end of a turned label must stay on the canvas. */
            double room = (cx - 1 - s->small_h * SIN45) / SIN45;
            double max_w = MIN (plan->max_w, room);
            double w;

            if (max_w < 1.5 * s->fs)
              continue;
            layout = make_layout (s, FONT_SMALL, labels [i], -1, 1);
            text_size (layout, &w, NULL);
            if (w > max_w)
              {
                g_clear_object (&layout);
                layout = make_layout (s, FONT_SMALL, labels [i], max_w, 1);
              }
            place_text (s, layout, cx, y + s->small_h * 0.5 * SIN45, 1, 0.5, -G_PI / 4,
                        s->dim, SEG_CHART_TEXT_CATEGORY);
          }
          break;

        case CATEGORY_FLAT:
        default:
          {
            double w;

            layout = make_layout (s, FONT_SMALL, labels [i], -1, 1);
            text_size (layout, &w, NULL);
            if (w > plan->max_w)
              {
                g_clear_object (&layout);
                layout = make_layout (s, FONT_SMALL, labels [i], plan->max_w, 1);
                text_size (layout, &w, NULL);
              }
            cx = CLAMP (cx, w / 2 + 1, s->width - w / 2 - 1);
            place_text (s, layout, cx, y, 0.5, 0, 0, s->dim, SEG_CHART_TEXT_CATEGORY);
          }
          break;
        }
    }
}

/* Header, legend and empty state */

static void
layout_header (Scene *s)
{
  SegChart *chart = s->chart;
  double y = s->pad;
  double max_w = s->width - 2 * s->pad;

  if (chart->title != NULL && chart->title [0] != '\0' && max_w > s->fs)
    {
      g_autoptr(PangoLayout) layout = make_layout (s, FONT_TITLE, chart->title, max_w, 1);
      double h;

      text_size (layout, NULL, &h);
      place_text (s, layout, s->pad, y, 0, 0, 0, s->fg, SEG_CHART_TEXT_TITLE);
      y += h;
    }

  if (chart->subtitle != NULL && chart->subtitle [0] != '\0' && max_w > s->fs &&
      s->height >= 8 * s->line_h)
    {
      g_autoptr(PangoLayout) layout = make_layout (s, FONT_SMALL, chart->subtitle, max_w, 1);
      double h;

      text_size (layout, NULL, &h);
      place_text (s, layout, s->pad, y, 0, 0, 0, s->dim, SEG_CHART_TEXT_SUBTITLE);
      y += h;
    }

  if (y > s->pad)
    y += s->gap * 1.5;

  s->body.x = s->pad;
  s->body.y = y;
  s->body.width = MAX (0, s->width - 2 * s->pad);
  s->body.height = MAX (0, s->height - y - s->pad);
}

/* A legend of the series across the top of the body, in as many rows as
 * the height allows; what does not fit is counted in a last "+N more". */
static void
layout_series_legend (Scene *s)
{
  SegChart *chart = s->chart;
  guint n = chart->series->len;
  double swatch = s->small_h * 0.7;
  double max_item = MIN (s->body.width * 0.5, 14 * s->fs);
  double row_h = s->small_h * 1.2, right = s->body.x + s->body.width;
  double x, y;
  guint max_rows, row, shown;
  g_autoptr(GPtrArray) layouts = NULL;
  g_autofree double *widths = NULL;
  g_autofree guint *rows = NULL;

  if (n < 2 || s->body.height < 6 * s->line_h)
    return;

  max_rows = s->body.height < 12 * s->line_h ? 1 : s->body.height < 20 * s->line_h ? 2 : 3;
  layouts = g_ptr_array_new_with_free_func (g_object_unref);
  widths = g_new0 (double, n);
  rows = g_new0 (guint, n);

  /* Flow the items into rows. */
  x = s->body.x;
  row = 0;
  for (guint i = 0; i < n; i++)
    {
      SegChartSeries *series = g_ptr_array_index (chart->series, i);
      PangoLayout *layout = make_layout (s, FONT_SMALL, series->name,
                                         max_item - swatch - s->gap * 0.6, 1);
      double w;

      text_size (layout, &w, NULL);
      widths [i] = swatch + s->gap * 0.6 + w;
      if (x > s->body.x && x + widths [i] > right)
        {
          x = s->body.x;
          row++;
        }
      rows [i] = row;
      x += widths [i] + s->fs;
      g_ptr_array_add (layouts, layout);
    }

  /* Keep what fits in max_rows, and room for "+N more" after it. */
  shown = n;
  if (rows [n - 1] >= max_rows)
    {
      for (shown = 0; shown < n && rows [shown] < max_rows; shown++)
        ;
      while (shown > 1)
        {
          g_autofree char *more = g_strdup_printf (_("+%u more"), n - shown);
          double end = s->body.x;

          for (guint i = 0; i < shown; i++)
            if (rows [i] == rows [shown - 1])
              end += widths [i] + s->fs;
          if (end + text_width (s, FONT_SMALL, more) <= right)
            break;
          shown--;
        }
    }

  x = s->body.x;
  y = s->body.y;
  for (guint i = 0; i < shown; i++)
    {
      cairo_rectangle_t r;

      if (i > 0 && rows [i] != rows [i - 1])
        {
          x = s->body.x;
          y += row_h;
        }
      r = (cairo_rectangle_t) { x, y + (row_h - swatch) / 2, swatch, swatch };
      fill_rect (s, &r, series_color (s, i));
      place_text (s, g_ptr_array_index (layouts, i), x + swatch + s->gap * 0.6, y + row_h / 2,
                  0, 0.5, 0, s->fg, SEG_CHART_TEXT_LEGEND);
      x += widths [i] + s->fs;
    }

  if (shown < n)
    {
      g_autofree char *more = g_strdup_printf (_("+%u more"), n - shown);
      g_autoptr(PangoLayout) layout = make_layout (s, FONT_SMALL, more, right - x, 1);

      place_text (s, layout, x, y + row_h / 2, 0, 0.5, 0, s->dim, SEG_CHART_TEXT_LEGEND);
    }

  y += row_h + s->gap * 1.5;
  s->body.height -= y - s->body.y;
  s->body.y = y;
}

static void
draw_empty (Scene *s)
{
  cairo_rectangle_t area = s->body;
  g_autoptr(PangoLayout) layout = NULL;
  double h;

  if (area.height < s->line_h * 1.5)
    area = (cairo_rectangle_t) { s->pad, s->pad, s->width - 2 * s->pad, s->height - 2 * s->pad };

  layout = make_layout (s, FONT_LARGE, seg_chart_get_empty_text (s->chart),
                        MAX (area.width, 1), 3);
  text_size (layout, NULL, &h);
  if (h > area.height)
    return;

  place_text (s, layout, area.x + area.width / 2, area.y + area.height / 2, 0.5, 0.5, 0,
              s->dim, SEG_CHART_TEXT_MESSAGE);
}

/* Bars */

static void
value_range (Scene   *s,
             gboolean stacked,
             double  *lo,
             double  *hi)
{
  SegChart *chart = s->chart;
  guint n = seg_chart_get_n_categories (chart);

  *lo = 0;
  *hi = 0;

  for (guint c = 0; c < n; c++)
    {
      double pos = 0, neg = 0;

      for (guint i = 0; i < chart->series->len; i++)
        {
          double v = seg_chart_series_value (chart, i, c);

          if (isnan (v))
            continue;
          if (stacked)
            {
              if (v >= 0)
                pos += v;
              else
                neg += v;
            }
          else
            {
              *lo = MIN (*lo, v);
              *hi = MAX (*hi, v);
            }
        }

      if (stacked)
        {
          *lo = MIN (*lo, neg);
          *hi = MAX (*hi, pos);
        }
    }
}

/* The value written at the end of a bar: its value, or a stack's total. */
static double
bar_end_value (SegChart *chart,
               gboolean  stacked,
               guint     series,
               guint     category)
{
  double total = 0;

  if (!stacked)
    return seg_chart_series_value (chart, series, category);

  for (guint i = 0; i < chart->series->len; i++)
    {
      double v = seg_chart_series_value (chart, i, category);

      if (!isnan (v))
        total += v;
    }

  return total;
}

static char **
dup_category_labels (Scene *s,
                     guint  n)
{
  char **labels = g_new0 (char *, n + 1);

  for (guint c = 0; c < n; c++)
    labels [c] = category_label (s, c);

  return labels;
}

/* Writes @text inside @rect if it fits there, in a colour that reads on
 * @fill. */
static void
place_inside (Scene                   *s,
              const cairo_rectangle_t *rect,
              const char              *text,
              Rgba                     fill)
{
  g_autoptr(PangoLayout) layout = make_layout (s, FONT_SMALL, text, -1, 1);
  double w, h;

  text_size (layout, &w, &h);
  if (w + s->gap > rect->width || h > rect->height + 1)
    return;

  place_text (s, layout, rect->x + rect->width / 2, rect->y + rect->height / 2, 0.5, 0.5, 0,
              text_on (fill), SEG_CHART_TEXT_VALUE);
}

/* Where the bar for value @v starts and ends.  Side by side, a bar starts
 * at zero; @stacked, it starts where the bars of its sign end (@pos or
 * @neg) and moves that end on.  A missing value takes no room. */
static void
bar_extent (double    v,
            gboolean  stacked,
            double   *pos,
            double   *neg,
            double   *start,
            double   *end)
{
  double vv = isnan (v) ? 0 : v;

  if (!stacked)
    {
      *start = 0;
      *end = vv;
      return;
    }

  *start = vv >= 0 ? *pos : *neg;
  *end = *start + vv;
  if (vv >= 0)
    *pos = *end;
  else
    *neg = *end;
}

static void
draw_bars_horizontal (Scene    *s,
                      gboolean  stacked)
{
  SegChart *chart = s->chart;
  guint n = seg_chart_get_n_categories (chart);
  guint ns = chart->series->len;
  g_auto(GStrv) labels = dup_category_labels (s, n);
  cairo_rectangle_t area = s->body, plot;
  Axis axis = { 0 };
  double lo, hi, label_w = 0, value_room = 0, band, thickness, sub;
  gboolean show_values;
  guint label_step;

  value_range (s, stacked, &lo, &hi);

  for (guint c = 0; c < n; c++)
    label_w = MAX (label_w, text_width (s, FONT_SMALL, labels [c]));
  label_w = MIN (label_w, area.width * (area.width < 500 ? 0.36 : 0.3));
  label_w = MIN (label_w, 16 * s->fs);

  /* Room right of the longest bar for its value, when it is not too much. */
  for (guint c = 0; c < n; c++)
    for (guint i = 0; i < (stacked ? 1 : ns); i++)
      {
        double end = bar_end_value (chart, stacked, i, c);
        g_autofree char *text = seg_chart_format_label (chart, end);

        value_room = MAX (value_room, text_width (s, FONT_SMALL, text) + s->gap);
      }
  if (value_room > area.width * 0.22)
    value_room = 0;

  plot.y = area.y;
  plot.height = area.height - s->small_h - s->gap;
  plot.x = area.x + label_w + s->gap;
  plot.width = area.x + area.width - value_room - plot.x;

  axis_fit (s, &axis, lo, hi, plot.width, TRUE);
  /* The last tick label is centred on the plot's edge. */
  if (axis.widths [axis.n - 1] / 2 > value_room + s->pad - 1)
    {
      plot.width -= axis.widths [axis.n - 1] / 2 - value_room;
      axis_fit (s, &axis, lo, hi, plot.width, TRUE);
    }

  if (plot.width < 2 * s->fs || plot.height < s->small_h)
    {
      axis_clear (&axis);
      return;
    }

  band = plot.height / n;
  thickness = MIN (band * 0.72, s->fs * 2.6 * (stacked ? 1 : MIN (ns, 3)));
  sub = stacked ? thickness : thickness / ns;
  show_values = sub >= s->small_h * 1.02 || (stacked && band >= s->small_h);
  label_step = (guint) ceil (s->small_h * 1.05 / band);
  label_step = MAX (label_step, 1);

  draw_value_axis_horizontal (s, &axis, &plot);

  for (guint c = 0; c < n; c++)
    {
      double top = plot.y + c * band + (band - thickness) / 2;
      double pos = 0, neg = 0;

      if (c % label_step == 0)
        {
          g_autoptr(PangoLayout) layout = make_layout (s, FONT_SMALL, labels [c], label_w, 1);

          place_text (s, layout, plot.x - s->gap, plot.y + (c + 0.5) * band, 1, 0.5, 0, s->fg,
                      SEG_CHART_TEXT_CATEGORY);
        }

      for (guint i = 0; i < ns; i++)
        {
          double v = seg_chart_series_value (chart, i, c);
          double start, end, x0, x1;
          Mark *mark = add_mark (s, c * ns + i, i, c, -1, v);
          Rgba fill = bar_color (s, i, c);
          cairo_rectangle_t r;

          mark->shape = SHAPE_RECT;
          bar_extent (v, stacked, &pos, &neg, &start, &end);

          x0 = axis_position (&axis, MIN (start, end), plot.x, plot.width);
          x1 = axis_position (&axis, MAX (start, end), plot.x, plot.width);
          r.x = x0;
          r.width = x1 - x0;
          r.y = stacked ? top : top + i * sub;
          r.height = stacked ? thickness : sub * (ns > 1 ? 0.9 : 1);
          mark->bounds = r;
          if (mark->bounds.width < 2)
            mark->bounds.width = 2;
          mark->area = (cairo_rectangle_t) { plot.x, stacked ? r.y : r.y - sub * 0.05,
                                             plot.width, stacked ? r.height : sub };
          if (ns == 1)
            mark->area = (cairo_rectangle_t) { plot.x, plot.y + c * band, plot.width, band };
          if (stacked)
            mark->area = (cairo_rectangle_t) { r.x, plot.y + c * band, r.width, band };
          fill_rect (s, &r, fill);

          if (!show_values || isnan (v))
            continue;

          if (stacked)
            {
              g_autofree char *text = seg_chart_format_label (chart, v);

              place_inside (s, &r, text, fill);
            }
          else
            {
              g_autofree char *text = seg_chart_format_label (chart, v);
              g_autoptr(PangoLayout) layout = make_layout (s, FONT_SMALL, text, -1, 1);
              double w;

              text_size (layout, &w, NULL);
              if (v >= 0 && x1 + s->gap * 0.5 + w <= s->width - s->pad * 0.5)
                place_text (s, layout, x1 + s->gap * 0.5, r.y + r.height / 2, 0, 0.5, 0,
                            s->fg, SEG_CHART_TEXT_VALUE);
              else if (v < 0 && x0 - s->gap * 0.5 - w >= plot.x)
                place_text (s, layout, x0 - s->gap * 0.5, r.y + r.height / 2, 1, 0.5, 0,
                            s->fg, SEG_CHART_TEXT_VALUE);
              else
                place_inside (s, &r, text, fill);
            }
        }

      if (stacked && show_values && ns > 1 && value_room > 0)
        {
          g_autofree char *text = seg_chart_format_label (chart, bar_end_value (chart, TRUE, 0, c));
          g_autoptr(PangoLayout) layout = make_layout (s, FONT_SMALL_BOLD, text, -1, 1);
          double x = axis_position (&axis, pos, plot.x, plot.width) + s->gap * 0.5;
          double w;

          text_size (layout, &w, NULL);
          if (x + w <= s->width - 1)
            place_text (s, layout, x, top + thickness / 2, 0, 0.5, 0, s->fg, SEG_CHART_TEXT_VALUE);
        }
    }

  axis_clear (&axis);
}

static void
draw_bars_vertical (Scene    *s,
                    gboolean  stacked)
{
  SegChart *chart = s->chart;
  guint n = seg_chart_get_n_categories (chart);
  guint ns = chart->series->len;
  g_auto(GStrv) labels = dup_category_labels (s, n);
  cairo_rectangle_t area = s->body, plot = { 0 };
  CategoryAxis plan = { 0 };
  Axis axis = { 0 };
  double lo, hi, axis_w, slot, thickness, sub;
  gboolean show_values;

  value_range (s, stacked, &lo, &hi);

  /* The value axis' width and the category labels' height depend on each
   * other through the plot's size: settle them in a few rounds. */
  axis_compute (s, &axis, lo, hi, 5);
  axis_w = axis.max_w;
  for (guint round_ = 0; round_ < 3; round_++)
    {
      plot.x = area.x + axis_w + s->gap;
      plot.width = area.x + area.width - plot.x;
      slot = plot.width / n;
      plan_category_axis (s, labels, n, slot, category_room (&area), &plan);
      plot.y = area.y + s->small_h / 2;
      plot.height = area.y + area.height - plan.height - s->gap - plot.y;
      axis_fit (s, &axis, lo, hi, plot.height, FALSE);
      if (axis.max_w <= axis_w)
        break;
      axis_w = axis.max_w;
    }

  if (plot.width < 2 * s->fs || plot.height < s->small_h * 2)
    {
      axis_clear (&axis);
      return;
    }

  slot = plot.width / n;
  thickness = MIN (slot * 0.7, s->fs * (stacked || ns == 1 ? 4.5 : 2.5 * MIN (ns, 3)));
  sub = stacked ? thickness : thickness / ns;

  draw_value_axis_vertical (s, &axis, &plot);
  draw_category_axis (s, &plan, labels, n, plot.x, slot, plot.y + plot.height + s->gap * 0.75);

  for (guint c = 0; c < n; c++)
    {
      double left = plot.x + c * slot + (slot - thickness) / 2;
      double pos = 0, neg = 0;

      for (guint i = 0; i < ns; i++)
        {
          double v = seg_chart_series_value (chart, i, c);
          double start, end, y0, y1;
          Mark *mark = add_mark (s, c * ns + i, i, c, -1, v);
          Rgba fill = bar_color (s, i, c);
          cairo_rectangle_t r;

          mark->shape = SHAPE_RECT;
          bar_extent (v, stacked, &pos, &neg, &start, &end);

          y0 = plot.y + plot.height - axis_position (&axis, MAX (start, end), 0, plot.height);
          y1 = plot.y + plot.height - axis_position (&axis, MIN (start, end), 0, plot.height);
          r.x = stacked ? left : left + i * sub;
          r.width = stacked ? thickness : sub * (ns > 1 ? 0.9 : 1);
          r.y = y0;
          r.height = y1 - y0;
          mark->bounds = r;
          if (mark->bounds.height < 2)
            {
              mark->bounds.y -= 2 - mark->bounds.height;
              mark->bounds.height = 2;
            }
          if (stacked)
            mark->area = (cairo_rectangle_t) { plot.x + c * slot, r.y, slot, r.height };
          else if (ns == 1)
            mark->area = (cairo_rectangle_t) { plot.x + c * slot, plot.y, slot, plot.height };
          else
            mark->area = (cairo_rectangle_t) { r.x, plot.y, sub, plot.height };
          fill_rect (s, &r, fill);

          show_values = r.width >= s->fs * 1.2;
          if (!show_values || isnan (v))
            continue;

          {
            g_autofree char *text = seg_chart_format_label (chart, v);
            g_autoptr(PangoLayout) layout = make_layout (s, FONT_SMALL, text, -1, 1);
            double w, h;

            text_size (layout, &w, &h);
            if (stacked)
              place_inside (s, &r, text, fill);
            else if (w <= (ns > 1 ? sub : slot) - s->gap * 0.3 && v >= 0 &&
                     y0 - h - s->gap * 0.3 >= area.y)
              place_text (s, layout, r.x + r.width / 2, y0 - s->gap * 0.3, 0.5, 1, 0,
                          s->fg, SEG_CHART_TEXT_VALUE);
            else if (!stacked)
              place_inside (s, &r, text, fill);
          }
        }
    }

  axis_clear (&axis);
}

/* Donut */

static void
add_slice_bounds (Mark *mark)
{
  double min_x = G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, max_y = -G_MAXDOUBLE;

  for (guint i = 0; i <= 24; i++)
    {
      double a = mark->a0 + (mark->a1 - mark->a0) * i / 24;

      for (guint j = 0; j < 2; j++)
        {
          double r = j ? mark->r1 : mark->r0;
          double x = mark->cx + r * cos (a), y = mark->cy + r * sin (a);

          min_x = MIN (min_x, x);
          max_x = MAX (max_x, x);
          min_y = MIN (min_y, y);
          max_y = MAX (max_y, y);
        }
    }

  mark->bounds = (cairo_rectangle_t) { min_x, min_y, max_x - min_x, max_y - min_y };
  mark->area = mark->bounds;
}

static void
draw_donut (Scene *s)
{
  SegChart *chart = s->chart;
  guint n = seg_chart_get_n_categories (chart);
  cairo_rectangle_t area = s->body, pie, legend;
  double total = seg_chart_series_total (chart, 0);
  double row_h = s->small_h * 1.35, swatch = s->small_h * 0.7;
  double col_w, d, angle;
  guint cols, rows, shown;
  gboolean beside;

  /* The legend goes beside the donut when the body is wide, below it when
   * narrow. */
  beside = area.width >= area.height * 1.3;
  if (beside)
    {
      guint rows_fit = area.height > row_h ? (guint) floor (area.height / row_h) : 0;
      double room, x0;

      d = MIN (area.height, area.width * 0.5);
      room = area.width - d - 2 * s->fs;
      cols = rows_fit >= n || rows_fit == 0 ? 1 : (n + rows_fit - 1) / rows_fit;
      {
        /* How many legend columns fit; none on a canvas too small. */
        double fit = floor (room / (10 * s->fs));

        cols = MIN (cols, fit >= 1 ? (guint) MIN (fit, 1e6) : 1);
      }
      col_w = MIN (room / cols, 20 * s->fs);
      rows = MIN (rows_fit, (n + cols - 1) / cols);

      /* Donut and legend together, centred. */
      x0 = area.x + MAX (0, (room - cols * col_w) / 2);
      pie = (cairo_rectangle_t) { x0, area.y, d, area.height };
      legend.x = x0 + d + 2 * s->fs;
      legend.width = cols * col_w;
      legend.height = rows * row_h;
      legend.y = area.y + MAX (0, (area.height - legend.height) / 2);
    }
  else
    {
      cols = MAX (1, (guint) floor (area.width / (11 * s->fs)));
      cols = MIN (cols, n);
      col_w = MIN (area.width / cols, 20 * s->fs);
      rows = (n + cols - 1) / cols;
      rows = MIN (rows, (guint) floor (area.height * 0.45 / row_h));
      legend.width = cols * col_w;
      legend.x = area.x + (area.width - legend.width) / 2;
      legend.height = rows * row_h;
      legend.y = area.y + area.height - legend.height;
      d = MIN (area.width, area.height - legend.height - s->gap);
      pie = (cairo_rectangle_t) { area.x, area.y, area.width,
                                  area.height - legend.height - s->gap };
    }

  if (d < 4 * s->fs)
    return;

  /* Slices, clockwise from the top. */
  {
    double cx = pie.x + pie.width / 2, cy = pie.y + pie.height / 2;
    double r1 = d / 2, r0 = r1 * 0.58;

    angle = -G_PI / 2;
    for (guint c = 0; c < n; c++)
      {
        double v = seg_chart_series_value (chart, 0, c);
        double sweep = (!isnan (v) && v > 0 && total > 0) ? 2 * G_PI * v / total : 0;
        Mark *mark = add_mark (s, c, 0, c, -1, v);
        Rgba fill = slice_color (s, c);

        mark->shape = SHAPE_SLICE;
        mark->cx = cx;
        mark->cy = cy;
        mark->r0 = r0;
        mark->r1 = r1;
        mark->a0 = angle;
        mark->a1 = angle + sweep;
        add_slice_bounds (mark);

        if (sweep > 0 && s->cr != NULL)
          {
            cairo_new_path (s->cr);
            cairo_arc (s->cr, cx, cy, r1, angle, angle + sweep);
            cairo_arc_negative (s->cr, cx, cy, r0, angle + sweep, angle);
            cairo_close_path (s->cr);
            set_source (s, fill);
            cairo_fill_preserve (s->cr);
            /* A thin gap between slices, in the background colour. */
            cairo_set_line_width (s->cr, MAX (1.5, s->fs * 0.12));
            cairo_set_line_join (s->cr, CAIRO_LINE_JOIN_BEVEL);
            set_source (s, s->bg);
            cairo_stroke (s->cr);
          }

        if (sweep > 0)
          {
            g_autofree char *share = seg_chart_format_share (v / total);
            g_autoptr(PangoLayout) layout = make_layout (s, FONT_SMALL_BOLD, share, -1, 1);
            double w, h, mid = angle + sweep / 2, rm = (r0 + r1) / 2;
            double tx = cx + rm * cos (mid), ty = cy + rm * sin (mid);

            text_size (layout, &w, &h);
            /* Only where the whole label sits inside the ring. */
            if (h <= (r1 - r0) * 0.9 && hypot (w, h) * 0.5 <= (r1 - r0) * 0.5 &&
                sweep * rm >= w + s->gap && sweep * r0 >= w * 0.8)
              place_text (s, layout, tx, ty, 0.5, 0.5, 0, text_on (fill), SEG_CHART_TEXT_VALUE);
          }

        angle += sweep;
      }

    /* The total in the hole. */
    {
      g_autofree char *total_text = seg_chart_format_label (chart, total);
      g_autoptr(PangoLayout) value = NULL;
      g_autoptr(PangoFontDescription) big = NULL;
      g_autoptr(PangoLayout) caption = make_layout (s, FONT_SMALL, _("Total"), -1, 1);
      double vw, vh, cw, ch;

      /* Big donuts get a big total. */
      big = pango_font_description_copy (s->fonts [FONT_TITLE]);
      pango_font_description_set_absolute_size (big, CLAMP (r0 * 0.22, s->fs * 1.15, s->fs * 2.4) *
                                                     PANGO_SCALE);
      value = make_layout_in_font (s, big, total_text, -1, 1);
      text_size (value, &vw, &vh);
      text_size (caption, &cw, &ch);
      if (hypot (MAX (vw, cw), vh + ch) <= 2 * r0 * 0.92)
        {
          place_text (s, value, cx, cy - (vh + ch) / 2, 0.5, 0, 0, s->fg, SEG_CHART_TEXT_VALUE);
          place_text (s, caption, cx, cy - (vh + ch) / 2 + vh, 0.5, 0, 0, s->dim,
                      SEG_CHART_TEXT_VALUE);
        }
      else if (hypot (vw, vh) <= 2 * r0 * 0.92)
        {
          place_text (s, value, cx, cy, 0.5, 0.5, 0, s->fg, SEG_CHART_TEXT_VALUE);
        }
    }
  }

  /* Legend: swatch, name, share. */
  if (rows == 0)
    return;

  shown = MIN (n, rows * cols);
  if (shown < n)
    shown--;

  for (guint i = 0; i < shown; i++)
    {
      guint col = i / rows, row = i % rows;
      double x = legend.x + col * col_w, y = legend.y + row * row_h;
      double v = seg_chart_series_value (chart, 0, i);
      double fraction = total > 0 && !isnan (v) ? MAX (v, 0) / total : 0;
      g_autofree char *share = seg_chart_format_share (fraction);
      g_autoptr(PangoLayout) share_layout = make_layout (s, FONT_SMALL, share, -1, 1);
      g_autoptr(PangoLayout) name_layout = NULL;
      g_autofree char *name = category_label (s, i);
      double share_w, name_max;
      cairo_rectangle_t r = { x, y + (row_h - swatch) / 2, swatch, swatch };

      text_size (share_layout, &share_w, NULL);
      name_max = col_w - swatch - s->gap * 0.6 - share_w - s->fs * (col + 1 < cols ? 1.5 : 0.2);
      if (name_max < s->fs)
        continue;
      name_layout = make_layout (s, FONT_SMALL, name, name_max, 1);

      fill_rect (s, &r, slice_color (s, i));
      place_text (s, name_layout, x + swatch + s->gap * 0.6, y + row_h / 2, 0, 0.5, 0, s->fg,
                  SEG_CHART_TEXT_LEGEND);
      place_text (s, share_layout,
                  x + col_w - s->fs * (col + 1 < cols ? 1.5 : 0.2), y + row_h / 2, 1, 0.5, 0,
                  s->dim, SEG_CHART_TEXT_LEGEND);
    }

  if (shown < n)
    {
      g_autofree char *more = g_strdup_printf (_("+%u more"), n - shown);
      g_autoptr(PangoLayout) layout = make_layout (s, FONT_SMALL, more, col_w, 1);
      guint col = shown / rows, row = shown % rows;

      place_text (s, layout, legend.x + col * col_w + swatch + s->gap * 0.6,
                  legend.y + row * row_h + row_h / 2, 0, 0.5, 0, s->dim, SEG_CHART_TEXT_LEGEND);
    }
}

/* Line and area */

typedef struct
{
  guint        unit;   /* 0 days, 1 months, 2 years */
  guint        count;
  const char  *format;
} TimeStep;

static gint32
time_tick_first (gint32          d0,
                 const TimeStep *step)
{
  int y, m, d;

  seg_day_to_ymd (d0, &y, &m, &d);

  switch (step->unit)
    {
    case 0:
      if (step->count == 7 || step->count == 14)
        {
          /* Weeks start on Monday (seg_day_weekday: 1 = Monday). */
          gint32 day = d0;

          while (seg_day_weekday (day) != 1)
            day++;
          return day;
        }
      return d0;

    case 1:
      {
        gint32 day = d == 1 ? d0 : seg_day_from_ymd (m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1);

        seg_day_to_ymd (day, &y, &m, NULL);
        while ((m - 1) % step->count != 0)
          {
            m++;
            if (m > 12)
              {
                m = 1;
                y++;
              }
          }
        return seg_day_from_ymd (y, m, 1);
      }

    default:
      {
        int year = (m == 1 && d == 1) ? y : y + 1;

        while (year % step->count != 0)
          year++;
        return seg_day_from_ymd (year, 1, 1);
      }
    }
}

static gint32
time_tick_next (gint32          day,
                const TimeStep *step)
{
  int y, m;

  switch (step->unit)
    {
    case 0:
      return day + step->count;
    case 1:
      seg_day_to_ymd (day, &y, &m, NULL);
      m += step->count;
      while (m > 12)
        {
          m -= 12;
          y++;
        }
      return seg_day_from_ymd (y, m, 1);
    default:
      seg_day_to_ymd (day, &y, NULL, NULL);
      return seg_day_from_ymd (y + step->count, 1, 1);
    }
}

static char *
format_time_tick (gint32      day,
                  const char *format)
{
  g_autoptr(GDateTime) date_time = NULL;
  int y, m, d;

  seg_day_to_ymd (day, &y, &m, &d);
  date_time = g_date_time_new_utc (y, m, d, 0, 0, 0);
  return date_time ? g_date_time_format (date_time, format) : g_strdup ("");
}

/* Date ticks at days, weeks, months or years: the finest whose labels do
 * not touch. */
static void
draw_time_axis (Scene                   *s,
                const cairo_rectangle_t *plot,
                gint32                   d0,
                gint32                   d1)
{
  const TimeStep steps[] = {
    /* Translators: a date on a chart's time axis, see g_date_time_format() */
    { 0, 1, N_("%b %-d") },
    { 0, 2, N_("%b %-d") },
    { 0, 7, N_("%b %-d") },
    { 0, 14, N_("%b %-d") },
    /* Translators: a month on a chart's time axis, see g_date_time_format() */
    { 1, 1, N_("%b %Y") },
    { 1, 2, N_("%b %Y") },
    { 1, 3, N_("%b %Y") },
    { 1, 6, N_("%b %Y") },
    { 2, 1, "%Y" },
    { 2, 2, "%Y" },
    { 2, 5, "%Y" },
    { 2, 10, "%Y" },
    { 2, 50, "%Y" },
  };
  /* Lower than category labels: the first date may reach left under the
   * lowest value label. */
  double y = plot->y + plot->height + s->small_h * 0.5 + 2;

  if (d1 <= d0)
    {
      g_autofree char *text = seg_chart_format_day (d0);
      g_autoptr(PangoLayout) layout = make_layout (s, FONT_SMALL, text, plot->width, 1);

      place_text (s, layout, plot->x + plot->width / 2, y, 0.5, 0, 0, s->dim, SEG_CHART_TEXT_AXIS);
      return;
    }

  for (guint k = 0; k < G_N_ELEMENTS (steps); k++)
    {
      const TimeStep *step = &steps [k];
      g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) ticks = g_array_new (FALSE, FALSE, sizeof (double));
      double last_right = -G_MAXDOUBLE;
      gboolean fits = TRUE;
      guint count = 0;
      int last_year;

      /* Count first: skip steps that would make hundreds of ticks. */
      for (gint32 day = time_tick_first (d0, step); day <= d1 && count < 40;
           day = time_tick_next (day, step))
        count++;
      if (count >= 40)
        continue;

      last_year = G_MININT;
      for (gint32 day = time_tick_first (d0, step); day <= d1 && fits;
           day = time_tick_next (day, step))
        {
          g_autofree char *text = NULL;
          int year;

          /* Days and months say their year on the first tick and when it
           * changes. */
          seg_day_to_ymd (day, &year, NULL, NULL);
          if (step->unit == 0 && year != last_year)
            text = format_time_tick (day, _("%b %-d, %Y"));
          else if (step->unit == 1 && year != last_year)
            text = format_time_tick (day, _("%b %Y"));
          else if (step->unit == 1)
            /* Translators: a month on a chart's time axis, see g_date_time_format() */
            text = format_time_tick (day, _("%b"));
          else
            text = format_time_tick (day, step->unit == 2 ? step->format : _(step->format));
          last_year = year;
          PangoLayout *layout = make_layout (s, FONT_SMALL, text, -1, 1);
          double tick = plot->x + plot->width * (double) (day - d0) / (d1 - d0);
          double x, w;

          text_size (layout, &w, NULL);
          x = CLAMP (tick, w / 2 + 1, s->width - w / 2 - 1);
          if (x - w / 2 < last_right + s->fs)
            fits = FALSE;
          last_right = x + w / 2;
          g_ptr_array_add (layouts, layout);
          g_array_append_val (xs, x);
          g_array_append_val (ticks, tick);
        }

      if (!fits && k + 1 < G_N_ELEMENTS (steps))
        continue;

      for (guint i = 0; i < layouts->len; i++)
        {
          double x = g_array_index (xs, double, i);
          double tick = g_array_index (ticks, double, i);

          draw_vline (s, tick, plot->y + plot->height,
                      plot->y + plot->height + s->gap * 0.4, s->axis);
          place_text (s, g_ptr_array_index (layouts, i), x, y, 0.5, 0, 0, s->dim,
                      SEG_CHART_TEXT_AXIS);
        }
      return;
    }
}

static void
draw_lines (Scene    *s,
            gboolean  area_chart)
{
  SegChart *chart = s->chart;
  guint n = seg_chart_get_n_categories (chart);
  guint ns = chart->series->len;
  gboolean timed = chart->days != NULL && chart->days->len == n && n > 0;
  cairo_rectangle_t area = s->body, plot = { 0 };
  g_autofree double *xs = g_new0 (double, n);
  g_autofree double *base = g_new0 (double, n);
  g_autofree double *tops = g_new0 (double, n);
  g_auto(GStrv) labels = NULL;
  CategoryAxis plan = { 0 };
  Axis axis = { 0 };
  double lo = 0, hi = 0, axis_w, slot;
  gint32 d0 = 0, d1 = 0;
  gboolean dots;

  for (guint c = 0; c < n; c++)
    {
      double sum = 0;

      for (guint i = 0; i < ns; i++)
        {
          double v = seg_chart_series_value (chart, i, c);

          if (isnan (v))
            continue;
          sum += v;
          lo = MIN (lo, area_chart ? sum : v);
          hi = MAX (hi, area_chart ? sum : v);
        }
    }

  if (timed)
    {
      d0 = g_array_index (chart->days, gint32, 0);
      d1 = g_array_index (chart->days, gint32, n - 1);
    }
  else
    {
      labels = dup_category_labels (s, n);
    }

  axis_compute (s, &axis, lo, hi, 5);
  axis_w = axis.max_w;
  for (guint round_ = 0; round_ < 3; round_++)
    {
      double bottom_h = s->small_h + s->small_h * 0.5 + 2;

      plot.x = area.x + axis_w + s->gap;
      plot.width = area.x + area.width - plot.x - s->fs * 0.5;
      if (!timed)
        {
          plan_category_axis (s, labels, n, plot.width / n, category_room (&area), &plan);
          bottom_h = plan.height + s->gap * 0.75;
        }
      plot.y = area.y + s->small_h / 2;
      plot.height = area.y + area.height - bottom_h - plot.y;
      axis_fit (s, &axis, lo, hi, plot.height, FALSE);
      if (axis.max_w <= axis_w)
        break;
      axis_w = axis.max_w;
    }

  if (plot.width < 2 * s->fs || plot.height < s->small_h * 2)
    {
      axis_clear (&axis);
      return;
    }

  slot = plot.width / n;
  for (guint c = 0; c < n; c++)
    {
      if (timed)
        xs [c] = d1 > d0
          ? plot.x + plot.width * (double) (g_array_index (chart->days, gint32, c) - d0) / (d1 - d0)
          : plot.x + plot.width / 2;
      else
        xs [c] = plot.x + (c + 0.5) * slot;
    }

  draw_value_axis_vertical (s, &axis, &plot);
  if (timed)
    draw_time_axis (s, &plot, d0, d1);
  else
    draw_category_axis (s, &plan, labels, n, plot.x, slot, plot.y + plot.height + s->gap * 0.75);

  dots = n <= plot.width / (s->fs * 1.6);

  for (guint i = 0; i < ns; i++)
    {
      Rgba color = series_color (s, i);
      double lw = MAX (1.5, s->fs * 0.16);
      gboolean pen_down = FALSE;

      for (guint c = 0; c < n; c++)
        {
          double v = seg_chart_series_value (chart, i, c);
          double top = (area_chart ? base [c] : 0) + (isnan (v) ? 0 : v);

          tops [c] = plot.y + plot.height - axis_position (&axis, top, 0, plot.height);
        }

      if (area_chart && s->cr != NULL)
        {
          /* The band between this series and the ones below it. */
          cairo_new_path (s->cr);
          for (guint c = 0; c < n; c++)
            cairo_line_to (s->cr, xs [c], tops [c]);
          for (guint c = n; c-- > 0;)
            cairo_line_to (s->cr, xs [c],
                           plot.y + plot.height - axis_position (&axis, base [c], 0, plot.height));
          cairo_close_path (s->cr);
          color.a = s->style.dark ? 0.6 : 0.35;
          set_source (s, color);
          cairo_fill (s->cr);
          color.a = 1;
        }

      if (s->cr != NULL)
        {
          cairo_new_path (s->cr);
          for (guint c = 0; c < n; c++)
            {
              double v = seg_chart_series_value (chart, i, c);

              if (isnan (v) && !area_chart)
                {
                  pen_down = FALSE;
                  continue;
                }
              if (pen_down)
                cairo_line_to (s->cr, xs [c], tops [c]);
              else
                cairo_move_to (s->cr, xs [c], tops [c]);
              pen_down = TRUE;
            }
          cairo_set_line_width (s->cr, lw);
          cairo_set_line_join (s->cr, CAIRO_LINE_JOIN_ROUND);
          cairo_set_line_cap (s->cr, CAIRO_LINE_CAP_ROUND);
          set_source (s, color);
          cairo_stroke (s->cr);
        }

      for (guint c = 0; c < n; c++)
        {
          double v = seg_chart_series_value (chart, i, c);
          double r = s->fs * 0.24;
          double left = c == 0 ? plot.x : (xs [c - 1] + xs [c]) / 2;
          double right = c + 1 == n ? plot.x + plot.width : (xs [c] + xs [c + 1]) / 2;
          Mark *mark = add_mark (s, c * ns + i, i, c, -1, v);

          mark->shape = SHAPE_POINT;
          mark->bounds = (cairo_rectangle_t) { xs [c] - r, tops [c] - r, 2 * r, 2 * r };
          mark->area = (cairo_rectangle_t) { left, plot.y, right - left, plot.height };

          if (dots && !isnan (v) && s->cr != NULL)
            {
              cairo_new_path (s->cr);
              cairo_arc (s->cr, xs [c], tops [c], r, 0, 2 * G_PI);
              set_source (s, s->bg);
              cairo_fill_preserve (s->cr);
              cairo_set_line_width (s->cr, lw * 0.9);
              set_source (s, color);
              cairo_stroke (s->cr);
            }

          if (area_chart && !isnan (v))
            base [c] += v;
        }
    }

  axis_clear (&axis);
}

/* Heat map and RFM grid */

static void
matrix_range (SegChart *chart,
              double   *lo,
              double   *hi)
{
  *lo = 0;
  *hi = 0;
  for (guint i = 0; i < chart->n_rows * chart->n_columns; i++)
    {
      if (isnan (chart->matrix [i]))
        continue;
      *lo = MIN (*lo, chart->matrix [i]);
      *hi = MAX (*hi, chart->matrix [i]);
    }
}

static void
draw_cell (Scene                   *s,
           const cairo_rectangle_t *cell,
           guint                    row,
           guint                    column,
           double                   lo,
           double                   hi,
           gboolean                 with_label)
{
  SegChart *chart = s->chart;
  guint index = row * chart->n_columns + column;
  double v = chart->matrix [index];
  double t = hi > lo ? (v - lo) / (hi - lo) : 0;
  Rgba fill = ramp_color (s, t);
  const char *label = chart->cell_labels [index];
  g_autofree char *text = seg_chart_format_label (chart, v);
  g_autoptr(PangoLayout) value_layout = NULL;
  g_autoptr(PangoLayout) label_layout = NULL;
  Mark *mark = add_mark (s, index, -1, column, row, v);
  double vw, vh, lh = 0;

  mark->shape = SHAPE_RECT;
  mark->bounds = *cell;
  mark->area = *cell;
  fill_rect (s, cell, fill);

  /* Roomy cells (a printed page, a maximised window) get larger numbers. */
  if (cell->height >= 4 * s->line_h && cell->width >= 8 * s->fs)
    value_layout = make_layout (s, with_label ? FONT_TITLE : FONT_BODY, text, -1, 1);
  else
    value_layout = make_layout (s, with_label ? FONT_SMALL_BOLD : FONT_SMALL, text, -1, 1);
  text_size (value_layout, &vw, &vh);
  if (vw + s->gap > cell->width || vh > cell->height)
    return;

  if (with_label && label != NULL && label [0] != '\0' && cell->height >= vh + s->small_h * 1.1 &&
      cell->width >= 3 * s->fs)
    {
      label_layout = make_layout (s, FONT_SMALL, label, cell->width - s->gap, 1);
      text_size (label_layout, NULL, &lh);
    }

  place_text (s, value_layout, cell->x + cell->width / 2, cell->y + (cell->height - lh) / 2,
              0.5, 0.5, 0, text_on (fill), SEG_CHART_TEXT_VALUE);
  if (label_layout != NULL)
    {
      Rgba color = text_on (fill);

      color.a = 0.8;
      place_text (s, label_layout, cell->x + cell->width / 2,
                  cell->y + (cell->height - lh) / 2 + vh / 2, 0.5, 0, 0, color,
                  SEG_CHART_TEXT_VALUE);
    }
}

/* A small gradient from the lowest to the highest value. */
static double
draw_color_scale (Scene  *s,
                  double  right,
                  double  y,
                  double  lo,
                  double  hi)
{
  g_autofree char *lo_text = seg_chart_format_label (s->chart, lo);
  g_autofree char *hi_text = seg_chart_format_label (s->chart, hi);
  g_autoptr(PangoLayout) lo_layout = make_layout (s, FONT_SMALL, lo_text, -1, 1);
  g_autoptr(PangoLayout) hi_layout = make_layout (s, FONT_SMALL, hi_text, -1, 1);
  double lo_w, hi_w, bar_w = 6 * s->fs, bar_h = s->small_h * 0.6, x;

  text_size (lo_layout, &lo_w, NULL);
  text_size (hi_layout, &hi_w, NULL);

  x = right - hi_w - s->gap * 0.5 - bar_w;
  place_text (s, hi_layout, right, y + s->small_h / 2, 1, 0.5, 0, s->dim, SEG_CHART_TEXT_AXIS);
  place_text (s, lo_layout, x - s->gap * 0.5, y + s->small_h / 2, 1, 0.5, 0, s->dim,
              SEG_CHART_TEXT_AXIS);

  if (s->cr != NULL)
    {
      cairo_pattern_t *pattern = cairo_pattern_create_linear (x, 0, x + bar_w, 0);

      for (guint i = 0; i <= 8; i++)
        {
          Rgba c = ramp_color (s, i / 8.0);

          cairo_pattern_add_color_stop_rgb (pattern, i / 8.0, c.r, c.g, c.b);
        }
      cairo_rectangle (s->cr, x, y + (s->small_h - bar_h) / 2, bar_w, bar_h);
      cairo_set_source (s->cr, pattern);
      cairo_fill (s->cr);
      cairo_pattern_destroy (pattern);
    }

  return x - s->gap * 0.5 - lo_w;
}

static void
draw_heatmap (Scene *s)
{
  SegChart *chart = s->chart;
  guint nr = chart->n_rows, nc = chart->n_columns;
  cairo_rectangle_t area = s->body, plot;
  g_auto(GStrv) columns = g_new0 (char *, nc + 1);
  CategoryAxis plan = { 0 };
  double label_w = 0, lo, hi, cell_w, cell_h, cell_gap = MAX (1, s->fs * 0.12), scale_h;
  guint row_step;

  matrix_range (chart, &lo, &hi);

  for (guint c = 0; c < nc; c++)
    columns [c] = g_strdup (c < chart->column_labels->len
                            ? (char *) g_ptr_array_index (chart->column_labels, c) : "");
  for (guint r = 0; r < nr; r++)
    if (r < chart->row_labels->len)
      label_w = MAX (label_w, text_width (s, FONT_SMALL, g_ptr_array_index (chart->row_labels, r)));
  label_w = MIN (label_w, area.width * 0.3);

  scale_h = area.height >= 10 * s->line_h ? s->small_h + s->gap : 0;
  plot.x = area.x + label_w + (label_w > 0 ? s->gap : 0);
  plot.width = area.x + area.width - plot.x;
  plot.y = area.y;
  plan_category_axis (s, columns, nc, plot.width / nc, area.height * 0.35, &plan);
  plot.height = area.y + area.height - plan.height - s->gap - scale_h - plot.y;

  if (plot.width < nc || plot.height < nr || plot.height < s->small_h)
    return;

  cell_w = plot.width / nc;
  cell_h = plot.height / nr;
  row_step = (guint) ceil (s->small_h * 1.05 / cell_h);

  for (guint r = 0; r < nr; r++)
    {
      if (label_w > 0 && r % row_step == 0 && r < chart->row_labels->len)
        {
          g_autoptr(PangoLayout) layout = make_layout (s, FONT_SMALL,
                                                       g_ptr_array_index (chart->row_labels, r),
                                                       label_w, 1);

          place_text (s, layout, plot.x - s->gap, plot.y + (r + 0.5) * cell_h, 1, 0.5, 0, s->fg,
                      SEG_CHART_TEXT_CATEGORY);
        }

      for (guint c = 0; c < nc; c++)
        {
          cairo_rectangle_t cell = {
            plot.x + c * cell_w + cell_gap / 2, plot.y + r * cell_h + cell_gap / 2,
            cell_w - cell_gap, cell_h - cell_gap,
          };

          draw_cell (s, &cell, r, c, lo, hi, FALSE);
        }
    }

  draw_category_axis (s, &plan, columns, nc, plot.x, cell_w, plot.y + plot.height + s->gap * 0.75);
  if (scale_h > 0)
    draw_color_scale (s, area.x + area.width, area.y + area.height - s->small_h, lo, hi);
}

static void
draw_rfm_grid (Scene *s)
{
  SegChart *chart = s->chart;
  cairo_rectangle_t area = s->body, plot;
  g_autoptr(PangoLayout) x_title = NULL;
  g_autoptr(PangoLayout) y_title = NULL;
  double lo, hi, title_h, digit_w = text_width (s, FONT_SMALL, "5");
  double cell_w, cell_h, cell_gap = MAX (1.5, s->fs * 0.16);

  g_return_if_fail (chart->n_rows == 5 && chart->n_columns == 5);

  matrix_range (chart, &lo, &hi);

  x_title = make_layout (s, FONT_SMALL, _("Recency (5 = ordered most recently)"), area.width, 1);
  text_size (x_title, NULL, &title_h);
  plot.x = area.x + title_h + s->gap * 0.5 + digit_w + s->gap;
  plot.width = area.x + area.width - plot.x;
  plot.y = area.y;
  plot.height = area.y + area.height - plot.y - s->small_h - s->gap * 0.5 - title_h - s->gap * 0.5;

  if (plot.width < 5 * s->fs || plot.height < 2.5 * s->small_h)
    return;

  y_title = make_layout (s, FONT_SMALL, _("Frequency (5 = most orders)"), plot.height, 1);
  g_clear_object (&x_title);
  x_title = make_layout (s, FONT_SMALL, _("Recency (5 = ordered most recently)"), plot.width, 1);

  cell_w = plot.width / 5;
  cell_h = plot.height / 5;

  for (guint row = 0; row < 5; row++)
    {
      double y = plot.y + (4 - row) * cell_h;
      g_autofree char *digit = g_strdup_printf ("%u", row + 1);
      g_autoptr(PangoLayout) layout = make_layout (s, FONT_SMALL, digit, -1, 1);

      place_text (s, layout, plot.x - s->gap, y + cell_h / 2, 1, 0.5, 0, s->dim,
                  SEG_CHART_TEXT_CATEGORY);

      for (guint column = 0; column < 5; column++)
        {
          cairo_rectangle_t cell = {
            plot.x + column * cell_w + cell_gap / 2, y + cell_gap / 2,
            cell_w - cell_gap, cell_h - cell_gap,
          };

          draw_cell (s, &cell, row, column, lo, hi, TRUE);
        }
    }

  for (guint column = 0; column < 5; column++)
    {
      g_autofree char *digit = g_strdup_printf ("%u", column + 1);
      g_autoptr(PangoLayout) layout = make_layout (s, FONT_SMALL, digit, -1, 1);

      place_text (s, layout, plot.x + (column + 0.5) * cell_w, plot.y + plot.height + s->gap * 0.5,
                  0.5, 0, 0, s->dim, SEG_CHART_TEXT_CATEGORY);
    }

  place_text (s, x_title, plot.x + plot.width / 2, area.y + area.height, 0.5, 1, 0, s->fg,
              SEG_CHART_TEXT_AXIS_TITLE);
  place_text (s, y_title, area.x, plot.y + plot.height / 2, 0.5, 0, -G_PI / 2, s->fg,
              SEG_CHART_TEXT_AXIS_TITLE);
}

/* Scenes */

static void
scene_init (Scene               *s,
            SegChart            *chart,
            cairo_t             *cr,
            double               width,
            double               height,
            const SegChartStyle *style)
{
  double shrink;

  memset (s, 0, sizeof *s);
  s->chart = chart;
  s->cr = cr;
  s->width = width;
  s->height = height;

  if (style != NULL)
    s->style = *style;
  else
    seg_chart_style_init (&s->style);
  if (s->style.font_family == NULL)
    s->style.font_family = "Cantarell, Sans";
  if (s->style.font_size <= 0)
    s->style.font_size = 13;
  if (s->style.scale <= 0)
    s->style.scale = 1;

  /* Narrow panels get slightly smaller text, never below 85%, in steps of
   * 2.5%: seven sizes rather than one per width, so that while a window is
   * resized the text cache still has most of the chart's text laid out. */
  shrink = MIN (width / 520, height / 320);
  s->fs = s->style.font_size * round (CLAMP (shrink, 0.85, 1.0) * 40) / 40;

  scene_take_cache (s);
  s->pango = s->cache->pango;

  s->fonts [FONT_BODY] = make_font (&s->style, s->fs, PANGO_WEIGHT_NORMAL);
  s->fonts [FONT_SMALL] = make_font (&s->style, s->fs * 0.88, PANGO_WEIGHT_NORMAL);
  s->fonts [FONT_BOLD] = make_font (&s->style, s->fs, PANGO_WEIGHT_BOLD);
  s->fonts [FONT_SMALL_BOLD] = make_font (&s->style, s->fs * 0.88, PANGO_WEIGHT_BOLD);
  s->fonts [FONT_TITLE] = make_font (&s->style, s->fs * 1.15, PANGO_WEIGHT_BOLD);
  s->fonts [FONT_LARGE] = make_font (&s->style, s->fs * 1.1, PANGO_WEIGHT_NORMAL);

  {
    g_autoptr(PangoLayout) body = make_layout (s, FONT_BODY, "Ag", -1, 1);
    g_autoptr(PangoLayout) small = make_layout (s, FONT_SMALL, "Ag", -1, 1);

    text_size (body, NULL, &s->line_h);
    text_size (small, NULL, &s->small_h);
  }

  s->pad = round (s->fs * 0.8);
  s->gap = s->fs * 0.5;

  if (s->style.dark)
    {
      s->bg = rgba_from_hex (0x242424, 1);
      s->fg = rgba_from_hex (0xffffff, 0.92);
      s->dim = rgba_from_hex (0xffffff, 0.62);
      s->grid = rgba_from_hex (0xffffff, 0.09);
      s->axis = rgba_from_hex (0xffffff, 0.35);
    }
  else
    {
      s->bg = rgba_from_hex (0xffffff, 1);
      s->fg = rgba_from_hex (0x1c1c1c, 1);
      s->dim = rgba_from_hex (0x1c1c1c, 0.66);
      s->grid = rgba_from_hex (0x000000, 0.08);
      s->axis = rgba_from_hex (0x000000, 0.35);
    }

  s->marks = g_array_new (FALSE, TRUE, sizeof (Mark));
  s->texts = g_array_new (FALSE, TRUE, sizeof (SegChartTextBox));
}

static void
scene_clear (Scene *s)
{
  for (guint i = 0; i < N_FONTS; i++)
    g_clear_pointer (&s->fonts [i], pango_font_description_free);
  scene_give_back_cache (s);
  g_clear_pointer (&s->marks, g_array_unref);
  g_clear_pointer (&s->texts, g_array_unref);
}

static void
scene_run (Scene *s)
{
  SegChart *chart = s->chart;

  if (s->width < 1 || s->height < 1)
    return;

  if (s->cr != NULL)
    {
      cairo_save (s->cr);
      cairo_rectangle (s->cr, 0, 0, s->width, s->height);
      cairo_clip (s->cr);
      if (!s->style.transparent)
        {
          set_source (s, s->bg);
          cairo_paint (s->cr);
        }
    }

  layout_header (s);

  if (seg_chart_is_empty (chart))
    {
      draw_empty (s);
    }
  else
    {
      switch (chart->kind)
        {
        case SEG_CHART_BAR_HORIZONTAL:
        case SEG_CHART_BAR_STACKED_HORIZONTAL:
          layout_series_legend (s);
          draw_bars_horizontal (s, chart->kind == SEG_CHART_BAR_STACKED_HORIZONTAL);
          break;
        case SEG_CHART_BAR_VERTICAL:
        case SEG_CHART_BAR_STACKED_VERTICAL:
          layout_series_legend (s);
          draw_bars_vertical (s, chart->kind == SEG_CHART_BAR_STACKED_VERTICAL);
          break;
        case SEG_CHART_DONUT:
          draw_donut (s);
          break;
        case SEG_CHART_LINE:
        case SEG_CHART_AREA:
          layout_series_legend (s);
          draw_lines (s, chart->kind == SEG_CHART_AREA);
          break;
        case SEG_CHART_HEATMAP:
          draw_heatmap (s);
          break;
        case SEG_CHART_RFM_GRID:
          draw_rfm_grid (s);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  if (s->cr != NULL)
    cairo_restore (s->cr);
}

static gboolean
slice_contains (const Mark *mark,
                double      x,
                double      y)
{
  double dx = x - mark->cx, dy = y - mark->cy;
  double r = hypot (dx, dy), a = atan2 (dy, dx);

  if (r < mark->r0 || r > mark->r1 || mark->a1 <= mark->a0)
    return FALSE;

  /* Slices start at −π/2 and run clockwise up to 3π/2. */
  while (a < mark->a0)
    a += 2 * G_PI;
  return a <= mark->a1;
}

/* Public API */

/**
 * seg_chart_style_init:
 *
 * Fills @style with the defaults: light, scale 1, Cantarell 13, Okabe–Ito.
 */
void
seg_chart_style_init (SegChartStyle *style)
{
  g_return_if_fail (style != NULL);

  memset (style, 0, sizeof *style);
  style->dark = FALSE;
  style->transparent = FALSE;
  style->scale = 1;
  style->font_family = "Cantarell, Sans";
  style->font_size = 13;
  style->palette = SEG_CHART_PALETTE_OKABE_ITO;
}

/**
 * seg_chart_palette_get_color:
 * @rgb: (out caller-allocates) (array fixed-size=3): red, green, blue in 0–1
 *
 * The @index-th colour of a palette.  Past the palette's end the colours
 * come round again, lighter each time.
 */
void
seg_chart_palette_get_color (SegChartPalette  palette,
                             gboolean         dark,
                             guint            index,
                             double           rgb[3])
{
  const guint32 *colors;
  guint n, round_;
  double toward = 1.0, t;

  switch (palette)
    {
    case SEG_CHART_PALETTE_TOL_BRIGHT:
      colors = dark ? tol_bright_dark : tol_bright_light;
      n = G_N_ELEMENTS (tol_bright_light);
      break;
    case SEG_CHART_PALETTE_TOL_MUTED:
      colors = dark ? tol_muted_dark : tol_muted_light;
      n = G_N_ELEMENTS (tol_muted_light);
      break;
    case SEG_CHART_PALETTE_OKABE_ITO:
    default:
      colors = dark ? okabe_ito_dark : okabe_ito_light;
      n = G_N_ELEMENTS (okabe_ito_light);
      break;
    }

  rgb_from_hex (colors [index % n], rgb);
  round_ = MIN (index / n, 2);
  t = round_ * 0.35;
  for (guint i = 0; i < 3; i++)
    rgb [i] = rgb [i] + (toward - rgb [i]) * t;
}

/**
 * seg_chart_draw:
 * @cr: where to draw, with (0, 0) at the chart's top left corner
 * @width: the chart's width in user units
 * @height: the chart's height in user units
 * @style: (nullable): how to draw it, or %NULL for seg_chart_style_init()'s
 *
 * Draws @chart, clipped to its rectangle.  An empty chart draws its empty
 * text.  The state of @cr is left as it was.
 */
void
seg_chart_draw (SegChart            *chart,
                cairo_t             *cr,
                double               width,
                double               height,
                const SegChartStyle *style)
{
  Scene s;

  g_return_if_fail (SEG_IS_CHART (chart));
  g_return_if_fail (cr != NULL);

  scene_init (&s, chart, cr, width, height, style);
  scene_run (&s);
  scene_clear (&s);
}

/**
 * seg_chart_hit_test:
 * @x: a point in the chart's user units
 * @y: a point in the chart's user units
 * @hit: (out) (optional): the mark under the point
 *
 * Finds the mark under a point, the way it would be drawn at this size and
 * style: the bar (or its row), the slice, the nearest point of a line or
 * the cell.
 *
 * Returns: %TRUE if there is a mark there
 */
gboolean
seg_chart_hit_test (SegChart            *chart,
                    double               width,
                    double               height,
                    const SegChartStyle *style,
                    double               x,
                    double               y,
                    SegChartHit         *hit)
{
  Scene s;
  const Mark *best = NULL;
  double best_distance = G_MAXDOUBLE;

  g_return_val_if_fail (SEG_IS_CHART (chart), FALSE);

  scene_init (&s, chart, NULL, width, height, style);
  scene_run (&s);

  for (guint i = 0; i < s.marks->len; i++)
    {
      const Mark *mark = &g_array_index (s.marks, Mark, i);
      double distance;

      if (mark->shape == SHAPE_SLICE)
        {
          if (!slice_contains (mark, x, y))
            continue;
          distance = 0;
        }
      else
        {
          if (!rect_contains (&mark->area, x, y))
            continue;
          distance = rect_distance (&mark->bounds, x, y);
        }

      if (distance < best_distance)
        {
          best = mark;
          best_distance = distance;
        }
    }

  if (best != NULL && hit != NULL)
    {
      hit->mark = best->index;
      hit->series = best->series;
      hit->category = best->category;
      hit->row = best->row;
      hit->value = best->value;
    }

  scene_clear (&s);

  return best != NULL;
}

/**
 * seg_chart_get_mark_bounds:
 * @mark: a mark, below seg_chart_get_n_marks()
 * @bounds: (out): the mark's bounding box, for a focus ring
 *
 * Returns: %FALSE when the mark is not drawn at this size
 */
gboolean
seg_chart_get_mark_bounds (SegChart            *chart,
                           double               width,
                           double               height,
                           const SegChartStyle *style,
                           guint                mark,
                           cairo_rectangle_t   *bounds)
{
  Scene s;
  gboolean found = FALSE;

  g_return_val_if_fail (SEG_IS_CHART (chart), FALSE);
  g_return_val_if_fail (bounds != NULL, FALSE);

  scene_init (&s, chart, NULL, width, height, style);
  scene_run (&s);

  for (guint i = 0; i < s.marks->len; i++)
    {
      const Mark *m = &g_array_index (s.marks, Mark, i);

      if (m->index == mark)
        {
          *bounds = m->bounds;
          found = TRUE;
          break;
        }
    }

  scene_clear (&s);

  return found;
}

/**
 * seg_chart_dup_text_boxes:
 *
 * Where every piece of text would be drawn, for tests and debugging.
 *
 * Returns: (transfer full) (element-type SegChartTextBox): the text boxes
 */
GArray *
seg_chart_dup_text_boxes (SegChart            *chart,
                          double               width,
                          double               height,
                          const SegChartStyle *style)
{
  Scene s;
  GArray *texts;

  g_return_val_if_fail (SEG_IS_CHART (chart), NULL);

  scene_init (&s, chart, NULL, width, height, style);
  scene_run (&s);
  texts = g_steal_pointer (&s.texts);
  scene_clear (&s);

  return texts;
}

static gboolean
check_surface (cairo_surface_t  *surface,
               const char       *path,
               GError          **error)
{
  cairo_status_t status = cairo_surface_status (surface);

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  g_set_error (error, SEG_CHART_ERROR, SEG_CHART_ERROR_FAILED,
               /* Translators: the first %s is a file, the second why it failed */
               _("Could not save the chart as “%s”: %s"),
               path, cairo_status_to_string (status));
  return FALSE;
}

static gboolean
write_vector (SegChart            *chart,
              cairo_surface_t     *surface,
              const char          *path,
              double               width,
              double               height,
              const SegChartStyle *style,
              GError             **error)
{
  cairo_t *cr;
  gboolean ok;

  if (!check_surface (surface, path, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }

  cr = cairo_create (surface);
  seg_chart_draw (chart, cr, width, height, style);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  ok = check_surface (surface, path, error);
  cairo_surface_destroy (surface);

  return ok;
}

/**
 * seg_chart_write_png:
 * @width: in user units; the image is @width × style's scale pixels wide
 *
 * Returns: %TRUE if @path was written
 */
gboolean
seg_chart_write_png (SegChart            *chart,
                     const char          *path,
                     double               width,
                     double               height,
                     const SegChartStyle *style,
                     GError             **error)
{
  SegChartStyle defaults;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double scale;

  g_return_val_if_fail (SEG_IS_CHART (chart), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);

  if (style == NULL)
    {
      seg_chart_style_init (&defaults);
      style = &defaults;
    }
  scale = style->scale > 0 ? style->scale : 1;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                        (int) ceil (width * scale),
                                        (int) ceil (height * scale));
  if (!check_surface (surface, path, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }

  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  seg_chart_draw (chart, cr, width, height, style);
  cairo_destroy (cr);

  status = cairo_surface_write_to_png (surface, path);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SEG_CHART_ERROR, SEG_CHART_ERROR_FAILED,
                   _("Could not save the chart as “%s”: %s"),
                   path, cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}

/**
 * seg_chart_write_svg:
 *
 * Returns: %TRUE if @path was written
 */
gboolean
seg_chart_write_svg (SegChart            *chart,
                     const char          *path,
                     double               width,
                     double               height,
                     const SegChartStyle *style,
                     GError             **error)
{
  g_return_val_if_fail (SEG_IS_CHART (chart), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);

  return write_vector (chart, cairo_svg_surface_create (path, width, height),
                       path, width, height, style, error);
}

/**
 * seg_chart_write_pdf:
 * @width: in points (1/72 inch)
 *
 * Returns: %TRUE if @path was written
 */
gboolean
seg_chart_write_pdf (SegChart            *chart,
                     const char          *path,
                     double               width,
                     double               height,
                     const SegChartStyle *style,
                     GError             **error)
{
  cairo_surface_t *surface;

  g_return_val_if_fail (SEG_IS_CHART (chart), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);

  surface = cairo_pdf_surface_create (path, width, height);
  if (cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS && chart->title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, chart->title);

  return write_vector (chart, surface, path, width, height, style, error);
}

/**
 * seg_chart_write_file:
 *
 * Writes a PNG, SVG or PDF file, chosen by the end of @path.
 *
 * Returns: %TRUE if @path was written
 */
gboolean
seg_chart_write_file (SegChart            *chart,
                      const char          *path,
                      double               width,
                      double               height,
                      const SegChartStyle *style,
                      GError             **error)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (SEG_IS_CHART (chart), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".png"))
    return seg_chart_write_png (chart, path, width, height, style, error);
  if (g_str_has_suffix (lower, ".svg"))
    return seg_chart_write_svg (chart, path, width, height, style, error);
  if (g_str_has_suffix (lower, ".pdf"))
    return seg_chart_write_pdf (chart, path, width, height, style, error);

  g_set_error (error, SEG_CHART_ERROR, SEG_CHART_ERROR_UNSUPPORTED_FORMAT,
               _("Charts can be saved as PNG, SVG or PDF files; “%s” is none of these"),
               path);
  return FALSE;
}
