#include "extract.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "numtok.h"

/* ---- word classes ------------------------------------------------------ */

enum {
	C_UP = 1 << 0, C_DOWN = 1 << 1,
	C_DIRNOUN = 1 << 2,    /* may follow the number: "an 11% decline" */
	C_PRICE = 1 << 3,      /* shares, stock */
	C_REV = 1 << 4, C_PROFIT = 1 << 5, C_OPER = 1 << 6, C_SHIP = 1 << 7,
	C_SHARE = 1 << 8,      /* "share" alone: market share */
	C_MARKET = 1 << 9, C_VALUE = 1 << 10,
	C_CLOSE = 1 << 11, C_OPEN = 1 << 12,
	C_REF = 1 << 13,       /* company, firm, group, it: refers back */
	C_EST = 1 << 14,       /* estimates, forecast: not the company's figure */
	C_UNITS = 1 << 15,     /* units, phones, handsets */
	C_ORD = 1 << 16,       /* first, second, third ... */
	C_PLACE = 1 << 17,     /* place, spot, position */
	C_PREDICT = 1 << 18,   /* could, may, expects: not a stated figure */
	C_NOTPRICE = 1 << 19,  /* words that mean a stake, a tariff, a rate */
	C_AFTER = 1 << 20,     /* direction written after: "closed 0.7% lower" */
	C_IDXREF = 1 << 21,    /* "the benchmark", "the index", "it" */
	C_RANKVERB = 1 << 22,  /* "ranked second", "came third" */
	C_DIVISION = 1 << 23,  /* a business line: its growth is revenue */
	/* Cheap first tests, so that a rule tries its phrases only at the
	 * words they can start or end with: */
	C_NUMWORD = 1 << 24,   /* a number word or fraction may start here */
	C_CLUE = 1 << 25,      /* first word of a listing clue */
	C_QLAST = 1 << 26,     /* last word of a qualifier ("as much as") */
	C_REGION = 1 << 27,    /* first word of a region ("Greater China") */
	C_MEANING = (1 << 24) - 1   /* the classes that say what a word means */
};

struct kw { const char *w; uint32_t c; };

static const struct kw keywords[] = {
	{"rose", C_UP}, {"rise", C_UP | C_DIRNOUN}, {"rises", C_UP},
	{"rising", C_UP}, {"risen", C_UP}, {"gained", C_UP},
	{"gain", C_UP | C_DIRNOUN}, {"gains", C_UP}, {"gaining", C_UP},
	{"jumped", C_UP}, {"jump", C_UP | C_DIRNOUN}, {"jumps", C_UP},
	{"jumping", C_UP}, {"surged", C_UP}, {"surge", C_UP | C_DIRNOUN},
	{"surges", C_UP}, {"surging", C_UP}, {"climbed", C_UP},
	{"climb", C_UP}, {"climbs", C_UP}, {"climbing", C_UP},
	{"rallied", C_UP}, {"rally", C_UP}, {"rallies", C_UP},
	{"soared", C_UP}, {"soar", C_UP}, {"soars", C_UP}, {"soaring", C_UP},
	{"advanced", C_UP}, {"advance", C_UP}, {"advances", C_UP},
	{"added", C_UP}, {"adding", C_UP}, {"increased", C_UP},
	{"increase", C_UP | C_DIRNOUN}, {"increases", C_UP},
	{"increasing", C_UP}, {"grew", C_UP}, {"grow", C_UP},
	{"grows", C_UP}, {"growing", C_UP}, {"growth", C_UP | C_DIRNOUN},
	{"up", C_UP}, {"higher", C_UP | C_AFTER}, {"spiked", C_UP}, {"rebounded", C_UP},
	{"leapt", C_UP}, {"leaped", C_UP}, {"popped", C_UP}, {"firmed", C_UP},
	{"expanded", C_UP}, {"boosted", C_UP}, {"climbed", C_UP},
	{"fell", C_DOWN}, {"fall", C_DOWN | C_DIRNOUN}, {"falls", C_DOWN},
	{"falling", C_DOWN}, {"fallen", C_DOWN}, {"dropped", C_DOWN},
	{"drop", C_DOWN | C_DIRNOUN}, {"drops", C_DOWN}, {"dropping", C_DOWN},
	{"slid", C_DOWN}, {"slide", C_DOWN | C_DIRNOUN}, {"slides", C_DOWN},
	{"sliding", C_DOWN}, {"sank", C_DOWN}, {"sink", C_DOWN},
	{"sinks", C_DOWN}, {"sunk", C_DOWN}, {"plunged", C_DOWN},
	{"plunge", C_DOWN | C_DIRNOUN}, {"plunges", C_DOWN},
	{"plunging", C_DOWN}, {"tumbled", C_DOWN}, {"tumble", C_DOWN | C_DIRNOUN},
	{"tumbles", C_DOWN}, {"slumped", C_DOWN}, {"slump", C_DOWN | C_DIRNOUN},
	{"slumps", C_DOWN}, {"lost", C_DOWN}, {"lose", C_DOWN},
	{"losing", C_DOWN}, {"loses", C_DOWN}, {"declined", C_DOWN},
	{"decline", C_DOWN | C_DIRNOUN}, {"declines", C_DOWN},
	{"declining", C_DOWN}, {"decreased", C_DOWN},
	{"decrease", C_DOWN | C_DIRNOUN}, {"down", C_DOWN}, {"lower", C_DOWN | C_AFTER},
	{"loss", C_DOWN | C_DIRNOUN}, {"losses", C_DOWN},
	{"shed", C_DOWN}, {"sheds", C_DOWN}, {"retreated", C_DOWN},
	{"slipped", C_DOWN}, {"slips", C_DOWN}, {"dipped", C_DOWN},
	{"dip", C_DOWN | C_DIRNOUN}, {"eased", C_DOWN}, {"plummeted", C_DOWN},
	{"crashed", C_DOWN}, {"sagged", C_DOWN}, {"shrank", C_DOWN},
	{"shrunk", C_DOWN}, {"contracted", C_DOWN}, {"weakened", C_DOWN},
	{"tanked", C_DOWN}, {"skidded", C_DOWN}, {"sinking", C_DOWN},
	{"lifted", C_UP}, {"lifting", C_UP}, {"slipping", C_DOWN},
	{"tumbling", C_DOWN}, {"slumping", C_DOWN}, {"plummeting", C_DOWN},
	{"retreating", C_DOWN}, {"dipping", C_DOWN}, {"shedding", C_DOWN},
	{"shares", C_PRICE | C_REF}, {"stock", C_PRICE | C_REF},
	{"stocks", C_PRICE}, {"adrs", C_PRICE | C_REF}, {"adss", C_PRICE | C_REF},
	{"adr", C_PRICE | C_REF}, {"receipts", C_PRICE | C_REF},
	{"depositary", C_PRICE | C_REF}, {"benchmark", C_IDXREF},
	{"index", C_IDXREF}, {"it", C_IDXREF},
	{"ranked", C_RANKVERB}, {"came", C_RANKVERB}, {"was", C_RANKVERB},
	{"finished", C_CLOSE | C_RANKVERB}, {"placed", C_RANKVERB},
	{"took", C_RANKVERB}, {"secured", C_RANKVERB}, {"remained", C_RANKVERB},
	{"is", C_RANKVERB}, {"ranks", C_RANKVERB}, {"landed", C_RANKVERB},
	{"revenue", C_REV}, {"revenues", C_REV}, {"sales", C_REV},
	{"turnover", C_REV}, {"profit", C_PROFIT}, {"profits", C_PROFIT},
	{"earnings", C_PROFIT}, {"income", C_PROFIT}, {"operating", C_OPER},
	{"shipments", C_SHIP}, {"shipment", C_SHIP}, {"shipped", C_SHIP},
	{"share", C_SHARE}, {"market", C_MARKET}, {"value", C_VALUE},
	{"valuation", C_VALUE}, {"capitalisation", C_VALUE},
	{"capitalization", C_VALUE},
	{"close", C_CLOSE}, {"closed", C_CLOSE}, {"closing", C_CLOSE},
	{"ended", C_CLOSE}, {"ending", C_CLOSE},
	{"settled", C_CLOSE}, {"opened", C_OPEN}, {"opening", C_OPEN},
	{"company", C_REF}, {"firm", C_REF}, {"group", C_REF},
	{"estimates", C_EST}, {"estimate", C_EST}, {"expected", C_EST},
	{"forecast", C_EST}, {"forecasts", C_EST}, {"consensus", C_EST},
	{"expectations", C_EST}, {"projected", C_EST}, {"target", C_EST},
	{"guidance", C_EST}, {"anticipated", C_EST},
	{"units", C_UNITS}, {"phones", C_UNITS}, {"smartphones", C_UNITS},
	{"handsets", C_UNITS}, {"devices", C_UNITS}, {"vehicles", C_UNITS},
	{"cars", C_UNITS}, {"iphones", C_UNITS},
	{"first", C_ORD}, {"second", C_ORD}, {"third", C_ORD},
	{"fourth", C_ORD}, {"fifth", C_ORD}, {"top", C_ORD},
	{"place", C_PLACE}, {"spot", C_PLACE}, {"position", C_PLACE},
	{"could", C_PREDICT}, {"may", C_PREDICT}, {"might", C_PREDICT},
	{"would", C_PREDICT}, {"expects", C_PREDICT}, {"sees", C_PREDICT},
	{"expect", C_PREDICT}, {"expecting", C_PREDICT}, {"predicts", C_PREDICT},
	{"predicted", C_PREDICT}, {"will", C_PREDICT}, {"should", C_PREDICT},
	{"aims", C_PREDICT}, {"plans", C_PREDICT}, {"goal", C_PREDICT},
	{"stake", C_NOTPRICE}, {"tariff", C_NOTPRICE}, {"tariffs", C_NOTPRICE},
	{"rate", C_NOTPRICE}, {"rates", C_NOTPRICE}, {"yield", C_NOTPRICE},
	{"inflation", C_NOTPRICE}, {"gdp", C_NOTPRICE}, {"margin", C_NOTPRICE},
	{"margins", C_NOTPRICE}, {"dividend", C_NOTPRICE},
	{"discount", C_NOTPRICE}, {"premium", C_NOTPRICE},
	{"owns", C_NOTPRICE}, {"holds", C_NOTPRICE}, {"vote", C_NOTPRICE},
	{"division", C_DIVISION}, {"segment", C_DIVISION}, {"unit", C_DIVISION},
	{"arm", C_DIVISION}, {"business", C_DIVISION},
	/* numtok's number words and fractions ("a third of", "half of") */
	{"a", C_NUMWORD}, {"half", C_NUMWORD}, {"zero", C_NUMWORD},
	{"one", C_NUMWORD}, {"two", C_NUMWORD}, {"three", C_NUMWORD},
	{"four", C_NUMWORD}, {"five", C_NUMWORD}, {"six", C_NUMWORD},
	{"seven", C_NUMWORD}, {"eight", C_NUMWORD}, {"nine", C_NUMWORD},
	{"ten", C_NUMWORD}, {"eleven", C_NUMWORD}, {"twelve", C_NUMWORD},
	{"thirteen", C_NUMWORD}, {"fourteen", C_NUMWORD},
	{"fifteen", C_NUMWORD}, {"sixteen", C_NUMWORD},
	{"seventeen", C_NUMWORD}, {"eighteen", C_NUMWORD},
	{"nineteen", C_NUMWORD}, {"twenty", C_NUMWORD}, {"thirty", C_NUMWORD},
	{"forty", C_NUMWORD}, {"fifty", C_NUMWORD}, {"sixty", C_NUMWORD},
	{"seventy", C_NUMWORD}, {"eighty", C_NUMWORD}, {"ninety", C_NUMWORD},
	/* listing_clue's first words */
	{"hong", C_CLUE}, {"new", C_CLUE}, {"in", C_CLUE}, {"us", C_CLUE},
	{"nasdaq", C_CLUE}, {"nyse", C_CLUE}, {"american", C_CLUE},
	{"adrs", C_CLUE}, {"adss", C_CLUE}, {"wall", C_CLUE},
	{"premarket", C_CLUE}, {"pre", C_CLUE}, {"shanghai", C_CLUE},
	{"shenzhen", C_CLUE},
	/* find_scope's regions' first words */
	{"greater", C_REGION}, {"mainland", C_REGION}, {"china", C_REGION},
	{"hong", C_REGION}, {"taiwan", C_REGION}, {"japan", C_REGION},
	{"india", C_REGION}, {"europe", C_REGION}, {"the", C_REGION},
	{"americas", C_REGION}, {"southeast", C_REGION}, {"asia", C_REGION},
	{"indonesia", C_REGION}, {"korea", C_REGION}, {"global", C_REGION},
	{"worldwide", C_REGION},
	/* the qualifiers' last words */
	{"as", C_QLAST}, {"to", C_QLAST}, {"point", C_QLAST},
	{"than", C_QLAST}, {"over", C_QLAST}, {"above", C_QLAST},
	{"least", C_QLAST}, {"of", C_QLAST}, {"topped", C_QLAST},
	{"exceeded", C_QLAST}, {"nearly", C_QLAST}, {"almost", C_QLAST},
	{"under", C_QLAST}, {"below", C_QLAST}, {"about", C_QLAST},
	{"around", C_QLAST}, {"roughly", C_QLAST}, {"some", C_QLAST},
	{"approximately", C_QLAST}, {"estimated", C_QLAST},
	{"approx", C_QLAST},
	{NULL, 0}};

#define KW_SLOTS 1024

/* ---- tokens ------------------------------------------------------------ */

enum { T_WORD, T_NUM, T_ENT, T_PUNCT, T_SKIP };

struct tok {
	uint32_t s, e;        /* bytes of the normalised text */
	uint32_t cls;
	int type;
	int ent;              /* T_ENT: entity id, -2 unknown company */
	enum lexicon_kind kind;
	int num;              /* T_NUM: index into nums */
	const char *market;   /* a ticker token's market ("HK", "US") */
};

/* A fact under construction: strings live in the record itself. */
struct pending {
	struct fact f;
	char entity[96], ticker[24], scope[48], period[32], attribution[48];
	const char *measure, *unit, *qualifier;
	uint32_t s, e;        /* evidence in the normalised text */
	int market_family;
	int ent;              /* entity id, -2 unknown, -1 none */
};

/* What the article says beyond one sentence. */
struct context {
	int topic;                  /* company in focus, -1 none, -2 unknown */
	char topic_name[96];        /* its name when unknown to the lexicon */
	int topic_any;              /* first mention of the last sentence naming one */
	char scope[48], period[32], attribution[48];   /* last market fact */
	int has_market;
	char reported[32];          /* period of the last reported figure */
	const char *market;         /* the market the article is about ("HK") */
	int32_t day;                /* the last weekday or date named */
	int last_price;             /* the last sentence with facts moved a price */
	int year_ent, year;         /* the company of the last "in 2024" */
};

struct extract {
	const struct lexicon *lx;
	struct { uint32_t hash; int idx; uint32_t c; } kw[KW_SLOTS];
	struct tok *tok;
	struct numtok *nums;
	size_t ntok, captok, nnum;
	size_t cut;           /* where a sentence too long for tok[] was cut, or 0 */
	/* Worked out once a sentence, not once a number: a sentence of many
	 * numbers asked the same questions of the same words again and again */
	uint32_t *bound;      /* tokens that end a clause */
	size_t nbound;
	int bound_done;
	struct period_memo { size_t lo, hi; int ent; char out[32]; } memo[8];
	size_t nmemo;
	int day_done;
	int32_t day;          /* sentence_day's answer, once day_done */
	struct pending *pend;
	size_t npend, cappend;
	const struct lexicon_listing **listing;   /* per entity, this article */
	size_t nent;
	char source[48];          /* an attribution the lexicon lacks */
	char *ev;                 /* evidence copy for emitting */
	size_t evcap;
	/* the article being read */
	const struct article *a;
	const char *t;
	int32_t date;
	struct context ctx;
};

static uint32_t hash_lower(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)tolower((unsigned char)s[i])) * 16777619u;
	return h;
}

static uint32_t kw_lookup(const struct extract *x, const char *s, size_t n)
{
	if (n > 16) return 0;
	uint32_t h = hash_lower(s, n);
	for (uint32_t i = h % KW_SLOTS;; i = (i + 1) % KW_SLOTS) {
		int k = x->kw[i].idx;
		if (k < 0) return 0;
		if (x->kw[i].hash == h && strlen(keywords[k].w) == n &&
		    !strncasecmp(keywords[k].w, s, n))
			return x->kw[i].c;
	}
}

struct extract *extract_new(const struct lexicon *lx)
{
	struct extract *x = calloc(1, sizeof *x);
	if (!x) return NULL;
	x->lx = lx;
	for (int i = 0; i < KW_SLOTS; i++) x->kw[i].idx = -1;
	for (int k = 0; keywords[k].w; k++) {
		uint32_t h = hash_lower(keywords[k].w, strlen(keywords[k].w));
		uint32_t i = h % KW_SLOTS;
		while (x->kw[i].idx >= 0) {
			if (!strcmp(keywords[x->kw[i].idx].w, keywords[k].w)) break;
			i = (i + 1) % KW_SLOTS;
		}
		if (x->kw[i].idx < 0) x->kw[i].c = 0;   /* a word listed twice: both classes */
		x->kw[i].hash = h;
		x->kw[i].idx = k;
		x->kw[i].c |= keywords[k].c;
	}
	x->nent = lexicon_count(lx);
	x->listing = calloc(x->nent + 1, sizeof *x->listing);
	x->captok = 1024;
	x->tok = malloc(x->captok * sizeof *x->tok);
	x->nums = malloc(x->captok * sizeof *x->nums);
	x->bound = malloc(x->captok * sizeof *x->bound);
	if (!x->listing || !x->tok || !x->nums || !x->bound) {
		extract_free(x);
		return NULL;
	}
	return x;
}

void extract_free(struct extract *x)
{
	if (!x) return;
	free(x->tok);
	free(x->nums);
	free(x->bound);
	free(x->pend);
	free(x->listing);
	free(x->ev);
	free(x);
}

/* ---- token helpers ----------------------------------------------------- */

static int is_word_byte(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

/* How many of a[0..n) equal w's first bytes, case folded (stops at
 * w's end): the compare of tw and phrase_at without strlen or a call. */
static inline size_t word_eq(const char *a, size_t n, const char *w)
{
	size_t i = 0;
	while (i < n && w[i] && tolower((unsigned char)a[i]) ==
				tolower((unsigned char)w[i]))
		i++;
	return i;
}

static inline int tw(const struct extract *x, size_t k, const char *w)
{
	if (k >= x->ntok) return 0;
	const struct tok *t = &x->tok[k];
	/* most calls fail on the first byte: test it (case folded) before
	 * anything costs a call */
	if (((unsigned char)x->t[t->s] | 0x20) != ((unsigned char)w[0] | 0x20))
		return 0;
	if (t->type != T_WORD && t->type != T_PUNCT) return 0;
	return word_eq(x->t + t->s, t->e - t->s, w) == t->e - t->s &&
	       !w[t->e - t->s];
}

static int is_year_tok(const struct extract *x, size_t k, int *year)
{
	if (k >= x->ntok || x->tok[k].type != T_NUM) return 0;
	const struct numtok *n = &x->nums[x->tok[k].num];
	if (n->unit != NUMTOK_NONE || n->has_point || n->scale || n->words ||
	    n->value < 1990 || n->value > 2100 || n->end - n->start != 4)
		return 0;
	if (year) *year = (int)n->value;
	return 1;
}

/* Matches the words of phrase at token k (hyphens between words are
 * skipped); returns the index after the match, or 0. */
static inline size_t phrase_at(const struct extract *x, size_t k,
				const char *phrase)
{
	const char *p = phrase;
	while (*p) {
		while (k < x->ntok && x->t[x->tok[k].s] == '-' && tw(x, k, "-")) k++;
		if (k >= x->ntok) return 0;
		const struct tok *t = &x->tok[k];
		if (t->type != T_WORD ||
		    ((unsigned char)x->t[t->s] | 0x20) != ((unsigned char)*p | 0x20))
			return 0;
		size_t n = t->e - t->s;
		if (word_eq(x->t + t->s, n, p) != n || (p[n] && p[n] != ' '))
			return 0;
		k++;
		p += n;
		while (*p == ' ') p++;
	}
	return k;
}

static size_t find_phrase(const struct extract *x, size_t lo, size_t hi,
			  const char *phrase)
{
	for (size_t k = lo; k < hi; k++)
		if (phrase_at(x, k, phrase)) return k + 1;
	return 0;
}

/* Phrase ending exactly before token k: start index + 1, or 0. */
static size_t phrase_before(const struct extract *x, size_t k, size_t lo,
			    const char *phrase)
{
	for (size_t s = k; s-- > lo && k - s <= 6;) {
		size_t e = phrase_at(x, s, phrase);
		if (e == k) return s + 1;
	}
	return 0;
}

/* ---- tokenizing -------------------------------------------------------- */

static int push_tok(struct extract *x, const struct tok *t)
{
	if (x->ntok == x->captok) return -1;   /* caller ends the sentence */
	x->tok[x->ntok++] = *t;
	return 0;
}

/* "BABA-N", "AAPL-Q", "9988.HK", "0700.HK": a listing named in the text. */
static size_t ticker_at(const struct extract *x, size_t i, size_t end,
			struct tok *t)
{
	const char *s = x->t;
	size_t j = i;
	int digits = isdigit((unsigned char)s[i]);
	while (j < end && (digits ? isdigit((unsigned char)s[j])
				  : isupper((unsigned char)s[j])))
		j++;
	size_t root = j - i;
	if (root < 1 || root > 6 || j + 1 >= end) return 0;
	if (s[j] != '-' && s[j] != '.') return 0;
	size_t k = j + 1;
	while (k < end && isupper((unsigned char)s[k])) k++;
	if (k - j - 1 < 1 || k - j - 1 > 2 || (k < end && is_word_byte(s[k])))
		return 0;
	const char *suf = s + j + 1;
	size_t sl = k - j - 1;
	const char *market;
	if (sl == 2 && !strncmp(suf, "HK", 2)) market = "HK";
	else if (!digits && sl == 1 && strchr("NQO", *suf)) market = "US";
	else return 0;
	const struct lexicon_listing *l;
	int id = lexicon_by_ticker(x->lx, s + i, root, &l);
	if (id < 0) return 0;
	t->type = T_ENT;
	t->ent = id;
	t->kind = LEXICON_COMPANY;
	t->market = market;
	return k - i;
}

/* "the second half of the year", "first half of 2024": a period, not
 * the fraction "half of" (50%). */
static int period_half(const struct extract *x, const struct numtok *n)
{
	if (!n->words || n->unit != NUMTOK_PCT || !x->ntok) return 0;
	size_t k = x->ntok - 1;
	return tw(x, k, "first") || tw(x, k, "second") || tw(x, k, "the") ||
	       tw(x, k, "latter") || tw(x, k, "last") || tw(x, k, "fiscal");
}

/* "between 2% and 3%", "between 4 and 5 per cent": the number just
 * scanned closes a range the earlier one opened, which then spans both
 * (as "2%-3%" does).  1 when merged: the caller drops the new token. */
static int close_between(struct extract *x, const struct numtok *b)
{
	size_t k = x->ntok;
	if (k < 3 || !tw(x, k - 1, "and") || x->tok[k - 2].type != T_NUM ||
	    !(tw(x, k - 3, "between") || tw(x, k - 3, "Between")))
		return 0;
	struct numtok *a = &x->nums[x->tok[k - 2].num];
	if (a->range || b->range || a->words != b->words) return 0;
	if (a->unit != NUMTOK_NONE && a->unit != b->unit) return 0;
	if (b->unit == NUMTOK_MONEY && a->unit == NUMTOK_MONEY &&
	    strcmp(a->currency, b->currency))
		return 0;
	double lo = a->value;
	/* "between 2 and 3 billion": the scale word belongs to both */
	if (!a->scale && b->scale)
		for (int p = 0; p < b->scale; p++) lo *= 10;
	if (!(b->value > lo)) return 0;
	a->value = lo;
	a->hi = b->value;
	a->unit = b->unit;
	a->scale = b->scale;
	memcpy(a->currency, b->currency, sizeof a->currency);
	a->cur_dollar = a->cur_dollar || b->cur_dollar;
	a->range = 1;
	a->end = b->end;
	x->tok[k - 2].e = (uint32_t)b->end;
	x->ntok--;   /* the "and" */
	return 1;
}

/* A "sentence" longer than tok[] holds (a table or a crawl without full
 * stops) is read in pieces: this one ends at its last comma or semicolon
 * in the second half of the tokens, else where the tokens ran out, and
 * the rest is read as the next sentence.  Nothing is dropped, and the
 * cost stays linear in the text. */
/* Whether numtok_scan can find a number at s[i]: most words are not
 * number words, and the scan tries every number word and currency. */
static int may_be_number(const struct extract *x, const char *s, size_t i,
			 size_t s1)
{
	unsigned char c = (unsigned char)s[i];
	if (!isalpha(c)) return 1;   /* digits, "$", "€", "£", "¥" */
	size_t m = 1;
	while (i + m < s1 && isalpha((unsigned char)s[i + m])) m++;
	if (isupper(c) && m <= 3) return 1;   /* "US$5", "RMB 12", "Rs 40" */
	return (kw_lookup(x, s + i, m) & C_NUMWORD) != 0;
}

static void cut_long_sentence(struct extract *x, size_t at)
{
	for (size_t j = x->ntok; j-- > x->ntok / 2;)
		if (tw(x, j, ",") || tw(x, j, ";")) {
			x->ntok = j + 1;
			at = x->tok[j].e;
			break;
		}
	x->cut = at;
}

static void tokenize(struct extract *x, size_t s0, size_t s1)
{
	const char *s = x->t;
	x->ntok = x->nnum = 0;
	x->cut = 0;
	x->bound_done = 0;
	x->nmemo = 0;
	x->day_done = 0;
	size_t i = s0;
	while (i < s1) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
			i++;
			continue;
		}
		struct tok t = {(uint32_t)i, 0, 0, T_WORD, -1, LEXICON_COMPANY, -1,
				NULL};
		int start = i == 0 || !is_word_byte((unsigned char)s[i - 1]);
		size_t n = 0;
		struct lexicon_hit hit;
		if (start && is_word_byte(c) && (n = ticker_at(x, i, s1, &t))) {
			/* listing token */
		} else if (start && (is_word_byte(c) || c == '$') &&
			   numtok_may_start(c) && may_be_number(x, s, i, s1) &&
			   numtok_scan(s, s1, i, &x->nums[x->nnum]) &&
			   !period_half(x, &x->nums[x->nnum])) {
			n = x->nums[x->nnum].end - i;
			if (close_between(x, &x->nums[x->nnum])) {
				i += n;
				continue;
			}
			t.type = T_NUM;
			t.num = (int)x->nnum++;
		} else if (start && is_word_byte(c) &&
			   lexicon_match(x->lx, s, s1, i, &hit)) {
			n = hit.len;
			t.type = hit.kind == LEXICON_IGNORE ? T_WORD : T_ENT;
			/* "Nasdaq-listed", "Hang Seng-listed": a listing, not the index */
			if (i + n + 1 < s1 && s[i + n] == '-' &&
			    (!strncmp(s + i + n + 1, "listed", 6) ||
			     !strncmp(s + i + n + 1, "traded", 6)))
				t.type = T_WORD;
			t.ent = hit.entity;
			t.kind = hit.kind;
			if (t.type == T_WORD) {
				/* for the rules' first tests only: its first word's */
				size_t w = 0;
				while (w < n && is_word_byte((unsigned char)s[i + w])) w++;
				t.cls = kw_lookup(x, s + i, w) & ~(uint32_t)C_MEANING;
			}
		} else if (is_word_byte(c)) {
			while (i + n < s1 && is_word_byte((unsigned char)s[i + n])) n++;
			t.cls = kw_lookup(x, s + i, n);
		} else if (c == '\'' && i + 1 < s1 && s[i + 1] == 's' &&
			   (i + 2 >= s1 || !is_word_byte((unsigned char)s[i + 2]))) {
			n = 2;
		} else {
			n = 1;
			t.type = T_PUNCT;
		}
		t.e = (uint32_t)(i + n);
		if (push_tok(x, &t)) {
			cut_long_sentence(x, i);
			break;
		}
		i += n;
	}
}

/* Capitalised words that never start a company's name. */
static int name_stop(const struct extract *x, size_t k)
{
	static const char *const stop[] = {"The", "Its", "Their", "His", "Her",
		"Hong", "Kong", "Shanghai", "Shenzhen", "New", "York", "US", "U",
		"Chinese", "China", "American", "A", "An", "In", "On", "But",
		"Meanwhile", "Shares", "Stock", "Class", "H", "Tech", "Other",
		"Rival", "While", "After", "And", "Both", "Wall", "Street",
		"Analysts", "Investors", "Traders", NULL};
	for (const char *const *w = stop; *w; w++)
		if (tw(x, k, *w)) return 1;
	return 0;
}

static int cap_word(const struct extract *x, size_t k)
{
	const struct tok *t = &x->tok[k];
	return t->type == T_WORD && isupper((unsigned char)x->t[t->s]) &&
	       !name_stop(x, k);
}

/* Words that end a company's name: "Larkspur Group", "Ostrava AG". */
static int company_suffix(const struct extract *x, size_t k)
{
	static const char *const suf[] = {"Group", "Holdings", "Holding", "Inc",
		"Corp", "Corporation", "Ltd", "Limited", "plc", "PLC", "AG", "SA",
		"SE", "NV", "Co", "Company", "Tech", "Technology", "Technologies",
		"Motors", "Electric", "Electronics", "Pay", "Bank", "Industries",
		"International", "Capital", "Energy", "Pharma", "Labs", "Systems",
		"Semiconductor", "Airlines", "Mobile", NULL};
	if (k >= x->ntok || x->tok[k].type != T_WORD) return 0;
	for (const char *const *w = suf; *w; w++)
		if (x->t[x->tok[k].s] == **w && tw(x, k, *w)) return 1;
	return 0;
}

static int multiplier_word(const struct extract *x, size_t k)
{
	return tw(x, k, "doubled") || tw(x, k, "tripled") ||
	       tw(x, k, "trebled") || tw(x, k, "quadrupled") || tw(x, k, "halved");
}

static void mark_unknown(struct extract *x, size_t b, size_t e)
{
	x->tok[b].type = T_ENT;
	x->tok[b].ent = -2;
	x->tok[b].e = x->tok[e].e;
	for (size_t j = b + 1; j <= e; j++) x->tok[j].type = T_SKIP;
}

/* A name the lexicon lacks opening a sentence as its subject: it ends in
 * a company word ("Larkspur Group, a Singapore grocer, said",
 * "Ostrava AG's"), or it owns a measure ("Juniper Pay's share of"), or
 * it does what companies do ("Pellor shipped", "Quill Motors sank"). */
static void subject_company(struct extract *x)
{
	size_t b = 0;
	if (x->ntok < 2 || !cap_word(x, b) || company_suffix(x, b) ||
	    (x->tok[b].cls & C_MEANING))   /* "Revenue rose", "Shares fell" */
		return;
	const struct tok *t0 = &x->tok[b];
	size_t used;
	if (date_weekday_word(x->t + t0->s, t0->e - t0->s) >= 0 ||
	    date_month_word(x->t + t0->s, t0->e - t0->s, &used))
		return;
	size_t e = b;
	while (e + 1 < x->ntok && e < b + 3 &&
	       (cap_word(x, e + 1) || company_suffix(x, e + 1)))
		e++;
	if (company_suffix(x, e) && e + 1 < x->ntok && tw(x, e + 1, ".") &&
	    x->tok[e].e - x->tok[e].s <= 4)
		e++;   /* "Inc." */
	size_t n = e + 1;
	int ok = e > b && company_suffix(x, e - (tw(x, e, ".") ? 1 : 0));
	if (!ok && tw(x, n, "'s"))
		for (size_t j = n + 1; j < x->ntok && j <= n + 3; j++)
			if (x->tok[j].cls & (C_REV | C_PROFIT | C_OPER | C_SHIP |
					     C_SHARE | C_PRICE))
				ok = 1;
	/* one capitalised word opening a sentence is a company only by a
	 * company's verb ("Pellor shipped"); "Exports rose" is not one */
	if (!ok && n < x->ntok &&
	    (((x->tok[n].cls & (C_UP | C_DOWN)) && e > b) ||
	     tw(x, n, "shipped") || multiplier_word(x, n)))
		ok = 1;
	if (ok) mark_unknown(x, b, e);
}

/* A capitalised name the lexicon lacks, plainly the subject of a price
 * move: "Shares of Foo Holdings", "Foo Holdings shares", "Foo's stock". */
static void unknown_companies(struct extract *x)
{
	subject_company(x);
	for (size_t k = 0; k + 2 < x->ntok; k++) {
		if (!(x->tok[k].cls & C_PRICE) || !tw(x, k + 1, "of") ||
		    !cap_word(x, k + 2))
			continue;
		size_t e = k + 2;
		while (e + 1 < x->ntok && (cap_word(x, e + 1) ||
		       (tw(x, e + 1, ".") && e + 2 < x->ntok && cap_word(x, e + 2)) ||
		       tw(x, e + 1, "&")))
			e++;
		if (e + 1 < x->ntok && tw(x, e + 1, ".") &&
		    x->tok[e].e - x->tok[e].s <= 4)
			e++;   /* "Inc." */
		x->tok[k + 2].type = T_ENT;
		x->tok[k + 2].ent = -2;
		x->tok[k + 2].e = x->tok[e].e;
		for (size_t j = k + 3; j <= e; j++) x->tok[j].type = T_SKIP;
	}
	for (size_t k = 1; k < x->ntok; k++) {
		if (!(x->tok[k].cls & C_PRICE)) continue;
		size_t e = k - 1;
		if (tw(x, e, "'s") && e > 0) e--;
		if (!cap_word(x, e)) continue;
		size_t b = e;
		while (b > 0 && cap_word(x, b - 1)) b--;
		if (b == 0 && b == e) continue;   /* one word opening a sentence */
		x->tok[b].type = T_ENT;
		x->tok[b].ent = -2;
		x->tok[b].e = x->tok[e].e;
		for (size_t j = b + 1; j <= e; j++) x->tok[j].type = T_SKIP;
	}
}

/* ---- resolving --------------------------------------------------------- */

static int is_entity_tok(const struct tok *t)
{
	return t->type == T_ENT && t->kind != LEXICON_SOURCE &&
	       t->kind != LEXICON_IGNORE;
}

/* Fills p->entity (and returns the entity id, -2 unknown, -1 none). */
static int resolve_entity(struct extract *x, size_t k, struct pending *p,
			  size_t *etok, int need_ref)
{
	for (size_t j = k; j-- > 0;) {
		if (!is_entity_tok(&x->tok[j])) continue;
		*etok = j;
		const struct tok *t = &x->tok[j];
		if (t->ent == -2) {
			size_t n = t->e - t->s;
			if (n >= sizeof p->entity) n = sizeof p->entity - 1;
			memcpy(p->entity, x->t + t->s, n);
			p->entity[n] = '\0';
			return -2;
		}
		snprintf(p->entity, sizeof p->entity, "%s",
			 lexicon_entity(x->lx, t->ent)->name);
		return t->ent;
	}
	/* "an 11% iPhone sales decline": a name just after the number */
	for (size_t j = k + 1; j < x->ntok && j <= k + 3; j++)
		if (is_entity_tok(&x->tok[j]) && x->tok[j].ent >= 0) {
			*etok = j;
			snprintf(p->entity, sizeof p->entity, "%s",
				 lexicon_entity(x->lx, x->tok[j].ent)->name);
			return x->tok[j].ent;
		}
	*etok = (size_t)-1;
	if (need_ref) {
		/* "its shipments", "the company's share": else the whole market */
		int ref = 0;
		for (size_t j = 0; j < k; j++)
			if ((x->tok[j].cls & C_REF) || tw(x, j, "its") ||
			    tw(x, j, "their") || tw(x, j, "it"))
				ref = 1;
		if (!ref) return -1;
	}
	/* "the benchmark", "the index", "it": an index the text is about */
	int any = x->ctx.topic_any >= 0 &&
		  lexicon_entity(x->lx, x->ctx.topic_any)->is_index;
	for (size_t j = 0; j < k && any; j++)
		if (x->tok[j].cls & C_IDXREF) {
			snprintf(p->entity, sizeof p->entity, "%s",
				 lexicon_entity(x->lx, x->ctx.topic_any)->name);
			return x->ctx.topic_any;
		}
	if (x->ctx.topic == -2) {
		snprintf(p->entity, sizeof p->entity, "%s", x->ctx.topic_name);
		return -2;
	}
	if (x->ctx.topic >= 0) {
		snprintf(p->entity, sizeof p->entity, "%s",
			 lexicon_entity(x->lx, x->ctx.topic)->name);
		return x->ctx.topic;
	}
	return -1;
}

/* The market a sentence names for a listing ("Hong Kong-listed",
 * "in Hong Kong", HK$, "New York-listed", ADRs), or NULL. */
static const char *listing_clue(const struct extract *x, size_t lo, size_t hi)
{
	static const struct { const char *p, *m; } clues[] = {
		{"Hong Kong listed", "HK"}, {"Hong Kong traded", "HK"},
		{"in Hong Kong", "HK"}, {"Hong Kong shares", "HK"},
		{"Hong Kong stock", "HK"}, {"Hong Kong stocks", "HK"},
		{"Hong Kong 's stock", "HK"}, {"New York listed", "US"},
		{"New York shares", "US"}, {"New York traded", "US"},
		{"US listed", "US"}, {"in New York", "US"}, {"Nasdaq listed", "US"},
		{"NYSE listed", "US"}, {"American depositary", "US"},
		{"ADRs", "US"}, {"ADSs", "US"}, {"US shares", "US"},
		{"Wall Street", "US"}, {"premarket", "US"}, {"pre market", "US"},
		{"Shanghai listed", "SH"}, {"in Shanghai", "SH"},
		{"Shenzhen listed", "SZ"}, {"in Shenzhen", "SZ"}, {NULL, NULL}};
	for (size_t k = lo; k < hi; k++) {
		const struct tok *t = &x->tok[k];
		if (t->type == T_NUM &&
		    !strcmp(x->nums[t->num].currency, "HKD"))
			return "HK";
		if (tw(x, k, "U") && tw(x, k + 1, ".") && tw(x, k + 2, "S") &&
		    tw(x, k + 3, ".") && (phrase_at(x, k + 4, "listed") ||
					  phrase_at(x, k + 4, "shares")))
			return "US";
		if (t->type != T_WORD || !(t->cls & C_CLUE))
			continue;   /* no clue starts otherwise */
		for (int c = 0; clues[c].p; c++)
			if (phrase_at(x, k, clues[c].p)) return clues[c].m;
	}
	return NULL;
}

static void set_ticker(struct extract *x, int id, size_t k,
		       struct pending *p, const char *market)
{
	p->ticker[0] = '\0';
	if (id < 0) return;
	const struct lexicon_entity *e = lexicon_entity(x->lx, id);
	const struct lexicon_listing *l = NULL;
	(void)k;
	if (e->is_index) {
		if (e->nlisting) l = &e->listing[0];
	} else if (market && (l = lexicon_listing_on(x->lx, id, market))) {
		x->listing[id] = l;
	} else if (x->listing[id]) {
		l = x->listing[id];
	} else if (x->ctx.market &&
		   (l = lexicon_listing_on(x->lx, id, x->ctx.market))) {
		/* the market the article is about */
	} else {
		/* one listing on an exchange (an OTC line does not count) */
		size_t n = 0;
		for (size_t i = 0; i < e->nlisting; i++)
			if (strcmp(e->listing[i].exchange, "OTC")) {
				n++;
				l = &e->listing[i];
			}
		if (n != 1) l = NULL;
	}
	if (l) snprintf(p->ticker, sizeof p->ticker, "%s", l->ticker);
}

/* ---- periods ----------------------------------------------------------- */

static int ordinal_value(const struct extract *x, size_t k)
{
	static const char *const ord[] = {"first", "second", "third", "fourth",
		"fifth", NULL};
	for (int i = 0; ord[i]; i++)
		if (tw(x, k, ord[i])) return i + 1;
	return 0;
}

/* "Q1", "Q4": the quarter number, or 0. */
static int q_word(const struct extract *x, size_t k)
{
	if (k >= x->ntok || x->tok[k].type != T_WORD) return 0;
	const char *s = x->t + x->tok[k].s;
	if (x->tok[k].e - x->tok[k].s == 2 && (s[0] == 'Q' || s[0] == 'q') &&
	    s[1] >= '1' && s[1] <= '4')
		return s[1] - '0';
	return 0;
}

/* A year written near token k ("of 2024", "2024 fourth quarter",
 * "fiscal 2025", "FY25"), or 0. */
static int year_near(const struct extract *x, size_t k, size_t lo, size_t hi)
{
	int y;
	for (size_t j = k; j < hi && j <= k + 3; j++)
		if (is_year_tok(x, j, &y)) return y;
	for (size_t j = k; j-- > lo && k - j <= 3;)
		if (is_year_tok(x, j, &y)) return y;
	return 0;
}

static int fy_word(const struct extract *x, size_t k)
{
	if (k >= x->ntok || x->tok[k].type != T_WORD) return 0;
	const char *s = x->t + x->tok[k].s;
	size_t n = x->tok[k].e - x->tok[k].s;
	if ((n == 4 || n == 6) && (s[0] == 'F' && s[1] == 'Y') &&
	    isdigit((unsigned char)s[2]) && isdigit((unsigned char)s[3])) {
		int y = atoi(s + 2);
		return n == 4 ? 2000 + y : y;
	}
	return 0;
}

/* The calendar year of the most recent end of month m on or before the
 * publication date. */
static int recent_year_of_month(int32_t pub, int m)
{
	int y, mo, d;
	date_to_civil(pub, &y, &mo, &d);
	return m < mo ? y : y - 1;
}

/* The clause of token k: between the nearest ";", "while", "whereas",
 * "but" or ", and" on either side (the whole sentence when none). */
static void clause_bounds(struct extract *x, size_t k, size_t *lo,
			  size_t *hi)
{
	if (!x->bound_done) {
		x->nbound = 0;
		for (size_t j = 0; j < x->ntok; j++)
			if (tw(x, j, ";") || tw(x, j, "while") || tw(x, j, "whereas") ||
			    tw(x, j, "but") || (tw(x, j, ",") && tw(x, j + 1, "and")))
				x->bound[x->nbound++] = (uint32_t)j;
		x->bound_done = 1;
	}
	*lo = 0;
	*hi = x->ntok;
	for (size_t i = 0; i < x->nbound; i++) {
		size_t j = x->bound[i];
		if (j < k) *lo = j + 1;
		else if (j > k) {
			*hi = j;
			break;
		}
	}
}

/* Period of a reported figure (revenue, shipments, share) from the words
 * of tokens [lo, hi). */
static void reported_period_scan(struct extract *x, size_t lo, size_t hi,
				 int ent, char *out, size_t cap)
{
	int pub_y = 0, m, d, fy = 0, q = 0, half = 0, fiscal = 0, y = 0;
	if (x->date != DATE_NONE) date_to_civil(x->date, &pub_y, &m, &d);
	out[0] = '\0';
	for (size_t k = lo; k < hi; k++) {
		int v;
		if (tw(x, k, "fiscal") || fy_word(x, k)) {
			fiscal = 1;
			if ((v = fy_word(x, k))) fy = v;
			for (size_t j = k + 1; j < hi && j <= k + 4; j++) {
				if (is_year_tok(x, j, &v) && !fy) fy = v;
				else if ((v = ordinal_value(x, j)) &&
					 phrase_at(x, j + 1, "quarter")) q = v;
				else if ((v = q_word(x, j))) q = v;
			}
			if (!fy) {
				for (size_t j = k; j-- > lo && k - j <= 4;)
					if (is_year_tok(x, j, &v)) { fy = v; break; }
			}
		} else if (!q && (v = ordinal_value(x, k)) &&
			   phrase_at(x, k + 1, "quarter")) {
			q = v;
			y = year_near(x, k, lo, hi);
		} else if (!q && x->tok[k].type == T_WORD &&
			   phrase_at(x, k + 1, "quarter") &&
			   (v = date_month_word(x->t + x->tok[k].s,
						x->tok[k].e - x->tok[k].s, &(size_t){0})) &&
			   v % 3 == 0) {
			q = v / 3;   /* "the December quarter" */
			y = year_near(x, k, lo, hi);
		} else if (!q && (phrase_at(x, k, "three months to") ||
				  phrase_at(x, k, "three months ended") ||
				  phrase_at(x, k, "three months ending") ||
				  phrase_at(x, k, "quarter ended") ||
				  phrase_at(x, k, "quarter ending") ||
				  phrase_at(x, k, "quarter to"))) {
			size_t j = k + (tw(x, k, "quarter") ? 2 : 3);
			if (j < hi && x->tok[j].type == T_WORD &&
			    (v = date_month_word(x->t + x->tok[j].s,
						 x->tok[j].e - x->tok[j].s,
						 &(size_t){0})) && v % 3 == 0 &&
			    !fiscal) {
				q = v / 3;
				y = year_near(x, j, lo, hi);
			}
		} else if (!q && (v = q_word(x, k))) {
			q = v;
			y = year_near(x, k, lo, hi);
		} else if (!half && (v = ordinal_value(x, k)) && v <= 2 &&
			   phrase_at(x, k + 1, "half")) {
			half = v;
			y = year_near(x, k, lo, hi);
		}
	}
	if (fiscal) {
		int e = ent >= 0 ? lexicon_entity(x->lx, ent)->fy_end : 12;
		if (!fy && q && pub_y) {
			int qm = (e + 3 * q - 1) % 12 + 1;
			int qy = recent_year_of_month(x->date, qm);
			fy = qm <= e ? qy : qy + 1;
		}
		if (fy && q) snprintf(out, cap, "fiscal:FY%dQ%d", fy, q);
		else if (fy) snprintf(out, cap, "fiscal:FY%d", fy);
		else snprintf(out, cap, q ? "quarter" : "year");
		return;
	}
	if (q) {
		if (!y && pub_y) y = recent_year_of_month(x->date, 3 * q);
		if (y) snprintf(out, cap, "quarter:%dQ%d", y, q);
		else snprintf(out, cap, "quarter");
		return;
	}
	if (half) {
		if (!y && pub_y) y = recent_year_of_month(x->date, 6 * half);
		if (y) snprintf(out, cap, "half:%dH%d", y, half);
		else snprintf(out, cap, "half");
		return;
	}
	for (size_t k = lo; k < hi; k++) {
		int v;
		if ((tw(x, k, "in") || tw(x, k, "for") || tw(x, k, "of")) &&
		    is_year_tok(x, k + 1, &v)) {
			snprintf(out, cap, "year:%d", v);
			return;
		}
	}
	/* "annual" names the kind, not the year (the fact table: the kind alone),
	 * unless the article has said which year it is telling of this
	 * company ("Apple suffered a setback in China in 2024 ... Apple's
	 * annual shipments") */
	if (find_phrase(x, lo, hi, "annual") || find_phrase(x, lo, hi, "yearly")) {
		if (ent >= 0 && ent == x->ctx.year_ent)
			snprintf(out, cap, "year:%d", x->ctx.year);
		else
			snprintf(out, cap, "year");
		return;
	}
	if (find_phrase(x, lo, hi, "full year") ||
	    find_phrase(x, lo, hi, "for the year") ||
	    find_phrase(x, lo, hi, "last year")) {
		if (pub_y) snprintf(out, cap, "year:%d", pub_y - 1);
		else snprintf(out, cap, "year");
		return;
	}
	if (find_phrase(x, lo, hi, "the quarter") || find_phrase(x, lo, hi, "quarterly"))
		snprintf(out, cap, "quarter");
}

static void reported_period(struct extract *x, size_t lo, size_t hi, int ent,
			    char *out, size_t cap)
{
	for (size_t i = 0; i < x->nmemo; i++) {
		const struct period_memo *m = &x->memo[i];
		if (m->lo == lo && m->hi == hi && m->ent == ent) {
			snprintf(out, cap, "%s", m->out);
			return;
		}
	}
	reported_period_scan(x, lo, hi, ent, out, cap);
	if (x->nmemo < sizeof x->memo / sizeof x->memo[0]) {
		struct period_memo *m = &x->memo[x->nmemo++];
		m->lo = lo;
		m->hi = hi;
		m->ent = ent;
		snprintf(m->out, sizeof m->out, "%s", out);
	}
}

/* The period of a reported figure at token k: the words of its clause
 * ("net profit doubled in 2024, while operating profit halved in the
 * second half"), else of its sentence. */
static void clause_period(struct extract *x, size_t k, int ent, char *out,
			  size_t cap)
{
	size_t lo, hi;
	clause_bounds(x, k, &lo, &hi);
	reported_period(x, lo, hi, ent, out, cap);
	if (!out[0] && (lo > 0 || hi < x->ntok))
		reported_period(x, 0, x->ntok, ent, out, cap);
}

/* "since the start of 2025", "since the end of December": from the
 * last close of the previous year, as the article's year is. */
static int since_year_start(struct extract *x, size_t lo, size_t hi, int pub_y)
{
	static const char *const p[] = {"since the start of",
		"since the beginning of", "since the end of", NULL};
	for (size_t j = lo; j < hi; j++)
		for (int i = 0; p[i]; i++) {
			size_t e = phrase_at(x, j, p[i]);
			int y;
			if (!e) continue;
			if (phrase_at(x, e, "the year") || phrase_at(x, e, "this year") ||
			    (!strcmp(p[i], "since the end of") &&
			     (phrase_at(x, e, "December") || phrase_at(x, e, "last year"))))
				return 1;
			if (is_year_tok(x, e, &y) && (y == pub_y || !pub_y)) return 1;
		}
	return 0;
}

/* Period of a share-price move from the words around it: [lo, hi) is the
 * stretch between its neighbouring numbers, k the number. */
static const char *price_period(struct extract *x, size_t lo, size_t hi,
				size_t k, char *buf, size_t cap)
{
	int pub_y = 0, m, d, v;
	if (x->date != DATE_NONE) date_to_civil(x->date, &pub_y, &m, &d);
	size_t nlo = k > lo + 6 ? k - 6 : lo, nhi = k + 8 < hi ? k + 8 : hi;
	size_t clo, chi;
	clause_bounds(x, k, &clo, &chi);
	if (nlo < clo) nlo = clo;
	if (nhi > chi) nhi = chi;
	/* "was little changed premarket after gaining 3.2%": words before
	 * "after" are the main clause's */
	for (size_t j = nlo; j < k; j++)
		if (tw(x, j, "after") && !phrase_at(x, j, "after hours") &&
		    !phrase_at(x, j, "after the bell"))
			nlo = j + 1;
	/* "which have risen about 4% this year, slipped 1.5%": after another
	 * number, the period words before a comma are that number's */
	if (lo > 0)
		for (size_t j = nlo; j < k; j++)
			if (tw(x, j, ",")) nlo = j + 1;
	/* "rallied 6.8%, extending its gain over five sessions to 23%":
	 * after the number, its own words end at a comma */
	size_t ahi = nhi;
	for (size_t j = k + 1; j < nhi; j++)
		if (tw(x, j, ",")) {
			ahi = j;
			break;
		}
	/* "climbed 40% since January" */
	if (tw(x, k + 1, "since") && k + 2 < nhi && x->tok[k + 2].type == T_WORD &&
	    (v = date_month_word(x->t + x->tok[k + 2].s,
				 x->tok[k + 2].e - x->tok[k + 2].s, &(size_t){0}))) {
		int y = 0;
		if (!is_year_tok(x, k + 3, &y) && pub_y)
			y = m >= v ? pub_y : pub_y - 1;
		if (y) {
			snprintf(buf, cap, "since:%04d-%02d", y, v);
			return buf;
		}
	}
	static const char *const ytd[] = {"so far this year", "this year",
		"year to date", "ytd", "for the year", "so far in", NULL};
	for (int i = 0; ytd[i]; i++)
		if (find_phrase(x, nlo, nhi, ytd[i])) return "ytd";
	if (since_year_start(x, nlo, nhi, pub_y)) return "ytd";
	for (size_t j = k + 1; j < nhi && j <= k + 2; j++)
		if (tw(x, j, "in") && is_year_tok(x, j + 1, &v)) {
			if (v == pub_y || (!pub_y && (find_phrase(x, 0, k, "already") ||
					  find_phrase(x, 0, k, "has") ||
					  find_phrase(x, 0, k, "have"))))
				return "ytd";
			snprintf(buf, cap, "year:%d", v);
			return buf;
		}
	if (find_phrase(x, nlo, ahi, "premarket") ||
	    find_phrase(x, nlo, ahi, "pre market") ||
	    find_phrase(x, nlo, ahi, "before the bell"))
		return "premarket";
	if (find_phrase(x, nlo, ahi, "after hours") ||
	    find_phrase(x, nlo, ahi, "extended trading") ||
	    find_phrase(x, nlo, ahi, "late trading") ||
	    find_phrase(x, nlo, ahi, "after the bell"))
		return "afterhours";
	/* "For the week, the benchmark lost 1.1 per cent": from the clause's
	 * start */
	if (find_phrase(x, nlo, ahi, "this week") ||
	    find_phrase(x, clo, ahi, "for the week") ||
	    find_phrase(x, nlo, ahi, "on the week"))
		return "week";
	if (find_phrase(x, nlo, ahi, "this month") ||
	    find_phrase(x, clo, ahi, "for the month"))
		return "month";
	for (size_t j = nlo; j + 1 < ahi; j++) {
		double cnt = 0;
		if (x->tok[j].type == T_NUM) {
			const struct numtok *n = &x->nums[x->tok[j].num];
			if (n->unit == NUMTOK_NONE && !n->has_point) cnt = n->value;
		} else if (x->tok[j].type == T_WORD) {
			/* "over four sessions" */
			const struct tok *t = &x->tok[j];
			if (numtok_word(x->t, t->e, t->s, &cnt) != t->e - t->s) cnt = 0;
		}
		if (cnt >= 2 && cnt < 400 && (phrase_at(x, j + 1, "sessions") ||
				       phrase_at(x, j + 1, "trading days") ||
				       phrase_at(x, j + 1, "days"))) {
			snprintf(buf, cap, "days:%d", (int)cnt);
			return buf;
		}
	}
	/* "gained 4 per cent to close at", "to end the day" */
	if (phrase_at(x, k + 1, "to close") || phrase_at(x, k + 1, "to end") ||
	    phrase_at(x, k + 1, "to finish") || phrase_at(x, k + 1, "to settle") ||
	    phrase_at(x, k + 1, "at the close"))
		return "close";
	/* "stocks closed higher on Friday, with the Hang Seng Index rising
	 * 3.7%": a closing word before another name is that name's */
	size_t after = lo;
	for (size_t j = lo; j < k; j++)
		if (is_entity_tok(&x->tok[j]) && j + 1 < k) after = j + 1;
	for (size_t j = lo; j < k; j++) {
		if ((x->tok[j].cls & C_CLOSE) && j >= after) return "close";
		if ((x->tok[j].cls & C_OPEN) && j >= after) return "open";
		if (tw(x, j, "intraday") || phrase_at(x, j, "as much as") ||
		    phrase_at(x, j, "at one point") || phrase_at(x, j, "up to") ||
		    phrase_at(x, j, "as high as") || phrase_at(x, j, "as low as"))
			return "intraday";
	}
	return "day";
}

/* A day the sentence names: "on Thursday", "yesterday", "Feb. 11, 2025",
 * or DATE_NONE. */
static int32_t sentence_day_scan(struct extract *x)
{
	for (size_t k = 0; k < x->ntok; k++) {
		const struct tok *t = &x->tok[k];
		if (t->type != T_WORD) continue;
		int wd = date_weekday_word(x->t + t->s, t->e - t->s);
		if (wd >= 0 && t->e - t->s > 3 && x->date != DATE_NONE)
			return date_on_or_before(x->date, wd);
		if (tw(x, k, "yesterday") && x->date != DATE_NONE)
			return x->date - 1;
		size_t used;
		if (isupper((unsigned char)x->t[t->s]) &&
		    date_month_word(x->t + t->s, t->e - t->s, &used)) {
			int32_t d;
			size_t end = x->tok[x->ntok - 1].e;
			if (date_parse_text(x->t + t->s, end - t->s, &d))
				return d;
		}
	}
	return DATE_NONE;
}

static int32_t sentence_day(struct extract *x)
{
	if (!x->day_done) {
		x->day = sentence_day_scan(x);
		x->day_done = 1;
	}
	return x->day;
}

/* The trading day of a price fact: the day its sentence names, else the
 * last day the article named, else the publication date. */
static int32_t price_day(struct extract *x, size_t k)
{
	/* "was little changed on Tuesday after gaining 3.2% on Monday": the
	 * day written right after the number wins */
	for (size_t j = k + 1; j < x->ntok && x->date != DATE_NONE; j++) {
		const struct tok *t = &x->tok[j];
		if (t->type == T_NUM || tw(x, j, ",")) break;
		if (t->type != T_WORD) continue;
		int wd = date_weekday_word(x->t + t->s, t->e - t->s);
		if (wd >= 0 && t->e - t->s > 3) return date_on_or_before(x->date, wd);
	}
	int32_t d = sentence_day(x);
	if (d != DATE_NONE) return d;
	return x->ctx.day != DATE_NONE ? x->ctx.day : x->date;
}

/* ---- the rules --------------------------------------------------------- */

enum family { F_NONE, F_PRICE, F_REV, F_PROFIT, F_OPER, F_SHIP, F_SHARE, F_MCAP };

static enum family noun_family(struct extract *x, size_t j)
{
	uint32_t c = x->tok[j].cls;
	if (c & C_REV) return F_REV;
	if (c & C_PROFIT)
		return j > 0 && (x->tok[j - 1].cls & C_OPER) ? F_OPER : F_PROFIT;
	if (c & C_SHIP) return F_SHIP;
	return F_NONE;
}

/* "share" alone: a market share unless it is a share price or "a share"
 * of earnings. */
static enum family share_family(struct extract *x, size_t j)
{
	if (tw(x, j + 1, "price") || tw(x, j + 1, "prices")) return F_PRICE;
	if (j > 0 && (tw(x, j - 1, "per") || tw(x, j - 1, "a"))) return F_NONE;
	if (j > 0 && (x->tok[j - 1].cls & C_MARKET)) return F_SHARE;
	if (j > 0 && x->tok[j - 1].type == T_NUM &&
	    x->nums[x->tok[j - 1].num].unit == NUMTOK_PCT)
		return F_SHARE;
	if (tw(x, j + 1, "of") || (j > 0 && (tw(x, j - 1, "its") ||
					     tw(x, j - 1, "their"))))
		return F_SHARE;
	return F_NONE;
}

/* The measure family of number k and its noun's token (*noun):
 *  - a noun phrase after it: "an 11% rise in fourth-quarter revenue",
 *    "a 17% share", "15% of the market";
 *  - else the measure noun nearest before it; a subject that moved
 *    ("Tencent rose 2%") counts as a price, a possessor ("Apple's
 *    third-biggest region") does not. */
static enum family measure_family(struct extract *x, size_t k, size_t *noun)
{
	*noun = (size_t)-1;
	if (k + 1 < x->ntok && (x->tok[k + 1].cls & C_SHARE) &&
	    share_family(x, k + 1) == F_SHARE) {
		*noun = k + 1;
		return F_SHARE;
	}
	if (phrase_at(x, k + 1, "of the market")) return F_SHARE;
	for (size_t j = k + 1; j < x->ntok && j <= k + 6; j++) {
		if (x->tok[j].type == T_NUM || tw(x, j, ",")) break;
		if (!(x->tok[j].cls & C_DIRNOUN)) continue;
		for (size_t i = j + 1; i < x->ntok && i <= j + 5; i++) {
			enum family f = noun_family(x, i);
			if (f != F_NONE) {
				*noun = i;
				return f;
			}
			if (x->tok[i].type == T_NUM || tw(x, i, ",")) break;
		}
	}
	int verb = 0;
	for (size_t j = k; j-- > 0;) {
		const struct tok *t = &x->tok[j];
		uint32_t c = t->cls;
		*noun = j;
		if (c & (C_UP | C_DOWN)) verb = 1;
		if (c & C_NOTPRICE) return F_NONE;
		if (c & C_SHARE) {
			enum family f = share_family(x, j);
			if (f != F_NONE) return f;
			continue;
		}
		if (c & C_PRICE) return F_PRICE;
		enum family f = noun_family(x, j);
		if (f != F_NONE) return f;
		if ((c & C_VALUE) && j > 0 && (x->tok[j - 1].cls & C_MARKET))
			return F_MCAP;
		if (tw(x, j, "cap") && j > 0 && (x->tok[j - 1].cls & C_MARKET))
			return F_MCAP;
		if (tw(x, j, "valued")) return F_MCAP;
		/* "the cloud division grew 13%" */
		if ((c & C_DIVISION) && verb) return F_REV;
		if (is_entity_tok(t)) {
			if (t->ent >= 0 && lexicon_entity(x->lx, t->ent)->is_index)
				return F_PRICE;
			/* "the iPhone maker's losses over four sessions" */
			if (tw(x, j + 1, "'s") && j + 2 < k &&
			    (x->tok[j + 2].cls & (C_UP | C_DOWN)))
				return F_PRICE;
			if (verb && t->kind != LEXICON_PRODUCT && !tw(x, j + 1, "'s"))
				return F_PRICE;
		}
		if ((c & C_IDXREF) && verb && x->ctx.topic_any >= 0 &&
		    lexicon_entity(x->lx, x->ctx.topic_any)->is_index)
			return F_PRICE;
		/* "It is still up about 52%" after sentences about the stock */
		if (tw(x, j, "it") && verb && x->ctx.last_price)
			return F_PRICE;
	}
	*noun = (size_t)-1;
	for (size_t j = k + 1; j < x->ntok && j <= k + 4; j++) {
		if (x->tok[j].type == T_NUM || x->tok[j].type == T_PUNCT) break;
		enum family f = noun_family(x, j);
		if (f == F_REV || f == F_SHIP) {
			*noun = j;
			return f;
		}
	}
	return F_NONE;
}

/* Direction of number k: an adverb right after it ("closed 0.7% lower"),
 * the nearest verb before it in [lo, k), or a noun after it ("an 11%
 * decline"); *vtok gets the word's token. */
static int direction(struct extract *x, size_t lo, size_t k, size_t *vtok)
{
	/* "closed 0.7% lower", "a 15.4% plunge": the word right after the
	 * number is closer than any verb before it */
	if (k + 1 < x->ntok && (x->tok[k + 1].cls & (C_AFTER | C_DIRNOUN))) {
		*vtok = k + 1;
		return x->tok[k + 1].cls & C_UP ? 1 : -1;
	}
	for (size_t j = k; j-- > lo;) {
		uint32_t c = x->tok[j].cls;
		if (c & (C_UP | C_DOWN)) {
			if (tw(x, j, "up") && tw(x, j + 1, "to")) continue;
			if ((c & C_UP) && j + 1 < k && tw(x, j + 1, "from")) continue;
			*vtok = j;
			return c & C_UP ? 1 : -1;
		}
	}
	for (size_t j = k + 1; j < x->ntok && j <= k + 4; j++) {
		if (x->tok[j].type == T_NUM || x->tok[j].type == T_PUNCT) break;
		uint32_t c = x->tok[j].cls;
		if (c & C_DIRNOUN) {
			*vtok = j;
			return c & C_UP ? 1 : -1;
		}
	}
	*vtok = (size_t)-1;
	return 0;
}

/* A forecast or an estimate in the clause before number k: "analysts
 * expected revenue of", "could rise 5%". */
static int hedged(struct extract *x, size_t k)
{
	/* "ahead of the $38.05 billion analysts had expected" */
	for (size_t j = k + 1; j < x->ntok && j <= k + 4; j++) {
		if (x->tok[j].type == T_PUNCT || x->tok[j].type == T_NUM) break;
		if (x->tok[j].cls & C_EST) return 1;
	}
	for (size_t j = k; j-- > 0;) {
		if (tw(x, j, ",") || tw(x, j, ";") || tw(x, j, "which") ||
		    tw(x, j, "while") || tw(x, j, "but"))
			return 0;
		if (x->tok[j].cls & (C_EST | C_PREDICT)) return 1;
	}
	return 0;
}

struct qual { const char *p, *q; };
static const struct qual qualifiers[] = {
		{"as much as", "max"}, {"up to", "max"}, {"as high as", "max"},
		{"as low as", "max"}, {"at one point", "max"},
		{"more than", "gt"}, {"over", "gt"}, {"above", "gt"},
		{"at least", "gt"}, {"upwards of", "gt"}, {"north of", "gt"},
		{"in excess of", "gt"}, {"topped", "gt"}, {"exceeded", "gt"},
		{"nearly", "lt"}, {"almost", "lt"}, {"less than", "lt"},
		{"under", "lt"}, {"below", "lt"}, {"close to", "lt"},
		{"just shy of", "lt"}, {"shy of", "lt"}, {"fewer than", "lt"},
		{"about", "approx"}, {"around", "approx"}, {"roughly", "approx"},
		{"some", "approx"}, {"approximately", "approx"},
		{"an estimated", "approx"}, {"estimated", "approx"},
		{"approx", "approx"}, {NULL, NULL}};

static const char *qualifier(struct extract *x, size_t lo, size_t k)
{
	const struct qual *qs = qualifiers;
	size_t e = k;
	while (e > lo && (tw(x, e - 1, "by") || tw(x, e - 1, "a") ||
			  tw(x, e - 1, "just") || tw(x, e - 1, "to") ||
			  tw(x, e - 1, "at") || tw(x, e - 1, "of") ||
			  tw(x, e - 1, "with")))
		e--;
	if (e == 0 || !(x->tok[e - 1].cls & C_QLAST)) return "eq";
	for (int i = 0; qs[i].p; i++)
		if (phrase_before(x, e, lo, qs[i].p)) return qs[i].q;
	/* "jumped as much as 9.2%" puts the qualifier before "by" too */
	return "eq";
}

/* An amount's evidence starts at a qualifier written directly in front
 * of it ("topped S$2 billion", "about 50 million units"), else at the
 * amount: a preposition ("to", "of") is not part of an amount. */
static size_t qualifier_start(struct extract *x, size_t lo, size_t k)
{
	if (k == 0 || !(x->tok[k - 1].cls & C_QLAST)) return k;
	for (int i = 0; qualifiers[i].p; i++) {
		size_t s = phrase_before(x, k, lo, qualifiers[i].p);
		if (s) return s - 1;
	}
	return k;
}

static struct pending *new_pending(struct extract *x)
{
	if (x->npend == x->cappend) {
		size_t cap = x->cappend ? x->cappend * 2 : 16;
		struct pending *p = realloc(x->pend, cap * sizeof *p);
		if (!p) return NULL;
		x->pend = p;
		x->cappend = cap;
	}
	struct pending *p = &x->pend[x->npend++];
	memset(p, 0, sizeof *p);
	p->f.date = DATE_NONE;
	return p;
}

static void copy_span(struct extract *x, uint32_t s, uint32_t e, char *out,
		      size_t cap)
{
	size_t n = e - s;
	if (n >= cap) n = cap - 1;
	memcpy(out, x->t + s, n);
	out[n] = '\0';
}

static int segment_word(const struct extract *x, size_t k)
{
	static const char *const stop[] = {"Quarterly", "Annual", "Total", "Net",
		"Operating", "Full", "Its", "Their", "Group", "Company", "Revenue",
		"Sales", "Profit", "Overall", NULL};
	if (!cap_word(x, k)) return 0;
	for (const char *const *w = stop; *w; w++)
		if (tw(x, k, *w)) return 0;
	return 1;
}

/* A business line named with the measure noun: "Services revenue",
 * "revenue from Azure", "Sales at the Cloud Intelligence Group". */
static int segment_scope(struct extract *x, size_t noun, char *out, size_t cap)
{
	if (noun == (size_t)-1) return 0;
	/* a name in quotes: the "Cloud Intelligence" division */
	size_t e0 = noun > 0 && tw(x, noun - 1, "\"") ? noun - 1 : noun;
	size_t b = e0;
	while (b > 0 && segment_word(x, b - 1)) b--;
	if (b < e0) {
		copy_span(x, x->tok[b].s, x->tok[e0 - 1].e, out, cap);
		return 1;
	}
	size_t j = noun + 1;
	if (!tw(x, j, "from") && !tw(x, j, "at")) return 0;
	j++;
	if (tw(x, j, "the")) j++;
	size_t e = j;
	while (e < x->ntok && (segment_word(x, e) || tw(x, e, "Group"))) e++;
	if (e == j) return 0;
	copy_span(x, x->tok[j].s, x->tok[e - 1].e, out, cap);
	return 1;
}

/* The slice a reported figure is about: a place ("Greater China sales",
 * "shipments in China"), else a business line, else a product named
 * before the number ("iPhone revenue"). */
static void find_scope(struct extract *x, size_t lo, size_t k, size_t noun,
		       char *out, size_t cap)
{
	static const char *const regions[] = {"Greater China", "mainland China",
		"China", "Hong Kong", "Taiwan", "Japan", "India", "Europe",
		"the Americas", "Americas", "the United States", "the US",
		"Southeast Asia", "Asia Pacific", "Indonesia", "Korea", "Global",
		"global", "Worldwide", "worldwide", NULL};
	/* NULL: as written */
	static const char *const clean[] = {"Greater China", "China",
		"China", "Hong Kong", "Taiwan", "Japan", "India", "Europe",
		"Americas", "Americas", "US", "US", "Southeast Asia",
		"Asia Pacific", "Indonesia", "Korea", NULL, NULL, NULL, NULL, NULL};
	size_t hi = k + 7 < x->ntok ? k + 7 : x->ntok;
	out[0] = '\0';
	for (size_t j = lo; j < hi; j++) {
		if (j > k && !tw(x, j - 1, "in")) continue;
		if (j > lo && tw(x, j - 1, "-")) continue;
		if (!(x->tok[j].cls & C_REGION)) continue;   /* no region starts here */
		for (int r = 0; regions[r]; r++) {
			size_t e = phrase_at(x, j, regions[r]);
			if (!e || tw(x, e, "-")) continue;   /* Hong Kong-listed */
			if (clean[r]) snprintf(out, cap, "%s", clean[r]);
			else copy_span(x, x->tok[j].s, x->tok[e - 1].e, out, cap);
			return;
		}
	}
	if (segment_scope(x, noun, out, cap)) return;
	for (size_t j = lo; j < k; j++) {
		const struct tok *t = &x->tok[j];
		if (t->type == T_ENT && t->kind == LEXICON_PRODUCT) {
			copy_span(x, t->s, t->e, out, cap);
			return;
		}
	}
}

struct number_ctx {
	size_t k, lo, hi;          /* number token, local window */
	size_t prev;               /* previous number token, or -1 */
	struct pending *prev_fact; /* fact made from it */
	const char *market;        /* sentence's listing clue */
	const char *source;        /* sentence's attribution */
	int market_sentence;       /* the sentence is about market shares */
};

static void set_evidence(struct pending *p, struct extract *x, size_t from,
			 size_t k)
{
	p->s = x->tok[from].s;
	p->e = x->tok[k].e;
	if (from > k) {
		p->s = x->tok[k].s;
		p->e = x->tok[from].e;
	}
}

static void price_fact(struct extract *x, struct number_ctx *c,
		       struct pending *p, int ent, const struct numtok *n,
		       int dir, size_t vtok)
{
	size_t k = c->k;
	set_ticker(x, ent, k, p, c->market);
	p->f.date = price_day(x, k);
	if (n->unit == NUMTOK_PCT) {
		p->measure = "price_change";
		p->unit = "pct";
		p->qualifier = qualifier(x, c->lo, k);
		p->f.value = dir * n->value;
		const char *per = price_period(x, c->lo, c->hi, k, p->period,
					       sizeof p->period);
		if (!strcmp(p->qualifier, "max")) per = "intraday";
		if (per != p->period) snprintf(p->period, sizeof p->period, "%s", per);
		size_t from = vtok != (size_t)-1 ? vtok : k;
		if (from < k && from > c->lo && (x->tok[from - 1].cls & C_CLOSE))
			from--;
		/* "lifted the Hang Seng Index 4 per cent": the verb is the
		 * index's, not the number's neighbour */
		for (size_t j = from + 1; from < k && j < k; j++)
			if (is_entity_tok(&x->tok[j])) from = k;
		set_evidence(p, x, from, k);
		if (from > k) {
			/* "closed 8.1% higher", "ended the day 12.2 per cent higher" */
			size_t b = k;
			if (k > c->lo && (x->tok[k - 1].cls & (C_CLOSE | C_OPEN)))
				b = k - 1;
			else if (k >= c->lo + 3 && tw(x, k - 2, "the") &&
				 (tw(x, k - 1, "day") || tw(x, k - 1, "session")) &&
				 (x->tok[k - 3].cls & (C_CLOSE | C_OPEN)))
				b = k - 3;
			p->s = x->tok[b].s;
		}
		return;
	}
	/* a level: money, or an index's points */
	p->measure = "price";
	p->qualifier = "eq";
	p->f.value = n->value;
	const char *per = "level";
	const struct pending *pf = c->prev_fact;
	int to = tw(x, k - 1, "to");
	int at = tw(x, k - 1, "at");
	if (to && pf && !strcmp(pf->measure, "price_change") &&
	    !strcmp(pf->qualifier, "max"))
		per = pf->f.value < 0 ? "intraday_low" : "intraday_high";
	else if ((to || at) && pf && !strcmp(pf->measure, "price_change") &&
		 !strcmp(pf->period, "close"))
		per = "close";     /* "closed 8.1% higher at $135.97" */
	else if ((to || at) && k >= 2 && ((x->tok[k - 2].cls & C_CLOSE) ||
					  tw(x, k - 2, "end")))
		per = "close";
	else if (phrase_before(x, k, c->lo, "close of"))
		per = "close";
	else if ((to || at) && k >= 2 && (x->tok[k - 2].cls & C_OPEN))
		per = "open";
	else if (phrase_before(x, k, c->lo, "high of") ||
		 phrase_before(x, k, c->lo, "intraday high of"))
		per = "intraday_high";
	else if (phrase_before(x, k, c->lo, "low of"))
		per = "intraday_low";
	else {
		for (size_t j = c->lo; j < k; j++)
			if (x->tok[j].cls & C_CLOSE) per = "close";
	}
	snprintf(p->period, sizeof p->period, "%s", per);
	if (n->unit == NUMTOK_MONEY) {
		p->unit = n->currency;
		if (n->cur_dollar && ent >= 0 && p->ticker[0]) {
			const struct lexicon_entity *e = lexicon_entity(x->lx, ent);
			for (size_t i = 0; i < e->nlisting; i++)
				if (!strcmp(e->listing[i].ticker, p->ticker) &&
				    e->listing[i].currency[0])
					p->unit = e->listing[i].currency;
		}
	} else {
		p->unit = "points";
	}
	set_evidence(p, x, to || at ? k - 1 : k, k);
}

static int global_scope(const char *s)
{
	return !strcasecmp(s, "global") || !strcasecmp(s, "worldwide");
}

static void remember_market(struct extract *x, const struct pending *p)
{
	x->ctx.has_market = 1;
	snprintf(x->ctx.scope, sizeof x->ctx.scope, "%s", p->scope);
	snprintf(x->ctx.period, sizeof x->ctx.period, "%s", p->period);
	snprintf(x->ctx.attribution, sizeof x->ctx.attribution, "%s",
		 p->attribution);
}

/* A reported figure: revenue, profit, shipments, share, market value. */
static struct pending *reported_fact(struct extract *x, struct number_ctx *c,
				     struct pending *p, enum family fam,
				     int ent, size_t etok, size_t noun,
				     int dir, size_t vtok)
{
	size_t k = c->k;
	const struct numtok *n = &x->nums[x->tok[k].num];
	size_t from = vtok != (size_t)-1 ? vtok : k;
	size_t scope_lo = c->lo;
	if (etok < k && etok < scope_lo) scope_lo = etok;
	if (noun < k && noun < scope_lo) scope_lo = noun > 2 ? noun - 2 : 0;
	find_scope(x, scope_lo, k, noun, p->scope, sizeof p->scope);
	/* "grew 13 per cent ... to RMB31.74bn": the level of the change before */
	const struct pending *pf = c->prev_fact;
	if (!p->scope[0] && pf && pf->ent == ent && tw(x, k - 1, "to"))
		snprintf(p->scope, sizeof p->scope, "%s", pf->scope);
	clause_period(x, k, ent, p->period, sizeof p->period);
	p->qualifier = qualifier(x, c->lo, k);
	if (ent == -1) snprintf(p->entity, sizeof p->entity, "market");
	else if (global_scope(p->scope)) p->scope[0] = '\0';
	if (fam == F_SHARE || fam == F_SHIP) {
		p->market_family = 1;
		if (!p->scope[0] && x->ctx.has_market &&
		    (ent == -1 || !global_scope(x->ctx.scope)))
			snprintf(p->scope, sizeof p->scope, "%s", x->ctx.scope);
		if (!p->period[0] && x->ctx.has_market)
			snprintf(p->period, sizeof p->period, "%s", x->ctx.period);
		if (!p->attribution[0] && x->ctx.has_market)
			snprintf(p->attribution, sizeof p->attribution, "%s",
				 x->ctx.attribution);
	} else if (fam != F_MCAP) {
		if (!p->period[0])
			snprintf(p->period, sizeof p->period, "%s", x->ctx.reported);
		snprintf(x->ctx.reported, sizeof x->ctx.reported, "%s", p->period);
	}
	static const char *const level[] = {NULL, NULL, "revenue", "profit",
		"operating_profit", "shipments", "market_share", "market_cap"};
	static const char *const change[] = {NULL, NULL, "revenue_change",
		"profit_change", "operating_profit_change", "shipments_change",
		"market_share_change", NULL};
	if (n->unit == NUMTOK_MONEY && fam != F_SHIP && fam != F_SHARE) {
		p->measure = level[fam];
		p->unit = n->currency;
		p->f.value = n->value;
		if (fam == F_MCAP) snprintf(p->period, sizeof p->period, "level");
		set_evidence(p, x, qualifier_start(x, c->lo, k), k);
	} else if (fam == F_SHIP && n->unit == NUMTOK_NONE &&
		   (n->scale || (k + 1 < x->ntok && (x->tok[k + 1].cls & C_UNITS)))) {
		p->measure = "shipments";
		p->unit = "units";
		p->f.value = n->value;
		set_evidence(p, x, k, k + 1 < x->ntok && (x->tok[k + 1].cls & C_UNITS) ?
			     k + 1 : k);
	} else if (fam == F_SHARE && n->unit == NUMTOK_PP && dir) {
		p->measure = "market_share_change";
		p->unit = "pp";
		p->f.value = dir * n->value;
		set_evidence(p, x, from, k);
	} else if (fam == F_SHARE && n->unit == NUMTOK_PCT &&
		   (!dir || tw(x, k - 1, "to") || tw(x, k - 1, "at") ||
		    tw(x, k - 1, "with") || tw(x, k - 1, "of") ||
		    tw(x, k - 1, ",") || tw(x, k - 1, "a") || tw(x, k - 1, "an"))) {
		p->measure = "market_share";
		p->unit = "pct";
		p->f.value = n->value;
		set_evidence(p, x, k, k);
	} else if (n->unit == NUMTOK_PCT && dir && change[fam]) {
		p->measure = change[fam];
		p->unit = "pct";
		p->f.value = dir * n->value;
		set_evidence(p, x, from, k);
	} else {
		x->npend--;
		return NULL;
	}
	if (p->market_family) remember_market(x, p);
	return p;
}

/* The entity at token j is the subject of a verb of moving: "Tencent
 * slipped", "Alibaba's shares fell", "the Hang Seng Index ended". */
static int subject_tok(const struct extract *x, size_t j)
{
	size_t n = j + 1;
	if (tw(x, n, "'s")) n++;
	while (n < x->ntok && (x->tok[n].cls & C_PRICE)) n++;
	return n < x->ntok && (x->tok[n].cls & (C_UP | C_DOWN | C_CLOSE | C_OPEN));
}

/* Tokens [lo, hi) are an aside between a change and the level it went
 * to ("grew 13 per cent - helped by sales of AI services - to RMB31.74bn"):
 * no verb of moving and no other name in them. */
static int aside(const struct extract *x, size_t lo, size_t hi)
{
	for (size_t j = lo; j < hi; j++)
		if ((x->tok[j].cls & (C_UP | C_DOWN)) || is_entity_tok(&x->tok[j]) ||
		    x->tok[j].type == T_NUM || tw(x, j, "."))
			return 0;
	return hi - lo <= 12;
}

/* Rules for one number; returns the fact made, or NULL. */
static struct pending *number_rule(struct extract *x, struct number_ctx *c)
{
	size_t k = c->k;
	const struct numtok *n = &x->nums[x->tok[k].num];
	if (is_year_tok(x, k, NULL)) return NULL;
	size_t noun;
	enum family fam = measure_family(x, k, &noun);
	const struct pending *pf = c->prev_fact;
	/* "rose 9.2% to HK$124.3", "sales fell 11% to $18.51 billion" */
	if (pf && (tw(x, k - 1, "to") || tw(x, k - 1, "at")) &&
	    (c->prev + 4 >= k || aside(x, c->prev + 1, k - 1))) {
		if (!strcmp(pf->measure, "price_change")) fam = F_PRICE;
		else if (!strcmp(pf->measure, "revenue_change")) fam = F_REV;
		else if (!strcmp(pf->measure, "profit_change")) fam = F_PROFIT;
		else if (!strcmp(pf->measure, "operating_profit_change")) fam = F_OPER;
	}
	size_t vtok;
	int dir = direction(x, c->lo, k, &vtok);
	/* "jumped 1,508 points, or 3.6%": the verb of the restated move */
	if (!dir && !pf && c->prev != (size_t)-1 && k - c->prev <= 4)
		dir = direction(x, 0, k, &vtok);
	/* "Tencent fell 2% and Meituan 3%": the verb carries over */
	if (!dir && pf && n->unit == NUMTOK_PCT && pf->unit &&
	    !strcmp(pf->unit, "pct") && strstr(pf->measure, "change"))
		dir = pf->f.value < 0 ? -1 : 1;
	int market = x->ctx.has_market || c->market_sentence;
	if (fam == F_NONE && market && n->unit == NUMTOK_PCT && !dir)
		fam = F_SHARE;         /* "Samsung ranked second ..., or 18%" */
	if (fam == F_NONE && market && n->unit == NUMTOK_NONE &&
	    k + 1 < x->ntok && (x->tok[k + 1].cls & C_UNITS))
		fam = F_SHIP;          /* "with 232.1 million units" */
	if (fam == F_NONE || hedged(x, k)) return NULL;

	struct pending tmp;
	memset(&tmp, 0, sizeof tmp);
	size_t etok;
	int ent = resolve_entity(x, k, &tmp, &etok,
				 fam == F_SHIP || fam == F_SHARE);
	/* "rose 9.2% ... after it agreed with Apple on ..., before paring
	 * gains to close up 2.6%": a name since the last move that is not
	 * the subject of a verb leaves the move with the last one's subject
	 * (unless the number follows it: "dragging the Nasdaq 3.1% lower") */
	if (fam == F_PRICE && pf && !strncmp(pf->measure, "price", 5) &&
	    etok != (size_t)-1 && etok > c->prev && etok + 1 < k &&
	    !subject_tok(x, etok)) {
		ent = pf->ent;
		snprintf(tmp.entity, sizeof tmp.entity, "%s", pf->entity);
	}
	if (ent == -1 && fam != F_SHIP && fam != F_SHARE) return NULL;
	struct pending *p = new_pending(x);
	if (!p) return NULL;
	*p = tmp;
	p->ent = ent;
	p->f.date = x->date;
	if (c->source) snprintf(p->attribution, sizeof p->attribution, "%s", c->source);
	if (fam != F_PRICE)
		return reported_fact(x, c, p, fam, ent, etok, noun, dir, vtok);
	int after_prep = tw(x, k - 1, "at") || tw(x, k - 1, "to") ||
			 tw(x, k - 1, "of");
	int points = n->unit == NUMTOK_NONE && ent >= 0 &&
		     lexicon_entity(x->lx, ent)->is_index && n->value >= 100 &&
		     after_prep;
	int level = n->unit == NUMTOK_MONEY && after_prep;
	if (((n->unit == NUMTOK_PCT && dir) || level || points) &&
	    (ent == -2 || ent >= 0)) {
		price_fact(x, c, p, ent, n, dir, vtok);
		return p;
	}
	x->npend--;
	return NULL;
}

/* "the largest market share", "second place", "third place": a rank. */
/* "net profit doubled", "tripled its quarterly profit", "the stock has
 * lost half its value": a change stated by a multiplying word. */
static void multiplier_rules(struct extract *x, const char *market)
{
	for (size_t k = 0; k < x->ntok; k++) {
		double v;
		size_t e = k;
		if (tw(x, k, "doubled")) v = 100;
		else if (tw(x, k, "tripled") || tw(x, k, "trebled")) v = 200;
		else if (tw(x, k, "quadrupled")) v = 300;
		else if (tw(x, k, "halved")) v = -50;
		else if ((tw(x, k, "lost") || tw(x, k, "shed")) && tw(x, k + 1, "half") &&
			 x->tok[k + 1].type == T_WORD) {
			v = -50;
			e = k + 1;
		} else
			continue;
		if (hedged(x, k)) continue;
		enum family fam = F_NONE;
		size_t noun = (size_t)-1;
		for (size_t j = k + 1; j < x->ntok && j <= k + 4 && fam == F_NONE; j++) {
			if (x->tok[j].type == T_NUM || x->tok[j].type == T_PUNCT) break;
			if ((fam = noun_family(x, j)) != F_NONE) noun = j;
		}
		if (fam == F_NONE) fam = measure_family(x, k, &noun);
		if (fam != F_PRICE && fam != F_REV && fam != F_PROFIT &&
		    fam != F_OPER && fam != F_SHIP)
			continue;
		struct pending tmp;
		memset(&tmp, 0, sizeof tmp);
		size_t etok;
		int ent = resolve_entity(x, k, &tmp, &etok, 0);
		if (ent == -1) continue;
		struct pending *p = new_pending(x);
		if (!p) return;
		*p = tmp;
		p->ent = ent;
		p->unit = "pct";
		p->qualifier = "eq";
		p->f.value = v;
		p->s = x->tok[k].s;
		p->e = x->tok[e].e;
		if (fam == F_PRICE) {
			p->measure = "price_change";
			set_ticker(x, ent, k, p, market);
			p->f.date = price_day(x, e);
			const char *per = price_period(x, 0, x->ntok, e, p->period,
						       sizeof p->period);
			if (per != p->period)
				snprintf(p->period, sizeof p->period, "%s", per);
			continue;
		}
		static const char *const change[] = {NULL, NULL, "revenue_change",
			"profit_change", "operating_profit_change", "shipments_change"};
		p->measure = change[fam];
		p->f.date = x->date;
		find_scope(x, etok < k ? etok : k, k, noun, p->scope, sizeof p->scope);
		clause_period(x, k, ent, p->period, sizeof p->period);
		snprintf(x->ctx.reported, sizeof x->ctx.reported, "%s", p->period);
	}
}

static void rank_rules(struct extract *x, const char *source, int market)
{
	if (!(market || x->ctx.has_market)) return;   /* a rank needs a market */
	for (size_t k = 0; k < x->ntok; k++) {
		int rank = 0;
		size_t e = 0;
		size_t b = k;
		if ((e = phrase_at(x, k, "largest market share")) ||
		    (e = phrase_at(x, k, "biggest market share")) ||
		    (e = phrase_at(x, k, "led the market")) ||
		    (e = phrase_at(x, k, "topped the market")) ||
		    (e = phrase_at(x, k, "market leader")))
			rank = 1;
		else if ((e = phrase_at(x, k, "top spot")) ||
			 (e = phrase_at(x, k, "top position")) ||
			 (e = phrase_at(x, k, "top place"))) {
			/* "kept the top spot": the phrase that states it */
			rank = 1;
			if (k >= 2 && tw(x, k - 1, "the") && x->tok[k - 2].type == T_WORD)
				b = k - 2;
		} else if ((rank = ordinal_value(x, k)) &&
			 (x->tok[k + 1 < x->ntok ? k + 1 : k].cls & C_PLACE))
			e = k + 1;   /* "second place": the ordinal word */
		else if (rank && k > 0 && ((x->tok[k - 1].cls & C_RANKVERB) ||
			  (k > 1 && is_entity_tok(&x->tok[k - 1]) &&
			   (x->tok[k - 2].cls & C_RANKVERB))) &&
			 !tw(x, k + 1, "-") && !tw(x, k + 1, "quarter") &&
			 !tw(x, k + 1, "half"))
			e = k + 1;         /* "ranked second", "came third",
					      "ranked Vivo first" */
		else if (rank && k > 0 && is_entity_tok(&x->tok[k - 1]) &&
			 (k + 1 >= x->ntok || x->tok[k + 1].type == T_PUNCT ||
			  tw(x, k + 1, "and")))
			e = k + 1;         /* "with Vivo second and Xiaomi third" */
		else
			rank = 0;
		if (!rank) continue;
		/* "lost the top spot", "pushed off the top spot" */
		if (k > 0 && (tw(x, k - 1, "the") ? k > 1 : 1)) {
			size_t v = tw(x, k - 1, "the") ? k - 2 : k - 1;
			if (tw(x, v, "lost") || tw(x, v, "losing") || tw(x, v, "off") ||
			    tw(x, v, "from") || tw(x, v, "ceded") || tw(x, v, "lose") ||
			    tw(x, v, "regain") || tw(x, v, "reclaim"))
				continue;
		}
		struct pending tmp;
		memset(&tmp, 0, sizeof tmp);
		size_t etok;
		int ent = resolve_entity(x, k, &tmp, &etok, 1);
		if (ent < 0 && ent != -2) continue;
		if (ent >= 0 && lexicon_entity(x->lx, ent)->is_index) continue;
		struct pending *p = new_pending(x);
		if (!p) return;
		*p = tmp;
		p->f.date = x->date;
		p->measure = "market_rank";
		p->unit = "rank";
		p->qualifier = "eq";
		p->f.value = rank;
		p->market_family = 1;
		find_scope(x, etok != (size_t)-1 && etok < k ? etok : k, k,
			   (size_t)-1, p->scope, sizeof p->scope);
		if (ent >= 0 && global_scope(p->scope)) p->scope[0] = '\0';
		reported_period(x, 0, x->ntok, ent, p->period, sizeof p->period);
		if (source) snprintf(p->attribution, sizeof p->attribution, "%s", source);
		if (x->ctx.has_market) {
			if (!p->scope[0] && !global_scope(x->ctx.scope))
				snprintf(p->scope, sizeof p->scope, "%s", x->ctx.scope);
			if (!p->period[0])
				snprintf(p->period, sizeof p->period, "%s", x->ctx.period);
			if (!p->attribution[0])
				snprintf(p->attribution, sizeof p->attribution, "%s",
					 x->ctx.attribution);
		}
		p->s = x->tok[b].s;
		p->e = x->tok[e - 1].e;
	}
}

static const char *sentence_source(struct extract *x)
{
	for (size_t k = 0; k < x->ntok; k++)
		if (x->tok[k].type == T_ENT && x->tok[k].kind == LEXICON_SOURCE)
			return lexicon_entity(x->lx, x->tok[k].ent)->name;
	/* "according to (research firm) Tidewater Research": a firm the
	 * lexicon lacks, as written */
	for (size_t k = 0; k < x->ntok; k++) {
		size_t j = phrase_at(x, k, "according to");
		if (!j) continue;
		while (j < x->ntok && x->tok[j].type == T_WORD &&
		       islower((unsigned char)x->t[x->tok[j].s]) && j < k + 6)
			j++;   /* "market research firm" */
		size_t e = j;
		while (e < x->ntok && (cap_word(x, e) || company_suffix(x, e))) e++;
		if (e == j || e - j > 4) continue;
		copy_span(x, x->tok[j].s, x->tok[e - 1].e, x->source,
			  sizeof x->source);
		return x->source;
	}
	return NULL;
}

static int sentence_market(struct extract *x, const char *source)
{
	for (size_t k = 0; k < x->ntok; k++) {
		uint32_t c = x->tok[k].cls;
		/* "Canalys ranked Vivo first in China's smartphone market" */
		if ((c & C_MARKET) && source) return 1;
		if ((c & C_SHARE) && k > 0 && (x->tok[k - 1].cls & C_MARKET)) return 1;
		if (c & C_SHIP) return 1;
		if (phrase_at(x, k, "of the market")) return 1;
	}
	return 0;
}

/* The entity in focus for the sentences that follow: the first one this
 * sentence names (its subject, as a rule), and the first company. */
static void update_topic(struct extract *x)
{
	int any = 0, co = 0;
	for (size_t k = 0; k < x->ntok && !(any && co); k++) {
		const struct tok *t = &x->tok[k];
		if (!is_entity_tok(t)) continue;
		int idx = t->ent >= 0 && lexicon_entity(x->lx, t->ent)->is_index;
		if (!any && t->ent >= 0) {
			x->ctx.topic_any = t->ent;
			any = 1;
		}
		if (co || idx) continue;
		co = 1;
		x->ctx.topic = t->ent;
		if (t->ent == -2)
			copy_span(x, t->s, t->e, x->ctx.topic_name,
				  sizeof x->ctx.topic_name);
	}
}

/* A listing clue in a sentence that names no company ("U.S.-listed
 * shares of Chinese companies rallied") tells what market the article
 * is about. */
static void article_market(struct extract *x, const char *market)
{
	if (!market) return;
	for (size_t k = 0; k < x->ntok; k++) {
		const struct tok *t = &x->tok[k];
		if (is_entity_tok(t) &&
		    (t->ent < 0 || !lexicon_entity(x->lx, t->ent)->is_index))
			return;
	}
	x->ctx.market = market;
}

static void listing_tokens(struct extract *x)
{
	for (size_t k = 0; k < x->ntok; k++) {
		const struct tok *t = &x->tok[k];
		if (t->type == T_ENT && t->market && t->ent >= 0) {
			const struct lexicon_listing *l =
				lexicon_listing_on(x->lx, t->ent, t->market);
			if (l) x->listing[t->ent] = l;
		}
	}
}

static int cmp_pending(const void *a, const void *b)
{
	const struct pending *p = a, *q = b;
	if (p->s != q->s) return p->s < q->s ? -1 : 1;
	return 0;
}

static int emit_pending(struct extract *x, extract_emit_fn emit, void *ctx)
{
	/* stable by span: insertion sort keeps rule order on ties */
	for (size_t i = 1; i < x->npend; i++) {
		struct pending v = x->pend[i];
		size_t j = i;
		while (j > 0 && cmp_pending(&x->pend[j - 1], &v) > 0) {
			x->pend[j] = x->pend[j - 1];
			j--;
		}
		x->pend[j] = v;
	}
	const struct article *a = x->a;
	for (size_t i = 0; i < x->npend; i++) {
		struct pending *p = &x->pend[i];
		uint32_t bs = a->map[p->s];
		uint32_t last = a->map[p->e - 1];
		unsigned char c = (unsigned char)a->body[last];
		uint32_t be = last + (c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2);
		if (be > a->body_len) be = (uint32_t)a->body_len;
		size_t n = be - bs;
		if (n + 1 > x->evcap) {
			char *e = realloc(x->ev, n + 1);
			if (!e) return -1;
			x->ev = e;
			x->evcap = n + 1;
		}
		memcpy(x->ev, a->body + bs, n);
		x->ev[n] = '\0';
		for (size_t j = 0; j < n; j++)
			if (x->ev[j] == '\n' || x->ev[j] == '\r') x->ev[j] = ' ';
		struct fact *f = &p->f;
		f->doc = a->doc;
		f->entity = p->entity;
		f->ticker = p->ticker;
		f->scope = p->scope;
		f->measure = p->measure;
		f->unit = p->unit;
		f->qualifier = p->qualifier;
		f->period = p->period;
		f->attribution = p->attribution;
		f->evidence = x->ev;
		f->span_start = bs;
		f->span_end = be;
		f->line = 0;
		int rc = emit(ctx, f);
		if (rc) return rc;
	}
	return 0;
}

static int has_digit_or_word(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (isdigit(c)) return 1;
	}
	/* number words ("eleven per cent", "a third of"), ranks ("second place") */
	static const char *const cue[] = {"per", "third", "half", "quarter",
		"fifth", "place", "largest", "top", "spot", "first", "second",
		"fourth", "led the", "leader", "doubled", "tripled", "trebled",
		"quadrupled", "halved", NULL};
	for (const char *const *w = cue; *w; w++) {
		size_t m = strlen(*w);
		for (size_t i = 0; i + m <= n; i++)
			if (s[i] == **w && !memcmp(s + i, *w, m)) return 1;
	}
	return 0;
}

static int sentence(struct extract *x, size_t s0, size_t s1,
		    extract_emit_fn emit, void *ctx)
{
	tokenize(x, s0, s1);
	if (x->cut) s1 = x->cut;
	x->npend = 0;
	listing_tokens(x);
	if (has_digit_or_word(x->t + s0, s1 - s0)) {
		unknown_companies(x);
		const char *source = sentence_source(x);
		const char *market = listing_clue(x, 0, x->ntok);
		int is_market = sentence_market(x, source);
		article_market(x, market);
		struct number_ctx c = {0, 0, 0, (size_t)-1, NULL, market, source,
					 is_market};
		size_t prev = (size_t)-1;
		struct pending *prev_fact = NULL;
		for (size_t k = 0; k < x->ntok; k++) {
			if (x->tok[k].type != T_NUM) continue;
			size_t next = k + 1;
			while (next < x->ntok && x->tok[next].type != T_NUM) next++;
			c.k = k;
			c.lo = prev == (size_t)-1 ? 0 : prev + 1;
			c.hi = next;
			c.prev = prev;
			c.prev_fact = prev_fact;
			size_t before = x->npend;
			struct pending *p = number_rule(x, &c);
			const struct numtok *n = &x->nums[x->tok[k].num];
			if (p && n->range && p->unit && (!strcmp(p->unit, "pct") ||
							 !strcmp(p->unit, "pp"))) {
				/* a range states two bounds: above the low end, below the high */
				struct pending *q = new_pending(x);
				if (q) {
					p = &x->pend[x->npend - 2];
					*q = *p;
					double sign = p->f.value < 0 ? -1 : 1;
					p->qualifier = "gt";
					q->qualifier = "lt";
					q->f.value = sign * n->hi;
				}
			}
			prev_fact = x->npend > before ? &x->pend[x->npend - 1] : NULL;
			if (prev_fact && !prev_fact->market_family &&
			    strcmp(prev_fact->measure, "price") &&
			    strcmp(prev_fact->measure, "price_change"))
				x->ctx.has_market = 0;
			prev = k;
		}
		multiplier_rules(x, market);
		rank_rules(x, source, is_market);
	}
	update_topic(x);
	/* a day carries to later sentences only from a sentence that states
	 * a price move ("said on Thursday" after a revenue figure does not) */
	int moved = 0;
	for (size_t i = 0; i < x->npend; i++)
		if (!strncmp(x->pend[i].measure, "price", 5)) moved = 1;
	int32_t day = moved ? sentence_day(x) : DATE_NONE;
	if (x->npend) x->ctx.last_price = moved;
	for (size_t k = 0; k + 1 < x->ntok; k++) {
		int y;
		if (tw(x, k, "in") && is_year_tok(x, k + 1, &y) && x->ctx.topic >= 0) {
			x->ctx.year_ent = x->ctx.topic;
			x->ctx.year = y;
		}
	}
	if (day != DATE_NONE) x->ctx.day = day;
	return emit_pending(x, emit, ctx);
}

/* "HONG KONG, Oct 8 -": a dateline names the market a wire story is
 * about. */
static const char *dateline_market(const char *t, size_t len)
{
	static const struct { const char *city, *m; } d[] = {
		{"HONG KONG", "HK"}, {"NEW YORK", "US"}, {"SHANGHAI", "SH"},
		{"SHENZHEN", "SZ"}, {NULL, NULL}};
	size_t i = 0;
	while (i < len && isspace((unsigned char)t[i])) i++;
	for (int k = 0; d[k].city; k++) {
		size_t n = strlen(d[k].city);
		if (i + n < len && !strncmp(t + i, d[k].city, n) &&
		    (t[i + n] == ',' || t[i + n] == ' ' || t[i + n] == '('))
			return d[k].m;
	}
	return NULL;
}

int extract_article(struct extract *x, const struct article *a,
		    extract_emit_fn emit, void *ctx)
{
	x->a = a;
	x->t = a->text;
	x->date = a->date;
	memset(&x->ctx, 0, sizeof x->ctx);
	x->ctx.topic = x->ctx.topic_any = x->ctx.year_ent = -1;
	x->ctx.day = DATE_NONE;
	x->ctx.market = dateline_market(a->text, a->text_len);
	memset(x->listing, 0, (x->nent + 1) * sizeof *x->listing);
	size_t i = 0, len = a->text_len;
	while (i < len) {
		while (i < len && isspace((unsigned char)a->text[i])) i++;
		if (i >= len) break;
		size_t e = article_sentence_end(a->text, len, i);
		int rc = sentence(x, i, e, emit, ctx);
		if (rc) return rc;
		if (x->cut > i) e = x->cut;   /* the rest of a long sentence next */
		i = e > i ? e : i + 1;
	}
	return 0;
}

static int append_fact(void *ctx, const struct fact *f)
{
	return facts_append(ctx, f);
}

int extract_text(struct extract *x, const char *doc, const char *text,
		 int32_t date, struct facts *out)
{
	size_t len = strlen(text);
	char *t = malloc(len + 1);
	uint32_t *map = malloc((len + 1) * sizeof *map);
	if (!t || !map) {
		free(t);
		free(map);
		return -1;
	}
	struct article a = {doc, date, text, len, t, 0, map, 1};
	a.text_len = article_normalise(text, len, t, map);
	int rc = extract_article(x, &a, append_fact, out);
	free(t);
	free(map);
	return rc ? -1 : 0;
}
