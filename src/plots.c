#include "plots.h"

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "date.h"

#define DEFAULT_ROWS 260     /* about a year of sessions */
#define SMALL 13.0

void plots_opts_init(struct plots_opts *o)
{
	memset(o, 0, sizeof *o);
	o->width = 1200;
	o->height = 700;
	o->from = o->to = DATE_NONE;
	o->before = 10;
	o->after = 5;
	o->confidence = 0.95;
}

static struct chart *open_chart(const struct plots_opts *o, struct ff_error *err)
{
	if (!o->target) return chart_new(o->out, o->width, o->height, err);
	struct chart *c = chart_new_on(o->target, o->tx, o->ty, o->tw, o->th, o->width, o->height);
	if (!c) ff_error_set(err, NULL, 0, NULL, "out of memory");
	return c;
}

/* Rows [*i0, *i1) of p inside the options' dates; without dates the last
 * `dflt` rows.  -1 when nothing is left. */
static int slice(const struct prices *p, const struct plots_opts *o, size_t dflt,
		 size_t *i0, size_t *i1, struct ff_error *err)
{
	*i0 = o->from != DATE_NONE ? prices_lower_bound(p, o->from) : 0;
	*i1 = o->to != DATE_NONE ? prices_lower_bound(p, o->to + 1) : p->n;
	if (o->from == DATE_NONE && dflt && *i1 - *i0 > dflt) *i0 = *i1 - dflt;
	if (*i1 <= *i0 + 1)
		return ff_error_set(err, p->path, 0, NULL,
				    "fewer than two rows between the dates asked for");
	return 0;
}

static const char *currency_prefix(const char *ticker_or_unit)
{
	size_t n = strlen(ticker_or_unit);
	if (!strcmp(ticker_or_unit, "HKD") || (n > 3 && !strcmp(ticker_or_unit + n - 3, ".HK")))
		return "HK$";
	if (!strcmp(ticker_or_unit, "CNY")) return "\xc2\xa5";
	if (!strcmp(ticker_or_unit, "EUR")) return "\xe2\x82\xac";
	if (!strcmp(ticker_or_unit, "GBP")) return "\xc2\xa3";
	if (ticker_or_unit[0] == '^') return "";
	return "$";
}

static void range_of(const double *v, size_t n, double *lo, double *hi)
{
	for (size_t i = 0; i < n; i++) {
		if (!isfinite(v[i])) continue;
		if (v[i] < *lo) *lo = v[i];
		if (v[i] > *hi) *hi = v[i];
	}
}

static void pad_range(struct chart_axis *a, double frac)
{
	if (a->log) {
		a->lo /= 1 + frac;
		a->hi *= 1 + frac;
		return;
	}
	double d = (a->hi - a->lo) * frac;
	if (d == 0) d = fabs(a->hi) * frac + 1e-9;
	a->lo -= d;
	a->hi += d;
}

static const char *or_default(const char *s, const char *dflt)
{
	return s ? s : dflt;
}

/* "A", "A and B", "A, B and C" up to five names; "A and N more" past. */
static void series_names(char *buf, size_t cap, struct prices *const *ps,
			 size_t np)
{
	if (np > 5) {
		snprintf(buf, cap, "%s and %zu more", ps[0]->name, np - 1);
		return;
	}
	size_t at = 0;
	buf[0] = '\0';
	for (size_t s = 0; s < np && at < cap; s++)
		at += (size_t)snprintf(buf + at, cap - at, "%s%s",
				       s == 0 ? "" : s + 1 == np ? " and " : ", ",
				       ps[s]->name);
}

static void source_line(char *buf, size_t cap, const struct prices *p,
			const char *given)
{
	if (given) snprintf(buf, cap, "%s", given);
	else snprintf(buf, cap, "Source: daily prices, %s", p->path);
}

/* x panel over trading-day indexes 0..n-1 with half a slot of margin. */
static void day_axis(struct chart_panel *pn, size_t n)
{
	pn->x.lo = -0.6;
	pn->x.hi = (double)n - 0.4;
	pn->x.log = 0;
}

/* Volume panel under a price panel. */
static void draw_volume(struct chart *c, struct chart_rect box, const struct prices *p,
			size_t i0, size_t n)
{
	struct chart_panel pn = {.box = box};
	day_axis(&pn, n);
	double hi = 0;
	int *up = malloc(n * sizeof *up);
	if (!up) return;
	for (size_t i = 0; i < n; i++) {
		double v = p->volume[i0 + i];
		if (isfinite(v) && v > hi) hi = v;
		up[i] = p->close[i0 + i] >= p->open[i0 + i];
	}
	pn.y.lo = 0;
	pn.y.hi = hi > 0 ? hi * 1.05 : 1;
	/* Volumes read in millions: keep tick labels short. */
	double scale = hi >= 1e9 ? 1e9 : hi >= 1e6 ? 1e6 : hi >= 1e3 ? 1e3 : 1;
	struct chart_panel lab = pn;
	lab.y.hi /= scale;
	chart_yaxis(c, &lab, 0, NULL, CHART_NUM_PLAIN, 3);
	chart_columns(c, &pn, p->volume + i0, up, n, 0);
	const char *unit = scale == 1e9 ? "Volume (bn)" : scale == 1e6 ? "Volume (m)"
			 : scale == 1e3 ? "Volume (k)" : "Volume";
	chart_text(c, box.x + 6, box.y + 8, 'l', SMALL, 0, chart_grey, unit);
	free(up);
}

static int finish(struct chart *c, struct ff_error *err)
{
	return chart_save(c, err);
}

/* Trailing mean over `win` values ending at i (NaN before enough data). */
static double moving_avg(const double *v, size_t i, int win)
{
	if ((size_t)win > i + 1 || win <= 0) return NAN;
	double s = 0;
	for (size_t k = i + 1 - (size_t)win; k <= i; k++) s += v[k];
	return s / win;
}

int plots_candles(const struct prices *p, const struct plots_opts *o,
		  struct ff_error *err)
{
	size_t i0, i1;
	if (!p->open || !p->high || !p->low)
		return ff_error_set(err, p->path, 0, NULL, "candles need Open, High, Low, Close");
	if (slice(p, o, DEFAULT_ROWS, &i0, &i1, err)) return -1;
	size_t n = i1 - i0;
	double *ma = calloc(n * (o->nma ? o->nma : 1), sizeof *ma);
	if (!ma) return ff_error_set(err, o->out, 0, NULL, "out of memory");
	struct chart *c = open_chart(o, err);
	if (!c) {
		free(ma);
		return -1;
	}
	char a[DATE_ISO_LEN], b[DATE_ISO_LEN], title[256], sub[256], src[512];
	snprintf(title, sizeof title, "%s daily %s", p->name, o->bars ? "bars" : "candles");
	double last = p->close[i1 - 1], prev = i1 >= 2 ? p->close[i1 - 2] : NAN;
	char lastbuf[64];
	chart_fmt(lastbuf, sizeof lastbuf, last, 2, currency_prefix(p->name), CHART_NUM_PLAIN);
	snprintf(sub, sizeof sub, "%s to %s, %zu sessions; last close %s (%+.2f%% on the day)%s",
		 date_format(p->date[i0], a), date_format(p->date[i1 - 1], b), n, lastbuf,
		 (last / prev - 1) * 100, o->log ? "; log scale" : "");
	source_line(src, sizeof src, p, o->source);
	struct chart_rect box = chart_frame(c, or_default(o->title, title),
					   or_default(o->subtitle, sub), src);
	box.x += 70;
	box.w -= 80;
	box.h -= 22;
	struct chart_rect parts[2];
	double weights[2] = {3, 1};
	int vol = p->volume != NULL;
	if (vol) chart_split(box, weights, 2, 14, parts);
	else parts[0] = box;
	struct chart_panel pn = {.box = parts[0]};
	day_axis(&pn, n);
	pn.y.lo = INFINITY;
	pn.y.hi = -INFINITY;
	pn.y.log = o->log;
	range_of(p->low + i0, n, &pn.y.lo, &pn.y.hi);
	range_of(p->high + i0, n, &pn.y.lo, &pn.y.hi);
	for (size_t m = 0; m < o->nma; m++)
		for (size_t i = 0; i < n; i++)
			ma[m * n + i] = moving_avg(p->close, i0 + i, o->ma[m]);
	range_of(ma, n * o->nma, &pn.y.lo, &pn.y.hi);
	pad_range(&pn.y, 0.04);
	chart_yaxis(c, &pn, 0, currency_prefix(p->name), CHART_NUM_PLAIN, 6);
	chart_xaxis_dates(c, &pn, p->date + i0, n, !vol);
	chart_candles(c, &pn, p->open + i0, p->high + i0, p->low + i0, p->close + i0, n, o->bars);
	struct chart_legend_item items[PLOTS_MAX_MA];
	char labels[PLOTS_MAX_MA][32];
	for (size_t m = 0; m < o->nma; m++) {
		struct chart_rgb col = chart_series_colour(m + 1);
		chart_polyline(c, &pn, NULL, ma + m * n, n, col, 2);
		snprintf(labels[m], sizeof labels[m], "%d-day moving average", o->ma[m]);
		items[m] = (struct chart_legend_item){labels[m], col, 0};
	}
	if (o->nma) chart_legend(c, &pn, items, o->nma);
	if (vol) {
		struct chart_panel vp = {.box = parts[1]};
		day_axis(&vp, n);
		vp.y.lo = 0;
		vp.y.hi = 1;
		draw_volume(c, parts[1], p, i0, n);
		chart_xaxis_dates(c, &vp, p->date + i0, n, 1);
	}
	free(ma);
	return finish(c, err);
}

/* ---- series ---- */

int plots_series(struct prices *const *ps, size_t np, const struct plots_opts *o,
		 struct ff_error *err)
{
	const struct prices *base = ps[0];
	size_t i0, i1;
	if (slice(base, o, 0, &i0, &i1, err)) return -1;
	size_t n = i1 - i0;
	/* Every series on the first one's trading days, by date. */
	double *y = malloc(n * np * sizeof *y);
	if (!y) return ff_error_set(err, o->out, 0, NULL, "out of memory");
	struct chart_panel pn = {.y = {INFINITY, -INFINITY, o->log}};
	for (size_t s = 0; s < np; s++) {
		const double *v = prices_value(ps[s]);
		double first = NAN;
		for (size_t i = 0; i < n; i++) {
			long k = prices_find(ps[s], base->date[i0 + i]);
			y[s * n + i] = k < 0 ? NAN : v[k];
			if (o->rebase && isnan(first) && k >= 0) first = v[k];
			if (o->rebase && k >= 0) y[s * n + i] = v[k] / first * 100;
		}
	}
	range_of(y, n * np, &pn.y.lo, &pn.y.hi);
	struct chart *c = open_chart(o, err);
	if (!c) {
		free(y);
		return -1;
	}
	char a[DATE_ISO_LEN], b[DATE_ISO_LEN], title[256], sub[256], src[512];
	series_names(title, sizeof title, ps, np);
	snprintf(sub, sizeof sub, "%s to %s; %s%s", date_format(base->date[i0], a),
		 date_format(base->date[i1 - 1], b),
		 o->rebase ? "rebased to 100 on the first day" : "daily close (adjusted where the file has Adj Close)",
		 o->log ? "; log scale" : "");
	if (o->source || np == 1) {
		source_line(src, sizeof src, base, o->source);
	} else {
		size_t at = (size_t)snprintf(src, sizeof src, "Source: daily prices,");
		for (size_t s = 0; s < np && at < sizeof src; s++)
			at += (size_t)snprintf(src + at, sizeof src - at, " %s%s",
					       ps[s]->path, s + 1 < np ? "," : "");
	}
	struct chart_rect box = chart_frame(c, or_default(o->title, title),
					   or_default(o->subtitle, sub), src);
	box.x += 70;
	box.w -= 80;
	box.h -= 22;
	pn.box = box;
	day_axis(&pn, n);
	pad_range(&pn.y, 0.04);
	chart_yaxis(c, &pn, 0, o->rebase || np > 1 ? NULL : currency_prefix(base->name),
		    CHART_NUM_PLAIN, 6);
	chart_xaxis_dates(c, &pn, base->date + i0, n, 1);
	struct chart_legend_item items[16];
	for (size_t s = 0; s < np; s++) {
		chart_polyline(c, &pn, NULL, y + s * n, n, chart_series_colour(s), 2);
		if (s < 16) items[s] = (struct chart_legend_item){ps[s]->name, chart_series_colour(s), 0};
	}
	chart_legend(c, &pn, items, np < 16 ? np : 16);
	for (size_t e = 0; e < o->nevents; e++) {
		size_t k = prices_lower_bound(base, o->events[e]);
		if (k < i0 || k >= i1) continue;
		chart_vline(c, &pn, (double)(k - i0), chart_grey, 1, 1);
		char lab[32];
		chart_label(c, pn.box, chart_px(&pn, (double)(k - i0)) + 4, pn.box.y + 34, 'l',
			    SMALL, chart_ink, date_format(base->date[k], lab));
	}
	free(y);
	return finish(c, err);
}

/* ---- returns ---- */

static double *simple_returns(const struct prices *p, size_t i0, size_t i1, size_t *n)
{
	const double *v = prices_value(p);
	size_t start = i0 ? i0 : 1;
	*n = i1 > start ? i1 - start : 0;
	double *r = malloc((*n ? *n : 1) * sizeof *r);
	if (!r) return NULL;
	for (size_t i = 0; i < *n; i++) r[i] = v[start + i] / v[start + i - 1] - 1;
	return r;
}

#define NBINS 60

int plots_returns(const struct prices *p, const struct plots_opts *o,
		  struct ff_error *err)
{
	size_t i0, i1, n;
	if (slice(p, o, 0, &i0, &i1, err)) return -1;
	double *r = simple_returns(p, i0, i1, &n);
	if (!r) return ff_error_set(err, o->out, 0, NULL, "out of memory");
	if (n < 10) {
		free(r);
		return ff_error_set(err, p->path, 0, NULL, "need at least 10 returns, have %zu", n);
	}
	double mean = gsl_stats_mean(r, 1, n), sd = gsl_stats_sd(r, 1, n);
	gsl_sort(r, 1, n);
	/* numpy's default (linear) quantile, as `stats` reports VaR. */
	double var = gsl_stats_quantile_from_sorted_data(r, 1, n, 1 - o->confidence);
	/* Bins over the 0.1%..99.9% range: a crash day would squash the rest. */
	double lo = gsl_stats_quantile_from_sorted_data(r, 1, n, 0.001);
	double hi = gsl_stats_quantile_from_sorted_data(r, 1, n, 0.999);
	double w = (hi - lo) / NBINS, count[NBINS] = {0}, top = 0;
	size_t outside = 0;
	for (size_t i = 0; i < n; i++) {
		long b = (long)floor((r[i] - lo) / w);
		if (b < 0 || b >= NBINS) {
			if (r[i] != hi) outside++;
			b = b < 0 ? 0 : NBINS - 1;
		}
		count[b]++;
	}
	for (int b = 0; b < NBINS; b++) top = fmax(top, count[b]);
	double peak = (double)n * w / (sd * sqrt(2 * M_PI));
	struct chart *c = open_chart(o, err);
	if (!c) {
		free(r);
		return -1;
	}
	char a[DATE_ISO_LEN], b[DATE_ISO_LEN], sub[256], src[512], title[256];
	snprintf(title, sizeof title, "%s: distribution of daily returns", p->name);
	snprintf(sub, sizeof sub, "%zu returns, %s to %s; mean %+.3f%%, sd %.3f%%; "
		 "%zu beyond the 0.1%%/99.9%% range are counted in the end bins",
		 n, date_format(p->date[i1 - n - 1 + (i0 == 0)], a), date_format(p->date[i1 - 1], b),
		 mean * 100, sd * 100, outside);
	source_line(src, sizeof src, p, o->source);
	struct chart_rect box = chart_frame(c, or_default(o->title, title),
					   or_default(o->subtitle, sub), src);
	box.x += 60;
	box.w -= 70;
	box.h -= 22;
	struct chart_panel pn = {.box = box, .x = {lo * 100, hi * 100, 0},
				 .y = {0, fmax(top, peak) * 1.12, 0}};
	chart_yaxis(c, &pn, 0, NULL, CHART_NUM_PLAIN, 5);
	chart_xaxis_values(c, &pn, NULL, CHART_NUM_PCT, 10);
	cairo_t *cr = chart_cr(c);
	for (int k = 0; k < NBINS; k++) {
		double x0 = chart_px(&pn, (lo + k * w) * 100), x1 = chart_px(&pn, (lo + (k + 1) * w) * 100);
		double y0 = chart_py(&pn, 0), y1 = chart_py(&pn, count[k]);
		cairo_set_source_rgb(cr, chart_blue.r, chart_blue.g, chart_blue.b);
		cairo_rectangle(cr, x0 + 0.5, y1, fmax(x1 - x0 - 1, 1), y0 - y1);
		cairo_fill(cr);
		chart_occupy(c, (struct chart_rect){x0, y1, x1 - x0, y0 - y1});
	}
	double xs[200], ys[200];
	for (int k = 0; k < 200; k++) {
		double x = lo + (hi - lo) * k / 199;
		xs[k] = x * 100;
		ys[k] = peak * exp(-0.5 * ((x - mean) / sd) * ((x - mean) / sd));
	}
	chart_polyline(c, &pn, xs, ys, 200, chart_orange, 2.5);
	chart_vline(c, &pn, var * 100, chart_red, 2, 1);
	char lab[96];
	snprintf(lab, sizeof lab, "historical VaR %.0f%%: %.2f%%", o->confidence * 100, var * 100);
	chart_label(c, pn.box, chart_px(&pn, var * 100) - 6, pn.box.y + 40, 'r', SMALL,
		    chart_red, lab);
	struct chart_legend_item items[] = {
		{"daily returns (count per bin)", chart_blue, 0},
		{"normal with the same mean and sd", chart_orange, 0},
	};
	chart_legend(c, &pn, items, 2);
	free(r);
	return finish(c, err);
}

/* ---- drawdown ---- */

int plots_drawdown(const struct prices *p, const struct plots_opts *o,
		   struct ff_error *err)
{
	size_t i0, i1;
	if (slice(p, o, 0, &i0, &i1, err)) return -1;
	size_t n = i1 - i0, peak = 0, wpeak = 0, wtrough = 0;
	const double *v = prices_value(p) + i0;
	double *dd = malloc(n * sizeof *dd), worst = 0;
	if (!dd) return ff_error_set(err, o->out, 0, NULL, "out of memory");
	for (size_t i = 0; i < n; i++) {
		if (v[i] > v[peak]) peak = i;
		dd[i] = (v[i] / v[peak] - 1) * 100;
		if (dd[i] < worst) {
			worst = dd[i];
			wpeak = peak;
			wtrough = i;
		}
	}
	struct chart *c = open_chart(o, err);
	if (!c) {
		free(dd);
		return -1;
	}
	char a[DATE_ISO_LEN], b[DATE_ISO_LEN], title[256], sub[256], src[512];
	snprintf(title, sizeof title, "%s: drawdown from the running peak", p->name);
	snprintf(sub, sizeof sub, "worst drawdown %.1f%%, from the peak on %s to the trough on %s",
		 worst, date_format(p->date[i0 + wpeak], a), date_format(p->date[i0 + wtrough], b));
	source_line(src, sizeof src, p, o->source);
	struct chart_rect box = chart_frame(c, or_default(o->title, title),
					   or_default(o->subtitle, sub), src);
	box.x += 70;
	box.w -= 80;
	box.h -= 22;
	struct chart_rect parts[2];
	double weights[2] = {1.3, 1};
	chart_split(box, weights, 2, 16, parts);
	struct chart_panel top = {.box = parts[0], .y = {INFINITY, -INFINITY, 0}};
	struct chart_panel bot = {.box = parts[1], .y = {worst * 1.08 - 0.5, 0, 0}};
	day_axis(&top, n);
	day_axis(&bot, n);
	range_of(v, n, &top.y.lo, &top.y.hi);
	pad_range(&top.y, 0.05);
	chart_yaxis(c, &top, 0, currency_prefix(p->name), CHART_NUM_PLAIN, 5);
	chart_xaxis_dates(c, &top, p->date + i0, n, 0);
	chart_polyline(c, &top, NULL, v, n, chart_blue, 1.8);
	chart_yaxis(c, &bot, 0, NULL, CHART_NUM_PCT, 5);
	chart_xaxis_dates(c, &bot, p->date + i0, n, 1);
	double *zero = calloc(n, sizeof *zero);
	if (zero) chart_band(c, &bot, NULL, dd, zero, n, chart_red, 0.35);
	free(zero);
	chart_polyline(c, &bot, NULL, dd, n, chart_red, 1.2);
	chart_marker(c, &top, (double)wpeak, v[wpeak], chart_ink, 5);
	chart_marker(c, &top, (double)wtrough, v[wtrough], chart_red, 5);
	char lab[96];
	snprintf(lab, sizeof lab, "peak %s", date_format(p->date[i0 + wpeak], a));
	chart_label(c, top.box, chart_px(&top, (double)wpeak), chart_py(&top, v[wpeak]), 'c', SMALL, chart_ink, lab);
	snprintf(lab, sizeof lab, "trough %s (%.1f%%)", date_format(p->date[i0 + wtrough], a), worst);
	chart_label(c, top.box, chart_px(&top, (double)wtrough), chart_py(&top, v[wtrough]), 'c', SMALL, chart_red, lab);
	free(dd);
	return finish(c, err);
}

/* ---- share ---- */

/* "year:2024" -> "2024", "quarter:2024Q4" -> "Q4 2024", others as written. */
static const char *period_words(const char *period, char *buf, size_t cap)
{
	const char *colon = strchr(period, ':');
	if (!colon) return period;
	if (!strncmp(period, "quarter:", 8) && strlen(colon + 1) == 6)
		snprintf(buf, cap, "%.2s %.4s", colon + 5, colon + 1);
	else snprintf(buf, cap, "%s", colon + 1);
	return buf;
}


#define MAX_SHARES 24

struct share_set {
	const char *scope, *period, *attribution;
	const char *name[MAX_SHARES];
	double value[MAX_SHARES];
	size_t n;
};

static int is_share(const struct fact *f)
{
	return !strcmp(f->measure, "market_share") && !strcmp(f->unit, "pct");
}

/* The named shares of one scope and period; a company told twice counts once. */
static void collect_shares(const struct facts *t, const char *scope,
			   const char *period, struct share_set *s)
{
	memset(s, 0, sizeof *s);
	s->scope = scope;
	s->period = period;
	for (size_t i = 0; i < t->n && s->n < MAX_SHARES; i++) {
		const struct fact *f = &t->v[i];
		if (!is_share(f) || strcmp(f->scope, scope) || strcmp(f->period, period)) continue;
		size_t k = 0;
		while (k < s->n && strcmp(s->name[k], f->entity)) k++;
		if (k < s->n) continue;
		s->name[k] = f->entity;
		s->value[k] = f->value;
		if (!s->attribution && f->attribution[0]) s->attribution = f->attribution;
		s->n++;
	}
	/* Largest first. */
	for (size_t i = 1; i < s->n; i++)
		for (size_t j = i; j > 0 && s->value[j] > s->value[j - 1]; j--) {
			double v = s->value[j];
			const char *nm = s->name[j];
			s->value[j] = s->value[j - 1];
			s->name[j] = s->name[j - 1];
			s->value[j - 1] = v;
			s->name[j - 1] = nm;
		}
}

/* The scope asked for (or the first with shares), and its latest one or
 * two periods (or the one asked for). */
static size_t pick_share_sets(const struct facts *t, const struct plots_opts *o,
			      struct share_set sets[2])
{
	const char *scope = o->scope, *p1 = NULL, *p2 = NULL;
	for (size_t i = 0; i < t->n; i++) {
		const struct fact *f = &t->v[i];
		if (!is_share(f) || (scope && strcmp(f->scope, scope))) continue;
		scope = f->scope;
		if (o->period && strcmp(f->period, o->period)) continue;
		if (!p1 || strcmp(f->period, p1) > 0) {
			if (p1 && strcmp(p1, f->period)) p2 = p1;
			p1 = f->period;
		} else if (strcmp(f->period, p1) && (!p2 || strcmp(f->period, p2) > 0)) {
			p2 = f->period;
		}
	}
	if (!p1) return 0;
	size_t n = 0;
	if (p2) collect_shares(t, scope, p2, &sets[n++]);
	collect_shares(t, scope, p1, &sets[n++]);
	return n;
}

static double hhi_of(const struct share_set *s)
{
	double h = 0;
	for (size_t k = 0; k < s->n; k++) h += s->value[k] * s->value[k];
	return h;
}

static const char *hhi_band(double h)
{
	return h > 1800 ? "highly concentrated" : h >= 1000 ? "moderately concentrated"
							   : "unconcentrated";
}

static void draw_share_panel(struct chart *c, struct chart_rect box,
			     const struct share_set *s, double xmax)
{
	double sum = 0;
	for (size_t k = 0; k < s->n; k++) sum += s->value[k];
	size_t rows = s->n + (sum < 100);
	double label_w = 0;
	for (size_t k = 0; k < s->n; k++)
		label_w = fmax(label_w, chart_text_width(c, 15, 0, s->name[k]));
	label_w = fmax(label_w, chart_text_width(c, 15, 0, "Others")) + 14;
	char head[128], pw[32];
	snprintf(head, sizeof head, "%s%s%s", s->scope, s->scope[0] ? ", " : "",
		 period_words(s->period, pw, sizeof pw));
	chart_text(c, box.x, box.y + 10, 'l', 16, 1, chart_ink, head);
	struct chart_panel pn = {.box = {box.x + label_w, box.y + 30, box.w - label_w - 60, box.h - 30},
				 .x = {0, xmax, 0}, .y = {0, (double)rows, 0}};
	double slot = pn.box.h / (double)rows, bh = fmin(slot * 0.7, 46);
	cairo_t *cr = chart_cr(c);
	for (size_t k = 0; k < rows; k++) {
		int others = k == s->n;
		double v = others ? 100 - sum : s->value[k];
		double y = pn.box.y + slot * ((double)k + 0.5);
		struct chart_rgb col = others ? chart_light : chart_series_colour(0);
		cairo_set_source_rgb(cr, col.r, col.g, col.b);
		double x1 = chart_px(&pn, v);
		cairo_rectangle(cr, pn.box.x, y - bh / 2, x1 - pn.box.x, bh);
		cairo_fill(cr);
		chart_text(c, pn.box.x - 8, y, 'r', 15, 0, chart_ink, others ? "Others" : s->name[k]);
		char lab[32];
		snprintf(lab, sizeof lab, "%s%%", chart_fmt(lab + 16, 16, v, v == round(v) ? 0 : 1, NULL, CHART_NUM_PLAIN));
		chart_text(c, x1 + 6, y, 'l', 15, !others, others ? chart_grey : chart_ink, lab);
	}
}

int plots_share(const struct facts *t, const struct plots_opts *o,
		struct ff_error *err)
{
	struct share_set sets[2];
	size_t ns = pick_share_sets(t, o, sets);
	if (!ns)
		return ff_error_set(err, o->out, 0, NULL, "no market_share facts%s%s%s%s",
				    o->scope ? " for scope " : "", o->scope ? o->scope : "",
				    o->period ? " and period " : "", o->period ? o->period : "");
	const struct share_set *last = &sets[ns - 1];
	double xmax = 0;
	for (size_t s = 0; s < ns; s++) {
		double sum = 0;
		for (size_t k = 0; k < sets[s].n; k++) {
			xmax = fmax(xmax, sets[s].value[k]);
			sum += sets[s].value[k];
		}
		xmax = fmax(xmax, 100 - sum);
	}
	struct chart *c = open_chart(o, err);
	if (!c) return -1;
	char title[256], sub[512], src[256], pw[32];
	double cr3 = 0;
	for (size_t k = 0; k < last->n && k < 3; k++) cr3 += last->value[k];
	const char *pl = period_words(last->period, pw, sizeof pw);
	snprintf(title, sizeof title, "Market share%s%s, %s", last->scope[0] ? ": " : "",
		 last->scope, pl);
	snprintf(sub, sizeof sub, "%s: top three (CR3) %.1f%%; HHI at least %.0f from the "
		 "named shares alone (%s or more on the 2023 US merger guidelines)",
		 pl, cr3, hhi_of(last), hhi_band(hhi_of(last)));
	snprintf(src, sizeof src, "%s", o->source ? o->source : "Source: the articles' figures");
	if (!o->source && last->attribution)
		snprintf(src, sizeof src, "Source: %s, as reported in the articles", last->attribution);
	struct chart_rect box = chart_frame(c, or_default(o->title, title),
					   or_default(o->subtitle, sub), src);
	double gap = 40, w = (box.w - gap * (double)(ns - 1)) / (double)ns;
	for (size_t s = 0; s < ns; s++)
		draw_share_panel(c, (struct chart_rect){box.x + (double)s * (w + gap), box.y, w, box.h},
				 &sets[s], xmax * 1.1);
	return finish(c, err);
}

/* ---- reaction ---- */

static const char *claim_words(const char *period)
{
	if (!strcmp(period, "intraday_high")) return "intraday high";
	if (!strcmp(period, "intraday_low")) return "intraday low";
	if (!strcmp(period, "intraday")) return "intraday move";
	if (!strcmp(period, "day")) return "move on the day";
	return period;
}

static const char *qual_words(const char *q)
{
	if (!strcmp(q, "max")) return "as much as ";
	if (!strcmp(q, "gt")) return "more than ";
	if (!strcmp(q, "lt")) return "nearly ";
	if (!strcmp(q, "approx")) return "about ";
	return "";
}

struct claim_draw {
	struct chart *c;
	const struct chart_panel *pn;
	struct chart_rect bounds;
	double x, prev;
	const char *cur;
};

/* The stated level of a claim: a price as stated, a move from the
 * previous close.  Draws a tick there and a label to its left. */
static void draw_claim(struct claim_draw *d, const struct fact *f)
{
	char text[160], num[48];
	double level;
	if (!strcmp(f->measure, "price")) {
		level = f->value;
		snprintf(num, sizeof num, "%s%g", d->cur, f->value);
		snprintf(text, sizeof text, "stated %s: %s%s", claim_words(f->period),
			 qual_words(f->qualifier), num);
	} else {
		level = d->prev * (1 + f->value / 100);
		snprintf(text, sizeof text, "stated %s: %s%+g%%", claim_words(f->period),
			 qual_words(f->qualifier), f->value);
	}
	double y = chart_py(d->pn, level), x = chart_px(d->pn, d->x);
	cairo_t *cr = chart_cr(d->c);
	cairo_set_source_rgb(cr, chart_orange.r, chart_orange.g, chart_orange.b);
	cairo_set_line_width(cr, 3);
	cairo_move_to(cr, x - 26, y);
	cairo_line_to(cr, x - 10, y);
	cairo_stroke(cr);
	chart_label(d->c, d->bounds, x - 30, y, 'r', SMALL, chart_orange, text);
}

static int claim_about(const struct fact *f, const char *ticker, int32_t day)
{
	if (strcmp(f->ticker, ticker) || f->date == DATE_NONE) return 0;
	if (f->date < day - 1 || f->date > day + 1) return 0;
	if (!strcmp(f->measure, "price"))
		return strcmp(f->period, "level") != 0;
	return !strcmp(f->measure, "price_change") &&
	       (!strcmp(f->period, "intraday") || !strcmp(f->period, "close") ||
		!strcmp(f->period, "day") || !strcmp(f->period, "open"));
}

static void actual_label(struct claim_draw *d, double level, const char *what)
{
	char text[128], num[48];
	chart_fmt(num, sizeof num, level, 2, d->cur, CHART_NUM_PLAIN);
	snprintf(text, sizeof text, "actual %s %s (%+.2f%%)", what, num, (level / d->prev - 1) * 100);
	chart_label(d->c, d->bounds, chart_px(d->pn, d->x) + 14, chart_py(d->pn, level), 'l',
		    SMALL, chart_ink, text);
}

int plots_reaction(const struct prices *p, const struct facts *t,
		   const char *ticker, const struct plots_opts *o,
		   struct ff_error *err)
{
	int32_t day = o->events[0];
	size_t k = prices_lower_bound(p, day);
	if (k >= p->n || k == 0)
		return ff_error_set(err, p->path, 0, NULL, "the news day is not inside "
				    "the price file (need the day and one before it)");
	size_t i0 = k > (size_t)o->before ? k - (size_t)o->before : 0;
	size_t i1 = k + (size_t)o->after + 1 < p->n ? k + (size_t)o->after + 1 : p->n;
	size_t n = i1 - i0;
	struct chart *c = open_chart(o, err);
	if (!c) return -1;
	const char *cur = currency_prefix(ticker);
	double prev = p->close[k - 1];
	char a[DATE_ISO_LEN], title[256], sub[256], src[512];
	snprintf(title, sizeof title, "%s on %s: what the news said and what happened",
		 ticker, date_format(p->date[k], a));
	snprintf(sub, sizeof sub, "daily candles; orange: the articles' claims, measured from "
		 "the previous close%s", p->date[k] != day ? " (news day moved to the next session)" : "");
	source_line(src, sizeof src, p, o->source);
	struct chart_rect box = chart_frame(c, or_default(o->title, title),
					   or_default(o->subtitle, sub), src);
	box.x += 70;
	box.w -= 80;
	box.h -= 22;
	struct chart_rect parts[2];
	double weights[2] = {3.2, 1};
	int vol = p->volume != NULL;
	if (vol) chart_split(box, weights, 2, 14, parts);
	else parts[0] = box;
	struct chart_panel pn = {.box = parts[0], .y = {INFINITY, -INFINITY, 0}};
	day_axis(&pn, n);
	range_of(p->low + i0, n, &pn.y.lo, &pn.y.hi);
	range_of(p->high + i0, n, &pn.y.lo, &pn.y.hi);
	for (size_t i = 0; i < t->n; i++)
		if (claim_about(&t->v[i], ticker, day)) {
			const struct fact *f = &t->v[i];
			double lv = !strcmp(f->measure, "price") ? f->value : prev * (1 + f->value / 100);
			pn.y.lo = fmin(pn.y.lo, lv);
			pn.y.hi = fmax(pn.y.hi, lv);
		}
	pad_range(&pn.y, 0.08);
	double xk = (double)(k - i0);
	cairo_t *cr = chart_cr(c);
	cairo_set_source_rgb(cr, 1.0, 0.96, 0.80);
	double sx0 = chart_px(&pn, xk - 0.5), sx1 = chart_px(&pn, xk + 0.5);
	cairo_rectangle(cr, sx0, pn.box.y, sx1 - sx0, pn.box.h);
	cairo_fill(cr);
	chart_yaxis(c, &pn, 0, cur, CHART_NUM_PLAIN, 6);
	chart_xaxis_dates(c, &pn, p->date + i0, n, !vol);
	chart_hline(c, &pn, prev, chart_grey, 1.2, 1);
	chart_candles(c, &pn, p->open + i0, p->high + i0, p->low + i0, p->close + i0, n, 0);
	char lab[96], num[48];
	chart_fmt(num, sizeof num, prev, 2, cur, CHART_NUM_PLAIN);
	snprintf(lab, sizeof lab, "previous close %s", num);
	chart_label(c, pn.box, pn.box.x + 4, chart_py(&pn, prev) - 12, 'l', SMALL, chart_grey, lab);
	struct claim_draw d = {c, &pn, pn.box, xk, prev, cur};
	actual_label(&d, p->high[k], "high");
	actual_label(&d, p->close[k], "close");
	if (p->low[k] < prev) actual_label(&d, p->low[k], "low");
	size_t shown = 0;
	for (size_t i = 0; i < t->n; i++)
		if (claim_about(&t->v[i], ticker, day)) {
			draw_claim(&d, &t->v[i]);
			shown++;
		}
	if (!shown)
		chart_label(c, pn.box, sx0 - 6, pn.box.y + 20, 'r', SMALL, chart_grey,
			    "no claims about this listing and day in the facts");
	if (vol) {
		struct chart_panel vp = {.box = parts[1], .y = {0, 1, 0}};
		day_axis(&vp, n);
		draw_volume(c, parts[1], p, i0, n);
		chart_xaxis_dates(c, &vp, p->date + i0, n, 1);
	}
	return finish(c, err);
}

/* ---- car ---- */

int plots_car(const struct plots_car *cr, const struct plots_opts *o,
	      struct ff_error *err)
{
	if (cr->n < 2)
		return ff_error_set(err, o->out, 0, NULL, "a CAR chart needs at least two days");
	size_t n = cr->n;
	double *x = malloc(n * sizeof *x), *car = malloc(n * sizeof *car);
	double *lo = malloc(n * sizeof *lo), *hi = malloc(n * sizeof *hi);
	struct chart *c = NULL;
	int st = -1;
	if (!x || !car || !lo || !hi) {
		ff_error_set(err, o->out, 0, NULL, "out of memory");
		goto done;
	}
	struct chart_panel pn = {.y = {0, 0, 0}};
	for (size_t i = 0; i < n; i++) {
		x[i] = cr->offset[i];
		car[i] = cr->car[i] * 100;
		lo[i] = cr->lo[i] * 100;
		hi[i] = cr->hi[i] * 100;
	}
	range_of(lo, n, &pn.y.lo, &pn.y.hi);
	range_of(hi, n, &pn.y.lo, &pn.y.hi);
	range_of(car, n, &pn.y.lo, &pn.y.hi);
	pad_range(&pn.y, 0.08);
	if (!(c = open_chart(o, err))) goto done;
	char title[256], sub[256];
	snprintf(title, sizeof title, "Cumulative abnormal return: %s", cr->what);
	snprintf(sub, sizeof sub, "days %+d to %+d around the event; final CAR %+.2f%% "
		 "(band: %s)", cr->offset[0], cr->offset[n - 1], car[n - 1], cr->band);
	struct chart_rect box = chart_frame(c, or_default(o->title, title), or_default(o->subtitle, sub),
					    or_default(o->source, "Source: finfacts event (MacKinlay 1997 market model)"));
	box.x += 60;
	box.w -= 70;
	box.h -= 22;
	pn.box = box;
	pn.x = (struct chart_axis){x[0] - 0.5, x[n - 1] + 0.5, 0};
	chart_yaxis(c, &pn, 0, NULL, CHART_NUM_PCT, 6);
	chart_xaxis_values(c, &pn, NULL, CHART_NUM_PLAIN, n < 25 ? n : 12);
	chart_band(c, &pn, x, lo, hi, n, chart_blue, 0.18);
	chart_hline(c, &pn, 0, chart_grey, 1.2, 0);
	chart_vline(c, &pn, 0, chart_grey, 1, 1);
	chart_polyline(c, &pn, x, car, n, chart_blue, 2.5);
	for (size_t i = 0; i < n; i++) chart_marker(c, &pn, x[i], car[i], chart_blue, 3.5);
	char lab[64];
	snprintf(lab, sizeof lab, "CAR %+.2f%%", car[n - 1]);
	chart_label(c, pn.box, chart_px(&pn, x[n - 1]), chart_py(&pn, car[n - 1]), 'r', SMALL,
		    chart_ink, lab);
	chart_label(c, pn.box, chart_px(&pn, 0), pn.box.y + 12, 'l', SMALL, chart_grey, "event day");
	struct chart_legend_item items[] = {{"CAR", chart_blue, 0}, {"95% band", chart_sky, 0}};
	chart_legend(c, &pn, items, 2);
	st = chart_save(c, err);
	c = NULL;
done:
	chart_free(c);
	free(x);
	free(car);
	free(lo);
	free(hi);
	return st;
}

/* ---- ladder ---- */

int plots_ladder(const struct plots_ladder *l, const struct plots_opts *o,
		 struct ff_error *err)
{
	if (l->n < 2)
		return ff_error_set(err, o->out, 0, NULL, "a ladder needs two or more levels "
				    "(a stated move and the level it reached)");
	struct chart_panel pn = {.y = {INFINITY, -INFINITY, 0}};
	for (size_t k = 0; k < l->n; k++) {
		pn.y.lo = fmin(pn.y.lo, fmin(l->step[k].lo, l->step[k].value));
		pn.y.hi = fmax(pn.y.hi, fmax(l->step[k].hi, l->step[k].value));
	}
	pad_range(&pn.y, 0.25);
	struct chart *c = open_chart(o, err);
	if (!c) return -1;
	char title[256], sub[256];
	snprintf(title, sizeof title, "%s on %s: the move the news implies", l->ticker, l->date);
	snprintf(sub, sizeof sub, "no price file: levels derived from the stated numbers "
		 "(finfacts series), each with the interval its written precision allows");
	struct chart_rect box = chart_frame(c, or_default(o->title, title), or_default(o->subtitle, sub),
					    or_default(o->source, "Source: the articles' figures"));
	box.x += 70;
	box.w -= 80;
	box.h -= 26;   /* room for the step names under the plot */
	pn.box = box;
	pn.x = (struct chart_axis){-0.5, (double)l->n - 0.5, 0};
	chart_yaxis(c, &pn, 0, l->currency, CHART_NUM_PLAIN, 6);
	cairo_t *cr = chart_cr(c);
	double slot = box.w / (double)l->n;
	for (size_t k = 0; k < l->n; k++) {
		const struct plots_step *s = &l->step[k];
		double x0 = chart_px(&pn, (double)k) - slot * 0.3, x1 = x0 + slot * 0.6;
		double ylo = chart_py(&pn, s->lo), yhi = chart_py(&pn, s->hi), y = chart_py(&pn, s->value);
		cairo_set_source_rgba(cr, chart_blue.r, chart_blue.g, chart_blue.b, 0.18);
		cairo_rectangle(cr, x0, yhi, x1 - x0, fmax(ylo - yhi, 1));
		cairo_fill(cr);
		cairo_set_source_rgb(cr, chart_blue.r, chart_blue.g, chart_blue.b);
		cairo_set_line_width(cr, 3);
		cairo_move_to(cr, x0, y);
		cairo_line_to(cr, x1, y);
		cairo_stroke(cr);
		chart_occupy(c, (struct chart_rect){x0, fmin(y, yhi) - 2, x1 - x0, fabs(ylo - yhi) + 4});
		char num[48], lab[160], lo[48], hi[48];
		chart_fmt(num, sizeof num, s->value, 2, l->currency, CHART_NUM_PLAIN);
		chart_fmt(lo, sizeof lo, s->lo, 2, l->currency, CHART_NUM_PLAIN);
		chart_fmt(hi, sizeof hi, s->hi, 2, l->currency, CHART_NUM_PLAIN);
		chart_text(c, (x0 + x1) / 2, box.y + box.h + 14, 'c', SMALL, 1, chart_ink, s->label);
		snprintf(lab, sizeof lab, s->hi > s->lo ? "%s (%s to %s)" : "%s", num, lo, hi);
		chart_label(c, box, (x0 + x1) / 2, y - 14, 'c', SMALL, chart_ink, lab);
		if (k && s->move) {
			/* An arrow from the previous level into this one. */
			double px = chart_px(&pn, (double)k - 1) + slot * 0.3, py = chart_py(&pn, l->step[k - 1].value);
			struct chart_rgb col = s->value >= l->step[k - 1].value ? chart_green : chart_red;
			cairo_set_source_rgb(cr, col.r, col.g, col.b);
			cairo_set_line_width(cr, 2);
			cairo_move_to(cr, px, py);
			cairo_line_to(cr, x0, y);
			cairo_stroke(cr);
			double ang = atan2(y - py, x0 - px);
			cairo_move_to(cr, x0, y);
			cairo_line_to(cr, x0 - 10 * cos(ang - 0.4), y - 10 * sin(ang - 0.4));
			cairo_line_to(cr, x0 - 10 * cos(ang + 0.4), y - 10 * sin(ang + 0.4));
			cairo_close_path(cr);
			cairo_fill(cr);
			chart_label(c, box, (px + x0) / 2, (py + y) / 2, 'c', SMALL, col, s->move);
		}
	}
	return finish(c, err);
}
