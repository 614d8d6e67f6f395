/*
 * vocabulary.c: the text codes of the model's categories, shared by the
 * scenario loader, CSV rosters and the results file.
 */
#include <string.h>

#include "teachsim/vocabulary.h"

const char *const ts_level_codes[TS_LEVEL_COUNT] = {"primary", "junior", "nine_year"};
const char *const ts_locality_codes[TS_LOCALITY_COUNT] = {"urban", "town", "rural"};
const char *const ts_subject_codes[TS_SUBJECT_COUNT] = {"chinese", "maths", "english", "science",
                                                        "pe",      "music", "art",     "other"};
const char *const ts_qualification_codes[TS_QUAL_COUNT] = {"below", "at", "above"};
const char *const ts_title_codes[TS_TITLE_COUNT] = {"none", "junior", "middle", "senior"};
const char *const ts_backbone_codes[TS_BACKBONE_COUNT] = {"none", "county", "city", "province"};
const char *const ts_contract_codes[TS_CONTRACT_COUNT] = {"established", "temporary", "targeted"};
const char *const ts_sex_codes[TS_SEX_COUNT] = {"male", "female"};

int ts_code_lookup(const char *const *codes, int n, const char *code)
{
    for (int i = 0; i < n; i++)
        if (strcmp(codes[i], code) == 0)
            return i;
    return -1;
}

int ts_code_index(const char *const *codes, int n, const char *text)
{
    for (int i = 0; i < n; i++)
        if (strcmp(codes[i], text) == 0)
            return i;
    return -1;
}
