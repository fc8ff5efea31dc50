/* check: the cell rule, tolerance parsing, table comparison (keyed and by
 * position), the report, and every bad-input error. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "csvio.h"
#include "unit_tmp.h"

/* ---- check_cells ---- */

static int agree(const char *a, const char *e, double rtol, double atol)
{
	double abs, rel;
	return check_cells(a, strlen(a), e, strlen(e), rtol, atol, &abs, &rel);
}

Test(check_cells, identical_text_agrees)
{
	cr_assert(agree("AAPL", "AAPL", 0, 0));
	cr_assert(agree("", "", 0, 0));
	cr_assert(agree("2024-01-02", "2024-01-02", 0, 0));
}

Test(check_cells, text_is_exact)
{
	cr_assert_not(agree("AAPL", "aapl", 1, 1));
	cr_assert_not(agree("AAPL ", "AAPL", 1, 1));
	cr_assert_not(agree("2024-01-02", "2024-01-03", 1, 1));
	cr_assert_not(agree("one", "1", 1, 1));
	cr_assert_not(agree("1", "one", 1, 1));
}

Test(check_cells, numbers_by_value_not_spelling)
{
	cr_assert(agree("1.5", "1.50", 0, 0));
	cr_assert(agree("1.5", "1.5e0", 0, 0));
	cr_assert(agree("150E-2", "1.5", 0, 0));
	cr_assert(agree(" 2 ", "2", 0, 0));
	cr_assert(agree("-0", "0", 0, 0));
	cr_assert(agree("+3", "3", 0, 0));
}

Test(check_cells, missing_values_agree_with_each_other)
{
	cr_assert(agree("", "NaN", 0, 0));
	cr_assert(agree("nan", "", 0, 0));
	cr_assert(agree("nan", "NaN", 0, 0));
	cr_assert(agree("-nan", "NAN", 0, 0));
	cr_assert_not(agree("", "0", 1, 1));
	cr_assert_not(agree("NaN", "1", 1, 1));
	cr_assert_not(agree("", "x", 1, 1));
	cr_assert_not(agree("NA", "", 1, 1));   /* "NA" is text, not missing */
}

Test(check_cells, infinities)
{
	cr_assert(agree("inf", "Infinity", 0, 0));
	cr_assert(agree("-inf", "-INF", 0, 0));
	cr_assert_not(agree("inf", "-inf", 1, 1));
	cr_assert_not(agree("1e308", "inf", 1, 1));
	cr_assert_not(agree("inf", "1e308", 1, 1));
	double abs, rel;
	check_cells("inf", 3, "5", 1, 0, 0, &abs, &rel);
	cr_assert(isinf(abs) && isinf(rel));
}

/* Boundaries in powers of two, so |a - e| and rtol * |e| are exact. */
Test(check_cells, rtol_boundary_is_inclusive)
{
	/* e = 1024, a = 1024 + 2^-20; rtol 2^-30 gives 2^-30 * 1024 = 2^-20. */
	cr_assert(agree("1024.00000095367431640625", "1024", 0x1p-30, 0));
	/* a = 1024 + 2^-19 is twice as far. */
	cr_assert_not(agree("1024.0000019073486328125", "1024", 0x1p-30, 0));
}

Test(check_cells, atol_and_zero)
{
	cr_assert(agree("1e-12", "0", 0, 1e-12));
	cr_assert_not(agree("1e-12", "0", 1, 0));   /* rtol is nothing at 0 */
	double abs, rel;
	check_cells("1e-12", 5, "0", 1, 0, 0, &abs, &rel);
	cr_assert_float_eq(abs, 1e-12, 1e-27);
	cr_assert(isinf(rel));
	/* atol + rtol*|e| add: 0.25 + 0.5*1 = 0.75 covers |1.75 - 1|. */
	cr_assert(agree("1.75", "1", 0.5, 0.25));
	cr_assert_not(agree("1.875", "1", 0.5, 0.25));
}

Test(check_cells, expected_is_the_reference)
{
	/* |3 - 2| = 1 <= 0.5*|2|; |2 - 3.5| = 1.5 <= 0.5*3.5 but |3.5 - 2| =
	 * 1.5 > 0.5*2: as numpy.isclose, the rule is not symmetric. */
	cr_assert(agree("3", "2", 0.5, 0));
	cr_assert(agree("2", "3.5", 0.5, 0));
	cr_assert_not(agree("3.5", "2", 0.5, 0));
}

Test(check_cells, reports_differences)
{
	double abs, rel;
	cr_assert_not(check_cells("184.26", 6, "184.25", 6, 1e-9, 0, &abs, &rel));
	/* 184.26 - 184.25 in doubles is 0.00999999999999090505... */
	cr_assert_float_eq(abs, 0.01, 1e-13);
	cr_assert_float_eq(rel, 0.01 / 184.25, 1e-15);
	cr_assert(check_cells("-2", 2, "-4", 2, 0.5, 0, &abs, &rel));
	cr_assert_eq(abs, 2);
	cr_assert_eq(rel, 0.5);
	check_cells("x", 1, "1", 1, 0, 0, &abs, &rel);
	cr_assert(isnan(abs) && isnan(rel));
}

/* ---- check_parse_tol ---- */

Test(check_tol, forms)
{
	struct check_tol t;
	struct ff_error err;
	char a[] = "close=1e-4", b[] = "close=0:0.5", c[] = "a=b=0.25";
	cr_assert_eq(check_parse_tol(a, &t, &err), 0);
	cr_assert_str_eq(t.column, "close");
	cr_assert_eq(t.rtol, 1e-4);
	cr_assert_eq(t.atol, 0);
	cr_assert_eq(check_parse_tol(b, &t, &err), 0);
	cr_assert_eq(t.rtol, 0);
	cr_assert_eq(t.atol, 0.5);
	cr_assert_eq(check_parse_tol(c, &t, &err), 0);
	cr_assert_str_eq(t.column, "a=b");   /* the last '=' splits */
	cr_assert_eq(t.rtol, 0.25);
}

Test(check_tol, rejects)
{
	const char *bad[] = {"close", "=1", "close=", "close=x", "close=-1",
			     "close=1:y", "close=1:-2", "close=inf", "close=nan"};
	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		char s[32];
		struct check_tol t;
		struct ff_error err = {0};
		snprintf(s, sizeof s, "%s", bad[k]);
		cr_assert_eq(check_parse_tol(s, &t, &err), -1, "%s accepted", bad[k]);
		cr_assert(strstr(err.msg, "--tol"), "%s: %s", bad[k], err.msg);
	}
}

/* ---- check_files ---- */

#define MAXD 16

struct got {
	int n;
	struct {
		enum check_kind kind;
		char key[64], column[32], actual[64], expected[64];
		long row, la, le;
		double abs, rel;
	} d[MAXD];
};

static void collect(const struct check_diff *d, void *ctx)
{
	struct got *g = ctx;
	cr_assert_lt(g->n, MAXD);
	g->d[g->n].kind = d->kind;
	snprintf(g->d[g->n].key, 64, "%s", d->key);
	snprintf(g->d[g->n].column, 32, "%s", d->column);
	snprintf(g->d[g->n].actual, 64, "%s", d->actual);
	snprintf(g->d[g->n].expected, 64, "%s", d->expected);
	g->d[g->n].row = d->row;
	g->d[g->n].la = d->line_actual;
	g->d[g->n].le = d->line_expected;
	g->d[g->n].abs = d->abs_diff;
	g->d[g->n].rel = d->rel_diff;
	g->n++;
}

static struct ut_dir dir;
static void setup(void) { ut_dir_init(&dir); }
static void teardown(void) { ut_dir_clean(&dir); }

/* Runs check on two strings as files; returns check_files' status. */
static int run(const char *actual, const char *expected,
	       const struct check_opts *o, struct got *g,
	       struct check_summary *s, struct ff_error *err)
{
	const char *a = ut_write(&dir, "actual.csv", actual, -1);
	const char *e = ut_write(&dir, "expected.csv", expected, -1);
	memset(g, 0, sizeof *g);
	memset(err, 0, sizeof *err);
	return check_files(a, e, o, collect, g, s, err);
}

static const char *const date_ticker[] = {"date", "ticker"};

static const char E1[] =
	"date,ticker,close,note\n"
	"2024-01-02,AAPL,185.64,first\n"
	"2024-01-03,AAPL,184.25,\n"
	"2024-01-02,MSFT,370.87,NaN\n";

TestSuite(check_files, .init = setup, .fini = teardown);

Test(check_files, row_order_agrees)
{
	struct check_opts o;
	struct got g;
	struct check_summary s;
	struct ff_error err;
	check_opts_init(&o);
	cr_assert_eq(run(E1, E1, &o, &g, &s, &err), 0, "%s", err.msg);
	cr_assert_not(check_differ(&s));
	cr_assert_eq(g.n, 0);
	cr_assert_eq(s.rows_actual, 3);
	cr_assert_eq(s.rows_expected, 3);
	cr_assert_eq(s.columns, 4);
	cr_assert_eq(s.cells, 12);
}

Test(check_files, defaults)
{
	struct check_opts o;
	check_opts_init(&o);
	cr_assert_eq(o.rtol, 1e-9);
	cr_assert_eq(o.atol, 0);
	cr_assert_eq(o.nkey, 0);
}

Test(check_files, keyed_any_row_and_column_order)
{
	const char *a =
		"note,close,ticker,date\r\n"
		",370.870,MSFT,2024-01-02\r\n"
		"first,185.64,AAPL,2024-01-02\r\n"
		",184.25,AAPL,2024-01-03\r\n";
	struct check_opts o;
	struct got g;
	struct check_summary s;
	struct ff_error err;
	check_opts_init(&o);
	o.key = date_ticker;
	o.nkey = 2;
	cr_assert_eq(run(a, E1, &o, &g, &s, &err), 0, "%s", err.msg);
	cr_assert_eq(g.n, 0, "%d diffs, first in %s", g.n, g.d[0].column);
	cr_assert_eq(s.columns, 2);   /* key columns are not compared */
	cr_assert_eq(s.cells, 6);
	/* Without the key, rows pair by position and differ. */
	o.nkey = 0;
	cr_assert_eq(run(a, E1, &o, &g, &s, &err), 0);
	cr_assert(check_differ(&s));
	cr_assert_eq(g.d[0].kind, CHECK_VALUE);
	cr_assert_str_eq(g.d[0].column, "ticker");
	cr_assert_eq(g.d[0].row, 1);
	cr_assert_str_eq(g.d[0].key, "");
}

Test(check_files, value_diff_report_fields)
{
	const char *a =
		"date,ticker,close,note\n"
		"2024-01-02,AAPL,185.64,first\n"
		"\n"
		"2024-01-03,AAPL,184.26,\n"
		"2024-01-02,MSFT,370.87,\n";
	struct check_opts o;
	struct got g;
	struct check_summary s;
	struct ff_error err;
	check_opts_init(&o);
	o.key = date_ticker;
	o.nkey = 2;
	cr_assert_eq(run(a, E1, &o, &g, &s, &err), 0);
	cr_assert_eq(g.n, 1);
	cr_assert_eq(g.d[0].kind, CHECK_VALUE);
	cr_assert_str_eq(g.d[0].key, "2024-01-03|AAPL");
	cr_assert_str_eq(g.d[0].column, "close");
	cr_assert_str_eq(g.d[0].actual, "184.26");
	cr_assert_str_eq(g.d[0].expected, "184.25");
	cr_assert_eq(g.d[0].row, 2);
	cr_assert_eq(g.d[0].la, 4);   /* after a blank line */
	cr_assert_eq(g.d[0].le, 3);
	cr_assert_float_eq(g.d[0].rel, 0.01 / 184.25, 1e-15);
	cr_assert_eq(s.cells_differ, 1);
	cr_assert_str_eq(s.max_rel_column, "close");
	cr_assert_float_eq(s.max_rel, 0.01 / 184.25, 1e-15);
}

Test(check_files, per_column_tolerance)
{
	const char *a =
		"date,ticker,close,note\n"
		"2024-01-02,AAPL,185.65,first\n"
		"2024-01-03,AAPL,184.25,\n"
		"2024-01-02,MSFT,370.87,NaN\n";
	struct check_tol tol = {"close", 1e-4, 0};
	struct check_opts o;
	struct got g;
	struct check_summary s;
	struct ff_error err;
	check_opts_init(&o);
	cr_assert_eq(run(a, E1, &o, &g, &s, &err), 0);
	cr_assert_eq(g.n, 1);
	o.tol = &tol;
	o.ntol = 1;
	cr_assert_eq(run(a, E1, &o, &g, &s, &err), 0);
	cr_assert_eq(g.n, 0);   /* 0.01/185.64 = 5.4e-5 <= 1e-4 */
	tol.rtol = 1e-5;
	cr_assert_eq(run(a, E1, &o, &g, &s, &err), 0);
	cr_assert_eq(g.n, 1);
	tol.atol = 0.02;        /* 0.02 + 1e-5*185.64 covers 0.01 */
	cr_assert_eq(run(a, E1, &o, &g, &s, &err), 0);
	cr_assert_eq(g.n, 0);
}

Test(check_files, missing_and_extra_rows_and_columns)
{
	const char *a =
		"date,ticker,close,volume\n"
		"2024-01-02,AAPL,185.64,1\n"
		"2024-01-02,NVDA,48.17,2\n"
		"2024-01-02,MSFT,370.87,3\n";
	struct check_opts o;
	struct got g;
	struct check_summary s;
	struct ff_error err;
	check_opts_init(&o);
	o.key = date_ticker;
	o.nkey = 2;
	cr_assert_eq(run(a, E1, &o, &g, &s, &err), 0);
	cr_assert_eq(g.n, 4);
	/* Columns first, then rows in ACTUAL's order, then missing rows. */
	cr_assert_eq(g.d[0].kind, CHECK_MISSING_COLUMN);
	cr_assert_str_eq(g.d[0].column, "note");
	cr_assert_eq(g.d[1].kind, CHECK_EXTRA_COLUMN);
	cr_assert_str_eq(g.d[1].column, "volume");
	cr_assert_eq(g.d[2].kind, CHECK_EXTRA_ROW);
	cr_assert_str_eq(g.d[2].key, "2024-01-02|NVDA");
	cr_assert_eq(g.d[2].la, 3);
	cr_assert_eq(g.d[2].row, 2);
	cr_assert_eq(g.d[3].kind, CHECK_MISSING_ROW);
	cr_assert_str_eq(g.d[3].key, "2024-01-03|AAPL");
	cr_assert_eq(g.d[3].le, 3);
	cr_assert_eq(g.d[3].la, 0);
	cr_assert_eq(s.rows_missing, 1);
	cr_assert_eq(s.rows_extra, 1);
	cr_assert_eq(s.columns_missing, 1);
	cr_assert_eq(s.columns_extra, 1);

	o.ignore_extra_columns = o.ignore_extra_rows = 1;
	cr_assert_eq(run(a, E1, &o, &g, &s, &err), 0);
	cr_assert_eq(g.n, 2);
	cr_assert_eq(g.d[0].kind, CHECK_MISSING_COLUMN);
	cr_assert_eq(g.d[1].kind, CHECK_MISSING_ROW);

	static const char *const only_close[] = {"close"};
	o.columns = only_close;
	o.ncolumns = 1;
	cr_assert_eq(run(a, E1, &o, &g, &s, &err), 0);
	cr_assert_eq(g.n, 1);
	cr_assert_eq(g.d[0].kind, CHECK_MISSING_ROW);
	cr_assert_eq(s.columns, 1);
}

Test(check_files, row_order_length_differs)
{
	const char *a = "x,y\n1,2\n3,4\n5,6\n";
	const char *e = "x,y\n1,2\n";
	struct check_opts o;
	struct got g;
	struct check_summary s;
	struct ff_error err;
	check_opts_init(&o);
	cr_assert_eq(run(a, e, &o, &g, &s, &err), 0);
	cr_assert_eq(g.n, 2);
	cr_assert_eq(g.d[0].kind, CHECK_EXTRA_ROW);
	cr_assert_eq(g.d[0].row, 2);
	cr_assert_eq(g.d[0].la, 3);
	cr_assert_eq(g.d[1].row, 3);
	cr_assert_eq(run(e, a, &o, &g, &s, &err), 0);
	cr_assert_eq(g.n, 2);
	cr_assert_eq(g.d[0].kind, CHECK_MISSING_ROW);
	cr_assert_eq(g.d[1].le, 4);
}

Test(check_files, header_only_tables_agree)
{
	struct check_opts o;
	struct got g;
	struct check_summary s;
	struct ff_error err;
	check_opts_init(&o);
	cr_assert_eq(run("a,b\n", "b,a\n", &o, &g, &s, &err), 0);
	cr_assert_not(check_differ(&s));
	cr_assert_eq(s.cells, 0);
}

Test(check_files, keys_are_encoded_unambiguously)
{
	/* "a|b" + "c" and "a" + "b|c" join to the same text but are two keys. */
	const char *t = "k1,k2,v\na|b,c,1\na,b|c,2\n";
	const char *u = "k1,k2,v\na,b|c,2\na|b,c,1\n";
	static const char *const k[] = {"k1", "k2"};
	struct check_opts o;
	struct got g;
	struct check_summary s;
	struct ff_error err;
	check_opts_init(&o);
	o.key = k;
	o.nkey = 2;
	cr_assert_eq(run(t, u, &o, &g, &s, &err), 0, "%s", err.msg);
	cr_assert_not(check_differ(&s));
}

Test(check_files, many_keyed_rows)
{
	/* Enough rows to make the hash table grow several times. */
	enum { N = 5000 };
	char *a = malloc(N * 32 + 16), *e = malloc(N * 32 + 16);
	size_t la = (size_t)sprintf(a, "id,v\n"), le = (size_t)sprintf(e, "id,v\n");
	for (int i = 0; i < N; i++) {
		le += (size_t)sprintf(e + le, "k%d,%d.5\n", i, i);
		int j = N - 1 - i;
		la += (size_t)sprintf(a + la, "k%d,%d.5\n", j, j == 777 ? 0 : j);
	}
	static const char *const k[] = {"id"};
	struct check_opts o;
	struct got g;
	struct check_summary s;
	struct ff_error err;
	check_opts_init(&o);
	o.key = k;
	o.nkey = 1;
	cr_assert_eq(run(a, e, &o, &g, &s, &err), 0, "%s", err.msg);
	cr_assert_eq(g.n, 1);
	cr_assert_str_eq(g.d[0].key, "k777");
	cr_assert_eq(g.d[0].le, 779);
	cr_assert_eq(g.d[0].la, N - 777 + 1);
	cr_assert_eq(s.cells, N);
	free(a);
	free(e);
}

/* ---- bad input ---- */

static void expect_error(const char *a, const char *e, const char *const *key,
			 size_t nkey, const char *file, long line,
			 const char *field, const char *msg_part)
{
	struct check_opts o;
	struct got g;
	struct check_summary s;
	struct ff_error err;
	check_opts_init(&o);
	o.key = key;
	o.nkey = nkey;
	cr_assert_eq(run(a, e, &o, &g, &s, &err), -1, "accepted; wanted %s", msg_part);
	cr_assert(strstr(err.file, file), "file %s, wanted %s", err.file, file);
	cr_assert_eq(err.line, line, "line %ld, wanted %ld (%s)", err.line, line, err.msg);
	cr_assert_str_eq(err.field, field);
	cr_assert(strstr(err.msg, msg_part), "'%s' lacks '%s'", err.msg, msg_part);
}

TestSuite(check_errors, .init = setup, .fini = teardown);

Test(check_errors, ragged_rows)
{
	expect_error("a,b\n1,2\n3\n", "a,b\n1,2\n3,4\n", NULL, 0, "actual.csv", 3,
		     "", "ragged row: 1 fields where the header (line 1) has 2");
	expect_error("a,b\n1,2\n", "a,b\n1,2,3\n", NULL, 0, "expected.csv", 2,
		     "", "ragged row: 3 fields");
	static const char *const k[] = {"a"};
	expect_error("a,b\n1,2\n\"x\ny\",3,4\n", "a,b\n1,2\n", k, 1, "actual.csv",
		     3, "", "ragged row");
}

Test(check_errors, unknown_key_column)
{
	static const char *const k[] = {"date"};
	expect_error("a,b\n1,2\n", "a,date\n1,2\n", k, 1, "actual.csv", 1, "date",
		     "key column 'date' is not in the header (columns: a, b)");
	expect_error("a,date\n1,2\n", "a,b\n1,2\n", k, 1, "expected.csv", 1,
		     "date", "key column 'date'");
}

Test(check_errors, duplicate_keys)
{
	static const char *const k[] = {"a"};
	expect_error("a,b\n1,2\n", "a,b\n1,2\n2,3\n1,4\n", k, 1, "expected.csv", 4,
		     "", "duplicate key '1' (first at line 2)");
	expect_error("a,b\n1,2\n1,2\n", "a,b\n1,2\n", k, 1, "actual.csv", 3, "",
		     "duplicate key '1' (first at line 2)");
	/* A repeated key among rows EXPECTED lacks is an error too. */
	expect_error("a,b\n9,2\n1,2\n9,2\n", "a,b\n1,2\n", k, 1, "actual.csv", 4,
		     "", "duplicate key '9' (first at line 2)");
}

Test(check_errors, repeated_header_name)
{
	expect_error("a,b,a\n1,2,3\n", "a,b\n1,2\n", NULL, 0, "actual.csv", 1, "a",
		     "column name repeated in the header (fields 1 and 3)");
}

Test(check_errors, empty_and_unreadable)
{
	expect_error("", "a\n1\n", NULL, 0, "actual.csv", 0, "", "empty file");
	expect_error("a\n1\n", "\r\n\n", NULL, 0, "expected.csv", 0, "", "empty file");
	struct check_opts o;
	struct check_summary s;
	struct ff_error err = {0};
	check_opts_init(&o);
	cr_assert_eq(check_files("/nonexistent/a.csv", "/nonexistent/b.csv", &o,
				 NULL, NULL, &s, &err), -1);
	cr_assert_str_eq(err.file, "/nonexistent/a.csv");
	cr_assert(strstr(err.msg, "cannot open"));
	cr_assert_eq(check_files("-", "-", &o, NULL, NULL, &s, &err), -1);
	cr_assert(strstr(err.msg, "both be standard input"));
}

Test(check_errors, malformed_quotes)
{
	expect_error("a,b\n1,\"2\n", "a,b\n1,2\n", NULL, 0, "actual.csv", 2, "",
		     "malformed CSV");
}

Test(check_errors, unknown_tol_and_columns)
{
	struct check_tol tol = {"nosuch", 1, 0};
	static const char *const cols[] = {"a", "zz"};
	struct check_opts o;
	struct got g;
	struct check_summary s;
	struct ff_error err;
	check_opts_init(&o);
	o.tol = &tol;
	o.ntol = 1;
	cr_assert_eq(run("a\n1\n", "a\n1\n", &o, &g, &s, &err), -1);
	cr_assert_str_eq(err.field, "nosuch");
	cr_assert(strstr(err.msg, "--tol column 'nosuch'"), "%s", err.msg);
	o.ntol = 0;
	o.columns = cols;
	o.ncolumns = 2;
	cr_assert_eq(run("a\n1\n", "a\n1\n", &o, &g, &s, &err), -1);
	cr_assert_str_eq(err.field, "zz");
	/* A column only ACTUAL has is a known name. */
	tol.column = "b";
	o.tol = &tol;
	o.ntol = 1;
	o.ncolumns = 0;
	cr_assert_eq(run("a,b\n1,2\n", "a\n1\n", &o, &g, &s, &err), 0);
}

/* ---- the report ---- */

Test(check_report, csv_rows, .init = setup, .fini = teardown)
{
	const char *path = ut_path(&dir, "report.csv");
	struct ff_error err;
	struct csvio_writer *w = csvio_create(path, &err);
	cr_assert_not_null(w);
	check_report_header(w);
	struct check_diff d = {CHECK_VALUE, "2024-01-03|AAPL", 2, 4, 3, "note",
			       "a, \"b\"", "", NAN, NAN};
	check_report_row(&d, w);
	struct check_diff v = {CHECK_VALUE, "", 7, 8, 8, "close", "3", "2",
			       1, 0.5};
	check_report_row(&v, w);
	struct check_diff m = {CHECK_MISSING_ROW, "k", 1, 0, 2, "", "", "",
			       NAN, NAN};
	check_report_row(&m, w);
	struct check_diff c = {CHECK_EXTRA_COLUMN, "", 0, 0, 0, "volume", "", "",
			       NAN, NAN};
	check_report_row(&c, w);
	cr_assert_eq(csvio_commit(w, &err), 0);
	char *text = ut_read(path);
	cr_assert_str_eq(text,
		"kind,key,row,actual_line,expected_line,column,actual,expected,"
		"abs_diff,rel_diff\n"
		"value,2024-01-03|AAPL,2,4,3,note,\"a, \"\"b\"\"\",,,\n"
		"value,,7,8,8,close,3,2,1,0.5\n"
		"missing_row,k,1,,2,,,,,\n"
		"extra_column,,,,,volume,,,,\n");
	free(text);
	cr_assert_str_eq(check_kind_name(CHECK_MISSING_COLUMN), "missing_column");
	cr_assert_str_eq(check_kind_name(CHECK_EXTRA_ROW), "extra_row");
}
