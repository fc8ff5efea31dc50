/* csvio: CSV in and out.
 *
 * Reading streams rows through libcsv with the physical line each row
 * starts on, so every error can name its line.  Writing quotes as RFC 4180
 * says and is atomic: output goes to a temporary file in the destination's
 * folder and is renamed over the destination only on commit, so a failed
 * or killed run never leaves a partial file or clobbers an older one.  */
#ifndef CSVIO_H
#define CSVIO_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ff_error.h"

struct csvio_row {
	size_t n;             /* number of fields */
	const char **field;   /* NUL-terminated, valid until the next read */
	const size_t *len;    /* byte lengths (a field may hold a NUL) */
	long line;            /* physical line the row starts on, 1-based */
};

struct csvio_reader;
struct csv_parser;

/* Starts a libcsv parser as every finfacts CSV reader does: strict
 * quoting, a NUL after each field, fields grown 64 KB at a time.  0 on
 * success, -1 when libcsv cannot start. */
int csvio_parser_init(struct csv_parser *p);

/* 3 when buf starts with a UTF-8 byte order mark, else 0. */
size_t csvio_bom_len(const char *buf, size_t len);

/* Opens path ("-" reads standard input).  A UTF-8 BOM is skipped;
 * LF, CRLF and CR line ends are all accepted; blank lines are skipped. */
struct csvio_reader *csvio_open(const char *path, struct ff_error *err);

/* Reads from an already open stream; name is used in messages. */
struct csvio_reader *csvio_open_stream(FILE *f, const char *name,
				       struct ff_error *err);

/* 1 and *row set: a row; 0: end of input; -1: error (err filled). */
int csvio_next(struct csvio_reader *r, const struct csvio_row **row,
	       struct ff_error *err);

const char *csvio_name(const struct csvio_reader *r);
void csvio_close(struct csvio_reader *r);

/* Index of the column named name in a header row, or -1.  Names match
 * ignoring case, spaces, '_' and '-' ("Adj Close" = "adj_close" =
 * "adjclose"). */
int csvio_find(const struct csvio_row *header, const char *name);

/* Parses a whole field as a number, exactly as strtod would; surrounding
 * spaces are allowed.  0 on success, -1 when the field is not a number. */
int csvio_number(const char *s, size_t len, double *out);

/* Writing. */
struct csvio_writer;

/* path NULL or "-" writes standard output (not atomic: it is a stream). */
struct csvio_writer *csvio_create(const char *path, struct ff_error *err);
/* Writes to an open stream, which the caller keeps and closes. */
struct csvio_writer *csvio_create_stream(FILE *f, struct ff_error *err);
/* Before any work: refuses an output path that names one of the inputs
 * (the same file, by device and inode, however spelled), and proves the
 * output's folder writable by creating and removing a temporary file
 * there, so an unwritable folder is a clear error up front rather than
 * after minutes of work.  path NULL or "-" (standard output) passes;
 * inputs NULL or "-" are skipped.  0, or -1 with err filled. */
int csvio_output_check(const char *path, const char *const *inputs, size_t n,
		       struct ff_error *err);

/* Flushes and renames into place; frees w.  -1 on failure (nothing left). */
int csvio_commit(struct csvio_writer *w, struct ff_error *err);
/* Removes the temporary file; frees w.  Safe on NULL. */
void csvio_abort(struct csvio_writer *w);
FILE *csvio_stream(struct csvio_writer *w);

void csvio_field(struct csvio_writer *w, const char *s);
void csvio_fieldn(struct csvio_writer *w, const char *s, size_t len);
/* Shortest text that reads back as the same double; NaN writes "". */
void csvio_num(struct csvio_writer *w, double v);
void csvio_int(struct csvio_writer *w, long long v);
void csvio_date(struct csvio_writer *w, int32_t day);
void csvio_endrow(struct csvio_writer *w);
/* Writes a whole row of strings. */
void csvio_row(struct csvio_writer *w, const char *const *fields, size_t n);

/* Shortest round-trip decimal for v into buf (at least 32 bytes). */
char *csvio_fmt_double(double v, char *buf);

#endif
