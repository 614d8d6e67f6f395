/**
 * @file cli.h
 * The `teachsim` command line, for main.c.
 *
 * Owns: the entry point of the program. Does not own any verb (verbs.h),
 * their options (options.h) nor what they share (session.h).
 */
#ifndef TEACHSIM_CLI_H
#define TEACHSIM_CLI_H

/** Run the verb named by argv[1] and return the process's exit code. */
int ts_cli_main(int argc, char **argv);

#endif
