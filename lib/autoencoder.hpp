/// @file autoencoder.hpp
/// @brief The model behind an sae_model handle: options, network and training state.
#ifndef SAE_LIB_AUTOENCODER_HPP
#define SAE_LIB_AUTOENCODER_HPP

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "evaluation.hpp"
#include "network.hpp"
#include "ratings.hpp"
#include "sae.h"
#include "subnormal_mode.hpp"

namespace sae
{

/// A stacked autoencoder recommender, or an ensemble of them averaged.
///
/// Options with batch_size 0 select the notebook's model: one network, rows are users, trained
/// one user per step. Otherwise rows are users or items as the options say, and training runs
/// on mini-batches with a validation split (batch_trainer.hpp).
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
    [[nodiscard]] std::uint32_t n_items() const noexcept { return m_fitted ? m_n_items : 0; }

private:
    /// Counts a query for as long as it runs, so that fit() refuses to start under it; throws
    /// unless the model is trained and not being trained right now.
    class query_scope
    {
    public:
        query_scope(const autoencoder& model, const char* operation);
        ~query_scope();
        query_scope(const query_scope&) = delete;
        query_scope& operator=(const query_scope&) = delete;

    private:
        const autoencoder& m_model;
        subnormals_as_zero m_fast_arithmetic;
    };

    /// True for the notebook's one-user-per-step model.
    [[nodiscard]] bool sparse_model() const noexcept { return m_opts.batch_size == 0; }

    /// Width of a network row for `data`: its items, or its users for item rows.
    [[nodiscard]] std::uint32_t row_width(const ratings& data) const noexcept;

    /// Trains every network of the ensemble in turn.
    void fit_batched(const ratings& train, sae_progress_fn progress, void* user_data);

    /// Throws unless `input` has the shape the networks read.
    void require_input_shape(const ratings& input, const char* operation) const;

    sae_options m_opts;
    std::vector<network> m_nets;
    std::uint32_t m_n_items = 0;
    std::atomic<bool> m_fitted{false};  // Atomic: queries read it while a first fit() sets it.
    // Set while fit() runs, and counting the queries running: each side checks the other
    // after announcing itself, so an overlap of fit() with a query fails cleanly on one side
    // instead of racing (both are sequentially consistent, so one of them always sees it).
    std::atomic<bool> m_training{false};
    mutable std::atomic<std::uint32_t> m_queries{0};
};

}  // namespace sae

#endif
