/* libFuzzer harness: loading a price CSV (prices_load over csvscan),
 * stopping at the first bad row and skipping bad rows, then the lookups
 * every command makes on a loaded series; and the same file cut into
 * pieces read on threads, which must load to the very same rows, skipped
 * lines and error (file, line, field, message) as one thread. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "prices.h"

static void use(const struct prices *p)
{
	/* The contract: at least one row, dates strictly increasing. */
	if (p->n == 0) abort();
	for (size_t i = 1; i < p->n; i++)
		if (p->date[i] <= p->date[i - 1]) abort();
	for (size_t i = 0; i < p->n; i++)
		if (prices_find(p, p->date[i]) != (long)i) abort();
	if (prices_lower_bound(p, p->date[0] - 1) != 0) abort();
	size_t *ia = malloc(p->n * sizeof *ia), *ib = malloc(p->n * sizeof *ib);
	if (ia && ib && prices_align(p, p, ia, ib) != p->n) abort();
	free(ia);
	free(ib);
	const double *v = prices_value(p);
	for (size_t i = 0; i < p->n; i++)
		if (!(v[i] > 0)) abort();
}

/* Both NULL, or n equal values (NaN equal to NaN). */
static int same_column(const double *a, const double *b, size_t n)
{
	if (!a || !b) return a == b;
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i] && !(a[i] != a[i] && b[i] != b[i])) return 0;
	return 1;
}

static int same_prices(const struct prices *a, const struct prices *b)
{
	if (a->n != b->n || a->have != b->have || a->skipped != b->skipped ||
	    memcmp(a->skipped_line, b->skipped_line,
		   (a->skipped < PRICES_SKIP_LINES ? a->skipped : PRICES_SKIP_LINES) *
		   sizeof a->skipped_line[0]) ||
	    memcmp(a->date, b->date, a->n * sizeof *a->date))
		return 0;
	return same_column(a->open, b->open, a->n) &&
	       same_column(a->high, b->high, a->n) &&
	       same_column(a->low, b->low, a->n) &&
	       same_column(a->close, b->close, a->n) &&
	       same_column(a->adj, b->adj, a->n) &&
	       same_column(a->volume, b->volume, a->n);
}

static int same_error(const struct ff_error *a, const struct ff_error *b)
{
	return !strcmp(a->file, b->file) && a->line == b->line &&
	       !strcmp(a->field, b->field) && !strcmp(a->msg, b->msg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	const char *path = fuzz_file("prices.csv", data, n);
	static const enum prices_on_bad modes[] = {PRICES_BAD_ERROR, PRICES_BAD_SKIP};
	for (int k = 0; k < 2; k++) {
		struct prices_opts o = {.want = PRICES_ALL, .on_bad_row = modes[k]};
		struct prices *p = NULL, *q = NULL;
		struct ff_error err, err2;
		int st = prices_load(path, &o, &p, &err);
		if (st == 0) use(p);
		else if (p || !err.msg[0]) abort();   /* a failure leaves nothing and says why */
		/* Pieces of a few bytes each, two to four of them; on threads of
		 * their own for one input in 32 (a thread costs milliseconds
		 * under the sanitizers), else one after another. */
		o.threads = 2 + (int)(n % 3);
		o.min_piece = 1;
		o.serial = n % 32 != 0;
		int st2 = prices_load(path, &o, &q, &err2);
		if (st2 != st || (st == 0 && !same_prices(p, q)) ||
		    (st != 0 && (q || !same_error(&err, &err2))))
			abort();
		prices_free(p);
		prices_free(q);
	}
	return 0;
}
