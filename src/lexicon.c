#include "lexicon.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvio.h"

#ifndef FINFACTS_SHARE
#define FINFACTS_SHARE "/usr/local/share/finfacts"
#endif

#define NBUCKET 4096

struct alias {
	char *text;
	size_t len;
	int entity;
	enum lexicon_kind kind;
	int fold_first;     /* written in lower case: also matches capitalised */
};

struct ent {
	struct lexicon_entity pub;
	char *name;
	struct lexicon_listing *listing;
};

struct bucket {
	int *v;             /* alias indices, longest first */
	size_t n, cap;
};

struct lexicon {
	struct ent *ent;
	size_t nent, capent;
	struct alias *alias;
	size_t nalias, capalias;
	struct bucket bucket[NBUCKET];
};

struct lexicon *lexicon_new(void)
{
	return calloc(1, sizeof(struct lexicon));
}

void lexicon_free(struct lexicon *lx)
{
	if (!lx) return;
	for (size_t i = 0; i < lx->nent; i++) {
		free(lx->ent[i].name);
		free(lx->ent[i].listing);
	}
	for (size_t i = 0; i < lx->nalias; i++) free(lx->alias[i].text);
	for (size_t i = 0; i < NBUCKET; i++) free(lx->bucket[i].v);
	free(lx->ent);
	free(lx->alias);
	free(lx);
}

static unsigned key2(const char *s, size_t n)
{
	unsigned a = (unsigned char)tolower((unsigned char)s[0]);
	unsigned b = n > 1 ? (unsigned char)tolower((unsigned char)s[1]) : 0;
	return (a * 131u + b) % NBUCKET;
}

size_t lexicon_count(const struct lexicon *lx)
{
	return lx->nent;
}

const struct lexicon_entity *lexicon_entity(const struct lexicon *lx, int id)
{
	return id >= 0 && (size_t)id < lx->nent ? &lx->ent[id].pub : NULL;
}

int lexicon_find(const struct lexicon *lx, const char *name)
{
	for (size_t i = 0; i < lx->nent; i++)
		if (!strcmp(lx->ent[i].name, name)) return (int)i;
	return -1;
}

static int add_entity(struct lexicon *lx, const char *name)
{
	int id = lexicon_find(lx, name);
	if (id >= 0) return id;
	if (lx->nent == lx->capent) {
		size_t cap = lx->capent ? lx->capent * 2 : 64;
		struct ent *e = realloc(lx->ent, cap * sizeof *e);
		if (!e) return -1;
		lx->ent = e;
		lx->capent = cap;
	}
	struct ent *e = &lx->ent[lx->nent];
	memset(e, 0, sizeof *e);
	if (!(e->name = strdup(name))) return -1;
	e->pub.name = e->name;
	e->pub.fy_end = 12;
	return (int)lx->nent++;
}

static int add_alias(struct lexicon *lx, const char *s, size_t n, int entity,
		     enum lexicon_kind kind)
{
	while (n && isspace((unsigned char)*s)) s++, n--;
	while (n && isspace((unsigned char)s[n - 1])) n--;
	if (!n) return 0;
	if (lx->nalias == lx->capalias) {
		size_t cap = lx->capalias ? lx->capalias * 2 : 256;
		struct alias *a = realloc(lx->alias, cap * sizeof *a);
		if (!a) return -1;
		lx->alias = a;
		lx->capalias = cap;
	}
	struct alias *a = &lx->alias[lx->nalias];
	if (!(a->text = strndup(s, n))) return -1;
	a->len = n;
	a->entity = entity;
	a->kind = kind;
	a->fold_first = islower((unsigned char)s[0]);
	struct bucket *b = &lx->bucket[key2(s, n)];
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 4;
		int *v = realloc(b->v, cap * sizeof *v);
		if (!v) return -1;
		b->v = v;
		b->cap = cap;
	}
	size_t k = b->n++;
	while (k > 0 && lx->alias[b->v[k - 1]].len < n) {
		b->v[k] = b->v[k - 1];
		k--;
	}
	b->v[k] = (int)lx->nalias++;
	return 0;
}

static int parse_kind(const char *s, enum lexicon_kind *k)
{
	static const char *const names[] = {"company", "index", "product",
		"descriptor", "source", "ignore"};
	for (int i = 0; i < 6; i++)
		if (!strcmp(s, names[i])) {
			*k = (enum lexicon_kind)i;
			return 0;
		}
	return -1;
}

static int add_listings(struct ent *e, const char *s, const char *path,
			long line, struct ff_error *err)
{
	while (*s) {
		const char *end = strchr(s, '|');
		size_t n = end ? (size_t)(end - s) : strlen(s);
		char item[64];
		if (n >= sizeof item) n = sizeof item - 1;
		memcpy(item, s, n);
		item[n] = '\0';
		char *c1 = strchr(item, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
		if (!c2)
			return ff_error_set(err, path, line, "listings",
					    "expected TICKER:EXCHANGE:CURRENCY, found '%s'",
					    item);
		*c1 = *c2 = '\0';
		struct lexicon_listing *l = realloc(e->listing,
			(e->pub.nlisting + 1) * sizeof *l);
		if (!l) return ff_error_set(err, path, line, NULL, "out of memory");
		e->listing = l;
		l += e->pub.nlisting++;
		snprintf(l->ticker, sizeof l->ticker, "%.23s", item);
		snprintf(l->exchange, sizeof l->exchange, "%.11s", c1 + 1);
		snprintf(l->currency, sizeof l->currency, "%.3s", c2 + 1);
		e->pub.listing = e->listing;
		s += n + (end ? 1 : 0);
	}
	return 0;
}

static int load_row(struct lexicon *lx, const struct csvio_row *row,
		    const int col[5], const char *path, struct ff_error *err)
{
	const char *name = row->field[col[0]];
	enum lexicon_kind kind;
	if (parse_kind(row->field[col[1]], &kind))
		return ff_error_set(err, path, row->line, "kind",
				    "expected company, index, product, descriptor, "
				    "source or ignore, found '%s'", row->field[col[1]]);
	int id = -1;
	if (kind != LEXICON_IGNORE) {
		if (!*name)
			return ff_error_set(err, path, row->line, "name", "empty name");
		if ((id = add_entity(lx, name)) < 0)
			return ff_error_set(err, path, row->line, NULL, "out of memory");
	}
	struct ent *e = id >= 0 ? &lx->ent[id] : NULL;
	if (e && kind == LEXICON_INDEX) e->pub.is_index = 1;
	if (e && col[3] >= 0 && *row->field[col[3]] &&
	    add_listings(e, row->field[col[3]], path, row->line, err))
		return -1;
	if (e && col[4] >= 0 && *row->field[col[4]]) {
		int m = atoi(row->field[col[4]]);
		if (m < 1 || m > 12)
			return ff_error_set(err, path, row->line, "fy_end",
					    "expected a month 1-12, found '%s'",
					    row->field[col[4]]);
		e->pub.fy_end = m;
	}
	const char *s = row->field[col[2]];
	if (e && kind != LEXICON_PRODUCT && kind != LEXICON_DESCRIPTOR &&
	    add_alias(lx, name, strlen(name), id, kind))
		return ff_error_set(err, path, row->line, NULL, "out of memory");
	while (*s) {
		const char *end = strchr(s, '|');
		size_t n = end ? (size_t)(end - s) : strlen(s);
		if (add_alias(lx, s, n, id, kind))
			return ff_error_set(err, path, row->line, NULL, "out of memory");
		s += n + (end ? 1 : 0);
	}
	return 0;
}

int lexicon_load(struct lexicon *lx, const char *path, struct ff_error *err)
{
	struct csvio_reader *r = csvio_open(path, err);
	if (!r) return -1;
	const struct csvio_row *row;
	int rc = csvio_next(r, &row, err), col[5];
	if (rc == 0) rc = ff_error_set(err, path, 1, NULL, "empty lexicon");
	if (rc < 0) goto out;
	static const char *const cols[5] = {"name", "kind", "aliases",
		"listings", "fy_end"};
	for (int i = 0; i < 5; i++) {
		col[i] = csvio_find(row, cols[i]);
		if (col[i] < 0 && i < 3) {
			rc = ff_error_set(err, path, row->line, cols[i],
					  "missing column '%s'", cols[i]);
			goto out;
		}
	}
	while ((rc = csvio_next(r, &row, err)) > 0) {
		if ((size_t)col[1] >= row->n || (size_t)col[2] >= row->n ||
		    (col[3] >= 0 && (size_t)col[3] >= row->n) ||
		    (col[4] >= 0 && (size_t)col[4] >= row->n)) {
			rc = ff_error_set(err, path, row->line, NULL,
					  "row has %zu fields, fewer than the header",
					  row->n);
			break;
		}
		if ((rc = load_row(lx, row, col, path, err)) < 0) break;
	}
out:
	csvio_close(r);
	return rc < 0 ? -1 : 0;
}

int lexicon_default_path(const char *argv0, char *buf, size_t cap)
{
	const char *env = getenv("FINFACTS_LEXICON");
	if (env && *env) {
		snprintf(buf, cap, "%s", env);
		return 0;
	}
	if (!access("data/lexicon.csv", R_OK)) {
		snprintf(buf, cap, "data/lexicon.csv");
		return 0;
	}
	const char *slash = argv0 ? strrchr(argv0, '/') : NULL;
	if (slash) {
		int n = (int)(slash - argv0);
		/* the build tree (build/, build/asan/), then an installed
		 * PREFIX/bin beside PREFIX/share, whatever the PREFIX */
		const char *up[] = {"/../data/lexicon.csv", "/../../data/lexicon.csv",
				    "/../share/finfacts/lexicon.csv"};
		for (int i = 0; i < 3; i++) {
			snprintf(buf, cap, "%.*s%s", n, argv0, up[i]);
			if (!access(buf, R_OK)) return 0;
		}
	}
	snprintf(buf, cap, "%s/lexicon.csv", FINFACTS_SHARE);
	return access(buf, R_OK) ? -1 : 0;
}

static int alias_at(const struct alias *a, const char *s, size_t len, size_t i)
{
	if (i + a->len > len) return 0;
	if (a->fold_first) {
		if (tolower((unsigned char)s[i]) != a->text[0] ||
		    memcmp(s + i + 1, a->text + 1, a->len - 1))
			return 0;
	} else if (memcmp(s + i, a->text, a->len)) {
		return 0;
	}
	size_t e = i + a->len;
	return e >= len || !(isalnum((unsigned char)s[e]) ||
			     (unsigned char)s[e] >= 0x80);
}

int lexicon_match(const struct lexicon *lx, const char *s, size_t len,
		  size_t i, struct lexicon_hit *hit)
{
	if (i >= len) return 0;
	size_t n = i + 1 < len ? 2 : 1;
	const struct bucket *b = &lx->bucket[key2(s + i, n)];
	for (size_t k = 0; k < b->n; k++) {
		const struct alias *a = &lx->alias[b->v[k]];
		if (!alias_at(a, s, len, i)) continue;
		hit->entity = a->entity;
		hit->kind = a->kind;
		hit->len = a->len;
		return 1;
	}
	return 0;
}

static int market_of(const char *exchange, const char *market)
{
	if (!strcmp(market, "US"))
		return !strcmp(exchange, "NYSE") || !strcmp(exchange, "NASDAQ");
	return !strcmp(exchange, market);
}

const struct lexicon_listing *lexicon_listing_on(const struct lexicon *lx,
						 int id, const char *market)
{
	const struct lexicon_entity *e = lexicon_entity(lx, id);
	if (!e) return NULL;
	for (size_t i = 0; i < e->nlisting; i++)
		if (market_of(e->listing[i].exchange, market)) return &e->listing[i];
	return NULL;
}

int lexicon_by_ticker(const struct lexicon *lx, const char *root, size_t n,
		      const struct lexicon_listing **listing)
{
	for (size_t i = 0; i < lx->nent; i++)
		for (size_t k = 0; k < lx->ent[i].pub.nlisting; k++) {
			const struct lexicon_listing *l = &lx->ent[i].listing[k];
			size_t tl = strcspn(l->ticker, ".");
			if (tl == n && !strncmp(l->ticker, root, n)) {
				*listing = l;
				return (int)i;
			}
		}
	return -1;
}
