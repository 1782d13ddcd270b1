/* seg-csv-reader.c — a streaming CSV reader for store exports
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seg-csv-reader"

#include "config.h"

#include "seg-csv-reader.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* One read from the input; also how much is sniffed.  64 KiB holds the
 * header and dozens of rows of any real export. */
#define CHUNK_SIZE (64 * 1024)
/* Bounds a row's memory whatever the field limits say. */
#define MAX_ROW_SIZE (64 * 1024 * 1024)
/* A few stray control characters happen in real data (copied from other
 * programs); more than this in one row means it is not text. */
#define MAX_CONTROLS_PER_ROW 8
#define MAX_SNIFF_LINES 50

typedef enum
{
  ENCODING_UTF8,
  ENCODING_UTF8_BOM,
  ENCODING_UTF16LE,
  ENCODING_UTF16BE,
  ENCODING_CP1252,
  ENCODING_LATIN1,
} Encoding;

static const char * const encoding_names[] = {
  "UTF-8", "UTF-8 (BOM)", "UTF-16LE", "UTF-16BE", "Windows-1252", "ISO-8859-1",
};

/* What seg_csv_reader_set_encoding() accepts, and the encoding each means. */
static const struct
{
  const char *name;
  Encoding    encoding;
} encoding_aliases[] = {
  { "UTF-8", ENCODING_UTF8 }, { "UTF8", ENCODING_UTF8 },
  { "UTF-16LE", ENCODING_UTF16LE }, { "UTF-16BE", ENCODING_UTF16BE },
  { "Windows-1252", ENCODING_CP1252 }, { "CP1252", ENCODING_CP1252 },
  { "ISO-8859-1", ENCODING_LATIN1 }, { "Latin1", ENCODING_LATIN1 },
  { "Latin-1", ENCODING_LATIN1 }, { "ISO8859-1", ENCODING_LATIN1 },
};

/* Windows-1252 0x80–0x9F; the five undefined bytes map to the C1 controls
 * of the same value, as the WHATWG encoding standard does. */
static const guint16 cp1252_high[32] = {
  0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

/* ---- SHA-256 of the bytes read ------------------------------------------
 *
 * The importer records the file's SHA-256 in import_log.  It is taken as
 * the bytes stream past, so the file is read once.  GChecksum's portable
 * code costs about as much as a fifth of a whole import; where the CPU has
 * the SHA extensions (every x86-64 since about 2017), blocks go through
 * them at several times the speed.  Both give the same digest (tested
 * against GChecksum in test-csv-reader). */

#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>
#include <immintrin.h>
#define HAVE_SHA_NI_CODE 1
#endif

typedef struct
{
  GChecksum *fallback;   /* when the CPU lacks the SHA extensions */
  guint32    h[8];
  guint8     block[64];
  gsize      block_len;
  guint64    total;
} Sha256;

static const guint32 sha256_k[64] = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#ifdef HAVE_SHA_NI_CODE
static gboolean
cpu_has_sha_ni (void)
{
  static int has = -1;

  if (has < 0)
    {
      unsigned int a, b, c, d;

      has = 0;
      if (__get_cpuid (1, &a, &b, &c, &d) && (c & bit_SSSE3) && (c & bit_SSE4_1)
          && __get_cpuid_count (7, 0, &a, &b, &c, &d) && (b & bit_SHA))
        has = 1;
    }
  return has;
}

/* The usual SHA-NI block loop (as in Intel's white paper), with the
 * sixteen four-round groups written as one loop. */
__attribute__ ((target ("sha,sse4.1,ssse3")))
static void
sha256_blocks_ni (guint32      h[8],
                  const guint8 *data,
                  gsize         n_blocks)
{
  const __m128i mask = _mm_set_epi64x (0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  __m128i state0, state1, tmp;

  tmp = _mm_loadu_si128 ((const __m128i *) &h[0]);
  state1 = _mm_loadu_si128 ((const __m128i *) &h[4]);
  tmp = _mm_shuffle_epi32 (tmp, 0xB1);              /* CDAB */
  state1 = _mm_shuffle_epi32 (state1, 0x1B);        /* EFGH */
  state0 = _mm_alignr_epi8 (tmp, state1, 8);        /* ABEF */
  state1 = _mm_blend_epi16 (state1, tmp, 0xF0);     /* CDGH */

  for (; n_blocks > 0; n_blocks--, data += 64)
    {
      __m128i abef = state0, cdgh = state1;
      __m128i m[4], msg;

      for (int g = 0; g < 16; g++)
        {
          if (g < 4)
            m[g] = _mm_shuffle_epi8 (_mm_loadu_si128 ((const __m128i *) (data + 16 * g)), mask);
          msg = _mm_add_epi32 (m[g & 3], _mm_loadu_si128 ((const __m128i *) &sha256_k[4 * g]));
          state1 = _mm_sha256rnds2_epu32 (state1, state0, msg);
          if (g >= 3 && g <= 14)
            {
              tmp = _mm_alignr_epi8 (m[g & 3], m[(g - 1) & 3], 4);
              m[(g + 1) & 3] = _mm_add_epi32 (m[(g + 1) & 3], tmp);
              m[(g + 1) & 3] = _mm_sha256msg2_epu32 (m[(g + 1) & 3], m[g & 3]);
            }
          msg = _mm_shuffle_epi32 (msg, 0x0E);
          state0 = _mm_sha256rnds2_epu32 (state0, state1, msg);
          if (g >= 1 && g <= 12)
            m[(g - 1) & 3] = _mm_sha256msg1_epu32 (m[(g - 1) & 3], m[g & 3]);
        }
      state0 = _mm_add_epi32 (state0, abef);
      state1 = _mm_add_epi32 (state1, cdgh);
    }

  tmp = _mm_shuffle_epi32 (state0, 0x1B);           /* FEBA */
  state1 = _mm_shuffle_epi32 (state1, 0xB1);        /* DCHG */
  state0 = _mm_blend_epi16 (tmp, state1, 0xF0);     /* DCBA */
  state1 = _mm_alignr_epi8 (state1, tmp, 8);        /* ABEF */
  _mm_storeu_si128 ((__m128i *) &h[0], state0);
  _mm_storeu_si128 ((__m128i *) &h[4], state1);
}
#endif

static void
sha256_init (Sha256 *sha)
{
  static const guint32 iv[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
    0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  };

  memset (sha, 0, sizeof *sha);
  memcpy (sha->h, iv, sizeof iv);
#ifdef HAVE_SHA_NI_CODE
  if (cpu_has_sha_ni () && g_getenv ("SEG_NO_SHA_NI") == NULL)
    return;
#endif
  sha->fallback = g_checksum_new (G_CHECKSUM_SHA256);
}

static void
sha256_clear (Sha256 *sha)
{
  g_clear_pointer (&sha->fallback, g_checksum_free);
}

static void
sha256_update (Sha256       *sha,
               const guint8 *data,
               gsize         len)
{
  if (sha->fallback != NULL)
    {
      g_checksum_update (sha->fallback, data, len);
      return;
    }
#ifdef HAVE_SHA_NI_CODE
  sha->total += len;
  if (sha->block_len > 0)
    {
      gsize take = MIN (len, 64 - sha->block_len);

      memcpy (sha->block + sha->block_len, data, take);
      sha->block_len += take;
      data += take;
      len -= take;
      if (sha->block_len < 64)
        return;
      sha256_blocks_ni (sha->h, sha->block, 1);
      sha->block_len = 0;
    }
  if (len >= 64)
    {
      sha256_blocks_ni (sha->h, data, len / 64);
      data += len / 64 * 64;
      len %= 64;
    }
  memcpy (sha->block, data, len);
  sha->block_len = len;
#endif
}

/* The hex digest; @sha can take no more data afterwards. */
static char *
sha256_finish (Sha256 *sha)
{
  if (sha->fallback != NULL)
    return g_strdup (g_checksum_get_string (sha->fallback));
#ifdef HAVE_SHA_NI_CODE
  {
    guint64 bits = sha->total * 8;
    guint8 pad[72] = { 0x80 };
    gsize pad_len = (sha->block_len < 56 ? 56 : 120) - sha->block_len;
    GString *hex = g_string_sized_new (64);

    for (int i = 0; i < 8; i++)
      pad[pad_len + i] = bits >> (56 - 8 * i);
    sha256_update (sha, pad, pad_len + 8);
    g_assert (sha->block_len == 0);
    for (int i = 0; i < 8; i++)
      g_string_append_printf (hex, "%08x", sha->h[i]);
    return g_string_free (hex, FALSE);
  }
#else
  g_assert_not_reached ();
#endif
}

struct _SegCsvReader
{
  GObject        parent_instance;

  GInputStream  *stream;
  char          *display_name;
  goffset        size;
  goffset        bytes_read;
  Sha256         sha256;

  Encoding       encoding;
  char           delimiter;
  /* The first bytes of the input, kept until the first row so that
   * set_encoding() can decode them again. */
  guint8        *sniffed;
  gsize          sniffed_len;
  guint          sniffed_complete : 1;
  guint          delimiter_set : 1;
  guint          started : 1;
  guint          eof : 1;
  guint          skip_lf : 1;
  GError        *error;

  /* Undecoded input (UTF-16 and Windows-1252 only), with up to three bytes
   * of a UTF-16 sequence carried over from the previous read. */
  guint8        *raw;
  gsize          raw_carry;
  /* UTF-8 input ready for the parser. */
  guint8        *buf;
  gsize          buf_pos;
  gsize          buf_end;

  guint8         special_unquoted[256];
  guint8         special_quoted[256];

  /* The current row: fields are NUL-terminated, one after the other, in
   * @row; @starts holds their offsets.  Both are reused for every row. */
  char          *row;
  gsize          row_len;
  gsize          row_cap;
  guint32       *starts;
  guint          n_fields;
  guint          starts_cap;
  char          *fix;
  gsize          fix_cap;

  gsize          line;
  gsize          row_line;
  SegCsvRowFlags row_flags;
  guint          n_header;
  guint64        n_rows;
  guint64        n_warnings;

  gsize          max_field_size;
  guint          max_fields;
};

G_DEFINE_FINAL_TYPE (SegCsvReader, seg_csv_reader, G_TYPE_OBJECT)

G_DEFINE_QUARK (seg-csv-error-quark, seg_csv_error)

static inline gsize
put_utf8 (guint8  *out,
          gunichar c)
{
  if (c < 0x80)
    {
      out[0] = c;
      return 1;
    }
  if (c < 0x800)
    {
      out[0] = 0xC0 | (c >> 6);
      out[1] = 0x80 | (c & 0x3F);
      return 2;
    }
  if (c < 0x10000)
    {
      out[0] = 0xE0 | (c >> 12);
      out[1] = 0x80 | ((c >> 6) & 0x3F);
      out[2] = 0x80 | (c & 0x3F);
      return 3;
    }
  out[0] = 0xF0 | (c >> 18);
  out[1] = 0x80 | ((c >> 12) & 0x3F);
  out[2] = 0x80 | ((c >> 6) & 0x3F);
  out[3] = 0x80 | (c & 0x3F);
  return 4;
}

static inline gunichar
cp1252_to_unichar (guint8 b)
{
  if (b >= 0x80 && b < 0xA0)
    return cp1252_high[b - 0x80];
  return b;
}

/* @out must hold 3 × @len bytes. */
static gsize
convert_cp1252 (const guint8 *in,
                gsize         len,
                guint8       *out)
{
  guint8 *o = out;

  for (gsize i = 0; i < len; i++)
    {
      if (in[i] < 0x80)
        *o++ = in[i];
      else
        o += put_utf8 (o, cp1252_to_unichar (in[i]));
    }
  return o - out;
}

/* Decodes @avail bytes of self->raw into self->buf; keeps an incomplete
 * trailing sequence in self->raw unless @at_eof. */
static void
decode_raw (SegCsvReader *self,
            gsize         avail,
            gboolean      at_eof)
{
  const guint8 *in = self->raw;
  guint8 *out = self->buf;
  gsize i = 0;

  if (self->encoding == ENCODING_LATIN1)
    {
      for (gsize k = 0; k < avail; k++)
        out += put_utf8 (out, in[k]);
      self->buf_end = out - self->buf;
      self->buf_pos = 0;
      self->raw_carry = 0;
      return;
    }

  if (self->encoding == ENCODING_CP1252)
    {
      self->buf_end = convert_cp1252 (in, avail, out);
      self->buf_pos = 0;
      self->raw_carry = 0;
      return;
    }

  while (i + 1 < avail)
    {
      gboolean le = self->encoding == ENCODING_UTF16LE;
      gunichar u = le ? (in[i] | in[i + 1] << 8) : (in[i] << 8 | in[i + 1]);

      if (u >= 0xD800 && u < 0xDC00)
        {
          gunichar u2;

          if (i + 3 >= avail)
            {
              if (!at_eof)
                break;
              out += put_utf8 (out, 0xFFFD);
              i += 2;
              continue;
            }
          u2 = le ? (in[i + 2] | in[i + 3] << 8) : (in[i + 2] << 8 | in[i + 3]);
          if (u2 >= 0xDC00 && u2 < 0xE000)
            {
              out += put_utf8 (out, 0x10000 + ((u - 0xD800) << 10) + (u2 - 0xDC00));
              i += 4;
            }
          else
            {
              out += put_utf8 (out, 0xFFFD);
              i += 2;
            }
          continue;
        }
      if (u >= 0xDC00 && u < 0xE000)
        u = 0xFFFD;
      out += put_utf8 (out, u);
      i += 2;
    }

  if (at_eof && i < avail)
    {
      /* An odd trailing byte: a truncated file. */
      out += put_utf8 (out, 0xFFFD);
      i = avail;
    }

  self->raw_carry = avail - i;
  memmove (self->raw, self->raw + i, self->raw_carry);
  self->buf_pos = 0;
  self->buf_end = out - self->buf;
}

static gssize
read_input (SegCsvReader  *self,
            guint8        *dest,
            gsize          count,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize n;

  /* Not every stream checks (memory streams do not). */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;

  n = g_input_stream_read (self->stream, dest, count, cancellable, &local_error);
  if (n < 0)
    {
      /* Streams of our own (a ZIP archive's member) say what went wrong in
       * the store owner's words already. */
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          || (local_error->domain != G_IO_ERROR && local_error->domain != G_FILE_ERROR))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, SEG_CSV_ERROR, SEG_CSV_ERROR_IO,
                     /* Translators: the first %s is a file name, the second
                      * the system's reason */
                     _("Could not read %s: %s"),
                     self->display_name, local_error->message);
      return -1;
    }
  self->bytes_read += n;
  sha256_update (&self->sha256, dest, n);
  return n;
}

/* 1: data in self->buf; 0: end of input; -1: error. */
static int
fill_buffer (SegCsvReader  *self,
             GCancellable  *cancellable,
             GError       **error)
{
  while (!self->eof)
    {
      gssize n;

      if (self->encoding == ENCODING_UTF8 || self->encoding == ENCODING_UTF8_BOM)
        {
          n = read_input (self, self->buf, CHUNK_SIZE, cancellable, error);
          if (n < 0)
            return -1;
          if (n == 0)
            break;
          self->buf_pos = 0;
          self->buf_end = n;
          return 1;
        }

      n = read_input (self, self->raw + self->raw_carry, CHUNK_SIZE, cancellable, error);
      if (n < 0)
        return -1;
      decode_raw (self, self->raw_carry + n, n == 0);
      if (self->buf_end > 0)
        {
          if (n == 0)
            self->eof = TRUE;
          return 1;
        }
      if (n == 0)
        break;
    }

  self->eof = TRUE;
  self->buf_pos = self->buf_end = 0;
  return 0;
}

/* TRUE when the @r bytes at @p are the start of a valid but cut UTF-8
 * sequence: the sniffed prefix may end in the middle of a character. */
static gboolean
is_truncated_utf8 (const guint8 *p,
                   gsize         r)
{
  gsize need;

  if (r == 0 || r > 3)
    return FALSE;
  if (p[0] >= 0xC2 && p[0] <= 0xDF)
    need = 2;
  else if (p[0] >= 0xE0 && p[0] <= 0xEF)
    need = 3;
  else if (p[0] >= 0xF0 && p[0] <= 0xF4)
    need = 4;
  else
    return FALSE;
  if (r >= need)
    return FALSE;
  for (gsize i = 1; i < r; i++)
    if ((p[i] & 0xC0) != 0x80)
      return FALSE;
  return TRUE;
}

static Encoding
sniff_encoding (const guint8 *p,
                gsize         n,
                gboolean      complete,
                gsize        *bom_len)
{
  const char *valid_end;
  gsize pairs, zeros_even = 0, zeros_odd = 0;

  *bom_len = 0;
  if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
    {
      *bom_len = 3;
      return ENCODING_UTF8_BOM;
    }
  if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE)
    {
      *bom_len = 2;
      return ENCODING_UTF16LE;
    }
  if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF)
    {
      *bom_len = 2;
      return ENCODING_UTF16BE;
    }

  /* UTF-16 without a byte-order mark: mostly ASCII text leaves every other
   * byte zero.  Binary files have zeros everywhere. */
  pairs = MIN (n, 1024) / 2;
  for (gsize i = 0; i < pairs; i++)
    {
      zeros_even += p[2 * i] == 0;
      zeros_odd += p[2 * i + 1] == 0;
    }
  if (pairs >= 4)
    {
      if (zeros_odd * 10 >= pairs * 4 && zeros_even * 20 < pairs)
        return ENCODING_UTF16LE;
      if (zeros_even * 10 >= pairs * 4 && zeros_odd * 20 < pairs)
        return ENCODING_UTF16BE;
    }

  /* Mostly valid UTF-8 with a few bad bytes is a UTF-8 file with a few
   * pasted Windows-1252 values (repaired per field later); Windows-1252
   * text almost never forms valid multi-byte sequences by chance. */
  {
    const guint8 *q = p, *end = p + n;
    gsize multi = 0, invalid = 0;

    while (q < end)
      {
        gboolean valid = g_utf8_validate_len ((const char *) q, end - q, &valid_end);

        for (const guint8 *v = q; v < (const guint8 *) valid_end; v++)
          multi += *v >= 0xC0;
        if (valid)
          break;
        q = (const guint8 *) valid_end;
        if (!complete && is_truncated_utf8 (q, end - q))
          break;
        /* A NUL stops validation too; such a file fails later as binary. */
        if (*q != '\0')
          invalid++;
        q++;
      }
    if (invalid == 0 || multi >= 2 * invalid)
      return ENCODING_UTF8;
  }

  return ENCODING_CP1252;
}

/* Picks the candidate whose count per line (outside quotes) is the most
 * consistent, then the most frequent; a semicolon file with decimal commas
 * has steady semicolons and unsteady commas. */
static char
sniff_delimiter (const guint8 *p,
                 gsize         len,
                 gboolean      complete)
{
  static const char candidates[] = { ',', ';', '\t', '|' };
  char best = ',';
  double best_consistency = 0;
  guint best_mode = 0;

  for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
    {
      guint counts[MAX_SNIFF_LINES];
      guint n_lines = 0, cur = 0, line_chars = 0, mode = 0, mode_freq = 0;
      gboolean in_quotes = FALSE;
      gsize i;
      double consistency;

      for (i = 0; i < len && n_lines < MAX_SNIFF_LINES; i++)
        {
          guint8 c = p[i];

          if (c == '"')
            in_quotes = !in_quotes;
          else if (!in_quotes && (c == '\n' || c == '\r'))
            {
              if (c == '\r' && i + 1 < len && p[i + 1] == '\n')
                i++;
              if (line_chars > 0)
                counts[n_lines++] = cur;
              cur = line_chars = 0;
              continue;
            }
          else if (!in_quotes && c == (guint8) candidates[k])
            cur++;
          line_chars++;
        }
      if (complete && i >= len && line_chars > 0 && n_lines < MAX_SNIFF_LINES)
        counts[n_lines++] = cur;
      if (n_lines == 0)
        continue;

      for (guint a = 0; a < n_lines; a++)
        {
          guint freq = 0;

          if (counts[a] == 0)
            continue;
          for (guint b = 0; b < n_lines; b++)
            freq += counts[b] == counts[a];
          if (freq > mode_freq || (freq == mode_freq && counts[a] > mode))
            {
              mode = counts[a];
              mode_freq = freq;
            }
        }
      if (mode == 0)
        continue;

      consistency = (double) mode_freq / n_lines;
      if (consistency > best_consistency + 1e-9
          || (consistency > best_consistency - 1e-9 && mode > best_mode))
        {
          best = candidates[k];
          best_consistency = consistency;
          best_mode = mode;
        }
    }

  return best;
}

static void
build_tables (SegCsvReader *self)
{
  memset (self->special_unquoted, 0, sizeof self->special_unquoted);
  for (guint c = 0; c < 0x20; c++)
    if (c != '\t' && c != '\v' && c != '\f')
      self->special_unquoted[c] = 1;
  memcpy (self->special_quoted, self->special_unquoted, sizeof self->special_quoted);
  self->special_unquoted['"'] = 1;
  self->special_unquoted[(guint8) self->delimiter] = 1;
  self->special_quoted['"'] = 1;
}

static gboolean
set_row_error (SegCsvReader  *self,
               GError       **error,
               gsize          line,
               SegCsvError    code,
               const char    *reason)
{
  g_set_error (error, SEG_CSV_ERROR, code,
               /* Translators: "data.csv, line 12, column 3: <reason>"; a
                * column is the n-th value in the row */
               _("%s, line %lu, column %u: %s"),
               self->display_name, (gulong) line, self->n_fields + 1, reason);
  return FALSE;
}

static gboolean
fail_field_too_long (SegCsvReader  *self,
                     gsize          field_line,
                     gboolean       quoted,
                     GError       **error)
{
  g_autofree char *reason = NULL;

  if (quoted)
    reason = g_strdup_printf (_("a quoted value that starts here is longer than %lu KiB, so "
                                "its closing quote (\") is probably missing. Add it, or remove "
                                "the stray quote, then import again."),
                              (gulong) (self->max_field_size / 1024));
  else
    reason = g_strdup_printf (_("a value is longer than %lu KiB. This does not look like a CSV "
                                "export; check that you chose the right file."),
                              (gulong) (self->max_field_size / 1024));
  return set_row_error (self, error, field_line, SEG_CSV_ERROR_FIELD_TOO_LONG, reason);
}

static inline gboolean
append_bytes (SegCsvReader  *self,
              const guint8  *bytes,
              gsize          len,
              gsize          field_start,
              gsize          field_line,
              gboolean       quoted,
              GError       **error)
{
  if (G_UNLIKELY (self->row_len + len - field_start > self->max_field_size))
    return fail_field_too_long (self, field_line, quoted, error);

  if (G_UNLIKELY (self->row_len + len + 1 > self->row_cap))
    {
      if (self->row_len + len + 1 > MAX_ROW_SIZE)
        return set_row_error (self, error, self->row_line, SEG_CSV_ERROR_ROW_TOO_LONG,
                              _("this row is longer than 64 MiB. This does not look like a "
                                "CSV export; check that you chose the right file."));
      while (self->row_len + len + 1 > self->row_cap)
        self->row_cap *= 2;
      self->row = g_realloc (self->row, self->row_cap);
    }

  memcpy (self->row + self->row_len, bytes, len);
  self->row_len += len;
  return TRUE;
}

static inline gboolean
finish_field (SegCsvReader  *self,
              gsize          field_start,
              GError       **error)
{
  if (G_UNLIKELY (self->n_fields >= self->max_fields))
    {
      g_autofree char *reason =
        g_strdup_printf (_("this row has more than %u values. This does not look like a "
                           "CSV export; check that you chose the right file and "
                           "delimiter."), self->max_fields);
      return set_row_error (self, error, self->row_line, SEG_CSV_ERROR_TOO_MANY_FIELDS, reason);
    }
  if (G_UNLIKELY (self->n_fields >= self->starts_cap))
    {
      self->starts_cap *= 2;
      self->starts = g_renew (guint32, self->starts, self->starts_cap);
    }
  /* append_bytes() always leaves room for the terminator. */
  if (G_UNLIKELY (self->row_len + 1 > self->row_cap))
    {
      self->row_cap *= 2;
      self->row = g_realloc (self->row, self->row_cap);
    }
  self->row[self->row_len++] = '\0';
  self->starts[self->n_fields++] = field_start;
  return TRUE;
}

static gboolean
check_control (SegCsvReader  *self,
               guint8         c,
               guint         *n_controls,
               GError       **error)
{
  if (c == '\0' || ++*n_controls > MAX_CONTROLS_PER_ROW)
    return set_row_error (self, error, self->line, SEG_CSV_ERROR_BINARY,
                          _("this file contains binary data, not text. Check that you chose a "
                            "CSV file; a spreadsheet (.xlsx, .ods) must first be saved as "
                            "CSV."));
  return TRUE;
}

static gboolean
is_ascii (const char *p,
          gsize       len)
{
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 w;

      memcpy (&w, p + i, 8);
      if (w & G_GUINT64_CONSTANT (0x8080808080808080))
        return FALSE;
    }
  for (; i < len; i++)
    if ((guint8) p[i] & 0x80)
      return FALSE;
  return TRUE;
}

static inline gsize
field_len (SegCsvReader *self,
           guint         i)
{
  gsize end = i + 1 < self->n_fields ? self->starts[i + 1] : self->row_len;

  return end - self->starts[i] - 1;
}

/* A file sniffed as UTF-8 may still hold a few Windows-1252 values further
 * down (a row pasted from another program): read those values as
 * Windows-1252 and flag the row rather than failing the import. */
static void
repair_encoding (SegCsvReader *self)
{
  gsize out = 0;
  gboolean repaired = FALSE;

  if (is_ascii (self->row, self->row_len))
    return;

  for (guint i = 0; i < self->n_fields && !repaired; i++)
    if (!g_utf8_validate_len (self->row + self->starts[i], field_len (self, i), NULL))
      repaired = TRUE;
  if (!repaired)
    return;

  if (self->fix_cap < self->row_len * 3)
    {
      self->fix_cap = self->row_len * 3;
      self->fix = g_realloc (self->fix, self->fix_cap);
    }

  for (guint i = 0; i < self->n_fields; i++)
    {
      const char *f = self->row + self->starts[i];
      gsize len = field_len (self, i);

      self->starts[i] = out;
      if (g_utf8_validate_len (f, len, NULL))
        {
          memcpy (self->fix + out, f, len);
          out += len;
        }
      else
        out += convert_cp1252 ((const guint8 *) f, len, (guint8 *) self->fix + out);
      self->fix[out++] = '\0';
    }

  {
    char *tmp = self->row;
    gsize tmp_cap = self->row_cap;

    self->row = self->fix;
    self->row_cap = self->fix_cap;
    self->fix = tmp;
    self->fix_cap = tmp_cap;
    self->row_len = out;
  }
  self->row_flags |= SEG_CSV_ROW_REENCODED;
}

/* Decodes the sniffed bytes as @encoding into the parser's buffer, and
 * sniffs the delimiter from them unless it was set. */
static void
decode_sniffed (SegCsvReader *self,
                Encoding      encoding,
                gsize         bom_len)
{
  gsize n = self->sniffed_len;

  self->encoding = encoding;
  self->raw_carry = 0;
  if (encoding == ENCODING_UTF8 || encoding == ENCODING_UTF8_BOM)
    {
      if (n > 0)
        memcpy (self->buf, self->sniffed, n);
      self->buf_pos = bom_len;
      self->buf_end = n;
    }
  else
    {
      if (n > bom_len)
        memcpy (self->raw, self->sniffed + bom_len, n - bom_len);
      decode_raw (self, n - bom_len, self->sniffed_complete);
    }
  self->eof = self->sniffed_complete;

  if (!self->delimiter_set)
    self->delimiter = sniff_delimiter (self->buf + self->buf_pos,
                                       self->buf_end - self->buf_pos,
                                       self->sniffed_complete);
}

static gboolean
init_reader (SegCsvReader  *self,
             GError       **error)
{
  gsize n = 0, bom_len;
  gboolean complete = FALSE;
  Encoding encoding;

  /* Sniff a full chunk: short reads are allowed by GInputStream. */
  while (n < CHUNK_SIZE)
    {
      gssize r = read_input (self, self->raw + n, CHUNK_SIZE - n, NULL, error);

      if (r < 0)
        return FALSE;
      if (r == 0)
        {
          complete = TRUE;
          break;
        }
      n += r;
    }

  self->sniffed = g_memdup2 (self->raw, n);
  self->sniffed_len = n;
  self->sniffed_complete = complete;
  encoding = sniff_encoding (self->raw, n, complete, &bom_len);
  decode_sniffed (self, encoding, bom_len);
  return TRUE;
}

static gboolean
query_size (SegCsvReader *self)
{
  if (G_IS_FILE_INPUT_STREAM (self->stream))
    {
      g_autoptr(GFileInfo) info =
        g_file_input_stream_query_info (G_FILE_INPUT_STREAM (self->stream),
                                        G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, NULL);

      if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE))
        {
          self->size = g_file_info_get_size (info);
          return TRUE;
        }
    }
  else if (G_IS_SEEKABLE (self->stream) && g_seekable_can_seek (G_SEEKABLE (self->stream)))
    {
      GSeekable *seekable = G_SEEKABLE (self->stream);
      goffset here = g_seekable_tell (seekable);

      if (g_seekable_seek (seekable, 0, G_SEEK_END, NULL, NULL))
        {
          self->size = g_seekable_tell (seekable) - here;
          g_seekable_seek (seekable, here, G_SEEK_SET, NULL, NULL);
          return TRUE;
        }
    }
  self->size = -1;
  return FALSE;
}

static void
seg_csv_reader_finalize (GObject *object)
{
  SegCsvReader *self = (SegCsvReader *) object;

  g_clear_object (&self->stream);
  g_clear_error (&self->error);
  g_free (self->display_name);
  g_free (self->raw);
  g_free (self->buf);
  g_free (self->row);
  g_free (self->starts);
  g_free (self->fix);
  g_free (self->sniffed);
  sha256_clear (&self->sha256);

  G_OBJECT_CLASS (seg_csv_reader_parent_class)->finalize (object);
}

static void
seg_csv_reader_class_init (SegCsvReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = seg_csv_reader_finalize;
}

static void
seg_csv_reader_init (SegCsvReader *self)
{
  self->raw = g_malloc (CHUNK_SIZE + 4);
  /* Windows-1252 grows up to three times when decoded. */
  self->buf = g_malloc (CHUNK_SIZE * 3 + 16);
  self->row_cap = 4096;
  self->row = g_malloc (self->row_cap);
  self->starts_cap = 64;
  self->starts = g_new (guint32, self->starts_cap);
  self->line = 1;
  self->size = -1;
  self->delimiter = ',';
  self->max_field_size = SEG_CSV_DEFAULT_MAX_FIELD_SIZE;
  self->max_fields = SEG_CSV_DEFAULT_MAX_FIELDS;
  sha256_init (&self->sha256);
}

/**
 * seg_csv_reader_new_for_stream:
 *
 * Sniffs the encoding and the delimiter from the first 64 KiB of @stream.
 *
 * Returns: (transfer full): a reader, or %NULL if @stream could not be read.
 */
SegCsvReader *
seg_csv_reader_new_for_stream (GInputStream  *stream,
                               const char    *display_name,
                               GError       **error)
{
  g_autoptr(SegCsvReader) self = NULL;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (SEG_TYPE_CSV_READER, NULL);
  self->stream = g_object_ref (stream);
  self->display_name = g_strdup (display_name != NULL ? display_name : _("the file"));
  query_size (self);

  if (!init_reader (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * seg_csv_reader_new_for_path:
 *
 * Returns: (transfer full): a reader, or %NULL if @path could not be opened.
 */
SegCsvReader *
seg_csv_reader_new_for_path (const char  *path,
                             GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_filename_display_basename (path);
  file = g_file_new_for_path (path);
  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, SEG_CSV_ERROR, SEG_CSV_ERROR_IO,
                   /* Translators: the first %s is a file name, the second
                    * the system's reason */
                   _("Could not open %s: %s"), name, local_error->message);
      return NULL;
    }

  return seg_csv_reader_new_for_stream (G_INPUT_STREAM (stream), name, error);
}

const char *
seg_csv_reader_get_encoding (SegCsvReader *self)
{
  g_return_val_if_fail (SEG_IS_CSV_READER (self), NULL);

  return encoding_names[self->encoding];
}

char
seg_csv_reader_get_delimiter (SegCsvReader *self)
{
  g_return_val_if_fail (SEG_IS_CSV_READER (self), ',');

  return self->delimiter;
}

void
seg_csv_reader_set_delimiter (SegCsvReader *self,
                              char          delimiter)
{
  g_return_if_fail (SEG_IS_CSV_READER (self));
  g_return_if_fail (!self->started);
  g_return_if_fail (delimiter != '"' && delimiter != '\n' && delimiter != '\r'
                    && delimiter != '\0');

  self->delimiter = delimiter;
  self->delimiter_set = TRUE;
}

/**
 * seg_csv_reader_lookup_encoding:
 * @name: "UTF-8", "windows-1252", "latin1"… (any case)
 *
 * Returns: (nullable): the canonical name of an encoding
 *   seg_csv_reader_set_encoding() takes, or %NULL
 */
const char *
seg_csv_reader_lookup_encoding (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (encoding_aliases); i++)
    if (g_ascii_strcasecmp (name, encoding_aliases[i].name) == 0)
      return encoding_names[encoding_aliases[i].encoding];
  return NULL;
}

/**
 * seg_csv_reader_set_encoding:
 * @encoding: "UTF-8", "UTF-16LE", "UTF-16BE", "Windows-1252" or
 *   "ISO-8859-1" (see seg_csv_reader_lookup_encoding())
 *
 * Overrides the sniffed encoding; only before the first row is read.  A
 * byte-order mark of the chosen encoding is still skipped, and the
 * delimiter is sniffed again unless it was set.
 *
 * Returns: %FALSE if @encoding is not one of those
 */
gboolean
seg_csv_reader_set_encoding (SegCsvReader  *self,
                             const char    *encoding,
                             GError       **error)
{
  const guint8 *p;
  gsize n, bom_len = 0;
  Encoding chosen = ENCODING_UTF8;
  gboolean found = FALSE;

  g_return_val_if_fail (SEG_IS_CSV_READER (self), FALSE);
  g_return_val_if_fail (encoding != NULL, FALSE);
  g_return_val_if_fail (!self->started, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (encoding_aliases) && !found; i++)
    if (g_ascii_strcasecmp (encoding, encoding_aliases[i].name) == 0)
      {
        chosen = encoding_aliases[i].encoding;
        found = TRUE;
      }
  if (!found)
    {
      g_set_error (error, SEG_CSV_ERROR, SEG_CSV_ERROR_ENCODING,
                   /* Translators: %s is what the user typed */
                   _("Unknown encoding “%s”. Choose UTF-8, UTF-16LE, UTF-16BE, "
                     "Windows-1252 or ISO-8859-1."), encoding);
      return FALSE;
    }

  p = self->sniffed;
  n = self->sniffed_len;
  if (chosen == ENCODING_UTF8 && n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
    {
      chosen = ENCODING_UTF8_BOM;
      bom_len = 3;
    }
  else if (chosen == ENCODING_UTF16LE && n >= 2 && p[0] == 0xFF && p[1] == 0xFE)
    bom_len = 2;
  else if (chosen == ENCODING_UTF16BE && n >= 2 && p[0] == 0xFE && p[1] == 0xFF)
    bom_len = 2;

  decode_sniffed (self, chosen, bom_len);
  return TRUE;
}

void
seg_csv_reader_set_limits (SegCsvReader *self,
                           gsize         max_field_size,
                           guint         max_fields)
{
  g_return_if_fail (SEG_IS_CSV_READER (self));
  g_return_if_fail (max_field_size > 0 && max_field_size < MAX_ROW_SIZE);
  g_return_if_fail (max_fields > 0);

  self->max_field_size = max_field_size;
  self->max_fields = max_fields;
}

const char *
seg_csv_reader_get_display_name (SegCsvReader *self)
{
  g_return_val_if_fail (SEG_IS_CSV_READER (self), NULL);

  return self->display_name;
}

/* Refills self->buf and reloads the parser's cursor. */
#define REFILL(on_eof)                                         \
  G_STMT_START {                                               \
    int r_;                                                    \
    self->buf_pos = pos;                                       \
    r_ = fill_buffer (self, cancellable, error);               \
    pos = self->buf_pos;                                       \
    end = self->buf_end;                                       \
    if (r_ < 0)                                                \
      goto fail;                                               \
    if (r_ == 0)                                               \
      on_eof;                                                  \
  } G_STMT_END

/**
 * seg_csv_reader_read_row:
 *
 * Reads the next row.  After an error (a cancellation included), every later
 * call fails with the same error.
 *
 * Returns: %TRUE if a row was read; %FALSE at the end of the input (@error
 *   unset) or on error.
 */
gboolean
seg_csv_reader_read_row (SegCsvReader  *self,
                         GCancellable  *cancellable,
                         GError       **error)
{
  const guint8 *buf, *sp_u, *sp_q;
  gsize pos, end, field_start = 0, field_line = 0;
  guint n_controls = 0;
  gboolean quoted = FALSE;
  guint8 delim;
  GError **caller_error = error;
  GError *local_error = NULL;

  g_return_val_if_fail (SEG_IS_CSV_READER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->error));
      return FALSE;
    }

  if (!self->started)
    {
      build_tables (self);
      self->started = TRUE;
      g_clear_pointer (&self->sniffed, g_free);
    }

  /* Errors go to local_error so that they stick (see above). */
  error = &local_error;
  buf = self->buf;
  sp_u = self->special_unquoted;
  sp_q = self->special_quoted;
  delim = (guint8) self->delimiter;
  pos = self->buf_pos;
  end = self->buf_end;

restart_row:
  self->row_len = 0;
  self->n_fields = 0;
  self->row_flags = SEG_CSV_ROW_OK;
  n_controls = 0;

  if (pos == end)
    REFILL (return FALSE);
  if (self->skip_lf)
    {
      self->skip_lf = FALSE;
      if (buf[pos] == '\n')
        {
          pos++;
          if (pos == end)
            REFILL (return FALSE);
        }
    }
  self->row_line = self->line;

new_field:
  field_start = self->row_len;
  field_line = self->line;
  quoted = FALSE;
  if (pos == end)
    REFILL (goto last_field);
  if (buf[pos] == '"')
    {
      pos++;
      quoted = TRUE;
      goto in_quotes;
    }

in_unquoted:
  for (;;)
    {
      gsize s = pos;
      guint8 c;

      while (pos < end && !sp_u[buf[pos]])
        pos++;
      if (pos > s && !append_bytes (self, buf + s, pos - s, field_start, field_line, quoted,
                                    error))
        goto fail;
      if (pos == end)
        {
          REFILL (goto last_field);
          continue;
        }

      c = buf[pos];
      if (c == delim)
        {
          pos++;
          if (!finish_field (self, field_start, error))
            goto fail;
          goto new_field;
        }
      if (c == '\n' || c == '\r')
        goto end_of_line;
      if (c != '"' && !check_control (self, c, &n_controls, error))
        goto fail;
      /* A quote inside an unquoted value is a literal (5" screen). */
      if (!append_bytes (self, buf + pos, 1, field_start, field_line, quoted, error))
        goto fail;
      pos++;
    }

in_quotes:
  for (;;)
    {
      gsize s = pos;
      guint8 c;

      while (pos < end && !sp_q[buf[pos]])
        pos++;
      if (pos > s && !append_bytes (self, buf + s, pos - s, field_start, field_line, quoted,
                                    error))
        goto fail;
      if (pos == end)
        {
          REFILL (goto unterminated);
          continue;
        }

      c = buf[pos];
      if (c == '"')
        {
          pos++;
          if (pos == end)
            REFILL (goto last_field);
          if (buf[pos] == '"')
            {
              if (!append_bytes (self, buf + pos, 1, field_start, field_line, quoted, error))
                goto fail;
              pos++;
              continue;
            }
          goto after_quote;
        }
      if (c == '\n' || c == '\r')
        {
          if (!append_bytes (self, buf + pos, 1, field_start, field_line, quoted, error))
            goto fail;
          pos++;
          self->line++;
          if (c == '\r')
            {
              if (pos == end)
                REFILL (goto unterminated);
              if (buf[pos] == '\n')
                {
                  if (!append_bytes (self, buf + pos, 1, field_start, field_line, quoted,
                                     error))
                    goto fail;
                  pos++;
                }
            }
          continue;
        }
      if (!check_control (self, c, &n_controls, error))
        goto fail;
      if (!append_bytes (self, buf + pos, 1, field_start, field_line, quoted, error))
        goto fail;
      pos++;
    }

after_quote:
  {
    guint8 c = buf[pos];

    if (c == delim)
      {
        pos++;
        if (!finish_field (self, field_start, error))
          goto fail;
        goto new_field;
      }
    if (c == '\n' || c == '\r')
      goto end_of_line;
    /* "a"b: keep going as an unquoted value, as spreadsheets do. */
    self->row_flags |= SEG_CSV_ROW_STRAY_QUOTE;
    goto in_unquoted;
  }

end_of_line:
  {
    guint8 c = buf[pos++];

    self->line++;
    if (c == '\r')
      {
        if (pos < end)
          {
            if (buf[pos] == '\n')
              pos++;
          }
        else
          self->skip_lf = TRUE;
      }
    if (!finish_field (self, field_start, error))
      goto fail;
    goto row_done;
  }

last_field:
  if (!finish_field (self, field_start, error))
    goto fail;

row_done:
  if (self->n_fields == 1 && self->row_len == 1 && !quoted)
    {
      /* A blank line, or a line break at the very end of the file. */
      if (self->eof && pos == end)
        {
          self->buf_pos = pos;
          self->n_fields = 0;
          return FALSE;
        }
      goto restart_row;
    }

  self->buf_pos = pos;

  if (self->encoding == ENCODING_UTF8 || self->encoding == ENCODING_UTF8_BOM)
    repair_encoding (self);

  if (self->n_rows == 0)
    self->n_header = self->n_fields;
  else if (self->n_fields != self->n_header)
    self->row_flags |= SEG_CSV_ROW_RAGGED;

  self->n_rows++;
  if (self->row_flags != SEG_CSV_ROW_OK)
    self->n_warnings++;
  return TRUE;

unterminated:
  set_row_error (self, error, field_line, SEG_CSV_ERROR_UNTERMINATED_QUOTE,
                 _("a quoted value starts here but its closing quote (\") is missing. "
                   "Add the missing quote, or remove the stray one, then import again."));

fail:
  /* The cursor may be in the middle of a row: nothing after this point can
   * be trusted, a cancellation included. */
  self->buf_pos = pos;
  self->n_fields = 0;
  self->row_len = 0;
  g_assert (local_error != NULL);
  self->error = g_error_copy (local_error);
  g_propagate_error (caller_error, local_error);
  return FALSE;
}

#undef REFILL

guint
seg_csv_reader_get_n_fields (SegCsvReader *self)
{
  g_return_val_if_fail (SEG_IS_CSV_READER (self), 0);

  return self->n_fields;
}

const char *
seg_csv_reader_get_field (SegCsvReader *self,
                          guint         i)
{
  g_return_val_if_fail (SEG_IS_CSV_READER (self), NULL);

  if (i >= self->n_fields)
    return NULL;
  return self->row + self->starts[i];
}

gsize
seg_csv_reader_get_field_len (SegCsvReader *self,
                              guint         i)
{
  g_return_val_if_fail (SEG_IS_CSV_READER (self), 0);

  if (i >= self->n_fields)
    return 0;
  return field_len (self, i);
}

const char *
seg_csv_reader_get_row (SegCsvReader    *self,
                        const guint32  **starts,
                        gsize           *len)
{
  g_return_val_if_fail (SEG_IS_CSV_READER (self), NULL);
  g_return_val_if_fail (starts != NULL && len != NULL, NULL);

  *starts = self->starts;
  *len = self->n_fields > 0 ? self->row_len : 0;
  return self->row;
}

gsize
seg_csv_reader_get_line (SegCsvReader *self)
{
  g_return_val_if_fail (SEG_IS_CSV_READER (self), 0);

  return self->row_line;
}

SegCsvRowFlags
seg_csv_reader_get_row_flags (SegCsvReader *self)
{
  g_return_val_if_fail (SEG_IS_CSV_READER (self), SEG_CSV_ROW_OK);

  return self->row_flags;
}

guint
seg_csv_reader_get_n_header_fields (SegCsvReader *self)
{
  g_return_val_if_fail (SEG_IS_CSV_READER (self), 0);

  return self->n_header;
}

guint64
seg_csv_reader_get_n_rows (SegCsvReader *self)
{
  g_return_val_if_fail (SEG_IS_CSV_READER (self), 0);

  return self->n_rows;
}

guint64
seg_csv_reader_get_n_warnings (SegCsvReader *self)
{
  g_return_val_if_fail (SEG_IS_CSV_READER (self), 0);

  return self->n_warnings;
}

goffset
seg_csv_reader_get_bytes_read (SegCsvReader *self)
{
  g_return_val_if_fail (SEG_IS_CSV_READER (self), 0);

  return self->bytes_read;
}

goffset
seg_csv_reader_get_size (SegCsvReader *self)
{
  g_return_val_if_fail (SEG_IS_CSV_READER (self), -1);

  return self->size;
}

/**
 * seg_csv_reader_dup_sha256:
 *
 * The SHA-256 of the input's bytes (as stored, before decoding), once the
 * reader has read it to the end; taken as it was read, at no extra pass.
 * Call it at most once.
 *
 * Returns: (transfer full) (nullable): the lower-case hex digest, or %NULL
 *   when the input was not read to its end
 */
char *
seg_csv_reader_dup_sha256 (SegCsvReader *self)
{
  g_return_val_if_fail (SEG_IS_CSV_READER (self), NULL);

  if (!self->eof || self->error != NULL)
    return NULL;
  return sha256_finish (&self->sha256);
}
