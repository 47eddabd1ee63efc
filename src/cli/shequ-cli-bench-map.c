/* shequ-cli-bench-map.c — SKELETON: written by the engineer who owns it */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-cli-private.h"

int
bench_map (int argc, char **argv)
{
  return fail_usage ("not yet");
}
