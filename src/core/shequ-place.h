/* shequ-place.h — places on the map: service bodies, elderly canteens, compounds */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  SHEQU_PLACE_SERVICE_BODY,   /* a unit's service body: 综合服务中心, 会客厅, 居委会, 网格服务站 */
  SHEQU_PLACE_CANTEEN,        /* 老年人幸福食堂 */
  SHEQU_PLACE_COMPOUND,       /* 无物业小区 under the community's care (兜底管理) */
  SHEQU_N_PLACE_KINDS
} ShequPlaceKind;

/* One row of the place table. LON and LAT are GCJ-02 degrees, like the boundaries. */
typedef struct {
  gint64          id;        /* > 0 */
  gint64          unit_id;   /* the unit it belongs to, > 0 */
  ShequPlaceKind  kind;
  char           *name;
  double          lon;
  double          lat;
} ShequPlaceRow;

ShequPlaceRow *shequ_place_row_new        (void);
ShequPlaceRow *shequ_place_row_copy       (const ShequPlaceRow *row);
void           shequ_place_row_free       (ShequPlaceRow       *row);

/* "service-body", "canteen", "compound": the keys files and the database use. */
const char    *shequ_place_kind_to_key    (ShequPlaceKind       kind);
gboolean       shequ_place_kind_from_key  (const char          *key,
                                           ShequPlaceKind      *kind);
/* Translated, for the layer toggles and the legend. */
const char    *shequ_place_kind_get_label (ShequPlaceKind       kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShequPlaceRow, shequ_place_row_free)

G_END_DECLS
