// libFuzzer target: any bytes as a ratings file. A clean sae::error is the expected way to
// refuse; a crash, a sanitizer report, a leak or another exception is a finding.
#include <cstddef>
#include <cstdint>

#include "error.hpp"
#include "fuzz_support.hpp"
#include "ratings_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string& path = fuzz::write_scratch(data, size);
    try
    {
        sae::ratings_file file = sae::read_ratings_file(path);
        sae::ratings set = sae::to_ratings(file, path, file.n_users, file.n_items);
        (void)set.min_items();
    }
    catch (const sae::error&)
    {
    }
    return 0;
}
