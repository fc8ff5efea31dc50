#include "csvio.h"

#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "date.h"
#include "numparse.h"

#define CHUNK (1 << 16)
#define MAX_ROW_BYTES (64u << 20)   /* one row may not exceed this */

/* Completed rows wait in a queue: one feed of input may complete several
 * (CR-only line ends), and libcsv hands fields over by callback. */
struct csvio_reader {
	FILE *f;
	int own;
	char *name;
	struct csv_parser p;
	char *buf;                   /* input chunk */
	size_t buflen, bufpos;
	int eof, bom_checked, fini;
	long line;                   /* physical line being fed */
	long row_start;              /* line the row in progress started on */
	int row_open;
	int cr_ended;                /* the last byte fed was a CR */

	char *arena;                 /* field bytes of queued rows */
	size_t arena_len, arena_cap;
	size_t *off, *flen;          /* per field */
	size_t nfields, fields_cap;
	size_t *row_first;           /* per queued row: first field index */
	long *row_line;
	size_t nrows, rows_cap, next_row;
	int overflow;

	const char **view_field;     /* what csvio_next hands out */
	size_t view_cap;
	struct csvio_row view;
};

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap) return 0;
	size_t n = *cap ? *cap : 16;
	while (n < need) n *= 2;
	void *q = realloc(*p, n * elem);
	if (!q) return -1;
	*p = q;
	*cap = n;
	return 0;
}

/* off and flen grow together: one capacity for both. */
static int grow_fields(struct csvio_reader *r, size_t need)
{
	size_t cap = r->fields_cap;
	if (grow((void **)&r->off, &cap, need, sizeof *r->off)) return -1;
	if (cap != r->fields_cap) {
		size_t *fl = realloc(r->flen, cap * sizeof *fl);
		if (!fl) return -1;
		r->flen = fl;
		r->fields_cap = cap;
	}
	return 0;
}

static void on_field(void *s, size_t len, void *data)
{
	struct csvio_reader *r = data;
	if (r->overflow) return;
	if (r->arena_len + len + 1 > MAX_ROW_BYTES ||
	    grow((void **)&r->arena, &r->arena_cap, r->arena_len + len + 1, 1) ||
	    grow_fields(r, r->nfields + 1)) {
		r->overflow = 1;
		return;
	}
	if (len) memcpy(r->arena + r->arena_len, s, len);
	r->arena[r->arena_len + len] = '\0';
	r->off[r->nfields] = r->arena_len;
	r->flen[r->nfields] = len;
	r->nfields++;
	r->arena_len += len + 1;
	r->row_open = 1;
}

static void on_row(int c, void *data)
{
	(void)c;
	struct csvio_reader *r = data;
	if (r->overflow) return;
	size_t cap = r->rows_cap;
	if (grow((void **)&r->row_first, &cap, r->nrows + 2, sizeof *r->row_first)) {
		r->overflow = 1;
		return;
	}
	if (cap != r->rows_cap) {
		long *rl = realloc(r->row_line, cap * sizeof *rl);
		if (!rl) {
			r->overflow = 1;
			return;
		}
		r->row_line = rl;
		r->rows_cap = cap;
	}
	r->row_line[r->nrows] = r->row_start;
	r->nrows++;
	/* row_first[k+1] marks where row k ends. */
	r->row_first[r->nrows] = r->nfields;
	r->row_open = 0;
}

int csvio_parser_init(struct csv_parser *p)
{
	if (csv_init(p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL))
		return -1;
	/* libcsv grows a field's buffer by this much at a time: by its
	 * default 128 bytes a 1.6 MB field costs 12,500 reallocations, each a
	 * copy under ASan.  (1 MB made every small read an mmap.) */
	csv_set_blk_size(p, 1 << 16);
	return 0;
}

size_t csvio_bom_len(const char *buf, size_t len)
{
	return len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

struct csvio_reader *csvio_open_stream(FILE *f, const char *name,
				       struct ff_error *err)
{
	struct csvio_reader *r = calloc(1, sizeof *r);
	if (!r || !(r->name = strdup(name)) || !(r->buf = malloc(CHUNK)) ||
	    grow((void **)&r->row_first, &r->rows_cap, 2, sizeof *r->row_first) ||
	    !(r->row_line = malloc(r->rows_cap * sizeof *r->row_line))) {
		csvio_close(r);
		ff_error_set(err, name, 0, NULL, "out of memory");
		return NULL;
	}
	if (csvio_parser_init(&r->p)) {
		csvio_close(r);
		ff_error_set(err, name, 0, NULL, "cannot start the CSV parser");
		return NULL;
	}
	r->f = f;
	r->line = 1;
	r->row_start = 1;
	r->row_first[0] = 0;
	return r;
}

struct csvio_reader *csvio_open(const char *path, struct ff_error *err)
{
	int is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (!f) {
		ff_error_set(err, path, 0, NULL, "cannot open: %s", strerror(errno));
		return NULL;
	}
	struct csvio_reader *r = csvio_open_stream(f, is_stdin ? "<stdin>" : path, err);
	if (!r) {
		if (!is_stdin) fclose(f);
		return NULL;
	}
	r->own = !is_stdin;
	return r;
}

void csvio_close(struct csvio_reader *r)
{
	if (!r) return;
	if (r->own && r->f) fclose(r->f);
	if (r->buf) csv_free(&r->p);
	free(r->name);
	free(r->buf);
	free(r->arena);
	free(r->off);
	free(r->flen);
	free(r->row_first);
	free(r->row_line);
	free(r->view_field);
	free(r);
}

const char *csvio_name(const struct csvio_reader *r)
{
	return r->name;
}

static int parse_failed(struct csvio_reader *r, struct ff_error *err)
{
	if (r->overflow)
		return ff_error_set(err, r->name, r->row_start, NULL,
				    "row longer than %u bytes, or out of memory",
				    MAX_ROW_BYTES);
	return ff_error_set(err, r->name, r->row_start, NULL,
			    "malformed CSV: %s (a quote inside an unquoted field, "
			    "text after a closing quote, or a quote never closed)",
			    csv_strerror(csv_error(&r->p)));
}

/* Whether a piece of a line holds anything libcsv makes a row of. */
static int has_content(const char *s, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (s[k] != '\r' && s[k] != '\n' && s[k] != ' ' && s[k] != '\t')
			return 1;
	return 0;
}

/* Feeds input up to and including the next line end (LF, CRLF or a lone
 * CR), or the chunk's end, counting lines as it goes. */
static int feed_some(struct csvio_reader *r, struct ff_error *err)
{
	if (r->bufpos == r->buflen) {
		if (r->eof) return 0;
		r->buflen = fread(r->buf, 1, CHUNK, r->f);
		r->bufpos = 0;
		if (r->buflen == 0) {
			if (ferror(r->f))
				return ff_error_set(err, r->name, r->line, NULL,
						    "read error: %s", strerror(errno));
			r->eof = 1;
			return 0;
		}
		if (!r->bom_checked)
			r->bufpos = csvio_bom_len(r->buf, r->buflen);
		r->bom_checked = 1;
		/* A chunk that was only the BOM leaves nothing to feed. */
		if (r->bufpos == r->buflen) return 1;
	}
	char *start = r->buf + r->bufpos;
	size_t avail = r->buflen - r->bufpos;
	/* The LF of a CRLF split across chunks ends no new line. */
	int lf_of_crlf = r->cr_ended && start[0] == '\n';
	char *nl = memchr(start, '\n', avail);
	size_t n = nl ? (size_t)(nl - start) + 1 : avail;
	char *cr = memchr(start, '\r', n);
	if (cr && (cr + 1 == start + n || cr[1] != '\n'))
		n = (size_t)(cr - start) + 1;   /* a lone CR, or one at the chunk end */
	int ends = lf_of_crlf ? 0 : start[n - 1] == '\n' || start[n - 1] == '\r';
	r->cr_ended = start[n - 1] == '\r';
	/* A row starts on the first line that holds anything; it stays open
	 * (a quoted field may span lines) until libcsv ends it in on_row. */
	if (!r->row_open && has_content(start, n)) {
		r->row_start = r->line;
		r->row_open = 1;
	}
	if (csv_parse(&r->p, start, n, on_field, on_row, r) != n || r->overflow)
		return parse_failed(r, err);
	r->bufpos += n;
	r->line += ends;
	return 1;
}

int csvio_next(struct csvio_reader *r, const struct csvio_row **row,
	       struct ff_error *err)
{
	while (r->next_row >= r->nrows) {
		/* Queue drained: recycle its memory, keeping a row in progress. */
		size_t keep_f = r->row_first[r->nrows];
		size_t keep_from = keep_f < r->nfields ? r->off[keep_f] : r->arena_len;
		if (keep_from)   /* arena is NULL before the first field */
			memmove(r->arena, r->arena + keep_from, r->arena_len - keep_from);
		for (size_t k = keep_f; k < r->nfields; k++) {
			r->off[k - keep_f] = r->off[k] - keep_from;
			r->flen[k - keep_f] = r->flen[k];
		}
		r->arena_len -= keep_from;
		r->nfields -= keep_f;
		r->nrows = r->next_row = 0;
		r->row_first[0] = 0;
		int st = feed_some(r, err);
		if (st < 0) return -1;
		if (st == 0) {
			if (r->fini) return 0;
			r->fini = 1;
			if (csv_fini(&r->p, on_field, on_row, r) || r->overflow)
				return parse_failed(r, err);
		}
	}
	size_t first = r->row_first[r->next_row];
	size_t n = r->row_first[r->next_row + 1] - first;
	if (grow((void **)&r->view_field, &r->view_cap, n + 1, sizeof *r->view_field))
		return ff_error_set(err, r->name, r->row_start, NULL, "out of memory");
	for (size_t k = 0; k < n; k++)
		r->view_field[k] = r->arena + r->off[first + k];
	r->view.n = n;
	r->view.field = r->view_field;
	r->view.len = r->flen + first;
	r->view.line = r->row_line[r->next_row];
	r->next_row++;
	*row = &r->view;
	return 1;
}

static int name_char(int c)
{
	return c != ' ' && c != '_' && c != '-' && c != '\t';
}

int csvio_find(const struct csvio_row *header, const char *name)
{
	for (size_t k = 0; k < header->n; k++) {
		const char *a = header->field[k], *b = name;
		for (;;) {
			while (*a && !name_char((unsigned char)*a)) a++;
			while (*b && !name_char((unsigned char)*b)) b++;
			if (!*a || !*b || tolower((unsigned char)*a) != tolower((unsigned char)*b))
				break;
			a++, b++;
		}
		if (!*a && !*b) return (int)k;
	}
	return -1;
}

int csvio_number(const char *s, size_t len, double *out)
{
	while (len && (*s == ' ' || *s == '\t')) s++, len--;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t')) len--;
	return numparse(s, len, out);
}

/* ---- writing ---- */

struct csvio_writer {
	FILE *f;
	char *path, *tmp;   /* NULL for standard output */
	char *buf;          /* f's buffer, freed after f is closed */
	int col;
};

struct csvio_writer *csvio_create(const char *path, struct ff_error *err)
{
	struct csvio_writer *w = calloc(1, sizeof *w);
	if (!w) {
		ff_error_set(err, path, 0, NULL, "out of memory");
		return NULL;
	}
	if (!path || strcmp(path, "-") == 0) {
		w->f = stdout;
		return w;
	}
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	size_t cap = strlen(path) + 32;
	w->path = strdup(path);
	w->tmp = malloc(cap);
	if (!w->path || !w->tmp) {
		csvio_abort(w);
		ff_error_set(err, path, 0, NULL, "out of memory");
		return NULL;
	}
	snprintf(w->tmp, cap, "%.*s.%s.XXXXXX", (int)dirlen, path, path + dirlen);
	int fd = mkstemp(w->tmp);
	if (fd < 0) {
		ff_error_set(err, path, 0, NULL, "cannot create output: %s",
			     strerror(errno));
		free(w->tmp);
		w->tmp = NULL;
		csvio_abort(w);
		return NULL;
	}
	/* mkstemp makes 0600; an output should get the usual umask mode. */
	mode_t um = umask(0);
	umask(um);
	fchmod(fd, 0666 & ~um);
	w->f = fdopen(fd, "wb");
	if (!w->f) {
		close(fd);
		ff_error_set(err, path, 0, NULL, "cannot write output: %s", strerror(errno));
		csvio_abort(w);
		return NULL;
	}
	/* 64 KB writes, not stdio's 4 KB: a table of a few MB is a few dozen
	 * system calls (glibc ignores the size unless given the buffer) */
	if ((w->buf = malloc(1 << 16)))
		setvbuf(w->f, w->buf, _IOFBF, 1 << 16);
	return w;
}

int csvio_output_check(const char *path, const char *const *inputs, size_t n,
		       struct ff_error *err)
{
	if (!path || !strcmp(path, "-")) return 0;
	struct stat out, in;
	if (stat(path, &out) == 0) {
		for (size_t k = 0; k < n; k++)
			if (inputs[k] && strcmp(inputs[k], "-") &&
			    stat(inputs[k], &in) == 0 && in.st_dev == out.st_dev &&
			    in.st_ino == out.st_ino)
				return ff_error_set(err, path, 0, NULL,
						    "the output is the input file '%s': "
						    "refusing to overwrite an input",
						    inputs[k]);
		if (S_ISDIR(out.st_mode))
			return ff_error_set(err, path, 0, NULL,
					    "the output is a folder, not a file");
	}
	/* The probe is what csvio_create will do; as root, permission bits
	 * do not stop it, but a read-only file system or a missing folder
	 * does, and so does anything else that would stop the real write. */
	struct ff_error e2;
	struct csvio_writer *w = csvio_create(path, &e2);
	if (!w) {
		if (err) *err = e2;
		return -1;
	}
	csvio_abort(w);
	return 0;
}

struct csvio_writer *csvio_create_stream(FILE *f, struct ff_error *err)
{
	struct csvio_writer *w = calloc(1, sizeof *w);
	if (!w) {
		ff_error_set(err, NULL, 0, NULL, "out of memory");
		return NULL;
	}
	w->f = f;
	return w;
}

FILE *csvio_stream(struct csvio_writer *w)
{
	return w->f;
}

int csvio_commit(struct csvio_writer *w, struct ff_error *err)
{
	int bad = fflush(w->f) != 0 || ferror(w->f);
	if (!w->tmp) {
		free(w);
		return bad ? ff_error_set(err, "<stdout>", 0, NULL, "write error: %s",
					  strerror(errno)) : 0;
	}
	bad |= fclose(w->f) != 0;
	w->f = NULL;
	if (bad || rename(w->tmp, w->path) != 0) {
		ff_error_set(err, w->path, 0, NULL, "cannot write output: %s",
			     strerror(errno));
		csvio_abort(w);
		return -1;
	}
	free(w->tmp);
	free(w->buf);
	free(w->path);
	free(w);
	return 0;
}

void csvio_abort(struct csvio_writer *w)
{
	if (!w) return;
	if (w->tmp) {
		if (w->f) fclose(w->f);
		unlink(w->tmp);
	} else if (w->f) {
		fflush(w->f);
	}
	free(w->tmp);
	free(w->buf);
	free(w->path);
	free(w);
}

static void sep(struct csvio_writer *w)
{
	if (w->col++) putc(',', w->f);
}

void csvio_fieldn(struct csvio_writer *w, const char *s, size_t len)
{
	sep(w);
	int quote = len && (s[0] == ' ' || s[len - 1] == ' ');
	for (size_t i = 0; i < len && !quote; i++)
		quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
	if (!quote) {
		fwrite(s, 1, len, w->f);
		return;
	}
	putc('"', w->f);
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"') putc('"', w->f);
		putc(s[i], w->f);
	}
	putc('"', w->f);
}

void csvio_field(struct csvio_writer *w, const char *s)
{
	csvio_fieldn(w, s ? s : "", s ? strlen(s) : 0);
}

/* v's digits rounded to n < 17 significant digits, worked out from its
 * correctly rounded 17 (d17, exponent e17) so that no further printf is
 * needed; -1 when those cannot tell (dropped digits exactly "50..0": the
 * true value may lie on either side of the tie). */
static int round_digits(const char *d17, int e17, int n, char *out, int *e)
{
	int tail_zero = 1;
	for (int k = n + 1; k < 17; k++)
		if (d17[k] != '0') tail_zero = 0;
	if (d17[n] == '5' && tail_zero) return -1;
	memcpy(out, d17, (size_t)n);
	*e = e17;
	if (d17[n] < '5') return 0;
	int k = n - 1;
	while (k >= 0 && out[k] == '9') out[k--] = '0';
	if (k >= 0) {
		out[k]++;
	} else {   /* 99..9 rounds to 100..0 */
		out[0] = '1';
		(*e)++;
	}
	return 0;
}

/* What printf's %.Pg writes for the n digits d (exponent e). */
static int format_g(char *buf, int neg, const char *d, int n, int e, int P)
{
	while (n > 1 && d[n - 1] == '0') n--;
	char *o = buf;
	if (neg) *o++ = '-';
	if (e < -4 || e >= P) {
		*o++ = d[0];
		if (n > 1) {
			*o++ = '.';
			memcpy(o, d + 1, (size_t)n - 1);
			o += n - 1;
		}
		o += sprintf(o, "e%c%02d", e < 0 ? '-' : '+', e < 0 ? -e : e);
	} else if (e >= 0) {
		for (int k = 0; k <= e; k++) *o++ = k < n ? d[k] : '0';
		if (n > e + 1) {
			*o++ = '.';
			memcpy(o, d + e + 1, (size_t)(n - e - 1));
			o += n - e - 1;
		}
	} else {
		*o++ = '0';
		*o++ = '.';
		for (int k = 0; k < -e - 1; k++) *o++ = '0';
		memcpy(o, d, (size_t)n);
		o += n;
	}
	*o = '\0';
	return (int)(o - buf);
}

/* The fewest of 15, 16 or 17 significant digits that read back as v, as
 * %.*g writes them: one printf for the 17 digits, the shorter ones rounded
 * from those, each read back by numparse (what strtod returns). */
static void fmt_shortest_normal(double v, char *buf)
{
	char s17[40], d17[18], d[18];
	snprintf(s17, sizeof s17, "%.16e", v);
	int neg = s17[0] == '-';
	const char *p = s17 + neg;
	d17[0] = p[0];
	memcpy(d17 + 1, p + 2, 16);
	int e17 = atoi(p + 19);   /* past "d.dddddddddddddddde" */
	for (int n = 15; n <= 17; n++) {
		int e = e17, len;
		if (n == 17) {
			len = format_g(buf, neg, d17, 17, e17, 17);
		} else if (round_digits(d17, e17, n, d, &e) == 0) {
			len = format_g(buf, neg, d, n, e, n);
		} else {
			len = snprintf(buf, 32, "%.*g", n, v);
		}
		double back;
		if (numparse(buf, (size_t)len, &back) == 0 && back == v) return;
	}
}

char *csvio_fmt_double(double v, char *buf)
{
	if (v != v) {
		buf[0] = '\0';
		return buf;
	}
	if (v == 0) v = 0;   /* no "-0" */
	if (isfinite(v) && (v <= -DBL_MIN || v >= DBL_MIN)) {
		fmt_shortest_normal(v, buf);
		return buf;
	}
	/* 0, subnormals (fewer digits) and infinities: the plain search */
	for (int prec = 1; prec <= 17; prec++) {
		int len = snprintf(buf, 32, "%.*g", prec, v);
		double back;
		if (numparse(buf, (size_t)len, &back) == 0 && back == v) break;
	}
	return buf;
}

void csvio_num(struct csvio_writer *w, double v)
{
	char buf[32];
	sep(w);
	fputs(csvio_fmt_double(v, buf), w->f);
}

void csvio_int(struct csvio_writer *w, long long v)
{
	sep(w);
	fprintf(w->f, "%lld", v);
}

void csvio_date(struct csvio_writer *w, int32_t day)
{
	char buf[DATE_ISO_LEN];
	sep(w);
	fputs(date_format(day, buf), w->f);
}

void csvio_endrow(struct csvio_writer *w)
{
	putc('\n', w->f);
	w->col = 0;
}

void csvio_row(struct csvio_writer *w, const char *const *fields, size_t n)
{
	for (size_t k = 0; k < n; k++) csvio_field(w, fields[k]);
	csvio_endrow(w);
}
