/* facts: the fact record of the fact table (README.md, `finfacts extract`) (the contract between extract
 * and everything downstream), and its CSV reading and writing. */
#ifndef FACTS_H
#define FACTS_H

#include <stddef.h>
#include <stdint.h>

#include "csvio.h"
#include "ff_error.h"

/* Columns in contract order. */
enum facts_col {
	FACTS_DOC, FACTS_DATE, FACTS_ENTITY, FACTS_TICKER, FACTS_SCOPE,
	FACTS_MEASURE, FACTS_VALUE, FACTS_UNIT, FACTS_QUALIFIER, FACTS_PERIOD,
	FACTS_ATTRIBUTION, FACTS_SPAN_START, FACTS_SPAN_END, FACTS_EVIDENCE,
	FACTS_NCOLS
};

extern const char *const facts_header[FACTS_NCOLS];

struct fact {
	const char *doc, *entity, *ticker, *scope, *measure, *unit, *qualifier,
		*period, *attribution, *evidence;   /* never NULL; "" = empty */
	int32_t date;            /* DATE_NONE when empty */
	double value;
	long span_start, span_end;
	long line;               /* line in the table it was read from, or 0 */
};

/* A table of facts; the strings of its facts are owned by the table. */
struct facts {
	struct fact *v;
	size_t n, cap;
	struct facts_pool *pool;
};

struct facts *facts_new(void);
void facts_free(struct facts *t);

/* Appends a copy of f (strings copied into the table).  -1 on no memory. */
int facts_append(struct facts *t, const struct fact *f);

/* Reads a fact table (columns found by name, in any order; extra
 * columns ignored).  Appends to t, so several tables can be merged.
 * Errors name the file, line and column. */
int facts_load(struct facts *t, const char *path, struct ff_error *err);

void facts_write_header(struct csvio_writer *w);
void facts_write(struct csvio_writer *w, const struct fact *f);

#endif
