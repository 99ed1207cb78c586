#ifndef SAE_CLI_PROGRESS_LINE_HPP
#define SAE_CLI_PROGRESS_LINE_HPP

#include <cstdint>
#include <vector>

#include <sae.h>

namespace sae_cli
{

/// Shows training progress on stderr, one report per epoch.
///
/// On a terminal the report rewrites a single line in place; anywhere else (a log file, a
/// pipe) each epoch gets its own line, since carriage returns would garble the log.
class progress_line
{
public:
    /// `n_networks` is the ensemble size; with more than one, every line names its network.
    explicit progress_line(uint32_t n_networks);
    ~progress_line();

    progress_line(const progress_line&) = delete;
    progress_line& operator=(const progress_line&) = delete;

    /// A #sae_progress_fn; `user_data` must point to a progress_line.
    static int on_epoch(const sae_epoch_report* report, void* user_data);

    /// Ends a line left open on the terminal, so that whatever follows starts on its own.
    void finish();

    /// Epoch each network of the model ended with, as chosen on validation ratings; empty when
    /// the model trains without validation.
    [[nodiscard]] const std::vector<uint32_t>& chosen_epochs() const { return m_chosen; }

private:
    void show(const sae_epoch_report& report);

    /// Estimated seconds left after `report`.
    [[nodiscard]] double remaining_seconds(const sae_epoch_report& report) const;

    bool m_rewrite;
    bool m_name_networks;
    bool m_open = false;
    /// The first report seen, once there is one: the start of the ETA's time base.
    uint32_t m_first_epoch = 0;
    double m_first_elapsed = 0.0;
    uint32_t m_member = 0;
    std::vector<uint32_t> m_chosen;
};

}  // namespace sae_cli

#endif
