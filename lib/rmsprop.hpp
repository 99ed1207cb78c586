/// @file rmsprop.hpp
/// @brief RMSprop with weight decay added to the gradient, as torch.optim.RMSprop computes it.
#ifndef SAE_LIB_RMSPROP_HPP
#define SAE_LIB_RMSPROP_HPP

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "line_aligned.hpp"
#include "worker_pool.hpp"

namespace sae
{

/// Hyper-parameters of rmsprop.
struct rmsprop_config
{
    float learning_rate;
    float weight_decay;
    float alpha;
    float epsilon;
};

/// Whether rmsprop leaves parameters at a fixed point alone; see rmsprop.
enum class settling
{
    off,
    on,  ///< The caller reports every change through rmsprop::mark_changed().
};

/// RMSprop state: the running mean of squared gradients, one per parameter.
///
/// A parameter whose gradient stays the same (weight decay alone, or an accumulated gradient
/// that nothing is added to) converges, and often ends at a fixed point: an update that gives
/// back its parameter and mean square bit for bit, usually both subnormal. Updating it again
/// changes nothing, yet arithmetic on subnormals is slow enough on x86 to double the cost of a
/// whole step. With settling::on, such parameters are found and left alone until
/// mark_changed() says that their gradient moved: the bits are those of updating them.
class rmsprop
{
public:
    /// Steps between two searches for newly settled parameters: finding one late only costs
    /// its updates until then.
    static constexpr std::uint32_t settle_check_interval = 256;

    /// State for `n_params` parameters, updated by up to `threads` threads (0: one per core).
    /// The state is laid out to suit parameters at `params` (see line_aligned_floats); any
    /// other address works too, only slower.
    rmsprop(rmsprop_config config,
            std::size_t n_params,
            std::uint32_t threads = 1,
            settling mode = settling::off,
            const float* params = nullptr);

    /// One update of every parameter from `grad`:
    ///   g = grad + weight_decay · p;  v = alpha · v + (1 - alpha) · g²;
    ///   p -= learning_rate · g / (sqrt(v) + epsilon).
    /// Each parameter's update reads nothing else, so any split across threads gives the same
    /// bits as one thread.
    void step(float* params, const float* grad) noexcept;

    /// Says that the gradients or parameters in [begin, end) may have changed since the
    /// previous step. With settling::on, the caller must report every such change.
    void mark_changed(std::size_t begin, std::size_t end) noexcept
    {
        // Called for every row a training step touches: inline, and quick when nothing in
        // the range is settled.
        if (!m_settling || begin >= end)
        {
            return;
        }
        for (std::size_t w = begin / bits_per_word; w <= (end - 1) / bits_per_word; ++w)
        {
            // Most words hold no settled parameter at all.
            if (m_settled[w] == 0)
            {
                continue;
            }
            std::uint64_t span = word_span(w, begin, end);
            if (m_settled[w] & span)
            {
                m_settled[w] &= ~span;
                m_list_stale = true;
            }
        }
    }

    /// Number of parameters that step() leaves alone at present.
    [[nodiscard]] std::size_t settled_params() const noexcept;

    /// The running mean of squared gradients, one a parameter.
    [[nodiscard]] const float* mean_square() const noexcept { return m_mean_square.data(); }

private:
    static constexpr std::size_t bits_per_word = 64;

    /// The bits of word `w` that stand for parameters in [begin, end).
    static std::uint64_t word_span(std::size_t w, std::size_t begin, std::size_t end) noexcept
    {
        std::size_t from = begin > w * bits_per_word ? begin - w * bits_per_word : 0;
        std::size_t to = end < (w + 1) * bits_per_word ? end - w * bits_per_word : bits_per_word;
        std::uint64_t below_to = to == bits_per_word ? ~std::uint64_t(0)
                                                     : (std::uint64_t(1) << to) - 1;
        return below_to & ~((std::uint64_t(1) << from) - 1);
    }

    void update_all(float* params, const float* grad) noexcept;
    static void update_part(void* context, unsigned part, unsigned n_parts) noexcept;

    /// Updates parameters [begin, end), with ordinary values in the place of the settled ones,
    /// so that the vector loop computes nothing subnormal for them, and their own put back.
    void update_range(std::size_t begin, std::size_t end) noexcept;

    /// Removes from the list the parameters that mark_changed() took out of the bit set.
    void drop_unsettled() noexcept;
    void find_settled(const float* params) noexcept;

    rmsprop_config m_config;
    line_aligned_floats m_mean_square;
    std::unique_ptr<worker_pool> m_pool;  ///< Null when one thread does every update.
    float* m_params = nullptr;            ///< Arguments of the step in progress.
    const float* m_grad = nullptr;

    // With settling::on: one bit a parameter, set while it is settled; the settled ones as a
    // list, which may still hold some whose bit mark_changed() cleared when it is stale; and
    // the values before the last check, for a settled parameter its values at the fixed point.
    bool m_settling;
    std::vector<std::uint64_t> m_settled;
    std::vector<std::uint32_t> m_settled_list;
    bool m_list_stale = false;
    std::vector<float> m_held_params;
    std::vector<float> m_held_mean_square;
    std::uint32_t m_steps = 0;
};

}  // namespace sae

#endif
