/* finfacts: checked numbers, statistics and charts from financial news. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "cmd.h"
#include "ff_error.h"

#define FINFACTS_VERSION "0.1.0"

struct command {
	const char *name;
	const char *summary;
	int (*fn)(int argc, char **argv);
	int draws;               /* sets fonts up first: chart_library_init */
};

static const struct command commands[] = {
	/* One line per command, in the order `finfacts --help` lists them. */
	{"stats", "return and risk metrics of daily price files", cmd_stats, 0},
	{"event", "abnormal returns around news days (MacKinlay 1997)",
	 cmd_event, 0},
	{"series", "fact tables -> series, implied values, checks", cmd_series, 0},
	{"verify", "check price claims of a fact table against daily prices",
	 cmd_verify, 0},
	{"check", "compare two CSV tables within tolerances", cmd_check, 0},
	{"plot", "draw a chart (reaction, candles, share, series, returns, drawdown)",
	 cmd_plot, 1},
	{"extract", "news articles -> fact table", cmd_extract, 0},
	{"run", "everything above over a data folder, and a PDF report", cmd_run, 1},
	{NULL, NULL, NULL, 0},
};

static void usage(FILE *out)
{
	fputs("usage: finfacts COMMAND [OPTIONS] [ARGS]\n\n"
	      "Checked numbers, statistics and charts from financial news.\n\n"
	      "commands:\n", out);
	for (const struct command *c = commands; c->name; c++)
		fprintf(out, "  %-9s %s\n", c->name, c->summary);
	fputs("\n'finfacts COMMAND --help' describes a command.\n"
	      "Exit status: 0 success, 1 a check found differences, 2 bad usage "
	      "or bad input.\n", out);
}

/* Freeing cairo's and fontconfig's caches at exit gives back nothing that
 * exit does not, and costs 1 ms of a 15 ms chart.  Leak checkers need it:
 * fontconfig keeps a pattern's elements at an offset from the pattern,
 * not behind a pointer, so unfreed patterns read as lost.  AddressSanitizer
 * builds always free; FINFACTS_FREE_AT_EXIT asks for it (valgrind). */
static int free_at_exit(void)
{
#ifdef __SANITIZE_ADDRESS__
	return 1;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
	return 1;
#endif
#endif
	return getenv("FINFACTS_FREE_AT_EXIT") != NULL;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return FF_EXIT_BAD;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		usage(stdout);
		return FF_EXIT_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		puts("finfacts " FINFACTS_VERSION);
		return FF_EXIT_OK;
	}
	for (const struct command *c = commands; c->name; c++)
		if (!strcmp(argv[1], c->name)) {
			if (c->draws) chart_library_init();
			int rc = c->fn(argc - 1, argv + 1);
			if (free_at_exit()) chart_library_cleanup();
			return rc;
		}
	fprintf(stderr, "finfacts: unknown command '%s'\n\n", argv[1]);
	usage(stderr);
	return FF_EXIT_BAD;
}
