/* shequ-disclosure-sample-read.c — reading and checking the sample disclosures' data files */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-disclosure-sample"

#include "config.h"

#include <glib/gi18n.h>
#include <stdarg.h>
#include <string.h>

#include "shequ-csv.h"
#include "shequ-disclosure-sample-private.h"
#include "shequ-io.h"
#include "shequ-sample-table.h"

static const char *const step_keys[DS_N_STEPS] = {
  "none", "draft", "returned", "submitted", "approved", "published", "corrected", "withdrawn",
};

const char *
ds_step_to_key (DsStep step)
{
  g_return_val_if_fail (step < DS_N_STEPS, NULL);
  return step_keys[step];
}

gboolean
ds_step_from_string (const char *text,
                     DsStep     *step)
{
  for (guint i = 0; i < DS_N_STEPS; i++)
    if (g_strcmp0 (text, step_keys[i]) == 0)
      {
        *step = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
ds_step_needs_reason (DsStep step)
{
  return step == DS_STEP_RETURNED || step == DS_STEP_CORRECTED || step == DS_STEP_WITHDRAWN;
}

/* ---- Errors --------------------------------------------------------------------------- */

static gboolean bad_line (GError    **error,
                          const char *path,
                          guint       line,
                          const char *format,
                          ...) G_GNUC_PRINTF (4, 5);

/* Sets "PATH, line N: why" (LINE 0: "PATH: why"); returns FALSE. */
static gboolean
bad_line (GError    **error,
          const char *path,
          guint       line,
          const char *format,
          ...)
{
  g_autofree char *why = NULL;
  va_list args;

  va_start (args, format);
  why = g_strdup_vprintf (format, args);
  va_end (args);
  /* One sentence: "…: why; nothing was written." */
  while (g_str_has_suffix (why, ".") || g_str_has_suffix (why, "。"))
    why[strlen (why) - (g_str_has_suffix (why, ".") ? 1 : strlen ("。"))] = '\0';
  if (g_str_has_prefix (why, path))   /* the CSV reader's message: it says where */
    g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID,
                 _("%s; nothing was written."), why);
  else if (line > 0)
    g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID,
                 _("The sample disclosures’ data file %s, line %u: %s; nothing was written."),
                 path, line, why);
  else
    g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID,
                 _("The sample disclosures’ data file %s: %s; nothing was written."), path, why);
  return FALSE;
}

/* DIR/NAME read, and not empty. */
static ShequSampleTable *
table_open (const char  *dir,
            const char  *name,
            GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(ShequSampleTable) table = shequ_sample_table_open (dir, name, &local);

  if (table == NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      bad_line (error, path, 0, "%s", local->message);
      return NULL;
    }
  if (shequ_sample_table_get_header (table) == NULL)
    {
      bad_line (error, shequ_sample_table_get_path (table), 0, _("the file is empty."));
      return NULL;
    }
  return g_steal_pointer (&table);
}

/* TABLE opened, with exactly the header HEADER. */
static ShequSampleTable *
table_open_with_header (const char  *dir,
                        const char  *name,
                        const char  *header,
                        GError     **error)
{
  g_autoptr(ShequSampleTable) table = table_open (dir, name, error);
  g_autoptr(GError) local = NULL;

  if (table == NULL)
    return NULL;
  if (!shequ_sample_table_check_header (table, header, &local))
    {
      bad_line (error, shequ_sample_table_get_path (table), 0, "%s", local->message);
      return NULL;
    }
  return g_steal_pointer (&table);
}

/* The next row of TABLE in *ROW: FALSE at the end (*ROW NULL) or at a row not as wide as
 * the header (*ROW that row, and *ERROR), so that after the loop "*ROW == NULL" says
 * every row was read. */
static gboolean
table_next (ShequSampleTable   *table,
            const ShequCsvRow **row,
            GError            **error)
{
  g_autoptr(GError) local = NULL;

  if (shequ_sample_table_next (table, row, &local))
    return TRUE;
  if (local != NULL)
    return bad_line (error, shequ_sample_table_get_path (table), 0, "%s", local->message);
  return FALSE;
}

/* ---- Checks of one field ---------------------------------------------------------------- */

/* The amount in COLUMN of TABLE's current row. */
static gboolean
parse_amount (ShequSampleTable  *table,
              guint              column,
              ShequFen          *fen,
              GError           **error)
{
  g_autoptr(GError) local = NULL;

  if (!shequ_sample_table_get_fen (table, column, fen, &local))
    return bad_line (error, shequ_sample_table_get_path (table), 0, "%s", local->message);
  return TRUE;
}

static gboolean
parse_period (const char  *text,
              char       **key,
              const char  *path,
              guint        line,
              GError     **error)
{
  if (!shequ_disclosure_period_parse (text, key))
    return bad_line (error, path, line,
                     _("“%s” is not a period (a year “2026”, a quarter “2026-Q3” or a month "
                       "“2026-10”)."), text);
  return TRUE;
}

static gboolean
parse_step (const char  *text,
            DsStep      *step,
            const char  *path,
            guint        line,
            GError     **error)
{
  if (!ds_step_from_string (text, step))
    return bad_line (error, path, line,
                     _("“%s” is not a state (none, draft, returned, submitted, approved, "
                       "published, corrected or withdrawn)."), text);
  return TRUE;
}

/* A reason is given exactly when STEP needs one. */
static gboolean
check_reason (DsStep       step,
              const char  *reason,
              const char  *path,
              guint        line,
              GError     **error)
{
  if (ds_step_needs_reason (step) && reason[0] == '\0')
    return bad_line (error, path, line, _("a disclosure “%s” needs a reason."),
                     ds_step_to_key (step));
  if (!ds_step_needs_reason (step) && reason[0] != '\0')
    return bad_line (error, path, line, _("a disclosure “%s” takes no reason."),
                     ds_step_to_key (step));
  return TRUE;
}

/* "all", "village" or "community": *TIERS. */
static gboolean
parse_tiers (const char *text,
             guint      *tiers)
{
  static const struct { const char *key; guint tiers; } keys[] = {
    { "all", DS_TIER_ALL }, { "village", DS_TIER_VILLAGE }, { "community", DS_TIER_COMMUNITY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (g_str_equal (text, keys[i].key))
      {
        *tiers = keys[i].tiers;
        return TRUE;
      }
  return FALSE;
}

static gboolean
is_village_or_community (ShequUnit *unit)
{
  return unit != NULL && (shequ_unit_get_tier (unit) == SHEQU_TIER_VILLAGE ||
                          shequ_unit_get_tier (unit) == SHEQU_TIER_COMMUNITY);
}

/* ---- disclosure-reviewers.csv ----------------------------------------------------------- */

/* Person CODE is called NAME and holds a post at the street: *OUT their name. */
static gboolean
check_street_person (ShequOrgStore  *org,
                     const char     *code,
                     const char     *name,
                     char          **out,
                     const char     *path,
                     guint           line,
                     GError        **error)
{
  ShequPerson *person = shequ_org_store_lookup_person_code (org, code);
  ShequUnit *street = shequ_org_store_get_street (org);
  GListModel *posts;

  if (person == NULL)
    return bad_line (error, path, line, _("people.csv has no person “%s”."), code);
  if (!g_str_equal (shequ_person_get_name (person), name))
    return bad_line (error, path, line, _("%s is called “%s” in people.csv, not “%s”."), code,
                     shequ_person_get_name (person), name);
  posts = shequ_person_get_posts (person);
  for (guint i = 0; i < g_list_model_get_n_items (posts); i++)
    {
      g_autoptr(ShequPost) post = g_list_model_get_item (posts, i);

      if (shequ_post_get_unit (post) == street)
        {
          g_free (*out);
          *out = g_strdup (name);
          return TRUE;
        }
    }
  return bad_line (error, path, line, _("%s (%s) holds no post at the street."), name, code);
}

static gboolean
read_reviewers (DsData         *data,
                ShequOrgStore  *org,
                const char     *dir,
                GError        **error)
{
  g_autoptr(ShequSampleTable) table =
    table_open_with_header (dir, "disclosure-reviewers.csv",
                            "kind,drafter_code,drafter,approver_code,approver", error);
  const ShequCsvRow *row = NULL;
  const char *path;

  if (table == NULL)
    return FALSE;
  path = shequ_sample_table_get_path (table);
  while (table_next (table, &row, error))
    {
      char **f = row->fields;
      ShequDisclosureKind kind;

      if (!shequ_disclosure_kind_from_string (f[0], &kind))
        return bad_line (error, path, row->line, _("“%s” is not a kind of disclosure."), f[0]);
      if (data->approvers[kind] != NULL)
        return bad_line (error, path, row->line, _("the kind “%s” has a line already."), f[0]);
      if (!check_street_person (org, f[1], f[2], &data->drafters[kind], path, row->line,
                                error) ||
          !check_street_person (org, f[3], f[4], &data->approvers[kind], path, row->line,
                                error))
        return FALSE;
      if (g_str_equal (f[1], f[3]))
        return bad_line (error, path, row->line,
                         _("the one who drafts a disclosure does not approve it too."));
    }
  if (row != NULL)
    return FALSE;
  for (guint k = 0; k < SHEQU_DISCLOSURE_N_KINDS; k++)
    if (data->approvers[k] == NULL)
      return bad_line (error, path, 0, _("the kind “%s” has no line."),
                       shequ_disclosure_kind_to_key (k));
  return TRUE;
}

/* ---- disclosure-finance-categories.csv ------------------------------------------------ */

static void
ds_category_free (DsCategory *category)
{
  g_free (category->category);
  g_free (category->note);
  g_free (category);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsCategory, ds_category_free)

/* "123": bits 0, 1, 2. */
static gboolean
parse_quarters (const char *text,
                guint      *quarters)
{
  *quarters = 0;
  for (const char *c = text; *c != '\0'; c++)
    {
      if (*c < '1' || *c > '4' || (*quarters & (1u << (*c - '1'))))
        return FALSE;
      *quarters |= 1u << (*c - '1');
    }
  return *quarters != 0;
}

static gboolean
read_category (DsData             *data,
               ShequSampleTable   *table,
               const ShequCsvRow  *row,
               GError            **error)
{
  const char *path = shequ_sample_table_get_path (table);
  g_autoptr(DsCategory) category = NULL;
  char **f = row->fields;
  DsCategory c = { 0, };

  if (!parse_tiers (f[0], &c.tiers))
    return bad_line (error, path, row->line,
                     _("“%s” is not “village”, “community” or “all”."), f[0]);
  if (!shequ_finance_direction_from_string (f[1], &c.direction))
    return bad_line (error, path, row->line, _("“%s” is not “income” or “expense”."), f[1]);
  if (f[2][0] == '\0')
    return bad_line (error, path, row->line, _("a line needs a category."));
  if (!parse_quarters (f[3], &c.quarters))
    return bad_line (error, path, row->line,
                     _("“%s” is not a set of quarters (digits 1 to 4, each once: “123”)."), f[3]);
  if (!parse_amount (table, 4, &c.low, error) || !parse_amount (table, 5, &c.high, error))
    return FALSE;
  if (c.low <= 0 || c.low > c.high)
    return bad_line (error, path, row->line,
                     _("the amounts must be above zero and the low one not above the high one."));
  category = g_memdup2 (&c, sizeof c);
  category->category = g_strdup (f[2]);
  category->note = g_strdup (f[6]);
  g_ptr_array_add (data->categories, g_steal_pointer (&category));
  return TRUE;
}

static gboolean
read_categories (DsData      *data,
                 const char  *dir,
                 GError     **error)
{
  g_autoptr(ShequSampleTable) table =
    table_open_with_header (dir, "disclosure-finance-categories.csv",
                            "tier,direction,category,quarters,low,high,note", error);
  const ShequCsvRow *row = NULL;

  if (table == NULL)
    return FALSE;
  while (table_next (table, &row, error))
    if (!read_category (data, table, row, error))
      return FALSE;
  return row == NULL;
}

/* ---- disclosure-finance-units.csv ------------------------------------------------------ */

static void
ds_finance_unit_free (DsFinanceUnit *unit)
{
  g_free (unit->unit_code);
  g_free (unit->steps);
  g_free (unit->reason);
  g_free (unit);
}

/* The header: unit_code,name,opening, then the quarters, then reason. */
static gboolean
read_finance_periods (DsData            *data,
                      ShequSampleTable  *table,
                      GError           **error)
{
  const ShequCsvRow *header = shequ_sample_table_get_header (table);
  const char *path = shequ_sample_table_get_path (table);
  g_autoptr(GStrvBuilder) periods = g_strv_builder_new ();
  static const char head[] = "unit_code,name,opening,2026-Q1,…,reason";

  if (header->n_fields < 5 || !g_str_equal (header->fields[0], "unit_code") ||
      !g_str_equal (header->fields[1], "name") || !g_str_equal (header->fields[2], "opening") ||
      !g_str_equal (header->fields[header->n_fields - 1], "reason"))
    return bad_line (error, path, 1, _("the header must be “%s”."), head);
  for (guint i = 3; i + 1 < header->n_fields; i++)
    {
      g_autofree char *key = NULL;

      if (!parse_period (header->fields[i], &key, path, 1, error))
        return FALSE;
      if (strstr (key, "-Q") == NULL)
        return bad_line (error, path, 1, _("“%s” is not a quarter (“2026-Q1”)."),
                         header->fields[i]);
      g_strv_builder_add (periods, key);
    }
  data->periods = g_strv_builder_end (periods);
  for (guint i = 0; data->periods[i] != NULL; i++)
    for (guint j = 0; j < i; j++)
      if (g_str_equal (data->periods[i], data->periods[j]))
        return bad_line (error, path, 1, _("the quarter “%s” is named twice."),
                         data->periods[i]);
  return TRUE;
}

static gboolean
read_finance_unit (DsData             *data,
                   ShequOrgStore      *org,
                   GHashTable         *seen,
                   ShequSampleTable   *table,
                   const ShequCsvRow  *row,
                   GError            **error)
{
  const char *path = shequ_sample_table_get_path (table);
  char **f = row->fields;
  guint n_periods = g_strv_length (data->periods);
  ShequUnit *unit = shequ_org_store_lookup_code (org, f[0]);
  DsFinanceUnit *line;
  DsStep *steps = g_newa (DsStep, n_periods);
  ShequFen opening = 0;
  guint n_reasons = 0;
  DsStep reasoned = DS_STEP_PUBLISHED;

  if (!is_village_or_community (unit))
    return bad_line (error, path, row->line, _("“%s” is no community or village of the street."),
                     f[0]);
  if (!g_str_equal (shequ_unit_get_name (unit), f[1]))
    return bad_line (error, path, row->line, _("%s is called “%s” in units.csv, not “%s”."),
                     f[0], shequ_unit_get_name (unit), f[1]);
  if (!g_hash_table_add (seen, unit))
    return bad_line (error, path, row->line, _("%s has a line already."), f[1]);
  if (!parse_amount (table, 2, &opening, error))
    return FALSE;
  for (guint p = 0; p < n_periods; p++)
    {
      if (!parse_step (f[3 + p], &steps[p], path, row->line, error))
        return FALSE;
      if (ds_step_needs_reason (steps[p]))
        {
          reasoned = steps[p];
          n_reasons++;
        }
    }
  if (n_reasons > 1)
    return bad_line (error, path, row->line,
                     _("only one quarter of a line may be returned, corrected or withdrawn (it "
                       "takes the line’s reason)."));
  if (!check_reason (reasoned, f[3 + n_periods], path, row->line, error))
    return FALSE;

  line = g_new0 (DsFinanceUnit, 1);
  line->line = row->line;
  line->unit_code = g_strdup (f[0]);
  line->opening = opening;
  line->steps = g_memdup2 (steps, n_periods * sizeof *steps);
  line->reason = g_strdup (f[3 + n_periods]);
  g_ptr_array_add (data->finance, line);
  return TRUE;
}

static gboolean
read_finance_units (DsData         *data,
                    ShequOrgStore  *org,
                    const char     *dir,
                    GError        **error)
{
  g_autoptr(ShequSampleTable) table = table_open (dir, "disclosure-finance-units.csv", error);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  const ShequCsvRow *row = NULL;
  GPtrArray *units;

  if (table == NULL || !read_finance_periods (data, table, error))
    return FALSE;
  while (table_next (table, &row, error))
    if (!read_finance_unit (data, org, seen, table, row, error))
      return FALSE;
  if (row != NULL)
    return FALSE;
  /* Every community and village has its line: none is left out by mistake. */
  units = shequ_org_store_get_units (org);
  for (guint i = 0; i < units->len; i++)
    {
      ShequUnit *unit = g_ptr_array_index (units, i);

      if (is_village_or_community (unit) && !g_hash_table_contains (seen, unit))
        return bad_line (error, shequ_sample_table_get_path (table), 0, _("%s (%s) has no line."),
                         shequ_unit_get_name (unit), shequ_unit_get_code (unit));
    }
  return TRUE;
}

/* ---- disclosure-finance-text.csv ---------------------------------------------------- */

static gboolean
read_finance_text (DsData      *data,
                   const char  *dir,
                   GError     **error)
{
  g_autoptr(ShequSampleTable) table =
    table_open_with_header (dir, "disclosure-finance-text.csv", "title,body,correction", error);
  const ShequCsvRow *row = NULL;
  char **f;

  if (table == NULL)
    return FALSE;
  if (shequ_sample_table_get_n_rows (table) != 1)
    return bad_line (error, shequ_sample_table_get_path (table), 0,
                     _("the file must have exactly one line."));
  if (!table_next (table, &row, error))
    return FALSE;
  f = row->fields;
  if (f[0][0] == '\0' || strstr (f[2], "{reason}") == NULL)
    return bad_line (error, shequ_sample_table_get_path (table), row->line,
                     _("the title must not be empty, and the correction must name {reason}."));
  data->finance_title = g_strdup (f[0]);
  data->finance_body = g_strdup (f[1]);
  data->correction = g_strdup (f[2]);
  return TRUE;
}

/* ---- disclosure-items.csv, disclosure-guides.csv ------------------------------------ */

static void
ds_item_free (DsItem *item)
{
  g_free (item->unit_code);
  g_free (item->period);
  g_free (item->title);
  g_free (item->body);
  g_free (item->reason);
  g_clear_pointer (&item->guide, shequ_policy_guide_free);
  g_free (item);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsItem, ds_item_free)

/* The unit, period, state and title of a line, the fields common to both files:
 * UNIT ("all", "village", "community" or a code; TIER_WIDE whether the first three may
 * be), PERIOD, STATE, TITLE. */
static DsItem *
read_item_head (ShequOrgStore      *org,
                const ShequCsvRow  *row,
                char              **f,
                gboolean            tier_wide,
                const char         *path,
                GError            **error)
{
  g_autoptr(DsItem) item = g_new0 (DsItem, 1);

  item->line = row->line;
  if (tier_wide && parse_tiers (f[0], &item->tiers))
    item->unit_code = NULL;
  else if (shequ_org_store_lookup_code (org, f[0]) != NULL)
    item->unit_code = g_strdup (f[0]);
  else
    {
      bad_line (error, path, row->line, tier_wide
                ? _("“%s” is no unit of the street, nor “all”, “village” or “community”.")
                : _("“%s” is no unit of the street."), f[0]);
      return NULL;
    }
  if (!parse_period (f[1], &item->period, path, row->line, error) ||
      !parse_step (f[2], &item->step, path, row->line, error))
    return NULL;
  if (item->step == DS_STEP_NONE)
    {
      bad_line (error, path, row->line, _("a line of this file is a disclosure: not “none”."));
      return NULL;
    }
  if (f[3][0] == '\0' || g_utf8_strlen (f[3], -1) > SHEQU_DISCLOSURE_TITLE_MAX / 2)
    {
      bad_line (error, path, row->line, _("a title of 1 to %d characters is needed."),
                SHEQU_DISCLOSURE_TITLE_MAX / 2);
      return NULL;
    }
  item->title = g_strdup (f[3]);
  return g_steal_pointer (&item);
}

/* unit,kind,period,state,title,body,reason */
static gboolean
read_item (DsData             *data,
           ShequOrgStore      *org,
           const ShequCsvRow  *row,
           const char         *path,
           GError            **error)
{
  char **f = row->fields;
  char *head[] = { f[0], f[2], f[3], f[4] };
  g_autoptr(DsItem) item = read_item_head (org, row, head, TRUE, path, error);

  if (item == NULL)
    return FALSE;
  if (!shequ_disclosure_kind_from_string (f[1], &item->kind))
    return bad_line (error, path, row->line, _("“%s” is not a kind of disclosure."), f[1]);
  if (item->kind == SHEQU_DISCLOSURE_KIND_FINANCE || item->kind == SHEQU_DISCLOSURE_KIND_POLICY)
    return bad_line (error, path, row->line,
                     _("finance disclosures and policy guides have files of their own."));
  if (!check_reason (item->step, f[6], path, row->line, error))
    return FALSE;
  item->file = "disclosure-items.csv";
  item->body = g_strdup (f[5]);
  item->reason = g_strdup (f[6]);
  g_ptr_array_add (data->items, g_steal_pointer (&item));
  return TRUE;
}

/* unit,period,state,title,topic,body,eligibility,materials,steps,contacts */
static gboolean
read_guide (DsData             *data,
            ShequOrgStore      *org,
            const ShequCsvRow  *row,
            const char         *path,
            GError            **error)
{
  char **f = row->fields;
  g_autoptr(DsItem) item = read_item_head (org, row, f, FALSE, path, error);

  if (item == NULL)
    return FALSE;
  if (item->step > DS_STEP_PUBLISHED || item->step == DS_STEP_RETURNED)
    return bad_line (error, path, row->line,
                     _("a guide is “draft”, “submitted”, “approved” or “published”."));
  if (f[4][0] == '\0')
    return bad_line (error, path, row->line, _("a guide needs a topic."));
  item->file = "disclosure-guides.csv";
  item->kind = SHEQU_DISCLOSURE_KIND_POLICY;
  item->body = g_strdup (f[5]);
  item->reason = g_strdup ("");
  item->guide = g_new0 (ShequPolicyGuide, 1);
  item->guide->topic = g_strdup (f[4]);
  item->guide->eligibility = g_strdup (f[6]);
  item->guide->materials = g_strdup (f[7]);
  item->guide->steps = g_strdup (f[8]);
  item->guide->contacts = g_strdup (f[9]);
  g_ptr_array_add (data->items, g_steal_pointer (&item));
  return TRUE;
}

typedef gboolean (*ItemFunc) (DsData *, ShequOrgStore *, const ShequCsvRow *, const char *,
                              GError **);

static gboolean
read_items (DsData         *data,
            ShequOrgStore  *org,
            const char     *dir,
            const char     *name,
            const char     *header,
            ItemFunc        func,
            GError        **error)
{
  g_autoptr(ShequSampleTable) table = table_open_with_header (dir, name, header, error);
  const ShequCsvRow *row = NULL;

  if (table == NULL)
    return FALSE;
  while (table_next (table, &row, error))
    if (!func (data, org, row, shequ_sample_table_get_path (table), error))
      return FALSE;
  return row == NULL;
}

/* ---------------------------------------------------------------------------------- */

void
ds_data_free (DsData *data)
{
  if (data == NULL)
    return;
  for (guint k = 0; k < SHEQU_DISCLOSURE_N_KINDS; k++)
    {
      g_free (data->drafters[k]);
      g_free (data->approvers[k]);
    }
  g_clear_pointer (&data->categories, g_ptr_array_unref);
  g_strfreev (data->periods);
  g_clear_pointer (&data->finance, g_ptr_array_unref);
  g_free (data->finance_title);
  g_free (data->finance_body);
  g_free (data->correction);
  g_clear_pointer (&data->items, g_ptr_array_unref);
  g_free (data);
}

DsData *
ds_data_read (const char     *dir,
              ShequOrgStore  *org,
              GError        **error)
{
  g_autoptr(DsData) data = g_new0 (DsData, 1);

  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (org), NULL);

  data->categories = g_ptr_array_new_with_free_func ((GDestroyNotify) ds_category_free);
  data->finance = g_ptr_array_new_with_free_func ((GDestroyNotify) ds_finance_unit_free);
  data->items = g_ptr_array_new_with_free_func ((GDestroyNotify) ds_item_free);
  if (shequ_org_store_get_street (org) == NULL)
    {
      g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID,
                   _("The sample disclosures need the sample street; the database has none."));
      return NULL;
    }
  if (!read_reviewers (data, org, dir, error) ||
      !read_categories (data, dir, error) ||
      !read_finance_units (data, org, dir, error) ||
      !read_finance_text (data, dir, error) ||
      !read_items (data, org, dir, "disclosure-items.csv",
                   "unit,kind,period,state,title,body,reason", read_item, error) ||
      !read_items (data, org, dir, "disclosure-guides.csv",
                   "unit,period,state,title,topic,body,eligibility,materials,steps,contacts",
                   read_guide, error))
    return NULL;
  return g_steal_pointer (&data);
}
