#include "autoencoder.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "batch_trainer.hpp"
#include "dense_prediction.hpp"
#include "error.hpp"
#include "model_file.hpp"
#include "options.hpp"
#include "prediction.hpp"
#include "propagation.hpp"
#include "trainer.hpp"

namespace sae
{
namespace
{

/// Clears a flag when a scope ends, however it ends.
class flag_guard
{
public:
    explicit flag_guard(std::atomic<bool>& flag)
        : m_flag(flag)
    {
    }
    ~flag_guard() { m_flag.store(false); }
    flag_guard(const flag_guard&) = delete;
    flag_guard& operator=(const flag_guard&) = delete;

private:
    std::atomic<bool>& m_flag;
};

}  // namespace

autoencoder::autoencoder(const sae_options& opts)
    : m_opts(opts)
{
    validate(opts);
    m_opts.struct_size = sizeof(sae_options);
}

std::unique_ptr<autoencoder> autoencoder::load(const std::string& path)
{
    stored_model stored = load_model(path);
    auto model = std::make_unique<autoencoder>(stored.options);
    model->m_nets = std::move(stored.nets);
    model->m_n_items = stored.n_items;
    model->m_fitted = true;
    for (network& net : model->m_nets)
    {
        net.index_output_layer();
    }
    return model;
}

std::uint32_t autoencoder::row_width(const ratings& data) const noexcept
{
    return m_opts.orientation == SAE_ORIENTATION_ITEM ? data.n_users() : data.n_items();
}

void autoencoder::fit(const ratings& train, sae_progress_fn progress, void* user_data)
{
    if (m_training.exchange(true))
    {
        fail(SAE_ERR_STATE, "fit: the model is already being trained by another thread");
    }
    flag_guard training(m_training);
    if (m_queries.load() != 0)
    {
        fail(SAE_ERR_STATE, "fit: the model is being queried by another thread");
    }

    if (train.size() == 0)
    {
        fail(SAE_ERR_INVALID_ARGUMENT, "fit: the training set has no ratings");
    }
    if (m_fitted)
    {
        require_input_shape(train, "fit");
    }

    if (!m_fitted)
    {
        std::uint32_t width = row_width(train);
        std::uint64_t n_params = network::count_params(width, m_opts) * m_opts.ensemble_size;
        if (n_params > max_params)
        {
            fail(SAE_ERR_INVALID_ARGUMENT,
                 "fit: rows of " + std::to_string(width) + " entries need "
                     + std::to_string(n_params) + " parameters for "
                     + std::to_string(m_opts.ensemble_size) + " network(s), above a model's "
                     + "limit of " + std::to_string(max_params) + " (are the ids dense?)");
        }
        m_nets.clear();
        for (std::uint32_t k = 0; k < m_opts.ensemble_size; ++k)
        {
            m_nets.emplace_back(width, m_opts);
            m_nets.back().initialise(m_opts.seed + k);
        }
        m_n_items = train.n_items();
        m_fitted = true;
    }

    // However training ends, what predictions read must follow the parameters it leaves.
    struct output_indexer
    {
        std::vector<network>& nets;
        ~output_indexer()
        {
            for (network& net : nets)
            {
                net.index_output_layer();
            }
        }
    } reindex{m_nets};

    if (sparse_model())
    {
        train_network(m_nets[0], m_opts, train, progress, user_data);
        return;
    }
    auto fit_start = std::chrono::steady_clock::now();
    for (std::uint32_t k = 0; k < m_nets.size(); ++k)
    {
        train_batched(m_nets[k], m_opts, train, member_run{k + 1, m_opts.seed + k, fit_start},
                      progress, user_data);
    }
}

autoencoder::query_scope::query_scope(const autoencoder& model, const char* operation)
    : m_model(model)
{
    // Announce the query before looking at the training flag; see m_queries.
    m_model.m_queries.fetch_add(1);
    if (m_model.m_training.load())
    {
        m_model.m_queries.fetch_sub(1);
        fail(SAE_ERR_STATE, std::string(operation) + ": the model is being trained");
    }
    if (!m_model.m_fitted)
    {
        m_model.m_queries.fetch_sub(1);
        fail(SAE_ERR_STATE, std::string(operation) + ": the model has not been trained");
    }
}

autoencoder::query_scope::~query_scope()
{
    m_model.m_queries.fetch_sub(1);
}

void autoencoder::require_input_shape(const ratings& input, const char* operation) const
{
    std::uint32_t width = m_nets[0].n_items();
    if (input.n_items() != m_n_items || row_width(input) != width)
    {
        bool by_item = m_opts.orientation == SAE_ORIENTATION_ITEM;
        fail(SAE_ERR_DIMENSION,
             std::string(operation) + ": the data set is " + std::to_string(input.n_users())
                 + " x " + std::to_string(input.n_items()) + " but the model was trained on "
                 + (by_item ? std::to_string(width) + " users and " : std::string())
                 + std::to_string(m_n_items) + " items");
    }
}

namespace
{

constexpr std::uint32_t exponent_mask = 0x7f800000u;

}  // namespace

void autoencoder::predict(const float* row, float* out) const
{
    query_scope query(*this, "predict");

    // A branch-free pass (it vectorises) tells whether a value is bad; then find which. The
    // exponent bits of an infinity or a NaN are all ones, so their complement has none.
    std::uint32_t fewest_exponent_zeros = exponent_mask;
    for (std::uint32_t j = 0; j < m_n_items; ++j)
    {
        std::uint32_t bits;
        std::memcpy(&bits, &row[j], sizeof bits);
        fewest_exponent_zeros = std::min(fewest_exponent_zeros, ~bits & exponent_mask);
    }
    bool all_finite = fewest_exponent_zeros != 0;
    for (std::uint32_t j = 0; !all_finite && j < m_n_items; ++j)
    {
        if (!std::isfinite(row[j]))
        {
            fail(SAE_ERR_INVALID_ARGUMENT, "predict: ratings[" + std::to_string(j)
                                               + "] is not finite");
        }
    }

    if (sparse_model())
    {
        pass_workspace ws(m_nets[0]);
        predict_dense(m_nets[0], m_opts, row, out, ws);
        return;
    }
    if (m_opts.orientation == SAE_ORIENTATION_ITEM)
    {
        fail(SAE_ERR_STATE, "predict: an item-based model reads every user's ratings of an item;"
                            " predict from a data set with sae_predict_users()");
    }

    std::vector<rating_entry> entries;
    for (std::uint32_t j = 0; j < m_n_items; ++j)
    {
        if (row[j] != 0.0f)
        {
            entries.push_back({0, j, row[j]});
        }
    }
    ratings one(entries, 1, m_n_items, [](std::size_t j) { return "ratings[" + std::to_string(j)
                                                                  + "]"; });
    auto predicted = predict_matrix(m_nets.data(), m_nets.size(), m_opts, one);
    std::copy(predicted.begin(), predicted.end(), out);
}

void autoencoder::predict_users(const ratings& input,
                                const std::uint32_t* users,
                                std::size_t n,
                                float* out) const
{
    query_scope query(*this, "predict_users");
    require_input_shape(input, "predict_users");
    if (sparse_model())
    {
        sae::predict_users(m_nets[0], m_opts, input, users, n, out);
        return;
    }

    auto predicted = predict_matrix(m_nets.data(), m_nets.size(), m_opts, input);
    for (std::size_t k = 0; k < n; ++k)
    {
        const float* row = predicted.data() + std::size_t(users[k]) * m_n_items;
        std::copy(row, row + m_n_items, out + k * m_n_items);
    }
}

metrics autoencoder::evaluate(const ratings& input, const ratings& target) const
{
    query_scope query(*this, "evaluate");
    if (target.n_items() != m_n_items || input.n_users() != target.n_users())
    {
        fail(SAE_ERR_DIMENSION,
             "evaluate: input is " + std::to_string(input.n_users()) + " x "
                 + std::to_string(input.n_items()) + ", target "
                 + std::to_string(target.n_users()) + " x " + std::to_string(target.n_items())
                 + ", model expects " + std::to_string(m_n_items) + " items in both");
    }
    require_input_shape(input, "evaluate");

    if (sparse_model())
    {
        return sae::evaluate(m_nets[0], m_opts, input, target);
    }
    return score_matrix(predict_matrix(m_nets.data(), m_nets.size(), m_opts, input), target);
}

void autoencoder::save(const std::string& path) const
{
    query_scope query(*this, "save");
    save_model(path, m_opts, m_nets, m_n_items);
}

}  // namespace sae
