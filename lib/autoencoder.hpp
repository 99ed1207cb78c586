/// @file autoencoder.hpp
/// @brief The model behind an sae_model handle: options, network and training state.
#ifndef SAE_LIB_AUTOENCODER_HPP
#define SAE_LIB_AUTOENCODER_HPP

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "evaluation.hpp"
#include "network.hpp"
#include "ratings.hpp"
#include "sae.h"

namespace sae
{

/// A stacked autoencoder recommender; rows are users, columns items.
///
/// Every method throws sae::error on bad input. Const methods may run concurrently with each
/// other; fit() must not run concurrently with anything on the same object.
class autoencoder
{
public:
    /// Validates and keeps a copy of `opts`; the network is built by the first fit().
    explicit autoencoder(const sae_options& opts);

    /// Reads a model file written by save().
    [[nodiscard]] static std::unique_ptr<autoencoder> load(const std::string& path);

    /// Trains on `train`, initialising the weights from the seed on the first call.
    void fit(const ratings& train, sae_progress_fn progress, void* user_data);

    /// Predicts all n_items ratings from a dense row.
    void predict(const float* row, float* out) const;

    /// Predicts full rows for `n` 0-based users of `input` into `out` (n × n_items).
    void predict_users(const ratings& input, const std::uint32_t* users, std::size_t n,
                       float* out) const;

    /// Scores predictions from `input` rows against `target` ratings.
    [[nodiscard]] metrics evaluate(const ratings& input, const ratings& target) const;

    /// Writes the model atomically.
    void save(const std::string& path) const;

    [[nodiscard]] const sae_options& options() const noexcept { return m_opts; }
    [[nodiscard]] bool fitted() const noexcept { return m_fitted; }

    /// Items read and predicted; 0 before the first fit().
    [[nodiscard]] std::uint32_t n_items() const noexcept { return m_fitted ? m_net.n_items() : 0; }

private:
    /// Throws unless the model is trained and not being trained right now.
    void require_ready(const char* operation) const;

    sae_options m_opts;
    network m_net;
    bool m_fitted = false;
    // Set while fit() runs, so that a concurrent query fails cleanly instead of racing.
    std::atomic<bool> m_training{false};
};

}  // namespace sae

#endif
