#include "prices.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bigmem.h"
#include "csvio.h"
#include "csvscan.h"
#include "date.h"
#include "numparse.h"
#include "par.h"

#define OHLC_SLACK 1e-6
#define MIN_PIECE (4u << 20)   /* a smaller piece is not worth a thread */
#define MAX_PIECES 64
#define HEAD_BLOCK 4096        /* a cut file's header is read this much at a time */
#define ROW_BYTES_GUESS 24     /* arrays are reserved for a row per this many bytes */
#define CACHE_LINE 64

enum { C_DATE, C_OPEN, C_HIGH, C_LOW, C_CLOSE, C_ADJ, C_VOL, NCOLS };

static const char *const col_label[NCOLS] = {
	"Date", "Open", "High", "Low", "Close", "Adj Close", "Volume"};

/* Accepted header spellings, compared by csvio_find's rules.  No two
 * columns share a spelling, so a field feeds at most one column. */
static const char *const col_alias[NCOLS][3] = {
	{"date", "datetime", "timestamp"},
	{"open", NULL, NULL},
	{"high", NULL, NULL},
	{"low", NULL, NULL},
	{"close", NULL, NULL},
	{"adj close", "adjclose", "adjusted close"},
	{"volume", "vol", NULL},
};

static const unsigned col_bit[NCOLS] = {
	0, PRICES_OPEN, PRICES_HIGH, PRICES_LOW, PRICES_CLOSE, PRICES_ADJ,
	PRICES_VOLUME};

/* Which field feeds which column, from the header; every piece of a cut
 * file reads by the same one. */
struct layout {
	size_t ncols;            /* header width */
	int col[NCOLS];          /* field index, -1 if absent */
	signed char *kcol;       /* field index -> column, -1: none */
	int keep[NCOLS];         /* the columns whose values are kept */
	int nkeep;
	unsigned have;           /* enum prices_col bits of the columns present */
};

/* The header's fields, copied as they come: the only row that is. */
struct head {
	char **field;
	size_t *len;
	size_t n, cap;
};

enum state { S_HEADER, S_SKIP_HEADER, S_ROWS };

/* One thread's reading of a whole file or of one piece of a cut one.
 * Fields are converted and checked as libcsv hands them over; the row is
 * judged at its end, in the order the checks have always run (width,
 * date, then each column from Open to Volume, then High and Low against
 * the rest), so the message is the same whatever order the columns are
 * in.  Lines are counted from the start of the piece.  Cache-line
 * aligned: the loaders of a cut file sit side by side and are written
 * by different threads. */
struct loader {
	_Alignas(CACHE_LINE) const struct prices_opts *opts;
	const char *file;
	struct csvscan *scan;
	struct layout *lay;
	enum state state;
	int header_only;          /* stop once the header is read */
	struct head head;
	/* the row in progress */
	int32_t day;
	double v[NCOLS];
	int bad;                  /* lowest column with a bad field, NCOLS: none */
	/* the rows kept */
	int32_t *date;
	double *arr[NCOLS];
	size_t n, cap, cap0;
	long first_line;          /* line of the first row kept */
	size_t skipped;
	long skipped_line[PRICES_SKIP_LINES];
	long lines;               /* line ends in the piece, once read */
	int clean;                /* the piece ended outside quotes */
	int failed;
	struct ff_error err;      /* the row in progress's fault, then why it failed */
};

static void free_arrays(struct prices *p)
{
	free(p->date);
	free(p->open);
	free(p->high);
	free(p->low);
	free(p->close);
	free(p->adj);
	free(p->volume);
}

void prices_free(struct prices *p)
{
	if (!p) return;
	free_arrays(p);
	free(p->name);
	free(p->path);
	free(p);
}

static char *series_name(const char *path)
{
	if (strcmp(path, "-") == 0) return strdup("stdin");
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strlen(base);
	if (n > 4 && strcmp(base + n - 4, ".csv") == 0) n -= 4;
	return strndup(base, n);
}

/* ---- the header ---- */

static int plan_fields(struct layout *lay, unsigned want)
{
	/* On cache lines of its own: every thread of a cut file reads it a
	 * field at a time, and a line shared with a hot field of another
	 * thread cost a third of the command (false sharing). */
	size_t bytes = (lay->ncols + CACHE_LINE - 1) / CACHE_LINE * CACHE_LINE;
	if (!(lay->kcol = aligned_alloc(CACHE_LINE, bytes))) return -1;
	memset(lay->kcol, -1, lay->ncols);
	lay->nkeep = 0;
	if (want & PRICES_VALUE)
		want |= lay->col[C_ADJ] >= 0 ? PRICES_ADJ : PRICES_CLOSE;
	for (int c = 0; c < NCOLS; c++) {
		if (lay->col[c] < 0) continue;
		lay->kcol[lay->col[c]] = (signed char)c;
		if (c > C_DATE && (want & col_bit[c])) lay->keep[lay->nkeep++] = c;
	}
	return 0;
}

static int read_header(struct layout *lay, unsigned want, const char *file,
		       const struct csvio_row *h, struct ff_error *err)
{
	free(lay->kcol);
	lay->kcol = NULL;
	lay->ncols = h->n;
	lay->have = 0;
	for (int c = 0; c < NCOLS; c++) {
		lay->col[c] = -1;
		for (int a = 0; a < 3 && col_alias[c][a] && lay->col[c] < 0; a++)
			lay->col[c] = csvio_find(h, col_alias[c][a]);
		if (lay->col[c] >= 0) lay->have |= col_bit[c];
		if (lay->col[c] < 0 && c <= C_CLOSE)
			return ff_error_set(err, file, h->line, col_label[c],
					    "missing required column '%s' (the header "
					    "needs Date, Open, High, Low and Close)",
					    col_label[c]);
	}
	if (plan_fields(lay, want))
		return ff_error_set(err, file, h->line, NULL, "out of memory");
	return 0;
}

static void head_free(struct head *h)
{
	for (size_t k = 0; k < h->n; k++) free(h->field[k]);
	free(h->field);
	free(h->len);
}

static int head_add(struct head *h, const char *s, size_t len)
{
	if (h->n == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 16;
		char **f = realloc(h->field, cap * sizeof *f);
		if (f) h->field = f;
		size_t *l = realloc(h->len, cap * sizeof *l);
		if (l) h->len = l;
		if (!f || !l) return -1;
		h->cap = cap;
	}
	char *copy = malloc(len + 1);
	if (!copy) return -1;
	memcpy(copy, s, len);
	copy[len] = '\0';
	h->field[h->n] = copy;
	h->len[h->n++] = len;
	return 0;
}

static int fail(struct loader *L)
{
	L->err.line = csvscan_line(L->scan);
	L->failed = 1;
	return 1;
}

static int header_row(struct loader *L)
{
	if (L->failed) return 1;   /* out of memory while copying it */
	if (L->state == S_SKIP_HEADER) {
		L->state = S_ROWS;
		return 0;
	}
	struct csvio_row h = {L->head.n, (const char **)L->head.field,
			      L->head.len, csvscan_line(L->scan)};
	if (read_header(L->lay, L->opts->want, L->file, &h, &L->err)) {
		L->failed = 1;
		return 1;
	}
	L->state = S_ROWS;
	return L->header_only;
}

/* ---- the rows ---- */

/* Notes a bad field of column c unless a column checked earlier is bad
 * too (its message wins). */
static int bad_field(struct loader *L, int c)
{
	if (c >= L->bad) return 0;
	L->bad = c;
	return 1;
}

static void date_field(struct loader *L, const char *s, size_t len)
{
	if (date_parse(s, len, &L->day) == 0 || !bad_field(L, C_DATE)) return;
	ff_error_set(&L->err, L->file, 0, "Date", "unparsable date '%s' (expected "
		     "YYYY-MM-DD, optionally with a time and zone)", s);
}

static void number_field(struct loader *L, int c, const char *s, size_t len)
{
	double v;
	/* Sources write "-" or nothing for an unknown volume. */
	if (c == C_VOL && (len == 0 || (len == 1 && s[0] == '-'))) {
		L->v[c] = NAN;
		return;
	}
	/* Most fields have no space to trim: straight to numparse. */
	int plain = len && s[0] > ' ' && s[len - 1] > ' ';
	if ((plain ? numparse(s, len, &v) : csvio_number(s, len, &v)) || v != v) {
		if (bad_field(L, c))
			/* A NUL would cut the quoted field short in the message. */
			ff_error_set(&L->err, L->file, 0, col_label[c],
				     memchr(s, '\0', len) ?
				     "expected a number, found a NUL byte (binary data)" :
				     "expected a number, found '%.200s'", s);
		return;
	}
	if (c == C_VOL ? v < 0 : !(v > 0 && v < INFINITY)) {
		if (bad_field(L, c))
			ff_error_set(&L->err, L->file, 0, col_label[c],
				     "%s must be %s, found '%s'", col_label[c],
				     c == C_VOL ? "zero or more" : "a positive finite price", s);
		return;
	}
	L->v[c] = v;
}

static void on_field(void *ctx, size_t k, const char *s, size_t len)
{
	struct loader *L = ctx;
	if (L->state != S_ROWS) {
		if (L->state == S_HEADER && !L->failed && head_add(&L->head, s, len)) {
			ff_error_set(&L->err, L->file, 0, NULL, "out of memory");
			L->failed = 1;
		}
		return;
	}
	if (k >= L->lay->ncols) return;   /* a ragged row, judged at its end */
	int c = L->lay->kcol[k];
	if (c == C_DATE) date_field(L, s, len);
	else if (c > C_DATE) number_field(L, c, s, len);
}

/* High and Low against the rest; -1 with L->err filled if they clash. */
static int check_ohlc(struct loader *L)
{
	/* Adjusted sources rescale each column separately, leaving float
	 * noise (SPY 1993-02-01: High ...289 vs Close ...292); a relative slack
	 * of 1e-6 forgives that and nothing a real print could show. */
	const double *v = L->v;
	double o = v[C_OPEN], cl = v[C_CLOSE];
	double h = v[C_HIGH] * (1 + OHLC_SLACK), l = v[C_LOW] * (1 - OHLC_SLACK);
	/* Numbers in messages as the file wrote them, not as %.17g would. */
	char a[32], b[32];
	if (h < l)
		return ff_error_set(&L->err, L->file, 0, "High",
				    "High %s is below Low %s",
				    csvio_fmt_double(v[C_HIGH], a),
				    csvio_fmt_double(v[C_LOW], b));
	if (h < o || h < cl)
		return ff_error_set(&L->err, L->file, 0, "High",
				    "High %s is below %s %s",
				    csvio_fmt_double(v[C_HIGH], a),
				    h < o ? "Open" : "Close",
				    csvio_fmt_double(h < o ? o : cl, b));
	if (l > o || l > cl)
		return ff_error_set(&L->err, L->file, 0, "Low",
				    "Low %s is above %s %s",
				    csvio_fmt_double(v[C_LOW], a),
				    l > o ? "Open" : "Close",
				    csvio_fmt_double(l > o ? o : cl, b));
	return 0;
}

/* 0 when the row just ended is good; else -1 with L->err saying why. */
static int row_fault(struct loader *L, size_t n)
{
	int bad = L->bad;
	L->bad = NCOLS;
	if (n != L->lay->ncols)
		return ff_error_set(&L->err, L->file, 0, NULL,
				    "ragged row: %zu fields where the header has %zu",
				    n, L->lay->ncols);
	return bad < NCOLS ? -1 : check_ohlc(L);
}

static int order_error(struct ff_error *err, const char *file, long line,
		       int32_t day, int32_t prev)
{
	char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
	date_format(day, a);
	date_format(prev, b);
	if (day == prev)
		return ff_error_set(err, file, line, "Date", "date %s repeated", a);
	return ff_error_set(err, file, line, "Date",
			    "dates out of order: %s comes after %s (rows must be "
			    "in ascending date order)", a, b);
}

/* The arrays of a layout's kept columns (and the dates) with room for
 * cap rows, n of them in use. */
static int grow_arrays(const struct layout *lay, int32_t **date,
		       double **col[NCOLS], size_t n, size_t cap)
{
	int32_t *d = bigmem_grow(*date, n * sizeof *d, cap * sizeof *d);
	if (!d) return -1;
	*date = d;
	for (int j = 0; j < lay->nkeep; j++) {
		int c = lay->keep[j];
		double *a = bigmem_grow(*col[c], n * sizeof *a, cap * sizeof *a);
		if (!a) return -1;
		*col[c] = a;
	}
	return 0;
}

static int grow(struct loader *L)
{
	size_t cap = L->cap ? L->cap * 2 : L->cap0;
	double **col[NCOLS];
	for (int c = 0; c < NCOLS; c++) col[c] = &L->arr[c];
	if (grow_arrays(L->lay, &L->date, col, L->n, cap)) return -1;
	L->cap = cap;
	return 0;
}

static int keep_row(struct loader *L)
{
	if (L->n == L->cap && grow(L)) {
		ff_error_set(&L->err, L->file, 0, NULL, "out of memory");
		return fail(L);
	}
	if (L->n == 0) L->first_line = csvscan_line(L->scan);
	size_t i = L->n++;
	L->date[i] = L->day;
	for (int j = 0; j < L->lay->nkeep; j++) {
		int c = L->lay->keep[j];
		L->arr[c][i] = L->v[c];
	}
	return 0;
}

static int on_row(void *ctx, size_t n)
{
	struct loader *L = ctx;
	if (L->state != S_ROWS) return header_row(L);
	if (row_fault(L, n)) {
		if (L->opts->on_bad_row != PRICES_BAD_SKIP) return fail(L);
		if (L->skipped < PRICES_SKIP_LINES)
			L->skipped_line[L->skipped] = csvscan_line(L->scan);
		L->skipped++;
		return 0;
	}
	if (L->n && L->day <= L->date[L->n - 1]) {
		order_error(&L->err, L->file, 0, L->day, L->date[L->n - 1]);
		return fail(L);
	}
	return keep_row(L);
}

/* ---- reading a file or a piece ---- */

static void loader_init(struct loader *L, const struct prices_opts *o,
			const char *file, struct layout *lay, long long bytes)
{
	memset(L, 0, sizeof *L);
	L->opts = o;
	L->file = file;
	L->lay = lay;
	L->bad = NCOLS;
	for (int c = 0; c < NCOLS; c++) L->v[c] = NAN;
	/* Reserved, not touched: pages never written cost nothing. */
	L->cap0 = bytes > 0 ? (size_t)bytes / ROW_BYTES_GUESS + 16 : 1024;
}

static void loader_free(struct loader *L)
{
	free(L->date);
	for (int c = 0; c < NCOLS; c++) free(L->arr[c]);
	head_free(&L->head);
}

static void loader_run(struct loader *L, long long from, long long to,
		       size_t block)
{
	if (!(L->scan = csvscan_open(L->file, from, to, &L->err))) {
		L->failed = 1;
		return;
	}
	if (block) csvscan_set_block(L->scan, block);
	struct csvscan_cb cb = {L, on_field, on_row};
	if (csvscan_run(L->scan, &cb, &L->err) < 0) L->failed = 1;
	L->lines = csvscan_lines(L->scan);
	L->clean = csvscan_clean_end(L->scan);
	csvscan_close(L->scan);
	L->scan = NULL;
}

/* ---- putting the pieces together ---- */

static double **column(struct prices *p, int c)
{
	double **col[NCOLS] = {NULL, &p->open, &p->high, &p->low, &p->close,
			       &p->adj, &p->volume};
	return col[c];
}

/* Moves L's rows to the end of p's, whose arrays have room for *cap. */
static int append(struct prices *p, size_t *cap, struct loader *L)
{
	const struct layout *lay = L->lay;
	double **col[NCOLS];
	for (int c = 0; c < NCOLS; c++) col[c] = column(p, c);
	if (L->n == 0) return 0;
	if (p->n == 0) {   /* the first rows: the arrays themselves */
		free_arrays(p);
		p->date = L->date;
		L->date = NULL;
		for (int j = 0; j < lay->nkeep; j++) {
			*col[lay->keep[j]] = L->arr[lay->keep[j]];
			L->arr[lay->keep[j]] = NULL;
		}
		p->n = L->n;
		*cap = L->cap;
		return 0;
	}
	size_t n = p->n + L->n;
	if (n > *cap && grow_arrays(lay, &p->date, col, p->n, n)) return -1;
	if (n > *cap) *cap = n;
	memcpy(p->date + p->n, L->date, L->n * sizeof *p->date);
	for (int j = 0; j < lay->nkeep; j++) {
		int c = lay->keep[j];
		memcpy(*col[c] + p->n, L->arr[c], L->n * sizeof **col[c]);
	}
	p->n = n;
	return 0;
}

/* L's rows and skipped rows after p's; off: lines before L's piece.
 * -1 with err filled when L failed or its first row is out of order. */
static int take_piece(struct prices *p, size_t *cap, struct loader *L,
		      long off, struct ff_error *err)
{
	if (L->n && p->n && L->date[0] <= p->date[p->n - 1])
		return order_error(err, p->path, L->first_line + off, L->date[0],
				   p->date[p->n - 1]);
	if (L->failed) {
		*err = L->err;
		if (err->line > 0) err->line += off;
		return -1;
	}
	for (size_t j = 0; j < L->skipped && p->skipped + j < PRICES_SKIP_LINES; j++)
		p->skipped_line[p->skipped + j] = L->skipped_line[j] + off;
	p->skipped += L->skipped;
	if (append(p, cap, L)) return ff_error_set(err, p->path, 0, NULL, "out of memory");
	return 0;
}

/* 0, -1 (err filled), or 1: a quoted field spans a cut, so the pieces
 * after it were parsed from a wrong start. */
static int merge(struct prices *p, struct loader *P, size_t k,
		 struct ff_error *err)
{
	long off = 0;
	size_t cap = 0;
	for (size_t i = 0; i < k; i++) {
		if (i > 0 && !P[i - 1].clean) return 1;
		if (take_piece(p, &cap, &P[i], off, err)) return -1;
		off += P[i].lines;
	}
	return 0;
}

/* ---- whole, or in pieces ---- */

static long long file_size(const char *path)
{
	struct stat st;
	return strcmp(path, "-") && stat(path, &st) == 0 && S_ISREG(st.st_mode) ?
		(long long)st.st_size : -1;
}

static int load_whole(struct prices *p, const struct prices_opts *o,
		      struct layout *lay, struct ff_error *err)
{
	struct loader L;
	loader_init(&L, o, p->path, lay, file_size(p->path));
	loader_run(&L, 0, -1, 0);
	int st = -1;
	if (L.failed)
		*err = L.err;
	else if (L.state != S_ROWS)
		ff_error_set(err, p->path, 0, NULL, "empty file: expected a header "
			     "(Date,Open,High,Low,Close[,Adj Close][,Volume]) and rows");
	else
		st = take_piece(p, &(size_t){0}, &L, 0, err);
	loader_free(&L);
	return st;
}

/* The header alone, from the start of the file: 0 when it is good. */
static int read_head(const char *path, const struct prices_opts *o,
		     struct layout *lay)
{
	struct loader L;
	loader_init(&L, o, path, lay, 0);
	L.header_only = 1;
	loader_run(&L, 0, -1, HEAD_BLOCK);
	int ok = !L.failed && L.state == S_ROWS;
	loader_free(&L);
	return ok ? 0 : -1;
}

struct pieces {
	struct loader *P;
	const long long *bounds;
};

static void run_piece(void *ctx, size_t i, int worker)
{
	(void)worker;
	struct pieces *ps = ctx;
	loader_run(&ps->P[i], ps->bounds[i], ps->bounds[i + 1], 0);
}

/* 1: not cut, or cut where a quoted field spans the cut: read it whole. */
static int load_pieces(struct prices *p, const struct prices_opts *o,
		       struct layout *lay, struct ff_error *err)
{
	long long b[MAX_PIECES + 1], size = file_size(p->path);
	size_t n = o->threads < MAX_PIECES ? (size_t)o->threads : MAX_PIECES;
	size_t k = csvscan_split(p->path, n, o->min_piece ? o->min_piece : MIN_PIECE, b);
	if (k < 2 || size < 0 || read_head(p->path, o, lay)) return 1;
	struct loader *P = aligned_alloc(CACHE_LINE, k * sizeof *P);
	if (!P) return ff_error_set(err, p->path, 0, NULL, "out of memory");
	for (size_t i = 0; i < k; i++) {
		loader_init(&P[i], o, p->path, lay, (b[i + 1] < 0 ? size : b[i + 1]) - b[i]);
		P[i].state = i ? S_ROWS : S_SKIP_HEADER;
	}
	struct pieces ps = {P, b};
	par_for(k, o->serial ? 1 : (int)k, run_piece, &ps);
	int st = merge(p, P, k, err);
	for (size_t i = 0; i < k; i++) loader_free(&P[i]);
	free(P);
	if (st == 1) {   /* as if nothing had been read */
		free_arrays(p);
		p->date = NULL;
		for (int c = C_OPEN; c < NCOLS; c++) *column(p, c) = NULL;
		p->n = p->skipped = 0;
	}
	return st;
}

int prices_load(const char *path, const struct prices_opts *opts,
		struct prices **out, struct ff_error *err)
{
	struct prices *p = calloc(1, sizeof *p);
	struct layout lay = {0};
	*out = NULL;
	if (!p || !(p->name = series_name(path)) || !(p->path = strdup(path))) {
		ff_error_set(err, path, 0, NULL, "out of memory");
		prices_free(p);
		return -1;
	}
	int st = opts->threads > 1 ? load_pieces(p, opts, &lay, err) : 1;
	if (st == 1) st = load_whole(p, opts, &lay, err);
	p->have = lay.have;
	free(lay.kcol);
	if (!st && p->n == 0)
		st = ff_error_set(err, path, 0, NULL, p->skipped ?
				  "no valid rows: all %zu data rows were bad" :
				  "no data rows after the header", p->skipped);
	if (st) {
		prices_free(p);
		return -1;
	}
	*out = p;
	return 0;
}

#define MAX_LOADERS 8

struct many {
	const char *const *paths;
	size_t n;
	const struct prices_opts *opts;
	struct prices **out;
	struct ff_error *errs;   /* one per file */
	int *st;
	atomic_size_t next;      /* the next file nobody has taken */
};

/* Takes files one at a time until none are left. */
static void *load_some(void *arg)
{
	struct many *m = arg;
	size_t i;
	while ((i = atomic_fetch_add(&m->next, 1)) < m->n)
		m->st[i] = prices_load(m->paths[i], m->opts, &m->out[i], &m->errs[i]);
	return NULL;
}

int prices_load_many(const char *const *paths, size_t n,
		     const struct prices_opts *opts, struct prices **out,
		     struct ff_error *err)
{
	struct many m = {.paths = paths, .n = n, .opts = opts, .out = out};
	atomic_init(&m.next, 0);
	m.errs = calloc(n ? n : 1, sizeof *m.errs);
	m.st = calloc(n ? n : 1, sizeof *m.st);
	if (!m.errs || !m.st) {
		free(m.errs);
		free(m.st);
		return ff_error_set(err, n ? paths[0] : "", 0, NULL, "out of memory");
	}
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t extra = cpus > 1 ? (size_t)cpus - 1 : 0;
	if (extra > MAX_LOADERS) extra = MAX_LOADERS;
	if (n && extra > n - 1) extra = n - 1;
	pthread_t tid[MAX_LOADERS];
	size_t started = 0;
	while (started < extra && pthread_create(&tid[started], NULL, load_some, &m) == 0)
		started++;
	load_some(&m);   /* this thread works too; alone if none started */
	for (size_t k = 0; k < started; k++) pthread_join(tid[k], NULL);

	int st = 0;
	for (size_t i = 0; i < n && !st; i++)
		if (m.st[i]) {
			*err = m.errs[i];
			st = -1;
		}
	if (st)
		for (size_t i = 0; i < n; i++) {
			prices_free(out[i]);
			out[i] = NULL;
		}
	free(m.errs);
	free(m.st);
	return st;
}

const double *prices_value(const struct prices *p)
{
	return p->adj ? p->adj : p->close;
}

size_t prices_lower_bound(const struct prices *p, int32_t day)
{
	size_t lo = 0, hi = p->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (p->date[mid] < day) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

long prices_find(const struct prices *p, int32_t day)
{
	size_t i = prices_lower_bound(p, day);
	return i < p->n && p->date[i] == day ? (long)i : -1;
}

size_t prices_align(const struct prices *a, const struct prices *b,
		    size_t *ia, size_t *ib)
{
	size_t i = 0, j = 0, k = 0;
	while (i < a->n && j < b->n) {
		if (a->date[i] < b->date[j]) i++;
		else if (a->date[i] > b->date[j]) j++;
		else {
			ia[k] = i++;
			ib[k++] = j++;
		}
	}
	return k;
}
