#!/usr/bin/env python3
# check-potfiles.py — every file with a translatable string is in po/POTFILES.in,
# and no translatable string builds its format from a GLib integer macro
# (xgettext cuts "%" G_GINT64_FORMAT short, so such a string is never translated).
#
# Copyright 2026 The Segments authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import sys

root = sys.argv[1]
listed = set()
with open(os.path.join(root, "po", "POTFILES.in")) as f:
    for line in f:
        line = line.strip()
        if line and not line.startswith("#"):
            listed.add(line)

marker = re.compile(r'\b(?:_|N_|C_|NC_|ngettext|g_dngettext)\s*\(\s*"')
macro_in_msgid = re.compile(r'\b(?:_|N_|ngettext)\s*\(\s*"[^"]*"\s*G_G(?:U?INT64|SIZE|SSIZE)_FORMAT')
problems = []
for top in ("src", "data"):
    for dirpath, _, names in os.walk(os.path.join(root, top)):
        for name in sorted(names):
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            if name.endswith((".c", ".h")):
                text = open(path, encoding="utf-8").read()
                needs = bool(marker.search(text))
                for m in macro_in_msgid.finditer(text):
                    line = text.count("\n", 0, m.start()) + 1
                    problems.append(f"{rel}:{line}: translatable string uses a G_G*_FORMAT macro")
            elif name.endswith(".ui"):
                needs = 'translatable="yes"' in open(path, encoding="utf-8").read()
            elif name.endswith((".desktop.in.in", ".metainfo.xml.in.in", ".gschema.xml")):
                needs = True
            else:
                continue
            if needs and rel not in listed:
                problems.append(f"{rel}: has translatable strings but is not in po/POTFILES.in")

for item in sorted(listed):
    if not os.path.exists(os.path.join(root, item)):
        problems.append(f"po/POTFILES.in lists {item}, which does not exist")

for p in problems:
    print(p)
sys.exit(1 if problems else 0)
