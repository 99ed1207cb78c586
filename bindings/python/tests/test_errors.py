"""Every failure surfaces as an exception carrying libsae's status and message."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import sae
from support import small_options


def test_missing_ratings_file_names_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-ratings.data"

    with pytest.raises(sae.SaeIOError) as caught:
        sae.Dataset.load(missing)

    assert caught.value.status == sae.Status.IO
    assert str(missing) in caught.value.message
    assert str(missing) in str(caught.value)
    assert isinstance(caught.value, sae.SaeError)


def test_malformed_ratings_file_names_the_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.data"
    bad.write_text("1\t1\t4\n1\t2\tfive\n")

    with pytest.raises(sae.ParseError) as caught:
        sae.Dataset.load(bad)

    assert caught.value.status == sae.Status.PARSE
    assert str(bad) in caught.value.message
    assert "2" in caught.value.message


def test_missing_split_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(sae.SaeIOError, match="u9"):
        sae.Dataset.load_split(tmp_path, "u9")


def test_unknown_preset_is_quoted() -> None:
    with pytest.raises(sae.InvalidArgumentError, match="no-such-preset") as caught:
        sae.Options("no-such-preset")

    assert isinstance(caught.value, ValueError)
    assert caught.value.status == sae.Status.INVALID_ARGUMENT


def test_invalid_option_names_the_field() -> None:
    with pytest.raises(sae.InvalidArgumentError, match="learning_rate"):
        sae.Model(learning_rate=-1.0)


def test_option_out_of_its_field_range_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="epochs"):
        sae.Options(epochs=-1)
    with pytest.raises(ValueError, match=r"hidden_sizes\[1\]"):
        sae.Options(hidden_sizes=[4, 2**32])
    with pytest.raises(TypeError):
        sae.Options(epochs=2.5)


def test_unknown_option_field_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="learning_rat"):
        sae.Options(learning_rat=0.1)


def test_predict_before_fit_is_a_state_error() -> None:
    with sae.Model(small_options()) as model:
        with pytest.raises(sae.StateError) as caught:
            model.predict(np.zeros(8, dtype=np.float32))

    assert caught.value.status == sae.Status.STATE
    assert caught.value.message


def test_wrong_row_length_is_a_dimension_error(trained: sae.Model) -> None:
    with pytest.raises(sae.DimensionError) as caught:
        trained.predict(np.zeros(trained.n_items + 1, dtype=np.float32))

    assert caught.value.status == sae.Status.DIMENSION
    assert str(trained.n_items) in caught.value.message


def test_nan_rating_is_an_invalid_argument(trained: sae.Model) -> None:
    row = np.zeros(trained.n_items, dtype=np.float32)
    row[0] = np.nan

    with pytest.raises(sae.InvalidArgumentError):
        trained.predict(row)


def test_non_numeric_input_is_a_type_error(trained: sae.Model) -> None:
    with pytest.raises(TypeError):
        trained.predict(["a"] * trained.n_items)
    with pytest.raises(ValueError, match="dimension"):
        trained.predict(np.zeros((2, 2, 2)))


def test_loading_a_ratings_file_as_a_model_is_a_format_error(tiny_path: Path) -> None:
    with pytest.raises(sae.FormatError) as caught:
        sae.Model.load(tiny_path)

    assert caught.value.status == sae.Status.FORMAT


def test_failed_call_leaves_no_stale_message_for_the_next(tmp_path: Path, tiny_path: Path) -> None:
    with pytest.raises(sae.SaeIOError):
        sae.Dataset.load(tmp_path / "missing.data")

    with sae.Dataset.load(tiny_path) as dataset:
        assert dataset.n_ratings > 0


def test_unknown_status_still_gives_an_sae_error() -> None:
    error = sae.errors.error_for(-55, "from the future")

    assert type(error) is sae.SaeError
    assert error.status == -55
    assert "from the future" in str(error)


def test_status_string_comes_from_the_library() -> None:
    assert sae.status_string(sae.Status.CANCELLED) != sae.status_string(sae.Status.IO)
    assert sae.status_string(12345)
