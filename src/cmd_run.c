/* finfacts run [DIR] [-o OUTDIR] [--plots PLOTDIR]: the main job.
 *
 * Runs the other commands in this process, in order, each through its
 * public command line (so `run` does exactly what a user typing them
 * would), reads their CSV outputs back to choose the next steps, draws
 * the charts and typesets out/report.pdf from those same outputs. */
#include <errno.h>
#include <stdarg.h>
#include <fnmatch.h>
#include <getopt.h>
#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "csvio.h"
#include "date.h"
#include "facts.h"
#include "plots.h"
#include "prices.h"
#include "report.h"
#include "table.h"

static const char usage_text[] =
"usage: finfacts run [DIR] [-o OUTDIR] [--plots PLOTDIR]\n"
"\n"
"Everything finfacts does, over a data folder (default data/):\n"
"  extract  DIR/articles/*.md|*.txt|*.jsonl -> OUTDIR/facts.csv\n"
"  series   facts -> OUTDIR/series.csv (series, implied values, checks)\n"
"  verify   price claims vs DIR/prices/TICKER.csv -> OUTDIR/verdicts.csv\n"
"  stats    every price file vs its benchmark -> OUTDIR/metrics.csv\n"
"  event    an event study per verified news day -> OUTDIR/events.csv,\n"
"           OUTDIR/events-summary.csv\n"
"  plot     reaction, share, CAR and series charts -> PLOTDIR/*.png\n"
"  report   OUTDIR/report.pdf\n"
"\n"
"Benchmarks come from DIR/benchmarks.csv (columns pattern,benchmark: the\n"
"first pattern that matches a listing's name names its index file in\n"
"DIR/prices); without it, *.HK listings use ^HSI and the others SPY.\n"
"Defaults: OUTDIR out, PLOTDIR plots.  Every file is written atomically,\n"
"and the charts an earlier run drew (listed in PLOTDIR/.finfacts-charts)\n"
"that this run no longer draws are removed; no other file is touched.\n"
"Exit status: 0 done (claims found inconsistent are reported, not an\n"
"error), 2 bad usage, bad input or a failed step.\n";

#define MAX_GROUPS 16

struct job {
	enum { J_REACTION, J_SHARE, J_CAR, J_SERIES, J_CANDLES, J_RETURNS, J_DRAWDOWN } kind;
	char key[96];            /* ticker, scope, event id, group */
	char key2[64];           /* date, period */
	char file[512];          /* the PNG */
	char doc[128];           /* article it belongs to, if any */
};

struct group {
	char bench[128];         /* benchmark name, "" for none */
	char **files;
	size_t n;
};

struct run {
	const char *data, *out, *plots;
	char prices[512];
	struct timespec t0;
	struct table *bench_rules;
	struct group groups[MAX_GROUPS];
	size_t ngroups;
	struct job *jobs;
	size_t njobs, capjobs;
	size_t articles, facts, verdicts[3], events, series_rows, metric_rows;
};

/* ---- small helpers ---- */

struct args {
	char **v;
	size_t n, cap;
};

static int push(struct args *a, const char *s)
{
	if (a->n + 2 > a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 16;
		char **v = realloc(a->v, cap * sizeof *v);
		if (!v) return -1;
		a->v = v;
		a->cap = cap;
	}
	if (!(a->v[a->n] = strdup(s))) return -1;
	a->v[++a->n] = NULL;
	return 0;
}

static void args_free(struct args *a)
{
	for (size_t k = 0; k < a->n; k++) free(a->v[k]);
	free(a->v);
	memset(a, 0, sizeof *a);
}

/* Runs a command in this process; getopt starts afresh for each. */
static int call(int (*fn)(int, char **), struct args *a)
{
	optind = 0;
	fflush(stdout);
	int rc = fn((int)a->n, a->v);
	fflush(stdout);
	return rc;
}

static double seconds(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) * 1e-9;
}

static void progress(struct run *r, const char *step, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void progress(struct run *r, const char *step, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fprintf(stderr, "%-8s %-62s %6.2f s\n", step, msg, seconds(&r->t0));
}

/* dir/name into buf; a path too long for buf becomes "", which no
 * later open accepts. */
static void path_in(char *buf, size_t cap, const char *dir, const char *name)
{
	if (snprintf(buf, cap, "%s/%s", dir, name) >= (int)cap) buf[0] = '\0';
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Files in dir matching any of the patterns, sorted (byte order). */
static int list_files(const char *dir, const char *const *pats, size_t npats,
		      glob_t *g)
{
	char pat[600];
	int flags = 0;
	memset(g, 0, sizeof *g);
	for (size_t k = 0; k < npats; k++) {
		path_in(pat, sizeof pat, dir, pats[k]);
		int st = glob(pat, flags, NULL, g);
		if (st && st != GLOB_NOMATCH) return -1;
		flags = GLOB_APPEND;
	}
	if (g->gl_pathc) qsort(g->gl_pathv, g->gl_pathc, sizeof *g->gl_pathv, cmp_str);
	return 0;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* "DIR/prices/9988.HK.csv" -> "9988.HK" */
static void listing_of(const char *path, char *buf, size_t cap)
{
	const char *b = base_name(path);
	size_t n = strlen(b);
	if (n > 4 && !strcmp(b + n - 4, ".csv")) n -= 4;
	snprintf(buf, cap, "%.*s", (int)n, b);
}

/* File-name-safe slug: letters, digits, '.', '-'; an index's '^' is
 * dropped and anything else becomes '-'. */
static void slug(const char *s, char *buf, size_t cap)
{
	size_t k = 0;
	for (; *s && k + 1 < cap; s++) {
		if (*s == '^') continue;
		int ok = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
			 (*s >= '0' && *s <= '9') || *s == '.' || *s == '-';
		buf[k++] = ok ? *s : '-';
	}
	buf[k] = '\0';
}

/* ---- benchmarks ---- */

static const char *benchmark_of(const struct run *r, const char *listing)
{
	if (r->bench_rules) {
		int pc = table_col(r->bench_rules, "pattern"), bc = table_col(r->bench_rules, "benchmark");
		for (size_t k = 0; k < r->bench_rules->nrows; k++)
			if (!fnmatch(table_get(r->bench_rules, k, pc), listing, 0))
				return table_get(r->bench_rules, k, bc);
		return "";
	}
	/* Indexes (^HSI) and the index fund used as one (SPY) have none. */
	size_t n = strlen(listing);
	if (listing[0] == '^' || !strcmp(listing, "SPY")) return "";
	return n > 3 && !strcmp(listing + n - 3, ".HK") ? "^HSI" : "SPY";
}

static int bench_file_exists(const struct run *r, const char *bench)
{
	char p[700];
	snprintf(p, sizeof p, "%s/%s.csv", r->prices, bench);
	return *bench && access(p, R_OK) == 0;
}

/* Groups the price files by benchmark; an index file (a benchmark of
 * others, or one whose benchmark is itself) goes in the no-benchmark group. */
static int group_prices(struct run *r, const glob_t *g)
{
	for (size_t i = 0; i < g->gl_pathc; i++) {
		char name[256];
		listing_of(g->gl_pathv[i], name, sizeof name);
		const char *b = benchmark_of(r, name);
		if (!strcmp(b, name) || !bench_file_exists(r, b)) b = "";
		size_t k = 0;
		while (k < r->ngroups && strcmp(r->groups[k].bench, b)) k++;
		if (k == r->ngroups) {
			if (k == MAX_GROUPS) return -1;
			snprintf(r->groups[k].bench, sizeof r->groups[k].bench, "%s", b);
			r->ngroups++;
		}
		struct group *gr = &r->groups[k];
		char **v = realloc(gr->files, (gr->n + 1) * sizeof *v);
		if (!v) return -1;
		gr->files = v;
		if (!(gr->files[gr->n] = strdup(g->gl_pathv[i]))) return -1;
		gr->n++;
	}
	return 0;
}

/* ---- steps ---- */

static int step_extract(struct run *r)
{
	static const char *const pats[] = {"*.md", "*.txt", "*.jsonl"};
	char dir[600], out[600];
	glob_t g;
	path_in(dir, sizeof dir, r->data, "articles");
	path_in(out, sizeof out, r->out, "facts.csv");
	if (list_files(dir, pats, 3, &g)) return FF_EXIT_BAD;
	struct args a = {0};
	int rc = push(&a, "extract") || push(&a, "-o") || push(&a, out);
	for (size_t i = 0; !rc && i < g.gl_pathc; i++)
		if (strcmp(base_name(g.gl_pathv[i]), "README.md")) {
			rc = push(&a, g.gl_pathv[i]);
			r->articles++;
		}
	globfree(&g);
	if (!rc && !r->articles) {
		fprintf(stderr, "finfacts run: no articles (*.md, *.txt, *.jsonl) in %s\n", dir);
		rc = FF_EXIT_BAD;
	} else if (!rc) {
		rc = call(cmd_extract, &a);
	}
	args_free(&a);
	if (rc) return FF_EXIT_BAD;
	struct facts *t = facts_new();
	struct ff_error err;
	if (!t || facts_load(t, out, &err)) {
		facts_free(t);
		return FF_EXIT_BAD;
	}
	r->facts = t->n;
	facts_free(t);
	progress(r, "extract", "%zu article%s, %zu facts -> %s", r->articles,
		 r->articles == 1 ? "" : "s", r->facts, out);
	return 0;
}

static int rows_of(const char *path, size_t *n)
{
	struct table *t;
	struct ff_error err;
	if (table_load(path, &t, &err)) {
		ff_error_print(stderr, &err);
		return -1;
	}
	*n = t->nrows;
	table_free(t);
	return 0;
}

static int step_series(struct run *r)
{
	char in[600], out[600];
	path_in(in, sizeof in, r->out, "facts.csv");
	path_in(out, sizeof out, r->out, "series.csv");
	struct args a = {0};
	int rc = push(&a, "series") || push(&a, "-o") || push(&a, out) || push(&a, in);
	if (!rc) rc = call(cmd_series, &a);
	args_free(&a);
	if (rc || rows_of(out, &r->series_rows)) return FF_EXIT_BAD;
	progress(r, "series", "%zu rows (series, implied values, checks) -> %s",
		 r->series_rows, out);
	return 0;
}

static int step_verify(struct run *r)
{
	char in[600], out[600];
	path_in(in, sizeof in, r->out, "facts.csv");
	path_in(out, sizeof out, r->out, "verdicts.csv");
	struct args a = {0};
	int rc = push(&a, "verify") || push(&a, in) || push(&a, "--prices") ||
		 push(&a, r->prices) || push(&a, "-o") || push(&a, out);
	if (!rc) rc = call(cmd_verify, &a);
	args_free(&a);
	if (rc != FF_EXIT_OK && rc != FF_EXIT_DIFF) return FF_EXIT_BAD;
	struct table *t;
	struct ff_error err;
	if (table_load(out, &t, &err)) return FF_EXIT_BAD;
	int vc = table_col(t, "verdict");
	static const char *const names[3] = {"consistent", "inconsistent", "unverifiable"};
	for (size_t k = 0; k < t->nrows; k++)
		for (int v = 0; v < 3; v++)
			if (!strcmp(table_get(t, k, vc), names[v])) r->verdicts[v]++;
	progress(r, "verify", "%zu claims: %zu consistent, %zu inconsistent, %zu unverifiable",
		 t->nrows, r->verdicts[0], r->verdicts[1], r->verdicts[2]);
	table_free(t);
	return 0;
}

/* Appends table t's rows to w under header h, mapping columns by name. */
static void append_rows(struct csvio_writer *w, const struct table *h, const struct table *t)
{
	for (size_t k = 0; k < t->nrows; k++) {
		for (size_t c = 0; c < h->ncols; c++)
			csvio_field(w, table_get(t, k, table_col(t, h->head[c])));
		csvio_endrow(w);
	}
}

/* Concatenates the CSV parts into out (header of the first); removes
 * the parts. */
static int concat(char parts[][600], size_t n, const char *out, size_t *rows)
{
	struct table *t[MAX_GROUPS] = {0};
	struct ff_error err;
	int st = 0;
	*rows = 0;
	for (size_t k = 0; k < n && !st; k++)
		if ((st = table_load(parts[k], &t[k], &err))) ff_error_print(stderr, &err);
	struct csvio_writer *w = st ? NULL : csvio_create(out, &err);
	if (w) {
		csvio_row(w, (const char *const *)t[0]->head, t[0]->ncols);
		for (size_t k = 0; k < n; k++) {
			append_rows(w, t[0], t[k]);
			*rows += t[k]->nrows;
		}
		st = csvio_commit(w, &err);
	} else {
		st = -1;
	}
	for (size_t k = 0; k < n; k++) {
		table_free(t[k]);
		unlink(parts[k]);
	}
	return st;
}

static int step_stats(struct run *r)
{
	char parts[MAX_GROUPS][600], out[600];
	path_in(out, sizeof out, r->out, "metrics.csv");
	for (size_t k = 0; k < r->ngroups; k++) {
		const struct group *g = &r->groups[k];
		char bench[700];
		snprintf(parts[k], sizeof parts[k], "%s/.metrics-%zu.csv", r->out, k);
		snprintf(bench, sizeof bench, "%s/%s.csv", r->prices, g->bench);
		struct args a = {0};
		int rc = push(&a, "stats") || push(&a, "--on-bad-row=skip") ||
			 push(&a, "-o") || push(&a, parts[k]);
		if (!rc && *g->bench) rc = push(&a, "--benchmark") || push(&a, bench);
		for (size_t i = 0; !rc && i < g->n; i++) rc = push(&a, g->files[i]);
		if (!rc) rc = call(cmd_stats, &a);
		args_free(&a);
		if (rc) return FF_EXIT_BAD;
	}
	if (concat(parts, r->ngroups, out, &r->metric_rows)) return FF_EXIT_BAD;
	progress(r, "stats", "%zu price series in %zu benchmark groups -> %s",
		 r->metric_rows, r->ngroups, out);
	return 0;
}

/* The news days to study: each (ticker, trading day) a price claim was
 * judged on, whose listing has a benchmark file.  One events file per
 * market. */
static int write_event_inputs(struct run *r, const struct table *v, char files[][600],
			      char markets[][128], size_t *nm)
{
	int tc = table_col(v, "ticker"), dc = table_col(v, "day_used"), vc = table_col(v, "verdict");
	struct csvio_writer *w[MAX_GROUPS] = {0};
	struct ff_error err;
	*nm = 0;
	for (size_t k = 0; k < v->nrows; k++) {
		const char *t = table_get(v, k, tc), *d = table_get(v, k, dc), *vd = table_get(v, k, vc);
		if (!*t || !*d || !strcmp(vd, "unverifiable")) continue;
		const char *b = benchmark_of(r, t);
		if (!strcmp(b, t) || !bench_file_exists(r, b)) continue;
		int dup = 0;
		for (size_t j = 0; j < k && !dup; j++)
			dup = !strcmp(table_get(v, j, tc), t) && !strcmp(table_get(v, j, dc), d) &&
			      strcmp(table_get(v, j, vc), "unverifiable");
		if (dup) continue;
		size_t m = 0;
		while (m < *nm && strcmp(markets[m], b)) m++;
		if (m == *nm) {
			if (m == MAX_GROUPS) break;
			snprintf(markets[m], 128, "%s", b);
			snprintf(files[m], 600, "%s/.events-in-%zu.csv", r->out, m);
			if (!(w[m] = csvio_create(files[m], &err))) return -1;
			csvio_row(w[m], (const char *const[]){"id", "ticker", "date"}, 3);
			(*nm)++;
		}
		char id[160];
		snprintf(id, sizeof id, "%s@%s", t, d);
		csvio_row(w[m], (const char *const[]){id, t, d}, 3);
		r->events++;
	}
	int st = 0;
	for (size_t m = 0; m < *nm; m++) st |= csvio_commit(w[m], &err);
	return st;
}

static int run_event(struct run *r, const char *in, const char *market, int summary,
		     const char *out)
{
	char mfile[700];
	snprintf(mfile, sizeof mfile, "%s/%s.csv", r->prices, market);
	struct args a = {0};
	int rc = push(&a, "event") || push(&a, "--prices") || push(&a, r->prices) ||
		 push(&a, "--market") || push(&a, mfile) || push(&a, "--events") ||
		 push(&a, in) || push(&a, "-o") || push(&a, out);
	if (!rc && summary) rc = push(&a, "--summary");
	if (!rc) rc = call(cmd_event, &a);
	args_free(&a);
	return rc;
}

static int step_event(struct run *r)
{
	char vpath[600], in[MAX_GROUPS][600], days[MAX_GROUPS][600], sums[MAX_GROUPS][600];
	char markets[MAX_GROUPS][128], out[600], sout[600];
	size_t nm, nd, ns;
	struct table *v;
	struct ff_error err;
	path_in(vpath, sizeof vpath, r->out, "verdicts.csv");
	path_in(out, sizeof out, r->out, "events.csv");
	path_in(sout, sizeof sout, r->out, "events-summary.csv");
	if (table_load(vpath, &v, &err)) return FF_EXIT_BAD;
	int st = write_event_inputs(r, v, in, markets, &nm);
	table_free(v);
	for (size_t m = 0; !st && m < nm; m++) {
		snprintf(days[m], 600, "%s/.events-%zu.csv", r->out, m);
		snprintf(sums[m], 600, "%s/.events-summary-%zu.csv", r->out, m);
		st = run_event(r, in[m], markets[m], 0, days[m]) ||
		     run_event(r, in[m], markets[m], 1, sums[m]);
		unlink(in[m]);
	}
	if (st || !nm) {
		if (!nm) progress(r, "event", "no verified news day has a benchmark: no study");
		return st ? FF_EXIT_BAD : 0;
	}
	if (concat(days, nm, out, &nd) || concat(sums, nm, sout, &ns)) return FF_EXIT_BAD;
	progress(r, "event", "%zu news days, %zu markets -> %s, %s", r->events, nm, out, sout);
	return 0;
}

/* ---- charts ---- */

static struct job *add_job(struct run *r, int kind, const char *key, const char *key2,
			   const char *doc)
{
	for (size_t k = 0; k < r->njobs; k++)
		if ((int)r->jobs[k].kind == kind && !strcmp(r->jobs[k].key, key) &&
		    !strcmp(r->jobs[k].key2, key2))
			return NULL;
	if (r->njobs == r->capjobs) {
		size_t cap = r->capjobs ? r->capjobs * 2 : 32;
		struct job *v = realloc(r->jobs, cap * sizeof *v);
		if (!v) return NULL;
		r->jobs = v;
		r->capjobs = cap;
	}
	struct job *j = &r->jobs[r->njobs++];
	memset(j, 0, sizeof *j);
	j->kind = kind;
	snprintf(j->key, sizeof j->key, "%s", key);
	snprintf(j->key2, sizeof j->key2, "%s", key2);
	snprintf(j->doc, sizeof j->doc, "%s", doc);
	static const char *const prefix[] = {"reaction", "share", "car", "series", "candles",
		"returns", "drawdown"};
	char a[100], b[70];
	slug(key, a, sizeof a);
	slug(key2, b, sizeof b);
	snprintf(j->file, sizeof j->file, "%s/%s-%s%s%s.png", r->plots, prefix[kind], a,
		 *b ? "-" : "", b);
	return j;
}

static int plan_jobs(struct run *r)
{
	char p[600];
	struct table *v, *f;
	struct ff_error err;
	path_in(p, sizeof p, r->out, "verdicts.csv");
	if (table_load(p, &v, &err)) return -1;
	int tc = table_col(v, "ticker"), dc = table_col(v, "day_used"),
	    vc = table_col(v, "verdict"), oc = table_col(v, "doc");
	for (size_t k = 0; k < v->nrows; k++) {
		const char *t = table_get(v, k, tc), *d = table_get(v, k, dc);
		if (*t && *d && strcmp(table_get(v, k, vc), "unverifiable"))
			add_job(r, J_REACTION, t, d, table_get(v, k, oc));
	}
	table_free(v);
	path_in(p, sizeof p, r->out, "facts.csv");
	if (table_load(p, &f, &err)) return -1;
	int mc = table_col(f, "measure"), sc = table_col(f, "scope"), pc = table_col(f, "period"),
	    fd = table_col(f, "doc");
	for (size_t k = 0; k < f->nrows; k++)
		if (!strcmp(table_get(f, k, mc), "market_share"))
			add_job(r, J_SHARE, table_get(f, k, sc), table_get(f, k, pc), table_get(f, k, fd));
	table_free(f);
	/* A CAR chart for each event studied: excluded events have a row
	 * with the reason and no CAR. */
	path_in(p, sizeof p, r->out, "events.csv");
	if (access(p, R_OK) == 0 && table_load(p, &f, &err) == 0) {
		int ec = table_col(f, "event"), cc = table_col(f, "car");
		for (size_t k = 0; k + 1 < f->nrows; k++)
			if (*table_get(f, k, cc) && *table_get(f, k + 1, cc) &&
			    !strcmp(table_get(f, k, ec), table_get(f, k + 1, ec)))
				add_job(r, J_CAR, table_get(f, k, ec), "", "");
		table_free(f);
	}
	for (size_t g = 0; g < r->ngroups; g++)
		if (*r->groups[g].bench) add_job(r, J_SERIES, r->groups[g].bench, "", "");
	/* The bundled price series: candles, returns and drawdown of each. */
	for (size_t g = 0; g < r->ngroups; g++)
		for (size_t i = 0; i < r->groups[g].n; i++) {
			char name[256];
			listing_of(r->groups[g].files[i], name, sizeof name);
			for (int kind = J_CANDLES; kind <= J_DRAWDOWN; kind++) add_job(r, kind, name, "", "");
		}
	return 0;
}

static int load_listing(const struct run *r, const char *ticker, struct prices **p,
			struct ff_error *err)
{
	char path[700];
	struct prices_opts po = {.want = PRICES_ALL, .on_bad_row = PRICES_BAD_SKIP};
	snprintf(path, sizeof path, "%s/%s.csv", r->prices, ticker);
	return prices_load(path, &po, p, err);
}

static int draw_reaction(const struct run *r, const struct job *j, struct plots_opts *o,
			 struct ff_error *err)
{
	struct prices *p;
	struct facts *f = facts_new();
	char fp[600];
	int32_t day;
	int st = -1;
	path_in(fp, sizeof fp, r->out, "facts.csv");
	if (!f || date_parse(j->key2, strlen(j->key2), &day)) {
		facts_free(f);
		return ff_error_set(err, j->file, 0, NULL, "bad day '%s'", j->key2);
	}
	if (facts_load(f, fp, err) == 0 && load_listing(r, j->key, &p, err) == 0) {
		o->events = &day;
		o->nevents = 1;
		st = plots_reaction(p, f, j->key, o, err);
		prices_free(p);
	}
	facts_free(f);
	return st;
}

static int draw_share(const struct run *r, const struct job *j, struct plots_opts *o,
		      struct ff_error *err)
{
	struct facts *f = facts_new();
	char fp[600];
	int st = -1;
	path_in(fp, sizeof fp, r->out, "facts.csv");
	o->scope = j->key;
	o->period = j->key2;
	if (f && facts_load(f, fp, err) == 0) st = plots_share(f, o, err);
	facts_free(f);
	return st;
}

static int draw_car(const struct run *r, const struct job *j, struct plots_opts *o,
		    struct ff_error *err)
{
	char ep[600];
	struct table *t;
	path_in(ep, sizeof ep, r->out, "events.csv");
	if (table_load(ep, &t, err)) return -1;
	int ec = table_col(t, "event"), oc = table_col(t, "offset"), cc = table_col(t, "car"),
	    sc = table_col(t, "car_se"), tc = table_col(t, "ticker"), dc = table_col(t, "event_date");
	size_t n = 0;
	int off[256];
	double car[256], lo[256], hi[256];
	char what[200] = "";
	for (size_t k = 0; k < t->nrows && n < 256; k++) {
		if (strcmp(table_get(t, k, ec), j->key)) continue;
		double c, se;
		if (csvio_number(table_get(t, k, cc), strlen(table_get(t, k, cc)), &c) ||
		    csvio_number(table_get(t, k, sc), strlen(table_get(t, k, sc)), &se))
			continue;
		snprintf(what, sizeof what, "%s, %s", table_get(t, k, tc), table_get(t, k, dc));
		off[n] = atoi(table_get(t, k, oc));
		car[n] = c;
		lo[n] = c - 1.96 * se;
		hi[n] = c + 1.96 * se;
		n++;
	}
	table_free(t);
	struct plots_car pc = {n, off, car, lo, hi, what,
		"CAR \xc2\xb1 1.96 s.e., the market model's prediction error included"};
	return plots_car(&pc, o, err);
}

static int draw_series(const struct run *r, const struct job *j, struct plots_opts *o,
		       struct ff_error *err)
{
	const struct group *g = NULL;
	for (size_t k = 0; k < r->ngroups; k++)
		if (!strcmp(r->groups[k].bench, j->key)) g = &r->groups[k];
	struct prices *ps[32];
	size_t n = 0;
	int st = g && load_listing(r, j->key, &ps[n], err) == 0 ? 0 : -1;
	if (!st) n++;
	for (size_t k = 0; !st && k < g->n && n < 32; k++) {
		struct prices_opts po = {.want = PRICES_ALL,
					 .on_bad_row = PRICES_BAD_SKIP};
		if (!(st = prices_load(g->files[k], &po, &ps[n], err))) n++;
	}
	if (!st) {
		/* The last year that every file covers (they end on different
		 * days), everything rebased to 100 on its first day. */
		int32_t first = ps[0]->date[0], last = ps[0]->date[ps[0]->n - 1];
		for (size_t k = 1; k < n; k++) {
			if (ps[k]->date[0] > first) first = ps[k]->date[0];
			if (ps[k]->date[ps[k]->n - 1] < last) last = ps[k]->date[ps[k]->n - 1];
		}
		size_t end = prices_lower_bound(ps[0], last + 1);
		o->rebase = 1;
		o->to = last;
		o->from = ps[0]->date[end > 252 ? end - 252 : 0];
		if (o->from < first) o->from = first;
		st = plots_series(ps, n, o, err);
	}
	for (size_t k = 0; k < n; k++) prices_free(ps[k]);
	return st;
}

static int draw_listing(const struct run *r, const struct job *j, struct plots_opts *o,
			struct ff_error *err)
{
	struct prices *p;
	if (load_listing(r, j->key, &p, err)) return -1;
	int st;
	if (j->kind == J_CANDLES) {
		o->ma[0] = 20;
		o->ma[1] = 50;
		o->nma = 2;
		st = plots_candles(p, o, err);
	} else if (j->kind == J_RETURNS) {
		st = plots_returns(p, o, err);
	} else {
		st = plots_drawdown(p, o, err);
	}
	prices_free(p);
	return st;
}

static int draw_job(const struct run *r, const struct job *j, struct plots_opts *o,
		    struct ff_error *err)
{
	switch (j->kind) {
	case J_CANDLES:
	case J_RETURNS:
	case J_DRAWDOWN: return draw_listing(r, j, o, err);
	case J_REACTION: return draw_reaction(r, j, o, err);
	case J_SHARE: return draw_share(r, j, o, err);
	case J_CAR: return draw_car(r, j, o, err);
	default: return draw_series(r, j, o, err);
	}
}

/* The charts a run drew are listed in PLOTDIR/.finfacts-charts; the next
 * run removes those it no longer draws and nothing else, so a file the
 * user keeps in the folder is never touched, whatever its name. */
#define RUN_MANIFEST ".finfacts-charts"

static int drew(const struct run *r, const char *path)
{
	for (size_t k = 0; k < r->njobs; k++)
		if (r->jobs[k].file[0] && !strcmp(path, r->jobs[k].file)) return 1;
	return 0;
}

static void remove_stale(const struct run *r)
{
	char man[600], line[600], path[1200];
	path_in(man, sizeof man, r->plots, RUN_MANIFEST);
	FILE *f = fopen(man, "r");
	if (!f) return;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		/* only plain names: a manifest never sends a removal elsewhere */
		if (!line[0] || line[0] == '.' || strchr(line, '/')) continue;
		path_in(path, sizeof path, r->plots, line);
		if (!drew(r, path)) unlink(path);
	}
	fclose(f);
}

static void write_manifest(const struct run *r)
{
	char man[600], tmp[640];
	path_in(man, sizeof man, r->plots, RUN_MANIFEST);
	snprintf(tmp, sizeof tmp, "%s.tmp", man);
	FILE *f = fopen(tmp, "w");
	if (!f) return;
	for (size_t k = 0; k < r->njobs; k++)
		if (r->jobs[k].file[0]) fprintf(f, "%s\n", base_name(r->jobs[k].file));
	if (fclose(f) == 0) rename(tmp, man);
	else unlink(tmp);
}

static int step_plot(struct run *r)
{
	struct ff_error err;
	if (plan_jobs(r)) return FF_EXIT_BAD;
	size_t done = 0;
	for (size_t k = 0; k < r->njobs; k++) {
		struct plots_opts o;
		plots_opts_init(&o);
		o.out = r->jobs[k].file;
		if (draw_job(r, &r->jobs[k], &o, &err)) {
			fprintf(stderr, "finfacts run: chart %s not drawn: ", r->jobs[k].file);
			ff_error_print(stderr, &err);
			r->jobs[k].file[0] = '\0';
			continue;
		}
		done++;
	}
	remove_stale(r);
	write_manifest(r);
	progress(r, "plot", "%zu charts -> %s/", done, r->plots);
	return 0;
}

/* ---- the report ---- */

/* Numbers as a reader wants them: at most 6 significant digits
 * (the CSVs keep every digit). */
static const char *display(const char *cell, char *buf, size_t cap)
{
	double v;
	if (!*cell || csvio_number(cell, strlen(cell), &v) || strlen(cell) <= 8) return cell;
	snprintf(buf, cap, "%.6g", v);
	return buf;
}

/* Rows of t (those whose filter_col equals filter_val, or all) as a
 * table of the columns cols, headed by labels. */
static void report_csv(struct report *rep, const struct table *t, const char *const *cols,
		       const char *const *labels, size_t ncols, const char *filter_col,
		       const char *filter_val)
{
	int fc = filter_col ? table_col(t, filter_col) : -1;
	size_t n = 1;
	const char **cells = malloc((t->nrows + 1) * ncols * sizeof *cells);
	char (*buf)[32] = malloc((t->nrows + 1) * ncols * sizeof *buf);
	if (!cells || !buf) {
		free(cells);
		free(buf);
		return;
	}
	for (size_t c = 0; c < ncols; c++) cells[c] = labels[c];
	for (size_t k = 0; k < t->nrows; k++) {
		if (fc >= 0 && strcmp(table_get(t, k, fc), filter_val)) continue;
		for (size_t c = 0; c < ncols; c++)
			cells[n * ncols + c] = display(table_get(t, k, table_col(t, cols[c])),
						       buf[n * ncols + c], sizeof buf[0]);
		n++;
	}
	if (n > 1) report_table(rep, cells, n, ncols);
	else report_paragraph(rep, "(none)");
	free(cells);
	free(buf);
}

static void report_chart(const struct run *r, struct report *rep, const struct job *j)
{
	struct plots_opts o;
	struct ff_error err;
	double x, y, w;
	if (!j->file[0]) return;
	plots_opts_init(&o);
	/* The room left on the page when a readable chart fits there. */
	double h = report_room(rep) >= 250 ? fmin(report_room(rep) - 8, 360) : 330;
	o.target = report_box(rep, h, &x, &y, &w);
	o.tx = x, o.ty = y, o.tw = w, o.th = h;
	o.width = 1200;
	o.height = (int)(1200 * h / w);
	draw_job(r, j, &o, &err);
}

/* One row per article: its date, how many facts it states, and how its
 * price claims fared. */
static void report_article_table(struct report *rep, const struct table *f,
				 const struct table *v)
{
	enum { NC = 7 };
	static const char *const head[NC] = {"article", "date", "facts", "claims",
		"consistent", "inconsistent", "unverifiable"};
	int fd = table_col(f, "doc"), fdate = table_col(f, "date");
	int vd = table_col(v, "doc"), vv = table_col(v, "verdict");
	const char **cells = malloc((f->nrows + 1) * NC * sizeof *cells);
	char (*buf)[24] = malloc((f->nrows + 1) * NC * sizeof *buf);
	size_t n = 1;
	if (!cells || !buf) goto done;
	for (int c = 0; c < NC; c++) cells[c] = head[c];
	for (size_t k = 0; k < f->nrows; k++) {
		const char *doc = table_get(f, k, fd);
		if (k > 0 && !strcmp(doc, table_get(f, k - 1, fd))) continue;
		size_t facts = 0, cnt[4] = {0};
		for (size_t j = k; j < f->nrows && !strcmp(doc, table_get(f, j, fd)); j++)
			facts++;
		for (size_t j = 0; j < v->nrows; j++) {
			if (strcmp(doc, table_get(v, j, vd))) continue;
			const char *w = table_get(v, j, vv);
			cnt[0]++;
			cnt[!strcmp(w, "consistent") ? 1 : !strcmp(w, "inconsistent") ? 2 : 3]++;
		}
		const char **row = cells + n * NC;
		row[0] = doc;
		row[1] = table_get(f, k, fdate);
		size_t num[5] = {facts, cnt[0], cnt[1], cnt[2], cnt[3]};
		for (int c = 0; c < 5; c++) {
			snprintf(buf[n * NC + 2 + c], sizeof buf[0], "%zu", num[c]);
			row[2 + c] = buf[n * NC + 2 + c];
		}
		n++;
	}
	if (n > 1) report_table(rep, cells, n, NC);
done:
	free(cells);
	free(buf);
}

/* The summary, the findings a reader looks for first (the claims the
 * prices contradict), and the articles at a glance. */
static void report_cover(const struct run *r, struct report *rep, const struct table *f,
			 const struct table *v)
{
	char buf[1024];
	report_page(rep, "finfacts: what the news said, checked against the market");
	snprintf(buf, sizeof buf, "Data folder %s: %zu article%s gave %zu facts. %zu price claims "
		 "were checked against daily prices: %zu consistent, %zu inconsistent, %zu "
		 "unverifiable. %zu price series were measured and %zu news days studied as events. "
		 "%zu rows of series and implied values were derived.", r->data, r->articles,
		 r->articles == 1 ? "" : "s", r->facts, r->verdicts[0] + r->verdicts[1] + r->verdicts[2], r->verdicts[0],
		 r->verdicts[1], r->verdicts[2], r->metric_rows, r->events, r->series_rows);
	report_paragraph(rep, buf);
	snprintf(buf, sizeof buf, "Outputs: %s/facts.csv, series.csv, verdicts.csv, metrics.csv, "
		 "events.csv, events-summary.csv and this report; charts in %s/.", r->out, r->plots);
	report_paragraph(rep, buf);
	report_heading(rep, "Claims the prices contradict");
	static const char *const icols[] = {"doc", "ticker", "date", "period", "qualifier",
		"value", "unit", "computed", "gap"};
	static const char *const ilabels[] = {"article", "listing", "day", "period",
		"qualifier", "stated", "unit", "computed", "gap"};
	report_csv(rep, v, icols, ilabels, 9, "verdict", "inconsistent");
	report_heading(rep, "Articles");
	report_article_table(rep, f, v);
}

/* The verdict row of verdicts v for fact k of f (same doc, measure,
 * period and evidence), or -1. */
static long verdict_of(const struct table *f, size_t k, const struct table *v)
{
	static const char *const keys[] = {"doc", "measure", "period", "evidence", "ticker"};
	for (size_t j = 0; j < v->nrows; j++) {
		size_t m = 0;
		while (m < 5 && !strcmp(table_get(f, k, table_col(f, keys[m])),
					table_get(v, j, table_col(v, keys[m]))))
			m++;
		if (m == 5) return (long)j;
	}
	return -1;
}

/* The fact's cells for the report: who (entity, scope), listing, day,
 * measure, period, what was stated (qualifier, value, unit). */
static void fact_cells(const struct table *f, size_t j, char cell[6][96])
{
	const char *scope = table_get(f, j, table_col(f, "scope"));
	const char *q = table_get(f, j, table_col(f, "qualifier"));
	char num[32];
	snprintf(cell[0], 96, "%s%s%s", table_get(f, j, table_col(f, "entity")),
		 *scope ? ", " : "", scope);
	snprintf(cell[1], 96, "%s", table_get(f, j, table_col(f, "ticker")));
	snprintf(cell[2], 96, "%s", table_get(f, j, table_col(f, "date")));
	snprintf(cell[3], 96, "%s", table_get(f, j, table_col(f, "measure")));
	snprintf(cell[4], 96, "%s", table_get(f, j, table_col(f, "period")));
	snprintf(cell[5], 96, "%s%s%s %s", strcmp(q, "eq") ? q : "", strcmp(q, "eq") ? " " : "",
		 display(table_get(f, j, table_col(f, "value")), num, sizeof num),
		 table_get(f, j, table_col(f, "unit")));
}

/* One section per article: every fact it states, the price claims with
 * their verdicts (the verifier's reasons as numbered notes under the
 * table, where they have room), and the reaction charts of its moves. */
static void report_articles(const struct run *r, struct report *rep, const struct table *f,
			    const struct table *v)
{
	static const char *const vcols[] = {"computed", "verdict", "gap"};
	enum { NF = 6, NC = 10 };
	static const char *const labels[NC] = {"entity", "ticker", "date", "measure", "period",
		"stated", "computed", "verdict", "gap", "note"};
	int dc = table_col(f, "doc"), rc = table_col(v, "reason");
	const char **cells = malloc((f->nrows + 1) * NC * sizeof *cells);
	char (*buf)[96] = malloc((f->nrows + 1) * NC * sizeof *buf);
	long *notes = malloc((f->nrows + 1) * sizeof *notes);
	for (size_t k = 0; cells && buf && notes && k < f->nrows; k++) {
		const char *doc = table_get(f, k, dc);
		if (k && !strcmp(table_get(f, k - 1, dc), doc)) continue;
		char head[200];
		snprintf(head, sizeof head, "Article: %s", doc);
		report_page(rep, head);
		size_t n = 1, nn = 0;
		memcpy(cells, labels, sizeof labels);
		for (size_t j = k; j < f->nrows && !strcmp(table_get(f, j, dc), doc); j++, n++) {
			long vr = verdict_of(f, j, v);
			char (*row)[96] = buf + n * NC;
			fact_cells(f, j, row);
			for (size_t c = NF; c < NC - 1; c++) {
				const char *cell = vr < 0 ? "" : table_get(v, (size_t)vr, table_col(v, vcols[c - NF]));
				double g;
				if (c == NC - 2 && *cell && !csvio_number(cell, strlen(cell), &g))
					snprintf(row[c], 96, "%.3g", g);   /* the gap: 3 digits */
				else
					snprintf(row[c], 96, "%s", display(cell, row[NC - 1], 32));
			}
			row[NC - 1][0] = '\0';
			if (vr >= 0 && *table_get(v, (size_t)vr, rc)) {
				notes[nn++] = vr;
				snprintf(row[NC - 1], 96, "[%zu]", nn);
			}
			for (size_t c = 0; c < NC; c++) cells[n * NC + c] = row[c];
		}
		report_table(rep, cells, n, NC);
		for (size_t i = 0; i < nn; i++) {
			char line[1200];
			snprintf(line, sizeof line, "[%zu] %s", i + 1, table_get(v, (size_t)notes[i], rc));
			report_paragraph(rep, line);
		}
		for (size_t j = 0; j < r->njobs; j++)
			if (r->jobs[j].kind == J_REACTION && !strcmp(r->jobs[j].doc, doc))
				report_chart(r, rep, &r->jobs[j]);
	}
	free(cells);
	free(buf);
	free(notes);
}

static void report_method(struct report *rep, const struct table *m)
{
	report_page(rep, "Method, conventions and data");
	report_paragraph(rep, "Extraction reads each article's sentences and keeps the numbers "
		"it states about prices, revenue, profit, shipments and market share, with the "
		"sign from the verb, the qualifier (about, more than, nearly, as much as), the "
		"period and the day, resolved against the article's date.");
	report_paragraph(rep, "Verification uses raw Open/High/Low/Close. A stated number bounds "
		"the truth by its written precision (9.2 means 9.15 to 9.25), widened by its "
		"qualifier; an intraday 'as much as' move is the day's high (a rise) or low (a "
		"fall) against the previous close, a close move the close against the previous "
		"close.");
	report_paragraph(rep, "Statistics: simple returns of Adj Close when present, else Close; "
		"252 trading days a year; volatility the sample standard deviation times sqrt(252); "
		"Sharpe and Sortino on excess returns over a daily risk-free rate (1+rf)^(1/252)-1; "
		"max drawdown, VaR and CVaR reported as negative returns (empyrical's sign; "
		"PerformanceAnalytics reports them positive); historical VaR by numpy's linear "
		"quantile; skewness and excess kurtosis bias-corrected as pandas.");
	report_paragraph(rep, "Event studies follow MacKinlay (1997): a market model fitted by OLS "
		"over trading days -250 to -11, abnormal returns over -5 to +5 with the "
		"prediction-error variance, CAR with Student's t on L-2 degrees of freedom.");
	report_paragraph(rep, "Market shares: CR3 is the sum of the three largest; the HHI over the "
		"named shares is a lower bound of the market's, banded by the 2023 US merger "
		"guidelines (under 1,000 unconcentrated, 1,000 to 1,800 moderately, over 1,800 "
		"highly concentrated).");
	report_paragraph(rep, "Data: the articles are written for finfacts from real reports and "
		"real market days; the daily prices are real files copied byte for byte from public "
		"repositories, each cited with its commit in data/README.md.");
	report_heading(rep, "Price files");
	static const char *const pcols[] = {"series", "benchmark", "rows", "first_date",
		"last_date"};
	static const char *const plabels[] = {"listing", "benchmark", "rows", "from", "to"};
	report_csv(rep, m, pcols, plabels, 5, NULL, NULL);
}

static int step_report(struct run *r)
{
	char path[600], vp[600], mp[600], sp[600], fp[600];
	struct ff_error err;
	struct table *v = NULL, *m = NULL, *s = NULL, *f = NULL;
	path_in(path, sizeof path, r->out, "report.pdf");
	path_in(vp, sizeof vp, r->out, "verdicts.csv");
	path_in(mp, sizeof mp, r->out, "metrics.csv");
	path_in(sp, sizeof sp, r->out, "events-summary.csv");
	path_in(fp, sizeof fp, r->out, "facts.csv");
	if (table_load(vp, &v, &err) || table_load(mp, &m, &err) || table_load(fp, &f, &err)) {
		table_free(v);
		table_free(m);
		ff_error_print(stderr, &err);
		return FF_EXIT_BAD;
	}
	if (access(sp, R_OK) == 0 && table_load(sp, &s, &err)) s = NULL;
	struct report *rep = report_new(path, "finfacts report", &err);
	if (!rep) {
		table_free(v);
		table_free(m);
		table_free(s);
		table_free(f);
		ff_error_print(stderr, &err);
		return FF_EXIT_BAD;
	}
	report_cover(r, rep, f, v);
	report_articles(r, rep, f, v);
	report_page(rep, "Statistics of the daily price series");
	static const char *const mcols[] = {"series", "rows", "first_date", "last_date",
		"total_return", "cagr", "volatility", "sharpe", "max_drawdown", "var_hist", "beta"};
	report_csv(rep, m, mcols, mcols, 11, NULL, NULL);
	if (s) {
		report_page(rep, "Event studies");
		/* the event id is ticker@day0: those two columns say it */
		static const char *const ecols[] = {"ticker", "day0", "est_days", "beta",
			"car", "car_t", "car_p", "note"};
		report_csv(rep, s, ecols, ecols, 8, "scope", "event");
		for (size_t j = 0; j < r->njobs; j++)
			if (r->jobs[j].kind == J_CAR) report_chart(r, rep, &r->jobs[j]);
	}
	report_page(rep, "Market shares");
	for (size_t j = 0; j < r->njobs; j++)
		if (r->jobs[j].kind == J_SHARE) report_chart(r, rep, &r->jobs[j]);
	report_method(rep, m);
	size_t pages = report_pages(rep);
	table_free(f);
	table_free(v);
	table_free(m);
	table_free(s);
	if (report_save(rep, &err)) {
		ff_error_print(stderr, &err);
		return FF_EXIT_BAD;
	}
	progress(r, "report", "%zu pages -> %s", pages, path);
	return 0;
}

/* ---- the command ---- */

/* mkdir -p: the parents of an output folder are made as needed. */
static int make_dirs(const char *dir)
{
	char buf[512];
	if (snprintf(buf, sizeof buf, "%s", dir) >= (int)sizeof buf) {
		errno = ENAMETOOLONG;
		return -1;
	}
	for (char *s = buf + 1; *s; s++) {
		if (*s != '/') continue;
		*s = '\0';
		if (mkdir(buf, 0777) && errno != EEXIST) return -1;
		*s = '/';
	}
	return mkdir(buf, 0777) && errno != EEXIST ? -1 : 0;
}

static int prepare(struct run *r)
{
	struct stat sb;
	struct ff_error err;
	char bp[600];
	if (stat(r->data, &sb) || !S_ISDIR(sb.st_mode)) {
		fprintf(stderr, "finfacts run: '%s' is not a folder\n", r->data);
		return FF_EXIT_BAD;
	}
	snprintf(r->prices, sizeof r->prices, "%s/prices", r->data);
	const char *dirs[] = {r->out, r->plots};
	for (int k = 0; k < 2; k++) {
		if (make_dirs(dirs[k])) {
			fprintf(stderr, "finfacts run: cannot create %s: %s\n", dirs[k], strerror(errno));
			return FF_EXIT_BAD;
		}
		/* An unwritable output folder is found now, before any work. */
		if (access(dirs[k], W_OK)) {
			fprintf(stderr, "finfacts run: cannot write in %s: %s\n", dirs[k], strerror(errno));
			return FF_EXIT_BAD;
		}
	}
	path_in(bp, sizeof bp, r->data, "benchmarks.csv");
	if (access(bp, R_OK) == 0 && table_load(bp, &r->bench_rules, &err)) {
		ff_error_print(stderr, &err);
		return FF_EXIT_BAD;
	}
	static const char *const pats[] = {"*.csv"};
	glob_t g;
	if (list_files(r->prices, pats, 1, &g) || group_prices(r, &g)) {
		globfree(&g);
		fprintf(stderr, "finfacts run: cannot list %s\n", r->prices);
		return FF_EXIT_BAD;
	}
	globfree(&g);
	return 0;
}

static void run_free(struct run *r)
{
	table_free(r->bench_rules);
	for (size_t k = 0; k < r->ngroups; k++) {
		for (size_t i = 0; i < r->groups[k].n; i++) free(r->groups[k].files[i]);
		free(r->groups[k].files);
	}
	free(r->jobs);
}

static int parse(int argc, char **argv, struct run *r)
{
	static const struct option longopts[] = {
		{"output", required_argument, NULL, 'o'},
		{"plots", required_argument, NULL, 'p'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c;
	r->data = "data";
	r->out = "out";
	r->plots = "plots";
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		if (c == 'h') {
			fputs(usage_text, stdout);
			return -1;
		}
		if (c == 'o') r->out = optarg;
		else if (c == 'p') r->plots = optarg;
		else {
			fprintf(stderr, "finfacts run: bad option '%s'\n\n%s", argv[optind - 1], usage_text);
			return FF_EXIT_BAD;
		}
	}
	if (optind < argc) r->data = argv[optind++];
	if (optind < argc) {
		fprintf(stderr, "finfacts run: one data folder at most\n\n%s", usage_text);
		return FF_EXIT_BAD;
	}
	return 0;
}

int cmd_run(int argc, char **argv)
{
	struct run r;
	memset(&r, 0, sizeof r);
	clock_gettime(CLOCK_MONOTONIC, &r.t0);
	int rc = parse(argc, argv, &r);
	if (rc) return rc < 0 ? FF_EXIT_OK : rc;
	int (*steps[])(struct run *) = {prepare, step_extract, step_series, step_verify,
		step_stats, step_event, step_plot, step_report};
	for (size_t k = 0; k < sizeof steps / sizeof steps[0] && !rc; k++) rc = steps[k](&r);
	if (!rc)
		fprintf(stderr, "done     %zu article%s, %zu facts, %zu claims checked (%zu consistent, "
			"%zu inconsistent, %zu unverifiable); outputs in %s/, charts in %s/\n",
			r.articles, r.articles == 1 ? "" : "s", r.facts, r.verdicts[0] + r.verdicts[1] + r.verdicts[2],
			r.verdicts[0], r.verdicts[1], r.verdicts[2], r.out, r.plots);
	else
		fprintf(stderr, "finfacts run: stopped; outputs already written are whole, the "
			"failed step wrote nothing\n");
	run_free(&r);
	return rc ? FF_EXIT_BAD : FF_EXIT_OK;
}
