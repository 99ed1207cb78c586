#include "save_target.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

#include <sae.h>

#include "cli_error.hpp"

namespace sae_cli
{

namespace
{

[[noreturn]] void refuse(const std::string& path, const std::string& reason)
{
    throw cli_error(SAE_ERR_IO, "cannot save to '" + path + "': " + reason, exit_usage);
}

/// " (reason)" for the errno value `error`, to end a message.
std::string reason_of(int error)
{
    return std::string(" (") + std::strerror(error) + ")";
}

/// sae_save() renames a new file over `path`, which would replace a directory, a device or a
/// symbolic link rather than write through it; the library refuses those, so refuse them now.
void check_existing_file(const std::string& path)
{
    struct stat info = {};
    if (::lstat(path.c_str(), &info) != 0)
    {
        // Not there yet, or its folder is unusable, which try_creating_beside() reports.
        return;
    }

    if (S_ISDIR(info.st_mode))
    {
        refuse(path, "it is a directory");
    }
    if (!S_ISREG(info.st_mode))
    {
        refuse(path, "it exists and is not a regular file");
    }
}

/// Creates and removes a file beside `path`, as sae_save() does: that alone tells whether the
/// save can succeed (access() lets root write anywhere, and /proc refuses new files whatever
/// its mode bits say).
void try_creating_beside(const std::string& path, const std::string& folder)
{
    std::string probe = path + ".tmp-XXXXXX";
    const int fd = ::mkstemp(probe.data());
    if (fd < 0)
    {
        const int error = errno;
        std::error_code ignored;
        if (error == ENOENT && !std::filesystem::exists(folder, ignored))
        {
            refuse(path, "folder '" + folder + "' does not exist");
        }
        if (error == ENOTDIR)
        {
            refuse(path, "'" + folder + "' is not a folder");
        }
        refuse(path, "folder '" + folder + "' is not writable" + reason_of(error));
    }

    ::close(fd);
    ::unlink(probe.c_str());
}

}  // namespace

CLI::Validator non_empty_file_name()
{
    return CLI::Validator(
        [](const std::string& text) {
            return text.empty() ? std::string("the file name is empty") : std::string();
        },
        "");
}

void check_save_target(const std::string& path)
{
    const std::string parent = std::filesystem::path(path).parent_path().string();
    const std::string folder = parent.empty() ? "." : parent;

    check_existing_file(path);
    try_creating_beside(path, folder);
}

}  // namespace sae_cli
