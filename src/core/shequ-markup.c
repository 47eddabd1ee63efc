/* SKELETON: stubs generated from shequ-markup.h; the owner replaces this file */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "shequ-markup.h"

ShequMarkup *
shequ_markup_parse (const char *text)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

void
shequ_markup_free (ShequMarkup *markup)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
}

guint
shequ_markup_get_n_blocks (ShequMarkup *markup)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return 0;
}

const ShequMarkupBlock *
shequ_markup_get_block (ShequMarkup *markup, guint i)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

char *
shequ_markup_to_html (ShequMarkup *markup)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

char *
shequ_markup_to_pango (ShequMarkup *markup)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

char *
shequ_markup_to_plain (ShequMarkup *markup)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

char *
shequ_markup_render_html (const char *text)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

char *
shequ_markup_render_pango (const char *text)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

char *
shequ_markup_render_plain (const char *text)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

char *
shequ_html_escape (const char *text)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}
