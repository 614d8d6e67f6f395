/* main.c: the teachsim program; the command line is cli.c's. */
#include "cli.h"

int main(int argc, char **argv)
{
    return ts_cli_main(argc, argv);
}
