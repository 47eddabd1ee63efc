/* shequ-org-types.h — tiers of the organisation, roles of people, row images */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* street → area → community | village → grid. Villages are base grids: no children. */
typedef enum {
  SHEQU_TIER_STREET,
  SHEQU_TIER_AREA,
  SHEQU_TIER_COMMUNITY,
  SHEQU_TIER_VILLAGE,
  SHEQU_TIER_GRID,
  SHEQU_N_TIERS
} ShequTier;

typedef enum {
  SHEQU_ROLE_SECRETARY,      /* 书记 — the unit's leader */
  SHEQU_ROLE_DIRECTOR,       /* 主任 */
  SHEQU_ROLE_CADRE,          /* 干部 */
  SHEQU_ROLE_GRID_WORKER,    /* 网格员 */
  SHEQU_ROLE_MEDIATOR,       /* 调解员 */
  SHEQU_ROLE_VOLUNTEER,      /* 志愿者 */
  SHEQU_ROLE_LEGAL_ADVISER,  /* 法律顾问 */
  SHEQU_ROLE_ASSESSOR,       /* 考核员 — grades in the evaluation (a street office post) */
  SHEQU_N_ROLES
} ShequRole;

/* Stable English key ("street", "grid_worker") used in files and the database. */
const char *shequ_tier_to_key          (ShequTier    tier);
/* Accepts the English key or the Chinese name (街道, 片区, 社区, 村, 网格). */
gboolean    shequ_tier_from_string     (const char  *str,
                                        ShequTier   *tier);
/* The Chinese name (街道, 片区, 社区, 村, 网格), whatever the UI language. */
const char *shequ_tier_get_chinese_name (ShequTier   tier);
/* Translated name for the UI ("Community" / 社区). */
const char *shequ_tier_get_label       (ShequTier    tier);
/* Party body and service body names for a unit of TIER called NAME. Free with g_free. */
char       *shequ_tier_make_party_body   (ShequTier   tier,
                                          const char *name);
char       *shequ_tier_make_service_body (ShequTier   tier,
                                          const char *name);
/* The same, for a unit of TIER called NAME under a unit called PARENT_NAME (nullable):
 * Chinese names whatever the UI language; a name without Chinese characters ("New
 * Area") gives the tier's bodies alone (片区党委); a grid's carry its community's name. */
char       *shequ_tier_derive_party_body   (ShequTier   tier,
                                            const char *name,
                                            const char *parent_name);
char       *shequ_tier_derive_service_body (ShequTier   tier,
                                            const char *name,
                                            const char *parent_name);
/* Whether BODY (the party body when PARTY, else the service body) is the derived name
 * for NAME, so that it follows a rename; FALSE once the user has edited it. */
gboolean    shequ_tier_is_derived_body     (const char *body,
                                            gboolean    party,
                                            ShequTier   tier,
                                            const char *name,
                                            const char *parent_name);
gboolean    shequ_tier_can_hold        (ShequTier    parent,
                                        ShequTier    child);
/* The tier a new child of PARENT gets; SHEQU_N_TIERS when PARENT holds none. */
ShequTier   shequ_tier_default_child   (ShequTier    parent);

const char *shequ_role_to_key          (ShequRole    role);
gboolean    shequ_role_from_string     (const char  *str,
                                        ShequRole   *role);
const char *shequ_role_get_label       (ShequRole    role);

/* Plain row images: what one row of the database holds. The single change path
 * (ShequOrgChange) is made of these, so undo, import and later sync share it. */
typedef struct {
  gint64     id;          /* > 0 */
  gint64     parent_id;   /* 0 for the street */
  ShequTier  tier;
  char      *code;
  char      *name;
  char      *party_body;
  char      *service_body;
  char      *note;
  gint64     population;  /* own figures (entered on leaves) */
  gint64     households;
} ShequUnitRow;

typedef struct {
  gint64  id;
  char   *code;
  char   *name;
  char   *phone;
  char   *note;
} ShequPersonRow;

typedef struct {
  gint64     id;
  gint64     person_id;
  gint64     unit_id;
  ShequRole  role;
  char      *title;
} ShequPostRow;

ShequUnitRow   *shequ_unit_row_new     (void);
ShequUnitRow   *shequ_unit_row_copy    (const ShequUnitRow   *row);
void            shequ_unit_row_free    (ShequUnitRow         *row);
ShequPersonRow *shequ_person_row_new   (void);
ShequPersonRow *shequ_person_row_copy  (const ShequPersonRow *row);
void            shequ_person_row_free  (ShequPersonRow       *row);
ShequPostRow   *shequ_post_row_new     (void);
ShequPostRow   *shequ_post_row_copy    (const ShequPostRow   *row);
void            shequ_post_row_free    (ShequPostRow         *row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShequUnitRow, shequ_unit_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShequPersonRow, shequ_person_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShequPostRow, shequ_post_row_free)

G_END_DECLS
