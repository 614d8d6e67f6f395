/*
 * test_digest.c: a fingerprint of a small run's data. Optimisations must not
 * change a single result; only a deliberate model change may, and then the
 * commit that makes it updates EXPECTED_DIGEST below and says why.
 * To print the new digest: build/tests/test_digest --verbose (it is in the
 * failure message).
 */
#include <criterion/criterion.h>
#include <inttypes.h>
#include <string.h>

#include "fixtures.h"
#include "teachsim/run.h"

/* Changed on purpose: pe_art_specialists counts the PE, music and art posts
 * held by a specialist of the post's subject, at most a school's posts of it
 * (it counted the specialists, more than the posts in an ageing city with
 * falling births), and the indicators gained vacancies_temporary, surplus,
 * surplus_primary, surplus_junior and rotating_away, then the nine rural
 * age bands of the age pyramid (rural_teachers_age_20_24 ..), then why a
 * county fails (qb_fails_*, qb_schools_missing_*, qb_failing_missing_*,
 * qb_schools_meeting_rule), the subject families (subjects/<family>/
 * <subject>, 80 rows) and the twelve costs (cost_pay ..
 * cost_total_cumulative, record/costs.h), then the teachers shared in
 * school alliances (qb_shared_backbone, qb_shared_pe_art: 0 without
 * alliances), the mergers of small schools (schools_merged, pupils_merged:
 * 0 without them), public_pupils_from_private (0 unless a private share
 * falls, docs/model.md, step 1), level_changes (the posting's moves
 * between primary and junior schools, step 6) and the psychology staff
 * (psych_*, cost_psychology: 0 or NaN without the requirement), and the
 * new schools (schools_opened, new_school_pupils, new_school_staff: 0
 * without network.new_schools). Every other indicator's values are
 * unchanged (scripts/same-results.sh: only the new datasets differ). */
#define EXPECTED_DIGEST UINT64_C(0x3a3db0a74b4f49bc)

/* FNV-1a over the bytes of every value, indicator by indicator. */
static uint64_t digest(const double *values, size_t n)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    const unsigned char *p = (const unsigned char *)values;
    for (size_t i = 0; i < n * sizeof *values; i++) {
        h ^= p[i];
        h *= UINT64_C(0x100000001b3);
    }
    return h;
}

Test(digest, small_run_data_is_unchanged)
{
    ts_scenario sc = {0};
    fixture_baseline(&sc);
    ts_results res = {0};
    ts_error err = {0};
    ts_run_options opt = {.seed = 7, .replications = 3, .threads = 2};
    cr_assert_eq(ts_simulation_run(&sc, 1, &opt, &res, &err), TS_OK, "%s", err.message);
    size_t n = res.n_indicators * res.n_scenarios * res.n_replications * res.n_years * res.n_regions;
    uint64_t got = digest(res.values, n);
    cr_expect_eq(got, EXPECTED_DIGEST,
                 "the data of the reference run changed: digest 0x%016" PRIx64 ", expected 0x%016" PRIx64
                 " (%zu indicators). If the model was changed on purpose, update EXPECTED_DIGEST in "
                 "tests/test_digest.c in the same commit and say why; an optimisation must not change it.",
                 got, EXPECTED_DIGEST, res.n_indicators);
    ts_results_free(&res);
    ts_scenario_free(&sc);
}
