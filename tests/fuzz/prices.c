/* libFuzzer harness: loading a price CSV (prices_load over csvio),
 * stopping at the first bad row and skipping bad rows, then the lookups
 * every command makes on a loaded series. */
#include <stdint.h>
#include <stdlib.h>

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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	const char *path = fuzz_file("prices.csv", data, n);
	static const enum prices_on_bad modes[] = {PRICES_BAD_ERROR, PRICES_BAD_SKIP};
	for (int k = 0; k < 2; k++) {
		struct prices_opts o = {.want = PRICES_ALL, .on_bad_row = modes[k]};
		struct prices *p = NULL;
		struct ff_error err;
		if (prices_load(path, &o, &p, &err) == 0) {
			use(p);
			prices_free(p);
		} else if (p || !err.msg[0]) {
			abort();   /* a failure leaves nothing and says why */
		}
	}
	return 0;
}
