/* seg-csv-reader.h — a streaming CSV reader for store exports
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SegCsvReader reads one row at a time from a file or a GInputStream with a
 * bounded buffer, so a multi-gigabyte export costs constant memory and the
 * first rows of any file are available at once.
 *
 * It takes what real platforms and spreadsheets write: RFC 4180 quoting
 * (delimiters, doubled quotes and line breaks inside quotes), CRLF, LF and
 * lone CR line endings, a missing final line break, ragged rows, a UTF-8 or
 * UTF-16 byte-order mark, and Windows-1252 files.  The delimiter (`,` `;`
 * TAB `|`) and the encoding are sniffed from the first 64 KiB when the reader
 * is created.  Fields come back as UTF-8, exactly as the file holds them
 * after unquoting.  Blank lines are skipped.
 *
 * Errors name the file, the physical line and the column (the 1-based field
 * number in the row), and say what to do.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SEG_CSV_ERROR (seg_csv_error_quark ())

typedef enum
{
  SEG_CSV_ERROR_IO,
  SEG_CSV_ERROR_BINARY,
  SEG_CSV_ERROR_ENCODING,
  SEG_CSV_ERROR_FIELD_TOO_LONG,
  SEG_CSV_ERROR_ROW_TOO_LONG,
  SEG_CSV_ERROR_TOO_MANY_FIELDS,
  SEG_CSV_ERROR_UNTERMINATED_QUOTE,
} SegCsvError;

/* Warnings about the current row; none of them stops reading. */
typedef enum
{
  SEG_CSV_ROW_OK          = 0,
  /* The row has a different number of fields than the first row. */
  SEG_CSV_ROW_RAGGED      = 1 << 0,
  /* A field was not valid UTF-8 and was read as Windows-1252. */
  SEG_CSV_ROW_REENCODED   = 1 << 1,
  /* A quoted field had text after its closing quote ("a"b → ab). */
  SEG_CSV_ROW_STRAY_QUOTE = 1 << 2,
} SegCsvRowFlags;

/* Defaults for seg_csv_reader_set_limits(). */
#define SEG_CSV_DEFAULT_MAX_FIELD_SIZE (1024 * 1024)
#define SEG_CSV_DEFAULT_MAX_FIELDS     10000

#define SEG_TYPE_CSV_READER (seg_csv_reader_get_type ())

G_DECLARE_FINAL_TYPE (SegCsvReader, seg_csv_reader, SEG, CSV_READER, GObject)

GQuark          seg_csv_error_quark            (void);

/* Opens @path and sniffs its encoding and delimiter (reads at most 64 KiB). */
SegCsvReader   *seg_csv_reader_new_for_path    (const char    *path,
                                                GError       **error);
/* Reads from @stream; @display_name (e.g. the file's basename) is used in
 * error messages.  The reader takes a reference on @stream. */
SegCsvReader   *seg_csv_reader_new_for_stream  (GInputStream  *stream,
                                                const char    *display_name,
                                                GError       **error);

/* "UTF-8", "UTF-8 (BOM)", "UTF-16LE", "UTF-16BE", "Windows-1252" or
 * "ISO-8859-1" (the last only when set). */
const char     *seg_csv_reader_get_encoding    (SegCsvReader  *self);
/* The sniffed (or set) delimiter: ',', ';', '\t' or '|'. */
char            seg_csv_reader_get_delimiter   (SegCsvReader  *self);
/* Overrides the sniffed delimiter; only before the first row is read. */
void            seg_csv_reader_set_delimiter   (SegCsvReader  *self,
                                                char           delimiter);
/* Overrides the sniffed encoding ("UTF-8", "UTF-16LE", "UTF-16BE",
 * "Windows-1252" or "ISO-8859-1", any case); only before the first row. */
gboolean        seg_csv_reader_set_encoding    (SegCsvReader  *self,
                                                const char    *encoding,
                                                GError       **error);
/* The canonical name of an encoding set_encoding() takes, or NULL. */
const char     *seg_csv_reader_lookup_encoding (const char    *name);
/* Changes the limits on one field's size in bytes and on fields per row. */
void            seg_csv_reader_set_limits      (SegCsvReader  *self,
                                                gsize          max_field_size,
                                                guint          max_fields);
const char     *seg_csv_reader_get_display_name (SegCsvReader *self);

/* Reads the next row.  Returns FALSE at the end of the file (with @error
 * unset) or on error.  Blank lines are skipped. */
gboolean        seg_csv_reader_read_row        (SegCsvReader  *self,
                                                GCancellable  *cancellable,
                                                GError       **error);

/* The current row; strings stay valid until the next read_row(). */
guint           seg_csv_reader_get_n_fields    (SegCsvReader  *self);
/* Field @i as NUL-terminated UTF-8, or NULL when @i is past the row's end
 * (so a short ragged row reads as missing trailing fields). */
const char     *seg_csv_reader_get_field       (SegCsvReader  *self,
                                                guint          i);
/* Length in bytes of field @i, 0 when past the end. */
gsize           seg_csv_reader_get_field_len   (SegCsvReader  *self,
                                                guint          i);
/* The whole current row as one block of *@len bytes: its fields one after
 * another, each NUL-terminated, field i at (*@starts)[i]. */
const char     *seg_csv_reader_get_row         (SegCsvReader    *self,
                                                const guint32  **starts,
                                                gsize           *len);
/* The physical line (1-based) where the current row starts. */
gsize           seg_csv_reader_get_line        (SegCsvReader  *self);
SegCsvRowFlags  seg_csv_reader_get_row_flags   (SegCsvReader  *self);

/* The number of fields in the first row (the header), 0 before it is read. */
guint           seg_csv_reader_get_n_header_fields (SegCsvReader *self);
/* Rows returned so far, the header included. */
guint64         seg_csv_reader_get_n_rows      (SegCsvReader  *self);
/* Rows returned so far with any SegCsvRowFlags set. */
guint64         seg_csv_reader_get_n_warnings  (SegCsvReader  *self);

/* For progress: bytes read from the input so far, and the input's size
 * (-1 when unknown). */
goffset         seg_csv_reader_get_bytes_read  (SegCsvReader  *self);
goffset         seg_csv_reader_get_size        (SegCsvReader  *self);

/* The SHA-256 (hex) of the input's bytes once read to the end, else NULL. */
char           *seg_csv_reader_dup_sha256      (SegCsvReader  *self);

G_END_DECLS
