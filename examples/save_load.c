/*
 * Saves a trained model, loads it back, and checks that the loaded model predicts exactly what
 * the original did for every user. Exits with 1 on any difference.
 *
 * Usage: save_load RATINGS MODEL_FILE
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sae.h>

/* Predicts every user's row with both models; returns a status, or 1 when they disagree. */
static int compare(const sae_model *a, const sae_model *b, const sae_dataset *ratings)
{
    uint32_t n_users = sae_dataset_n_users(ratings);
    uint32_t n_items = sae_model_n_items(a);
    size_t n = (size_t)n_users * n_items;
    uint32_t *users = malloc(sizeof *users * n_users);
    float *from_a = malloc(sizeof *from_a * n);
    float *from_b = malloc(sizeof *from_b * n);
    uint32_t u;
    int status = users && from_a && from_b ? SAE_OK : SAE_ERR_OUT_OF_MEMORY;

    for (u = 0; users && u < n_users; ++u)
    {
        users[u] = u + 1;
    }
    if (status == SAE_OK)
    {
        status = sae_predict_users(from_a, n, a, ratings, users, n_users);
    }
    if (status == SAE_OK)
    {
        status = sae_predict_users(from_b, n, b, ratings, users, n_users);
    }
    if (status == SAE_OK && memcmp(from_a, from_b, sizeof *from_a * n) != 0)
    {
        fprintf(stderr, "save_load: the loaded model predicts differently\n");
        status = 1;
    }

    free(users);
    free(from_a);
    free(from_b);
    return status;
}

int main(int argc, char **argv)
{
    sae_dataset *ratings = NULL;
    sae_model *model = NULL;
    sae_model *loaded = NULL;
    sae_options opts;
    sae_options stored;
    int status;

    if (argc != 3)
    {
        fprintf(stderr, "usage: save_load RATINGS MODEL_FILE\n");
        return 2;
    }

    sae_options_default(&opts);
    opts.epochs = 20;
    status = sae_dataset_load(&ratings, argv[1]);
    if (status == SAE_OK)
    {
        status = sae_create(&model, &opts);
    }
    if (status == SAE_OK)
    {
        status = sae_fit(model, ratings, NULL, NULL);
    }

    /* The file is written under a temporary name and renamed: never left half-written. */
    if (status == SAE_OK)
    {
        status = sae_save(model, argv[2]);
    }
    if (status == SAE_OK)
    {
        status = sae_load(&loaded, argv[2]);
    }

    /* The file keeps the options too; the caller states which sae_options it was built with. */
    stored.struct_size = sizeof stored;
    if (status == SAE_OK)
    {
        status = sae_model_options(&stored, loaded);
    }
    if (status == SAE_OK)
    {
        printf("loaded %s: %u items, %u hidden layers, %u epochs\n", argv[2],
               sae_model_n_items(loaded), stored.n_hidden, stored.epochs);
        status = compare(model, loaded, ratings);
    }

    if (status < 0)
    {
        fprintf(stderr, "save_load: %s: %s\n", sae_status_string(status), sae_last_error());
    }
    else if (status == SAE_OK)
    {
        printf("the loaded model predicts exactly as the saved one\n");
    }

    sae_free(loaded);
    sae_free(model);
    sae_dataset_free(ratings);
    return status == SAE_OK ? EXIT_SUCCESS : EXIT_FAILURE;
}
