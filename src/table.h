/* table: a small CSV held whole in memory, cells by row and column name
 * (outputs read back by `run` to drive later steps and the report). */
#ifndef TABLE_H
#define TABLE_H

#include <stddef.h>

#include "ff_error.h"

struct table {
	size_t nrows, ncols;     /* data rows; the header is not counted */
	char **head;             /* ncols names */
	char **cell;             /* nrows * ncols, never NULL ("" = empty) */
};

int table_load(const char *path, struct table **out, struct ff_error *err);
void table_free(struct table *t);
/* Column index by name (csvio_find's rules), or -1. */
int table_col(const struct table *t, const char *name);
/* Cell text; "" when the column is -1. */
const char *table_get(const struct table *t, size_t row, int col);

#endif
