/// @file rmsprop.hpp
/// @brief RMSprop with weight decay added to the gradient, as torch.optim.RMSprop computes it.
#ifndef SAE_LIB_RMSPROP_HPP
#define SAE_LIB_RMSPROP_HPP

#include <cstddef>

#include <xtensor/xtensor.hpp>

namespace sae
{

/// Hyper-parameters of rmsprop_step().
struct rmsprop_config
{
    float learning_rate;
    float weight_decay;
    float alpha;
    float epsilon;
};

/// RMSprop state: the running mean of squared gradients, one per parameter.
class rmsprop
{
public:
    rmsprop(rmsprop_config config, std::size_t n_params);

    /// One update of every parameter from `grad`:
    ///   g = grad + weight_decay · p;  v = alpha · v + (1 - alpha) · g²;
    ///   p -= learning_rate · g / (sqrt(v) + epsilon).
    void step(float* params, const float* grad) noexcept;

    [[nodiscard]] const xt::xtensor<float, 1>& mean_square() const noexcept { return m_mean_square; }

private:
    rmsprop_config m_config;
    xt::xtensor<float, 1> m_mean_square;
};

}  // namespace sae

#endif
