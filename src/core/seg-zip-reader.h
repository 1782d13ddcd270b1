/* seg-zip-reader.h — a small, careful reader of ZIP archives
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Mailchimp sends an audience export as a ZIP archive holding one CSV file
 * per member status.  SegZipReader reads the archive's central directory,
 * lists its members and opens one as a GInputStream that inflates as it is
 * read: the archive is never held in memory.  Stored and deflated members
 * are read; ZIP64, split archives, encryption and other methods are refused
 * with a message that says so.  Every member's CRC-32 and size are checked
 * when its stream reaches the end.
 *
 * The archive comes from outside, so it is distrusted: names with `..`,
 * absolute paths, backslashes, drive letters or control characters, members
 * that overlap (how some zip bombs work), and members whose size or ratio
 * of sizes is absurd are refused before a byte is inflated, and a member
 * that inflates to more than its directory entry says fails at once.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SEG_ZIP_ERROR (seg_zip_error_quark ())

typedef enum
{
  SEG_ZIP_ERROR_IO,
  SEG_ZIP_ERROR_NOT_ZIP,        /* no end-of-central-directory record */
  SEG_ZIP_ERROR_CORRUPT,        /* damaged or cut short */
  SEG_ZIP_ERROR_UNSUPPORTED,    /* ZIP64, split archives, unknown methods */
  SEG_ZIP_ERROR_ENCRYPTED,
  SEG_ZIP_ERROR_UNSAFE,         /* path tricks, overlapping members */
  SEG_ZIP_ERROR_TOO_LARGE,      /* a member too large or too compressed */
  SEG_ZIP_ERROR_CHECKSUM,       /* CRC-32 or size differs at the end */
  SEG_ZIP_ERROR_NOT_FOUND,      /* no member by that name */
} SegZipError;

/* Defaults for seg_zip_reader_set_limits(): a member may inflate to 4 GiB
 * at most, and a member above 1 MiB to at most 200 times its compressed
 * size (CSV exports compress 5 to 20 times). */
#define SEG_ZIP_DEFAULT_MAX_MEMBER_SIZE (G_GUINT64_CONSTANT (4) << 30)
#define SEG_ZIP_DEFAULT_MAX_RATIO       200

#define SEG_TYPE_ZIP_READER (seg_zip_reader_get_type ())

G_DECLARE_FINAL_TYPE (SegZipReader, seg_zip_reader, SEG, ZIP_READER, GObject)

GQuark          seg_zip_error_quark                (void);

/* Whether @path starts like a ZIP archive (reads four bytes). */
gboolean        seg_zip_path_is_zip                (const char    *path);

/* Reads the central directory of @path. */
SegZipReader   *seg_zip_reader_new_for_path        (const char    *path,
                                                    GError       **error);
/* The same for an archive in memory (for tests and fuzzing). */
SegZipReader   *seg_zip_reader_new_for_bytes       (GBytes        *bytes,
                                                    const char    *display_name,
                                                    GError       **error);

/* The archive's name as messages show it: "audience.zip". */
const char     *seg_zip_reader_get_display_name    (SegZipReader  *self);
void            seg_zip_reader_set_limits          (SegZipReader  *self,
                                                    guint64        max_member_size,
                                                    guint          max_ratio);

/* Members in directory order, folders included. */
guint           seg_zip_reader_get_n_members       (SegZipReader  *self);
/* The member's path inside the archive, as UTF-8: "members/x.csv". */
const char     *seg_zip_reader_get_member_name     (SegZipReader  *self,
                                                    guint          index);
/* The size once inflated, as the directory says. */
guint64         seg_zip_reader_get_member_size     (SegZipReader  *self,
                                                    guint          index);
gboolean        seg_zip_reader_member_is_dir       (SegZipReader  *self,
                                                    guint          index);
/* A CSV file, not a folder nor macOS metadata (__MACOSX/, ._name). */
gboolean        seg_zip_reader_member_is_csv       (SegZipReader  *self,
                                                    guint          index);
/* The index of the member called @name, or -1. */
int             seg_zip_reader_find_member         (SegZipReader  *self,
                                                    const char    *name);

/* A stream of the member's inflated bytes; it fails with SEG_ZIP_ERROR when
 * the member turns out damaged (checked as it goes and at its end).  Each
 * stream reads the archive on its own, so several may be open at once. */
GInputStream   *seg_zip_reader_open_member         (SegZipReader  *self,
                                                    guint          index,
                                                    GError       **error);

G_END_DECLS
