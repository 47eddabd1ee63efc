/* test-score-sheet.c — placeholder until the widget test lands */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "shequ-test-gtk-util.h"
int
main (int argc, char *argv[])
{
  shequ_test_gtk_init (&argc, &argv);
  return g_test_run ();
}
