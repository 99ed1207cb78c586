// Compiles sae.h as strict C++ with every warning an error, and checks the C linkage works.
#include <sae.h>

#include <cstdio>
#include <cstring>

int main()
{
    int failures = 0;

    if (std::strcmp(sae_version(), SAE_VERSION_STRING) != 0)
    {
        std::fprintf(stderr, "FAILED: sae_version() is %s, the header says %s\n", sae_version(),
                     SAE_VERSION_STRING);
        ++failures;
    }

    if (sae_version_number() != SAE_VERSION_NUMBER)
    {
        std::fprintf(stderr, "FAILED: sae_version_number() is %u\n",
                     static_cast<unsigned>(sae_version_number()));
        ++failures;
    }

    sae_options opts;
    sae_options_default(&opts);
    sae_model* model = nullptr;
    if (sae_create(&model, &opts) != SAE_OK)
    {
        std::fprintf(stderr, "FAILED: sae_create(): %s\n", sae_last_error());
        ++failures;
    }
    sae_free(model);

    return failures == 0 ? 0 : 1;
}
