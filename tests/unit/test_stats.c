/* stats: every metric of a ten-return series, worked out by hand.
 *
 * The series (tests/fixtures/stats/hand.csv holds the same prices):
 *
 *   date        price           return r
 *   2024-12-23  100
 *   2024-12-24  102              0.02
 *   2024-12-27   93.84          -0.08
 *   2024-12-30   97.5936         0.04
 *   2024-12-31   94.665792      -0.03
 *   2025-01-02  104.1323712      0.10
 *   2025-01-03  104.1323712      0.00
 *   2025-01-06   98.92575264    -0.05
 *   2025-01-07  103.872040272    0.05
 *   2025-01-08  104.91076067472  0.01
 *   2025-01-09  109.1071911017088 0.04
 *
 * n = 10, sum r = 0.10, mean = 0.01.  Deviations d = r - 0.01, in units of
 * 0.01: 1, -9, 3, -4, 9, -1, -6, 4, 0, 3.
 *   S2 = sum d^2 = 1+81+9+16+81+1+36+16+0+9 = 250 (x 1e-4) = 0.025
 *   S3 = sum d^3 = 1-729+27-64+729-1-216+64+0+27 = -162 (x 1e-6)
 *   S4 = sum d^4 = 1+6561+81+256+6561+1+1296+256+0+81 = 15094 (x 1e-8)
 *   var = 0.025 / 9, sd = sqrt(0.025/9) = 0.052704627669473
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "date.h"
#include "stats.h"

#define N 11

static int32_t day_[N];
static double price_[N] = {100, 102, 93.84, 97.5936, 94.665792,
	104.1323712, 104.1323712, 98.92575264, 103.872040272,
	104.91076067472, 109.1071911017088};
static const int ymd[N][3] = {
	{2024, 12, 23}, {2024, 12, 24}, {2024, 12, 27}, {2024, 12, 30},
	{2024, 12, 31}, {2025, 1, 2}, {2025, 1, 3}, {2025, 1, 6},
	{2025, 1, 7}, {2025, 1, 8}, {2025, 1, 9}};

/* The benchmark: one extra day (12-26) the series lacks, dropped by the
 * alignment.  Returns on the common dates, x = r_b:
 *   0.01, -0.04, 0.02, -0.02, 0.04, 0.00, -0.03, 0.02, 0.00, 0.00
 * (12-24 -> 12-27 spans 12-26: 969.6 / 1010 - 1 = -0.04), mean 0. */
#define NB 12
static int32_t bday_[NB];
static double bprice_[NB] = {1000, 1010, 990, 969.6, 988.992, 969.21216,
	1007.9806464, 1007.9806464, 977.741227008, 997.29605154816,
	997.29605154816, 997.29605154816};

static struct prices series(void)
{
	for (int i = 0; i < N; i++)
		day_[i] = date_from_civil(ymd[i][0], ymd[i][1], ymd[i][2]);
	return (struct prices){.name = "hand", .path = "hand", .n = N,
			       .have = PRICES_CLOSE, .date = day_, .close = price_};
}

static struct prices bench(void)
{
	int k = 0;
	series();  /* fills day_ */
	for (int i = 0; i < N; i++) {
		bday_[k++] = day_[i];
		if (i == 1) bday_[k++] = date_from_civil(2024, 12, 26);
	}
	/* As a file with Adj Close: prices_value must pick it. */
	return (struct prices){.name = "b", .path = "b", .n = NB,
			       .have = PRICES_CLOSE | PRICES_ADJ, .date = bday_,
			       .close = price_, .adj = bprice_};
}

static struct stats_result run(const struct prices *b, size_t window)
{
	struct prices p = series();
	struct stats_opts o;
	struct stats_result res;
	struct ff_error err;
	stats_opts_init(&o);
	o.window = window;
	cr_assert_eq(stats_compute(&p, b, &o, &res, &err), 0, "%s", err.msg);
	return res;
}

#define near(a, b) cr_assert(fabs((a) - (b)) <= 1e-12 * fabs(b) + 1e-15, \
			     "%s = %.17g, expected %.17g", #a, (a), (b))

Test(stats, levels_and_growth)
{
	struct stats_result r = run(NULL, 5);
	cr_assert_eq(r.rows, 11);
	cr_assert_eq(r.returns, 10);
	cr_assert_eq(r.first_date, date_from_civil(2024, 12, 23));
	cr_assert_eq(r.last_date, date_from_civil(2025, 1, 9));
	/* 1.02 * 0.92 * 1.04 * 0.97 * 1.10 * 1.00 * 0.95 * 1.05 * 1.01 * 1.04
	 * = 1.091071911017088 */
	near(r.total_return, 0.091071911017088);
	/* CAGR: 1.091071911017088^(252/10) - 1 */
	near(r.cagr, pow(1.091071911017088, 25.2) - 1);
	/* YTD: base is 2024-12-31 (94.665792); 1.10*1.00*0.95*1.05*1.01*1.04
	 * = 1.1525514 */
	near(r.ytd, 0.1525514);
	/* 52 weeks = all 11 rows here */
	near(r.high_52w, 109.1071911017088);
	near(r.low_52w, 93.84);
	/* 6 of 10 returns are > 0; the 0.00 on 01-03 is not up */
	near(r.up_share, 0.6);
}

Test(stats, volatility_sharpe_sortino)
{
	struct stats_result r = run(NULL, 5);
	/* sd * sqrt(252) = sqrt(0.025 / 9 * 252) = sqrt(0.7) */
	near(r.volatility, sqrt(0.7));
	/* rf = 0: 0.01 / sqrt(0.025/9) * sqrt(252) = 0.01 * sqrt(90720)
	 * = 3.0119760955226 */
	near(r.sharpe, 0.01 * sqrt(90720.0));
	/* downside: negatives -0.08, -0.03, -0.05 squared = 0.0064 + 0.0009
	 * + 0.0025 = 0.0098, over ALL 10 days = 0.00098;
	 * 0.01 / sqrt(0.00098) * sqrt(252) = 5.0709255283711 */
	near(r.sortino, 0.01 / sqrt(0.00098) * sqrt(252.0));
	/* last 5 returns 0.00 -0.05 0.05 0.01 0.04: mean 0.01, d = -1 -6 4 0 3
	 * (x0.01), sum d^2 = 62e-4, var = 62e-4/4 = 0.00155,
	 * x 252 = 0.3906 */
	near(r.rolling_vol, sqrt(0.3906));
}

Test(stats, drawdown)
{
	struct stats_result r = run(NULL, 5);
	/* running max 102 (12-24) until 01-02; worst 93.84 / 102 - 1 = -0.08
	 * on 12-27 (01-06: 98.92575264 / 104.1323712 - 1 = -0.05 only);
	 * first price >= 102 after that: 104.1323712 on 01-02 */
	near(r.max_drawdown, -0.08);
	cr_assert_eq(r.dd_peak, date_from_civil(2024, 12, 24));
	cr_assert_eq(r.dd_trough, date_from_civil(2024, 12, 27));
	cr_assert_eq(r.dd_recovery, date_from_civil(2025, 1, 2));
	/* calmar = cagr / 0.08 */
	near(r.calmar, (pow(1.091071911017088, 25.2) - 1) / 0.08);
}

Test(stats, tails)
{
	struct stats_result r = run(NULL, 5);
	/* sorted: -0.08 -0.05 -0.03 0 0.01 0.02 0.04 0.04 0.05 0.10;
	 * h = (10-1) * 0.05 = 0.45: -0.08 + 0.45 * (-0.05 + 0.08) = -0.0665 */
	near(r.var_hist, -0.0665);
	/* only -0.08 is <= -0.0665 */
	near(r.cvar_hist, -0.08);
	/* z = Phi^-1(0.05) = -1.6448536269514722, phi(z) = 0.10313564037537128:
	 * 0.01 + 0.052704627669473 * z = -0.0766913979792 */
	double sd = sqrt(0.025 / 9);
	near(r.var_gauss, 0.01 + sd * -1.6448536269514722);
	/* 0.01 - sd * 0.10313564037537128 / 0.05 = -0.0987145105087 */
	near(r.cvar_gauss, 0.01 - sd * 0.10313564037537128 / 0.05);
	/* best 0.10 ends on 01-02, worst -0.08 on 12-27 */
	near(r.best_day, 0.10);
	near(r.worst_day, -0.08);
	cr_assert_eq(r.best_date, date_from_civil(2025, 1, 2));
	cr_assert_eq(r.worst_date, date_from_civil(2024, 12, 27));
}

Test(stats, shape)
{
	struct stats_result r = run(NULL, 5);
	/* G1 = n sqrt(n-1) / (n-2) * S3 / S2^1.5
	 *    = 10 * 3 / 8 * -162 / 250^1.5 = -0.15368669428418 */
	near(r.skewness, 3.75 * -162 / pow(250, 1.5));
	/* G2 = n(n+1)(n-1) S4 / ((n-2)(n-3) S2^2) - 3 (n-1)^2 / ((n-2)(n-3))
	 *    = 990 * 15094 / (56 * 62500) - 243 / 56
	 *    = 4.269445714286 - 4.339285714286 = -0.06984 */
	cr_assert(fabs(r.kurtosis - -0.06984) < 1e-12, "%.17g", r.kurtosis);
}

Test(stats, benchmark)
{
	struct prices b = bench();
	struct stats_result r = run(&b, 5);
	cr_assert_eq(r.bench_returns, 10);
	/* x = 1 -4 2 -2 4 0 -3 2 0 0 (x0.01), mean 0, Sxx = 54e-4;
	 * y deviations 1 -9 3 -4 9 -1 -6 4 0 3:
	 * Sxy = 1 + 36 + 6 + 8 + 36 + 0 + 18 + 8 + 0 + 0 = 113e-4;
	 * beta = 113/54, intercept = 0.01 - beta * 0 = 0.01 */
	near(r.beta, 113.0 / 54);
	near(r.alpha, pow(1.01, 252) - 1);
	/* corr = 113 / sqrt(54 * 250) */
	near(r.correlation, 113 / sqrt(54.0 * 250));
	near(r.r2, 113.0 * 113 / (54 * 250));
	/* r - r_b = 1 -4 2 -1 6 0 -2 3 1 4 (x0.01), mean 0.01, deviations
	 * 0 -5 1 -2 5 -1 -3 2 0 3, sum sq = 78e-4; TE = sqrt(78e-4/9*252)
	 * = sqrt(0.2184); IR = 0.01 * 252 / TE */
	near(r.tracking_error, sqrt(0.2184));
	near(r.info_ratio, 2.52 / sqrt(0.2184));
}

Test(stats, risk_free_rate)
{
	/* rf chosen so that rf_d = 1.0001^252^(1/252) - 1 = 0.0001:
	 * Sharpe = (0.01 - 0.0001) / sd * sqrt(252) */
	struct prices p = series();
	struct stats_opts o;
	struct stats_result r;
	struct ff_error err;
	stats_opts_init(&o);
	o.rf = pow(1.0001, 252) - 1;
	cr_assert_eq(stats_compute(&p, NULL, &o, &r, &err), 0);
	near(r.sharpe, 0.0099 / sqrt(0.025 / 9) * sqrt(252.0));
	/* downside of e = r - 0.0001: (-0.0801)^2 + (-0.0301)^2 + (-0.0501)^2
	 * + (-0.0001)^2 (the zero day now counts) = 0.00641601 + 0.00090601
	 * + 0.00251001 + 0.00000001 = 0.00983204, / 10 days */
	near(r.sortino, 0.0099 / sqrt(0.000983204) * sqrt(252.0));
}

Test(stats, range_and_too_short)
{
	struct prices p = series();
	struct stats_opts o;
	struct stats_result r;
	struct ff_error err;
	stats_opts_init(&o);
	/* From 2025-01-01: base for YTD is outside the range -> NaN */
	o.from = date_from_civil(2025, 1, 1);
	cr_assert_eq(stats_compute(&p, NULL, &o, &r, &err), 0);
	cr_assert_eq(r.rows, 6);
	cr_assert(isnan(r.ytd));
	/* 21-return window on 5 returns: not computable */
	cr_assert(isnan(r.rolling_vol));
	/* 104.13.. -> 109.10..: 1.0 * 0.95 * 1.05 * 1.01 * 1.04 - 1 */
	near(r.total_return, 0.95 * 1.05 * 1.01 * 1.04 - 1);
	o.from = date_from_civil(2025, 1, 9);
	cr_assert_eq(stats_compute(&p, NULL, &o, &r, &err), -1);
	cr_assert(strstr(err.msg, "at least 2") != NULL);
}

Test(stats, no_drawdown)
{
	struct prices p = series();
	struct stats_opts o;
	struct stats_result r;
	struct ff_error err;
	stats_opts_init(&o);
	/* 12-30 -> 12-31 ... only: 97.5936 then 94.665792 is a drawdown, so
	 * take 12-31 -> 01-02, a rise only. */
	o.from = date_from_civil(2024, 12, 31);
	o.to = date_from_civil(2025, 1, 2);
	cr_assert_eq(stats_compute(&p, NULL, &o, &r, &err), 0);
	cr_assert_eq(r.max_drawdown, 0);
	cr_assert_eq(r.dd_peak, DATE_NONE);
	cr_assert(isnan(r.calmar));
	cr_assert(isnan(stats_metric_value(&stats_metrics[11], &r)),
		  "dd_peak missing reads as NaN");
}

Test(stats, metric_table)
{
	/* Names are unique and every offset lands inside the result. */
	size_t k = 0;
	for (const struct stats_metric *m = stats_metrics; m->name; m++, k++) {
		cr_assert(m->offset < sizeof(struct stats_result));
		cr_assert(m->formula && m->formula[0], "%s has no formula", m->name);
		for (const struct stats_metric *q = stats_metrics; q != m; q++)
			cr_assert_str_neq(q->name, m->name);
	}
	cr_assert_eq(k, 37);
	cr_assert_str_eq(stats_metrics[11].name, "dd_peak");
}

Test(stats, log_returns)
{
	struct prices p = series();
	struct stats_opts o;
	struct stats_result r;
	struct ff_error err;
	stats_opts_init(&o);
	o.log_returns = 1;
	cr_assert_eq(stats_compute(&p, NULL, &o, &r, &err), 0);
	/* best and worst become ln(1.10) and ln(0.92); the ranks and the
	 * count of up days do not change; price metrics do not either. */
	near(r.best_day, log(1.10));
	near(r.worst_day, log(0.92));
	near(r.up_share, 0.6);
	near(r.cagr, pow(1.091071911017088, 25.2) - 1);
	/* sorted log returns: ln .92, ln .95, ln .97, ...; h = 0.45:
	 * ln .92 + 0.45 (ln .95 - ln .92) */
	near(r.var_hist, log(0.92) + 0.45 * (log(0.95) - log(0.92)));
}
