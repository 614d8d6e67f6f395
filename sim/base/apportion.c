/* apportion.c: cumulative-rounding split of integer totals (apportion.h). */
#include "apportion.h"

#include <math.h>

int ts_apportion(int64_t total, const double *weights, int n, int32_t *out)
{
    double sum = 0.0;
    int last = -1;
    for (int i = 0; i < n; i++) {
        out[i] = 0;
        if (weights[i] > 0.0) {
            sum += weights[i];
            last = i;
        }
    }
    if (last < 0)
        return 0;
    if (total <= 0)
        return 1;
    double running = 0.0;
    int64_t given = 0;
    for (int i = 0; i < last; i++) {
        if (!(weights[i] > 0.0))
            continue;
        running += weights[i];
        int64_t upto = llround((double)total * (running / sum));
        if (upto > total)
            upto = total;
        out[i] = (int32_t)(upto - given);
        given = upto;
    }
    out[last] = (int32_t)(total - given); /* the last share closes the total exactly */
    return 1;
}
