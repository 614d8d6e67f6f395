/* cli.h: the command-line front end (run, validate, summary). Internal. */
#ifndef TEACHSIM_CLI_H
#define TEACHSIM_CLI_H
int ts_cli_main(int argc, char **argv);
#endif
