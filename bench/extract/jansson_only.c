/* The part of `finfacts extract` on a JSON Lines corpus that no rule can
 * make faster: reading each line and decoding it with jansson, as the
 * article reader does (json_loadb, the "text" string), and nothing else.
 * bench/extract/run.sh times it beside finfacts as a floor. */
#define _POSIX_C_SOURCE 200809L
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: jansson_only CORPUS.jsonl\n");
		return 2;
	}
	FILE *f = fopen(argv[1], "r");
	if (!f) {
		perror(argv[1]);
		return 2;
	}
	char *line = NULL;
	size_t cap = 0, chars = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, f)) > 0) {
		json_error_t e;
		json_t *rec = json_loadb(line, (size_t)n, 0, &e);
		if (!rec) {
			fprintf(stderr, "%s: %s\n", argv[1], e.text);
			return 2;
		}
		chars += json_string_length(json_object_get(rec, "text"));
		json_decref(rec);
	}
	free(line);
	fclose(f);
	printf("%zu\n", chars);
	return 0;
}
