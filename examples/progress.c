/*
 * Follows training through the progress and log callbacks, and stops it early: the progress
 * callback returns non-zero after STOP_AFTER epochs, sae_fit() returns SAE_ERR_CANCELLED, and
 * the model keeps the weights of the last finished epoch, ready to use.
 *
 * Usage: progress RATINGS [STOP_AFTER]
 */
#include <stdio.h>
#include <stdlib.h>

#include <sae.h>

/* Receives libsae's log lines; libsae itself never prints. Must not call back into libsae. */
static void on_log(int level, const char *message, void *user_data)
{
    static const char *const names[] = {"error", "warn", "info", "debug"};

    fprintf((FILE *)user_data, "[%s] %s\n", level >= 0 && level <= 3 ? names[level] : "?",
            message);
}

/* Called after each epoch with the model's progress; non-zero asks sae_fit() to stop. */
static int on_epoch(const sae_epoch_report *report, void *user_data)
{
    uint32_t stop_after = *(const uint32_t *)user_data;

    printf("epoch %u of %u: loss %.4f\n", report->epoch, report->n_epochs, report->train_loss);
    return report->epoch >= stop_after;
}

int main(int argc, char **argv)
{
    sae_dataset *ratings = NULL;
    sae_model *model = NULL;
    uint32_t stop_after = argc > 2 ? (uint32_t)strtoul(argv[2], NULL, 10) : 3;
    double rmse = 0.0;
    int status;

    if (argc < 2 || argc > 3)
    {
        fprintf(stderr, "usage: progress RATINGS [STOP_AFTER]\n");
        return 2;
    }

    /* Process-wide: every model reports here until the callback is removed. */
    sae_set_log_callback(on_log, SAE_LOG_INFO, stdout);

    status = sae_dataset_load(&ratings, argv[1]);
    if (status == SAE_OK)
    {
        status = sae_create(&model, NULL);
    }
    if (status == SAE_OK)
    {
        status = sae_fit(model, ratings, on_epoch, &stop_after);
        printf("sae_fit: %s (%s)\n", sae_status_string(status), sae_last_error());
    }

    /* A cancelled model is still trained, with the weights of its last finished epoch. */
    if (status == SAE_ERR_CANCELLED)
    {
        status = sae_rmse(&rmse, model, ratings, ratings);
        printf("RMSE after %u epochs: %.4f\n", stop_after, rmse);
    }
    else if (status == SAE_OK)
    {
        fprintf(stderr, "progress: training was not cancelled\n");
        status = 1;
    }

    if (status < 0)
    {
        fprintf(stderr, "progress: %s: %s\n", sae_status_string(status), sae_last_error());
    }

    sae_set_log_callback(NULL, SAE_LOG_ERROR, NULL);
    sae_free(model);
    sae_dataset_free(ratings);
    return status == SAE_OK ? EXIT_SUCCESS : EXIT_FAILURE;
}
