/**
 * @file verbs.h
 * The verbs of the command line, one file each (verb_NAME.c).
 *
 * Owns: the signature every verb has. A verb gets the arguments from its own
 * name on (argv[0] is "run", "solve", ...), prints its own help, messages and
 * results, and returns the process's exit code (0 ok, 1 run failed, 2 bad
 * input or usage, 130 interrupted; `solve` also 1 when no value meets the
 * target).
 *
 * Does not own the table of verbs and their one-line help (cli.c), the
 * options they share (options.h) nor what they share with one another
 * (session.h).
 */
#ifndef TEACHSIM_CLI_VERBS_H
#define TEACHSIM_CLI_VERBS_H

typedef int ts_verb_fn(int argc, char **argv);

ts_verb_fn ts_verb_run;         /* simulate and write a results file */
ts_verb_fn ts_verb_validate;    /* load and check scenario files */
ts_verb_fn ts_verb_summary;     /* print a results file's bands or paired differences */
ts_verb_fn ts_verb_solve;       /* goal seeking over one scenario key */
ts_verb_fn ts_verb_population;  /* export the start population as a roster */
ts_verb_fn ts_verb_reference;   /* print the scenario-key or indicator reference */
ts_verb_fn ts_verb_sensitivity; /* global sensitivity analysis over scenario keys */
ts_verb_fn ts_verb_attribute;   /* Shapley attribution of the difference between two scenarios */
ts_verb_fn ts_verb_optimise;    /* the cheapest lever mix meeting targets */

#endif
