/* bigmem: arrays of millions of elements, on huge pages where the system
 * offers them.
 *
 * Filling a million-row array touches thousands of 4 KB pages, and on a
 * virtual machine each first touch is a fault costing microseconds; the
 * same array in 2 MB pages faults a few times.  Pages never written are
 * never backed, so reserving more than will be used costs nothing.  */
#ifndef BIGMEM_H
#define BIGMEM_H

#include <stddef.h>

/* realloc(p, bytes), asking for huge pages when bytes is large; free the
 * result with free().  NULL when out of memory (p is then untouched). */
void *bigmem_realloc(void *p, size_t bytes);

#endif
