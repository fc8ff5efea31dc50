/* verify: price facts x daily prices -> verdicts.
 *
 * A price fact (measure price_change or price, see the fact table) states a move or a
 * level of one listing on one day.  verify recomputes it from the raw
 * Open/High/Low/Close of that listing's price file (never Adj Close: news
 * quotes the day's prints) and judges the statement: the stated number
 * bounds the truth by its written precision, widened by its qualifier
 * (DESIGN.md), and the claim is consistent when that interval meets what
 * the prices say.  */
#ifndef VERIFY_H
#define VERIFY_H

#include <stdint.h>

#include "csvio.h"
#include "facts.h"
#include "ff_error.h"
#include "prices.h"

enum verify_verdict {
	VERIFY_CONSISTENT,
	VERIFY_INCONSISTENT,
	VERIFY_UNVERIFIABLE,
};

#define VERIFY_REASON_LEN 512

struct verify_result {
	enum verify_verdict verdict;
	double stated_lo, stated_hi;  /* signed; +-INFINITY when open-ended */
	double computed;              /* in the fact's unit; NaN when none */
	double gap;                   /* computed - nearest stated bound; 0 when
				       * consistent, NaN when unverifiable */
	int32_t day;                  /* session used, DATE_NONE when none */
	int32_t prev_day;             /* base session (previous close, last
				       * close of last year, ...), or DATE_NONE */
	char reason[VERIFY_REASON_LEN];
};

/* Half a unit of the last digit the statement wrote: the number in
 * evidence whose value (times 1, a thousand, a million, a billion, a
 * trillion or a hundredth) equals |value| decides ("2.60 per cent" ->
 * 0.005); else the shortest decimal form of value does ("9.2" -> 0.05). */
double verify_half_unit(double value, const char *evidence);

/* The interval [*lo, *hi] a statement of value with this qualifier and
 * half unit allows, signed like value (qualifiers bound the magnitude).
 * eq, max and "": value +- half; approx: +- max(half, 5% of |value|);
 * gt: from |value| up, open-ended; lt: [|value| - max(0.5, 10% of
 * |value|), |value|].  -1 for an unknown qualifier. */
int verify_stated(double value, const char *qualifier, double half,
		  double *lo, double *hi);

/* Judges a truth interval [tlo, thi] (a point when equal) against the
 * stated one: fills verdict, computed (the point of the truth nearest the
 * middle of the statement) and gap (computed - nearest stated bound, 0 when
 * they meet). */
void verify_judge(double tlo, double thi, struct verify_result *r);

/* 1 when f is a price fact verify reads (price_change or price). */
int verify_is_price_fact(const struct fact *f);

/* Checks f against p, the prices of f's ticker.  -1 only for a fact that
 * breaks the contract (unknown qualifier); everything that merely cannot
 * be checked is an unverifiable verdict with its reason. */
int verify_fact_prices(const struct prices *p, const struct fact *f,
		       struct verify_result *r, struct ff_error *err);

/* A folder of TICKER.csv files, each loaded on first use and kept. */
struct verify_dir;

struct verify_dir *verify_dir_new(const char *dir);
void verify_dir_free(struct verify_dir *d);

/* Checks f with the prices in the folder.  A ticker without a file is an
 * unverifiable verdict; a file that exists but fails to load is an error
 * (-1, err names its line): bad input, not a fact about the claim. */
int verify_fact(struct verify_dir *d, const struct fact *f,
		struct verify_result *r, struct ff_error *err);

const char *verify_verdict_name(enum verify_verdict v);

/* Verdict table: header and one row per checked fact. */
void verify_write_header(struct csvio_writer *w);
void verify_write(struct csvio_writer *w, const struct fact *f,
		  const struct verify_result *r);

#endif
