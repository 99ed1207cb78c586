/// @file line_aligned.hpp
/// @brief Floats placed at the same offset within a cache line as another array.
#ifndef SAE_LIB_LINE_ALIGNED_HPP
#define SAE_LIB_LINE_ALIGNED_HPP

#include <cstddef>
#include <cstdint>
#include <vector>

namespace sae
{

/// `n` zeroed floats whose address has the same remainder modulo 64 bytes as `like`.
///
/// The optimiser's loop reads and writes the parameters, their gradients and its own state
/// side by side. When the three start at different offsets within their cache lines, no peeled
/// prefix aligns them all, and every wide access of some of them straddles two lines: the loop
/// then runs 20 to 40 % slower. Parameters start wherever their owner put them, so the other
/// arrays follow them.
class line_aligned_floats
{
public:
    static constexpr std::size_t line_bytes = 64;

    line_aligned_floats() = default;

    line_aligned_floats(std::size_t n, const float* like)
        : m_storage(n + line_bytes / sizeof(float) - 1, 0.0f)
        , m_size(n)
    {
        auto have = reinterpret_cast<std::uintptr_t>(m_storage.data()) % line_bytes;
        auto want = reinterpret_cast<std::uintptr_t>(like) % line_bytes;
        m_offset = (want + line_bytes - have) % line_bytes / sizeof(float);
    }

    [[nodiscard]] float* data() noexcept { return m_storage.data() + m_offset; }
    [[nodiscard]] const float* data() const noexcept { return m_storage.data() + m_offset; }
    [[nodiscard]] std::size_t size() const noexcept { return m_size; }

    [[nodiscard]] float* begin() noexcept { return data(); }
    [[nodiscard]] float* end() noexcept { return data() + m_size; }

private:
    std::vector<float> m_storage;
    std::size_t m_size = 0;
    std::size_t m_offset = 0;
};

}  // namespace sae

#endif
