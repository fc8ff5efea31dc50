/* floor: the least any reader of these files must do, as a yardstick.
 *
 *   floor FILE...
 *
 * Reads each file in 1 MiB blocks, splits every line after the header
 * at commas, parses the first field as a date and every other field as a
 * number with finfacts' own date_parse and numparse (so the floor is not
 * lower merely for a cheaper conversion), and prints the rows and a
 * checksum so the work cannot be optimised away.  No quoting, no
 * validation, no storage, no statistics: finfacts must do all of those,
 * and its time over this one shows what they cost.  */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "numparse.h"

#define BLOCK (1 << 20)

struct tally {
	long rows;
	double sum;
	long bad;
};

static void line_fields(const char *s, const char *end, struct tally *t)
{
	int first = 1;
	while (s <= end) {
		const char *c = memchr(s, ',', (size_t)(end - s));
		if (!c) c = end;
		if (first) {
			int32_t day;
			if (date_parse(s, (size_t)(c - s), &day)) t->bad++;
			else t->sum += day;
			first = 0;
		} else {
			double v;
			if (numparse(s, (size_t)(c - s), &v)) t->bad++;
			else t->sum += v;
		}
		s = c + 1;
	}
	t->rows++;
}

static int floor_file(const char *path, struct tally *t)
{
	FILE *f = fopen(path, "rb");
	if (!f) return -1;
	char *buf = malloc(2 * BLOCK);
	size_t have = 0, n;
	int header = 1;
	while (buf && (n = fread(buf + have, 1, BLOCK, f)) > 0) {
		have += n;
		char *s = buf, *end = buf + have, *nl;
		while ((nl = memchr(s, '\n', (size_t)(end - s)))) {
			char *e = nl > s && nl[-1] == '\r' ? nl - 1 : nl;
			if (!header && e > s) line_fields(s, e, t);
			header = 0;
			s = nl + 1;
		}
		have = (size_t)(end - s);
		memmove(buf, s, have);
	}
	if (buf && have && !header) line_fields(buf, buf + have, t);
	free(buf);
	fclose(f);
	return buf ? 0 : -1;
}

int main(int argc, char **argv)
{
	struct tally t = {0};
	for (int i = 1; i < argc; i++)
		if (floor_file(argv[i], &t)) {
			fprintf(stderr, "floor: cannot read %s\n", argv[i]);
			return 2;
		}
	printf("rows %ld, unparsed fields %ld, checksum %.17g\n", t.rows, t.bad, t.sum);
	return t.bad ? 1 : 0;
}
