/*
 * Quick start: train a model on a ratings file, predict the items one user has not rated,
 * measure the error, and release everything.
 *
 * Usage: quickstart RATINGS [USER]
 *
 * RATINGS holds one "user item rating [timestamp]" per line, as MovieLens u.data does; USER is
 * a 1-based user id (default 1).
 */
#include <stdio.h>
#include <stdlib.h>

#include <sae.h>

int main(int argc, char **argv)
{
    sae_dataset *ratings = NULL;
    sae_model *model = NULL;
    sae_options opts;
    float *known = NULL;
    float *predicted = NULL;
    uint32_t user = argc > 2 ? (uint32_t)strtoul(argv[2], NULL, 10) : 1;
    uint32_t n_items;
    uint32_t item;
    double rmse = 0.0;
    const char *step = "load";
    int status;

    if (argc < 2 || argc > 3)
    {
        fprintf(stderr, "usage: quickstart RATINGS [USER]\n");
        return 2;
    }

    /* 1. Load the ratings. The data set is ours to free; no model keeps a reference to it. */
    status = sae_dataset_load(&ratings, argv[1]);
    if (status != SAE_OK)
    {
        goto done;
    }

    /* 2. Create a model: start from the defaults and change what you need. */
    sae_options_default(&opts);
    opts.seed = 42;
    step = "create";
    status = sae_create(&model, &opts);
    if (status != SAE_OK)
    {
        goto done;
    }

    /* 3. Train it on the ratings; the network is sized from the data set. */
    step = "fit";
    status = sae_fit(model, ratings, NULL, NULL);
    if (status != SAE_OK)
    {
        goto done;
    }

    /* 4. Predict every item for one user, from that user's ratings in the data set. */
    n_items = sae_model_n_items(model);
    known = malloc(sizeof *known * n_items);
    predicted = malloc(sizeof *predicted * n_items);
    step = "predict";
    status = known && predicted ? SAE_OK : SAE_ERR_OUT_OF_MEMORY;
    if (status == SAE_OK)
    {
        status = sae_predict_users(predicted, n_items, model, ratings, &user, 1);
    }

    /* A dense row of the user's known ratings: index j is item j + 1, 0 means not rated. */
    if (status == SAE_OK)
    {
        status = sae_dataset_user_row(known, n_items, ratings, user);
    }
    if (status != SAE_OK)
    {
        goto done;
    }
    printf("predictions for the items user %u has not rated:\n", user);
    for (item = 0; item < n_items; ++item)
    {
        if (known[item] == 0.0f)
        {
            printf("  item %u: %.2f\n", item + 1, predicted[item]);
        }
    }

    /* 5. Score the model. Here on the ratings it learnt from; use a held-out set in practice. */
    step = "rmse";
    status = sae_rmse(&rmse, model, ratings, ratings);
    if (status == SAE_OK)
    {
        printf("RMSE on the training ratings: %.4f\n", rmse);
    }

done:
    if (status != SAE_OK)
    {
        /* sae_last_error() describes the latest failed call on this thread. */
        fprintf(stderr, "quickstart: %s: %s: %s\n", step, sae_status_string(status),
                sae_last_error());
    }

    /* 6. Release everything; every *_free accepts NULL. */
    free(known);
    free(predicted);
    sae_free(model);
    sae_dataset_free(ratings);
    return status == SAE_OK ? EXIT_SUCCESS : EXIT_FAILURE;
}
