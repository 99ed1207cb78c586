"""A model saved from C loads here and predicts bit for bit what C predicted."""

from __future__ import annotations

from pathlib import Path

import numpy as np

import sae


def _read_reference(path: Path) -> np.ndarray:
    lines = path.read_text().splitlines()
    n_users, n_items = (int(field) for field in lines[0].split())
    # %.9g round-trips a float exactly through a double.
    rows = np.array([line.split() for line in lines[1:]], dtype=np.float64).astype(np.float32)
    assert rows.shape == (n_users, n_items)
    return rows


def test_reference_model_predicts_exactly_as_in_c(
    reference_model_path: Path, reference_predictions_path: Path, tiny: sae.Dataset
) -> None:
    expected = _read_reference(reference_predictions_path)

    with sae.Model.load(reference_model_path) as model:
        assert model.n_items == tiny.n_items == expected.shape[1]
        assert tiny.n_users == expected.shape[0]
        for user in range(1, tiny.n_users + 1):
            predicted = model.predict(tiny.user_row(user))
            assert predicted.view(np.uint32).tolist() == expected[user - 1].view(
                np.uint32
            ).tolist(), f"user {user}"


def test_reference_model_survives_a_python_save(
    reference_model_path: Path, tiny: sae.Dataset, tmp_path: Path
) -> None:
    with sae.Model.load(reference_model_path) as model:
        model.save(tmp_path / "again.sae")
        with sae.Model.load(tmp_path / "again.sae") as again:
            row = tiny.user_row(1)
            np.testing.assert_array_equal(again.predict(row), model.predict(row))
