/*
 * Shares one trained model between threads: queries such as sae_predict_users() may run
 * concurrently on one model and one data set, while each thread keeps its own buffers. Checks
 * that every thread gets the predictions a single thread computes; exits with 1 otherwise.
 *
 * Usage: threads RATINGS
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sae.h>

#define N_THREADS 4

/* What one thread reads (shared, never written during the threads' run) and writes (its own). */
typedef struct job
{
    const sae_model *model;
    const sae_dataset *ratings;
    uint32_t user;
    uint32_t n_items;
    float *out;
    int status;
    char message[256];
} job;

static void *predict_in_thread(void *arg)
{
    job *work = arg;

    work->status = sae_predict_users(work->out, work->n_items, work->model, work->ratings,
                                     &work->user, 1);

    /* The message is per thread: read it on the thread that made the failed call. */
    if (work->status != SAE_OK)
    {
        snprintf(work->message, sizeof work->message, "%s", sae_last_error());
    }
    return NULL;
}

int main(int argc, char **argv)
{
    sae_dataset *ratings = NULL;
    sae_model *model = NULL;
    sae_options opts;
    job jobs[N_THREADS];
    pthread_t threads[N_THREADS];
    uint32_t user = 1;
    float *expected = NULL;
    float *outputs = NULL;
    uint32_t n_items = 0;
    int t;
    int status;

    if (argc != 2)
    {
        fprintf(stderr, "usage: threads RATINGS\n");
        return 2;
    }

    /* Training needs the model to itself. */
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

    /* The reference: user 1's predictions computed on this thread alone. */
    if (status == SAE_OK)
    {
        n_items = sae_model_n_items(model);
        expected = malloc(sizeof *expected * n_items);
        outputs = malloc(sizeof *outputs * n_items * N_THREADS);
        status = expected && outputs ? SAE_OK : SAE_ERR_OUT_OF_MEMORY;
    }
    if (status == SAE_OK)
    {
        status = sae_predict_users(expected, n_items, model, ratings, &user, 1);
    }
    if (status != SAE_OK)
    {
        fprintf(stderr, "threads: %s: %s\n", sae_status_string(status), sae_last_error());
        goto done;
    }

    /* Queries on a trained model may overlap: the model and the data set are only read. */
    for (t = 0; t < N_THREADS; ++t)
    {
        job init = {model, ratings, user, n_items, outputs + (size_t)t * n_items, SAE_OK, ""};
        jobs[t] = init;
        if (pthread_create(&threads[t], NULL, predict_in_thread, &jobs[t]) != 0)
        {
            fprintf(stderr, "threads: cannot start a thread\n");
            status = 1;
            break;
        }
    }
    while (--t >= 0)
    {
        pthread_join(threads[t], NULL);
    }

    for (t = 0; t < N_THREADS && status == SAE_OK; ++t)
    {
        if (jobs[t].status != SAE_OK)
        {
            fprintf(stderr, "threads: thread %d: %s\n", t, jobs[t].message);
            status = jobs[t].status;
        }
        else if (memcmp(jobs[t].out, expected, sizeof *expected * n_items) != 0)
        {
            fprintf(stderr, "threads: thread %d predicted differently\n", t);
            status = 1;
        }
    }
    if (status == SAE_OK)
    {
        printf("%d threads predicted user 1's %u items identically\n", N_THREADS, n_items);
    }

done:
    free(expected);
    free(outputs);
    sae_free(model);
    sae_dataset_free(ratings);
    return status == SAE_OK ? EXIT_SUCCESS : EXIT_FAILURE;
}
