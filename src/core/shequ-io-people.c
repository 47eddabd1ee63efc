/* shequ-io-people.c — importing people from CSV and JSON */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-io"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-io-private.h"

/* ------------------------------------------------------------------------------------ */
/* Importing people                                                                     */

/* A line as read, any thread. */
typedef struct {
  Record    *record;
  const char *phone;          /* NULL: not given */
  ShequRole  role;
  gboolean   ok;              /* no problem of its own: it takes part in the matching */
  guint      first_problem;   /* its problems, in the import's */
  guint      n_problems;
} PersonLine;

/* A person the file speaks of, and the posts it gives them: found by _apply. */
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

/* ------------------------------------------------------------------------------------ */
/* Reading: each line on its own                                                        */

/* A unit code with a role, or neither (a person without a post). */
static void
check_post_given (RowCheck *row)
{
  PersonLine *line = row->line;
  const char *unit_code = _shequ_io_record_get (row->record, P_UNIT_CODE);
  const char *role_text = _shequ_io_record_get (row->record, P_ROLE);
  const char *roles = row->import->choices;

  if (unit_code[0] == '\0' && role_text[0] != '\0')
    _shequ_io_row_add_problem (row, P_UNIT_CODE, NULL, _("the unit code is empty"));
  else if (unit_code[0] == '\0')
    return;
  else if (role_text[0] == '\0')
    _shequ_io_row_add_problem (row, P_ROLE, NULL, _("the role is empty; use one of %s"), roles);
  else if (!shequ_role_from_string (role_text, &line->role))
    _shequ_io_row_add_problem (row, P_ROLE, NULL, _("the role “%s” is not one of %s"),
                               role_text, roles);
}

static const RowRule person_rules[] = {
  { RULE_REQUIRED, P_NAME,        N_("the name is empty"), NULL },
  { RULE_MANGLED,  P_PERSON_CODE, NULL,                    NULL },
  { RULE_MANGLED,  P_PHONE,       NULL,                    NULL },
  { RULE_CUSTOM,   P_UNIT_CODE,   NULL,                    check_post_given },
  { RULE_CODE,     P_UNIT_CODE,   NULL,                    NULL },
};

gboolean
_shequ_io_people_read (ShequIoImport  *import,
                       GError        **error)
{
  const Table *table = &import->table;

  import->choices = _shequ_io_list_roles ();
  import->lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < table->records->len; i++)
    {
      Record *record = g_ptr_array_index (table->records, i);
      PersonLine *line = g_new0 (PersonLine, 1);
      RowCheck row = { import, record, line, 0, { 0 } };
      const char *phone = record->values[P_PHONE];

      line->record = record;
      line->phone = phone != NULL && phone[0] != '\0' ? phone : NULL;
      line->role = SHEQU_ROLE_CADRE;
      line->first_problem = import->problems.list->len;
      g_ptr_array_add (import->lines, line);

      _shequ_io_check_row (&row, person_rules, G_N_ELEMENTS (person_rules));
      line->ok = row.failed == 0;
      line->n_problems = import->problems.list->len - line->first_problem;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------------------ */
/* Applying: who each line is about                                                     */

typedef struct {
  ShequIoImport *import;
  ShequOrgStore *store;
  Problems       problems;
  GPtrArray     *entries;         /* PersonEntry, in the order the file names them */
  GHashTable    *by_code;         /* the file's people by code */
  GHashTable    *by_key;          /* … by name and phone */
  GHashTable    *store_by_key;    /* the database's people by name and phone */
  GHashTable    *store_by_name;   /* … by name, GINT_TO_POINTER (1) when not unique */
  GHashTable    *used_codes;
} PeopleMatch;

static void
people_match_clear (PeopleMatch *match)
{
  _shequ_io_problems_clear (&match->problems);
  g_clear_pointer (&match->entries, g_ptr_array_unref);
  g_clear_pointer (&match->by_code, g_hash_table_unref);
  g_clear_pointer (&match->by_key, g_hash_table_unref);
  g_clear_pointer (&match->store_by_key, g_hash_table_unref);
  g_clear_pointer (&match->store_by_name, g_hash_table_unref);
  g_clear_pointer (&match->used_codes, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PeopleMatch, people_match_clear)

/* With the database's people by name and phone; by name alone when the name is unique. */
static void
people_match_init (PeopleMatch   *match,
                   ShequIoImport *import,
                   ShequOrgStore *store)
{
  GListModel *people = shequ_org_store_get_people (store);

  match->import = import;
  match->store = store;
  _shequ_io_problems_init (&match->problems);
  match->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) person_entry_free);
  match->by_code = g_hash_table_new (g_str_hash, g_str_equal);
  match->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  match->store_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  match->store_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  match->used_codes = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(ShequPerson) person = g_list_model_get_item (people, i);
      const char *name = shequ_person_get_name (person);
      const char *phone = shequ_person_get_phone (person);
      char *key = person_key (name, phone);

      if (!g_hash_table_contains (match->store_by_key, key))
        g_hash_table_insert (match->store_by_key, key, person);
      else
        g_free (key);

      if (g_hash_table_contains (match->store_by_name, name))
        g_hash_table_replace (match->store_by_name, g_strdup (name), GINT_TO_POINTER (1));
      else
        g_hash_table_insert (match->store_by_name, g_strdup (name), person);
    }
}

/* The person an earlier line of the file named, in ENTRY (NULL when none); FALSE when
 * the line contradicts it. */
static gboolean
find_entry_in_file (PeopleMatch       *match,
                    const PersonLine  *line,
                    PersonEntry      **entry)
{
  Record *record = line->record;
  const char *code = _shequ_io_record_get (record, P_PERSON_CODE);
  const char *name = _shequ_io_record_get (record, P_NAME);
  const char *phone = line->phone;
  g_autofree char *key = NULL;
  guint n = 0;

  if (code[0] != '\0')
    {
      *entry = g_hash_table_lookup (match->by_code, code);
      if (*entry != NULL && !g_str_equal ((*entry)->name, name))
        {
          _shequ_io_problem_add (&match->problems, record,
                                 _("the person code “%s” belongs to “%s” on %s, not to “%s”"),
                                 code, (*entry)->name, (*entry)->record->ref, name);
          return FALSE;
        }
      if (*entry != NULL && phone != NULL && (*entry)->phone != NULL &&
          !g_str_equal ((*entry)->phone, phone))
        {
          _shequ_io_problem_add (&match->problems, record,
                                 _("the person code “%s” has the phone %s on %s, not %s"),
                                 code, (*entry)->phone, (*entry)->record->ref, phone);
          return FALSE;
        }
      return TRUE;
    }

  key = person_key (name, phone);
  *entry = g_hash_table_lookup (match->by_key, key);
  if (*entry != NULL || phone != NULL)
    return TRUE;
  /* No phone given: the single entry of that name so far, if any. */
  for (guint e = 0; e < match->entries->len; e++)
    {
      PersonEntry *candidate = g_ptr_array_index (match->entries, e);

      if (g_str_equal (candidate->name, name))
        {
          *entry = candidate;
          n++;
        }
    }
  if (n != 1)
    *entry = NULL;
  return TRUE;
}

/* The database's person LINE is about, for a line the file has not matched yet; ENTRY
 * gets them when the file named them by their code already. */
static ShequPerson *
find_person_in_database (PeopleMatch       *match,
                         const PersonLine  *line,
                         PersonEntry      **entry)
{
  const char *code = _shequ_io_record_get (line->record, P_PERSON_CODE);
  const char *name = _shequ_io_record_get (line->record, P_NAME);
  g_autofree char *key = NULL;
  ShequPerson *existing;
  gpointer by_name;

  if (code[0] != '\0')
    return shequ_org_store_lookup_person_code (match->store, code);

  key = person_key (name, line->phone);
  existing = g_hash_table_lookup (match->store_by_key, key);
  if (existing == NULL && line->phone == NULL &&
      (by_name = g_hash_table_lookup (match->store_by_name, name)) != GINT_TO_POINTER (1))
    existing = by_name;
  /* That person may already be in the file under their code. */
  if (existing != NULL)
    *entry = g_hash_table_lookup (match->by_code, shequ_person_get_code (existing));
  return existing;
}

static PersonEntry *
add_person_entry (PeopleMatch      *match,
                  const PersonLine *line,
                  ShequPerson      *existing)
{
  const char *code = _shequ_io_record_get (line->record, P_PERSON_CODE);
  const char *name = _shequ_io_record_get (line->record, P_NAME);
  PersonEntry *entry = g_new0 (PersonEntry, 1);

  entry->record = line->record;
  entry->name = g_strdup (name);
  entry->phone = g_strdup (line->phone);
  entry->existing = existing;
  entry->posts = g_ptr_array_new_with_free_func ((GDestroyNotify) post_line_free);
  if (code[0] != '\0')
    entry->code = g_strdup (code);
  else if (existing != NULL)
    entry->code = g_strdup (shequ_person_get_code (existing));
  g_ptr_array_add (match->entries, entry);
  if (entry->code != NULL)
    {
      g_hash_table_insert (match->by_code, entry->code, entry);
      g_hash_table_add (match->used_codes, entry->code);
    }
  g_hash_table_insert (match->by_key, person_key (name, line->phone), entry);
  return entry;
}

static void
add_post_line (PersonEntry      *entry,
               const PersonLine *line,
               ShequUnit        *unit)
{
  const char *title = line->record->values[P_TITLE];
  PostLine *post = NULL;

  for (guint p = 0; p < entry->posts->len; p++)
    {
      PostLine *other = g_ptr_array_index (entry->posts, p);

      if (other->unit == unit && other->role == line->role)
        post = other;
    }
  if (post == NULL)
    {
      post = g_new0 (PostLine, 1);
      post->unit = unit;
      post->role = line->role;
      g_ptr_array_add (entry->posts, post);
    }
  /* The same post twice: the later title wins. */
  if (title != NULL)
    {
      g_free (post->title);
      post->title = g_strdup (title);
    }
}

static void
match_person_line (PeopleMatch      *match,
                   const PersonLine *line)
{
  const char *unit_code = _shequ_io_record_get (line->record, P_UNIT_CODE);
  PersonEntry *entry = NULL;
  ShequUnit *unit = NULL;

  if (unit_code[0] != '\0' &&
      (unit = shequ_org_store_lookup_code (match->store, unit_code)) == NULL)
    {
      _shequ_io_problem_add (&match->problems, line->record,
                             _("the unit code “%s” is not in the database; import the "
                               "units first"),
                             unit_code);
      return;
    }

  if (!find_entry_in_file (match, line, &entry))
    return;
  if (entry == NULL)
    {
      ShequPerson *existing = find_person_in_database (match, line, &entry);

      if (entry == NULL)
        entry = add_person_entry (match, line, existing);
    }

  if (entry->phone == NULL && line->phone != NULL)
    {
      entry->phone = g_strdup (line->phone);
      g_hash_table_insert (match->by_key,
                           person_key (_shequ_io_record_get (line->record, P_NAME), line->phone),
                           entry);
    }
  if (unit != NULL)
    add_post_line (entry, line, unit);
}

/* ------------------------------------------------------------------------------------ */
/* Applying: the change                                                                 */

static void
put_person_row (PeopleMatch    *match,
                ShequOrgChange *change,
                PersonEntry    *entry)
{
  g_autoptr(ShequPersonRow) row = NULL;
  g_autoptr(ShequPersonRow) old = NULL;

  if (entry->existing == NULL && entry->code != NULL)
    entry->existing = shequ_org_store_lookup_person_code (match->store, entry->code);

  if (entry->existing != NULL)
    {
      old = shequ_person_to_row (entry->existing);
      row = shequ_person_row_copy (old);
      entry->id = old->id;
    }
  else
    {
      row = shequ_person_row_new ();
      entry->id = row->id = shequ_org_store_allocate_person_id (match->store);
      if (entry->code == NULL)
        {
          entry->code = unique_person_code (match->store, match->used_codes);
          g_hash_table_add (match->used_codes, entry->code);
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
}

static ShequPost *
find_post (GListModel     *posts,
           const PostLine *post)
{
  for (guint k = 0; posts != NULL && k < g_list_model_get_n_items (posts); k++)
    {
      g_autoptr(ShequPost) candidate = g_list_model_get_item (posts, k);

      if (shequ_post_get_unit (candidate) == post->unit &&
          shequ_post_get_role (candidate) == post->role)
        return candidate;
    }
  return NULL;
}

static void
put_post_rows (PeopleMatch    *match,
               ShequOrgChange *change,
               PersonEntry    *entry)
{
  GListModel *old_posts = entry->existing != NULL ? shequ_person_get_posts (entry->existing)
                                                  : NULL;

  for (guint p = 0; p < entry->posts->len; p++)
    {
      PostLine *post = g_ptr_array_index (entry->posts, p);
      ShequPost *found = find_post (old_posts, post);
      g_autoptr(ShequPostRow) post_row = NULL;

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
          post_row->id = shequ_org_store_allocate_post_id (match->store);
          post_row->person_id = entry->id;
          post_row->unit_id = shequ_unit_get_id (post->unit);
          post_row->role = post->role;
        }
      post_row->title = post->title != NULL && post->title[0] != '\0'
        ? g_strdup (post->title) : NULL;
      shequ_org_change_put_post (change, g_steal_pointer (&post_row));
    }
}

static ShequOrgChange *
build_people_change (PeopleMatch *match)
{
  GPtrArray *entries = match->entries;
  ShequOrgChange *change;

  change = shequ_org_change_new (SHEQU_ORG_ORIGIN_IMPORT, _("Import people"));
  shequ_org_change_set_bulk (change, TRUE);
  for (guint i = 0; i < entries->len; i++)
    {
      PersonEntry *entry = g_ptr_array_index (entries, i);

      put_person_row (match, change, entry);
      put_post_rows (match, change, entry);
    }
  return change;
}

/* One attempt: the people and units of the database are looked up again each time.
 * Each line's own problems are listed where it stands, as they were found with it. */
gboolean
_shequ_io_people_apply (ShequIoImport  *import,
                        ShequOrgStore  *store,
                        guint          *n_people,
                        GError        **error)
{
  g_auto(PeopleMatch) match = { NULL };

  people_match_init (&match, import, store);
  _shequ_io_problems_append (&match.problems, &import->problems, 0, import->n_read_problems);
  for (guint i = 0; i < import->lines->len; i++)
    {
      PersonLine *line = g_ptr_array_index (import->lines, i);

      _shequ_io_problems_append (&match.problems, &import->problems, line->first_problem,
                                 line->n_problems);
      if (line->ok)
        match_person_line (&match, line);
    }
  if (!_shequ_io_problems_to_error (&match.problems, import->filename, error))
    return FALSE;

  if (!_shequ_io_apply_change (import, store, build_people_change (&match), error))
    return FALSE;
  if (n_people != NULL)
    *n_people = match.entries->len;
  return TRUE;
}
