/* shequ-eval-types.c — the evaluation's kinds, states and bands, scores as text, row images */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-eval-types"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "shequ-eval-types.h"
#include "shequ-name-table.h"

static const ShequNameEntry kind_names[SHEQU_EVAL_N_KINDS] = {
  { "cadre",     "干部", "evaluation kind", NC_("evaluation kind", "Cadre") },
  { "community", "社区", "evaluation kind", NC_("evaluation kind", "Community") },
};

static const ShequNameEntry period_kind_names[SHEQU_PERIOD_N_KINDS] = {
  { "month",   "月度", "period kind", NC_("period kind", "Month") },
  { "quarter", "季度", "period kind", NC_("period kind", "Quarter") },
  { "year",    "年度", "period kind", NC_("period kind", "Year") },
};

static const ShequNameEntry period_state_names[SHEQU_PERIOD_N_STATES] = {
  { "open",    "未开始", "period state", NC_("period state", "Open") },
  { "scoring", "评分中", "period state", NC_("period state", "Scoring") },
  { "closed",  "已结束", "period state", NC_("period state", "Closed") },
};

static const ShequNameEntry band_names[SHEQU_N_BANDS] = {
  { "none",   "无",   "band", NC_("band", "Not graded") },
  { "green",  "绿",   "band", NC_("band", "Green") },
  { "orange", "橙",   "band", NC_("band", "Orange") },
  { "red",    "红",   "band", NC_("band", "Red") },
};

static const ShequNameEntry combine_names[SHEQU_EVAL_N_COMBINES] = {
  { "mean",    "平均",     "combine", NC_("combine", "Mean") },
  { "trimmed", "去极值平均", "combine", NC_("combine", "Trimmed mean") },
};

static const ShequNameEntry action_names[SHEQU_FLAG_N_ACTIONS] = {
  { "interview", "约谈", "flag action", NC_("flag action", "Interview") },
  { "warning",   "警示", "flag action", NC_("flag action", "Warning") },
};

static const ShequNameEntry flag_state_names[SHEQU_FLAG_N_STATES] = {
  { "open",        "待处理", "flag state", NC_("flag state", "Open") },
  { "interviewed", "已约谈", "flag state", NC_("flag state", "Interview held") },
  { "closed",      "已关闭", "flag state", NC_("flag state", "Closed") },
};

/* Files and the CLI name them by key, Chinese name, English label or translated label. */
#define NAMES(entries) \
  SHEQU_NAME_TABLE_INIT (entries, SHEQU_NAME_MATCH_ENGLISH | SHEQU_NAME_MATCH_TRANSLATED)

static const ShequNameTable kinds = NAMES (kind_names);
static const ShequNameTable period_kinds = NAMES (period_kind_names);
static const ShequNameTable period_states = NAMES (period_state_names);
static const ShequNameTable bands = NAMES (band_names);
static const ShequNameTable combines = NAMES (combine_names);
static const ShequNameTable actions = NAMES (action_names);
static const ShequNameTable flag_states = NAMES (flag_state_names);

#undef NAMES

SHEQU_NAME_TABLE_DEFINE_FUNCS (shequ_eval_kind, ShequEvalKind, kinds, SHEQU_EVAL_N_KINDS)
SHEQU_NAME_TABLE_DEFINE_FUNCS (shequ_period_kind, ShequPeriodKind, period_kinds,
                               SHEQU_PERIOD_N_KINDS)
SHEQU_NAME_TABLE_DEFINE_FUNCS (shequ_period_state, ShequPeriodState, period_states,
                               SHEQU_PERIOD_N_STATES)
SHEQU_NAME_TABLE_DEFINE_FUNCS (shequ_band, ShequBand, bands, SHEQU_N_BANDS)
SHEQU_NAME_TABLE_DEFINE_FUNCS (shequ_eval_combine, ShequEvalCombine, combines,
                               SHEQU_EVAL_N_COMBINES)
SHEQU_NAME_TABLE_DEFINE_FUNCS (shequ_flag_action, ShequFlagAction, actions,
                               SHEQU_FLAG_N_ACTIONS)
SHEQU_NAME_TABLE_DEFINE_FUNCS (shequ_flag_state, ShequFlagState, flag_states,
                               SHEQU_FLAG_N_STATES)

void
shequ_band_get_colour (ShequBand    band,
                       ShequColour *colour)
{
  /* Green, orange and red that stay apart for the common colour-blindnesses by
   * lightness too (the orange is lighter than both), and read on a projector. */
  static const guint32 fills[SHEQU_N_BANDS] = { 0xd5d8dc, 0x2e9d5b, 0xf39c12, 0xd63b30 };

  g_return_if_fail (band < SHEQU_N_BANDS);
  g_return_if_fail (colour != NULL);
  shequ_colour_init_rgb (colour, fills[band]);
}

void
shequ_band_get_text_colour (ShequBand    band,
                            ShequColour *colour)
{
  static const guint32 texts[SHEQU_N_BANDS] = { 0x2c3e50, 0xffffff, 0x1f1300, 0xffffff };

  g_return_if_fail (band < SHEQU_N_BANDS);
  g_return_if_fail (colour != NULL);
  shequ_colour_init_rgb (colour, texts[band]);
}

/* Full-width digits and point (what a Chinese IME types) as ASCII. */
static char *
normalize_number (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0xFF10 && c <= 0xFF19)
        g_string_append_c (out, (char) ('0' + (c - 0xFF10)));
      else if (c == 0xFF0E || c == 0x3002)
        g_string_append_c (out, '.');
      else if (c == 0x3000)
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

gboolean
shequ_score_parse (const char *text,
                   ShequScore *value)
{
  g_autofree char *norm = NULL;
  const char *p;
  gint64 whole = 0;
  int frac = 0;
  guint n_whole = 0, n_frac = 0;

  g_return_val_if_fail (value != NULL, FALSE);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  norm = normalize_number (text);
  g_strstrip (norm);
  p = norm;

  for (; g_ascii_isdigit (*p); p++, n_whole++)
    {
      whole = whole * 10 + (*p - '0');
      if (whole > SHEQU_SCORE_MAX / 100)
        return FALSE;
    }
  if (*p == '.')
    {
      for (p++; g_ascii_isdigit (*p); p++, n_frac++)
        {
          if (n_frac >= 2)
            return FALSE;
          frac = frac * 10 + (*p - '0');
        }
      if (n_frac == 1)
        frac *= 10;
    }
  if (*p != '\0' || (n_whole == 0 && n_frac == 0))
    return FALSE;
  if (whole * 100 + frac > SHEQU_SCORE_MAX)
    return FALSE;

  *value = (ShequScore) (whole * 100 + frac);
  return TRUE;
}

char *
shequ_score_format (ShequScore value)
{
  if (value == SHEQU_SCORE_NONE)
    return g_strdup ("");
  {
    const char *sign = value < 0 ? "-" : "";  /* never stored, but readable */
    gint64 v = ABS ((gint64) value);

    if (v % 100 == 0)
      return g_strdup_printf ("%s%" G_GINT64_FORMAT, sign, v / 100);
    if (v % 10 == 0)
      return g_strdup_printf ("%s%" G_GINT64_FORMAT ".%d", sign, v / 100, (int) (v % 100) / 10);
    return g_strdup_printf ("%s%" G_GINT64_FORMAT ".%02d", sign, v / 100, (int) (v % 100));
  }
}

char *
shequ_eval_format_total (double total,
                         guint  decimals)
{
  if (isnan (total))
    return g_strdup ("—");
  return g_strdup_printf ("%.*f", (int) MIN (decimals, 2), total);
}

double
shequ_eval_round_total (double total)
{
  if (isnan (total))
    return total;
  return round (total * 100.0) / 100.0;
}

ShequBand
shequ_band_for_total (double total,
                      double green_min,
                      double orange_min)
{
  gint64 t, g, o;

  if (!isfinite (total) || !isfinite (green_min) || !isfinite (orange_min))
    return SHEQU_BAND_NONE;
  /* Compare in hundredths, as whole numbers, so 85 is green whatever rounding the
   * sum took on its way. */
  t = (gint64) llround (total * 100.0);
  g = (gint64) llround (green_min * 100.0);
  o = (gint64) llround (orange_min * 100.0);
  if (t >= g)
    return SHEQU_BAND_GREEN;
  if (t >= o)
    return SHEQU_BAND_ORANGE;
  return SHEQU_BAND_RED;
}

/* ---- Row images ------------------------------------------------------------------ */

#define DEFINE_ROW(Type, type, COPY_STRINGS, FREE_STRINGS)                   \
  Type *                                                                     \
  type##_new (void)                                                          \
  {                                                                          \
    return g_new0 (Type, 1);                                                 \
  }                                                                          \
                                                                             \
  Type *                                                                     \
  type##_copy (const Type *row)                                              \
  {                                                                          \
    Type *copy;                                                              \
                                                                             \
    g_return_val_if_fail (row != NULL, NULL);                                \
    copy = g_memdup2 (row, sizeof *row);                                     \
    COPY_STRINGS                                                             \
    return copy;                                                             \
  }                                                                          \
                                                                             \
  void                                                                       \
  type##_free (Type *row)                                                    \
  {                                                                          \
    if (row == NULL)                                                         \
      return;                                                                \
    FREE_STRINGS                                                             \
    g_free (row);                                                            \
  }

#define DUP(f)  copy->f = g_strdup (row->f);
#define FREE(f) g_free (row->f);

DEFINE_ROW (ShequEvalSetRow, shequ_eval_set_row,
            DUP (name) DUP (created_at),
            FREE (name) FREE (created_at))
DEFINE_ROW (ShequIndicatorRow, shequ_indicator_row,
            DUP (code) DUP (category) DUP (name) DUP (guidance),
            FREE (code) FREE (category) FREE (name) FREE (guidance))
DEFINE_ROW (ShequFlagRuleRow, shequ_flag_rule_row, , )
DEFINE_ROW (ShequPeriodRow, shequ_period_row,
            DUP (label) DUP (starts) DUP (ends),
            FREE (label) FREE (starts) FREE (ends))
DEFINE_ROW (ShequEvalTargetRow, shequ_eval_target_row,
            DUP (code) DUP (name) DUP (unit_name),
            FREE (code) FREE (name) FREE (unit_name))
DEFINE_ROW (ShequAssessorRow, shequ_assessor_row,
            DUP (name) DUP (submitted_at),
            FREE (name) FREE (submitted_at))
DEFINE_ROW (ShequFlagRow, shequ_flag_row,
            DUP (note) DUP (updated_at),
            FREE (note) FREE (updated_at))

#undef DUP
#undef FREE

ShequEvalSetDef *
shequ_eval_set_def_new (ShequEvalKind  kind,
                        const char    *name)
{
  ShequEvalSetDef *def;

  g_return_val_if_fail (kind < SHEQU_EVAL_N_KINDS, NULL);

  def = g_new0 (ShequEvalSetDef, 1);
  def->set = shequ_eval_set_row_new ();
  def->set->kind = kind;
  def->set->name = g_strdup (name != NULL ? name : "");
  def->set->version = 1;
  def->set->combine = SHEQU_EVAL_COMBINE_MEAN;
  def->set->green_min = 85.0;
  def->set->orange_min = 70.0;
  def->set->comment_below = 0.6;
  def->indicators = g_ptr_array_new_with_free_func ((GDestroyNotify) shequ_indicator_row_free);
  def->flag_rules = g_ptr_array_new_with_free_func ((GDestroyNotify) shequ_flag_rule_row_free);
  return def;
}

ShequEvalSetDef *
shequ_eval_set_def_copy (const ShequEvalSetDef *def)
{
  ShequEvalSetDef *copy;

  g_return_val_if_fail (def != NULL, NULL);

  copy = g_new0 (ShequEvalSetDef, 1);
  copy->set = shequ_eval_set_row_copy (def->set);
  copy->indicators = g_ptr_array_new_full (def->indicators->len,
                                           (GDestroyNotify) shequ_indicator_row_free);
  for (guint i = 0; i < def->indicators->len; i++)
    g_ptr_array_add (copy->indicators, shequ_indicator_row_copy (g_ptr_array_index (def->indicators, i)));
  copy->flag_rules = g_ptr_array_new_full (def->flag_rules->len,
                                           (GDestroyNotify) shequ_flag_rule_row_free);
  for (guint i = 0; i < def->flag_rules->len; i++)
    g_ptr_array_add (copy->flag_rules, shequ_flag_rule_row_copy (g_ptr_array_index (def->flag_rules, i)));
  return copy;
}

void
shequ_eval_set_def_free (ShequEvalSetDef *def)
{
  if (def == NULL)
    return;
  shequ_eval_set_row_free (def->set);
  g_clear_pointer (&def->indicators, g_ptr_array_unref);
  g_clear_pointer (&def->flag_rules, g_ptr_array_unref);
  g_free (def);
}

double
shequ_eval_set_def_get_weight_sum (const ShequEvalSetDef *def)
{
  double sum = 0.0;

  g_return_val_if_fail (def != NULL, 0.0);

  for (guint i = 0; i < def->indicators->len; i++)
    sum += ((const ShequIndicatorRow *) g_ptr_array_index (def->indicators, i))->weight;
  return sum;
}
