# Turn a scenario file into a C array so the binary carries its default scenario.
file(READ "${SRC}" hex HEX)
string(LENGTH "${hex}" hexlen)
math(EXPR len "${hexlen} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
file(WRITE "${OUT}" "/* generated from ${SRC}; do not edit */\n#include <stddef.h>\n"
     "const char ts_builtin_baseline_yaml[] = {${bytes} 0x00};\n"
     "const size_t ts_builtin_baseline_len = ${len};\n")
