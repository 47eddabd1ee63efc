/* shequ-eval-target-page.c — one target's results: the breakdown, the trend, the audit log */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-eval-target-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "shequ-app-util.h"
#include "shequ-audit.h"
#include "shequ-band-chip.h"
#include "shequ-eval-cells.h"
#include "shequ-eval-target-page.h"

/* The log shows this many entries, newest first. */
#define LOG_LIMIT 200

struct _ShequEvalTargetPage
{
  GtkWidget        parent_instance;

  ShequEvalStore  *store;
  gint64           target_id;
  GArray          *period_ids;     /* gint64: the drop-down's, newest first */
  gboolean         filling;

  GtkLabel        *name_label;
  GtkLabel        *unit_label;
  GtkLabel        *total_label;
  ShequBandChip   *chip;
  GtkDropDown     *period_dropdown;
  GtkGrid         *grid;
  ShequTrendChart *chart;
  GtkListBox      *log;
  GtkLabel        *log_empty;
  GtkLabel        *log_heading;    /* the period the log shows */
  GtkLabel        *flags_label;    /* the target's flags not closed */
};

G_DEFINE_FINAL_TYPE (ShequEvalTargetPage, shequ_eval_target_page, GTK_TYPE_WIDGET)

/* ------------------------------------------------------------------ breakdown */

static GtkWidget *
grid_label (GtkGrid    *grid,
            const char *text,
            int         column,
            int         row,
            gboolean    numeric)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1 : 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  gtk_grid_attach (grid, label, column, row, 1, 1);
  return label;
}

/* One assessor's cell: the score, and under it the comment on it. */
static void
add_score_cell (ShequEvalTargetPage     *self,
                const ShequAssessorRow  *assessor,
                const ShequIndicatorRow *indicator,
                int                      column,
                int                      row)
{
  ShequScore value = SHEQU_SCORE_NONE;
  const char *comment = NULL;
  g_autofree char *text = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *score;

  shequ_eval_store_get_score (self->store, assessor->id, self->target_id, indicator->id,
                              &value, &comment);
  text = value == SHEQU_SCORE_NONE ? g_strdup ("—") : shequ_score_format (value);
  score = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (score), 1);
  gtk_widget_add_css_class (score, "numeric");
  gtk_box_append (GTK_BOX (box), score);
  if (comment != NULL && *comment != '\0')
    {
      GtkWidget *note = gtk_label_new (comment);

      gtk_label_set_wrap (GTK_LABEL (note), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (note), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (note), 24);
      gtk_label_set_xalign (GTK_LABEL (note), 1);
      gtk_widget_add_css_class (note, "dim-label");
      gtk_widget_add_css_class (note, "caption");
      gtk_box_append (GTK_BOX (box), note);
    }
  gtk_widget_set_valign (box, GTK_ALIGN_START);
  gtk_grid_attach (self->grid, box, column, row, 1, 1);
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static void
fill_breakdown (ShequEvalTargetPage *self,
                gint64               period_id)
{
  const ShequPeriodRow *period = shequ_eval_store_lookup_period (self->store, period_id);
  const ShequEvalSetDef *set = period != NULL ? shequ_eval_store_lookup_set (self->store, period->set_id)
                                              : NULL;
  const ShequEvalResults *results = shequ_eval_store_get_results (self->store, period_id);
  const ShequEvalMatrix *matrix = shequ_eval_store_get_matrix (self->store, period_id);
  GPtrArray *assessors = shequ_eval_store_get_assessors (self->store, period_id);
  int target = shequ_eval_store_target_index (self->store, period_id, self->target_id);
  g_autoptr(GPtrArray) graders = g_ptr_array_new ();
  int column = 0;

  clear_grid (self->grid);
  if (set == NULL || target < 0)
    return;
  for (guint a = 0; assessors != NULL && a < assessors->len; a++)
    {
      const ShequAssessorRow *assessor = g_ptr_array_index (assessors, a);
      int index = shequ_eval_store_assessor_index (self->store, period_id, assessor->id);

      if (matrix != NULL && index >= 0 && shequ_eval_matrix_get_assigned (matrix, index, target))
        g_ptr_array_add (graders, (gpointer) assessor);
    }

  gtk_widget_add_css_class (grid_label (self->grid, C_("eval column", "Indicator"), column++, 0, FALSE),
                            "heading");
  gtk_widget_add_css_class (grid_label (self->grid, C_("eval column", "Maximum"), column++, 0, TRUE),
                            "heading");
  for (guint a = 0; a < graders->len; a++)
    gtk_widget_add_css_class (grid_label (self->grid,
                                          ((ShequAssessorRow *) graders->pdata[a])->name,
                                          column++, 0, TRUE), "heading");
  gtk_widget_add_css_class (grid_label (self->grid, C_("eval column", "Combined"), column, 0, TRUE),
                            "heading");

  for (guint i = 0; i < set->indicators->len; i++)
    {
      const ShequIndicatorRow *indicator = g_ptr_array_index (set->indicators, i);
      g_autofree char *name = g_strdup_printf ("%s · %s", indicator->category, indicator->name);
      g_autofree char *max = shequ_score_format (indicator->max_score);
      int ii = shequ_eval_store_indicator_index (self->store, period_id, indicator->id);
      double combined = results != NULL && ii >= 0
                        ? results->combined[(guint) target * results->n_indicators + (guint) ii] : NAN;
      g_autofree char *combined_text = shequ_eval_format_total (combined, 2);

      column = 0;
      grid_label (self->grid, name, column++, i + 1, FALSE);
      grid_label (self->grid, max, column++, i + 1, TRUE);
      for (guint a = 0; a < graders->len; a++)
        add_score_cell (self, graders->pdata[a], indicator, column++, i + 1);
      gtk_widget_add_css_class (grid_label (self->grid, combined_text, column, i + 1, TRUE),
                                "heading");
    }
}

/* ------------------------------------------------------------------ trend */

static void
fill_trend (ShequEvalTargetPage *self,
            gint64               period_id)
{
  const ShequPeriodRow *period = shequ_eval_store_lookup_period (self->store, period_id);
  const ShequEvalSetDef *set = period != NULL ? shequ_eval_store_lookup_set (self->store, period->set_id)
                                              : NULL;
  g_autoptr(GArray) history = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

  if (set == NULL)
    {
      shequ_trend_chart_set_series (self->chart, NULL, NULL, 0, 85, 70);
      return;
    }
  history = shequ_eval_store_get_history (self->store, self->target_id, set->set->family);
  for (guint i = 0; history != NULL && i < history->len; i++)
    {
      const ShequEvalHistoryPoint *point = &g_array_index (history, ShequEvalHistoryPoint, i);
      const ShequPeriodRow *p = shequ_eval_store_lookup_period (self->store, point->period_id);

      g_ptr_array_add (labels, p != NULL ? p->label : (char *) "");
      g_array_append_val (values, point->total);
    }
  g_ptr_array_add (labels, NULL);
  shequ_trend_chart_set_series (self->chart, (const char *const *) labels->pdata,
                                (const double *) values->data, values->len,
                                set->set->green_min, set->set->orange_min);
}

/* ------------------------------------------------------------------ log */

/* The log's action keys as the page says them. */
static const char *
action_label (const char *action)
{
  static const struct {
    const char *key;
    const char *label;
  } labels[] = {
    { "score", NC_("audit action", "Score") },
    { "submit", NC_("audit action", "Submitted") },
    { "reopen", NC_("audit action", "Reopened") },
    { "set", NC_("audit action", "Indicator set") },
    { "period-open", NC_("audit action", "Period opened") },
    { "period-close", NC_("audit action", "Period closed") },
    { "flag", NC_("audit action", "Flag") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (action, labels[i].key) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "audit action", labels[i].label);
  return action != NULL ? action : "";
}

/* A flag's raising as the log keeps it, "interview: red 2 of 2", as the page says it
 * ("约谈：红色 2/2"); NULL when VALUE is not one. */
static char *
describe_raise (const char *value)
{
  char action_key[32], band_key[32];
  guint count, within;
  ShequFlagAction action;
  ShequBand band;

  if (sscanf (value, "%31[a-z]: %31[a-z] %u of %u", action_key, band_key, &count, &within) != 4 ||
      !shequ_flag_action_from_string (action_key, &action) ||
      !shequ_band_from_string (band_key, &band))
    return NULL;
  /* Translators: a flag raised, in the target page's log: action, band, how many times
   * in how many periods ("约谈：红色 2/2") */
  return g_strdup_printf (_("%1$s: %2$s %3$u/%4$u"), shequ_flag_action_get_label (action),
                          shequ_band_get_label (band), count, within);
}

/* A score's value as the log keeps it, "I01: 8.5 (张三)", as the page says it: the
 * indicator's name for its code (looked up in SET), without the assessor when the
 * assessor is the one who made the change. "—" for none. */
static char *
describe_value (const char            *value,
                const ShequEvalSetDef *set,
                const char            *actor)
{
  const char *colon = value != NULL ? strstr (value, ": ") : NULL;
  g_autofree char *rest = NULL;
  g_autofree char *own = actor != NULL ? g_strdup_printf (" (%s)", actor) : NULL;
  const char *name = NULL;

  ShequFlagState state;

  if (value == NULL || *value == '\0')
    return g_strdup ("—");
  /* A flag's move: its state keys as the Flags view says them. */
  if (colon == NULL && shequ_flag_state_from_string (value, &state))
    return g_strdup (shequ_flag_state_get_label (state));
  if (colon != NULL && (rest = describe_raise (value)) != NULL)
    return g_steal_pointer (&rest);
  if (colon == NULL || set == NULL)
    return g_strdup (value);
  for (guint i = 0; i < set->indicators->len && name == NULL; i++)
    {
      const ShequIndicatorRow *indicator = g_ptr_array_index (set->indicators, i);

      if (strlen (indicator->code) == (gsize) (colon - value) &&
          strncmp (indicator->code, value, (gsize) (colon - value)) == 0)
        name = indicator->name;
    }
  rest = g_strdup (colon + 2);
  if (own != NULL && g_str_has_suffix (rest, own))
    rest[strlen (rest) - strlen (own)] = '\0';
  if (name == NULL)
    return g_strdup_printf ("%.*s: %s", (int) (colon - value), value, rest);
  return g_strdup_printf ("%s: %s", name, rest);
}

/* RECORD as a row; a reason that only repeats PERIOD_LABEL (a flag's raising says the
 * period it was raised at, which the log's heading says already) is left out. */
static GtkWidget *
make_log_row (const ShequAuditRecord *record,
              const ShequEvalSetDef  *set,
              const char             *period_label)
{
  const char *reason = g_strcmp0 (record->reason, period_label) != 0 ? record->reason : NULL;
  g_autofree char *when = shequ_eval_format_time (record->at);
  g_autofree char *change = NULL;
  g_autofree char *head = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label;
  GtkWidget *row = gtk_list_box_row_new ();

  if (record->old_value != NULL || record->new_value != NULL)
    {
      g_autofree char *old_text = describe_value (record->old_value, set, record->actor);
      g_autofree char *new_text = describe_value (record->new_value, set, record->actor);

      /* Translators: a value's change in the audit log, "8 → 6.5" */
      change = g_strdup_printf (_("%s → %s"), old_text, new_text);
    }
  /* Translators: an audit log entry's first line: when, who, what, the change */
  head = g_strdup_printf (_("%s  %s  %s  %s"), when, record->actor, action_label (record->action),
                          change != NULL ? change : "");
  label = gtk_label_new (head);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (box), label);
  if (reason != NULL && *reason != '\0')
    {
      GtkWidget *reason_label = gtk_label_new (reason);

      gtk_label_set_xalign (GTK_LABEL (reason_label), 0);
      gtk_label_set_wrap (GTK_LABEL (reason_label), TRUE);
      gtk_widget_add_css_class (reason_label, "dim-label");
      gtk_box_append (GTK_BOX (box), reason_label);
    }
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 8);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  {
    g_autofree char *name = g_strdup_printf ("%s%s%s", head,
                                             reason != NULL && *reason ? ", " : "",
                                             reason != NULL ? reason : "");

    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  }
  return row;
}

/* The log's entries for PERIOD span from its opening to its last close (to now while
 * it is not closed), by sequence number: *START and *END. */
static void
period_window (ShequEvalTargetPage  *self,
               const ShequPeriodRow *period,
               gint64               *start,
               gint64               *end)
{
  g_autofree char *target = g_strdup_printf ("eval-period:%" G_GINT64_FORMAT, period->id);
  g_autoptr(GPtrArray) records = shequ_audit_list (shequ_eval_store_get_database (self->store),
                                                   target, 0, NULL);
  gboolean closed = period->state == SHEQU_PERIOD_STATE_CLOSED;

  *start = 0;
  *end = G_MAXINT64;
  for (guint i = 0; records != NULL && i < records->len; i++)  /* newest first */
    {
      const ShequAuditRecord *record = g_ptr_array_index (records, i);

      if (g_strcmp0 (record->action, "period-open") == 0)
        *start = record->seq;
      else if (closed && *end == G_MAXINT64 && g_strcmp0 (record->action, "period-close") == 0)
        *end = record->seq;
    }
}

/* Whether RECORD (of the target's, read oldest first) is about PERIOD: a flag raised at
 * its close names it (and the flag's later moves follow the last raised, *IN_FLAG); the
 * rest by when they were logged. */
static gboolean
record_in_period (const ShequAuditRecord *record,
                  const ShequPeriodRow   *period,
                  gint64                  start,
                  gint64                  end,
                  gboolean               *in_flag)
{
  if (g_strcmp0 (record->action, "flag") == 0)
    {
      if (record->old_value == NULL && record->reason != NULL)
        *in_flag = g_strcmp0 (record->reason, period->label) == 0;
      return *in_flag;
    }
  return record->seq >= start && record->seq <= end;
}

static void
fill_log (ShequEvalTargetPage *self,
          gint64               period_id)
{
  g_autofree char *target = g_strdup_printf ("eval-target:%" G_GINT64_FORMAT, self->target_id);
  const ShequPeriodRow *period = shequ_eval_store_lookup_period (self->store, period_id);
  const ShequEvalSetDef *set = period != NULL ? shequ_eval_store_lookup_set (self->store, period->set_id)
                                              : NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  gint64 start = 0, end = G_MAXINT64;
  gboolean in_flag = FALSE;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->log))) != NULL)
    gtk_list_box_remove (self->log, child);
  records = shequ_audit_list (shequ_eval_store_get_database (self->store), target, 0, &error);
  if (records == NULL)
    {
      gtk_label_set_text (self->log_empty, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->log_empty), TRUE);
      return;
    }
  if (period != NULL)
    period_window (self, period, &start, &end);
  for (guint i = records->len; i-- > 0;)  /* oldest first */
    if (period == NULL ||
        record_in_period (g_ptr_array_index (records, i), period, start, end, &in_flag))
      g_ptr_array_add (shown, g_ptr_array_index (records, i));
  for (guint i = shown->len; i-- > 0 && shown->len - i <= LOG_LIMIT;)
    gtk_list_box_append (self->log, make_log_row (g_ptr_array_index (shown, i), set,
                                                  period != NULL ? period->label : NULL));
  gtk_label_set_text (self->log_heading, period != NULL ? period->label : "");
  gtk_label_set_text (self->log_empty, _("Nothing has been logged for this target in this period."));
  gtk_widget_set_visible (GTK_WIDGET (self->log_empty), shown->len == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->log), shown->len > 0);
}

/* ------------------------------------------------------------------ header */

static gint64
get_period (ShequEvalTargetPage *self)
{
  guint position = gtk_drop_down_get_selected (self->period_dropdown);

  if (position == GTK_INVALID_LIST_POSITION || position >= self->period_ids->len)
    return 0;
  return g_array_index (self->period_ids, gint64, position);
}

/* The periods that grade the target, newest first; PERIOD_ID chosen, else the newest
 * with a total. */
static void
fill_periods (ShequEvalTargetPage *self,
              gint64               period_id)
{
  GPtrArray *periods = shequ_eval_store_get_periods (self->store);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint chosen = GTK_INVALID_LIST_POSITION;

  g_array_set_size (self->period_ids, 0);
  for (guint i = periods->len; i-- > 0;)
    {
      const ShequPeriodRow *period = g_ptr_array_index (periods, i);
      int index = shequ_eval_store_target_index (self->store, period->id, self->target_id);
      const ShequEvalResults *results;

      if (index < 0)
        continue;
      results = shequ_eval_store_get_results (self->store, period->id);
      if (period->id == period_id ||
          (period_id == 0 && chosen == GTK_INVALID_LIST_POSITION && results != NULL
           && !isnan (results->total[index])))
        chosen = self->period_ids->len;
      g_array_append_val (self->period_ids, period->id);
      gtk_string_list_append (labels, period->label);
    }
  if (chosen == GTK_INVALID_LIST_POSITION && self->period_ids->len > 0)
    chosen = 0;
  self->filling = TRUE;
  gtk_drop_down_set_model (self->period_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->period_dropdown, chosen);
  self->filling = FALSE;
}

/* The target's flags not closed yet, "警示 · 待处理", newest first; hidden without any. */
static void
fill_flags (ShequEvalTargetPage *self)
{
  GPtrArray *flags = shequ_eval_store_get_flags (self->store);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) tip = g_string_new (NULL);

  for (guint i = 0; flags != NULL && i < flags->len; i++)
    {
      const ShequFlagRow *flag = g_ptr_array_index (flags, i);
      const ShequPeriodRow *period;

      if (flag->target_id != self->target_id || flag->state == SHEQU_FLAG_STATE_CLOSED)
        continue;
      period = shequ_eval_store_lookup_period (self->store, flag->period_id);
      /* Translators: a flag in the target page's header: its action, its state ("警示 · 待处理") */
      g_string_append_printf (text, _("%s%s · %s"), text->len > 0 ? "  " : "",
                              shequ_flag_action_get_label (flag->action),
                              shequ_flag_state_get_label (flag->state));
      g_string_append_printf (tip, "%s%s: %s · %s", tip->len > 0 ? "\n" : "",
                              period != NULL ? period->label : "",
                              shequ_flag_action_get_label (flag->action),
                              shequ_flag_state_get_label (flag->state));
    }
  gtk_label_set_text (self->flags_label, text->str);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->flags_label), tip->len > 0 ? tip->str : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->flags_label), text->len > 0);
}

static void
fill_header (ShequEvalTargetPage      *self,
             const ShequEvalTargetRow *target,
             gint64                    period_id)
{
  const ShequEvalResults *results = period_id != 0 ? shequ_eval_store_get_results (self->store, period_id)
                                                   : NULL;
  int index = shequ_eval_store_target_index (self->store, period_id, target->id);
  g_autofree char *total = NULL;
  g_autofree char *text = NULL;
  ShequBand band = SHEQU_BAND_NONE;

  gtk_label_set_text (self->name_label, target->name);
  gtk_label_set_text (self->unit_label, target->kind == SHEQU_EVAL_KIND_CADRE
                                        ? target->unit_name
                                        : shequ_eval_kind_get_label (target->kind));
  if (results != NULL && index >= 0)
    {
      band = results->band[index];
      total = shequ_eval_format_total (results->total[index], 2);
      if (results->rank[index] > 0)
        /* Translators: the target page's header: total, rank of how many */
        text = g_strdup_printf (_("Total %s · rank %u of %u"), total, results->rank[index],
                                results->n_targets);
      else
        text = g_strdup (_("Not fully graded yet"));
    }
  shequ_band_chip_set_band (self->chip, band);
  gtk_label_set_text (self->total_label, text != NULL ? text : "");
  fill_flags (self);
}

static void
refresh (ShequEvalTargetPage *self)
{
  const ShequEvalTargetRow *target = self->store != NULL
                                     ? shequ_eval_store_lookup_target (self->store, self->target_id)
                                     : NULL;
  gint64 period_id;

  if (target == NULL)
    {
      clear_grid (self->grid);
      shequ_trend_chart_set_series (self->chart, NULL, NULL, 0, 85, 70);
      return;
    }
  period_id = get_period (self);
  fill_header (self, target, period_id);
  fill_breakdown (self, period_id);
  fill_trend (self, period_id);
  fill_log (self, period_id);
}

static void
on_period_selected (ShequEvalTargetPage *self)
{
  if (!self->filling)
    refresh (self);
}

static void
on_store_changed (ShequEvalTargetPage *self)
{
  if (self->target_id == 0)
    return;
  fill_periods (self, get_period (self));
  refresh (self);
}

/* ------------------------------------------------------------------ building */

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "title-4");
  gtk_widget_set_margin_top (label, 12);
  return label;
}

static GtkWidget *
build_header (ShequEvalTargetPage *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *back = gtk_button_new_from_icon_name ("go-previous-symbolic");
  GtkWidget *period_label = gtk_label_new_with_mnemonic (_("_Period"));

  gtk_actionable_set_action_name (GTK_ACTIONABLE (back), "eval.show-ranking");
  gtk_widget_set_tooltip_text (back, _("Back to the Ranking"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (back), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Back to the Ranking"), -1);
  gtk_widget_set_valign (back, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (bar), back);

  self->name_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->name_label), "title-2");
  gtk_label_set_xalign (self->name_label, 0);
  self->unit_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->unit_label), "dim-label");
  gtk_label_set_xalign (self->unit_label, 0);
  gtk_box_append (GTK_BOX (titles), GTK_WIDGET (self->name_label));
  gtk_box_append (GTK_BOX (titles), GTK_WIDGET (self->unit_label));
  gtk_box_append (GTK_BOX (bar), titles);

  self->chip = SHEQU_BAND_CHIP (shequ_band_chip_new (SHEQU_BAND_NONE));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->chip));
  self->flags_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->flags_label), "flag-chip");
  gtk_widget_add_css_class (GTK_WIDGET (self->flags_label), "warning");
  gtk_widget_add_css_class (GTK_WIDGET (self->flags_label), "heading");
  gtk_widget_set_valign (GTK_WIDGET (self->flags_label), GTK_ALIGN_CENTER);
  gtk_widget_set_visible (GTK_WIDGET (self->flags_label), FALSE);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->flags_label));
  self->total_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_hexpand (GTK_WIDGET (self->total_label), TRUE);
  gtk_label_set_xalign (self->total_label, 0);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->total_label));

  self->period_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_widget_set_valign (GTK_WIDGET (self->period_dropdown), GTK_ALIGN_CENTER);
  gtk_label_set_mnemonic_widget (GTK_LABEL (period_label), GTK_WIDGET (self->period_dropdown));
  gtk_box_append (GTK_BOX (bar), period_label);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->period_dropdown));
  g_signal_connect_object (self->period_dropdown, "notify::selected",
                           G_CALLBACK (on_period_selected), self, G_CONNECT_SWAPPED);
  return bar;
}

static void
build (ShequEvalTargetPage *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *columns, *left, *right, *grid_scroller;

  gtk_widget_set_parent (build_header (self), GTK_WIDGET (self));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), content);
  gtk_widget_set_parent (scrolled, GTK_WIDGET (self));

  /* The trend first, where the eye lands; the breakdown and the log side by side. */
  gtk_box_append (GTK_BOX (content), heading (C_("evaluation page", "Trend")));
  self->chart = SHEQU_TREND_CHART (shequ_trend_chart_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->chart), -1, 240);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->chart));

  columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 36);
  gtk_box_append (GTK_BOX (content), columns);
  left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_box_append (GTK_BOX (columns), left);
  gtk_box_append (GTK_BOX (left), heading (C_("evaluation page", "Indicators")));
  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_spacing (self->grid, 6);
  gtk_grid_set_column_spacing (self->grid, 18);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  C_("evaluation page", "Indicators"), -1);
  /* Many assessors make a wide table: it scrolls rather than widening the window. */
  grid_scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (grid_scroller), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (grid_scroller), TRUE);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (grid_scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (grid_scroller), GTK_WIDGET (self->grid));
  gtk_box_append (GTK_BOX (left), grid_scroller);

  right = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_hexpand (right, TRUE);
  gtk_box_append (GTK_BOX (columns), right);
  gtk_box_append (GTK_BOX (right), heading (C_("evaluation page", "Audit Log")));
  self->log_heading = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->log_heading, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->log_heading), "dim-label");
  gtk_box_append (GTK_BOX (right), GTK_WIDGET (self->log_heading));
  self->log_empty = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->log_empty, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->log_empty), "dim-label");
  gtk_box_append (GTK_BOX (right), GTK_WIDGET (self->log_empty));
  self->log = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->log, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->log), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->log), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  C_("evaluation page", "Audit Log"), -1);
  gtk_box_append (GTK_BOX (right), GTK_WIDGET (self->log));
}

/* ------------------------------------------------------------------ GObject */

static void
shequ_eval_target_page_dispose (GObject *object)
{
  ShequEvalTargetPage *self = SHEQU_EVAL_TARGET_PAGE (object);
  GtkWidget *child;

  shequ_eval_target_page_set_store (self, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (shequ_eval_target_page_parent_class)->dispose (object);
}

static void
shequ_eval_target_page_finalize (GObject *object)
{
  g_array_unref (SHEQU_EVAL_TARGET_PAGE (object)->period_ids);
  G_OBJECT_CLASS (shequ_eval_target_page_parent_class)->finalize (object);
}

static void
shequ_eval_target_page_class_init (ShequEvalTargetPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shequ_eval_target_page_dispose;
  object_class->finalize = shequ_eval_target_page_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "shequ-eval-target-page");
}

static void
shequ_eval_target_page_init (ShequEvalTargetPage *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 8);
  self->period_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  build (self);
  shequ_accessible_clean_mnemonics (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------ API */

GtkWidget *
shequ_eval_target_page_new (void)
{
  return g_object_new (SHEQU_TYPE_EVAL_TARGET_PAGE, NULL);
}

void
shequ_eval_target_page_set_store (ShequEvalTargetPage *self,
                                  ShequEvalStore      *store)
{
  g_return_if_fail (SHEQU_IS_EVAL_TARGET_PAGE (self));
  g_return_if_fail (store == NULL || SHEQU_IS_EVAL_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  self->target_id = 0;
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self,
                             G_CONNECT_SWAPPED);
  if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
    refresh (self);
}

gboolean
shequ_eval_target_page_show (ShequEvalTargetPage *self,
                             gint64               target_id,
                             gint64               period_id)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_TARGET_PAGE (self), FALSE);

  if (self->store == NULL || shequ_eval_store_lookup_target (self->store, target_id) == NULL)
    return FALSE;
  self->target_id = target_id;
  fill_periods (self, period_id);
  refresh (self);
  return TRUE;
}

gint64
shequ_eval_target_page_get_target (ShequEvalTargetPage *self)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_TARGET_PAGE (self), 0);
  return self->target_id;
}

gint64
shequ_eval_target_page_get_period (ShequEvalTargetPage *self)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_TARGET_PAGE (self), 0);
  return get_period (self);
}

ShequTrendChart *
shequ_eval_target_page_get_chart (ShequEvalTargetPage *self)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_TARGET_PAGE (self), NULL);
  return self->chart;
}

GtkListBox *
shequ_eval_target_page_get_log (ShequEvalTargetPage *self)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_TARGET_PAGE (self), NULL);
  return self->log;
}

GtkGrid *
shequ_eval_target_page_get_breakdown (ShequEvalTargetPage *self)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_TARGET_PAGE (self), NULL);
  return self->grid;
}
