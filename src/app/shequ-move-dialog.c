/* shequ-move-dialog.c — "Move to…": choose a new parent for a unit */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-move-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-app-util.h"
#include "shequ-move-dialog-private.h"

struct _ShequMoveDialog
{
  GtkWindow           parent_instance;

  ShequOrgStore      *store;
  ShequUnit          *unit;
  GListStore         *candidates;
  GtkFilter          *filter;
  GtkFilterListModel *filter_model;
  GtkSingleSelection *selection;
  char               *search_text;

  /* template */
  GtkButton          *move_button;
  GtkLabel           *intro_label;
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkListView        *list_view;
  GtkLabel           *empty_label;
  GtkLabel           *error_label;
};

enum {
  UNIT_MOVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ShequMoveDialog, shequ_move_dialog, GTK_TYPE_WINDOW)

/* "平邑街道 › 第一片区": where a candidate sits. */
static char *
make_path (ShequUnit *unit)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GString) path = g_string_new (NULL);

  g_assert (SHEQU_IS_UNIT (unit));

  for (ShequUnit *u = shequ_unit_get_parent (unit); u != NULL; u = shequ_unit_get_parent (u))
    g_ptr_array_insert (names, 0, (gpointer) shequ_unit_get_name (u));
  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (path, " › ");
      g_string_append (path, names->pdata[i]);
    }
  return g_string_free (g_steal_pointer (&path), FALSE);
}

static gboolean
candidate_filter_func (gpointer item,
                       gpointer user_data)
{
  ShequMoveDialog *self = user_data;
  ShequUnit *unit = SHEQU_UNIT (item);
  guint start, end;

  if (self->search_text == NULL || self->search_text[0] == '\0')
    return TRUE;
  if (shequ_org_match_range (shequ_unit_get_name (unit), self->search_text, &start, &end) ||
      shequ_org_match_range (shequ_unit_get_code (unit), self->search_text, &start, &end))
    return TRUE;
  {
    g_autofree char *path = make_path (unit);

    return shequ_org_match_range (path, self->search_text, &start, &end);
  }
}

static int
compare_by_code (gconstpointer a,
                 gconstpointer b)
{
  ShequUnit *ua = *(ShequUnit **) a;
  ShequUnit *ub = *(ShequUnit **) b;

  return g_strcmp0 (shequ_unit_get_code (ua), shequ_unit_get_code (ub));
}

static void
fill_candidates (ShequMoveDialog *self)
{
  GPtrArray *units = shequ_org_store_get_units (self->store);
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  ShequUnit *parent = shequ_unit_get_parent (self->unit);
  ShequTier tier = shequ_unit_get_tier (self->unit);

  g_assert (SHEQU_IS_MOVE_DIALOG (self));

  for (guint i = 0; i < units->len; i++)
    {
      ShequUnit *candidate = units->pdata[i];

      /* The tier check first: it is cheap and rules out most units. */
      if (candidate == parent || candidate == self->unit ||
          !shequ_tier_can_hold (shequ_unit_get_tier (candidate), tier))
        continue;
      if (shequ_org_store_can_move_unit (self->store, self->unit, candidate, NULL))
        g_ptr_array_add (found, candidate);
    }
  g_ptr_array_sort (found, compare_by_code);
  g_list_store_splice (self->candidates, 0, g_list_model_get_n_items (G_LIST_MODEL (self->candidates)),
                       found->pdata, found->len);
}

static void
update_state (ShequMoveDialog *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));

  g_assert (SHEQU_IS_MOVE_DIALOG (self));

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  if (n == 0)
    gtk_label_set_text (self->empty_label,
                        g_list_model_get_n_items (G_LIST_MODEL (self->candidates)) == 0
                        ? _("No other unit can hold this one.")
                        : _("No unit matches the search."));
  gtk_widget_set_sensitive (GTK_WIDGET (self->move_button),
                            gtk_single_selection_get_selected_item (self->selection) != NULL);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  GtkWidget *box, *icon, *texts, *name, *path;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  icon = gtk_image_new ();
  gtk_widget_add_css_class (icon, "dim-label");
  texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  name = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  path = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (path), 0);
  gtk_label_set_ellipsize (GTK_LABEL (path), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (path, "dim-label");
  gtk_widget_add_css_class (path, "caption");
  gtk_box_append (GTK_BOX (texts), name);
  gtk_box_append (GTK_BOX (texts), path);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), texts);

  g_object_set_data (G_OBJECT (box), "shequ-icon", icon);
  g_object_set_data (G_OBJECT (box), "shequ-name", name);
  g_object_set_data (G_OBJECT (box), "shequ-path", path);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          ShequMoveDialog          *self)
{
  ShequUnit *unit = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  g_autofree char *path = make_path (unit);
  g_autofree char *caption = NULL;

  gtk_image_set_from_icon_name (g_object_get_data (G_OBJECT (box), "shequ-icon"),
                                shequ_tier_get_icon_name (shequ_unit_get_tier (unit)));
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "shequ-name"),
                      shequ_unit_get_name (unit));
  caption = path[0] ? g_strdup_printf ("%s · %s · %s", shequ_tier_get_label (shequ_unit_get_tier (unit)),
                                       shequ_unit_get_code (unit), path)
                    : g_strdup_printf ("%s · %s", shequ_tier_get_label (shequ_unit_get_tier (unit)),
                                       shequ_unit_get_code (unit));
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "shequ-path"), caption);
}

/* ------------------------------------------------------------------ behaviour */

gboolean
shequ_move_dialog_move_to (ShequMoveDialog  *self,
                           ShequUnit        *target,
                           GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(ShequUnit) unit = NULL;

  g_return_val_if_fail (SHEQU_IS_MOVE_DIALOG (self), FALSE);
  g_return_val_if_fail (SHEQU_IS_UNIT (target), FALSE);

  if (!shequ_org_store_move_unit (self->store, self->unit, target, &local_error))
    {
      gtk_label_set_text (self->error_label, local_error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  unit = g_object_ref (self->unit);
  g_signal_emit (self, signals[UNIT_MOVED], 0, unit);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
move_selected (ShequMoveDialog *self)
{
  ShequUnit *target = gtk_single_selection_get_selected_item (self->selection);

  g_assert (SHEQU_IS_MOVE_DIALOG (self));

  if (target != NULL)
    shequ_move_dialog_move_to (self, target, NULL);
}

static void
on_move_clicked (ShequMoveDialog *self)
{
  g_assert (SHEQU_IS_MOVE_DIALOG (self));

  move_selected (self);
}

static void
on_list_activate (ShequMoveDialog *self,
                  guint            position)
{
  g_assert (SHEQU_IS_MOVE_DIALOG (self));

  gtk_single_selection_set_selected (self->selection, position);
  move_selected (self);
}

static void
on_search_changed (ShequMoveDialog *self)
{
  g_assert (SHEQU_IS_MOVE_DIALOG (self));

  shequ_move_dialog_set_search_text (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_search_activate (ShequMoveDialog *self)
{
  g_assert (SHEQU_IS_MOVE_DIALOG (self));

  /* Enter in the search takes the only, or the selected, match. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 1)
    gtk_single_selection_set_selected (self->selection, 0);
  move_selected (self);
}

/* ------------------------------------------------------------------ public */

ShequMoveDialog *
shequ_move_dialog_new (GtkWindow     *parent,
                       ShequOrgStore *store,
                       ShequUnit     *unit)
{
  ShequMoveDialog *self;
  g_autofree char *title = NULL;
  g_autofree char *intro = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (store), NULL);
  g_return_val_if_fail (SHEQU_IS_UNIT (unit), NULL);

  self = g_object_new (SHEQU_TYPE_MOVE_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->unit = g_object_ref (unit);

  title = g_strdup_printf (_("Move “%s”"), shequ_unit_get_name (unit));
  gtk_window_set_title (GTK_WINDOW (self), title);
  /* Translators: the first %s is a unit's name, the second its tier ("Grid") */
  intro = g_strdup_printf (_("Choose the new parent of “%s” (%s). Only units that can hold it "
                             "are listed; its code stays the same."),
                           shequ_unit_get_name (unit),
                           shequ_tier_get_label (shequ_unit_get_tier (unit)));
  gtk_label_set_text (self->intro_label, intro);

  fill_candidates (self);
  update_state (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return self;
}

GListModel *
shequ_move_dialog_get_candidates (ShequMoveDialog *self)
{
  g_return_val_if_fail (SHEQU_IS_MOVE_DIALOG (self), NULL);
  return G_LIST_MODEL (self->filter_model);
}

void
shequ_move_dialog_set_search_text (ShequMoveDialog *self,
                                   const char      *text)
{
  g_return_if_fail (SHEQU_IS_MOVE_DIALOG (self));

  if (g_strcmp0 (text, self->search_text) == 0)
    return;
  g_free (self->search_text);
  self->search_text = g_strdup (text ? text : "");
  gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

/* ------------------------------------------------------------------ GObject */

static void
shequ_move_dialog_dispose (GObject *object)
{
  ShequMoveDialog *self = SHEQU_MOVE_DIALOG (object);

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHEQU_TYPE_MOVE_DIALOG);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->candidates);
  g_clear_object (&self->unit);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (shequ_move_dialog_parent_class)->dispose (object);
}

static void
shequ_move_dialog_finalize (GObject *object)
{
  ShequMoveDialog *self = SHEQU_MOVE_DIALOG (object);

  g_free (self->search_text);

  G_OBJECT_CLASS (shequ_move_dialog_parent_class)->finalize (object);
}

static void
shequ_move_dialog_class_init (ShequMoveDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shequ_move_dialog_dispose;
  object_class->finalize = shequ_move_dialog_finalize;

  signals[UNIT_MOVED] =
    g_signal_new ("unit-moved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, SHEQU_TYPE_UNIT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/shequ/Shequ/ui/shequ-move-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ShequMoveDialog, move_button);
  gtk_widget_class_bind_template_child (widget_class, ShequMoveDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, ShequMoveDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ShequMoveDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, ShequMoveDialog, list_view);
  gtk_widget_class_bind_template_child (widget_class, ShequMoveDialog, empty_label);
  gtk_widget_class_bind_template_child (widget_class, ShequMoveDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_move_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
shequ_move_dialog_init (ShequMoveDialog *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));
  shequ_accessible_clean_mnemonics (GTK_WIDGET (self));

  self->search_text = g_strdup ("");
  self->candidates = g_list_store_new (SHEQU_TYPE_UNIT);
  self->filter = GTK_FILTER (gtk_custom_filter_new (candidate_filter_func, self, NULL));
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->candidates)),
                                                  g_object_ref (self->filter));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
}
