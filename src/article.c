#include "article.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "date.h"

enum { KIND_TEXT, KIND_JSONL };

struct article_reader {
	FILE *f;
	int own, kind, done;
	char name[512];
	char doc[256];
	int32_t date;
	char *line;             /* the file (text) or the current record line */
	size_t line_cap;
	long lineno;
	char *text;
	uint32_t *map;
	size_t text_cap;
	json_t *rec;            /* current JSON record, owns the body */
	uint64_t bytes;
};

/* ---- normalisation ---------------------------------------------------- */

/* Length of a Markdown link "[text](url)" starting at s[i] == '[', with
 * *close set to the index of its ']', or 0 when s[i] starts none. */
static size_t md_link(const char *s, size_t len, size_t i, size_t *close)
{
	size_t j = i + 1;
	while (j < len && s[j] != ']' && s[j] != '\n' && s[j] != '[') j++;
	if (j + 1 >= len || s[j] != ']' || s[j + 1] != '(') return 0;
	size_t k = j + 2;
	while (k < len && s[k] != ')' && s[k] != '\n' && s[k] != ' ') k++;
	if (k >= len || s[k] != ')') return 0;
	*close = j;
	return k + 1 - i;
}

size_t article_normalise(const char *in, size_t len, char *out, uint32_t *map)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t o = 0, i = 0, skip_at = (size_t)-1, skip_to = 0;
	while (i < len) {
		if (i == skip_at) {          /* the "](url)" of a link */
			i = skip_to;
			skip_at = (size_t)-1;
			continue;
		}
		unsigned c = s[i];
		int emit = -1;               /* byte to write, -1 copy, -2 drop */
		size_t n = 1;
		if (c == '[' && skip_at == (size_t)-1) {
			size_t close, l = md_link(in, len, i, &close);
			if (l) {
				skip_at = close;
				skip_to = i + l;
				i++;
				continue;
			}
		} else if (c == 0xC2 && i + 1 < len && s[i + 1] == 0xA0) {
			emit = ' ', n = 2;
		} else if (c == 0xC2 && i + 1 < len && s[i + 1] == 0xAD) {
			emit = -2, n = 2;
		} else if (c == 0xE2 && i + 2 < len && s[i + 1] == 0x80) {
			unsigned d = s[i + 2];
			n = 3;
			if (d >= 0x98 && d <= 0x9B) emit = '\'';
			else if (d >= 0x9C && d <= 0x9F) emit = '"';
			else if (d >= 0x90 && d <= 0x95) emit = '-';
			else if ((d >= 0x80 && d <= 0x8A) || d == 0xAF) emit = ' ';
			else if (d == 0x8B) emit = -2;
		} else if (c == 0xE2 && i + 2 < len && s[i + 1] == 0x88 &&
			   s[i + 2] == 0x92) {
			emit = '-', n = 3;   /* minus sign */
		}
		if (emit == -1) {
			/* copy one whole character so multibyte text maps together */
			size_t m = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
			for (size_t k = 0; k < m && i + k < len; k++) {
				out[o] = in[i + k];
				map[o++] = (uint32_t)i;
			}
			i += m;
			continue;
		}
		if (emit >= 0) {
			out[o] = (char)emit;
			map[o++] = (uint32_t)i;
		}
		i += n;
	}
	out[o] = '\0';
	map[o] = (uint32_t)len;
	return o;
}

/* ---- sentences -------------------------------------------------------- */

static int is_abbrev(const char *t, size_t start, size_t dot)
{
	static const char *const abbr[] = {
		"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
		"Oct", "Nov", "Dec", "Inc", "Co", "Corp", "Ltd", "No", "Nos",
		"Mr", "Mrs", "Ms", "Dr", "St", "vs", "Jr", "Sr", "Bhd", "Cos",
		"approx", "est", "Prof", "Gov", "Sen", "Rep", "Mt", "Ft", NULL};
	size_t b = dot;
	while (b > start && isalpha((unsigned char)t[b - 1])) b--;
	size_t n = dot - b;
	if (n == 0) return 0;
	if (n == 1 && isupper((unsigned char)t[b]) &&
	    (b == start || t[b - 1] == ' ' || t[b - 1] == '.' || t[b - 1] == '('))
		return 1;                            /* an initial, the U of U.S. */
	if (b >= 2 && t[b - 1] == '.' && isalpha((unsigned char)t[b - 2]))
		return 1;                            /* the S of U.S. */
	for (const char *const *a = abbr; *a; a++)
		if (strlen(*a) == n && !strncmp(*a, t + b, n)) return 1;
	return 0;
}

/* A single newline ends a sentence when the line before it ends like a
 * sentence or is short (a heading), or the next line starts a list item. */
static int newline_breaks(const char *t, size_t len, size_t start, size_t nl)
{
	size_t b = nl;
	while (b > start && t[b - 1] == ' ') b--;
	if (b == start) return 1;
	char last = t[b - 1];
	if (strchr(".!?:\"')", last)) return 1;
	size_t ls = b;
	while (ls > 0 && t[ls - 1] != '\n') ls--;
	if (b - ls < 60) return 1;
	size_t k = nl + 1;
	while (k < len && t[k] == ' ') k++;
	return k < len && strchr("#-*>|", t[k]);
}

size_t article_sentence_end(const char *t, size_t len, size_t start)
{
	for (size_t i = start; i < len; i++) {
		char c = t[i];
		if (c == '\n') {
			size_t k = i + 1;
			while (k < len && (t[k] == ' ' || t[k] == '\r' || t[k] == '\t')) k++;
			if (k >= len || t[k] == '\n' || newline_breaks(t, len, start, i))
				return i;
			continue;
		}
		if (c != '.' && c != '!' && c != '?') continue;
		size_t e = i + 1;
		while (e < len && (t[e] == '"' || t[e] == '\'' || t[e] == ')')) e++;
		if (e < len && t[e] != ' ' && t[e] != '\n') continue;
		if (c == '.' && is_abbrev(t, start, i)) {
			/* "U.S." or "Inc." closing a sentence before a new line */
			if (e < len && t[e] == '\n') return e;
			continue;
		}
		size_t k = e;
		while (k < len && t[k] == ' ') k++;
		if (k >= len) return e;
		unsigned char n = (unsigned char)t[k];
		if (isupper(n) || isdigit(n) || n == '"' || n == '\'' || n == '(' ||
		    n == '\n' || n == '[' || n >= 0x80)
			return e;
	}
	return len;
}

int32_t article_dateline(const char *body, size_t len)
{
	size_t i = 0;
	while (i < len && isspace((unsigned char)body[i])) i++;
	size_t eol = i;
	while (eol < len && body[eol] != '\n') eol++;
	int32_t d;
	if (date_parse_text(body + i, eol - i, &d)) return d;
	/* "BEIJING, Feb. 13, 2025 (Reuters) -": a place in capitals first */
	size_t k = i;
	while (k < eol && (isupper((unsigned char)body[k]) || body[k] == ' ' ||
			   body[k] == '/' || body[k] == '.'))
		k++;
	/* "CUPERTINO, Calif., Jan. 30, 2025 —": a state or country after the
	 * city, then the date */
	for (int part = 0; part < 2 && k > i + 1 && k < eol && body[k] == ','; part++) {
		k++;
		while (k < eol && body[k] == ' ') k++;
		if (date_parse_text(body + k, eol - k, &d)) return d;
		size_t w = k;
		while (w < eol && (isalpha((unsigned char)body[w]) || body[w] == '.' ||
				   body[w] == ' ') && w - k < 24)
			w++;
		if (w == k || !isupper((unsigned char)body[k])) break;
		k = w;
	}
	return DATE_NONE;
}

size_t article_utf8_check(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < len) {
		unsigned c = s[i];
		if (c < 0x80) { i++; continue; }
		size_t n;
		unsigned min;
		if (c >= 0xC2 && c <= 0xDF) n = 2, min = 0x80;
		else if (c >= 0xE0 && c <= 0xEF) n = 3, min = 0x800;
		else if (c >= 0xF0 && c <= 0xF4) n = 4, min = 0x10000;
		else return i;
		if (i + n > len) return i;
		unsigned cp = c & (0x7F >> n);
		for (size_t k = 1; k < n; k++) {
			if ((s[i + k] & 0xC0) != 0x80) return i;
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += n;
	}
	return len;
}

/* ---- reading ---------------------------------------------------------- */

struct article_reader *article_reader_open(const char *path, int32_t date,
					   struct ff_error *err)
{
	struct article_reader *r = calloc(1, sizeof *r);
	if (!r) {
		ff_error_set(err, path, 0, NULL, "out of memory");
		return NULL;
	}
	r->date = date;
	snprintf(r->name, sizeof r->name, "%s", path);
	if (!strcmp(path, "-")) {
		r->f = stdin;
		snprintf(r->doc, sizeof r->doc, "stdin");
	} else {
		r->f = fopen(path, "rb");
		if (!r->f) {
			ff_error_set(err, path, 0, NULL, "cannot open: %s",
				     strerror(errno));
			free(r);
			return NULL;
		}
		r->own = 1;
		const char *base = strrchr(path, '/');
		base = base ? base + 1 : path;
		snprintf(r->doc, sizeof r->doc, "%s", base);
		char *dot = strrchr(r->doc, '.');
		if (dot && dot != r->doc) *dot = '\0';
	}
	const char *ext = strrchr(path, '.');
	if (ext && (!strcmp(ext, ".jsonl") || !strcmp(ext, ".ndjson")))
		r->kind = KIND_JSONL;
	else if (!strcmp(path, "-")) {
		int c = getc(r->f);
		while (c == ' ' || c == '\n' || c == '\r' || c == '\t') c = getc(r->f);
		if (c == '{') r->kind = KIND_JSONL;
		if (c != EOF) ungetc(c, r->f);
	}
	return r;
}

FILE *article_reader_jsonl_stream(struct article_reader *r)
{
	return r->kind == KIND_JSONL ? r->f : NULL;
}

struct article_reader *article_reader_open_jsonl(FILE *f, const char *name,
						 long lines_before, int32_t date,
						 struct ff_error *err)
{
	struct article_reader *r = calloc(1, sizeof *r);
	if (!r) {
		ff_error_set(err, name, 0, NULL, "out of memory");
		return NULL;
	}
	r->f = f;
	r->kind = KIND_JSONL;
	r->date = date;
	r->lineno = lines_before;
	snprintf(r->name, sizeof r->name, "%s", name);
	return r;
}

void article_reader_close(struct article_reader *r)
{
	if (!r) return;
	if (r->own && r->f) fclose(r->f);
	json_decref(r->rec);
	free(r->line);
	free(r->text);
	free(r->map);
	free(r);
}

uint64_t article_reader_bytes(const struct article_reader *r)
{
	return r->bytes;
}

static int grow_text(struct article_reader *r, size_t len, struct ff_error *err)
{
	if (len + 1 <= r->text_cap) return 0;
	size_t cap = len + 1 + len / 2;
	char *t = realloc(r->text, cap);
	if (t) r->text = t;
	uint32_t *m = t ? realloc(r->map, cap * sizeof *m) : NULL;
	if (!t || !m)
		return ff_error_set(err, r->name, r->lineno, NULL, "out of memory");
	r->map = m;
	r->text_cap = cap;
	return 0;
}

static int finish(struct article_reader *r, struct article *a,
		  const char *body, size_t len, struct ff_error *err)
{
	if (len > UINT32_MAX - 1)
		return ff_error_set(err, r->name, r->lineno, NULL,
				    "article longer than 4 GB");
	if (grow_text(r, len, err)) return -1;
	a->body = body;
	a->body_len = len;
	a->text_len = article_normalise(body, len, r->text, r->map);
	a->text = r->text;
	a->map = r->map;
	if (r->date != DATE_NONE) a->date = r->date;
	else if (a->date == DATE_NONE) a->date = article_dateline(body, len);
	return 1;
}

/* "key: value" of front matter, value unquoted into buf. */
static int fm_value(const char *line, size_t n, const char *key,
		    char *buf, size_t cap)
{
	size_t k = strlen(key);
	if (n <= k || strncmp(line, key, k) || line[k] != ':') return 0;
	const char *v = line + k + 1, *e = line + n;
	while (v < e && (*v == ' ' || *v == '\t')) v++;
	while (e > v && (e[-1] == ' ' || e[-1] == '\r')) e--;
	if (e - v >= 2 && (*v == '"' || *v == '\'') && e[-1] == *v) v++, e--;
	size_t m = (size_t)(e - v) < cap - 1 ? (size_t)(e - v) : cap - 1;
	memcpy(buf, v, m);
	buf[m] = '\0';
	return 1;
}

/* Skips front matter if the file has one, taking its date. */
static size_t front_matter(const char *s, size_t len, int32_t *date)
{
	if (len < 4 || strncmp(s, "---", 3) || (s[3] != '\n' && s[3] != '\r'))
		return 0;
	size_t i = 4;
	while (i < len) {
		size_t eol = i;
		while (eol < len && s[eol] != '\n') eol++;
		size_t n = eol - i;
		if (n >= 3 && !strncmp(s + i, "---", 3) &&
		    (n == 3 || s[i + 3] == '\r'))
			return eol < len ? eol + 1 : eol;
		char v[128];
		if (fm_value(s + i, n, "date", v, sizeof v)) {
			size_t vl = strlen(v);
			if (date_parse(v, vl, date) && !date_parse_text(v, vl, date))
				*date = DATE_NONE;
		}
		i = eol + 1;
	}
	return 0;   /* never closed: not front matter */
}

static int next_file(struct article_reader *r, struct article *a,
		     struct ff_error *err)
{
	size_t n = 0;
	r->done = 1;
	/* A regular file's size sizes the buffer: a short article costs a
	 * short buffer; two bytes more let the last read see the end. */
	struct stat st;
	size_t first = fstat(fileno(r->f), &st) == 0 && S_ISREG(st.st_mode) ?
		(size_t)st.st_size + 2 : 65536 * 2;
	for (;;) {
		if (r->line_cap - n < 2) {
			size_t cap = r->line_cap ? r->line_cap * 2 : first;
			char *p = realloc(r->line, cap);
			if (!p) return ff_error_set(err, r->name, 0, NULL, "out of memory");
			r->line = p;
			r->line_cap = cap;
		}
		size_t got = fread(r->line + n, 1, r->line_cap - n - 1, r->f);
		n += got;
		if (got == 0) break;
	}
	if (ferror(r->f))
		return ff_error_set(err, r->name, 0, NULL, "read error: %s",
				    strerror(errno));
	r->line[n] = '\0';
	r->bytes += n;
	size_t bad = article_utf8_check(r->line, n);
	if (bad < n) {
		long line = 1;
		for (size_t i = 0; i < bad; i++) line += r->line[i] == '\n';
		return ff_error_set(err, r->name, line, NULL,
				    "invalid UTF-8 at byte offset %zu", bad);
	}
	const char *s = r->line;
	if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) s += 3, n -= 3;
	a->date = DATE_NONE;
	size_t skip = front_matter(s, n, &a->date);
	a->doc = r->doc;
	a->line = 1;
	return finish(r, a, s + skip, n - skip, err);
}

static const char *json_text(json_t *o, const char *key, size_t *len)
{
	json_t *v = json_object_get(o, key);
	if (!json_is_string(v)) return NULL;
	if (len) *len = json_string_length(v);
	return json_string_value(v);
}

static int next_record(struct article_reader *r, struct article *a,
		       struct ff_error *err)
{
	json_decref(r->rec);
	r->rec = NULL;
	ssize_t n;
	size_t cap = r->line_cap;
	do {
		errno = 0;
		n = getline(&r->line, &cap, r->f);
		r->line_cap = cap;
		if (n < 0) {
			r->done = 1;
			if (ferror(r->f))
				return ff_error_set(err, r->name, r->lineno, NULL,
						    "read error: %s", strerror(errno));
			return 0;
		}
		r->lineno++;
		r->bytes += (uint64_t)n;
	} while (strspn(r->line, " \t\r\n") == (size_t)n);
	json_error_t je;
	r->rec = json_loadb(r->line, (size_t)n, 0, &je);
	if (!r->rec)
		return ff_error_set(err, r->name, r->lineno, NULL,
				    "bad JSON record at column %d: %s",
				    je.column, je.text);
	if (!json_is_object(r->rec))
		return ff_error_set(err, r->name, r->lineno, NULL,
				    "a record must be a JSON object");
	size_t len;
	const char *text = json_text(r->rec, "text", &len);
	if (!text)
		return ff_error_set(err, r->name, r->lineno, "text",
				    "record has no string field 'text'");
	json_t *id = json_object_get(r->rec, "id");
	if (json_is_string(id))
		snprintf(r->doc, sizeof r->doc, "%s", json_string_value(id));
	else if (json_is_integer(id))
		snprintf(r->doc, sizeof r->doc, "%" JSON_INTEGER_FORMAT,
			 json_integer_value(id));
	else
		snprintf(r->doc, sizeof r->doc, "record%ld", r->lineno);
	a->date = DATE_NONE;
	const char *d = json_text(r->rec, "date", NULL);
	if (d) {
		size_t dl = strlen(d);
		if (date_parse(d, dl, &a->date) && !date_parse_text(d, dl, &a->date))
			return ff_error_set(err, r->name, r->lineno, "date",
					    "not a date: '%.60s'", d);
	}
	a->doc = r->doc;
	a->line = r->lineno;
	return finish(r, a, text, len, err);
}

int article_reader_next(struct article_reader *r, struct article *a,
			struct ff_error *err)
{
	if (r->done) return 0;
	return r->kind == KIND_JSONL ? next_record(r, a, err)
				     : next_file(r, a, err);
}
