/* series: every derivation against a hand calculation written out here,
 * bounds included; merging, conflicts and order independence. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "facts.h"
#include "series.h"

#define EPS 1e-9

static void add(struct facts *t, const char *doc, const char *date,
		const char *entity, const char *ticker, const char *scope,
		const char *measure, double value, const char *unit,
		const char *qual, const char *period, const char *evidence)
{
	struct fact f = {.doc = doc, .entity = entity, .ticker = ticker,
		.scope = scope, .measure = measure, .unit = unit, .qualifier = qual,
		.period = period, .attribution = "", .evidence = evidence,
		.value = value, .date = DATE_NONE, .span_start = -1, .span_end = -1};
	if (date[0]) cr_assert_eq(date_parse(date, strlen(date), &f.date), 0);
	cr_assert_eq(facts_append(t, &f), 0);
}

/* The facts of the first seed article (../FACTS.md's example). */
static void seed_alibaba(struct facts *t)
{
	const char *d = "000_a7d27970ce66e020", *day = "2025-02-13";
	add(t, d, day, "Alibaba", "9988.HK", "", "price_change", 9.2, "pct", "max",
	    "intraday", "jumped as much as 9.2 per cent");
	add(t, d, day, "Alibaba", "9988.HK", "", "price", 124.3, "HKD", "eq",
	    "intraday_high", "to HK$124.3");
	add(t, d, day, "Alibaba", "9988.HK", "", "price_change", 2.6, "pct", "eq",
	    "close", "close up 2.6 per cent");
}

static void seed_shares(struct facts *t)
{
	const char *d = "000_a7d27970ce66e020", *day = "2025-02-13";
	add(t, d, day, "Vivo", "", "China", "market_share", 17, "pct", "eq", "year:2024", "at 17 per cent");
	add(t, d, day, "Vivo", "", "China", "market_rank", 1, "rank", "eq", "year:2024", "largest market share");
	add(t, d, day, "Huawei", "", "China", "market_share", 16, "pct", "eq", "year:2024", "with 16 per cent");
	add(t, d, day, "Huawei", "", "China", "market_rank", 2, "rank", "eq", "year:2024", "second place");
	add(t, d, day, "Apple", "", "China", "market_share", 15, "pct", "eq", "year:2024", "with 15 per cent");
	add(t, d, day, "Apple", "", "China", "market_rank", 3, "rank", "eq", "year:2024", "third place");
}

static const struct series_row *find(const struct series *s, const char *measure,
				     const char *entity)
{
	const struct series_row *hit = NULL;
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->v[i].measure, measure) &&
		    (!entity || !strcmp(s->v[i].entity, entity))) {
			cr_assert_null(hit, "two rows for %s", measure);
			hit = &s->v[i];
		}
	cr_assert_not_null(hit, "no row %s", measure);
	return hit;
}

static size_t count(const struct series *s, const char *measure)
{
	size_t n = 0;
	for (size_t i = 0; i < s->n; i++) n += !strcmp(s->v[i].measure, measure);
	return n;
}

static void expect(const struct series_row *r, double v, double lo, double hi)
{
	cr_expect(fabs(r->x.v - v) <= EPS * fmax(1, fabs(v)), "%s value %.17g, expected %.17g",
		  r->measure, r->x.v, v);
	cr_expect(fabs(r->x.lo - lo) <= EPS * fmax(1, fabs(lo)), "%s low %.17g, expected %.17g",
		  r->measure, r->x.lo, lo);
	cr_expect(fabs(r->x.hi - hi) <= EPS * fmax(1, fabs(hi)), "%s high %.17g, expected %.17g",
		  r->measure, r->x.hi, hi);
}

static struct series *build(struct facts *t)
{
	struct ff_error err;
	struct series *s = series_build(t, &err);
	cr_assert_not_null(s, "%s", err.msg);
	return s;
}

/* ---- precision and qualifiers */

Test(series, written_unit_from_evidence)
{
	cr_expect_float_eq(series_written_unit(9.2, "jumped as much as 9.2 per cent"), 0.1, 1e-15);
	cr_expect_float_eq(series_written_unit(9.2, "rose 9.20%"), 0.01, 1e-15);
	/* 18.51 billion: the last digit is a hundredth of a billion */
	cr_expect_float_eq(series_written_unit(18510000000, "$18.51-billion"), 1e7, 1e-3);
	cr_expect_float_eq(series_written_unit(23477.92, "closed at 23,477.92"), 0.01, 1e-15);
	/* the year in the text is skipped: it is not the value */
	cr_expect_float_eq(series_written_unit(40, "in 2025, up 40 per cent"), 1, 1e-15);
	/* 123 pence written, 1.23 GBP stored */
	cr_expect_float_eq(series_written_unit(1.23, "fell to 123p"), 0.01, 1e-15);
	cr_expect_float_eq(series_written_unit(-11, "plunged by 11 per cent"), 1, 1e-15);
}

Test(series, written_unit_fallback_shortest)
{
	cr_expect_float_eq(series_written_unit(9.2, ""), 0.1, 1e-15);
	cr_expect_float_eq(series_written_unit(40, "doubled"), 1, 1e-15);
	/* 18510000000 -> 18.51 billion -> 0.01 billion */
	cr_expect_float_eq(series_written_unit(18510000000, ""), 1e7, 1e-3);
	/* 300000000000 -> 300 billion -> 1 billion */
	cr_expect_float_eq(series_written_unit(3e11, ""), 1e9, 1e-3);
	cr_expect_float_eq(series_written_unit(23477.92, ""), 0.01, 1e-15);
}

static struct series_num num_of(double v, const char *q, const char *ev)
{
	struct fact f = {.unit = "pct", .qualifier = q, .evidence = ev, .value = v};
	return series_fact_num(&f);
}

Test(series, qualifier_bounds)
{
	struct series_num n = num_of(9.2, "eq", "9.2");
	cr_expect(fabs(n.lo - 9.15) < 1e-12 && fabs(n.hi - 9.25) < 1e-12);
	n = num_of(9.2, "max", "9.2");            /* an extreme: precision only */
	cr_expect(fabs(n.lo - 9.15) < 1e-12 && fabs(n.hi - 9.25) < 1e-12);
	n = num_of(40, "gt", "more than 40");      /* above the value */
	cr_expect(n.lo == 40 && isinf(n.hi) && n.hi > 0);
	n = num_of(-3, "lt", "nearly 3%");         /* |v| in [3 - max(0.5, 0.3), 3] */
	cr_expect(n.lo == -3 && n.hi == -2.5, "[%g, %g]", n.lo, n.hi);
	n = num_of(40, "lt", "almost 40");         /* [40 - max(0.5, 4), 40] */
	cr_expect(n.lo == 36 && n.hi == 40);
	n = num_of(9.2, "approx", "about 9.2");    /* max(0.05, 0.46) = 0.46 */
	cr_expect(fabs(n.lo - 8.74) < 1e-12 && fabs(n.hi - 9.66) < 1e-12);
	n = num_of(0.5, "approx", "about 0.5");    /* max(0.05, 0.025) = 0.05 */
	cr_expect(fabs(n.lo - 0.45) < 1e-12 && fabs(n.hi - 0.55) < 1e-12);
}

/* ---- price derivations (the first seed) */

Test(series, implied_prev_close_and_close)
{
	struct facts *t = facts_new();
	seed_alibaba(t);
	struct series *s = build(t);
	/* prev = 124.3 / 1.092 = 113.827838827...
	 * low  = 124.25 / 1.0925 = 113.729977116...
	 * high = 124.35 / 1.0915 = 113.925790196... */
	const struct series_row *r = find(s, "implied_prev_close", NULL);
	expect(r, 124.3 / 1.092, 124.25 / 1.0925, 124.35 / 1.0915);
	cr_expect_float_eq(r->x.v, 113.8278388278, 1e-9);
	cr_expect_str_eq(r->unit, "HKD");
	cr_expect(strstr(r->derivation, "prev_close = level / (1 + move/100)") != NULL);
	/* close = prev * 1.026 = 116.787362637...
	 * low  = 113.729977116 * 1.0255 = 116.630091533...
	 * high = 113.925790196 * 1.0265 = 116.944823637... */
	r = find(s, "implied_close", NULL);
	expect(r, 124.3 / 1.092 * 1.026, 124.25 / 1.0925 * 1.0255, 124.35 / 1.0915 * 1.0265);
	cr_expect_float_eq(r->x.v, 116.7873626374, 1e-9);
	series_free(s);
	facts_free(t);
}

Test(series, giveback_of_intraday_gain)
{
	struct facts *t = facts_new();
	seed_alibaba(t);
	struct series *s = build(t);
	/* 9.2 - 2.6 = 6.6 pp; bounds 9.15 - 2.65 = 6.5, 9.25 - 2.55 = 6.7 */
	expect(find(s, "giveback_pp", NULL), 6.6, 6.5, 6.7);
	/* 100 (1 - 2.6/9.2) = 71.7391304...; close/intraday in
	 * [2.55/9.25, 2.65/9.15] = [0.2756757, 0.2896175] ->
	 * [71.0382514, 72.4324324] */
	expect(find(s, "giveback_share", NULL), 100 * (1 - 2.6 / 9.2),
	       100 * (1 - 2.65 / 9.15), 100 * (1 - 2.55 / 9.25));
	const struct series_row *c = find(s, "check_intraday_vs_close", NULL);
	cr_expect_str_eq(c->verdict, "consistent");
	cr_expect_eq(c->kind, SERIES_CHECK);
	series_free(s);
	facts_free(t);
}

Test(series, intraday_smaller_than_close_is_flagged)
{
	struct facts *t = facts_new();
	add(t, "a", "2025-03-03", "Foo", "FOO", "", "price_change", 2, "pct", "max", "intraday", "as much as 2%");
	add(t, "a", "2025-03-03", "Foo", "FOO", "", "price_change", 3, "pct", "eq", "close", "closed up 3%");
	add(t, "b", "2025-03-04", "Foo", "FOO", "", "price_change", 2.6, "pct", "max", "intraday", "as much as 2.6%");
	add(t, "b", "2025-03-04", "Foo", "FOO", "", "price_change", 2.65, "pct", "eq", "close", "closed up 2.65%");
	struct series *s = build(t);
	cr_assert_eq(count(s, "check_intraday_vs_close"), 2);
	for (size_t i = 0; i < s->n; i++) {
		const struct series_row *r = &s->v[i];
		if (strcmp(r->measure, "check_intraday_vs_close")) continue;
		if (r->date == date_from_civil(2025, 3, 3)) {
			/* 2 [1.5, 2.5] vs 3 [2.5, 3.5]: stated smaller, but the
			 * bounds touch (2.5 < 2.5 is false): undecided; 2 - 3 = -1,
			 * [1.5 - 3.5, 2.5 - 2.5] */
			cr_expect_str_eq(r->verdict, "undecided");
			expect(r, -1, 1.5 - 3.5, 2.5 - 2.5);
		} else {
			/* 2.6 [2.55, 2.65] vs 2.65 [2.645, 2.655]: overlap, undecided */
			cr_expect_str_eq(r->verdict, "undecided");
		}
	}
	series_free(s);
	facts_free(t);
	/* written to the tenth: 2.0 [1.95, 2.05] vs 3.0 [2.95, 3.05] -> surely smaller */
	t = facts_new();
	add(t, "a", "2025-03-03", "Foo", "FOO", "", "price_change", 2, "pct", "max", "intraday", "as much as 2.0%");
	add(t, "a", "2025-03-03", "Foo", "FOO", "", "price_change", 3, "pct", "eq", "close", "closed up 3.0%");
	s = build(t);
	const struct series_row *r = find(s, "check_intraday_vs_close", NULL);
	cr_expect_str_eq(r->verdict, "inconsistent");
	expect(r, -1, 1.95 - 3.05, 2.05 - 2.95);
	/* and the give-back of a gain smaller than the close is negative */
	expect(find(s, "giveback_pp", NULL), -1, 1.95 - 3.05, 2.05 - 2.95);
	series_free(s);
	facts_free(t);
}

Test(series, recovery_of_intraday_loss)
{
	struct facts *t = facts_new();
	add(t, "a", "2025-03-03", "Foo", "FOO", "", "price_change", -5, "pct", "max", "intraday", "fell as much as 5%");
	add(t, "a", "2025-03-03", "Foo", "FOO", "", "price", 95, "USD", "eq", "intraday_low", "to $95");
	add(t, "a", "2025-03-03", "Foo", "FOO", "", "price_change", -2, "pct", "eq", "close", "closed down 2%");
	struct series *s = build(t);
	/* prev = 95 / 0.95 = 100; the move is in [-5.5, -4.5], so 1 + move/100
	 * in [0.945, 0.955]: low 94.5 / 0.955 = 98.9529, high 95.5 / 0.945 = 101.0582 */
	expect(find(s, "implied_prev_close", NULL), 100, 94.5 / 0.955, 95.5 / 0.945);
	/* recovered: -2 - (-5) = 3 pp; [-2.5 + 4.5, -1.5 + 5.5] = [2, 4] */
	expect(find(s, "recovery_pp", NULL), 3, 2, 4);
	/* 100 (1 - (-2)/(-5)) = 60; close/intraday in [1.5/5.5, 2.5/4.5] */
	expect(find(s, "recovery_share", NULL), 60, 100 * (1 - 2.5 / 4.5), 100 * (1 - 1.5 / 5.5));
	/* implied close 100 * 0.98 = 98; close move in [-2.5, -1.5]:
	 * [98.9529 * 0.975, 101.0582 * 0.985] = [96.4791, 99.5423] */
	expect(find(s, "implied_close", NULL), 98, 94.5 / 0.955 * 0.975, 95.5 / 0.945 * 0.985);
	series_free(s);
	facts_free(t);
}

/* ---- reported figures */

Test(series, implied_prior_revenue)
{
	struct facts *t = facts_new();
	const char *d = "000_a7d27970ce66e020";
	add(t, d, "2025-02-13", "Apple", "", "Greater China", "revenue_change", -11, "pct", "eq",
	    "fiscal:FY2025Q1", "plunged by 11 per cent");
	add(t, d, "2025-02-13", "Apple", "", "Greater China", "revenue", 18510000000, "USD", "eq",
	    "fiscal:FY2025Q1", "$18.51-billion");
	struct series *s = build(t);
	/* prior = 18.51e9 / 0.89 = 20.797752809e9
	 * low  = 18.505e9 / (1 - 0.105) = 18.505e9 / 0.895 = 20.675977654e9
	 * high = 18.515e9 / (1 - 0.115) = 18.515e9 / 0.885 = 20.920903955e9 */
	const struct series_row *r = find(s, "implied_prior_revenue", NULL);
	expect(r, 18.51e9 / 0.89, 18.505e9 / 0.895, 18.515e9 / 0.885);
	cr_expect(fabs(r->x.v - 20797752808.98876) < 1e-2);
	/* change = level * g/(100 + g) = 18.51e9 * -11/89 = -2.287752809e9
	 * low  = 18.515e9 * -11.5/88.5 = -2.405903955e9
	 * high = 18.505e9 * -10.5/89.5 = -2.170977654e9 */
	expect(find(s, "revenue_abs_change", NULL), 18.51e9 * -11 / 89,
	       18.515e9 * -11.5 / 88.5, 18.505e9 * -10.5 / 89.5);
	series_free(s);
	facts_free(t);
}

Test(series, prior_from_an_open_change_is_open)
{
	struct facts *t = facts_new();
	add(t, "a", "2025-02-13", "Foo", "", "", "profit_change", 50, "pct", "gt", "year:2024", "more than 50%");
	add(t, "a", "2025-02-13", "Foo", "", "", "profit", 3e9, "USD", "eq", "year:2024", "$3 billion");
	struct series *s = build(t);
	/* prior = 3e9 / 1.5 = 2e9; growth in [1.5, inf] -> prior in [0, 3.5e9/1.5] */
	expect(find(s, "implied_prior_profit", NULL), 2e9, 0, 3.5e9 / 1.5);
	series_free(s);
	facts_free(t);
}

/* ---- market shares */

Test(series, market_share_metrics)
{
	struct facts *t = facts_new();
	seed_shares(t);
	struct series *s = build(t);
	/* 17 + 16 + 15 = 48; each +-0.5: [46.5, 49.5] */
	expect(find(s, "share_sum", "market"), 48, 46.5, 49.5);
	/* others: 100 - 48 = 52; [100 - 49.5, 100 - 46.5] */
	expect(find(s, "share_remainder", "market"), 52, 50.5, 53.5);
	const struct series_row *r = find(s, "cr3", "market");
	expect(r, 48, 46.5, 49.5);
	cr_expect_str_eq(r->flag, "");          /* ranks 1-3 are stated */
	/* 289 + 256 + 225 = 770; 16.5^2 + 15.5^2 + 14.5^2 = 272.25 + 240.25 +
	 * 210.25 = 722.75; 17.5^2 + 16.5^2 + 15.5^2 = 306.25 + 272.25 + 240.25 = 818.75 */
	r = find(s, "hhi", "market");
	expect(r, 770, 722.75, 818.75);
	cr_expect_str_eq(r->flag, "lower_bound");
	cr_expect(strstr(r->note, "unconcentrated") != NULL, "%s", r->note);
	/* gaps: 17 - 16 = 1, [16.5 - 16.5, 17.5 - 15.5] = [0, 2]; same for 16 - 15 */
	expect(find(s, "share_gap_1_2", "market"), 1, 0, 2);
	expect(find(s, "share_gap_2_3", "market"), 1, 0, 2);
	cr_expect_str_eq(find(s, "check_ranks_vs_shares", "market")->verdict, "consistent");
	r = find(s, "check_share_sum", "market");
	cr_expect_str_eq(r->verdict, "consistent");
	cr_expect_str_eq(r->scope, "China");
	cr_expect_str_eq(r->period, "year:2024");
	series_free(s);
	facts_free(t);
}

Test(series, shares_contradicting_ranks_and_over_100)
{
	struct facts *t = facts_new();
	add(t, "a", "2025-01-20", "Vivo", "", "China", "market_share", 60, "pct", "eq", "quarter:2024Q4", "60%");
	add(t, "a", "2025-01-20", "Vivo", "", "China", "market_rank", 2, "rank", "eq", "quarter:2024Q4", "second");
	add(t, "b", "2025-01-21", "Oppo", "", "China", "market_share", 45, "pct", "eq", "quarter:2024Q4", "45%");
	add(t, "b", "2025-01-21", "Oppo", "", "China", "market_rank", 1, "rank", "eq", "quarter:2024Q4", "first");
	struct series *s = build(t);
	/* Oppo rank 1 with 45 < Vivo rank 2 with 60 */
	const struct series_row *r = find(s, "check_ranks_vs_shares", NULL);
	cr_expect_str_eq(r->verdict, "inconsistent");
	cr_expect(strstr(r->note, "Oppo ranks above Vivo") != NULL, "%s", r->note);
	/* lowest sum 59.5 + 44.5 = 104 > 100 */
	r = find(s, "check_share_sum", NULL);
	cr_expect_str_eq(r->verdict, "inconsistent");
	expect(r, 105, 104, 106);
	/* two articles, one group: the labelled quarter, not the day, decides */
	cr_expect_eq(r->sources, 2);
	cr_expect_str_eq(r->docs, "a;b");
	/* gap in stated rank order: share(Oppo) - share(Vivo) = -15 [-16, -14] */
	expect(find(s, "share_gap_1_2", NULL), -15, -16, -14);
	/* with two shares, no CR3 */
	cr_expect_eq(count(s, "cr3"), 0);
	series_free(s);
	facts_free(t);
}

Test(series, hhi_bands)
{
	struct facts *t = facts_new();
	add(t, "a", "2025-01-20", "A", "", "X", "market_share", 40, "pct", "eq", "year:2024", "40%");
	add(t, "a", "2025-01-20", "B", "", "X", "market_share", 30, "pct", "eq", "year:2024", "30%");
	add(t, "a", "2025-01-20", "C", "", "X", "market_share", 5, "pct", "eq", "year:2024", "5%");
	struct series *s = build(t);
	/* 1600 + 900 + 25 = 2525 > 1800 */
	const struct series_row *r = find(s, "hhi", NULL);
	expect(r, 2525, 39.5 * 39.5 + 29.5 * 29.5 + 4.5 * 4.5, 40.5 * 40.5 + 30.5 * 30.5 + 5.5 * 5.5);
	cr_expect(strstr(r->note, "highly concentrated") != NULL);
	/* no ranks stated: CR3 is flagged a lower bound, gaps by share order */
	cr_expect_str_eq(find(s, "cr3", NULL)->flag, "lower_bound");
	expect(find(s, "share_gap_1_2", NULL), 10, 9, 11);
	expect(find(s, "share_gap_2_3", NULL), 25, 24, 26);
	series_free(s);
	facts_free(t);
}

/* ---- year to date against the price */

Test(series, ytd_falls_while_price_rose)
{
	struct facts *t = facts_new();
	add(t, "a", "2025-02-10", "Foo", "FOO", "", "price_change", 40, "pct", "eq", "ytd", "up 40% this year");
	add(t, "a", "2025-02-10", "Foo", "FOO", "", "price", 100, "USD", "eq", "close", "closed at $100");
	add(t, "b", "2025-02-13", "Foo", "FOO", "", "price_change", 35, "pct", "eq", "ytd", "up 35% this year");
	add(t, "b", "2025-02-13", "Foo", "FOO", "", "price", 105, "USD", "eq", "close", "closed at $105");
	struct series *s = build(t);
	const struct series_row *r = find(s, "check_ytd_vs_price", NULL);
	/* price 100 [99.5, 100.5] -> 105 [104.5, 105.5]: surely rose;
	 * ytd 40 -> 35: -5 pp, [34.5 - 40.5, 35.5 - 39.5] = [-6, -4]: surely fell */
	cr_expect_str_eq(r->verdict, "inconsistent");
	expect(r, -5, -6, -4);
	cr_expect_eq(r->date, date_from_civil(2025, 2, 13));
	series_free(s);
	facts_free(t);
}

Test(series, ytd_with_open_bounds_is_undecided)
{
	struct facts *t = facts_new();
	add(t, "a", "2025-02-10", "Foo", "FOO", "", "price_change", 40, "pct", "gt", "ytd", "more than 40%");
	add(t, "a", "2025-02-10", "Foo", "FOO", "", "price", 100, "USD", "eq", "close", "$100");
	add(t, "b", "2025-02-13", "Foo", "FOO", "", "price_change", 30, "pct", "gt", "ytd", "more than 30%");
	add(t, "b", "2025-02-13", "Foo", "FOO", "", "price", 105, "USD", "eq", "close", "$105");
	struct series *s = build(t);
	/* (30, inf) - (40, inf) = (-inf, inf): cannot say */
	cr_expect_str_eq(find(s, "check_ytd_vs_price", NULL)->verdict, "undecided");
	series_free(s);
	facts_free(t);
}

/* ---- trend */

Test(series, trend_least_squares)
{
	struct facts *t = facts_new();
	add(t, "a", "2025-03-03", "Foo", "FOO", "", "price", 10, "USD", "eq", "close", "$10");
	add(t, "b", "2025-03-04", "Foo", "FOO", "", "price", 12, "USD", "eq", "close", "$12");
	add(t, "c", "2025-03-06", "Foo", "FOO", "", "price", 13, "USD", "eq", "close", "$13");
	struct series *s = build(t);
	/* x = 0, 1, 3 (days), y = 10, 12, 13.  mean x = 4/3, mean y = 35/3.
	 * Sxx = 16/9 + 1/9 + 25/9 = 14/3;  Sxy = 20/9 - 1/9 + 20/9 = 13/3.
	 * slope = 13/14; intercept = 35/3 - 13/14 * 4/3 = 219/21.
	 * residuals -3/7, 9/14, -3/14: SSR = 36/196 + 81/196 + 9/196 = 9/14.
	 * se = sqrt((9/14)/(n-2) / Sxx) = sqrt(27/196) = sqrt(27)/14 */
	const struct series_row *r = find(s, "trend_slope", NULL);
	cr_expect_float_eq(r->x.v, 13.0 / 14, 1e-12);
	cr_expect_str_eq(r->unit, "USD/day");
	cr_expect_eq(r->sources, 3);
	cr_expect_float_eq(find(s, "trend_slope_se", NULL)->x.v, sqrt(27.0) / 14, 1e-12);
	series_free(s);
	facts_free(t);
	/* two days are not a trend */
	t = facts_new();
	add(t, "a", "2025-03-03", "Foo", "FOO", "", "price", 10, "USD", "eq", "close", "$10");
	add(t, "b", "2025-03-04", "Foo", "FOO", "", "price", 12, "USD", "eq", "close", "$12");
	s = build(t);
	cr_expect_eq(count(s, "trend_slope"), 0);
	series_free(s);
	facts_free(t);
}

/* ---- merging */

static char *write_file(const char *text)
{
	char *path = strdup("/tmp/ff_series_XXXXXX");
	int fd = mkstemp(path);
	cr_assert(fd >= 0);
	FILE *f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	return path;
}

#define HDR "doc,date,entity,ticker,scope,measure,value,unit,qualifier,period,attribution,span_start,span_end,evidence\n"

static const char file_a[] = HDR
	"a,2025-02-13,Alibaba,9988.HK,,price_change,9.2,pct,max,intraday,,10,40,as much as 9.2%\n"
	"a,2025-02-13,Alibaba,9988.HK,,price_change,2.6,pct,eq,close,,50,60,up 2.6%\n";
static const char file_b[] = HDR
	"b,2025-02-13,Alibaba,9988.HK,,price_change,9.2,pct,max,intraday,,5,30,as much as 9.2 per cent\n"
	"b,2025-02-13,Alibaba,9988.HK,,price_change,2.4,pct,eq,close,,40,50,up 2.4%\n"
	"b,,Alibaba,9988.HK,,price_change,5,pct,eq,day,,60,70,rose 5%\n";
static const char file_c[] = HDR
	"c,,Alibaba,9988.HK,,price_change,5,pct,eq,day,,1,9,rose 5%\n"
	"c,2025-02-13,Alibaba,9988.HK,,price_change,9.2,pct,max,intraday,,1,9,as much as 9.2%\n";

static struct series *load_build(const char *const *paths, size_t n, struct facts **t)
{
	struct ff_error err;
	*t = facts_new();
	for (size_t i = 0; i < n; i++)
		cr_assert_eq(facts_load(*t, paths[i], &err), 0, "%s", err.msg);
	return build(*t);
}

Test(series, merge_and_conflict_across_files)
{
	char *p[3] = {write_file(file_a), write_file(file_b), write_file(file_c)};
	struct facts *t;
	struct series *s = load_build((const char *const *)p, 3, &t);
	size_t intraday = 0, close = 0, day = 0;
	for (size_t i = 0; i < s->n; i++) {
		const struct series_row *r = &s->v[i];
		if (r->kind != SERIES_FACT) continue;
		if (!strcmp(r->period, "intraday")) {
			/* told by three articles: one row */
			intraday++;
			cr_expect_eq(r->sources, 3);
			cr_expect_str_eq(r->docs, "a;b;c");
			cr_expect_str_eq(r->flag, "");
		} else if (!strcmp(r->period, "close")) {
			/* 2.4 and 2.6 for the same day: both kept, both flagged */
			close++;
			cr_expect_str_eq(r->flag, "conflict");
			cr_expect_eq(r->sources, 1);
		} else if (!strcmp(r->period, "day")) {
			/* no date: the same words in two articles stay two facts */
			day++;
			cr_expect_str_eq(r->flag, "");
		}
	}
	cr_expect_eq(intraday, 1);
	cr_expect_eq(close, 2);
	cr_expect_eq(day, 2);
	/* one give-back per close value, flagged as built on a conflict */
	cr_expect_eq(count(s, "giveback_pp"), 2);
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->v[i].measure, "giveback_pp"))
			cr_expect_str_eq(s->v[i].flag, "conflict_input");
	series_free(s);
	facts_free(t);
	for (int i = 0; i < 3; i++) {
		unlink(p[i]);
		free(p[i]);
	}
}

static char *render(const char *const *paths, size_t n)
{
	struct facts *t;
	struct series *s = load_build(paths, n, &t);
	char *buf = NULL;
	size_t len = 0;
	char *out = write_file("");
	struct ff_error err;
	struct csvio_writer *w = csvio_create(out, &err);
	cr_assert_not_null(w);
	series_write_header(w);
	series_write(w, s);
	cr_assert_eq(csvio_commit(w, &err), 0);
	FILE *f = fopen(out, "r");
	FILE *m = open_memstream(&buf, &len);
	int c;
	while ((c = getc(f)) != EOF) putc(c, m);
	fclose(f);
	fclose(m);
	unlink(out);
	free(out);
	series_free(s);
	facts_free(t);
	return buf;
}

Test(series, output_independent_of_file_and_row_order)
{
	static const char rows_fwd[] = HDR
		"a,2025-02-13,Alibaba,9988.HK,,price,124.3,HKD,eq,intraday_high,,,,HK$124.3\n"
		"a,2025-02-13,Alibaba,9988.HK,,price_change,9.2,pct,max,intraday,,,,9.2 per cent\n"
		"a,2025-02-13,Vivo,,China,market_share,17,pct,eq,year:2024,Canalys,,,17 per cent\n"
		"a,2025-02-13,Huawei,,China,market_share,16,pct,eq,year:2024,Canalys,,,16 per cent\n";
	static const char rows_rev[] = HDR
		"a,2025-02-13,Huawei,,China,market_share,16,pct,eq,year:2024,Canalys,,,16 per cent\n"
		"a,2025-02-13,Vivo,,China,market_share,17,pct,eq,year:2024,Canalys,,,17 per cent\n"
		"a,2025-02-13,Alibaba,9988.HK,,price_change,9.2,pct,max,intraday,,,,9.2 per cent\n"
		"a,2025-02-13,Alibaba,9988.HK,,price,124.3,HKD,eq,intraday_high,,,,HK$124.3\n";
	char *p[5] = {write_file(file_a), write_file(file_b), write_file(file_c),
		      write_file(rows_fwd), write_file(rows_rev)};
	const char *order1[4] = {p[0], p[1], p[2], p[3]};
	const char *order2[4] = {p[4], p[2], p[0], p[1]};
	char *o1 = render(order1, 4), *o2 = render(order2, 4);
	cr_expect(strlen(o1) > 500);
	cr_expect_str_eq(o1, o2);
	free(o1);
	free(o2);
	for (int i = 0; i < 5; i++) {
		unlink(p[i]);
		free(p[i]);
	}
}

Test(series, bad_qualifier_names_file_line_field)
{
	char *p = write_file(HDR "a,2025-02-13,Foo,,,price_change,1,pct,roughly,day,,,,x\n");
	struct facts *t = facts_new();
	struct ff_error err;
	cr_assert_eq(facts_load(t, p, &err), 0);
	cr_expect_eq(series_validate(t, 0, p, &err), -1);
	cr_expect_eq(err.line, 2);
	cr_expect_str_eq(err.field, "qualifier");
	cr_expect(strstr(err.msg, "roughly") != NULL);
	facts_free(t);
	unlink(p);
	free(p);
}
