/* prices: loading what real sources write, validation, skipping, and the
 * lookups (find, lower bound, align).  Files are written to a scratch
 * folder; expected values are the numbers written into them. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "date.h"
#include "prices.h"
#include "unit_tmp.h"

static struct ut_dir dir;
static void setup(void) { ut_dir_init(&dir); }
static void teardown(void) { ut_dir_clean(&dir); }
TestSuite(prices_cases, .init = setup, .fini = teardown);

static struct prices *load(const char *content, unsigned want,
			   enum prices_on_bad mode, struct ff_error *err)
{
	const char *path = ut_write(&dir, "p.csv", content, -1);
	struct prices_opts o = {.want = want, .on_bad_row = mode};
	struct prices *p = NULL;
	int st = prices_load(path, &o, &p, err);
	cr_assert_eq(st == 0, p != NULL);
	return p;
}

static struct prices *load_ok(const char *content, unsigned want)
{
	struct ff_error err = {0};
	struct prices *p = load(content, want, PRICES_BAD_ERROR, &err);
	cr_assert_not_null(p, "%s", err.msg);
	return p;
}

static void load_bad(const char *content, long line, const char *field,
		     const char *msg_part)
{
	struct ff_error err = {0};
	struct prices *p = load(content, PRICES_ALL, PRICES_BAD_ERROR, &err);
	cr_assert_null(p);
	cr_assert_eq(err.line, line, "line %ld: %s", err.line, err.msg);
	cr_assert_str_eq(err.field, field, "%s", err.msg);
	cr_assert(strstr(err.msg, msg_part), "'%s' not in '%s'", msg_part, err.msg);
	cr_assert(strstr(err.file, "p.csv"));
}

Test(prices_cases, columns_in_any_order_only_wanted_kept)
{
	struct prices *p = load_ok("volume,Close,LOW,High,open,DATE,Extra\n"
				   "100,10.5,9,11,10,2024-01-02,x\n"
				   "200,11,10,11.5,10.5,2024-01-03,y\n",
				   PRICES_CLOSE | PRICES_ADJ);
	cr_assert_eq(p->n, 2);
	cr_assert_str_eq(p->name, "p");
	cr_assert_eq(p->have, PRICES_OHLC | PRICES_VOLUME);
	cr_assert_eq(p->date[0], date_from_civil(2024, 1, 2));
	cr_assert_eq(p->close[1], 11);
	cr_assert_null(p->open);
	cr_assert_null(p->volume);
	cr_assert_null(p->adj);
	cr_assert_eq(prices_value(p), p->close);
	prices_free(p);
}

Test(prices_cases, adj_close_is_the_value)
{
	struct prices *p = load_ok("Date,Open,High,Low,Close,Adj Close,Volume\r\n"
				   "2019/12/31,10,11,9,10.5,5.25,-\r\n"
				   "2020/1/2,10.5,11.5,10,11,5.5,\r\n", PRICES_ALL);
	cr_assert_eq(p->n, 2);
	cr_assert_eq(prices_value(p), p->adj);
	cr_assert_eq(p->adj[1], 5.5);
	/* '-' and empty volumes are unknown, not errors */
	cr_assert(isnan(p->volume[0]) && isnan(p->volume[1]));
	prices_free(p);
}

Test(prices_cases, bom_quotes_zones)
{
	struct prices *p = load_ok("\xEF\xBB\xBF\"Date\",\"Open\",\"High\",\"Low\",\"Close\"\n"
				   "\"2024-01-02 00:00:00+08:00\",\"10\",\"11\",\"9\",\"10.5\"\n",
				   PRICES_ALL);
	cr_assert_eq(p->n, 1);
	cr_assert_eq(p->date[0], date_from_civil(2024, 1, 2));
	cr_assert_eq(p->high[0], 11);
	prices_free(p);
}

Test(prices_cases, float_noise_in_high_is_forgiven)
{
	/* SPY 1993-02-01 as yfinance wrote it: High a hair below Close. */
	struct prices *p = load_ok("Date,Close,High,Low,Open,Volume\n"
				   "1993-02-01,24.347318649291992,24.34731864929199,"
				   "24.19256874262276,24.19256874262276,480500\n",
				   PRICES_ALL);
	cr_assert_eq(p->n, 1);
	prices_free(p);
	/* ...but 1e-4 below is a real error */
	load_bad("Date,Open,High,Low,Close\n2024-01-02,10,10.999,9,11\n", 2,
		 "High", "below Close 11");
}

Test(prices_cases, errors_name_line_and_field)
{
	const char *h = "Date,Open,High,Low,Close\n";
	char buf[256];
	load_bad("Date,Open,High,Close\n2024-01-02,1,1,1\n", 1, "Low",
		 "missing required column 'Low'");
	snprintf(buf, sizeof buf, "%s2024-01-02,1,2,1,x\n", h);
	load_bad(buf, 2, "Close", "expected a number, found 'x'");
	snprintf(buf, sizeof buf, "%s2024-01-02,1,2,1,1\n2024-13-01,1,2,1,1\n", h);
	load_bad(buf, 3, "Date", "unparsable date '2024-13-01'");
	snprintf(buf, sizeof buf, "%s2024-01-03,1,2,1,1\n2024-01-02,1,2,1,1\n", h);
	load_bad(buf, 3, "Date", "dates out of order");
	snprintf(buf, sizeof buf, "%s2024-01-02,1,2,1,1\n2024-01-02,1,2,1,1\n", h);
	load_bad(buf, 3, "Date", "repeated");
	snprintf(buf, sizeof buf, "%s2024-01-02,1,2,3,1\n", h);
	load_bad(buf, 2, "High", "High 2 is below Low 3");
	snprintf(buf, sizeof buf, "%s2024-01-02,1,2,1.5,1.8\n", h);
	load_bad(buf, 2, "Low", "Low 1.5 is above Open 1");
	snprintf(buf, sizeof buf, "%s2024-01-02,0,2,1,1\n", h);
	load_bad(buf, 2, "Open", "positive finite price, found '0'");
	snprintf(buf, sizeof buf, "%s2024-01-02,1,2,1,-1\n", h);
	load_bad(buf, 2, "Close", "positive finite price, found '-1'");
	snprintf(buf, sizeof buf, "%s2024-01-02,1,2,1\n", h);
	load_bad(buf, 2, "", "ragged row: 4 fields where the header has 5");
	load_bad("", 0, "", "empty file");
	load_bad(h, 0, "", "no data rows after the header");
	load_bad("Date,Open,High,Low,Close,Volume\n2024-01-02,1,2,1,1,-5\n", 2,
		 "Volume", "zero or more");
}

Test(prices_cases, skip_keeps_count_and_first_lines)
{
	struct ff_error err = {0};
	char buf[1024] = "Date,Open,High,Low,Close\n2024-01-01,1,2,1,1\n";
	for (int d = 2; d <= 8; d++) {
		char row[64];
		snprintf(row, sizeof row, "2024-01-%02d,null,null,null,null\n", d);
		strcat(buf, row);
	}
	strcat(buf, "2024-01-09,1,2,1,1.5\n");
	struct prices *p = load(buf, PRICES_ALL, PRICES_BAD_SKIP, &err);
	cr_assert_not_null(p, "%s", err.msg);
	cr_assert_eq(p->n, 2);
	cr_assert_eq(p->skipped, 7);
	/* rows of 01-02..01-08 sit on lines 3..9; the first five are kept */
	for (int i = 0; i < PRICES_SKIP_LINES; i++)
		cr_assert_eq(p->skipped_line[i], 3 + i);
	cr_assert_eq(p->close[1], 1.5);
	prices_free(p);
}

Test(prices_cases, skip_does_not_forgive_order)
{
	struct ff_error err = {0};
	struct prices *p = load("Date,Open,High,Low,Close\n2024-01-02,1,2,1,1\n"
				"2024-01-01,1,2,1,1\n", PRICES_ALL,
				PRICES_BAD_SKIP, &err);
	cr_assert_null(p);
	cr_assert_eq(err.line, 3);
}

Test(prices_cases, find_lower_bound_align)
{
	struct prices *a = load_ok("Date,Open,High,Low,Close\n"
				   "2024-01-02,1,1,1,1\n2024-01-03,1,1,1,1\n"
				   "2024-01-05,1,1,1,1\n2024-01-08,1,1,1,1\n",
				   PRICES_CLOSE);
	int32_t d2 = date_from_civil(2024, 1, 2);
	cr_assert_eq(prices_find(a, d2 + 3), 2);
	cr_assert_eq(prices_find(a, d2 + 2), -1);
	cr_assert_eq(prices_lower_bound(a, d2 + 2), 2);
	cr_assert_eq(prices_lower_bound(a, d2 - 10), 0);
	cr_assert_eq(prices_lower_bound(a, d2 + 100), 4);
	const char *bpath = ut_write(&dir, "b.csv", "Date,Open,High,Low,Close\n"
				     "2024-01-01,1,1,1,1\n2024-01-03,1,1,1,1\n"
				     "2024-01-04,1,1,1,1\n2024-01-08,1,1,1,1\n", -1);
	struct prices_opts o = {.want = PRICES_CLOSE};
	struct prices *b;
	struct ff_error err;
	cr_assert_eq(prices_load(bpath, &o, &b, &err), 0);
	/* common: 01-03 (a1, b1) and 01-08 (a3, b3) */
	size_t ia[4], ib[4];
	cr_assert_eq(prices_align(a, b, ia, ib), 2);
	cr_assert(ia[0] == 1 && ib[0] == 1 && ia[1] == 3 && ib[1] == 3);
	prices_free(a);
	prices_free(b);
}
