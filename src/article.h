/* article: reading news articles one at a time, and the text a reader sees.
 *
 * Three input forms: plain text (the whole file is the body), Markdown
 * with YAML-ish front matter (title, date, source; the body follows the
 * closing "---"), and JSON Lines corpora (one record per line with id,
 * date, title, text), read one record at a time with jansson so memory
 * stays constant in the corpus size.
 *
 * Matching runs on a normalised copy of the body (curly quotes, odd
 * spaces and dashes folded to ASCII, soft hyphens dropped, Markdown links
 * reduced to their text) with a map from every normalised byte back to
 * its byte offset in the body as read, so evidence spans always point
 * into the original text. */
#ifndef ARTICLE_H
#define ARTICLE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ff_error.h"

struct article {
	const char *doc;        /* file name without extension, or record id */
	int32_t date;           /* publication date, DATE_NONE when unknown */
	const char *body;       /* as read (UTF-8), NUL-terminated */
	size_t body_len;
	const char *text;       /* normalised, NUL-terminated */
	size_t text_len;
	const uint32_t *map;    /* map[i]: body offset of text[i]; map[text_len] = body_len */
	long line;              /* line of the record in its file (1 for files) */
};

struct article_reader;

/* Opens path ("-" = standard input).  date, unless DATE_NONE, overrides
 * every article's own date (the --date option). */
struct article_reader *article_reader_open(const char *path, int32_t date,
					   struct ff_error *err);

/* 1: *a holds the next article (valid until the next call); 0: end;
 * -1: this record or file cannot be read (err names file and line or
 * byte offset).  After -1, article_reader_next may be called again to
 * go on with the next record when the reader is a JSON Lines one;
 * otherwise it returns 0. */
int article_reader_next(struct article_reader *r, struct article *a,
			struct ff_error *err);
void article_reader_close(struct article_reader *r);

/* For reading a JSON Lines corpus in pieces on several threads (chunk.h):
 * the stream a JSON Lines reader reads, positioned at its next record,
 * or NULL when r reads plain text or Markdown. */
FILE *article_reader_jsonl_stream(struct article_reader *r);

/* A JSON Lines reader over f (not owned, not closed), a piece of the
 * corpus name whose first line is line lines_before + 1 of it: the
 * articles, messages and line numbers are those a reader of the whole
 * corpus gives for the same records. */
struct article_reader *article_reader_open_jsonl(FILE *f, const char *name,
						 long lines_before, int32_t date,
						 struct ff_error *err);

/* Bytes of input consumed so far (for progress reports). */
uint64_t article_reader_bytes(const struct article_reader *r);

/* Normalises in[0..len) into out (capacity len + 1; normalising never
 * lengthens) and fills map (capacity len + 1).  Returns the length. */
size_t article_normalise(const char *in, size_t len, char *out, uint32_t *map);

/* End (exclusive) of the sentence starting at start in normalised text:
 * after the . ! ? that ends it, or at a paragraph break.  Abbreviations
 * (Aug. Dec. Inc. Co. Ltd. U.S. Corp. No. ...), initials and decimals do
 * not end a sentence. */
size_t article_sentence_end(const char *t, size_t len, size_t start);

/* A dateline on the first non-empty line of the body ("Feb. 13, 2025",
 * "BEIJING, Feb 13 (Reuters) -", "2025-02-13"), or DATE_NONE.  Only the
 * first line counts: a date further down is a caption's or a quote's. */
int32_t article_dateline(const char *body, size_t len);

/* Index of the first byte of s[0..len) that is not valid UTF-8, or len. */
size_t article_utf8_check(const char *s, size_t len);

#endif
