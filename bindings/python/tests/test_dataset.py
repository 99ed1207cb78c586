"""Data sets from files and arrays."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import sae


def test_load_reads_the_tiny_file(tiny_path: Path) -> None:
    triples = [line.split()[:3] for line in tiny_path.read_text().splitlines() if line.strip()]
    users = [int(t[0]) for t in triples]
    items = [int(t[1]) for t in triples]

    with sae.Dataset.load(tiny_path) as dataset:
        assert dataset.n_ratings == len(triples) == len(dataset)
        assert dataset.shape == (max(users), max(items))
        user, item, rating = triples[0]
        assert dataset.user_row(int(user))[int(item) - 1] == np.float32(rating)


def test_from_arrays_builds_dense_rows() -> None:
    with sae.Dataset.from_arrays([1, 2, 2], [3, 1, 2], [4.0, 5.0, 1.5]) as dataset:
        assert dataset.shape == (2, 3)
        assert dataset.n_ratings == 3
        row = dataset.user_row(2)
        assert row.dtype == np.float32
        np.testing.assert_array_equal(row, np.array([5.0, 1.5, 0.0], dtype=np.float32))


def test_from_arrays_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="length"):
        sae.Dataset.from_arrays([1, 2], [1], [3.0])
    with pytest.raises(TypeError):
        sae.Dataset.from_arrays([1.5], [1], [3.0])
    with pytest.raises(sae.InvalidArgumentError) as caught:
        sae.Dataset.from_arrays([1], [1], [np.nan])
    assert "nan" in caught.value.message.lower()


def test_resize_widens_the_shape() -> None:
    with sae.Dataset.from_arrays([1], [2], [3.0]) as dataset:
        dataset.resize(4, 5)

        assert dataset.shape == (4, 5)
        with pytest.raises(sae.DimensionError):
            dataset.resize(1, 1)


def test_user_row_out_of_range_is_an_error(tiny: sae.Dataset) -> None:
    with pytest.raises(sae.SaeError):
        tiny.user_row(tiny.n_users + 1)


def test_closed_dataset_raises_value_error(tiny_path: Path) -> None:
    dataset = sae.Dataset.load(tiny_path)
    dataset.close()

    with pytest.raises(ValueError, match="closed"):
        _ = dataset.n_users
