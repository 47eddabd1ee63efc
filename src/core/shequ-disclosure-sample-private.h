/* shequ-disclosure-sample-private.h — the sample disclosures' data files, read and checked */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-disclosure-types.h"
#include "shequ-org-store.h"

G_BEGIN_DECLS

/* How far a disclosure of the sample goes, as the data files name it ("state"). */
typedef enum {
  DS_STEP_NONE,       /* "none": no disclosure at all (finance: overdue) */
  DS_STEP_DRAFT,      /* "draft" */
  DS_STEP_RETURNED,   /* "returned": submitted, returned to draft with the reason */
  DS_STEP_SUBMITTED,  /* "submitted" */
  DS_STEP_APPROVED,   /* "approved" */
  DS_STEP_PUBLISHED,  /* "published" */
  DS_STEP_CORRECTED,  /* "corrected": published, corrected; version 2 published */
  DS_STEP_WITHDRAWN,  /* "withdrawn": published, then withdrawn with the reason */
  DS_N_STEPS
} DsStep;

/* Which units a line is for. */
typedef enum {
  DS_TIER_VILLAGE   = 1 << 0,
  DS_TIER_COMMUNITY = 1 << 1,
  DS_TIER_ALL       = DS_TIER_VILLAGE | DS_TIER_COMMUNITY,
} DsTiers;

/* One line of disclosure-finance-categories.csv: a finance line every unit of TIERS has
 * in the quarters QUARTERS (bit N-1 for quarter N), of LOW…HIGH fen. */
typedef struct {
  guint                  tiers;
  ShequFinanceDirection  direction;
  char                  *category;
  guint                  quarters;
  ShequFen               low;
  ShequFen               high;
  char                  *note;
} DsCategory;

/* One line of disclosure-finance-units.csv: a community's or village's balance before the
 * first quarter, how far each quarter's finance disclosure goes, and the reason of the
 * one that needs it (returned, corrected, withdrawn). */
typedef struct {
  guint   line;
  char   *unit_code;
  ShequFen opening;
  DsStep *steps;      /* one per DsData.periods */
  char   *reason;
} DsFinanceUnit;

/* A line of disclosure-items.csv or disclosure-guides.csv. UNIT_CODE NULL: every unit of
 * TIERS (the title and body then name it: {unit}, {committee}). */
typedef struct {
  const char          *file;     /* the file's name, for messages */
  guint                line;
  char                *unit_code;
  guint                tiers;
  ShequDisclosureKind  kind;
  char                *period;   /* canonical key */
  DsStep               step;
  char                *title;
  char                *body;
  char                *reason;   /* "" when the step needs none */
  ShequPolicyGuide    *guide;    /* POLICY only */
} DsItem;

typedef struct {
  char       *drafters[SHEQU_DISCLOSURE_N_KINDS];   /* names: street-level disclosures */
  char       *approvers[SHEQU_DISCLOSURE_N_KINDS];  /* names: approve and publish */
  GPtrArray  *categories;     /* DsCategory, in file order */
  GStrv       periods;        /* the finance quarters, canonical keys ("2026-Q1") */
  GPtrArray  *finance;        /* DsFinanceUnit, in file order */
  char       *finance_title;  /* templates: {unit}, {period}, {committee}, {reason} */
  char       *finance_body;
  char       *correction;
  GPtrArray  *items;          /* DsItem: disclosure-items.csv, then the guides */
} DsData;

/* A disclosure to write: its first version's content, and how far it goes. */
typedef struct {
  const char             *file;        /* where it comes from, for messages */
  guint                   line;
  gint64                  unit_id;
  char                   *unit_code;
  ShequDisclosureKind     kind;
  char                   *period;
  DsStep                  step;
  ShequDisclosureVersion *content;     /* version 1 */
  ShequDisclosureVersion *correction;  /* CORRECTED: version 2's content; else NULL */
  char                   *drafter;     /* creates and submits */
  char                   *approver;    /* approves, publishes, returns, withdraws */
  char                   *reason;      /* the return's or withdrawal's; NULL */
} DsPlanned;

/* Reads the six disclosure-*.csv files in DIR and checks them against ORG (unit codes and
 * names, person codes and names). The first bad line is a SHEQU_IO_ERROR_INVALID naming
 * the file and the line. */
DsData     *ds_data_read        (const char     *dir,
                                 ShequOrgStore  *org,
                                 GError        **error);
void        ds_data_free        (DsData         *data);

/* Whether a disclosure that goes as far as STEP needs a reason (the return's, the
 * correction's or the withdrawal's). */
gboolean    ds_step_needs_reason (DsStep        step);

/* Every disclosure the data makes (DsPlanned), in a fixed order: the finance ones unit
 * by unit and quarter by quarter, then the items and the guides in file order (a line
 * for every unit of a tier: the units by code). Each version is checked as the store will
 * (shequ_disclosure_version_validate()); a line that makes a bad one is a
 * SHEQU_IO_ERROR_INVALID naming its file in DIR and line. */
GPtrArray  *ds_plan             (const DsData   *data,
                                 ShequOrgStore  *org,
                                 const char     *dir,
                                 GError        **error);

/* The step's data key and back. */
const char *ds_step_to_key      (DsStep          step);
gboolean    ds_step_from_string (const char     *text,
                                 DsStep         *step);

/* The finance lines (ShequFinanceItem appended to ITEMS) of UNIT_CODE, a unit of TIER, for
 * the quarter PERIOD ("2026-Q3"): every category of the tier and quarter, in file order,
 * each of an amount drawn from the SHA-256 of the unit, period and category (the same
 * files always give the same amounts, whatever the order or the ids). */
void        ds_finance_lines    (const DsData   *data,
                                 ShequTier       tier,
                                 const char     *unit_code,
                                 const char     *period,
                                 GPtrArray      *items);
/* A number in [0, BOUND) drawn from the SHA-256 of the strings given (NULL-terminated). */
guint64     ds_draw             (guint64         bound,
                                 const char     *first,
                                 ...) G_GNUC_NULL_TERMINATED;
/* TEMPLATE with {unit}, {committee} (村务监督委员会 / 居务监督委员会), {period}
 * (2026年第三季度) and {reason} replaced: Chinese, like the data, whatever the locale. */
char       *ds_expand           (const char     *template_text,
                                 ShequUnit      *unit,
                                 const char     *period,
                                 const char     *reason);

/* GCompareFunc of ShequUnit ** by code. */
gint        ds_compare_unit_codes (gconstpointer a,
                                   gconstpointer b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsData, ds_data_free)

G_END_DECLS
