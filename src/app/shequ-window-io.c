/* shequ-window-io.c — import and export: the file choosers and what their results do */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-window"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-app-util.h"
#include "shequ-io.h"
#include "shequ-window-private.h"

/* Import and export */

static const char *const encoding_ids[] = { "auto", "utf-8", "gbk", NULL };

static ShequIoEncoding
encoding_from_id (const char *id)
{
  if (g_strcmp0 (id, "utf-8") == 0)
    return SHEQU_IO_ENCODING_UTF8;
  if (g_strcmp0 (id, "gbk") == 0)
    return SHEQU_IO_ENCODING_GBK;
  return SHEQU_IO_ENCODING_AUTO;
}

void
_shequ_window_clear_chooser (ShequWindow *self)
{
  if (self->chooser != NULL)
    shequ_file_chooser_close (self->chooser);
  g_clear_weak_pointer (&self->chooser);
}

/* One chooser at a time, closed with the window. */
void
_shequ_window_run_chooser (ShequWindow          *self,
                           GtkFileChooserNative *native,
                           const char           *folder,
                           ShequFileChosenFunc   func)
{
  g_assert (SHEQU_IS_WINDOW (self));

  _shequ_window_clear_chooser (self);
  g_set_weak_pointer (&self->chooser, native);
  shequ_file_chooser_run (native, folder, func, self, NULL);
}

typedef struct {
  ShequWindow *window;  /* held while the import runs */
  gboolean     people;
  /* For shequ_window_import_file(), which waits: set when done. */
  gboolean    *done;
  gboolean    *ok;
} Import;

static void
import_free (Import *import)
{
  g_clear_object (&import->window);
  g_free (import);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Import, import_free)

static gboolean
show_import_result (ShequWindow  *self,
                    gboolean      people,
                    guint         n,
                    const GError *error)
{
  g_autofree char *text = NULL;

  g_assert (SHEQU_IS_WINDOW (self));

  if (error != NULL)
    {
      /* A damaged file is not written to; the way out is a backup. */
      if (g_error_matches (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT))
        _shequ_window_present_damaged_dialog (self, error);
      else
        _shequ_window_show_error (self, people ? _("Could not import the people")
                                               : _("Could not import the units"),
                                  error);
      return FALSE;
    }

  if (people)
    text = g_strdup_printf (ngettext ("Imported %u person", "Imported %u people", n), n);
  else
    text = g_strdup_printf (ngettext ("Imported %u unit", "Imported %u units", n), n);
  shequ_window_show_toast (self, text,
                           n > 0 && self->store != NULL &&
                           shequ_org_store_get_can_undo (self->store));
  return TRUE;
}

static void
on_import_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Import) import = user_data;
  ShequWindow *self = import->window;
  g_autoptr(GError) error = NULL;
  guint n = 0;
  gboolean ok;

  ok = shequ_workspace_import_finish (SHEQU_WORKSPACE (object), result, &n, &error);
  if (import->done != NULL)
    {
      *import->done = TRUE;
      *import->ok = ok;
    }
  /* The window is closed (which cancels its work): nothing was imported, nothing to show. */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  _shequ_window_end_busy (self);
  show_import_result (self, import->people, n, error);
}

/* Read and checked in a thread, applied here once that is done; meanwhile the window
 * goes on and the spinner turns. */
static void
start_import (ShequWindow     *self,
              GFile           *file,
              gboolean         people,
              ShequIoEncoding  encoding,
              gboolean        *done,
              gboolean        *ok)
{
  Import *import = g_new0 (Import, 1);

  g_assert (SHEQU_IS_WINDOW (self));

  import->window = g_object_ref (self);
  import->people = people;
  import->done = done;
  import->ok = ok;
  _shequ_window_begin_busy (self, TRUE);
  /* The store's "applied" toast skips imports: this window says it better, with the count. */
  shequ_workspace_import_async (self->workspace,
                                people ? SHEQU_IO_TABLE_PEOPLE : SHEQU_IO_TABLE_UNITS,
                                file, SHEQU_IO_FORMAT_AUTO, encoding, self->cancellable,
                                _shequ_window_on_busy_progress, self, on_import_done, import);
}

gboolean
shequ_window_import_file (ShequWindow     *self,
                          GFile           *file,
                          gboolean         people,
                          ShequIoEncoding  encoding)
{
  gboolean done = FALSE;
  gboolean ok = FALSE;

  g_return_val_if_fail (SHEQU_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->workspace == NULL || self->store == NULL)
    return FALSE;

  start_import (self, file, people, encoding, &done, &ok);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  return ok;
}

static void
on_import_chosen (GFile          *file,
                  GtkFileChooser *chooser,
                  gpointer        user_data)
{
  ShequWindow *self = SHEQU_WINDOW (user_data);
  gboolean people = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "shequ-people"));
  const char *encoding_id;

  if (file == NULL)
    return;
  encoding_id = gtk_file_chooser_get_choice (chooser, "encoding");
  _shequ_window_set_import_encoding (self, encoding_id);
  if (self->workspace != NULL && self->store != NULL)
    start_import (self, file, people, encoding_from_id (encoding_id), NULL, NULL);
}

void
_shequ_window_import_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  ShequWindow *self = SHEQU_WINDOW (widget);
  gboolean people = g_str_equal (action_name, "win.import-people");
  const char *encoding_labels[] = { _("Automatic"), "UTF-8", "GBK", NULL };
  g_autofree char *encoding = NULL;
  GtkFileChooserNative *native;

  native = shequ_file_chooser_new (GTK_WINDOW (self),
                                   people ? _("Import People") : _("Import Units"),
                                   GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"));
  shequ_file_chooser_add_table_filters (GTK_FILE_CHOOSER (native));
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (native), "encoding",
                               /* Translators: text encoding of the imported file */
                               _("Encoding"),
                               (const char **) encoding_ids, encoding_labels);
  encoding = _shequ_window_dup_import_encoding (self);
  if (encoding == NULL || !g_strv_contains (encoding_ids, encoding))
    {
      g_free (encoding);
      encoding = g_strdup ("auto");
    }
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (native), "encoding", encoding);

  g_object_set_data (G_OBJECT (native), "shequ-people", GINT_TO_POINTER (people));
  _shequ_window_run_chooser (self, native, NULL, on_import_chosen);
}

gboolean
shequ_window_export_file (ShequWindow *self,
                          GFile       *file,
                          gboolean     people)
{
  g_autoptr(GFile) target = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *text = NULL;
  gboolean ok;

  g_return_val_if_fail (SHEQU_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->store == NULL)
    return FALSE;

  /* The format follows the extension; without one, CSV. */
  base = g_file_get_basename (file);
  if (g_str_has_suffix (base, ".csv") || g_str_has_suffix (base, ".CSV") ||
      g_str_has_suffix (base, ".json") || g_str_has_suffix (base, ".JSON"))
    {
      target = g_object_ref (file);
    }
  else
    {
      g_autoptr(GFile) parent = g_file_get_parent (file);
      g_autofree char *with_ext = g_strconcat (base, ".csv", NULL);

      target = g_file_get_child (parent, with_ext);
      g_free (base);
      base = g_steal_pointer (&with_ext);
    }

  if (people)
    ok = shequ_io_export_people (self->store, target, SHEQU_IO_FORMAT_AUTO, &error);
  else
    ok = shequ_io_export_units (self->store, target, SHEQU_IO_FORMAT_AUTO, &error);

  if (!ok)
    {
      _shequ_window_show_error (self, people ? _("Could not export the people")
                                             : _("Could not export the units"),
                                error);
      return FALSE;
    }

  text = g_strdup_printf (_("Saved “%s”"), base);
  shequ_window_show_toast (self, text, FALSE);
  return TRUE;
}

static void
on_export_chosen (GFile          *file,
                  GtkFileChooser *chooser,
                  gpointer        user_data)
{
  gboolean people = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "shequ-people"));

  if (file != NULL)
    shequ_window_export_file (SHEQU_WINDOW (user_data), file, people);
}

static char *
make_export_name (ShequWindow *self,
                  const char  *what)
{
  const char *street = self->street != NULL ? shequ_unit_get_name (self->street) : NULL;
  g_autofree char *safe = g_strdup (street != NULL && *street ? street : "shequ");

  g_assert (SHEQU_IS_WINDOW (self));

  /* Characters file systems refuse become dashes. */
  g_strdelimit (safe, "/\\:*?\"<>|", '-');
  return g_strdup_printf ("%s-%s.csv", safe, what);
}

void
_shequ_window_export_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  ShequWindow *self = SHEQU_WINDOW (widget);
  gboolean people = g_str_equal (action_name, "win.export-people");
  g_autofree char *name = make_export_name (self, people ? "people" : "units");
  GtkFileChooserNative *native;

  native = shequ_file_chooser_new (GTK_WINDOW (self),
                                   people ? _("Export People") : _("Export Units"),
                                   GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"));
  shequ_file_chooser_add_table_filters (GTK_FILE_CHOOSER (native));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);

  g_object_set_data (G_OBJECT (native), "shequ-people", GINT_TO_POINTER (people));
  _shequ_window_run_chooser (self, native, NULL, on_export_chosen);
}
