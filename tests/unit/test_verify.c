/* verify: the interval rules and the computations, against numbers worked
 * out by hand in the comments. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "date.h"
#include "verify.h"

#define EPS 1e-12

static void interval(double v, const char *q, double half, double lo, double hi)
{
	double a, b;
	cr_assert_eq(verify_stated(v, q, half, &a, &b), 0, "%g %s", v, q);
	cr_assert(isinf(lo) ? a == lo : fabs(a - lo) < EPS, "%g %s: lo %.17g, expected %.17g", v, q, a, lo);
	cr_assert(isinf(hi) ? b == hi : fabs(b - hi) < EPS, "%g %s: hi %.17g, expected %.17g", v, q, b, hi);
}

Test(verify, half_unit_from_evidence)
{
	/* The last digit written decides: "9.2" is tenths, so half is 0.05. */
	cr_assert_float_eq(verify_half_unit(9.2, "jumped as much as 9.2 per cent"), 0.05, EPS);
	/* A trailing zero the value lost is kept from the text. */
	cr_assert_float_eq(verify_half_unit(2.6, "closed up 2.60 per cent"), 0.005, EPS);
	/* Thousands commas; the sign is not in the number. */
	cr_assert_float_eq(verify_half_unit(23477.92, "closed at 23,477.92"), 0.005, EPS);
	cr_assert_float_eq(verify_half_unit(-17, "fell 17 per cent"), 0.5, EPS);
	/* A scale word: 18.51 billion is written to 0.01 billion = 1e7,
	 * half of it 5e6. */
	cr_assert_float_eq(verify_half_unit(18510000000, "$18.51-billion"), 5e6, 1e-3);
	/* Pence converted to pounds: 50 pence is 0.50 written to 0.01. */
	cr_assert_float_eq(verify_half_unit(0.5, "50 pence"), 0.005, EPS);
	/* Other numbers in the evidence do not count. */
	cr_assert_float_eq(verify_half_unit(124.3, "in 2025 to HK$124.3"), 0.05, EPS);
}

Test(verify, half_unit_from_value)
{
	/* No matching number in the text: the shortest decimal form. */
	cr_assert_float_eq(verify_half_unit(9.2, ""), 0.05, EPS);
	cr_assert_float_eq(verify_half_unit(3, "tripled"), 0.5, EPS);
	cr_assert_float_eq(verify_half_unit(-0.25, NULL), 0.005, EPS);
	cr_assert_float_eq(verify_half_unit(1e20, ""), 0.5e20, 1e5);
}

Test(verify, qualifiers_widen_the_magnitude)
{
	/* eq and max: the written precision. */
	interval(9.2, "eq", 0.05, 9.15, 9.25);
	interval(9.2, "", 0.05, 9.15, 9.25);
	interval(-9.2, "max", 0.05, -9.25, -9.15);
	/* approx: the wider of half a unit and 5%: 2.6 -> 0.13 -> [2.47, 2.73];
	 * 40 -> 2 -> [38, 42]; 0.2 (half 0.05 > 0.01) -> [0.15, 0.25]. */
	interval(2.6, "approx", 0.05, 2.47, 2.73);
	interval(40, "approx", 0.5, 38, 42);
	interval(0.2, "approx", 0.05, 0.15, 0.25);
	/* gt: the value and beyond, away from zero. */
	interval(40, "gt", 0.5, 40, INFINITY);
	interval(-5, "gt", 0.5, -INFINITY, -5);
	/* lt: [v - max(0.5, 10% v), v]: 3 -> [2.5, 3]; 30 -> [27, 30];
	 * a fall of nearly 3 -> [-3, -2.5]; 0.3 stops at zero. */
	interval(3, "lt", 0.5, 2.5, 3);
	interval(30, "lt", 0.5, 27, 30);
	interval(-3, "lt", 0.5, -3, -2.5);
	interval(0.3, "lt", 0.05, 0, 0.3);
	double a, b;
	cr_assert_eq(verify_stated(1, "about", 0.5, &a, &b), -1);
}

static struct verify_result stated(double lo, double hi)
{
	struct verify_result r = {.stated_lo = lo, .stated_hi = hi};
	return r;
}

Test(verify, judge_point_and_range)
{
	/* 9.2267 in [9.15, 9.25]: consistent, gap 0. */
	struct verify_result r = stated(9.15, 9.25);
	verify_judge(9.2267, 9.2267, &r);
	cr_assert_eq(r.verdict, VERIFY_CONSISTENT);
	cr_assert_float_eq(r.gap, 0, EPS);
	cr_assert_float_eq(r.computed, 9.2267, EPS);
	/* 2.5483 below [2.55, 2.65]: off by 2.5483 - 2.55 = -0.0017. */
	r = stated(2.55, 2.65);
	verify_judge(2.5483, 2.5483, &r);
	cr_assert_eq(r.verdict, VERIFY_INCONSISTENT);
	cr_assert_float_eq(r.gap, -0.0017, 1e-12);
	/* Above an open-ended interval is never too high. */
	r = stated(40, INFINITY);
	verify_judge(75, 75, &r);
	cr_assert_eq(r.verdict, VERIFY_CONSISTENT);
	/* The ends count as inside. */
	r = stated(9.15, 9.25);
	verify_judge(9.25, 9.25, &r);
	cr_assert_eq(r.verdict, VERIFY_CONSISTENT);
	/* A range [-1, 4] meets [2.5, 3.5]: computed is the range's point
	 * nearest the statement's middle, 3; a range [-1, 2.8] gives 2.8. */
	r = stated(2.5, 3.5);
	verify_judge(-1, 4, &r);
	cr_assert_eq(r.verdict, VERIFY_CONSISTENT);
	cr_assert_float_eq(r.computed, 3, EPS);
	r = stated(2.5, 3.5);
	verify_judge(-1, 2.8, &r);
	cr_assert_float_eq(r.computed, 2.8, EPS);
	/* A range [-1, 2] under [2.5, 3.5]: off by 2 - 2.5 = -0.5. */
	r = stated(2.5, 3.5);
	verify_judge(-1, 2, &r);
	cr_assert_eq(r.verdict, VERIFY_INCONSISTENT);
	cr_assert_float_eq(r.computed, 2, EPS);
	cr_assert_float_eq(r.gap, -0.5, EPS);
}

/* Five sessions, Thursday 2025-01-02 to Thursday 2025-01-09, the fourth
 * a zero-volume flat placeholder. */
static int32_t D[5];
static double O[5] = {100, 101, 104, 103, 99};
static double H[5] = {102, 106, 105, 103, 101};
static double L[5] = {99, 100, 101, 103, 95};
static double C[5] = {101, 105, 102, 103, 100};
static double V[5] = {10, 20, 30, 0, 40};

static struct prices bars(void)
{
	D[0] = date_from_civil(2025, 1, 2);
	D[1] = date_from_civil(2025, 1, 3);
	D[2] = date_from_civil(2025, 1, 6);
	D[3] = date_from_civil(2025, 1, 7);
	D[4] = date_from_civil(2025, 1, 8);
	struct prices p = {.name = "T", .n = 5, .date = D, .open = O,
			   .high = H, .low = L, .close = C, .volume = V};
	return p;
}

static struct verify_result run(const char *measure, const char *day,
				double v, const char *unit, const char *q,
				const char *period)
{
	struct prices p = bars();
	struct fact f = {.doc = "d", .entity = "E", .ticker = "T", .scope = "",
			 .measure = measure, .unit = unit, .qualifier = q,
			 .period = period, .attribution = "", .evidence = ""};
	cr_assert_eq(date_parse(day, strlen(day), &f.date), 0);
	f.value = v;
	struct verify_result r;
	struct ff_error err;
	cr_assert_eq(verify_fact_prices(&p, &f, &r, &err), 0);
	return r;
}

Test(verify, moves)
{
	/* Close 2025-01-03: 105 / 101 - 1 = +3.9604%. */
	struct verify_result r = run("price_change", "2025-01-03", 4, "pct", "eq", "close");
	cr_assert_eq(r.verdict, VERIFY_CONSISTENT);
	cr_assert_float_eq(r.computed, 100.0 * 4 / 101, 1e-9);
	cr_assert_eq(r.prev_day, D[0]);
	/* Open: 101 / 101 = 0%; "opened up 1%" [0.5, 1.5] is off by -0.5. */
	r = run("price_change", "2025-01-03", 1, "pct", "eq", "open");
	cr_assert_eq(r.verdict, VERIFY_INCONSISTENT);
	cr_assert_float_eq(r.gap, -0.5, 1e-9);
	/* As much as: high 106 / 101 = +4.9505%. */
	r = run("price_change", "2025-01-03", 5, "pct", "max", "intraday");
	cr_assert_eq(r.verdict, VERIFY_CONSISTENT);
	cr_assert_float_eq(r.computed, 500.0 / 101, 1e-9);
	/* A fall with max on 2025-01-06: low 101 / 105 = -3.8095%. */
	r = run("price_change", "2025-01-06", -4, "pct", "max", "intraday");
	cr_assert_eq(r.verdict, VERIFY_CONSISTENT);
	cr_assert_float_eq(r.computed, -400.0 / 105, 1e-9);
	/* A plain intraday move anywhere in low..high: 101/105 .. 105/105,
	 * so "up 2%" [1.5, 2.5] is off by 0 - 1.5 = -1.5. */
	r = run("price_change", "2025-01-06", 2, "pct", "eq", "intraday");
	cr_assert_eq(r.verdict, VERIFY_INCONSISTENT);
	cr_assert_float_eq(r.gap, -1.5, 1e-9);
	/* days:2 on 2025-01-06: 102 / 101 = +0.990%. */
	r = run("price_change", "2025-01-06", 1, "pct", "eq", "days:2");
	cr_assert_eq(r.verdict, VERIFY_CONSISTENT);
	cr_assert_float_eq(r.computed, 100.0 / 101, 1e-9);
}

Test(verify, placeholders_and_missing_days)
{
	/* The placeholder day itself, and the day after it. */
	struct verify_result r = run("price_change", "2025-01-07", 1, "pct", "eq", "close");
	cr_assert_eq(r.verdict, VERIFY_UNVERIFIABLE);
	cr_assert(strstr(r.reason, "placeholder"), "%s", r.reason);
	r = run("price_change", "2025-01-08", -2, "pct", "eq", "close");
	cr_assert_eq(r.verdict, VERIFY_UNVERIFIABLE);
	cr_assert(strstr(r.reason, "2025-01-07"), "%s", r.reason);
	/* Saturday 2025-01-04: not in the file, nor Sunday. */
	r = run("price_change", "2025-01-04", 1, "pct", "eq", "close");
	cr_assert_eq(r.verdict, VERIFY_UNVERIFIABLE);
	/* Sunday 2025-01-05: the next day, Monday, is used and said. */
	r = run("price_change", "2025-01-05", -3, "pct", "eq", "close");
	cr_assert_eq(r.day, D[2]);
	cr_assert(strstr(r.reason, "next day"), "%s", r.reason);
	/* 102 / 105 - 1 = -2.857%: [-3.5, -2.5] holds it. */
	cr_assert_eq(r.verdict, VERIFY_CONSISTENT);
	/* The first session has no previous close. */
	r = run("price_change", "2025-01-02", 1, "pct", "eq", "close");
	cr_assert_eq(r.verdict, VERIFY_UNVERIFIABLE);
	cr_assert(strstr(r.reason, "not enough history"), "%s", r.reason);
}

Test(verify, levels)
{
	/* "to 106" is the high of 2025-01-03. */
	struct verify_result r = run("price", "2025-01-03", 106, "USD", "eq", "intraday_high");
	cr_assert_eq(r.verdict, VERIFY_CONSISTENT);
	/* "closed at 104" is 1 below the close 105: [103.5, 104.5] off by 0.5. */
	r = run("price", "2025-01-03", 104, "USD", "eq", "close");
	cr_assert_eq(r.verdict, VERIFY_INCONSISTENT);
	cr_assert_float_eq(r.gap, 0.5, 1e-9);
	/* A level of 103 lies within the day's 100..106. */
	r = run("price", "2025-01-03", 103, "USD", "eq", "level");
	cr_assert_eq(r.verdict, VERIFY_CONSISTENT);
	cr_assert_float_eq(r.computed, 103, 1e-9);
}

Test(verify, multi_day_periods)
{
	/* since:2025-01-03 with max on 2025-01-06: base is the close before
	 * Jan 3 (101, Jan 2); the highest high of Jan 3..6 is 106: +4.9505%. */
	struct verify_result r = run("price_change", "2025-01-06", 5, "pct", "max",
				     "since:2025-01-03");
	cr_assert_eq(r.verdict, VERIFY_CONSISTENT, "%s", r.reason);
	cr_assert_float_eq(r.computed, 500.0 / 101, 1e-9);
	cr_assert_eq(r.prev_day, D[0]);
	/* ytd in January 2025 needs a 2024 close the file lacks. */
	r = run("price_change", "2025-01-06", 1, "pct", "eq", "ytd");
	cr_assert_eq(r.verdict, VERIFY_UNVERIFIABLE);
	cr_assert(strstr(r.reason, "not enough history"), "%s", r.reason);
	/* Malformed periods and units are reasons, not crashes. */
	r = run("price_change", "2025-01-06", 1, "pct", "eq", "since:Jan");
	cr_assert_eq(r.verdict, VERIFY_UNVERIFIABLE);
	r = run("price_change", "2025-01-06", 1, "pct", "eq", "days:0");
	cr_assert_eq(r.verdict, VERIFY_UNVERIFIABLE);
	r = run("price_change", "2025-01-06", 1, "pp", "eq", "close");
	cr_assert_eq(r.verdict, VERIFY_UNVERIFIABLE);
	r = run("price_change", "2025-01-06", 1, "pct", "eq", "premarket");
	cr_assert_eq(r.verdict, VERIFY_UNVERIFIABLE);
}

Test(verify, flat_bar_without_volume_column)
{
	/* Without a volume column the flat Jan 7 bar is not a placeholder
	 * (nothing says its volume is missing) but holds a close only. */
	struct prices p = bars();
	p.volume = NULL;
	struct fact f = {.doc = "d", .entity = "E", .ticker = "T", .scope = "",
			 .measure = "price_change", .unit = "pct", .qualifier = "eq",
			 .period = "close", .attribution = "", .evidence = "",
			 .date = D[3], .value = 1};
	struct verify_result r;
	struct ff_error err;
	/* Close 103 vs 102 = +0.980%: in [0.5, 1.5]. */
	cr_assert_eq(verify_fact_prices(&p, &f, &r, &err), 0);
	cr_assert_eq(r.verdict, VERIFY_CONSISTENT, "%s", r.reason);
	cr_assert_float_eq(r.computed, 100.0 / 102, 1e-9);
	f.qualifier = "max";
	f.period = "intraday";
	cr_assert_eq(verify_fact_prices(&p, &f, &r, &err), 0);
	cr_assert_eq(r.verdict, VERIFY_UNVERIFIABLE);
	cr_assert(strstr(r.reason, "close only"), "%s", r.reason);
	/* An unknown qualifier breaks the contract: an error naming it. */
	f.qualifier = "roughly";
	f.line = 7;
	cr_assert_eq(verify_fact_prices(&p, &f, &r, &err), -1);
	cr_assert_eq(err.line, 7);
	cr_assert_str_eq(err.field, "qualifier");
}
