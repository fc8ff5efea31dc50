/* numparse: decimal text to double, returning exactly what strtod
 * returns, fast on the forms price files hold. */
#ifndef NUMPARSE_H
#define NUMPARSE_H

#include <stddef.h>

/* Parses all of s[0..len) (no spaces) as a decimal number: optional
 * sign, digits with an optional '.', optional exponent; also "inf",
 * "nan" as strtod spells them.  0 and *out set, or -1 when s is not a
 * whole number. */
int numparse(const char *s, size_t len, double *out);

#endif
