#include "ff_error.h"

#include <stdarg.h>
#include <string.h>

static void copy(char *dst, size_t cap, const char *src)
{
	if (!src) src = "";
	size_t n = strlen(src);
	if (n >= cap) n = cap - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

int ff_error_set(struct ff_error *err, const char *file, long line,
		 const char *field, const char *fmt, ...)
{
	if (!err) return -1;
	copy(err->file, sizeof err->file, file);
	copy(err->field, sizeof err->field, field);
	err->line = line;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return -1;
}

void ff_error_print(FILE *out, const struct ff_error *err)
{
	fputs("finfacts: ", out);
	if (err->file[0]) {
		fputs(err->file, out);
		if (err->line > 0) fprintf(out, ":%ld", err->line);
		fputs(": ", out);
	}
	if (err->field[0]) fprintf(out, "field '%s': ", err->field);
	fprintf(out, "%s\n", err->msg);
}
