#include "numparse.h"

#include <stdlib.h>
#include <string.h>

/* Correct for every input; the fast path comes later. */
int numparse(const char *s, size_t len, double *out)
{
	char buf[512];
	if (len == 0 || len >= sizeof buf) return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	char *end;
	*out = strtod(buf, &end);
	return end == buf + len ? 0 : -1;
}
