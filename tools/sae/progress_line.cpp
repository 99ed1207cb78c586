#include "progress_line.hpp"

#include <algorithm>
#include <cstdio>
#include <string>
#include <unistd.h>

#include "duration.hpp"

namespace sae_cli
{

namespace
{

/// Decimal digits of `value`, so that epoch counters keep their width as they grow.
int digits(uint32_t value)
{
    int count = 1;
    for (; value >= 10; value /= 10)
    {
        ++count;
    }
    return count;
}

}  // namespace

progress_line::progress_line(uint32_t n_networks)
    : m_rewrite(isatty(fileno(stderr)) != 0)
    , m_name_networks(n_networks > 1)
{
}

progress_line::~progress_line()
{
    finish();
}

int progress_line::on_epoch(const sae_epoch_report* report, void* user_data)
{
    static_cast<progress_line*>(user_data)->show(*report);
    return 0;
}

void progress_line::finish()
{
    if (m_open)
    {
        std::fputc('\n', stderr);
        m_open = false;
    }
}

void progress_line::show(const sae_epoch_report& report)
{
    // Each network of an ensemble restarts its epochs and its clock.
    if (m_first_epoch == 0 || report.ensemble_member != m_member)
    {
        m_member = report.ensemble_member;
        m_first_epoch = report.epoch;
        m_first_elapsed = report.elapsed_seconds;
    }

    const std::string elapsed = format_duration(report.elapsed_seconds);
    const std::string eta = format_duration(remaining_seconds(report));

    // "\033[K" clears what a longer previous line left behind.
    const char* start = m_rewrite ? "\r\033[K" : "";
    const char* end = m_rewrite ? "" : "\n";
    std::string validation;
    if (report.best_epoch > 0)
    {
        char text[64];
        std::snprintf(text, sizeof text, "  validation RMSE %.4f (best %u)",
                      report.validation_rmse, report.best_epoch);
        validation = text;
        m_chosen.resize(std::max<std::size_t>(m_chosen.size(), report.ensemble_member));
        m_chosen[report.ensemble_member - 1] = report.best_epoch;
    }
    std::string network;
    if (m_name_networks)
    {
        network = "network " + std::to_string(report.ensemble_member) + "  ";
    }

    std::fprintf(stderr, "%s%sepoch %*u/%u  train loss %.4f%s  elapsed %s  eta %s%s", start,
                 network.c_str(), digits(report.n_epochs), report.epoch, report.n_epochs,
                 report.train_loss, validation.c_str(), elapsed.c_str(), eta.c_str(), end);
    std::fflush(stderr);
    m_open = m_rewrite;
}

double progress_line::remaining_seconds(const sae_epoch_report& report) const
{
    const uint32_t left = report.n_epochs > report.epoch ? report.n_epochs - report.epoch : 0;

    // The first epoch also pays for setting training up, so the pace is measured from its end
    // once a later epoch has finished; epochs after it take about the same time each.
    double per_epoch = report.epoch > 0 ? report.elapsed_seconds / report.epoch : 0.0;
    if (report.epoch > m_first_epoch)
    {
        per_epoch = (report.elapsed_seconds - m_first_elapsed) / (report.epoch - m_first_epoch);
    }
    return per_epoch * left;
}

}  // namespace sae_cli
