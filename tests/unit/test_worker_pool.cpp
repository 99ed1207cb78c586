#include <gtest/gtest.h>

#include <atomic>
#include <vector>

#include "worker_pool.hpp"

namespace
{

struct tally
{
    std::vector<std::atomic<int>> runs;
    unsigned seen_parts = 0;

    explicit tally(std::size_t n) : runs(n) {}
};

void count_part(void* context, unsigned part, unsigned n_parts)
{
    auto* t = static_cast<tally*>(context);
    t->runs[part].fetch_add(1);
    EXPECT_EQ(n_parts, t->runs.size());
}

}  // namespace

TEST(WorkerPool, RunsEveryPartExactlyOncePerTask)
{
    sae::worker_pool pool(3);
    ASSERT_EQ(pool.size(), 3u);

    // Many short tasks in a row, as training issues them: a part lost or run twice by a worker
    // that woke late would show up in the counts.
    constexpr int tasks = 2000;
    tally t(7);
    for (int task = 0; task < tasks; ++task)
    {
        pool.run(count_part, &t, 7);
    }

    for (std::size_t part = 0; part < t.runs.size(); ++part)
    {
        EXPECT_EQ(t.runs[part].load(), tasks) << "part " << part;
    }
}

TEST(WorkerPool, RunsTasksOfManyMorePartsThanThreads)
{
    // Far more parts than the pool keeps claims for at once, so the task runs in batches.
    sae::worker_pool pool(2);
    constexpr int tasks = 50;
    tally t(1001);
    for (int task = 0; task < tasks; ++task)
    {
        pool.run(count_part, &t, 1001);
    }

    for (std::size_t part = 0; part < t.runs.size(); ++part)
    {
        EXPECT_EQ(t.runs[part].load(), tasks) << "part " << part;
    }
}

TEST(WorkerPool, OneThreadRunsOnTheCaller)
{
    sae::worker_pool pool(1);
    tally t(4);

    pool.run(count_part, &t, 4);

    EXPECT_EQ(pool.size(), 1u);
    for (const auto& runs : t.runs)
    {
        EXPECT_EQ(runs.load(), 1);
    }
}

TEST(WorkerPool, ZeroThreadsMeansEveryCore)
{
    EXPECT_GE(sae::resolve_threads(0), 1u);
    EXPECT_EQ(sae::resolve_threads(3), 3u);
}
