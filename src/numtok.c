#include "numtok.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NUMBUF 64

/* Case-insensitive s[i..] starts with word w, ending at a word boundary.
 * Returns the bytes matched or 0. */
static size_t word_at(const char *s, size_t len, size_t i, const char *w)
{
	/* the first byte (case folded) rejects almost every call cheaply */
	if (i >= len || ((unsigned char)s[i] | 0x20) != ((unsigned char)*w | 0x20))
		return 0;
	size_t n = strlen(w);
	if (i + n > len || strncasecmp(s + i, w, n)) return 0;
	if (i + n < len && isalpha((unsigned char)s[i + n])) return 0;
	return n;
}

static size_t skip_spaces(const char *s, size_t len, size_t i)
{
	while (i < len && s[i] == ' ') i++;
	return i;
}

struct cur {
	const char *sym, *code;
	int space;   /* may be followed by a space before the digits */
};

/* Longer symbols first: "US$" before "$". */
static const struct cur prefixes[] = {
	{"US$", "USD", 0}, {"HK$", "HKD", 0}, {"NT$", "TWD", 0},
	{"S$", "SGD", 0}, {"A$", "AUD", 0}, {"C$", "CAD", 0},
	{"$", "USD", 0}, {"\xE2\x82\xAC", "EUR", 0}, {"\xC2\xA3", "GBP", 0},
	{"\xC2\xA5", "JPY", 0}, {"\xE2\x82\xA9", "KRW", 0},
	{"RMB", "CNY", 1}, {"USD", "USD", 1}, {"HKD", "HKD", 1},
	{"CNY", "CNY", 1}, {"EUR", "EUR", 1}, {"GBP", "GBP", 1},
	{"JPY", "JPY", 1}, {"KRW", "KRW", 1}, {"SGD", "SGD", 1},
	{"TWD", "TWD", 1}, {"INR", "INR", 1}, {"Rs", "INR", 1},
	{NULL, NULL, 0}};

/* Currency words after the number; fraction: cents and pence. */
struct cur_word {
	const char *word, *code;
	double div;   /* cents and pence: 100 */
};
static const struct cur_word suffixes[] = {
	{"Hong Kong dollars", "HKD", 1}, {"US dollars", "USD", 1},
	{"U.S. dollars", "USD", 1}, {"dollars", "USD", 1},
	{"yuan", "CNY", 1}, {"renminbi", "CNY", 1}, {"RMB", "CNY", 1},
	{"euros", "EUR", 1}, {"pounds", "GBP", 1}, {"yen", "JPY", 1},
	{"won", "KRW", 1}, {"rupees", "INR", 1}, {"cents", "USD", 100},
	{"pence", "GBP", 100}, {"USD", "USD", 1}, {"HKD", "HKD", 1},
	{"CNY", "CNY", 1}, {"EUR", "EUR", 1}, {"GBP", "GBP", 1},
	{"JPY", "JPY", 1}, {NULL, NULL, 0}};

static size_t currency_prefix(const char *s, size_t len, size_t i,
			      struct numtok *t)
{
	for (const struct cur *c = prefixes; c->sym; c++) {
		if (s[i] != c->sym[0]) continue;   /* cheap first test */
		size_t n = strlen(c->sym);
		if (i + n > len || memcmp(s + i, c->sym, n)) continue;
		size_t j = i + n;
		if (c->space) j = skip_spaces(s, len, j);
		else if (j < len && s[j] == ' ') j++;  /* "$ 5" */
		if (j >= len || !isdigit((unsigned char)s[j])) continue;
		memcpy(t->currency, c->code, 4);
		t->unit = NUMTOK_MONEY;
		t->cur_dollar = !strcmp(c->sym, "$");
		return j - i;
	}
	return 0;
}

/* Digits with optional thousands separators and decimals; the digits
 * and point (no separators) go to buf, so the value can be read exactly
 * by strtod together with its scale. */
static size_t digits(const char *s, size_t len, size_t i, char *buf,
		     int *point)
{
	size_t j = i, o = 0;
	if (j >= len || !isdigit((unsigned char)s[j])) return 0;
	while (j < len) {
		if (isdigit((unsigned char)s[j])) {
			if (o < NUMBUF - 8) buf[o++] = s[j];
			j++;
		} else if (s[j] == ',' && j + 3 < len &&
			   isdigit((unsigned char)s[j + 1]) &&
			   isdigit((unsigned char)s[j + 2]) &&
			   isdigit((unsigned char)s[j + 3]) &&
			   (j + 4 >= len || !isdigit((unsigned char)s[j + 4]))) {
			j++;
		} else {
			break;
		}
	}
	*point = 0;
	if (j + 1 < len && s[j] == '.' && isdigit((unsigned char)s[j + 1])) {
		*point = 1;
		if (o < NUMBUF - 8) buf[o++] = '.';
		for (j++; j < len && isdigit((unsigned char)s[j]); j++)
			if (o < NUMBUF - 8) buf[o++] = s[j];
	}
	buf[o] = '\0';
	return j - i;
}

/* The exact double nearest to the decimal buf times 10^p. */
static double scaled(char *buf, int p)
{
	size_t n = strlen(buf);
	snprintf(buf + n, 8, "e%d", p);
	double v = strtod(buf, NULL);
	buf[n] = '\0';
	return v;
}

static const char *const small[] = {
	"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
	"nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
	"sixteen", "seventeen", "eighteen", "nineteen", NULL};
static const char *const tens[] = {
	"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
	"ninety", NULL};

static size_t number_word(const char *s, size_t len, size_t i, double *v)
{
	size_t n;
	/* every number word starts with one of these letters */
	if (i >= len || !strchr("zotfsenZOTFSEN", s[i]) || !s[i]) return 0;
	for (int k = 0; tens[k]; k++)
		if ((n = word_at(s, len, i, tens[k]))) {
			*v = 20 + 10 * k;
			if (i + n + 1 < len && s[i + n] == '-')
				for (int u = 1; u < 10; u++) {
					size_t m = word_at(s, len, i + n + 1, small[u]);
					if (m) {
						*v += u;
						return n + 1 + m;
					}
				}
			return n;
		}
	for (int k = 0; small[k]; k++)
		if ((n = word_at(s, len, i, small[k]))) {
			*v = k;
			return n;
		}
	return 0;
}

/* "a third of", "one-third of", "half of", "a quarter of": a share. */
static size_t fraction(const char *s, size_t len, size_t i, double *v)
{
	static const struct { const char *w; double v; } f[] = {
		{"a third", 100.0 / 3}, {"one-third", 100.0 / 3},
		{"one third", 100.0 / 3}, {"two-thirds", 200.0 / 3},
		{"two thirds", 200.0 / 3}, {"half", 50}, {"a half", 50},
		{"a quarter", 25}, {"one-quarter", 25}, {"a fifth", 20},
		{"three-quarters", 75}, {NULL, 0}};
	for (int k = 0; f[k].w; k++) {
		size_t n = word_at(s, len, i, f[k].w);
		if (n && word_at(s, len, skip_spaces(s, len, i + n), "of")) {
			*v = f[k].v;
			return n;
		}
	}
	return 0;
}

struct scale { const char *w; int p; int attached_only; };
static const struct scale scales[] = {
	{"trillion", 12, 0}, {"billion", 9, 0}, {"million", 6, 0},
	{"thousand", 3, 0}, {"mln", 6, 0}, {"bln", 9, 0}, {"mn", 6, 0},
	{"bn", 9, 0}, {"tn", 12, 0}, {"trn", 12, 0}, {"m", 6, 1},
	{"b", 9, 1}, {"k", 3, 1}, {NULL, 0, 0}};

static size_t scale_word(const char *s, size_t len, size_t i, int money,
			 int *p)
{
	size_t j = i;
	int gap = 0;
	if (j < len && (s[j] == ' ' || s[j] == '-')) j++, gap = 1;
	for (const struct scale *c = scales; c->w; c++) {
		if (c->attached_only && (gap || !money)) continue;
		size_t n = word_at(s, len, j, c->w);
		if (!n) continue;
		*p = c->p;
		return j + n - i;
	}
	return 0;
}

static double pow10i(int p)
{
	double x = 1;
	while (p-- > 0) x *= 10;
	return x;
}

/* The unit after the number; returns bytes consumed. */
static size_t unit_after(const char *s, size_t len, size_t i, struct numtok *t)
{
	size_t n;
	if (i < len && s[i] == '%') {
		t->unit = NUMTOK_PCT;
		return 1;
	}
	size_t j = i < len && (s[i] == ' ' || s[i] == '-') ? i + 1 : i;
	if (j < len && s[j] == '%') {
		t->unit = NUMTOK_PCT;
		return j + 1 - i;
	}
	if ((n = word_at(s, len, j, "percentage points")) ||
	    (n = word_at(s, len, j, "percentage point")) ||
	    (n = word_at(s, len, j, "percent points")) ||
	    (n = word_at(s, len, j, "pct points")) ||
	    (n = word_at(s, len, j, "ppts")) || (n = word_at(s, len, j, "pp"))) {
		t->unit = NUMTOK_PP;
		return j + n - i;
	}
	if ((n = word_at(s, len, j, "basis points")) ||
	    (n = word_at(s, len, j, "basis point")) ||
	    (n = word_at(s, len, j, "bps"))) {
		t->unit = NUMTOK_PP;
		t->value /= 100;
		t->hi /= 100;
		return j + n - i;
	}
	if ((n = word_at(s, len, j, "per cent")) ||
	    (n = word_at(s, len, j, "percent")) ||
	    (n = word_at(s, len, j, "pct")) || (n = word_at(s, len, j, "pc"))) {
		t->unit = NUMTOK_PCT;
		return j + n - i;
	}
	if (t->unit == NUMTOK_NONE && j > i)
		for (const struct cur_word *c = suffixes; c->word; c++)
			if ((n = word_at(s, len, j, c->word)) &&
			    (isupper((unsigned char)c->word[0]) ||
			     !strncmp(s + j, c->word, n))) {
				t->unit = NUMTOK_MONEY;
				memcpy(t->currency, c->code, 4);
				t->value /= c->div;
				t->hi /= c->div;
				return j + n - i;
			}
	return 0;
}

size_t numtok_word(const char *s, size_t len, size_t i, double *v)
{
	return number_word(s, len, i, v);
}

int numtok_may_start(unsigned char c)
{
	return isdigit(c) || c == '$' || c >= 0x80 || strchr("USHNACREGJKTIaoht"
		"fsenwRrO", c);
}

int numtok_scan(const char *s, size_t len, size_t i, struct numtok *t)
{
	memset(t, 0, sizeof *t);
	t->start = i;
	size_t j = i + currency_prefix(s, len, i, t);
	size_t n;
	double v = 0;
	int point = 0;
	char buf[NUMBUF];
	buf[0] = '\0';
	if ((n = digits(s, len, j, buf, &point))) {
		t->has_point = point;
		v = scaled(buf, 0);
	} else if (t->unit == NUMTOK_NONE && (n = fraction(s, len, j, &v))) {
		t->words = 1;
		t->value = t->hi = v;
		t->unit = NUMTOK_PCT;
		t->end = j + n;
		return 1;
	} else if (t->unit == NUMTOK_NONE && (n = number_word(s, len, j, &v))) {
		t->words = 1;
	} else {
		return 0;
	}
	j += n;
	t->value = t->hi = v;
	int p;
	size_t m = scale_word(s, len, j, t->unit == NUMTOK_MONEY, &p);
	if (m) {
		t->scale = p;
		t->value = t->hi = t->words ? v * pow10i(p) : scaled(buf, p);
		j += m;
	} else if (!t->words && j < len && isalpha((unsigned char)s[j])) {
		return 0;   /* 5G, 2nd, 16e: a name or an ordinal */
	}
	/* a range: "2-3%", "2%-3%", "$1-2 billion" */
	size_t save = j;
	enum numtok_unit u0 = t->unit;
	size_t k = j;
	int pct_first = 0;
	if (k < len && s[k] == '%') k++, pct_first = 1;
	if (!t->words && k + 1 < len && s[k] == '-' &&
	    isdigit((unsigned char)s[k + 1])) {
		char hb[NUMBUF];
		int pt;
		size_t d = digits(s, len, k + 1, hb, &pt);
		double hi = scaled(hb, 0);
		size_t e = k + 1 + d;
		if (e >= len || !isalnum((unsigned char)s[e]) || s[e] == 'b' ||
		    s[e] == 'm') {
			struct numtok u = *t;
			u.value = u.hi = hi;
			int q;
			size_t sm = scale_word(s, len, e, t->unit == NUMTOK_MONEY, &q);
			if (sm) u.value = u.hi = scaled(hb, q);
			else if (t->scale) u.value = u.hi = scaled(hb, t->scale);
			size_t um = unit_after(s, len, e + sm, &u);
			if ((u.unit != NUMTOK_NONE || u0 == NUMTOK_MONEY) &&
			    (!pct_first || u.unit == NUMTOK_PCT)) {
				if (sm && !t->scale) t->value = scaled(buf, q);
				t->hi = u.value;
				t->unit = u.unit;
				memcpy(t->currency, u.currency, 4);
				t->range = t->hi > t->value;
				if (!t->range) t->hi = t->value;
				t->end = e + sm + um;
				return 1;
			}
		}
	}
	j = save;
	j += unit_after(s, len, j, t);
	t->end = j;
	if (t->words && t->unit == NUMTOK_NONE && !t->scale) {
		/* bare number words ("one of", "two people") are not figures */
		return 0;
	}
	return 1;
}
