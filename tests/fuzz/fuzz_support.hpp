// A scratch file for the fuzz targets: the parser and the loader read paths, not buffers.
#ifndef SAE_TESTS_FUZZ_FUZZ_SUPPORT_HPP
#define SAE_TESTS_FUZZ_FUZZ_SUPPORT_HPP

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include <stdlib.h>
#include <unistd.h>

namespace fuzz
{

/// Replaces the content of one scratch file, made once per process, with `data`.
inline const std::string& write_scratch(const std::uint8_t* data, std::size_t size)
{
    static int fd = -1;
    static std::string path;
    if (fd < 0)
    {
        const char* dir = std::getenv("TMPDIR");
        path = std::string(dir && *dir ? dir : "/tmp") + "/sae-fuzz-XXXXXX";
        fd = ::mkstemp(path.data());
        if (fd < 0)
        {
            std::abort();
        }
    }

    // Exactly `size` bytes, rewritten from the start: a failure here is the machine's fault.
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, data, size, 0) != ssize_t(size))
    {
        std::abort();
    }
    return path;
}

}  // namespace fuzz

#endif
