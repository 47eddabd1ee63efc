/* SKELETON: stubs generated from shequ-central-public.h; the owner replaces this file */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "shequ-central-public.h"

ShequCentralPublic *
shequ_central_public_new (ShequCentralStorage *storage)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

void
shequ_central_public_free (ShequCentralPublic *self)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
}

void
shequ_central_public_attach (ShequCentralPublic *self, SoupServer *server)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
}

void
shequ_central_public_invalidate (ShequCentralPublic *self)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
}
