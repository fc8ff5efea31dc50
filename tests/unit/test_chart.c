/* The chart kit's arithmetic: ticks, ranges, date axis, number text,
 * label placement.  Expected values are worked out by hand below. */
#include <criterion/criterion.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chart.h"
#include "date.h"

Test(chart, ticks_are_nice_and_cover_the_range, .fini = chart_library_cleanup)
{
	double t[32], step;
	/* span 87.3 over ~5 ticks: raw step 17.46 -> the next nice step is 20,
	 * first multiple of 20 >= 12.7 is 20, last <= 100 is 100. */
	size_t n = chart_ticks(12.7, 100.0, 5, t, 32, &step);
	cr_assert_float_eq(step, 20, 1e-12);
	cr_assert_eq(n, 5);
	cr_assert_float_eq(t[0], 20, 1e-12);
	cr_assert_float_eq(t[4], 100, 1e-12);
	/* span 0.5 / 4 = 0.125 -> the next of 1, 2, 2.5, 5 x 10^-1 is 0.2:
	 * ticks 0, 0.2, 0.4 (ceil(-0.1 / 0.2) = -0, written as 0). */
	n = chart_ticks(-0.1, 0.4, 4, t, 32, &step);
	cr_assert_float_eq(step, 0.2, 1e-12);
	cr_assert_eq(n, 3);
	cr_assert_float_eq(t[0], 0, 1e-12);
	cr_assert(!signbit(t[0]));   /* never "-0" */
	cr_assert_float_eq(t[2], 0.4, 1e-12);
}

Test(chart, nice_range_widens_to_ticks, .fini = chart_library_cleanup)
{
	double lo = 113.8, hi = 124.3;
	/* span 10.5 / 5 = 2.1 -> step 2.5: [112.5, 125]. */
	chart_nice_range(&lo, &hi, 5);
	cr_assert_float_eq(lo, 112.5, 1e-9);
	cr_assert_float_eq(hi, 125, 1e-9);
	lo = hi = 5;   /* a flat series still gets a range */
	chart_nice_range(&lo, &hi, 5);
	cr_assert(lo < 5 && hi > 5);
}

Test(chart, decimals_and_number_text, .fini = chart_library_cleanup)
{
	char b[64];
	cr_assert_eq(chart_decimals_for(20), 0);
	cr_assert_eq(chart_decimals_for(0.25), 2);
	cr_assert_eq(chart_decimals_for(2.5), 1);
	cr_assert_str_eq(chart_fmt(b, sizeof b, 23477.92, 2, NULL, CHART_NUM_PLAIN), "23,477.92");
	cr_assert_str_eq(chart_fmt(b, sizeof b, 1234567, 0, "HK$", CHART_NUM_PLAIN), "HK$1,234,567");
	cr_assert_str_eq(chart_fmt(b, sizeof b, 9.2, 1, NULL, CHART_NUM_SIGNED_PCT), "+9.2%");
	/* U+2212 MINUS SIGN, not a hyphen, as typesetting wants. */
	cr_assert_str_eq(chart_fmt(b, sizeof b, -3, 0, NULL, CHART_NUM_PCT), "\xe2\x88\x92" "3%");
	/* Rounds to zero: no minus sign on "0.0". */
	cr_assert_str_eq(chart_fmt(b, sizeof b, -0.01, 1, NULL, CHART_NUM_PLAIN), "0.0");
}

static size_t trading_days(int32_t from, int32_t to, int32_t *out)
{
	size_t n = 0;
	for (int32_t d = from; d <= to; d++)
		if (date_weekday(d) < 5) out[n++] = d;
	return n;
}

Test(chart, date_ticks_fall_on_month_starts_and_never_crowd, .fini = chart_library_cleanup)
{
	int32_t days[800];
	/* Weekdays 2024-11-01 .. 2025-03-31: ticks on the first session of
	 * Nov (the range starts on day 1), Dec, Jan, Feb, Mar. */
	size_t n = trading_days(date_from_civil(2024, 11, 1), date_from_civil(2025, 3, 31), days);
	struct chart_datetick tk[64];
	size_t k = chart_date_ticks(days, n, 1000.0 / (double)n, 70, tk, 64);
	cr_assert_eq(k, 5);
	cr_assert_str_eq(tk[0].label, "Nov 2024");
	cr_assert_str_eq(tk[2].label, "Jan 2025");
	cr_assert(tk[2].major);
	cr_assert_str_eq(tk[3].label, "Feb");
	int y, m, d;
	date_to_civil(days[tk[3].index], &y, &m, &d);
	cr_assert_eq(m, 2);
	cr_assert_eq(d, 3);   /* 2025-02-01 is a Saturday: first session Mon 3rd */
	/* Two years on 300 px: months would be 12 px apart, so ticks thin out
	 * to a stride (quarters, half years, years) that keeps them apart. */
	n = trading_days(date_from_civil(2023, 1, 2), date_from_civil(2024, 12, 31), days);
	k = chart_date_ticks(days, n, 300.0 / (double)n, 70, tk, 64);
	cr_assert(k >= 2);
	for (size_t i = 1; i < k; i++) {
		double gap = (double)(tk[i].index - tk[i - 1].index) * 300.0 / (double)n;
		cr_assert(gap >= 60, "ticks %zu and %zu only %.1f px apart", i - 1, i, gap);
	}
}

static char *temp_png(void)
{
	char *path = strdup("/tmp/ff_chart_XXXXXX.png");
	int fd = mkstemps(path, 4);
	cr_assert(fd >= 0);
	close(fd);
	return path;
}

Test(chart, labels_never_overlap, .fini = chart_library_cleanup)
{
	char *path = temp_png();
	struct ff_error err;
	struct chart *c = chart_new(path, 600, 400, &err);
	cr_assert(c);
	struct chart_rect bounds = {0, 0, 600, 400}, r[6];
	/* Six labels all wanting the same spot must stack without overlap. */
	for (int i = 0; i < 6; i++)
		r[i] = chart_label(c, bounds, 300, 200, 'l', 13, chart_ink, "stated: +9.2%");
	for (int i = 0; i < 6; i++)
		for (int j = i + 1; j < 6; j++)
			cr_assert(r[i].y + r[i].h <= r[j].y + 1e-9 || r[j].y + r[j].h <= r[i].y + 1e-9,
				  "labels %d and %d overlap", i, j);
	/* An occupied band pushes a label off it. */
	chart_occupy(c, (struct chart_rect){0, 300, 600, 40});
	struct chart_rect q = chart_label(c, bounds, 100, 320, 'l', 13, chart_ink, "x");
	cr_assert(q.y >= 340 || q.y + q.h <= 300);
	chart_free(c);
	unlink(path);
	free(path);
}

Test(chart, format_follows_extension, .fini = chart_library_cleanup)
{
	cr_assert_eq(chart_format_of("a.png"), CHART_PNG);
	cr_assert_eq(chart_format_of("dir.x/a.PDF"), CHART_PDF);
	cr_assert_eq(chart_format_of("a.svg"), CHART_SVG);
	cr_assert_eq(chart_format_of("a.jpg"), -1);
	struct ff_error err;
	cr_assert_null(chart_new("/tmp/x.gif", 600, 400, &err));
	cr_assert(strstr(err.msg, ".png"));
}

Test(chart, discarded_chart_leaves_no_file, .fini = chart_library_cleanup)
{
	struct ff_error err;
	const char *path = "/tmp/ff_chart_discarded.pdf";
	unlink(path);
	struct chart *c = chart_new(path, 600, 400, &err);
	cr_assert(c);
	chart_free(c);
	cr_assert(access(path, F_OK) != 0);
}

/* The PNG writer is finfacts' own (filters + run-length deflate): every
 * pixel must read back exactly, on noise (no runs at all), on flat runs
 * longer than deflate's 258-byte limit, on rows equal to the row above
 * (the Up filter), and on rows that start black (Sub's first pixel,
 * whose reference is 0, equal to it).  The top rows are left as
 * chart_new paints them, white. */
static uint32_t pattern(int x, int y)
{
	if (y < 50) return 0xffffff;                        /* flat rows */
	if (y < 100) return x < 150 ? 0x102030 : 0xfefefe;  /* long runs */
	if (y < 110) return 0x000000;                        /* flat black rows */
	if (y < 120) return x < 20 ? 0 : 0x010101u * (uint32_t)y;   /* Sub from black */
	uint32_t h = (uint32_t)(x * 2654435761u) ^ (uint32_t)(y * 40503u);
	h ^= h >> 13;
	return (h * 2246822519u) & 0xffffff;                 /* noise */
}

static void round_trip(int w, int h)
{
	char *path = temp_png();
	struct ff_error err;
	struct chart *c = chart_new(path, w, h, &err);
	cr_assert(c);
	cairo_surface_t *canvas = cairo_get_target(chart_cr(c));
	cairo_surface_flush(canvas);
	unsigned char *px = cairo_image_surface_get_data(canvas);
	int cstride = cairo_image_surface_get_stride(canvas);
	for (int y = 50; y < h; y++)
		for (int x = 0; x < w; x++)
			*(uint32_t *)(px + y * cstride + x * 4) = pattern(x, y);
	cairo_surface_mark_dirty(canvas);
	cr_assert_eq(chart_save(c, &err), 0, "%s", err.msg);
	cairo_surface_t *s = cairo_image_surface_create_from_png(path);
	cr_assert_eq(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	cr_assert_eq(cairo_image_surface_get_width(s), w);
	cr_assert_eq(cairo_image_surface_get_height(s), h);
	const unsigned char *d = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			uint32_t got = *(const uint32_t *)(d + y * stride + x * 4) & 0xffffff;
			cr_assert_eq(got, pattern(x, y), "pixel %d,%d: %06x, want %06x", x, y,
				     got, pattern(x, y));
		}
	cairo_surface_destroy(s);
	unlink(path);
	free(path);
}

/* Under 2 MiB of pixels: the canvas is cairo's own. */
Test(chart, png_writer_round_trips_every_pixel, .fini = chart_library_cleanup)
{
	round_trip(300, 200);
}

/* 1200x700 (3.4 MB): the canvas is chart's huge-page block, here one a
 * discarded chart left full of another colour: chart_new must paint it
 * all. */
Test(chart, large_canvas_round_trips_every_pixel, .fini = chart_library_cleanup)
{
	chart_library_init();   /* freed blocks kept for reuse */
	char *path = temp_png();
	struct ff_error err;
	struct chart *c = chart_new(path, 1200, 700, &err);
	cr_assert(c);
	cairo_surface_t *canvas = cairo_get_target(chart_cr(c));
	cairo_surface_flush(canvas);
	memset(cairo_image_surface_get_data(canvas), 0x5a,
	       (size_t)cairo_image_surface_get_stride(canvas) * 700);
	cairo_surface_mark_dirty(canvas);
	chart_free(c);
	unlink(path);
	free(path);
	round_trip(1200, 700);
}

/* chart_library_init: text is DejaVu Sans found through fontconfig from
 * the built-in configuration (no file read), hinted as on stock Debian. */
static FcPattern *match(const char *name)
{
	FcPattern *p = FcNameParse((const FcChar8 *)name);
	FcConfigSubstitute(NULL, p, FcMatchPattern);
	FcDefaultSubstitute(p);
	FcResult r;
	FcPattern *m = FcFontMatch(NULL, p, &r);
	FcPatternDestroy(p);
	cr_assert(m, "no font for %s", name);
	return m;
}

static int reads_file(const char *name)
{
	FcStrList *files = FcConfigGetConfigFiles(NULL);
	int found = 0;
	for (FcChar8 *f; (f = FcStrListNext(files));)
		found |= !name || !strcmp((const char *)f, name);
	FcStrListDone(files);
	return found;
}

Test(chart, fonts_come_from_the_builtin_configuration, .fini = chart_library_cleanup)
{
	unsetenv("FONTCONFIG_FILE");
	unsetenv("FONTCONFIG_PATH");
	chart_library_init();
	cr_assert(!reads_file(NULL), "a configuration file was read");
	const char *want[] = {"DejaVu Sans:pixelsize=13", "DejaVuSans.ttf",
		"DejaVu Sans:bold:pixelsize=24", "DejaVuSans-Bold.ttf"};
	for (int k = 0; k < 4; k += 2) {
		FcPattern *m = match(want[k]);
		FcChar8 *file;
		int style, aa;
		cr_assert_eq(FcPatternGetString(m, FC_FILE, 0, &file), FcResultMatch);
		cr_assert(strstr((const char *)file, want[k + 1]), "%s: %s", want[k], file);
		cr_assert_eq(FcPatternGetInteger(m, FC_HINT_STYLE, 0, &style), FcResultMatch);
		cr_assert_eq(style, FC_HINT_SLIGHT);
		cr_assert_eq(FcPatternGetBool(m, FC_ANTIALIAS, 0, &aa), FcResultMatch);
		cr_assert(aa);
		FcPatternDestroy(m);
	}
}

/* A configuration named in the environment is fontconfig's to load. */
Test(chart, fontconfig_file_in_the_environment_wins, .fini = chart_library_cleanup)
{
	char path[] = "/tmp/ff_fonts_XXXXXX";
	int fd = mkstemp(path);
	cr_assert(fd >= 0);
	const char conf[] = "<fontconfig><dir>/usr/share/fonts</dir></fontconfig>\n";
	cr_assert_eq(write(fd, conf, sizeof conf - 1), (ssize_t)(sizeof conf - 1));
	close(fd);
	setenv("FONTCONFIG_FILE", path, 1);
	chart_library_init();
	cr_assert(reads_file(path), "%s not loaded", path);
	unlink(path);
}
