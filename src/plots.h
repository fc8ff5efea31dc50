/* plots: the chart kinds, each a function over the chart kit. */
#ifndef PLOTS_H
#define PLOTS_H

#include <cairo.h>
#include <stddef.h>
#include <stdint.h>

#include "facts.h"
#include "ff_error.h"
#include "prices.h"

#define PLOTS_MAX_MA 4

struct plots_opts {
	const char *out;         /* .png, .pdf or .svg */
	cairo_t *target;         /* instead of out: draw into this context, */
	double tx, ty, tw, th;   /* in this box (a report page) */
	int width, height;       /* pixels (PDF: 0.6 pt each) */
	const char *title, *subtitle, *source;   /* NULL: a default */
	int32_t from, to;        /* DATE_NONE: open */
	int ma[PLOTS_MAX_MA];    /* candles: moving averages, in days */
	size_t nma;
	int log;                 /* candles, series: log price scale */
	int bars;                /* candles: OHLC bars, not candles */
	int rebase;              /* series: rebased to 100 at the first day */
	const int32_t *events;   /* series: marked days; reaction: [0] news day */
	size_t nevents;
	int before, after;       /* reaction: trading days shown around the day */
	double confidence;       /* returns: the VaR level */
	const char *scope, *period;   /* share: which market */
};

void plots_opts_init(struct plots_opts *o);

int plots_candles(const struct prices *p, const struct plots_opts *o,
		  struct ff_error *err);
int plots_series(struct prices *const *ps, size_t n, const struct plots_opts *o,
		 struct ff_error *err);
int plots_returns(const struct prices *p, const struct plots_opts *o,
		  struct ff_error *err);
int plots_drawdown(const struct prices *p, const struct plots_opts *o,
		   struct ff_error *err);
/* Market shares of o->scope and o->period (or, when those are NULL, of the
 * first scope and period with shares) from a fact table. */
int plots_share(const struct facts *f, const struct plots_opts *o,
		struct ff_error *err);
/* Daily candles around o->events[0] with the claims of f about p's
 * listing on that day drawn beside what happened. */
int plots_reaction(const struct prices *p, const struct facts *f,
		   const char *ticker, const struct plots_opts *o,
		   struct ff_error *err);

/* A cumulative abnormal return path over the event window, with its
 * confidence band (from `finfacts event` output: one event, or the CAAR). */
struct plots_car {
	size_t n;
	const int *offset;       /* trading days from the event day */
	const double *car, *lo, *hi;   /* as fractions (0.05 = 5%) */
	const char *what;        /* "9988.HK, 2025-02-13" or "CAAR of 12 events" */
	const char *band;        /* how the band was made */
};
int plots_car(const struct plots_car *car, const struct plots_opts *o,
	      struct ff_error *err);

/* A price-move ladder when no price file is at hand: the steps a news
 * day's numbers imply (previous close, intraday extreme, close), each a
 * level with the interval its stated precision allows. */
#define PLOTS_MAX_STEPS 4
struct plots_ladder {
	const char *ticker, *date, *currency;
	size_t n;
	struct plots_step {
		const char *label;   /* "previous close (implied)" */
		double value, lo, hi;
		const char *move;    /* text on the arrow into this step, or NULL */
	} step[PLOTS_MAX_STEPS];
};
int plots_ladder(const struct plots_ladder *l, const struct plots_opts *o,
		 struct ff_error *err);

#endif
