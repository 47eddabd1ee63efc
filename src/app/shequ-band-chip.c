/* shequ-band-chip.c — a small rounded chip in a band's colour, saying the band */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-band-chip"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-band-chip.h"

#define PAD_X 8
#define PAD_Y 1
#define RADIUS 7

struct _ShequBandChip
{
  GtkWidget    parent_instance;

  ShequBand    band;
  PangoLayout *layout;
};

enum {
  PROP_0,
  PROP_BAND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ShequBandChip, shequ_band_chip, GTK_TYPE_WIDGET)

static void
update_layout (ShequBandChip *self)
{
  const char *label = shequ_band_get_label (self->band);

  g_clear_object (&self->layout);
  self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
shequ_band_chip_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  ShequBandChip *self = SHEQU_BAND_CHIP (widget);
  int width, height;

  pango_layout_get_pixel_size (self->layout, &width, &height);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = width + 2 * PAD_X;
  else
    *minimum = *natural = height + 2 * PAD_Y;
}

static void
shequ_band_chip_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  ShequBandChip *self = SHEQU_BAND_CHIP (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  ShequColour fill, ink;
  GskRoundedRect rect;
  int text_width, text_height;

  shequ_band_get_colour (self->band, &fill);
  shequ_band_get_text_colour (self->band, &ink);
  pango_layout_get_pixel_size (self->layout, &text_width, &text_height);
  /* As tall as the text, centred in whatever height the row gives. */
  height = MIN (height, text_height + 2 * PAD_Y);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (0, (gtk_widget_get_height (widget) - height) / 2));
  gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (0, 0, width, height),
                                   MIN (RADIUS, height / 2.0));
  gtk_snapshot_push_rounded_clip (snapshot, &rect);
  gtk_snapshot_append_color (snapshot,
                             &(GdkRGBA) { fill.red, fill.green, fill.blue, fill.alpha },
                             &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((width - text_width) / 2, PAD_Y));
  gtk_snapshot_append_layout (snapshot, self->layout,
                              &(GdkRGBA) { ink.red, ink.green, ink.blue, 1.0 });
  gtk_snapshot_restore (snapshot);
}

static void
shequ_band_chip_css_changed (GtkWidget         *widget,
                             GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (shequ_band_chip_parent_class)->css_changed (widget, change);
  /* The font may have changed. */
  update_layout (SHEQU_BAND_CHIP (widget));
}

static void
shequ_band_chip_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ShequBandChip *self = SHEQU_BAND_CHIP (object);

  switch (prop_id)
    {
    case PROP_BAND: g_value_set_int (value, self->band); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_band_chip_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ShequBandChip *self = SHEQU_BAND_CHIP (object);

  switch (prop_id)
    {
    case PROP_BAND: shequ_band_chip_set_band (self, g_value_get_int (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_band_chip_finalize (GObject *object)
{
  ShequBandChip *self = SHEQU_BAND_CHIP (object);

  g_clear_object (&self->layout);
  G_OBJECT_CLASS (shequ_band_chip_parent_class)->finalize (object);
}

static void
shequ_band_chip_class_init (ShequBandChipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = shequ_band_chip_get_property;
  object_class->set_property = shequ_band_chip_set_property;
  object_class->finalize = shequ_band_chip_finalize;
  widget_class->measure = shequ_band_chip_measure;
  widget_class->snapshot = shequ_band_chip_snapshot;
  widget_class->css_changed = shequ_band_chip_css_changed;

  properties[PROP_BAND] =
    g_param_spec_int ("band", NULL, NULL, SHEQU_BAND_NONE, SHEQU_N_BANDS - 1, SHEQU_BAND_NONE,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (widget_class, "shequ-band-chip");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
shequ_band_chip_init (ShequBandChip *self)
{
  self->band = SHEQU_BAND_NONE;
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_START);
  update_layout (self);
}

GtkWidget *
shequ_band_chip_new (ShequBand band)
{
  return g_object_new (SHEQU_TYPE_BAND_CHIP, "band", (int) band, NULL);
}

ShequBand
shequ_band_chip_get_band (ShequBandChip *self)
{
  g_return_val_if_fail (SHEQU_IS_BAND_CHIP (self), SHEQU_BAND_NONE);
  return self->band;
}

void
shequ_band_chip_set_band (ShequBandChip *self,
                          ShequBand      band)
{
  g_return_if_fail (SHEQU_IS_BAND_CHIP (self));
  g_return_if_fail (band < SHEQU_N_BANDS);

  if (self->band == band)
    return;
  self->band = band;
  update_layout (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BAND]);
}
