/* shequ-map-export.c — a map written to PNG, PDF or SVG by the one renderer */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-map-export"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>

#include "shequ-map-export.h"

/* The picture is drawn into memory, then written in one go through a temporary file
 * that is renamed over the target: a failure halfway leaves no half-written file. */

/* Paper sizes in points (1/72 inch), portrait. */
static const double paper_sizes[][2] = {
  [SHEQU_MAP_PAPER_A4] = { 595.276, 841.890 },
  [SHEQU_MAP_PAPER_A3] = { 841.890, 1190.551 },
};

void
shequ_map_export_options_init (ShequMapExportOptions *options,
                               ShequMapFormat         format)
{
  g_return_if_fail (options != NULL);

  *options = (ShequMapExportOptions) {
    .format = format,
    .width = 1920,
    .height = 1080,
    .dpi = 96,
    .paper = SHEQU_MAP_PAPER_A4,
    .landscape = TRUE,
  };
}

gboolean
shequ_map_format_from_filename (const char      *filename,
                                ShequMapFormat  *format,
                                GError         **error)
{
  static const struct { const char *extension; ShequMapFormat format; } formats[] = {
    { ".png", SHEQU_MAP_FORMAT_PNG },
    { ".pdf", SHEQU_MAP_FORMAT_PDF },
    { ".svg", SHEQU_MAP_FORMAT_SVG },
  };
  g_autofree char *lower = NULL;

  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  lower = g_ascii_strdown (filename, -1);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_str_has_suffix (lower, formats[i].extension))
      {
        *format = formats[i].format;
        return TRUE;
      }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
               _("Cannot tell what kind of picture %s should be: "
                 "use a name ending in .png, .pdf or .svg"), filename);
  return FALSE;
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

typedef struct {
  ShequMapRenderer    *renderer;
  const ShequGeoBounds *extent;
  ShequMapOverlayFunc  overlay;
  gpointer             overlay_data;
  double               text_scale;
} Drawing;

/* Draws the map fitted into WIDTH × HEIGHT drawing units on CR, white underneath. */
static void
draw_page (const Drawing *drawing,
           cairo_t       *cr,
           double         width,
           double         height)
{
  ShequMap *map = shequ_map_renderer_get_map (drawing->renderer);
  double old_scale = shequ_map_renderer_get_text_scale (drawing->renderer);
  ShequGeoBounds bounds = { -1, -1, 1, 1 };
  ShequMapFrame frame;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (drawing->extent != NULL)
    bounds = *drawing->extent;
  else if (map != NULL)
    shequ_map_get_bounds (map, &bounds);
  /* Room around the map for the decorations in the corners. */
  shequ_map_frame_init_fit (&frame, &bounds, width, height,
                            MIN (width, height) * 0.07 + 8 * drawing->text_scale);

  shequ_map_renderer_set_text_scale (drawing->renderer, drawing->text_scale);
  shequ_map_renderer_draw (drawing->renderer, cr, &frame, SHEQU_MAP_DRAW_ALL);
  shequ_map_renderer_set_text_scale (drawing->renderer, old_scale);
  if (drawing->overlay != NULL)
    {
      cairo_save (cr);
      drawing->overlay (cr, &frame, drawing->overlay_data);
      cairo_restore (cr);
    }
}

static gboolean
check_status (cairo_status_t   status,
              GFile           *file,
              GError         **error)
{
  g_autofree char *name = NULL;

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  name = g_file_get_parse_name (file);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot draw the map for %s: %s"),
               name, cairo_status_to_string (status));
  return FALSE;
}

static guint32
png_crc (const guint8 *data,
         gsize         length)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
    }
  return crc ^ 0xffffffff;
}

/* Cairo writes no resolution: a pHYs chunk (pixels per metre) goes after the IHDR, so
 * that a page layout program places the picture at its size. */
static void
insert_png_dpi (GByteArray *bytes,
                double      dpi)
{
  const guint ihdr_end = 8 + 4 + 4 + 13 + 4;
  guint32 per_metre = (guint32) (dpi / 0.0254 + 0.5);
  guint8 chunk[4 + 4 + 9 + 4] = { 0, 0, 0, 9, 'p', 'H', 'Y', 's' };
  guint32 crc;

  if (bytes->len < ihdr_end || memcmp (bytes->data + 12, "IHDR", 4) != 0)
    return;
  for (int i = 0; i < 2; i++)
    {
      chunk[8 + 4 * i] = per_metre >> 24;
      chunk[9 + 4 * i] = (per_metre >> 16) & 0xff;
      chunk[10 + 4 * i] = (per_metre >> 8) & 0xff;
      chunk[11 + 4 * i] = per_metre & 0xff;
    }
  chunk[16] = 1;   /* the unit is the metre */
  crc = png_crc (chunk + 4, 4 + 9);
  chunk[17] = crc >> 24;
  chunk[18] = (crc >> 16) & 0xff;
  chunk[19] = (crc >> 8) & 0xff;
  chunk[20] = crc & 0xff;
  g_byte_array_set_size (bytes, bytes->len + sizeof chunk);
  memmove (bytes->data + ihdr_end + sizeof chunk, bytes->data + ihdr_end,
           bytes->len - sizeof chunk - ihdr_end);
  memcpy (bytes->data + ihdr_end, chunk, sizeof chunk);
}

static gboolean
render_png (const Drawing               *drawing,
            const ShequMapExportOptions *options,
            GByteArray                  *bytes,
            GFile                       *file,
            GError                     **error)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, options->width,
                                                         options->height);
  cairo_status_t status = cairo_surface_status (surface);

  if (status == CAIRO_STATUS_SUCCESS)
    {
      cairo_t *cr = cairo_create (surface);

      draw_page (drawing, cr, options->width, options->height);
      status = cairo_status (cr);
      cairo_destroy (cr);
    }
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
  if (status == CAIRO_STATUS_SUCCESS)
    insert_png_dpi (bytes, options->dpi > 0 ? options->dpi : 96);
  cairo_surface_destroy (surface);
  return check_status (status, file, error);
}

static gboolean
render_vector (const Drawing               *drawing,
               const ShequMapExportOptions *options,
               GByteArray                  *bytes,
               GFile                       *file,
               GError                     **error)
{
  double width = options->width, height = options->height;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (options->format == SHEQU_MAP_FORMAT_PDF)
    {
      const double *paper = paper_sizes[options->paper];

      width = options->landscape ? paper[1] : paper[0];
      height = options->landscape ? paper[0] : paper[1];
      surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, width, height);
    }
  else
    surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, width, height);

  cr = cairo_create (surface);
  draw_page (drawing, cr, width, height);
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return check_status (status, file, error);
}

static gboolean
write_file (GFile       *file,
            GByteArray  *bytes,
            GError     **error)
{
  g_autofree char *name = g_file_get_parse_name (file);
  g_autoptr(GError) local_error = NULL;
  const char *path = g_file_peek_path (file);
  gboolean ok;

  if (path != NULL)
    ok = g_file_set_contents_full (path, (const char *) bytes->data, bytes->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0644, &local_error);
  else
    ok = g_file_replace_contents (file, (const char *) bytes->data, bytes->len, NULL, FALSE,
                                  G_FILE_CREATE_NONE, NULL, NULL, &local_error);
  if (!ok)
    {
      GQuark domain = local_error->domain == G_FILE_ERROR ? G_IO_ERROR : local_error->domain;
      int code = local_error->domain == G_FILE_ERROR
                 ? g_io_error_from_file_error (local_error->code) : local_error->code;

      g_set_error (error, domain, code, _("Cannot write the map to %s: %s"), name,
                   local_error->message);
    }
  return ok;
}

gboolean
shequ_map_export (ShequMapRenderer            *renderer,
                  const ShequMapExportOptions *options,
                  const ShequGeoBounds        *extent,
                  ShequMapOverlayFunc          overlay,
                  gpointer                     overlay_data,
                  GFile                       *file,
                  GError                     **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  Drawing drawing = { renderer, extent, overlay, overlay_data, 1 };
  gboolean ok;

  g_return_val_if_fail (SHEQU_IS_MAP_RENDERER (renderer), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (options->paper <= SHEQU_MAP_PAPER_A3, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options->format != SHEQU_MAP_FORMAT_PDF
      && (options->width < 1 || options->height < 1
          || options->width > 32767 || options->height > 32767))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A picture of %d × %d pixels cannot be drawn"), options->width,
                   options->height);
      return FALSE;
    }

  switch (options->format)
    {
    case SHEQU_MAP_FORMAT_PNG:
      /* Text keeps its physical size: DPI / 96 pixels for each pixel on screen. */
      drawing.text_scale = (options->dpi > 0 ? options->dpi : 96) / 96;
      ok = render_png (&drawing, options, bytes, file, error);
      break;
    case SHEQU_MAP_FORMAT_PDF:
      /* Points, not pixels: 72 to the inch against the screen's 96. */
      drawing.text_scale = 0.75;
      ok = render_vector (&drawing, options, bytes, file, error);
      break;
    case SHEQU_MAP_FORMAT_SVG:
    default:
      ok = render_vector (&drawing, options, bytes, file, error);
      break;
    }
  return ok && write_file (file, bytes, error);
}
