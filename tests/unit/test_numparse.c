/* numparse against glibc's strtod, bit for bit, on generated numbers of
 * every shape the fast paths treat differently, and on edge cases. */
#include <criterion/criterion.h>

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numparse.h"

/* Deterministic: splitmix64. */
static uint64_t rng_state;

static uint64_t rnd(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static int rnd_below(int n)
{
	return (int)(rnd() % (uint64_t)n);
}

static uint64_t bits_of(double v)
{
	uint64_t b;
	memcpy(&b, &v, sizeof b);
	return b;
}

static double double_of(uint64_t b)
{
	double v;
	memcpy(&v, &b, sizeof v);
	return v;
}

struct tally {
	long checked, failed;
	char first[3][160];
};

/* s must be a whole number to strtod; numparse must accept it and agree. */
static void agree(struct tally *t, const char *s)
{
	char *end;
	double want = strtod(s, &end);
	double got = 12345;
	int rc = numparse(s, strlen(s), &got);
	t->checked++;
	if (*end != '\0' || rc != 0 || bits_of(got) != bits_of(want)) {
		if (t->failed < 3)
			snprintf(t->first[t->failed], sizeof t->first[0],
				 "'%s': rc %d got %.17g want %.17g (strtod left '%s')",
				 s, rc, got, want, end);
		t->failed++;
	}
}

static void expect_all_agree(const struct tally *t, long at_least)
{
	cr_expect_geq(t->checked, at_least, "only %ld checked", t->checked);
	cr_expect_eq(t->failed, 0, "%ld of %ld differ from strtod, first: %s | %s | %s",
		     t->failed, t->checked, t->first[0], t->first[1], t->first[2]);
}

/* Random significant digits (1..max), a random decimal point, leading
 * zeros, a sign and an exponent from the range given. */
static void random_decimal(char *buf, int maxdig, int emax)
{
	char *p = buf;
	int r = rnd_below(8);
	if (r == 0) *p++ = '-';
	else if (r == 1) *p++ = '+';
	int lead = rnd_below(6) == 0 ? rnd_below(4) : 0;
	for (int k = 0; k < lead; k++) *p++ = '0';
	int nd = 1 + rnd_below(maxdig);
	int dot = rnd_below(nd + 2) - 1;   /* -1: none; nd: trailing "." */
	if (dot == 0 && rnd_below(2)) *p++ = '0';
	for (int k = 0; k < nd; k++) {
		if (k == dot) *p++ = '.';
		*p++ = (char)('0' + (k == 0 && lead == 0 ? 1 + rnd_below(9) : rnd_below(10)));
	}
	if (dot == nd) *p++ = '.';
	if (emax && rnd_below(3) == 0)
		p += sprintf(p, "%s%d", rnd_below(2) ? "e" : "E-", rnd_below(emax + 1));
	*p = '\0';
}

Test(numparse, random_decimals_up_to_19_digits)
{
	struct tally t = {0};
	char buf[96];
	rng_state = 1;
	for (long i = 0; i < 1000000; i++) {
		random_decimal(buf, 19, 30);
		agree(&t, buf);
	}
	expect_all_agree(&t, 1000000);
}

Test(numparse, long_mantissas_19_to_40_digits)
{
	struct tally t = {0};
	char buf[128];
	rng_state = 2;
	for (long i = 0; i < 300000; i++) {
		do random_decimal(buf, 40, 320);
		while (strlen(buf) < 19);
		agree(&t, buf);
	}
	expect_all_agree(&t, 300000);
}

/* Prices as float32 sources store them, widened to double and printed in
 * full: "124.30000305175781". */
Test(numparse, float32_expansions)
{
	struct tally t = {0};
	char buf[64];
	rng_state = 3;
	for (long i = 0; i < 300000; i++) {
		double cents = (double)(1 + rnd_below(10000000));
		float f = (float)(cents / 100.0 * (rnd_below(4) ? 1 : 0.001));
		snprintf(buf, sizeof buf, "%.17g", (double)f);
		agree(&t, buf);
		snprintf(buf, sizeof buf, "%.16g", (double)f);
		agree(&t, buf);
		snprintf(buf, sizeof buf, "%.*f", rnd_below(12), (double)f);
		agree(&t, buf);
	}
	expect_all_agree(&t, 900000);
}

/* Any double, shortest-ish and full: every exponent, subnormals too. */
Test(numparse, random_doubles_all_exponents)
{
	struct tally t = {0};
	char buf[64];
	rng_state = 4;
	for (long i = 0; i < 300000; i++) {
		double v = double_of(rnd() & 0x7FFFFFFFFFFFFFFFULL);
		if (!isfinite(v)) continue;
		static const char *const fmt[] = {"%.17g", "%.16g", "%.15g", "%.3e", "%.20e"};
		snprintf(buf, sizeof buf, fmt[i % 5], v);
		agree(&t, buf);
	}
	expect_all_agree(&t, 290000);
}

Test(numparse, subnormals_and_tiny)
{
	struct tally t = {0};
	char buf[64];
	rng_state = 5;
	for (long i = 0; i < 100000; i++) {
		double v = double_of(rnd() & 0x000FFFFFFFFFFFFFULL);
		snprintf(buf, sizeof buf, i % 2 ? "%.17g" : "%.5g", v);
		agree(&t, buf);
	}
	const char *edge[] = {
		"4.9406564584124654e-324", "5e-324", "2.4703282292062327e-324",
		"2.4703282292062328e-324", "2.2250738585072011e-308",
		"2.2250738585072014e-308", "2.2250738585072012e-308", "1e-320",
		"1e-400", "-1e-400", "1e-99999999999999999999"};
	for (size_t k = 0; k < sizeof edge / sizeof *edge; k++) agree(&t, edge[k]);
	expect_all_agree(&t, 100000);
}

Test(numparse, huge)
{
	struct tally t = {0};
	const char *edge[] = {
		"1.7976931348623157e308", "1.7976931348623158e308",
		"1.7976931348623159e308", "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792",
		"1e308", "1e309", "-1e309", "9e999999999999", "1e22", "1e23",
		"9007199254740993", "9007199254740993e1", "18446744073709551615",
		"18446744073709551616", "99999999999999999999", "1e-22", "1e-23"};
	for (size_t k = 0; k < sizeof edge / sizeof *edge; k++) agree(&t, edge[k]);
	expect_all_agree(&t, 16);
}

/* Exactly halfway between two doubles, and a hair either side: the ties
 * strtod breaks to even, which no fast path may guess. */
Test(numparse, halfway_cases)
{
	struct tally t = {0};
	char buf[1200];
	rng_state = 6;
	for (long i = 0; i < 40000; i++) {
		/* m odd with 54 bits: m * 2^e lies halfway between two doubles. */
		uint64_t m = (rnd() >> 10) | (1ULL << 53) | 1;
		int e = rnd_below(120) - 60 - (i % 4 == 0 ? 1000 : 0);
		long double mid = ldexpl((long double)m, e);
		int n = snprintf(buf, sizeof buf, "%.1100Lf", mid);
		while (n > 1 && buf[n - 1] == '0') buf[--n] = '\0';   /* exact */
		if (buf[n - 1] == '.') buf[--n] = '\0';
		agree(&t, buf);
		buf[n] = '1';
		buf[n + 1] = '\0';
		if (strchr(buf, '.')) agree(&t, buf);   /* a hair above */
		buf[n] = '\0';
		/* Small integers m * 2^j stay under 20 digits: the fast paths'
		 * own ground. */
		snprintf(buf, sizeof buf, "%llu", (unsigned long long)(m << rnd_below(11)));
		agree(&t, buf);
	}
	expect_all_agree(&t, 80000);
}

Test(numparse, leading_zeros_signs_and_forms)
{
	struct tally t = {0};
	const char *ok[] = {
		"0", "-0", "+0", "0.0", "-0.0", "-0e999", "0e-999999999", "00000",
		".5", "-.5", "5.", "+5.", "000123.4500", "0.000000000000000000000001234",
		"00000000000000000000000000000001", "1E5", "1e+5", "1e-5", "1e05",
		"124.30000305175781", "0.1", "0.2", "0.3", "123456789012345678",
		"1234567890123456789", "12345678901234567890", "-98.7654321e-3",
		"1.00000000000000000000000000000000000000000000000000001",
		"0.99999999999999999999999999999999999999999"};
	for (size_t k = 0; k < sizeof ok / sizeof *ok; k++) agree(&t, ok[k]);
	expect_all_agree(&t, 29);
	double v;
	cr_assert_eq(numparse("-0", 2, &v), 0);
	cr_expect(signbit(v), "-0 keeps its sign");
}

Test(numparse, inf_and_nan_as_strtod_spells_them)
{
	double v;
	cr_assert_eq(numparse("inf", 3, &v), 0);
	cr_expect(isinf(v) && v > 0);
	cr_assert_eq(numparse("-Infinity", 9, &v), 0);
	cr_expect(isinf(v) && v < 0);
	cr_assert_eq(numparse("NaN", 3, &v), 0);
	cr_expect(isnan(v));
	cr_assert_eq(numparse("+nan", 4, &v), 0);
	cr_expect(isnan(v));
}

Test(numparse, rejects)
{
	const char *bad[] = {
		"", "+", "-", ".", "-.", "e5", ".e5", "1.2.3", "1e", "1e+", "1e-",
		"1ee5", "0x10", "0X1p3", "-0x1.8p1", " 1", "1 ", "\t1", "1,5",
		"12abc", "--1", "+-1", "1e5.5", "nan(123)", "infx", "in", "infinit",
		"1_000", "null", "N/A", "$5"};
	for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
		double v = 42;
		cr_expect_eq(numparse(bad[k], strlen(bad[k]), &v), -1,
			     "'%s' accepted as %g", bad[k], v);
		cr_expect_eq(v, 42, "'%s' wrote *out on failure", bad[k]);
	}
}

/* A field is a length, not a C string: bytes after it are not read. */
Test(numparse, stops_at_len)
{
	double v;
	cr_assert_eq(numparse("12.5,99", 4, &v), 0);
	cr_expect_eq(v, 12.5);
	cr_assert_eq(numparse("7e1x", 3, &v), 0);
	cr_expect_eq(v, 70);
	char big[700];
	memset(big, '1', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	cr_assert_eq(numparse(big, sizeof big - 1, &v), 0);
	cr_expect_eq(bits_of(v), bits_of(strtod(big, NULL)));
}
