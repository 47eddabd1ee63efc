/* shequ-eval-page.c — the window's evaluation page: scoring, ranking, flags, a target */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-eval-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-app-util.h"
#include "shequ-eval-dialogs.h"
#include "shequ-eval-page.h"
#include "shequ-scoring-page.h"

struct _ShequEvalPage
{
  GtkWidget            parent_instance;

  ShequEvalStore      *store;

  /* Template widgets */
  GtkStack            *stack;
  GtkStackPage        *target_stack_page;
  GtkWidget           *sheet_slot;
  GtkWidget           *sets_button;
  GtkWidget           *switcher;
  ShequEvalRanking    *ranking;
  ShequEvalFlags      *flags;
  ShequEvalTargetPage *target_page;
  GtkWidget           *scoring_page;   /* in sheet_slot, or NULL */
};

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ShequEvalPage, shequ_eval_page, GTK_TYPE_WIDGET)

static void
update_actions (ShequEvalPage *self)
{
  gboolean has_store = self->store != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "eval.edit-set", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "eval.open-period", has_store);
  gtk_widget_set_sensitive (self->sets_button, has_store);
}

static void
on_target_activated (ShequEvalPage *self,
                     gint64         target_id,
                     gint64         period_id)
{
  shequ_eval_page_show_target (self, target_id, period_id);
}

/* ------------------------------------------------------------------ actions */

static GtkWindow *
get_parent_window (ShequEvalPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  ShequEvalPage *self = SHEQU_EVAL_PAGE (widget);

  /* "eval.show-ranking" → "ranking" */
  shequ_eval_page_set_view (self, action_name + strlen ("eval.show-"));
}

static void
show_target_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  gint64 target_id, period_id;

  g_variant_get (param, "(xx)", &target_id, &period_id);
  shequ_eval_page_show_target (SHEQU_EVAL_PAGE (widget), target_id, period_id);
}

/* The newest version of the set of KIND, or 0 for a new one. */
static gint64
find_set (ShequEvalStore *store,
          ShequEvalKind   kind)
{
  GPtrArray *sets = shequ_eval_store_get_sets (store);

  for (guint i = 0; sets != NULL && i < sets->len; i++)
    {
      const ShequEvalSetDef *def = g_ptr_array_index (sets, i);

      if (def->set->kind == kind)
        return def->set->id;
    }
  return 0;
}

static void
edit_set_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  ShequEvalPage *self = SHEQU_EVAL_PAGE (widget);
  int kind = g_variant_get_int32 (param);

  if (self->store == NULL || kind < 0 || kind >= SHEQU_EVAL_N_KINDS)
    return;
  shequ_eval_set_dialog_present (get_parent_window (self), self->store,
                                 find_set (self->store, kind), kind);
}

static void
open_period_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  ShequEvalPage *self = SHEQU_EVAL_PAGE (widget);

  if (self->store != NULL)
    shequ_period_dialog_present (get_parent_window (self), self->store);
}

/* ------------------------------------------------------------------ scoring */

static void
build_scoring_page (ShequEvalPage *self)
{
  self->scoring_page = shequ_scoring_page_new ();
  gtk_widget_set_vexpand (self->scoring_page, TRUE);
  gtk_box_append (GTK_BOX (self->sheet_slot), self->scoring_page);
}

/* Each view's button as wide as its title, shortened in a narrow window: the page
 * fits 700 pixels with the toolbar's buttons beside it, as the window does. */
static void
fit_switcher (ShequEvalPage *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (self->switcher);

  if (GTK_IS_BOX_LAYOUT (layout))
    gtk_box_layout_set_homogeneous (GTK_BOX_LAYOUT (layout), FALSE);
  gtk_widget_add_css_class (self->switcher, "shequ-view-switcher");
  for (GtkWidget *button = gtk_widget_get_first_child (self->switcher); button != NULL;
       button = gtk_widget_get_next_sibling (button))
    {
      GtkWidget *label = shequ_widget_find_descendant (button, GTK_TYPE_LABEL);

      if (label != NULL)
        gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    }
}

/* ------------------------------------------------------------------ GObject */

static void
shequ_eval_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ShequEvalPage *self = SHEQU_EVAL_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE: g_value_set_object (value, self->store); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_eval_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ShequEvalPage *self = SHEQU_EVAL_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE: shequ_eval_page_set_store (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_eval_page_dispose (GObject *object)
{
  ShequEvalPage *self = SHEQU_EVAL_PAGE (object);

  GtkWidget *child;

  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (object), SHEQU_TYPE_EVAL_PAGE);
  /* The template's outer box is not bound: it goes here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (shequ_eval_page_parent_class)->dispose (object);
}

static void
shequ_eval_page_class_init (ShequEvalPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = shequ_eval_page_get_property;
  object_class->set_property = shequ_eval_page_set_property;
  object_class->dispose = shequ_eval_page_dispose;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SHEQU_TYPE_EVAL_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SHEQU_TYPE_EVAL_RANKING);
  g_type_ensure (SHEQU_TYPE_EVAL_FLAGS);
  g_type_ensure (SHEQU_TYPE_EVAL_TARGET_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/shequ/Shequ/ui/shequ-eval-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ShequEvalPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ShequEvalPage, target_stack_page);
  gtk_widget_class_bind_template_child (widget_class, ShequEvalPage, sheet_slot);
  gtk_widget_class_bind_template_child (widget_class, ShequEvalPage, sets_button);
  gtk_widget_class_bind_template_child (widget_class, ShequEvalPage, switcher);
  gtk_widget_class_bind_template_child (widget_class, ShequEvalPage, ranking);
  gtk_widget_class_bind_template_child (widget_class, ShequEvalPage, flags);
  gtk_widget_class_bind_template_child (widget_class, ShequEvalPage, target_page);
  gtk_widget_class_bind_template_callback (widget_class, on_target_activated);

  gtk_widget_class_install_action (widget_class, "eval.show-ranking", NULL, show_view_action);
  gtk_widget_class_install_action (widget_class, "eval.show-flags", NULL, show_view_action);
  gtk_widget_class_install_action (widget_class, "eval.show-sheet", NULL, show_view_action);
  gtk_widget_class_install_action (widget_class, "eval.show-target", "(xx)", show_target_action);
  gtk_widget_class_install_action (widget_class, "eval.edit-set", "i", edit_set_action);
  gtk_widget_class_install_action (widget_class, "eval.open-period", NULL, open_period_action);
  gtk_widget_class_set_css_name (widget_class, "shequ-eval-page");
}

static void
shequ_eval_page_init (ShequEvalPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  build_scoring_page (self);
  fit_switcher (self);
  /* The ranking first: most visits are to see who is where. */
  gtk_stack_set_visible_child_name (self->stack, "ranking");
  update_actions (self);
  shequ_accessible_clean_mnemonics (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------ API */

GtkWidget *
shequ_eval_page_new (void)
{
  return g_object_new (SHEQU_TYPE_EVAL_PAGE, NULL);
}

ShequEvalStore *
shequ_eval_page_get_store (ShequEvalPage *self)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_PAGE (self), NULL);
  return self->store;
}

void
shequ_eval_page_set_store (ShequEvalPage  *self,
                           ShequEvalStore *store)
{
  g_return_if_fail (SHEQU_IS_EVAL_PAGE (self));
  g_return_if_fail (store == NULL || SHEQU_IS_EVAL_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  shequ_eval_ranking_set_store (self->ranking, store);
  shequ_eval_flags_set_store (self->flags, store);
  shequ_eval_target_page_set_store (self->target_page, store);
  shequ_scoring_page_set_store (SHEQU_SCORING_PAGE (self->scoring_page), store);
  /* Another street: no target of the last one. */
  gtk_stack_page_set_visible (self->target_stack_page, FALSE);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "target") == 0)
    gtk_stack_set_visible_child_name (self->stack, "ranking");
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

const char *
shequ_eval_page_get_view (ShequEvalPage *self)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

void
shequ_eval_page_set_view (ShequEvalPage *self,
                          const char    *view)
{
  g_return_if_fail (SHEQU_IS_EVAL_PAGE (self));
  g_return_if_fail (view != NULL);

  if (g_str_equal (view, "target") && !gtk_stack_page_get_visible (self->target_stack_page))
    return;
  if (gtk_stack_get_child_by_name (self->stack, view) != NULL)
    gtk_stack_set_visible_child_name (self->stack, view);
}

gboolean
shequ_eval_page_show_target (ShequEvalPage *self,
                             gint64         target_id,
                             gint64         period_id)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_PAGE (self), FALSE);

  if (!shequ_eval_target_page_show (self->target_page, target_id, period_id))
    return FALSE;
  gtk_stack_page_set_visible (self->target_stack_page, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "target");
  return TRUE;
}

gint64
shequ_eval_page_get_period (ShequEvalPage *self)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_PAGE (self), 0);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "target") == 0 &&
      shequ_eval_target_page_get_period (self->target_page) != 0)
    return shequ_eval_target_page_get_period (self->target_page);
  return shequ_eval_ranking_get_period (self->ranking);
}

ShequEvalRanking *
shequ_eval_page_get_ranking (ShequEvalPage *self)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_PAGE (self), NULL);
  return self->ranking;
}

ShequEvalFlags *
shequ_eval_page_get_flags (ShequEvalPage *self)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_PAGE (self), NULL);
  return self->flags;
}

ShequEvalTargetPage *
shequ_eval_page_get_target_page (ShequEvalPage *self)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_PAGE (self), NULL);
  return self->target_page;
}

GtkWidget *
shequ_eval_page_get_scoring_page (ShequEvalPage *self)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_PAGE (self), NULL);
  return self->scoring_page;
}
