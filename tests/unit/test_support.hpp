// Helpers shared by the unit tests: option builders, a double-precision reference forward pass
// that does not use the library's propagation code, and scratch folders for file tests.
#ifndef SAE_TESTS_UNIT_TEST_SUPPORT_HPP
#define SAE_TESTS_UNIT_TEST_SUPPORT_HPP

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <string>
#include <vector>

#include <stdlib.h>

#include "network.hpp"
#include "options.hpp"
#include "ratings.hpp"
#include "sae.h"

namespace unit_test
{

/// The seed options with the given hidden sizes, one activation for every hidden layer.
inline sae_options make_options(std::initializer_list<std::uint32_t> sizes,
                                sae_activation hidden,
                                sae_activation output)
{
    sae_options opts = sae::seed_options();
    opts.n_hidden = std::uint32_t(sizes.size());
    std::uint32_t l = 0;
    for (std::uint32_t size : sizes)
    {
        opts.hidden_sizes[l] = size;
        opts.hidden_activations[l] = hidden;
        ++l;
    }
    opts.output_activation = output;
    return opts;
}

/// The activation functions written from their textbook definitions, in double precision.
inline double reference_activation(int f, double z)
{
    // SELU constants as printed in Klambauer et al. (2017), to more digits than a float holds.
    const double selu_lambda = 1.0507009873554804934193349852946;
    const double selu_alpha = 1.6732632423543772848170429916717;

    switch (f)
    {
        case SAE_ACTIVATION_IDENTITY: return z;
        case SAE_ACTIVATION_SIGMOID: return 1.0 / (1.0 + std::exp(-z));
        case SAE_ACTIVATION_TANH: return std::tanh(z);
        case SAE_ACTIVATION_RELU: return z > 0.0 ? z : 0.0;
        case SAE_ACTIVATION_ELU: return z > 0.0 ? z : std::exp(z) - 1.0;
        case SAE_ACTIVATION_SELU:
            return selu_lambda * (z > 0.0 ? z : selu_alpha * (std::exp(z) - 1.0));
        default: ADD_FAILURE() << "unknown activation " << f; return 0.0;
    }
}

/// Pre-activations and activations of every layer of one dense forward pass.
struct reference_pass
{
    std::vector<std::vector<double>> z;
    std::vector<std::vector<double>> a;

    [[nodiscard]] const std::vector<double>& output() const { return a.back(); }
};

/// A dense forward pass in double precision over every layer of `net`, reading parameters from
/// `params` (laid out as net.params()); `input` has n_items values, 0 where not rated.
///
/// It reads the layout from network.hpp only: the first layer's weights (n_items × width) are
/// stored transposed, every other layer's are (fan_out × fan_in).
inline reference_pass reference_forward(const sae::network& net,
                                        const std::vector<double>& params,
                                        const std::vector<double>& input)
{
    reference_pass pass;
    std::vector<double> in = input;

    for (std::size_t l = 0; l < net.layers().size(); ++l)
    {
        const sae::layer_layout& layer = net.layers()[l];
        std::vector<double> z(layer.fan_out);
        std::vector<double> a(layer.fan_out);
        for (std::uint32_t o = 0; o < layer.fan_out; ++o)
        {
            double sum = params[layer.biases + o];
            for (std::uint32_t i = 0; i < layer.fan_in; ++i)
            {
                std::size_t w = l == 0 ? std::size_t(i) * layer.fan_out + o
                                       : std::size_t(o) * layer.fan_in + i;
                sum += params[layer.weights + w] * in[i];
            }
            z[o] = sum;
            a[o] = reference_activation(layer.activation, sum);
        }
        pass.z.push_back(z);
        pass.a.push_back(a);
        in = a;
    }
    return pass;
}

/// The parameters of `net` widened to double.
inline std::vector<double> params_of(const sae::network& net)
{
    return std::vector<double>(net.params().begin(), net.params().end());
}

/// Ratings built from entries, with "entry N" as the origin of entry N.
inline sae::ratings make_ratings(const std::vector<sae::rating_entry>& entries,
                                 std::uint32_t n_users,
                                 std::uint32_t n_items)
{
    return sae::ratings(entries, n_users, n_items,
                        [](std::size_t i) { return "entry " + std::to_string(i); });
}

/// A fresh, empty folder removed with everything in it when the object goes out of scope.
///
/// It lives under SAE_TEST_TMPDIR when meson sets it, so files stay inside the build tree.
class scratch_dir
{
public:
    scratch_dir()
    {
        const char* root = std::getenv("SAE_TEST_TMPDIR");
        std::filesystem::path base = root && *root ? std::filesystem::path(root)
                                                   : std::filesystem::temp_directory_path();
        std::filesystem::create_directories(base);

        std::string pattern = (base / "unit-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr)
        {
            ADD_FAILURE() << "cannot create a scratch folder under " << base;
        }
        m_path = pattern;
    }

    ~scratch_dir()
    {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }

    scratch_dir(const scratch_dir&) = delete;
    scratch_dir& operator=(const scratch_dir&) = delete;

    [[nodiscard]] std::string file(const std::string& name) const
    {
        return (m_path / name).string();
    }

    [[nodiscard]] const std::filesystem::path& path() const { return m_path; }

    /// Names of the entries of the folder, sorted.
    [[nodiscard]] std::vector<std::string> listing() const
    {
        std::vector<std::string> names;
        for (const auto& entry : std::filesystem::directory_iterator(m_path))
        {
            names.push_back(entry.path().filename().string());
        }
        std::sort(names.begin(), names.end());
        return names;
    }

private:
    std::filesystem::path m_path;
};

/// Writes `bytes` to `path` exactly, with no newline translation.
inline void write_bytes(const std::string& path, const std::string& bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), std::streamsize(bytes.size()));
    ASSERT_TRUE(out.good()) << "cannot write " << path;
}

/// Reads `path` whole.
inline std::vector<unsigned char> read_bytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::vector<unsigned char>(std::istreambuf_iterator<char>(in),
                                      std::istreambuf_iterator<char>());
}

inline void write_bytes(const std::string& path, const std::vector<unsigned char>& bytes)
{
    write_bytes(path, std::string(bytes.begin(), bytes.end()));
}

inline bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

}  // namespace unit_test

#endif
