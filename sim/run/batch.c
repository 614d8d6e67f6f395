/*
 * batch.c: the batch size of a streamed run (batch.h).
 */
#include "batch.h"

size_t ts_results_batch_replications(const ts_results *res)
{
    size_t unit = 2 * ts_results_chunk_replications(res); /* a chunk row of the int32 datasets */
    size_t budget = ts_results_budget_replications(res);
    size_t b = budget < unit ? unit : budget / unit * unit;
    return b < res->n_replications ? b : res->n_replications;
}
