/* main.c: the teachsim program; the command line is cli.c's. MPI, in the
 * build that has it, starts before the command line and ends after it
 * (spread.h). */
#include "cli.h"
#include "spread.h"

int main(int argc, char **argv)
{
    ts_spread_begin(&argc, &argv);
    return ts_spread_end(ts_cli_main(argc, argv));
}
