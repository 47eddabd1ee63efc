/* test-eval-sheet.c — the scoring sheet's model: cells as text, validation, paste, copy, undo, locking */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-eval-sheet"

#include "config.h"

#include <math.h>
#include <string.h>

#include "eval-sheet-fixture.h"

/* ---- The TSV reader and writer -------------------------------------------------- */

static GPtrArray *
parse_ok (const char *tsv)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = shequ_eval_parse_tsv (tsv, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static void
assert_row (GPtrArray  *rows,
            guint       i,
            const char *const *cells)
{
  g_assert_cmpuint (i, <, rows->len);
  g_assert_cmpstrv (g_ptr_array_index (rows, i), cells);
}

static void
test_tsv_excel (void)
{
  g_autoptr(GPtrArray) excel = parse_ok ("8.5\t9\t\r\n\t6\t7\r\n");
  g_autoptr(GPtrArray) wps = parse_ok ("8.5\t9\n7\t6");
  g_autoptr(GPtrArray) blank = parse_ok ("\r\n");
  g_autoptr(GPtrArray) gap = parse_ok ("1\n\n2\n");
  g_autoptr(GPtrArray) none = parse_ok ("");

  /* Excel: CRLF, the trailing line end ignored, empty cells kept. */
  g_assert_cmpuint (excel->len, ==, 2);
  assert_row (excel, 0, (const char *[]) { "8.5", "9", "", NULL });
  assert_row (excel, 1, (const char *[]) { "", "6", "7", NULL });
  /* WPS on Linux: LF, no trailing line end. */
  g_assert_cmpuint (wps->len, ==, 2);
  assert_row (wps, 1, (const char *[]) { "7", "6", NULL });
  /* One empty cell copied is one empty cell pasted; an empty row in a block stays. */
  g_assert_cmpuint (blank->len, ==, 1);
  assert_row (blank, 0, (const char *[]) { "", NULL });
  g_assert_cmpuint (gap->len, ==, 3);
  assert_row (gap, 1, (const char *[]) { "", NULL });
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_tsv_quoted (void)
{
  g_autoptr(GPtrArray) rows =
    parse_ok ("\"first\nsecond\"\t\"say \"\"hi\"\"\"\r\n\"a\tb\"\t5\"\r\n");

  g_assert_cmpuint (rows->len, ==, 2);
  /* A quoted cell keeps its line break and its doubled quotes become one. */
  assert_row (rows, 0, (const char *[]) { "first\nsecond", "say \"hi\"", NULL });
  /* A tab inside quotes is text; a quote inside an unquoted cell is text. */
  assert_row (rows, 1, (const char *[]) { "a\tb", "5\"", NULL });
}

static void
test_tsv_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) many = g_string_new (NULL);
  GPtrArray *rows;

  rows = shequ_eval_parse_tsv ("8\t9\n\"open\t7\n6\n", &error);
  g_assert_null (rows);
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Line 2"));
  g_clear_error (&error);

  rows = shequ_eval_parse_tsv ("8\t9\n7\t\xff\n", &error);
  g_assert_null (rows);
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Line 2"));
  g_clear_error (&error);

  for (guint i = 0; i < SHEQU_EVAL_TSV_MAX_CELLS / 10; i++)
    g_string_append (many, "1\t2\t3\t4\t5\t6\t7\t8\t9\t10\n");
  rows = shequ_eval_parse_tsv (many->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, SHEQU_EVAL_TSV_MAX_CELLS / 10);
  g_ptr_array_unref (rows);
  g_string_append (many, "1\n");
  rows = shequ_eval_parse_tsv (many->str, &error);
  g_assert_null (rows);
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_INVALID);
}

static void
test_tsv_round_trip (void)
{
  const char *cells[] = { "8.5", "", "two\nlines", "\"quoted\"", "tab\there", "a\"b", "\r" };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) rows = NULL;

  /* A byte order mark at the very start of a cell is text, not the text's mark. */
  shequ_eval_tsv_append_row (out, (const char *[]) { "\xEF\xBB\xBF", "9" }, 2);
  shequ_eval_tsv_append_row (out, cells, G_N_ELEMENTS (cells));
  shequ_eval_tsv_append_row (out, (const char *[]) { "" }, 1);
  rows = parse_ok (out->str);
  g_assert_cmpuint (rows->len, ==, 3);
  assert_row (rows, 0, (const char *[]) { "\xEF\xBB\xBF", "9", NULL });
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    g_assert_cmpstr (((char **) g_ptr_array_index (rows, 1))[i], ==, cells[i]);
  assert_row (rows, 2, (const char *[]) { "", NULL });
}

/* ---- The sheet over a store ----------------------------------------------------- */

static void
test_sheet_shape (void)
{
  EvalFixture f;

  eval_fixture_init (&f, 4);
  g_assert_cmpuint (shequ_eval_sheet_get_n_rows (f.sheet), ==, 4);
  g_assert_cmpuint (shequ_eval_sheet_get_n_columns (f.sheet), ==, 3);
  g_assert_cmpuint (shequ_eval_sheet_get_n_cells (f.sheet), ==, 12);
  g_assert_cmpuint (shequ_eval_sheet_get_n_filled (f.sheet), ==, 0);
  g_assert_cmpstr (shequ_eval_sheet_get_target (f.sheet, 0)->name, ==, "社区1");
  g_assert_cmpstr (shequ_eval_sheet_get_indicator (f.sheet, 1)->name, ==, "办事效率");
  g_assert_true (shequ_eval_sheet_is_editable (f.sheet));
  g_assert_false (shequ_eval_sheet_is_submitted (f.sheet));
  eval_fixture_clear (&f);
}

static void
assert_text (EvalFixture *f,
             guint        row,
             guint        column,
             const char  *expected)
{
  g_autofree char *text = shequ_eval_sheet_get_text (f->sheet, row, column);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_sheet_text_round_trip (void)
{
  EvalFixture f;
  ShequScore value = 0;

  eval_fixture_init (&f, 2);
  eval_fixture_commit (&f, 0, 0, "8.5", NULL);
  assert_text (&f, 0, 0, "8.5");
  g_assert_cmpint (shequ_eval_sheet_get_value (f.sheet, 0, 0), ==, 850);
  /* The store holds what the sheet shows. */
  g_assert_true (shequ_eval_store_get_score (f.store, f.assessor_id,
                                             shequ_eval_sheet_get_target (f.sheet, 0)->id,
                                             shequ_eval_sheet_get_indicator (f.sheet, 0)->id,
                                             &value, NULL));
  g_assert_cmpint (value, ==, 850);

  eval_fixture_commit (&f, 0, 1, " 17.25 ", NULL);
  assert_text (&f, 0, 1, "17.25");
  /* What a Chinese IME types. */
  eval_fixture_commit (&f, 1, 0, "９．５", NULL);
  assert_text (&f, 1, 0, "9.5");
  g_assert_cmpuint (shequ_eval_sheet_get_n_filled (f.sheet), ==, 3);

  /* An empty cell clears it. */
  eval_fixture_commit (&f, 0, 0, "", NULL);
  assert_text (&f, 0, 0, "");
  g_assert_cmpint (shequ_eval_sheet_get_value (f.sheet, 0, 0), ==, SHEQU_SCORE_NONE);
  g_assert_cmpuint (shequ_eval_sheet_get_n_filled (f.sheet), ==, 2);
  eval_fixture_clear (&f);
}

static void
assert_refused (EvalFixture *f,
                guint        row,
                guint        column,
                const char  *text,
                int          code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = shequ_eval_sheet_get_text (f->sheet, row, column);

  g_assert_false (shequ_eval_sheet_validate (f->sheet, row, column, text, NULL, NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, code);
  /* The message names the target and the indicator. */
  g_assert_nonnull (strstr (error->message, shequ_eval_sheet_get_target (f->sheet, row)->name));
  g_assert_nonnull (strstr (error->message,
                            shequ_eval_sheet_get_indicator (f->sheet, column)->name));
  g_clear_error (&error);
  g_assert_false (shequ_eval_sheet_commit (f->sheet, row, column, text, NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, code);
  assert_text (f, row, column, before);
}

static void
test_sheet_validate (void)
{
  EvalFixture f;

  eval_fixture_init (&f, 2);
  eval_fixture_commit (&f, 1, 0, "9", NULL);
  /* Column 0's maximum is 10, column 1's 20. */
  assert_refused (&f, 1, 0, "10.5", SHEQU_EVAL_ERROR_RANGE);
  assert_refused (&f, 1, 0, "-1", SHEQU_EVAL_ERROR_RANGE);
  assert_refused (&f, 1, 0, "abc", SHEQU_EVAL_ERROR_NOT_A_NUMBER);
  assert_refused (&f, 1, 0, "8.555", SHEQU_EVAL_ERROR_NOT_A_NUMBER);
  assert_refused (&f, 1, 0, "1e1", SHEQU_EVAL_ERROR_NOT_A_NUMBER);
  assert_refused (&f, 1, 1, "20.01", SHEQU_EVAL_ERROR_RANGE);
  g_assert_true (shequ_eval_sheet_validate (f.sheet, 1, 1, "20", NULL, NULL, NULL));
  g_assert_true (shequ_eval_sheet_validate (f.sheet, 1, 1, "0", "无台账", NULL, NULL));
  g_assert_true (shequ_eval_sheet_validate (f.sheet, 1, 1, "", NULL, NULL, NULL));
  g_assert_cmpint (shequ_eval_sheet_get_value (f.sheet, 1, 0), ==, 900);
  eval_fixture_clear (&f);
}

static void
test_sheet_comment_required (void)
{
  g_autoptr(GError) error = NULL;
  gboolean needs = FALSE;
  EvalFixture f;

  eval_fixture_init (&f, 2);
  /* Below 0.6 × 10 = 6 needs a comment; 6 itself does not. */
  g_assert_true (shequ_eval_sheet_validate (f.sheet, 0, 0, "6", NULL, &needs, NULL));
  g_assert_false (needs);
  g_assert_false (shequ_eval_sheet_needs_comment (f.sheet, 0, 0, "6"));
  g_assert_true (shequ_eval_sheet_needs_comment (f.sheet, 0, 0, "5.99"));
  assert_refused (&f, 0, 0, "5.99", SHEQU_EVAL_ERROR_COMMENT);
  g_assert_false (shequ_eval_sheet_validate (f.sheet, 0, 0, "3", "  ", &needs, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_COMMENT);
  g_assert_true (needs);

  /* With its comment it is written, and the comment is kept with it. */
  eval_fixture_commit (&f, 0, 0, "3", "台账缺失");
  g_assert_cmpstr (shequ_eval_sheet_get_comment (f.sheet, 0, 0), ==, "台账缺失");
  /* A later low score keeps the cell's comment when none is given. */
  eval_fixture_commit (&f, 0, 0, "4", NULL);
  g_assert_cmpstr (shequ_eval_sheet_get_comment (f.sheet, 0, 0), ==, "台账缺失");
  assert_text (&f, 0, 0, "4");
  eval_fixture_clear (&f);
}

typedef struct {
  guint n_cells_changed;
  guint first, n_rows;
  guint n_state_changed;
} Signals;

static void
on_cells_changed (ShequEvalSheet *sheet,
                  guint           row,
                  guint           n_rows,
                  Signals        *s)
{
  s->n_cells_changed++;
  s->first = row;
  s->n_rows = n_rows;
}

static void
on_state_changed (ShequEvalSheet *sheet,
                  Signals        *s)
{
  s->n_state_changed++;
}

static void
test_sheet_total_and_band (void)
{
  Signals s = { 0, };
  ShequBand band = SHEQU_BAND_RED;
  EvalFixture f;
  double total;

  eval_fixture_init (&f, 3);
  /* The first score moves the period to scoring (which redraws everything). */
  eval_fixture_commit (&f, 2, 0, "10", NULL);
  g_signal_connect (f.sheet, "cells-changed", G_CALLBACK (on_cells_changed), &s);
  g_signal_connect (f.sheet, "state-changed", G_CALLBACK (on_state_changed), &s);

  total = shequ_eval_sheet_get_row_total (f.sheet, 1, &band);
  g_assert_true (isnan (total));
  g_assert_cmpint (band, ==, SHEQU_BAND_NONE);

  eval_fixture_commit (&f, 1, 0, "8.5", NULL);
  g_assert_cmpuint (s.n_cells_changed, ==, 1);
  g_assert_cmpuint (s.first, ==, 1);
  g_assert_cmpuint (s.n_rows, ==, 1);
  g_assert_cmpuint (s.n_state_changed, >=, 1);
  /* Partly filled: a total of what is there, no band yet. */
  total = shequ_eval_sheet_get_row_total (f.sheet, 1, &band);
  g_assert_cmpfloat_with_epsilon (total, 34.0, 0.001);
  g_assert_cmpint (band, ==, SHEQU_BAND_NONE);

  eval_fixture_commit (&f, 1, 1, "17", NULL);
  eval_fixture_commit (&f, 1, 2, "8.5", NULL);
  total = shequ_eval_sheet_get_row_total (f.sheet, 1, &band);
  g_assert_cmpfloat_with_epsilon (total, 85.0, 0.001);
  g_assert_cmpint (band, ==, SHEQU_BAND_GREEN);

  eval_fixture_commit (&f, 1, 2, "8", NULL);
  total = shequ_eval_sheet_get_row_total (f.sheet, 1, &band);
  g_assert_cmpfloat_with_epsilon (total, 83.5, 0.001);
  g_assert_cmpint (band, ==, SHEQU_BAND_ORANGE);

  eval_fixture_commit (&f, 1, 0, "2", "党支部未换届");
  total = shequ_eval_sheet_get_row_total (f.sheet, 1, &band);
  g_assert_cmpfloat_with_epsilon (total, 8.0 + 25.5 + 24.0, 0.001);
  g_assert_cmpint (band, ==, SHEQU_BAND_RED);
  g_assert_cmpuint (shequ_eval_sheet_get_n_filled (f.sheet), ==, 4);
  /* The other rows did not move. */
  g_assert_true (isnan (shequ_eval_sheet_get_row_total (f.sheet, 0, NULL)));
  eval_fixture_clear (&f);
}

static void
snapshot_cells (EvalFixture *f,
                char       **out)
{
  *out = shequ_eval_sheet_copy (f->sheet, 0, 0, shequ_eval_sheet_get_n_rows (f->sheet),
                                shequ_eval_sheet_get_n_columns (f->sheet));
}

static void
test_sheet_paste_all_or_nothing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint n_cells = 99;
  EvalFixture f;

  eval_fixture_init (&f, 4);
  eval_fixture_commit (&f, 2, 2, "7", NULL);
  snapshot_cells (&f, &before);

  /* Line 2, column 3 of the block lands on 社区3 × 矛盾调解 (max 10): 25 is too much. */
  g_assert_false (shequ_eval_sheet_paste (f.sheet, 1, 0, "9\t18\t9\r\n8\t16\t25\r\n", &n_cells,
                                          &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_RANGE);
  g_assert_nonnull (strstr (error->message, "line 2, column 3"));
  g_assert_nonnull (strstr (error->message, "社区3"));
  g_assert_nonnull (strstr (error->message, "矛盾调解"));
  g_assert_cmpuint (n_cells, ==, 0);
  snapshot_cells (&f, &after);
  g_assert_cmpstr (after, ==, before);
  g_clear_error (&error);

  /* Not a number in the middle: nothing either. */
  g_assert_false (shequ_eval_sheet_paste (f.sheet, 0, 0, "9\t18\n8\tx\n7\t15\n", NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_NOT_A_NUMBER);
  g_assert_nonnull (strstr (error->message, "line 2, column 2"));
  g_assert_nonnull (strstr (error->message, "社区2"));
  g_clear_pointer (&after, g_free);
  snapshot_cells (&f, &after);
  g_assert_cmpstr (after, ==, before);
  g_clear_error (&error);

  /* A low score without a comment refuses the block too. */
  g_assert_false (shequ_eval_sheet_paste (f.sheet, 0, 0, "9\t18\t2\n", NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_COMMENT);
  g_clear_error (&error);

  /* A good block goes in whole; an empty cell in it clears. */
  g_assert_true (shequ_eval_sheet_paste (f.sheet, 1, 0, "9\t18\t9\r\n8\t16\t\r\n", &n_cells,
                                         &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_cells, ==, 6);
  assert_text (&f, 1, 1, "18");
  assert_text (&f, 2, 1, "16");
  assert_text (&f, 2, 2, "");
  g_assert_cmpuint (shequ_eval_sheet_get_n_filled (f.sheet), ==, 5);
  eval_fixture_clear (&f);
}

static void
test_sheet_paste_edge (void)
{
  g_autoptr(GError) error = NULL;
  EvalFixture f;

  eval_fixture_init (&f, 3);
  /* Two columns from the last column. */
  g_assert_false (shequ_eval_sheet_paste (f.sheet, 0, 2, "9\t9\n", NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "社区1"));
  g_clear_error (&error);
  /* Two rows from the last row. */
  g_assert_false (shequ_eval_sheet_paste (f.sheet, 2, 0, "9\n9\n", NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (shequ_eval_sheet_paste (f.sheet, 3, 0, "9\n", NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (shequ_eval_sheet_paste (f.sheet, 0, 0, "\"9\n", NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_INVALID);
  g_assert_cmpuint (shequ_eval_sheet_get_n_filled (f.sheet), ==, 0);
  eval_fixture_clear (&f);
}

static void
test_sheet_paste_quoted (void)
{
  g_autoptr(GError) error = NULL;
  EvalFixture f;

  eval_fixture_init (&f, 2);
  /* Excel quotes a cell with a line break; a score cell with blanks around it is fine. */
  g_assert_true (shequ_eval_sheet_paste (f.sheet, 0, 0, "\" 9 \"\t\"18\"\r\n", NULL, &error));
  g_assert_no_error (error);
  assert_text (&f, 0, 0, "9");
  assert_text (&f, 0, 1, "18");
  g_assert_false (shequ_eval_sheet_paste (f.sheet, 0, 0, "\"9\n5\"\r\n", NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_NOT_A_NUMBER);
  g_assert_nonnull (strstr (error->message, "line 1, column 1"));
  assert_text (&f, 0, 0, "9");
  eval_fixture_clear (&f);
}

static void
test_sheet_copy_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tsv = NULL;
  g_autofree char *again = NULL;
  EvalFixture f;

  eval_fixture_init (&f, 4);
  eval_fixture_commit (&f, 0, 0, "8.5", NULL);
  eval_fixture_commit (&f, 0, 1, "17.25", NULL);
  eval_fixture_commit (&f, 1, 0, "10", NULL);
  eval_fixture_commit (&f, 1, 2, "9", NULL);

  tsv = shequ_eval_sheet_copy (f.sheet, 0, 0, 2, 3);
  g_assert_cmpstr (tsv, ==, "8.5\t17.25\t\n10\t\t9\n");
  g_assert_true (shequ_eval_sheet_paste (f.sheet, 2, 0, tsv, NULL, &error));
  g_assert_no_error (error);
  again = shequ_eval_sheet_copy (f.sheet, 2, 0, 2, 3);
  g_assert_cmpstr (again, ==, tsv);
  g_assert_cmpfloat (shequ_eval_sheet_get_row_total (f.sheet, 3, NULL), ==,
                     shequ_eval_sheet_get_row_total (f.sheet, 1, NULL));
  eval_fixture_clear (&f);
}

static void
test_sheet_undo (void)
{
  g_autoptr(GError) error = NULL;
  guint row = 0, column = 0;
  EvalFixture f;

  eval_fixture_init (&f, 3);
  g_assert_false (shequ_eval_sheet_can_undo (f.sheet));
  g_assert_false (shequ_eval_sheet_undo (f.sheet, NULL, NULL, &error));
  g_assert_no_error (error);

  eval_fixture_commit (&f, 2, 1, "15", NULL);
  eval_fixture_commit (&f, 2, 1, "12", NULL);
  g_assert_true (shequ_eval_sheet_paste (f.sheet, 0, 0, "1\t2\n3\t4\n", NULL, NULL) == FALSE);
  g_assert_true (shequ_eval_sheet_paste (f.sheet, 0, 0, "10\t20\n9\t19\n", NULL, &error));
  g_assert_no_error (error);

  /* The paste is one step. */
  g_assert_true (shequ_eval_sheet_undo (f.sheet, &row, &column, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (row, ==, 0);
  g_assert_cmpuint (column, ==, 0);
  g_assert_cmpuint (shequ_eval_sheet_get_n_filled (f.sheet), ==, 1);
  g_assert_true (shequ_eval_sheet_undo (f.sheet, &row, &column, &error));
  g_assert_cmpuint (row, ==, 2);
  g_assert_cmpuint (column, ==, 1);
  assert_text (&f, 2, 1, "15");
  g_assert_true (shequ_eval_sheet_can_redo (f.sheet));
  g_assert_true (shequ_eval_sheet_redo (f.sheet, NULL, NULL, &error));
  assert_text (&f, 2, 1, "12");
  g_assert_true (shequ_eval_sheet_undo (f.sheet, NULL, NULL, &error));
  g_assert_true (shequ_eval_sheet_undo (f.sheet, NULL, NULL, &error));
  assert_text (&f, 2, 1, "");
  g_assert_false (shequ_eval_sheet_can_undo (f.sheet));
  g_assert_no_error (error);

  /* A new edit drops what could be redone. */
  g_assert_true (shequ_eval_sheet_can_redo (f.sheet));
  eval_fixture_commit (&f, 0, 0, "5", "扣分");
  g_assert_false (shequ_eval_sheet_can_redo (f.sheet));
  /* Undoing brings the comment back too (none). */
  g_assert_true (shequ_eval_sheet_undo (f.sheet, NULL, NULL, &error));
  g_assert_null (shequ_eval_sheet_get_comment (f.sheet, 0, 0));
  eval_fixture_clear (&f);
}

static void
fill_sheet (EvalFixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) block = g_string_new (NULL);

  for (guint r = 0; r < shequ_eval_sheet_get_n_rows (f->sheet); r++)
    g_string_append (block, "9\t18\t9\n");
  g_assert_true (shequ_eval_sheet_paste (f->sheet, 0, 0, block->str, NULL, &error));
  g_assert_no_error (error);
}

static void
test_sheet_locked (void)
{
  g_autoptr(GError) error = NULL;
  Signals s = { 0, };
  EvalFixture f;
  guint n_state;

  eval_fixture_init (&f, 2);
  g_signal_connect (f.sheet, "state-changed", G_CALLBACK (on_state_changed), &s);
  fill_sheet (&f);
  g_assert_true (shequ_eval_sheet_can_undo (f.sheet));
  n_state = s.n_state_changed;
  g_assert_true (shequ_eval_store_submit (f.store, f.assessor_id, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (s.n_state_changed, >, n_state);
  g_assert_true (shequ_eval_sheet_is_submitted (f.sheet));
  g_assert_false (shequ_eval_sheet_is_editable (f.sheet));

  g_assert_false (shequ_eval_sheet_commit (f.sheet, 0, 0, "5", "x", &error));
  g_assert_true (g_error_matches (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_SUBMITTED) ||
                 g_error_matches (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_CLOSED));
  g_clear_error (&error);
  g_assert_false (shequ_eval_sheet_paste (f.sheet, 0, 0, "5\n", NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (shequ_eval_sheet_clear (f.sheet, 0, 0, 1, 1, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (shequ_eval_sheet_undo (f.sheet, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  assert_text (&f, 0, 0, "9");

  g_assert_true (shequ_eval_store_reopen (f.store, f.assessor_id, "复核", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (shequ_eval_sheet_is_editable (f.sheet));
  g_assert_true (shequ_eval_sheet_clear (f.sheet, 0, 0, 2, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shequ_eval_sheet_get_n_filled (f.sheet), ==, 2);
  eval_fixture_clear (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/eval-sheet/tsv/excel", test_tsv_excel);
  g_test_add_func ("/eval-sheet/tsv/quoted", test_tsv_quoted);
  g_test_add_func ("/eval-sheet/tsv/refused", test_tsv_refused);
  g_test_add_func ("/eval-sheet/tsv/round-trip", test_tsv_round_trip);
  g_test_add_func ("/eval-sheet/shape", test_sheet_shape);
  g_test_add_func ("/eval-sheet/text-round-trip", test_sheet_text_round_trip);
  g_test_add_func ("/eval-sheet/validate", test_sheet_validate);
  g_test_add_func ("/eval-sheet/comment-required", test_sheet_comment_required);
  g_test_add_func ("/eval-sheet/total-and-band", test_sheet_total_and_band);
  g_test_add_func ("/eval-sheet/paste/all-or-nothing", test_sheet_paste_all_or_nothing);
  g_test_add_func ("/eval-sheet/paste/edge", test_sheet_paste_edge);
  g_test_add_func ("/eval-sheet/paste/quoted", test_sheet_paste_quoted);
  g_test_add_func ("/eval-sheet/copy-round-trip", test_sheet_copy_round_trip);
  g_test_add_func ("/eval-sheet/undo", test_sheet_undo);
  g_test_add_func ("/eval-sheet/locked", test_sheet_locked);

  return g_test_run ();
}
