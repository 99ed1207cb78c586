#include <string>

#include "api_guard.hpp"
#include "handles.hpp"
#include "options.hpp"
#include "sae.h"

namespace
{

using sae::capi::require_pointer;

/// The trained model behind a handle, or SAE_ERR_INVALID_ARGUMENT for NULL.
const sae::autoencoder& model_of(const sae_model* model, const char* function)
{
    require_pointer(model, function, "model");
    return *model->model;
}

void require_length(std::size_t got, std::size_t expected, const char* function, const char* name)
{
    if (got != expected)
    {
        sae::fail(SAE_ERR_DIMENSION, std::string(function) + ": " + name + " is "
                                         + std::to_string(got) + ", the model has "
                                         + std::to_string(expected) + " items");
    }
}

}  // namespace

extern "C" {

SAE_API int sae_create(sae_model** out, const sae_options* opts)
{
    return sae::capi::guarded([&] {
        require_pointer(out, "sae_create", "out");
        *out = nullptr;

        sae_options chosen = sae::default_options();
        if (opts != nullptr)
        {
            sae::capi::check_struct_size<sae_options>(opts->struct_size, "sae_create", "opts");
            chosen = *opts;
        }

        auto handle = std::make_unique<sae_model>();
        handle->model = std::make_unique<sae::autoencoder>(chosen);
        *out = handle.release();
    });
}

SAE_API int sae_fit(sae_model* model,
                    const sae_dataset* train,
                    sae_progress_fn progress,
                    void* user_data)
{
    return sae::capi::guarded([&] {
        require_pointer(model, "sae_fit", "model");
        require_pointer(train, "sae_fit", "train");
        model->model->fit(train->ratings, progress, user_data);
    });
}

SAE_API int sae_predict(float* out,
                        size_t out_len,
                        const sae_model* model,
                        const float* ratings,
                        size_t n_items)
{
    return sae::capi::guarded([&] {
        const sae::autoencoder& m = model_of(model, "sae_predict");
        require_pointer(out, "sae_predict", "out");
        require_pointer(ratings, "sae_predict", "ratings");
        if (!m.fitted())
        {
            sae::fail(SAE_ERR_STATE, "sae_predict: the model has not been trained");
        }
        require_length(n_items, m.n_items(), "sae_predict", "n_items");
        require_length(out_len, m.n_items(), "sae_predict", "out_len");
        m.predict(ratings, out);
    });
}

SAE_API int sae_predict_users(float* out,
                              size_t out_len,
                              const sae_model* model,
                              const sae_dataset* input,
                              const uint32_t* user_ids,
                              size_t n_users)
{
    return sae::capi::guarded([&] {
        const sae::autoencoder& m = model_of(model, "sae_predict_users");
        require_pointer(out, "sae_predict_users", "out");
        require_pointer(input, "sae_predict_users", "input");
        require_pointer(user_ids, "sae_predict_users", "user_ids");
        if (!m.fitted())
        {
            sae::fail(SAE_ERR_STATE, "sae_predict_users: the model has not been trained");
        }

        // Checked first, by division: a huge n_users can neither overflow the product nor
        // make us allocate for, or read, more ids than the output could hold.
        std::size_t n_items = m.n_items();
        if (n_users == 0 || out_len / n_items != n_users || out_len % n_items != 0)
        {
            sae::fail(SAE_ERR_DIMENSION, "sae_predict_users: out_len is " + std::to_string(out_len)
                                             + ", expected n_users x " + std::to_string(n_items));
        }

        const sae::ratings& known = input->ratings;
        std::vector<std::uint32_t> rows(n_users);
        for (std::size_t u = 0; u < n_users; ++u)
        {
            if (user_ids[u] == 0 || user_ids[u] > known.n_users())
            {
                sae::fail(SAE_ERR_INVALID_ARGUMENT,
                          "sae_predict_users: user_ids[" + std::to_string(u) + "] = "
                              + std::to_string(user_ids[u]) + " is outside 1.."
                              + std::to_string(known.n_users()));
            }
            rows[u] = user_ids[u] - 1;
        }

        m.predict_users(known, rows.data(), n_users, out);
    });
}

SAE_API int sae_evaluate(sae_metrics* out,
                         const sae_model* model,
                         const sae_dataset* input,
                         const sae_dataset* target)
{
    return sae::capi::guarded([&] {
        require_pointer(out, "sae_evaluate", "out");
        sae::capi::check_struct_size<sae_metrics>(out->struct_size, "sae_evaluate", "out");
        const sae::autoencoder& m = model_of(model, "sae_evaluate");
        require_pointer(input, "sae_evaluate", "input");
        require_pointer(target, "sae_evaluate", "target");

        sae::metrics result = m.evaluate(input->ratings, target->ratings);
        out->n_users = result.n_users;
        out->n_ratings = result.n_ratings;
        out->rmse = result.rmse;
        out->mae = result.mae;
        out->mean_user_rmse = result.mean_user_rmse;
    });
}

SAE_API int sae_rmse(double* out,
                     const sae_model* model,
                     const sae_dataset* input,
                     const sae_dataset* target)
{
    return sae::capi::guarded([&] {
        require_pointer(out, "sae_rmse", "out");
        const sae::autoencoder& m = model_of(model, "sae_rmse");
        require_pointer(input, "sae_rmse", "input");
        require_pointer(target, "sae_rmse", "target");
        *out = m.evaluate(input->ratings, target->ratings).rmse;
    });
}

SAE_API uint32_t sae_model_n_items(const sae_model* model)
{
    return model ? model->model->n_items() : 0;
}

SAE_API int sae_model_options(sae_options* out, const sae_model* model)
{
    return sae::capi::guarded([&] {
        require_pointer(out, "sae_model_options", "out");
        sae::capi::check_struct_size<sae_options>(out->struct_size, "sae_model_options", "out");
        *out = model_of(model, "sae_model_options").options();
    });
}

SAE_API int sae_save(const sae_model* model, const char* path)
{
    return sae::capi::guarded([&] {
        const sae::autoencoder& m = model_of(model, "sae_save");
        require_pointer(path, "sae_save", "path");
        m.save(path);
    });
}

SAE_API int sae_load(sae_model** out, const char* path)
{
    return sae::capi::guarded([&] {
        require_pointer(out, "sae_load", "out");
        *out = nullptr;
        require_pointer(path, "sae_load", "path");

        auto handle = std::make_unique<sae_model>();
        handle->model = sae::autoencoder::load(path);
        *out = handle.release();
    });
}

SAE_API void sae_free(sae_model* model)
{
    delete model;
}

}  // extern "C"
