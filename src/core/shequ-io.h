/* shequ-io.h — import and export of units and people as CSV and JSON */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "shequ-org-store.h"

G_BEGIN_DECLS

#define SHEQU_IO_ERROR (shequ_io_error_quark ())

typedef enum {
  SHEQU_IO_ERROR_READ,         /* the file cannot be read */
  SHEQU_IO_ERROR_ENCODING,     /* neither valid UTF-8 nor GBK */
  SHEQU_IO_ERROR_FORMAT,       /* not CSV / JSON of the expected shape, bad header */
  SHEQU_IO_ERROR_INVALID,      /* bad lines: the message lists every one and why */
  SHEQU_IO_ERROR_WRITE,
} ShequIoError;

GQuark shequ_io_error_quark (void);

typedef enum {
  SHEQU_IO_FORMAT_AUTO,   /* by file name extension (.csv / .json) */
  SHEQU_IO_FORMAT_CSV,
  SHEQU_IO_FORMAT_JSON,
} ShequIoFormat;

typedef enum {
  SHEQU_IO_ENCODING_AUTO,  /* UTF-8 (with or without BOM) when valid, else GBK */
  SHEQU_IO_ENCODING_UTF8,
  SHEQU_IO_ENCODING_GBK,
} ShequIoEncoding;

/* Units CSV header (English keys; the Chinese headers in brackets are accepted too):
 *   code[编码],name[名称],tier[层级],parent_code[上级编码],party_body[党组织],
 *   service_body[服务阵地],population[人口],households[户数],note[备注]
 * People CSV, one line per post:
 *   person_code[人员编码],name[姓名],phone[电话],unit_code[单位编码],role[岗位],title[职务]
 * JSON: {"units":[{"code":…,"name":…,…}]} and {"people":[{"code":…,"name":…,"phone":…,
 *   "posts":[{"unit_code":…,"role":…,"title":…}]}]}
 *
 * Import validates the whole file first (columns, numbers, tiers, unknown parent codes,
 * duplicate codes, cycles, Excel-mangled codes like 3.71326E+11) and reports every bad
 * line in one SHEQU_IO_ERROR_INVALID; only then upserts by code in one undoable change.
 * The message is a heading naming the file, then one line per kind of problem with the
 * lines (or JSON records) it was seen on, compressed ("Lines 3–62: 人口 is not a whole
 * number ≥ 0 (“不详”)"), in the column and tier names the file itself uses.
 *
 * Counts accept what Excel and WPS write: "1,200", full-width digits, blanks around them
 * (U+3000 too); each is at most SHEQU_MAX_UNIT_FIGURE. Population and households go on
 * the units at the bottom of the tree only: a line that gives figures to a unit with
 * sub-units after the import (in the database or created by the same file), or puts a
 * unit under one that keeps its own figures, is refused with its line named. Unlike the
 * GUI, which asks and then moves a leaf's figures to its first new child, an import never
 * moves figures by itself: the file says where they go (give the parent empty figures and
 * the children theirs). The store refuses the same on every other path too.
 *
 * JSON nested deeper than the formats need is refused before it is parsed, and numbers
 * are quoted in messages as the file wrote them.
 * N_UNITS/N_PEOPLE (nullable) get the number of rows imported. */
gboolean shequ_io_import_units  (ShequOrgStore    *store,
                                 GFile            *file,
                                 ShequIoFormat     format,
                                 ShequIoEncoding   encoding,
                                 guint            *n_units,
                                 GError          **error);
gboolean shequ_io_import_people (ShequOrgStore    *store,
                                 GFile            *file,
                                 ShequIoFormat     format,
                                 ShequIoEncoding   encoding,
                                 guint            *n_people,
                                 GError          **error);
/* Export writes UTF-8 (CSV with a BOM so Excel and WPS open it), parents before children. */
gboolean shequ_io_export_units  (ShequOrgStore    *store,
                                 GFile            *file,
                                 ShequIoFormat     format,
                                 GError          **error);
gboolean shequ_io_export_people (ShequOrgStore    *store,
                                 GFile            *file,
                                 ShequIoFormat     format,
                                 GError          **error);

/* Same, from bytes already in memory (FILENAME names the source in messages):
 * shequ_io_import_read() then shequ_io_import_apply(). */
gboolean shequ_io_import_units_from_bytes  (ShequOrgStore   *store,
                                            GBytes          *bytes,
                                            const char      *filename,
                                            ShequIoFormat    format,
                                            ShequIoEncoding  encoding,
                                            guint           *n_units,
                                            GError         **error);
gboolean shequ_io_import_people_from_bytes (ShequOrgStore   *store,
                                            GBytes          *bytes,
                                            const char      *filename,
                                            ShequIoFormat    format,
                                            ShequIoEncoding  encoding,
                                            guint           *n_people,
                                            GError         **error);

/* The same in two steps, for importing off the main thread. */
typedef enum {
  SHEQU_IO_TABLE_UNITS,
  SHEQU_IO_TABLE_PEOPLE,
} ShequIoTable;

typedef struct _ShequIoImport ShequIoImport;

/* Any thread, no store: decodes, parses and checks the file on its own (columns, numbers,
 * codes, duplicates within the file, JSON depth); SHEQU_IO_ERROR on failure. A file that
 * cannot be read as a table fails here; the problems of single lines are found here too
 * but reported by shequ_io_import_apply() together with those against the tree, so that
 * one message still names every bad line. Touches no store and no shared object. */
ShequIoImport *shequ_io_import_read      (ShequIoTable     table,
                                          GBytes          *bytes,
                                          const char      *filename,
                                          ShequIoFormat    format,
                                          ShequIoEncoding  encoding,
                                          GError         **error);
ShequIoImport *shequ_io_import_ref       (ShequIoImport   *import);
void           shequ_io_import_unref     (ShequIoImport   *import);
ShequIoTable   shequ_io_import_get_table (ShequIoImport   *import);
/* The lines (CSV) or records (JSON; for people one per post) read from the file. */
guint          shequ_io_import_get_n_records (ShequIoImport *import);
/* Main thread: checks the records against the tree (parents, cycles, figures on leaves,
 * codes in the database), builds one undoable change (origin import) and applies it,
 * reading the tree again and retrying when another program wrote meanwhile.
 * N_ROWS (nullable): units or people imported. */
gboolean       shequ_io_import_apply     (ShequIoImport   *import,
                                          ShequOrgStore   *store,
                                          guint           *n_rows,
                                          GError         **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShequIoImport, shequ_io_import_unref)

G_END_DECLS
