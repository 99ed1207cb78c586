#include "rmsprop.hpp"

#include <cmath>

namespace sae
{

rmsprop::rmsprop(rmsprop_config config, std::size_t n_params)
    : m_config(config)
    , m_mean_square(xt::zeros<float>({n_params}))
{
}

void rmsprop::step(float* __restrict params, const float* __restrict grad) noexcept
{
    const float lr = m_config.learning_rate;
    const float decay = m_config.weight_decay;
    const float alpha = m_config.alpha;
    const float one_minus_alpha = 1.0f - alpha;
    const float eps = m_config.epsilon;
    float* __restrict v = m_mean_square.data();
    const std::size_t n = m_mean_square.size();

    // Every parameter moves at every step (weight decay alone guarantees a non-zero g), so this
    // loop is the floor of the training cost; it must stay branch-free to vectorise.
    for (std::size_t i = 0; i < n; ++i)
    {
        float g = grad[i] + decay * params[i];
        v[i] = alpha * v[i] + one_minus_alpha * g * g;
        params[i] -= lr * g / (std::sqrt(v[i]) + eps);
    }
}

}  // namespace sae
