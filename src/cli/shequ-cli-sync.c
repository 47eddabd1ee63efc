/* SKELETON: shequ-cli-sync.c — shequ-cli sync; the sync owner replaces this file */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-cli-private.h"

int
command_sync (int    argc,
              char **argv)
{
  return fail_usage ("SKELETON: sync is not written yet");
}
