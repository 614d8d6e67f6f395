/* apportion.h: splitting an integer total by weights (largest remainder).
 * Internal helper shared by the generator, enrolment and staffing. */
#ifndef TEACHSIM_APPORTION_H
#define TEACHSIM_APPORTION_H
#include <stdint.h>
/**
 * Split `total` into n integers proportional to `weights` so that they sum to
 * total exactly: floors first, then one each to the largest remainders (ties
 * to the lower index, so the result is deterministic). All-zero weights give
 * all to nothing: out is zeroed and the function returns 0; else 1.
 */
int ts_apportion(int64_t total, const double *weights, int n, int32_t *out);
#endif
