/* date: day numbers, civil dates, weekdays, machine and prose parsing.
 * Anchor day numbers and weekdays are Python's datetime (Debian python3):
 * (date(y, m, d) - date(1970, 1, 1)).days and date.weekday(). */
#include <criterion/criterion.h>
#include <string.h>

#include "date.h"

struct anchor {
	int y, m, d;
	int32_t day;
	int wd;   /* 0 = Monday */
};

static const struct anchor anchors[] = {
	{1970, 1, 1, 0, 3},
	{1969, 12, 31, -1, 2},
	{2000, 1, 1, 10957, 5},
	{2000, 2, 29, 11016, 1},
	{2000, 3, 1, 11017, 2},
	{2100, 2, 28, 47540, 6},
	{2100, 3, 1, 47541, 0},
	{1900, 3, 1, -25508, 3},
	{1, 1, 1, -719162, 0},
	{9999, 12, 31, 2932896, 4},
	{2024, 2, 29, 19782, 3},
	{2025, 2, 13, 20132, 3},
	{1600, 2, 29, -135081, 1},
};

Test(date, anchors)
{
	for (size_t k = 0; k < sizeof anchors / sizeof anchors[0]; k++) {
		const struct anchor *a = &anchors[k];
		int y, m, d;
		cr_assert_eq(date_from_civil(a->y, a->m, a->d), a->day,
			     "%04d-%02d-%02d", a->y, a->m, a->d);
		date_to_civil(a->day, &y, &m, &d);
		cr_assert(y == a->y && m == a->m && d == a->d, "day %d -> %d-%d-%d",
			  a->day, y, m, d);
		cr_assert_eq(date_weekday(a->day), a->wd, "%04d-%02d-%02d", a->y,
			     a->m, a->d);
	}
}

/* Walks the calendar from 0001-01-01 to 9999-12-31 with its own month
 * lengths: each date is one day after the one before, and converts back. */
Test(date, every_day_of_ten_thousand_years)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int32_t expect = -719162;
	long leap_days = 0;
	for (int y = 1; y <= 9999; y++) {
		int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
		for (int m = 1; m <= 12; m++) {
			int n = mdays[m - 1] + (m == 2 && leap);
			for (int d = 1; d <= n; d++, expect++) {
				if (date_from_civil(y, m, d) != expect)
					cr_assert_fail("%04d-%02d-%02d: %d, expected %d", y, m, d,
						 date_from_civil(y, m, d), expect);
				int yy, mm, dd;
				date_to_civil(expect, &yy, &mm, &dd);
				if (yy != y || mm != m || dd != d)
					cr_assert_fail("day %d -> %d-%d-%d", expect, yy, mm, dd);
				if (!date_valid_civil(y, m, d))
					cr_assert_fail("%04d-%02d-%02d invalid", y, m, d);
				leap_days += m == 2 && d == 29;
			}
			if (date_valid_civil(y, m, n + 1))
				cr_assert_fail("%04d-%02d-%02d valid", y, m, n + 1);
		}
	}
	cr_assert_eq(expect, 2932897);
	/* 2499 multiples of 4, less 99 centuries, plus 24 multiples of 400. */
	cr_assert_eq(leap_days, 2499 - 99 + 24);
}

Test(date, weekdays_cycle_through_negative_days)
{
	for (int32_t day = -800000; day < 3000000; day += 997)
		cr_assert_eq(date_weekday(day + 7), date_weekday(day));
	for (int32_t day = -20; day < 20; day++)
		cr_assert_eq(date_weekday(day + 1), (date_weekday(day) + 1) % 7);
	cr_assert_eq(date_weekday(-719162), 0);   /* 0001-01-01 a Monday */
}

Test(date, valid_civil)
{
	cr_assert(date_valid_civil(2024, 2, 29));
	cr_assert(date_valid_civil(2000, 2, 29));
	cr_assert_not(date_valid_civil(2023, 2, 29));
	cr_assert_not(date_valid_civil(1900, 2, 29));
	cr_assert_not(date_valid_civil(2100, 2, 29));
	cr_assert_not(date_valid_civil(2025, 2, 30));
	cr_assert_not(date_valid_civil(2025, 4, 31));
	cr_assert(date_valid_civil(2025, 12, 31));
	cr_assert_not(date_valid_civil(2025, 13, 1));
	cr_assert_not(date_valid_civil(2025, 0, 1));
	cr_assert_not(date_valid_civil(2025, 1, 0));
	cr_assert_not(date_valid_civil(0, 1, 1));
	cr_assert_not(date_valid_civil(10000, 1, 1));
}

static int32_t parse(const char *s)
{
	int32_t day = DATE_NONE;
	if (date_parse(s, strlen(s), &day)) return DATE_NONE;
	return day;
}

Test(date_parse, accepted)
{
	const int32_t feb13 = 20132;
	const char *ok[] = {
		"2025-02-13", "2025/2/13", "2025/02/13", "2025/2/13 09:30",
		"2025-02-13 00:00:00+08:00", "2025-02-13T00:00:00Z",
		"2025-02-13 09:30", "2025-02-13 09", "2025-02-13T09:30:00.123-0500",
		"2025-02-13 00:00:00-05", "2025-02-13 23:59:60",
		"2025-02-13T16:00:00.000000+00:00",
		/* The zone never moves the trading day. */
		"2025-02-13 23:00:00-05:00", "2025-02-13 01:00:00+14:00",
	};
	for (size_t k = 0; k < sizeof ok / sizeof ok[0]; k++)
		cr_assert_eq(parse(ok[k]), feb13, "'%s'", ok[k]);
	cr_assert_eq(parse("2024-02-29"), 19782);
	cr_assert_eq(parse("1970-01-01"), 0);
	cr_assert_eq(parse("0001-01-01"), -719162);
	cr_assert_eq(parse("9999-12-31"), 2932896);
}

Test(date_parse, rejected)
{
	const char *bad[] = {
		"", "2025", "2025-02", "20250213", "2025-2-13", "2025-02-3",
		"25-02-13", "2025-02-30", "2023-02-29", "1900-02-29", "2025-13-01",
		"2025-00-10", "2025-02-00", "2025-02-13x", "2025-02-13 ",
		"2025/2-13", "2025-02/13", "2025/2/", "2025//13", "2025/123/1",
		"2025-02-13T", "2025-02-13Z", "2025-02-13 0:00", "2025-02-13 24:00",
		"2025-02-13 12:60", "2025-02-13 00:00:00+8", "2025-02-13 00:00:00+08:",
		"2025-02-13 00:00:00+08:00x", "2025-02-13 00:00:00 +08:00",
		"Feb. 13, 2025", "13/02/2025", "0000-01-01", " 2025-02-13",
	};
	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++)
		cr_assert_eq(parse(bad[k]), DATE_NONE, "'%s' accepted", bad[k]);
}

Test(date_parse, only_len_bytes)
{
	int32_t day;
	cr_assert_eq(date_parse("2025-02-13junk", 10, &day), 0);
	cr_assert_eq(day, 20132);
	cr_assert_eq(date_parse("2025-02-1", 9, &day), -1);
}

/* date_parse_text: consumed bytes and the day. */
static void text_ok(const char *s, size_t used, int y, int m, int d)
{
	int32_t day = DATE_NONE;
	size_t n = date_parse_text(s, strlen(s), &day);
	cr_assert_eq(n, used, "'%s': consumed %zu, expected %zu", s, n, used);
	cr_assert_eq(day, date_from_civil(y, m, d), "'%s'", s);
}

Test(date_parse_text, accepted)
{
	text_ok("Feb. 13, 2025", 13, 2025, 2, 13);
	text_ok("February 13, 2025", 17, 2025, 2, 13);
	text_ok("Feb 13 2025", 11, 2025, 2, 13);
	text_ok("feb 13, 2025", 12, 2025, 2, 13);
	text_ok("FEBRUARY 13, 2025", 17, 2025, 2, 13);
	text_ok("13 February 2025", 16, 2025, 2, 13);
	text_ok("13 Feb. 2025", 12, 2025, 2, 13);
	text_ok("13 Feb, 2025", 12, 2025, 2, 13);
	text_ok("Sept. 3, 2024", 13, 2024, 9, 3);
	text_ok("Sept 3, 2024", 12, 2024, 9, 3);
	text_ok("Sep. 3, 2024", 12, 2024, 9, 3);
	text_ok("September 3, 2024", 17, 2024, 9, 3);
	text_ok("3 Sept. 2024", 12, 2024, 9, 3);
	text_ok("Feb. 29, 2024", 13, 2024, 2, 29);
	text_ok("Jan. 2, 2024, when shares rose", 12, 2024, 1, 2);
	text_ok("Dec 31, 1999.", 12, 1999, 12, 31);
	/* Machine forms in prose: the date, not a time after it. */
	text_ok("2025-02-13", 10, 2025, 2, 13);
	text_ok("2025-02-13 00:00:00+08:00", 10, 2025, 2, 13);
	text_ok("2025/2/13", 9, 2025, 2, 13);
	text_ok("2025/2/13, the filing said", 9, 2025, 2, 13);
	text_ok("2025-02-13.", 10, 2025, 2, 13);
}

Test(date_parse_text, rejected)
{
	const char *bad[] = {
		"", "Feb. 30, 2025", "Feb 29, 2023", "Sept. 31, 2024", "31 April 2025",
		"13 Feb", "Feb. 13", "Feb. 13, 25", "Feb 13, 20256", "Febr 13, 2025",
		"Septem 3, 2024", "Mayday 3, 2024", "Monday", "2025", "13/02/2025",
		"2025-02-130", "2025-02-30", "2025/2/30", "on Feb. 13, 2025", "Feb. , 2025",
	};
	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		int32_t day;
		cr_assert_eq(date_parse_text(bad[k], strlen(bad[k]), &day), 0,
			     "'%s' accepted", bad[k]);
	}
}

Test(date_words, months)
{
	struct { const char *s; int m; size_t used; } w[] = {
		{"Jan", 1, 3}, {"jan.", 1, 4}, {"January", 1, 7}, {"FEB", 2, 3},
		{"Feb.", 2, 4}, {"february", 2, 8}, {"March", 3, 5}, {"Apr.", 4, 4},
		{"May", 5, 3}, {"June", 6, 4}, {"Jun.", 6, 4}, {"July", 7, 4},
		{"Aug", 8, 3}, {"Sep", 9, 3}, {"Sept", 9, 4}, {"Sept.", 9, 5},
		{"September", 9, 9}, {"Oct.", 10, 4}, {"Nov", 11, 3},
		{"December", 12, 8}, {"Dec. 5", 12, 4},
	};
	for (size_t k = 0; k < sizeof w / sizeof w[0]; k++) {
		size_t used = 0;
		cr_assert_eq(date_month_word(w[k].s, strlen(w[k].s), &used), w[k].m,
			     "%s", w[k].s);
		cr_assert_eq(used, w[k].used, "%s: used %zu", w[k].s, used);
	}
	const char *bad[] = {"", "Ja", "Febr", "Septe", "Marc", "Mayday", "Juli",
			     "Decembers", "1 Jan"};
	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		size_t used;
		cr_assert_eq(date_month_word(bad[k], strlen(bad[k]), &used), 0, "%s",
			     bad[k]);
	}
}

Test(date_words, weekdays)
{
	cr_assert_eq(date_weekday_word("Monday", 6), 0);
	cr_assert_eq(date_weekday_word("mon", 3), 0);
	cr_assert_eq(date_weekday_word("Thursday", 8), 3);
	cr_assert_eq(date_weekday_word("Thu", 3), 3);
	cr_assert_eq(date_weekday_word("FRIDAY", 6), 4);
	cr_assert_eq(date_weekday_word("Sun", 3), 6);
	cr_assert_eq(date_weekday_word("sunday", 6), 6);
	cr_assert_eq(date_weekday_word("Thurs", 5), -1);
	cr_assert_eq(date_weekday_word("Th", 2), -1);
	cr_assert_eq(date_weekday_word("Thursdays", 9), -1);
	cr_assert_eq(date_weekday_word("Monday", 3), 0);   /* only len counts */
}

Test(date, on_or_before)
{
	const int32_t thu = 20132;   /* 2025-02-13, a Thursday */
	cr_assert_eq(date_on_or_before(thu, 3), thu);
	cr_assert_eq(date_on_or_before(thu, 2), thu - 1);
	cr_assert_eq(date_on_or_before(thu, 0), date_from_civil(2025, 2, 10));
	cr_assert_eq(date_on_or_before(thu, 4), date_from_civil(2025, 2, 7));
	cr_assert_eq(date_on_or_before(thu, 6), date_from_civil(2025, 2, 9));
	/* Across a year end and before 1970. */
	cr_assert_eq(date_on_or_before(date_from_civil(2025, 1, 2), 4),
		     date_from_civil(2024, 12, 27));
	cr_assert_eq(date_on_or_before(-1, 3), -7);   /* 1969-12-25, a Thursday */
	for (int32_t d = -30; d < 30; d++)
		for (int wd = 0; wd < 7; wd++) {
			int32_t r = date_on_or_before(d, wd);
			cr_assert(r <= d && r > d - 7 && date_weekday(r) == wd);
		}
}

Test(date, format)
{
	char b[DATE_ISO_LEN];
	cr_assert_str_eq(date_format(0, b), "1970-01-01");
	cr_assert_str_eq(date_format(20132, b), "2025-02-13");
	cr_assert_str_eq(date_format(-719162, b), "0001-01-01");
	cr_assert_str_eq(date_format(2932896, b), "9999-12-31");
	cr_assert_str_eq(date_format(19782, b), "2024-02-29");
	cr_assert_str_eq(date_format(DATE_NONE, b), "");
	/* Format and parse are inverses. */
	for (int32_t d = -719162; d <= 2932896; d += 1009) {
		int32_t back;
		date_format(d, b);
		cr_assert_eq(date_parse(b, 10, &back), 0, "%s", b);
		cr_assert_eq(back, d);
	}
}
