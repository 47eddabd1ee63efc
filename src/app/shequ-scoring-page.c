/* shequ-scoring-page.c — the scoring page: a period, an assessor, their sheet, submit and reopen */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-scoring-page"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-scoring-page.h"
#include "shequ-text.h"

struct _ShequScoringPage
{
  GtkWidget        parent_instance;

  ShequEvalStore  *store;
  gulong           changed_id;
  ShequEvalSheet  *eval_sheet;
  gulong           state_changed_id;
  GArray          *period_ids;    /* gint64, in the period drop-down's order */
  GArray          *assessor_ids;  /* gint64, in the assessor drop-down's order */
  gboolean         filling;       /* the drop-downs are being refilled */

  GtkWidget       *content;
  GtkDropDown     *period_dropdown;
  GtkDropDown     *assessor_dropdown;
  GtkLabel        *status_label;
  GtkStack        *stack;
  GtkLabel        *empty_label;
  ShequScoreSheet *sheet;
  GtkLabel        *message_label;
  GtkLabel        *hint_label;
  GtkLabel        *comment_legend;
};

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ShequScoringPage, shequ_scoring_page, GTK_TYPE_WIDGET)

/* ---- What the page says --------------------------------------------------------- */

static void
set_message (ShequScoringPage *self,
             const char       *message,
             gboolean          is_error)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
}

static void
update_status (ShequScoringPage *self)
{
  ShequEvalSheet *sheet = self->eval_sheet;
  g_autofree char *filled = NULL;
  g_autofree char *cells = NULL;
  g_autofree char *status = NULL;
  gboolean editable = sheet != NULL && shequ_eval_sheet_is_editable (sheet);
  gboolean submitted = sheet != NULL && shequ_eval_sheet_is_submitted (sheet);

  if (sheet != NULL)
    {
      filled = shequ_text_format_count (shequ_eval_sheet_get_n_filled (sheet));
      cells = shequ_text_format_count (shequ_eval_sheet_get_n_cells (sheet));
      /* TRANSLATORS: the scoring page's count of filled cells: "已填 1,234 / 2,400 格" */
      status = g_strdup_printf (_("%s of %s cells filled"), filled, cells);
      if (submitted)
        {
          g_autofree char *with_state = g_strdup_printf ("%s · %s", status, C_("scoring page", "Submitted"));

          g_free (status);
          status = g_steal_pointer (&with_state);
        }
    }
  gtk_label_set_text (self->status_label, status != NULL ? status : "");
  if (sheet != NULL && !editable)
    gtk_label_set_text (self->hint_label,
                        submitted ? _("Submitted and locked: reopen it to change scores")
                                  : _("The period is closed: its scores are final"));
  else
    gtk_label_set_text (self->hint_label,
                        _("Type a score · Tab/Enter next · Esc cancel · Delete clear · "
                          "Ctrl+V paste · Alt+M comment · Ctrl+Z undo · "
                          "Ctrl+Tab leave the sheet"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scoring.submit", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scoring.reopen", submitted);
}

static void
on_sheet_message (ShequScoreSheet  *sheet,
                  GParamSpec       *pspec,
                  ShequScoringPage *self)
{
  set_message (self, shequ_score_sheet_get_message (sheet), TRUE);
}

static void
on_sheet_state_changed (ShequEvalSheet   *sheet,
                        ShequScoringPage *self)
{
  update_status (self);
}

/* ---- The sheet shown ------------------------------------------------------------ */

static void
show_sheet (ShequScoringPage *self,
            gint64            assessor_id)
{
  g_autoptr(ShequEvalSheet) sheet = NULL;

  if (self->eval_sheet != NULL &&
      shequ_eval_sheet_get_assessor_id (self->eval_sheet) == assessor_id)
    return;
  if (self->eval_sheet != NULL)
    {
      g_clear_signal_handler (&self->state_changed_id, self->eval_sheet);
      g_clear_object (&self->eval_sheet);
    }
  if (assessor_id != 0)
    {
      sheet = shequ_eval_sheet_new (self->store, assessor_id);
      self->eval_sheet = g_object_ref (sheet);
      self->state_changed_id = g_signal_connect (sheet, "state-changed",
                                                 G_CALLBACK (on_sheet_state_changed), self);
    }
  shequ_score_sheet_set_sheet (self->sheet, self->eval_sheet);
  set_message (self, NULL, FALSE);
  if (self->eval_sheet != NULL)
    gtk_stack_set_visible_child_name (self->stack, "sheet");
  else
    {
      gtk_label_set_text (self->empty_label,
                          self->store == NULL || self->period_ids->len == 0
                          ? _("No period is open for scoring yet.")
                          : _("This period has no assessors yet."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  update_status (self);
}

static gint64
selected_id (GtkDropDown *dropdown,
             GArray      *ids)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  return i < ids->len ? g_array_index (ids, gint64, i) : 0;
}

static void
fill_assessors (ShequScoringPage *self,
                gint64            keep_assessor_id)
{
  gint64 period_id = selected_id (self->period_dropdown, self->period_ids);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GPtrArray *assessors = period_id != 0 ? shequ_eval_store_get_assessors (self->store, period_id)
                                        : NULL;
  guint selected = 0;

  g_array_set_size (self->assessor_ids, 0);
  for (guint i = 0; assessors != NULL && i < assessors->len; i++)
    {
      const ShequAssessorRow *row = g_ptr_array_index (assessors, i);

      if (row->id == keep_assessor_id)
        selected = i;
      gtk_string_list_append (names, row->name);
      g_array_append_val (self->assessor_ids, row->id);
    }
  self->filling = TRUE;
  gtk_drop_down_set_model (self->assessor_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->assessor_dropdown,
                              self->assessor_ids->len > 0 ? selected : GTK_INVALID_LIST_POSITION);
  self->filling = FALSE;
  show_sheet (self, selected_id (self->assessor_dropdown, self->assessor_ids));
}

static char *
period_label (const ShequPeriodRow *period)
{
  /* TRANSLATORS: a period in the scoring page's drop-down: label, then its state */
  return g_strdup_printf (C_("scoring page", "%s (%s)"), period->label, shequ_period_state_get_label (period->state));
}

/* Periods newest first; KEEP_PERIOD_ID stays selected when it is still there. */
static void
fill_periods (ShequScoringPage *self,
              gint64            keep_period_id,
              gint64            keep_assessor_id)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GPtrArray *periods = self->store != NULL ? shequ_eval_store_get_periods (self->store) : NULL;
  guint selected = GTK_INVALID_LIST_POSITION;

  g_array_set_size (self->period_ids, 0);
  for (guint i = periods != NULL ? periods->len : 0; i-- > 0;)
    {
      const ShequPeriodRow *period = g_ptr_array_index (periods, i);
      g_autofree char *label = period_label (period);

      if (period->id == keep_period_id ||
          (keep_period_id == 0 && selected == GTK_INVALID_LIST_POSITION &&
           period->state != SHEQU_PERIOD_STATE_CLOSED))
        selected = self->period_ids->len;
      gtk_string_list_append (labels, label);
      g_array_append_val (self->period_ids, period->id);
    }
  if (selected == GTK_INVALID_LIST_POSITION && self->period_ids->len > 0)
    selected = 0;
  self->filling = TRUE;
  gtk_drop_down_set_model (self->period_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->period_dropdown, selected);
  self->filling = FALSE;
  fill_assessors (self, keep_assessor_id);
}

static void
on_period_selected (GtkDropDown      *dropdown,
                    GParamSpec       *pspec,
                    ShequScoringPage *self)
{
  if (!self->filling)
    fill_assessors (self, 0);
}

static void
on_assessor_selected (GtkDropDown      *dropdown,
                      GParamSpec       *pspec,
                      ShequScoringPage *self)
{
  if (!self->filling)
    show_sheet (self, selected_id (self->assessor_dropdown, self->assessor_ids));
}

static void
on_store_changed (ShequEvalStore   *store,
                  gint64            period_id,
                  GQuark            what,
                  ShequScoringPage *self)
{
  /* Scores only change what the sheet shows, which follows them itself. */
  if (what == g_quark_from_static_string ("scores"))
    return;
  fill_periods (self, selected_id (self->period_dropdown, self->period_ids),
                selected_id (self->assessor_dropdown, self->assessor_ids));
  update_status (self);
}

gboolean
shequ_scoring_page_show_assessor (ShequScoringPage *self,
                                  gint64            assessor_id)
{
  const ShequAssessorRow *assessor;

  g_return_val_if_fail (SHEQU_IS_SCORING_PAGE (self), FALSE);

  assessor = self->store != NULL ? shequ_eval_store_lookup_assessor (self->store, assessor_id)
                                 : NULL;
  if (assessor == NULL)
    return FALSE;
  fill_periods (self, assessor->period_id, assessor_id);
  return self->eval_sheet != NULL &&
         shequ_eval_sheet_get_assessor_id (self->eval_sheet) == assessor_id;
}

ShequScoreSheet *
shequ_scoring_page_get_sheet (ShequScoringPage *self)
{
  g_return_val_if_fail (SHEQU_IS_SCORING_PAGE (self), NULL);
  return self->sheet;
}

ShequEvalStore *
shequ_scoring_page_get_store (ShequScoringPage *self)
{
  g_return_val_if_fail (SHEQU_IS_SCORING_PAGE (self), NULL);
  return self->store;
}

void
shequ_scoring_page_set_store (ShequScoringPage *self,
                              ShequEvalStore   *store)
{
  g_return_if_fail (SHEQU_IS_SCORING_PAGE (self));
  g_return_if_fail (store == NULL || SHEQU_IS_EVAL_STORE (store));

  if (self->store == store)
    return;
  show_sheet (self, 0);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->changed_id = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);
  fill_periods (self, 0, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/* ---- Submit and reopen ---------------------------------------------------------- */

static void
on_submit_response (GtkDialog        *dialog,
                    int               response,
                    ShequScoringPage *self)
{
  g_autoptr(GError) error = NULL;

  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response != GTK_RESPONSE_ACCEPT || self->eval_sheet == NULL)
    return;
  if (shequ_eval_store_submit (self->store, shequ_eval_sheet_get_assessor_id (self->eval_sheet),
                               NULL, &error))
    set_message (self, _("The sheet is submitted and locked."), FALSE);
  else
    set_message (self, error->message, TRUE);
}

static GtkWidget *
new_question (ShequScoringPage *self,
              const char       *question,
              const char       *detail,
              const char       *accept)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = gtk_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                              "%s", question);

  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", detail);
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  gtk_dialog_add_button (GTK_DIALOG (dialog), accept, GTK_RESPONSE_ACCEPT);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  return dialog;
}

static void
action_submit (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  ShequScoringPage *self = SHEQU_SCORING_PAGE (widget);
  const ShequAssessorRow *assessor;
  g_autofree char *question = NULL;
  guint n_empty;
  GtkWidget *dialog;

  if (self->eval_sheet == NULL)
    return;
  n_empty = shequ_eval_sheet_get_n_cells (self->eval_sheet) -
            shequ_eval_sheet_get_n_filled (self->eval_sheet);
  if (n_empty > 0)
    {
      g_autofree char *count = shequ_text_format_count (n_empty);
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "The sheet cannot be submitted yet: %s cell is empty.",
                                      "The sheet cannot be submitted yet: %s cells are empty.",
                                      n_empty), count);

      set_message (self, message, TRUE);
      gtk_widget_error_bell (widget);
      return;
    }
  assessor = shequ_eval_store_lookup_assessor (self->store,
                                               shequ_eval_sheet_get_assessor_id (self->eval_sheet));
  question = g_strdup_printf (_("Submit the scoring sheet of %s?"),
                              assessor != NULL ? assessor->name : "");
  dialog = new_question (self, question,
                         _("A submitted sheet is locked: changing it again needs reopening, "
                           "with a reason."),
                         C_("scoring page", "_Submit"));
  g_signal_connect (dialog, "response", G_CALLBACK (on_submit_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_reopen_response (GtkDialog        *dialog,
                    int               response,
                    ShequScoringPage *self)
{
  GtkWidget *entry = g_object_get_data (G_OBJECT (dialog), "reason-entry");
  g_autofree char *reason = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
  g_autoptr(GError) error = NULL;

  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response != GTK_RESPONSE_ACCEPT || self->eval_sheet == NULL)
    return;
  if (shequ_eval_store_reopen (self->store, shequ_eval_sheet_get_assessor_id (self->eval_sheet),
                               g_strstrip (reason), NULL, &error))
    set_message (self, _("The sheet is open for changes again."), FALSE);
  else
    set_message (self, error->message, TRUE);
}

static void
action_reopen (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  ShequScoringPage *self = SHEQU_SCORING_PAGE (widget);
  GtkWidget *dialog, *area, *label, *entry;

  if (self->eval_sheet == NULL)
    return;
  dialog = new_question (self, _("Reopen this scoring sheet?"),
                         _("The sheet will take changes again; if the period is closed it goes "
                           "back to scoring. The reason goes to the audit log."),
                         C_("scoring page", "_Reopen"));
  area = gtk_message_dialog_get_message_area (GTK_MESSAGE_DIALOG (dialog));
  label = gtk_label_new_with_mnemonic (C_("scoring page", "_Reason"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason for reopening"), -1);
  gtk_box_append (GTK_BOX (area), label);
  gtk_box_append (GTK_BOX (area), entry);
  g_object_set_data (G_OBJECT (dialog), "reason-entry", entry);
  g_signal_connect (dialog, "response", G_CALLBACK (on_reopen_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* ---- GObject -------------------------------------------------------------------- */

static void
shequ_scoring_page_dispose (GObject *object)
{
  ShequScoringPage *self = SHEQU_SCORING_PAGE (object);

  if (self->sheet != NULL)
    g_signal_handlers_disconnect_by_func (self->sheet, on_sheet_message, self);
  shequ_scoring_page_set_store (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), SHEQU_TYPE_SCORING_PAGE);

  G_OBJECT_CLASS (shequ_scoring_page_parent_class)->dispose (object);
}

static void
shequ_scoring_page_finalize (GObject *object)
{
  ShequScoringPage *self = SHEQU_SCORING_PAGE (object);

  g_array_unref (self->period_ids);
  g_array_unref (self->assessor_ids);

  G_OBJECT_CLASS (shequ_scoring_page_parent_class)->finalize (object);
}

static void
shequ_scoring_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ShequScoringPage *self = SHEQU_SCORING_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_scoring_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ShequScoringPage *self = SHEQU_SCORING_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      shequ_scoring_page_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_scoring_page_class_init (ShequScoringPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shequ_scoring_page_dispose;
  object_class->finalize = shequ_scoring_page_finalize;
  object_class->get_property = shequ_scoring_page_get_property;
  object_class->set_property = shequ_scoring_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SHEQU_TYPE_EVAL_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SHEQU_TYPE_SCORE_SHEET);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/shequ/Shequ/ui/shequ-scoring-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ShequScoringPage, content);
  gtk_widget_class_bind_template_child (widget_class, ShequScoringPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ShequScoringPage, assessor_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ShequScoringPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, ShequScoringPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ShequScoringPage, empty_label);
  gtk_widget_class_bind_template_child (widget_class, ShequScoringPage, sheet);
  gtk_widget_class_bind_template_child (widget_class, ShequScoringPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, ShequScoringPage, hint_label);
  gtk_widget_class_bind_template_child (widget_class, ShequScoringPage, comment_legend);
  gtk_widget_class_install_action (widget_class, "scoring.submit", NULL, action_submit);
  gtk_widget_class_install_action (widget_class, "scoring.reopen", NULL, action_reopen);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "shequscoringpage");
}

/* What the small orange corner in a cell means; the sheet draws it in this colour. */
static void
init_comment_legend (ShequScoringPage *self)
{
  g_autofree char *text = g_markup_escape_text (_("orange corner: the score has a comment"), -1);
  g_autofree char *markup = g_strdup_printf ("<span foreground=\"#c64600\">◥</span> %s", text);

  gtk_label_set_markup (self->comment_legend, markup);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->comment_legend),
                               _("Point at a cell with an orange corner to read its comment; "
                                 "Alt+M writes or changes the comment of the cell under the cursor"));
}

static void
shequ_scoring_page_init (ShequScoringPage *self)
{
  self->period_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->assessor_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self->period_dropdown, "notify::selected",
                    G_CALLBACK (on_period_selected), self);
  g_signal_connect (self->assessor_dropdown, "notify::selected",
                    G_CALLBACK (on_assessor_selected), self);
  g_signal_connect (self->sheet, "notify::message", G_CALLBACK (on_sheet_message), self);
  init_comment_legend (self);
  show_sheet (self, 0);
}

GtkWidget *
shequ_scoring_page_new (void)
{
  return g_object_new (SHEQU_TYPE_SCORING_PAGE, NULL);
}
