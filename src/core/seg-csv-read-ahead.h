/* seg-csv-read-ahead.h — rows of a CSV reader, parsed on a second thread
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SegCsvReadAhead runs a SegCsvReader on a thread of its own and hands its
 * rows over in batches, so that reading, decoding, unquoting and digesting
 * the file go on beside whatever the caller does with each row (an import
 * spends most of its time in SQLite).  The rows, their line numbers, flags
 * and any error come out exactly as the reader gives them, in order.
 *
 * At most a few batches are held at once, so memory stays bounded however
 * large the file.  Once handed over, the reader belongs to the thread: use
 * only this object until the last row has been read.
 */

#pragma once

#include "seg-csv-reader.h"

G_BEGIN_DECLS

#define SEG_TYPE_CSV_READ_AHEAD (seg_csv_read_ahead_get_type ())

G_DECLARE_FINAL_TYPE (SegCsvReadAhead, seg_csv_read_ahead, SEG, CSV_READ_AHEAD, GObject)

/* Takes a reference on @reader, whose header (if any) has been read. */
SegCsvReadAhead *seg_csv_read_ahead_new           (SegCsvReader     *reader);

/* As seg_csv_reader_read_row(): FALSE at the end (with @error unset) or on
 * the reader's error.  @cancellable is the reader's for the whole run: the
 * one given first is used. */
gboolean         seg_csv_read_ahead_read_row      (SegCsvReadAhead  *self,
                                                   GCancellable     *cancellable,
                                                   GError          **error);

/* The current row, as seg_csv_reader_get_field() and friends give it;
 * strings stay valid until the next read_row(). */
guint            seg_csv_read_ahead_get_n_fields  (SegCsvReadAhead  *self);
const char      *seg_csv_read_ahead_get_field     (SegCsvReadAhead  *self,
                                                   guint             i);
gsize            seg_csv_read_ahead_get_field_len (SegCsvReadAhead  *self,
                                                   guint             i);
/* Both at once: field @i (or NULL) and its length in *@len. */
const char      *seg_csv_read_ahead_peek_field    (SegCsvReadAhead  *self,
                                                   guint             i,
                                                   gsize            *len);
gsize            seg_csv_read_ahead_get_line      (SegCsvReadAhead  *self);
SegCsvRowFlags   seg_csv_read_ahead_get_row_flags (SegCsvReadAhead  *self);

/* Bytes of the file read up to the current batch (for progress). */
guint64          seg_csv_read_ahead_get_bytes_read (SegCsvReadAhead *self);

/* The reader, once read_row() has returned FALSE; %NULL before. */
SegCsvReader    *seg_csv_read_ahead_get_reader    (SegCsvReadAhead  *self);

G_END_DECLS
