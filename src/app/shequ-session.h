/* shequ-session.h — what the user is looking at in one store, shared by every view */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "shequ-eval-store.h"
#include "shequ-org-store.h"

G_BEGIN_DECLS

#define SHEQU_TYPE_SESSION (shequ_session_get_type ())
G_DECLARE_FINAL_TYPE (ShequSession, shequ_session, SHEQU, SESSION, GObject)

/* Properties: "store" (ShequOrgStore, construct-only), "selected-unit" (ShequUnit,
 * nullable: notified only when it changes, and set to NULL when the unit leaves the
 * store: deleted, undone, or gone in another program's change read back), "eval-store"
 * (ShequEvalStore, nullable: the evaluation over the same database, set by the window
 * when it could be read). */
ShequSession  *shequ_session_new               (ShequOrgStore *store);
ShequOrgStore *shequ_session_get_store         (ShequSession  *self);
ShequUnit     *shequ_session_get_selected_unit (ShequSession  *self);
void           shequ_session_set_selected_unit (ShequSession  *self,
                                                ShequUnit     *unit);
ShequEvalStore *shequ_session_get_eval_store   (ShequSession  *self);
void           shequ_session_set_eval_store    (ShequSession   *self,
                                                ShequEvalStore *eval_store);

G_END_DECLS
