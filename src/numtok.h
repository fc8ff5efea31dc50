/* numtok: one number as news text writes it.
 *
 * "9.2 per cent", "HK$124.3", "$18.51-billion", "US$2bn", "RMB 3.5
 * trillion", "eleven per cent", "a third of", "2.2 percentage points",
 * "2%-3%": the value (scaled by its scale word), its unit (percent,
 * percentage points, or money with an ISO 4217 code) and the bytes it
 * covers.  Scanning allocates nothing. */
#ifndef NUMTOK_H
#define NUMTOK_H

#include <stddef.h>

enum numtok_unit {
	NUMTOK_NONE,    /* a bare number */
	NUMTOK_PCT,     /* per cent, percent, pct, pc, % */
	NUMTOK_PP,      /* percentage points (basis points are converted) */
	NUMTOK_MONEY    /* currency in .currency */
};

struct numtok {
	size_t start, end;   /* bytes [start, end) of the text */
	double value;        /* scaled; the low end of a range */
	double hi;           /* the high end of a range ("2%-3%"), else = value */
	enum numtok_unit unit;
	char currency[4];    /* ISO code for NUMTOK_MONEY, else "" */
	int scale;           /* power of ten of a scale word (6 million), or 0 */
	int words;           /* written in words ("eleven", "a third") */
	int range;           /* a range X-Y */
	int cur_dollar;      /* currency came from a bare "$" */
	int has_point;       /* written with a decimal point */
};

/* Scans a number starting exactly at s[i] (the caller knows i starts a
 * word).  Returns 1 and fills *t, or 0 when no number starts there.
 * Numbers glued to letters ("5G", "V3", "2nd", "16e") are not numbers. */
int numtok_scan(const char *s, size_t len, size_t i, struct numtok *t);

/* A count written as a word at s[i] ("four", "twenty-one"): the bytes
 * matched, with its value in *v, or 0.  numtok_scan does not take a bare
 * number word as a figure; callers reading "over four sessions" do. */
size_t numtok_word(const char *s, size_t len, size_t i, double *v);

/* 1 when the byte can start a number numtok_scan might accept: a digit,
 * a currency sign, or a letter starting a number word or code.  A cheap
 * filter for the caller's loop. */
int numtok_may_start(unsigned char c);

#endif
