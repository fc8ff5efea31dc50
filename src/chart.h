/* chart: the drawing kit on cairo.
 *
 * A canvas writes PNG, PDF or SVG by its file's extension, atomically (a
 * temporary file renamed on save).  Drawing happens in pixel units of the
 * requested size; a PDF page is the same picture at 0.6 pt a pixel.
 * Panels map data to pixels; x is usually a trading-day index so weekends
 * and holidays take no room.  Labels are placed so that they overlap
 * neither each other nor the regions declared occupied.  */
#ifndef CHART_H
#define CHART_H

#include <cairo.h>
#include <stddef.h>
#include <stdint.h>

#include "ff_error.h"

enum chart_format { CHART_PNG, CHART_PDF, CHART_SVG };

struct chart_rgb { double r, g, b; };

/* The palette: colour-blind safe (Okabe-Ito) plus greys. */
extern const struct chart_rgb chart_ink, chart_grey, chart_light, chart_blue,
	chart_orange, chart_green, chart_red, chart_purple, chart_sky;
/* The i-th series colour. */
struct chart_rgb chart_series_colour(size_t i);

struct chart_rect { double x, y, w, h; };

struct chart_axis {
	double lo, hi;
	int log;                 /* log scale (lo > 0) */
};

struct chart_panel {
	struct chart_rect box;   /* plot area in pixels */
	struct chart_axis x, y;
};

struct chart;

/* Format from the extension of path (.png, .pdf, .svg); -1 if none. */
int chart_format_of(const char *path);

struct chart *chart_new(const char *path, int width, int height,
			struct ff_error *err);
/* A chart of width x height pixels drawn into the box (x, y, w, h) of a
 * context the caller owns (a page of a report): no file; chart_save and
 * chart_free give the context back as it was. */
struct chart *chart_new_on(cairo_t *cr, double x, double y, double w, double h,
			   int width, int height);
/* Finishes the drawing and moves it into place; frees c. */
int chart_save(struct chart *c, struct ff_error *err);
/* Discards the drawing (no file is left); safe on NULL. */
void chart_free(struct chart *c);

cairo_t *chart_cr(struct chart *c);
double chart_width(const struct chart *c);
double chart_height(const struct chart *c);

/* Title, subtitle and source line; returns the box left for panels. */
struct chart_rect chart_frame(struct chart *c, const char *title,
			      const char *subtitle, const char *source);

/* Splits box top to bottom by weights, gap pixels apart. */
void chart_split(struct chart_rect box, const double *weights, size_t n,
		 double gap, struct chart_rect *out);

double chart_px(const struct chart_panel *p, double x);
double chart_py(const struct chart_panel *p, double y);

/* Nice tick values (1, 2, 2.5, 5 x 10^k) covering [lo, hi], about target
 * of them; returns the count and sets *step.  */
size_t chart_ticks(double lo, double hi, size_t target, double *out,
		   size_t cap, double *step);
/* Widens [*lo, *hi] to the nice ticks around it. */
void chart_nice_range(double *lo, double *hi, size_t target);

/* Date labels over trading days: a tick where the month changes, labelled
 * "Mar" (or "2025" in January / at the first label), thinned so labels are
 * at least min_gap pixels apart; when months crowd, quarters or years. */
struct chart_datetick {
	size_t index;
	char label[16];
	int major;               /* a year boundary */
};
size_t chart_date_ticks(const int32_t *dates, size_t n, double px_per_day,
			double min_gap, struct chart_datetick *out, size_t cap);

/* Number text: decimals, thousands separators, prefix/suffix. */
enum chart_num { CHART_NUM_PLAIN, CHART_NUM_PCT, CHART_NUM_SIGNED_PCT };
char *chart_fmt(char *buf, size_t cap, double v, int decimals,
		const char *prefix, enum chart_num kind);
/* Decimals that tell apart ticks step apart. */
int chart_decimals_for(double step);

/* Axes and grid. */
void chart_yaxis(struct chart *c, const struct chart_panel *p, int right,
		 const char *prefix, enum chart_num kind, size_t target);
void chart_xaxis_dates(struct chart *c, const struct chart_panel *p,
		       const int32_t *dates, size_t n, int labels);
void chart_xaxis_values(struct chart *c, const struct chart_panel *p,
			const char *prefix, enum chart_num kind, size_t target);

/* Marks. */
void chart_polyline(struct chart *c, const struct chart_panel *p,
		    const double *x, const double *y, size_t n,
		    struct chart_rgb col, double width);
void chart_band(struct chart *c, const struct chart_panel *p, const double *x,
		const double *lo, const double *hi, size_t n,
		struct chart_rgb col, double alpha);
void chart_candles(struct chart *c, const struct chart_panel *p,
		   const double *o, const double *h, const double *l,
		   const double *cl, size_t n, int bars);
void chart_columns(struct chart *c, const struct chart_panel *p,
		   const double *y, const int *up, size_t n, double base);
void chart_hline(struct chart *c, const struct chart_panel *p, double y,
		 struct chart_rgb col, double width, int dashed);
void chart_vline(struct chart *c, const struct chart_panel *p, double x,
		 struct chart_rgb col, double width, int dashed);
void chart_marker(struct chart *c, const struct chart_panel *p, double x,
		  double y, struct chart_rgb col, double radius);

/* Text. anchor: 'l', 'c', 'r' horizontally; y is the text's middle. */
void chart_text(struct chart *c, double x, double y, char anchor, double size,
		int bold, struct chart_rgb col, const char *text);
double chart_text_width(struct chart *c, double size, int bold, const char *t);

/* Declares a region labels must not cover (e.g. a candle, a bar). */
void chart_occupy(struct chart *c, struct chart_rect r);
/* Places text near (x, y), moving it up or down in steps until it
 * overlaps nothing placed or occupied and stays inside bounds; draws a
 * leader line when it moved.  Returns the box used. */
struct chart_rect chart_label(struct chart *c, struct chart_rect bounds,
			      double x, double y, char anchor, double size,
			      struct chart_rgb col, const char *text);

struct chart_legend_item { const char *label; struct chart_rgb col; int dashed; };
void chart_legend(struct chart *c, const struct chart_panel *p,
		  const struct chart_legend_item *items, size_t n);

/* Sets the process up for charts before the first one: fontconfig with
 * a built-in configuration over the system's font folders and caches, so
 * text is DejaVu Sans rendered as on stock Debian, at a tenth of the
 * start-up cost of the system configuration (with FONTCONFIG_FILE or
 * FONTCONFIG_PATH set, fontconfig loads that instead); and malloc keeping
 * freed memory for the next chart rather than giving it back.  Call once,
 * when no chart or report is open; chart_library_cleanup undoes the
 * fonts. */
void chart_library_init(void);
/* Releases the caches cairo and fontconfig keep for the life of the
 * process (fonts, patterns), so leak checkers see a clean exit.  Call
 * once, when no chart or report is open. */
void chart_library_cleanup(void);

#endif
