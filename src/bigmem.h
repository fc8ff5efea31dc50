/* bigmem: arrays of millions of elements, on huge pages where the system
 * offers them.
 *
 * Filling a million-row array touches thousands of 4 KB pages, and on a
 * virtual machine each first touch is a fault costing microseconds (64 MB
 * in 4 KB pages: 0.26 s here; in 2 MB pages: 5 ms).  A block of 4 MB or
 * more is therefore 2 MB-aligned and rounded up to whole 2 MB pages, and
 * the kernel is asked for huge pages in it.  Pages never written are
 * never backed, so reserving more than will be used costs nothing.  */
#ifndef BIGMEM_H
#define BIGMEM_H

#include <stddef.h>

/* malloc(bytes) as described; free it with free().  NULL when out of
 * memory. */
void *bigmem_alloc(size_t bytes);

/* p (from bigmem_alloc or malloc, old bytes of it in use, NULL with 0) in
 * a block of bytes, as realloc: the first old bytes kept, p freed.  NULL
 * when out of memory (p is then untouched). */
void *bigmem_grow(void *p, size_t old, size_t bytes);

#endif
