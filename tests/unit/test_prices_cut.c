/* prices in pieces: a file cut at line ends and read on threads loads
 * the rows one thread loads, and fails with the same message on the same
 * line: an error in a later piece, the first error in file order when
 * several pieces have one, dates out of order across a cut, skipped rows
 * in every piece, and a quoted field whose line ends straddle a cut (the
 * pieces after it are read again from the right start). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvscan.h"
#include "date.h"
#include "prices.h"
#include "unit_tmp.h"

static struct ut_dir dir;
static void setup(void) { ut_dir_init(&dir); }
static void teardown(void) { ut_dir_clean(&dir); }

TestSuite(prices_cut, .init = setup, .fini = teardown);

#define ROWS 300
#define MIN_PIECE 64
#define HDR "Date,Open,High,Low,Close,Volume\n"
#define ROW_LEN 44   /* "2000-01-03,101.00,103.00,100.00,101.50,1000\n" */

static const struct prices_opts one = {.want = PRICES_ALL};
static const struct prices_opts cut = {.want = PRICES_ALL, .threads = 3,
				       .min_piece = MIN_PIECE};
static const struct prices_opts cut_skip = {
	.want = PRICES_ALL, .on_bad_row = PRICES_BAD_SKIP, .threads = 3,
	.min_piece = MIN_PIECE};

/* ROWS rows of one width, a day apart: row i is on line i + 2. */
static char *rows_text(void)
{
	char *t = malloc(sizeof HDR + (size_t)ROWS * ROW_LEN + 1);
	size_t len = (size_t)sprintf(t, HDR);
	for (int i = 0; i < ROWS; i++) {
		char d[DATE_ISO_LEN];
		date_format(date_from_civil(2000, 1, 3) + i, d);
		len += (size_t)sprintf(t + len, "%s,%6.2f,%6.2f,%6.2f,%6.2f,%d\n", d,
				       101.0 + i % 50, 103.0 + i % 50, 100.0 + i % 50,
				       101.5 + i % 50, 1000 + i % 9);
	}
	cr_assert_eq(len, sizeof HDR - 1 + (size_t)ROWS * ROW_LEN);
	return t;
}

/* The row a piece of path starts with (the cut must fall at a row). */
static int row_at_cut(const char *path, size_t piece)
{
	long long b[4];
	cr_assert_eq(csvscan_split(path, 3, MIN_PIECE, b), 3, "not cut in three");
	long long at = b[piece] - (long long)(sizeof HDR - 1);
	cr_assert_eq(at % ROW_LEN, 0);
	return (int)(at / ROW_LEN);
}

/* Overwrites row i's field k (its width kept) with s. */
static void set_field(char *t, int i, int k, const char *s)
{
	char *p = t + sizeof HDR - 1 + (size_t)i * ROW_LEN;
	while (k--) p = strchr(p, ',') + 1;
	size_t w = strcspn(p, ",\n");
	cr_assert_leq(strlen(s), w);
	memset(p, ' ', w);
	memcpy(p, s, strlen(s));
}

/* set_field, then the text written to p.csv: its path. */
static const char *edit(char *t, int i, int k, const char *s)
{
	set_field(t, i, k, s);
	return ut_write(&dir, "p.csv", t, -1);
}

static struct prices *load(const char *path, const struct prices_opts *o)
{
	struct prices *p = NULL;
	struct ff_error err = {0};
	cr_assert_eq(prices_load(path, o, &p, &err), 0, "%s:%ld: %s", err.file,
		     err.line, err.msg);
	return p;
}

static void same(const struct prices *a, const struct prices *b)
{
	cr_assert_eq(a->n, b->n);
	cr_assert_eq(a->have, b->have);
	cr_assert_eq(a->skipped, b->skipped);
	cr_assert_arr_eq(a->date, b->date, a->n * sizeof *a->date);
	cr_assert_arr_eq(a->open, b->open, a->n * sizeof *a->open);
	cr_assert_arr_eq(a->high, b->high, a->n * sizeof *a->high);
	cr_assert_arr_eq(a->low, b->low, a->n * sizeof *a->low);
	cr_assert_arr_eq(a->close, b->close, a->n * sizeof *a->close);
	cr_assert_arr_eq(a->volume, b->volume, a->n * sizeof *a->volume);
}

static void fails(const char *path, const struct prices_opts *o, long line,
		  const char *field, const char *msg)
{
	struct prices *p = NULL;
	struct ff_error err = {0};
	cr_assert_eq(prices_load(path, o, &p, &err), -1);
	cr_assert_null(p);
	cr_assert_str_eq(err.file, path);
	cr_assert_eq(err.line, line, "line %ld: %s", err.line, err.msg);
	cr_assert_str_eq(err.field, field, "(%s)", err.msg);
	cr_assert(strstr(err.msg, msg), "'%s' lacks '%s'", err.msg, msg);
}

Test(prices_cut, loads_what_one_thread_loads)
{
	char *t = rows_text();
	const char *path = ut_write(&dir, "p.csv", t, -1);
	row_at_cut(path, 1);   /* it is cut */
	struct prices *a = load(path, &one), *b = load(path, &cut);
	cr_assert_eq(a->n, ROWS);
	same(a, b);
	prices_free(a);
	prices_free(b);
	free(t);
}

Test(prices_cut, error_in_the_last_piece_names_its_line)
{
	char *t = rows_text();
	int i = row_at_cut(ut_write(&dir, "p.csv", t, -1), 2) + 5;
	const char *path = edit(t, i, 4, "abc");
	fails(path, &cut, i + 2, "Close", "expected a number, found 'abc");
	fails(path, &one, i + 2, "Close", "expected a number, found 'abc");
	free(t);
}

Test(prices_cut, the_first_error_in_the_file_wins)
{
	char *t = rows_text();
	const char *path = ut_write(&dir, "p.csv", t, -1);
	int i = row_at_cut(path, 1) - 1, j = row_at_cut(path, 2) + 1;
	set_field(t, j, 1, "0");   /* the last piece may fail first */
	path = edit(t, i, 0, "2000/13/1");   /* the first piece's last row */
	fails(path, &cut, i + 2, "Date", "unparsable date '2000/13/1");
	free(t);
}

Test(prices_cut, dates_out_of_order_across_a_cut)
{
	char *t = rows_text();
	int i = row_at_cut(ut_write(&dir, "p.csv", t, -1), 1);
	char d[DATE_ISO_LEN];
	/* The second piece's first row repeats the first piece's last. */
	date_format(date_from_civil(2000, 1, 3) + i - 1, d);
	fails(edit(t, i, 0, d), &cut, i + 2, "Date", "repeated");
	/* Order is never skipped, and a bad row before it does not hide it. */
	fails(edit(t, i - 2, 2, "null"), &cut_skip, i + 2, "Date", "repeated");
	free(t);
}

Test(prices_cut, skipped_rows_of_every_piece_in_file_order)
{
	char *t = rows_text();
	const char *path = ut_write(&dir, "p.csv", t, -1);
	int c1 = row_at_cut(path, 1), c2 = row_at_cut(path, 2);
	/* Three in the first piece, two at the second's start, two in the
	 * last (one its first row): lines are kept of the first five. */
	int bad[] = {3, 4, c1 - 1, c1, c1 + 1, c2, ROWS - 1};
	for (size_t k = 0; k < sizeof bad / sizeof *bad; k++)
		set_field(t, bad[k], 3, "null");
	path = ut_write(&dir, "p.csv", t, -1);
	struct prices *a = load(path, &cut_skip);
	struct prices_opts skip_one = cut_skip;
	skip_one.threads = 1;
	struct prices *b = load(path, &skip_one);
	same(a, b);
	cr_assert_eq(a->n, ROWS - 7);
	cr_assert_eq(a->skipped, 7);
	for (int k = 0; k < PRICES_SKIP_LINES; k++)
		cr_assert_eq(a->skipped_line[k], bad[k] + 2, "skip %d: line %ld", k,
			     a->skipped_line[k]);
	prices_free(a);
	prices_free(b);
	free(t);
}

/* The ROWS rows with a Note column, empty but in the middle of the file,
 * where a quoted note runs over lines lines (about half the file). */
static char *quoted_text(int lines, int *middle)
{
	char *base = rows_text();
	size_t cap = strlen(base) * 2 + (size_t)lines * 4 + 64;
	char *t = malloc(cap), *o = t;
	const char *p = base + sizeof HDR - 1;
	o += sprintf(o, "Date,Open,High,Low,Close,Volume,Note\n");
	*middle = ROWS / 2;
	for (int i = 0; i < ROWS; i++) {
		size_t w = ROW_LEN - 1;
		memcpy(o, p, w);
		o += w;
		p += ROW_LEN;
		*o++ = ',';
		if (i == *middle) {
			*o++ = '"';
			for (int k = 0; k < lines; k++) o += sprintf(o, "%s", k % 3 ? "a\n" : "\r\n");
			*o++ = '"';
		}
		*o++ = '\n';
	}
	*o = '\0';
	free(base);
	return t;
}

/* Whether bounds fall inside the quoted note. */
static int cut_in_quotes(const char *path, const char *t)
{
	long long b[4];
	size_t k = csvscan_split(path, 3, MIN_PIECE, b);
	int in = 0;
	for (size_t i = 1; i < k; i++) {
		int q = 0;
		for (long long j = 0; j < b[i]; j++) q ^= t[j] == '"';
		in |= q;
	}
	return in;
}

Test(prices_cut, a_quoted_line_end_across_a_cut)
{
	int middle;
	enum { NOTE = 6000 };
	char *t = quoted_text(NOTE, &middle);
	const char *path = ut_write(&dir, "q.csv", t, -1);
	cr_assert(cut_in_quotes(path, t), "no cut falls inside the note");
	struct prices *a = load(path, &one), *b = load(path, &cut);
	cr_assert_eq(a->n, ROWS);
	same(a, b);
	prices_free(a);
	prices_free(b);
	/* A bad row after the note: its line counts the note's lines. */
	char *bad = strstr(t, "\"\n") + 2;   /* the row after the note */
	bad = strchr(strchr(bad, '\n') + 1, '\n') + 1;   /* two rows on */
	memcpy(bad, "2000-13-01", 10);
	path = ut_write(&dir, "q.csv", t, -1);
	long line = middle + 2 + NOTE + 3;
	fails(path, &one, line, "Date", "unparsable date '2000-13-01'");
	fails(path, &cut, line, "Date", "unparsable date '2000-13-01'");
	free(t);
}
