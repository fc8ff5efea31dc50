/* series: fact tables -> time series, implied values and consistency
 * checks (README.md, `finfacts series`).
 *
 * Facts are merged whatever order they come in: the same fact told by
 * several articles becomes one row with its sources, different values for
 * the same key and day stay apart and are flagged, never averaged.  Every
 * number carries the interval its written precision and qualifier allow,
 * and derived numbers carry the interval that arithmetic on those
 * intervals gives. */
#ifndef SERIES_H
#define SERIES_H

#include <stddef.h>
#include <stdint.h>

#include "csvio.h"
#include "facts.h"
#include "ff_error.h"

enum series_kind { SERIES_FACT, SERIES_DERIVED, SERIES_CHECK };

/* A number with the closed interval that bounds it (either end may be
 * infinite: "more than 40" is [40, inf]). */
struct series_num {
	double v, lo, hi;
};

/* One output row.  Strings are never NULL ("" = empty) and are owned by
 * the series (copied), so the fact table may be freed first. */
struct series_row {
	enum series_kind kind;
	const char *entity, *ticker, *scope, *measure, *period;
	int32_t date;                 /* DATE_NONE when unknown */
	struct series_num x;
	const char *unit, *qualifier;
	int sources;                  /* distinct documents behind the row */
	const char *docs;             /* those documents, sorted, ';'-joined */
	const char *attribution;      /* distinct attributions, ';'-joined */
	const char *flag;             /* conflict, conflict_input, lower_bound */
	const char *derivation;       /* rule = formula; its inputs */
	const char *verdict;          /* checks: consistent, inconsistent, undecided */
	const char *note;
};

struct series {
	struct series_row *v;
	size_t n, cap;
	struct series_pool *pool;
};

/* Validates the facts t->v[from..] just read from path (qualifier
 * vocabulary, finite values); errors name the file, line and field. */
int series_validate(const struct facts *t, size_t from, const char *path,
		    struct ff_error *err);

/* Builds the series, derived rows and checks of all facts in t.  The
 * result depends only on the set of facts, not on their order. */
struct series *series_build(const struct facts *t, struct ff_error *err);
void series_free(struct series *s);

void series_write_header(struct csvio_writer *w);
void series_write(struct csvio_writer *w, const struct series *s);

/* The unit of the last digit the text wrote for f's value: taken from the
 * number in f->evidence that, times a scale (1, thousand, million,
 * billion, trillion, or 1/100 for cents), equals |value|; else from the
 * shortest decimal of |value| (a whole number of a million or more read
 * as millions, billions or trillions: 18510000000 -> 18.51 billion ->
 * 0.01 billion). */
double series_written_unit(double value, const char *evidence);

/* value with its bounds from the written precision (half a unit of the
 * last digit either side) widened by the qualifier (DESIGN.md): gt above
 * the value, lt [m - max(0.5, m/10), m], approx half a unit or 5%
 * whichever is wider; max and eq keep the precision bounds.  Qualifiers
 * bound the magnitude m = |value|; the sign is applied after. */
struct series_num series_fact_num(const struct fact *f);

#endif
