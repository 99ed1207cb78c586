#ifndef SAE_CLI_BIAS_BASELINE_HPP
#define SAE_CLI_BIAS_BASELINE_HPP

#include <sae.h>

namespace sae_cli
{

/// Scores the baseline r(u, i) = mean + b_u + b_i, clipped to 1..5, fitted on `train`.
///
/// The biases are damped means fitted by alternating least squares: ten passes of
/// b_i = Σ(r - mean - b_u) / (25 + n_i) and b_u = Σ(r - mean - b_i) / (10 + n_u). The damping
/// constants are the usual ones for MovieLens and were not tuned on any test set. An item or a
/// user without training ratings keeps a bias of 0.
[[nodiscard]] sae_metrics evaluate_bias_baseline(const sae_dataset& train,
                                                 const sae_dataset& test);

}  // namespace sae_cli

#endif
