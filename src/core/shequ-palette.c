/* shequ-palette.c — ColorBrewer sequential palettes and the "no data" grey */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-classify"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-classify.h"

/* The sequential schemes of ColorBrewer 2.0, 3 to 9 classes, light to dark, as the
 * ColorBrewer tables give them (https://colorbrewer2.org/).
 * This product includes color specifications and designs developed by Cynthia Brewer
 * (http://colorbrewer.org/), under the Apache License, Version 2.0. */
static const guint32 palettes[SHEQU_N_PALETTES][SHEQU_CLASS_MAX - SHEQU_CLASS_MIN + 1]
                             [SHEQU_CLASS_MAX] = {
  [SHEQU_PALETTE_BLUES] = {   /* Blues */
    { 0xdeebf7, 0x9ecae1, 0x3182bd },
    { 0xeff3ff, 0xbdd7e7, 0x6baed6, 0x2171b5 },
    { 0xeff3ff, 0xbdd7e7, 0x6baed6, 0x3182bd, 0x08519c },
    { 0xeff3ff, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x3182bd, 0x08519c },
    { 0xeff3ff, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x4292c6, 0x2171b5, 0x084594 },
    { 0xf7fbff, 0xdeebf7, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x4292c6, 0x2171b5, 0x084594 },
    { 0xf7fbff, 0xdeebf7, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x4292c6, 0x2171b5, 0x08519c, 0x08306b },
  },
  [SHEQU_PALETTE_GREENS] = {   /* Greens */
    { 0xe5f5e0, 0xa1d99b, 0x31a354 },
    { 0xedf8e9, 0xbae4b3, 0x74c476, 0x238b45 },
    { 0xedf8e9, 0xbae4b3, 0x74c476, 0x31a354, 0x006d2c },
    { 0xedf8e9, 0xc7e9c0, 0xa1d99b, 0x74c476, 0x31a354, 0x006d2c },
    { 0xedf8e9, 0xc7e9c0, 0xa1d99b, 0x74c476, 0x41ab5d, 0x238b45, 0x005a32 },
    { 0xf7fcf5, 0xe5f5e0, 0xc7e9c0, 0xa1d99b, 0x74c476, 0x41ab5d, 0x238b45, 0x005a32 },
    { 0xf7fcf5, 0xe5f5e0, 0xc7e9c0, 0xa1d99b, 0x74c476, 0x41ab5d, 0x238b45, 0x006d2c, 0x00441b },
  },
  [SHEQU_PALETTE_ORANGES] = {   /* Oranges */
    { 0xfee6ce, 0xfdae6b, 0xe6550d },
    { 0xfeedde, 0xfdbe85, 0xfd8d3c, 0xd94701 },
    { 0xfeedde, 0xfdbe85, 0xfd8d3c, 0xe6550d, 0xa63603 },
    { 0xfeedde, 0xfdd0a2, 0xfdae6b, 0xfd8d3c, 0xe6550d, 0xa63603 },
    { 0xfeedde, 0xfdd0a2, 0xfdae6b, 0xfd8d3c, 0xf16913, 0xd94801, 0x8c2d04 },
    { 0xfff5eb, 0xfee6ce, 0xfdd0a2, 0xfdae6b, 0xfd8d3c, 0xf16913, 0xd94801, 0x8c2d04 },
    { 0xfff5eb, 0xfee6ce, 0xfdd0a2, 0xfdae6b, 0xfd8d3c, 0xf16913, 0xd94801, 0xa63603, 0x7f2704 },
  },
  [SHEQU_PALETTE_REDS] = {   /* Reds */
    { 0xfee0d2, 0xfc9272, 0xde2d26 },
    { 0xfee5d9, 0xfcae91, 0xfb6a4a, 0xcb181d },
    { 0xfee5d9, 0xfcae91, 0xfb6a4a, 0xde2d26, 0xa50f15 },
    { 0xfee5d9, 0xfcbba1, 0xfc9272, 0xfb6a4a, 0xde2d26, 0xa50f15 },
    { 0xfee5d9, 0xfcbba1, 0xfc9272, 0xfb6a4a, 0xef3b2c, 0xcb181d, 0x99000d },
    { 0xfff5f0, 0xfee0d2, 0xfcbba1, 0xfc9272, 0xfb6a4a, 0xef3b2c, 0xcb181d, 0x99000d },
    { 0xfff5f0, 0xfee0d2, 0xfcbba1, 0xfc9272, 0xfb6a4a, 0xef3b2c, 0xcb181d, 0xa50f15, 0x67000d },
  },
  [SHEQU_PALETTE_PURPLES] = {   /* Purples */
    { 0xefedf5, 0xbcbddc, 0x756bb1 },
    { 0xf2f0f7, 0xcbc9e2, 0x9e9ac8, 0x6a51a3 },
    { 0xf2f0f7, 0xcbc9e2, 0x9e9ac8, 0x756bb1, 0x54278f },
    { 0xf2f0f7, 0xdadaeb, 0xbcbddc, 0x9e9ac8, 0x756bb1, 0x54278f },
    { 0xf2f0f7, 0xdadaeb, 0xbcbddc, 0x9e9ac8, 0x807dba, 0x6a51a3, 0x4a1486 },
    { 0xfcfbfd, 0xefedf5, 0xdadaeb, 0xbcbddc, 0x9e9ac8, 0x807dba, 0x6a51a3, 0x4a1486 },
    { 0xfcfbfd, 0xefedf5, 0xdadaeb, 0xbcbddc, 0x9e9ac8, 0x807dba, 0x6a51a3, 0x54278f, 0x3f007d },
  },
  [SHEQU_PALETTE_YELLOW_ORANGE_RED] = {   /* YlOrRd */
    { 0xffeda0, 0xfeb24c, 0xf03b20 },
    { 0xffffb2, 0xfecc5c, 0xfd8d3c, 0xe31a1c },
    { 0xffffb2, 0xfecc5c, 0xfd8d3c, 0xf03b20, 0xbd0026 },
    { 0xffffb2, 0xfed976, 0xfeb24c, 0xfd8d3c, 0xf03b20, 0xbd0026 },
    { 0xffffb2, 0xfed976, 0xfeb24c, 0xfd8d3c, 0xfc4e2a, 0xe31a1c, 0xb10026 },
    { 0xffffcc, 0xffeda0, 0xfed976, 0xfeb24c, 0xfd8d3c, 0xfc4e2a, 0xe31a1c, 0xb10026 },
    { 0xffffcc, 0xffeda0, 0xfed976, 0xfeb24c, 0xfd8d3c, 0xfc4e2a, 0xe31a1c, 0xbd0026, 0x800026 },
  },
  [SHEQU_PALETTE_YELLOW_GREEN_BLUE] = {   /* YlGnBu */
    { 0xedf8b1, 0x7fcdbb, 0x2c7fb8 },
    { 0xffffcc, 0xa1dab4, 0x41b6c4, 0x225ea8 },
    { 0xffffcc, 0xa1dab4, 0x41b6c4, 0x2c7fb8, 0x253494 },
    { 0xffffcc, 0xc7e9b4, 0x7fcdbb, 0x41b6c4, 0x2c7fb8, 0x253494 },
    { 0xffffcc, 0xc7e9b4, 0x7fcdbb, 0x41b6c4, 0x1d91c0, 0x225ea8, 0x0c2c84 },
    { 0xffffd9, 0xedf8b1, 0xc7e9b4, 0x7fcdbb, 0x41b6c4, 0x1d91c0, 0x225ea8, 0x0c2c84 },
    { 0xffffd9, 0xedf8b1, 0xc7e9b4, 0x7fcdbb, 0x41b6c4, 0x1d91c0, 0x225ea8, 0x253494, 0x081d58 },
  },
};

static const struct {
  const char *key;
  const char *label;
} names[SHEQU_N_PALETTES] = {
  [SHEQU_PALETTE_BLUES]             = { "blues",   NC_("palette", "Blues") },
  [SHEQU_PALETTE_GREENS]            = { "greens",  NC_("palette", "Greens") },
  [SHEQU_PALETTE_ORANGES]           = { "oranges", NC_("palette", "Oranges") },
  [SHEQU_PALETTE_REDS]              = { "reds",    NC_("palette", "Reds") },
  [SHEQU_PALETTE_PURPLES]           = { "purples", NC_("palette", "Purples") },
  [SHEQU_PALETTE_YELLOW_ORANGE_RED] = { "ylorrd",  NC_("palette", "Yellow–orange–red") },
  [SHEQU_PALETTE_YELLOW_GREEN_BLUE] = { "ylgnbu",  NC_("palette", "Yellow–green–blue") },
};

const char *
shequ_palette_to_key (ShequPalette palette)
{
  g_return_val_if_fail (palette < SHEQU_N_PALETTES, NULL);
  return names[palette].key;
}

gboolean
shequ_palette_from_key (const char   *key,
                        ShequPalette *palette)
{
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (palette != NULL, FALSE);

  for (guint i = 0; i < SHEQU_N_PALETTES; i++)
    if (g_ascii_strcasecmp (key, names[i].key) == 0)
      {
        *palette = i;
        return TRUE;
      }
  return FALSE;
}

const char *
shequ_palette_get_label (ShequPalette palette)
{
  g_return_val_if_fail (palette < SHEQU_N_PALETTES, NULL);
  return g_dpgettext2 (GETTEXT_PACKAGE, "palette", names[palette].label);
}

void
shequ_colour_init_rgb (ShequColour *colour,
                       guint32      rgb)
{
  g_return_if_fail (colour != NULL);

  colour->red = ((rgb >> 16) & 0xff) / 255.0;
  colour->green = ((rgb >> 8) & 0xff) / 255.0;
  colour->blue = (rgb & 0xff) / 255.0;
  colour->alpha = 1;
}

void
shequ_palette_get_colour (ShequPalette  palette,
                          guint         n_classes,
                          guint         class_index,
                          ShequColour  *colour)
{
  /* Fewer classes than ColorBrewer's 3 (values with one or two distinct numbers) take
   * the light and dark ends, or the middle, of the 3-class scheme. */
  static const guint few[3][2] = { { 1 }, { 0, 2 } };
  guint scheme = MAX (n_classes, SHEQU_CLASS_MIN) - SHEQU_CLASS_MIN;

  g_return_if_fail (palette < SHEQU_N_PALETTES);
  g_return_if_fail (n_classes >= 1 && n_classes <= SHEQU_CLASS_MAX);
  g_return_if_fail (class_index < n_classes);
  g_return_if_fail (colour != NULL);

  if (n_classes < SHEQU_CLASS_MIN)
    class_index = few[n_classes - 1][class_index];
  shequ_colour_init_rgb (colour, palettes[palette][scheme][class_index]);
}

void
shequ_colour_get_no_data (ShequColour *colour)
{
  g_return_if_fail (colour != NULL);

  /* A slightly warm mid-light grey: every colour of every palette above is at least
   * ΔE*ab 19 from it (the lavenders of Purples come closest); a neutral light grey
   * would be taken for the lightest purples. */
  shequ_colour_init_rgb (colour, 0xb6b6ac);
}
