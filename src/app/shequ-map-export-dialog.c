/* shequ-map-export-dialog.c — Export Map…: a file, its options, then the file written */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-map-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-dialogs.h"
#include "shequ-map-export-dialog-private.h"

struct _ShequMapExportDialog
{
  GtkWindow          parent_instance;

  ShequMapRenderer  *renderer;
  ShequMapInk       *ink;
  ShequGeoBounds     view;
  gboolean           has_view;
  GFile             *file;
  ShequMapFormat     format;
  gboolean           exporting;
  ShequMapFrame      overlay_frame;
  gboolean           overlay_drawn;

  GtkWidget         *export_button;
  GtkWidget         *cancel_button;
  GtkLabel          *file_label;
  GtkWidget         *size_row[2];      /* label, box */
  GtkWidget         *dpi_row[2];
  GtkWidget         *paper_row[2];
  GtkWidget         *orientation_row[2];
  GtkSpinButton     *width_spin;
  GtkSpinButton     *height_spin;
  GtkSpinButton     *dpi_spin;
  GtkDropDown       *paper_drop;
  GtkDropDown       *orientation_drop;
  GtkDropDown       *extent_drop;
  GtkEntry          *title_entry;
  GtkLabel          *message_label;
  GtkProgressBar    *progress;
  guint              pulse_id;
};

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ShequMapExportDialog, shequ_map_export_dialog, GTK_TYPE_WINDOW)

/* What the thread gets: its own renderer and ink, nothing shared but the map. */
typedef struct {
  ShequMapRenderer      *renderer;
  ShequMapInk           *ink;
  ShequMapExportOptions  options;
  ShequGeoBounds         extent;
  gboolean               has_extent;
  GFile                 *file;
  ShequMapFrame          overlay_frame;
  gboolean               overlay_drawn;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_clear_object (&job->renderer);
  g_clear_object (&job->ink);
  g_clear_object (&job->file);
  g_free (job);
}

static void
draw_job_overlay (cairo_t             *cr,
                  const ShequMapFrame *frame,
                  gpointer             data)
{
  ExportJob *job = data;

  job->overlay_frame = *frame;
  job->overlay_drawn = TRUE;
  if (job->ink != NULL)
    shequ_map_ink_draw (cr, frame, job->ink);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  ExportJob *job = data;
  GError *error = NULL;

  if (shequ_map_export (job->renderer, &job->options, job->has_extent ? &job->extent : NULL,
                        draw_job_overlay, job, job->file, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
set_exporting (ShequMapExportDialog *self,
               gboolean              exporting)
{
  self->exporting = exporting;
  gtk_widget_set_visible (GTK_WIDGET (self->progress), exporting);
  gtk_widget_set_sensitive (self->export_button, !exporting && self->file != NULL);
  gtk_widget_set_sensitive (self->cancel_button, !exporting);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
}

static void
on_export_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ShequMapExportDialog) self = user_data;
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  self->overlay_frame = job->overlay_frame;
  self->overlay_drawn = job->overlay_drawn;
  set_exporting (self, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_signal_emit (self, signals[FINISHED], 0, self->file, error);
  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
pulse (gpointer data)
{
  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (data));
  return G_SOURCE_CONTINUE;
}

void
shequ_map_export_dialog_start (ShequMapExportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;
  const char *title;

  g_return_if_fail (SHEQU_IS_MAP_EXPORT_DIALOG (self));
  g_return_if_fail (self->file != NULL && !self->exporting);

  job = g_new0 (ExportJob, 1);
  /* Text sizes are the export's own (its DPI, its paper): from a screen's scale of 1. */
  job->renderer = shequ_map_renderer_copy (self->renderer, 1.0);
  title = gtk_editable_get_text (GTK_EDITABLE (self->title_entry));
  if (*title != '\0')
    shequ_map_renderer_set_title (job->renderer, title);
  job->ink = self->ink != NULL ? shequ_map_ink_copy (self->ink) : NULL;
  shequ_map_export_dialog_get_options (self, &job->options);
  job->has_extent = self->has_view && gtk_drop_down_get_selected (self->extent_drop) == 0;
  job->extent = self->view;
  job->file = g_object_ref (self->file);

  set_exporting (self, TRUE);
  gtk_label_set_text (self->message_label, "");
  self->pulse_id = g_timeout_add (100, pulse, self->progress);
  /* Not the task's source object: the worker may drop the task's last reference, and a
   * widget must be finalized on the main thread. The callback drops this one there. */
  task = g_task_new (NULL, NULL, on_export_done, g_object_ref (self));
  g_task_set_source_tag (task, shequ_map_export_dialog_start);
  g_task_set_task_data (task, job, export_job_free);
  g_task_run_in_thread (task, export_thread);
}

/* Building */

static GtkWidget *
add_row (ShequMapExportDialog *self,
         GtkGrid              *grid,
         int                   row,
         const char           *label_text,
         GtkWidget            *control,
         GtkWidget            *mnemonic_target)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (label_text);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), mnemonic_target);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (mnemonic_target),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, control, 1, row, 1, 1);
  return label;
}

static GtkSpinButton *
new_spin (double min,
          double max,
          double step)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, step);

  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 6);
  return GTK_SPIN_BUTTON (spin);
}

static GtkWidget *
build_size_box (ShequMapExportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->width_spin = new_spin (16, 20000, 1);
  self->height_spin = new_spin (16, 20000, 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->height_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Height in pixels"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->width_spin));
  /* Translators: between a picture's width and height */
  gtk_box_append (GTK_BOX (box), gtk_label_new (_("×")));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->height_spin));
  gtk_box_append (GTK_BOX (box), gtk_label_new (_("pixels")));
  return box;
}

static GtkDropDown *
new_drop_down (const char *const *strings)
{
  return GTK_DROP_DOWN (gtk_drop_down_new_from_strings (strings));
}

static void
build_grid (ShequMapExportDialog *self,
            GtkGrid              *grid)
{
  const char *papers[] = { _("A4"), _("A3"), NULL };
  const char *orientations[] = { _("Landscape"), _("Portrait"), NULL };
  const char *extents[] = { _("Current view"), _("Whole map"), NULL };
  GtkWidget *size_box = build_size_box (self);
  GtkWidget *label;

  gtk_grid_set_row_spacing (grid, 10);
  gtk_grid_set_column_spacing (grid, 12);
  self->file_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->file_label, 0);
  gtk_label_set_ellipsize (self->file_label, PANGO_ELLIPSIZE_MIDDLE);
  label = gtk_label_new (_("File"));
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_grid_attach (grid, label, 0, 0, 1, 1);
  gtk_grid_attach (grid, GTK_WIDGET (self->file_label), 1, 0, 1, 1);

  self->size_row[1] = size_box;
  self->size_row[0] = add_row (self, grid, 1, _("_Size"), size_box,
                               GTK_WIDGET (self->width_spin));
  self->dpi_spin = new_spin (36, 1200, 1);
  self->dpi_row[1] = GTK_WIDGET (self->dpi_spin);
  self->dpi_row[0] = add_row (self, grid, 2, _("_Resolution (DPI)"),
                              GTK_WIDGET (self->dpi_spin), GTK_WIDGET (self->dpi_spin));
  self->paper_drop = new_drop_down (papers);
  self->paper_row[1] = GTK_WIDGET (self->paper_drop);
  self->paper_row[0] = add_row (self, grid, 3, _("_Paper"), GTK_WIDGET (self->paper_drop),
                                GTK_WIDGET (self->paper_drop));
  self->orientation_drop = new_drop_down (orientations);
  self->orientation_row[1] = GTK_WIDGET (self->orientation_drop);
  self->orientation_row[0] = add_row (self, grid, 4, _("_Orientation"),
                                      GTK_WIDGET (self->orientation_drop),
                                      GTK_WIDGET (self->orientation_drop));
  self->extent_drop = new_drop_down (extents);
  add_row (self, grid, 5, _("S_how"), GTK_WIDGET (self->extent_drop),
           GTK_WIDGET (self->extent_drop));
  self->title_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_activates_default (self->title_entry, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->title_entry), TRUE);
  add_row (self, grid, 6, C_("map", "_Title"), GTK_WIDGET (self->title_entry),
           GTK_WIDGET (self->title_entry));

  self->message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_label_set_xalign (self->message_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  gtk_grid_attach (grid, GTK_WIDGET (self->message_label), 0, 7, 2, 1);
  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_text (self->progress, _("Exporting…"));
  gtk_progress_bar_set_show_text (self->progress, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->progress), FALSE);
  gtk_grid_attach (grid, GTK_WIDGET (self->progress), 0, 8, 2, 1);
}

static void
build_header (ShequMapExportDialog *self)
{
  self->export_button = shequ_dialog_add_header (GTK_WINDOW (self), _("_Export"),
                                                 &self->cancel_button);
  g_signal_connect_swapped (self->export_button, "clicked",
                            G_CALLBACK (shequ_map_export_dialog_start), self);
}

static gboolean
on_close_request (ShequMapExportDialog *self)
{
  /* The file is being written: it finishes, then the dialog closes itself. */
  return self->exporting;
}

static void
shequ_map_export_dialog_dispose (GObject *object)
{
  ShequMapExportDialog *self = SHEQU_MAP_EXPORT_DIALOG (object);

  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_object (&self->renderer);
  g_clear_object (&self->ink);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (shequ_map_export_dialog_parent_class)->dispose (object);
}

static void
shequ_map_export_dialog_class_init (ShequMapExportDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = shequ_map_export_dialog_dispose;
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_FILE,
                                    G_TYPE_ERROR);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
shequ_map_export_dialog_init (ShequMapExportDialog *self)
{
  GtkWidget *grid = gtk_grid_new ();
  ShequMapExportOptions options;

  gtk_window_set_title (GTK_WINDOW (self), _("Export Map"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_window_set_resizable (GTK_WINDOW (self), FALSE);
  build_header (self);
  build_grid (self, GTK_GRID (grid));
  g_object_set (grid, "margin-start", 18, "margin-end", 18, "margin-top", 18,
                "margin-bottom", 18, "width-request", 420, NULL);
  gtk_window_set_child (GTK_WINDOW (self), grid);
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request), NULL);

  shequ_map_export_options_init (&options, SHEQU_MAP_FORMAT_PNG);
  shequ_map_export_dialog_set_png_size (self, options.width, options.height, options.dpi);
  gtk_drop_down_set_selected (self->paper_drop, options.paper == SHEQU_MAP_PAPER_A3);
  gtk_drop_down_set_selected (self->orientation_drop, options.landscape ? 0 : 1);
  gtk_widget_set_sensitive (self->export_button, FALSE);
}

static void
show_row (GtkWidget **row,
          gboolean    visible)
{
  gtk_widget_set_visible (row[0], visible);
  gtk_widget_set_visible (row[1], visible);
}

ShequMapExportDialog *
shequ_map_export_dialog_new (GtkWindow            *parent,
                             ShequMapRenderer     *renderer,
                             const ShequGeoBounds *view,
                             ShequMapInk          *ink)
{
  ShequMapExportDialog *self;
  const char *title;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SHEQU_IS_MAP_RENDERER (renderer), NULL);
  g_return_val_if_fail (ink == NULL || SHEQU_IS_MAP_INK (ink), NULL);

  self = g_object_new (SHEQU_TYPE_MAP_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->renderer = g_object_ref (renderer);
  g_set_object (&self->ink, ink);
  if (view != NULL)
    {
      self->view = *view;
      self->has_view = TRUE;
    }
  else
    {
      gtk_drop_down_set_selected (self->extent_drop, 1);
      gtk_widget_set_sensitive (GTK_WIDGET (self->extent_drop), FALSE);
    }
  title = shequ_map_renderer_get_title (renderer);
  if (title != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->title_entry), title);
  if (ink != NULL)
    gtk_window_set_title (GTK_WINDOW (self), _("Export Annotated View"));
  return self;
}

gboolean
shequ_map_export_dialog_set_file (ShequMapExportDialog *self,
                                  GFile                *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gboolean ok;

  g_return_val_if_fail (SHEQU_IS_MAP_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_basename (file);
  gtk_label_set_text (self->file_label, name);
  ok = shequ_map_format_from_filename (name, &self->format, &error);
  g_clear_object (&self->file);
  if (ok)
    self->file = g_object_ref (file);
  gtk_label_set_text (self->message_label, ok ? "" : error->message);
  gtk_widget_set_sensitive (self->export_button, ok && !self->exporting);
  show_row (self->size_row, !ok || self->format != SHEQU_MAP_FORMAT_PDF);
  show_row (self->dpi_row, !ok || self->format == SHEQU_MAP_FORMAT_PNG);
  show_row (self->paper_row, ok && self->format == SHEQU_MAP_FORMAT_PDF);
  show_row (self->orientation_row, ok && self->format == SHEQU_MAP_FORMAT_PDF);
  return ok;
}

void
shequ_map_export_dialog_set_png_size (ShequMapExportDialog *self,
                                      int                   width,
                                      int                   height,
                                      double                dpi)
{
  g_return_if_fail (SHEQU_IS_MAP_EXPORT_DIALOG (self));

  gtk_spin_button_set_value (self->width_spin, width);
  gtk_spin_button_set_value (self->height_spin, height);
  gtk_spin_button_set_value (self->dpi_spin, dpi);
}

void
shequ_map_export_dialog_set_whole_map (ShequMapExportDialog *self,
                                       gboolean              whole_map)
{
  g_return_if_fail (SHEQU_IS_MAP_EXPORT_DIALOG (self));

  gtk_drop_down_set_selected (self->extent_drop, whole_map || !self->has_view ? 1 : 0);
}

void
shequ_map_export_dialog_set_title (ShequMapExportDialog *self,
                                   const char           *title)
{
  g_return_if_fail (SHEQU_IS_MAP_EXPORT_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->title_entry), title != NULL ? title : "");
}

void
shequ_map_export_dialog_get_options (ShequMapExportDialog  *self,
                                     ShequMapExportOptions *options)
{
  g_return_if_fail (SHEQU_IS_MAP_EXPORT_DIALOG (self));
  g_return_if_fail (options != NULL);

  shequ_map_export_options_init (options, self->format);
  options->width = gtk_spin_button_get_value_as_int (self->width_spin);
  options->height = gtk_spin_button_get_value_as_int (self->height_spin);
  options->dpi = gtk_spin_button_get_value (self->dpi_spin);
  options->paper = gtk_drop_down_get_selected (self->paper_drop) == 1 ? SHEQU_MAP_PAPER_A3
                                                                       : SHEQU_MAP_PAPER_A4;
  options->landscape = gtk_drop_down_get_selected (self->orientation_drop) == 0;
}

gboolean
shequ_map_export_dialog_is_exporting (ShequMapExportDialog *self)
{
  g_return_val_if_fail (SHEQU_IS_MAP_EXPORT_DIALOG (self), FALSE);

  return self->exporting;
}

gboolean
shequ_map_export_dialog_get_overlay_frame (ShequMapExportDialog *self,
                                           ShequMapFrame        *frame)
{
  g_return_val_if_fail (SHEQU_IS_MAP_EXPORT_DIALOG (self), FALSE);

  if (self->overlay_drawn && frame != NULL)
    *frame = self->overlay_frame;
  return self->overlay_drawn;
}

static void
on_file_chosen (GFile          *file,
                GtkFileChooser *chooser,
                gpointer        user_data)
{
  ShequMapExportDialog *self = SHEQU_MAP_EXPORT_DIALOG (user_data);

  if (file == NULL)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  shequ_map_export_dialog_set_file (self, file);
  gtk_window_present (GTK_WINDOW (self));
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *pattern,
            const char     *mime_type)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_chooser_add_filter (chooser, filter);
}

void
shequ_map_export_dialog_run (ShequMapExportDialog *self,
                             const char           *suggested_name)
{
  GtkFileChooserNative *native;
  GtkWindow *parent;

  g_return_if_fail (SHEQU_IS_MAP_EXPORT_DIALOG (self));

  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  native = shequ_file_chooser_new (parent, gtk_window_get_title (GTK_WINDOW (self)),
                                   GTK_FILE_CHOOSER_ACTION_SAVE, _("_Continue"));
  add_filter (GTK_FILE_CHOOSER (native), _("PNG image"), "*.png", "image/png");
  add_filter (GTK_FILE_CHOOSER (native), _("PDF document"), "*.pdf", "application/pdf");
  add_filter (GTK_FILE_CHOOSER (native), _("SVG drawing"), "*.svg", "image/svg+xml");
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested_name);
  shequ_file_chooser_run (native, NULL, on_file_chosen, g_object_ref (self), g_object_unref);
}
