/// @file bare_update.hpp
/// @brief The RMSprop update alone, with nothing around it: the floor of the seed schedule.
#ifndef SAE_BENCH_BARE_UPDATE_HPP
#define SAE_BENCH_BARE_UPDATE_HPP

#include <cstddef>

namespace sae_bench
{

/// Seconds that `steps` bare RMSprop updates of `n_params` floats take on one thread.
double time_bare_update(std::size_t n_params, std::size_t steps);

}  // namespace sae_bench

#endif
