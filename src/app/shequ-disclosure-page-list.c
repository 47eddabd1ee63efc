/* shequ-disclosure-page-list.c — the disclosure page's list: rows, filters, search */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-disclosure-page"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-disclosure-kind-label.h"
#include "shequ-disclosure-page-private.h"

/* ------------------------------------------------------------------------ */
/* ShequDisclosureItem                                                       */

G_DEFINE_FINAL_TYPE (ShequDisclosureItem, shequ_disclosure_item, G_TYPE_OBJECT)

static void
shequ_disclosure_item_finalize (GObject *object)
{
  ShequDisclosureItem *self = SHEQU_DISCLOSURE_ITEM (object);

  g_free (self->title);
  g_free (self->period);
  g_free (self->unit_name);
  g_free (self->sync_message);
  G_OBJECT_CLASS (shequ_disclosure_item_parent_class)->finalize (object);
}

static void
shequ_disclosure_item_class_init (ShequDisclosureItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = shequ_disclosure_item_finalize;
}

static void
shequ_disclosure_item_init (ShequDisclosureItem *self)
{
}

ShequDisclosureItem *
shequ_disclosure_item_new (const ShequDisclosureRow *row,
                           ShequUnit                *owner)
{
  ShequDisclosureItem *self;

  g_return_val_if_fail (row != NULL, NULL);

  self = g_object_new (SHEQU_TYPE_DISCLOSURE_ITEM, NULL);
  self->id = row->id;
  self->kind = row->kind;
  self->state = row->state;
  self->sync = row->sync;
  self->n_versions = row->n_versions;
  self->title = g_strdup (row->title != NULL && *row->title != '\0' ? row->title : _("(untitled)"));
  self->period = g_strdup (row->period);
  self->unit_name = g_strdup (owner != NULL ? shequ_unit_get_name (owner) : row->unit_code);
  self->kind_label = shequ_disclosure_kind_label_for_unit (
    row->kind, owner != NULL ? shequ_unit_get_tier (owner) : SHEQU_N_TIERS);
  self->sync_message = g_strdup (row->sync_message);
  return self;
}

/* ------------------------------------------------------------------------ */
/* Rows                                                                      */

static const char *
sync_icon_name (ShequSyncStatus sync)
{
  switch (sync)
    {
    case SHEQU_SYNC_STATUS_LOCAL:
      return "document-send-symbolic";
    case SHEQU_SYNC_STATUS_PENDING:
      return "emblem-synchronizing-symbolic";
    case SHEQU_SYNC_STATUS_SYNCED:
      return "emblem-ok-symbolic";
    case SHEQU_SYNC_STATUS_CONFLICT:
      return "dialog-warning-symbolic";
    case SHEQU_SYNC_STATUS_REFUSED:
    case SHEQU_SYNC_N_STATUSES:
    default:
      return "action-unavailable-symbolic";
    }
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *meta = gtk_label_new (NULL);
  GtkWidget *edited = gtk_image_new_from_icon_name ("document-edit-symbolic");
  GtkWidget *chip = gtk_label_new (NULL);
  GtkWidget *sync = gtk_image_new ();

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (meta), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (meta), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (meta, TRUE);
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_widget_add_css_class (meta, "caption");
  gtk_widget_add_css_class (chip, "shequ-state-chip");
  gtk_widget_set_valign (chip, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (edited, _("Unsaved changes"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (edited), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Unsaved changes"), -1);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (line), meta);
  gtk_box_append (GTK_BOX (line), edited);
  gtk_box_append (GTK_BOX (line), chip);
  gtk_box_append (GTK_BOX (line), sync);
  gtk_box_append (GTK_BOX (box), line);
  g_object_set_data (G_OBJECT (box), "title", title);
  g_object_set_data (G_OBJECT (box), "meta", meta);
  g_object_set_data (G_OBJECT (box), "edited", edited);
  g_object_set_data (G_OBJECT (box), "chip", chip);
  g_object_set_data (G_OBJECT (box), "sync", sync);
  gtk_list_item_set_child (list_item, box);
}

static const char *chip_classes[SHEQU_DISCLOSURE_N_STATES] = {
  "draft", "submitted", "approved", "published", "corrected", "withdrawn",
};

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  ShequDisclosureItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *chip = g_object_get_data (G_OBJECT (box), "chip");
  GtkWidget *sync = g_object_get_data (G_OBJECT (box), "sync");
  g_autofree char *period = shequ_disclosure_period_get_label (item->period);
  g_autofree char *meta = NULL;
  g_autofree char *tip = NULL;
  const char *sync_label = shequ_sync_status_get_label (item->sync);

  /* Translators: a disclosure row's second line: kind · period · unit */
  meta = g_strdup_printf (_("%s · %s · %s"), item->kind_label,
                          period != NULL ? period : item->period, item->unit_name);
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "title"), item->title);
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "meta"), meta);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (box), "edited"), item->edited);
  for (guint i = 0; i < SHEQU_DISCLOSURE_N_STATES; i++)
    gtk_widget_remove_css_class (chip, chip_classes[i]);
  gtk_widget_add_css_class (chip, chip_classes[MIN (item->state, SHEQU_DISCLOSURE_N_STATES - 1)]);
  gtk_label_set_text (GTK_LABEL (chip), shequ_disclosure_state_get_label (item->state));
  gtk_image_set_from_icon_name (GTK_IMAGE (sync), sync_icon_name (item->sync));
  tip = item->sync_message != NULL ? g_strdup_printf ("%s: %s", sync_label, item->sync_message)
                                   : g_strdup (sync_label);
  gtk_widget_set_tooltip_text (sync, tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (sync), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (box)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  *item->title != '\0' ? item->title : meta, -1);
  if (item->sync == SHEQU_SYNC_STATUS_CONFLICT || item->sync == SHEQU_SYNC_STATUS_REFUSED)
    gtk_widget_add_css_class (sync, "warning");
  else
    gtk_widget_remove_css_class (sync, "warning");
}

/* ------------------------------------------------------------------------ */
/* Building the list from the store                                          */

static void
update_count (ShequDisclosurePage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  ShequUnit *unit = self->session != NULL ? shequ_session_get_selected_unit (self->session) : NULL;
  g_autofree char *text = NULL;

  if (unit != NULL)
    /* Translators: %u disclosures of the unit %s and those under it */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u disclosure of %s and the units under it",
                                         "%u disclosures of %s and the units under it", n),
                            n, shequ_unit_get_name (unit));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u disclosure", "%u disclosures", n), n);
  gtk_label_set_text (self->count_label, text);
  gtk_widget_set_visible (self->list_empty, n == 0);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->list_view)), n > 0);
}

void
_shequ_disclosure_page_rebuild (ShequDisclosurePage *self)
{
  ShequDisclosureFilter filter = SHEQU_DISCLOSURE_FILTER_INIT;
  ShequUnit *unit = self->session != NULL ? shequ_session_get_selected_unit (self->session) : NULL;
  ShequOrgStore *org = self->store != NULL ? shequ_disclosure_store_get_org_store (self->store) : NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint selected = GTK_INVALID_LIST_POSITION;

  if (self->store != NULL)
    {
      filter.unit_id = unit != NULL ? shequ_unit_get_id (unit) : 0;
      filter.subtree = TRUE;
      filter.kind = self->filter_kind;
      filter.state = self->filter_state;
      filter.search = self->search != NULL && *self->search != '\0' ? self->search : NULL;
      rows = shequ_disclosure_store_list (self->store, &filter);
    }
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      const ShequDisclosureRow *row = g_ptr_array_index (rows, i);
      ShequUnit *owner = org != NULL && row->unit_id > 0 ? shequ_org_store_lookup_unit (org, row->unit_id) : NULL;
      ShequDisclosureItem *item = shequ_disclosure_item_new (row, owner);
      g_autofree char *name = g_strdup_printf ("%" G_GINT64_FORMAT, row->id);

      item->edited = gtk_stack_get_child_by_name (self->editors_stack, name) != NULL &&
                     shequ_disclosure_editor_get_modified (SHEQU_DISCLOSURE_EDITOR (
                       gtk_stack_get_child_by_name (self->editors_stack, name)));
      if (row->id == self->selected_id && !self->editing_new)
        selected = i;
      g_ptr_array_add (items, item);
    }
  self->rebuilding++;
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       items->pdata, items->len);
  gtk_single_selection_set_selected (self->selection, selected);
  self->rebuilding--;
  update_count (self);
}

void
_shequ_disclosure_page_mark_edited (ShequDisclosurePage *self,
                                    gint64               id,
                                    gboolean             edited)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShequDisclosureItem) item = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      if (item->id == id && item->edited != edited)
        {
          g_autoptr(ShequDisclosureItem) copy = g_object_new (SHEQU_TYPE_DISCLOSURE_ITEM, NULL);

          /* A new item in its place, so the list view binds its row again. */
          copy->id = item->id;
          copy->kind = item->kind;
          copy->state = item->state;
          copy->sync = item->sync;
          copy->n_versions = item->n_versions;
          copy->title = g_strdup (item->title);
          copy->period = g_strdup (item->period);
          copy->unit_name = g_strdup (item->unit_name);
          copy->sync_message = g_strdup (item->sync_message);
          copy->edited = edited;
          self->rebuilding++;
          g_list_store_splice (self->rows, i, 1, (gpointer *) &copy, 1);
          if (id == self->selected_id && !self->editing_new)
            gtk_single_selection_set_selected (self->selection, i);
          self->rebuilding--;
          return;
        }
    }
}

GListModel *
shequ_disclosure_page_get_rows (ShequDisclosurePage *self)
{
  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_PAGE (self), NULL);
  return G_LIST_MODEL (self->rows);
}

/* ------------------------------------------------------------------------ */
/* Filters                                                                   */

void
shequ_disclosure_page_set_filter (ShequDisclosurePage *self,
                                  int                  kind,
                                  int                  state,
                                  const char          *search)
{
  g_return_if_fail (SHEQU_IS_DISCLOSURE_PAGE (self));
  g_return_if_fail (kind >= -1 && kind < SHEQU_DISCLOSURE_N_KINDS);
  g_return_if_fail (state >= -1 && state < SHEQU_DISCLOSURE_N_STATES);

  self->filter_kind = kind;
  self->filter_state = state;
  g_free (self->search);
  self->search = g_strdup (search);
  /* The controls say the same. Their handlers ignore it: the first one set would
   * otherwise read the others' old values back into the filter. */
  self->setting_filter = TRUE;
  gtk_drop_down_set_selected (self->kind_dropdown, kind + 1);
  gtk_drop_down_set_selected (self->state_dropdown, state + 1);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), search != NULL ? search : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), search != NULL ? search : "");
  self->setting_filter = FALSE;
  _shequ_disclosure_page_rebuild (self);
}

static void
on_filter_changed (ShequDisclosurePage *self)
{
  int kind = (int) gtk_drop_down_get_selected (self->kind_dropdown) - 1;
  int state = (int) gtk_drop_down_get_selected (self->state_dropdown) - 1;
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (self->setting_filter)
    return;
  if (kind == self->filter_kind && state == self->filter_state && g_strcmp0 (search, self->search) == 0)
    return;
  self->filter_kind = kind;
  self->filter_state = state;
  g_free (self->search);
  self->search = g_strdup (search);
  _shequ_disclosure_page_rebuild (self);
}

static void
on_selection_changed (ShequDisclosurePage *self)
{
  ShequDisclosureItem *item = gtk_single_selection_get_selected_item (self->selection);

  if (self->rebuilding > 0 || item == NULL)
    return;
  shequ_disclosure_page_select (self, item->id);
}

static GtkStringList *
make_choices (const char *all,
              guint       n,
              const char *(*get_label) (int))
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, all);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, get_label ((int) i));
  return list;
}

static const char *
kind_label (int kind)
{
  return shequ_disclosure_kind_get_label (kind);
}

static const char *
state_label (int state)
{
  return shequ_disclosure_state_get_label (state);
}

void
_shequ_disclosure_page_list_init (ShequDisclosurePage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkStringList) kinds = make_choices (_("All kinds"), SHEQU_DISCLOSURE_N_KINDS, kind_label);
  g_autoptr(GtkStringList) states = make_choices (_("All states"), SHEQU_DISCLOSURE_N_STATES, state_label);

  self->rows = g_list_store_new (SHEQU_TYPE_DISCLOSURE_ITEM);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (on_selection_changed),
                           self, G_CONNECT_SWAPPED);

  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));
  gtk_drop_down_set_model (self->state_dropdown, G_LIST_MODEL (states));
  g_signal_connect_object (self->kind_dropdown, "notify::selected", G_CALLBACK (on_filter_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state_dropdown, "notify::selected", G_CALLBACK (on_filter_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (on_filter_changed),
                           self, G_CONNECT_SWAPPED);
  update_count (self);
}
