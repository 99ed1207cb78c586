#include "number_check.hpp"

#include <algorithm>

namespace sae_cli
{

namespace
{

std::string check_digits(const std::string& text)
{
    const bool all_digits = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return c >= '0' && c <= '9';
    });
    if (!all_digits)
    {
        return "'" + text + "' is not a non-negative whole number";
    }

    // CLI11 saturates values beyond 64 bits instead of refusing them; 20 digits is the most a
    // uint64_t has, and a 20-digit value may still be too large.
    const std::string max_u64 = "18446744073709551615";
    if (text.size() > max_u64.size() || (text.size() == max_u64.size() && text > max_u64))
    {
        return "'" + text + "' is too large";
    }

    // CLI11 would read a leading zero as the start of an octal number.
    if (text.size() > 1 && text[0] == '0')
    {
        return "'" + text + "' starts with a zero";
    }
    return "";
}

}  // namespace

CLI::Validator decimal_digits()
{
    // An empty description keeps the help text to the option's own type name.
    return CLI::Validator(check_digits, "");
}

}  // namespace sae_cli
