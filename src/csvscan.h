/* csvscan: large CSV files by callback, whole or in byte ranges.
 *
 * csvio_next copies every row out of libcsv and feeds libcsv a line at a
 * time so as to know the line each row starts on.  A scan feeds libcsv
 * big blocks and hands its field buffer straight to callbacks; the line a
 * row starts on is worked out from the block's bytes only when asked for
 * (an error message), and otherwise lines are merely counted, a block at a
 * time.  The rows, fields and lines are those csvio_next gives: the same
 * parser with the same options, a UTF-8 BOM skipped, LF, CRLF and CR line
 * ends, blank lines skipped but counted.
 *
 * A scan may also cover a byte range of a regular file, so that threads
 * can each parse a piece of one file: csvscan_split cuts a file at line
 * ends, and each piece is scanned by a parser of its own on the guess that
 * no quoted field spans its start; csvscan_clean_end tells the scan of the
 * piece before whether the guess held.  */
#ifndef CSVSCAN_H
#define CSVSCAN_H

#include <stddef.h>

#include "ff_error.h"

#define CSVSCAN_BLOCK (256u << 10)   /* bytes fed to libcsv at a time */

struct csvscan;

struct csvscan_cb {
	void *ctx;
	/* Field k (0-based) of the row in progress: s[0..len), NUL after it,
	 * valid during the call only. */
	void (*field)(void *ctx, size_t k, const char *s, size_t len);
	/* The row in progress ends with n fields.  Non-zero stops the scan:
	 * no callback follows. */
	int (*row)(void *ctx, size_t n);
};

/* Opens path ("-" reads standard input, and only whole) to scan bytes
 * [from, to) of it; to < 0: to the end.  A range ending before the end of
 * the file must end just after a '\n'.  NULL with err filled when it
 * cannot be opened. */
struct csvscan *csvscan_open(const char *path, long long from, long long to,
			     struct ff_error *err);
void csvscan_close(struct csvscan *s);

/* Bytes read and fed at a time, set before csvscan_run (default
 * CSVSCAN_BLOCK; tests use a few to put every boundary somewhere
 * awkward). */
void csvscan_set_block(struct csvscan *s, size_t bytes);

/* Parses the range, calling cb.  0: all of it; 1: a row callback stopped
 * it; -1: malformed CSV, a row over 64 MB, or a read error (err names the
 * row's line, counted as csvscan_line counts). */
int csvscan_run(struct csvscan *s, const struct csvscan_cb *cb,
		struct ff_error *err);

/* From a callback: the line the row in progress (the one whose field or
 * end is being handed over) starts on, 1 being the range's first line. */
long csvscan_line(struct csvscan *s);

/* After csvscan_run returned 0: the line ends in the range (the lines
 * before the next range), and whether the range ended outside any quoted
 * field (so a piece starting where it ended was parsed as the whole file
 * would parse it). */
long csvscan_lines(const struct csvscan *s);
int csvscan_clean_end(const struct csvscan *s);

/* Cuts the regular file path into at most n ranges of at least min bytes,
 * each but the first starting just after a '\n': range i is [bounds[i],
 * bounds[i + 1]), with bounds[0] = 0 and bounds[k] = -1 (to the end;
 * bounds has room for n + 1).  Returns k: 1 when the file cannot or need
 * not be cut (a stream, a small file, no line end), or cannot be read. */
size_t csvscan_split(const char *path, size_t n, size_t min, long long *bounds);

#endif
