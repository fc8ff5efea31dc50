/* numparse: three ways to the same double, fastest first.
 *
 * 1. Clinger's fast path: a mantissa w <= 2^53 and a power of ten
 *    10^q with |q| <= 22 are both exact doubles, so one IEEE multiply or
 *    divide rounds the exact product once: the correctly rounded result.
 * 2. Eisel-Lemire: w times a 128-bit truncation of 10^q; when the bits
 *    that decide the rounding are clear of the truncation error the
 *    result is exact, otherwise it declines (rare: about 1 in 10^4 on
 *    random input, never on short decimals).
 * 3. strtod, for what both decline: more than 19 significant digits that
 *    do not settle, subnormals, overflow, inf and nan.
 *
 * glibc's strtod rounds correctly (to nearest, ties to even), so the
 * correctly rounded result of paths 1 and 2 is bit for bit strtod's.  */
#include "numparse.h"

#include <float.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "numparse_pow10.h"

#define MAX_DIGITS 19   /* significant digits that always fit a uint64_t */
#define EXP_CAP 100000  /* beyond this every nonzero value over/underflows */

struct decimal {
	uint64_t w;         /* first MAX_DIGITS significant digits */
	int64_t q;          /* value = w * 10^q (plus the dropped digits) */
	int neg;
	int truncated;      /* nonzero digits were dropped after w */
};

static int is_digit(char c)
{
	return (unsigned char)(c - '0') < 10;
}

/* Takes one run of digits into d; those after the decimal point lower q. */
static size_t take_digits(const char *s, size_t len, size_t i, int frac,
			  int *ndig, struct decimal *d)
{
	for (; i < len && is_digit(s[i]); i++) {
		int v = s[i] - '0';
		if (d->w == 0 && v == 0) {
			if (frac) d->q--;      /* leading zero: not significant */
		} else if (*ndig < MAX_DIGITS) {
			d->w = d->w * 10 + (uint64_t)v;
			(*ndig)++;
			if (frac) d->q--;
		} else {
			d->truncated |= v != 0;
			if (!frac) d->q++;     /* a dropped integer digit scales */
		}
	}
	return i;
}

/* Reads an exponent at s[i] (after the 'e'); q += its value. */
static int scan_exponent(const char *s, size_t len, size_t i, int64_t *q)
{
	int neg = 0;
	if (i < len && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
	if (i == len || !is_digit(s[i])) return -1;
	int64_t e = 0;
	for (; i < len && is_digit(s[i]); i++)
		if (e < EXP_CAP) e = e * 10 + (s[i] - '0');
	if (i != len) return -1;
	*q += neg ? -e : e;
	return 0;
}

/* [+-] digits [. digits] [(e|E) [+-] digits], any number of digits;
 * 0 on a whole match. */
static int scan(const char *s, size_t len, struct decimal *d)
{
	size_t i = 0;
	int ndig = 0;
	*d = (struct decimal){0};
	if (i < len && (s[i] == '+' || s[i] == '-')) d->neg = s[i++] == '-';
	size_t start = i;
	i = take_digits(s, len, i, 0, &ndig, d);
	size_t int_end = i;
	if (i < len && s[i] == '.') i = take_digits(s, len, i + 1, 1, &ndig, d);
	if (int_end == start && i - int_end <= 1) return -1;   /* no digit */
	if (i < len && (s[i] == 'e' || s[i] == 'E'))
		return scan_exponent(s, len, i + 1, &d->q);
	return i == len ? 0 : -1;
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* Eight ASCII digits at once (Lemire's SWAR trick): most of a float32
 * expansion's digits go through here. */
static inline int eight_digits(const char *p, uint64_t *w)
{
	uint64_t v;
	memcpy(&v, p, sizeof v);
	if (((v & 0xF0F0F0F0F0F0F0F0ULL) |
	     (((v + 0x0606060606060606ULL) & 0xF0F0F0F0F0F0F0F0ULL) >> 4)) !=
	    0x3333333333333333ULL)
		return 0;
	v -= 0x3030303030303030ULL;
	v = v * 10 + (v >> 8);
	v = ((v & 0x000000FF000000FFULL) * 0x000F424000000064ULL +
	     ((v >> 16) & 0x000000FF000000FFULL) * 0x0000271000000001ULL) >> 32;
	*w = *w * 100000000 + v;
	return 1;
}
#else
static inline int eight_digits(const char *p, uint64_t *w)
{
	(void)p, (void)w;
	return 0;
}
#endif

/* A run of digits into *wp (wrapping past 19 digits: the caller counts). */
static inline const char *run(const char *p, const char *end, uint64_t *wp)
{
	uint64_t w = *wp;   /* a local: stores through wp would alias p */
	while (end - p >= 8 && eight_digits(p, &w)) p += 8;
	for (; p < end && is_digit(*p); p++) w = w * 10 + (uint64_t)(*p - '0');
	*wp = w;
	return p;
}

/* The common case in one quick pass: at most 19 digits in all.  1 when
 * the number has more (scan then counts them one by one), -1 when it is
 * not a number. */
static int scan_quick(const char *s, size_t len, struct decimal *d)
{
	const char *p = s, *end = s + len;
	d->neg = 0;
	d->truncated = 0;
	d->w = 0;
	d->q = 0;
	if (p < end && (*p == '+' || *p == '-')) d->neg = *p++ == '-';
	const char *int_start = p;
	p = run(p, end, &d->w);
	size_t ndig = (size_t)(p - int_start);
	if (p < end && *p == '.') {
		const char *frac = ++p;
		p = run(p, end, &d->w);
		d->q = frac - p;
		ndig += (size_t)(p - frac);
	}
	if (ndig == 0) return -1;
	if (ndig > MAX_DIGITS) return 1;
	if (p < end && (*p == 'e' || *p == 'E'))
		return scan_exponent(s, len, (size_t)(p + 1 - s), &d->q);
	return p == end ? 0 : -1;
}

static int clinger(const struct decimal *d, double *out)
{
	static const double pow10[] = {
		1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
		1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
#if FLT_EVAL_METHOD != 0
	return -1;   /* extended precision would round twice */
#endif
	if (d->truncated || d->w > (1ULL << 53) || d->q < -22 || d->q > 22)
		return -1;
	double v = (double)d->w;
	v = d->q < 0 ? v / pow10[-d->q] : v * pow10[d->q];
	*out = d->neg ? -v : v;
	return 0;
}

/* Eisel-Lemire as Nigel Tao describes it (nigeltao.github.io/blog/2020/
 * eisel-lemire.html) and Go's strconv implements it: w * 10^q correctly
 * rounded into *bits, or -1 when it cannot be sure (then strtod decides). */
static int eisel_lemire(uint64_t w, int64_t q, uint64_t *bits)
{
	if (w == 0) {
		*bits = 0;
		return 0;
	}
	if (q < NUMPARSE_POW10_MIN || q > NUMPARSE_POW10_MAX) return -1;
	const uint64_t *p = numparse_pow10[q - NUMPARSE_POW10_MIN];
	int clz = __builtin_clzll(w);
	w <<= clz;
	uint64_t exp2 = (uint64_t)(((217706 * q) >> 16) + 64 + 1023) - (uint64_t)clz;

	unsigned __int128 x = (unsigned __int128)w * p[1];
	uint64_t hi = (uint64_t)(x >> 64), lo = (uint64_t)x;
	/* The low 9 bits all ones: the truncated tail of 10^q may carry. */
	if ((hi & 0x1FF) == 0x1FF && lo + w < w) {
		unsigned __int128 y = (unsigned __int128)w * p[0];
		uint64_t yhi = (uint64_t)(y >> 64), ylo = (uint64_t)y;
		uint64_t mhi = hi, mlo = lo + yhi;
		if (mlo < lo) mhi++;
		if ((mhi & 0x1FF) == 0x1FF && mlo + 1 == 0 && ylo + w < w) return -1;
		hi = mhi;
		lo = mlo;
	}
	uint64_t msb = hi >> 63;
	uint64_t m = hi >> (msb + 9);
	exp2 -= 1 ^ msb;
	/* Exactly halfway as far as we can see: strtod must break the tie. */
	if (lo == 0 && (hi & 0x1FF) == 0 && (m & 3) == 1) return -1;
	m += m & 1;
	m >>= 1;
	if (m >> 53) {
		m >>= 1;
		exp2++;
	}
	if (exp2 - 1 >= 0x7FF - 1) return -1;   /* subnormal, inf */
	*bits = exp2 << 52 | (m & ((1ULL << 52) - 1));
	return 0;
}

static int lemire(const struct decimal *d, double *out)
{
	uint64_t b;
	if (eisel_lemire(d->w, d->q, &b)) return -1;
	/* Dropped digits put the value strictly between w and w + 1 units;
	 * when both ends round to the same double, so does the value. */
	if (d->truncated) {
		uint64_t b1;
		if (d->w + 1 == 0 || eisel_lemire(d->w + 1, d->q, &b1) || b1 != b)
			return -1;
	}
	if (d->neg) b |= 1ULL << 63;
	memcpy(out, &b, sizeof *out);
	return 0;
}

static int lower_is(const char *s, size_t len, const char *word)
{
	size_t n = strlen(word);
	if (len != n) return 0;
	for (size_t i = 0; i < n; i++)
		if ((s[i] | 0x20) != word[i]) return 0;
	return 1;
}

/* inf, infinity and nan, any case, optional sign: strtod's own words. */
static int special_word(const char *s, size_t len)
{
	if (len && (s[0] == '+' || s[0] == '-')) s++, len--;
	return lower_is(s, len, "inf") || lower_is(s, len, "infinity") ||
	       lower_is(s, len, "nan");
}

static int with_strtod(const char *s, size_t len, double *out)
{
	char small[128];
	char *buf = len < sizeof small ? small : malloc(len + 1);
	if (!buf) return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	char *end;
	double v = strtod(buf, &end);
	int ok = end == buf + len;
	if (buf != small) free(buf);
	if (!ok) return -1;
	*out = v;
	return 0;
}

int numparse(const char *s, size_t len, double *out)
{
	struct decimal d;
	int st = scan_quick(s, len, &d);
	if (st == 1) st = scan(s, len, &d);
	if (st) {
		if (special_word(s, len)) return with_strtod(s, len, out);
		return -1;
	}
	if (clinger(&d, out) == 0 || lemire(&d, out) == 0) return 0;
	return with_strtod(s, len, out);
}
