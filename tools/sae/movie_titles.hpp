#ifndef SAE_CLI_MOVIE_TITLES_HPP
#define SAE_CLI_MOVIE_TITLES_HPP

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace sae_cli
{

/// Movie titles by id, read from a MovieLens `u.item` file.
class movie_titles
{
public:
    /// Reads `path`: lines of "id|title|...", encoded in Latin-1. Titles are kept in UTF-8.
    /// A missing file or a malformed line is a cli_error naming the file and line.
    explicit movie_titles(const std::string& path);

    /// The title of movie `id`, or a placeholder when the file does not list it.
    [[nodiscard]] const std::string& title(uint32_t id) const;

private:
    void add_line(const std::string& line, std::size_t line_number);

    std::string m_path;
    /// Index `id - 1` holds the title of movie `id`; empty where the file has no such movie.
    std::unordered_map<uint32_t, std::string> m_titles;
};

}  // namespace sae_cli

#endif
