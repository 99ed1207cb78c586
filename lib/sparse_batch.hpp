/// @file sparse_batch.hpp
/// @brief A batch of rows kept as its rated entries, and the layer products that read only those.
///
/// A row of ratings is mostly unrated (ML-100K's item rows are about 5 % rated), and the masked
/// loss reads only the rated outputs: the batched trainer's first and last layers cost
/// O(rated × width) through these products instead of O(rows × items × width).
#ifndef SAE_LIB_SPARSE_BATCH_HPP
#define SAE_LIB_SPARSE_BATCH_HPP

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include <xtensor/xtensor.hpp>

#include "ratings.hpp"

namespace sae
{

/// The non-zero entries of a batch of rows, row after row (compressed sparse rows).
struct sparse_batch
{
    std::vector<std::size_t> row_starts;  ///< Where each row's entries start; one more at the end.
    std::vector<std::uint32_t> columns;
    std::vector<float> values;   ///< After input dropout.
    std::vector<float> targets;  ///< Before input dropout: what the outputs should be.
};

/// Gathers the non-zero entries of `rows`, applying inverted input dropout to them (dropping a
/// zero would change nothing, so only rated entries draw from `engine`).
void gather_rated(const xt::xtensor<float, 2>& rows,
                  float dropout,
                  std::mt19937_64& engine,
                  sparse_batch& out);

/// The same from rows `which[0, n)` of `rows` (a row per user, or per item once transposed),
/// with the same draws: a batch costs O(its ratings), whatever the rows' width.
void gather_rated(const ratings& rows,
                  const std::size_t* which,
                  std::size_t n,
                  float dropout,
                  std::mt19937_64& engine,
                  sparse_batch& out);

/// Every row of `rows`, without dropout: the input of a pass that predicts.
void gather_every_row(const ratings& rows, sparse_batch& out);

/// z = input · W (B × fan_out) for W stored (fan_in × fan_out): each entry adds its scaled row.
void sparse_times_weights(const sparse_batch& input,
                          const float* w,
                          std::size_t fan_out,
                          xt::xtensor<float, 2>& z) noexcept;

/// gw = inputᵀ · delta (fan_in × delta's width): each entry adds its scaled delta row to the
/// row of its column.
void sparse_transposed_times(const sparse_batch& input,
                             const xt::xtensor<float, 2>& delta,
                             std::size_t fan_in,
                             float* gw) noexcept;

/// z_k = b_j + W_j · h_r at each entry k = (r, j) of `input`, for W stored (n_out × fan_in) and
/// `hidden` = h (B × fan_in).
void rated_outputs(const sparse_batch& input,
                   const xt::xtensor<float, 2>& hidden,
                   const float* w,
                   const float* b,
                   std::vector<float>& z);

/// Backward of rated_outputs() from delta_k: adds to the rows of W (`gw`) and b (`gb`) of the
/// entries' columns, and to dL/dh (`d_hidden`, B × fan_in).
void rated_outputs_backward(const sparse_batch& input,
                            const std::vector<float>& delta,
                            const xt::xtensor<float, 2>& hidden,
                            const float* w,
                            float* gw,
                            float* gb,
                            xt::xtensor<float, 2>& d_hidden) noexcept;

/// z_k = b_j + W_j · h_r at each (user, item) of `entries`, with r the item and j the user when
/// `item_rows`, else the other way round; before activation.
void outputs_at_entries(const std::vector<rating_entry>& entries,
                        bool item_rows,
                        const xt::xtensor<float, 2>& hidden,
                        const float* w,
                        const float* b,
                        std::vector<float>& z);

}  // namespace sae

#endif
