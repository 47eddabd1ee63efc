/* shequ-application.h — the application: options, single instance, windows per database */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SHEQU_TYPE_APPLICATION (shequ_application_get_type ())
G_DECLARE_FINAL_TYPE (ShequApplication, shequ_application, SHEQU, APPLICATION, GtkApplication)

/* EXTRA is or-ed into the flags (tests pass G_APPLICATION_NON_UNIQUE).
 * Actions: app.quit, app.about, and the read-only state app.window-count (i),
 * the number of open windows, readable over D-Bus (org.gtk.Actions). */
ShequApplication *shequ_application_new              (GApplicationFlags  extra);

/* The window showing the database at PATH (compared by canonical path), or NULL. */
GtkWindow        *shequ_application_find_window      (ShequApplication  *self,
                                                      const char        *path);
/* Presents the window of PATH, or opens PATH in a new window. Returns the window. */
GtkWindow        *shequ_application_open_database    (ShequApplication  *self,
                                                      const char        *path);

/* A keyboard shortcut: a detailed action name ("app.quit", "win.undo", "org.rename")
 * and its accelerators, NULL-terminated, as gtk_application_set_accels_for_action ()
 * takes them; for an org. action, TREE_ACCELS are more keys that act only while the
 * organisation tree has the focus (Insert, Menu), NULL-terminated too. */
typedef struct {
  const char *action;
  const char *accels[3];
  const char *tree_accels[3];
} ShequShortcut;

/* The app's keyboard shortcuts, declared once: the application sets them as its
 * accelerators (which the shortcuts window shows), ShequWindow binds the org. ones
 * to its org view, and the org view binds them, with their tree keys, on its tree.
 * Sets *N_SHORTCUTS to their number. */
const ShequShortcut *shequ_application_get_shortcuts (guint *n_shortcuts);

G_END_DECLS
