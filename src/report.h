/* report: a multi-page PDF typeset with cairo: pages with a running
 * header and page numbers, flowing paragraphs, tables that break across
 * pages (header repeated, numbers right-aligned, long text wrapped, never
 * clipped), and boxes that charts draw into.  Written atomically. */
#ifndef REPORT_H
#define REPORT_H

#include <cairo.h>
#include <stddef.h>

#include "ff_error.h"

struct report;

struct report *report_new(const char *path, const char *title,
			  struct ff_error *err);
/* Finishes the document and renames it into place; frees r. */
int report_save(struct report *r, struct ff_error *err);
/* Discards the document (no file left); safe on NULL. */
void report_free(struct report *r);

/* A new page; heading may be NULL. */
void report_page(struct report *r, const char *heading);
void report_heading(struct report *r, const char *text);
void report_paragraph(struct report *r, const char *text);
/* Vertical room left on the page, in points. */
double report_room(const struct report *r);

/* A table: cells[row * ncols + col]; row 0 is the header.  A column whose
 * body cells all read as numbers is right-aligned.  Breaks across pages. */
void report_table(struct report *r, const char *const *cells, size_t nrows,
		  size_t ncols);

/* Reserves a box h points high (a new page if it does not fit) and
 * returns the context and the box to draw a chart into. */
cairo_t *report_box(struct report *r, double h, double *x, double *y,
		    double *w);

size_t report_pages(const struct report *r);

#endif
