#!/bin/sh
# The core stays GTK-free: no GTK or libadwaita include in src/core, and a file
# that tries one does not compile with the core's flags.
set -u
src="$1"
if grep -rnE '#\s*include\s*[<"](gtk|adwaita|gdk)/' "$src/src/core"; then
  echo "src/core includes GTK: move that code to src/gui" >&2
  exit 1
fi
flags=$(pkg-config --cflags glib-2.0 gio-2.0 sqlite3 cairo pangocairo json-glib-1.0)
tmp=$(mktemp -d)
printf '#include <gtk/gtk.h>\nint main (void) { return 0; }\n' > "$tmp/probe.c"
# shellcheck disable=SC2086
if cc $flags -I"$src/src/core" -fsyntax-only "$tmp/probe.c" 2>/dev/null; then
  echo "GTK headers are reachable with the core's compile flags" >&2
  rm -rf "$tmp"; exit 1
fi
rm -rf "$tmp"
echo "ok: src/core is GTK-free"
