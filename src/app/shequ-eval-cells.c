/* shequ-eval-cells.c — the evaluation lists' columns: labels, numbers and band chips */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-eval-cells"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-app-util.h"
#include "shequ-band-chip.h"
#include "shequ-eval-cells.h"

typedef struct {
  ShequEvalCellKind kind;
  ShequEvalCellBind bind;
  gpointer          user_data;
} Column;

static void
on_setup (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          Column                   *column)
{
  GtkWidget *child;

  if (column->kind == SHEQU_EVAL_CELL_CHIP)
    child = shequ_band_chip_new (SHEQU_BAND_NONE);
  else if (column->kind == SHEQU_EVAL_CELL_NUMBER_CHIP)
    {
      GtkWidget *number = gtk_label_new (NULL);
      GtkWidget *chip = shequ_band_chip_new (SHEQU_BAND_NONE);

      child = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_label_set_xalign (GTK_LABEL (number), 1);
      gtk_label_set_width_chars (GTK_LABEL (number), 3);
      gtk_widget_add_css_class (number, "numeric");
      gtk_box_append (GTK_BOX (child), number);
      gtk_widget_set_valign (chip, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (child), chip);
    }
  else
    {
      child = gtk_label_new (NULL);
      gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
      gtk_label_set_xalign (GTK_LABEL (child), column->kind == SHEQU_EVAL_CELL_NUMBER ? 1 : 0);
      if (column->kind == SHEQU_EVAL_CELL_NUMBER)
        gtk_widget_add_css_class (child, "numeric");
    }
  gtk_list_item_set_child (item, child);
}

static void
on_bind (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         Column                   *column)
{
  column->bind (gtk_list_item_get_child (item), gtk_list_item_get_item (item), column->user_data);
}

GtkColumnViewColumn *
shequ_eval_add_column (GtkColumnView     *view,
                       const char        *title,
                       int                width,
                       gboolean           expand,
                       ShequEvalCellKind  kind,
                       ShequEvalCellBind  bind,
                       gpointer           user_data)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;
  Column *info = g_new0 (Column, 1);

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), NULL);
  g_return_val_if_fail (bind != NULL, NULL);

  info->kind = kind;
  info->bind = bind;
  info->user_data = user_data;
  g_object_set_data_full (G_OBJECT (factory), "shequ-eval-column", info, g_free);
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup), info);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind), info);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  if (width > 0)
    gtk_column_view_column_set_fixed_width (column, width);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_append_column (view, column);
  g_object_unref (column);
  return column;
}

static void
on_cell_map (GtkWidget *cell)
{
  const char *label = g_object_get_data (G_OBJECT (cell), "shequ-row-label");
  GtkWidget *row = shequ_cell_get_row_widget (cell);

  if (row != NULL && label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

void
shequ_eval_cell_name_row (GtkWidget  *cell,
                          const char *label)
{
  g_return_if_fail (GTK_IS_WIDGET (cell));

  /* A new row is bound before it is put in the list: the name goes on when shown. */
  if (g_object_get_data (G_OBJECT (cell), "shequ-row-label-hooked") == NULL)
    {
      g_object_set_data (G_OBJECT (cell), "shequ-row-label-hooked", GINT_TO_POINTER (1));
      g_signal_connect (cell, "map", G_CALLBACK (on_cell_map), NULL);
    }
  g_object_set_data_full (G_OBJECT (cell), "shequ-row-label", g_strdup (label), g_free);
  on_cell_map (cell);
}

char *
shequ_eval_format_band_counts (const guint *n_band)
{
  static const ShequBand order[] = {
    SHEQU_BAND_GREEN, SHEQU_BAND_ORANGE, SHEQU_BAND_RED, SHEQU_BAND_NONE,
  };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      if (n_band[order[i]] == 0 && order[i] == SHEQU_BAND_NONE)
        continue;
      if (text->len > 0)
        g_string_append (text, " · ");
      /* Translators: a band and how many are in it, "绿 12" */
      g_string_append_printf (text, C_("band count", "%s %u"),
                              shequ_band_get_label (order[i]), n_band[order[i]]);
    }
  return g_string_free (text, FALSE);
}

ShequEvalKind
shequ_eval_period_get_kind (ShequEvalStore *store,
                            gint64          period_id)
{
  const ShequPeriodRow *period = shequ_eval_store_lookup_period (store, period_id);
  const ShequEvalSetDef *set = period != NULL ? shequ_eval_store_lookup_set (store, period->set_id)
                                              : NULL;

  return set != NULL ? set->set->kind : SHEQU_EVAL_KIND_COMMUNITY;
}

char *
shequ_eval_format_period (ShequEvalStore       *store,
                          const ShequPeriodRow *period)
{
  ShequEvalKind kind = shequ_eval_period_get_kind (store, period->id);
  const char *kind_label = shequ_eval_kind_get_label (kind);

  /* "2026年第三季度干部考评" says what it grades already. */
  if (kind_label != NULL && *kind_label != '\0' && strstr (period->label, kind_label) != NULL)
    return g_strdup (period->label);
  /* Translators: a period in a drop-down and what it grades, "2026年第三季度 · 社区" */
  return g_strdup_printf (C_("period", "%s · %s"), period->label, shequ_eval_kind_get_label (kind));
}

gint64
shequ_eval_get_newest_closed_period (ShequEvalStore *store,
                                     ShequEvalKind   kind)
{
  GPtrArray *periods;

  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (store), 0);

  periods = shequ_eval_store_get_periods (store);
  for (guint i = periods->len; i-- > 0;)
    {
      const ShequPeriodRow *period = g_ptr_array_index (periods, i);

      if (period->state == SHEQU_PERIOD_STATE_CLOSED &&
          shequ_eval_period_get_kind (store, period->id) == kind)
        return period->id;
    }
  return 0;
}

char *
shequ_eval_format_time (const char *iso)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(GDateTime) utc = iso != NULL ? g_date_time_new_from_iso8601 (iso, tz) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (iso != NULL ? iso : "");
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}
