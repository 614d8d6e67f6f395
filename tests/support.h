/* support.h: helpers shared by the test suites (paths, running the CLI). */
#ifndef TEACHSIM_TEST_SUPPORT_H
#define TEACHSIM_TEST_SUPPORT_H
#include <stddef.h>
/** Make a fresh empty temporary directory for a test; returns a static path. */
const char *ts_test_tmpdir(void);
/** Run a shell command; returns its exit status (0-255) and captures stdout+stderr
 *  into out (NUL-terminated, truncated to cap). */
int ts_test_run(const char *command, char *out, size_t cap);
/** Read a whole file into a malloc'd buffer (NUL-terminated); NULL if missing. */
char *ts_test_slurp(const char *path, size_t *len);
/** True when s holds at least one byte outside ASCII: a Chinese text, not an
 *  English one copied across. */
int ts_test_has_non_ascii(const char *s);
#endif
