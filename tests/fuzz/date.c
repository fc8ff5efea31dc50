/* libFuzzer harness: date parsing (date.h), every parser on the same
 * bytes, and the properties the callers rely on: a parsed day formats
 * back to a date that parses to the same day; consumed lengths stay
 * within the input. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	/* Exactly n bytes on the heap, so reading past them is caught. */
	char *s = malloc(n ? n : 1);
	if (!s) return 0;
	if (n) memcpy(s, data, n);
	int32_t d;
	char buf[DATE_ISO_LEN];
	if (date_parse(s, n, &d) == 0) {
		int32_t back;
		date_format(d, buf);
		if (date_parse(buf, strlen(buf), &back) || back != d) abort();
	}
	size_t used = date_parse_text(s, n, &d);
	if (used > n) abort();
	if (used) {
		int32_t back;
		date_format(d, buf);
		if (date_parse(buf, strlen(buf), &back) || back != d) abort();
	}
	size_t mu = 0;
	int m = date_month_word(s, n, &mu);
	if (m < 0 || m > 12 || (m && mu > n)) abort();
	int wd = date_weekday_word(s, n);
	if (wd < -1 || wd > 6) abort();
	/* Day arithmetic over whatever the bytes make of an int32. */
	if (n >= 4) {
		int32_t day;
		memcpy(&day, s, 4);
		if (day > -3000000 && day < 3000000) {
			int y, mo, dd;
			date_to_civil(day, &y, &mo, &dd);
			if (date_from_civil(y, mo, dd) != day) abort();
			int w = date_weekday(day);
			if (w < 0 || w > 6 || date_on_or_before(day, w) != day) abort();
		}
	}
	free(s);
	return 0;
}
