/* seg-chart.c — a chart as a plain data model
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seg-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "seg-chart-private.h"
#include "seg-day.h"

G_DEFINE_ENUM_TYPE (SegChartKind, seg_chart_kind,
  G_DEFINE_ENUM_VALUE (SEG_CHART_BAR_HORIZONTAL, "bar-horizontal"),
  G_DEFINE_ENUM_VALUE (SEG_CHART_BAR_VERTICAL, "bar-vertical"),
  G_DEFINE_ENUM_VALUE (SEG_CHART_BAR_STACKED_HORIZONTAL, "bar-stacked-horizontal"),
  G_DEFINE_ENUM_VALUE (SEG_CHART_BAR_STACKED_VERTICAL, "bar-stacked-vertical"),
  G_DEFINE_ENUM_VALUE (SEG_CHART_DONUT, "donut"),
  G_DEFINE_ENUM_VALUE (SEG_CHART_LINE, "line"),
  G_DEFINE_ENUM_VALUE (SEG_CHART_AREA, "area"),
  G_DEFINE_ENUM_VALUE (SEG_CHART_HEATMAP, "heatmap"),
  G_DEFINE_ENUM_VALUE (SEG_CHART_RFM_GRID, "rfm-grid"))

G_DEFINE_ENUM_TYPE (SegChartFormat, seg_chart_format,
  G_DEFINE_ENUM_VALUE (SEG_CHART_FORMAT_COUNT, "count"),
  G_DEFINE_ENUM_VALUE (SEG_CHART_FORMAT_MONEY, "money"),
  G_DEFINE_ENUM_VALUE (SEG_CHART_FORMAT_PERCENT, "percent"),
  G_DEFINE_ENUM_VALUE (SEG_CHART_FORMAT_DECIMAL, "decimal"))

G_DEFINE_FINAL_TYPE (SegChart, seg_chart, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_VALUE_FORMAT,
  PROP_CURRENCY,
  PROP_EMPTY_TEXT,
  PROP_SHOW_SHARE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

typedef struct
{
  const char *code;
  const char *symbol;
  gboolean    before;
  int         decimals;
} Currency;

/* Symbols a store owner recognises at a glance; any other code is written
 * after the amount ("1,234 XYZ"), which is never wrong. */
static const Currency currencies[] = {
  { "USD", "$", TRUE, 2 },
  { "CAD", "CA$", TRUE, 2 },
  { "AUD", "A$", TRUE, 2 },
  { "NZD", "NZ$", TRUE, 2 },
  { "MXN", "MX$", TRUE, 2 },
  { "HKD", "HK$", TRUE, 2 },
  { "SGD", "S$", TRUE, 2 },
  { "BRL", "R$", TRUE, 2 },
  { "GBP", "£", TRUE, 2 },
  { "JPY", "¥", TRUE, 0 },
  { "CNY", "CN¥", TRUE, 2 },
  { "INR", "₹", TRUE, 2 },
  { "KRW", "₩", TRUE, 0 },
  { "ILS", "₪", TRUE, 2 },
  { "ZAR", "R", TRUE, 2 },
  { "CHF", "CHF\u00a0", TRUE, 2 },
  { "EUR", "€", FALSE, 2 },
  { "SEK", "kr", FALSE, 2 },
  { "NOK", "kr", FALSE, 2 },
  { "DKK", "kr.", FALSE, 2 },
  { "ISK", "kr", FALSE, 0 },
  { "PLN", "zł", FALSE, 2 },
  { "CZK", "Kč", FALSE, 2 },
  { "HUF", "Ft", FALSE, 0 },
  { "RON", "lei", FALSE, 2 },
  { "TRY", "₺", TRUE, 2 },
};

/* g_set_str () is GLib 2.76. */
static gboolean
set_str (char       **str_pointer,
         const char  *new_str)
{
  if (g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;

  g_free (*str_pointer);
  *str_pointer = g_strdup (new_str);

  return TRUE;
}

static void
emit_changed (SegChart *self)
{
  self->serial++;
  g_signal_emit (self, signals [CHANGED], 0);
}

static void
series_free (gpointer data)
{
  SegChartSeries *series = data;

  g_free (series->name);
  g_array_unref (series->values);
  g_free (series);
}

static void
clear_matrix (SegChart *self)
{
  if (self->cell_labels != NULL)
    {
      for (guint i = 0; i < self->n_rows * self->n_columns; i++)
        g_free (self->cell_labels [i]);
    }
  g_clear_pointer (&self->cell_labels, g_free);
  g_clear_pointer (&self->matrix, g_free);
  self->n_rows = 0;
  self->n_columns = 0;
}

static void
fill_labels (GPtrArray          *array,
             const char * const *labels)
{
  g_ptr_array_set_size (array, 0);
  for (guint i = 0; labels != NULL && labels [i] != NULL; i++)
    g_ptr_array_add (array, g_strdup (labels [i]));
}

static const Currency *
find_currency (const char *code)
{
  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (currencies); i++)
    {
      if (g_ascii_strcasecmp (code, currencies [i].code) == 0)
        return &currencies [i];
    }

  return NULL;
}

static int
decimals_for_step (double step)
{
  if (step <= 0 || step >= 1 || !isfinite (step))
    return 0;

  return CLAMP ((int) ceil (-log10 (step) - 1e-9), 0, 6);
}

static char *
add_currency (SegChart   *self,
              const char *number)
{
  const Currency *currency = find_currency (self->currency);

  if (currency == NULL)
    {
      if (self->currency == NULL || self->currency [0] == '\0')
        return g_strdup (number);
      return g_strdup_printf ("%s\u00a0%s", number, self->currency);
    }

  /* A minus sign goes before the symbol: −$12, not $−12. */
  if (currency->before)
    {
      if (g_str_has_prefix (number, "−"))
        return g_strdup_printf ("−%s%s", currency->symbol, number + strlen ("−"));
      return g_strdup_printf ("%s%s", currency->symbol, number);
    }

  return g_strdup_printf ("%s\u00a0%s", number, currency->symbol);
}

static char *
format_value_full (SegChart *self,
                   double    value,
                   gboolean  precise)
{
  const Currency *currency;
  g_autofree char *number = NULL;
  double rounded;
  int decimals;

  if (isnan (value))
    return g_strdup (_("no value"));

  switch (self->format)
    {
    case SEG_CHART_FORMAT_MONEY:
      currency = find_currency (self->currency);
      decimals = currency ? currency->decimals : 2;
      rounded = round (value);
      /* Cents only when they say something: $45.30 but $12,340. */
      if (fabs (value - rounded) < 0.005 || (!precise && fabs (value) >= 100))
        decimals = 0;
      number = seg_chart_format_number (value, decimals);
      return add_currency (self, number);

    case SEG_CHART_FORMAT_PERCENT:
      return seg_chart_format_share (value);

    case SEG_CHART_FORMAT_DECIMAL:
      return seg_chart_format_number (value, fabs (value) >= 1000 ? 0 : 2);

    case SEG_CHART_FORMAT_COUNT:
    default:
      rounded = round (value);
      return seg_chart_format_number (value, fabs (value - rounded) < 0.05 ? 0 : 1);
    }
}

static gboolean
chart_has_categories (SegChart *self)
{
  switch (self->kind)
    {
    case SEG_CHART_HEATMAP:
    case SEG_CHART_RFM_GRID:
      return FALSE;
    default:
      return TRUE;
    }
}

static const char *
chart_title (SegChart *self)
{
  if (self->title != NULL && self->title [0] != '\0')
    return self->title;
  return _("Chart");
}

static const char *
category_name (SegChart *self,
               guint     category)
{
  if (self->days != NULL && category < self->days->len)
    return NULL;
  if (category < self->categories->len)
    return g_ptr_array_index (self->categories, category);
  return "";
}

static char *
dup_category_name (SegChart *self,
                   guint     category)
{
  const char *name = category_name (self, category);

  if (name == NULL)
    return seg_chart_format_day (g_array_index (self->days, gint32, category));
  return g_strdup (name);
}

static const char *
row_label (SegChart *self,
           guint     row)
{
  if (row < self->row_labels->len)
    return g_ptr_array_index (self->row_labels, row);
  return "";
}

static const char *
column_label (SegChart *self,
              guint     column)
{
  if (column < self->column_labels->len)
    return g_ptr_array_index (self->column_labels, column);
  return "";
}

static void
seg_chart_finalize (GObject *object)
{
  SegChart *self = (SegChart *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->empty_text, g_free);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->category_colors, g_array_unref);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_clear_pointer (&self->days, g_array_unref);
  g_clear_pointer (&self->row_labels, g_ptr_array_unref);
  g_clear_pointer (&self->column_labels, g_ptr_array_unref);
  clear_matrix (self);
  if (self->render_cache != NULL)
    self->render_cache_free (g_steal_pointer (&self->render_cache));
  g_mutex_clear (&self->render_lock);

  G_OBJECT_CLASS (seg_chart_parent_class)->finalize (object);
}

static void
seg_chart_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SegChart *self = SEG_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    case PROP_VALUE_FORMAT:
      g_value_set_enum (value, self->format);
      break;
    case PROP_CURRENCY:
      g_value_set_string (value, self->currency);
      break;
    case PROP_EMPTY_TEXT:
      g_value_set_string (value, seg_chart_get_empty_text (self));
      break;
    case PROP_SHOW_SHARE:
      g_value_set_boolean (value, self->show_share);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_chart_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SegChart *self = SEG_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      seg_chart_set_kind (self, g_value_get_enum (value));
      break;
    case PROP_TITLE:
      seg_chart_set_title (self, g_value_get_string (value));
      break;
    case PROP_SUBTITLE:
      seg_chart_set_subtitle (self, g_value_get_string (value));
      break;
    case PROP_VALUE_FORMAT:
      seg_chart_set_value_format (self, g_value_get_enum (value));
      break;
    case PROP_CURRENCY:
      seg_chart_set_currency (self, g_value_get_string (value));
      break;
    case PROP_EMPTY_TEXT:
      seg_chart_set_empty_text (self, g_value_get_string (value));
      break;
    case PROP_SHOW_SHARE:
      seg_chart_set_show_share (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_chart_class_init (SegChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = seg_chart_finalize;
  object_class->get_property = seg_chart_get_property;
  object_class->set_property = seg_chart_set_property;

  properties [PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       SEG_TYPE_CHART_KIND, SEG_CHART_BAR_HORIZONTAL,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));
  properties [PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));
  properties [PROP_VALUE_FORMAT] =
    g_param_spec_enum ("value-format", NULL, NULL,
                       SEG_TYPE_CHART_FORMAT, SEG_CHART_FORMAT_COUNT,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));
  properties [PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));
  properties [PROP_EMPTY_TEXT] =
    g_param_spec_string ("empty-text", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));
  properties [PROP_SHOW_SHARE] =
    g_param_spec_boolean ("show-share", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SegChart::changed:
   *
   * Emitted whenever anything drawn or described changes: data, titles,
   * format or whether shares are written.
   */
  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
seg_chart_init (SegChart *self)
{
  self->categories = g_ptr_array_new_with_free_func (g_free);
  self->category_colors = g_array_new (FALSE, TRUE, sizeof (SegChartColor));
  self->series = g_ptr_array_new_with_free_func (series_free);
  self->row_labels = g_ptr_array_new_with_free_func (g_free);
  self->column_labels = g_ptr_array_new_with_free_func (g_free);
  self->show_share = TRUE;
  g_mutex_init (&self->render_lock);
}

const char *
seg_chart_kind_to_string (SegChartKind kind)
{
  GEnumClass *klass = g_type_class_ref (SEG_TYPE_CHART_KIND);
  GEnumValue *value = g_enum_get_value (klass, kind);

  g_type_class_unref (klass);

  return value ? value->value_nick : NULL;
}

gboolean
seg_chart_kind_from_string (const char   *text,
                            SegChartKind *kind)
{
  GEnumClass *klass;
  GEnumValue *value;

  g_return_val_if_fail (text != NULL, FALSE);

  klass = g_type_class_ref (SEG_TYPE_CHART_KIND);
  value = g_enum_get_value_by_nick (klass, text);
  g_type_class_unref (klass);

  if (value == NULL)
    return FALSE;
  if (kind != NULL)
    *kind = value->value;
  return TRUE;
}

/**
 * seg_chart_new:
 * @kind: what the chart looks like
 *
 * Returns: (transfer full): a new, empty chart
 */
SegChart *
seg_chart_new (SegChartKind kind)
{
  return g_object_new (SEG_TYPE_CHART, "kind", kind, NULL);
}

SegChartKind
seg_chart_get_kind (SegChart *self)
{
  g_return_val_if_fail (SEG_IS_CHART (self), 0);

  return self->kind;
}

void
seg_chart_set_kind (SegChart     *self,
                    SegChartKind  kind)
{
  g_return_if_fail (SEG_IS_CHART (self));
  g_return_if_fail (kind < SEG_CHART_N_KINDS);

  if (self->kind == kind)
    return;

  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_KIND]);
  emit_changed (self);
}

const char *
seg_chart_get_title (SegChart *self)
{
  g_return_val_if_fail (SEG_IS_CHART (self), NULL);

  return self->title;
}

void
seg_chart_set_title (SegChart   *self,
                     const char *title)
{
  g_return_if_fail (SEG_IS_CHART (self));

  if (set_str (&self->title, title))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TITLE]);
      emit_changed (self);
    }
}

const char *
seg_chart_get_subtitle (SegChart *self)
{
  g_return_val_if_fail (SEG_IS_CHART (self), NULL);

  return self->subtitle;
}

void
seg_chart_set_subtitle (SegChart   *self,
                        const char *subtitle)
{
  g_return_if_fail (SEG_IS_CHART (self));

  if (set_str (&self->subtitle, subtitle))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SUBTITLE]);
      emit_changed (self);
    }
}

SegChartFormat
seg_chart_get_value_format (SegChart *self)
{
  g_return_val_if_fail (SEG_IS_CHART (self), 0);

  return self->format;
}

void
seg_chart_set_value_format (SegChart       *self,
                            SegChartFormat  format)
{
  g_return_if_fail (SEG_IS_CHART (self));
  g_return_if_fail (format <= SEG_CHART_FORMAT_DECIMAL);

  if (self->format == format)
    return;

  self->format = format;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_VALUE_FORMAT]);
  emit_changed (self);
}

const char *
seg_chart_get_currency (SegChart *self)
{
  g_return_val_if_fail (SEG_IS_CHART (self), NULL);

  return self->currency;
}

/**
 * seg_chart_set_currency:
 * @currency: (nullable): an ISO 4217 code such as "USD" or "EUR"
 *
 * The currency of %SEG_CHART_FORMAT_MONEY values.
 */
void
seg_chart_set_currency (SegChart   *self,
                        const char *currency)
{
  g_return_if_fail (SEG_IS_CHART (self));

  if (set_str (&self->currency, currency))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CURRENCY]);
      emit_changed (self);
    }
}

const char *
seg_chart_get_empty_text (SegChart *self)
{
  g_return_val_if_fail (SEG_IS_CHART (self), NULL);

  if (self->empty_text != NULL)
    return self->empty_text;
  return _("No data yet");
}

/**
 * seg_chart_set_empty_text:
 * @empty_text: (nullable): what to show when there is nothing to draw,
 *   or %NULL for "No data yet"
 */
void
seg_chart_set_empty_text (SegChart   *self,
                          const char *empty_text)
{
  g_return_if_fail (SEG_IS_CHART (self));

  if (set_str (&self->empty_text, empty_text))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_EMPTY_TEXT]);
      emit_changed (self);
    }
}

gboolean
seg_chart_get_show_share (SegChart *self)
{
  g_return_val_if_fail (SEG_IS_CHART (self), FALSE);

  return self->show_share;
}

/**
 * seg_chart_set_show_share:
 * @show_share: whether each value's share of the total means something
 *
 * Descriptions and the summary write a value's share of its series' total,
 * "$12,340 (31%)", when the values add up to something: customers, revenue.
 * Averages and rates do not ("AOV $137 (20.1%)" says nothing), so charts of
 * them turn this off.  Shares are never written for percentages, decimals,
 * negative values or lines over time, whatever this says.  The default is
 * %TRUE.
 */
void
seg_chart_set_show_share (SegChart *self,
                          gboolean  show_share)
{
  g_return_if_fail (SEG_IS_CHART (self));

  show_share = !!show_share;
  if (self->show_share == show_share)
    return;

  self->show_share = show_share;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SHOW_SHARE]);
  emit_changed (self);
}

/**
 * seg_chart_clear:
 *
 * Removes every category, series, day and cell; keeps titles and format.
 */
void
seg_chart_clear (SegChart *self)
{
  g_return_if_fail (SEG_IS_CHART (self));

  g_ptr_array_set_size (self->categories, 0);
  g_array_set_size (self->category_colors, 0);
  g_ptr_array_set_size (self->series, 0);
  g_clear_pointer (&self->days, g_array_unref);
  g_ptr_array_set_size (self->row_labels, 0);
  g_ptr_array_set_size (self->column_labels, 0);
  clear_matrix (self);
  emit_changed (self);
}

/**
 * seg_chart_is_empty:
 *
 * Returns: %TRUE when there is nothing to draw, and the chart shows its
 *   empty text instead
 */
gboolean
seg_chart_is_empty (SegChart *self)
{
  g_return_val_if_fail (SEG_IS_CHART (self), TRUE);

  if (!chart_has_categories (self))
    {
      if (self->matrix == NULL)
        return TRUE;
      /* An RFM grid of zeros is a store with no buyers yet. */
      if (self->kind == SEG_CHART_RFM_GRID)
        {
          for (guint i = 0; i < self->n_rows * self->n_columns; i++)
            if (self->matrix [i] != 0 && !isnan (self->matrix [i]))
              return FALSE;
          return TRUE;
        }
      return FALSE;
    }

  if (seg_chart_get_n_categories (self) == 0 || self->series->len == 0)
    return TRUE;

  for (guint s = 0; s < self->series->len; s++)
    {
      if (self->kind == SEG_CHART_DONUT && s > 0)
        break;

      for (guint c = 0; c < seg_chart_get_n_categories (self); c++)
        {
          double value = seg_chart_series_value (self, s, c);

          /* A donut of zeros has no slices to draw. */
          if (!isnan (value) && (self->kind != SEG_CHART_DONUT || value > 0))
            return FALSE;
        }
    }

  return TRUE;
}

/**
 * seg_chart_set_categories:
 * @labels: (array length=n_labels): the category labels
 * @n_labels: the number of labels, or -1 when @labels ends with %NULL
 */
void
seg_chart_set_categories (SegChart           *self,
                          const char * const *labels,
                          int                 n_labels)
{
  g_return_if_fail (SEG_IS_CHART (self));

  if (n_labels < 0)
    n_labels = labels ? g_strv_length ((char **) labels) : 0;

  g_ptr_array_set_size (self->categories, 0);
  for (int i = 0; i < n_labels; i++)
    g_ptr_array_add (self->categories, g_strdup (labels [i] ? labels [i] : ""));
  g_array_set_size (self->category_colors, n_labels);
  emit_changed (self);
}

guint
seg_chart_add_category (SegChart   *self,
                        const char *label)
{
  g_return_val_if_fail (SEG_IS_CHART (self), 0);

  g_ptr_array_add (self->categories, g_strdup (label ? label : ""));
  g_array_set_size (self->category_colors, self->categories->len);
  emit_changed (self);

  return self->categories->len - 1;
}

/**
 * seg_chart_get_n_categories:
 *
 * Returns: the number of categories, or of days on a time chart
 */
guint
seg_chart_get_n_categories (SegChart *self)
{
  g_return_val_if_fail (SEG_IS_CHART (self), 0);

  if (self->days != NULL && (self->kind == SEG_CHART_LINE || self->kind == SEG_CHART_AREA))
    return self->days->len;
  return self->categories->len;
}

const char *
seg_chart_get_category (SegChart *self,
                        guint     category)
{
  g_return_val_if_fail (SEG_IS_CHART (self), NULL);

  if (category < self->categories->len)
    return g_ptr_array_index (self->categories, category);
  return NULL;
}

/**
 * seg_chart_set_category_color:
 * @color: (nullable): "#rrggbb", or %NULL for the palette's colour
 *
 * Colours a category, as a segment's own colour on a donut or single
 * series bar chart.
 *
 * Returns: %FALSE if @color is not a colour
 */
gboolean
seg_chart_set_category_color (SegChart   *self,
                              guint       category,
                              const char *color)
{
  SegChartColor parsed = { 0 };

  g_return_val_if_fail (SEG_IS_CHART (self), FALSE);
  g_return_val_if_fail (category < self->categories->len, FALSE);

  if (color != NULL && !seg_chart_parse_color (color, parsed.rgb))
    return FALSE;

  parsed.set = color != NULL;
  g_array_index (self->category_colors, SegChartColor, category) = parsed;
  emit_changed (self);

  return TRUE;
}

/**
 * seg_chart_add_series:
 * @name: what the values are, as "Revenue"
 * @values: (array length=n_values): one value per category; NAN for none
 *
 * Returns: the index of the new series
 */
guint
seg_chart_add_series (SegChart     *self,
                      const char   *name,
                      const double *values,
                      guint         n_values)
{
  SegChartSeries *series;

  g_return_val_if_fail (SEG_IS_CHART (self), 0);
  g_return_val_if_fail (values != NULL || n_values == 0, 0);

  series = g_new0 (SegChartSeries, 1);
  series->name = g_strdup (name ? name : "");
  series->values = g_array_sized_new (FALSE, FALSE, sizeof (double), n_values);
  g_array_append_vals (series->values, values, n_values);
  g_ptr_array_add (self->series, series);
  emit_changed (self);

  return self->series->len - 1;
}

guint
seg_chart_get_n_series (SegChart *self)
{
  g_return_val_if_fail (SEG_IS_CHART (self), 0);

  return self->series->len;
}

const char *
seg_chart_get_series_name (SegChart *self,
                           guint     series)
{
  g_return_val_if_fail (SEG_IS_CHART (self), NULL);
  g_return_val_if_fail (series < self->series->len, NULL);

  return ((SegChartSeries *) g_ptr_array_index (self->series, series))->name;
}

/**
 * seg_chart_set_series_color:
 * @color: (nullable): "#rrggbb", or %NULL for the palette's colour
 *
 * Returns: %FALSE if @color is not a colour
 */
gboolean
seg_chart_set_series_color (SegChart   *self,
                            guint       series,
                            const char *color)
{
  SegChartSeries *s;
  double rgb[3];

  g_return_val_if_fail (SEG_IS_CHART (self), FALSE);
  g_return_val_if_fail (series < self->series->len, FALSE);

  s = g_ptr_array_index (self->series, series);
  if (color == NULL)
    {
      s->has_color = FALSE;
    }
  else
    {
      if (!seg_chart_parse_color (color, rgb))
        return FALSE;
      s->has_color = TRUE;
      memcpy (s->rgb, rgb, sizeof rgb);
    }
  emit_changed (self);

  return TRUE;
}

/**
 * seg_chart_get_value:
 *
 * Returns: the value, or NAN when there is none
 */
double
seg_chart_get_value (SegChart *self,
                     guint     series,
                     guint     category)
{
  g_return_val_if_fail (SEG_IS_CHART (self), NAN);

  return seg_chart_series_value (self, series, category);
}

/**
 * seg_chart_set_days:
 * @days: (array length=n_days): days since 1970-01-01 (seg-day.h), ascending
 *
 * Puts a line or area chart on a time axis: value i of each series belongs
 * to day i.
 */
void
seg_chart_set_days (SegChart     *self,
                    const gint32 *days,
                    guint         n_days)
{
  g_return_if_fail (SEG_IS_CHART (self));
  g_return_if_fail (days != NULL || n_days == 0);

  g_clear_pointer (&self->days, g_array_unref);
  self->days = g_array_sized_new (FALSE, FALSE, sizeof (gint32), n_days);
  g_array_append_vals (self->days, days, n_days);
  emit_changed (self);
}

gint32
seg_chart_get_day (SegChart *self,
                   guint     category)
{
  g_return_val_if_fail (SEG_IS_CHART (self), SEG_DAY_INVALID);

  if (self->days == NULL || category >= self->days->len)
    return SEG_DAY_INVALID;
  return g_array_index (self->days, gint32, category);
}

/**
 * seg_chart_set_matrix:
 * @values: (array): @n_rows × @n_columns values, row by row
 *
 * The cells of a heat map.  Cell labels are cleared.
 */
void
seg_chart_set_matrix (SegChart     *self,
                      guint         n_rows,
                      guint         n_columns,
                      const double *values)
{
  g_return_if_fail (SEG_IS_CHART (self));
  g_return_if_fail (values != NULL || n_rows * n_columns == 0);

  clear_matrix (self);
  if (n_rows > 0 && n_columns > 0)
    {
      self->n_rows = n_rows;
      self->n_columns = n_columns;
      self->matrix = g_memdup2 (values, sizeof (double) * n_rows * n_columns);
      self->cell_labels = g_new0 (char *, n_rows * n_columns);
    }
  emit_changed (self);
}

void
seg_chart_set_row_labels (SegChart           *self,
                          const char * const *labels)
{
  g_return_if_fail (SEG_IS_CHART (self));

  fill_labels (self->row_labels, labels);
  emit_changed (self);
}

void
seg_chart_set_column_labels (SegChart           *self,
                             const char * const *labels)
{
  g_return_if_fail (SEG_IS_CHART (self));

  fill_labels (self->column_labels, labels);
  emit_changed (self);
}

void
seg_chart_set_cell_label (SegChart   *self,
                          guint       row,
                          guint       column,
                          const char *label)
{
  g_return_if_fail (SEG_IS_CHART (self));
  g_return_if_fail (row < self->n_rows && column < self->n_columns);

  set_str (&self->cell_labels [row * self->n_columns + column], label);
  emit_changed (self);
}

guint
seg_chart_get_n_rows (SegChart *self)
{
  g_return_val_if_fail (SEG_IS_CHART (self), 0);

  return self->n_rows;
}

guint
seg_chart_get_n_columns (SegChart *self)
{
  g_return_val_if_fail (SEG_IS_CHART (self), 0);

  return self->n_columns;
}

double
seg_chart_get_cell_value (SegChart *self,
                          guint     row,
                          guint     column)
{
  g_return_val_if_fail (SEG_IS_CHART (self), NAN);

  if (row >= self->n_rows || column >= self->n_columns)
    return NAN;
  return self->matrix [row * self->n_columns + column];
}

const char *
seg_chart_get_cell_label (SegChart *self,
                          guint     row,
                          guint     column)
{
  g_return_val_if_fail (SEG_IS_CHART (self), NULL);

  if (row >= self->n_rows || column >= self->n_columns)
    return NULL;
  return self->cell_labels [row * self->n_columns + column];
}

/**
 * seg_chart_set_rfm_cell:
 * @recency: the recency score, 1–5 (5 = bought most recently)
 * @frequency: the frequency score, 1–5
 * @value: customers or revenue in that cell
 * @label: (nullable): a label for the cell, as its RFM group
 *
 * Fills one cell of the 5 × 5 RFM grid; row = frequency − 1,
 * column = recency − 1.
 */
void
seg_chart_set_rfm_cell (SegChart   *self,
                        guint       recency,
                        guint       frequency,
                        double      value,
                        const char *label)
{
  guint i;

  g_return_if_fail (SEG_IS_CHART (self));
  g_return_if_fail (recency >= 1 && recency <= 5);
  g_return_if_fail (frequency >= 1 && frequency <= 5);

  if (self->n_rows != 5 || self->n_columns != 5)
    {
      double zeros[25] = { 0 };

      seg_chart_set_matrix (self, 5, 5, zeros);
    }

  i = (frequency - 1) * 5 + (recency - 1);
  self->matrix [i] = value;
  set_str (&self->cell_labels [i], label);
  emit_changed (self);
}

/**
 * seg_chart_format_value:
 *
 * Writes @value the way the chart does, exactly: "$1,234.50", "31.4%".
 *
 * Returns: (transfer full): the text
 */
char *
seg_chart_format_value (SegChart *self,
                        double    value)
{
  g_return_val_if_fail (SEG_IS_CHART (self), NULL);

  return format_value_full (self, value, TRUE);
}

/**
 * seg_chart_format_day:
 *
 * Returns: (transfer full): the day written for people, "Mar 4, 2026"
 */
char *
seg_chart_format_day (gint32 day)
{
  g_autoptr(GDateTime) date_time = NULL;
  int y, m, d;

  seg_day_to_ymd (day, &y, &m, &d);
  date_time = g_date_time_new_utc (y, m, d, 0, 0, 0);
  if (date_time == NULL)
    return g_strdup ("");
  /* Translators: a full date on a chart, see g_date_time_format() */
  return g_date_time_format (date_time, _("%b %-d, %Y"));
}

/**
 * seg_chart_get_n_marks:
 *
 * Marks are what keyboard focus moves between: bars, points, slices and
 * cells.  Bars, lines and areas number them category by category
 * (category × series count + series); donuts by category; heat maps and
 * the RFM grid row by row (row × columns + column).
 *
 * Returns: the number of marks; 0 when the chart is empty
 */
guint
seg_chart_get_n_marks (SegChart *self)
{
  g_return_val_if_fail (SEG_IS_CHART (self), 0);

  if (seg_chart_is_empty (self))
    return 0;

  switch (self->kind)
    {
    case SEG_CHART_DONUT:
      return seg_chart_get_n_categories (self);
    case SEG_CHART_HEATMAP:
    case SEG_CHART_RFM_GRID:
      return self->n_rows * self->n_columns;
    default:
      return seg_chart_get_n_categories (self) * self->series->len;
    }
}

/**
 * seg_chart_describe_mark:
 *
 * Returns: (transfer full): the mark in words, for screen readers and
 *   tooltips: "Champions, Revenue: $12,340 (31%)"
 */
char *
seg_chart_describe_mark (SegChart *self,
                         guint     mark)
{
  g_autofree char *value_text = NULL;
  g_autofree char *name = NULL;
  guint n_series;

  g_return_val_if_fail (SEG_IS_CHART (self), NULL);
  g_return_val_if_fail (mark < seg_chart_get_n_marks (self), NULL);

  if (self->kind == SEG_CHART_HEATMAP || self->kind == SEG_CHART_RFM_GRID)
    {
      guint row = mark / self->n_columns;
      guint column = mark % self->n_columns;
      const char *label = self->cell_labels [mark];

      value_text = format_value_full (self, self->matrix [mark], TRUE);
      if (self->kind == SEG_CHART_RFM_GRID)
        {
          if (label != NULL && label [0] != '\0')
            /* Translators: an RFM grid cell: scores, group, value */
            return g_strdup_printf (_("Recency %u, frequency %u (%s): %s"),
                                    column + 1, row + 1, label, value_text);
          return g_strdup_printf (_("Recency %u, frequency %u: %s"),
                                  column + 1, row + 1, value_text);
        }
      /* Translators: a heat map cell: row, column, value */
      return g_strdup_printf (_("%s, %s: %s"),
                              row_label (self, row), column_label (self, column),
                              value_text);
    }

  n_series = self->kind == SEG_CHART_DONUT ? 1 : self->series->len;
  {
    guint category = mark / n_series;
    guint series = mark % n_series;
    double value = seg_chart_series_value (self, series, category);
    const char *series_name = seg_chart_get_series_name (self, series);

    name = dup_category_name (self, category);
    value_text = format_value_full (self, value, TRUE);

    if (self->show_share && seg_chart_shares_make_sense (self) && !isnan (value) &&
        self->kind != SEG_CHART_LINE && self->kind != SEG_CHART_AREA)
      {
        double total = seg_chart_series_total (self, series);
        g_autofree char *share = seg_chart_format_share (total > 0 ? value / total : 0);
        g_autofree char *with_share = NULL;

        /* Translators: a value and its share of the total, "$1,234 (31%)" */
        with_share = g_strdup_printf (_("%s (%s)"), value_text, share);
        g_free (value_text);
        value_text = g_steal_pointer (&with_share);
      }

    if (n_series > 1 || (series_name [0] != '\0' && self->kind != SEG_CHART_DONUT))
      /* Translators: category, series: value, as "Champions, Revenue: $1,234" */
      return g_strdup_printf (_("%s, %s: %s"), name, series_name, value_text);
    /* Translators: category: value, as "Champions: $1,234" */
    return g_strdup_printf (_("%s: %s"), name, value_text);
  }
}

static void
append_separator (GString    *string,
                  const char *separator,
                  gboolean    first)
{
  if (!first)
    g_string_append (string, separator);
}

/**
 * seg_chart_dup_summary:
 *
 * Returns: (transfer full): the whole chart in one paragraph, for the
 *   accessible description: "Revenue by segment: Champions $12,340 (31%), …"
 */
char *
seg_chart_dup_summary (SegChart *self)
{
  g_autoptr(GString) summary = NULL;
  guint n_categories;

  g_return_val_if_fail (SEG_IS_CHART (self), NULL);

  summary = g_string_new (NULL);
  /* Translators: a chart's title followed by its contents */
  g_string_append_printf (summary, _("%s: "), chart_title (self));

  if (seg_chart_is_empty (self))
    {
      g_string_append (summary, seg_chart_get_empty_text (self));
      return g_string_free (g_steal_pointer (&summary), FALSE);
    }

  n_categories = seg_chart_get_n_categories (self);

  switch (self->kind)
    {
    case SEG_CHART_HEATMAP:
    case SEG_CHART_RFM_GRID:
      {
        guint n = self->n_rows * self->n_columns;
        guint hi = 0, lo = 0;
        g_autofree char *hi_text = NULL;
        g_autofree char *lo_text = NULL;

        for (guint i = 1; i < n; i++)
          {
            if (self->matrix [i] > self->matrix [hi])
              hi = i;
            if (self->matrix [i] < self->matrix [lo])
              lo = i;
          }
        hi_text = seg_chart_describe_mark (self, hi);
        lo_text = seg_chart_describe_mark (self, lo);
        /* Translators: the size of a grid, then its highest and lowest cells */
        g_string_append_printf (summary, _("%u by %u grid. Highest: %s. Lowest: %s."),
                                self->n_rows, self->n_columns, hi_text, lo_text);
      }
      break;

    case SEG_CHART_LINE:
    case SEG_CHART_AREA:
      {
        g_autofree char *first = dup_category_name (self, 0);
        g_autofree char *last = dup_category_name (self, n_categories - 1);

        /* Translators: the time span of a chart, "Jan 1, 2026 to Mar 1, 2026" */
        g_string_append_printf (summary, _("%s to %s. "), first, last);
        for (guint s = 0; s < self->series->len; s++)
          {
            double v0 = seg_chart_series_value (self, s, 0);
            double v1 = seg_chart_series_value (self, s, n_categories - 1);
            guint max_at = 0;
            g_autofree char *from = format_value_full (self, v0, FALSE);
            g_autofree char *to = format_value_full (self, v1, FALSE);
            g_autofree char *max_text = NULL;
            g_autofree char *max_name = NULL;

            for (guint c = 1; c < n_categories; c++)
              {
                double v = seg_chart_series_value (self, s, c);
                double m = seg_chart_series_value (self, s, max_at);

                if (!isnan (v) && (isnan (m) || v > m))
                  max_at = c;
              }
            max_text = format_value_full (self, seg_chart_series_value (self, s, max_at), FALSE);
            max_name = dup_category_name (self, max_at);

            append_separator (summary, "; ", s == 0);
            /* Translators: one line of a chart: name, first and last value,
             * and its highest point */
            g_string_append_printf (summary, _("%s from %s to %s, highest %s on %s"),
                                    seg_chart_get_series_name (self, s),
                                    from, to, max_text, max_name);
          }
        g_string_append (summary, ".");
      }
      break;

    default:
      {
        guint n_series = self->kind == SEG_CHART_DONUT ? 1 : self->series->len;
        gboolean shares = self->show_share && seg_chart_shares_make_sense (self);

        for (guint s = 0; s < n_series; s++)
          {
            double total = seg_chart_series_total (self, s);

            append_separator (summary, "; ", s == 0);
            if (n_series > 1)
              g_string_append_printf (summary, _("%s: "), seg_chart_get_series_name (self, s));

            for (guint c = 0; c < n_categories; c++)
              {
                double value = seg_chart_series_value (self, s, c);
                g_autofree char *value_text = format_value_full (self, value, FALSE);

                append_separator (summary, _(", "), c == 0);
                if (shares && total > 0 && !isnan (value))
                  {
                    g_autofree char *share = seg_chart_format_share (value / total);

                    /* Translators: category, value and share, "Champions $1,234 (31%)" */
                    g_string_append_printf (summary, _("%s %s (%s)"),
                                            category_name (self, c), value_text, share);
                  }
                else
                  {
                    /* Translators: category and value, "Champions $1,234" */
                    g_string_append_printf (summary, _("%s %s"),
                                            category_name (self, c), value_text);
                  }
              }
          }
        g_string_append (summary, ".");
      }
      break;
    }

  return g_string_free (g_steal_pointer (&summary), FALSE);
}

/* Private API, for the renderer. */

gboolean
seg_chart_parse_color (const char *text,
                       double      rgb[3])
{
  guint64 packed;
  char *end = NULL;

  if (text == NULL || text [0] != '#' || strlen (text) != 7)
    return FALSE;

  packed = g_ascii_strtoull (text + 1, &end, 16);
  if (end == NULL || *end != '\0')
    return FALSE;

  rgb [0] = ((packed >> 16) & 0xff) / 255.0;
  rgb [1] = ((packed >> 8) & 0xff) / 255.0;
  rgb [2] = (packed & 0xff) / 255.0;

  return TRUE;
}

double
seg_chart_series_value (SegChart *self,
                        guint     series,
                        guint     category)
{
  SegChartSeries *s;

  if (series >= self->series->len)
    return NAN;

  s = g_ptr_array_index (self->series, series);
  if (category >= s->values->len)
    return NAN;

  return g_array_index (s->values, double, category);
}

double
seg_chart_series_total (SegChart *self,
                        guint     series)
{
  double total = 0;

  for (guint c = 0; c < seg_chart_get_n_categories (self); c++)
    {
      double value = seg_chart_series_value (self, series, c);

      if (!isnan (value) && value > 0)
        total += value;
    }

  return total;
}

/* A share of the total means something for customers and money, not for
 * rates and averages, and not when some values are negative. */
gboolean
seg_chart_shares_make_sense (SegChart *self)
{
  if (self->format != SEG_CHART_FORMAT_COUNT && self->format != SEG_CHART_FORMAT_MONEY)
    return FALSE;

  for (guint s = 0; s < self->series->len; s++)
    for (guint c = 0; c < seg_chart_get_n_categories (self); c++)
      if (seg_chart_series_value (self, s, c) < 0)
        return FALSE;

  return TRUE;
}

/* The locale's way of writing a number's punctuation, in UTF-8: a
 * Latin-1 locale's thousands separator (a no-break space, 0xA0) is not,
 * and Pango would draw it as a box. */
static const char *
locale_punctuation (const char  *text,
                    char       **converted)
{
  if (text == NULL || text [0] == '\0')
    return NULL;
  if (g_utf8_validate (text, -1, NULL))
    return text;
  *converted = g_locale_to_utf8 (text, -1, NULL, NULL, NULL);
  return *converted;
}

/* Thousands separators, their grouping and the decimal point come from the
 * C library's LC_NUMERIC: "1,234,567.5" in en_US, "1.234.567,5" in de_DE,
 * "12,34,567.5" in en_IN.  The C locale has no separator; there we write
 * "1,234" (or "1.234" where the decimal point is a comma), in threes. */
char *
seg_chart_format_number (double value,
                         int    decimals)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char format[16];
  gboolean separator_before[G_ASCII_DTOSTR_BUF_SIZE] = { FALSE };
  struct lconv *lc = localeconv ();
  g_autofree char *point_utf8 = NULL;
  g_autofree char *separator_utf8 = NULL;
  const char *point = locale_punctuation (lc->decimal_point, &point_utf8);
  const char *separator = locale_punctuation (lc->thousands_sep, &separator_utf8);
  const char *grouping = lc->grouping ? lc->grouping : "";
  g_autoptr(GString) out = g_string_new (NULL);
  const char *dot, *group;
  gsize int_len, left;
  double magnitude;
  int size;

  if (!isfinite (value))
    return g_strdup ("–");

  if (point == NULL)
    point = ".";
  if (separator == NULL)
    {
      separator = g_str_equal (point, ",") ? "." : ",";
      grouping = "\3";
    }
  else if (grouping [0] == '\0')
    {
      grouping = "\3";
    }

  decimals = CLAMP (decimals, 0, 9);
  g_snprintf (format, sizeof format, "%%.%df", decimals);
  magnitude = fabs (value);
  g_ascii_formatd (buffer, sizeof buffer, format, magnitude);

  /* −0 and values that round to zero are written without a sign. */
  if (value < 0 && g_ascii_strtod (buffer, NULL) != 0)
    g_string_append (out, "−");

  dot = strchr (buffer, '.');
  int_len = dot ? (gsize) (dot - buffer) : strlen (buffer);

  /* Group sizes count from the units up; the last one repeats, and
   * CHAR_MAX (or a size of 0) ends grouping. */
  left = int_len;
  group = grouping;
  size = 3;
  for (;;)
    {
      if (*group != '\0')
        {
          if (*group == CHAR_MAX || *group <= 0)
            break;
          size = *group++;
        }
      if (left <= (gsize) size)
        break;
      left -= size;
      separator_before [left] = TRUE;
    }

  for (gsize i = 0; i < int_len; i++)
    {
      if (separator_before [i])
        g_string_append (out, separator);
      g_string_append_c (out, buffer [i]);
    }

  if (dot != NULL)
    {
      g_string_append (out, point);
      g_string_append (out, dot + 1);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
seg_chart_format_share (double fraction)
{
  double percent = fraction * 100;
  double rounded = round (percent);
  g_autofree char *number = NULL;

  number = seg_chart_format_number (percent, fabs (percent - rounded) < 0.05 ? 0 : 1);
  /* Translators: a percentage; use "%s %%" where a space comes before % */
  return g_strdup_printf (_("%s%%"), number);
}

/* Tick labels are short: 0, 5k, 10k; $1.5M; 20%. */
char *
seg_chart_format_tick (SegChart *self,
                       double    value,
                       double    step)
{
  g_autofree char *number = NULL;
  double unit = 1;
  char *abbreviated = NULL;
  int decimals;

  if (self->format == SEG_CHART_FORMAT_PERCENT)
    {
      decimals = decimals_for_step (step * 100);
      if (fabs (value * 100 - round (value * 100)) < 1e-9)
        decimals = 0;
      number = seg_chart_format_number (value * 100, decimals);
      return g_strdup_printf (_("%s%%"), number);
    }

  if (step >= 1e8)
    unit = 1e9;
  else if (step >= 1e5)
    unit = 1e6;
  else if (step >= 1000)
    unit = 1e3;

  /* 1M, 1.5M, 2M rather than 1.0M, 1.5M, 2.0M. */
  decimals = decimals_for_step (step / unit);
  if (fabs (value / unit - round (value / unit)) < 1e-9)
    decimals = 0;
  number = seg_chart_format_number (value / unit, decimals);
  if (value == 0)
    ;
  else if (unit == 1e9)
    /* Translators: an abbreviated number of billions on a chart axis */
    abbreviated = g_strdup_printf (C_("chart axis", "%sB"), number);
  else if (unit == 1e6)
    /* Translators: an abbreviated number of millions on a chart axis */
    abbreviated = g_strdup_printf (C_("chart axis", "%sM"), number);
  else if (unit == 1e3)
    /* Translators: an abbreviated number of thousands on a chart axis */
    abbreviated = g_strdup_printf (C_("chart axis", "%sk"), number);

  if (abbreviated != NULL)
    {
      g_free (number);
      number = abbreviated;
    }

  if (self->format == SEG_CHART_FORMAT_MONEY)
    return add_currency (self, number);

  return g_steal_pointer (&number);
}

/* Value labels drawn on a chart: cents only for small amounts. */
char *
seg_chart_format_label (SegChart *self,
                        double    value)
{
  return format_value_full (self, value, FALSE);
}
