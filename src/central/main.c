/* SKELETON: main.c — shequ-central's entry point; the central owner replaces this file */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib.h>

int
main (int    argc,
      char **argv)
{
  g_printerr ("shequ-central: not written yet\n");
  return 1;
}
