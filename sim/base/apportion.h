/* apportion.h: splitting an integer total by weights. Internal helper shared
 * by the generator, enrolment and staffing. */
#ifndef TEACHSIM_APPORTION_H
#define TEACHSIM_APPORTION_H
#include <stdint.h>
/**
 * Split `total` into n integers proportional to `weights`, summing to total
 * exactly, by cumulative rounding: out[i] = round(T * W_i / W) - round(T *
 * W_{i-1} / W) with W_i the running sum of weights. Each share is within one
 * of its exact quota, the split is deterministic, and it costs O(n) with no
 * workspace (it runs for every region's schools every year).
 * Non-positive weights get nothing. Returns 0 (out zeroed) when no weight is
 * positive, else 1.
 */
int ts_apportion(int64_t total, const double *weights, int n, int32_t *out);
#endif
