/* seg-report-document.h — a paginating document for the printer and PDF
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A SegReportDocument is a list of blocks (cover, heading, paragraph, key
 * figures, table, chart, note, page break).  seg_report_document_layout ()
 * lays them out with Pango for one page size and margins and returns the
 * number of pages; seg_report_document_draw_page () draws one page to any
 * cairo_t.  That is what a GtkPrintOperation's begin-print and draw-page
 * handlers need; seg_report_document_write_pdf () does both for a PDF file.
 *
 * All sizes are in points (1/72 inch), with the origin at the top left
 * corner of the paper.  Layout measures text device-independently (72 dpi,
 * unhinted metrics), so a page breaks the same way on screen, printer and
 * PDF.  Layout and drawing must happen on the same thread.
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

#define SEG_REPORT_ERROR (seg_report_error_quark ())

typedef enum
{
  SEG_REPORT_ERROR_FAILED,
  SEG_REPORT_ERROR_UNKNOWN_SEGMENT,
  SEG_REPORT_ERROR_WRITE,
  SEG_REPORT_ERROR_PAGE_TOO_SMALL,
} SegReportError;

typedef enum
{
  SEG_REPORT_PAPER_A4,
  SEG_REPORT_PAPER_LETTER,
} SegReportPaperSize;

typedef struct
{
  double top;
  double right;
  double bottom;
  double left;
} SegReportMargins;

/* A sheet: its size (already turned for landscape) and margins. */
typedef struct
{
  double           width;
  double           height;
  SegReportMargins margins;
} SegReportPaper;

typedef enum
{
  SEG_REPORT_ALIGN_START,
  SEG_REPORT_ALIGN_CENTER,
  SEG_REPORT_ALIGN_END,
} SegReportAlign;

/* Draws a chart (or anything) into the box (0, 0)–(@width, @height) of @cr;
 * the document clips to that box. */
typedef void (*SegReportDrawFunc) (cairo_t *cr,
                                   double   width,
                                   double   height,
                                   gpointer user_data);

typedef struct _SegReportTable SegReportTable;

#define SEG_TYPE_REPORT_DOCUMENT (seg_report_document_get_type ())

G_DECLARE_FINAL_TYPE (SegReportDocument, seg_report_document, SEG, REPORT_DOCUMENT, GObject)

GQuark              seg_report_error_quark              (void);

void                seg_report_paper_init               (SegReportPaper     *paper,
                                                         SegReportPaperSize  size,
                                                         gboolean            landscape);
gboolean            seg_report_paper_size_from_string   (const char         *text,
                                                         SegReportPaperSize *size);

SegReportDocument  *seg_report_document_new             (void);

/* The running header: the store's name on the left, a date on the right. */
void                seg_report_document_set_header      (SegReportDocument  *self,
                                                         const char         *start_text,
                                                         const char         *end_text);
void                seg_report_document_set_font_family (SegReportDocument  *self,
                                                         const char         *family);
const char         *seg_report_document_get_font_family (SegReportDocument  *self);

/* Blocks.  Text is plain text unless the name says markup; the document
 * escapes it. */
void                seg_report_document_add_cover       (SegReportDocument  *self,
                                                         const char         *title,
                                                         const char         *subtitle,
                                                         const char * const *detail_labels,
                                                         const char * const *detail_values);
void                seg_report_document_add_heading     (SegReportDocument  *self,
                                                         guint               level,
                                                         const char         *text);
void                seg_report_document_add_paragraph   (SegReportDocument  *self,
                                                         const char         *text);
void                seg_report_document_add_markup      (SegReportDocument  *self,
                                                         const char         *markup);
void                seg_report_document_add_figures     (SegReportDocument  *self,
                                                         const char * const *labels,
                                                         const char * const *values);
SegReportTable     *seg_report_document_add_table       (SegReportDocument  *self,
                                                         guint               n_columns);
void                seg_report_document_add_chart       (SegReportDocument  *self,
                                                         double              height,
                                                         SegReportDrawFunc   draw,
                                                         gpointer            user_data,
                                                         GDestroyNotify      destroy);
void                seg_report_document_add_note        (SegReportDocument  *self,
                                                         const char         *title,
                                                         const char         *text);
void                seg_report_document_add_page_break  (SegReportDocument  *self);

/* A table belongs to its document and lives as long as it. */
void                seg_report_table_set_caption        (SegReportTable     *table,
                                                         const char         *caption);
void                seg_report_table_set_column         (SegReportTable     *table,
                                                         guint               column,
                                                         const char         *title,
                                                         SegReportAlign      align,
                                                         double              weight);
void                seg_report_table_add_row            (SegReportTable     *table,
                                                         const char * const *cells);
void                seg_report_table_append_row         (SegReportTable     *table,
                                                         ...) G_GNUC_NULL_TERMINATED;
guint               seg_report_table_get_n_rows         (SegReportTable     *table);

/* Pagination */
guint               seg_report_document_layout          (SegReportDocument      *self,
                                                         double                  page_width,
                                                         double                  page_height,
                                                         const SegReportMargins *margins);
guint               seg_report_document_get_n_pages     (SegReportDocument  *self);
void                seg_report_document_draw_page       (SegReportDocument  *self,
                                                         cairo_t            *cr,
                                                         guint               page);
char               *seg_report_document_dup_footer_text (SegReportDocument  *self,
                                                         guint               page);
gboolean            seg_report_document_write_pdf       (SegReportDocument    *self,
                                                         const char           *path,
                                                         const SegReportPaper *paper,
                                                         GError              **error);

/* For tests: which rows of @table are on @page (row pieces count once),
 * and whether the header row is drawn there.  Returns the number of rows. */
guint               seg_report_document_get_table_rows_on_page (SegReportDocument *self,
                                                                SegReportTable    *table,
                                                                guint              page,
                                                                guint             *first_row,
                                                                gboolean          *with_header);
/* For tests: the page a heading with this exact text starts on, or -1. */
int                 seg_report_document_find_heading_page (SegReportDocument *self,
                                                           const char        *text);

G_END_DECLS
