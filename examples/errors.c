/*
 * Error handling: provokes common mistakes and shows what each call returns and what
 * sae_last_error() says about it. Exits with 1 if any status differs from the documented one.
 *
 * Usage: errors RATINGS
 *
 * RATINGS is any valid ratings file; it also serves as a file that is not a model.
 */
#include <stdio.h>
#include <stdlib.h>

#include <sae.h>

static int mismatches = 0;

/* Shows a call's outcome right after it returned, and checks it against the expected status. */
static void show(const char *call, int status, int expected)
{
    printf("%-36s -> %-20s \"%s\"\n", call, sae_status_string(status), sae_last_error());
    if (status != expected)
    {
        fprintf(stderr, "errors: %s returned %d, expected %d\n", call, status, expected);
        ++mismatches;
    }
}

int main(int argc, char **argv)
{
    sae_dataset *ratings = NULL;
    sae_dataset *missing = NULL;
    sae_model *model = NULL;
    sae_model *loaded = NULL;
    sae_options opts;
    float row[8] = {0};
    float out[8];

    if (argc != 2)
    {
        fprintf(stderr, "usage: errors RATINGS\n");
        return 2;
    }

    /* A file that does not exist: the message names the path; *out stays NULL. */
    show("sae_dataset_load(no such file)", sae_dataset_load(&missing, "no/such/file.data"),
         SAE_ERR_IO);

    /* A success clears the message. */
    show("sae_dataset_load(RATINGS)", sae_dataset_load(&ratings, argv[1]), SAE_OK);

    /* A preset name libsae does not know is quoted back. */
    show("sae_options_preset(\"fastest\")", sae_options_preset(&opts, "fastest"),
         SAE_ERR_INVALID_ARGUMENT);

    /* Options from a caller who did not call sae_options_default(). */
    sae_options_default(&opts);
    opts.struct_size = 4;
    show("sae_create(struct_size 4)", sae_create(&model, &opts), SAE_ERR_VERSION);

    /* An invalid field is named with its value. */
    sae_options_default(&opts);
    opts.learning_rate = -1.0;
    show("sae_create(learning_rate -1)", sae_create(&model, &opts), SAE_ERR_INVALID_ARGUMENT);

    /* A model that has not been trained cannot predict. */
    show("sae_create(NULL options)", sae_create(&model, NULL), SAE_OK);
    show("sae_predict(untrained)", sae_predict(out, 8, model, row, 8), SAE_ERR_STATE);

    /* A file that is not a model is refused before anything is allocated for it. */
    show("sae_load(RATINGS)", sae_load(&loaded, argv[1]), SAE_ERR_FORMAT);

    /* NULL where a handle is required. */
    show("sae_fit(NULL model)", sae_fit(NULL, ratings, NULL, NULL), SAE_ERR_INVALID_ARGUMENT);

    sae_free(loaded);
    sae_free(model);
    sae_dataset_free(ratings);
    sae_dataset_free(missing);
    return mismatches == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
