/* test-report.c — the report document's pagination and the segment report
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "seg-day.h"
#include "seg-demo.h"
#include "seg-report.h"

#define N_ROWS 300

static const char *long_words =
  "Organic cotton, recycled packaging and a carbon-neutral delivery promise; "
  "customers.with.extremely.long.addresses@example-subdomain.example.com too";

static void
draw_box_cb (cairo_t  *cr,
             double    width,
             double    height,
             gpointer  user_data)
{
  int *calls = user_data;

  (*calls)++;
  /* Deliberately larger than the box: the document must clip it. */
  cairo_set_source_rgb (cr, 0.2, 0.4, 0.8);
  cairo_rectangle (cr, -20, -20, width + 40, height + 40);
  cairo_fill (cr);
}

/* A document with everything in it: headings, text, figures, a chart, a
 * note and a table of @n_rows rows, some of them wrapping. */
static SegReportDocument *
make_document (guint            n_rows,
               SegReportTable **out_table,
               int             *chart_calls)
{
  SegReportDocument *doc = seg_report_document_new ();
  SegReportTable *table;
  const char *labels[] = { "Customers", "Buyers", "Revenue", NULL };
  const char *values[] = { "2,000", "1,491", "$1,028,036.14", NULL };

  seg_report_document_set_header (doc, "Northwind <Threads> & Co", "as of 30 June 2026");
  seg_report_document_add_cover (doc, "Northwind <Threads> & Co", "Test report", labels, values);
  seg_report_document_add_page_break (doc);
  seg_report_document_add_heading (doc, 1, "Summary");
  seg_report_document_add_paragraph (doc, "Markup <b>is not</b> read & neither is <this>.");
  seg_report_document_add_figures (doc, labels, values);
  seg_report_document_add_chart (doc, 180, draw_box_cb, chart_calls, NULL);
  seg_report_document_add_note (doc, "Message & offer", long_words);
  seg_report_document_add_heading (doc, 2, "All customers");

  table = seg_report_document_add_table (doc, 4);
  seg_report_table_set_caption (table, "Customers");
  seg_report_table_set_column (table, 0, "Row", SEG_REPORT_ALIGN_END, 0.6);
  seg_report_table_set_column (table, 1, "Name", SEG_REPORT_ALIGN_START, 2);
  seg_report_table_set_column (table, 2, "Notes", SEG_REPORT_ALIGN_START, 3);
  seg_report_table_set_column (table, 3, "Revenue", SEG_REPORT_ALIGN_END, 1);
  for (guint r = 0; r < n_rows; r++)
    {
      g_autofree char *number = g_strdup_printf ("%u", r);
      g_autofree char *name = g_strdup_printf ("Customer <%u>", r);
      const char *notes = r % 7 == 3 ? long_words : "short";

      seg_report_table_append_row (table, number, name, notes, "$12.34", NULL);
    }

  seg_report_document_add_heading (doc, 1, "Afterwards");
  seg_report_document_add_paragraph (doc, "The end.");

  if (out_table)
    *out_table = table;
  return doc;
}

static guint
layout_on (SegReportDocument  *doc,
           SegReportPaperSize  size,
           gboolean            landscape,
           SegReportPaper     *out_paper)
{
  SegReportPaper paper;

  seg_report_paper_init (&paper, size, landscape);
  if (out_paper)
    *out_paper = paper;
  return seg_report_document_layout (doc, paper.width, paper.height, &paper.margins);
}

static void
test_table_split (void)
{
  int calls = 0;
  g_autoptr(SegReportDocument) doc = NULL;
  SegReportTable *table;
  guint n_pages, next_row = 0, table_pages = 0;

  doc = make_document (N_ROWS, &table, &calls);
  n_pages = layout_on (doc, SEG_REPORT_PAPER_A4, FALSE, NULL);
  g_assert_cmpuint (n_pages, >=, 5);

  for (guint p = 0; p < n_pages; p++)
    {
      guint first = 0;
      gboolean with_header = FALSE;
      guint n = seg_report_document_get_table_rows_on_page (doc, table, p, &first, &with_header);

      if (n == 0)
        {
          g_assert_false (with_header);
          continue;
        }

      table_pages++;
      /* Every page of the table repeats its header row. */
      g_assert_true (with_header);
      /* Rows follow each other: none lost, none twice (rows are short
       * enough here never to be split). */
      g_assert_cmpuint (first, ==, next_row);
      next_row = first + n;
      /* No page ends with a lone last row, nor starts with one. */
      g_assert_cmpuint (n, >=, 2);
    }

  g_assert_cmpuint (next_row, ==, N_ROWS);
  g_assert_cmpuint (table_pages, >=, 4);

  /* The heading before the table stays with it. */
  {
    guint first;
    gboolean with_header;
    int heading_page = seg_report_document_find_heading_page (doc, "All customers");

    g_assert_cmpint (heading_page, >=, 0);
    g_assert_cmpuint (seg_report_document_get_table_rows_on_page (doc, table, heading_page,
                                                                  &first, &with_header), >, 0);
  }
}

/* Records each page and checks its ink against the printable area. */
static void
assert_inside_printable_area (SegReportDocument    *doc,
                              const SegReportPaper *paper,
                              guint                 n_pages)
{
  for (guint p = 0; p < n_pages; p++)
    {
      cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      cairo_t *cr = cairo_create (surface);
      double x, y, width, height;

      seg_report_document_draw_page (doc, cr, p);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_recording_surface_ink_extents (surface, &x, &y, &width, &height);
      cairo_surface_destroy (surface);

      /* Recording surfaces round ink extents out to whole units. */
      g_assert_cmpfloat (width, >, 0);
      g_assert_cmpfloat (x, >=, floor (paper->margins.left));
      g_assert_cmpfloat (y, >=, floor (paper->margins.top));
      g_assert_cmpfloat (x + width, <=, ceil (paper->width - paper->margins.right));
      g_assert_cmpfloat (y + height, <=, ceil (paper->height - paper->margins.bottom));
    }
}

static void
test_inside_printable_area (void)
{
  const struct
  {
    SegReportPaperSize size;
    gboolean           landscape;
  } sheets[] = {
    { SEG_REPORT_PAPER_A4, FALSE },
    { SEG_REPORT_PAPER_A4, TRUE },
    { SEG_REPORT_PAPER_LETTER, FALSE },
    { SEG_REPORT_PAPER_LETTER, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sheets); i++)
    {
      int calls = 0;
      g_autoptr(SegReportDocument) doc = make_document (N_ROWS, NULL, &calls);
      SegReportPaper paper;
      guint n_pages = layout_on (doc, sheets[i].size, sheets[i].landscape, &paper);

      assert_inside_printable_area (doc, &paper, n_pages);
      g_assert_cmpint (calls, ==, 1);
    }
}

static void
test_page_numbers (void)
{
  int calls = 0;
  g_autoptr(SegReportDocument) doc = make_document (N_ROWS, NULL, &calls);
  guint n_pages = layout_on (doc, SEG_REPORT_PAPER_LETTER, FALSE, NULL);

  for (guint p = 0; p < n_pages; p++)
    {
      g_autofree char *footer = seg_report_document_dup_footer_text (doc, p);
      g_autofree char *expected = g_strdup_printf ("Page %u of %u", p + 1, n_pages);

      g_assert_cmpstr (footer, ==, expected);
    }
  g_assert_cmpuint (seg_report_document_get_n_pages (doc), ==, n_pages);
}

static void
test_paper_sizes (void)
{
  int calls = 0;
  g_autoptr(SegReportDocument) doc = make_document (N_ROWS, NULL, &calls);
  guint a4 = layout_on (doc, SEG_REPORT_PAPER_A4, FALSE, NULL);
  guint a4_landscape = layout_on (doc, SEG_REPORT_PAPER_A4, TRUE, NULL);
  guint letter = layout_on (doc, SEG_REPORT_PAPER_LETTER, FALSE, NULL);
  guint letter_landscape = layout_on (doc, SEG_REPORT_PAPER_LETTER, TRUE, NULL);
  SegReportPaper paper;

  /* Letter is shorter than A4; landscape shorter still (the table's rows
   * are one line high whatever the width, so height decides). */
  g_assert_cmpuint (letter, >=, a4);
  g_assert_cmpuint (a4_landscape, >, a4);
  g_assert_cmpuint (letter_landscape, >, letter);
  /* ...but not absurdly so. */
  g_assert_cmpuint (a4_landscape, <, a4 * 2);

  seg_report_paper_init (&paper, SEG_REPORT_PAPER_LETTER, TRUE);
  g_assert_cmpfloat_with_epsilon (paper.width, 792, 0.01);
  g_assert_cmpfloat_with_epsilon (paper.height, 612, 0.01);

  /* Laying out again for the first sheet gives the first answer. */
  g_assert_cmpuint (layout_on (doc, SEG_REPORT_PAPER_A4, FALSE, NULL), ==, a4);
}

static void
test_tall_row (void)
{
  g_autoptr(SegReportDocument) doc = seg_report_document_new ();
  g_autoptr(GString) huge = g_string_new (NULL);
  SegReportTable *table;
  SegReportPaper paper;
  guint n_pages, pages_with_row = 0, next_row = 0;

  for (guint i = 0; i < 400; i++)
    g_string_append_printf (huge, "Line %u of a note far too long for one page.\n", i);

  table = seg_report_document_add_table (doc, 2);
  seg_report_table_set_column (table, 0, "Row", SEG_REPORT_ALIGN_START, 1);
  seg_report_table_set_column (table, 1, "Text", SEG_REPORT_ALIGN_START, 3);
  seg_report_table_append_row (table, "before", "short", NULL);
  seg_report_table_append_row (table, "tall", huge->str, NULL);
  seg_report_table_append_row (table, "after", "short", NULL);
  seg_report_document_add_paragraph (doc, huge->str);

  n_pages = layout_on (doc, SEG_REPORT_PAPER_A4, FALSE, &paper);
  g_assert_cmpuint (n_pages, >=, 4);
  for (guint p = 0; p < n_pages; p++)
    {
      guint first;
      gboolean with_header;
      guint n = seg_report_document_get_table_rows_on_page (doc, table, p, &first, &with_header);

      if (n == 0)
        continue;
      g_assert_true (with_header);
      /* The tall row continues from page to page: the first row of the
       * next page is the last row of this one. */
      g_assert_cmpuint (first, <=, next_row);
      next_row = first + n;
      if (first <= 1 && first + n > 1)
        pages_with_row++;
    }
  g_assert_cmpuint (next_row, ==, 3);
  g_assert_cmpuint (pages_with_row, >=, 2);
  assert_inside_printable_area (doc, &paper, n_pages);
}

static void
test_write_pdf (void)
{
  int calls = 0;
  g_autoptr(SegReportDocument) doc = make_document (40, NULL, &calls);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-report-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  SegReportPaper paper;
  struct stat st;
  gsize length;

  g_assert_no_error (error);
  path = g_build_filename (dir, "report.pdf", NULL);

  seg_report_paper_init (&paper, SEG_REPORT_PAPER_LETTER, FALSE);
  g_assert_true (seg_report_document_write_pdf (doc, path, &paper, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  /* Only the report is left in the folder: no temporary file. */
  {
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (listing))
      n++;
    g_assert_cmpuint (n, ==, 1);
  }

  /* A folder that is not there is an error, not a crash. */
  {
    g_autofree char *bad = g_build_filename (dir, "missing", "report.pdf", NULL);

    g_assert_false (seg_report_document_write_pdf (doc, bad, &paper, &error));
    g_assert_error (error, SEG_REPORT_ERROR, SEG_REPORT_ERROR_WRITE);
    g_clear_error (&error);
  }

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_full_report (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-report-XXXXXX", &error);
  g_autofree char *store_path = NULL;
  g_autofree char *pdf_path = NULL;
  g_autoptr(SegStore) store = NULL;
  g_autoptr(SegReportDocument) doc = NULL;
  gint32 last_day = seg_day_from_ymd (2026, 6, 30);
  SegReportOptions options;
  SegReportPaper paper;
  guint n_pages;

  g_assert_no_error (error);
  store_path = g_build_filename (dir, "demo.segments", NULL);
  pdf_path = g_build_filename (dir, "report.pdf", NULL);

  store = seg_demo_create (store_path, last_day, &error);
  g_assert_no_error (error);

  seg_report_options_init (&options);
  options.as_of_day = last_day;
  options.printed_day = last_day;
  doc = seg_report_build (store, &options, NULL, &error);
  g_assert_no_error (error);

  seg_report_paper_init (&paper, SEG_REPORT_PAPER_A4, FALSE);
  n_pages = seg_report_document_layout (doc, paper.width, paper.height, &paper.margins);
  g_assert_cmpuint (n_pages, >, 3);
  assert_inside_printable_area (doc, &paper, n_pages);

  g_assert_cmpint (seg_report_document_find_heading_page (doc, "Summary"), ==, 1);
  g_assert_cmpint (seg_report_document_find_heading_page (doc, "RFM groups"), >, 0);
  g_assert_cmpint (seg_report_document_find_heading_page (doc, "Definitions"), ==,
                   (int) n_pages - 1);

  g_assert_true (seg_report_document_write_pdf (doc, pdf_path, &paper, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (pdf_path, G_FILE_TEST_IS_REGULAR));

  /* One segment only, on Letter, landscape. */
  {
    const char *names[] = { "repeat buyers", NULL };
    g_autoptr(SegReportDocument) one = NULL;

    options.segments = names;
    options.paper = SEG_REPORT_PAPER_LETTER;
    options.landscape = TRUE;
    one = seg_report_build (store, &options, NULL, &error);
    g_assert_no_error (error);
    seg_report_paper_init (&paper, SEG_REPORT_PAPER_LETTER, TRUE);
    n_pages = seg_report_document_layout (one, paper.width, paper.height, &paper.margins);
    assert_inside_printable_area (one, &paper, n_pages);
    g_assert_cmpint (seg_report_document_find_heading_page (one, "Repeat buyers"), >, 0);
    g_assert_cmpint (seg_report_document_find_heading_page (one, "Lapsed customers"), ==, -1);
    g_assert_true (seg_report_write_pdf (store, &options, pdf_path, NULL, &error));
    g_assert_no_error (error);
  }

  /* A segment that is not there: the message lists those that are. */
  {
    const char *names[] = { "Repeat buyers", "Big spenders", NULL };
    g_autoptr(SegReportDocument) none = NULL;

    options.segments = names;
    none = seg_report_build (store, &options, NULL, &error);
    g_assert_null (none);
    g_assert_error (error, SEG_REPORT_ERROR, SEG_REPORT_ERROR_UNKNOWN_SEGMENT);
    g_assert_nonnull (strstr (error->message, "Big spenders"));
    g_assert_nonnull (strstr (error->message, "Lapsed customers"));
    g_clear_error (&error);
  }

  g_clear_object (&store);
  g_unlink (pdf_path);
  g_unlink (store_path);
  {
    /* The store may leave -wal/-shm or a backup next to it. */
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (listing)))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_unlink (path);
      }
  }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/document/table-split", test_table_split);
  g_test_add_func ("/report/document/inside-printable-area", test_inside_printable_area);
  g_test_add_func ("/report/document/page-numbers", test_page_numbers);
  g_test_add_func ("/report/document/paper-sizes", test_paper_sizes);
  g_test_add_func ("/report/document/tall-row", test_tall_row);
  g_test_add_func ("/report/document/write-pdf", test_write_pdf);
  g_test_add_func ("/report/full", test_full_report);

  return g_test_run ();
}
