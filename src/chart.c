#include "chart.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <libdeflate.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "date.h"

#define PDF_PT_PER_PX 0.6
#define FONT "DejaVu Sans"

const struct chart_rgb chart_ink = {0.13, 0.13, 0.15};
const struct chart_rgb chart_grey = {0.45, 0.45, 0.48};
const struct chart_rgb chart_light = {0.88, 0.88, 0.90};
const struct chart_rgb chart_blue = {0.0, 0.447, 0.698};
const struct chart_rgb chart_orange = {0.902, 0.624, 0.0};
const struct chart_rgb chart_green = {0.0, 0.620, 0.451};
const struct chart_rgb chart_red = {0.835, 0.369, 0.0};
const struct chart_rgb chart_purple = {0.8, 0.475, 0.655};
const struct chart_rgb chart_sky = {0.337, 0.706, 0.914};

struct chart_rgb chart_series_colour(size_t i)
{
	const struct chart_rgb *pal[] = {&chart_blue, &chart_orange, &chart_green,
		&chart_purple, &chart_sky, &chart_red, &chart_grey};
	return *pal[i % (sizeof pal / sizeof pal[0])];
}

struct chart {
	enum chart_format fmt;
	double w, h;
	cairo_surface_t *surf;
	cairo_t *cr;
	unsigned char *pix;      /* PNG pixels when from pixels_alloc */
	FILE *tmpf;              /* PDF/SVG stream target */
	char *path, *tmp;
	int embedded;            /* drawing into a caller's context */
	double font_size;        /* the font cairo has now */
	int font_bold;
	struct chart_rect *occ;  /* regions labels avoid */
	size_t nocc, capocc;
};

int chart_format_of(const char *path)
{
	const char *dot = strrchr(path, '.');
	if (!dot) return -1;
	if (!strcasecmp(dot, ".png")) return CHART_PNG;
	if (!strcasecmp(dot, ".pdf")) return CHART_PDF;
	if (!strcasecmp(dot, ".svg")) return CHART_SVG;
	return -1;
}

static cairo_status_t write_stream(void *closure, const unsigned char *data,
				   unsigned int len)
{
	return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS
						    : CAIRO_STATUS_WRITE_ERROR;
}

/* cairo's own PNG writer lets libpng try every filter at zlib's default
 * level, which costs 85% of a chart's time.  Charts are flat colour: the
 * Sub filter turns most of a row into zeros, and a deflate stream whose
 * only matches are runs ("repeat the last byte", fixed Huffman codes,
 * RFC 1951) packs them at memory speed, where general match finders
 * spend 3-5 ms.  Pixels are filtered and packed in one pass into IDAT
 * chunks of 64 KiB, so no image-sized buffer is allocated. */
static void be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static int png_chunk(FILE *f, const char *type, const unsigned char *data, size_t len)
{
	unsigned char head[8], tail[4];
	be32(head, (uint32_t)len);
	memcpy(head + 4, type, 4);
	uint32_t crc = libdeflate_crc32(0, head + 4, 4);
	if (len) crc = libdeflate_crc32(crc, data, len);   /* NULL would reset it */
	be32(tail, crc);
	return fwrite(head, 1, 8, f) == 8 && (!len || fwrite(data, 1, len, f) == len) &&
	       fwrite(tail, 1, 4, f) == 4 ? 0 : -1;
}

#define IDAT_CAP 65536

struct png_out {
	FILE *f;
	unsigned char buf[IDAT_CAP + 16];
	size_t len;
	uint64_t acc;            /* bits not yet in buf */
	int nbits;
	int bad;
	uint16_t code[288];      /* fixed literal/length code, bit-reversed */
	uint8_t clen[288];
};

static void put_bits(struct png_out *o, uint32_t bits, int n)
{
	o->acc |= (uint64_t)bits << o->nbits;
	o->nbits += n;
	while (o->nbits >= 8) {
		o->buf[o->len++] = (unsigned char)o->acc;
		o->acc >>= 8;
		o->nbits -= 8;
	}
	if (o->len >= IDAT_CAP) {
		o->bad |= png_chunk(o->f, "IDAT", o->buf, o->len);
		o->len = 0;
	}
}

/* RFC 1951 3.2.6; Huffman codes go in most significant bit first. */
static void fixed_code_init(struct png_out *o)
{
	for (unsigned v = 0; v < 288; v++) {
		unsigned code, len;
		if (v < 144) code = 0x30 + v, len = 8;
		else if (v < 256) code = 0x190 + v - 144, len = 9;
		else if (v < 280) code = v - 256, len = 7;
		else code = 0xc0 + v - 280, len = 8;
		unsigned r = 0;
		for (unsigned i = 0; i < len; i++) r |= ((code >> i) & 1u) << (len - 1 - i);
		o->code[v] = (uint16_t)r;
		o->clen[v] = (uint8_t)len;
	}
}

static void put_sym(struct png_out *o, unsigned v)
{
	put_bits(o, o->code[v], o->clen[v]);
}

/* Three codes, 32 bits at most in all, in one put_bits.  put_bits ends a
 * chunk once it is full; unless the chunk is within a few bytes of full,
 * no code but the last could fill it, and one call writes the stream and
 * the chunks one call a code would. */
static void put_codes(struct png_out *o, const uint32_t *bits, const int *n)
{
	if (o->len + 8 >= IDAT_CAP) {
		for (int k = 0; k < 3; k++) put_bits(o, bits[k], n[k]);
		return;
	}
	put_bits(o, bits[0] | bits[1] << n[0] | bits[2] << (n[0] + n[1]), n[0] + n[1] + n[2]);
}

/* 3..258 more copies of the previous byte: length code, extra bits,
 * distance code 0 (distance 1). */
static void put_run(struct png_out *o, unsigned len)
{
	static const unsigned short base[29] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13,
		15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163,
		195, 227, 258};
	static const unsigned char extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1,
		2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
	unsigned k = 28;
	while (base[k] > len) k--;
	uint32_t bits[3] = {o->code[257 + k], len - base[k], 0};
	int n[3] = {o->clen[257 + k], extra[k], 5};
	put_codes(o, bits, n);
}

/* The filtered bytes are never stored: each goes straight into the
 * deflate stream and the zlib checksum (RFC 1950 Adler-32, whose update
 * for n zero bytes is b += n * a).  The sums are reduced modulo 65521
 * once a row: within a row of at most 30,001 bytes (10,000 px) they
 * stay far below 2^64. */
struct adler { uint64_t a, b; };

static void emit_byte(struct png_out *o, struct adler *ad, unsigned v)
{
	put_sym(o, v);
	ad->a += v;
	ad->b += ad->a;
}

static void adler_reduce(struct adler *ad)
{
	ad->a %= 65521;
	ad->b %= 65521;
}

/* n more zero bytes, the last byte emitted being a zero. */
static void emit_zero_run(struct png_out *o, struct adler *ad, size_t n)
{
	ad->b += (uint64_t)n * ad->a;
	for (; n >= 3; n -= n > 258 ? 258 : n) put_run(o, n > 258 ? 258 : (unsigned)n);
	for (; n > 0; n--) put_sym(o, 0);
}

/* The zero bytes owed, the first as a literal (a run copies it). */
static void flush_zeros(struct png_out *o, struct adler *ad, size_t zeros)
{
	if (!zeros) return;
	emit_byte(o, ad, 0);
	emit_zero_run(o, ad, zeros - 1);
}

static void emit_diff(struct png_out *o, struct adler *ad, uint32_t cur, uint32_t ref)
{
	unsigned v[3] = {((cur >> 16) - (ref >> 16)) & 0xff, ((cur >> 8) - (ref >> 8)) & 0xff,
		(cur - ref) & 0xff};
	uint32_t bits[3];
	int n[3];
	for (int k = 0; k < 3; k++) {
		bits[k] = o->code[v[k]];
		n[k] = o->clen[v[k]];
		ad->a += v[k];
		ad->b += ad->a;
	}
	put_codes(o, bits, n);
}

#define RGB 0xffffffu   /* a pixel's colour; cairo leaves the top byte unused */

#define SPAN 8

/* The first i in [from, n) where a[i] and b[i] differ in colour, else n.
 * Most of a chart row is stretches of equal pixels: SPAN of them at a
 * time, in a fixed-length loop compilers turn into vector instructions,
 * is what makes them cheap. */
static size_t next_change(const uint32_t *a, const uint32_t *b, size_t from, size_t n)
{
	size_t i = from;
	for (; i + SPAN <= n; i += SPAN) {
		uint32_t d = 0;
		for (int k = 0; k < SPAN; k++) d |= a[i + k] ^ b[i + k];
		if (d & RGB) break;
	}
	for (; i < n; i++)
		if ((a[i] ^ b[i]) & RGB) return i;
	return n;
}

/* A row as the difference from a reference pixel: the one to its left
 * (filter 1, Sub; 0 for the first) or the one above (filter 2, Up).  A
 * pixel equal to its reference is three zero bytes, so such stretches
 * become runs. */
static void encode_row(struct png_out *o, struct adler *ad, const uint32_t *px,
		       const uint32_t *above, int w)
{
	emit_byte(o, ad, above ? 2 : 1);
	size_t zeros = 0, n = (size_t)w;   /* zero bytes owed */
	if (!above) {
		if (px[0] & RGB) emit_diff(o, ad, px[0] & RGB, 0);
		else zeros = 3;
		px++;   /* from here each pixel's reference is px[-1] */
		n--;
	}
	const uint32_t *ref = above ? above : px - 1;
	size_t done = 0;   /* pixels coded */
	for (size_t i = next_change(px, ref, 0, n); i < n; i = next_change(px, ref, i + 1, n)) {
		flush_zeros(o, ad, zeros + 3 * (i - done));
		zeros = 0;
		emit_diff(o, ad, px[i] & RGB, ref[i] & RGB);
		done = i + 1;
	}
	flush_zeros(o, ad, zeros + 3 * (n - done));
}

/* The filter leaving fewer pixels that differ from their reference: Up
 * for rows much like the one above (axes, candles, bars), Sub for text.
 * Both counted in one pass, SPAN pixels a step. */
static const uint32_t *pick_filter(const uint32_t *px, const uint32_t *above, int w)
{
	if (!above) return NULL;
	size_t n = (size_t)w, sub = 0, up = ((px[0] ^ above[0]) & RGB) != 0, i = 1;
	for (; i + SPAN <= n; i += SPAN) {
		unsigned s = 0, u = 0;
		for (int k = 0; k < SPAN; k++) {
			s += ((px[i + k] ^ px[i + k - 1]) & RGB) != 0;
			u += ((px[i + k] ^ above[i + k]) & RGB) != 0;
		}
		sub += s;
		up += u;
	}
	for (; i < n; i++) {
		sub += ((px[i] ^ px[i - 1]) & RGB) != 0;
		up += ((px[i] ^ above[i]) & RGB) != 0;
	}
	return up < sub ? above : NULL;
}

static int uniform_row(const uint32_t *px, int w)
{
	return next_change(px + 1, px, 0, (size_t)w - 1) == (size_t)w - 1;
}

static int write_png(cairo_surface_t *s, FILE *f)
{
	cairo_surface_flush(s);
	int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
	int stride = cairo_image_surface_get_stride(s);
	const unsigned char *data = cairo_image_surface_get_data(s);
	struct png_out *o = calloc(1, sizeof *o);
	unsigned char ihdr[13] = {0}, tail[4];
	int st = -1;
	if (!o) return -1;
	o->f = f;
	fixed_code_init(o);
	be32(ihdr, (uint32_t)w);
	be32(ihdr + 4, (uint32_t)h);
	ihdr[8] = 8;   /* bits per channel */
	ihdr[9] = 2;   /* truecolour RGB */
	if (fwrite("\x89PNG\r\n\x1a\n", 1, 8, f) != 8 || png_chunk(f, "IHDR", ihdr, 13))
		goto done;
	o->buf[o->len++] = 0x78;   /* zlib: deflate, 32K window */
	o->buf[o->len++] = 0x01;   /* check bits: 0x7801 % 31 == 0 */
	put_bits(o, 1, 1);         /* the one and final block */
	put_bits(o, 1, 2);         /* fixed Huffman codes */
	struct adler ad = {1, 0};
	for (int y = 0; y < h; y++) {
		const uint32_t *px = (const uint32_t *)(data + (size_t)y * (size_t)stride);
		const uint32_t *above = y ? (const uint32_t *)(data + (size_t)(y - 1) * (size_t)stride) : NULL;
		if (uniform_row(px, w)) {
			/* one colour (margins, plot background): what encode_row
			 * writes for it with Sub, pick_filter's choice, loop-free */
			uint32_t c = px[0] & 0xffffff;
			emit_byte(o, &ad, 1);
			if (c) emit_diff(o, &ad, c, 0);
			flush_zeros(o, &ad, (size_t)(w - 1) * 3 + (c ? 0 : 3));
		} else if (above && !memcmp(px, above, (size_t)w * sizeof *px)) {
			/* a row like the one above: what encode_row writes for
			 * it with Up, pick_filter's choice, loop-free */
			emit_byte(o, &ad, 2);
			flush_zeros(o, &ad, (size_t)w * 3);
		} else {
			encode_row(o, &ad, px, pick_filter(px, above, w), w);
		}
		adler_reduce(&ad);
	}
	put_sym(o, 256);
	if (o->nbits) put_bits(o, 0, 8 - o->nbits);
	be32(tail, (uint32_t)(ad.b << 16 | ad.a));
	for (int k = 0; k < 4; k++) put_bits(o, tail[k], 8);
	st = o->bad || png_chunk(f, "IDAT", o->buf, o->len) || png_chunk(f, "IEND", NULL, 0) ? -1 : 0;
done:
	free(o);
	return st;
}

static int open_tmp(struct chart *c, struct ff_error *err)
{
	size_t cap = strlen(c->path) + 32;
	const char *slash = strrchr(c->path, '/');
	size_t dirlen = slash ? (size_t)(slash - c->path) + 1 : 0;
	if (!(c->tmp = malloc(cap)))
		return ff_error_set(err, c->path, 0, NULL, "out of memory");
	snprintf(c->tmp, cap, "%.*s.%s.XXXXXX", (int)dirlen, c->path, c->path + dirlen);
	int fd = mkstemp(c->tmp);
	if (fd < 0) {
		free(c->tmp);
		c->tmp = NULL;
		return ff_error_set(err, c->path, 0, NULL, "cannot create output: %s",
				    strerror(errno));
	}
	mode_t um = umask(0);
	umask(um);
	fchmod(fd, 0666 & ~um);
	if (!(c->tmpf = fdopen(fd, "wb"))) {
		close(fd);
		return ff_error_set(err, c->path, 0, NULL, "cannot write: %s",
				    strerror(errno));
	}
	return 0;
}

#define HUGE_PAGE ((size_t)2 << 20)

/* A fresh page costs a fault (about 12 us on a paravirtualised VM): the
 * 3.4 MB of a 1200x700 canvas in 4 KiB pages is 820 of them, more than
 * the drawing.  2 MiB-aligned and marked for transparent huge pages it is
 * two; from malloc, a process drawing many charts gets the same, already
 * mapped, block back each time (see chart_library_init).  chart_new paints
 * every pixel, so the block needs no clearing.  Canvases under one huge
 * page gain nothing and would waste the rest of it: NULL, as when memory
 * runs out. */
static unsigned char *pixels_alloc(size_t len)
{
	if (len < HUGE_PAGE) return NULL;
	size_t want = (len + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
	unsigned char *p = aligned_alloc(HUGE_PAGE, want);
	/* Advice only: without THP the pages are small and still correct. */
	if (p) (void)madvise(p, want, MADV_HUGEPAGE);
	return p;
}

static cairo_surface_t *image_surface(struct chart *c)
{
	int w = (int)c->w, h = (int)c->h;
	int stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, w);
	c->pix = pixels_alloc((size_t)stride * (size_t)h);
	if (!c->pix) return cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	return cairo_image_surface_create_for_data(c->pix, CAIRO_FORMAT_RGB24, w, h, stride);
}

static cairo_surface_t *make_surface(struct chart *c)
{
	double pw = c->w * PDF_PT_PER_PX, ph = c->h * PDF_PT_PER_PX;
	cairo_surface_t *s;
	switch (c->fmt) {
	case CHART_PDF:
		s = cairo_pdf_surface_create_for_stream(write_stream, c->tmpf, pw, ph);
		/* Fixed metadata: the same input gives the same bytes. */
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "finfacts");
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE,
					       "2025-01-01T00:00:00Z");
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE,
					       "2025-01-01T00:00:00Z");
		return s;
	case CHART_SVG:
		return cairo_svg_surface_create_for_stream(write_stream, c->tmpf, c->w, c->h);
	default:
		return image_surface(c);
	}
}

struct chart *chart_new(const char *path, int width, int height,
			struct ff_error *err)
{
	int fmt = chart_format_of(path);
	if (fmt < 0) {
		ff_error_set(err, path, 0, NULL, "output must end in .png, .pdf or .svg");
		return NULL;
	}
	if (width < 200 || height < 150 || width > 10000 || height > 10000) {
		ff_error_set(err, path, 0, NULL, "size %dx%d out of range "
			     "(200x150 to 10000x10000)", width, height);
		return NULL;
	}
	struct chart *c = calloc(1, sizeof *c);
	if (!c || !(c->path = strdup(path))) {
		free(c);
		ff_error_set(err, path, 0, NULL, "out of memory");
		return NULL;
	}
	c->fmt = fmt;
	c->w = width;
	c->h = height;
	if (fmt != CHART_PNG && open_tmp(c, err)) {
		chart_free(c);
		return NULL;
	}
	c->surf = make_surface(c);
	c->cr = cairo_create(c->surf);
	if (cairo_status(c->cr)) {
		ff_error_set(err, path, 0, NULL, "cairo: %s",
			     cairo_status_to_string(cairo_status(c->cr)));
		chart_free(c);
		return NULL;
	}
	if (fmt == CHART_PDF) cairo_scale(c->cr, PDF_PT_PER_PX, PDF_PT_PER_PX);
	cairo_set_source_rgb(c->cr, 1, 1, 1);
	cairo_paint(c->cr);
	c->font_size = -1;   /* none chosen yet */
	return c;
}

struct chart *chart_new_on(cairo_t *cr, double x, double y, double w, double h,
			   int width, int height)
{
	struct chart *c = calloc(1, sizeof *c);
	if (!c) return NULL;
	c->embedded = 1;
	c->cr = cr;
	c->w = width;
	c->h = height;
	c->font_size = -1;
	cairo_save(cr);
	cairo_translate(cr, x, y);
	cairo_scale(cr, w / width, h / height);
	cairo_rectangle(cr, 0, 0, width, height);
	cairo_clip(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	return c;
}

void chart_free(struct chart *c)
{
	if (!c) return;
	if (c->embedded) {
		cairo_restore(c->cr);
		free(c->occ);
		free(c);
		return;
	}
	if (c->cr) cairo_destroy(c->cr);
	if (c->surf) {
		cairo_surface_finish(c->surf);
		cairo_surface_destroy(c->surf);
	}
	free(c->pix);
	if (c->tmpf) fclose(c->tmpf);
	if (c->tmp) unlink(c->tmp);
	free(c->tmp);
	free(c->path);
	free(c->occ);
	free(c);
}

int chart_save(struct chart *c, struct ff_error *err)
{
	if (c->embedded) {
		chart_free(c);
		return 0;
	}
	cairo_destroy(c->cr);
	c->cr = NULL;
	if (c->fmt == CHART_PNG && open_tmp(c, err)) {
		chart_free(c);
		return -1;
	}
	cairo_status_t st = CAIRO_STATUS_SUCCESS;
	if (c->fmt == CHART_PNG && write_png(c->surf, c->tmpf))
		st = CAIRO_STATUS_WRITE_ERROR;
	cairo_surface_finish(c->surf);
	if (!st) st = cairo_surface_status(c->surf);
	cairo_surface_destroy(c->surf);
	c->surf = NULL;
	int bad = st != CAIRO_STATUS_SUCCESS;
	bad |= fclose(c->tmpf) != 0;
	c->tmpf = NULL;
	if (bad || rename(c->tmp, c->path)) {
		ff_error_set(err, c->path, 0, NULL, "cannot write chart: %s",
			     st ? cairo_status_to_string(st) : strerror(errno));
		chart_free(c);
		return -1;
	}
	free(c->tmp);
	c->tmp = NULL;
	chart_free(c);
	return 0;
}

cairo_t *chart_cr(struct chart *c) { return c->cr; }
double chart_width(const struct chart *c) { return c->w; }
double chart_height(const struct chart *c) { return c->h; }

static void set_rgb(cairo_t *cr, struct chart_rgb col)
{
	cairo_set_source_rgb(cr, col.r, col.g, col.b);
}

/* ---- text ---- */

/* Font changes are costly in cairo (a face and scaled-font lookup each):
 * only ask when the size or weight really changes. */
static void font(struct chart *c, double size, int bold)
{
	if (size == c->font_size && bold == c->font_bold) return;
	cairo_select_font_face(c->cr, FONT, CAIRO_FONT_SLANT_NORMAL,
			       bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(c->cr, size);
	c->font_size = size;
	c->font_bold = bold;
}

double chart_text_width(struct chart *c, double size, int bold, const char *t)
{
	cairo_text_extents_t e;
	font(c, size, bold);
	cairo_text_extents(c->cr, t, &e);
	return e.x_advance;
}

void chart_text(struct chart *c, double x, double y, char anchor, double size,
		int bold, struct chart_rgb col, const char *text)
{
	double w = chart_text_width(c, size, bold, text);
	double dx = anchor == 'r' ? -w : anchor == 'c' ? -w / 2 : 0;
	set_rgb(c->cr, col);
	/* Cap height is about 0.72 em: centre the capitals on y. */
	cairo_move_to(c->cr, x + dx, y + size * 0.36);
	cairo_show_text(c->cr, text);
}

/* ---- layout ---- */

struct chart_rect chart_frame(struct chart *c, const char *title,
			      const char *subtitle, const char *source)
{
	double m = c->w * 0.025, top = m;
	if (title && *title) {
		chart_text(c, m, top + 12, 'l', 24, 1, chart_ink, title);
		top += 36;
	}
	if (subtitle && *subtitle) {
		chart_text(c, m, top + 8, 'l', 15, 0, chart_grey, subtitle);
		top += 28;
	}
	double bottom = c->h - m;
	if (source && *source) {
		chart_text(c, m, bottom - 6, 'l', 12, 0, chart_grey, source);
		bottom -= 26;
	}
	return (struct chart_rect){m, top + 8, c->w - 2 * m, bottom - top - 8};
}

void chart_split(struct chart_rect box, const double *weights, size_t n,
		 double gap, struct chart_rect *out)
{
	double total = 0, y = box.y;
	for (size_t k = 0; k < n; k++) total += weights[k];
	double avail = box.h - gap * (double)(n ? n - 1 : 0);
	for (size_t k = 0; k < n; k++) {
		double h = avail * weights[k] / total;
		out[k] = (struct chart_rect){box.x, y, box.w, h};
		y += h + gap;
	}
}

static double tr(const struct chart_axis *a, double v)
{
	if (a->log) return (log(v) - log(a->lo)) / (log(a->hi) - log(a->lo));
	return (v - a->lo) / (a->hi - a->lo);
}

double chart_px(const struct chart_panel *p, double x)
{
	return p->box.x + tr(&p->x, x) * p->box.w;
}

double chart_py(const struct chart_panel *p, double y)
{
	return p->box.y + p->box.h - tr(&p->y, y) * p->box.h;
}

/* ---- ticks ---- */

static double nice_step(double span, size_t target)
{
	double raw = span / (double)(target ? target : 1);
	double mag = pow(10, floor(log10(raw)));
	static const double m[] = {1, 2, 2.5, 5, 10};
	for (size_t k = 0; k < 5; k++)
		if (raw <= m[k] * mag * (1 + 1e-9)) return m[k] * mag;
	return 10 * mag;
}

size_t chart_ticks(double lo, double hi, size_t target, double *out,
		   size_t cap, double *step)
{
	if (!(hi > lo)) hi = lo + (lo ? fabs(lo) * 0.1 : 1);
	double s = nice_step(hi - lo, target);
	size_t n = 0;
	for (double v = ceil(lo / s - 1e-9) * s; v <= hi + s * 1e-9 && n < cap; v += s)
		out[n++] = fabs(v) < s * 1e-9 ? 0 : v;
	if (step) *step = s;
	return n;
}

void chart_nice_range(double *lo, double *hi, size_t target)
{
	if (!(*hi > *lo)) {
		double d = *lo ? fabs(*lo) * 0.05 : 1;
		*lo -= d;
		*hi += d;
	}
	double s = nice_step(*hi - *lo, target);
	*lo = floor(*lo / s + 1e-9) * s;
	*hi = ceil(*hi / s - 1e-9) * s;
}

int chart_decimals_for(double step)
{
	int d = 0;
	while (d < 6 && fabs(step * pow(10, d) - round(step * pow(10, d))) > 1e-6) d++;
	return d;
}

char *chart_fmt(char *buf, size_t cap, double v, int decimals,
		const char *prefix, enum chart_num kind)
{
	char digits[64];
	int neg = v < 0 && round(fabs(v) * pow(10, decimals)) != 0;
	snprintf(digits, sizeof digits, "%.*f", decimals, fabs(v));
	/* Thousands separators on the integer part. */
	char *dot = strchr(digits, '.');
	size_t ilen = dot ? (size_t)(dot - digits) : strlen(digits);
	char grouped[96];
	size_t g = 0;
	for (size_t i = 0; i < ilen; i++) {
		if (i && (ilen - i) % 3 == 0) grouped[g++] = ',';
		grouped[g++] = digits[i];
	}
	snprintf(grouped + g, sizeof grouped - g, "%s", dot ? dot : "");
	const char *sign = neg ? "\xe2\x88\x92" : (kind == CHART_NUM_SIGNED_PCT && v > 0 ? "+" : "");
	snprintf(buf, cap, "%s%s%s%s", sign, prefix ? prefix : "", grouped,
		 kind == CHART_NUM_PLAIN ? "" : "%");
	return buf;
}

static const char *const mon_abbr[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* Month step that keeps labels min_gap apart: 1, 3, 6, 12, 24, ... */
static int month_stride(const int32_t *dates, size_t n, double px_per_day,
			double min_gap)
{
	int y0, m0, d0, y1, m1, d1;
	date_to_civil(dates[0], &y0, &m0, &d0);
	date_to_civil(dates[n - 1], &y1, &m1, &d1);
	double months = (y1 - y0) * 12 + (m1 - m0) + 1;
	double px_per_month = px_per_day * (double)n / months;
	static const int strides[] = {1, 2, 3, 6, 12, 24, 60, 120};
	for (size_t k = 0; k < sizeof strides / sizeof strides[0]; k++)
		if (px_per_month * strides[k] >= min_gap) return strides[k];
	return 240;
}

size_t chart_date_ticks(const int32_t *dates, size_t n, double px_per_day,
			double min_gap, struct chart_datetick *out, size_t cap)
{
	if (n == 0) return 0;
	int stride = month_stride(dates, n, px_per_day, min_gap);
	size_t k = 0;
	int prev_key = -1;
	for (size_t i = 0; i < n && k < cap; i++) {
		int y, m, d;
		date_to_civil(dates[i], &y, &m, &d);
		int key = y * 12 + (m - 1);
		if (key == prev_key) continue;
		int first = prev_key < 0;
		prev_key = key;
		/* A partial first month gets no tick: it would crowd the next. */
		if (first && d > 7 && n > 1) continue;
		if (key % stride) continue;
		out[k].index = i;
		out[k].major = m == 1;
		if (stride >= 12) snprintf(out[k].label, sizeof out[k].label, "%d", y);
		else if (m == 1 || k == 0)
			snprintf(out[k].label, sizeof out[k].label, "%s %d", mon_abbr[m - 1], y);
		else snprintf(out[k].label, sizeof out[k].label, "%s", mon_abbr[m - 1]);
		k++;
	}
	/* Very short spans: label individual days instead. */
	if (k < 2 && n <= 40) {
		k = 0;
		size_t every = (size_t)ceil(min_gap / (px_per_day > 0 ? px_per_day : 1));
		if (every < 1) every = 1;
		for (size_t i = 0; i < n && k < cap; i += every) {
			int y, m, d;
			date_to_civil(dates[i], &y, &m, &d);
			out[k].index = i;
			out[k].major = 0;
			snprintf(out[k].label, sizeof out[k].label, "%s %d", mon_abbr[m - 1], d);
			k++;
		}
	}
	return k;
}

/* ---- axes ---- */

#define AXIS_FONT 13.0

void chart_yaxis(struct chart *c, const struct chart_panel *p, int right,
		 const char *prefix, enum chart_num kind, size_t target)
{
	double t[32], step;
	size_t n;
	if (p->y.log) {
		/* Log axes: ticks at 1-2-5 multiples within the range. */
		n = 0;
		for (double dec = pow(10, floor(log10(p->y.lo))); dec <= p->y.hi && n < 30; dec *= 10)
			for (int k = 0; k < 3; k++) {
				double v = dec * (k == 0 ? 1 : k == 1 ? 2 : 5);
				if (v >= p->y.lo && v <= p->y.hi && n < 30) t[n++] = v;
			}
		step = t[0];
	} else {
		n = chart_ticks(p->y.lo, p->y.hi, target, t, 32, &step);
	}
	int dec = chart_decimals_for(step);
	cairo_set_line_width(c->cr, 1);
	for (size_t k = 0; k < n; k++) {
		double y = round(chart_py(p, t[k])) + 0.5;
		set_rgb(c->cr, chart_light);
		cairo_move_to(c->cr, p->box.x, y);
		cairo_line_to(c->cr, p->box.x + p->box.w, y);
		cairo_stroke(c->cr);
		char buf[64];
		chart_fmt(buf, sizeof buf, t[k], p->y.log ? chart_decimals_for(t[k]) : dec,
			  prefix, kind);
		if (right)
			chart_text(c, p->box.x + p->box.w + 6, y, 'l', AXIS_FONT, 0, chart_grey, buf);
		else
			chart_text(c, p->box.x - 6, y, 'r', AXIS_FONT, 0, chart_grey, buf);
	}
}

void chart_xaxis_dates(struct chart *c, const struct chart_panel *p,
		       const int32_t *dates, size_t n, int labels)
{
	struct chart_datetick tk[128];
	double ppd = n > 1 ? p->box.w / (double)n : p->box.w;
	size_t k = chart_date_ticks(dates, n, ppd, 70, tk, 128);
	double base = p->box.y + p->box.h;
	cairo_set_line_width(c->cr, 1);
	for (size_t i = 0; i < k; i++) {
		double x = round(chart_px(p, (double)tk[i].index)) + 0.5;
		set_rgb(c->cr, chart_light);
		cairo_move_to(c->cr, x, p->box.y);
		cairo_line_to(c->cr, x, base);
		cairo_stroke(c->cr);
		if (labels)
			chart_text(c, x, base + 14, 'c', AXIS_FONT, tk[i].major, chart_grey, tk[i].label);
	}
	set_rgb(c->cr, chart_grey);
	cairo_move_to(c->cr, p->box.x, round(base) + 0.5);
	cairo_line_to(c->cr, p->box.x + p->box.w, round(base) + 0.5);
	cairo_stroke(c->cr);
}

void chart_xaxis_values(struct chart *c, const struct chart_panel *p,
			const char *prefix, enum chart_num kind, size_t target)
{
	double t[32], step;
	size_t n = chart_ticks(p->x.lo, p->x.hi, target, t, 32, &step);
	int dec = chart_decimals_for(step);
	double base = p->box.y + p->box.h;
	cairo_set_line_width(c->cr, 1);
	for (size_t k = 0; k < n; k++) {
		double x = round(chart_px(p, t[k])) + 0.5;
		set_rgb(c->cr, chart_light);
		cairo_move_to(c->cr, x, p->box.y);
		cairo_line_to(c->cr, x, base);
		cairo_stroke(c->cr);
		char buf[64];
		chart_fmt(buf, sizeof buf, t[k], dec, prefix, kind);
		chart_text(c, x, base + 14, 'c', AXIS_FONT, 0, chart_grey, buf);
	}
}

/* ---- marks ---- */

void chart_polyline(struct chart *c, const struct chart_panel *p,
		    const double *x, const double *y, size_t n,
		    struct chart_rgb col, double width)
{
	int pen = 0;
	cairo_save(c->cr);
	cairo_rectangle(c->cr, p->box.x, p->box.y, p->box.w, p->box.h);
	cairo_clip(c->cr);
	for (size_t i = 0; i < n; i++) {
		if (!isfinite(y[i])) {
			pen = 0;
			continue;
		}
		double px = chart_px(p, x ? x[i] : (double)i), py = chart_py(p, y[i]);
		if (pen) {
			double qx, qy;
			cairo_get_current_point(c->cr, &qx, &qy);
			cairo_line_to(c->cr, px, py);
			chart_occupy(c, (struct chart_rect){fmin(px, qx) - 1, fmin(py, qy) - 1,
							    fabs(px - qx) + 2, fabs(py - qy) + 2});
		} else {
			cairo_move_to(c->cr, px, py);
		}
		pen = 1;
	}
	set_rgb(c->cr, col);
	cairo_set_line_width(c->cr, width);
	cairo_set_line_join(c->cr, CAIRO_LINE_JOIN_BEVEL);   /* round joins on 1,000s of tiny segments cost ms */
	cairo_stroke(c->cr);
	cairo_restore(c->cr);
}

void chart_band(struct chart *c, const struct chart_panel *p, const double *x,
		const double *lo, const double *hi, size_t n,
		struct chart_rgb col, double alpha)
{
	if (n == 0) return;
	cairo_new_path(c->cr);   /* text leaves a current point behind */
	for (size_t i = 0; i < n; i++)
		cairo_line_to(c->cr, chart_px(p, x ? x[i] : (double)i), chart_py(p, hi[i]));
	for (size_t i = n; i-- > 0;)
		cairo_line_to(c->cr, chart_px(p, x ? x[i] : (double)i), chart_py(p, lo[i]));
	cairo_close_path(c->cr);
	cairo_set_source_rgba(c->cr, col.r, col.g, col.b, alpha);
	cairo_fill(c->cr);
}

static double slot(const struct chart_panel *p)
{
	return fabs(chart_px(p, 1) - chart_px(p, 0));
}

void chart_candles(struct chart *c, const struct chart_panel *p,
		   const double *o, const double *h, const double *l,
		   const double *cl, size_t n, int bars)
{
	double bw = slot(p) * 0.7;
	if (bw < 1) bw = 1;
	cairo_set_line_width(c->cr, bw < 3 ? 1 : 1.2);
	for (size_t i = 0; i < n; i++) {
		int up = cl[i] >= o[i];
		struct chart_rgb col = up ? chart_green : chart_red;
		double x = chart_px(p, (double)i);
		double yh = chart_py(p, h[i]), yl = chart_py(p, l[i]);
		double yo = chart_py(p, o[i]), yc = chart_py(p, cl[i]);
		set_rgb(c->cr, col);
		cairo_move_to(c->cr, x, yh);
		cairo_line_to(c->cr, x, yl);
		if (bars) {
			cairo_move_to(c->cr, x - bw / 2, yo);
			cairo_line_to(c->cr, x, yo);
			cairo_move_to(c->cr, x, yc);
			cairo_line_to(c->cr, x + bw / 2, yc);
			cairo_stroke(c->cr);
			continue;
		}
		cairo_stroke(c->cr);
		double top = fmin(yo, yc), hgt = fmax(fabs(yo - yc), 1);
		cairo_rectangle(c->cr, x - bw / 2, top, bw, hgt);
		if (up) {
			cairo_set_source_rgb(c->cr, 1, 1, 1);
			cairo_fill_preserve(c->cr);
			set_rgb(c->cr, col);
			cairo_stroke(c->cr);
		} else {
			cairo_fill(c->cr);
		}
		chart_occupy(c, (struct chart_rect){x - bw / 2, yh, bw, yl - yh});
	}
}

void chart_columns(struct chart *c, const struct chart_panel *p,
		   const double *y, const int *up, size_t n, double base)
{
	double bw = slot(p) * 0.7;
	if (bw < 1) bw = 1;
	double y0 = chart_py(p, base);
	for (size_t i = 0; i < n; i++) {
		if (!isfinite(y[i])) continue;
		double x = chart_px(p, (double)i), yv = chart_py(p, y[i]);
		struct chart_rgb col = !up ? chart_sky : up[i] ? chart_green : chart_red;
		cairo_set_source_rgba(c->cr, col.r, col.g, col.b, 0.55);
		cairo_rectangle(c->cr, x - bw / 2, fmin(y0, yv), bw, fabs(y0 - yv));
		cairo_fill(c->cr);
	}
}

static void line(struct chart *c, double x0, double y0, double x1, double y1,
		 struct chart_rgb col, double width, int dashed)
{
	static const double dash[] = {6, 4};
	cairo_save(c->cr);
	set_rgb(c->cr, col);
	cairo_set_line_width(c->cr, width);
	if (dashed) cairo_set_dash(c->cr, dash, 2, 0);
	cairo_move_to(c->cr, x0, y0);
	cairo_line_to(c->cr, x1, y1);
	cairo_stroke(c->cr);
	cairo_restore(c->cr);
}

void chart_hline(struct chart *c, const struct chart_panel *p, double y,
		 struct chart_rgb col, double width, int dashed)
{
	double py = chart_py(p, y);
	line(c, p->box.x, py, p->box.x + p->box.w, py, col, width, dashed);
}

void chart_vline(struct chart *c, const struct chart_panel *p, double x,
		 struct chart_rgb col, double width, int dashed)
{
	double px = chart_px(p, x);
	line(c, px, p->box.y, px, p->box.y + p->box.h, col, width, dashed);
}

void chart_marker(struct chart *c, const struct chart_panel *p, double x,
		  double y, struct chart_rgb col, double radius)
{
	double px = chart_px(p, x), py = chart_py(p, y);
	cairo_arc(c->cr, px, py, radius, 0, 2 * M_PI);
	set_rgb(c->cr, col);
	cairo_fill(c->cr);
	chart_occupy(c, (struct chart_rect){px - radius, py - radius, 2 * radius, 2 * radius});
}

/* ---- labels ---- */

void chart_occupy(struct chart *c, struct chart_rect r)
{
	if (c->nocc == c->capocc) {
		size_t cap = c->capocc ? c->capocc * 2 : 64;
		struct chart_rect *v = realloc(c->occ, cap * sizeof *v);
		if (!v) return;   /* worst case a label may overlap: never fatal */
		c->occ = v;
		c->capocc = cap;
	}
	c->occ[c->nocc++] = r;
}

static int overlaps(const struct chart_rect *a, const struct chart_rect *b)
{
	return a->x < b->x + b->w && b->x < a->x + a->w &&
	       a->y < b->y + b->h && b->y < a->y + a->h;
}

static int free_at(const struct chart *c, const struct chart_rect *r,
		   const struct chart_rect *bounds)
{
	if (r->x < bounds->x || r->y < bounds->y || r->x + r->w > bounds->x + bounds->w ||
	    r->y + r->h > bounds->y + bounds->h)
		return 0;
	for (size_t k = 0; k < c->nocc; k++)
		if (overlaps(r, &c->occ[k])) return 0;
	return 1;
}

struct chart_rect chart_label(struct chart *c, struct chart_rect bounds,
			      double x, double y, char anchor, double size,
			      struct chart_rgb col, const char *text)
{
	double w = chart_text_width(c, size, 0, text) + 6, h = size + 6;
	double x0 = anchor == 'r' ? x - w - 4 : anchor == 'c' ? x - w / 2 : x + 4;
	if (x0 < bounds.x) x0 = bounds.x;
	if (x0 + w > bounds.x + bounds.w) x0 = bounds.x + bounds.w - w;
	struct chart_rect r = {x0, y - h / 2, w, h};
	/* Beside the point first, then alternately above and below it. */
	for (int k = 0; k < 120; k++) {
		double dy = (k + 1) / 2 * (h * 0.5) * (k % 2 ? -1 : 1);
		struct chart_rect t = {x0, y - h / 2 + dy, w, h};
		if (free_at(c, &t, &bounds)) {
			r = t;
			break;
		}
	}
	double cy = r.y + h / 2;
	if (fabs(cy - y) > h * 0.75) {
		double lx = anchor == 'r' ? r.x + r.w : anchor == 'l' ? r.x : r.x + r.w / 2;
		line(c, lx, cy < y ? r.y + r.h : r.y, x, y, chart_grey, 0.8, 0);
	}
	cairo_set_source_rgba(c->cr, 1, 1, 1, 0.85);
	cairo_rectangle(c->cr, r.x, r.y, r.w, r.h);
	cairo_fill(c->cr);
	chart_text(c, r.x + 3, cy, 'l', size, 0, col, text);
	chart_occupy(c, r);
	return r;
}

void chart_legend(struct chart *c, const struct chart_panel *p,
		  const struct chart_legend_item *items, size_t n)
{
	double x = p->box.x + 10, y = p->box.y + 14;
	for (size_t k = 0; k < n; k++) {
		double w = chart_text_width(c, 13, 0, items[k].label);
		line(c, x, y, x + 22, y, items[k].col, 3, items[k].dashed);
		chart_text(c, x + 28, y, 'l', 13, 0, chart_ink, items[k].label);
		chart_occupy(c, (struct chart_rect){x - 4, y - 10, w + 36, 20});
		x += w + 50;
	}
}

/* Fontconfig's own start-up parses fonts.conf and the 34 files of
 * Debian's conf.d: some 560 system calls and 2.5-4.5 ms a process, as
 * much as drawing a chart.  Of all that, a chart's text needs the font folders, the
 * caches fc-cache keeps for them, and the rules that decide how glyphs
 * are rendered; those rules are Debian's stock ones (hinting slight,
 * greyscale antialiasing, no hinting under 7.5 px for DejaVu Sans,
 * synthetic bold when a family has none), so the system and this
 * configuration draw the same pixels, and a desktop's own settings do
 * not leak into charts meant to be reproduced byte for byte. */
static const char font_config[] =
	"<fontconfig>"
	"<dir>/usr/share/fonts</dir><dir>/usr/local/share/fonts</dir>"
	"<dir prefix=\"xdg\">fonts</dir><dir>~/.fonts</dir>"
	"<cachedir>/var/cache/fontconfig</cachedir>"
	"<cachedir prefix=\"xdg\">fontconfig</cachedir><cachedir>~/.fontconfig</cachedir>"
	"<match target=\"pattern\">"
	"<edit name=\"hintstyle\" mode=\"append\"><const>hintslight</const></edit>"
	"<edit name=\"antialias\" mode=\"append\"><bool>true</bool></edit>"
	"<edit name=\"lcdfilter\" mode=\"append\"><const>lcddefault</const></edit>"
	"</match>"
	"<match target=\"font\">"
	"<test name=\"family\"><string>DejaVu Sans</string></test>"
	"<test compare=\"less\" name=\"pixelsize\"><double>7.5</double></test>"
	"<edit name=\"hinting\"><bool>false</bool></edit>"
	"</match>"
	"<match target=\"font\">"
	"<test name=\"weight\" compare=\"less_eq\"><const>medium</const></test>"
	"<test target=\"pattern\" name=\"weight\" compare=\"more_eq\"><const>bold</const></test>"
	"<edit name=\"embolden\" mode=\"assign\"><bool>true</bool></edit>"
	"<edit name=\"weight\" mode=\"assign\"><const>bold</const></edit>"
	"</match>"
	"</fontconfig>";

/* A process drawing many charts (finfacts run, the bench) frees and
 * allocates the same few MB each chart.  By default glibc maps anything
 * over 128 KB afresh and gives a heap top over 128 KB back to the kernel:
 * every chart then pays new page faults, and every give-back a TLB
 * shootdown across CPUs (costly on a VM).  Kept, the memory is reused. */
static void keep_freed_memory(void)
{
#ifdef M_TRIM_THRESHOLD
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
}

void chart_library_init(void)
{
	keep_freed_memory();
	/* Whoever names a configuration gets fontconfig's full load of it. */
	if (getenv("FONTCONFIG_FILE") || getenv("FONTCONFIG_PATH")) return;
	FcConfig *cfg = FcConfigCreate();
	if (!cfg) return;
	/* Set, fontconfig holds a reference of its own; not set, it loads
	 * the system's configuration on first use, as without this. */
	if (FcConfigParseAndLoadFromMemory(cfg, (const FcChar8 *)font_config, FcTrue) &&
	    FcConfigBuildFonts(cfg))
		FcConfigSetCurrent(cfg);
	FcConfigDestroy(cfg);
}

void chart_library_cleanup(void)
{
	cairo_debug_reset_static_data();
	FcFini();
}
