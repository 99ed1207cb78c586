#include "autoencoder.hpp"

#include <cmath>

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
    model->m_net = std::move(stored.net);
    model->m_fitted = true;
    return model;
}

void autoencoder::fit(const ratings& train, sae_progress_fn progress, void* user_data)
{
    if (m_training.exchange(true))
    {
        fail(SAE_ERR_STATE, "fit: the model is already being trained by another thread");
    }
    flag_guard training(m_training);

    if (train.size() == 0)
    {
        fail(SAE_ERR_INVALID_ARGUMENT, "fit: the training set has no ratings");
    }
    if (m_fitted && train.n_items() != m_net.n_items())
    {
        fail(SAE_ERR_DIMENSION, "fit: the training set has " + std::to_string(train.n_items())
                                    + " items but the model was trained on "
                                    + std::to_string(m_net.n_items()));
    }

    if (!m_fitted)
    {
        m_net = network(train.n_items(), m_opts);
        m_net.initialise(m_opts.seed);
        m_fitted = true;
    }
    train_network(m_net, m_opts, train, progress, user_data);
}

void autoencoder::require_ready(const char* operation) const
{
    if (!m_fitted)
    {
        fail(SAE_ERR_STATE, std::string(operation) + ": the model has not been trained");
    }
    if (m_training.load())
    {
        fail(SAE_ERR_STATE, std::string(operation) + ": the model is being trained");
    }
}

void autoencoder::predict(const float* row, float* out) const
{
    require_ready("predict");
    for (std::uint32_t j = 0; j < m_net.n_items(); ++j)
    {
        if (!std::isfinite(row[j]))
        {
            fail(SAE_ERR_INVALID_ARGUMENT, "predict: ratings[" + std::to_string(j)
                                               + "] is not finite");
        }
    }

    pass_workspace ws(m_net);
    predict_dense(m_net, m_opts, row, out, ws);
}

void autoencoder::predict_users(const ratings& input,
                                const std::uint32_t* users,
                                std::size_t n,
                                float* out) const
{
    require_ready("predict_users");
    if (input.n_items() != m_net.n_items())
    {
        fail(SAE_ERR_DIMENSION, "predict_users: the data set has " + std::to_string(input.n_items())
                                    + " items but the model " + std::to_string(m_net.n_items()));
    }
    sae::predict_users(m_net, m_opts, input, users, n, out);
}

metrics autoencoder::evaluate(const ratings& input, const ratings& target) const
{
    require_ready("evaluate");
    if (input.n_items() != m_net.n_items() || target.n_items() != m_net.n_items()
        || input.n_users() != target.n_users())
    {
        fail(SAE_ERR_DIMENSION,
             "evaluate: input is " + std::to_string(input.n_users()) + " x "
                 + std::to_string(input.n_items()) + ", target "
                 + std::to_string(target.n_users()) + " x " + std::to_string(target.n_items())
                 + ", model expects " + std::to_string(m_net.n_items()) + " items in both");
    }
    return sae::evaluate(m_net, m_opts, input, target);
}

void autoencoder::save(const std::string& path) const
{
    require_ready("save");
    save_model(path, m_opts, m_net);
}

}  // namespace sae
