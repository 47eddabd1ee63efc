/* test-score-sheet.c — the scoring grid and page under Xvfb: typing, what is drawn, undo, locking */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-score-sheet"

#include "config.h"

#include <math.h>
#include <string.h>

#include "eval-sheet-fixture.h"
#include "shequ-score-sheet-private.h"
#include "shequ-scoring-page.h"
#include "shequ-test-gtk-util.h"

typedef struct {
  EvalFixture      eval;
  GtkWidget       *window;
  ShequScoreSheet *sheet;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();

  eval_fixture_init (&f->eval, GPOINTER_TO_UINT (data) > 0 ? GPOINTER_TO_UINT (data) : 4);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 500);
  f->sheet = SHEQU_SCORE_SHEET (shequ_score_sheet_new ());
  shequ_score_sheet_set_sheet (f->sheet, f->eval.sheet);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (f->sheet));
  gtk_window_set_child (GTK_WINDOW (f->window), scroller);
  gtk_window_present (GTK_WINDOW (f->window));
  shequ_test_wait_for_draw (GTK_WIDGET (f->sheet));
  gtk_widget_grab_focus (GTK_WIDGET (f->sheet));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  shequ_test_destroy_window (&f->window);
  eval_fixture_clear (&f->eval);
}

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

/* WIDGET as its window's renderer draws it. */
static GdkTexture *
render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  return gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                      node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

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

/* Sends KEYVAL to the grid's own key controller, as a key press reaches it. */
static gboolean
press_key (Fixture         *f,
           guint            keyval,
           GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->sheet));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      gboolean handled = FALSE;

      if (!GTK_IS_EVENT_CONTROLLER_KEY (controller) ||
          gtk_event_controller_get_propagation_phase (controller) != GTK_PHASE_CAPTURE)
        continue;
      g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
      return handled;
    }
  g_assert_not_reached ();
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

/* ---- The page ------------------------------------------------------------------- */

static GtkWidget *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }
  return NULL;
}

static const char *
label_text (GtkWidget  *root,
            const char *needle)
{
  for (GtkWidget *w = gtk_widget_get_first_child (root); w != NULL; w = gtk_widget_get_next_sibling (w))
    {
      const char *found;

      if (GTK_IS_LABEL (w) && strstr (gtk_label_get_text (GTK_LABEL (w)), needle) != NULL)
        return gtk_label_get_text (GTK_LABEL (w));
      if ((found = label_text (w, needle)) != NULL)
        return found;
    }
  return NULL;
}

static void
test_page_submit (void)
{
  EvalFixture f;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = shequ_scoring_page_new ();
  ShequScoreSheet *sheet;
  GtkWidget *dialog;

  eval_fixture_init (&f, 2);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 500);
  gtk_window_set_child (GTK_WINDOW (window), page);
  shequ_scoring_page_set_store (SHEQU_SCORING_PAGE (page), f.store);
  gtk_window_present (GTK_WINDOW (window));
  sheet = shequ_scoring_page_get_sheet (SHEQU_SCORING_PAGE (page));
  g_assert_true (shequ_score_sheet_get_sheet (sheet) != NULL);
  g_assert_cmpint (shequ_eval_sheet_get_assessor_id (shequ_score_sheet_get_sheet (sheet)), ==,
                   f.assessor_id);
  g_assert_nonnull (label_text (page, "0 of 6 cells filled"));

  /* Incomplete: refused, with how many cells are empty. */
  g_assert_true (gtk_widget_activate_action (page, "scoring.submit", NULL));
  g_assert_null (find_dialog ());
  g_assert_nonnull (label_text (page, "6 cells are empty"));

  g_assert_true (shequ_eval_sheet_paste (shequ_score_sheet_get_sheet (sheet), 0, 0,
                                         "9\t18\t9\n8\t16\t8\n", NULL, NULL));
  g_assert_nonnull (label_text (page, "6 of 6 cells filled"));
  g_assert_true (gtk_widget_activate_action (page, "scoring.submit", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_assert_true (shequ_eval_sheet_is_submitted (shequ_score_sheet_get_sheet (sheet)));
  g_assert_nonnull (label_text (page, "Submitted"));

  /* Reopening without a reason is refused; with one the sheet takes edits again. */
  g_assert_true (gtk_widget_activate_action (page, "scoring.reopen", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_assert_true (shequ_eval_sheet_is_submitted (shequ_score_sheet_get_sheet (sheet)));
  g_assert_true (gtk_widget_activate_action (page, "scoring.reopen", NULL));
  dialog = find_dialog ();
  gtk_editable_set_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (dialog), "reason-entry")),
                         "复核发现录入错误");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_assert_false (shequ_eval_sheet_is_submitted (shequ_score_sheet_get_sheet (sheet)));
  g_assert_true (shequ_eval_sheet_is_editable (shequ_score_sheet_get_sheet (sheet)));

  shequ_test_destroy_window (&window);
  eval_fixture_clear (&f);
}

static const EvalFixtureIndicator look_indicators[] = {
  { "I01", "转作风", "工作作风", 10, 1000 },
  { "I02", "提标准", "服务标准", 10, 1000 },
  { "I03", "抓落实", "任务落实", 15, 1500 },
  { "I04", "党建引领", "支部建设", 15, 1500 },
  { "I05", "党建引领", "党员管理", 10, 1000 },
  { "I06", "为民服务", "办事效率", 10, 1000 },
  { "I07", "为民服务", "群众满意度", 10, 1000 },
  { "I08", "平安法治", "矛盾调解", 10, 1000 },
  { "I09", "孝善德治", "孝善养老", 10, 1000 },
};

/* ---- Speed ---------------------------------------------------------------------- */

/* Snapshot and render times while the sheet scrolls through N_STEPS positions. */
static void
measure_scrolling (Fixture *f,
                   guint    n_steps,
                   double   step_rows)
{
  GtkWidget *widget = GTK_WIDGET (f->sheet);
  GtkScrollable *scrollable = GTK_SCROLLABLE (f->sheet);
  GtkAdjustment *vadj = gtk_scrollable_get_vadjustment (scrollable);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (f->window));
  gint64 snap_total = 0, snap_max = 0, render_total = 0, render_max = 0;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  double row_height = gtk_adjustment_get_step_increment (vadj);

  for (guint i = 0; i < n_steps; i++)
    {
      g_autoptr(GskRenderNode) node = NULL;
      g_autoptr(GdkTexture) texture = NULL;
      GtkSnapshot *snapshot;
      double upper = gtk_adjustment_get_upper (vadj) - gtk_adjustment_get_page_size (vadj);
      gint64 t0, t1, t2;

      gtk_adjustment_set_value (vadj, fmod (i * step_rows * row_height, upper));
      t0 = g_get_monotonic_time ();
      snapshot = gtk_snapshot_new ();
      GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      t1 = g_get_monotonic_time ();
      texture = gsk_renderer_render_texture (renderer, node,
                                             &GRAPHENE_RECT_INIT (0, 0, width, height));
      t2 = g_get_monotonic_time ();
      snap_total += t1 - t0;
      snap_max = MAX (snap_max, t1 - t0);
      render_total += t2 - t1;
      render_max = MAX (render_max, t2 - t1);
    }
  g_test_message ("%ux%d px, %u rows × %u columns, step %.1f rows: snapshot mean %.2f ms max %.2f ms;"
                  " render mean %.2f ms max %.2f ms",
                  width, height, shequ_eval_sheet_get_n_rows (f->eval.sheet),
                  shequ_eval_sheet_get_n_columns (f->eval.sheet), step_rows,
                  snap_total / 1000.0 / n_steps, snap_max / 1000.0,
                  render_total / 1000.0 / n_steps, render_max / 1000.0);
}

/* 10,000 targets × 30 indicators, every cell filled: a benchmark, run when
 * SHEQU_SHEET_BENCH is set (tests never assert on time). */
static void
test_bench (void)
{
  EvalFixtureIndicator indicators[30];
  g_autoptr(GString) block = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  GtkWidget *scroller;
  Fixture f;
  gint64 t0;

  if (g_getenv ("SHEQU_SHEET_BENCH") == NULL)
    {
      g_test_skip ("set SHEQU_SHEET_BENCH to run the benchmark");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (indicators); i++)
    {
      g_autofree char *code = g_strdup_printf ("I%02u", i + 1);
      g_autofree char *name = g_strdup_printf ("%s%u", look_indicators[i % 9].name, i / 9 + 1);

      indicators[i].code = g_intern_string (code);
      indicators[i].category = look_indicators[i % 9].category;
      indicators[i].name = g_intern_string (name);
      indicators[i].weight = i < 10 ? 4 : 3;
      indicators[i].max = 1000;
    }
  t0 = g_get_monotonic_time ();
  eval_fixture_init_full (&f.eval, 10000, indicators, G_N_ELEMENTS (indicators));
  g_test_message ("made 10,000 targets in %.1f s", (g_get_monotonic_time () - t0) / 1e6);
  for (guint r = 0; r < 3000; r++)
    g_string_append (block, "9\t8.5\t7\t10\t9.5\t8\t9\t9\t9\t9\t8\t7\t9\t9\t9\t9\t8\t9\t9\t9"
                            "\t9\t8\t9\t9\t9\t9\t8\t9\t9\t6\n");
  t0 = g_get_monotonic_time ();
  g_assert_true (shequ_eval_sheet_paste (f.eval.sheet, 0, 0, block->str, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("pasted 3,000 × 30 cells in %.1f s", (g_get_monotonic_time () - t0) / 1e6);

  f.window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f.window), 1920, 1080);
  scroller = gtk_scrolled_window_new ();
  f.sheet = SHEQU_SCORE_SHEET (shequ_score_sheet_new ());
  shequ_score_sheet_set_sheet (f.sheet, f.eval.sheet);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (f.sheet));
  gtk_window_set_child (GTK_WINDOW (f.window), scroller);
  gtk_window_present (GTK_WINDOW (f.window));
  shequ_test_wait_for_draw (GTK_WIDGET (f.sheet));

  /* What the renderer takes for a plain colour of that size, to tell its share. */
  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(GskRenderNode) node =
        gsk_color_node_new (&(GdkRGBA) { 1, 1, 1, 1 }, &GRAPHENE_RECT_INIT (0, 0, 1900, 1000));
      g_autoptr(GdkTexture) texture =
        gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (f.window)), node,
                                     &GRAPHENE_RECT_INIT (0, 0, 1900, 1000));
    }
  g_test_message ("a plain 1900×1000 colour renders in %.2f ms",
                  (g_get_monotonic_time () - t0) / 1000.0 / 50);
  measure_scrolling (&f, 300, 1);
  measure_scrolling (&f, 300, 37.3);
  /* Across the columns too. */
  gtk_adjustment_set_value (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (f.sheet)), 1000);
  measure_scrolling (&f, 300, 997);

  /* Real frames: one row a frame through the frame clock. */
  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < 120; i++)
    {
      GtkAdjustment *vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f.sheet));

      gtk_adjustment_set_value (vadj, gtk_adjustment_get_value (vadj) + 29);
      shequ_test_wait_frames (GTK_WIDGET (f.sheet), 1);
    }
  g_test_message ("120 frames scrolled in %.0f ms (%.1f ms a frame); the sheet's own snapshots "
                  "averaged %.2f ms", (g_get_monotonic_time () - t0) / 1000.0,
                  (g_get_monotonic_time () - t0) / 1000.0 / 120,
                  f.sheet->snapshot_us / 1000.0 / MAX (f.sheet->n_snapshots, 1));
  fixture_tear_down (&f, NULL);
}

/* ---- How it looks ---------------------------------------------------------------- */


/* Saves WINDOW as DIR/NAME.png. */
static void
save_shot (GtkWidget  *window,
           const char *dir,
           const char *name)
{
  g_autoptr(GdkTexture) texture = render_widget (window);
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);

  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
}

/* Plausible scores, deterministic: most cells filled, a few low with a comment. */
static void
fill_plausibly (EvalFixture *f,
                guint        n_rows)
{
  g_autoptr(GArray) edits = g_array_new (FALSE, FALSE, sizeof (ShequScoreEdit));
  g_autoptr(GError) error = NULL;
  guint n_columns = shequ_eval_sheet_get_n_columns (f->sheet);

  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < n_columns; c++)
      {
        const ShequIndicatorRow *ind = shequ_eval_sheet_get_indicator (f->sheet, c);
        guint h = (r * 7919 + c * 104729) % 1000;
        ShequScoreEdit e = { f->assessor_id, shequ_eval_sheet_get_target (f->sheet, r)->id,
                             ind->id, SHEQU_SCORE_NONE, NULL };

        if (r >= n_rows - 3 && c >= n_columns - 1 - r % 3)
          continue;
        e.value = ind->max_score - (ShequScore) ((h % 40) * ind->max_score / 100 / 50 * 50);
        if (r % 11 == 5 && c % 4 == 1)
          {
            e.value = ind->max_score / 2;
            e.comment = "台账资料不全，扣分";
          }
        g_array_append_val (edits, e);
      }
  g_assert_true (shequ_eval_store_set_scores (f->store, (ShequScoreEdit *) edits->data,
                                              edits->len, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
look_at_page (const char *name)
{
  const char *dir = g_getenv ("SHEQU_TEST_SHOTS");
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = shequ_scoring_page_new ();
  ShequScoreSheet *sheet;
  GtkWidget *popover;
  EvalFixture f;

  eval_fixture_init_full (&f, 40, look_indicators, G_N_ELEMENTS (look_indicators));
  fill_plausibly (&f, 40);
  gtk_window_set_default_size (GTK_WINDOW (window), 1920, 1080);
  gtk_window_set_child (GTK_WINDOW (window), page);
  shequ_scoring_page_set_store (SHEQU_SCORING_PAGE (page), f.store);
  gtk_window_present (GTK_WINDOW (window));
  sheet = shequ_scoring_page_get_sheet (SHEQU_SCORING_PAGE (page));
  shequ_score_sheet_set_cursor (sheet, 5, 1);
  gtk_widget_grab_focus (GTK_WIDGET (sheet));
  shequ_score_sheet_start_editing (sheet, "1");
  gtk_editable_set_text (GTK_EDITABLE (shequ_score_sheet_get_editor (sheet)), "12");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sheet), "sheet.move", "(ii)", 1, 0));
  g_assert_nonnull (shequ_score_sheet_get_message (sheet));
  shequ_test_wait_for_draw (GTK_WIDGET (sheet));
  shequ_test_wait_frames (window, 3);
  g_assert_cmpint (gtk_widget_get_width (window), ==, 1920);
  if (dir != NULL)
    save_shot (window, dir, name);

  /* The comment a low score asks for, in its popover. */
  shequ_score_sheet_set_cursor (sheet, 7, 2);
  shequ_score_sheet_start_editing (sheet, "3");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sheet), "sheet.move", "(ii)", 1, 0));
  popover = gtk_widget_get_ancestor (shequ_score_sheet_get_comment_entry (sheet), GTK_TYPE_POPOVER);
  g_assert_true (gtk_widget_get_visible (popover));
  shequ_test_wait_frames (popover, 3);
  if (dir != NULL)
    {
      g_autofree char *popover_name = g_strconcat (name, "-comment", NULL);

      save_shot (popover, dir, popover_name);
    }
  gtk_popover_popdown (GTK_POPOVER (popover));

  /* Submitted: greyed, and the page says so. */
  if (dir != NULL)
    {
      g_autofree char *locked_name = g_strconcat (name, "-locked", NULL);
      g_autoptr(GString) block = g_string_new (NULL);

      shequ_score_sheet_set_cursor (sheet, 0, 0);
      for (guint r = 0; r < 40; r++)
        g_string_append (block, "9\t9\t13\t14\t9\t9\t9\t9\t9\n");
      g_assert_true (shequ_eval_sheet_paste (f.sheet, 0, 0, block->str, NULL, NULL));
      g_assert_true (shequ_eval_store_submit (f.store, f.assessor_id, NULL, NULL));
      shequ_test_wait_frames (window, 3);
      save_shot (window, dir, locked_name);
    }
  shequ_test_destroy_window (&window);
  eval_fixture_clear (&f);
}

static void
test_look (void)
{
  look_at_page ("eval-sheet-en");
}

static void
test_look_chinese (void)
{
  if (!shequ_test_use_chinese ())
    return;
  look_at_page ("eval-sheet-zh_CN");
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
  g_test_add ("/score-sheet/locked", Fixture, NULL, fixture_set_up, test_locked,
              fixture_tear_down);
  g_test_add ("/score-sheet/accessible", Fixture, NULL, fixture_set_up, test_accessible,
              fixture_tear_down);
  g_test_add_func ("/scoring-page/submit-and-reopen", test_page_submit);
  g_test_add_func ("/score-sheet/bench-10k", test_bench);
  g_test_add_func ("/scoring-page/look", test_look);
  /* Last: it switches the process to the Chinese UI. */
  g_test_add_func ("/scoring-page/look-zh-cn", test_look_chinese);

  return g_test_run ();
}
