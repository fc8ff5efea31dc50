#include "report.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvio.h"

/* A4 landscape, in points: wide tables read better than wrapped ones. */
#define PAGE_W 842.0
#define PAGE_H 595.0
#define MARGIN 40.0
#define BODY 10.0
#define CELL 8.0
#define FONT "DejaVu Sans"

struct report {
	char *path, *tmp, *title;
	FILE *f;
	cairo_surface_t *surf;
	cairo_t *cr;
	size_t pages;
	double y;        /* where the next block starts */
};

static cairo_status_t write_stream(void *closure, const unsigned char *data,
				   unsigned int len)
{
	return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS
						    : CAIRO_STATUS_WRITE_ERROR;
}

static int open_tmp(struct report *r, struct ff_error *err)
{
	size_t cap = strlen(r->path) + 32;
	const char *slash = strrchr(r->path, '/');
	size_t dirlen = slash ? (size_t)(slash - r->path) + 1 : 0;
	if (!(r->tmp = malloc(cap))) return ff_error_set(err, r->path, 0, NULL, "out of memory");
	snprintf(r->tmp, cap, "%.*s.%s.XXXXXX", (int)dirlen, r->path, r->path + dirlen);
	int fd = mkstemp(r->tmp);
	if (fd < 0) {
		free(r->tmp);
		r->tmp = NULL;
		return ff_error_set(err, r->path, 0, NULL, "cannot create: %s", strerror(errno));
	}
	mode_t um = umask(0);
	umask(um);
	fchmod(fd, 0666 & ~um);
	if (!(r->f = fdopen(fd, "wb"))) {
		close(fd);
		return ff_error_set(err, r->path, 0, NULL, "cannot write: %s", strerror(errno));
	}
	return 0;
}

struct report *report_new(const char *path, const char *title, struct ff_error *err)
{
	struct report *r = calloc(1, sizeof *r);
	if (!r || !(r->path = strdup(path)) || !(r->title = strdup(title ? title : ""))) {
		report_free(r);
		ff_error_set(err, path, 0, NULL, "out of memory");
		return NULL;
	}
	if (open_tmp(r, err)) {
		report_free(r);
		return NULL;
	}
	r->surf = cairo_pdf_surface_create_for_stream(write_stream, r->f, PAGE_W, PAGE_H);
	/* Fixed metadata: the same data gives the same bytes. */
	cairo_pdf_surface_set_metadata(r->surf, CAIRO_PDF_METADATA_TITLE, r->title);
	cairo_pdf_surface_set_metadata(r->surf, CAIRO_PDF_METADATA_CREATOR, "finfacts");
	cairo_pdf_surface_set_metadata(r->surf, CAIRO_PDF_METADATA_CREATE_DATE, "2025-01-01T00:00:00Z");
	cairo_pdf_surface_set_metadata(r->surf, CAIRO_PDF_METADATA_MOD_DATE, "2025-01-01T00:00:00Z");
	r->cr = cairo_create(r->surf);
	if (cairo_status(r->cr)) {
		ff_error_set(err, path, 0, NULL, "cairo: %s", cairo_status_to_string(cairo_status(r->cr)));
		report_free(r);
		return NULL;
	}
	return r;
}

void report_free(struct report *r)
{
	if (!r) return;
	if (r->cr) cairo_destroy(r->cr);
	if (r->surf) {
		cairo_surface_finish(r->surf);
		cairo_surface_destroy(r->surf);
	}
	if (r->f) fclose(r->f);
	if (r->tmp) unlink(r->tmp);
	free(r->tmp);
	free(r->path);
	free(r->title);
	free(r);
}

int report_save(struct report *r, struct ff_error *err)
{
	if (r->pages) cairo_show_page(r->cr);
	cairo_destroy(r->cr);
	r->cr = NULL;
	cairo_surface_finish(r->surf);
	cairo_status_t st = cairo_surface_status(r->surf);
	cairo_surface_destroy(r->surf);
	r->surf = NULL;
	int bad = st != CAIRO_STATUS_SUCCESS;
	bad |= fclose(r->f) != 0;
	r->f = NULL;
	if (bad || rename(r->tmp, r->path)) {
		ff_error_set(err, r->path, 0, NULL, "cannot write report: %s",
			     st ? cairo_status_to_string(st) : strerror(errno));
		report_free(r);
		return -1;
	}
	free(r->tmp);
	r->tmp = NULL;
	report_free(r);
	return 0;
}

size_t report_pages(const struct report *r)
{
	return r->pages;
}

static void font(cairo_t *cr, double size, int bold)
{
	cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
			       bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, size);
}

static double text_w(cairo_t *cr, const char *s)
{
	cairo_text_extents_t e;
	cairo_text_extents(cr, s, &e);
	return e.x_advance;
}

static void grey(cairo_t *cr, double g)
{
	cairo_set_source_rgb(cr, g, g, g);
}

static void show(cairo_t *cr, double x, double y, const char *s)
{
	cairo_move_to(cr, x, y);
	cairo_show_text(cr, s);
}

void report_page(struct report *r, const char *heading)
{
	if (r->pages) cairo_show_page(r->cr);
	r->pages++;
	cairo_t *cr = r->cr;
	font(cr, 8, 0);
	grey(cr, 0.45);
	show(cr, MARGIN, 28, r->title);
	char num[32];
	snprintf(num, sizeof num, "page %zu", r->pages);
	show(cr, PAGE_W - MARGIN - text_w(cr, num), PAGE_H - 24, num);
	cairo_set_line_width(cr, 0.5);
	cairo_move_to(cr, MARGIN, 34);
	cairo_line_to(cr, PAGE_W - MARGIN, 34);
	cairo_stroke(cr);
	r->y = MARGIN + 10;
	if (heading) report_heading(r, heading);
}

double report_room(const struct report *r)
{
	return PAGE_H - MARGIN - r->y;
}

static void need(struct report *r, double h)
{
	if (!r->pages || report_room(r) < h) report_page(r, NULL);
}

/* Breaks s into lines no wider than w at spaces (a word wider than w is
 * cut); calls fn for each line.  Returns the number of lines. */
static size_t wrap(cairo_t *cr, const char *s, double w,
		   void (*fn)(void *ctx, const char *line), void *ctx)
{
	size_t n = 0, len = strlen(s);
	char *buf = malloc(len + 1);
	if (!buf) return 0;
	size_t i = 0;
	while (i < len) {
		size_t best = 0, j = i;
		while (j <= len) {
			size_t k = j;
			while (k < len && s[k] != ' ' && s[k] != '\n') k++;
			memcpy(buf, s + i, k - i);
			buf[k - i] = '\0';
			if (text_w(cr, buf) > w && best) break;
			best = k - i;
			if (k >= len || s[k] == '\n') break;
			j = k + 1;
		}
		/* One word too wide for the line: cut it where it fits. */
		while (best > 1) {
			memcpy(buf, s + i, best);
			buf[best] = '\0';
			if (text_w(cr, buf) <= w) break;
			best--;
		}
		memcpy(buf, s + i, best);
		buf[best] = '\0';
		if (fn) fn(ctx, buf);
		n++;
		i += best;
		while (i < len && (s[i] == ' ' || s[i] == '\n')) i++;
	}
	free(buf);
	return n ? n : 1;
}

struct para { struct report *r; double x, lead; };

static void para_line(void *ctx, const char *line)
{
	struct para *p = ctx;
	need(p->r, p->lead);
	show(p->r->cr, p->x, p->r->y + p->lead * 0.8, line);
	p->r->y += p->lead;
}

void report_heading(struct report *r, const char *text)
{
	need(r, 40);
	font(r->cr, 15, 1);
	grey(r->cr, 0.1);
	r->y += 6;
	show(r->cr, MARGIN, r->y + 14, text);
	r->y += 26;
}

void report_paragraph(struct report *r, const char *text)
{
	font(r->cr, BODY, 0);
	grey(r->cr, 0.15);
	struct para p = {r, MARGIN, BODY * 1.4};
	wrap(r->cr, text, PAGE_W - 2 * MARGIN, para_line, &p);
	r->y += BODY * 0.6;
}

/* ---- tables ---- */

static int numeric(const char *s)
{
	if (!*s) return 1;   /* empty cells do not decide */
	double v;
	return csvio_number(s, strlen(s), &v) == 0;
}

struct cell_draw { cairo_t *cr; double x, y, lead; size_t k; };

static void cell_line(void *ctx, const char *line)
{
	struct cell_draw *d = ctx;
	show(d->cr, d->x, d->y + d->lead * (double)d->k + CELL, line);
	d->k++;
}

/* The widest single word of s: a column narrower than that would have
 * to break words. */
static double widest_word(cairo_t *cr, const char *s)
{
	char word[256];
	double w = 0;
	while (*s) {
		size_t n = strcspn(s, " ");
		snprintf(word, sizeof word, "%.*s", (int)(n < 255 ? n : 255), s);
		w = fmax(w, text_w(cr, word));
		s += n;
		while (*s == ' ') s++;
	}
	return w;
}

/* Column widths: each column gets its natural width (its widest cell)
 * when all fit.  When they do not, every column keeps at least its
 * widest word, and the room left goes to the columns with long text in
 * proportion to how much more they want: cells wrap, words never break. */
static void col_widths(cairo_t *cr, const char *const *cells, size_t nrows,
		       size_t ncols, double *w)
{
	double avail = PAGE_W - 2 * MARGIN, pad = 8, total = 0, floor_sum = 0, want = 0;
	double *lo = malloc(ncols * sizeof *lo);
	if (!lo) {
		for (size_t c = 0; c < ncols; c++) w[c] = avail / (double)ncols;
		return;
	}
	for (size_t c = 0; c < ncols; c++) {
		w[c] = lo[c] = 0;
		for (size_t r = 0; r < nrows; r++) {
			font(cr, CELL, r == 0);
			w[c] = fmax(w[c], text_w(cr, cells[r * ncols + c]));
			lo[c] = fmax(lo[c], widest_word(cr, cells[r * ncols + c]));
		}
		w[c] += pad;
		lo[c] = fmin(lo[c] + pad, 90);
		total += w[c];
		floor_sum += lo[c];
		want += w[c] - lo[c];
	}
	if (total > avail && floor_sum > avail) {
		/* Too many columns even at their widest words: shrink them all. */
		for (size_t c = 0; c < ncols; c++) w[c] = lo[c] * avail / floor_sum;
	} else if (total > avail) {
		double spare = avail - floor_sum;
		for (size_t c = 0; c < ncols; c++)
			w[c] = lo[c] + (want > 0 ? spare * (w[c] - lo[c]) / want : 0);
	}
	free(lo);
}

static double row_height(cairo_t *cr, const char *const *row, size_t ncols,
			 const double *w, int head)
{
	size_t lines = 1;
	font(cr, CELL, head);
	for (size_t c = 0; c < ncols; c++) {
		size_t n = wrap(cr, row[c], w[c] - 6, NULL, NULL);
		if (n > lines) lines = n;
	}
	return (double)lines * CELL * 1.3 + 4;
}

static void draw_row(struct report *r, const char *const *row, size_t ncols,
		     const double *w, const int *right, int head, double h, int shade)
{
	cairo_t *cr = r->cr;
	if (shade) {
		cairo_set_source_rgb(cr, 0.95, 0.96, 0.97);
		cairo_rectangle(cr, MARGIN, r->y, PAGE_W - 2 * MARGIN, h);
		cairo_fill(cr);
	}
	font(cr, CELL, head);
	grey(cr, head ? 0.1 : 0.2);
	double x = MARGIN;
	for (size_t c = 0; c < ncols; c++) {
		const char *s = row[c];
		if (right[c] && !head && text_w(cr, s) <= w[c] - 6) {
			show(cr, x + w[c] - 3 - text_w(cr, s), r->y + 2 + CELL, s);
		} else {
			struct cell_draw d = {cr, x + 3, r->y + 2, CELL * 1.3, 0};
			wrap(cr, s, w[c] - 6, cell_line, &d);
		}
		x += w[c];
	}
	r->y += h;
	if (head) {
		cairo_set_line_width(cr, 0.8);
		grey(cr, 0.3);
		cairo_move_to(cr, MARGIN, r->y);
		cairo_line_to(cr, PAGE_W - MARGIN, r->y);
		cairo_stroke(cr);
	}
}

void report_table(struct report *r, const char *const *cells, size_t nrows,
		  size_t ncols)
{
	if (!nrows || !ncols) return;
	double *w = malloc(ncols * sizeof *w);
	int *right = malloc(ncols * sizeof *right);
	if (!w || !right) {
		free(w);
		free(right);
		return;
	}
	col_widths(r->cr, cells, nrows, ncols, w);
	for (size_t c = 0; c < ncols; c++) {
		right[c] = nrows > 1;
		for (size_t k = 1; k < nrows && right[c]; k++) right[c] = numeric(cells[k * ncols + c]);
	}
	double hh = row_height(r->cr, cells, ncols, w, 1);
	need(r, hh * 2);
	draw_row(r, cells, ncols, w, right, 1, hh, 0);
	for (size_t k = 1; k < nrows; k++) {
		const char *const *row = cells + k * ncols;
		double h = row_height(r->cr, row, ncols, w, 0);
		if (report_room(r) < h) {   /* next page, header again */
			report_page(r, NULL);
			draw_row(r, cells, ncols, w, right, 1, hh, 0);
		}
		draw_row(r, row, ncols, w, right, 0, h, k % 2 == 0);
	}
	r->y += 10;
	free(w);
	free(right);
}

cairo_t *report_box(struct report *r, double h, double *x, double *y, double *w)
{
	need(r, h);
	*x = MARGIN;
	*y = r->y;
	*w = PAGE_W - 2 * MARGIN;
	r->y += h + 8;
	return r->cr;
}
