/* shequ-map-page.c — the window's map page: the map, its toolbar and the unit's details */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-map-page"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-app-util.h"
#include "shequ-eval-cells.h"
#include "shequ-eval-measure.h"
#include "shequ-map-page-private.h"
#include "shequ-map-store.h"
#include "shequ-unit-detail.h"

struct _ShequMapPage
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkStack       *stack;
  GtkWidget      *measure_label;
  GtkDropDown    *measure_dropdown;
  GtkDropDown    *level_dropdown;
  GtkWidget      *classing_box;
  GtkDropDown    *classes_dropdown;
  GtkDropDown    *method_dropdown;
  GtkDropDown    *palette_dropdown;
  GtkWidget      *places_box;
  GtkPaned       *paned;
  int             detail_width;
  gboolean        placing_paned;
  gboolean        paned_placed;
  ShequMapView   *view;
  ShequUnitDetail *detail;

  ShequSession   *session;
  ShequOrgStore  *store;             /* the session's */
  ShequMap       *map;
  ShequMapPageMapFunc map_func;      /* how the map is made from the store */
  GPtrArray      *measure_ids;       /* char *: the drop-down's, in its order */
  ShequEvalStore *eval_store;        /* the session's, for the band measure */
  GtkDropDown    *band_period_dropdown;
  GArray         *band_period_ids;   /* gint64: the drop-down's; 0 the newest with results */
  gboolean        filling_band_periods;
  gboolean        band_period_chosen;  /* by the user: kept; else the newest closed one */
  GtkCheckButton *place_buttons[SHEQU_N_PLACE_KINDS];
  /* While the bands colour the map: the place layers shown before (hidden then). */
  gboolean        band_chosen;
  gboolean        places_before_band[SHEQU_N_PLACE_KINDS];
};

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ShequMapPage, shequ_map_page, GTK_TYPE_WIDGET)

#define DEFAULT_CLASSES 5
#define DEFAULT_DEPTH 2
#define DETAIL_WIDTH 360

/* ------------------------------------------------------------------------ */
/* Colouring                                                                */

/* The names of the built-in measures while the measures cannot be made yet. */
static const char *
measure_fallback_label (const char *id)
{
  if (g_strcmp0 (id, "tier") == 0)
    return C_("map measure", "Tier");
  if (g_strcmp0 (id, "population") == 0)
    return C_("map measure", "Population");
  if (g_strcmp0 (id, "households") == 0)
    return C_("map measure", "Households");
  if (g_strcmp0 (id, "density") == 0)
    return C_("map measure", "Population density");
  if (g_strcmp0 (id, "compliance") == 0)
    return C_("map measure", "Compliance");
  if (g_strcmp0 (id, "band") == 0)
    return C_("map measure", "Evaluation band");
  return id;
}

static const char *
get_measure_id (ShequMapPage *self)
{
  guint position = gtk_drop_down_get_selected (self->measure_dropdown);

  if (position == GTK_INVALID_LIST_POSITION || position >= self->measure_ids->len)
    return "tier";
  return g_ptr_array_index (self->measure_ids, position);
}

/* The level chosen, or the deepest the map has if that is less. */
static guint
get_depth (ShequMapPage *self)
{
  guint position = gtk_drop_down_get_selected (self->level_dropdown);
  guint depth = position == GTK_INVALID_LIST_POSITION ? DEFAULT_DEPTH : position + 1;

  return MIN (depth, MAX (shequ_map_get_max_depth (self->map), 1));
}

static gint64
get_band_period (ShequMapPage *self)
{
  guint position = gtk_drop_down_get_selected (self->band_period_dropdown);

  if (position == GTK_INVALID_LIST_POSITION || position >= self->band_period_ids->len)
    return 0;
  return g_array_index (self->band_period_ids, gint64, position);
}

/* NULL for the tier colouring, or when the measure cannot be made (yet). */
static ShequMeasure *
make_measure (ShequMapPage *self)
{
  const char *id = get_measure_id (self);
  g_autoptr(GError) error = NULL;
  ShequMeasure *measure;

  if (g_str_equal (id, "tier"))
    return NULL;
  /* The evaluation's bands: the session's evaluation, the period chosen beside. */
  if (g_str_equal (id, "band"))
    return self->eval_store != NULL ? shequ_eval_measure_new_band (self->eval_store,
                                                                   get_band_period (self))
                                    : NULL;
  measure = shequ_measure_new_builtin (id, self->map, &error);
  if (measure == NULL)
    g_debug ("No measure “%s”: %s", id, error->message);
  return measure;
}

static void
update_colouring (ShequMapPage *self)
{
  g_autoptr(ShequMeasure) measure = NULL;
  ShequMapColouring *colouring = NULL;
  gboolean numeric;

  measure = self->map != NULL ? make_measure (self) : NULL;
  numeric = measure != NULL && shequ_measure_get_n_categories (measure) == 0;
  gtk_widget_set_visible (GTK_WIDGET (self->band_period_dropdown),
                          g_str_equal (get_measure_id (self), "band"));
  gtk_widget_set_visible (self->classing_box, numeric);
  gtk_widget_set_visible (GTK_WIDGET (self->level_dropdown), measure != NULL);
  if (measure != NULL && self->store != NULL)
    colouring = shequ_map_colouring_new (self->store, self->map, measure, get_depth (self),
                                         (ShequClassMethod) gtk_drop_down_get_selected (self->method_dropdown),
                                         SHEQU_CLASS_MIN + gtk_drop_down_get_selected (self->classes_dropdown),
                                         (ShequPalette) gtk_drop_down_get_selected (self->palette_dropdown));
  /* Without a colouring (none made, or the measure has none) the tiers' colours. */
  shequ_map_view_set_colouring (self->view, colouring);
  g_clear_pointer (&colouring, shequ_map_colouring_unref);
}

static void
fill_dropdowns (ShequMapPage *self)
{
  const char *const *ids = shequ_measure_list_builtin ();
  g_autoptr(GtkStringList) measures = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) classes = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) methods = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) palettes = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) levels = gtk_string_list_new (NULL);
  /* By depth below the street: a measure colours the units of one level. */
  const char *level_labels[] = {
    NULL, C_("map level", "Areas"), C_("map level", "Communities and villages"),
    C_("map level", "Grids"),
  };
  const char *palette_labels[SHEQU_N_PALETTES] = {
    C_("palette", "Blues"), C_("palette", "Greens"), C_("palette", "Oranges"),
    C_("palette", "Reds"), C_("palette", "Purples"), C_("palette", "Yellow–orange–red"),
    C_("palette", "Yellow–green–blue"),
  };

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      g_autoptr(ShequMeasure) measure = shequ_measure_new_builtin (ids[i], NULL, NULL);

      g_ptr_array_add (self->measure_ids, g_strdup (ids[i]));
      gtk_string_list_append (measures, measure != NULL ? shequ_measure_get_name (measure)
                                                        : measure_fallback_label (ids[i]));
    }
  /* The evaluation's bands, made from the session's evaluation store. */
  g_ptr_array_add (self->measure_ids, g_strdup ("band"));
  gtk_string_list_append (measures, measure_fallback_label ("band"));
  if (self->measure_ids->len == 0)
    {
      g_ptr_array_add (self->measure_ids, g_strdup ("tier"));
      gtk_string_list_append (measures, measure_fallback_label ("tier"));
    }
  for (guint n = SHEQU_CLASS_MIN; n <= SHEQU_CLASS_MAX; n++)
    {
      /* Translators: in the map's toolbar, how many classes a measure is split into */
      g_autofree char *label = g_strdup_printf (ngettext ("%u class", "%u classes", n), n);

      gtk_string_list_append (classes, label);
    }
  for (ShequClassMethod m = SHEQU_CLASS_EQUAL; m <= SHEQU_CLASS_JENKS; m++)
    gtk_string_list_append (methods, shequ_class_method_get_label (m));
  for (guint p = 0; p < SHEQU_N_PALETTES; p++)
    gtk_string_list_append (palettes, palette_labels[p]);
  for (guint depth = 1; depth < G_N_ELEMENTS (level_labels); depth++)
    gtk_string_list_append (levels, level_labels[depth]);

  gtk_drop_down_set_model (self->measure_dropdown, G_LIST_MODEL (measures));
  gtk_drop_down_set_model (self->classes_dropdown, G_LIST_MODEL (classes));
  gtk_drop_down_set_model (self->method_dropdown, G_LIST_MODEL (methods));
  gtk_drop_down_set_model (self->palette_dropdown, G_LIST_MODEL (palettes));
  gtk_drop_down_set_model (self->level_dropdown, G_LIST_MODEL (levels));
  gtk_drop_down_set_selected (self->measure_dropdown, 0);
  gtk_drop_down_set_selected (self->classes_dropdown, DEFAULT_CLASSES - SHEQU_CLASS_MIN);
  gtk_drop_down_set_selected (self->method_dropdown, SHEQU_CLASS_QUANTILE);
  gtk_drop_down_set_selected (self->palette_dropdown, SHEQU_PALETTE_BLUES);
  /* Communities and villages tile the whole street; grids only the communities. */
  gtk_drop_down_set_selected (self->level_dropdown, DEFAULT_DEPTH - 1);
}

static void
on_place_toggled (GtkCheckButton *button,
                  ShequMapPage   *self)
{
  ShequMapRenderer *renderer = shequ_map_view_get_renderer (self->view);

  for (guint kind = 0; kind < SHEQU_N_PLACE_KINDS; kind++)
    if (self->place_buttons[kind] == button)
      shequ_map_renderer_set_place_visible (renderer, kind, gtk_check_button_get_active (button));
  gtk_widget_queue_draw (GTK_WIDGET (self->view));
}

static void
fill_place_toggles (ShequMapPage *self)
{
  ShequMapRenderer *renderer = shequ_map_view_get_renderer (self->view);

  for (guint kind = 0; kind < SHEQU_N_PLACE_KINDS; kind++)
    {
      GtkWidget *button = gtk_check_button_new_with_label (shequ_place_kind_get_label (kind));

      gtk_check_button_set_active (GTK_CHECK_BUTTON (button),
                                   shequ_map_renderer_get_place_visible (renderer, kind));
      g_signal_connect (button, "toggled", G_CALLBACK (on_place_toggled), self);
      gtk_box_append (GTK_BOX (self->places_box), button);
      self->place_buttons[kind] = GTK_CHECK_BUTTON (button);
    }
}

/* The bands' orange and the canteens' squares would read as one colouring: choosing the
 * band measure hides the place layers (the user may show them again), choosing another
 * measure shows those that were shown before. */
static void
on_measure_chosen (ShequMapPage *self)
{
  gboolean band = g_str_equal (get_measure_id (self), "band");

  if (band == self->band_chosen)
    return;
  self->band_chosen = band;
  for (guint kind = 0; kind < SHEQU_N_PLACE_KINDS; kind++)
    {
      GtkCheckButton *button = self->place_buttons[kind];

      if (button == NULL)
        continue;
      if (band)
        self->places_before_band[kind] = gtk_check_button_get_active (button);
      gtk_check_button_set_active (button, band ? FALSE : self->places_before_band[kind]);
    }
}

/* ------------------------------------------------------------------------ */
/* The evaluation's bands                                                   */

/* "Newest period", then the community periods newest first; the one the user chose
 * stays, else the newest closed one is shown. */
static void
fill_band_periods (ShequMapPage *self)
{
  gint64 current = self->band_period_chosen || self->eval_store == NULL
                   ? get_band_period (self)
                   : shequ_eval_get_newest_closed_period (self->eval_store,
                                                          SHEQU_EVAL_KIND_COMMUNITY);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GPtrArray *periods = self->eval_store != NULL ? shequ_eval_store_get_periods (self->eval_store)
                                                : NULL;
  gint64 latest = 0;
  guint chosen = 0;

  g_array_set_size (self->band_period_ids, 0);
  g_array_append_val (self->band_period_ids, latest);
  gtk_string_list_append (labels, C_("map band period", "Newest period"));
  for (guint i = periods != NULL ? periods->len : 0; i-- > 0;)
    {
      const ShequPeriodRow *period = g_ptr_array_index (periods, i);

      if (shequ_eval_period_get_kind (self->eval_store, period->id) != SHEQU_EVAL_KIND_COMMUNITY)
        continue;
      if (period->id == current)
        chosen = self->band_period_ids->len;
      g_array_append_val (self->band_period_ids, period->id);
      gtk_string_list_append (labels, period->label);
    }
  self->filling_band_periods = TRUE;
  gtk_drop_down_set_model (self->band_period_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->band_period_dropdown, chosen);
  self->filling_band_periods = FALSE;
}

static void
on_band_period_selected (ShequMapPage *self)
{
  if (self->filling_band_periods)
    return;
  self->band_period_chosen = TRUE;
  update_colouring (self);
}

/* New scores, a period closed: the band map shows them. */
static void
on_eval_changed (ShequMapPage *self)
{
  fill_band_periods (self);
  if (g_str_equal (get_measure_id (self), "band"))
    update_colouring (self);
}

static void
on_eval_store_notify (ShequMapPage *self)
{
  ShequEvalStore *eval_store = self->session != NULL ? shequ_session_get_eval_store (self->session)
                                                     : NULL;

  if (self->eval_store == eval_store)
    return;
  if (self->eval_store != NULL)
    g_signal_handlers_disconnect_by_data (self->eval_store, self);
  g_set_object (&self->eval_store, eval_store);
  self->band_period_chosen = FALSE;
  if (eval_store != NULL)
    g_signal_connect_object (eval_store, "changed", G_CALLBACK (on_eval_changed), self,
                             G_CONNECT_SWAPPED);
  on_eval_changed (self);
}

static void
build_band_period_dropdown (ShequMapPage *self)
{
  GtkWidget *toolbar = gtk_widget_get_parent (GTK_WIDGET (self->level_dropdown));

  self->band_period_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->band_period_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->band_period_dropdown),
                               _("Which Period’s Bands Are Shown"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->band_period_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Which Period’s Bands Are Shown"), -1);
  gtk_box_insert_child_after (GTK_BOX (toolbar), GTK_WIDGET (self->band_period_dropdown),
                              GTK_WIDGET (self->measure_dropdown));
  gtk_widget_set_visible (GTK_WIDGET (self->band_period_dropdown), FALSE);
  fill_band_periods (self);
  g_signal_connect_object (self->band_period_dropdown, "notify::selected",
                           G_CALLBACK (on_band_period_selected), self, G_CONNECT_SWAPPED);
}

/* ------------------------------------------------------------------------ */
/* The map                                                                  */

static void
show_map (ShequMapPage *self,
          ShequMap     *map)
{
  g_set_object (&self->map, map);
  /* The view keeps its viewport: an edit does not move what the user looks at. */
  shequ_map_view_set_map (self->view, map);
  gtk_stack_set_visible_child_name (self->stack,
                                    map != NULL && shequ_map_get_n_items (map) > 0 ? "map" : "empty");
  update_colouring (self);
}

static void
rebuild_map (ShequMapPage *self)
{
  g_autoptr(ShequMap) map = NULL;

  if (self->store != NULL)
    map = self->map_func (self->store);
  show_map (self, map);
}

static void
on_store_applied (ShequMapPage   *self,
                  ShequOrgChange *change)
{
  if (shequ_map_change_affects_map (change))
    rebuild_map (self);
  else
    /* The figures a colouring shows may have changed. */
    update_colouring (self);
}

/* The detail pane keeps its width — DETAIL_WIDTH until the user drags the handle —
 * whatever unit it shows and however wide the window: a map that changed size with every
 * selection would be drawn again, and jump. */
static void
on_paned_max_position (ShequMapPage *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->paned));

  if (width <= 2 * self->detail_width)
    return;
  self->placing_paned = TRUE;
  gtk_paned_set_position (self->paned, width - self->detail_width);
  self->placing_paned = FALSE;
  self->paned_placed = TRUE;
}

static void
on_paned_position (ShequMapPage *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->paned));
  int position = gtk_paned_get_position (self->paned);

  /* Before it is first placed the paned moves by itself, from its children's sizes. */
  if (self->placing_paned || !self->paned_placed)
    return;
  if (position > 0 && position < width)
    self->detail_width = width - position;
}

/* ------------------------------------------------------------------------ */
/* Actions: the toolbar's buttons reach the view's own                      */

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ShequMapPage *self = SHEQU_MAP_PAGE (widget);

  gtk_widget_activate_action (GTK_WIDGET (self->view), action_name, NULL);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */

static void
shequ_map_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ShequMapPage *self = SHEQU_MAP_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION: g_value_set_object (value, self->session); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_map_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ShequMapPage *self = SHEQU_MAP_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION: shequ_map_page_set_session (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_map_page_dispose (GObject *object)
{
  ShequMapPage *self = SHEQU_MAP_PAGE (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->eval_store != NULL)
    g_signal_handlers_disconnect_by_data (self->eval_store, self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->store);
  g_clear_object (&self->eval_store);
  g_clear_object (&self->session);
  g_clear_object (&self->map);
  g_clear_pointer (&self->measure_ids, g_ptr_array_unref);
  g_clear_pointer (&self->band_period_ids, g_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), SHEQU_TYPE_MAP_PAGE);

  G_OBJECT_CLASS (shequ_map_page_parent_class)->dispose (object);
}

static void
shequ_map_page_class_init (ShequMapPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = shequ_map_page_get_property;
  object_class->set_property = shequ_map_page_set_property;
  object_class->dispose = shequ_map_page_dispose;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, SHEQU_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SHEQU_TYPE_MAP_VIEW);
  g_type_ensure (SHEQU_TYPE_UNIT_DETAIL);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/shequ/Shequ/ui/shequ-map-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ShequMapPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ShequMapPage, measure_label);
  gtk_widget_class_bind_template_child (widget_class, ShequMapPage, measure_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ShequMapPage, level_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ShequMapPage, classing_box);
  gtk_widget_class_bind_template_child (widget_class, ShequMapPage, classes_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ShequMapPage, method_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ShequMapPage, palette_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ShequMapPage, places_box);
  gtk_widget_class_bind_template_child (widget_class, ShequMapPage, view);
  gtk_widget_class_bind_template_child (widget_class, ShequMapPage, paned);
  gtk_widget_class_bind_template_child (widget_class, ShequMapPage, detail);
  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-all", NULL, zoom_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "shequ-map-page");
}

static void
shequ_map_page_init (ShequMapPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->map_func = shequ_map_new_for_store;
  self->measure_ids = g_ptr_array_new_with_free_func (g_free);
  build_band_period_dropdown (self);
  fill_dropdowns (self);
  fill_place_toggles (self);
  gtk_widget_set_visible (self->classing_box, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->level_dropdown), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  self->detail_width = DETAIL_WIDTH;
  g_signal_connect_object (self->paned, "notify::max-position",
                           G_CALLBACK (on_paned_max_position), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->paned, "notify::position",
                           G_CALLBACK (on_paned_position), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->measure_dropdown, "notify::selected",
                           G_CALLBACK (update_colouring), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->measure_dropdown, "notify::selected",
                           G_CALLBACK (on_measure_chosen), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->level_dropdown, "notify::selected",
                           G_CALLBACK (update_colouring), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->classes_dropdown, "notify::selected",
                           G_CALLBACK (update_colouring), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->method_dropdown, "notify::selected",
                           G_CALLBACK (update_colouring), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->palette_dropdown, "notify::selected",
                           G_CALLBACK (update_colouring), self, G_CONNECT_SWAPPED);
  shequ_accessible_clean_mnemonics (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */

GtkWidget *
shequ_map_page_new (void)
{
  return g_object_new (SHEQU_TYPE_MAP_PAGE, NULL);
}

ShequSession *
shequ_map_page_get_session (ShequMapPage *self)
{
  g_return_val_if_fail (SHEQU_IS_MAP_PAGE (self), NULL);
  return self->session;
}

void
shequ_map_page_set_session (ShequMapPage *self,
                            ShequSession *session)
{
  g_return_if_fail (SHEQU_IS_MAP_PAGE (self));
  g_return_if_fail (session == NULL || SHEQU_IS_SESSION (session));

  if (self->session == session)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  g_clear_object (&self->store);
  if (session != NULL)
    {
      self->store = g_object_ref (shequ_session_get_store (session));
      g_signal_connect_object (session, "notify::eval-store", G_CALLBACK (on_eval_store_notify),
                               self, G_CONNECT_SWAPPED);
    }
  on_eval_store_notify (self);
  if (self->store != NULL)
    g_signal_connect_object (self->store, "applied", G_CALLBACK (on_store_applied), self,
                             G_CONNECT_SWAPPED);
  /* Another store is another street: its map is fitted whole when first shown. */
  shequ_map_view_set_map (self->view, NULL);
  shequ_map_view_set_session (self->view, session);
  shequ_unit_detail_set_session (self->detail, session);
  rebuild_map (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

ShequMapView *
shequ_map_page_get_view (ShequMapPage *self)
{
  g_return_val_if_fail (SHEQU_IS_MAP_PAGE (self), NULL);
  return self->view;
}

void
shequ_map_page_set_map_func (ShequMapPage        *self,
                             ShequMapPageMapFunc  func)
{
  g_return_if_fail (SHEQU_IS_MAP_PAGE (self));

  self->map_func = func != NULL ? func : shequ_map_new_for_store;
  rebuild_map (self);
}

const char *
shequ_map_page_get_state (ShequMapPage *self)
{
  g_return_val_if_fail (SHEQU_IS_MAP_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

ShequUnitDetail *
shequ_map_page_get_detail (ShequMapPage *self)
{
  g_return_val_if_fail (SHEQU_IS_MAP_PAGE (self), NULL);
  return self->detail;
}

void
shequ_map_page_set_measure (ShequMapPage *self,
                            const char   *id)
{
  g_return_if_fail (SHEQU_IS_MAP_PAGE (self));

  for (guint i = 0; i < self->measure_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->measure_ids, i), id) == 0)
      gtk_drop_down_set_selected (self->measure_dropdown, i);
}

gboolean
shequ_map_page_get_classing_visible (ShequMapPage *self)
{
  g_return_val_if_fail (SHEQU_IS_MAP_PAGE (self), FALSE);
  return gtk_widget_get_visible (self->classing_box);
}
