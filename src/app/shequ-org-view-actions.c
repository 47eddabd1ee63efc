/* shequ-org-view-actions.c — the tree's actions: add, rename, delete, move, expand, context menu */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-org-view"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-app-util.h"
#include "shequ-move-dialog.h"
#include "shequ-org-view-private.h"
#include "shequ-rename-popover.h"
#include "shequ-window.h"

/* ------------------------------------------------------------------ messages */

void
_shequ_org_view_show_message (ShequOrgView *self,
                              const char   *message)
{
  gtk_label_set_text (self->info_label, message);
  gtk_info_bar_set_revealed (self->info_bar, TRUE);
}

static void
on_info_bar_response (ShequOrgView *self,
                      int           response)
{
  g_assert (SHEQU_IS_ORG_VIEW (self));

  gtk_info_bar_set_revealed (self->info_bar, FALSE);
}

/* ------------------------------------------------------------------ editing */

static void
on_rename (ShequRenamePopover *popover,
           const char         *name,
           ShequOrgView       *self)
{
  g_autoptr(ShequUnit) unit = NULL;
  g_autoptr(GError) error = NULL;

  if (shequ_rename_popover_get_unit (popover) == NULL)
    return;

  unit = g_object_ref (shequ_rename_popover_get_unit (popover));
  if (_shequ_org_view_is_searching (self))
    g_set_object (&self->keep_visible, unit);
  if (g_strcmp0 (name, shequ_unit_get_name (unit)) != 0 &&
      !shequ_org_store_rename_unit (self->store, unit, name, &error))
    {
      shequ_rename_popover_show_error (popover, error->message);
      return;
    }
  gtk_popover_popdown (GTK_POPOVER (popover));
  /* Back on the row, not wherever GTK puts the focus when the popover goes (the
   * toast's Undo button, where the next Enter would undo the rename). */
  shequ_org_view_select_unit (self, unit);
  _shequ_org_view_focus_unit_later (self, unit, FALSE);
}

static void
on_rename_closed (ShequRenamePopover *popover,
                  ShequOrgView       *self)
{
  ShequUnit *unit = shequ_rename_popover_get_unit (popover);

  if (unit != NULL && self->selected_unit == unit)
    _shequ_org_view_focus_unit_later (self, unit, FALSE);
  shequ_rename_popover_set_unit (popover, NULL);
}

static void
ensure_rename_popover (ShequOrgView *self)
{
  g_assert (SHEQU_IS_ORG_VIEW (self));

  if (self->rename_popover != NULL)
    return;

  self->rename_popover = shequ_rename_popover_new ();
  gtk_widget_set_parent (self->rename_popover, GTK_WIDGET (self));
  g_signal_connect (self->rename_popover, "rename", G_CALLBACK (on_rename), self);
  g_signal_connect (self->rename_popover, "closed", G_CALLBACK (on_rename_closed), self);
}

/* Where UNIT's row is, in our coordinates (the whole tree when it is not shown). */
static void
get_unit_rect (ShequOrgView *self,
               ShequUnit    *unit,
               GdkRectangle *rect)
{
  GtkWidget *cell = unit ? _shequ_org_view_find_name_cell (self, unit) : NULL;
  graphene_rect_t bounds;

  g_assert (SHEQU_IS_ORG_VIEW (self));

  if (cell != NULL && gtk_widget_compute_bounds (cell, GTK_WIDGET (self), &bounds))
    {
      GtkLabel *label = _shequ_org_view_cell_get_label (cell);
      graphene_rect_t label_bounds;

      if (label != NULL &&
          gtk_widget_compute_bounds (GTK_WIDGET (label), GTK_WIDGET (self), &label_bounds))
        bounds = label_bounds;
      rect->x = bounds.origin.x;
      rect->y = bounds.origin.y;
      rect->width = MAX (1, MIN (bounds.size.width, 240));
      rect->height = bounds.size.height;
    }
  else if (gtk_widget_compute_bounds (GTK_WIDGET (self->scrolled_window), GTK_WIDGET (self), &bounds))
    {
      rect->x = bounds.origin.x + bounds.size.width / 2;
      rect->y = bounds.origin.y + 48;
      rect->width = 1;
      rect->height = 1;
    }
  else
    {
      *rect = (GdkRectangle) { 0, 0, 1, 1 };
    }
}

void
_shequ_org_view_start_rename (ShequOrgView *self,
                              ShequUnit    *unit)
{
  GdkRectangle rect;

  ensure_rename_popover (self);
  get_unit_rect (self, unit, &rect);
  shequ_rename_popover_start (SHEQU_RENAME_POPOVER (self->rename_popover), unit, &rect);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ShequOrgView *self = SHEQU_ORG_VIEW (widget);

  if (self->selected_unit == NULL)
    return;
  /* The row may be out of view: bring it in, then open the popover over it. */
  shequ_org_view_select_unit (self, self->selected_unit);
  _shequ_org_view_focus_unit_later (self, self->selected_unit, TRUE);
}

static guint
count_subtree (ShequUnit *unit)
{
  guint n = 0;

  for (guint i = 0; i < shequ_unit_get_n_children (unit); i++)
    n += 1 + count_subtree (shequ_unit_get_child (unit, i));
  return n;
}

/* The posts held at UNIT and every unit below it: what a delete takes with it. */
static guint
count_posts (ShequOrgStore *store,
             ShequUnit     *unit)
{
  GListModel *posts = shequ_org_store_get_unit_posts (store, unit);
  guint n = posts != NULL ? g_list_model_get_n_items (posts) : 0;

  for (guint i = 0; i < shequ_unit_get_n_children (unit); i++)
    n += count_posts (store, shequ_unit_get_child (unit, i));
  return n;
}

/* What the toast says after a delete: only what went ("0 units" is never said). */
static char *
describe_delete (const char *name,
                 guint       n_units,
                 guint       n_posts)
{
  g_autofree char *units_text = NULL;
  g_autofree char *posts_text = NULL;

  units_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unit below it",
                                             "%u units below it", n_units), n_units);
  posts_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u post", "%u posts", n_posts),
                                n_posts);
  if (n_units > 0 && n_posts > 0)
    /* Translators: a notification, "Deleted “East Area” with 12 units below it and 40 posts" */
    return g_strdup_printf (_("Deleted “%s” with %s and %s"), name, units_text, posts_text);
  if (n_units > 0)
    /* Translators: a notification, "Deleted “East Area” with 12 units below it" */
    return g_strdup_printf (C_("units", "Deleted “%s” with %s"), name, units_text);
  if (n_posts > 0)
    /* Translators: a notification, "Deleted “Grid 3” with 4 posts" */
    return g_strdup_printf (C_("posts", "Deleted “%s” with %s"), name, posts_text);
  return g_strdup_printf (_("Deleted “%s”"), name);
}

gboolean
shequ_org_view_delete_unit (ShequOrgView  *self,
                            ShequUnit     *unit,
                            GError       **error)
{
  g_autoptr(ShequUnit) parent = NULL;
  g_autoptr(ShequUnit) kept = NULL;
  g_autofree char *code = NULL;
  g_autofree char *text = NULL;
  gboolean had_focus;
  GtkWidget *window;

  g_return_val_if_fail (SHEQU_IS_ORG_VIEW (self), FALSE);
  g_return_val_if_fail (SHEQU_IS_UNIT (unit), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  kept = g_object_ref (unit);
  parent = shequ_unit_get_parent (unit) ? g_object_ref (shequ_unit_get_parent (unit)) : NULL;
  code = g_strdup (shequ_unit_get_code (unit));
  text = describe_delete (shequ_unit_get_name (unit), count_subtree (unit),
                          count_posts (self->store, unit));
  had_focus = shequ_org_view_tree_has_focus (self);

  if (!shequ_org_store_delete_unit (self->store, unit, error))
    return FALSE;

  /* Undo brings the unit back, and the selection with it. */
  g_free (self->restore_code);
  self->restore_code = g_steal_pointer (&code);
  if (parent != NULL)
    {
      shequ_org_view_select_unit (self, parent);
      if (had_focus || !shequ_org_view_tree_has_focus (self))
        _shequ_org_view_focus_unit_later (self, parent, FALSE);
    }

  /* The window's toast (with Undo) says what went instead of the bare label. */
  window = gtk_widget_get_ancestor (GTK_WIDGET (self), SHEQU_TYPE_WINDOW);
  if (window != NULL)
    shequ_window_show_toast (SHEQU_WINDOW (window), text,
                             shequ_org_store_get_can_undo (self->store));
  return TRUE;
}

static GtkWindow *
get_parent_window (ShequOrgView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_assert (SHEQU_IS_ORG_VIEW (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Delete can be undone: no question first, a toast with Undo after. */
static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ShequOrgView *self = SHEQU_ORG_VIEW (widget);
  ShequUnit *unit = self->selected_unit;
  g_autoptr(GError) error = NULL;

  if (unit == NULL || shequ_unit_get_parent (unit) == NULL)
    return;
  if (!shequ_org_view_delete_unit (self, unit, &error))
    _shequ_org_view_show_message (self, error->message);
}

static const char *
new_unit_name (ShequTier tier)
{
  switch (tier)
    {
    case SHEQU_TIER_AREA:
      return _("New Area");
    case SHEQU_TIER_COMMUNITY:
      return _("New Community");
    case SHEQU_TIER_VILLAGE:
      return _("New Village");
    case SHEQU_TIER_GRID:
      return _("New Grid");
    case SHEQU_TIER_STREET:
    case SHEQU_N_TIERS:
    default:
      return _("New Unit");
    }
}

ShequUnit *
shequ_org_view_add_child (ShequOrgView  *self,
                          ShequUnit     *parent,
                          ShequTier      tier,
                          gboolean       move_figures,
                          GError       **error)
{
  ShequUnit *unit;

  g_return_val_if_fail (SHEQU_IS_ORG_VIEW (self), NULL);
  g_return_val_if_fail (SHEQU_IS_UNIT (parent), NULL);
  g_return_val_if_fail (self->store != NULL, NULL);

  if (tier == SHEQU_N_TIERS)
    tier = shequ_tier_default_child (shequ_unit_get_tier (parent));
  unit = shequ_org_store_add_unit_full (self->store, parent, tier, new_unit_name (tier),
                                        move_figures, error);

  if (unit == NULL)
    return NULL;

  shequ_org_view_select_unit (self, unit);
  _shequ_org_view_focus_unit_later (self, unit, TRUE);
  return unit;
}

static void
on_move_figures_response (GtkDialog    *dialog,
                          int           response,
                          ShequOrgView *self)
{
  ShequUnit *parent = g_object_get_data (G_OBJECT (dialog), "shequ-unit");
  ShequTier tier = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "shequ-tier"));
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_YES && parent != NULL &&
      shequ_org_view_add_child (self, parent, tier, response == GTK_RESPONSE_YES, &error) == NULL)
    _shequ_org_view_show_message (self, error->message);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
add_child_interactive (ShequOrgView *self,
                       ShequTier     tier)
{
  ShequUnit *parent = self->selected_unit;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  g_assert (SHEQU_IS_ORG_VIEW (self));

  if (parent == NULL || !_shequ_org_view_unit_can_have_children (parent))
    return;

  if (!shequ_org_store_should_ask_move_figures (self->store, parent))
    {
      if (shequ_org_view_add_child (self, parent, tier, FALSE, &error) == NULL)
        _shequ_org_view_show_message (self, error->message);
      return;
    }

  dialog = gtk_message_dialog_new (get_parent_window (self),
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   _("Move the population and households of “%s” to the new unit?"),
                                   shequ_unit_get_name (parent));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog),
                                            _("Figures are entered on the lowest units and "
                                              "added up. “%s” has its own figures: they move "
                                              "to its first child, so they are not counted twice."),
                                            shequ_unit_get_name (parent));
  /* No "keep them here": figures on a unit with sub-units would be counted twice, and
   * the store refuses them on every path. */
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Move Them"), GTK_RESPONSE_YES);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_YES);
  g_object_set_data_full (G_OBJECT (dialog), "shequ-unit", g_object_ref (parent), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "shequ-tier", GINT_TO_POINTER (tier));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_move_figures_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_child_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  add_child_interactive (SHEQU_ORG_VIEW (widget), SHEQU_N_TIERS);
}

static void
add_village_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  add_child_interactive (SHEQU_ORG_VIEW (widget), SHEQU_TIER_VILLAGE);
}

static void
on_unit_moved (ShequMoveDialog *dialog,
               ShequUnit       *unit,
               ShequOrgView    *self)
{
  shequ_org_view_select_unit (self, unit);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ShequOrgView *self = SHEQU_ORG_VIEW (widget);
  ShequMoveDialog *dialog;

  if (self->selected_unit == NULL || shequ_unit_get_parent (self->selected_unit) == NULL)
    return;

  dialog = shequ_move_dialog_new (get_parent_window (self), self->store, self->selected_unit);
  g_signal_connect_object (dialog, "unit-moved", G_CALLBACK (on_unit_moved), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
expand_below (ShequOrgView   *self,
              GtkTreeListRow *row)
{
  guint position = gtk_tree_list_row_get_position (row);
  guint depth = gtk_tree_list_row_get_depth (row);
  g_autoptr(ShequUnit) unit = g_object_ref (_shequ_org_view_row_get_unit (row));

  g_assert (SHEQU_IS_ORG_VIEW (self));

  _shequ_org_view_freeze_view (self);
  gtk_tree_list_row_set_expanded (row, TRUE);
  for (guint i = position + 1; i < g_list_model_get_n_items (G_LIST_MODEL (self->tree_model)); i++)
    {
      g_autoptr(GtkTreeListRow) child = gtk_tree_list_model_get_row (self->tree_model, i);

      if (gtk_tree_list_row_get_depth (child) <= depth)
        break;
      gtk_tree_list_row_set_expanded (child, TRUE);
    }
  _shequ_org_view_thaw_view (self);
  shequ_org_view_select_unit (self, unit);
}

static void
expand_below_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ShequOrgView *self = SHEQU_ORG_VIEW (widget);
  GtkTreeListRow *sorted_row = _shequ_org_view_get_selected_row (self);
  g_autoptr(GtkTreeListRow) row = NULL;

  if (sorted_row == NULL)
    return;
  _shequ_org_view_finish_restore (self);
  row = _shequ_org_view_find_tree_row (self, _shequ_org_view_row_get_unit (sorted_row), TRUE);
  if (row != NULL)
    expand_below (self, row);
}

static void
expand_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ShequOrgView *self = SHEQU_ORG_VIEW (widget);

  if (self->tree_model == NULL)
    return;
  _shequ_org_view_finish_restore (self);
  _shequ_org_view_freeze_view (self);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->tree_model)); i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree_model, i);

      gtk_tree_list_row_set_expanded (row, TRUE);
    }
  _shequ_org_view_thaw_view (self);
  if (self->selected_unit != NULL)
    shequ_org_view_select_unit (self, self->selected_unit);
}

static void
collapse_all_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ShequOrgView *self = SHEQU_ORG_VIEW (widget);
  guint n;

  if (self->tree_model == NULL)
    return;
  /* Down to the street's areas: a tree of one closed row helps nobody. */
  _shequ_org_view_finish_restore (self);
  _shequ_org_view_freeze_view (self);
  _shequ_org_view_collapse_all_rows (self);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->root_filter));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_child_row (self->tree_model, i);

      gtk_tree_list_row_set_expanded (row, TRUE);
    }
  _shequ_org_view_thaw_view (self);
  if (self->selected_unit != NULL)
    shequ_org_view_select_unit (self, self->selected_unit);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  shequ_org_view_start_search (SHEQU_ORG_VIEW (widget));
}

static void
popup_context_menu (ShequOrgView       *self,
                    const GdkRectangle *rect)
{
  g_assert (SHEQU_IS_ORG_VIEW (self));

  /* Made when first asked for: a popover menu is a tree of widgets, unseen at start. */
  if (self->context_menu == NULL)
    {
      self->context_menu = gtk_popover_menu_new_from_model (self->row_menu);
      gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
      gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
      gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), rect);
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

static void
context_menu_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ShequOrgView *self = SHEQU_ORG_VIEW (widget);
  GdkRectangle rect;

  if (self->selected_unit == NULL)
    return;
  get_unit_rect (self, self->selected_unit, &rect);
  rect.y += rect.height;
  rect.height = 1;
  rect.width = 1;
  popup_context_menu (self, &rect);
}

void
_shequ_org_view_on_cell_pressed (GtkGestureClick *gesture,
                                 int              n_press,
                                 double           x,
                                 double           y,
                                 ShequOrgView    *self)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkTreeListRow *row = gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (cell));
  graphene_point_t point;
  guint position;

  if (row == NULL || self->selection == NULL)
    return;

  position = _shequ_org_view_sort_position_of_row (self, row);
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->selection, position);

  if (!gtk_widget_compute_point (cell, GTK_WIDGET (self), &GRAPHENE_POINT_INIT (x, y), &point))
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_context_menu (self, &(GdkRectangle) { point.x, point.y, 1, 1 });
}

static void
on_column_view_activate (ShequOrgView *self,
                         guint         position)
{
  g_autoptr(GtkTreeListRow) row = NULL;

  g_assert (SHEQU_IS_ORG_VIEW (self));

  row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (row != NULL && gtk_tree_list_row_is_expandable (row))
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
}

/* Left/Right as in every tree: GTK 4.8's expander binds them only with Shift. */
gboolean
_shequ_org_view_on_tree_key_pressed (GtkEventControllerKey *controller,
                                     guint                  keyval,
                                     guint                  keycode,
                                     GdkModifierType        state,
                                     ShequOrgView          *self)
{
  GtkTreeListRow *row = _shequ_org_view_get_selected_row (self);
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  ShequUnit *unit;

  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab || keyval == GDK_KEY_ISO_Left_Tab)
    {
      gboolean backward = keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK) != 0;

      if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
        return GDK_EVENT_PROPAGATE;
      shequ_org_view_move_focus_out_of_tree (self, backward);
      return GDK_EVENT_STOP;
    }

  if (row == NULL || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;
  unit = _shequ_org_view_row_get_unit (row);

  if (keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right)
    keyval = rtl ? GDK_KEY_Left : GDK_KEY_Right;
  else if (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left)
    keyval = rtl ? GDK_KEY_Right : GDK_KEY_Left;
  else if (keyval == GDK_KEY_asterisk || keyval == GDK_KEY_KP_Multiply)
    {
      g_autoptr(GtkTreeListRow) tree_row = _shequ_org_view_find_tree_row (self, unit, TRUE);

      if (tree_row != NULL)
        expand_below (self, tree_row);
      return GDK_EVENT_STOP;
    }
  else
    return GDK_EVENT_PROPAGATE;

  if (keyval == GDK_KEY_Right)
    {
      if (gtk_tree_list_row_is_expandable (row) && !gtk_tree_list_row_get_expanded (row))
        gtk_tree_list_row_set_expanded (row, TRUE);
      else if (gtk_tree_list_row_get_expanded (row))
        {
          g_autoptr(GtkTreeListRow) child = gtk_tree_list_row_get_child_row (row, 0);

          if (child != NULL)
            {
              shequ_org_view_select_unit (self, _shequ_org_view_row_get_unit (child));
              _shequ_org_view_focus_unit_later (self, self->selected_unit, FALSE);
            }
        }
    }
  else
    {
      if (gtk_tree_list_row_get_expanded (row))
        gtk_tree_list_row_set_expanded (row, FALSE);
      else if (shequ_unit_get_parent (unit) != NULL)
        {
          shequ_org_view_select_unit (self, shequ_unit_get_parent (unit));
          _shequ_org_view_focus_unit_later (self, self->selected_unit, FALSE);
        }
    }
  return GDK_EVENT_STOP;
}

/* GTK 4.8's list view takes Tab to the next row; the tree is one stop in the Tab
 * chain. With the tree made unfocusable for a moment, the window's own focus chain
 * moves on from where the tree is. */
gboolean
shequ_org_view_move_focus_out_of_tree (ShequOrgView *self,
                                       gboolean      backward)
{
  GtkRoot *root;
  gboolean moved;

  g_return_val_if_fail (SHEQU_IS_ORG_VIEW (self), FALSE);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (root == NULL)
    return FALSE;
  /* The scrolled window, not the column view: it would take the focus itself. */
  gtk_widget_set_can_focus (GTK_WIDGET (self->scrolled_window), FALSE);
  moved = gtk_widget_child_focus (GTK_WIDGET (root),
                                  backward ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD);
  if (!moved)
    {
      /* At the end of the chain: wrap round, as GtkWindow does. */
      gtk_root_set_focus (root, NULL);
      moved = gtk_widget_child_focus (GTK_WIDGET (root),
                                      backward ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD);
    }
  gtk_widget_set_can_focus (GTK_WIDGET (self->scrolled_window), TRUE);
  return moved;
}

gboolean
shequ_org_view_tree_has_focus (ShequOrgView *self)
{
  GtkRoot *root;
  GtkWidget *focus;

  g_return_val_if_fail (SHEQU_IS_ORG_VIEW (self), FALSE);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  return focus != NULL && (focus == GTK_WIDGET (self->column_view) ||
                           gtk_widget_is_ancestor (focus, GTK_WIDGET (self->column_view)));
}

void
shequ_org_view_focus_tree (ShequOrgView *self)
{
  g_return_if_fail (SHEQU_IS_ORG_VIEW (self));

  if (self->store == NULL)
    return;
  if (self->selected_unit == NULL)
    shequ_org_view_select_unit (self, shequ_org_store_get_street (self->store));
  if (self->selected_unit != NULL)
    _shequ_org_view_focus_unit_later (self, self->selected_unit, FALSE);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

void
_shequ_org_view_update_actions (ShequOrgView *self)
{
  ShequUnit *unit = self->selected_unit;
  gboolean has_store = self->store != NULL;
  gboolean has_parent = unit != NULL && shequ_unit_get_parent (unit) != NULL;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "org.search", has_store);
  gtk_widget_action_set_enabled (widget, "org.add-child",
                                 unit != NULL && _shequ_org_view_unit_can_have_children (unit));
  gtk_widget_action_set_enabled (widget, "org.add-village",
                                 unit != NULL && shequ_unit_get_tier (unit) == SHEQU_TIER_AREA);
  gtk_widget_action_set_enabled (widget, "org.rename", unit != NULL);
  gtk_widget_action_set_enabled (widget, "org.move", has_parent);
  gtk_widget_action_set_enabled (widget, "org.delete", has_parent);
  gtk_widget_action_set_enabled (widget, "org.expand-below",
                                 unit != NULL && shequ_unit_get_n_children (unit) > 0);
  gtk_widget_action_set_enabled (widget, "org.expand-all", has_store);
  gtk_widget_action_set_enabled (widget, "org.collapse-all", has_store);
  gtk_widget_action_set_enabled (widget, "org.context-menu", unit != NULL);
}

/* Called from shequ_org_view_class_init (). */
void
_shequ_org_view_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_info_bar_response);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate);

  gtk_widget_class_install_action (widget_class, "org.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "org.add-child", NULL, add_child_action);
  gtk_widget_class_install_action (widget_class, "org.add-village", NULL, add_village_action);
  gtk_widget_class_install_action (widget_class, "org.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "org.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "org.move", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "org.expand-below", NULL, expand_below_action);
  gtk_widget_class_install_action (widget_class, "org.expand-all", NULL, expand_all_action);
  gtk_widget_class_install_action (widget_class, "org.collapse-all", NULL, collapse_all_action);
  gtk_widget_class_install_action (widget_class, "org.context-menu", NULL, context_menu_action);
}
