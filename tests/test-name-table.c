/* test-name-table.c — enum names by key, Chinese name, label or alias; every table round-trips */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "shequ-disclosure-types.h"
#include "shequ-eval-types.h"
#include "shequ-name-table.h"
#include "shequ-org-types.h"
#include "shequ-test-units.h"

/* Labels whose zh_CN translations are not the Chinese names, so the two can be told apart:
 * "Not graded" (band) is 未评定, "Street" is 街道. */
static const ShequNameEntry entries[] = {
  { "none",   "无", "band", "Not graded" },
  { "street", "街", NULL,   "Street" },
  { "green",  "绿", "band", "Green" },
};

static const ShequNameAlias aliases[] = {
  { "没有", 0 },
  { "green", 0 },  /* never reached: the key comes first */
};

static const ShequNameTable keys_only = SHEQU_NAME_TABLE_INIT (entries, SHEQU_NAME_MATCH_KEYS);
static const ShequNameTable english = SHEQU_NAME_TABLE_INIT (entries, SHEQU_NAME_MATCH_ENGLISH);
static const ShequNameTable translated =
  SHEQU_NAME_TABLE_INIT (entries, SHEQU_NAME_MATCH_TRANSLATED);
static const ShequNameTable with_aliases = {
  entries, G_N_ELEMENTS (entries), SHEQU_NAME_MATCH_KEYS, aliases, G_N_ELEMENTS (aliases),
};

/* Whether TABLE finds STR, and as EXPECTED; a miss leaves the value alone. */
static void
check_lookup (const ShequNameTable *table,
              const char           *str,
              int                   expected)
{
  guint value = 42;

  g_test_message ("lookup “%s”", str != NULL ? str : "(null)");
  if (expected < 0)
    {
      g_assert_false (shequ_name_table_lookup (table, str, &value));
      g_assert_cmpuint (value, ==, 42);
    }
  else
    {
      g_assert_true (shequ_name_table_lookup (table, str, &value));
      g_assert_cmpuint (value, ==, (guint) expected);
    }
}

static void
test_keys (void)
{
  check_lookup (&keys_only, "street", 1);
  check_lookup (&keys_only, " STREET\t", 1);
  check_lookup (&keys_only, "Green", 2);
  check_lookup (&keys_only, "绿", 2);
  check_lookup (&keys_only, " 绿 ", 2);
  check_lookup (&keys_only, NULL, -1);
  check_lookup (&keys_only, "", -1);
  check_lookup (&keys_only, "   ", -1);
  check_lookup (&keys_only, "stree", -1);
  check_lookup (&keys_only, "street\xff", -1);
  check_lookup (&keys_only, "\xe7\xbb", -1);  /* 绿 cut short */
  /* Neither label, with neither asked for. */
  check_lookup (&keys_only, "Not graded", -1);
  check_lookup (&keys_only, "Street ", 1);     /* the key, any case */
}

static void
test_labels (void)
{
  /* The C locale: the translated label is the English one, matched exactly. */
  check_lookup (&translated, "Not graded", 0);
  check_lookup (&translated, " Not graded ", 0);
  check_lookup (&translated, "not graded", -1);
  check_lookup (&english, "not graded", 0);
  check_lookup (&english, "NOT GRADED", 0);
  check_lookup (&english, "Not  graded", -1);

  g_assert_cmpstr (shequ_name_table_get_label (&english, 0), ==, "Not graded");
  g_assert_cmpstr (shequ_name_table_get_label (&english, 1), ==, "Street");
}

static void
test_aliases (void)
{
  check_lookup (&with_aliases, "没有", 0);
  check_lookup (&with_aliases, " 没有\n", 0);
  check_lookup (&with_aliases, "green", 2);
  check_lookup (&keys_only, "没有", -1);
}

/* Every enum the three modules name, through guint so one loop serves them all. */
typedef struct {
  const char *name;
  guint       n_values;
  const char *(*to_key) (guint value);
  const char *(*get_label) (guint value);
  gboolean    (*from_string) (const char *str, guint *value);
} EnumNames;

#define WRAP(prefix, Type)                                                   \
  static const char *prefix##_key (guint v) { return prefix##_to_key ((Type) v); } \
  static const char *prefix##_label (guint v) { return prefix##_get_label ((Type) v); } \
  static gboolean                                                            \
  prefix##_parse (const char *str,                                           \
                  guint      *value)                                         \
  {                                                                          \
    Type t;                                                                  \
                                                                             \
    if (!prefix##_from_string (str, &t))                                     \
      return FALSE;                                                          \
    *value = (guint) t;                                                      \
    return TRUE;                                                             \
  }
#define ENUM(prefix, n) { #prefix, (n), prefix##_key, prefix##_label, prefix##_parse }

WRAP (shequ_disclosure_kind, ShequDisclosureKind)
WRAP (shequ_disclosure_state, ShequDisclosureState)
WRAP (shequ_finance_direction, ShequFinanceDirection)
WRAP (shequ_eval_kind, ShequEvalKind)
WRAP (shequ_period_kind, ShequPeriodKind)
WRAP (shequ_period_state, ShequPeriodState)
WRAP (shequ_band, ShequBand)
WRAP (shequ_eval_combine, ShequEvalCombine)
WRAP (shequ_flag_action, ShequFlagAction)
WRAP (shequ_flag_state, ShequFlagState)
WRAP (shequ_tier, ShequTier)
WRAP (shequ_role, ShequRole)

static const EnumNames every_enum[] = {
  ENUM (shequ_disclosure_kind, SHEQU_DISCLOSURE_N_KINDS),
  ENUM (shequ_disclosure_state, SHEQU_DISCLOSURE_N_STATES),
  ENUM (shequ_finance_direction, SHEQU_FINANCE_N_DIRECTIONS),
  ENUM (shequ_eval_kind, SHEQU_EVAL_N_KINDS),
  ENUM (shequ_period_kind, SHEQU_PERIOD_N_KINDS),
  ENUM (shequ_period_state, SHEQU_PERIOD_N_STATES),
  ENUM (shequ_band, SHEQU_N_BANDS),
  ENUM (shequ_eval_combine, SHEQU_EVAL_N_COMBINES),
  ENUM (shequ_flag_action, SHEQU_FLAG_N_ACTIONS),
  ENUM (shequ_flag_state, SHEQU_FLAG_N_STATES),
  ENUM (shequ_tier, SHEQU_N_TIERS),
  ENUM (shequ_role, SHEQU_N_ROLES),
};

/* Keys are lower-case ASCII and distinct; the key, the key in capitals between blanks and
 * the label in the UI language each give the value back. */
static void
check_round_trips (void)
{
  for (guint e = 0; e < G_N_ELEMENTS (every_enum); e++)
    {
      const EnumNames *names = &every_enum[e];
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < names->n_values; i++)
        {
          const char *key = names->to_key (i);
          const char *label = names->get_label (i);
          g_autofree char *upper = NULL;
          g_autofree char *padded = NULL;
          guint value = G_MAXUINT;

          g_test_message ("%s %u: %s, “%s”", names->name, i, key, label);
          g_assert_nonnull (key);
          g_assert_nonnull (label);
          g_assert_cmpuint (strspn (key, "abcdefghijklmnopqrstuvwxyz_"), ==, strlen (key));
          g_assert_true (g_hash_table_add (seen, (gpointer) key));
          g_assert_true (names->from_string (key, &value));
          g_assert_cmpuint (value, ==, i);
          upper = g_ascii_strup (key, -1);
          padded = g_strdup_printf (" %s\t", upper);
          value = G_MAXUINT;
          g_assert_true (names->from_string (padded, &value));
          g_assert_cmpuint (value, ==, i);
          value = G_MAXUINT;
          g_assert_true (names->from_string (label, &value));
          g_assert_cmpuint (value, ==, i);
        }
      {
        guint value = G_MAXUINT;

        g_assert_false (names->from_string ("no-such-name", &value));
        g_assert_false (names->from_string (NULL, &value));
        g_assert_false (names->from_string ("\xff", &value));
        g_assert_cmpuint (value, ==, G_MAXUINT);
      }
    }
}

static void
test_every_enum (void)
{
  check_round_trips ();
}

/* Tiers and roles as spreadsheets write them: long forms of tier names, as typed. */
static void
test_org_names (void)
{
  ShequTier tier = SHEQU_N_TIERS;
  ShequRole role = SHEQU_N_ROLES;

  g_assert_true (shequ_tier_from_string ("行政村", &tier));
  g_assert_cmpint (tier, ==, SHEQU_TIER_VILLAGE);
  g_assert_true (shequ_tier_from_string ("管区", &tier));
  g_assert_cmpint (tier, ==, SHEQU_TIER_AREA);
  g_assert_false (shequ_tier_from_string (" 管区", &tier));  /* the long forms as typed */
  g_assert_true (shequ_tier_from_string (" grid ", &tier));
  g_assert_cmpint (tier, ==, SHEQU_TIER_GRID);
  g_assert_true (shequ_role_from_string ("grid worker", &role));
  g_assert_cmpint (role, ==, SHEQU_ROLE_GRID_WORKER);
  g_assert_true (shequ_role_from_string ("法律顾问", &role));
  g_assert_cmpint (role, ==, SHEQU_ROLE_LEGAL_ADVISER);
  g_assert_false (shequ_role_from_string ("chair", &role));
  g_assert_cmpstr (shequ_tier_get_chinese_name (SHEQU_TIER_STREET), ==, "街道");
}

/* Runs last: it switches the process to Chinese. */
static void
test_chinese (void)
{
  if (!shequ_test_use_chinese ())
    return;
  g_assert_cmpstr (shequ_name_table_get_label (&english, 0), ==, "未评定");
  g_assert_cmpstr (shequ_name_table_get_label (&english, 1), ==, "街道");
  check_lookup (&translated, "未评定", 0);
  check_lookup (&translated, "Not graded", -1);
  check_lookup (&english, "未评定", -1);
  check_lookup (&english, "not graded", 0);
  check_lookup (&translated, "街道", 1);
  check_lookup (&translated, "街", 1);
  check_lookup (&keys_only, "街道", -1);

  /* Chinese labels too: the org tables take no translated labels, but theirs are the
   * Chinese names. */
  check_round_trips ();
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/name-table/lookup/keys", test_keys);
  g_test_add_func ("/name-table/lookup/labels", test_labels);
  g_test_add_func ("/name-table/lookup/aliases", test_aliases);
  g_test_add_func ("/name-table/round-trip/every-enum", test_every_enum);
  g_test_add_func ("/name-table/org/long-forms", test_org_names);
  g_test_add_func ("/name-table/zh/labels", test_chinese);

  return g_test_run ();
}
