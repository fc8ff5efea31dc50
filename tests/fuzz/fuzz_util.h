/* Shared by the libFuzzer harnesses: the module APIs read named files
 * (a path, or an extension that picks the reader), so each input is
 * written to a file in a private scratch folder on tmpfs when there is
 * one.  The folder lives as long as the fuzzing process. */
#ifndef FUZZ_UTIL_H
#define FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char fuzz_dir[256];

static inline void fuzz_cleanup(void)
{
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", fuzz_dir);
	if (fuzz_dir[0] && system(cmd)) { /* nothing more to do */ }
}

/* Writes data to the scratch file called name; returns its path (a static
 * buffer, valid until the next call). */
static inline const char *fuzz_file(const char *name, const uint8_t *data, size_t n)
{
	static char path[512];
	if (!fuzz_dir[0]) {
		const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
		snprintf(fuzz_dir, sizeof fuzz_dir, "%s/finfacts-fuzz.XXXXXX", base);
		if (!mkdtemp(fuzz_dir)) abort();
		atexit(fuzz_cleanup);
	}
	snprintf(path, sizeof path, "%s/%s", fuzz_dir, name);
	FILE *f = fopen(path, "wb");
	if (!f || (n && fwrite(data, 1, n, f) != n) || fclose(f)) abort();
	return path;
}

/* Splits data at the first "\n====\n" (two files in one input). */
static inline void fuzz_split(const uint8_t *data, size_t n, size_t *a_len,
		       const uint8_t **b, size_t *b_len)
{
	static const char sep[] = "\n====\n";
	const size_t sl = sizeof sep - 1;
	for (size_t i = 0; i + sl <= n; i++)
		if (!memcmp(data + i, sep, sl)) {
			*a_len = i + 1;   /* keep the newline ending the last row */
			*b = data + i + sl;
			*b_len = n - i - sl;
			return;
		}
	*a_len = n;
	*b = data + n;
	*b_len = 0;
}

#endif
