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
	C_NOTPRICE = 1 << 19   /* words that mean a stake, a tariff, a rate */
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
	{"up", C_UP}, {"higher", C_UP}, {"spiked", C_UP}, {"rebounded", C_UP},
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
	{"decrease", C_DOWN | C_DIRNOUN}, {"down", C_DOWN}, {"lower", C_DOWN},
	{"shed", C_DOWN}, {"sheds", C_DOWN}, {"retreated", C_DOWN},
	{"slipped", C_DOWN}, {"slips", C_DOWN}, {"dipped", C_DOWN},
	{"dip", C_DOWN | C_DIRNOUN}, {"eased", C_DOWN}, {"plummeted", C_DOWN},
	{"crashed", C_DOWN}, {"sagged", C_DOWN}, {"shrank", C_DOWN},
	{"shrunk", C_DOWN}, {"contracted", C_DOWN}, {"weakened", C_DOWN},
	{"tanked", C_DOWN}, {"skidded", C_DOWN},
	{"shares", C_PRICE | C_REF}, {"stock", C_PRICE | C_REF},
	{"stocks", C_PRICE}, {"adrs", C_PRICE}, {"adss", C_PRICE},
	{"revenue", C_REV}, {"revenues", C_REV}, {"sales", C_REV},
	{"turnover", C_REV}, {"profit", C_PROFIT}, {"profits", C_PROFIT},
	{"earnings", C_PROFIT}, {"income", C_PROFIT}, {"operating", C_OPER},
	{"shipments", C_SHIP}, {"shipment", C_SHIP}, {"shipped", C_SHIP},
	{"share", C_SHARE}, {"market", C_MARKET}, {"value", C_VALUE},
	{"valuation", C_VALUE}, {"capitalisation", C_VALUE},
	{"capitalization", C_VALUE},
	{"close", C_CLOSE}, {"closed", C_CLOSE}, {"closing", C_CLOSE},
	{"ended", C_CLOSE}, {"ending", C_CLOSE}, {"finished", C_CLOSE},
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
	{"stake", C_NOTPRICE}, {"tariff", C_NOTPRICE}, {"tariffs", C_NOTPRICE},
	{"rate", C_NOTPRICE}, {"rates", C_NOTPRICE}, {"yield", C_NOTPRICE},
	{"inflation", C_NOTPRICE}, {"gdp", C_NOTPRICE}, {"margin", C_NOTPRICE},
	{"margins", C_NOTPRICE}, {"dividend", C_NOTPRICE},
	{"discount", C_NOTPRICE}, {"premium", C_NOTPRICE},
	{"owns", C_NOTPRICE}, {"holds", C_NOTPRICE}, {"vote", C_NOTPRICE},
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
};

/* What the article says beyond one sentence. */
struct context {
	int topic;                  /* entity in focus, -1 none */
	char topic_name[96];        /* its name when unknown to the lexicon */
	char scope[48], period[32], attribution[48];   /* last market fact */
	int has_market;
};

struct extract {
	const struct lexicon *lx;
	struct { uint32_t hash; int idx; } kw[KW_SLOTS];
	struct tok *tok;
	struct numtok *nums;
	size_t ntok, captok, nnum;
	struct pending *pend;
	size_t npend, cappend;
	const struct lexicon_listing **listing;   /* per entity, this article */
	size_t nent;
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
			return keywords[k].c;
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
		x->kw[i].hash = h;
		x->kw[i].idx = k;
	}
	x->nent = lexicon_count(lx);
	x->listing = calloc(x->nent + 1, sizeof *x->listing);
	x->captok = 1024;
	x->tok = malloc(x->captok * sizeof *x->tok);
	x->nums = malloc(x->captok * sizeof *x->nums);
	if (!x->listing || !x->tok || !x->nums) {
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

static int tw(const struct extract *x, size_t k, const char *w)
{
	if (k >= x->ntok) return 0;
	const struct tok *t = &x->tok[k];
	size_t n = strlen(w);
	return (t->type == T_WORD || t->type == T_PUNCT) && t->e - t->s == n &&
	       !strncasecmp(x->t + t->s, w, n);
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
static size_t phrase_at(const struct extract *x, size_t k, const char *phrase)
{
	const char *p = phrase;
	while (*p) {
		while (k < x->ntok && tw(x, k, "-")) k++;
		size_t n = strcspn(p, " ");
		if (k >= x->ntok) return 0;
		const struct tok *t = &x->tok[k];
		if (t->type != T_WORD || t->e - t->s != n ||
		    strncasecmp(x->t + t->s, p, n))
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

static void tokenize(struct extract *x, size_t s0, size_t s1)
{
	const char *s = x->t;
	x->ntok = x->nnum = 0;
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
			   numtok_may_start(c) &&
			   numtok_scan(s, s1, i, &x->nums[x->nnum])) {
			n = x->nums[x->nnum].end - i;
			t.type = T_NUM;
			t.num = (int)x->nnum++;
		} else if (start && is_word_byte(c) &&
			   lexicon_match(x->lx, s, s1, i, &hit)) {
			n = hit.len;
			t.type = hit.kind == LEXICON_IGNORE ? T_WORD : T_ENT;
			t.ent = hit.entity;
			t.kind = hit.kind;
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
		if (push_tok(x, &t)) break;
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
		"Rival", "While", "After", "And", "Both", NULL};
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

/* A capitalised name the lexicon lacks, plainly the subject of a price
 * move: "Shares of Foo Holdings", "Foo Holdings shares", "Foo's stock". */
static void unknown_companies(struct extract *x)
{
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
			  size_t *etok)
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
		{"Hong Kong stock", "HK"}, {"New York listed", "US"},
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
	} else if (e->nlisting == 1) {
		l = &e->listing[0];
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

/* Period of a reported figure (revenue, shipments, share) from the words
 * of tokens [lo, hi). */
static void reported_period(struct extract *x, size_t lo, size_t hi, int ent,
			    char *out, size_t cap)
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
	if (find_phrase(x, lo, hi, "annual") || find_phrase(x, lo, hi, "full year") ||
	    find_phrase(x, lo, hi, "for the year") ||
	    find_phrase(x, lo, hi, "last year") || find_phrase(x, lo, hi, "yearly")) {
		if (pub_y) snprintf(out, cap, "year:%d", pub_y - 1);
		else snprintf(out, cap, "year");
		return;
	}
	if (find_phrase(x, lo, hi, "the quarter") || find_phrase(x, lo, hi, "quarterly"))
		snprintf(out, cap, "quarter");
}

/* Period of a share-price move from the words around it. */
static const char *price_period(struct extract *x, size_t lo, size_t hi,
				size_t win_lo, size_t k, char *buf, size_t cap)
{
	int pub_y = 0, m, d, v;
	if (x->date != DATE_NONE) date_to_civil(x->date, &pub_y, &m, &d);
	static const char *const ytd[] = {"so far this year", "this year",
		"year to date", "ytd", "since the start of the year",
		"since the beginning of the year", "so far in", NULL};
	for (int i = 0; ytd[i]; i++)
		if (find_phrase(x, win_lo, hi, ytd[i])) return "ytd";
	for (size_t j = win_lo; j < hi; j++)
		if (tw(x, j, "in") && is_year_tok(x, j + 1, &v)) {
			if (v == pub_y || (!pub_y && (find_phrase(x, lo, hi, "already") ||
					  find_phrase(x, lo, hi, "so far") ||
					  find_phrase(x, lo, hi, "has") ||
					  find_phrase(x, lo, hi, "have"))))
				return "ytd";
			snprintf(buf, cap, "year:%d", v);
			return buf;
		}
	if (find_phrase(x, win_lo, hi, "premarket") ||
	    find_phrase(x, win_lo, hi, "pre market"))
		return "premarket";
	if (find_phrase(x, win_lo, hi, "after hours") ||
	    find_phrase(x, win_lo, hi, "extended trading") ||
	    find_phrase(x, win_lo, hi, "late trading"))
		return "afterhours";
	if (find_phrase(x, win_lo, hi, "this week") ||
	    find_phrase(x, win_lo, hi, "for the week") ||
	    find_phrase(x, win_lo, hi, "on the week"))
		return "week";
	if (find_phrase(x, win_lo, hi, "this month") ||
	    find_phrase(x, win_lo, hi, "for the month"))
		return "month";
	for (size_t j = win_lo; j + 1 < hi; j++) {
		if (x->tok[j].type != T_NUM) continue;
		const struct numtok *n = &x->nums[x->tok[j].num];
		if (n->unit == NUMTOK_NONE && !n->has_point && n->value >= 2 &&
		    n->value < 400 && (phrase_at(x, j + 1, "sessions") ||
				       phrase_at(x, j + 1, "trading days") ||
				       phrase_at(x, j + 1, "days"))) {
			snprintf(buf, cap, "days:%d", (int)n->value);
			return buf;
		}
	}
	for (size_t j = win_lo; j < k; j++) {
		if (x->tok[j].cls & C_CLOSE) return "close";
		if (x->tok[j].cls & C_OPEN) return "open";
		if (tw(x, j, "intraday") || phrase_at(x, j, "as much as") ||
		    phrase_at(x, j, "at one point") || phrase_at(x, j, "up to") ||
		    phrase_at(x, j, "as high as") || phrase_at(x, j, "as low as"))
			return "intraday";
	}
	return "day";
}

/* A trading day the sentence names: "on Thursday", "yesterday",
 * "Feb. 11, 2025"; else the publication date. */
static int32_t price_day(struct extract *x, size_t lo, size_t hi)
{
	for (size_t k = lo; k < hi; k++) {
		const struct tok *t = &x->tok[k];
		if (t->type != T_WORD) continue;
		int wd = date_weekday_word(x->t + t->s, t->e - t->s);
		if (wd >= 0 && t->e - t->s > 3 && x->date != DATE_NONE)
			return date_on_or_before(x->date, wd);
		if (tw(x, k, "yesterday") && x->date != DATE_NONE)
			return x->date - 1;
		size_t used;
		if (isupper((unsigned char)x->t[t->s]) &&
		    date_month_word(x->t + t->s, t->e - t->s + 1, &used)) {
			int32_t d;
			if (date_parse_text(x->t + t->s, x->tok[hi - 1].e - t->s, &d))
				return d;
		}
	}
	return x->date;
}

/* ---- the rules --------------------------------------------------------- */

enum family { F_NONE, F_PRICE, F_REV, F_PROFIT, F_OPER, F_SHIP, F_SHARE, F_MCAP };

/* The measure family of number k: the measure noun nearest before it (a
 * subject that moved, "Tencent rose 2%", counts as a price), else one
 * right after it ("15% of the market", "11% iPhone sales decline"). */
static enum family measure_family(struct extract *x, size_t k, int *verb_seen)
{
	int verb = 0;
	for (size_t j = k; j-- > 0;) {
		const struct tok *t = &x->tok[j];
		uint32_t c = t->cls;
		if (c & (C_UP | C_DOWN)) verb = 1;
		if (c & C_NOTPRICE) return F_NONE;
		if (c & C_SHARE) {
			if (j > 0 && (x->tok[j - 1].cls & C_MARKET)) return F_SHARE;
			if (tw(x, j + 1, "price")) return F_PRICE;
			if (tw(x, j + 1, "of")) return F_SHARE;
		}
		if (c & C_PRICE) return F_PRICE;
		if (c & C_REV) return F_REV;
		if (c & C_PROFIT) {
			if (j > 0 && (x->tok[j - 1].cls & C_OPER)) return F_OPER;
			return F_PROFIT;
		}
		if (c & C_SHIP) return F_SHIP;
		if ((c & C_VALUE) && j > 0 && (x->tok[j - 1].cls & C_MARKET))
			return F_MCAP;
		if (tw(x, j, "cap") && j > 0 && (x->tok[j - 1].cls & C_MARKET))
			return F_MCAP;
		if (tw(x, j, "valued")) return F_MCAP;
		if (is_entity_tok(t)) {
			if (t->ent >= 0 && lexicon_entity(x->lx, t->ent)->is_index)
				return F_PRICE;
			if (verb && t->kind != LEXICON_PRODUCT) {
				*verb_seen = 1;
				return F_PRICE;
			}
		}
	}
	for (size_t j = k + 1; j < x->ntok && j <= k + 4; j++) {
		uint32_t c = x->tok[j].cls;
		if (x->tok[j].type == T_NUM) break;
		if (c & C_REV) return F_REV;
		if (c & C_SHIP) return F_SHIP;
		if (phrase_at(x, j, "of the market") || phrase_at(x, j, "market share"))
			return F_SHARE;
	}
	return F_NONE;
}

/* Direction of number k: the nearest verb before it in [lo, k), or a
 * noun right after it; *vtok gets the verb's token. */
static int direction(struct extract *x, size_t lo, size_t k, size_t *vtok)
{
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

static const char *qualifier(struct extract *x, size_t lo, size_t k)
{
	static const struct { const char *p, *q; } qs[] = {
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
	size_t e = k;
	while (e > lo && (tw(x, e - 1, "by") || tw(x, e - 1, "a") ||
			  tw(x, e - 1, "just") || tw(x, e - 1, "to") ||
			  tw(x, e - 1, "at") || tw(x, e - 1, "of") ||
			  tw(x, e - 1, "with")))
		e--;
	for (int i = 0; qs[i].p; i++)
		if (phrase_before(x, e, lo, qs[i].p)) return qs[i].q;
	/* "jumped as much as 9.2%" puts the qualifier before "by" too */
	return "eq";
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

/* The region a reported figure is about: "Greater China sales",
 * "shipments in China". */
static void find_scope(struct extract *x, size_t lo, size_t k, char *out,
		       size_t cap)
{
	static const char *const regions[] = {"Greater China", "mainland China",
		"China", "Hong Kong", "Taiwan", "Japan", "India", "Europe",
		"the Americas", "Americas", "the United States", "the US",
		"Southeast Asia", "Asia Pacific", "Indonesia", "Korea", NULL};
	static const char *const clean[] = {"Greater China", "mainland China",
		"China", "Hong Kong", "Taiwan", "Japan", "India", "Europe",
		"Americas", "Americas", "US", "US", "Southeast Asia",
		"Asia Pacific", "Indonesia", "Korea", NULL};
	size_t hi = k + 7 < x->ntok ? k + 7 : x->ntok;
	out[0] = '\0';
	for (size_t j = lo; j < hi; j++) {
		if (j > k && !tw(x, j - 1, "in")) continue;
		if (j > lo && tw(x, j - 1, "-")) continue;
		for (int r = 0; regions[r]; r++) {
			size_t e = phrase_at(x, j, regions[r]);
			if (!e || tw(x, e, "-")) continue;   /* Hong Kong-listed */
			/* "from Huawei in China", not a place after a listing */
			snprintf(out, cap, "%s", clean[r]);
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
	p->f.date = price_day(x, 0, x->ntok);
	if (n->unit == NUMTOK_PCT) {
		p->measure = "price_change";
		p->unit = "pct";
		p->qualifier = qualifier(x, c->lo, k);
		p->f.value = dir * n->value;
		const char *per = price_period(x, 0, x->ntok, c->lo, k, p->period,
					       sizeof p->period);
		if (!strcmp(p->qualifier, "max")) per = "intraday";
		if (per != p->period) snprintf(p->period, sizeof p->period, "%s", per);
		size_t from = vtok != (size_t)-1 ? vtok : k;
		if (from < k && from > c->lo && (x->tok[from - 1].cls & C_CLOSE))
			from--;
		set_evidence(p, x, from, k);
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
	else if (to && pf && !strcmp(pf->measure, "price_change") &&
		 !strcmp(pf->period, "close"))
		per = "close";
	else if ((to || at) && k >= 2 && (x->tok[k - 2].cls & C_CLOSE))
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

/* Rules for one number; returns the fact made, or NULL. */
static struct pending *number_rule(struct extract *x, struct number_ctx *c)
{
	size_t k = c->k;
	const struct numtok *n = &x->nums[x->tok[k].num];
	if (is_year_tok(x, k, NULL)) return NULL;
	int verb_seen = 0;
	enum family fam = measure_family(x, k, &verb_seen);
	const struct pending *pf = c->prev_fact;
	/* "rose 9.2% to HK$124.3", "sales fell 11% to $18.51 billion" */
	if (pf && tw(x, k - 1, "to") && c->prev + 2 == k) {
		if (!strcmp(pf->measure, "price_change")) fam = F_PRICE;
		else if (!strcmp(pf->measure, "revenue_change")) fam = F_REV;
		else if (!strcmp(pf->measure, "profit_change")) fam = F_PROFIT;
		else if (!strcmp(pf->measure, "operating_profit_change")) fam = F_OPER;
	}
	if (fam == F_NONE) return NULL;
	size_t vtok;
	int dir = direction(x, c->lo, k, &vtok);
	/* "Tencent fell 2% and Meituan 3%": the verb carries over */
	if (!dir && pf && pf->f.value < 0 && n->unit == NUMTOK_PCT &&
	    pf->unit && !strcmp(pf->unit, "pct") && strstr(pf->measure, "change"))
		dir = -1;
	else if (!dir && pf && pf->f.value > 0 && n->unit == NUMTOK_PCT &&
		 pf->unit && !strcmp(pf->unit, "pct") && strstr(pf->measure, "change"))
		dir = 1;
	for (size_t j = c->lo; j < k; j++)
		if (x->tok[j].cls & (C_EST | C_PREDICT)) return NULL;

	struct pending tmp;
	memset(&tmp, 0, sizeof tmp);
	size_t etok;
	int ent = resolve_entity(x, k, &tmp, &etok);
	if (ent == -1 && fam != F_SHIP && fam != F_SHARE) return NULL;
	struct pending *p = new_pending(x);
	if (!p) return NULL;
	*p = tmp;
	p->f.date = x->date;
	if (c->source) snprintf(p->attribution, sizeof p->attribution, "%s", c->source);

	if (fam == F_PRICE) {
		int points = n->unit == NUMTOK_NONE && ent >= 0 &&
			     lexicon_entity(x->lx, ent)->is_index && n->value >= 100 &&
			     (tw(x, k - 1, "at") || tw(x, k - 1, "to"));
		if ((n->unit == NUMTOK_PCT && dir) || n->unit == NUMTOK_MONEY || points) {
			if (ent == -2 || ent >= 0) {
				price_fact(x, c, p, ent, n, dir, vtok);
				return p;
			}
		}
		x->npend--;
		return NULL;
	}
	p->f.date = x->date;
	size_t from = vtok != (size_t)-1 ? vtok : k;
	size_t scope_lo = etok != (size_t)-1 && etok < k ? etok : c->lo;
	find_scope(x, scope_lo, k, p->scope, sizeof p->scope);
	reported_period(x, 0, x->ntok, ent, p->period, sizeof p->period);
	p->qualifier = qualifier(x, c->lo, k);
	if (ent == -1) snprintf(p->entity, sizeof p->entity, "market");
	if (fam == F_SHARE || fam == F_SHIP) {
		p->market_family = 1;
		if (!p->scope[0] && x->ctx.has_market)
			snprintf(p->scope, sizeof p->scope, "%s", x->ctx.scope);
		if (!p->period[0] && x->ctx.has_market)
			snprintf(p->period, sizeof p->period, "%s", x->ctx.period);
		if (!p->attribution[0] && x->ctx.has_market)
			snprintf(p->attribution, sizeof p->attribution, "%s",
				 x->ctx.attribution);
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
		set_evidence(p, x, tw(x, k - 1, "to") || tw(x, k - 1, "of") ? k - 1 : k, k);
	} else if (fam == F_SHIP && n->unit == NUMTOK_NONE &&
		   (n->scale || (k + 1 < x->ntok && (x->tok[k + 1].cls & C_UNITS)))) {
		p->measure = "shipments";
		p->unit = "units";
		p->f.value = n->value;
		set_evidence(p, x, k, k);
	} else if (fam == F_SHARE && n->unit == NUMTOK_PP && dir) {
		p->measure = "market_share_change";
		p->unit = "pp";
		p->f.value = dir * n->value;
		set_evidence(p, x, from, k);
	} else if (fam == F_SHARE && n->unit == NUMTOK_PCT &&
		   (!dir || tw(x, k - 1, "to") || tw(x, k - 1, "at") ||
		    tw(x, k - 1, "with") || tw(x, k - 1, "of") ||
		    tw(x, k - 1, ","))) {
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
	if (p->market_family) {
		x->ctx.has_market = 1;
		snprintf(x->ctx.scope, sizeof x->ctx.scope, "%s", p->scope);
		snprintf(x->ctx.period, sizeof x->ctx.period, "%s", p->period);
		snprintf(x->ctx.attribution, sizeof x->ctx.attribution, "%s",
			 p->attribution);
	}
	return p;
}

/* "the largest market share", "second place", "third place": a rank. */
static void rank_rules(struct extract *x, const char *source, int market)
{
	for (size_t k = 0; k < x->ntok; k++) {
		int rank = 0;
		size_t e = 0;
		if ((e = phrase_at(x, k, "largest market share")) ||
		    (e = phrase_at(x, k, "biggest market share")) ||
		    (e = phrase_at(x, k, "top spot")) ||
		    (e = phrase_at(x, k, "top position")))
			rank = 1;
		else if ((rank = ordinal_value(x, k)) &&
			 (x->tok[k + 1 < x->ntok ? k + 1 : k].cls & C_PLACE))
			e = k + 2;
		else
			rank = 0;
		if (!rank || !(market || x->ctx.has_market)) continue;
		struct pending tmp;
		memset(&tmp, 0, sizeof tmp);
		size_t etok;
		int ent = resolve_entity(x, k, &tmp, &etok);
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
			   p->scope, sizeof p->scope);
		reported_period(x, 0, x->ntok, ent, p->period, sizeof p->period);
		if (source) snprintf(p->attribution, sizeof p->attribution, "%s", source);
		if (x->ctx.has_market) {
			if (!p->scope[0])
				snprintf(p->scope, sizeof p->scope, "%s", x->ctx.scope);
			if (!p->period[0])
				snprintf(p->period, sizeof p->period, "%s", x->ctx.period);
			if (!p->attribution[0])
				snprintf(p->attribution, sizeof p->attribution, "%s",
					 x->ctx.attribution);
		}
		p->s = x->tok[k].s;
		p->e = x->tok[e - 1].e;
	}
}

static const char *sentence_source(struct extract *x)
{
	for (size_t k = 0; k < x->ntok; k++)
		if (x->tok[k].type == T_ENT && x->tok[k].kind == LEXICON_SOURCE)
			return lexicon_entity(x->lx, x->tok[k].ent)->name;
	return NULL;
}

static int sentence_market(struct extract *x)
{
	for (size_t k = 0; k < x->ntok; k++) {
		uint32_t c = x->tok[k].cls;
		if ((c & C_SHARE) && k > 0 && (x->tok[k - 1].cls & C_MARKET)) return 1;
		if (c & C_SHIP) return 1;
		if (phrase_at(x, k, "of the market")) return 1;
	}
	return 0;
}

static void update_topic(struct extract *x)
{
	for (size_t k = x->ntok; k-- > 0;) {
		const struct tok *t = &x->tok[k];
		if (!is_entity_tok(t)) continue;
		if (t->ent >= 0 && lexicon_entity(x->lx, t->ent)->is_index) continue;
		x->ctx.topic = t->ent;
		if (t->ent == -2) {
			size_t n = t->e - t->s;
			if (n >= sizeof x->ctx.topic_name) n = sizeof x->ctx.topic_name - 1;
			memcpy(x->ctx.topic_name, x->t + t->s, n);
			x->ctx.topic_name[n] = '\0';
		}
		return;
	}
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
	static const char *const cue[] = {"per", " of ", "place", "largest",
		"top", "spot", NULL};
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
	x->npend = 0;
	listing_tokens(x);
	if (has_digit_or_word(x->t + s0, s1 - s0)) {
		unknown_companies(x);
		const char *source = sentence_source(x);
		const char *market = listing_clue(x, 0, x->ntok);
		int is_market = sentence_market(x);
		struct number_ctx c = {0, 0, 0, (size_t)-1, NULL, market, source};
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
		rank_rules(x, source, is_market);
	}
	update_topic(x);
	return emit_pending(x, emit, ctx);
}

int extract_article(struct extract *x, const struct article *a,
		    extract_emit_fn emit, void *ctx)
{
	x->a = a;
	x->t = a->text;
	x->date = a->date;
	memset(&x->ctx, 0, sizeof x->ctx);
	x->ctx.topic = -1;
	memset(x->listing, 0, (x->nent + 1) * sizeof *x->listing);
	size_t i = 0, len = a->text_len;
	while (i < len) {
		while (i < len && isspace((unsigned char)a->text[i])) i++;
		if (i >= len) break;
		size_t e = article_sentence_end(a->text, len, i);
		int rc = sentence(x, i, e, emit, ctx);
		if (rc) return rc;
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
