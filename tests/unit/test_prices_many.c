/* prices_load_many: several files on threads give what prices_load gives
 * for each, and a failure anywhere keeps nothing. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <string.h>

#include "prices.h"
#include "unit_tmp.h"

static const struct prices_opts opts = {.want = PRICES_ALL};

/* n rows from 2024-01-01 (every day), close = 100 + k / 100. */
static const char *write_rows(struct ut_dir *d, const char *name, int n)
{
	size_t cap = 64 + (size_t)n * 64;
	char *s = malloc(cap), *p = s;
	p += sprintf(p, "Date,Open,High,Low,Close,Volume\n");
	for (int k = 0; k < n; k++) {
		int m = 1 + k / 28 % 12, day = 1 + k % 28, y = 2024 + k / 336;
		double c = 100 + k / 100.0;
		p += sprintf(p, "%04d-%02d-%02d,%.2f,%.2f,%.2f,%.2f,%d\n", y, m, day,
			     c, c + 1, c - 1, c, 1000 + k);
	}
	const char *path = ut_write(d, name, s, p - s);
	free(s);
	return path;
}

Test(prices_many, same_as_one_at_a_time)
{
	struct ut_dir d;
	ut_dir_init(&d);
	const char *paths[3] = {write_rows(&d, "a.csv", 3000),
				write_rows(&d, "b.csv", 10),
				write_rows(&d, "c.csv", 700)};
	struct prices *many[3] = {0};
	struct ff_error err;
	cr_assert_eq(prices_load_many(paths, 3, &opts, many, &err), 0, "%s", err.msg);
	for (int i = 0; i < 3; i++) {
		struct prices *one;
		cr_assert_eq(prices_load(paths[i], &opts, &one, &err), 0);
		cr_expect_eq(many[i]->n, one->n);
		cr_expect_str_eq(many[i]->name, one->name);
		cr_expect_arr_eq(many[i]->date, one->date, one->n * sizeof *one->date);
		cr_expect_arr_eq(many[i]->close, one->close, one->n * sizeof *one->close);
		cr_expect_arr_eq(many[i]->volume, one->volume, one->n * sizeof *one->volume);
		prices_free(one);
		prices_free(many[i]);
	}
	ut_dir_clean(&d);
}

Test(prices_many, first_failure_in_path_order_and_nothing_kept)
{
	struct ut_dir d;
	ut_dir_init(&d);
	const char *paths[4] = {
		write_rows(&d, "ok.csv", 500),
		ut_write(&d, "bad1.csv", "Date,Open,High,Low,Close\n"
			 "2024-01-02,1,2,0.5,1\n2024-01-03,1,2,0.5,x\n", -1),
		write_rows(&d, "ok2.csv", 20),
		ut_write(&d, "bad2.csv", "Date,Open,High,Low\n2024-01-02,1,2,0.5\n", -1)};
	struct prices *out[4] = {0};
	struct ff_error err;
	cr_assert_eq(prices_load_many(paths, 4, &opts, out, &err), -1);
	cr_expect_str_eq(err.file, paths[1]);
	cr_expect_eq(err.line, 3);
	cr_expect_str_eq(err.field, "Close");
	for (int i = 0; i < 4; i++) cr_expect_null(out[i], "out[%d] kept", i);
	ut_dir_clean(&d);
}

Test(prices_many, none_and_one)
{
	struct ut_dir d;
	ut_dir_init(&d);
	struct ff_error err;
	cr_expect_eq(prices_load_many(NULL, 0, &opts, NULL, &err), 0);
	const char *one = write_rows(&d, "one.csv", 5);
	struct prices *p = NULL;
	cr_assert_eq(prices_load_many(&one, 1, &opts, &p, &err), 0);
	cr_expect_eq(p->n, 5);
	cr_expect_eq(p->close[4], 100.04);
	prices_free(p);
	ut_dir_clean(&d);
}
