/* cli.c: placeholder while the engine is being built. */
#include "cli.h"
int ts_cli_main(int argc, char **argv) { (void)argc; (void)argv; return 1; }
