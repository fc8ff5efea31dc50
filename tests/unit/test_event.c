/* event: a market model small enough to check by hand.
 *
 * Estimation window -5:-1 (L = 5), event window 0:1.
 *   market returns  x = -0.02, -0.01, 0, 0.01, 0.02   (mean 0, Sxx = 0.001)
 *   stock returns   y = 0.001 + 1.5 x + e,  e = 0.001, -0.002, 0.002, -0.002, 0.001
 * e sums to zero and is orthogonal to x, so OLS gives a = 0.001, b = 1.5,
 * SSR = 14e-6 and s^2 = 14e-6 / 3.
 *   day 0: Rm = 0.03,  R = 0.06: expected 0.046, AR 0.014,
 *          Var = s^2 (1 + 1/5 + 0.03^2/0.001) = 2.1 s^2 = 9.8e-6, t = sqrt(20)
 *   day 1: Rm = -0.01, R = 0:    expected -0.014, AR 0.014, Var = 1.3 s^2
 *          CAR 0.028, Var = s^2 (2 + 4/5 + 0.02^2/0.001) = 3.2 s^2,
 *          CAR t = sqrt(52.5)
 * Student's t with 3 df has a closed form: P(|T| < t) = (2/pi)(h + sin h cos h),
 * h = atan(t / sqrt 3).  */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>

#include "date.h"
#include "event.h"
#include "prices.h"

#define NROWS 8

static const double x_ret[NROWS] = {0, -0.02, -0.01, 0, 0.01, 0.02, 0.03, -0.01};
static const double e_ret[NROWS] = {0, 0.001, -0.002, 0.002, -0.002, 0.001, 0, 0};

static struct prices *series(int stock, int skip_row)
{
	static const int day[NROWS] = {3, 6, 7, 8, 9, 10, 13, 14};
	struct prices *p = calloc(1, sizeof *p);
	p->path = strdup(stock ? "S.csv" : "M.csv");
	p->name = strdup(stock ? "S" : "M");
	p->date = calloc(NROWS, sizeof *p->date);
	p->close = calloc(NROWS, sizeof *p->close);
	double level = 100;
	size_t n = 0;
	for (int k = 0; k < NROWS; k++) {
		double r = stock ? (k == 6 ? 0.06 : k == 7 ? 0.0
				    : 0.001 + 1.5 * x_ret[k] + e_ret[k])
			: x_ret[k];
		if (k) level *= 1 + r;
		if (k == skip_row) continue;
		p->date[n] = date_from_civil(2025, 1, day[k]);
		p->close[n] = level;
		n++;
	}
	p->n = n;
	p->have = PRICES_CLOSE;
	return p;
}

static struct event_opts opts(enum event_model m)
{
	struct event_opts o = {m, -5, -1, 0, 1, 0};
	return o;
}

static double t3_two_sided(double t)
{
	double h = atan(t / sqrt(3));
	return 1 - 2 / M_PI * (h + sin(h) * cos(h));
}

struct fixture {
	struct prices *s, *m;
	struct event_series *es;
};

static void setup(struct fixture *f, int skip_market_row)
{
	struct ff_error err;
	f->s = series(1, -1);
	f->m = series(0, skip_market_row);
	cr_assert_eq(event_series_new(f->s, f->m, &f->es, &err), 0);
}

static void teardown(struct fixture *f)
{
	event_series_free(f->es);
	prices_free(f->s);
	prices_free(f->m);
}

Test(event, market_model_by_hand)
{
	struct fixture f;
	setup(&f, -1);
	struct event_opts o = opts(EVENT_MARKET);
	struct event_result r;
	struct ff_error err;
	cr_assert_eq(event_compute(f.es, date_from_civil(2025, 1, 13), &o, &r,
				   &err), 0, "%s", err.msg);
	double s2 = 14e-6 / 3;
	cr_assert_eq(r.est_days, 5);
	cr_assert_eq(r.df, 3);
	cr_assert_float_eq(r.alpha, 0.001, 1e-12);
	cr_assert_float_eq(r.beta, 1.5, 1e-10);
	cr_assert_float_eq(r.s2, s2, 1e-15);
	cr_assert_eq(r.n, 2);
	cr_assert_float_eq(r.day[0].expected, 0.046, 1e-12);
	cr_assert_float_eq(r.day[0].ar, 0.014, 1e-12);
	cr_assert_float_eq(r.day[0].se, sqrt(2.1 * s2), 1e-12);
	cr_assert_float_eq(r.day[0].t, sqrt(20), 1e-8);
	cr_assert_float_eq(r.day[0].p, t3_two_sided(sqrt(20)), 1e-10);
	cr_assert_float_eq(r.day[1].expected, -0.014, 1e-12);
	cr_assert_float_eq(r.day[1].se, sqrt(1.3 * s2), 1e-12);
	cr_assert_float_eq(r.day[1].car, 0.028, 1e-12);
	cr_assert_float_eq(r.day[1].car_se, sqrt(3.2 * s2), 1e-12);
	cr_assert_float_eq(r.day[1].car_t, sqrt(52.5), 1e-8);
	cr_assert_float_eq(r.day[1].car_p, t3_two_sided(sqrt(52.5)), 1e-10);
	/* Residuals 0.001, 0.002 and 0.001 are above zero: 3 of 5. */
	cr_assert_float_eq(r.pos_frac, 0.6, 1e-15);
	event_result_free(&r);
	teardown(&f);
}

/* Without the rank scores (the day rows do not use them) every other
 * number is the same, and the scores are NaN rather than stale. */
Test(event, skip_ranks_changes_nothing_else)
{
	struct fixture f;
	setup(&f, -1);
	struct event_opts o = opts(EVENT_MARKET);
	struct event_result a, b;
	struct ff_error err;
	int32_t d = date_from_civil(2025, 1, 13);
	cr_assert_eq(event_compute(f.es, d, &o, &a, &err), 0, "%s", err.msg);
	o.skip_ranks = 1;
	cr_assert_eq(event_compute(f.es, d, &o, &b, &err), 0, "%s", err.msg);
	cr_assert_eq(a.span, b.span);
	int ranked = 0;
	for (size_t i = 0; i < a.span; i++) {
		ranked += !isnan(a.u[i]);
		cr_assert(isnan(b.u[i]), "u[%zu] = %g", i, b.u[i]);
	}
	cr_assert_gt(ranked, 0);
	for (size_t i = 0; i < a.n; i++) {
		cr_assert_eq(a.day[i].ar, b.day[i].ar);
		cr_assert_eq(a.day[i].car, b.day[i].car);
		cr_assert_eq(a.day[i].car_p, b.day[i].car_p);
	}
	event_result_free(&a);
	event_result_free(&b);
	teardown(&f);
}

Test(event, mean_and_adjusted_models)
{
	struct fixture f;
	setup(&f, -1);
	struct event_result r;
	struct ff_error err;
	int32_t d = date_from_civil(2025, 1, 13);
	/* mean of y over the estimation window = 0.001 (x and e sum to 0). */
	struct event_opts o = opts(EVENT_MEAN);
	cr_assert_eq(event_compute(f.es, d, &o, &r, &err), 0, "%s", err.msg);
	cr_assert_eq(r.df, 4);
	cr_assert_float_eq(r.alpha, 0.001, 1e-12);
	cr_assert_float_eq(r.day[0].ar, 0.059, 1e-12);
	/* s^2 = sum (1.5 x + e)^2 / 4 = (2.25 * 0.001 + 14e-6 + 0) / 4 */
	double s2 = (2.25e-3 + 14e-6) / 4;
	cr_assert_float_eq(r.day[0].se, sqrt(1.2 * s2), 1e-12);
	cr_assert_float_eq(r.day[1].car_se, sqrt(s2 * (2 + 4.0 / 5)), 1e-12);
	event_result_free(&r);
	/* adjusted: AR = R - Rm; residuals 0.5x + e + 0.001 have mean 0.001. */
	o = opts(EVENT_ADJUSTED);
	cr_assert_eq(event_compute(f.es, d, &o, &r, &err), 0, "%s", err.msg);
	cr_assert_float_eq(r.day[0].ar, 0.03, 1e-12);
	cr_assert_float_eq(r.day[1].ar, 0.01, 1e-12);
	double ss = 0;
	for (int k = 1; k <= 5; k++) {
		double dev = 0.5 * x_ret[k] + e_ret[k];
		ss += dev * dev;
	}
	cr_assert_float_eq(r.day[1].car_se, sqrt(2 * ss / 4), 1e-12);
	event_result_free(&r);
	teardown(&f);
}

Test(event, weekend_moves_to_next_trading_day)
{
	struct fixture f;
	setup(&f, -1);
	struct event_opts o = opts(EVENT_MARKET);
	struct event_result r;
	struct ff_error err;
	/* Saturday 2025-01-11: day 0 is Monday 2025-01-13. */
	cr_assert_eq(event_compute(f.es, date_from_civil(2025, 1, 11), &o, &r,
				   &err), 0);
	cr_assert_eq(r.day0, date_from_civil(2025, 1, 13));
	cr_assert_eq(r.date, date_from_civil(2025, 1, 11));
	cr_assert_float_eq(r.day[0].ar, 0.014, 1e-12);
	event_result_free(&r);
	teardown(&f);
}

Test(event, too_little_history_and_past_the_end)
{
	struct fixture f;
	setup(&f, -1);
	struct event_opts o = opts(EVENT_MARKET);
	struct event_result r;
	struct ff_error err;
	cr_assert_eq(event_compute(f.es, date_from_civil(2025, 1, 10), &o, &r,
				   &err), -1);
	cr_assert(strstr(err.msg, "too little history"), "%s", err.msg);
	cr_assert_eq(event_compute(f.es, date_from_civil(2025, 1, 14), &o, &r,
				   &err), -1);
	cr_assert(strstr(err.msg, "runs past the last row"), "%s", err.msg);
	cr_assert_eq(event_compute(f.es, date_from_civil(2025, 2, 1), &o, &r,
				   &err), -1);
	cr_assert(strstr(err.msg, "after the last row"), "%s", err.msg);
	teardown(&f);
}

Test(event, missing_market_days)
{
	struct fixture f;
	/* The market lacks 2025-01-07 (row 2): rows 2 and 3 lose their
	 * market return, leaving 3 estimation days, too few for df >= 3. */
	setup(&f, 2);
	cr_assert(isnan(f.es->rm[2]) && isnan(f.es->rm[3]));
	cr_assert(!isnan(f.es->rm[4]));
	struct event_opts o = opts(EVENT_MARKET);
	struct event_result r;
	struct ff_error err;
	cr_assert_eq(event_compute(f.es, date_from_civil(2025, 1, 13), &o, &r,
				   &err), -1);
	cr_assert(strstr(err.msg, "only 3 estimation days"), "%s", err.msg);
	/* In the event window: named. */
	teardown(&f);
	setup(&f, 6);
	cr_assert_eq(event_compute(f.es, date_from_civil(2025, 1, 13), &o, &r,
				   &err), -1);
	cr_assert(strstr(err.msg, "no row on 2025-01-13"), "%s", err.msg);
	teardown(&f);
}

Test(event, ranges_and_models_parse)
{
	int a, b;
	enum event_model m;
	cr_assert_eq(event_range_parse("-250:-11", &a, &b), 0);
	cr_assert_eq(a, -250);
	cr_assert_eq(b, -11);
	cr_assert_eq(event_range_parse("5:-5", &a, &b), -1);
	cr_assert_eq(event_range_parse("5", &a, &b), -1);
	cr_assert_eq(event_range_parse("1:x", &a, &b), -1);
	cr_assert_eq(event_model_parse("adjusted", &m), 0);
	cr_assert_eq(m, EVENT_ADJUSTED);
	cr_assert_eq(event_model_parse("capm", &m), -1);
	struct event_opts o = {EVENT_MARKET, -250, -5, -5, 5, 0};
	struct ff_error err;
	cr_assert_eq(event_opts_check(&o, &err), -1);
}

/* Two events, one day each, estimation offsets -2, -1:
 *   A: AR 0.02, se 0.01, df 10;  B: AR 0.01, se 0.01, df 10.
 *   cross-sectional t = 0.015 / (0.0070711 / sqrt 2) = 3
 *   Patell Z = (2 + 1) / sqrt(2 * 10/8) = 3 / sqrt(2.5)
 *   BMP t: SAR 2 and 1, mean 1.5, sd 0.70711 -> 3
 *   sign: p^ = 0.5, w = 2 -> (2 - 1) / sqrt(2 * 0.25) = sqrt 2
 *   Corrado: U_A = -0.25, 0, 0.25; U_B = 0, -0.25, 0.25; mean U per day
 *   -0.125, -0.125, 0.25; S_U = sqrt(0.09375 / 3); Z = 0.25 / S_U = sqrt 2 */
Test(event, across_by_hand)
{
	struct event_day da = {.ar = 0.02, .se = 0.01, .car = 0.02, .car_se = 0.01};
	struct event_day db = {.ar = 0.01, .se = 0.01, .car = 0.01, .car_se = 0.01};
	double ua[3] = {-0.25, 0, 0.25}, ub[3] = {0, -0.25, 0.25};
	struct event_result a = {.df = 10, .n = 1, .day = &da, .span = 3,
				 .u = ua, .pos_frac = 0.5};
	struct event_result b = {.df = 10, .n = 1, .day = &db, .span = 3,
				 .u = ub, .pos_frac = 0.5};
	const struct event_result *res[2] = {&a, &b};
	struct event_across x;
	event_across_day(res, 2, 0, &x);
	cr_assert_eq(x.n, 2);
	cr_assert_float_eq(x.mean, 0.015, 1e-15);
	cr_assert_float_eq(x.cs.stat, 3, 1e-12);
	/* t with 1 df: p = 1 - (2/pi) atan(t) */
	cr_assert_float_eq(x.cs.p, 1 - 2 / M_PI * atan(3), 1e-12);
	cr_assert_float_eq(x.patell.stat, 3 / sqrt(2.5), 1e-12);
	cr_assert_float_eq(x.patell.p, erfc(3 / sqrt(2.5) / sqrt(2)), 1e-12);
	cr_assert_float_eq(x.bmp.stat, 3, 1e-12);
	cr_assert_float_eq(x.sign.stat, sqrt(2), 1e-12);
	cr_assert_float_eq(x.corrado.stat, sqrt(2), 1e-12);
	cr_assert_float_eq(x.corrado.p, erfc(1), 1e-12);
	event_across_car(res, 2, 0, &x);
	cr_assert_float_eq(x.mean, 0.015, 1e-15);
	cr_assert_float_eq(x.bmp.stat, 3, 1e-12);
	/* One event: no cross-sectional spread. */
	event_across_day(res, 1, 0, &x);
	cr_assert(isnan(x.cs.stat) && isnan(x.bmp.stat));
}
