/* stats: return and risk metrics of a daily price series, on GSL.
 *
 * One call computes every metric of one series (and, given a benchmark,
 * its regression on the benchmark) into a struct stats_result.  The
 * conventions are DESIGN.md's "Conventions for the numbers"; the table
 * stats_metrics[] names each metric, says how to read it out of a result
 * and gives its formula and convention, so the CSV writer and
 * `finfacts stats --explain` cannot drift apart.  */
#ifndef STATS_H
#define STATS_H

#include <stddef.h>
#include <stdint.h>

#include "ff_error.h"
#include "prices.h"

#define STATS_YEAR 252              /* trading days in a year */
#define STATS_CONFIDENCE 0.95       /* default VaR/CVaR confidence */
#define STATS_WINDOW 21             /* default rolling window: a month */

struct stats_opts {
	double rf;            /* annual risk-free rate, e.g. 0.04 */
	double confidence;    /* VaR/CVaR confidence, in (0, 1) */
	size_t window;        /* rolling volatility window, in returns, >= 2 */
	int32_t from, to;     /* inclusive date range, DATE_NONE = open */
	int log_returns;      /* r = ln(P_t / P_(t-1)) instead of simple */
};

/* Defaults: rf 0, confidence 0.95, window 21, whole series, simple
 * returns. */
void stats_opts_init(struct stats_opts *o);

/* Numbers that cannot be computed (too few returns, no drawdown, no
 * prior-year close, a zero denominator) are NaN; dates that do not exist
 * (no recovery yet) are DATE_NONE.  */
struct stats_result {
	long rows, returns;
	int32_t first_date, last_date;
	double first_price, last_price;
	double total_return, cagr, volatility, sharpe, sortino;
	double max_drawdown;
	int32_t dd_peak, dd_trough, dd_recovery;
	double calmar;
	double var_hist, cvar_hist, var_gauss, cvar_gauss;
	double skewness, kurtosis;
	double best_day, worst_day;
	int32_t best_date, worst_date;
	double up_share, ytd, high_52w, low_52w, rolling_vol;
	/* With a benchmark. */
	long bench_returns;
	double beta, alpha, r2, correlation, tracking_error, info_ratio;
};

enum stats_kind { STATS_COUNT, STATS_NUM, STATS_DATE };

struct stats_metric {
	const char *name;         /* CSV column / --long metric name */
	enum stats_kind kind;     /* long, double or int32_t day number */
	size_t offset;            /* offsetof(struct stats_result, ...) */
	int bench;                /* 1: only with a benchmark */
	const char *formula;
	const char *convention;   /* the choice made, and where peers differ */
};

/* The metrics in output order, ending with a row whose name is NULL. */
extern const struct stats_metric stats_metrics[];

/* Computes the metrics of p (from prices_value(p): Adj Close when kept,
 * else Close) within o->from..o->to; bench may be NULL.  Fails when the
 * range holds fewer than 2 rows.  */
int stats_compute(const struct prices *p, const struct prices *bench,
		  const struct stats_opts *o, struct stats_result *res,
		  struct ff_error *err);

/* stats_compute in two halves that write different fields of res, so
 * that two threads can do one each: the metrics of p alone, and those
 * against bench (all NaN when bench is NULL).  Each fails as
 * stats_compute does on a range of fewer than 2 rows. */
int stats_compute_own(const struct prices *p, const struct stats_opts *o,
		      struct stats_result *res, struct ff_error *err);
int stats_compute_bench(const struct prices *p, const struct prices *bench,
			const struct stats_opts *o, struct stats_result *res,
			struct ff_error *err);

/* Reads a metric out of a result: a double (counts and dates converted),
 * NaN when missing.  */
double stats_metric_value(const struct stats_metric *m,
			  const struct stats_result *res);

#endif
