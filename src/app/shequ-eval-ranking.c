/* shequ-eval-ranking.c — a period's targets in rank order, with their bands and moves */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-eval-ranking"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "shequ-app-util.h"
#include "shequ-band-chip.h"
#include "shequ-eval-cells.h"
#include "shequ-eval-ranking.h"
#include "shequ-eval-summary.h"

struct _ShequEvalRanking
{
  GtkWidget           parent_instance;

  ShequEvalStore     *store;
  ShequOrgStore      *org;             /* the store's */
  GArray             *period_ids;      /* gint64, in the drop-down's order */
  GListStore         *rows;            /* ShequEvalRow, in rank order */
  GListStore         *unit_rows;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  char               *needle;          /* casefolded search, nullable */
  ShequBand           band_filter;     /* SHEQU_N_BANDS: all */
  char               *summary;
  gboolean            filling_periods;

  GtkDropDown        *period_dropdown;
  GtkDropDown        *band_dropdown;
  GtkSearchEntry     *search_entry;
  GtkToggleButton    *units_button;
  GtkLabel           *summary_label;
  GtkStack           *stack;
  GtkColumnView      *column_view;
  GtkColumnView      *units_view;
  GtkColumnViewColumn *unit_column;
};

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  TARGET_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ShequEvalRanking, shequ_eval_ranking, GTK_TYPE_WIDGET)

/* The band filter's entries, in its order. */
static const int band_filter_bands[] = {
  SHEQU_N_BANDS, SHEQU_BAND_GREEN, SHEQU_BAND_ORANGE, SHEQU_BAND_RED, SHEQU_BAND_NONE,
};

/* ------------------------------------------------------------------ cells */

static void
bind_rank (GtkWidget    *cell,
           ShequEvalRow *row,
           gpointer      user_data)
{
  g_autofree char *text = row->rank > 0 ? g_strdup_printf ("%u", row->rank) : g_strdup ("—");

  gtk_label_set_text (GTK_LABEL (cell), text);
}

/* "↑" with "Up from 5th" for a screen reader and in the tooltip. */
static void
bind_move (GtkWidget    *cell,
           ShequEvalRow *row,
           gpointer      user_data)
{
  g_autofree char *tip = NULL;
  const char *arrow = "";

  gtk_widget_remove_css_class (cell, "success");
  gtk_widget_remove_css_class (cell, "error");
  if (row->rank == 0)
    tip = g_strdup (_("Not graded in this period"));
  else if (row->previous_rank == 0)
    tip = g_strdup (_("Not graded in the period before"));
  else if (row->rank < row->previous_rank)
    {
      arrow = "↑";
      /* Translators: a rank that rose; %u is the rank in the period before */
      tip = g_strdup_printf (_("Up from rank %u"), row->previous_rank);
      gtk_widget_add_css_class (cell, "success");
    }
  else if (row->rank > row->previous_rank)
    {
      arrow = "↓";
      /* Translators: a rank that fell; %u is the rank in the period before */
      tip = g_strdup_printf (_("Down from rank %u"), row->previous_rank);
      gtk_widget_add_css_class (cell, "error");
    }
  else
    {
      arrow = "–";
      /* Translators: a rank that stayed; %u is the rank in the period before too */
      tip = g_strdup_printf (_("Same rank as before (%u)"), row->previous_rank);
    }
  gtk_label_set_text (GTK_LABEL (cell), arrow);
  gtk_widget_set_tooltip_text (cell, tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
}

static void
bind_name (GtkWidget    *cell,
           ShequEvalRow *row,
           gpointer      user_data)
{
  g_autofree char *total = shequ_eval_format_total (row->total, 2);
  g_autofree char *label = NULL;

  gtk_label_set_text (GTK_LABEL (cell), row->name);
  /* Translators: how a screen reader reads a row of the ranking: rank, name, unit,
   * total, band ("3, 张三, 城东社区, 86.50, 绿") */
  label = g_strdup_printf (_("%u, %s, %s, %s, %s"), row->rank, row->name,
                           row->detail != NULL ? row->detail : "", total,
                           shequ_band_get_label (row->band));
  shequ_eval_cell_name_row (cell, label);
}

static void
bind_detail (GtkWidget    *cell,
             ShequEvalRow *row,
             gpointer      user_data)
{
  gtk_label_set_text (GTK_LABEL (cell), row->detail != NULL ? row->detail : "");
}

static void
bind_total (GtkWidget    *cell,
            ShequEvalRow *row,
            gpointer      user_data)
{
  g_autofree char *text = shequ_eval_format_total (row->total, 2);

  gtk_label_set_text (GTK_LABEL (cell), text);
}

/* The rank in the period before, and its band beside it when the band has changed. */
static void
bind_previous (GtkWidget    *cell,
               ShequEvalRow *row,
               gpointer      user_data)
{
  GtkWidget *number = gtk_widget_get_first_child (cell);
  GtkWidget *chip = gtk_widget_get_next_sibling (number);
  g_autofree char *text = row->previous_rank > 0 ? g_strdup_printf ("%u", row->previous_rank)
                                                 : g_strdup ("—");
  gboolean changed = row->previous_rank > 0 && row->previous_band != row->band;

  gtk_label_set_text (GTK_LABEL (number), text);
  shequ_band_chip_set_band (SHEQU_BAND_CHIP (chip), row->previous_band);
  gtk_widget_set_visible (chip, changed);
}

static void
bind_band (GtkWidget    *cell,
           ShequEvalRow *row,
           gpointer      user_data)
{
  shequ_band_chip_set_band (SHEQU_BAND_CHIP (cell), row->band);
}

static void
bind_unit_name (GtkWidget    *cell,
                ShequEvalRow *row,
                gpointer      user_data)
{
  g_autofree char *mean = shequ_eval_format_total (row->total, 2);
  g_autofree char *counts = shequ_eval_format_band_counts (row->n_band);
  g_autofree char *label = NULL;

  gtk_label_set_text (GTK_LABEL (cell), row->name);
  /* Translators: how a screen reader reads a row of the roll-up: unit, mean, counts */
  label = g_strdup_printf (_("%s, mean %s, %s"), row->name, mean, counts);
  shequ_eval_cell_name_row (cell, label);
}

static void
bind_unit_count (GtkWidget    *cell,
                 ShequEvalRow *row,
                 gpointer      user_data)
{
  g_autofree char *text = g_strdup_printf ("%u", row->n_targets);

  gtk_label_set_text (GTK_LABEL (cell), text);
}

static void
bind_unit_counts (GtkWidget    *cell,
                  ShequEvalRow *row,
                  gpointer      user_data)
{
  g_autofree char *text = shequ_eval_format_band_counts (row->n_band);

  gtk_label_set_text (GTK_LABEL (cell), text);
}

static void
add_columns (ShequEvalRanking *self)
{
  GtkColumnView *view = self->column_view;

  shequ_eval_add_column (view, C_("eval column", "Rank"), 64, FALSE, SHEQU_EVAL_CELL_NUMBER,
                         bind_rank, self);
  shequ_eval_add_column (view, C_("eval column", "Change"), 64, FALSE, SHEQU_EVAL_CELL_TEXT,
                         bind_move, self);
  /* The name and the unit share the room left. */
  shequ_eval_add_column (view, C_("eval column", "Name"), 200, TRUE, SHEQU_EVAL_CELL_TEXT,
                         bind_name, self);
  self->unit_column = shequ_eval_add_column (view, C_("eval column", "Unit"), 240, TRUE,
                                             SHEQU_EVAL_CELL_TEXT, bind_detail, self);
  shequ_eval_add_column (view, C_("eval column", "Total"), 90, FALSE, SHEQU_EVAL_CELL_NUMBER,
                         bind_total, self);
  shequ_eval_add_column (view, C_("eval column", "Band"), 90, FALSE, SHEQU_EVAL_CELL_CHIP,
                         bind_band, self);
  shequ_eval_add_column (view, C_("eval column", "Previous"), 120, FALSE,
                         SHEQU_EVAL_CELL_NUMBER_CHIP, bind_previous, self);

  view = self->units_view;
  shequ_eval_add_column (view, C_("eval column", "Unit"), 220, FALSE, SHEQU_EVAL_CELL_TEXT,
                         bind_unit_name, self);
  shequ_eval_add_column (view, C_("eval column", "Graded"), 90, FALSE, SHEQU_EVAL_CELL_NUMBER,
                         bind_unit_count, self);
  shequ_eval_add_column (view, C_("eval column", "Mean"), 90, FALSE, SHEQU_EVAL_CELL_NUMBER,
                         bind_total, self);
  shequ_eval_add_column (view, C_("eval column", "Band"), 90, FALSE, SHEQU_EVAL_CELL_CHIP,
                         bind_band, self);
  shequ_eval_add_column (view, C_("eval column", "Bands"), 240, TRUE, SHEQU_EVAL_CELL_TEXT,
                         bind_unit_counts, self);
}

/* ------------------------------------------------------------------ filling */

static const char *
unit_name (ShequEvalRanking *self,
           gint64            unit_id)
{
  ShequUnit *unit = self->org != NULL && unit_id != 0 ? shequ_org_store_lookup_unit (self->org, unit_id)
                                                      : NULL;

  return unit != NULL ? shequ_unit_get_name (unit) : NULL;
}

static ShequEvalRow *
make_target_row (ShequEvalRanking         *self,
                 gint64                    period_id,
                 const ShequEvalTargetRow *target,
                 const ShequEvalResults   *results,
                 guint                     index)
{
  ShequEvalRow *row = shequ_eval_row_new ();
  const char *area;

  row->id = row->target_id = target->id;
  row->period_id = period_id;
  row->rank = results->rank[index];
  row->total = results->total[index];
  row->band = results->band[index];
  row->name = g_strdup (target->name);
  row->previous_band = SHEQU_BAND_NONE;
  shequ_eval_store_get_previous (self->store, period_id, target->id, &row->previous_rank,
                                 &row->previous_band);
  /* A cadre is shown with the community; a community with its management area. */
  area = unit_name (self, target->area_id);
  row->detail = g_strdup (target->kind == SHEQU_EVAL_KIND_CADRE ? target->unit_name
                          : area != NULL ? area : "");
  return row;
}

static void
fill_unit_rows (ShequEvalRanking *self,
                gint64            period_id)
{
  g_autoptr(GArray) summaries = shequ_eval_summarize_by_unit (self->store, period_id);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; summaries != NULL && i < summaries->len; i++)
    {
      const ShequEvalUnitSummary *s = &g_array_index (summaries, ShequEvalUnitSummary, i);
      ShequEvalRow *row = shequ_eval_row_new ();
      const char *name = unit_name (self, s->unit_id);

      row->id = s->unit_id;
      row->period_id = period_id;
      row->total = s->mean_total;
      row->band = s->band;
      row->n_targets = s->n_graded;
      memcpy (row->n_band, s->n_band, sizeof row->n_band);
      row->name = g_strdup (name != NULL ? name : "");
      g_ptr_array_add (rows, row);
    }
  g_list_store_splice (self->unit_rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->unit_rows)),
                       rows->pdata, rows->len);
}

static void
update_summary (ShequEvalRanking       *self,
                const ShequEvalResults *results)
{
  g_autofree char *counts = NULL;

  g_clear_pointer (&self->summary, g_free);
  if (results == NULL || results->n_targets == 0)
    self->summary = g_strdup (self->store != NULL && self->period_ids->len > 0
                              ? _("No targets are graded in this period")
                              : _("No period has been opened yet"));
  else
    {
      counts = shequ_eval_format_band_counts (results->n_band);
      /* Translators: the ranking's summary line: the band counts, then how many targets */
      self->summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s — %u target",
                                                    "%s — %u targets", results->n_targets),
                                       counts, results->n_targets);
    }
  gtk_label_set_text (self->summary_label, self->summary);
}

static void
set_units_label (ShequEvalRanking *self,
                 const char       *label)
{
  g_autofree char *plain = shequ_strip_mnemonic (label);

  if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (self->units_button)), label) == 0)
    return;
  gtk_button_set_label (GTK_BUTTON (self->units_button), label);
  /* The new label widget is named too, without its "(C)". */
  shequ_accessible_clean_mnemonics (GTK_WIDGET (self->units_button));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->units_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, plain, -1);
}

static void
fill_rows (ShequEvalRanking *self)
{
  gint64 period_id = shequ_eval_ranking_get_period (self);
  const ShequEvalResults *results = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *targets = NULL;
  ShequEvalKind kind = SHEQU_EVAL_KIND_COMMUNITY;

  if (self->store != NULL && period_id != 0)
    {
      results = shequ_eval_store_get_results (self->store, period_id);
      targets = shequ_eval_store_get_period_targets (self->store, period_id);
      kind = shequ_eval_period_get_kind (self->store, period_id);
    }
  for (guint i = 0; results != NULL && targets != NULL && i < results->n_targets; i++)
    {
      guint index = results->order[i];

      g_ptr_array_add (rows, make_target_row (self, period_id, g_ptr_array_index (targets, index),
                                              results, index));
    }
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       rows->pdata, rows->len);
  if (self->store != NULL && period_id != 0)
    fill_unit_rows (self, period_id);
  else
    g_list_store_remove_all (self->unit_rows);

  gtk_column_view_column_set_title (self->unit_column, kind == SHEQU_EVAL_KIND_CADRE
                                    ? C_("eval column", "Unit") : C_("eval column", "Area"));
  set_units_label (self, kind == SHEQU_EVAL_KIND_CADRE ? _("By _Community") : _("By _Area"));
  update_summary (self, results);
  gtk_stack_set_visible_child_name (self->stack,
                                    rows->len == 0 ? "empty"
                                    : gtk_toggle_button_get_active (self->units_button) ? "units"
                                    : "ranking");
}

/* The drop-down's periods: newest first; the one shown stays chosen, else the newest
 * closed one (a period still scoring ranks on half its scores). */
static void
fill_periods (ShequEvalRanking *self)
{
  gint64 current = shequ_eval_ranking_get_period (self);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GPtrArray *periods = self->store != NULL ? shequ_eval_store_get_periods (self->store) : NULL;
  guint chosen = GTK_INVALID_LIST_POSITION;

  g_array_set_size (self->period_ids, 0);
  for (guint i = periods != NULL ? periods->len : 0; i-- > 0;)
    {
      const ShequPeriodRow *period = g_ptr_array_index (periods, i);
      g_autofree char *label = shequ_eval_format_period (self->store, period);

      if (period->id == current)
        chosen = self->period_ids->len;
      if (chosen == GTK_INVALID_LIST_POSITION && current == 0
          && period->state == SHEQU_PERIOD_STATE_CLOSED)
        chosen = self->period_ids->len;
      g_array_append_val (self->period_ids, period->id);
      gtk_string_list_append (labels, label);
    }
  if (chosen == GTK_INVALID_LIST_POSITION && self->period_ids->len > 0)
    chosen = 0;
  self->filling_periods = TRUE;
  gtk_drop_down_set_model (self->period_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->period_dropdown, chosen);
  self->filling_periods = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->period_dropdown), self->period_ids->len > 0);
}

static void
on_store_changed (ShequEvalRanking *self,
                  gint64            period_id,
                  GQuark            what)
{
  if (period_id == 0 || what == g_quark_from_static_string ("period"))
    fill_periods (self);
  fill_rows (self);
}

/* ------------------------------------------------------------------ filter */

static gboolean
filter_row (gpointer item,
            gpointer user_data)
{
  ShequEvalRanking *self = user_data;
  ShequEvalRow *row = item;

  if (self->band_filter != SHEQU_N_BANDS && row->band != self->band_filter)
    return FALSE;
  return shequ_eval_row_matches (row, self->needle);
}

static void
update_filter (ShequEvalRanking *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint position = gtk_drop_down_get_selected (self->band_dropdown);

  g_clear_pointer (&self->needle, g_free);
  if (text != NULL && *text != '\0')
    self->needle = g_utf8_casefold (text, -1);
  self->band_filter = position < G_N_ELEMENTS (band_filter_bands) ? band_filter_bands[position]
                                                                  : SHEQU_N_BANDS;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_period_selected (ShequEvalRanking *self)
{
  if (!self->filling_periods)
    fill_rows (self);
}

static void
on_units_toggled (ShequEvalRanking *self)
{
  fill_rows (self);
}

static void
on_activate (GtkColumnView    *view,
             guint             position,
             ShequEvalRanking *self)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (view));
  g_autoptr(ShequEvalRow) row = g_list_model_get_item (model, position);

  if (row == NULL)
    return;
  /* A unit of the roll-up: the ranking of its targets (the street's: all of them). */
  if (view == self->units_view)
    {
      ShequUnit *street = self->org != NULL ? shequ_org_store_get_street (self->org) : NULL;

      shequ_eval_ranking_set_search (self, street != NULL && shequ_unit_get_id (street) == row->id
                                           ? NULL : row->name);
      gtk_toggle_button_set_active (self->units_button, FALSE);
      return;
    }
  g_signal_emit (self, signals[TARGET_ACTIVATED], 0, row->target_id, row->period_id);
}

/* ------------------------------------------------------------------ building */

static GtkWidget *
add_list_page (ShequEvalRanking  *self,
               const char        *name,
               const char        *label,
               GListModel        *model,
               GtkColumnView    **view_out)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkSingleSelection *selection = gtk_single_selection_new (model);
  GtkWidget *view;

  /* No row lit up before the user goes to one (the keyboard still selects as it moves). */
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
  view = gtk_column_view_new (GTK_SELECTION_MODEL (selection));

  gtk_column_view_set_reorderable (GTK_COLUMN_VIEW (view), FALSE);
  gtk_column_view_set_show_row_separators (GTK_COLUMN_VIEW (view), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect_object (view, "activate", G_CALLBACK (on_activate), self, 0);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_stack_add_named (self->stack, scrolled, name);
  *view_out = GTK_COLUMN_VIEW (view);
  return scrolled;
}

static GtkWidget *
build_toolbar (ShequEvalRanking *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Period"));
  const char *bands[] = {
    _("All Bands"), shequ_band_get_label (SHEQU_BAND_GREEN),
    shequ_band_get_label (SHEQU_BAND_ORANGE), shequ_band_get_label (SHEQU_BAND_RED),
    shequ_band_get_label (SHEQU_BAND_NONE), NULL,
  };

  self->period_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->period_dropdown));
  gtk_box_append (GTK_BOX (bar), label);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->period_dropdown));

  self->band_dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (bands));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->band_dropdown), _("Show One Band Only"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->band_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, C_("evaluation page", "Band"), -1);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->band_dropdown));

  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->search_entry), TRUE);
  g_object_set (self->search_entry, "placeholder-text", _("Search by name"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search by name"), -1);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->search_entry));

  self->units_button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("By _Community")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->units_button),
                               _("Show the period rolled up per unit"));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->units_button));
  return bar;
}

static void
build (ShequEvalRanking *self)
{
  GtkWidget *box = GTK_WIDGET (self);
  GtkWidget *empty;

  gtk_widget_set_parent (build_toolbar (self), box);
  self->summary_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->summary_label, 0);
  gtk_label_set_wrap (self->summary_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "title-4");
  gtk_widget_set_parent (GTK_WIDGET (self->summary_label), box);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_widget_set_parent (GTK_WIDGET (self->stack), box);
  add_list_page (self, "ranking", C_("evaluation page", "Ranking"), G_LIST_MODEL (g_object_ref (self->filtered)),
                 &self->column_view);
  add_list_page (self, "units", _("Results per unit"), G_LIST_MODEL (g_object_ref (self->unit_rows)),
                 &self->units_view);
  empty = gtk_label_new (_("Nothing to rank yet: a period’s results show here once its scores are in."));
  gtk_label_set_wrap (GTK_LABEL (empty), TRUE);
  gtk_widget_add_css_class (empty, "dim-label");
  gtk_stack_add_named (self->stack, empty, "empty");
  add_columns (self);

  g_signal_connect_object (self->period_dropdown, "notify::selected",
                           G_CALLBACK (on_period_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->band_dropdown, "notify::selected",
                           G_CALLBACK (update_filter), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (update_filter), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->units_button, "toggled",
                           G_CALLBACK (on_units_toggled), self, G_CONNECT_SWAPPED);
}

/* ------------------------------------------------------------------ GObject */

static void
shequ_eval_ranking_dispose (GObject *object)
{
  ShequEvalRanking *self = SHEQU_EVAL_RANKING (object);
  GtkWidget *child;

  shequ_eval_ranking_set_store (self, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->filtered);
  g_clear_object (&self->rows);
  g_clear_object (&self->unit_rows);
  G_OBJECT_CLASS (shequ_eval_ranking_parent_class)->dispose (object);
}

static void
shequ_eval_ranking_finalize (GObject *object)
{
  ShequEvalRanking *self = SHEQU_EVAL_RANKING (object);

  g_array_unref (self->period_ids);
  g_free (self->needle);
  g_free (self->summary);
  G_OBJECT_CLASS (shequ_eval_ranking_parent_class)->finalize (object);
}

static void
shequ_eval_ranking_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ShequEvalRanking *self = SHEQU_EVAL_RANKING (object);

  switch (prop_id)
    {
    case PROP_STORE: g_value_set_object (value, self->store); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_eval_ranking_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ShequEvalRanking *self = SHEQU_EVAL_RANKING (object);

  switch (prop_id)
    {
    case PROP_STORE: shequ_eval_ranking_set_store (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_eval_ranking_class_init (ShequEvalRankingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shequ_eval_ranking_dispose;
  object_class->finalize = shequ_eval_ranking_finalize;
  object_class->get_property = shequ_eval_ranking_get_property;
  object_class->set_property = shequ_eval_ranking_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SHEQU_TYPE_EVAL_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  signals[TARGET_ACTIVATED] =
    g_signal_new ("target-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "shequ-eval-ranking");
}

static void
shequ_eval_ranking_init (ShequEvalRanking *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 8);
  self->period_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->band_filter = SHEQU_N_BANDS;
  self->rows = g_list_store_new (SHEQU_TYPE_EVAL_ROW);
  self->unit_rows = g_list_store_new (SHEQU_TYPE_EVAL_ROW);
  self->filter = gtk_custom_filter_new (filter_row, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->rows)),
                                              GTK_FILTER (self->filter));
  build (self);
  shequ_accessible_clean_mnemonics (GTK_WIDGET (self));
  fill_rows (self);
}

/* ------------------------------------------------------------------ API */

GtkWidget *
shequ_eval_ranking_new (void)
{
  return g_object_new (SHEQU_TYPE_EVAL_RANKING, NULL);
}

ShequEvalStore *
shequ_eval_ranking_get_store (ShequEvalRanking *self)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_RANKING (self), NULL);
  return self->store;
}

void
shequ_eval_ranking_set_store (ShequEvalRanking *self,
                              ShequEvalStore   *store)
{
  g_return_if_fail (SHEQU_IS_EVAL_RANKING (self));
  g_return_if_fail (store == NULL || SHEQU_IS_EVAL_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->org != NULL)
    g_signal_handlers_disconnect_by_data (self->org, self);
  g_set_object (&self->store, store);
  g_set_object (&self->org, (store != NULL ? shequ_eval_store_get_org_store (store) : NULL));
  if (store != NULL)
    {
      g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self,
                               G_CONNECT_SWAPPED);
      /* Units renamed: the roll-up and the areas say their new names. */
      g_signal_connect_object (self->org, "applied", G_CALLBACK (fill_rows), self,
                               G_CONNECT_SWAPPED);
    }
  if (self->stack != NULL && !gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      fill_periods (self);
      fill_rows (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

gint64
shequ_eval_ranking_get_period (ShequEvalRanking *self)
{
  guint position;

  g_return_val_if_fail (SHEQU_IS_EVAL_RANKING (self), 0);

  position = self->period_dropdown != NULL ? gtk_drop_down_get_selected (self->period_dropdown)
                                           : GTK_INVALID_LIST_POSITION;
  if (position == GTK_INVALID_LIST_POSITION || position >= self->period_ids->len)
    return 0;
  return g_array_index (self->period_ids, gint64, position);
}

gboolean
shequ_eval_ranking_set_period (ShequEvalRanking *self,
                               gint64            period_id)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_RANKING (self), FALSE);

  for (guint i = 0; i < self->period_ids->len; i++)
    if (g_array_index (self->period_ids, gint64, i) == period_id)
      {
        gtk_drop_down_set_selected (self->period_dropdown, i);
        return TRUE;
      }
  return FALSE;
}

GListModel *
shequ_eval_ranking_get_rows (ShequEvalRanking *self)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_RANKING (self), NULL);
  return G_LIST_MODEL (self->filtered);
}

GListModel *
shequ_eval_ranking_get_unit_rows (ShequEvalRanking *self)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_RANKING (self), NULL);
  return G_LIST_MODEL (self->unit_rows);
}

GtkColumnView *
shequ_eval_ranking_get_column_view (ShequEvalRanking *self)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_RANKING (self), NULL);
  return self->column_view;
}

void
shequ_eval_ranking_set_band_filter (ShequEvalRanking *self,
                                    ShequBand         band)
{
  g_return_if_fail (SHEQU_IS_EVAL_RANKING (self));

  for (guint i = 0; i < G_N_ELEMENTS (band_filter_bands); i++)
    if (band_filter_bands[i] == (int) band)
      gtk_drop_down_set_selected (self->band_dropdown, i);
}

void
shequ_eval_ranking_set_search (ShequEvalRanking *self,
                               const char       *text)
{
  g_return_if_fail (SHEQU_IS_EVAL_RANKING (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  /* At once, not after the entry's delay. */
  update_filter (self);
}

void
shequ_eval_ranking_set_show_units (ShequEvalRanking *self,
                                   gboolean          show_units)
{
  g_return_if_fail (SHEQU_IS_EVAL_RANKING (self));
  gtk_toggle_button_set_active (self->units_button, show_units);
}

const char *
shequ_eval_ranking_get_summary (ShequEvalRanking *self)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_RANKING (self), NULL);
  return self->summary;
}
