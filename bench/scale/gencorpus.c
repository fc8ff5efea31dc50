/* gencorpus: a JSON Lines news corpus of any size, the same bytes on
 * every run, written from the project's own articles as templates.
 *
 *   gencorpus MEGABYTES OUT.jsonl ARTICLE.md...
 *
 * Each record is one template (taken in a fixed pseudo-random order)
 * with its companies rotated through the lexicon's names, every number
 * redrawn digit by digit (same width, same separators and decimals, so
 * "HK$124.3" stays a price and "9.2 per cent" a percentage; years are
 * kept), and a publication date drawn from 2020-2025.  Records are
 * written until the article text (the "text" fields, unescaped) reaches
 * MEGABYTES x 2^20 bytes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const company[] = {
	"Alibaba", "Tencent", "Baidu", "JD.com", "Apple", "Microsoft", "Tesla",
	"Xiaomi", "Meituan", "Nvidia", "NetEase", "BYD", "Lenovo", "Kuaishou",
	"Samsung", "Amazon", "Alphabet", "Huawei", NULL};

struct tmpl {
	char *title, *body;
	size_t body_len;
};

static uint64_t rng(uint64_t *s)   /* splitmix64 */
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	rewind(f);
	char *s = malloc((size_t)n + 1);
	*len = fread(s, 1, (size_t)n, f);
	s[*len] = '\0';
	fclose(f);
	return s;
}

/* Front matter's title and the body after it. */
static void load(const char *path, struct tmpl *t)
{
	size_t n;
	char *s = slurp(path, &n);
	if (!s) {
		fprintf(stderr, "gencorpus: cannot read %s\n", path);
		exit(2);
	}
	t->title = "";
	char *body = s;
	if (!strncmp(s, "---\n", 4)) {
		char *end = strstr(s + 4, "\n---\n");
		if (end) {
			*end = '\0';
			body = end + 5;
			char *ti = strstr(s, "title:");
			if (ti) {
				ti += 6;
				while (*ti == ' ' || *ti == '"') ti++;
				char *e = strchr(ti, '\n');
				if (e) *e = '\0';
				size_t l = strlen(ti);
				if (l && ti[l - 1] == '"') ti[l - 1] = '\0';
				t->title = ti;
			}
		}
	}
	t->body = body;
	t->body_len = strlen(body);
}

static void put_json(FILE *f, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') fputc('\\', f), fputc(c, f);
		else if (c == '\n') fputs("\\n", f);
		else if (c == '\t') fputs("\\t", f);
		else if (c < 0x20) fprintf(f, "\\u%04x", c);
		else fputc(c, f);
	}
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

static int isalnum_ascii(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The company at s, as an index into company[], or -1 (whole words). */
static int company_at(const char *s, const char *start, size_t *len)
{
	if (s > start && (isalnum_ascii(s[-1]))) return -1;
	for (int k = 0; company[k]; k++) {
		size_t l = strlen(company[k]);
		if (!strncmp(s, company[k], l)) {
			*len = l;
			return k;
		}
	}
	return -1;
}

/* The body with companies rotated by rot and numbers redrawn, into buf. */
static size_t vary(const struct tmpl *t, int rot, uint64_t *seed, char *buf)
{
	int ncomp = 0;
	while (company[ncomp]) ncomp++;
	const char *s = t->body, *end = s + t->body_len;
	char *o = buf;
	while (s < end) {
		size_t l;
		int k = company_at(s, t->body, &l);
		if (k >= 0) {
			const char *c = company[(k + rot) % ncomp];
			o += sprintf(o, "%s", c);
			s += l;
			continue;
		}
		if (!is_digit(*s) || (s > t->body && isalnum_ascii(s[-1]))) {
			*o++ = *s++;
			continue;
		}
		const char *e = s;
		while (e < end && is_digit(*e)) e++;
		int year = e - s == 4 && (s[0] == '1' || s[0] == '2') &&
			   (s[1] == '9' || s[1] == '0');
		for (const char *p = s; p < e; p++)
			*o++ = year ? *p : (char)('0' + (p == s && e - s > 1 ?
				1 + rng(seed) % 9 : rng(seed) % 10));
		s = e;
	}
	return (size_t)(o - buf);
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fputs("usage: gencorpus MEGABYTES OUT.jsonl ARTICLE.md...\n", stderr);
		return 2;
	}
	uint64_t want = (uint64_t)strtoull(argv[1], NULL, 10) << 20, text = 0;
	int nt = argc - 3;
	struct tmpl *t = calloc((size_t)nt, sizeof *t);
	size_t maxlen = 0;
	for (int i = 0; i < nt; i++) {
		load(argv[3 + i], &t[i]);
		if (t[i].body_len > maxlen) maxlen = t[i].body_len;
	}
	char *buf = malloc(maxlen * 2 + 64);
	FILE *f = fopen(argv[2], "wb");
	if (!f || !buf) {
		fprintf(stderr, "gencorpus: cannot write %s\n", argv[2]);
		return 2;
	}
	uint64_t seed = 20250213;
	for (long id = 0; text < want; id++) {
		const struct tmpl *tp = &t[rng(&seed) % (uint64_t)nt];
		int rot = (int)(rng(&seed) % 18);
		size_t n = vary(tp, rot, &seed, buf);
		int day = (int)(rng(&seed) % 28) + 1, mon = (int)(rng(&seed) % 12) + 1;
		int yr = 2020 + (int)(rng(&seed) % 6);
		fprintf(f, "{\"id\": \"gen-%ld\", \"date\": \"%04d-%02d-%02d\", "
			"\"title\": \"", id, yr, mon, day);
		put_json(f, tp->title, strlen(tp->title));
		fputs("\", \"text\": \"", f);
		put_json(f, buf, n);
		fputs("\"}\n", f);
		text += n;
	}
	if (fclose(f)) return 2;
	free(buf);
	return 0;
}
