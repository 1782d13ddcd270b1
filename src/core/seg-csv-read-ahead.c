/* seg-csv-read-ahead.c — rows of a CSV reader, parsed on a second thread
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seg-csv-read-ahead"

#include "config.h"

#include "seg-csv-read-ahead.h"

#include <string.h>

/* Batches in flight between the threads, and how full one gets: enough for
 * neither thread to wait on the other, little enough to stay in cache. */
#define N_BATCHES      4
#define BATCH_ROWS     1024
#define BATCH_BYTES    (512 * 1024)

typedef struct
{
  gsize           text;      /* offset of the row's first field in text */
  guint           first;     /* index of its first field in ends */
  guint           n_fields;
  gsize           line;
  SegCsvRowFlags  flags;
} Row;

typedef struct
{
  char    *text;             /* the rows' fields, each NUL-terminated */
  gsize    text_len;
  gsize    text_cap;
  gsize   *ends;             /* where each field's NUL is, from text */
  guint    n_ends;
  guint    ends_cap;
  Row      rows[BATCH_ROWS];
  guint    n_rows;
  guint64  bytes_read;
  gboolean last;             /* no rows after these */
  GError  *error;            /* why, when not the end of the file */
} Batch;

struct _SegCsvReadAhead
{
  GObject         parent_instance;

  SegCsvReader   *reader;
  GCancellable   *cancellable;
  GThread        *thread;
  GAsyncQueue    *full;      /* producer → consumer */
  GAsyncQueue    *empty;     /* consumer → producer */
  Batch          *batches[N_BATCHES];
  gint            stop;      /* atomic: the consumer wants no more */

  Batch          *current;
  guint           row;       /* in current */
  gboolean        done;
};

G_DEFINE_FINAL_TYPE (SegCsvReadAhead, seg_csv_read_ahead, G_TYPE_OBJECT)

static void
batch_free (Batch *batch)
{
  g_clear_error (&batch->error);
  g_free (batch->text);
  g_free (batch->ends);
  g_free (batch);
}

static void
batch_add_row (Batch        *batch,
               SegCsvReader *reader)
{
  guint n = seg_csv_reader_get_n_fields (reader);
  Row *row = &batch->rows[batch->n_rows++];
  const guint32 *starts;
  gsize len;
  const char *text = seg_csv_reader_get_row (reader, &starts, &len);

  row->text = batch->text_len;
  row->first = batch->n_ends;
  row->n_fields = n;
  row->line = seg_csv_reader_get_line (reader);
  row->flags = seg_csv_reader_get_row_flags (reader);

  if (batch->n_ends + n > batch->ends_cap)
    {
      batch->ends_cap = MAX (batch->ends_cap * 2, batch->n_ends + n);
      batch->ends = g_renew (gsize, batch->ends, batch->ends_cap);
    }
  if (batch->text_len + len > batch->text_cap)
    {
      batch->text_cap = MAX (batch->text_cap * 2, batch->text_len + len);
      batch->text = g_realloc (batch->text, batch->text_cap);
    }

  /* A row's fields lie one after the other, NUL-separated, in the reader
   * as here: the whole row is one copy, and a field ends where the next
   * starts. */
  if (n > 0)
    {
      gsize base = starts[0];

      len -= base;
      memcpy (batch->text + batch->text_len, text + base, len);
      for (guint i = 1; i < n; i++)
        batch->ends[batch->n_ends++] = batch->text_len + starts[i] - base - 1;
      batch->ends[batch->n_ends++] = batch->text_len + len - 1;
      batch->text_len += len;
    }
}

static gpointer
produce (gpointer data)
{
  SegCsvReadAhead *self = data;

  for (;;)
    {
      Batch *batch = g_async_queue_pop (self->empty);

      batch->text_len = 0;
      batch->n_ends = 0;
      batch->n_rows = 0;
      while (batch->n_rows < BATCH_ROWS && batch->text_len < BATCH_BYTES
             && !g_atomic_int_get (&self->stop))
        {
          if (!seg_csv_reader_read_row (self->reader, self->cancellable, &batch->error))
            {
              batch->last = TRUE;
              break;
            }
          batch_add_row (batch, self->reader);
        }
      batch->bytes_read = seg_csv_reader_get_bytes_read (self->reader);
      if (g_atomic_int_get (&self->stop))
        batch->last = TRUE;
      g_async_queue_push (self->full, batch);
      if (batch->last)
        return NULL;
    }
}

/* Stops the thread wherever it is and waits for it. */
static void
stop_thread (SegCsvReadAhead *self)
{
  Batch *batch;

  if (self->thread == NULL)
    return;

  g_atomic_int_set (&self->stop, 1);
  /* The thread waits, if at all, for an empty batch. */
  if (self->current != NULL)
    {
      g_async_queue_push (self->empty, self->current);
      self->current = NULL;
    }
  while ((batch = g_async_queue_try_pop (self->full)) != NULL)
    {
      gboolean last = batch->last;

      g_async_queue_push (self->empty, batch);
      if (last)
        break;
    }
  g_thread_join (g_steal_pointer (&self->thread));
}

static void
seg_csv_read_ahead_finalize (GObject *object)
{
  SegCsvReadAhead *self = (SegCsvReadAhead *) object;

  stop_thread (self);
  g_clear_pointer (&self->full, g_async_queue_unref);
  g_clear_pointer (&self->empty, g_async_queue_unref);
  for (guint i = 0; i < N_BATCHES; i++)
    g_clear_pointer (&self->batches[i], batch_free);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->reader);

  G_OBJECT_CLASS (seg_csv_read_ahead_parent_class)->finalize (object);
}

static void
seg_csv_read_ahead_class_init (SegCsvReadAheadClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = seg_csv_read_ahead_finalize;
}

static void
seg_csv_read_ahead_init (SegCsvReadAhead *self)
{
  self->full = g_async_queue_new ();
  self->empty = g_async_queue_new ();
  for (guint i = 0; i < N_BATCHES; i++)
    {
      self->batches[i] = g_new0 (Batch, 1);
      g_async_queue_push (self->empty, self->batches[i]);
    }
}

SegCsvReadAhead *
seg_csv_read_ahead_new (SegCsvReader *reader)
{
  SegCsvReadAhead *self;

  g_return_val_if_fail (SEG_IS_CSV_READER (reader), NULL);

  self = g_object_new (SEG_TYPE_CSV_READ_AHEAD, NULL);
  self->reader = g_object_ref (reader);
  return self;
}

gboolean
seg_csv_read_ahead_read_row (SegCsvReadAhead  *self,
                             GCancellable     *cancellable,
                             GError          **error)
{
  g_return_val_if_fail (SEG_IS_CSV_READ_AHEAD (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->done)
    return FALSE;

  if (self->thread == NULL && self->current == NULL)
    {
      if (cancellable != NULL)
        self->cancellable = g_object_ref (cancellable);
      self->thread = g_thread_new ("csv-read-ahead", produce, self);
    }

  if (self->current != NULL && ++self->row < self->current->n_rows)
    return TRUE;

  for (;;)
    {
      if (self->current != NULL)
        {
          Batch *finished = g_steal_pointer (&self->current);

          if (finished->last)
            {
              /* The thread has ended: the reader is the caller's again. */
              g_thread_join (g_steal_pointer (&self->thread));
              self->done = TRUE;
              if (finished->error != NULL)
                g_propagate_error (error, g_steal_pointer (&finished->error));
              g_async_queue_push (self->empty, finished);
              return FALSE;
            }
          g_async_queue_push (self->empty, finished);
        }

      self->current = g_async_queue_pop (self->full);
      self->row = 0;
      if (self->current->n_rows > 0)
        return TRUE;
    }
}

static inline Row *
current_row (SegCsvReadAhead *self)
{
  return self->current != NULL && self->row < self->current->n_rows
         ? &self->current->rows[self->row] : NULL;
}

guint
seg_csv_read_ahead_get_n_fields (SegCsvReadAhead *self)
{
  Row *row;

  g_return_val_if_fail (SEG_IS_CSV_READ_AHEAD (self), 0);

  row = current_row (self);
  return row != NULL ? row->n_fields : 0;
}

const char *
seg_csv_read_ahead_peek_field (SegCsvReadAhead *self,
                               guint            i,
                               gsize           *len)
{
  Row *row;
  gsize start;

  g_return_val_if_fail (SEG_IS_CSV_READ_AHEAD (self), NULL);
  g_return_val_if_fail (len != NULL, NULL);

  row = current_row (self);
  if (row == NULL || i >= row->n_fields)
    {
      *len = 0;
      return NULL;
    }
  start = i == 0 ? row->text : self->current->ends[row->first + i - 1] + 1;
  *len = self->current->ends[row->first + i] - start;
  return self->current->text + start;
}

const char *
seg_csv_read_ahead_get_field (SegCsvReadAhead *self,
                              guint            i)
{
  gsize len;

  return seg_csv_read_ahead_peek_field (self, i, &len);
}

gsize
seg_csv_read_ahead_get_field_len (SegCsvReadAhead *self,
                                  guint            i)
{
  gsize len;

  seg_csv_read_ahead_peek_field (self, i, &len);
  return len;
}

gsize
seg_csv_read_ahead_get_line (SegCsvReadAhead *self)
{
  Row *row;

  g_return_val_if_fail (SEG_IS_CSV_READ_AHEAD (self), 0);

  row = current_row (self);
  return row != NULL ? row->line : 0;
}

SegCsvRowFlags
seg_csv_read_ahead_get_row_flags (SegCsvReadAhead *self)
{
  Row *row;

  g_return_val_if_fail (SEG_IS_CSV_READ_AHEAD (self), SEG_CSV_ROW_OK);

  row = current_row (self);
  return row != NULL ? row->flags : SEG_CSV_ROW_OK;
}

guint64
seg_csv_read_ahead_get_bytes_read (SegCsvReadAhead *self)
{
  g_return_val_if_fail (SEG_IS_CSV_READ_AHEAD (self), 0);

  return self->current != NULL ? self->current->bytes_read : 0;
}

SegCsvReader *
seg_csv_read_ahead_get_reader (SegCsvReadAhead *self)
{
  g_return_val_if_fail (SEG_IS_CSV_READ_AHEAD (self), NULL);

  return self->done ? self->reader : NULL;
}
