#include "synthetic.hpp"

#include <numeric>
#include <random>
#include <stdexcept>

namespace sae_bench
{

shape shape_named(const std::string& name)
{
    // Sizes as GroupLens states them for each release.
    static const shape shapes[] = {
        {"ml-100k", 943, 1682, 100000},
        {"ml-1m", 6040, 3706, 1000209},
        {"ml-10m", 69878, 10677, 10000054},
        {"ml-20m", 138493, 26744, 20000263},
    };
    for (const auto& s : shapes)
    {
        if (s.name == name)
        {
            return s;
        }
    }
    throw std::invalid_argument("unknown shape '" + name + "' (ml-100k, ml-1m, ml-10m, ml-20m)");
}

triples generate(const shape& s, std::uint64_t seed)
{
    std::mt19937_64 engine(seed);
    std::uniform_int_distribution<std::uint32_t> item(0, s.n_items - 1);
    std::uniform_int_distribution<int> stars(1, 5);
    triples out;
    out.users.reserve(s.n_ratings);
    out.items.reserve(s.n_ratings);
    out.ratings.reserve(s.n_ratings);

    for (std::uint32_t u = 0; u < s.n_users; ++u)
    {
        // Spread the remainder so that the total is exact.
        std::uint64_t count = s.n_ratings / s.n_users + (u < s.n_ratings % s.n_users ? 1 : 0);

        // A stride coprime with n_items visits distinct items, so no pair repeats.
        std::uint32_t stride = item(engine) | 1u;
        while (std::gcd(stride, s.n_items) != 1)
        {
            stride += 2;
        }
        std::uint64_t at = item(engine);
        for (std::uint64_t k = 0; k < count; ++k)
        {
            out.users.push_back(u + 1);
            out.items.push_back(std::uint32_t(at % s.n_items) + 1);
            out.ratings.push_back(float(stars(engine)));
            at += stride;
        }
    }
    return out;
}

}  // namespace sae_bench
