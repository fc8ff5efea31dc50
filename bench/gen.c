/* gen: writes the benchmark's two price files, the same bytes on every run.
 *
 *   gen ROWS SERIES.csv BENCHMARK.csv
 *
 * SERIES.csv:    Date,Open,High,Low,Close,Adj Close,Volume
 * BENCHMARK.csv: Date,Open,High,Low,Close,Volume
 *
 * Both have the same ROWS weekdays from 1900-01-01 on.  Prices follow a
 * mean-reverting log random walk (daily volatility about 1.3%, the series
 * tied to the benchmark with beta about 1.1), so a million rows stay
 * realistic prices rather than drifting to 1e-30 or 1e30.  Numbers are
 * written as real sources write them: 2 to 6 decimals, and one row in ten
 * as the full expansion of a float32 (124.30000305175781), as yfinance
 * files do; Adj Close always in full, %.17g of close times a constant
 * factor (a dividend factor that kept changing would make a million rows
 * of adjusted prices underflow).  */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "date.h"

struct rng {
	uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static double rng_unit(struct rng *r)   /* (0, 1) */
{
	return ((double)(rng_next(r) >> 11) + 0.5) / 9007199254740992.0;
}

static double rng_normal(struct rng *r)
{
	return sqrt(-2 * log(rng_unit(r))) * cos(6.283185307179586 * rng_unit(r));
}

/* A price as sources write it: d decimals, or a float32's expansion. */
static void put_price(FILE *f, double v, int d, int float32)
{
	if (float32) fprintf(f, ",%.17g", (double)(float)v);
	else fprintf(f, ",%.*f", d, v);
}

struct bar {
	double open, high, low, close;
};

/* A day's bar around the previous close pc and the close c. */
static struct bar make_bar(struct rng *r, double pc, double c, int d)
{
	double unit = pow(10, -d);
	struct bar b;
	b.open = pc * (1 + 0.004 * rng_normal(r));
	b.close = c;
	double top = fmax(b.open, c), bot = fmin(b.open, c);
	b.high = top * (1 + 0.006 * fabs(rng_normal(r)));
	b.low = bot * (1 - 0.006 * fabs(rng_normal(r)));
	/* Round as written so High >= every other price still holds. */
	b.open = round(b.open / unit) * unit;
	b.close = round(b.close / unit) * unit;
	b.high = ceil(b.high / unit) * unit;
	b.low = fmax(unit, floor(b.low / unit) * unit);
	return b;
}

static void put_bar(FILE *f, const struct bar *b, int d, int float32)
{
	put_price(f, b->open, d, float32);
	put_price(f, b->high, d, float32);
	put_price(f, b->low, d, float32);
	put_price(f, b->close, d, float32);
}

static int32_t next_weekday(int32_t day)
{
	do day++;
	while (date_weekday(day) >= 5);
	return day;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: gen ROWS SERIES.csv BENCHMARK.csv\n");
		return 2;
	}
	long rows = atol(argv[1]);
	FILE *fs = fopen(argv[2], "w"), *fb = fopen(argv[3], "w");
	if (rows <= 0 || !fs || !fb) {
		fprintf(stderr, "gen: bad row count or cannot write the files\n");
		return 2;
	}
	static char bs[1 << 16], bb[1 << 16];
	setvbuf(fs, bs, _IOFBF, sizeof bs);
	setvbuf(fb, bb, _IOFBF, sizeof bb);
	fputs("Date,Open,High,Low,Close,Adj Close,Volume\n", fs);
	fputs("Date,Open,High,Low,Close,Volume\n", fb);

	struct rng r = {20240613};
	double lm = log(4000), ls = log(120);       /* log prices */
	double pm = exp(lm), ps = exp(ls);
	const double adj = 0.8317;                  /* split and dividend factor */
	int32_t day = date_from_civil(1900, 1, 1) - 1;
	for (long i = 0; i < rows; i++) {
		day = next_weekday(day);
		char date[DATE_ISO_LEN];
		date_format(day, date);
		double em = 0.011 * rng_normal(&r), es = 0.009 * rng_normal(&r);
		lm += 0.0003 + em - 0.002 * (lm - log(4000));
		ls += 0.0002 + 1.1 * em + es - 0.002 * (ls - log(120));
		int dm = 2, ds = 2 + (int)(rng_next(&r) % 5);
		int f32 = rng_next(&r) % 10 == 0;
		struct bar bm = make_bar(&r, pm, exp(lm), dm);
		struct bar bs_ = make_bar(&r, ps, exp(ls), ds);
		pm = bm.close;
		ps = bs_.close;

		fputs(date, fb);
		put_bar(fb, &bm, dm, 0);
		fprintf(fb, ",%.0f\n", 2e9 * exp(0.3 * rng_normal(&r)));
		fputs(date, fs);
		put_bar(fs, &bs_, ds, f32);
		fprintf(fs, ",%.17g,%.0f\n", bs_.close * adj, 3e7 * exp(0.5 * rng_normal(&r)));
	}
	if (fclose(fs) || fclose(fb)) {
		fprintf(stderr, "gen: write error\n");
		return 2;
	}
	return 0;
}
