/* shequ-io-units.c — importing units from CSV and JSON */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-io"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-io-private.h"
#include "shequ-text.h"

/* ------------------------------------------------------------------------------------ */
/* Importing units                                                                      */

typedef struct {
  Record    *record;
  const char *code;          /* NULL when the code is unusable */
  const char *parent_code;   /* "" for none */
  ShequTier  tier;
  gboolean   tier_ok;
  gint64     population;
  gint64     households;
  /* Against the tree: set afresh by each attempt of _apply, on the main thread. */
  ShequUnit *existing;
  gint64     id;
  guint      depth;
} UnitLine;

typedef struct {
  ShequOrgStore *store;
  GHashTable    *lines_by_code;   /* code → UnitLine, the file's */
} UnitTree;

/* The parent code of CODE in the tree after the import: the file's when it has CODE,
 * else the database's. NULL for a root or an unknown code. */
static const char *
unit_tree_parent_of (UnitTree   *tree,
                     const char *code)
{
  UnitLine *line = g_hash_table_lookup (tree->lines_by_code, code);
  ShequUnit *unit;
  ShequUnit *parent;

  if (line != NULL)
    return line->parent_code[0] != '\0' ? line->parent_code : NULL;
  unit = shequ_org_store_lookup_code (tree->store, code);
  parent = unit != NULL ? shequ_unit_get_parent (unit) : NULL;
  return parent != NULL ? shequ_unit_get_code (parent) : NULL;
}

static void
check_unit_cycles (UnitTree  *tree,
                   GPtrArray *lines,
                   Problems  *problems)
{
  g_autoptr(GHashTable) done = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < lines->len; i++)
    {
      UnitLine *line = g_ptr_array_index (lines, i);
      g_autoptr(GPtrArray) path = g_ptr_array_new ();
      g_autoptr(GHashTable) on_path = g_hash_table_new (g_str_hash, g_str_equal);
      const char *code = line->code;

      if (code == NULL || g_hash_table_lookup (tree->lines_by_code, code) != line)
        continue;

      while (code != NULL && !g_hash_table_contains (done, code))
        {
          if (g_hash_table_contains (on_path, code))
            {
              g_autoptr(GString) cycle = g_string_new (NULL);
              g_autoptr(GPtrArray) members = g_ptr_array_new ();
              UnitLine *first = NULL;
              guint start = 0;

              while (!g_str_equal (g_ptr_array_index (path, start), code))
                start++;
              for (guint k = start; k < path->len; k++)
                {
                  const char *member = g_ptr_array_index (path, k);
                  UnitLine *member_line = g_hash_table_lookup (tree->lines_by_code, member);

                  g_ptr_array_add (members, (gpointer) member);
                  if (member_line != NULL &&
                      (first == NULL || member_line->record->number < first->record->number))
                    first = member_line;
                }
              /* A cycle through 10,000 units is named by its first few. */
              if (members->len < SHEQU_TEXT_MAX_LISTED)
                g_ptr_array_add (members, (gpointer) code);
              shequ_text_append_capped (cycle, (const char * const *) members->pdata,
                                        members->len, " → ", SHEQU_TEXT_MAX_LISTED);
              _shequ_io_problem_add (problems, first != NULL ? first->record : line->record,
                                     _("the parent codes form a cycle: %s"), cycle->str);
              break;
            }
          g_hash_table_add (on_path, (gpointer) code);
          g_ptr_array_add (path, (gpointer) code);
          code = unit_tree_parent_of (tree, code);
        }

      for (guint k = 0; k < path->len; k++)
        g_hash_table_add (done, g_ptr_array_index (path, k));
    }
}

/* What LINE's figures are after the import: the file's when it has the column, else the
 * database's. */
static void
unit_line_figures (const UnitLine *line,
                   gint64         *population,
                   gint64         *households)
{
  const Record *record = line->record;

  *population = record->values[U_POPULATION] != NULL || line->existing == NULL
    ? line->population : shequ_unit_get_population (line->existing);
  *households = record->values[U_HOUSEHOLDS] != NULL || line->existing == NULL
    ? line->households : shequ_unit_get_households (line->existing);
}

/* Figures are entered on the units at the bottom of the tree; a unit with sub-units after
 * the import has none of its own, or they would be counted twice. The import never moves
 * figures by itself (the GUI asks first, a file cannot be asked): it names the line. */
/* A new or moved unit under one of the database, not in the file, that keeps its
 * figures. */
static void
check_figures_of_parent_in_database (ShequIoImport  *import,
                                     ShequOrgStore  *store,
                                     const UnitLine *line,
                                     Problems       *problems)
{
  ShequUnit *parent;

  if (line->parent_code[0] == '\0' ||
      g_hash_table_contains (import->lines_by_code, line->parent_code) ||
      (line->existing != NULL && shequ_unit_get_parent (line->existing) != NULL &&
       g_strcmp0 (shequ_unit_get_code (shequ_unit_get_parent (line->existing)),
                  line->parent_code) == 0))
    return;

  parent = shequ_org_store_lookup_code (store, line->parent_code);
  if (parent != NULL && line->tier_ok &&
      shequ_tier_can_hold (shequ_unit_get_tier (parent), line->tier) &&
      (shequ_unit_get_population (parent) != 0 || shequ_unit_get_households (parent) != 0))
    _shequ_io_problem_add (problems, line->record,
                           _("its parent “%s” (%s) has its own %s and %s in the database, "
                             "which would be counted twice; add a line for the parent with "
                             "them empty and give them to its sub-units"),
                           shequ_unit_get_name (parent), line->parent_code,
                           _shequ_io_column_label (import->spec, &import->table, U_POPULATION),
                           _shequ_io_column_label (import->spec, &import->table, U_HOUSEHOLDS));
}

/* The name of a sub-unit LINE's unit has after the import, NULL when it has none. */
static const char *
unit_line_child_name (ShequIoImport  *import,
                      GHashTable     *first_child,
                      const UnitLine *line)
{
  UnitLine *child_line = g_hash_table_lookup (first_child, line->code);

  if (child_line != NULL)
    return _shequ_io_record_get (child_line->record, U_NAME);
  if (line->existing == NULL)
    return NULL;
  for (guint c = 0; c < shequ_unit_get_n_children (line->existing); c++)
    {
      ShequUnit *child = shequ_unit_get_child (line->existing, c);
      UnitLine *moved = g_hash_table_lookup (import->lines_by_code, shequ_unit_get_code (child));

      if (moved == NULL || g_strcmp0 (moved->parent_code, line->code) == 0)
        return shequ_unit_get_name (child);
    }
  return NULL;
}

/* Figures are entered on the units at the bottom of the tree; a unit with sub-units after
 * the import has none of its own, or they would be counted twice. The import never moves
 * figures by itself (the GUI asks first, a file cannot be asked): it names the line. */
static void
check_unit_figures (ShequIoImport *import,
                    ShequOrgStore *store,
                    Problems      *problems)
{
  g_autoptr(GHashTable) first_child = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *lines = import->lines;

  for (guint i = 0; i < lines->len; i++)
    {
      UnitLine *line = g_ptr_array_index (lines, i);

      if (line->code != NULL && line->parent_code[0] != '\0' &&
          !g_hash_table_contains (first_child, line->parent_code))
        g_hash_table_insert (first_child, (gpointer) line->parent_code, line);
    }

  for (guint i = 0; i < lines->len; i++)
    {
      UnitLine *line = g_ptr_array_index (lines, i);
      const char *child_name;
      gint64 population_after, households_after;

      if (line->code == NULL || g_hash_table_lookup (import->lines_by_code, line->code) != line)
        continue;

      check_figures_of_parent_in_database (import, store, line, problems);

      unit_line_figures (line, &population_after, &households_after);
      if (population_after == 0 && households_after == 0)
        continue;
      /* Figures the database already holds there are not the file's doing (as in the
       * store: they do not block the import, and can be cleared). */
      if (line->existing != NULL &&
          population_after == shequ_unit_get_population (line->existing) &&
          households_after == shequ_unit_get_households (line->existing))
        continue;
      child_name = unit_line_child_name (import, first_child, line);
      if (child_name != NULL)
        _shequ_io_problem_add (problems, line->record,
                               _("this unit has sub-units (such as “%s”), so its %s and %s must be "
                                 "empty: they are the sum of its sub-units’ figures"),
                               child_name,
                               _shequ_io_column_label (import->spec, &import->table, U_POPULATION),
                               _shequ_io_column_label (import->spec, &import->table, U_HOUSEHOLDS));
    }
}

static guint
unit_tree_depth (UnitTree   *tree,
                 const char *code)
{
  guint depth = 0;

  /* Cycles have been refused before this is called. */
  while ((code = unit_tree_parent_of (tree, code)) != NULL)
    depth++;
  return depth;
}

static int
compare_unit_lines_by_depth (gconstpointer a,
                             gconstpointer b)
{
  const UnitLine *line_a = *(UnitLine **) a;
  const UnitLine *line_b = *(UnitLine **) b;

  if (line_a->depth != line_b->depth)
    return line_a->depth < line_b->depth ? -1 : 1;
  return line_a->record->number < line_b->record->number ? -1 :
         line_a->record->number > line_b->record->number;
}

static gboolean
unit_rows_equal (const ShequUnitRow *a,
                 const ShequUnitRow *b)
{
  return a->id == b->id && a->parent_id == b->parent_id && a->tier == b->tier &&
         g_strcmp0 (a->code, b->code) == 0 && g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->party_body, b->party_body) == 0 &&
         g_strcmp0 (a->service_body, b->service_body) == 0 &&
         g_strcmp0 (a->note && *a->note ? a->note : NULL, b->note && *b->note ? b->note : NULL) == 0 &&
         a->population == b->population && a->households == b->households;
}

/* The file's value when it has one, else the database's unless it followed the tier's
 * naming (then it is derived again for the new name and tier); else the derived name. */
static char *
pick_body (const char   *file_value,
           ShequUnit    *existing,
           const char   *old_value,
           ShequTier     tier,
           const char   *name,
           const char   *parent_name,
           gboolean      party)
{
  if (file_value != NULL && file_value[0] != '\0')
    return g_strdup (file_value);
  if (file_value == NULL && existing != NULL && old_value != NULL && old_value[0] != '\0')
    {
      ShequUnit *old_parent = shequ_unit_get_parent (existing);

      if (!shequ_tier_is_derived_body (old_value, party, shequ_unit_get_tier (existing),
                                       shequ_unit_get_name (existing),
                                       old_parent != NULL ? shequ_unit_get_name (old_parent) : NULL))
        return g_strdup (old_value);
    }
  return party ? shequ_tier_derive_party_body (tier, name, parent_name)
               : shequ_tier_derive_service_body (tier, name, parent_name);
}

/* ------------------------------------------------------------------------------------ */
/* Reading: each line on its own                                                        */

static void
check_unit_code_unique (RowCheck *row)
{
  UnitLine *line = row->line;
  const char *code = _shequ_io_record_get (row->record, U_CODE);
  UnitLine *first = g_hash_table_lookup (row->import->lines_by_code, code);

  if (first != NULL)
    {
      _shequ_io_row_add_problem (row, U_CODE, NULL, _("the code “%s” is already used on %s"),
                                 code, first->record->ref);
      return;
    }
  line->code = code;
  g_hash_table_insert (row->import->lines_by_code, (gpointer) code, line);
}

static void
check_unit_tier (RowCheck *row)
{
  UnitLine *line = row->line;
  const char *tier = _shequ_io_record_get (row->record, U_TIER);
  const char *tiers = row->import->choices;

  if (tier[0] == '\0')
    _shequ_io_row_add_problem (row, U_TIER, NULL, _("the tier is empty; use one of %s"), tiers);
  else if (!shequ_tier_from_string (tier, &line->tier))
    _shequ_io_row_add_problem (row, U_TIER, tier, _("the tier is not one of %s"), tiers);
  else
    line->tier_ok = TRUE;
}

/* Whether the line has a parent code as its tier needs; the code itself is checked
 * after this. */
static void
check_unit_parent_given (RowCheck *row)
{
  UnitLine *line = row->line;
  const char *parent = line->parent_code;

  if (!line->tier_ok)
    return;
  if (line->tier == SHEQU_TIER_STREET && parent[0] != '\0')
    _shequ_io_row_add_problem (row, U_PARENT, NULL,
                               _("a street is the top of the tree, but the parent code “%s” is "
                                 "given"),
                               parent);
  else if (line->tier != SHEQU_TIER_STREET && parent[0] == '\0' &&
           row->import->table.has[U_PARENT])
    _shequ_io_row_add_problem (row, U_PARENT, NULL, _("the parent code is empty"));
}

static const RowRule unit_rules[] = {
  { RULE_REQUIRED, U_CODE,       N_("the code is empty"), NULL },
  { RULE_CODE,     U_CODE,       NULL,                    NULL },
  { RULE_CUSTOM,   U_CODE,       NULL,                    check_unit_code_unique },
  { RULE_REQUIRED, U_NAME,       N_("the name is empty"), NULL },
  { RULE_CUSTOM,   U_TIER,       NULL,                    check_unit_tier },
  { RULE_CUSTOM,   U_PARENT,     NULL,                    check_unit_parent_given },
  { RULE_CODE,     U_PARENT,     NULL,                    NULL },
  { RULE_COUNT,    U_POPULATION, NULL,                    NULL },
  { RULE_COUNT,    U_HOUSEHOLDS, NULL,                    NULL },
};

/* Tiers are named as the file names them: in Chinese when its header or its tiers are. */
static gboolean
unit_table_is_chinese (const Table *table)
{
  if (table->chinese)
    return TRUE;
  for (guint i = 0; i < table->records->len; i++)
    if (!_shequ_io_is_ascii (_shequ_io_record_get (g_ptr_array_index (table->records, i),
                                                   U_TIER)))
      return TRUE;
  return FALSE;
}

gboolean
_shequ_io_units_read (ShequIoImport  *import,
                      GError        **error)
{
  const Table *table = &import->table;
  gboolean any_non_street = FALSE;

  import->chinese = unit_table_is_chinese (table);
  import->choices = _shequ_io_list_tiers (import->chinese);
  import->lines = g_ptr_array_new_with_free_func (g_free);
  import->lines_by_code = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < table->records->len; i++)
    {
      Record *record = g_ptr_array_index (table->records, i);
      UnitLine *line = g_new0 (UnitLine, 1);
      RowCheck row = { import, record, line, 0, { 0 } };

      line->record = record;
      line->parent_code = _shequ_io_record_get (record, U_PARENT);
      g_ptr_array_add (import->lines, line);

      _shequ_io_check_row (&row, unit_rules, G_N_ELEMENTS (unit_rules));
      line->population = row.counts[U_POPULATION];
      line->households = row.counts[U_HOUSEHOLDS];
      if (line->tier_ok && line->tier != SHEQU_TIER_STREET)
        any_non_street = TRUE;
    }

  if (any_non_street && !table->has[U_PARENT])
    {
      g_autoptr(GString) column = g_string_new (NULL);

      _shequ_io_append_column_name (column, &_shequ_io_unit_columns[U_PARENT], table->chinese);
      g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_FORMAT,
                   _("%s: the header row lacks the column %s, "
                     "which every unit but the street needs"),
                   import->filename, column->str);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------------------ */
/* Applying: the lines against each other and against the tree                          */

/* Every line's parent is in the file or the database, of a tier that can hold it. */
static void
check_unit_parents (ShequIoImport *import,
                    ShequOrgStore *store,
                    Problems      *problems)
{
  for (guint i = 0; i < import->lines->len; i++)
    {
      UnitLine *line = g_ptr_array_index (import->lines, i);
      UnitLine *parent_line;
      ShequUnit *parent_unit = NULL;
      ShequTier parent_tier;
      const char *parent_name;
      g_autofree char *parent_text = NULL;

      if (line->parent_code[0] == '\0' || !_shequ_io_is_digits (line->parent_code))
        continue;

      parent_line = g_hash_table_lookup (import->lines_by_code, line->parent_code);
      if (parent_line == NULL)
        parent_unit = shequ_org_store_lookup_code (store, line->parent_code);
      if (parent_line == NULL && parent_unit == NULL)
        {
          _shequ_io_problem_add (problems, line->record,
                                 _("the parent code “%s” is neither in this file nor in the "
                                   "database"),
                                 line->parent_code);
          continue;
        }
      if (!line->tier_ok || (parent_line != NULL && !parent_line->tier_ok))
        continue;

      parent_tier = parent_line != NULL ? parent_line->tier : shequ_unit_get_tier (parent_unit);
      if (shequ_tier_can_hold (parent_tier, line->tier))
        continue;
      parent_name = parent_line != NULL ? _shequ_io_record_get (parent_line->record, U_NAME)
                                        : shequ_unit_get_name (parent_unit);
      parent_text = g_strdup_printf ("%s (%s)", parent_name, line->parent_code);
      _shequ_io_problem_add_value (problems, line->record, parent_text,
                                   _("the parent is of tier %s, which cannot hold a unit of "
                                     "tier %s"),
                                   _shequ_io_tier_name (parent_tier, import->chinese),
                                   _shequ_io_tier_name (line->tier, import->chinese));
    }
}

/* Units that stay in the database under a unit whose tier the file changes. */
static void
check_kept_children (ShequIoImport *import,
                     Problems      *problems)
{
  for (guint i = 0; i < import->lines->len; i++)
    {
      UnitLine *line = g_ptr_array_index (import->lines, i);

      if (line->existing == NULL || !line->tier_ok)
        continue;
      for (guint c = 0; c < shequ_unit_get_n_children (line->existing); c++)
        {
          ShequUnit *child = shequ_unit_get_child (line->existing, c);

          if (g_hash_table_contains (import->lines_by_code, shequ_unit_get_code (child)))
            continue;
          if (!shequ_tier_can_hold (line->tier, shequ_unit_get_tier (child)))
            {
              _shequ_io_problem_add (problems, line->record,
                                     _("“%s” (%s, %s) in the database is under this unit, "
                                       "and a unit of tier %s cannot hold it"),
                                     shequ_unit_get_name (child), shequ_unit_get_code (child),
                                     _shequ_io_tier_name (shequ_unit_get_tier (child),
                                                          import->chinese),
                                     _shequ_io_tier_name (line->tier, import->chinese));
              break;
            }
        }
    }
}

/* The row LINE writes: the file's values, the database's where the file has no column. */
static ShequUnitRow *
unit_line_to_row (ShequIoImport      *import,
                  ShequOrgStore      *store,
                  const UnitLine     *line,
                  const ShequUnitRow *old)
{
  Record *record = line->record;
  g_autoptr(ShequUnitRow) row = shequ_unit_row_new ();
  const char *name = _shequ_io_record_get (record, U_NAME);
  const char *parent_name = NULL;

  row->id = line->id;
  row->tier = line->tier;
  row->code = g_strdup (line->code);
  row->name = g_strdup (name);
  if (line->parent_code[0] != '\0')
    {
      UnitLine *parent_line = g_hash_table_lookup (import->lines_by_code, line->parent_code);
      ShequUnit *parent_unit = parent_line == NULL
        ? shequ_org_store_lookup_code (store, line->parent_code) : NULL;

      row->parent_id = parent_line != NULL ? parent_line->id : shequ_unit_get_id (parent_unit);
      parent_name = parent_line != NULL ? _shequ_io_record_get (parent_line->record, U_NAME)
                                        : shequ_unit_get_name (parent_unit);
    }
  row->party_body = pick_body (record->values[U_PARTY], line->existing,
                               old != NULL ? old->party_body : NULL,
                               line->tier, name, parent_name, TRUE);
  row->service_body = pick_body (record->values[U_SERVICE], line->existing,
                                 old != NULL ? old->service_body : NULL,
                                 line->tier, name, parent_name, FALSE);
  if (record->values[U_NOTE] != NULL)
    row->note = record->values[U_NOTE][0] != '\0' ? g_strdup (record->values[U_NOTE]) : NULL;
  else
    row->note = old != NULL ? g_strdup (old->note) : NULL;
  row->population = record->values[U_POPULATION] != NULL || old == NULL
    ? line->population : old->population;
  row->households = record->values[U_HOUSEHOLDS] != NULL || old == NULL
    ? line->households : old->households;
  return g_steal_pointer (&row);
}

/* The lines parents first, so every row's parent exists when it is written; new units
 * take their ids in that order too. */
static GPtrArray *
sort_unit_lines_parents_first (ShequIoImport *import,
                               ShequOrgStore *store)
{
  UnitTree tree = { store, import->lines_by_code };
  GPtrArray *lines = g_ptr_array_copy (import->lines, NULL, NULL);

  /* The copy borrows the lines. */
  g_ptr_array_set_free_func (lines, NULL);

  for (guint i = 0; i < lines->len; i++)
    {
      UnitLine *line = g_ptr_array_index (lines, i);

      line->depth = unit_tree_depth (&tree, line->code);
    }
  g_ptr_array_sort (lines, compare_unit_lines_by_depth);
  for (guint i = 0; i < lines->len; i++)
    {
      UnitLine *line = g_ptr_array_index (lines, i);

      line->id = line->existing != NULL ? shequ_unit_get_id (line->existing)
                                        : shequ_org_store_allocate_unit_id (store);
    }
  return lines;
}

static ShequOrgChange *
build_unit_change (ShequIoImport *import,
                   ShequOrgStore *store)
{
  g_autoptr(GPtrArray) lines = sort_unit_lines_parents_first (import, store);
  ShequOrgChange *change;

  change = shequ_org_change_new (SHEQU_ORG_ORIGIN_IMPORT, _("Import units"));
  shequ_org_change_set_bulk (change, TRUE);
  for (guint i = 0; i < lines->len; i++)
    {
      UnitLine *line = g_ptr_array_index (lines, i);
      g_autoptr(ShequUnitRow) old = line->existing != NULL ? shequ_unit_to_row (line->existing) : NULL;
      g_autoptr(ShequUnitRow) row = unit_line_to_row (import, store, line, old);

      if (old != NULL && unit_rows_equal (old, row))
        continue;
      shequ_org_change_put_unit (change, g_steal_pointer (&row));
    }
  return change;
}

/* One attempt: the tree may change under a retry, so all of it is looked up again. */
gboolean
_shequ_io_units_apply (ShequIoImport  *import,
                       ShequOrgStore  *store,
                       guint          *n_units,
                       GError        **error)
{
  UnitTree tree = { store, import->lines_by_code };
  g_auto(Problems) problems = { NULL };

  _shequ_io_problems_init (&problems);
  _shequ_io_problems_append (&problems, &import->problems, 0, import->problems.list->len);
  for (guint i = 0; i < import->lines->len; i++)
    {
      UnitLine *line = g_ptr_array_index (import->lines, i);

      line->existing = line->code != NULL ? shequ_org_store_lookup_code (store, line->code)
                                          : NULL;
      line->id = 0;
      line->depth = 0;
    }

  check_unit_parents (import, store, &problems);
  check_kept_children (import, &problems);
  check_unit_cycles (&tree, import->lines, &problems);
  check_unit_figures (import, store, &problems);
  if (!_shequ_io_problems_to_error (&problems, import->filename, error))
    return FALSE;

  if (!_shequ_io_apply_change (import, store, build_unit_change (import, store), error))
    return FALSE;
  if (n_units != NULL)
    *n_units = import->lines->len;
  return TRUE;
}
