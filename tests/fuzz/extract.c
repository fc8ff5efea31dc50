/* libFuzzer harness: article reading and extraction.  The first byte
 * picks the reader (odd: a JSON Lines corpus, even: a Markdown or text
 * article) and, for the rest, whether a --date is given; every article
 * or record the reader yields goes through extract_article, and every
 * fact is written as `finfacts extract` writes it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "date.h"
#include "extract.h"
#include "fuzz_util.h"
#include "lexicon.h"

#ifndef FUZZ_LEXICON
#define FUZZ_LEXICON "data/lexicon.csv"
#endif

static struct lexicon *lx;
static struct extract *ex;

static void done(void)
{
	extract_free(ex);
	lexicon_free(lx);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	struct ff_error err;
	const char *path = getenv("FINFACTS_LEXICON");
	lx = lexicon_new();
	if (!lx || lexicon_load(lx, path ? path : FUZZ_LEXICON, &err)) {
		fprintf(stderr, "fuzz extract: lexicon: %s\n", err.msg);
		exit(1);
	}
	if (!(ex = extract_new(lx))) abort();
	atexit(done);
	return 0;
}

struct sink {
	struct csvio_writer *w;
	const struct article *a;
};

static int emit(void *ctx, const struct fact *f)
{
	struct sink *s = ctx;
	/* Spans are byte offsets into the body as read. */
	if (f->span_start > f->span_end || f->span_end > (long)s->a->body_len) abort();
	facts_write(s->w, f);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	if (n < 1) return 0;
	int jsonl = data[0] & 1;
	int32_t date = data[0] & 2 ? date_from_civil(2025, 2, 13) : DATE_NONE;
	const char *path = fuzz_file(jsonl ? "corpus.jsonl" : "article.md",
				     data + 1, n - 1);
	struct ff_error err;
	FILE *null = fopen("/dev/null", "w");
	struct sink s = {null ? csvio_create_stream(null, &err) : NULL, NULL};
	struct article_reader *r = s.w ? article_reader_open(path, date, &err) : NULL;
	if (!r) abort();
	struct article a;
	int rc;
	while ((rc = article_reader_next(r, &a, &err)) != 0) {
		if (rc < 0) continue;   /* --on-bad-record=skip */
		if (a.text_len > a.body_len || a.map[a.text_len] != a.body_len) abort();
		s.a = &a;
		if (extract_article(ex, &a, emit, &s)) abort();
	}
	article_reader_close(r);
	csvio_commit(s.w, &err);
	fclose(null);
	return 0;
}
