/*
 * Trains a preset on the base half of a MovieLens split and scores it on the test half, with
 * the notebook's protocol: each test user's ratings are predicted from that user's base ratings.
 *
 * Usage: evaluate_split DIR SPLIT [PRESET [EPOCHS]]
 *
 * DIR holds SPLIT.base and SPLIT.test (for ML-100K: u1 to u5, ua, ub). PRESET defaults to
 * "default"; EPOCHS, when given, replaces the preset's number of epochs.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include <sae.h>

/* Prints one line per epoch; returning non-zero would stop training. */
static int on_epoch(const sae_epoch_report *report, void *user_data)
{
    (void)user_data;
    if (report->epoch % 10 == 0 || report->epoch == report->n_epochs)
    {
        fprintf(stderr, "epoch %u/%u  loss %.4f  %.1f s\n", report->epoch, report->n_epochs,
                report->train_loss, report->elapsed_seconds);
    }
    return 0;
}

int main(int argc, char **argv)
{
    sae_dataset *train = NULL;
    sae_dataset *test = NULL;
    sae_model *model = NULL;
    sae_options opts;
    sae_metrics metrics = {sizeof(sae_metrics), 0, 0, 0.0, 0.0, 0.0};
    const char *preset = argc > 3 ? argv[3] : "default";
    int status;

    if (argc < 3 || argc > 5)
    {
        fprintf(stderr, "usage: evaluate_split DIR SPLIT [PRESET [EPOCHS]]\n");
        return 2;
    }

    /* Both halves get one shape, so that the model trained on one can be scored on the other. */
    status = sae_dataset_load_split(&train, &test, argv[1], argv[2]);

    if (status == SAE_OK)
    {
        status = sae_options_preset(&opts, preset);
    }
    if (status == SAE_OK && argc > 4)
    {
        opts.epochs = (uint32_t)strtoul(argv[4], NULL, 10);
    }

    if (status == SAE_OK)
    {
        status = sae_create(&model, &opts);
    }
    if (status == SAE_OK)
    {
        status = sae_fit(model, train, on_epoch, NULL);
    }
    if (status == SAE_OK)
    {
        status = sae_evaluate(&metrics, model, train, test);
    }

    if (status == SAE_OK)
    {
        printf("%s on %s: %" PRIu64 " test ratings from %u users\n", preset, argv[2],
               metrics.n_ratings, metrics.n_users);
        printf("  test loss (mean per-user RMSE) %.4f\n", metrics.mean_user_rmse);
        printf("  global RMSE                    %.4f\n", metrics.rmse);
        printf("  MAE                            %.4f\n", metrics.mae);
    }
    else
    {
        fprintf(stderr, "evaluate_split: %s: %s\n", sae_status_string(status), sae_last_error());
    }

    sae_free(model);
    sae_dataset_free(train);
    sae_dataset_free(test);
    return status == SAE_OK ? EXIT_SUCCESS : EXIT_FAILURE;
}
