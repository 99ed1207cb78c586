"""Predictions from several threads on one model agree with single-threaded ones."""

from __future__ import annotations

import concurrent.futures

import numpy as np

import sae

THREADS = 8
ROUNDS = 200


def test_concurrent_predict_matches_serial(trained: sae.Model, tiny: sae.Dataset) -> None:
    rows = [tiny.user_row(user) for user in range(1, tiny.n_users + 1)]
    expected = [trained.predict(row) for row in rows]

    def work(offset: int) -> int:
        mismatches = 0
        for step in range(ROUNDS):
            index = (offset + step) % len(rows)
            if not np.array_equal(trained.predict(rows[index]), expected[index]):
                mismatches += 1
        return mismatches

    with concurrent.futures.ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = list(pool.map(work, range(THREADS)))

    assert results == [0] * THREADS


def test_errors_stay_on_their_own_thread(trained: sae.Model, tiny: sae.Dataset) -> None:
    good = tiny.user_row(1)
    bad = np.zeros(trained.n_items + 3, dtype=np.float32)

    def work(index: int) -> str:
        for _ in range(ROUNDS // 4):
            if index % 2:
                try:
                    trained.predict(bad)
                except sae.DimensionError as error:
                    if not error.message:
                        return "empty message"
                else:
                    return "no error"
            else:
                trained.predict(good)
        return "ok"

    with concurrent.futures.ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = list(pool.map(work, range(THREADS)))

    assert results == ["ok"] * THREADS
