/* apportion.c: largest-remainder splitting of integer totals. */
#include "apportion.h"

#include <math.h>
#include <string.h>

int ts_apportion(int64_t total, const double *weights, int n, int32_t *out)
{
    double sum = 0.0;
    for (int i = 0; i < n; i++)
        sum += weights[i] > 0.0 ? weights[i] : 0.0;
    memset(out, 0, (size_t)n * sizeof *out);
    if (n <= 0 || !(sum > 0.0) || total <= 0)
        return sum > 0.0;
    int64_t given = 0;
    for (int i = 0; i < n; i++) {
        double w = weights[i] > 0.0 ? weights[i] : 0.0;
        out[i] = (int32_t)floor((double)total * w / sum);
        given += out[i];
    }
    /* hand out the rest one at a time to the largest remainders; n is small
     * (subjects, schools of one region) and this runs outside the teacher loop */
    while (given < total) {
        int best = -1;
        double best_rem = -1.0;
        for (int i = 0; i < n; i++) {
            double w = weights[i] > 0.0 ? weights[i] : 0.0;
            if (w <= 0.0)
                continue;
            double rem = (double)total * w / sum - out[i];
            if (rem > best_rem) {
                best_rem = rem;
                best = i;
            }
        }
        out[best]++;
        given++;
    }
    return 1;
}
