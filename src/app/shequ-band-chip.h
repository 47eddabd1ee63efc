/* shequ-band-chip.h — a small rounded chip in a band's colour, saying the band */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shequ-eval-types.h"

G_BEGIN_DECLS

/* The band's label (绿 / Green …) on the band's own fill, the one the map and the
 * report use (shequ_band_get_colour), so a chip reads the same everywhere; NONE is a
 * grey chip. Property: "band" (ShequBand as int). */
#define SHEQU_TYPE_BAND_CHIP (shequ_band_chip_get_type ())
G_DECLARE_FINAL_TYPE (ShequBandChip, shequ_band_chip, SHEQU, BAND_CHIP, GtkWidget)

GtkWidget *shequ_band_chip_new      (ShequBand      band);
ShequBand  shequ_band_chip_get_band (ShequBandChip *self);
void       shequ_band_chip_set_band (ShequBandChip *self,
                                     ShequBand      band);

G_END_DECLS
