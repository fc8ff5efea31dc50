/* finfacts plot KIND [options] -o OUT.png|.pdf|.svg */
#include <getopt.h>
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "csvio.h"
#include "date.h"
#include "facts.h"
#include "plots.h"
#include "prices.h"
#include "table.h"

static const char usage_text[] =
"usage: finfacts plot KIND [options] INPUT... -o OUT.png|OUT.pdf|OUT.svg\n"
"\n"
"Draws one chart with cairo; the format follows OUT's extension.\n"
"\n"
"kinds:\n"
"  candles  PRICES.csv           OHLC candles with volume [--ma 20,50] [--log] [--bars]\n"
"  series   PRICES.csv...        price lines [--rebase] [--event D]...\n"
"  returns  PRICES.csv           histogram of daily returns, fitted normal, VaR line\n"
"  drawdown PRICES.csv           price and underwater curve, worst drawdown marked\n"
"  share    FACTS.csv            market shares [--scope S] [--period P]\n"
"  reaction PRICES.csv FACTS.csv candles around --date D with the articles' claims\n"
"  reaction SERIES.csv           without a price file: the ladder of levels that\n"
"                                `finfacts series` implies for --date D [--ticker T]\n"
"  car      EVENT.csv            CAR and its 95% band from `finfacts event` output:\n"
"                                one event (--event-id ID, default the first), or the\n"
"                                CAAR from `finfacts event --summary`\n"
"\n"
"options:\n"
"  -o, --output FILE     the chart (required); written atomically\n"
"  --width N, --height N size in pixels (default 1200x700; PDF: 0.6 pt a pixel)\n"
"  --from D, --to D      date range (candles: the last 260 sessions by default;\n"
"                        series, returns, drawdown: the whole file)\n"
"  --title T, --subtitle T, --source T   override the texts\n"
"  --date D              reaction: the news day; --before N --after N sessions (10, 5)\n"
"  --confidence C        returns: VaR level (default 0.95)\n"
"  --event-id ID         car: which event of a per-day event table\n"
"  --on-bad-row=error|skip   price rows that fail validation\n"
"\n"
"Returns are simple returns of Adj Close when the file has it, else Close.\n";

enum { O_WIDTH = 256, O_HEIGHT, O_FROM, O_TO, O_TITLE, O_SUBTITLE, O_SOURCE,
       O_MA, O_LOG, O_BARS, O_REBASE, O_EVENT, O_DATE, O_BEFORE, O_AFTER,
       O_CONF, O_SCOPE, O_PERIOD, O_BAD, O_EVID, O_TICKER };

static const struct option longopts[] = {
	{"output", required_argument, NULL, 'o'},
	{"help", no_argument, NULL, 'h'},
	{"width", required_argument, NULL, O_WIDTH},
	{"height", required_argument, NULL, O_HEIGHT},
	{"from", required_argument, NULL, O_FROM},
	{"to", required_argument, NULL, O_TO},
	{"title", required_argument, NULL, O_TITLE},
	{"subtitle", required_argument, NULL, O_SUBTITLE},
	{"source", required_argument, NULL, O_SOURCE},
	{"ma", required_argument, NULL, O_MA},
	{"log", no_argument, NULL, O_LOG},
	{"bars", no_argument, NULL, O_BARS},
	{"rebase", no_argument, NULL, O_REBASE},
	{"event", required_argument, NULL, O_EVENT},
	{"date", required_argument, NULL, O_DATE},
	{"before", required_argument, NULL, O_BEFORE},
	{"after", required_argument, NULL, O_AFTER},
	{"confidence", required_argument, NULL, O_CONF},
	{"scope", required_argument, NULL, O_SCOPE},
	{"period", required_argument, NULL, O_PERIOD},
	{"on-bad-row", required_argument, NULL, O_BAD},
	{"event-id", required_argument, NULL, O_EVID},
	{"ticker", required_argument, NULL, O_TICKER},
	{NULL, 0, NULL, 0},
};

#define MAX_EVENTS 64

struct plot_args {
	struct plots_opts o;
	const char *event_id;
	const char *ticker;
	int32_t events[MAX_EVENTS];
	enum prices_on_bad on_bad;
};

static int bad_usage(const char *fmt, const char *what)
{
	fputs("finfacts plot: ", stderr);
	fprintf(stderr, fmt, what);
	fputs("\n(see 'finfacts plot --help')\n", stderr);
	return FF_EXIT_BAD;
}

static int parse_date_arg(const char *s, int32_t *out)
{
	return date_parse(s, strlen(s), out);
}

static int parse_int(const char *s, int lo, int hi, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (*s == '\0' || *end || v < lo || v > hi) return -1;
	*out = (int)v;
	return 0;
}

static int parse_ma(const char *s, struct plots_opts *o)
{
	char buf[128];
	snprintf(buf, sizeof buf, "%s", s);
	o->nma = 0;
	for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
		if (o->nma == PLOTS_MAX_MA || parse_int(tok, 2, 1000, &o->ma[o->nma]))
			return -1;
		o->nma++;
	}
	return 0;
}

static int parse_opt(struct plot_args *a, int ch, const char *arg)
{
	struct plots_opts *o = &a->o;
	int32_t d;
	switch (ch) {
	case 'o': o->out = arg; return 0;
	case O_WIDTH: return parse_int(arg, 200, 10000, &o->width) ? bad_usage("bad --width '%s'", arg) : 0;
	case O_HEIGHT: return parse_int(arg, 150, 10000, &o->height) ? bad_usage("bad --height '%s'", arg) : 0;
	case O_FROM: return parse_date_arg(arg, &o->from) ? bad_usage("bad --from date '%s'", arg) : 0;
	case O_TO: return parse_date_arg(arg, &o->to) ? bad_usage("bad --to date '%s'", arg) : 0;
	case O_TITLE: o->title = arg; return 0;
	case O_SUBTITLE: o->subtitle = arg; return 0;
	case O_SOURCE: o->source = arg; return 0;
	case O_MA: return parse_ma(arg, o) ? bad_usage("bad --ma '%s' (up to 4 lengths, like 20,50)", arg) : 0;
	case O_LOG: o->log = 1; return 0;
	case O_BARS: o->bars = 1; return 0;
	case O_REBASE: o->rebase = 1; return 0;
	case O_EVENT:
	case O_DATE:
		if (parse_date_arg(arg, &d)) return bad_usage("bad date '%s'", arg);
		if (o->nevents == MAX_EVENTS) return bad_usage("too many dates at '%s'", arg);
		if (ch == O_DATE) {   /* the news day goes first */
			memmove(a->events + 1, a->events, o->nevents * sizeof d);
			a->events[0] = d;
		} else {
			a->events[o->nevents] = d;
		}
		o->nevents++;
		return 0;
	case O_BEFORE: return parse_int(arg, 1, 500, &o->before) ? bad_usage("bad --before '%s'", arg) : 0;
	case O_AFTER: return parse_int(arg, 0, 500, &o->after) ? bad_usage("bad --after '%s'", arg) : 0;
	case O_CONF: {
		char *end;
		o->confidence = strtod(arg, &end);
		if (*end || !(o->confidence > 0.5 && o->confidence < 1))
			return bad_usage("--confidence must be between 0.5 and 1, not '%s'", arg);
		return 0;
	}
	case O_SCOPE: o->scope = arg; return 0;
	case O_EVID: a->event_id = arg; return 0;
	case O_TICKER: a->ticker = arg; return 0;
	case O_PERIOD: o->period = arg; return 0;
	case O_BAD:
		if (!strcmp(arg, "skip")) a->on_bad = PRICES_BAD_SKIP;
		else if (!strcmp(arg, "error")) a->on_bad = PRICES_BAD_ERROR;
		else return bad_usage("--on-bad-row takes error or skip, not '%s'", arg);
		return 0;
	}
	return bad_usage("%s", "unknown option");
}

static int fail(const struct ff_error *err)
{
	ff_error_print(stderr, err);
	return FF_EXIT_BAD;
}

static int load_prices(const char *path, enum prices_on_bad on_bad,
		       struct prices **p, struct ff_error *err)
{
	struct prices_opts po = {.want = PRICES_ALL, .on_bad_row = on_bad};
	if (prices_load(path, &po, p, err)) return -1;
	if ((*p)->skipped)
		fprintf(stderr, "finfacts: %s: skipped %zu bad rows (first at line %ld)\n",
			path, (*p)->skipped, (*p)->skipped_line[0]);
	return 0;
}

static int draw_one_price(const char *kind, const char *path, struct plot_args *a)
{
	struct ff_error err;
	struct prices *p;
	if (load_prices(path, a->on_bad, &p, &err)) return fail(&err);
	int st;
	if (!strcmp(kind, "candles")) st = plots_candles(p, &a->o, &err);
	else if (!strcmp(kind, "returns")) st = plots_returns(p, &a->o, &err);
	else st = plots_drawdown(p, &a->o, &err);
	prices_free(p);
	return st ? fail(&err) : FF_EXIT_OK;
}

static int draw_series(char **paths, int n, struct plot_args *a)
{
	struct ff_error err;
	struct prices **ps = calloc((size_t)n, sizeof *ps);
	int st = -1, k;
	if (!ps) return bad_usage("%s", "out of memory");
	for (k = 0; k < n; k++)
		if (load_prices(paths[k], a->on_bad, &ps[k], &err)) break;
	if (k == n) st = plots_series(ps, (size_t)n, &a->o, &err);
	for (int i = 0; i < n; i++) prices_free(ps[i]);
	free(ps);
	return st ? fail(&err) : FF_EXIT_OK;
}

static int draw_facts(const char *kind, char **args, int n, struct plot_args *a)
{
	struct ff_error err;
	struct facts *f = facts_new();
	struct prices *p = NULL;
	int st = -1;
	const char *fpath = !strcmp(kind, "share") ? args[0] : args[1];
	if (!f) return bad_usage("%s", "out of memory");
	if (facts_load(f, fpath, &err)) goto done;
	if (!strcmp(kind, "share")) {
		st = plots_share(f, &a->o, &err);
		goto done;
	}
	if (n != 2) {
		st = bad_usage("%s", "reaction needs PRICES.csv and FACTS.csv");
		facts_free(f);
		return st;
	}
	if (!a->o.nevents) {
		facts_free(f);
		return bad_usage("%s", "reaction needs --date D (the news day)");
	}
	if (load_prices(args[0], a->on_bad, &p, &err)) goto done;
	st = plots_reaction(p, f, p->name, &a->o, &err);
done:
	prices_free(p);
	facts_free(f);
	return st ? fail(&err) : FF_EXIT_OK;
}

/* ---- car: reading `finfacts event` output ---- */

struct car_data {
	size_t n, cap;
	int *offset;
	double *car, *lo, *hi;
	char what[160], band[96];
};

static void car_free(struct car_data *d)
{
	free(d->offset);
	free(d->car);
	free(d->lo);
	free(d->hi);
}

static int car_push(struct car_data *d, int off, double v, double se, double crit)
{
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 32;
		int *o = realloc(d->offset, cap * sizeof *o);
		if (o) d->offset = o;
		double **arr[] = {&d->car, &d->lo, &d->hi};
		for (int k = 0; k < 3 && o; k++) {
			double *q = realloc(*arr[k], cap * sizeof *q);
			if (!q) o = NULL;
			else *arr[k] = q;
		}
		if (!o) return -1;
		d->cap = cap;
	}
	d->offset[d->n] = off;
	d->car[d->n] = v;
	d->lo[d->n] = v - crit * se;
	d->hi[d->n] = v + crit * se;
	d->n++;
	return 0;
}

/* Columns of the event table this chart needs; -1 when absent. */
enum { K_SCOPE, K_EVENT, K_TICKER, K_DATE, K_OFFSET, K_FROM, K_CAR, K_CARSE,
       K_CAAR, K_CST, K_EVENTS, K_NCOL };

static const char *const car_cols[K_NCOL] = {"scope", "event", "ticker",
	"event_date", "offset", "from", "car", "car_se", "caar", "cs_t", "events"};

static int car_number(const struct csvio_row *r, int col, const char *path,
		      double *v, struct ff_error *err)
{
	if (col < 0 || csvio_number(r->field[col], r->len[col], v))
		return ff_error_set(err, path, r->line, col < 0 ? "?" : car_cols[0],
				    "expected a number, found '%s'", col < 0 ? "" : r->field[col]);
	return 0;
}

/* One row into d: a per-day row of the chosen event, or a summary "day"
 * row (CAAR, band from the cross-sectional t with events-1 df).  Rows
 * that are not part of the chart return 0 without adding. */
static int car_row(const int *col, const struct csvio_row *r, const char *path,
		   const char *id, struct car_data *d, struct ff_error *err)
{
	double off, v, se, t, m;
	int summary = col[K_SCOPE] >= 0;
	if (summary) {
		if (strcmp(r->field[col[K_SCOPE]], "day")) return 0;
		if (car_number(r, col[K_FROM], path, &off, err) ||
		    car_number(r, col[K_CAAR], path, &v, err) ||
		    car_number(r, col[K_CST], path, &t, err) ||
		    car_number(r, col[K_EVENTS], path, &m, err))
			return -1;
		se = t != 0 && isfinite(t) ? fabs(v / t) : 0;
		snprintf(d->what, sizeof d->what, "CAAR of %.0f events", m);
		snprintf(d->band, sizeof d->band, "CAAR \xc2\xb1 t(0.975, %.0f df) x cross-sectional s.e.", m - 1);
		return car_push(d, (int)off, v, se, m > 1 ? gsl_cdf_tdist_Pinv(0.975, m - 1) : 0);
	}
	const char *ev = r->field[col[K_EVENT]];
	if (id && strcmp(ev, id)) return 0;
	if (!d->what[0])
		snprintf(d->what, sizeof d->what, "%s, %s", col[K_TICKER] >= 0 ? r->field[col[K_TICKER]] : ev,
			 col[K_DATE] >= 0 ? r->field[col[K_DATE]] : "");
	if (car_number(r, col[K_OFFSET], path, &off, err) ||
	    car_number(r, col[K_CAR], path, &v, err) || car_number(r, col[K_CARSE], path, &se, err))
		return -1;
	snprintf(d->band, sizeof d->band, "CAR \xc2\xb1 1.96 s.e., the market model's prediction error included");
	return car_push(d, (int)off, v, se, 1.96);
}

static int car_load(const char *path, const char *id, struct car_data *d,
		    struct ff_error *err)
{
	struct csvio_reader *rd = csvio_open(path, err);
	const struct csvio_row *r;
	int col[K_NCOL], st;
	if (!rd) return -1;
	if ((st = csvio_next(rd, &r, err)) <= 0) {
		csvio_close(rd);
		return st ? -1 : ff_error_set(err, path, 0, NULL, "empty file: expected `finfacts event` output");
	}
	for (int k = 0; k < K_NCOL; k++) col[k] = csvio_find(r, car_cols[k]);
	int summary = col[K_SCOPE] >= 0 && col[K_FROM] >= 0 && col[K_CAAR] >= 0 &&
		      col[K_CST] >= 0 && col[K_EVENTS] >= 0;
	int days = col[K_EVENT] >= 0 && col[K_OFFSET] >= 0 && col[K_CAR] >= 0 && col[K_CARSE] >= 0;
	if (!summary) col[K_SCOPE] = -1;
	if (!summary && !days)
		st = ff_error_set(err, path, r->line, NULL, "not `finfacts event` output: need "
				  "event, offset, car, car_se (or --summary's scope, from, caar, cs_t, events)");
	/* Without --event-id, the first event's rows. */
	char first[128] = "";
	while (st > 0 && (st = csvio_next(rd, &r, err)) > 0) {
		if (col[K_SCOPE] < 0 && !id && !first[0])
			snprintf(first, sizeof first, "%s", r->field[col[K_EVENT]]);
		if (car_row(col, r, path, id ? id : first[0] ? first : NULL, d, err)) st = -1;
	}
	csvio_close(rd);
	if (st == 0 && d->n < 2)
		st = ff_error_set(err, path, 0, NULL, "fewer than two days to draw%s%s",
				  id ? " for event " : "", id ? id : "");
	return st < 0 ? -1 : 0;
}

static int draw_car(const char *path, struct plot_args *a)
{
	struct car_data d;
	struct ff_error err;
	memset(&d, 0, sizeof d);
	int st = car_load(path, a->event_id, &d, &err);
	if (!st) {
		struct plots_car pc = {d.n, d.offset, d.car, d.lo, d.hi, d.what, d.band};
		st = plots_car(&pc, &a->o, &err);
	}
	car_free(&d);
	return st ? fail(&err) : FF_EXIT_OK;
}

/* ---- reaction without prices: a ladder from `finfacts series` ---- */

/* The row of series table t for (ticker, day, measure, period), or -1. */
static long series_row(const struct table *t, const char *ticker, const char *day,
		       const char *measure, const char *period)
{
	int tc = table_col(t, "ticker"), dc = table_col(t, "date"), mc = table_col(t, "measure"),
	    pc = table_col(t, "period");
	for (size_t k = 0; k < t->nrows; k++)
		if (!strcmp(table_get(t, k, tc), ticker) && !strcmp(table_get(t, k, dc), day) &&
		    !strcmp(table_get(t, k, mc), measure) && !strcmp(table_get(t, k, pc), period))
			return (long)k;
	return -1;
}

static double series_num(const struct table *t, long row, const char *col)
{
	double v;
	const char *s = table_get(t, (size_t)row, table_col(t, col));
	return csvio_number(s, strlen(s), &v) ? NAN : v;
}

static void ladder_step(struct plots_ladder *l, const struct table *t, long row,
			const char *label, const char *move)
{
	struct plots_step *s = &l->step[l->n++];
	s->label = label;
	s->value = series_num(t, row, "value");
	s->lo = series_num(t, row, "low");
	s->hi = series_num(t, row, "high");
	if (!isfinite(s->lo) || !isfinite(s->hi)) s->lo = s->hi = s->value;
	s->move = move;
}

static int draw_ladder(const char *path, struct plot_args *a)
{
	struct table *t;
	struct ff_error err;
	char day[DATE_ISO_LEN], up[96], back[96];
	if (table_load(path, &t, &err)) return fail(&err);
	date_format(a->events[0], day);
	const char *ticker = a->ticker;
	/* Without --ticker, the first listing with an implied previous close that day. */
	for (size_t k = 0; !ticker && k < t->nrows; k++)
		if (!strcmp(table_get(t, k, table_col(t, "measure")), "implied_prev_close") &&
		    !strcmp(table_get(t, k, table_col(t, "date")), day))
			ticker = table_get(t, k, table_col(t, "ticker"));
	long prev = ticker ? series_row(t, ticker, day, "implied_prev_close", "intraday") : -1;
	long high = ticker ? series_row(t, ticker, day, "price", "intraday_high") : -1;
	if (high < 0 && ticker) high = series_row(t, ticker, day, "price", "intraday_low");
	long move = ticker ? series_row(t, ticker, day, "price_change", "intraday") : -1;
	long close = ticker ? series_row(t, ticker, day, "implied_close", "close") : -1;
	long give = ticker ? series_row(t, ticker, day, "giveback_pp", "close") : -1;
	struct plots_ladder l = {ticker ? ticker : "", day, "", 0, {{0}}};
	if (prev < 0 || high < 0) {
		table_free(t);
		ff_error_set(&err, path, 0, NULL, "no implied previous close and stated level on %s%s%s "
			     "(a `finfacts series` table with an intraday move and its level?)", day,
			     a->ticker ? " for " : "", a->ticker ? a->ticker : "");
		return fail(&err);
	}
	l.currency = !strcmp(table_get(t, (size_t)high, table_col(t, "unit")), "HKD") ? "HK$" : "$";
	snprintf(up, sizeof up, "stated: %s%+g%%", move >= 0 && !strcmp(table_get(t, (size_t)move,
		 table_col(t, "qualifier")), "max") ? "as much as " : "", move >= 0 ? series_num(t, move, "value") : NAN);
	ladder_step(&l, t, prev, "previous close (implied)", NULL);
	ladder_step(&l, t, high, "intraday extreme (stated)", up);
	if (close >= 0) {
		snprintf(back, sizeof back, give >= 0 ? "gave back %g pp" : "to the close", give >= 0 ?
			 series_num(t, give, "value") : 0);
		ladder_step(&l, t, close, "close (implied)", back);
	}
	int st = plots_ladder(&l, &a->o, &err);
	table_free(t);
	return st ? fail(&err) : FF_EXIT_OK;
}

int cmd_plot(int argc, char **argv)
{
	struct plot_args a;
	memset(&a, 0, sizeof a);
	plots_opts_init(&a.o);
	a.o.events = a.events;
	int ch;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		if (ch == 'h') {
			fputs(usage_text, stdout);
			return FF_EXIT_OK;
		}
		if (ch == '?') return bad_usage("%s", "bad option");
		if (parse_opt(&a, ch, optarg)) return FF_EXIT_BAD;
	}
	if (optind >= argc) return bad_usage("%s", "missing KIND");
	const char *kind = argv[optind++];
	int nin = argc - optind;
	char **in = argv + optind;
	if (!a.o.out) return bad_usage("%s", "missing -o OUT.png|.pdf|.svg");
	if (nin < 1) return bad_usage("missing input for '%s'", kind);
	if (!strcmp(kind, "candles") || !strcmp(kind, "returns") || !strcmp(kind, "drawdown")) {
		if (nin != 1) return bad_usage("'%s' takes one price file", kind);
		return draw_one_price(kind, in[0], &a);
	}
	if (!strcmp(kind, "series")) return draw_series(in, nin, &a);
	if (!strcmp(kind, "car")) {
		if (nin != 1) return bad_usage("%s", "car takes one event table");
		return draw_car(in[0], &a);
	}
	if (!strcmp(kind, "reaction") && nin == 1) {
		if (!a.o.nevents) return bad_usage("%s", "reaction needs --date D (the news day)");
		return draw_ladder(in[0], &a);
	}
	if (!strcmp(kind, "share") || !strcmp(kind, "reaction"))
		return draw_facts(kind, in, nin, &a);
	return bad_usage("unknown kind '%s'", kind);
}
