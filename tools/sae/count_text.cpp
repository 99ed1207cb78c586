#include "count_text.hpp"

namespace sae_cli
{

std::string count_of(std::uint64_t count, const std::string& noun)
{
    return std::to_string(count) + " " + noun_for(count, noun);
}

std::string noun_for(std::uint64_t count, const std::string& noun)
{
    return count == 1 ? noun : noun + "s";
}

}  // namespace sae_cli
