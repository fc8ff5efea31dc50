/* libFuzzer harness: check's table comparison (check_files).  An input
 * is OPTIONS-BYTE ACTUAL "\n====\n" EXPECTED; the options byte picks the
 * row order or a key (the first one or two header names of EXPECTED),
 * the ignore flags, a --columns list and a --tol.  Every difference is
 * written as a report row, as `finfacts check` does. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fuzz_util.h"

/* The k-th comma-separated name of the first line of s, into buf. */
static const char *header_name(const uint8_t *s, size_t n, int k, char *buf,
			       size_t cap)
{
	size_t i = 0, o = 0;
	for (; i < n && s[i] != '\n' && k > 0; i++)
		if (s[i] == ',') k--;
	for (; i < n && s[i] != '\n' && s[i] != ',' && s[i] != '\r' && o + 1 < cap; i++)
		buf[o++] = (char)s[i];
	buf[o] = '\0';
	return buf;
}

static void count_diff(const struct check_diff *d, void *ctx)
{
	check_report_row(d, ctx);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	if (n < 1) return 0;
	unsigned opt = data[0];
	const uint8_t *b;
	size_t alen, blen;
	fuzz_split(data + 1, n - 1, &alen, &b, &blen);
	char pa[512];
	snprintf(pa, sizeof pa, "%s", fuzz_file("actual.csv", data + 1, alen));
	const char *pe = fuzz_file("expected.csv", b, blen);

	char k0[64], k1[64];
	const char *keys[2] = {header_name(b, blen, 0, k0, sizeof k0),
			       header_name(b, blen, 1, k1, sizeof k1)};
	struct check_tol tol = {keys[1], 1e-6, 1e-9};
	struct check_opts o;
	check_opts_init(&o);
	if (opt & 1) {
		o.key = keys;
		o.nkey = opt & 2 ? 2 : 1;
	}
	o.ignore_extra_columns = !!(opt & 4);
	o.ignore_extra_rows = !!(opt & 8);
	if (opt & 16) {
		o.columns = keys + 1;
		o.ncolumns = 1;
	}
	if (opt & 32) {
		o.tol = &tol;
		o.ntol = 1;
	}
	if (opt & 64) o.rtol = 0, o.atol = 0.5;

	FILE *null = fopen("/dev/null", "w");
	struct ff_error err;
	struct csvio_writer *w = null ? csvio_create_stream(null, &err) : NULL;
	if (!w) abort();
	check_report_header(w);
	struct check_summary s;
	if (check_files(pa, pe, &o, count_diff, w, &s, &err) == 0) {
		if (s.cells_differ > s.cells) abort();
		/* A table agrees with itself. */
		struct check_summary self;
		if (check_files(pa, pa, &o, NULL, NULL, &self, &err) == 0 &&
		    !(opt & 1) && check_differ(&self))
			abort();
	} else if (!err.msg[0]) {
		abort();
	}
	csvio_commit(w, &err);
	fclose(null);
	return 0;
}
