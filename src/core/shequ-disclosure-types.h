/* shequ-disclosure-types.h — disclosures: kinds, states, versions, finance lines */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "shequ-money.h"

G_BEGIN_DECLS

#define SHEQU_DISCLOSURE_ERROR (shequ_disclosure_error_quark ())

typedef enum {
  SHEQU_DISCLOSURE_ERROR_INVALID,      /* empty title, bad period, unknown kind, bad line */
  SHEQU_DISCLOSURE_ERROR_UNBALANCED,   /* opening + income − expense ≠ closing */
  SHEQU_DISCLOSURE_ERROR_STATE,        /* a step the workflow does not allow from here */
  SHEQU_DISCLOSURE_ERROR_IMMUTABLE,    /* an edit to a published (or later) version */
  SHEQU_DISCLOSURE_ERROR_REASON,       /* withdraw / return without a reason */
  SHEQU_DISCLOSURE_ERROR_ATTACHMENT,   /* too big, unreadable, wrong hash, bad type */
  SHEQU_DISCLOSURE_ERROR_NOT_FOUND,    /* an unknown id, uuid, unit or version */
  SHEQU_DISCLOSURE_ERROR_CONFLICT,     /* an edit while a sync conflict is unresolved */
  SHEQU_DISCLOSURE_ERROR_FORMAT,       /* a sync document that does not read (json) */
} ShequDisclosureError;

GQuark shequ_disclosure_error_quark (void);

/* 村务 / 财务 / 党务 / 政务 公开, 工作动态, 政策咨询 */
typedef enum {
  SHEQU_DISCLOSURE_KIND_VILLAGE,     /* 村务公开 (居务 for a community) */
  SHEQU_DISCLOSURE_KIND_FINANCE,     /* 财务公开: line items with totals */
  SHEQU_DISCLOSURE_KIND_PARTY,       /* 党务公开 */
  SHEQU_DISCLOSURE_KIND_GOVERNMENT,  /* 政务公开 */
  SHEQU_DISCLOSURE_KIND_NEWS,        /* 工作动态 */
  SHEQU_DISCLOSURE_KIND_POLICY,      /* 政策咨询: a guide (topic, who, materials, steps, contacts) */
  SHEQU_DISCLOSURE_N_KINDS
} ShequDisclosureKind;

/* A version's life: draft → submitted → approved → published. A submitted one can be
 * returned to draft (with a reason). A published one is frozen: it is corrected by a
 * new version (a copy, starting as a draft), which on publishing turns the old one into
 * CORRECTED; or it is WITHDRAWN with a reason. Only the newest version moves. */
typedef enum {
  SHEQU_DISCLOSURE_STATE_DRAFT,
  SHEQU_DISCLOSURE_STATE_SUBMITTED,
  SHEQU_DISCLOSURE_STATE_APPROVED,
  SHEQU_DISCLOSURE_STATE_PUBLISHED,
  SHEQU_DISCLOSURE_STATE_CORRECTED,
  SHEQU_DISCLOSURE_STATE_WITHDRAWN,
  SHEQU_DISCLOSURE_N_STATES
} ShequDisclosureState;

typedef enum {
  SHEQU_FINANCE_INCOME,
  SHEQU_FINANCE_EXPENSE,
  SHEQU_FINANCE_N_DIRECTIONS
} ShequFinanceDirection;

/* Stable English keys ("village", "finance", "party", "government", "news", "policy";
 * "draft" … "withdrawn"; "income", "expense") for files, the database, the wire and the
 * CLI; translated labels for people. from_string takes the key or the Chinese label. */
const char *shequ_disclosure_kind_to_key        (ShequDisclosureKind    kind);
gboolean    shequ_disclosure_kind_from_string   (const char            *str,
                                                 ShequDisclosureKind   *kind);
const char *shequ_disclosure_kind_get_label     (ShequDisclosureKind    kind);
const char *shequ_disclosure_state_to_key       (ShequDisclosureState   state);
gboolean    shequ_disclosure_state_from_string  (const char            *str,
                                                 ShequDisclosureState  *state);
const char *shequ_disclosure_state_get_label    (ShequDisclosureState   state);
const char *shequ_finance_direction_to_key      (ShequFinanceDirection  dir);
gboolean    shequ_finance_direction_from_string (const char            *str,
                                                 ShequFinanceDirection *dir);
const char *shequ_finance_direction_get_label   (ShequFinanceDirection  dir);

/* The Chinese names whatever the locale ("财务公开", "已发布", "收入"), for what is always
 * Chinese: the residents' public pages. */
const char *shequ_disclosure_kind_get_chinese       (ShequDisclosureKind    kind);
const char *shequ_disclosure_state_get_chinese      (ShequDisclosureState   state);
const char *shequ_finance_direction_get_chinese     (ShequFinanceDirection  dir);

/* A disclosure's period as text: "2026" (a year), "2026-Q3" (a quarter), "2026-10"
 * (a month). Also read: "2026年第三季度", "2026年10月", "2026年". FALSE for anything
 * else; *KEY is the canonical form (newly allocated). */
gboolean    shequ_disclosure_period_parse       (const char            *text,
                                                 char                 **key);
/* "2026年第三季度" / "2026 Q3": translated, for people. */
char       *shequ_disclosure_period_get_label   (const char            *key);
/* "2026年第三季度", "2026年10月", "2026年" whatever the locale (a copy of KEY if it is
 * not a period). */
char       *shequ_disclosure_period_get_chinese (const char            *key);
/* Whether period A lies within B (a month in its quarter or year, a quarter in its
 * year, any period in itself). */
gboolean    shequ_disclosure_period_within      (const char            *a,
                                                 const char            *b);

/* Limits (also checked by shequ-central). */
#define SHEQU_DISCLOSURE_TITLE_MAX       200      /* characters */
#define SHEQU_DISCLOSURE_TEXT_MAX        65536    /* bytes of body (each guide field) */
#define SHEQU_DISCLOSURE_ITEMS_MAX       2000     /* finance lines per version */
#define SHEQU_DISCLOSURE_ATTACHMENTS_MAX 20
#define SHEQU_ATTACHMENT_SIZE_MAX        (10 * 1024 * 1024)  /* bytes */
#define SHEQU_DISCLOSURE_VERSIONS_MAX    1000     /* versions of one disclosure */

/* One finance line: AMOUNT > 0 fen. */
typedef struct {
  ShequFinanceDirection  direction;
  char                  *category;  /* 办公经费, 土地承包费 … */
  ShequFen               amount;
  char                  *note;      /* may be "" */
} ShequFinanceItem;

/* An attachment as a version names it; the bytes live in the database (the store)
 * or on the server, found by their SHA-256. */
typedef struct {
  char    *name;    /* file name shown, without folders */
  char    *mime;    /* application/pdf, image/png, image/jpeg */
  gint64   size;    /* bytes, ≤ SHEQU_ATTACHMENT_SIZE_MAX */
  char    *sha256;  /* 64 lower-case hex digits */
} ShequAttachmentRef;

/* A policy guide's parts (政策咨询), each the small markup; NULL for other kinds. */
typedef struct {
  char *topic;        /* 事项 */
  char *eligibility;  /* 申请条件 / 适用对象 */
  char *materials;    /* 所需材料 */
  char *steps;        /* 办理流程 */
  char *contacts;     /* 咨询电话 / 办理地点 */
} ShequPolicyGuide;

/* One version of a disclosure. Times ISO 8601 UTC or NULL; people as actors name them
 * (the store's actor). */
typedef struct {
  guint                 version;       /* 1, 2, … */
  ShequDisclosureState  state;
  char                 *title;
  char                 *body;          /* the small markup (shequ-markup.h) */
  /* FINANCE only (else 0 and empty): the balance before and after, and the lines. */
  ShequFen              opening;
  ShequFen              closing;
  GPtrArray            *items;         /* ShequFinanceItem */
  GPtrArray            *attachments;   /* ShequAttachmentRef */
  ShequPolicyGuide     *guide;         /* POLICY only, else NULL */
  char                 *created_by;
  char                 *created_at;
  char                 *submitted_by;
  char                 *submitted_at;
  char                 *approved_by;
  char                 *approved_at;
  char                 *published_by;
  char                 *published_at;
  char                 *ended_by;      /* who corrected or withdrew it */
  char                 *ended_at;
  char                 *reason;        /* withdrawn: why; returned to draft: why (else NULL) */
} ShequDisclosureVersion;

/* A disclosure whole: what the store keeps and what sync sends (one JSON document). */
typedef struct {
  char                *uuid;        /* made by the PC that created it; never changes */
  char                *unit_code;   /* the unit it belongs to */
  ShequDisclosureKind  kind;
  char                *period;      /* canonical period key */
  char                *created_at;
  GPtrArray           *versions;    /* ShequDisclosureVersion, oldest first, ≥ 1 */
} ShequDisclosure;

ShequFinanceItem       *shequ_finance_item_new       (ShequFinanceDirection  direction,
                                                      const char            *category,
                                                      ShequFen               amount,
                                                      const char            *note);
ShequFinanceItem       *shequ_finance_item_copy      (const ShequFinanceItem *item);
void                    shequ_finance_item_free      (ShequFinanceItem      *item);
ShequAttachmentRef     *shequ_attachment_ref_copy    (const ShequAttachmentRef *ref);
void                    shequ_attachment_ref_free    (ShequAttachmentRef    *ref);
ShequPolicyGuide       *shequ_policy_guide_copy      (const ShequPolicyGuide *guide);
void                    shequ_policy_guide_free      (ShequPolicyGuide      *guide);
/* A new draft version 1 of no content (items and attachments empty arrays). */
ShequDisclosureVersion *shequ_disclosure_version_new  (void);
ShequDisclosureVersion *shequ_disclosure_version_copy (const ShequDisclosureVersion *v);
void                    shequ_disclosure_version_free (ShequDisclosureVersion *v);
ShequDisclosure        *shequ_disclosure_new          (void);
ShequDisclosure        *shequ_disclosure_copy         (const ShequDisclosure *d);
void                    shequ_disclosure_free         (ShequDisclosure       *d);
/* The newest version (never NULL for a valid disclosure). */
ShequDisclosureVersion *shequ_disclosure_get_current  (const ShequDisclosure *d);
/* The newest PUBLISHED version (not corrected, not withdrawn), or NULL. */
ShequDisclosureVersion *shequ_disclosure_get_published (const ShequDisclosure *d);
/* Whether two disclosures say the same (every member of every version). */
gboolean                shequ_disclosure_equal        (const ShequDisclosure *a,
                                                       const ShequDisclosure *b);

/* Sums of a version's lines. FALSE on overflow. */
gboolean    shequ_finance_totals      (const ShequDisclosureVersion *v,
                                       ShequFen                     *income,
                                       ShequFen                     *expense);
/* opening + income − expense = closing, or SHEQU_DISCLOSURE_ERROR_UNBALANCED saying by
 * how much, in yuan. */
gboolean    shequ_finance_check_balance (const ShequDisclosureVersion *v,
                                         GError                      **error);

/* Everything a version must be before it is submitted (and what the server checks on
 * every document): title 1…TITLE_MAX characters, valid UTF-8, text within the limits,
 * lines with an amount > 0 and a category, a balanced finance version, a guide's topic
 * for a policy, attachments named with a 64-hex hash. KIND is the disclosure's. The
 * error names the version and the line or attachment. */
gboolean    shequ_disclosure_version_validate (const ShequDisclosureVersion *v,
                                               ShequDisclosureKind           kind,
                                               GError                      **error);
/* The whole document: uuid (36-character RFC 4122 text), unit code (digits), kind,
 * period, versions numbered 1…n, at most one of them draft/submitted/approved and only
 * the newest, states in a possible order; each version validated (drafts only for
 * text limits). */
gboolean    shequ_disclosure_validate (const ShequDisclosure *d,
                                       GError               **error);

/* A new random uuid (g_uuid_string_random). */
char       *shequ_disclosure_make_uuid (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShequDisclosure, shequ_disclosure_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShequDisclosureVersion, shequ_disclosure_version_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShequFinanceItem, shequ_finance_item_free)

G_END_DECLS
