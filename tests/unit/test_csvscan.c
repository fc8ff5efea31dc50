/* csvscan: the rows, fields and lines csvio_next gives, whatever the
 * block size (so every boundary falls somewhere awkward: inside a quoted
 * field, between CR and LF, inside the BOM); the line of a malformed row
 * that began blocks earlier; stopping from a callback; ranges of a file,
 * their line counts and whether they end outside quotes; and cutting a
 * file at line ends. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "csvscan.h"
#include "unit_tmp.h"

static struct ut_dir dir;
static void setup(void) { ut_dir_init(&dir); }
static void teardown(void) { ut_dir_clean(&dir); }

TestSuite(csvscan, .init = setup, .fini = teardown);

/* Rows as text: "line|field|field|...\n" a row, lines as the row's first
 * field saw them; the row end's own view of the line must agree. */
struct got {
	struct csvscan *s;
	char *text;
	size_t len, cap;
	long off;            /* added to every line (a piece's lines before it) */
	long line;           /* of the row in progress, from its first field */
	size_t rows, stop_after;
};

static void add(struct got *g, const char *s, size_t n)
{
	if (g->len + n + 1 > g->cap) {
		g->cap = (g->len + n + 1) * 2;
		g->text = realloc(g->text, g->cap);
		cr_assert_not_null(g->text);
	}
	memcpy(g->text + g->len, s, n);
	g->len += n;
	g->text[g->len] = '\0';
}

static void on_field(void *ctx, size_t k, const char *s, size_t len)
{
	struct got *g = ctx;
	if (k == 0) {
		char b[32];
		g->line = csvscan_line(g->s) + g->off;
		add(g, b, (size_t)snprintf(b, sizeof b, "%ld", g->line));
	}
	cr_assert_eq(s[len], '\0');
	add(g, "|", 1);
	add(g, s, len);
}

static int on_row(void *ctx, size_t n)
{
	struct got *g = ctx;
	cr_assert_gt(n, 0);
	cr_assert_eq(csvscan_line(g->s) + g->off, g->line, "row end's line");
	add(g, "\n", 1);
	return ++g->rows == g->stop_after;
}

/* Scans [from, to) of path in blocks of block bytes (0: the default). */
static int scan(const char *path, long long from, long long to, size_t block,
		struct got *g, struct ff_error *err, long *lines, int *clean)
{
	g->s = csvscan_open(path, from, to, err);
	cr_assert_not_null(g->s, "%s", err->msg);
	if (block) csvscan_set_block(g->s, block);
	struct csvscan_cb cb = {g, on_field, on_row};
	int st = csvscan_run(g->s, &cb, err);
	if (lines) *lines = csvscan_lines(g->s);
	if (clean) *clean = csvscan_clean_end(g->s);
	csvscan_close(g->s);
	return st;
}

/* The same text from csvio_next; its status. */
static int reference(const char *path, char **out, struct ff_error *err)
{
	struct got g = {0};
	add(&g, "", 0);
	struct csvio_reader *r = csvio_open(path, err);
	cr_assert_not_null(r);
	const struct csvio_row *row;
	int st;
	while ((st = csvio_next(r, &row, err)) == 1) {
		char b[32];
		add(&g, b, (size_t)snprintf(b, sizeof b, "%ld", row->line));
		for (size_t k = 0; k < row->n; k++) {
			add(&g, "|", 1);
			add(&g, row->field[k], row->len[k]);
		}
		add(&g, "\n", 1);
	}
	csvio_close(r);
	*out = g.text;
	return st;
}

static const char *const tricky[] = {
	"a,b,c\n1,2,3\n4,,6\n",
	"name,note\n\"Alibaba, Inc.\",\"said \"\"up 5%\"\" today\"\n"
	"\"two\nlines\",\"\"\nx,\"a\r\nb\"\n",
	"a,b\n1,2\n\"x\ny\nz\",3\n4,5\n",
	"a,b\r\n1,2\r\n\r\n3,4\r\n",
	"a,b\r1,2\r3,4\r",
	"\xEF\xBB\xBF" "Date,Close\n2024-01-02,1\n",
	"a,b\n1,2",
	"a,b\n1,\"2\"",
	"\n\na,b\n\n\n1,2\n\n",
	"  \n\t\n a , b \n\"\"\n,\n",
	"x\r\r\n\r\ny\n\"q\r\r\nq\"\r\nz",
	"",
	"\n\r\n",
};

Test(csvscan, same_rows_and_lines_as_csvio_next_at_every_block_size)
{
	for (size_t t = 0; t < sizeof tricky / sizeof *tricky; t++) {
		const char *path = ut_write(&dir, "t.csv", tricky[t], -1);
		char *want;
		struct ff_error err;
		cr_assert_eq(reference(path, &want, &err), 0);
		for (size_t block = 0; block <= 12; block++) {
			struct got g = {0};
			add(&g, "", 0);
			cr_assert_eq(scan(path, 0, -1, block, &g, &err, NULL, NULL), 0,
				     "text %zu, block %zu: %s", t, block, err.msg);
			cr_assert_str_eq(g.text, want, "text %zu, block %zu", t, block);
			free(g.text);
		}
		free(want);
	}
}

Test(csvscan, lines_by_hand)
{
	const char *path = ut_write(&dir, "t.csv",
				    "\n\na,b\n\n\n1,\"x\r\ny\"\r\n\r2,3", -1);
	struct got g = {0};
	struct ff_error err;
	long lines;
	cr_assert_eq(scan(path, 0, -1, 3, &g, &err, &lines, NULL), 0);
	cr_assert_str_eq(g.text, "3|a|b\n6|1|x\r\ny\n9|2|3\n");
	cr_assert_eq(lines, 8);   /* the last line has no end */
	free(g.text);
}

Test(csvscan, malformed_names_the_line_its_row_began_on)
{
	const char *path = ut_write(&dir, "t.csv", "a,b\n1,2\n3,\"open\nmore\n", -1);
	for (size_t block = 0; block <= 9; block++) {
		struct got g = {0};
		struct ff_error err = {0};
		cr_assert_eq(scan(path, 0, -1, block, &g, &err, NULL, NULL), -1);
		cr_assert_eq(err.line, 3, "block %zu: line %ld", block, err.line);
		cr_assert_str_eq(err.file, path);
		cr_assert(strstr(err.msg, "malformed CSV"), "%s", err.msg);
		free(g.text);
	}
	path = ut_write(&dir, "u.csv", "a,b\n\n1,2\n\"x\"y,3\n", -1);
	struct got g = {0};
	struct ff_error err = {0};
	cr_assert_eq(scan(path, 0, -1, 2, &g, &err, NULL, NULL), -1);
	cr_assert_eq(err.line, 4);
	free(g.text);
}

Test(csvscan, a_row_callback_stops_it)
{
	/* Row 3 is malformed, but the scan stops at the end of row 2. */
	const char *path = ut_write(&dir, "t.csv", "a\nb\nc\"d\ne\n", -1);
	struct got g = {.stop_after = 2};
	struct ff_error err = {0};
	cr_assert_eq(scan(path, 0, -1, 0, &g, &err, NULL, NULL), 1);
	cr_assert_str_eq(g.text, "1|a\n2|b\n");
	free(g.text);
}

Test(csvscan, ranges_count_lines_and_see_quotes_across_the_end)
{
	const char *text = "h\r\n1\n\"x\ny\"\n2\n";
	const char *path = ut_write(&dir, "t.csv", text, -1);
	struct got g = {0};
	struct ff_error err;
	long lines;
	int clean;
	/* "h\r\n1\n": two whole lines, no quote open. */
	cr_assert_eq(scan(path, 0, 5, 2, &g, &err, &lines, &clean), 0);
	cr_assert_eq(lines, 2);
	cr_assert(clean);
	cr_assert_str_eq(g.text, "1|h\n2|1\n");
	/* Up to the '\n' inside the quotes: the quoted field is still open. */
	free(g.text);
	g = (struct got){0};
	cr_assert_eq(scan(path, 0, 8, 2, &g, &err, &lines, &clean), 0);
	cr_assert_eq(lines, 3);
	cr_assert(!clean);
	/* The piece after a clean end, its lines counted from its start. */
	free(g.text);
	g = (struct got){0};
	cr_assert_eq(scan(path, 5, -1, 1, &g, &err, &lines, &clean), 0);
	cr_assert_str_eq(g.text, "1|x\ny\n3|2\n");
	cr_assert_eq(lines, 3);
	free(g.text);
}

Test(csvscan, pieces_put_together_are_the_whole)
{
	/* 20,000 CRLF rows, one with a quoted line end, cut in three and read
	 * in 4 KB blocks: the rows and lines of one scan of the whole. */
	enum { N = 20000 };
	char *t = malloc((size_t)N * 32);
	size_t len = (size_t)sprintf(t, "i,v\r\n");
	for (int i = 0; i < N; i++)
		len += (size_t)sprintf(t + len, i == 12345 ? "%d,\"%d\r\n\"\r\n" :
				       i % 1000 == 7 ? "\r\n%d,%d\r\n" : "%d,%d\r\n",
				       i, i % 7);
	const char *path = ut_write(&dir, "big.csv", t, (long)len);
	char *want;
	struct ff_error err;
	cr_assert_eq(reference(path, &want, &err), 0);
	long long b[4];
	size_t k = csvscan_split(path, 3, 1000, b);
	cr_assert_eq(k, 3);
	struct got g = {0};
	for (size_t i = 0; i < k; i++) {
		long lines;
		int clean;
		cr_assert_eq(scan(path, b[i], b[i + 1], 4096, &g, &err, &lines, &clean), 0);
		cr_assert(clean || i + 1 == k);
		g.off += lines;
	}
	cr_assert_str_eq(g.text, want);
	free(g.text);
	free(want);
	free(t);
}

Test(csvscan, split_at_line_ends)
{
	char t[701];
	for (int i = 0; i < 100; i++) sprintf(t + 7 * i, "row%03d\n", i);
	const char *path = ut_write(&dir, "t.csv", t, 700);
	long long b[5];
	cr_assert_eq(csvscan_split(path, 3, 100, b), 3);
	cr_assert_eq(b[0], 0);
	cr_assert_eq(b[1], 238);   /* the line end after byte 233 */
	cr_assert_eq(b[2], 469);   /* after byte 466 */
	cr_assert_eq(b[3], -1);
	/* Pieces may not be smaller than min: fewer of them. */
	cr_assert_eq(csvscan_split(path, 4, 300, b), 2);
	cr_assert_eq(b[1], 357);   /* the first target, 175, is too close to 0 */
	cr_assert_eq(csvscan_split(path, 2, 400, b), 1);
	cr_assert_eq(b[1], -1);
	/* No line end after the middle, a stream, a missing file: whole. */
	path = ut_write(&dir, "one.csv", "a,b\nccccccccccccccccccccccccccccc", -1);
	cr_assert_eq(csvscan_split(path, 2, 1, b), 1);
	cr_assert_eq(csvscan_split("-", 2, 1, b), 1);
	cr_assert_eq(csvscan_split("/nonexistent/x.csv", 2, 1, b), 1);
	cr_assert_eq(b[0], 0);
	cr_assert_eq(b[1], -1);
}

Test(csvscan, open_errors)
{
	struct ff_error err = {0};
	cr_assert_null(csvscan_open("/nonexistent/x.csv", 0, -1, &err));
	cr_assert_str_eq(err.file, "/nonexistent/x.csv");
	cr_assert(strstr(err.msg, "cannot open"), "%s", err.msg);
}

Test(csvscan, a_folder_is_a_read_error)
{
	struct ff_error err = {0};
	struct got g = {0};
	cr_assert_eq(scan(dir.path, 0, -1, 0, &g, &err, NULL, NULL), -1);
	cr_assert(strstr(err.msg, "read error"), "%s", err.msg);
}
