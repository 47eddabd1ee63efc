/* shequ-boundary-import.c — GeoJSON features matched to units: a dry run, then a change */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-boundary-import"

#include "config.h"

#include "shequ-boundary-import.h"

/* SKELETON: the boundary engineer writes this file. */

ShequBoundaryPlan *shequ_boundary_plan_new (ShequOrgStore *store, GPtrArray *features, const char *filename, const char *match_property, ShequGeoCrs crs) { return NULL; }
void shequ_boundary_plan_free (ShequBoundaryPlan *plan) { }
guint shequ_boundary_plan_get_n_features (ShequBoundaryPlan *plan) { return 0; }
ShequBoundaryOutcome shequ_boundary_plan_get_outcome (ShequBoundaryPlan *plan, guint feature_index) { return SHEQU_BOUNDARY_UNUSABLE; }
ShequUnit *shequ_boundary_plan_get_unit (ShequBoundaryPlan *plan, guint feature_index) { return NULL; }
guint shequ_boundary_plan_count (ShequBoundaryPlan *plan, ShequBoundaryOutcome outcome) { return 0; }
guint shequ_boundary_plan_get_n_replaced (ShequBoundaryPlan *plan) { return 0; }
guint shequ_boundary_plan_get_n_self_intersecting (ShequBoundaryPlan *plan) { return 0; }
gboolean shequ_boundary_plan_is_complete (ShequBoundaryPlan *plan) { return FALSE; }
char *shequ_boundary_plan_format_report (ShequBoundaryPlan *plan) { return g_strdup (""); }
JsonNode *shequ_boundary_plan_to_json (ShequBoundaryPlan *plan) { return json_node_new (JSON_NODE_NULL); }
ShequOrgChange *shequ_boundary_plan_to_change (ShequBoundaryPlan *plan) { return NULL; }
GPtrArray *shequ_boundary_list_properties (ShequOrgStore *store, GPtrArray *features) { return g_ptr_array_new_with_free_func (g_free); }
GBytes *shequ_boundary_export (ShequOrgStore *store) { return g_bytes_new_static ("", 0); }
void shequ_boundary_read_async (GFile *file, GCancellable *cancellable, GFileProgressCallback progress, gpointer progress_data, GAsyncReadyCallback callback, gpointer user_data) { g_task_report_new_error (NULL, callback, user_data, shequ_boundary_read_async, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "not yet"); }
GPtrArray *shequ_boundary_read_finish (GAsyncResult *result, GError **error) { return g_task_propagate_pointer (G_TASK (result), error); }
