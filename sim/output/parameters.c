/*
 * parameters.c: the uncertain parameters of a run and their per-replication
 * values in the results (parameters.h).
 */
#include "parameters.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PATH_LEN 512
#define TEXT_LEN 256

static int before(const ts_uncertain *a, const ts_uncertain *b)
{
    if (a->key != b->key)
        return a->key < b->key;
    return a->year != b->year ? a->year < b->year : a->element < b->element;
}

/* "Drawn once per replication from {uniform: [0.4, 0.6]} (mean 0.5)." or,
 * when scenarios give the key different distributions, each by name. */
static char *describe(const ts_uncertain *row, const ts_scenario *sc, size_t n)
{
    char text[TEXT_LEN], first[TEXT_LEN] = "";
    size_t cap = 64, len = 0, found = 0;
    int same = 1;
    double mean = 0;
    for (size_t s = 0; s < n; s++) {
        const ts_uncertain *u = ts_uncertain_find_at(&sc[s], row->key, row->element, row->year);
        if (!u)
            continue;
        ts_uncertain_text(u, text, sizeof text);
        if (found++ == 0) {
            memcpy(first, text, sizeof text);
            mean = u->mean;
        } else if (strcmp(first, text) != 0) {
            same = 0;
        }
        cap += strlen(sc[s].name) + strlen(text) + 4;
    }
    char *out = malloc(cap + TEXT_LEN);
    if (!out)
        return NULL;
    if (same) {
        snprintf(out, cap + TEXT_LEN, "Drawn once per replication from %s (mean %.6g).", first, mean);
        return out;
    }
    len = (size_t)snprintf(out, cap, "Drawn once per replication from");
    for (size_t s = 0, k = 0; s < n; s++) {
        const ts_uncertain *u = ts_uncertain_find_at(&sc[s], row->key, row->element, row->year);
        if (!u)
            continue;
        ts_uncertain_text(u, text, sizeof text);
        len += (size_t)snprintf(out + len, cap + TEXT_LEN - len, "%s %s %s", k++ ? ";" : "", sc[s].name, text);
    }
    snprintf(out + len, cap + TEXT_LEN - len, " (by scenario; NaN where a scenario gives a number).");
    return out;
}

ts_status ts_parameters_label(ts_results *res, const ts_scenario *sc, size_t n, ts_error *err)
{
    /* The union, in key-table order: each scenario's list is sorted that way,
     * so repeatedly taking the smallest entry not yet taken merges them. */
    size_t total = 0;
    for (size_t s = 0; s < n; s++)
        total += (size_t)(sc[s].n_uncertain > 0 ? sc[s].n_uncertain : 0);
    if (total == 0)
        return ts_results_alloc_parameters(res, 0, err);
    const ts_uncertain **rows = malloc(total * sizeof *rows);
    if (!rows)
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory labelling parameters");
    size_t n_rows = 0;
    for (size_t s = 0; s < n; s++)
        for (int32_t k = 0; k < sc[s].n_uncertain; k++) {
            const ts_uncertain *u = &sc[s].uncertain[k];
            size_t at = 0;
            while (at < n_rows && before(rows[at], u))
                at++;
            if (at < n_rows && rows[at]->key == u->key && rows[at]->element == u->element && rows[at]->year == u->year)
                continue;
            memmove(&rows[at + 1], &rows[at], (n_rows - at) * sizeof *rows);
            rows[at] = u;
            n_rows++;
        }
    ts_status st = ts_results_alloc_parameters(res, n_rows, err);
    for (size_t p = 0; st == TS_OK && p < n_rows; p++) {
        char path[PATH_LEN];
        ts_uncertain_path(rows[p], path, sizeof path);
        res->parameters.names[p] = ts_text_dup(path);
        res->parameters.units[p] = ts_text_dup(rows[p]->key->unit ? rows[p]->key->unit : "");
        res->parameters.descriptions[p] = describe(rows[p], sc, n);
        if (!res->parameters.names[p] || !res->parameters.units[p] || !res->parameters.descriptions[p])
            st = ts_error_set(err, TS_ERR_NOMEM, "out of memory labelling parameters");
    }
    free(rows);
    return st;
}

void ts_parameters_draw(ts_results *res, const ts_scenario *sc, size_t s, uint32_t seed, uint32_t r,
                        ts_scenario *values)
{
    ts_scenario_draw(&sc[s], values, seed, r, NULL);
    for (int32_t k = 0; k < sc[s].n_uncertain; k++) {
        const ts_uncertain *u = &sc[s].uncertain[k];
        char path[PATH_LEN];
        ts_uncertain_path(u, path, sizeof path);
        for (size_t p = 0; p < res->parameters.n; p++) {
            if (strcmp(res->parameters.names[p], path) != 0)
                continue;
            res->parameters.values[(p * res->n_scenarios + s) * res->n_replications + r] =
                ts_uncertain_value(values, u);
            break;
        }
    }
}
