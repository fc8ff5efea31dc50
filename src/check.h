/* check: tolerant comparison of two CSV tables.
 *
 * ACTUAL is compared with EXPECTED cell by cell.  Columns are matched by
 * header name (exactly, in any order); rows by key columns, or by position
 * when no key is given.  Two cells agree when
 *   - their text is identical, or
 *   - both are "missing": empty, or a number that is NaN ("nan", "NaN"),
 *     so empty = NaN (finfacts and pandas write NaN as an empty cell), or
 *   - both are numbers (anything strtod reads whole, spaces around allowed)
 *     and |a - e| <= atol + rtol * |e| (numpy.isclose with EXPECTED as the
 *     reference); infinities agree only with the same infinity.
 * Any other pair (text against a number, text against other text) differs.
 * Key cells are compared as text, exactly.
 *
 * Every difference goes to a callback, in this order: missing and extra
 * columns, then rows in ACTUAL's order (differing cells, extra rows), then
 * rows of EXPECTED that ACTUAL lacks.  Bad input (unreadable file, empty
 * file, ragged row, a key or --tol column that neither header has, a
 * repeated header name, a repeated key) is an error, not a difference.
 *
 * With a key, EXPECTED is held in memory (hashed by key) and ACTUAL is
 * streamed; without one, both are streamed side by side.  */
#ifndef CHECK_H
#define CHECK_H

#include <stddef.h>

#include "csvio.h"
#include "ff_error.h"

#define CHECK_RTOL 1e-9   /* default relative tolerance */
#define CHECK_ATOL 0.0    /* default absolute tolerance */

/* A tolerance for one column, overriding the defaults. */
struct check_tol {
	const char *column;
	double rtol, atol;
};

struct check_opts {
	const char *const *key;      /* key column names; nkey 0 = row order */
	size_t nkey;
	double rtol, atol;
	const struct check_tol *tol; /* per-column tolerances */
	size_t ntol;
	const char *const *columns;  /* compare only these; ncolumns 0 = all */
	size_t ncolumns;
	int ignore_extra_columns;    /* ACTUAL may have columns EXPECTED lacks */
	int ignore_extra_rows;       /* ACTUAL may have rows EXPECTED lacks */
};

/* Defaults: row order, rtol CHECK_RTOL, atol CHECK_ATOL, all columns. */
void check_opts_init(struct check_opts *o);

enum check_kind {
	CHECK_VALUE,          /* a cell differs */
	CHECK_MISSING_ROW,    /* EXPECTED has the row, ACTUAL does not */
	CHECK_EXTRA_ROW,      /* ACTUAL has the row, EXPECTED does not */
	CHECK_MISSING_COLUMN,
	CHECK_EXTRA_COLUMN,
};

/* One difference.  Strings are valid during the callback only; absent
 * parts are "" (strings), 0 (lines, row) or NaN (differences). */
struct check_diff {
	enum check_kind kind;
	const char *key;      /* key values joined by '|', "" in row order */
	long row;             /* 1-based data row (of ACTUAL, else EXPECTED) */
	long line_actual;     /* physical lines the rows start on */
	long line_expected;
	const char *column;
	const char *actual;   /* the cells as written */
	const char *expected;
	double abs_diff;      /* |a - e| when both are numbers */
	double rel_diff;      /* |a - e| / |e| (inf when e = 0 and a != 0) */
};

typedef void (*check_fn)(const struct check_diff *d, void *ctx);

struct check_summary {
	size_t rows_actual, rows_expected;
	size_t columns;        /* columns compared (key columns excluded) */
	size_t cells;          /* cells compared */
	size_t cells_differ;
	size_t rows_missing, rows_extra;
	size_t columns_missing, columns_extra;
	double max_rel;        /* largest rel_diff among numeric cells */
	char max_rel_column[128];
};

/* 1 when the summary records any difference. */
int check_differ(const struct check_summary *s);

/* Compares the files (either may be "-", not both); on_diff (may be NULL)
 * sees each difference.  0 when the comparison ran (check_differ(s) says
 * whether the tables agree), -1 on bad input (err filled).  */
int check_files(const char *actual, const char *expected,
		const struct check_opts *o, check_fn on_diff, void *ctx,
		struct check_summary *s, struct ff_error *err);

/* Compares two cells under the rules above: 1 agree, 0 differ.  *abs and
 * *rel get the differences when both are non-missing numbers, else NaN. */
int check_cells(const char *a, size_t alen, const char *e, size_t elen,
		double rtol, double atol, double *abs, double *rel);

/* Parses "COL=RTOL[:ATOL]" (ATOL defaults to 0); t->column points into
 * spec.  0, or -1 with err filled. */
int check_parse_tol(char *spec, struct check_tol *t, struct ff_error *err);

/* The report: a CSV with the header below and one row per difference.
 * kind,key,row,actual_line,expected_line,column,actual,expected,
 * abs_diff,rel_diff  */
void check_report_header(struct csvio_writer *w);
void check_report_row(const struct check_diff *d, void *writer);
const char *check_kind_name(enum check_kind k);

#endif
