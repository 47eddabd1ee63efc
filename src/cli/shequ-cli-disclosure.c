/* SKELETON: shequ-cli-disclosure.c — shequ-cli disclosure …; the sample owner replaces this file */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-cli-private.h"

int
command_disclosure (int    argc,
                    char **argv)
{
  return fail_usage ("SKELETON: disclosure is not written yet");
}
