/* shequ-period-dialog.c — the dialog that opens a period: its set, dates and assessors */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-period-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "shequ-app-util.h"
#include "shequ-eval-dialogs-private.h"

struct _ShequPeriodDialog
{
  GtkWindow       parent_instance;

  ShequEvalStore *store;
  GArray         *set_ids;      /* gint64, in the drop-down's order */
  GArray         *person_ids;   /* gint64: the assessors listed, in order */
  GPtrArray      *checks;       /* GtkCheckButton, one per assessor listed */
  gboolean        disposed;     /* the widgets are going: their signals change nothing */

  /* template */
  GtkButton      *open_button;
  GtkLabel       *set_caption;
  GtkDropDown    *set_dropdown;
  GtkLabel       *weights_label;
  GtkLabel       *kind_caption;
  GtkDropDown    *kind_dropdown;
  GtkEntry       *label_entry;
  GtkEntry       *starts_entry;
  GtkEntry       *ends_entry;
  GtkListBox     *assessor_list;
  GtkCheckButton *every_check;
  GtkCheckButton *split_check;
  GtkSpinButton  *per_target_spin;
  GtkLabel       *plan_label;
  GtkLabel       *error_label;
};

G_DEFINE_FINAL_TYPE (ShequPeriodDialog, shequ_period_dialog, GTK_TYPE_WINDOW)

static const ShequEvalSetDef *
get_selected_set (ShequPeriodDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->set_dropdown);

  if (selected >= self->set_ids->len)
    return NULL;
  return shequ_eval_store_lookup_set (self->store, g_array_index (self->set_ids, gint64, selected));
}

static ShequPeriodKind
get_period_kind (ShequPeriodDialog *self)
{
  return MIN (gtk_drop_down_get_selected (self->kind_dropdown), SHEQU_PERIOD_N_KINDS - 1);
}

/* ---- Suggested label and dates ------------------------------------------------------ */

static guint
months_of (ShequPeriodKind kind)
{
  switch (kind)
    {
    case SHEQU_PERIOD_KIND_MONTH:
      return 1;
    case SHEQU_PERIOD_KIND_QUARTER:
      return 3;
    case SHEQU_PERIOD_KIND_YEAR:
    case SHEQU_PERIOD_N_KINDS:
    default:
      return 12;
    }
}

static char *
make_label (ShequPeriodKind  kind,
            const GDate     *starts)
{
  int year = g_date_get_year (starts);
  int month = g_date_get_month (starts);

  if (kind == SHEQU_PERIOD_KIND_MONTH)
    /* Translators: a month's period, year and month: "2026-10" */
    return g_strdup_printf (C_("period label", "%d-%02d"), year, month);
  if (kind == SHEQU_PERIOD_KIND_YEAR)
    return g_strdup_printf (C_("period label", "Year %d"), year);
  switch ((month - 1) / 3)
    {
    case 0:
      return g_strdup_printf (C_("period label", "Q1 %d"), year);
    case 1:
      return g_strdup_printf (C_("period label", "Q2 %d"), year);
    case 2:
      return g_strdup_printf (C_("period label", "Q3 %d"), year);
    default:
      return g_strdup_printf (C_("period label", "Q4 %d"), year);
    }
}

/* The last day of the newest period of DEF's family, or FALSE when there is none. */
static gboolean
find_newest_end (ShequPeriodDialog     *self,
                 const ShequEvalSetDef *def,
                 GDate                 *ends)
{
  GPtrArray *periods = shequ_eval_store_get_periods (self->store);
  const char *newest = NULL;

  for (guint i = 0; i < periods->len; i++)
    {
      const ShequPeriodRow *period = g_ptr_array_index (periods, i);
      const ShequEvalSetDef *used = shequ_eval_store_lookup_set (self->store, period->set_id);

      if (used != NULL && used->set->family == def->set->family &&
          (newest == NULL || g_strcmp0 (period->ends, newest) > 0))
        newest = period->ends;
    }
  if (newest == NULL)
    return FALSE;
  g_date_clear (ends, 1);
  g_date_set_parse (ends, newest);
  return g_date_valid (ends);
}

/* The next whole month, quarter or year after the newest period of the set (or the one
 * today is in, for a set's first period). */
static void
suggest (ShequPeriodDialog *self)
{
  const ShequEvalSetDef *def = get_selected_set (self);
  ShequPeriodKind kind = get_period_kind (self);
  guint months = months_of (kind);
  GDate starts, ends;
  char text[16];
  g_autofree char *label = NULL;
  guint month;

  g_date_clear (&starts, 1);
  if (def != NULL && find_newest_end (self, def, &starts))
    g_date_add_days (&starts, 1);
  else
    g_date_set_time_t (&starts, time (NULL));
  month = g_date_get_month (&starts);
  /* Back to the first day of its month, quarter or year; forward when after a period
   * that ended mid-way. */
  g_date_set_day (&starts, 1);
  g_date_subtract_months (&starts, (month - 1) % months);
  if (def != NULL && find_newest_end (self, def, &ends) && g_date_compare (&starts, &ends) <= 0)
    g_date_add_months (&starts, months);

  ends = starts;
  g_date_add_months (&ends, months);
  g_date_subtract_days (&ends, 1);

  label = make_label (kind, &starts);
  gtk_editable_set_text (GTK_EDITABLE (self->label_entry), label);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &starts);
  gtk_editable_set_text (GTK_EDITABLE (self->starts_entry), text);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &ends);
  gtk_editable_set_text (GTK_EDITABLE (self->ends_entry), text);
}

/* ---- Who grades whom ---------------------------------------------------------------- */

/* Why DEF cannot open a period (its weights), or NULL. */
static char *
describe_weights_problem (const ShequEvalSetDef *def)
{
  double sum = shequ_eval_set_def_get_weight_sum (def);
  g_autofree char *number = NULL;

  if (fabs (sum - 100) <= 0.001)
    return NULL;
  number = shequ_score_format ((ShequScore) lround (sum * 100));
  return g_strdup_printf (_("The weights of “%s” sum to %s, not 100: no period can open on it "
                            "until they do. Edit the set first."), def->set->name, number);
}

/* The checked assessors' person ids, in the list's order. */
static GArray *
get_checked (ShequPeriodDialog *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      g_array_append_val (ids, g_array_index (self->person_ids, gint64, i));
  return ids;
}

/* The management areas of TARGETS in their order (0: targets under none). */
static GArray *
list_areas (GPtrArray *targets)
{
  GArray *areas = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint t = 0; t < targets->len; t++)
    {
      gint64 area = ((const ShequEvalTargetRow *) g_ptr_array_index (targets, t))->area_id;
      gboolean seen = FALSE;

      for (guint a = 0; a < areas->len && !seen; a++)
        seen = g_array_index (areas, gint64, a) == area;
      if (!seen)
        g_array_append_val (areas, area);
    }
  return areas;
}

/* Whether the Nth checked assessor of N_CHECKED grades the targets of the area at
 * AREA_INDEX: every target, or PER of them for each area, in turn round the list. */
static gboolean
grades_area (ShequPeriodDialog *self,
             guint              n,
             guint              n_checked,
             guint              area_index)
{
  guint per = MIN ((guint) gtk_spin_button_get_value_as_int (self->per_target_spin), n_checked);

  if (!gtk_check_button_get_active (self->split_check))
    return TRUE;
  return (n + n_checked - area_index % n_checked) % n_checked < per;
}

/* The targets each checked assessor grades (GArray of gint64 target ids, in the order
 * of CHECKED). */
static GPtrArray *
make_plan (ShequPeriodDialog     *self,
           const ShequEvalSetDef *def,
           GArray                *checked)
{
  GPtrArray *targets = shequ_eval_store_get_targets (self->store, def->set->kind);
  g_autoptr(GArray) areas = list_areas (targets);
  GPtrArray *plan = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  for (guint n = 0; n < checked->len; n++)
    {
      GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

      for (guint t = 0; t < targets->len; t++)
        {
          const ShequEvalTargetRow *target = g_ptr_array_index (targets, t);
          guint area_index = 0;

          while (g_array_index (areas, gint64, area_index) != target->area_id)
            area_index++;
          if (grades_area (self, n, checked->len, area_index))
            g_array_append_val (ids, target->id);
        }
      g_ptr_array_add (plan, ids);
    }
  return plan;
}

static const char *
person_name (ShequPeriodDialog *self,
             gint64             person_id)
{
  ShequOrgStore *org = shequ_eval_store_get_org_store (self->store);
  ShequPerson *person = shequ_org_store_lookup_person (org, person_id);

  return person ? shequ_person_get_name (person) : "";
}

/* What the choices come to, in words: who grades which area. */
static char *
describe_plan (ShequPeriodDialog     *self,
               const ShequEvalSetDef *def,
               GArray                *checked)
{
  ShequOrgStore *org = shequ_eval_store_get_org_store (self->store);
  GPtrArray *targets = shequ_eval_store_get_targets (self->store, def->set->kind);
  g_autoptr(GArray) areas = NULL;
  GString *text;

  if (checked->len == 0)
    return g_strdup (_("Choose at least one assessor."));
  if (!gtk_check_button_get_active (self->split_check))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u assessor grades all %u targets.",
                                         "%u assessors each grade all %u targets.",
                                         checked->len), checked->len, targets->len);
  areas = list_areas (targets);
  text = g_string_new (NULL);
  for (guint a = 0; a < areas->len; a++)
    {
      ShequUnit *area = shequ_org_store_lookup_unit (org, g_array_index (areas, gint64, a));
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      g_autofree char *joined = NULL;

      for (guint n = 0; n < checked->len; n++)
        if (grades_area (self, n, checked->len, a))
          g_ptr_array_add (names, (char *) person_name (self, g_array_index (checked, gint64, n)));
      g_ptr_array_add (names, NULL);
      joined = g_strjoinv (C_("list separator", ", "), (char **) names->pdata);
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: an area and who grades its targets: "城区东片区：孔繁军、褚立新" */
      g_string_append_printf (text, _("%s: %s"),
                              area ? shequ_unit_get_name (area) : _("No management area"),
                              joined);
    }
  return g_string_free (text, FALSE);
}

static void
on_plan_changed (ShequPeriodDialog *self)
{
  const ShequEvalSetDef *def = get_selected_set (self);
  g_autoptr(GArray) checked = get_checked (self);
  g_autofree char *plan = NULL;
  g_autofree char *problem = NULL;

  if (self->disposed)
    return;
  gtk_spin_button_set_range (self->per_target_spin, 1, MAX (checked->len, 1));
  gtk_widget_set_sensitive (GTK_WIDGET (self->per_target_spin),
                            gtk_check_button_get_active (self->split_check));
  problem = def != NULL ? describe_weights_problem (def) : NULL;
  gtk_label_set_text (self->weights_label, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->weights_label), problem != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->open_button), def != NULL && problem == NULL &&
                                                            checked->len > 0);
  plan = def != NULL ? describe_plan (self, def, checked) : g_strdup ("");
  gtk_label_set_text (self->plan_label, plan);
}

static void
on_set_changed (ShequPeriodDialog *self)
{
  if (self->disposed)
    return;
  suggest (self);
  on_plan_changed (self);
}

/* ---- Opening ------------------------------------------------------------------------ */

static gboolean
fail (ShequPeriodDialog  *self,
      GError             *local_error,
      GError            **error)
{
  _shequ_eval_dialog_show_error (self->error_label, local_error->message);
  g_propagate_error (error, local_error);
  return FALSE;
}

/* Everything is checked before the first write: the weights, the assessors, and then
 * the store checks the label and dates as it opens the period. */
gboolean
shequ_period_dialog_open (ShequPeriodDialog  *self,
                          gint64             *period_id,
                          GError            **error)
{
  const ShequEvalSetDef *def = get_selected_set (self);
  g_autoptr(GArray) checked = get_checked (self);
  g_autoptr(GPtrArray) plan = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *label = shequ_entry_dup_stripped_text (self->label_entry);
  g_autofree char *typed_starts = shequ_entry_dup_stripped_text (self->starts_entry);
  g_autofree char *typed_ends = shequ_entry_dup_stripped_text (self->ends_entry);
  /* NFKC: full-width digits and dashes ("２０２６－１０－０１", as input methods type
   * them) become ASCII. */
  g_autofree char *starts = g_utf8_normalize (typed_starts, -1, G_NORMALIZE_NFKC);
  g_autofree char *ends = g_utf8_normalize (typed_ends, -1, G_NORMALIZE_NFKC);
  GError *local_error = NULL;
  gint64 id = 0;

  g_return_val_if_fail (SHEQU_IS_PERIOD_DIALOG (self), FALSE);

  if (def == NULL)
    return fail (self, g_error_new (SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_NOT_FOUND, "%s",
                                    _("Choose an indicator set.")), error);
  if ((problem = describe_weights_problem (def)) != NULL)
    return fail (self, g_error_new (SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_WEIGHTS, "%s", problem),
                 error);
  if (checked->len == 0)
    return fail (self, g_error_new (SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_NOT_ASSESSOR, "%s",
                                    _("Choose at least one assessor.")), error);

  plan = make_plan (self, def, checked);
  if (!shequ_eval_store_open_period (self->store, def->set->id, get_period_kind (self), label,
                                     starts, ends, NULL, &id, &local_error))
    return fail (self, local_error, error);
  for (guint n = 0; n < checked->len; n++)
    {
      GArray *ids = g_ptr_array_index (plan, n);

      if (ids->len > 0 &&
          !shequ_eval_store_assign (self->store, id, g_array_index (checked, gint64, n),
                                    (const gint64 *) ids->data, ids->len, NULL, NULL,
                                    &local_error))
        return fail (self, local_error, error);
    }
  if (period_id != NULL)
    *period_id = id;
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static void
on_open_clicked (ShequPeriodDialog *self)
{
  shequ_period_dialog_open (self, NULL, NULL);
}

gboolean
shequ_period_dialog_select_set (ShequPeriodDialog *self,
                                gint64             set_id)
{
  g_return_val_if_fail (SHEQU_IS_PERIOD_DIALOG (self), FALSE);

  for (guint i = 0; i < self->set_ids->len; i++)
    if (g_array_index (self->set_ids, gint64, i) == set_id)
      {
        gtk_drop_down_set_selected (self->set_dropdown, i);
        return TRUE;
      }
  return FALSE;
}

/* ---- Building ----------------------------------------------------------------------- */

static char *
describe_set (const ShequEvalSetDef *def)
{
  /* Translators: a set in the drop-down: name, kind of target, version */
  return g_strdup_printf (_("%s (%s, version %u)"), def->set->name,
                          shequ_eval_kind_get_label (def->set->kind), def->set->version);
}

static void
fill_sets (ShequPeriodDialog *self)
{
  GPtrArray *sets = shequ_eval_store_get_sets (self->store);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  for (guint i = 0; i < sets->len; i++)
    {
      const ShequEvalSetDef *def = g_ptr_array_index (sets, i);
      g_autofree char *name = describe_set (def);

      gtk_string_list_append (names, name);
      g_array_append_val (self->set_ids, def->set->id);
    }
  gtk_drop_down_set_model (self->set_dropdown, G_LIST_MODEL (names));
}

/* An assessor's post title at the street ("党建工作办公室考核员"), or "". */
static const char *
assessor_title (ShequPerson *person)
{
  GListModel *posts = shequ_person_get_posts (person);

  for (guint i = 0; i < g_list_model_get_n_items (posts); i++)
    {
      g_autoptr(ShequPost) post = g_list_model_get_item (posts, i);

      if (shequ_post_get_role (post) == SHEQU_ROLE_ASSESSOR)
        return shequ_post_get_title (post);
    }
  return "";
}

static void
fill_assessors (ShequPeriodDialog *self)
{
  GPtrArray *people = shequ_eval_store_list_assessor_people (self->store);

  for (guint i = 0; i < people->len; i++)
    {
      ShequPerson *person = g_ptr_array_index (people, i);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *check = gtk_check_button_new_with_label (shequ_person_get_name (person));
      g_autofree char *detail = g_strdup_printf ("%s  %s", shequ_person_get_code (person),
                                                 assessor_title (person));
      GtkWidget *label = gtk_label_new (detail);
      gint64 id = shequ_person_get_id (person);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_plan_changed), self);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                      label, NULL, -1);
      gtk_box_append (GTK_BOX (box), check);
      gtk_box_append (GTK_BOX (box), label);
      gtk_widget_set_margin_start (box, 6);
      gtk_widget_set_margin_end (box, 6);
      gtk_list_box_append (self->assessor_list, box);
      /* The row itself is no stop for the keyboard: the check button is. */
      gtk_widget_set_focusable (gtk_widget_get_parent (box), FALSE);
      g_ptr_array_add (self->checks, check);
      g_array_append_val (self->person_ids, id);
    }
  if (people->len == 0)
    {
      GtkWidget *empty = gtk_label_new (_("Nobody holds an assessor post yet: give people the "
                                          "assessor role (考核员) in the organisation first."));

      gtk_label_set_wrap (GTK_LABEL (empty), TRUE);
      gtk_widget_set_margin_top (empty, 12);
      gtk_widget_set_margin_bottom (empty, 12);
      gtk_list_box_append (self->assessor_list, empty);
    }
}

ShequPeriodDialog *
shequ_period_dialog_new (GtkWindow      *parent,
                         ShequEvalStore *store)
{
  ShequPeriodDialog *self;
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (store), NULL);

  self = g_object_new (SHEQU_TYPE_PERIOD_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);

  for (ShequPeriodKind k = 0; k < SHEQU_PERIOD_N_KINDS; k++)
    gtk_string_list_append (kinds, shequ_period_kind_get_label (k));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));
  gtk_drop_down_set_selected (self->kind_dropdown, SHEQU_PERIOD_KIND_QUARTER);
  fill_sets (self);
  fill_assessors (self);
  on_set_changed (self);
  g_signal_connect_swapped (self->set_dropdown, "notify::selected",
                            G_CALLBACK (on_set_changed), self);
  g_signal_connect_swapped (self->kind_dropdown, "notify::selected",
                            G_CALLBACK (on_set_changed), self);

  _shequ_eval_dialog_name_drop_down (self->set_dropdown, gtk_label_get_label (self->set_caption));
  _shequ_eval_dialog_name_drop_down (self->kind_dropdown, gtk_label_get_label (self->kind_caption));
  shequ_accessible_clean_mnemonics (GTK_WIDGET (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->set_dropdown));
  return self;
}

static void
shequ_period_dialog_dispose (GObject *object)
{
  ShequPeriodDialog *self = SHEQU_PERIOD_DIALOG (object);

  self->disposed = TRUE;
  gtk_widget_dispose_template (GTK_WIDGET (self), SHEQU_TYPE_PERIOD_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->set_ids, g_array_unref);
  g_clear_pointer (&self->person_ids, g_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);

  G_OBJECT_CLASS (shequ_period_dialog_parent_class)->dispose (object);
}

static void
shequ_period_dialog_class_init (ShequPeriodDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shequ_period_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/shequ/Shequ/ui/shequ-period-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, ShequPeriodDialog, name)
  BIND (open_button);
  BIND (set_caption);
  BIND (set_dropdown);
  BIND (weights_label);
  BIND (kind_caption);
  BIND (kind_dropdown);
  BIND (label_entry);
  BIND (starts_entry);
  BIND (ends_entry);
  BIND (assessor_list);
  BIND (every_check);
  BIND (split_check);
  BIND (per_target_spin);
  BIND (plan_label);
  BIND (error_label);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_open_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_plan_changed);
}

static void
shequ_period_dialog_init (ShequPeriodDialog *self)
{
  self->set_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->person_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->checks = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
