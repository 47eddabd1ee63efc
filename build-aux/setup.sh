# build-aux/setup.sh — shared by build-aux/run and build-aux/check (sourced, not run):
# install the missing Debian packages, make the zh_CN/en_US locales, configure and build.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Environment: SHEQU_BUILDDIR (default "build") picks the build directory.
# shellcheck shell=bash

shequ_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$shequ_root" || exit 1
shequ_builddir=${SHEQU_BUILDDIR:-build}

# What a fresh Debian 12 needs to build, run and test Shequ (see ENVIRONMENT.md).
shequ_packages=(
  build-essential meson ninja-build pkg-config
  libgtk-4-dev libsqlite3-dev libcurl4-openssl-dev libjson-glib-dev libcairo2-dev
  libsoup-3.0-dev glib-networking  # shequ-central (HTTPS through GIO's TLS)
  libsecret-1-dev  # the sync token in the keyring, out of the database
  gnome-keyring  # a real Secret Service for tests/test-sync-keyring.c (on a private bus)
  wrk  # shequ-cli bench sync measures the public pages with it
  gettext appstream desktop-file-utils
  libxml2-utils  # xmllint, for xml-stripblanks in the GResources
  xvfb xauth dbus fonts-noto-cjk locales librsvg2-common
  imagemagick at-spi2-core sqlite3
  python3-pyatspi  # tests/test-atspi.py reads the app's accessible tree
  poppler-utils  # pdfinfo, pdffonts: tests/test-map-export.c reads the exported PDF
  libxlsxwriter-dev  # the evaluation's Excel workbooks (.xlsx), instead of writing OOXML by hand
  unzip  # the tests open the .xlsx files and read their sheet XML
)
# What build-aux/check adds: clang and its runtime libraries (libFuzzer, and the
# sanitizers clang links; Debian 12's clang-14 only recommends them) for build-aux/fuzz.
# GCC's ASan and UBSan for the sanitized run come with build-essential (libasan8,
# libubsan1).
# openssl makes the certificates of tests/test-sync.c's TLS case (a fresh Debian 12 has
# only the library); without it that case is skipped.
shequ_check_packages=(clang libclang-rt-14-dev openssl)
shequ_locales=(zh_CN.UTF-8 en_US.UTF-8)

shequ_say() {
  printf '%s: %s\n' "${0##*/}" "$*" >&2
}

# Runs "$@" as root: directly, through sudo, or not at all (returns 1).
shequ_as_root() {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    return 1
  fi
}

shequ_can_be_root() {
  [[ $(id -u) -eq 0 ]] || command -v sudo >/dev/null 2>&1
}

# Installs shequ_packages and the packages given as arguments, those that are missing.
shequ_install_packages() {
  local wanted=("${shequ_packages[@]}" "$@")
  if ! command -v dpkg-query >/dev/null 2>&1; then
    shequ_say "not a Debian system: install the equivalents of: ${wanted[*]}"
    return 0
  fi
  local missing=() p status
  for p in "${wanted[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
    [[ $status == ii* ]] || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0

  if ! shequ_can_be_root; then
    shequ_say "missing packages: ${missing[*]}"
    shequ_say "run as root: apt-get install ${missing[*]}  (trying to build anyway)"
    return 0
  fi
  shequ_say "installing missing packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  shequ_as_root apt-get update -q || shequ_say "apt-get update failed; trying the install anyway"
  shequ_as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}"
}

shequ_have_locale() {
  # "zh_CN.UTF-8" is listed by locale -a as "zh_CN.utf8"
  local want=${1/.UTF-8/.utf8} all
  all=$(locale -a 2>/dev/null || true)
  grep -qixF "$want" <<<"$all"
}

shequ_make_locales() {
  local missing=() l
  for l in "${shequ_locales[@]}"; do
    shequ_have_locale "$l" || missing+=("$l")
  done
  ((${#missing[@]} == 0)) && return 0

  if ! shequ_can_be_root || ! command -v locale-gen >/dev/null 2>&1; then
    shequ_say "locales missing: ${missing[*]} (Chinese text shows in English until they exist)"
    return 0
  fi
  shequ_say "generating locales: ${missing[*]}"
  for l in "${missing[@]}"; do
    if grep -qE "^#[[:space:]]*${l//./\\.} UTF-8" /etc/locale.gen 2>/dev/null; then
      shequ_as_root sed -i -E "s/^#[[:space:]]*(${l//./\\.} UTF-8)/\\1/" /etc/locale.gen
    elif ! grep -qE "^${l//./\\.} UTF-8" /etc/locale.gen 2>/dev/null; then
      echo "$l UTF-8" | shequ_as_root tee -a /etc/locale.gen >/dev/null
    fi
  done
  shequ_as_root locale-gen >/dev/null
}

# Configures BUILDDIR (default $shequ_builddir) with the meson options that follow, once;
# later builds regenerate it themselves when a meson.build changes. Options that differ
# from the last configure's reconfigure it.
shequ_configure() {
  local builddir=${1:-$shequ_builddir}
  shift || true
  local stamp=$builddir/.shequ-options now="$*"
  if [[ ! -f $builddir/build.ninja ]]; then
    if [[ -f $builddir/meson-private/coredata.dat ]]; then
      meson setup --wipe "$builddir" "$@"
    else
      meson setup "$builddir" "$@"
    fi
  elif [[ ! -f $stamp || $(cat "$stamp") != "$now" ]]; then
    meson setup --reconfigure "$builddir" "$@"
  fi
  printf '%s\n' "$now" >"$stamp"
}

# Builds BUILDDIR (default $shequ_builddir), or only the targets that follow.
shequ_build() {
  local builddir=${1:-$shequ_builddir}
  shift || true
  ninja -C "$builddir" "$@"
}

# Everything up to a built tree; arguments: more packages to install.
shequ_prepare() {
  shequ_install_packages "$@"
  shequ_make_locales
  shequ_configure
  shequ_build
}
