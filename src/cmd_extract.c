/* finfacts extract: news articles -> the fact table of FACTS.md. */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "article.h"
#include "cmd.h"
#include "csvio.h"
#include "date.h"
#include "extract.h"
#include "facts.h"
#include "lexicon.h"

static const char usage_text[] =
"usage: finfacts extract [--date D] [--lexicon F] [--format csv|jsonl]\n"
"                        [--on-bad-record=error|skip] [-o OUT] FILE...|-\n"
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
	struct article a;
	int rc;
	uint64_t base = pg->bytes;
	while ((rc = article_reader_next(r, &a, &err)) != 0) {
		if (rc < 0) {
			ff_error_print(stderr, &err);
			++*bad;
			if (!skip) break;
			continue;
		}
		if (extract_article(x, &a, emit_row, o)) {
			ff_error_set(&err, path, a.line, NULL, "out of memory");
			ff_error_print(stderr, &err);
			rc = -1;
			break;
		}
		pg->records++;
		pg->bytes = base + article_reader_bytes(r);
		show_progress(pg, 0);
	}
	pg->bytes = base + article_reader_bytes(r);
	article_reader_close(r);
	return rc < 0 && !skip ? -1 : 0;
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

int cmd_extract(int argc, char **argv)
{
	static const struct option opts[] = {
		{"date", required_argument, NULL, 'd'},
		{"lexicon", required_argument, NULL, 'l'},
		{"format", required_argument, NULL, 'f'},
		{"on-bad-record", required_argument, NULL, 'b'},
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	int32_t date = DATE_NONE;
	const char *lexfile = NULL, *outpath = NULL;
	int jsonl = 0, skip = 0, c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			if (date_parse(optarg, strlen(optarg), &date)) {
				fprintf(stderr, "finfacts: extract: --date: expected "
					"YYYY-MM-DD, found '%s'\n", optarg);
				return FF_EXIT_BAD;
			}
			break;
		case 'l': lexfile = optarg; break;
		case 'f':
			if (!strcmp(optarg, "jsonl")) jsonl = 1;
			else if (strcmp(optarg, "csv")) {
				fprintf(stderr, "finfacts: extract: --format: expected "
					"csv or jsonl, found '%s'\n", optarg);
				return FF_EXIT_BAD;
			}
			break;
		case 'b':
			if (!strcmp(optarg, "skip")) skip = 1;
			else if (strcmp(optarg, "error")) {
				fprintf(stderr, "finfacts: extract: --on-bad-record: "
					"expected error or skip, found '%s'\n", optarg);
				return FF_EXIT_BAD;
			}
			break;
		case 'o': outpath = optarg; break;
		case 'h': fputs(usage_text, stdout); return FF_EXIT_OK;
		default: fputs(usage_text, stderr); return FF_EXIT_BAD;
		}
	}
	if (optind >= argc) {
		fputs("finfacts: extract: no input (give FILE... or -)\n\n", stderr);
		fputs(usage_text, stderr);
		return FF_EXIT_BAD;
	}
	struct lexicon *lx = lexicon_new();
	if (!lx || load_lexicon(lx, lexfile)) {
		lexicon_free(lx);
		return FF_EXIT_BAD;
	}
	struct extract *x = extract_new(lx);
	struct ff_error err = {0};
	struct out o = {NULL, jsonl, 0};
	if (x && !csvio_output_check(outpath, (const char *const *)argv + optind,
				     (size_t)(argc - optind), &err))
		o.w = csvio_create(outpath, &err);
	if (!x || !o.w) {
		if (!x) fputs("finfacts: extract: out of memory\n", stderr);
		else ff_error_print(stderr, &err);
		extract_free(x);
		lexicon_free(lx);
		return FF_EXIT_BAD;
	}
	if (!jsonl) facts_write_header(o.w);
	struct progress pg = {isatty(2), 0, 0, 0, {0, 0}};
	clock_gettime(CLOCK_MONOTONIC, &pg.t0);
	int bad = 0, rc = 0;
	for (int i = optind; i < argc && !rc; i++)
		rc = run_file(argv[i], date, skip, x, &o, &pg, &bad);
	if (pg.shown) show_progress(&pg, 1);
	extract_free(x);
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
