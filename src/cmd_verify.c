/* finfacts verify: price claims of a fact table against daily prices. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "facts.h"
#include "ff_error.h"
#include "verify.h"

static const char verify_usage[] =
"usage: finfacts verify FACTS.csv --prices DIR [-o OUT.csv]\n"
"\n"
"Checks every price fact (measure price_change or price) of a fact table\n"
"against DIR/TICKER.csv, the listing's daily prices, and writes one verdict\n"
"row per price fact: consistent, inconsistent (with the gap) or\n"
"unverifiable (with the reason).  FACTS.csv may be - (standard input).\n"
"\n"
"options:\n"
"  --prices DIR   folder of TICKER.csv price files (required)\n"
"  -o FILE        write here (atomically) instead of standard output\n"
"  -h, --help     this text\n"
"\n"
"What is computed, from raw Open/High/Low/Close (never Adj Close):\n"
"  price_change, in percent of the base close:\n"
"    close          close vs previous session's close\n"
"    open           open vs previous close\n"
"    day            as close, and the reason says so; with max, as intraday\n"
"    intraday       max/gt/lt: the day's high (low for a fall) vs previous\n"
"                   close; eq/approx: anywhere in the day's low..high range\n"
"    ytd            close vs the last close of the previous year\n"
"    since:YYYY-MM[-DD]  close vs the last close before that day\n"
"    days:N         close vs the close N sessions before\n"
"    year:YYYY      the year's last close (or the fact's day's, inside the\n"
"                   year) vs the last close of the year before\n"
"    (ytd, since:, days:, year: with max: the period's highest high /\n"
"    lowest low)\n"
"  price: intraday_high = high, intraday_low = low, close, open;\n"
"    level = anywhere in the day's low..high range.\n"
"\n"
"Judging: the stated value bounds the truth by its written precision\n"
"(half a unit of its last digit as written in the evidence, else of its\n"
"shortest decimal form: \"9.2\" -> [9.15, 9.25], both ends in), widened by\n"
"the qualifier, on the magnitude: eq, max: that interval; approx: +- the\n"
"wider of half a unit and 5%; gt: the value and above; lt: within\n"
"[v - max(0.5, 10% of v), v].  gap = computed - the nearest stated bound,\n"
"in the fact's unit (percentage points for pct).\n"
"\n"
"Unverifiable: no ticker or date, no price file for the ticker, the day\n"
"not in the file (the next calendar day is tried, for an article dated a\n"
"time zone behind the market, and the reason says so), not enough history,\n"
"a zero-volume flat placeholder row (O=H=L=C, volume 0) as the day or the\n"
"base (treated as missing data), a period daily bars cannot check (week,\n"
"month, premarket, afterhours, ...).\n"
"\n"
"Output columns: doc,entity,ticker,date,measure,period,value,unit,qualifier,\n"
"stated_low,stated_high,computed,day_used,prev_day,verdict,gap,reason,\n"
"evidence (prev_day is the base session: previous close, last close of last\n"
"year, ...; an open-ended bound is empty).\n"
"\n"
"Exit status: 0 no claim inconsistent, 1 some claim inconsistent, 2 bad\n"
"usage or bad input (an unreadable fact table, a price file that exists\n"
"but does not load, an unknown qualifier).\n";

struct verify_args {
	const char *facts, *dir, *out;
};

static int parse_args(int argc, char **argv, struct verify_args *a)
{
	for (int k = 1; k < argc; k++) {
		const char *s = argv[k];
		if (!strcmp(s, "-h") || !strcmp(s, "--help")) {
			fputs(verify_usage, stdout);
			return 1;
		} else if ((!strcmp(s, "--prices") || !strcmp(s, "-o")) &&
			   k + 1 < argc) {
			*(s[1] == 'o' ? &a->out : &a->dir) = argv[++k];
		} else if (!strncmp(s, "--prices=", 9)) {
			a->dir = s + 9;
		} else if (s[0] == '-' && s[1]) {
			fprintf(stderr, "finfacts verify: unknown option or missing "
				"value: '%s'\n", s);
			return -1;
		} else if (a->facts) {
			fprintf(stderr, "finfacts verify: one fact table expected, "
				"got '%s' and '%s'\n", a->facts, s);
			return -1;
		} else {
			a->facts = s;
		}
	}
	if (!a->facts || !a->dir) {
		fprintf(stderr, "finfacts verify: %s\n\n%s", !a->facts ?
			"missing FACTS.csv" : "missing --prices DIR", verify_usage);
		return -1;
	}
	return 0;
}

/* Verifies every price fact of t into w; sets *inconsistent. */
static int verify_all(const struct facts *t, struct verify_dir *d,
		      struct csvio_writer *w, int *inconsistent,
		      struct ff_error *err)
{
	verify_write_header(w);
	for (size_t k = 0; k < t->n; k++) {
		struct verify_result r;
		if (!verify_is_price_fact(&t->v[k])) continue;
		if (verify_fact(d, &t->v[k], &r, err)) return -1;
		*inconsistent |= r.verdict == VERIFY_INCONSISTENT;
		verify_write(w, &t->v[k], &r);
	}
	return 0;
}

int cmd_verify(int argc, char **argv)
{
	struct verify_args a = {0};
	int st = parse_args(argc, argv, &a);
	if (st) return st > 0 ? FF_EXIT_OK : FF_EXIT_BAD;
	struct ff_error err = {0};
	struct stat sb;
	if (stat(a.dir, &sb) || !S_ISDIR(sb.st_mode)) {
		fprintf(stderr, "finfacts verify: --prices '%s' is not a folder\n",
			a.dir);
		return FF_EXIT_BAD;
	}
	struct facts *t = facts_new();
	struct verify_dir *d = verify_dir_new(a.dir);
	struct csvio_writer *w = NULL;
	int inconsistent = 0, rc = FF_EXIT_BAD;
	if (!t || !d) {
		ff_error_set(&err, NULL, 0, NULL, "out of memory");
		goto done;
	}
	if (csvio_output_check(a.out, &a.facts, 1, &err) ||
	    facts_load(t, a.facts, &err) || !(w = csvio_create(a.out, &err)))
		goto done;
	if (verify_all(t, d, w, &inconsistent, &err)) {
		if (!err.file[0] && err.line)   /* a fact's own field */
			snprintf(err.file, sizeof err.file, "%s", a.facts);
		goto done;
	}
	if (csvio_commit(w, &err) == 0)
		rc = inconsistent ? FF_EXIT_DIFF : FF_EXIT_OK;
	w = NULL;
done:
	if (rc == FF_EXIT_BAD) ff_error_print(stderr, &err);
	csvio_abort(w);
	verify_dir_free(d);
	facts_free(t);
	return rc;
}
