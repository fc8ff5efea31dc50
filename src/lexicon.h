/* lexicon: the entities extract knows, and finding them in text.
 *
 * data/lexicon.csv has the columns name,kind,aliases,listings,fy_end:
 *   name      canonical name (Alibaba, Hang Seng Index)
 *   kind      company | index | product | descriptor | source | ignore
 *   aliases   names as text writes them, separated by '|'
 *   listings  TICKER:EXCHANGE:CURRENCY separated by '|' (company, index)
 *   fy_end    month its fiscal year ends (1-12), empty for December
 * Several rows may share a name: a "product" row maps iPhone to Apple, a
 * "descriptor" row maps "the iPhone maker" to Apple, a "source" row names
 * a research firm (Canalys, IDC) for attribution, an "ignore" row blocks
 * a longer name that is not the entity ("Apple Intelligence").
 *
 * Aliases match case-sensitively at word starts, longest first, except
 * that an alias written in lower case also matches capitalised. */
#ifndef LEXICON_H
#define LEXICON_H

#include <stddef.h>

#include "ff_error.h"

enum lexicon_kind {
	LEXICON_COMPANY, LEXICON_INDEX, LEXICON_PRODUCT, LEXICON_DESCRIPTOR,
	LEXICON_SOURCE, LEXICON_IGNORE
};

struct lexicon_listing {
	char ticker[24], exchange[12], currency[4];
};

struct lexicon_entity {
	const char *name;
	int is_index;
	int fy_end;                          /* 1..12 */
	const struct lexicon_listing *listing;
	size_t nlisting;
};

struct lexicon_hit {
	int entity;                /* index for lexicon_entity, -1 for none */
	enum lexicon_kind kind;    /* how the text named it */
	size_t len;                /* bytes matched */
};

struct lexicon;

struct lexicon *lexicon_new(void);
void lexicon_free(struct lexicon *lx);

/* Adds the rows of a lexicon CSV; later rows extend earlier ones. */
int lexicon_load(struct lexicon *lx, const char *path, struct ff_error *err);

/* The built-in lexicon's path: $FINFACTS_LEXICON, else ./data/lexicon.csv,
 * else data/lexicon.csv beside the binary's ../ (a build tree), else
 * PREFIX/share/finfacts/lexicon.csv.  Returns 0 and fills buf, or -1. */
int lexicon_default_path(const char *argv0, char *buf, size_t cap);

/* The longest alias starting exactly at s[i]; 1 and *hit filled, or 0. */
int lexicon_match(const struct lexicon *lx, const char *s, size_t len,
		  size_t i, struct lexicon_hit *hit);

const struct lexicon_entity *lexicon_entity(const struct lexicon *lx, int id);
size_t lexicon_count(const struct lexicon *lx);

/* Entity id by canonical name (exact), or -1. */
int lexicon_find(const struct lexicon *lx, const char *name);

/* The entity's listing on a market ("HK", "US" = NYSE or NASDAQ, "SH",
 * "SZ", ...), or NULL. */
const struct lexicon_listing *lexicon_listing_on(const struct lexicon *lx,
						 int id, const char *market);

/* The entity whose listing has this ticker root ("BABA" of BABA-N,
 * "9988" of 9988.HK), and that listing; -1 when none. */
int lexicon_by_ticker(const struct lexicon *lx, const char *root, size_t n,
		      const struct lexicon_listing **listing);

#endif
