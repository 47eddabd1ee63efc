/* shequ-disclosure-types.c — disclosures' kinds, states, periods, versions and totals */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-disclosure-types"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-disclosure-types.h"
#include "shequ-name-table.h"

G_DEFINE_QUARK (shequ-disclosure-error-quark, shequ_disclosure_error)

static const ShequNameEntry kind_names[SHEQU_DISCLOSURE_N_KINDS] = {
  { "village",    "村务公开", "disclosure kind", NC_("disclosure kind", "Village affairs") },
  { "finance",    "财务公开", "disclosure kind", NC_("disclosure kind", "Finances") },
  { "party",      "党务公开", "disclosure kind", NC_("disclosure kind", "Party affairs") },
  { "government", "政务公开", "disclosure kind", NC_("disclosure kind", "Government affairs") },
  { "news",       "工作动态", "disclosure kind", NC_("disclosure kind", "Work news") },
  { "policy",     "政策咨询", "disclosure kind", NC_("disclosure kind", "Policy guide") },
};

/* 居务公开 is a community's name for 村务公开. */
static const ShequNameAlias kind_aliases[] = {
  { "居务公开", SHEQU_DISCLOSURE_KIND_VILLAGE },
};

static const ShequNameEntry state_names[SHEQU_DISCLOSURE_N_STATES] = {
  { "draft",     "草稿",   "disclosure state", NC_("disclosure state", "Draft") },
  { "submitted", "待审核", "disclosure state", NC_("disclosure state", "Submitted") },
  { "approved",  "已审核", "disclosure state", NC_("disclosure state", "Approved") },
  { "published", "已发布", "disclosure state", NC_("disclosure state", "Published") },
  { "corrected", "已更正", "disclosure state", NC_("disclosure state", "Corrected") },
  { "withdrawn", "已撤回", "disclosure state", NC_("disclosure state", "Withdrawn") },
};

static const ShequNameEntry direction_names[SHEQU_FINANCE_N_DIRECTIONS] = {
  { "income",  "收入", "finance direction", NC_("finance direction", "Income") },
  { "expense", "支出", "finance direction", NC_("finance direction", "Expense") },
};

/* Typed names are keys, Chinese names or labels in the UI language (not the English
 * labels under a Chinese UI). */
static const ShequNameTable kinds = {
  kind_names, G_N_ELEMENTS (kind_names), SHEQU_NAME_MATCH_TRANSLATED,
  kind_aliases, G_N_ELEMENTS (kind_aliases),
};
static const ShequNameTable states =
  SHEQU_NAME_TABLE_INIT (state_names, SHEQU_NAME_MATCH_TRANSLATED);
static const ShequNameTable directions =
  SHEQU_NAME_TABLE_INIT (direction_names, SHEQU_NAME_MATCH_TRANSLATED);

#define DEFINE_NAMES(prefix, Type, table, n)                                 \
  SHEQU_NAME_TABLE_DEFINE_FUNCS (prefix, Type, table, n)                     \
                                                                             \
  const char *                                                               \
  prefix##_get_chinese (Type value)                                          \
  {                                                                          \
    g_return_val_if_fail ((guint) value < (n), NULL);                        \
    return (table).entries[value].zh;                                        \
  }

DEFINE_NAMES (shequ_disclosure_kind, ShequDisclosureKind, kinds, SHEQU_DISCLOSURE_N_KINDS)
DEFINE_NAMES (shequ_disclosure_state, ShequDisclosureState, states, SHEQU_DISCLOSURE_N_STATES)
DEFINE_NAMES (shequ_finance_direction, ShequFinanceDirection, directions,
              SHEQU_FINANCE_N_DIRECTIONS)

/* Periods. */

typedef enum {
  PERIOD_YEAR,
  PERIOD_QUARTER,
  PERIOD_MONTH,
} PeriodKind;

typedef struct {
  PeriodKind kind;
  guint      year;
  guint      part;   /* quarter 1–4 or month 1–12; 0 for a year */
} Period;

#define PERIOD_YEAR_MIN 1900
#define PERIOD_YEAR_MAX 2999

/* TEXT stripped, with full-width digits made ASCII; NULL for invalid UTF-8. */
static char *
period_normalize (const char *text)
{
  GString *out;

  if (!g_utf8_validate (text, -1, NULL))
    return NULL;
  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0xFF10 && c <= 0xFF19)
        g_string_append_c (out, (char) ('0' + (c - 0xFF10)));
      else if (c == 0xFF0D || c == 0x2013 || c == 0x2014)  /* －, dashes */
        g_string_append_c (out, '-');
      else if (c == 0xFF31 || c == 0xFF51)                 /* Ｑ ｑ */
        g_string_append_c (out, 'Q');
      else if (!g_unichar_isspace (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* 1 to 2 digits, or a Chinese numeral 一 … 十二, at *P; advances it. */
static gboolean
read_small_number (const char **p,
                   guint       *value)
{
  static const char *const numerals[] = {
    "十二", "十一", "十", "一", "二", "三", "四", "五", "六", "七", "八", "九",
  };
  static const guint numeral_values[] = { 12, 11, 10, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
  const char *s = *p;

  if (g_ascii_isdigit (s[0]))
    {
      *value = (guint) (s[0] - '0');
      s++;
      if (g_ascii_isdigit (s[0]))
        *value = *value * 10 + (guint) (*s++ - '0');
      *p = s;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (numerals); i++)
    if (g_str_has_prefix (s, numerals[i]))
      {
        *value = numeral_values[i];
        *p = s + strlen (numerals[i]);
        return TRUE;
      }
  return FALSE;
}

/* The rest after "2026年": "", "度", "第三季度", "三季度", "10月". */
static gboolean
read_chinese_rest (const char *s,
                   Period     *period)
{
  guint n;

  if (*s == '\0' || g_str_equal (s, "度"))
    {
      period->kind = PERIOD_YEAR;
      return TRUE;
    }
  if (g_str_has_prefix (s, "第"))
    {
      s += strlen ("第");
      if (!read_small_number (&s, &n) || !g_str_equal (s, "季度"))
        return FALSE;
      period->kind = PERIOD_QUARTER;
      period->part = n;
      return TRUE;
    }
  if (!read_small_number (&s, &n))
    return FALSE;
  if (g_str_equal (s, "季度"))
    period->kind = PERIOD_QUARTER;
  else if (g_str_equal (s, "月") || g_str_equal (s, "月份"))
    period->kind = PERIOD_MONTH;
  else
    return FALSE;
  period->part = n;
  return TRUE;
}

static gboolean
period_read (const char *text,
             Period     *period)
{
  g_autofree char *s_owned = NULL;
  const char *s;
  guint year = 0;

  if (text == NULL || (s_owned = period_normalize (text)) == NULL)
    return FALSE;
  s = s_owned;
  for (guint i = 0; i < 4; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      year = year * 10 + (guint) (s[i] - '0');
    }
  s += 4;
  if (year < PERIOD_YEAR_MIN || year > PERIOD_YEAR_MAX)
    return FALSE;
  period->year = year;
  period->part = 0;
  period->kind = PERIOD_YEAR;

  if (g_str_has_prefix (s, "年"))
    {
      if (!read_chinese_rest (s + strlen ("年"), period))
        return FALSE;
    }
  else if (*s != '\0')
    {
      gboolean dash = *s == '-';

      if (dash)
        s++;
      if (*s == 'Q' || *s == 'q')
        {
          period->kind = PERIOD_QUARTER;
          s++;
        }
      else if (dash)
        period->kind = PERIOD_MONTH;
      else
        return FALSE;
      if (!g_ascii_isdigit (*s))
        return FALSE;
      period->part = (guint) (*s++ - '0');
      if (g_ascii_isdigit (*s))
        period->part = period->part * 10 + (guint) (*s++ - '0');
      if (*s != '\0')
        return FALSE;
    }
  if (period->kind == PERIOD_QUARTER)
    return period->part >= 1 && period->part <= 4;
  if (period->kind == PERIOD_MONTH)
    return period->part >= 1 && period->part <= 12;
  return TRUE;
}

static char *
period_key (const Period *period)
{
  switch (period->kind)
    {
    case PERIOD_QUARTER:
      return g_strdup_printf ("%04u-Q%u", period->year, period->part);
    case PERIOD_MONTH:
      return g_strdup_printf ("%04u-%02u", period->year, period->part);
    case PERIOD_YEAR:
    default:
      return g_strdup_printf ("%04u", period->year);
    }
}

gboolean
shequ_disclosure_period_parse (const char  *text,
                               char       **key)
{
  Period period;

  g_return_val_if_fail (key != NULL, FALSE);

  if (!period_read (text, &period))
    return FALSE;
  *key = period_key (&period);
  return TRUE;
}

char *
shequ_disclosure_period_get_label (const char *key)
{
  Period period;

  g_return_val_if_fail (key != NULL, NULL);

  if (!period_read (key, &period))
    return g_utf8_make_valid (key, -1);
  switch (period.kind)
    {
    case PERIOD_QUARTER:
      /* One string a quarter: Chinese writes the number as a word (第三季度). */
      switch (period.part)
        {
        case 1:
          return g_strdup_printf (C_("period label", "%u Q1"), period.year);
        case 2:
          return g_strdup_printf (C_("period label", "%u Q2"), period.year);
        case 3:
          return g_strdup_printf (C_("period label", "%u Q3"), period.year);
        default:
          return g_strdup_printf (C_("period label", "%u Q4"), period.year);
        }
    case PERIOD_MONTH:
      /* TRANSLATORS: a month of a year, "2026-10". */
      return g_strdup_printf (C_("period label", "%u-%02u"), period.year, period.part);
    case PERIOD_YEAR:
    default:
      /* TRANSLATORS: a whole year, "2026". */
      return g_strdup_printf (C_("period label", "%u (year)"), period.year);
    }
}

char *
shequ_disclosure_period_get_chinese (const char *key)
{
  static const char *const quarters[] = { "一", "二", "三", "四" };
  Period period;

  g_return_val_if_fail (key != NULL, NULL);

  if (!period_read (key, &period))
    return g_utf8_make_valid (key, -1);
  switch (period.kind)
    {
    case PERIOD_QUARTER:
      return g_strdup_printf ("%u年第%s季度", period.year, quarters[period.part - 1]);
    case PERIOD_MONTH:
      return g_strdup_printf ("%u年%u月", period.year, period.part);
    case PERIOD_YEAR:
    default:
      return g_strdup_printf ("%u年", period.year);
    }
}

/* The months a period spans, 1–12. */
static void
period_months (const Period *period,
               guint        *first,
               guint        *last)
{
  switch (period->kind)
    {
    case PERIOD_QUARTER:
      *first = (period->part - 1) * 3 + 1;
      *last = *first + 2;
      break;
    case PERIOD_MONTH:
      *first = *last = period->part;
      break;
    case PERIOD_YEAR:
    default:
      *first = 1;
      *last = 12;
      break;
    }
}

gboolean
shequ_disclosure_period_within (const char *a,
                                const char *b)
{
  Period pa, pb;
  guint a_first, a_last, b_first, b_last;

  if (!period_read (a, &pa) || !period_read (b, &pb) || pa.year != pb.year)
    return FALSE;
  period_months (&pa, &a_first, &a_last);
  period_months (&pb, &b_first, &b_last);
  return a_first >= b_first && a_last <= b_last;
}

/* Making, copying and freeing. */

ShequFinanceItem *
shequ_finance_item_new (ShequFinanceDirection  direction,
                        const char            *category,
                        ShequFen               amount,
                        const char            *note)
{
  ShequFinanceItem *item = g_new0 (ShequFinanceItem, 1);

  item->direction = direction;
  item->category = g_strdup (category != NULL ? category : "");
  item->amount = amount;
  item->note = g_strdup (note != NULL ? note : "");
  return item;
}

ShequFinanceItem *
shequ_finance_item_copy (const ShequFinanceItem *item)
{
  g_return_val_if_fail (item != NULL, NULL);
  return shequ_finance_item_new (item->direction, item->category, item->amount, item->note);
}

void
shequ_finance_item_free (ShequFinanceItem *item)
{
  if (item == NULL)
    return;
  g_free (item->category);
  g_free (item->note);
  g_free (item);
}

ShequAttachmentRef *
shequ_attachment_ref_copy (const ShequAttachmentRef *ref)
{
  ShequAttachmentRef *copy;

  g_return_val_if_fail (ref != NULL, NULL);
  copy = g_new0 (ShequAttachmentRef, 1);
  copy->name = g_strdup (ref->name);
  copy->mime = g_strdup (ref->mime);
  copy->size = ref->size;
  copy->sha256 = g_strdup (ref->sha256);
  return copy;
}

void
shequ_attachment_ref_free (ShequAttachmentRef *ref)
{
  if (ref == NULL)
    return;
  g_free (ref->name);
  g_free (ref->mime);
  g_free (ref->sha256);
  g_free (ref);
}

ShequPolicyGuide *
shequ_policy_guide_copy (const ShequPolicyGuide *guide)
{
  ShequPolicyGuide *copy;

  g_return_val_if_fail (guide != NULL, NULL);
  copy = g_new0 (ShequPolicyGuide, 1);
  copy->topic = g_strdup (guide->topic);
  copy->eligibility = g_strdup (guide->eligibility);
  copy->materials = g_strdup (guide->materials);
  copy->steps = g_strdup (guide->steps);
  copy->contacts = g_strdup (guide->contacts);
  return copy;
}

void
shequ_policy_guide_free (ShequPolicyGuide *guide)
{
  if (guide == NULL)
    return;
  g_free (guide->topic);
  g_free (guide->eligibility);
  g_free (guide->materials);
  g_free (guide->steps);
  g_free (guide->contacts);
  g_free (guide);
}

ShequDisclosureVersion *
shequ_disclosure_version_new (void)
{
  ShequDisclosureVersion *v = g_new0 (ShequDisclosureVersion, 1);

  v->version = 1;
  v->state = SHEQU_DISCLOSURE_STATE_DRAFT;
  v->title = g_strdup ("");
  v->body = g_strdup ("");
  v->items = g_ptr_array_new_with_free_func ((GDestroyNotify) shequ_finance_item_free);
  v->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) shequ_attachment_ref_free);
  return v;
}

/* The version's people and times, the members copied one by one. */
#define VERSION_STRINGS(X) \
  X (title) X (body) X (created_by) X (created_at) X (submitted_by) X (submitted_at) \
  X (approved_by) X (approved_at) X (published_by) X (published_at) X (ended_by) \
  X (ended_at) X (reason)

ShequDisclosureVersion *
shequ_disclosure_version_copy (const ShequDisclosureVersion *v)
{
  ShequDisclosureVersion *copy;

  g_return_val_if_fail (v != NULL, NULL);

  copy = shequ_disclosure_version_new ();
  g_clear_pointer (&copy->title, g_free);
  g_clear_pointer (&copy->body, g_free);
  copy->version = v->version;
  copy->state = v->state;
  copy->opening = v->opening;
  copy->closing = v->closing;
#define COPY_STRING(member) copy->member = g_strdup (v->member);
  VERSION_STRINGS (COPY_STRING)
#undef COPY_STRING
  for (guint i = 0; v->items != NULL && i < v->items->len; i++)
    g_ptr_array_add (copy->items, shequ_finance_item_copy (g_ptr_array_index (v->items, i)));
  for (guint i = 0; v->attachments != NULL && i < v->attachments->len; i++)
    g_ptr_array_add (copy->attachments,
                     shequ_attachment_ref_copy (g_ptr_array_index (v->attachments, i)));
  if (v->guide != NULL)
    copy->guide = shequ_policy_guide_copy (v->guide);
  return copy;
}

void
shequ_disclosure_version_free (ShequDisclosureVersion *v)
{
  if (v == NULL)
    return;
#define FREE_STRING(member) g_free (v->member);
  VERSION_STRINGS (FREE_STRING)
#undef FREE_STRING
  g_clear_pointer (&v->items, g_ptr_array_unref);
  g_clear_pointer (&v->attachments, g_ptr_array_unref);
  shequ_policy_guide_free (v->guide);
  g_free (v);
}

ShequDisclosure *
shequ_disclosure_new (void)
{
  ShequDisclosure *d = g_new0 (ShequDisclosure, 1);

  d->kind = SHEQU_DISCLOSURE_KIND_VILLAGE;
  d->versions = g_ptr_array_new_with_free_func ((GDestroyNotify) shequ_disclosure_version_free);
  return d;
}

ShequDisclosure *
shequ_disclosure_copy (const ShequDisclosure *d)
{
  ShequDisclosure *copy;

  g_return_val_if_fail (d != NULL, NULL);

  copy = shequ_disclosure_new ();
  copy->uuid = g_strdup (d->uuid);
  copy->unit_code = g_strdup (d->unit_code);
  copy->kind = d->kind;
  copy->period = g_strdup (d->period);
  copy->created_at = g_strdup (d->created_at);
  for (guint i = 0; d->versions != NULL && i < d->versions->len; i++)
    g_ptr_array_add (copy->versions,
                     shequ_disclosure_version_copy (g_ptr_array_index (d->versions, i)));
  return copy;
}

void
shequ_disclosure_free (ShequDisclosure *d)
{
  if (d == NULL)
    return;
  g_free (d->uuid);
  g_free (d->unit_code);
  g_free (d->period);
  g_free (d->created_at);
  g_clear_pointer (&d->versions, g_ptr_array_unref);
  g_free (d);
}

ShequDisclosureVersion *
shequ_disclosure_get_current (const ShequDisclosure *d)
{
  g_return_val_if_fail (d != NULL, NULL);

  if (d->versions == NULL || d->versions->len == 0)
    return NULL;
  return g_ptr_array_index (d->versions, d->versions->len - 1);
}

ShequDisclosureVersion *
shequ_disclosure_get_published (const ShequDisclosure *d)
{
  g_return_val_if_fail (d != NULL, NULL);

  for (guint i = d->versions != NULL ? d->versions->len : 0; i > 0; i--)
    {
      ShequDisclosureVersion *v = g_ptr_array_index (d->versions, i - 1);

      if (v->state == SHEQU_DISCLOSURE_STATE_PUBLISHED)
        return v;
    }
  return NULL;
}

/* Equality. Title, body, category and note are never NULL in a document read from the
 * wire ("" there): NULL and "" say the same. */

static gboolean
text_equal (const char *a,
            const char *b)
{
  return g_strcmp0 (a != NULL ? a : "", b != NULL ? b : "") == 0;
}

static gboolean
guide_equal (const ShequPolicyGuide *a,
             const ShequPolicyGuide *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strcmp0 (a->topic, b->topic) == 0 &&
         g_strcmp0 (a->eligibility, b->eligibility) == 0 &&
         g_strcmp0 (a->materials, b->materials) == 0 &&
         g_strcmp0 (a->steps, b->steps) == 0 &&
         g_strcmp0 (a->contacts, b->contacts) == 0;
}

static guint
array_len (const GPtrArray *array)
{
  return array != NULL ? array->len : 0;
}

static gboolean
lines_equal (const ShequDisclosureVersion *a,
             const ShequDisclosureVersion *b)
{
  if (array_len (a->items) != array_len (b->items) ||
      array_len (a->attachments) != array_len (b->attachments))
    return FALSE;
  for (guint i = 0; i < array_len (a->items); i++)
    {
      const ShequFinanceItem *x = g_ptr_array_index (a->items, i);
      const ShequFinanceItem *y = g_ptr_array_index (b->items, i);

      if (x->direction != y->direction || x->amount != y->amount ||
          !text_equal (x->category, y->category) || !text_equal (x->note, y->note))
        return FALSE;
    }
  for (guint i = 0; i < array_len (a->attachments); i++)
    {
      const ShequAttachmentRef *x = g_ptr_array_index (a->attachments, i);
      const ShequAttachmentRef *y = g_ptr_array_index (b->attachments, i);

      if (x->size != y->size || !text_equal (x->name, y->name) ||
          !text_equal (x->mime, y->mime) || !text_equal (x->sha256, y->sha256))
        return FALSE;
    }
  return TRUE;
}

static gboolean
version_equal (const ShequDisclosureVersion *a,
               const ShequDisclosureVersion *b)
{
  if (a->version != b->version || a->state != b->state ||
      a->opening != b->opening || a->closing != b->closing ||
      !text_equal (a->title, b->title) || !text_equal (a->body, b->body))
    return FALSE;
#define SAME_STRING(member) \
  if (g_strcmp0 (a->member, b->member) != 0) \
    return FALSE;
  SAME_STRING (created_by) SAME_STRING (created_at) SAME_STRING (submitted_by)
  SAME_STRING (submitted_at) SAME_STRING (approved_by) SAME_STRING (approved_at)
  SAME_STRING (published_by) SAME_STRING (published_at) SAME_STRING (ended_by)
  SAME_STRING (ended_at) SAME_STRING (reason)
#undef SAME_STRING
  return lines_equal (a, b) && guide_equal (a->guide, b->guide);
}

gboolean
shequ_disclosure_equal (const ShequDisclosure *a,
                        const ShequDisclosure *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (g_strcmp0 (a->uuid, b->uuid) != 0 || g_strcmp0 (a->unit_code, b->unit_code) != 0 ||
      a->kind != b->kind || g_strcmp0 (a->period, b->period) != 0 ||
      g_strcmp0 (a->created_at, b->created_at) != 0 ||
      array_len (a->versions) != array_len (b->versions))
    return FALSE;
  for (guint i = 0; i < array_len (a->versions); i++)
    if (!version_equal (g_ptr_array_index (a->versions, i),
                        g_ptr_array_index (b->versions, i)))
      return FALSE;
  return TRUE;
}

/* Totals. */

gboolean
shequ_finance_totals (const ShequDisclosureVersion *v,
                      ShequFen                     *income,
                      ShequFen                     *expense)
{
  ShequFen in = 0;
  ShequFen out = 0;

  g_return_val_if_fail (v != NULL, FALSE);

  for (guint i = 0; i < array_len (v->items); i++)
    {
      const ShequFinanceItem *item = g_ptr_array_index (v->items, i);
      ShequFen *total = item->direction == SHEQU_FINANCE_INCOME ? &in : &out;

      if (!shequ_money_add (*total, item->amount, total))
        return FALSE;
    }
  if (income != NULL)
    *income = in;
  if (expense != NULL)
    *expense = out;
  return TRUE;
}

gboolean
shequ_finance_check_balance (const ShequDisclosureVersion *v,
                             GError                      **error)
{
  ShequFen income, expense, expected, difference;
  g_autofree char *by = NULL;
  g_autofree char *closing = NULL;
  g_autofree char *computed = NULL;

  g_return_val_if_fail (v != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!shequ_finance_totals (v, &income, &expense) ||
      !shequ_money_add (v->opening, income, &expected) ||
      !shequ_money_add (expected, -expense, &expected) ||
      !shequ_money_add (v->closing, -expected, &difference))
    {
      g_set_error (error, SHEQU_DISCLOSURE_ERROR, SHEQU_DISCLOSURE_ERROR_UNBALANCED,
                   _("Version %u: the totals are too large to add up"), v->version);
      return FALSE;
    }
  if (difference == 0)
    return TRUE;
  by = shequ_money_format_grouped (difference < 0 ? -difference : difference);
  closing = shequ_money_format_grouped (v->closing);
  computed = shequ_money_format_grouped (expected);
  g_set_error (error, SHEQU_DISCLOSURE_ERROR, SHEQU_DISCLOSURE_ERROR_UNBALANCED,
               difference > 0 ?
               _("Version %u does not balance: the closing balance %s yuan is %s yuan more "
                 "than the opening balance plus income minus expense (%s yuan)") :
               _("Version %u does not balance: the closing balance %s yuan is %s yuan less "
                 "than the opening balance plus income minus expense (%s yuan)"),
               v->version, closing, by, computed);
  return FALSE;
}

char *
shequ_disclosure_make_uuid (void)
{
  return g_uuid_string_random ();
}
