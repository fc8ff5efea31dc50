/* prices: loading real files (their quirks kept), every validation error
 * with its line and field, skip mode, and lookups by date.  Real excerpts
 * live in tests/fixtures/prices/ (README.md there names their sources);
 * the rest are written here, small enough to check by eye. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "date.h"
#include "prices.h"
#include "unit_tmp.h"

#ifndef FIXTURES
#define FIXTURES "tests/fixtures"
#endif

static struct ut_dir dir;
static void setup(void) { ut_dir_init(&dir); }
static void teardown(void) { ut_dir_clean(&dir); }

TestSuite(prices, .init = setup, .fini = teardown);
TestSuite(prices_bad, .init = setup, .fini = teardown);

static const struct prices_opts all = {.want = PRICES_ALL,
				       .on_bad_row = PRICES_BAD_ERROR};
static const struct prices_opts skip = {.want = PRICES_ALL,
					.on_bad_row = PRICES_BAD_SKIP};

static struct prices *load_ok(const char *path, const struct prices_opts *o)
{
	struct prices *p = NULL;
	struct ff_error err = {0};
	int st = prices_load(path, o, &p, &err);
	cr_assert_eq(st, 0, "%s:%ld: %s: %s", err.file, err.line, err.field, err.msg);
	cr_assert_not_null(p);
	return p;
}

static struct prices *load_text(const char *text, const struct prices_opts *o)
{
	return load_ok(ut_write(&dir, "p.csv", text, -1), o);
}

static int32_t day(int y, int m, int d)
{
	return date_from_civil(y, m, d);
}

/* ---- real files ---- */

Test(prices, spy_columns_in_another_order_and_float_noise)
{
	/* Date,Close,High,Low,Open,Volume; on 1993-02-01 High is
	 * 24.34731864929199 and Close 24.347318649291992: High below Close
	 * by float32 rescaling noise, which must be forgiven. */
	struct prices *p = load_ok(FIXTURES "/prices/spy_head.csv", &all);
	cr_assert_str_eq(p->name, "spy_head");
	cr_assert_eq(p->n, 5);
	cr_assert_eq(p->have, PRICES_OHLC | PRICES_VOLUME);
	cr_assert_null(p->adj);
	cr_assert_eq(p->date[0], day(1993, 1, 29));
	cr_assert_eq(p->date[1], day(1993, 2, 1));
	cr_assert_eq(p->close[1], 24.347318649291992);
	cr_assert_eq(p->high[1], 24.34731864929199);
	cr_assert_eq(p->open[0], 24.192586597643402);
	cr_assert_eq(p->low[0], 24.072225470291944);
	cr_assert_eq(p->volume[0], 1003200);
	cr_assert_eq(prices_value(p), p->close);
	prices_free(p);
}

Test(prices, hsi_slash_dates_crlf_adj_close_and_dash_volume)
{
	/* CRLF, 1986/12/31-style dates, Volume "-", Adj Close, and five more
	 * columns (RSI, EMA12, ...) that are not prices. */
	struct prices *p = load_ok(FIXTURES "/prices/hsi_head.csv", &all);
	cr_assert_eq(p->n, 5);
	cr_assert_eq(p->have, PRICES_ALL);
	cr_assert_eq(p->date[0], day(1986, 12, 31));
	cr_assert_eq(p->date[1], day(1987, 1, 2));
	cr_assert_eq(p->date[4], day(1987, 1, 7));
	cr_assert_eq(p->close[4], 2607.1);
	cr_assert_eq(p->adj[1], 2540.1);
	cr_assert(isnan(p->volume[0]), "Volume '-' is unknown, not 0");
	cr_assert_eq(prices_value(p), p->adj);
	prices_free(p);
}

Test(prices, dates_with_time_and_zone)
{
	struct prices *p = load_ok(FIXTURES "/prices/9988hk_head.csv", &all);
	cr_assert_eq(p->n, 3);
	cr_assert_eq(p->date[0], day(2020, 1, 2));
	cr_assert_eq(p->date[1], day(2020, 1, 3));
	cr_assert_eq(p->close[0], 209.29086303710938);
	cr_assert_eq(p->volume[0], 9516678);
	cr_assert_eq(p->high[1], 214.27400373062997);
	prices_free(p);
}

Test(prices, only_the_columns_asked_for)
{
	const struct prices_opts close_only = {.want = PRICES_CLOSE,
					       .on_bad_row = PRICES_BAD_ERROR};
	struct prices *p = load_ok(FIXTURES "/prices/hsi_head.csv", &close_only);
	cr_assert_not_null(p->close);
	cr_assert_null(p->open);
	cr_assert_null(p->high);
	cr_assert_null(p->low);
	cr_assert_null(p->adj);
	cr_assert_null(p->volume);
	cr_assert_eq(p->have, PRICES_ALL);   /* what the file has */
	cr_assert_eq(prices_value(p), p->close);
	prices_free(p);
}

Test(prices, only_the_value_column)
{
	/* Adj Close when the file has it, else Close; nothing else kept. */
	const struct prices_opts value = {.want = PRICES_VALUE};
	struct prices *p = load_text(
		"Date,Open,High,Low,Close,Adj Close\n"
		"2024-01-02,10,11,9,10.5,5.25\n", &value);
	cr_assert_null(p->close);
	cr_assert_null(p->open);
	cr_assert_eq(p->adj[0], 5.25);
	cr_assert_eq(prices_value(p), p->adj);
	prices_free(p);
	p = load_text("Date,Open,High,Low,Close\n2024-01-02,10,11,9,10.5\n", &value);
	cr_assert_null(p->adj);
	cr_assert_eq(p->close[0], 10.5);
	cr_assert_eq(prices_value(p), p->close);
	prices_free(p);
}

/* ---- header rules ---- */

Test(prices, header_any_order_and_case)
{
	struct prices *p = load_text(
		"VOL,adj_close,Low,hIgH,OPEN,close,DATE,note\n"
		"100,9.5,9,11,10,10.5,2024-01-02,x\n"
		"200,10.5,10,12,11,11.5,2024-01-03,y\n", &all);
	cr_assert_eq(p->n, 2);
	cr_assert_eq(p->have, PRICES_ALL);
	cr_assert_eq(p->open[1], 11);
	cr_assert_eq(p->high[1], 12);
	cr_assert_eq(p->low[1], 10);
	cr_assert_eq(p->close[1], 11.5);
	cr_assert_eq(p->adj[1], 10.5);
	cr_assert_eq(p->volume[1], 200);
	cr_assert_eq(p->date[1], day(2024, 1, 3));
	prices_free(p);
}

Test(prices, header_aliases_and_optional_columns)
{
	struct prices *p = load_text(
		"\xEF\xBB\xBFTimestamp,Open,High,Low,Close,Adjusted Close\r\n"
		"2024-01-02T00:00:00Z,10,11,9,10.5,10.4\r\n", &all);
	cr_assert_eq(p->have, PRICES_OHLC | PRICES_ADJ);
	cr_assert_null(p->volume);
	cr_assert_eq(p->adj[0], 10.4);
	prices_free(p);
	p = load_text("date,open,high,low,close\n\"2024-01-02\",\"10\",11,9,10\n", &all);
	cr_assert_eq(p->have, PRICES_OHLC);
	cr_assert_null(p->adj);
	cr_assert_null(p->volume);
	cr_assert_eq(p->open[0], 10);
	prices_free(p);
}

Test(prices, empty_or_dash_volume_is_unknown)
{
	struct prices *p = load_text(
		"Date,Open,High,Low,Close,Volume\n"
		"2024-01-02,10,11,9,10,\n"
		"2024-01-03,10,11,9,10,-\n"
		"2024-01-04,10,11,9,10,0\n", &all);
	cr_assert(isnan(p->volume[0]));
	cr_assert(isnan(p->volume[1]));
	cr_assert_eq(p->volume[2], 0);
	prices_free(p);
}

Test(prices, float_noise_slack)
{
	/* High below Close by 5e-7 relative: noise, accepted. */
	struct prices *p = load_text(
		"Date,Open,High,Low,Close\n"
		"2024-01-02,100,100,99,100.00005\n"
		"2024-01-03,100,101,100.00005,100\n", &all);
	cr_assert_eq(p->n, 2);
	prices_free(p);
}

/* ---- bad input: file, line, field and message ---- */

static void bad(const char *text, long line, const char *field,
		const char *msg_part)
{
	/* text is a file's path (a fixture, or one that does not exist) or
	 * the contents to write. */
	int is_path = text[0] == '/' || !strncmp(text, FIXTURES, strlen(FIXTURES));
	const char *path = is_path ? text : ut_write(&dir, "bad.csv", text, -1);
	struct prices *p = (struct prices *)1;
	struct ff_error err = {0};
	cr_assert_eq(prices_load(path, &all, &p, &err), -1, "accepted; wanted %s",
		     msg_part);
	cr_assert_null(p);
	cr_assert_str_eq(err.file, path);
	cr_assert_eq(err.line, line, "line %ld (%s)", err.line, err.msg);
	cr_assert_str_eq(err.field, field, "(%s)", err.msg);
	cr_assert(strstr(err.msg, msg_part), "'%s' lacks '%s'", err.msg, msg_part);
}

#define HDR "Date,Open,High,Low,Close,Volume\n"
#define ROW1 "2024-01-02,10,11,9,10.5,100\n"

Test(prices_bad, missing_required_column)
{
	bad("Date,Open,Low,Close\n2024-01-02,1,1,1\n", 1, "High",
	    "missing required column 'High'");
	bad("Day,Open,High,Low,Close\n2024-01-02,1,1,1,1\n", 1, "Date",
	    "missing required column 'Date'");
	bad("Date,Open,High,Low,Adj Close\n2024-01-02,1,1,1,1\n", 1, "Close",
	    "missing required column 'Close'");
}

Test(prices_bad, unparsable_numbers)
{
	bad(HDR ROW1 "2024-01-03,10,11,9,abc,100\n", 3, "Close",
	    "expected a number, found 'abc'");
	bad(HDR ROW1 "2024-01-03,,11,9,10,100\n", 3, "Open",
	    "expected a number, found ''");
	bad(HDR ROW1 "2024-01-03,null,null,null,null,null\n", 3, "Open",
	    "expected a number, found 'null'");
	bad(HDR "2024-01-02,10,11,9,nan,100\n", 2, "Close", "expected a number");
	bad(HDR "2024-01-02,10,11,9,1.5.2,100\n", 2, "Close", "found '1.5.2'");
	bad(HDR "2024-01-02,10,11,9,10,1e\n", 2, "Volume", "found '1e'");
}

Test(prices_bad, unparsable_dates)
{
	bad(HDR ROW1 "2024-13-01,10,11,9,10,100\n", 3, "Date",
	    "unparsable date '2024-13-01'");
	bad(HDR ROW1 "2024-02-30,10,11,9,10,100\n", 3, "Date", "unparsable date");
	bad(HDR ",10,11,9,10,100\n", 2, "Date", "unparsable date ''");
	/* A real file with DD/MM/YYYY dates. */
	bad(FIXTURES "/prices/9988hk_ddmm.csv", 2, "Date",
	    "unparsable date '26/11/2019'");
}

Test(prices_bad, dates_out_of_order_or_repeated)
{
	/* A real file in descending order. */
	bad(FIXTURES "/prices/baba_desc.csv", 3, "Date",
	    "dates out of order: 2020-07-01 comes after 2020-07-02");
	bad(HDR ROW1 "2024-01-02,10,11,9,10,100\n", 3, "Date",
	    "date 2024-01-02 repeated");
	/* The same day with a different time of day is still repeated. */
	bad(HDR ROW1 "2024-01-02 16:00:00,10,11,9,10,100\n", 3, "Date", "repeated");
}

Test(prices_bad, ohlc_inconsistent)
{
	bad(HDR "2024-01-02,10,9,11,10,100\n", 2, "High", "High 9 is below Low 11");
	bad(HDR "2024-01-02,12,11,9,10,100\n", 2, "High", "High 11 is below Open 12");
	bad(HDR "2024-01-02,10,11,9,11.5,100\n", 2, "High",
	    "High 11 is below Close 11.5");
	bad(HDR "2024-01-02,8,11,9,10,100\n", 2, "Low", "Low 9 is above Open 8");
	bad(HDR "2024-01-02,10,11,9,8.5,100\n", 2, "Low", "Low 9 is above Close 8.5");
	/* Beyond the 1e-6 slack: 2e-6 relative. */
	bad(HDR "2024-01-02,100,100,99,100.0002,100\n", 2, "High", "below Close");
}

Test(prices_bad, non_positive_prices_and_volume)
{
	bad(HDR "2024-01-02,0,11,9,10,100\n", 2, "Open",
	    "Open must be a positive finite price, found '0'");
	bad(HDR "2024-01-02,10,11,-9,10,100\n", 2, "Low", "found '-9'");
	bad(HDR "2024-01-02,10,inf,9,10,100\n", 2, "High", "positive finite price");
	bad(HDR "2024-01-02,10,11,9,10,-5\n", 2, "Volume",
	    "Volume must be zero or more, found '-5'");
}

Test(prices_bad, empty_header_only_ragged_unreadable)
{
	bad("", 0, "", "empty file");
	bad("\r\n\n", 0, "", "empty file");
	bad(HDR, 0, "", "no data rows after the header");
	bad(HDR ROW1 "2024-01-03,10,11,9,10\n", 3, "",
	    "ragged row: 5 fields where the header has 6");
	bad(HDR ROW1 "\n\n2024-01-03,10,11,9,10,100,7\n", 5, "", "ragged row: 7 fields");
	bad(HDR ROW1 "2024-01-03,\"10,11,9,10,100\n", 3, "", "malformed CSV");
	bad("/nonexistent/p.csv", 0, "", "cannot open");
}

/* ---- skip mode ---- */

Test(prices, skip_mode_counts_and_lines)
{
	/* A real excerpt with `null` rows on lines 5 and 17. */
	struct prices *p = load_ok(FIXTURES "/prices/hsi_null.csv", &skip);
	cr_assert_eq(p->n, 16);
	cr_assert_eq(p->skipped, 2);
	cr_assert_eq(p->skipped_line[0], 5);
	cr_assert_eq(p->skipped_line[1], 17);
	cr_assert_eq(p->date[3], day(2008, 8, 7));   /* after the null day */
	prices_free(p);
	/* In error mode the first null row stops the load. */
	struct ff_error err = {0};
	cr_assert_eq(prices_load(FIXTURES "/prices/hsi_null.csv", &all, &p, &err), -1);
	cr_assert_eq(err.line, 5);
	cr_assert_str_eq(err.field, "Open");
	cr_assert(strstr(err.msg, "'null'"));
}

Test(prices, skip_mode_keeps_the_first_lines)
{
	struct prices *p = load_text(
		HDR
		"2024-01-01,null,null,null,null,\n"        /* 2 */
		"2024-01-02,10,11,9,10.5,100\n"
		"2024-01-03,10,9,11,10,100\n"              /* 4: High < Low */
		"2024-01-04,10,11,9\n"                     /* 5: ragged */
		"2024-01-05,0,11,9,10,100\n"               /* 6: zero */
		"2024-01-06,10,11,9,10,100\n"
		"bad,10,11,9,10,100\n"                     /* 8: date */
		"2024-01-08,10,11,9,10,-1\n"               /* 9: volume */
		"2024-01-09,10,11,9,x,100\n"               /* 10: number */
		"2024-01-10,10,11,9,10,100\n", &skip);
	cr_assert_eq(p->n, 3);
	cr_assert_eq(p->skipped, 7);
	const long first[PRICES_SKIP_LINES] = {2, 4, 5, 6, 8};
	for (int k = 0; k < PRICES_SKIP_LINES; k++)
		cr_assert_eq(p->skipped_line[k], first[k], "k=%d", k);
	cr_assert_eq(p->date[2], day(2024, 1, 10));
	prices_free(p);
}

Test(prices_bad, skip_mode_still_rejects_order_and_all_bad)
{
	struct prices *p;
	struct ff_error err = {0};
	const char *path = ut_write(&dir, "o.csv", HDR ROW1 "2024-01-01,10,11,9,10,1\n", -1);
	cr_assert_eq(prices_load(path, &skip, &p, &err), -1);
	cr_assert_eq(err.line, 3);
	cr_assert(strstr(err.msg, "out of order"));
	path = ut_write(&dir, "n.csv", HDR "2024-01-01,null,1,1,1,1\n"
			"2024-01-02,1,1,1,0,1\n", -1);
	cr_assert_eq(prices_load(path, &skip, &p, &err), -1);
	cr_assert(strstr(err.msg, "no valid rows: all 2 data rows were bad"), "%s",
		  err.msg);
}

/* ---- lookups ---- */

/* Trading days 2, 3, 5, 8, 9 January 2024 (a series with gaps). */
static struct prices *gappy(const char *name, const int *days, int n)
{
	char text[1024];
	size_t len = (size_t)snprintf(text, sizeof text, "Date,Open,High,Low,Close\n");
	for (int k = 0; k < n; k++)
		len += (size_t)snprintf(text + len, sizeof text - len,
					"2024-01-%02d,%d,%d,%d,%d\n", days[k], days[k],
					days[k], days[k], days[k]);
	return load_ok(ut_write(&dir, name, text, -1), &all);
}

Test(prices, find_and_lower_bound)
{
	static const int d[] = {2, 3, 5, 8, 9};
	struct prices *p = gappy("a.csv", d, 5);
	cr_assert_eq(prices_find(p, day(2024, 1, 2)), 0);
	cr_assert_eq(prices_find(p, day(2024, 1, 5)), 2);
	cr_assert_eq(prices_find(p, day(2024, 1, 9)), 4);
	cr_assert_eq(prices_find(p, day(2024, 1, 4)), -1);
	cr_assert_eq(prices_find(p, day(2024, 1, 1)), -1);
	cr_assert_eq(prices_find(p, day(2024, 1, 10)), -1);
	cr_assert_eq(prices_lower_bound(p, day(2023, 12, 31)), 0);
	cr_assert_eq(prices_lower_bound(p, day(2024, 1, 2)), 0);
	cr_assert_eq(prices_lower_bound(p, day(2024, 1, 4)), 2);   /* next day: 5th */
	cr_assert_eq(prices_lower_bound(p, day(2024, 1, 6)), 3);
	cr_assert_eq(prices_lower_bound(p, day(2024, 1, 9)), 4);
	cr_assert_eq(prices_lower_bound(p, day(2024, 1, 10)), 5);
	/* The previous trading day of the 8th is the 5th. */
	cr_assert_eq(p->close[prices_find(p, day(2024, 1, 8)) - 1], 5);
	prices_free(p);
}

Test(prices, align_shared_dates)
{
	static const int da[] = {2, 3, 5, 8, 9};
	static const int db[] = {1, 3, 4, 5, 9, 10};
	struct prices *a = gappy("a.csv", da, 5), *b = gappy("b.csv", db, 6);
	size_t ia[5], ib[5];
	size_t n = prices_align(a, b, ia, ib);
	cr_assert_eq(n, 3);   /* the 3rd, 5th and 9th */
	const size_t wa[] = {1, 2, 4}, wb[] = {1, 3, 4};
	for (size_t k = 0; k < n; k++) {
		cr_assert_eq(ia[k], wa[k]);
		cr_assert_eq(ib[k], wb[k]);
		cr_assert_eq(a->date[ia[k]], b->date[ib[k]]);
	}
	cr_assert_eq(prices_align(a, a, ia, ib), 5);
	static const int dc[] = {10, 11};
	struct prices *c = gappy("c.csv", dc, 2);
	cr_assert_eq(prices_align(a, c, ia, ib), 0);
	prices_free(a);
	prices_free(b);
	prices_free(c);
}

Test(prices, free_null)
{
	prices_free(NULL);
}
