#include "masked_loss.hpp"

namespace sae
{

double masked_squared_error(const float* predicted,
                            const float* target,
                            std::size_t n,
                            std::uint32_t n_items,
                            float* gradient) noexcept
{
    const float scale = 2.0f / float(n_items);
    double sum = 0.0;

    for (std::size_t k = 0; k < n; ++k)
    {
        float error = predicted[k] - target[k];
        sum += double(error) * double(error);
        gradient[k] = scale * error;
    }
    return sum;
}

}  // namespace sae
