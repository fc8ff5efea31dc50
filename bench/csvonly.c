/* csvonly: libcsv alone over the same files, with callbacks that only
 * count, as a second yardstick: the time finfacts cannot go below while
 * libcsv parses its CSV (a project requirement), before it converts,
 * validates or stores a single number.
 *
 *   csvonly FILE...  */
#include <csv.h>
#include <stdio.h>

static void on_field(void *s, size_t len, void *data)
{
	(void)s;
	((size_t *)data)[0] += len;
}

static void on_row(int c, void *data)
{
	(void)c;
	((size_t *)data)[1]++;
}

int main(int argc, char **argv)
{
	static char buf[1 << 16];
	size_t tally[2] = {0, 0};   /* field bytes, rows */
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		struct csv_parser p;
		if (!f || csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)) {
			fprintf(stderr, "csvonly: cannot read %s\n", argv[i]);
			return 2;
		}
		size_t n;
		while ((n = fread(buf, 1, sizeof buf, f)) > 0)
			if (csv_parse(&p, buf, n, on_field, on_row, tally) != n) {
				fprintf(stderr, "csvonly: %s: %s\n", argv[i],
					csv_strerror(csv_error(&p)));
				return 1;
			}
		csv_fini(&p, on_field, on_row, tally);
		csv_free(&p);
		fclose(f);
	}
	printf("rows %zu, field bytes %zu\n", tally[1], tally[0]);
	return 0;
}
