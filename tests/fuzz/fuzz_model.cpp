// libFuzzer target: any bytes as a model file. A clean sae::error is the expected way to
// refuse; a crash, a sanitizer report, a leak or another exception is a finding.
//
// Almost every mutation breaks the checksum, which stops the loader early. So besides the bytes
// as given, each input is also tried resealed with a correct CRC-32, which lets the fuzzer reach
// the checks behind the checksum.
#include <cstddef>
#include <cstdint>
#include <vector>

#include <zlib.h>

#include "error.hpp"
#include "fuzz_support.hpp"
#include "model_file.hpp"

namespace
{

void try_load(const std::uint8_t* data, std::size_t size)
{
    const std::string& path = fuzz::write_scratch(data, size);
    try
    {
        sae::stored_model model = sae::load_model(path);
        (void)model.nets.size();
    }
    catch (const sae::error&)
    {
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try_load(data, size);
    if (size < 4)
    {
        return 0;
    }

    std::vector<std::uint8_t> sealed(data, data + size);
    std::size_t body = size - 4;
    auto crc = std::uint32_t(crc32(crc32(0L, Z_NULL, 0), sealed.data(), uInt(body)));
    for (std::size_t k = 0; k < 4; ++k)
    {
        sealed[body + k] = std::uint8_t(crc >> (8 * k));
    }
    try_load(sealed.data(), sealed.size());
    return 0;
}
