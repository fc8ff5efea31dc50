/* finfacts event: abnormal returns around news days (MacKinlay 1997). */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "csvio.h"
#include "date.h"
#include "event.h"
#include "ff_error.h"
#include "prices.h"

static const char usage_text[] =
"usage: finfacts event --prices P.csv|DIR --market M.csv\n"
"                      (--date D | --events E.csv) [--model market|adjusted|mean]\n"
"                      [--estimation -250:-11] [--window -5:5] [--summary] [-o OUT]\n"
"\n"
"Event study (MacKinlay 1997): how far a stock's return around an event\n"
"day departs from what its market predicts.\n"
"\n"
"  --prices P     the stock's price file (with --date), or a folder holding\n"
"                 TICKER.csv for each ticker of --events\n"
"  --market M     the market index's price file\n"
"  --date D       one event on date D\n"
"  --events E     a CSV of events: date, ticker (needed with a folder) and\n"
"                 optionally id; '-' reads standard input\n"
"  --model K      market (OLS of R on Rm, default), adjusted (R - Rm) or\n"
"                 mean (the estimation window's mean return)\n"
"  --estimation A:B  estimation window in trading days (default -250:-11)\n"
"  --window A:B   event window in trading days (default -5:5)\n"
"  --summary      a row per event (CAR over the window) and across events\n"
"                 (a row per day and one for the window) instead of a row\n"
"                 per event and day\n"
"  -o OUT         write OUT (atomically) instead of standard output\n"
"\n"
"Conventions: returns are simple, from Adj Close when the file has it, else\n"
"Close.  Days are the stock file's trading days; day 0 is the first row on\n"
"or after the event date (a moved event says so in 'note'), and both\n"
"windows count rows from it.  The market's return is taken between the\n"
"same two dates; an estimation day the market lacks is dropped (counted in\n"
"est_dropped), a window day it lacks excludes the event.  AR = R - expected;\n"
"its variance carries the market model's prediction error,\n"
"s^2 (1 + 1/L + (Rm - mean Rm)^2 / Sxx), and the CAR's the full\n"
"s^2 i'(I + X(X'X)^-1 X')i.  t and two-sided p from Student's t with L-2\n"
"degrees of freedom (L-1 for adjusted and mean).  Across events: AAR, CAAR,\n"
"cross-sectional t, Patell Z, BMP t, Corrado rank Z, generalized sign Z\n"
"(Cowan 1992), each with a two-sided p.  Too little history is an error\n"
"(--date) or an excluded row with the reason (--events); the same listing\n"
"and trading day twice keeps the first; overlapping windows are noted.\n"
"Exit status: 0 done, 2 bad usage or bad input.\n";

struct ev {
	char *id, *ticker;
	int32_t date;
};

struct listing {
	char *ticker;
	struct prices *p;
	struct event_series *s;
	char missing[600];   /* why there is no series, "" when there is */
};

struct outcome {
	struct ev *ev;
	struct listing *l;
	int ok;
	struct event_result res;
	char note[600];
};

struct study {
	struct event_opts opts;
	const char *prices_path, *market_path, *date_arg, *events_path;
	const char *out_path;
	int summary, help;
	int prices_is_dir;
	struct prices *market;
	struct prices *file_p;   /* --prices as one file, until a listing owns it */
	struct ev *ev;
	size_t nev, capev;
	struct listing *ls;
	size_t nls;
	struct outcome *oc;
};

static int bad_usage(const char *msg)
{
	fprintf(stderr, "finfacts event: %s\n(finfacts event --help lists the "
		"options)\n", msg);
	return FF_EXIT_BAD;
}

static int parse_args(int argc, char **argv, struct study *st)
{
	static const struct option longopts[] = {
		{"prices", required_argument, NULL, 'p'},
		{"market", required_argument, NULL, 'm'},
		{"date", required_argument, NULL, 'd'},
		{"events", required_argument, NULL, 'e'},
		{"model", required_argument, NULL, 'M'},
		{"estimation", required_argument, NULL, 'E'},
		{"window", required_argument, NULL, 'w'},
		{"summary", no_argument, NULL, 's'},
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'p': st->prices_path = optarg; break;
		case 'm': st->market_path = optarg; break;
		case 'd': st->date_arg = optarg; break;
		case 'e': st->events_path = optarg; break;
		case 's': st->summary = 1; break;
		case 'o': st->out_path = optarg; break;
		case 'h': st->help = 1; return 0;
		case 'M':
			if (event_model_parse(optarg, &st->opts.model))
				return bad_usage("--model takes market, adjusted "
						 "or mean");
			break;
		case 'E':
			if (event_range_parse(optarg, &st->opts.est_from,
					      &st->opts.est_to))
				return bad_usage("--estimation takes FROM:TO, "
						 "e.g. -250:-11");
			break;
		case 'w':
			if (event_range_parse(optarg, &st->opts.win_from,
					      &st->opts.win_to))
				return bad_usage("--window takes FROM:TO, e.g. -5:5");
			break;
		default:
			return bad_usage("unknown option or missing value");
		}
	}
	if (optind < argc) return bad_usage("unexpected argument");
	if (!st->prices_path || !st->market_path)
		return bad_usage("--prices and --market are required");
	if (!st->date_arg == !st->events_path)
		return bad_usage("give one of --date or --events");
	struct ff_error err;
	if (event_opts_check(&st->opts, &err)) return bad_usage(err.msg);
	struct stat sb;
	st->prices_is_dir = stat(st->prices_path, &sb) == 0 && S_ISDIR(sb.st_mode);
	if (st->date_arg && st->prices_is_dir)
		return bad_usage("with --date, --prices is one price file");
	return 0;
}

/* ---- the events ---- */

static int add_event(struct study *st, const char *id, const char *ticker,
		     int32_t date)
{
	if (st->nev == st->capev) {
		size_t cap = st->capev ? 2 * st->capev : 64;
		struct ev *v = realloc(st->ev, cap * sizeof *v);
		if (!v) return -1;
		st->ev = v;
		st->capev = cap;
	}
	struct ev *e = &st->ev[st->nev];
	e->id = strdup(id);
	e->ticker = strdup(ticker);
	e->date = date;
	if (!e->id || !e->ticker) {
		free(e->id);
		free(e->ticker);
		return -1;
	}
	st->nev++;
	return 0;
}

static int read_event_row(struct study *st, const struct csvio_row *row,
			  int cd, int ct, int ci, const char *fallback,
			  const char *name, struct ff_error *err)
{
	if ((size_t)cd >= row->n || (ct >= 0 && (size_t)ct >= row->n))
		return ff_error_set(err, name, row->line, "", "expected as many "
				    "fields as the header, found %zu", row->n);
	int32_t date;
	if (date_parse(row->field[cd], row->len[cd], &date))
		return ff_error_set(err, name, row->line, "date", "expected a "
				    "date like 2025-02-13, found '%s'",
				    row->field[cd]);
	const char *ticker = ct >= 0 ? row->field[ct] : fallback;
	if (!*ticker || strchr(ticker, '/'))
		return ff_error_set(err, name, row->line, "ticker", "expected a "
				    "ticker (a file name without '/'), found "
				    "'%s'", ticker);
	char idbuf[32];
	snprintf(idbuf, sizeof idbuf, "e%zu", st->nev + 1);
	const char *id = ci >= 0 && (size_t)ci < row->n && *row->field[ci]
		? row->field[ci] : idbuf;
	if (add_event(st, id, ticker, date))
		return ff_error_set(err, name, row->line, "", "out of memory");
	return 0;
}

static int read_events(struct study *st, struct ff_error *err)
{
	struct csvio_reader *r = csvio_open(st->events_path, err);
	if (!r) return -1;
	const char *name = csvio_name(r);
	const struct csvio_row *row;
	int rc = csvio_next(r, &row, err), cd = -1, ct = -1, ci = -1;
	const char *fallback = st->file_p ? st->file_p->name : "";
	if (rc == 0)
		rc = ff_error_set(err, name, 0, "", "expected a header with a "
				  "date column, found an empty file");
	if (rc == 1) {
		cd = csvio_find(row, "date");
		ct = csvio_find(row, "ticker");
		ci = csvio_find(row, "id");
		if (ci < 0) ci = csvio_find(row, "event");
		if (cd < 0)
			rc = ff_error_set(err, name, row->line, "date", "expected "
					  "a 'date' column in the header");
		else if (ct < 0 && st->prices_is_dir)
			rc = ff_error_set(err, name, row->line, "ticker",
					  "expected a 'ticker' column: --prices "
					  "is a folder");
	}
	while (rc == 1 && (rc = csvio_next(r, &row, err)) == 1)
		if (read_event_row(st, row, cd, ct, ci, fallback, name, err))
			rc = -1;
	csvio_close(r);
	return rc;
}

/* ---- price files ---- */

static const struct prices_opts price_opts = {
	.want = PRICES_CLOSE | PRICES_ADJ, .on_bad_row = PRICES_BAD_ERROR};

/* A ticker's file in the --prices folder, or a note that there is none. */
static int load_listing(struct study *st, struct listing *l,
			struct ff_error *err)
{
	if (!st->prices_is_dir) {
		snprintf(l->missing, sizeof l->missing, "ticker %s is not the "
			 "--prices file's (%s)", l->ticker, st->ls[0].ticker);
		return 0;
	}
	size_t len = strlen(st->prices_path) + strlen(l->ticker) + 6;
	char *path = malloc(len);
	if (!path) return ff_error_set(err, "", 0, "", "out of memory");
	snprintf(path, len, "%s/%s.csv", st->prices_path, l->ticker);
	if (access(path, R_OK)) {
		snprintf(l->missing, sizeof l->missing, "no price file %s.csv "
			 "in the --prices folder", l->ticker);
		free(path);
		return 0;
	}
	int rc = prices_load(path, &price_opts, &l->p, err);
	free(path);
	if (rc) return -1;
	return event_series_new(l->p, st->market, &l->s, err);
}

static struct listing *find_listing(struct study *st, const char *ticker)
{
	for (size_t i = 0; i < st->nls; i++)
		if (!strcmp(st->ls[i].ticker, ticker)) return &st->ls[i];
	return NULL;
}

/* One listing per distinct ticker, each file read once. */
static int load_listings(struct study *st, struct ff_error *err)
{
	st->ls = calloc(st->nev + 1, sizeof *st->ls);
	st->oc = calloc(st->nev + 1, sizeof *st->oc);
	if (!st->ls || !st->oc)
		return ff_error_set(err, "", 0, "", "out of memory");
	if (st->file_p) {
		/* The one --prices file: the listing of its own name. */
		struct listing *l = &st->ls[st->nls++];
		l->p = st->file_p;
		st->file_p = NULL;
		l->ticker = strdup(l->p->name);
		if (!l->ticker)
			return ff_error_set(err, "", 0, "", "out of memory");
		if (event_series_new(l->p, st->market, &l->s, err)) return -1;
	}
	for (size_t i = 0; i < st->nev; i++) {
		struct listing *l = find_listing(st, st->ev[i].ticker);
		if (!l) {
			l = &st->ls[st->nls++];
			l->ticker = strdup(st->ev[i].ticker);
			if (!l->ticker)
				return ff_error_set(err, "", 0, "", "out of memory");
			if (load_listing(st, l, err)) return -1;
		}
		st->oc[i].ev = &st->ev[i];
		st->oc[i].l = l;
	}
	return 0;
}

/* ---- notes ---- */

static const char *const weekday_name[7] = {
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
	"Sunday"};

/* Appends text to note, after sep when note is not empty. */
static void note_join(char *note, size_t cap, const char *sep,
		      const char *text)
{
	size_t n = strlen(note);
	if (n) {
		snprintf(note + n, cap - n, "%s", sep);
		n = strlen(note);
	}
	snprintf(note + n, cap - n, "%s", text);
}

static void note_add(char *note, size_t cap, const char *text)
{
	note_join(note, cap, "; ", text);
}

static void note_excluded(char *note, size_t cap, const char *why)
{
	note[0] = '\0';
	note_add(note, cap, "excluded: ");
	size_t n = strlen(note), w = strlen(why);
	if (w > cap - 1 - n) w = cap - 1 - n;
	memcpy(note + n, why, w);
	note[n + w] = '\0';
}

static void note_moved(struct outcome *o)
{
	if (o->res.day0 == o->ev->date) return;
	char a[DATE_ISO_LEN], b[DATE_ISO_LEN], text[160];
	snprintf(text, sizeof text, "moved: %s (%s) is not a trading day of "
		 "%s; day 0 is the next, %s", date_format(o->ev->date, a),
		 weekday_name[date_weekday(o->ev->date)], o->l->ticker,
		 date_format(o->res.day0, b));
	note_add(o->note, sizeof o->note, text);
}

static size_t row_gap(const struct outcome *a, const struct outcome *b)
{
	return a->res.k0 > b->res.k0 ? a->res.k0 - b->res.k0
		: b->res.k0 - a->res.k0;
}

/* The same listing and trading day twice: the later copy is dropped. */
static void drop_repeats(struct study *st)
{
	for (size_t i = 0; i < st->nev; i++) {
		struct outcome *a = &st->oc[i];
		for (size_t j = 0; j < i && a->ok; j++) {
			struct outcome *b = &st->oc[j];
			if (!b->ok || b->l != a->l || row_gap(a, b)) continue;
			snprintf(a->note, sizeof a->note, "excluded: same listing "
				 "and trading day as event %s", b->ev->id);
			a->ok = 0;
			event_result_free(&a->res);
		}
	}
}

/* Windows that share days are kept, and say with whom. */
static void note_overlaps(struct study *st)
{
	size_t width = (size_t)(st->opts.win_to - st->opts.win_from);
	for (size_t i = 0; i < st->nev; i++) {
		struct outcome *a = &st->oc[i];
		if (!a->ok) continue;
		char list[200] = "";
		size_t shown = 0, more = 0;
		for (size_t j = 0; j < st->nev; j++) {
			struct outcome *b = &st->oc[j];
			if (j == i || !b->ok || b->l != a->l || row_gap(a, b) > width)
				continue;
			if (shown < 5) {
				note_join(list, sizeof list, ", ", b->ev->id);
				shown++;
			} else {
				more++;
			}
		}
		if (!shown) continue;
		char text[300];
		snprintf(text, sizeof text, "window overlaps event%s %s%s",
			 shown + more > 1 ? "s" : "", list, more ? " and more" : "");
		note_add(a->note, sizeof a->note, text);
	}
}

/* ---- computing ---- */

static void study_all(struct study *st)
{
	for (size_t i = 0; i < st->nev; i++) {
		struct outcome *o = &st->oc[i];
		struct ff_error err = {0};
		if (o->l->missing[0]) {
			note_excluded(o->note, sizeof o->note, o->l->missing);
			continue;
		}
		if (event_compute(o->l->s, o->ev->date, &st->opts, &o->res, &err)) {
			note_excluded(o->note, sizeof o->note, err.msg);
			continue;
		}
		o->ok = 1;
		note_moved(o);
	}
	drop_repeats(st);
	note_overlaps(st);
}

/* ---- output ---- */

static const char *const day_header[] = {
	"event", "ticker", "event_date", "day0", "offset", "date", "return",
	"market_return", "expected", "ar", "se", "t", "p", "car", "car_se",
	"car_t", "car_p", "note"};

static const char *const summary_header[] = {
	"scope", "event", "ticker", "event_date", "day0", "from", "to",
	"events", "est_days", "est_dropped", "alpha", "beta", "sigma", "car",
	"car_se", "car_t", "car_p", "aar", "caar", "cs_t", "cs_p", "patell_z",
	"patell_p", "bmp_t", "bmp_p", "corrado_z", "corrado_p", "sign_z",
	"sign_p", "note"};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static void blanks(struct csvio_writer *w, size_t n)
{
	while (n--) csvio_field(w, "");
}

static void event_key(struct csvio_writer *w, const struct outcome *o)
{
	csvio_field(w, o->ev->id);
	csvio_field(w, o->ev->ticker);
	csvio_date(w, o->ev->date);
}

static void write_days(struct csvio_writer *w, const struct study *st)
{
	csvio_row(w, day_header, NELEM(day_header));
	for (size_t i = 0; i < st->nev; i++) {
		const struct outcome *o = &st->oc[i];
		if (!o->ok) {
			event_key(w, o);
			blanks(w, NELEM(day_header) - 4);
			csvio_field(w, o->note);
			csvio_endrow(w);
			continue;
		}
		for (size_t d = 0; d < o->res.n; d++) {
			const struct event_day *e = &o->res.day[d];
			event_key(w, o);
			csvio_date(w, o->res.day0);
			csvio_int(w, e->offset);
			csvio_date(w, e->date);
			const double v[] = {e->r, e->rm, e->expected, e->ar,
				e->se, e->t, e->p, e->car, e->car_se, e->car_t,
				e->car_p};
			for (size_t k = 0; k < NELEM(v); k++) csvio_num(w, v[k]);
			csvio_field(w, o->note);
			csvio_endrow(w);
		}
	}
}

static void write_event_row(struct csvio_writer *w, const struct study *st,
			    const struct outcome *o)
{
	csvio_field(w, "event");
	event_key(w, o);
	if (!o->ok) {
		blanks(w, NELEM(summary_header) - 5);
		csvio_field(w, o->note);
		csvio_endrow(w);
		return;
	}
	const struct event_result *r = &o->res;
	const struct event_day *last = &r->day[r->n - 1];
	csvio_date(w, r->day0);
	csvio_int(w, st->opts.win_from);
	csvio_int(w, st->opts.win_to);
	csvio_field(w, "");
	csvio_int(w, (long long)r->est_days);
	csvio_int(w, (long long)r->est_dropped);
	const double v[] = {r->alpha, r->beta, r->sigma, last->car,
		last->car_se, last->car_t, last->car_p};
	for (size_t k = 0; k < NELEM(v); k++) csvio_num(w, v[k]);
	blanks(w, 12);
	csvio_field(w, o->note);
	csvio_endrow(w);
}

static void write_across(struct csvio_writer *w, const char *scope, int from,
			 int to, double aar, double caar,
			 const struct event_across *a)
{
	csvio_field(w, scope);
	blanks(w, 4);
	csvio_int(w, from);
	csvio_int(w, to);
	csvio_int(w, (long long)a->n);
	blanks(w, 9);
	const double v[] = {aar, caar, a->cs.stat, a->cs.p, a->patell.stat,
		a->patell.p, a->bmp.stat, a->bmp.p, a->corrado.stat,
		a->corrado.p, a->sign.stat, a->sign.p};
	for (size_t k = 0; k < NELEM(v); k++) csvio_num(w, v[k]);
	csvio_field(w, "");
	csvio_endrow(w);
}

static int write_summary(struct csvio_writer *w, const struct study *st)
{
	csvio_row(w, summary_header, NELEM(summary_header));
	const struct event_result **kept = malloc((st->nev + 1) * sizeof *kept);
	if (!kept) return -1;
	size_t m = 0;
	for (size_t i = 0; i < st->nev; i++) {
		write_event_row(w, st, &st->oc[i]);
		if (st->oc[i].ok) kept[m++] = &st->oc[i].res;
	}
	size_t n = (size_t)(st->opts.win_to - st->opts.win_from + 1);
	struct event_across a, c;
	for (size_t d = 0; d < n; d++) {
		int off = st->opts.win_from + (int)d;
		event_across_day(kept, m, d, &a);
		event_across_car(kept, m, d, &c);
		write_across(w, "day", off, off, a.mean, c.mean, &a);
	}
	event_across_car(kept, m, n - 1, &c);
	write_across(w, "window", st->opts.win_from, st->opts.win_to, NAN,
		     c.mean, &c);
	free(kept);
	return 0;
}

static int write_out(struct study *st, struct ff_error *err)
{
	struct csvio_writer *w = csvio_create(st->out_path, err);
	if (!w) return -1;
	if (st->summary) {
		if (write_summary(w, st)) {
			csvio_abort(w);
			return ff_error_set(err, "", 0, "", "out of memory");
		}
	} else {
		write_days(w, st);
	}
	return csvio_commit(w, err);
}

/* ---- the command ---- */

static void study_free(struct study *st)
{
	for (size_t i = 0; st->oc && i < st->nev; i++)
		if (st->oc[i].ok) event_result_free(&st->oc[i].res);
	for (size_t i = 0; i < st->nls; i++) {
		event_series_free(st->ls[i].s);
		prices_free(st->ls[i].p);
		free(st->ls[i].ticker);
	}
	for (size_t i = 0; i < st->nev; i++) {
		free(st->ev[i].id);
		free(st->ev[i].ticker);
	}
	free(st->ls);
	free(st->oc);
	free(st->ev);
	prices_free(st->file_p);
	prices_free(st->market);
}

static int single_event(struct study *st, struct ff_error *err)
{
	int32_t date;
	if (date_parse(st->date_arg, strlen(st->date_arg), &date))
		return ff_error_set(err, "", 0, "--date", "expected a date like "
				    "2025-02-13, found '%s'", st->date_arg);
	if (add_event(st, "e1", st->file_p->name, date))
		return ff_error_set(err, "", 0, "", "out of memory");
	return 0;
}

static int run(struct study *st, struct ff_error *err)
{
	const char *in[] = {st->market_path, st->prices_is_dir ? NULL : st->prices_path,
			    st->events_path};
	if (csvio_output_check(st->out_path, in, 3, err)) return -1;
	if (prices_load(st->market_path, &price_opts, &st->market, err))
		return -1;
	if (!st->prices_is_dir &&
	    prices_load(st->prices_path, &price_opts, &st->file_p, err))
		return -1;
	if (st->date_arg ? single_event(st, err) : read_events(st, err))
		return -1;
	if (load_listings(st, err)) return -1;
	study_all(st);
	if (st->date_arg && !st->oc[0].ok) {
		/* One event asked for: not being able to study it is an error. */
		char a[DATE_ISO_LEN];
		struct outcome *o = &st->oc[0];
		const char *why = o->note + strlen("excluded: ");
		return ff_error_set(err, "", 0, "", "event %s (%s, %s): %s",
				    o->ev->id, o->ev->ticker,
				    date_format(o->ev->date, a), why);
	}
	return write_out(st, err);
}

int cmd_event(int argc, char **argv)
{
	struct study st = {0};
	event_opts_default(&st.opts);
	int rc = parse_args(argc, argv, &st);
	if (rc) return rc;
	st.opts.skip_ranks = !st.summary;   /* the day rows carry no rank test */
	if (st.help) {
		fputs(usage_text, stdout);
		return FF_EXIT_OK;
	}
	struct ff_error err = {0};
	rc = run(&st, &err) ? FF_EXIT_BAD : FF_EXIT_OK;
	if (rc) ff_error_print(stderr, &err);
	study_free(&st);
	return rc;
}
