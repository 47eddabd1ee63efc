#!/usr/bin/env bash
# test-atspi.sh — the AT-SPI check of tests/test-atspi.py, in zh_CN and in English.
# SPDX-License-Identifier: GPL-3.0-or-later
# usage: test-atspi.sh SHEQU_BIN SHEQU_CLI BUILD_ROOT
# Each language runs in its own session bus (with its own accessibility bus); without
# a display, in its own Xvfb. The org view's accessible tree goes to
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
run() {
  if [[ -n ${DISPLAY:-} ]]; then
    dbus-run-session -- "$py" "$here/test-atspi.py" "$@"
  else
    dbus-run-session -- xvfb-run -a -s '-screen 0 1920x1080x24' "$py" "$here/test-atspi.py" "$@"
  fi
}
status=0
run "$bin" "$cli" zh_CN.UTF-8 "$out/atspi-org-view.txt" || status=1
run "$bin" "$cli" en_US.UTF-8 "$out/atspi-org-view-en.txt" || status=1
exit $status
