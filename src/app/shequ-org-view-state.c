/* shequ-org-view-state.c — expanded rows saved and restored per database; the pane position */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-org-view"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-app-util.h"
#include "shequ-org-view-private.h"

#define MAX_FIRST_RUN_ROWS 500
/* Rows expanded before the first frame: as many as the window could show, counting
 * rows lower than any theme makes them (36 px in Adwaita with a 16 px icon); without
 * a window height, as many as 1440 px would show. The rest follows a frame later. */
#define MIN_ROW_HEIGHT         28
#define FALLBACK_VIEW_HEIGHT   1440
#define SAVE_EXPANDED_MS       1000
#define SAVE_PANE_MS           400
/* Expanded rows are remembered for this many databases, this many rows each. */
#define MAX_EXPANDED_DATABASES 8
#define MAX_EXPANDED_CODES     2000

/* ------------------------------------------------------------------ expansion memory */

/* The key expanded rows are kept under: the database file, so that two streets
 * (or a copy for testing) each open as they were left. */
static const char *
get_database_key (ShequOrgView *self)
{
  ShequDatabase *db = self->store != NULL ? shequ_org_store_get_database (self->store) : NULL;
  const char *path = db != NULL ? shequ_database_get_path (db) : NULL;

  g_assert (SHEQU_IS_ORG_VIEW (self));

  return path != NULL ? path : "";
}

/* The saved codes of DATABASE, NULL when none were saved for it. */
char **
shequ_org_view_dup_saved_expansion (GSettings  *settings,
                                    const char *database)
{
  g_autoptr(GVariant) all = NULL;
  g_autoptr(GVariantIter) iter = NULL;
  const char *path;
  GVariant *codes;

  g_return_val_if_fail (database != NULL, NULL);

  if (!shequ_settings_has_key (settings, "expanded-units"))
    return NULL;
  all = g_settings_get_value (settings, "expanded-units");
  g_variant_get (all, "a(sas)", &iter);
  while (g_variant_iter_next (iter, "(&s@as)", &path, &codes))
    {
      if (g_str_equal (path, database))
        {
          char **result = g_variant_dup_strv (codes, NULL);

          g_variant_unref (codes);
          return result;
        }
      g_variant_unref (codes);
    }
  return NULL;
}

gboolean
_shequ_org_view_save_expanded_cb (gpointer user_data)
{
  ShequOrgView *self = user_data;
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GVariant) old = NULL;
  g_autoptr(GVariantIter) iter = NULL;
  GVariantBuilder builder;
  const char *database = get_database_key (self);
  const char *path;
  GVariant *entry_codes;
  guint n_entries = 1;

  self->save_expanded_id = 0;
  if (self->tree_model == NULL || _shequ_org_view_is_searching (self) ||
      !shequ_settings_has_key (self->settings, "expanded-units"))
    return G_SOURCE_REMOVE;

  _shequ_org_view_collect_expanded_codes (self, codes);
  if (codes->len > MAX_EXPANDED_CODES)
    g_ptr_array_set_size (codes, MAX_EXPANDED_CODES);

  /* This database first, then the others as they were, the oldest dropped. */
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sas)"));
  g_variant_builder_add_value (&builder,
                               g_variant_new ("(s@as)", database,
                                              g_variant_new_strv ((const char * const *)
                                                                  codes->pdata, codes->len)));
  old = g_settings_get_value (self->settings, "expanded-units");
  g_variant_get (old, "a(sas)", &iter);
  while (g_variant_iter_next (iter, "(&s@as)", &path, &entry_codes))
    {
      if (!g_str_equal (path, database) && n_entries < MAX_EXPANDED_DATABASES)
        {
          g_variant_builder_add (&builder, "(s@as)", path, entry_codes);
          n_entries++;
        }
      g_variant_unref (entry_codes);
    }
  g_settings_set_value (self->settings, "expanded-units", g_variant_builder_end (&builder));
  return G_SOURCE_REMOVE;
}

void
_shequ_org_view_schedule_save_expanded (ShequOrgView *self)
{
  if (self->settings == NULL)
    return;
  g_clear_handle_id (&self->save_expanded_id, g_source_remove);
  self->save_expanded_id = g_timeout_add (SAVE_EXPANDED_MS, _shequ_org_view_save_expanded_cb, self);
}

static gboolean
restore_wants_expanded (ShequOrgView *self,
                        ShequUnit    *unit)
{
  g_assert (SHEQU_IS_ORG_VIEW (self));

  if (unit == NULL)
    return FALSE;
  if (self->restore_codes != NULL)
    return g_hash_table_contains (self->restore_codes, shequ_unit_get_code (unit));
  return self->restore_areas && shequ_unit_get_tier (unit) == SHEQU_TIER_AREA;
}

/* Expands the restored rows from restore_position down to tree position LIMIT, in one
 * pass from the top (parents come before children, so a restored child row exists
 * when it is reached). Rows above LIMIT are then where they stay. */
static void
continue_restore (ShequOrgView *self,
                  guint         limit)
{
  guint i;

  gboolean was_restoring = self->restoring;

  g_assert (SHEQU_IS_ORG_VIEW (self));

  g_assert (self->restore_pending);
  self->restoring = TRUE;
  _shequ_org_view_freeze_view (self);
  for (i = self->restore_position;
       i < limit && i < g_list_model_get_n_items (G_LIST_MODEL (self->tree_model)); i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree_model, i);

      if (!gtk_tree_list_row_get_expanded (row) &&
          restore_wants_expanded (self, _shequ_org_view_row_get_unit (row)))
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
  self->restore_position = i;
  if (i >= g_list_model_get_n_items (G_LIST_MODEL (self->tree_model)))
    {
      self->restore_pending = FALSE;
      g_clear_pointer (&self->restore_codes, g_hash_table_unref);
    }
  _shequ_org_view_thaw_view (self);
  self->restoring = was_restoring;
}

void
_shequ_org_view_finish_restore (ShequOrgView *self)
{
  if (self->restore_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->restore_tick_id);
      self->restore_tick_id = 0;
    }
  if (self->restore_pending)
    continue_restore (self, G_MAXUINT);
}

/* The first tick comes before the first frame is laid out: the rest waits for the
 * next one, when the frame showing the top of the tree is on screen. */
static gboolean
on_restore_tick (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  ShequOrgView *self = SHEQU_ORG_VIEW (widget);

  if (self->restore_frames++ < 1)
    return G_SOURCE_CONTINUE;
  self->restore_tick_id = 0;
  if (self->restore_pending)
    continue_restore (self, G_MAXUINT);
  return G_SOURCE_REMOVE;
}

/* How many rows the first frame can show: the view's height once it has one, before
 * that the height the window opens with. */
static guint
estimate_first_screen_rows (ShequOrgView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  int width;
  /* A window that will open maximized (ShequWindow reads the same key) is not yet. */
  gboolean maximized = (GTK_IS_WINDOW (root) && (gtk_window_is_maximized (GTK_WINDOW (root)) ||
                                                 gtk_window_is_fullscreen (GTK_WINDOW (root)))) ||
                       (self->settings != NULL &&
                        shequ_settings_has_key (self->settings, "window-maximized") &&
                        g_settings_get_boolean (self->settings, "window-maximized"));

  g_assert (SHEQU_IS_ORG_VIEW (self));

  if (height <= 0 && GTK_IS_WINDOW (root) && !maximized)
    gtk_window_get_default_size (GTK_WINDOW (root), &width, &height);
  if (height <= 0)
    height = FALLBACK_VIEW_HEIGHT;
  return (guint) height / MIN_ROW_HEIGHT + 2;
}

/* The rows are expanded as they were; only those on the first screen before the first
 * frame: each row the list view gets is built, bound and measured for that frame, and
 * the list view of GTK 4.8 builds up to 200, seen or not. */
void
_shequ_org_view_restore_expansion (ShequOrgView *self)
{
  g_auto(GStrv) saved = NULL;

  saved = shequ_org_view_dup_saved_expansion (self->settings, get_database_key (self));

  g_clear_pointer (&self->restore_codes, g_hash_table_unref);
  self->restore_areas = FALSE;
  self->restoring = TRUE;
  _shequ_org_view_freeze_view (self);
  if (saved != NULL)
    {
      self->restore_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; saved[i] != NULL; i++)
        g_hash_table_add (self->restore_codes, g_strdup (saved[i]));
    }
  else
    {
      /* First run: the street and its areas open, so the communities show — unless
       * that means thousands of rows (a synthetic or very large street), where a
       * screenful of areas is the better start and the first frame stays quick. */
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->root_filter));
      guint n_below_areas = 0;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_child_row (self->tree_model, i);
          ShequUnit *root = _shequ_org_view_row_get_unit (row);

          gtk_tree_list_row_set_expanded (row, TRUE);
          for (guint a = 0; root != NULL && a < shequ_unit_get_n_children (root); a++)
            n_below_areas += shequ_unit_get_n_children (shequ_unit_get_child (root, a));
        }
      self->restore_areas = n_below_areas <= MAX_FIRST_RUN_ROWS;
    }

  self->restore_pending = TRUE;
  self->restore_position = 0;
  continue_restore (self, estimate_first_screen_rows (self));
  _shequ_org_view_thaw_view (self);
  self->restoring = FALSE;
  if (self->restore_pending)
    {
      self->restore_frames = 0;
      if (self->restore_tick_id == 0)
        self->restore_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_restore_tick,
                                                              NULL, NULL);
    }
}

gboolean
_shequ_org_view_save_pane_cb (gpointer user_data)
{
  ShequOrgView *self = user_data;

  self->save_pane_id = 0;
  if (shequ_settings_has_key (self->settings, "detail-pane-position"))
    g_settings_set_int (self->settings, "detail-pane-position",
                        gtk_paned_get_position (self->paned));
  return G_SOURCE_REMOVE;
}

static void
on_paned_position_changed (ShequOrgView *self)
{
  gboolean position_set = FALSE;

  g_assert (SHEQU_IS_ORG_VIEW (self));

  if (self->settings == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  /* Only a position someone chose (by dragging) is kept, not the computed one. */
  g_object_get (self->paned, "position-set", &position_set, NULL);
  if (!position_set)
    return;
  g_clear_handle_id (&self->save_pane_id, g_source_remove);
  self->save_pane_id = g_timeout_add (SAVE_PANE_MS, _shequ_org_view_save_pane_cb, self);
}

/* Called from shequ_org_view_class_init (). */
void
_shequ_org_view_class_state_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_paned_position_changed);
}
