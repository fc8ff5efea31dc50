/* The report typesetter: page breaks, repeated table headers, wrapped
 * (never clipped) cells, charts drawn into the page, atomic output. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "chart.h"
#include "plots.h"
#include "prices.h"
#include "report.h"

static char *pdf_text(const char *path)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "pdftotext -layout '%s' -", path);
	FILE *p = popen(cmd, "r");
	cr_assert(p);
	size_t cap = 1 << 20, n = 0;
	char *buf = malloc(cap);
	size_t got;
	while ((got = fread(buf + n, 1, cap - 1 - n, p)) > 0) n += got;
	buf[n] = '\0';
	pclose(p);
	return buf;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p++) n++;
	return n;
}

Test(report, tables_break_across_pages_with_their_header, .fini = chart_library_cleanup)
{
	const char *path = "/tmp/ff_report_test.pdf";
	unlink(path);
	struct ff_error err;
	struct report *r = report_new(path, "finfacts test report", &err);
	cr_assert(r, "%s", err.msg);
	report_page(r, "Statistics");
	report_paragraph(r, "A paragraph long enough to wrap: the quick brown fox jumps over "
			 "the lazy dog, again and again, until the line is far wider than a "
			 "page of A4 paper can hold at ten points.");
	/* 150 rows of 12 pt need more than one page of ~720 pt. */
	enum { ROWS = 151, COLS = 3 };
	static char text[ROWS][COLS][128];
	const char *cells[ROWS * COLS];
	snprintf(text[0][0], 128, "series");
	snprintf(text[0][1], 128, "volatility");
	snprintf(text[0][2], 128, "note");
	for (int k = 1; k < ROWS; k++) {
		snprintf(text[k][0], 128, "S%03d", k);
		snprintf(text[k][1], 128, "%.4f", k / 1000.0);
		snprintf(text[k][2], 128, "%s", k == 7 ? "a note that is long enough that it "
			 "has to wrap inside its cell rather than run off" : "-");
	}
	for (int k = 0; k < ROWS; k++)
		for (int c = 0; c < COLS; c++) cells[k * COLS + c] = text[k][c];
	report_table(r, cells, ROWS, COLS);
	size_t pages = report_pages(r);
	cr_assert(pages >= 2, "%zu pages", pages);
	cr_assert(access(path, F_OK) != 0, "nothing at the path before save");
	cr_assert_eq(report_save(r, &err), 0, "%s", err.msg);
	char *t = pdf_text(path);
	/* The header row is repeated on each page the table spans. */
	cr_assert_eq(count(t, "volatility"), pages, "headers %zu, pages %zu",
		     count(t, "volatility"), pages);
	cr_assert(strstr(t, "S150"));
	cr_assert(strstr(t, "0.1500"));
	cr_assert(strstr(t, "run off"), "the wrapped cell's end is on the page");
	char num[32];
	snprintf(num, sizeof num, "page %zu", pages);
	cr_assert(strstr(t, num));
	free(t);
	unlink(path);
}

Test(report, charts_draw_into_the_page, .fini = chart_library_cleanup)
{
	const char *path = "/tmp/ff_report_chart.pdf";
	struct ff_error err;
	struct prices *p;
	struct prices_opts po = {.want = PRICES_ALL,
				 .on_bad_row = PRICES_BAD_ERROR};
	cr_assert_eq(prices_load("tests/fixtures/plot/9988.HK.csv", &po, &p, &err), 0, "%s", err.msg);
	struct report *r = report_new(path, "chart test", &err);
	cr_assert(r);
	report_page(r, "A chart");
	struct plots_opts o;
	plots_opts_init(&o);
	double x, y, w;
	o.target = report_box(r, 300, &x, &y, &w);
	o.tx = x, o.ty = y, o.tw = w, o.th = 300;
	cr_assert_eq(plots_drawdown(p, &o, &err), 0, "%s", err.msg);
	cr_assert_eq(report_save(r, &err), 0, "%s", err.msg);
	char *t = pdf_text(path);
	cr_assert(strstr(t, "9988.HK: drawdown from the running peak"), "%s", t);
	free(t);
	unlink(path);
	prices_free(p);
}

Test(report, discarded_report_leaves_nothing, .fini = chart_library_cleanup)
{
	const char *path = "/tmp/ff_report_discard.pdf";
	unlink(path);
	struct ff_error err;
	struct report *r = report_new(path, "x", &err);
	report_page(r, "x");
	report_free(r);
	cr_assert(access(path, F_OK) != 0);
}
