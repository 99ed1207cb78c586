/// @file batch_trainer.hpp
/// @brief The batched training loop: shuffled mini-batches of rows, validation, best epoch.
#ifndef SAE_LIB_BATCH_TRAINER_HPP
#define SAE_LIB_BATCH_TRAINER_HPP

#include <chrono>
#include <cstdint>

#include "network.hpp"
#include "ratings.hpp"
#include "sae.h"

namespace sae
{

/// Which network of an ensemble is trained, and with which seed.
struct member_run
{
    std::uint32_t index;  ///< From 1, as reported to the progress callback.
    std::uint64_t seed;   ///< Seeds the validation split, the batch order and dropout.
    /// When sae_fit() started: progress reports count from there for every network.
    std::chrono::steady_clock::time_point fit_start;
};

/// Trains `net` on `train` in the options' orientation with mini-batches of options.batch_size
/// rows, for at most options.epochs epochs.
///
/// With a validation fraction, that share of `train` is held out (drawn from `member.seed`),
/// never trained on, scored after every epoch, and `net` ends with the parameters of the epoch
/// that scored best; options.patience stops training early. Throws sae::error with
/// SAE_ERR_CANCELLED or SAE_ERR_DIVERGED as train_network() does.
void train_batched(network& net,
                   const sae_options& opts,
                   const ratings& train,
                   member_run member,
                   sae_progress_fn progress,
                   void* user_data);

}  // namespace sae

#endif
