#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include <sys/stat.h>
#include <zlib.h>

#include "error.hpp"
#include "model_file.hpp"
#include "network.hpp"
#include "test_support.hpp"

namespace
{

// Networks read rows of `width` values; the model predicts `n_items` items (they differ when
// rows are items, whose width is the number of users).
constexpr std::uint32_t width = 7;
constexpr std::uint32_t n_items = 5;

// Byte offsets of the version 2 layout documented in model_file.hpp.
constexpr std::size_t version_offset = 8;
constexpr std::size_t width_offset = 12;
constexpr std::size_t options_offset = 16;
constexpr std::size_t options_size = 212;
constexpr std::size_t v1_options_size = 148;  // up to and including rating_max
constexpr std::size_t n_items_offset = options_offset + options_size;
constexpr std::size_t n_params_offset = n_items_offset + 4;
constexpr std::size_t params_offset = n_params_offset + 8;

/// Options unlike the defaults in every field, so that a field lost or swapped shows.
sae_options unusual_options()
{
    sae_options opts = unit_test::make_options({6, 3}, SAE_ACTIVATION_TANH, SAE_ACTIVATION_SELU);
    opts.hidden_activations[1] = SAE_ACTIVATION_ELU;
    opts.learning_rate = 0.003;
    opts.weight_decay = 0.25;
    opts.rmsprop_alpha = 0.95;
    opts.epsilon = 1e-7;
    opts.epochs = 17;
    opts.accumulate_gradients = 0;
    opts.seed = 12345678901ull;
    opts.threads = 3;
    opts.clip_predictions = 1;
    opts.rating_min = 0.5;
    opts.rating_max = 10.0;
    opts.orientation = SAE_ORIENTATION_ITEM;
    opts.batch_size = 16;
    opts.l2 = 1.5;
    opts.input_dropout = 0.125;
    opts.hidden_dropout = 0.25;
    opts.momentum = 0.8;
    opts.beta2 = 0.99;
    opts.validation_fraction = 0.1;
    opts.patience = 5;
    opts.ensemble_size = 2;
    return opts;
}

/// The ensemble of unusual_options(): two networks with different random parameters.
std::vector<sae::network> random_networks(const sae_options& opts)
{
    std::vector<sae::network> nets;
    for (std::uint32_t k = 0; k < opts.ensemble_size; ++k)
    {
        nets.emplace_back(width, opts);
        nets.back().initialise(99 + k);
    }
    return nets;
}

std::uint32_t get_u32(const std::vector<unsigned char>& bytes, std::size_t offset)
{
    return std::uint32_t(bytes[offset]) | std::uint32_t(bytes[offset + 1]) << 8
           | std::uint32_t(bytes[offset + 2]) << 16 | std::uint32_t(bytes[offset + 3]) << 24;
}

void put_u32(std::vector<unsigned char>& bytes, std::size_t offset, std::uint32_t value)
{
    for (std::size_t k = 0; k < 4; ++k)
    {
        bytes[offset + k] = static_cast<unsigned char>(value >> (8 * k));
    }
}

/// Rewrites the trailing CRC-32 so that an edit is seen by the checks behind the checksum.
void reseal(std::vector<unsigned char>& bytes)
{
    std::size_t body = bytes.size() - 4;
    uLong crc = crc32(crc32(0L, Z_NULL, 0), bytes.data(), uInt(body));
    put_u32(bytes, body, std::uint32_t(crc));
}

/// Loads `bytes` from a scratch file, expecting `status` and every one of `parts` in the message.
void expect_load_failure(const std::vector<unsigned char>& bytes,
                         sae_status status,
                         const std::vector<std::string>& parts)
{
    unit_test::scratch_dir dir;
    std::string path = dir.file("edited.sae");
    unit_test::write_bytes(path, bytes);

    try
    {
        (void)sae::load_model(path);
        ADD_FAILURE() << "a damaged file of " << bytes.size() << " bytes loaded";
    }
    catch (const sae::error& e)
    {
        const std::string message = e.what();
        EXPECT_EQ(e.status(), status) << message;
        EXPECT_TRUE(unit_test::contains(message, path)) << message;
        for (const std::string& part : parts)
        {
            EXPECT_TRUE(unit_test::contains(message, part)) << message << "\nwants " << part;
        }
    }
}

/// A valid model file's bytes.
std::vector<unsigned char> saved_bytes()
{
    sae_options opts = unusual_options();
    unit_test::scratch_dir dir;
    std::string path = dir.file("model.sae");
    sae::save_model(path, opts, random_networks(opts), n_items);
    return unit_test::read_bytes(path);
}

bool same_params(const sae::network& a, const sae::network& b)
{
    return a.n_params() == b.n_params()
           && std::memcmp(a.params().data(), b.params().data(), a.n_params() * sizeof(float))
                  == 0;
}

void expect_same_options(const sae_options& got, const sae_options& want)
{
    EXPECT_EQ(got.n_hidden, want.n_hidden);
    for (std::uint32_t l = 0; l < SAE_MAX_HIDDEN_LAYERS; ++l)
    {
        EXPECT_EQ(got.hidden_sizes[l], want.hidden_sizes[l]) << "layer " << l;
        EXPECT_EQ(got.hidden_activations[l], want.hidden_activations[l]) << "layer " << l;
    }
    EXPECT_EQ(got.output_activation, want.output_activation);
    EXPECT_EQ(got.optimizer, want.optimizer);
    EXPECT_EQ(got.learning_rate, want.learning_rate);
    EXPECT_EQ(got.weight_decay, want.weight_decay);
    EXPECT_EQ(got.rmsprop_alpha, want.rmsprop_alpha);
    EXPECT_EQ(got.epsilon, want.epsilon);
    EXPECT_EQ(got.epochs, want.epochs);
    EXPECT_EQ(got.accumulate_gradients, want.accumulate_gradients);
    EXPECT_EQ(got.seed, want.seed);
    EXPECT_EQ(got.threads, want.threads);
    EXPECT_EQ(got.clip_predictions, want.clip_predictions);
    EXPECT_EQ(got.rating_min, want.rating_min);
    EXPECT_EQ(got.rating_max, want.rating_max);
    EXPECT_EQ(got.orientation, want.orientation);
    EXPECT_EQ(got.batch_size, want.batch_size);
    EXPECT_EQ(got.l2, want.l2);
    EXPECT_EQ(got.input_dropout, want.input_dropout);
    EXPECT_EQ(got.hidden_dropout, want.hidden_dropout);
    EXPECT_EQ(got.momentum, want.momentum);
    EXPECT_EQ(got.beta2, want.beta2);
    EXPECT_EQ(got.validation_fraction, want.validation_fraction);
    EXPECT_EQ(got.patience, want.patience);
    EXPECT_EQ(got.ensemble_size, want.ensemble_size);
}

}  // namespace

TEST(ModelFile, RoundTripKeepsParametersAndOptions)
{
    sae_options opts = unusual_options();
    std::vector<sae::network> nets = random_networks(opts);
    unit_test::scratch_dir dir;
    std::string path = dir.file("model.sae");

    sae::save_model(path, opts, nets, n_items);
    sae::stored_model loaded = sae::load_model(path);

    expect_same_options(loaded.options, opts);
    EXPECT_EQ(loaded.options.struct_size, sizeof(sae_options));
    EXPECT_EQ(loaded.n_items, n_items);
    ASSERT_EQ(loaded.nets.size(), 2u);
    for (std::size_t k = 0; k < nets.size(); ++k)
    {
        // Bit for bit: floats are stored as their IEEE bytes.
        EXPECT_EQ(loaded.nets[k].n_items(), width);
        EXPECT_TRUE(same_params(loaded.nets[k], nets[k])) << "network " << k;
        ASSERT_EQ(loaded.nets[k].layers().size(), 3u);
        EXPECT_EQ(loaded.nets[k].layers()[1].activation, SAE_ACTIVATION_ELU);
        EXPECT_EQ(loaded.nets[k].layers()[2].activation, SAE_ACTIVATION_SELU);
    }
    EXPECT_FALSE(same_params(loaded.nets[0], loaded.nets[1]));
}

TEST(ModelFile, LayoutMatchesTheDocumentedFormat)
{
    sae_options opts = unusual_options();
    std::vector<sae::network> nets = random_networks(opts);
    std::vector<unsigned char> bytes = saved_bytes();
    const std::size_t n_params = nets[0].n_params();

    const unsigned char magic[8] = {0x89, 'S', 'A', 'E', '\r', '\n', 0x1A, '\n'};
    ASSERT_EQ(bytes.size(), n_params_offset + 2 * (8 + 4 * n_params) + 4);
    EXPECT_EQ(std::memcmp(bytes.data(), magic, 8), 0);
    EXPECT_EQ(get_u32(bytes, version_offset), 2u);
    EXPECT_EQ(get_u32(bytes, width_offset), width);
    EXPECT_EQ(get_u32(bytes, options_offset), 2u);  // n_hidden comes first
    EXPECT_EQ(get_u32(bytes, options_offset + options_size - 4), 2u);  // ensemble_size last
    EXPECT_EQ(get_u32(bytes, n_items_offset), n_items);
    EXPECT_EQ(get_u32(bytes, n_params_offset), n_params);
    EXPECT_EQ(get_u32(bytes, n_params_offset + 4), 0u);

    float first = 0.0f;
    std::uint32_t bits = get_u32(bytes, params_offset);
    std::memcpy(&first, &bits, 4);
    EXPECT_EQ(first, nets[0].params()(0));

    // The second network follows with its own count.
    std::size_t second = params_offset + 4 * n_params;
    EXPECT_EQ(get_u32(bytes, second), n_params);
    bits = get_u32(bytes, second + 8);
    std::memcpy(&first, &bits, 4);
    EXPECT_EQ(first, nets[1].params()(0));

    uLong crc = crc32(crc32(0L, Z_NULL, 0), bytes.data(), uInt(bytes.size() - 4));
    EXPECT_EQ(get_u32(bytes, bytes.size() - 4), std::uint32_t(crc));
}

TEST(ModelFile, ReadsVersionOneFiles)
{
    // A version 1 file, built by hand from a version 2 one: options end after rating_max, there
    // is no n_items field, and a single network follows.
    sae_options opts = sae::seed_options();
    opts.n_hidden = 2;
    opts.hidden_sizes[0] = 4;
    opts.hidden_sizes[1] = 6;
    opts.learning_rate = 0.02;
    opts.clip_predictions = 1;
    sae::network net(width, opts);
    net.initialise(5);
    unit_test::scratch_dir dir;
    std::string path = dir.file("v2.sae");
    sae::save_model(path, opts, {net}, width);
    std::vector<unsigned char> v2 = unit_test::read_bytes(path);

    std::vector<unsigned char> v1(v2.begin(), v2.begin() + options_offset + v1_options_size);
    put_u32(v1, version_offset, 1);
    v1.insert(v1.end(), v2.begin() + n_params_offset, v2.end());
    reseal(v1);
    unit_test::write_bytes(path, v1);
    sae::stored_model loaded = sae::load_model(path);

    // The fields version 1 lacks come back as the notebook's, which is what wrote such files.
    expect_same_options(loaded.options, opts);
    EXPECT_EQ(loaded.n_items, width);
    ASSERT_EQ(loaded.nets.size(), 1u);
    EXPECT_TRUE(same_params(loaded.nets[0], net));
}

TEST(ModelFile, FlippedByteFailsTheChecksum)
{
    const std::vector<unsigned char> good = saved_bytes();

    // Anywhere after the version field: options, counts, parameters and the CRC itself.
    for (std::size_t offset : {width_offset, options_offset + 40, n_items_offset, n_params_offset,
                               params_offset, good.size() / 2, good.size() - 5, good.size() - 1})
    {
        SCOPED_TRACE("offset " + std::to_string(offset));
        std::vector<unsigned char> bytes = good;
        bytes[offset] ^= 0x10;
        expect_load_failure(bytes, SAE_ERR_FORMAT, {"checksum"});
    }
}

TEST(ModelFile, TruncatedFileIsAFormatError)
{
    const std::vector<unsigned char> good = saved_bytes();

    for (std::size_t size : {std::size_t(0), std::size_t(5), std::size_t(8), std::size_t(12),
                             std::size_t(19), std::size_t(20), params_offset, good.size() - 4,
                             good.size() - 1})
    {
        SCOPED_TRACE("size " + std::to_string(size));
        expect_load_failure(std::vector<unsigned char>(good.begin(), good.begin() + size),
                            SAE_ERR_FORMAT, {});
    }
}

TEST(ModelFile, WrongMagicIsAFormatError)
{
    std::vector<unsigned char> bytes = saved_bytes();
    bytes[1] = 'T';
    expect_load_failure(bytes, SAE_ERR_FORMAT, {"magic"});

    // A text file converted CR LF → LF loses a byte of the magic.
    bytes = saved_bytes();
    bytes.erase(bytes.begin() + 4);
    expect_load_failure(bytes, SAE_ERR_FORMAT, {"magic"});

    std::string text = "1\t2\t3\t1500000000\n1\t3\t4\t1500001111\n";
    expect_load_failure(std::vector<unsigned char>(text.begin(), text.end()), SAE_ERR_FORMAT,
                        {"magic"});
}

TEST(ModelFile, UnknownVersionIsAVersionError)
{
    for (std::uint32_t version : {99u, 3u, 0u})
    {
        SCOPED_TRACE("version " + std::to_string(version));

        // With a valid checksum, so that only the version is wrong.
        std::vector<unsigned char> bytes = saved_bytes();
        put_u32(bytes, version_offset, version);
        reseal(bytes);
        expect_load_failure(bytes, SAE_ERR_VERSION, {"version " + std::to_string(version)});

        // The version is read before the checksum, so a newer file is reported as newer even if
        // its checksum covers something this build does not understand.
        bytes = saved_bytes();
        put_u32(bytes, version_offset, version);
        expect_load_failure(bytes, SAE_ERR_VERSION, {"version " + std::to_string(version)});
    }
}

TEST(ModelFile, SealedButInconsistentContentIsAFormatError)
{
    // Each edit keeps a valid checksum, so only the checks behind it can catch the problem.
    std::vector<unsigned char> bytes = saved_bytes();
    put_u32(bytes, options_offset, 0);  // n_hidden = 0
    reseal(bytes);
    expect_load_failure(bytes, SAE_ERR_FORMAT, {"n_hidden"});

    bytes = saved_bytes();
    put_u32(bytes, width_offset, width + 1);
    reseal(bytes);
    expect_load_failure(bytes, SAE_ERR_FORMAT, {"parameters"});

    bytes = saved_bytes();
    put_u32(bytes, n_items_offset, 0);
    reseal(bytes);
    expect_load_failure(bytes, SAE_ERR_FORMAT, {"n_items 0"});

    bytes = saved_bytes();
    put_u32(bytes, n_params_offset, get_u32(bytes, n_params_offset) + 1);
    reseal(bytes);
    expect_load_failure(bytes, SAE_ERR_FORMAT, {"parameters"});

    bytes = saved_bytes();
    put_u32(bytes, params_offset + 4 * 5, 0x7FC00000u);  // a quiet NaN in parameter 5
    reseal(bytes);
    expect_load_failure(bytes, SAE_ERR_FORMAT, {"parameter 5", "not finite"});

    bytes = saved_bytes();
    bytes.insert(bytes.end() - 4, {0, 0, 0, 0});
    reseal(bytes);
    expect_load_failure(bytes, SAE_ERR_FORMAT, {"4 bytes after"});
}

TEST(ModelFile, SaveReplacesAnExistingFileAndLeavesNoTemporaryFiles)
{
    sae_options opts = unusual_options();
    std::vector<sae::network> nets = random_networks(opts);
    unit_test::scratch_dir dir;
    std::string path = dir.file("model.sae");
    unit_test::write_bytes(path, std::string(100000, 'x'));

    sae::save_model(path, opts, nets, n_items);
    nets[1].params()(0) += 1.0f;
    sae::save_model(path, opts, nets, n_items);

    EXPECT_EQ(dir.listing(), std::vector<std::string>{"model.sae"});
    sae::stored_model loaded = sae::load_model(path);
    ASSERT_EQ(loaded.nets.size(), 2u);
    EXPECT_TRUE(same_params(loaded.nets[1], nets[1]));
}

TEST(ModelFile, SaveIntoAMissingFolderFailsAndCreatesNothing)
{
    sae_options opts = unusual_options();
    unit_test::scratch_dir dir;
    std::string path = (dir.path() / "missing" / "model.sae").string();

    try
    {
        sae::save_model(path, opts, random_networks(opts), n_items);
        FAIL() << "saved into a folder that does not exist";
    }
    catch (const sae::error& e)
    {
        EXPECT_EQ(e.status(), SAE_ERR_IO) << e.what();
        EXPECT_TRUE(unit_test::contains(e.what(), path)) << e.what();
    }

    EXPECT_TRUE(dir.listing().empty());
}

TEST(ModelFile, MissingFileOrFolderIsAnIoError)
{
    unit_test::scratch_dir dir;

    for (const std::string& path : {dir.file("absent.sae"), dir.path().string()})
    {
        try
        {
            (void)sae::load_model(path);
            ADD_FAILURE() << "loaded " << path;
        }
        catch (const sae::error& e)
        {
            EXPECT_EQ(e.status(), SAE_ERR_IO) << e.what();
            EXPECT_TRUE(unit_test::contains(e.what(), path)) << e.what();
        }
    }
}

TEST(ModelFile, SaveGivesTheModeOfTheReplacedFileOrOfANewFile)
{
    sae_options opts = unusual_options();
    std::vector<sae::network> nets = random_networks(opts);
    unit_test::scratch_dir dir;
    namespace fs = std::filesystem;

    // A new file gets 0666 less the umask, as open() would give it, not mkstemp()'s 0600. The
    // umask is read by setting it, which is safe here: this test runs no other thread.
    mode_t mask = ::umask(022);
    ::umask(mask);
    std::string fresh = dir.file("fresh.sae");
    sae::save_model(fresh, opts, nets, n_items);
    EXPECT_EQ(unsigned(fs::status(fresh).permissions()), unsigned(0666 & ~mask));

    // A replaced file keeps its own permissions.
    std::string kept = dir.file("kept.sae");
    unit_test::write_bytes(kept, std::string("old"));
    fs::permissions(kept, fs::perms(0640));
    sae::save_model(kept, opts, nets, n_items);
    EXPECT_EQ(unsigned(fs::status(kept).permissions()), 0640u);
    EXPECT_EQ(sae::load_model(kept).nets.size(), 2u);
}
