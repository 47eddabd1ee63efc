/* shequ-disclosure-editor.c — one version of a disclosure as a form: text, lines, guide, files */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-disclosure-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-app-util.h"
#include "shequ-dialogs.h"
#include "shequ-disclosure-editor.h"
#include "shequ-markup.h"

/* A policy guide's parts below the topic, each a text view. */
enum { GUIDE_ELIGIBILITY, GUIDE_MATERIALS, GUIDE_STEPS, GUIDE_CONTACTS, N_GUIDE_VIEWS };

struct _ShequDisclosureEditor
{
  GtkWidget              parent_instance;

  ShequDisclosureStore  *store;
  ShequDisclosureKind    kind;
  GPtrArray             *attachments;   /* ShequAttachmentRef */
  char                  *preview_markup;
  GtkFileChooserNative  *chooser;       /* weak */
  gboolean               editable;
  gboolean               modified;
  gboolean               balanced;
  guint                  loading;

  /* Template widgets */
  GtkWidget             *head_grid;
  GtkWidget             *body_box;
  GtkWidget             *finance_box;
  GtkWidget             *guide_grid;
  GtkWidget             *attachments_box;
  GtkEntry              *title_entry;
  GtkEntry              *period_entry;
  GtkLabel              *period_hint;
  GtkTextView           *body_view;
  GtkLabel              *preview_label;
  GtkEntry              *opening_entry;
  GtkEntry              *closing_entry;
  ShequFinanceTable     *finance_table;
  GtkLabel              *totals_label;
  GtkLabel              *balance_label;
  GtkListBox            *attachments_list;
  GtkWidget             *attachments_empty;
  GtkWidget             *attach_button;

  GtkEntry              *topic_entry;
  GtkTextView           *guide_views[N_GUIDE_VIEWS];
  GtkSizeGroup          *captions;      /* the head's and the guide's captions, one column */
  GtkWidget             *title_label;
  GtkWidget             *period_label;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_MODIFIED,
  N_PROPS
};

enum {
  CHANGED,
  ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ShequDisclosureEditor, shequ_disclosure_editor, GTK_TYPE_WIDGET)

/* ------------------------------------------------------------------------ */
/* Live parts: the preview, the totals, the balance check                    */

static char *
dup_buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
update_preview (ShequDisclosureEditor *self)
{
  g_autofree char *text = dup_buffer_text (gtk_text_view_get_buffer (self->body_view));

  g_free (self->preview_markup);
  self->preview_markup = shequ_markup_render_pango (text);
  if (self->preview_markup == NULL)
    self->preview_markup = g_strdup ("");
  if (*text == '\0')
    {
      g_autofree char *empty = g_markup_printf_escaped ("<span alpha=\"55%%\">%s</span>",
                                                        _("The preview shows here."));

      gtk_label_set_markup (self->preview_label, empty);
    }
  else
    gtk_label_set_markup (self->preview_label, self->preview_markup);
}

/* Reads a balance entry: blank is zero; *BAD when it does not read. */
static ShequFen
read_balance (GtkEntry *entry,
              gboolean *bad,
              GError  **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GError) local_error = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  ShequFen fen = 0;
  gboolean ok = *stripped == '\0' ||
                shequ_money_parse (stripped, SHEQU_MONEY_PARSE_ALLOW_NEGATIVE, &fen, &local_error);

  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (entry), ok ? NULL : local_error->message);
  gtk_accessible_update_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                               ok ? GTK_ACCESSIBLE_INVALID_FALSE : GTK_ACCESSIBLE_INVALID_TRUE, -1);
  if (!ok)
    {
      *bad = TRUE;
      if (error != NULL && *error == NULL)
        *error = g_steal_pointer (&local_error);
    }
  return fen;
}

static void
update_totals (ShequDisclosureEditor *self)
{
  ShequFen income = 0, expense = 0, opening, closing, expected, off;
  g_autofree char *income_text = NULL;
  g_autofree char *expense_text = NULL;
  g_autofree char *totals = NULL;
  g_autofree char *balance = NULL;
  gboolean bad = FALSE;
  guint n_bad = 0;

  if (self->kind != SHEQU_DISCLOSURE_KIND_FINANCE)
    return;

  shequ_finance_table_get_totals (self->finance_table, &income, &expense, &n_bad);
  opening = read_balance (self->opening_entry, &bad, NULL);
  closing = read_balance (self->closing_entry, &bad, NULL);
  income_text = shequ_money_format_grouped (income);
  expense_text = shequ_money_format_grouped (expense);
  /* Translators: the finance table's sums, in yuan */
  totals = g_strdup_printf (_("Income %s · Expenses %s"), income_text, expense_text);
  gtk_label_set_text (self->totals_label, totals);

  expected = opening + income - expense;
  off = closing - expected;
  self->balanced = !bad && n_bad == 0 && off == 0;
  if (bad || n_bad > 0)
    balance = g_strdup (_("Opening + income − expenses = closing: correct the amounts marked in red first"));
  else if (off == 0)
    balance = g_strdup (_("Opening + income − expenses = closing: balanced"));
  else
    {
      g_autofree char *by = shequ_money_format_grouped (off < 0 ? -off : off);
      g_autofree char *want = shequ_money_format_grouped (expected);

      /* Translators: %s the difference in yuan, %s the closing balance the lines give */
      balance = g_strdup_printf (_("Opening + income − expenses = closing: off by %s (the lines give a closing balance of %s)"),
                                 by, want);
    }
  gtk_label_set_text (self->balance_label, balance);
  if (self->balanced)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->balance_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->balance_label), "success");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->balance_label), "success");
      gtk_widget_add_css_class (GTK_WIDGET (self->balance_label), "error");
    }
}

static void
on_edited (ShequDisclosureEditor *self)
{
  update_totals (self);
  if (self->loading > 0)
    return;
  shequ_disclosure_editor_set_modified (self, TRUE);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_body_changed (ShequDisclosureEditor *self)
{
  update_preview (self);
  on_edited (self);
}

static void
update_period_hint (ShequDisclosureEditor *self)
{
  g_autofree char *key = NULL;
  g_autofree char *label = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->period_entry));

  if (*text == '\0')
    gtk_label_set_text (self->period_hint, _("A year (2026), a quarter (2026-Q3) or a month (2026-10)"));
  else if (shequ_disclosure_period_parse (text, &key) && (label = shequ_disclosure_period_get_label (key)) != NULL)
    gtk_label_set_text (self->period_hint, label);
  else
    gtk_label_set_text (self->period_hint, _("Not a period: write 2026, 2026-Q3 or 2026-10"));
}

/* ------------------------------------------------------------------------ */
/* The policy guide's parts                                                  */

static GtkWidget *
add_guide_label (ShequDisclosureEditor *self,
                 const char            *text,
                 GtkWidget             *target,
                 int                    row)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_mnemonic_widget (GTK_LABEL (label), target);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_label_set_yalign (GTK_LABEL (label), 0.0);
  gtk_widget_set_margin_top (label, row == 0 ? 0 : 4);
  gtk_grid_attach (GTK_GRID (self->guide_grid), label, 0, row, 1, 1);
  gtk_size_group_add_widget (self->captions, label);
  return label;
}

static void
build_guide (ShequDisclosureEditor *self)
{
  const char *labels[N_GUIDE_VIEWS] = {
    N_("_Who qualifies"), N_("_Materials"), N_("St_eps"), N_("Conta_cts"),
  };
  GtkWidget *heading = gtk_label_new (_("Policy Guide"));

  gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_grid_attach (GTK_GRID (self->guide_grid), heading, 0, 0, 2, 1);

  self->topic_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->topic_entry), TRUE);
  gtk_entry_set_placeholder_text (self->topic_entry, _("e.g. elderly allowance"));
  gtk_grid_attach (GTK_GRID (self->guide_grid), GTK_WIDGET (self->topic_entry), 1, 1, 1, 1);
  add_guide_label (self, _("T_opic"), GTK_WIDGET (self->topic_entry), 1);
  g_signal_connect_swapped (self->topic_entry, "changed", G_CALLBACK (on_edited), self);

  for (guint i = 0; i < N_GUIDE_VIEWS; i++)
    {
      GtkWidget *scrolled = gtk_scrolled_window_new ();
      GtkWidget *view = gtk_text_view_new ();

      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 4);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 4);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                      GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 64);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
      gtk_widget_add_css_class (scrolled, "shequ-text-frame");
      gtk_widget_set_hexpand (scrolled, TRUE);
      gtk_grid_attach (GTK_GRID (self->guide_grid), scrolled, 1, 2 + i, 1, 1);
      add_guide_label (self, _(labels[i]), view, 2 + i);
      self->guide_views[i] = GTK_TEXT_VIEW (view);
      g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                                G_CALLBACK (on_edited), self);
    }
}

static void
set_view_text (GtkTextView *view,
               const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

/* ------------------------------------------------------------------------ */
/* Attachments                                                               */

static void
on_remove_attachment (GtkButton             *button,
                      ShequDisclosureEditor *self)
{
  ShequAttachmentRef *ref = g_object_get_data (G_OBJECT (button), "shequ-ref");

  if (g_ptr_array_remove (self->attachments, ref))
    {
      GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);

      gtk_list_box_remove (self->attachments_list, row);
      gtk_widget_set_visible (self->attachments_empty, self->attachments->len == 0);
      on_edited (self);
    }
}

GtkWidget *
shequ_disclosure_icon_row_new (const char *icon_name,
                               const char *icon_label,
                               const char *name,
                               const char *detail)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *name_label = gtk_label_new (name);
  GtkWidget *detail_label = gtk_label_new (detail);

  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  icon_label, -1);
  gtk_label_set_xalign (GTK_LABEL (name_label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (name_label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_hexpand (name_label, TRUE);
  gtk_widget_add_css_class (detail_label, "dim-label");
  gtk_widget_add_css_class (detail_label, "numeric");
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), name_label);
  gtk_box_append (GTK_BOX (box), detail_label);
  return box;
}

static void
append_attachment_row (ShequDisclosureEditor *self,
                       ShequAttachmentRef    *ref)
{
  g_autofree char *size_text = g_format_size (ref->size);
  GtkWidget *box = shequ_disclosure_icon_row_new (g_str_has_prefix (ref->mime, "image/")
                                                  ? "image-x-generic-symbolic"
                                                  : "x-office-document-symbolic",
                                                  ref->mime, ref->name, size_text);
  g_autofree char *remove_name = g_strdup_printf (_("Remove “%s”"), ref->name);

  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 4);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  if (self->editable)
    {
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");

      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, remove_name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      remove_name, -1);
      g_object_set_data (G_OBJECT (remove), "shequ-ref", ref);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_attachment), self);
      gtk_box_append (GTK_BOX (box), remove);
    }
  gtk_list_box_append (self->attachments_list, box);
  gtk_widget_set_visible (self->attachments_empty, FALSE);
}

static void
reload_attachments (ShequDisclosureEditor *self,
                    GPtrArray             *refs)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->attachments_list))) != NULL)
    gtk_list_box_remove (self->attachments_list, child);
  g_ptr_array_set_size (self->attachments, 0);
  for (guint i = 0; refs != NULL && i < refs->len; i++)
    {
      ShequAttachmentRef *ref = shequ_attachment_ref_copy (g_ptr_array_index (refs, i));

      g_ptr_array_add (self->attachments, ref);
      append_attachment_row (self, ref);
    }
  gtk_widget_set_visible (self->attachments_empty, self->attachments->len == 0);
}

gboolean
shequ_disclosure_editor_add_attachment_file (ShequDisclosureEditor  *self,
                                             GFile                  *file,
                                             GError                **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  ShequAttachmentRef *ref = NULL;

  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_EDITOR (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->store == NULL)
    {
      g_set_error (error, SHEQU_DISCLOSURE_ERROR, SHEQU_DISCLOSURE_ERROR_ATTACHMENT,
                   _("There is no database to keep the attachment in"));
      return FALSE;
    }
  name = g_file_get_basename (file);
  if (self->attachments->len >= SHEQU_DISCLOSURE_ATTACHMENTS_MAX)
    {
      g_set_error (error, SHEQU_DISCLOSURE_ERROR, SHEQU_DISCLOSURE_ERROR_ATTACHMENT,
                   _("“%s” was not added: a disclosure has at most %d attachments"),
                   name, SHEQU_DISCLOSURE_ATTACHMENTS_MAX);
      return FALSE;
    }
  /* Told before the bytes are read: a film of several gigabytes is never loaded. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, error);
  if (info == NULL)
    return FALSE;
  if (g_file_info_get_size (info) > SHEQU_ATTACHMENT_SIZE_MAX)
    {
      g_autofree char *size = g_format_size (g_file_info_get_size (info));
      g_autofree char *limit = g_format_size (SHEQU_ATTACHMENT_SIZE_MAX);

      g_set_error (error, SHEQU_DISCLOSURE_ERROR, SHEQU_DISCLOSURE_ERROR_ATTACHMENT,
                   /* Translators: a file name, its size, the largest size allowed */
                   _("“%s” is too big to attach (%s; at most %s)"), name, size, limit);
      return FALSE;
    }
  bytes = g_file_load_bytes (file, NULL, NULL, error);
  if (bytes == NULL)
    return FALSE;
  if (!shequ_disclosure_store_add_attachment (self->store, name, bytes, &ref, error))
    return FALSE;
  g_ptr_array_add (self->attachments, ref);
  append_attachment_row (self, ref);
  on_edited (self);
  return TRUE;
}

static void
on_attachment_chosen (GFile          *file,
                      GtkFileChooser *chooser,
                      gpointer        user_data)
{
  ShequDisclosureEditor *self = SHEQU_DISCLOSURE_EDITOR (user_data);
  g_autoptr(GError) error = NULL;

  if (file != NULL && !shequ_disclosure_editor_add_attachment_file (self, file, &error))
    g_signal_emit (self, signals[ERROR], 0, error);
}

static void
on_attach_clicked (ShequDisclosureEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  native = shequ_file_chooser_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Add Attachment"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"));
  gtk_file_filter_set_name (filter, _("PDF files and images"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_set_weak_pointer (&self->chooser, native);
  shequ_file_chooser_run (native, NULL, on_attachment_chosen, g_object_ref (self), g_object_unref);
}

/* ------------------------------------------------------------------------ */
/* Loading and reading the form                                              */

static void
set_entry_text (GtkEntry   *entry,
                const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
}

static void
set_editable (ShequDisclosureEditor *self,
              gboolean               editable)
{
  GtkEntry *entries[] = { self->title_entry, self->opening_entry, self->closing_entry,
                          self->topic_entry };

  self->editable = editable;
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    gtk_editable_set_editable (GTK_EDITABLE (entries[i]), editable);
  gtk_text_view_set_editable (self->body_view, editable);
  gtk_text_view_set_cursor_visible (self->body_view, editable);
  for (guint i = 0; i < N_GUIDE_VIEWS; i++)
    {
      gtk_text_view_set_editable (self->guide_views[i], editable);
      gtk_text_view_set_cursor_visible (self->guide_views[i], editable);
    }
  shequ_finance_table_set_editable (self->finance_table, editable);
  gtk_widget_set_visible (self->attach_button, editable);
  gtk_label_set_text (GTK_LABEL (self->attachments_empty),
                      editable ? _("No attachments. PDF, PNG and JPEG files of up to 10 MB can be added.")
                               : _("No attachments."));
}

void
shequ_disclosure_editor_load (ShequDisclosureEditor        *self,
                              ShequDisclosureKind           kind,
                              const char                   *period,
                              const ShequDisclosureVersion *content,
                              gboolean                      editable,
                              gboolean                      period_editable)
{
  const ShequPolicyGuide *guide;
  g_autofree char *opening = NULL;
  g_autofree char *closing = NULL;
  gboolean finance = kind == SHEQU_DISCLOSURE_KIND_FINANCE;

  g_return_if_fail (SHEQU_IS_DISCLOSURE_EDITOR (self));
  g_return_if_fail (kind < SHEQU_DISCLOSURE_N_KINDS);

  self->loading++;
  self->kind = kind;
  guide = content != NULL ? content->guide : NULL;
  set_editable (self, editable);
  set_entry_text (self->title_entry, content != NULL ? content->title : NULL);
  set_entry_text (self->period_entry, period);
  gtk_editable_set_editable (GTK_EDITABLE (self->period_entry), period_editable);
  gtk_widget_set_can_focus (GTK_WIDGET (self->period_entry), period_editable);
  set_view_text (self->body_view, content != NULL ? content->body : NULL);

  gtk_widget_set_visible (self->finance_box, finance);
  opening = content != NULL && finance ? shequ_money_format (content->opening) : NULL;
  closing = content != NULL && finance ? shequ_money_format (content->closing) : NULL;
  set_entry_text (self->opening_entry, opening);
  set_entry_text (self->closing_entry, closing);
  shequ_finance_table_set_items (self->finance_table, content != NULL && finance ? content->items : NULL);

  gtk_widget_set_visible (self->guide_grid, kind == SHEQU_DISCLOSURE_KIND_POLICY);
  set_entry_text (self->topic_entry, guide != NULL ? guide->topic : NULL);
  set_view_text (self->guide_views[GUIDE_ELIGIBILITY], guide != NULL ? guide->eligibility : NULL);
  set_view_text (self->guide_views[GUIDE_MATERIALS], guide != NULL ? guide->materials : NULL);
  set_view_text (self->guide_views[GUIDE_STEPS], guide != NULL ? guide->steps : NULL);
  set_view_text (self->guide_views[GUIDE_CONTACTS], guide != NULL ? guide->contacts : NULL);

  reload_attachments (self, content != NULL ? content->attachments : NULL);
  update_preview (self);
  update_period_hint (self);
  update_totals (self);
  self->loading--;
  shequ_disclosure_editor_set_modified (self, FALSE);
}

ShequDisclosureKind
shequ_disclosure_editor_get_kind (ShequDisclosureEditor *self)
{
  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_EDITOR (self), SHEQU_DISCLOSURE_KIND_VILLAGE);
  return self->kind;
}

static char *
dup_view_text (GtkTextView *view)
{
  return dup_buffer_text (gtk_text_view_get_buffer (view));
}

ShequDisclosureVersion *
shequ_disclosure_editor_dup_content (ShequDisclosureEditor  *self,
                                     GError                **error)
{
  g_autoptr(ShequDisclosureVersion) v = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean bad = FALSE;

  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_EDITOR (self), NULL);

  v = shequ_disclosure_version_new ();
  g_free (v->title);
  v->title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_entry))));
  g_free (v->body);
  v->body = dup_view_text (self->body_view);
  if (self->kind == SHEQU_DISCLOSURE_KIND_FINANCE)
    {
      GPtrArray *items;

      v->opening = read_balance (self->opening_entry, &bad, &local_error);
      if (bad)
        {
          g_set_error (error, SHEQU_DISCLOSURE_ERROR, SHEQU_DISCLOSURE_ERROR_INVALID,
                       _("Opening balance: %s"), local_error->message);
          return NULL;
        }
      v->closing = read_balance (self->closing_entry, &bad, &local_error);
      if (bad)
        {
          g_set_error (error, SHEQU_DISCLOSURE_ERROR, SHEQU_DISCLOSURE_ERROR_INVALID,
                       _("Closing balance: %s"), local_error->message);
          return NULL;
        }
      if ((items = shequ_finance_table_dup_items (self->finance_table, error)) == NULL)
        return NULL;
      g_clear_pointer (&v->items, g_ptr_array_unref);
      v->items = items;
    }
  if (self->kind == SHEQU_DISCLOSURE_KIND_POLICY)
    {
      v->guide = g_new0 (ShequPolicyGuide, 1);
      v->guide->topic = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->topic_entry))));
      v->guide->eligibility = dup_view_text (self->guide_views[GUIDE_ELIGIBILITY]);
      v->guide->materials = dup_view_text (self->guide_views[GUIDE_MATERIALS]);
      v->guide->steps = dup_view_text (self->guide_views[GUIDE_STEPS]);
      v->guide->contacts = dup_view_text (self->guide_views[GUIDE_CONTACTS]);
    }
  for (guint i = 0; i < self->attachments->len; i++)
    g_ptr_array_add (v->attachments, shequ_attachment_ref_copy (g_ptr_array_index (self->attachments, i)));
  return g_steal_pointer (&v);
}

char *
shequ_disclosure_editor_dup_period (ShequDisclosureEditor *self)
{
  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_EDITOR (self), NULL);
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->period_entry))));
}

gboolean
shequ_disclosure_editor_get_modified (ShequDisclosureEditor *self)
{
  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_EDITOR (self), FALSE);
  return self->modified;
}

void
shequ_disclosure_editor_set_modified (ShequDisclosureEditor *self,
                                      gboolean               modified)
{
  g_return_if_fail (SHEQU_IS_DISCLOSURE_EDITOR (self));

  modified = !!modified;
  if (self->modified == modified)
    return;
  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

void
shequ_disclosure_editor_set_store (ShequDisclosureEditor *self,
                                   ShequDisclosureStore  *store)
{
  g_return_if_fail (SHEQU_IS_DISCLOSURE_EDITOR (self));
  g_return_if_fail (store == NULL || SHEQU_IS_DISCLOSURE_STORE (store));

  if (g_set_object (&self->store, store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/* ------------------------------------------------------------------------ */
/* Getters for the page and the tests                                        */

GtkEditable *
shequ_disclosure_editor_get_title_entry (ShequDisclosureEditor *self)
{
  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_EDITOR (self), NULL);
  return GTK_EDITABLE (self->title_entry);
}

GtkEditable *
shequ_disclosure_editor_get_period_entry (ShequDisclosureEditor *self)
{
  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_EDITOR (self), NULL);
  return GTK_EDITABLE (self->period_entry);
}

GtkEditable *
shequ_disclosure_editor_get_opening_entry (ShequDisclosureEditor *self)
{
  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_EDITOR (self), NULL);
  return GTK_EDITABLE (self->opening_entry);
}

GtkEditable *
shequ_disclosure_editor_get_closing_entry (ShequDisclosureEditor *self)
{
  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_EDITOR (self), NULL);
  return GTK_EDITABLE (self->closing_entry);
}

GtkTextBuffer *
shequ_disclosure_editor_get_body_buffer (ShequDisclosureEditor *self)
{
  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_EDITOR (self), NULL);
  return gtk_text_view_get_buffer (self->body_view);
}

ShequFinanceTable *
shequ_disclosure_editor_get_finance_table (ShequDisclosureEditor *self)
{
  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_EDITOR (self), NULL);
  return self->finance_table;
}

const char *
shequ_disclosure_editor_get_totals_text (ShequDisclosureEditor *self)
{
  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_EDITOR (self), NULL);
  return gtk_label_get_text (self->totals_label);
}

const char *
shequ_disclosure_editor_get_balance_text (ShequDisclosureEditor *self)
{
  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_EDITOR (self), NULL);
  return gtk_label_get_text (self->balance_label);
}

gboolean
shequ_disclosure_editor_get_balanced (ShequDisclosureEditor *self)
{
  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_EDITOR (self), FALSE);
  return self->balanced;
}

const char *
shequ_disclosure_editor_get_preview_markup (ShequDisclosureEditor *self)
{
  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_EDITOR (self), NULL);
  return self->preview_markup;
}

GPtrArray *
shequ_disclosure_editor_get_attachments (ShequDisclosureEditor *self)
{
  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_EDITOR (self), NULL);
  return self->attachments;
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                   */

static void
shequ_disclosure_editor_dispose (GObject *object)
{
  ShequDisclosureEditor *self = SHEQU_DISCLOSURE_EDITOR (object);

  if (self->chooser != NULL)
    shequ_file_chooser_close (self->chooser);
  g_clear_weak_pointer (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHEQU_TYPE_DISCLOSURE_EDITOR);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  g_clear_object (&self->store);
  g_clear_object (&self->captions);
  G_OBJECT_CLASS (shequ_disclosure_editor_parent_class)->dispose (object);
}

static void
shequ_disclosure_editor_finalize (GObject *object)
{
  ShequDisclosureEditor *self = SHEQU_DISCLOSURE_EDITOR (object);

  g_clear_pointer (&self->attachments, g_ptr_array_unref);
  g_free (self->preview_markup);
  G_OBJECT_CLASS (shequ_disclosure_editor_parent_class)->finalize (object);
}

static void
shequ_disclosure_editor_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  ShequDisclosureEditor *self = SHEQU_DISCLOSURE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_disclosure_editor_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  ShequDisclosureEditor *self = SHEQU_DISCLOSURE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      shequ_disclosure_editor_set_store (self, g_value_get_object (value));
      break;
    case PROP_MODIFIED:
      shequ_disclosure_editor_set_modified (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_disclosure_editor_class_init (ShequDisclosureEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = shequ_disclosure_editor_dispose;
  object_class->finalize = shequ_disclosure_editor_finalize;
  object_class->get_property = shequ_disclosure_editor_get_property;
  object_class->set_property = shequ_disclosure_editor_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, SHEQU_TYPE_DISCLOSURE_STORE, flags);
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);

  g_type_ensure (SHEQU_TYPE_FINANCE_TABLE);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/shequ/Shequ/ui/shequ-disclosure-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ShequDisclosureEditor, head_grid);
  gtk_widget_class_bind_template_child (widget_class, ShequDisclosureEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, ShequDisclosureEditor, period_label);
  gtk_widget_class_bind_template_child (widget_class, ShequDisclosureEditor, body_box);
  gtk_widget_class_bind_template_child (widget_class, ShequDisclosureEditor, finance_box);
  gtk_widget_class_bind_template_child (widget_class, ShequDisclosureEditor, guide_grid);
  gtk_widget_class_bind_template_child (widget_class, ShequDisclosureEditor, attachments_box);
  gtk_widget_class_bind_template_child (widget_class, ShequDisclosureEditor, title_entry);
  gtk_widget_class_bind_template_child (widget_class, ShequDisclosureEditor, period_entry);
  gtk_widget_class_bind_template_child (widget_class, ShequDisclosureEditor, period_hint);
  gtk_widget_class_bind_template_child (widget_class, ShequDisclosureEditor, body_view);
  gtk_widget_class_bind_template_child (widget_class, ShequDisclosureEditor, preview_label);
  gtk_widget_class_bind_template_child (widget_class, ShequDisclosureEditor, opening_entry);
  gtk_widget_class_bind_template_child (widget_class, ShequDisclosureEditor, closing_entry);
  gtk_widget_class_bind_template_child (widget_class, ShequDisclosureEditor, finance_table);
  gtk_widget_class_bind_template_child (widget_class, ShequDisclosureEditor, totals_label);
  gtk_widget_class_bind_template_child (widget_class, ShequDisclosureEditor, balance_label);
  gtk_widget_class_bind_template_child (widget_class, ShequDisclosureEditor, attachments_list);
  gtk_widget_class_bind_template_child (widget_class, ShequDisclosureEditor, attachments_empty);
  gtk_widget_class_bind_template_child (widget_class, ShequDisclosureEditor, attach_button);
}

static void
shequ_disclosure_editor_init (ShequDisclosureEditor *self)
{
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));
  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 18);

  self->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) shequ_attachment_ref_free);
  self->editable = TRUE;
  self->captions = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  gtk_size_group_add_widget (self->captions, self->title_label);
  gtk_size_group_add_widget (self->captions, self->period_label);
  build_guide (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->preview_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Preview"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->attachments_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Attachments"), -1);

  g_signal_connect_swapped (self->title_entry, "changed", G_CALLBACK (on_edited), self);
  g_signal_connect_swapped (self->period_entry, "changed", G_CALLBACK (update_period_hint), self);
  g_signal_connect_swapped (self->period_entry, "changed", G_CALLBACK (on_edited), self);
  g_signal_connect_swapped (self->opening_entry, "changed", G_CALLBACK (on_edited), self);
  g_signal_connect_swapped (self->closing_entry, "changed", G_CALLBACK (on_edited), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->body_view), "changed",
                            G_CALLBACK (on_body_changed), self);
  g_signal_connect_swapped (self->finance_table, "changed", G_CALLBACK (on_edited), self);
  g_signal_connect_swapped (self->attach_button, "clicked", G_CALLBACK (on_attach_clicked), self);
  update_preview (self);
  update_period_hint (self);
  shequ_accessible_clean_mnemonics (GTK_WIDGET (self));
}

GtkWidget *
shequ_disclosure_editor_new (void)
{
  return g_object_new (SHEQU_TYPE_DISCLOSURE_EDITOR, NULL);
}
