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
static void
check_unit_figures (const TableSpec *spec,
                    const Table     *table,
                    ShequOrgStore   *store,
                    GPtrArray       *lines,
                    GHashTable      *lines_by_code,
                    Problems        *problems)
{
  g_autoptr(GHashTable) first_child = g_hash_table_new (g_str_hash, g_str_equal);
  const char *population = _shequ_io_column_label (spec, table, U_POPULATION);
  const char *households = _shequ_io_column_label (spec, table, U_HOUSEHOLDS);

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
      UnitLine *child_line;
      const char *child_name = NULL;
      gint64 population_after, households_after;

      if (line->code == NULL || g_hash_table_lookup (lines_by_code, line->code) != line)
        continue;

      /* A new or moved unit under one of the database, not in the file, that keeps its
       * figures. */
      if (line->parent_code[0] != '\0' &&
          !g_hash_table_contains (lines_by_code, line->parent_code) &&
          (line->existing == NULL || shequ_unit_get_parent (line->existing) == NULL ||
           g_strcmp0 (shequ_unit_get_code (shequ_unit_get_parent (line->existing)),
                      line->parent_code) != 0))
        {
          ShequUnit *parent = shequ_org_store_lookup_code (store, line->parent_code);

          if (parent != NULL && line->tier_ok &&
              shequ_tier_can_hold (shequ_unit_get_tier (parent), line->tier) &&
              (shequ_unit_get_population (parent) != 0 || shequ_unit_get_households (parent) != 0))
            _shequ_io_problem_add (problems, line->record,
                                   _("its parent “%s” (%s) has its own %s and %s in the database, "
                                     "which would be counted twice; add a line for the parent with "
                                     "them empty and give them to its sub-units"),
                                   shequ_unit_get_name (parent), line->parent_code, population,
                                   households);
        }

      unit_line_figures (line, &population_after, &households_after);
      if (population_after == 0 && households_after == 0)
        continue;
      /* Figures the database already holds there are not the file's doing (as in the
       * store: they do not block the import, and can be cleared). */
      if (line->existing != NULL &&
          population_after == shequ_unit_get_population (line->existing) &&
          households_after == shequ_unit_get_households (line->existing))
        continue;
      child_line = g_hash_table_lookup (first_child, line->code);
      if (child_line != NULL)
        child_name = _shequ_io_record_get (child_line->record, U_NAME);
      else if (line->existing != NULL)
        for (guint c = 0; c < shequ_unit_get_n_children (line->existing) && child_name == NULL; c++)
          {
            ShequUnit *child = shequ_unit_get_child (line->existing, c);
            UnitLine *moved = g_hash_table_lookup (lines_by_code, shequ_unit_get_code (child));

            if (moved == NULL || g_strcmp0 (moved->parent_code, line->code) == 0)
              child_name = shequ_unit_get_name (child);
          }
      if (child_name != NULL)
        _shequ_io_problem_add (problems, line->record,
                               _("this unit has sub-units (such as “%s”), so its %s and %s must be "
                                 "empty: they are the sum of its sub-units’ figures"),
                               child_name, population, households);
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

static gboolean
import_units_attempt (ShequOrgStore   *store,
                      GBytes          *bytes,
                      const char      *filename,
                      ShequIoFormat    format,
                      ShequIoEncoding  encoding,
                      guint           *n_units,
                      GError         **error)
{
  static const TableSpec spec = { _shequ_io_unit_columns, N_UNIT_COLUMNS, "units", FALSE };
  g_auto(Table) table = { 0 };
  g_auto(Problems) problems = { NULL };
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) lines_by_code = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(ShequOrgChange) change = NULL;
  g_autofree char *tiers = NULL;
  UnitTree tree = { store, NULL };
  gboolean any_non_street = FALSE;
  gboolean chinese = FALSE;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (store), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  _shequ_io_problems_init (&problems);
  if (!_shequ_io_read_table (&spec, bytes, filename, format, encoding, &table, &problems, error))
    return FALSE;

  /* Tiers are named as the file names them: in Chinese when its header or its tiers are. */
  chinese = table.chinese;
  for (guint i = 0; i < table.records->len && !chinese; i++)
    chinese = !_shequ_io_is_ascii (_shequ_io_record_get (g_ptr_array_index (table.records, i),
                                                         U_TIER));
  tiers = _shequ_io_list_tiers (chinese);
  tree.lines_by_code = lines_by_code;

  /* Each line on its own. */
  for (guint i = 0; i < table.records->len; i++)
    {
      Record *record = g_ptr_array_index (table.records, i);
      UnitLine *line = g_new0 (UnitLine, 1);
      const char *code = _shequ_io_record_get (record, U_CODE);
      const char *tier = _shequ_io_record_get (record, U_TIER);
      const char *parent = _shequ_io_record_get (record, U_PARENT);

      line->record = record;
      line->parent_code = parent;
      g_ptr_array_add (lines, line);

      if (code[0] == '\0')
        _shequ_io_problem_add (&problems, record, _("the code is empty"));
      else if (_shequ_io_check_code (&problems, record, _shequ_io_column_label (&spec, &table,
                                                                                U_CODE), code))
        {
          UnitLine *first = g_hash_table_lookup (lines_by_code, code);

          if (first != NULL)
            _shequ_io_problem_add (&problems, record, _("the code “%s” is already used on %s"),
                                   code, first->record->ref);
          else
            {
              line->code = code;
              g_hash_table_insert (lines_by_code, (gpointer) code, line);
            }
        }

      if (_shequ_io_record_get (record, U_NAME)[0] == '\0')
        _shequ_io_problem_add (&problems, record, _("the name is empty"));

      if (tier[0] == '\0')
        _shequ_io_problem_add (&problems, record, _("the tier is empty; use one of %s"), tiers);
      else if (!shequ_tier_from_string (tier, &line->tier))
        _shequ_io_problem_add_value (&problems, record, tier, _("the tier is not one of %s"),
                                     tiers);
      else
        line->tier_ok = TRUE;

      if (line->tier_ok && line->tier != SHEQU_TIER_STREET)
        any_non_street = TRUE;
      if (line->tier_ok && line->tier == SHEQU_TIER_STREET && parent[0] != '\0')
        _shequ_io_problem_add (&problems, record,
                               _("a street is the top of the tree, but the parent code “%s” is "
                                 "given"),
                               parent);
      else if (line->tier_ok && line->tier != SHEQU_TIER_STREET && parent[0] == '\0' &&
               table.has[U_PARENT])
        _shequ_io_problem_add (&problems, record, _("the parent code is empty"));
      else if (parent[0] != '\0')
        _shequ_io_check_code (&problems, record, _shequ_io_column_label (&spec, &table, U_PARENT),
                              parent);

      _shequ_io_check_count (&problems, record, _shequ_io_column_label (&spec, &table,
                                                                        U_POPULATION),
                             _shequ_io_record_get (record, U_POPULATION), &line->population);
      _shequ_io_check_count (&problems, record, _shequ_io_column_label (&spec, &table,
                                                                        U_HOUSEHOLDS),
                             _shequ_io_record_get (record, U_HOUSEHOLDS), &line->households);
    }

  if (any_non_street && !table.has[U_PARENT])
    {
      g_autoptr(GString) column = g_string_new (NULL);

      _shequ_io_append_column_name (column, &_shequ_io_unit_columns[U_PARENT], table.chinese);
      g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_FORMAT,
                   _("%s: the header row lacks the column %s, "
                     "which every unit but the street needs"),
                   filename, column->str);
      return FALSE;
    }

  /* Lines against each other and against the database. */
  for (guint i = 0; i < lines->len; i++)
    {
      UnitLine *line = g_ptr_array_index (lines, i);
      UnitLine *parent_line;
      ShequUnit *parent_unit = NULL;
      ShequTier parent_tier;
      const char *parent_name;

      if (line->code != NULL)
        line->existing = shequ_org_store_lookup_code (store, line->code);

      if (line->parent_code[0] == '\0' || !_shequ_io_is_digits (line->parent_code))
        continue;

      parent_line = g_hash_table_lookup (lines_by_code, line->parent_code);
      if (parent_line == NULL)
        parent_unit = shequ_org_store_lookup_code (store, line->parent_code);
      if (parent_line == NULL && parent_unit == NULL)
        {
          _shequ_io_problem_add (&problems, line->record,
                                 _("the parent code “%s” is neither in this file nor in the "
                                   "database"),
                                 line->parent_code);
          continue;
        }
      if (!line->tier_ok || (parent_line != NULL && !parent_line->tier_ok))
        continue;

      parent_tier = parent_line != NULL ? parent_line->tier : shequ_unit_get_tier (parent_unit);
      parent_name = parent_line != NULL ? _shequ_io_record_get (parent_line->record, U_NAME)
                                        : shequ_unit_get_name (parent_unit);
      if (!shequ_tier_can_hold (parent_tier, line->tier))
        {
          g_autofree char *parent_text = g_strdup_printf ("%s (%s)", parent_name, line->parent_code);

          _shequ_io_problem_add_value (&problems, line->record, parent_text,
                                       _("the parent is of tier %s, which cannot hold a unit of "
                                         "tier %s"),
                                       _shequ_io_tier_name (parent_tier, chinese),
                                       _shequ_io_tier_name (line->tier, chinese));
        }
    }

  /* Units that stay in the database under a unit whose tier the file changes. */
  for (guint i = 0; i < lines->len; i++)
    {
      UnitLine *line = g_ptr_array_index (lines, i);

      if (line->existing == NULL || !line->tier_ok)
        continue;
      for (guint c = 0; c < shequ_unit_get_n_children (line->existing); c++)
        {
          ShequUnit *child = shequ_unit_get_child (line->existing, c);

          if (g_hash_table_contains (lines_by_code, shequ_unit_get_code (child)))
            continue;
          if (!shequ_tier_can_hold (line->tier, shequ_unit_get_tier (child)))
            {
              _shequ_io_problem_add (&problems, line->record,
                                     _("“%s” (%s, %s) in the database is under this unit, "
                                       "and a unit of tier %s cannot hold it"),
                                     shequ_unit_get_name (child), shequ_unit_get_code (child),
                                     _shequ_io_tier_name (shequ_unit_get_tier (child), chinese),
                                     _shequ_io_tier_name (line->tier, chinese));
              break;
            }
        }
    }

  check_unit_cycles (&tree, lines, &problems);
  check_unit_figures (&spec, &table, store, lines, lines_by_code, &problems);

  if (!_shequ_io_problems_to_error (&problems, filename, error))
    return FALSE;

  /* Parents before children, so every row's parent exists when it is written. */
  for (guint i = 0; i < lines->len; i++)
    {
      UnitLine *line = g_ptr_array_index (lines, i);

      line->depth = unit_tree_depth (&tree, line->code);
      line->id = line->existing != NULL ? shequ_unit_get_id (line->existing)
                                        : shequ_org_store_allocate_unit_id (store);
    }
  g_ptr_array_sort (lines, compare_unit_lines_by_depth);

  change = shequ_org_change_new (SHEQU_ORG_ORIGIN_IMPORT, _("Import units"));
  shequ_org_change_set_bulk (change, TRUE);
  for (guint i = 0; i < lines->len; i++)
    {
      UnitLine *line = g_ptr_array_index (lines, i);
      Record *record = line->record;
      g_autoptr(ShequUnitRow) old = line->existing != NULL ? shequ_unit_to_row (line->existing) : NULL;
      g_autoptr(ShequUnitRow) row = shequ_unit_row_new ();
      const char *name = _shequ_io_record_get (record, U_NAME);
      const char *parent_name = NULL;

      row->id = line->id;
      row->tier = line->tier;
      row->code = g_strdup (line->code);
      row->name = g_strdup (name);
      if (line->parent_code[0] != '\0')
        {
          UnitLine *parent_line = g_hash_table_lookup (lines_by_code, line->parent_code);

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

      if (old != NULL && unit_rows_equal (old, row))
        continue;
      shequ_org_change_put_unit (change, g_steal_pointer (&row));
    }

  if (!shequ_org_change_is_empty (change))
    {
      if (!shequ_org_store_apply (store, g_steal_pointer (&change), error))
        {
          /* A database error is about the database, which its message names. */
          if ((*error)->domain != SHEQU_DB_ERROR)
            g_prefix_error (error, "%s\n", filename);
          return FALSE;
        }
    }

  if (n_units != NULL)
    *n_units = lines->len;
  return TRUE;
}

gboolean
shequ_io_import_units_from_bytes (ShequOrgStore   *store,
                                  GBytes          *bytes,
                                  const char      *filename,
                                  ShequIoFormat    format,
                                  ShequIoEncoding  encoding,
                                  guint           *n_units,
                                  GError         **error)
{
  return _shequ_io_import_with_retries (import_units_attempt, store, bytes, filename, format,
                                        encoding,
                                        n_units, error);
}
