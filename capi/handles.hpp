/// @file handles.hpp
/// @brief What the opaque C handles hold.
#ifndef SAE_CAPI_HANDLES_HPP
#define SAE_CAPI_HANDLES_HPP

#include <memory>

#include "autoencoder.hpp"
#include "ratings.hpp"

struct sae_dataset
{
    sae::ratings ratings;
};

struct sae_model
{
    std::unique_ptr<sae::autoencoder> model;
};

#endif
