/* prices: daily OHLCV series.
 *
 * Columns are found by header name in any order and case; only the
 * columns a caller asks for are kept, one array each, so a series that
 * stats reads costs 12 bytes a row (date + price) and a full OHLCV one
 * 52 bytes.  Every row is validated as it is read.  */
#ifndef PRICES_H
#define PRICES_H

#include <stddef.h>
#include <stdint.h>

#include "ff_error.h"

enum prices_col {
	PRICES_OPEN = 1 << 0,
	PRICES_HIGH = 1 << 1,
	PRICES_LOW = 1 << 2,
	PRICES_CLOSE = 1 << 3,
	PRICES_ADJ = 1 << 4,     /* "Adj Close", when the file has it */
	PRICES_VOLUME = 1 << 5,  /* when the file has it */
	/* Only the column prices_value() reads: Adj Close when the file has
	 * it, else Close (the other is left NULL). */
	PRICES_VALUE = 1 << 6,
	PRICES_OHLC = PRICES_OPEN | PRICES_HIGH | PRICES_LOW | PRICES_CLOSE,
	PRICES_ALL = PRICES_OHLC | PRICES_ADJ | PRICES_VOLUME,
};

enum prices_on_bad { PRICES_BAD_ERROR, PRICES_BAD_SKIP };

#define PRICES_SKIP_LINES 5   /* how many skipped line numbers are kept */

struct prices_opts {
	unsigned want;           /* enum prices_col bits to keep */
	enum prices_on_bad on_bad_row;
	/* Threads to read one file with (0 or 1: the calling thread alone):
	 * a regular file is cut at line ends into that many pieces, parsed at
	 * once, with the same rows, messages and lines as one thread. */
	int threads;
	size_t min_piece;        /* bytes a piece holds at least (0: 4 MB) */
	/* The pieces parsed one after another on the calling thread: the
	 * same cutting and merging without a thread's cost (for fuzzing,
	 * where starting a thread under the sanitizers costs milliseconds). */
	int serial;
};

struct prices {
	char *name;              /* series name (file name less ".csv") */
	char *path;
	size_t n;                /* rows */
	unsigned have;           /* columns the file has (enum prices_col) */
	int32_t *date;           /* day numbers (date.h), strictly increasing */
	double *open, *high, *low, *close, *adj, *volume;  /* NULL if not kept */
	size_t skipped;          /* rows dropped under PRICES_BAD_SKIP */
	long skipped_line[PRICES_SKIP_LINES];
};

/* Loads path ("-" = standard input).  Date, Open, High, Low and Close
 * columns are required; Adj Close and Volume are optional.  A row is bad
 * when a field is empty, "null" or not a number, a date is unparsable,
 * a price is zero or negative, High is below Low, Open or Close, Low is
 * above Open or Close, volume is negative, or the row is ragged; dates out
 * of order or repeated are always an error.  */
int prices_load(const char *path, const struct prices_opts *opts,
		struct prices **out, struct ff_error *err);
void prices_free(struct prices *p);

/* Loads paths[0..n) into out[0..n) as prices_load does, several files at
 * once on threads of their own (one per online processor, at most n):
 * files are independent, and reading is most of the time a command takes.
 * 0, or -1 with every out[] NULL and err naming the first file (in path
 * order) that failed. */
int prices_load_many(const char *const *paths, size_t n,
		     const struct prices_opts *opts, struct prices **out,
		     struct ff_error *err);

/* The price returns are computed from: Adj Close if kept, else Close. */
const double *prices_value(const struct prices *p);

/* Index of the row dated day, or -1. */
long prices_find(const struct prices *p, int32_t day);
/* Index of the first row dated on or after day, or p->n. */
size_t prices_lower_bound(const struct prices *p, int32_t day);

/* Rows of a and b that share a date: fills ia[k], ib[k] (each with room
 * for min(a->n, b->n)) and returns how many. */
size_t prices_align(const struct prices *a, const struct prices *b,
		    size_t *ia, size_t *ib);

#endif
