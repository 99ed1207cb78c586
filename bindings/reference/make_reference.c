/*
 * Writes the reference that every binding's tests compare against: a model trained from C on
 * tests/data/tiny.data and saved, and its predictions for every user of that file.
 *
 * Usage: make_reference RATINGS MODEL_OUT PREDICTIONS_OUT
 *
 * PREDICTIONS_OUT is text: a first line "n_users n_items", then one line per user id (from 1)
 * with n_items predictions printed with 9 significant digits, which round-trip a float exactly.
 */
#include <stdio.h>
#include <stdlib.h>

#include <sae.h>

static int fail(const char *what, int status)
{
    fprintf(stderr, "make_reference: %s: %s: %s\n", what, sae_status_string(status),
            sae_last_error());
    return 1;
}

static int write_predictions(const char *path, const sae_model *model, const sae_dataset *data)
{
    uint32_t n_users = sae_dataset_n_users(data);
    uint32_t n_items = sae_model_n_items(model);
    float *row = malloc(sizeof(float) * n_items);
    float *out = malloc(sizeof(float) * n_items);
    FILE *file = fopen(path, "w");
    int status = SAE_OK;
    uint32_t user;
    uint32_t item;

    if (row == NULL || out == NULL || file == NULL) {
        fprintf(stderr, "make_reference: cannot write %s\n", path);
        free(row);
        free(out);
        if (file != NULL) {
            fclose(file);
        }
        return 1;
    }

    fprintf(file, "%u %u\n", n_users, n_items);
    for (user = 1; user <= n_users && status == SAE_OK; ++user) {
        status = sae_dataset_user_row(row, n_items, data, user);
        if (status == SAE_OK) {
            status = sae_predict(out, n_items, model, row, n_items);
        }
        for (item = 0; item < n_items && status == SAE_OK; ++item) {
            fprintf(file, item == 0 ? "%.9g" : " %.9g", (double)out[item]);
        }
        fputc('\n', file);
    }

    free(row);
    free(out);
    if (fclose(file) != 0 || status != SAE_OK) {
        return status != SAE_OK ? fail("predict", status) : 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    sae_dataset *data = NULL;
    sae_model *model = NULL;
    sae_options opts;
    int status;
    int result;

    if (argc != 4) {
        fprintf(stderr, "usage: make_reference RATINGS MODEL_OUT PREDICTIONS_OUT\n");
        return 2;
    }

    /* The seed preset is fixed for good, unlike the default, so the reference stays comparable;
       a user-based model predicts from a single dense row, which every binding can do. */
    status = sae_options_preset(&opts, "seed");
    if (status != SAE_OK) {
        return fail("options", status);
    }
    opts.n_hidden = 1;
    opts.hidden_sizes[0] = 3;
    opts.epochs = 20;
    opts.seed = 7;

    status = sae_dataset_load(&data, argv[1]);
    if (status != SAE_OK) {
        return fail("load ratings", status);
    }
    status = sae_create(&model, &opts);
    if (status == SAE_OK) {
        status = sae_fit(model, data, NULL, NULL);
    }
    if (status == SAE_OK) {
        status = sae_save(model, argv[2]);
    }

    result = status == SAE_OK ? write_predictions(argv[3], model, data) : fail("train", status);
    sae_free(model);
    sae_dataset_free(data);
    return result;
}
