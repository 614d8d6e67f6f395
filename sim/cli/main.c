/* main.c: the teachsim program; everything is in cli.c. */
#include "cli.h"

int main(int argc, char **argv)
{
    return ts_cli_main(argc, argv);
}
