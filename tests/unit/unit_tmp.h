/* A scratch folder for one unit test: write small files into it, list
 * what is left in it, remove it.  Header-only so every test file can use
 * it; Criterion runs each test in its own process. */
#ifndef UNIT_TMP_H
#define UNIT_TMP_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>

struct ut_dir {
	char path[64];
	char file[8][320];   /* paths handed out by ut_path, reused in turn */
	int next;
};

static inline void ut_dir_init(struct ut_dir *d)
{
	snprintf(d->path, sizeof d->path, "/tmp/ffunit.XXXXXX");
	cr_assert_not_null(mkdtemp(d->path), "mkdtemp");
	d->next = 0;
}

/* The path of name inside the folder (valid for the next 7 calls). */
static inline const char *ut_path(struct ut_dir *d, const char *name)
{
	char *p = d->file[d->next++ % 8];
	size_t a = strlen(d->path), b = strlen(name);
	cr_assert_lt(a + b + 2, sizeof d->file[0]);
	memcpy(p, d->path, a);
	p[a] = '/';
	memcpy(p + a + 1, name, b + 1);
	return p;
}

/* Writes len bytes of content (len -1: strlen) to name; returns its path. */
static inline const char *ut_write(struct ut_dir *d, const char *name,
				   const char *content, long len)
{
	const char *p = ut_path(d, name);
	FILE *f = fopen(p, "wb");
	cr_assert_not_null(f, "cannot write %s", p);
	size_t n = len < 0 ? strlen(content) : (size_t)len;
	cr_assert_eq(fwrite(content, 1, n, f), n);
	fclose(f);
	return p;
}

/* The whole file into a malloc'd string (NULL if it cannot be read). */
static inline char *ut_read(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) return NULL;
	char *s = NULL;
	size_t n = 0, cap = 0, k;
	char chunk[4096];
	while ((k = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (n + k + 1 > cap) {
			cap = 2 * (n + k + 1);
			s = realloc(s, cap);
			cr_assert_not_null(s);
		}
		memcpy(s + n, chunk, k);
		n += k;
	}
	fclose(f);
	if (!s) s = calloc(1, 1);
	else s[n] = '\0';
	return s;
}

/* How many entries (other than . and ..) the folder holds. */
static inline int ut_count(const struct ut_dir *d)
{
	DIR *dir = opendir(d->path);
	cr_assert_not_null(dir);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(dir)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) n++;
	closedir(dir);
	return n;
}

static inline void ut_dir_clean(struct ut_dir *d)
{
	DIR *dir = opendir(d->path);
	if (!dir) return;
	struct dirent *e;
	char p[400];
	while ((e = readdir(dir))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
		snprintf(p, sizeof p, "%s/%s", d->path, e->d_name);
		unlink(p);
	}
	closedir(dir);
	rmdir(d->path);
}

#endif
