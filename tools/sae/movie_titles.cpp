#include "movie_titles.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <sae.h>

#include "cli_error.hpp"

namespace sae_cli
{

namespace
{

/// Ids above this are not MovieLens movies but a typo, and would make the table huge.
constexpr uint32_t max_movie_id = 10'000'000;

/// Largest u.item accepted; the real one is 236 kB. Bounds what a wrong path can make us read.
constexpr std::uintmax_t max_file_size = std::uintmax_t(64) << 20;

/// Latin-1 maps each byte to the code point of the same value, so every byte at or above 0x80
/// becomes a two-byte UTF-8 sequence. Control characters (C0, DEL and C1) become '?', so that
/// a crafted file cannot send escape sequences to the terminal.
std::string latin1_to_utf8(const std::string& text)
{
    std::string utf8;
    utf8.reserve(text.size());
    for (const char c : text)
    {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || (byte >= 0x7F && byte < 0xA0))
        {
            utf8.push_back('?');
        }
        else if (byte < 0x80)
        {
            utf8.push_back(c);
        }
        else
        {
            utf8.push_back(static_cast<char>(0xC0 | (byte >> 6)));
            utf8.push_back(static_cast<char>(0x80 | (byte & 0x3F)));
        }
    }
    return utf8;
}

/// Parses a movie id: decimal digits only, at least 1, at most max_movie_id.
bool parse_id(const std::string& text, uint32_t& id)
{
    if (text.empty() || text.size() > 8)
    {
        return false;
    }

    uint32_t value = 0;
    for (const char c : text)
    {
        if (c < '0' || c > '9')
        {
            return false;
        }
        value = value * 10 + static_cast<uint32_t>(c - '0');
    }

    id = value;
    return value >= 1 && value <= max_movie_id;
}

/// Shortens a line for an error message, keeping it on one terminal line.
std::string excerpt(const std::string& line)
{
    constexpr std::size_t max_length = 40;
    const std::string utf8 = latin1_to_utf8(line.substr(0, max_length));
    return "'" + utf8 + (line.size() > max_length ? "...'" : "'");
}

}  // namespace

movie_titles::movie_titles(const std::string& path)
    : m_path(path)
{
    // A FIFO or a device such as /dev/zero would block or never end: only regular files.
    std::error_code error;
    const auto status = std::filesystem::status(path, error);
    if (!error && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
    {
        throw cli_error(SAE_ERR_IO, "cannot read '" + path + "': not a regular file");
    }
    if (!error && std::filesystem::is_regular_file(status)
        && std::filesystem::file_size(path, error) > max_file_size)
    {
        throw cli_error(SAE_ERR_IO, "cannot read '" + path + "': larger than 64 MB");
    }

    std::ifstream file(path, std::ios::binary);
    if (!file)
    {
        throw cli_error(SAE_ERR_IO, "cannot open '" + path + "': " + std::strerror(errno));
    }

    std::string line;
    std::size_t line_number = 0;
    while (std::getline(file, line))
    {
        ++line_number;
        add_line(line, line_number);
    }

    if (file.bad())
    {
        throw cli_error(SAE_ERR_IO, "cannot read '" + path + "': " + std::strerror(errno));
    }
}

const std::string& movie_titles::title(uint32_t id) const
{
    static const std::string unknown = "(not listed in u.item)";
    const auto found = m_titles.find(id);
    return found == m_titles.end() ? unknown : found->second;
}

void movie_titles::add_line(const std::string& raw_line, std::size_t line_number)
{
    const std::string where = m_path + ":" + std::to_string(line_number) + ": ";

    // Tolerate Windows line ends and blank lines, which some copies of the data have.
    std::string line = raw_line;
    if (!line.empty() && line.back() == '\r')
    {
        line.pop_back();
    }
    if (line.empty())
    {
        return;
    }

    // Only the first two fields matter here; the title runs to the next '|' or the line end.
    const std::size_t id_end = line.find('|');
    if (id_end == std::string::npos)
    {
        throw cli_error(SAE_ERR_PARSE, where + "expected 'id|title|...', found " + excerpt(line));
    }
    const std::size_t title_end = line.find('|', id_end + 1);

    uint32_t id = 0;
    const std::string id_text = line.substr(0, id_end);
    if (!parse_id(id_text, id))
    {
        throw cli_error(SAE_ERR_PARSE, where + "movie id " + excerpt(id_text) + " is not valid");
    }

    if (m_titles.count(id) != 0)
    {
        throw cli_error(SAE_ERR_PARSE, where + "movie " + id_text + " is listed twice");
    }

    // An empty title would read as "not listed"; MovieLens has none, but keep the id visible.
    const std::string title = line.substr(id_end + 1, title_end - (id_end + 1));
    m_titles[id] = title.empty() ? "(untitled)" : latin1_to_utf8(title);
}

}  // namespace sae_cli
