/* test-org-change.c — a change: rows in order, read back, reference counted */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "shequ-org-change.h"

static ShequUnitRow *
unit_row (gint64      id,
          gint64      parent_id,
          const char *name)
{
  ShequUnitRow *row = shequ_unit_row_new ();

  row->id = id;
  row->parent_id = parent_id;
  row->tier = SHEQU_TIER_GRID;
  row->code = g_strdup_printf ("c%" G_GINT64_FORMAT, id);
  row->name = g_strdup (name);
  return row;
}

static void
assert_unit_puts (ShequOrgChange *change,
                  const gint64   *ids,
                  guint           n_ids)
{
  g_assert_cmpuint (shequ_org_change_get_n_unit_puts (change), ==, n_ids);
  for (guint i = 0; i < n_ids; i++)
    g_assert_cmpint (shequ_org_change_get_unit_put (change, i)->id, ==, ids[i]);
}

static void
test_change_order (void)
{
  g_autoptr(ShequOrgChange) change = shequ_org_change_new (SHEQU_ORG_ORIGIN_IMPORT, "Import");
  g_auto(GValue) value = G_VALUE_INIT;
  /* No hash order gives these back as they were put. */
  const gint64 ids[] = { 907, 3, 55, 1000001, 12 };
  const gint64 after_delete[] = { 907, 55, 1000001, 12 };
  const gint64 after_put_again[] = { 907, 55, 1000001, 12, 3 };
  ShequPersonRow *person;
  ShequPostRow *post;
  ShequOrgChange *copy;

  g_assert_true (shequ_org_change_is_empty (change));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    shequ_org_change_put_unit (change, unit_row (ids[i], i > 0 ? ids[i - 1] : 0, "a"));
  assert_unit_puts (change, ids, G_N_ELEMENTS (ids));
  g_assert_false (shequ_org_change_is_empty (change));

  /* Put again: the first place, the last image. */
  shequ_org_change_put_unit (change, unit_row (55, 3, "b"));
  assert_unit_puts (change, ids, G_N_ELEMENTS (ids));
  g_assert_cmpstr (shequ_org_change_get_unit_put (change, 2)->name, ==, "b");
  g_assert_cmpstr (shequ_org_change_lookup_unit (change, 55)->name, ==, "b");

  /* A delete drops the put; the others keep their order. */
  shequ_org_change_delete_unit (change, 3);
  shequ_org_change_delete_unit (change, 77);
  assert_unit_puts (change, after_delete, G_N_ELEMENTS (after_delete));
  g_assert_null (shequ_org_change_lookup_unit (change, 3));
  g_assert_cmpuint (shequ_org_change_get_n_unit_deletes (change), ==, 2);
  g_assert_cmpint (shequ_org_change_get_unit_delete (change, 0), ==, 3);
  g_assert_cmpint (shequ_org_change_get_unit_delete (change, 1), ==, 77);

  /* Putting it again drops the delete, and it comes last. */
  shequ_org_change_put_unit (change, unit_row (3, 0, "c"));
  assert_unit_puts (change, after_put_again, G_N_ELEMENTS (after_put_again));
  g_assert_cmpuint (shequ_org_change_get_n_unit_deletes (change), ==, 1);
  g_assert_cmpint (shequ_org_change_get_unit_delete (change, 0), ==, 77);

  /* People and posts the same way. */
  person = shequ_person_row_new ();
  person->id = 9;
  person->code = g_strdup ("P9");
  person->name = g_strdup ("王建国");
  shequ_org_change_put_person (change, person);
  post = shequ_post_row_new ();
  post->id = 5;
  post->person_id = 9;
  post->unit_id = 907;
  shequ_org_change_put_post (change, post);
  shequ_org_change_delete_post (change, 8);
  shequ_org_change_delete_person (change, 4);
  g_assert_cmpuint (shequ_org_change_get_n_person_puts (change), ==, 1);
  g_assert_cmpstr (shequ_org_change_get_person_put (change, 0)->name, ==, "王建国");
  g_assert_true (shequ_org_change_lookup_person (change, 9) == person);
  g_assert_cmpuint (shequ_org_change_get_n_person_deletes (change), ==, 1);
  g_assert_cmpint (shequ_org_change_get_person_delete (change, 0), ==, 4);
  g_assert_cmpuint (shequ_org_change_get_n_post_puts (change), ==, 1);
  g_assert_true (shequ_org_change_get_post_put (change, 0) == post);
  g_assert_true (shequ_org_change_lookup_post (change, 5) == post);
  g_assert_cmpuint (shequ_org_change_get_n_post_deletes (change), ==, 1);
  g_assert_cmpint (shequ_org_change_get_post_delete (change, 0), ==, 8);
  shequ_org_change_delete_post (change, 5);
  g_assert_cmpuint (shequ_org_change_get_n_post_puts (change), ==, 0);
  g_assert_cmpuint (shequ_org_change_get_n_post_deletes (change), ==, 2);

  g_assert_cmpint (shequ_org_change_get_origin (change), ==, SHEQU_ORG_ORIGIN_IMPORT);
  g_assert_cmpstr (shequ_org_change_get_label (change), ==, "Import");
  g_assert_false (shequ_org_change_get_bulk (change));
  shequ_org_change_set_bulk (change, TRUE);
  g_assert_true (shequ_org_change_get_bulk (change));

  /* Reference counted, and a boxed type, as a signal argument needs. */
  g_value_init (&value, SHEQU_TYPE_ORG_CHANGE);
  g_value_set_boxed (&value, change);
  copy = g_value_dup_boxed (&value);
  g_assert_true (copy == change);
  shequ_org_change_unref (copy);
  g_value_unset (&value);
  assert_unit_puts (change, after_put_again, G_N_ELEMENTS (after_put_again));

  {
    g_autoptr(ShequOrgChange) empty = shequ_org_change_new (SHEQU_ORG_ORIGIN_SYNC, NULL);

    g_assert_cmpstr (shequ_org_change_get_label (empty), ==, "");
    g_assert_cmpint (shequ_org_change_get_origin (empty), ==, SHEQU_ORG_ORIGIN_SYNC);
  }
}


static ShequGeoShape *
triangle (double x)
{
  ShequGeoPoint points[] = { { x, 35 }, { x + 0.1, 35 }, { x, 35.1 }, { x, 35 } };
  ShequGeoRing ring = { points, G_N_ELEMENTS (points) };
  ShequGeoShape *shape = shequ_geo_shape_new ();

  shequ_geo_shape_add_polygon (shape, &ring, 1);
  return shape;
}

static ShequPlaceRow *
place_row (gint64      id,
           const char *name)
{
  ShequPlaceRow *row = shequ_place_row_new ();

  row->id = id;
  row->unit_id = 1;
  row->kind = SHEQU_PLACE_CANTEEN;
  row->name = g_strdup (name);
  return row;
}

/* Boundaries and places keep the same rules as the other kinds. */
static void
test_change_geo (void)
{
  g_autoptr(ShequOrgChange) change = shequ_org_change_new (SHEQU_ORG_ORIGIN_IMPORT, "geo");
  g_autoptr(ShequGeoShape) a = triangle (117);
  g_autoptr(ShequGeoShape) b = triangle (118);
  gint64 unit_id = 0;

  shequ_org_change_put_boundary (change, 30, a);
  shequ_org_change_put_boundary (change, 10, a);
  shequ_org_change_put_boundary (change, 20, a);
  g_assert_false (shequ_org_change_is_empty (change));
  /* Put twice: first place, last shape. */
  shequ_org_change_put_boundary (change, 10, b);
  g_assert_cmpuint (shequ_org_change_get_n_boundary_puts (change), ==, 3);
  g_assert_true (shequ_org_change_get_boundary_put (change, 1, &unit_id) == b);
  g_assert_cmpint (unit_id, ==, 10);
  g_assert_true (shequ_org_change_lookup_boundary (change, 30) == a);

  /* A delete drops the put; putting again drops the delete and comes last. */
  shequ_org_change_delete_boundary (change, 30);
  g_assert_null (shequ_org_change_lookup_boundary (change, 30));
  g_assert_cmpuint (shequ_org_change_get_n_boundary_puts (change), ==, 2);
  g_assert_cmpuint (shequ_org_change_get_n_boundary_deletes (change), ==, 1);
  g_assert_cmpint (shequ_org_change_get_boundary_delete (change, 0), ==, 30);
  shequ_org_change_put_boundary (change, 30, b);
  g_assert_cmpuint (shequ_org_change_get_n_boundary_deletes (change), ==, 0);
  shequ_org_change_get_boundary_put (change, 2, &unit_id);
  g_assert_cmpint (unit_id, ==, 30);

  shequ_org_change_put_place (change, place_row (7, "甲"));
  shequ_org_change_put_place (change, place_row (3, "乙"));
  shequ_org_change_put_place (change, place_row (7, "丙"));
  g_assert_cmpuint (shequ_org_change_get_n_place_puts (change), ==, 2);
  g_assert_cmpstr (shequ_org_change_get_place_put (change, 0)->name, ==, "丙");
  shequ_org_change_delete_place (change, 3);
  g_assert_null (shequ_org_change_lookup_place (change, 3));
  g_assert_cmpint (shequ_org_change_get_place_delete (change, 0), ==, 3);
  g_assert_cmpuint (shequ_org_change_get_n_place_puts (change), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/org-change/order-and-accessors", test_change_order);
  g_test_add_func ("/org-change/boundaries-and-places", test_change_geo);
  return g_test_run ();
}
