/* par and chunk: the pieces of -j.  A stream cut at line boundaries
 * gives itself back with the right line counts; the ordered pipeline
 * hands results back in production order whatever order workers finish
 * in, and stops where a consumer says. */
#include <criterion/criterion.h>

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "article.h"
#include "chunk.h"
#include "date.h"
#include "par.h"

/* Cuts text with target size t; checks every piece and returns how many. */
static int cut_all(const char *text, size_t t)
{
	size_t n = strlen(text);
	FILE *f = fmemopen((void *)text, n ? n : 1, "r");
	if (!n) fgetc(f);   /* an empty stream: fmemopen wants a size */
	struct chunk_reader *r = chunk_open(f, "t.jsonl", t);
	char *buf = NULL, *all = calloc(n + 1, 1);
	size_t cap = 0, len, at = 0;
	long before, lines = 0;
	int pieces = 0, rc;
	struct ff_error err = {0};
	while ((rc = chunk_next(r, &buf, &cap, &len, &before, &err)) > 0) {
		cr_assert_eq(before, lines, "piece %d: %ld lines before, want %ld",
			     pieces, before, lines);
		cr_assert(len >= t || at + len == n, "short piece in the middle");
		cr_assert(buf[len - 1] == '\n' || at + len == n,
			  "a piece that is not the last ends with a newline");
		cr_assert_leq(at + len, n);
		memcpy(all + at, buf, len);
		at += len;
		for (size_t i = 0; i < len; i++) lines += buf[i] == '\n';
		pieces++;
	}
	cr_assert_eq(rc, 0);
	cr_assert_eq(at, n);
	cr_assert_str_eq(all, text, "the pieces give the stream back");
	chunk_close(r);
	fclose(f);
	free(buf);
	free(all);
	return pieces;
}

Test(chunk, cuts_at_line_ends)
{
	cr_assert_eq(cut_all("aaaa\nbb\ncccccc\nd\neeeeeeeee\n", 5), 3);
	cr_assert_eq(cut_all("aaaa\nbb\ncccccc\nd\neeeeeeeee\n", 1000), 1);
}

Test(chunk, a_long_line_is_never_split)
{
	cr_assert_eq(cut_all("x\nyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\nz\n", 4), 1);
}

Test(chunk, last_line_without_newline_and_empty_input)
{
	cr_assert_eq(cut_all("a\nb\nlast", 2), 3);
	cr_assert_eq(cut_all("", 16), 0);
	cr_assert_eq(cut_all("\n\n\n\n", 1), 4);
}

Test(chunk, many_random_lines)
{
	size_t cap = 1 << 16, n = 0;
	char *s = malloc(cap + 1);
	unsigned x = 12345;
	while (n < cap - 200) {
		x = x * 1103515245 + 12345;
		size_t l = (x >> 16) % 150;
		memset(s + n, 'a' + (int)(l % 26), l);
		n += l;
		s[n++] = '\n';
	}
	s[n] = '\0';
	for (size_t t = 1; t < 5000; t = t * 3 + 1) cut_all(s, t);
	free(s);
}

/* A piece read on its own names the line of the whole corpus. */
Test(chunk, piece_reader_names_corpus_lines)
{
	const char *piece = "{\"id\": \"a\", \"text\": \"Tencent rose 7%.\"}\n"
			    "\n{\"id\": \"b\", \"text\": 1}\n";
	FILE *f = fmemopen((void *)piece, strlen(piece), "r");
	struct ff_error err = {0};
	struct article_reader *r = article_reader_open_jsonl(f, "c.jsonl", 40,
							     DATE_NONE, &err);
	struct article a;
	cr_assert_eq(article_reader_next(r, &a, &err), 1);
	cr_assert_str_eq(a.doc, "a");
	cr_assert_eq(a.line, 41);
	cr_assert_eq(article_reader_next(r, &a, &err), -1);
	cr_assert_str_eq(err.file, "c.jsonl");
	cr_assert_eq(err.line, 43);
	cr_assert_eq(article_reader_next(r, &a, &err), 0);
	article_reader_close(r);
	fclose(f);
}

/* ---- par_ordered -------------------------------------------------------- */

struct job {
	long seq, value;
};

struct ctx {
	long made, limit, consumed, stop_at;
	atomic_int max_worker;
};

static int produce(void *c, void *slot)
{
	struct ctx *x = c;
	struct job *j = slot;
	if (x->made == x->limit) return 0;
	j->seq = x->made++;
	return 1;
}

static void work(void *c, void *slot, int worker)
{
	struct ctx *x = c;
	struct job *j = slot;
	/* later jobs often finish first */
	struct timespec ts = {0, (long)((j->seq * 7919) % 5) * 200000};
	nanosleep(&ts, NULL);
	j->value = j->seq * j->seq;
	int m = atomic_load(&x->max_worker);
	while (worker > m && !atomic_compare_exchange_weak(&x->max_worker, &m, worker))
		;
}

static int consume(void *c, void *slot)
{
	struct ctx *x = c;
	struct job *j = slot;
	cr_assert_eq(j->seq, x->consumed, "job %ld taken as %ld", j->seq, x->consumed);
	cr_assert_eq(j->value, j->seq * j->seq);
	x->consumed++;
	return j->seq == x->stop_at ? 7 : 0;
}

static const struct par_stage stage = {produce, work, consume};

Test(par, ordered_in_production_order)
{
	for (int threads = 1; threads <= 4; threads++) {
		struct ctx x = {.limit = 300, .stop_at = -1};
		struct job slots[6];
		cr_assert_eq(par_ordered(&stage, &x, slots, 6, sizeof slots[0], threads), 0);
		cr_assert_eq(x.consumed, 300);
		cr_assert_lt(atomic_load(&x.max_worker), threads);
	}
}

Test(par, consumer_stops_the_run)
{
	struct ctx x = {.limit = 300, .stop_at = 41};
	struct job slots[4];
	cr_assert_eq(par_ordered(&stage, &x, slots, 4, sizeof slots[0], 3), 7);
	cr_assert_eq(x.consumed, 42, "nothing after the stopping job");
	cr_assert_leq(x.made, 42 + 4, "no more than the window produced");
}

static void square(void *c, size_t i, int worker)
{
	(void)worker;
	long *v = c;
	v[i] = (long)(i * i) + 1;
}

Test(par, for_does_every_item_once)
{
	long v[1000] = {0};
	par_for(1000, 4, square, v);
	for (size_t i = 0; i < 1000; i++) cr_assert_eq(v[i], (long)(i * i) + 1);
	par_for(0, 4, square, v);
	cr_assert_geq(par_cores(), 1);
}
