/* main.c — start Shequ: locale, translations, the Chinese glyph forms, the application */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "shequ-application.h"
#include "shequ-renderer.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ShequApplication) app = NULL;
  const char *localedir = g_getenv ("SHEQU_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Unit and people names are Chinese whatever the UI language. Without a hint,
   * Pango draws Han characters with the Japanese forms of Noto Sans CJK under an
   * English (or C) locale; this makes it pick the Simplified Chinese forms. Latin
   * text keeps the locale's language. Set before GTK starts so every context sees it. */
  if (g_getenv ("PANGO_LANGUAGE") == NULL)
    g_setenv ("PANGO_LANGUAGE", "zh-cn", FALSE);

  shequ_renderer_choose ();

  app = shequ_application_new (G_APPLICATION_DEFAULT_FLAGS);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
