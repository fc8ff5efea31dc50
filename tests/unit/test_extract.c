/* extract: one test sentence (or a few) per rule and per hard negative,
 * with the facts a careful reader writes down by hand. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "date.h"
#include "extract.h"
#include "facts.h"
#include "lexicon.h"

struct want {
	const char *entity, *ticker, *scope, *measure;
	double value;
	const char *unit, *qualifier, *period, *attribution;
	const char *date;    /* NULL: the publication date */
};

static struct lexicon *lx;
static struct extract *x;

static void setup(void)
{
	struct ff_error err = {0};
	lx = lexicon_new();
	cr_assert_eq(lexicon_load(lx, "data/lexicon.csv", &err), 0, "%s", err.msg);
	x = extract_new(lx);
	cr_assert_not_null(x);
}

static void teardown(void)
{
	extract_free(x);
	lexicon_free(lx);
}

TestSuite(extract, .init = setup, .fini = teardown);

static int32_t day(const char *iso)
{
	int32_t d;
	cr_assert_eq(date_parse(iso, strlen(iso), &d), 0, "%s", iso);
	return d;
}

/* Extracts text published on pub and compares with want[0..n). */
static void expect(const char *text, const char *pub, const struct want *w,
		   size_t n)
{
	struct facts *t = facts_new();
	int32_t p = pub ? day(pub) : DATE_NONE;
	cr_assert_eq(extract_text(x, "t", text, p, t), 0);
	for (size_t i = 0; i < t->n && i < n; i++) {
		const struct fact *f = &t->v[i];
		cr_expect_str_eq(f->entity, w[i].entity, "row %zu entity of: %s", i, text);
		cr_expect_str_eq(f->ticker, w[i].ticker, "row %zu ticker of: %s", i, text);
		cr_expect_str_eq(f->scope, w[i].scope, "row %zu scope of: %s", i, text);
		cr_expect_str_eq(f->measure, w[i].measure, "row %zu measure of: %s", i, text);
		cr_expect(fabs(f->value - w[i].value) <= 1e-9 * fabs(w[i].value),
			  "row %zu value %.17g, want %.17g: %s", i, f->value,
			  w[i].value, text);
		cr_expect_str_eq(f->unit, w[i].unit, "row %zu unit of: %s", i, text);
		cr_expect_str_eq(f->qualifier, w[i].qualifier, "row %zu qualifier of: %s", i, text);
		cr_expect_str_eq(f->period, w[i].period, "row %zu period of: %s", i, text);
		cr_expect_str_eq(f->attribution, w[i].attribution, "row %zu attribution of: %s", i, text);
		int32_t d = w[i].date ? day(w[i].date) : p;
		cr_expect_eq(f->date, d, "row %zu date of: %s", i, text);
		/* the evidence is the body's bytes at the span */
		cr_expect_eq((size_t)(f->span_end - f->span_start), strlen(f->evidence));
		cr_expect_eq(memcmp(text + f->span_start, f->evidence,
				    strlen(f->evidence)), 0);
	}
	cr_expect_eq(t->n, n, "%zu facts, want %zu, from: %s", t->n, n, text);
	facts_free(t);
}

#define EXPECT(text, pub, ...) do { \
	static const struct want w_[] = {__VA_ARGS__}; \
	expect(text, pub, w_, sizeof w_ / sizeof w_[0]); } while (0)

static void expect_none(const char *text)
{
	expect(text, "2025-02-13", NULL, 0);
}

/* ---- price moves ---- */

Test(extract, as_much_as_to_level_gives_two_facts)
{
	EXPECT("The Hong Kong-listed shares of Alibaba jumped as much as 9.2 per "
	       "cent to HK$124.3, their highest since January 2022.", "2025-02-13",
	       {"Alibaba", "9988.HK", "", "price_change", 9.2, "pct", "max",
		"intraday", "", NULL},
	       {"Alibaba", "9988.HK", "", "price", 124.3, "HKD", "eq",
		"intraday_high", "", NULL});
}

Test(extract, fall_to_a_low_is_intraday_low)
{
	EXPECT("Tencent shares slid as much as 5% to HK$380.", "2025-02-13",
	       {"Tencent", "0700.HK", "", "price_change", -5, "pct", "max",
		"intraday", "", NULL},
	       {"Tencent", "0700.HK", "", "price", 380, "HKD", "eq",
		"intraday_low", "", NULL});
}

Test(extract, pared_gains_to_close_up_keeps_up)
{
	/* Alibaba has two listings and no clue: the ticker stays empty */
	EXPECT("Shares of Alibaba rose 5% in the morning. The stock pared gains "
	       "to close up 2.6 per cent.", "2025-02-13",
	       {"Alibaba", "", "", "price_change", 5, "pct", "eq", "day", "", NULL},
	       {"Alibaba", "", "", "price_change", 2.6, "pct", "eq", "close", "", NULL});
}

Test(extract, nearly_is_lt_and_signed)
{
	EXPECT("Meanwhile, rival Baidu Inc. saw its stock fall nearly 3% in Hong "
	       "Kong following the news.", "2025-02-13",
	       {"Baidu", "9888.HK", "", "price_change", -3, "pct", "lt", "day", "", NULL});
}

Test(extract, so_far_this_year_is_ytd_gt)
{
	EXPECT("Alibaba has become a favourite, with its stock price up more than "
	       "40 per cent so far this year.", "2025-02-13",
	       {"Alibaba", "", "", "price_change", 40, "pct", "gt", "ytd", "", NULL});
}

Test(extract, in_the_articles_year_is_ytd)
{
	EXPECT("Alibaba's shares have climbed about 30% in 2025.", "2025-03-01",
	       {"Alibaba", "", "", "price_change", 30, "pct", "approx", "ytd", "", NULL});
}

Test(extract, weekday_resolves_to_the_day_on_or_before)
{
	/* 2025-02-13 is a Thursday; Tuesday is 2025-02-11 */
	EXPECT("Shares of Tencent rose 3% on Tuesday.", "2025-02-13",
	       {"Tencent", "0700.HK", "", "price_change", 3, "pct", "eq", "day",
		"", "2025-02-11"});
}

Test(extract, unknown_company_keeps_its_name)
{
	EXPECT("Shares of Foo Holdings rose 5% after the results.", "2025-02-13",
	       {"Foo Holdings", "", "", "price_change", 5, "pct", "eq", "day", "", NULL});
}

Test(extract, index_close_level_in_points)
{
	EXPECT("The Hang Seng Index gained 4 per cent to close at 23,477.92.",
	       "2025-02-21",
	       {"Hang Seng Index", "^HSI", "", "price_change", 4, "pct", "eq",
		"close", "", NULL},
	       {"Hang Seng Index", "^HSI", "", "price", 23477.92, "points", "eq",
		"close", "", NULL});
}

Test(extract, direction_after_the_number)
{
	EXPECT("Apple Inc. shares opened 4% higher, and the stock closed 0.7% "
	       "lower at $236.00.", "2025-01-31",
	       {"Apple", "AAPL", "", "price_change", 4, "pct", "eq", "open", "", NULL},
	       {"Apple", "AAPL", "", "price_change", -0.7, "pct", "eq", "close", "", NULL},
	       {"Apple", "AAPL", "", "price", 236, "USD", "eq", "close", "", NULL});
}

Test(extract, premarket)
{
	EXPECT("Tesla shares rose 4% in premarket trading.", "2025-02-13",
	       {"Tesla", "TSLA", "", "price_change", 4, "pct", "eq", "premarket",
		"", NULL});
}

Test(extract, range_gives_a_lower_and_an_upper_bound)
{
	EXPECT("Tesla shares fell 2%-3% on the news.", "2025-02-13",
	       {"Tesla", "TSLA", "", "price_change", -2, "pct", "gt", "day", "", NULL},
	       {"Tesla", "TSLA", "", "price_change", -3, "pct", "lt", "day", "", NULL});
}

Test(extract, listing_token_picks_the_ticker)
{
	EXPECT("Alibaba (BABA-N) shares rose 3% in New York trading.", "2025-02-13",
	       {"Alibaba", "BABA", "", "price_change", 3, "pct", "eq", "day", "", NULL});
}

Test(extract, listing_named_once_holds_for_the_article)
{
	EXPECT("Alibaba BABA-N will partner with Apple AAPL-Q. Alibaba's shares "
	       "rose 3%.", "2025-02-13",
	       {"Alibaba", "BABA", "", "price_change", 3, "pct", "eq", "day", "", NULL});
}

Test(extract, descriptor_names_the_entity)
{
	EXPECT("Apple chose a partner in China. Shares of the e-commerce giant "
	       "rose 4%.", "2025-02-13",
	       {"Alibaba", "", "", "price_change", 4, "pct", "eq", "day", "", NULL});
}

Test(extract, the_company_refers_to_the_subject_of_the_last_sentence)
{
	EXPECT("This would be a win for Alibaba, as it seeks a role in AI. The "
	       "company's stock has already climbed more than 30% in 2025.", NULL,
	       {"Alibaba", "", "", "price_change", 30, "pct", "gt", "ytd", "", NULL});
}

Test(extract, it_refers_to_an_index)
{
	EXPECT("The Hang Seng Index tumbled 9.4% to 20,926.79. It had slumped as "
	       "much as 10.1% during the session.", "2024-10-08",
	       {"Hang Seng Index", "^HSI", "", "price_change", -9.4, "pct", "eq",
		"day", "", NULL},
	       {"Hang Seng Index", "^HSI", "", "price", 20926.79, "points", "eq",
		"level", "", NULL},
	       {"Hang Seng Index", "^HSI", "", "price_change", -10.1, "pct", "max",
		"intraday", "", NULL});
}

Test(extract, verb_carries_over_a_list)
{
	EXPECT("Alibaba Group fell 8.8% and Baidu 9.8% in Hong Kong.", "2024-10-08",
	       {"Alibaba", "9988.HK", "", "price_change", -8.8, "pct", "eq", "day", "", NULL},
	       {"Baidu", "9888.HK", "", "price_change", -9.8, "pct", "eq", "day", "", NULL});
}

Test(extract, restated_move_in_points_and_percent)
{
	EXPECT("The Dow Jones Industrial Average jumped 1,508 points, or 3.6%.",
	       "2024-11-06",
	       {"Dow Jones Industrial Average", "^DJI", "", "price_change", 3.6,
		"pct", "eq", "day", "", NULL});
}

Test(extract, number_words)
{
	EXPECT("Baidu shares in Hong Kong fell eleven per cent.", "2025-02-13",
	       {"Baidu", "9888.HK", "", "price_change", -11, "pct", "eq", "day", "", NULL});
}

/* ---- reported figures ---- */

Test(extract, fiscal_quarter_revenue_change_and_level)
{
	/* Apple's fiscal year ends in September: the quarter ended in
	 * December 2024 is the first of fiscal 2025 */
	EXPECT("For its fiscal first quarter ended Dec. 28, Apple's Greater China "
	       "sales plunged by 11 per cent to $18.51-billion.", "2025-02-13",
	       {"Apple", "", "Greater China", "revenue_change", -11, "pct", "eq",
		"fiscal:FY2025Q1", "", NULL},
	       {"Apple", "", "Greater China", "revenue", 18510000000.0, "USD", "eq",
		"fiscal:FY2025Q1", "", NULL});
}

Test(extract, calendar_quarter_from_three_months_to)
{
	EXPECT("Tesla reported its results. Revenue rose 8% to $25.18 billion in "
	       "the three months to September, and net income grew 17% to $2.17 "
	       "billion.", "2024-10-24",
	       {"Tesla", "", "", "revenue_change", 8, "pct", "eq", "quarter:2024Q3", "", NULL},
	       {"Tesla", "", "", "revenue", 25180000000.0, "USD", "eq", "quarter:2024Q3", "", NULL},
	       {"Tesla", "", "", "profit_change", 17, "pct", "eq", "quarter:2024Q3", "", NULL},
	       {"Tesla", "", "", "profit", 2170000000.0, "USD", "eq", "quarter:2024Q3", "", NULL});
}

Test(extract, noun_after_the_number)
{
	EXPECT("Tim Cook cited a recent 11% iPhone sales decline in China.",
	       "2025-02-12",
	       {"Apple", "", "China", "revenue_change", -11, "pct", "eq", "", "", NULL});
}

Test(extract, rise_in_quarter_revenue)
{
	EXPECT("The WeChat operator reported an 11 per cent rise in fourth-quarter "
	       "revenue to 172.4 billion yuan.", "2025-03-20",
	       {"Tencent", "", "", "revenue_change", 11, "pct", "eq", "quarter:2024Q4", "", NULL},
	       {"Tencent", "", "", "revenue", 172400000000.0, "CNY", "eq",
		"quarter:2024Q4", "", NULL});
}

/* The fixtures (tests/fixtures/extract/README.md, typography.md) take a
 * conversion in brackets as a second statement of the same figure, in
 * its own currency: both rows, so verify can use either. */
Test(extract, currency_conversion_in_brackets_is_the_figure_in_another_currency)
{
	EXPECT("Alibaba reported revenue of 280.15 billion yuan ($38.38 billion) "
	       "for the December quarter.", "2025-02-20",
	       {"Alibaba", "", "", "revenue", 280150000000.0, "CNY", "eq",
		"quarter:2024Q4", "", NULL},
	       {"Alibaba", "", "", "revenue", 38380000000.0, "USD", "eq",
		"quarter:2024Q4", "", NULL});
}

Test(extract, segment_scope)
{
	EXPECT("Apple's Services revenue increased 14% in the fiscal first "
	       "quarter.", "2025-01-31",
	       {"Apple", "", "Services", "revenue_change", 14, "pct", "eq",
		"fiscal:FY2025Q1", "", NULL});
}

Test(extract, market_cap_threshold_is_gt)
{
	EXPECT("Nvidia's market value topped $3 trillion.", "2024-06-05",
	       {"Nvidia", "", "", "market_cap", 3e12, "USD", "gt", "level", "", NULL});
}

/* ---- shipments and shares ---- */

Test(extract, annual_shipments_with_attribution)
{
	EXPECT("According to market research firm Canalys, Apple's annual "
	       "shipments in China fell 17 per cent.", "2025-02-13",
	       {"Apple", "", "China", "shipments_change", -17, "pct", "eq",
		"year", "Canalys", NULL});
}

/* "annual" alone is the kind (FACTS.md); the year the article last named
 * for the same company labels it. */
Test(extract, annual_takes_the_year_named_for_the_company)
{
	EXPECT("Apple lost ground in China in 2024. According to Canalys, "
	       "Apple's annual shipments in China fell 17 per cent.", "2025-02-13",
	       {"Apple", "", "China", "shipments_change", -17, "pct", "eq",
		"year:2024", "Canalys", NULL});
}

Test(extract, multiplying_words)
{
	EXPECT("Harlow Group's net profit doubled in 2024, while its operating "
	       "profit halved in the second half.", "2025-03-14",
	       {"Harlow Group", "", "", "profit_change", 100, "pct", "eq",
		"year:2024", "", NULL},
	       {"Harlow Group", "", "", "operating_profit_change", -50, "pct", "eq",
		"half:2024H2", "", NULL});
}

Test(extract, unknown_company_subjects_and_sources)
{
	EXPECT("Pellor shipped 5 million phones in 2024, according to Brack "
	       "Research.", "2025-02-01",
	       {"Pellor", "", "", "shipments", 5e6, "units", "eq", "year:2024",
		"Brack Research", NULL});
	/* a common noun opening a sentence is no company */
	EXPECT("Exports rose 5% in January.", "2025-02-10", );
}

Test(extract, list_of_shares_with_ordinals)
{
	EXPECT("Vivo captured the largest market share at 17 per cent, while "
	       "Huawei secured second place with 16 per cent, pushing Apple to "
	       "third place with 15 per cent of the market.", "2025-02-13",
	       {"Vivo", "", "", "market_rank", 1, "rank", "eq", "", "", NULL},
	       {"Vivo", "", "", "market_share", 17, "pct", "eq", "", "", NULL},
	       {"Huawei", "", "", "market_rank", 2, "rank", "eq", "", "", NULL},
	       {"Huawei", "", "", "market_share", 16, "pct", "eq", "", "", NULL},
	       {"Apple", "", "", "market_rank", 3, "rank", "eq", "", "", NULL},
	       {"Apple", "", "", "market_share", 15, "pct", "eq", "", "", NULL});
}

Test(extract, market_context_carries_to_the_next_sentence)
{
	EXPECT("Smartphone shipments in mainland China grew 4% in 2024, according "
	       "to Canalys. Vivo led the market with a 17% share.", "2025-01-21",
	       {"market", "", "China", "shipments_change", 4, "pct", "eq",
		"year:2024", "Canalys", NULL},
	       {"Vivo", "", "China", "market_rank", 1, "rank", "eq", "year:2024",
		"Canalys", NULL},
	       {"Vivo", "", "China", "market_share", 17, "pct", "eq", "year:2024",
		"Canalys", NULL});
}

Test(extract, shipments_in_units_and_ranked)
{
	EXPECT("Worldwide smartphone shipments rose 6.4% in 2024, IDC said. "
	       "Samsung ranked second with 223.4 million units, or 18.0%.",
	       "2025-01-14",
	       {"market", "", "Worldwide", "shipments_change", 6.4, "pct", "eq",
		"year:2024", "IDC", NULL},
	       {"Samsung", "", "", "market_rank", 2, "rank", "eq", "year:2024",
		"IDC", NULL},
	       {"Samsung", "", "", "shipments", 223400000, "units", "eq",
		"year:2024", "IDC", NULL},
	       {"Samsung", "", "", "market_share", 18, "pct", "eq", "year:2024",
		"IDC", NULL});
}

Test(extract, share_change_in_points)
{
	EXPECT("Xiaomi's market share rose 2.2 percentage points to 16%.",
	       "2025-02-13",
	       {"Xiaomi", "", "", "market_share_change", 2.2, "pp", "eq", "", "", NULL},
	       {"Xiaomi", "", "", "market_share", 16, "pct", "eq", "", "", NULL});
}

/* ---- numbers that are not facts ---- */

Test(extract, dates_years_ages_and_people_give_nothing)
{
	expect_none("Apple, founded in 1976, employs 164,000 people.");
	expect_none("The 55-year-old chief executive spoke on Aug. 9, 2021.");
	expect_none("The Hong Kong market had been closed for three sessions "
		    "since Jan. 28.");
}

Test(extract, model_names_and_versions_give_nothing)
{
	expect_none("The firm released Qwen 2.5, which it said beat DeepSeek-V3.");
	expect_none("Apple will launch the iPhone 16 with 5G this year.");
	expect_none("Alibaba is among the top 10 companies by value.");
	expect_none("The new report arrives ahead of Apple's anticipated "
		    "fourth-generation iPhone SE launch.");
}

Test(extract, stakes_tariffs_forecasts_and_targets_give_nothing)
{
	expect_none("China imposed a 34 per cent tariff on American goods.");
	expect_none("Alibaba owns a 33% stake in Ant Group.");
	expect_none("Analysts expect Apple's revenue to rise 5% next year.");
	expect_none("Premier Li Qiang set a growth target of around 5 per cent.");
	expect_none("China and India are the world's first and second largest "
		    "smartphone markets.");
}

Test(extract, lost_the_top_spot_is_not_a_rank)
{
	EXPECT("Apple's shipments in China fell 17 per cent last year, according "
	       "to Canalys, and it lost the top spot it had held.", "2025-02-13",
	       {"Apple", "", "China", "shipments_change", -17, "pct", "eq",
		"year:2024", "Canalys", NULL});
}
