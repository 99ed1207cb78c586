/// @file trainer.hpp
/// @brief The training loop: one user per step, in id order, for a number of epochs.
#ifndef SAE_LIB_TRAINER_HPP
#define SAE_LIB_TRAINER_HPP

#include <cstdint>

#include "network.hpp"
#include "ratings.hpp"
#include "sae.h"

namespace sae
{

/// Trains `net` on every user of `train` with at least one rating.
///
/// Throws sae::error with SAE_ERR_CANCELLED when `progress` asks to stop, and with
/// SAE_ERR_DIVERGED when an epoch's loss is not finite; either way `net` is left with the
/// parameters of the last finished, finite epoch (its initial ones if there is none).
void train_network(network& net,
                   const sae_options& opts,
                   const ratings& train,
                   sae_progress_fn progress,
                   void* user_data);

/// With two threads or more the trainer falls back to one thread while the two cannot run at
/// once, and tries two again later; for tests, `switch_every` > 0 also switches between the
/// two ways every that many steps.
void train_network(network& net,
                   const sae_options& opts,
                   const ratings& train,
                   sae_progress_fn progress,
                   void* user_data,
                   std::uint64_t switch_every);

}  // namespace sae

#endif
