#include "ratings_reader.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string_view>
#include <sys/stat.h>

#include "error.hpp"

namespace sae
{
namespace
{

using file_ptr = std::unique_ptr<std::FILE, int (*)(std::FILE*)>;

file_ptr open_regular_file(const std::string& path)
{
    struct stat info = {};
    if (::stat(path.c_str(), &info) != 0)
    {
        fail(SAE_ERR_IO, "cannot open '" + path + "': " + std::strerror(errno));
    }
    if (!S_ISREG(info.st_mode))
    {
        fail(SAE_ERR_IO, "cannot read '" + path + "': not a regular file");
    }

    file_ptr file(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!file)
    {
        fail(SAE_ERR_IO, "cannot open '" + path + "': " + std::strerror(errno));
    }
    return file;
}

bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/// Splits a line on a tab, a comma or "::", each with optional spaces around it, or on a run of
/// spaces alone, so that `u.data`, `ratings.dat` and `ratings.csv` lines all parse. Two tabs in
/// a row enclose an empty field, as two commas do: a missing value is never skipped over.
std::vector<std::string_view> split_fields(std::string_view line)
{
    std::size_t first = 0;
    while (first < line.size() && is_blank(line[first]))
    {
        ++first;
    }
    std::size_t last = line.size();
    while (last > first && is_blank(line[last - 1]))
    {
        --last;
    }
    line = line.substr(first, last - first);

    std::vector<std::string_view> fields;
    std::size_t start = 0;
    std::size_t i = 0;
    while (i < line.size())
    {
        if (!is_blank(line[i]) && line[i] != ',' && line.compare(i, 2, "::") != 0)
        {
            ++i;
            continue;
        }

        fields.push_back(line.substr(start, i - start));
        while (i < line.size() && line[i] == ' ')
        {
            ++i;
        }
        if (i < line.size() && (line[i] == ',' || line[i] == '\t'))
        {
            i += 1;
        }
        else if (line.compare(i, 2, "::") == 0)
        {
            i += 2;
        }
        while (i < line.size() && line[i] == ' ')
        {
            ++i;
        }
        start = i;
    }
    fields.push_back(line.substr(start));
    return fields;
}

/// Quotes a field for an error message: shortened, with control bytes (tabs aside) and non-ASCII
/// bytes written as \xNN, so that a binary file can neither cut the message at a NUL nor send
/// escape sequences to a terminal.
std::string quoted(std::string_view value)
{
    constexpr std::size_t shown = 40;
    std::string text = "'";
    for (char c : value.substr(0, shown))
    {
        auto byte = static_cast<unsigned char>(c);
        if ((byte < 0x20 && c != '\t') || byte >= 0x7F)
        {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\x%02X", byte);
            text += escaped;
        }
        else
        {
            text += c;
        }
    }
    return text + (value.size() > shown ? "...'" : "'");
}

std::uint32_t parse_id(std::string_view field, const char* what, const std::string& where)
{
    std::uint64_t value = 0;
    bool digits_only = !field.empty();
    for (char c : field)
    {
        if (c < '0' || c > '9')
        {
            digits_only = false;
            break;
        }
        value = value * 10 + std::uint64_t(c - '0');
        if (value > max_id)
        {
            break;
        }
    }

    if (field.empty())
    {
        fail(SAE_ERR_PARSE, where + ": " + what + " id is empty");
    }
    if (!digits_only)
    {
        fail(SAE_ERR_PARSE, where + ": " + what + " id " + quoted(field) + " is not a number");
    }
    if (value == 0 || value > max_id)
    {
        fail(SAE_ERR_PARSE,
             where + ": " + what + " id " + quoted(field) + " is outside 1.."
                 + std::to_string(max_id));
    }
    return std::uint32_t(value);
}

float parse_rating(std::string_view field, const std::string& where)
{
    std::string text(field);
    char* end = nullptr;
    errno = 0;
    double value = text.empty() ? 0.0 : std::strtod(text.c_str(), &end);

    if (text.empty())
    {
        fail(SAE_ERR_PARSE, where + ": rating is empty");
    }
    if (end != text.c_str() + text.size())
    {
        fail(SAE_ERR_PARSE, where + ": rating " + quoted(field) + " is not a number");
    }
    if (!std::isfinite(value))
    {
        fail(SAE_ERR_PARSE, where + ": rating " + quoted(field) + " is not finite");
    }
    if (errno == ERANGE || std::fabs(value) > 1e30)
    {
        fail(SAE_ERR_PARSE, where + ": rating " + quoted(field) + " is out of range");
    }
    // Tested after the conversion to float: a tiny positive value would become 0, "not rated".
    if (float(value) <= 0.0f)
    {
        fail(SAE_ERR_PARSE,
             where + ": rating " + quoted(field) + " must be greater than 0 (0 means not rated)");
    }
    return float(value);
}

bool looks_like_header(std::string_view line)
{
    // ratings.csv starts with "userId,movieId,rating,timestamp"; no rating line starts with a
    // letter, so such a first line is taken as a header, not an error.
    return !line.empty() && std::isalpha(static_cast<unsigned char>(line[0]));
}

void parse_line(std::string_view line, std::size_t number, const std::string& path,
                ratings_file& out)
{
    const std::string where = path + ":" + std::to_string(number);
    std::vector<std::string_view> fields = split_fields(line);

    if (fields.size() != 3 && fields.size() != 4)
    {
        fail(SAE_ERR_PARSE,
             where + ": expected 3 or 4 fields (user, item, rating[, timestamp]), found "
                 + std::to_string(fields.size()) + " in " + quoted(line));
    }

    std::uint32_t user = parse_id(fields[0], "user", where);
    std::uint32_t item = parse_id(fields[1], "item", where);
    float value = parse_rating(fields[2], where);

    out.entries.push_back({user - 1, item - 1, value});
    out.lines.push_back(number);
    out.n_users = std::max(out.n_users, user);
    out.n_items = std::max(out.n_items, item);
}

}  // namespace

ratings_file read_ratings_file(const std::string& path)
{
    file_ptr file = open_regular_file(path);
    ratings_file out;
    std::string line;
    std::size_t number = 0;
    int c = 0;

    // Read byte by byte into a bounded line so that a file without newlines cannot exhaust
    // memory; stdio buffers underneath, so this stays fast.
    do
    {
        c = std::getc(file.get());
        if (c != '\n' && c != EOF)
        {
            if (line.size() == max_line_length)
            {
                fail(SAE_ERR_PARSE,
                     path + ":" + std::to_string(number + 1) + ": line is longer than "
                         + std::to_string(max_line_length) + " bytes");
            }
            line.push_back(char(c));
            continue;
        }
        if (c == EOF && std::ferror(file.get()))
        {
            fail(SAE_ERR_IO, "cannot read '" + path + "': " + std::strerror(errno));
        }
        if (c == EOF && line.empty())
        {
            break;
        }

        ++number;
        std::string_view text(line);
        if (number == 1 && text.substr(0, 3) == "\xEF\xBB\xBF")
        {
            text.remove_prefix(3);
        }
        if (!text.empty() && text.back() == '\r')
        {
            text.remove_suffix(1);
        }

        bool blank = text.find_first_not_of(" \t") == std::string_view::npos;
        bool header = out.entries.empty() && number == 1 && looks_like_header(text);
        if (!blank && !header)
        {
            parse_line(text, number, path, out);
        }
        line.clear();
    } while (c != EOF);

    if (out.entries.empty())
    {
        fail(SAE_ERR_PARSE, path + ": no ratings found (empty file?)");
    }
    return out;
}

ratings to_ratings(const ratings_file& file,
                   const std::string& path,
                   std::uint32_t n_users,
                   std::uint32_t n_items)
{
    auto origin = [&](std::size_t index) {
        return path + ":" + std::to_string(file.lines[index]);
    };
    return ratings(file.entries, n_users, n_items, origin);
}

}  // namespace sae
