/* In-process drawing speed: the same line, candle and bar charts drawn
 * N times each to 1200x700 PNG files; prints ms per chart. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "chart.h"
#include "date.h"
#include "facts.h"
#include "plots.h"
#include "prices.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int fail(const struct ff_error *e)
{
	ff_error_print(stderr, e);
	return 1;
}

int main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: plot_bench PRICES.csv FACTS.csv OUTDIR N\n");
		return 2;
	}
	int n = atoi(argv[4]);
	chart_library_init();   /* the fonts as `finfacts plot` sets them up */
	struct ff_error err;
	struct prices *p;
	struct prices_opts po = {PRICES_ALL, PRICES_BAD_ERROR};
	if (prices_load(argv[1], &po, &p, &err)) return fail(&err);
	struct facts *f = facts_new();
	if (facts_load(f, argv[2], &err)) return fail(&err);
	char out[4096];
	const char *kinds[] = {"line", "candles", "bars"};
	for (int k = 0; k < 3; k++) {
		struct plots_opts o;
		plots_opts_init(&o);
		snprintf(out, sizeof out, "%s/bench_%s.png", argv[3], kinds[k]);
		o.out = out;
		/* The last 260 sessions, as the matplotlib script draws. */
		o.from = p->date[p->n > 260 ? p->n - 260 : 0];
		struct prices *one[] = {p};
		/* One draw first, as the matplotlib script does: it pays the
		 * one-off font setup that a chart in a fresh process pays. */
		double t0 = now();
		for (int i = -1; i < n; i++) {
			if (i == 0) t0 = now();
			int st = k == 0 ? plots_series(one, 1, &o, &err)
			       : k == 1 ? plots_candles(p, &o, &err)
					: plots_share(f, &o, &err);
			if (st) return fail(&err);
		}
		printf("finfacts,%s,%.3f\n", kinds[k], (now() - t0) / n * 1000);
	}
	facts_free(f);
	prices_free(p);
	chart_library_cleanup();
	return 0;
}
