/* shequ-renderer.c — which GSK renderer Shequ starts with */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-renderer"

#include "config.h"

#include <glib.h>

#include "shequ-renderer.h"

/* Without a GPU, Mesa draws OpenGL with llvmpipe, which compiles every shader GTK's GL
 * renderer uses with LLVM when the window first draws: on such a machine (a virtual
 * machine, a remote desktop, an office PC without a graphics driver) that doubles the
 * time to the first frame, and frames are drawn on the CPU either way. There GSK's Cairo
 * renderer draws the same window without that cost, and GL is not set up at all.
 * SHEQU_RENDERER=gl keeps GL; a GSK_RENDERER or GDK_DEBUG the user set is left alone. */
static gboolean
has_gpu_render_node (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/dev/dri", 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "renderD"))
      return TRUE;
  return FALSE;
}

void
shequ_renderer_choose (void)
{
  const char *choice = g_getenv ("SHEQU_RENDERER");
  gboolean software;

  if (g_getenv ("GSK_RENDERER") != NULL || g_getenv ("GDK_DEBUG") != NULL ||
      g_strcmp0 (choice, "gl") == 0)
    return;

  software = g_strcmp0 (choice, "cairo") == 0 ||
             g_strcmp0 (g_getenv ("LIBGL_ALWAYS_SOFTWARE"), "1") == 0 ||
             (g_getenv ("WAYLAND_DISPLAY") == NULL && !has_gpu_render_node ());
  if (software)
    {
      g_setenv ("GSK_RENDERER", "cairo", TRUE);
      g_setenv ("GDK_DEBUG", "gl-disable", TRUE);
    }
}
