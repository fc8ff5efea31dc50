#define _GNU_SOURCE   /* memrchr */
#include "csvscan.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvio.h"

#define MAX_ROW_BYTES (64u << 20)   /* one row may not exceed this */
#define SPLIT_WINDOW 4096           /* bytes read at a time to find a line end */
#define CACHE_LINE 64

/* Where the bytes stepped over leave lines and rows, counted as
 * csvio_next counts them: a line ends at LF, CRLF or a lone CR, quoted
 * or not; a row begins at the first byte that is not a space, a tab or a
 * line end, and ends at a line end outside quotes.  On input libcsv
 * accepts this is libcsv's own row splitting, so row k here is the row
 * of libcsv's k-th row callback. */
struct ledger {
	long line;        /* line of the next byte, 1-based */
	size_t begun;     /* rows begun */
	long row_line;    /* line the last row begun started on */
	int open;         /* that row has not ended */
	int quoted;       /* inside a quoted field */
	int cr;           /* the last byte was a CR: a LF next ends no line */
};

/* Aligned to a cache line (and a whole number of them): its counters
 * change with every field, and a line shared with another thread's data
 * would bounce between the cores. */
struct csvscan {
	_Alignas(CACHE_LINE) int fd;
	int own;
	char *name;
	long long pos, to;       /* next byte to read; end of range, < 0: none */
	int at_start;            /* nothing read yet from offset 0 (a BOM?) */
	char *buf;
	size_t block, len, off;  /* block size, bytes in buf, first byte fed */
	struct csv_parser p;
	int parser_ok;
	struct ledger at;        /* at the first byte of the block being fed */
	struct ledger cur;       /* at buf[cpos]: for csvscan_line */
	size_t cpos;
	size_t rows;             /* rows ended */
	size_t k, row_bytes;     /* fields and bytes of the row in progress */
	int stopped, overflow;
	struct csvscan_cb cb;
};

static void step(struct ledger *l, char c)
{
	if (c == '\n' || c == '\r') {
		l->line += !(c == '\n' && l->cr);
		l->cr = c == '\r';
		if (!l->quoted) l->open = 0;
		return;
	}
	l->cr = 0;
	if (!l->open && c != ' ' && c != '\t') {
		l->open = 1;
		l->begun++;
		l->row_line = l->line;
	}
	if (c == '"') l->quoted = !l->quoted;
}

/* The '\n' bytes of s[0..n), 32 bytes at a time: a byte of x = w ^ LF
 * is zero exactly when bit 7 of ((x & 0x7F..) + 0x7F..) | x is clear. */
static size_t count_lf(const char *s, size_t n)
{
	const uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL, lf = 0x0A0A0A0A0A0A0A0AULL;
	const uint64_t ones = 0x0101010101010101ULL;
	size_t count = 0, i = 0;
	for (; i + 32 <= n; i += 32) {
		uint64_t acc = 0;   /* up to 4 in each byte */
		for (int k = 0; k < 4; k++) {
			uint64_t w;
			memcpy(&w, s + i + 8 * k, sizeof w);
			uint64_t x = w ^ lf;
			acc += (~(((x & low7) + low7) | x) >> 7) & ones;
		}
		count += (acc * ones) >> 56;
	}
	for (; i < n; i++) count += s[i] == '\n';
	return count;
}

/* Over a whole block: one with no quote and no CR (a price file's every
 * block) by counting its LFs, any other byte by byte. */
static void advance(struct ledger *l, const char *s, size_t n)
{
	if (l->quoted || l->cr || memchr(s, '"', n) || memchr(s, '\r', n)) {
		for (size_t i = 0; i < n; i++) step(l, s[i]);
		return;
	}
	const char *last = memrchr(s, '\n', n);
	if (last) {
		l->line += (long)count_lf(s, n);
		l->open = 0;
		n -= (size_t)(last + 1 - s);
		s = last + 1;
	}
	for (size_t i = 0; i < n && !l->open; i++) step(l, s[i]);
}

void csvscan_set_block(struct csvscan *s, size_t bytes)
{
	s->block = bytes ? bytes : 1;
}

static void scan_free(struct csvscan *s)
{
	if (s->own) close(s->fd);
	if (s->parser_ok) csv_free(&s->p);
	free(s->name);
	free(s->buf);
	free(s);
}

struct csvscan *csvscan_open(const char *path, long long from, long long to,
			     struct ff_error *err)
{
	int is_stdin = strcmp(path, "-") == 0;
	struct csvscan *s = aligned_alloc(CACHE_LINE, sizeof *s);
	if (s) memset(s, 0, sizeof *s);
	if (!s || !(s->name = strdup(is_stdin ? "<stdin>" : path))) {
		free(s);
		ff_error_set(err, path, 0, NULL, "out of memory");
		return NULL;
	}
	s->fd = is_stdin ? 0 : open(path, O_RDONLY);
	s->own = !is_stdin && s->fd >= 0;
	if (s->fd < 0 || (from > 0 && lseek(s->fd, from, SEEK_SET) != from)) {
		ff_error_set(err, path, 0, NULL, "cannot open: %s", strerror(errno));
		scan_free(s);
		return NULL;
	}
	if (csvio_parser_init(&s->p)) {
		ff_error_set(err, path, 0, NULL, "cannot start the CSV parser");
		scan_free(s);
		return NULL;
	}
	s->parser_ok = 1;
	s->pos = from;
	s->to = to;
	s->at_start = from == 0;
	s->block = CSVSCAN_BLOCK;
	s->at.line = 1;
	return s;
}

void csvscan_close(struct csvscan *s)
{
	if (s) scan_free(s);
}

static void on_field(void *f, size_t len, void *data)
{
	struct csvscan *s = data;
	if (s->stopped || s->overflow) return;
	s->row_bytes += len + 1;
	if (s->row_bytes > MAX_ROW_BYTES) {
		s->overflow = 1;
		return;
	}
	s->cb.field(s->cb.ctx, s->k++, f, len);
}

static void on_row(int c, void *data)
{
	(void)c;
	struct csvscan *s = data;
	if (s->stopped || s->overflow) return;
	size_t n = s->k;
	s->k = s->row_bytes = 0;
	if (s->cb.row(s->cb.ctx, n)) s->stopped = 1;
	s->rows++;
}

long csvscan_line(struct csvscan *s)
{
	/* Row s->rows is in progress; it began in this block unless it was
	 * already open where the block starts. */
	while (s->cur.begun <= s->rows && s->cpos < s->len)
		step(&s->cur, s->buf[s->cpos++]);
	return s->cur.row_line;
}

long csvscan_lines(const struct csvscan *s)
{
	return s->at.line - 1;
}

int csvscan_clean_end(const struct csvscan *s)
{
	return !s->at.quoted && !s->at.open;
}

static int parse_failed(struct csvscan *s, struct ff_error *err)
{
	long line = csvscan_line(s);
	if (s->overflow)
		return ff_error_set(err, s->name, line, NULL,
				    "row longer than %u bytes, or out of memory",
				    MAX_ROW_BYTES);
	return ff_error_set(err, s->name, line, NULL,
			    "malformed CSV: %s (a quote inside an unquoted field, "
			    "text after a closing quote, or a quote never closed)",
			    csv_strerror(csv_error(&s->p)));
}

/* Fills buf with the next block of the range (reads may come short from
 * a pipe); the first holds at least the 3 bytes of a BOM if it can.
 * Bytes read, 0 at the end, -1 on a read error. */
static long long read_block(struct csvscan *s)
{
	size_t want = s->block;
	if (s->at_start && want < 3) want = 3;
	if (s->to >= 0 && (long long)want > s->to - s->pos)
		want = (size_t)(s->to - s->pos);
	size_t n = 0;
	while (n < want) {
		ssize_t r = read(s->fd, s->buf + n, want - n);
		if (r < 0 && errno == EINTR) continue;
		if (r < 0) return -1;
		if (r == 0) break;
		n += (size_t)r;
	}
	s->pos += (long long)n;
	return (long long)n;
}

/* Feeds one block; 0 to go on, 1 stopped, -1 failed. */
static int feed(struct csvscan *s, struct ff_error *err)
{
	s->off = s->at_start ? csvio_bom_len(s->buf, s->len) : 0;
	s->at_start = 0;
	s->cur = s->at;
	s->cpos = s->off;
	size_t n = s->len - s->off;
	size_t used = csv_parse(&s->p, s->buf + s->off, n, on_field, on_row, s);
	/* Whatever libcsv found after a stop is past the row that stopped. */
	if (s->stopped) return 1;
	if (used != n || s->overflow) return parse_failed(s, err);
	advance(&s->at, s->buf + s->off, n);
	/* Rows begun: those libcsv ended and the one in progress. */
	s->at.begun = s->rows + (size_t)s->at.open;
	return 0;
}

/* A range smaller than a block is read with a buffer of its own size:
 * most price files are a few KB, and a 256 KB buffer is an mmap and an
 * munmap for each (glibc's and the sanitizers' allocators alike).  A file
 * that grows while read is still read whole, a block of the old size at
 * a time. */
static void fit_block(struct csvscan *s)
{
	long long end = s->to;
	struct stat st;
	if (end < 0 && fstat(s->fd, &st) == 0 && S_ISREG(st.st_mode))
		end = st.st_size;
	if (end >= s->pos && (unsigned long long)(end - s->pos) < s->block)
		s->block = end > s->pos ? (size_t)(end - s->pos) : 1;
}

int csvscan_run(struct csvscan *s, const struct csvscan_cb *cb,
		struct ff_error *err)
{
	s->cb = *cb;
	if (!s->buf) fit_block(s);
	if (!s->buf && !(s->buf = malloc(s->block > 3 ? s->block : 3)))
		return ff_error_set(err, s->name, 0, NULL, "out of memory");
	for (;;) {
		long long n = read_block(s);
		if (n < 0)
			return ff_error_set(err, s->name, s->at.line, NULL,
					    "read error: %s", strerror(errno));
		if (n == 0) break;
		s->len = (size_t)n;
		int st = feed(s, err);
		if (st) return st;
	}
	/* A piece of a file ends after a line end: nothing to close. */
	if (s->to >= 0) return 0;
	s->cur = s->at;
	s->cpos = s->len;   /* the last block is stepped over already */
	int bad = csv_fini(&s->p, on_field, on_row, s);
	if (s->stopped) return 1;
	return bad || s->overflow ? parse_failed(s, err) : 0;
}

/* The offset just after the first '\n' at or after from, or -1. */
static long long line_end_after(int fd, long long from, long long size)
{
	char w[SPLIT_WINDOW];
	while (from < size) {
		ssize_t r = pread(fd, w, sizeof w, from);
		if (r <= 0) return -1;
		const char *nl = memchr(w, '\n', (size_t)r);
		if (nl) return from + (nl - w) + 1;
		from += r;
	}
	return -1;
}

size_t csvscan_split(const char *path, size_t n, size_t min, long long *bounds)
{
	bounds[0] = 0;
	bounds[1] = -1;
	int fd = open(path, O_RDONLY);
	if (fd < 0) return 1;
	struct stat st;
	size_t k = 1;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		long long size = st.st_size;
		for (size_t i = 1; i < n; i++) {
			long long target = size / (long long)n * (long long)i;
			if (target < bounds[k - 1] + (long long)min) continue;
			long long b = line_end_after(fd, target, size);
			if (b < 0 || b > size - (long long)min) break;
			bounds[k++] = b;
		}
	}
	close(fd);
	bounds[k] = -1;
	return k;
}
