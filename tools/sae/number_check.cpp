#include "number_check.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <string>

namespace sae_cli
{

namespace
{

/// The value of `digits`, or nothing when it does not fit in 64 bits.
std::optional<std::uint64_t> parse_digits(const std::string& digits)
{
    std::uint64_t value = 0;
    const char* end = digits.data() + digits.size();
    auto [stop, error] = std::from_chars(digits.data(), end, value);
    if (error != std::errc() || stop != end)
    {
        return std::nullopt;
    }
    return value;
}

std::string check_number(const std::string& text, std::uint64_t min, std::uint64_t max)
{
    const bool all_digits = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return c >= '0' && c <= '9';
    });
    if (!all_digits)
    {
        return "'" + text + "' is not a non-negative whole number";
    }

    // CLI11 would read a leading zero as the start of an octal number.
    if (text.size() > 1 && text[0] == '0')
    {
        return "'" + text + "' starts with a zero";
    }

    const std::optional<std::uint64_t> value = parse_digits(text);
    if (!value || *value < min || *value > max)
    {
        return "Value " + text + " not in range " + std::to_string(min) + " to "
               + std::to_string(max);
    }
    return "";
}

}  // namespace

CLI::Validator whole_number(std::uint64_t min, std::uint64_t max)
{
    // An empty description keeps the help text to the option's own type name.
    return CLI::Validator(
        [min, max](const std::string& text) {
            return check_number(text, min, max);
        },
        "");
}

}  // namespace sae_cli
