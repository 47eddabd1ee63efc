/* shequ-unit-detail-private.h — the detail pane's fields, what its files share, and what the tests reach */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-unit-detail.h"

G_BEGIN_DECLS

typedef enum {
  FIELD_NAME,
  FIELD_CODE,
  FIELD_PARTY_BODY,
  FIELD_SERVICE_BODY,
  FIELD_NOTE,
  FIELD_POPULATION,
  FIELD_HOUSEHOLDS,
  N_FIELDS
} Field;

struct _ShequUnitDetail
{
  GtkWidget      parent_instance;

  ShequOrgStore *store;
  ShequUnit     *unit;
  gulong         unit_notify_id;
  gboolean       updating;

  /* template */
  GtkStack      *stack;
  GtkImage      *tier_icon;
  GtkLabel      *title_label;
  GtkLabel      *subtitle_label;
  GtkEntry      *name_entry;
  GtkEntry      *code_entry;
  GtkButton     *change_code_button;
  GtkLabel      *code_warning;
  GtkEntry      *party_body_entry;
  GtkEntry      *service_body_entry;
  GtkEntry      *note_entry;
  GtkLabel      *fields_message;
  GtkEntry      *population_entry;
  GtkLabel      *population_total;
  GtkEntry      *households_entry;
  GtkLabel      *households_total;
  GtkLabel      *figures_message;
  GtkLabel      *grids_caption;
  GtkLabel      *grids_label;
  GtkLabel      *roles_label;
  GtkLabel      *compliance_caption;
  GtkLabel      *compliance_label;
  GtkListBox    *people_list;
  GtkButton     *add_person_button;
  GtkButton     *edit_person_button;
  GtkButton     *remove_person_button;
  GtkLabel      *people_message;
  GtkWidget     *people_placeholder;
  GListModel    *people_model;

  GtkEntry      *entries[N_FIELDS];

  ShequSession  *session;
  GSignalGroup  *session_signals;
};

/* shequ-unit-detail-people.c */
void _shequ_unit_detail_class_people_init (GtkWidgetClass  *widget_class);
void _shequ_unit_detail_people_init       (ShequUnitDetail *self);
void _shequ_unit_detail_bind_people       (ShequUnitDetail *self);

/* for the tests */

/* The population entry and the message shown under the figures (NULL when none). */
GtkWidget  *shequ_unit_detail_get_population_entry (ShequUnitDetail *self);
const char *shequ_unit_detail_get_figures_message  (ShequUnitDetail *self);
/* The people list (a GtkListBox bound to the unit's posts). */
GtkWidget  *shequ_unit_detail_get_people_list      (ShequUnitDetail *self);

G_END_DECLS
