#include "stats.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "bigmem.h"
#include "date.h"

#define NUM(f) STATS_NUM, offsetof(struct stats_result, f)
#define DAY(f) STATS_DATE, offsetof(struct stats_result, f)
#define CNT(f) STATS_COUNT, offsetof(struct stats_result, f)

/* P = price (Adj Close, else Close), r = simple daily return (log with
 * --log), n = number of returns, rf_d = (1+rf)^(1/252) - 1, e = r - rf_d. */
const struct stats_metric stats_metrics[] = {
	{"rows", CNT(rows), 0, "price rows in the range", ""},
	{"first_date", DAY(first_date), 0, "date of the first row", ""},
	{"last_date", DAY(last_date), 0, "date of the last row", ""},
	{"first_price", NUM(first_price), 0, "P_first",
	 "Adj Close when the file has it, else Close (so are all returns)"},
	{"last_price", NUM(last_price), 0, "P_last", ""},
	{"total_return", NUM(total_return), 0, "P_last / P_first - 1", ""},
	{"cagr", NUM(cagr), 0, "(P_last / P_first)^(252 / n) - 1",
	 "252 trading days a year over the number of returns; some peers "
	 "use calendar days / 365.25"},
	{"volatility", NUM(volatility), 0, "sd(r) * sqrt(252)",
	 "sample sd (n-1); some peers use n"},
	{"sharpe", NUM(sharpe), 0, "mean(e) / sd(e) * sqrt(252)",
	 "rf compounded to a daily rate, sd with n-1; some peers divide rf "
	 "by 252 or ignore it"},
	{"sortino", NUM(sortino), 0,
	 "mean(e) / sqrt(mean(min(e, 0)^2)) * sqrt(252)",
	 "downside deviation averaged over ALL days (as empyrical); some "
	 "peers average over the down days only"},
	{"max_drawdown", NUM(max_drawdown), 0,
	 "min_t P_t / max_{s<=t} P_s - 1",
	 "negative (as empyrical, quantstats); PerformanceAnalytics reports "
	 "it positive"},
	{"dd_peak", DAY(dd_peak), 0,
	 "first day of the highest price before the trough", "empty when "
	 "there is no drawdown"},
	{"dd_trough", DAY(dd_trough), 0,
	 "first day the max drawdown is reached", ""},
	{"dd_recovery", DAY(dd_recovery), 0,
	 "first day after the trough with P >= P_peak",
	 "empty when not recovered by the last row"},
	{"calmar", NUM(calmar), 0, "cagr / |max_drawdown|",
	 "over the whole range (not the last 36 months as some peers)"},
	{"var_hist", NUM(var_hist), 0,
	 "quantile(r, 1 - confidence), linear interpolation",
	 "numpy's default quantile: h = (n-1)(1-c), r_(floor h) + "
	 "frac(h) (r_(floor h + 1) - r_(floor h)); negative (a loss), "
	 "PerformanceAnalytics reports it positive"},
	{"cvar_hist", NUM(cvar_hist), 0, "mean(r | r <= var_hist)",
	 "negative, as var_hist"},
	{"var_gauss", NUM(var_gauss), 0,
	 "mean(r) + sd(r) * z, z = Phi^-1(1 - confidence)",
	 "daily, sd with n-1, negative"},
	{"cvar_gauss", NUM(cvar_gauss), 0,
	 "mean(r) - sd(r) * phi(z) / (1 - confidence)",
	 "expected return below var_gauss under the normal fit, negative"},
	{"skewness", NUM(skewness), 0,
	 "sqrt(n(n-1)) / (n-2) * m3 / m2^1.5, m_k = mean((r - mean r)^k)",
	 "bias-corrected G1 as pandas .skew(); scipy's default is the "
	 "biased g1"},
	{"kurtosis", NUM(kurtosis), 0,
	 "(n-1) / ((n-2)(n-3)) * ((n+1) (m4 / m2^2 - 3) + 6)",
	 "EXCESS kurtosis, bias-corrected G2 as pandas .kurt(); normal = 0"},
	{"best_day", NUM(best_day), 0, "max r", ""},
	{"best_date", DAY(best_date), 0, "date of max r (first if tied)",
	 "the day the return ends"},
	{"worst_day", NUM(worst_day), 0, "min r", ""},
	{"worst_date", DAY(worst_date), 0, "date of min r (first if tied)",
	 ""},
	{"up_share", NUM(up_share), 0, "count(r > 0) / n",
	 "a zero return is not an up day"},
	{"ytd", NUM(ytd), 0, "P_last / P_base - 1",
	 "P_base = last price dated before 1 January of the last row's year; "
	 "empty when the range starts in that year"},
	{"high_52w", NUM(high_52w), 0, "max P over the last 252 rows",
	 "of the return price (Adj Close else Close), not intraday High; "
	 "252 rows, fewer if the range is shorter"},
	{"low_52w", NUM(low_52w), 0, "min P over the last 252 rows",
	 "as high_52w"},
	{"rolling_vol", NUM(rolling_vol), 0,
	 "sd(last window returns) * sqrt(252)",
	 "--window returns (default 21, a trading month), sd with n-1; "
	 "empty when there are fewer returns"},
	{"bench_returns", CNT(bench_returns), 1,
	 "returns between consecutive dates both series have",
	 "prices are aligned on common dates first, so both returns of a "
	 "pair span the same days"},
	{"beta", NUM(beta), 1, "OLS slope of e on e_b",
	 "e_b = benchmark return - rf_d, on the common dates"},
	{"alpha", NUM(alpha), 1, "(1 + a)^252 - 1, a = OLS intercept",
	 "annualised by compounding (with --log: exp(252 a) - 1); some "
	 "peers use 252 * a"},
	{"r2", NUM(r2), 1, "corr(e, e_b)^2", "R^2 of the OLS fit"},
	{"correlation", NUM(correlation), 1, "Pearson corr(r, r_b)", ""},
	{"tracking_error", NUM(tracking_error), 1,
	 "sd(r - r_b) * sqrt(252)", "sd with n-1"},
	{"info_ratio", NUM(info_ratio), 1,
	 "mean(r - r_b) * 252 / tracking_error",
	 "arithmetic annualised active return over tracking error"},
	{NULL, 0, 0, 0, NULL, NULL},
};

void stats_opts_init(struct stats_opts *o)
{
	o->rf = 0;
	o->confidence = STATS_CONFIDENCE;
	o->window = STATS_WINDOW;
	o->from = DATE_NONE;
	o->to = DATE_NONE;
	o->log_returns = 0;
}

/* The return from price a to price b. */
static double ret(double a, double b, int log_returns)
{
	return log_returns ? log(b / a) : b / a - 1;
}

double stats_metric_value(const struct stats_metric *m,
			  const struct stats_result *res)
{
	const char *base = (const char *)res + m->offset;
	if (m->kind == STATS_COUNT) return (double)*(const long *)base;
	if (m->kind == STATS_DATE) {
		int32_t d = *(const int32_t *)base;
		return d == DATE_NONE ? NAN : (double)d;
	}
	return *(const double *)base;
}

/* A view of the rows in range. */
struct span {
	const double *v;
	const int32_t *date;
	size_t n;
};

static void drawdown(const struct span *s, struct stats_result *res)
{
	size_t peak = 0, dd_peak = 0, trough = 0;
	double mdd = 0;
	for (size_t i = 1; i < s->n; i++) {
		if (s->v[i] > s->v[peak]) peak = i;
		double dd = s->v[i] / s->v[peak] - 1;
		if (dd < mdd) {
			mdd = dd;
			trough = i;
			dd_peak = peak;
		}
	}
	res->max_drawdown = mdd;
	res->dd_peak = res->dd_trough = res->dd_recovery = DATE_NONE;
	res->calmar = NAN;
	if (mdd == 0) return;
	res->dd_peak = s->date[dd_peak];
	res->dd_trough = s->date[trough];
	for (size_t i = trough + 1; i < s->n; i++)
		if (s->v[i] >= s->v[dd_peak]) {
			res->dd_recovery = s->date[i];
			break;
		}
	res->calmar = res->cagr / fabs(mdd);
}

static void levels(const struct prices *p, const struct span *s,
		   size_t lo, struct stats_result *res)
{
	size_t last = s->n - 1;
	res->rows = (long)s->n;
	res->returns = (long)last;
	res->first_date = s->date[0];
	res->last_date = s->date[last];
	res->first_price = s->v[0];
	res->last_price = s->v[last];
	res->total_return = s->v[last] / s->v[0] - 1;
	res->cagr = pow(s->v[last] / s->v[0], (double)STATS_YEAR / last) - 1;

	int y, m, d;
	date_to_civil(s->date[last], &y, &m, &d);
	size_t base = prices_lower_bound(p, date_from_civil(y, 1, 1));
	res->ytd = base > lo ? s->v[last] / s->v[base - 1 - lo] - 1 : NAN;

	size_t k = s->n < STATS_YEAR ? s->n : STATS_YEAR;
	gsl_stats_minmax(&res->low_52w, &res->high_52w, s->v + s->n - k, 1, k);
}

/* The returns, in date order: r[i] ends on day[i]. */
struct rets {
	double *r;
	const int32_t *day;
	size_t n;
	double mean, sd;   /* sd: the sample sd (n - 1) */
	double psd;        /* the population sd (n) */
};

/* e = r - rf_d differs from r by a constant, so its sd is sd(r), but the
 * Sortino downside needs e itself.  */
static void moments(const struct rets *R, double rf_d,
		    const struct stats_opts *o, struct stats_result *res)
{
	const double *r = R->r;
	size_t n = R->n;
	double mean = R->mean, sd = R->sd, down = 0;
	size_t up = 0;
	for (size_t i = 0; i < n; i++) {
		double e = r[i] - rf_d;
		if (e < 0) down += e * e;
		up += r[i] > 0;
	}
	down = sqrt(down / n);
	res->volatility = sd * sqrt(STATS_YEAR);
	res->sharpe = sd > 0 ? (mean - rf_d) / sd * sqrt(STATS_YEAR) : NAN;
	res->sortino = down > 0 ? (mean - rf_d) / down * sqrt(STATS_YEAR) : NAN;
	res->up_share = (double)up / n;

	/* GSL's skew and kurtosis divide by the sd it is given: with the
	 * population sd they are the biased g1, g2, which pandas corrects. */
	double dn = n, psd = R->psd;
	res->skewness = res->kurtosis = NAN;
	if (n > 2 && psd > 0)
		res->skewness = gsl_stats_skew_m_sd(r, 1, n, mean, psd) *
				sqrt(dn * (dn - 1)) / (dn - 2);
	if (n > 3 && psd > 0)
		res->kurtosis = (dn - 1) / ((dn - 2) * (dn - 3)) *
			((dn + 1) * gsl_stats_kurtosis_m_sd(r, 1, n, mean, psd) + 6);

	size_t imax = gsl_stats_max_index(r, 1, n);
	size_t imin = gsl_stats_min_index(r, 1, n);
	res->best_day = r[imax];
	res->worst_day = r[imin];
	res->best_date = R->day[imax];
	res->worst_date = R->day[imin];

	res->rolling_vol = NAN;
	if (n >= o->window && o->window > 1)
		res->rolling_vol = gsl_stats_sd(r + n - o->window, 1, o->window) *
				   sqrt(STATS_YEAR);
}

/* Reorders the returns in place (a selection, O(n), not a sort): call
 * it last. */
static void tails(struct rets *R, double c, struct stats_result *res)
{
	double *r = R->r;
	size_t n = R->n;
	double z = gsl_cdf_ugaussian_Pinv(1 - c);
	res->var_gauss = R->mean + R->sd * z;
	res->cvar_gauss = R->mean - R->sd * gsl_ran_ugaussian_pdf(z) / (1 - c);

	/* gsl_stats_quantile_from_sorted_data's interpolation, on the two
	 * order statistics a selection finds: a full sort of a million
	 * returns took a sixth of the whole command. */
	double h = (double)(n - 1) * (1 - c);
	size_t lo = (size_t)h;
	double a = gsl_stats_select(r, 1, n, lo), q = a;
	if (lo + 1 < n) {
		double b = gsl_stats_min(r + lo + 1, 1, n - lo - 1);
		q = (1 - (h - (double)lo)) * a + (h - (double)lo) * b;
	}
	size_t k = 0;   /* the tail at or below q to the front, for its mean */
	for (size_t i = 0; i < n; i++)
		if (r[i] <= q) {
			double t = r[i];
			r[i] = r[k];
			r[k++] = t;
		}
	res->var_hist = q;
	res->cvar_hist = gsl_stats_mean(r, 1, k);
}

static void bench_nan(struct stats_result *res)
{
	res->bench_returns = 0;
	res->beta = res->alpha = res->r2 = res->correlation = NAN;
	res->tracking_error = res->info_ratio = NAN;
}

/* Excess returns of p (y) and b (x) between consecutive common dates in
 * the span; returns how many. */
static size_t bench_returns(const struct span *s, const struct prices *b,
			    double rf_d, int lg, double *x, double *y)
{
	const double *bv = prices_value(b);
	size_t i = 0, j = prices_lower_bound(b, s->date[0]), k = 0;
	double pp = 0, pb = 0;
	int have = 0;
	while (i < s->n && j < b->n) {
		if (s->date[i] < b->date[j]) i++;
		else if (s->date[i] > b->date[j]) j++;
		else {
			if (have) {
				y[k] = ret(pp, s->v[i], lg) - rf_d;
				x[k++] = ret(pb, bv[j], lg) - rf_d;
			}
			pp = s->v[i++];
			pb = bv[j++];
			have = 1;
		}
	}
	return k;
}

static int against(const struct span *s, const struct prices *b,
		   double rf_d, int lg, struct stats_result *res,
		   struct ff_error *err)
{
	size_t cap = s->n < b->n ? s->n : b->n;
	double *x = bigmem_alloc(cap * sizeof *x), *y = bigmem_alloc(cap * sizeof *y);
	if (!x || !y) {
		free(x);
		free(y);
		return ff_error_set(err, b->path, 0, NULL, "out of memory");
	}
	size_t n = bench_returns(s, b, rf_d, lg, x, y);
	res->bench_returns = (long)n;
	if (n >= 3) {
		double a, beta, c00, c01, c11, ss;
		gsl_fit_linear(x, 1, y, 1, n, &a, &beta, &c00, &c01, &c11, &ss);
		res->beta = beta;
		/* Compounded: a daily log return adds up, a simple one
		 * multiplies. */
		res->alpha = lg ? expm1(STATS_YEAR * a) :
			pow(1 + a, STATS_YEAR) - 1;
		res->correlation = gsl_stats_correlation(x, 1, y, 1, n);
		res->r2 = res->correlation * res->correlation;
		/* The active return r - r_b: rf_d cancels. */
		for (size_t k = 0; k < n; k++) y[k] -= x[k];
		double mean = gsl_stats_mean(y, 1, n);
		res->tracking_error = gsl_stats_sd_m(y, 1, n, mean) *
				      sqrt(STATS_YEAR);
		res->info_ratio = res->tracking_error > 0 ?
			mean * STATS_YEAR / res->tracking_error : NAN;
	}
	free(x);
	free(y);
	return 0;
}

/* The rows of p in o's date range; -1 (err filled) when fewer than 2. */
static int range(const struct prices *p, const struct stats_opts *o,
		 struct span *s, struct ff_error *err)
{
	size_t lo = o->from == DATE_NONE ? 0 : prices_lower_bound(p, o->from);
	size_t hi = o->to == DATE_NONE ? p->n : prices_lower_bound(p, o->to + 1);
	if (hi < lo + 2)
		return ff_error_set(err, p->path, 0, NULL,
				    "%zu rows in the date range: stats needs at "
				    "least 2 prices", hi > lo ? hi - lo : 0);
	*s = (struct span){prices_value(p) + lo, p->date + lo, hi - lo};
	return 0;
}

/* The same daily rate either way: ln((1+rf)^(1/252)) = ln(1+rf)/252. */
static double daily_rf(const struct stats_opts *o)
{
	return o->log_returns ? log1p(o->rf) / STATS_YEAR :
		pow(1 + o->rf, 1.0 / STATS_YEAR) - 1;
}

int stats_compute_own(const struct prices *p, const struct stats_opts *o,
		      struct stats_result *res, struct ff_error *err)
{
	struct span s;
	if (range(p, o, &s, err)) return -1;
	struct rets R = {.day = s.date + 1, .n = s.n - 1};
	if (!(R.r = bigmem_alloc(R.n * sizeof *R.r)))
		return ff_error_set(err, p->path, 0, NULL, "out of memory");
	for (size_t i = 0; i < R.n; i++)
		R.r[i] = ret(s.v[i], s.v[i + 1], o->log_returns);
	R.mean = gsl_stats_mean(R.r, 1, R.n);
	/* Both sds from one pass (a tenth of the command's statistics): GSL's
	 * sd_m is sqrt(v * n / (n - 1)) and sd_with_fixed_mean sqrt(v), v
	 * being this variance, so the bits are theirs. */
	double v = gsl_stats_variance_with_fixed_mean(R.r, 1, R.n, R.mean);
	R.sd = R.n > 1 ? sqrt(v * ((double)R.n / (double)(R.n - 1))) : NAN;
	R.psd = sqrt(v);
	levels(p, &s, (size_t)(s.date - p->date), res);
	drawdown(&s, res);
	moments(&R, daily_rf(o), o, res);
	tails(&R, o->confidence, res);
	free(R.r);
	return 0;
}

int stats_compute_bench(const struct prices *p, const struct prices *bench,
			const struct stats_opts *o, struct stats_result *res,
			struct ff_error *err)
{
	bench_nan(res);
	struct span s;
	if (!bench) return 0;
	if (range(p, o, &s, err)) return -1;
	return against(&s, bench, daily_rf(o), o->log_returns, res, err);
}

int stats_compute(const struct prices *p, const struct prices *bench,
		  const struct stats_opts *o, struct stats_result *res,
		  struct ff_error *err)
{
	if (stats_compute_own(p, o, res, err)) return -1;
	return stats_compute_bench(p, bench, o, res, err);
}
