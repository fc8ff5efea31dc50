/* bigmem: large blocks start on a 2 MB boundary; growing keeps what was
 * in use, across the size where blocks turn large. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bigmem.h"

Test(bigmem, large_blocks_are_aligned_small_ones_are_malloc)
{
	char *p = bigmem_alloc(5u << 20);
	cr_assert_not_null(p);
	cr_assert_eq((uintptr_t)p % (2u << 20), 0);
	memset(p, 7, 5u << 20);   /* all of it is ours */
	free(p);
	p = bigmem_alloc(100);
	cr_assert_not_null(p);
	free(p);
}

Test(bigmem, growing_keeps_the_rows)
{
	size_t n = 1000, big = (6u << 20) / sizeof(int);
	int *a = bigmem_grow(NULL, 0, n * sizeof *a);
	for (size_t i = 0; i < n; i++) a[i] = (int)i;
	a = bigmem_grow(a, n * sizeof *a, big * sizeof *a);   /* small to large */
	cr_assert_eq((uintptr_t)a % (2u << 20), 0);
	for (size_t i = n; i < big; i++) a[i] = (int)i;
	a = bigmem_grow(a, big * sizeof *a, 2 * big * sizeof *a);   /* large to larger */
	for (size_t i = 0; i < big; i++) cr_assert_eq(a[i], (int)i);
	free(a);
}
