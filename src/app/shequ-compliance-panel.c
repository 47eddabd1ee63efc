/* shequ-compliance-panel.c — units that break a rule, with the reason; jumps to the unit */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-compliance-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-app-util.h"
#include "shequ-compliance-panel-private.h"
#include "shequ-session.h"

typedef enum {
  COLUMN_UNIT,
  COLUMN_AREA,
  COLUMN_POPULATION,
  COLUMN_REASON,
  N_COLUMNS
} Column;

struct _ShequCompliancePanel
{
  GtkWidget           parent_instance;

  ShequSession       *session;
  GSignalGroup       *session_signals;
  ShequOrgStore      *store;             /* the session's */
  GListModel         *violations;
  GtkSortListModel   *sort_model;
  GtkSingleSelection *selection;

  /* template */
  GtkLabel           *summary_label;
  GtkStack           *stack;
  GtkColumnView      *column_view;
};

enum {
  PROP_0,
  PROP_SESSION,
  PROP_STORE,
  N_PROPS
};

enum {
  UNIT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ShequCompliancePanel, shequ_compliance_panel, GTK_TYPE_WIDGET)

static ShequUnit *
find_area (ShequUnit *unit)
{
  g_assert (SHEQU_IS_UNIT (unit));

  for (ShequUnit *u = shequ_unit_get_parent (unit); u != NULL; u = shequ_unit_get_parent (u))
    if (shequ_unit_get_tier (u) == SHEQU_TIER_AREA)
      return u;
  return NULL;
}

static void
update_summary (ShequCompliancePanel *self)
{
  guint n = self->violations ? g_list_model_get_n_items (self->violations) : 0;
  g_autofree char *text = NULL;

  g_assert (SHEQU_IS_COMPLIANCE_PANEL (self));

  if (self->store == NULL)
    text = g_strdup ("");
  else if (n == 0)
    text = g_strdup (_("All villages and communities comply"));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unit breaks a rule",
                                         "%u units break a rule", n), n);
  gtk_label_set_text (self->summary_label, text);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

/* ------------------------------------------------------------------ cells */

static gboolean
transform_count (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  GValue as_int64 = G_VALUE_INIT;

  g_value_init (&as_int64, G_TYPE_INT64);
  g_value_transform (from, &as_int64);
  g_value_take_string (to, shequ_format_count (g_value_get_int64 (&as_int64)));
  return TRUE;
}

static gboolean
on_reason_query_tooltip (GtkWidget  *widget,
                         int         x,
                         int         y,
                         gboolean    keyboard,
                         GtkTooltip *tooltip)
{
  const char *text = gtk_label_get_text (GTK_LABEL (widget));

  if (text == NULL || *text == '\0')
    return FALSE;
  shequ_tooltip_set_line (tooltip, text);
  return TRUE;
}

/* The row widget is GTK's own (GtkListItemWidget): without a label every row is
 * announced by that type name. It says the unit's name, tier and level, and why. */
static void
update_row_accessible (GtkWidget *cell,
                       ShequUnit *unit)
{
  GtkWidget *row = shequ_cell_get_row_widget (cell);
  g_autofree char *label = NULL;
  guint level = 0;

  for (ShequUnit *u = unit; u != NULL; u = shequ_unit_get_parent (u))
    level++;
  /* Translators: how a screen reader announces a row of the organisation tree:
   * unit name, tier, level in the tree ("平邑街道, Street, level 1") */
  label = g_strdup_printf (_("%s, %s, level %u"), shequ_unit_get_name (unit),
                           shequ_tier_get_label (shequ_unit_get_tier (unit)), level);
  if (row == NULL)
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_LEVEL, (int) level,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  shequ_unit_get_compliance_text (unit) != NULL
                                  ? shequ_unit_get_compliance_text (unit) : "",
                                  -1);
}

static void
on_unit_cell_map (GtkWidget *cell)
{
  ShequUnit *unit = g_object_get_data (G_OBJECT (cell), "shequ-unit");

  if (unit != NULL)
    update_row_accessible (cell, unit);
}

static int
compare_area (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  ShequUnit *area_a = find_area ((ShequUnit *) a);
  ShequUnit *area_b = find_area ((ShequUnit *) b);
  int result = g_utf8_collate (area_a ? shequ_unit_get_name (area_a) : "",
                               area_b ? shequ_unit_get_name (area_b) : "");

  return result < 0 ? GTK_ORDERING_SMALLER : result > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static void
on_setup (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "shequ-column"));
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), column == COLUMN_POPULATION ? 1 : 0);
  if (column == COLUMN_POPULATION)
    gtk_widget_add_css_class (label, "numeric");
  else if (column == COLUMN_REASON)
    {
      gtk_widget_add_css_class (label, "error");
      /* The whole reason when the column is too narrow for it. */
      gtk_widget_set_has_tooltip (label, TRUE);
      g_signal_connect (label, "query-tooltip", G_CALLBACK (on_reason_query_tooltip), NULL);
    }
  else if (column == COLUMN_AREA)
    gtk_widget_add_css_class (label, "dim-label");
  /* A new row is bound before it is put in the list: its label goes on when shown. */
  if (column == COLUMN_UNIT)
    g_signal_connect (label, "map", G_CALLBACK (on_unit_cell_map), NULL);
  gtk_list_item_set_child (list_item, label);
}

static void
on_bind (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "shequ-column"));
  ShequUnit *unit = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  GBinding *binding = NULL;

  switch (column)
    {
    case COLUMN_UNIT:
      binding = g_object_bind_property (unit, "name", label, "label", G_BINDING_SYNC_CREATE);
      update_row_accessible (label, unit);
      break;
    case COLUMN_AREA:
      {
        ShequUnit *area = find_area (unit);

        gtk_label_set_text (GTK_LABEL (label), area ? shequ_unit_get_name (area) : "");
      }
      break;
    case COLUMN_POPULATION:
      binding = g_object_bind_property_full (unit, "total-population", label, "label",
                                             G_BINDING_SYNC_CREATE, transform_count,
                                             NULL, NULL, NULL);
      break;
    case COLUMN_REASON:
      binding = g_object_bind_property (unit, "compliance-text", label, "label",
                                        G_BINDING_SYNC_CREATE);
      break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }

  g_object_set_data (G_OBJECT (list_item), "shequ-binding", binding);
  g_object_set_data (G_OBJECT (label), "shequ-unit", unit);
}

static void
on_unbind (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  GBinding *binding = g_object_steal_data (G_OBJECT (list_item), "shequ-binding");

  if (binding != NULL)
    g_binding_unbind (binding);
  g_object_set_data (G_OBJECT (gtk_list_item_get_child (list_item)), "shequ-unit", NULL);
}

static void
add_columns (ShequCompliancePanel *self)
{
  static const struct {
    const char *title;
    const char *property;
    gboolean    numeric;
    int         width;
  } info[N_COLUMNS] = {
    [COLUMN_UNIT]       = { NC_("column", "Unit"),       "name",             FALSE, 200 },
    [COLUMN_AREA]       = { NC_("column", "Area"),       NULL,               FALSE, 140 },
    [COLUMN_POPULATION] = { NC_("column", "Population"), "total-population", TRUE,  110 },
    [COLUMN_REASON]     = { NC_("column", "Reason"),     "compliance-text",  FALSE, 260 },
  };

  g_assert (SHEQU_IS_COMPLIANCE_PANEL (self));

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;
      g_autoptr(GtkSorter) sorter = NULL;

      g_object_set_data (G_OBJECT (factory), "shequ-column", GINT_TO_POINTER (i));
      g_signal_connect (factory, "setup", G_CALLBACK (on_setup), self);
      g_signal_connect (factory, "bind", G_CALLBACK (on_bind), self);
      g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind), self);

      column = gtk_column_view_column_new (g_dpgettext2 (GETTEXT_PACKAGE, "column", info[i].title),
                                          factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, info[i].width);
      if (i == COLUMN_REASON)
        gtk_column_view_column_set_expand (column, TRUE);
      if (info[i].numeric)
        sorter = shequ_numeric_sorter_new (SHEQU_TYPE_UNIT, info[i].property);
      else if (info[i].property != NULL)
        sorter = shequ_collate_sorter_new (info[i].property);
      else
        sorter = GTK_SORTER (gtk_custom_sorter_new (compare_area, NULL, NULL));
      if (sorter != NULL)
        gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (column);
    }
}

/* ------------------------------------------------------------------ behaviour */

/* The session's unit is selected here too when it breaks a rule. Only an
 * activation selects from here: the list's own selection also moves when a unit
 * comes to comply and leaves it, which is no choice of the user's. */
static void
follow_session (ShequCompliancePanel *self)
{
  ShequUnit *unit = self->session != NULL ? shequ_session_get_selected_unit (self->session) : NULL;
  guint position = GTK_INVALID_LIST_POSITION;

  g_assert (SHEQU_IS_COMPLIANCE_PANEL (self));

  if (self->selection == NULL)
    return;
  if (unit != NULL)
    {
      GListModel *model = G_LIST_MODEL (self->selection);

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(ShequUnit) item = g_list_model_get_item (model, i);

          if (item == unit)
            {
              position = i;
              break;
            }
        }
    }
  gtk_single_selection_set_selected (self->selection, position);
}

/* The user chose a unit: it becomes the session's (the tree, the detail pane and
 * every other view follow), then the window is told, to show the tree. */
static void
on_column_view_activate (ShequCompliancePanel *self,
                         guint                 position)
{
  g_autoptr(ShequUnit) unit = NULL;

  g_assert (SHEQU_IS_COMPLIANCE_PANEL (self));

  if (self->selection == NULL)
    return;
  unit = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (unit == NULL)
    return;
  shequ_session_set_selected_unit (self->session, unit);
  g_signal_emit (self, signals[UNIT_ACTIVATED], 0, unit);
}

ShequOrgStore *
shequ_compliance_panel_get_store (ShequCompliancePanel *self)
{
  g_return_val_if_fail (SHEQU_IS_COMPLIANCE_PANEL (self), NULL);
  return self->store;
}

ShequSession *
shequ_compliance_panel_get_session (ShequCompliancePanel *self)
{
  g_return_val_if_fail (SHEQU_IS_COMPLIANCE_PANEL (self), NULL);
  return self->session;
}

void
shequ_compliance_panel_set_session (ShequCompliancePanel *self,
                                    ShequSession         *session)
{
  ShequOrgStore *store = session != NULL ? shequ_session_get_store (session) : NULL;

  g_return_if_fail (SHEQU_IS_COMPLIANCE_PANEL (self));
  g_return_if_fail (session == NULL || SHEQU_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->violations != NULL)
    g_signal_handlers_disconnect_by_data (self->violations, self);
  gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->violations);
  g_set_object (&self->session, session);
  g_set_object (&self->store, store);
  g_signal_group_set_target (self->session_signals, session);

  if (store != NULL)
    {
      GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);

      self->violations = g_object_ref (shequ_org_store_get_violations (store));
      self->sort_model = gtk_sort_list_model_new (g_object_ref (self->violations),
                                                  g_object_ref (sorter));
      self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
      gtk_single_selection_set_autoselect (self->selection, FALSE);
      gtk_single_selection_set_can_unselect (self->selection, TRUE);
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      /* The panel usually starts hidden: the list is given to the view when it is
       * first shown, which keeps a large street's start-up quick. */
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
      g_signal_connect_object (self->violations, "items-changed",
                               G_CALLBACK (update_summary), self, G_CONNECT_SWAPPED);
    }

  update_summary (self);
  follow_session (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
shequ_compliance_panel_map (GtkWidget *widget)
{
  ShequCompliancePanel *self = SHEQU_COMPLIANCE_PANEL (widget);

  if (self->selection != NULL &&
      gtk_column_view_get_model (self->column_view) != GTK_SELECTION_MODEL (self->selection))
    gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  GTK_WIDGET_CLASS (shequ_compliance_panel_parent_class)->map (widget);
}

/* ------------------------------------------------------------------ GObject */

static void
shequ_compliance_panel_dispose (GObject *object)
{
  ShequCompliancePanel *self = SHEQU_COMPLIANCE_PANEL (object);

  if (self->violations != NULL)
    g_signal_handlers_disconnect_by_data (self->violations, self);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHEQU_TYPE_COMPLIANCE_PANEL);
  /* Template children without an id are not cleared by the call above. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->violations);
  g_clear_object (&self->store);
  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (shequ_compliance_panel_parent_class)->dispose (object);
}

static void
shequ_compliance_panel_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  ShequCompliancePanel *self = SHEQU_COMPLIANCE_PANEL (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_compliance_panel_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  ShequCompliancePanel *self = SHEQU_COMPLIANCE_PANEL (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      shequ_compliance_panel_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_compliance_panel_class_init (ShequCompliancePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shequ_compliance_panel_dispose;
  object_class->get_property = shequ_compliance_panel_get_property;
  object_class->set_property = shequ_compliance_panel_set_property;
  widget_class->map = shequ_compliance_panel_map;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, SHEQU_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SHEQU_TYPE_ORG_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[UNIT_ACTIVATED] =
    g_signal_new ("unit-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, SHEQU_TYPE_UNIT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/shequ/Shequ/ui/shequ-compliance-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, ShequCompliancePanel, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ShequCompliancePanel, stack);
  gtk_widget_class_bind_template_child (widget_class, ShequCompliancePanel, column_view);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate);

  gtk_widget_class_set_css_name (widget_class, "shequ-compliance-panel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
shequ_compliance_panel_init (ShequCompliancePanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  shequ_accessible_clean_mnemonics (GTK_WIDGET (self));
  self->session_signals = g_signal_group_new (SHEQU_TYPE_SESSION);
  g_signal_group_connect_object (self->session_signals, "notify::selected-unit",
                                 G_CALLBACK (follow_session), self, G_CONNECT_SWAPPED);
  /* The column headings are a row of GTK's own too (GtkListItemWidget). */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      /* The list inside, focusable when it has no rows: named as the view is. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Units that break a rule"), -1);
    else if (!GTK_IS_SCROLLBAR (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Column headings"), -1);
  add_columns (self);
  update_summary (self);
}

GtkColumnView *
shequ_compliance_panel_get_column_view (ShequCompliancePanel *self)
{
  g_return_val_if_fail (SHEQU_IS_COMPLIANCE_PANEL (self), NULL);
  return self->column_view;
}
