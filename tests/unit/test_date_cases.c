/* date: day numbers, parsing the forms price files and news write,
 * weekdays.  Expected day numbers are days since 1970-01-01 as Python's
 * datetime.date subtraction gives them, and, for the round trip, a plain
 * day-by-day calendar walk written here. */
#include <criterion/criterion.h>
#include <string.h>

#include "date.h"

static int32_t parse(const char *s)
{
	int32_t d = DATE_NONE;
	if (date_parse(s, strlen(s), &d)) return DATE_NONE;
	return d;
}

Test(date_cases, known_day_numbers)
{
	cr_assert_eq(date_from_civil(1970, 1, 1), 0);
	cr_assert_eq(date_from_civil(1969, 12, 31), -1);
	cr_assert_eq(date_from_civil(2000, 1, 1), 10957);
	cr_assert_eq(date_from_civil(2024, 2, 29), 19782);
	cr_assert_eq(date_from_civil(2025, 2, 13), 20132);
	cr_assert_eq(date_from_civil(1900, 3, 1), -25508);
}

Test(date_cases, round_trip_against_a_calendar_walk)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y = 1900, m = 1, d = 1;
	int32_t day = date_from_civil(1900, 1, 1);
	/* 1900-01-01 is 25567 days before 1970-01-01 (70 years, 17 leap days) */
	cr_assert_eq(day, -25567);
	for (; y < 2101; day++) {
		int yy, mm, dd;
		date_to_civil(day, &yy, &mm, &dd);
		cr_assert(yy == y && mm == m && dd == d, "day %d: %d-%d-%d vs %d-%d-%d",
			  day, yy, mm, dd, y, m, d);
		cr_assert_eq(date_from_civil(y, m, d), day);
		int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
		if (++d > mdays[m - 1] + (m == 2 && leap)) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
}

Test(date_cases, weekdays)
{
	/* Monday = 0: 1970-01-01 was a Thursday, 2025-02-13 too, 2000-01-01 a
	 * Saturday, 1969-12-31 a Wednesday. */
	cr_assert_eq(date_weekday(0), 3);
	cr_assert_eq(date_weekday(20132), 3);
	cr_assert_eq(date_weekday(10957), 5);
	cr_assert_eq(date_weekday(-1), 2);
	/* The Monday on or before Thursday 2025-02-13 is 2025-02-10. */
	cr_assert_eq(date_on_or_before(20132, 0), date_from_civil(2025, 2, 10));
	cr_assert_eq(date_on_or_before(20132, 3), 20132);
	cr_assert_eq(date_weekday_word("Thursday", 8), 3);
	cr_assert_eq(date_weekday_word("thu", 3), 3);
	cr_assert_eq(date_weekday_word("Thurs", 5), -1);
}

Test(date_cases, machine_forms)
{
	cr_assert_eq(parse("2025-02-13"), 20132);
	cr_assert_eq(parse("2025/2/13"), 20132);
	cr_assert_eq(parse("1987/1/2"), date_from_civil(1987, 1, 2));
	cr_assert_eq(parse("2025-02-13 00:00:00+08:00"), 20132);
	cr_assert_eq(parse("2025-02-13T23:59:59Z"), 20132);
	cr_assert_eq(parse("2025-02-13 16:00:00-0500"), 20132);
	cr_assert_eq(parse("2025-02-13 09:30"), 20132);
	cr_assert_eq(parse("2025-02-13 09:30:00.123"), 20132);
	cr_assert_eq(parse("2024-02-29"), 19782);
}

Test(date_cases, machine_forms_rejected)
{
	const char *bad[] = {"2025-02-30", "2023-02-29", "2025-13-01", "2025-00-10",
		"2025-2-13", "25-02-13", "2025-02-13x", "2025-02-13 25",
		"2025-02-13 24:00", "2025-02-13 12:60", "2025.02.13",
		"", "2025-02-", "2025/02-13", "2025-02-13 00:00:00+8", "yesterday",
		"1900-02-29"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		cr_assert_eq(parse(bad[i]), DATE_NONE, "'%s' accepted", bad[i]);
}

Test(date_cases, prose_forms)
{
	int32_t d;
	const char *s = "Feb. 13, 2025, shares rose";
	cr_assert_eq(date_parse_text(s, strlen(s), &d), 13);
	cr_assert_eq(d, 20132);
	s = "February 13 2025";
	cr_assert_eq(date_parse_text(s, strlen(s), &d), 16);
	cr_assert_eq(d, 20132);
	s = "13 February 2025";
	cr_assert_eq(date_parse_text(s, strlen(s), &d), 16);
	cr_assert_eq(d, 20132);
	s = "Sept. 3, 2024";
	cr_assert_eq(date_parse_text(s, strlen(s), &d), 13);
	cr_assert_eq(d, date_from_civil(2024, 9, 3));
	s = "2025-02-13: results";
	cr_assert_eq(date_parse_text(s, strlen(s), &d), 10);
	cr_assert_eq(d, 20132);
	s = "February 30, 2025";
	cr_assert_eq(date_parse_text(s, strlen(s), &d), 0);
	s = "13 Februar 2025";
	cr_assert_eq(date_parse_text(s, strlen(s), &d), 0);
	size_t used;
	cr_assert_eq(date_month_word("Dec.", 4, &used), 12);
	cr_assert_eq(used, 4);
	cr_assert_eq(date_month_word("march", 5, &used), 3);
	cr_assert_eq(used, 5);
}

Test(date_cases, format)
{
	char buf[DATE_ISO_LEN];
	cr_assert_str_eq(date_format(20132, buf), "2025-02-13");
	cr_assert_str_eq(date_format(-25567, buf), "1900-01-01");
	cr_assert_str_eq(date_format(DATE_NONE, buf), "");
}
