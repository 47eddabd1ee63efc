/* shequ-org-view-private.h — the fields of the organisation tree, and what its files share */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shequ-app-util.h"
#include "shequ-org-view.h"
#include "shequ-session.h"
#include "shequ-unit-detail.h"

G_BEGIN_DECLS

/* Above this many matches a search does not expand the tree: expanding the
 * ancestors of 100,000 matches would stall the UI for seconds. */
#define MAX_AUTOEXPAND_MATCHES 2000

typedef enum {
  COLUMN_NAME,
  COLUMN_TIER,
  COLUMN_PARTY_BODY,
  COLUMN_LEADER,
  COLUMN_POPULATION,
  COLUMN_HOUSEHOLDS,
  COLUMN_GRIDS,
  COLUMN_COMPLIANCE,
  N_COLUMNS
} Column;

struct _ShequOrgView
{
  GtkWidget           parent_instance;

  ShequSession       *session;           /* owns the selection; the tree shows it */
  GSignalGroup       *session_signals;
  ShequOrgStore      *store;             /* the session's */
  GSettings          *settings;

  /* template */
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkLabel           *match_label;
  GtkInfoBar         *info_bar;
  GtkLabel           *info_label;
  GtkPaned           *paned;
  GtkScrolledWindow  *scrolled_window;
  GtkColumnView      *column_view;
  ShequUnitDetail    *detail;
  GMenuModel         *row_menu;

  GtkColumnViewColumn *columns[N_COLUMNS];
  GtkWidget          *context_menu;
  GtkWidget          *rename_popover;

  /* models: roots → filter → tree → sort → freeze → selection */
  GtkFilter          *filter;
  GtkFilterListModel *root_filter;
  GtkTreeListModel   *tree_model;
  GtkTreeListRowSorter *row_sorter;
  GtkSortListModel   *sort_model;
  ShequFreezeListModel *freeze_model;
  GtkSingleSelection *selection;
  /* the session's unit as the tree last followed it, read by the handlers here */
  ShequUnit          *selected_unit;
  /* showing the session's unit: the selection model's changes are not the user's */
  gboolean            following;

  /* the cells bound now (widget → what it shows), for highlights, rename and focus */
  GHashTable         *cells;

  /* the child models the tree shows, by parent unit (NULL: the roots); units
   * without children get no model (no expander) until their first child comes */
  GHashTable         *child_rows;
  ShequFreezeListModel *root_rows;
  GHashTable         *watched_empty;     /* ShequUnit → its children model, watched */
  GHashTable         *emptied;           /* units whose last child went, refreshed on idle */
  guint               refresh_emptied_id;

  /* keyboard: where the focus goes back to after a change */
  ShequUnit          *last_parent;       /* parent of the unit selected last */
  char               *restore_code;      /* a deleted unit, selected again if undone */
  ShequUnit          *keep_visible;      /* renamed while searching: stays in view */

  /* search */
  char               *search_text;       /* applied, "" when not searching */
  guint               n_matches;
  GHashTable         *saved_expansion;   /* codes expanded before the search began */

  /* expansion persistence */
  guint               save_expanded_id;
  guint               empty_search_id;
  guint               column_visibility_id;
  guint               save_pane_id;
  gboolean            restoring;
  gboolean            pane_restored;     /* the saved pane position applied, once */
  /* the saved expansion still to apply below the first screenful of rows */
  GHashTable         *restore_codes;     /* codes to expand, or NULL: */
  gboolean            restore_areas;     /* first run: the areas open */
  gboolean            restore_pending;
  guint               restore_position;  /* tree rows above it are done */
  guint               restore_tick_id;
  guint               restore_frames;

  /* drag and drop */
  guint               autoscroll_id;
  double              drag_y;
  gboolean            drag_inside;
  ShequUnit          *hover_unit;        /* the drop target row under the pointer */
  double              hover_y;
  guint               keep_hover_id;
  guint               keep_hover_frames;

  /* a frame callback waiting for a row to be realised */
  guint               pending_tick_id;
  ShequUnit          *pending_unit;
  gboolean            pending_rename;
  guint               pending_frames;
};

/* For the tests, and the actions that call them */
/* What Tab and Shift+Tab do in the tree: the focus leaves it for the next (or the
 * previous) control of the window, not the next row. */
gboolean       shequ_org_view_move_focus_out_of_tree (ShequOrgView *self,
                                                 gboolean       backward);
/* Moves UNIT under TARGET as a drop does (the drop target's "drop" handler calls
 * this); selects UNIT on success. FALSE with the store's reason otherwise. */
gboolean       shequ_org_view_drop_unit         (ShequOrgView  *self,
                                                 ShequUnit     *unit,
                                                 ShequUnit     *target,
                                                 GError       **error);
/* What org.delete does (no question: it can be undone): deletes UNIT, selects its
 * parent and shows the window's toast, with Undo, saying what went. */
gboolean       shequ_org_view_delete_unit       (ShequOrgView  *self,
                                                 ShequUnit     *unit,
                                                 GError       **error);
/* The answered part of org.add-child / org.add-village: a new child of PARENT of
 * TIER (SHEQU_N_TIERS: the parent's default child tier), selected and being renamed. */
ShequUnit     *shequ_org_view_add_child         (ShequOrgView  *self,
                                                 ShequUnit     *parent,
                                                 ShequTier      tier,
                                                 gboolean       move_figures,
                                                 GError       **error);

/* Searches for TEXT as typing it in the search entry does. */
void           shequ_org_view_set_search_text   (ShequOrgView  *self,
                                                 const char    *text);
/* For tests: the column view, and the text a cell shows for UNIT in COLUMN
 * ("name", "population", …), or NULL when the row is not realised. */
GtkColumnView *shequ_org_view_get_column_view   (ShequOrgView  *self);
char          *shequ_org_view_dup_cell_text     (ShequOrgView  *self,
                                                 ShequUnit     *unit,
                                                 const char    *column_id);

/* For tests: the detail pane, whether UNIT has a row in the tree (it and its
 * ancestors pass the search filter and its ancestors are expanded), the match
 * count of the current search, and the cell's Pango attributes as text. */
ShequUnitDetail *shequ_org_view_get_detail      (ShequOrgView  *self);
gboolean       shequ_org_view_is_unit_shown     (ShequOrgView  *self,
                                                 ShequUnit     *unit);
guint          shequ_org_view_get_match_count   (ShequOrgView  *self);
/* Whether the column COLUMN_ID ("name", "population", …) is shown: the optional ones
 * go when the tree is narrow. */
gboolean       shequ_org_view_is_column_visible (ShequOrgView  *self,
                                                 const char    *column_id);
/* For tests: the name cell (a GtkTreeExpander) bound to UNIT, NULL when none is. */
GtkWidget     *shequ_org_view_get_name_cell     (ShequOrgView  *self,
                                                 ShequUnit     *unit);
PangoAttrList *shequ_org_view_get_cell_attributes (ShequOrgView *self,
                                                 ShequUnit     *unit,
                                                 const char    *column_id);

/* For tests: the codes of the expanded rows saved for the database at PATH (a
 * NULL-terminated array, NULL when none are saved). */
char         **shequ_org_view_dup_saved_expansion (GSettings   *settings,
                                                   const char  *database);

/* shequ-org-view.c */
void _shequ_org_view_collapse_all_rows (ShequOrgView *self);
void _shequ_org_view_collect_expanded_codes (ShequOrgView *self,
                                             GPtrArray    *codes);
void _shequ_org_view_expand_codes (ShequOrgView *self,
                                   GHashTable   *codes);
GtkWidget *_shequ_org_view_find_name_cell (ShequOrgView *self,
                                           ShequUnit    *unit);
GtkTreeListRow *_shequ_org_view_find_tree_row (ShequOrgView *self,
                                               ShequUnit    *unit,
                                               gboolean      expand);
void _shequ_org_view_focus_unit_later (ShequOrgView *self,
                                       ShequUnit    *unit,
                                       gboolean      rename);
void _shequ_org_view_freeze_view (ShequOrgView *self);
GtkTreeListRow *_shequ_org_view_get_selected_row (ShequOrgView *self);
gboolean _shequ_org_view_is_searching (ShequOrgView *self);
gboolean _shequ_org_view_model_find (GListModel *model,
                                     gpointer    item,
                                     guint      *position);
ShequUnit *_shequ_org_view_row_get_unit (GtkTreeListRow *row);
void _shequ_org_view_scroll_to_position (ShequOrgView *self,
                                         guint         position);
guint _shequ_org_view_sort_position_of_row (ShequOrgView   *self,
                                            GtkTreeListRow *row);
void _shequ_org_view_thaw_view (ShequOrgView *self);
gboolean _shequ_org_view_unit_can_have_children (ShequUnit *unit);

/* shequ-org-view-cells.c */
void _shequ_org_view_add_columns (ShequOrgView *self);
void _shequ_org_view_cell_free (gpointer data);
ShequUnit *_shequ_org_view_cell_get_unit (GtkWidget *cell);
GtkLabel *_shequ_org_view_cell_get_label (GtkWidget *cell);
GtkWidget *_shequ_org_view_find_cell (ShequOrgView *self,
                                      ShequUnit    *unit,
                                      const char   *column_id);
void _shequ_org_view_on_viewport_width_changed (ShequOrgView *self);
void _shequ_org_view_refresh_name_cells (ShequOrgView *self);

/* shequ-org-view-models.c */
void _shequ_org_view_build_models (ShequOrgView *self);
void _shequ_org_view_clear_models (ShequOrgView *self);
void _shequ_org_view_empty_watch_free (gpointer data);
void _shequ_org_view_on_column_sorter_changed (GtkSorter       *sorter,
                                               GtkSorterChange  change,
                                               ShequOrgView    *self);
void _shequ_org_view_on_store_changed (ShequOrgView *self);
gboolean _shequ_org_view_unit_filter_func (gpointer item,
                                           gpointer user_data);

/* shequ-org-view-state.c */
void _shequ_org_view_class_state_init (GtkWidgetClass *widget_class);
void _shequ_org_view_finish_restore (ShequOrgView *self);
void _shequ_org_view_restore_expansion (ShequOrgView *self);
gboolean _shequ_org_view_save_expanded_cb (gpointer user_data);
gboolean _shequ_org_view_save_pane_cb (gpointer user_data);
void _shequ_org_view_schedule_save_expanded (ShequOrgView *self);

/* shequ-org-view-selection.c */
void _shequ_org_view_on_selection_changed (ShequOrgView *self);
void _shequ_org_view_follow_session (ShequOrgView *self,
                                     gboolean      force);
void _shequ_org_view_on_session_selected_unit_changed (ShequOrgView *self);

/* shequ-org-view-search.c */
void _shequ_org_view_class_search_init (GtkWidgetClass *widget_class);
void _shequ_org_view_expand_ancestor_rows (ShequOrgView *self);
void _shequ_org_view_update_match_label (ShequOrgView *self);

/* shequ-org-view-actions.c */
void _shequ_org_view_class_actions_init (GtkWidgetClass *widget_class);
void _shequ_org_view_on_cell_pressed (GtkGestureClick *gesture,
                                      int              n_press,
                                      double           x,
                                      double           y,
                                      ShequOrgView    *self);
gboolean _shequ_org_view_on_tree_key_pressed (GtkEventControllerKey *controller,
                                              guint                  keyval,
                                              guint                  keycode,
                                              GdkModifierType        state,
                                              ShequOrgView          *self);
void _shequ_org_view_show_message (ShequOrgView *self,
                                   const char   *message);
void _shequ_org_view_start_rename (ShequOrgView *self,
                                   ShequUnit    *unit);
void _shequ_org_view_update_actions (ShequOrgView *self);

/* shequ-org-view-dnd.c */
void _shequ_org_view_cancel_hover (ShequOrgView *self);
void _shequ_org_view_keep_hover_row_in_place (ShequOrgView *self);
void _shequ_org_view_on_drag_begin (GtkDragSource *source,
                                    GdkDrag       *drag,
                                    ShequOrgView  *self);
void _shequ_org_view_on_drag_end (GtkDragSource *source,
                                  GdkDrag       *drag,
                                  gboolean       delete_data,
                                  ShequOrgView  *self);
GdkContentProvider *_shequ_org_view_on_drag_prepare (GtkDragSource *source,
                                                     double         x,
                                                     double         y,
                                                     ShequOrgView  *self);
gboolean _shequ_org_view_on_drop (GtkDropTarget *target,
                                  const GValue  *value,
                                  double         x,
                                  double         y,
                                  ShequOrgView  *self);
GdkDragAction _shequ_org_view_on_drop_enter (GtkDropTarget *target,
                                             double         x,
                                             double         y,
                                             ShequOrgView  *self);
void _shequ_org_view_on_drop_leave (GtkDropTarget *target,
                                    ShequOrgView  *self);
GdkDragAction _shequ_org_view_on_drop_motion (GtkDropTarget *target,
                                              double         x,
                                              double         y,
                                              ShequOrgView  *self);
void _shequ_org_view_on_scroller_drag_leave (GtkDropControllerMotion *motion,
                                             ShequOrgView            *self);
void _shequ_org_view_on_scroller_drag_motion (GtkDropControllerMotion *motion,
                                              double                   x,
                                              double                   y,
                                              ShequOrgView            *self);
void _shequ_org_view_stop_autoscroll (ShequOrgView *self);

G_END_DECLS
