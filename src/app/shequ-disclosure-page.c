/* shequ-disclosure-page.c — the window's disclosure page: the list, the editor, the workflow */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-disclosure-page"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-app-util.h"
#include "shequ-disclosure-kind-label.h"
#include "shequ-disclosure-page-private.h"

enum {
  PROP_0,
  PROP_SESSION,
  PROP_STORE,
  N_PROPS
};

enum {
  TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ShequDisclosurePage, shequ_disclosure_page, GTK_TYPE_WIDGET)

/* ------------------------------------------------------------------------ */
/* The error bar                                                             */

void
_shequ_disclosure_page_show_error (ShequDisclosurePage *self,
                                   const char          *primary,
                                   const GError        *error)
{
  g_autofree char *text = NULL;

  if (error != NULL && primary != NULL)
    text = g_strdup_printf ("%s: %s", primary, error->message);
  else
    text = g_strdup (error != NULL ? error->message : primary);
  gtk_label_set_text (self->error_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->error_bar), TRUE);
  gtk_info_bar_set_revealed (self->error_bar, TRUE);
}

void
_shequ_disclosure_page_clear_error (ShequDisclosurePage *self)
{
  gtk_info_bar_set_revealed (self->error_bar, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_bar), FALSE);
  gtk_label_set_text (self->error_label, "");
}

static void
on_error_bar_response (ShequDisclosurePage *self)
{
  _shequ_disclosure_page_clear_error (self);
}

static void
on_editor_error (ShequDisclosurePage *self,
                 GError              *error)
{
  _shequ_disclosure_page_show_error (self, NULL, error);
}

const char *
shequ_disclosure_page_get_error (ShequDisclosurePage *self)
{
  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_PAGE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_bar)))
    return NULL;
  return gtk_label_get_text (self->error_label);
}

GtkWindow *
_shequ_disclosure_page_get_window (ShequDisclosurePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* ------------------------------------------------------------------------ */
/* The editors: one per disclosure with edits not saved                      */

static char *
editor_name (gint64 id)
{
  return id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, id) : g_strdup ("new");
}

static void
on_editor_modified (ShequDisclosurePage *self)
{
  gboolean modified = self->editor != NULL && shequ_disclosure_editor_get_modified (self->editor);

  gtk_widget_set_visible (GTK_WIDGET (self->edited_label), modified);
  if (self->selected_id > 0)
    _shequ_disclosure_page_mark_edited (self, self->selected_id, modified);
  _shequ_disclosure_page_update_steps (self);
}

static ShequDisclosureEditor *
add_editor (ShequDisclosurePage *self,
            gint64               id)
{
  g_autofree char *name = editor_name (id);
  GtkWidget *editor = shequ_disclosure_editor_new ();

  shequ_disclosure_editor_set_store (SHEQU_DISCLOSURE_EDITOR (editor), self->store);
  g_signal_connect_object (editor, "notify::modified", G_CALLBACK (on_editor_modified), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "error", G_CALLBACK (on_editor_error), self, G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->editors_stack, editor, name);
  return SHEQU_DISCLOSURE_EDITOR (editor);
}

/* The editor shown goes unless it holds edits not saved. */
static void
let_go_of_editor (ShequDisclosurePage *self)
{
  if (self->editor != NULL && !shequ_disclosure_editor_get_modified (self->editor))
    gtk_stack_remove (self->editors_stack, GTK_WIDGET (self->editor));
  self->editor = NULL;
}

static void
drop_all_editors (ShequDisclosurePage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->editors_stack))) != NULL)
    gtk_stack_remove (self->editors_stack, child);
  self->editor = NULL;
}

static const char *
state_chip_class (ShequDisclosureState state)
{
  static const char *classes[SHEQU_DISCLOSURE_N_STATES] = {
    "draft", "submitted", "approved", "published", "corrected", "withdrawn",
  };

  return state < SHEQU_DISCLOSURE_N_STATES ? classes[state] : "draft";
}

static void
set_state_chip (ShequDisclosurePage *self,
                ShequDisclosureState state)
{
  for (guint i = 0; i < SHEQU_DISCLOSURE_N_STATES; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_chip), state_chip_class (i));
  gtk_widget_add_css_class (GTK_WIDGET (self->state_chip), state_chip_class (state));
  gtk_label_set_text (self->state_chip, shequ_disclosure_state_get_label (state));
}

static void
show_heading (ShequDisclosurePage *self,
              ShequDisclosureKind  kind,
              ShequUnit           *unit,
              const char          *period)
{
  const char *kind_label = shequ_disclosure_kind_label_for_unit (
    kind, unit != NULL ? shequ_unit_get_tier (unit) : SHEQU_N_TIERS);
  g_autofree char *period_label = period != NULL && *period != '\0'
                                  ? shequ_disclosure_period_get_label (period) : NULL;
  g_autofree char *heading = NULL;

  if (period_label != NULL)
    /* Translators: the editor's heading: a disclosure's kind and period, e.g. "财务公开 · 2026年第三季度" */
    heading = g_strdup_printf (_("%s · %s"), kind_label, period_label);
  else
    heading = g_strdup (kind_label);
  gtk_label_set_text (self->heading_label, heading);
}

/* The heading of the new disclosure: its kind as the unit it is for calls it. */
static void
show_new_heading (ShequDisclosurePage *self)
{
  show_heading (self, shequ_disclosure_editor_get_kind (self->editor),
                self->session != NULL ? shequ_session_get_selected_unit (self->session) : NULL,
                NULL);
}

/* Shows the store's disclosure SELECTED_ID in its editor: the one holding its unsaved
 * edits when there is one, else a new one loaded from the store. */
void
_shequ_disclosure_page_reload (ShequDisclosurePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  const ShequDisclosureRow *row;
  const ShequDisclosureVersion *current;
  GtkWidget *kept;

  g_clear_pointer (&self->shown, shequ_disclosure_free);
  if (self->editing_new)
    return;
  if (self->store == NULL || self->selected_id <= 0 ||
      (self->shown = shequ_disclosure_store_get (self->store, self->selected_id, &error)) == NULL)
    {
      if (error != NULL && !g_error_matches (error, SHEQU_DISCLOSURE_ERROR, SHEQU_DISCLOSURE_ERROR_NOT_FOUND))
        _shequ_disclosure_page_show_error (self, _("Could not read the disclosure"), error);
      let_go_of_editor (self);
      self->selected_id = 0;
      gtk_stack_set_visible_child_name (self->editor_stack, "empty");
      return;
    }

  current = shequ_disclosure_get_current (self->shown);
  row = shequ_disclosure_store_lookup (self->store, self->selected_id);
  name = editor_name (self->selected_id);
  kept = gtk_stack_get_child_by_name (self->editors_stack, name);
  if (kept == NULL)
    kept = GTK_WIDGET (add_editor (self, self->selected_id));
  self->editor = SHEQU_DISCLOSURE_EDITOR (kept);
  if (!shequ_disclosure_editor_get_modified (self->editor) ||
      current->state != SHEQU_DISCLOSURE_STATE_DRAFT)
    shequ_disclosure_editor_load (self->editor, self->shown->kind, self->shown->period, current,
                                  current->state == SHEQU_DISCLOSURE_STATE_DRAFT, FALSE);
  gtk_stack_set_visible_child (self->editors_stack, kept);
  gtk_stack_set_visible_child_name (self->editor_stack, "edit");

  show_heading (self, self->shown->kind,
                shequ_org_store_lookup_code (shequ_disclosure_store_get_org_store (self->store),
                                             self->shown->unit_code),
                self->shown->period);
  set_state_chip (self, current->state);
  gtk_label_set_text (self->sync_label, row != NULL ? shequ_sync_status_get_label (row->sync) : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sync_label), row != NULL ? row->sync_message : NULL);
  _shequ_disclosure_page_update_history (self, self->shown);
  on_editor_modified (self);
}

gboolean
shequ_disclosure_page_select (ShequDisclosurePage *self,
                              gint64               id)
{
  GListModel *rows;
  guint n;

  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_PAGE (self), FALSE);

  rows = G_LIST_MODEL (self->rows);
  n = g_list_model_get_n_items (rows);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShequDisclosureItem) item = g_list_model_get_item (rows, i);

      if (item->id != id)
        continue;
      if (id != self->selected_id || self->editing_new)
        {
          let_go_of_editor (self);
          self->editing_new = FALSE;
          self->selected_id = id;
          _shequ_disclosure_page_reload (self);
        }
      self->rebuilding++;
      gtk_single_selection_set_selected (self->selection, i);
      self->rebuilding--;
      /* Chosen from elsewhere: its row is shown too (a list not laid out yet shows its
       * first rows only after a scroll in GTK 4.8, so not before it is on screen). */
      if (gtk_widget_get_mapped (GTK_WIDGET (self->list_view)))
        gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
      return TRUE;
    }
  return FALSE;
}

gint64
shequ_disclosure_page_get_selected (ShequDisclosurePage *self)
{
  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_PAGE (self), 0);
  return self->editing_new ? 0 : self->selected_id;
}

ShequDisclosureEditor *
shequ_disclosure_page_get_editor (ShequDisclosurePage *self)
{
  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_PAGE (self), NULL);
  return self->editor;
}

/* A new disclosure of KIND: an editor not saved yet, the period the current quarter. */
static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  ShequDisclosurePage *self = SHEQU_DISCLOSURE_PAGE (widget);
  int kind = g_variant_get_int32 (param);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *period = NULL;
  GtkWidget *old;

  if (self->store == NULL || kind < 0 || kind >= SHEQU_DISCLOSURE_N_KINDS)
    return;
  if (kind == SHEQU_DISCLOSURE_KIND_FINANCE)
    period = g_strdup_printf ("%d-Q%d", g_date_time_get_year (now),
                              (g_date_time_get_month (now) - 1) / 3 + 1);
  else
    period = g_strdup_printf ("%d-%02d", g_date_time_get_year (now), g_date_time_get_month (now));

  let_go_of_editor (self);
  /* One new disclosure at a time: New again shows the one begun (of that kind), or
   * starts another. */
  old = gtk_stack_get_child_by_name (self->editors_stack, "new");
  if (old != NULL && shequ_disclosure_editor_get_kind (SHEQU_DISCLOSURE_EDITOR (old)) != (ShequDisclosureKind) kind)
    {
      gtk_stack_remove (self->editors_stack, old);
      old = NULL;
    }
  self->editing_new = TRUE;
  self->selected_id = 0;
  self->rebuilding++;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->rebuilding--;
  g_clear_pointer (&self->shown, shequ_disclosure_free);

  if (old != NULL)
    self->editor = SHEQU_DISCLOSURE_EDITOR (old);
  else
    {
      self->editor = add_editor (self, 0);
      shequ_disclosure_editor_load (self->editor, kind, period, NULL, TRUE, TRUE);
    }
  gtk_stack_set_visible_child (self->editors_stack, GTK_WIDGET (self->editor));
  gtk_stack_set_visible_child_name (self->editor_stack, "edit");
  show_new_heading (self);
  set_state_chip (self, SHEQU_DISCLOSURE_STATE_DRAFT);
  gtk_label_set_text (self->sync_label, _("Not saved yet"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sync_label), NULL);
  _shequ_disclosure_page_update_history (self, NULL);
  on_editor_modified (self);
  gtk_widget_grab_focus (GTK_WIDGET (shequ_disclosure_editor_get_title_entry (self->editor)));
}

/* The unit a new disclosure belongs to: the session's. */
static gint64
get_unit_id (ShequDisclosurePage *self)
{
  ShequUnit *unit = self->session != NULL ? shequ_session_get_selected_unit (self->session) : NULL;

  return unit != NULL ? shequ_unit_get_id (unit) : 0;
}

/* Saves the editor's draft (makes the disclosure when new). FALSE with the error shown. */
gboolean
_shequ_disclosure_page_save (ShequDisclosurePage *self)
{
  g_autoptr(ShequDisclosureVersion) content = NULL;
  g_autoptr(ShequDisclosureVersion) previous = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  if (self->store == NULL || self->editor == NULL)
    return FALSE;
  if ((content = shequ_disclosure_editor_dup_content (self->editor, &error)) == NULL)
    {
      _shequ_disclosure_page_show_error (self, _("Could not save the draft"), error);
      return FALSE;
    }
  if (self->editing_new)
    {
      g_autofree char *period = shequ_disclosure_editor_dup_period (self->editor);
      gint64 unit_id = get_unit_id (self);

      if (unit_id == 0)
        {
          _shequ_disclosure_page_show_error (self, _("Choose the unit it is for in the organisation first"), NULL);
          return FALSE;
        }
      if (!shequ_disclosure_store_create (self->store, unit_id, shequ_disclosure_editor_get_kind (self->editor),
                                          period, content, NULL, &id, &error))
        {
          _shequ_disclosure_page_show_error (self, _("Could not save the draft"), error);
          return FALSE;
        }
      gtk_stack_remove (self->editors_stack, GTK_WIDGET (self->editor));
      self->editor = NULL;
      self->editing_new = FALSE;
      self->selected_id = 0;
      _shequ_disclosure_page_rebuild (self);
      _shequ_disclosure_page_clear_error (self);
      /* Shown also when the filters leave it out of the list. */
      if (!shequ_disclosure_page_select (self, id))
        {
          self->selected_id = id;
          _shequ_disclosure_page_reload (self);
        }
      return TRUE;
    }
  previous = self->shown != NULL ? shequ_disclosure_version_copy (shequ_disclosure_get_current (self->shown)) : NULL;
  if (!shequ_disclosure_store_save_draft (self->store, self->selected_id, content, NULL, &error))
    {
      _shequ_disclosure_page_show_error (self, _("Could not save the draft"), error);
      return FALSE;
    }
  /* The save can be undone while nothing else happens to the draft. */
  _shequ_disclosure_page_forget_undo (self);
  self->undo_id = self->selected_id;
  self->undo_content = g_steal_pointer (&previous);
  shequ_disclosure_editor_set_modified (self->editor, FALSE);
  _shequ_disclosure_page_clear_error (self);
  _shequ_disclosure_page_reload (self);
  return TRUE;
}

void
_shequ_disclosure_page_forget_undo (ShequDisclosurePage *self)
{
  self->undo_id = 0;
  g_clear_pointer (&self->undo_content, shequ_disclosure_version_free);
}

void
_shequ_disclosure_page_emit_toast (ShequDisclosurePage *self,
                                   const char          *text)
{
  g_signal_emit (self, signals[TOAST], 0, text);
}

/* ------------------------------------------------------------------------ */
/* The steps the state allows                                                */

void
_shequ_disclosure_page_update_steps (ShequDisclosurePage *self)
{
  const ShequDisclosureVersion *current = self->shown != NULL ? shequ_disclosure_get_current (self->shown) : NULL;
  const ShequDisclosureRow *row = self->store != NULL && self->selected_id > 0
                                  ? shequ_disclosure_store_lookup (self->store, self->selected_id) : NULL;
  int state = self->editing_new ? SHEQU_DISCLOSURE_STATE_DRAFT : current != NULL ? (int) current->state : -1;
  gboolean modified = self->editor != NULL && shequ_disclosure_editor_get_modified (self->editor);
  gboolean conflict = row != NULL && row->sync == SHEQU_SYNC_STATUS_CONFLICT;
  struct { GtkWidget *button; const char *action; gboolean show; } steps[] = {
    { self->save_button, "disclosure.save", state == SHEQU_DISCLOSURE_STATE_DRAFT },
    { self->revert_button, "disclosure.revert", modified && !self->editing_new },
    { self->undo_save_button, "disclosure.undo-save",
      !modified && !self->editing_new && state == SHEQU_DISCLOSURE_STATE_DRAFT &&
      self->undo_id == self->selected_id && self->undo_content != NULL },
    { self->submit_button, "disclosure.submit", state == SHEQU_DISCLOSURE_STATE_DRAFT },
    { self->return_button, "disclosure.return", state == SHEQU_DISCLOSURE_STATE_SUBMITTED },
    { self->approve_button, "disclosure.approve", state == SHEQU_DISCLOSURE_STATE_SUBMITTED },
    { self->publish_button, "disclosure.publish", state == SHEQU_DISCLOSURE_STATE_APPROVED },
    { self->correct_button, "disclosure.correct", state == SHEQU_DISCLOSURE_STATE_PUBLISHED },
    { self->withdraw_button, "disclosure.withdraw", state == SHEQU_DISCLOSURE_STATE_PUBLISHED },
    { self->conflict_button, "disclosure.resolve-conflict", conflict },
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      gtk_widget_set_visible (steps[i].button, steps[i].show);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), steps[i].action, steps[i].show);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "disclosure.new", self->store != NULL);
  gtk_widget_set_sensitive (self->new_button, self->store != NULL);
}

/* ------------------------------------------------------------------------ */
/* Session and store                                                         */

static void
on_store_changed (ShequDisclosurePage  *self,
                  gint64                id,
                  ShequDisclosureStore *store)
{
  _shequ_disclosure_page_rebuild (self);
  if (!self->editing_new && self->selected_id > 0 && (id == 0 || id == self->selected_id))
    _shequ_disclosure_page_reload (self);
}

static void
on_selected_unit_changed (ShequDisclosurePage *self)
{
  _shequ_disclosure_page_rebuild (self);
  if (self->editing_new && self->editor != NULL)
    show_new_heading (self);
}

void
shequ_disclosure_page_set_session (ShequDisclosurePage *self,
                                   ShequSession        *session)
{
  g_return_if_fail (SHEQU_IS_DISCLOSURE_PAGE (self));
  g_return_if_fail (session == NULL || SHEQU_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;
  g_signal_group_set_target (self->session_signals, session);
  _shequ_disclosure_page_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

ShequDisclosureStore *
shequ_disclosure_page_get_store (ShequDisclosurePage *self)
{
  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_PAGE (self), NULL);
  return self->store;
}

void
shequ_disclosure_page_set_store (ShequDisclosurePage  *self,
                                 ShequDisclosureStore *store)
{
  g_return_if_fail (SHEQU_IS_DISCLOSURE_PAGE (self));
  g_return_if_fail (store == NULL || SHEQU_IS_DISCLOSURE_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  g_signal_group_set_target (self->store_signals, store);
  drop_all_editors (self);
  _shequ_disclosure_page_forget_undo (self);
  self->editing_new = FALSE;
  self->selected_id = 0;
  g_clear_pointer (&self->shown, shequ_disclosure_free);
  gtk_stack_set_visible_child_name (self->editor_stack, "empty");
  _shequ_disclosure_page_clear_error (self);
  _shequ_disclosure_page_rebuild (self);
  _shequ_disclosure_page_update_steps (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                   */

static void
shequ_disclosure_page_dispose (GObject *object)
{
  ShequDisclosurePage *self = SHEQU_DISCLOSURE_PAGE (object);

  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  self->editor = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), SHEQU_TYPE_DISCLOSURE_PAGE);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  g_clear_object (&self->session_signals);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->session);
  g_clear_object (&self->store);
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_object (&self->overdue);
  g_clear_pointer (&self->shown, shequ_disclosure_free);
  _shequ_disclosure_page_forget_undo (self);
  G_OBJECT_CLASS (shequ_disclosure_page_parent_class)->dispose (object);
}

static void
shequ_disclosure_page_finalize (GObject *object)
{
  ShequDisclosurePage *self = SHEQU_DISCLOSURE_PAGE (object);

  g_free (self->search);
  G_OBJECT_CLASS (shequ_disclosure_page_parent_class)->finalize (object);
}

static void
shequ_disclosure_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ShequDisclosurePage *self = SHEQU_DISCLOSURE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_disclosure_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ShequDisclosurePage *self = SHEQU_DISCLOSURE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      shequ_disclosure_page_set_session (self, g_value_get_object (value));
      break;
    case PROP_STORE:
      shequ_disclosure_page_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_disclosure_page_class_init (ShequDisclosurePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = shequ_disclosure_page_dispose;
  object_class->finalize = shequ_disclosure_page_finalize;
  object_class->get_property = shequ_disclosure_page_get_property;
  object_class->set_property = shequ_disclosure_page_set_property;

  properties[PROP_SESSION] = g_param_spec_object ("session", NULL, NULL, SHEQU_TYPE_SESSION, flags);
  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, SHEQU_TYPE_DISCLOSURE_STORE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  /* A short message for the window's notification: "Published “…”". */
  signals[TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (SHEQU_TYPE_DISCLOSURE_EDITOR);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/shequ/Shequ/ui/shequ-disclosure-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, ShequDisclosurePage, name)
  BIND (view_stack);
  BIND (new_button);
  BIND (search_entry);
  BIND (kind_dropdown);
  BIND (state_dropdown);
  BIND (list_view);
  BIND (list_empty);
  BIND (count_label);
  BIND (error_bar);
  BIND (error_label);
  BIND (editor_stack);
  BIND (editors_stack);
  BIND (heading_label);
  BIND (state_chip);
  BIND (sync_label);
  BIND (edited_label);
  BIND (steps_box);
  BIND (save_button);
  BIND (submit_button);
  BIND (return_button);
  BIND (approve_button);
  BIND (publish_button);
  BIND (correct_button);
  BIND (withdraw_button);
  BIND (revert_button);
  BIND (undo_save_button);
  BIND (conflict_button);
  BIND (history_box);
  BIND (history_list);
  BIND (overdue_period_entry);
  BIND (overdue_summary);
  BIND (overdue_list);
#undef BIND
  gtk_widget_class_bind_template_callback_full (widget_class, "on_overdue_show_clicked",
                                                G_CALLBACK (_shequ_disclosure_page_on_overdue_show));

  gtk_widget_class_install_action (widget_class, "disclosure.new", "i", new_action);
  _shequ_disclosure_page_workflow_class_init (widget_class);
}

static void
shequ_disclosure_page_init (ShequDisclosurePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter_kind = -1;
  self->filter_state = -1;
  self->session_signals = g_signal_group_new (SHEQU_TYPE_SESSION);
  g_signal_group_connect_object (self->session_signals, "notify::selected-unit",
                                 G_CALLBACK (on_selected_unit_changed), self, G_CONNECT_SWAPPED);
  self->store_signals = g_signal_group_new (SHEQU_TYPE_DISCLOSURE_STORE);
  g_signal_group_connect_object (self->store_signals, "changed",
                                 G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_swapped (self->error_bar, "response", G_CALLBACK (on_error_bar_response), self);

  _shequ_disclosure_page_list_init (self);
  _shequ_disclosure_page_overdue_init (self);
  _shequ_disclosure_page_update_steps (self);
  shequ_accessible_clean_mnemonics (GTK_WIDGET (self));
}

GtkWidget *
shequ_disclosure_page_new (void)
{
  return g_object_new (SHEQU_TYPE_DISCLOSURE_PAGE, NULL);
}

const char *
shequ_disclosure_page_get_view (ShequDisclosurePage *self)
{
  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->view_stack);
}

void
shequ_disclosure_page_set_view (ShequDisclosurePage *self,
                                const char          *view)
{
  g_return_if_fail (SHEQU_IS_DISCLOSURE_PAGE (self));
  g_return_if_fail (g_strcmp0 (view, "list") == 0 || g_strcmp0 (view, "overdue") == 0);

  gtk_stack_set_visible_child_name (self->view_stack, view);
}
