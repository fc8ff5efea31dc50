/* extract: the rules that turn the sentences of an article into facts
 * (the fact table of README.md, `finfacts extract`).
 *
 * One pass over the normalised text, sentence by sentence.  Each
 * sentence is split into tokens (words, numbers from numtok, entity
 * mentions from the lexicon, punctuation) in a buffer reused for every
 * sentence, so nothing is allocated per token.  Every number with a unit
 * is then read as a clause: the direction verb nearest before it (or a
 * noun after it: "an 11% decline"), the qualifier words right before it,
 * the measure noun nearest before it (shares, revenue, shipments, market
 * share ...), the entity nearest before it (or the entity the text is
 * about, for "the stock", "its shares", "the company"), and the period
 * words of its neighbourhood and sentence.  Context that outlives a
 * sentence is kept per article: the entity in focus, each entity's
 * listing once the text has named one, and the scope, period and source
 * of the last market-share style statement. */
#ifndef EXTRACT_H
#define EXTRACT_H

#include <stdint.h>

#include "article.h"
#include "facts.h"
#include "lexicon.h"

struct extract;

/* The rules over lexicon lx (not owned; must outlive the extractor). */
struct extract *extract_new(const struct lexicon *lx);
void extract_free(struct extract *x);

/* Called once per fact, in document order; the fact's strings live until
 * the callback returns.  A non-zero return stops extraction and is
 * returned by extract_article. */
typedef int (*extract_emit_fn)(void *ctx, const struct fact *f);

int extract_article(struct extract *x, const struct article *a,
		    extract_emit_fn emit, void *ctx);

/* Convenience for tests and small callers: the facts of text (a body as
 * read) with publication date date (DATE_NONE if unknown), appended to
 * out under doc name doc.  Returns 0, or -1 when out of memory. */
int extract_text(struct extract *x, const char *doc, const char *text,
		 int32_t date, struct facts *out);

#endif
