/* cli.h: the command-line front end (run, validate, summary, solve). Internal. */
#ifndef TEACHSIM_CLI_H
#define TEACHSIM_CLI_H
int ts_cli_main(int argc, char **argv);

/* `teachsim solve` (cli_solve.c): argv[0] is "solve". */
int ts_cli_solve(int argc, char **argv);
#endif
