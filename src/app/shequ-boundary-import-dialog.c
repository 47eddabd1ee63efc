/* shequ-boundary-import-dialog.c — Import Boundaries…: a GeoJSON file, its dry run, then one change */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-boundary-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-boundary-import-dialog-private.h"
#include "shequ-dialogs.h"

struct _ShequBoundaryImportDialog
{
  GtkWindow          parent_instance;

  ShequOrgStore     *store;
  GCancellable      *cancellable;
  GPtrArray         *features;      /* ShequGeojsonFeature */
  GPtrArray         *properties;    /* char *, best first */
  char              *filename;
  ShequBoundaryPlan *plan;

  GtkStack          *stack;
  GtkWidget         *import_button;
  GtkWidget         *cancel_button;
  GtkLabel          *reading_label;
  GtkProgressBar    *progress;
  GtkDropDown       *property_drop;
  GtkDropDown       *crs_drop;
  GtkLabel          *counts[SHEQU_BOUNDARY_N_COUNTS];
  GtkTextView       *report_view;
};

enum {
  IMPORTED,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ShequBoundaryImportDialog, shequ_boundary_import_dialog, GTK_TYPE_WINDOW)

/* The drop-down's order: GCJ-02 first, as every Chinese web map (and the DataV atlas). */
static const ShequGeoCrs crs_choices[] = { SHEQU_GEO_CRS_GCJ02, SHEQU_GEO_CRS_WGS84 };

static void
fail (ShequBoundaryImportDialog *self,
      const char                *primary,
      const GError              *error)
{
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_signal_emit (self, signals[FAILED], 0, primary, error);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
set_count (ShequBoundaryImportDialog *self,
           ShequBoundaryCount         count,
           guint                      value)
{
  g_autofree char *text = g_strdup_printf ("%u", value);

  gtk_label_set_text (self->counts[count], text);
}

static void
update_import_button (ShequBoundaryImportDialog *self)
{
  guint matched = self->plan != NULL ? shequ_boundary_plan_count (self->plan,
                                                                  SHEQU_BOUNDARY_MATCHED) : 0;
  guint total = self->plan != NULL ? shequ_boundary_plan_get_n_features (self->plan) : 0;
  g_autofree char *label = NULL;

  if (self->plan == NULL || shequ_boundary_plan_is_complete (self->plan))
    label = g_strdup (_("_Import"));
  else
    /* Translators: the import button when some features would be left out */
    label = g_strdup_printf (_("_Import %u of %u"), matched, total);
  gtk_button_set_label (GTK_BUTTON (self->import_button), label);
  gtk_widget_set_sensitive (self->import_button, matched > 0);
}

/* The plan for the choices shown now: counts, report and button follow it. */
static void
update_plan (ShequBoundaryImportDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->property_drop);
  guint crs = gtk_drop_down_get_selected (self->crs_drop);
  g_autofree char *report = NULL;
  const char *property;

  g_clear_pointer (&self->plan, shequ_boundary_plan_free);
  if (self->features == NULL || self->properties == NULL ||
      selected >= self->properties->len || crs >= G_N_ELEMENTS (crs_choices))
    {
      update_import_button (self);
      return;
    }
  property = g_ptr_array_index (self->properties, selected);
  self->plan = shequ_boundary_plan_new (self->store, self->features, self->filename, property,
                                        crs_choices[crs]);
  if (self->plan != NULL)
    {
      set_count (self, SHEQU_BOUNDARY_COUNT_MATCHED,
                 shequ_boundary_plan_count (self->plan, SHEQU_BOUNDARY_MATCHED));
      set_count (self, SHEQU_BOUNDARY_COUNT_UNMATCHED,
                 shequ_boundary_plan_count (self->plan, SHEQU_BOUNDARY_UNMATCHED));
      set_count (self, SHEQU_BOUNDARY_COUNT_DUPLICATES,
                 shequ_boundary_plan_count (self->plan, SHEQU_BOUNDARY_DUPLICATE));
      set_count (self, SHEQU_BOUNDARY_COUNT_UNUSABLE,
                 shequ_boundary_plan_count (self->plan, SHEQU_BOUNDARY_UNUSABLE));
      set_count (self, SHEQU_BOUNDARY_COUNT_REPLACED,
                 shequ_boundary_plan_get_n_replaced (self->plan));
      set_count (self, SHEQU_BOUNDARY_COUNT_SELF_INTERSECTING,
                 shequ_boundary_plan_get_n_self_intersecting (self->plan));
      report = shequ_boundary_plan_format_report (self->plan);
    }
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->report_view),
                            report != NULL ? report : "", -1);
  update_import_button (self);
}

void
shequ_boundary_import_dialog_set_features (ShequBoundaryImportDialog *self,
                                           GPtrArray                 *features,
                                           const char                *filename)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_return_if_fail (SHEQU_IS_BOUNDARY_IMPORT_DIALOG (self));
  g_return_if_fail (features != NULL);

  g_clear_pointer (&self->features, g_ptr_array_unref);
  g_clear_pointer (&self->properties, g_ptr_array_unref);
  self->features = g_ptr_array_ref (features);
  g_free (self->filename);
  self->filename = g_strdup (filename);
  self->properties = shequ_boundary_list_properties (self->store, features);
  for (guint i = 0; i < self->properties->len; i++)
    gtk_string_list_append (names, g_ptr_array_index (self->properties, i));
  gtk_drop_down_set_model (self->property_drop, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->property_drop, 0);
  gtk_stack_set_visible_child_name (self->stack, "plan");
  gtk_widget_set_visible (self->import_button, TRUE);
  update_plan (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->property_drop));
}

static void
on_read_progress (goffset  current,
                  goffset  total,
                  gpointer user_data)
{
  ShequBoundaryImportDialog *self = user_data;

  if (total > 0)
    gtk_progress_bar_set_fraction (self->progress, (double) current / (double) total);
  else
    gtk_progress_bar_pulse (self->progress);
}

static void
on_read_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ShequBoundaryImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) features = shequ_boundary_read_finish (result, &error);

  /* Cancelled: the dialog closed itself, nothing to say. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (self->cancellable))
    return;
  if (features == NULL)
    {
      fail (self, _("Could not read the boundaries"), error);
      return;
    }
  shequ_boundary_import_dialog_set_features (self, features, self->filename);
}

void
shequ_boundary_import_dialog_read_file (ShequBoundaryImportDialog *self,
                                        GFile                     *file)
{
  g_autofree char *text = NULL;

  g_return_if_fail (SHEQU_IS_BOUNDARY_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  g_free (self->filename);
  self->filename = g_file_get_basename (file);
  /* Translators: %s is a file's name */
  text = g_strdup_printf (_("Reading “%s”…"), self->filename);
  gtk_label_set_text (self->reading_label, text);
  gtk_progress_bar_set_fraction (self->progress, 0);
  gtk_stack_set_visible_child_name (self->stack, "reading");
  gtk_widget_set_visible (self->import_button, FALSE);
  gtk_window_present (GTK_WINDOW (self));
  shequ_boundary_read_async (file, self->cancellable, on_read_progress, self, on_read_done,
                             g_object_ref (self));
}

gboolean
shequ_boundary_import_dialog_apply (ShequBoundaryImportDialog *self,
                                    GError                   **error)
{
  ShequOrgChange *change;
  guint n;

  g_return_val_if_fail (SHEQU_IS_BOUNDARY_IMPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (self->plan != NULL, FALSE);

  change = shequ_boundary_plan_to_change (self->plan);
  if (change == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("No feature of the file matches a unit"));
      return FALSE;
    }
  n = shequ_boundary_plan_count (self->plan, SHEQU_BOUNDARY_MATCHED);
  /* One change, origin IMPORT: one step of Undo. */
  if (!shequ_org_store_apply (self->store, change, error))
    return FALSE;
  g_signal_emit (self, signals[IMPORTED], 0, n);
  return TRUE;
}

static void
apply_and_close (gpointer user_data)
{
  ShequBoundaryImportDialog *self = SHEQU_BOUNDARY_IMPORT_DIALOG (user_data);
  g_autoptr(GError) error = NULL;

  if (self->plan == NULL)
    return;
  if (!shequ_boundary_import_dialog_apply (self, &error))
    {
      fail (self, _("Could not import the boundaries"), error);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_import_clicked (ShequBoundaryImportDialog *self)
{
  guint matched, total;
  g_autofree char *primary = NULL;

  if (self->plan == NULL)
    return;
  if (shequ_boundary_plan_is_complete (self->plan))
    {
      apply_and_close (self);
      return;
    }
  matched = shequ_boundary_plan_count (self->plan, SHEQU_BOUNDARY_MATCHED);
  total = shequ_boundary_plan_get_n_features (self->plan);
  primary = g_strdup_printf (ngettext ("Import %u of %u boundary?",
                                       "Import %u of %u boundaries?", total),
                             matched, total);
  shequ_confirm (GTK_WINDOW (self), primary,
                 _("The other features are left out: the report says why. "
                   "The import can be undone."),
                 _("_Import"), FALSE, apply_and_close, g_object_ref (self), g_object_unref);
}

static gboolean
on_close_request (ShequBoundaryImportDialog *self)
{
  g_cancellable_cancel (self->cancellable);
  return FALSE;
}

/* Building */

static GtkWidget *
build_reading_page (ShequBoundaryImportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  self->reading_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->reading_label, 0);
  gtk_label_set_ellipsize (self->reading_label, PANGO_ELLIPSIZE_MIDDLE);
  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->progress),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->reading_label,
                                  NULL, -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->reading_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->progress));
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  return box;
}

static GtkWidget *
add_choice (GtkGrid    *grid,
            int         row,
            const char *text,
            GtkWidget  *control)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), control);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, NULL, -1);
  gtk_widget_set_hexpand (control, TRUE);
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, control, 1, row, 1, 1);
  return label;
}

static GtkWidget *
build_counts (ShequBoundaryImportDialog *self)
{
  static const char *const names[SHEQU_BOUNDARY_N_COUNTS] = {
    N_("Matched"),
    N_("Matching no unit"),
    N_("Duplicates (left out)"),
    N_("Unusable"),
    N_("Replacing a boundary"),
    N_("Crossing themselves (warning)"),
  };
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  for (guint i = 0; i < SHEQU_BOUNDARY_N_COUNTS; i++)
    {
      GtkWidget *name = gtk_label_new (_(names[i]));
      GtkWidget *value = gtk_label_new ("0");

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_widget_add_css_class (name, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (value), 1);
      gtk_widget_add_css_class (value, "numeric");
      /* The two columns of counts apart. */
      gtk_widget_set_margin_end (value, i % 2 == 0 ? 24 : 0);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (value), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                      name, NULL, -1);
      gtk_grid_attach (GTK_GRID (grid), name, i % 2 * 2, i / 2, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), value, i % 2 * 2 + 1, i / 2, 1, 1);
      self->counts[i] = GTK_LABEL (value);
    }
  return grid;
}

static GtkWidget *
build_plan_page (ShequBoundaryImportDialog *self)
{
  const char *crs_names[] = { _("GCJ-02 (Chinese web maps)"), _("WGS84 (GPS)"), NULL };
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *report_label = gtk_label_new_with_mnemonic (_("_Report"));

  gtk_grid_set_row_spacing (GTK_GRID (grid), 10);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  self->property_drop = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  add_choice (GTK_GRID (grid), 0, _("_Match units by"), GTK_WIDGET (self->property_drop));
  self->crs_drop = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (crs_names));
  add_choice (GTK_GRID (grid), 1, _("Coor_dinates"), GTK_WIDGET (self->crs_drop));
  gtk_grid_attach (GTK_GRID (grid), build_counts (self), 0, 2, 2, 1);

  self->report_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_editable (self->report_view, FALSE);
  gtk_text_view_set_cursor_visible (self->report_view, FALSE);
  gtk_text_view_set_wrap_mode (self->report_view, GTK_WRAP_WORD_CHAR);
  g_object_set (self->report_view, "left-margin", 6, "right-margin", 6, "top-margin", 6,
                "bottom-margin", 6, NULL);
  gtk_label_set_xalign (GTK_LABEL (report_label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (report_label), GTK_WIDGET (self->report_view));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->report_view),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, report_label, NULL, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->report_view));
  gtk_scrolled_window_set_has_frame (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_widget_set_size_request (scrolled, -1, 200);
  gtk_grid_attach (GTK_GRID (grid), report_label, 0, 3, 2, 1);
  gtk_grid_attach (GTK_GRID (grid), scrolled, 0, 4, 2, 1);

  g_signal_connect_swapped (self->property_drop, "notify::selected",
                            G_CALLBACK (update_plan), self);
  g_signal_connect_swapped (self->crs_drop, "notify::selected", G_CALLBACK (update_plan), self);
  return grid;
}

static void
build_header (ShequBoundaryImportDialog *self)
{
  self->import_button = shequ_dialog_add_header (GTK_WINDOW (self), _("_Import"),
                                                 &self->cancel_button);
  g_signal_connect_swapped (self->import_button, "clicked", G_CALLBACK (on_import_clicked), self);
}

static void
shequ_boundary_import_dialog_dispose (GObject *object)
{
  ShequBoundaryImportDialog *self = SHEQU_BOUNDARY_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->plan, shequ_boundary_plan_free);
  g_clear_pointer (&self->features, g_ptr_array_unref);
  g_clear_pointer (&self->properties, g_ptr_array_unref);
  g_clear_pointer (&self->filename, g_free);

  G_OBJECT_CLASS (shequ_boundary_import_dialog_parent_class)->dispose (object);
}

static void
shequ_boundary_import_dialog_class_init (ShequBoundaryImportDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = shequ_boundary_import_dialog_dispose;
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING,
                                  G_TYPE_ERROR);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
shequ_boundary_import_dialog_init (ShequBoundaryImportDialog *self)
{
  GtkWidget *reading = build_reading_page (self);
  GtkWidget *plan = build_plan_page (self);

  self->cancellable = g_cancellable_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Import Boundaries"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 520);
  build_header (self);
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, reading, "reading");
  gtk_stack_add_named (self->stack, plan, "plan");
  g_object_set (self->stack, "margin-start", 18, "margin-end", 18, "margin-top", 18,
                "margin-bottom", 18, NULL);
  gtk_window_set_child (GTK_WINDOW (self), GTK_WIDGET (self->stack));
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request), NULL);
  update_import_button (self);
}

ShequBoundaryImportDialog *
shequ_boundary_import_dialog_new (GtkWindow     *parent,
                                  ShequOrgStore *store)
{
  ShequBoundaryImportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (store), NULL);

  self = g_object_new (SHEQU_TYPE_BOUNDARY_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  return self;
}

static void
on_file_chosen (GFile          *file,
                GtkFileChooser *chooser,
                gpointer        user_data)
{
  ShequBoundaryImportDialog *self = SHEQU_BOUNDARY_IMPORT_DIALOG (user_data);

  if (file == NULL)
    gtk_window_destroy (GTK_WINDOW (self));
  else
    shequ_boundary_import_dialog_read_file (self, file);
}

void
shequ_boundary_import_dialog_run (ShequBoundaryImportDialog *self)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  g_return_if_fail (SHEQU_IS_BOUNDARY_IMPORT_DIALOG (self));

  native = shequ_file_chooser_new (gtk_window_get_transient_for (GTK_WINDOW (self)),
                                   _("Import Boundaries"), GTK_FILE_CHOOSER_ACTION_OPEN,
                                   _("_Open"));
  gtk_file_filter_set_name (filter, _("GeoJSON files"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_add_pattern (filter, "*.geojson");
  gtk_file_filter_add_mime_type (filter, "application/geo+json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  shequ_file_chooser_run (native, NULL, on_file_chosen, g_object_ref (self), g_object_unref);
}

/* For the tests */

const char *
shequ_boundary_import_dialog_get_page (ShequBoundaryImportDialog *self)
{
  g_return_val_if_fail (SHEQU_IS_BOUNDARY_IMPORT_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

GPtrArray *
shequ_boundary_import_dialog_get_properties (ShequBoundaryImportDialog *self)
{
  g_return_val_if_fail (SHEQU_IS_BOUNDARY_IMPORT_DIALOG (self), NULL);

  return self->properties;
}

gboolean
shequ_boundary_import_dialog_set_match (ShequBoundaryImportDialog *self,
                                        const char                *property)
{
  guint index;

  g_return_val_if_fail (SHEQU_IS_BOUNDARY_IMPORT_DIALOG (self), FALSE);

  if (self->properties == NULL ||
      !g_ptr_array_find_with_equal_func (self->properties, property, g_str_equal, &index))
    return FALSE;
  gtk_drop_down_set_selected (self->property_drop, index);
  return TRUE;
}

void
shequ_boundary_import_dialog_set_crs (ShequBoundaryImportDialog *self,
                                      ShequGeoCrs                crs)
{
  g_return_if_fail (SHEQU_IS_BOUNDARY_IMPORT_DIALOG (self));

  gtk_drop_down_set_selected (self->crs_drop, crs == SHEQU_GEO_CRS_GCJ02 ? 0 : 1);
}

ShequBoundaryPlan *
shequ_boundary_import_dialog_get_plan (ShequBoundaryImportDialog *self)
{
  g_return_val_if_fail (SHEQU_IS_BOUNDARY_IMPORT_DIALOG (self), NULL);

  return self->plan;
}

const char *
shequ_boundary_import_dialog_get_count_text (ShequBoundaryImportDialog *self,
                                             ShequBoundaryCount         count)
{
  g_return_val_if_fail (SHEQU_IS_BOUNDARY_IMPORT_DIALOG (self), NULL);
  g_return_val_if_fail (count < SHEQU_BOUNDARY_N_COUNTS, NULL);

  return gtk_label_get_text (self->counts[count]);
}

char *
shequ_boundary_import_dialog_dup_report (ShequBoundaryImportDialog *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (SHEQU_IS_BOUNDARY_IMPORT_DIALOG (self), NULL);

  buffer = gtk_text_view_get_buffer (self->report_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

GtkButton *
shequ_boundary_import_dialog_get_import_button (ShequBoundaryImportDialog *self)
{
  g_return_val_if_fail (SHEQU_IS_BOUNDARY_IMPORT_DIALOG (self), NULL);

  return GTK_BUTTON (self->import_button);
}
