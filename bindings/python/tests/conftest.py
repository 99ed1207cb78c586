"""Shared fixtures: the tiny ratings file, the C reference files and a model trained on them."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import pytest

import sae
from support import small_options

REPOSITORY = Path(__file__).resolve().parents[3]


def _required_file(variable: str, fallback: Path | None = None) -> Path:
    """A file named by an environment variable; missing is a failure under CI, else a skip."""
    value = os.environ.get(variable)
    path = Path(value) if value else fallback
    if path is not None and path.is_file():
        return path

    reason = f"{variable} is not set or names no file (meson test sets it)"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture()
def tiny_path() -> Path:
    return _required_file("SAE_TINY_RATINGS", REPOSITORY / "tests" / "data" / "tiny.data")


@pytest.fixture()
def reference_model_path() -> Path:
    return _required_file("SAE_REFERENCE_MODEL")


@pytest.fixture()
def reference_predictions_path() -> Path:
    return _required_file("SAE_REFERENCE_PREDICTIONS")


@pytest.fixture()
def tiny(tiny_path: Path) -> Iterator[sae.Dataset]:
    with sae.Dataset.load(tiny_path) as dataset:
        yield dataset


@pytest.fixture()
def trained(tiny: sae.Dataset) -> Iterator[sae.Model]:
    with sae.Model(small_options()) as model:
        model.fit(tiny)
        yield model
