#include "bigmem.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define HUGE_PAGE ((size_t)2 << 20)
#define WORTH_IT (2 * HUGE_PAGE)   /* smaller blocks are left as malloc gives them */

void *bigmem_alloc(size_t bytes)
{
	if (bytes < WORTH_IT) return malloc(bytes);
	size_t whole = (bytes + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	void *p;
	if (posix_memalign(&p, HUGE_PAGE, whole)) return NULL;
	/* A refusal (no transparent huge pages here) costs only speed. */
	madvise(p, whole, MADV_HUGEPAGE);
	return p;
}

void *bigmem_grow(void *p, size_t old, size_t bytes)
{
	if (bytes < WORTH_IT) return realloc(p, bytes);
	void *q = bigmem_alloc(bytes);
	if (!q) return NULL;
	if (old) memcpy(q, p, old < bytes ? old : bytes);
	free(p);
	return q;
}
