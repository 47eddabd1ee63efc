/* shequ-disclosure-page-private.h — the disclosure page's struct and the files it is split over */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-disclosure-page.h"

G_BEGIN_DECLS

/* A row of the list: a copy of the store's ShequDisclosureRow (the store's rows last
 * only until its next "changed"). */
#define SHEQU_TYPE_DISCLOSURE_ITEM (shequ_disclosure_item_get_type ())
G_DECLARE_FINAL_TYPE (ShequDisclosureItem, shequ_disclosure_item, SHEQU, DISCLOSURE_ITEM, GObject)

struct _ShequDisclosureItem
{
  GObject               parent_instance;

  gint64                id;
  ShequDisclosureKind   kind;
  ShequDisclosureState  state;
  ShequSyncStatus       sync;
  guint                 n_versions;
  char                 *title;
  char                 *period;
  char                 *unit_name;
  const char           *kind_label;   /* as the unit calls it: 居务公开 in a community */
  char                 *sync_message;
  gboolean              edited;       /* the page keeps unsaved edits of it */
};

/* ROW as the list shows it; OWNER (nullable) is its unit. */
ShequDisclosureItem *shequ_disclosure_item_new (const ShequDisclosureRow *row,
                                                ShequUnit                *owner);

struct _ShequDisclosurePage
{
  GtkWidget              parent_instance;

  ShequSession          *session;
  GSignalGroup          *session_signals;
  ShequDisclosureStore  *store;
  GSignalGroup          *store_signals;

  GListStore            *rows;          /* ShequDisclosureItem */
  GtkSingleSelection    *selection;
  gint64                 selected_id;   /* 0: none, or the new one */
  ShequDisclosureEditor *editor;        /* the one shown, in editors_stack, or NULL */
  gboolean               editing_new;   /* the editor is for one not made yet */
  guint                  rebuilding;
  gboolean               setting_filter;  /* the controls are being set to the filter */
  int                    filter_kind;
  int                    filter_state;
  char                  *search;
  ShequDisclosure       *shown;         /* the selected one as read from the store */
  GListStore            *overdue;       /* ShequUnit */
  gint64                 undo_id;       /* the draft whose last save can be undone */
  ShequDisclosureVersion *undo_content; /* what it said before */

  /* Template widgets */
  GtkStack              *view_stack;
  GtkWidget             *new_button;
  GtkSearchEntry        *search_entry;
  GtkDropDown           *kind_dropdown;
  GtkDropDown           *state_dropdown;
  GtkListView           *list_view;
  GtkWidget             *list_empty;
  GtkLabel              *count_label;
  GtkInfoBar            *error_bar;
  GtkLabel              *error_label;
  GtkStack              *editor_stack;
  GtkStack              *editors_stack;
  GtkLabel              *heading_label;
  GtkLabel              *state_chip;
  GtkLabel              *sync_label;
  GtkLabel              *edited_label;
  GtkWidget             *steps_box;
  GtkWidget             *save_button;
  GtkWidget             *submit_button;
  GtkWidget             *return_button;
  GtkWidget             *approve_button;
  GtkWidget             *publish_button;
  GtkWidget             *correct_button;
  GtkWidget             *withdraw_button;
  GtkWidget             *revert_button;
  GtkWidget             *undo_save_button;
  GtkWidget             *conflict_button;
  GtkWidget             *history_box;
  GtkListBox            *history_list;
  GtkEntry              *overdue_period_entry;
  GtkLabel              *overdue_summary;
  GtkListBox            *overdue_list;
};

/* shequ-disclosure-page.c */
void     _shequ_disclosure_page_show_error   (ShequDisclosurePage *self,
                                              const char          *primary,
                                              const GError        *error);
void     _shequ_disclosure_page_clear_error  (ShequDisclosurePage *self);
void     _shequ_disclosure_page_update_steps (ShequDisclosurePage *self);
/* Reads the selected disclosure again and shows it (edits kept when it has some). */
void     _shequ_disclosure_page_reload       (ShequDisclosurePage *self);
gboolean _shequ_disclosure_page_save         (ShequDisclosurePage *self);
GtkWindow *_shequ_disclosure_page_get_window (ShequDisclosurePage *self);
void     _shequ_disclosure_page_forget_undo  (ShequDisclosurePage *self);
void     _shequ_disclosure_page_emit_toast   (ShequDisclosurePage *self,
                                              const char          *text);

/* shequ-disclosure-page-list.c: the rows, their filter and factory */
void     _shequ_disclosure_page_list_init    (ShequDisclosurePage *self);
void     _shequ_disclosure_page_rebuild      (ShequDisclosurePage *self);
/* Marks the row of ID as having unsaved edits kept, or not. */
void     _shequ_disclosure_page_mark_edited  (ShequDisclosurePage *self,
                                              gint64               id,
                                              gboolean             edited);

/* shequ-disclosure-page-workflow.c: the steps and what they ask */
void     _shequ_disclosure_page_workflow_class_init (GtkWidgetClass *widget_class);

/* shequ-disclosure-page-history.c */
void     _shequ_disclosure_page_update_history (ShequDisclosurePage   *self,
                                                const ShequDisclosure *disclosure);

/* shequ-disclosure-page-overdue.c */
void     _shequ_disclosure_page_overdue_init (ShequDisclosurePage *self);
void     _shequ_disclosure_page_on_overdue_show (ShequDisclosurePage *self);

G_END_DECLS
