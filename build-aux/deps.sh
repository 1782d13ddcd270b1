# build-aux/deps.sh — Debian 12 packages Segments needs, installed when missing.
# Sourced by build-aux/run, build-aux/test and build-aux/bench.

SEG_BUILD_PACKAGES="build-essential pkg-config meson ninja-build gettext itstool
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libsqlite3-dev libcairo2-dev
  libpango1.0-dev libjson-glib-dev iso-codes desktop-file-utils appstream
  shared-mime-info fonts-cantarell adwaita-icon-theme"
SEG_TEST_PACKAGES="xvfb xauth dbus dbus-x11 at-spi2-core python3-pyatspi poppler-utils yelp-tools
  libxml2-utils sqlite3 python3 strace"

seg_install_packages ()
{
  local missing="" pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing="$missing $pkg"
    fi
  done
  [ -z "$missing" ] && return 0

  echo "Installing missing packages:$missing"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo="sudo"
    else
      echo "These Debian packages are missing:$missing" >&2
      echo "Install them as root (apt-get install$missing), then run this again." >&2
      return 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq || return 1
  # shellcheck disable=SC2086
  $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null || return 1
}
