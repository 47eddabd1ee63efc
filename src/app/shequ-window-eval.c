/* shequ-window-eval.c — the window's evaluation: its store, its page, the report export */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-eval-report.h"
#include "shequ-map-store.h"
#include "shequ-window-private.h"

/* ------------------------------------------------------------------------ */
/* The store                                                                */

/* The evaluation of the organisation STORE holds, read when the store is set (a load,
 * a restore). A database the evaluation cannot read keeps the rest of the window
 * working: the evaluation page says why, as the window says any error. */
void
_shequ_window_set_eval_store (ShequWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequEvalStore) eval_store = NULL;

  g_assert (SHEQU_IS_WINDOW (self));

  if (self->store != NULL)
    {
      eval_store = shequ_eval_store_new (self->store, &error);
      if (eval_store == NULL && g_error_matches (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT))
        _shequ_window_present_damaged_dialog (self, error);
      else if (eval_store == NULL)
        _shequ_window_show_error (self, _("Could not read the evaluation"), error);
    }
  g_set_object (&self->eval_store, eval_store);
  if (self->session != NULL)
    shequ_session_set_eval_store (self->session, eval_store);
  if (self->eval_page != NULL)
    shequ_eval_page_set_store (self->eval_page, eval_store);
}

ShequEvalStore *
shequ_window_get_eval_store (ShequWindow *self)
{
  g_return_val_if_fail (SHEQU_IS_WINDOW (self), NULL);
  return self->eval_store;
}

/* Built when first shown, like the map page. */
ShequEvalPage *
_shequ_window_ensure_eval_page (ShequWindow *self)
{
  g_assert (SHEQU_IS_WINDOW (self));

  if (self->eval_page == NULL)
    {
      GtkWidget *page = g_object_new (SHEQU_TYPE_EVAL_PAGE, "hexpand", TRUE, "vexpand", TRUE, NULL);

      self->eval_page = SHEQU_EVAL_PAGE (page);
      gtk_box_append (GTK_BOX (self->eval_slot), page);
      shequ_eval_page_set_store (self->eval_page, self->eval_store);
    }
  return self->eval_page;
}

GtkWidget *
shequ_window_get_eval_page (ShequWindow *self)
{
  g_return_val_if_fail (SHEQU_IS_WINDOW (self), NULL);
  return GTK_WIDGET (_shequ_window_ensure_eval_page (self));
}

/* Another program's scores (shequ-cli eval import-scores), read with the organisation's. */
void
_shequ_window_refresh_eval (ShequWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_assert (SHEQU_IS_WINDOW (self));

  /* A report being written reads the store in its thread: it stays as it is. */
  if (self->eval_store == NULL || self->n_eval_exports > 0)
    return;
  if (!shequ_eval_store_refresh (self->eval_store, NULL, &error))
    g_debug ("Could not read evaluation changes by other programs: %s", error->message);
}

/* ------------------------------------------------------------------------ */
/* The report                                                               */

typedef struct {
  ShequWindow           *window;   /* held while the report is written */
  ShequEvalStore        *store;
  ShequMap              *map;      /* nullable */
  gint64                 period_id;
  ShequEvalReportFormat  format;
  char                  *path;
} Export;

static void
export_free (Export *export)
{
  g_clear_object (&export->window);
  g_clear_object (&export->store);
  g_clear_object (&export->map);
  g_free (export->path);
  g_free (export);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Export, export_free)

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  Export *export = data;
  GError *error = NULL;

  if (shequ_eval_report_write (export->store, export->map, export->period_id, export->format,
                               export->path, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_export_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ShequWindow *self = SHEQU_WINDOW (source);
  Export *export = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_path_get_basename (export->path);
  g_autofree char *text = NULL;

  g_assert (self->n_eval_exports > 0);
  self->n_eval_exports--;
  if (self->eval_page != NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (self->eval_page), self->n_eval_exports == 0);
  _shequ_window_end_busy (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _shequ_window_show_error (self, _("Could not export the report"), error);
      return;
    }
  text = g_strdup_printf (_("Saved “%s”"), base);
  shequ_window_show_toast (self, text, FALSE);
}

/* The results the report reads are computed here first, on this thread: the report's
 * thread then only reads the store. The page stays insensitive (and other programs'
 * changes unread) until it is written. */
static void
warm_results (ShequEvalStore *store)
{
  GPtrArray *periods = shequ_eval_store_get_periods (store);

  for (guint i = 0; periods != NULL && i < periods->len; i++)
    shequ_eval_store_get_results (store, ((ShequPeriodRow *) g_ptr_array_index (periods, i))->id);
}

gboolean
shequ_window_export_eval_report (ShequWindow  *self,
                                 gint64        period_id,
                                 const char   *path,
                                 GError      **error)
{
  g_autoptr(GTask) task = NULL;
  Export *export;
  ShequEvalReportFormat format;

  g_return_val_if_fail (SHEQU_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->eval_store == NULL || shequ_eval_store_lookup_period (self->eval_store, period_id) == NULL)
    {
      g_set_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_NOT_FOUND,
                   _("There is no period to report on"));
      return FALSE;
    }
  if (!shequ_eval_report_format_from_path (path, &format, error))
    return FALSE;

  export = g_new0 (Export, 1);
  export->window = g_object_ref (self);
  export->store = g_object_ref (self->eval_store);
  export->period_id = period_id;
  export->format = format;
  export->path = g_strdup (path);
  if (format == SHEQU_EVAL_REPORT_PDF && self->store != NULL)
    export->map = shequ_map_new_for_store (self->store);
  warm_results (self->eval_store);

  self->n_eval_exports++;
  if (self->eval_page != NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (self->eval_page), FALSE);
  _shequ_window_begin_busy (self, TRUE);
  shequ_window_show_toast (self, _("Writing the report…"), FALSE);
  task = g_task_new (self, self->cancellable, on_export_done, NULL);
  g_task_set_source_tag (task, shequ_window_export_eval_report);
  g_task_set_task_data (task, export, (GDestroyNotify) export_free);
  g_task_run_in_thread (task, export_thread);
  return TRUE;
}

static void
on_report_chosen (GFile          *file,
                  GtkFileChooser *chooser,
                  gpointer        user_data)
{
  ShequWindow *self = SHEQU_WINDOW (user_data);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  g_autoptr(GError) error = NULL;
  gint64 period_id;

  if (path == NULL || self->eval_page == NULL)
    return;
  /* No extension: the format chosen in the filter. */
  if (strrchr (path, '.') == NULL || strrchr (path, '.') < strrchr (path, G_DIR_SEPARATOR))
    {
      GtkFileFilter *filter = gtk_file_chooser_get_filter (chooser);
      const char *ext = filter != NULL ? g_object_get_data (G_OBJECT (filter), "shequ-ext") : NULL;
      char *with = g_strconcat (path, ext != NULL ? ext : ".pdf", NULL);

      g_free (path);
      path = with;
    }
  period_id = shequ_eval_page_get_period (self->eval_page);
  if (!shequ_window_export_eval_report (self, period_id, path, &error))
    _shequ_window_show_error (self, _("Could not export the report"), error);
}

static void
add_report_filter (GtkFileChooser *chooser,
                   const char     *name,
                   const char     *pattern,
                   const char     *mime)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_filter_add_mime_type (filter, mime);
  g_object_set_data_full (G_OBJECT (filter), "shequ-ext", g_strdup (pattern + 1), g_free);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
export_eval_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  ShequWindow *self = SHEQU_WINDOW (widget);
  const ShequPeriodRow *period;
  g_autofree char *name = NULL;
  GtkFileChooserNative *native;

  if (self->eval_store == NULL)
    return;
  period = shequ_eval_store_lookup_period (self->eval_store,
                                           shequ_eval_page_get_period (_shequ_window_ensure_eval_page (self)));
  if (period == NULL)
    {
      _shequ_window_set_dialog (self, shequ_show_message (GTK_WINDOW (self), GTK_MESSAGE_INFO,
                                                          _("There is no period to report on"),
                                                          _("Open a period first (Open Period…).")));
      return;
    }
  native = shequ_file_chooser_new (GTK_WINDOW (self), C_("evaluation page", "Export Report"),
                                   GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"));
  add_report_filter (GTK_FILE_CHOOSER (native), C_("evaluation page", "PDF report"), "*.pdf", "application/pdf");
  add_report_filter (GTK_FILE_CHOOSER (native), C_("evaluation page", "Excel workbook"), "*.xlsx",
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  add_report_filter (GTK_FILE_CHOOSER (native), C_("evaluation page", "CSV ranking"), "*.csv", "text/csv");
  name = g_strdup_printf ("%s.pdf", period->label);
  g_strdelimit (name, "/\\:*?\"<>|", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  _shequ_window_run_chooser (self, native, NULL, on_report_chosen);
}

void
_shequ_window_eval_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.view-eval", NULL, _shequ_window_view_action);
  gtk_widget_class_install_action (widget_class, "win.export-eval", NULL, export_eval_action);
}

void
_shequ_window_update_eval_actions (ShequWindow *self)
{
  gboolean has_street = self->street != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.view-eval", has_street);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-eval",
                                 has_street && self->eval_store != NULL && self->n_eval_exports == 0);
}
