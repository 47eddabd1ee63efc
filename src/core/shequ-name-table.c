/* shequ-name-table.c — finding an enum value by its key, Chinese name or label */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-name-table"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-name-table.h"

const char *
shequ_name_table_get_label (const ShequNameTable *table,
                            guint                 value)
{
  const ShequNameEntry *entry;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (value < table->n_entries, NULL);

  entry = &table->entries[value];
  if (entry->ctx != NULL)
    return g_dpgettext2 (GETTEXT_PACKAGE, entry->ctx, entry->label);
  return g_dgettext (GETTEXT_PACKAGE, entry->label);
}

static gboolean
entry_matches (const ShequNameTable *table,
               guint                 i,
               const char           *stripped)
{
  const ShequNameEntry *entry = &table->entries[i];

  return g_ascii_strcasecmp (stripped, entry->key) == 0 ||
         g_strcmp0 (stripped, entry->zh) == 0 ||
         ((table->match & SHEQU_NAME_MATCH_ENGLISH) != 0 &&
          g_ascii_strcasecmp (stripped, entry->label) == 0) ||
         ((table->match & SHEQU_NAME_MATCH_TRANSLATED) != 0 &&
          g_strcmp0 (stripped, shequ_name_table_get_label (table, i)) == 0);
}

gboolean
shequ_name_table_lookup (const ShequNameTable *table,
                         const char           *str,
                         guint                *value)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  /* Databases and files hold the keys exactly: find those without copying. */
  for (guint i = 0; i < table->n_entries; i++)
    if (strcmp (str, table->entries[i].key) == 0)
      {
        *value = i;
        return TRUE;
      }

  if (!g_utf8_validate (str, -1, NULL))
    return FALSE;
  stripped = g_strstrip (g_strdup (str));
  for (guint i = 0; i < table->n_entries; i++)
    if (entry_matches (table, i, stripped))
      {
        *value = i;
        return TRUE;
      }
  for (guint i = 0; i < table->n_aliases; i++)
    if (g_str_equal (stripped, table->aliases[i].text))
      {
        *value = table->aliases[i].value;
        return TRUE;
      }
  return FALSE;
}
