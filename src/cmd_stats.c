/* finfacts stats: return and risk metrics of daily price files. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "csvio.h"
#include "date.h"
#include "ff_error.h"
#include "prices.h"
#include "stats.h"

#define MAX_NAMES 256

static const char usage_text[] =
	"usage: finfacts stats [--benchmark B.csv] [--rf R] [--from D] [--to D]\n"
	"                      [--window N] [--confidence C] [--name NAME]...\n"
	"                      [--log] [--long] [--on-bad-row=error|skip] [-o OUT]\n"
	"                      PRICES.csv...\n"
	"       finfacts stats --explain\n"
	"\n"
	"Return and risk metrics of each daily price file (Date, Open, High, Low,\n"
	"Close, optional Adj Close and Volume; '-' reads standard input): one CSV\n"
	"row per series, named by its file name less .csv or by the --name given\n"
	"in the same position.\n"
	"\n"
	"  --benchmark B   also beta, alpha, R^2, correlation, tracking error and\n"
	"                  information ratio against B, over the dates both have\n"
	"  --rf R          annual risk-free rate (default 0; 0.04 = 4%)\n"
	"  --from D, --to D  only rows dated D or later / D or earlier\n"
	"  --window N      rolling volatility over the last N returns (default 21)\n"
	"  --confidence C  VaR and CVaR confidence (default 0.95)\n"
	"  --log           log returns ln(P_t/P_(t-1)) instead of simple ones\n"
	"                  (rf_d = ln(1+rf)/252, alpha = exp(252 a) - 1)\n"
	"  --long          write series,metric,value rows instead\n"
	"  --explain       print every metric with its formula and convention\n"
	"  --on-bad-row=M  error (default): a bad row stops with exit 2;\n"
	"                  skip: drop it (e.g. 'null' rows) and report on stderr\n"
	"  -o OUT          write OUT (atomically) instead of standard output\n"
	"\n"
	"Conventions: simple returns from Adj Close when present, else Close;\n"
	"252 trading days a year; sample sd (n-1); CAGR (last/first)^(252/n)-1\n"
	"with n returns; daily rf = (1+rf)^(1/252)-1; Sortino's downside over all\n"
	"days; max drawdown, VaR and CVaR are negative (PerformanceAnalytics\n"
	"reports them positive); historical VaR is numpy's linear quantile;\n"
	"skewness and excess kurtosis are pandas' bias-corrected estimators;\n"
	"alpha is annualised by compounding, (1+a)^252-1.  Empty cell: not\n"
	"computable (too few returns, no drawdown, no prior-year close).\n"
	"Exit status: 0 success, 2 bad usage or bad input (no output file).\n";

struct cmd {
	struct stats_opts so;
	struct prices_opts po;
	const char *bench_path, *out_path;
	const char *name[MAX_NAMES];
	size_t nnames;
	int longform, explain;
};

static int bad_usage(const char *fmt, const char *arg)
{
	fputs("finfacts stats: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\n(see finfacts stats --help)\n", stderr);
	return FF_EXIT_BAD;
}

static int parse_number(const char *s, double *out)
{
	return csvio_number(s, strlen(s), out) || *out != *out ? -1 : 0;
}

static int parse_date(const char *s, int32_t *out)
{
	return date_parse(s, strlen(s), out);
}

static int parse_option(struct cmd *c, int opt, const char *arg)
{
	double v;
	switch (opt) {
	case 'b': c->bench_path = arg; return 0;
	case 'r':
		if (parse_number(arg, &v) || v <= -1)
			return bad_usage("--rf: expected a rate above -1, found '%s'", arg);
		c->so.rf = v;
		return 0;
	case 'f':
		if (parse_date(arg, &c->so.from))
			return bad_usage("--from: expected YYYY-MM-DD, found '%s'", arg);
		return 0;
	case 't':
		if (parse_date(arg, &c->so.to))
			return bad_usage("--to: expected YYYY-MM-DD, found '%s'", arg);
		return 0;
	case 'w':
		if (parse_number(arg, &v) || v < 2 || v != floor(v) || v > 1e9)
			return bad_usage("--window: expected a whole number of "
					 "returns >= 2, found '%s'", arg);
		c->so.window = (size_t)v;
		return 0;
	case 'c':
		if (parse_number(arg, &v) || !(v > 0 && v < 1))
			return bad_usage("--confidence: expected a number between 0 "
					 "and 1 (e.g. 0.95), found '%s'", arg);
		c->so.confidence = v;
		return 0;
	case 'n':
		if (c->nnames == MAX_NAMES)
			return bad_usage("--name: at most 256 names%s", "");
		c->name[c->nnames++] = arg;
		return 0;
	case 'l': c->longform = 1; return 0;
	case 'L': c->so.log_returns = 1; return 0;
	case 'e': c->explain = 1; return 0;
	case 'B':
		if (!strcmp(arg, "skip")) c->po.on_bad_row = PRICES_BAD_SKIP;
		else if (!strcmp(arg, "error")) c->po.on_bad_row = PRICES_BAD_ERROR;
		else return bad_usage("--on-bad-row: expected error or skip, "
				      "found '%s'", arg);
		return 0;
	case 'o': c->out_path = arg; return 0;
	case 'h': fputs(usage_text, stdout); return -1;
	default: return bad_usage("bad option%s", "");
	}
}

/* 0: go on; -1: done (help printed); FF_EXIT_BAD: bad usage. */
static int parse_args(struct cmd *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"benchmark", required_argument, NULL, 'b'},
		{"rf", required_argument, NULL, 'r'},
		{"from", required_argument, NULL, 'f'},
		{"to", required_argument, NULL, 't'},
		{"window", required_argument, NULL, 'w'},
		{"confidence", required_argument, NULL, 'c'},
		{"name", required_argument, NULL, 'n'},
		{"long", no_argument, NULL, 'l'},
		{"log", no_argument, NULL, 'L'},
		{"explain", no_argument, NULL, 'e'},
		{"on-bad-row", required_argument, NULL, 'B'},
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int opt, st;
	opterr = 0;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		if (opt == '?' || opt == ':')
			return bad_usage("unknown option or missing value: '%s'",
					 argv[optind - 1]);
		if ((st = parse_option(c, opt, optarg))) return st;
	}
	if (c->explain) return 0;
	if (optind == argc) return bad_usage("no price file given%s", "");
	if ((size_t)(argc - optind) < c->nnames)
		return bad_usage("more --name options than price files%s", "");
	if (c->so.from != DATE_NONE && c->so.to != DATE_NONE &&
	    c->so.from > c->so.to)
		return bad_usage("--from is after --to%s", "");
	return 0;
}

static void explain(FILE *out)
{
	fputs("finfacts stats: the metrics, their formulas and conventions\n\n"
	      "P: price, Adj Close when the file has it, else Close.\n"
	      "r: simple daily return P_t / P_(t-1) - 1 between consecutive rows\n"
	      "   of the range; n: number of returns (rows - 1).  With --log,\n"
	      "   r = ln(P_t / P_(t-1)) wherever r appears below.\n"
	      "rf_d: daily risk-free rate (1 + rf)^(1/252) - 1 (with --log, the\n"
	      "   same rate as a log return, ln(1 + rf) / 252); e = r - rf_d.\n"
	      "A year is 252 trading days; sd is the sample sd (n-1).\n"
	      "r_b, e_b: the benchmark's, on the dates both series have.\n"
	      "Peers disagree silently on: n vs n-1 in sd, the rf basis, the\n"
	      "sign of drawdown and VaR (PerformanceAnalytics positive, empyrical\n"
	      "and quantstats negative, as here), CAGR's year (252 returns vs\n"
	      "365.25 calendar days), alpha arithmetic (252 a) vs compounded.\n\n",
	      out);
	for (const struct stats_metric *m = stats_metrics; m->name; m++) {
		fprintf(out, "%s%s\n  = %s\n", m->name,
			m->bench ? " (with --benchmark)" : "", m->formula);
		if (m->convention[0]) fprintf(out, "  %s\n", m->convention);
	}
}

static void write_header(struct csvio_writer *w, const struct cmd *c)
{
	csvio_field(w, "series");
	if (c->longform) {
		csvio_field(w, "metric");
		csvio_field(w, "value");
		csvio_endrow(w);
		return;
	}
	if (c->bench_path) csvio_field(w, "benchmark");
	for (const struct stats_metric *m = stats_metrics; m->name; m++)
		if (!m->bench || c->bench_path) csvio_field(w, m->name);
	csvio_endrow(w);
}

static void write_value(struct csvio_writer *w, const struct stats_metric *m,
			const struct stats_result *res)
{
	double v = stats_metric_value(m, res);
	if (m->kind == STATS_DATE && v == v) csvio_date(w, (int32_t)v);
	else if (m->kind == STATS_COUNT) csvio_int(w, (long long)v);
	else csvio_num(w, v);
}

static void write_result(struct csvio_writer *w, const struct cmd *c,
			 const char *series, const char *bench,
			 const struct stats_result *res)
{
	if (!c->longform) {
		csvio_field(w, series);
		if (bench) csvio_field(w, bench);
	}
	for (const struct stats_metric *m = stats_metrics; m->name; m++) {
		if (m->bench && !bench) continue;
		if (c->longform) {
			csvio_field(w, series);
			csvio_field(w, m->name);
		}
		write_value(w, m, res);
		if (c->longform) csvio_endrow(w);
	}
	if (!c->longform) csvio_endrow(w);
}

static void report_skips(const struct prices *p)
{
	if (!p->skipped) return;
	fprintf(stderr, "finfacts stats: %s: skipped %zu bad row%s (line",
		p->path, p->skipped, p->skipped == 1 ? "" : "s");
	size_t k = p->skipped < PRICES_SKIP_LINES ? p->skipped : PRICES_SKIP_LINES;
	for (size_t i = 0; i < k; i++)
		fprintf(stderr, "%s %ld", i ? "," : (k > 1 ? "s" : ""),
			p->skipped_line[i]);
	fputs(p->skipped > k ? ", ...)\n" : ")\n", stderr);
}

/* The benchmark (first, when given) and every series, read at once on
 * threads of their own (prices_load_many): reading is most of what a
 * large file costs, and the files are independent. */
static int load_all(const struct cmd *c, int nfiles, char **files,
		    struct prices **ps, struct ff_error *err)
{
	size_t n = 0;
	const char **paths = malloc(((size_t)nfiles + 1) * sizeof *paths);
	if (!paths) return ff_error_set(err, NULL, 0, NULL, "out of memory");
	if (c->bench_path) paths[n++] = c->bench_path;
	for (int i = 0; i < nfiles; i++) paths[n++] = files[i];
	int st = prices_load_many(paths, n, &c->po, ps, err);
	free(paths);
	for (size_t i = 0; !st && i < n; i++) report_skips(ps[i]);
	return st;
}

/* Every series is computed before anything is written, so a bad file
 * leaves no partial table, not even on standard output. */
struct row {
	char *series;
	struct stats_result res;
};

/* Computes each series of ps[] and frees it as soon as it is done. */
static int compute_all(const struct cmd *c, const struct prices *bench,
		       int nfiles, struct prices **ps, struct row *rows,
		       struct ff_error *err)
{
	for (int i = 0; i < nfiles; i++) {
		struct prices *p = ps[i];
		int bad = stats_compute(p, bench, &c->so, &rows[i].res, err);
		const char *name = (size_t)i < c->nnames ? c->name[i] : p->name;
		if (!bad && !(rows[i].series = strdup(name)))
			bad = ff_error_set(err, p->path, 0, NULL, "out of memory");
		prices_free(p);
		ps[i] = NULL;
		if (bad) return -1;
	}
	return 0;
}

static int run(const struct cmd *c, int nfiles, char **files,
	       struct ff_error *err)
{
	size_t nb = c->bench_path ? 1 : 0, n = (size_t)nfiles + nb;
	struct prices **ps = calloc(n ? n : 1, sizeof *ps);
	struct prices *bench = NULL;
	struct csvio_writer *w = NULL;
	struct row *rows = calloc(nfiles, sizeof *rows);
	int st = -1;
	if (!rows || !ps) {
		ff_error_set(err, NULL, 0, NULL, "out of memory");
		goto done;
	}
	/* Before reading: an input named as the output, or an unwritable
	 * folder, fails now and costs nothing. */
	if (csvio_output_check(c->out_path, (const char *const *)files,
			       (size_t)nfiles, err) ||
	    csvio_output_check(c->out_path, &c->bench_path, 1, err) ||
	    load_all(c, nfiles, files, ps, err))
		goto done;
	if (nb) bench = ps[0];
	if (compute_all(c, bench, nfiles, ps + nb, rows, err)) goto done;
	if (!(w = csvio_create(c->out_path, err))) goto done;
	write_header(w, c);
	for (int i = 0; i < nfiles; i++)
		write_result(w, c, rows[i].series, bench ? bench->name : NULL,
			     &rows[i].res);
	st = csvio_commit(w, err);
	w = NULL;
done:
	csvio_abort(w);
	for (size_t i = 0; ps && i < n; i++) prices_free(ps[i]);
	free(ps);
	for (int i = 0; rows && i < nfiles; i++) free(rows[i].series);
	free(rows);
	return st;
}

int cmd_stats(int argc, char **argv)
{
	struct cmd c = {.po = {.want = PRICES_CLOSE | PRICES_ADJ}};
	stats_opts_init(&c.so);
	int st = parse_args(&c, argc, argv);
	if (st) return st < 0 ? FF_EXIT_OK : st;
	if (c.explain) {
		explain(stdout);
		return FF_EXIT_OK;
	}
	struct ff_error err = {0};
	if (run(&c, argc - optind, argv + optind, &err)) {
		ff_error_print(stderr, &err);
		return FF_EXIT_BAD;
	}
	return FF_EXIT_OK;
}
