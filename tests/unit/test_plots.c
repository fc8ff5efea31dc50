/* Charts drawn from real data, read back with cairo and probed: the
 * pixels that must be there for the chart to say what it claims. */
#include <cairo.h>
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "facts.h"
#include "chart.h"
#include "plots.h"
#include "prices.h"

#define FIX "tests/fixtures/plot/"

static char *temp_png(void)
{
	char *path = strdup("/tmp/ff_plot_XXXXXX.png");
	int fd = mkstemps(path, 4);
	cr_assert(fd >= 0);
	close(fd);
	return path;
}

static cairo_surface_t *read_png(const char *path)
{
	cairo_surface_t *s = cairo_image_surface_create_from_png(path);
	cr_assert_eq(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	cr_assert_eq(cairo_image_surface_get_width(s), 1200);
	cr_assert_eq(cairo_image_surface_get_height(s), 700);
	return s;
}

static uint32_t pixel(cairo_surface_t *s, int x, int y)
{
	const unsigned char *d = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);
	return *(const uint32_t *)(d + y * stride + x * 4) & 0xffffff;
}

static uint32_t rgb(double r, double g, double b)
{
	return (uint32_t)lround(r * 255) << 16 | (uint32_t)lround(g * 255) << 8 |
	       (uint32_t)lround(b * 255);
}

static struct facts *share_facts(void)
{
	struct facts *f = facts_new();
	const char *name[] = {"Vivo", "Huawei", "Apple"};
	double v[] = {17, 16, 15};
	for (int k = 0; k < 3; k++) {
		struct fact x = {.doc = "t", .entity = name[k], .ticker = "", .scope = "China",
			.measure = "market_share", .unit = "pct", .qualifier = "eq",
			.period = "year:2024", .attribution = "Canalys", .evidence = "",
			.date = date_from_civil(2025, 2, 13), .value = v[k]};
		cr_assert_eq(facts_append(f, &x), 0);
	}
	return f;
}

Test(plots, share_bars_are_as_long_as_their_shares, .fini = chart_library_cleanup)
{
	struct facts *f = share_facts();
	struct plots_opts o;
	plots_opts_init(&o);
	char *path = temp_png();
	o.out = path;
	struct ff_error err;
	cr_assert_eq(plots_share(f, &o, &err), 0, "%s", err.msg);
	cairo_surface_t *s = read_png(path);
	/* Bars are the first series colour; measure each bar's run along the
	 * row through its middle, top to bottom (largest share first). */
	uint32_t blue = rgb(0.0, 0.447, 0.698);
	double len[8];
	int nbars = 0, in_bar = 0;
	for (int y = 0; y < 700 && nbars < 8; y++) {
		int run = 0;
		for (int x = 0; x < 1200; x++) run += pixel(s, x, y) == blue;
		if (run > 20 && !in_bar) {
			in_bar = 1;
			len[nbars++] = 0;
		}
		if (run > 20) len[nbars - 1] = fmax(len[nbars - 1], run);
		if (run <= 20) in_bar = 0;
	}
	cr_assert_eq(nbars, 3, "found %d bars", nbars);
	cr_assert(len[0] > len[1] && len[1] > len[2]);
	/* Lengths are proportional to 17 : 16 : 15 within a pixel or two. */
	cr_assert(fabs(len[0] / len[2] - 17.0 / 15.0) < 0.02, "%g %g", len[0], len[2]);
	cr_assert(fabs(len[1] / len[2] - 16.0 / 15.0) < 0.02);
	cairo_surface_destroy(s);
	unlink(path);
	free(path);
	facts_free(f);
}

Test(plots, reaction_marks_the_news_day_and_draws_the_claims, .fini = chart_library_cleanup)
{
	struct prices *p;
	struct prices_opts po = {.want = PRICES_ALL,
				 .on_bad_row = PRICES_BAD_ERROR};
	struct ff_error err;
	cr_assert_eq(prices_load(FIX "9988.HK.csv", &po, &p, &err), 0, "%s", err.msg);
	struct facts *f = facts_new();
	cr_assert_eq(facts_load(f, FIX "facts.csv", &err), 0, "%s", err.msg);
	int32_t day = date_from_civil(2025, 2, 13);
	struct plots_opts o;
	plots_opts_init(&o);
	char *path = temp_png();
	o.out = path;
	o.events = &day;
	o.nevents = 1;
	cr_assert_eq(plots_reaction(p, f, "9988.HK", &o, &err), 0, "%s", err.msg);
	cairo_surface_t *s = read_png(path);
	/* The news day's column is shaded; 10 sessions before and 5 after it
	 * put its centre at (10 + 0.6) / 16 of the plot's width. */
	uint32_t shade = rgb(1.0, 0.96, 0.80), orange = rgb(0.902, 0.624, 0.0);
	int x0 = 1200, x1 = 0, n_orange = 0, nonwhite = 0;
	for (int y = 0; y < 700; y++)
		for (int x = 0; x < 1200; x++) {
			uint32_t c = pixel(s, x, y);
			if (c == shade) {
				x0 = x < x0 ? x : x0;
				x1 = x > x1 ? x : x1;
			}
			n_orange += c == orange;
			nonwhite += c != 0xffffff;
		}
	cr_assert(x1 > x0, "no shaded column");
	/* Plot area: 30 px margin + 70 px of axis labels on the left, so
	 * x from 100 to 1200 - 30 - 10 = 1160: 1060 px wide. */
	double mid = (x0 + x1) / 2.0, frac = (mid - 100.0) / 1060.0;
	cr_assert(frac > 0.58 && frac < 0.75, "shaded column at %.2f of the plot", frac);
	cr_assert(x1 - x0 < 90, "the shade is one session wide");
	cr_assert(n_orange > 100, "claims are drawn in orange");
	cr_assert(nonwhite > 1200 * 700 / 50, "not blank");
	cairo_surface_destroy(s);
	unlink(path);
	free(path);
	facts_free(f);
	prices_free(p);
}

Test(plots, candles_and_failure_leave_no_partial_file, .fini = chart_library_cleanup)
{
	struct prices *p;
	struct prices_opts po = {.want = PRICES_ALL,
				 .on_bad_row = PRICES_BAD_ERROR};
	struct ff_error err;
	cr_assert_eq(prices_load(FIX "9988.HK.csv", &po, &p, &err), 0, "%s", err.msg);
	struct plots_opts o;
	plots_opts_init(&o);
	o.out = "/tmp/ff_plot_nothing.png";
	unlink(o.out);
	/* A range with no rows is an error and leaves no file. */
	o.from = date_from_civil(2030, 1, 1);
	cr_assert_neq(plots_candles(p, &o, &err), 0);
	cr_assert(access(o.out, F_OK) != 0);
	prices_free(p);
}
