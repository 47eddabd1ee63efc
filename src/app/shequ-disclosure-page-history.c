/* shequ-disclosure-page-history.c — every version of a disclosure: who did what, when, why */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-disclosure-page"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-disclosure-page-private.h"

/* "2026-10-05T08:00:00Z" → "2026-10-05 16:00" in local time; as stored when it does not read. */
static char *
format_time (const char *iso)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso == NULL || (utc = g_date_time_new_from_iso8601 (iso, NULL)) == NULL)
    return g_strdup (iso != NULL ? iso : "");
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static void
add_event (GString    *text,
           const char *what,
           const char *who,
           const char *when)
{
  g_autofree char *time = NULL;

  if (when == NULL && who == NULL)
    return;
  time = format_time (when);
  if (text->len > 0)
    g_string_append_c (text, '\n');
  /* Translators: a history line: what happened (e.g. "Approved"), by whom, when */
  g_string_append_printf (text, _("%s by %s, %s"), what, who != NULL ? who : _("someone"), time);
}

/* The text of one version's history row. */
static char *
describe_version (const ShequDisclosureVersion *v)
{
  GString *text = g_string_new (NULL);
  const char *ended = v->state == SHEQU_DISCLOSURE_STATE_WITHDRAWN ? C_("history", "Withdrawn") : C_("history", "Corrected");

  add_event (text, C_("history", "Written"), v->created_by, v->created_at);
  add_event (text, C_("history", "Submitted"), v->submitted_by, v->submitted_at);
  add_event (text, C_("history", "Approved"), v->approved_by, v->approved_at);
  add_event (text, C_("history", "Published"), v->published_by, v->published_at);
  add_event (text, ended, v->ended_by, v->ended_at);
  if (v->reason != NULL && *v->reason != '\0')
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: why a version was returned or withdrawn */
      g_string_append_printf (text, _("Reason: %s"), v->reason);
    }
  return g_string_free (text, FALSE);
}

static GtkWidget *
make_row (const ShequDisclosureVersion *v)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  /* Translators: a history row's heading: the version's number and state */
  g_autofree char *heading = g_strdup_printf (_("Version %u · %s"), v->version,
                                              shequ_disclosure_state_get_label (v->state));
  g_autofree char *details = describe_version (v);
  GtkWidget *title = gtk_label_new (heading);
  GtkWidget *body = gtk_label_new (details);
  g_autofree char *all = g_strdup_printf ("%s\n%s", heading, details);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (body), 0.0);
  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (body), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (body), TRUE);
  gtk_widget_add_css_class (body, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), body);
  g_object_set_data_full (G_OBJECT (box), "shequ-text", g_steal_pointer (&all), g_free);
  return box;
}

void
_shequ_disclosure_page_update_history (ShequDisclosurePage   *self,
                                       const ShequDisclosure *disclosure)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))) != NULL)
    gtk_list_box_remove (self->history_list, child);
  gtk_widget_set_visible (self->history_box, disclosure != NULL);
  if (disclosure == NULL)
    return;
  for (guint i = disclosure->versions->len; i > 0; i--)
    {
      GtkWidget *row = make_row (g_ptr_array_index (disclosure->versions, i - 1));

      gtk_list_box_append (self->history_list, row);
      gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (row)),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      g_object_get_data (G_OBJECT (row), "shequ-text"), -1);
    }
}

char **
shequ_disclosure_page_dup_history (ShequDisclosurePage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_PAGE (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->history_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));

      g_strv_builder_add (builder, g_object_get_data (G_OBJECT (box), "shequ-text"));
    }
  return g_strv_builder_end (builder);
}
