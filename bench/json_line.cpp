#include "json_line.hpp"

#include <cmath>
#include <cstdio>

namespace sae_bench
{

namespace
{

/// A lead byte range of UTF-8, its sequence length and the range its second byte must fall in.
struct utf8_lead
{
    unsigned char first, last;
    std::size_t length;
    unsigned char second_low, second_high;
};

// The well-formed sequences of the Unicode standard; the narrower second-byte ranges rule out
// overlong forms, UTF-16 surrogates and values past U+10FFFF, which Python's decoder refuses.
constexpr utf8_lead utf8_leads[] = {
    {0xC2, 0xDF, 2, 0x80, 0xBF}, {0xE0, 0xE0, 3, 0xA0, 0xBF}, {0xE1, 0xEC, 3, 0x80, 0xBF},
    {0xED, 0xED, 3, 0x80, 0x9F}, {0xEE, 0xEF, 3, 0x80, 0xBF}, {0xF0, 0xF0, 4, 0x90, 0xBF},
    {0xF1, 0xF3, 4, 0x80, 0xBF}, {0xF4, 0xF4, 4, 0x80, 0x8F},
};

/// Bytes of the well-formed UTF-8 sequence that starts at `at`, or 0 when there is none.
std::size_t utf8_length(const std::string& s, std::size_t at)
{
    auto byte = [&](std::size_t k) { return at + k < s.size() ? (unsigned char)s[at + k] : 0; };
    if (byte(0) < 0x80)
    {
        return 1;
    }

    for (const utf8_lead& lead : utf8_leads)
    {
        if (byte(0) < lead.first || byte(0) > lead.last)
        {
            continue;
        }
        bool well_formed = byte(1) >= lead.second_low && byte(1) <= lead.second_high;
        for (std::size_t k = 2; k < lead.length; ++k)
        {
            well_formed = well_formed && byte(k) >= 0x80 && byte(k) <= 0xBF;
        }
        return well_formed ? lead.length : 0;
    }
    return 0;
}

void append_escaped(std::string& out, unsigned char c)
{
    switch (c)
    {
        case '"': out += "\\\""; return;
        case '\\': out += "\\\\"; return;
        case '\n': out += "\\n"; return;
        case '\t': out += "\\t"; return;
        case '\r': out += "\\r"; return;
        default: break;
    }
    char code[8];
    std::snprintf(code, sizeof code, "\\u%04x", unsigned(c));
    out += code;
}

}  // namespace

std::string json_quoted(const std::string& value)
{
    std::string out = "\"";
    for (std::size_t at = 0; at < value.size();)
    {
        auto c = (unsigned char)value[at];
        std::size_t length = utf8_length(value, at);
        if (length == 0)
        {
            out += "\\ufffd";
            at += 1;
            continue;
        }

        if (c < 0x20 || c == '"' || c == '\\')
        {
            append_escaped(out, c);
        }
        else
        {
            out.append(value, at, length);
        }
        at += length;
    }
    return out + "\"";
}

void json_line::start_field(const char* key)
{
    if (!m_body.empty())
    {
        m_body += ", ";
    }
    m_body += json_quoted(key) + ": ";
}

json_line& json_line::text(const char* key, const std::string& value)
{
    start_field(key);
    m_body += json_quoted(value);
    return *this;
}

json_line& json_line::whole(const char* key, std::uint64_t value)
{
    start_field(key);
    m_body += std::to_string(value);
    return *this;
}

json_line& json_line::real(const char* key, double value, int decimals)
{
    start_field(key);

    // JSON has no NaN or infinity; null keeps the line parseable and still marks the figure.
    if (!std::isfinite(value))
    {
        m_body += "null";
        return *this;
    }
    int size = std::snprintf(nullptr, 0, "%.*f", decimals, value);
    std::string digits(std::size_t(size) + 1, '\0');
    std::snprintf(digits.data(), digits.size(), "%.*f", decimals, value);
    digits.resize(std::size_t(size));
    m_body += digits;
    return *this;
}

json_line& json_line::wholes(const char* key, const std::vector<std::uint32_t>& values)
{
    start_field(key);
    m_body += "[";
    for (std::size_t k = 0; k < values.size(); ++k)
    {
        m_body += (k ? ", " : "") + std::to_string(values[k]);
    }
    m_body += "]";
    return *this;
}

void json_line::print() const
{
    std::printf("{%s}\n", m_body.c_str());
    std::fflush(stdout);
}

}  // namespace sae_bench
