#include "series.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_fit.h>

#include "date.h"

/* The observation key of a reported figure with a labelled period
 * (revenue for fiscal:FY2025Q1) is the period, not the day an article
 * told it: this marks it.  Never a real day number. */
#define OKEY_PERIOD (INT32_MIN + 1)

struct series_pool {
	struct series_pool *next;
	size_t used, cap;
	char data[];
};

/* Facts merged into one row: the same key, day, unit, value, qualifier. */
struct obs {
	const struct fact *f;           /* first of the merged facts */
	const struct fact *const *src;  /* the merged facts */
	size_t nsrc;
	int32_t date, okey;
	struct series_num x;
	int conflict;
};

struct builder {
	struct series *s;
	int oom;
	struct series_row scratch;      /* written to when memory runs out */
	const struct fact **sorted;
	struct obs *obs;
	size_t nobs;
};

/* ---------------------------------------------------------------- strings */

static const char *keep(struct builder *b, const char *str)
{
	size_t n = strlen(str) + 1;
	if (n == 1) return "";
	struct series_pool *p = b->s->pool;
	if (!p || p->cap - p->used < n) {
		size_t cap = n > 16384 ? n : 16384;
		struct series_pool *q = malloc(sizeof *q + cap);
		if (!q) {
			b->oom = 1;
			return "";
		}
		q->next = p;
		q->used = 0;
		q->cap = cap;
		b->s->pool = p = q;
	}
	char *d = p->data + p->used;
	memcpy(d, str, n);
	p->used += n;
	return d;
}

static const char *keepf(struct builder *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static const char *keepf(struct builder *b, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return keep(b, buf);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorted distinct non-empty strings of list[0..n), ';'-joined; their
 * count in *count.  list is reordered. */
static const char *join_distinct(struct builder *b, const char **list, size_t n,
				 int *count)
{
	qsort(list, n, sizeof *list, cmp_str);
	size_t len = 1;
	for (size_t i = 0; i < n; i++) len += strlen(list[i]) + 1;
	char *buf = malloc(len), *p = buf;
	int k = 0;
	if (!buf) {
		b->oom = 1;
		return "";
	}
	*p = '\0';
	for (size_t i = 0; i < n; i++) {
		if (!list[i][0] || (i && !strcmp(list[i], list[i - 1]))) continue;
		p += sprintf(p, "%s%s", k++ ? ";" : "", list[i]);
	}
	if (count) *count = k;
	const char *r = keep(b, buf);
	free(buf);
	return r;
}

/* ------------------------------------------------------------- precision */

/* A decimal token at s: digits with ',' between digit groups and one '.'.
 * Returns its length (0: none), its value and its decimals. */
static size_t number_token(const char *s, double *val, int *decimals)
{
	char buf[64];
	size_t i = 0, k = 0;
	int dot = 0;
	*decimals = 0;
	while (s[i] && k < sizeof buf - 1) {
		if (s[i] >= '0' && s[i] <= '9') {
			buf[k++] = s[i];
			*decimals += dot;
		} else if (s[i] == ',' && k && !dot && s[i + 1] >= '0' && s[i + 1] <= '9') {
			/* a thousands separator: skipped */
		} else if (s[i] == '.' && !dot && s[i + 1] >= '0' && s[i + 1] <= '9') {
			buf[k++] = '.';
			dot = 1;
		} else {
			break;
		}
		i++;
	}
	buf[k] = '\0';
	*val = strtod(buf, NULL);
	return i;
}

static int near(double a, double b)
{
	return fabs(a - b) <= 1e-9 * fmax(fabs(a), fabs(b));
}

/* Unit of the last digit of the shortest decimal that reads back as m. */
static double shortest_unit(double m)
{
	if (m >= 1e6 && m == floor(m) && m < 1e18) {
		double scale = m >= 1e12 ? 1e12 : m >= 1e9 ? 1e9 : 1e6;
		return scale * shortest_unit(m / scale);
	}
	char buf[64];
	for (int k = 0; k <= 17; k++) {
		snprintf(buf, sizeof buf, "%.*f", k, m);
		if (strtod(buf, NULL) == m) return pow(10, -k);
	}
	return 0;
}

double series_written_unit(double value, const char *evidence)
{
	static const double scale[] = {1, 1e3, 1e6, 1e9, 1e12, 0.01};
	double m = fabs(value);
	for (const char *p = evidence ? evidence : ""; *p; p++) {
		if (*p < '0' || *p > '9') continue;
		if (p > evidence && ((p[-1] >= '0' && p[-1] <= '9') || p[-1] == '.'))
			continue;
		double d;
		int dec;
		size_t len = number_token(p, &d, &dec);
		for (size_t k = 0; k < sizeof scale / sizeof scale[0]; k++)
			if (near(m, d * scale[k]))
				return pow(10, -dec) * scale[k];
		p += len - 1;
	}
	return shortest_unit(m);
}

struct series_num series_fact_num(const struct fact *f)
{
	if (!strcmp(f->unit, "rank"))   /* an ordinal is exact */
		return (struct series_num){f->value, f->value, f->value};
	double m = fabs(f->value), u = series_written_unit(f->value, f->evidence);
	double lo = m - u / 2, hi = m + u / 2;
	const char *q = f->qualifier;
	if (!strcmp(q, "gt")) {
		lo = m;
		hi = INFINITY;
	} else if (!strcmp(q, "lt")) {
		lo = m - fmax(0.5, m / 10);
		hi = m;
	} else if (!strcmp(q, "approx")) {
		double w = fmax(u / 2, m / 20);
		lo = m - w;
		hi = m + w;
	}
	if (f->value < 0) return (struct series_num){f->value, -hi, -lo};
	return (struct series_num){f->value, lo, hi};
}

/* ----------------------------------------------------- interval arithmetic */

/* x*y where 0 times an infinite end is 0 (the end is a bound, not a value). */
static double mul0(double x, double y)
{
	return x == 0 || y == 0 ? 0 : x * y;
}

static struct series_num num_add(struct series_num a, struct series_num b)
{
	return (struct series_num){a.v + b.v, a.lo + b.lo, a.hi + b.hi};
}

static struct series_num num_sub(struct series_num a, struct series_num b)
{
	return (struct series_num){a.v - b.v, a.lo - b.hi, a.hi - b.lo};
}

static struct series_num num_mul(struct series_num a, struct series_num b)
{
	double c[4] = {mul0(a.lo, b.lo), mul0(a.lo, b.hi), mul0(a.hi, b.lo),
		       mul0(a.hi, b.hi)};
	struct series_num r = {a.v * b.v, c[0], c[0]};
	for (int k = 1; k < 4; k++) {
		r.lo = fmin(r.lo, c[k]);
		r.hi = fmax(r.hi, c[k]);
	}
	return r;
}

/* 1/b; an interval that holds 0 gives all of the line (or a half line
 * when 0 is its end). */
static struct series_num num_recip(struct series_num b)
{
	struct series_num r = {1 / b.v, -INFINITY, INFINITY};
	if (b.lo > 0 || b.hi < 0) {
		r.lo = 1 / b.hi;
		r.hi = 1 / b.lo;
	} else if (b.lo == 0 && b.hi > 0) {
		r.lo = 1 / b.hi;
	} else if (b.hi == 0 && b.lo < 0) {
		r.hi = 1 / b.lo;
	}
	return r;
}

static struct series_num num_div(struct series_num a, struct series_num b)
{
	struct series_num r = num_mul(a, num_recip(b));
	r.v = a.v / b.v;
	return r;
}

static struct series_num num_const(double v)
{
	return (struct series_num){v, v, v};
}

/* 1 + p/100 for a percent change; a fall cannot pass -100%. */
static struct series_num growth(struct series_num p)
{
	struct series_num g = {1 + p.v / 100, 1 + p.lo / 100, 1 + p.hi / 100};
	g.lo = fmax(g.lo, 0);
	g.hi = fmax(g.hi, 0);
	return g;
}

static struct series_num num_abs(struct series_num a)
{
	if (a.v >= 0) return a;
	return (struct series_num){-a.v, -a.hi, -a.lo};
}

/* ------------------------------------------------------------ merging */

static int is_report_measure(const char *m)
{
	static const char *const names[] = {
		"revenue", "revenue_change", "profit", "profit_change",
		"operating_profit", "operating_profit_change", "shipments",
		"shipments_change", "market_share", "market_share_change",
		"market_rank"};
	for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
		if (!strcmp(m, names[k])) return 1;
	return 0;
}

static int32_t okey_of(const struct fact *f)
{
	if (is_report_measure(f->measure) && strchr(f->period, ':'))
		return OKEY_PERIOD;
	return f->date;
}

/* Labelled periods first, then days in order, unknown days last. */
static int64_t okey_rank(int32_t k)
{
	return k == OKEY_PERIOD ? INT64_MIN : k == DATE_NONE ? INT64_MAX : k;
}

#define CMP_STR(a, b) do { int c_ = strcmp(a, b); if (c_) return c_; } while (0)
#define CMP_NUM(a, b) do { if ((a) < (b)) return -1; if ((a) > (b)) return 1; } while (0)

static int cmp_key(const struct fact *a, const struct fact *b)
{
	CMP_STR(a->entity, b->entity);
	CMP_STR(a->ticker, b->ticker);
	CMP_STR(a->scope, b->scope);
	CMP_STR(a->measure, b->measure);
	CMP_STR(a->period, b->period);
	return 0;
}

/* A total order on everything a fact says (not where it was read), so
 * that the output cannot depend on the order of files or rows. */
static int cmp_fact(const void *pa, const void *pb)
{
	const struct fact *a = *(const struct fact *const *)pa;
	const struct fact *b = *(const struct fact *const *)pb;
	int c = cmp_key(a, b);
	if (c) return c;
	CMP_NUM(okey_rank(okey_of(a)), okey_rank(okey_of(b)));
	CMP_STR(a->unit, b->unit);
	CMP_NUM(a->value, b->value);
	CMP_STR(a->qualifier, b->qualifier);
	CMP_NUM(okey_rank(a->date), okey_rank(b->date));
	CMP_STR(a->doc, b->doc);
	CMP_STR(a->attribution, b->attribution);
	CMP_NUM(a->span_start, b->span_start);
	CMP_NUM(a->span_end, b->span_end);
	CMP_STR(a->evidence, b->evidence);
	return 0;
}

/* One fact as told again: an unknown day merges only within its article. */
static int same_obs(const struct fact *a, const struct fact *b)
{
	int32_t k = okey_of(a);
	return !cmp_key(a, b) && k == okey_of(b) && !strcmp(a->unit, b->unit) &&
	       a->value == b->value && !strcmp(a->qualifier, b->qualifier) &&
	       (k != DATE_NONE || !strcmp(a->doc, b->doc));
}

static struct series_num hull(struct series_num a, struct series_num b)
{
	return (struct series_num){a.v, fmin(a.lo, b.lo), fmax(a.hi, b.hi)};
}

static int merge_facts(struct builder *b, const struct facts *t)
{
	b->obs = calloc(t->n ? t->n : 1, sizeof *b->obs);
	if (!b->obs) return -1;
	for (size_t i = 0, j; i < t->n; i = j) {
		struct obs *o = &b->obs[b->nobs++];
		o->f = b->sorted[i];
		o->src = b->sorted + i;
		o->okey = okey_of(o->f);
		o->date = o->f->date;
		o->x = series_fact_num(o->f);
		for (j = i + 1; j < t->n && same_obs(o->f, b->sorted[j]); j++) {
			/* "9.20" and "9.2" are one fact: keep the wider bounds */
			o->x = hull(o->x, series_fact_num(b->sorted[j]));
			if (o->date == DATE_NONE || (b->sorted[j]->date != DATE_NONE &&
						     b->sorted[j]->date < o->date))
				o->date = b->sorted[j]->date;
		}
		o->nsrc = j - i;
	}
	return 0;
}

/* Different values for one key and one known day (or labelled period). */
static void mark_conflicts(struct builder *b)
{
	for (size_t i = 0, j; i < b->nobs; i = j) {
		const struct obs *o = &b->obs[i];
		int differ = 0;
		for (j = i + 1; j < b->nobs && !cmp_key(o->f, b->obs[j].f) &&
				o->okey == b->obs[j].okey; j++)
			differ |= b->obs[j].f->value != o->f->value ||
				  strcmp(b->obs[j].f->unit, o->f->unit);
		if (differ && o->okey != DATE_NONE)
			for (size_t k = i; k < j; k++) b->obs[k].conflict = 1;
	}
}

/* ------------------------------------------------------------- rows */

static struct series_row *row_new(struct builder *b)
{
	struct series *s = b->s;
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 64;
		struct series_row *v = realloc(s->v, cap * sizeof *v);
		if (!v) {
			b->oom = 1;
			return &b->scratch;
		}
		s->v = v;
		s->cap = cap;
	}
	struct series_row *r = &s->v[s->n++];
	*r = (struct series_row){.entity = "", .ticker = "", .scope = "",
		.measure = "", .period = "", .date = DATE_NONE, .unit = "",
		.qualifier = "", .docs = "", .attribution = "", .flag = "",
		.derivation = "", .verdict = "", .note = ""};
	return r;
}

/* Documents and attributions of the facts behind the inputs. */
static void set_sources(struct builder *b, struct series_row *r,
			const struct obs *const *in, size_t nin)
{
	size_t n = 0;
	for (size_t k = 0; k < nin; k++) n += in[k]->nsrc;
	const char **docs = malloc((n ? n : 1) * sizeof *docs);
	const char **attr = malloc((n ? n : 1) * sizeof *attr);
	if (!docs || !attr) {
		free(docs);
		free(attr);
		b->oom = 1;
		return;
	}
	n = 0;
	for (size_t k = 0; k < nin; k++)
		for (size_t i = 0; i < in[k]->nsrc; i++, n++) {
			docs[n] = in[k]->src[i]->doc;
			attr[n] = in[k]->src[i]->attribution;
		}
	r->docs = join_distinct(b, docs, n, &r->sources);
	r->attribution = join_distinct(b, attr, n, NULL);
	int conflict = 0;
	for (size_t k = 0; k < nin; k++) conflict |= in[k]->conflict;
	if (conflict && r->kind != SERIES_FACT) r->flag = "conflict_input";
	free(docs);
	free(attr);
}

/* The earliest known day among the inputs. */
static int32_t first_date(const struct obs *const *in, size_t nin)
{
	int32_t d = DATE_NONE;
	for (size_t k = 0; k < nin; k++)
		if (in[k]->date != DATE_NONE && (d == DATE_NONE || in[k]->date < d))
			d = in[k]->date;
	return d;
}

/* A derived or check row about base's entity, listing and scope. */
static struct series_row *row_from(struct builder *b, enum series_kind kind,
				   const struct obs *base, const char *measure,
				   const char *period, const char *unit,
				   struct series_num x, const struct obs *const *in,
				   size_t nin)
{
	struct series_row *r = row_new(b);
	r->kind = kind;
	r->entity = keep(b, base->f->entity);
	r->ticker = keep(b, base->f->ticker);
	r->scope = keep(b, base->f->scope);
	r->measure = keep(b, measure);
	r->period = keep(b, period);
	r->unit = keep(b, unit);
	r->x = x;
	r->date = first_date(in, nin);
	set_sources(b, r, in, nin);
	return r;
}

/* "price intraday_high 2025-02-13 = 124.3 HKD eq" */
static const char *describe(const struct obs *o, char *buf, size_t cap)
{
	char d[DATE_ISO_LEN], v[32];
	const struct fact *f = o->f;
	snprintf(buf, cap, "%s%s%s %s%s%s = %s %s%s%s", f->entity,
		 f->scope[0] ? " " : "", f->scope, f->measure,
		 f->period[0] ? " " : "", f->period, csvio_fmt_double(f->value, v),
		 f->unit, f->qualifier[0] ? " " : "", f->qualifier);
	if (o->date != DATE_NONE && o->okey != OKEY_PERIOD) {
		size_t n = strlen(buf);
		snprintf(buf + n, cap - n, " on %s", date_format(o->date, d));
	}
	return buf;
}

static void emit_facts(struct builder *b)
{
	for (size_t i = 0; i < b->nobs; i++) {
		const struct obs *o = &b->obs[i];
		const struct obs *in[1] = {o};
		struct series_row *r = row_new(b);
		r->kind = SERIES_FACT;
		r->entity = keep(b, o->f->entity);
		r->ticker = keep(b, o->f->ticker);
		r->scope = keep(b, o->f->scope);
		r->measure = keep(b, o->f->measure);
		r->period = keep(b, o->f->period);
		r->date = o->date;
		r->x = o->x;
		r->unit = keep(b, o->f->unit);
		r->qualifier = keep(b, o->f->qualifier);
		set_sources(b, r, in, 1);
		if (o->conflict) r->flag = "conflict";
	}
}

/* ------------------------------------------------ derivations per entity */

static int is(const struct obs *o, const char *measure, const char *period)
{
	return !strcmp(o->f->measure, measure) && (!period || !strcmp(o->f->period, period));
}

/* The same trading day (or labelled period); an unknown day only within
 * one article. */
static int same_day(const struct obs *a, const struct obs *b)
{
	if (a->okey != b->okey) return 0;
	return a->okey != DATE_NONE || !strcmp(a->f->doc, b->f->doc);
}

static int is_pct(const struct obs *o)
{
	return !strcmp(o->f->unit, "pct");
}

/* Levels of the close known in a block (stated or implied), for the YTD check. */
struct level {
	int32_t date;
	struct series_num x;
	const struct obs *in[3];
	size_t nin;
};

struct block {
	const struct obs *o;
	size_t n;
	struct level *lv;
	size_t nlv, caplv;
};

static void add_level(struct builder *b, struct block *k, int32_t date,
		      struct series_num x, const struct obs *const *in, size_t nin)
{
	if (date == DATE_NONE) return;
	if (k->nlv == k->caplv) {
		size_t cap = k->caplv ? 2 * k->caplv : 8;
		struct level *v = realloc(k->lv, cap * sizeof *v);
		if (!v) {
			b->oom = 1;
			return;
		}
		k->lv = v;
		k->caplv = cap;
	}
	struct level *l = &k->lv[k->nlv++];
	l->date = date;
	l->x = x;
	l->nin = nin;
	for (size_t i = 0; i < nin; i++) l->in[i] = in[i];
}

static void derive_close(struct builder *b, struct block *k, const struct obs *m,
			 const struct obs *lvl, struct series_num prev,
			 const char *dprev)
{
	char d[512];
	for (size_t i = 0; i < k->n; i++) {
		const struct obs *c = &k->o[i];
		if (!is(c, "price_change", "close") || !is_pct(c) || !same_day(m, c))
			continue;
		const struct obs *in[3] = {lvl, m, c};
		struct series_num x = num_mul(prev, growth(c->x));
		struct series_row *r = row_from(b, SERIES_DERIVED, lvl, "implied_close",
						"close", lvl->f->unit, x, in, 3);
		r->derivation = keepf(b, "implied_close = prev_close * (1 + close_move/100)"
				      " with %s; close_move: %s", dprev,
				      describe(c, d, sizeof d));
		add_level(b, k, r->date, x, in, 3);
	}
}

/* "as much as 9.2% to HK$124.3": the previous close is 124.3/1.092. */
static void derive_prev_close(struct builder *b, struct block *k)
{
	char d1[512], d2[512], dprev[1200];
	for (size_t i = 0; i < k->n; i++) {
		const struct obs *m = &k->o[i];
		int intraday = is(m, "price_change", "intraday");
		if ((!intraday && !is(m, "price_change", "close")) || !is_pct(m) ||
		    m->f->value == 0)
			continue;
		const char *want = !intraday ? "close" :
				   m->f->value > 0 ? "intraday_high" : "intraday_low";
		for (size_t j = 0; j < k->n; j++) {
			const struct obs *l = &k->o[j];
			if (!is(l, "price", want) || !same_day(m, l) || is_pct(l))
				continue;
			const struct obs *in[2] = {l, m};
			struct series_num prev = num_div(l->x, growth(m->x));
			struct series_row *r = row_from(b, SERIES_DERIVED, l,
				"implied_prev_close", m->f->period, l->f->unit, prev, in, 2);
			snprintf(dprev, sizeof dprev, "prev_close = level / (1 + move/100);"
				 " level: %s; move: %s", describe(l, d1, sizeof d1),
				 describe(m, d2, sizeof d2));
			r->derivation = keep(b, dprev);
			if (intraday) derive_close(b, k, m, l, prev, dprev);
		}
	}
}

/* Give-back of an intraday gain (or recovery of an intraday loss) by the
 * close, and the check that the intraday extreme is at least the close move. */
static void derive_giveback(struct builder *b, struct block *k)
{
	char d1[512], d2[512];
	for (size_t i = 0; i < k->n; i++) {
		const struct obs *m = &k->o[i];
		if (!is(m, "price_change", "intraday") || !is_pct(m) ||
		    strcmp(m->f->qualifier, "max") || m->f->value == 0)
			continue;
		for (size_t j = 0; j < k->n; j++) {
			const struct obs *c = &k->o[j];
			if (!is(c, "price_change", "close") || !is_pct(c) || !same_day(m, c))
				continue;
			const struct obs *in[2] = {m, c};
			int gain = m->f->value > 0;
			describe(m, d1, sizeof d1);
			describe(c, d2, sizeof d2);
			struct series_num pp = gain ? num_sub(m->x, c->x) : num_sub(c->x, m->x);
			struct series_row *r = row_from(b, SERIES_DERIVED, m,
				gain ? "giveback_pp" : "recovery_pp", "close", "pp", pp, in, 2);
			r->derivation = keepf(b, "%s = %s; intraday: %s; close: %s",
				gain ? "giveback_pp" : "recovery_pp",
				gain ? "intraday - close" : "close - intraday", d1, d2);
			struct series_num share = num_mul(num_const(100),
				num_sub(num_const(1), num_div(c->x, m->x)));
			r = row_from(b, SERIES_DERIVED, m, gain ? "giveback_share" :
				     "recovery_share", "close", "pct", share, in, 2);
			r->derivation = keepf(b, "%s = 100 * (1 - close/intraday); "
				"intraday: %s; close: %s",
				gain ? "giveback_share" : "recovery_share", d1, d2);
			if (m->f->value * c->f->value <= 0) continue;
			struct series_num am = num_abs(m->x), ac = num_abs(c->x);
			r = row_from(b, SERIES_CHECK, m, "check_intraday_vs_close", "close",
				     "pp", num_sub(am, ac), in, 2);
			r->derivation = keepf(b, "check_intraday_vs_close = |intraday max| - "
				"|close|, must be >= 0; intraday: %s; close: %s", d1, d2);
			r->verdict = am.v >= ac.v ? "consistent" :
				     am.hi < ac.lo ? "inconsistent" : "undecided";
		}
	}
}

/* Level and change of a reported figure: the prior period and the change. */
static void derive_prior(struct builder *b, struct block *k)
{
	static const char *const fig[][4] = {
		{"revenue", "revenue_change", "implied_prior_revenue", "revenue_abs_change"},
		{"profit", "profit_change", "implied_prior_profit", "profit_abs_change"},
		{"operating_profit", "operating_profit_change",
		 "implied_prior_operating_profit", "operating_profit_abs_change"},
		{"shipments", "shipments_change", "implied_prior_shipments",
		 "shipments_abs_change"}};
	char d1[512], d2[512];
	for (size_t i = 0; i < k->n; i++) {
		const struct obs *l = &k->o[i];
		if (!is_report_measure(l->f->measure) || strstr(l->f->measure, "_change"))
			continue;
		for (size_t j = 0; j < k->n; j++) {
			const struct obs *g = &k->o[j];
			if (!strstr(g->f->measure, "_change") ||
			    strcmp(l->f->scope, g->f->scope) || !same_day(l, g) ||
			    strcmp(l->f->period, g->f->period))
				continue;
			describe(l, d1, sizeof d1);
			describe(g, d2, sizeof d2);
			const struct obs *in[2] = {l, g};
			if (is(l, "market_share", NULL) && is(g, "market_share_change", NULL) &&
			    is_pct(l) && !strcmp(g->f->unit, "pp")) {
				struct series_row *r = row_from(b, SERIES_DERIVED, l,
					"implied_prior_market_share", l->f->period, "pct",
					num_sub(l->x, g->x), in, 2);
				r->derivation = keepf(b, "implied_prior_market_share = share - "
					"change_pp; share: %s; change: %s", d1, d2);
				continue;
			}
			for (size_t f = 0; f < sizeof fig / sizeof fig[0]; f++) {
				if (!is(l, fig[f][0], NULL) || !is(g, fig[f][1], NULL) ||
				    !is_pct(g) || is_pct(l))
					continue;
				struct series_num gr = growth(g->x);
				struct series_num prior = num_div(l->x, gr);
				/* change = level * g/(100 + g): g appears once, increasing */
				struct series_num share = {g->x.v / (100 + g->x.v),
					gr.lo > 0 ? g->x.lo / (100 + g->x.lo) : -INFINITY,
					g->x.hi / (100 + g->x.hi)};
				struct series_row *r = row_from(b, SERIES_DERIVED, l, fig[f][2],
					l->f->period, l->f->unit, prior, in, 2);
				r->derivation = keepf(b, "%s = level / (1 + change/100); "
					"level: %s; change: %s", fig[f][2], d1, d2);
				r = row_from(b, SERIES_DERIVED, l, fig[f][3], l->f->period,
					     l->f->unit, num_mul(l->x, share), in, 2);
				r->derivation = keepf(b, "%s = level * change / (100 + change);"
					" level: %s; change: %s", fig[f][3], d1, d2);
			}
		}
	}
}

static const struct level *level_on(const struct block *k, int32_t date)
{
	for (size_t i = 0; i < k->nlv; i++)
		if (k->lv[i].date == date) return &k->lv[i];
	return NULL;
}

static int year_of(int32_t day)
{
	int y, m, d;
	date_to_civil(day, &y, &m, &d);
	return y;
}

/* A year-to-date change moves with the price between two days of one year. */
static void check_ytd(struct builder *b, struct block *k)
{
	char d1[512], d2[512];
	for (size_t i = 0; i < k->n; i++)
		for (size_t j = 0; j < k->n; j++) {
			const struct obs *a = &k->o[i], *c = &k->o[j];
			if (!is(a, "price_change", "ytd") || !is(c, "price_change", "ytd") ||
			    a->okey == DATE_NONE || c->okey == DATE_NONE ||
			    a->okey >= c->okey || year_of(a->okey) != year_of(c->okey))
				continue;
			const struct level *pa = level_on(k, a->okey), *pc = level_on(k, c->okey);
			if (!pa || !pc) continue;
			struct series_num dp = num_sub(pc->x, pa->x), dy = num_sub(c->x, a->x);
			int p = dp.lo > 0 ? 1 : dp.hi < 0 ? -1 : 0;
			int y = dy.lo > 0 ? 1 : dy.hi < 0 ? -1 : 0;
			const struct obs *in[8] = {a, c};
			size_t nin = 2;
			for (size_t q = 0; q < pa->nin; q++) in[nin++] = pa->in[q];
			for (size_t q = 0; q < pc->nin; q++) in[nin++] = pc->in[q];
			struct series_row *r = row_from(b, SERIES_CHECK, a, "check_ytd_vs_price",
							"ytd", "pp", dy, in, nin);
			char v1[32], v2[32];
			r->derivation = keepf(b, "check_ytd_vs_price: ytd change and close "
				"change between the days must share a sign; from: %s; to: %s;"
				" close from %s to %s", describe(a, d1, sizeof d1),
				describe(c, d2, sizeof d2), csvio_fmt_double(pa->x.v, v1),
				csvio_fmt_double(pc->x.v, v2));
			r->verdict = !p || !y ? "undecided" : p == y ? "consistent" : "inconsistent";
			r->date = c->okey;
		}
}

static void derive_entities(struct builder *b)
{
	for (size_t i = 0, j; i < b->nobs; i = j) {
		const struct fact *f = b->obs[i].f;
		for (j = i + 1; j < b->nobs && !strcmp(b->obs[j].f->entity, f->entity) &&
				!strcmp(b->obs[j].f->ticker, f->ticker); j++)
			;
		struct block k = {.o = &b->obs[i], .n = j - i};
		for (size_t q = 0; q < k.n; q++)
			if (is(&k.o[q], "price", "close") && k.o[q].okey != DATE_NONE) {
				const struct obs *in[1] = {&k.o[q]};
				add_level(b, &k, k.o[q].okey, k.o[q].x, in, 1);
			}
		derive_prev_close(b, &k);
		derive_giveback(b, &k);
		derive_prior(b, &k);
		check_ytd(b, &k);
		free(k.lv);
	}
}

/* ------------------------------------------------------ market shares */

struct share {
	const struct obs *o;      /* the value told by most sources */
	struct series_num x;      /* its bounds, widened over conflicting values */
	const struct obs *rank;   /* NULL when no rank was stated */
};

static int cmp_share_obs(const void *pa, const void *pb)
{
	const struct obs *a = *(const struct obs *const *)pa;
	const struct obs *b = *(const struct obs *const *)pb;
	CMP_STR(a->f->scope, b->f->scope);
	CMP_STR(a->f->period, b->f->period);
	CMP_NUM(okey_rank(a->okey), okey_rank(b->okey));
	if (a->okey == DATE_NONE) CMP_STR(a->f->doc, b->f->doc);
	CMP_STR(a->f->entity, b->f->entity);
	CMP_NUM(a->f->value, b->f->value);
	return 0;
}

static int same_group(const struct obs *a, const struct obs *b)
{
	return !strcmp(a->f->scope, b->f->scope) && !strcmp(a->f->period, b->f->period) &&
	       same_day(a, b);
}

/* The stated rank of a share's entity: a binary search, the observations
 * being sorted by key. */
static const struct obs *find_rank(const struct builder *b, const struct obs *o)
{
	struct fact probe = *o->f;
	probe.measure = "market_rank";
	size_t lo = 0, hi = b->nobs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cmp_key(b->obs[mid].f, &probe) < 0) lo = mid + 1;
		else hi = mid;
	}
	for (; lo < b->nobs && !cmp_key(b->obs[lo].f, &probe); lo++)
		if (same_group(&b->obs[lo], o)) return &b->obs[lo];
	return NULL;
}

/* Highest share first; by stated rank when every share has one. */
static int cmp_share(const void *pa, const void *pb)
{
	const struct share *a = pa, *b = pb;
	if (a->rank && b->rank) CMP_NUM(a->rank->f->value, b->rank->f->value);
	CMP_NUM(b->x.v, a->x.v);
	CMP_STR(a->o->f->entity, b->o->f->entity);
	return 0;
}

static const char *hhi_band(double h)
{
	return h < 1000 ? "unconcentrated (HHI < 1,000)" :
	       h <= 1800 ? "moderately concentrated (1,000 to 1,800)" :
	       "highly concentrated (HHI > 1,800)";
}

/* "Vivo 17 pct (rank 1); Huawei 16 pct (rank 2)" */
static const char *list_shares(struct builder *b, const struct share *sh, size_t n)
{
	char buf[2048], v[32];
	size_t len = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n && len < sizeof buf; i++) {
		len += snprintf(buf + len, sizeof buf - len, "%s%s %s pct", i ? "; " : "",
				sh[i].o->f->entity, csvio_fmt_double(sh[i].o->f->value, v));
		if (sh[i].rank && len < sizeof buf)
			len += snprintf(buf + len, sizeof buf - len, " (rank %s)",
					csvio_fmt_double(sh[i].rank->f->value, v));
	}
	return keep(b, buf);
}

static struct series_row *group_row(struct builder *b, enum series_kind kind,
				    const char *measure, const char *unit,
				    struct series_num x, const struct obs *const *in,
				    size_t nin)
{
	struct series_row *r = row_from(b, kind, in[0], measure, in[0]->f->period,
					unit, x, in, nin);
	r->entity = "market";
	r->ticker = "";
	return r;
}

/* Sum of the three largest values (end 0), lows (1) or highs (2); n >= 3. */
static double top3(const struct share *sh, size_t n, int end)
{
	double t[3] = {-INFINITY, -INFINITY, -INFINITY};
	for (size_t i = 0; i < n; i++) {
		double v = end == 0 ? sh[i].x.v : end == 1 ? sh[i].x.lo : sh[i].x.hi;
		for (int p = 0; p < 3; p++)
			if (v > t[p]) {
				double keep = t[p];
				t[p] = v;
				v = keep;
			}
	}
	return t[0] + t[1] + t[2];
}

static void share_rows(struct builder *b, struct share *sh, size_t n,
		       const struct obs **in, size_t nin)
{
	const char *list = list_shares(b, sh, n);
	struct series_num sum = num_const(0), hhi = num_const(0), cr3 = num_const(0);
	for (size_t i = 0; i < n; i++) {
		sum = num_add(sum, sh[i].x);
		hhi = num_add(hhi, num_mul(sh[i].x, sh[i].x));
	}
	struct series_row *r = group_row(b, SERIES_DERIVED, "share_sum", "pct", sum, in, nin);
	r->derivation = keepf(b, "share_sum = sum of named shares; %s", list);
	struct series_num rest = num_sub(num_const(100), sum);
	r = group_row(b, SERIES_DERIVED, "share_remainder", "pct", rest, in, nin);
	r->derivation = keepf(b, "share_remainder = 100 - share_sum (others); %s", list);
	if (n >= 3) {
		/* CR3 increases with every share: its bounds are the sums of the
		 * three largest lows and of the three largest highs */
		cr3 = (struct series_num){top3(sh, n, 0), top3(sh, n, 1), top3(sh, n, 2)};
		r = group_row(b, SERIES_DERIVED, "cr3", "pct", cr3, in, nin);
		r->derivation = keepf(b, "cr3 = sum of the three largest named shares; %s", list);
		int ranked = 0;
		for (size_t i = 0; i < 3; i++)
			ranked += sh[i].rank && sh[i].rank->f->value == (double)(i + 1);
		if (ranked < 3) {
			r->flag = "lower_bound";
			r->note = "the three largest named shares are not stated as ranks 1 to 3";
		}
	}
	r = group_row(b, SERIES_DERIVED, "hhi", "hhi", hhi, in, nin);
	r->derivation = keepf(b, "hhi = sum of squared named shares (pct); %s", list);
	r->flag = "lower_bound";
	char rv[32];
	r->note = keepf(b, "2023 US merger guidelines band of this bound: %s; over the "
			"%zu named shares only, the unnamed %s pct can only raise it",
			hhi_band(hhi.v), n, csvio_fmt_double(rest.v, rv));
	for (size_t i = 0; i + 1 < n; i++) {
		char m[128], a[32], c[32];
		int byrank = sh[i].rank && sh[i + 1].rank;
		if (byrank) {
			csvio_fmt_double(sh[i].rank->f->value, a);
			csvio_fmt_double(sh[i + 1].rank->f->value, c);
		} else {
			snprintf(a, sizeof a, "%zu", i + 1);
			snprintf(c, sizeof c, "%zu", i + 2);
		}
		snprintf(m, sizeof m, "share_gap_%s_%s", a, c);
		r = group_row(b, SERIES_DERIVED, m, "pp", num_sub(sh[i].x, sh[i + 1].x), in, nin);
		r->derivation = keepf(b, "%s = share(%s) - share(%s), %s", m,
				      sh[i].o->f->entity, sh[i + 1].o->f->entity,
				      byrank ? "in stated rank order" : "in share order");
	}
}

static void share_checks(struct builder *b, struct share *sh, size_t n,
			 const struct obs **in, size_t nin)
{
	const char *list = list_shares(b, sh, n);
	struct series_num sum = num_const(0);
	for (size_t i = 0; i < n; i++) sum = num_add(sum, sh[i].x);
	struct series_row *r = group_row(b, SERIES_CHECK, "check_share_sum", "pct", sum, in, nin);
	r->derivation = keepf(b, "check_share_sum: the lowest the named shares can sum "
			      "to must not pass 100; %s", list);
	r->verdict = sum.lo > 100 ? "inconsistent" : "consistent";
	size_t nr = 0;
	for (size_t i = 0; i < n; i++) nr += sh[i].rank != NULL;
	if (nr < 2) return;
	char bad[1024] = "";
	size_t len = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
			if (sh[i].rank && sh[j].rank &&
			    sh[i].rank->f->value < sh[j].rank->f->value &&
			    sh[i].x.v < sh[j].x.v && len < sizeof bad)
				len += snprintf(bad + len, sizeof bad - len, "%s%s ranks above %s "
						"with a smaller share", len ? "; " : "",
						sh[i].o->f->entity, sh[j].o->f->entity);
	r = group_row(b, SERIES_CHECK, "check_ranks_vs_shares", "", num_const(NAN), in, nin);
	r->x = (struct series_num){NAN, NAN, NAN};
	r->derivation = keepf(b, "check_ranks_vs_shares: a better rank never has a "
			      "smaller stated share; %s", list);
	r->verdict = len ? "inconsistent" : "consistent";
	r->note = keep(b, bad);
}

/* One scope, period and day of market shares: the entities' shares. */
static void share_group(struct builder *b, const struct obs **g, size_t n)
{
	struct share *sh = calloc(n, sizeof *sh);
	const struct obs **in = calloc(2 * n, sizeof *in);
	size_t ns = 0, nin = 0;
	if (!sh || !in) {
		b->oom = 1;
		goto out;
	}
	for (size_t i = 0, j; i < n; i = j) {
		struct share *s = &sh[ns++];
		s->o = g[i];
		s->x = g[i]->x;
		for (j = i + 1; j < n && !strcmp(g[j]->f->entity, g[i]->f->entity); j++) {
			s->x = hull(s->x, g[j]->x);
			if (g[j]->nsrc > s->o->nsrc) s->o = g[j];
		}
		s->x.v = s->o->x.v;
		for (size_t q = i; q < j; q++) in[nin++] = g[q];
		if ((s->rank = find_rank(b, s->o))) in[nin++] = s->rank;
	}
	if (ns >= 2) {
		qsort(sh, ns, sizeof *sh, cmp_share);
		share_rows(b, sh, ns, in, nin);
		share_checks(b, sh, ns, in, nin);
	}
out:
	free(sh);
	free(in);
}

static void derive_shares(struct builder *b)
{
	const struct obs **v = malloc((b->nobs ? b->nobs : 1) * sizeof *v);
	size_t n = 0;
	if (!v) {
		b->oom = 1;
		return;
	}
	for (size_t i = 0; i < b->nobs; i++)
		if (is(&b->obs[i], "market_share", NULL) && is_pct(&b->obs[i]) &&
		    strcmp(b->obs[i].f->entity, "market"))
			v[n++] = &b->obs[i];
	qsort(v, n, sizeof *v, cmp_share_obs);
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && same_group(v[i], v[j]); j++)
			;
		share_group(b, v + i, j - i);
	}
	free(v);
}

/* ------------------------------------------------------------- trends */

static void trend(struct builder *b, const struct obs *o, size_t n)
{
	double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
	const struct obs **in = malloc(n * sizeof *in);
	size_t m = 0, days = 0;
	if (!x || !y || !in) {
		b->oom = 1;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		if (o[i].okey == DATE_NONE || o[i].okey == OKEY_PERIOD) continue;
		if (strcmp(o[i].f->unit, o[0].f->unit)) goto out;
		days += !m || o[i].okey != in[m - 1]->okey;
		x[m] = o[i].okey - o[0].okey;
		y[m] = o[i].f->value;
		in[m++] = &o[i];
	}
	if (days < 3) goto out;
	double c0, c1, cov00, cov01, cov11, sumsq;
	gsl_fit_linear(x, 1, y, 1, m, &c0, &c1, &cov00, &cov01, &cov11, &sumsq);
	char unit[128], v[32];
	snprintf(unit, sizeof unit, "%s/day", o[0].f->unit);
	struct series_num none = {NAN, NAN, NAN};
	struct series_row *r = row_from(b, SERIES_DERIVED, in[0], "trend_slope",
					o[0].f->period, unit, none, in, m);
	r->x.v = c1;
	r->derivation = keepf(b, "trend_slope = GSL gsl_fit_linear least squares of "
			      "value on day over %zu points on %zu days; intercept %s "
			      "on the first day", m, days, csvio_fmt_double(c0, v));
	r = row_from(b, SERIES_DERIVED, in[0], "trend_slope_se", o[0].f->period,
		     unit, none, in, m);
	r->x.v = sqrt(cov11);
	r->derivation = keepf(b, "trend_slope_se = sqrt(cov11) of gsl_fit_linear, "
			      "residual variance over n - 2 = %zu", m - 2);
out:
	free(x);
	free(y);
	free(in);
}

static void derive_trends(struct builder *b)
{
	for (size_t i = 0, j; i < b->nobs; i = j) {
		for (j = i + 1; j < b->nobs && !cmp_key(b->obs[i].f, b->obs[j].f); j++)
			;
		trend(b, &b->obs[i], j - i);
	}
}

/* --------------------------------------------------------------- public */

int series_validate(const struct facts *t, size_t from, const char *path,
		    struct ff_error *err)
{
	static const char *const quals[] = {"", "eq", "approx", "gt", "lt", "max"};
	for (size_t i = from; i < t->n; i++) {
		const struct fact *f = &t->v[i];
		if (!isfinite(f->value))
			return ff_error_set(err, path, f->line, "value",
					    "expected a finite number, found %g", f->value);
		size_t q = 0;
		while (q < sizeof quals / sizeof quals[0] && strcmp(f->qualifier, quals[q]))
			q++;
		if (q == sizeof quals / sizeof quals[0])
			return ff_error_set(err, path, f->line, "qualifier",
					    "expected eq, approx, gt, lt, max or empty, "
					    "found '%s'", f->qualifier);
	}
	return 0;
}

struct series *series_build(const struct facts *t, struct ff_error *err)
{
	struct builder b = {.s = calloc(1, sizeof(struct series))};
	if (!b.s || series_validate(t, 0, "", err)) goto fail;
	b.sorted = malloc((t->n ? t->n : 1) * sizeof *b.sorted);
	if (!b.sorted) goto oom;
	for (size_t i = 0; i < t->n; i++) b.sorted[i] = &t->v[i];
	qsort(b.sorted, t->n, sizeof *b.sorted, cmp_fact);
	if (merge_facts(&b, t)) goto oom;
	mark_conflicts(&b);
	emit_facts(&b);
	derive_entities(&b);
	derive_shares(&b);
	derive_trends(&b);
	if (b.oom) goto oom;
	free(b.sorted);
	free(b.obs);
	return b.s;
oom:
	ff_error_set(err, NULL, 0, NULL, "out of memory");
fail:
	free(b.sorted);
	free(b.obs);
	series_free(b.s);
	return NULL;
}

void series_free(struct series *s)
{
	if (!s) return;
	struct series_pool *p = s->pool;
	while (p) {
		struct series_pool *next = p->next;
		free(p);
		p = next;
	}
	free(s->v);
	free(s);
}

static const char *const header[] = {
	"kind", "entity", "ticker", "scope", "measure", "period", "date", "value",
	"unit", "qualifier", "low", "high", "sources", "docs", "attribution", "flag",
	"derivation", "verdict", "note"};

void series_write_header(struct csvio_writer *w)
{
	csvio_row(w, header, sizeof header / sizeof header[0]);
}

/* Derived numbers to 15 significant digits: 2.55, not the
 * 2.5500000000000003 that binary arithmetic leaves (a relative change
 * below 1e-15, far inside any written precision). */
static void write_num(struct csvio_writer *w, double v)
{
	char buf[40];
	if (isnan(v)) buf[0] = '\0';
	else snprintf(buf, sizeof buf, "%.15g", v == 0 ? 0 : v);
	csvio_field(w, buf);
}

void series_write(struct csvio_writer *w, const struct series *s)
{
	static const char *const kinds[] = {"fact", "derived", "check"};
	for (size_t i = 0; i < s->n; i++) {
		const struct series_row *r = &s->v[i];
		csvio_field(w, kinds[r->kind]);
		csvio_field(w, r->entity);
		csvio_field(w, r->ticker);
		csvio_field(w, r->scope);
		csvio_field(w, r->measure);
		csvio_field(w, r->period);
		csvio_date(w, r->date);
		write_num(w, r->x.v);
		csvio_field(w, r->unit);
		csvio_field(w, r->qualifier);
		write_num(w, r->x.lo);
		write_num(w, r->x.hi);
		csvio_int(w, r->sources);
		csvio_field(w, r->docs);
		csvio_field(w, r->attribution);
		csvio_field(w, r->flag);
		csvio_field(w, r->derivation);
		csvio_field(w, r->verdict);
		csvio_field(w, r->note);
		csvio_endrow(w);
	}
}
