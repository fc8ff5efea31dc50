#include "check.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- growable byte buffer ---- */

struct buf {
	char *p;
	size_t len, cap;
};

static int buf_reserve(struct buf *b, size_t more)
{
	if (b->len + more <= b->cap) return 0;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + more) cap *= 2;
	char *p = realloc(b->p, cap);
	if (!p) return -1;
	b->p = p;
	b->cap = cap;
	return 0;
}

static int buf_add(struct buf *b, const void *s, size_t n)
{
	if (buf_reserve(b, n)) return -1;
	if (n) memcpy(b->p + b->len, s, n);
	b->len += n;
	return 0;
}

static int grow_array(void **p, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap) return 0;
	size_t n = *cap ? *cap : 64;
	while (n < need) n *= 2;
	void *q = realloc(*p, n * elem);
	if (!q) return -1;
	*p = q;
	*cap = n;
	return 0;
}

/* ---- a set of keys (encoded byte strings) with the line each came from ---- */

struct keyset {
	struct buf bytes;
	size_t *off, *len;
	long *line;
	size_t n, cap;
	struct slot {
		uint32_t idx;    /* index + 1, 0 = empty; open addressing */
		uint32_t tag;    /* high bits of the hash, to skip most compares */
	} *slot;
	size_t nslot;        /* power of two, at least 2n */
};

static uint64_t hash_bytes(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;   /* FNV-1a */
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	/* FNV's low bits are weak; mix (MurmurHash3's finaliser). */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ull;
	return h ^ (h >> 33);
}

static void keyset_free(struct keyset *k)
{
	free(k->bytes.p);
	free(k->off);
	free(k->len);
	free(k->line);
	free(k->slot);
}

static long keyset_find(const struct keyset *k, const char *key, size_t n,
			uint64_t h)
{
	if (!k->nslot) return -1;
	uint32_t tag = (uint32_t)(h >> 32);
	for (size_t i = h & (k->nslot - 1);; i = (i + 1) & (k->nslot - 1)) {
		const struct slot *s = &k->slot[i];
		if (!s->idx) return -1;
		size_t j = s->idx - 1;
		if (s->tag == tag && k->len[j] == n &&
		    !memcmp(k->bytes.p + k->off[j], key, n))
			return (long)j;
	}
}

static void slot_put(struct slot *slot, size_t nslot, uint64_t h, size_t j)
{
	size_t i = h & (nslot - 1);
	while (slot[i].idx) i = (i + 1) & (nslot - 1);
	slot[i].idx = (uint32_t)(j + 1);
	slot[i].tag = (uint32_t)(h >> 32);
}

static int keyset_rehash(struct keyset *k)
{
	size_t nslot = k->nslot ? k->nslot * 2 : 256;
	struct slot *slot = calloc(nslot, sizeof *slot);
	if (!slot) return -1;
	for (size_t j = 0; j < k->n; j++)
		slot_put(slot, nslot, hash_bytes(k->bytes.p + k->off[j], k->len[j]), j);
	free(k->slot);
	k->slot = slot;
	k->nslot = nslot;
	return 0;
}

/* Adds a key known to be absent; h is its hash_bytes. */
static int keyset_add(struct keyset *k, const char *key, size_t n, uint64_t h,
		      long line)
{
	if (k->n >= UINT32_MAX - 1) return -1;
	size_t cap = k->cap;
	if (grow_array((void **)&k->off, &cap, k->n + 1, sizeof *k->off)) return -1;
	if (cap != k->cap) {
		size_t *len = realloc(k->len, cap * sizeof *len);
		if (!len) return -1;
		k->len = len;
		long *ln = realloc(k->line, cap * sizeof *ln);
		if (!ln) return -1;
		k->line = ln;
		k->cap = cap;
	}
	k->off[k->n] = k->bytes.len;
	k->len[k->n] = n;
	k->line[k->n] = line;
	if (buf_add(&k->bytes, key, n)) return -1;
	k->n++;
	if (2 * k->n > k->nslot) return keyset_rehash(k);
	slot_put(k->slot, k->nslot, h, k->n - 1);
	return 0;
}

/* ---- headers ---- */

struct header {
	char **name;
	size_t n;
	long line;
	const char *file;
};

static void header_free(struct header *h)
{
	for (size_t k = 0; h->name && k < h->n; k++) free(h->name[k]);
	free(h->name);
}

static long header_index(const struct header *h, const char *name)
{
	for (size_t k = 0; k < h->n; k++)
		if (!strcmp(h->name[k], name)) return (long)k;
	return -1;
}

static int header_read(struct csvio_reader *r, struct header *h,
		       struct ff_error *err)
{
	const struct csvio_row *row;
	h->file = csvio_name(r);
	int st = csvio_next(r, &row, err);
	if (st < 0) return -1;
	if (st == 0)
		return ff_error_set(err, h->file, 0, NULL,
				    "empty file: expected a header row");
	h->line = row->line;
	if (!(h->name = calloc(row->n, sizeof *h->name)))
		return ff_error_set(err, h->file, h->line, NULL, "out of memory");
	for (size_t k = 0; k < row->n; k++) {
		long prev = header_index(h, row->field[k]);
		if (prev >= 0)
			return ff_error_set(err, h->file, h->line, row->field[k],
					    "column name repeated in the header "
					    "(fields %ld and %zu); columns are matched "
					    "by name", prev + 1, k + 1);
		if (!(h->name[k] = strdup(row->field[k])))
			return ff_error_set(err, h->file, h->line, NULL, "out of memory");
		h->n = k + 1;
	}
	return 0;
}

/* "a, b, c" into buf, for messages. */
static const char *header_list(const struct header *h, char *buf, size_t cap)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t k = 0; k < h->n && used + 1 < cap; k++)
		used += (size_t)snprintf(buf + used, cap - used, "%s%s",
					 k ? ", " : "", h->name[k]);
	return buf;
}

static int unknown_column(const struct header *h, const char *what,
			  const char *name, struct ff_error *err)
{
	char list[600];
	return ff_error_set(err, h->file, h->line, name,
			    "%s column '%s' is not in the header (columns: %s)",
			    what, name, header_list(h, list, sizeof list));
}

/* ---- the comparison of cells ---- */

enum cell_class { CELL_TEXT, CELL_MISSING, CELL_NUMBER };

static enum cell_class classify(const char *s, size_t n, double *v)
{
	if (n == 0) return CELL_MISSING;
	if (csvio_number(s, n, v)) return CELL_TEXT;
	return isnan(*v) ? CELL_MISSING : CELL_NUMBER;
}

int check_cells(const char *a, size_t alen, const char *e, size_t elen,
		double rtol, double atol, double *abs, double *rel)
{
	double x = 0, y = 0;
	*abs = *rel = NAN;
	if (alen == elen && !memcmp(a, e, alen)) return 1;
	enum cell_class ca = classify(a, alen, &x), ce = classify(e, elen, &y);
	if (ca == CELL_MISSING && ce == CELL_MISSING) return 1;
	if (ca != CELL_NUMBER || ce != CELL_NUMBER) return 0;
	if (x == y) {
		*abs = *rel = 0;
		return 1;
	}
	if (isinf(x) || isinf(y)) {
		*abs = *rel = INFINITY;
		return 0;
	}
	*abs = fabs(x - y);
	*rel = y != 0 ? *abs / fabs(y) : INFINITY;
	return *abs <= atol + rtol * fabs(y);
}

void check_opts_init(struct check_opts *o)
{
	memset(o, 0, sizeof *o);
	o->rtol = CHECK_RTOL;
	o->atol = CHECK_ATOL;
}

int check_differ(const struct check_summary *s)
{
	return s->cells_differ || s->rows_missing || s->rows_extra ||
	       s->columns_missing || s->columns_extra;
}

static int parse_tol_number(const char *s, const char *what, const char *spec,
			    double *out, struct ff_error *err)
{
	if (csvio_number(s, strlen(s), out) || !(*out >= 0) || isinf(*out))
		return ff_error_set(err, NULL, 0, NULL,
				    "--tol %s: %s must be a finite number >= 0, "
				    "found '%s'", spec, what, s);
	return 0;
}

int check_parse_tol(char *spec, struct check_tol *t, struct ff_error *err)
{
	char *eq = strrchr(spec, '=');
	if (!eq || eq == spec || !eq[1])
		return ff_error_set(err, NULL, 0, NULL,
				    "--tol expects COLUMN=RTOL[:ATOL], found '%s'", spec);
	*eq = '\0';
	char *colon = strchr(eq + 1, ':');
	if (colon) *colon = '\0';
	t->column = spec;
	t->atol = 0;
	if (parse_tol_number(eq + 1, "RTOL", spec, &t->rtol, err) ||
	    (colon && parse_tol_number(colon + 1, "ATOL", spec, &t->atol, err)))
		return -1;
	return 0;
}

/* ---- the plan: which columns pair up, with which tolerance ---- */

struct pair {
	size_t a, e;            /* field index in ACTUAL, EXPECTED */
	const char *name;
	double rtol, atol;
};

struct run {
	const struct check_opts *o;
	check_fn fn;
	void *ctx;
	struct check_summary *s;
	struct header ha, he;
	size_t *key_a, *key_e;  /* key field indexes */
	struct pair *pair;
	size_t npair;
	struct buf key;         /* the current row's key, encoded */
	struct buf keytext;     /* and as text, "v1|v2", NUL-terminated */
};

static void emit(struct run *R, const struct check_diff *d)
{
	if (R->fn) R->fn(d, R->ctx);
}

static void emit_column(struct run *R, enum check_kind kind, const char *name)
{
	struct check_diff d = {.kind = kind, .key = "", .column = name,
			       .actual = "", .expected = "",
			       .abs_diff = NAN, .rel_diff = NAN};
	if (kind == CHECK_MISSING_COLUMN) R->s->columns_missing++;
	else R->s->columns_extra++;
	emit(R, &d);
}

static int listed(const struct check_opts *o, const char *name)
{
	if (!o->ncolumns) return 1;
	for (size_t k = 0; k < o->ncolumns; k++)
		if (!strcmp(o->columns[k], name)) return 1;
	return 0;
}

static int is_key(const struct check_opts *o, const char *name)
{
	for (size_t k = 0; k < o->nkey; k++)
		if (!strcmp(o->key[k], name)) return 1;
	return 0;
}

static void tolerance(const struct check_opts *o, const char *name,
		      double *rtol, double *atol)
{
	*rtol = o->rtol;
	*atol = o->atol;
	for (size_t k = 0; k < o->ntol; k++)
		if (!strcmp(o->tol[k].column, name)) {
			*rtol = o->tol[k].rtol;
			*atol = o->tol[k].atol;
		}
}

/* A key column must be in both headers. */
static int key_index(const struct header *h, const char *name, size_t *out,
		     struct ff_error *err)
{
	long i = header_index(h, name);
	if (i < 0) return unknown_column(h, "key", name, err);
	*out = (size_t)i;
	return 0;
}

/* A column an option names must be in at least one header. */
static int named_somewhere(struct run *R, const char *what, const char *name,
			   struct ff_error *err)
{
	if (header_index(&R->he, name) >= 0 || header_index(&R->ha, name) >= 0)
		return 0;
	return unknown_column(&R->he, what, name, err);
}

static int plan_keys(struct run *R, struct ff_error *err)
{
	const struct check_opts *o = R->o;
	if (!o->nkey) return 0;
	R->key_a = malloc(o->nkey * sizeof *R->key_a);
	R->key_e = malloc(o->nkey * sizeof *R->key_e);
	if (!R->key_a || !R->key_e)
		return ff_error_set(err, NULL, 0, NULL, "out of memory");
	for (size_t k = 0; k < o->nkey; k++) {
		if (key_index(&R->he, o->key[k], &R->key_e[k], err) ||
		    key_index(&R->ha, o->key[k], &R->key_a[k], err))
			return -1;
	}
	return 0;
}

static int plan_options(struct run *R, struct ff_error *err)
{
	const struct check_opts *o = R->o;
	for (size_t k = 0; k < o->ntol; k++)
		if (named_somewhere(R, "--tol", o->tol[k].column, err)) return -1;
	for (size_t k = 0; k < o->ncolumns; k++)
		if (named_somewhere(R, "--columns", o->columns[k], err)) return -1;
	return 0;
}

static int plan(struct run *R, struct ff_error *err)
{
	const struct check_opts *o = R->o;
	if (plan_keys(R, err) || plan_options(R, err)) return -1;
	if (!(R->pair = malloc((R->he.n + 1) * sizeof *R->pair)))
		return ff_error_set(err, NULL, 0, NULL, "out of memory");
	for (size_t e = 0; e < R->he.n; e++) {
		const char *name = R->he.name[e];
		if (!listed(o, name) || is_key(o, name)) continue;
		long a = header_index(&R->ha, name);
		if (a < 0) {
			emit_column(R, CHECK_MISSING_COLUMN, name);
			continue;
		}
		struct pair *p = &R->pair[R->npair++];
		p->a = (size_t)a;
		p->e = e;
		p->name = name;
		tolerance(o, name, &p->rtol, &p->atol);
	}
	for (size_t a = 0; a < R->ha.n && !o->ignore_extra_columns; a++) {
		const char *name = R->ha.name[a];
		if (listed(o, name) && header_index(&R->he, name) < 0)
			emit_column(R, CHECK_EXTRA_COLUMN, name);
	}
	R->s->columns = R->npair;
	return 0;
}

/* ---- rows ---- */

/* A row as fields, whichever file it came from. */
struct cells {
	const char *const *field;
	const size_t *len;
	size_t n;
	long line;
};

static int ragged(const struct header *h, const struct cells *c,
		  struct ff_error *err)
{
	if (c->n == h->n) return 0;
	return ff_error_set(err, h->file, c->line, NULL,
			    "ragged row: %zu fields where the header (line %ld) "
			    "has %zu", c->n, h->line, h->n);
}

/* Encodes the key cells unambiguously (length, then bytes) into R->key
 * and readably ("v1|v2") into R->keytext. */
static int make_key(struct run *R, const struct cells *c, const size_t *idx)
{
	R->key.len = R->keytext.len = 0;
	for (size_t k = 0; k < R->o->nkey; k++) {
		size_t n = c->len[idx[k]];
		uint32_t n32 = (uint32_t)n;   /* a cell is under 64 MiB (csvio) */
		const char *s = c->field[idx[k]];
		if (buf_add(&R->key, &n32, sizeof n32) || buf_add(&R->key, s, n) ||
		    (k && buf_add(&R->keytext, "|", 1)) ||
		    buf_add(&R->keytext, s, n))
			return -1;
	}
	if (buf_add(&R->keytext, "", 1)) return -1;
	return 0;
}

static const char *keytext(struct run *R)
{
	return R->o->nkey ? R->keytext.p : "";
}

static void compare_row(struct run *R, const struct cells *a,
			const struct cells *e, long row)
{
	struct check_summary *s = R->s;
	for (size_t k = 0; k < R->npair; k++) {
		const struct pair *p = &R->pair[k];
		struct check_diff d;
		s->cells++;
		int ok = check_cells(a->field[p->a], a->len[p->a], e->field[p->e],
				     e->len[p->e], p->rtol, p->atol,
				     &d.abs_diff, &d.rel_diff);
		if (d.rel_diff > s->max_rel) {
			s->max_rel = d.rel_diff;
			snprintf(s->max_rel_column, sizeof s->max_rel_column, "%s",
				 p->name);
		}
		if (ok) continue;
		s->cells_differ++;
		d.kind = CHECK_VALUE;
		d.key = keytext(R);
		d.row = row;
		d.line_actual = a->line;
		d.line_expected = e->line;
		d.column = p->name;
		d.actual = a->field[p->a];
		d.expected = e->field[p->e];
		emit(R, &d);
	}
}

static void emit_row(struct run *R, enum check_kind kind, long row,
		     long line_a, long line_e)
{
	struct check_diff d = {.kind = kind, .key = keytext(R), .row = row,
			       .line_actual = line_a, .line_expected = line_e,
			       .column = "", .actual = "", .expected = "",
			       .abs_diff = NAN, .rel_diff = NAN};
	if (kind == CHECK_MISSING_ROW) R->s->rows_missing++;
	else R->s->rows_extra++;
	emit(R, &d);
}

static void to_cells(const struct csvio_row *r, struct cells *c)
{
	c->field = r->field;
	c->len = r->len;
	c->n = r->n;
	c->line = r->line;
}

/* ---- row order: both files streamed side by side ---- */

static int run_ordered(struct run *R, struct csvio_reader *ra,
		       struct csvio_reader *re, struct ff_error *err)
{
	for (long row = 1;; row++) {
		const struct csvio_row *x, *y;
		struct cells a, e;
		int sa = csvio_next(ra, &x, err);
		if (sa < 0) return -1;
		int se = csvio_next(re, &y, err);
		if (se < 0) return -1;
		if (!sa && !se) return 0;
		if (sa) {
			to_cells(x, &a);
			if (ragged(&R->ha, &a, err)) return -1;
			R->s->rows_actual++;
		}
		if (se) {
			to_cells(y, &e);
			if (ragged(&R->he, &e, err)) return -1;
			R->s->rows_expected++;
		}
		if (sa && se) compare_row(R, &a, &e, row);
		else if (sa && !R->o->ignore_extra_rows)
			emit_row(R, CHECK_EXTRA_ROW, row, a.line, 0);
		else if (se)
			emit_row(R, CHECK_MISSING_ROW, row, 0, e.line);
	}
}

/* ---- keyed: EXPECTED in memory, ACTUAL streamed ---- */

struct table {
	struct buf bytes;       /* every cell, each followed by a NUL */
	size_t *off;            /* rows x columns; a cell ends where the next starts */
	size_t ncell, cap;
	long *matched;          /* ACTUAL line of the matching row, 0 none */
	struct keyset keys;     /* key -> row (row = index in keys) */
};

static void table_free(struct table *t)
{
	free(t->bytes.p);
	free(t->off);
	free(t->matched);
	keyset_free(&t->keys);
}

static int table_add(struct table *t, const struct cells *c)
{
	if (grow_array((void **)&t->off, &t->cap, t->ncell + c->n, sizeof *t->off))
		return -1;
	for (size_t k = 0; k < c->n; k++) {
		t->off[t->ncell++] = t->bytes.len;
		if (buf_add(&t->bytes, c->field[k], c->len[k]) ||
		    buf_add(&t->bytes, "", 1))
			return -1;
	}
	return 0;
}

static int duplicate_key(struct run *R, const char *file, long line,
			 long first, struct ff_error *err)
{
	return ff_error_set(err, file, line, NULL,
			    "duplicate key '%s' (first at line %ld): the --key "
			    "columns must identify each row", R->keytext.p, first);
}

static int load_expected(struct run *R, struct csvio_reader *re,
			 struct table *t, struct ff_error *err)
{
	const struct csvio_row *y;
	struct cells e;
	int st;
	while ((st = csvio_next(re, &y, err)) == 1) {
		to_cells(y, &e);
		if (ragged(&R->he, &e, err)) return -1;
		if (make_key(R, &e, R->key_e))
			return ff_error_set(err, R->he.file, e.line, NULL, "out of memory");
		uint64_t h = hash_bytes(R->key.p, R->key.len);
		long j = keyset_find(&t->keys, R->key.p, R->key.len, h);
		if (j >= 0)
			return duplicate_key(R, R->he.file, e.line, t->keys.line[j], err);
		if (keyset_add(&t->keys, R->key.p, R->key.len, h, e.line) ||
		    table_add(t, &e))
			return ff_error_set(err, R->he.file, e.line, NULL, "out of memory");
		R->s->rows_expected++;
	}
	if (st < 0) return -1;
	if (!(t->matched = calloc(t->keys.n + 1, sizeof *t->matched)))
		return ff_error_set(err, R->he.file, 0, NULL, "out of memory");
	return 0;
}

/* Where table_row puts a row's fields and lengths. */
struct scratch {
	const char **field;
	size_t *len;
};

/* Row j of the table as cells. */
static void table_row(const struct table *t, size_t j, size_t ncols,
		      struct scratch *sc, struct cells *c)
{
	for (size_t k = 0, i = j * ncols; k < ncols; k++, i++) {
		size_t end = i + 1 < t->ncell ? t->off[i + 1] : t->bytes.len;
		sc->field[k] = t->bytes.p + t->off[i];
		sc->len[k] = end - t->off[i] - 1;
	}
	c->field = sc->field;
	c->len = sc->len;
	c->n = ncols;
	c->line = t->keys.line[j];
}

static int match_actual(struct run *R, struct csvio_reader *ra,
			struct table *t, struct scratch *scratch,
			struct ff_error *err)
{
	struct keyset extra = {0};
	const struct csvio_row *x;
	int st;
	long row = 0;
	while ((st = csvio_next(ra, &x, err)) == 1) {
		struct cells a, e;
		to_cells(x, &a);
		row++;
		if (ragged(&R->ha, &a, err)) {
			st = -1;
			break;
		}
		if (make_key(R, &a, R->key_a)) {
			st = ff_error_set(err, R->ha.file, a.line, NULL, "out of memory");
			break;
		}
		R->s->rows_actual++;
		uint64_t h = hash_bytes(R->key.p, R->key.len);
		long j = keyset_find(&t->keys, R->key.p, R->key.len, h);
		long dup = j >= 0 ? t->matched[j] : 0;
		long k = j < 0 ? keyset_find(&extra, R->key.p, R->key.len, h) : -1;
		if (k >= 0) dup = extra.line[k];
		if (dup) {
			st = duplicate_key(R, R->ha.file, a.line, dup, err);
			break;
		}
		if (j >= 0) {
			t->matched[j] = a.line;
			table_row(t, (size_t)j, R->he.n, scratch, &e);
			compare_row(R, &a, &e, row);
			continue;
		}
		if (keyset_add(&extra, R->key.p, R->key.len, h, a.line)) {
			st = ff_error_set(err, R->ha.file, a.line, NULL, "out of memory");
			break;
		}
		if (!R->o->ignore_extra_rows)
			emit_row(R, CHECK_EXTRA_ROW, row, a.line, 0);
	}
	keyset_free(&extra);
	return st;
}

static int run_keyed(struct run *R, struct csvio_reader *ra,
		     struct csvio_reader *re, struct ff_error *err)
{
	struct table t = {0};
	struct scratch sc = {malloc((R->he.n + 1) * sizeof *sc.field),
			     malloc((R->he.n + 1) * sizeof *sc.len)};
	int st = -1;
	if (!sc.field || !sc.len) {
		ff_error_set(err, NULL, 0, NULL, "out of memory");
		goto done;
	}
	if (load_expected(R, re, &t, err) || match_actual(R, ra, &t, &sc, err))
		goto done;
	for (size_t j = 0; j < t.keys.n; j++) {
		if (t.matched[j]) continue;
		struct cells e;
		table_row(&t, j, R->he.n, &sc, &e);
		if (make_key(R, &e, R->key_e)) {
			ff_error_set(err, NULL, 0, NULL, "out of memory");
			goto done;
		}
		emit_row(R, CHECK_MISSING_ROW, (long)j + 1, 0, e.line);
	}
	st = 0;
done:
	free(sc.field);
	free(sc.len);
	table_free(&t);
	return st;
}

int check_files(const char *actual, const char *expected,
		const struct check_opts *o, check_fn on_diff, void *ctx,
		struct check_summary *s, struct ff_error *err)
{
	struct run R = {.o = o, .fn = on_diff, .ctx = ctx, .s = s};
	struct csvio_reader *ra = NULL, *re = NULL;
	int st = -1;
	memset(s, 0, sizeof *s);
	if (!strcmp(actual, "-") && !strcmp(expected, "-")) {
		ff_error_set(err, NULL, 0, NULL,
			     "ACTUAL and EXPECTED cannot both be standard input");
		goto done;
	}
	if (!(ra = csvio_open(actual, err)) || !(re = csvio_open(expected, err)) ||
	    header_read(ra, &R.ha, err) || header_read(re, &R.he, err) ||
	    plan(&R, err))
		goto done;
	st = o->nkey ? run_keyed(&R, ra, re, err) : run_ordered(&R, ra, re, err);
done:
	csvio_close(ra);
	csvio_close(re);
	header_free(&R.ha);
	header_free(&R.he);
	free(R.key_a);
	free(R.key_e);
	free(R.pair);
	free(R.key.p);
	free(R.keytext.p);
	return st;
}

/* ---- the report ---- */

static const char *const kind_names[] = {
	"value", "missing_row", "extra_row", "missing_column", "extra_column"};

const char *check_kind_name(enum check_kind k)
{
	return kind_names[k];
}

void check_report_header(struct csvio_writer *w)
{
	static const char *const h[] = {
		"kind", "key", "row", "actual_line", "expected_line", "column",
		"actual", "expected", "abs_diff", "rel_diff"};
	csvio_row(w, h, sizeof h / sizeof h[0]);
}

static void line_or_empty(struct csvio_writer *w, long v)
{
	if (v > 0) csvio_int(w, v);
	else csvio_field(w, "");
}

void check_report_row(const struct check_diff *d, void *writer)
{
	struct csvio_writer *w = writer;
	csvio_field(w, check_kind_name(d->kind));
	csvio_field(w, d->key);
	line_or_empty(w, d->row);
	line_or_empty(w, d->line_actual);
	line_or_empty(w, d->line_expected);
	csvio_field(w, d->column);
	csvio_field(w, d->actual);
	csvio_field(w, d->expected);
	csvio_num(w, d->abs_diff);
	csvio_num(w, d->rel_diff);
	csvio_endrow(w);
}
