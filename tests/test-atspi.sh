#!/usr/bin/env bash
# test-atspi.sh — the AT-SPI check of tests/test-atspi.py, in zh_CN and in English.
# SPDX-License-Identifier: GPL-3.0-or-later
# usage: test-atspi.sh SHEQU_BIN SHEQU_CLI BUILD_ROOT
# Each language runs in its own session bus (with its own accessibility bus) and its
# own Xvfb. The org view's accessible tree goes to
# BUILD_ROOT/atspi-org-view.txt (zh_CN) and BUILD_ROOT/atspi-org-view-en.txt.
set -uo pipefail
bin=$1 cli=$2 out=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# Debian's python3-pyatspi is for the system Python, not the first python3 on PATH.
py=/usr/bin/python3
if ! "$py" -c 'import pyatspi' 2>/dev/null; then
  echo "1..0 # SKIP python3-pyatspi is not installed (build-aux/setup.sh installs it)"
  exit 77
fi
# Always its own X server: the accessibility bus launcher leaves its address on the
# display's root window (AT_SPI_BUS), and other tests sharing the display would try
# to reach that bus once this session has gone.
# And its own runtime folder: without XDG_RUNTIME_DIR every accessibility bus of the
# user puts its socket at ~/.cache/at-spi/bus, where one session removes another's.
run() {
  local runtime status
  runtime=$(mktemp -d)
  env -u DISPLAY -u WAYLAND_DISPLAY XDG_RUNTIME_DIR="$runtime" dbus-run-session -- \
    xvfb-run -a -s '-screen 0 1920x1080x24' "$py" "$here/test-atspi.py" "$@"
  status=$?
  rm -rf "$runtime"
  return $status
}
status=0
run "$bin" "$cli" zh_CN.UTF-8 "$out/atspi-org-view.txt" || status=1
run "$bin" "$cli" en_US.UTF-8 "$out/atspi-org-view-en.txt" || status=1
exit $status
