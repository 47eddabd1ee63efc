/* shequ-score-sheet-keys.c — the scoring grid's keyboard, cell editor, comment popover and actions */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-score-sheet"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-score-sheet-private.h"

static void open_comment_popover (ShequScoreSheet *self,
                                  const char      *text,
                                  int              dx,
                                  int              dy);

static gboolean
has_cells (ShequScoreSheet *self)
{
  return self->sheet != NULL && shequ_eval_sheet_get_n_rows (self->sheet) > 0 &&
         shequ_eval_sheet_get_n_columns (self->sheet) > 0;
}

/* Moves the cursor DX columns and DY rows; a column move past either end wraps to
 * the row before or after (Tab at the last indicator goes to the next target). */
static void
move_by (ShequScoreSheet *self,
         int              dx,
         int              dy,
         gboolean         extend)
{
  gint64 n_rows, n_columns, row, column;

  if (!has_cells (self))
    return;
  n_rows = shequ_eval_sheet_get_n_rows (self->sheet);
  n_columns = shequ_eval_sheet_get_n_columns (self->sheet);
  row = (gint64) self->cursor_row + dy;
  column = (gint64) self->cursor_column + dx;
  if (dx != 0 && !extend)
    {
      if (column < 0 && row > 0)
        column = n_columns - 1, row--;
      else if (column >= n_columns && row < n_rows - 1)
        column = 0, row++;
    }
  shequ_score_sheet_move_cursor (self, (guint) CLAMP (row, 0, n_rows - 1),
                                 (guint) CLAMP (column, 0, n_columns - 1), extend);
}

/* ---- The editor ----------------------------------------------------------------- */

static void
set_invalid (ShequScoreSheet *self,
             const char      *message)
{
  self->invalid = message != NULL;
  if (self->invalid)
    gtk_widget_add_css_class (self->editor, "error");
  else
    gtk_widget_remove_css_class (self->editor, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->editor), GTK_ACCESSIBLE_STATE_INVALID,
                               self->invalid ? GTK_ACCESSIBLE_INVALID_TRUE
                                             : GTK_ACCESSIBLE_INVALID_FALSE, -1);
  shequ_score_sheet_set_message (self, message);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
shequ_score_sheet_stop_editing (ShequScoreSheet *self)
{
  gboolean had_focus;

  if (self->editor == NULL)
    return;
  if (self->popover != NULL && gtk_widget_get_visible (self->popover))
    gtk_popover_popdown (GTK_POPOVER (self->popover));
  if (!self->editing)
    return;
  had_focus = gtk_widget_has_focus (self->editor) || gtk_widget_get_focus_child (GTK_WIDGET (self));
  self->editing = FALSE;
  set_invalid (self, NULL);
  gtk_widget_set_visible (self->editor, FALSE);
  if (had_focus)
    gtk_widget_grab_focus (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
shequ_score_sheet_allocate_editor (ShequScoreSheet *self)
{
  graphene_rect_t cell, body;
  GtkAllocation alloc;
  int min_width, min_height;

  if (self->popover != NULL && gtk_widget_get_visible (self->popover))
    gtk_popover_present (GTK_POPOVER (self->popover));
  if (!self->editing)
    return;

  shequ_score_sheet_cell_rect (self, self->cursor_row, self->cursor_column, &cell);
  shequ_score_sheet_body_rect (self, &body);
  gtk_widget_measure (self->editor, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (self->editor, GTK_ORIENTATION_VERTICAL, -1, &min_height, NULL, NULL, NULL);
  alloc.x = (int) cell.origin.x + 2;
  alloc.y = (int) cell.origin.y + 2;
  alloc.width = MAX (min_width, (int) cell.size.width - 4);
  alloc.height = MAX (min_height, (int) cell.size.height - 4);
  /* Scrolled out of view, it stays (and keeps what is typed) but is not drawn. */
  gtk_widget_set_child_visible (self->editor, graphene_rect_intersection (&cell, &body, NULL));
  gtk_widget_size_allocate (self->editor, &alloc, -1);
}

static void
label_editor (ShequScoreSheet *self)
{
  const ShequIndicatorRow *ind = shequ_eval_sheet_get_indicator (self->sheet, self->cursor_column);
  g_autofree char *cell = shequ_eval_sheet_describe_cell (self->sheet, self->cursor_row,
                                                          self->cursor_column);
  g_autofree char *max = shequ_score_format (ind->max_score);
  /* TRANSLATORS: the cell editor's accessible name: the cell, then its maximum score */
  g_autofree char *label = g_strdup_printf (_("Score for %s, maximum %s"), cell, max);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->editor), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
}

gboolean
shequ_score_sheet_start_editing (ShequScoreSheet *self,
                                 const char      *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *current = NULL;

  g_return_val_if_fail (SHEQU_IS_SCORE_SHEET (self), FALSE);

  if (!has_cells (self))
    return FALSE;
  if (!shequ_eval_sheet_is_editable (self->sheet))
    {
      shequ_eval_sheet_check_editable (self->sheet, &error);
      shequ_score_sheet_set_message (self, error != NULL ? error->message : NULL);
      gtk_widget_error_bell (GTK_WIDGET (self));
      return FALSE;
    }

  current = shequ_eval_sheet_get_text (self->sheet, self->cursor_row, self->cursor_column);
  shequ_score_sheet_move_cursor (self, self->cursor_row, self->cursor_column, FALSE);
  self->editing = TRUE;
  self->edit_in_place = text == NULL;
  self->invalid = FALSE;
  shequ_score_sheet_set_message (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->editor), text != NULL ? text : current);
  label_editor (self);
  gtk_widget_set_visible (self->editor, TRUE);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_grab_focus (self->editor);
  gtk_editable_set_position (GTK_EDITABLE (self->editor), -1);
  return TRUE;
}

/* Writes the editor's text (with COMMENT, NULL: the cell's) and moves on; a refused
 * text stays in the editor, red, with the reason. A low score without its comment
 * asks for it first. */
static gboolean
commit_and_move (ShequScoreSheet *self,
                 const char      *comment,
                 int              dx,
                 int              dy)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *current = NULL;
  gboolean needs = FALSE;

  if (!self->editing)
    {
      move_by (self, dx, dy, FALSE);
      return TRUE;
    }
  text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->editor)));
  current = shequ_eval_sheet_get_text (self->sheet, self->cursor_row, self->cursor_column);
  if (comment == NULL && g_strcmp0 (g_strstrip (text), current) == 0)
    {
      shequ_score_sheet_stop_editing (self);
      shequ_score_sheet_set_message (self, NULL);
      move_by (self, dx, dy, FALSE);
      return TRUE;
    }

  if (!shequ_eval_sheet_validate (self->sheet, self->cursor_row, self->cursor_column, text,
                                  comment, &needs, &error) &&
      g_error_matches (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_COMMENT))
    {
      open_comment_popover (self, text, dx, dy);
      return FALSE;
    }
  if (error == NULL)
    shequ_eval_sheet_commit (self->sheet, self->cursor_row, self->cursor_column, text, comment,
                             &error);
  if (error != NULL)
    {
      set_invalid (self, error->message);
      gtk_widget_error_bell (GTK_WIDGET (self));
      return FALSE;
    }
  shequ_score_sheet_stop_editing (self);
  shequ_score_sheet_set_message (self, NULL);
  move_by (self, dx, dy, FALSE);
  return TRUE;
}

static void
cancel_editing (ShequScoreSheet *self)
{
  shequ_score_sheet_stop_editing (self);
  shequ_score_sheet_set_message (self, NULL);
}

static void
on_editor_activate (GtkText         *editor,
                    ShequScoreSheet *self)
{
  commit_and_move (self, NULL, 0, 1);
}

/* Focus going elsewhere (a click on the page's drop-downs, Ctrl+Tab) writes what was
 * typed rather than dropping it. Text that would be refused or needs a comment stays
 * in the editor for Enter or Tab to say why; nothing is asked while the focus is away
 * (or the comment popover has it, or the grid is going away). */
static void
on_editor_focus_leave (GtkEventControllerFocus *controller,
                       ShequScoreSheet         *self)
{
  const char *text;

  if (!self->editing || self->invalid || gtk_widget_get_visible (self->popover) ||
      !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  text = gtk_editable_get_text (GTK_EDITABLE (self->editor));
  if (shequ_eval_sheet_validate (self->sheet, self->cursor_row, self->cursor_column, text, NULL,
                                 NULL, NULL))
    commit_and_move (self, NULL, 0, 0);
}

/* ---- The comment a low score needs ---------------------------------------------- */

static void
open_comment_popover (ShequScoreSheet *self,
                      const char      *text,
                      int              dx,
                      int              dy)
{
  const ShequIndicatorRow *ind = shequ_eval_sheet_get_indicator (self->sheet, self->cursor_column);
  const char *comment = shequ_eval_sheet_get_comment (self->sheet, self->cursor_row,
                                                      self->cursor_column);
  g_autofree char *cell = shequ_eval_sheet_describe_cell (self->sheet, self->cursor_row,
                                                          self->cursor_column);
  g_autofree char *max = shequ_score_format (ind->max_score);
  g_autofree char *label = NULL;
  graphene_rect_t rect;

  g_free (self->pending_text);
  self->pending_text = g_strdup (text);
  self->pending_dx = dx;
  self->pending_dy = dy;
  /* TRANSLATORS: over the comment asked for a low score: cell, score, maximum */
  label = g_strdup_printf (_("%s: %s of %s needs a comment on the deduction"), cell, text, max);
  gtk_label_set_text (GTK_LABEL (self->comment_label), label);
  gtk_editable_set_text (GTK_EDITABLE (self->comment_entry), comment != NULL ? comment : "");

  shequ_score_sheet_cell_rect (self, self->cursor_row, self->cursor_column, &rect);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover),
                               &(GdkRectangle) { (int) rect.origin.x, (int) rect.origin.y,
                                                 (int) rect.size.width, (int) rect.size.height });
  gtk_popover_popup (GTK_POPOVER (self->popover));
  gtk_widget_grab_focus (self->comment_entry);
}

static void
on_comment_ok (ShequScoreSheet *self)
{
  g_autofree char *text = g_steal_pointer (&self->pending_text);
  g_autofree char *comment = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->comment_entry)));
  int dx = self->pending_dx, dy = self->pending_dy;

  if (text == NULL)
    return;
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  if (!self->editing)
    {
      /* From the "comment" action: the cell keeps its score, gets a comment. */
      g_autoptr(GError) error = NULL;

      if (!shequ_eval_sheet_commit (self->sheet, self->cursor_row, self->cursor_column, text,
                                    comment, &error))
        shequ_score_sheet_set_message (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->editor), text);
  commit_and_move (self, comment, dx, dy);
}

static void
on_popover_closed (GtkPopover      *popover,
                   ShequScoreSheet *self)
{
  g_clear_pointer (&self->pending_text, g_free);
  if (self->editing)
    gtk_widget_grab_focus (self->editor);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

static GtkWidget *
make_comment_popover (ShequScoreSheet *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *ok = gtk_button_new_with_mnemonic (_("_Save"));
  GtkWidget *caption = gtk_label_new_with_mnemonic (_("_Comment on the deduction"));

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  self->comment_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->comment_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->comment_label), 36);
  gtk_label_set_xalign (GTK_LABEL (self->comment_label), 0);
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_widget_add_css_class (caption, "heading");
  self->comment_entry = gtk_entry_new ();
  g_signal_connect_swapped (self->comment_entry, "activate", G_CALLBACK (on_comment_ok), self);
  gtk_label_set_mnemonic_widget (GTK_LABEL (caption), self->comment_entry);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->comment_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Comment on the deduction"), -1);
  gtk_widget_add_css_class (ok, "suggested-action");
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (buttons), cancel);
  gtk_box_append (GTK_BOX (buttons), ok);
  gtk_box_append (GTK_BOX (box), caption);
  gtk_box_append (GTK_BOX (box), self->comment_label);
  gtk_box_append (GTK_BOX (box), self->comment_entry);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_popover_set_default_widget (GTK_POPOVER (popover), ok);
  g_signal_connect_swapped (ok, "clicked", G_CALLBACK (on_comment_ok), self);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_popover_popdown), popover);
  g_signal_connect (popover, "closed", G_CALLBACK (on_popover_closed), self);
  return popover;
}

GtkWidget *
shequ_score_sheet_get_comment_entry (ShequScoreSheet *self)
{
  g_return_val_if_fail (SHEQU_IS_SCORE_SHEET (self), NULL);
  return self->comment_entry;
}

GtkWidget *
shequ_score_sheet_get_editor (ShequScoreSheet *self)
{
  g_return_val_if_fail (SHEQU_IS_SCORE_SHEET (self), NULL);
  return self->editor;
}

gboolean
shequ_score_sheet_is_editing (ShequScoreSheet *self)
{
  g_return_val_if_fail (SHEQU_IS_SCORE_SHEET (self), FALSE);
  return self->editing;
}

/* ---- Keys ----------------------------------------------------------------------- */

/* While editing: Enter, Tab and (unless editing in place) the arrows commit and move. */
static gboolean
editing_key (ShequScoreSheet *self,
             guint            keyval,
             GdkModifierType  mods)
{
  gboolean shift = (mods & GDK_SHIFT_MASK) != 0;

  /* Ctrl+Tab leaves the grid, Ctrl+A and the like belong to the editor. */
  if ((mods & ~GDK_SHIFT_MASK) != 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Escape:
      cancel_editing (self);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      commit_and_move (self, NULL, 0, shift ? -1 : 1);
      return TRUE;
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
      commit_and_move (self, NULL, shift ? -1 : 1, 0);
      return TRUE;
    case GDK_KEY_ISO_Left_Tab:
      commit_and_move (self, NULL, -1, 0);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_Down:
      if (self->edit_in_place)
        return FALSE;
      commit_and_move (self, NULL, 0, keyval == GDK_KEY_Up ? -1 : 1);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_Right:
      if (self->edit_in_place)
        return FALSE;
      commit_and_move (self, NULL, keyval == GDK_KEY_Left ? -1 : 1, 0);
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
navigation_key (ShequScoreSheet *self,
                guint            keyval,
                GdkModifierType  mods)
{
  gboolean shift = (mods & GDK_SHIFT_MASK) != 0;
  gboolean ctrl = (mods & GDK_CONTROL_MASK) != 0;
  guint last_row = shequ_eval_sheet_get_n_rows (self->sheet) - 1;
  guint last_column = shequ_eval_sheet_get_n_columns (self->sheet) - 1;
  int page = (int) shequ_score_sheet_page_rows (self);

  switch (keyval)
    {
    case GDK_KEY_Up:    move_by (self, 0, -1, shift); return TRUE;
    case GDK_KEY_Down:  move_by (self, 0, 1, shift); return TRUE;
    case GDK_KEY_Left:  move_by (self, -1, 0, shift); return TRUE;
    case GDK_KEY_Right: move_by (self, 1, 0, shift); return TRUE;
    case GDK_KEY_Page_Up:   move_by (self, 0, -page, shift); return TRUE;
    case GDK_KEY_Page_Down: move_by (self, 0, page, shift); return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      move_by (self, 0, shift ? -1 : 1, FALSE);
      return TRUE;
    case GDK_KEY_Tab:
      move_by (self, shift ? -1 : 1, 0, FALSE);
      return TRUE;
    case GDK_KEY_ISO_Left_Tab:
      move_by (self, -1, 0, FALSE);
      return TRUE;
    case GDK_KEY_Home:
      shequ_score_sheet_move_cursor (self, ctrl ? 0 : self->cursor_row, 0, shift);
      return TRUE;
    case GDK_KEY_End:
      shequ_score_sheet_move_cursor (self, ctrl ? last_row : self->cursor_row, last_column, shift);
      return TRUE;
    case GDK_KEY_F2:
      shequ_score_sheet_start_editing (self, NULL);
      return TRUE;
    case GDK_KEY_BackSpace:
      shequ_score_sheet_start_editing (self, "");
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                ShequScoreSheet       *self)
{
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();
  gunichar c;
  char typed[8] = { 0, };

  if (!has_cells (self) || gtk_widget_get_visible (self->popover))
    return FALSE;
  if (self->editing)
    return editing_key (self, keyval, mods);
  if ((mods & ~GDK_SHIFT_MASK) == 0 && navigation_key (self, keyval, mods))
    return TRUE;
  if ((mods & GDK_CONTROL_MASK) != 0 && (keyval == GDK_KEY_Home || keyval == GDK_KEY_End))
    return navigation_key (self, keyval, mods);
  if ((mods & ~GDK_SHIFT_MASK) != 0)
    return FALSE;

  /* A printable key starts editing with what it types in place of the cell. */
  c = gdk_keyval_to_unicode (keyval);
  if (c == 0 || !g_unichar_isprint (c) || g_unichar_isspace (c))
    return FALSE;
  g_unichar_to_utf8 (c, typed);
  shequ_score_sheet_start_editing (self, typed);
  return TRUE;
}

static void
on_click_pressed (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  ShequScoreSheet *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  guint row, column;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (shequ_score_sheet_lookup (self, x, y, &row, &column) != SHEQU_SHEET_HIT_CELL)
    return;
  if (self->editing && (row != self->cursor_row || column != self->cursor_column) &&
      !commit_and_move (self, NULL, 0, 0))
    return;
  shequ_score_sheet_move_cursor (self, row, column, (state & GDK_SHIFT_MASK) != 0);
  if (n_press == 2)
    shequ_score_sheet_start_editing (self, NULL);
}

/* ---- Actions -------------------------------------------------------------------- */

static void
show_error (ShequScoreSheet *self,
            GError          *error)
{
  if (error == NULL)
    return;
  shequ_score_sheet_set_message (self, error->message);
  gtk_widget_error_bell (GTK_WIDGET (self));
}

static void
action_copy (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  ShequScoreSheet *self = SHEQU_SCORE_SHEET (widget);
  g_autofree char *tsv = NULL;
  guint row, column, n_rows, n_columns;

  if (!has_cells (self))
    return;
  shequ_score_sheet_get_selection (self, &row, &column, &n_rows, &n_columns);
  tsv = shequ_eval_sheet_copy (self->sheet, row, column, n_rows, n_columns);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), tsv);
}

static void
on_clipboard_text (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ShequScoreSheet) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  guint row, column, n_rows, n_columns;

  if (text == NULL || !has_cells (self))
    return;
  shequ_score_sheet_get_selection (self, &row, &column, &n_rows, &n_columns);
  if (shequ_eval_sheet_paste (self->sheet, row, column, text, NULL, &error))
    shequ_score_sheet_set_message (self, NULL);
  show_error (self, error);
}

static void
action_paste (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, on_clipboard_text,
                                 g_object_ref (widget));
}

static void
action_undo_redo (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  ShequScoreSheet *self = SHEQU_SCORE_SHEET (widget);
  g_autoptr(GError) error = NULL;
  guint row = G_MAXUINT, column = G_MAXUINT;
  gboolean done;

  if (self->sheet == NULL)
    return;
  shequ_score_sheet_stop_editing (self);
  done = g_str_equal (name, "sheet.undo")
         ? shequ_eval_sheet_undo (self->sheet, &row, &column, &error)
         : shequ_eval_sheet_redo (self->sheet, &row, &column, &error);
  show_error (self, error);
  if (done && row != G_MAXUINT && column != G_MAXUINT)
    shequ_score_sheet_move_cursor (self, row, column, FALSE);
}

/* Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y stay in the sheet while it has the focus: with
 * nothing to undo here they would reach the window's undo, which undoes the last
 * organisation edit out of sight. So the keys are always taken, and say so. */
static gboolean
on_undo_redo_key (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   data)
{
  ShequScoreSheet *self = SHEQU_SCORE_SHEET (widget);
  gboolean redo = g_variant_get_boolean (args);
  const char *action = redo ? "sheet.redo" : "sheet.undo";

  if (self->sheet == NULL)
    return FALSE;
  if (shequ_eval_sheet_is_editable (self->sheet) &&
      (redo ? shequ_eval_sheet_can_redo (self->sheet) : shequ_eval_sheet_can_undo (self->sheet)))
    gtk_widget_activate_action (widget, action, NULL);
  else
    shequ_score_sheet_set_message (self, redo ? _("Nothing to redo in this sheet")
                                              : _("Nothing to undo in this sheet"));
  return TRUE;
}

static void
action_clear (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  ShequScoreSheet *self = SHEQU_SCORE_SHEET (widget);
  g_autoptr(GError) error = NULL;
  guint row, column, n_rows, n_columns;

  if (!has_cells (self))
    return;
  shequ_score_sheet_get_selection (self, &row, &column, &n_rows, &n_columns);
  shequ_eval_sheet_clear (self->sheet, row, column, n_rows, n_columns, &error);
  show_error (self, error);
}

static void
action_comment (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  ShequScoreSheet *self = SHEQU_SCORE_SHEET (widget);
  g_autofree char *text = NULL;

  if (!has_cells (self))
    return;
  if (!shequ_eval_sheet_is_editable (self->sheet))
    {
      shequ_score_sheet_start_editing (self, NULL);
      return;
    }
  text = self->editing ? g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->editor)))
                       : shequ_eval_sheet_get_text (self->sheet, self->cursor_row,
                                                    self->cursor_column);
  open_comment_popover (self, text, 0, 0);
}

static void
action_edit (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  shequ_score_sheet_start_editing (SHEQU_SCORE_SHEET (widget), NULL);
}

static void
action_move (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  int dx, dy;

  g_variant_get (param, "(ii)", &dx, &dy);
  commit_and_move (SHEQU_SCORE_SHEET (widget), NULL, dx, dy);
}

void
shequ_score_sheet_update_actions (ShequScoreSheet *self)
{
  gboolean editable = self->sheet != NULL && shequ_eval_sheet_is_editable (self->sheet);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sheet.undo",
                                 editable && shequ_eval_sheet_can_undo (self->sheet));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sheet.redo",
                                 editable && shequ_eval_sheet_can_redo (self->sheet));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sheet.paste", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sheet.clear", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sheet.copy", self->sheet != NULL);
}

void
shequ_score_sheet_class_init_editing (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "sheet.copy", NULL, action_copy);
  gtk_widget_class_install_action (widget_class, "sheet.paste", NULL, action_paste);
  gtk_widget_class_install_action (widget_class, "sheet.undo", NULL, action_undo_redo);
  gtk_widget_class_install_action (widget_class, "sheet.redo", NULL, action_undo_redo);
  gtk_widget_class_install_action (widget_class, "sheet.clear", NULL, action_clear);
  gtk_widget_class_install_action (widget_class, "sheet.comment", NULL, action_comment);
  gtk_widget_class_install_action (widget_class, "sheet.edit", NULL, action_edit);
  gtk_widget_class_install_action (widget_class, "sheet.move", "(ii)", action_move);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "sheet.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "sheet.paste", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, on_undo_redo_key, "b", FALSE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                on_undo_redo_key, "b", TRUE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                on_undo_redo_key, "b", TRUE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, on_undo_redo_key, "b", TRUE);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "sheet.clear", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "sheet.clear", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_ALT_MASK, "sheet.comment", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "sheet.edit", NULL);
}

void
shequ_score_sheet_init_editing (ShequScoreSheet *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus;
  GtkGesture *click = gtk_gesture_click_new ();

  self->editor = gtk_text_new ();
  gtk_editable_set_alignment (GTK_EDITABLE (self->editor), 1.0);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->editor), 3);
  gtk_text_set_input_purpose (GTK_TEXT (self->editor), GTK_INPUT_PURPOSE_NUMBER);
  gtk_widget_set_visible (self->editor, FALSE);
  gtk_widget_set_parent (self->editor, GTK_WIDGET (self));
  g_signal_connect (self->editor, "activate", G_CALLBACK (on_editor_activate), self);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (on_editor_focus_leave), self);
  gtk_widget_add_controller (self->editor, focus);

  self->popover = make_comment_popover (self);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));

  /* Capture: the keys reach the grid before the editor, which would take Tab. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (shequ_score_sheet_query_tooltip), NULL);
}
