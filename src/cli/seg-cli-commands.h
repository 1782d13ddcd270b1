/* seg-cli-commands.h — the commands of segments-cli and what they share
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each group of commands lives in its own seg-cli-*.c file and is listed in
 * seg_cli_extra_commands[] (seg-cli-commands.c).  A command returns the exit
 * status: 0 done, 1 failed (message on stderr), 2 misused.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "seg-store.h"

G_BEGIN_DECLS

typedef struct
{
  const char *name;
  const char *summary;   /* N_() */
  int       (*run) (int argc, char **argv);
} SegCliCommand;

extern const SegCliCommand seg_cli_extra_commands[];

int       seg_cli_fail          (GError         *error);
int       seg_cli_usage_error   (GOptionContext *context,
                                 const char     *message);
gboolean  seg_cli_parse_as_of   (const char     *text,
                                 gint32         *day,
                                 GError        **error);
SegStore *seg_cli_open_store    (const char     *path,
                                 const char     *as_of,
                                 gint32         *day,
                                 GError        **error);
void      seg_cli_print_json    (JsonNode       *node);

gboolean  seg_cli_parse_options (GOptionContext     *context,
                                 const GOptionEntry *entries,
                                 int                *argc,
                                 char             ***argv,
                                 int                 n_args,
                                 const char         *n_args_message);

void      seg_cli_json_add_int    (JsonBuilder *builder,
                                   const char  *name,
                                   gint64       value);
void      seg_cli_json_add_double (JsonBuilder *builder,
                                   const char  *name,
                                   double       value);
void      seg_cli_json_add_string (JsonBuilder *builder,
                                   const char  *name,
                                   const char  *value);
void      seg_cli_print_builder   (JsonBuilder *builder);

G_END_DECLS
