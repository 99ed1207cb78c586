#include "optimizer.hpp"

#include <cmath>

#include "cpu_clones.hpp"

namespace sae
{
namespace
{

/// The per-step constants of adam_update().
struct adam_factors
{
    float beta1;
    float beta2;
    float epsilon;
    float step_size;
    float second_scale;
    float coupled_decay;
    float shrink;
};

// The square root and division run 16 lanes wide where AVX-512 exists.
SAE_CPU_CLONES
void adam_update(float* __restrict params,
                 const float* __restrict grad,
                 float* __restrict first,
                 float* __restrict second,
                 std::size_t n,
                 adam_factors f) noexcept
{
    for (std::size_t i = 0; i < n; ++i)
    {
        float g = grad[i] + f.coupled_decay * params[i];
        first[i] = f.beta1 * first[i] + (1.0f - f.beta1) * g;
        second[i] = f.beta2 * second[i] + (1.0f - f.beta2) * g * g;
        params[i] = f.shrink * params[i]
                    - f.step_size * first[i] / (std::sqrt(second[i]) * f.second_scale + f.epsilon);
    }
}

}  // namespace

sgd_momentum::sgd_momentum(float learning_rate,
                           float momentum,
                           float weight_decay,
                           std::size_t n_params)
    : m_lr(learning_rate)
    , m_momentum(momentum)
    , m_weight_decay(weight_decay)
    , m_velocity(xt::zeros<float>({n_params}))
{
}

void sgd_momentum::step(float* params, const float* grad) noexcept
{
    float* velocity = m_velocity.data();
    for (std::size_t i = 0; i < m_velocity.size(); ++i)
    {
        float g = grad[i] + m_weight_decay * params[i];
        velocity[i] = m_momentum * velocity[i] + g;
        params[i] -= m_lr * velocity[i];
    }
}

adam::adam(float learning_rate,
           float beta1,
           float beta2,
           float epsilon,
           float weight_decay,
           bool decoupled,
           std::size_t n_params)
    : m_lr(learning_rate)
    , m_beta1(beta1)
    , m_beta2(beta2)
    , m_epsilon(epsilon)
    , m_weight_decay(weight_decay)
    , m_decoupled(decoupled)
    , m_first(xt::zeros<float>({n_params}))
    , m_second(xt::zeros<float>({n_params}))
{
}

void adam::step(float* params, const float* grad) noexcept
{
    // The powers are kept in double: after thousands of steps β^t in float would stall at the
    // smallest step it can represent, and the bias correction would drift.
    m_beta1_power *= m_beta1;
    m_beta2_power *= m_beta2;
    const float step_size = float(m_lr / (1.0 - m_beta1_power));
    const float second_scale = float(1.0 / std::sqrt(1.0 - m_beta2_power));
    const float coupled = m_decoupled ? 0.0f : m_weight_decay;
    const float shrink = m_decoupled ? 1.0f - m_lr * m_weight_decay : 1.0f;

    adam_update(params, grad, m_first.data(), m_second.data(), m_first.size(),
                adam_factors{m_beta1, m_beta2, m_epsilon, step_size, second_scale, coupled,
                             shrink});
}

rmsprop_optimizer::rmsprop_optimizer(rmsprop_config config, std::size_t n_params)
    : m_impl(config, n_params)
{
}

void rmsprop_optimizer::step(float* params, const float* grad) noexcept
{
    m_impl.step(params, grad);
}

std::unique_ptr<optimizer> make_optimizer(const sae_options& opts, std::size_t n_params)
{
    auto lr = float(opts.learning_rate);
    auto decay = float(opts.weight_decay);

    switch (opts.optimizer)
    {
        case SAE_OPTIMIZER_SGD:
            return std::make_unique<sgd_momentum>(lr, float(opts.momentum), decay, n_params);
        case SAE_OPTIMIZER_ADAM:
        case SAE_OPTIMIZER_ADAMW:
            return std::make_unique<adam>(lr, float(opts.momentum), float(opts.beta2),
                                          float(opts.epsilon), decay,
                                          opts.optimizer == SAE_OPTIMIZER_ADAMW, n_params);
        default:
            return std::make_unique<rmsprop_optimizer>(
                rmsprop_config{lr, decay, float(opts.rmsprop_alpha), float(opts.epsilon)},
                n_params);
    }
}

}  // namespace sae
