/// @file rmsprop.hpp
/// @brief RMSprop with weight decay added to the gradient, as torch.optim.RMSprop computes it.
#ifndef SAE_LIB_RMSPROP_HPP
#define SAE_LIB_RMSPROP_HPP

#include <cstddef>
#include <cstdint>
#include <memory>

#include <xtensor/xtensor.hpp>

#include "worker_pool.hpp"

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
    /// State for `n_params` parameters, updated by up to `threads` threads (0: one per core).
    rmsprop(rmsprop_config config, std::size_t n_params, std::uint32_t threads = 1);

    /// One update of every parameter from `grad`:
    ///   g = grad + weight_decay · p;  v = alpha · v + (1 - alpha) · g²;
    ///   p -= learning_rate · g / (sqrt(v) + epsilon).
    /// Each parameter's update reads nothing else, so any split across threads gives the same
    /// bits as one thread.
    void step(float* params, const float* grad) noexcept;

    [[nodiscard]] const xt::xtensor<float, 1>& mean_square() const noexcept
    {
        return m_mean_square;
    }

private:
    static void step_part(void* context, unsigned part, unsigned n_parts) noexcept;

    rmsprop_config m_config;
    xt::xtensor<float, 1> m_mean_square;
    std::unique_ptr<worker_pool> m_pool;  ///< Null when one thread does every update.
    float* m_params = nullptr;            ///< Arguments of the step in progress, for the pool.
    const float* m_grad = nullptr;
};

}  // namespace sae

#endif
