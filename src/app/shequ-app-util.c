/* shequ-app-util.c — small helpers shared by the views: numbers, highlights, settings */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-app-util"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-app-util.h"
#include "shequ-org-store.h"
#include "shequ-text.h"

#define SETTINGS_SCHEMA_ID "org.shequ.Shequ"

/* The largest figure accepted from a person: well above any street's population. */
#define MAX_COUNT G_GINT64_CONSTANT (999999999)

char *
shequ_format_count (gint64 value)
{
  g_autofree char *digits = NULL;
  GString *out;
  gsize len;
  gboolean negative = value < 0;

  digits = g_strdup_printf ("%" G_GUINT64_FORMAT,
                            negative ? (guint64) -(value + 1) + 1 : (guint64) value);
  len = strlen (digits);
  out = g_string_sized_new (len + len / 3 + 2);
  if (negative)
    g_string_append_c (out, '-');
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

char *
shequ_format_total (gint64 total,
                    guint  grids)
{
  g_autofree char *number = shequ_format_count (total);

  if (grids > 0)
    {
      g_autofree char *count = shequ_format_count (grids);

      /* Translators: "Total 12,345 (from 5 grids)" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Total %s (from %s grid)",
                                           "Total %s (from %s grids)", grids),
                              number, count);
    }
  /* Translators: a rolled-up figure, "Total 12,345" */
  return g_strdup_printf (_("Total %s"), number);
}

gboolean
shequ_parse_count (const char *text,
                   gint64     *value)
{
  g_return_val_if_fail (value != NULL, FALSE);

  /* One parser for every count that comes from outside: the core's, as import uses. */
  return shequ_text_parse_count (text, MAX_COUNT, value) == SHEQU_COUNT_OK;
}

/* Bold and highlighted background over the first occurrence of SEARCH in TEXT;
 * NULL when SEARCH is empty or absent. */
static PangoAttrList *
make_highlight_attrs (const char *text,
                      const char *search)
{
  PangoAttrList *attrs;
  PangoAttribute *attr;
  guint start, end;

  if (text == NULL || search == NULL || *search == '\0')
    return NULL;
  if (!shequ_org_match_range (text, search, &start, &end) || end <= start)
    return NULL;

  attrs = pango_attr_list_new ();

  attr = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
  attr->start_index = start;
  attr->end_index = end;
  pango_attr_list_insert (attrs, attr);

  /* A yellow marker with dark text stays readable on selected rows too. */
  attr = pango_attr_background_new (0xf9 * 257, 0xf0 * 257, 0x6b * 257);
  attr->start_index = start;
  attr->end_index = end;
  pango_attr_list_insert (attrs, attr);

  attr = pango_attr_foreground_new (0x24 * 257, 0x1f * 257, 0x31 * 257);
  attr->start_index = start;
  attr->end_index = end;
  pango_attr_list_insert (attrs, attr);

  return attrs;
}

void
shequ_label_set_highlighted (GtkLabel   *label,
                             const char *text,
                             const char *search)
{
  g_autoptr(PangoAttrList) attrs = NULL;

  g_return_if_fail (GTK_IS_LABEL (label));

  attrs = make_highlight_attrs (text, search);
  gtk_label_set_text (label, text ? text : "");
  gtk_label_set_attributes (label, attrs);
}

char *
shequ_entry_dup_stripped_text (GtkEntry *entry)
{
  g_return_val_if_fail (GTK_IS_ENTRY (entry), NULL);

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
}

void
shequ_tooltip_set_line (GtkTooltip *tooltip,
                        const char *text)
{
  GtkWidget *label;

  g_return_if_fail (GTK_IS_TOOLTIP (tooltip));

  label = gtk_label_new (text);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 80);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_tooltip_set_custom (tooltip, label);
}

/* Appends WORD so that a line never breaks inside it: Chinese text may break
 * between any two characters, which split "调解员 1" as "调解" / "员 1". */
void
shequ_string_append_unbreakable (GString    *text,
                                 const char *word)
{
  g_return_if_fail (text != NULL && word != NULL);

  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (p != word)
        g_string_append (text, SHEQU_WORD_JOINER);
      g_string_append_unichar (text, g_utf8_get_char (p));
    }
}

/* Sets a roll-up ("合计 226,000（来自 117 个网格）") on LABEL so that a line breaks
 * only before its parenthesis, never inside "117 个网格"; a screen reader gets the
 * plain text. */
void
shequ_label_set_total_text (GtkLabel   *label,
                            const char *text)
{
  g_autoptr(GString) out = NULL;

  g_return_if_fail (GTK_IS_LABEL (label) && text != NULL);

  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);
      gunichar n = g_utf8_get_char (next);
      gboolean break_after = n == 0 || n == '(' || n == 0xff08 /* （ */;

      if (c == ' ')
        {
          g_string_append (out, break_after ? " " : SHEQU_NO_BREAK_SPACE);
          continue;
        }
      g_string_append_unichar (out, c);
      if (!break_after && n != ' ' && (c > 0x7f || n > 0x7f))
        g_string_append (out, SHEQU_WORD_JOINER);
    }
  gtk_label_set_text (label, out->str);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

void
shequ_label_set_unbreakable_text (GtkLabel   *label,
                                  const char *text)
{
  g_autoptr(GString) plain = NULL;

  g_return_if_fail (GTK_IS_LABEL (label) && text != NULL);

  gtk_label_set_text (label, text);
  /* Screen readers get the text without the joiners. */
  plain = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x2060)
        continue;
      g_string_append_unichar (plain, c == 0x00a0 ? ' ' : c);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, plain->str, -1);
}

GSettings *
shequ_settings_try_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, SETTINGS_SCHEMA_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("Settings schema %s is not installed; settings are not kept",
               SETTINGS_SCHEMA_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

gboolean
shequ_settings_has_key (GSettings  *settings,
                        const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  if (settings == NULL)
    return FALSE;
  g_object_get (settings, "settings-schema", &schema, NULL);
  return schema != NULL && g_settings_schema_has_key (schema, key);
}

/* A size as stored: only a window's own size, never the screen's it fills. */
static GVariant *
map_window_size_to_setting (const GValue       *value,
                            const GVariantType *expected_type,
                            gpointer            user_data)
{
  GtkWindow *window = user_data;

  g_assert (GTK_IS_WINDOW (window));

  if (g_value_get_int (value) <= 0 || gtk_window_is_maximized (window) ||
      gtk_window_is_fullscreen (window))
    return NULL;
  return g_variant_new_int32 (g_value_get_int (value));
}

/* A stored size of 0 or less is not one: the schema's default is taken instead. */
static gboolean
map_setting_to_window_size (GValue   *value,
                            GVariant *variant,
                            gpointer  user_data)
{
  int size = g_variant_get_int32 (variant);

  if (size <= 0)
    return FALSE;
  g_value_set_int (value, size);
  return TRUE;
}

void
shequ_settings_bind_window_state (GSettings *settings,
                                  GtkWindow *window)
{
  /* Taken once, then stored as it changes: another window's size leaves this one be.
   * A locked key must not make the window insensitive. */
  GSettingsBindFlags flags = G_SETTINGS_BIND_GET | G_SETTINGS_BIND_SET |
                             G_SETTINGS_BIND_GET_NO_CHANGES | G_SETTINGS_BIND_NO_SENSITIVITY;

  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));
  g_return_if_fail (GTK_IS_WINDOW (window));

  if (shequ_settings_has_key (settings, "window-width"))
    g_settings_bind_with_mapping (settings, "window-width", window, "default-width", flags,
                                  map_setting_to_window_size, map_window_size_to_setting,
                                  window, NULL);
  if (shequ_settings_has_key (settings, "window-height"))
    g_settings_bind_with_mapping (settings, "window-height", window, "default-height", flags,
                                  map_setting_to_window_size, map_window_size_to_setting,
                                  window, NULL);
  if (shequ_settings_has_key (settings, "window-maximized"))
    g_settings_bind (settings, "window-maximized", window, "maximized", flags);
}

typedef struct {
  char *source;
  char *key;
} CollateKey;

static void
collate_key_free (gpointer data)
{
  CollateKey *ck = data;

  g_free (ck->source);
  g_free (ck->key);
  g_free (ck);
}

static const char *
get_collate_key (GObject    *item,
                 const char *property,
                 GQuark      quark)
{
  g_autofree char *text = NULL;
  CollateKey *ck;

  g_object_get (item, property, &text, NULL);
  if (text == NULL)
    text = g_strdup ("");

  ck = g_object_get_qdata (item, quark);
  if (ck != NULL && strcmp (ck->source, text) == 0)
    return ck->key;

  ck = g_new0 (CollateKey, 1);
  ck->key = g_utf8_collate_key (text, -1);
  ck->source = g_steal_pointer (&text);
  g_object_set_qdata_full (item, quark, ck, collate_key_free);
  return ck->key;
}

typedef struct {
  const char *property;   /* interned */
  GQuark      quark;
} CollateSpec;

static int
collate_compare (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const CollateSpec *spec = user_data;
  int cmp;

  cmp = strcmp (get_collate_key (G_OBJECT (a), spec->property, spec->quark),
                get_collate_key (G_OBJECT (b), spec->property, spec->quark));
  return cmp < 0 ? GTK_ORDERING_SMALLER : cmp > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

GtkSorter *
shequ_collate_sorter_new (const char *property)
{
  g_autofree char *quark_name = NULL;
  CollateSpec *spec;

  g_return_val_if_fail (property != NULL, NULL);

  quark_name = g_strconcat ("shequ-collate-key-", property, NULL);
  spec = g_new0 (CollateSpec, 1);
  spec->property = g_intern_string (property);
  spec->quark = g_quark_from_string (quark_name);
  return GTK_SORTER (gtk_custom_sorter_new (collate_compare, spec, g_free));
}

GtkSorter *
shequ_numeric_sorter_new (GType       item_type,
                          const char *property)
{
  g_return_val_if_fail (property != NULL, NULL);

  return GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (item_type,
                                                                          NULL,
                                                                          property)));
}

struct _ShequFreezeListModel
{
  GObject     parent_instance;

  GListModel *model;
  guint       freeze_count;
  guint       n_before;     /* items when the freeze began */
  gboolean    changed;      /* something changed while frozen */
};

static GType
freeze_list_model_get_item_type (GListModel *list)
{
  return g_list_model_get_item_type (SHEQU_FREEZE_LIST_MODEL (list)->model);
}

static guint
freeze_list_model_get_n_items (GListModel *list)
{
  ShequFreezeListModel *self = SHEQU_FREEZE_LIST_MODEL (list);

  return self->freeze_count > 0 ? self->n_before : g_list_model_get_n_items (self->model);
}

static gpointer
freeze_list_model_get_item (GListModel *list,
                            guint       position)
{
  return g_list_model_get_item (SHEQU_FREEZE_LIST_MODEL (list)->model, position);
}

static void
freeze_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = freeze_list_model_get_item_type;
  iface->get_n_items = freeze_list_model_get_n_items;
  iface->get_item = freeze_list_model_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (ShequFreezeListModel, shequ_freeze_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      freeze_list_model_iface_init))

static void
on_freeze_model_items_changed (GListModel           *model,
                               guint                 position,
                               guint                 removed,
                               guint                 added,
                               ShequFreezeListModel *self)
{
  if (self->freeze_count > 0)
    self->changed = TRUE;
  else
    g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
shequ_freeze_list_model_dispose (GObject *object)
{
  ShequFreezeListModel *self = SHEQU_FREEZE_LIST_MODEL (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (shequ_freeze_list_model_parent_class)->dispose (object);
}

static void
shequ_freeze_list_model_class_init (ShequFreezeListModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = shequ_freeze_list_model_dispose;
}

static void
shequ_freeze_list_model_init (ShequFreezeListModel *self)
{
}

ShequFreezeListModel *
shequ_freeze_list_model_new (GListModel *model)
{
  ShequFreezeListModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (SHEQU_TYPE_FREEZE_LIST_MODEL, NULL);
  self->model = g_object_ref (model);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_freeze_model_items_changed), self);
  return self;
}

void
shequ_freeze_list_model_freeze (ShequFreezeListModel *self)
{
  g_return_if_fail (SHEQU_IS_FREEZE_LIST_MODEL (self));

  if (self->freeze_count++ == 0)
    {
      self->n_before = g_list_model_get_n_items (self->model);
      self->changed = FALSE;
    }
}

void
shequ_freeze_list_model_thaw (ShequFreezeListModel *self)
{
  g_return_if_fail (SHEQU_IS_FREEZE_LIST_MODEL (self));
  g_return_if_fail (self->freeze_count > 0);

  if (--self->freeze_count > 0 || !self->changed)
    return;
  self->changed = FALSE;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, self->n_before,
                              g_list_model_get_n_items (self->model));
}

const char *
shequ_tier_get_icon_name (ShequTier tier)
{
  switch (tier)
    {
    case SHEQU_TIER_STREET:
      return "mark-location-symbolic";
    case SHEQU_TIER_AREA:
      return "network-workgroup-symbolic";
    case SHEQU_TIER_COMMUNITY:
      return "go-home-symbolic";
    case SHEQU_TIER_VILLAGE:
      return "emoji-nature-symbolic";
    case SHEQU_TIER_GRID:
      return "view-grid-symbolic";
    case SHEQU_N_TIERS:
    default:
      return "image-missing-symbolic";
    }
}

GtkWidget *
shequ_widget_find_descendant (GtkWidget *widget,
                              GType      type)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = shequ_widget_find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* ------------------------------------------------------------------ accessibility */

char *
shequ_strip_mnemonic (const char *text)
{
  GString *out;

  if (text == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p++)
    {
      /* "(_N)" after CJK text goes as a whole, with a space before it. */
      if (p[0] == '(' && p[1] == '_' && p[2] != '\0' && p[3] == ')')
        {
          while (out->len > 0 && out->str[out->len - 1] == ' ')
            g_string_truncate (out, out->len - 1);
          p += 3;
          continue;
        }
      if (p[0] == '_')
        {
          if (p[1] == '_')
            {
              g_string_append_c (out, '_');
              p++;
            }
          continue;
        }
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
set_clean_label (GtkWidget  *widget,
                 const char *text)
{
  g_autofree char *clean = shequ_strip_mnemonic (text);

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, clean, -1);
  /* GTK 4.8 appends the names of the labelled-by widgets to the label. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

void
shequ_accessible_clean_mnemonics (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root) && gtk_button_get_use_underline (GTK_BUTTON (root)) &&
      gtk_button_get_label (GTK_BUTTON (root)) != NULL)
    set_clean_label (root, gtk_button_get_label (GTK_BUTTON (root)));
  else if (GTK_IS_CHECK_BUTTON (root) &&
           gtk_check_button_get_use_underline (GTK_CHECK_BUTTON (root)) &&
           gtk_check_button_get_label (GTK_CHECK_BUTTON (root)) != NULL)
    set_clean_label (root, gtk_check_button_get_label (GTK_CHECK_BUTTON (root)));
  else if (GTK_IS_LABEL (root) && gtk_label_get_use_underline (GTK_LABEL (root)))
    {
      GtkWidget *target = gtk_label_get_mnemonic_widget (GTK_LABEL (root));
      g_autofree char *clean = shequ_strip_mnemonic (gtk_label_get_label (GTK_LABEL (root)));

      gtk_accessible_update_property (GTK_ACCESSIBLE (root),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, clean, -1);
      if (target != NULL)
        set_clean_label (target, gtk_label_get_label (GTK_LABEL (root)));
    }

  else if (GTK_IS_TOGGLE_BUTTON (root) && gtk_widget_get_parent (root) != NULL &&
           GTK_IS_STACK_SWITCHER (gtk_widget_get_parent (root)))
    {
      /* A view switcher's button is named after its page's title, markup and all. */
      GtkWidget *label = shequ_widget_find_descendant (root, GTK_TYPE_LABEL);

      if (label != NULL)
        {
          g_autofree char *clean = shequ_strip_mnemonic (gtk_label_get_label (GTK_LABEL (label)));

          gtk_accessible_update_property (GTK_ACCESSIBLE (root),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, clean, -1);
        }
    }
  else if (GTK_IS_STACK (root))
    {
      g_autoptr(GListModel) pages = G_LIST_MODEL (gtk_stack_get_pages (GTK_STACK (root)));

      for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (pages, i);
          GtkStackPage *page = GTK_STACK_PAGE (item);
          const char *title = gtk_stack_page_get_title (page);

          if (title != NULL && gtk_stack_page_get_use_underline (page))
            {
              g_autofree char *clean = shequ_strip_mnemonic (title);

              gtk_accessible_update_property (GTK_ACCESSIBLE (page),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, clean, -1);
            }
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    shequ_accessible_clean_mnemonics (child);
}

GtkWidget *
shequ_cell_get_row_widget (GtkWidget *cell)
{
  g_return_val_if_fail (GTK_IS_WIDGET (cell), NULL);

  for (GtkWidget *w = cell; w != NULL; w = gtk_widget_get_parent (w))
    {
      GtkWidget *parent = gtk_widget_get_parent (w);

      if (parent != NULL && GTK_IS_LIST_VIEW (parent))
        return w;
    }
  return NULL;
}

void
shequ_freeze_list_model_item_changed (ShequFreezeListModel *self,
                                      guint                 position)
{
  g_return_if_fail (SHEQU_IS_FREEZE_LIST_MODEL (self));
  g_return_if_fail (position < g_list_model_get_n_items (self->model));

  if (self->freeze_count > 0)
    self->changed = TRUE;
  else
    g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
}
