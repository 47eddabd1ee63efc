/* shequ-window-map-actions.c — the window's map actions: present, export, print, import boundaries */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-window"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-boundary-import-dialog.h"
#include "shequ-map-export-dialog.h"
#include "shequ-map-print.h"
#include "shequ-map-store.h"
#include "shequ-presentation-window.h"
#include "shequ-window-private.h"

/* What the map's actions draw: the map the window shows (its map page's, with its
 * colouring and the part in view), or one made from the store while the window has no
 * map page. */
typedef struct {
  ShequMap         *map;
  ShequMapRenderer *renderer;
  ShequMapView     *view;       /* the window's, or NULL */
} MapSource;

static void
map_source_clear (MapSource *source)
{
  g_clear_object (&source->map);
  g_clear_object (&source->renderer);
  source->view = NULL;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MapSource, map_source_clear)

/* FALSE, with the reason said, when there is nothing to draw. */
static gboolean
map_source_init (MapSource   *source,
                 ShequWindow *self)
{
  ShequMapView *view = _shequ_window_get_map_view (self);

  *source = (MapSource) { NULL, NULL, NULL };
  if (self->store == NULL)
    return FALSE;
  if (view != NULL && shequ_map_view_get_map (view) != NULL)
    {
      source->map = g_object_ref (shequ_map_view_get_map (view));
      source->renderer = g_object_ref (shequ_map_view_get_renderer (view));
      source->view = view;
    }
  else
    {
      source->map = shequ_map_new_for_store (self->store);
      source->renderer = shequ_map_renderer_new (source->map);
    }
  if (shequ_map_get_n_items (source->map) > 0)
    return TRUE;
  map_source_clear (source);
  _shequ_window_set_dialog (self,
                            shequ_show_message (GTK_WINDOW (self), GTK_MESSAGE_INFO,
                                                _("The map has no boundaries yet"),
                                                _("Import the units’ boundaries from a "
                                                  "GeoJSON file first (Import Boundaries… "
                                                  "in the menu).")));
  return FALSE;
}

static void
present_map_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  ShequWindow *self = SHEQU_WINDOW (widget);
  g_auto(MapSource) source = { NULL, NULL, NULL };
  ShequPresentationWindow *presentation;

  if (!map_source_init (&source, self))
    return;
  presentation = shequ_presentation_window_new (GTK_WINDOW (self), source.map, self->session,
                                                source.renderer);
  shequ_presentation_window_start (presentation);
}

static void
on_export_finished (ShequMapExportDialog *dialog,
                    GFile                *file,
                    const GError         *error,
                    ShequWindow          *self)
{
  g_autofree char *base = g_file_get_basename (file);
  g_autofree char *text = NULL;

  if (error != NULL)
    {
      _shequ_window_show_error (self, _("Could not export the map"), error);
      return;
    }
  text = g_strdup_printf (_("Saved “%s”"), base);
  shequ_window_show_toast (self, text, FALSE);
}

static char *
make_map_name (ShequWindow *self)
{
  const char *street = self->street != NULL ? shequ_unit_get_name (self->street) : NULL;
  g_autofree char *safe = g_strdup (street != NULL && *street ? street : "shequ");

  /* Characters file systems refuse become dashes. */
  g_strdelimit (safe, "/\\:*?\"<>|", '-');
  /* Translators: the suggested file name of an exported map; %s is the street's name */
  return g_strdup_printf (_("%s-map.png"), safe);
}

static void
export_map_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  ShequWindow *self = SHEQU_WINDOW (widget);
  g_auto(MapSource) source = { NULL, NULL, NULL };
  g_autofree char *name = NULL;
  ShequMapExportDialog *dialog;
  ShequGeoBounds bounds;

  if (!map_source_init (&source, self))
    return;
  if (source.view != NULL)
    {
      ShequMapFrame frame;

      shequ_map_view_get_frame (source.view, &frame);
      shequ_map_frame_get_bounds (&frame, &bounds);
    }
  dialog = shequ_map_export_dialog_new (GTK_WINDOW (self), source.renderer,
                                        source.view != NULL ? &bounds : NULL, NULL);
  g_signal_connect_object (dialog, "finished", G_CALLBACK (on_export_finished), self, 0);
  name = make_map_name (self);
  shequ_map_export_dialog_run (dialog, name);
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               ShequWindow             *self)
{
  g_autoptr(GError) error = NULL;

  if (result != GTK_PRINT_OPERATION_RESULT_ERROR)
    return;
  gtk_print_operation_get_error (operation, &error);
  _shequ_window_show_error (self, _("Could not print the map"), error);
}

static void
print_map_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  ShequWindow *self = SHEQU_WINDOW (widget);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(MapSource) source = { NULL, NULL, NULL };

  if (!map_source_init (&source, self))
    return;
  /* The whole map: paper is not the window's shape. */
  operation = shequ_map_print_operation_new (source.renderer, NULL);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done), self, 0);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (self), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    _shequ_window_show_error (self, _("Could not print the map"), error);
}

static void
on_boundaries_imported (ShequBoundaryImportDialog *dialog,
                        guint                      n,
                        ShequWindow               *self)
{
  g_autofree char *text = NULL;

  /* The store's "applied" toast skips imports: this says it with the count, and Undo. */
  text = g_strdup_printf (ngettext ("Imported the boundary of %u unit",
                                    "Imported the boundaries of %u units", n), n);
  shequ_window_show_toast (self, text,
                           self->store != NULL && shequ_org_store_get_can_undo (self->store));
}

static void
on_boundaries_failed (ShequBoundaryImportDialog *dialog,
                      const char                *primary,
                      const GError              *error,
                      ShequWindow               *self)
{
  if (g_error_matches (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT))
    _shequ_window_present_damaged_dialog (self, error);
  else
    _shequ_window_show_error (self, primary, error);
}

static void
import_boundaries_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  ShequWindow *self = SHEQU_WINDOW (widget);
  ShequBoundaryImportDialog *dialog;

  if (self->store == NULL || self->street == NULL)
    return;
  dialog = shequ_boundary_import_dialog_new (GTK_WINDOW (self), self->store);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_boundaries_imported), self, 0);
  g_signal_connect_object (dialog, "failed", G_CALLBACK (on_boundaries_failed), self, 0);
  shequ_boundary_import_dialog_run (dialog);
}

void
_shequ_window_map_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.present-map", NULL, present_map_action);
  gtk_widget_class_install_action (widget_class, "win.export-map", NULL, export_map_action);
  gtk_widget_class_install_action (widget_class, "win.print-map", NULL, print_map_action);
  gtk_widget_class_install_action (widget_class, "win.import-boundaries", NULL,
                                   import_boundaries_action);
}
