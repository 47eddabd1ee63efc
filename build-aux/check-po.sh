#!/usr/bin/env bash
# check-po.sh — every string marked for translation has a zh_CN translation (a test).
# SPDX-License-Identifier: GPL-3.0-or-later
# usage: check-po.sh SOURCE_ROOT
set -euo pipefail
root=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root"
# The same keywords as meson's glib preset.
xgettext --from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
  --keyword=NC_:1c,2 --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --files-from=po/POTFILES.in --output="$tmp/shequ.pot" 2>"$tmp/xgettext.log" || {
  cat "$tmp/xgettext.log" >&2; exit 1; }
# Source files with translatable strings must be listed.
missing=$(comm -23 \
  <(grep -lE '\b(_|N_|C_)\s*\("' src/*/*.c 2>/dev/null; grep -l 'translatable="yes"' ui/*.ui | sort -u) \
  <(sort -u po/POTFILES.in) | sort -u)
if [[ -n $missing ]]; then
  echo "not in po/POTFILES.in:" >&2; echo "$missing" >&2; exit 1
fi
msgmerge --quiet --no-fuzzy-matching -o "$tmp/zh_CN.po" po/zh_CN.po "$tmp/shequ.pot"
stats=$(msgfmt -c --statistics -o /dev/null "$tmp/zh_CN.po" 2>&1)
echo "zh_CN: $stats"
if grep -qE 'untranslated|fuzzy' <<<"$stats"; then
  msgattrib --untranslated --no-obsolete "$tmp/zh_CN.po" | grep '^msgid' | head -20 >&2
  exit 1
fi
