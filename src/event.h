/* event: event studies (MacKinlay 1997) on top of GSL.
 *
 * Days are trading days of the stock's file: day 0 is the first row dated
 * on or after the event date, day k is k rows later.  Returns are simple,
 * from Adj Close when the file has it, else Close; the market's return on
 * a stock row is taken between the market's rows of the same two dates,
 * so both returns always span the same calendar interval.
 *
 * Models (the abnormal return AR = R - expected):
 *   market    expected = a + b Rm, OLS over the estimation window;
 *             Var AR_t = s^2 (1 + 1/L + (Rm_t - mean Rm)^2 / Sxx),
 *             Var CAR  = s^2 (n + n^2/L + (sum (Rm_t - mean Rm))^2 / Sxx),
 *             which is s^2 i'(I + X*(X'X)^-1 X*')i exactly; df = L - 2.
 *   mean      expected = mean R over the estimation window;
 *             Var AR_t = s^2 (1 + 1/L), Var CAR = s^2 (n + n^2/L); df L-1.
 *   adjusted  expected = Rm; s^2 is the sample variance of R - Rm over the
 *             estimation window; Var AR_t = s^2, Var CAR = n s^2; df L-1.
 *
 * Across events: AAR and CAAR with the cross-sectional t, Patell's Z, the
 * Boehmer-Musumeci-Poulsen t, Corrado's rank test (Corrado-Zivney scaling,
 * Cowan's multi-day form) and Cowan's generalized sign test.  */
#ifndef EVENT_H
#define EVENT_H

#include <stddef.h>
#include <stdint.h>

#include "ff_error.h"
#include "prices.h"

enum event_model { EVENT_MARKET, EVENT_ADJUSTED, EVENT_MEAN };

struct event_opts {
	enum event_model model;
	int est_from, est_to;    /* estimation window, days relative to day 0 */
	int win_from, win_to;    /* event window */
	int skip_ranks;          /* leave u[] NaN: only the across-event rank
				    tests read it, and the sort costs */
};

/* market model, -250:-11, -5:5. */
void event_opts_default(struct event_opts *o);
/* The windows are ordered and the estimation window ends before the
 * event window starts. */
int event_opts_check(const struct event_opts *o, struct ff_error *err);
/* "market", "adjusted", "mean" -> *m; -1 when none of them. */
int event_model_parse(const char *s, enum event_model *m);
const char *event_model_name(enum event_model m);
/* "A:B" with integers A <= B (either may be negative); -1 otherwise. */
int event_range_parse(const char *s, int *from, int *to);

/* A stock and its market, aligned by date once for all its events. */
struct event_series {
	const struct prices *stock, *market;
	size_t n;          /* stock rows */
	double *r;         /* r[k]: stock return from row k-1 to k; r[0] NaN */
	double *rm;        /* market return between the same dates, NaN when
			      the market has no row on either date */
};

int event_series_new(const struct prices *stock, const struct prices *market,
		     struct event_series **out, struct ff_error *err);
void event_series_free(struct event_series *s);

/* One day of the event window. */
struct event_day {
	int offset;
	int32_t date;
	double r, rm, expected, ar, se, t, p;
	double car, car_se, car_t, car_p;   /* from the window's first day */
};

struct event_result {
	int32_t date;          /* as asked */
	int32_t day0;          /* the trading day used */
	size_t k0;             /* its stock row */
	size_t est_days;       /* L: estimation days used */
	size_t est_dropped;    /* estimation days without a market return */
	int df;
	double alpha, beta;    /* market: OLS; mean: alpha = mean R, beta NaN;
				  adjusted: both NaN */
	double sigma;          /* s */
	double s2, rm_mean, sxx;
	size_t n;              /* window days */
	struct event_day *day;
	/* Over offsets est_from..win_to (index offset - est_from): the
	 * estimation residuals and window ARs, NaN where none; and their
	 * Corrado-Zivney rank scores K/(T+1) - 1/2. */
	size_t span;
	double *ar_all, *u;
	double pos_frac;       /* share of positive estimation residuals */
};

/* Studies one event.  -1 with err naming why it cannot be studied (the
 * date is after the data, too little history, the window runs past the
 * data, the market lacks a day the window needs).  On success free the
 * result with event_result_free. */
int event_compute(const struct event_series *s, int32_t date,
		  const struct event_opts *o, struct event_result *res,
		  struct ff_error *err);
void event_result_free(struct event_result *res);

/* A statistic across events and its two-sided p-value. */
struct event_test {
	double stat, p;
};

struct event_across {
	size_t n;                  /* events */
	double mean;               /* AAR of the day, or CAAR of the window */
	struct event_test cs;      /* cross-sectional t, df n-1 */
	struct event_test patell;  /* Z, standard normal */
	struct event_test bmp;     /* t, df n-1 */
	struct event_test corrado; /* Z, standard normal */
	struct event_test sign;    /* generalized sign Z, standard normal */
};

/* Tests on the ARs of window day index d (0..n-1) across res[0..m). */
void event_across_day(const struct event_result *const *res, size_t m,
		      size_t d, struct event_across *out);
/* Tests on the CARs from window day 0 to window day d, across events. */
void event_across_car(const struct event_result *const *res, size_t m,
		      size_t d, struct event_across *out);

#endif
