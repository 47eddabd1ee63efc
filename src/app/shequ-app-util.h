/* shequ-app-util.h — small helpers shared by the views: numbers, highlights, settings */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shequ-org-types.h"

G_BEGIN_DECLS

/* 1234567 → "1,234,567": digits grouped by three, whatever the locale (the way
 * official Chinese statistics write them too). */
char          *shequ_format_count          (gint64       value);

/* A rolled-up figure: "Total 12,345", or "Total 12,345 (from 5 grids)" when GRIDS
 * base grids make it up. */
char          *shequ_format_total          (gint64       total,
                                            guint        grids);

/* Parses a whole number ≥ 0 typed by a person: surrounding spaces, grouping commas
 * (also the full-width ，) and full-width digits (０–９, as Chinese input methods
 * type them) are accepted. FALSE for anything else, negative numbers included. */
gboolean       shequ_parse_count           (const char  *text,
                                            gint64      *value);

/* Sets LABEL's text and highlights the first occurrence of SEARCH in it (bold on a
 * marker, case-insensitive, as the store's search). */
void           shequ_label_set_highlighted (GtkLabel    *label,
                                            const char  *text,
                                            const char  *search);

/* ENTRY's text without the spaces around it, newly allocated. */
char          *shequ_entry_dup_stripped_text (GtkEntry  *entry);

/* Shows TEXT in TOOLTIP on one line (ellipsized when very long): GTK 4.8 wraps a
 * Chinese tooltip to its narrowest width, one character a line. */
void           shequ_tooltip_set_line      (GtkTooltip  *tooltip,
                                            const char  *text);

/* Text that Chinese line breaking must not split: a no-break space, and a word
 * joiner between two characters that stay on one line. */
#define SHEQU_NO_BREAK_SPACE "\u00a0"
#define SHEQU_WORD_JOINER    "\u2060"
/* Appends WORD to TEXT so that a line never breaks inside it. */
void           shequ_string_append_unbreakable (GString     *text,
                                                const char  *word);
/* Sets a roll-up ("合计 226,000（来自 117 个网格）") on LABEL so that a line breaks
 * only before its parenthesis; a screen reader gets the plain text. */
void           shequ_label_set_total_text  (GtkLabel    *label,
                                            const char  *text);
/* Sets TEXT (with no-break spaces and word joiners) on LABEL; a screen reader gets
 * it without them. */
void           shequ_label_set_unbreakable_text (GtkLabel   *label,
                                                 const char *text);

/* The app's settings, or NULL when the schema is not installed (tests, uninstalled
 * runs): callers keep working without persistence instead of aborting. */
GSettings     *shequ_settings_try_new      (void);
/* Whether SETTINGS (may be NULL) has KEY. */
gboolean       shequ_settings_has_key      (GSettings   *settings,
                                            const char  *key);
/* WINDOW opens at the size and maximized state kept in SETTINGS (may be NULL), and
 * keeps them there as they change; a maximized or fullscreen window keeps the size
 * it had before. */
void           shequ_settings_bind_window_state (GSettings *settings,
                                                 GtkWindow *window);

/* A sorter over string property PROPERTY of the items in the user's language order
 * (GtkStringSorter does not collate in GTK 4.8). Collation keys are cached on the
 * items and recomputed when the string changes. */
GtkSorter     *shequ_collate_sorter_new    (const char  *property);
/* A sorter over numeric property PROPERTY (gint64, guint, gint…). */
GtkSorter     *shequ_numeric_sorter_new    (GType        item_type,
                                            const char  *property);

/* A list model that passes another through, except that between freeze and thaw it
 * holds back the underlying items-changed and then reports one change for all of
 * them: a list view re-lays its rows once instead of once per change (GTK 4.8 binds
 * a whole window of rows for each change it sees). Rows whose items survive keep
 * their widgets. While frozen it must not be read by its consumers (nothing runs
 * between freeze and thaw but the caller's own code). */
#define SHEQU_TYPE_FREEZE_LIST_MODEL (shequ_freeze_list_model_get_type ())
G_DECLARE_FINAL_TYPE (ShequFreezeListModel, shequ_freeze_list_model, SHEQU, FREEZE_LIST_MODEL, GObject)

ShequFreezeListModel *shequ_freeze_list_model_new   (GListModel           *model);
void                  shequ_freeze_list_model_freeze (ShequFreezeListModel *self);
void                  shequ_freeze_list_model_thaw   (ShequFreezeListModel *self);
/* Reports the item at POSITION as replaced (by itself), so that a GtkTreeListModel
 * above asks again whether its row has children. */
void                  shequ_freeze_list_model_item_changed (ShequFreezeListModel *self,
                                                            guint                 position);

/* A symbolic icon name for units of TIER. */
const char    *shequ_tier_get_icon_name    (ShequTier    tier);

/* The first descendant of WIDGET (depth first, WIDGET included) of TYPE. */
GtkWidget     *shequ_widget_find_descendant (GtkWidget  *widget,
                                             GType       type);

/* Accessibility. The text without mnemonic markup: "_Name" → "Name",
 * "名称(_N)" → "名称". */
char          *shequ_strip_mnemonic        (const char  *text);
/* Below ROOT: gives each button with a mnemonic and each widget a mnemonic label
 * points to an accessible name without the markup (GTK 4.8 exposes "_Open Open" and
 * "名称(N)"). Run once the widgets are built. */
void           shequ_accessible_clean_mnemonics (GtkWidget *root);
/* The row widget of the list or column view that holds CELL (GTK 4.8 keeps it
 * internal), or NULL when CELL is not in a row. */
GtkWidget     *shequ_cell_get_row_widget   (GtkWidget   *cell);

G_END_DECLS
