/* libFuzzer harness: csvscan against csvio's row reader.  Every row's
 * fields and the line it starts on must be what csvio_next gives, with
 * blocks of 1 and 7 bytes (more for long inputs) and the default size; and a file cut into pieces at line
 * ends must give the same rows too, its lines counted from each piece's
 * start, whenever the piece before ended outside quotes; any error must
 * name the same line. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "csvscan.h"
#include "fuzz_util.h"

/* The rows as csvio_next reads them: fields joined by a 0x1F, rows by a
 * 0x1E, each preceded by its line. */
struct text {
	char *s;
	size_t n, cap;
};

static void put(struct text *t, const void *s, size_t n)
{
	if (t->n + n > t->cap) {
		t->cap = (t->n + n) * 2 + 64;
		if (!(t->s = realloc(t->s, t->cap))) abort();
	}
	memcpy(t->s + t->n, s, n);
	t->n += n;
}

static void put_line(struct text *t, long line)
{
	put(t, &line, sizeof line);
}

static int same_text(const struct text *a, const struct text *b)
{
	return a->n == b->n && (!a->n || !memcmp(a->s, b->s, a->n));
}

static int reference(const char *path, struct text *t, struct ff_error *err)
{
	struct csvio_reader *r = csvio_open(path, err);
	if (!r) abort();
	const struct csvio_row *row;
	int st;
	while ((st = csvio_next(r, &row, err)) == 1) {
		put_line(t, row->line);
		for (size_t k = 0; k < row->n; k++) {
			put(t, row->field[k], row->len[k]);
			put(t, "\x1f", 1);
		}
		put(t, "\x1e", 1);
	}
	csvio_close(r);
	return st;
}

struct sink {
	struct csvscan *s;
	struct text t;
	long off;        /* lines before the piece */
	int started;
};

static void on_field(void *ctx, size_t k, const char *s, size_t len)
{
	struct sink *z = ctx;
	if (k == 0) put_line(&z->t, csvscan_line(z->s) + z->off);
	put(&z->t, s, len);
	put(&z->t, "\x1f", 1);
}

static int on_row(void *ctx, size_t n)
{
	struct sink *z = ctx;
	/* A row of no field is impossible: libcsv always makes one. */
	if (n == 0) abort();
	put(&z->t, "\x1e", 1);
	return 0;
}

/* Scans [from, to) onto z; the csvscan_run status. */
static int scan(const char *path, long long from, long long to, size_t block,
		struct sink *z, struct ff_error *err, long *lines, int *clean)
{
	if (!(z->s = csvscan_open(path, from, to, err))) abort();
	if (block) csvscan_set_block(z->s, block);
	struct csvscan_cb cb = {z, on_field, on_row};
	int st = csvscan_run(z->s, &cb, err);
	*lines = csvscan_lines(z->s);
	*clean = csvscan_clean_end(z->s);
	csvscan_close(z->s);
	return st;
}

static void check_whole(const char *path, const struct text *ref, int ref_st,
			const struct ff_error *ref_err, size_t block)
{
	struct sink z = {0};
	struct ff_error err;
	long lines;
	int clean;
	int st = scan(path, 0, -1, block, &z, &err, &lines, &clean);
	/* csvio_next's error comes after the rows before it: compare those. */
	if (st != ref_st || (st && err.line != ref_err->line)) abort();
	if (!st && !same_text(&z.t, ref)) abort();
	free(z.t.s);
}

static void check_pieces(const char *path, const struct text *ref, int ref_st,
			 size_t n)
{
	long long b[5];
	size_t k = csvscan_split(path, 2 + n % 3, 1, b);
	struct sink z = {0};
	struct ff_error err;
	for (size_t i = 0; i < k; i++) {
		long lines;
		int clean;
		int st = scan(path, b[i], b[i + 1], 5 + n / 64, &z, &err, &lines, &clean);
		if (st) {
			free(z.t.s);
			return;   /* an error in a piece: compared whole above */
		}
		if (!clean && i + 1 < k) {
			free(z.t.s);
			return;   /* a quoted field spans the cut: pieces after are void */
		}
		z.off += lines;
	}
	if (!ref_st && !same_text(&z.t, ref)) abort();
	free(z.t.s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	const char *path = fuzz_file("scan.csv", data, n);
	struct text ref = {0};
	struct ff_error ref_err;
	int ref_st = reference(path, &ref, &ref_err);
	/* Blocks of a byte or a few, but at most about 64 reads an input:
	 * each read is a system call, and a thousand of them an input made
	 * this harness crawl.  Small inputs still put a block end after
	 * every byte. */
	const size_t blocks[] = {1 + n / 64, 7 + n / 64, 0};
	for (size_t i = 0; i < 3; i++) check_whole(path, &ref, ref_st, &ref_err, blocks[i]);
	check_pieces(path, &ref, ref_st, n);
	free(ref.s);
	return 0;
}
