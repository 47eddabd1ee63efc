/* SKELETON: shequ-cli-bench-sync.c — shequ-cli bench sync; the sync owner replaces this file */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-cli-private.h"

int
bench_sync (int    argc,
            char **argv)
{
  return fail_usage ("SKELETON: bench sync is not written yet");
}
