/* shequ-disclosure-store-workflow.c — a disclosure made, edited and moved through its workflow */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-disclosure"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-disclosure-store-private.h"

/* ---- Content: what a draft may hold ----------------------------------------------- */

static gboolean
is_sha256 (const char *text)
{
  if (text == NULL || strlen (text) != 64)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return TRUE;
}

static gboolean
check_text (const char  *text,
            const char  *title,
            const char  *what,
            GError     **error)
{
  if (text == NULL)
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL))
    /* TRANSLATORS: %s: what ("the body", "the topic"…), then the disclosure's title */
    return _shequ_disclosure_set_error (error, SHEQU_DISCLOSURE_ERROR_INVALID,
                                        _("The text of %s of “%s” is not valid UTF-8."),
                                        what, title);
  if (strlen (text) > SHEQU_DISCLOSURE_TEXT_MAX)
    return _shequ_disclosure_set_error (error, SHEQU_DISCLOSURE_ERROR_INVALID,
                                        /* TRANSLATORS: %s: what, the title; %d: a size */
                                        _("The text of %s of “%s” is longer than %d bytes."),
                                        what, title, SHEQU_DISCLOSURE_TEXT_MAX);
  return TRUE;
}

static gboolean
check_lines (const ShequDisclosureVersion  *v,
             const char                    *title,
             GError                       **error)
{
  guint n_items = v->items != NULL ? v->items->len : 0;
  guint n_files = v->attachments != NULL ? v->attachments->len : 0;

  if (n_items > SHEQU_DISCLOSURE_ITEMS_MAX)
    return _shequ_disclosure_set_error (error, SHEQU_DISCLOSURE_ERROR_INVALID,
                                        _("“%s” has %u finance lines; at most %d are allowed."),
                                        title, n_items, SHEQU_DISCLOSURE_ITEMS_MAX);
  for (guint i = 0; i < n_items; i++)
    {
      const ShequFinanceItem *item = g_ptr_array_index (v->items, i);

      if (item->amount <= 0 || item->amount > SHEQU_FEN_MAX ||
          item->direction >= SHEQU_FINANCE_N_DIRECTIONS)
        return _shequ_disclosure_set_error (error, SHEQU_DISCLOSURE_ERROR_INVALID,
                                            /* TRANSLATORS: %u: a line number; %s: title */
                                            _("Line %u of “%s”: the amount must be more than "
                                              "zero and at most 1,000,000,000,000 yuan."),
                                            i + 1, title);
      if (!check_text (item->category, title, C_("disclosure part", "a line's category"), error) ||
          !check_text (item->note, title, C_("disclosure part", "a line's note"), error))
        return FALSE;
    }
  if (n_files > SHEQU_DISCLOSURE_ATTACHMENTS_MAX)
    return _shequ_disclosure_set_error (error, SHEQU_DISCLOSURE_ERROR_ATTACHMENT,
                                        _("“%s” has %u attachments; at most %d are allowed."),
                                        title, n_files, SHEQU_DISCLOSURE_ATTACHMENTS_MAX);
  for (guint i = 0; i < n_files; i++)
    {
      const ShequAttachmentRef *ref = g_ptr_array_index (v->attachments, i);

      if (ref->name == NULL || *ref->name == '\0' || !is_sha256 (ref->sha256) ||
          ref->size <= 0 || ref->size > SHEQU_ATTACHMENT_SIZE_MAX || ref->mime == NULL)
        return _shequ_disclosure_set_error (error, SHEQU_DISCLOSURE_ERROR_ATTACHMENT,
                                            /* TRANSLATORS: %u: a number; %s: the title */
                                            _("Attachment %u of “%s” is not one kept by Shequ."),
                                            i + 1, title);
    }
  return TRUE;
}

/* What even a draft must keep to: the limits, and money lines that are money. */
static gboolean
check_draft (const ShequDisclosureVersion  *v,
             GError                       **error)
{
  const char *title = v->title != NULL && *v->title != '\0' ? v->title : C_("disclosure", "untitled");
  const ShequPolicyGuide *g = v->guide;

  if (v->title != NULL && !g_utf8_validate (v->title, -1, NULL))
    return _shequ_disclosure_set_error (error, SHEQU_DISCLOSURE_ERROR_INVALID,
                                        _("The title of a disclosure is not valid UTF-8."));
  if (v->title != NULL && g_utf8_strlen (v->title, -1) > SHEQU_DISCLOSURE_TITLE_MAX)
    return _shequ_disclosure_set_error (error, SHEQU_DISCLOSURE_ERROR_INVALID,
                                        _("The title “%s” is longer than %d characters."),
                                        title, SHEQU_DISCLOSURE_TITLE_MAX);
  if (!check_text (v->body, title, C_("disclosure part", "the body"), error))
    return FALSE;
  if (g != NULL &&
      (!check_text (g->topic, title, C_("disclosure part", "the topic"), error) ||
       !check_text (g->eligibility, title, C_("disclosure part", "who qualifies"), error) ||
       !check_text (g->materials, title, C_("disclosure part", "the materials"), error) ||
       !check_text (g->steps, title, C_("disclosure part", "the steps"), error) ||
       !check_text (g->contacts, title, C_("disclosure part", "the contacts"), error)))
    return FALSE;
  return check_lines (v, title, error);
}

static void
clear_people (ShequDisclosureVersion *v)
{
  char **people[] = {
    &v->created_by, &v->created_at, &v->submitted_by, &v->submitted_at, &v->approved_by,
    &v->approved_at, &v->published_by, &v->published_at, &v->ended_by, &v->ended_at,
    &v->reason,
  };

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    g_clear_pointer (people[i], g_free);
}

/* CONTENT as a draft of KIND numbered VERSION: only what the kind holds is kept. */
static ShequDisclosureVersion *
make_draft (const ShequDisclosureVersion *content,
            ShequDisclosureKind           kind,
            guint                         version)
{
  ShequDisclosureVersion *v = shequ_disclosure_version_copy (content);

  clear_people (v);
  v->version = version;
  v->state = SHEQU_DISCLOSURE_STATE_DRAFT;
  if (v->title == NULL)
    v->title = g_strdup ("");
  if (v->body == NULL)
    v->body = g_strdup ("");
  if (kind != SHEQU_DISCLOSURE_KIND_FINANCE)
    {
      v->opening = v->closing = 0;
      if (v->items != NULL)
        g_ptr_array_set_size (v->items, 0);
    }
  if (kind != SHEQU_DISCLOSURE_KIND_POLICY)
    g_clear_pointer (&v->guide, shequ_policy_guide_free);
  return v;
}

/* Every attachment V names is kept in attachment_blob. */
static gboolean
check_blobs (ShequDatabase                 *db,
             const ShequDisclosureVersion  *v,
             GError                       **error)
{
  g_autoptr(ShequCachedStmt) stmt = NULL;

  if (v->attachments == NULL || v->attachments->len == 0)
    return TRUE;
  stmt = _shequ_disclosure_db_prepare (db, "SELECT EXISTS (SELECT 1 FROM attachment_blob "
                                 "WHERE sha256 = ?)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < v->attachments->len; i++)
    {
      const ShequAttachmentRef *ref = g_ptr_array_index (v->attachments, i);

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, ref->sha256, -1, SQLITE_TRANSIENT);
      if (!_shequ_disclosure_db_step (db, stmt, error))
        return FALSE;
      if (!sqlite3_column_int (stmt, 0))
        return _shequ_disclosure_set_error (error, SHEQU_DISCLOSURE_ERROR_ATTACHMENT,
                                            /* TRANSLATORS: %s: a file name, then a title */
                                            _("The attachment “%s” of “%s” is not in the "
                                              "database: add the file again."),
                                            ref->name, v->title);
    }
  return TRUE;
}

/* ---- Create ----------------------------------------------------------------------- */

typedef struct {
  DisclosureWrite  base;
  ShequDisclosure *doc;
} CreateOp;

static gboolean
create_in_transaction (ShequDatabase  *db,
                       gpointer        data,
                       GError        **error)
{
  CreateOp *op = data;
  ShequDisclosureVersion *v = shequ_disclosure_get_current (op->doc);
  g_autoptr(ShequCachedStmt) stmt = NULL;

  if (!check_blobs (db, v, error) ||
      !_shequ_disclosure_store_finish_edit (op->base.self, op->doc, 0, op->base.actor,
                                            "create", NULL, v->title, NULL, error))
    return FALSE;
  if (!(stmt = _shequ_disclosure_db_prepare (db, "SELECT id FROM disclosure WHERE uuid = ?", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, op->doc->uuid, -1, SQLITE_TRANSIENT);
  if (!_shequ_disclosure_db_step (db, stmt, error))
    return FALSE;
  op->base.id = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

gboolean
shequ_disclosure_store_create (ShequDisclosureStore          *self,
                               gint64                         unit_id,
                               ShequDisclosureKind            kind,
                               const char                    *period,
                               const ShequDisclosureVersion  *content,
                               const char                    *actor,
                               gint64                        *id,
                               GError                       **error)
{
  g_autoptr(ShequDisclosure) doc = NULL;
  g_autofree char *key = NULL;
  g_autofree char *now = _shequ_disclosure_now ();
  ShequDisclosureVersion *v;
  ShequUnit *unit;
  CreateOp op = { { NULL, actor, 0, NULL }, NULL };

  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_STORE (self), FALSE);
  g_return_val_if_fail (content != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((unit = shequ_org_store_lookup_unit (self->org, unit_id)) == NULL)
    {
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, unit_id);

      return _shequ_disclosure_set_error (error, SHEQU_DISCLOSURE_ERROR_NOT_FOUND,
                                          _("There is no unit with id %s."), id_text);
    }
  if ((guint) kind >= SHEQU_DISCLOSURE_N_KINDS)
    return _shequ_disclosure_set_error (error, SHEQU_DISCLOSURE_ERROR_INVALID,
                                        _("Unknown kind of disclosure."));
  if (period == NULL || !shequ_disclosure_period_parse (period, &key))
    return _shequ_disclosure_set_error (error, SHEQU_DISCLOSURE_ERROR_INVALID,
                                        /* TRANSLATORS: %s: what was typed */
                                        _("“%s” is not a period: write a year (2026), a "
                                          "quarter (2026-Q3) or a month (2026-10)."),
                                        period != NULL ? period : "");
  if (!check_draft (content, error))
    return FALSE;

  doc = shequ_disclosure_new ();
  g_free (doc->uuid);
  doc->uuid = shequ_disclosure_make_uuid ();
  g_free (doc->unit_code);
  doc->unit_code = g_strdup (shequ_unit_get_code (unit));
  doc->kind = kind;
  g_free (doc->period);
  doc->period = g_steal_pointer (&key);
  g_free (doc->created_at);
  doc->created_at = g_strdup (now);
  v = make_draft (content, kind, 1);
  v->created_by = g_strdup (_shequ_disclosure_store_actor (self, actor));
  v->created_at = g_strdup (now);
  g_ptr_array_set_size (doc->versions, 0);
  g_ptr_array_add (doc->versions, v);

  op.doc = doc;
  op.base.title = v->title;
  if (!_shequ_disclosure_store_write (self, create_in_transaction, &op.base, error))
    return FALSE;
  if (id != NULL)
    *id = op.base.id;
  return TRUE;
}

/* ---- Import ----------------------------------------------------------------------- */

typedef struct {
  DisclosureWrite  base;
  GPtrArray       *docs;
} ImportOp;

static gboolean
import_in_transaction (ShequDatabase  *db,
                       gpointer        data,
                       GError        **error)
{
  ImportOp *op = data;
  g_autoptr(ShequCachedStmt) exists = NULL;

  if (!(exists = _shequ_disclosure_db_prepare (db, "SELECT EXISTS (SELECT 1 FROM disclosure "
                                               "WHERE uuid = ?1)", error)))
    return FALSE;
  for (guint i = 0; i < op->docs->len; i++)
    {
      const ShequDisclosure *doc = g_ptr_array_index (op->docs, i);

      sqlite3_reset (exists);
      sqlite3_bind_text (exists, 1, doc->uuid, -1, SQLITE_TRANSIENT);
      if (!_shequ_disclosure_db_step (db, exists, error))
        return FALSE;
      if (sqlite3_column_int (exists, 0))
        return _shequ_disclosure_set_error (error, SHEQU_DISCLOSURE_ERROR_INVALID,
                                            /* TRANSLATORS: %s: a title, then a uuid */
                                            _("“%s” is already here (%s): it is not "
                                              "imported again."),
                                            _shequ_disclosure_get_title (doc), doc->uuid);
      if (!_shequ_disclosure_store_finish_edit (op->base.self, doc, 0, op->base.actor,
                                                "import", NULL,
                                                _shequ_disclosure_get_title (doc), NULL,
                                                error))
        return FALSE;
    }
  return TRUE;
}

gboolean
shequ_disclosure_store_import (ShequDisclosureStore  *self,
                               GPtrArray             *docs,
                               const char            *actor,
                               GError               **error)
{
  ImportOp op = { { NULL, actor, 0, NULL }, docs };

  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_STORE (self), FALSE);
  g_return_val_if_fail (docs != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < docs->len; i++)
    {
      const ShequDisclosure *doc = g_ptr_array_index (docs, i);

      if (!shequ_disclosure_validate (doc, error))
        return FALSE;
      if (shequ_org_store_lookup_code (self->org, doc->unit_code) == NULL)
        return _shequ_disclosure_set_error (error, SHEQU_DISCLOSURE_ERROR_NOT_FOUND,
                                            /* TRANSLATORS: %s: a title, then a unit code */
                                            _("“%s” is of the unit %s, which is not in the "
                                              "organisation."),
                                            _shequ_disclosure_get_title (doc), doc->unit_code);
    }
  return docs->len == 0 ||
         _shequ_disclosure_store_write (self, import_in_transaction, &op.base, error);
}

/* ---- The steps -------------------------------------------------------------------- */

typedef enum {
  STEP_SAVE,
  STEP_SUBMIT,
  STEP_RETURN,
  STEP_APPROVE,
  STEP_PUBLISH,
  STEP_CORRECT,
  STEP_WITHDRAW,
} Step;

static const char *const step_actions[] = {
  "save", "submit", "return", "approve", "publish", "correct", "withdraw",
};

typedef struct {
  DisclosureWrite               base;
  Step                          step;
  const ShequDisclosureVersion *content;   /* SAVE */
  const char                   *reason;    /* RETURN, WITHDRAW */
  guint                         version;   /* CORRECT: the new version's number */
} StepOp;

/* The step is not one the newest version's state allows. */
static gboolean
set_state_error (GError               **error,
                 Step                   step,
                 const char            *title,
                 ShequDisclosureState   state)
{
  const char *label = shequ_disclosure_state_get_label (state);

  switch (step)
    {
    case STEP_SAVE:
      if (_shequ_disclosure_state_is_frozen (state))
        return _shequ_disclosure_set_error (error, SHEQU_DISCLOSURE_ERROR_IMMUTABLE,
                                            /* TRANSLATORS: %s: the title, then its state */
                                            _("“%s” is %s: a published version never "
                                              "changes. Correct it to make a new version."),
                                            title, label);
      return _shequ_disclosure_set_error (error, SHEQU_DISCLOSURE_ERROR_STATE,
                                          _("“%s” is %s: it can be edited only as a draft."),
                                          title, label);
    case STEP_SUBMIT:
      return _shequ_disclosure_set_error (error, SHEQU_DISCLOSURE_ERROR_STATE,
                                          _("Only a draft can be submitted; “%s” is %s."),
                                          title, label);
    case STEP_RETURN:
      return _shequ_disclosure_set_error (error, SHEQU_DISCLOSURE_ERROR_STATE,
                                          _("Only a submitted disclosure can be returned to "
                                            "draft; “%s” is %s."), title, label);
    case STEP_APPROVE:
      return _shequ_disclosure_set_error (error, SHEQU_DISCLOSURE_ERROR_STATE,
                                          _("Only a submitted disclosure can be approved; "
                                            "“%s” is %s."), title, label);
    case STEP_PUBLISH:
      return _shequ_disclosure_set_error (error, SHEQU_DISCLOSURE_ERROR_STATE,
                                          _("Only an approved disclosure can be published; "
                                            "“%s” is %s."), title, label);
    case STEP_CORRECT:
      return _shequ_disclosure_set_error (error, SHEQU_DISCLOSURE_ERROR_STATE,
                                          _("Only a published disclosure can be corrected; "
                                            "“%s” is %s."), title, label);
    case STEP_WITHDRAW:
    default:
      return _shequ_disclosure_set_error (error, SHEQU_DISCLOSURE_ERROR_STATE,
                                          _("Only a published disclosure can be withdrawn; "
                                            "“%s” is %s."), title, label);
    }
}

static const ShequDisclosureState step_from[] = {
  SHEQU_DISCLOSURE_STATE_DRAFT, SHEQU_DISCLOSURE_STATE_DRAFT,
  SHEQU_DISCLOSURE_STATE_SUBMITTED, SHEQU_DISCLOSURE_STATE_SUBMITTED,
  SHEQU_DISCLOSURE_STATE_APPROVED, SHEQU_DISCLOSURE_STATE_PUBLISHED,
  SHEQU_DISCLOSURE_STATE_PUBLISHED,
};

/* Moves DOC's newest version V on by OP's step (checked to start from its state). */
static gboolean
apply_step (StepOp                  *op,
            ShequDisclosure         *doc,
            ShequDisclosureVersion  *v,
            const char              *now,
            GError                 **error)
{
  const char *actor = op->base.actor;

  switch (op->step)
    {
    case STEP_SAVE:
      {
        ShequDisclosureVersion *draft = make_draft (op->content, doc->kind, v->version);

        draft->created_by = g_strdup (v->created_by);
        draft->created_at = g_strdup (v->created_at);
        draft->reason = g_strdup (v->reason);
        g_ptr_array_index (doc->versions, doc->versions->len - 1) = draft;
        shequ_disclosure_version_free (v);
        return check_blobs (op->base.self->db, draft, error);
      }
    case STEP_SUBMIT:
      if (!shequ_disclosure_version_validate (v, doc->kind, error))
        {
          /* TRANSLATORS: %s: the title; the reason follows */
          g_prefix_error (error, _("“%s” cannot be submitted: "), _shequ_disclosure_get_title (doc));
          return FALSE;
        }
      g_clear_pointer (&v->reason, g_free);
      v->submitted_by = g_strdup (actor);
      v->submitted_at = g_strdup (now);
      v->state = SHEQU_DISCLOSURE_STATE_SUBMITTED;
      return TRUE;
    case STEP_RETURN:
      g_clear_pointer (&v->submitted_by, g_free);
      g_clear_pointer (&v->submitted_at, g_free);
      g_free (v->reason);
      v->reason = g_strdup (op->reason);
      v->state = SHEQU_DISCLOSURE_STATE_DRAFT;
      return TRUE;
    case STEP_APPROVE:
      v->approved_by = g_strdup (actor);
      v->approved_at = g_strdup (now);
      v->state = SHEQU_DISCLOSURE_STATE_APPROVED;
      return TRUE;
    case STEP_PUBLISH:
      for (guint i = 0; i + 1 < doc->versions->len; i++)
        {
          ShequDisclosureVersion *old = g_ptr_array_index (doc->versions, i);

          if (old->state != SHEQU_DISCLOSURE_STATE_PUBLISHED)
            continue;
          old->state = SHEQU_DISCLOSURE_STATE_CORRECTED;
          g_free (old->ended_by);
          old->ended_by = g_strdup (actor);
          g_free (old->ended_at);
          old->ended_at = g_strdup (now);
        }
      v->published_by = g_strdup (actor);
      v->published_at = g_strdup (now);
      v->state = SHEQU_DISCLOSURE_STATE_PUBLISHED;
      return TRUE;
    case STEP_CORRECT:
      {
        ShequDisclosureVersion *copy = make_draft (v, doc->kind, v->version + 1);

        copy->created_by = g_strdup (actor);
        copy->created_at = g_strdup (now);
        op->version = copy->version;
        g_ptr_array_add (doc->versions, copy);
        return TRUE;
      }
    case STEP_WITHDRAW:
    default:
      v->ended_by = g_strdup (actor);
      v->ended_at = g_strdup (now);
      g_free (v->reason);
      v->reason = g_strdup (op->reason);
      v->state = SHEQU_DISCLOSURE_STATE_WITHDRAWN;
      return TRUE;
    }
}

static gboolean
step_in_transaction (ShequDatabase  *db,
                     gpointer        data,
                     GError        **error)
{
  StepOp *op = data;
  g_autoptr(ShequDisclosure) doc = NULL;
  g_autofree char *now = _shequ_disclosure_now ();
  g_autofree char *new_value = NULL;
  ShequDisclosureVersion *v;
  ShequDisclosureState from;
  gint64 revision = 0;

  if (!_shequ_disclosure_store_begin_edit (op->base.self, op->base.id, &doc, &revision, error))
    return FALSE;
  v = shequ_disclosure_get_current (doc);
  from = v->state;
  if (from != step_from[op->step])
    return set_state_error (error, op->step, _shequ_disclosure_get_title (doc), from);
  if (!apply_step (op, doc, v, now, error))
    return FALSE;
  v = shequ_disclosure_get_current (doc);
  new_value = op->step == STEP_SAVE ? g_strdup (v->title)
            : op->step == STEP_CORRECT ? g_strdup_printf ("%u", op->version)
            : g_strdup (shequ_disclosure_state_to_key (v->state));
  return _shequ_disclosure_store_finish_edit (op->base.self, doc, revision, op->base.actor,
                                              step_actions[op->step],
                                              op->step == STEP_SAVE ? NULL
                                                : shequ_disclosure_state_to_key (from),
                                              new_value, op->reason, error);
}

static gboolean
run_step (ShequDisclosureStore  *self,
          gint64                 id,
          StepOp                *op,
          GError               **error)
{
  const ShequDisclosureRow *row = shequ_disclosure_store_lookup (self, id);

  if ((op->step == STEP_RETURN || op->step == STEP_WITHDRAW) &&
      _shequ_disclosure_is_blank (op->reason))
    {
      const char *title = row != NULL ? row->title : "";

      return _shequ_disclosure_set_error (error, SHEQU_DISCLOSURE_ERROR_REASON,
                                          op->step == STEP_RETURN
                                          /* TRANSLATORS: %s: a disclosure's title */
                                          ? _("Say why “%s” is returned to its author.")
                                          : _("Say why “%s” is withdrawn: residents see the "
                                              "reason."),
                                          title);
    }
  op->base.id = id;
  return _shequ_disclosure_store_write (self, step_in_transaction, &op->base, error);
}

gboolean
shequ_disclosure_store_save_draft (ShequDisclosureStore          *self,
                                   gint64                         id,
                                   const ShequDisclosureVersion  *content,
                                   const char                    *actor,
                                   GError                       **error)
{
  StepOp op = { { NULL, actor, 0, NULL }, STEP_SAVE, content, NULL, 0 };

  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_STORE (self), FALSE);
  g_return_val_if_fail (content != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return check_draft (content, error) && run_step (self, id, &op, error);
}

gboolean
shequ_disclosure_store_submit (ShequDisclosureStore  *self,
                               gint64                 id,
                               const char            *actor,
                               GError               **error)
{
  StepOp op = { { NULL, actor, 0, NULL }, STEP_SUBMIT, NULL, NULL, 0 };

  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  return run_step (self, id, &op, error);
}

gboolean
shequ_disclosure_store_return (ShequDisclosureStore  *self,
                               gint64                 id,
                               const char            *reason,
                               const char            *actor,
                               GError               **error)
{
  StepOp op = { { NULL, actor, 0, NULL }, STEP_RETURN, NULL, reason, 0 };

  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  return run_step (self, id, &op, error);
}

gboolean
shequ_disclosure_store_approve (ShequDisclosureStore  *self,
                                gint64                 id,
                                const char            *actor,
                                GError               **error)
{
  StepOp op = { { NULL, actor, 0, NULL }, STEP_APPROVE, NULL, NULL, 0 };

  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  return run_step (self, id, &op, error);
}

gboolean
shequ_disclosure_store_publish (ShequDisclosureStore  *self,
                                gint64                 id,
                                const char            *actor,
                                GError               **error)
{
  StepOp op = { { NULL, actor, 0, NULL }, STEP_PUBLISH, NULL, NULL, 0 };

  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  return run_step (self, id, &op, error);
}

gboolean
shequ_disclosure_store_correct (ShequDisclosureStore  *self,
                                gint64                 id,
                                const char            *actor,
                                guint                 *version,
                                GError               **error)
{
  StepOp op = { { NULL, actor, 0, NULL }, STEP_CORRECT, NULL, NULL, 0 };

  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!run_step (self, id, &op, error))
    return FALSE;
  if (version != NULL)
    *version = op.version;
  return TRUE;
}

gboolean
shequ_disclosure_store_withdraw (ShequDisclosureStore  *self,
                                 gint64                 id,
                                 const char            *reason,
                                 const char            *actor,
                                 GError               **error)
{
  StepOp op = { { NULL, actor, 0, NULL }, STEP_WITHDRAW, NULL, reason, 0 };

  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  return run_step (self, id, &op, error);
}
