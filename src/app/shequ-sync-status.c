/* shequ-sync-status.c — the header bar's sync indicator: online, offline, pending, conflicts */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-sync-status"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-sync-status.h"

struct _ShequSyncStatusButton
{
  GtkWidget       parent_instance;

  ShequSyncLink   link;
  gboolean        running;
  guint           pending;
  guint           conflicts;
  guint           refused;
  char           *summary;

  GtkWidget      *button;    /* a toggle button (not a GtkMenuButton: the window's
                               * main menu is the header bar's only one) */
  GtkWidget      *popover;
  GtkImage       *icon;
  GtkLabel       *label;
  GtkSpinner     *spinner;
  GtkLabel       *state_label;
  GtkLabel       *detail_label;
  GtkLabel       *counts_label;
  GtkProgressBar *progress;
  GtkWidget      *conflicts_box;
  GtkListBox     *conflicts_list;
};

G_DEFINE_FINAL_TYPE (ShequSyncStatusButton, shequ_sync_status_button, GTK_TYPE_WIDGET)

static const char *
link_label (ShequSyncLink link)
{
  switch (link)
    {
    case SHEQU_SYNC_LINK_UNCONFIGURED:
      return C_("sync", "No server");
    case SHEQU_SYNC_LINK_ONLINE:
      return C_("sync", "Online");
    case SHEQU_SYNC_LINK_OFFLINE:
      return C_("sync", "Offline");
    case SHEQU_SYNC_LINK_UNKNOWN:
    default:
      return C_("sync", "Not synced yet");
    }
}

static const char *
link_icon (ShequSyncLink link)
{
  switch (link)
    {
    case SHEQU_SYNC_LINK_ONLINE:
      return "network-transmit-receive-symbolic";
    case SHEQU_SYNC_LINK_OFFLINE:
      return "network-offline-symbolic";
    case SHEQU_SYNC_LINK_UNCONFIGURED:
    case SHEQU_SYNC_LINK_UNKNOWN:
    default:
      return "network-idle-symbolic";
    }
}

static void
update (ShequSyncStatusButton *self)
{
  GString *line = g_string_new (self->running ? C_("sync", "Syncing…") : link_label (self->link));
  g_autofree char *counts = NULL;
  g_autofree char *tip = NULL;

  if (self->pending > 0)
    /* Translators: after "Online": how many changes wait to be sent */
    g_string_append_printf (line, _(" · %u pending"), self->pending);
  if (self->conflicts > 0)
    g_string_append_printf (line, g_dngettext (GETTEXT_PACKAGE, " · %u conflict", " · %u conflicts",
                                               self->conflicts), self->conflicts);
  g_free (self->summary);
  self->summary = g_string_free (line, FALSE);

  gtk_label_set_text (self->label, self->summary);
  gtk_image_set_from_icon_name (self->icon, link_icon (self->link));
  gtk_widget_set_visible (GTK_WIDGET (self->icon), !self->running);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->running);
  gtk_spinner_set_spinning (self->spinner, self->running);
  if (self->conflicts > 0 || self->link == SHEQU_SYNC_LINK_OFFLINE)
    gtk_widget_add_css_class (self->button, "shequ-sync-attention");
  else
    gtk_widget_remove_css_class (self->button, "shequ-sync-attention");
  /* Translators: the sync indicator's tooltip; %s says the state, e.g. "Online · 3 pending" */
  tip = g_strdup_printf (_("Central server: %s"), self->summary);
  gtk_widget_set_tooltip_text (self->button, tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);

  gtk_label_set_text (self->state_label, link_label (self->link));
  /* Translators: the sync popover: changes waiting, conflicts, refused by the server */
  counts = g_strdup_printf (_("%u waiting to be sent · %u in conflict · %u refused by the server"),
                            self->pending, self->conflicts, self->refused);
  gtk_label_set_text (self->counts_label, counts);
  gtk_widget_set_visible (GTK_WIDGET (self->progress), self->running);
}

void
shequ_sync_status_button_set_link (ShequSyncStatusButton *self,
                                   ShequSyncLink          link,
                                   const char            *detail)
{
  g_return_if_fail (SHEQU_IS_SYNC_STATUS_BUTTON (self));

  self->link = link;
  gtk_label_set_text (self->detail_label, detail != NULL ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), detail != NULL);
  update (self);
}

ShequSyncLink
shequ_sync_status_button_get_link (ShequSyncStatusButton *self)
{
  g_return_val_if_fail (SHEQU_IS_SYNC_STATUS_BUTTON (self), SHEQU_SYNC_LINK_UNKNOWN);
  return self->link;
}

static const char *
stage_label (const char *stage)
{
  if (g_strcmp0 (stage, "push") == 0)
    return _("Sending changes");
  if (g_strcmp0 (stage, "pull") == 0)
    return _("Receiving changes");
  if (g_strcmp0 (stage, "attachments") == 0)
    return _("Attachments");
  return _("Connecting");
}

void
shequ_sync_status_button_set_progress (ShequSyncStatusButton *self,
                                       gboolean               running,
                                       const char            *stage,
                                       guint                  done,
                                       guint                  total)
{
  g_autofree char *text = NULL;

  g_return_if_fail (SHEQU_IS_SYNC_STATUS_BUTTON (self));

  self->running = running;
  if (running)
    {
      if (total > 0)
        {
          text = g_strdup_printf ("%s: %u / %u", stage_label (stage), done, total);
          gtk_progress_bar_set_fraction (self->progress, (double) MIN (done, total) / total);
        }
      else
        {
          text = g_strdup (stage_label (stage));
          gtk_progress_bar_pulse (self->progress);
        }
      gtk_progress_bar_set_text (self->progress, text);
    }
  update (self);
}

void
shequ_sync_status_button_set_counts (ShequSyncStatusButton *self,
                                     guint                  pending,
                                     guint                  conflicts,
                                     guint                  refused)
{
  g_return_if_fail (SHEQU_IS_SYNC_STATUS_BUTTON (self));

  self->pending = pending;
  self->conflicts = conflicts;
  self->refused = refused;
  update (self);
}

void
shequ_sync_status_button_set_conflicts (ShequSyncStatusButton *self,
                                        GPtrArray             *rows)
{
  GtkWidget *child;

  g_return_if_fail (SHEQU_IS_SYNC_STATUS_BUTTON (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->conflicts_list))) != NULL)
    gtk_list_box_remove (self->conflicts_list, child);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      const ShequDisclosureRow *row = g_ptr_array_index (rows, i);
      GtkWidget *button = gtk_button_new_with_label (row->title != NULL && *row->title ? row->title : _("(untitled)"));

      gtk_widget_add_css_class (button, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.resolve-conflict");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", row->id);
      gtk_list_box_append (self->conflicts_list, button);
    }
  gtk_widget_set_visible (self->conflicts_box, rows != NULL && rows->len > 0);
}

const char *
shequ_sync_status_button_get_summary (ShequSyncStatusButton *self)
{
  g_return_val_if_fail (SHEQU_IS_SYNC_STATUS_BUTTON (self), NULL);
  return self->summary;
}

static GtkWidget *
add_popover_label (GtkWidget  *box,
                   const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

static GtkWidget *
make_popover (ShequSyncStatusButton *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *sync = gtk_button_new_with_mnemonic (_("Sync _Now"));
  GtkWidget *settings = gtk_button_new_with_mnemonic (_("_Settings…"));
  GtkWidget *heading;

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  self->state_label = GTK_LABEL (add_popover_label (box, "heading"));
  self->detail_label = GTK_LABEL (add_popover_label (box, NULL));
  self->counts_label = GTK_LABEL (add_popover_label (box, "dim-label"));
  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_show_text (self->progress, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->progress));

  self->conflicts_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  heading = add_popover_label (self->conflicts_box, "heading");
  gtk_label_set_text (GTK_LABEL (heading), _("Conflicts to resolve"));
  self->conflicts_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->conflicts_list, GTK_SELECTION_NONE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->conflicts_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Conflicts to resolve"), -1);
  gtk_box_append (GTK_BOX (self->conflicts_box), GTK_WIDGET (self->conflicts_list));
  gtk_widget_set_visible (self->conflicts_box, FALSE);
  gtk_box_append (GTK_BOX (box), self->conflicts_box);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (sync), "win.sync-now");
  gtk_widget_add_css_class (sync, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (settings), "win.sync-settings");
  gtk_widget_set_hexpand (sync, TRUE);
  gtk_box_append (GTK_BOX (buttons), sync);
  gtk_box_append (GTK_BOX (buttons), settings);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (popover), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Sync With the Central Server"), -1);
  return popover;
}

static void
on_toggled (ShequSyncStatusButton *self)
{
  gboolean active = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->button));

  gtk_accessible_update_state (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_STATE_EXPANDED, active, -1);
  if (active)
    gtk_popover_popup (GTK_POPOVER (self->popover));
  else
    gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
on_popover_closed (ShequSyncStatusButton *self)
{
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->button), FALSE);
}

static void
shequ_sync_status_button_measure (GtkWidget      *widget,
                                  GtkOrientation  orientation,
                                  int             for_size,
                                  int            *minimum,
                                  int            *natural,
                                  int            *minimum_baseline,
                                  int            *natural_baseline)
{
  gtk_widget_measure (SHEQU_SYNC_STATUS_BUTTON (widget)->button, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
shequ_sync_status_button_size_allocate (GtkWidget *widget,
                                        int        width,
                                        int        height,
                                        int        baseline)
{
  ShequSyncStatusButton *self = SHEQU_SYNC_STATUS_BUTTON (widget);

  gtk_widget_size_allocate (self->button, &(GtkAllocation) { 0, 0, width, height }, baseline);
  gtk_popover_present (GTK_POPOVER (self->popover));
}

static void
shequ_sync_status_button_dispose (GObject *object)
{
  ShequSyncStatusButton *self = SHEQU_SYNC_STATUS_BUTTON (object);

  g_clear_pointer (&self->popover, gtk_widget_unparent);
  g_clear_pointer (&self->button, gtk_widget_unparent);
  G_OBJECT_CLASS (shequ_sync_status_button_parent_class)->dispose (object);
}

static void
shequ_sync_status_button_finalize (GObject *object)
{
  g_free (SHEQU_SYNC_STATUS_BUTTON (object)->summary);
  G_OBJECT_CLASS (shequ_sync_status_button_parent_class)->finalize (object);
}

static void
shequ_sync_status_button_class_init (ShequSyncStatusButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = shequ_sync_status_button_dispose;
  object_class->finalize = shequ_sync_status_button_finalize;
  GTK_WIDGET_CLASS (klass)->measure = shequ_sync_status_button_measure;
  GTK_WIDGET_CLASS (klass)->size_allocate = shequ_sync_status_button_size_allocate;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "shequ-sync-status");
}

static void
shequ_sync_status_button_init (ShequSyncStatusButton *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->icon = GTK_IMAGE (gtk_image_new ());
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  self->label = GTK_LABEL (gtk_label_new (NULL));
  /* The header bar is narrow on a small screen: the line gives way first. */
  gtk_label_set_ellipsize (self->label, PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (self->label, 3);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->icon));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->spinner));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->label));
  self->button = gtk_toggle_button_new ();
  gtk_button_set_child (GTK_BUTTON (self->button), box);
  gtk_widget_add_css_class (self->button, "flat");
  gtk_widget_set_parent (self->button, GTK_WIDGET (self));
  self->popover = make_popover (self);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_STATE_EXPANDED, FALSE, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_HAS_POPUP, TRUE, -1);
  g_signal_connect_swapped (self->button, "toggled", G_CALLBACK (on_toggled), self);
  g_signal_connect_swapped (self->popover, "closed", G_CALLBACK (on_popover_closed), self);
  self->link = SHEQU_SYNC_LINK_UNCONFIGURED;
  update (self);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), FALSE);
}

GtkWidget *
shequ_sync_status_button_new (void)
{
  return g_object_new (SHEQU_TYPE_SYNC_STATUS_BUTTON, NULL);
}
