#include "duration.hpp"

#include <cmath>
#include <cstdio>

namespace sae_cli
{

std::string format_duration(double seconds)
{
    char text[32];

    if (!std::isfinite(seconds) || seconds < 0.0)
    {
        return "?";
    }

    // Tenths only matter while the whole thing takes under a minute.
    if (seconds < 59.95)
    {
        std::snprintf(text, sizeof text, "%.1fs", seconds);
        return text;
    }

    const long whole = std::lround(seconds);
    if (whole < 3600)
    {
        std::snprintf(text, sizeof text, "%ldm %02lds", whole / 60, whole % 60);
    }
    else
    {
        std::snprintf(text, sizeof text, "%ldh %02ldm", whole / 3600, whole % 3600 / 60);
    }
    return text;
}

}  // namespace sae_cli
