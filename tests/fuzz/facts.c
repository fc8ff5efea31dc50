/* libFuzzer harness: reading a fact table (facts_load), and the round
 * trip a command makes of it: what facts_write writes, facts_load reads
 * back as the same facts. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "facts.h"
#include "fuzz_util.h"

static int same_fact(const struct fact *a, const struct fact *b)
{
	const char *const x[] = {a->doc, a->entity, a->ticker, a->scope, a->measure,
		a->unit, a->qualifier, a->period, a->attribution, a->evidence};
	const char *const y[] = {b->doc, b->entity, b->ticker, b->scope, b->measure,
		b->unit, b->qualifier, b->period, b->attribution, b->evidence};
	for (size_t k = 0; k < sizeof x / sizeof x[0]; k++)
		if (strcmp(x[k], y[k])) return 0;
	return a->date == b->date && a->span_start == b->span_start &&
	       a->span_end == b->span_end &&
	       (a->value == b->value || (a->value != a->value && b->value != b->value));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	struct facts *t = facts_new(), *back = facts_new();
	struct ff_error err;
	if (!t || !back) abort();
	if (facts_load(t, fuzz_file("facts.csv", data, n), &err) == 0) {
		char *buf = NULL;
		size_t len = 0;
		FILE *mem = open_memstream(&buf, &len);
		struct csvio_writer *w = mem ? csvio_create_stream(mem, &err) : NULL;
		if (!w) abort();
		facts_write_header(w);
		for (size_t i = 0; i < t->n; i++) facts_write(w, &t->v[i]);
		if (csvio_commit(w, &err) || fclose(mem)) abort();
		const char *p2 = fuzz_file("facts2.csv", (const uint8_t *)buf, len);
		if (facts_load(back, p2, &err)) {
			fprintf(stderr, "round trip: line %ld field %s: %s\n",
				err.line, err.field, err.msg);
			abort();
		}
		if (back->n != t->n) abort();
		for (size_t i = 0; i < t->n; i++)
			if (!same_fact(&t->v[i], &back->v[i])) abort();
		free(buf);
	} else if (!err.msg[0]) {
		abort();
	}
	facts_free(t);
	facts_free(back);
	return 0;
}
