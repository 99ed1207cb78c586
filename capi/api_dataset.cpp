#include <cmath>
#include <string>
#include <vector>

#include "api_guard.hpp"
#include "handles.hpp"
#include "ratings_reader.hpp"
#include "sae.h"

namespace
{

using sae::capi::require_pointer;

std::uint32_t checked_id(std::uint32_t id, const char* what, std::size_t index)
{
    if (id == 0 || id > sae::max_id)
    {
        sae::fail(SAE_ERR_INVALID_ARGUMENT,
                  std::string("sae_dataset_from_arrays: ") + what + "[" + std::to_string(index)
                      + "] = " + std::to_string(id) + " is outside 1.."
                      + std::to_string(sae::max_id));
    }
    return id;
}

}  // namespace

extern "C" {

SAE_API int sae_dataset_load(sae_dataset** out, const char* path)
{
    return sae::capi::guarded([&] {
        require_pointer(out, "sae_dataset_load", "out");
        *out = nullptr;
        require_pointer(path, "sae_dataset_load", "path");

        sae::ratings_file file = sae::read_ratings_file(path);
        auto dataset = std::make_unique<sae_dataset>();
        dataset->ratings = sae::to_ratings(file, path, file.n_users, file.n_items);
        *out = dataset.release();
    });
}

SAE_API int sae_dataset_load_split(sae_dataset** train_out,
                                   sae_dataset** test_out,
                                   const char* dir,
                                   const char* name)
{
    return sae::capi::guarded([&] {
        // Both outputs are NULL after any failure, including a NULL for the other one.
        if (train_out != nullptr)
        {
            *train_out = nullptr;
        }
        if (test_out != nullptr)
        {
            *test_out = nullptr;
        }
        require_pointer(train_out, "sae_dataset_load_split", "train_out");
        require_pointer(test_out, "sae_dataset_load_split", "test_out");
        require_pointer(dir, "sae_dataset_load_split", "dir");
        require_pointer(name, "sae_dataset_load_split", "name");
        if (static_cast<void*>(train_out) == static_cast<void*>(test_out))
        {
            // One handle would be lost.
            sae::fail(SAE_ERR_INVALID_ARGUMENT,
                      "sae_dataset_load_split: train_out and test_out are the same pointer");
        }

        std::string base_path = std::string(dir) + "/" + name + ".base";
        std::string test_path = std::string(dir) + "/" + name + ".test";
        sae::ratings_file base = sae::read_ratings_file(base_path);
        sae::ratings_file test = sae::read_ratings_file(test_path);

        // The notebook sizes both matrices from the largest ids of either file.
        std::uint32_t n_users = std::max(base.n_users, test.n_users);
        std::uint32_t n_items = std::max(base.n_items, test.n_items);
        auto train_set = std::make_unique<sae_dataset>();
        auto test_set = std::make_unique<sae_dataset>();
        train_set->ratings = sae::to_ratings(base, base_path, n_users, n_items);
        test_set->ratings = sae::to_ratings(test, test_path, n_users, n_items);

        *train_out = train_set.release();
        *test_out = test_set.release();
    });
}

SAE_API int sae_dataset_from_arrays(sae_dataset** out,
                                    const uint32_t* users,
                                    const uint32_t* items,
                                    const float* ratings,
                                    size_t count)
{
    return sae::capi::guarded([&] {
        require_pointer(out, "sae_dataset_from_arrays", "out");
        *out = nullptr;
        if (count > 0)
        {
            require_pointer(users, "sae_dataset_from_arrays", "users");
            require_pointer(items, "sae_dataset_from_arrays", "items");
            require_pointer(ratings, "sae_dataset_from_arrays", "ratings");
        }

        std::vector<sae::rating_entry> entries(count);
        std::uint32_t n_users = 0;
        std::uint32_t n_items = 0;
        for (std::size_t i = 0; i < count; ++i)
        {
            std::uint32_t user = checked_id(users[i], "users", i);
            std::uint32_t item = checked_id(items[i], "items", i);
            if (!std::isfinite(ratings[i]) || ratings[i] <= 0.0f)
            {
                sae::fail(SAE_ERR_INVALID_ARGUMENT,
                          "sae_dataset_from_arrays: ratings[" + std::to_string(i) + "] = "
                              + std::to_string(ratings[i])
                              + " must be finite and greater than 0");
            }
            entries[i] = {user - 1, item - 1, ratings[i]};
            n_users = std::max(n_users, user);
            n_items = std::max(n_items, item);
        }

        auto origin = [](std::size_t index) { return "index " + std::to_string(index); };
        auto dataset = std::make_unique<sae_dataset>();
        try
        {
            dataset->ratings = sae::ratings(entries, n_users, n_items, origin);
        }
        catch (const sae::error& e)
        {
            // The same duplicate is a parse error in a file but a bad argument in arrays.
            sae::fail(SAE_ERR_INVALID_ARGUMENT,
                      std::string("sae_dataset_from_arrays: ") + e.what());
        }
        *out = dataset.release();
    });
}

SAE_API int sae_dataset_resize(sae_dataset* dataset, uint32_t n_users, uint32_t n_items)
{
    return sae::capi::guarded([&] {
        require_pointer(dataset, "sae_dataset_resize", "dataset");
        if (n_users > sae::max_id || n_items > sae::max_id)
        {
            sae::fail(SAE_ERR_INVALID_ARGUMENT, "sae_dataset_resize: sizes are limited to "
                                                    + std::to_string(sae::max_id));
        }
        dataset->ratings.resize(n_users, n_items);
    });
}

SAE_API int sae_dataset_user_row(float* out,
                                 size_t out_len,
                                 const sae_dataset* dataset,
                                 uint32_t user_id)
{
    return sae::capi::guarded([&] {
        require_pointer(out, "sae_dataset_user_row", "out");
        require_pointer(dataset, "sae_dataset_user_row", "dataset");
        const sae::ratings& set = dataset->ratings;
        if (user_id == 0 || user_id > set.n_users())
        {
            sae::fail(SAE_ERR_INVALID_ARGUMENT, "sae_dataset_user_row: user id "
                                                    + std::to_string(user_id) + " is outside 1.."
                                                    + std::to_string(set.n_users()));
        }
        if (out_len != set.n_items())
        {
            sae::fail(SAE_ERR_DIMENSION, "sae_dataset_user_row: out_len is "
                                             + std::to_string(out_len) + ", the data set has "
                                             + std::to_string(set.n_items()) + " items");
        }
        set.dense_row(user_id - 1, out);
    });
}

SAE_API uint32_t sae_dataset_n_users(const sae_dataset* dataset)
{
    return dataset ? dataset->ratings.n_users() : 0;
}

SAE_API uint32_t sae_dataset_n_items(const sae_dataset* dataset)
{
    return dataset ? dataset->ratings.n_items() : 0;
}

SAE_API uint64_t sae_dataset_n_ratings(const sae_dataset* dataset)
{
    return dataset ? dataset->ratings.size() : 0;
}

SAE_API void sae_dataset_free(sae_dataset* dataset)
{
    delete dataset;
}

}  // extern "C"
