/* finfacts series: fact tables -> series, implied values and checks. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "facts.h"
#include "ff_error.h"
#include "series.h"

static const char usage_text[] =
	"usage: finfacts series [-o OUT.csv] FACTS.csv...\n\n"
	"Merges fact tables (any number, any order; '-' reads standard input)\n"
	"into series by (entity, ticker, scope, measure, period), ordered by\n"
	"date, and adds the numbers the facts imply, each with the interval\n"
	"their written precision allows, and consistency checks.\n\n"
	"options:\n"
	"  -o FILE   write FILE (atomically) instead of standard output\n"
	"  -h, --help  this text\n\n"
	"Output columns: kind (fact, derived, check), entity, ticker, scope,\n"
	"measure, period, date, value, unit, qualifier, low, high, sources, docs,\n"
	"attribution, flag, derivation, verdict, note.\n\n"
	"Conventions:\n"
	"  - the same fact from several articles is one row (sources, docs);\n"
	"    different values for one key and day are all kept, flag=conflict;\n"
	"    a reported figure with a labelled period (revenue fiscal:FY2025Q1)\n"
	"    is one fact whatever day it was told; a fact with no date merges\n"
	"    only within its own article.\n"
	"  - bounds: the written precision (\"9.2\" is [9.15, 9.25]), read from\n"
	"    the evidence text, else from the shortest decimal of the value;\n"
	"    gt [v, inf], lt [v - max(0.5, v/10), v], approx half a unit or 5%\n"
	"    whichever is wider, max an extreme with its precision bounds;\n"
	"    qualifiers bound the magnitude.  Derived bounds: interval arithmetic.\n"
	"  - derived: implied_prev_close = level/(1+move/100), implied_close,\n"
	"    giveback_pp/_share, implied_prior_<figure> = level/(1+change/100),\n"
	"    <figure>_abs_change, share_sum, share_remainder, cr3, hhi (a lower\n"
	"    bound, 2023 US merger guidelines band), share_gap_*, trend_slope and\n"
	"    trend_slope_se (GSL least squares, per day, >= 3 dated points).\n"
	"  - checks (verdict consistent/inconsistent/undecided): ranks vs shares,\n"
	"    share sum over 100, intraday max vs close move, ytd vs price.\n\n"
	"Exit status: 0 success, 2 bad usage or input (file, line, field named).\n";

int cmd_series(int argc, char **argv)
{
	const char *out = NULL;
	int i = 1;
	for (; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(usage_text, stdout);
			return FF_EXIT_OK;
		} else if (!strcmp(argv[i], "-o") && i + 1 < argc) {
			out = argv[++i];
		} else if (!strcmp(argv[i], "--")) {
			i++;
			break;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "finfacts series: unknown option '%s'\n\n%s",
				argv[i], usage_text);
			return FF_EXIT_BAD;
		} else {
			break;
		}
	}
	if (i >= argc) {
		fprintf(stderr, "finfacts series: no fact table given\n\n%s", usage_text);
		return FF_EXIT_BAD;
	}
	struct ff_error err = {0};
	struct facts *t = facts_new();
	struct series *s = NULL;
	struct csvio_writer *w = NULL;
	int rc = FF_EXIT_BAD;
	if (!t) goto done;
	for (int k = i; k + 1 < argc; k++)   /* a later -o names the output too */
		if (!strcmp(argv[k], "-o")) out = argv[k + 1];
	if (csvio_output_check(out, (const char *const *)argv + i,
			       (size_t)(argc - i), &err))
		goto fail;
	for (; i < argc; i++) {
		size_t from = t->n;
		if (!strcmp(argv[i], "-o") && i + 1 < argc) {
			out = argv[++i];
			continue;
		}
		if (facts_load(t, argv[i], &err) || series_validate(t, from, argv[i], &err))
			goto fail;
	}
	if (!(s = series_build(t, &err)) || !(w = csvio_create(out, &err)))
		goto fail;
	series_write_header(w);
	series_write(w, s);
	if (csvio_commit(w, &err)) goto fail;
	rc = FF_EXIT_OK;
	goto done;
fail:
	csvio_abort(w);
	ff_error_print(stderr, &err);
done:
	series_free(s);
	facts_free(t);
	return rc;
}
