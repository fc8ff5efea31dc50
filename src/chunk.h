/* chunk: a stream cut into pieces of whole lines, for handing a JSON
 * Lines corpus to several threads.
 *
 * Each piece holds at least the target size of whole lines (a longer
 * line makes a longer piece; the stream's last line may lack its
 * newline), and knows how many lines came before it, so a reader of the
 * piece can name the same line numbers as a reader of the whole stream.
 * Concatenating the pieces gives the stream back byte for byte.  The
 * stream is read in blocks and a partial line is carried to the next
 * piece, so each byte is copied once. */
#ifndef CHUNK_H
#define CHUNK_H

#include <stddef.h>
#include <stdio.h>

#include "ff_error.h"

struct chunk_reader;

/* Reads f (not owned) in pieces of about target bytes; name is used in
 * messages.  NULL when out of memory. */
struct chunk_reader *chunk_open(FILE *f, const char *name, size_t target);
void chunk_close(struct chunk_reader *r);

/* The next piece into *buf (capacity *cap, grown with realloc as
 * needed; the caller frees it), its length in *len and the number of
 * lines before it in *lines_before.  1: a piece; 0: end of stream;
 * -1: read error or out of memory (err names the stream and line). */
int chunk_next(struct chunk_reader *r, char **buf, size_t *cap, size_t *len,
	       long *lines_before, struct ff_error *err);

#endif
