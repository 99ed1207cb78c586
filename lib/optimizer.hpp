/// @file optimizer.hpp
/// @brief Parameter updates of the batched trainer: SGD with momentum, RMSprop, Adam, AdamW.
#ifndef SAE_LIB_OPTIMIZER_HPP
#define SAE_LIB_OPTIMIZER_HPP

#include <cstddef>
#include <memory>

#include <xtensor/xtensor.hpp>

#include "rmsprop.hpp"
#include "sae.h"

namespace sae
{

/// Updates every parameter from its gradient; holds whatever per-parameter state it needs.
class optimizer
{
public:
    virtual ~optimizer() = default;

    /// One update of `n_params` parameters in place from `grad`.
    virtual void step(float* params, const float* grad) noexcept = 0;
};

/// Heavy-ball SGD: g = grad + weight_decay · p;  v = momentum · v + g;  p -= lr · v.
class sgd_momentum final : public optimizer
{
public:
    sgd_momentum(float learning_rate, float momentum, float weight_decay, std::size_t n_params);

    void step(float* params, const float* grad) noexcept override;

private:
    float m_lr;
    float m_momentum;
    float m_weight_decay;
    xt::xtensor<float, 1> m_velocity;
};

/// Adam with bias-corrected moments. With `decoupled` false (Adam), weight_decay · p is added
/// to the gradient; with it true (AdamW), p -= lr · weight_decay · p happens beside the Adam
/// step, so the decay is not rescaled by the second moment:
///   m = β1 · m + (1 - β1) · g;  v = β2 · v + (1 - β2) · g²;
///   p -= lr · (m / (1 - β1^t)) / (sqrt(v / (1 - β2^t)) + eps).
class adam final : public optimizer
{
public:
    adam(float learning_rate, float beta1, float beta2, float epsilon, float weight_decay,
         bool decoupled, std::size_t n_params);

    void step(float* params, const float* grad) noexcept override;

private:
    float m_lr;
    float m_beta1;
    float m_beta2;
    float m_epsilon;
    float m_weight_decay;
    bool m_decoupled;
    double m_beta1_power = 1.0;
    double m_beta2_power = 1.0;
    xt::xtensor<float, 1> m_first;
    xt::xtensor<float, 1> m_second;
};

/// The notebook's RMSprop behind the optimizer interface.
class rmsprop_optimizer final : public optimizer
{
public:
    rmsprop_optimizer(rmsprop_config config, std::size_t n_params);

    void step(float* params, const float* grad) noexcept override;

private:
    rmsprop m_impl;
};

/// The optimizer the options name, for `n_params` parameters.
[[nodiscard]] std::unique_ptr<optimizer> make_optimizer(const sae_options& opts,
                                                        std::size_t n_params);

}  // namespace sae

#endif
