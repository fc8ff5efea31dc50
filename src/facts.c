#include "facts.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"

const char *const facts_header[FACTS_NCOLS] = {
	"doc", "date", "entity", "ticker", "scope", "measure", "value", "unit",
	"qualifier", "period", "attribution", "span_start", "span_end",
	"evidence"};

/* Strings live in large blocks freed with the table: no per-field malloc. */
struct facts_pool {
	struct facts_pool *next;
	size_t used, cap;
	char data[];
};

struct facts *facts_new(void)
{
	return calloc(1, sizeof(struct facts));
}

void facts_free(struct facts *t)
{
	if (!t) return;
	struct facts_pool *p = t->pool;
	while (p) {
		struct facts_pool *next = p->next;
		free(p);
		p = next;
	}
	free(t->v);
	free(t);
}

static const char *pool_dup(struct facts *t, const char *s)
{
	size_t n = strlen(s) + 1;
	if (n == 1) return "";
	struct facts_pool *p = t->pool;
	if (!p || p->cap - p->used < n) {
		size_t cap = n > 65536 ? n : 65536;
		struct facts_pool *q = malloc(sizeof *q + cap);
		if (!q) return NULL;
		q->next = p;
		q->used = 0;
		q->cap = cap;
		t->pool = p = q;
	}
	char *d = p->data + p->used;
	memcpy(d, s, n);
	p->used += n;
	return d;
}

int facts_append(struct facts *t, const struct fact *f)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		struct fact *v = realloc(t->v, cap * sizeof *v);
		if (!v) return -1;
		t->v = v;
		t->cap = cap;
	}
	struct fact c = *f;
	const char **s[] = {&c.doc, &c.entity, &c.ticker, &c.scope, &c.measure,
		&c.unit, &c.qualifier, &c.period, &c.attribution, &c.evidence};
	for (size_t k = 0; k < sizeof s / sizeof s[0]; k++)
		if (!(*s[k] = pool_dup(t, *s[k] ? *s[k] : ""))) return -1;
	t->v[t->n++] = c;
	return 0;
}

static int parse_long(const char *s, size_t len, long *out)
{
	double d;
	/* A byte offset: whole, not negative (the writer leaves a negative
	 * one empty, so it would not read back), and in range before the
	 * cast, which is undefined beyond LONG_MAX. */
	if (csvio_number(s, len, &d) || !(d >= 0 && d <= 9007199254740992.0) ||
	    d != (double)(long)d)
		return -1;
	*out = (long)d;
	return 0;
}

static int read_fact(const int *col, const struct csvio_row *r, const char *path,
		     struct fact *f, struct ff_error *err)
{
	const char *const *fld = r->field;
	const char **s[FACTS_NCOLS] = {
		[FACTS_DOC] = &f->doc, [FACTS_ENTITY] = &f->entity,
		[FACTS_TICKER] = &f->ticker, [FACTS_SCOPE] = &f->scope,
		[FACTS_MEASURE] = &f->measure, [FACTS_UNIT] = &f->unit,
		[FACTS_QUALIFIER] = &f->qualifier, [FACTS_PERIOD] = &f->period,
		[FACTS_ATTRIBUTION] = &f->attribution, [FACTS_EVIDENCE] = &f->evidence};
	for (int c = 0; c < FACTS_NCOLS; c++) {
		if (!s[c]) continue;
		*s[c] = fld[col[c]];
		/* Text with a NUL in it would be read as cut short there. */
		if (memchr(fld[col[c]], '\0', r->len[col[c]]))
			return ff_error_set(err, path, r->line, facts_header[c],
					    "a NUL byte in the text");
	}
	f->line = r->line;
	size_t dl = r->len[col[FACTS_DATE]];
	f->date = DATE_NONE;
	if (dl && date_parse(fld[col[FACTS_DATE]], dl, &f->date))
		return ff_error_set(err, path, r->line, "date",
				    "expected YYYY-MM-DD or empty, found '%s'",
				    fld[col[FACTS_DATE]]);
	if (csvio_number(fld[col[FACTS_VALUE]], r->len[col[FACTS_VALUE]], &f->value))
		return ff_error_set(err, path, r->line, "value",
				    "expected a number, found '%s'", fld[col[FACTS_VALUE]]);
	int spans[2] = {FACTS_SPAN_START, FACTS_SPAN_END};
	long *dst[2] = {&f->span_start, &f->span_end};
	for (int k = 0; k < 2; k++) {
		int c = col[spans[k]];
		*dst[k] = -1;
		if (r->len[c] && parse_long(fld[c], r->len[c], dst[k]))
			return ff_error_set(err, path, r->line, facts_header[spans[k]],
					    "expected a whole byte offset, found '%s'", fld[c]);
	}
	return 0;
}

int facts_load(struct facts *t, const char *path, struct ff_error *err)
{
	struct csvio_reader *rd = csvio_open(path, err);
	if (!rd) return -1;
	const struct csvio_row *r;
	int col[FACTS_NCOLS], st = csvio_next(rd, &r, err);
	if (st == 0)
		ff_error_set(err, path, 0, NULL, "empty file: expected a fact table "
			     "with the header %s,%s,...", facts_header[0], facts_header[1]);
	for (int c = 0; st > 0 && c < FACTS_NCOLS; c++)
		if ((col[c] = csvio_find(r, facts_header[c])) < 0)
			st = ff_error_set(err, path, r->line, facts_header[c],
					  "not a fact table: missing column '%s'",
					  facts_header[c]);
	size_t width = st > 0 ? r->n : 0;
	while (st > 0 && (st = csvio_next(rd, &r, err)) > 0) {
		struct fact f;
		if (r->n != width)
			st = ff_error_set(err, path, r->line, NULL, "ragged row: %zu "
					  "fields where the header has %zu", r->n, width);
		else if (read_fact(col, r, path, &f, err))
			st = -1;
		else if (facts_append(t, &f))
			st = ff_error_set(err, path, r->line, NULL, "out of memory");
	}
	csvio_close(rd);
	return st < 0 ? -1 : 0;
}

void facts_write_header(struct csvio_writer *w)
{
	csvio_row(w, facts_header, FACTS_NCOLS);
}

void facts_write(struct csvio_writer *w, const struct fact *f)
{
	csvio_field(w, f->doc);
	csvio_date(w, f->date);
	csvio_field(w, f->entity);
	csvio_field(w, f->ticker);
	csvio_field(w, f->scope);
	csvio_field(w, f->measure);
	csvio_num(w, f->value);
	csvio_field(w, f->unit);
	csvio_field(w, f->qualifier);
	csvio_field(w, f->period);
	csvio_field(w, f->attribution);
	if (f->span_start >= 0) csvio_int(w, f->span_start); else csvio_field(w, "");
	if (f->span_end >= 0) csvio_int(w, f->span_end); else csvio_field(w, "");
	csvio_field(w, f->evidence);
	csvio_endrow(w);
}
