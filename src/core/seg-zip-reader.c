/* seg-zip-reader.c — a small, careful reader of ZIP archives
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the central directory is read into memory (bounded); a member is
 * read through three streams: a window on the archive limited to the
 * member's compressed bytes, a raw-deflate GZlibDecompressor over it (for
 * deflated members), and a checking stream on top that counts, checksums
 * and refuses to give more than the directory promised.  The two helper
 * streams are private to this file.
 */

#define G_LOG_DOMAIN "seg-zip-reader"

#include "config.h"

#include "seg-zip-reader.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define SIG_LOCAL        0x04034b50
#define SIG_CENTRAL      0x02014b50
#define SIG_END          0x06054b50
#define SIG_ZIP64_LOCATOR 0x07064b50

#define END_SIZE         22
#define CENTRAL_SIZE     46
#define LOCAL_SIZE       30
/* The end record's comment is at most 65535 bytes. */
#define MAX_END_SEARCH   (END_SIZE + 65535)
/* Far beyond any export's directory (a name costs 46 bytes + its length). */
#define MAX_DIRECTORY_SIZE (16 * 1024 * 1024)
/* Below this, a member's compression ratio is not looked at. */
#define RATIO_FREE_SIZE  (1024 * 1024)

#define FLAG_ENCRYPTED   (1 << 0)
#define FLAG_UTF8        (1 << 11)
#define FLAG_STRONG_ENCRYPTION (1 << 6)

#define METHOD_STORED    0
#define METHOD_DEFLATED  8

typedef struct
{
  char    *name;
  guint16  flags;
  guint16  method;
  guint32  crc;
  guint64  compressed_size;
  guint64  size;
  guint64  local_offset;
  guint16  name_len;   /* as stored, for the overlap check */
  gboolean is_dir;
} Member;

struct _SegZipReader
{
  GObject   parent_instance;

  GFile    *file;
  GBytes   *bytes;
  char     *display_name;
  guint64   archive_size;
  /* Where the central directory starts: no member's data may reach it. */
  guint64   directory_offset;
  GArray   *members;  /* Member */

  guint64   max_member_size;
  guint     max_ratio;
};

G_DEFINE_FINAL_TYPE (SegZipReader, seg_zip_reader, G_TYPE_OBJECT)

G_DEFINE_QUARK (seg-zip-error-quark, seg_zip_error)

/* ---- CRC-32 (the ZIP polynomial, as zlib's crc32()) -------------------- */

static guint32 crc_table[256];

static void
init_crc_table (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (guint32 n = 0; n < 256; n++)
        {
          guint32 c = n;

          for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
          crc_table[n] = c;
        }
      g_once_init_leave (&done, 1);
    }
}

static guint32
crc32_update (guint32       crc,
              const guint8 *data,
              gsize         len)
{
  crc = ~crc;
  for (gsize i = 0; i < len; i++)
    crc = crc_table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

/* ---- A window on the archive: at most @remaining bytes ------------------ */

#define SEG_TYPE_ZIP_WINDOW_STREAM (seg_zip_window_stream_get_type ())
G_DECLARE_FINAL_TYPE (SegZipWindowStream, seg_zip_window_stream, SEG, ZIP_WINDOW_STREAM,
                      GFilterInputStream)

struct _SegZipWindowStream
{
  GFilterInputStream parent_instance;
  guint64            remaining;
};

G_DEFINE_FINAL_TYPE (SegZipWindowStream, seg_zip_window_stream, G_TYPE_FILTER_INPUT_STREAM)

static gssize
seg_zip_window_stream_read (GInputStream  *stream,
                            void          *buffer,
                            gsize          count,
                            GCancellable  *cancellable,
                            GError       **error)
{
  SegZipWindowStream *self = (SegZipWindowStream *) stream;
  GInputStream *base = g_filter_input_stream_get_base_stream (G_FILTER_INPUT_STREAM (stream));
  gssize n;

  if (self->remaining == 0)
    return 0;
  n = g_input_stream_read (base, buffer, MIN (count, self->remaining), cancellable, error);
  if (n > 0)
    self->remaining -= n;
  return n;
}

static void
seg_zip_window_stream_class_init (SegZipWindowStreamClass *klass)
{
  G_INPUT_STREAM_CLASS (klass)->read_fn = seg_zip_window_stream_read;
}

static void
seg_zip_window_stream_init (SegZipWindowStream *self)
{
}

/* ---- The member: counted, checksummed, bounded ------------------------- */

#define SEG_TYPE_ZIP_MEMBER_STREAM (seg_zip_member_stream_get_type ())
G_DECLARE_FINAL_TYPE (SegZipMemberStream, seg_zip_member_stream, SEG, ZIP_MEMBER_STREAM,
                      GFilterInputStream)

struct _SegZipMemberStream
{
  GFilterInputStream parent_instance;
  char              *archive;
  char              *member;
  guint32            expected_crc;
  guint64            expected_size;
  guint32            crc;
  guint64            total;
  gboolean           checked;
};

G_DEFINE_FINAL_TYPE (SegZipMemberStream, seg_zip_member_stream, G_TYPE_FILTER_INPUT_STREAM)

static gboolean
fail_damaged (SegZipMemberStream  *self,
              GError             **error)
{
  g_set_error (error, SEG_ZIP_ERROR, SEG_ZIP_ERROR_CORRUPT,
               /* Translators: the first %s is a ZIP archive, the second a
                * file inside it */
               _("“%s” is damaged: “%s” inside it does not unpack as it should (the "
                 "archive may have been cut short while downloading). Download the "
                 "export again."),
               self->archive, self->member);
  return FALSE;
}

static gssize
seg_zip_member_stream_read (GInputStream  *stream,
                            void          *buffer,
                            gsize          count,
                            GCancellable  *cancellable,
                            GError       **error)
{
  SegZipMemberStream *self = (SegZipMemberStream *) stream;
  GInputStream *base = g_filter_input_stream_get_base_stream (G_FILTER_INPUT_STREAM (stream));
  g_autoptr(GError) local_error = NULL;
  gssize n;

  if (self->checked)
    return 0;

  /* One byte more than promised is enough to tell a lie. */
  count = MIN (count, self->expected_size - self->total + 1);
  n = g_input_stream_read (base, buffer, count, cancellable, &local_error);
  if (n < 0)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          || local_error->domain == SEG_ZIP_ERROR)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (local_error->domain == G_IO_ERROR
               && (local_error->code == G_IO_ERROR_PARTIAL_INPUT
                   || local_error->code == G_IO_ERROR_INVALID_DATA
                   || local_error->code == G_IO_ERROR_FAILED))
        fail_damaged (self, error);
      else
        g_set_error (error, SEG_ZIP_ERROR, SEG_ZIP_ERROR_IO,
                     /* Translators: the first %s is a ZIP archive, the second
                      * the system's reason */
                     _("Could not read “%s”: %s"), self->archive, local_error->message);
      return -1;
    }

  if ((guint64) n > self->expected_size - self->total)
    {
      g_autofree char *promised = g_format_size (self->expected_size);

      g_set_error (error, SEG_ZIP_ERROR, SEG_ZIP_ERROR_TOO_LARGE,
                   /* Translators: the last %s is a size, "12.5 MB" */
                   _("“%s” is not safe to open: “%s” inside it unpacks to more than the "
                     "%s the archive says it holds. Download the export again from the "
                     "platform."),
                   self->archive, self->member, promised);
      return -1;
    }
  self->total += n;
  self->crc = crc32_update (self->crc, buffer, n);

  if (n == 0 && count > 0)
    {
      self->checked = TRUE;
      if (self->total != self->expected_size)
        return fail_damaged (self, error) ? 0 : -1;
      if (self->crc != self->expected_crc)
        {
          g_set_error (error, SEG_ZIP_ERROR, SEG_ZIP_ERROR_CHECKSUM,
                       _("“%s” is damaged: the checksum of “%s” inside it does not match, "
                         "so its contents cannot be trusted. Nothing was imported from it; "
                         "download the export again."),
                       self->archive, self->member);
          return -1;
        }
    }
  return n;
}

static void
seg_zip_member_stream_finalize (GObject *object)
{
  SegZipMemberStream *self = (SegZipMemberStream *) object;

  g_free (self->archive);
  g_free (self->member);

  G_OBJECT_CLASS (seg_zip_member_stream_parent_class)->finalize (object);
}

static void
seg_zip_member_stream_class_init (SegZipMemberStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = seg_zip_member_stream_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = seg_zip_member_stream_read;
}

static void
seg_zip_member_stream_init (SegZipMemberStream *self)
{
}

/* ---- The archive -------------------------------------------------------- */

static inline guint16
get16 (const guint8 *p)
{
  return p[0] | p[1] << 8;
}

static inline guint32
get32 (const guint8 *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

static void
member_clear (gpointer data)
{
  Member *member = data;

  g_free (member->name);
}

static void
seg_zip_reader_finalize (GObject *object)
{
  SegZipReader *self = (SegZipReader *) object;

  g_clear_object (&self->file);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_free (self->display_name);
  g_array_unref (self->members);

  G_OBJECT_CLASS (seg_zip_reader_parent_class)->finalize (object);
}

static void
seg_zip_reader_class_init (SegZipReaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = seg_zip_reader_finalize;
}

static void
seg_zip_reader_init (SegZipReader *self)
{
  init_crc_table ();
  self->members = g_array_new (FALSE, TRUE, sizeof (Member));
  g_array_set_clear_func (self->members, member_clear);
  self->max_member_size = SEG_ZIP_DEFAULT_MAX_MEMBER_SIZE;
  self->max_ratio = SEG_ZIP_DEFAULT_MAX_RATIO;
}

static gboolean
set_corrupt (SegZipReader  *self,
             GError       **error)
{
  g_set_error (error, SEG_ZIP_ERROR, SEG_ZIP_ERROR_CORRUPT,
               _("“%s” is damaged: its table of contents does not hold together (the "
                 "archive may have been cut short while downloading). Download the export "
                 "again."), self->display_name);
  return FALSE;
}

static gboolean
set_zip64 (SegZipReader  *self,
           GError       **error)
{
  g_set_error (error, SEG_ZIP_ERROR, SEG_ZIP_ERROR_UNSUPPORTED,
               _("“%s” uses the ZIP64 format (for archives over 4 GiB), which Segments "
                 "cannot read. Extract the CSV files it holds and import them one by one."),
               self->display_name);
  return FALSE;
}

/* A new stream on the archive, positioned at @offset. */
static GInputStream *
open_at (SegZipReader  *self,
         guint64        offset,
         GError       **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;

  if (self->bytes != NULL)
    stream = g_memory_input_stream_new_from_bytes (self->bytes);
  else
    stream = G_INPUT_STREAM (g_file_read (self->file, NULL, &local_error));

  if (stream == NULL
      || !g_seekable_seek (G_SEEKABLE (stream), offset, G_SEEK_SET, NULL, &local_error))
    {
      g_set_error (error, SEG_ZIP_ERROR, SEG_ZIP_ERROR_IO,
                   _("Could not read “%s”: %s"), self->display_name, local_error->message);
      return NULL;
    }
  return g_steal_pointer (&stream);
}

/* Reads exactly @count bytes at @offset. */
static gboolean
read_at (SegZipReader  *self,
         guint64        offset,
         guint8        *buffer,
         gsize          count,
         GError       **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize n = 0;

  if (offset > self->archive_size || count > self->archive_size - offset)
    return set_corrupt (self, error);
  stream = open_at (self, offset, error);
  if (stream == NULL)
    return FALSE;
  if (!g_input_stream_read_all (stream, buffer, count, &n, NULL, &local_error))
    {
      g_set_error (error, SEG_ZIP_ERROR, SEG_ZIP_ERROR_IO,
                   _("Could not read “%s”: %s"), self->display_name, local_error->message);
      return FALSE;
    }
  if (n != count)
    return set_corrupt (self, error);
  return TRUE;
}

/* A name that would climb out of a folder, name a drive or hide control
 * characters is a trick, never an export. */
static gboolean
is_unsafe_name (const char *name)
{
  g_auto(GStrv) parts = NULL;

  if (*name == '\0' || *name == '/' || strchr (name, '\\') != NULL || strchr (name, ':') != NULL)
    return TRUE;
  for (const char *p = name; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7F)
      return TRUE;
  parts = g_strsplit (name, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (strcmp (parts[i], "..") == 0)
      return TRUE;
  return FALSE;
}

static char *
decode_name (const guint8 *raw,
             gsize         len,
             gboolean      utf8)
{
  if (memchr (raw, '\0', len) != NULL)
    return NULL;
  if (g_utf8_validate_len ((const char *) raw, len, NULL))
    return g_strndup ((const char *) raw, len);
  if (!utf8)
    {
      /* Without the UTF-8 flag, names are in the DOS code page. */
      char *name = g_convert ((const char *) raw, len, "UTF-8", "CP437", NULL, NULL, NULL);

      if (name != NULL)
        return name;
    }
  return g_utf8_make_valid ((const char *) raw, len);
}

static int
compare_offsets (gconstpointer a,
                 gconstpointer b)
{
  const Member *ma = *(const Member * const *) a;
  const Member *mb = *(const Member * const *) b;

  return ma->local_offset < mb->local_offset ? -1 : ma->local_offset > mb->local_offset;
}

static gboolean
read_directory (SegZipReader  *self,
                GError       **error)
{
  g_autofree guint8 *tail = NULL;
  g_autofree guint8 *directory = NULL;
  g_autoptr(GPtrArray) by_offset = NULL;
  gsize tail_len;
  gssize end = -1;
  guint n_entries;
  guint64 dir_size, dir_offset, end_offset;
  gsize pos = 0;

  if (self->archive_size < END_SIZE)
    goto not_zip;

  tail_len = MIN (self->archive_size, MAX_END_SEARCH);
  tail = g_malloc (tail_len);
  if (!read_at (self, self->archive_size - tail_len, tail, tail_len, error))
    return FALSE;

  for (gssize i = tail_len - END_SIZE; i >= 0; i--)
    if (get32 (tail + i) == SIG_END
        && (gsize) i + END_SIZE + get16 (tail + i + 20) <= tail_len)
      {
        end = i;
        break;
      }
  if (end < 0)
    goto not_zip;
  end_offset = self->archive_size - tail_len + end;

  if (get16 (tail + end + 4) != 0 || get16 (tail + end + 6) != 0
      || get16 (tail + end + 8) != get16 (tail + end + 10))
    {
      g_set_error (error, SEG_ZIP_ERROR, SEG_ZIP_ERROR_UNSUPPORTED,
                   _("“%s” is one part of an archive split over several files, which "
                     "Segments cannot read. Download the export as a single file."),
                   self->display_name);
      return FALSE;
    }

  n_entries = get16 (tail + end + 10);
  dir_size = get32 (tail + end + 12);
  dir_offset = get32 (tail + end + 16);
  if (n_entries == 0xFFFF || dir_size == 0xFFFFFFFF || dir_offset == 0xFFFFFFFF
      || (end >= 20 && get32 (tail + end - 20) == SIG_ZIP64_LOCATOR))
    return set_zip64 (self, error);

  if (dir_offset + dir_size > end_offset || dir_size < (guint64) n_entries * CENTRAL_SIZE)
    return set_corrupt (self, error);
  if (dir_size > MAX_DIRECTORY_SIZE)
    {
      g_set_error (error, SEG_ZIP_ERROR, SEG_ZIP_ERROR_TOO_LARGE,
                   _("“%s” lists more files than any export holds. Check that you chose "
                     "the right file."), self->display_name);
      return FALSE;
    }
  self->directory_offset = dir_offset;

  directory = g_malloc (MAX (dir_size, 1));
  if (!read_at (self, dir_offset, directory, dir_size, error))
    return FALSE;

  for (guint i = 0; i < n_entries; i++)
    {
      const guint8 *p = directory + pos;
      Member member = { 0 };
      guint name_len, extra_len, comment_len;

      if (dir_size - pos < CENTRAL_SIZE || get32 (p) != SIG_CENTRAL)
        return set_corrupt (self, error);
      name_len = get16 (p + 28);
      extra_len = get16 (p + 30);
      comment_len = get16 (p + 32);
      if (dir_size - pos - CENTRAL_SIZE < (guint64) name_len + extra_len + comment_len)
        return set_corrupt (self, error);

      member.flags = get16 (p + 8);
      member.method = get16 (p + 10);
      member.crc = get32 (p + 16);
      member.compressed_size = get32 (p + 20);
      member.size = get32 (p + 24);
      member.local_offset = get32 (p + 42);
      member.name_len = name_len;
      if (member.compressed_size == 0xFFFFFFFF || member.size == 0xFFFFFFFF
          || member.local_offset == 0xFFFFFFFF || get16 (p + 34) == 0xFFFF)
        return set_zip64 (self, error);

      member.name = decode_name (p + CENTRAL_SIZE, name_len, member.flags & FLAG_UTF8);
      if (member.name == NULL || is_unsafe_name (member.name))
        {
          g_autofree char *shown = member.name ? g_strescape (member.name, NULL)
                                               : g_strdup ("");

          g_free (member.name);
          g_set_error (error, SEG_ZIP_ERROR, SEG_ZIP_ERROR_UNSAFE,
                       /* Translators: the first %s is a ZIP archive, the second
                        * a path inside it */
                       _("“%s” is not safe to open: it holds a file named “%s”, which "
                         "points outside the archive. Exports never do this; check where "
                         "the file came from."),
                       self->display_name, shown);
          return FALSE;
        }
      member.is_dir = g_str_has_suffix (member.name, "/");
      if (member.local_offset + LOCAL_SIZE + member.compressed_size > dir_offset)
        {
          g_free (member.name);
          return set_corrupt (self, error);
        }
      g_array_append_val (self->members, member);
      pos += CENTRAL_SIZE + name_len + extra_len + comment_len;
    }

  /* Members that share bytes are how the smallest zip bombs are made. */
  by_offset = g_ptr_array_sized_new (self->members->len);
  for (guint i = 0; i < self->members->len; i++)
    g_ptr_array_add (by_offset, &g_array_index (self->members, Member, i));
  g_ptr_array_sort (by_offset, compare_offsets);
  for (guint i = 1; i < by_offset->len; i++)
    {
      const Member *a = g_ptr_array_index (by_offset, i - 1);
      const Member *b = g_ptr_array_index (by_offset, i);

      if (a->local_offset + LOCAL_SIZE + a->name_len + a->compressed_size
          > b->local_offset)
        {
          g_set_error (error, SEG_ZIP_ERROR, SEG_ZIP_ERROR_UNSAFE,
                       _("“%s” is not safe to open: files inside it overlap, as in a “zip "
                         "bomb”. Exports never do this; check where the file came from."),
                       self->display_name);
          return FALSE;
        }
    }
  return TRUE;

not_zip:
  g_set_error (error, SEG_ZIP_ERROR, SEG_ZIP_ERROR_NOT_ZIP,
               _("“%s” is not a ZIP archive, or it was cut short. Download the export "
                 "again."), self->display_name);
  return FALSE;
}

/**
 * seg_zip_path_is_zip:
 *
 * Returns: whether @path starts with a ZIP signature
 */
gboolean
seg_zip_path_is_zip (const char *path)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  guint8 magic[4] = { 0 };
  gsize n = 0;

  g_return_val_if_fail (path != NULL, FALSE);

  file = g_file_new_for_path (path);
  stream = g_file_read (file, NULL, NULL);
  if (stream == NULL)
    return FALSE;
  g_input_stream_read_all (G_INPUT_STREAM (stream), magic, sizeof magic, &n, NULL, NULL);
  return n == sizeof magic
         && (get32 (magic) == SIG_LOCAL || get32 (magic) == SIG_END);
}

/**
 * seg_zip_reader_new_for_path:
 *
 * Reads the archive's directory (not its members).
 *
 * Returns: (transfer full): a reader, or %NULL with @error set
 */
SegZipReader *
seg_zip_reader_new_for_path (const char  *path,
                             GError     **error)
{
  g_autoptr(SegZipReader) self = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (SEG_TYPE_ZIP_READER, NULL);
  self->file = g_file_new_for_path (path);
  self->display_name = g_filename_display_basename (path);
  info = g_file_query_info (self->file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      g_set_error (error, SEG_ZIP_ERROR, SEG_ZIP_ERROR_IO,
                   /* Translators: the first %s is a file name, the second the
                    * system's reason */
                   _("Could not open “%s”: %s"), self->display_name, local_error->message);
      return NULL;
    }
  self->archive_size = g_file_info_get_size (info);
  if (!read_directory (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * seg_zip_reader_new_for_bytes:
 *
 * Returns: (transfer full): a reader of the archive in @bytes, or %NULL
 */
SegZipReader *
seg_zip_reader_new_for_bytes (GBytes      *bytes,
                              const char  *display_name,
                              GError     **error)
{
  g_autoptr(SegZipReader) self = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (SEG_TYPE_ZIP_READER, NULL);
  self->bytes = g_bytes_ref (bytes);
  self->display_name = g_strdup (display_name != NULL ? display_name : "archive.zip");
  self->archive_size = g_bytes_get_size (bytes);
  if (!read_directory (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
seg_zip_reader_get_display_name (SegZipReader *self)
{
  g_return_val_if_fail (SEG_IS_ZIP_READER (self), NULL);

  return self->display_name;
}

void
seg_zip_reader_set_limits (SegZipReader *self,
                           guint64       max_member_size,
                           guint         max_ratio)
{
  g_return_if_fail (SEG_IS_ZIP_READER (self));
  g_return_if_fail (max_ratio > 0);

  self->max_member_size = max_member_size;
  self->max_ratio = max_ratio;
}

guint
seg_zip_reader_get_n_members (SegZipReader *self)
{
  g_return_val_if_fail (SEG_IS_ZIP_READER (self), 0);

  return self->members->len;
}

const char *
seg_zip_reader_get_member_name (SegZipReader *self,
                                guint         index)
{
  g_return_val_if_fail (SEG_IS_ZIP_READER (self), NULL);
  g_return_val_if_fail (index < self->members->len, NULL);

  return g_array_index (self->members, Member, index).name;
}

guint64
seg_zip_reader_get_member_size (SegZipReader *self,
                                guint         index)
{
  g_return_val_if_fail (SEG_IS_ZIP_READER (self), 0);
  g_return_val_if_fail (index < self->members->len, 0);

  return g_array_index (self->members, Member, index).size;
}

gboolean
seg_zip_reader_member_is_dir (SegZipReader *self,
                              guint         index)
{
  g_return_val_if_fail (SEG_IS_ZIP_READER (self), FALSE);
  g_return_val_if_fail (index < self->members->len, FALSE);

  return g_array_index (self->members, Member, index).is_dir;
}

gboolean
seg_zip_reader_member_is_csv (SegZipReader *self,
                              guint         index)
{
  const Member *member;
  const char *base;

  g_return_val_if_fail (SEG_IS_ZIP_READER (self), FALSE);
  g_return_val_if_fail (index < self->members->len, FALSE);

  member = &g_array_index (self->members, Member, index);
  if (member->is_dir || g_str_has_prefix (member->name, "__MACOSX/"))
    return FALSE;
  base = strrchr (member->name, '/');
  base = base != NULL ? base + 1 : member->name;
  if (g_str_has_prefix (base, "._"))
    return FALSE;
  return g_str_has_suffix (base, ".csv") || g_str_has_suffix (base, ".CSV")
         || g_str_has_suffix (base, ".Csv");
}

int
seg_zip_reader_find_member (SegZipReader *self,
                            const char   *name)
{
  g_return_val_if_fail (SEG_IS_ZIP_READER (self), -1);
  g_return_val_if_fail (name != NULL, -1);

  for (guint i = 0; i < self->members->len; i++)
    if (strcmp (g_array_index (self->members, Member, i).name, name) == 0)
      return i;
  return -1;
}

/**
 * seg_zip_reader_open_member:
 *
 * Returns: (transfer full): a stream of the member's bytes, or %NULL when
 *   the member cannot be read (encrypted, an unknown method, too large)
 */
GInputStream *
seg_zip_reader_open_member (SegZipReader  *self,
                            guint          index,
                            GError       **error)
{
  const Member *member;
  guint8 local[LOCAL_SIZE];
  guint64 data_offset;
  g_autoptr(GInputStream) archive = NULL;
  g_autoptr(GInputStream) window = NULL;
  g_autoptr(GInputStream) inflated = NULL;
  SegZipMemberStream *stream;

  g_return_val_if_fail (SEG_IS_ZIP_READER (self), NULL);
  g_return_val_if_fail (index < self->members->len, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  member = &g_array_index (self->members, Member, index);

  if (member->flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION))
    {
      g_set_error (error, SEG_ZIP_ERROR, SEG_ZIP_ERROR_ENCRYPTED,
                   _("“%s” inside “%s” is protected by a password, which Segments cannot "
                     "open. Extract it with your archive program and import the CSV file."),
                   member->name, self->display_name);
      return NULL;
    }
  if (member->method != METHOD_STORED && member->method != METHOD_DEFLATED)
    {
      g_set_error (error, SEG_ZIP_ERROR, SEG_ZIP_ERROR_UNSUPPORTED,
                   _("“%s” inside “%s” is compressed with a method Segments cannot read "
                     "(number %u). Extract it with your archive program and import the CSV "
                     "file."),
                   member->name, self->display_name, member->method);
      return NULL;
    }
  if (member->size > self->max_member_size
      || (member->size > RATIO_FREE_SIZE
          && member->size / MAX (member->compressed_size, 1) >= self->max_ratio))
    {
      g_autofree char *size = g_format_size (member->size);
      g_autofree char *compressed = g_format_size (member->compressed_size);

      g_set_error (error, SEG_ZIP_ERROR, SEG_ZIP_ERROR_TOO_LARGE,
                   /* Translators: the last two %s are sizes, "4.3 GB" and "4.2 MB" */
                   _("“%s” is not safe to open: “%s” inside it would unpack to %s from %s, "
                     "far more than any export (a “zip bomb”). Check where the file came "
                     "from."),
                   self->display_name, member->name, size, compressed);
      return NULL;
    }
  if (member->method == METHOD_STORED && member->size != member->compressed_size)
    {
      set_corrupt (self, error);
      return NULL;
    }

  if (!read_at (self, member->local_offset, local, sizeof local, error))
    return NULL;
  if (get32 (local) != SIG_LOCAL)
    {
      set_corrupt (self, error);
      return NULL;
    }
  if (get16 (local + 6) & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION))
    {
      g_set_error (error, SEG_ZIP_ERROR, SEG_ZIP_ERROR_ENCRYPTED,
                   _("“%s” inside “%s” is protected by a password, which Segments cannot "
                     "open. Extract it with your archive program and import the CSV file."),
                   member->name, self->display_name);
      return NULL;
    }
  data_offset = member->local_offset + LOCAL_SIZE + get16 (local + 26) + get16 (local + 28);
  if (data_offset + member->compressed_size > self->directory_offset)
    {
      set_corrupt (self, error);
      return NULL;
    }

  archive = open_at (self, data_offset, error);
  if (archive == NULL)
    return NULL;
  window = g_object_new (SEG_TYPE_ZIP_WINDOW_STREAM, "base-stream", archive, NULL);
  ((SegZipWindowStream *) window)->remaining = member->compressed_size;

  if (member->method == METHOD_DEFLATED)
    {
      g_autoptr(GZlibDecompressor) inflater =
        g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW);

      inflated = g_converter_input_stream_new (window, G_CONVERTER (inflater));
    }
  else
    inflated = g_object_ref (window);

  stream = g_object_new (SEG_TYPE_ZIP_MEMBER_STREAM, "base-stream", inflated, NULL);
  stream->archive = g_strdup (self->display_name);
  stream->member = g_strdup (member->name);
  stream->expected_crc = member->crc;
  stream->expected_size = member->size;
  return G_INPUT_STREAM (stream);
}
