#include "model_file.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>
#include <zlib.h>

#include "error.hpp"
#include "options.hpp"

namespace sae
{
namespace
{

constexpr unsigned char magic[8] = {0x89, 'S', 'A', 'E', '\r', '\n', 0x1A, '\n'};

/// Largest model file accepted: bounds what a hostile file can make us allocate.
constexpr std::uint64_t max_file_size = std::uint64_t(1) << 34;

/// Appends little-endian values to a byte buffer, whatever the host's byte order.
class byte_writer
{
public:
    void bytes(const void* data, std::size_t n)
    {
        const auto* p = static_cast<const unsigned char*>(data);
        m_buffer.insert(m_buffer.end(), p, p + n);
    }

    void u32(std::uint32_t value)
    {
        for (int shift = 0; shift < 32; shift += 8)
        {
            m_buffer.push_back(static_cast<unsigned char>(value >> shift));
        }
    }

    void u64(std::uint64_t value)
    {
        u32(std::uint32_t(value));
        u32(std::uint32_t(value >> 32));
    }

    void f32(float value)
    {
        std::uint32_t bits = 0;
        std::memcpy(&bits, &value, sizeof bits);
        u32(bits);
    }

    void f64(double value)
    {
        std::uint64_t bits = 0;
        std::memcpy(&bits, &value, sizeof bits);
        u64(bits);
    }

    [[nodiscard]] const std::vector<unsigned char>& buffer() const { return m_buffer; }

private:
    std::vector<unsigned char> m_buffer;
};

/// Reads little-endian values, failing with the path and offset instead of reading past the end.
class byte_reader
{
public:
    byte_reader(const std::vector<unsigned char>& data, std::size_t end, std::string path)
        : m_data(data)
        , m_end(end)
        , m_path(std::move(path))
    {
    }

    const unsigned char* take(std::size_t n)
    {
        if (n > m_end - m_offset)
        {
            fail(SAE_ERR_FORMAT, "load: '" + m_path + "' is truncated at byte "
                                     + std::to_string(m_offset));
        }
        const unsigned char* p = m_data.data() + m_offset;
        m_offset += n;
        return p;
    }

    std::uint32_t u32()
    {
        const unsigned char* p = take(4);
        return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16
               | std::uint32_t(p[3]) << 24;
    }

    std::uint64_t u64()
    {
        std::uint64_t low = u32();
        return low | std::uint64_t(u32()) << 32;
    }

    float f32()
    {
        std::uint32_t bits = u32();
        float value = 0;
        std::memcpy(&value, &bits, sizeof value);
        return value;
    }

    double f64()
    {
        std::uint64_t bits = u64();
        double value = 0;
        std::memcpy(&value, &bits, sizeof value);
        return value;
    }

    [[nodiscard]] std::size_t remaining() const { return m_end - m_offset; }

private:
    const std::vector<unsigned char>& m_data;
    std::size_t m_end;
    std::size_t m_offset = 0;
    std::string m_path;
};

void write_options(byte_writer& out, const sae_options& opts)
{
    out.u32(opts.n_hidden);
    for (std::uint32_t size : opts.hidden_sizes)
    {
        out.u32(size);
    }
    for (std::int32_t activation : opts.hidden_activations)
    {
        out.u32(std::uint32_t(activation));
    }
    out.u32(std::uint32_t(opts.output_activation));
    out.u32(std::uint32_t(opts.optimizer));
    out.f64(opts.learning_rate);
    out.f64(opts.weight_decay);
    out.f64(opts.rmsprop_alpha);
    out.f64(opts.epsilon);
    out.u32(opts.epochs);
    out.u32(std::uint32_t(opts.accumulate_gradients));
    out.u64(opts.seed);
    out.u32(opts.threads);
    out.u32(std::uint32_t(opts.clip_predictions));
    out.f64(opts.rating_min);
    out.f64(opts.rating_max);
    out.u32(std::uint32_t(opts.orientation));
    out.u32(opts.batch_size);
    out.f64(opts.l2);
    out.f64(opts.input_dropout);
    out.f64(opts.hidden_dropout);
    out.f64(opts.momentum);
    out.f64(opts.beta2);
    out.f64(opts.validation_fraction);
    out.u32(opts.patience);
    out.u32(opts.ensemble_size);
}

sae_options read_options(byte_reader& in, std::uint32_t version)
{
    // Version 1 files predate the batched trainer: the fields they lack take the values that
    // select the notebook's model, which is what wrote them.
    sae_options opts = seed_options();
    opts.n_hidden = in.u32();
    for (std::uint32_t& size : opts.hidden_sizes)
    {
        size = in.u32();
    }
    for (std::int32_t& activation : opts.hidden_activations)
    {
        activation = std::int32_t(in.u32());
    }
    opts.output_activation = std::int32_t(in.u32());
    opts.optimizer = std::int32_t(in.u32());
    opts.learning_rate = in.f64();
    opts.weight_decay = in.f64();
    opts.rmsprop_alpha = in.f64();
    opts.epsilon = in.f64();
    opts.epochs = in.u32();
    opts.accumulate_gradients = std::int32_t(in.u32());
    opts.seed = in.u64();
    opts.threads = in.u32();
    opts.clip_predictions = std::int32_t(in.u32());
    opts.rating_min = in.f64();
    opts.rating_max = in.f64();
    if (version >= 2)
    {
        opts.orientation = std::int32_t(in.u32());
        opts.batch_size = in.u32();
        opts.l2 = in.f64();
        opts.input_dropout = in.f64();
        opts.hidden_dropout = in.f64();
        opts.momentum = in.f64();
        opts.beta2 = in.f64();
        opts.validation_fraction = in.f64();
        opts.patience = in.u32();
        opts.ensemble_size = in.u32();
    }
    return opts;
}

std::uint32_t crc_of(const unsigned char* data, std::size_t n)
{
    uLong crc = crc32(0L, Z_NULL, 0);
    // zlib takes the length as uInt; feed large buffers in pieces.
    while (n > 0)
    {
        auto piece = uInt(std::min<std::size_t>(n, std::numeric_limits<uInt>::max()));
        crc = crc32(crc, data, piece);
        data += piece;
        n -= piece;
    }
    return std::uint32_t(crc);
}

std::string system_error(const std::string& what, const std::string& path)
{
    return what + " '" + path + "': " + std::strerror(errno);
}

void write_all(int fd, const std::vector<unsigned char>& data, const std::string& path)
{
    std::size_t done = 0;
    while (done < data.size())
    {
        ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR)
        {
            continue;
        }
        if (n <= 0)
        {
            fail(SAE_ERR_IO, system_error("save: cannot write", path));
        }
        done += std::size_t(n);
    }
}

std::vector<unsigned char> read_all(const std::string& path)
{
    struct stat info = {};
    if (::stat(path.c_str(), &info) != 0)
    {
        fail(SAE_ERR_IO, system_error("load: cannot open", path));
    }
    if (!S_ISREG(info.st_mode))
    {
        fail(SAE_ERR_IO, "load: cannot read '" + path + "': not a regular file");
    }
    if (std::uint64_t(info.st_size) > max_file_size)
    {
        fail(SAE_ERR_FORMAT, "load: '" + path + "' is too large to be a libsae model");
    }

    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file)
    {
        fail(SAE_ERR_IO, system_error("load: cannot open", path));
    }
    std::vector<unsigned char> data(std::size_t(info.st_size));
    std::size_t got = std::fread(data.data(), 1, data.size(), file);
    std::fclose(file);
    if (got != data.size())
    {
        fail(SAE_ERR_IO, "load: cannot read '" + path + "': short read");
    }
    return data;
}

/// Permissions for a saved model: those of the file it replaces, else what open() would give a
/// new file (0666 less the umask). mkstemp() creates 0600, which would make a model unreadable
/// to the other users that a plainly written file is shared with.
mode_t saved_file_mode(const std::string& path)
{
    struct stat info = {};
    if (::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode))
    {
        return info.st_mode & 07777;
    }

    // umask() can only be read by setting it, which races with other threads; Linux shows it
    // in /proc instead. Elsewhere, or without /proc, fall back to the common 022.
    mode_t mask = 022;
    if (std::FILE* status = std::fopen("/proc/self/status", "r"))
    {
        char line[256];
        unsigned value = 0;
        while (std::fgets(line, sizeof line, status) != nullptr)
        {
            if (std::sscanf(line, "Umask: %o", &value) == 1)
            {
                mask = mode_t(value) & 0777;
                break;
            }
        }
        std::fclose(status);
    }
    return 0666 & ~mask;
}

/// Reads one network's parameter count and parameters, checked against its layers.
network read_network(byte_reader& in,
                     const std::string& path,
                     std::uint32_t width,
                     const sae_options& opts)
{
    // Check the parameter count against the bytes present before allocating anything.
    std::uint64_t n_params = in.u64();
    if (n_params > in.remaining() / 4)
    {
        fail(SAE_ERR_FORMAT, "load: '" + path + "' declares " + std::to_string(n_params)
                                 + " parameters but holds " + std::to_string(in.remaining())
                                 + " bytes of them");
    }
    std::uint64_t needed = network::count_params(width, opts);
    if (needed != n_params)
    {
        fail(SAE_ERR_FORMAT, "load: '" + path + "' has " + std::to_string(n_params)
                                 + " parameters where its layers need " + std::to_string(needed));
    }

    network net(width, opts);
    for (std::size_t i = 0; i < n_params; ++i)
    {
        float value = in.f32();
        if (!std::isfinite(value))
        {
            fail(SAE_ERR_FORMAT, "load: '" + path + "' parameter " + std::to_string(i)
                                     + " is not finite");
        }
        net.params()(i) = value;
    }
    return net;
}

}  // namespace

void save_model(const std::string& path,
                const sae_options& opts,
                const std::vector<network>& nets,
                std::uint32_t n_items)
{
    byte_writer out;
    out.bytes(magic, sizeof magic);
    out.u32(model_format_version);
    out.u32(nets.at(0).n_items());
    write_options(out, opts);
    out.u32(n_items);
    for (const network& net : nets)
    {
        out.u64(net.n_params());
        for (float value : net.params())
        {
            out.f32(value);
        }
    }
    out.u32(crc_of(out.buffer().data(), out.buffer().size()));

    if (path.empty())
    {
        fail(SAE_ERR_IO, "save: the path is empty");
    }

    // The rename below would replace a FIFO, a device or a symbolic link instead of writing
    // through it, which is never what the caller meant.
    struct stat target = {};
    if (::lstat(path.c_str(), &target) == 0 && !S_ISREG(target.st_mode))
    {
        fail(SAE_ERR_IO, "save: '" + path + "' exists and is not a regular file");
    }

    // A temporary file in the same folder, flushed before the rename: a crash or a full disk
    // leaves the old file in place, never a partial new one.
    std::string temp = path + ".tmp-XXXXXX";
    int fd = ::mkstemp(temp.data());
    if (fd < 0)
    {
        fail(SAE_ERR_IO, system_error("save: cannot create a temporary file beside", path));
    }
    try
    {
        if (::fchmod(fd, saved_file_mode(path)) != 0)
        {
            fail(SAE_ERR_IO, system_error("save: cannot set the permissions of", path));
        }
        write_all(fd, out.buffer(), path);
        if (::fsync(fd) != 0)
        {
            fail(SAE_ERR_IO, system_error("save: cannot flush", path));
        }
        if (::close(fd) != 0)
        {
            fd = -1;
            fail(SAE_ERR_IO, system_error("save: cannot close", path));
        }
        fd = -1;
        if (std::rename(temp.c_str(), path.c_str()) != 0)
        {
            fail(SAE_ERR_IO, system_error("save: cannot replace", path));
        }
    }
    catch (...)
    {
        if (fd >= 0)
        {
            ::close(fd);
        }
        ::unlink(temp.c_str());
        throw;
    }
}

stored_model load_model(const std::string& path)
{
    std::vector<unsigned char> data = read_all(path);

    if (data.size() >= sizeof magic && std::memcmp(data.data(), magic, sizeof magic) == 0
        && data.size() < sizeof magic + 4)
    {
        fail(SAE_ERR_FORMAT, "load: '" + path + "' is truncated: " + std::to_string(data.size())
                                 + " bytes, not even a whole header");
    }
    if (data.size() < sizeof magic + 4 || std::memcmp(data.data(), magic, sizeof magic) != 0)
    {
        fail(SAE_ERR_FORMAT, "load: '" + path + "' is not a libsae model file (bad magic)");
    }

    byte_reader header(data, data.size(), path);
    header.take(sizeof magic);
    std::uint32_t version = header.u32();
    if (version > model_format_version || version == 0)
    {
        fail(SAE_ERR_VERSION, "load: '" + path + "' has format version " + std::to_string(version)
                                  + "; this libsae reads versions 1 to "
                                  + std::to_string(model_format_version));
    }

    if (data.size() < sizeof magic + 8 + 4)
    {
        fail(SAE_ERR_FORMAT, "load: '" + path + "' is truncated");
    }
    std::size_t body = data.size() - 4;
    byte_reader trailer(data, data.size(), path);
    trailer.take(body);
    if (trailer.u32() != crc_of(data.data(), body))
    {
        fail(SAE_ERR_FORMAT, "load: '" + path + "' fails its checksum (corrupt or truncated)");
    }

    byte_reader in(data, body, path);
    in.take(sizeof magic + 4);
    std::uint32_t width = in.u32();
    sae_options opts = read_options(in, version);
    try
    {
        validate(opts);
    }
    catch (const error& e)
    {
        fail(SAE_ERR_FORMAT, "load: '" + path + "' holds invalid " + e.what());
    }
    std::uint32_t n_items = version >= 2 ? in.u32() : width;
    if (width == 0 || width > (1u << 24) || n_items == 0 || n_items > (1u << 24))
    {
        fail(SAE_ERR_FORMAT, "load: '" + path + "' has n_items " + std::to_string(n_items)
                                 + " and row width " + std::to_string(width));
    }

    stored_model model{opts, {}, n_items};
    for (std::uint32_t k = 0; k < opts.ensemble_size; ++k)
    {
        model.nets.push_back(read_network(in, path, width, opts));
    }
    if (in.remaining() != 0)
    {
        fail(SAE_ERR_FORMAT, "load: '" + path + "' has " + std::to_string(in.remaining())
                                 + " bytes after its last parameter");
    }
    return model;
}

}  // namespace sae
