/* shequ-session.c — what the user is looking at in one store, shared by every view */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-session"

#include "config.h"

#include "shequ-session.h"

/* One per store, made by the window and given to every view (the tree, the detail
 * pane, the compliance panel, later the map), as libshumate gives one viewport to
 * every layer: a view that selects a unit sets it here, and the others follow. */
struct _ShequSession
{
  GObject        parent_instance;

  ShequOrgStore *store;
  ShequUnit     *selected_unit;
  ShequEvalStore *eval_store;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_SELECTED_UNIT,
  PROP_EVAL_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ShequSession, shequ_session, G_TYPE_OBJECT)

/* After every change the store applied (an edit, an undo, an import or its undo, or
 * another program's rows read back by a refresh): a unit that left the store is
 * selected no more. A unit brought back by an undo is a new object, so the old one
 * stays unselected; the tree chooses what to select next. */
static void
on_store_applied (ShequSession *self)
{
  g_assert (SHEQU_IS_SESSION (self));

  if (self->selected_unit != NULL &&
      shequ_org_store_lookup_unit (self->store, shequ_unit_get_id (self->selected_unit))
      != self->selected_unit)
    shequ_session_set_selected_unit (self, NULL);
}

ShequSession *
shequ_session_new (ShequOrgStore *store)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (store), NULL);

  return g_object_new (SHEQU_TYPE_SESSION, "store", store, NULL);
}

ShequOrgStore *
shequ_session_get_store (ShequSession *self)
{
  g_return_val_if_fail (SHEQU_IS_SESSION (self), NULL);
  return self->store;
}

ShequUnit *
shequ_session_get_selected_unit (ShequSession *self)
{
  g_return_val_if_fail (SHEQU_IS_SESSION (self), NULL);
  return self->selected_unit;
}

void
shequ_session_set_selected_unit (ShequSession *self,
                                 ShequUnit    *unit)
{
  g_return_if_fail (SHEQU_IS_SESSION (self));
  g_return_if_fail (unit == NULL || SHEQU_IS_UNIT (unit));
  /* Only this store's units: another store's would never be cleared. */
  g_return_if_fail (unit == NULL ||
                    shequ_org_store_lookup_unit (self->store, shequ_unit_get_id (unit)) == unit);

  if (g_set_object (&self->selected_unit, unit))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_UNIT]);
}

ShequEvalStore *
shequ_session_get_eval_store (ShequSession *self)
{
  g_return_val_if_fail (SHEQU_IS_SESSION (self), NULL);
  return self->eval_store;
}

void
shequ_session_set_eval_store (ShequSession   *self,
                              ShequEvalStore *eval_store)
{
  g_return_if_fail (SHEQU_IS_SESSION (self));
  g_return_if_fail (eval_store == NULL || SHEQU_IS_EVAL_STORE (eval_store));
  /* The evaluation of this store's organisation only. */
  g_return_if_fail (eval_store == NULL || shequ_eval_store_get_org_store (eval_store) == self->store);

  if (g_set_object (&self->eval_store, eval_store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVAL_STORE]);
}

static void
shequ_session_constructed (GObject *object)
{
  ShequSession *self = SHEQU_SESSION (object);

  G_OBJECT_CLASS (shequ_session_parent_class)->constructed (object);

  g_assert (self->store != NULL);
  /* The one connection to the store's change signal (it gets the change, or its
   * label, and uses neither). */
  g_signal_connect_object (self->store, "applied", G_CALLBACK (on_store_applied), self,
                           G_CONNECT_SWAPPED);
}

static void
shequ_session_dispose (GObject *object)
{
  ShequSession *self = SHEQU_SESSION (object);

  g_clear_object (&self->selected_unit);
  g_clear_object (&self->eval_store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (shequ_session_parent_class)->dispose (object);
}

static void
shequ_session_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ShequSession *self = SHEQU_SESSION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SELECTED_UNIT:
      g_value_set_object (value, self->selected_unit);
      break;
    case PROP_EVAL_STORE:
      g_value_set_object (value, self->eval_store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_session_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  ShequSession *self = SHEQU_SESSION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SELECTED_UNIT:
      shequ_session_set_selected_unit (self, g_value_get_object (value));
      break;
    case PROP_EVAL_STORE:
      shequ_session_set_eval_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_session_class_init (ShequSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = shequ_session_constructed;
  object_class->dispose = shequ_session_dispose;
  object_class->get_property = shequ_session_get_property;
  object_class->set_property = shequ_session_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SHEQU_TYPE_ORG_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SELECTED_UNIT] =
    g_param_spec_object ("selected-unit", NULL, NULL, SHEQU_TYPE_UNIT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_EVAL_STORE] =
    g_param_spec_object ("eval-store", NULL, NULL, SHEQU_TYPE_EVAL_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
shequ_session_init (ShequSession *self)
{
}
