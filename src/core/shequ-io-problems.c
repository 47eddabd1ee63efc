/* shequ-io-problems.c — the bad lines of a file, and the one message that lists them */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-io"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-io-private.h"
#include "shequ-text.h"

/* At most this many kinds of problem are spelled out; the rest are counted. */
#define MAX_PROBLEMS SHEQU_TEXT_MAX_LISTED
/* At most this many of the values a kind of problem was seen with are quoted. */
#define MAX_VALUES 5

/* ------------------------------------------------------------------------------------ */
/* Problems                                                                             */

typedef struct {
  guint     number;   /* the record's line or position: problems are listed in file order */
  guint     seq;
  gboolean  json;
  char     *text;     /* what is wrong, without the place: the same text groups lines */
  char     *value;    /* nullable: the value it was seen with, quoted after the text */
} Problem;

static void
problem_clear (Problem *problem)
{
  g_free (problem->text);
  g_free (problem->value);
}

void
_shequ_io_problems_init (Problems *problems)
{
  problems->list = g_array_new (FALSE, FALSE, sizeof (Problem));
  g_array_set_clear_func (problems->list, (GDestroyNotify) problem_clear);
}

void
_shequ_io_problems_clear (Problems *problems)
{
  g_clear_pointer (&problems->list, g_array_unref);
}

static void
problem_add_valist (Problems     *problems,
                    const Record *record,
                    const char   *value,
                    const char   *format,
                    va_list       args) G_GNUC_PRINTF (4, 0);

static void
problem_add_valist (Problems     *problems,
                    const Record *record,
                    const char   *value,
                    const char   *format,
                    va_list       args)
{
  Problem problem;

  problem.number = record->number;
  problem.seq = problems->list->len;
  problem.json = record->json;
  problem.text = g_strdup_vprintf (format, args);
  /* Whatever the file held, the message is text. */
  problem.value = value != NULL ? g_utf8_make_valid (value, -1) : NULL;
  g_array_append_val (problems->list, problem);
}

void
_shequ_io_problem_add (Problems     *problems,
                       const Record *record,
                       const char   *format,
                       ...)
{
  va_list args;

  va_start (args, format);
  problem_add_valist (problems, record, NULL, format, args);
  va_end (args);
}

/* A problem whose text does not quote VALUE: lines with the same problem and different
 * values are reported together, with the values listed once. */
void
_shequ_io_problem_add_value (Problems     *problems,
                             const Record *record,
                             const char   *value,
                             const char   *format,
                             ...)
{
  va_list args;

  va_start (args, format);
  problem_add_valist (problems, record, value, format, args);
  va_end (args);
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const Problem *pa = a;
  const Problem *pb = b;

  if (pa->number != pb->number)
    return pa->number < pb->number ? -1 : 1;
  return pa->seq < pb->seq ? -1 : pa->seq > pb->seq;
}

typedef struct {
  const char *text;
  gboolean    json;
  GArray     *numbers;   /* guint */
  GPtrArray  *values;    /* const char *, distinct */
  GHashTable *seen;      /* values */
} ProblemGroup;

static void
problem_group_free (ProblemGroup *group)
{
  g_array_unref (group->numbers);
  g_ptr_array_unref (group->values);
  g_hash_table_unref (group->seen);
  g_free (group);
}

static char *
format_problem_group (ProblemGroup *group)
{
  g_autofree char *ranges = shequ_text_format_ranges ((guint *) (gpointer) group->numbers->data,
                                                      group->numbers->len);
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = 0;

  /* Several problems of one record (a person's posts) count it once. */
  for (guint i = 0; i < group->numbers->len; i++)
    if (i == 0 || g_array_index (group->numbers, guint, i) != g_array_index (group->numbers, guint, i - 1))
      n++;

  if (group->json)
    /* Translators: “Records 3–5, 9: the name is empty” — %s are the records, then the problem */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Record %s: %s",
                                               "Records %s: %s", n),
                            ranges, group->text);
  else
    /* Translators: “Lines 3–62: …” — %s are the line numbers, then the problem */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Line %s: %s", "Lines %s: %s", n),
                            ranges, group->text);

  if (group->values->len > 0)
    {
      g_autoptr(GPtrArray) quoted = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < group->values->len; i++)
        /* Translators: a value quoted from the file */
        g_ptr_array_add (quoted, g_strdup_printf (_("“%s”"),
                                                  (char *) g_ptr_array_index (group->values, i)));
      g_string_append (text, _(" ("));
      shequ_text_append_capped (text, (const char * const *) quoted->pdata, quoted->len,
                                C_("list separator", ", "), MAX_VALUES);
      g_string_append (text, _(")"));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
_shequ_io_problems_append (Problems       *problems,
                           const Problems *src,
                           guint           start,
                           guint           n)
{
  g_assert (start + n <= src->list->len);

  for (guint i = start; i < start + n; i++)
    {
      const Problem *from = &g_array_index (src->list, Problem, i);
      Problem problem = *from;

      problem.seq = problems->list->len;
      problem.text = g_strdup (from->text);
      problem.value = g_strdup (from->value);
      g_array_append_val (problems->list, problem);
    }
}

gboolean
_shequ_io_problems_to_error (Problems    *problems,
                             const char  *filename,
                             GError     **error)
{
  g_autoptr(GString) message = NULL;
  g_autoptr(GHashTable) by_text = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  guint n = problems->list->len;

  if (n == 0)
    return TRUE;

  g_array_sort (problems->list, compare_problems);
  by_text = g_hash_table_new (g_str_hash, g_str_equal);
  groups = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_group_free);
  for (guint i = 0; i < n; i++)
    {
      Problem *problem = &g_array_index (problems->list, Problem, i);
      ProblemGroup *group = g_hash_table_lookup (by_text, problem->text);

      if (group == NULL)
        {
          group = g_new0 (ProblemGroup, 1);
          group->text = problem->text;
          group->json = problem->json;
          group->numbers = g_array_new (FALSE, FALSE, sizeof (guint));
          group->values = g_ptr_array_new ();
          group->seen = g_hash_table_new (g_str_hash, g_str_equal);
          g_hash_table_insert (by_text, problem->text, group);
          g_ptr_array_add (groups, group);
        }
      g_array_append_val (group->numbers, problem->number);
      if (problem->value != NULL && g_hash_table_add (group->seen, problem->value))
        g_ptr_array_add (group->values, problem->value);
    }

  lines = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < groups->len; i++)
    g_ptr_array_add (lines, format_problem_group (g_ptr_array_index (groups, i)));

  message = g_string_new (NULL);
  g_string_append_printf (message,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%s: nothing was imported; fix this problem and import the file again:",
                                       "%s: nothing was imported; fix these %u problems and import the file again:",
                                       n),
                          filename, n);
  g_string_append_c (message, '\n');
  shequ_text_append_capped (message, (const char * const *) lines->pdata, lines->len, "\n",
                            MAX_PROBLEMS);
  g_set_error_literal (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID, message->str);
  return FALSE;
}
