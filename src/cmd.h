/* The commands: each parses its options, calls modules, writes output,
 * and returns an exit code (FF_EXIT_*).  Only commands and main print. */
#ifndef CMD_H
#define CMD_H

/* One declaration per command. */
int cmd_extract(int argc, char **argv);
int cmd_check(int argc, char **argv);

#endif
