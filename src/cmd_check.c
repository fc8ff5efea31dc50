/* finfacts check ACTUAL EXPECTED: do two CSV tables agree, within
 * tolerances?  The report (one row per difference) goes to standard
 * output or -o; a one-line summary goes to standard error. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cmd.h"
#include "csvio.h"
#include "ff_error.h"

static const char usage_text[] =
"usage: finfacts check ACTUAL.csv EXPECTED.csv [--key COLS] [--rtol R]\n"
"         [--atol A] [--tol COL=RTOL[:ATOL]]... [--columns COLS]\n"
"         [--ignore-extra-columns] [--ignore-extra-rows] [-o REPORT.csv]\n"
"\n"
"Compares two CSV tables cell by cell.  Either file may be '-' (stdin).\n"
"\n"
"  --key COLS      match rows by these columns (comma-separated names),\n"
"                  compared as text; default: match rows by position\n"
"  --rtol R        relative tolerance (default 1e-9)\n"
"  --atol A        absolute tolerance (default 0)\n"
"  --tol COL=RTOL[:ATOL]  tolerances for one column (repeatable; ATOL\n"
"                  defaults to 0)\n"
"  --columns COLS  compare only these columns\n"
"  --ignore-extra-columns  columns only ACTUAL has are not differences\n"
"  --ignore-extra-rows     rows only ACTUAL has are not differences\n"
"  -o FILE         write the report to FILE (atomically) instead of stdout\n"
"\n"
"Conventions:\n"
"  columns are matched by header name, exactly, in any order;\n"
"  numbers agree when |actual - expected| <= atol + rtol * |expected|\n"
"  (numpy.isclose, EXPECTED as reference); a number is any cell strtod\n"
"  reads whole (spaces around allowed): 1.50 = 1.5 = 1.5e0;\n"
"  empty, NaN and nan are all 'missing' and agree with each other;\n"
"  inf agrees only with the same inf; other text must match exactly.\n"
"\n"
"Report (CSV): kind,key,row,actual_line,expected_line,column,actual,\n"
"  expected,abs_diff,rel_diff; kind is value, missing_row, extra_row,\n"
"  missing_column or extra_column; key is the key values joined by '|';\n"
"  row counts data rows from 1; abs_diff = |a - e|, rel_diff =\n"
"  |a - e| / |e|, empty unless both cells are numbers.\n"
"\n"
"Exit status: 0 the tables agree, 1 they differ, 2 bad usage or bad\n"
"input (unreadable or empty file, ragged row, unknown --key/--tol/\n"
"--columns column, repeated header name, duplicate key); then no report\n"
"is written, neither to -o FILE nor to standard output.\n";

/* Splits "a,b,c" in place into out[]; returns the count. */
static size_t split_names(char *s, const char **out, size_t cap)
{
	size_t n = 0;
	for (char *tok = strtok(s, ","); tok && n < cap; tok = strtok(NULL, ","))
		out[n++] = tok;
	return n;
}

static int usage_error(const char *msg, const char *arg)
{
	fprintf(stderr, "finfacts check: %s%s%s\n", msg, arg ? " " : "",
		arg ? arg : "");
	fputs("usage: finfacts check ACTUAL.csv EXPECTED.csv [options] "
	      "(finfacts check --help)\n", stderr);
	return FF_EXIT_BAD;
}

static int parse_tolerance(const char *s, const char *name, double *out)
{
	if (csvio_number(s, strlen(s), out) || !(*out >= 0) || isinf(*out)) {
		fprintf(stderr, "finfacts check: %s expects a finite number >= 0, "
			"found '%s'\n", name, s);
		return -1;
	}
	return 0;
}

static void count(const char *what, size_t n)
{
	if (n) fprintf(stderr, ", %zu %s%s", n, what, n == 1 ? "" : "s");
}

/* "rtol R, atol A[, --tol on N columns][; largest relative difference
 * D in 'COL']" */
static void summary_tail(const struct check_summary *s,
			 const struct check_opts *o)
{
	char r[32], a[32], m[32];
	fprintf(stderr, "rtol %s, atol %s", csvio_fmt_double(o->rtol, r),
		csvio_fmt_double(o->atol, a));
	if (o->ntol)
		fprintf(stderr, ", --tol on %zu column%s", o->ntol,
			o->ntol == 1 ? "" : "s");
	if (s->max_rel > 0)
		fprintf(stderr, "; largest relative difference %s in '%s'",
			csvio_fmt_double(s->max_rel, m), s->max_rel_column);
	fputs(")\n", stderr);
}

static void summary_line(const struct check_summary *s,
			 const struct check_opts *o)
{
	if (!check_differ(s)) {
		fprintf(stderr, "finfacts check: agree: %zu rows, %zu columns, "
			"%zu cells (", s->rows_actual, s->columns, s->cells);
		summary_tail(s, o);
		return;
	}
	fprintf(stderr, "finfacts check: DIFFER: %zu of %zu cells", s->cells_differ,
		s->cells);
	count("missing row", s->rows_missing);
	count("extra row", s->rows_extra);
	count("missing column", s->columns_missing);
	count("extra column", s->columns_extra);
	fprintf(stderr, " (%zu actual rows, %zu expected; ", s->rows_actual,
		s->rows_expected);
	summary_tail(s, o);
}

enum { OPT_KEY = 256, OPT_RTOL, OPT_ATOL, OPT_TOL, OPT_COLUMNS,
       OPT_EXTRA_COLS, OPT_EXTRA_ROWS, OPT_HELP };

static const struct option long_opts[] = {
	{"key", required_argument, NULL, OPT_KEY},
	{"rtol", required_argument, NULL, OPT_RTOL},
	{"atol", required_argument, NULL, OPT_ATOL},
	{"tol", required_argument, NULL, OPT_TOL},
	{"columns", required_argument, NULL, OPT_COLUMNS},
	{"ignore-extra-columns", no_argument, NULL, OPT_EXTRA_COLS},
	{"ignore-extra-rows", no_argument, NULL, OPT_EXTRA_ROWS},
	{"output", required_argument, NULL, 'o'},
	{"help", no_argument, NULL, OPT_HELP},
	{NULL, 0, NULL, 0},
};

/* Everything parsed from the command line; arrays hold argc entries. */
struct args {
	struct check_opts o;
	const char **key, **columns;
	struct check_tol *tol;
	const char *out;
	const char *pos[2];
	size_t cap;          /* entries in key[] and columns[] */
};

static int parse_args(int argc, char **argv, struct args *A)
{
	struct ff_error err = {0};
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:", long_opts, NULL)) != -1) {
		switch (c) {
		case OPT_KEY:
			A->o.nkey = split_names(optarg, A->key, A->cap);
			if (!A->o.nkey) return usage_error("--key needs column names", NULL);
			break;
		case OPT_COLUMNS:
			A->o.ncolumns = split_names(optarg, A->columns, A->cap);
			break;
		case OPT_RTOL:
			if (parse_tolerance(optarg, "--rtol", &A->o.rtol)) return FF_EXIT_BAD;
			break;
		case OPT_ATOL:
			if (parse_tolerance(optarg, "--atol", &A->o.atol)) return FF_EXIT_BAD;
			break;
		case OPT_TOL:
			if (check_parse_tol(optarg, &A->tol[A->o.ntol], &err)) {
				ff_error_print(stderr, &err);
				return FF_EXIT_BAD;
			}
			A->o.ntol++;
			break;
		case OPT_EXTRA_COLS: A->o.ignore_extra_columns = 1; break;
		case OPT_EXTRA_ROWS: A->o.ignore_extra_rows = 1; break;
		case 'o': A->out = optarg; break;
		case OPT_HELP:
			fputs(usage_text, stdout);
			return -1;
		case ':': return usage_error("missing value for", argv[optind - 1]);
		default: return usage_error("unknown option", argv[optind - 1]);
		}
	}
	if (argc - optind != 2)
		return usage_error("expects two files, ACTUAL and EXPECTED", NULL);
	A->pos[0] = argv[optind];
	A->pos[1] = argv[optind + 1];
	return 0;
}

/* Standard output gets the report only once the comparison has run to
 * its end, so bad input found late leaves no half report there either;
 * until then it is held in memory. */
struct sink {
	FILE *mem;
	char *buf;
	size_t size;
};

static struct csvio_writer *sink_open(const char *out, struct sink *k,
				      struct ff_error *err)
{
	if (out && strcmp(out, "-")) return csvio_create(out, err);
	if (!(k->mem = open_memstream(&k->buf, &k->size))) {
		ff_error_set(err, NULL, 0, NULL, "out of memory");
		return NULL;
	}
	return csvio_create_stream(k->mem, err);
}

/* Closes the memory stream; on success copies it to standard output. */
static int sink_close(struct sink *k, int ok, struct ff_error *err)
{
	if (!k->mem) return 0;
	int st = fclose(k->mem) ? -1 : 0;
	if (ok && !st && (fwrite(k->buf, 1, k->size, stdout) != k->size ||
			  fflush(stdout)))
		st = -1;
	free(k->buf);
	if (st) ff_error_set(err, "<stdout>", 0, NULL, "cannot write the report");
	return st;
}

static int run(struct args *A)
{
	struct ff_error err = {0};
	struct check_summary s;
	struct sink sink = {0};
	A->o.key = A->key;
	A->o.columns = A->columns;
	A->o.tol = A->tol;
	struct csvio_writer *w = NULL;
	if (!csvio_output_check(A->out, A->pos, 2, &err))
		w = sink_open(A->out, &sink, &err);
	if (!w) {
		sink_close(&sink, 0, &err);
		ff_error_print(stderr, &err);
		return FF_EXIT_BAD;
	}
	check_report_header(w);
	if (check_files(A->pos[0], A->pos[1], &A->o, check_report_row, w, &s,
			&err)) {
		csvio_abort(w);
		sink_close(&sink, 0, NULL);
		ff_error_print(stderr, &err);
		return FF_EXIT_BAD;
	}
	if (csvio_commit(w, &err) || sink_close(&sink, 1, &err)) {
		ff_error_print(stderr, &err);
		return FF_EXIT_BAD;
	}
	summary_line(&s, &A->o);
	return check_differ(&s) ? FF_EXIT_DIFF : FF_EXIT_OK;
}

int cmd_check(int argc, char **argv)
{
	struct args A = {0};
	check_opts_init(&A.o);
	/* A list of names can be no longer than the commas of the command
	 * line allow; sized so, no name is ever dropped. */
	A.cap = (size_t)argc;
	for (int k = 0; k < argc; k++)
		for (const char *c = argv[k]; *c; c++) A.cap += *c == ',';
	A.key = calloc(A.cap, sizeof *A.key);
	A.columns = calloc(A.cap, sizeof *A.columns);
	A.tol = calloc((size_t)argc, sizeof *A.tol);
	int rc = FF_EXIT_BAD;
	if (!A.key || !A.columns || !A.tol)
		fputs("finfacts check: out of memory\n", stderr);
	else if ((rc = parse_args(argc, argv, &A)) == 0)
		rc = run(&A);
	else if (rc < 0)
		rc = FF_EXIT_OK;
	free(A.key);
	free(A.columns);
	free(A.tol);
	return rc;
}
