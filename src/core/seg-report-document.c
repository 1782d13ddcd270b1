/* seg-report-document.c — a paginating document for the printer and PDF
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seg-report"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "seg-report-document.h"

/* Type sizes in points. */
#define BODY_SIZE        10.0
#define SMALL_SIZE        8.0
#define TABLE_SIZE        8.5
#define CAPTION_SIZE     10.5
#define H1_SIZE          17.0
#define H2_SIZE          12.5
#define COVER_TITLE_SIZE 28.0
#define COVER_SUB_SIZE   14.0
#define FIGURE_SIZE      14.0

#define HEADER_BAND      24.0   /* header text, gap and rule, inside the margins */
#define FOOTER_BAND      22.0
#define CELL_PAD_X        4.0
#define CELL_PAD_Y        2.25
#define NOTE_PAD          8.0
#define NOTE_BAR          3.0
#define FIGURE_PAD        6.0
#define FIGURE_GAP        8.0
#define FIGURE_MIN_WIDTH 105.0
#define H1_RULE_GAP       3.0
#define MIN_SPLIT_LINES   2
#define MIN_TABLE_ROWS    3     /* rows a split table leaves on its last page */
#define CHART_MIN_SCALE   0.75  /* a chart may shrink this far to fit a page */
#define KEEP_TOGETHER     0.35  /* of a page's body: tables this short are not split */

#define EPSILON           0.01

/* GNOME palette: dark 4, dark 1, light 3, light 2, blue 4 */
#define INK        0.118, 0.118, 0.118
#define GREY_INK   0.369, 0.361, 0.392
#define RULE       0.753, 0.749, 0.737
#define SHADE      0.965, 0.961, 0.957
#define HEAD_SHADE 0.925, 0.922, 0.918
#define ACCENT     0.110, 0.443, 0.847
#define NOTE_SHADE 0.918, 0.945, 0.984

typedef enum
{
  BLOCK_COVER,
  BLOCK_HEADING,
  BLOCK_TEXT,
  BLOCK_FIGURES,
  BLOCK_TABLE,
  BLOCK_CHART,
  BLOCK_NOTE,
  BLOCK_PAGE_BREAK,
} BlockKind;

typedef struct
{
  double top;
  double bottom;
  double baseline;
} LineBox;

/* A laid-out piece of text: its layout and where its lines are, so that a
 * page can take any run of whole lines. */
typedef struct
{
  PangoLayout *layout;
  GArray      *lines;     /* LineBox */
  double       width;
  double       height;
} TextBox;

struct _SegReportTable
{
  SegReportDocument *document;   /* unowned */
  guint              n_columns;
  char              *caption;
  char             **titles;
  SegReportAlign    *aligns;
  double            *weights;
  GPtrArray         *rows;       /* char ** */

  /* layout */
  TextBox            caption_box;
  TextBox            continued_box;
  TextBox           *header_cells;
  TextBox           *cells;      /* n_rows × n_columns */
  double            *column_x;
  double            *column_width;
  double             header_height;
  double            *row_heights;
};

typedef struct
{
  BlockKind          kind;
  guint              level;
  char              *text;       /* plain text of a heading, for lookups */
  char              *markup;     /* heading, text, note */
  char              *title;      /* cover */
  char              *subtitle;
  char             **labels;     /* cover details, figures */
  char             **values;
  SegReportTable    *table;
  double             chart_height;
  SegReportDrawFunc  draw;
  gpointer           draw_data;
  GDestroyNotify     draw_destroy;

  /* layout */
  TextBox            box;        /* heading, text, note, cover title */
  TextBox            sub_box;    /* cover subtitle */
  TextBox            detail_box; /* cover details */
  TextBox           *figure_values;
  TextBox           *figure_labels;
  guint              figures_per_row;
  double             figure_width;
  double             figure_height;
  double             height;     /* atomic blocks */
} Block;

typedef struct
{
  int    row;       /* -1: the header row */
  double from;      /* the part of the row's content this slice shows */
  double to;
  double height;    /* drawn height, padding included */
} RowSlice;

/* What one block puts on one page. */
typedef struct
{
  guint   block;
  double  y;
  double  height;
  double  from;      /* text and notes: the part of the content shown */
  double  to;
  int     caption;   /* tables: 0 none, 1 caption, 2 "continued" caption */
  GArray *rows;      /* tables: RowSlice */
} Piece;

typedef struct
{
  GArray   *pieces;  /* Piece */
  gboolean  cover;
} Page;

struct _SegReportDocument
{
  GObject           parent_instance;

  char             *header_start;
  char             *header_end;
  char             *font_family;
  GPtrArray        *blocks;     /* Block */

  /* layout */
  PangoContext     *context;
  GArray           *pages;      /* Page */
  double            page_width;
  double            page_height;
  SegReportMargins  margins;
  double            content_width;
  double            body_top;
  double            body_bottom;
};

G_DEFINE_FINAL_TYPE (SegReportDocument, seg_report_document, G_TYPE_OBJECT)

G_DEFINE_QUARK (seg-report-error-quark, seg_report_error)

static void
set_str (char       **field,
         const char  *value)
{
  if (*field != value)
    {
      g_free (*field);
      *field = g_strdup (value);
    }
}

/* Text boxes */

static void
text_box_clear (TextBox *box)
{
  g_clear_object (&box->layout);
  g_clear_pointer (&box->lines, g_array_unref);
  box->width = box->height = 0;
}

static PangoFontDescription *
make_font (SegReportDocument *self,
           double             size,
           gboolean           bold)
{
  PangoFontDescription *font = pango_font_description_from_string (self->font_family);

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  return font;
}

static void
text_box_init (SegReportDocument *self,
               TextBox           *box,
               const char        *markup,
               double             size,
               gboolean           bold,
               double             width,
               PangoAlignment     align)
{
  PangoFontDescription *font = make_font (self, size, bold);
  PangoLayoutIter *iter;

  text_box_clear (box);
  box->layout = pango_layout_new (self->context);
  box->lines = g_array_new (FALSE, FALSE, sizeof (LineBox));
  box->width = MAX (width, 1.0);

  pango_layout_set_font_description (box->layout, font);
  pango_layout_set_width (box->layout, pango_units_from_double (box->width));
  /* Long e-mail addresses and product codes break anywhere rather than
   * running out of their cell. */
  pango_layout_set_wrap (box->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (box->layout, align);
  pango_layout_set_markup (box->layout, markup ? markup : "", -1);
  pango_font_description_free (font);

  iter = pango_layout_get_iter (box->layout);
  do
    {
      PangoRectangle logical;
      LineBox line;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      line.top = pango_units_to_double (logical.y);
      line.bottom = pango_units_to_double (logical.y + logical.height);
      line.baseline = pango_units_to_double (pango_layout_iter_get_baseline (iter));
      g_array_append_val (box->lines, line);
      box->height = MAX (box->height, line.bottom);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static guint
text_box_count_lines (const TextBox *box,
                      double         from,
                      double         to)
{
  guint n = 0;

  for (guint i = 0; i < box->lines->len; i++)
    {
      const LineBox *line = &g_array_index (box->lines, LineBox, i);

      if (line->top >= from - EPSILON && line->top < to - EPSILON)
        n++;
    }
  return n;
}

/* The lowest line bottom of the lines that start in [from, to). */
static double
text_box_slice_bottom (const TextBox *box,
                       double         from,
                       double         to)
{
  double bottom = from;

  for (guint i = 0; i < box->lines->len; i++)
    {
      const LineBox *line = &g_array_index (box->lines, LineBox, i);

      if (line->top >= from - EPSILON && line->top < to - EPSILON)
        bottom = MAX (bottom, line->bottom);
    }
  return bottom;
}

/* Where to cut @n boxes that sit side by side (a table row, or one text)
 * so that the part from @from holds at most @avail points of whole lines
 * in every box.  Returns @from when not even one line fits. */
static double
find_split (const TextBox *boxes,
            guint          n,
            double         from,
            double         avail)
{
  double cut = from + avail;
  gboolean changed = TRUE;

  while (changed)
    {
      changed = FALSE;
      for (guint b = 0; b < n; b++)
        for (guint i = 0; i < boxes[b].lines->len; i++)
          {
            const LineBox *line = &g_array_index (boxes[b].lines, LineBox, i);

            if (line->top < cut - EPSILON && line->bottom > cut + EPSILON)
              {
                cut = MAX (line->top, from);
                changed = TRUE;
              }
          }
    }

  return cut;
}

/* The first line's bottom at or after @from: the least that can go on a page. */
static double
first_line_end (const TextBox *boxes,
                guint          n,
                double         from)
{
  double end = G_MAXDOUBLE;

  for (guint b = 0; b < n; b++)
    for (guint i = 0; i < boxes[b].lines->len; i++)
      {
        const LineBox *line = &g_array_index (boxes[b].lines, LineBox, i);

        if (line->top >= from - EPSILON)
          {
            end = MIN (end, line->bottom);
            break;
          }
      }

  return end == G_MAXDOUBLE ? from : end;
}

/* The top of the last line that starts in [from, to). */
static double
last_line_top (const TextBox *box,
               double         from,
               double         to)
{
  double top = from;

  for (guint i = 0; i < box->lines->len; i++)
    {
      const LineBox *line = &g_array_index (box->lines, LineBox, i);

      if (line->top >= from - EPSILON && line->top < to - EPSILON)
        top = MAX (top, line->top);
    }
  return top;
}

/* Draws the lines of @box that start in [from, to), the first one's top
 * at @y. */
static void
text_box_draw (const TextBox *box,
               cairo_t       *cr,
               double         x,
               double         y,
               double         from,
               double         to)
{
  PangoLayoutIter *iter;
  guint i = 0;

  if (box->layout == NULL)
    return;

  iter = pango_layout_get_iter (box->layout);
  do
    {
      const LineBox *line = &g_array_index (box->lines, LineBox, i++);

      if (line->top >= from - EPSILON && line->top < to - EPSILON)
        {
          PangoLayoutLine *layout_line = pango_layout_iter_get_line_readonly (iter);
          PangoRectangle in_layout, in_line;

          pango_layout_iter_get_line_extents (iter, NULL, &in_layout);
          pango_layout_line_get_extents (layout_line, NULL, &in_line);
          cairo_move_to (cr, x + pango_units_to_double (in_layout.x - in_line.x),
                         y + line->baseline - from);
          pango_cairo_show_layout_line (cr, layout_line);
        }
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
text_box_draw_all (const TextBox *box,
                   cairo_t       *cr,
                   double         x,
                   double         y)
{
  text_box_draw (box, cr, x, y, 0, G_MAXDOUBLE);
}

/* Blocks */

static void
table_clear_layout (SegReportTable *table)
{
  guint n_cells = table->rows->len * table->n_columns;

  text_box_clear (&table->caption_box);
  text_box_clear (&table->continued_box);
  if (table->header_cells)
    for (guint c = 0; c < table->n_columns; c++)
      text_box_clear (&table->header_cells[c]);
  g_clear_pointer (&table->header_cells, g_free);
  if (table->cells)
    for (guint i = 0; i < n_cells; i++)
      text_box_clear (&table->cells[i]);
  g_clear_pointer (&table->cells, g_free);
  g_clear_pointer (&table->column_x, g_free);
  g_clear_pointer (&table->column_width, g_free);
  g_clear_pointer (&table->row_heights, g_free);
}

static void
table_free (SegReportTable *table)
{
  table_clear_layout (table);
  g_free (table->caption);
  g_strfreev (table->titles);
  g_free (table->aligns);
  g_free (table->weights);
  g_ptr_array_unref (table->rows);
  g_free (table);
}

static void
block_clear_layout (Block *block)
{
  text_box_clear (&block->box);
  text_box_clear (&block->sub_box);
  text_box_clear (&block->detail_box);
  if (block->figure_values)
    {
      guint n = g_strv_length (block->values);

      for (guint i = 0; i < n; i++)
        {
          text_box_clear (&block->figure_values[i]);
          text_box_clear (&block->figure_labels[i]);
        }
    }
  g_clear_pointer (&block->figure_values, g_free);
  g_clear_pointer (&block->figure_labels, g_free);
  if (block->table)
    table_clear_layout (block->table);
}

static void
block_free (Block *block)
{
  block_clear_layout (block);
  g_free (block->text);
  g_free (block->markup);
  g_free (block->title);
  g_free (block->subtitle);
  g_strfreev (block->labels);
  g_strfreev (block->values);
  g_clear_pointer (&block->table, table_free);
  if (block->draw_destroy)
    block->draw_destroy (block->draw_data);
  g_free (block);
}

static Block *
append_block (SegReportDocument *self,
              BlockKind          kind)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  g_ptr_array_add (self->blocks, block);
  return block;
}

static void
clear_pages (SegReportDocument *self)
{
  for (guint p = 0; p < self->pages->len; p++)
    {
      Page *page = &g_array_index (self->pages, Page, p);

      for (guint i = 0; i < page->pieces->len; i++)
        {
          Piece *piece = &g_array_index (page->pieces, Piece, i);

          g_clear_pointer (&piece->rows, g_array_unref);
        }
      g_array_unref (page->pieces);
    }
  g_array_set_size (self->pages, 0);
}

/* Measuring */

static PangoAlignment
to_pango_alignment (SegReportAlign align)
{
  switch (align)
    {
    case SEG_REPORT_ALIGN_CENTER:
      return PANGO_ALIGN_CENTER;
    case SEG_REPORT_ALIGN_END:
      return PANGO_ALIGN_RIGHT;
    case SEG_REPORT_ALIGN_START:
    default:
      return PANGO_ALIGN_LEFT;
    }
}

static char *
escape (const char *text)
{
  return g_markup_escape_text (text ? text : "", -1);
}

static void
measure_table (SegReportDocument *self,
               SegReportTable    *table)
{
  double total_weight = 0, x = 0;
  guint n_rows = table->rows->len;
  gboolean has_header = FALSE;

  table_clear_layout (table);

  table->column_x = g_new0 (double, table->n_columns);
  table->column_width = g_new0 (double, table->n_columns);
  for (guint c = 0; c < table->n_columns; c++)
    total_weight += table->weights[c];
  for (guint c = 0; c < table->n_columns; c++)
    {
      table->column_x[c] = x;
      table->column_width[c] = self->content_width * table->weights[c] / total_weight;
      x += table->column_width[c];
    }

  if (table->caption)
    {
      g_autofree char *markup = escape (table->caption);
      g_autofree char *continued = NULL;

      text_box_init (self, &table->caption_box, markup, CAPTION_SIZE, TRUE,
                     self->content_width, PANGO_ALIGN_LEFT);
      /* TRANSLATORS: a table's caption on the pages it continues onto */
      continued = g_markup_printf_escaped (_("%s (continued)"), table->caption);
      text_box_init (self, &table->continued_box, continued, CAPTION_SIZE, TRUE,
                     self->content_width, PANGO_ALIGN_LEFT);
    }

  table->header_cells = g_new0 (TextBox, table->n_columns);
  table->header_height = 0;
  for (guint c = 0; c < table->n_columns; c++)
    has_header |= table->titles[c][0] != '\0';
  for (guint c = 0; has_header && c < table->n_columns; c++)
    {
      g_autofree char *markup = escape (table->titles[c]);

      text_box_init (self, &table->header_cells[c], markup, TABLE_SIZE, TRUE,
                     table->column_width[c] - 2 * CELL_PAD_X,
                     to_pango_alignment (table->aligns[c]));
      table->header_height = MAX (table->header_height, table->header_cells[c].height);
    }
  /* Without column titles, no header row. */
  if (has_header)
    table->header_height += 2 * CELL_PAD_Y;

  table->cells = g_new0 (TextBox, (gsize) n_rows * table->n_columns);
  table->row_heights = g_new0 (double, n_rows);
  for (guint r = 0; r < n_rows; r++)
    {
      char **row = g_ptr_array_index (table->rows, r);
      double height = 0;

      for (guint c = 0; c < table->n_columns; c++)
        {
          TextBox *cell = &table->cells[r * table->n_columns + c];
          g_autofree char *markup = escape (row[c]);

          text_box_init (self, cell, markup, TABLE_SIZE, FALSE,
                         table->column_width[c] - 2 * CELL_PAD_X,
                         to_pango_alignment (table->aligns[c]));
          height = MAX (height, cell->height);
        }
      table->row_heights[r] = height + 2 * CELL_PAD_Y;
    }
}

static void
measure_block (SegReportDocument *self,
               Block             *block,
               double             body_height)
{
  double width = self->content_width;

  block_clear_layout (block);

  switch (block->kind)
    {
    case BLOCK_COVER:
      {
        g_autoptr(GString) details = g_string_new (NULL);
        g_autofree char *title = escape (block->title);
        g_autofree char *subtitle = escape (block->subtitle);

        text_box_init (self, &block->box, title, COVER_TITLE_SIZE, TRUE, width,
                       PANGO_ALIGN_LEFT);
        text_box_init (self, &block->sub_box, subtitle, COVER_SUB_SIZE, FALSE, width,
                       PANGO_ALIGN_LEFT);
        for (guint i = 0; block->labels && block->labels[i]; i++)
          {
            g_autofree char *line =
              g_markup_printf_escaped ("<span foreground=\"#5e5c64\">%s</span>\n%s",
                                       block->labels[i], block->values[i]);

            if (i > 0)
              g_string_append (details, "\n\n");
            g_string_append (details, line);
          }
        text_box_init (self, &block->detail_box, details->str, BODY_SIZE + 1, FALSE, width,
                       PANGO_ALIGN_LEFT);
        block->height = 6 + 18 + block->box.height + 8 + block->sub_box.height + 36
                        + block->detail_box.height;
      }
      break;

    case BLOCK_HEADING:
      text_box_init (self, &block->box, block->markup,
                     block->level <= 1 ? H1_SIZE : H2_SIZE, TRUE, width, PANGO_ALIGN_LEFT);
      block->height = block->box.height;
      if (block->level <= 1)
        block->height += H1_RULE_GAP + 1;
      break;

    case BLOCK_TEXT:
      text_box_init (self, &block->box, block->markup, BODY_SIZE, FALSE, width,
                     PANGO_ALIGN_LEFT);
      break;

    case BLOCK_NOTE:
      text_box_init (self, &block->box, block->markup, BODY_SIZE, FALSE,
                     width - 2 * NOTE_PAD - NOTE_BAR, PANGO_ALIGN_LEFT);
      break;

    case BLOCK_FIGURES:
      {
        guint n = g_strv_length (block->values);
        guint per_row, n_rows;

        per_row = (guint) MAX (1.0, (width + FIGURE_GAP) / (FIGURE_MIN_WIDTH + FIGURE_GAP));
        per_row = MIN (per_row, MAX (n, 1));
        /* Even rows read better than 4 + 1. */
        n_rows = (n + per_row - 1) / MAX (per_row, 1);
        if (n_rows > 0)
          per_row = (n + n_rows - 1) / n_rows;
        block->figures_per_row = MAX (per_row, 1);
        block->figure_width = (width - FIGURE_GAP * (block->figures_per_row - 1))
                              / block->figures_per_row;
        block->figure_values = g_new0 (TextBox, n);
        block->figure_labels = g_new0 (TextBox, n);
        block->figure_height = 0;
        for (guint i = 0; i < n; i++)
          {
            g_autofree char *value = escape (block->values[i]);
            g_autofree char *label = escape (block->labels[i]);
            double inner = block->figure_width - 2 * FIGURE_PAD;

            text_box_init (self, &block->figure_values[i], value, FIGURE_SIZE, TRUE, inner,
                           PANGO_ALIGN_LEFT);
            text_box_init (self, &block->figure_labels[i], label, SMALL_SIZE, FALSE, inner,
                           PANGO_ALIGN_LEFT);
            block->figure_height = MAX (block->figure_height,
                                        block->figure_values[i].height + 2
                                        + block->figure_labels[i].height);
          }
        block->figure_height += 2 * FIGURE_PAD;
        n_rows = (n + block->figures_per_row - 1) / block->figures_per_row;
        block->height = n_rows * block->figure_height + (n_rows > 0 ? n_rows - 1 : 0) * FIGURE_GAP;
      }
      break;

    case BLOCK_TABLE:
      measure_table (self, block->table);
      break;

    case BLOCK_CHART:
      block->height = MIN (block->chart_height, body_height);
      break;

    case BLOCK_PAGE_BREAK:
    default:
      break;
    }
}

/* Pagination */

typedef struct
{
  SegReportDocument *self;
  Page              *page;
  double             y;
  gboolean           empty;
} Cursor;

static void
new_page (Cursor *cursor)
{
  SegReportDocument *self = cursor->self;
  Page page = { 0 };

  page.pieces = g_array_new (FALSE, TRUE, sizeof (Piece));
  g_array_append_val (self->pages, page);
  cursor->page = &g_array_index (self->pages, Page, self->pages->len - 1);
  cursor->y = self->body_top;
  cursor->empty = TRUE;
}

static double
available (Cursor *cursor)
{
  return cursor->self->body_bottom - cursor->y;
}

static Piece *
add_piece (Cursor *cursor,
           guint   block,
           double  space,
           double  height)
{
  Piece piece = { 0 };

  piece.block = block;
  piece.y = cursor->y + space;
  piece.height = height;
  g_array_append_val (cursor->page->pieces, piece);
  cursor->y = piece.y + height;
  cursor->empty = FALSE;
  return &g_array_index (cursor->page->pieces, Piece, cursor->page->pieces->len - 1);
}

static double
space_before (SegReportDocument *self,
              guint              index)
{
  Block *block = g_ptr_array_index (self->blocks, index);
  Block *previous = index > 0 ? g_ptr_array_index (self->blocks, index - 1) : NULL;

  if (block->kind == BLOCK_HEADING)
    return block->level <= 1 ? 22 : 14;
  if (previous && previous->kind == BLOCK_COVER)
    return 28;
  if (previous && previous->kind == BLOCK_HEADING)
    return previous->level <= 1 ? 8 : 5;
  switch (block->kind)
    {
    case BLOCK_TEXT:
      return 6;
    case BLOCK_TABLE:
    case BLOCK_CHART:
    case BLOCK_NOTE:
    case BLOCK_FIGURES:
      return 10;
    default:
      return 0;
    }
}

static double
table_height (SegReportTable *table)
{
  double height = table->header_height;

  if (table->caption_box.layout)
    height += table->caption_box.height + 4;
  for (guint r = 0; r < table->rows->len; r++)
    height += table->row_heights[r];
  return height;
}

/* A short table reads better whole on the next page than split. */
static gboolean
table_keeps_together (SegReportDocument *self,
                      SegReportTable    *table)
{
  return table_height (table) <= (self->body_bottom - self->body_top) * KEEP_TOGETHER;
}

static double
row_first_piece (SegReportTable *table,
                 guint           row,
                 double          body_height)
{
  const TextBox *cells = &table->cells[row * table->n_columns];

  if (table->row_heights[row] <= body_height)
    return table->row_heights[row];
  return first_line_end (cells, table->n_columns, 0) + 2 * CELL_PAD_Y;
}

/* The least of block @index that must share a page with what precedes it
 * (a heading is kept with it). */
static double
min_first_piece (SegReportDocument *self,
                 guint              index)
{
  Block *block;
  double body_height = self->body_bottom - self->body_top;

  if (index >= self->blocks->len)
    return 0;

  block = g_ptr_array_index (self->blocks, index);
  switch (block->kind)
    {
    case BLOCK_HEADING:
      return block->height + space_before (self, index + 1) + min_first_piece (self, index + 1);

    case BLOCK_TEXT:
    case BLOCK_NOTE:
      {
        guint n = block->box.lines->len;
        const LineBox *line =
          &g_array_index (block->box.lines, LineBox, MIN (n, MIN_SPLIT_LINES) - 1);
        double pad = block->kind == BLOCK_NOTE ? 2 * NOTE_PAD : 0;

        return line->bottom + pad;
      }

    case BLOCK_TABLE:
      {
        SegReportTable *table = block->table;
        double height = table->header_height + table->caption_box.height;

        if (table_keeps_together (self, table))
          return table_height (table);
        if (table->caption_box.layout)
          height += 4;
        if (table->rows->len > 0)
          height += row_first_piece (table, 0, body_height);
        return height;
      }

    case BLOCK_CHART:
      return block->height * CHART_MIN_SCALE;

    case BLOCK_COVER:
    case BLOCK_FIGURES:
      return block->height;

    case BLOCK_PAGE_BREAK:
    default:
      return 0;
    }
}

/* Texts and notes: as many whole lines as fit, the rest on the next pages,
 * never a single line left alone at the foot or the head of a page. */
static void
place_text (Cursor *cursor,
            guint   index,
            double  space)
{
  SegReportDocument *self = cursor->self;
  Block *block = g_ptr_array_index (self->blocks, index);
  const TextBox *box = &block->box;
  double pad = block->kind == BLOCK_NOTE ? NOTE_PAD : 0;
  double from = 0;

  while (from < box->height - EPSILON)
    {
      double avail = available (cursor) - space - 2 * pad;
      double cut = find_split (box, 1, from, avail);
      guint lines_here = text_box_count_lines (box, from, cut);
      guint lines_left = text_box_count_lines (box, cut, G_MAXDOUBLE);
      guint lines_all = lines_here + lines_left;
      Piece *piece;

      if (lines_left == 1 && lines_here > MIN_SPLIT_LINES)
        {
          /* Take a line over so that the last one is not alone. */
          cut = last_line_top (box, from, cut);
          lines_here = text_box_count_lines (box, from, cut);
          lines_left = lines_all - lines_here;
        }

      if (lines_left > 0 && lines_here < MIN (MIN_SPLIT_LINES, lines_all) && !cursor->empty)
        {
          new_page (cursor);
          space = 0;
          continue;
        }
      if (lines_here == 0)
        {
          /* A single line taller than a page: place it anyway. */
          cut = first_line_end (box, 1, from);
          cut = MAX (cut, from + EPSILON * 2);
        }

      piece = add_piece (cursor, index, space,
                         text_box_slice_bottom (box, from, cut) - from + 2 * pad);
      piece->from = from;
      piece->to = lines_left > 0 ? cut : G_MAXDOUBLE;
      from = lines_left > 0 ? cut : box->height;
      if (from < box->height - EPSILON)
        {
          new_page (cursor);
          space = 0;
        }
    }
}

static double
continued_table_height (SegReportTable *table)
{
  double height = table->header_height;

  if (table->caption_box.layout)
    height += table->continued_box.height + 4;
  return height;
}

static void
add_row_slice (Cursor         *cursor,
               Piece          *piece,
               SegReportTable *table,
               guint           row,
               double          from,
               double          to,
               double          height)
{
  RowSlice slice = { (int) row, from, to, height };

  g_array_append_val (piece->rows, slice);
  piece->height += height;
  cursor->y += height;
}

static guint
data_rows (Piece *piece)
{
  guint n = 0;

  for (guint i = 0; i < piece->rows->len; i++)
    n += g_array_index (piece->rows, RowSlice, i).row >= 0;
  return n;
}

static Piece *
start_table_piece (Cursor         *cursor,
                   guint           index,
                   double          space,
                   SegReportTable *table,
                   gboolean        continued)
{
  Piece *piece;
  RowSlice header = { -1, 0, 0, table->header_height };
  double height = table->header_height;
  int caption = 0;

  if (table->caption_box.layout)
    {
      caption = continued ? 2 : 1;
      height += (continued ? table->continued_box.height : table->caption_box.height) + 4;
    }

  piece = add_piece (cursor, index, space, height);
  piece->caption = caption;
  piece->rows = g_array_new (FALSE, FALSE, sizeof (RowSlice));
  if (table->header_height > 0)
    g_array_append_val (piece->rows, header);
  return piece;
}

static void
place_table (Cursor *cursor,
             guint   index,
             double  space)
{
  SegReportDocument *self = cursor->self;
  Block *block = g_ptr_array_index (self->blocks, index);
  SegReportTable *table = block->table;
  Piece *piece;

  if (min_first_piece (self, index) > available (cursor) - space && !cursor->empty)
    {
      new_page (cursor);
      space = 0;
    }
  piece = start_table_piece (cursor, index, space, table, FALSE);

  for (guint r = 0; r < table->rows->len; r++)
    {
      const TextBox *cells = &table->cells[r * table->n_columns];
      double row_height = table->row_heights[r];
      double content = row_height - 2 * CELL_PAD_Y;
      double from = 0;

      if (row_height <= available (cursor) + EPSILON)
        {
          add_row_slice (cursor, piece, table, r, 0, G_MAXDOUBLE, row_height);
          continue;
        }

      /* A row that fits on a fresh page goes there whole... */
      if (row_height <= self->body_bottom - self->body_top - continued_table_height (table))
        {
          guint left = table->rows->len - r;
          guint take = left < MIN_TABLE_ROWS ? MIN_TABLE_ROWS - left : 0;

          /* ...with a few rows before it, so that the table does not end
           * with one or two rows alone on a page. */
          if (take > 0 && data_rows (piece) >= MIN_TABLE_ROWS + take)
            {
              guint taken = 0;

              while (taken < take)
                {
                  RowSlice *last = &g_array_index (piece->rows, RowSlice, piece->rows->len - 1);

                  if (last->row < 0 || last->from > 0 || last->to != G_MAXDOUBLE)
                    break;
                  piece->height -= last->height;
                  g_array_set_size (piece->rows, piece->rows->len - 1);
                  taken++;
                }
              if (taken > 0)
                {
                  new_page (cursor);
                  piece = start_table_piece (cursor, index, 0, table, TRUE);
                  r -= taken + 1;
                  continue;
                }
            }

          new_page (cursor);
          piece = start_table_piece (cursor, index, 0, table, TRUE);
          add_row_slice (cursor, piece, table, r, 0, G_MAXDOUBLE, row_height);
          continue;
        }

      /* ...and a taller one is split between lines. */
      while (from < content - EPSILON)
        {
          double cut = find_split (cells, table->n_columns, from,
                                   available (cursor) - 2 * CELL_PAD_Y);
          double to, height = 0;

          if (cut <= from + EPSILON)
            {
              if (data_rows (piece) > 0)
                {
                  new_page (cursor);
                  piece = start_table_piece (cursor, index, 0, table, TRUE);
                  continue;
                }
              cut = first_line_end (cells, table->n_columns, from);
            }

          to = cut >= content - EPSILON ? G_MAXDOUBLE : cut;
          for (guint c = 0; c < table->n_columns; c++)
            height = MAX (height, text_box_slice_bottom (&cells[c], from, to) - from);
          add_row_slice (cursor, piece, table, r, from, to, height + 2 * CELL_PAD_Y);
          from = cut;
          if (from < content - EPSILON)
            {
              new_page (cursor);
              piece = start_table_piece (cursor, index, 0, table, TRUE);
            }
        }
    }
}

static void
paginate (SegReportDocument *self)
{
  Cursor cursor = { self, NULL, 0, TRUE };

  new_page (&cursor);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      double space = cursor.empty ? 0 : space_before (self, i);

      switch (block->kind)
        {
        case BLOCK_PAGE_BREAK:
          if (!cursor.empty)
            new_page (&cursor);
          break;

        case BLOCK_COVER:
          if (!cursor.empty)
            new_page (&cursor);
          /* A third of the way down, under no running header. */
          cursor.page->cover = TRUE;
          cursor.y = self->body_top - HEADER_BAND;
          space = MAX (0, MIN ((self->body_bottom - cursor.y) * 0.28,
                               self->body_bottom - cursor.y - block->height));
          add_piece (&cursor, i, space, block->height);
          break;

        case BLOCK_HEADING:
          if (!cursor.empty && min_first_piece (self, i) > available (&cursor) - space)
            {
              new_page (&cursor);
              space = 0;
            }
          add_piece (&cursor, i, space, block->height);
          break;

        case BLOCK_CHART:
          /* A chart gives up a little height rather than leave a gap. */
          if (!cursor.empty && block->height > available (&cursor) - space &&
              available (&cursor) - space >= block->height * CHART_MIN_SCALE)
            {
              add_piece (&cursor, i, space, available (&cursor) - space);
              break;
            }
          G_GNUC_FALLTHROUGH;
        case BLOCK_FIGURES:
          if (!cursor.empty && block->height > available (&cursor) - space)
            {
              new_page (&cursor);
              space = 0;
            }
          add_piece (&cursor, i, space, block->height);
          break;

        case BLOCK_TEXT:
        case BLOCK_NOTE:
          place_text (&cursor, i, space);
          break;

        case BLOCK_TABLE:
          place_table (&cursor, i, space);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  /* A trailing page break leaves an empty page: drop it. */
  if (cursor.empty && self->pages->len > 1)
    {
      Page *last = &g_array_index (self->pages, Page, self->pages->len - 1);

      g_array_unref (last->pieces);
      g_array_set_size (self->pages, self->pages->len - 1);
    }
}

/* Drawing */

static void
set_color (cairo_t *cr,
           double   r,
           double   g,
           double   b)
{
  cairo_set_source_rgb (cr, r, g, b);
}

static void
draw_header_and_footer (SegReportDocument *self,
                        cairo_t           *cr,
                        guint              page_index,
                        gboolean           cover)
{
  PangoFontDescription *font = make_font (self, SMALL_SIZE, FALSE);
  g_autoptr(PangoLayout) layout = pango_layout_new (self->context);
  g_autofree char *footer = seg_report_document_dup_footer_text (self, page_index);
  double left = self->margins.left;
  double top = self->margins.top;
  double width = self->content_width;
  int text_height;

  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);

  set_color (cr, GREY_INK);
  if (!cover && (self->header_start || self->header_end))
    {
      double end_width = width * 0.4;

      pango_layout_set_width (layout, pango_units_from_double (end_width));
      pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
      pango_layout_set_text (layout, self->header_end ? self->header_end : "", -1);
      cairo_move_to (cr, left + width - end_width, top);
      pango_cairo_show_layout (cr, layout);

      pango_layout_set_width (layout, pango_units_from_double (width * 0.58));
      pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
      pango_layout_set_text (layout, self->header_start ? self->header_start : "", -1);
      cairo_move_to (cr, left, top);
      pango_cairo_show_layout (cr, layout);
      pango_layout_get_size (layout, NULL, &text_height);

      set_color (cr, RULE);
      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, left, top + pango_units_to_double (text_height) + 4.25);
      cairo_rel_line_to (cr, width, 0);
      cairo_stroke (cr);
    }

  set_color (cr, GREY_INK);
  pango_layout_set_width (layout, pango_units_from_double (width));
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_text (layout, footer, -1);
  pango_layout_get_size (layout, NULL, &text_height);
  cairo_move_to (cr, left,
                 self->page_height - self->margins.bottom - pango_units_to_double (text_height));
  pango_cairo_show_layout (cr, layout);
}

static void
draw_cover (SegReportDocument *self,
            Block             *block,
            cairo_t           *cr,
            double             x,
            double             y)
{
  set_color (cr, ACCENT);
  cairo_rectangle (cr, x, y, 48, 6);
  cairo_fill (cr);
  y += 6 + 18;

  set_color (cr, INK);
  text_box_draw_all (&block->box, cr, x, y);
  y += block->box.height + 8;
  set_color (cr, GREY_INK);
  text_box_draw_all (&block->sub_box, cr, x, y);
  y += block->sub_box.height + 36;
  set_color (cr, INK);
  text_box_draw_all (&block->detail_box, cr, x, y);
}

static void
draw_figures (SegReportDocument *self,
              Block             *block,
              cairo_t           *cr,
              double             x,
              double             y)
{
  guint n = g_strv_length (block->values);

  for (guint i = 0; i < n; i++)
    {
      guint column = i % block->figures_per_row;
      guint row = i / block->figures_per_row;
      double bx = x + column * (block->figure_width + FIGURE_GAP);
      double by = y + row * (block->figure_height + FIGURE_GAP);

      set_color (cr, SHADE);
      cairo_rectangle (cr, bx, by, block->figure_width, block->figure_height);
      cairo_fill (cr);
      set_color (cr, ACCENT);
      cairo_rectangle (cr, bx, by, 2, block->figure_height);
      cairo_fill (cr);

      set_color (cr, INK);
      text_box_draw_all (&block->figure_values[i], cr, bx + FIGURE_PAD, by + FIGURE_PAD);
      set_color (cr, GREY_INK);
      text_box_draw_all (&block->figure_labels[i], cr, bx + FIGURE_PAD,
                         by + FIGURE_PAD + block->figure_values[i].height + 2);
    }
}

static void
draw_table (SegReportDocument *self,
            Block             *block,
            Piece             *piece,
            cairo_t           *cr,
            double             x,
            double             y)
{
  SegReportTable *table = block->table;
  double width = self->content_width;

  if (piece->caption)
    {
      TextBox *caption = piece->caption == 2 ? &table->continued_box : &table->caption_box;

      set_color (cr, INK);
      text_box_draw_all (caption, cr, x, y);
      y += caption->height + 4;
    }

  for (guint i = 0; i < piece->rows->len; i++)
    {
      RowSlice *slice = &g_array_index (piece->rows, RowSlice, i);
      const TextBox *cells;

      if (slice->row < 0)
        {
          set_color (cr, HEAD_SHADE);
          cairo_rectangle (cr, x, y, width, slice->height);
          cairo_fill (cr);
          cells = table->header_cells;
        }
      else
        {
          if (slice->row % 2 == 1)
            {
              set_color (cr, SHADE);
              cairo_rectangle (cr, x, y, width, slice->height);
              cairo_fill (cr);
            }
          cells = &table->cells[slice->row * table->n_columns];
        }

      set_color (cr, INK);
      for (guint c = 0; c < table->n_columns; c++)
        text_box_draw (&cells[c], cr, x + table->column_x[c] + CELL_PAD_X, y + CELL_PAD_Y,
                       slice->from, slice->row < 0 ? G_MAXDOUBLE : slice->to);

      y += slice->height;
      if (slice->row < 0)
        {
          set_color (cr, RULE);
          cairo_set_line_width (cr, 0.75);
          cairo_move_to (cr, x, y - 0.375);
          cairo_rel_line_to (cr, width, 0);
          cairo_stroke (cr);
        }
    }

  set_color (cr, RULE);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, x, y - 0.25);
  cairo_rel_line_to (cr, width, 0);
  cairo_stroke (cr);
}

static void
draw_piece (SegReportDocument *self,
            Piece             *piece,
            cairo_t           *cr)
{
  Block *block = g_ptr_array_index (self->blocks, piece->block);
  double x = self->margins.left;
  double y = piece->y;
  double width = self->content_width;

  cairo_save (cr);

  switch (block->kind)
    {
    case BLOCK_COVER:
      draw_cover (self, block, cr, x, y);
      break;

    case BLOCK_HEADING:
      if (block->level <= 1)
        set_color (cr, ACCENT);
      else
        set_color (cr, INK);
      text_box_draw_all (&block->box, cr, x, y);
      if (block->level <= 1)
        {
          set_color (cr, RULE);
          cairo_set_line_width (cr, 1);
          cairo_move_to (cr, x, y + block->box.height + H1_RULE_GAP + 0.5);
          cairo_rel_line_to (cr, width, 0);
          cairo_stroke (cr);
        }
      break;

    case BLOCK_TEXT:
      set_color (cr, INK);
      text_box_draw (&block->box, cr, x, y, piece->from, piece->to);
      break;

    case BLOCK_NOTE:
      set_color (cr, NOTE_SHADE);
      cairo_rectangle (cr, x, y, width, piece->height);
      cairo_fill (cr);
      set_color (cr, ACCENT);
      cairo_rectangle (cr, x, y, NOTE_BAR, piece->height);
      cairo_fill (cr);
      set_color (cr, INK);
      text_box_draw (&block->box, cr, x + NOTE_BAR + NOTE_PAD, y + NOTE_PAD,
                     piece->from, piece->to);
      break;

    case BLOCK_FIGURES:
      draw_figures (self, block, cr, x, y);
      break;

    case BLOCK_TABLE:
      draw_table (self, block, piece, cr, x, y);
      break;

    case BLOCK_CHART:
      cairo_rectangle (cr, x, y, width, piece->height);
      cairo_clip (cr);
      cairo_translate (cr, x, y);
      if (block->draw)
        block->draw (cr, width, piece->height, block->draw_data);
      break;

    case BLOCK_PAGE_BREAK:
    default:
      break;
    }

  cairo_restore (cr);
}

/* GObject */

static void
seg_report_document_finalize (GObject *object)
{
  SegReportDocument *self = (SegReportDocument *) object;

  clear_pages (self);
  g_clear_pointer (&self->pages, g_array_unref);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_object (&self->context);
  g_free (self->header_start);
  g_free (self->header_end);
  g_free (self->font_family);

  G_OBJECT_CLASS (seg_report_document_parent_class)->finalize (object);
}

static void
seg_report_document_class_init (SegReportDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = seg_report_document_finalize;
}

static void
seg_report_document_init (SegReportDocument *self)
{
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  self->pages = g_array_new (FALSE, TRUE, sizeof (Page));
  self->font_family = g_strdup ("Cantarell, DejaVu Sans, Sans");
}

/* Public API */

/**
 * seg_report_paper_init:
 * @size: A4 or US Letter
 * @landscape: whether to turn the sheet
 *
 * Fills @paper with the sheet's size in points and the report's margins.
 */
void
seg_report_paper_init (SegReportPaper     *paper,
                       SegReportPaperSize  size,
                       gboolean            landscape)
{
  double width, height, margin;

  g_return_if_fail (paper != NULL);

  if (size == SEG_REPORT_PAPER_LETTER)
    {
      width = 612;
      height = 792;
      margin = 54;       /* 3/4 inch */
    }
  else
    {
      width = 595.2756;  /* 210 × 297 mm */
      height = 841.8898;
      margin = 56.6929;  /* 20 mm */
    }

  paper->width = landscape ? height : width;
  paper->height = landscape ? width : height;
  paper->margins.top = paper->margins.bottom = margin * 0.8;
  paper->margins.left = paper->margins.right = margin;
}

gboolean
seg_report_paper_size_from_string (const char         *text,
                                   SegReportPaperSize *size)
{
  g_return_val_if_fail (size != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (text, "a4") == 0)
    *size = SEG_REPORT_PAPER_A4;
  else if (g_ascii_strcasecmp (text, "letter") == 0 || g_ascii_strcasecmp (text, "us-letter") == 0)
    *size = SEG_REPORT_PAPER_LETTER;
  else
    return FALSE;
  return TRUE;
}

SegReportDocument *
seg_report_document_new (void)
{
  return g_object_new (SEG_TYPE_REPORT_DOCUMENT, NULL);
}

void
seg_report_document_set_header (SegReportDocument *self,
                                const char        *start_text,
                                const char        *end_text)
{
  g_return_if_fail (SEG_IS_REPORT_DOCUMENT (self));

  set_str (&self->header_start, start_text);
  set_str (&self->header_end, end_text);
}

void
seg_report_document_set_font_family (SegReportDocument *self,
                                     const char        *family)
{
  g_return_if_fail (SEG_IS_REPORT_DOCUMENT (self));
  g_return_if_fail (family != NULL);

  set_str (&self->font_family, family);
}

const char *
seg_report_document_get_font_family (SegReportDocument *self)
{
  g_return_val_if_fail (SEG_IS_REPORT_DOCUMENT (self), NULL);

  return self->font_family;
}

/**
 * seg_report_document_add_cover:
 * @detail_labels: (nullable): labels of the lines under the subtitle
 * @detail_values: (nullable): their values, as many as @detail_labels
 *
 * A title page: the cover starts a page of its own, without running header.
 */
void
seg_report_document_add_cover (SegReportDocument  *self,
                               const char         *title,
                               const char         *subtitle,
                               const char * const *detail_labels,
                               const char * const *detail_values)
{
  Block *block;

  g_return_if_fail (SEG_IS_REPORT_DOCUMENT (self));
  g_return_if_fail (title != NULL);
  g_return_if_fail ((detail_labels == NULL) == (detail_values == NULL));
  g_return_if_fail (detail_labels == NULL ||
                    g_strv_length ((char **) detail_labels) ==
                    g_strv_length ((char **) detail_values));

  block = append_block (self, BLOCK_COVER);
  block->title = g_strdup (title);
  block->subtitle = g_strdup (subtitle ? subtitle : "");
  block->labels = g_strdupv ((char **) detail_labels);
  block->values = g_strdupv ((char **) detail_values);
}

/**
 * seg_report_document_add_heading:
 * @level: 1 for a section, 2 for a part of one
 *
 * A heading never ends a page: it moves on with what follows it.
 */
void
seg_report_document_add_heading (SegReportDocument *self,
                                 guint              level,
                                 const char        *text)
{
  Block *block;

  g_return_if_fail (SEG_IS_REPORT_DOCUMENT (self));
  g_return_if_fail (text != NULL);

  block = append_block (self, BLOCK_HEADING);
  block->level = CLAMP (level, 1, 2);
  block->text = g_strdup (text);
  block->markup = escape (text);
}

/* Plain text; blank lines separate paragraphs. */
void
seg_report_document_add_paragraph (SegReportDocument *self,
                                   const char        *text)
{
  g_autofree char *trimmed = NULL;

  g_return_if_fail (SEG_IS_REPORT_DOCUMENT (self));
  g_return_if_fail (text != NULL);

  trimmed = g_strchomp (g_strdup (text));
  append_block (self, BLOCK_TEXT)->markup = escape (trimmed);
}

/* Pango markup written by the caller: escape any user text in it
 * (g_markup_printf_escaped). */
void
seg_report_document_add_markup (SegReportDocument *self,
                                const char        *markup)
{
  g_return_if_fail (SEG_IS_REPORT_DOCUMENT (self));
  g_return_if_fail (markup != NULL);

  append_block (self, BLOCK_TEXT)->markup = g_strdup (markup);
}

/**
 * seg_report_document_add_figures:
 * @labels: what each figure is ("Customers")
 * @values: the figures, formatted ("2,000")
 *
 * A row of key figures, wrapped into more rows on narrow pages.
 */
void
seg_report_document_add_figures (SegReportDocument  *self,
                                 const char * const *labels,
                                 const char * const *values)
{
  Block *block;

  g_return_if_fail (SEG_IS_REPORT_DOCUMENT (self));
  g_return_if_fail (labels != NULL && values != NULL);
  g_return_if_fail (g_strv_length ((char **) labels) == g_strv_length ((char **) values));

  block = append_block (self, BLOCK_FIGURES);
  block->labels = g_strdupv ((char **) labels);
  block->values = g_strdupv ((char **) values);
}

/**
 * seg_report_document_add_table:
 * @n_columns: at least one
 *
 * Returns: (transfer none): the table, to give columns and rows
 */
SegReportTable *
seg_report_document_add_table (SegReportDocument *self,
                               guint              n_columns)
{
  SegReportTable *table;
  Block *block;

  g_return_val_if_fail (SEG_IS_REPORT_DOCUMENT (self), NULL);
  g_return_val_if_fail (n_columns > 0, NULL);

  table = g_new0 (SegReportTable, 1);
  table->document = self;
  table->n_columns = n_columns;
  table->titles = g_new0 (char *, n_columns + 1);
  table->aligns = g_new0 (SegReportAlign, n_columns);
  table->weights = g_new0 (double, n_columns);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint c = 0; c < n_columns; c++)
    {
      table->titles[c] = g_strdup ("");
      table->weights[c] = 1;
    }

  block = append_block (self, BLOCK_TABLE);
  block->table = table;
  return table;
}

/**
 * seg_report_document_add_chart:
 * @height: in points; at most a page's body
 * @draw: draws the chart at the content width and @height
 *
 * A chart, or any drawing, kept whole on one page.
 */
void
seg_report_document_add_chart (SegReportDocument *self,
                               double             height,
                               SegReportDrawFunc  draw,
                               gpointer           user_data,
                               GDestroyNotify     destroy)
{
  Block *block;

  g_return_if_fail (SEG_IS_REPORT_DOCUMENT (self));
  g_return_if_fail (height > 0);
  g_return_if_fail (draw != NULL);

  block = append_block (self, BLOCK_CHART);
  block->chart_height = height;
  block->draw = draw;
  block->draw_data = user_data;
  block->draw_destroy = destroy;
}

/* A shaded box with a bold @title (nullable) over plain @text. */
void
seg_report_document_add_note (SegReportDocument *self,
                              const char        *title,
                              const char        *text)
{
  Block *block;

  g_return_if_fail (SEG_IS_REPORT_DOCUMENT (self));
  g_return_if_fail (text != NULL);

  block = append_block (self, BLOCK_NOTE);
  if (title != NULL)
    block->markup = g_markup_printf_escaped ("<b>%s</b>\n%s", title, text);
  else
    block->markup = escape (text);
}

void
seg_report_document_add_page_break (SegReportDocument *self)
{
  g_return_if_fail (SEG_IS_REPORT_DOCUMENT (self));

  append_block (self, BLOCK_PAGE_BREAK);
}

void
seg_report_table_set_caption (SegReportTable *table,
                              const char     *caption)
{
  g_return_if_fail (table != NULL);

  set_str (&table->caption, caption);
}

/**
 * seg_report_table_set_column:
 * @weight: the column's share of the width, relative to the others'
 */
void
seg_report_table_set_column (SegReportTable *table,
                             guint           column,
                             const char     *title,
                             SegReportAlign  align,
                             double          weight)
{
  g_return_if_fail (table != NULL);
  g_return_if_fail (column < table->n_columns);
  g_return_if_fail (weight > 0);

  set_str (&table->titles[column], title ? title : "");
  table->aligns[column] = align;
  table->weights[column] = weight;
}

/* @cells: as many as the table has columns; NULL ones are empty. */
void
seg_report_table_add_row (SegReportTable     *table,
                          const char * const *cells)
{
  char **row;

  g_return_if_fail (table != NULL);
  g_return_if_fail (cells != NULL);

  row = g_new0 (char *, table->n_columns + 1);
  for (guint c = 0; c < table->n_columns; c++)
    row[c] = g_strdup (cells[c] ? cells[c] : "");
  g_ptr_array_add (table->rows, row);
}

void
seg_report_table_append_row (SegReportTable *table,
                                 ...)
{
  g_autofree const char **cells = NULL;
  va_list args;

  g_return_if_fail (table != NULL);

  cells = g_new0 (const char *, table->n_columns + 1);
  va_start (args, table);
  for (guint c = 0; c < table->n_columns; c++)
    {
      cells[c] = va_arg (args, const char *);
      if (cells[c] == NULL)
        break;
    }
  va_end (args);
  seg_report_table_add_row (table, cells);
}

guint
seg_report_table_get_n_rows (SegReportTable *table)
{
  g_return_val_if_fail (table != NULL, 0);

  return table->rows->len;
}

/**
 * seg_report_document_layout:
 * @page_width: the sheet's width in points
 * @page_height: the sheet's height in points
 * @margins: where nothing is drawn; the running header and footer are
 *   inside them
 *
 * Breaks the document into pages for this sheet.  Call it again for
 * another sheet; drawing uses the last layout.
 *
 * Returns: the number of pages, at least 1
 */
guint
seg_report_document_layout (SegReportDocument      *self,
                            double                  page_width,
                            double                  page_height,
                            const SegReportMargins *margins)
{
  cairo_font_options_t *options;
  double body_height;

  g_return_val_if_fail (SEG_IS_REPORT_DOCUMENT (self), 0);
  g_return_val_if_fail (margins != NULL, 0);

  clear_pages (self);

  self->page_width = page_width;
  self->page_height = page_height;
  self->margins = *margins;
  self->content_width = MAX (page_width - margins->left - margins->right, 72);
  self->body_top = margins->top + HEADER_BAND;
  self->body_bottom = page_height - margins->bottom - FOOTER_BAND;
  if (self->body_bottom - self->body_top < 72)
    self->body_bottom = self->body_top + 72;
  body_height = self->body_bottom - self->body_top;

  /* The same breaks on every device: points at 72 dpi, unhinted metrics. */
  if (self->context == NULL)
    {
      /* The thread's shared font map: layout and drawing happen on the
       * same thread (the print operation's, or write_pdf's caller's). */
      self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
      pango_cairo_context_set_resolution (self->context, 72);
      options = cairo_font_options_create ();
      cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
      cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
      pango_cairo_context_set_font_options (self->context, options);
      cairo_font_options_destroy (options);
      pango_context_set_round_glyph_positions (self->context, FALSE);
    }

  for (guint i = 0; i < self->blocks->len; i++)
    measure_block (self, g_ptr_array_index (self->blocks, i), body_height);

  paginate (self);

  return self->pages->len;
}

guint
seg_report_document_get_n_pages (SegReportDocument *self)
{
  g_return_val_if_fail (SEG_IS_REPORT_DOCUMENT (self), 0);

  return self->pages->len;
}

/**
 * seg_report_document_draw_page:
 * @cr: its user space in points, the origin at the sheet's top left corner
 * @page: from 0
 *
 * Draws one page of the last layout.
 */
void
seg_report_document_draw_page (SegReportDocument *self,
                               cairo_t           *cr,
                               guint              page)
{
  Page *p;

  g_return_if_fail (SEG_IS_REPORT_DOCUMENT (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < self->pages->len);

  p = &g_array_index (self->pages, Page, page);

  cairo_save (cr);
  draw_header_and_footer (self, cr, page, p->cover);
  for (guint i = 0; i < p->pieces->len; i++)
    draw_piece (self, &g_array_index (p->pieces, Piece, i), cr);
  cairo_restore (cr);
}

char *
seg_report_document_dup_footer_text (SegReportDocument *self,
                                     guint              page)
{
  g_return_val_if_fail (SEG_IS_REPORT_DOCUMENT (self), NULL);

  /* TRANSLATORS: the footer of every page of a report */
  return g_strdup_printf (_("Page %u of %u"), page + 1, self->pages->len);
}

typedef struct
{
  int      fd;
  int      saved_errno;
} PdfStream;

static cairo_status_t
write_to_fd (void                *closure,
             const unsigned char *data,
             unsigned int         length)
{
  PdfStream *stream = closure;

  while (length > 0)
    {
      ssize_t written = write (stream->fd, data, length);

      if (written < 0)
        {
          if (errno == EINTR)
            continue;
          stream->saved_errno = errno;
          return CAIRO_STATUS_WRITE_ERROR;
        }
      data += written;
      length -= (unsigned int) written;
    }

  return CAIRO_STATUS_SUCCESS;
}

static void
add_outline (SegReportDocument *self,
             cairo_surface_t   *surface)
{
  int section = CAIRO_PDF_OUTLINE_ROOT;

  for (guint p = 0; p < self->pages->len; p++)
    {
      Page *page = &g_array_index (self->pages, Page, p);

      for (guint i = 0; i < page->pieces->len; i++)
        {
          Piece *piece = &g_array_index (page->pieces, Piece, i);
          Block *block = g_ptr_array_index (self->blocks, piece->block);
          g_autofree char *link = NULL;

          if (block->kind != BLOCK_HEADING)
            continue;

          link = g_strdup_printf ("page=%u pos=[%.1f %.1f]", p + 1, self->margins.left,
                                  piece->y);
          if (block->level <= 1)
            section = cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT,
                                                     block->text, link, 0);
          else
            cairo_pdf_surface_add_outline (surface, section, block->text, link, 0);
        }
    }
}

/**
 * seg_report_document_write_pdf:
 * @path: the file to write; replaced only once the new one is complete
 * @paper: the sheet to lay out for
 *
 * Lays the document out for @paper and writes it as a PDF file readable
 * by its owner only (it holds customers' names).
 */
gboolean
seg_report_document_write_pdf (SegReportDocument    *self,
                               const char           *path,
                               const SegReportPaper *paper,
                               GError              **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_path = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  PdfStream stream = { -1, 0 };
  guint n_pages;

  g_return_val_if_fail (SEG_IS_REPORT_DOCUMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (paper != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  n_pages = seg_report_document_layout (self, paper->width, paper->height, &paper->margins);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp_path = g_strdup_printf ("%s%c.%s-XXXXXX", dir, G_DIR_SEPARATOR, base);
  stream.fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (stream.fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, SEG_REPORT_ERROR, SEG_REPORT_ERROR_WRITE,
                   _("Could not write the report in “%s”: %s. Choose another folder."),
                   display, g_strerror (saved_errno));
      return FALSE;
    }

  surface = cairo_pdf_surface_create_for_stream (write_to_fd, &stream,
                                                 paper->width, paper->height);
  {
    cairo_t *cr = cairo_create (surface);
    Block *first = self->blocks->len > 0 ? g_ptr_array_index (self->blocks, 0) : NULL;

    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Segments");
    if (first && first->kind == BLOCK_COVER)
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, first->title);

    for (guint p = 0; p < n_pages; p++)
      {
        cairo_pdf_surface_set_size (surface, paper->width, paper->height);
        seg_report_document_draw_page (self, cr, p);
        cairo_show_page (cr);
      }
    add_outline (self, surface);
    status = cairo_status (cr);
    cairo_destroy (cr);
  }
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status == CAIRO_STATUS_SUCCESS && fsync (stream.fd) != 0)
    {
      stream.saved_errno = errno;
      status = CAIRO_STATUS_WRITE_ERROR;
    }
  if (close (stream.fd) != 0 && status == CAIRO_STATUS_SUCCESS)
    {
      stream.saved_errno = errno;
      status = CAIRO_STATUS_WRITE_ERROR;
    }

  if (status == CAIRO_STATUS_SUCCESS && g_rename (tmp_path, path) != 0)
    {
      stream.saved_errno = errno;
      status = CAIRO_STATUS_WRITE_ERROR;
    }

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_unlink (tmp_path);
      g_set_error (error, SEG_REPORT_ERROR, SEG_REPORT_ERROR_WRITE,
                   _("Could not write the report to “%s”: %s."), display,
                   stream.saved_errno ? g_strerror (stream.saved_errno)
                                      : cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}

guint
seg_report_document_get_table_rows_on_page (SegReportDocument *self,
                                            SegReportTable    *table,
                                            guint              page,
                                            guint             *first_row,
                                            gboolean          *with_header)
{
  Page *p;
  guint n = 0;

  g_return_val_if_fail (SEG_IS_REPORT_DOCUMENT (self), 0);
  g_return_val_if_fail (page < self->pages->len, 0);

  if (first_row)
    *first_row = 0;
  if (with_header)
    *with_header = FALSE;

  p = &g_array_index (self->pages, Page, page);
  for (guint i = 0; i < p->pieces->len; i++)
    {
      Piece *piece = &g_array_index (p->pieces, Piece, i);
      Block *block = g_ptr_array_index (self->blocks, piece->block);

      if (block->kind != BLOCK_TABLE || block->table != table)
        continue;
      for (guint r = 0; r < piece->rows->len; r++)
        {
          RowSlice *slice = &g_array_index (piece->rows, RowSlice, r);

          if (slice->row < 0)
            {
              if (with_header)
                *with_header = TRUE;
              continue;
            }
          if (n == 0 && first_row)
            *first_row = (guint) slice->row;
          n++;
        }
    }

  return n;
}

int
seg_report_document_find_heading_page (SegReportDocument *self,
                                       const char        *text)
{
  g_return_val_if_fail (SEG_IS_REPORT_DOCUMENT (self), -1);
  g_return_val_if_fail (text != NULL, -1);

  for (guint p = 0; p < self->pages->len; p++)
    {
      Page *page = &g_array_index (self->pages, Page, p);

      for (guint i = 0; i < page->pieces->len; i++)
        {
          Piece *piece = &g_array_index (page->pieces, Piece, i);
          Block *block = g_ptr_array_index (self->blocks, piece->block);

          if (block->kind == BLOCK_HEADING && g_strcmp0 (block->text, text) == 0)
            return (int) p;
        }
    }

  return -1;
}
