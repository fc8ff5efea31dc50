/* csvio: reading (quotes, line ends, BOM, blank lines, line numbers,
 * malformed input), header lookup, numbers, RFC 4180 writing, shortest
 * round-trip doubles and the atomic writer. */
#include <criterion/criterion.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "csvio.h"
#include "unit_tmp.h"

/* ---- reading ---- */

#define MAXROWS 8
#define MAXF 6

struct rows {
	int n;
	long line[MAXROWS];
	size_t nf[MAXROWS];
	char f[MAXROWS][MAXF][32];
	size_t len[MAXROWS][MAXF];
};

/* Reads all of len bytes of text (in memory) into out; returns the last
 * csvio_next status (0 at a clean end, -1 on error, err filled). */
static int read_all(const char *text, size_t len, struct rows *out,
		    struct ff_error *err)
{
	FILE *f = fmemopen((void *)text, len, "rb");
	cr_assert_not_null(f);
	struct csvio_reader *r = csvio_open_stream(f, "mem.csv", err);
	cr_assert_not_null(r);
	const struct csvio_row *row;
	int st;
	memset(out, 0, sizeof *out);
	while ((st = csvio_next(r, &row, err)) == 1) {
		cr_assert_lt(out->n, MAXROWS);
		int i = out->n++;
		out->line[i] = row->line;
		out->nf[i] = row->n;
		for (size_t k = 0; k < row->n && k < MAXF; k++) {
			snprintf(out->f[i][k], 32, "%s", row->field[k]);
			out->len[i][k] = row->len[k];
		}
	}
	csvio_close(r);
	fclose(f);
	return st;
}

static int read_str(const char *text, struct rows *out, struct ff_error *err)
{
	return read_all(text, strlen(text), out, err);
}

Test(csvio_read, plain_rows_and_lines)
{
	struct rows r;
	struct ff_error err;
	cr_assert_eq(read_str("a,b,c\n1,2,3\n4,,6\n", &r, &err), 0);
	cr_assert_eq(r.n, 3);
	cr_assert_eq(r.nf[0], 3);
	cr_assert_str_eq(r.f[0][0], "a");
	cr_assert_str_eq(r.f[2][1], "");
	cr_assert_eq(r.len[2][1], 0);
	cr_assert_str_eq(r.f[2][2], "6");
	cr_assert_eq(r.line[0], 1);
	cr_assert_eq(r.line[1], 2);
	cr_assert_eq(r.line[2], 3);
}

Test(csvio_read, quoted_fields)
{
	struct rows r;
	struct ff_error err;
	const char *t =
		"name,note\n"
		"\"Alibaba, Inc.\",\"said \"\"up 5%\"\" today\"\n"
		"\"two\nlines\",\"\"\n"
		"x,\"a\r\nb\"\n";
	cr_assert_eq(read_str(t, &r, &err), 0, "%s", err.msg);
	cr_assert_eq(r.n, 4);
	cr_assert_str_eq(r.f[1][0], "Alibaba, Inc.");
	cr_assert_str_eq(r.f[1][1], "said \"up 5%\" today");
	cr_assert_str_eq(r.f[2][0], "two\nlines");
	cr_assert_eq(r.len[2][0], 9);
	cr_assert_str_eq(r.f[2][1], "");
	cr_assert_str_eq(r.f[3][1], "a\r\nb");
	/* Rows start on their first physical line; later rows count the
	 * lines a quoted field spanned. */
	cr_assert_eq(r.line[1], 2);
	cr_assert_eq(r.line[2], 3);
	cr_assert_eq(r.line[3], 5);
}

Test(csvio_read, row_starting_with_multiline_field)
{
	struct rows r;
	struct ff_error err;
	const char *t = "a,b\n1,2\n\"x\ny\nz\",3\n4,5\n";
	cr_assert_eq(read_str(t, &r, &err), 0, "%s", err.msg);
	cr_assert_eq(r.n, 4);
	cr_assert_str_eq(r.f[2][0], "x\ny\nz");
	cr_assert_eq(r.line[2], 3);
	cr_assert_eq(r.line[3], 6);
}

Test(csvio_read, crlf)
{
	struct rows r;
	struct ff_error err;
	cr_assert_eq(read_str("a,b\r\n1,2\r\n\r\n3,4\r\n", &r, &err), 0);
	cr_assert_eq(r.n, 3);
	cr_assert_str_eq(r.f[0][1], "b");
	cr_assert_eq(r.len[0][1], 1);
	cr_assert_str_eq(r.f[2][1], "4");
	cr_assert_eq(r.line[1], 2);
	cr_assert_eq(r.line[2], 4);
}

Test(csvio_read, cr_only)
{
	struct rows r;
	struct ff_error err;
	cr_assert_eq(read_str("a,b\r1,2\r3,4\r", &r, &err), 0);
	cr_assert_eq(r.n, 3);
	cr_assert_str_eq(r.f[0][1], "b");
	cr_assert_str_eq(r.f[1][0], "1");
	cr_assert_str_eq(r.f[2][1], "4");
	cr_assert_eq(r.line[0], 1);
	cr_assert_eq(r.line[1], 2);
	cr_assert_eq(r.line[2], 3);
}

Test(csvio_read, bom_is_skipped)
{
	struct rows r;
	struct ff_error err;
	cr_assert_eq(read_str("\xEF\xBB\xBF" "Date,Close\n2024-01-02,1\n", &r, &err), 0);
	cr_assert_str_eq(r.f[0][0], "Date");
	cr_assert_eq(r.len[0][0], 4);
	cr_assert_eq(r.line[0], 1);
	cr_assert_eq(r.line[1], 2);
}

Test(csvio_read, missing_final_newline)
{
	struct rows r;
	struct ff_error err;
	cr_assert_eq(read_str("a,b\n1,2", &r, &err), 0);
	cr_assert_eq(r.n, 2);
	cr_assert_str_eq(r.f[1][1], "2");
	cr_assert_eq(r.line[1], 2);
	cr_assert_eq(read_str("a,b\n1,\"2\"", &r, &err), 0);
	cr_assert_str_eq(r.f[1][1], "2");
}

Test(csvio_read, blank_lines_are_skipped_but_counted)
{
	struct rows r;
	struct ff_error err;
	cr_assert_eq(read_str("\n\na,b\n\n\n1,2\n\n", &r, &err), 0);
	cr_assert_eq(r.n, 2);
	cr_assert_eq(r.line[0], 3);
	cr_assert_eq(r.line[1], 6);
}

Test(csvio_read, empty_input)
{
	struct rows r;
	struct ff_error err;
	cr_assert_eq(read_str("", &r, &err), 0);
	cr_assert_eq(r.n, 0);
	cr_assert_eq(read_str("\n\r\n", &r, &err), 0);
	cr_assert_eq(r.n, 0);
}

Test(csvio_read, malformed_quotes)
{
	struct rows r;
	struct ff_error err;
	/* Text after a closing quote. */
	cr_assert_eq(read_str("a,b\n1,2\n\"x\"y,3\n", &r, &err), -1);
	cr_assert_eq(err.line, 3);
	cr_assert_str_eq(err.file, "mem.csv");
	cr_assert(strstr(err.msg, "malformed CSV"), "%s", err.msg);
	/* A quote inside an unquoted field. */
	cr_assert_eq(read_str("a,b\nx\"y,3\n", &r, &err), -1);
	cr_assert_eq(err.line, 2);
	/* A quote never closed: the error names the line the row began on. */
	cr_assert_eq(read_str("a,b\n1,2\n3,\"open\nmore\n", &r, &err), -1);
	cr_assert_eq(err.line, 3);
	cr_assert_eq(r.n, 2);
}

Test(csvio_read, long_input_across_chunks)
{
	/* 200,000 rows in CRLF (about 2.6 MB): many 64 KiB chunks, some
	 * boundaries falling between \r and \n. */
	enum { N = 200000 };
	char *t = malloc((size_t)N * 16 + 16);
	size_t len = (size_t)sprintf(t, "i,v\r\n");
	for (int i = 0; i < N; i++)
		len += (size_t)sprintf(t + len, "%d,%d\r\n", i, i % 7);
	FILE *f = fmemopen(t, len, "rb");
	struct ff_error err;
	struct csvio_reader *r = csvio_open_stream(f, "big.csv", &err);
	const struct csvio_row *row;
	cr_assert_eq(csvio_next(r, &row, &err), 1);
	long i = 0;
	int st;
	while ((st = csvio_next(r, &row, &err)) == 1) {
		cr_assert_eq(row->n, 2);
		cr_assert_eq(row->line, i + 2, "row %ld on line %ld", i, row->line);
		cr_assert_eq(atol(row->field[0]), i);
		cr_assert_eq(row->len[1], 1);
		i++;
	}
	cr_assert_eq(st, 0);
	cr_assert_eq(i, N);
	csvio_close(r);
	fclose(f);
	free(t);
}

/* A line end split by the reader's 64 KiB chunk: the CR is the chunk's
 * last byte, and the next chunk starts with its LF, or with the next row. */
static void split_line_end(const char *end)
{
	enum { CHUNK = 1 << 16 };
	size_t endlen = strlen(end);
	char *t = malloc(CHUNK + 16);
	size_t len = 0;
	memcpy(t, "a", 1);
	memcpy(t + 1, end, endlen);
	len = 1 + endlen;
	size_t pad = CHUNK - len - 1;   /* the row's CR lands on byte CHUNK-1 */
	memset(t + len, 'x', pad);
	len += pad;
	memcpy(t + len, end, endlen);
	len += endlen;
	memcpy(t + len, "b", 1);
	memcpy(t + len + 1, end, endlen);
	len += 1 + endlen;
	cr_assert_eq(t[CHUNK - 1], '\r');
	FILE *f = fmemopen(t, len, "rb");
	struct ff_error err;
	struct csvio_reader *r = csvio_open_stream(f, "split.csv", &err);
	const struct csvio_row *row;
	long lines[3];
	size_t lens[3];
	int n = 0;
	while (n < 3 && csvio_next(r, &row, &err) == 1) {
		lines[n] = row->line;
		lens[n++] = row->len[0];
	}
	cr_assert_eq(csvio_next(r, &row, &err), 0);
	cr_assert_eq(n, 3);
	cr_assert_eq(lens[1], pad);
	cr_assert_eq(lines[1], 2);
	cr_assert_eq(lines[2], 3, "line end '%s': row 3 on line %ld",
		     end[1] ? "CRLF" : "CR", lines[2]);
	csvio_close(r);
	fclose(f);
	free(t);
}

Test(csvio_read, crlf_split_across_chunks) { split_line_end("\r\n"); }
Test(csvio_read, cr_at_chunk_end) { split_line_end("\r"); }

Test(csvio_read, open_errors)
{
	struct ff_error err = {0};
	cr_assert_null(csvio_open("/nonexistent/x.csv", &err));
	cr_assert_str_eq(err.file, "/nonexistent/x.csv");
	cr_assert(strstr(err.msg, "cannot open"), "%s", err.msg);
}

Test(csvio_read, name_of_reader)
{
	struct ff_error err;
	FILE *f = fmemopen((void *)"a\n", 2, "rb");
	struct csvio_reader *r = csvio_open_stream(f, "named.csv", &err);
	cr_assert_str_eq(csvio_name(r), "named.csv");
	csvio_close(r);
	fclose(f);
}

/* ---- header lookup ---- */

Test(csvio_find, rules)
{
	const char *names[] = {"Date", "Open", "Adj Close", "VOLUME", "ticker_id",
			       "Close"};
	size_t lens[6] = {0};
	struct csvio_row h = {6, names, lens, 1};
	cr_assert_eq(csvio_find(&h, "date"), 0);
	cr_assert_eq(csvio_find(&h, "DATE"), 0);
	cr_assert_eq(csvio_find(&h, "adj close"), 2);
	cr_assert_eq(csvio_find(&h, "adj_close"), 2);
	cr_assert_eq(csvio_find(&h, "adjclose"), 2);
	cr_assert_eq(csvio_find(&h, "Adj-Close"), 2);
	cr_assert_eq(csvio_find(&h, " Adj  Close "), 2);
	cr_assert_eq(csvio_find(&h, "volume"), 3);
	cr_assert_eq(csvio_find(&h, "Ticker ID"), 4);
	cr_assert_eq(csvio_find(&h, "close"), 5);   /* not "Adj Close" */
	cr_assert_eq(csvio_find(&h, "adj"), -1);
	cr_assert_eq(csvio_find(&h, "adj closer"), -1);
	cr_assert_eq(csvio_find(&h, "high"), -1);
	cr_assert_eq(csvio_find(&h, ""), -1);
}

Test(csvio_find, first_match_wins)
{
	const char *names[] = {"adj_close", "Adj Close"};
	size_t lens[2] = {0};
	struct csvio_row h = {2, names, lens, 1};
	cr_assert_eq(csvio_find(&h, "Adj Close"), 0);
}

/* ---- numbers ---- */

Test(csvio_number, accepts_exactly_what_strtod_reads_whole)
{
	const char *ok[] = {"1.5", "-0.5", "+2", "1e3", "1E-3", ".5", "5.",
			    "185.64", "0.1", "123456789012345678901234567890",
			    "2.2250738585072014e-308", "4.9e-324", "inf", "-Infinity",
			    "nan", "1.7976931348623157e308"};
	for (size_t k = 0; k < sizeof ok / sizeof ok[0]; k++) {
		double v;
		cr_assert_eq(csvio_number(ok[k], strlen(ok[k]), &v), 0, "%s", ok[k]);
		double w = strtod(ok[k], NULL);
		cr_assert(memcmp(&v, &w, sizeof v) == 0 || (isnan(v) && isnan(w)),
			  "%s: %.17g vs strtod %.17g", ok[k], v, w);
	}
}

Test(csvio_number, spaces_around)
{
	double v;
	cr_assert_eq(csvio_number("  42.5\t", 7, &v), 0);
	cr_assert_eq(v, 42.5);
}

Test(csvio_number, rejects)
{
	const char *bad[] = {"", " ", "abc", "1.5x", "1 5", "1,5", "--1", "e5",
			     "null", "-", "1e", "12%"};
	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		double v;
		cr_assert_eq(csvio_number(bad[k], strlen(bad[k]), &v), -1, "'%s'", bad[k]);
	}
	/* Only len bytes count: "1.5" of "1.5x". */
	double v;
	cr_assert_eq(csvio_number("1.5x", 3, &v), 0);
	cr_assert_eq(v, 1.5);
}

/* ---- writing ---- */

static struct ut_dir dir;
static void setup(void) { ut_dir_init(&dir); }
static void teardown(void) { ut_dir_clean(&dir); }

TestSuite(csvio_write, .init = setup, .fini = teardown);

/* Writes with fn into a file and returns its text (caller frees). */
static char *written(void (*fn)(struct csvio_writer *))
{
	const char *p = ut_path(&dir, "w.csv");
	struct ff_error err;
	struct csvio_writer *w = csvio_create(p, &err);
	cr_assert_not_null(w, "%s", err.msg);
	fn(w);
	cr_assert_eq(csvio_commit(w, &err), 0, "%s", err.msg);
	return ut_read(p);
}

static void write_quoting(struct csvio_writer *w)
{
	csvio_field(w, "plain");
	csvio_field(w, "a,b");
	csvio_field(w, "say \"hi\"");
	csvio_field(w, "two\nlines");
	csvio_field(w, "cr\ronly");
	csvio_field(w, " lead");
	csvio_field(w, "trail ");
	csvio_field(w, "");
	csvio_field(w, NULL);
	csvio_endrow(w);
	csvio_fieldn(w, "abc", 2);
	csvio_field(w, "in side");
	csvio_endrow(w);
}

Test(csvio_write, rfc4180_quoting)
{
	char *t = written(write_quoting);
	cr_assert_str_eq(t,
		"plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\ronly\","
		"\" lead\",\"trail \",,\n"
		"ab,in side\n");
	free(t);
}

static void write_typed(struct csvio_writer *w)
{
	csvio_num(w, 1.5);
	csvio_num(w, NAN);
	csvio_num(w, -0.0);
	csvio_num(w, 0.1);
	csvio_num(w, 1e21);
	csvio_num(w, -INFINITY);
	csvio_int(w, -42);
	csvio_int(w, 9007199254740993LL);
	csvio_date(w, 19724);   /* 2024-01-02: 54 years with 13 leap days + 1 */
	csvio_endrow(w);
	const char *row[] = {"x", "y,z", ""};
	csvio_row(w, row, 3);
}

Test(csvio_write, typed_fields)
{
	char *t = written(write_typed);
	cr_assert_str_eq(t, "1.5,,0,0.1,1e+21,-inf,-42,9007199254740993,2024-01-02\n"
			    "x,\"y,z\",\n");
	free(t);
}

/* What the writer writes, the reader reads back. */
static void write_hard(struct csvio_writer *w)
{
	const char *row[] = {"a,b", "\"q\"", "l1\r\nl2", " s ", ""};
	csvio_row(w, row, 5);
	csvio_row(w, row, 5);
}

Test(csvio_write, round_trip_through_the_reader)
{
	char *t = written(write_hard);
	struct rows r;
	struct ff_error err;
	cr_assert_eq(read_str(t, &r, &err), 0, "%s", err.msg);
	cr_assert_eq(r.n, 2);
	cr_assert_eq(r.nf[0], 5);
	cr_assert_str_eq(r.f[0][0], "a,b");
	cr_assert_str_eq(r.f[0][1], "\"q\"");
	cr_assert_str_eq(r.f[0][2], "l1\r\nl2");
	cr_assert_str_eq(r.f[0][3], " s ");
	cr_assert_str_eq(r.f[0][4], "");
	cr_assert_eq(r.line[1], 3);
	free(t);
}

/* ---- shortest round-trip doubles ---- */

/* Significant digits of a %g-style number: from the first non-zero
 * digit to the last non-zero one ("158210" has 5, "0.0012" 2). */
static int sig_digits(const char *s)
{
	int n = 0, first = -1, last = -1;
	for (; *s && *s != 'e' && *s != 'E'; s++) {
		if (*s < '0' || *s > '9') continue;
		if (*s != '0') {
			if (first < 0) first = n;
			last = n;
		}
		n++;
	}
	return first < 0 ? 1 : last - first + 1;
}

/* The fewest %.*g digits that read back as v: the definition, by brute
 * force, independent of how csvio_fmt_double searches. */
static int fewest_digits(double v)
{
	char b[40];
	for (int p = 1; p <= 17; p++) {
		snprintf(b, sizeof b, "%.*g", p, v);
		if (strtod(b, NULL) == v) return sig_digits(b);
	}
	return 17;
}

static void check_shortest(double v)
{
	char buf[32];
	csvio_fmt_double(v, buf);
	double back = strtod(buf, NULL);
	cr_assert(back == v, "%.17g wrote '%s', reads back %.17g", v, buf, back);
	cr_assert_eq(sig_digits(buf), fewest_digits(v), "%.17g wrote '%s'", v, buf);
	/* byte for byte what printf's %.*g writes at that precision, from 15
	 * (where the search starts) */
	char ref[40];
	for (int p = v > -DBL_MIN && v < DBL_MIN ? 1 : 15; p <= 17; p++) {
		snprintf(ref, sizeof ref, "%.*g", p, v);
		if (strtod(ref, NULL) == v) break;
	}
	cr_assert_str_eq(buf, ref, "%.17g", v);
}

Test(csvio_fmt, hand_values)
{
	char b[32];
	cr_assert_str_eq(csvio_fmt_double(0.1, b), "0.1");
	cr_assert_str_eq(csvio_fmt_double(185.64, b), "185.64");
	cr_assert_str_eq(csvio_fmt_double(1.0 / 3, b), "0.3333333333333333");
	cr_assert_str_eq(csvio_fmt_double(2.0 / 3, b), "0.6666666666666666");
	cr_assert_str_eq(csvio_fmt_double(0.1 + 0.2, b), "0.30000000000000004");
	cr_assert_str_eq(csvio_fmt_double(100, b), "100");
	cr_assert_str_eq(csvio_fmt_double(-2.5e-7, b), "-2.5e-07");
	cr_assert_str_eq(csvio_fmt_double(-0.0, b), "0");
	cr_assert_str_eq(csvio_fmt_double(NAN, b), "");
	cr_assert_str_eq(csvio_fmt_double(INFINITY, b), "inf");
	cr_assert_str_eq(csvio_fmt_double(1.7976931348623157e308, b),
			 "1.7976931348623157e+308");
	cr_assert_str_eq(csvio_fmt_double(5e-324, b), "5e-324");
}

Test(csvio_fmt, shortest_on_many_values)
{
	/* Edge values, then 20,000 bit patterns from a fixed LCG (all
	 * exponents), then 20,000 prices with two to six decimals. */
	const double edge[] = {0, 1, -1, 0.5, 1e-300, 1e300, 2.2250738585072014e-308,
			       4.9406564584124654e-324, 1.5e-323, 123456789012345678.0,
			       9007199254740993.0, 0.000123, 1e15, 1e16, 1e17, 1e22, 1e23,
			       5e-5, 299792458, 0.07, 1.0 / 7};
	for (size_t k = 0; k < sizeof edge / sizeof edge[0]; k++) check_shortest(edge[k]);
	uint64_t x = 0x9E3779B97F4A7C15ull;
	for (int k = 0; k < 20000; k++) {
		x = x * 6364136223846793005ull + 1442695040888963407ull;
		double v;
		memcpy(&v, &x, sizeof v);
		if (!isfinite(v)) continue;
		check_shortest(v);
	}
	for (int k = 0; k < 20000; k++) {
		x = x * 6364136223846793005ull + 1442695040888963407ull;
		int dec = 2 + (int)(x >> 60) % 5;
		double v = (double)(x >> 40 & 0xFFFFFF) / pow(10, dec);
		check_shortest(v);
		check_shortest(v * 1.0000001);   /* long expansions too */
	}
}

/* ---- atomic writer ---- */

static void write_new(struct csvio_writer *w)
{
	const char *row[] = {"new", "1"};
	csvio_row(w, row, 2);
}

Test(csvio_atomic, commit_renames_into_place, .init = setup, .fini = teardown)
{
	const char *p = ut_path(&dir, "out.csv");
	struct ff_error err;
	struct csvio_writer *w = csvio_create(p, &err);
	cr_assert_not_null(w);
	write_new(w);
	/* Until commit the destination does not exist; only a temporary. */
	cr_assert_eq(access(p, F_OK), -1);
	cr_assert_eq(ut_count(&dir), 1);
	cr_assert_eq(csvio_commit(w, &err), 0);
	char *t = ut_read(p);
	cr_assert_str_eq(t, "new,1\n");
	free(t);
	cr_assert_eq(ut_count(&dir), 1);   /* no temporary left */
}

Test(csvio_atomic, commit_replaces_an_older_file, .init = setup, .fini = teardown)
{
	const char *p = ut_write(&dir, "out.csv", "old\n", -1);
	struct ff_error err;
	struct csvio_writer *w = csvio_create(p, &err);
	write_new(w);
	cr_assert_eq(csvio_commit(w, &err), 0);
	char *t = ut_read(p);
	cr_assert_str_eq(t, "new,1\n");
	free(t);
	cr_assert_eq(ut_count(&dir), 1);
}

Test(csvio_atomic, abort_leaves_nothing, .init = setup, .fini = teardown)
{
	const char *p = ut_path(&dir, "out.csv");
	struct ff_error err;
	struct csvio_writer *w = csvio_create(p, &err);
	write_new(w);
	csvio_abort(w);
	cr_assert_eq(access(p, F_OK), -1);
	cr_assert_eq(ut_count(&dir), 0);
	csvio_abort(NULL);
}

Test(csvio_atomic, abort_keeps_an_older_file, .init = setup, .fini = teardown)
{
	const char *p = ut_write(&dir, "out.csv", "old\n", -1);
	struct ff_error err;
	struct csvio_writer *w = csvio_create(p, &err);
	write_new(w);
	fflush(csvio_stream(w));
	csvio_abort(w);
	char *t = ut_read(p);
	cr_assert_str_eq(t, "old\n");
	free(t);
	cr_assert_eq(ut_count(&dir), 1);
}

Test(csvio_atomic, mode_follows_umask, .init = setup, .fini = teardown)
{
	mode_t old = umask(022);
	const char *p = ut_path(&dir, "out.csv");
	struct ff_error err;
	struct csvio_writer *w = csvio_create(p, &err);
	write_new(w);
	cr_assert_eq(csvio_commit(w, &err), 0);
	struct stat st;
	cr_assert_eq(stat(p, &st), 0);
	cr_assert_eq(st.st_mode & 0777, 0644);
	umask(old);
}

Test(csvio_atomic, cannot_create)
{
	struct ff_error err = {0};
	cr_assert_null(csvio_create("/nonexistent/dir/out.csv", &err));
	cr_assert_str_eq(err.file, "/nonexistent/dir/out.csv");
	cr_assert(strstr(err.msg, "cannot create output"), "%s", err.msg);
}

Test(csvio_atomic, stream_writer_leaves_the_stream_open)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	struct ff_error err;
	struct csvio_writer *w = csvio_create_stream(f, &err);
	cr_assert_not_null(w);
	cr_assert_eq(csvio_stream(w), f);
	write_new(w);
	cr_assert_eq(csvio_commit(w, &err), 0);
	fputs("after\n", f);   /* still open: the caller closes it */
	fclose(f);
	cr_assert_str_eq(buf, "new,1\nafter\n");
	free(buf);
}

/* A million doubles against printf's own %.*g search (15 to 17 digits),
 * byte for byte: bit patterns of every exponent, short decimals (where the
 * 15- and 16-digit roundings often meet a tie in the 17 digits), and
 * values at powers of ten, where rounding carries into a new digit. */
static void check_like_printf(double v)
{
	char buf[32], ref[40];
	csvio_fmt_double(v, buf);
	for (int p = 15; p <= 17; p++) {
		snprintf(ref, sizeof ref, "%.*g", p, v);
		if (strtod(ref, NULL) == v) break;
	}
	cr_assert_str_eq(buf, ref, "%.17g", v);
}

Test(csvio_fmt, like_printf_on_a_million_values)
{
	uint64_t x = 0x2545F4914F6CDD1Dull;
	for (int k = 0; k < 600000; k++) {
		x = x * 6364136223846793005ull + 1442695040888963407ull;
		double v;
		memcpy(&v, &x, sizeof v);
		if (isfinite(v) && fabs(v) >= DBL_MIN) check_like_printf(v);
	}
	for (int k = 0; k < 300000; k++) {
		x = x * 6364136223846793005ull + 1442695040888963407ull;
		double v = (double)(int64_t)(x >> 11) / 1e16;   /* 16-17 digit decimals */
		check_like_printf(v);
		check_like_printf((double)(x >> 44) / 1000);     /* prices */
	}
	for (int e = -300; e <= 300; e++) {
		double p = pow(10, e);
		check_like_printf(p);
		check_like_printf(nextafter(p, 0));
		check_like_printf(nextafter(p, INFINITY));
		check_like_printf(9.999999999999999 * p);
		check_like_printf(9.9999999999999995 * p);
	}
}
