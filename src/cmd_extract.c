/* finfacts extract: news articles -> the fact table (README.md). */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "article.h"
#include "chunk.h"
#include "cmd.h"
#include "csvio.h"
#include "date.h"
#include "extract.h"
#include "facts.h"
#include "lexicon.h"
#include "par.h"

static const char usage_text[] =
"usage: finfacts extract [--date D] [--lexicon F] [--format csv|jsonl]\n"
"                        [--on-bad-record=error|skip] [-j N] [-o OUT]\n"
"                        FILE...|-\n"
"\n"
"Reads news articles and writes the fact table (doc, date, entity, ticker,\n"
"scope, measure, value, unit, qualifier, period, attribution, span_start,\n"
"span_end, evidence), one row per stated number, in document order.\n"
"\n"
"Inputs: plain text, Markdown with front matter (title, date, source), or\n"
"JSON Lines (.jsonl/.ndjson; records with id, date, title, text), read one\n"
"record at a time; '-' reads standard input (JSON Lines when it starts\n"
"with '{').\n"
"\n"
"  --date D          publication date for every article (YYYY-MM-DD); else\n"
"                    front matter date, record date, a dateline on the\n"
"                    first line, else none\n"
"  --lexicon F       add the entities of F to the built-in lexicon, found\n"
"                    at $FINFACTS_LEXICON, ./data/lexicon.csv, the build\n"
"                    tree's data/lexicon.csv, or PREFIX/share/finfacts\n"
"  --format csv|jsonl  output format (default csv)\n"
"  --on-bad-record=error|skip  stop at a record or file that cannot be read\n"
"                    (exit 2), or report it and go on (default error)\n"
"  -j, --jobs N      threads (default: the cores this process may use).\n"
"                    Files, and JSON Lines split at record boundaries into\n"
"                    pieces of 256 KiB, are extracted on N threads and\n"
"                    written in input order: the same bytes, messages and\n"
"                    exit status as -j 1, with a few pieces a thread in\n"
"                    memory at a time\n"
"  -o OUT            write OUT atomically instead of standard output\n"
"\n"
"Conventions: values are signed for changes (fell 17 per cent -> -17) and\n"
"scaled ($18.51-billion -> 18510000000); '$' is USD unless the listing\n"
"says otherwise; a range (2%-3%) gives two rows, the low end 'gt' and the\n"
"high end 'lt'; span_start/span_end are byte offsets into the body as\n"
"read.  Exit 0 success, 2 bad usage or bad input.\n";

struct out {
	struct csvio_writer *w;
	int jsonl;
	long rows;
};

static int emit_row(void *ctx, const struct fact *f)
{
	struct out *o = ctx;
	o->rows++;
	if (!o->jsonl) {
		facts_write(o->w, f);
		return 0;
	}
	char date[DATE_ISO_LEN];
	json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:f, s:s, s:s, "
			      "s:s, s:s, s:I, s:I, s:s}",
			      "doc", f->doc, "date", date_format(f->date, date),
			      "entity", f->entity, "ticker", f->ticker,
			      "scope", f->scope, "measure", f->measure,
			      "value", f->value, "unit", f->unit,
			      "qualifier", f->qualifier, "period", f->period,
			      "attribution", f->attribution,
			      "span_start", (json_int_t)f->span_start,
			      "span_end", (json_int_t)f->span_end,
			      "evidence", f->evidence);
	if (!j) return -1;
	FILE *s = csvio_stream(o->w);
	json_dumpf(j, s, JSON_COMPACT | JSON_PRESERVE_ORDER |
		   JSON_REAL_PRECISION(17));
	fputc('\n', s);
	json_decref(j);
	return 0;
}

struct progress {
	int on;
	uint64_t bytes, shown;
	long records;
	struct timespec t0;
};

static void show_progress(struct progress *p, int last)
{
	if (!p->on || (!last && p->bytes - p->shown < (64u << 20))) return;
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	double s = (double)(t.tv_sec - p->t0.tv_sec) +
		   (double)(t.tv_nsec - p->t0.tv_nsec) / 1e9;
	double mb = (double)p->bytes / 1e6;
	fprintf(stderr, "\rfinfacts extract: %ld records, %.1f MB, %.1f MB/s%s",
		p->records, mb, s > 0 ? mb / s : 0.0, last ? "\n" : "");
	p->shown = p->bytes;
}

/* Extracts every article r gives; messages go to msg, records and bytes
 * to pg (which shows progress when on).  Returns 0, or -1 when a bad
 * record stops the run. */
static int drain(struct article_reader *r, const char *path, int skip,
		 struct extract *x, struct out *o, FILE *msg,
		 struct progress *pg, int *bad)
{
	struct ff_error err = {0};
	struct article a;
	int rc;
	uint64_t base = pg->bytes;
	while ((rc = article_reader_next(r, &a, &err)) != 0) {
		if (rc < 0) {
			ff_error_print(msg, &err);
			++*bad;
			if (!skip) break;
			continue;
		}
		if (extract_article(x, &a, emit_row, o)) {
			ff_error_set(&err, path, a.line, NULL, "out of memory");
			ff_error_print(msg, &err);
			rc = -1;
			break;
		}
		pg->records++;
		pg->bytes = base + article_reader_bytes(r);
		show_progress(pg, 0);
	}
	pg->bytes = base + article_reader_bytes(r);
	return rc < 0 && !skip ? -1 : 0;
}

/* Reads one input; returns 0, or -1 when a bad record stops the run. */
static int run_file(const char *path, int32_t date, int skip,
		    struct extract *x, struct out *o, struct progress *pg,
		    int *bad)
{
	struct ff_error err = {0};
	struct article_reader *r = article_reader_open(path, date, &err);
	if (!r) {
		ff_error_print(stderr, &err);
		++*bad;
		return skip ? 0 : -1;
	}
	int rc = drain(r, path, skip, x, o, stderr, pg, bad);
	article_reader_close(r);
	return rc;
}

/* ---- -j N: inputs cut into jobs, done on threads, written in order ---- */

/* A JSON Lines corpus is cut into pieces of about this many bytes: big
 * enough that handing one over costs nothing next to extracting it
 * (about 5 ms of work), small enough that a window of a few per thread
 * keeps memory at a few megabytes. */
#define PIECE_BYTES (256u << 10)

enum job_kind { JOB_FILE, JOB_PIECE, JOB_FAILED };

/* One slot of the window: the job, and the buffers it keeps for the
 * next job in the same slot. */
struct job {
	enum job_kind kind;
	const char *path;
	struct article_reader *r;        /* JOB_FILE: opened by the producer */
	char *piece;                     /* JOB_PIECE: whole JSON Lines */
	size_t piece_cap, piece_len;
	long lines_before;
	struct ff_error err;             /* JOB_FAILED: why */
	FILE *out, *msg;                 /* facts and messages, in memory */
	char *out_buf, *msg_buf;
	size_t out_size, msg_size;
	struct csvio_writer *w;
	struct progress pg;              /* records and bytes, never shown */
	int bad, stop;
};

struct pipeline {
	char **inputs;
	int ninputs, next_input;
	int32_t date;
	int skip, jsonl;
	struct article_reader *corpus;   /* the JSON Lines input being cut */
	struct chunk_reader *pieces;
	const char *corpus_path;
	const struct lexicon *lx;
	struct extract **x;              /* one per worker */
	FILE *out;
	struct progress *pg;
	int bad;
};

static void end_corpus(struct pipeline *p)
{
	chunk_close(p->pieces);
	article_reader_close(p->corpus);
	p->pieces = NULL;
	p->corpus = NULL;
}

/* The next piece of the corpus being cut: 1 a job, 0 the corpus ended. */
static int next_piece(struct pipeline *p, struct job *j)
{
	int rc = chunk_next(p->pieces, &j->piece, &j->piece_cap, &j->piece_len,
			    &j->lines_before, &j->err);
	if (rc > 0) {
		j->kind = JOB_PIECE;
		j->path = p->corpus_path;
		return 1;
	}
	end_corpus(p);
	if (rc == 0) return 0;
	j->kind = JOB_FAILED;   /* a read error ends the corpus, as with -j 1 */
	return 1;
}

static int produce(void *ctx, void *slot)
{
	struct pipeline *p = ctx;
	struct job *j = slot;
	j->bad = j->stop = 0;
	j->pg = (struct progress){0};
	while (p->corpus || p->next_input < p->ninputs) {
		if (p->corpus) {
			if (next_piece(p, j)) return 1;
			continue;
		}
		const char *path = p->inputs[p->next_input++];
		j->path = path;
		struct article_reader *r = article_reader_open(path, p->date, &j->err);
		if (!r) {
			j->kind = JOB_FAILED;
			return 1;
		}
		FILE *f = article_reader_jsonl_stream(r);
		if (!f) {
			j->kind = JOB_FILE;
			j->r = r;
			return 1;
		}
		p->corpus = r;
		p->corpus_path = path;
		p->pieces = chunk_open(f, path, PIECE_BYTES);
		if (!p->pieces) {
			end_corpus(p);
			ff_error_set(&j->err, path, 0, NULL, "out of memory");
			j->kind = JOB_FAILED;
			return 1;
		}
	}
	return 0;
}

static void work_piece(struct pipeline *p, struct job *j, struct extract *x,
		       struct out *o)
{
	FILE *f = fmemopen(j->piece, j->piece_len, "r");
	struct article_reader *r = f ? article_reader_open_jsonl(
		f, j->path, j->lines_before, p->date, &j->err) : NULL;
	if (!r) {
		if (!f) ff_error_set(&j->err, j->path, j->lines_before + 1, NULL,
				     "out of memory");
		ff_error_print(j->msg, &j->err);
		j->bad++;
		j->stop = 1;
	} else {
		j->stop = drain(r, j->path, p->skip, x, o, j->msg, &j->pg, &j->bad);
	}
	article_reader_close(r);
	if (f) fclose(f);
}

static void work(void *ctx, void *slot, int worker)
{
	struct pipeline *p = ctx;
	struct job *j = slot;
	struct out o = {j->w, p->jsonl, 0};
	rewind(j->out);
	rewind(j->msg);
	if (j->kind == JOB_FAILED) {
		ff_error_print(j->msg, &j->err);
		j->bad = 1;
		j->stop = !p->skip;
	} else if (j->kind == JOB_FILE) {
		j->stop = drain(j->r, j->path, p->skip, p->x[worker], &o, j->msg,
				&j->pg, &j->bad);
		article_reader_close(j->r);
		j->r = NULL;
	} else {
		work_piece(p, j, p->x[worker], &o);
	}
	fflush(j->out);
	fflush(j->msg);
}

static int consume(void *ctx, void *slot)
{
	struct pipeline *p = ctx;
	struct job *j = slot;
	fwrite(j->out_buf, 1, (size_t)ftello(j->out), p->out);
	fwrite(j->msg_buf, 1, (size_t)ftello(j->msg), stderr);
	p->bad += j->bad;
	p->pg->records += j->pg.records;
	p->pg->bytes += j->pg.bytes;
	show_progress(p->pg, 0);
	return j->stop;
}

static void free_jobs(struct job *jobs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct job *j = &jobs[i];
		article_reader_close(j->r);   /* produced, never done */
		if (j->w) csvio_abort(j->w);
		if (j->out) fclose(j->out);
		if (j->msg) fclose(j->msg);
		free(j->out_buf);
		free(j->msg_buf);
		free(j->piece);
	}
	free(jobs);
}

static struct job *new_jobs(size_t n)
{
	struct job *jobs = calloc(n, sizeof *jobs);
	for (size_t i = 0; jobs && i < n; i++) {
		struct job *j = &jobs[i];
		j->out = open_memstream(&j->out_buf, &j->out_size);
		j->msg = open_memstream(&j->msg_buf, &j->msg_size);
		j->w = j->out ? csvio_create_stream(j->out, NULL) : NULL;
		if (!j->w || !j->msg) {
			free_jobs(jobs, i + 1);
			return NULL;
		}
	}
	return jobs;
}

/* Extracts every input on threads; the same bytes, messages and exit
 * status as one thread.  Returns 0, or -1 when a bad record stopped the
 * run or memory ran out. */
static int run_parallel(struct pipeline *p, int threads)
{
	static const struct par_stage stage = {produce, work, consume};
	/* two jobs a thread keep every thread busy while the oldest job
	 * waits to be written; memory is the window, not the input */
	size_t nslots = 2 * (size_t)threads + 2;
	struct job *jobs = new_jobs(nslots);
	p->x = calloc((size_t)threads, sizeof *p->x);
	int rc = jobs && p->x ? 0 : -1;
	for (int i = 0; !rc && i < threads; i++)
		if (!(p->x[i] = extract_new(p->lx))) rc = -1;
	if (rc) fputs("finfacts: extract: out of memory\n", stderr);
	else rc = par_ordered(&stage, p, jobs, nslots, sizeof *jobs, threads)
		  ? -1 : 0;
	end_corpus(p);
	if (jobs) free_jobs(jobs, nslots);
	for (int i = 0; p->x && i < threads; i++) extract_free(p->x[i]);
	free(p->x);
	return rc;
}

static int load_lexicon(struct lexicon *lx, const char *extra)
{
	char exe[4096], path[4200];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	exe[n > 0 ? n : 0] = '\0';
	struct ff_error err = {0};
	if (lexicon_default_path(n > 0 ? exe : NULL, path, sizeof path)) {
		if (!extra) {
			fprintf(stderr, "finfacts: extract: no lexicon found (set "
				"FINFACTS_LEXICON or use --lexicon)\n");
			return -1;
		}
	} else if (lexicon_load(lx, path, &err)) {
		ff_error_print(stderr, &err);
		return -1;
	}
	if (extra && lexicon_load(lx, extra, &err)) {
		ff_error_print(stderr, &err);
		return -1;
	}
	return 0;
}

struct opts {
	int32_t date;
	const char *lexfile, *outpath;
	int jsonl, skip, threads;
};

static int bad_value(const char *opt, const char *expected, const char *found)
{
	fprintf(stderr, "finfacts: extract: %s: expected %s, found '%s'\n", opt,
		expected, found);
	return FF_EXIT_BAD;
}

static int parse_option(struct opts *op, int c, const char *arg)
{
	long n;
	char *end;
	switch (c) {
	case 'd':
		if (date_parse(arg, strlen(arg), &op->date))
			return bad_value("--date", "YYYY-MM-DD", arg);
		return 0;
	case 'l': op->lexfile = arg; return 0;
	case 'f':
		if (!strcmp(arg, "jsonl")) op->jsonl = 1;
		else if (strcmp(arg, "csv")) return bad_value("--format", "csv or jsonl", arg);
		return 0;
	case 'b':
		if (!strcmp(arg, "skip")) op->skip = 1;
		else if (strcmp(arg, "error"))
			return bad_value("--on-bad-record", "error or skip", arg);
		return 0;
	case 'j':
		n = strtol(arg, &end, 10);
		if (end == arg || *end || n < 1 || n > 256)
			return bad_value("-j", "a number of threads from 1 to 256", arg);
		op->threads = (int)n;
		return 0;
	case 'o': op->outpath = arg; return 0;
	case 'h': fputs(usage_text, stdout); return -1;
	default: fputs(usage_text, stderr); return FF_EXIT_BAD;
	}
}

/* 0: go on; -1: help printed; FF_EXIT_BAD: bad usage (said). */
static int parse_args(struct opts *op, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"date", required_argument, NULL, 'd'},
		{"lexicon", required_argument, NULL, 'l'},
		{"format", required_argument, NULL, 'f'},
		{"on-bad-record", required_argument, NULL, 'b'},
		{"jobs", required_argument, NULL, 'j'},
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	int c, st;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:j:h", longopts, NULL)) != -1)
		if ((st = parse_option(op, c, optarg))) return st;
	if (optind >= argc) {
		fputs("finfacts: extract: no input (give FILE... or -)\n\n", stderr);
		fputs(usage_text, stderr);
		return FF_EXIT_BAD;
	}
	return 0;
}

/* Every input, on one thread or many; 0, or -1 when a bad record or a
 * lack of memory stopped the run. */
static int run_all(const struct opts *op, struct lexicon *lx, char **inputs,
		   int n, struct out *o, struct progress *pg, int *bad)
{
	if (op->threads > 1) {
		/* jansson seeds its hash once, racily if threads race to it */
		json_object_seed(0);
		struct pipeline p = {.inputs = inputs, .ninputs = n,
				     .date = op->date, .skip = op->skip,
				     .jsonl = op->jsonl, .lx = lx,
				     .out = csvio_stream(o->w), .pg = pg};
		int rc = run_parallel(&p, op->threads);
		*bad = p.bad;
		return rc;
	}
	struct extract *x = extract_new(lx);
	if (!x) {
		fputs("finfacts: extract: out of memory\n", stderr);
		return -1;
	}
	int rc = 0;
	for (int i = 0; i < n && !rc; i++)
		rc = run_file(inputs[i], op->date, op->skip, x, o, pg, bad);
	extract_free(x);
	return rc;
}

int cmd_extract(int argc, char **argv)
{
	struct opts op = {.date = DATE_NONE, .threads = par_cores()};
	int st = parse_args(&op, argc, argv);
	if (st) return st < 0 ? FF_EXIT_OK : st;
	struct lexicon *lx = lexicon_new();
	if (!lx || load_lexicon(lx, op.lexfile)) {
		lexicon_free(lx);
		return FF_EXIT_BAD;
	}
	struct ff_error err = {0};
	struct out o = {NULL, op.jsonl, 0};
	if (!csvio_output_check(op.outpath, (const char *const *)argv + optind,
				(size_t)(argc - optind), &err))
		o.w = csvio_create(op.outpath, &err);
	if (!o.w) {
		ff_error_print(stderr, &err);
		lexicon_free(lx);
		return FF_EXIT_BAD;
	}
	if (!op.jsonl) facts_write_header(o.w);
	struct progress pg = {isatty(2), 0, 0, 0, {0, 0}};
	clock_gettime(CLOCK_MONOTONIC, &pg.t0);
	int bad = 0;
	int rc = run_all(&op, lx, argv + optind, argc - optind, &o, &pg, &bad);
	if (pg.shown) show_progress(&pg, 1);
	lexicon_free(lx);
	if (rc) {
		csvio_abort(o.w);
		return FF_EXIT_BAD;
	}
	if (csvio_commit(o.w, &err)) {
		ff_error_print(stderr, &err);
		return FF_EXIT_BAD;
	}
	if (bad)
		fprintf(stderr, "finfacts: extract: skipped %d bad record%s\n", bad,
			bad == 1 ? "" : "s");
	return FF_EXIT_OK;
}
