"""Training, prediction, scoring and model files on the tiny ratings file."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

import sae
from support import small_options


def _dense(dataset: sae.Dataset) -> np.ndarray:
    return np.stack([dataset.user_row(user) for user in range(1, dataset.n_users + 1)])


def test_fit_then_predict_gives_one_float32_row(tiny: sae.Dataset) -> None:
    with sae.Model(small_options()) as model:
        assert model.n_items == 0

        model.fit(tiny)

        assert model.n_items == tiny.n_items
        predicted = model.predict(tiny.user_row(1))
        assert predicted.dtype == np.float32
        assert predicted.shape == (tiny.n_items,)
        assert np.all(np.isfinite(predicted))


def test_predict_accepts_lists_and_other_dtypes(trained: sae.Model, tiny: sae.Dataset) -> None:
    row = tiny.user_row(2)

    expected = trained.predict(row)

    np.testing.assert_array_equal(trained.predict(row.astype(np.float64)), expected)
    np.testing.assert_array_equal(trained.predict(row.tolist()), expected)
    np.testing.assert_array_equal(trained.predict(row[::-1].copy()[::-1]), expected)


def test_predict_of_a_matrix_predicts_each_row(trained: sae.Model, tiny: sae.Dataset) -> None:
    rows = _dense(tiny)

    predicted = trained.predict(rows)

    assert predicted.shape == rows.shape
    for index, row in enumerate(rows):
        np.testing.assert_array_equal(predicted[index], trained.predict(row))


def test_predict_users_matches_predict(trained: sae.Model, tiny: sae.Dataset) -> None:
    users = [3, 1, 4]

    predicted = trained.predict_users(tiny, users)

    assert predicted.shape == (3, tiny.n_items)
    for index, user in enumerate(users):
        # A batch goes through a matrix product, a row through a vector product: the sums may
        # round differently in the last bit.
        expected = trained.predict(tiny.user_row(user))
        np.testing.assert_allclose(predicted[index], expected, rtol=1e-6, atol=1e-6)


def test_rmse_matches_a_numpy_computation(trained: sae.Model, tiny: sae.Dataset) -> None:
    rows = _dense(tiny)
    known = rows > 0
    predicted = trained.predict(rows).astype(np.float64)
    expected = math.sqrt(np.mean((predicted[known] - rows[known]) ** 2))

    rmse = trained.rmse(tiny, tiny)
    metrics = trained.evaluate(tiny, tiny)

    assert rmse == pytest.approx(expected, rel=1e-5)
    assert metrics.rmse == pytest.approx(rmse, rel=1e-12)
    assert metrics.n_ratings == tiny.n_ratings
    assert metrics.mae <= metrics.rmse


def test_training_lowers_the_rmse(tiny: sae.Dataset) -> None:
    with sae.Model(small_options(epochs=1)) as short, sae.Model(small_options(epochs=200)) as long:
        short.fit(tiny)
        long.fit(tiny)

        assert long.rmse(tiny, tiny) < short.rmse(tiny, tiny)


def test_save_and_load_keep_predictions_and_options(
    trained: sae.Model, tiny: sae.Dataset, tmp_path: Path
) -> None:
    path = tmp_path / "model.sae"

    trained.save(path)

    with sae.Model.load(path) as loaded:
        assert loaded.n_items == trained.n_items
        assert loaded.options == trained.options
        for user in range(1, tiny.n_users + 1):
            row = tiny.user_row(user)
            np.testing.assert_array_equal(loaded.predict(row), trained.predict(row))


def test_options_round_trip_through_the_model() -> None:
    options = sae.Options("seed", epochs=3, hidden_sizes=[7, 5], learning_rate=0.002)

    with sae.Model(options) as model:
        back = model.options

    assert back.epochs == 3
    assert back.n_hidden == 2
    assert back.hidden_sizes == [7, 5]
    assert back.learning_rate == 0.002


def test_model_keyword_overrides_do_not_change_the_options_given() -> None:
    options = sae.Options(epochs=5)

    with sae.Model(options, epochs=9) as model:
        assert model.options.epochs == 9

    assert options.epochs == 5


def test_closed_model_raises_value_error(tiny: sae.Dataset) -> None:
    model = sae.Model(small_options())
    model.close()
    model.close()

    with pytest.raises(ValueError, match="closed"):
        model.fit(tiny)
    assert "closed" in repr(model)


def test_context_manager_closes(tiny: sae.Dataset) -> None:
    with sae.Model(small_options()) as model:
        pass

    with pytest.raises(ValueError, match="closed"):
        _ = model.n_items
