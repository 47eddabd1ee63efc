/* shequ-io-export.c — exporting units and people as CSV and JSON */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-io"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "shequ-csv.h"
#include "shequ-io-private.h"

/* ------------------------------------------------------------------------------------ */
/* Exporting                                                                            */

static char *
json_to_text (JsonBuilder *builder,
              gsize       *len)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *data = NULL;
  char *text;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  data = json_generator_to_data (generator, len);
  text = g_strconcat (data, "\n", NULL);
  *len += 1;
  return text;
}

static int
compare_units_by_code (gconstpointer a,
                       gconstpointer b)
{
  return g_strcmp0 (shequ_unit_get_code (*(ShequUnit **) a),
                    shequ_unit_get_code (*(ShequUnit **) b));
}

static void
collect_depth_first (ShequUnit *unit,
                     GPtrArray *out)
{
  g_ptr_array_add (out, unit);
  /* Children are kept ordered by code. */
  for (guint i = 0; i < shequ_unit_get_n_children (unit); i++)
    collect_depth_first (shequ_unit_get_child (unit, i), out);
}

/* Every unit, parents before children, depth-first by code. */
static GPtrArray *
collect_units (ShequOrgStore *store)
{
  GListModel *roots = shequ_org_store_get_roots (store);
  g_autoptr(GPtrArray) sorted_roots = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (roots); i++)
    g_ptr_array_add (sorted_roots, g_list_model_get_item (roots, i));
  g_ptr_array_sort (sorted_roots, compare_units_by_code);
  for (guint i = 0; i < sorted_roots->len; i++)
    collect_depth_first (g_ptr_array_index (sorted_roots, i), out);
  return out;
}

static char *
figure_text (ShequUnit *unit,
             gint64     value)
{
  if (value == 0 && shequ_unit_get_n_children (unit) > 0)
    return g_strdup ("");
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static const char *
parent_code_of (ShequUnit *unit)
{
  ShequUnit *parent = shequ_unit_get_parent (unit);

  return parent != NULL ? shequ_unit_get_code (parent) : NULL;
}

gboolean
shequ_io_export_units (ShequOrgStore  *store,
                       GFile          *file,
                       ShequIoFormat   format,
                       GError        **error)
{
  g_autoptr(GPtrArray) units = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  units = collect_units (store);

  if (_shequ_io_format_for_file (file, format) == SHEQU_IO_FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "units");
      json_builder_begin_array (builder);
      for (guint i = 0; i < units->len; i++)
        {
          ShequUnit *unit = g_ptr_array_index (units, i);
          const char *parent_code = parent_code_of (unit);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "code");
          json_builder_add_string_value (builder, shequ_unit_get_code (unit));
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, shequ_unit_get_name (unit));
          json_builder_set_member_name (builder, "tier");
          json_builder_add_string_value (builder, shequ_tier_to_key (shequ_unit_get_tier (unit)));
          json_builder_set_member_name (builder, "parent_code");
          if (parent_code != NULL)
            json_builder_add_string_value (builder, parent_code);
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "party_body");
          json_builder_add_string_value (builder, shequ_unit_get_party_body (unit) ?: "");
          json_builder_set_member_name (builder, "service_body");
          json_builder_add_string_value (builder, shequ_unit_get_service_body (unit) ?: "");
          json_builder_set_member_name (builder, "population");
          json_builder_add_int_value (builder, shequ_unit_get_population (unit));
          json_builder_set_member_name (builder, "households");
          json_builder_add_int_value (builder, shequ_unit_get_households (unit));
          json_builder_set_member_name (builder, "note");
          json_builder_add_string_value (builder, shequ_unit_get_note (unit) ?: "");
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      data = json_to_text (builder, &len);
    }
  else
    {
      g_autoptr(GString) text = g_string_new ("\xEF\xBB\xBF");
      const char *header[N_UNIT_COLUMNS];

      for (guint i = 0; i < N_UNIT_COLUMNS; i++)
        header[i] = _shequ_io_unit_columns[i].key;
      shequ_csv_append_row (text, header, N_UNIT_COLUMNS);

      for (guint i = 0; i < units->len; i++)
        {
          ShequUnit *unit = g_ptr_array_index (units, i);
          g_autofree char *population = figure_text (unit, shequ_unit_get_population (unit));
          g_autofree char *households = figure_text (unit, shequ_unit_get_households (unit));
          const char *fields[N_UNIT_COLUMNS] = {
            [U_CODE] = shequ_unit_get_code (unit),
            [U_NAME] = shequ_unit_get_name (unit),
            [U_TIER] = shequ_tier_to_key (shequ_unit_get_tier (unit)),
            [U_PARENT] = parent_code_of (unit),
            [U_PARTY] = shequ_unit_get_party_body (unit),
            [U_SERVICE] = shequ_unit_get_service_body (unit),
            [U_POPULATION] = population,
            [U_HOUSEHOLDS] = households,
            [U_NOTE] = shequ_unit_get_note (unit),
          };

          shequ_csv_append_row (text, fields, N_UNIT_COLUMNS);
        }
      len = text->len;
      data = g_string_free (g_steal_pointer (&text), FALSE);
    }

  return _shequ_io_write_file (file, data, len, error);
}

static int
compare_posts (gconstpointer a,
               gconstpointer b)
{
  ShequPost *post_a = *(ShequPost **) a;
  ShequPost *post_b = *(ShequPost **) b;
  int cmp = g_strcmp0 (shequ_unit_get_code (shequ_post_get_unit (post_a)),
                       shequ_unit_get_code (shequ_post_get_unit (post_b)));

  if (cmp != 0)
    return cmp;
  return (int) shequ_post_get_role (post_a) - (int) shequ_post_get_role (post_b);
}

/* The person's posts ordered by unit code and role. */
static GPtrArray *
sorted_posts (ShequPerson *person)
{
  GListModel *posts = shequ_person_get_posts (person);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (posts); i++)
    g_ptr_array_add (out, g_list_model_get_item (posts, i));
  g_ptr_array_sort (out, compare_posts);
  return out;
}

gboolean
shequ_io_export_people (ShequOrgStore  *store,
                        GFile          *file,
                        ShequIoFormat   format,
                        GError        **error)
{
  GListModel *people;
  g_autofree char *data = NULL;
  gsize len = 0;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  people = shequ_org_store_get_people (store);

  if (_shequ_io_format_for_file (file, format) == SHEQU_IO_FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "people");
      json_builder_begin_array (builder);
      for (guint i = 0; i < g_list_model_get_n_items (people); i++)
        {
          g_autoptr(ShequPerson) person = g_list_model_get_item (people, i);
          g_autoptr(GPtrArray) posts = sorted_posts (person);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "code");
          json_builder_add_string_value (builder, shequ_person_get_code (person));
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, shequ_person_get_name (person));
          json_builder_set_member_name (builder, "phone");
          json_builder_add_string_value (builder, shequ_person_get_phone (person) ?: "");
          json_builder_set_member_name (builder, "posts");
          json_builder_begin_array (builder);
          for (guint p = 0; p < posts->len; p++)
            {
              ShequPost *post = g_ptr_array_index (posts, p);

              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "unit_code");
              json_builder_add_string_value (builder,
                                             shequ_unit_get_code (shequ_post_get_unit (post)));
              json_builder_set_member_name (builder, "role");
              json_builder_add_string_value (builder, shequ_role_to_key (shequ_post_get_role (post)));
              json_builder_set_member_name (builder, "title");
              json_builder_add_string_value (builder, shequ_post_get_title (post) ?: "");
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      data = json_to_text (builder, &len);
    }
  else
    {
      g_autoptr(GString) text = g_string_new ("\xEF\xBB\xBF");
      const char *header[N_PEOPLE_COLUMNS];

      for (guint i = 0; i < N_PEOPLE_COLUMNS; i++)
        header[i] = _shequ_io_people_columns[i].key;
      shequ_csv_append_row (text, header, N_PEOPLE_COLUMNS);

      for (guint i = 0; i < g_list_model_get_n_items (people); i++)
        {
          g_autoptr(ShequPerson) person = g_list_model_get_item (people, i);
          g_autoptr(GPtrArray) posts = sorted_posts (person);
          const char *fields[N_PEOPLE_COLUMNS] = {
            [P_PERSON_CODE] = shequ_person_get_code (person),
            [P_NAME] = shequ_person_get_name (person),
            [P_PHONE] = shequ_person_get_phone (person),
          };

          if (posts->len == 0)
            shequ_csv_append_row (text, fields, N_PEOPLE_COLUMNS);
          for (guint p = 0; p < posts->len; p++)
            {
              ShequPost *post = g_ptr_array_index (posts, p);

              fields[P_UNIT_CODE] = shequ_unit_get_code (shequ_post_get_unit (post));
              fields[P_ROLE] = shequ_role_to_key (shequ_post_get_role (post));
              fields[P_TITLE] = shequ_post_get_title (post);
              shequ_csv_append_row (text, fields, N_PEOPLE_COLUMNS);
            }
        }
      len = text->len;
      data = g_string_free (g_steal_pointer (&text), FALSE);
    }

  return _shequ_io_write_file (file, data, len, error);
}
