/// @file json_line.hpp
/// @brief One JSON object on one line, built field by field, as every benchmark mode prints.
#ifndef SAE_BENCH_JSON_LINE_HPP
#define SAE_BENCH_JSON_LINE_HPP

#include <cstdint>
#include <string>
#include <vector>

namespace sae_bench
{

/// Fields are written in the order they are added; the report reads them by name.
class json_line
{
public:
    /// A string, escaped; bytes that are not UTF-8 become U+FFFD so the line stays readable.
    json_line& text(const char* key, const std::string& value);

    json_line& whole(const char* key, std::uint64_t value);

    /// A number with `decimals` digits after the point, or null when it is NaN or infinite.
    json_line& real(const char* key, double value, int decimals);

    json_line& wholes(const char* key, const std::vector<std::uint32_t>& values);

    /// Writes the object and a newline to stdout.
    void print() const;

private:
    void start_field(const char* key);

    std::string m_body;
};

/// `value` as a JSON string literal, quotes included.
[[nodiscard]] std::string json_quoted(const std::string& value);

}  // namespace sae_bench

#endif
