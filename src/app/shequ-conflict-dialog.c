/* shequ-conflict-dialog.c — a disclosure written on two PCs: both versions, and a choice */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-conflict-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-app-util.h"
#include "shequ-conflict-dialog.h"
#include "shequ-markup.h"

struct _ShequConflictDialog
{
  GtkWindow             parent_instance;

  ShequDisclosureStore *store;
  gint64                id;
  GtkLabel             *error_label;
};

enum {
  RESOLVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ShequConflictDialog, shequ_conflict_dialog, GTK_TYPE_WINDOW)

static GtkWidget *
add_label (GtkWidget  *box,
           const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

static void
add_finance (GtkWidget                    *box,
             const ShequDisclosureVersion *v)
{
  ShequFen income = 0, expense = 0;
  g_autofree char *opening = shequ_money_format_grouped (v->opening);
  g_autofree char *closing = shequ_money_format_grouped (v->closing);
  g_autofree char *in = NULL;
  g_autofree char *out = NULL;
  g_autofree char *totals = NULL;
  GString *lines = g_string_new (NULL);

  shequ_finance_totals (v, &income, &expense);
  in = shequ_money_format_grouped (income);
  out = shequ_money_format_grouped (expense);
  /* Translators: opening balance, income, expenses, closing balance, in yuan */
  totals = g_strdup_printf (_("Opening %s · income %s · expenses %s · closing %s"), opening, in, out, closing);
  add_label (box, totals, "numeric");
  for (guint i = 0; v->items != NULL && i < v->items->len; i++)
    {
      const ShequFinanceItem *item = g_ptr_array_index (v->items, i);
      g_autofree char *amount = shequ_money_format_grouped (item->amount);

      if (lines->len > 0)
        g_string_append_c (lines, '\n');
      g_string_append_printf (lines, "%s  %s  %s%s%s", shequ_finance_direction_get_label (item->direction),
                              item->category, amount, *item->note != '\0' ? "  " : "", item->note);
    }
  if (lines->len > 0)
    add_label (box, lines->str, "numeric");
  g_string_free (lines, TRUE);
}

static GtkWidget *
make_column (const char            *heading,
             const ShequDisclosure *d)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  const ShequDisclosureVersion *v = shequ_disclosure_get_current (d);
  g_autofree char *state = g_strdup_printf (_("Version %u · %s"), v->version,
                                            shequ_disclosure_state_get_label (v->state));
  g_autofree char *body = shequ_markup_render_plain (v->body != NULL ? v->body : "");

  gtk_widget_set_hexpand (box, TRUE);
  gtk_widget_set_size_request (box, 320, -1);
  add_label (box, heading, "title-4");
  add_label (box, v->title, "heading");
  add_label (box, state, "dim-label");
  if (body != NULL && *body != '\0')
    add_label (box, body, NULL);
  if (d->kind == SHEQU_DISCLOSURE_KIND_FINANCE)
    add_finance (box, v);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, heading, -1);
  return box;
}

gboolean
shequ_conflict_dialog_choose (ShequConflictDialog  *self,
                              ShequConflictChoice   choice,
                              GError              **error)
{
  g_return_val_if_fail (SHEQU_IS_CONFLICT_DIALOG (self), FALSE);

  if (!shequ_disclosure_store_resolve_conflict (self->store, self->id, choice, NULL, error))
    return FALSE;
  g_signal_emit (self, signals[RESOLVED], 0, (int) choice);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static void
on_choice_clicked (GtkButton           *button,
                   ShequConflictDialog *self)
{
  ShequConflictChoice choice = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "shequ-choice"));
  g_autoptr(GError) error = NULL;

  if (!shequ_conflict_dialog_choose (self, choice, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
}

static GtkWidget *
make_choice (ShequConflictDialog *self,
             const char          *label,
             ShequConflictChoice  choice)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  g_object_set_data (G_OBJECT (button), "shequ-choice", GINT_TO_POINTER (choice));
  g_signal_connect (button, "clicked", G_CALLBACK (on_choice_clicked), self);
  return button;
}

static void
shequ_conflict_dialog_dispose (GObject *object)
{
  ShequConflictDialog *self = SHEQU_CONFLICT_DIALOG (object);

  g_clear_object (&self->store);
  G_OBJECT_CLASS (shequ_conflict_dialog_parent_class)->dispose (object);
}

static void
shequ_conflict_dialog_class_init (ShequConflictDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = shequ_conflict_dialog_dispose;
  signals[RESOLVED] = g_signal_new ("resolved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
shequ_conflict_dialog_init (ShequConflictDialog *self)
{
}

static void
build (ShequConflictDialog   *self,
       const ShequDisclosure *mine,
       const ShequDisclosure *theirs,
       gint64                 revision)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *header = gtk_header_bar_new ();
  GtkWidget *intro;
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Decide Later"));
  GtkWidget *keep = make_choice (self, _("_Keep Mine"), SHEQU_CONFLICT_KEEP_MINE);
  GtkWidget *take = make_choice (self, _("_Take the Server’s"), SHEQU_CONFLICT_TAKE_THEIRS);
  g_autofree char *revision_text = g_strdup_printf ("%" G_GINT64_FORMAT, revision);
  /* Translators: the server's column; %s is its revision number */
  g_autofree char *their_heading = g_strdup_printf (_("On the central server (revision %s)"), revision_text);

  gtk_window_set_title (GTK_WINDOW (self), _("Conflict: Written on Two PCs"));
  gtk_header_bar_set_show_title_buttons (GTK_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), cancel);
  gtk_window_set_titlebar (GTK_WINDOW (self), header);

  gtk_widget_set_margin_start (outer, 18);
  gtk_widget_set_margin_end (outer, 18);
  gtk_widget_set_margin_top (outer, 12);
  gtk_widget_set_margin_bottom (outer, 18);
  intro = add_label (outer, _("This disclosure was changed on this PC and on another PC of the office "
                              "since the last sync. Nothing has been overwritten: choose which one stays."),
                     NULL);
  gtk_label_set_selectable (GTK_LABEL (intro), FALSE);
  gtk_box_append (GTK_BOX (columns), make_column (_("On this PC"), mine));
  gtk_box_append (GTK_BOX (columns), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  gtk_box_append (GTK_BOX (columns), make_column (their_heading, theirs));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 560);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), columns);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (outer), scrolled);
  self->error_label = GTK_LABEL (add_label (outer, "", "error"));
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_add_css_class (take, "destructive-action");
  gtk_box_append (GTK_BOX (buttons), take);
  gtk_box_append (GTK_BOX (buttons), keep);
  gtk_widget_add_css_class (keep, "suggested-action");
  gtk_box_append (GTK_BOX (outer), buttons);
  gtk_window_set_child (GTK_WINDOW (self), outer);
  gtk_window_set_default_widget (GTK_WINDOW (self), keep);
  gtk_window_set_focus (GTK_WINDOW (self), keep);
  shequ_accessible_clean_mnemonics (GTK_WIDGET (self));
}

ShequConflictDialog *
shequ_conflict_dialog_present (GtkWindow            *parent,
                               ShequDisclosureStore *store,
                               gint64                id,
                               GError              **error)
{
  g_autoptr(ShequDisclosure) mine = NULL;
  g_autoptr(ShequDisclosure) theirs = NULL;
  ShequConflictDialog *self;
  gint64 revision = 0;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_STORE (store), NULL);

  if (!shequ_disclosure_store_get_conflict (store, id, &mine, &theirs, &revision, error))
    return NULL;
  self = g_object_new (SHEQU_TYPE_CONFLICT_DIALOG,
                       "modal", TRUE, "transient-for", parent, "destroy-with-parent", TRUE,
                       "default-width", 820, NULL);
  self->store = g_object_ref (store);
  self->id = id;
  build (self, mine, theirs, revision);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}
