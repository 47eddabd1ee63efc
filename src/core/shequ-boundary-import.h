/* shequ-boundary-import.h — GeoJSON features matched to units: a dry run, then a change */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "shequ-geojson.h"
#include "shequ-org-change.h"
#include "shequ-org-store.h"

G_BEGIN_DECLS

/* What importing a file's features would do, worked out before anything is written: each
 * usable feature matched to a unit by one property, the features that match no unit, the
 * units more than one feature matches (none of those features is imported), and the
 * features that cannot be used at all (their ShequGeojsonFeature problem). */
typedef struct _ShequBoundaryPlan ShequBoundaryPlan;

typedef enum {
  SHEQU_BOUNDARY_MATCHED,      /* imported */
  SHEQU_BOUNDARY_UNMATCHED,    /* no unit has this property's value */
  SHEQU_BOUNDARY_DUPLICATE,    /* another feature matches the same unit */
  SHEQU_BOUNDARY_UNUSABLE,     /* no usable geometry */
} ShequBoundaryOutcome;

/* MATCH_PROPERTY is "code" (the unit's code; also tried against DataV's "adcode"), "name"
 * (the unit's name), or any property name, whose value is compared with the unit's code
 * and then its name. CRS is the datum of the file's coordinates; boundaries are kept in
 * GCJ-02, so WGS84 ones are converted. FILENAME names the file in messages. */
ShequBoundaryPlan    *shequ_boundary_plan_new            (ShequOrgStore      *store,
                                                          GPtrArray          *features,
                                                          const char         *filename,
                                                          const char         *match_property,
                                                          ShequGeoCrs         crs);
void                  shequ_boundary_plan_free           (ShequBoundaryPlan  *plan);

guint                 shequ_boundary_plan_get_n_features (ShequBoundaryPlan  *plan);
ShequBoundaryOutcome  shequ_boundary_plan_get_outcome    (ShequBoundaryPlan  *plan,
                                                          guint               feature_index);
/* The unit a matched or duplicate feature matches, or NULL. */
ShequUnit            *shequ_boundary_plan_get_unit       (ShequBoundaryPlan  *plan,
                                                          guint               feature_index);
guint                 shequ_boundary_plan_count          (ShequBoundaryPlan  *plan,
                                                          ShequBoundaryOutcome outcome);
/* Matched units that already have a boundary, which the import replaces. */
guint                 shequ_boundary_plan_get_n_replaced (ShequBoundaryPlan  *plan);
/* Matched features whose rings cross themselves: imported and drawn, with a warning. */
guint                 shequ_boundary_plan_get_n_self_intersecting (ShequBoundaryPlan *plan);
/* Every feature matched: nothing would be left out. */
gboolean              shequ_boundary_plan_is_complete    (ShequBoundaryPlan  *plan);

/* A translated report for the dry run, the dialog and the CLI: the counts, then the
 * features left out and why, by index and name ("Feature 4 “兰山区”: no unit has the
 * name “兰山区”"), then the warnings. */
char                 *shequ_boundary_plan_format_report  (ShequBoundaryPlan  *plan);
/* The same as JSON: {"file", "match", "crs", "features", "matched", "unmatched",
 * "duplicates", "unusable", "replaced", "self_intersecting", "problems": [{"feature",
 * "name", "outcome", "message"}]}. */
JsonNode             *shequ_boundary_plan_to_json        (ShequBoundaryPlan  *plan);

/* One change (origin IMPORT, undoable as one step) putting the boundary of every matched
 * unit; NULL when nothing matched. */
ShequOrgChange       *shequ_boundary_plan_to_change      (ShequBoundaryPlan  *plan);

/* The properties FEATURES have, the best match first: each with how many usable features
 * its values would match in STORE (a GPtrArray of char *, "name\tcount"-free: just the
 * names; counts through shequ_boundary_plan_new). For the import dialog's choice. */
GPtrArray            *shequ_boundary_list_properties     (ShequOrgStore      *store,
                                                          GPtrArray          *features);

/* Every unit's boundary as a GeoJSON FeatureCollection in GCJ-02, properties "code",
 * "name", "tier"; at most 7 decimals. */
GBytes               *shequ_boundary_export              (ShequOrgStore      *store);

/* Reads a GeoJSON file's features (shequ_geojson_read) in a thread, reporting progress
 * (bytes read of the file's size, then parsing) on the caller's thread-default main
 * context, cancellable. _finish gives the GPtrArray of ShequGeojsonFeature. */
void                  shequ_boundary_read_async          (GFile                 *file,
                                                          GCancellable          *cancellable,
                                                          GFileProgressCallback  progress,
                                                          gpointer               progress_data,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
GPtrArray            *shequ_boundary_read_finish         (GAsyncResult          *result,
                                                          GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShequBoundaryPlan, shequ_boundary_plan_free)

G_END_DECLS
