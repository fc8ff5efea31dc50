/* date: civil dates as day numbers (days since 1970-01-01, proleptic
 * Gregorian), parsing of the forms prices and news write, weekdays. */
#ifndef DATE_H
#define DATE_H

#include <stddef.h>
#include <stdint.h>

#define DATE_NONE INT32_MIN   /* "no date" */
#define DATE_ISO_LEN 11       /* "YYYY-MM-DD" and its NUL */

int32_t date_from_civil(int y, int m, int d);
void date_to_civil(int32_t day, int *y, int *m, int *d);
int date_valid_civil(int y, int m, int d);

/* 0 = Monday ... 6 = Sunday (ISO order). */
int date_weekday(int32_t day);

/* Machine forms: "YYYY-MM-DD", "YYYY/M/D", and either followed by a time
 * and zone ("2025-02-13 00:00:00+08:00", "2025-02-13T00:00:00Z").  The
 * calendar date is taken as written: a price file's date is the
 * exchange's local trading day, and a zone offset never moves it.
 * Returns 0 and sets *out, or -1 when s[0..len) is not such a date. */
int date_parse(const char *s, size_t len, int32_t *out);

/* Prose forms: "Feb. 13, 2025", "February 13, 2025", "13 February 2025",
 * "Feb 13 2025", and the machine forms above.  Returns the number of
 * bytes consumed (>0), or 0 when s does not start with a date. */
size_t date_parse_text(const char *s, size_t len, int32_t *out);

/* Month from an English name or abbreviation ("Feb", "Feb.", "february"),
 * 1..12, or 0; *used gets the bytes consumed. */
int date_month_word(const char *s, size_t len, size_t *used);

/* Weekday from an English name ("Thursday", "Thu"), 0..6, or -1. */
int date_weekday_word(const char *s, size_t len);

/* The most recent day with weekday wd on or before ref. */
int32_t date_on_or_before(int32_t ref, int wd);

/* Writes "YYYY-MM-DD" (or "" for DATE_NONE) into buf; returns buf. */
char *date_format(int32_t day, char buf[DATE_ISO_LEN]);

#endif
