#include "prices.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvio.h"
#include "date.h"

#define OHLC_SLACK 1e-6

enum { C_DATE, C_OPEN, C_HIGH, C_LOW, C_CLOSE, C_ADJ, C_VOL, NCOLS };

static const char *const col_label[NCOLS] = {
	"Date", "Open", "High", "Low", "Close", "Adj Close", "Volume"};

/* Accepted header spellings, compared by csvio_find's rules. */
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

struct loader {
	const struct prices_opts *opts;
	struct prices *p;
	int col[NCOLS];          /* field index, -1 if absent */
	size_t ncols;            /* header width */
	double *arr[NCOLS];      /* kept arrays, NULL if not kept */
	size_t cap;
	const char *file;
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

static int read_header(struct loader *L, const struct csvio_row *h,
		       struct ff_error *err)
{
	L->ncols = h->n;
	for (int c = 0; c < NCOLS; c++) {
		L->col[c] = -1;
		for (int a = 0; a < 3 && col_alias[c][a] && L->col[c] < 0; a++)
			L->col[c] = csvio_find(h, col_alias[c][a]);
		if (L->col[c] >= 0) L->p->have |= col_bit[c];
		if (L->col[c] < 0 && c <= C_CLOSE)
			return ff_error_set(err, L->file, h->line, col_label[c],
					    "missing required column '%s' (the header "
					    "needs Date, Open, High, Low and Close)",
					    col_label[c]);
	}
	return 0;
}

static int grow_arrays(struct loader *L)
{
	size_t cap = L->cap ? L->cap * 2 : 1024;
	int32_t *d = realloc(L->p->date, cap * sizeof *d);
	if (!d) return -1;
	L->p->date = d;
	for (int c = 1; c < NCOLS; c++) {
		if (!L->arr[c]) continue;
		double *a = realloc(L->arr[c], cap * sizeof *a);
		if (!a) return -1;
		L->arr[c] = a;
	}
	L->cap = cap;
	return 0;
}

/* Validates one row into v[]; on a bad row fills err and returns -1. */
static int parse_row(const struct loader *L, const struct csvio_row *r,
		     int32_t *day, double v[NCOLS], struct ff_error *err)
{
	if (r->n != L->ncols)
		return ff_error_set(err, L->file, r->line, NULL,
				    "ragged row: %zu fields where the header has %zu",
				    r->n, L->ncols);
	const char *ds = r->field[L->col[C_DATE]];
	if (date_parse(ds, r->len[L->col[C_DATE]], day))
		return ff_error_set(err, L->file, r->line, "Date",
				    "unparsable date '%s' (expected YYYY-MM-DD, "
				    "optionally with a time and zone)", ds);
	for (int c = C_OPEN; c < NCOLS; c++) {
		v[c] = 0.0 / 0.0;
		if (L->col[c] < 0) continue;
		const char *s = r->field[L->col[c]];
		size_t len = r->len[L->col[c]];
		/* Sources write "-" or nothing for an unknown volume. */
		if (c == C_VOL && (len == 0 || (len == 1 && s[0] == '-'))) continue;
		if (csvio_number(s, len, &v[c]) || v[c] != v[c])
			/* A NUL would cut the quoted field short in the message. */
			return ff_error_set(err, L->file, r->line, col_label[c],
					    memchr(s, '\0', len) ?
					    "expected a number, found a NUL byte (binary data)" :
					    "expected a number, found '%.200s'", s);
		if (c == C_VOL ? v[c] < 0 : !(v[c] > 0 && v[c] < 1.0 / 0.0))
			return ff_error_set(err, L->file, r->line, col_label[c],
					    "%s must be %s, found '%s'", col_label[c],
					    c == C_VOL ? "zero or more" : "a positive finite price", s);
	}
	/* Adjusted sources rescale each column separately, leaving float
	 * noise (SPY 1993-02-01: High ...289 vs Close ...292); a relative slack
	 * of 1e-6 forgives that and nothing a real print could show. */
	double o = v[C_OPEN], cl = v[C_CLOSE];
	double h = v[C_HIGH] * (1 + OHLC_SLACK), l = v[C_LOW] * (1 - OHLC_SLACK);
	/* Numbers in messages as the file wrote them, not as %.17g would. */
	char a[32], b[32];
	if (h < l)
		return ff_error_set(err, L->file, r->line, "High",
				    "High %s is below Low %s",
				    csvio_fmt_double(v[C_HIGH], a),
				    csvio_fmt_double(v[C_LOW], b));
	if (h < o || h < cl)
		return ff_error_set(err, L->file, r->line, "High",
				    "High %s is below %s %s",
				    csvio_fmt_double(v[C_HIGH], a),
				    h < o ? "Open" : "Close",
				    csvio_fmt_double(h < o ? o : cl, b));
	if (l > o || l > cl)
		return ff_error_set(err, L->file, r->line, "Low",
				    "Low %s is above %s %s",
				    csvio_fmt_double(v[C_LOW], a),
				    l > o ? "Open" : "Close",
				    csvio_fmt_double(l > o ? o : cl, b));
	return 0;
}

static int check_order(const struct loader *L, const struct csvio_row *r,
		       int32_t day, struct ff_error *err)
{
	size_t n = L->p->n;
	if (n == 0 || day > L->p->date[n - 1]) return 0;
	char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
	date_format(day, a);
	date_format(L->p->date[n - 1], b);
	if (day == L->p->date[n - 1])
		return ff_error_set(err, L->file, r->line, "Date",
				    "date %s repeated", a);
	return ff_error_set(err, L->file, r->line, "Date",
			    "dates out of order: %s comes after %s (rows must be "
			    "in ascending date order)", a, b);
}

static void note_skip(struct prices *p, long line)
{
	if (p->skipped < PRICES_SKIP_LINES) p->skipped_line[p->skipped] = line;
	p->skipped++;
}

static int load_rows(struct loader *L, struct csvio_reader *rd,
		     struct ff_error *err)
{
	const struct csvio_row *r;
	int st;
	while ((st = csvio_next(rd, &r, err)) == 1) {
		int32_t day;
		double v[NCOLS];
		if (parse_row(L, r, &day, v, err)) {
			if (L->opts->on_bad_row != PRICES_BAD_SKIP) return -1;
			note_skip(L->p, r->line);
			continue;
		}
		if (check_order(L, r, day, err)) return -1;
		if (L->p->n == L->cap && grow_arrays(L))
			return ff_error_set(err, L->file, r->line, NULL, "out of memory");
		size_t i = L->p->n++;
		L->p->date[i] = day;
		for (int c = 1; c < NCOLS; c++)
			if (L->arr[c]) L->arr[c][i] = v[c];
	}
	return st;
}

static void publish(struct loader *L)
{
	struct prices *p = L->p;
	p->open = L->arr[C_OPEN];
	p->high = L->arr[C_HIGH];
	p->low = L->arr[C_LOW];
	p->close = L->arr[C_CLOSE];
	p->adj = L->arr[C_ADJ];
	p->volume = L->arr[C_VOL];
}

/* Allocates a placeholder for each kept column so grow_arrays sizes it. */
static int plan_columns(struct loader *L)
{
	for (int c = 1; c < NCOLS; c++) {
		L->arr[c] = NULL;
		if (!(L->opts->want & col_bit[c]) || L->col[c] < 0) continue;
		if (!(L->arr[c] = malloc(sizeof(double)))) return -1;
	}
	return 0;
}

int prices_load(const char *path, const struct prices_opts *opts,
		struct prices **out, struct ff_error *err)
{
	struct loader L = {.opts = opts, .file = path};
	struct prices *p = calloc(1, sizeof *p);
	struct csvio_reader *rd = NULL;
	const struct csvio_row *h;
	int st = -1;
	*out = NULL;
	if (!p || !(p->name = series_name(path)) || !(p->path = strdup(path))) {
		ff_error_set(err, path, 0, NULL, "out of memory");
		goto done;
	}
	L.p = p;
	if (!(rd = csvio_open(path, err))) goto done;
	int hs = csvio_next(rd, &h, err);
	if (hs < 0) goto done;
	if (hs == 0) {
		ff_error_set(err, path, 0, NULL, "empty file: expected a header "
			     "(Date,Open,High,Low,Close[,Adj Close][,Volume]) and rows");
		goto done;
	}
	if (read_header(&L, h, err)) goto done;
	if (plan_columns(&L)) {
		ff_error_set(err, path, 0, NULL, "out of memory");
		goto done;
	}
	if (load_rows(&L, rd, err)) goto done;
	if (p->n == 0) {
		ff_error_set(err, path, 0, NULL, p->skipped ?
			     "no valid rows: all %zu data rows were bad" :
			     "no data rows after the header", p->skipped);
		goto done;
	}
	st = 0;
done:
	csvio_close(rd);
	if (L.p) publish(&L);
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
