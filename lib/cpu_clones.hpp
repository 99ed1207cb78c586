/// @file cpu_clones.hpp
/// @brief SAE_CPU_CLONES: compile a hot loop for several instruction sets, picked at load time.
///
/// The installed library stays portable (no -march), yet its hot loops run 16 floats a step
/// where AVX-512 exists and 8 where AVX2 does. Clones must not change results: the code is
/// built with -ffp-contract=off and without reassociation, so a wider register only computes
/// more of the same independent operations at once.
#ifndef SAE_LIB_CPU_CLONES_HPP
#define SAE_LIB_CPU_CLONES_HPP

// Not under ThreadSanitizer: the clone is picked by an ifunc resolver that the dynamic loader
// runs before the sanitizer's runtime has started, and the instrumented resolver crashes.
// Clang's target_clones needs a newer release than Debian's to build these reliably.
#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__) \
    && !defined(__SANITIZE_THREAD__)
#define SAE_CPU_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define SAE_CPU_CLONES
#endif

#endif
