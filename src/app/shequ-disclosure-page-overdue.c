/* shequ-disclosure-page-overdue.c — the units that have not published their finances */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-disclosure-page"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-app-util.h"
#include "shequ-disclosure-page-private.h"

static GtkWidget *
make_row (ShequUnit *unit)
{
  ShequTier tier = shequ_unit_get_tier (unit);
  GtkWidget *box = shequ_disclosure_icon_row_new (shequ_tier_get_icon_name (tier),
                                                  shequ_tier_get_label (tier),
                                                  shequ_unit_get_name (unit),
                                                  shequ_unit_get_code (unit));

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  return box;
}

GListModel *
shequ_disclosure_page_show_overdue (ShequDisclosurePage  *self,
                                    const char           *period,
                                    GError              **error)
{
  ShequUnit *unit;
  g_autoptr(GPtrArray) units = NULL;
  g_autofree char *key = NULL;
  g_autofree char *label = NULL;
  g_autofree char *summary = NULL;
  GtkWidget *child;

  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_PAGE (self), NULL);
  g_return_val_if_fail (period != NULL, NULL);

  if (self->store == NULL)
    {
      g_set_error (error, SHEQU_DISCLOSURE_ERROR, SHEQU_DISCLOSURE_ERROR_NOT_FOUND,
                   _("There are no disclosures to look at"));
      return NULL;
    }
  if (!shequ_disclosure_period_parse (period, &key))
    {
      g_set_error (error, SHEQU_DISCLOSURE_ERROR, SHEQU_DISCLOSURE_ERROR_INVALID,
                   _("“%s” is not a period: write 2026, 2026-Q3 or 2026-10"), period);
      return NULL;
    }
  unit = self->session != NULL ? shequ_session_get_selected_unit (self->session) : NULL;
  units = shequ_disclosure_store_overdue (self->store, unit != NULL ? shequ_unit_get_id (unit) : 0, key, error);
  if (units == NULL)
    return NULL;

  g_list_store_remove_all (self->overdue);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->overdue_list))) != NULL)
    gtk_list_box_remove (self->overdue_list, child);
  for (guint i = 0; i < units->len; i++)
    {
      g_list_store_append (self->overdue, g_ptr_array_index (units, i));
      gtk_list_box_append (self->overdue_list, make_row (g_ptr_array_index (units, i)));
    }
  label = shequ_disclosure_period_get_label (key);
  if (units->len == 0)
    /* Translators: %s is a period, e.g. 2026年第三季度 */
    summary = g_strdup_printf (_("Every community and village has published its finances for %s."), label);
  else
    /* Translators: %u units, %s a period */
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u unit has not published its finances for %s:",
                                            "%u units have not published their finances for %s:",
                                            units->len),
                               units->len, label);
  gtk_label_set_text (self->overdue_summary, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->overdue_list), units->len > 0);
  return G_LIST_MODEL (self->overdue);
}

void
_shequ_disclosure_page_on_overdue_show (ShequDisclosurePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *period = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->overdue_period_entry))));

  if (shequ_disclosure_page_show_overdue (self, period, &error) == NULL)
    {
      gtk_label_set_text (self->overdue_summary, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->overdue_list), FALSE);
    }
}

/* The last quarter that has ended: the one whose report is due. */
static char *
last_quarter (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int quarter = (g_date_time_get_month (now) - 1) / 3;  /* the one before the current */
  int year = g_date_time_get_year (now);

  if (quarter == 0)
    return g_strdup_printf ("%d-Q4", year - 1);
  return g_strdup_printf ("%d-Q%d", year, quarter);
}

static void
on_view_changed (ShequDisclosurePage *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "overdue") == 0 && self->store != NULL)
    _shequ_disclosure_page_on_overdue_show (self);
}

void
_shequ_disclosure_page_overdue_init (ShequDisclosurePage *self)
{
  g_autofree char *period = last_quarter ();

  self->overdue = g_list_store_new (SHEQU_TYPE_UNIT);
  gtk_editable_set_text (GTK_EDITABLE (self->overdue_period_entry), period);
  gtk_widget_set_visible (GTK_WIDGET (self->overdue_list), FALSE);
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (on_view_changed), self, G_CONNECT_SWAPPED);
}
