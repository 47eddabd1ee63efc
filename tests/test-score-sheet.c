/* test-score-sheet.c — the scoring grid under Xvfb: typing, keys, what is drawn, undo, locking */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-score-sheet"

#include "config.h"

#include <math.h>
#include <string.h>

#include "score-sheet-fixture.h"
#include "shequ-score-sheet-private.h"

/* Types TEXT into the cursor cell as a key would (the first character starts the
 * editor, the rest goes into it) and commits with the "move" action, as Tab / Enter. */
static void
type_cell (Fixture    *f,
           const char *text,
           int         dx,
           int         dy)
{
  char first[8] = { 0, };
  GtkWidget *editor = shequ_score_sheet_get_editor (f->sheet);

  g_unichar_to_utf8 (g_utf8_get_char (text), first);
  g_assert_true (shequ_score_sheet_start_editing (f->sheet, first));
  g_assert_true (shequ_score_sheet_is_editing (f->sheet));
  g_assert_true (gtk_widget_has_focus (editor));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor)), ==, first);
  gtk_editable_set_text (GTK_EDITABLE (editor), text);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->sheet), "sheet.move", "(ii)", dx, dy));
}

static ShequScore
stored (Fixture *f,
        guint    row,
        guint    column)
{
  ShequScore value = SHEQU_SCORE_NONE;

  shequ_eval_store_get_score (f->eval.store, f->eval.assessor_id,
                              shequ_eval_sheet_get_target (f->eval.sheet, row)->id,
                              shequ_eval_sheet_get_indicator (f->eval.sheet, column)->id,
                              &value, NULL);
  return value;
}

static void
assert_cursor (Fixture *f,
               guint    row,
               guint    column)
{
  guint r, c;

  shequ_score_sheet_get_cursor (f->sheet, &r, &c);
  g_assert_cmpuint (r, ==, row);
  g_assert_cmpuint (c, ==, column);
}

/* The sheet as drawn, and one pixel of it. */
typedef struct {
  guchar *data;
  gsize   stride;
  int     width, height;
} Pixels;

static void
render (Fixture *f,
        Pixels  *out)
{
  g_autoptr(GdkTexture) texture = NULL;

  shequ_test_wait_for_draw (GTK_WIDGET (f->sheet));
  texture = render_widget (GTK_WIDGET (f->sheet));
  out->width = gdk_texture_get_width (texture);
  out->height = gdk_texture_get_height (texture);
  out->stride = (gsize) out->width * 4;
  out->data = g_malloc (out->stride * out->height);
  gdk_texture_download (texture, out->data, out->stride);
}

/* The colour at X, Y as 0xRRGGBB (gdk_texture_download gives B, G, R, A). */
static guint32
pixel_at (const Pixels *p,
          double        x,
          double        y)
{
  const guchar *px;

  g_assert_cmpfloat (x, >=, 0);
  g_assert_cmpfloat (y, >=, 0);
  g_assert_cmpfloat (x, <, p->width);
  g_assert_cmpfloat (y, <, p->height);
  px = p->data + (gsize) y * p->stride + (gsize) x * 4;
  return ((guint32) px[2] << 16) | ((guint32) px[1] << 8) | px[0];
}

static void
assert_colour_near (guint32 got,
                    guint32 want)
{
  for (int shift = 0; shift <= 16; shift += 8)
    {
      int a = (got >> shift) & 0xff, b = (want >> shift) & 0xff;

      if (ABS (a - b) > 6)
        g_error ("colour #%06x is not near #%06x", got, want);
    }
}

static guint32
band_rgb (ShequBand band)
{
  ShequColour colour;

  shequ_band_get_colour (band, &colour);
  return ((guint32) lround (colour.red * 255) << 16) | ((guint32) lround (colour.green * 255) << 8) |
         (guint32) lround (colour.blue * 255);
}

/* The colour inside ROW's band chip, left of its label. */
static guint32
chip_colour (Fixture *f,
             guint    row)
{
  guint n_columns = shequ_eval_sheet_get_n_columns (f->eval.sheet);
  g_autofree guchar *data = NULL;
  graphene_rect_t area;
  Pixels p;
  guint32 colour;

  g_assert_true (shequ_score_sheet_get_cell_area (f->sheet, row, n_columns + 1, &area));
  render (f, &p);
  data = p.data;
  colour = pixel_at (&p, area.origin.x + 12, area.origin.y + area.size.height / 2);
  return colour;
}

static void
test_type_and_draw (Fixture       *f,
                    gconstpointer  data)
{
  ShequBand band;

  /* Before any score the row has no chip: the view's own background shows. */
  g_assert_cmpuint (chip_colour (f, 0) & 0xffffff, !=, band_rgb (SHEQU_BAND_GREEN));

  shequ_score_sheet_set_cursor (f->sheet, 0, 0);
  type_cell (f, "9", 1, 0);
  g_assert_cmpint (stored (f, 0, 0), ==, 900);
  assert_cursor (f, 0, 1);
  type_cell (f, "18", 1, 0);
  assert_cursor (f, 0, 2);
  /* Enter in the editor itself (GtkText's "activate") commits and goes down. */
  g_assert_true (shequ_score_sheet_start_editing (f->sheet, "9"));
  g_signal_emit_by_name (shequ_score_sheet_get_editor (f->sheet), "activate");
  assert_cursor (f, 1, 2);
  g_assert_false (shequ_score_sheet_is_editing (f->sheet));
  g_assert_cmpint (stored (f, 0, 1), ==, 1800);
  g_assert_cmpint (stored (f, 0, 2), ==, 900);
  g_assert_cmpfloat_with_epsilon (shequ_eval_sheet_get_row_total (f->eval.sheet, 0, &band), 90,
                                  0.001);
  g_assert_cmpint (band, ==, SHEQU_BAND_GREEN);
  assert_colour_near (chip_colour (f, 0), band_rgb (SHEQU_BAND_GREEN));

  /* Tab at the last indicator wraps to the next target. */
  shequ_score_sheet_set_cursor (f->sheet, 1, 0);
  type_cell (f, "6", 1, 0);
  type_cell (f, "12", 1, 0);
  type_cell (f, "6", 1, 0);
  assert_cursor (f, 2, 0);
  g_assert_cmpfloat_with_epsilon (shequ_eval_sheet_get_row_total (f->eval.sheet, 1, &band), 60,
                                  0.001);
  g_assert_cmpint (band, ==, SHEQU_BAND_RED);
  assert_colour_near (chip_colour (f, 1), band_rgb (SHEQU_BAND_RED));

  /* Raising cells turns the drawn chip orange (40 + 18 + 18), then green (40 + 30 + 18). */
  shequ_score_sheet_set_cursor (f->sheet, 1, 0);
  type_cell (f, "10", 0, 1);
  g_assert_cmpfloat_with_epsilon (shequ_eval_sheet_get_row_total (f->eval.sheet, 1, &band), 76,
                                  0.001);
  assert_colour_near (chip_colour (f, 1), band_rgb (SHEQU_BAND_ORANGE));
  shequ_score_sheet_set_cursor (f->sheet, 1, 1);
  type_cell (f, "20", 0, 1);
  g_assert_cmpfloat_with_epsilon (shequ_eval_sheet_get_row_total (f->eval.sheet, 1, &band), 88,
                                  0.001);
  assert_colour_near (chip_colour (f, 1), band_rgb (SHEQU_BAND_GREEN));
}

/* The grid's first event controller of TYPE (in PHASE, unless PHASE is NONE); owned
 * by the grid. */
static GtkEventController *
sheet_controller (Fixture             *f,
                  GType                type,
                  GtkPropagationPhase  phase)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->sheet));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type) &&
          (phase == GTK_PHASE_NONE || gtk_event_controller_get_propagation_phase (controller) == phase))
        return controller;  /* the grid keeps it */
    }
  g_assert_not_reached ();
}

/* Sends KEYVAL to the grid's own key controller, as a key press reaches it. */
static gboolean
press_key (Fixture         *f,
           guint            keyval,
           GdkModifierType  state)
{
  GtkEventController *keys = sheet_controller (f, GTK_TYPE_EVENT_CONTROLLER_KEY, GTK_PHASE_CAPTURE);
  gboolean handled = FALSE;

  g_signal_emit_by_name (keys, "key-pressed", keyval, 0, state, &handled);
  return handled;
}

static void
test_keys (Fixture       *f,
           gconstpointer  data)
{
  GtkWidget *editor = shequ_score_sheet_get_editor (f->sheet);

  shequ_score_sheet_set_cursor (f->sheet, 0, 0);
  /* A digit starts editing with itself; Tab commits and moves right. */
  g_assert_true (press_key (f, GDK_KEY_7, 0));
  g_assert_true (shequ_score_sheet_is_editing (f->sheet));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor)), ==, "7");
  g_assert_true (press_key (f, GDK_KEY_Tab, 0));
  g_assert_cmpint (stored (f, 0, 0), ==, 700);
  assert_cursor (f, 0, 1);
  /* Keys that are text go to the editor while editing. */
  g_assert_true (press_key (f, GDK_KEY_1, 0));
  g_assert_false (press_key (f, GDK_KEY_5, 0));
  gtk_editable_set_text (GTK_EDITABLE (editor), "15");
  /* Enter commits and goes down, Shift+Tab back, Escape cancels. */
  g_assert_true (press_key (f, GDK_KEY_Return, 0));
  g_assert_cmpint (stored (f, 0, 1), ==, 1500);
  assert_cursor (f, 1, 1);
  g_assert_true (press_key (f, GDK_KEY_8, 0));
  g_assert_true (press_key (f, GDK_KEY_Escape, 0));
  g_assert_false (shequ_score_sheet_is_editing (f->sheet));
  g_assert_cmpint (stored (f, 1, 1), ==, SHEQU_SCORE_NONE);
  g_assert_true (press_key (f, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  assert_cursor (f, 1, 0);
  /* Arrows, Home, End, Ctrl+End, Ctrl+Home, Page Down. */
  g_assert_true (press_key (f, GDK_KEY_Up, 0));
  assert_cursor (f, 0, 0);
  g_assert_true (press_key (f, GDK_KEY_End, 0));
  assert_cursor (f, 0, 2);
  g_assert_true (press_key (f, GDK_KEY_End, GDK_CONTROL_MASK));
  assert_cursor (f, 3, 2);
  g_assert_true (press_key (f, GDK_KEY_Home, GDK_CONTROL_MASK));
  assert_cursor (f, 0, 0);
  g_assert_true (press_key (f, GDK_KEY_Page_Down, 0));
  assert_cursor (f, 3, 0);
  /* F2 edits the cell's own text; Ctrl+C is left to the shortcuts. */
  shequ_score_sheet_set_cursor (f->sheet, 0, 0);
  g_assert_true (press_key (f, GDK_KEY_F2, 0));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor)), ==, "7");
  /* Editing in place, the arrows move in the text. */
  g_assert_false (press_key (f, GDK_KEY_Left, 0));
  g_assert_true (press_key (f, GDK_KEY_Escape, 0));
  g_assert_false (press_key (f, GDK_KEY_c, GDK_CONTROL_MASK));
  /* Ctrl+Tab is left to GTK, which moves the focus out of the grid. */
  g_assert_false (press_key (f, GDK_KEY_Tab, GDK_CONTROL_MASK));
}

typedef struct {
  char     *text;
  gboolean  done;
} ClipboardRead;

static void
on_clipboard_read (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  ClipboardRead *read = data;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  read->done = TRUE;
}

static gboolean
clipboard_read_done (gpointer data)
{
  return ((ClipboardRead *) data)->done;
}

static gboolean
score_is (gpointer data)
{
  Fixture *f = data;

  return stored (f, 2, 1) == 1800;
}

static gboolean
has_message (gpointer data)
{
  return shequ_score_sheet_get_message (data) != NULL;
}

static void
test_copy_paste (Fixture       *f,
                 gconstpointer  data)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->sheet));
  ClipboardRead read = { NULL, FALSE };

  g_assert_true (shequ_eval_sheet_paste (f->eval.sheet, 0, 0, "9\t18\n8.5\t\n", NULL, NULL));
  /* Shift+arrows select a block; Ctrl+C puts it on the clipboard as TSV. */
  shequ_score_sheet_set_cursor (f->sheet, 0, 0);
  g_assert_true (press_key (f, GDK_KEY_Right, GDK_SHIFT_MASK));
  g_assert_true (press_key (f, GDK_KEY_Down, GDK_SHIFT_MASK));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->sheet), "sheet.copy", NULL));
  gdk_clipboard_read_text_async (clipboard, NULL, on_clipboard_read, &read);
  shequ_test_wait_until (clipboard_read_done, &read);
  g_assert_cmpstr (read.text, ==, "9\t18\n8.5\t\n");
  g_free (read.text);

  /* Ctrl+V at 社区3 writes the block there. */
  shequ_score_sheet_set_cursor (f->sheet, 2, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->sheet), "sheet.paste", NULL));
  shequ_test_wait_until (score_is, f);
  g_assert_cmpint (stored (f, 2, 0), ==, 900);
  g_assert_cmpint (stored (f, 3, 0), ==, 850);

  /* A block past the edge is refused, with the reason, and writes nothing. */
  gdk_clipboard_set_text (clipboard, "1\t2\t3\t4\n");
  shequ_score_sheet_set_cursor (f->sheet, 1, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->sheet), "sheet.paste", NULL));
  shequ_test_wait_until (has_message, f->sheet);
  g_assert_cmpint (stored (f, 1, 1), ==, SHEQU_SCORE_NONE);
}

static void
test_invalid (Fixture       *f,
              gconstpointer  data)
{
  GtkWidget *editor = shequ_score_sheet_get_editor (f->sheet);
  g_autofree guchar *pixels = NULL;
  graphene_rect_t area;
  guint32 colour;
  Pixels p;

  shequ_score_sheet_set_cursor (f->sheet, 2, 0);
  type_cell (f, "11", 1, 0);
  /* Refused: nothing written, the editor stays with the text, the reason is given. */
  g_assert_cmpint (stored (f, 2, 0), ==, SHEQU_SCORE_NONE);
  g_assert_true (shequ_score_sheet_is_editing (f->sheet));
  assert_cursor (f, 2, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor)), ==, "11");
  g_assert_nonnull (shequ_score_sheet_get_message (f->sheet));
  g_assert_nonnull (strstr (shequ_score_sheet_get_message (f->sheet), "支部建设"));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (editor), GTK_ACCESSIBLE_STATE_INVALID,
                                    GTK_ACCESSIBLE_INVALID_TRUE);

  /* The cell is drawn red around the editor. */
  g_assert_true (shequ_score_sheet_get_cell_area (f->sheet, 2, 0, &area));
  render (f, &p);
  pixels = p.data;
  colour = pixel_at (&p, area.origin.x + 1, area.origin.y + area.size.height / 2);
  g_assert_cmpuint (colour >> 16, >, ((colour >> 8) & 0xff) + 80);

  /* Escape's path: cancelled, the message goes. */
  gtk_editable_set_text (GTK_EDITABLE (editor), "abc");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->sheet), "sheet.move", "(ii)", 0, 1));
  g_assert_nonnull (strstr (shequ_score_sheet_get_message (f->sheet), "abc"));
  shequ_score_sheet_set_cursor (f->sheet, 0, 0);
  g_assert_false (shequ_score_sheet_is_editing (f->sheet));
  g_assert_null (shequ_score_sheet_get_message (f->sheet));
  g_assert_cmpint (stored (f, 2, 0), ==, SHEQU_SCORE_NONE);
}

static void
test_comment_popover (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *entry = shequ_score_sheet_get_comment_entry (f->sheet);

  shequ_score_sheet_set_cursor (f->sheet, 1, 1);
  /* 5 of 20 is below 0.6 × 20: the popover asks before anything is written. */
  type_cell (f, "5", 1, 0);
  g_assert_cmpint (stored (f, 1, 1), ==, SHEQU_SCORE_NONE);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (entry, GTK_TYPE_POPOVER)));
  gtk_editable_set_text (GTK_EDITABLE (entry), "台账不全");
  g_signal_emit_by_name (entry, "activate");
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (entry, GTK_TYPE_POPOVER)));
  g_assert_cmpint (stored (f, 1, 1), ==, 500);
  g_assert_cmpstr (shequ_eval_sheet_get_comment (f->eval.sheet, 1, 1), ==, "台账不全");
  assert_cursor (f, 1, 2);
}

static void
test_undo (Fixture       *f,
           gconstpointer  data)
{
  shequ_score_sheet_set_cursor (f->sheet, 3, 1);
  type_cell (f, "15", 0, 1);
  shequ_score_sheet_set_cursor (f->sheet, 3, 1);
  type_cell (f, "16.5", 0, 1);
  g_assert_cmpint (stored (f, 3, 1), ==, 1650);

  /* Undo writes the old value back through the store and goes to the cell. */
  shequ_score_sheet_set_cursor (f->sheet, 0, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->sheet), "sheet.undo", NULL));
  g_assert_cmpint (stored (f, 3, 1), ==, 1500);
  assert_cursor (f, 3, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->sheet), "sheet.undo", NULL));
  g_assert_cmpint (stored (f, 3, 1), ==, SHEQU_SCORE_NONE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->sheet), "sheet.redo", NULL));
  g_assert_cmpint (stored (f, 3, 1), ==, 1500);

  /* Delete clears the cursor cell, and undoing brings it back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->sheet), "sheet.clear", NULL));
  g_assert_cmpint (stored (f, 3, 1), ==, SHEQU_SCORE_NONE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->sheet), "sheet.undo", NULL));
  g_assert_cmpint (stored (f, 3, 1), ==, 1500);
}

/* Runs the sheet's own shortcut for KEYVAL + STATE, as GTK does before a key goes on
 * to the window; FALSE if the sheet has none or lets the key pass. */
static gboolean
activate_sheet_shortcut (Fixture         *f,
                         guint            keyval,
                         GdkModifierType  state)
{
  GListModel *shortcuts = G_LIST_MODEL (sheet_controller (f, GTK_TYPE_SHORTCUT_CONTROLLER,
                                                          GTK_PHASE_NONE));

  for (guint i = 0; i < g_list_model_get_n_items (shortcuts); i++)
    {
      g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (shortcuts, i);
      GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

      if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
          gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
          gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == state)
        return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                             GTK_SHORTCUT_ACTION_EXCLUSIVE, GTK_WIDGET (f->sheet),
                                             gtk_shortcut_get_arguments (shortcut));
    }
  return FALSE;
}

/* Ctrl+Z with nothing to undo in the sheet must not reach the window, whose undo
 * would take back the last organisation edit unseen. */
static void
test_undo_stays (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShequUnit *street = shequ_org_store_get_street (f->eval.org);
  const struct { guint keyval; GdkModifierType state; } keys[] = {
    { GDK_KEY_z, GDK_CONTROL_MASK },
    { GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
    { GDK_KEY_y, GDK_CONTROL_MASK },
  };

  g_assert_true (shequ_org_store_rename_unit (f->eval.org, street, "新名街道", &error));
  g_assert_no_error (error);
  g_assert_true (shequ_org_store_get_can_undo (f->eval.org));

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      /* What the window would do with a key the sheet lets through. */
      if (!activate_sheet_shortcut (f, keys[i].keyval, keys[i].state) && i == 0)
        g_assert_true (shequ_org_store_undo (f->eval.org, NULL));
      g_assert_cmpstr (shequ_unit_get_name (street), ==, "新名街道");
      g_assert_cmpstr (shequ_score_sheet_get_message (f->sheet), ==,
                       i == 0 ? "Nothing to undo in this sheet" : "Nothing to redo in this sheet");
    }

  /* With a score to undo, the same key undoes it, and the organisation edit stays. */
  shequ_score_sheet_set_cursor (f->sheet, 0, 0);
  type_cell (f, "9", 0, 1);
  g_assert_cmpint (stored (f, 0, 0), ==, 900);
  g_assert_true (activate_sheet_shortcut (f, GDK_KEY_z, GDK_CONTROL_MASK));
  g_assert_cmpint (stored (f, 0, 0), ==, SHEQU_SCORE_NONE);
  g_assert_true (activate_sheet_shortcut (f, GDK_KEY_y, GDK_CONTROL_MASK));
  g_assert_cmpint (stored (f, 0, 0), ==, 900);
  g_assert_cmpstr (shequ_unit_get_name (street), ==, "新名街道");
}

/* A score in a column half hidden behind the frozen total is not drawn cut in two
 * ("18" would read as "1"): the strip left of the total's edge has no text in it. */
static void
test_frozen_edge (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree guchar *pixels = NULL;
  graphene_rect_t body, cell;
  GtkAdjustment *hadj = f->sheet->hadjustment;
  int minimum, natural, dark = 0;
  Pixels p;

  shequ_score_sheet_set_cursor (f->sheet, 1, 2);
  type_cell (f, "8", 0, 0);
  shequ_score_sheet_set_cursor (f->sheet, 0, 0);
  gtk_widget_measure (GTK_WIDGET (f->sheet), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural,
                      NULL, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), minimum, 500);
  shequ_test_wait_frames (f->window, 3);
  shequ_score_sheet_body_rect (f->sheet, &body);
  g_assert_cmpfloat (gtk_adjustment_get_upper (hadj), >, gtk_adjustment_get_page_size (hadj));
  /* Scroll so the edge falls in the middle of the last column's right-aligned digit. */
  shequ_score_sheet_cell_rect (f->sheet, 1, 2, &cell);
  gtk_adjustment_set_value (hadj, gtk_adjustment_get_value (hadj) + cell.origin.x +
                                  cell.size.width - 12 - (body.origin.x + body.size.width));
  shequ_score_sheet_cell_rect (f->sheet, 1, 2, &cell);
  g_assert_cmpfloat (cell.origin.x + cell.size.width, >, body.origin.x + body.size.width);
  render (f, &p);
  pixels = p.data;
  for (double y = cell.origin.y + 3; y < cell.origin.y + cell.size.height - 3; y++)
    for (double x = body.origin.x + body.size.width - 8; x < body.origin.x + body.size.width - 1; x++)
      {
        guint32 rgb = pixel_at (&p, x, y);
        int luma = (((rgb >> 16) & 0xff) * 3 + ((rgb >> 8) & 0xff) * 6 + (rgb & 0xff)) / 10;

        dark += luma < 120;
      }
  g_assert_cmpint (dark, ==, 0);
}

static void
test_locked (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) block = g_string_new (NULL);

  for (guint r = 0; r < shequ_eval_sheet_get_n_rows (f->eval.sheet); r++)
    g_string_append (block, "9\t18\t9\n");
  g_assert_true (shequ_eval_sheet_paste (f->eval.sheet, 0, 0, block->str, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (shequ_eval_store_submit (f->eval.store, f->eval.assessor_id, NULL, &error));
  g_assert_no_error (error);

  /* Typing is refused with a message, and nothing changes. */
  shequ_score_sheet_set_cursor (f->sheet, 0, 0);
  g_assert_false (shequ_score_sheet_start_editing (f->sheet, "5"));
  g_assert_false (shequ_score_sheet_is_editing (f->sheet));
  g_assert_nonnull (shequ_score_sheet_get_message (f->sheet));
  gtk_widget_activate_action (GTK_WIDGET (f->sheet), "sheet.clear", NULL);
  g_assert_cmpint (stored (f, 0, 0), ==, 900);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->sheet), "sheet.move", "(ii)", 1, 0));
  assert_cursor (f, 0, 1);
}

static void
test_accessible (Fixture       *f,
                 gconstpointer  data)
{
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (f->sheet)), ==,
                   GTK_ACCESSIBLE_ROLE_GRID);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (f->sheet), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Scoring sheet of 李评, 2026年第三季度");
  shequ_score_sheet_set_cursor (f->sheet, 1, 0);
  type_cell (f, "8.5", 0, 0);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (f->sheet),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "社区2 — 支部建设: 8.5 / 10");
  shequ_score_sheet_set_cursor (f->sheet, 1, 1);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (f->sheet),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "社区2 — 办事效率: empty / 20");
  g_assert_true (shequ_score_sheet_start_editing (f->sheet, NULL));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (shequ_score_sheet_get_editor (f->sheet)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Score for 社区2 — 办事效率, maximum 20");
}

int
main (int   argc,
      char *argv[])
{
  shequ_test_gtk_init (&argc, &argv);

  g_test_add ("/score-sheet/type-and-draw", Fixture, NULL, fixture_set_up, test_type_and_draw,
              fixture_tear_down);
  g_test_add ("/score-sheet/keys", Fixture, NULL, fixture_set_up, test_keys, fixture_tear_down);
  g_test_add ("/score-sheet/copy-paste", Fixture, NULL, fixture_set_up, test_copy_paste,
              fixture_tear_down);
  g_test_add ("/score-sheet/invalid", Fixture, NULL, fixture_set_up, test_invalid,
              fixture_tear_down);
  g_test_add ("/score-sheet/comment-popover", Fixture, NULL, fixture_set_up,
              test_comment_popover, fixture_tear_down);
  g_test_add ("/score-sheet/undo", Fixture, NULL, fixture_set_up, test_undo, fixture_tear_down);
  g_test_add ("/score-sheet/undo-stays", Fixture, NULL, fixture_set_up, test_undo_stays,
              fixture_tear_down);
  g_test_add ("/score-sheet/frozen-edge", Fixture, NULL, fixture_set_up, test_frozen_edge,
              fixture_tear_down);
  g_test_add ("/score-sheet/locked", Fixture, NULL, fixture_set_up, test_locked,
              fixture_tear_down);
  g_test_add ("/score-sheet/accessible", Fixture, NULL, fixture_set_up, test_accessible,
              fixture_tear_down);

  return g_test_run ();
}
