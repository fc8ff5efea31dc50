#include "event.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_fit.h>

#include "date.h"

void event_opts_default(struct event_opts *o)
{
	o->model = EVENT_MARKET;
	o->est_from = -250;
	o->est_to = -11;
	o->win_from = -5;
	o->win_to = 5;
	o->skip_ranks = 0;
}

int event_opts_check(const struct event_opts *o, struct ff_error *err)
{
	if (o->est_from > o->est_to || o->win_from > o->win_to)
		return ff_error_set(err, "", 0, "", "a window must be FROM:TO "
				    "with FROM <= TO");
	if (o->est_to >= o->win_from)
		return ff_error_set(err, "", 0, "", "the estimation window "
				    "(%d:%d) must end before the event window "
				    "(%d:%d) starts", o->est_from, o->est_to,
				    o->win_from, o->win_to);
	return 0;
}

static const char *const model_names[] = {"market", "adjusted", "mean"};

int event_model_parse(const char *s, enum event_model *m)
{
	for (int k = 0; k < 3; k++)
		if (!strcmp(s, model_names[k])) {
			*m = (enum event_model)k;
			return 0;
		}
	return -1;
}

const char *event_model_name(enum event_model m)
{
	return model_names[m];
}

static int parse_int(const char *s, const char *end, int *out)
{
	char *stop;
	if (s == end) return -1;
	long v = strtol(s, &stop, 10);
	if (stop != end || v < -100000 || v > 100000) return -1;
	*out = (int)v;
	return 0;
}

int event_range_parse(const char *s, int *from, int *to)
{
	const char *colon = strchr(s, ':');
	if (!colon) return -1;
	int a, b;
	if (parse_int(s, colon, &a) || parse_int(colon + 1, colon + strlen(colon), &b))
		return -1;
	if (a > b) return -1;
	*from = a;
	*to = b;
	return 0;
}

/* ---- a stock aligned with its market ---- */

int event_series_new(const struct prices *stock, const struct prices *market,
		     struct event_series **out, struct ff_error *err)
{
	struct event_series *s = calloc(1, sizeof *s);
	size_t n = stock->n;
	if (s) {
		s->r = malloc((n + 1) * sizeof *s->r);
		s->rm = malloc((n + 1) * sizeof *s->rm);
	}
	if (!s || !s->r || !s->rm) {
		event_series_free(s);
		return ff_error_set(err, stock->path, 0, "", "out of memory");
	}
	s->stock = stock;
	s->market = market;
	s->n = n;
	const double *p = prices_value(stock), *m = prices_value(market);
	/* One merge pass: mi is the market row of the stock row's date. */
	size_t j = 0;
	long prev = -1;
	for (size_t k = 0; k < n; k++) {
		while (j < market->n && market->date[j] < stock->date[k]) j++;
		long mi = j < market->n && market->date[j] == stock->date[k]
			? (long)j : -1;
		s->r[k] = k ? p[k] / p[k - 1] - 1 : NAN;
		s->rm[k] = k && mi >= 0 && prev >= 0 ? m[mi] / m[prev] - 1 : NAN;
		prev = mi;
	}
	*out = s;
	return 0;
}

void event_series_free(struct event_series *s)
{
	if (!s) return;
	free(s->r);
	free(s->rm);
	free(s);
}

/* ---- one event ---- */

void event_result_free(struct event_result *res)
{
	free(res->day);
	free(res->ar_all);
	free(res->u);
	res->day = NULL;
	res->ar_all = res->u = NULL;
}

/* Where the window's rows fall in the file; -1 with the reason when they
 * do not. */
static int locate(const struct event_series *s, int32_t date,
		  const struct event_opts *o, struct event_result *res,
		  struct ff_error *err)
{
	const struct prices *st = s->stock;
	char d[DATE_ISO_LEN], d2[DATE_ISO_LEN];
	size_t k0 = prices_lower_bound(st, date);
	if (k0 == st->n)
		return ff_error_set(err, st->path, 0, "", "event date %s is "
				    "after the last row (%s)", date_format(date, d),
				    st->n ? date_format(st->date[st->n - 1], d2)
				    : "none");
	/* A return on row k needs row k-1, hence the 1. */
	long first = (long)k0 + o->est_from;
	if (first < 1)
		return ff_error_set(err, st->path, 0, "", "too little history "
				    "for the event on %s: the estimation window "
				    "%d:%d needs %ld trading days before day 0 "
				    "(%s), the file has %zu", date_format(date, d),
				    o->est_from, o->est_to, 1 - (long)o->est_from,
				    date_format(st->date[k0], d2), k0);
	if ((long)k0 + o->win_to >= (long)st->n)
		return ff_error_set(err, st->path, 0, "", "the event window "
				    "%d:%d of the event on %s runs past the last "
				    "row (%s)", o->win_from, o->win_to,
				    date_format(date, d),
				    date_format(st->date[st->n - 1], d2));
	res->date = date;
	res->day0 = st->date[k0];
	res->k0 = k0;
	return 0;
}

/* The market date a missing market return on stock row k lacks. */
static int32_t missing_market_date(const struct event_series *s, size_t k)
{
	if (prices_find(s->market, s->stock->date[k]) < 0)
		return s->stock->date[k];
	return s->stock->date[k - 1];
}

static int needs_market(const struct event_opts *o)
{
	return o->model != EVENT_MEAN;
}

/* OLS of R on Rm; Sxx and the mean of Rm are kept for the prediction
 * error of each AR. */
static int fit_market(const struct event_series *s, const double *x,
		      const double *y, size_t L, struct event_result *res,
		      struct ff_error *err)
{
	double mx = 0, sxx = 0;
	for (size_t i = 0; i < L; i++) mx += x[i];
	mx /= (double)L;
	for (size_t i = 0; i < L; i++) sxx += (x[i] - mx) * (x[i] - mx);
	if (!(sxx > 0)) {
		char d[DATE_ISO_LEN];
		return ff_error_set(err, s->market->path, 0, "", "the market "
				    "return does not vary over the estimation "
				    "window of the event on %s: no market model",
				    date_format(res->date, d));
	}
	double c00, c01, c11, sumsq;
	gsl_fit_linear(x, 1, y, 1, L, &res->alpha, &res->beta, &c00, &c01,
		       &c11, &sumsq);
	res->s2 = sumsq / res->df;
	res->sigma = sqrt(res->s2);
	res->rm_mean = mx;
	res->sxx = sxx;
	return 0;
}

/* mean: R about its mean; adjusted: R - Rm about its mean (the variance
 * only: its expected return stays Rm). */
static void fit_mean(const struct event_opts *o, const double *x,
		     const double *y, size_t L, struct event_result *res)
{
	int adj = o->model == EVENT_ADJUSTED;
	double mean = 0, ss = 0;
	for (size_t i = 0; i < L; i++) mean += y[i] - (adj ? x[i] : 0);
	mean /= (double)L;
	for (size_t i = 0; i < L; i++) {
		double e = y[i] - (adj ? x[i] : 0) - mean;
		ss += e * e;
	}
	res->alpha = adj ? NAN : mean;
	res->beta = NAN;
	res->s2 = ss / (double)(L - 1);
	res->sigma = sqrt(res->s2);
}

/* Collects the estimation window's usable days and fits the model. */
static int fit(const struct event_series *s, const struct event_opts *o,
	       struct event_result *res, double *x, double *y,
	       struct ff_error *err)
{
	size_t L = 0;
	for (int off = o->est_from; off <= o->est_to; off++) {
		size_t k = res->k0 + off;
		if (needs_market(o) && isnan(s->rm[k])) {
			res->est_dropped++;
			continue;
		}
		x[L] = s->rm[k];
		y[L] = s->r[k];
		L++;
	}
	res->est_days = L;
	res->df = (int)L - (o->model == EVENT_MARKET ? 2 : 1);
	if (res->df < 3) {
		char d[DATE_ISO_LEN];
		return ff_error_set(err, s->market->path, 0, "", "the event on "
				    "%s has only %zu estimation days with a "
				    "market return (%zu dropped); at least %d "
				    "are needed", date_format(res->date, d), L,
				    res->est_dropped,
				    o->model == EVENT_MARKET ? 5 : 4);
	}
	if (o->model == EVENT_MARKET) return fit_market(s, x, y, L, res, err);
	fit_mean(o, x, y, L, res);
	return 0;
}

static double expected(const struct event_opts *o,
		       const struct event_result *res, double rm)
{
	switch (o->model) {
	case EVENT_MARKET: return res->alpha + res->beta * rm;
	case EVENT_MEAN: return res->alpha;
	default: return rm;
	}
}

/* Estimation residuals, stored by offset, and the share above zero.  The
 * adjusted model's residual is R - Rm itself, not demeaned. */
static void residuals(const struct event_series *s, const struct event_opts *o,
		      struct event_result *res)
{
	size_t pos = 0;
	for (int off = o->est_from; off <= o->est_to; off++) {
		size_t k = res->k0 + off;
		double *slot = &res->ar_all[off - o->est_from];
		if (needs_market(o) && isnan(s->rm[k])) continue;
		*slot = s->r[k] - expected(o, res, s->rm[k]);
		pos += *slot > 0;
	}
	res->pos_frac = (double)pos / (double)res->est_days;
}

static double two_sided_t(double t, int df)
{
	return isnan(t) ? NAN : 2 * gsl_cdf_tdist_Q(fabs(t), df);
}

static double two_sided_z(double z)
{
	return isnan(z) ? NAN : 2 * gsl_cdf_ugaussian_Q(fabs(z));
}

/* Prediction-error variance of one AR, and of a CAR over n days whose
 * market returns sum to srm. */
static double var_ar(const struct event_opts *o, const struct event_result *r,
		     double rm)
{
	double L = (double)r->est_days;
	switch (o->model) {
	case EVENT_MARKET:
		return r->s2 * (1 + 1 / L + (rm - r->rm_mean) * (rm - r->rm_mean)
				/ r->sxx);
	case EVENT_MEAN: return r->s2 * (1 + 1 / L);
	default: return r->s2;
	}
}

static double var_car(const struct event_opts *o, const struct event_result *r,
		      double n, double srm)
{
	double L = (double)r->est_days;
	switch (o->model) {
	case EVENT_MARKET: {
		double dev = srm - n * r->rm_mean;
		return r->s2 * (n + n * n / L + dev * dev / r->sxx);
	}
	case EVENT_MEAN: return r->s2 * (n + n * n / L);
	default: return r->s2 * n;
	}
}

static int window(const struct event_series *s, const struct event_opts *o,
		  struct event_result *res, struct ff_error *err)
{
	double car = 0, srm = 0;
	for (size_t d = 0; d < res->n; d++) {
		int off = o->win_from + (int)d;
		size_t k = res->k0 + off;
		struct event_day *e = &res->day[d];
		if (needs_market(o) && isnan(s->rm[k])) {
			char d1[DATE_ISO_LEN], d2[DATE_ISO_LEN];
			return ff_error_set(err, s->market->path, 0, "",
					    "the market has no row on %s, "
					    "needed for day %+d of the event "
					    "on %s",
					    date_format(missing_market_date(s, k),
							d1),
					    off, date_format(res->date, d2));
		}
		e->offset = off;
		e->date = s->stock->date[k];
		e->r = s->r[k];
		e->rm = s->rm[k];
		e->expected = expected(o, res, e->rm);
		e->ar = e->r - e->expected;
		e->se = sqrt(var_ar(o, res, e->rm));
		e->t = e->ar / e->se;
		e->p = two_sided_t(e->t, res->df);
		car += e->ar;
		srm += needs_market(o) ? e->rm : 0;
		e->car = car;
		e->car_se = sqrt(var_car(o, res, (double)(d + 1), srm));
		e->car_t = e->car / e->car_se;
		e->car_p = two_sided_t(e->car_t, res->df);
		res->ar_all[off - o->est_from] = e->ar;
	}
	return 0;
}

struct ranked {
	double v;
	size_t slot;
};

static int cmp_ranked(const void *a, const void *b)
{
	double x = ((const struct ranked *)a)->v, y = ((const struct ranked *)b)->v;
	return (x > y) - (x < y);
}

/* Corrado-Zivney scores: ranks (ties averaged) of every AR the event has,
 * estimation and window together, scaled to K/(T+1) - 1/2. */
static int rank_scores(struct event_result *res)
{
	struct ranked *v = malloc(res->span * sizeof *v);
	if (!v) return -1;
	size_t T = 0;
	for (size_t i = 0; i < res->span; i++) {
		res->u[i] = NAN;
		if (!isnan(res->ar_all[i])) v[T++] = (struct ranked){res->ar_all[i], i};
	}
	qsort(v, T, sizeof *v, cmp_ranked);
	for (size_t i = 0; i < T;) {
		size_t j = i;
		while (j + 1 < T && v[j + 1].v == v[i].v) j++;
		double rank = (double)(i + j) / 2 + 1;
		for (size_t k = i; k <= j; k++)
			res->u[v[k].slot] = rank / (double)(T + 1) - 0.5;
		i = j + 1;
	}
	free(v);
	return 0;
}

int event_compute(const struct event_series *s, int32_t date,
		  const struct event_opts *o, struct event_result *res,
		  struct ff_error *err)
{
	memset(res, 0, sizeof *res);
	if (locate(s, date, o, res, err)) return -1;
	size_t est = (size_t)(o->est_to - o->est_from + 1);
	res->n = (size_t)(o->win_to - o->win_from + 1);
	res->span = (size_t)(o->win_to - o->est_from + 1);
	double *x = malloc(est * sizeof *x), *y = malloc(est * sizeof *y);
	res->day = calloc(res->n, sizeof *res->day);
	res->ar_all = malloc(res->span * sizeof *res->ar_all);
	res->u = malloc(res->span * sizeof *res->u);
	int rc = -1;
	if (!x || !y || !res->day || !res->ar_all || !res->u) {
		ff_error_set(err, s->stock->path, 0, "", "out of memory");
		goto out;
	}
	for (size_t i = 0; i < res->span; i++) res->ar_all[i] = NAN;
	if (fit(s, o, res, x, y, err)) goto out;
	residuals(s, o, res);
	if (window(s, o, res, err)) goto out;
	if (o->skip_ranks) {
		for (size_t i = 0; i < res->span; i++) res->u[i] = NAN;
	} else if (rank_scores(res)) {
		ff_error_set(err, s->stock->path, 0, "", "out of memory");
		goto out;
	}
	rc = 0;
out:
	free(x);
	free(y);
	if (rc) event_result_free(res);
	return rc;
}

/* ---- across events ---- */

/* Cross-sectional mean and the t of it, df n-1. */
static void cs_test(const double *v, size_t n, double *mean,
		    struct event_test *t)
{
	double m = 0, ss = 0;
	for (size_t i = 0; i < n; i++) m += v[i];
	m /= (double)n;
	for (size_t i = 0; i < n; i++) ss += (v[i] - m) * (v[i] - m);
	*mean = m;
	t->stat = n > 1 ? m / sqrt(ss / (double)(n - 1) / (double)n) : NAN;
	t->p = n > 1 ? two_sided_t(t->stat, (int)n - 1) : NAN;
}

/* Corrado's S_U: the root mean square over every offset of the mean score
 * across the events that have one. */
static double rank_sd(const struct event_result *const *res, size_t m)
{
	size_t span = res[0]->span, T = 0;
	double ss = 0;
	for (size_t i = 0; i < span; i++) {
		double sum = 0;
		size_t cnt = 0;
		for (size_t e = 0; e < m; e++)
			if (!isnan(res[e]->u[i])) {
				sum += res[e]->u[i];
				cnt++;
			}
		if (!cnt) continue;
		ss += (sum / (double)cnt) * (sum / (double)cnt);
		T++;
	}
	return sqrt(ss / (double)T);
}

/* Mean rank score on window day d. */
static double rank_mean(const struct event_result *const *res, size_t m,
			size_t d, size_t est_len)
{
	double sum = 0;
	for (size_t e = 0; e < m; e++) sum += res[e]->u[est_len + d];
	return sum / (double)m;
}

static void sign_test(const struct event_result *const *res, size_t m,
		      size_t positive, struct event_test *t)
{
	double ph = 0;
	for (size_t e = 0; e < m; e++) ph += res[e]->pos_frac;
	ph /= (double)m;
	double N = (double)m;
	t->stat = ((double)positive - N * ph) / sqrt(N * ph * (1 - ph));
	if (!isfinite(t->stat)) t->stat = NAN;
	t->p = two_sided_z(t->stat);
}

/* Shared by the day and the CAR form: v are the ARs (or CARs), sv the
 * same standardised by their own standard error. */
static void across(const struct event_result *const *res, size_t m,
		   const double *v, const double *sv, double rank_stat,
		   struct event_across *out)
{
	out->n = m;
	cs_test(v, m, &out->mean, &out->cs);
	double zsum = 0, vsum = 0, sm;
	size_t pos = 0;
	for (size_t e = 0; e < m; e++) {
		double df = res[e]->df;
		zsum += sv[e];
		vsum += df / (df - 2);
		pos += v[e] > 0;
	}
	out->patell.stat = zsum / sqrt(vsum);
	out->patell.p = two_sided_z(out->patell.stat);
	cs_test(sv, m, &sm, &out->bmp);
	out->corrado.stat = rank_stat;
	out->corrado.p = two_sided_z(rank_stat);
	sign_test(res, m, pos, &out->sign);
}

static void across_run(const struct event_result *const *res, size_t m,
		       size_t d0, size_t d1, int cumulative,
		       struct event_across *out)
{
	memset(out, 0, sizeof *out);
	if (!m) {
		out->mean = out->cs.stat = out->cs.p = NAN;
		out->patell = out->bmp = out->corrado = out->sign = out->cs;
		return;
	}
	double *v = malloc(2 * m * sizeof *v);
	if (!v) {
		across_run(res, 0, 0, 0, 0, out);
		return;
	}
	double *sv = v + m;
	for (size_t e = 0; e < m; e++) {
		const struct event_day *day = &res[e]->day[d1];
		v[e] = cumulative ? day->car : day->ar;
		sv[e] = cumulative ? day->car / day->car_se : day->ar / day->se;
	}
	size_t est_len = (size_t)(res[0]->span - res[0]->n);
	double su = rank_sd(res, m), usum = 0;
	for (size_t d = d0; d <= d1; d++) usum += rank_mean(res, m, d, est_len);
	double rank_stat = usum / (sqrt((double)(d1 - d0 + 1)) * su);
	across(res, m, v, sv, rank_stat, out);
	free(v);
}

void event_across_day(const struct event_result *const *res, size_t m,
		      size_t d, struct event_across *out)
{
	across_run(res, m, d, d, 0, out);
}

void event_across_car(const struct event_result *const *res, size_t m,
		      size_t d, struct event_across *out)
{
	across_run(res, m, 0, d, 1, out);
}
