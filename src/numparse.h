/* numparse: decimal text to double, returning exactly what glibc's strtod
 * returns (in the C locale, rounding to nearest), fast on the forms price
 * files hold: up to 19 significant digits with a small exponent take a
 * few nanoseconds; what the fast paths cannot settle goes to strtod. */
#ifndef NUMPARSE_H
#define NUMPARSE_H

#include <stddef.h>

/* Parses all of s[0..len) as a decimal number and sets *out to what
 * strtod would return for it.  Accepted: an optional sign, digits with an
 * optional '.' (at least one digit, "1." and ".5" included), an optional
 * exponent (e or E, optional sign, at least one digit); and the words
 * "inf", "infinity", "nan" in any case with an optional sign.  Values
 * beyond the double range give +-HUGE_VAL (inf) or 0 / a subnormal, as
 * strtod does.  Rejected (-1, *out untouched), although strtod would
 * take them: leading or trailing spaces (callers trim what they allow),
 * hexadecimal ("0x10", "0x1p3") and "nan(chars)"; a price file never
 * means them.  Also rejected: anything with text left over ("1.2.3",
 * "1e", "1e+", "12abc"), and "", "+", ".".  */
int numparse(const char *s, size_t len, double *out);

#endif
