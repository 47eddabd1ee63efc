/* shequ-disclosure-validate.c — what a disclosure must be: limits, lines, states in order */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-disclosure-validate"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-disclosure-types.h"
#include "shequ-disclosure-validate.h"

/* Short texts: a category, an attachment's name, a person, a time. */
#define SHORT_TEXT_MAX 200

static gboolean G_GNUC_PRINTF (3, 4)
invalid (GError     **error,
         gint         code,
         const char  *format,
         ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (SHEQU_DISCLOSURE_ERROR, code, format, args));
  va_end (args);
  return FALSE;
}

/* Whether TEXT (NULL allowed) is valid UTF-8 of at most MAX_BYTES bytes without C0
 * controls other than tab and newlines. */
static gboolean
text_ok (const char *text,
         gsize       max_bytes)
{
  gsize len;

  if (text == NULL)
    return TRUE;
  len = strlen (text);
  if (len > max_bytes || !g_utf8_validate (text, (gssize) len, NULL))
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if ((guchar) text[i] < 0x20 && text[i] != '\t' && text[i] != '\n' && text[i] != '\r')
      return FALSE;
  return TRUE;
}

/* A short text: one line, valid UTF-8, at most MAX characters. */
static gboolean
short_text_ok (const char *text,
               glong       max_chars)
{
  if (text == NULL)
    return TRUE;
  if (!text_ok (text, (gsize) max_chars * 4) || strpbrk (text, "\t\r\n") != NULL)
    return FALSE;
  return g_utf8_strlen (text, -1) <= max_chars;
}

static gboolean
is_blank_text (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
time_ok (const char *time)
{
  g_autoptr(GDateTime) parsed = NULL;

  if (time == NULL)
    return TRUE;
  if (!short_text_ok (time, 64))
    return FALSE;
  parsed = g_date_time_new_from_iso8601 (time, NULL);
  return parsed != NULL;
}

/* The version's people, times and texts within their limits (what a draft must be). */
static gboolean
check_text_limits (const ShequDisclosureVersion *v,
                   GError                      **error)
{
  const char *people[] = { v->created_by, v->submitted_by, v->approved_by, v->published_by,
                           v->ended_by };
  const char *times[] = { v->created_at, v->submitted_at, v->approved_at, v->published_at,
                          v->ended_at };
  const char *texts[] = { v->body, v->reason, NULL, NULL, NULL, NULL, NULL };

  if (!short_text_ok (v->title, SHEQU_DISCLOSURE_TITLE_MAX))
    return invalid (error, SHEQU_DISCLOSURE_ERROR_INVALID,
                    _("Version %u: the title must be one line of at most %d characters"),
                    v->version, SHEQU_DISCLOSURE_TITLE_MAX);
  if (v->guide != NULL)
    {
      texts[2] = v->guide->topic;
      texts[3] = v->guide->eligibility;
      texts[4] = v->guide->materials;
      texts[5] = v->guide->steps;
      texts[6] = v->guide->contacts;
    }
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (!text_ok (texts[i], SHEQU_DISCLOSURE_TEXT_MAX))
      return invalid (error, SHEQU_DISCLOSURE_ERROR_INVALID,
                      _("Version %u: a text is longer than %d bytes or not valid UTF-8 text"),
                      v->version, SHEQU_DISCLOSURE_TEXT_MAX);
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    if (!short_text_ok (people[i], SHORT_TEXT_MAX))
      return invalid (error, SHEQU_DISCLOSURE_ERROR_INVALID,
                      _("Version %u: a person’s name is longer than %d characters or not "
                        "one line of text"), v->version, SHORT_TEXT_MAX);
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    if (!time_ok (times[i]))
      return invalid (error, SHEQU_DISCLOSURE_ERROR_INVALID,
                      _("Version %u: a time is not written as ISO 8601 (such as "
                        "2026-10-05T08:00:00Z)"), v->version);
  if (v->items != NULL && v->items->len > SHEQU_DISCLOSURE_ITEMS_MAX)
    return invalid (error, SHEQU_DISCLOSURE_ERROR_INVALID,
                    _("Version %u has %u lines: at most %d are allowed"),
                    v->version, v->items->len, SHEQU_DISCLOSURE_ITEMS_MAX);
  if (v->attachments != NULL && v->attachments->len > SHEQU_DISCLOSURE_ATTACHMENTS_MAX)
    return invalid (error, SHEQU_DISCLOSURE_ERROR_ATTACHMENT,
                    _("Version %u has %u attachments: at most %d are allowed"),
                    v->version, v->attachments->len, SHEQU_DISCLOSURE_ATTACHMENTS_MAX);
  return TRUE;
}

static gboolean
check_item (const ShequDisclosureVersion *v,
            guint                         i,
            GError                      **error)
{
  const ShequFinanceItem *item = g_ptr_array_index (v->items, i);

  if ((guint) item->direction >= SHEQU_FINANCE_N_DIRECTIONS)
    return invalid (error, SHEQU_DISCLOSURE_ERROR_INVALID,
                    _("Version %u, line %u: neither income nor expense"), v->version, i + 1);
  if (is_blank_text (item->category) || !short_text_ok (item->category, SHORT_TEXT_MAX))
    return invalid (error, SHEQU_DISCLOSURE_ERROR_INVALID,
                    _("Version %u, line %u: the category must be one line of 1 to %d "
                      "characters"), v->version, i + 1, SHORT_TEXT_MAX);
  if (!text_ok (item->note, SHEQU_DISCLOSURE_TEXT_MAX))
    return invalid (error, SHEQU_DISCLOSURE_ERROR_INVALID,
                    _("Version %u, line %u: the note is longer than %d bytes or not valid "
                      "UTF-8 text"), v->version, i + 1, SHEQU_DISCLOSURE_TEXT_MAX);
  if (item->amount <= 0 || item->amount > SHEQU_FEN_MAX)
    {
      g_autofree char *amount = shequ_money_format (item->amount);
      g_autofree char *max = shequ_money_format_grouped (SHEQU_FEN_MAX);

      return invalid (error, SHEQU_DISCLOSURE_ERROR_INVALID,
                      _("Version %u, line %u: the amount %s yuan must be more than zero "
                        "and at most %s yuan"), v->version, i + 1, amount, max);
    }
  return TRUE;
}

static gboolean
is_sha256 (const char *text)
{
  if (text == NULL || strlen (text) != 64)
    return FALSE;
  for (guint i = 0; i < 64; i++)
    if (!g_ascii_isxdigit (text[i]) || g_ascii_isupper (text[i]))
      return FALSE;
  return TRUE;
}

static gboolean
check_attachment (const ShequDisclosureVersion *v,
                  guint                         i,
                  GError                      **error)
{
  const ShequAttachmentRef *ref = g_ptr_array_index (v->attachments, i);
  static const char *const types[] = { "application/pdf", "image/png", "image/jpeg" };
  gboolean known_type = FALSE;

  if (is_blank_text (ref->name) || !short_text_ok (ref->name, SHORT_TEXT_MAX) ||
      strpbrk (ref->name, "/\\") != NULL || g_str_equal (ref->name, ".") ||
      g_str_equal (ref->name, ".."))
    return invalid (error, SHEQU_DISCLOSURE_ERROR_ATTACHMENT,
                    _("Version %u, attachment %u: the name must be a file name of 1 to %d "
                      "characters without folders"), v->version, i + 1, SHORT_TEXT_MAX);
  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    known_type |= g_strcmp0 (ref->mime, types[t]) == 0;
  if (!known_type)
    return invalid (error, SHEQU_DISCLOSURE_ERROR_ATTACHMENT,
                    _("Version %u, attachment %u (%s): only PDF, PNG and JPEG files may be "
                      "attached"), v->version, i + 1, ref->name);
  if (ref->size < 0 || ref->size > SHEQU_ATTACHMENT_SIZE_MAX)
    return invalid (error, SHEQU_DISCLOSURE_ERROR_ATTACHMENT,
                    _("Version %u, attachment %u (%s): larger than %d MiB"),
                    v->version, i + 1, ref->name, SHEQU_ATTACHMENT_SIZE_MAX / (1024 * 1024));
  if (!is_sha256 (ref->sha256))
    return invalid (error, SHEQU_DISCLOSURE_ERROR_ATTACHMENT,
                    _("Version %u, attachment %u (%s): the SHA-256 must be 64 lower-case "
                      "hexadecimal digits"), v->version, i + 1, ref->name);
  return TRUE;
}

/* What only a finance version has, and only a policy one. */
static gboolean
check_kind_parts (const ShequDisclosureVersion *v,
                  ShequDisclosureKind           kind,
                  gboolean                      complete,
                  GError                      **error)
{
  if (kind != SHEQU_DISCLOSURE_KIND_FINANCE &&
      (v->opening != 0 || v->closing != 0 || (v->items != NULL && v->items->len > 0)))
    return invalid (error, SHEQU_DISCLOSURE_ERROR_INVALID,
                    _("Version %u: only a finance disclosure has balances and lines"),
                    v->version);
  if (kind != SHEQU_DISCLOSURE_KIND_POLICY && v->guide != NULL)
    return invalid (error, SHEQU_DISCLOSURE_ERROR_INVALID,
                    _("Version %u: only a policy guide has a guide’s parts"), v->version);
  if (v->opening < -SHEQU_FEN_MAX || v->opening > SHEQU_FEN_MAX ||
      v->closing < -SHEQU_FEN_MAX || v->closing > SHEQU_FEN_MAX)
    {
      g_autofree char *max = shequ_money_format_grouped (SHEQU_FEN_MAX);

      return invalid (error, SHEQU_DISCLOSURE_ERROR_INVALID,
                      _("Version %u: a balance is beyond ±%s yuan"), v->version, max);
    }
  if (complete && kind == SHEQU_DISCLOSURE_KIND_POLICY &&
      (v->guide == NULL || is_blank_text (v->guide->topic)))
    return invalid (error, SHEQU_DISCLOSURE_ERROR_INVALID,
                    _("Version %u: a policy guide needs its topic"), v->version);
  return TRUE;
}

/* Limits, and for a version past draft (COMPLETE) everything. */
static gboolean
check_version (const ShequDisclosureVersion *v,
               ShequDisclosureKind           kind,
               gboolean                      complete,
               GError                      **error)
{
  if ((guint) v->state >= SHEQU_DISCLOSURE_N_STATES)
    return invalid (error, SHEQU_DISCLOSURE_ERROR_INVALID,
                    _("Version %u: an unknown state"), v->version);
  if (!check_text_limits (v, error) || !check_kind_parts (v, kind, complete, error))
    return FALSE;
  if (!complete)
    return TRUE;
  if (is_blank_text (v->title))
    return invalid (error, SHEQU_DISCLOSURE_ERROR_INVALID,
                    _("Version %u has no title"), v->version);
  for (guint i = 0; v->items != NULL && i < v->items->len; i++)
    if (!check_item (v, i, error))
      return FALSE;
  for (guint i = 0; v->attachments != NULL && i < v->attachments->len; i++)
    if (!check_attachment (v, i, error))
      return FALSE;
  if (kind == SHEQU_DISCLOSURE_KIND_FINANCE && !shequ_finance_check_balance (v, error))
    return FALSE;
  if (v->state == SHEQU_DISCLOSURE_STATE_WITHDRAWN && is_blank_text (v->reason))
    return invalid (error, SHEQU_DISCLOSURE_ERROR_REASON,
                    _("Version %u was withdrawn without a reason"), v->version);
  return TRUE;
}

gboolean
shequ_disclosure_version_validate (const ShequDisclosureVersion *v,
                                   ShequDisclosureKind           kind,
                                   GError                      **error)
{
  g_return_val_if_fail (v != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((guint) kind >= SHEQU_DISCLOSURE_N_KINDS)
    return invalid (error, SHEQU_DISCLOSURE_ERROR_INVALID, _("An unknown kind of disclosure"));
  return check_version (v, kind, TRUE, error);
}

static gboolean
is_in_progress (ShequDisclosureState state)
{
  return state == SHEQU_DISCLOSURE_STATE_DRAFT || state == SHEQU_DISCLOSURE_STATE_SUBMITTED ||
         state == SHEQU_DISCLOSURE_STATE_APPROVED;
}

/* Versions numbered 1…n; only the newest in progress; at most one published, and then
 * only the newest or the one a correction in progress follows; a corrected version
 * followed by one that was published. */
static gboolean
check_state_order (const ShequDisclosure *d,
                   GError               **error)
{
  guint n = d->versions->len;
  guint n_published = 0;

  for (guint i = 0; i < n; i++)
    {
      const ShequDisclosureVersion *v = g_ptr_array_index (d->versions, i);
      gboolean later_published = FALSE;

      if (v->version != i + 1)
        return invalid (error, SHEQU_DISCLOSURE_ERROR_INVALID,
                        _("Version %u is number %u in the list: versions are numbered "
                          "1, 2, … in order"), v->version, i + 1);
      if (is_in_progress (v->state) && i + 1 < n)
        return invalid (error, SHEQU_DISCLOSURE_ERROR_STATE,
                        _("Version %u is %s, but only the newest version may be a draft, "
                          "submitted or approved"),
                        v->version, shequ_disclosure_state_get_label (v->state));
      for (guint j = i + 1; j < n; j++)
        {
          const ShequDisclosureVersion *w = g_ptr_array_index (d->versions, j);

          later_published |= !is_in_progress (w->state);
        }
      if (v->state == SHEQU_DISCLOSURE_STATE_PUBLISHED)
        {
          n_published++;
          if (later_published)
            return invalid (error, SHEQU_DISCLOSURE_ERROR_STATE,
                            _("Version %u is still published although a later version "
                              "was published"), v->version);
        }
      if (v->state == SHEQU_DISCLOSURE_STATE_CORRECTED && !later_published)
        return invalid (error, SHEQU_DISCLOSURE_ERROR_STATE,
                        _("Version %u is corrected, but no later version was published"),
                        v->version);
    }
  g_assert (n_published <= 1);
  return TRUE;
}

static gboolean
is_uuid (const char *text)
{
  if (text == NULL || strlen (text) != 36 || !g_uuid_string_is_valid (text))
    return FALSE;
  for (guint i = 0; i < 36; i++)
    if (g_ascii_isupper (text[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_unit_code (const char *text)
{
  gsize len = text != NULL ? strlen (text) : 0;

  if (len == 0 || len > 32)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

static gboolean
check_identity (const ShequDisclosure *d,
                GError               **error)
{
  g_autofree char *period = NULL;

  if (!is_uuid (d->uuid))
    return invalid (error, SHEQU_DISCLOSURE_ERROR_INVALID,
                    _("The disclosure’s uuid must be 36 characters of lower-case RFC 4122 "
                      "text"));
  if (!is_unit_code (d->unit_code))
    return invalid (error, SHEQU_DISCLOSURE_ERROR_INVALID,
                    _("The disclosure’s unit code must be 1 to 32 digits"));
  if ((guint) d->kind >= SHEQU_DISCLOSURE_N_KINDS)
    return invalid (error, SHEQU_DISCLOSURE_ERROR_INVALID, _("An unknown kind of disclosure"));
  if (d->period == NULL || !short_text_ok (d->period, 32) ||
      !shequ_disclosure_period_parse (d->period, &period) || !g_str_equal (period, d->period))
    return invalid (error, SHEQU_DISCLOSURE_ERROR_INVALID,
                    _("“%s” is not a period: write 2026, 2026-Q3 or 2026-10"),
                    d->period != NULL && short_text_ok (d->period, 32) ? d->period : "");
  if (!time_ok (d->created_at))
    return invalid (error, SHEQU_DISCLOSURE_ERROR_INVALID,
                    _("The disclosure’s creation time is not an ISO 8601 time"));
  if (d->versions == NULL || d->versions->len == 0)
    return invalid (error, SHEQU_DISCLOSURE_ERROR_INVALID, _("The disclosure has no version"));
  if (d->versions->len > SHEQU_DISCLOSURE_VERSIONS_MAX)
    return invalid (error, SHEQU_DISCLOSURE_ERROR_INVALID,
                    _("The disclosure has %u versions: at most %d are allowed"),
                    d->versions->len, SHEQU_DISCLOSURE_VERSIONS_MAX);
  return TRUE;
}

gboolean
shequ_disclosure_validate (const ShequDisclosure *d,
                           GError               **error)
{
  g_return_val_if_fail (d != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_identity (d, error) || !check_state_order (d, error))
    return FALSE;
  for (guint i = 0; i < d->versions->len; i++)
    {
      const ShequDisclosureVersion *v = g_ptr_array_index (d->versions, i);

      if (!check_version (v, d->kind, v->state != SHEQU_DISCLOSURE_STATE_DRAFT, error))
        return FALSE;
    }
  return TRUE;
}

/* --- successors ------------------------------------------------------------------ */

/* A version residents have seen: it stays on the record. */
static gboolean
is_on_record (ShequDisclosureState state)
{
  return state == SHEQU_DISCLOSURE_STATE_PUBLISHED || state == SHEQU_DISCLOSURE_STATE_CORRECTED ||
         state == SHEQU_DISCLOSURE_STATE_WITHDRAWN;
}

static void
replace_text (char       **text,
              const char  *value)
{
  g_free (*text);
  *text = g_strdup (value);
}

/* AFTER as BEFORE would read without the steps a published version may still take:
 * corrected or withdrawn, by someone, at a time, for a reason. */
static void
undo_allowed_steps (ShequDisclosureVersion       *after,
                    const ShequDisclosureVersion *before)
{
  if (before->state != SHEQU_DISCLOSURE_STATE_PUBLISHED ||
      (after->state != SHEQU_DISCLOSURE_STATE_CORRECTED &&
       after->state != SHEQU_DISCLOSURE_STATE_WITHDRAWN))
    return;
  after->state = before->state;
  replace_text (&after->ended_by, before->ended_by);
  replace_text (&after->ended_at, before->ended_at);
  replace_text (&after->reason, before->reason);
}

gboolean
shequ_disclosure_check_successor (const ShequDisclosure *before,
                                  const ShequDisclosure *after,
                                  GError               **error)
{
  g_autoptr(ShequDisclosure) kept = NULL;
  g_autoptr(ShequDisclosure) next = NULL;
  guint n = 0;

  g_return_val_if_fail (before != NULL && after != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Only the newest version may be in progress: the record is every one before it. */
  for (guint i = 0; i < before->versions->len; i++)
    if (is_on_record (((ShequDisclosureVersion *) g_ptr_array_index (before->versions,
                                                                     i))->state))
      n = i + 1;
  if (n == 0)
    return TRUE;
  if (g_strcmp0 (before->uuid, after->uuid) != 0 ||
      g_strcmp0 (before->unit_code, after->unit_code) != 0 || before->kind != after->kind ||
      g_strcmp0 (before->period, after->period) != 0)
    return invalid (error, SHEQU_DISCLOSURE_ERROR_IMMUTABLE,
                    _("The disclosure was published: its unit, kind and period cannot "
                      "change"));
  if (after->versions->len < n)
    return invalid (error, SHEQU_DISCLOSURE_ERROR_IMMUTABLE,
                    _("Version %u was published: it cannot be removed"), n);
  kept = shequ_disclosure_copy (before);
  next = shequ_disclosure_copy (after);
  g_ptr_array_set_size (kept->versions, n);
  g_ptr_array_set_size (next->versions, n);
  /* Not on the record, and not shown: its creation time is no part of the check. */
  replace_text (&next->created_at, kept->created_at);
  for (guint i = 0; i < n; i++)
    undo_allowed_steps (g_ptr_array_index (next->versions, i),
                        g_ptr_array_index (kept->versions, i));
  if (!shequ_disclosure_equal (kept, next))
    return invalid (error, SHEQU_DISCLOSURE_ERROR_IMMUTABLE,
                    _("A published version would change: a published version never "
                      "changes; publish a correction instead"));
  return TRUE;
}
