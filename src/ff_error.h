/* ff_error: the one error record every fallible function fills.
 *
 * Modules never print; they describe what went wrong here and return -1,
 * and the command that called them decides how to say it.  */
#ifndef FF_ERROR_H
#define FF_ERROR_H

#include <stdio.h>

/* Exit codes shared by every command (DESIGN.md). */
enum { FF_EXIT_OK = 0, FF_EXIT_DIFF = 1, FF_EXIT_BAD = 2 };

struct ff_error {
	char file[512];    /* input the error is about, "" when none */
	long line;         /* 1-based physical line, 0 when not known */
	char field[128];   /* column or field name, "" when none */
	char msg[1024];    /* what was expected and what was found */
};

/* Fill err (which may be NULL) and return -1, so callers can write
 * `return ff_error_set(err, ...);`. */
int ff_error_set(struct ff_error *err, const char *file, long line,
		 const char *field, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Print "finfacts: FILE:LINE: field 'F': MSG" (parts present only). */
void ff_error_print(FILE *out, const struct ff_error *err);

#endif
