/* finfacts stats: return and risk metrics of daily price files. */
#include <getopt.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "csvio.h"
#include "date.h"
#include "ff_error.h"
#include "par.h"
#include "prices.h"
#include "stats.h"

#define MAX_NAMES 256

static const char usage_text[] =
	"usage: finfacts stats [--benchmark B.csv] [--rf R] [--from D] [--to D]\n"
	"                      [--window N] [--confidence C] [--name NAME]...\n"
	"                      [--log] [--long] [--on-bad-row=error|skip] [-j N]\n"
"                      [-o OUT]\n"
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
	"  -j, --jobs N    threads (default: the cores this process may use); each\n"
"                  file is read and computed by one thread (a file over 8 MB\n"
"                  is cut into up to N pieces read at once), so memory holds\n"
"                  one series a thread; rows, messages and exit status are\n"
"                  those of -j 1, in file order\n"
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
	int longform, explain, threads;
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
	case 'j':
		if (parse_number(arg, &v) || v < 1 || v > 256 || v != floor(v))
			return bad_usage("-j: expected a number of threads from 1 "
					 "to 256, found '%s'", arg);
		c->threads = (int)v;
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
		{"jobs", required_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int opt, st;
	opterr = 0;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "o:j:h", longopts, NULL)) != -1) {
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

/* One price file's outcome, kept until every file is done, so rows and
 * messages come in file order whatever order the threads finish in. */
struct row {
	char *series;
	struct stats_result res;
	int load_st, compute_st;     /* -1 failed (err says why), 0 fine */
	struct ff_error err;
	size_t skipped;
	long skipped_line[PRICES_SKIP_LINES];
};

static void report_skips(const char *path, const struct row *r)
{
	if (!r->skipped) return;
	fprintf(stderr, "finfacts stats: %s: skipped %zu bad row%s (line",
		path, r->skipped, r->skipped == 1 ? "" : "s");
	size_t k = r->skipped < PRICES_SKIP_LINES ? r->skipped : PRICES_SKIP_LINES;
	for (size_t i = 0; i < k; i++)
		fprintf(stderr, "%s %ld", i ? "," : (k > 1 ? "s" : ""),
			r->skipped_line[i]);
	fputs(r->skipped > k ? ", ...)\n" : ")\n", stderr);
}

/* The files on threads: item 0 is the benchmark when there is one, and
 * every series is read, computed and freed by one thread, so memory
 * holds one series a thread (plus the benchmark) however many files. */
struct work {
	const struct cmd *c;
	char **paths;                /* benchmark first, when given */
	struct row *rows;            /* one per path */
	size_t nb;
	struct prices *bench;
	pthread_mutex_t mu;
	pthread_cond_t ready;
	int bench_state;             /* 0 loading, 1 loaded, -1 failed */
};

static int wait_bench(struct work *wk)
{
	pthread_mutex_lock(&wk->mu);
	while (!wk->bench_state) pthread_cond_wait(&wk->ready, &wk->mu);
	int st = wk->bench_state;
	pthread_mutex_unlock(&wk->mu);
	return st;
}

static void load_bench(struct work *wk, struct row *r)
{
	r->load_st = prices_load(wk->paths[0], &wk->c->po, &wk->bench, &r->err);
	if (!r->load_st) {
		r->skipped = wk->bench->skipped;
		memcpy(r->skipped_line, wk->bench->skipped_line, sizeof r->skipped_line);
	}
	pthread_mutex_lock(&wk->mu);
	wk->bench_state = r->load_st ? -1 : 1;
	pthread_cond_broadcast(&wk->ready);
	pthread_mutex_unlock(&wk->mu);
}

/* One series computed in two halves, on two threads when -j allows: its
 * own metrics, and those against the benchmark, which may still be
 * loading; they write different fields of the result. */
struct halves {
	struct work *wk;
	const struct prices *p;
	struct row *r;
	int bench_st;
	struct ff_error bench_err;
};

static void do_half(void *ctx, size_t i, int worker)
{
	(void)worker;
	struct halves *h = ctx;
	const struct stats_opts *so = &h->wk->c->so;
	if (i == 0)
		h->r->compute_st = stats_compute_own(h->p, so, &h->r->res, &h->r->err);
	else if (!h->wk->nb || wait_bench(h->wk) > 0)
		h->bench_st = stats_compute_bench(h->p, h->wk->bench, so, &h->r->res,
						  &h->bench_err);
}

static void compute(struct work *wk, const struct prices *p, struct row *r)
{
	struct halves h = {.wk = wk, .p = p, .r = r};
	par_for(2, wk->nb && wk->c->threads > 1 ? 2 : 1, do_half, &h);
	if (!r->compute_st && h.bench_st) {
		r->compute_st = -1;
		r->err = h.bench_err;
	}
}

static void do_file(void *ctx, size_t i, int worker)
{
	(void)worker;
	struct work *wk = ctx;
	struct row *r = &wk->rows[i];
	if (i < wk->nb) {
		load_bench(wk, r);
		return;
	}
	struct prices *p = NULL;
	if ((r->load_st = prices_load(wk->paths[i], &wk->c->po, &p, &r->err)))
		return;
	r->skipped = p->skipped;
	memcpy(r->skipped_line, p->skipped_line, sizeof r->skipped_line);
	size_t k = i - wk->nb;
	compute(wk, p, r);
	const char *name = k < wk->c->nnames ? wk->c->name[k] : p->name;
	if (!r->compute_st && !(r->series = strdup(name)))
		r->compute_st = ff_error_set(&r->err, p->path, 0, NULL, "out of memory");
	prices_free(p);
}

/* As one thread would say it: the first file (in order) that could not
 * be read; else every file's skipped rows, then the first series that
 * could not be computed. */
static int collect(const struct work *wk, size_t n, struct ff_error *err)
{
	for (size_t i = 0; i < n; i++)
		if (wk->rows[i].load_st) {
			*err = wk->rows[i].err;
			return -1;
		}
	for (size_t i = 0; i < n; i++) report_skips(wk->paths[i], &wk->rows[i]);
	for (size_t i = 0; i < n; i++)
		if (wk->rows[i].compute_st) {
			*err = wk->rows[i].err;
			return -1;
		}
	return 0;
}

static int write_all(const struct work *wk, size_t n, struct ff_error *err)
{
	struct csvio_writer *w = csvio_create(wk->c->out_path, err);
	if (!w) return -1;
	write_header(w, wk->c);
	for (size_t i = wk->nb; i < n; i++)
		write_result(w, wk->c, wk->rows[i].series,
			     wk->bench ? wk->bench->name : NULL, &wk->rows[i].res);
	return csvio_commit(w, err);
}

/* Every series is computed before anything is written, so a bad file
 * leaves no partial table, not even on standard output. */
static int run(const struct cmd *c, int nfiles, char **files,
	       struct ff_error *err)
{
	size_t nb = c->bench_path ? 1 : 0, n = (size_t)nfiles + nb;
	struct work wk = {.c = c, .nb = nb};
	wk.paths = malloc(n * sizeof *wk.paths);
	wk.rows = calloc(n, sizeof *wk.rows);
	int st = -1;
	if (!wk.paths || !wk.rows) {
		ff_error_set(err, NULL, 0, NULL, "out of memory");
		goto done;
	}
	/* Before reading: an input named as the output, or an unwritable
	 * folder, fails now and costs nothing. */
	if (csvio_output_check(c->out_path, (const char *const *)files,
			       (size_t)nfiles, err) ||
	    csvio_output_check(c->out_path, &c->bench_path, nb, err))
		goto done;
	if (nb) wk.paths[0] = (char *)c->bench_path;
	for (int i = 0; i < nfiles; i++) wk.paths[nb + (size_t)i] = files[i];
	pthread_mutex_init(&wk.mu, NULL);
	pthread_cond_init(&wk.ready, NULL);
	par_for(n, c->threads, do_file, &wk);
	pthread_cond_destroy(&wk.ready);
	pthread_mutex_destroy(&wk.mu);
	st = collect(&wk, n, err) || write_all(&wk, n, err) ? -1 : 0;
done:
	prices_free(wk.bench);
	for (size_t i = 0; wk.rows && i < n; i++) free(wk.rows[i].series);
	free(wk.rows);
	free(wk.paths);
	return st;
}

int cmd_stats(int argc, char **argv)
{
	struct cmd c = {.po = {.want = PRICES_VALUE},
			.threads = par_cores()};
	stats_opts_init(&c.so);
	int st = parse_args(&c, argc, argv);
	if (st) return st < 0 ? FF_EXIT_OK : st;
	c.po.threads = c.threads;
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
