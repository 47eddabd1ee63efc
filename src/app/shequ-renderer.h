/* shequ-renderer.h — which GSK renderer Shequ starts with */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Before GTK starts: the Cairo renderer, and no GL, on a machine whose OpenGL would be
 * drawn in software (see shequ-renderer.c). */
void shequ_renderer_choose (void);

G_END_DECLS
