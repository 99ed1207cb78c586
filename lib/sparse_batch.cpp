#include "sparse_batch.hpp"

#include <algorithm>

#include "cpu_clones.hpp"

namespace sae
{
namespace
{

using matrix = xt::xtensor<float, 2>;

/// Σ a_i · b_i in `lanes` interleaved partial sums, added up in a fixed order at the end: the
/// sums run side by side in one register, and the result does not depend on the clone.
[[gnu::always_inline]] inline float dot(const float* __restrict a,
                                        const float* __restrict b,
                                        std::size_t n) noexcept
{
    constexpr std::size_t lanes = 16;
    float partial[lanes] = {};
    std::size_t i = 0;
    for (; i + lanes <= n; i += lanes)
    {
        for (std::size_t k = 0; k < lanes; ++k)
        {
            partial[k] += a[i + k] * b[i + k];
        }
    }
    for (std::size_t k = 0; i + k < n; ++k)
    {
        partial[k] += a[i + k] * b[i + k];
    }

    float sum = 0.0f;
    for (float p : partial)
    {
        sum += p;
    }
    return sum;
}

}  // namespace

namespace
{

/// Appends one row's rated entries to `out`, each kept with probability 1 - dropout (and then
/// scaled by 1 / (1 - dropout)) or zeroed, drawing once an entry, in column order.
class rated_gatherer
{
public:
    rated_gatherer(float dropout, std::mt19937_64& engine, sparse_batch& out)
        : m_dropout(dropout)
        , m_kept(1.0 - double(dropout))
        , m_scale(dropout > 0.0f ? 1.0f / (1.0f - dropout) : 1.0f)
        , m_engine(engine)
        , m_out(out)
    {
        out.row_starts.assign(1, 0);
        out.columns.clear();
        out.values.clear();
        out.targets.clear();
    }

    void add(std::uint32_t column, float value)
    {
        float factor = m_dropout <= 0.0f || m_kept(m_engine) ? m_scale : 0.0f;
        m_out.columns.push_back(column);
        m_out.values.push_back(value * factor);
        m_out.targets.push_back(value);
    }

    void end_row() { m_out.row_starts.push_back(m_out.columns.size()); }

private:
    float m_dropout;
    std::bernoulli_distribution m_kept;
    float m_scale;
    std::mt19937_64& m_engine;
    sparse_batch& m_out;
};

}  // namespace

void gather_rated(const matrix& rows, float dropout, std::mt19937_64& engine, sparse_batch& out)
{
    std::size_t n_rows = rows.shape()[0];
    std::size_t width = rows.shape()[1];
    rated_gatherer gather(dropout, engine, out);

    for (std::size_t r = 0; r < n_rows; ++r)
    {
        const float* row = rows.data() + r * width;
        for (std::size_t c = 0; c < width; ++c)
        {
            if (row[c] != 0.0f)
            {
                gather.add(std::uint32_t(c), row[c]);
            }
        }
        gather.end_row();
    }
}

namespace
{

/// Gathers rows row_of(0) … row_of(n - 1) of `rows`.
template <class RowOf>
void gather_ratings(const ratings& rows, std::size_t n, RowOf row_of, rated_gatherer& gather)
{
    for (std::size_t r = 0; r < n; ++r)
    {
        std::uint32_t row = row_of(r);
        const std::uint32_t* columns = rows.row_items(row);
        const float* values = rows.row_values(row);
        for (std::size_t k = 0; k < rows.row_size(row); ++k)
        {
            // As in a dense row, where 0 means not rated.
            if (values[k] != 0.0f)
            {
                gather.add(columns[k], values[k]);
            }
        }
        gather.end_row();
    }
}

}  // namespace

void gather_rated(const ratings& rows,
                  const std::size_t* which,
                  std::size_t n,
                  float dropout,
                  std::mt19937_64& engine,
                  sparse_batch& out)
{
    rated_gatherer gather(dropout, engine, out);
    gather_ratings(rows, n, [which](std::size_t r) { return std::uint32_t(which[r]); }, gather);
}

void gather_every_row(const ratings& rows, sparse_batch& out)
{
    // Without dropout the engine is never drawn from.
    std::mt19937_64 unused(0);
    rated_gatherer gather(0.0f, unused, out);
    gather_ratings(rows, rows.n_users(), [](std::size_t r) { return std::uint32_t(r); }, gather);
}

// Cloned per instruction set: these loops are most of a training epoch.

SAE_CPU_CLONES
void sparse_times_weights(const sparse_batch& input,
                          const float* w,
                          std::size_t fan_out,
                          matrix& z) noexcept
{
    std::fill(z.begin(), z.end(), 0.0f);
    for (std::size_t r = 0; r + 1 < input.row_starts.size(); ++r)
    {
        float* out = z.data() + r * fan_out;
        for (std::size_t k = input.row_starts[r]; k < input.row_starts[r + 1]; ++k)
        {
            const float* row = w + std::size_t(input.columns[k]) * fan_out;
            const float value = input.values[k];
            for (std::size_t o = 0; o < fan_out; ++o)
            {
                out[o] += value * row[o];
            }
        }
    }
}

SAE_CPU_CLONES
void sparse_transposed_times(const sparse_batch& input,
                             const matrix& delta,
                             std::size_t fan_in,
                             float* gw) noexcept
{
    std::size_t fan_out = delta.shape()[1];
    std::fill(gw, gw + fan_in * fan_out, 0.0f);
    for (std::size_t r = 0; r + 1 < input.row_starts.size(); ++r)
    {
        const float* d = delta.data() + r * fan_out;
        for (std::size_t k = input.row_starts[r]; k < input.row_starts[r + 1]; ++k)
        {
            float* row = gw + std::size_t(input.columns[k]) * fan_out;
            const float value = input.values[k];
            for (std::size_t o = 0; o < fan_out; ++o)
            {
                row[o] += value * d[o];
            }
        }
    }
}

/// z_k = b_j + W_j · h_r for each rated entry k = (r, j), W stored (fan_out × fan_in).
SAE_CPU_CLONES
void rated_outputs(const sparse_batch& input,
                   const matrix& hidden,
                   const float* w,
                   const float* b,
                   std::vector<float>& z)
{
    std::size_t fan_in = hidden.shape()[1];
    z.resize(input.columns.size());
    for (std::size_t r = 0; r + 1 < input.row_starts.size(); ++r)
    {
        const float* h = hidden.data() + r * fan_in;
        for (std::size_t k = input.row_starts[r]; k < input.row_starts[r + 1]; ++k)
        {
            const float* row = w + std::size_t(input.columns[k]) * fan_in;
            z[k] = dot(row, h, fan_in) + b[input.columns[k]];
        }
    }
}

SAE_CPU_CLONES
void rated_outputs_backward(const sparse_batch& input,
                            const std::vector<float>& delta,
                            const matrix& hidden,
                            const float* w,
                            float* gw,
                            float* gb,
                            matrix& d_hidden) noexcept
{
    std::size_t fan_in = hidden.shape()[1];
    for (std::size_t r = 0; r + 1 < input.row_starts.size(); ++r)
    {
        const float* h = hidden.data() + r * fan_in;
        float* dh = d_hidden.data() + r * fan_in;
        for (std::size_t k = input.row_starts[r]; k < input.row_starts[r + 1]; ++k)
        {
            std::size_t j = input.columns[k];
            const float* row = w + j * fan_in;
            float* grow = gw + j * fan_in;
            const float d = delta[k];
            gb[j] += d;
            for (std::size_t i = 0; i < fan_in; ++i)
            {
                grow[i] += d * h[i];
                dh[i] += d * row[i];
            }
        }
    }
}

void outputs_at_entries(const std::vector<rating_entry>& entries,
                        bool item_rows,
                        const matrix& hidden,
                        const float* w,
                        const float* b,
                        std::vector<float>& z)
{
    std::size_t fan_in = hidden.shape()[1];
    z.resize(entries.size());
    for (std::size_t k = 0; k < entries.size(); ++k)
    {
        std::size_t row = item_rows ? entries[k].item : entries[k].user;
        std::size_t column = item_rows ? entries[k].user : entries[k].item;
        z[k] = dot(w + column * fan_in, hidden.data() + row * fan_in, fan_in) + b[column];
    }
}

}  // namespace sae
