#include "table.h"

#include <stdlib.h>
#include <string.h>

#include "csvio.h"

void table_free(struct table *t)
{
	if (!t) return;
	for (size_t c = 0; c < t->ncols; c++) free(t->head ? t->head[c] : NULL);
	for (size_t k = 0; k < t->nrows * t->ncols; k++) free(t->cell[k]);
	free(t->head);
	free(t->cell);
	free(t);
}

static int copy_row(const struct csvio_row *r, char **dst)
{
	for (size_t c = 0; c < r->n; c++)
		if (!(dst[c] = strdup(r->field[c]))) return -1;
	return 0;
}

static int add_row(struct table *t, const struct csvio_row *r, size_t *cap)
{
	if (t->nrows == *cap) {
		size_t nc = *cap ? *cap * 2 : 64;
		char **v = realloc(t->cell, nc * t->ncols * sizeof *v);
		if (!v) return -1;
		t->cell = v;
		*cap = nc;
	}
	char **dst = t->cell + t->nrows * t->ncols;
	memset(dst, 0, t->ncols * sizeof *dst);
	t->nrows++;
	return copy_row(r, dst);
}

int table_load(const char *path, struct table **out, struct ff_error *err)
{
	struct csvio_reader *rd = csvio_open(path, err);
	const struct csvio_row *r;
	struct table *t = calloc(1, sizeof *t);
	size_t cap = 0;
	int st;
	*out = NULL;
	if (!rd || !t) {
		csvio_close(rd);
		free(t);
		return rd ? ff_error_set(err, path, 0, NULL, "out of memory") : -1;
	}
	if ((st = csvio_next(rd, &r, err)) == 0)
		st = ff_error_set(err, path, 0, NULL, "empty file: expected a header");
	if (st > 0) {
		t->ncols = r->n;
		if (!(t->head = calloc(r->n, sizeof *t->head)) || copy_row(r, t->head))
			st = ff_error_set(err, path, r->line, NULL, "out of memory");
	}
	while (st > 0 && (st = csvio_next(rd, &r, err)) > 0) {
		if (r->n != t->ncols)
			st = ff_error_set(err, path, r->line, NULL, "ragged row: %zu fields "
					  "where the header has %zu", r->n, t->ncols);
		else if (add_row(t, r, &cap))
			st = ff_error_set(err, path, r->line, NULL, "out of memory");
	}
	csvio_close(rd);
	if (st < 0) {
		table_free(t);
		return -1;
	}
	*out = t;
	return 0;
}

int table_col(const struct table *t, const char *name)
{
	struct csvio_row h = {t->ncols, (const char **)t->head, NULL, 0};
	return csvio_find(&h, name);
}

const char *table_get(const struct table *t, size_t row, int col)
{
	return col < 0 || row >= t->nrows ? "" : t->cell[row * t->ncols + (size_t)col];
}
