#include "bigmem.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#define HUGE_PAGE ((size_t)2 << 20)
#define WORTH_IT (2 * HUGE_PAGE)   /* smaller arrays are left as malloc gives them */

void *bigmem_realloc(void *p, size_t bytes)
{
	void *q = realloc(p, bytes);
	if (!q || bytes < WORTH_IT) return q;
	/* Only whole 2 MB pages inside the block can be huge ones.  A refusal
	 * (no transparent huge pages here) changes nothing but speed. */
	uintptr_t start = ((uintptr_t)q + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
	uintptr_t end = ((uintptr_t)q + bytes) & ~(uintptr_t)(HUGE_PAGE - 1);
	if (end > start) madvise((void *)start, end - start, MADV_HUGEPAGE);
	return q;
}
