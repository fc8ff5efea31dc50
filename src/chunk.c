#include "chunk.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct chunk_reader {
	FILE *f;
	char name[512];
	size_t target;
	char *carry;          /* a line begun in the last block read */
	size_t carry_len, carry_cap;
	long lines;           /* lines handed out so far */
	int eof;
};

struct chunk_reader *chunk_open(FILE *f, const char *name, size_t target)
{
	struct chunk_reader *r = calloc(1, sizeof *r);
	if (!r) return NULL;
	r->f = f;
	r->target = target ? target : 1;
	snprintf(r->name, sizeof r->name, "%s", name);
	return r;
}

void chunk_close(struct chunk_reader *r)
{
	if (!r) return;
	free(r->carry);
	free(r);
}

static int reserve(char **buf, size_t *cap, size_t need)
{
	if (need <= *cap) return 0;
	size_t c = *cap ? *cap : 4096;
	while (c < need) c *= 2;
	char *p = realloc(*buf, c);
	if (!p) return -1;
	*buf = p;
	*cap = c;
	return 0;
}

static long count_lines(const char *s, size_t len)
{
	long n = 0;
	const char *end = s + len;
	while ((s = memchr(s, '\n', (size_t)(end - s))) != NULL) n++, s++;
	return n;
}

/* The bytes after the last newline of buf[0..*len) go to the carry. */
static int cut(struct chunk_reader *r, char *buf, size_t *len, size_t from)
{
	size_t e = *len;
	while (e > from && buf[e - 1] != '\n') e--;
	if (e == from || e < r->target)     /* no line ends past the target */
		return 0;
	size_t tail = *len - e;
	if (reserve(&r->carry, &r->carry_cap, tail)) return -1;
	if (tail) memcpy(r->carry, buf + e, tail);
	r->carry_len = tail;
	*len = e;
	return 1;
}

int chunk_next(struct chunk_reader *r, char **buf, size_t *cap, size_t *len,
	       long *lines_before, struct ff_error *err)
{
	size_t n = r->carry_len;
	if (reserve(buf, cap, n + r->target + 1))
		return ff_error_set(err, r->name, r->lines + 1, NULL, "out of memory");
	if (n) memcpy(*buf, r->carry, n);
	r->carry_len = 0;
	for (;;) {
		if (r->eof) break;
		if (reserve(buf, cap, n + r->target + 1))
			return ff_error_set(err, r->name, r->lines + 1, NULL,
					    "out of memory");
		size_t got = fread(*buf + n, 1, r->target, r->f);
		if (got < r->target) {
			if (ferror(r->f))
				return ff_error_set(err, r->name, r->lines + 1, NULL,
						    "read error: %s", strerror(errno));
			r->eof = 1;
		}
		size_t from = n;
		n += got;
		if (r->eof || n < r->target) continue;
		int c = cut(r, *buf, &n, from);
		if (c < 0)
			return ff_error_set(err, r->name, r->lines + 1, NULL,
					    "out of memory");
		if (c) break;
	}
	if (n == 0) return 0;
	*len = n;
	*lines_before = r->lines;
	r->lines += count_lines(*buf, n);
	return 1;
}
