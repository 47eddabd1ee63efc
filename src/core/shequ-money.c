/* shequ-money.c — money as integer fen: read as staff type it, shown as yuan */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-money"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-money.h"

G_DEFINE_QUARK (shequ-money-error-quark, shequ_money_error)

/* Where the normalized text had ¥ or ￥: a byte no typed text keeps (see normalize). */
#define YUAN_MARK '\x01'

static gboolean
is_blank (gunichar c)
{
  /* g_unichar_isspace covers U+3000 and the no-break spaces; U+FEFF is a stray BOM. */
  return g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F || c == 0xFEFF;
}

/* TEXT with the input methods' and spreadsheets' variants made ASCII: full-width digits,
 * points, commas and signs; "。" as the point. Currency marks and blanks are kept as
 * they are (the parser places them). NULL for invalid UTF-8. */
static char *
normalize (const char *text)
{
  GString *out;

  if (!g_utf8_validate (text, -1, NULL))
    return NULL;
  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0xFF10 && c <= 0xFF19)
        g_string_append_c (out, (char) ('0' + (c - 0xFF10)));
      else if (c == 0xFF0E || c == 0x3002)     /* ． 。 */
        g_string_append_c (out, '.');
      else if (c == 0xFF0C)                     /* ， */
        g_string_append_c (out, ',');
      else if (c == 0x2212 || c == 0xFF0D)      /* − － */
        g_string_append_c (out, '-');
      else if (c == 0xFF0B)                     /* ＋ */
        g_string_append_c (out, '+');
      else if (c == 0xFFE5 || c == 0x00A5)      /* ￥ ¥ */
        g_string_append_c (out, YUAN_MARK);
      else if (is_blank (c))
        g_string_append_c (out, ' ');
      else if (c == YUAN_MARK)
        g_string_append_c (out, '?');           /* typed, it is no yuan sign */
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static const char *
skip_blanks (const char *p)
{
  while (*p == ' ')
    p++;
  return p;
}

/* The digits of the yuan: "1234" or "1,234,567" (groups of three after a first of one
 * to three digits, or no commas at all). Advances *P; FALSE for a misplaced comma. */
static gboolean
read_yuan (const char **p,
           guint64     *yuan,
           gboolean    *too_large)
{
  const char *s = *p;
  guint n_digits = 0;
  guint group = 0;
  gboolean grouped = FALSE;

  *yuan = 0;
  for (; *s != '\0'; s++)
    {
      if (*s == ',')
        {
          /* The first group has one to three digits, each later one exactly three. */
          if (n_digits == 0 || group == 0 || group > 3 || (grouped && group != 3))
            return FALSE;
          grouped = TRUE;
          group = 0;
          continue;
        }
      if (!g_ascii_isdigit (*s))
        break;
      if (*yuan > (guint64) SHEQU_FEN_MAX)
        *too_large = TRUE;
      else
        *yuan = *yuan * 10 + (guint64) (*s - '0');
      n_digits++;
      group++;
    }
  if (n_digits == 0 || (grouped && group != 3))
    return FALSE;
  *p = s;
  return TRUE;
}

static void
set_not_a_number (const char  *text,
                  GError     **error)
{
  g_set_error (error, SHEQU_MONEY_ERROR, SHEQU_MONEY_ERROR_NOT_A_NUMBER,
               _("“%s” is not an amount of money: write it in yuan, such as 1234.50"),
               text);
}

/* The number in the normalized text S, after the sign and currency mark: yuan, then
 * "." and at most two decimals, then "元" and blanks. */
static gboolean
read_amount (const char  *s,
             const char  *text,
             guint64     *fen,
             GError     **error)
{
  guint64 yuan = 0;
  guint cents = 0;
  gboolean too_large = FALSE;

  if (!read_yuan (&s, &yuan, &too_large))
    {
      set_not_a_number (text, error);
      return FALSE;
    }
  if (*s == '.')
    {
      guint n = 0;

      for (s++; g_ascii_isdigit (*s); s++, n++)
        if (n < 2)
          cents = cents * 10 + (guint) (*s - '0');
      if (n == 0)
        {
          set_not_a_number (text, error);
          return FALSE;
        }
      if (n > 2)
        {
          g_set_error (error, SHEQU_MONEY_ERROR, SHEQU_MONEY_ERROR_PRECISION,
                       _("“%s” has more than two decimals: an amount is in yuan and fen"),
                       text);
          return FALSE;
        }
      if (n == 1)
        cents *= 10;
    }
  s = skip_blanks (s);
  if (g_str_has_prefix (s, "元"))
    s = skip_blanks (s + strlen ("元"));
  if (*s != '\0')
    {
      set_not_a_number (text, error);
      return FALSE;
    }
  if (too_large || yuan > (guint64) SHEQU_FEN_MAX / 100 ||
      yuan * 100 + cents > (guint64) SHEQU_FEN_MAX)
    {
      g_autofree char *max = shequ_money_format_grouped (SHEQU_FEN_MAX);

      g_set_error (error, SHEQU_MONEY_ERROR, SHEQU_MONEY_ERROR_RANGE,
                   _("“%s” is too large: an amount is at most %s yuan"), text, max);
      return FALSE;
    }
  *fen = yuan * 100 + cents;
  return TRUE;
}

gboolean
shequ_money_parse (const char            *text,
                   ShequMoneyParseFlags   flags,
                   ShequFen              *fen,
                   GError               **error)
{
  g_autofree char *normal = NULL;
  g_autofree char *shown = NULL;
  const char *s;
  gboolean negative = FALSE;
  gboolean sign = FALSE;
  gboolean mark = FALSE;
  guint64 value;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (fen != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  shown = g_utf8_make_valid (text, -1);
  normal = normalize (text);
  if (normal == NULL)
    {
      set_not_a_number (shown, error);
      return FALSE;
    }
  s = skip_blanks (normal);
  /* "-¥12.30" and "¥-12.30" are both what people write. */
  for (guint i = 0; i < 2; i++)
    {
      if (!sign && (*s == '-' || *s == '+'))
        {
          sign = TRUE;
          negative = *s == '-';
          s = skip_blanks (s + 1);
        }
      else if (!mark && *s == YUAN_MARK)
        {
          mark = TRUE;
          s = skip_blanks (s + 1);
        }
    }
  if (sign && !(flags & SHEQU_MONEY_PARSE_ALLOW_NEGATIVE))
    {
      g_set_error (error, SHEQU_MONEY_ERROR, SHEQU_MONEY_ERROR_NEGATIVE,
                   _("“%s” has a sign: the amount here must be zero or more, "
                     "written without one"), shown);
      return FALSE;
    }
  if (!read_amount (s, shown, &value, error))
    return FALSE;
  *fen = negative ? -(ShequFen) value : (ShequFen) value;
  return TRUE;
}

/* "1234.50", or grouped "1,234.50"; any gint64, G_MININT64 included. */
static char *
format_fen (ShequFen fen,
            gboolean grouped)
{
  guint64 magnitude = fen < 0 ? (guint64) 0 - (guint64) fen : (guint64) fen;
  char digits[32];
  GString *out = g_string_sized_new (32);
  guint n;

  g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, magnitude / 100);
  n = (guint) strlen (digits);
  if (fen < 0)
    g_string_append_c (out, '-');
  for (guint i = 0; i < n; i++)
    {
      if (grouped && i > 0 && (n - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  g_string_append_printf (out, ".%02u", (guint) (magnitude % 100));
  return g_string_free (out, FALSE);
}

char *
shequ_money_format (ShequFen fen)
{
  return format_fen (fen, FALSE);
}

char *
shequ_money_format_grouped (ShequFen fen)
{
  return format_fen (fen, TRUE);
}

gboolean
shequ_money_add (ShequFen  a,
                 ShequFen  b,
                 ShequFen *sum)
{
  ShequFen result;

  g_return_val_if_fail (sum != NULL, FALSE);

  /* SHEQU_FEN_MAX × 10^6 is beyond a gint64: the bound is the type's own. */
  if (__builtin_add_overflow (a, b, &result))
    return FALSE;
  *sum = result;
  return TRUE;
}
