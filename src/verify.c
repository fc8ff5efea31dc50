#include "verify.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "date.h"

/* Interval ends are compared with this relative slack: price files carry
 * float32 expansions (124.30000305175781) and a rounding tie is the
 * writer's call, so both ends of a stated interval count as inside. */
#define VERIFY_EPS 1e-9

/* ---- the stated interval ------------------------------------------- */

/* Digits after the decimal point in s[0..n). */
static int decimals(const char *s, size_t n)
{
	const char *dot = memchr(s, '.', n);
	return dot ? (int)(s + n - dot - 1) : 0;
}

/* Reads the number token at s (digits, thousands commas, one point) into
 * *v and its decimals into *dec; returns its length. */
static size_t number_token(const char *s, double *v, int *dec)
{
	char buf[64];
	size_t n = 0, k = 0;
	int seen_dot = 0;
	for (; s[n]; n++) {
		char ch = s[n];
		int next_digit = s[n + 1] >= '0' && s[n + 1] <= '9';
		if (ch >= '0' && ch <= '9') {
			if (k < sizeof buf - 1) buf[k++] = ch;
		} else if (ch == ',' && !seen_dot && next_digit) {
			continue;
		} else if (ch == '.' && !seen_dot && next_digit) {
			seen_dot = 1;
			if (k < sizeof buf - 1) buf[k++] = ch;
		} else {
			break;
		}
	}
	buf[k] = '\0';
	*v = strtod(buf, NULL);
	*dec = decimals(buf, k);
	return n;
}

static int same_number(double a, double b)
{
	return fabs(a - b) <= VERIFY_EPS * fmax(fabs(a), fabs(b));
}

/* Half a unit of the last digit of the shortest decimal form of a. */
static double half_unit_of_value(double a)
{
	char buf[32];
	csvio_fmt_double(a, buf);
	char *e = strchr(buf, 'e');
	size_t mant = e ? (size_t)(e - buf) : strlen(buf);
	int exp10 = e ? atoi(e + 1) : 0;
	return 0.5 * pow(10, exp10 - decimals(buf, mant));
}

double verify_half_unit(double value, const char *evidence)
{
	/* Scale words and pence turn the written number into the value. */
	static const double scale[] = {1, 1e3, 1e6, 1e9, 1e12, 1e-2};
	double a = fabs(value);
	const char *s = evidence ? evidence : "";
	for (size_t i = 0; s[i];) {
		int starts = s[i] >= '0' && s[i] <= '9' &&
			     (i == 0 || !(s[i - 1] >= '0' && s[i - 1] <= '9'));
		if (!starts) {
			i++;
			continue;
		}
		double v;
		int dec;
		i += number_token(s + i, &v, &dec);
		for (size_t k = 0; k < sizeof scale / sizeof *scale; k++)
			if (same_number(v * scale[k], a))
				return 0.5 * pow(10, -dec) * scale[k];
	}
	return half_unit_of_value(a);
}

int verify_stated(double value, const char *qualifier, double half,
		  double *lo, double *hi)
{
	const char *q = qualifier ? qualifier : "";
	double a = fabs(value), mlo, mhi;
	if (!*q || !strcmp(q, "eq") || !strcmp(q, "max")) {
		/* In units of the last digit, so "9.2" gives 9.15 and not
		 * 9.149999999999999. */
		double unit = 0.5 / half, k = a * unit;
		if (fabs(k - nearbyint(k)) < 1e-6) k = nearbyint(k);
		mlo = (k - 0.5) / unit;
		mhi = (k + 0.5) / unit;
	} else if (!strcmp(q, "approx")) {
		double w = fmax(half, 0.05 * a);
		mlo = a - w;
		mhi = a + w;
	} else if (!strcmp(q, "gt")) {
		mlo = a;
		mhi = INFINITY;
	} else if (!strcmp(q, "lt")) {
		/* "nearly 3%" is short of 3 but not by much; never of the
		 * other sign. */
		mlo = fmax(a - fmax(0.5, 0.1 * a), 0);
		mhi = a;
	} else {
		return -1;
	}
	if (value < 0) {
		*lo = -mhi;
		*hi = -mlo;
	} else {
		*lo = mlo;
		*hi = mhi;
	}
	return 0;
}

void verify_judge(double tlo, double thi, struct verify_result *r)
{
	double slo = r->stated_lo, shi = r->stated_hi;
	double eps_lo = isfinite(slo) ? VERIFY_EPS * fmax(1, fabs(slo)) : 0;
	double eps_hi = isfinite(shi) ? VERIFY_EPS * fmax(1, fabs(shi)) : 0;
	if (thi < slo - eps_lo) {
		r->verdict = VERIFY_INCONSISTENT;
		r->computed = thi;
		r->gap = thi - slo;
	} else if (tlo > shi + eps_hi) {
		r->verdict = VERIFY_INCONSISTENT;
		r->computed = tlo;
		r->gap = tlo - shi;
	} else {
		r->verdict = VERIFY_CONSISTENT;
		/* A range truth (a level anywhere in the day) is reported at
		 * its point nearest the middle of the statement. */
		double mid = isfinite(slo) && isfinite(shi) ? (slo + shi) / 2 :
			     isfinite(slo) ? slo : shi;
		r->computed = fmin(fmax(tlo, mid), thi);
		r->gap = 0;
	}
}

int verify_is_price_fact(const struct fact *f)
{
	return !strcmp(f->measure, "price_change") || !strcmp(f->measure, "price");
}

const char *verify_verdict_name(enum verify_verdict v)
{
	switch (v) {
	case VERIFY_CONSISTENT: return "consistent";
	case VERIFY_INCONSISTENT: return "inconsistent";
	default: return "unverifiable";
	}
}

/* ---- reading the bars ---------------------------------------------- */

static int flat(const struct prices *p, size_t i)
{
	return p->open[i] == p->high[i] && p->high[i] == p->low[i] &&
	       p->low[i] == p->close[i];
}

static double volume(const struct prices *p, size_t i)
{
	return p->volume ? p->volume[i] : NAN;
}

/* A flat bar with no positive volume holds a close at most: no intraday
 * prices (the ^HSI close-only years 1986-89, HK half days). */
static int close_only(const struct prices *p, size_t i)
{
	return flat(p, i) && !(volume(p, i) > 0);
}

/* A placeholder stands in for missing data (yfinance's HK half days and
 * lost days, ^HSI 2019-12-18): a flat bar with volume 0, or with no
 * volume where the row before reports one.  Its close is not to be
 * trusted (9888.HK 2022-03-14 holds 131.80 and the next day then reads
 * -24%), so it is never a session or a base. */
static int placeholder(const struct prices *p, size_t i)
{
	if (!flat(p, i)) return 0;
	double v = volume(p, i);
	if (v == 0) return 1;
	return v != v && i > 0 && !isnan(volume(p, i - 1));
}

/* A price as the exchange printed it: the shortest text that is the same
 * float32 (the HK files hold float32 expansions, 79.94999694824219). */
static const char *px(double x, char buf[32])
{
	for (int prec = 1; prec < 17; prec++) {
		snprintf(buf, 32, "%.*g", prec, x);
		if ((float)strtod(buf, NULL) == (float)x) break;
	}
	return buf;
}

/* ---- one fact ------------------------------------------------------- */

struct calc {
	const struct prices *p;
	const struct fact *f;
	struct verify_result *r;
	size_t i;                 /* the session */
	char note[160];           /* said before the computation */
};

static void set_reason(struct verify_result *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void set_reason(struct verify_result *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->reason, sizeof r->reason, fmt, ap);
	va_end(ap);
}

/* Appends to r's reason. */
static void reason_add(struct verify_result *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void reason_add(struct verify_result *r, const char *fmt, ...)
{
	size_t n = strlen(r->reason);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->reason + n, sizeof r->reason - n, fmt, ap);
	va_end(ap);
}

/* Marks r unverifiable; returns -1 so the checks below can bail out. */
static int unverifiable(struct verify_result *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int unverifiable(struct verify_result *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->reason, sizeof r->reason, fmt, ap);
	va_end(ap);
	r->verdict = VERIFY_UNVERIFIABLE;
	r->computed = r->gap = NAN;
	return -1;
}

static void add_note(struct calc *c, const char *s)
{
	size_t n = strlen(c->note);
	snprintf(c->note + n, sizeof c->note - n, "%s%s", n ? "; " : "", s);
}

/* Finds the session for the fact's day, or the next calendar day's (a
 * New York date on a Hong Kong move). */
static int find_session(struct calc *c)
{
	const struct prices *p = c->p;
	int32_t d = c->f->date;
	char a[DATE_ISO_LEN], b[DATE_ISO_LEN], x[32];
	long i = prices_find(p, d);
	date_format(d, a);
	if (i < 0 && (i = prices_find(p, d + 1)) >= 0) {
		char msg[160];
		snprintf(msg, sizeof msg, "no session on %s; used the next day %s "
			 "(an article dated a time zone behind the market)",
			 a, date_format(d + 1, b));
		add_note(c, msg);
	}
	if (i < 0) {
		if (d < p->date[0])
			return unverifiable(c->r, "%s is before the file's first "
					    "session %s", a, date_format(p->date[0], b));
		if (d > p->date[p->n - 1])
			return unverifiable(c->r, "%s is after the file's last "
					    "session %s", a,
					    date_format(p->date[p->n - 1], b));
		return unverifiable(c->r, "no session on %s or the day after in "
				    "the file (a holiday or missing data)", a);
	}
	c->i = (size_t)i;
	c->r->day = p->date[i];
	if (placeholder(p, c->i))
		return unverifiable(c->r, "the row for %s is a flat placeholder with no "
				    "volume (O=H=L=C=%s): treated as missing data",
				    date_format(p->date[i], b), px(p->close[i], x));
	return 0;
}

static double pct(double x, double base)
{
	return 100 * (x / base - 1);
}


/* Checks base row b (-1 when none) and records it. */
static int use_base(struct calc *c, long b, const char *what)
{
	const struct prices *p = c->p;
	struct verify_result *r = c->r;
	char a[DATE_ISO_LEN], d[DATE_ISO_LEN], x[32], y[32];
	if (b < 0)
		return unverifiable(r, "not enough history: no %s before %s "
				    "in the file", what, date_format(p->date[c->i], a));
	r->prev_day = p->date[b];
	if (!placeholder(p, (size_t)b)) return 0;
	unverifiable(r, "the %s, %s, is a flat placeholder row with no "
		     "volume (treated as missing): a move from it is unknown", what,
		     date_format(p->date[b], a));
	/* Both candidate bases, so a reader can see whether the claim
	 * stands either way. */
	long k = b - 1;
	while (k >= 0 && placeholder(p, (size_t)k)) k--;
	double now = p->close[c->i];
	if (k >= 0)
		reason_add(r, "; the close move would be %+.2f%% from its %s and "
			   "%+.2f%% from the last real close, %s on %s",
			   pct(now, p->close[b]), px(p->close[b], x),
			   pct(now, p->close[k]), px(p->close[k], y),
			   date_format(p->date[k], d));
	return -1;
}

enum what { W_CLOSE, W_OPEN, W_HIGH, W_LOW, W_RANGE };

static const char *const what_name[] = {"close", "open", "high", "low", "range"};

static int need_intraday(struct calc *c, enum what w)
{
	char a[DATE_ISO_LEN];
	if (w == W_CLOSE || !close_only(c->p, c->i)) return 0;
	return unverifiable(c->r, "the bar for %s is flat with no volume: it "
			    "holds a close only, no %s", date_format(c->p->date[c->i], a),
			    what_name[w]);
}

/* The extreme in the claim's direction over rows (b, i]. */
static enum what extreme(const struct fact *f)
{
	return f->value < 0 ? W_LOW : W_HIGH;
}

static void window_extreme(const struct prices *p, size_t from, size_t to,
			   enum what w, double *x, size_t *at)
{
	*at = to;
	*x = w == W_HIGH ? p->high[to] : p->low[to];
	for (size_t k = from; k < to; k++) {
		double v = w == W_HIGH ? p->high[k] : p->low[k];
		if (w == W_HIGH ? v > *x : v < *x) {
			*x = v;
			*at = k;
		}
	}
}

/* What an inconsistent move may really be: a day move the close misses
 * but the day's range holds, or a number rounded twice (2.548 -> 2.55 ->
 * 2.6) that misses by less than its own half unit. */
static void hint(struct calc *c, size_t b, enum what w, int multi)
{
	const struct prices *p = c->p;
	struct verify_result *r = c->r;
	size_t i = c->i;
	double half = verify_half_unit(c->f->value, c->f->evidence);
	if (!strcmp(c->f->period, "day") && w == W_CLOSE && !multi &&
	    !close_only(p, i)) {
		double lo = pct(p->low[i], p->close[b]);
		double hi = pct(p->high[i], p->close[b]);
		if (hi >= r->stated_lo && lo <= r->stated_hi) {
			reason_add(r, "; the day's range %+.2f%%..%+.2f%% holds the "
				   "claim: true during the day, not at the close",
				   lo, hi);
			return;
		}
	}
	if (fabs(r->gap) < half)
		reason_add(r, "; off by less than half a unit of the last written "
			   "digit: rounded twice?");
}

/* Judges the move of w on the session (or over (b, i] for an extreme on
 * a multi-day period) against the close of row b. */
static void judge_move(struct calc *c, size_t b, enum what w, int multi,
		       const char *base_label)
{
	const struct prices *p = c->p;
	size_t i = c->i, at = i;
	double base = p->close[b], x = 0, tlo, thi;
	char di[DATE_ISO_LEN], db[DATE_ISO_LEN], how[200], x1[32], x2[32];
	if (w == W_RANGE) {
		tlo = pct(p->low[i], base);
		thi = pct(p->high[i], base);
		snprintf(how, sizeof how, "range %s..%s on %s: %+.2f%%..%+.2f%%",
			 px(p->low[i], x1), px(p->high[i], x2),
			 date_format(p->date[i], di), tlo, thi);
	} else {
		if (multi && (w == W_HIGH || w == W_LOW))
			window_extreme(p, b + 1, i, w, &x, &at);
		else
			x = w == W_CLOSE ? p->close[i] : w == W_OPEN ? p->open[i] :
			    w == W_HIGH ? p->high[i] : p->low[i];
		tlo = thi = pct(x, base);
		snprintf(how, sizeof how, "%s %s on %s: %+.2f%%", what_name[w],
			 px(x, x1), date_format(p->date[at], di), tlo);
	}
	verify_judge(tlo, thi, c->r);
	set_reason(c->r, "%s%s%s vs %s %s on %s", c->note, *c->note ? "; " : "",
		   how, base_label, px(base, x1), date_format(p->date[b], db));
	if (c->r->verdict == VERIFY_INCONSISTENT)
		hint(c, b, w, multi);
}

/* "since:YYYY-MM" or "since:YYYY-MM-DD": the first day of the period. */
static int since_start(const char *s, int32_t *start)
{
	int y, m, n = 0;
	if (date_parse(s, strlen(s), start) == 0) return 0;
	if (sscanf(s, "%4d-%2d%n", &y, &m, &n) == 2 && s[n] == '\0' &&
	    date_valid_civil(y, m, 1)) {
		*start = date_from_civil(y, m, 1);
		return 0;
	}
	return -1;
}

/* The base of a move within year y: the last session of year y - 1.
 * -1 with r filled when the file's last session before y is older. */
static int year_base(struct calc *c, int y, long *b, char *label, size_t len)
{
	const struct prices *p = c->p;
	char a[DATE_ISO_LEN];
	int by, m, d;
	snprintf(label, len, "last close of %d", y - 1);
	*b = (long)prices_lower_bound(p, date_from_civil(y, 1, 1)) - 1;
	if (*b < 0) return 0;   /* use_base says "not enough history" */
	date_to_civil(p->date[*b], &by, &m, &d);
	if (by == y - 1) return 0;
	return unverifiable(c->r, "not enough history: no session in %d in the "
			    "file (the last before is %s)", y - 1,
			    date_format(p->date[*b], a));
}

/* Judges a move over several sessions from base row b. */
static int judge_period(struct calc *c, long b, const char *label, int is_max)
{
	if (use_base(c, b, label)) return -1;
	if (is_max) add_note(c, "as much as over the period: the extreme high "
			     "(low for a fall) of its sessions");
	judge_move(c, (size_t)b, is_max ? extreme(c->f) : W_CLOSE, 1, label);
	return 0;
}

static int check_multi(struct calc *c, const char *period, int is_max)
{
	const struct prices *p = c->p;
	int32_t day = p->date[c->i];
	long b;
	char label[64], a[DATE_ISO_LEN];
	if (!strcmp(period, "ytd")) {
		int y, m, d;
		date_to_civil(day, &y, &m, &d);
		if (year_base(c, y, &b, label, sizeof label)) return -1;
	} else if (!strncmp(period, "since:", 6)) {
		int32_t start;
		if (since_start(period + 6, &start))
			return unverifiable(c->r, "period '%s' is not since:YYYY-MM"
					    "[-DD]", period);
		if (start > day)
			return unverifiable(c->r, "period '%s' starts after the "
					    "session %s", period, date_format(day, a));
		b = (long)prices_lower_bound(p, start) - 1;
		snprintf(label, sizeof label, "the close before %s", period + 6);
	} else {
		char *end;
		long n = strtol(period + 5, &end, 10);
		if (end == period + 5 || *end || n < 1)
			return unverifiable(c->r, "period '%s' is not days:N with "
					    "N >= 1", period);
		b = (long)c->i - n;
		snprintf(label, sizeof label, "the close %ld sessions before", n);
	}
	return judge_period(c, b, label, is_max);
}

/* year:YYYY: the year's last close (the fact's day's, when the fact is
 * dated inside the year) against the last close of the year before. */
static int check_year(struct calc *c, const char *period, int is_max)
{
	const struct prices *p = c->p;
	char *end, label[64], a[DATE_ISO_LEN], x[32];
	long y = strtol(period + 5, &end, 10), b;
	if (end == period + 5 || *end || y < 1000 || y > 9999)
		return unverifiable(c->r, "period '%s' is not year:YYYY", period);
	int32_t last = date_from_civil((int)y, 12, 31);
	if (c->f->date < last) last = c->f->date;
	if (last > p->date[p->n - 1])
		return unverifiable(c->r, "the file ends on %s, before %s",
				    date_format(p->date[p->n - 1], a),
				    date_format(last, x));
	long i = (long)prices_lower_bound(p, last + 1) - 1;
	if (i < 0 || p->date[i] < date_from_civil((int)y, 1, 1))
		return unverifiable(c->r, "no session of %ld up to %s in the file",
				    y, date_format(last, a));
	c->i = (size_t)i;
	c->r->day = p->date[i];
	if (placeholder(p, c->i))
		return unverifiable(c->r, "the last session, %s, is a flat "
				    "placeholder with no volume (O=H=L=C=%s): treated "
				    "as missing data", date_format(p->date[i], a),
				    px(p->close[i], x));
	if (year_base(c, (int)y, &b, label, sizeof label)) return -1;
	return judge_period(c, b, label, is_max);
}

static int check_change(struct calc *c)
{
	const struct fact *f = c->f;
	const char *per = f->period, *q = f->qualifier;
	int is_max = !strcmp(q, "max");
	if (strcmp(f->unit, "pct"))
		return unverifiable(c->r, "a price_change in '%s', not pct", f->unit);
	int daily = !strcmp(per, "intraday") || !strcmp(per, "day") ||
		    !strcmp(per, "close") || !strcmp(per, "open");
	int multi = !strcmp(per, "ytd") || !strncmp(per, "since:", 6) ||
		    !strncmp(per, "days:", 5);
	if (!strncmp(per, "year:", 5)) return check_year(c, per, is_max);
	if (!daily && !multi)
		return unverifiable(c->r, "period '%s' is not checkable from daily "
				    "bars (checked: intraday, day, close, open, ytd, "
				    "since:, days:N, year:)", *per ? per : "(empty)");
	if (find_session(c)) return -1;
	if (multi) return check_multi(c, per, is_max);
	enum what w = W_CLOSE;
	if (!strcmp(per, "open")) {
		w = W_OPEN;
	} else if (!strcmp(per, "intraday")) {
		/* "as much as", "more than", "nearly" bound the day's extreme;
		 * a plain intraday move was true at some moment of the day. */
		w = strcmp(q, "eq") && strcmp(q, "approx") && *q ? extreme(f) : W_RANGE;
	} else if (!strcmp(per, "day")) {
		if (is_max)
			w = extreme(f);
		else
			add_note(c, "a day move (no word of intraday or close): "
				 "taken as the close move");
	} else if (is_max) {
		add_note(c, "as much as on a close move: compared with the close");
	}
	if (need_intraday(c, w)) return -1;
	if (use_base(c, (long)c->i - 1, "previous session")) return -1;
	judge_move(c, c->i - 1, w, 0, "previous close");
	return 0;
}

static int check_level(struct calc *c)
{
	const struct fact *f = c->f;
	const struct prices *p = c->p;
	const char *per = f->period;
	enum what w;
	if (!strcmp(per, "close")) w = W_CLOSE;
	else if (!strcmp(per, "open")) w = W_OPEN;
	else if (!strcmp(per, "intraday_high")) w = W_HIGH;
	else if (!strcmp(per, "intraday_low")) w = W_LOW;
	else if (!strcmp(per, "level")) w = W_RANGE;
	else
		return unverifiable(c->r, "period '%s' is not a level period "
				    "(intraday_high, intraday_low, close, open, level)",
				    *per ? per : "(empty)");
	if (!strcmp(f->unit, "pct") || !strcmp(f->unit, "pp"))
		return unverifiable(c->r, "a price in '%s', not a currency or "
				    "points", f->unit);
	if (find_session(c) || need_intraday(c, w)) return -1;
	size_t i = c->i;
	char d[DATE_ISO_LEN], x1[32], x2[32];
	double tlo = w == W_RANGE ? p->low[i] : w == W_CLOSE ? p->close[i] :
		     w == W_OPEN ? p->open[i] : w == W_HIGH ? p->high[i] : p->low[i];
	double thi = w == W_RANGE ? p->high[i] : tlo;
	verify_judge(tlo, thi, c->r);
	if (w == W_RANGE)
		set_reason(c->r, "%s%sa level within the day's range %s..%s "
			   "on %s", c->note, *c->note ? "; " : "", px(tlo, x1), px(thi, x2),
			   date_format(p->date[i], d));
	else
		set_reason(c->r, "%s%s%s %s on %s", c->note, *c->note ? "; " : "",
			   what_name[w], px(tlo, x1), date_format(p->date[i], d));
	return 0;
}

static void result_init(struct verify_result *r)
{
	r->verdict = VERIFY_UNVERIFIABLE;
	r->stated_lo = r->stated_hi = r->computed = r->gap = NAN;
	r->day = r->prev_day = DATE_NONE;
	r->reason[0] = '\0';
}

/* The checks every fact passes before any price is read: 1 to go on,
 * 0 when r is already the verdict, -1 on a broken contract. */
static int check_fact(const struct fact *f, struct verify_result *r,
		      struct ff_error *err)
{
	result_init(r);
	if (verify_stated(f->value, f->qualifier,
			  verify_half_unit(f->value, f->evidence),
			  &r->stated_lo, &r->stated_hi))
		return ff_error_set(err, NULL, f->line, "qualifier",
				    "unknown qualifier '%s' (expected eq, approx, "
				    "gt, lt or max)", f->qualifier);
	if (!verify_is_price_fact(f))
		unverifiable(r, "measure '%s' is not a price fact", f->measure);
	else if (!*f->ticker)
		unverifiable(r, "no ticker: the listing is not known");
	else if (f->date == DATE_NONE)
		unverifiable(r, "no date: the day is not known");
	else
		return 1;
	return 0;
}

int verify_fact_prices(const struct prices *p, const struct fact *f,
		       struct verify_result *r, struct ff_error *err)
{
	int st = check_fact(f, r, err);
	if (st <= 0) return st;
	struct calc c = {.p = p, .f = f, .r = r};
	if (!strcmp(f->measure, "price"))
		check_level(&c);
	else
		check_change(&c);
	return 0;
}

/* ---- a folder of price files --------------------------------------- */

struct verify_entry {
	char *ticker;
	struct prices *p;         /* NULL: no file */
};

struct verify_dir {
	char *dir;
	struct verify_entry *e;
	size_t n, cap;
};

struct verify_dir *verify_dir_new(const char *dir)
{
	struct verify_dir *d = calloc(1, sizeof *d);
	if (d && !(d->dir = strdup(dir))) {
		free(d);
		return NULL;
	}
	return d;
}

void verify_dir_free(struct verify_dir *d)
{
	if (!d) return;
	for (size_t k = 0; k < d->n; k++) {
		free(d->e[k].ticker);
		prices_free(d->e[k].p);
	}
	free(d->e);
	free(d->dir);
	free(d);
}

/* A ticker names a file in the folder, never a path out of it. */
static int ticker_is_file_name(const char *t)
{
	return !strchr(t, '/') && strcmp(t, ".") && strcmp(t, "..");
}

/* The entry for ticker, loading its file on first use. */
static struct verify_entry *entry(struct verify_dir *d, const char *ticker,
				  struct ff_error *err)
{
	for (size_t k = 0; k < d->n; k++)
		if (!strcmp(d->e[k].ticker, ticker)) return &d->e[k];
	if (d->n == d->cap) {
		size_t cap = d->cap ? 2 * d->cap : 8;
		struct verify_entry *e = realloc(d->e, cap * sizeof *e);
		if (!e) goto oom;
		d->e = e;
		d->cap = cap;
	}
	struct verify_entry *e = &d->e[d->n];
	size_t len = strlen(d->dir) + strlen(ticker) + 6;
	char *path = malloc(len);
	if (!path || !(e->ticker = strdup(ticker))) {
		free(path);
		goto oom;
	}
	snprintf(path, len, "%s/%s.csv", d->dir, ticker);
	e->p = NULL;
	struct stat st;
	int exists = stat(path, &st) == 0 || errno != ENOENT;
	struct prices_opts opts = {.want = PRICES_OHLC | PRICES_VOLUME};
	if (exists && prices_load(path, &opts, &e->p, err)) {
		free(path);
		free(e->ticker);
		return NULL;
	}
	free(path);
	d->n++;
	return e;
oom:
	ff_error_set(err, d->dir, 0, NULL, "out of memory");
	return NULL;
}

int verify_fact(struct verify_dir *d, const struct fact *f,
		struct verify_result *r, struct ff_error *err)
{
	int st = check_fact(f, r, err);
	if (st <= 0) return st;
	if (!ticker_is_file_name(f->ticker)) {
		unverifiable(r, "ticker '%s' is not a file name", f->ticker);
		return 0;
	}
	struct verify_entry *e = entry(d, f->ticker, err);
	if (!e) return -1;
	if (!e->p) {
		unverifiable(r, "no price file %s/%s.csv for the listing", d->dir,
			     f->ticker);
		return 0;
	}
	return verify_fact_prices(e->p, f, r, err);
}

/* ---- output -------------------------------------------------------- */

static const char *const verify_header[] = {
	"doc", "entity", "ticker", "date", "measure", "period", "value", "unit",
	"qualifier", "stated_low", "stated_high", "computed", "day_used",
	"prev_day", "verdict", "gap", "reason", "evidence"};

void verify_write_header(struct csvio_writer *w)
{
	csvio_row(w, verify_header, sizeof verify_header / sizeof *verify_header);
}

/* An open-ended bound is written empty. */
static void finite_num(struct csvio_writer *w, double v)
{
	csvio_num(w, isfinite(v) ? v : NAN);
}

void verify_write(struct csvio_writer *w, const struct fact *f,
		  const struct verify_result *r)
{
	csvio_field(w, f->doc);
	csvio_field(w, f->entity);
	csvio_field(w, f->ticker);
	csvio_date(w, f->date);
	csvio_field(w, f->measure);
	csvio_field(w, f->period);
	csvio_num(w, f->value);
	csvio_field(w, f->unit);
	csvio_field(w, f->qualifier);
	finite_num(w, r->stated_lo);
	finite_num(w, r->stated_hi);
	finite_num(w, r->computed);
	csvio_date(w, r->day);
	csvio_date(w, r->prev_day);
	csvio_field(w, verify_verdict_name(r->verdict));
	finite_num(w, r->gap);
	csvio_field(w, r->reason);
	csvio_field(w, f->evidence);
	csvio_endrow(w);
}
