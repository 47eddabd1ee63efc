/* shequ-finance-table.c — a finance disclosure's lines, edited as typed, with live totals */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-finance-table"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-finance-table.h"
#include "shequ-text.h"

/* ------------------------------------------------------------------------ */
/* ShequFinanceLine                                                          */

struct _ShequFinanceLine
{
  GObject  parent_instance;

  guint    direction;
  char    *category;
  char    *amount_text;
  char    *note;
};

enum {
  LINE_PROP_0,
  LINE_PROP_DIRECTION,
  LINE_PROP_CATEGORY,
  LINE_PROP_AMOUNT_TEXT,
  LINE_PROP_NOTE,
  N_LINE_PROPS
};

static GParamSpec *line_properties[N_LINE_PROPS];

G_DEFINE_FINAL_TYPE (ShequFinanceLine, shequ_finance_line, G_TYPE_OBJECT)

static void
shequ_finance_line_finalize (GObject *object)
{
  ShequFinanceLine *self = SHEQU_FINANCE_LINE (object);

  g_free (self->category);
  g_free (self->amount_text);
  g_free (self->note);
  G_OBJECT_CLASS (shequ_finance_line_parent_class)->finalize (object);
}

static char **
line_string_field (ShequFinanceLine *self,
                   guint             prop_id)
{
  switch (prop_id)
    {
    case LINE_PROP_CATEGORY:
      return &self->category;
    case LINE_PROP_AMOUNT_TEXT:
      return &self->amount_text;
    case LINE_PROP_NOTE:
      return &self->note;
    default:
      return NULL;
    }
}

static void
shequ_finance_line_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ShequFinanceLine *self = SHEQU_FINANCE_LINE (object);
  char **field = line_string_field (self, prop_id);

  if (prop_id == LINE_PROP_DIRECTION)
    g_value_set_uint (value, self->direction);
  else if (field != NULL)
    g_value_set_string (value, *field != NULL ? *field : "");
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
shequ_finance_line_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ShequFinanceLine *self = SHEQU_FINANCE_LINE (object);
  char **field = line_string_field (self, prop_id);

  if (prop_id == LINE_PROP_DIRECTION)
    {
      guint direction = MIN (g_value_get_uint (value), SHEQU_FINANCE_N_DIRECTIONS - 1);

      if (direction != self->direction)
        {
          self->direction = direction;
          g_object_notify_by_pspec (object, pspec);
        }
    }
  else if (field != NULL)
    {
      const char *text = g_value_get_string (value);

      if (g_strcmp0 (*field, text != NULL ? text : "") != 0)
        {
          g_free (*field);
          *field = g_strdup (text != NULL ? text : "");
          g_object_notify_by_pspec (object, pspec);
        }
    }
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
shequ_finance_line_class_init (ShequFinanceLineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = shequ_finance_line_finalize;
  object_class->get_property = shequ_finance_line_get_property;
  object_class->set_property = shequ_finance_line_set_property;

  line_properties[LINE_PROP_DIRECTION] =
    g_param_spec_uint ("direction", NULL, NULL, 0, SHEQU_FINANCE_N_DIRECTIONS - 1,
                       SHEQU_FINANCE_EXPENSE, flags);
  line_properties[LINE_PROP_CATEGORY] = g_param_spec_string ("category", NULL, NULL, "", flags);
  line_properties[LINE_PROP_AMOUNT_TEXT] = g_param_spec_string ("amount-text", NULL, NULL, "", flags);
  line_properties[LINE_PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, "", flags);
  g_object_class_install_properties (object_class, N_LINE_PROPS, line_properties);
}

static void
shequ_finance_line_init (ShequFinanceLine *self)
{
  self->direction = SHEQU_FINANCE_EXPENSE;
  self->category = g_strdup ("");
  self->amount_text = g_strdup ("");
  self->note = g_strdup ("");
}

ShequFinanceLine *
shequ_finance_line_new (ShequFinanceDirection  direction,
                        const char            *category,
                        const char            *amount_text,
                        const char            *note)
{
  g_return_val_if_fail (direction < SHEQU_FINANCE_N_DIRECTIONS, NULL);

  return g_object_new (SHEQU_TYPE_FINANCE_LINE,
                       "direction", (guint) direction,
                       "category", category,
                       "amount-text", amount_text,
                       "note", note,
                       NULL);
}

ShequFinanceDirection
shequ_finance_line_get_direction (ShequFinanceLine *self)
{
  g_return_val_if_fail (SHEQU_IS_FINANCE_LINE (self), SHEQU_FINANCE_EXPENSE);
  return self->direction;
}

const char *
shequ_finance_line_get_category (ShequFinanceLine *self)
{
  g_return_val_if_fail (SHEQU_IS_FINANCE_LINE (self), NULL);
  return self->category;
}

const char *
shequ_finance_line_get_amount_text (ShequFinanceLine *self)
{
  g_return_val_if_fail (SHEQU_IS_FINANCE_LINE (self), NULL);
  return self->amount_text;
}

const char *
shequ_finance_line_get_note (ShequFinanceLine *self)
{
  g_return_val_if_fail (SHEQU_IS_FINANCE_LINE (self), NULL);
  return self->note;
}

gboolean
shequ_finance_line_get_amount (ShequFinanceLine  *self,
                               ShequFen          *fen,
                               GError           **error)
{
  ShequFen amount = 0;

  g_return_val_if_fail (SHEQU_IS_FINANCE_LINE (self), FALSE);
  g_return_val_if_fail (fen != NULL, FALSE);

  if (!shequ_money_parse (self->amount_text, SHEQU_MONEY_PARSE_NONE, &amount, error))
    return FALSE;
  if (amount <= 0)
    {
      g_set_error (error, SHEQU_MONEY_ERROR, SHEQU_MONEY_ERROR_RANGE,
                   _("An amount must be more than zero: “%s”"), self->amount_text);
      return FALSE;
    }
  *fen = amount;
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* ShequFinanceTable                                                         */

struct _ShequFinanceTable
{
  GtkWidget     parent_instance;

  GListStore   *lines;
  GPtrArray    *rows;          /* GtkWidget, one per line, in order */
  GtkWidget    *header;
  GtkWidget    *rows_box;
  GtkWidget    *empty_label;
  GtkWidget    *add_button;
  GtkSizeGroup *columns[4];    /* direction, category, amount, note */
  gboolean      editable;
};

enum {
  PROP_0,
  PROP_EDITABLE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ShequFinanceTable, shequ_finance_table, GTK_TYPE_WIDGET)

static void
mark_amount (GtkEntry         *entry,
             ShequFinanceLine *line)
{
  g_autoptr(GError) error = NULL;
  ShequFen fen;
  gboolean bad = *line->amount_text != '\0' && !shequ_finance_line_get_amount (line, &fen, &error);

  if (bad)
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (entry), bad ? error->message : NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  bad ? error->message : "", -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                               bad ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE, -1);
}

static void
on_line_notify (ShequFinanceLine *line,
                GParamSpec       *pspec,
                GtkWidget        *row)
{
  ShequFinanceTable *self = g_object_get_data (G_OBJECT (row), "shequ-table");

  if (g_str_equal (pspec->name, "amount-text"))
    mark_amount (g_object_get_data (G_OBJECT (row), "shequ-amount"), line);
  if (self != NULL)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_remove_clicked (GtkButton *button,
                   GtkWidget *row)
{
  ShequFinanceTable *self = g_object_get_data (G_OBJECT (row), "shequ-table");
  ShequFinanceLine *line = g_object_get_data (G_OBJECT (row), "shequ-line");
  guint position;

  if (self != NULL && g_list_store_find (self->lines, line, &position))
    shequ_finance_table_remove_line (self, position);
}

static GtkWidget *
add_entry (ShequFinanceTable *self,
           GtkWidget         *row,
           ShequFinanceLine  *line,
           const char        *property,
           const char        *name,
           guint              column)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_editable_set_editable (GTK_EDITABLE (entry), self->editable);
  g_object_bind_property (line, property, entry, "text",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_size_group_add_widget (self->columns[column], entry);
  gtk_box_append (GTK_BOX (row), entry);
  return entry;
}

static GtkWidget *
make_row (ShequFinanceTable *self,
          ShequFinanceLine  *line)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  const char *directions[SHEQU_FINANCE_N_DIRECTIONS + 1] = { NULL };
  GtkWidget *direction, *amount, *remove;

  for (guint i = 0; i < SHEQU_FINANCE_N_DIRECTIONS; i++)
    directions[i] = shequ_finance_direction_get_label (i);
  direction = gtk_drop_down_new_from_strings (directions);
  gtk_accessible_update_property (GTK_ACCESSIBLE (direction), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Income or expense"), -1);
  g_object_bind_property (line, "direction", direction, "selected",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_widget_set_sensitive (direction, self->editable);
  gtk_size_group_add_widget (self->columns[0], direction);
  gtk_box_append (GTK_BOX (row), direction);

  gtk_widget_set_hexpand (add_entry (self, row, line, "category", _("Category"), 1), TRUE);
  amount = add_entry (self, row, line, "amount-text", _("Amount (yuan)"), 2);
  gtk_entry_set_alignment (GTK_ENTRY (amount), 1.0);
  gtk_entry_set_input_purpose (GTK_ENTRY (amount), GTK_INPUT_PURPOSE_NUMBER);
  gtk_widget_add_css_class (amount, "numeric");
  gtk_widget_set_hexpand (add_entry (self, row, line, "note", _("Note"), 3), TRUE);

  remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove This Line"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove This Line"), -1);
  gtk_widget_set_visible (remove, self->editable);
  gtk_box_append (GTK_BOX (row), remove);

  g_object_set_data (G_OBJECT (row), "shequ-table", self);
  g_object_set_data_full (G_OBJECT (row), "shequ-line", g_object_ref (line), g_object_unref);
  g_object_set_data (G_OBJECT (row), "shequ-amount", amount);
  g_object_set_data (G_OBJECT (row), "shequ-direction", direction);
  g_object_set_data (G_OBJECT (row), "shequ-remove", remove);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked), row);
  g_signal_connect_object (line, "notify", G_CALLBACK (on_line_notify), row, 0);
  mark_amount (GTK_ENTRY (amount), line);
  return row;
}

static void
on_lines_changed (ShequFinanceTable *self,
                  guint              position,
                  guint              removed,
                  guint              added)
{
  GtkWidget *before = position > 0 ? g_ptr_array_index (self->rows, position - 1) : NULL;

  for (guint i = 0; i < removed; i++)
    {
      GtkWidget *row = g_ptr_array_steal_index (self->rows, position);

      g_object_set_data (G_OBJECT (row), "shequ-table", NULL);
      gtk_box_remove (GTK_BOX (self->rows_box), row);
    }
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(ShequFinanceLine) line = g_list_model_get_item (G_LIST_MODEL (self->lines),
                                                                position + i);
      GtkWidget *row = make_row (self, line);

      gtk_box_insert_child_after (GTK_BOX (self->rows_box), row, before);
      g_ptr_array_insert (self->rows, position + i, row);
      before = row;
    }
  gtk_widget_set_visible (self->empty_label, self->rows->len == 0);
  gtk_widget_set_visible (self->header, self->rows->len > 0);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_add_clicked (ShequFinanceTable *self)
{
  ShequFinanceLine *line = shequ_finance_table_add_line (self);
  GtkWidget *row = g_ptr_array_index (self->rows, self->rows->len - 1);

  g_assert (line != NULL);
  /* The keyboard goes on into the new line: its category. */
  gtk_widget_grab_focus (gtk_widget_get_next_sibling (gtk_widget_get_first_child (row)));
}

static GtkWidget *
make_header (ShequFinanceTable *self)
{
  const char *titles[] = { N_("Direction"), N_("Category"), N_("Amount (yuan)"), N_("Note") };
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      GtkWidget *label = gtk_label_new (_(titles[i]));

      gtk_label_set_xalign (GTK_LABEL (label), i == 2 ? 1.0 : 0.0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_set_hexpand (label, i == 1 || i == 3);
      gtk_size_group_add_widget (self->columns[i], label);
      gtk_box_append (GTK_BOX (header), label);
    }
  /* As wide as a row's Remove button, so the columns line up. */
  gtk_box_append (GTK_BOX (header), g_object_new (GTK_TYPE_BOX, "width-request", 34, NULL));
  gtk_widget_set_visible (header, FALSE);
  return header;
}

static void
shequ_finance_table_dispose (GObject *object)
{
  ShequFinanceTable *self = SHEQU_FINANCE_TABLE (object);
  GtkWidget *child;

  if (self->lines != NULL)
    g_signal_handlers_disconnect_by_data (self->lines, self);
  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    g_object_set_data (g_ptr_array_index (self->rows, i), "shequ-table", NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->lines);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->columns); i++)
    g_clear_object (&self->columns[i]);
  G_OBJECT_CLASS (shequ_finance_table_parent_class)->dispose (object);
}

static void
shequ_finance_table_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ShequFinanceTable *self = SHEQU_FINANCE_TABLE (object);

  switch (prop_id)
    {
    case PROP_EDITABLE:
      g_value_set_boolean (value, self->editable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_finance_table_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ShequFinanceTable *self = SHEQU_FINANCE_TABLE (object);

  switch (prop_id)
    {
    case PROP_EDITABLE:
      shequ_finance_table_set_editable (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_finance_table_class_init (ShequFinanceTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shequ_finance_table_dispose;
  object_class->get_property = shequ_finance_table_get_property;
  object_class->set_property = shequ_finance_table_set_property;

  properties[PROP_EDITABLE] =
    g_param_spec_boolean ("editable", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "shequ-finance-table");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
shequ_finance_table_init (ShequFinanceTable *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);
  self->editable = TRUE;
  self->rows = g_ptr_array_new ();
  self->lines = g_list_store_new (SHEQU_TYPE_FINANCE_LINE);
  for (guint i = 0; i < G_N_ELEMENTS (self->columns); i++)
    self->columns[i] = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);

  self->header = make_header (self);
  gtk_widget_set_parent (self->header, GTK_WIDGET (self));
  self->rows_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->rows_box, GTK_WIDGET (self));
  self->empty_label = gtk_label_new (_("No lines yet. Add the income and expenses of the period."));
  gtk_label_set_xalign (GTK_LABEL (self->empty_label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (self->empty_label), TRUE);
  gtk_widget_add_css_class (self->empty_label, "dim-label");
  gtk_widget_set_parent (self->empty_label, GTK_WIDGET (self));
  self->add_button = gtk_button_new_with_mnemonic (_("Add _Line"));
  gtk_widget_set_halign (self->add_button, GTK_ALIGN_START);
  gtk_widget_set_parent (self->add_button, GTK_WIDGET (self));
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (on_add_clicked), self);
  g_signal_connect_object (self->lines, "items-changed", G_CALLBACK (on_lines_changed), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
shequ_finance_table_new (void)
{
  return g_object_new (SHEQU_TYPE_FINANCE_TABLE, NULL);
}

GListModel *
shequ_finance_table_get_lines (ShequFinanceTable *self)
{
  g_return_val_if_fail (SHEQU_IS_FINANCE_TABLE (self), NULL);
  return G_LIST_MODEL (self->lines);
}

void
shequ_finance_table_set_items (ShequFinanceTable *self,
                               GPtrArray         *items)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (SHEQU_IS_FINANCE_TABLE (self));

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      const ShequFinanceItem *item = g_ptr_array_index (items, i);
      g_autofree char *amount = shequ_money_format (item->amount);

      g_ptr_array_add (lines, shequ_finance_line_new (item->direction, item->category, amount,
                                                      item->note));
    }
  g_list_store_splice (self->lines, 0, g_list_model_get_n_items (G_LIST_MODEL (self->lines)),
                       lines->pdata, lines->len);
}

GPtrArray *
shequ_finance_table_dup_items (ShequFinanceTable  *self,
                               GError            **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) shequ_finance_item_free);
  guint n;

  g_return_val_if_fail (SHEQU_IS_FINANCE_TABLE (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->lines));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShequFinanceLine) line = g_list_model_get_item (G_LIST_MODEL (self->lines), i);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *category = g_strstrip (g_strdup (line->category));
      g_autofree char *note = g_strstrip (g_strdup (line->note));
      ShequFen fen = 0;

      if (shequ_text_is_blank (line->category) && shequ_text_is_blank (line->amount_text) &&
          shequ_text_is_blank (line->note))
        continue;
      if (!shequ_finance_line_get_amount (line, &fen, &local_error))
        {
          /* Translators: %u is a line's number in the finance table, %s why it does not read */
          g_set_error (error, SHEQU_DISCLOSURE_ERROR, SHEQU_DISCLOSURE_ERROR_INVALID,
                       _("Line %u: %s"), i + 1, local_error->message);
          return NULL;
        }
      g_ptr_array_add (items, shequ_finance_item_new (line->direction, category, fen, note));
    }
  return g_steal_pointer (&items);
}

ShequFinanceLine *
shequ_finance_table_add_line (ShequFinanceTable *self)
{
  g_autoptr(ShequFinanceLine) line = NULL;

  g_return_val_if_fail (SHEQU_IS_FINANCE_TABLE (self), NULL);

  line = shequ_finance_line_new (SHEQU_FINANCE_EXPENSE, "", "", "");
  g_list_store_append (self->lines, line);
  return line;
}

void
shequ_finance_table_remove_line (ShequFinanceTable *self,
                                 guint              position)
{
  g_return_if_fail (SHEQU_IS_FINANCE_TABLE (self));
  g_return_if_fail (position < g_list_model_get_n_items (G_LIST_MODEL (self->lines)));

  g_list_store_remove (self->lines, position);
}

void
shequ_finance_table_get_totals (ShequFinanceTable *self,
                                ShequFen          *income,
                                ShequFen          *expense,
                                guint             *n_bad)
{
  ShequFen sums[SHEQU_FINANCE_N_DIRECTIONS] = { 0, 0 };
  guint bad = 0;
  guint n;

  g_return_if_fail (SHEQU_IS_FINANCE_TABLE (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->lines));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShequFinanceLine) line = g_list_model_get_item (G_LIST_MODEL (self->lines), i);
      ShequFen fen;

      if (shequ_text_is_blank (line->amount_text))
        continue;
      if (!shequ_finance_line_get_amount (line, &fen, NULL) ||
          !shequ_money_add (sums[line->direction], fen, &sums[line->direction]))
        bad++;
    }
  if (income != NULL)
    *income = sums[SHEQU_FINANCE_INCOME];
  if (expense != NULL)
    *expense = sums[SHEQU_FINANCE_EXPENSE];
  if (n_bad != NULL)
    *n_bad = bad;
}

gboolean
shequ_finance_table_get_editable (ShequFinanceTable *self)
{
  g_return_val_if_fail (SHEQU_IS_FINANCE_TABLE (self), FALSE);
  return self->editable;
}

void
shequ_finance_table_set_editable (ShequFinanceTable *self,
                                  gboolean           editable)
{
  g_return_if_fail (SHEQU_IS_FINANCE_TABLE (self));

  editable = !!editable;
  if (self->editable == editable)
    return;
  self->editable = editable;
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      for (GtkWidget *child = gtk_widget_get_first_child (row); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (GTK_IS_EDITABLE (child))
          gtk_editable_set_editable (GTK_EDITABLE (child), editable);
      gtk_widget_set_sensitive (g_object_get_data (G_OBJECT (row), "shequ-direction"), editable);
      gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "shequ-remove"), editable);
    }
  gtk_widget_set_visible (self->add_button, editable);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITABLE]);
}
