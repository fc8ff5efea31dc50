#include "date.h"

#include <ctype.h>
#include <string.h>

/* Howard Hinnant's days_from_civil / civil_from_days: exact for every
 * proleptic Gregorian date representable here, no tables, no loops. */
int32_t date_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void date_to_civil(int32_t day, int *y, int *m, int *d)
{
	int z = day + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_valid_civil(int y, int m, int d)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return 0;
	return d <= mdays[m - 1] + (m == 2 && leap(y));
}

int date_weekday(int32_t day)
{
	/* 1970-01-01 was a Thursday (3 in Monday-first numbering). */
	int w = (int)((day + 3) % 7);
	return w < 0 ? w + 7 : w;
}

/* Reads 1..maxd digits; returns how many were read. */
static size_t digits(const char *s, size_t len, size_t maxd, int *v)
{
	size_t i = 0;
	*v = 0;
	while (i < len && i < maxd && isdigit((unsigned char)s[i]))
		*v = *v * 10 + (s[i++] - '0');
	return i;
}

/* After the date: nothing, or a time ("[ T]HH:MM[:SS[.fff]]") and an
 * optional zone ("Z", "+08:00", "-0500").  Checked, then ignored. */
static int time_suffix_ok(const char *s, size_t len)
{
	if (len == 0) return 1;
	if (s[0] != ' ' && s[0] != 'T') return 0;
	size_t i = 1;
	int v;
	for (int part = 0; part < 3; part++) {
		if (part > 0) {
			if (i >= len || s[i] != ':') break;
			i++;
		}
		static const int most[] = {23, 59, 60};   /* 60: a leap second */
		if (digits(s + i, len - i, 2, &v) != 2 || v > most[part]) return 0;
		i += 2;
	}
	if (i < len && s[i] == '.') {
		i++;
		while (i < len && isdigit((unsigned char)s[i])) i++;
	}
	if (i < len && s[i] == 'Z') return i + 1 == len;
	if (i < len && (s[i] == '+' || s[i] == '-')) {
		i++;
		if (digits(s + i, len - i, 2, &v) != 2) return 0;
		i += 2;
		/* Minutes after a ':' are required ("+08:" is not a zone). */
		int colon = i < len && s[i] == ':';
		i += colon;
		if ((colon || i < len) && digits(s + i, len - i, 2, &v) != 2) return 0;
		if (colon || i < len) i += 2;
	}
	return i == len;
}

int date_parse(const char *s, size_t len, int32_t *out)
{
	int y, m, d;
	size_t i = digits(s, len, 4, &y);
	if (i != 4 || i >= len || (s[i] != '-' && s[i] != '/')) return -1;
	char sep = s[i++];
	size_t n = digits(s + i, len - i, 2, &m);
	if (n == 0 || (sep == '-' && n != 2)) return -1;
	i += n;
	if (i >= len || s[i] != sep) return -1;
	i++;
	n = digits(s + i, len - i, 2, &d);
	if (n == 0 || (sep == '-' && n != 2)) return -1;
	i += n;
	if (!date_valid_civil(y, m, d) || !time_suffix_ok(s + i, len - i))
		return -1;
	*out = date_from_civil(y, m, d);
	return 0;
}

static const char *const month_names[] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"};

static size_t alpha_run(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && isalpha((unsigned char)s[i])) i++;
	return i;
}

static int word_is(const char *w, size_t n, const char *name, size_t minlen)
{
	if (n < minlen || n > strlen(name)) return 0;
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)w[i]) != name[i]) return 0;
	return 1;
}

int date_month_word(const char *s, size_t len, size_t *used)
{
	size_t n = alpha_run(s, len);
	for (int k = 0; k < 12; k++) {
		const char *name = month_names[k];
		/* Full name, or a 3-letter abbreviation ("Sept" too). */
		int full = n == strlen(name) && word_is(s, n, name, n);
		int abbr = (n == 3 || (k == 8 && n == 4)) && word_is(s, n, name, 3);
		if (!full && !abbr) continue;
		*used = n + (!full && n < len && s[n] == '.');
		return k + 1;
	}
	return 0;
}

int date_weekday_word(const char *s, size_t len)
{
	static const char *const names[] = {"monday", "tuesday", "wednesday",
		"thursday", "friday", "saturday", "sunday"};
	for (int k = 0; k < 7; k++)
		if ((len == strlen(names[k]) || len == 3) &&
		    word_is(s, len, names[k], 3))
			return k;
	return -1;
}

int32_t date_on_or_before(int32_t ref, int wd)
{
	return ref - ((date_weekday(ref) - wd + 7) % 7);
}

static size_t skip_spaces(const char *s, size_t len, size_t i)
{
	while (i < len && s[i] == ' ') i++;
	return i;
}

/* "Feb. 13, 2025" / "February 13 2025" */
static size_t month_first(const char *s, size_t len, int32_t *out)
{
	size_t i, n;
	int m = date_month_word(s, len, &i), d, y;
	if (!m) return 0;
	i = skip_spaces(s, len, i);
	if (!(n = digits(s + i, len - i, 2, &d))) return 0;
	i += n;
	if (i < len && s[i] == ',') i++;
	i = skip_spaces(s, len, i);
	if (digits(s + i, len - i, 4, &y) != 4) return 0;
	i += 4;
	if ((i < len && isdigit((unsigned char)s[i])) || !date_valid_civil(y, m, d))
		return 0;   /* "20256" is no year */
	*out = date_from_civil(y, m, d);
	return i;
}

/* "13 February 2025" / "13 Feb. 2025" */
static size_t day_first(const char *s, size_t len, int32_t *out)
{
	int d, y, m;
	size_t n, i = digits(s, len, 2, &d);
	if (!i) return 0;
	i = skip_spaces(s, len, i);
	if (!(m = date_month_word(s + i, len - i, &n))) return 0;
	i = skip_spaces(s, len, i + n);
	if (i < len && s[i] == ',') i = skip_spaces(s, len, i + 1);
	if (digits(s + i, len - i, 4, &y) != 4) return 0;
	i += 4;
	if ((i < len && isdigit((unsigned char)s[i])) || !date_valid_civil(y, m, d))
		return 0;   /* "20256" is no year */
	*out = date_from_civil(y, m, d);
	return i;
}

size_t date_parse_text(const char *s, size_t len, int32_t *out)
{
	size_t n;
	if ((n = month_first(s, len, out)) || (n = day_first(s, len, out)))
		return n;
	/* A machine date embedded in prose: YYYY-MM-DD or YYYY/M/D, without
	 * a time (prose may follow it with other numbers). */
	n = 0;
	while (n < len && n < 10 && (isdigit((unsigned char)s[n]) || s[n] == '-' ||
				     s[n] == '/'))
		n++;
	if (n >= 8 && date_parse(s, n, out) == 0 &&
	    (n == len || !isdigit((unsigned char)s[n])))
		return n;
	return 0;
}

char *date_format(int32_t day, char buf[DATE_ISO_LEN])
{
	if (day == DATE_NONE) {
		buf[0] = '\0';
		return buf;
	}
	int y, m, d;
	date_to_civil(day, &y, &m, &d);
	if (y < 0 || y > 9999) y = 0;
	/* Written by hand: fixed width, and no snprintf truncation warning. */
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + d / 10);
	buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
	return buf;
}
