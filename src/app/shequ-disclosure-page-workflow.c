/* shequ-disclosure-page-workflow.c — the disclosure page's steps: save, submit … withdraw */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-disclosure-page"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-app-util.h"
#include "shequ-conflict-dialog.h"
#include "shequ-dialogs.h"
#include "shequ-disclosure-page-private.h"

typedef enum {
  STEP_SUBMIT,
  STEP_RETURN,
  STEP_APPROVE,
  STEP_PUBLISH,
  STEP_CORRECT,
  STEP_WITHDRAW,
} Step;

static const char *
step_failure (Step step)
{
  switch (step)
    {
    case STEP_SUBMIT:
      return _("Could not submit it");
    case STEP_RETURN:
      return _("Could not return it");
    case STEP_APPROVE:
      return _("Could not approve it");
    case STEP_PUBLISH:
      return _("Could not publish it");
    case STEP_CORRECT:
      return _("Could not start a correction");
    case STEP_WITHDRAW:
    default:
      return _("Could not withdraw it");
    }
}

/* Translators: the notification after a step; %s is the disclosure's title */
static char *
step_done (Step        step,
           const char *title)
{
  switch (step)
    {
    case STEP_SUBMIT:
      return g_strdup_printf (_("Submitted “%s” for review"), title);
    case STEP_RETURN:
      return g_strdup_printf (_("Returned “%s” to its writer"), title);
    case STEP_APPROVE:
      return g_strdup_printf (_("Approved “%s”"), title);
    case STEP_PUBLISH:
      return g_strdup_printf (_("Published “%s”"), title);
    case STEP_CORRECT:
      return g_strdup_printf (_("A new version of “%s” to correct"), title);
    case STEP_WITHDRAW:
    default:
      return g_strdup_printf (_("Withdrew “%s”"), title);
    }
}

static gboolean
run_step (ShequDisclosurePage *self,
          Step                 step,
          const char          *reason)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *done = NULL;
  gint64 id = self->selected_id;
  guint version = 0;
  gboolean ok = FALSE;

  if (self->store == NULL || id <= 0 || self->shown == NULL)
    return FALSE;
  title = g_strdup (shequ_disclosure_get_current (self->shown)->title);
  switch (step)
    {
    case STEP_SUBMIT:
      ok = shequ_disclosure_store_submit (self->store, id, NULL, &error);
      break;
    case STEP_RETURN:
      ok = shequ_disclosure_store_return (self->store, id, reason, NULL, &error);
      break;
    case STEP_APPROVE:
      ok = shequ_disclosure_store_approve (self->store, id, NULL, &error);
      break;
    case STEP_PUBLISH:
      ok = shequ_disclosure_store_publish (self->store, id, NULL, &error);
      break;
    case STEP_CORRECT:
      ok = shequ_disclosure_store_correct (self->store, id, NULL, &version, &error);
      break;
    case STEP_WITHDRAW:
      ok = shequ_disclosure_store_withdraw (self->store, id, reason, NULL, &error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (!ok)
    {
      _shequ_disclosure_page_show_error (self, step_failure (step), error);
      return FALSE;
    }
  _shequ_disclosure_page_clear_error (self);
  _shequ_disclosure_page_forget_undo (self);
  _shequ_disclosure_page_reload (self);
  done = step_done (step, title != NULL && *title != '\0' ? title : _("(untitled)"));
  _shequ_disclosure_page_emit_toast (self, done);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Asking for a reason                                                       */

typedef struct {
  ShequDisclosurePage *page;
  Step                 step;
  gint64               id;
  GtkEditable         *entry;
  GtkWidget           *accept;
} Ask;

static void
ask_free (Ask *ask)
{
  g_clear_object (&ask->page);
  g_free (ask);
}

static void
on_reason_changed (Ask *ask)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (ask->entry)));

  gtk_widget_set_sensitive (ask->accept, *reason != '\0');
}

static void
on_reason_accepted (GtkWidget *button,
                    Ask       *ask)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (ask->entry)));
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (button));

  if (*reason == '\0')
    return;
  /* Still the disclosure it was asked for. */
  if (ask->page->selected_id == ask->id)
    run_step (ask->page, ask->step, reason);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
ask_reason (ShequDisclosurePage *self,
            Step                 step)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *primary, *secondary, *label, *entry, *cancel;
  gboolean withdraw = step == STEP_WITHDRAW;
  Ask *ask = g_new0 (Ask, 1);

  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window), _shequ_disclosure_page_get_window (self));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 440, -1);
  gtk_window_set_title (GTK_WINDOW (window), withdraw ? _("Withdraw the Disclosure") : _("Return for Correction"));
  ask->accept = shequ_dialog_add_header (GTK_WINDOW (window), withdraw ? _("Wit_hdraw") : _("_Return"), &cancel);
  if (withdraw)
    {
      gtk_widget_remove_css_class (ask->accept, "suggested-action");
      gtk_widget_add_css_class (ask->accept, "destructive-action");
    }
  primary = gtk_label_new (withdraw ? _("Withdraw it from the residents’ pages?")
                                    : _("Return it to be corrected?"));
  gtk_widget_add_css_class (primary, "title-4");
  secondary = gtk_label_new (withdraw ? _("Residents will no longer see it. It stays in the history with the reason, and cannot be published again.")
                                      : _("It goes back to draft; the reason shows in its history."));
  label = gtk_label_new_with_mnemonic (_("Re_ason"));
  entry = gtk_entry_new ();
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  {
    GtkWidget *labels[] = { primary, secondary, label };

    for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
      {
        gtk_label_set_xalign (GTK_LABEL (labels[i]), 0.0);
        gtk_label_set_wrap (GTK_LABEL (labels[i]), TRUE);
      }
  }
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_box_append (GTK_BOX (box), primary);
  gtk_box_append (GTK_BOX (box), secondary);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_window_set_child (GTK_WINDOW (window), box);

  ask->page = g_object_ref (self);
  ask->step = step;
  ask->id = self->selected_id;
  ask->entry = GTK_EDITABLE (entry);
  gtk_widget_set_sensitive (ask->accept, FALSE);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (on_reason_changed), ask);
  g_signal_connect_data (ask->accept, "clicked", G_CALLBACK (on_reason_accepted), ask,
                         (GClosureNotify) (void (*) (void)) ask_free, 0);
  shequ_accessible_clean_mnemonics (window);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_grab_focus (entry);
}

/* ------------------------------------------------------------------------ */
/* Actions                                                                   */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ShequDisclosurePage *self = SHEQU_DISCLOSURE_PAGE (widget);
  gboolean was_new = self->editing_new;

  if (_shequ_disclosure_page_save (self))
    _shequ_disclosure_page_emit_toast (self, was_new ? _("Draft saved") : _("Changes saved"));
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ShequDisclosurePage *self = SHEQU_DISCLOSURE_PAGE (widget);

  /* What the form says is what is submitted. */
  if ((self->editing_new || (self->editor != NULL && shequ_disclosure_editor_get_modified (self->editor))) &&
      !_shequ_disclosure_page_save (self))
    return;
  run_step (self, STEP_SUBMIT, NULL);
}

static void
approve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  run_step (SHEQU_DISCLOSURE_PAGE (widget), STEP_APPROVE, NULL);
}

static void
correct_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  run_step (SHEQU_DISCLOSURE_PAGE (widget), STEP_CORRECT, NULL);
}

static void
reason_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ShequDisclosurePage *self = SHEQU_DISCLOSURE_PAGE (widget);
  Step step = g_str_equal (action_name, "disclosure.withdraw") ? STEP_WITHDRAW : STEP_RETURN;
  g_autofree char *reason = g_strstrip (g_strdup (g_variant_get_string (param, NULL)));

  if (*reason == '\0')
    ask_reason (self, step);
  else
    run_step (self, step, reason);
}

typedef struct {
  ShequDisclosurePage *page;
  gint64               id;
} Confirm;

static void
confirm_free (gpointer data)
{
  Confirm *confirm = data;

  g_clear_object (&confirm->page);
  g_free (confirm);
}

static void
on_publish_confirmed (gpointer data)
{
  Confirm *confirm = data;

  if (confirm->page->selected_id == confirm->id)
    run_step (confirm->page, STEP_PUBLISH, NULL);
}

static void
publish_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  ShequDisclosurePage *self = SHEQU_DISCLOSURE_PAGE (widget);
  Confirm *confirm;

  if (g_variant_get_boolean (param))
    {
      run_step (self, STEP_PUBLISH, NULL);
      return;
    }
  confirm = g_new0 (Confirm, 1);
  confirm->page = g_object_ref (self);
  confirm->id = self->selected_id;
  shequ_confirm (_shequ_disclosure_page_get_window (self), _("Publish it to the residents?"),
                 _("A published version never changes: mistakes are put right by a correction, "
                   "which shows beside it in the history. The next sync sends it to the central server."),
                 _("P_ublish"), FALSE, on_publish_confirmed, confirm, confirm_free);
}

static void
revert_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ShequDisclosurePage *self = SHEQU_DISCLOSURE_PAGE (widget);

  if (self->editor == NULL || self->editing_new)
    return;
  shequ_disclosure_editor_set_modified (self->editor, FALSE);
  _shequ_disclosure_page_reload (self);
}

static void
undo_save_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  ShequDisclosurePage *self = SHEQU_DISCLOSURE_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || self->undo_content == NULL || self->undo_id != self->selected_id)
    return;
  if (!shequ_disclosure_store_save_draft (self->store, self->undo_id, self->undo_content, NULL, &error))
    {
      _shequ_disclosure_page_show_error (self, _("Could not undo the save"), error);
      return;
    }
  _shequ_disclosure_page_forget_undo (self);
  if (self->editor != NULL)
    shequ_disclosure_editor_set_modified (self->editor, FALSE);
  _shequ_disclosure_page_reload (self);
  _shequ_disclosure_page_emit_toast (self, _("The draft is as it was before the save"));
}

static void
resolve_conflict_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  ShequDisclosurePage *self = SHEQU_DISCLOSURE_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || self->selected_id <= 0)
    return;
  if (shequ_conflict_dialog_present (_shequ_disclosure_page_get_window (self), self->store,
                                     self->selected_id, &error) == NULL)
    _shequ_disclosure_page_show_error (self, _("Could not show the conflict"), error);
}

static void
view_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  shequ_disclosure_page_set_view (SHEQU_DISCLOSURE_PAGE (widget),
                                  g_str_equal (action_name, "disclosure.show-overdue") ? "overdue" : "list");
}

void
_shequ_disclosure_page_workflow_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "disclosure.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "disclosure.submit", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "disclosure.return", "s", reason_action);
  gtk_widget_class_install_action (widget_class, "disclosure.approve", NULL, approve_action);
  gtk_widget_class_install_action (widget_class, "disclosure.publish", "b", publish_action);
  gtk_widget_class_install_action (widget_class, "disclosure.correct", NULL, correct_action);
  gtk_widget_class_install_action (widget_class, "disclosure.withdraw", "s", reason_action);
  gtk_widget_class_install_action (widget_class, "disclosure.revert", NULL, revert_action);
  gtk_widget_class_install_action (widget_class, "disclosure.undo-save", NULL, undo_save_action);
  gtk_widget_class_install_action (widget_class, "disclosure.resolve-conflict", NULL,
                                   resolve_conflict_action);
  gtk_widget_class_install_action (widget_class, "disclosure.show-overdue", NULL, view_action);
  gtk_widget_class_install_action (widget_class, "disclosure.show-list", NULL, view_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "disclosure.save", NULL);
}
