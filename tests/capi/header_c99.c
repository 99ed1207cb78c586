/* Compiles sae.h as strict C99 and runs a few calls through the shared library from C. */
#include <sae.h>

#include <stdio.h>
#include <string.h>

static int failures = 0;

static void check(int condition, const char *what)
{
    if (!condition)
    {
        fprintf(stderr, "FAILED: %s\n", what);
        ++failures;
    }
}

int main(void)
{
    sae_options opts;
    sae_model *model = NULL;
    sae_model *other = NULL;
    sae_dataset *dataset = NULL;
    const uint32_t users[] = {1, 2};
    const uint32_t items[] = {2, 1};
    const float ratings[] = {4.0f, 3.5f};

    check(strcmp(sae_version(), SAE_VERSION_STRING) == 0, "sae_version() == SAE_VERSION_STRING");
    check(sae_version_number() == SAE_VERSION_NUMBER, "sae_version_number() == SAE_VERSION_NUMBER");
    check(strcmp(sae_status_string(SAE_OK), "unknown status") != 0, "SAE_OK has a name");

    sae_options_default(&opts);
    check(opts.struct_size == sizeof(sae_options), "sae_options_default() sets struct_size");

    /* A C caller fills the struct field by field, as a binding would. */
    opts.n_hidden = 1;
    opts.hidden_sizes[0] = 2;
    opts.hidden_activations[0] = SAE_ACTIVATION_TANH;
    opts.epochs = 1;
    opts.threads = 1;
    check(sae_create(&model, &opts) == SAE_OK, "sae_create()");
    check(strcmp(sae_last_error(), "") == 0, "no message after success");

    check(sae_dataset_from_arrays(&dataset, users, items, ratings, 2) == SAE_OK,
          "sae_dataset_from_arrays()");
    check(sae_dataset_n_ratings(dataset) == 2, "two ratings");
    check(sae_fit(model, dataset, NULL, NULL) == SAE_OK, "sae_fit()");
    check(sae_model_n_items(model) == 2, "two items");

    /* Any non-NULL value shows whether a failing call resets *out. */
    other = (sae_model *)&opts;
    opts.struct_size = 0;
    check(sae_create(&other, &opts) == SAE_ERR_VERSION, "struct_size 0 is refused");
    check(other == NULL, "failed sae_create() sets *out to NULL");

    sae_dataset_free(dataset);
    sae_free(model);
    sae_free(NULL);
    return failures == 0 ? 0 : 1;
}
