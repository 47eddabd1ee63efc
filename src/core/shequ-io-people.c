/* shequ-io-people.c — importing people from CSV and JSON */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-io"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-io-private.h"

/* ------------------------------------------------------------------------------------ */
/* Importing people                                                                     */

typedef struct {
  Record    *record;      /* the first line */
  char      *code;        /* NULL until known */
  char      *name;
  char      *phone;       /* NULL: not given, keep */
  ShequPerson *existing;
  gint64     id;
  GPtrArray *posts;       /* PostLine */
} PersonEntry;

typedef struct {
  ShequUnit *unit;
  ShequRole  role;
  char      *title;       /* NULL: not given, keep */
} PostLine;

static void
post_line_free (PostLine *post)
{
  g_free (post->title);
  g_free (post);
}

static void
person_entry_free (PersonEntry *entry)
{
  g_free (entry->code);
  g_free (entry->name);
  g_free (entry->phone);
  g_ptr_array_unref (entry->posts);
  g_free (entry);
}

static char *
person_key (const char *name,
            const char *phone)
{
  return g_strconcat (name, "\n", phone != NULL ? phone : "", NULL);
}

/* The code after CODE: its trailing number plus one, same width ("P0009" → "P0010"). */
static char *
next_code (const char *code)
{
  gsize len = strlen (code);
  gsize start = len;
  g_autofree char *digits = NULL;
  guint64 number;
  guint width;

  while (start > 0 && g_ascii_isdigit (code[start - 1]))
    start--;
  if (start == len)
    return g_strconcat (code, "1", NULL);
  digits = g_strndup (code + start, len - start);
  number = g_ascii_strtoull (digits, NULL, 10) + 1;
  width = len - start;
  return g_strdup_printf ("%.*s%0*" G_GUINT64_FORMAT, (int) start, code, (int) width, number);
}

static char *
unique_person_code (ShequOrgStore *store,
                    GHashTable    *used)
{
  char *code = shequ_org_store_make_person_code (store);

  while (g_hash_table_contains (used, code) ||
         shequ_org_store_lookup_person_code (store, code) != NULL)
    {
      char *next = next_code (code);

      g_free (code);
      code = next;
    }
  return code;
}

static gboolean
import_people_attempt (ShequOrgStore   *store,
                       GBytes          *bytes,
                       const char      *filename,
                       ShequIoFormat    format,
                       ShequIoEncoding  encoding,
                       guint           *n_people,
                       GError         **error)
{
  static const TableSpec spec = { _shequ_io_people_columns, N_PEOPLE_COLUMNS, "people", TRUE };
  g_auto(Table) table = { 0 };
  g_auto(Problems) problems = { NULL };
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) person_entry_free);
  g_autoptr(GHashTable) by_code = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) store_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) store_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) used_codes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(ShequOrgChange) change = NULL;
  g_autofree char *roles = NULL;
  GListModel *people;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (store), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  _shequ_io_problems_init (&problems);
  if (!_shequ_io_read_table (&spec, bytes, filename, format, encoding, &table, &problems, error))
    return FALSE;

  roles = _shequ_io_list_roles ();

  /* The database's people by name and phone; by name alone when the name is unique. */
  people = shequ_org_store_get_people (store);
  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(ShequPerson) person = g_list_model_get_item (people, i);
      const char *name = shequ_person_get_name (person);
      const char *phone = shequ_person_get_phone (person);
      char *key = person_key (name, phone);

      if (!g_hash_table_contains (store_by_key, key))
        g_hash_table_insert (store_by_key, key, person);
      else
        g_free (key);

      if (g_hash_table_contains (store_by_name, name))
        g_hash_table_replace (store_by_name, g_strdup (name), GINT_TO_POINTER (1));
      else
        g_hash_table_insert (store_by_name, g_strdup (name), person);
    }

  for (guint i = 0; i < table.records->len; i++)
    {
      Record *record = g_ptr_array_index (table.records, i);
      const char *code = _shequ_io_record_get (record, P_PERSON_CODE);
      const char *name = _shequ_io_record_get (record, P_NAME);
      const char *phone = record->values[P_PHONE];
      const char *unit_code = _shequ_io_record_get (record, P_UNIT_CODE);
      const char *role_text = _shequ_io_record_get (record, P_ROLE);
      PersonEntry *entry = NULL;
      ShequUnit *unit = NULL;
      ShequRole role = SHEQU_ROLE_CADRE;
      gboolean ok = TRUE;

      if (phone != NULL && phone[0] == '\0')
        phone = NULL;

      if (name[0] == '\0')
        {
          _shequ_io_problem_add (&problems, record, _("the name is empty"));
          ok = FALSE;
        }
      if (code[0] != '\0' && _shequ_io_check_mangled (&problems, record,
                                                      _shequ_io_column_label (&spec, &table,
                                                                              P_PERSON_CODE), code))
        ok = FALSE;
      if (phone != NULL && _shequ_io_check_mangled (&problems, record,
                                                    _shequ_io_column_label (&spec, &table, P_PHONE),
                                                    phone))
        ok = FALSE;

      if (unit_code[0] == '\0' && role_text[0] != '\0')
        {
          _shequ_io_problem_add (&problems, record, _("the unit code is empty"));
          ok = FALSE;
        }
      else if (unit_code[0] != '\0')
        {
          if (role_text[0] == '\0')
            {
              _shequ_io_problem_add (&problems, record, _("the role is empty; use one of %s"),
                                     roles);
              ok = FALSE;
            }
          else if (!shequ_role_from_string (role_text, &role))
            {
              _shequ_io_problem_add (&problems, record, _("the role “%s” is not one of %s"),
                                     role_text, roles);
              ok = FALSE;
            }
          if (!_shequ_io_check_code (&problems, record, _shequ_io_column_label (&spec, &table,
                                                                                P_UNIT_CODE),
                                                                                unit_code))
            ok = FALSE;
          else if ((unit = shequ_org_store_lookup_code (store, unit_code)) == NULL)
            {
              _shequ_io_problem_add (&problems, record,
                                     _("the unit code “%s” is not in the database; import the "
                                       "units first"),
                                     unit_code);
              ok = FALSE;
            }
        }

      if (!ok)
        continue;

      /* Who this line is about. */
      if (code[0] != '\0')
        {
          entry = g_hash_table_lookup (by_code, code);
          if (entry != NULL && !g_str_equal (entry->name, name))
            {
              _shequ_io_problem_add (&problems, record,
                                     _("the person code “%s” belongs to “%s” on %s, not to “%s”"),
                                     code, entry->name, entry->record->ref, name);
              continue;
            }
          if (entry != NULL && phone != NULL && entry->phone != NULL &&
              !g_str_equal (entry->phone, phone))
            {
              _shequ_io_problem_add (&problems, record,
                                     _("the person code “%s” has the phone %s on %s, not %s"),
                                     code, entry->phone, entry->record->ref, phone);
              continue;
            }
        }
      else
        {
          g_autofree char *key = person_key (name, phone);

          entry = g_hash_table_lookup (by_key, key);
          if (entry == NULL && phone == NULL)
            {
              /* No phone given: the single entry of that name so far, if any. */
              guint n = 0;

              for (guint e = 0; e < entries->len; e++)
                {
                  PersonEntry *candidate = g_ptr_array_index (entries, e);

                  if (g_str_equal (candidate->name, name))
                    {
                      entry = candidate;
                      n++;
                    }
                }
              if (n != 1)
                entry = NULL;
            }
        }

      if (entry == NULL)
        {
          ShequPerson *existing = NULL;

          if (code[0] != '\0')
            existing = shequ_org_store_lookup_person_code (store, code);
          else
            {
              g_autofree char *key = person_key (name, phone);
              gpointer by_name;

              existing = g_hash_table_lookup (store_by_key, key);
              if (existing == NULL && phone == NULL &&
                  (by_name = g_hash_table_lookup (store_by_name, name)) != GINT_TO_POINTER (1))
                existing = by_name;
              /* That person may already be in the file under their code. */
              if (existing != NULL)
                entry = g_hash_table_lookup (by_code, shequ_person_get_code (existing));
            }

          if (entry == NULL)
            {
              entry = g_new0 (PersonEntry, 1);
              entry->record = record;
              entry->name = g_strdup (name);
              entry->phone = g_strdup (phone);
              entry->existing = existing;
              entry->posts = g_ptr_array_new_with_free_func ((GDestroyNotify) post_line_free);
              if (code[0] != '\0')
                entry->code = g_strdup (code);
              else if (existing != NULL)
                entry->code = g_strdup (shequ_person_get_code (existing));
              g_ptr_array_add (entries, entry);
              if (entry->code != NULL)
                {
                  g_hash_table_insert (by_code, entry->code, entry);
                  g_hash_table_add (used_codes, entry->code);
                }
              g_hash_table_insert (by_key, person_key (name, phone), entry);
            }
        }

      if (entry->phone == NULL && phone != NULL)
        {
          entry->phone = g_strdup (phone);
          g_hash_table_insert (by_key, person_key (name, phone), entry);
        }

      if (unit != NULL)
        {
          PostLine *post = NULL;

          for (guint p = 0; p < entry->posts->len; p++)
            {
              PostLine *other = g_ptr_array_index (entry->posts, p);

              if (other->unit == unit && other->role == role)
                post = other;
            }
          if (post == NULL)
            {
              post = g_new0 (PostLine, 1);
              post->unit = unit;
              post->role = role;
              g_ptr_array_add (entry->posts, post);
            }
          /* The same post twice: the later title wins. */
          if (record->values[P_TITLE] != NULL)
            {
              g_free (post->title);
              post->title = g_strdup (record->values[P_TITLE]);
            }
        }
    }

  if (!_shequ_io_problems_to_error (&problems, filename, error))
    return FALSE;

  change = shequ_org_change_new (SHEQU_ORG_ORIGIN_IMPORT, _("Import people"));
  shequ_org_change_set_bulk (change, TRUE);
  for (guint i = 0; i < entries->len; i++)
    {
      PersonEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(ShequPersonRow) row = NULL;
      g_autoptr(ShequPersonRow) old = NULL;
      g_autoptr(GListModel) old_posts = NULL;

      if (entry->existing == NULL && entry->code != NULL)
        entry->existing = shequ_org_store_lookup_person_code (store, entry->code);

      if (entry->existing != NULL)
        {
          old = shequ_person_to_row (entry->existing);
          row = shequ_person_row_copy (old);
          entry->id = old->id;
        }
      else
        {
          row = shequ_person_row_new ();
          entry->id = row->id = shequ_org_store_allocate_person_id (store);
          if (entry->code == NULL)
            {
              entry->code = unique_person_code (store, used_codes);
              g_hash_table_add (used_codes, entry->code);
            }
          row->code = g_strdup (entry->code);
        }
      g_free (row->name);
      row->name = g_strdup (entry->name);
      if (entry->phone != NULL)
        {
          g_free (row->phone);
          row->phone = g_strdup (entry->phone);
        }
      if (old == NULL || g_strcmp0 (old->name, row->name) != 0 ||
          g_strcmp0 (old->phone, row->phone) != 0)
        shequ_org_change_put_person (change, g_steal_pointer (&row));

      if (entry->existing != NULL)
        old_posts = g_object_ref (shequ_person_get_posts (entry->existing));

      for (guint p = 0; p < entry->posts->len; p++)
        {
          PostLine *post = g_ptr_array_index (entry->posts, p);
          ShequPost *found = NULL;
          g_autoptr(ShequPostRow) post_row = NULL;

          for (guint k = 0; old_posts != NULL && k < g_list_model_get_n_items (old_posts); k++)
            {
              g_autoptr(ShequPost) candidate = g_list_model_get_item (old_posts, k);

              if (shequ_post_get_unit (candidate) == post->unit &&
                  shequ_post_get_role (candidate) == post->role)
                {
                  found = candidate;
                  break;
                }
            }

          if (found != NULL)
            {
              if (post->title == NULL ||
                  g_strcmp0 (shequ_post_get_title (found) ? shequ_post_get_title (found) : "",
                             post->title) == 0)
                continue;
              post_row = shequ_post_to_row (found);
              g_free (post_row->title);
            }
          else
            {
              post_row = shequ_post_row_new ();
              post_row->id = shequ_org_store_allocate_post_id (store);
              post_row->person_id = entry->id;
              post_row->unit_id = shequ_unit_get_id (post->unit);
              post_row->role = post->role;
            }
          post_row->title = post->title != NULL && post->title[0] != '\0'
            ? g_strdup (post->title) : NULL;
          shequ_org_change_put_post (change, g_steal_pointer (&post_row));
        }
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

  if (n_people != NULL)
    *n_people = entries->len;
  return TRUE;
}

/* As for units: matched again against the current tree after a conflict. */
gboolean
shequ_io_import_people_from_bytes (ShequOrgStore   *store,
                                   GBytes          *bytes,
                                   const char      *filename,
                                   ShequIoFormat    format,
                                   ShequIoEncoding  encoding,
                                   guint           *n_people,
                                   GError         **error)
{
  return _shequ_io_import_with_retries (import_people_attempt, store, bytes, filename, format,
                                        encoding,
                                        n_people, error);
}
