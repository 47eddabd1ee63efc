/* shequ-name-table.h — an enum's stable keys, Chinese names and labels, in one table */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What shequ_name_table_lookup () accepts besides the keys (exactly, or trimmed in any
 * ASCII case), the Chinese names and the aliases (trimmed, exactly). */
typedef enum {
  SHEQU_NAME_MATCH_KEYS       = 0,
  SHEQU_NAME_MATCH_ENGLISH    = 1 << 0,  /* the English label, trimmed, any ASCII case */
  SHEQU_NAME_MATCH_TRANSLATED = 1 << 1,  /* the label in the UI language, trimmed, exactly */
} ShequNameMatch;

/* One value of an enum. A table lists them in the enum's order: the index is the value. */
typedef struct {
  const char *key;    /* stable: files, databases, the wire */
  const char *zh;     /* the Chinese name, the same under every UI language */
  const char *ctx;    /* the label's context, as in its NC_(); NULL for N_() */
  const char *label;  /* English, marked NC_() or N_() */
} ShequNameEntry;

/* Another name people write for VALUE. */
typedef struct {
  const char *text;
  guint       value;
} ShequNameAlias;

typedef struct {
  const ShequNameEntry *entries;
  guint                 n_entries;
  ShequNameMatch        match;
  const ShequNameAlias *aliases;
  guint                 n_aliases;
} ShequNameTable;

/* A table of ENTRIES (an array) without aliases. */
#define SHEQU_NAME_TABLE_INIT(entries, match) \
  { (entries), G_N_ELEMENTS (entries), (match), NULL, 0 }

/* Sets *VALUE to the index of the entry STR names; FALSE (and *VALUE untouched) for
 * NULL, invalid UTF-8 or a name the table does not know. */
gboolean    shequ_name_table_lookup     (const ShequNameTable *table,
                                         const char           *str,
                                         guint                *value);

/* Entry VALUE's label in the UI language. */
const char *shequ_name_table_get_label  (const ShequNameTable *table,
                                         guint                 value);

/* PREFIX_to_key, PREFIX_from_string and PREFIX_get_label for the enum TYPE, whose N values
 * TABLE names. */
#define SHEQU_NAME_TABLE_DEFINE_FUNCS(prefix, Type, table, n)                \
  const char *                                                               \
  prefix##_to_key (Type value)                                               \
  {                                                                          \
    g_return_val_if_fail ((guint) value < (n), NULL);                        \
    return (table).entries[value].key;                                       \
  }                                                                          \
                                                                             \
  gboolean                                                                   \
  prefix##_from_string (const char *str,                                     \
                        Type       *value)                                   \
  {                                                                          \
    guint i;                                                                 \
                                                                             \
    g_return_val_if_fail (value != NULL, FALSE);                             \
    if (!shequ_name_table_lookup (&(table), str, &i))                        \
      return FALSE;                                                          \
    *value = (Type) i;                                                       \
    return TRUE;                                                             \
  }                                                                          \
                                                                             \
  const char *                                                               \
  prefix##_get_label (Type value)                                            \
  {                                                                          \
    g_return_val_if_fail ((guint) value < (n), NULL);                        \
    return shequ_name_table_get_label (&(table), value);                     \
  }

G_END_DECLS
